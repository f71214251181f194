// aktkoll lint's general warnings (AK041x), the causes said for syntax errors
// (AK013x) and the misspelt names of case data (AK073x): the logic of each,
// with the diagnostics' codes and positions.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "dsl/checker.hpp"
#include "dsl/parser.hpp"
#include "authoring/pack_tests.hpp"
#include "engine/load.hpp"
#include "input/reader.hpp"
#include "input/unknown_names.hpp"

using namespace aktkoll;

namespace {

const std::string kSource = AKTKOLL_SOURCE_DIR;

dsl::RuleDecl version(std::optional<Date> from, std::optional<Date> until) {
    dsl::RuleDecl r;
    r.valid_from = from;
    r.valid_until = until;
    return r;
}

Date day(const char* text) { return *parse_date(text); }

dsl::ExprPtr lit(decltype(dsl::Literal::value) v) {
    auto e = std::make_unique<dsl::Expr>();
    e->node = dsl::Literal{std::move(v)};
    return e;
}

dsl::ExprPtr count_of(const char* type) {
    auto e = std::make_unique<dsl::Expr>();
    dsl::Query q;
    q.kind = dsl::QueryKind::Count;
    q.event_type = type;
    e->node = std::move(q);
    return e;
}

int constant(dsl::BinaryOp op, dsl::ExprPtr l, dsl::ExprPtr r) {
    dsl::Binary b{op, std::move(l), std::move(r)};
    return dsl::constant_comparison(b);
}

// The codes of `aktkoll lint` on a pack or file, in order.
std::vector<std::string> lint_codes(const std::string& path, std::vector<dsl::Diagnostic>* items = nullptr) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({path}, {}, diags, sources, Lang::Sv);
    if (rules) dsl::lint(*rules->source, diags, Lang::Sv);
    std::vector<std::string> codes;
    for (const auto& d : diags.items) codes.push_back(d.code);
    if (items) *items = diags.items;
    return codes;
}

size_t count(const std::vector<std::string>& codes, const char* code) {
    return static_cast<size_t>(std::count(codes.begin(), codes.end(), code));
}

dsl::Diagnostic syntax(const std::string& text) {
    dsl::Diagnostics diags;
    CHECK_FALSE(dsl::parse("f.akt", text, diags, Lang::Sv));
    REQUIRE(diags.items.size() == 1);
    return diags.items[0];
}

}  // namespace

TEST_CASE("lint: gaps between versions are the days no version covers", "[lint]") {
    auto a = version(day("2002-01-01"), day("2025-06-30"));
    auto b = version(day("2025-07-02"), std::nullopt);
    auto gaps = dsl::gaps_between_versions({&a, &b});
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].first == day("2025-07-01"));
    CHECK(gaps[0].last == day("2025-07-01"));
    CHECK(gaps[0].next == &b);

    auto adjacent = version(day("2025-07-01"), std::nullopt);
    CHECK(dsl::gaps_between_versions({&a, &adjacent}).empty());

    auto later = version(day("2026-01-01"), std::nullopt);
    gaps = dsl::gaps_between_versions({&a, &later});
    REQUIRE(gaps.size() == 1);
    CHECK(gaps[0].last == day("2025-12-31"));

    auto open_start = version(std::nullopt, day("2025-06-30"));  // no start: nothing before it to miss
    CHECK(dsl::gaps_between_versions({&open_start, &adjacent}).empty());
}

TEST_CASE("lint: comparisons fixed whatever the case holds", "[lint]") {
    using Op = dsl::BinaryOp;
    CHECK(constant(Op::Eq, lit(int64_t{1}), lit(int64_t{2})) == 0);
    CHECK(constant(Op::Lt, lit(int64_t{1}), lit(int64_t{2})) == 1);
    CHECK(constant(Op::Ne, lit(std::string("a")), lit(std::string("b"))) == 1);
    CHECK(constant(Op::Ge, lit(day("2025-01-01")), lit(day("2026-01-01"))) == 0);
    CHECK(constant(Op::Eq, lit(int64_t{1}), lit(std::string("1"))) == -1);  // different types: the checker's matter
    CHECK(constant(Op::Ge, count_of("beslut"), lit(int64_t{0})) == 1);
    CHECK(constant(Op::Gt, count_of("beslut"), lit(int64_t{0})) == -1);
    CHECK(constant(Op::Lt, count_of("beslut"), lit(int64_t{0})) == 0);
    CHECK(constant(Op::Le, lit(int64_t{0}), count_of("beslut")) == 1);  // 0 <= count
    CHECK(constant(Op::Gt, lit(int64_t{0}), count_of("beslut")) == 0);  // 0 > count
    CHECK(constant(Op::Eq, count_of("beslut"), lit(int64_t{-1})) == 0);
    CHECK(constant(Op::Eq, count_of("beslut"), lit(int64_t{0})) == -1);
}

