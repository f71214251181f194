// CSV import: mapping files, CSV reading (encodings, delimiters, quoting,
// line numbers), wide and long conversion, and every rejection message.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "input/case_files.hpp"
#include "input/import_csv.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
using namespace aktkoll::importer;
namespace fs = std::filesystem;

namespace {

struct TempDir : testing::TempDir {
    TempDir() : testing::TempDir("import-test") {}
};

Mapping mapping_from(const std::string& toml) {
    auto r = parse_mapping(toml, "map.toml", Lang::Sv);
    INFO(describe(r, Lang::Sv));
    REQUIRE(r.mapping);
    return *r.mapping;
}

// The first error of a mapping, as "line:col: message [hint]".
std::string mapping_error(const std::string& toml, Lang lang = Lang::Sv) {
    auto r = parse_mapping(toml, "map.toml", lang);
    REQUIRE_FALSE(r.mapping);
    REQUIRE_FALSE(r.errors.empty());
    const auto& d = r.errors.front();
    return std::to_string(d.pos.line) + ":" + std::to_string(d.pos.column) + ": " + d.message +
           (d.hint.empty() ? "" : " [" + d.hint + "]");
}

struct Converted {
    std::string ndjson;
    ImportResult result;
    std::vector<std::string> messages;  // rejections, then dropped cases, with the file named "x.csv"
};

Converted convert(const std::string& csv_bytes, const std::string& toml, Lang lang = Lang::Sv, ConvertOptions options = {}) {
    TempDir dir;
    const std::string path = dir.write("x.csv", csv_bytes);
    std::ostringstream out;
    Converted c;
    c.result = convert_csv(path, mapping_from(toml), out, options);
    c.ndjson = out.str();
    for (const auto& r : c.result.rejections) c.messages.push_back(describe(r, "x.csv", lang));
    for (const auto& d : c.result.dropped) c.messages.push_back(describe(d, "x.csv", lang));
    return c;
}

// Reads every row of a CSV text: "line-last_line: field|field|..." per row.
std::vector<std::string> rows_of(const std::string& bytes, std::vector<CsvProblem>* problems_out = nullptr,
                                 CsvFormat* format = nullptr) {
    TempDir dir;
    CsvReader reader(dir.write("r.csv", bytes));
    REQUIRE(reader.open_error() == CsvReader::OpenError::None);
    if (format) *format = reader.format();
    std::vector<std::string> out;
    std::vector<CsvProblem> problems;
    CsvRow row;
    while (reader.next(row, problems)) {
        std::string s = std::to_string(row.line) + "-" + std::to_string(row.last_line) + ":";
        for (size_t i = 0; i < row.fields.size(); ++i) s += (i ? "|" : " ") + row.fields[i];
        out.push_back(s);
    }
    if (problems_out) *problems_out = problems;
    return out;
}

const std::string kWideMapping = R"(
layout = "wide"
[case]
id = "Ärende"
[case.attributes]
unit = "Enhet"
born = { column = "Född", type = "integer" }
children_under_18 = { column = "Barn", type = "boolean", values = { J = true, N = false }, unknown = ["Okänt"] }
[[event]]
type = "aktualisering"
date = "Inkom"
attributes.source = { column = "Inkom som", values = { "Ansökan" = "ansökan", "Anmälan" = "anmälan" } }
[[event]]
type = "beslut"
date = "Beslut datum"
attributes.utfall = { column = "Beslut", values = { "Bifall" = "bifall", "Beviljad" = "bifall", "Avslag" = "avslag" } }
[[event]]
type = "vårdplan"
date = "Vårdplan"
attributes.huvudman = { value = "kommun" }
)";

const std::string kWideHeader = "Ärende;Enhet;Född;Barn;Inkom;Inkom som;Beslut datum;Beslut;Vårdplan\r\n";

const std::string kLongMapping = R"(
layout = "long"
[case]
id = "Ärende"
[case.attributes]
unit = "Enhet"
[event]
type = "Händelse"
date = "Datum"
ignore = ["Journal"]
[event.types]
"Ansökan" = "aktualisering"
"Beslut" = "beslut"
"Vårdplan" = "vårdplan"
[event.attributes]
utfall = { column = "Utfall", for = ["beslut"], values = { "Bifall" = "bifall", "Avslag" = "avslag" } }
med_enskilde = { column = "Med", for = ["vårdplan"], type = "boolean" }
)";

const std::string kLongHeader = "Ärende,Enhet,Händelse,Datum,Utfall,Med\n";

}  // namespace

// ---- mapping ---------------------------------------------------------------

