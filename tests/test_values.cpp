// Values of the rule language beyond booleans and dates: lists (attributes
// and parameters), `contains` / `starts with`, `if … then … else`, `*`,
// `min`/`max`, `size` and `age at`. Each is parsed, checked, formatted,
// evaluated (unknown values and exact EB included), and the closures are
// compared with the interpreter on every rule.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <set>
#include <string>
#include <vector>

#include "dsl/format.hpp"
#include "dsl/parser.hpp"
#include "engine/compile.hpp"
#include "engine/load.hpp"
#include "input/reader.hpp"
#include "report/prose.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;

namespace {

const std::string kHeader = R"(pack prov
  version "1"

vocabulary {
  case a: boolean
  case antal: integer
  case born: integer
  case unit: string
  case koder: list
  case lagrum: string
  event beslut { utfall: bifall | avslag, lagrum: string, insatser: list }
  event bedömning { instrument: string }
  event aktualisering
}

parameter frist = 14 "Dagar"
parameter instrument_lista = ["ASI", "AUDIT"] "Instrument som räknas"
)";

std::string rule_requiring(const std::string& expr, const std::string& applies = "") {
    return "rule R-1 {\n  question \"?\"\n  cite \"SoL\"\n" + (applies.empty() ? "" : "  applies when " + applies + "\n") +
           "  requires " + expr + "\n}\n";
}

RuleSet load(const std::string& rules, const std::vector<dsl::CommandLineParam>& params = {},
             const std::string& header = kHeader) {
    testing::TempPack pack(header + rules);
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rs = load_rule_set({pack.path()}, params, diags, sources, Lang::Sv);
    std::string text;
    for (const auto& d : diags.items) text += dsl::render(d, sources, Lang::Sv);
    INFO(text);
    REQUIRE(rs);
    return std::move(*rs);
}

// The diagnostics (code: message) of loading rules that should not load.
std::string errors(const std::string& rules, Lang lang = Lang::Sv, const std::string& header = kHeader,
                   const std::vector<dsl::CommandLineParam>& params = {}) {
    testing::TempPack pack(header + rules);
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rs = load_rule_set({pack.path()}, params, diags, sources, lang);
    CHECK_FALSE(rs);
    std::string out;
    for (const auto& d : diags.items) out += std::string(d.code) + ": " + d.message + "\n";
    return out;
}

std::string record(const std::string& attrs, const std::string& events = "") {
    return R"({"id":"T-1")" + (attrs.empty() ? std::string() : "," + attrs) + R"(,"events":[)" + events + "]}";
}

// Evaluates a case three ways (closures, interpreter with traces, with
// coverage), checks that they agree, and returns the closures' result.
CaseResult evaluate(const RuleSet& rules, std::string json) {
    RecordParser parser(rules.schema);
    Case c;
    const size_t len = json.size();
    json.append(simdjson::SIMDJSON_PADDING, '\0');
    INFO(json.substr(0, len));
    REQUIRE_FALSE(parser.parse(json.data(), len, json.size(), 1, c));
    CaseResult fast, reference, covered;
    rules.compiled->evaluate(c, fast, false, date_from_civil(2026, 1, 15));
    rules.compiled->evaluate(c, reference, true, date_from_civil(2026, 1, 15));
    std::vector<uint8_t> coverage;
    rules.compiled->evaluate(c, covered, coverage, date_from_civil(2026, 1, 15));
    for (const CaseResult* other : {&reference, &covered}) {
        REQUIRE(other->rules.size() == fast.rules.size());
        for (size_t r = 0; r < fast.rules.size(); ++r) {
            CHECK(fast.rules[r].outcome == other->rules[r].outcome);
            CHECK(fast.rules[r].reason == other->rules[r].reason);
        }
    }
    return fast;
}

