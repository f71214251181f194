// Exact merging of partial results: a large export split across machines is
// checked in parts (`check --partial`, a totals-only aktkoll-result/1
// document) and the parts are summed (`merge`). Parts must come from the
// same rule files and parameters; that is verified, not assumed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

struct MergedRun {
    Totals totals;
    RunInfo run;  // stats summed, inputs concatenated; rejected records stay in the parts
    uint64_t parts = 0;
};

// Adds one partial document to `merged`. On a mismatch (other rules, other
// parameters, not a result document) returns a message for the user.
std::optional<std::string> merge_partial(const std::string& path, const RuleSet& rules, MergedRun& merged, Lang lang);

}  // namespace aktkoll
