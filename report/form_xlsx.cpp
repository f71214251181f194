#include "report/form_xlsx.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <set>

#include <fmt/format.h>

namespace aktkoll::report {

namespace {

using review::FieldKind;
using review::FormField;
namespace layout = review::layout;

struct Formats {
    lxw_format *title, *header, *label, *wrap, *section, *input, *date_input, *given, *date_given, *locked_grey, *note;
};

lxw_format* bordered(lxw_workbook* wb) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBBBBBB);
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f{};
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 14);
    f.header = bordered(wb);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xDDE4EE);
    format_set_text_wrap(f.header);
    f.label = bordered(wb);
    format_set_text_wrap(f.label);
    f.wrap = bordered(wb);
    format_set_text_wrap(f.wrap);
    format_set_font_size(f.wrap, 9);
    f.section = workbook_add_format(wb);
    format_set_bold(f.section);
    format_set_bg_color(f.section, 0xEEF2F7);
    // Cells the reviewer fills: white, unlocked (the sheet is protected).
    f.input = bordered(wb);
    format_set_unlocked(f.input);
    format_set_text_wrap(f.input);
    f.date_input = bordered(wb);
    format_set_unlocked(f.date_input);
    format_set_num_format(f.date_input, "yyyy-mm-dd");
    // Facts from the export: grey, italic, locked.
    f.given = bordered(wb);
    format_set_bg_color(f.given, 0xE4E4E4);
    format_set_italic(f.given);
    f.date_given = bordered(wb);
    format_set_bg_color(f.date_given, 0xE4E4E4);
    format_set_italic(f.date_given);
    format_set_num_format(f.date_given, "yyyy-mm-dd");
    f.locked_grey = bordered(wb);
    format_set_bg_color(f.locked_grey, 0xF4F4F4);
    f.note = workbook_add_format(wb);
    format_set_text_wrap(f.note);
    format_set_align(f.note, LXW_ALIGN_VERTICAL_TOP);
    return f;
}

void put(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, lxw_format* fmt) {
    worksheet_write_string(ws, row, col, text.c_str(), fmt);
}

lxw_datetime lxw_date(Date d) {
    int y = 0;
    unsigned m = 0, day = 0;
    civil_from_date(d, y, m, day);
    return lxw_datetime{y, static_cast<int>(m), static_cast<int>(day), 0, 0, 0};
}

// The dropdown or check of a fact's cells. Strings in `keep` must outlive
// the call (libxlsxwriter copies them).
void validate(lxw_worksheet* ws, lxw_row_t row, lxw_col_t first, lxw_col_t last, const FormField& f, Lang lang) {
    lxw_data_validation v{};
    v.show_error = LXW_VALIDATION_ON;
    v.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
    std::vector<std::string> items;
    std::string title, message;
    switch (f.type) {
        case AttrType::Boolean:
            items = {tr(lang, "Ja", "Yes"), tr(lang, "Nej", "No"), tr(lang, "Uppgift saknas", "Not known")};
            message = tr(lang, "Välj Ja, Nej eller Uppgift saknas (tom cell = uppgift saknas).", "Choose Yes, No or Not known (empty = not known).");
            break;
        case AttrType::Enum:
            items = f.enum_values;
            items.push_back(tr(lang, "Uppgift saknas", "Not known"));
            message = tr(lang, "Välj ett av värdena i listan.", "Choose one of the values in the list.");
            break;
        case AttrType::Date:
            v.validate = LXW_VALIDATION_TYPE_DATE;
            v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v.minimum_datetime = lxw_datetime{1900, 3, 1, 0, 0, 0};
            v.maximum_datetime = lxw_datetime{2099, 12, 31, 0, 0, 0};
            message = tr(lang, "Ett datum, ÅÅÅÅ-MM-DD (tom cell = uppgift saknas).", "A date, YYYY-MM-DD (empty = not known).");
            break;
        case AttrType::Integer:
            v.validate = LXW_VALIDATION_TYPE_INTEGER;
            v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v.minimum_number = -1e9;
            v.maximum_number = 1e9;
            message = tr(lang, "Ett heltal.", "A whole number.");
            break;
        default: return;  // free text: no check
    }
    std::vector<char*> list;
    if (!items.empty()) {
        v.validate = LXW_VALIDATION_TYPE_LIST;
        for (auto& s : items) list.push_back(s.data());
        list.push_back(nullptr);
        v.value_list = list.data();
    }
    title = tr(lang, "Ogiltigt svar", "Invalid answer");
    v.error_title = title.data();
    v.error_message = message.data();
    worksheet_data_validation_range(ws, row, first, row, last, &v);
}

