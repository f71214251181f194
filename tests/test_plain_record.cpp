// The plain-shape reader against the general one: it may decline any record,
// but what it accepts the general reader must read without error into the
// same Case. Records it declines still read (or fail) exactly as before,
// because RecordParser hands them to the general reader.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "input/plain_record.hpp"
#include "input/reader.hpp"
#include "input/string_scan.hpp"
#include "tests/case_equal.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

Schema typed_schema() {
    Schema s;
    s.add_case_attr({"born", AttrType::Integer, {}});
    s.add_case_attr({"children_under_18", AttrType::Boolean, {}});
    s.add_case_attr({"unit", AttrType::String, {}});
    s.add_case_attr({"insatser", AttrType::StringList, {}});
    s.add_case_attr({"startdatum", AttrType::Date, {}});
    s.add_event_type({"aktualisering", {{"source", AttrType::Enum, {"ansökan", "anmälan", "övrigt"}}}});
    s.add_event_type({"beslut",
                      {{"utfall", AttrType::Enum, {"bifall", "avslag"}},
                       {"insats", AttrType::String, {}},
                       {"antal", AttrType::Integer, {}},
                       {"dag", AttrType::Date, {}}}});
    s.add_event_type({"uppföljning", {}});
    return s;
}

std::string padded(const std::string& json) { return json + std::string(simdjson::SIMDJSON_PADDING, '\0'); }

// Whether the plain reader alone accepts the record.
bool plain_accepts(const Schema& schema, const std::string& json, ReadLimits limits = {}) {
    const SchemaNames names(schema);
    const PlainRecordReader plain(schema, names, limits, true);
    Case c;
    c.reset(schema);
    const std::string data = padded(json);
    return plain.read(data.data(), json.size(), c);
}

struct Outcome {
    std::optional<ReadError> error;
    Case c;
};

Outcome parse(const Schema& schema, const std::string& json, RecordPaths paths, ReadLimits limits = {}) {
    RecordParser parser(schema, limits, paths);
    Outcome o;
    const std::string data = padded(json);
    o.error = parser.parse(data.data(), json.size(), data.size(), 3, o.c);
    return o;
}

// Both ways of reading agree: the same error (kind, field, event, message) or the same Case.
void require_same_reading(const Schema& schema, const std::string& json, ReadLimits limits = {}) {
    INFO(json);
    const Outcome fast = parse(schema, json, RecordPaths::PlainFirst, limits);
    const Outcome general = parse(schema, json, RecordPaths::GeneralOnly, limits);
    REQUIRE(fast.error.has_value() == general.error.has_value());
    if (fast.error) {
        CHECK(fast.error->kind == general.error->kind);
        CHECK(describe(*fast.error, Lang::En) == describe(*general.error, Lang::En));
    } else {
        CHECK(testing::same_case(fast.c, general.c));
    }
}

const std::string kPlain =
    R"({"id":"A-1","unit":"Nord","born":1980,"children_under_18":true,"startdatum":"2025-01-02","events":[)"
    R"({"type":"aktualisering","date":"2025-01-03","source":"anmälan"},)"
    R"({"type":"beslut","date":"2025-02-01","utfall":"bifall","insats":"öppenvård","antal":-3,"dag":"2025-02-02"},)"
    R"({"type":"okänd_typ","date":"2025-01-01","vad":"som helst","n":7,"b":false,"x":null},)"
    R"({"type":"uppföljning","date":"2025-01-03"}]})";

}  // namespace

TEST_CASE("plain reader: an ordinary record is read on the fast path, as the general reader reads it") {
    const Schema s = typed_schema();
    CHECK(plain_accepts(s, kPlain));
    require_same_reading(s, kPlain);
    const Outcome o = parse(s, kPlain, RecordPaths::PlainFirst);
    REQUIRE_FALSE(o.error);
    CHECK(o.c.id == "A-1");
    CHECK(o.c.events.size() == 4);
    CHECK(o.c.undeclared_events == 1);
    CHECK(o.c.attrs[0].num == 1980);
    CHECK(o.c.attrs[2].str() == "Nord");
}

TEST_CASE("plain reader: whitespace, nulls, empty events, attributes in any order and undeclared ones are plain") {
    const Schema s = typed_schema();
    for (const std::string& json : {
             std::string(" {\t\"events\" : [ ] , \"id\" : \"B\" }\r"),
             std::string(R"({"born":null,"unit":null,"insatser":null,"id":"B","events":[],"extra":true,"n":0})"),
             std::string(R"({"id":"B","events":[{"type":"beslut","antal":0,"date":"2024-02-29","utfall":"avslag"}]})"),
             std::string(R"({"id":"B","born":123456789012345678,"events":[{"type":"uppföljning","date":"2024-01-01"}]})"),
             std::string(R"({"id":"ett längre id med åäö","events":[{"type":"uppföljning","date":"2024-01-01","k":""}]})"),
         }) {
        INFO(json);
        CHECK(plain_accepts(s, json));
        require_same_reading(s, json);
    }
}