// The value of a boolean expression: "true", "false" or "unknown" (through
// a rule's outcome, after exact EB).
std::string truth(const std::string& expr, const std::string& attrs, const std::string& events = "",
                  const std::vector<dsl::CommandLineParam>& params = {}, const std::string& header = kHeader) {
    RuleSet rules = load(rule_requiring(expr), params, header);
    const RuleResult r = evaluate(rules, record(attrs, events)).rules.at(0);
    switch (r.outcome) {
        case Outcome::Ja: return "true";
        case Outcome::Nej: return "false";
        case Outcome::EB: return "unknown";
        case Outcome::Et: break;
    }
    FAIL("a rule without 'applies when' gave Et");
    return "";
}

// The expression as `aktkoll fmt` writes it (after parsing).
std::string formatted(const std::string& expr) {
    dsl::Diagnostics diags;
    auto file = dsl::parse("x.akt", rule_requiring(expr), diags, Lang::Sv);
    REQUIRE(file);
    const auto& rule = std::get<dsl::RuleDecl>(file->items.at(0));
    return dsl::expression_text(*rule.requirement);
}

}  // namespace

// --- parsing and formatting ---------------------------------------------------------

TEST_CASE("values: each construct parses and formats back to itself", "[values][format]") {
    for (const std::string text :
         {"koder contains \"ASI\"", "lagrum starts with \"SoL 4 kap\"", "antal in instrument_lista",
          "size(koder) >= 2", "2 * antal + 1 = 5", "antal + 2 * frist = 5", "(if a then 1 else 2) = antal",
          "min(antal, 3, frist) = 3", "max(antal, 1) > 0", "age at first(beslut).date < 18",
          "age at (first(beslut).date + 7 days) >= 18", "if a then antal > 1 else antal < 1"}) {
        INFO(text);
        CHECK(formatted(text) == text);
    }
}

TEST_CASE("values: * binds tighter than + and -, parentheses kept where written", "[values][format]") {
    CHECK(formatted("1 + 2 * 3 = 7") == "1 + 2 * 3 = 7");
    CHECK(formatted("(1 + 2) * 3 = 9") == "(1 + 2) * 3 = 9");
    dsl::Diagnostics diags;
    auto file = dsl::parse("x.akt", rule_requiring("1 + 2 * 3 = 7"), diags, Lang::Sv);
    REQUIRE(file);
    const auto& cmp = std::get<dsl::Binary>(std::get<dsl::RuleDecl>(file->items[0]).requirement->node);
    const auto& sum = std::get<dsl::Binary>(cmp.lhs->node);
    CHECK(sum.op == dsl::BinaryOp::Add);
    CHECK(std::get<dsl::Binary>(sum.rhs->node).op == dsl::BinaryOp::Mul);
}

TEST_CASE("values: syntax errors say what was expected", "[values][parse]") {
    auto syntax = [](const std::string& expr) {
        dsl::Diagnostics diags;
        CHECK_FALSE(dsl::parse("x.akt", rule_requiring(expr), diags, Lang::Sv));
        REQUIRE(diags.items.size() == 1);
        return std::string(diags.items[0].code) + ": " + diags.items[0].message;
    };
    CHECK(syntax("if a then 1") == "AK0101: förväntade 'else': ett 'if' ger alltid ett värde");
    CHECK(syntax("if a 1 else 2") == "AK0101: förväntade 'then' efter villkoret i 'if'");
    CHECK(syntax("lagrum starts \"SoL\"") == "AK0101: förväntade 'with' (starts with \"…\")");
    CHECK(syntax("min(antal) = 1") == "AK0115: min och max tar minst två värden");
    CHECK(syntax("antal in 5") ==
          "AK0101: förväntade en lista, t.ex. [\"ASI\", \"AUDIT\"], eller namnet på en listparameter");
}

TEST_CASE("values: names min, max, size and age stay usable as attribute names", "[values][parse]") {
    const std::string header = R"(pack prov
vocabulary {
  case age: integer
  case size: integer
}
)";
    CHECK(truth("age + size = 5", R"("age":2,"size":3)", "", {}, header) == "true");
}

// --- type errors ------------------------------------------------------------------------

