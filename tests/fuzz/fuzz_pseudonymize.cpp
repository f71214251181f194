// libFuzzer target: bytes as a raw export -> aktkoll pseudonymize. Checks
// that every record is written or rejected, that every line written is one
// JSON object with a pseudonymous "id", and that no personnummer survives
// anywhere in the output.
// Built and run by tests/fuzz/run.sh (clang++-14), not by CMake.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "engine/personnummer.hpp"
#include "engine/pseudonymize.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

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
        fs::path d = fs::temp_directory_path() / ("aktkoll-fuzz-pseudo-" + std::to_string(::getpid()));
        fs::create_directories(d);
        remove_at_exit(d);
        return d;
    }();
    return dir;
}

bool has_personnummer(const std::string& text) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (size_t i = 0; i < text.size(); ++i) {
        if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) continue;
        for (size_t len = 10; len <= 13 && i + len <= text.size(); ++len)
            if ((i + len == text.size() || !digit(text[i + len])) &&
                looks_like_personnummer(std::string_view(text).substr(i, len)))
                return true;
    }
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const pseudo::Key key(std::vector<unsigned char>(32, 0x5a));
    pseudo::Options options;
    options.birth_date_field = "personnummer";
    options.drop = {"namn"};
    options.today = date_from_civil(2026, 1, 15);
    options.limits.max_line_bytes = 4096;
    options.limits.max_depth = 8;
    options.limits.max_events = 16;
    options.limits.max_document_bytes = 1u << 16;

    const std::string path = (work_dir() / "raw.ndjson").string();
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    std::ostringstream out;
    const pseudo::Summary s = pseudo::pseudonymize(path, key, options, out);
    bool file_level = false;
    for (const auto& e : s.errors) {
        file_level = file_level || e.line == 0 || e.kind == pseudo::ErrorKind::DocumentStops;
        volatile size_t n = pseudo::describe(e, path, Lang::Sv).size();
        (void)n;
    }
    if (!file_level && s.lines != s.written + s.rejected) __builtin_trap();
    const std::string text = out.str();
    if (has_personnummer(text)) __builtin_trap();
    std::istringstream lines(text);
    std::string line;
    uint64_t n = 0;
    while (std::getline(lines, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string() ||
            j["id"].get<std::string>().rfind("P-", 0) != 0)
            __builtin_trap();
        ++n;
    }
    if (n != s.written) __builtin_trap();
    return 0;
}
