// The streaming pipeline: the same results whatever the number of jobs and
// block size, every input line accounted for, and exact merging of parts.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "intake/generate.hpp"
#include "engine/load.hpp"
#include "run/merge.hpp"
#include "input/case_stream.hpp"
#include "run/pipeline.hpp"
#include "report/report.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

RuleSet shipped_pack() {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    return std::move(*rules);
}

std::string generated_file(uint64_t cases, double bad) {
    const fs::path path = fs::temp_directory_path() / ("aktkoll-pipeline-" + std::to_string(::getpid()) + "-" +
                                                       std::to_string(cases) + ".ndjson");
    std::ofstream out(path, std::ios::binary);
    GenerateOptions o;
    o.cases = cases;
    o.seed = 42;
    o.bad_fraction = bad;
    generate_cases(out, o);
    // Duplicates and blank lines, which only the committer can decide.
    out << "\n{\"id\":\"S-00000007\",\"events\":[]}\n   \n";
    return path.string();
}

struct Run {
    std::vector<std::string> lines;  // one per case: id, line and outcomes
    PipelineReport report;
};

Run run(const RuleSet& rules, const std::string& file, unsigned jobs, size_t block_bytes) {
    PipelineOptions o;
    o.jobs = jobs;
    o.block_bytes = block_bytes;
    Run r;
    r.report = run_pipeline(rules, {file}, o, [&](const CaseResult& c) {
        std::string line = c.id + "@" + std::to_string(c.line) + ":";
        for (const auto& x : c.rules) line += outcome_label(x.outcome, Lang::Sv) + std::string(",");
        for (const auto& p : c.processes)
            for (const auto& s : p) line += std::to_string(static_cast<int>(s.status));
        r.lines.push_back(std::move(line));
    });
    return r;
}

}  // namespace

TEST_CASE("results are identical for 1 job and for several jobs with small blocks", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(3000, 0.02);
    const Run one = run(rules, file, 1, 4u << 20);
    const Run many = run(rules, file, 3, 16 * 1024);
    REQUIRE(one.lines.size() > 2500);
    CHECK(one.lines == many.lines);
    REQUIRE(one.report.rejected.size() == many.report.rejected.size());
    for (size_t i = 0; i < one.report.rejected.size(); ++i) {
        CHECK(describe(one.report.rejected[i], Lang::Sv) == describe(many.report.rejected[i], Lang::Sv));
    }
    CHECK(one.report.stats.lines == many.report.stats.lines);
    CHECK(one.report.stats.events == many.report.stats.events);
    fs::remove(file);
}

TEST_CASE("every non-blank input line is a case or a rejected record", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(2000, 0.05);
    const Run r = run(rules, file, 2, 32 * 1024);
    const ReadStats& s = r.report.stats;
    CHECK(s.cases + s.rejected == s.lines);
    CHECK(s.blank_lines == 2);
    CHECK(s.rejected > 50);
    CHECK(r.lines.size() == s.cases);
    // The duplicate at the end is rejected, naming the first line.
    bool duplicate = false;
    for (const auto& e : r.report.rejected) duplicate = duplicate || (e.kind == ReadErrorKind::DuplicateId && e.other_line == 8);
    CHECK(duplicate);
    // Rejected records come in line order.
    for (size_t i = 1; i < r.report.rejected.size(); ++i) CHECK(r.report.rejected[i - 1].line < r.report.rejected[i].line);
    fs::remove(file);
}

TEST_CASE("totals of parts merge to the totals of the whole", "[pipeline][merge]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(1000, 0.0);
    Totals whole;
    run_pipeline(rules, {file}, {}, [&](const CaseResult& c) { whole.add(rules, c); });
    // Split by line parity into two parts and sum them.
    Totals even, odd;
    run_pipeline(rules, {file}, {}, [&](const CaseResult& c) { (c.line % 2 ? odd : even).add(rules, c); });
    Totals sum = even;
    sum += odd;
    CHECK(sum.cases == whole.cases);
    for (size_t q = 0; q < whole.per_question.size(); ++q) CHECK(sum.per_question[q].n == whole.per_question[q].n);
    for (size_t r = 0; r < whole.per_rule.size(); ++r) CHECK(sum.per_rule[r].n == whole.per_rule[r].n);
    fs::remove(file);
}

