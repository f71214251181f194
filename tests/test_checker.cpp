// The checker's diagnostics, each with its exact text: one bad rule file per
// problem under tests/data/lint/, loaded the way `aktkoll lint` loads it
// (parse, check, compile) and rendered without colour. The golden tests of
// `aktkoll lint` capture only standard output and the exit code; the text a
// rule author reads (standard error) is pinned here.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "core/diagnostic.hpp"
#include "engine/load.hpp"

using namespace aktkoll;
using dsl::CommandLineParam;

namespace {

const std::string kSource = AKTKOLL_SOURCE_DIR;

std::string lint_path(const std::string& name) { return kSource + "/tests/data/lint/" + name + ".akt"; }

// Every diagnostic of loading the file, rendered, with the source folder cut
// from paths so the text reads as `aktkoll lint` prints it from the repository root.
std::string lint(const std::string& name, Lang lang = Lang::Sv, const std::vector<CommandLineParam>& params = {}) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({lint_path(name)}, params, diags, sources, lang);
    if (diags.has_errors()) CHECK_FALSE(rules);
    std::string out;
    for (const auto& d : diags.items) out += dsl::render(d, sources, lang, false);
    const std::string prefix = kSource + "/";
    for (size_t at = out.find(prefix); at != std::string::npos; at = out.find(prefix, at)) out.erase(at, prefix.size());
    return out;
}

dsl::Diagnostics diagnostics(const std::string& name, const std::vector<CommandLineParam>& params = {},
                             Lang lang = Lang::Sv) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    (void)load_rule_set({lint_path(name)}, params, diags, sources, lang);
    return diags;
}

}  // namespace

