#include "dsl/syntax_cause.hpp"

#include <array>
#include <vector>

#include <fmt/core.h>

#include "dsl/parser.hpp"

namespace aktkoll::dsl {

namespace {

struct LookAlike {
    char32_t code;
    const char* sv;
    const char* en;
    const char* fix;  // what to write instead, as the language spells it
};

// Characters word processors put where the language wants plain ASCII.
constexpr std::array kLookAlikes{
    LookAlike{0x00A0, "hårt mellanslag", "no-break space", " "},
    LookAlike{0x202F, "smalt hårt mellanslag", "narrow no-break space", " "},
    LookAlike{0x2007, "siffermellanslag", "figure space", " "},
    LookAlike{0x2009, "smalt mellanslag", "thin space", " "},
    LookAlike{0x200B, "osynligt mellanslag (nollbredd)", "zero width space", ""},
    LookAlike{0xFEFF, "osynligt tecken (BOM mitt i filen)", "zero width no-break space (a BOM inside the file)", ""},
    LookAlike{0x00AD, "mjukt bindestreck", "soft hyphen", ""},
    LookAlike{0x201C, "vänster typografiskt citattecken “", "left double quotation mark “", "\""},
    LookAlike{0x201D, "höger typografiskt citattecken ”", "right double quotation mark ”", "\""},
    LookAlike{0x201E, "nedre typografiskt citattecken „", "double low-9 quotation mark „", "\""},
    LookAlike{0x00AB, "vinkelcitattecken «", "left-pointing angle quotation mark «", "\""},
    LookAlike{0x00BB, "vinkelcitattecken »", "right-pointing angle quotation mark »", "\""},
    LookAlike{0x2018, "vänster typografiskt apostroftecken ‘", "left single quotation mark ‘", "\""},
    LookAlike{0x2019, "höger typografiskt apostroftecken ’", "right single quotation mark ’", "\""},
    LookAlike{0x201A, "nedre typografiskt apostroftecken ‚", "single low-9 quotation mark ‚", "\""},
    LookAlike{0x2013, "tankstreck –", "en dash –", "-"},
    LookAlike{0x2014, "långt tankstreck —", "em dash —", "-"},
    LookAlike{0x2212, "minustecken −", "minus sign −", "-"},
    LookAlike{0x2264, "tecknet ≤", "the sign ≤", "<="},
    LookAlike{0x2265, "tecknet ≥", "the sign ≥", ">="},
    LookAlike{0x2260, "tecknet ≠", "the sign ≠", "!="},
};

const LookAlike* look_alike(char32_t c) {
    for (const auto& l : kLookAlikes)
        if (l.code == c) return &l;
    return nullptr;
}

bool is_quote(char32_t c) { return c == 0x201C || c == 0x201D || c == 0x201E || c == 0x00AB || c == 0x00BB; }

// The code point starting at byte i (and its length); invalid UTF-8 reads as U+FFFD.
char32_t code_point(const std::string& s, size_t i, size_t& length) {
    const auto b = static_cast<unsigned char>(s[i]);
    length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (i + length > s.size()) {
        length = 1;
        return 0xFFFD;
    }
    char32_t c = length == 1 ? b : b & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    return c;
}

struct Opener {
    char bracket;
    size_t byte;
};

// One pass over the text up to the end of the error's line: strings and
// comments skipped, brackets matched, the first look-alike noted.
struct Scan {
    std::vector<Opener> open;           // still open at `at`
    size_t look_alike_at = std::string::npos;
    const LookAlike* found = nullptr;
    size_t quote_in_string_at = std::string::npos;  // a typographic quote inside a string that never closes

    Scan(const std::string& text, size_t at) {
        size_t line_end = text.find('\n', at);
        if (line_end == std::string::npos) line_end = text.size();
        for (size_t i = 0; i < line_end;) {
            const char c = text[i];
            if (c == '#') {
                i = text.find('\n', i);
                if (i == std::string::npos) break;
                continue;
            }
            if (c == '"') {
                i = string_end(text, i + 1);
                continue;
            }
            if (i < at) bracket(c, i);
            size_t length = 1;
            const char32_t cp = static_cast<unsigned char>(c) < 0x80 ? static_cast<char32_t>(c) : code_point(text, i, length);
            if (!found && cp >= 0x80) {
                found = look_alike(cp);
                if (found) look_alike_at = i;
            }
            i += length;
        }
    }

    void bracket(char c, size_t i) {
        if (c == '{' || c == '(') open.push_back({c, i});
        if ((c == '}' || c == ')') && !open.empty()) open.pop_back();
    }