TEST_CASE("lint: self-comparisons, fixed conditions, gaps and unused parameters in a pack", "[lint]") {
    std::vector<dsl::Diagnostic> items;
    const auto codes = lint_codes(kSource + "/tests/data/lint/warn-traps.akt", &items);
    CHECK(count(codes, "AK0410") == 1);  // first(beslut).date = first(beslut).date
    CHECK(count(codes, "AK0267") == 1);  // date >= date inside where: the checker's warning, not a second one
    CHECK(count(codes, "AK0411") == 2);  // akut or not akut; count(beslut) >= 0
    CHECK(count(codes, "AK0412") == 1);  // 1 = 2
    CHECK(count(codes, "AK0413") == 1);  // 2025-07-01
    CHECK(count(codes, "AK0414") == 1);  // oanvänd (frist is read)
    auto self = std::find_if(items.begin(), items.end(), [](const auto& d) { return std::string(d.code) == "AK0410"; });
    REQUIRE(self != items.end());
    CHECK(self->hint.find("annat värde") != std::string::npos);
    auto where_self = std::find_if(items.begin(), items.end(), [](const auto& d) { return std::string(d.code) == "AK0267"; });
    REQUIRE(where_self != items.end());
    CHECK(where_self->hint.find("every beslut as b") != std::string::npos);
    auto gap = std::find_if(items.begin(), items.end(), [](const auto& d) { return std::string(d.code) == "AK0413"; });
    REQUIRE(gap != items.end());
    CHECK(gap->message == "ingen version av 'R-3' gäller 2025-07-01");
}

TEST_CASE("lint: a layer's disable rule that leaves a question of the base template unanswered", "[lint]") {
    std::vector<dsl::Diagnostic> items;
    const auto codes = lint_codes(kSource + "/rules/exempel-kommun", &items);
    REQUIRE(count(codes, "AK0415") == 1);
    auto d = std::find_if(items.begin(), items.end(), [](const auto& x) { return std::string(x.code) == "AK0415"; });
    CHECK(d->message.find("'INS-1'") != std::string::npos);
    CHECK(d->message.find("fråga 2") != std::string::npos);
    CHECK(count(lint_codes(kSource + "/rules/missbruk"), "AK0415") == 0);
}

TEST_CASE("syntax: a look-alike character is named where it stands", "[lint][parser]") {
    auto d = syntax("pack p\nrule R-1 {\n  question \xe2\x80\x9c" "Finns?\xe2\x80\x9d\n}\n");
    CHECK(std::string(d.code) == "AK0130");
    CHECK(d.pos.line == 3);
    CHECK(d.pos.column == 12);
    CHECK(d.message.find("U+201C") != std::string::npos);
    CHECK(d.hint.find("'\"'") != std::string::npos);

    d = syntax("pack p\nrule R-1 {\n  requires a\xc2\xa0" "and b\n}\n");
    CHECK(std::string(d.code) == "AK0130");
    CHECK(d.pos.column == 13);
    CHECK(d.message.find("U+00A0") != std::string::npos);
    // In strings and comments the same characters are text.
    dsl::Diagnostics diags;
    CHECK(dsl::parse("f.akt", "pack p\n# \xc2\xa0\xe2\x80\x9c\nrule R-1 { question \"\xe2\x80\x9cja\xe2\x80\x9d\" }\n", diags, Lang::Sv));
}

TEST_CASE("syntax: a string ended by a typographic quote is marked at that quote", "[lint][parser]") {
    auto d = syntax("pack p\nrule R-1 {\n  question \"Finns?\xe2\x80\x9d\n}\n");
    CHECK(std::string(d.code) == "AK0131");
    CHECK(d.pos.line == 3);
    CHECK(d.pos.column == 19);
}

TEST_CASE("syntax: an unclosed bracket is reported at its opener", "[lint][parser]") {
    auto d = syntax("pack p\nrule R-1 {\n  question \"Q\"\n\nrule R-2 {\n}\n");
    CHECK(std::string(d.code) == "AK0132");
    CHECK(d.pos.line == 2);
    CHECK(d.pos.column == 10);
    CHECK(d.hint.find("rad 5") != std::string::npos);

    d = syntax("pack p\nrule R-1 {\n  question \"Q\"\n");
    CHECK(std::string(d.code) == "AK0132");
    CHECK(d.hint == "filen tog slut (rad 3) innan den stängdes");

    d = syntax("pack p\nrule R-1 {\n  requires exists(a\n    and b\n}\n");
    CHECK(std::string(d.code) == "AK0133");
    CHECK(d.pos.line == 3);
    CHECK(d.pos.column == 18);

    // A misspelt clause inside a block is still the grammar's message.
    d = syntax("pack p\nrule R-1 {\n  qestion \"Q\"\n}\n");
    CHECK(std::string(d.code) == "AK0101");
}

