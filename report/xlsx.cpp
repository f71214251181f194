// The audit as an Excel workbook (libxlsxwriter): the table auditors hand in
// with coloured answers and a frozen header, the findings with citations,
// and the provenance. Only ids, dates, rule texts and enumerated values are
// written, as in every report.
#include <xlsxwriter.h>

#include <ctime>

#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report {

namespace {

using namespace detail;

struct Formats {
    lxw_format* header = nullptr;
    lxw_format* text = nullptr;
    lxw_format* wrap = nullptr;
    lxw_format* number = nullptr;
    lxw_format* total = nullptr;
    lxw_format* mono = nullptr;
    lxw_format* percent = nullptr;
    lxw_format* tone[6] = {};  // by Tone
};

lxw_format* cell_format(lxw_workbook* wb, uint32_t fill, uint32_t color, bool bold) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_border_color(f, 0xBBBBBB);
    format_set_align(f, LXW_ALIGN_CENTER);
    if (fill) format_set_bg_color(f, fill);
    if (color) format_set_font_color(f, color);
    if (bold) format_set_bold(f);
    return f;
}

Formats make_formats(lxw_workbook* wb) {
    Formats f;
    f.header = workbook_add_format(wb);
    format_set_bold(f.header);
    format_set_bg_color(f.header, 0xEEEEEE);
    format_set_border(f.header, LXW_BORDER_THIN);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_VERTICAL_TOP);
    f.text = workbook_add_format(wb);
    format_set_align(f.text, LXW_ALIGN_VERTICAL_TOP);
    f.wrap = workbook_add_format(wb);
    format_set_text_wrap(f.wrap);
    format_set_align(f.wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(f.wrap, LXW_BORDER_THIN);
    format_set_border_color(f.wrap, 0xBBBBBB);
    f.number = workbook_add_format(wb);
    format_set_border(f.number, LXW_BORDER_THIN);
    format_set_border_color(f.number, 0xBBBBBB);
    f.total = workbook_add_format(wb);
    format_set_bold(f.total);
    format_set_bg_color(f.total, 0xF7F7F7);
    format_set_border(f.total, LXW_BORDER_THIN);
    format_set_border_color(f.total, 0xBBBBBB);
    format_set_align(f.total, LXW_ALIGN_RIGHT);
    f.percent = workbook_add_format(wb);
    format_set_bold(f.percent);
    format_set_bg_color(f.percent, 0xF7F7F7);
    format_set_border(f.percent, LXW_BORDER_THIN);
    format_set_border_color(f.percent, 0xBBBBBB);
    format_set_num_format(f.percent, "0%");
    f.mono = workbook_add_format(wb);
    format_set_font_name(f.mono, "Consolas");
    f.tone[static_cast<int>(Tone::Plain)] = cell_format(wb, 0, 0, false);
    f.tone[static_cast<int>(Tone::Ja)] = cell_format(wb, 0xD8F0D8, 0, false);
    f.tone[static_cast<int>(Tone::Nej)] = cell_format(wb, 0xF6CCCC, 0x8B0000, true);
    f.tone[static_cast<int>(Tone::Et)] = cell_format(wb, 0xF3F3F3, 0x666666, false);
    f.tone[static_cast<int>(Tone::EB)] = cell_format(wb, 0xFCEFB4, 0, false);
    f.tone[static_cast<int>(Tone::Off)] = cell_format(wb, 0, 0x999999, false);
    return f;
}

void put(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, std::string_view text, lxw_format* fmt) {
    const std::string s = printable(text);
    worksheet_write_string(ws, row, col, s.c_str(), fmt);
}

// Lines kept as line breaks inside the cell (Excel shows them with text wrap).
void put_lines(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::vector<std::string>& lines, lxw_format* fmt) {
    std::vector<std::string> clean;
    for (const std::string& l : lines) clean.push_back(printable(l));
    const std::string s = join(clean, "\n");
    worksheet_write_string(ws, row, col, s.c_str(), fmt);
}

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() < 16 && s.find_first_not_of("0123456789") == std::string::npos;
}

// "Ja av bedömda" as a number shown as a percentage, so that it can be
// summed and charted; "–" when nothing was assessed.
void put_share(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const QuestionRow& q, const Formats& f) {
    if (q.asked && q.counts.assessed() > 0)
        worksheet_write_number(ws, row, col, share_of(q.counts), f.percent);
    else
        put(ws, row, col, kDash, f.total);
}

void put_total(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const std::string& text, const Formats& f) {
    if (all_digits(text)) worksheet_write_number(ws, row, col, std::stod(text), f.total);
    else put(ws, row, col, text, f.total);
}

