// Rendering of grids: aligned terminal text (optionally coloured), GitHub
// Markdown tables, and CSV for Swedish Excel (';', UTF-8 with BOM, CRLF).
#include <algorithm>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

namespace {

const char* ansi(Tone t) {
    switch (t) {
        case Tone::Ja: return "\x1b[32m";
        case Tone::Nej: return "\x1b[1;31m";
        case Tone::EB: return "\x1b[33m";
        case Tone::Et:
        case Tone::Off: return "\x1b[2m";
        case Tone::Plain: return "";
    }
    return "";
}
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";

std::string pad(const std::string& text, size_t width, Align a, const char* color) {
    size_t w = display_width(text), gap = width > w ? width - w : 0;
    size_t left = a == Align::Right ? gap : a == Align::Center ? gap / 2 : 0;
    std::string body = *color ? std::string(color) + text + kReset : text;
    return std::string(left, ' ') + body + std::string(gap - left, ' ');
}

void rstrip(std::string& s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
}

std::string rule_line(const std::vector<size_t>& widths) {
    std::string line;
    for (size_t i = 0; i < widths.size(); ++i) {
        if (i) line += "  ";
        for (size_t k = 0; k < widths[i]; ++k) line += "─";
    }
    return line;
}

}  // namespace

std::string terminal_rule_line(const std::vector<size_t>& widths) { return rule_line(widths); }

void render_terminal_row(std::ostream& out, const std::vector<Cell>& cells, const std::vector<size_t>& widths,
                         const std::vector<Align>& align, bool color) {
    std::string line;
    for (size_t i = 0; i < cells.size() && i < widths.size(); ++i) {
        if (i) line += "  ";
        line += pad(cells[i].text, widths[i], align[i], color ? ansi(cells[i].tone) : "");
    }
    rstrip(line);
    out << line << '\n';
}

void render_terminal(std::ostream& out, const Grid& g, bool color) {
    std::vector<size_t> widths(g.header.size(), 0);
    for (size_t i = 0; i < g.header.size(); ++i) widths[i] = display_width(g.header[i]);
    for (const auto& row : g.rows)
        for (size_t i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], display_width(row[i].text));
    std::string line;
    for (size_t i = 0; i < g.header.size(); ++i) {
        if (i) line += "  ";
        line += pad(g.header[i], widths[i], g.align[i], color ? kBold : "");
    }
    rstrip(line);
    out << line << '\n' << rule_line(widths) << '\n';
    for (size_t r = 0; r < g.rows.size(); ++r) {
        if (r == g.body_rows && r > 0) out << rule_line(widths) << '\n';
        render_terminal_row(out, g.rows[r], widths, g.align, color);
    }
}

std::string md_escape(std::string_view s) {
    auto special = [](char ch) {
        switch (ch) {
            case '\\': case '|': case '<': case '>': case '*': case '`': case '[': case ']': case '\n': case '\r': return true;
            default: return false;
        }
    };
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        size_t run = i;
        while (run < s.size() && !special(s[run])) ++run;
        out.append(s.substr(i, run - i));  // a run that needs nothing, at once
        if (run == s.size()) break;
        i = run;
        if (s[i] == '\n' || s[i] == '\r') {
            out += ' ';
        } else {
            out += '\\';
            out += s[i];
        }
    }
    return out;
}

void render_markdown(std::ostream& out, const Grid& g) {
    out << '|';
    for (const auto& h : g.header) out << ' ' << md_escape(h) << " |";
    out << "\n|";
    for (Align a : g.align) out << (a == Align::Right ? " ---: |" : a == Align::Center ? " :---: |" : " --- |");
    out << '\n';
    for (const auto& row : g.rows) render_markdown_row(out, row);
}

void render_markdown_row(std::ostream& out, const std::vector<Cell>& cells) {
    out << '|';
    for (const Cell& c : cells) out << ' ' << md_escape(c.text) << " |";
    out << '\n';
}

std::string csv_field(std::string_view s) {
    std::string v(s);
    // A cell Excel would take for a formula is kept as text.
    if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
        v.insert(v.begin(), '\'');
    if (v.find_first_of(";\"\r\n") == std::string::npos) return v;
    std::string q = "\"";
    for (char ch : v) {
        if (ch == '"') q += '"';
        q += ch;
    }
    return q + '"';
}

void render_csv(std::ostream& out, const Grid& g) {
    out << "\xEF\xBB\xBF";
    auto line = [&](const auto& cells, auto text_of) {
        for (size_t i = 0; i < cells.size(); ++i) out << (i ? ";" : "") << csv_field(text_of(cells[i]));
        out << "\r\n";
    };
    line(g.header, [](const std::string& s) -> const std::string& { return s; });
    for (const auto& row : g.rows) render_csv_row(out, row);
}

void render_csv_row(std::ostream& out, const std::vector<Cell>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? ";" : "") << csv_field(cells[i].text);
    out << "\r\n";
}

}  // namespace aktkoll::report::detail