TEST_CASE("totals counted by the workers are those of the cases handed on, duplicates and masked rules included", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(3000, 0.02);
    // Three of the generated records again at the end: duplicates, rejected at commit.
    {
        std::ifstream in(file);
        std::string line, copies;
        for (int i = 0; i < 3 && std::getline(in, line); ++i) copies += line + "\n";
        std::ofstream(file, std::ios::app) << copies;
    }
    for (const bool masked : {false, true}) {
        for (const unsigned jobs : {1u, 3u}) {
            PipelineOptions o;
            o.jobs = jobs;
            o.block_bytes = 16 * 1024;
            if (masked) {
                o.chosen.assign(rules.rules.size(), true);
                o.chosen[0] = false;
            }
            Totals counted, handed_on;
            o.totals = &counted;
            const PipelineReport report = run_pipeline(rules, {file}, o, [&](const CaseResult& c) {
                if (masked) CHECK(c.rules[0].reason == OutcomeReason::Disabled);
                handed_on.add(rules, c);
            });
            size_t duplicates = 0;
            for (const auto& e : report.rejected) duplicates += e.kind == ReadErrorKind::DuplicateId;
            CHECK(duplicates >= 4);  // generated_file's own and the three copies
            REQUIRE(handed_on.cases > 2500);
            CHECK(counted.cases == handed_on.cases);
            for (size_t q = 0; q < handed_on.per_question.size(); ++q) CHECK(counted.per_question[q].n == handed_on.per_question[q].n);
            for (size_t r = 0; r < handed_on.per_rule.size(); ++r) CHECK(counted.per_rule[r].n == handed_on.per_rule[r].n);
            CHECK(counted.per_rule[0].total() == (masked ? 0u : handed_on.cases));
        }
    }
    fs::remove(file);
}

TEST_CASE("totals take out what was added", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(200, 0.0);
    Totals all, odd;
    run_pipeline(rules, {file}, {}, [&](const CaseResult& c) {
        all.add(rules, c);
        if (c.line % 2) odd.add(rules, c);
    });
    Totals even = all;
    even -= odd;
    CHECK(even.cases == all.cases - odd.cases);
    even += odd;
    for (size_t r = 0; r < all.per_rule.size(); ++r) CHECK(even.per_rule[r].n == all.per_rule[r].n);
    Totals none;
    CHECK_THROWS(none -= all);
    fs::remove(file);
}

TEST_CASE("merge refuses a part made with other parameters", "[merge]") {
    const RuleSet rules = shipped_pack();
    const fs::path part = fs::temp_directory_path() / ("aktkoll-part-" + std::to_string(::getpid()) + ".json");
    std::ifstream golden(std::string(AKTKOLL_SOURCE_DIR) + "/tests/data/merge/part-other-param.json");
    if (!golden) {
        WARN("tests/data/merge/part-other-param.json missing");
        return;
    }
    MergedRun merged;
    auto error = merge_partial(std::string(AKTKOLL_SOURCE_DIR) + "/tests/data/merge/part-other-param.json", rules, merged, Lang::Sv);
    REQUIRE(error);
    CHECK(error->find("parametern 'utredning_inom_dagar' har ett annat värde") != std::string::npos);
}

TEST_CASE("the input's SHA-256 is worked out while reading and equals a separate pass", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(3000, 0.02);
    for (size_t block : {size_t{64}, size_t{4096}, size_t{1} << 20}) {
        const Run r = run(rules, file, 2, block);
        REQUIRE(r.report.input_sha256.size() == 1);
        CHECK(r.report.input_sha256[0].first == file);
        CHECK(r.report.input_sha256[0].second == sha256_file(file));
    }
    fs::remove(file);
}

TEST_CASE("an exception from the sink stops the run and reaches the caller", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(5000, 0.0);
    for (unsigned jobs : {1u, 3u}) {
        PipelineOptions o;
        o.jobs = jobs;
        o.block_bytes = 2048;
        size_t calls = 0;
        CHECK_THROWS_WITH(run_pipeline(rules, {file}, o,
                                       [&](const CaseResult&) {
                                           if (++calls == 100) throw std::runtime_error("sink full");
                                       }),
                          "sink full");
        CHECK(calls == 100);
    }
    fs::remove(file);
}

