#include <catch2/catch.hpp>

#include <algorithm>

#include <simdjson.h>

#include <atomic>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/reader.hpp"
#include "core/sha256.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

// A schema like the shipped rule pack's, to test typed attributes.
Schema typed_schema() {
    Schema s;
    s.add_case_attr({"born", AttrType::Integer, {}});
    s.add_case_attr({"children_under_18", AttrType::Boolean, {}});
    s.add_case_attr({"unit", AttrType::String, {}});
    s.add_case_attr({"insatser", AttrType::StringList, {}});
    s.add_case_attr({"startdatum", AttrType::Date, {}});
    s.add_event_type({"aktualisering", {{"source", AttrType::Enum, {"ansökan", "anmälan", "övrigt"}}}});
    s.add_event_type({"utredning_inledd", {{"skäl_dokumenterat", AttrType::Boolean, {}}}});
    s.add_event_type({"beslut",
                      {{"utfall", AttrType::Enum, {"bifall", "avslag"}},
                       {"insats", AttrType::String, {}},
                       {"lagrum", AttrType::String, {}}}});
    s.add_event_type({"uppföljning", {}});
    return s;
}

// Parses one record as line 7 of cases/bad.ndjson.
std::optional<ReadError> parse(const Schema& schema, std::string json, Case& c, ReadLimits limits = {}) {
    RecordParser parser(schema, limits);
    const size_t len = json.size();
    json.append(simdjson::SIMDJSON_PADDING, '\0');
    auto e = parser.parse(json.data(), len, json.size(), 7, c);
    if (e) e->file = "cases/bad.ndjson";
    return e;
}

std::string message(const Schema& schema, const std::string& json, Lang lang = Lang::Sv, ReadLimits limits = {}) {
    Case c;
    auto e = parse(schema, json, c, limits);
    return e ? describe(*e, lang) : "OK";
}

std::string message(const std::string& json, Lang lang = Lang::Sv) { return message(Schema(), json, lang); }

ReadErrorKind kind_of(const Schema& schema, const std::string& json) {
    Case c;
    auto e = parse(schema, json, c);
    REQUIRE(e);
    return e->kind;
}

// Every block size, read both ways a regular file can be read.
std::vector<std::pair<size_t, FileAccess>> block_and_access(std::initializer_list<size_t> sizes) {
    std::vector<std::pair<size_t, FileAccess>> out;
    for (size_t size : sizes)
        for (FileAccess access : {FileAccess::Map, FileAccess::Read}) out.emplace_back(size, access);
    return out;
}

// A fresh directory under the system temp directory, removed afterwards.
struct TempDir : testing::TempDir {
    TempDir() : testing::TempDir("test") {}
};

struct ReadResult {
    std::vector<std::string> ids;
    std::vector<uint64_t> lines;
    std::vector<std::string> messages;  // describe(), with the file name cut off
    ReadStats stats;
};

// Reads one file through `shared` (a fresh ledger when null); the messages
// and counts are this file's only.
ReadResult read_all(const std::string& path, const Schema& schema = Schema(), ReadLimits limits = {},
                    ReadLedger* shared = nullptr, Lang lang = Lang::Sv) {
    ReadLedger own;
    ReadLedger& ledger = shared ? *shared : own;
    const size_t errors_before = ledger.report().rejected.size();
    const ReadStats before = ledger.report().stats;
    const CaseFile file = plain_case_file(path);
    CaseReader reader(file, schema, ledger, limits);
    ReadResult r;
    for (Case c; reader.next(c);) {
        r.ids.emplace_back(c.id);
        r.lines.push_back(c.line);
    }
    const auto& rejected = ledger.report().rejected;
    for (size_t i = errors_before; i < rejected.size(); ++i) {
        std::string text = describe(rejected[i], lang);
        REQUIRE(text.rfind(path, 0) == 0);
        r.messages.push_back(text.substr(path.size()));
    }
    const ReadStats& after = ledger.report().stats;
    r.stats.lines = after.lines - before.lines;
    r.stats.cases = after.cases - before.cases;
    r.stats.events = after.events - before.events;
    r.stats.rejected = after.rejected - before.rejected;
    r.stats.blank_lines = after.blank_lines - before.blank_lines;
    r.stats.undeclared_events = after.undeclared_events - before.undeclared_events;
    return r;
}

using Strings = std::vector<std::string>;

}  // namespace

// ---------------------------------------------------------------------------
// Good records

TEST_CASE("reader: a good record with the generic schema") {
    Case c;
    auto e = parse(Schema(),
                   R"({"id":"K-0001","born":1984,"children_under_18":true,"unit":"Norr","x":null,"l":["a","b"],)"
                   R"("events":[{"type":"aktualisering","date":"2023-01-05","source":"ansökan"},)"
                   R"({"type":"uppföljning","date":"2023-06-01"}]})",
                   c);
    REQUIRE_FALSE(e);
    CHECK(c.id == "K-0001");
    CHECK(c.line == 7);
    CHECK(c.attrs.empty());
    REQUIRE(c.events.size() == 2);
    CHECK(c.undeclared_events == 2);
    CHECK(c.events_of(static_cast<int>(Case::other_type(Schema()))).size() == 2);
    CHECK(c.event_values.empty());
}

