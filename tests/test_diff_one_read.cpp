// aktkoll diff: rule sets of one vocabulary are evaluated on one read of the
// cases, and give the same answer as one pipeline per rule set (the way
// rule sets of different vocabularies are still compared); a rejected record
// is counted once.
#include <catch2/catch.hpp>

#include "tests/temp_pack.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "authoring/diff.hpp"
#include "engine/load.hpp"
#include "intake/generate.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

const std::string kPack = std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk";
const std::vector<dsl::CommandLineParam> kStricter = {{"utredning_inom_dagar", "7"}};

RuleSet load(const std::string& path, const std::vector<dsl::CommandLineParam>& overrides) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({path}, overrides, diags, sources, Lang::Sv);
    REQUIRE(rules);
    return std::move(*rules);
}

// The shipped pack's rule files with one more event type declared (used by
// no rule): the same answers, another vocabulary.
std::string pack_with_extra_event(const testing::TempDir& dir) {
    for (const auto& entry : fs::directory_iterator(kPack)) {
        if (entry.path().extension() != ".akt") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (entry.path().filename() == "00-pack.akt") {
            const std::string last = "  event avslut \"ett avslut\" { skäl: string }\n}";
            const auto at = text.find(last);
            REQUIRE(at != std::string::npos);
            text.insert(at + last.size() - 1, "  event extra_händelse\n");
        }
        dir.write(entry.path().filename().string(), text);
    }
    return dir.dir().string();
}

// Generated cases with some invalid ones, then one more invalid record (an
// event without a date) and a duplicate id.
std::string case_file(const testing::TempDir& dir) {
    std::ostringstream out;
    GenerateOptions o;
    o.cases = 1000;
    o.seed = 11;
    o.bad_fraction = 0.01;
    generate_cases(out, o);
    out << R"({"id":"X-1","events":[{"type":"beslut"}]})" << "\n";
    out << R"({"id":"S-00000007","events":[]})" << "\n";
    return dir.write("cases.ndjson", out.str());
}

void same_items(const RuleSetDiff& a, const RuleSetDiff& b) {
    REQUIRE(a.items.size() == b.items.size());
    for (size_t i = 0; i < a.items.size(); ++i) {
        const DiffItem &x = a.items[i], &y = b.items[i];
        INFO("item " << x.key);
        CHECK(x.key == y.key);
        CHECK(x.presence == y.presence);
        CHECK(x.before == y.before);
        CHECK(x.after == y.after);
        CHECK(x.transitions == y.transitions);
        CHECK(x.changed == y.changed);
        REQUIRE(x.changes.size() == y.changes.size());
        for (size_t k = 0; k < x.changes.size(); ++k) {
            CHECK(x.changes[k].case_id == y.changes[k].case_id);
            CHECK(x.changes[k].from == y.changes[k].from);
            CHECK(x.changes[k].to == y.changes[k].to);
        }
    }
}

// Per template question, the answers of one check of `rules`, counted.
std::vector<std::array<uint64_t, kDiffOutcomes>> answers(const RuleSet& rules, const std::string& file, uint64_t& rejected) {
    std::vector<std::array<uint64_t, kDiffOutcomes>> counts(rules.questions.size());
    PipelineOptions o;
    o.jobs = 2;
    rejected = run_pipeline(rules, {file}, o, [&](const CaseResult& c) {
                   for (size_t q = 0; q < rules.questions.size(); ++q)
                       ++counts[q][static_cast<size_t>(question_outcome(rules.questions[q], rules, c))];
               }).stats.rejected;
    return counts;
}

}  // namespace

TEST_CASE("diff reads each record once for rule sets of one vocabulary, with the answer of two checks", "[diff]") {
    testing::TempDir dir("diff");
    const std::string file = case_file(dir);
    const RuleSet old_rules = load(kPack, {});
    const RuleSet new_rules = load(kPack, kStricter);
    testing::TempDir other_dir("diff-pack");
    const RuleSet other_vocabulary = load(pack_with_extra_event(other_dir), kStricter);
    REQUIRE(old_rules.schema == new_rules.schema);
    REQUIRE_FALSE(old_rules.schema == other_vocabulary.schema);

    PipelineOptions o;
    o.jobs = 2;
    o.block_bytes = 64 * 1024;  // several blocks, committed in order
    const RuleSetDiff once = diff_rule_sets(old_rules, new_rules, {file}, o);
    const RuleSetDiff twice = diff_rule_sets(old_rules, other_vocabulary, {file}, o);
    CHECK(once.read_once);
    CHECK_FALSE(twice.read_once);

    // The same answer as the two pipelines side by side ...
    CHECK(once.cases > 950);
    CHECK(once.cases_changed > 0);  // the stricter limit changes some answers
    CHECK(once.cases == twice.cases);
    CHECK(once.cases_changed == twice.cases_changed);
    CHECK(once.only_old == 0);
    CHECK(once.only_new == 0);
    CHECK(twice.only_old == 0);
    CHECK(twice.only_new == 0);
    same_items(once, twice);

    // ... and as two separate checks, question by question.
    uint64_t old_rejected = 0, new_rejected = 0;
    const auto before = answers(old_rules, file, old_rejected);
    const auto after = answers(new_rules, file, new_rejected);
    REQUIRE(old_rules.questions.size() <= once.items.size());
    for (size_t q = 0; q < old_rules.questions.size(); ++q) {
        INFO("question " << old_rules.questions[q].number);
        REQUIRE(once.items[q].key == old_rules.questions[q].number);
        CHECK(once.items[q].before == before[q]);
        CHECK(once.items[q].after == after[q]);
    }

    // Each rejected record (the generated ones, the event without a date, the
    // duplicate) is counted once, as by one check, not once per rule set.
    CHECK(old_rejected == new_rejected);
    CHECK(once.new_report.stats.rejected == old_rejected);
    CHECK(once.old_report.stats.rejected == old_rejected);
    CHECK(once.new_report.rejected.size() == old_rejected);
    CHECK(twice.new_report.stats.rejected == old_rejected);
    size_t undated = 0;
    for (const ReadError& e : once.new_report.rejected) undated += e.case_id == "X-1";
    CHECK(undated == 1);
}

TEST_CASE("the pipeline for two rule sets refuses rule sets of different vocabularies", "[diff]") {
    testing::TempDir dir("diff-pack");
    const RuleSet a = load(kPack, {});
    const RuleSet b = load(pack_with_extra_event(dir), {});
    CHECK_THROWS_AS(run_pipeline_pair(a, b, {}, PipelineOptions{}, [](const CaseResult&, const CaseResult&) {}),
                    std::invalid_argument);
}
