// aktkoll explain RULES CASES --case ID [--rule ID]: why each outcome.
#include <iostream>

#include <fmt/core.h>
#include <fmt/format.h>

#include "report/report.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec explain_spec() {
    return {"explain",
            "aktkoll explain [flaggor] REGLER ÄRENDEN --case ID",
            "Förklara ett ärendes utfall: vilka värden och händelser villkoren såg",
            "Explain a case's outcomes: which values and events the conditions looked at",
            {
                {"--case", true, "ärendets id (krävs)", "the case id (required)"},
                {"--rule", true, "bara regeln ID (kan upprepas)", "only the rule ID (repeatable)"},
                {"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"},
                {"--format", true, "terminal, md, json eller html", "terminal, md, json or html"},
            }};
}

int run_explain(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    auto id = args.value("--case");
    if (in.rules.empty() || in.cases.empty() || !id) {
        print_help(explain_spec(), args.lang);
        return kExitErrors;
    }
    auto chosen_format = report_options(args);
    if (!chosen_format) return kExitErrors;
    report::Options opt = *chosen_format;
    opt.color = opt.format == report::Format::Terminal && stdout_is_tty();
    auto rules = load_rules(in.rules, args);
    if (!rules) return kExitErrors;
    std::vector<int> indices;
    for (const auto& r : args.all("--rule")) {
        int i = rules->rule_index(r);
        if (i < 0) {
            std::vector<std::string> ids;
            for (const auto& x : rules->rules) ids.push_back(x.id);
            std::string hint = dsl::did_you_mean(r, ids);
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänd regel '{}'{}\n", "aktkoll: unknown rule '{}'{}\n")), r,
                                     hint.empty() ? "" : fmt::format(fmt::runtime(tr(args.lang, " (menade du '{}'?)", " (did you mean '{}'?)")), hint));
            return kExitErrors;
        }
        indices.push_back(i);
    }
    PipelineOptions options;
    options.today = evaluation_date();
    options.trace = true;
    options.jobs = 1;
    options.selection.ids = {*id};
    std::optional<CaseResult> found;
    auto report = run_pipeline(*rules, in.cases, options, [&](const CaseResult& c) {
        if (!found) found = c;
    });
    if (!found) {
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: ärendet '{}' finns inte bland de giltiga ärendena i {}\n",
                                                 "aktkoll: the case '{}' is not among the valid cases in {}\n")),
                                 *id, fmt::join(in.cases, ", "));
        for (const auto& e : report.rejected)
            if (e.case_id == *id) std::cerr << describe(e, args.lang) << "\n";
        return kExitErrors;
    }
    report::write_explain(std::cout, *rules, *found, indices, opt);
    return kExitOk;
}

}  // namespace aktkoll::cli
