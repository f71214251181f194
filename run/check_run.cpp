#include "run/check_run.hpp"

#include <algorithm>

namespace aktkoll {

CheckRun run_check_cases(const RuleSet& rules, const std::vector<CaseFile>& files, const CheckRunOptions& options) {
    CheckRun run;
    const bool selective = std::find(options.chosen.begin(), options.chosen.end(), false) != options.chosen.end();
    CaseResult masked;
    run.report = run_pipeline(rules, files, options.pipeline, [&](const CaseResult& c) {
        const CaseResult* shown = &c;
        if (selective) {
            masked = c;
            for (size_t i = 0; i < masked.rules.size(); ++i)
                if (!options.chosen[i]) masked.rules[i] = RuleResult{Outcome::Et, OutcomeReason::Disabled, -1};
            shown = &masked;
        }
        for (size_t i = 0; i < shown->rules.size() && !run.any_nej; ++i)
            run.any_nej = !rules.rules[i].disabled && shown->rules[i].outcome == Outcome::Nej;
        run.totals.add(rules, *shown);
        if (options.each) options.each(*shown);
        if (run.cases.size() < options.keep_at_most) run.cases.push_back(*shown);
    });
    return run;
}

}  // namespace aktkoll