TEST_CASE("a wide mapping is read in the order it is written", "[import]") {
    const Mapping m = mapping_from(kWideMapping);
    CHECK(m.layout == Layout::Wide);
    CHECK(m.id_column == "Ärende");
    REQUIRE(m.case_attributes.size() == 3);
    CHECK(m.case_attributes[0].key == "unit");
    CHECK(m.case_attributes[1].key == "born");
    CHECK(m.case_attributes[1].type == ValueType::Integer);
    CHECK(m.case_attributes[2].key == "children_under_18");
    CHECK(m.case_attributes[2].unknown == std::vector<std::string>{"Okänt"});
    REQUIRE(m.wide_events.size() == 3);
    CHECK(m.wide_events[1].type == "beslut");
    CHECK(m.wide_events[1].date_column == "Beslut datum");
    REQUIRE(m.wide_events[1].attributes.size() == 1);
    CHECK(m.wide_events[1].attributes[0].values.size() == 3);
    CHECK(m.wide_events[2].attributes[0].constant == MappedValue(std::string("kommun")));
}

TEST_CASE("a long mapping is read", "[import]") {
    const Mapping m = mapping_from(kLongMapping);
    CHECK(m.layout == Layout::Long);
    CHECK(m.long_events.type_column == "Händelse");
    CHECK(m.long_events.types.size() == 3);
    CHECK(m.long_events.ignore == std::vector<std::string>{"Journal"});
    REQUIRE(m.long_events.attributes.size() == 2);
    CHECK(m.long_events.attributes[0].only_for == std::vector<std::string>{"beslut"});
}

TEST_CASE("mapping errors name the place and suggest a fix", "[import]") {
    CHECK(mapping_error("layout = \"bred\"\n[case]\nid = \"x\"\n[[event]]\ntype = \"a\"\ndate = \"d\"\n") ==
          "1:10: okänd layout 'bred' [\"wide\" (en rad per ärende) eller \"long\" (en rad per händelse)]");
    CHECK(mapping_error("layout = \"wide\"\n[case]\nid = \"x\"\n[[event]]\ntype = \"a\"\ndaet = \"d\"\n") ==
          "6:1: okänd nyckel 'daet' (kända: type, date, attributes) [menade du 'date'?]");
    CHECK(mapping_error("layout = \"wide\"\n[case]\nid = \"x\"\n[[event]]\ntype = \"a\"\ndate = \"d\"\n"
                        "attributes.skäl = \"S\"\n") ==
          "7:14: ogiltig TOML: Error while parsing key-value pair: expected '=', saw 'ä' "
          "[nycklar med å, ä, ö skrivs inom citattecken: \"skäl_dokumenterat\" = ...]");
    CHECK(mapping_error("layout = \"wide\"\n[case]\nid = \"x\"\n[case.attributes]\nb = { column = \"B\", type = \"boolean\", "
                        "values = { J = \"ja\" } }\n[[event]]\ntype = \"a\"\ndate = \"d\"\n") ==
          "5:54: värdet för 'J' passar inte typen boolean (fick en sträng) [J = true, N = false]");
    CHECK(mapping_error("layout = \"wide\"\n[case]\nid = \"x\"\n[case.attributes]\nevents = \"E\"\n[[event]]\ntype = \"a\"\ndate = \"d\"\n") ==
          "5:1: 'events' är reserverat i exportformatet och kan inte vara ett attribut");
    CHECK(mapping_error("layout = \"wide\"\n[case]\n[[event]]\ntype = \"a\"\ndate = \"d\"\n") == "2:1: 'id' saknas");
    CHECK(mapping_error("layout = \"long\"\n[case]\nid = \"x\"\n[[event]]\ntype = \"a\"\ndate = \"d\"\n") ==
          "4:1: layout \"long\": 'event' ska skrivas [event], en tabell som beskriver raderna");
    CHECK(mapping_error("layout = \"long\"\n[case]\nid = \"x\"\n[event]\ntype = \"T\"\ndate = \"D\"\n[event.types]\nA = \"beslut\"\n"
                        "[event.attributes]\nu = { column = \"U\", for = [\"besult\"] }\n") ==
          "10:1: 'u': händelsetypen 'besult' i 'for' finns inte bland 'types' [menade du 'beslut'?]");
    CHECK(mapping_error("layout = \"wide\"\n[case]\nid = \"x\"\n[case.attributes]\nu = { column = \"U\", value = \"k\" }\n"
                        "[[event]]\ntype = \"a\"\ndate = \"d\"\n", Lang::En) ==
          "5:29: give either 'column' or 'value', not both");
}

