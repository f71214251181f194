// aktkoll merge RULES PART.json...: sums partial results exactly.
#include <iostream>

#include <fmt/core.h>

#include "run/merge.hpp"
#include "report/report.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec merge_spec() {
    return {"merge",
            "aktkoll merge [flaggor] REGLER DELRESULTAT.json...",
            "Summera delresultat från 'check --partial' (ett stort uttag granskat i delar)",
            "Sum partial results from 'check --partial' (a large export checked in parts)",
            {
                {"--format", true, "terminal, md, csv, json eller html", "terminal, md, csv, json or html"},
                {"--output", true, "skriv till FIL (atomärt)", "write to FILE (atomically)"},
                {"--param", true, "NAMN=VÄRDE: samma parametrar som delarna kördes med", "NAME=VALUE: the parameters the parts were run with"},
            }};
}

int run_merge(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (!check_inputs(in, args.lang)) return kExitErrors;
    if (in.rules.empty() || in.cases.empty()) {
        print_help(merge_spec(), args.lang);
        return kExitErrors;
    }
    auto chosen_format = report_options(args);
    if (!chosen_format) return kExitErrors;
    report::Options opt = *chosen_format;
    auto rules = load_rules(in.rules, args);
    if (!rules) return kExitErrors;
    MergedRun merged;
    for (const auto& part : in.cases) {
        if (auto error = merge_partial(part, *rules, merged, args.lang)) {
            std::cerr << "aktkoll merge: " << *error << "\n";
            return kExitErrors;
        }
    }
    RunInfo run = make_run_info({}, PipelineReport{}, "", evaluation_date());
    run.input_files = merged.run.input_files;
    run.stats = merged.run.stats;
    auto write = [&](std::ostream& out) { report::write_totals(out, *rules, merged.totals, run, opt); };
    if (!write_output(args.value("--output"), args.lang, write)) return kExitErrors;
    if (run.stats.rejected) {
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll merge: {} poster avvisades i delarna (se delresultaten)\n",
                                                 "aktkoll merge: {} records were rejected in the parts (see the parts)\n")),
                                 run.stats.rejected);
        return kExitErrors;
    }
    bool any_nej = false;
    for (size_t i = 0; i < rules->rules.size(); ++i)
        any_nej = any_nej || (!rules->rules[i].disabled && merged.totals.per_rule[i].of(Outcome::Nej) > 0);
    return any_nej ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
