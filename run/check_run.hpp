// The cases of `aktkoll check` through the pipeline: each checked case's
// results with the rules left out by --rule/--question shown as not selected,
// added to the totals, kept for the report unless only totals are wanted.
#pragma once

#include <functional>
#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"
#include "run/pipeline.hpp"

namespace aktkoll {

struct CheckRunOptions {
    PipelineOptions pipeline;
    std::vector<bool> chosen;  // by rule index: false = left out by the command line
    bool keep_cases = true;    // false for totals only
    std::function<void(const CaseResult&)> each;  // called with every shown case, in input order (may be empty)
};

struct CheckRun {
    PipelineReport report;
    Totals totals;
    std::vector<CaseResult> cases;  // as shown; empty unless keep_cases
    bool any_nej = false;           // some rule in force says Nej for some case
};

CheckRun run_check_cases(const RuleSet& rules, const std::vector<CaseFile>& files, const CheckRunOptions& options);

}  // namespace aktkoll