TEST_CASE("mapping errors render like compiler diagnostics", "[import]") {
    auto r = parse_mapping("layout = \"wide\"\n[case]\nid = \"x\"\n[[event]]\ntype = \"a\"\ndaet = \"d\"\n", "map.toml", Lang::En);
    CHECK(describe(r, Lang::En) ==
          "map.toml:6:1: error AK0608: unknown key 'daet' (known: type, date, attributes)\n"
          " 6 | daet = \"d\"\n"
          "   | ^\n"
          "  hint: did you mean 'date'?\n"
          "map.toml:4:1: error AK0609: 'date' is missing\n"
          " 4 | [[event]]\n"
          "   | ^\n");
}

// ---- CSV reading -----------------------------------------------------------

TEST_CASE("delimiter detection by the header line", "[import]") {
    CHECK(detect_delimiter("Ärende;Enhet;Datum") == ';');
    CHECK(detect_delimiter("Ärende,Enhet,Datum") == ',');
    CHECK(detect_delimiter("Ärende\tEnhet\tDatum") == '\t');
    CHECK(detect_delimiter("\"Efternamn, förnamn\";Enhet") == ';');  // a comma inside quotes does not count
    CHECK(detect_delimiter("\"a;b\",\"c;d\",e") == ',');
    CHECK(detect_delimiter("Ärende") == ',');
}

TEST_CASE("encodings: UTF-8 with and without BOM, Windows-1252", "[import]") {
    const std::string utf8 = "Ärende;Enhet\r\nK-1;Vårdenheten Öst\r\n";
    CsvFormat f;
    CHECK(rows_of(utf8, nullptr, &f) == std::vector<std::string>{"1-1: Ärende|Enhet", "2-2: K-1|Vårdenheten Öst"});
    CHECK(f.encoding == Encoding::Utf8);
    CHECK_FALSE(f.bom);
    CHECK(rows_of("\xEF\xBB\xBF" + utf8, nullptr, &f) == std::vector<std::string>{"1-1: Ärende|Enhet", "2-2: K-1|Vårdenheten Öst"});
    CHECK(f.encoding == Encoding::Utf8);
    CHECK(f.bom);
    // Å Ä Ö å ä ö in Windows-1252 (detected because they are invalid UTF-8).
    CHECK(rows_of("\xC4rende;Enhet\r\nK-1;V\xE5rdenheten \xD6st\r\nK-2;\xC5\xE4\xF6\r\n", nullptr, &f) ==
          std::vector<std::string>{"1-1: Ärende|Enhet", "2-2: K-1|Vårdenheten Öst", "3-3: K-2|Åäö"});
    CHECK(f.encoding == Encoding::Windows1252);
    CHECK(describe(f, Lang::Sv) == "Windows-1252, semikolon");
}

TEST_CASE("Windows-1252 is detected by an invalid byte anywhere in the file", "[import]") {
    std::string csv = "A,B\n";
    for (int i = 0; i < 5000; ++i) csv += "K-" + std::to_string(i) + ",x\n";
    csv += "K-last,\xE4\n";
    CsvFormat f;
    auto rows = rows_of(csv, nullptr, &f);
    CHECK(f.encoding == Encoding::Windows1252);
    CHECK(rows.back() == "5002-5002: K-last|ä");
}

