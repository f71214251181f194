// The reviewer's workbook: which facts a pack asks for, reading cells in
// every form a reviewer or a spreadsheet program writes them, and refusing
// files that are no review workbook.
#include <catch2/catch.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <fstream>

#include "engine/load.hpp"
#include "input/xlsx_reader.hpp"
#include "report/form_xlsx.hpp"
#include "run/review_form.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
using namespace aktkoll::review;

namespace {

RuleSet missbruk() {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, {}, diags, sources, Lang::Sv);
    REQUIRE(rules);
    return std::move(*rules);
}

const FormField* find(const std::vector<FormField>& fields, const std::string& key) {
    auto it = std::find_if(fields.begin(), fields.end(), [&](const FormField& f) { return f.key() == key; });
    return it == fields.end() ? nullptr : &*it;
}

// A workbook laid out as aktkoll form lays it out, with cells as a reviewer
// (or LibreOffice) leaves them.
std::string hand_filled(const testing::TempDir& dir) {
    const std::string path = dir.path("ifylld.xlsx");
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* cover = workbook_add_worksheet(wb, "Granskning");
    worksheet_write_string(cover, layout::kCoverKommun, 1, "Grums", nullptr);
    worksheet_write_number(cover, layout::kCoverDate, 1, 46082, nullptr);  // 2026-03-01
    lxw_worksheet* ws = workbook_add_worksheet(wb, "K-1");
    worksheet_write_string(ws, 5, 0, "case:children_under_18", nullptr);
    worksheet_write_string(ws, 5, 3, " yes ", nullptr);
    worksheet_write_string(ws, 6, 0, "event:utredning_inledd:date", nullptr);
    worksheet_write_number(ws, 6, 3, 45292, nullptr);  // Excel's serial of 2024-01-01
    worksheet_write_string(ws, 6, 4, "2024-02-03", nullptr);
    worksheet_write_string(ws, 7, 0, "event:utredning_inledd:skäl_dokumenterat", nullptr);
    worksheet_write_boolean(ws, 7, 3, 1, nullptr);
    worksheet_write_string(ws, 7, 4, "Nej", nullptr);
    worksheet_write_string(ws, 7, 5, "Uppgift saknas", nullptr);
    worksheet_write_string(ws, 8, 0, "event:insats:huvudman", nullptr);
    worksheet_write_string(ws, 8, 3, "Region", nullptr);
    worksheet_write_string(ws, 8, 4, "staten", nullptr);
    worksheet_write_string(ws, 9, 0, "event:bortagen:date", nullptr);
    worksheet_write_string(ws, 10, 0, "event:sip:date", nullptr);
    worksheet_write_string(ws, 10, 3, "191212121212", nullptr);
    worksheet_write_formula_num(ws, 10, 4, "=1-1", nullptr, 0);  // a formula: its cached value is read
    lxw_worksheet* meta = workbook_add_worksheet(wb, layout::kMetaSheet);
    worksheet_write_string(meta, 0, 1, layout::kFormat, nullptr);
    worksheet_write_string(meta, 1, 1, "missbruk", nullptr);
    worksheet_write_string(meta, 4, 0, "K-1", nullptr);
    worksheet_write_string(meta, 4, 1, "K-1", nullptr);
    worksheet_write_number(meta, 4, 2, 3, nullptr);
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    return path;
}

}  // namespace

TEST_CASE("the form asks for what the pack's rules and steps read, case attributes first", "[review]") {
    const RuleSet rules = missbruk();
    const auto fields = form_fields(rules);
    REQUIRE(!fields.empty());
    CHECK(fields.front().key() == "case:children_under_18");
    const FormField* skal = find(fields, "event:utredning_inledd:skäl_dokumenterat");
    REQUIRE(skal);
    CHECK(skal->type == AttrType::Boolean);
    CHECK(skal->questions.front().starts_with("1. "));
    CHECK(!skal->cites.empty());
    const FormField* huvudman = find(fields, "event:insats:huvudman");
    REQUIRE(huvudman);
    CHECK(huvudman->enum_values == std::vector<std::string>{"kommun", "region"});
    CHECK(find(fields, "event:genomförandeplan:date"));  // read by GP-1 and the process
    CHECK(!find(fields, "event:bedömningsinstrument:instrument"));  // no rule reads it
    CHECK(!find(fields, "event:beslut:insats"));
    CHECK(!find(fields, "case:born"));
    // An event's date comes before its attributes.
    auto at = [&](const std::string& k) { return find(fields, k) - fields.data(); };
    CHECK(at("event:utredning_inledd:date") < at("event:utredning_inledd:skäl_dokumenterat"));
}

