// The check report as terminal text or Markdown: header and provenance, the
// audit table with its denominator note and legend, per-rule totals,
// findings per case, rejected records. Also `explain` for one case.
#include <algorithm>

#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

namespace {

// Headings, paragraphs and list items, in Markdown or plain terminal text.
// Every string passed in is unescaped; Text escapes it for its format.
class Text {
public:
    Text(std::ostream& out, bool markdown, bool color) : out_(out), md_(markdown), color_(color) {}

    std::string esc(std::string_view s) const { return md_ ? md_escape(printable(s)) : printable(s); }

    void heading(int level, std::string_view s) {
        std::string t = esc(s);
        if (md_) {
            out_ << std::string(static_cast<size_t>(level), '#') << ' ' << t << "\n\n";
            return;
        }
        out_ << (color_ ? "\x1b[1m" : "") << t << (color_ ? "\x1b[0m" : "") << '\n';
        if (level <= 2) {
            for (size_t i = 0; i < display_width(t); ++i) out_ << (level == 1 ? "═" : "─");
            out_ << '\n';
        }
        out_ << '\n';
    }
    void para(std::string_view s) { out_ << esc(s) << "\n\n"; }
    void item(std::string_view s, int depth = 0) { out_ << std::string(2 * static_cast<size_t>(depth), ' ') << "- " << esc(s) << '\n'; }
    // An item whose first word is an outcome (coloured on a terminal, bold in Markdown).
    void outcome_item(Outcome o, Lang lang, std::string_view rest) {
        const char* label = outcome_label(o, lang);
        if (md_)
            out_ << "- **" << label << "** " << esc(rest) << '\n';
        else if (color_)
            out_ << "- " << (o == Outcome::Nej ? "\x1b[1;31m" : "\x1b[33m") << label << "\x1b[0m " << esc(rest) << '\n';
        else
            out_ << "- " << label << ' ' << esc(rest) << '\n';
    }
    void end_list() { out_ << '\n'; }
    void grid(const Grid& g) {
        if (md_)
            render_markdown(out_, g);
        else
            render_terminal(out_, g, color_);
        out_ << '\n';
    }
    bool markdown() const { return md_; }

private:
    std::ostream& out_;
    bool md_, color_;
};

std::string title_of(const RuleSet& rules, Lang lang) {
    if (!rules.template_title.empty()) return rules.template_title;
    return tr(lang, "Granskningsrapport", "Audit report");
}

void write_header(Text& t, const Document& d) {
    const Lang lang = d.opt.lang;
    const RuleSet& rules = d.rules;
    const RunInfo& run = d.run;
    t.heading(1, d.opt.title.empty() ? title_of(rules, lang) : d.opt.title);
    for (const auto& [label, value] : scope_lines(d.opt.scope, lang)) t.item(label + ": " + value);
    std::string pack = rules.pack_name + " " + rules.pack_version;
    if (!rules.pack_title.empty()) pack += " – " + rules.pack_title;
    t.item(fmt::format(fmt::runtime(tr(lang, "Regelpaket: {}", "Rule pack: {}")), pack));
    std::vector<std::string> layers;
    for (const LayerInfo& l : rules.layers) layers.push_back(l.name + " " + l.version);
    if (!layers.empty()) t.item(fmt::format(fmt::runtime(tr(lang, "Lager: {}", "Layers: {}")), join(layers, ", ")));
    t.item(fmt::format(fmt::runtime(tr(lang, "Utvärderad: {} med aktkoll {}", "Evaluated: {} with aktkoll {}")),
                       run.evaluated_on, run.aktkoll_version));
    if (!run.period.empty()) t.item(fmt::format(fmt::runtime(tr(lang, "Period: {}", "Period: {}")), run.period));
    t.item(fmt::format(fmt::runtime(tr(lang, "Indata: {} poster, {} ärenden, {} händelser; avvisade poster: {}",
                                       "Input: {} records, {} cases, {} events; rejected records: {}")),
                       run.stats.lines, run.stats.cases, run.stats.events, run.stats.rejected));
    t.end_list();
}

void write_params(Text& t, const Document& d) {
    const Lang lang = d.opt.lang;
    if (d.rules.params.empty()) return;
    t.heading(2, tr(lang, "Parametrar", "Parameters"));
    for (const ParamInfo& p : d.rules.params) {
        std::string s = fmt::format(fmt::runtime(tr(lang, "{} = {} (från {})", "{} = {} (from {})")), p.name, p.value, p.layer);
        if (!p.override_reason.empty())
            s += fmt::format(fmt::runtime(tr(lang, "; ändrad: {}", "; overridden: {}")), p.override_reason);
        if (!p.description.empty()) s += " – " + p.description;
        t.item(s);
    }
    t.end_list();
}

void write_legend(Text& t, const Document& d, const AuditGrid& ag) {
    const Lang lang = d.opt.lang;
    t.para(tr(lang,
              "Ja av bedömda = Ja / bedömda, där bedömda = Ja + Nej. Et (ej tillämplig) och EB (ej bedömbar) "
              "räknas inte i nämnaren. – = inget bedömt, eller frågan är avstängd eller inte vald.",
              "Yes of assessed = Yes / assessed, where assessed = Yes + No. N/A (not applicable) and U/A (unable to "
              "assess) are not counted in the denominator. – = nothing assessed, or the question is switched off or not selected."));
    bool any_off = false, any_replaced = false;
    for (const QuestionRow& row : d.table.rows) {
        any_off = any_off || !row.asked;
        any_replaced = any_replaced || !row.info->replaced_by.empty();
    }
    if (ag.transposed || ag.truncated || any_off || any_replaced) {
        t.para(tr(lang, "Frågor:", "Questions:"));
        for (const QuestionRow& row : d.table.rows) {
            std::string s = row.info->number + ": " + question_text(*row.info, d.rules, lang);
            if (!row.asked) s += tr(lang, " (avstängd eller inte vald)", " (switched off or not selected)");
            t.item(s);
        }
        t.end_list();
    }
}

void case_findings(Text& t, const RuleSet& rules, const CaseFindings& f, Lang lang) {
    t.heading(3, case_heading(*f.c, lang));
    for (int r : f.rules) {
        RuleFinding rf = rule_finding(rules, *f.c, r, lang);
        std::string head = rf.rule_id;
        if (!rf.questions.empty())
            head += fmt::format(fmt::runtime(tr(lang, " (fråga {})", " (question {})")), rf.questions);
        if (!rf.question.empty()) head += ": " + rf.question;
        t.outcome_item(rf.outcome, lang, head);
        for (const std::string& detail : rf.details) t.item(detail, 1);
    }
    for (const StepProblem& sp : f.steps)
        t.item(fmt::format(fmt::runtime(tr(lang, "Process {}", "Process {}")), step_problem_text(rules, sp, lang)));
    t.end_list();
}

void write_findings(Text& t, const Document& d) {
    const Lang lang = d.opt.lang;
    t.heading(2, tr(lang, "Anmärkningar per ärende", "Findings per case"));
    bool any = false;
    for (const CaseResult& c : d.cases) {
        CaseFindings f = findings_of(d.rules, c);
        if (f.empty()) continue;
        any = true;
        case_findings(t, d.rules, f, lang);
    }
    if (!any) t.para(tr(lang, "Inga anmärkningar.", "No findings."));
}

// A large report: the most frequent findings, then the per-case table and
// findings from their spools, or the one line saying they were left out.
void write_large(Text& t, std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    const Spooled& s = *d.spooled;
    t.heading(2, tr(lang, "Vanligaste anmärkningar", "Most frequent findings"));
    const Grid frequent = frequent_findings_grid(d.rules, d.table, *d.steps, lang, 20);
    if (frequent.rows.empty()) t.para(tr(lang, "Inga anmärkningar.", "No findings."));
    else t.grid(frequent);
    if (!s.per_case) {
        t.para(per_case_note(s.cases, d.opt.large_above, lang));
        return;
    }
    t.heading(2, fmt::format(fmt::runtime(tr(lang, "Per ärende ({})", "Per case ({})")), s.cases));
    const std::vector<std::string> header = case_row_header(d.rules, lang);
    std::vector<Cell> head;
    for (const std::string& h : header) head.push_back({h});
    if (t.markdown()) {
        Grid g;
        g.header = header;
        g.align = case_row_align(d.rules);
        render_markdown(out, g);
    } else {
        render_terminal_row(out, head, s.widths, case_row_align(d.rules), false);
        out << terminal_rule_line(s.widths) << '\n';
    }
    s.rows.copy_to(out);
    out << '\n';
    if (!d.opt.findings) return;
    t.heading(2, tr(lang, "Anmärkningar per ärende", "Findings per case"));
    if (!s.any_findings) t.para(tr(lang, "Inga anmärkningar.", "No findings."));
    s.findings.copy_to(out);
}

void write_rejected(Text& t, const Document& d) {
    const Lang lang = d.opt.lang;
    t.heading(2, fmt::format(fmt::runtime(tr(lang, "Avvisade poster ({})", "Rejected records ({})")), d.run.rejected.size()));
    if (d.run.rejected.empty()) {
        t.para(tr(lang, "Inga avvisade poster.", "No rejected records."));
        return;
    }
    for (const ReadError& e : d.run.rejected) t.item(describe(e, lang));
    t.end_list();
}

void write_provenance(Text& t, const Document& d) {
    const Lang lang = d.opt.lang;
    t.heading(2, tr(lang, "Spårbarhet", "Provenance"));
    t.item(tr(lang, "Indatafiler (SHA-256):", "Input files (SHA-256):"));
    for (const auto& [path, sha] : d.run.input_files) t.item(path + "  " + sha, 1);
    for (const LayerInfo& l : d.rules.layers) {
        t.item(fmt::format(fmt::runtime(tr(lang, "Lager {} {} (SHA-256):", "Layer {} {} (SHA-256):")), l.name, l.version));
        for (const auto& [path, sha] : l.files) t.item(path + "  " + sha, 1);
    }
    t.end_list();
}

}  // namespace