TEST_CASE("lint: a correct file gives no diagnostics", "[checker]") {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({lint_path("good")}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    CHECK(diags.items.empty());
    CHECK(rules->pack_name == "lint");
    REQUIRE(rules->rules.size() == 1);
    CHECK(rules->rules[0].versions.at(0).explain == "Utredning ska inledas inom 14 dagar.");
}

// --- exact texts, Swedish and English ------------------------------------------

TEST_CASE("lint bad-top-level (sv)", "[checker][diagnostic]") {
    CHECK(lint("bad-top-level", Lang::Sv) == R"(tests/data/lint/bad-top-level.akt:21:1: fel AK0101: förväntade en deklaration (pack, uses, vocabulary, parameter, override, disable, rule, process, template, extend)
 21 | regel R-2 {
    | ^
  tips: hittade 'regel'
)");
}

TEST_CASE("lint clause-twice (sv)", "[checker][diagnostic]") {
    CHECK(lint("clause-twice", Lang::Sv) == R"(tests/data/lint/clause-twice.akt:20:3: fel AK0224: klausulen anges två gånger
 20 |   applies when exists(aktualisering)
    |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint cycle (sv)", "[checker][diagnostic]") {
    CHECK(lint("cycle", Lang::Sv) == R"(tests/data/lint/cycle.akt:19:3: fel AK0252: processen 'ärendet' har en cirkel i 'after': utredning → beslut → utredning
 19 |   step utredning {
    |   ^~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint enum-value (sv)", "[checker][diagnostic]") {
    CHECK(lint("enum-value", Lang::Sv) == R"(tests/data/lint/enum-value.akt:18:41: fel AK0248: "bifal" är inget av värdena bifall, avslag
 18 |   requires exists(beslut where utfall = "bifal")
    |                                         ^~~~~~~
  tips: menade du 'bifall'?
)");
}

TEST_CASE("lint explain-placeholder (sv)", "[checker][diagnostic]") {
    CHECK(lint("explain-placeholder", Lang::Sv) == R"(tests/data/lint/explain-placeholder.akt:19:11: fel AK0233: '{utredning_inom_dagarna}' i förklaringen är ingen parameter
 19 |   explain "Utredning ska inledas inom {utredning_inom_dagarna} dagar."
    |           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
  tips: menade du 'utredning_inom_dagar'?
)");
}

TEST_CASE("lint missing-after-and (sv)", "[checker][diagnostic]") {
    CHECK(lint("missing-after-and", Lang::Sv) == R"(tests/data/lint/missing-after-and.akt:19:1: fel AK0101: förväntade ett uttryck
 19 | }
    | ^
  tips: hittade '}'
)");
}

TEST_CASE("lint missing-brace (sv)", "[checker][diagnostic]") {
    // Said at the '{' that is never closed, not where the next rule starts.
    CHECK(lint("missing-brace", Lang::Sv) == R"(tests/data/lint/missing-brace.akt:15:10: fel AK0132: '{' öppnas här men stängs aldrig med '}'
 15 | rule R-1 {
    |          ^
  tips: nästa 'rule' börjar på rad 20: sätt '}' före den
)");
}

TEST_CASE("lint missing-cite (sv)", "[checker][diagnostic]") {
    CHECK(lint("missing-cite", Lang::Sv) == R"(tests/data/lint/missing-cite.akt:15:6: fel AK0226: regeln 'R-1' saknar 'cite' (lagrum)
 15 | rule R-1 {
    |      ^~~
)");
}

TEST_CASE("lint missing-question (sv)", "[checker][diagnostic]") {
    CHECK(lint("missing-question", Lang::Sv) == R"(tests/data/lint/missing-question.akt:15:6: fel AK0225: regeln 'R-1' saknar 'question'
 15 | rule R-1 {
    |      ^~~
)");
}

TEST_CASE("lint missing-requires (sv)", "[checker][diagnostic]") {
    CHECK(lint("missing-requires", Lang::Sv) == R"(tests/data/lint/missing-requires.akt:15:6: fel AK0227: regeln 'R-1' saknar 'requires'
 15 | rule R-1 {
    |      ^~~
)");
}

TEST_CASE("lint misspelled-clause (sv)", "[checker][diagnostic]") {
    CHECK(lint("misspelled-clause", Lang::Sv) == R"(tests/data/lint/misspelled-clause.akt:18:3: fel AK0101: förväntade en klausul (question, cite, severity, valid, judged on, applies when, requires, explain) eller '}'
 18 |   requirs exists(vårdplan)
    |   ^
  tips: menade du 'requires'?
)");
}

TEST_CASE("lint overlapping-versions (sv)", "[checker][diagnostic]") {
    CHECK(lint("overlapping-versions", Lang::Sv) == R"(tests/data/lint/overlapping-versions.akt:26:3: fel AK0230: versionerna av 'R-1' överlappar: 2002-01-01 – 2025-06-30 (tests/data/lint/overlapping-versions.akt:15) och 2025-06-01 – … (tests/data/lint/overlapping-versions.akt:23)
 26 |   valid from 2025-06-01
    |   ^~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint period-backwards (sv)", "[checker][diagnostic]") {
    CHECK(lint("period-backwards", Lang::Sv) == R"(tests/data/lint/period-backwards.akt:18:3: fel AK0228: giltighetsperioden slutar (2025-06-30) innan den börjar (2025-07-01)
 18 |   valid from 2025-07-01 until 2025-06-30
    |   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint type-earliest-integer (sv): earliest/latest take two dates", "[checker][diagnostic]") {
    CHECK(lint("type-earliest-integer", Lang::Sv) == R"(tests/data/lint/type-earliest-integer.akt:18:12: fel AK0249: kan inte ta det tidigaste av date och integer
 18 |   requires earliest(first(beslut).date, utredning_inom_dagar) = first(beslut).date
    |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint type-and-integer (sv)", "[checker][diagnostic]") {
    CHECK(lint("type-and-integer", Lang::Sv) == R"(tests/data/lint/type-and-integer.akt:18:31: fel AK0245: 'and' ska vara av typen boolean, men uttrycket är integer
 18 |   requires exists(beslut) and utredning_inom_dagar
    |                               ^~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint type-date-string (sv)", "[checker][diagnostic]") {
    CHECK(lint("type-date-string", Lang::Sv) == R"(tests/data/lint/type-date-string.akt:18:12: fel AK0249: kan inte jämföra date och string
 18 |   requires first(beslut).date = "2025-01-01"
    |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint unknown-attribute (sv)", "[checker][diagnostic]") {
    CHECK(lint("unknown-attribute", Lang::Sv) == R"(tests/data/lint/unknown-attribute.akt:19:36: fel AK0247: händelsen 'utredning_inledd' har inget attribut 'skäl_dokumenterad'
 19 |   requires first(utredning_inledd).skäl_dokumenterad
    |                                    ^~~~~~~~~~~~~~~~~
  tips: menade du 'skäl_dokumenterat'?
)");
}

TEST_CASE("lint unknown-event (sv)", "[checker][diagnostic]") {
    CHECK(lint("unknown-event", Lang::Sv) == R"(tests/data/lint/unknown-event.akt:18:19: fel AK0244: okänd händelsetyp 'vårdplam'
 18 |   requires exists(vårdplam)
    |                   ^~~~~~~~
  tips: menade du 'vårdplan'?
)");
}

TEST_CASE("lint unknown-name (sv)", "[checker][diagnostic]") {
    CHECK(lint("unknown-name", Lang::Sv) == R"(tests/data/lint/unknown-name.akt:18:16: fel AK0246: okänt namn 'children_under_17' (inte ett ärendeattribut eller en parameter)
 18 |   applies when children_under_17
    |                ^~~~~~~~~~~~~~~~~
  tips: menade du 'children_under_18'?
)");
}

TEST_CASE("lint unknown-rule (sv)", "[checker][diagnostic]") {
    CHECK(lint("unknown-rule", Lang::Sv) == R"(tests/data/lint/unknown-rule.akt:22:51: fel AK0242: okänd regel 'UTR-2'
 22 |   question 1 "Har utredning inletts?" answered by UTR-2
    |                                                   ^~~~~
  tips: menade du 'UTR-1'?
)");
}

TEST_CASE("lint unknown-step (sv)", "[checker][diagnostic]") {
    CHECK(lint("unknown-step", Lang::Sv) == R"(tests/data/lint/unknown-step.akt:21:11: fel AK0236: okänt steg 'aktualisring'
 21 |     after aktualisring
    |           ^~~~~~~~~~~~
  tips: menade du 'aktualisering'?
)");
}

TEST_CASE("lint unterminated-string (sv)", "[checker][diagnostic]") {
    CHECK(lint("unterminated-string", Lang::Sv) == R"(tests/data/lint/unterminated-string.akt:16:28: fel AK0101: strängen saknar avslutande citattecken
 16 |   question "Finns vårdplan?
    |                            ^
)");
}

TEST_CASE("lint versions-without-judged (sv)", "[checker][diagnostic]") {
    CHECK(lint("versions-without-judged", Lang::Sv) == R"(tests/data/lint/versions-without-judged.akt:15:6: fel AK0231: regeln 'R-1' har flera versioner men saknar 'judged on' (datumet som avgör vilken lag som gäller)
 15 | rule R-1 {
    |      ^~~
)");
}

TEST_CASE("lint unknown-event (en)", "[checker][diagnostic]") {
    CHECK(lint("unknown-event", Lang::En) == R"(tests/data/lint/unknown-event.akt:18:19: error AK0244: unknown event type 'vårdplam'
 18 |   requires exists(vårdplam)
    |                   ^~~~~~~~
  hint: did you mean 'vårdplan'?
)");
}

TEST_CASE("lint enum-value (en)", "[checker][diagnostic]") {
    CHECK(lint("enum-value", Lang::En) == R"(tests/data/lint/enum-value.akt:18:41: error AK0248: "bifal" is none of the values bifall, avslag
 18 |   requires exists(beslut where utfall = "bifal")
    |                                         ^~~~~~~
  hint: did you mean 'bifall'?
)");
}

TEST_CASE("lint cycle (en)", "[checker][diagnostic]") {
    CHECK(lint("cycle", Lang::En) == R"(tests/data/lint/cycle.akt:19:3: error AK0252: the process 'ärendet' has a cycle in 'after': utredning → beslut → utredning
 19 |   step utredning {
    |   ^~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint overlapping-versions (en)", "[checker][diagnostic]") {
    CHECK(lint("overlapping-versions", Lang::En) == R"(tests/data/lint/overlapping-versions.akt:26:3: error AK0230: the versions of 'R-1' overlap: 2002-01-01 – 2025-06-30 (tests/data/lint/overlapping-versions.akt:15) and 2025-06-01 – … (tests/data/lint/overlapping-versions.akt:23)
 26 |   valid from 2025-06-01
    |   ^~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint misspelled-clause (en)", "[checker][diagnostic]") {
    CHECK(lint("misspelled-clause", Lang::En) == R"(tests/data/lint/misspelled-clause.akt:18:3: error AK0101: expected a clause (question, cite, severity, valid, judged on, applies when, requires, explain) or '}'
 18 |   requirs exists(vårdplan)
    |   ^
  hint: did you mean 'requires'?
)");
}

TEST_CASE("lint unterminated-string (en)", "[checker][diagnostic]") {
    CHECK(lint("unterminated-string", Lang::En) == R"(tests/data/lint/unterminated-string.akt:16:28: error AK0101: the string has no closing quote
 16 |   question "Finns vårdplan?
    |                            ^
)");
}

TEST_CASE("lint type-date-string (en)", "[checker][diagnostic]") {
    CHECK(lint("type-date-string", Lang::En) == R"(tests/data/lint/type-date-string.akt:18:12: error AK0249: cannot compare date and string
 18 |   requires first(beslut).date = "2025-01-01"
    |            ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
)");
}

TEST_CASE("lint missing-after-and (en)", "[checker][diagnostic]") {
    CHECK(lint("missing-after-and", Lang::En) == R"(tests/data/lint/missing-after-and.akt:19:1: error AK0101: expected an expression
 19 | }
    | ^
  hint: found '}'
)");
}

// --- one diagnostic per problem, not a cascade ------------------------------------

TEST_CASE("lint: each bad file reports exactly its one problem", "[checker]") {
    for (const char* name : {"bad-top-level", "clause-twice", "cycle", "enum-value", "explain-placeholder",
                             "missing-after-and", "missing-brace", "missing-cite", "missing-question", "missing-requires",
                             "misspelled-clause", "overlapping-versions", "period-backwards", "type-and-integer",
                             "type-date-string", "unknown-attribute", "unknown-event", "unknown-name", "unknown-rule",
                             "unknown-step", "unterminated-string", "unknown-process"}) {
        INFO(name);
        auto diags = diagnostics(name);
        CHECK(diags.error_count() == 1);
        CHECK(diags.warning_count() == 0);
    }
}

// --- --param on the command line ---------------------------------------------------

TEST_CASE("command-line param: an unknown name: error with did-you-mean", "[checker][param]") {
    auto diags = diagnostics("good", {{"utredning_inom_dagr", "7"}});
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].severity == dsl::Severity::Error);
    CHECK(diags.items[0].message == "okänd parameter 'utredning_inom_dagr'");
    CHECK(diags.items[0].hint == "menade du 'utredning_inom_dagar'?");
    auto en = diagnostics("good", {{"utredning_inom_dagr", "7"}}, Lang::En);
    REQUIRE(en.items.size() == 1);
    CHECK(en.items[0].message == "unknown parameter 'utredning_inom_dagr'");
    CHECK(en.items[0].hint == "did you mean 'utredning_inom_dagar'?");
}

TEST_CASE("command-line param: a value of the wrong type: error naming the type", "[checker][param]") {
    for (const char* bad : {"sju", "7x", "", "7.5", "true"}) {
        INFO(bad);
        auto diags = diagnostics("good", {{"utredning_inom_dagar", bad}});
        REQUIRE(diags.items.size() == 1);
        CHECK(diags.items[0].message == "värdet för 'utredning_inom_dagar' ska vara av typen integer");
    }
    auto en = diagnostics("good", {{"utredning_inom_dagar", "sju"}}, Lang::En);
    REQUIRE(en.items.size() == 1);
    CHECK(en.items[0].message == "the value of 'utredning_inom_dagar' must be of type integer");
}

TEST_CASE("command-line param: a good value replaces the default, recorded as from the command line", "[checker][param]") {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({lint_path("good")}, {{"utredning_inom_dagar", "7"}}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    REQUIRE(rules->params.size() == 1);
    CHECK(rules->params[0].value == "7");
    CHECK(rules->params[0].layer == "kommandoraden");
    CHECK(rules->params[0].override_reason == "angiven på kommandoraden");
    // Placeholders in explanations show the value in force.
    CHECK(rules->rules[0].versions.at(0).explain == "Utredning ska inledas inom 7 dagar.");
}

// --- behaviour the checker should have but does not (yet) -------------------------
// Hidden with [.pending]; run with `aktkoll_tests ""`. Each is listed
// in the test engineer's report to the lead.

TEST_CASE("a diagnostic without a source line does not print ':0:0'", "[checker][param]") {
    // Today: "--param:0:0: fel: okänd parameter ..." and "nosuch.akt:0:0: fel: hittar inte ...".
    std::string text = lint("good", Lang::Sv, {{"utredning_inom_dagr", "7"}});
    CHECK(text.find(":0:0") == std::string::npos);
    CHECK(text.find("okänd parameter 'utredning_inom_dagr'") != std::string::npos);
}

TEST_CASE("the same rule id twice in one period is one clear error", "[checker]") {
    // Today: three errors, two of them "har flera versioner men saknar 'judged on'"
    // and an overlap between "… – …" and "… – …".
    auto diags = diagnostics("duplicate-rule");
    CHECK(diags.error_count() == 1);
    std::string text = lint("duplicate-rule");
    CHECK(text.find("… – …") == std::string::npos);
    CHECK(text.find("duplicate-rule.akt:15") != std::string::npos);  // names the first declaration
}

TEST_CASE("an unknown process in 'process X in order' has a did-you-mean hint", "[checker]") {
    auto diags = diagnostics("unknown-process");
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].hint == "menade du 'ärendet'?");
}

TEST_CASE("versions of a rule with different 'judged on' are an error", "[checker]") {
    // Today no diagnostic: compile() silently uses the first version's
    // `judged on` for all versions, so the second version's is ignored.
    auto diags = diagnostics("judged-on-differs");
    CHECK(diags.error_count() == 1);
}

TEST_CASE("a 'valid' period without 'judged on' is reported", "[checker]") {
    // Today no diagnostic, and the evaluator applies the only version to every
    // case whatever its date: a rule valid from 2025-07-01 judges a 2024 case.
    auto diags = diagnostics("valid-without-judged");
    CHECK(diags.items.size() == 1);
}

// --- helpers -------------------------------------------------------------------------

TEST_CASE("did_you_mean: nearest candidate within a small distance, code points not bytes", "[checker][diagnostic]") {
    CHECK(dsl::did_you_mean("vårdplam", {"vårdplan", "beslut"}) == "vårdplan");
    CHECK(dsl::did_you_mean("vardplan", {"vårdplan", "beslut"}) == "vårdplan");
    CHECK(dsl::did_you_mean("xyz", {"vårdplan", "beslut"}).empty());
    CHECK(dsl::did_you_mean("requirs", {"requires", "question"}) == "requires");
    CHECK(dsl::did_you_mean("a", {}).empty());
}

TEST_CASE("render: file:line:col, source line, caret under code points, hint", "[checker][diagnostic]") {
    dsl::SourceMap sources;
    sources.add("r.akt", "rad ett\n  requires exists(vårdplam)\n");
    dsl::Diagnostic d;
    d.code = "AK0244";
    d.pos = {"r.akt", 2, 19};
    d.length = 8;
    d.message = "okänd händelsetyp 'vårdplam'";
    d.hint = "menade du 'vårdplan'?";
    CHECK(dsl::render(d, sources, Lang::Sv) ==
          "r.akt:2:19: fel AK0244: okänd händelsetyp 'vårdplam'\n"
          " 2 |   requires exists(vårdplam)\n"
          "   |                   ^~~~~~~~\n"
          "  tips: menade du 'vårdplan'?\n");
    d.severity = dsl::Severity::Warning;
    d.hint.clear();
    CHECK(dsl::render(d, sources, Lang::En).rfind("r.akt:2:19: warning AK0244: ", 0) == 0);
}

TEST_CASE("rule_files: the .akt files of a folder in name order", "[checker]") {
    auto files = dsl::rule_files(kSource + "/rules/missbruk");
    REQUIRE(files.size() >= 2);
    CHECK(std::is_sorted(files.begin(), files.end()));
    for (const auto& f : files) CHECK(f.substr(f.size() - 4) == ".akt");
}

// --- quantifiers: every/some … as b -------------------------------------------------

TEST_CASE("quantifier diagnostics: each bad file reports its one problem, with its code", "[checker][quantifier]") {
    const std::vector<std::pair<const char*, const char*>> files = {
        {"quant-missing-as", "AK0110"},       {"quant-missing-has", "AK0111"},     {"quant-consecutive-names", "AK0112"},
        {"quant-missing-type", "AK0113"},     {"quant-keyword-name", "AK0114"},    {"quant-unbound", "AK0260"},
        {"quant-unknown-attr", "AK0261"},     {"quant-bare-binding", "AK0262"},    {"quant-shadow", "AK0263"},
        {"quant-name-taken", "AK0264"},       {"quant-consecutive-attr", "AK0265"}, {"quant-too-deep", "AK0266"},
        {"quant-self-compare", "AK0267"},     {"quant-too-many-types", "AK0268"}};
    for (const auto& [name, code] : files) {
        INFO(name);
        auto diags = diagnostics(name);
        REQUIRE(diags.items.size() == 1);
        CHECK(std::string(diags.items[0].code) == code);
        CHECK(diags.items[0].severity == (std::string(code) == "AK0267" ? dsl::Severity::Warning : dsl::Severity::Error));
    }
}

TEST_CASE("quantifier diagnostics: the texts a rule author reads", "[checker][quantifier]") {
    auto one = [](const char* name, Lang lang = Lang::Sv) {
        auto diags = diagnostics(name, {}, lang);
        REQUIRE(diags.items.size() == 1);
        return diags.items[0].message + " | " + diags.items[0].hint;
    };
    CHECK(one("quant-unbound") ==
          "'b' är inte bundet här: b.date kan bara användas inom every/some … as b | ");
    CHECK(one("quant-unknown-attr") == "händelsen 'b' (beslut) har inget attribut 'utfal' | menade du 'utfall'?");
    CHECK(one("quant-bare-binding") ==
          "'b' är en bunden händelse (beslut), inte ett värde | skriv b.date för dess datum eller b.ATTRIBUT för ett attribut");
    CHECK(one("quant-shadow").starts_with("namnet 'b' är redan bundet på rad 15 | "));
    CHECK(one("quant-name-taken").starts_with("namnet 'vårdplan' är redan en händelsetyp | "));
    CHECK(one("quant-self-compare") == "'date >= date' jämför datumet för vårdplan med sig självt | menade du b.date?");
    CHECK(one("quant-self-compare", Lang::En) == "'date >= date' compares the date of the vårdplan with itself | did you mean b.date?");
    CHECK(one("quant-consecutive-attr") == "'a' kan vara en händelse av flera typer: bara a.date kan läsas | ");
}

TEST_CASE("quantifiers: the example pack loads without diagnostics", "[checker][quantifier]") {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({kSource + "/tests/data/quant"}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    CHECK(diags.items.empty());
    CHECK(rules->rules.size() == 3);
}