TEST_CASE("plain reader: declines every record outside the plain shape, which the general reader then reads") {
    const Schema s = typed_schema();
    for (const std::string& json : {
             // Read fine by the general reader, but not plain.
             std::string(R"({"id":"A\u002d1","events":[]})"),
             std::string(R"({"id":"A","unit":"N\"ord","events":[]})"),
             std::string(R"({"id":"A","events":[{"date":"2025-01-01","type":"uppföljning"}]})"),
             std::string(R"({"id":"A","x":1.5,"events":[]})"),
             std::string(R"({"id":"A","x":1e3,"events":[]})"),
             std::string(R"({"id":"A","x":-0,"events":[]})"),
             std::string(R"({"id":"A","x":1234567890123456789,"events":[]})"),
             std::string(R"({"id":"A","x":{"y":1},"events":[]})"),
             std::string(R"({"id":"A","insatser":["a","b"],"events":[]})"),
             std::string(R"({"id":"A","x":[],"events":[]})"),
             // Errors, named by the general reader.
             std::string(R"({"id":"A","x":01,"events":[]})"),
             std::string(R"({"id":"A","x":truex,"events":[]})"),
             std::string(R"({"id":"A","x":nul,"events":[]})"),
             std::string(R"({"id":"A","x":-,"events":[]})"),
             std::string("{\"id\":\"A\",\"unit\":\"tab\there\",\"events\":[]}"),
             std::string("{\"id\":\"A\",\"unit\":\"\xff\",\"events\":[]}"),
             std::string("{\"id\":\"A\",\"unit\":\"\xc3\",\"events\":[]}"),
             std::string(R"({"id":"A","events":[]} x)"),
             std::string(R"({"id":"A","events":[]}})"),
             std::string(R"({"id":"A","events":[],})"),
             std::string(R"({"id":"A","events":[}])"),
             std::string(R"({"id":"A","unit":"ett mycket långt oavslutat värde)"),
             std::string(R"({"id":"A","unit":"ab)"),
             std::string(R"({"id":"A","id":"B","events":[]})"),
             std::string(R"({"id":"A","events":[],"events":[]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning","type":"uppföljning","date":"2025-01-01"}]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning","date":"2025-01-01","date":"2025-01-02"}]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning"}]})"),
             std::string(R"({"id":"A","events":[{"type":"","date":"2025-01-01"}]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning","date":"2025-02-30"}]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning","date":20250101}]})"),
             std::string(R"({"id":"A","events":[{"type":"beslut","date":"2025-01-01","utfall":"kanske"}]})"),
             std::string(R"({"id":"A","events":[{"type":"beslut","date":"2025-01-01","antal":"3"}]})"),
             std::string(R"({"id":"A","events":[{"type":"beslut","date":"2025-01-01","dag":"igår"}]})"),
             std::string(R"({"id":"A","born":true,"events":[]})"),
             std::string(R"({"id":"A","children_under_18":1,"events":[]})"),
             std::string(R"({"id":"A","events":{}})"),
             std::string(R"({"id":"A","events":[1]})"),
             std::string(R"({"id":"","events":[]})"),
             std::string(R"({"id":5,"events":[]})"),
             std::string(R"({"events":[]})"),
             std::string(R"({"id":"A"})"),
             std::string(R"({})"),
             std::string(R"([])"),
             std::string(""),
             // A personnummer anywhere is an error, never read past.
             std::string(R"({"id":"19121212-1212","events":[]})"),
             std::string(R"({"id":"A","note":"121212-1212","events":[]})"),
             std::string(R"({"id":"A","note":1212121212,"events":[]})"),
             std::string(R"({"id":"A","events":[{"type":"121212-1212","date":"2025-01-01"}]})"),
             std::string(R"({"id":"A","events":[{"type":"uppföljning","date":"121212-1212"}]})"),
             std::string(R"({"id":"A","events":[{"type":"beslut","date":"2025-01-01","insats":"191212121212"}]})"),
         }) {
        INFO(json);
        CHECK_FALSE(plain_accepts(s, json));
        require_same_reading(s, json);
    }
}