// A4 landscape, one page wide, the header row (and the first columns)
// repeated on every printed page.
void print_setup(lxw_worksheet* ws, lxw_col_t repeat_columns) {
    worksheet_set_landscape(ws);
    worksheet_set_paper(ws, 9);  // A4
    worksheet_fit_to_pages(ws, 1, 0);
    worksheet_repeat_rows(ws, 0, 0);
    if (repeat_columns > 0) worksheet_repeat_columns(ws, 0, static_cast<lxw_col_t>(repeat_columns - 1));
}

// Questions as rows, cases as columns, then Ja/Nej/Et/EB and the share.
void questions_as_rows(lxw_worksheet* ws, const Formats& f, const RuleSet& rules, const std::vector<CaseResult>& cases,
                       const AuditTable& table, Lang lang) {
    const AuditGrid ag = audit_grid(rules, cases, table, lang, false, 0);
    const Grid& g = ag.grid;
    for (size_t c = 0; c < g.header.size(); ++c) put(ws, 0, static_cast<lxw_col_t>(c), g.header[c], f.header);
    const size_t share_col = g.header.size() - 1, totals_from = g.header.size() - 5;  // Ja Nej Et EB share
    for (size_t r = 0; r < g.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        for (size_t c = 0; c < g.rows[r].size(); ++c) {
            const Cell& cell = g.rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            if (c == 1) put(ws, row, col, cell.text, f.wrap);
            else if (c == share_col) put_share(ws, row, col, table.rows.at(r), f);
            else if (c >= totals_from && c > 1) put_total(ws, row, col, cell.text, f);
            else put(ws, row, col, cell.text, f.tone[static_cast<int>(cell.tone)]);
        }
    }
    worksheet_set_column(ws, 0, 0, 5, nullptr);
    worksheet_set_column(ws, 1, 1, 60, nullptr);
    worksheet_set_column(ws, 2, static_cast<lxw_col_t>(g.header.size() - 1), 11, nullptr);
    worksheet_freeze_panes(ws, 1, 2);
    print_setup(ws, 2);
}

// Cases as rows (more cases than a sheet has columns), questions as columns,
// the totals as the last rows; the question texts under the table.
lxw_row_t cases_as_rows(lxw_worksheet* ws, const Formats& f, const RuleSet& rules, const std::vector<CaseResult>& cases,
                        const AuditTable& table, Lang lang) {
    const AuditGrid ag = audit_grid(rules, cases, table, lang, true, 0);
    const Grid& g = ag.grid;
    for (size_t c = 0; c < g.header.size(); ++c) put(ws, 0, static_cast<lxw_col_t>(c), g.header[c], f.header);
    for (size_t r = 0; r < g.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 1);
        const bool share_row = r + 1 == g.rows.size();
        for (size_t c = 0; c < g.rows[r].size(); ++c) {
            const Cell& cell = g.rows[r][c];
            const auto col = static_cast<lxw_col_t>(c);
            if (r < g.body_rows) put(ws, row, col, cell.text, f.tone[static_cast<int>(cell.tone)]);
            else if (c == 0) put(ws, row, col, cell.text, f.total);
            else if (share_row) put_share(ws, row, col, table.rows.at(c - 1), f);
            else put_total(ws, row, col, cell.text, f);
        }
    }
    lxw_row_t row = static_cast<lxw_row_t>(g.rows.size() + 2);
    for (const QuestionRow& q : table.rows) put(ws, row++, 0, q.info->number + ": " + question_text(*q.info, rules, lang), f.text);
    worksheet_set_column(ws, 0, 0, 16, nullptr);
    worksheet_set_column(ws, 1, static_cast<lxw_col_t>(g.header.size() - 1), 6, nullptr);
    worksheet_freeze_panes(ws, 1, 1);
    print_setup(ws, 1);
    return row;
}

void audit_sheet(lxw_workbook* wb, const Formats& f, const RuleSet& rules, const std::vector<CaseResult>& cases,
                 const AuditTable& table, Lang lang) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "Aktgranskning", "File audit"));
    lxw_row_t note_row = 0;
    if (cases.size() + 7 > kXlsxColumns) {
        note_row = cases_as_rows(ws, f, rules, cases, table, lang) + 1;
    } else {
        questions_as_rows(ws, f, rules, cases, table, lang);
        note_row = static_cast<lxw_row_t>(table.rows.size() + 2);
    }
    put(ws, note_row, 1,
        tr(lang, "Ja av bedömda = Ja / (Ja + Nej); Et (ej tillämplig) och EB (ej bedömbar) räknas inte i nämnaren.",
           "Yes of assessed = Yes / (Yes + No); N/A (not applicable) and U/A (unable to assess) are not counted in the denominator."),
        f.text);
}

