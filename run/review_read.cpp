// A filled review workbook -> the reviewer's facts per case. Every bad cell
// is reported with file, sheet and cell and read as unknown; nothing else is
// lost.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "core/personnummer.hpp"
#include "input/xlsx_reader.hpp"
#include "run/review_form.hpp"

namespace aktkoll::review {

namespace {

std::string trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

// ASCII letters lowered; Swedish letters are compared as written (lower
// case in the dropdowns).
std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
    return s;
}

bool is_unknown_word(const std::string& w) {
    return w == "uppgift saknas" || w == "saknas" || w == "okänt" || w == "not known" || w == "unknown" || w == "-";
}

// What a reviewer typed, fit to repeat in a message: never a personnummer
// or a long text.
std::string shown(const std::string& s, Lang lang) {
    if (s.size() > 40 || looks_like_personnummer(s)) return tr(lang, "(värdet visas inte)", "(value not shown)");
    return "'" + s + "'";
}

struct CellResult {
    FactValue value;
    std::string error;  // empty when read
};

// Excel's day 0 is 1899-12-30 (it counts 1900-02-29, so serials from 61 on).
std::optional<Date> from_serial(double serial) {
    if (!(serial >= 61 && serial < 2958466)) return std::nullopt;
    return Date{static_cast<int32_t>(std::floor(serial)) + date_from_civil(1899, 12, 30).days};
}

CellResult read_cell(const XlsxCell& c, const FormField& f, Lang lang) {
    if (c.kind == XlsxCell::Kind::Error)
        return {{}, fmt::format(fmt::runtime(tr(lang, "cellen innehåller ett fel ({})", "the cell holds an error ({})")), c.text)};
    const std::string text = trim(c.text);
    const std::string word = lower(text);
    if (c.kind == XlsxCell::Kind::Text && (text.empty() || is_unknown_word(word))) return {};
    switch (f.type) {
        case AttrType::Boolean:
            if (c.kind == XlsxCell::Kind::Bool) return {c.number != 0, {}};
            if (word == "ja" || word == "yes" || word == "sant" || word == "true") return {true, {}};
            if (word == "nej" || word == "no" || word == "falskt" || word == "false") return {false, {}};
            return {{}, fmt::format(fmt::runtime(tr(lang, "{} är inte Ja, Nej eller Uppgift saknas", "{} is not Yes, No or Not known")),
                                    shown(text, lang))};
        case AttrType::Enum:
            for (const auto& v : f.enum_values)
                if (lower(v) == word) return {v, {}};
            return {{}, fmt::format(fmt::runtime(tr(lang, "{} är inte ett av: {}", "{} is not one of: {}")), shown(text, lang),
                                    fmt::format("{}", fmt::join(f.enum_values, ", ")))};
        case AttrType::Date:
            if (c.kind == XlsxCell::Kind::Number) {
                if (auto d = from_serial(c.number)) return {*d, {}};
            } else if (auto d = parse_date(text)) {
                return {*d, {}};
            }
            return {{}, fmt::format(fmt::runtime(tr(lang, "{} är inte ett datum (ÅÅÅÅ-MM-DD)", "{} is not a date (YYYY-MM-DD)")),
                                    shown(text, lang))};
        case AttrType::Integer:
            if (c.kind == XlsxCell::Kind::Number && c.number == std::floor(c.number) && std::fabs(c.number) < 1e15)
                return {static_cast<int64_t>(c.number), {}};
            return {{}, fmt::format(fmt::runtime(tr(lang, "{} är inte ett heltal", "{} is not a whole number")), shown(text, lang))};
        case AttrType::String:
        case AttrType::StringList:
            if (c.kind == XlsxCell::Kind::Bool) return {{}, tr(lang, "en sanningsvärdescell där text väntas", "a true/false cell where text is expected")};
            return {text, {}};
    }
    return {};
}

std::string text_at(const XlsxSheet& s, uint32_t row, uint32_t col) {
    const XlsxCell* c = s.at(row, col);
    if (!c) return {};
    return c->kind == XlsxCell::Kind::Text || c->kind == XlsxCell::Kind::Number ? trim(c->text) : std::string();
}

Cover read_cover(const XlsxSheet& s) {
    Cover c;
    c.kommun = text_at(s, layout::kCoverKommun, 1);
    c.namnd = text_at(s, layout::kCoverNamnd, 1);
    c.reviewer = text_at(s, layout::kCoverReviewer, 1);
    if (const XlsxCell* d = s.at(layout::kCoverDate, 1); d && d->kind == XlsxCell::Kind::Number) {
        if (auto date = from_serial(d->number)) c.review_date = format_date(*date);
    } else {
        c.review_date = text_at(s, layout::kCoverDate, 1);
    }
    c.pack = text_at(s, layout::kCoverPack, 1);
    c.seed = text_at(s, layout::kCoverSeed, 1);
    return c;
}

void read_case(const XlsxSheet& sheet, const std::vector<FormField>& fields, size_t occurrences, const std::string& path,
               Lang lang, CaseFacts& out, std::vector<std::string>& errors) {
    out.values.assign(fields.size(), {});
    out.cells.assign(fields.size(), {});
    for (uint32_t row = layout::kHeaderRow + 1; row < sheet.rows(); ++row) {
        const std::string key = text_at(sheet, row, layout::kKeyCol);
        if (key.empty()) continue;
        auto f = std::find_if(fields.begin(), fields.end(), [&](const FormField& x) { return x.key() == key; });
        if (f == fields.end()) {
            errors.push_back(fmt::format(fmt::runtime(tr(lang, "{}:{}!{}: regelpaketet frågar inte längre efter '{}' (raden läses inte)",
                                                         "{}:{}!{}: the pack no longer asks for '{}' (the row is not read)")),
                                         path, sheet.name, cell_ref(row, layout::kLabelCol), key));
            continue;
        }
        const auto i = static_cast<size_t>(f - fields.begin());
        const size_t n = f->kind == FieldKind::CaseAttr ? 1 : occurrences;
        out.values[i].assign(n, {});
        out.cells[i].assign(n, {});
        for (size_t k = 0; k < n; ++k) {
            const auto col = static_cast<uint32_t>(layout::kFirstValueCol + k);
            out.cells[i][k] = sheet.name + "!" + cell_ref(row, col);
            const XlsxCell* c = sheet.at(row, col);
            if (!c) continue;
            CellResult r = read_cell(*c, *f, lang);
            if (!r.error.empty()) errors.push_back(fmt::format("{}:{}: {}", path, out.cells[i][k], r.error));
            out.values[i][k] = std::move(r.value);
        }
    }
}

}  // namespace

