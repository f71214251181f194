// aktkoll diff OLD_RULES NEW_RULES CASES... | RULES CASES... --param NAME=VALUE:
// which cases' answers change when the rules (or a parameter) change.
#include <iostream>

#include <fmt/core.h>

#include "authoring/diff.hpp"
#include "report/diff.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec diff_spec() {
    return {"diff",
            "aktkoll diff [flaggor] GAMLA_REGLER NYA_REGLER ÄRENDEN... | REGLER ÄRENDEN... --param NAMN=VÄRDE",
            "Vad ändras: ärenden vars svar ändras med nya regler eller en ändrad parameter",
            "What changes: cases whose answers change with new rules or a changed parameter",
            {
                {"--format", true, "terminal, md eller json (standard terminal)", "terminal, md or json (default terminal)"},
                {"--output", true, "skriv jämförelsen till FIL (atomärt) i stället för standard ut", "write the comparison to FILE (atomically) instead of standard output"},
                {"--param", true, "NAMN=VÄRDE: med en regelmapp jämförs reglerna utan och med ändringen; med två gäller den båda (kan upprepas)",
                 "NAME=VALUE: with one rule folder the rules are compared without and with the override; with two it applies to both (repeatable)"},
                {"--unit", true, "bara ärenden från enheten (kan upprepas)", "only cases of the unit (repeatable)"},
                {"--case", true, "bara ärendet ID (kan upprepas)", "only the case ID (repeatable)"},
                {"--period", true, "FRÅN..TILL: ärenden med någon händelse i perioden", "FROM..TO: cases with an event in the period"},
                {"--max-cases", true, "lista högst N ändrade ärenden per fråga (terminal, md; standard alla)", "list at most N changed cases per question (terminal, md; default all)"},
                {"--jobs", true, "antal trådar (standard: alla kärnor); per regeluppsättning när vokabulärerna skiljer sig",
                 "threads (default: all cores); per rule set when their vocabularies differ"},
            }};
}

namespace {

report::DiffSide side(const std::string& label, const RuleSet& rules) { return {label, rules.pack_name, rules.pack_version}; }

}  // namespace

int run_diff(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    const bool by_param = in.rules.size() == 1 && args.has("--param");
    if (in.cases.empty() || !(in.rules.size() == 2 || by_param)) {
        std::cerr << tr(args.lang, "aktkoll diff: ange två regeluppsättningar, eller en och --param, och minst en ärendefil\n",
                        "aktkoll diff: give two rule sets, or one and --param, and at least one case file\n");
        print_help(diff_spec(), args.lang);
        return kExitErrors;
    }
    report::Format format = report::Format::Terminal;
    if (auto f = args.value("--format")) {
        auto parsed = report::parse_format(*f);
        if (!parsed || (*parsed != report::Format::Terminal && *parsed != report::Format::Markdown && *parsed != report::Format::Json)) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänt format '{}' (terminal, md, json)\n",
                                                     "aktkoll: unknown format '{}' (terminal, md, json)\n")),
                                     *f);
            return kExitErrors;
        }
        format = *parsed;
    }
    auto selection = selection_from(args);
    auto jobs = jobs_from(args);
    if (!selection || !jobs) return kExitErrors;
    size_t max_listed = 0;
    if (auto v = args.value("--max-cases")) {
        try {
            size_t used = 0;
            long n = std::stol(*v, &used);
            if (used != v->size() || n < 0) throw std::invalid_argument(*v);
            max_listed = static_cast<size_t>(n);
        } catch (...) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: --max-cases ska vara ett heltal, inte '{}'\n",
                                                     "aktkoll: --max-cases takes a whole number, not '{}'\n")),
                                     *v);
            return kExitErrors;
        }
    }

    Args without_params = args;
    without_params.values.erase("--param");
    auto old_rules = load_rules({in.rules[0]}, by_param ? without_params : args);
    if (!old_rules) return kExitErrors;
    auto new_rules = load_rules({in.rules[by_param ? 0 : 1]}, args);
    if (!new_rules) return kExitErrors;

    report::DiffInfo info;
    info.old_side = side(in.rules[0], *old_rules);
    std::string new_label = in.rules[by_param ? 0 : 1];
    if (by_param)
        for (const auto& p : args.all("--param")) new_label += " --param " + p;
    info.new_side = side(new_label, *new_rules);
    info.case_files = in.cases;
    info.aktkoll_version = AKTKOLL_VERSION;
    info.max_listed = max_listed;

    PipelineOptions options;
    options.today = evaluation_date();
    options.jobs = *jobs;
    options.selection = *selection;
    const RuleSetDiff d = diff_rule_sets(*old_rules, *new_rules, in.cases, options);

    if (!write_output(args.value("--output"), args.lang,
                      [&](std::ostream& out) { report::write_diff(out, d, info, format, args.lang); }))
        return kExitErrors;
    if (d.old_report.stats.rejected || d.new_report.stats.rejected) {
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: {} poster avvisades (se aktkoll validate)\n",
                                                 "aktkoll: {} records were rejected (see aktkoll validate)\n")),
                                 std::max(d.old_report.stats.rejected, d.new_report.stats.rejected));
        return kExitErrors;
    }
    bool changed = d.cases_changed > 0 || !d.texts.empty();
    for (const auto& item : d.items) changed = changed || item.presence != DiffPresence::Both;
    return changed ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