void write_text(std::ostream& out, const Document& d) {
    const Lang lang = d.opt.lang;
    Text t(out, d.opt.format == Format::Markdown, d.opt.color && d.opt.format == Format::Terminal);
    write_header(t, d);
    write_params(t, d);
    t.heading(2, tr(lang, "Aktgranskning", "File audit"));
    bool transposed = !d.totals_only && d.cases.size() > static_cast<size_t>(std::max(d.opt.transpose_above, 0));
    static const std::vector<CaseResult> kNoCases;
    AuditGrid ag = audit_grid(d.rules, d.totals_only ? kNoCases : d.cases, d.table, lang, transposed,
                              t.markdown() ? 0 : 60);
    t.grid(ag.grid);
    write_legend(t, d, ag);
    t.heading(2, tr(lang, "Per regel", "Per rule"));
    t.grid(rules_grid(d.rules, d.table, lang));
    if (d.spooled) write_large(t, out, d);
    else if (!d.totals_only && d.opt.findings) write_findings(t, d);
    write_rejected(t, d);
    write_provenance(t, d);
}

// "EB: utfall för beslut 2023-09-23 är okänt": an unknown value the answer depends on.
std::string unknown_text(const RuleSet& rules, const UnknownValue& u, Lang lang) {
    if (u.event_type < 0)
        return fmt::format(fmt::runtime(tr(lang, "EB: ärendets {} är okänt", "EB: the case's {} is unknown")),
                           rules.schema.case_attrs().at(static_cast<size_t>(u.slot)).name);
    const EventSpec& e = rules.schema.event_types().at(static_cast<size_t>(u.event_type));
    return fmt::format(fmt::runtime(tr(lang, "EB: {} för {} {} är okänt", "EB: {} of {} {} is unknown")),
                       e.attrs.at(static_cast<size_t>(u.slot)).name, e.name, format_date(u.date));
}