TEST_CASE("Windows-1252 and UTF-8 helpers", "[import]") {
    CHECK(windows1252_to_utf8("\x80 \x96 \xE5\xE4\xF6 \xC5\xC4\xD6 \xE9") == "€ – åäö ÅÄÖ é");
    CHECK(is_valid_utf8("åäö €"));
    CHECK_FALSE(is_valid_utf8("\xE5"));
    CHECK_FALSE(is_valid_utf8("\xC3"));              // truncated
    CHECK_FALSE(is_valid_utf8("\xC0\xAF"));          // overlong
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST_CASE("quoted fields: embedded newlines, doubled quotes, delimiters; rows keep their first line", "[import]") {
    const std::string csv =
        "Id;Text;Sist\r\n"
        "K-1;\"två\r\nrader\";x\r\n"
        "K-2;\"säger \"\"hej\"\"; sen\";y\r\n"
        "\r\n"
        ";;\r\n"
        "K-3;\"tre\nrader\nhär\";z\n"
        "K-4;  sista  ;\"\"";  // no newline at the end
    CHECK(rows_of(csv) == std::vector<std::string>{
                              "1-1: Id|Text|Sist",
                              "2-3: K-1|två\r\nrader|x",
                              "4-4: K-2|säger \"hej\"; sen|y",
                              "7-9: K-3|tre\nrader\nhär|z",
                              "10-10: K-4|sista|",
                          });
}

TEST_CASE("tab-separated files keep tabs as delimiters", "[import]") {
    CsvFormat f;
    CHECK(rows_of("A\tB\n1\t two words \n", nullptr, &f) == std::vector<std::string>{"1-1: A|B", "2-2: 1|two words"});
    CHECK(f.delimiter == '\t');
}

TEST_CASE("malformed quotes reject the row; reading goes on with the next line", "[import]") {
    std::vector<CsvProblem> problems;
    const auto rows = rows_of("A,B\n1,x\"y\n2,\"a\"b\n3,ok\n4,\"open\nand on\n", &problems);
    CHECK(rows == std::vector<std::string>{"1-1: A|B", "4-4: 3|ok"});
    REQUIRE(problems.size() == 3);
    CHECK((problems[0].kind == CsvProblemKind::MalformedQuote && problems[0].line == 2 && problems[0].at_line == 2));
    CHECK((problems[1].kind == CsvProblemKind::MalformedQuote && problems[1].line == 3 && problems[1].at_line == 3));
    CHECK((problems[2].kind == CsvProblemKind::UnterminatedQuote && problems[2].line == 5));
}

TEST_CASE("a UTF-16 file is refused with a clear reason", "[import]") {
    TempDir dir;
    CsvReader reader(dir.write("u.csv", std::string("\xFF\xFE" "A\0;\0", 6)));
    CHECK(reader.open_error() == CsvReader::OpenError::Utf16);
}

// ---- conversion ------------------------------------------------------------

TEST_CASE("wide: one row per case becomes exact NDJSON", "[import]") {
    const std::string csv = kWideHeader +
                            "K-1;Nord;1984;J;2023-01-05;Ansökan;2023-02-12 00:00;Beviljad;2023-02-20\r\n"
                            "K-2;Syd;;Okänt;2023-03-01 08:30:15;Anmälan;;;\r\n"
                            "K-3;Syd;1990;N;2023-04-01;;2023-05-02;Avslag;\r\n";
    const Converted c = convert(csv, kWideMapping);
    CHECK(c.messages.empty());
    CHECK(c.ndjson ==
          "{\"id\":\"K-1\",\"unit\":\"Nord\",\"born\":1984,\"children_under_18\":true,\"events\":["
          "{\"type\":\"aktualisering\",\"date\":\"2023-01-05\",\"source\":\"ansökan\"},"
          "{\"type\":\"beslut\",\"date\":\"2023-02-12\",\"utfall\":\"bifall\"},"
          "{\"type\":\"vårdplan\",\"date\":\"2023-02-20\",\"huvudman\":\"kommun\"}]}\n"
          "{\"id\":\"K-2\",\"unit\":\"Syd\",\"born\":null,\"children_under_18\":null,\"events\":["
          "{\"type\":\"aktualisering\",\"date\":\"2023-03-01\",\"source\":\"anmälan\"}]}\n"
          "{\"id\":\"K-3\",\"unit\":\"Syd\",\"born\":1990,\"children_under_18\":false,\"events\":["
          "{\"type\":\"aktualisering\",\"date\":\"2023-04-01\",\"source\":null},"
          "{\"type\":\"beslut\",\"date\":\"2023-05-02\",\"utfall\":\"avslag\"}]}\n");
    CHECK(c.result.summary.rows == 3);
    CHECK(c.result.summary.cases == 3);
    CHECK(c.result.summary.events == 6);
    CHECK(c.result.summary.rejected == 0);
    CHECK(describe(c.result.summary, Lang::Sv) == "3 rader lästa, 3 fall skrivna, 0 rader avvisade (UTF-8, semikolon)");
    CHECK(describe(c.result.summary, Lang::En) == "3 rows read, 3 cases written, 0 rows rejected (UTF-8, semicolon)");
}

TEST_CASE("wide: the same export in Windows-1252 gives the same NDJSON", "[import]") {
    const std::string csv = kWideHeader + "K-1;Nord;1984;J;2023-01-05;Ansökan;2023-02-12;Bifall;\r\n";
    const Converted utf8 = convert(csv, kWideMapping);
    const Converted cp1252 = convert(
        "\xC4rende;Enhet;F\xF6" "dd;Barn;Inkom;Inkom som;Beslut datum;Beslut;V\xE5rdplan\r\n"
        "K-1;Nord;1984;J;2023-01-05;Ans\xF6kan;2023-02-12;Bifall;\r\n",
        kWideMapping);
    CHECK(cp1252.result.summary.format.encoding == Encoding::Windows1252);
    CHECK(cp1252.messages.empty());
    CHECK(cp1252.ndjson == utf8.ndjson);
    const Converted bom = convert("\xEF\xBB\xBF" + csv, kWideMapping);
    CHECK(bom.result.summary.format.bom);
    CHECK(bom.ndjson == utf8.ndjson);
}

TEST_CASE("long: rows of a case anywhere in the file are grouped by case id", "[import]") {
    const std::string csv = kLongHeader +
                            "L-1,Nord,Ansökan,2024-01-02,,\n"
                            "L-2,Syd,Ansökan,2024-01-03 10:00,,\n"
                            "L-1,Nord,Journal,2024-01-04,,\n"
                            "L-2,,Beslut,2024-02-01,Avslag,\n"
                            "L-1,Nord,Beslut,2024-02-03,Bifall,Ja\n"  // Med applies to vårdplan only
                            "L-1,Nord,Vårdplan,2024-02-10,,Nej\n";
    const Converted c = convert(csv, kLongMapping);
    CHECK(c.messages.empty());
    CHECK(c.ndjson ==
          "{\"id\":\"L-1\",\"unit\":\"Nord\",\"events\":["
          "{\"type\":\"aktualisering\",\"date\":\"2024-01-02\"},"
          "{\"type\":\"beslut\",\"date\":\"2024-02-03\",\"utfall\":\"bifall\"},"
          "{\"type\":\"vårdplan\",\"date\":\"2024-02-10\",\"med_enskilde\":false}]}\n"
          "{\"id\":\"L-2\",\"unit\":\"Syd\",\"events\":["
          "{\"type\":\"aktualisering\",\"date\":\"2024-01-03\"},"
          "{\"type\":\"beslut\",\"date\":\"2024-02-01\",\"utfall\":\"avslag\"}]}\n");
    CHECK(c.result.summary.rows == 6);
    CHECK(c.result.summary.ignored == 1);
    CHECK(describe(c.result.summary, Lang::Sv) ==
          "6 rader lästa, 2 fall skrivna, 0 rader avvisade, 1 rad överhoppad enligt 'ignore' (UTF-8, komma)");
}

TEST_CASE("aligned output puts each case on the line its row starts on", "[import]") {
    const std::string csv = kLongHeader +
                            "L-1,Nord,Ansökan,2024-01-02,,\n"
                            "\n"
                            "L-2,Syd,Ansökan,2024-01-03,,\n"
                            "L-1,Nord,Beslut,2024-02-03,Bifall,\n";
    const Converted c = convert(csv, kLongMapping, Lang::Sv, {.align_lines = true});
    std::istringstream in(c.ndjson);
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].empty());
    CHECK(lines[1].rfind("{\"id\":\"L-1\"", 0) == 0);
    CHECK(lines[2].empty());
    CHECK(lines[3].rfind("{\"id\":\"L-2\"", 0) == 0);
}

