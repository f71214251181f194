// Coverage of a pack's worked examples: the shipped pack exercises every
// possible outcome of every rule, and losing an example is noticed.
#include <catch2/catch.hpp>

#include "authoring/coverage.hpp"
#include "engine/load.hpp"
#include "tests/temp_pack.hpp"

#include <filesystem>

using namespace aktkoll;

namespace {

struct Pack {
    RuleSet rules;
    std::vector<PackTest> tests;
};

Pack shipped() {
    const std::string dir = std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk";
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({dir}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    std::vector<std::string> errors;
    auto tests = read_pack_tests(dir, errors, Lang::Sv);
    REQUIRE(errors.empty());
    return {std::move(*rules), std::move(tests)};
}

const RuleCoverage& rule(const CoverageReport& c, const std::string& id) {
    for (const auto& r : c.rules)
        if (r.id == id) return r;
    FAIL("no rule " << id);
    return c.rules.front();
}

}  // namespace

TEST_CASE("the shipped pack's examples reach every possible outcome of every rule", "[coverage]") {
    Pack p = shipped();
    const auto results = run_pack_tests(p.tests, p.rules, {std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, date_from_civil(2026, 1, 15), Lang::Sv);
    const CoverageReport c = measure_coverage(p.rules, p.tests, results);
    REQUIRE(c.rules.size() == 12);
    for (const auto& r : c.rules) {
        INFO(r.id);
        for (int o = 0; o < kOutcomes; ++o)
            if (r.possible[static_cast<size_t>(o)]) CHECK(r.reached[static_cast<size_t>(o)]);
        for (const auto& cond : r.conditions) {
            INFO(cond.clause << ": " << cond.text);
            CHECK(cond.seen_true);
            CHECK(cond.seen_false);
        }
    }
    for (const auto& d : c.deadlines) {
        INFO(d.step);
        CHECK(d.met);
        CHECK(d.missed);
    }
    CHECK(c.percent() == 100.0);
    // INS-1 reads only dates of events its own condition requires: no EB.
    CHECK_FALSE(rule(c, "INS-1").possible[static_cast<size_t>(Outcome::EB)]);
    CHECK(rule(c, "ENS-1").possible[static_cast<size_t>(Outcome::EB)]);
}

TEST_CASE("coverage notices when a rule's EB examples are removed", "[coverage]") {
    Pack p = shipped();
    std::vector<PackTest> fewer;
    for (const auto& t : p.tests) {
        auto it = t.expect.find("ENS-1");
        if (it == t.expect.end() || it->second != Outcome::EB) fewer.push_back(t);
    }
    REQUIRE(fewer.size() < p.tests.size());
    const auto results = run_pack_tests(fewer, p.rules, {std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, date_from_civil(2026, 1, 15), Lang::Sv);
    const CoverageReport c = measure_coverage(p.rules, fewer, results);
    CHECK_FALSE(rule(c, "ENS-1").reached[static_cast<size_t>(Outcome::EB)]);
    CHECK(rule(c, "ENS-1").reached[static_cast<size_t>(Outcome::Ja)]);
    CHECK(c.percent() < 100.0);
}

TEST_CASE("an example runs on its own \"today\", else on the run's evaluation date; a bad one is reported", "[coverage][time]") {
    aktkoll::testing::TempDir dir("today");
    dir.write("regler.akt", R"(pack tid
  version "1"

vocabulary {
  event anmälan
  event bedömning
}

rule ANM-1 {
  question "Förhandsbedömning inom 14 dagar?"
  cite "11 kap. 1 a § SoL"
  applies when exists(anmälan) and first(anmälan).date + 14 days <= today
  requires exists(bedömning)
}
)");
    std::filesystem::create_directories(dir.dir() / "tests");
    const std::string c = R"("case": {"id": "T", "events": [{"type": "anmälan", "date": "2024-04-01"}]})";
    dir.write("tests/exempel.ndjson", "{\"test\": \"ej förfallen\", \"today\": \"2024-04-10\", \"expect\": {\"ANM-1\": \"Et\"}, " + c +
                                          "}\n{\"test\": \"förfallen\", \"expect\": {\"ANM-1\": \"Nej\"}, " + c +
                                          "}\n{\"test\": \"fel\", \"today\": \"10 april\", \"expect\": {\"ANM-1\": \"Et\"}, " + c + "}\n");
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({dir.dir().string()}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    std::vector<std::string> errors;
    const auto tests = read_pack_tests(dir.dir().string(), errors, Lang::Sv);
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].find("exempel.ndjson:3: \"today\" ska vara ett datum") != std::string::npos);
    REQUIRE(tests.size() == 2);
    CHECK(tests[0].today == parse_date("2024-04-10"));
    const auto results = run_pack_tests(tests, *rules, {dir.dir().string()}, date_from_civil(2026, 1, 15), Lang::Sv);
    for (const auto& r : results) {
        INFO(r.test->name << " " << r.error);
        CHECK(r.error.empty());
        CHECK(r.failures.empty());
    }
    // The same example without "today" on an evaluation date before the 14 days are up gives Et, not Nej.
    const auto early = run_pack_tests({tests[1]}, *rules, {dir.dir().string()}, date_from_civil(2024, 4, 2), Lang::Sv);
    CHECK(early.at(0).failures.size() == 1);
}

TEST_CASE("the condition of an if counts as a condition: seen true and seen false", "[coverage][values]") {
    testing::TempDir dir("coverage-if");
    dir.write("regler.akt", R"(pack prov
vocabulary {
  case a: boolean
  case antal: integer
}
rule R-1 {
  question "?"
  cite "SoL"
  requires (if a then antal else 2 * antal) > 3
}
)");
    std::filesystem::create_directories(dir.dir() / "tests");
    auto example = [](const char* a) {
        return std::string(R"({"test":"x","expect":{"R-1":"Ja"},"case":{"id":"T","antal":5,"a":)") + a + R"(,"events":[]}})" + "\n";
    };
    dir.write("tests/exempel.ndjson", example("true"));
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({dir.dir().string()}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    auto coverage_of_if = [&] {
        std::vector<std::string> errors;
        auto tests = read_pack_tests(dir.dir().string(), errors, Lang::Sv);
        REQUIRE(errors.empty());
        const auto results = run_pack_tests(tests, *rules, {dir.dir().string()}, date_from_civil(2026, 1, 15), Lang::Sv);
        const CoverageReport c = measure_coverage(*rules, tests, results);
        for (const auto& cond : rule(c, "R-1").conditions)
            if (cond.clause == "if") return std::pair{cond.seen_true, cond.seen_false};
        FAIL("no if condition");
        return std::pair{false, false};
    };
    CHECK(coverage_of_if() == std::pair{true, false});
    dir.write("tests/exempel.ndjson", example("true") + example("false"));
    CHECK(coverage_of_if() == std::pair{true, true});
}

TEST_CASE("coverage counts the examples run with their own parameters", "[coverage]") {
    Pack p = shipped();
    std::vector<PackTest> with_params;
    for (const auto& t : p.tests)
        if (!t.params.empty()) with_params.push_back(t);
    REQUIRE(!with_params.empty());
    const auto results = run_pack_tests(with_params, p.rules, {std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, date_from_civil(2026, 1, 15), Lang::Sv);
    for (const auto& r : results) REQUIRE(r.error.empty());
    const CoverageReport c = measure_coverage(p.rules, with_params, results);
    size_t seen = 0;
    for (const auto& r : c.rules)
        for (const auto& cond : r.conditions) seen += cond.seen_true + cond.seen_false;
    CHECK(seen > 0);  // these examples' conditions were evaluated, not left out
    CHECK(c.percent() > 0.0);
}

TEST_CASE("coverage lists the states each process step reached", "[coverage]") {
    Pack p = shipped();
    const auto results = run_pack_tests(p.tests, p.rules, {std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, date_from_civil(2026, 1, 15), Lang::Sv);
    const CoverageReport c = measure_coverage(p.rules, p.tests, results);
    size_t steps = 0;
    for (const auto& proc : p.rules.processes) steps += proc.steps.size();
    REQUIRE(c.steps.size() == steps);
    auto step = [&](const std::string& name) {
        for (const auto& s : c.steps)
            if (s.step == name) return s;
        FAIL("no step " << name);
        return c.steps.front();
    };
    CHECK(step("vårdplan").reached[static_cast<size_t>(StepStatus::Late)]);
    CHECK(step("aktualisering").reached[static_cast<size_t>(StepStatus::Present)]);
    CHECK_FALSE(step("aktualisering").reached[static_cast<size_t>(StepStatus::Late)]);  // no deadline

    // Only the examples of one case: fewer states.
    std::vector<PackTest> one(p.tests.begin(), p.tests.begin() + 1);
    const auto few = run_pack_tests(one, p.rules, {std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, date_from_civil(2026, 1, 15), Lang::Sv);
    const CoverageReport small = measure_coverage(p.rules, one, few);
    size_t reached_all = 0, reached_one = 0;
    for (size_t i = 0; i < c.steps.size(); ++i)
        for (StepStatus s : kAllStepStatuses) {
            reached_all += c.steps[i].reached[static_cast<size_t>(s)];
            reached_one += small.steps[i].reached[static_cast<size_t>(s)];
        }
    CHECK(reached_one < reached_all);
}
