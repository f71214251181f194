// Entry points: pick the writer for the format.
#include <stdexcept>

#include "report/detail.hpp"

namespace aktkoll::report {

std::optional<Format> parse_format(std::string_view name) {
    if (name == "terminal" || name == "text") return Format::Terminal;
    if (name == "md" || name == "markdown") return Format::Markdown;
    if (name == "csv") return Format::Csv;
    if (name == "json") return Format::Json;
    if (name == "html") return Format::Html;
    if (name == "xlsx") return Format::Xlsx;
    return std::nullopt;
}

namespace {

void write_document(std::ostream& out, const detail::Document& d) {
    switch (d.opt.format) {
        case Format::Terminal:
        case Format::Markdown: detail::write_text(out, d); return;
        case Format::Csv: {
            // Always questions as rows: a spreadsheet does not need the transposition.
            static const std::vector<CaseResult> kNoCases;
            auto ag = detail::audit_grid(d.rules, d.totals_only ? kNoCases : d.cases, d.table, d.opt.lang, false, 0);
            detail::render_csv(out, ag.grid);
            return;
        }
        case Format::Json: detail::write_json(out, d); return;
        case Format::Html: detail::write_html(out, d); return;
        case Format::Xlsx: throw std::invalid_argument("the xlsx report is written to a path: use write_check_xlsx");
    }
}

}  // namespace

void write_check(std::ostream& out, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals,
                 const RunInfo& run, const Options& opt) {
    detail::AuditTable table = detail::audit_table(rules, cases, totals);
    write_document(out, {rules, cases, table, run, opt, false});
}

void write_totals(std::ostream& out, const RuleSet& rules, const Totals& totals, const RunInfo& run,
                  const Options& opt) {
    static const std::vector<CaseResult> kNoCases;
    detail::AuditTable table = detail::totals_table(rules, totals);
    write_document(out, {rules, kNoCases, table, run, opt, true});
}

void write_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c, const std::vector<int>& rule_indices,
                   const Options& opt) {
    std::vector<int> which = rule_indices;
    if (which.empty())
        for (size_t r = 0; r < rules.rules.size(); ++r) which.push_back(static_cast<int>(r));
    for (int r : which)
        if (r < 0 || static_cast<size_t>(r) >= rules.rules.size() || static_cast<size_t>(r) >= c.rules.size())
            throw std::out_of_range("write_explain: rule index out of range");
    switch (opt.format) {
        case Format::Json: detail::write_json_explain(out, rules, c, which); return;
        case Format::Html: detail::write_html_explain(out, rules, c, which, opt); return;
        case Format::Xlsx:  // a workbook for one explanation would be odd: plain text
        case Format::Csv:  // no table to give: the explanation as plain text
        case Format::Terminal:
        case Format::Markdown: {
            Options o = opt;
            if (o.format == Format::Csv || o.format == Format::Xlsx) o.format = Format::Terminal;
            detail::write_text_explain(out, rules, c, which, o);
            return;
        }
    }
}

}  // namespace aktkoll::report
