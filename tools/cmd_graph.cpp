// aktkoll graph RULES [--case ID] CASES: the process as Graphviz DOT (and
// SVG when Graphviz is installed), coloured by each step's status.
#include <fstream>
#include <iostream>

#include <fmt/core.h>

#include "engine/compile.hpp"
#include "tools/output.hpp"
#include "tools/process_picture.hpp"
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

// The process named by --process, else the first; -1 after an error message.
int chosen_process(const RuleSet& rules, const Args& args) {
    if (rules.processes.empty()) {
        std::cerr << tr(args.lang, "aktkoll: reglerna har ingen process\n", "aktkoll: the rules have no process\n");
        return -1;
    }
    auto name = args.value("--process");
    if (!name) return 0;
    for (size_t p = 0; p < rules.processes.size(); ++p)
        if (rules.processes[p].name == *name) return static_cast<int>(p);
    std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänd process '{}'\n", "aktkoll: unknown process '{}'\n")), *name);
    return -1;
}

// The picture: of the --case, of the counts over all cases, or of the steps
// alone when no cases are given. nullopt after an error message.
std::optional<std::string> picture(const RuleSet& rules, size_t p, const Inputs& in, const Args& args) {
    if (in.cases.empty()) return plain_process_dot(rules, p);
    report::StepTally tally;
    uint64_t cases = 0;
    std::optional<CaseResult> one;
    PipelineOptions options;
    options.today = evaluation_date();
    if (auto id = args.value("--case")) options.selection.ids = {*id};
    run_pipeline(rules, in.cases, options, [&](const CaseResult& c) {
        if (!one) one = c;
        tally.add(rules, c);
        ++cases;
    });
    if (auto id = args.value("--case")) {
        if (one) return case_process_dot(rules, p, *one, args.lang);
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: ärendet '{}' finns inte\n", "aktkoll: the case '{}' does not exist\n")), *id);
        return std::nullopt;
    }
    return cases ? tally_process_dot(rules, p, tally, cases, args.lang) : plain_process_dot(rules, p);
}

// DOT to the --output file, and SVG beside it when Graphviz runs.
int write_picture(const std::string& path, const std::string& dot, Lang lang) {
    if (!write_file(path, lang, [&](std::ostream& out) { out << dot; })) return kExitErrors;
    const std::string program = dot_program();
    if (program.empty()) {
        std::cerr << fmt::format(fmt::runtime(tr(lang, "skrev {} (installera graphviz för SVG)\n", "wrote {} (install graphviz for SVG)\n")), path);
        return kExitOk;
    }
    const std::string svg = path + ".svg";
    if (run_dot(program, path, svg)) std::cerr << fmt::format(fmt::runtime(tr(lang, "skrev {} och {}\n", "wrote {} and {}\n")), path, svg);
    return kExitOk;
}

}  // namespace

int run_graph(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (in.rules.empty()) {
        print_help(graph_spec(), args.lang);
        return kExitErrors;
    }
    auto rules = load_rules(in.rules, args);
    if (!rules) return kExitErrors;
    const int p = chosen_process(*rules, args);
    if (p < 0) return kExitErrors;
    const auto dot = picture(*rules, static_cast<size_t>(p), in, args);
    if (!dot) return kExitErrors;
    auto path = args.value("--output");
    if (!path) {
        std::cout << *dot;
        return kExitOk;
    }
    return write_picture(*path, *dot, args.lang);
}

}  // namespace aktkoll::cli
