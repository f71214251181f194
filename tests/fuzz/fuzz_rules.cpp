// libFuzzer target: rule text -> dsl::parse -> (when it parses) the checker,
// through a temporary .akt file read by dsl::load_pack, and every diagnostic
// rendered with its source line and caret. Also formats what parses, and
// traps when a file nested deeper than the parser's limit parses at all.
// Built and run by tests/fuzz/run.sh (clang++-14), not by CMake.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "dsl/checker.hpp"
#include "dsl/format.hpp"
#include "dsl/parser.hpp"
#include "tests/fuzz/scratch.hpp"

using namespace aktkoll;

namespace {

// Deepest nesting of parentheses outside strings and comments. Every '(' in
// the language opens an expression, so a file deeper than kMaxNesting must not
// parse: the depth guard is checked here without waiting for the stack to
// overflow (which takes thousands of levels).
size_t paren_depth(const std::string& text) {
    size_t depth = 0, deepest = 0;
    bool in_string = false, in_comment = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_comment) {
            in_comment = c != '\n';
        } else if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '#') {
            in_comment = true;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '(') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ')' && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

void render_all(const dsl::Diagnostics& diags, const dsl::SourceMap& sources) {
    for (const auto& d : diags.items) {
        volatile size_t n = dsl::render(d, sources, Lang::En).size();
        (void)n;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const std::string path = (fuzz::work_dir("rules") / "fuzz.akt").string();
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    sources.add(path, text);
    auto file = dsl::parse(path, text, diags, Lang::Sv);
    render_all(diags, sources);
    if (!file) return 0;
    if (paren_depth(text) > dsl::kMaxNesting) __builtin_trap();  // the depth guard let it through

    dsl::Diagnostics format_diags;
    if (dsl::check_formattable(*file, text, format_diags, Lang::Sv)) {
        volatile size_t n = dsl::format(*file, text).size();
        (void)n;
    }

    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
    }
    dsl::Diagnostics check_diags;
    dsl::SourceMap check_sources;
    auto pack = dsl::load_pack({path}, {}, check_diags, check_sources, Lang::En);
    render_all(check_diags, check_sources);
    return 0;
}
