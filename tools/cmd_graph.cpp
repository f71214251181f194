// aktkoll graph RULES [--case ID] CASES: the process as Graphviz DOT (and
// SVG when Graphviz is installed), coloured by each step's status.
#include <cstdlib>
#include <fstream>
#include <iostream>

#include <fmt/core.h>

#include "engine/compile.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec graph_spec() {
    return {"graph",
            "aktkoll graph [flaggor] REGLER [ÄRENDEN]",
            "Processen som graf (Graphviz DOT, och SVG när dot finns), färgad efter stegens status",
            "The process as a graph (Graphviz DOT, and SVG when dot is installed), coloured by step status",
            {
                {"--case", true, "färga efter ärendet ID", "colour by the case ID"},
                {"--process", true, "processens namn (standard: den första)", "the process's name (default: the first)"},
                {"--output", true, "skriv DOT till FIL (och SVG bredvid när dot finns)", "write DOT to FILE (and SVG beside it when dot is installed)"},
                {"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"},
            }};
}

namespace {

const char* color_of(const StepResult& s) {
    switch (s.status) {
        case StepStatus::Present: return "#b7e1b0";
        case StepStatus::Missing: return s.root_cause < 0 ? "#f08080" : "#f8c8c8";
        case StepStatus::Late: return "#ffd27f";
        case StepStatus::OutOfOrder: return "#d7b5f0";
        case StepStatus::Unknown: return "#fff3b0";
        case StepStatus::NotRequired: return "#eeeeee";
    }
    return "";
}

}  // namespace

int run_graph(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (in.rules.empty()) {
        print_help(graph_spec(), args.lang);
        return kExitErrors;
    }
    const Lang lang = args.lang;
    auto rules = load_rules(in.rules, args);
    if (!rules) return kExitErrors;
    if (rules->processes.empty()) {
        std::cerr << tr(lang, "aktkoll: reglerna har ingen process\n", "aktkoll: the rules have no process\n");
        return kExitErrors;
    }
    size_t p = 0;
    if (auto name = args.value("--process")) {
        while (p < rules->processes.size() && rules->processes[p].name != *name) ++p;
        if (p == rules->processes.size()) {
            std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: okänd process '{}'\n", "aktkoll: unknown process '{}'\n")), *name);
            return kExitErrors;
        }
    }
    const ProcessInfo& process = rules->processes[p];
    std::vector<std::string> labels, colors(process.steps.size());
    std::vector<size_t> missing(process.steps.size()), root(process.steps.size()), late(process.steps.size());
    size_t cases = 0;
    std::optional<CaseResult> one;
    if (!in.cases.empty()) {
        PipelineOptions options;
        if (auto id = args.value("--case")) options.selection.ids = {*id};
        run_pipeline(*rules, in.cases, options, [&](const CaseResult& c) {
            ++cases;
            if (!one) one = c;
            const auto& steps = c.processes[p];
            for (size_t i = 0; i < steps.size(); ++i) {
                missing[i] += steps[i].status == StepStatus::Missing;
                root[i] += steps[i].status == StepStatus::Missing && steps[i].root_cause < 0;
                late[i] += steps[i].status == StepStatus::Late || steps[i].status == StepStatus::OutOfOrder;
            }
        });
        if (args.value("--case") && !one) {
            std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: ärendet '{}' finns inte\n", "aktkoll: the case '{}' does not exist\n")),
                                     *args.value("--case"));
            return kExitErrors;
        }
    }
    for (size_t i = 0; i < process.steps.size(); ++i) {
        std::string label = process.steps[i].name;
        if (args.value("--case") && one) {
            const StepResult& s = one->processes[p][i];
            label += "\n" + std::string(step_status_label(s.status, lang));
            if (s.date) label += "\n" + format_date(*s.date);
            if (s.status == StepStatus::Missing && s.root_cause >= 0)
                label += "\n" + fmt::format(fmt::runtime(tr(lang, "följer av {}", "follows from {}")),
                                            process.steps[static_cast<size_t>(s.root_cause)].name);
            colors[i] = color_of(s);
        } else if (cases > 0) {
            label += "\n" + fmt::format(fmt::runtime(tr(lang, "saknas {} av {} ({} grundorsak)\nsent/fel ordning {}",
                                                        "missing {} of {} ({} root cause)\nlate/out of order {}")),
                                        missing[i], cases, root[i], late[i]);
            colors[i] = root[i] ? "#f08080" : missing[i] ? "#f8c8c8" : late[i] ? "#ffd27f" : "#b7e1b0";
        }
        labels.push_back(std::move(label));
    }
    const std::string dot = rules->compiled->processes[p].graph.to_dot(process.name, labels, colors);
    auto path = args.value("--output");
    if (!path) {
        std::cout << dot;
        return kExitOk;
    }
    if (!write_file(*path, lang, [&](std::ostream& out) { out << dot; })) return kExitErrors;
    if (std::system("command -v dot >/dev/null 2>&1") == 0) {
        std::string svg = *path + ".svg";
        std::string cmd = "dot -Tsvg '" + *path + "' -o '" + svg + "'";
        if (path->find('\'') == std::string::npos && std::system(cmd.c_str()) == 0)
            std::cerr << fmt::format(fmt::runtime(tr(lang, "skrev {} och {}\n", "wrote {} and {}\n")), *path, svg);
    } else {
        std::cerr << fmt::format(fmt::runtime(tr(lang, "skrev {} (installera graphviz för SVG)\n", "wrote {} (install graphviz for SVG)\n")), *path);
    }
    return kExitOk;
}

}  // namespace aktkoll::cli