ReviewBook read_review(const std::string& path, const std::vector<FormField>& fields, Lang lang) {
    ReviewBook book;
    std::string error;
    auto xlsx = read_xlsx(path, error);
    if (!xlsx) {
        // libzip's reason is English and technical: the reader needs to know what aktkoll reads instead.
        book.fatal = fmt::format(fmt::runtime(tr(lang,
                                                 "{}: kan inte läsas som Excel-arbetsbok ({}); aktkoll läser arbetsböcker från 'aktkoll form', och uttag sparade som CSV med --mapping (se docs/import.md)",
                                                 "{}: cannot be read as an Excel workbook ({}); aktkoll reads workbooks made by 'aktkoll form', and exports saved as CSV with --mapping (see docs/import.md)")),
                                 path, error);
        return book;
    }
    const XlsxSheet* meta = xlsx->sheet(layout::kMetaSheet);
    if (!meta || text_at(*meta, 0, 1) != layout::kFormat) {
        book.fatal = fmt::format(fmt::runtime(tr(lang, "{}: är ingen granskningsarbetsbok från 'aktkoll form' (bladet '{}' saknas)",
                                                 "{}: is not a review workbook made by 'aktkoll form' (the sheet '{}' is missing)")),
                                 path, layout::kMetaSheet);
        return book;
    }
    book.pack = text_at(*meta, 1, 1);
    book.cover = read_cover(xlsx->sheets.front());
    for (uint32_t row = 4; row < meta->rows(); ++row) {
        const std::string name = text_at(*meta, row, 0);
        if (name.empty()) continue;
        CaseFacts facts;
        facts.id = text_at(*meta, row, 1);
        const XlsxCell* n = meta->at(row, 2);
        const size_t occurrences = n && n->kind == XlsxCell::Kind::Number && n->number >= 1 && n->number < 1000
                                       ? static_cast<size_t>(n->number) : layout::kMinOccurrences;
        const XlsxSheet* sheet = xlsx->sheet(name);
        if (!sheet) {
            book.errors.push_back(fmt::format(fmt::runtime(tr(lang, "{}: bladet '{}' för ärende {} saknas", "{}: the sheet '{}' of case {} is missing")),
                                              path, name, facts.id));
            continue;
        }
        read_case(*sheet, fields, occurrences, path, lang, facts, book.errors);
        book.cases.push_back(std::move(facts));
    }
    return book;
}

}  // namespace aktkoll::review
