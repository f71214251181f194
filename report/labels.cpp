// Words, keys and small text helpers shared by the report writers.
#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

size_t display_width(std::string_view s) {
    size_t n = 0;
    for (unsigned char ch : s)
        if ((ch & 0xC0) != 0x80) ++n;
    return n;
}

std::string cut_to_width(std::string_view s, size_t max_chars) {
    if (display_width(s) <= max_chars) return std::string(s);
    if (max_chars == 0) return {};
    size_t keep = max_chars - 1, seen = 0, i = 0;
    for (; i < s.size(); ++i) {
        if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
            if (seen == keep) break;
            ++seen;
        }
    }
    std::string out(s.substr(0, i));
    // Cut at a word boundary when one is near the end.
    if (i < s.size() && s[i] != ' ') {
        size_t space = out.rfind(' ');
        if (space != std::string::npos && display_width(out.substr(0, space)) * 4 >= keep * 3) out.resize(space);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i] and its code point, or 0.
size_t utf8_sequence(std::string_view s, size_t i, char32_t& cp) {
    auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return 0;
    cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return len;
}

bool unsafe(char32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||  // C0, DEL, C1
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);  // bidi overrides
}

}  // namespace

std::string printable(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        // Printable ASCII, most of any text, is kept as it is: a run at a time.
        size_t run = i;
        while (run < s.size() && s[run] >= 0x20 && s[run] < 0x7F) ++run;
        if (run > i) {
            out.append(s.substr(i, run - i));
            i = run;
            continue;
        }
        char32_t cp = 0;
        size_t len = utf8_sequence(s, i, cp);
        if (len == 0) {
            out += kReplacement;
            ++i;
            continue;
        }
        if (cp == '\n' || cp == '\r' || cp == '\t')
            out += ' ';
        else if (unsafe(cp))
            out += kReplacement;
        else
            out.append(s.substr(i, len));
        i += len;
    }
    return out;
}

int share_percent(uint64_t ja, uint64_t assessed) {
    if (assessed == 0) return 0;
    auto pct = static_cast<int>((200 * ja + assessed) / (2 * assessed));  // half up
    if (pct == 100 && ja < assessed) pct = 99;
    if (pct == 0 && ja > 0) pct = 1;
    return pct;
}

std::string share_text(const Counts& c, Lang lang) {
    uint64_t ja = c.of(Outcome::Ja), assessed = c.assessed();
    if (assessed == 0) return kDash;
    return fmt::format(fmt::runtime(tr(lang, "{}/{} ({} %)", "{}/{} ({}%)")), ja, assessed,
                       share_percent(ja, assessed));
}

std::string date_text(const std::optional<Date>& d) { return d ? format_date(*d) : std::string(); }

std::string period_text(const RuleVersionInfo& v, Lang lang) {
    if (v.valid_from && v.valid_until) return format_date(*v.valid_from) + " – " + format_date(*v.valid_until);
    if (v.valid_from) return fmt::format(fmt::runtime(tr(lang, "från {}", "from {}")), format_date(*v.valid_from));
    if (v.valid_until) return fmt::format(fmt::runtime(tr(lang, "till {}", "until {}")), format_date(*v.valid_until));
    return tr(lang, "utan tidsgräns", "no time limit");
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

}  // namespace aktkoll::report::detail
