#include <catch2/catch.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>
#include <unistd.h>

#include "core/personnummer.hpp"
#include "intake/pseudonymize.hpp"
#include "tests/personnummer_scan.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
using aktkoll::testing::has_personnummer;
using namespace aktkoll::pseudo;
namespace fs = std::filesystem;

namespace {

struct KeyDir : testing::TempDir {
    KeyDir() : testing::TempDir("pseudo") {}
    std::string write(const std::string& name, const std::string& content, mode_t mode = 0600) const {
        const std::string p = testing::TempDir::write(name, content);
        ::chmod(p.c_str(), mode);
        return p;
    }
};

Key test_key() {
    std::vector<unsigned char> bytes(32);
    for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<unsigned char>(i);
    return Key(std::move(bytes));
}

Options options() {
    Options o;
    o.today = date_from_civil(2026, 1, 15);
    return o;
}

struct Output {
    Summary summary;
    std::vector<nlohmann::ordered_json> records;
    std::string text;
};

Output run(const KeyDir& dir, const std::string& input, const Options& o, const std::string& name = "raw.ndjson") {
    const std::string path = dir.write(name, input);
    std::ostringstream out;
    Output result;
    result.summary = pseudonymize(path, test_key(), o, out);
    result.text = out.str();
    std::istringstream lines(result.text);
    std::string line;
    while (std::getline(lines, line)) result.records.push_back(nlohmann::ordered_json::parse(line));
    return result;
}


}  // namespace

TEST_CASE("pseudonym: prefix and base32 of the first 80 bits of HMAC-SHA-256", "[pseudonymize]") {
    const Key key = test_key();
    // Fixed vectors (Python: hmac.new(bytes(range(32)), b"K-0001", sha256)): a
    // change here breaks comparison with every earlier export.
    CHECK(pseudonym(key, "K-0001", "P-") == "P-MURVKLKUACQ4IS5P");
    CHECK(pseudonym(key, "1212121212", "P-") == "P-BMU3P56AV7G5SWHK");
    CHECK(pseudonym(key, "K-0001", "") == "MURVKLKUACQ4IS5P");
}

TEST_CASE("pseudonym: every spelling of one personnummer gets the same pseudonym", "[pseudonymize]") {
    const Key key = test_key();
    for (const char* spelling : {"19121212-1212", "191212121212", "121212-1212", "1212121212"})
        CHECK(pseudonym(key, spelling, "P-") == "P-BMU3P56AV7G5SWHK");
    CHECK(pseudonym(key, "121212-1213", "P-") != "P-BMU3P56AV7G5SWHK");  // not a personnummer: taken as is
}

TEST_CASE("pseudonym: another key gives other pseudonyms", "[pseudonymize]") {
    Key other(std::vector<unsigned char>(32, 7));
    CHECK(pseudonym(other, "K-0001", "P-") != pseudonym(test_key(), "K-0001", "P-"));
}

TEST_CASE("keys: too short, open to others, not a file, missing are refused", "[pseudonymize][key]") {
    KeyDir dir;
    const auto short_raw = dir.write("kort.key", std::string(31, 'q'));
    auto r = read_key(short_raw);
    REQUIRE_FALSE(r.key);
    CHECK(r.error.kind == KeyErrorKind::TooShort);
    CHECK(describe(r.error, short_raw, Lang::En) ==
          "the key file '" + short_raw + "' has 31 bytes of key material; at least 32 are needed (create one with --new-key)");
    const auto short_hex = dir.write("kort-hex.key", std::string(62, 'a') + "\n");
    r = read_key(short_hex);
    REQUIRE_FALSE(r.key);
    CHECK(r.error.bytes == 31);
    const auto open = dir.write("öppen.key", std::string(64, 'a'), 0644);
    r = read_key(open);
    REQUIRE_FALSE(r.key);
    CHECK(r.error.kind == KeyErrorKind::WorldAccessible);
    CHECK(describe(r.error, open, Lang::Sv) == "nyckelfilen '" + open +
                                                   "' kan läsas eller skrivas av alla; skydda den först med 'chmod 600 " +
                                                   open + "'");
    CHECK(read_key(dir.write("skrivbar.key", std::string(64, 'a'), 0602)).error.kind == KeyErrorKind::WorldAccessible);
    CHECK(read_key(dir.path("")).error.kind == KeyErrorKind::NotRegularFile);
    CHECK(read_key(dir.path("finns-inte.key")).error.kind == KeyErrorKind::CannotOpen);
    CHECK(read_key(dir.write("stor.key", std::string(kMaxKeyFileBytes + 1, 'x'))).error.kind == KeyErrorKind::TooLarge);
}

TEST_CASE("keys: hex is decoded, anything else is raw key material", "[pseudonymize][key]") {
    KeyDir dir;
    std::string hex;
    for (int i = 0; i < 32; ++i) hex += fmt::format("{:02x}", i);
    auto r = read_key(dir.write("hex.key", hex + "\n"));
    REQUIRE(r.key);
    CHECK(r.key->bytes() == test_key().bytes());
    r = read_key(dir.write("raw.key", "en lång lösenfras som är minst trettiotvå byte lång\n"));
    REQUIRE(r.key);
    CHECK(r.key->bytes().size() == std::string("en lång lösenfras som är minst trettiotvå byte lång\n").size());
}