TEST_CASE("case data: unknown names are counted once per record with the first record", "[lint][reader]") {
    Schema s;
    s.add_case_attr({"akut", AttrType::Boolean, {}});
    s.add_event_type({"beslut", {{"utfall", AttrType::Enum, {"bifall", "avslag"}}}});
    RecordParser parser(s);
    Case c;
    CHECK_FALSE(parser.parse(R"({"id":"K-1","events":[{"type":"beslut","date":"2025-01-01","utfal":"bifall"},{"type":"beslut","date":"2025-01-02","utfal":"avslag"}]})", 7, c));
    CHECK_FALSE(parser.parse(R"({"id":"K-2","akutt":true,"events":[{"type":"besult","date":"2025-01-01"}],"handläggare":"x"})", 8, c));
    // Not of the plain shape (an escape): read again by the general reader, still once.
    CHECK_FALSE(parser.parse(R"({"id":"K-3","events":[{"type":"beslut","date":"2025-01-01","utfal":"a\"b"}]})", 9, c));
    std::vector<UnknownName> names;
    parser.unknown_names().merge_into(names, "a.ndjson");
    const auto misspelt = misspelt_names(names, s);
    REQUIRE(misspelt.size() == 3);  // handläggare is unknown but close to nothing
    CHECK(misspelt[0].name.name == "utfal");
    CHECK(misspelt[0].event == "beslut");
    CHECK(misspelt[0].nearest == "utfall");
    CHECK(misspelt[0].name.records == 2);
    CHECK(misspelt[0].name.first_line == 7);
    CHECK(misspelt[0].name.first_case == "K-1");
    CHECK(misspelt[1].name.name == "akutt");
    CHECK(misspelt[1].name.scope == kScopeCase);
    CHECK(misspelt[2].name.scope == kScopeEventType);
    CHECK(misspelt[2].nearest == "beslut");
    CHECK(describe(misspelt[0], Lang::Sv) ==
          "varning AK0731: attributet 'utfal' hos 'beslut' finns inte i vokabulären; menade du 'utfall'? Antal poster: 2; först: fall K-1 (a.ndjson:7)");
}

TEST_CASE("case data: readers of one file merge to the earliest record", "[lint][reader]") {
    Schema s;
    s.add_case_attr({"akut", AttrType::Boolean, {}});
    RecordParser late(s), early(s);
    Case c;
    CHECK_FALSE(late.parse(R"({"id":"K-9","akutt":true,"events":[]})", 90, c));
    CHECK_FALSE(early.parse(R"({"id":"K-2","akutt":true,"events":[]})", 20, c));
    std::vector<UnknownName> names;
    late.unknown_names().merge_into(names, "a.ndjson");
    early.unknown_names().merge_into(names, "a.ndjson");
    REQUIRE(names.size() == 1);
    CHECK(names[0].records == 2);
    CHECK(names[0].first_line == 20);
    CHECK(names[0].first_case == "K-2");
    RecordParser other_file(s);
    CHECK_FALSE(other_file.parse(R"({"id":"K-1","akutt":true,"events":[]})", 1, c));
    other_file.unknown_names().merge_into(names, "b.ndjson");  // a later file is never earlier
    CHECK(names[0].first_line == 20);
    CHECK(names[0].records == 3);
}

TEST_CASE("pack examples: misspelt names are warned of once, unknown but distant ones not", "[lint]") {
    Schema s;
    s.add_case_attr({"akut", AttrType::Boolean, {}});
    s.add_event_type({"beslut", {{"utfall", AttrType::Enum, {"bifall", "avslag"}}}});
    PackTest t;
    t.case_json = R"({"id":"T-1","akutt":true,"handläggare":"x","events":[)"
                  R"({"type":"beslut","date":"2025-01-01","utfal":"bifall"},)"
                  R"({"type":"beslut","date":"2025-01-02","utfal":"avslag"},)"
                  R"({"type":"besult","date":"2025-01-03","utfal":"bifall"}]})";
    const auto warnings = misspelt_in_example(t, s, Lang::Sv);
    REQUIRE(warnings.size() == 3);  // akutt, utfal (twice, said once), besult (its keys are not looked at)
    CHECK(std::count_if(warnings.begin(), warnings.end(), [](const std::string& w) {
              return w == "varning AK0430: attributet 'utfal' hos 'beslut' finns inte i vokabulären; menade du 'utfall'?";
          }) == 1);
    CHECK(std::count_if(warnings.begin(), warnings.end(), [](const std::string& w) {
              return w.find("händelsetypen 'besult'") != std::string::npos && w.find("'beslut'?") != std::string::npos;
          }) == 1);
    CHECK(std::none_of(warnings.begin(), warnings.end(),
                       [](const std::string& w) { return w.find("handläggare") != std::string::npos; }));
}