// ---- every rejection, with its message and line ------------------------------

TEST_CASE("wide rejections: message and the line the row starts on", "[import]") {
    const std::string csv = kWideHeader +
                            "K-1;Nord;1984;J;2023-01-05;Ansökan;;;\r\n"                  // 2 ok
                            ";Nord;1984;J;2023-01-05;Ansökan;;;\r\n"                     // 3 missing id
                            "K-1;Nord;1984;J;2023-01-06;Ansökan;;;\r\n"                  // 4 duplicate
                            "K-4;Nord;1984;J;2023-02-30;Ansökan;;;\r\n"                  // 5 invalid date
                            "K-5;Nord;1984;J;2023-01-05;Ansökan;2023-02-01;Delvis;\r\n"  // 6 unmapped value
                            "K-6;Nord;nittio;J;2023-01-05;Ansökan;;;\r\n"                // 7 not an integer
                            "K-7;Nord;1984;J;2023-01-05;Ansökan;;\r\n"                   // 8 field count
                            "K-8;\"Nord\r\nSyd\";1984;Kanske;;;;;\r\n"                   // 9-10 unmapped boolean
                            "K-9;Nord;1984;J;05/01/2023;Ansökan;;;\r\n"                  // 11 invalid date
                            "K-10;Nord;1984;J;2023-01-05;Ansökan;;;\r\n";                // 12 ok
    const Converted c = convert(csv, kWideMapping);
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:3: id saknas i kolumnen 'Ärende'",
                            "x.csv:4: fall K-1: samma id finns redan på rad 2",
                            "x.csv:5: fall K-4: ogiltigt datum '2023-02-30' i kolumnen 'Inkom' (väntade ÅÅÅÅ-MM-DD)",
                            "x.csv:6: fall K-5: värdet 'Delvis' i kolumnen 'Beslut' finns inte i mappningen (kända: 'Bifall', 'Beviljad', 'Avslag')",
                            "x.csv:7: fall K-6: 'nittio' i kolumnen 'Född' är inte ett heltal",
                            "x.csv:8: raden har 8 fält men rubrikraden har 9",
                            "x.csv:9: fall K-8: värdet 'Kanske' i kolumnen 'Barn' finns inte i mappningen (kända: 'J', 'N')",
                            "x.csv:11: fall K-9: ogiltigt datum '05/01/2023' i kolumnen 'Inkom' (väntade ÅÅÅÅ-MM-DD)",
                        });
    CHECK(c.result.summary.rows == 10);
    CHECK(c.result.summary.cases == 2);
    CHECK(c.result.summary.rejected == 8);
    CHECK(c.ndjson.find("\"K-1\"") != std::string::npos);
    CHECK(c.ndjson.find("\"K-10\"") != std::string::npos);
}