void findings_sheet(lxw_workbook* wb, const Formats& f, const RuleSet& rules, const std::vector<CaseResult>& cases, Lang lang) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "Anmärkningar", "Findings"));
    const char* headers[] = {tr(lang, "Ärende", "Case"),       tr(lang, "Fil:rad", "File:line"), tr(lang, "Enhet", "Unit"),
                             tr(lang, "Utfall", "Outcome"),    tr(lang, "Regel", "Rule"),        tr(lang, "Fråga", "Question"),
                             tr(lang, "Frågetext", "Question text"), tr(lang, "Grund och förklaring", "Basis and explanation")};
    for (size_t c = 0; c < std::size(headers); ++c) put(ws, 0, static_cast<lxw_col_t>(c), headers[c], f.header);
    lxw_row_t row = 1;
    for (const CaseResult& c : cases) {
        const CaseFindings found = findings_of(rules, c);
        auto case_columns = [&] {
            put(ws, row, 0, c.id, f.wrap);
            put(ws, row, 1, c.file + ":" + std::to_string(c.line), f.wrap);
            put(ws, row, 2, c.unit, f.wrap);
        };
        for (int r : found.rules) {
            const RuleFinding rf = rule_finding(rules, c, r, lang);
            case_columns();
            put(ws, row, 3, outcome_label(rf.outcome, lang), f.tone[static_cast<int>(tone_of(rf.outcome))]);
            put(ws, row, 4, rf.rule_id, f.wrap);
            put(ws, row, 5, rf.questions, f.wrap);
            put(ws, row, 6, rf.question, f.wrap);
            put_lines(ws, row, 7, rf.details, f.wrap);
            ++row;
        }
        for (const StepProblem& sp : found.steps) {
            case_columns();
            put(ws, row, 3, tr(lang, "Process", "Process"), f.wrap);
            put(ws, row, 7, step_problem_text(rules, sp, lang), f.wrap);
            ++row;
        }
    }
    if (row == 1) put(ws, 1, 0, tr(lang, "Inga anmärkningar.", "No findings."), f.text);
    const double widths[] = {14, 26, 18, 8, 10, 7, 50, 70};
    for (size_t c = 0; c < std::size(widths); ++c)
        worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
    worksheet_freeze_panes(ws, 1, 1);
    print_setup(ws, 1);
    worksheet_autofilter(ws, 0, 0, row > 1 ? row - 1 : 1, static_cast<lxw_col_t>(std::size(headers) - 1));
}

void provenance_sheet(lxw_workbook* wb, const Formats& f, const RuleSet& rules, const RunInfo& run, Lang lang) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, tr(lang, "Proveniens", "Provenance"));
    lxw_row_t row = 0;
    auto pair = [&](std::string_view key, std::string_view value) {
        put(ws, row, 0, key, f.header);
        put(ws, row, 1, value, f.text);
        ++row;
    };
    pair(tr(lang, "Regelpaket", "Rule pack"), rules.pack_name);
    pair(tr(lang, "Version", "Version"), rules.pack_version);
    if (!rules.pack_title.empty()) pair(tr(lang, "Titel", "Title"), rules.pack_title);
    if (!rules.template_name.empty()) pair(tr(lang, "Mall", "Template"), rules.template_name);
    std::vector<std::string> layers;
    for (const LayerInfo& l : rules.layers) layers.push_back(l.name + " " + l.version);
    pair(tr(lang, "Lager", "Layers"), join(layers, ", "));
    pair(tr(lang, "Utvärderad", "Evaluated"), run.evaluated_on);
    pair("aktkoll", run.aktkoll_version);
    if (!run.period.empty()) pair(tr(lang, "Period", "Period"), run.period);
    pair(tr(lang, "Indata", "Input"),
         fmt::format(fmt::runtime(tr(lang, "{} poster, {} ärenden, {} händelser; avvisade poster: {}",
                                     "{} records, {} cases, {} events; rejected records: {}")),
                     run.stats.lines, run.stats.cases, run.stats.events, run.stats.rejected));
    ++row;
    put(ws, row, 0, tr(lang, "Fil", "File"), f.header);
    put(ws, row, 1, "SHA-256", f.header);
    ++row;
    for (const auto& [path, sha] : run.input_files) {
        put(ws, row, 0, path, f.text);
        put(ws, row, 1, sha, f.mono);
        ++row;
    }
    for (const LayerInfo& l : rules.layers)
        for (const auto& [path, sha] : l.files) {
            put(ws, row, 0, l.name + " " + l.version + ": " + path, f.text);
            put(ws, row, 1, sha, f.mono);
            ++row;
        }
    if (!rules.params.empty()) {
        ++row;
        const char* headers[] = {tr(lang, "Parameter", "Parameter"), tr(lang, "Värde", "Value"), tr(lang, "Från lager", "From layer"),
                                 tr(lang, "Beskrivning", "Description")};
        for (size_t c = 0; c < std::size(headers); ++c) put(ws, row, static_cast<lxw_col_t>(c), headers[c], f.header);
        ++row;
        for (const ParamInfo& p : rules.params) {
            std::string desc = p.description;
            if (!p.override_reason.empty())
                desc += fmt::format(fmt::runtime(tr(lang, " (ändrad: {})", " (overridden: {})")), p.override_reason);
            put(ws, row, 0, p.name, f.text);
            put(ws, row, 1, p.value, f.text);
            put(ws, row, 2, p.layer, f.text);
            put(ws, row, 3, desc, f.text);
            ++row;
        }
    }
    if (!run.rejected.empty()) {
        ++row;
        put(ws, row++, 0, fmt::format(fmt::runtime(tr(lang, "Avvisade poster ({})", "Rejected records ({})")), run.rejected.size()),
            f.header);
        for (const ReadError& e : run.rejected) put(ws, row++, 0, describe(e, lang), f.text);
    }
    worksheet_set_column(ws, 0, 0, 48, nullptr);
    worksheet_set_column(ws, 1, 1, 70, nullptr);
    worksheet_set_column(ws, 2, 3, 20, nullptr);
}