TEST_CASE("keys: --new-key writes 32 random bytes as hex, mode 0600, never over an existing file", "[pseudonymize][key]") {
    KeyDir dir;
    const std::string path = dir.path("ny.key");
    const mode_t old_mask = ::umask(0);  // even a permissive umask gives 0600
    auto created = create_key(path);
    ::umask(old_mask);
    REQUIRE(created.key);
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(st.st_size == 65);
    auto read = read_key(path);
    REQUIRE(read.key);
    CHECK(read.key->bytes() == created.key->bytes());
    auto again = create_key(path);
    REQUIRE_FALSE(again.key);
    CHECK(again.error.kind == KeyErrorKind::Exists);
    CHECK(read_key(path).key->bytes() == created.key->bytes());  // untouched
    auto other = create_key(dir.path("annan.key"));
    REQUIRE(other.key);
    CHECK(other.key->bytes() != created.key->bytes());
}

TEST_CASE("pseudonymize: ids, dropped fields, birth year, personnummer anywhere", "[pseudonymize]") {
    KeyDir dir;
    Options o = options();
    o.drop = {"namn", "adress"};
    o.birth_date_field = "personnummer";
    const auto out = run(dir,
                         R"({"id":"19121212-1212","namn":"Anna","adress":"Gatan 1","personnummer":"191212121212","unit":"Nord","events":[)"
                         R"({"type":"beslut","date":"2023-02-12","handläggare_om":"1212121212","anteckning":"ringde om 121212-1212 idag"}]})"
                         "\n"
                         R"({"id":"K-2","personnummer":"121212+1212","events":[],"121212-1212":{"n":[191212121212,"x"]}})"
                         "\n",
                         o);
    CHECK(out.summary.lines == 2);
    CHECK(out.summary.written == 2);
    CHECK(out.summary.rejected == 0);
    CHECK(out.summary.replaced == 4);
    REQUIRE(out.records.size() == 2);
    const auto& a = out.records[0];
    CHECK(a.dump() ==
          R"({"id":"P-BMU3P56AV7G5SWHK","born":1912,"unit":"Nord","events":[{"type":"beslut","date":"2023-02-12",)"
          R"("handläggare_om":"P-BMU3P56AV7G5SWHK","anteckning":"ringde om P-BMU3P56AV7G5SWHK idag"}]})");
    const auto& b = out.records[1];
    CHECK(b["id"] == pseudonym(test_key(), "K-2", "P-"));
    CHECK(b["born"] == 1912);
    CHECK(b.contains(pseudonym(test_key(), "121212-1212", "P-")));
    CHECK_FALSE(has_personnummer(out.text));
    CHECK(out.text.find("Anna") == std::string::npos);
    CHECK(out.text.find("Gatan") == std::string::npos);
}

TEST_CASE("pseudonymize: --id-field renames to id; birth year from dates", "[pseudonymize]") {
    KeyDir dir;
    Options o = options();
    o.id_field = "pnr";
    o.birth_date_field = "född";
    const auto out = run(dir,
                         R"({"pnr":1212121212,"född":"1984-03-12","events":[]})"
                         "\n"
                         R"({"pnr":"K-9","född":null,"events":[]})"
                         "\n"
                         R"({"pnr":"K-10","events":[]})"
                         "\n",
                         o);
    REQUIRE(out.records.size() == 3);
    CHECK(out.records[0].dump() == R"({"id":"P-BMU3P56AV7G5SWHK","born":1984,"events":[]})");
    CHECK(out.records[1].dump() == R"({"id":")" + pseudonym(test_key(), "K-9", "P-") + R"(","born":null,"events":[]})");
    CHECK(out.records[2].dump() == R"({"id":")" + pseudonym(test_key(), "K-10", "P-") + R"(","events":[]})");
}

