// Inputs that can be read only once (a pipe, a FIFO, process substitution):
// detect_form peeks at their start, and the reader that opens the same path
// next must still see every byte.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <thread>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/types.h>

#include "core/sha256.hpp"
#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/reader.hpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
using aktkoll::testing::TempDir;

namespace {

// A FIFO in `dir` that a thread fills with `content` once, when a reader opens it.
class Fifo {
public:
    Fifo(const TempDir& dir, std::string content) : path_(dir.path("in.fifo")) {
        REQUIRE(::mkfifo(path_.c_str(), 0600) == 0);
        writer_ = std::thread([this, content = std::move(content)] {
            std::ofstream(path_, std::ios::binary) << content;  // blocks until a reader opens it
        });
    }
    ~Fifo() {
        // A reader that never opened the FIFO would leave the writer blocked: open it once.
        const int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK);
        writer_.join();
        if (fd >= 0) ::close(fd);
    }
    const std::string& path() const { return path_; }

private:
    std::string path_;
    std::thread writer_;
};

std::string records(int n, int pad) {
    std::string s;
    for (int i = 1; i <= n; ++i)
        s += "{\"id\":\"K-" + std::to_string(i) + "\",\"x\":\"" + std::string(static_cast<size_t>(pad), 'y') +
             "\",\"events\":[]}\n";
    return s;
}

}  // namespace

TEST_CASE("pipes: every line of a FIFO reaches the reader after detect_form peeked at it") {
    TempDir dir;
    const std::string content = "\xEF\xBB\xBF" + records(300, 40);  // about 20 KiB, a byte order mark first
    Sha256 expected;
    expected.update(content.data(), content.size());
    Fifo fifo(dir, content);
    REQUIRE(detect_form(fifo.path()) == ExportForm::Ndjson);
    BlockReader blocks(fifo.path(), {}, 1000);
    REQUIRE(blocks.ok());
    blocks.hash_input();
    LineBlock b;
    std::string seen;
    while (blocks.next(b)) seen.append(b.data, b.size);
    CHECK(seen == content.substr(3));
    CHECK(blocks.lines_read() == 300);
    CHECK(blocks.sha256() == expected.hex());
}

TEST_CASE("pipes: the CaseReader counts every record of a FIFO") {
    TempDir dir;
    Fifo fifo(dir, records(200, 30));
    ReadLedger ledger;
    const Schema schema;
    const CaseFile file = plain_case_file(fifo.path());  // detect_form peeks here
    CaseReader reader(file, schema, ledger);
    Case c;
    uint64_t last_line = 0;
    while (reader.next(c)) last_line = c.line;
    CHECK(ledger.report().rejected.empty());
    CHECK(ledger.report().stats.cases == 200);
    CHECK(last_line == 200);
}

TEST_CASE("pipes: the document form from a FIFO is read whole") {
    TempDir dir;
    std::string doc = "{\"format\": \"case-export/1\", \"cases\": [\n";
    for (int i = 1; i <= 150; ++i)
        doc += std::string(i > 1 ? ",\n" : "") + "{\"id\":\"D-" + std::to_string(i) + "\",\"pad\":\"" +
               std::string(40, 'z') + "\",\"events\":[]}";
    doc += "\n]}\n";
    Fifo fifo(dir, doc);
    ReadLedger ledger;
    const Schema schema;
    const CaseFile file = plain_case_file(fifo.path());
    REQUIRE(file.form == ExportForm::Document);
    CaseReader reader(file, schema, ledger);
    Case c;
    while (reader.next(c)) {
    }
    CHECK(ledger.report().rejected.empty());
    CHECK(ledger.report().stats.cases == 150);
}