TEST_CASE("reader: declared attributes are stored by slot, typed") {
    const Schema s = typed_schema();
    Case c;
    auto e = parse(s,
                   R"({"events":[{"date":"2023-02-12","utfall":"bifall","type":"beslut","insats":"öppenv\u00e5rd"},)"
                   R"({"type":"aktualisering","date":"2023-01-05","source":"ansökan"},)"
                   R"({"type":"okänd_typ","date":"2023-01-01","vad":"som helst"},)"
                   R"({"type":"uppföljning","date":"2023-06-01"}],)"
                   R"("id":"K-0002","born":1984,"children_under_18":null,"unit":"Söder","insatser":["boende","öppenvård"],)"
                   R"("startdatum":"2023-01-02","okänt_attribut":3.5})",
                   c);
    REQUIRE_FALSE(e);
    CHECK(c.id == "K-0002");
    REQUIRE(c.attrs.size() == 5);
    CHECK(c.attrs[0].kind == ValueKind::Int);
    CHECK(c.attrs[0].num == 1984);
    CHECK_FALSE(c.attrs[1].known());  // null means unknown
    CHECK(c.attrs[2].str() == "Söder");
    REQUIRE(c.attrs[3].kind == ValueKind::StringList);
    REQUIRE(c.attrs[3].list_count() == 2);
    CHECK(c.list_items[c.attrs[3].list_begin()] == "boende");
    CHECK(c.list_items[c.attrs[3].list_begin() + 1] == "öppenvård");
    CHECK(c.attrs[4].kind == ValueKind::Date);
    CHECK(format_date(c.attrs[4].as_date()) == "2023-01-02");

    const int beslut = s.event_type("beslut");
    REQUIRE(c.events_of(beslut).size() == 1);
    const Event& b = c.events_of(beslut)[0];
    CHECK(format_date(b.date) == "2023-02-12");
    CHECK(b.input_index == 0);
    CHECK(c.event_value(b, s.event_attr(beslut, "utfall")).str() == "bifall");
    CHECK(c.event_value(b, s.event_attr(beslut, "insats")).str() == "öppenvård");  // unescaped
    CHECK_FALSE(c.event_value(b, s.event_attr(beslut, "lagrum")).known());

    const int akt = s.event_type("aktualisering");
    REQUIRE(c.events_of(akt).size() == 1);
    CHECK(c.event_value(c.events_of(akt)[0], 0).str() == "ansökan");
    CHECK(c.events_of(s.event_type("uppföljning")).size() == 1);
    CHECK(c.undeclared_events == 1);
    CHECK(c.events_of(static_cast<int>(Case::other_type(s))).size() == 1);
}

TEST_CASE("reader: strings outlive the parser's buffers (arena)") {
    const Schema s = typed_schema();
    RecordParser parser(s);
    Case a;
    std::string first = R"({"id":"A-1","unit":"Norr","events":[]})";
    std::string second = R"({"id":"B-2","unit":"Söder","events":[]})";
    const size_t n1 = first.size(), n2 = second.size();
    first.append(simdjson::SIMDJSON_PADDING, '\0');
    second.append(simdjson::SIMDJSON_PADDING, '\0');
    REQUIRE_FALSE(parser.parse(first.data(), n1, first.size(), 1, a));
    Case b;
    REQUIRE_FALSE(parser.parse(second.data(), n2, second.size(), 2, b));
    CHECK(a.id == "A-1");
    CHECK(a.attrs[2].str() == "Norr");
    CHECK(b.attrs[2].str() == "Söder");
}

TEST_CASE("reader: a Case is reused without leftovers") {
    const Schema s = typed_schema();
    Case c;
    REQUIRE_FALSE(parse(s, R"({"id":"A","born":1,"events":[{"type":"beslut","date":"2023-01-01","utfall":"bifall"}]})", c));
    REQUIRE_FALSE(parse(s, R"({"id":"B","events":[]})", c));
    CHECK(c.id == "B");
    CHECK_FALSE(c.attrs[0].known());
    CHECK(c.events.empty());
    CHECK(c.event_values.empty());
}

// ---------------------------------------------------------------------------
// Every kind of bad record, with its exact message

TEST_CASE("reader messages: JSON and record shape") {
    CHECK(message(R"({"id":"K-0001","events":[)") == "cases/bad.ndjson:7: fel AK0702: ogiltig JSON");
    CHECK(message(R"({"id":"K-0001","events":[]} x)") == "cases/bad.ndjson:7: fel AK0702: ogiltig JSON");
    CHECK(message(R"({"id":"K-0001","events":[]}{"id":"K-0002"})") == "cases/bad.ndjson:7: fel AK0702: fall K-0001: ogiltig JSON");
    CHECK(message(R"({"id":"K-0001","events":[],"a":tru})") == "cases/bad.ndjson:7: fel AK0702: fall K-0001: ogiltig JSON");
    CHECK(message(R"({"id":"K-0001","events":[],"a":[1,2,}})") == "cases/bad.ndjson:7: fel AK0702: fall K-0001: ogiltig JSON");
    CHECK(message(R"({"id":"K-0001","events":[],"a":12x})") == "cases/bad.ndjson:7: fel AK0702: fall K-0001: ogiltig JSON");
    CHECK(message("{\"id\":\"K-0001\",\"unit\":\"\xe4ng\",\"events\":[]}") ==
          "cases/bad.ndjson:7: fel AK0702: ogiltig JSON (ogiltig UTF-8)");
    CHECK(message(R"(["K-0001"])") == "cases/bad.ndjson:7: fel AK0703: posten är inte ett JSON-objekt");
    CHECK(message(R"("K-0001")") == "cases/bad.ndjson:7: fel AK0703: posten är inte ett JSON-objekt");
    CHECK(message(R"(42)") == "cases/bad.ndjson:7: fel AK0703: posten är inte ett JSON-objekt");
    CHECK(message(R"({"events":[]})") == "cases/bad.ndjson:7: fel AK0705: saknar 'id'");
    CHECK(message(R"({"id":17,"events":[]})") == "cases/bad.ndjson:7: fel AK0706: 'id' är inte en sträng (fick tal)");
    CHECK(message(R"({"id":["K-1"],"events":[]})") == "cases/bad.ndjson:7: fel AK0706: 'id' är inte en sträng (fick lista)");
    CHECK(message(R"({"id":"","events":[]})") == "cases/bad.ndjson:7: fel AK0706: 'id' är tomt");
    CHECK(message(R"({"id":"K-0001"})") == "cases/bad.ndjson:7: fel AK0708: fall K-0001: saknar 'events'");
    CHECK(message(R"({"id":"K-0001","events":{"type":"beslut"}})") ==
          "cases/bad.ndjson:7: fel AK0709: fall K-0001: 'events' är inte en lista (fick objekt)");
    CHECK(message(R"({"id":"K-0001","events":null})") ==
          "cases/bad.ndjson:7: fel AK0709: fall K-0001: 'events' är inte en lista (fick null)");
    CHECK(message(R"({"id":"K-0001","id":"K-0002","events":[]})") ==
          "cases/bad.ndjson:7: fel AK0702: fall K-0001: ogiltig JSON: nyckeln 'id' förekommer mer än en gång");
}

