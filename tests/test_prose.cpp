// The prose generator (report/prose.hpp): every expression form of the rule
// language in Swedish words (and English for a sample), lists for nested
// `and`/`or`, negation pushed into the sentence, parameters with their value
// in force, and the values whose unknownness gives EB. Expressions are parsed
// and checked by the real loader from an inline pack.
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

#include "dsl/checker.hpp"
#include "report/prose.hpp"

using namespace aktkoll;
using aktkoll::report::Prose;
namespace fs = std::filesystem;

namespace {

const std::string kPack = R"(pack prov
  version "1"

vocabulary {
  case children_under_18: boolean
  case antal: integer
  case start: date
  case unit: string
  event aktualisering { source: ansökan | anmälan | övrigt }
  event utredning_inledd { skäl_dokumenterat: boolean }
  event utredning_avslutad { barnperspektiv: boolean }
  event bedömningsinstrument { instrument: string }
  event beslut "ett beslut" { utfall: bifall | avslag }
  event vårdplan "en vårdplan" { med_enskilde: boolean }
  event avslut "ett avslut" { skäl: string }
}

parameter frist = 14 "Dagar från aktualisering till utredning"

process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning_inledd
    after aktualisering
    within frist days
  }
}
)";

// A pack whose only rule requires `expr`, loaded and checked.
class CheckedRule {
public:
    explicit CheckedRule(const std::string& expr) {
        static std::atomic<int> counter{0};
        dir_ = fs::temp_directory_path() / ("aktkoll-test-prose-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(counter++));
        fs::create_directories(dir_);
        std::ofstream(dir_ / "regler.akt", std::ios::binary)
            << kPack << "rule R-1 {\n  question \"Fråga?\"\n  cite \"1 §\"\n  requires " << expr << "\n}\n";
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        pack_ = dsl::load_pack({dir_.string()}, {}, diags, sources, Lang::Sv);
        for (const auto& d : diags.items) UNSCOPED_INFO(d.pos.line << ":" << d.pos.column << ": " << d.message);
        REQUIRE(pack_);
    }
    ~CheckedRule() {
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    const dsl::Expr& expr() const { return *pack_->rules.at(0).versions.at(0)->requirement; }
    const dsl::CheckedPack* pack() const { return pack_.get(); }
    Prose prose(Lang lang = Lang::Sv) const { return report::prose_of(expr(), pack(), lang); }
    std::string sentence(Lang lang = Lang::Sv) const {
        Prose p = prose(lang);
        CHECK(p.list == Prose::List::None);
        return p.text;
    }
    std::vector<std::string> unknown(Lang lang = Lang::Sv) const { return report::unknown_inputs({&expr()}, pack(), lang); }

private:
    fs::path dir_;
    std::unique_ptr<dsl::CheckedPack> pack_;
};

std::string sv(const std::string& expr) { return CheckedRule(expr).sentence(Lang::Sv); }
std::string en(const std::string& expr) { return CheckedRule(expr).sentence(Lang::En); }

// A list flattened for comparison: "lead [item; item [sub; sub]]".
std::string flat(const Prose& p, Lang lang = Lang::Sv) {
    std::string out = report::prose_lead(p, lang);
    if (p.items.empty()) return out;
    out += " [";
    for (size_t i = 0; i < p.items.size(); ++i) out += (i ? "; " : "") + flat(p.items[i], lang);
    return out + "]";
}

}  // namespace

TEST_CASE("prose: exists, with and without where, and its negation", "[prose]") {
    CHECK(sv("exists(vårdplan)") == "det finns en vårdplan");
    CHECK(sv("exists(vårdplan where med_enskilde)") == "det finns en vårdplan där med_enskilde är sant");
    CHECK(sv("not exists(vårdplan)") == "det finns ingen vårdplan");
    CHECK(sv("not exists(avslut where skäl is unknown)") == "det finns inget avslut där skäl är okänt");
    CHECK(sv("exists(beslut where utfall = \"bifall\")") == "det finns ett beslut där utfall är \"bifall\"");
    CHECK(en("exists(vårdplan where med_enskilde)") == "there is a vårdplan where med_enskilde is true");
    CHECK(en("exists(avslut)") == "there is an avslut");  // "an" before a vowel
    CHECK(en("exists(beslut)") == "there is a beslut");
    CHECK(en("not exists(vårdplan)") == "there is no vårdplan");
    // The label's article gives the gender; without a label the type is named.
    CHECK(sv("not exists(beslut)") == "det finns inget beslut");
    CHECK(sv("exists(utredning_inledd)") == "det finns en händelse av typen utredning_inledd");
    CHECK(sv("not exists(utredning_inledd)") == "det finns ingen händelse av typen utredning_inledd");
}

TEST_CASE("prose: exists with a compound where becomes a list under its lead", "[prose]") {
    CheckedRule r("exists(vårdplan where date >= first(beslut).date and med_enskilde)");
    CHECK(flat(r.prose()) ==
          "det finns en vårdplan där alla följande gäller: [datumet är tidigast samma dag som datumet för första beslut; "
          "med_enskilde är sant]");
}

TEST_CASE("prose: date comparisons with a number of days", "[prose]") {
    CHECK(sv("first(utredning_inledd).date <= first(aktualisering).date + frist days") ==
          "datumet för första utredning_inledd är senast 14 dagar (frist) efter datumet för första aktualisering");
    CHECK(sv("first(utredning_inledd).date < first(aktualisering).date + 3 days") ==
          "datumet för första utredning_inledd är tidigare än 3 dagar efter datumet för första aktualisering");
    CHECK(sv("first(utredning_inledd).date > first(aktualisering).date + 1 days") ==
          "datumet för första utredning_inledd är senare än 1 dag efter datumet för första aktualisering");
    CHECK(sv("first(utredning_inledd).date >= first(aktualisering).date - 7 days") ==
          "datumet för första utredning_inledd är tidigast 7 dagar före datumet för första aktualisering");
    CHECK(sv("first(utredning_inledd).date = first(aktualisering).date + 2") ==
          "datumet för första utredning_inledd är exakt 2 dagar efter datumet för första aktualisering");
    CHECK(sv("first(utredning_inledd).date != first(aktualisering).date + frist") ==
          "datumet för första utredning_inledd är inte exakt 14 dagar (frist) efter datumet för första aktualisering");
    CHECK(en("first(utredning_inledd).date <= first(aktualisering).date + frist days") ==
          "the date of the first utredning_inledd is at most 14 days (frist) after the date of the first aktualisering");
}

TEST_CASE("prose: date comparisons without days, last, literals", "[prose]") {
    CHECK(sv("last(avslut).date < 2025-07-01") == "datumet för sista avslut är före 2025-07-01");
    CHECK(sv("last(avslut).date <= start") == "datumet för sista avslut är senast samma dag som start");
    CHECK(sv("last(avslut).date > start") == "datumet för sista avslut är efter start");
    CHECK(sv("last(avslut).date >= start") == "datumet för sista avslut är tidigast samma dag som start");
    CHECK(sv("last(avslut).date = start") == "datumet för sista avslut är samma dag som start");
    CHECK(sv("last(avslut).date != start") == "datumet för sista avslut är inte samma dag som start");
    CHECK(en("last(avslut).date >= start") == "the date of the last avslut is on or after start");
}

TEST_CASE("prose: day differences, counts and numbers", "[prose]") {
    CHECK(sv("first(utredning_inledd).date - first(aktualisering).date <= frist") ==
          "antalet dagar från datumet för första aktualisering till datumet för första utredning_inledd är högst 14 (frist)");
    CHECK(sv("count(beslut where utfall = \"bifall\") > 0") == "antalet beslut (där utfall är \"bifall\") är större än 0");
    CHECK(sv("count(vårdplan) >= 2") == "antalet vårdplan är minst 2");
    CHECK(sv("antal < 3") == "antal är mindre än 3");
    CHECK(sv("antal = 3") == "antal är 3");
    CHECK(sv("antal != 3") == "antal är inte 3");
    CHECK(sv("antal + 1 > frist") == "antal plus 1 är större än 14 (frist)");
    CHECK(en("count(vårdplan) >= 2") == "the number of vårdplan is at least 2");
}

TEST_CASE("prose: attributes of first and last events, strings and enumerations", "[prose]") {
    CHECK(sv("first(utredning_inledd).skäl_dokumenterat") == "skäl_dokumenterat för första utredning_inledd är sant");
    CHECK(sv("last(beslut).utfall = \"avslag\"") == "utfall för sista beslut är \"avslag\"");
    CHECK(sv("first(beslut where utfall = \"bifall\").date >= start") ==
          "datumet för första beslut (där utfall är \"bifall\") är tidigast samma dag som start");
    CHECK(sv("unit = \"Vuxenenheten Nord\"") == "unit är \"Vuxenenheten Nord\"");
    CHECK(en("first(utredning_inledd).skäl_dokumenterat") == "skäl_dokumenterat of the first utredning_inledd is true");
}

TEST_CASE("prose: is unknown / is known", "[prose]") {
    CHECK(sv("children_under_18 is unknown") == "det är okänt om children_under_18");
    CHECK(sv("children_under_18 is known") == "det är känt om children_under_18");
    CHECK(sv("unit is unknown") == "unit är okänt");
    CHECK(sv("not (children_under_18 is unknown)") == "det är känt om children_under_18");
    CHECK(en("children_under_18 is unknown") == "it is unknown whether children_under_18");
    CHECK(en("unit is known") == "unit is known");
}

TEST_CASE("prose: membership", "[prose]") {
    CHECK(sv("first(bedömningsinstrument).instrument in [\"ASI\", \"AUDIT\"]") ==
          "instrument för första bedömningsinstrument är en av \"ASI\", \"AUDIT\"");
    CHECK(sv("not (first(bedömningsinstrument).instrument in [\"ASI\"])") ==
          "instrument för första bedömningsinstrument är ingen av \"ASI\"");
    CHECK(en("first(bedömningsinstrument).instrument in [\"ASI\", \"AUDIT\"]") ==
          "instrument of the first bedömningsinstrument is one of \"ASI\", \"AUDIT\"");
}

TEST_CASE("prose: process in order", "[prose]") {
    CHECK(sv("process ärendet in order") ==
          "processen ärendet är dokumenterad i rätt ordning (inget steg är daterat före ett steg det ska följa)");
    CHECK(sv("not process ärendet in order") ==
          "processen ärendet är inte dokumenterad i rätt ordning (något steg är daterat före ett steg det ska följa)");
    CHECK(en("process ärendet in order") ==
          "the process ärendet is documented in order (no step is dated before a step it must follow)");
}

TEST_CASE("prose: not of a case attribute, a comparison and a literal", "[prose]") {
    CHECK(sv("children_under_18") == "children_under_18 är sant");
    CHECK(sv("not children_under_18") == "children_under_18 är falskt");
    // Kleene: not (a < b) is a >= b, unknown staying unknown.
    CHECK(sv("not (antal < 3)") == "antal är minst 3");
    CHECK(sv("not (antal >= 3)") == "antal är mindre än 3");
    CHECK(sv("not not children_under_18") == "children_under_18 är sant");
    CHECK(sv("true") == "alltid");
    CHECK(sv("not true") == "aldrig");
    CHECK(en("not children_under_18") == "children_under_18 is false");
}

TEST_CASE("prose: and/or become lists, nested lists stay nested", "[prose]") {
    CheckedRule flat_and("exists(utredning_inledd) and exists(vårdplan) and children_under_18");
    Prose p = flat_and.prose();
    CHECK(p.list == Prose::List::All);
    CHECK(p.items.size() == 3);  // a chain of `and` is one list
    CHECK(flat(p) == "alla följande gäller: [det finns en händelse av typen utredning_inledd; det finns en vårdplan; children_under_18 är sant]");
    CHECK(report::prose_inline(p, Lang::Sv) ==
          "det finns en händelse av typen utredning_inledd, det finns en vårdplan och children_under_18 är sant");

    CheckedRule nested("exists(utredning_inledd) and (exists(vårdplan) or not exists(avslut))");
    CHECK(flat(nested.prose()) ==
          "alla följande gäller: [det finns en händelse av typen utredning_inledd; något av följande gäller: [det finns en vårdplan; det finns inget avslut]]");
    CHECK(report::prose_inline(nested.prose(), Lang::Sv) ==
          "det finns en händelse av typen utredning_inledd och (det finns en vårdplan eller det finns inget avslut)");
    CHECK(flat(nested.prose(Lang::En), Lang::En) ==
          "all of the following hold: [there is an utredning_inledd; at least one of the following holds: [there is a vårdplan; there is no avslut]]");
}

TEST_CASE("prose: not of and/or", "[prose]") {
    CHECK(flat(CheckedRule("not (exists(vårdplan) and children_under_18)").prose()) ==
          "inte alla följande gäller: [det finns en vårdplan; children_under_18 är sant]");
    CHECK(flat(CheckedRule("not (exists(vårdplan) or children_under_18)").prose()) ==
          "inget av följande gäller: [det finns en vårdplan; children_under_18 är sant]");
}

TEST_CASE("prose: values in words", "[prose]") {
    CheckedRule r("first(utredning_inledd).date <= first(aktualisering).date + frist days");
    const auto& cmp = std::get<dsl::Binary>(r.expr().node);
    CHECK(report::value_prose(*cmp.lhs, r.pack(), Lang::Sv) == "datumet för första utredning_inledd");
    CHECK(report::value_prose(*cmp.rhs, r.pack(), Lang::Sv) == "14 dagar (frist) efter datumet för första aktualisering");
    CHECK(report::value_prose(*cmp.rhs, r.pack(), Lang::En) == "14 days (frist) after the date of the first aktualisering");
}

TEST_CASE("prose: literals as written", "[prose]") {
    CHECK(report::literal_text(dsl::Literal{int64_t{14}}, Lang::Sv) == "14");
    CHECK(report::literal_text(dsl::Literal{*parse_date("2025-07-01")}, Lang::Sv) == "2025-07-01");
    CHECK(report::literal_text(dsl::Literal{std::string("ASI")}, Lang::Sv) == "\"ASI\"");
    CHECK(report::literal_text(dsl::Literal{true}, Lang::Sv) == "sant");
    CHECK(report::literal_text(dsl::Literal{false}, Lang::En) == "false");
    CHECK(report::literal_text(dsl::Literal{std::vector<std::string>{"ASI", "AUDIT"}}, Lang::Sv) == "[\"ASI\", \"AUDIT\"]");
}

TEST_CASE("prose: the values whose unknownness gives EB", "[prose]") {
    using V = std::vector<std::string>;
    CHECK(CheckedRule("children_under_18 and first(utredning_avslutad).barnperspektiv").unknown() ==
          V{"children_under_18", "barnperspektiv för första utredning_avslutad"});
    // Event attributes inside `where`, each named once; dates are always known.
    CHECK(CheckedRule("exists(vårdplan where date >= first(beslut where utfall = \"bifall\").date and med_enskilde)"
                      " and exists(vårdplan where med_enskilde)")
              .unknown() == V{"utfall för beslut", "med_enskilde för vårdplan"});
    // The operand of `is unknown` never makes the rule unknown; parameters and dates neither.
    CHECK(CheckedRule("not exists(avslut where skäl is unknown)").unknown().empty());
    CHECK(CheckedRule("first(utredning_inledd).date <= first(aktualisering).date + frist days").unknown().empty());
    CHECK(CheckedRule("process ärendet in order").unknown().empty());
    CHECK(CheckedRule("unit in [\"A\"] or count(vårdplan) > 0").unknown(Lang::Sv) == V{"unit"});
    CHECK(CheckedRule("first(utredning_avslutad).barnperspektiv").unknown(Lang::En) ==
          V{"barnperspektiv of the first utredning_avslutad"});
}

TEST_CASE("prose: months, years, today and a step's state", "[prose][time]") {
    CHECK(sv("first(utredning_inledd).date <= first(aktualisering).date + 4 months") ==
          "datumet för första utredning_inledd är senast 4 månader efter datumet för första aktualisering");
    CHECK(sv("start - 1 year < first(aktualisering).date") == "1 år före start är före datumet för första aktualisering");
    CHECK(en("first(utredning_inledd).date <= first(aktualisering).date + 1 month") ==
          "the date of the first utredning_inledd is at most 1 month after the date of the first aktualisering");
    CHECK(sv("first(aktualisering).date + frist days <= today") ==
          "14 dagar (frist) efter datumet för första aktualisering är senast samma dag som granskningsdatumet (today)");
    CHECK(sv("process ärendet step utredning late") == "steget utredning i processen ärendet kom för sent (efter sin frist)");
    CHECK(sv("not process ärendet step utredning late") == "steget utredning i processen ärendet kom inte för sent");
    CHECK(en("process ärendet step utredning missing") ==
          "the step utredning of the process ärendet is missing (required, not documented and due)");
    CHECK(sv("process ärendet step utredning not yet due") ==
          "steget utredning i processen ärendet är ej förfallet (inte dokumenterat, men fristen har inte gått ut på granskningsdatumet)");
}
