// The cases of `aktkoll check` through the pipeline: each checked case's
// results with the rules left out by --rule/--question shown as not selected,
// added to the totals and handed on; kept in memory only as far as asked
// (the workbook and the history want them; streamed reports do not).
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"
#include "run/pipeline.hpp"

namespace aktkoll {

struct CheckRunOptions {
    PipelineOptions pipeline;
    std::vector<bool> chosen;  // by rule index: false = left out by the command line
    size_t keep_at_most = SIZE_MAX;  // cases kept in CheckRun::cases (0: none); one more than a writer takes shows it is over
    std::function<void(const CaseResult&)> each;  // called with every shown case, in input order (may be empty)
};

struct CheckRun {
    PipelineReport report;
    Totals totals;
    std::vector<CaseResult> cases;  // as shown, the first keep_at_most
    bool any_nej = false;           // some rule in force says Nej for some case
};

CheckRun run_check_cases(const RuleSet& rules, const std::vector<CaseFile>& files, const CheckRunOptions& options);

}  // namespace aktkoll
