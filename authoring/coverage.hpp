// Which outcomes and conditions a pack's worked examples exercise: per rule
// the outcomes Ja/Nej/Et/EB reached (and which are possible at all), per
// condition (each operand of and/or, each `where` filter) whether it was seen
// true and false, per process deadline whether it was seen met and missed,
// and per process step which states (present, missing, ...) the examples'
// cases reached.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "authoring/pack_tests.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

struct ConditionCoverage {
    std::string clause;  // "applies when", "requires", "where", "has", "within"
    std::string text;    // the condition as written
    bool seen_true = false, seen_false = false;
};

struct RuleCoverage {
    std::string id;
    std::array<bool, kOutcomes> reached{};
    std::array<bool, kOutcomes> possible{};
    std::vector<ConditionCoverage> conditions;  // of all versions
};

struct DeadlineCoverage {
    std::string process, step, text;
    bool met = false, missed = false;
};

// Which states of a step the examples reached (by StepStatus). Shown, not
// counted in percent(): which states a step can reach depends on the cases'
// dates more than on the rule text.
struct StepCoverage {
    std::string process, step;
    std::array<bool, kStepStatuses> reached{};
};

struct CoverageReport {
    size_t examples = 0;
    std::vector<RuleCoverage> rules;
    std::vector<DeadlineCoverage> deadlines;
    std::vector<StepCoverage> steps;

    // Covered items / all items, over possible outcomes, both sides of each
    // condition and each deadline; in percent.
    double percent() const;
};

// From the values the examples' runs saw (run_pack_tests: each on its own
// "today", with its own parameters).
CoverageReport measure_coverage(const RuleSet& rules, const std::vector<PackTest>& tests,
                                const std::vector<PackTestResult>& results);

}  // namespace aktkoll
