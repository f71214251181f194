#include "run/check_run.hpp"

#include <algorithm>

namespace aktkoll {

CheckRun run_check_cases(const RuleSet& rules, const std::vector<CaseFile>& files, const CheckRunOptions& options) {
    CheckRun run;
    PipelineOptions pipeline = options.pipeline;
    if (std::find(options.chosen.begin(), options.chosen.end(), false) != options.chosen.end()) pipeline.chosen = options.chosen;
    pipeline.totals = &run.totals;  // counted by the workers
    run.report = run_pipeline(rules, files, pipeline, [&](const CaseResult& c) {
        if (options.each) options.each(c);
        if (run.cases.size() < options.keep_at_most) run.cases.push_back(c);
    });
    // A rule shown as not selected is Et, so only rules in force can say Nej.
    for (size_t i = 0; i < run.totals.per_rule.size() && i < rules.rules.size(); ++i)
        run.any_nej = run.any_nej || (!rules.rules[i].disabled && run.totals.per_rule[i].of(Outcome::Nej) > 0);
    return run;
}

}  // namespace aktkoll
