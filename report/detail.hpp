// Internal to report/: the model the writers share (audit table, findings,
// grids) and small text helpers. Not part of the public interface.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"

namespace aktkoll::report::detail {

// ---- text helpers (labels.cpp) --------------------------------------------

// Width on a terminal, counted in code points (Swedish letters are two bytes).
size_t display_width(std::string_view utf8);
// At most `max_chars` code points; a cut text ends in "…" (within the limit).
std::string cut_to_width(std::string_view utf8, size_t max_chars);
// Tabs and line breaks become spaces; other control characters (ANSI
// escapes), bidi overrides and invalid UTF-8 bytes become U+FFFD. Applied to
// every string printed, so nothing from an input file can steer a terminal.
std::string printable(std::string_view s);

// "5/7 (71 %)"; "–" when nothing was assessed (Ja + Nej = 0).
std::string share_text(const Counts& c, Lang lang);
// Rounded percent, but never 100 unless all were Ja and never 0 unless none.
int share_percent(uint64_t ja, uint64_t assessed);

inline constexpr const char* kDash = "–";  // U+2013: not asked / nothing to divide

std::string date_text(const std::optional<Date>& d);  // "YYYY-MM-DD" or ""
// "2002-01-01 – 2025-06-30", "från 2025-07-01", "hela tiden"
std::string period_text(const RuleVersionInfo& v, Lang lang);
std::string join(const std::vector<std::string>& parts, std::string_view sep);


// ---- the model (model.cpp) ------------------------------------------------

// A question is asked unless every rule answering it is switched off (by a
// layer for the whole rule set; per case also by a selection of rules).
bool question_asked(const QuestionInfo& q, const RuleSet& rules);
bool question_asked(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c);
// A question a layer answers with its own rules (`replace question`): "besvaras
// av LOK-VP-1 (ragunda) i stället för VP-1: <reason>"; empty for any other.
std::string replaced_note(const QuestionInfo& q, const RuleSet& rules, Lang lang);
// The question's text, followed by the note in parentheses when there is one.
std::string question_text(const QuestionInfo& q, const RuleSet& rules, Lang lang);
// The rule does not count for this case (switched off by a layer).
bool rule_off(const RuleSet& rules, const CaseResult& c, int rule);

struct QuestionRow {
    const QuestionInfo* info = nullptr;
    bool asked = true;                          // false: switched off or asked of no case; counts print "–"
    std::vector<std::optional<Outcome>> cells;  // by case; nullopt when not asked of the case
    Counts counts;                              // from the cells
};

struct AuditTable {
    std::vector<QuestionRow> rows;  // template order
    std::vector<Counts> per_rule;   // by rule index
    uint64_t cases = 0;             // cases evaluated
};

// Cells and counts from the cases; throws std::logic_error when `totals`
// disagrees with the counts of the cells (a bug upstream).
AuditTable audit_table(const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals);
// Counts only, from totals (no cells).
AuditTable totals_table(const RuleSet& rules, const Totals& totals);

// Question numbers each rule answers, by rule index.
std::vector<std::vector<std::string>> questions_by_rule(const RuleSet& rules);

struct StepProblem {
    int process = 0, step = 0;
    const StepResult* result = nullptr;
};

// What an auditor must look at in one case: rules that came out Nej or EB,
// and process steps that are missing, late, out of order or unknown.
struct CaseFindings {
    const CaseResult* c = nullptr;
    std::vector<int> rules;
    std::vector<StepProblem> steps;
    bool empty() const { return rules.empty() && steps.empty(); }
};
CaseFindings findings_of(const RuleSet& rules, const CaseResult& c);
const RuleVersionInfo* version_used(const RuleSet& rules, const CaseResult& c, int rule);

// ---- findings in words (findings.cpp), unescaped: each writer escapes ------

struct RuleFinding {
    Outcome outcome = Outcome::Nej;
    std::string rule_id;
    std::string questions;  // "1, 2" or "" when the rule answers no template question
    std::string question;   // the question of the version used (or of the last version)
    std::vector<std::string> details;  // reason (EB), citations and period, severity, explanation
};
RuleFinding rule_finding(const RuleSet& rules, const CaseResult& c, int rule, Lang lang);
std::string step_problem_text(const RuleSet& rules, const StepProblem& p, Lang lang);
// "K-0002 (cases/a.ndjson:2, enhet: Vuxen)"
std::string case_heading(const CaseResult& c, Lang lang);
std::string cites_text(const RuleVersionInfo& v);

// ---- grids: tables before rendering (model.cpp, table.cpp) ---------------

enum class Align : uint8_t { Left, Right, Center };
enum class Tone : uint8_t { Plain, Ja, Nej, Et, EB, Off };
Tone tone_of(std::optional<Outcome> o);

struct Cell {
    std::string text;
    Tone tone = Tone::Plain;
};

struct Grid {
    std::vector<std::string> header;
    std::vector<Align> align;
    std::vector<std::vector<Cell>> rows;
    size_t body_rows = 0;  // rows from here on are totals
};

struct AuditGrid {
    Grid grid;
    bool transposed = false;
    bool truncated = false;  // some question text was cut: print the legend
};

// Questions as rows and cases as columns, or (transposed) the other way with
// the totals as last rows. `max_question_chars` 0 = full texts.
AuditGrid audit_grid(const RuleSet& rules, const std::vector<CaseResult>& cases, const AuditTable& t,
                     Lang lang, bool transposed, size_t max_question_chars);
Grid rules_grid(const RuleSet& rules, const AuditTable& t, Lang lang);

void render_terminal(std::ostream& out, const Grid& g, bool color);
void render_markdown(std::ostream& out, const Grid& g);
void render_csv(std::ostream& out, const Grid& g);  // with BOM, ';', CRLF, RFC 4180 quoting

std::string md_escape(std::string_view s);
std::string csv_field(std::string_view s);
std::string html_escape(std::string_view s);

// ---- one case at a time (model.cpp, text.cpp, html.cpp, json.cpp) --------
// The pieces a report repeats per case, so that a large report can write
// them as the cases come (stream.cpp) and a small one in its loops.

// The case's answer to a question; nullopt when the question is not asked of it.
std::optional<Outcome> case_answer(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c);
// The case as a row of the transposed audit table: its id, then each question's answer.
std::vector<Cell> case_row(const RuleSet& rules, const CaseResult& c, Lang lang);
// The transposed table's header: "Ärende", then the question numbers.
std::vector<std::string> case_row_header(const RuleSet& rules, Lang lang);
std::vector<Align> case_row_align(const RuleSet& rules);
// Findings of one case (nothing when it has none); false when it has none.
bool write_text_case(std::ostream& out, const RuleSet& rules, const CaseResult& c, const Options& opt);
bool write_html_case(std::ostream& out, const RuleSet& rules, const CaseResult& c, Lang lang);
// The case's JSON object on one line, written straight into a string: the
// bytes of json_case_by_reference without building a JSON value per case
// (which took most of the time of a large JSON report). The rule set's own
// strings (rule ids, citations, question numbers, process and step names) are
// quoted once, here.
class JsonCaseWriter {
public:
    explicit JsonCaseWriter(const RuleSet& rules);
    void write(std::string& out, const CaseResult& c) const;  // appends to `out`

private:
    const RuleSet& rules_;
    std::vector<std::string> rule_keys_;                   // "ID":{"outcome":
    std::vector<std::vector<std::string>> version_tails_;  // by rule and version: ,"version":..,"valid_until":..}
    std::vector<std::string> question_keys_;               // "NUMBER":
    std::vector<std::string> process_keys_;                // "NAME":{
    std::vector<std::vector<std::string>> step_keys_;      // by process and step: "NAME":{"status":
    std::vector<std::vector<std::string>> step_names_;     // by process and step: "NAME"
    bool by_reference_ = false;  // a name given twice (one JSON key for both): json_case_by_reference
    void write_rules(std::string& out, const CaseResult& c) const;
    void write_steps(std::string& out, const CaseResult& c) const;
};
// The same object built as nlohmann::ordered_json and dumped: the reference
// the writer is tested against.
std::string json_case_by_reference(const RuleSet& rules, const CaseResult& c);

// One row of a grid, as render_terminal/render_markdown/render_csv/render_html write it.
void render_terminal_row(std::ostream& out, const std::vector<Cell>& cells, const std::vector<size_t>& widths,
                         const std::vector<Align>& align, bool color);
void render_markdown_row(std::ostream& out, const std::vector<Cell>& cells);
void render_csv_row(std::ostream& out, const std::vector<Cell>& cells);
void render_html_row(std::ostream& out, const std::vector<Cell>& cells, const std::vector<Align>& align);
std::string terminal_rule_line(const std::vector<size_t>& widths);

// Bytes kept in an unlinked temporary file (std::tmpfile) until the report
// is written: per-case sections of a report too large to hold in memory.
class Spool {
public:
    Spool();
    ~Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;
    void write(std::string_view bytes);
    void copy_to(std::ostream& out) const;  // throws std::runtime_error on a write or read error
    bool empty() const { return bytes_ == 0; }

private:
    std::FILE* file_ = nullptr;
    uint64_t bytes_ = 0;
};

// A report with more cases than Options::large_above: the per-case parts,
// already rendered, and what the layout needs to frame them.
struct Spooled {
    uint64_t cases = 0;
    bool per_case = false;        // the per-case parts are in the spools (csv, json, or --all-cases)
    Spool rows;                   // the audit table's rows, one per case (json: the case objects)
    Spool findings;               // findings per case (terminal, md, html)
    bool any_findings = false;
    std::vector<size_t> widths;   // terminal: the columns of `rows`
};

// ---- whole documents ------------------------------------------------------

struct Document {
    const RuleSet& rules;
    const std::vector<CaseResult>& cases;  // empty for totals only and for spooled reports
    const AuditTable& table;
    const RunInfo& run;
    const Options& opt;
    bool totals_only = false;
    const StepTally* steps = nullptr;      // null: counted from `cases`
    const Spooled* spooled = nullptr;      // a large report: per-case parts from here
};

// A large report's "most frequent findings": rules by Nej and EB, steps by
// problem, most frequent first (count > 0 only, at most `limit` rows).
Grid frequent_findings_grid(const RuleSet& rules, const AuditTable& t, const StepTally& steps, Lang lang, size_t limit);
// The one line that says per-case results were left out, and how to get them.
std::string per_case_note(uint64_t cases, uint64_t above, Lang lang);

void write_text(std::ostream& out, const Document& d);  // terminal or markdown
void write_json(std::ostream& out, const Document& d);
void write_html(std::ostream& out, const Document& d);

// ---- charts (charts.cpp): inline SVG, no scripts, no external resources ---

struct ShareBar {
    std::string label;  // "1"
    std::string title;  // the question, for the tooltip
    Counts counts;
    bool asked = true;
};
// Horizontal bars: each question's Ja and Nej as parts of the assessed.
std::string svg_share_bars(const std::vector<ShareBar>& bars, Lang lang);
// A small line chart of shares over periods (0–100 %); gaps where nothing was assessed.
std::string svg_trend_line(const std::vector<std::string>& periods, const std::vector<std::optional<Counts>>& points,
                           Lang lang);

// ---- HTML pieces shared by the check report and the trend (html.cpp, trend.cpp)

// <!DOCTYPE html> ... <body>, with the shared stylesheet (print rules included).
void write_html_head(std::ostream& out, const std::string& title, Lang lang);
// The share-over-periods charts and table of a trend, as HTML sections.
void write_html_trend_sections(std::ostream& out, const Trend& t, Lang lang);

void write_text_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices, const Options& opt);
void write_json_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices);
void write_html_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices, const Options& opt);

}  // namespace aktkoll::report::detail