TEST_CASE("pseudonymize: bad records are rejected with line and field, never a value, and nothing of them is written",
          "[pseudonymize][privacy]") {
    KeyDir dir;
    Options o = options();
    o.birth_date_field = "född";
    o.limits.max_events = 3;
    o.limits.max_depth = 4;
    const std::string events4 = R"([{"type":"a","date":"2024-01-01"},{"type":"a","date":"2024-01-01"},)"
                                R"({"type":"a","date":"2024-01-01"},{"type":"a","date":"2024-01-01"}])";
    const auto out = run(dir,
                         R"({"id":"19121212-1212","events":[)"  // 1: invalid JSON
                         "\n"
                         R"({"namn":"19121212-1212","events":[]})"  // 2: no id
                         "\n\n"
                         R"({"id":"K-3","född":"19131212-12","events":[]})"  // 4: not a birth date (month 13)
                         "\n"
                         R"({"id":"K-4","x":[[[["121212-1212"]]]],"events":[]})"  // 5: too deep
                         "\n"
                         R"({"id":"K-5","events":)" + events4 + "}"  // 6: too many events
                         "\n"
                         R"(["19121212-1212"])"  // 7: not an object
                         "\n"
                         R"({"id":"","events":[]})"  // 8: empty id
                         "\n"
                         R"({"id":"K-9","född":"1984","born":1984,"events":[]})"  // 9: born twice
                         "\n"
                         R"({"id":"K-10","events":[]})"  // 10: good
                         "\n",
                         o);
    CHECK(out.summary.lines == 9);  // ten lines, one blank
    CHECK(out.summary.written == 1);
    CHECK(out.summary.rejected == 8);
    CHECK(out.summary.blank_lines == 1);
    CHECK_FALSE(has_personnummer(out.text));
    std::vector<std::string> messages;
    for (const auto& e : out.summary.errors) messages.push_back(describe(e, "raw.ndjson", Lang::Sv));
    CHECK(messages == std::vector<std::string>{
                          "raw.ndjson:1: ogiltig JSON; posten skrivs inte",
                          "raw.ndjson:2: saknar 'id'",
                          "raw.ndjson:4: 'född' är inte ett födelsedatum, födelseår eller personnummer; värdet visas inte",
                          "raw.ndjson:5: för djup nästling (mer än 4 nivåer)",
                          "raw.ndjson:6: fler än 3 händelser",
                          "raw.ndjson:7: posten är inte ett JSON-objekt",
                          "raw.ndjson:8: 'id' är inte en icke-tom sträng eller ett heltal",
                          "raw.ndjson:9: har redan 'born' fast --birth-date ska skriva det; ta bort det med --drop born",
                      });
    CHECK(describe(out.summary, Lang::En) == "9 records: 1 pseudonymized, 8 rejected; 0 personnummer outside the id replaced");
}

TEST_CASE("pseudonymize: a field name shaped like a personnummer is hidden in messages", "[pseudonymize][privacy]") {
    Error e{ErrorKind::BirthDateInvalid, 3, "pnr_19121212-1212", {}};
    CHECK(describe(e, "raw.ndjson", Lang::En) ==
          "raw.ndjson:3: '<hidden>' is not a birth date, birth year or personnummer; the value is not shown");
}

TEST_CASE("pseudonymize: the document form, with line numbers", "[pseudonymize]") {
    KeyDir dir;
    const auto out = run(dir,
                         "{\"format\": \"case-export/1\", \"cases\": [\n"
                         "  {\"id\": \"121212-1212\", \"events\": []},\n"
                         "  17,\n"
                         "  {\"id\": \"K-3\", \"events\": []}\n"
                         "]}\n",
                         options(), "raw.json");
    CHECK(out.summary.lines == 3);
    CHECK(out.summary.written == 2);
    REQUIRE(out.summary.errors.size() == 1);
    CHECK(describe(out.summary.errors[0], "raw.json", Lang::En) == "raw.json:3: the record is not a JSON object");
    REQUIRE(out.records.size() == 2);
    CHECK(out.records[0]["id"] == pseudonym(test_key(), "1212121212", "P-"));
}

TEST_CASE("pseudonymize: an overlong line is rejected and counted", "[pseudonymize]") {
    KeyDir dir;
    Options o = options();
    o.limits.max_line_bytes = 64;
    const auto out = run(dir, R"({"id":"K-1","x":")" + std::string(100, 'y') + "\"}\n{\"id\":\"K-2\",\"events\":[]}\n", o);
    CHECK(out.summary.lines == 2);
    CHECK(out.summary.written == 1);
    REQUIRE(out.summary.errors.size() == 1);
    CHECK(describe(out.summary.errors[0], "raw.ndjson", Lang::En) == "raw.ndjson:1: the line is longer than 64 bytes");
}

TEST_CASE("birth_year: dates, years and personnummer with their century", "[pseudonymize]") {
    const Date today = date_from_civil(2026, 1, 15);
    CHECK(birth_year("1984-03-12", today) == 1984);
    CHECK(birth_year("19840312", today) == 1984);
    CHECK(birth_year("1984", today) == 1984);
    CHECK(birth_year("19121212-1212", today) == 1912);
    CHECK(birth_year("121212-1212", today) == 2012);
    CHECK(birth_year("1212121212", today) == 2012);
    CHECK(birth_year("121212+1212", today) == 1912);   // '+': a hundred years or older
    CHECK(birth_year("121272-1219", today) == 2012);   // samordningsnummer: day + 60
    CHECK(birth_year("491231-0002", date_from_civil(2049, 12, 30)) == 1949);  // the birthday is still to come
    CHECK(birth_year("2027", today) == std::nullopt);  // in the future
    CHECK(birth_year("1984-02-30", today) == std::nullopt);
    CHECK(birth_year("okänd", today) == std::nullopt);
}

TEST_CASE("prefix: short, letters, digits, - and _ only", "[pseudonymize]") {
    CHECK(valid_prefix("P-"));
    CHECK(valid_prefix(""));
    CHECK(valid_prefix("Grums_2026-"));
    CHECK_FALSE(valid_prefix("P\""));
    CHECK_FALSE(valid_prefix(std::string(17, 'P')));
}
