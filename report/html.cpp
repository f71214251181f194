// The check report as one self-contained HTML file: inline CSS, no scripts,
// no external resources, a print stylesheet for clean PDF output. Every
// string is escaped.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : printable(s)) {
        switch (ch) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += ch;
        }
    }
    return out;
}

namespace {

constexpr const char* kStyle = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem;color:#111;line-height:1.4}
h1{font-size:1.5rem;margin-bottom:.5rem}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin:1rem 0 .3rem}
table{border-collapse:collapse;margin:.5rem 0 .8rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.2rem .45rem;vertical-align:top}
th{background:#eee;text-align:left}
.r{text-align:right}.c{text-align:center}
td.o-ja{background:#d8f0d8}td.o-nej{background:#f6cccc;font-weight:bold}td.o-eb{background:#fcefb4}
td.o-et{background:#f3f3f3;color:#666}td.o-off{color:#999}
tbody.totals td{font-weight:bold;background:#f7f7f7}
dl.meta{display:grid;grid-template-columns:max-content auto;gap:.1rem 1rem;margin:0}dl.meta dt{font-weight:bold}dl.meta dd{margin:0}
.note{font-size:.85rem;color:#333}
.sha{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.8rem;word-break:break-all}
.out-nej{color:#a00000;font-weight:bold}.out-eb{color:#7a5c00;font-weight:bold}
ul.findings>li{margin-bottom:.3rem}
svg.chart{max-width:100%;height:auto;font-family:inherit}
figure{margin:0}
.trend-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(290px,1fr));gap:.6rem 1.2rem;margin:.5rem 0}
.trend-q figcaption{font-size:.8rem;margin-bottom:.2rem}
figure.process svg{max-width:100%;height:auto}
table.trend-table td{white-space:nowrap}table.trend-table th[scope=row]{font-weight:normal;background:none}
@page{size:A4 landscape;margin:12mm}
@media print{
body{margin:0;font-size:9pt}table{font-size:8pt}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
thead{display:table-header-group}
tr,.case,figure,svg{break-inside:avoid;page-break-inside:avoid}
figure.process svg{max-height:170mm}
h2,h3{break-after:avoid;page-break-after:avoid}
}
)css";

const char* tone_class(Tone t) {
    switch (t) {
        case Tone::Ja: return "o-ja";
        case Tone::Nej: return "o-nej";
        case Tone::Et: return "o-et";
        case Tone::EB: return "o-eb";
        case Tone::Off: return "o-off";
        case Tone::Plain: return "";
    }
    return "";
}

const char* align_class(Align a) { return a == Align::Right ? "r" : a == Align::Center ? "c" : ""; }

}  // namespace

void render_html_row(std::ostream& out, const std::vector<Cell>& cells, const std::vector<Align>& align) {
    out << "<tr>";
    for (size_t i = 0; i < cells.size(); ++i) {
        const Cell& c = cells[i];
        std::string classes = std::string(align_class(i < align.size() ? align[i] : Align::Left)) + " " + tone_class(c.tone);
        while (!classes.empty() && classes.back() == ' ') classes.pop_back();
        if (!classes.empty() && classes.front() == ' ') classes.erase(0, 1);
        out << (i == 0 ? "<th scope=\"row\"" : "<td");
        if (!classes.empty()) out << " class=\"" << classes << '"';
        out << '>' << html_escape(c.text) << (i == 0 ? "</th>" : "</td>");
    }
    out << "</tr>\n";
}

namespace {

void render_html(std::ostream& out, const Grid& g, const char* cls) {
    out << "<table class=\"" << cls << "\">\n<thead><tr>";
    for (size_t i = 0; i < g.header.size(); ++i)
        out << "<th class=\"" << align_class(g.align[i]) << "\" scope=\"col\">" << html_escape(g.header[i]) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (size_t r = 0; r < g.rows.size(); ++r) {
        if (r == g.body_rows) out << "</tbody>\n<tbody class=\"totals\">\n";
        render_html_row(out, g.rows[r], g.align);
    }
    out << "</tbody>\n</table>\n";
}

std::string h(std::string_view s) { return html_escape(s); }

void meta(std::ostream& out, std::string_view term, std::string_view value) {
    out << "<dt>" << h(term) << "</dt><dd>" << h(value) << "</dd>\n";
}

}  // namespace

void write_html_head(std::ostream& out, const std::string& title, Lang lang) {
    out << "<!DOCTYPE html>\n<html lang=\"" << tr(lang, "sv", "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << h(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
}

namespace {

void write_head(std::ostream& out, const std::string& title, Lang lang) { write_html_head(out, title, lang); }

void write_header(std::ostream& out, const Document& d, const std::string& title) {
    const Lang lang = d.opt.lang;
    const RuleSet& rules = d.rules;
    const RunInfo& run = d.run;
    out << "<header>\n<h1>" << h(title) << "</h1>\n<dl class=\"meta\">\n";
    for (const auto& [label, value] : scope_lines(d.opt.scope, lang)) meta(out, label, value);
    std::string pack = rules.pack_name + " " + rules.pack_version;
    if (!rules.pack_title.empty()) pack += " – " + rules.pack_title;
    meta(out, tr(lang, "Regelpaket", "Rule pack"), pack);
    std::vector<std::string> layers;
    for (const LayerInfo& l : rules.layers) layers.push_back(l.name + " " + l.version);
    if (!layers.empty()) meta(out, tr(lang, "Lager", "Layers"), join(layers, ", "));
    meta(out, tr(lang, "Utvärderad", "Evaluated"), run.evaluated_on);
    meta(out, tr(lang, "aktkoll", "aktkoll"), run.aktkoll_version);
    if (!run.period.empty()) meta(out, tr(lang, "Period", "Period"), run.period);
    meta(out, tr(lang, "Indata", "Input"),
         fmt::format(fmt::runtime(tr(lang, "{} poster, {} ärenden, {} händelser; avvisade poster: {}",
                                     "{} records, {} cases, {} events; rejected records: {}")),
                     run.stats.lines, run.stats.cases, run.stats.events, run.stats.rejected));
    out << "<dt>" << h(tr(lang, "Indatafiler", "Input files")) << "</dt><dd>";
    for (const auto& [path, sha] : run.input_files)
        out << h(path) << " <span class=\"sha\">SHA-256 " << h(sha) << "</span><br>";
    out << "</dd>\n</dl>\n</header>\n";
}

void write_params(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    if (d.rules.params.empty()) return;
    out << "<section>\n<h2>" << h(tr(lang, "Parametrar", "Parameters")) << "</h2>\n<table class=\"params\">\n<thead><tr><th>"
        << h(tr(lang, "Namn", "Name")) << "</th><th>" << h(tr(lang, "Värde", "Value")) << "</th><th>"
        << h(tr(lang, "Från lager", "From layer")) << "</th><th>" << h(tr(lang, "Beskrivning", "Description"))
        << "</th></tr></thead>\n<tbody>\n";
    for (const ParamInfo& p : d.rules.params) {
        std::string desc = p.description;
        if (!p.override_reason.empty())
            desc += fmt::format(fmt::runtime(tr(lang, " (ändrad: {})", " (overridden: {})")), p.override_reason);
        out << "<tr><td>" << h(p.name) << "</td><td class=\"r\">" << h(p.value) << "</td><td>" << h(p.layer)
            << "</td><td>" << h(desc) << "</td></tr>\n";
    }
    out << "</tbody>\n</table>\n</section>\n";
}

void write_share_chart(std::ostream& out, const Document& d) {
    std::vector<ShareBar> bars;
    for (const QuestionRow& row : d.table.rows) bars.push_back({row.info->number, row.info->text, row.counts, row.asked});
    if (bars.empty()) return;
    out << "<section class=\"shares\">\n<h2>" << h(tr(d.opt.lang, "Andel Ja av bedömda per fråga", "Share Yes of assessed per question"))
        << "</h2>\n<figure>\n" << svg_share_bars(bars, d.opt.lang) << "</figure>\n</section>\n";
}

// The earlier periods of the history with this run as the latest.
Trend with_this_run(const Document& d) {
    const Trend& earlier = *d.opt.history;
    Trend t;
    t.periods = earlier.periods;
    HistoryPeriod now;
    now.label = d.opt.period_label;
    now.evaluated_on = d.run.evaluated_on;
    now.period = d.run.period;
    now.pack = d.rules.pack_name;
    now.pack_version = d.rules.pack_version;
    now.cases = static_cast<int64_t>(d.totals_only ? d.run.stats.cases : d.table.cases);
    t.periods.push_back(now);
    const size_t n = t.periods.size();
    for (const QuestionRow& row : d.table.rows) {
        QuestionTrend q;
        q.number = row.info->number;
        q.text = row.info->text;
        q.by_period.resize(n);
        for (const QuestionTrend& old : earlier.questions)
            if (old.number == q.number) std::copy(old.by_period.begin(), old.by_period.end(), q.by_period.begin());
        if (row.asked) q.by_period.back() = row.counts;
        t.questions.push_back(std::move(q));
    }
    return t;
}

void write_process(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    StepTally counted;
    if (!d.steps)
        for (const CaseResult& c : d.cases) counted.add(d.rules, c);
    const StepTally& tally = d.steps ? *d.steps : counted;
    const bool any_case = d.spooled ? d.spooled->cases > 0 : !d.cases.empty();
    if (d.rules.processes.empty() || (d.opt.process_svg.empty() && (d.totals_only || !any_case))) return;
    out << "<section class=\"process\">\n<h2>" << h(tr(lang, "Processen", "The process")) << "</h2>\n";
    if (!d.opt.process_svg.empty()) {
        // Graphviz output rendered by the caller from our own labels; inserted as it is.
        out << "<figure class=\"process\">\n" << d.opt.process_svg << "\n</figure>\n<p class=\"note\">"
            << h(tr(lang,
                    "Antal ärenden per steg. Röd: steget saknas och är grundorsaken; ljusröd: saknas som följd av ett "
                    "tidigare steg; orange: sent eller i fel ordning; grön: i ordning.",
                    "Number of cases per step. Red: the step is missing and is the root cause; light red: missing as a "
                    "consequence of an earlier step; orange: late or out of order; green: in order."))
            << "</p>\n</section>\n";
        return;
    }
    constexpr StepStatus kColumns[] = {StepStatus::Present,   StepStatus::Missing, StepStatus::Late,
                                       StepStatus::OutOfOrder, StepStatus::Unknown, StepStatus::NotYetDue,
                                       StepStatus::NotRequired};
    for (size_t p = 0; p < d.rules.processes.size(); ++p) {
        const ProcessInfo& process = d.rules.processes[p];
        out << "<h3>" << h(process.name) << "</h3>\n<table class=\"steps\">\n<thead><tr><th scope=\"col\">"
            << h(tr(lang, "Steg", "Step")) << "</th>";
        for (StepStatus s : kColumns) out << "<th class=\"r\" scope=\"col\">" << h(step_status_label(s, lang)) << "</th>";
        out << "<th class=\"r\" scope=\"col\">" << h(tr(lang, "varav grundorsak", "of which root cause")) << "</th></tr></thead>\n<tbody>\n";
        for (size_t i = 0; i < process.steps.size(); ++i) {
            uint64_t counts[std::size(kColumns)] = {}, root = 0;
            if (p < tally.counts.size() && i < tally.counts[p].size()) {
                for (size_t k = 0; k < std::size(kColumns); ++k) counts[k] = tally.counts[p][i][static_cast<size_t>(kColumns[k])];
                root = tally.counts[p][i][kRootCause];
            }
            out << "<tr><th scope=\"row\">" << h(process.steps[i].name);
            if (!d.rules.layers.empty() && process.steps[i].layer != d.rules.layers.front().name) out << " <i>(" << h(process.steps[i].layer) << ")</i>";
            out << "</th>";
            for (size_t k = 0; k < std::size(kColumns); ++k)
                out << "<td class=\"r" << (kColumns[k] == StepStatus::Missing && counts[k] ? " o-nej" : "") << "\">" << counts[k] << "</td>";
            out << "<td class=\"r\">" << root << "</td></tr>\n";
        }
        out << "</tbody>\n</table>\n";
    }
    out << "<p class=\"note\">"
        << h(tr(lang, "Antal ärenden per steg och status. Installera Graphviz (dot) för processen som bild.",
                "Number of cases per step and status. Install Graphviz (dot) for the process as a picture."))
        << "</p>\n</section>\n";
}

void write_audit(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    static const std::vector<CaseResult> kNoCases;
    bool transposed = !d.totals_only && d.cases.size() > static_cast<size_t>(std::max(d.opt.transpose_above, 0));
    AuditGrid ag = audit_grid(d.rules, d.totals_only ? kNoCases : d.cases, d.table, lang, transposed, 0);
    out << "<section>\n<h2>" << h(tr(lang, "Aktgranskning", "File audit")) << "</h2>\n";
    render_html(out, ag.grid, "audit");
    out << "<p class=\"note\">"
        << h(tr(lang,
                "Ja av bedömda = Ja / bedömda, där bedömda = Ja + Nej. Et (ej tillämplig) och EB (ej bedömbar) "
                "räknas inte i nämnaren. – = inget bedömt, eller frågan är avstängd eller inte vald.",
                "Yes of assessed = Yes / assessed, where assessed = Yes + No. N/A (not applicable) and U/A (unable to "
                "assess) are not counted in the denominator. – = nothing assessed, or the question is switched off or not selected."))
        << "</p>\n";
    out << "<h3>" << h(tr(lang, "Frågor", "Questions")) << "</h3>\n<ul class=\"legend\" style=\"list-style:none;padding-left:0\">\n";
    for (const QuestionRow& row : d.table.rows) {
        out << "<li><b>" << h(row.info->number) << ".</b> " << h(row.info->text);
        if (std::string note = replaced_note(*row.info, d.rules, lang); !note.empty()) out << " <i>(" << h(note) << ")</i>";
        if (!row.asked) out << ' ' << h(tr(lang, "(avstängd eller inte vald)", "(switched off or not selected)"));
        out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
    write_share_chart(out, d);
    out << "<section>\n<h2>" << h(tr(lang, "Per regel", "Per rule")) << "</h2>\n";
    render_html(out, rules_grid(d.rules, d.table, lang), "rules");
    out << "</section>\n";
}

void case_findings(std::ostream& out, const RuleSet& rules, const CaseFindings& f, Lang lang) {
    out << "<article class=\"case\">\n<h3>" << h(case_heading(*f.c, lang)) << "</h3>\n<ul class=\"findings\">\n";
    for (int r : f.rules) {
        RuleFinding rf = rule_finding(rules, *f.c, r, lang);
        out << "<li><span class=\"" << (rf.outcome == Outcome::Nej ? "out-nej" : "out-eb") << "\">"
            << h(outcome_label(rf.outcome, lang)) << "</span> <b>" << h(rf.rule_id) << "</b>";
        if (!rf.questions.empty())
            out << h(fmt::format(fmt::runtime(tr(lang, " (fråga {})", " (question {})")), rf.questions));
        if (!rf.question.empty()) out << ": " << h(rf.question);
        out << "\n<ul>";
        for (const std::string& detail : rf.details) out << "<li>" << h(detail) << "</li>";
        out << "</ul></li>\n";
    }
    for (const StepProblem& sp : f.steps)
        out << "<li>" << h(fmt::format(fmt::runtime(tr(lang, "Process {}", "Process {}")), step_problem_text(rules, sp, lang)))
            << "</li>\n";
    out << "</ul>\n</article>\n";
}

void write_findings(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    out << "<section>\n<h2>" << h(tr(lang, "Anmärkningar per ärende", "Findings per case")) << "</h2>\n";
    bool any = false;
    for (const CaseResult& c : d.cases) {
        CaseFindings f = findings_of(d.rules, c);
        if (f.empty()) continue;
        any = true;
        case_findings(out, d.rules, f, lang);
    }
    if (!any) out << "<p>" << h(tr(lang, "Inga anmärkningar.", "No findings.")) << "</p>\n";
    out << "</section>\n";
}

// A large report: the most frequent findings first; the per-case table and
// findings folded (<details>) so that the page opens on the summary.
void write_large(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    const Spooled& s = *d.spooled;
    out << "<section>\n<h2>" << h(tr(lang, "Vanligaste anmärkningar", "Most frequent findings")) << "</h2>\n";
    const Grid frequent = frequent_findings_grid(d.rules, d.table, *d.steps, lang, 20);
    if (frequent.rows.empty()) out << "<p>" << h(tr(lang, "Inga anmärkningar.", "No findings.")) << "</p>\n";
    else render_html(out, frequent, "frequent");
    if (!s.per_case) {
        out << "<p class=\"note\">" << h(per_case_note(s.cases, d.opt.large_above, lang)) << "</p>\n</section>\n";
        return;
    }
    out << "</section>\n<section>\n<details>\n<summary>"
        << h(fmt::format(fmt::runtime(tr(lang, "Per ärende ({})", "Per case ({})")), s.cases)) << "</summary>\n";
    Grid head;
    head.header = case_row_header(d.rules, lang);
    head.align = case_row_align(d.rules);
    std::ostringstream frame;
    render_html(frame, head, "audit");
    const std::string table = frame.str();
    const size_t body_end = table.rfind("</tbody>");
    out << table.substr(0, body_end);
    s.rows.copy_to(out);
    out << table.substr(body_end) << "</details>\n</section>\n";
    if (!d.opt.findings) return;
    out << "<section>\n<details>\n<summary>" << h(tr(lang, "Anmärkningar per ärende", "Findings per case")) << "</summary>\n";
    if (!s.any_findings) out << "<p>" << h(tr(lang, "Inga anmärkningar.", "No findings.")) << "</p>\n";
    s.findings.copy_to(out);
    out << "</details>\n</section>\n";
}

void write_rejected(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    out << "<section>\n<h2>"
        << h(fmt::format(fmt::runtime(tr(lang, "Avvisade poster ({})", "Rejected records ({})")), d.run.rejected.size()))
        << "</h2>\n";
    if (d.run.rejected.empty()) {
        out << "<p>" << h(tr(lang, "Inga avvisade poster.", "No rejected records.")) << "</p>\n</section>\n";
        return;
    }
    out << "<ul>\n";
    for (const ReadError& e : d.run.rejected) out << "<li>" << h(describe(e, lang)) << "</li>\n";
    out << "</ul>\n</section>\n";
}

void write_provenance(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    out << "<section>\n<h2>" << h(tr(lang, "Spårbarhet", "Provenance")) << "</h2>\n<table class=\"files\">\n<thead><tr><th>"
        << h(tr(lang, "Fil", "File")) << "</th><th>SHA-256</th></tr></thead>\n<tbody>\n";
    for (const auto& [path, sha] : d.run.input_files)
        out << "<tr><td>" << h(path) << "</td><td class=\"sha\">" << h(sha) << "</td></tr>\n";
    for (const LayerInfo& l : d.rules.layers)
        for (const auto& [path, sha] : l.files)
            out << "<tr><td>" << h(l.name + " " + l.version + ": " + path) << "</td><td class=\"sha\">" << h(sha)
                << "</td></tr>\n";
    out << "</tbody>\n</table>\n</section>\n";
}

}  // namespace

void write_html(std::ostream& out, const Document& d) {
    std::string title = !d.opt.title.empty()              ? d.opt.title
                        : d.rules.template_title.empty() ? tr(d.opt.lang, "Granskningsrapport", "Audit report")
                                                         : d.rules.template_title;
    write_head(out, title, d.opt.lang);
    write_header(out, d, title);
    write_params(out, d);
    write_audit(out, d);
    if (d.opt.history && !d.opt.history->periods.empty()) write_html_trend_sections(out, with_this_run(d), d.opt.lang);
    write_process(out, d);
    if (d.spooled) write_large(out, d);
    else if (!d.totals_only && d.opt.findings) write_findings(out, d);
    write_rejected(out, d);
    write_provenance(out, d);
    out << "<footer class=\"note\">" << h(fmt::format("aktkoll {} · {}", d.run.aktkoll_version, kJsonFormat))
        << "</footer>\n</body>\n</html>\n";
}

bool write_html_case(std::ostream& out, const RuleSet& rules, const CaseResult& c, Lang lang) {
    const CaseFindings f = findings_of(rules, c);
    if (f.empty()) return false;
    case_findings(out, rules, f, lang);
    return true;
}

void write_html_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices, const Options& opt) {
    // The explanation as Markdown-free text inside <pre>, escaped: one format
    // of the reasoning, readable on screen and in print.
    std::ostringstream text;
    Options plain = opt;
    plain.format = Format::Terminal;
    plain.color = false;
    write_text_explain(text, rules, c, rule_indices, plain);
    std::string title = fmt::format(fmt::runtime(tr(opt.lang, "Förklaring för ärende {}", "Explanation for case {}")), c.id);
    write_head(out, title, opt.lang);
    out << "<pre>";
    std::string all = text.str();
    for (size_t start = 0; start < all.size();) {
        size_t end = std::min(all.find('\n', start), all.size());
        out << h(std::string_view(all).substr(start, end - start)) << '\n';
        start = end + 1;
    }
    out << "</pre>\n</body>\n</html>\n";
}

}  // namespace aktkoll::report::detail