TEST_CASE("rejection messages in English", "[import]") {
    const std::string csv = kWideHeader +
                            "K-4;Nord;1984;J;2023-02-30;Ansökan;;;\r\n"
                            "K-5;Nord;1984;J;2023-01-05;Ansökan;2023-02-01;Delvis;\r\n";
    const Converted c = convert(csv, kWideMapping, Lang::En);
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:2: case K-4: invalid date '2023-02-30' in the column 'Inkom' (expected YYYY-MM-DD)",
                            "x.csv:3: case K-5: the value 'Delvis' in the column 'Beslut' is not in the mapping (known: 'Bifall', 'Beviljad', 'Avslag')",
                        });
}

TEST_CASE("a personnummer is never printed: the row is rejected naming the column", "[import]") {
    const std::string csv = kWideHeader +
                            "19811218-9876;Nord;1984;J;;;;;\r\n"
                            "K-2;811218-9876;1984;J;;;;;\r\n"
                            "K-3;Nord;1984;J;198112189876;;;;\r\n";
    const Converted c = convert(csv, kWideMapping);
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:2: kolumnen 'Ärende' ser ut att innehålla ett personnummer; värdet visas inte",
                            "x.csv:3: fall K-2: kolumnen 'Enhet' ser ut att innehålla ett personnummer; värdet visas inte",
                            "x.csv:4: fall K-3: kolumnen 'Inkom' ser ut att innehålla ett personnummer; värdet visas inte",
                        });
    for (const auto& m : c.messages) {
        CHECK(m.find("9876") == std::string::npos);
    }
    CHECK(c.ndjson.empty());
}

TEST_CASE("booleans without a value map accept ja/nej words only", "[import]") {
    const std::string mapping = "layout = \"wide\"\n[case]\nid = \"Id\"\n[case.attributes]\nb = { column = \"B\", type = \"boolean\" }\n"
                                "[[event]]\ntype = \"a\"\ndate = \"D\"\n";
    const Converted c = convert("Id;B;D\nK-1;Ja;\nK-2;nej;\nK-3;1;\nK-4;Kanske;\n", mapping);
    CHECK(c.ndjson ==
          "{\"id\":\"K-1\",\"b\":true,\"events\":[]}\n{\"id\":\"K-2\",\"b\":false,\"events\":[]}\n"
          "{\"id\":\"K-3\",\"b\":true,\"events\":[]}\n");
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:5: fall K-4: 'Kanske' i kolumnen 'B' är inte ja eller nej (ange 'values' i mappningen)"});
}