// Checked before anything is written: a workbook cut short would be wrong.
std::string too_large(const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals, Lang lang) {
    auto refuse = [&](const char* what, uint64_t n, uint64_t limit) {
        return fmt::format(fmt::runtime(tr(lang,
                                           "för många {} för en Excel-arbetsbok ({}, högst {}): använd --format csv, eller --per-case FIL för resultaten per ärende",
                                           "too many {} for an Excel workbook ({}, at most {}): use --format csv, or --per-case FILE for the results per case")),
                           what, n, limit);
    };
    if (totals.cases > kXlsxMaxCases) return refuse(tr(lang, "ärenden", "cases"), totals.cases, kXlsxMaxCases);
    uint64_t findings = 0;
    for (const CaseResult& c : cases) {
        const CaseFindings f = findings_of(rules, c);
        findings += f.rules.size() + f.steps.size();
    }
    if (findings + 1 > kXlsxRows) return refuse(tr(lang, "anmärkningar", "findings"), findings, kXlsxRows - 1);
    return "";
}

}  // namespace

std::string write_check_xlsx(const std::string& path, const RuleSet& rules, const std::vector<CaseResult>& cases,
                             const Totals& totals, const RunInfo& run, const Options& opt, bool totals_only) {
    const Lang lang = opt.lang;
    if (!totals_only) {
        if (std::string error = too_large(rules, cases, totals, lang); !error.empty()) return error;
    }
    static const std::vector<CaseResult> kNoCases;
    const std::vector<CaseResult>& shown = totals_only ? kNoCases : cases;
    const AuditTable table = totals_only ? totals_table(rules, totals) : audit_table(rules, cases, totals);
    lxw_workbook* wb = workbook_new(path.c_str());
    if (!wb) return fmt::format(fmt::runtime(tr(lang, "kan inte skapa '{}'", "cannot create '{}'")), path);
    // The evaluation date as creation time: the same run gives the same workbook.
    lxw_doc_properties props{};
    const std::string title = !opt.title.empty()              ? opt.title
                              : rules.template_title.empty() ? tr(lang, "Granskningsrapport", "Audit report")
                                                             : rules.template_title;
    props.title = const_cast<char*>(title.c_str());
    props.author = const_cast<char*>("aktkoll");
    if (auto d = parse_date(run.evaluated_on)) props.created = static_cast<time_t>(d->days) * 86400;
    workbook_set_properties(wb, &props);
    const Formats f = make_formats(wb);
    audit_sheet(wb, f, rules, shown, table, lang);
    findings_sheet(wb, f, rules, shown, lang);
    provenance_sheet(wb, f, rules, run, lang);
    const lxw_error err = workbook_close(wb);
    if (err != LXW_NO_ERROR)
        return fmt::format(fmt::runtime(tr(lang, "kan inte skriva '{}': {}", "cannot write '{}': {}")), path, lxw_strerror(err));
    return "";
}

}  // namespace aktkoll::report