void write_value(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const review::FactValue& v, const Formats& f, Lang lang) {
    if (const Date* d = std::get_if<Date>(&v)) {
        lxw_datetime dt = lxw_date(*d);
        worksheet_write_datetime(ws, row, col, &dt, f.date_given);
    } else if (const int64_t* i = std::get_if<int64_t>(&v)) {
        worksheet_write_number(ws, row, col, static_cast<double>(*i), f.given);
    } else {
        put(ws, row, col, review::fact_text(v, lang), f.given);
    }
}

// Lines a wrapped list takes in a column of `chars` characters: LibreOffice
// does not fit the height of rows in a workbook it opens, so it is set.
size_t wrapped_lines(const std::vector<std::string>& items, size_t chars) {
    size_t lines = 0;
    for (const auto& s : items) {
        size_t n = 0;  // code points, roughly the width
        for (unsigned char c : s) n += (c & 0xC0) != 0x80;
        lines += std::max<size_t>(1, (n + chars - 1) / chars);
    }
    return std::max<size_t>(1, lines);
}

std::string joined(const std::vector<std::string>& items) { return fmt::format("{}", fmt::join(items, "\n")); }

// "1, 3" from "1. Har ...", "3. Framgår ...".
std::string numbers(const std::vector<std::string>& questions) {
    std::vector<std::string> out;
    for (const auto& q : questions) out.push_back(q.substr(0, q.find('.')));
    return fmt::format("{}", fmt::join(out, ", "));
}

void case_sheet(lxw_workbook* wb, const Formats& f, const std::string& name, const FormRequest& req, const review::CaseFacts& facts,
                size_t occurrences) {
    const Lang lang = req.lang;
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    const auto comment_col = static_cast<lxw_col_t>(layout::kFirstValueCol + occurrences);
    put(ws, 0, layout::kQuestionCol, tr(lang, "Ärende", "Case"), f.title);
    put(ws, 0, layout::kLabelCol, facts.id, f.title);
    const std::string help = tr(lang, "Fyll i de vita cellerna med det akten visar. Grå kursiva celler kommer från exporten och är låsta. "
                 "Tom cell = uppgift saknas (ger EB). En kolumn per förekomst av händelsen, i datumordning.",
           "Fill in the white cells with what the case file shows. Grey italic cells come from the export and are locked. "
           "Empty = not known (gives U/A). One column per occurrence of the event, in date order.");
    worksheet_merge_range(ws, 1, layout::kLabelCol, 2, comment_col + 2, help.c_str(), f.note);
    put(ws, layout::kHeaderRow, layout::kKeyCol, "key", f.header);
    put(ws, layout::kHeaderRow, layout::kQuestionCol, tr(lang, "Fråga", "Question"), f.header);
    put(ws, layout::kHeaderRow, layout::kLabelCol, tr(lang, "Uppgift i akten", "Fact in the case file"), f.header);
    for (size_t k = 0; k < occurrences; ++k)
        put(ws, layout::kHeaderRow, static_cast<lxw_col_t>(layout::kFirstValueCol + k), fmt::format("{}", k + 1), f.header);
    put(ws, layout::kHeaderRow, comment_col, tr(lang, "Kommentar (skrivs aldrig ut i rapporter)", "Comment (never printed in reports)"), f.header);
    put(ws, layout::kHeaderRow, comment_col + 1, tr(lang, "Kontrollfråga", "Control question"), f.header);
    put(ws, layout::kHeaderRow, comment_col + 2, tr(lang, "Lagrum", "Legal basis"), f.header);
    lxw_row_t row = layout::kHeaderRow + 1;
    std::string section;
    for (size_t i = 0; i < req.fields.size(); ++i) {
        const FormField& field = req.fields[i];
        const std::string group = field.kind == FieldKind::CaseAttr ? tr(lang, "Ärendet", "The case") : field.event;
        if (group != section) {
            section = group;
            std::string heading = group;
            if (field.kind != FieldKind::CaseAttr) heading = field.label().substr(0, field.label().rfind(':'));
            worksheet_set_row(ws, row, LXW_DEF_ROW_HEIGHT, f.section);
            put(ws, row++, layout::kLabelCol, heading, f.section);
        }
        put(ws, row, layout::kKeyCol, field.key(), nullptr);
        put(ws, row, layout::kQuestionCol, numbers(field.questions), f.label);
        put(ws, row, layout::kLabelCol, field.label(), f.label);
        const size_t n = field.kind == FieldKind::CaseAttr ? 1 : occurrences;
        for (size_t k = 0; k < occurrences; ++k) {
            const auto col = static_cast<lxw_col_t>(layout::kFirstValueCol + k);
            const review::FactValue* given = i < facts.values.size() && k < facts.values[i].size() ? &facts.values[i][k] : nullptr;
            if (k >= n) worksheet_write_blank(ws, row, col, f.locked_grey);
            else if (given && !std::holds_alternative<std::monostate>(*given)) write_value(ws, row, col, *given, f, lang);
            else worksheet_write_blank(ws, row, col, field.type == AttrType::Date ? f.date_input : f.input);
        }
        validate(ws, row, layout::kFirstValueCol, static_cast<lxw_col_t>(layout::kFirstValueCol + n - 1), field, lang);
        worksheet_write_blank(ws, row, comment_col, f.input);
        put(ws, row, comment_col + 1, joined(field.questions), f.wrap);
        put(ws, row, comment_col + 2, joined(field.cites), f.wrap);
        const size_t lines = std::max(wrapped_lines(field.questions, 75), wrapped_lines(field.cites, 48));
        worksheet_set_row(ws, row, std::max(15.0, 12.0 * static_cast<double>(lines) + 3), nullptr);
        ++row;
    }
    lxw_row_col_options hidden{};
    hidden.hidden = 1;
    worksheet_set_column_opt(ws, layout::kKeyCol, layout::kKeyCol, 12, nullptr, &hidden);
    worksheet_set_column(ws, layout::kQuestionCol, layout::kQuestionCol, 8, nullptr);
    worksheet_set_column(ws, layout::kLabelCol, layout::kLabelCol, 34, nullptr);
    worksheet_set_column(ws, layout::kFirstValueCol, comment_col - 1, 14, nullptr);
    worksheet_set_column(ws, comment_col, comment_col, 30, nullptr);
    worksheet_set_column(ws, comment_col + 1, comment_col + 1, 60, nullptr);
    worksheet_set_column(ws, comment_col + 2, comment_col + 2, 40, nullptr);
    worksheet_freeze_panes(ws, layout::kHeaderRow + 1, layout::kFirstValueCol);
    // Printed landscape, one page wide, the header row on every page.
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, layout::kHeaderRow, layout::kHeaderRow);
    lxw_protection protect{};
    protect.format_columns = 1;
    protect.format_rows = 1;
    worksheet_protect(ws, nullptr, &protect);
}