TEST_CASE("pipes: a document whose first value is longer than one peek is still found and read whole") {
    TempDir dir;
    const std::string doc = "{\"meta\": {\"note\": \"" + std::string(20000, 'n') +
                            "\"}, \"format\": \"case-export/1\", \"cases\": [{\"id\":\"D-1\",\"events\":[]}]}\n";
    Fifo fifo(dir, doc);
    ReadLedger ledger;
    const Schema schema;
    const CaseFile file = plain_case_file(fifo.path());  // reads past the first 4 KiB, keeps it all
    REQUIRE(file.form == ExportForm::Document);
    CaseReader reader(file, schema, ledger);
    Case c;
    REQUIRE(reader.next(c));
    CHECK(c.id == "D-1");
    CHECK_FALSE(reader.next(c));
    CHECK(ledger.report().rejected.empty());
}

TEST_CASE("truncated while mapped: no SIGBUS, and the file is reported as unreadable") {
    TempDir dir;
    const std::string content = records(20000, 40);  // about 1.3 MiB
    const std::string path = dir.write("shrinking.ndjson", content);
    BlockReader blocks(path, {}, 256u << 10, FileAccess::Map);
    REQUIRE(blocks.ok());
    REQUIRE(blocks.mapped_size() == content.size());
    blocks.hash_input();
    LineBlock first;
    REQUIRE(blocks.next(first));
    REQUIRE(first.data != first.bytes.data());  // a view of the map
    REQUIRE(::truncate(path.c_str(), 4096) == 0);
    // The block handed out before the file shrank: its bytes past the new end
    // are gone. Reading them must not end the process.
    size_t newlines = 0;
    for (size_t i = 0; i < first.size; ++i) newlines += first.data[i] == '\n';
    CHECK(newlines > 0);
    LineBlock b;
    while (blocks.next(b)) {
    }
    CHECK(blocks.failed());
    CHECK(blocks.sha256().empty());
}

TEST_CASE("truncated or appended to while read: the file is reported as unreadable, without a hash") {
    for (const bool shrink : {true, false}) {
        CAPTURE(shrink);
        TempDir dir;
        const std::string content = records(20000, 40);  // about 1.3 MiB
        const std::string path = dir.write("changing.ndjson", content);
        BlockReader blocks(path, {}, 256u << 10, FileAccess::Read);
        REQUIRE(blocks.ok());
        blocks.hash_input();
        LineBlock first;
        REQUIRE(blocks.next(first));
        if (shrink) {
            REQUIRE(::truncate(path.c_str(), 4096) == 0);
        } else {
            std::FILE* more = std::fopen(path.c_str(), "ab");
            REQUIRE(more);
            std::fputs("{\"id\":\"late\",\"events\":[]}\n", more);
            std::fclose(more);
        }
        LineBlock b;
        while (blocks.next(b)) {
        }
        CHECK(blocks.failed());
        CHECK(blocks.sha256().empty());
    }
}

TEST_CASE("a file read to its end unchanged has its hash") {
    TempDir dir;
    const std::string content = records(20000, 40);
    const std::string path = dir.write("steady.ndjson", content);
    for (FileAccess access : {FileAccess::Read, FileAccess::Map}) {
        BlockReader blocks(path, {}, 256u << 10, access);
        blocks.hash_input();
        LineBlock b;
        while (blocks.next(b)) {
        }
        CHECK_FALSE(blocks.failed());
        CHECK(blocks.sha256().size() == 64);
    }
}

TEST_CASE("truncated while read: the CaseReader reports the file") {
    TempDir dir;
    // About 12 MiB: more than one 8 MiB block, so that the end is read after the cut.
    const std::string path = dir.write("shrinking.ndjson", records(30000, 400));
    ReadLedger ledger;
    const Schema schema;
    const CaseFile file = plain_case_file(path);
    CaseReader reader(file, schema, ledger);
    Case c;
    REQUIRE(reader.next(c));
    REQUIRE(::truncate(path.c_str(), 10000) == 0);
    while (reader.next(c)) {
    }
    const auto& errors = ledger.report().rejected;
    REQUIRE_FALSE(errors.empty());
    CHECK(errors.back().kind == ReadErrorKind::CannotOpen);
    CHECK(errors.back().line == 0);
}
