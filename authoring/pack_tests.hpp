// A rule pack's own worked examples (rules/<pack>/tests/*.ndjson): one case
// per line with the expected outcome per rule. Written by legal staff.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

struct PackTest {
    std::string file;
    uint64_t line = 0;
    std::string name;
    std::string case_id;
    std::map<std::string, Outcome> expect;              // rule id -> outcome
    std::vector<dsl::CommandLineParam> params;          // overrides for this example
    std::optional<Date> today;                          // "today": the example's evaluation date
    std::string case_json;                              // the case object, as JSON text
};

struct PackTestResult {
    const PackTest* test = nullptr;
    std::vector<std::pair<std::string, std::pair<Outcome, Outcome>>> failures;  // rule, (expected, actual)
    std::string error;  // the example itself could not be run (message for the user)
    CaseResult result;  // for coverage
    // The values each node of the example's program took (kCoveredTrue, ...
    // by node index): programs with other parameter values have the same
    // nodes (parameters fold into constants), so coverage can add them up.
    std::vector<uint8_t> seen;
};

// Reads every tests/*.ndjson under the pack folder. Malformed lines give an
// error message in `errors` ("file:line: reason") and are skipped.
std::vector<PackTest> read_pack_tests(const std::string& pack_dir, std::vector<std::string>& errors, Lang lang);

// The names in an example's case that the vocabulary does not declare but
// that are close to one it does (probably misspelt, and then silently read as
// unknown): one message each, e.g. "varning AK0430: attributet 'utfal' hos
// 'beslut' finns inte i vokabulären; menade du 'utfall'?".
std::vector<std::string> misspelt_in_example(const PackTest& test, const Schema& schema, Lang lang);

// Runs the examples against the rule set loaded from `rule_paths` (reloaded
// per distinct set of parameter overrides; `base` is the rule set without),
// each on its own "today", else on `today`.
std::vector<PackTestResult> run_pack_tests(const std::vector<PackTest>& tests, const RuleSet& base,
                                           const std::vector<std::string>& rule_paths, Date today, Lang lang);

}  // namespace aktkoll