TEST_CASE("long rejections; a case with a rejected row is not written at all", "[import]") {
    const std::string csv = kLongHeader +
                            "L-1,Nord,Ansökan,2024-01-02,,\n"   // 2
                            "L-1,Nord,Besök,2024-01-05,,\n"     // 3 unmapped type
                            "L-2,Syd,Ansökan,,,\n"              // 4 missing date
                            "L-3,Syd,Ansökan,2024-01-09,,\n"    // 5 ok
                            "L-3,Öst,Beslut,2024-02-01,Bifall,\n"  // 6 conflicting unit
                            "L-4,Syd,Beslut,2024-02-01,Delvis,\n"  // 7 unmapped utfall
                            "L-5,Syd,Vårdplan,2024-02-01,,Kanske\n"  // 8 not a boolean
                            "L-6,Syd,Ansökan,2024-01-09,,\n";   // 9 ok
    const Converted c = convert(csv, kLongMapping);
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:3: fall L-1: värdet 'Besök' i kolumnen 'Händelse' finns inte i mappningen (kända: 'Ansökan', 'Beslut', 'Vårdplan', 'Journal')",
                            "x.csv:4: fall L-2: datum saknas i kolumnen 'Datum'",
                            "x.csv:6: fall L-3: kolumnen 'Enhet' har ett annat värde än på rad 5 i samma fall",
                            "x.csv:7: fall L-4: värdet 'Delvis' i kolumnen 'Utfall' finns inte i mappningen (kända: 'Bifall', 'Avslag')",
                            "x.csv:8: fall L-5: 'Kanske' i kolumnen 'Med' är inte ja eller nej (ange 'values' i mappningen)",
                            "x.csv:2: fall L-1: skrivs inte, eftersom rad 3 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                            "x.csv:4: fall L-2: skrivs inte, eftersom rad 4 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                            "x.csv:5: fall L-3: skrivs inte, eftersom rad 6 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                            "x.csv:7: fall L-4: skrivs inte, eftersom rad 7 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                            "x.csv:8: fall L-5: skrivs inte, eftersom rad 8 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                        });
    CHECK(c.ndjson == "{\"id\":\"L-6\",\"unit\":\"Syd\",\"events\":[{\"type\":\"aktualisering\",\"date\":\"2024-01-09\"}]}\n");
    CHECK(c.result.summary.rejected == 5);
    CHECK(c.result.summary.dropped_cases == 5);
    CHECK(describe(c.result.summary, Lang::Sv) ==
          "8 rader lästa, 1 fall skrivet, 5 rader avvisade, 5 fall inte skrivna (UTF-8, komma)");
}

TEST_CASE("CSV-level rejections: quotes and invalid UTF-8", "[import]") {
    const std::string csv = "\xEF\xBB\xBF" + kLongHeader +
                            "L-1,Nord,Ansökan,2024-01-02,,\n"        // 2
                            "L-1,Nord,Beslut,2024-01-05,Bif\"all,\n"   // 3 malformed quote
                            "L-2,V\xE5rd,Ansökan,2024-01-05,,\n"      // 4 Windows-1252 byte in a UTF-8 (BOM) file
                            "L-3,\"Syd\nNord\",Ansökan,2024-01-05,,\"\n";  // 5: never closed
    const Converted c = convert(csv, kLongMapping);
    CHECK(c.messages == std::vector<std::string>{
                            "x.csv:3: felaktiga citattecken på rad 3 (ett \" inne i ett fält utan citattecken, eller text efter det avslutande \")",
                            "x.csv:4: ogiltig UTF-8 (filen har UTF-8-BOM eller mappningen anger utf-8)",
                            "x.csv:5: ett fält inom citattecken avslutas aldrig; resten av filen kan inte läsas",
                        });
    CHECK(c.result.summary.rows == 4);
    CHECK(c.result.summary.rejected == 3);
}

TEST_CASE("failures that stop the import before any case is written", "[import]") {
    TempDir dir;
    std::ostringstream out;
    const Mapping wide = mapping_from(kWideMapping);
    auto failure = [&](const std::string& csv) {
        auto r = convert_csv(dir.write("f.csv", csv), wide, out);
        REQUIRE(r.failure);
        return describe(*r.failure, "f.csv", "map.toml", Lang::Sv);
    };
    CHECK(failure("Ärende;Enhet;Född;Barn;Inkomst;Inkom som;Beslut datum;Beslut;Vårdplan\n") ==
          "f.csv:1: kolumnen 'Inkom' (map.toml:11) finns inte i rubrikraden; menade du 'Inkomst'?");
    CHECK(failure("Ärende;enhet;Född;Barn;Inkom;Inkom som;Beslut datum;Beslut;Vårdplan\n") ==
          "f.csv:1: kolumnen 'Enhet' (map.toml:6) finns inte i rubrikraden; menade du 'enhet'?");
    CHECK(failure("Ärende;Enhet;Enhet;Född;Barn;Inkom;Inkom som;Beslut datum;Beslut;Vårdplan\n") ==
          "f.csv:1: kolumnen 'Enhet' (map.toml:6) förekommer mer än en gång i rubrikraden");
    CHECK(failure("") == "f.csv: filen är tom (ingen rubrikrad)");
    CHECK(failure("\"Ärende;Enhet\n") == "f.csv:1: rubrikraden kan inte läsas (felaktiga citattecken eller ogiltig UTF-8)");
    CHECK(failure("\xEF\xBB\xBF\xC4rende;x\nK-1;y\n") ==
          "f.csv:1: rubrikraden kan inte läsas (felaktiga citattecken eller ogiltig UTF-8)");
    CHECK(failure(std::string("\xFF\xFE" "A\0", 4)) ==
          "f.csv: filen är UTF-16 (Excels \"Unicode-text\"); spara den som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\"");
    auto missing = convert_csv("/nonexistent/f.csv", wide, out);
    REQUIRE(missing.failure);
    CHECK(describe(*missing.failure, "f.csv", "map.toml", Lang::En) == "f.csv: cannot open or read the file");
    CHECK(out.str().empty());
}