TEST_CASE("values: type errors, Swedish and English", "[values][checker]") {
    CHECK(errors(rule_requiring("first(beslut).date contains \"x\"")) ==
          "AK0270: 'contains' tar en text eller en lista till vänster och en text till höger, men fick date och string\n");
    CHECK(errors(rule_requiring("koder starts with \"x\""), Lang::En) ==
          "AK0270: 'starts with' takes texts on both sides, but got list and string\n");
    CHECK(errors(rule_requiring("\"ASI\" in frist")) == "AK0271: 'in' behöver en lista, men 'frist' är integer\n");
    CHECK(errors(rule_requiring("(if a then 1 else first(beslut).date) = 1")) ==
          "AK0272: grenarna i 'if' har olika typer: integer efter 'then' och date efter 'else'\n");
    CHECK(errors(rule_requiring("size(if a then koder else koder) = 1")) == "AK0273: 'if' kan inte ge en lista\n");
    CHECK(errors(rule_requiring("min(antal, first(beslut).date) = 1"), Lang::En) ==
          "AK0274: 'min' takes only dates or only integers, but got integer, date\n");
    CHECK(errors(rule_requiring("size(lagrum) = 1")) == "AK0275: 'size' tar en lista, men värdet är string\n");
    CHECK(errors(rule_requiring("first(beslut).date * 2 = 1")) == "AK0249: kan inte multiplicera date och integer\n");
    CHECK(errors(rule_requiring("if antal then 1 = 1 else a")) ==
          "AK0245: 'if' ska vara av typen boolean, men uttrycket är integer\n");
    CHECK(errors(rule_requiring("\"x\" in [\"a\"] and antal in instrument_lista")) ==
          "AK0250: listan innehåller string, men värdet är integer\n");
}

TEST_CASE("values: age at needs a case attribute born of type integer or date", "[values][checker]") {
    const std::string no_born = R"(pack prov
vocabulary {
  case born: string
  event beslut
}
)";
    CHECK(errors(rule_requiring("age at first(beslut).date < 18"), Lang::Sv, no_born) ==
          "AK0276: 'age at' läser ärendeattributet 'born', men vokabulären har inget 'born' av typen integer "
          "(födelseår) eller date (födelsedatum)\n");
    CHECK(errors(rule_requiring("age at 5 < 18")) == "AK0245: 'age at' ska vara av typen date, men uttrycket är integer\n");
}

TEST_CASE("values: list parameters: declared with items, overridden with --param a,b", "[values][checker][param]") {
    CHECK(errors("parameter tom = [] \"x\"\n") ==
          "AK0215: en listparameter ska ha minst ett värde (en tom lista gör 'in' alltid falskt)\n");
    const std::string events = R"({"type":"bedömning","date":"2024-01-01","instrument":"DUDIT"})";
    const std::string expr = "first(bedömning).instrument in instrument_lista";
    CHECK(truth(expr, "", events) == "false");
    CHECK(truth(expr, "", events, {{"instrument_lista", "ASI, DUDIT"}}) == "true");
    CHECK(truth(expr, "", events, {{"instrument_lista", ""}}) == "false");
    CHECK(truth("instrument_lista contains \"AUDIT\" and size(instrument_lista) = 2", "") == "true");
}

// --- evaluation ------------------------------------------------------------------------------

TEST_CASE("values: list attributes of the case and of events", "[values][evaluator][list]") {
    CHECK(truth("koder contains \"ASI\"", R"("koder":["AUDIT","ASI"])") == "true");
    CHECK(truth("koder contains \"AS\"", R"("koder":["AUDIT","ASI"])") == "false");  // an item, not a part
    CHECK(truth("koder contains \"ASI\"", R"("koder":null)") == "unknown");
    CHECK(truth("koder contains \"ASI\"", "") == "unknown");
    CHECK(truth("\"ASI\" in koder", R"("koder":["ASI"])") == "true");
    CHECK(truth("\"ASI\" in koder", R"("koder":[])") == "false");
    CHECK(truth("size(koder) = 2", R"("koder":["a","b"])") == "true");
    CHECK(truth("size(koder) = 0", R"("koder":[])") == "true");
    CHECK(truth("size(koder) = 0", "") == "unknown");
    const std::string events = R"({"type":"beslut","date":"2024-01-01","utfall":"bifall","lagrum":"x","insatser":["boende"]})";
    CHECK(truth("exists(beslut where insatser contains \"boende\")", "", events) == "true");
    CHECK(truth("first(beslut).insatser contains \"öppenvård\"", "", events) == "false");
}

