// Which outcomes and conditions a pack's worked examples exercise: per rule
// the outcomes Ja/Nej/Et/EB reached (and which are possible at all), per
// condition (each operand of and/or, each `where` filter) whether it was seen
// true and false, and per process deadline whether it was seen met and missed.
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

struct CoverageReport {
    size_t examples = 0;
    std::vector<RuleCoverage> rules;
    std::vector<DeadlineCoverage> deadlines;

    // Covered items / all items, over possible outcomes, both sides of each
    // condition and each deadline; in percent.
    double percent() const;
};

// Each example runs on its own "today", else on `today` (as run_pack_tests).
CoverageReport measure_coverage(const RuleSet& rules, const std::vector<PackTest>& tests,
                                const std::vector<PackTestResult>& results, Date today);

}  // namespace aktkoll