// "Nej: för beslut 2024-03-02 (b) gäller inte: exists(vårdplan where date >= b.date)": the event an `every` failed on.
std::string bound_finding_text(const RuleSet& rules, const BoundFinding& f, Lang lang) {
    auto event = [&](int32_t type, Date date) {
        return rules.schema.event_types().at(static_cast<size_t>(type)).name + " " + format_date(date);
    };
    std::string events = event(f.event_type, f.date);
    if (f.next_type >= 0) events += tr(lang, " och ", " and ") + event(f.next_type, f.next_date);
    if (f.unknown)
        return fmt::format(fmt::runtime(tr(lang, "EB: för {} ({}) går det inte att avgöra om villkoret gäller: {}",
                                           "EB: for {} ({}) it cannot be decided whether the condition holds: {}")),
                           events, f.names, f.condition);
    return fmt::format(fmt::runtime(tr(lang, "Nej: för {} ({}) gäller inte {}", "No: for {} ({}) it does not hold that {}")), events,
                       f.names, f.condition);
}

bool write_text_case(std::ostream& out, const RuleSet& rules, const CaseResult& c, const Options& opt) {
    const CaseFindings f = findings_of(rules, c);
    if (f.empty()) return false;
    Text t(out, opt.format == Format::Markdown, opt.color && opt.format == Format::Terminal);
    case_findings(t, rules, f, opt.lang);
    return true;
}