TEST_CASE("values: contains and starts with on texts", "[values][evaluator][string]") {
    CHECK(truth("lagrum contains \"4 kap\"", R"("lagrum":"SoL 4 kap. 1 §")") == "true");
    CHECK(truth("lagrum starts with \"SoL 4 kap\"", R"("lagrum":"SoL 4 kap. 1 §")") == "true");
    CHECK(truth("lagrum starts with \"4 kap\"", R"("lagrum":"SoL 4 kap. 1 §")") == "false");
    CHECK(truth("lagrum starts with \"sol\"", R"("lagrum":"SoL")") == "false");  // case matters
    CHECK(truth("lagrum contains \"\"", R"("lagrum":"x")") == "true");
    CHECK(truth("lagrum contains \"x\"", R"("lagrum":null)") == "unknown");
    CHECK(truth("first(beslut).utfall starts with \"bi\"", "",
                R"({"type":"beslut","date":"2024-01-01","utfall":"bifall"})") == "true");
}

TEST_CASE("values: * on integers and in day arithmetic", "[values][evaluator][arith]") {
    CHECK(truth("2 * antal + 1 = 7", R"("antal":3)") == "true");
    CHECK(truth("2 * antal = 6", R"("antal":null)") == "unknown");
    CHECK(truth("first(aktualisering).date + 2 * frist days = 2024-01-29", "",
                R"({"type":"aktualisering","date":"2024-01-01"})") == "true");
}

TEST_CASE("values: if then else, Kleene on an unknown condition", "[values][evaluator][if]") {
    CHECK(truth("(if a then 7 else 14) = 7", R"("a":true)") == "true");
    CHECK(truth("(if a then 7 else 14) = 7", R"("a":false)") == "false");
    // Unknown condition: exact EB fills in `a`, and the branches disagree.
    CHECK(truth("(if a then 7 else 14) = 7", R"("a":null)") == "unknown");
    // Both branches give the same value: known whatever `a` is.
    CHECK(truth("(if a then 7 else 7) = 7", R"("a":null)") == "true");
    // Different branches, same answer to the comparison: exact EB decides.
    CHECK(truth("(if a then 7 else 8) > 5", R"("a":null)") == "true");
    CHECK(truth("if a then antal > 1 else antal < 1", R"("a":true,"antal":5)") == "true");
    CHECK(truth("(if a then lagrum else \"x\") = \"x\"", R"("a":false)") == "true");
}

TEST_CASE("values: if with an unknown condition without exact EB (integer condition input)", "[values][evaluator][if]") {
    // The condition reads an integer, which exact EB does not fill in: the
    // branches alone decide.
    CHECK(truth("(if antal > 2 then 1 else 1) = 1", R"("antal":null)") == "true");
    CHECK(truth("(if antal > 2 then 1 else 2) = 1", R"("antal":null)") == "unknown");
}

TEST_CASE("values: min and max: unknown if any argument is; earliest leaves out a missing first", "[values][evaluator][minmax]") {
    const std::string events = R"({"type":"aktualisering","date":"2024-03-01"})";
    CHECK(truth("min(antal, 3, frist) = 3", R"("antal":5)") == "true");
    CHECK(truth("max(antal, 3, frist) = 14", R"("antal":5)") == "true");
    CHECK(truth("min(antal, 3) = 3", R"("antal":null)") == "unknown");
    CHECK(truth("min(first(aktualisering).date, 2024-01-01) = 2024-01-01", "", events) == "true");
    CHECK(truth("max(first(aktualisering).date, 2024-01-01) = 2024-03-01", "", events) == "true");
    // No beslut: earliest leaves it out, min is unknown.
    CHECK(truth("earliest(first(beslut).date, first(aktualisering).date) = 2024-03-01", "", events) == "true");
    CHECK(truth("min(first(beslut).date, first(aktualisering).date) = 2024-03-01", "", events) == "unknown");
}