TEST_CASE("reader messages: events") {
    CHECK(message(R"({"id":"K-0003","events":[{"type":"beslut","date":"2023-02-12"},"beslut"]})") ==
          "cases/bad.ndjson:7: fel AK0710: fall K-0003: händelse 2 är inte ett JSON-objekt");
    CHECK(message(R"({"id":"K-0003","events":[{"date":"2023-02-12"}]})") ==
          "cases/bad.ndjson:7: fel AK0711: fall K-0003: händelse 1 saknar 'type'");
    CHECK(message(R"({"id":"K-0003","events":[{"type":"beslut"}]})") ==
          "cases/bad.ndjson:7: fel AK0712: fall K-0003: händelse 1 saknar 'date'");
    CHECK(message(R"({"id":"K-0003","events":[{"type":"a","date":"2023-01-01"},{"type":"beslut","date":"2023-02-30"}]})") ==
          "cases/bad.ndjson:7: fel AK0713: fall K-0003: ogiltigt datum i 'date' (händelse 2)");
    CHECK(message(R"({"id":"K-0003","events":[{"type":"beslut","date":"12 februari"}]})") ==
          "cases/bad.ndjson:7: fel AK0713: fall K-0003: ogiltigt datum i 'date' (händelse 1)");
    CHECK(message(R"({"id":"K-0003","events":[{"type":"beslut","date":20230212}]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0003: fel värdetyp för 'date' (händelse 1): väntade datum (ÅÅÅÅ-MM-DD), fick tal");
    CHECK(message(R"({"id":"K-0003","events":[{"type":7,"date":"2023-02-12"}]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0003: fel värdetyp för 'type' (händelse 1): väntade sträng, fick tal");
    CHECK(message(R"({"id":"K-0003","events":[{"type":"beslut","date":"2023-02-12","date":"2023-02-13"}]})") ==
          "cases/bad.ndjson:7: fel AK0702: fall K-0003: ogiltig JSON: nyckeln 'date' förekommer mer än en gång (händelse 1)");
}

TEST_CASE("reader messages: the case id is found even when it comes last") {
    CHECK(message(R"({"events":[{"type":"beslut","date":"2023-02-30"}],"id":"K-0004"})") ==
          "cases/bad.ndjson:7: fel AK0713: fall K-0004: ogiltigt datum i 'date' (händelse 1)");
}

TEST_CASE("reader messages: value types with the generic schema") {
    CHECK(message(R"({"id":"K-0005","unit":{"namn":"Norr"},"events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0005: fel värdetyp för 'unit': väntade sträng, tal, boolean, null eller lista av "
          "strängar, fick objekt");
    CHECK(message(R"({"id":"K-0005","events":[{"type":"sip","date":"2023-03-01","ansvar":[[1,2],[3]]}]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0005: fel värdetyp för 'ansvar' (händelse 1): väntade sträng, tal, boolean, null "
          "eller lista av strängar, fick lista med annat än strängar");
    CHECK(message(R"({"id":"K-0005","l":["a",1],"events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0005: fel värdetyp för 'l': väntade sträng, tal, boolean, null eller lista av "
          "strängar, fick lista med annat än strängar");
    // Any number, boolean, null, date-shaped string or list of strings is fine.
    CHECK(message(R"({"id":"K-0005","a":1.5,"b":-3,"c":false,"d":null,"e":"2023-02-30","f":[],"events":[]})") == "OK");
}

TEST_CASE("reader messages: typed schema attributes") {
    const Schema s = typed_schema();
    CHECK(message(s, R"({"id":"K-0006","events":[{"type":"utredning_inledd","date":"2023-01-09","skäl_dokumenterat":"ja"}]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'skäl_dokumenterat' (händelse 1): väntade boolean, fick sträng");
    CHECK(message(s, R"({"id":"K-0006","events":[{"type":"aktualisering","date":"2023-01-05"},)"
                     R"({"type":"beslut","date":"2023-02-12","utfall":"kanske"}]})") ==
          "cases/bad.ndjson:7: fel AK0715: fall K-0006: 'utfall' har ett värde utanför uppräkningen (händelse 2); tillåtna: bifall, avslag");
    CHECK(message(s, R"({"id":"K-0006","born":1984.5,"events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'born': väntade heltal, fick decimaltal");
    CHECK(message(s, R"({"id":"K-0006","born":"1984","events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'born': väntade heltal, fick sträng");
    CHECK(message(s, R"({"id":"K-0006","unit":["Norr"],"events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'unit': väntade sträng, fick lista av strängar");
    CHECK(message(s, R"({"id":"K-0006","insatser":"boende","events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'insatser': väntade lista av strängar, fick sträng");
    CHECK(message(s, R"({"id":"K-0006","startdatum":"2023-02-30","events":[]})") ==
          "cases/bad.ndjson:7: fel AK0713: fall K-0006: ogiltigt datum i 'startdatum'");
    CHECK(message(s, R"({"id":"K-0006","children_under_18":1,"events":[]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'children_under_18': väntade boolean, fick tal");
    // Undeclared attributes of a declared event type are only checked.
    CHECK(message(s, R"({"id":"K-0006","events":[{"type":"beslut","date":"2023-02-12","extra":{"a":1}}]})") ==
          "cases/bad.ndjson:7: fel AK0714: fall K-0006: fel värdetyp för 'extra' (händelse 1): väntade sträng, tal, boolean, null "
          "eller lista av strängar, fick objekt");
}

TEST_CASE("reader messages: personnummer are refused and never shown") {
    struct Sample {
        std::string json, expected, value;
    };
    const std::vector<Sample> samples = {
        {R"({"id":"19811218-9876","events":[]})", "cases/bad.ndjson:7: fel AK0716: 'id' ser ut som ett personnummer; värdet visas inte",
         "9876"},
        {R"({"id":"K-0007","kontakt":"811218-9876","events":[]})",
         "cases/bad.ndjson:7: fel AK0716: fall K-0007: 'kontakt' ser ut som ett personnummer; värdet visas inte", "9876"},
        {R"({"id":"K-0007","events":[{"type":"a","date":"2023-01-01"},{"type":"beslut","date":"2023-02-12","anteckning":"198112189876"}]})",
         "cases/bad.ndjson:7: fel AK0716: fall K-0007: 'anteckning' ser ut som ett personnummer (händelse 2); värdet visas inte",
         "9876"},
        {R"({"id":"K-0007","personer":["Anna","701063-2391"],"events":[]})",
         "cases/bad.ndjson:7: fel AK0716: fall K-0007: 'personer' ser ut som ett personnummer; värdet visas inte", "2391"},
        {R"({"id":"K-0007","nr":8112189876,"events":[]})",
         "cases/bad.ndjson:7: fel AK0716: fall K-0007: 'nr' ser ut som ett personnummer; värdet visas inte", "9876"},
        {R"({"id":"K-0007","esc":"\u0038\u0031\u0031218-9876","events":[]})",
         "cases/bad.ndjson:7: fel AK0716: fall K-0007: 'esc' ser ut som ett personnummer; värdet visas inte", "9876"},
        // The id comes after the bad value: it is still never printed when it is a personnummer itself.
        {R"({"events":[{"type":"x","date":"2023-02-30"}],"id":"811218-9876"})",
         "cases/bad.ndjson:7: fel AK0713: ogiltigt datum i 'date' (händelse 1)", "9876"},
    };
    for (const auto& sample : samples) {
        for (Lang lang : {Lang::Sv, Lang::En}) {
            const std::string text = message(Schema(), sample.json, lang);
            if (lang == Lang::Sv) CHECK(text == sample.expected);
            CHECK(text.find(sample.value) == std::string::npos);
            CHECK(text.find("811218") == std::string::npos);
        }
    }
    CHECK(message(typed_schema(), R"({"id":"K-0007","unit":"811218-9876","events":[]})", Lang::En) ==
          "cases/bad.ndjson:7: error AK0716: case K-0007: 'unit' looks like a personnummer; the value is not shown");
}

TEST_CASE("reader messages: limits") {
    ReadLimits limits;
    std::string deep = R"({"id":"K-0008","events":[],"x":)";
    for (int i = 0; i < 40; ++i) deep += '[';
    for (int i = 0; i < 40; ++i) deep += ']';
    deep += '}';
    CHECK(message(Schema(), deep) == "cases/bad.ndjson:7: fel AK0718: fall K-0008: för djup nästling (mer än 32 nivåer)");
    CHECK(message(Schema(), deep, Lang::En) == "cases/bad.ndjson:7: error AK0718: case K-0008: nesting too deep (more than 32 levels)");

    std::string deep_root;
    for (int i = 0; i < 40; ++i) deep_root += '[';
    for (int i = 0; i < 40; ++i) deep_root += ']';
    CHECK(message(Schema(), deep_root) == "cases/bad.ndjson:7: fel AK0718: för djup nästling (mer än 32 nivåer)");

    // Exactly at the limit is fine in depth (and then a type error).
    limits.max_depth = 5;
    CHECK(message(Schema(), R"({"id":"K","events":[],"x":[[[["a"]]]]})", Lang::Sv, limits) ==
          "cases/bad.ndjson:7: fel AK0714: fall K: fel värdetyp för 'x': väntade sträng, tal, boolean, null eller lista av strängar, "
          "fick lista med annat än strängar");
    CHECK(message(Schema(), R"({"id":"K","events":[],"x":[[[[["a"]]]]]})", Lang::Sv, limits) ==
          "cases/bad.ndjson:7: fel AK0718: fall K: för djup nästling (mer än 5 nivåer)");
    // Brackets inside strings do not count.
    CHECK(message(Schema(), R"({"id":"K","events":[],"x":["[[[[[[[[[[[[["]})", Lang::Sv, limits) == "OK");

    limits = {};
    limits.max_events = 3;
    const std::string three = R"({"id":"K-0009","events":[{"type":"a","date":"2023-01-01"},{"type":"a","date":"2023-01-02"},{"type":"a","date":"2023-01-03"}]})";
    CHECK(message(Schema(), three, Lang::Sv, limits) == "OK");
    std::string four = three;
    four.insert(four.size() - 2, R"(,{"type":"a","date":"2023-01-04"})");
    CHECK(message(Schema(), four, Lang::Sv, limits) == "cases/bad.ndjson:7: fel AK0719: fall K-0009: fler än 3 händelser");
    CHECK(message(Schema(), four, Lang::En, limits) == "cases/bad.ndjson:7: error AK0719: case K-0009: more than 3 events");
}

TEST_CASE("reader messages: English") {
    CHECK(message(R"({"id":"K-0003","events":[{"type":"a","date":"2023-01-01"},{"type":"beslut","date":"2023-02-30"}]})",
                  Lang::En) == "cases/bad.ndjson:7: error AK0713: case K-0003: invalid date in 'date' (event 2)");
    CHECK(message(R"([1])", Lang::En) == "cases/bad.ndjson:7: error AK0703: the record is not a JSON object");
    CHECK(message(R"({"events":[]})", Lang::En) == "cases/bad.ndjson:7: error AK0705: missing 'id'");
    CHECK(message(R"({"id":"K-1"})", Lang::En) == "cases/bad.ndjson:7: error AK0708: case K-1: missing 'events'");
    CHECK(message(R"({"id":"K-1","events":[{"type":"a"}]})", Lang::En) ==
          "cases/bad.ndjson:7: error AK0712: case K-1: event 1 has no 'date'");
    CHECK(message(R"({"id":"K-1","events":[{"date":"2023-01-01"}]})", Lang::En) ==
          "cases/bad.ndjson:7: error AK0711: case K-1: event 1 has no 'type'");
    CHECK(message(R"({"id":"K-1","events":[3]})", Lang::En) == "cases/bad.ndjson:7: error AK0710: case K-1: event 1 is not a JSON object");
    CHECK(message(R"({"id":"K-1","events":"none"})", Lang::En) ==
          "cases/bad.ndjson:7: error AK0709: case K-1: 'events' is not an array (got string)");
    CHECK(message(R"({"id":false,"events":[]})", Lang::En) == "cases/bad.ndjson:7: error AK0706: 'id' is not a string (got boolean)");
    CHECK(message(R"({"id":"K-1",)", Lang::En) == "cases/bad.ndjson:7: error AK0702: invalid JSON");
    CHECK(message(typed_schema(), R"({"id":"K-1","events":[{"type":"utredning_inledd","date":"2023-01-09","skäl_dokumenterat":"ja"}]})",
                  Lang::En) ==
          "cases/bad.ndjson:7: error AK0714: case K-1: wrong value type for 'skäl_dokumenterat' (event 1): expected boolean, got string");
    CHECK(message(typed_schema(), R"({"id":"K-1","events":[{"type":"beslut","date":"2023-02-12","utfall":"ja"}]})",
                  Lang::En) ==
          "cases/bad.ndjson:7: error AK0715: case K-1: 'utfall' has a value outside the enumeration (event 1); allowed: bifall, avslag");
}

TEST_CASE("reader: describe without line or id, and hidden names") {
    ReadError e;
    e.kind = ReadErrorKind::CannotOpen;
    e.file = "saknas.ndjson";
    CHECK(describe(e, Lang::Sv) == "saknas.ndjson: fel AK0701: kan inte öppna eller läsa filen");
    CHECK(describe(e, Lang::En) == "saknas.ndjson: error AK0701: cannot open or read the file");
    e.kind = ReadErrorKind::DuplicateId;
    e.line = 9;
    e.case_id = "K-0001";
    e.other_line = 3;
    CHECK(describe(e, Lang::Sv) == "saknas.ndjson:9: fel AK0707: fall K-0001: samma 'id' förekommer redan på rad 3");
    CHECK(describe(e, Lang::En) == "saknas.ndjson:9: error AK0707: case K-0001: the same 'id' already occurs on line 3");
    e.case_id = "811218-9876";  // never echoed, whatever the caller put there
    CHECK(describe(e, Lang::Sv) == "saknas.ndjson:9: fel AK0707: samma 'id' förekommer redan på rad 3");
    e.kind = ReadErrorKind::Personnummer;
    e.case_id = "K-1";
    e.field = "811218-9876";  // a key that is a personnummer is hidden too
    CHECK(describe(e, Lang::Sv) == "saknas.ndjson:9: fel AK0716: fall K-1: '<dolt>' ser ut som ett personnummer; värdet visas inte");
}

TEST_CASE("reader: kinds") {
    const Schema s = typed_schema();
    CHECK(kind_of(s, R"({"id":"K","events":[)") == ReadErrorKind::InvalidJson);
    CHECK(kind_of(s, R"([])") == ReadErrorKind::NotObject);
    CHECK(kind_of(s, R"({"events":[]})") == ReadErrorKind::MissingId);
    CHECK(kind_of(s, R"({"id":1,"events":[]})") == ReadErrorKind::IdNotString);
    CHECK(kind_of(s, R"({"id":"K"})") == ReadErrorKind::MissingEvents);
    CHECK(kind_of(s, R"({"id":"K","events":1})") == ReadErrorKind::EventsNotArray);
    CHECK(kind_of(s, R"({"id":"K","events":[1]})") == ReadErrorKind::EventNotObject);
    CHECK(kind_of(s, R"({"id":"K","events":[{}]})") == ReadErrorKind::EventMissingType);
    CHECK(kind_of(s, R"({"id":"K","events":[{"type":"beslut"}]})") == ReadErrorKind::EventMissingDate);
    CHECK(kind_of(s, R"({"id":"K","events":[{"type":"beslut","date":"2023-02-30"}]})") == ReadErrorKind::InvalidDate);
    CHECK(kind_of(s, R"({"id":"K","born":true,"events":[]})") == ReadErrorKind::WrongType);
    CHECK(kind_of(s, R"({"id":"K","events":[{"type":"beslut","date":"2023-02-28","utfall":"x"}]})") ==
          ReadErrorKind::NotInEnumeration);
    CHECK(kind_of(s, R"({"id":"K","unit":"8112189876","events":[]})") == ReadErrorKind::Personnummer);

    Case c;
    auto e = parse(s, R"({"id":"K","events":[{"type":"a","date":"2023-01-01"},{"type":"beslut","date":"2023-02-28","utfall":"x"}]})", c);
    REQUIRE(e);
    CHECK(e->field == "utfall");
    CHECK(e->event_index == 1);
    CHECK(e->expected == "bifall, avslag");
    CHECK(e->case_id == "K");
    CHECK(e->line == 7);
}

TEST_CASE("reader: hostile input never crashes") {
    // Every prefix of a good record, and every single-byte corruption, is
    // either read or rejected (run under the sanitizers).
    const std::string good = R"({"id":"K-1","l":["a","b\"c"],"n":-1.5e3,"events":[{"type":"beslut","date":"2023-02-12","b":true,"x":null}]})";
    const Schema s = typed_schema();
    Case c;
    for (size_t n = 0; n < good.size(); ++n) {
        auto e = parse(s, good.substr(0, n), c);
        CHECK(e);
    }
    size_t rejected = 0;
    for (size_t i = 0; i < good.size(); ++i) {
        for (char bad : {'{', '}', '[', ']', '"', ',', ':', '\\', '\0', 'x'}) {
            std::string s2 = good;
            s2[i] = bad;
            if (parse(s, s2, c)) ++rejected;
        }
    }
    CHECK(rejected > good.size());
    CHECK_FALSE(parse(s, good, c));
}

// ---------------------------------------------------------------------------
// Files

TEST_CASE("reader file: blank lines, CRLF, BOM and good records after bad ones") {
    TempDir dir;
    const std::string path = dir.write("a.ndjson",
                                       "\xEF\xBB\xBF{\"id\":\"K-1\",\"events\":[]}\r\n"
                                       "\r\n"
                                       "   \n"
                                       "{\"id\":\"K-2\",\"events\":[{\"type\":\"x\",\"date\":\"2023-02-30\"}]}\r\n"
                                       "not json\n"
                                       "{\"id\":\"K-3\",\"events\":[{\"type\":\"x\",\"date\":\"2023-02-28\"}]}\r\n"
                                       "{\"id\":\"K-4\",\"unit\":\"\xff\",\"events\":[]}\n"
                                       "{\"id\":\"K-5\",\"events\":[]}");  // no final newline
    auto r = read_all(path);
    CHECK(r.ids == Strings{"K-1", "K-3", "K-5"});
    CHECK(r.lines == std::vector<uint64_t>{1, 6, 8});
    CHECK(r.messages == Strings{":4: fel AK0713: fall K-2: ogiltigt datum i 'date' (händelse 1)", ":5: fel AK0702: ogiltig JSON",
                                ":7: fel AK0702: ogiltig JSON (ogiltig UTF-8)"});
    CHECK(r.stats.lines == 6);
    CHECK(r.stats.blank_lines == 2);
    CHECK(r.stats.cases == 3);
    CHECK(r.stats.events == 1);
    CHECK(r.stats.rejected == 3);
    CHECK(r.stats.undeclared_events == 1);
}

TEST_CASE("reader file: duplicate ids name the first line, also across files") {
    TempDir dir;
    const std::string a = dir.write("a.ndjson",
                                    "{\"id\":\"K-1\",\"events\":[]}\n"
                                    "{\"id\":\"K-2\",\"events\":[]}\n"
                                    "{\"id\":\"K-1\",\"events\":[]}\n");
    const std::string b = dir.write("b.ndjson", "{\"id\":\"K-2\",\"events\":[]}\n{\"id\":\"K-3\",\"events\":[]}\n");
    ReadLedger ids;
    auto ra = read_all(a, Schema(), {}, &ids);
    CHECK(ra.ids == Strings{"K-1", "K-2"});
    CHECK(ra.messages == Strings{":3: fel AK0707: fall K-1: samma 'id' förekommer redan på rad 1"});
    auto rb = read_all(b, Schema(), {}, &ids);
    CHECK(rb.ids == Strings{"K-3"});
    CHECK(rb.messages == Strings{":1: fel AK0707: fall K-2: samma 'id' förekommer redan på rad 2"});
    CHECK(rb.stats.rejected == 1);
}

TEST_CASE("duplicate ids: equal hashes of different ids are told apart by their bytes") {
    DuplicateIds ids;
    const std::string long_id = "K-" + std::string(100, 'x');
    CHECK_FALSE(ids.insert("a", 42, 1));
    CHECK_FALSE(ids.insert("b", 42, 2));
    CHECK_FALSE(ids.insert(long_id, 42, 3));
    CHECK(ids.insert("a", 42, 7) == std::optional<uint64_t>(1));
    CHECK(ids.insert("b", 42, 8) == std::optional<uint64_t>(2));
    CHECK(ids.insert(long_id, 42, 9) == std::optional<uint64_t>(3));
    // Through growth: every id is found again with its first line.
    for (uint64_t i = 0; i < 50000; ++i) REQUIRE_FALSE(ids.insert("N-" + std::to_string(i), 100 + i));
    for (uint64_t i = 0; i < 50000; i += 997) CHECK(ids.insert("N-" + std::to_string(i), 1) == 100 + i);
    // Reserved room (as the pipeline does from a file's first block) keeps what is held.
    ids.reserve(200000);
    for (uint64_t i = 0; i < 50000; i += 997) CHECK(ids.insert("N-" + std::to_string(i), 1) == 100 + i);
    CHECK(ids.insert("a", 42, 7) == std::optional<uint64_t>(1));
    for (uint64_t i = 0; i < 100000; ++i) REQUIRE_FALSE(ids.insert("M-" + std::to_string(i), 200000 + i));
    CHECK(ids.insert("M-99999", 5) == std::optional<uint64_t>(299999));
}

TEST_CASE("reader file: the id of a rejected record is not taken (docs/case-export.md)") {
    TempDir dir;
    const std::string a = dir.write("a.ndjson",
                                    "{\"id\":\"K-1\",\"events\":[{\"type\":\"x\"}]}\n"
                                    "{\"id\":\"K-1\",\"events\":[]}\n"
                                    "{\"id\":\"K-1\",\"events\":[]}\n");
    auto r = read_all(a);
    CHECK(r.ids == Strings{"K-1"});
    CHECK(r.lines == std::vector<uint64_t>{2});
    CHECK(r.messages == Strings{":1: fel AK0712: fall K-1: händelse 1 saknar 'date'",
                                ":3: fel AK0707: fall K-1: samma 'id' förekommer redan på rad 2"});
    CHECK(r.stats.rejected == 2);
}

TEST_CASE("reader file: an overlong line is skipped and reading goes on") {
    TempDir dir;
    const std::string big(300, 'x');
    const std::string content = "{\"id\":\"K-1\",\"events\":[]}\n"
                                "{\"id\":\"K-2\",\"note\":\"" + big + "\",\"events\":[]}\n"
                                "{\"id\":\"K-3\",\"events\":[]}\n"
                                "{\"id\":\"K-4\",\"note\":\"" + big + "\",\"events\":[]}";
    const std::string path = dir.write("long.ndjson", content);
    ReadLimits limits;
    limits.max_line_bytes = 100;
    auto r = read_all(path, Schema(), limits);
    CHECK(r.ids == Strings{"K-1", "K-3"});
    CHECK(r.lines == std::vector<uint64_t>{1, 3});
    CHECK(r.messages == Strings{":2: fel AK0717: raden är längre än 100 byte", ":4: fel AK0717: raden är längre än 100 byte"});
    CHECK(r.stats.lines == 4);
    CHECK(r.stats.rejected == 2);
    auto en = read_all(path, Schema(), limits, nullptr, Lang::En);
    CHECK(en.messages.front() == ":2: error AK0717: the line is longer than 100 bytes");

    // A line of exactly the limit is read.
    limits.max_line_bytes = std::string("{\"id\":\"K-1\",\"events\":[]}").size();
    CHECK(read_all(path, Schema(), limits).ids == Strings{"K-1", "K-3"});
}

TEST_CASE("reader file: block boundaries keep lines whole and numbered") {
    TempDir dir;
    std::string content;
    for (int i = 1; i <= 200; ++i) {
        if (i % 17 == 0) content += "\n";
        if (i % 23 == 0) {
            content += "{\"id\":\"L-" + std::to_string(i) + "\",\"pad\":\"" + std::string(90, 'y') + "\",\"events\":[]}\n";
            continue;
        }
        content += "{\"id\":\"K-" + std::to_string(i) + "\",\"events\":[{\"type\":\"t\",\"date\":\"2023-01-01\"}]}\n";
    }
    const std::string path = dir.write("many.ndjson", content);
    for (auto [block, access] : block_and_access({1u, 7u, 64u, 100u, 1000u, 1u << 20})) {
        CAPTURE(block, access == FileAccess::Map);
        ReadLimits limits;
        limits.max_line_bytes = 80;
        BlockReader blocks(path, limits, block, access);
        REQUIRE(blocks.ok());
        LineBlock b;
        uint64_t line = 1;
        size_t good = 0;
        std::vector<uint64_t> long_lines;
        while (blocks.next(b)) {
            REQUIRE(b.first_line == line);
            REQUIRE(b.size > 0);
            REQUIRE(b.capacity >= b.size + simdjson::SIMDJSON_PADDING);
            REQUIRE(b.data[b.size - 1] == '\n');
            for (const auto& e : b.oversized) long_lines.push_back(e.line);
            const std::string_view lines(b.data, b.size);
            size_t start = 0;
            while (start < b.size) {
                const size_t nl = lines.find('\n', start);
                const std::string_view text(b.data + start, nl - start);
                if (!text.empty()) {
                    REQUIRE(text.front() == '{');
                    REQUIRE(text.back() == '}');
                    ++good;
                }
                start = nl + 1;
                ++line;
            }
            blocks.release(b.map_end);  // done with it: the next blocks read on regardless
        }
        CHECK(line - 1 == 200 + 200 / 17);
        CHECK(good == 200 - 200 / 23);
        CHECK(long_lines.size() == 200 / 23);
    }
}

TEST_CASE("reader file: blocks hash every byte of the file, byte order mark and overlong lines included") {
    TempDir dir;
    std::string content = "\xEF\xBB\xBF{\"id\":\"A\",\"events\":[]}\r\n";
    content += "{\"id\":\"B\",\"pad\":\"" + std::string(300, 'z') + "\",\"events\":[]}\n";
    for (int i = 0; i < 50; ++i) content += "{\"id\":\"C" + std::to_string(i) + "\",\"events\":[]}\n";
    content += "{\"id\":\"D\",\"pad\":\"" + std::string(300, 'z') + "\",\"events\":[]}";  // overlong, no newline
    const std::string path = dir.write("hashed.ndjson", content);
    const std::string expected = sha256_file(path);
    REQUIRE(expected.size() == 64);
    for (auto [block, access] : block_and_access({1u, 16u, 100u, 1u << 20})) {
        ReadLimits limits;
        limits.max_line_bytes = 200;
        BlockReader blocks(path, limits, block, access);
        blocks.hash_input();
        LineBlock b;
        uint64_t lines = 0;
        std::vector<uint64_t> long_lines;
        while (blocks.next(b)) {
            lines += static_cast<uint64_t>(std::count(b.data, b.data + b.size, '\n'));
            for (const auto& e : b.oversized) long_lines.push_back(e.line);
        }
        CAPTURE(block, access == FileAccess::Map);
        CHECK(lines == 53);
        CHECK(long_lines == std::vector<uint64_t>{2, 53});
        CHECK(blocks.sha256() == expected);
    }
    // Not read to the end: no digest.
    BlockReader partial(path, {}, 16);
    partial.hash_input();
    LineBlock b;
    REQUIRE(partial.next(b));
    CHECK(partial.sha256().empty());
}

TEST_CASE("reader file: cannot open") {
    auto r = read_all("/nonexistent/aktkoll/x.ndjson");
    CHECK(r.messages == Strings{": fel AK0701: kan inte öppna eller läsa filen"});
    CHECK(r.stats.rejected == 1);  // every entry of the rejected list counts
    CHECK(r.stats.lines == 0);     // but it is not a record
    TempDir dir;
    const std::string path = dir.write("x", "");
    const std::string folder = fs::path(path).parent_path().string();
    CHECK(read_all(folder).messages == Strings{": fel AK0701: kan inte öppna eller läsa filen"});
    CHECK(read_all(path).messages.empty());  // an empty file is fine
}

TEST_CASE("reader file: detect_form") {
    TempDir dir;
    CHECK(detect_form(dir.write("a.json", "\xEF\xBB\xBF \n{ \"format\" : \"case-export/1\", \"cases\": []}")) ==
          ExportForm::Document);
    CHECK(detect_form(dir.write("b.json", "{\"id\":\"K\",\"events\":[]}\n")) == ExportForm::Ndjson);
    CHECK(detect_form(dir.write("c.json", "")) == ExportForm::Ndjson);
    CHECK(detect_form(dir.write("d.json", "{\"formats\":1}")) == ExportForm::Ndjson);
}

TEST_CASE("reader file: the document form, with line numbers") {
    TempDir dir;
    const std::string path = dir.write("doc.json",
                                       "{\n"                                                        // 1
                                       "  \"format\": \"case-export/1\",\n"                         // 2
                                       "  \"cases\": [\n"                                           // 3
                                       "    {\"id\": \"D-1\", \"events\": []},\n"                   // 4
                                       "    {\n"                                                    // 5
                                       "      \"id\": \"D-2\",\n"                                   // 6
                                       "      \"events\": [{\"type\": \"x\", \"date\": \"2023-02-30\"}]\n"  // 7
                                       "    },\n"                                                   // 8
                                       "    \"not a case\",\n"                                      // 9
                                       "    {\"id\": \"D-1\", \"events\": []},\n"                   // 10
                                       "\n"                                                         // 11
                                       "    {\"id\": \"D-3\", \"unit\": \"Norr\",\n"                // 12
                                       "     \"events\": [{\"type\": \"x\", \"date\": \"2023-02-28\"}]}\n"  // 13
                                       "  ]\n"
                                       "}\n");
    REQUIRE(detect_form(path) == ExportForm::Document);
    auto r = read_all(path);
    CHECK(r.ids == Strings{"D-1", "D-3"});
    CHECK(r.lines == std::vector<uint64_t>{4, 12});
    CHECK(r.messages == Strings{":5: fel AK0713: fall D-2: ogiltigt datum i 'date' (händelse 1)", ":9: fel AK0703: posten är inte ett JSON-objekt",
                                ":10: fel AK0707: fall D-1: samma 'id' förekommer redan på rad 4"});
    CHECK(r.stats.lines == 5);
    CHECK(r.stats.cases == 2);
    CHECK(r.stats.events == 1);
    CHECK(r.stats.rejected == 3);
}

TEST_CASE("reader file: the shipped example document reads cleanly") {
    const std::string path = std::string(AKTKOLL_SOURCE_DIR) + "/cases/exempel-dokument.json";
    auto r = read_all(path);
    CHECK(r.messages.empty());
    CHECK(r.ids.size() >= 3);
    CHECK(r.ids.size() <= 5);
    CHECK(r.lines.front() == 4);
}

TEST_CASE("reader file: bad documents") {
    TempDir dir;
    CHECK(read_all(dir.write("a.json", "{\"format\": \"case-export/2\", \"cases\": []}")).messages ==
          Strings{": fel AK0704: inte en case-export/1: väntade {\"format\": \"case-export/1\", \"cases\": [...]}"});
    CHECK(read_all(dir.write("b.json", "{\"format\": \"case-export/1\"}")).messages ==
          Strings{": fel AK0704: inte en case-export/1: väntade {\"format\": \"case-export/1\", \"cases\": [...]}"});
    CHECK(read_all(dir.write("c.json", "{\"format\": \"case-export/1\", \"cases\": [\xff]}")).messages ==
          Strings{": fel AK0702: ogiltig JSON (ogiltig UTF-8)"});
    // A structural error stops the file at the case where it happens.
    auto r = read_all(dir.write("d.json", "{\"format\": \"case-export/1\", \"cases\": [\n"
                                          "{\"id\": \"D-1\", \"events\": []},\n"
                                          "{\"id\": \"D-2\", \"events\": [}\n"
                                          "]}\n"));
    CHECK(r.ids == Strings{"D-1"});
    CHECK(r.messages == Strings{":3: fel AK0702: ogiltig JSON", ":4: fel AK0702: ogiltig JSON; resten av dokumentet kan inte läsas"});
    CHECK(r.stats.rejected == 2);
    CHECK(r.stats.lines == 2);
    ReadLimits limits;
    limits.max_document_bytes = 10;
    CHECK(read_all(dir.write("e.json", "{\"format\": \"case-export/1\", \"cases\": []}"), Schema(), limits).messages ==
          Strings{": fel AK0717: filen är större än 10 byte"});
}

TEST_CASE("reader file: the shipped bad-records example") {
    const std::string path = std::string(AKTKOLL_SOURCE_DIR) + "/cases/bad-records.ndjson";
    auto r = read_all(path);
    CHECK(r.stats.rejected >= 15);
    CHECK(r.stats.cases >= 3);
    CHECK(r.messages.size() == r.stats.rejected);
}

TEST_CASE("reader file: a mapped file's blocks are views, given back once released, and read the same as copies") {
    TempDir dir;
    std::string content;
    for (int i = 0; i < 3000; ++i) content += "{\"id\":\"K" + std::to_string(i) + "\",\"events\":[]}\n";
    const std::string path = dir.write("mapped.ndjson", content);
    std::string mapped, read;
    size_t views = 0;
    for (FileAccess access : {FileAccess::Map, FileAccess::Read}) {
        BlockReader blocks(path, {}, 4096, access);
        LineBlock b;
        while (blocks.next(b)) {
            (access == FileAccess::Map ? mapped : read).append(b.data, b.size);
            if (access == FileAccess::Map && b.data != b.bytes.data()) ++views;
            blocks.release(b.map_end);
        }
    }
    CHECK(mapped == content);
    CHECK(read == content);
    CHECK(views > 10);  // all but the last block, which the padding would run past
}