TEST_CASE("escaped strings read the same as plain ones; a raw control character is refused", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const fs::path dir = fs::temp_directory_path() / ("aktkoll-escapes-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string plain = (dir / "plain.ndjson").string(), escaped = (dir / "escaped.ndjson").string();
    std::ofstream(plain) << R"({"id":"A","children_under_18":true,"events":[{"type":"aktualisering","date":"2025-01-01","source":"ansökan"},{"type":"utredning_inledd","date":"2025-01-03","skäl_dokumenterat":true},{"type":"beslut","date":"2025-02-01","utfall":"bifall","insats":"öppenvård"}]})"
                         << "\n";
    std::ofstream(escaped)
        << R"({"id":"\u0041","children_under_18":true,"events":[{"type":"aktualiserin\u0067","date":"2025-01-0\u0031","source":"ans\u00f6kan"},{"type":"utredning_inledd","date":"2025-01-03","sk\u00e4l_dokumenterat":true},{"type":"beslut","date":"2025-02-01","utfall":"bif\u0061ll","insats":"\u00f6ppenv\u00e5rd"}]})"
        << "\n{\"id\":\"B\",\"unit\":\"a\tb\",\"events\":[]}\n";
    const Run a = run(rules, plain, 1, 1 << 20), b = run(rules, escaped, 1, 1 << 20);
    CHECK(a.lines.size() == 1);
    CHECK(b.lines == a.lines);
    REQUIRE(b.report.rejected.size() == 1);
    CHECK(b.report.rejected[0].line == 2);
    CHECK(b.report.rejected[0].kind == ReadErrorKind::InvalidJson);
    fs::remove_all(dir);
}

TEST_CASE("the document form's SHA-256 comes from the one read of the file", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string file = std::string(AKTKOLL_SOURCE_DIR) + "/cases/exempel-dokument.json";
    REQUIRE(detect_form(file) == ExportForm::Document);
    const Run r = run(rules, file, 2, 1 << 20);
    REQUIRE(r.report.input_sha256.size() == 1);
    CHECK(r.report.input_sha256[0].first == file);
    CHECK(r.report.input_sha256[0].second == sha256_file(file));
}

namespace {

// What a read gives: the checked ids, the rejected lines and the counts.
struct Seen {
    std::vector<std::string> ids;
    std::vector<uint64_t> rejected_lines;
    uint64_t records = 0, cases = 0, events = 0, rejected = 0, outside = 0;
    bool operator==(const Seen&) const = default;
};

Seen seen_of(std::vector<std::string> ids, const ReadReport& r) {
    Seen s{std::move(ids), {}, r.stats.lines, r.stats.cases, r.stats.events, r.stats.rejected, r.outside_selection};
    for (const auto& e : r.rejected) s.rejected_lines.push_back(e.line);
    return s;
}

Seen through_pipeline(const RuleSet& rules, const std::vector<CaseFile>& files, const CaseSelection& selection,
                      unsigned jobs) {
    PipelineOptions o;
    o.jobs = jobs;
    o.block_bytes = 64;  // a block or two per record: duplicates decided across blocks
    o.selection = selection;
    std::vector<std::string> ids;
    const PipelineReport r = run_pipeline(rules, files, o, [&](const CaseResult& c) { ids.push_back(c.id); });
    return seen_of(std::move(ids), r);
}

Seen through_stream(const RuleSet& rules, const std::vector<CaseFile>& files, const CaseSelection& selection) {
    CaseStream stream(files, rules.schema, selection);
    std::vector<std::string> ids;
    for (Case c; stream.next(c);) ids.emplace_back(c.id);
    return seen_of(std::move(ids), stream.report());
}

}  // namespace

TEST_CASE("duplicate ids: one rule for the pipeline and the serial stream, whatever the selection", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const fs::path dir = fs::temp_directory_path() / ("aktkoll-dup-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string file = (dir / "dup.ndjson").string();
    std::ofstream(file) << R"({"id":"K-1","unit":"A","events":[{"type":"aktualisering","date":"2024-13-01"}]})" "\n"
                        << R"({"id":"K-1","unit":"A","events":[{"type":"aktualisering","date":"2024-01-01"}]})" "\n"
                        << R"({"id":"K-2","unit":"A","events":[]})" "\n"
                        << R"({"id":"K-2","unit":"B","events":[]})" "\n"
                        << R"({"id":"K-3","unit":"B","events":[{"type":"aktualisering","date":"2024-02-01"}]})" "\n";
    const std::vector<CaseFile> files{plain_case_file(file)};
    SECTION("a rejected record's id is not taken: the later good record is the case") {
        const Seen expected{{"K-1", "K-2", "K-3"}, {1, 4}, 5, 3, 2, 2, 0};
        CHECK(through_pipeline(rules, files, {}, 1) == expected);
        CHECK(through_pipeline(rules, files, {}, 3) == expected);
        CHECK(through_stream(rules, files, {}) == expected);
    }
    SECTION("a case outside the selection still takes its id") {
        CaseSelection unit_b;
        unit_b.units = {"B"};
        const Seen expected{{"K-3"}, {1, 4}, 5, 3, 2, 2, 2};
        CHECK(through_pipeline(rules, files, unit_b, 1) == expected);
        CHECK(through_pipeline(rules, files, unit_b, 3) == expected);
        CHECK(through_stream(rules, files, unit_b) == expected);
    }
    fs::remove_all(dir);
}

TEST_CASE("the document form is found whatever the order of its keys", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const fs::path dir = fs::temp_directory_path() / ("aktkoll-doc-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string file = (dir / "doc.json").string();
    std::ofstream(file) << "{\"exported\": {\"by\": \"x\", \"id\": 1},\n \"cases\": [\n"
                           "  {\"id\": \"D-1\", \"unit\": \"B\", \"events\": []},\n"
                           "  {\"id\": \"D-2\", \"unit\": \"A\", \"events\": []}\n ],\n \"format\": \"case-export/1\"}\n";
    REQUIRE(detect_form(file) == ExportForm::Document);
    CaseSelection unit_b;
    unit_b.units = {"B"};
    const Seen expected{{"D-1"}, {}, 2, 2, 0, 0, 1};
    CHECK(through_pipeline(rules, {plain_case_file(file)}, unit_b, 2) == expected);
    CHECK(through_stream(rules, {plain_case_file(file)}, unit_b) == expected);
    fs::remove_all(dir);
}

TEST_CASE("rows a conversion rejected are rejected records of the CSV file, in line order", "[pipeline]") {
    const RuleSet rules = shipped_pack();
    const std::string data = std::string(AKTKOLL_SOURCE_DIR) + "/tests/data/forms/";
    CaseFiles opened;
    std::ostringstream messages;
    const auto files = opened.open({data + "cases.csv"}, {data + "cases.toml", Lang::Sv}, messages);
    REQUIRE(files);
    // CSV line 4 (an impossible date) and line 6 (a duplicate id); the header is line 1.
    const Seen expected{{"F-1", "F-2", "F-3", "F-4"}, {4, 6}, 6, 4, 7, 2, 0};
    CHECK(through_pipeline(rules, *files, {}, 2) == expected);
    CHECK(through_stream(rules, *files, {}) == expected);
    std::vector<std::string> named;
    const PipelineReport r = run_pipeline(rules, *files, {}, [&](const CaseResult& c) { named.push_back(c.file); });
    CHECK(named == std::vector<std::string>(4, data + "cases.csv"));
    REQUIRE(r.rejected.size() == 2);
    CHECK(r.rejected[0].file == data + "cases.csv");
    CHECK(r.rejected[0].kind == ReadErrorKind::RowRejected);
    CHECK(r.stats.blank_lines == 0);  // the conversion's blank lines only keep lines in step
}

TEST_CASE("merge refuses the same part twice, by the SHA-256 of its inputs", "[merge]") {
    const RuleSet rules = shipped_pack();
    const std::string file = generated_file(200, 0.0);
    Totals totals;
    PipelineReport report = run_pipeline(rules, {plain_case_file(file)}, {}, [&](const CaseResult& c) { totals.add(rules, c); });
    RunInfo run;
    run.input_files = report.input_sha256;
    run.stats = report.stats;
    const fs::path part = fs::temp_directory_path() / ("aktkoll-part-twice-" + std::to_string(::getpid()) + ".json");
    {
        std::ofstream out(part);
        report::Options opt;
        opt.format = report::Format::Json;
        report::write_totals(out, rules, totals, run, opt);
    }
    MergedRun merged;
    REQUIRE_FALSE(merge_partial(part.string(), rules, merged, Lang::Sv));
    CHECK(merged.totals.cases == 200);
    auto error = merge_partial(part.string(), rules, merged, Lang::Sv);
    REQUIRE(error);
    CHECK(error->find("samma del två gånger") != std::string::npos);
    CHECK(merged.totals.cases == 200);  // the refused part added nothing
    CHECK(merged.parts == 1);
    fs::remove(part);
    fs::remove(file);
}
