// Compiler-style diagnostics for rule authors: file:line:col, the source
// line, a caret, a one-line message and an optional hint.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace aktkoll::dsl {

struct SourcePos {
    std::string file;
    uint32_t line = 0;    // 1-based
    uint32_t column = 0;  // 1-based, in characters (UTF-8 code points)
};

enum class Severity : uint8_t { Error, Warning, Note };

struct Diagnostic {
    const char* code = "";  // stable, e.g. AK0244; each is explained in docs/diagnostics.md
    Severity severity = Severity::Error;
    SourcePos pos;
    std::string message;  // already in the requested language
    std::string hint;     // e.g. "menade du 'vårdplan'?"; empty when none
    uint32_t length = 1;  // characters to underline
};

struct Diagnostics {
    std::vector<Diagnostic> items;

    void add(Diagnostic d) { items.push_back(std::move(d)); }
    bool has_errors() const;
    size_t error_count() const;
    size_t warning_count() const;
};

// Keeps source texts so diagnostics can show the offending line.
class SourceMap {
public:
    void add(std::string file, std::string text);
    // The text of a 1-based line without its newline; empty if unknown.
    std::string line(const std::string& file, uint32_t line) const;

private:
    std::vector<std::pair<std::string, std::string>> sources_;
};

// Renders a diagnostic as
//   file:line:col: fel AK0244: message
//      12 |   requires exists(vårdplam)
//         |                   ^~~~~~~~
//   hint: menade du 'vårdplan'?
std::string render(const Diagnostic& d, const SourceMap& sources, Lang lang, bool color = false);

// The closest candidate within a small edit distance, or empty.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace aktkoll::dsl