TEST_CASE("values: age at a date from a birth year is exact only when both possible ages agree", "[values][evaluator][age]") {
    auto at = [](const std::string& date) { return R"({"type":"aktualisering","date":")" + date + R"("})"; };
    const std::string born = R"("born":2008)";
    CHECK(truth("age at first(aktualisering).date < 18", born, at("2025-03-01")) == "true");     // 16 or 17
    CHECK(truth("age at first(aktualisering).date < 18", born, at("2026-03-01")) == "unknown");  // 17 or 18
    CHECK(truth("age at first(aktualisering).date < 18", born, at("2026-12-31")) == "false");    // 18
    CHECK(truth("age at first(aktualisering).date >= 18", born, at("2027-01-01")) == "true");    // 18 or 19
    CHECK(truth("age at first(aktualisering).date = 18", born, at("2026-12-31")) == "true");
    CHECK(truth("age at first(aktualisering).date = 18", born, at("2026-06-01")) == "unknown");
    CHECK(truth("age at first(aktualisering).date = 20", born, at("2026-06-01")) == "false");
    CHECK(truth("age at first(aktualisering).date != 20", born, at("2026-06-01")) == "true");
    CHECK(truth("age at first(aktualisering).date + 1 > 17", born, at("2025-06-01")) == "unknown");  // 17..18 > 17
    CHECK(truth("age at first(aktualisering).date + 1 > 15", born, at("2025-06-01")) == "true");
    CHECK(truth("max(age at first(aktualisering).date, 18) = 18", born, at("2025-06-01")) == "true");
    CHECK(truth("age at first(aktualisering).date in [16, 17]", born, at("2025-06-01")) == "true");
    CHECK(truth("age at first(aktualisering).date in [17, 18]", born, at("2025-06-01")) == "unknown");
    CHECK(truth("age at first(aktualisering).date < 18", R"("born":null)", at("2025-03-01")) == "unknown");
    CHECK(truth("age at first(aktualisering).date < 18", born) == "unknown");  // no date
}

TEST_CASE("values: age at a date from a birth date; 29 February", "[values][evaluator][age]") {
    const std::string header = R"(pack prov
vocabulary {
  case born: date
  event aktualisering
}
)";
    auto age_is = [&](const std::string& born, const std::string& date, int age) {
        return truth("age at " + date + " = " + std::to_string(age), R"("born":")" + born + "\"", "", {}, header);
    };
    CHECK(age_is("2008-05-10", "2026-05-09", 17) == "true");
    CHECK(age_is("2008-05-10", "2026-05-10", 18) == "true");
    CHECK(age_is("2008-02-29", "2026-02-28", 17) == "true");
    CHECK(age_is("2008-02-29", "2026-03-01", 18) == "true");
    CHECK(age_is("2008-02-29", "2028-02-29", 20) == "true");
}

TEST_CASE("values: traces show an age range and never the text of a string", "[values][evaluator][trace]") {
    RuleSet rules = load(rule_requiring("age at first(aktualisering).date < 18 and lagrum contains \"kap\""));
    std::string json = record(R"("born":2008,"lagrum":"hemligt 4 kap")", R"({"type":"aktualisering","date":"2026-03-01"})");
    RecordParser parser(rules.schema);
    Case c;
    const size_t len = json.size();
    json.append(simdjson::SIMDJSON_PADDING, '\0');
    REQUIRE_FALSE(parser.parse(json.data(), len, json.size(), 1, c));
    CaseResult out;
    rules.compiled->evaluate(c, out, true, date_from_civil(2026, 1, 15));
    std::string trace;
    for (const auto& line : out.traces.at(0).lines) trace += line.text + " = " + line.value + "\n";
    INFO(trace);
    CHECK(trace.find("age at first(aktualisering).date = 17..18") != std::string::npos);
    CHECK(trace.find("hemligt") == std::string::npos);
}