// Excel's sheet names: at most 31 characters, none of []:*?/\, unique.
std::string sheet_name(const std::string& id, std::set<std::string>& used) {
    std::string s;
    for (char c : id) s += std::string_view("[]:*?/\\").find(c) == std::string_view::npos ? c : '_';
    if (s.empty()) s = "_";
    auto fit = [](std::string t, size_t max) {
        while (t.size() > max) {
            t.pop_back();
            while (!t.empty() && (static_cast<unsigned char>(t.back()) & 0xC0) == 0x80) t.pop_back();
            if (!t.empty() && static_cast<unsigned char>(t.back()) >= 0xC0) t.pop_back();
        }
        return t;
    };
    std::string name = fit(s, 31);
    for (int n = 2; used.count(name); ++n) name = fit(s, 27) + "~" + std::to_string(n);
    used.insert(name);
    return name;
}

void cover_sheet(lxw_workbook* wb, const Formats& f, const FormRequest& req, const std::vector<std::string>& names) {
    const Lang lang = req.lang;
    lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "Granskning", "Review"));
    const RuleSet& rules = *req.rules;
    put(ws, 0, 0, rules.template_title.empty() ? tr(lang, "Aktgranskning", "Case file review") : rules.template_title, f.title);
    auto line = [&](uint32_t row, const char* label, const std::string& value, bool editable) {
        put(ws, row, 0, label, f.header);
        put(ws, row, 1, value, editable ? f.input : f.given);
    };
    line(layout::kCoverKommun, tr(lang, "Kommun", "Municipality"), req.cover.kommun, true);
    line(layout::kCoverNamnd, tr(lang, "Nämnd", "Committee"), req.cover.namnd, true);
    line(layout::kCoverReviewer, tr(lang, "Granskare", "Reviewer"), req.cover.reviewer, true);
    put(ws, layout::kCoverDate, 0, tr(lang, "Granskningsdatum", "Review date"), f.header);
    if (auto d = parse_date(req.cover.review_date)) {
        lxw_datetime dt = lxw_date(*d);
        worksheet_write_datetime(ws, layout::kCoverDate, 1, &dt, f.date_input);
    } else {
        worksheet_write_blank(ws, layout::kCoverDate, 1, f.date_input);
    }
    validate(ws, layout::kCoverDate, 1, 1, FormField{FieldKind::EventDate, "", "", AttrType::Date, {}, {}, {}}, lang);
    line(layout::kCoverPack, tr(lang, "Regelpaket", "Rule pack"), req.cover.pack, false);
    line(layout::kCoverSeed, tr(lang, "Urvalets frö", "Sample seed"), req.cover.seed, false);
    line(layout::kCoverExports, tr(lang, "Uttag", "Exports"), joined(req.exports), false);
    uint32_t row = layout::kCoverExports + 2;
    put(ws, row++, 0, tr(lang, "Ärenden", "Cases"), f.header);
    for (size_t i = 0; i < names.size(); ++i) {
        const std::string target = "internal:'" + names[i] + "'!A1";
        worksheet_write_url_opt(ws, row++, 0, target.c_str(), nullptr, req.cases[i].id.c_str(), nullptr);
    }
    ++row;
    const std::string help = tr(lang, "Så fylls arbetsboken i: ett blad per ärende. Skriv det akten visar i de vita cellerna (Ja / Nej / Uppgift saknas, "
                 "datum som ÅÅÅÅ-MM-DD). Grå celler kommer från exporten. Kommentarer stannar i arbetsboken och skrivs aldrig ut i "
                 "rapporter. Läs sedan in arbetsboken: aktkoll check REGLER granskning.xlsx [UTTAG].",
           "How to fill in the workbook: one sheet per case. Write what the case file shows in the white cells (Yes / No / Not known, "
           "dates as YYYY-MM-DD). Grey cells come from the export. Comments stay in the workbook and are never printed in reports. "
           "Then read the workbook: aktkoll check RULES granskning.xlsx [EXPORT].");
    worksheet_merge_range(ws, row, 0, row + 3, 1, help.c_str(), f.note);
    worksheet_set_column(ws, 0, 0, 22, nullptr);
    worksheet_set_column(ws, 1, 1, 70, nullptr);
    worksheet_set_paper(ws, 9);
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_activate(ws);
}