void write_text_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices, const Options& opt) {
    const Lang lang = opt.lang;
    Text t(out, opt.format == Format::Markdown, opt.color && opt.format == Format::Terminal);
    t.heading(1, fmt::format(fmt::runtime(tr(lang, "Förklaring för ärende {}", "Explanation for case {}")), case_heading(c, lang)));
    auto numbers = questions_by_rule(rules);
    for (int r : rule_indices) {
        const RuleInfo& info = rules.rules.at(static_cast<size_t>(r));
        const RuleResult& res = c.rules.at(static_cast<size_t>(r));
        bool off = rule_off(rules, c, r);
        t.heading(2, info.id + " — " + (off ? std::string(kDash) : outcome_label(res.outcome, lang)));
        if (!numbers[static_cast<size_t>(r)].empty())
            t.item(fmt::format(fmt::runtime(tr(lang, "Besvarar fråga {}", "Answers question {}")), join(numbers[static_cast<size_t>(r)], ", ")));
        t.item(fmt::format(fmt::runtime(tr(lang, "Skäl: {}", "Reason: {}")), reason_label(off ? OutcomeReason::Disabled : res.reason, lang)));
        if (const RuleVersionInfo* v = version_used(rules, c, r)) {
            t.item(fmt::format(fmt::runtime(tr(lang, "Version {} av {} ({}): {}", "Version {} of {} ({}): {}")), res.version + 1,
                               info.versions.size(), period_text(*v, lang), v->question));
            t.item(fmt::format(fmt::runtime(tr(lang, "Lagrum: {}", "Legal basis: {}")), cites_text(*v)));
            if (!v->file.empty()) t.item(fmt::format(fmt::runtime(tr(lang, "Skriven i {}", "Written in {}")), v->file));
            // Et: why the rule did not apply, e.g. a duty not yet in force at the step's date.
            if (res.outcome == Outcome::Et && !v->explain.empty())
                t.item(fmt::format(fmt::runtime(tr(lang, "Förklaring: {}", "Explanation: {}")), printable(v->explain)));
        }
        const RuleTrace* trace = static_cast<size_t>(r) < c.traces.size() ? &c.traces[static_cast<size_t>(r)] : nullptr;
        if (trace && (res.outcome == Outcome::Nej || res.outcome == Outcome::EB))
            for (const BoundFinding& f : trace->bound_findings)
                if (f.unknown == (res.outcome == Outcome::EB)) t.item(bound_finding_text(rules, f, lang));
        if (trace && res.outcome == Outcome::EB) {
            for (const UnknownValue& u : trace->depends_on) t.item(unknown_text(rules, u, lang));
            if (!trace->missing_events.empty() && trace->depends_on.empty()) {
                std::vector<std::string> names;
                for (int32_t type : trace->missing_events)
                    names.push_back(rules.schema.event_types().at(static_cast<size_t>(type)).name);
                t.item(fmt::format(fmt::runtime(tr(lang, "EB: regeln läser händelser som inte finns i akten: {}",
                                                   "EB: the rule reads events the case file does not have: {}")),
                                   join(names, ", ")));
            }
            if (trace->too_many_unknowns)
                t.item(fmt::format(fmt::runtime(tr(lang, "EB: regeln läser fler än {} okända värden; svaret är inte prövat mot varje ifyllnad av dem",
                                                   "EB: the rule reads more than {} unknown values; the answer was not tried against every filling-in")),
                                   kMaxUnknowns));
        }
        if (!trace || trace->lines.empty()) {
            t.item(tr(lang, "Ingen spårning sparad.", "No trace recorded."));
        } else {
            t.item(tr(lang, "Spårning:", "Trace:"));
            for (const TraceLine& line : trace->lines)
                t.item(line.value.empty() ? line.text : line.text + " = " + line.value, 1 + std::max(line.depth, 0));
        }
        t.end_list();
    }
    bool any_steps = false;
    for (size_t p = 0; p < c.processes.size() && p < rules.processes.size(); ++p) {
        if (!any_steps) t.heading(2, tr(lang, "Processteg", "Process steps"));
        any_steps = true;
        for (size_t s = 0; s < c.processes[p].size(); ++s)
            t.item(step_problem_text(rules, {static_cast<int>(p), static_cast<int>(s), &c.processes[p][s]}, lang));
    }
    if (any_steps) t.end_list();
}

}  // namespace aktkoll::report::detail