    // Past a string's closing quote; a string left open at the end of its
    // line notes a typographic quote in it (the likely intended end).
    size_t string_end(const std::string& text, size_t i) {
        size_t quote = std::string::npos;
        while (i < text.size() && text[i] != '\n') {
            if (text[i] == '\\') {
                i += 2;
                continue;
            }
            if (text[i] == '"') return i + 1;
            size_t length = 1;
            if (static_cast<unsigned char>(text[i]) >= 0x80 && quote == std::string::npos && is_quote(code_point(text, i, length)))
                quote = i;
            i += length;
        }
        if (quote_in_string_at == std::string::npos) quote_in_string_at = quote;
        return i;
    }
};

uint32_t line_of(const std::string& text, size_t byte) {
    uint32_t line = 1;
    for (size_t i = 0; i < byte && i < text.size(); ++i) line += text[i] == '\n';
    return line;
}

Diagnostic at_byte(const char* code, const std::string& path, const std::string& text, size_t byte) {
    Diagnostic d;
    d.code = code;
    d.pos = {path, line_of(text, byte), column_of(text, byte)};
    return d;
}

bool only_space_after(const std::string& text, size_t at) {
    for (size_t i = at; i < text.size(); ++i)
        if (!std::isspace(static_cast<unsigned char>(text[i]))) return false;
    return true;
}

// The word at `at`, when it begins a top-level declaration.
std::string declaration_at(const std::string& text, size_t at) {
    static const std::vector<std::string> kDeclarations = {"pack", "uses", "vocabulary", "parameter", "override",
                                                           "disable", "rule", "process", "template", "extend"};
    size_t end = at;
    while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end]))) ++end;
    const std::string word = text.substr(at, end - at);
    for (const auto& d : kDeclarations)
        if (d == word) return word;
    return {};
}

// The line of the last character that is not white space.
uint32_t last_line(const std::string& text) {
    size_t end = text.size();
    while (end > 0 && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return line_of(text, end ? end - 1 : 0);
}

std::optional<Diagnostic> unclosed(const std::string& path, const std::string& text, size_t at, const Opener& o,
                                   Expected expected, Lang lang) {
    const bool at_end = at >= text.size() || only_space_after(text, at);
    const std::string next = at_end ? std::string{} : declaration_at(text, at);
    const bool brace = o.bracket == '{';
    // A `{` is the cause when '}' was wanted and a new declaration starts (or
    // the file ends) inside it; a `(` when ')' was wanted and the text goes on
    // past the opener's line, to a `}` or to the end.
    const bool cause = brace ? expected == Expected::Close && (at_end || !next.empty())
                             : expected == Expected::CloseParen &&
                                   (at_end || line_of(text, at) != line_of(text, o.byte) || text[at] == '}');
    if (!cause) return std::nullopt;
    Diagnostic d = at_byte(brace ? "AK0132" : "AK0133", path, text, o.byte);
    d.message = brace ? tr(lang, "'{' öppnas här men stängs aldrig med '}'", "'{' is opened here but never closed with '}'")
                      : tr(lang, "'(' öppnas här men stängs aldrig med ')'", "'(' is opened here but never closed with ')'");
    const uint32_t line = line_of(text, at), column = column_of(text, at);
    if (at_end)
        d.hint = fmt::format(fmt::runtime(tr(lang, "filen tog slut (rad {}) innan den stängdes", "the file ended (line {}) before it was closed")),
                             last_line(text));
    else if (!next.empty())
        d.hint = fmt::format(fmt::runtime(tr(lang, "nästa '{}' börjar på rad {}: sätt '}}' före den",
                                             "the next '{}' starts at line {}: put '}}' before it")),
                             next, line);
    else
        d.hint = fmt::format(fmt::runtime(tr(lang, "uttrycket bröts på rad {}, kolumn {}: sätt ')' där det slutar",
                                             "the expression was cut at line {}, column {}: put ')' where it ends")),
                             line, column);
    return d;
}

}  // namespace

std::optional<Diagnostic> syntax_cause(const std::string& path, const std::string& text, size_t at, Expected expected,
                                       Lang lang) {
    const Scan scan(text, at);
    if (scan.found) {
        Diagnostic d = at_byte("AK0130", path, text, scan.look_alike_at);
        const LookAlike& l = *scan.found;
        d.message = fmt::format(fmt::runtime(tr(lang, "tecknet U+{:04X} ({}) hör inte till regelspråket",
                                                "the character U+{:04X} ({}) is not part of the rule language")),
                                static_cast<uint32_t>(l.code), tr(lang, l.sv, l.en));
        const std::string fix = *l.fix == ' ' ? tr(lang, "ett vanligt mellanslag", "a plain space")
                                : *l.fix == '\0' ? tr(lang, "ingenting (ta bort det)", "nothing (delete it)")
                                                 : fmt::format("'{}'", l.fix);
        d.hint = fmt::format(fmt::runtime(tr(lang, "skriv {} i stället; tecknet kommer ofta med när text klistras in från Word",
                                             "write {} instead; the character often comes along when text is pasted from Word")),
                             fix);
        return d;
    }
    if (scan.quote_in_string_at != std::string::npos && text.find('\n', scan.quote_in_string_at) >= at &&
        line_of(text, scan.quote_in_string_at) == line_of(text, at)) {
        Diagnostic d = at_byte("AK0131", path, text, scan.quote_in_string_at);
        d.message = tr(lang, "texten avslutas med ett typografiskt citattecken, inte med \"",
                       "the text ends with a typographic quotation mark, not with \"");
        d.hint = tr(lang, "skriv raka citattecken \" runt texten; ordbehandlare byter ut dem",
                    "write straight quotes \" around the text; word processors replace them");
        return d;
    }
    if (!scan.open.empty()) return unclosed(path, text, at, scan.open.back(), expected, lang);
    return std::nullopt;
}

}  // namespace aktkoll::dsl