TEST_CASE("plain reader: the limits hold on the fast path too") {
    const Schema s = typed_schema();
    ReadLimits limits;
    limits.max_events = 2;
    const std::string one = R"({"type":"uppföljning","date":"2025-01-01"})";
    const std::string two = R"({"id":"A","events":[)" + one + "," + one + "]}";
    const std::string three = R"({"id":"A","events":[)" + one + "," + one + "," + one + "]}";
    CHECK(plain_accepts(s, two, limits));
    CHECK_FALSE(plain_accepts(s, three, limits));
    require_same_reading(s, three, limits);
    CHECK(parse(s, three, RecordPaths::PlainFirst, limits).error->kind == ReadErrorKind::TooManyEvents);

    // Below the depth of an event's values, only the general reader reads.
    ReadLimits shallow;
    shallow.max_depth = 3;
    CHECK_FALSE(plain_accepts(s, kPlain, shallow));
    require_same_reading(s, kPlain, shallow);
}

TEST_CASE("plain reader: a string's end is found at every position within the eight-byte steps") {
    const Schema s = typed_schema();
    for (size_t n = 0; n <= 24; ++n) {
        const std::string unit(n, 'x');
        const std::string json = R"({"id":"A","unit":")" + unit + R"(","events":[]})";
        CHECK(plain_accepts(s, json));
        require_same_reading(s, json);
        // Cut short inside the string: nothing past the end is taken for its quote.
        const std::string cut = R"({"id":"A","unit":")" + unit;
        std::string data = cut + "\"}" + std::string(simdjson::SIMDJSON_PADDING, '\0');
        const SchemaNames names(s);
        const PlainRecordReader plain(s, names, {}, true);
        Case c;
        c.reset(s);
        CHECK_FALSE(plain.read(data.data(), cut.size(), c));
    }
}

TEST_CASE("plain reader: the bundled exports and the shipped packs' test files read the same both ways") {
    const fs::path root = AKTKOLL_SOURCE_DIR;
    const Schema s = typed_schema();
    size_t lines = 0;
    for (const fs::path& dir : {root / "cases", root / "rules" / "missbruk" / "tests", root / "tests" / "data"}) {
        if (!fs::exists(dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() != ".ndjson") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::string line;
            while (std::getline(in, line)) {
                ++lines;
                require_same_reading(s, line);
            }
        }
    }
    CHECK(lines > 100);

    // The example export is an ordinary one: every record is plain.
    std::ifstream in(root / "cases" / "exempel.ndjson", std::ios::binary);
    std::string line;
    size_t records = 0;
    while (std::getline(in, line)) {
        ++records;
        INFO(line);
        CHECK(plain_accepts(s, line));
    }
    CHECK(records == 36);
}

TEST_CASE("plain reader: the word and vector scans find the same first stop") {
    // Every position of each stop byte, with bytes on both sides of 0x20 and high bytes around it.
    const std::string fillers = std::string("a ~\x7f\x80\xc3\xff!", 8);
    for (const char stop : {'"', '\\', '\0', '\x01', '\x1f', '\n'}) {
        for (const char filler : fillers) {
            for (size_t at = 0; at <= 16; ++at) {
                std::string bytes(32, filler);
                if (at < 16) bytes[at] = stop;
                CAPTURE(static_cast<int>(stop), static_cast<int>(static_cast<unsigned char>(filler)), at);
                const scan::Stop word = scan::stop_in_word(bytes.data());
                const scan::Stop second = word.offset == 8 ? scan::stop_in_word(bytes.data() + 8) : word;
                const uint32_t found = word.offset == 8 ? 8 + second.offset : word.offset;
                CHECK(found == std::min<size_t>(at, 16));
                CHECK(second.quote == (at < 16 && stop == '"'));
#ifdef __SSE2__
                const scan::Stop vector = scan::stop_in_vector(bytes.data());
                CHECK(vector.offset == std::min<size_t>(at, 16));
                CHECK(vector.quote == (at < 16 && stop == '"'));
#endif
            }
        }
    }
}

TEST_CASE("plain reader: digits are counted 16 bytes at a time as one by one") {
    // Digits, full-width lead bytes, neighbours of both ('/' ':' 0xEE 0xF0), high and low bytes, at every length.
    const std::string alphabet = std::string("0123456789/:\xef\xee\xf0\x80\x7f a-", 20);
    uint32_t seed = 7;
    for (size_t length = 0; length <= 40; ++length) {
        for (int round = 0; round < 50; ++round) {
            std::string bytes(length + 16, '5');  // padding of digits, which must not be counted
            size_t expected = 0;
            for (size_t i = 0; i < length; ++i) {
                seed = seed * 1103515245u + 12345u;
                bytes[i] = alphabet[(seed >> 16) % alphabet.size()];
                const auto u = static_cast<unsigned char>(bytes[i]);
                expected += (u >= '0' && u <= '9') || u == 0xEF;
            }
            CAPTURE(length, bytes.substr(0, length));
            CHECK(scan::digit_like_bytes(bytes.data(), length) == expected);
        }
    }
}