// ---- the check path --------------------------------------------------------

TEST_CASE("check path: CSV files become temporary NDJSON aligned to the CSV", "[import]") {
    TempDir dir;
    const std::string map = dir.write("m.toml", kLongMapping);
    const std::string csv = dir.write("long.csv", kLongHeader +
                                                      "L-1,Nord,Ansökan,2024-01-02,,\n"
                                                      "L-2,Syd,Ansökan,2024-01-03,,\n"
                                                      "L-2,Syd,Besök,2024-01-04,,\n");
    std::string temp;
    {
        CaseFiles inputs;
        std::ostringstream messages;
        auto files = inputs.open({"a.ndjson", csv}, {map, Lang::Sv}, messages);
        REQUIRE(files);
        REQUIRE(files->size() == 2);
        CHECK((*files)[0].path == "a.ndjson");
        CHECK((*files)[0].records == "a.ndjson");
        CHECK_FALSE((*files)[0].converted);
        const CaseFile& converted = (*files)[1];
        temp = converted.records;
        CHECK(converted.path == csv);
        CHECK(temp != csv);
        CHECK(converted.converted);
        // The rejected row is a rejected record of the CSV file, in the run's language.
        REQUIRE(converted.rejected.size() == 1);
        CHECK(converted.rejected[0].kind == ReadErrorKind::RowRejected);
        CHECK(describe(converted.rejected[0], Lang::Sv) ==
              csv + ":4: fel AK0720: fall L-2: värdet 'Besök' i kolumnen 'Händelse' finns inte i mappningen (kända: 'Ansökan', 'Beslut', 'Vårdplan', 'Journal')");
        CHECK(messages.str() ==
              csv + ":4: fall L-2: värdet 'Besök' i kolumnen 'Händelse' finns inte i mappningen (kända: 'Ansökan', 'Beslut', 'Vårdplan', 'Journal')\n" +
              csv + ":3: fall L-2: skrivs inte, eftersom rad 4 avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)\n"
              "aktkoll: " + csv + ": 3 rader lästa, 1 fall skrivet, 1 rad avvisad, 1 fall inte skrivet (UTF-8, komma)\n");
        std::ifstream in(temp);
        std::stringstream text;
        text << in.rdbuf();
        CHECK(text.str() == "\n{\"id\":\"L-1\",\"unit\":\"Nord\",\"events\":[{\"type\":\"aktualisering\",\"date\":\"2024-01-02\"}]}\n");
    }
    CHECK_FALSE(fs::exists(temp));  // removed with the CaseFiles
}

TEST_CASE("check path: a CSV file without a mapping, or a broken mapping, stops the run", "[import]") {
    TempDir dir;
    const std::string csv = dir.write("x.csv", kLongHeader);
    CaseFiles inputs;
    std::ostringstream messages;
    CHECK_FALSE(inputs.open({csv}, {std::nullopt, Lang::En}, messages));
    CHECK(messages.str() == "aktkoll: " + csv +
                                " is a CSV file: say how its columns are read with --mapping MAPPING.toml (see docs/import.md)\n");
    std::ostringstream messages2;
    const std::string bad = dir.write("bad.toml", "layout = \"wide\"\n");
    CHECK_FALSE(inputs.open({csv}, {bad, Lang::En}, messages2));
    CHECK(messages2.str().find("bad.toml:1:1: error AK0609: 'case' is missing") != std::string::npos);
    CHECK(is_csv_path("a/b.CSV"));
    CHECK_FALSE(is_csv_path("a/b.ndjson"));
}

TEST_CASE("the shipped examples convert without rejections", "[import]") {
    const std::string root = AKTKOLL_SOURCE_DIR;
    for (const auto& [csv, toml, cases, encoding] :
         {std::tuple{"wide-socialsystem.csv", "wide.toml", 12, Encoding::Windows1252},
          std::tuple{"long-handelser.csv", "long.toml", 4, Encoding::Utf8}}) {
        auto m = load_mapping(root + "/cases/import/" + toml, Lang::Sv);
        INFO(describe(m, Lang::Sv));
        REQUIRE(m.mapping);
        std::ostringstream out;
        auto r = convert_csv(root + "/cases/import/" + csv, *m.mapping, out);
        CHECK_FALSE(r.failure);
        CHECK(r.rejections.empty());
        CHECK(r.summary.cases == static_cast<uint64_t>(cases));
        CHECK(r.summary.format.encoding == encoding);
    }
}
