// libFuzzer target: bytes -> the case reader. (a) RecordParser::parse on the
// whole input as one record, against the shipped pack's vocabulary (typed
// attributes, enumerations), with the plain-shape fast path and without it:
// both must give the same error or the same Case; (b) CaseReader over the input as an export file
// (NDJSON or the document form), checking that every record is accounted for.
// Every error is described in both languages.
// Built and run by tests/fuzz/run.sh (clang++-14), not by CMake.
#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "dsl/checker.hpp"
#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/reader.hpp"
#include "core/sha256.hpp"
#include "tests/case_equal.hpp"
#include "tests/fuzz/scratch.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

// The vocabulary of rules/missbruk (AKTKOLL_SOURCE_DIR is set by run.sh).
const Schema& schema() {
    static const Schema s = [] {
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        auto pack = dsl::load_pack({std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, {}, diags, sources, Lang::Sv);
        if (!pack) std::abort();
        return pack->schema;
    }();
    return s;
}

// Small limits, so that the fuzzer reaches them.
ReadLimits limits() {
    ReadLimits l;
    l.max_line_bytes = 4096;
    l.max_depth = 8;
    l.max_events = 16;
    l.max_document_bytes = 1u << 16;
    return l;
}

// Every line the block reader yields, joined, then the line numbers of the
// overlong ones; the input's SHA-256 into `digest` when asked.
std::string block_lines(const std::string& path, size_t block, FileAccess access, std::string* digest = nullptr) {
    BlockReader reader(path, limits(), block, access);
    if (digest) reader.hash_input();
    LineBlock b;
    std::string out, overlong;
    uint64_t line = 1;
    while (reader.next(b)) {
        if (b.first_line != line || b.size == 0 || b.data[b.size - 1] != '\n') __builtin_trap();
        if (b.capacity < b.size + simdjson::SIMDJSON_PADDING) __builtin_trap();
        line += static_cast<uint64_t>(std::count(b.data, b.data + b.size, '\n'));
        out.append(b.data, b.size);
        reader.release(b.map_end);
        for (const auto& e : b.oversized) overlong += "#" + std::to_string(e.line);
    }
    if (digest) *digest = reader.sha256();
    return out + overlong;
}

void describe_both(const ReadError& e) {
    volatile size_t n = describe(e, Lang::Sv).size() + describe(e, Lang::En).size();
    (void)n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static RecordParser parser(schema(), limits());  // reused, as the pipeline's workers do
    static RecordParser general(schema(), limits(), RecordPaths::GeneralOnly);
    std::string padded(reinterpret_cast<const char*>(data), size);
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    {
        Case c, g;
        const auto e = parser.parse(padded.data(), size, padded.size(), 1, c);
        const auto ge = general.parse(padded.data(), size, padded.size(), 1, g);
        if (e) describe_both(*e);
        if (e.has_value() != ge.has_value()) __builtin_trap();
        if (e && describe(*e, Lang::En) != describe(*ge, Lang::En)) __builtin_trap();
        if (!e && !testing::same_case(c, g)) __builtin_trap();
    }

    const std::string path = (fuzz::work_dir("cases") / "export.ndjson").string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    ReadLedger ledger;
    const CaseFile file = plain_case_file(path);
    CaseReader reader(file, schema(), ledger, limits());
    Case c;
    while (reader.next(c)) {
    }
    bool file_level = false;
    for (const auto& e : ledger.report().rejected) {
        describe_both(e);
        file_level = file_level || e.kind == ReadErrorKind::CannotOpen || e.kind == ReadErrorKind::NotCaseExport ||
                     (e.kind == ReadErrorKind::LineTooLong && e.line == 0) ||
                     (e.kind == ReadErrorKind::InvalidJson && detect_form(path) == ExportForm::Document);
    }
    // Nothing lost: every record read is a case or a rejection.
    const ReadStats& s = ledger.report().stats;
    if (!file_level && s.cases + s.rejected != s.lines) __builtin_trap();

    // (c) The block reader, mapping the file or reading it, at block sizes
    // that cut lines anywhere gives the same lines as one big block read,
    // and hashes exactly the file's bytes.
    const std::string whole = block_lines(path, 1u << 20, FileAccess::Read);
    const std::string sha = sha256_file(path);
    for (FileAccess access : {FileAccess::Map, FileAccess::Read}) {
        for (size_t block : {size_t{1}, size_t{7}, size_t{64}, size_t{1} << 20}) {
            std::string digest;
            if (block_lines(path, block, access, &digest) != whole) __builtin_trap();
            if (digest != sha) __builtin_trap();
        }
    }
    return 0;
}