void meta_sheet(lxw_workbook* wb, const FormRequest& req, const std::vector<std::string>& names,
                const std::vector<size_t>& occurrences) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, layout::kMetaSheet);
    put(ws, 0, 0, "format", nullptr);
    put(ws, 0, 1, layout::kFormat, nullptr);
    put(ws, 1, 0, "pack", nullptr);
    put(ws, 1, 1, req.rules->pack_name, nullptr);
    put(ws, 2, 0, "version", nullptr);
    put(ws, 2, 1, req.rules->pack_version, nullptr);
    put(ws, 3, 0, "sheet", nullptr);
    put(ws, 3, 1, "case", nullptr);
    put(ws, 3, 2, "occurrences", nullptr);
    for (size_t i = 0; i < names.size(); ++i) {
        const auto row = static_cast<lxw_row_t>(4 + i);
        put(ws, row, 0, names[i], nullptr);
        put(ws, row, 1, req.cases[i].id, nullptr);
        worksheet_write_number(ws, row, 2, static_cast<double>(occurrences[i]), nullptr);
    }
    worksheet_hide(ws);
    worksheet_protect(ws, nullptr, nullptr);
}

}  // namespace

std::string write_review_form(const std::string& path, const FormRequest& req) {
    const Lang lang = req.lang;
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) return fmt::format(fmt::runtime(tr(lang, "kan inte skapa '{}'", "cannot create '{}'")), path);
    lxw_doc_properties props{};
    props.title = const_cast<char*>(req.rules->template_title.c_str());
    props.author = const_cast<char*>("aktkoll form");
    workbook_set_properties(wb, &props);
    const Formats f = make_formats(wb);
    std::set<std::string> used{tr(lang, "Granskning", "Review"), layout::kMetaSheet};
    std::vector<std::string> names;
    std::vector<size_t> occurrences;
    for (const auto& c : req.cases) {
        names.push_back(sheet_name(c.id, used));
        // Room for one more occurrence than the export has.
        occurrences.push_back(std::max<size_t>(layout::kMinOccurrences, c.occurrences() + 1));
    }
    cover_sheet(wb, f, req, names);
    for (size_t i = 0; i < req.cases.size(); ++i) case_sheet(wb, f, names[i], req, req.cases[i], occurrences[i]);
    meta_sheet(wb, req, names, occurrences);
    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return fmt::format(fmt::runtime(tr(lang, "kan inte skriva '{}': {}", "cannot write '{}': {}")), path, lxw_strerror(err));
    return "";
}

}  // namespace aktkoll::report
