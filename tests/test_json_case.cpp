// The JSON report's per-case writer (JsonCaseWriter) writes the bytes of the
// reference, the case built as nlohmann::ordered_json and dumped, for every
// case of generated exports under the shipped packs, for awkward strings and
// for result shapes a real run seldom has; and append_json_string quotes as
// nlohmann::json does, invalid UTF-8 included.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <random>
#include <sstream>

#include "tests/temp_pack.hpp"

#include "engine/load.hpp"
#include "intake/generate.hpp"
#include "report/detail.hpp"
#include "run/pipeline.hpp"

using namespace aktkoll;

namespace {

RuleSet load_pack(const std::string& name) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({std::string(AKTKOLL_SOURCE_DIR) + "/rules/" + name}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    return std::move(*rules);
}

std::vector<CaseResult> generated_results(const RuleSet& rules, const testing::TempDir& dir) {
    std::ostringstream out;
    GenerateOptions o;
    o.cases = 1000;
    o.seed = 5;
    generate_cases(out, o);
    const std::string file = dir.write("cases.ndjson", out.str());
    std::vector<CaseResult> results;
    PipelineOptions p;
    p.jobs = 2;
    p.today = date_from_civil(2026, 1, 15);
    run_pipeline(rules, {file}, p, [&](const CaseResult& c) { results.push_back(c); });
    return results;
}

std::string direct(const report::detail::JsonCaseWriter& writer, const CaseResult& c) {
    std::string out = "(before)";
    writer.write(out, c);
    REQUIRE(out.rfind("(before)", 0) == 0);  // appended
    return out.substr(8);
}

std::string reference_string(const std::string& s) {
    return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const std::vector<std::string> kAwkward = {
    "", "S-0001", "citat \" och \\ bakåt", "tab\there", "ny\nrad", "\x01\x1f\x7f", "Söder", "ÅÄÖ åäö é",
    "\xff", "ab\xc3", "\xc3\x28", "\xe2\x82", "\xf0\x9f\x98\x80 emoji", "\xed\xa0\x80 surrogat", "\xc0\xaf overlong",
    std::string("noll\0byte", 9)};

}  // namespace

TEST_CASE("append_json_string writes what nlohmann::json writes", "[report][json]") {
    for (const std::string& s : kAwkward) {
        INFO(reference_string(s));
        std::string out = "x";
        report::append_json_string(out, s);
        CHECK(out == "x" + reference_string(s));
    }
    std::mt19937 random(7);
    for (int i = 0; i < 5000; ++i) {  // random bytes, biased to the interesting ones
        std::string s(random() % 12, '\0');
        for (char& ch : s) {
            const unsigned r = random() % 4;
            ch = static_cast<char>(r == 0 ? random() % 0x20 : r == 1 ? 0x80 + random() % 0x80 : r == 2 ? "\"\\a"[random() % 3] : random() % 256);
        }
        std::string out;
        report::append_json_string(out, s);
        REQUIRE(out == reference_string(s));
    }
}

TEST_CASE("the per-case JSON writer writes the reference's bytes for every generated case", "[report][json]") {
    testing::TempDir dir("json-case");
    for (const std::string pack : {"missbruk", "exempel-kommun", "barn-unga"}) {
        INFO(pack);
        const RuleSet rules = load_pack(pack);
        const report::detail::JsonCaseWriter writer(rules);
        const std::vector<CaseResult> results = generated_results(rules, dir);
        REQUIRE(results.size() > 950);
        std::map<StepStatus, size_t> statuses;
        for (const CaseResult& c : results) {
            for (const auto& steps : c.processes)
                for (const StepResult& s : steps) ++statuses[s.status];
            INFO(c.id);
            REQUIRE(direct(writer, c) == report::detail::json_case_by_reference(rules, c));
        }
        if (pack == "missbruk") {  // the shapes the steps' fields depend on occur
            CHECK(statuses[StepStatus::Missing] > 0);
            CHECK(statuses[StepStatus::Late] > 0);
            CHECK(statuses[StepStatus::OutOfOrder] > 0);
        }
    }
}

TEST_CASE("the per-case JSON writer: awkward strings and rare result shapes", "[report][json]") {
    testing::TempDir dir("json-case");
    const RuleSet rules = load_pack("exempel-kommun");  // a rule switched off by the layer
    const report::detail::JsonCaseWriter writer(rules);
    const CaseResult base = generated_results(rules, dir).front();
    for (const std::string& s : kAwkward) {
        CaseResult c = base;
        c.id = s;
        c.file = "mapp\\" + s;
        c.unit = s;
        INFO(reference_string(s));
        CHECK(direct(writer, c) == report::detail::json_case_by_reference(rules, c));
    }
    CaseResult c = base;
    c.rules[0].reason = OutcomeReason::Disabled;  // left out by --rule
    c.rules[1].version = 99;                      // no such version
    c.rules[2].version = -1;
    REQUIRE_FALSE(c.processes.empty());
    REQUIRE(c.processes[0].size() >= 2);
    c.processes[0][0].status = StepStatus::Missing;
    c.processes[0][0].root_cause = 1;
    c.processes[0][1].status = StepStatus::Missing;
    c.processes[0][1].root_cause = 77;  // out of range: null
    c.processes[0][1].date.reset();
    CHECK(direct(writer, c) == report::detail::json_case_by_reference(rules, c));
    c.processes[0][0].status = StepStatus::OutOfOrder;
    c.processes[0][0].before_step = -1;
    c.processes[0][1].status = StepStatus::Late;
    c.processes[0][1].days_late = -3;
    c.processes.emplace_back();  // more processes than the rule set: left out
    CHECK(direct(writer, c) == report::detail::json_case_by_reference(rules, c));
    c.line = UINT64_MAX;
    c.rules.pop_back();  // fewer results than rules: an error, as before
    CHECK_THROWS(direct(writer, c));
}

TEST_CASE("the per-case JSON writer with a name given twice writes what the reference writes", "[report][json]") {
    testing::TempDir dir("json-case");
    RuleSet rules = load_pack("missbruk");
    const CaseResult c = generated_results(rules, dir).front();
    REQUIRE(rules.processes.at(0).steps.size() >= 2);
    rules.processes[0].steps[1].name = rules.processes[0].steps[0].name;  // one key for two steps
    const report::detail::JsonCaseWriter writer(rules);
    CHECK(direct(writer, c) == report::detail::json_case_by_reference(rules, c));
}
