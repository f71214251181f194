// The xlsx workbook: a valid zip (read from its central directory) with the
// three sheets, byte for byte the same for the same run, refused through the
// stream interface, and an error for a path that cannot be written.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "report/report.hpp"

using namespace aktkoll;

namespace {

std::string bytes_of(const std::string& path) {
    std::ostringstream s;
    s << std::ifstream(path, std::ios::binary).rdbuf();
    return s.str();
}

uint32_t le(const std::string& b, size_t at, int n) {
    uint32_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(b.at(at + static_cast<size_t>(i)));
    return v;
}

// The member names from the zip's central directory; empty when it is not a zip.
std::set<std::string> zip_names(const std::string& b) {
    std::set<std::string> names;
    if (b.size() < 22) return names;
    size_t eocd = b.size() - 22;
    while (eocd > 0 && le(b, eocd, 4) != 0x06054b50) --eocd;
    if (le(b, eocd, 4) != 0x06054b50) return names;
    const uint32_t entries = le(b, eocd + 10, 2), offset = le(b, eocd + 16, 4);
    size_t p = offset;
    for (uint32_t i = 0; i < entries; ++i) {
        if (le(b, p, 4) != 0x02014b50) return {};
        const uint32_t name_len = le(b, p + 28, 2), extra = le(b, p + 30, 2), comment = le(b, p + 32, 2);
        names.insert(b.substr(p + 46, name_len));
        p += 46 + name_len + extra + comment;
    }
    return names;
}

RuleSet rules() {
    RuleSet rs;
    rs.pack_name = "missbruk";
    rs.pack_version = "2026.1";
    rs.template_title = "Aktgranskning (test)";
    RuleInfo r;
    r.id = "R-A";
    RuleVersionInfo v;
    v.question = "Har utredning inletts?";
    v.cites = {"SoL 11 kap. 1 §"};
    r.versions = {v};
    rs.rules = {r};
    rs.questions = {{"1", "Har utredning inletts?", {0}, "missbruk"}};
    return rs;
}

std::vector<CaseResult> cases() {
    std::vector<CaseResult> cs(2);
    cs[0].id = "K-1";
    cs[0].rules = {{Outcome::Ja, OutcomeReason::Met, 0}};
    cs[1].id = "K-2";
    cs[1].rules = {{Outcome::Nej, OutcomeReason::NotMet, 0}};
    return cs;
}

}  // namespace

TEST_CASE("xlsx: a zip with workbook, three sheets and shared strings, the same bytes for the same run", "[xlsx]") {
    const auto dir = std::filesystem::temp_directory_path() / ("aktkoll-xlsx-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const RuleSet rs = rules();
    const auto cs = cases();
    Totals totals;
    for (const auto& c : cs) totals.add(rs, c);
    RunInfo run;
    run.evaluated_on = "2026-07-02";
    run.aktkoll_version = "0.1.0";
    report::Options opt;
    opt.format = report::Format::Xlsx;
    const std::string a = (dir / "a.xlsx").string(), b = (dir / "b.xlsx").string();
    REQUIRE(report::write_check_xlsx(a, rs, cs, totals, run, opt) == "");
    REQUIRE(report::write_check_xlsx(b, rs, cs, totals, run, opt) == "");
    const std::string bytes = bytes_of(a);
    CHECK(bytes.rfind("PK\x03\x04", 0) == 0);
    const auto names = zip_names(bytes);
    for (const char* n : {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                          "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml", "xl/styles.xml", "docProps/core.xml"})
        CHECK(names.count(n) == 1);
    CHECK(names.count("xl/worksheets/sheet4.xml") == 0);
    CHECK(bytes_of(b) == bytes);  // creation time is the evaluation date, not the clock

    opt.lang = Lang::En;
    CHECK(report::write_check_xlsx((dir / "totals.xlsx").string(), rs, {}, totals, run, opt, true) == "");
    CHECK(zip_names(bytes_of((dir / "totals.xlsx").string())).count("xl/worksheets/sheet3.xml") == 1);
    CHECK_THAT(report::write_check_xlsx((dir / "no-such-dir" / "x.xlsx").string(), rs, cs, totals, run, opt),
               Catch::Contains("cannot"));
    std::ostringstream out;
    CHECK_THROWS_AS(report::write_check(out, rs, cs, totals, run, opt), std::invalid_argument);
    CHECK(report::parse_format("xlsx") == report::Format::Xlsx);
    std::filesystem::remove_all(dir);
}

TEST_CASE("xlsx: more cases than a sheet holds is an error naming csv and --per-case, and no file", "[xlsx]") {
    const auto dir = std::filesystem::temp_directory_path() / ("aktkoll-xlsx-big-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const RuleSet rs = rules();
    Totals totals;
    totals.per_rule.resize(1);
    totals.per_question.resize(1);
    totals.cases = report::kXlsxMaxCases + 1;
    RunInfo run;
    run.evaluated_on = "2026-07-02";
    report::Options opt;
    opt.format = report::Format::Xlsx;
    const std::string path = (dir / "big.xlsx").string();
    const std::string error = report::write_check_xlsx(path, rs, {}, totals, run, opt);
    CHECK_THAT(error, Catch::Contains("--per-case") && Catch::Contains("--format csv"));
    CHECK_FALSE(std::filesystem::exists(path));

    // More cases than a sheet has columns: written (as rows), not cut.
    std::vector<CaseResult> many(report::kXlsxColumns);
    Totals all;
    for (size_t i = 0; i < many.size(); ++i) {
        many[i].id = "K-" + std::to_string(i);
        many[i].rules = {{i % 2 ? Outcome::Ja : Outcome::Nej, OutcomeReason::Met, 0}};
        all.add(rs, many[i]);
    }
    CHECK(report::write_check_xlsx(path, rs, many, all, run, opt) == "");
    CHECK(zip_names(bytes_of(path)).count("xl/worksheets/sheet1.xml") == 1);
    std::filesystem::remove_all(dir);
}
