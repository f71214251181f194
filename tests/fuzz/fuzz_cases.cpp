// libFuzzer target: bytes -> the case reader. (a) RecordParser::parse on the
// whole input as one record, against the shipped pack's vocabulary (typed
// attributes, enumerations); (b) CaseReader over the input as an export file
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
#include "engine/reader.hpp"

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

// The scratch folder goes when the fuzzer exits normally (a plain buffer:
// the handler runs after static objects are destroyed).
char g_scratch[4096];
void remove_at_exit(const fs::path& dir) {
    const std::string s = dir.string();
    if (s.size() >= sizeof g_scratch) return;
    std::copy(s.begin(), s.end(), g_scratch);
    g_scratch[s.size()] = '\0';
    std::atexit([] {
        std::error_code ec;
        fs::remove_all(g_scratch, ec);
    });
}

const fs::path& work_dir() {
    static const fs::path dir = [] {
        fs::path d = fs::temp_directory_path() / ("aktkoll-fuzz-cases-" + std::to_string(::getpid()));
        fs::create_directories(d);
        remove_at_exit(d);
        return d;
    }();
    return dir;
}

void describe_both(const ReadError& e) {
    volatile size_t n = describe(e, Lang::Sv).size() + describe(e, Lang::En).size();
    (void)n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static RecordParser parser(schema(), limits());  // reused, as the pipeline's workers do
    std::string padded(reinterpret_cast<const char*>(data), size);
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    {
        Case c;
        if (auto e = parser.parse(padded.data(), size, padded.size(), 1, c)) describe_both(*e);
    }

    const std::string path = (work_dir() / "export.ndjson").string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    DuplicateIds ids;
    CaseReader reader(path, schema(), ids, limits());
    Case c;
    std::vector<ReadError> errors;
    while (reader.next(c, errors)) {
    }
    bool file_level = false;
    for (const auto& e : errors) {
        describe_both(e);
        file_level = file_level || e.kind == ReadErrorKind::CannotOpen || e.kind == ReadErrorKind::NotCaseExport ||
                     (e.kind == ReadErrorKind::LineTooLong && e.line == 0) ||
                     (e.kind == ReadErrorKind::InvalidJson && detect_form(path) == ExportForm::Document);
    }
    // Nothing lost: every record read is a case or a rejection.
    const ReadStats& s = reader.stats();
    if (!file_level && s.cases + s.rejected != s.lines) __builtin_trap();
    return 0;
}