TEST_CASE("a filled workbook: Swedish and English answers, serial and text dates, bad cells named", "[review]") {
    const RuleSet rules = missbruk();
    const auto fields = form_fields(rules);
    testing::TempDir dir("review");
    const ReviewBook book = read_review(hand_filled(dir), fields, Lang::Sv);
    REQUIRE(!book.fatal);
    CHECK(book.pack == "missbruk");
    CHECK(book.cover.kommun == "Grums");
    CHECK(book.cover.review_date == "2026-03-01");
    REQUIRE(book.cases.size() == 1);
    const CaseFacts& c = book.cases[0];
    CHECK(c.id == "K-1");
    auto value = [&](const std::string& key, size_t k) { return c.values[static_cast<size_t>(find(fields, key) - fields.data())][k]; };
    CHECK(value("case:children_under_18", 0) == FactValue{true});
    CHECK(value("event:utredning_inledd:date", 0) == FactValue{*parse_date("2024-01-01")});
    CHECK(value("event:utredning_inledd:date", 1) == FactValue{*parse_date("2024-02-03")});
    CHECK(value("event:utredning_inledd:skäl_dokumenterat", 0) == FactValue{true});
    CHECK(value("event:utredning_inledd:skäl_dokumenterat", 1) == FactValue{false});
    CHECK(std::holds_alternative<std::monostate>(value("event:utredning_inledd:skäl_dokumenterat", 2)));
    CHECK(value("event:insats:huvudman", 0) == FactValue{std::string("region")});
    CHECK(std::holds_alternative<std::monostate>(value("event:insats:huvudman", 1)));
    std::string all;
    for (const auto& e : book.errors) all += e + "\n";
    INFO(all);
    REQUIRE(book.errors.size() == 4);
    CHECK(all.find("ifylld.xlsx:K-1!E9: 'staten' är inte ett av: kommun, region") != std::string::npos);
    CHECK(all.find("K-1!C10: regelpaketet frågar inte längre efter 'event:bortagen:date'") != std::string::npos);
    CHECK(all.find("K-1!D11: (värdet visas inte) är inte ett datum") != std::string::npos);  // never a personnummer
    CHECK(all.find("191212121212") == std::string::npos);
    CHECK(all.find("K-1!E11: '0' är inte ett datum") != std::string::npos);
}

TEST_CASE("files that are no review workbook are refused with a reason", "[review]") {
    const RuleSet rules = missbruk();
    const auto fields = form_fields(rules);
    testing::TempDir dir("review");
    std::string error;
    CHECK(!read_xlsx(dir.write("text.xlsx", "id;datum\n"), error));
    CHECK(!error.empty());
    CHECK(read_review(dir.path("missing.xlsx"), fields, Lang::Sv).fatal);
    // A workbook, but not one made by aktkoll form.
    lxw_workbook* wb = workbook_new(dir.path("other.xlsx").c_str());
    worksheet_write_string(workbook_add_worksheet(wb, "Blad1"), 0, 0, "x", nullptr);
    REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    auto other = read_review(dir.path("other.xlsx"), fields, Lang::Sv);
    REQUIRE(other.fatal);
    CHECK(other.fatal->find("aktkoll form") != std::string::npos);
    // A workbook cut short.
    std::ifstream in(dir.path("other.xlsx"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), {});
    dir.write("cut.xlsx", bytes.substr(0, bytes.size() / 2));
    CHECK(read_review(dir.path("cut.xlsx"), fields, Lang::Sv).fatal);
}

TEST_CASE("aktkoll form's workbook reads back as the facts it was given", "[review]") {
    const RuleSet rules = missbruk();
    report::FormRequest req;
    req.rules = &rules;
    req.fields = form_fields(rules);
    CaseFacts facts;
    facts.id = "K/1:x";  // not a valid sheet name as it stands
    facts.values.resize(req.fields.size());
    const auto i = static_cast<size_t>(find(req.fields, "event:sip:date") - req.fields.data());
    facts.values[i] = {*parse_date("2024-05-23"), *parse_date("2024-06-01")};
    req.cases = {facts};
    testing::TempDir dir("review");
    REQUIRE(report::write_review_form(dir.path("f.xlsx"), req).empty());
    const ReviewBook book = read_review(dir.path("f.xlsx"), req.fields, Lang::Sv);
    REQUIRE(!book.fatal);
    CHECK(book.errors.empty());
    REQUIRE(book.cases.size() == 1);
    CHECK(book.cases[0].id == "K/1:x");
    CHECK(book.cases[0].values[i][0] == FactValue{*parse_date("2024-05-23")});
    CHECK(book.cases[0].values[i][1] == FactValue{*parse_date("2024-06-01")});
}
