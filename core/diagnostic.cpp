#include "core/diagnostic.hpp"

#include <algorithm>

#include <fmt/core.h>

namespace aktkoll::dsl {

bool Diagnostics::has_errors() const { return error_count() > 0; }

size_t Diagnostics::error_count() const {
    return static_cast<size_t>(std::count_if(items.begin(), items.end(),
                                             [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

size_t Diagnostics::warning_count() const {
    return static_cast<size_t>(std::count_if(items.begin(), items.end(),
                                             [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void SourceMap::add(std::string file, std::string text) { sources_.emplace_back(std::move(file), std::move(text)); }

std::string SourceMap::line(const std::string& file, uint32_t line) const {
    for (const auto& [name, text] : sources_) {
        if (name != file) continue;
        size_t start = 0;
        for (uint32_t l = 1; l < line; ++l) {
            start = text.find('\n', start);
            if (start == std::string::npos) return {};
            ++start;
        }
        size_t end = text.find('\n', start);
        std::string out = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return out;
    }
    return {};
}

namespace {

// Code points of a UTF-8 string, for edit distance and caret columns.
std::u32string decode(const std::string& s) {
    std::u32string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        char32_t cp = n == 1 ? c : c & (0x7F >> n);
        for (int k = 1; k < n && i + static_cast<size_t>(k) < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
        out.push_back(cp);
        i += static_cast<size_t>(n);
    }
    return out;
}

size_t edit_distance(const std::u32string& a, const std::u32string& b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

const char* label(Severity s, Lang lang) {
    switch (s) {
        case Severity::Error: return tr(lang, "fel", "error");
        case Severity::Warning: return tr(lang, "varning", "warning");
        case Severity::Note: return tr(lang, "notering", "note");
    }
    return "";
}

}  // namespace

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::u32string w = decode(word);
    std::string best;
    size_t best_distance = std::max<size_t>(2, w.size() / 3) + 1;
    for (const auto& c : candidates) {
        size_t d = edit_distance(w, decode(c));
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::string render(const Diagnostic& d, const SourceMap& sources, Lang lang, bool color) {
    const char* bold = color ? "\x1b[1m" : "";
    const char* red = color ? (d.severity == Severity::Error ? "\x1b[1;31m" : "\x1b[1;35m") : "";
    const char* reset = color ? "\x1b[0m" : "";
    // A diagnostic about a whole file (or the command line) has no position.
    const std::string where = d.pos.line ? fmt::format("{}:{}:{}", d.pos.file, d.pos.line, d.pos.column) : d.pos.file;
    const std::string kind = *d.code ? fmt::format("{} {}", label(d.severity, lang), d.code) : label(d.severity, lang);
    std::string out = fmt::format("{}{}:{} {}{}:{} {}\n", bold, where, reset, red, kind, reset, d.message);
    std::string text = d.pos.line ? sources.line(d.pos.file, d.pos.line) : std::string{};
    if (!text.empty()) {
        std::string number = std::to_string(d.pos.line);
        std::string gutter(number.size(), ' ');
        // The caret sits under the column counted in code points; tabs keep their width.
        std::u32string cps = decode(text);
        std::string pad;
        for (uint32_t i = 0; i + 1 < d.pos.column && i < cps.size(); ++i) pad += cps[i] == U'\t' ? '\t' : ' ';
        std::string marker(d.length > 1 ? d.length : 1, '~');
        marker[0] = '^';
        out += fmt::format(" {} | {}\n {} | {}{}{}{}\n", number, text, gutter, pad, red, marker, reset);
    }
    if (!d.hint.empty()) out += fmt::format("  {}: {}\n", tr(lang, "tips", "hint"), d.hint);
    return out;
}

}  // namespace aktkoll::dsl