TEST_CASE("values: aktkoll doc says each construct in Swedish", "[values][prose]") {
    testing::TempPack pack(kHeader + rule_requiring("koder contains \"ASI\" and lagrum starts with \"SoL\" and size(koder) > 1 and "
                                                    "age at first(aktualisering).date < 18 and min(antal, 2 * frist) > 1 and "
                                                    "(if a then 1 else 2) = 1 and \"ASI\" in instrument_lista"));
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto checked = dsl::load_pack({pack.path()}, {}, diags, sources, Lang::Sv);
    REQUIRE(checked);
    const auto& requirement = *checked->rules.at(0).versions.at(0)->requirement;
    const std::string text = report::prose_inline(report::prose_of(requirement, checked.get(), Lang::Sv), Lang::Sv);
    INFO(text);
    for (const char* part : {"koder innehåller \"ASI\"", "lagrum börjar med \"SoL\"", "antalet värden i koder är större än 1",
                             "åldern (i hela år) den datumet för första aktualisering är mindre än 18",
                             "det minsta av antal och 2 gånger 14 (frist) är större än 1", "(1 om a är sant, annars 2) är 1",
                             "\"ASI\" är ett av värdena i [\"ASI\", \"AUDIT\"] (instrument_lista)"})
        CHECK(text.find(part) != std::string::npos);
}

// --- the hot path against the reference ------------------------------------------------

TEST_CASE("values: the closures give what the interpreter gives on every construct", "[values][closures]") {
    RuleSet rules = load(R"(
rule V-1 { question "?" cite "x" requires koder contains "ASI" or "AUDIT" in koder }
rule V-2 { question "?" cite "x" requires lagrum starts with "SoL" and lagrum contains "4 kap" }
rule V-3 { question "?" cite "x" requires (if a then antal else 2 * antal) > min(3, frist) }
rule V-4 { question "?" cite "x" requires age at first(aktualisering).date < 18 }
rule V-5 { question "?" cite "x" applies when exists(beslut) requires size(first(beslut).insatser) >= max(1, antal) }
rule V-6 { question "?" cite "x" requires first(bedömning).instrument in instrument_lista }
)");
    const std::vector<std::string> attrs = {
        "", R"("koder":["ASI"],"a":true,"antal":1,"born":2008,"lagrum":"SoL 4 kap")",
        R"("koder":[],"a":null,"antal":4,"born":2010,"lagrum":"LVM")", R"("koder":null,"a":false,"antal":null,"born":null)"};
    const std::vector<std::string> events = {
        "", R"({"type":"aktualisering","date":"2026-03-01"},{"type":"beslut","date":"2026-04-01","insatser":["a","b"]})",
        R"({"type":"aktualisering","date":"2026-12-31"},{"type":"bedömning","date":"2026-01-01","instrument":"ASI"})",
        R"({"type":"beslut","date":"2026-04-01","insatser":null},{"type":"bedömning","date":"2026-01-01","instrument":null})"};
    std::set<std::pair<size_t, int>> outcomes;
    for (const auto& a : attrs)
        for (const auto& e : events) {
            const CaseResult r = evaluate(rules, record(a, e));  // compares the three evaluators
            for (size_t i = 0; i < r.rules.size(); ++i) outcomes.emplace(i, static_cast<int>(r.rules[i].outcome));
        }
    CHECK(outcomes.size() >= 2 * rules.rules.size());  // every rule takes more than one outcome
}

TEST_CASE("values: a layer overrides a list parameter with a list", "[values][layers]") {
    testing::TempDir dir("values-layer");
    std::filesystem::create_directories(dir.dir() / "bas");
    std::filesystem::create_directories(dir.dir() / "lokal");
    dir.write("bas/regler.akt", kHeader + rule_requiring("first(bedömning).instrument in instrument_lista"));
    dir.write("lokal/regler.akt", R"(pack lokal
uses "../bas"
override parameter instrument_lista = ["DUDIT"] because "Lokal rutin"
)");
    auto outcome = [&](const std::string& pack) {
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        auto rules = load_rule_set({dir.path(pack)}, {}, diags, sources, Lang::Sv);
        REQUIRE(rules);
        return evaluate(*rules, record("", R"({"type":"bedömning","date":"2024-01-01","instrument":"DUDIT"})")).rules.at(0).outcome;
    };
    CHECK(outcome("bas") == Outcome::Nej);
    CHECK(outcome("lokal") == Outcome::Ja);
}
