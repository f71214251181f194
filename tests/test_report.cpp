// Report writers: exact audit tables (Markdown, CSV), the share rule,
// transposition, JSON schema, HTML escaping, findings citing the version of
// law used, no free text, and the question_outcome combination rule.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <algorithm>
#include <sstream>

#include "report/detail.hpp"
#include "report/report.hpp"

using namespace aktkoll;
using report::Format;
using report::Options;

namespace {

RuleVersionInfo version(std::string question, std::string cite, std::optional<Date> from, std::optional<Date> until,
                        RuleSeverity sev = RuleSeverity::High, std::string explain = "") {
    RuleVersionInfo v;
    v.question = std::move(question);
    v.cites = {std::move(cite)};
    v.severity = sev;
    v.valid_from = from;
    v.valid_until = until;
    v.explain = std::move(explain);
    return v;
}

RuleInfo rule(std::string id, std::vector<RuleVersionInfo> versions) {
    RuleInfo r;
    r.id = std::move(id);
    r.layer = "missbruk";
    r.versions = std::move(versions);
    return r;
}

// Q1 <- R-A (two versions of law); Q2 <- R-B, R-C; Q3 <- R-E, R-D (R-D switched off).
RuleSet fixture_rules() {
    RuleSet rs;
    rs.pack_name = "missbruk";
    rs.pack_version = "1.2.0";
    rs.pack_title = "Vuxna med missbruk";
    rs.template_name = "aktgranskning";
    rs.template_title = "Aktgranskning (test)";
    rs.layers = {{"missbruk", "1.2.0", "rules/missbruk", {{"rules/missbruk/10-utredning.akt", std::string(64, 'a')}}}};
    rs.params = {{"utredning_dagar", "14", "Dagar till utredning", "missbruk", ""}};
    rs.rules.push_back(rule("R-A", {version("Inleds utredning i tid?", "SoL 11 kap. 1 §", date_from_civil(2002, 1, 1),
                                            date_from_civil(2025, 6, 30), RuleSeverity::High,
                                            "Utredning ska inledas inom 14 dagar."),
                                    version("Inleds utredning genast?", "SoL (2025:400) 14 kap. 2 §",
                                            date_from_civil(2025, 7, 1), std::nullopt, RuleSeverity::High,
                                            "Utredning ska inledas genast, inom 14 dagar.")}));
    rs.rules.push_back(rule("R-B", {version("Finns vårdplan?", "SoL 5 kap. 9 §", std::nullopt, std::nullopt)}));
    rs.rules.push_back(rule("R-C", {version("Finns genomförandeplan?", "SOSFS 2014:5", std::nullopt, std::nullopt,
                                            RuleSeverity::Medium)}));
    rs.rules.push_back(rule("R-D", {version("Avstängd fråga?", "Lokal", std::nullopt, std::nullopt)}));
    rs.rules.back().disabled = true;
    rs.rules.back().disabled_by = "lokal";
    rs.rules.back().disabled_reason = "gäller inte här";
    rs.rules.push_back(rule("R-E", {version("Finns SIP?", "SoL 2 kap. 7 §", std::nullopt, std::nullopt)}));
    rs.questions = {{"1", "Har utredning inletts?", {0}, "missbruk"},
                    {"2", "Finns plan; \"vårdplan\"?", {1, 2}, "missbruk"},
                    {"3", "Finns SIP?", {4, 3}, "missbruk"}};
    ProcessInfo p;
    p.name = "vårdkedja";
    p.steps = {{"beslut", "beslut", {}, std::nullopt, {}},
               {"vårdplan", "vårdplan", {0}, std::nullopt, {"SoL 5 kap. 9 §"}},
               {"genomförandeplan", "genomförandeplan", {1}, std::nullopt, {}},
               {"uppföljning", "uppföljning", {0}, 0, {}}};
    rs.processes = {p};
    return rs;
}

RuleResult res(Outcome o, int8_t version = 0) {
    OutcomeReason r = o == Outcome::Ja    ? OutcomeReason::Met
                      : o == Outcome::Nej ? OutcomeReason::NotMet
                      : o == Outcome::Et  ? OutcomeReason::DoesNotApply
                                          : OutcomeReason::RequirementUnknown;
    return {o, r, o == Outcome::Et ? int8_t(-1) : version};
}

const RuleResult kOff{Outcome::Et, OutcomeReason::Disabled, -1};

CaseResult make_case(std::string id, std::vector<RuleResult> rules) {
    CaseResult c;
    c.id = std::move(id);
    c.file = "cases/test.ndjson";
    c.rules = std::move(rules);
    c.processes = {std::vector<StepResult>(4)};
    return c;
}

const char* kSecret = "HEMLIG-FRITEXT-Anna-Svensson";

std::vector<CaseResult> fixture_cases() {
    using O = Outcome;
    std::vector<CaseResult> cs;
    cs.push_back(make_case("K-1", {res(O::Ja, 0), res(O::Ja), res(O::Ja), kOff, res(O::Et)}));
    cs.push_back(make_case("K-2", {res(O::Nej, 1), res(O::Ja), res(O::Nej), kOff, res(O::Et)}));
    cs.push_back(make_case("K-3", {res(O::Et), {O::EB, OutcomeReason::AppliesUnknown, -1}, res(O::Ja), kOff, res(O::Et)}));
    cs.push_back(make_case("K-4", {res(O::EB, 1), res(O::Et), res(O::Et), kOff, res(O::Et)}));
    cs[0].line = 1;
    cs[0].unit = "Vuxenenheten";
    cs[1].line = 2;
    auto& steps = cs[1].processes[0];
    steps[0] = {StepStatus::Present, date_from_civil(2025, 8, 1), -1, 0, -1};
    steps[1] = {StepStatus::Missing, std::nullopt, -1, 0, -1};
    steps[2] = {StepStatus::Missing, std::nullopt, 1, 0, -1};
    steps[3] = {StepStatus::Late, date_from_civil(2025, 10, 5), -1, 5, -1};
    // Free text reachable only through a trace: a check report never prints traces.
    for (auto& c : cs) c.traces.assign(5, RuleTrace{{{0, "anteckning", std::string("\"") + kSecret + "\""}}, {}, false, {}, {}});
    return cs;
}

Totals totals_of(const RuleSet& rs, const std::vector<CaseResult>& cs) {
    Totals t;
    for (const auto& c : cs) t.add(rs, c);
    return t;
}

RunInfo fixture_run() {
    RunInfo run;
    run.aktkoll_version = "0.1.0";
    run.evaluated_on = "2026-01-15";
    run.input_files = {{"cases/test.ndjson", std::string(64, 'b')}};
    run.stats.lines = 5;
    run.stats.cases = 4;
    run.stats.events = 20;
    run.stats.rejected = 1;
    ReadError e;
    e.kind = ReadErrorKind::InvalidDate;
    e.file = "cases/test.ndjson";
    e.line = 5;
    e.case_id = "K-5";
    e.field = "date";
    e.event_index = 1;
    run.rejected = {e};
    return run;
}

std::string check(Format f, Lang lang = Lang::Sv, int transpose_above = 12) {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    Options opt;
    opt.format = f;
    opt.lang = lang;
    opt.transpose_above = transpose_above;
    std::ostringstream out;
    report::write_check(out, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    return out.str();
}

// The first block of lines starting with '|' from the line starting with `first`.
std::string table_block(const std::string& text, const std::string& first) {
    size_t pos = text.find("\n" + first);
    REQUIRE(pos != std::string::npos);
    std::istringstream in(text.substr(pos + 1));
    std::string line, out;
    while (std::getline(in, line) && !line.empty() && line[0] == '|') out += line + "\n";
    return out;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("question_outcome: Nej wins, then EB, then Ja, else Et; switched-off rules skipped", "[report][aggregate]") {
    RuleSet rs;
    rs.rules = {rule("A", {}), rule("B", {}), rule("C", {})};
    rs.rules[2].disabled = true;
    QuestionInfo q{"1", "?", {0, 1, 2}, ""};
    const Outcome all[] = {Outcome::Ja, Outcome::Nej, Outcome::Et, Outcome::EB};
    auto rank = [](Outcome o) { return o == Outcome::Nej ? 3 : o == Outcome::EB ? 2 : o == Outcome::Ja ? 1 : 0; };
    for (Outcome a : all)
        for (Outcome b : all)
            for (Outcome c : all) {
                CaseResult cr = make_case("K", {res(a), res(b), res(c)});
                Outcome expected = rank(a) >= rank(b) ? a : b;
                CHECK(question_outcome(q, rs, cr) == expected);
                cr.rules[1].reason = OutcomeReason::Disabled;  // switched off for this case
                CHECK(question_outcome(q, rs, cr) == a);
            }
    CaseResult none = make_case("K", {res(Outcome::Nej), res(Outcome::Nej), res(Outcome::Nej)});
    QuestionInfo only_off{"2", "?", {2}, ""};
    CHECK(question_outcome(only_off, rs, none) == Outcome::Et);
}

TEST_CASE("Totals are the counts of the cells and add up", "[report][aggregate]") {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    Totals t = totals_of(rs, cs);
    REQUIRE(t.cases == 4);
    REQUIRE(t.per_question.size() == 3);
    for (size_t q = 0; q < rs.questions.size(); ++q) {
        Counts from_cells;
        for (const auto& c : cs) from_cells.add(question_outcome(rs.questions[q], rs, c));
        CHECK(t.per_question[q].n == from_cells.n);
    }
    CHECK(t.per_rule[3].total() == 0);  // switched off: not counted
    Totals a, b;
    a.add(rs, cs[0]);
    a.add(rs, cs[1]);
    b.add(rs, cs[2]);
    b.add(rs, cs[3]);
    a += b;
    CHECK(a.cases == t.cases);
    for (size_t q = 0; q < 3; ++q) CHECK(a.per_question[q].n == t.per_question[q].n);
    for (size_t r = 0; r < 5; ++r) CHECK(a.per_rule[r].n == t.per_rule[r].n);
}

TEST_CASE("labels and rule_index", "[report]") {
    CHECK(std::string(outcome_label(Outcome::Et, Lang::Sv)) == "Et");
    CHECK(std::string(outcome_label(Outcome::Et, Lang::En)) == "N/A");
    CHECK(std::string(outcome_label(Outcome::EB, Lang::En)) == "U/A");
    CHECK(std::string(severity_label(RuleSeverity::High, Lang::Sv)) == "hög");
    CHECK(std::string(step_status_label(StepStatus::Missing, Lang::Sv)) == "saknas");
    RuleSet rs = fixture_rules();
    CHECK(rs.rule_index("R-C") == 2);
    CHECK(rs.rule_index("X") == -1);
    CHECK(report::parse_format("text") == Format::Terminal);
    CHECK(report::parse_format("md") == Format::Markdown);
    CHECK(report::parse_format("html") == Format::Html);
    CHECK(!report::parse_format("pdf"));
}

TEST_CASE("Markdown audit table, exact", "[report]") {
    std::string md = check(Format::Markdown);
    CHECK(table_block(md, "| Nr") ==
          "| Nr | Fråga | K-1 | K-2 | K-3 | K-4 | Ja | Nej | Et | EB | Ja av bedömda |\n"
          "| ---: | --- | :---: | :---: | :---: | :---: | ---: | ---: | ---: | ---: | ---: |\n"
          "| 1 | Har utredning inletts? | Ja | Nej | Et | EB | 1 | 1 | 1 | 1 | 1/2 (50 %) |\n"
          "| 2 | Finns plan; \"vårdplan\"? | Ja | Nej | EB | Et | 1 | 1 | 1 | 1 | 1/2 (50 %) |\n"
          "| 3 | Finns SIP? | Et | Et | Et | Et | 0 | 0 | 4 | 0 | – |\n");
    CHECK(contains(md, "bedömda = Ja + Nej"));
    CHECK(table_block(md, "| Regel") ==
          "| Regel | Lager | Frågor | Ja | Nej | Et | EB | Ja av bedömda | Status |\n"
          "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n"
          "| R-A | missbruk | 1 | 1 | 1 | 1 | 1 | 1/2 (50 %) |  |\n"
          "| R-B | missbruk | 2 | 2 | 0 | 1 | 1 | 2/2 (100 %) |  |\n"
          "| R-C | missbruk | 2 | 2 | 1 | 1 | 0 | 2/3 (67 %) |  |\n"
          "| R-D | missbruk | 3 | – | – | – | – | – | avstängd av lokal |\n"
          "| R-E | missbruk | 3 | 0 | 0 | 4 | 0 | – |  |\n");
}

TEST_CASE("English labels", "[report]") {
    std::string md = check(Format::Markdown, Lang::En);
    CHECK(table_block(md, "| No.") ==
          "| No. | Question | K-1 | K-2 | K-3 | K-4 | Yes | No | N/A | U/A | Yes of assessed |\n"
          "| ---: | --- | :---: | :---: | :---: | :---: | ---: | ---: | ---: | ---: | ---: |\n"
          "| 1 | Har utredning inletts? | Yes | No | N/A | U/A | 1 | 1 | 1 | 1 | 1/2 (50%) |\n"
          "| 2 | Finns plan; \"vårdplan\"? | Yes | No | U/A | N/A | 1 | 1 | 1 | 1 | 1/2 (50%) |\n"
          "| 3 | Finns SIP? | N/A | N/A | N/A | N/A | 0 | 0 | 4 | 0 | – |\n");
    CHECK(contains(md, "Findings per case"));
    CHECK(!contains(md, "Anmärkningar"));
}

TEST_CASE("CSV: BOM, semicolons, CRLF, RFC 4180 quoting", "[report]") {
    CHECK(check(Format::Csv) ==
          "\xEF\xBB\xBF"
          "Nr;Fråga;K-1;K-2;K-3;K-4;Ja;Nej;Et;EB;Ja av bedömda\r\n"
          "1;Har utredning inletts?;Ja;Nej;Et;EB;1;1;1;1;1/2 (50 %)\r\n"
          "2;\"Finns plan; \"\"vårdplan\"\"?\";Ja;Nej;EB;Et;1;1;1;1;1/2 (50 %)\r\n"
          "3;Finns SIP?;Et;Et;Et;Et;0;0;4;0;–\r\n");
    // Even above the transposition threshold the CSV keeps one row per question.
    CHECK(check(Format::Csv, Lang::Sv, 2) == check(Format::Csv));
}

TEST_CASE("share: Ja among the assessed, never Et in the denominator", "[report]") {
    RuleSet rs = fixture_rules();
    std::vector<CaseResult> cs;
    for (int i = 0; i < 9; ++i) {
        using O = Outcome;
        cs.push_back(make_case("K-" + std::to_string(i + 1), {res(O::Ja), res(O::Ja), i < 3 ? res(O::Et) : res(O::Ja), kOff, res(O::Et)}));
    }
    Options opt;
    opt.format = Format::Markdown;
    opt.transpose_above = 20;
    std::ostringstream out;
    report::write_check(out, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    std::string table = table_block(out.str(), "| Nr");
    CHECK(contains(table, "| 9 | 0 | 0 | 0 | 9/9 (100 %) |"));
    CHECK(contains(table, "| Et | Et | Et | Et | Et | Et | Et | Et | Et | 0 | 0 | 9 | 0 | – |"));
    CHECK(!contains(table, "0/9"));
    // 3 of 9 Et in row 2 (R-C): still 9/9 since R-B is Ja everywhere; check a mixed row directly:
    cs[0].rules[0] = res(Outcome::Nej);
    for (int i = 0; i < 3; ++i) cs[i + 1].rules[0] = res(Outcome::Et);
    std::ostringstream out2;
    report::write_check(out2, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    CHECK(contains(table_block(out2.str(), "| Nr"), "| 5 | 1 | 3 | 0 | 5/6 (83 %) |"));
}

TEST_CASE("share percent rounding never claims all or none falsely", "[report]") {
    Counts c;
    for (int i = 0; i < 249; ++i) c.add(Outcome::Ja);
    c.add(Outcome::Nej);
    c.add(Outcome::Et);
    RuleSet rs;
    rs.questions = {{"1", "Q", {}, ""}};
    Totals t;
    t.cases = 251;
    t.per_question = {c};
    Options opt;
    opt.format = Format::Csv;
    std::ostringstream out;
    report::write_totals(out, rs, t, fixture_run(), opt);
    CHECK(contains(out.str(), "249/250 (99 %)"));
}

TEST_CASE("transposed above the threshold: cases as rows, totals last, legend", "[report]") {
    std::string md = check(Format::Markdown, Lang::Sv, 3);
    CHECK(table_block(md, "| Ärende") ==
          "| Ärende | 1 | 2 | 3 |\n"
          "| --- | :---: | :---: | :---: |\n"
          "| K-1 | Ja | Ja | Et |\n"
          "| K-2 | Nej | Nej | Et |\n"
          "| K-3 | Et | EB | Et |\n"
          "| K-4 | EB | Et | Et |\n"
          "| Ja | 1 | 1 | 0 |\n"
          "| Nej | 1 | 1 | 0 |\n"
          "| Et | 1 | 1 | 4 |\n"
          "| EB | 1 | 1 | 0 |\n"
          "| Ja av bedömda | 1/2 (50 %) | 1/2 (50 %) | – |\n");
    CHECK(contains(md, "- 1: Har utredning inletts?\n"));
    CHECK(contains(md, "- 3: Finns SIP?\n"));
    std::string term = check(Format::Terminal, Lang::Sv, 3);
    CHECK(contains(term, "\nK-2               Nej         Nej      Et\n"));
    CHECK(contains(term, "\nJa av bedömda  1/2 (50 %)  1/2 (50 %)  –\n"));
}

TEST_CASE("terminal: aligned by code points, long questions cut, colours only when asked", "[report]") {
    RuleSet rs = fixture_rules();
    rs.questions[0].text = "Framgår det av dokumentationen hur den enskilde uppfattar sina behov av hjälp och stödinsatser?";
    auto cs = fixture_cases();
    Options opt;
    std::ostringstream out;
    report::write_check(out, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    std::string s = out.str();
    CHECK(contains(s, "  Framgår det av dokumentationen hur den enskilde uppfattar…  "));
    CHECK(contains(s, "- 1: Framgår det av dokumentationen hur den enskilde uppfattar sina behov av hjälp och stödinsatser?"));
    CHECK(!contains(s, "\x1b["));
    // Rows line up: "Ja av bedömda" ends in the same column on every row of the table.
    std::istringstream in(s.substr(s.find("Nr  Fråga")));
    std::string header, rule_line, row1;
    std::getline(in, header);
    std::getline(in, rule_line);
    std::getline(in, row1);
    auto width = [](const std::string& x) {
        size_t n = 0;
        for (unsigned char ch : x) n += (ch & 0xC0) != 0x80;
        return n;
    };
    CHECK(width(header) == width(row1));
    CHECK(width(rule_line) == width(row1));
    opt.color = true;
    std::ostringstream col;
    report::write_check(col, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    CHECK(contains(col.str(), "\x1b[1;31mNej\x1b[0m"));
    CHECK(contains(col.str(), "\x1b[32mJa\x1b[0m"));
}

TEST_CASE("findings: Nej and EB per case with the citations of the version used", "[report]") {
    std::string md = check(Format::Markdown);
    // K-2 was judged under version 2 (SoL 2025:400), K-1's Ja under version 1 is no finding.
    size_t k2 = md.find("### K-2");
    REQUIRE(k2 != std::string::npos);
    std::string k2_text = md.substr(k2, md.find("###", k2 + 3) - k2);
    CHECK(contains(k2_text, "- **Nej** R-A (fråga 1): Inleds utredning genast?\n"));
    CHECK(contains(k2_text, "  - Lagrum: SoL (2025:400) 14 kap. 2 §\n  - Bedömd enligt version 2 av 2 (gäller från 2025-07-01)\n"));
    CHECK(!contains(k2_text, "SoL 11 kap. 1 §"));
    CHECK(contains(k2_text, "  - Allvarlighet: hög\n"));
    CHECK(contains(k2_text, "  - Utredning ska inledas genast, inom 14 dagar.\n"));
    CHECK(contains(k2_text, "- **Nej** R-C (fråga 2)"));
    CHECK(contains(k2_text, "steget 'vårdplan' saknas (grundorsak) — lagrum: SoL 5 kap. 9 §"));
    CHECK(contains(k2_text, "steget 'genomförandeplan' saknas (följer av att 'vårdplan' saknas)"));
    CHECK(contains(k2_text, "steget 'uppföljning' (2025-10-05) kom 5 dagar för sent (frist räknad från 'beslut')"));
    CHECK(!contains(md, "### K-1"));  // nothing to remark on
    size_t k3 = md.find("### K-3");
    REQUIRE(k3 != std::string::npos);
    CHECK(contains(md.substr(k3), "- **EB** R-B (fråga 2): Finns vårdplan?\n  - Skäl: om regeln gäller beror på ett okänt värde"));
    CHECK(contains(md, "### K-4"));
    CHECK(contains(md, "Skäl: om kravet är uppfyllt beror på ett okänt värde (aktkoll explain visar vilket)"));
    CHECK(!contains(md, "uppgift saknas"));  // never only "data missing": the reason says what is unknown and where to look
    CHECK(contains(md, "## Avvisade poster (1)"));
    CHECK(contains(md, "cases/test.ndjson:5"));
}

TEST_CASE("no free text and no control characters reach a report", "[report]") {
    for (Format f : {Format::Terminal, Format::Markdown, Format::Csv, Format::Json, Format::Html}) {
        std::string s = check(f);
        CHECK(!contains(s, kSecret));
    }
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    cs[1].id = "K-2\x1b]0;pwn\x07<script>";
    Options opt;
    std::ostringstream term;
    report::write_check(term, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    CHECK(!contains(term.str(), "\x1b"));
    CHECK(!contains(term.str(), "\x07"));
    opt.format = Format::Html;
    std::ostringstream html;
    report::write_check(html, rs, cs, totals_of(rs, cs), fixture_run(), opt);
    CHECK(!contains(html.str(), "<script>"));
    CHECK(contains(html.str(), "&lt;script&gt;"));
}

TEST_CASE("JSON: documented keys and values", "[report]") {
    auto j = nlohmann::json::parse(check(Format::Json, Lang::En));
    CHECK(j["format"] == "aktkoll-result/1");
    CHECK(j["aktkoll_version"] == "0.1.0");
    CHECK(j["evaluated_on"] == "2026-01-15");
    CHECK(j["pack"]["name"] == "missbruk");
    CHECK(j["pack"]["layers"][0]["files"][0]["sha256"] == std::string(64, 'a'));
    CHECK(j["inputs"][0]["path"] == "cases/test.ndjson");
    CHECK(j["summary"]["cases"] == 4);
    CHECK(j["summary"]["rejected"] == 1);
    CHECK(j["rejected"][0]["line"] == 5);
    CHECK(j["rejected"][0]["case_id"] == "K-5");
    CHECK(j["rejected"][0]["kind"] == "invalid_date");
    CHECK(j["parameters"][0]["name"] == "utredning_dagar");
    auto& q1 = j["questions"][0];
    CHECK(q1["number"] == "1");
    CHECK(q1["rules"] == nlohmann::json::array({"R-A"}));
    CHECK(q1["counts"] == nlohmann::json({{"ja", 1}, {"nej", 1}, {"et", 1}, {"eb", 1}}));
    CHECK(q1["assessed"] == 2);
    CHECK(q1["share"] == 0.5);
    CHECK(j["questions"][2]["share"].is_null());
    auto& ra = j["rules"][0];
    CHECK(ra["id"] == "R-A");
    CHECK(ra["versions"][1]["cites"][0] == "SoL (2025:400) 14 kap. 2 §");
    CHECK(ra["versions"][1]["valid_from"] == "2025-07-01");
    CHECK(ra["versions"][1]["valid_until"].is_null());
    CHECK(ra["versions"][0]["severity"] == "high");
    CHECK(j["rules"][3]["disabled"] == true);
    REQUIRE(j["cases"].size() == 4);
    auto& k2 = j["cases"][1];
    CHECK(k2["id"] == "K-2");
    CHECK(k2["line"] == 2);
    CHECK(k2["unit"].is_null());
    CHECK(j["cases"][0]["unit"] == "Vuxenenheten");
    CHECK(k2["rules"]["R-A"]["outcome"] == "Nej");  // Swedish values in every language
    CHECK(k2["rules"]["R-A"]["reason"] == "not_met");
    CHECK(k2["rules"]["R-A"]["version"] == 1);
    CHECK(k2["rules"]["R-A"]["cites"][0] == "SoL (2025:400) 14 kap. 2 §");
    CHECK(k2["rules"]["R-D"]["outcome"].is_null());
    CHECK(k2["rules"]["R-D"]["reason"] == "disabled");
    CHECK(k2["questions"]["1"] == "Nej");
    CHECK(j["cases"][2]["questions"]["2"] == "EB");
    auto& steps = k2["steps"]["vårdkedja"];
    CHECK(steps["vårdplan"]["status"] == "missing");
    CHECK(steps["vårdplan"]["root_cause"] == true);
    CHECK(steps["genomförandeplan"]["root_cause"] == false);
    CHECK(steps["genomförandeplan"]["caused_by"] == "vårdplan");
    CHECK(steps["uppföljning"]["days_late"] == 5);
    CHECK(steps["uppföljning"]["date"] == "2025-10-05");
    CHECK(steps["beslut"]["status"] == "present");

    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    Options opt;
    opt.format = Format::Json;
    std::ostringstream out;
    report::write_totals(out, rs, totals_of(rs, cs), fixture_run(), opt);
    auto t = nlohmann::json::parse(out.str());
    CHECK(!t.contains("cases"));
    CHECK(t["questions"][0]["counts"]["nej"] == 1);
}

TEST_CASE("HTML: one self-contained file with table, legend, print styles", "[report]") {
    std::string html = check(Format::Html);
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(contains(html, "<table class=\"audit\">"));
    CHECK(contains(html, "<td class=\"c o-nej\">Nej</td>"));
    CHECK(contains(html, "@media print"));
    CHECK(contains(html, "Finns plan; &quot;vårdplan&quot;?"));
    CHECK(contains(html, std::string(64, 'b')));  // input hash in the header
    CHECK(!contains(html, "<script"));
    CHECK(!contains(html, "http://"));
    CHECK(!contains(html, "https://"));
    CHECK(!contains(html, "src="));
    CHECK(contains(html, "</html>\n"));
    // Every element opened is closed, in order (void elements aside).
    std::vector<std::string> stack;
    bool balanced = true;
    for (size_t p = html.find("<html"); p != std::string::npos && p < html.size(); p = html.find('<', p + 1)) {
        if (html.compare(p, 7, "<style>") == 0) {  // CSS, not markup
            stack.push_back("style");
            p = html.find("</style>", p) - 1;
            continue;
        }
        size_t end = html.find_first_of(" >", p + 1);
        std::string tag = html.substr(p + 1, end - p - 1);
        if (tag == "meta" || tag == "br") continue;
        if (tag[0] == '/') {
            balanced = balanced && !stack.empty() && stack.back() == tag.substr(1);
            if (!stack.empty()) stack.pop_back();
        } else {
            stack.push_back(tag);
        }
    }
    CHECK(balanced);
    CHECK(stack.empty());
}

TEST_CASE("totals and cases must agree", "[report]") {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    Totals t = totals_of(rs, cs);
    t.per_question[0].add(Outcome::Ja);
    std::ostringstream out;
    CHECK_THROWS_AS(report::write_check(out, rs, cs, t, fixture_run(), Options{}), std::logic_error);
    Totals partial;
    partial.add(rs, cs[0]);
    CHECK_THROWS_AS(report::write_check(out, rs, cs, partial, fixture_run(), Options{}), std::logic_error);
}

TEST_CASE("a question whose rules are all switched off prints – and is not counted", "[report]") {
    RuleSet rs = fixture_rules();
    rs.questions.push_back({"4", "Avstängd?", {3}, "lokal"});
    auto cs = fixture_cases();
    Totals t = totals_of(rs, cs);
    CHECK(t.per_question[3].total() == 0);
    Options opt;
    opt.format = Format::Csv;
    std::ostringstream out;
    report::write_check(out, rs, cs, t, fixture_run(), opt);
    CHECK(contains(out.str(), "4;Avstängd?;–;–;–;–;–;–;–;–;–\r\n"));
}

TEST_CASE("explain shows the trace, version and reason of one case", "[report]") {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    cs[1].traces[0].lines = {{0, "utredning_inledd inom 14 dagar", "false"}, {1, "dagar", "20"}};
    Options opt;
    opt.format = Format::Markdown;
    std::ostringstream out;
    report::write_explain(out, rs, cs[1], {0}, opt);
    std::string s = out.str();
    CHECK(contains(s, "## R-A — Nej"));
    CHECK(contains(s, "- Skäl: kravet är inte uppfyllt"));
    CHECK(contains(s, "- Version 2 av 2 (från 2025-07-01): Inleds utredning genast?"));
    CHECK(contains(s, "  - utredning_inledd inom 14 dagar = false\n    - dagar = 20\n"));
    opt.format = Format::Json;
    std::ostringstream js;
    report::write_explain(js, rs, cs[1], {}, opt);
    auto j = nlohmann::json::parse(js.str());
    CHECK(j["format"] == "aktkoll-explain/1");
    CHECK(j["rules"].size() == 5);
    CHECK(j["rules"][0]["trace"][1]["depth"] == 1);
    opt.format = Format::Html;
    std::ostringstream html;
    report::write_explain(html, rs, cs[1], {0}, opt);
    CHECK(contains(html.str(), "<pre>"));
    CHECK_THROWS(report::write_explain(out, rs, cs[1], {99}, opt));
}

TEST_CASE("rules left out by a selection (Disabled per case) print – and are not counted", "[report]") {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    for (auto& c : cs) c.rules[0] = kOff;  // as `aktkoll check --rule` masks unselected rules
    Totals t = totals_of(rs, cs);
    CHECK(t.per_question[0].total() == 0);
    CHECK(t.per_rule[0].total() == 0);
    Options opt;
    opt.format = Format::Csv;
    std::ostringstream out;
    report::write_check(out, rs, cs, t, fixture_run(), opt);
    CHECK(contains(out.str(), "\r\n1;Har utredning inletts?;–;–;–;–;–;–;–;–;–\r\n"));
    opt.format = Format::Json;
    std::ostringstream js;
    report::write_check(js, rs, cs, t, fixture_run(), opt);
    auto j = nlohmann::json::parse(js.str());
    CHECK(j["questions"][0]["asked"] == false);
    CHECK(j["cases"][0]["questions"]["1"].is_null());
}

TEST_CASE("text helpers: width in code points, cuts, control characters", "[report]") {
    using namespace report::detail;
    CHECK(display_width("Fråga") == 5);
    CHECK(display_width("åäö") == 3);
    CHECK(cut_to_width("kort", 10) == "kort");
    CHECK(cut_to_width("abcdefghij", 5) == "abcd…");
    CHECK(display_width(cut_to_width("Vid beslutade insatser finns en genomförandeplan upprättad?", 30)) <= 30);
    CHECK(printable("a\x1b[31mb") == "a\xEF\xBF\xBD[31mb");
    CHECK(printable("rad\nrad") == "rad rad");
    CHECK(printable("\xC3") == "\xEF\xBF\xBD");      // cut UTF-8
    CHECK(printable("\xE2\x80\xAE") == "\xEF\xBF\xBD");  // right-to-left override
    CHECK(printable("åäö") == "åäö");
    CHECK(printable("ab\x7f\tc\xC2\x85" "d e") == "ab\xEF\xBF\xBD c\xEF\xBF\xBD" "d e");  // DEL, tab, C1 between ASCII runs
    CHECK(printable("") == "");
    CHECK(md_escape("a|b\\c*d`e[f]g<h>i\nj\rk") == "a\\|b\\\\c\\*d\\`e\\[f\\]g\\<h\\>i j k");
    CHECK(md_escape("|") == "\\|");
    CHECK(md_escape("åäö||") == "åäö\\|\\|");
    CHECK(md_escape("") == "");
    CHECK(share_percent(2, 3) == 67);
    CHECK(share_percent(1, 1000) == 1);
    CHECK(share_percent(999, 1000) == 99);
    CHECK(csv_field("=1+1") == "'=1+1");
    CHECK(csv_field("a;b") == "\"a;b\"");
    CHECK(html_escape("<a href='x'>&</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

namespace {

std::string streamed(Format f, uint64_t large_above, bool all_cases = false) {
    RuleSet rs = fixture_rules();
    auto cs = fixture_cases();
    Options opt;
    opt.format = f;
    opt.large_above = large_above;
    opt.all_cases = all_cases;
    report::CheckReport r(rs, opt);
    for (const auto& c : cs) r.add(c);
    CHECK(r.large() == (cs.size() > large_above));
    std::ostringstream out;
    r.write(out, totals_of(rs, cs), fixture_run(), opt);
    return out.str();
}

}  // namespace

TEST_CASE("CheckReport: up to large_above cases, the same bytes as write_check", "[report][stream]") {
    for (Format f : {Format::Terminal, Format::Markdown, Format::Csv, Format::Json, Format::Html})
        CHECK(streamed(f, 4) == check(f));
}

TEST_CASE("CheckReport past large_above: json and csv have every case, the readable formats the totals first", "[report][stream]") {
    const auto small = nlohmann::json::parse(check(Format::Json));
    const auto large = nlohmann::json::parse(streamed(Format::Json, 2));
    CHECK(large["cases"] == small["cases"]);
    CHECK(large["questions"] == small["questions"]);
    CHECK(large["rules"] == small["rules"]);

    const std::string csv = streamed(Format::Csv, 2);
    CHECK(contains(csv, "\r\nK-1;Ja;"));
    CHECK(std::count(csv.begin(), csv.end(), '\n') == 1 + 4 + 5);  // header, cases, Ja Nej Et EB share

    const std::string md = streamed(Format::Markdown, 2);
    CHECK(contains(md, "## Vanligaste anmärkningar"));
    CHECK(contains(md, "--all-cases"));
    CHECK_FALSE(contains(md, "### K-2"));
    CHECK(md.find("## Per regel") < md.find("## Vanligaste anmärkningar"));
    const std::string all = streamed(Format::Markdown, 2, true);
    CHECK_FALSE(contains(all, "--all-cases"));
    CHECK(contains(all, "| K-4 |"));
    CHECK(contains(all, "### K-2"));
    CHECK(all.find("## Vanligaste anmärkningar") < all.find("| K-1 |"));

    const std::string html = streamed(Format::Html, 2, true);
    CHECK(contains(html, "<details>"));
    CHECK(html.find("Vanligaste anmärkningar") < html.find("<details>"));
    CHECK_FALSE(contains(html, kSecret));
    CHECK_FALSE(contains(streamed(Format::Terminal, 2, true), kSecret));
}
