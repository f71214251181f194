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

#include "core/personnummer.hpp"
#include "intake/pseudonymize.hpp"
#include "tests/fuzz/scratch.hpp"
#include "tests/personnummer_scan.hpp"

using namespace aktkoll;
using aktkoll::testing::has_personnummer;

namespace {

bool holds_personnummer(const nlohmann::json& v) {
    if (v.is_string()) return has_personnummer(v.get_ref<const std::string&>());
    if (v.is_number_integer()) return aktkoll::integer_looks_like_personnummer(v.get<int64_t>());
    if (v.is_array())
        return std::any_of(v.begin(), v.end(), [](const nlohmann::json& item) { return holds_personnummer(item); });
    if (v.is_object())
        for (const auto& [k, item] : v.items())
            if (has_personnummer(k) || holds_personnummer(item)) return true;
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

    const std::string path = (fuzz::work_dir("pseudo") / "raw.ndjson").string();
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
    std::istringstream lines(text);
    std::string line;
    uint64_t n = 0;
    while (std::getline(lines, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("id") || !j["id"].is_string() ||
            j["id"].get<std::string>().rfind("P-", 0) != 0)
            __builtin_trap();
        // No personnummer left in any value or key, as read back (JSON escapes
        // such as \u0012 put digits into the text that are not in the values).
        if (holds_personnummer(j)) __builtin_trap();
        ++n;
    }
    if (n != s.written) __builtin_trap();
    return 0;
}
