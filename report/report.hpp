// Report writers: turn evaluation results into what auditors hand in. The
// audit table (template questions × cases, Ja/Nej/Et/EB, totals computed from
// the cells), findings per case, rejected input records and provenance, as
// terminal text, Markdown, CSV (Swedish Excel), JSON (docs/json-format.md) or
// one self-contained HTML file. Reports print only ids, dates, rule texts and
// enumerated values, never free text from case data.
#pragma once

#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "history/history.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll::report {

enum class Format { Terminal, Markdown, Csv, Json, Html, Xlsx };

// "terminal"|"text", "md"|"markdown", "csv", "json", "html", "xlsx"; nullopt otherwise.
std::optional<Format> parse_format(std::string_view name);

// The JSON schema written by the JSON format (see docs/json-format.md).
inline constexpr const char* kJsonFormat = "aktkoll-result/1";
inline constexpr const char* kJsonExplainFormat = "aktkoll-explain/1";

// What a report covers, from the review workbook's cover sheet and the
// command line; every field may be empty.
struct Scope {
    std::string kommun, namnd, reviewer, review_date, sample_seed;
    std::vector<std::string> cases, units;
    bool empty() const {
        return kommun.empty() && namnd.empty() && reviewer.empty() && review_date.empty() && sample_seed.empty() &&
               cases.empty() && units.empty();
    }
};

struct Options {
    Format format = Format::Terminal;
    Lang lang = Lang::Sv;
    bool color = false;          // ANSI colours (the CLI sets it when stdout is a TTY)
    int transpose_above = 12;    // more cases than this: print cases as rows, questions as columns
    bool findings = true;        // the findings section after the table
    // HTML only. The process picture as SVG text (Graphviz output, rendered by
    // the caller: report writers run no programs); empty = a table of step counts.
    std::string process_svg;
    // HTML only. Earlier periods from the history (check --save): drawn as a
    // trend with this run as the latest point, labelled `period_label`.
    std::optional<Trend> history;
    std::string period_label;
    // More cases than this make a large report: every format then holds at
    // most this many cases in memory and writes the rest as they come; the
    // readable formats (terminal, md, html) show the totals and the most
    // frequent findings, and the per-case table and findings only with
    // `all_cases` (check --all-cases). csv and json always have every case.
    uint64_t large_above = 1000;
    bool all_cases = false;
    // The report's own title (--title, the review workbook's cover), instead
    // of the template's; and what was reviewed, shown in the header.
    std::string title;
    Scope scope;
};

// Per process and step: cases per StepStatus (by its value), and how many of
// the missing were the root cause (index kRootCause). For the HTML process
// table and picture, counted as the cases come.
inline constexpr size_t kRootCause = kStepStatuses;
struct StepTally {
    std::vector<std::vector<std::array<uint64_t, kStepStatuses + 1>>> counts;  // [process][step]
    void add(const RuleSet& rules, const CaseResult& c);
};

// The header's lines for the scope: ("Kommun", "Grums"), ... (set fields only).
std::vector<std::pair<std::string, std::string>> scope_lines(const Scope& s, Lang lang);

// The whole check report: header (pack, version, layers, parameters,
// provenance), the audit table, per-rule totals, findings grouped by case,
// and the list of rejected input records. CSV holds the audit table only.
// `totals` must be the totals of exactly `cases`: the table's counts are
// computed from the cells and checked against it (std::logic_error if not).
void write_check(std::ostream& out, const RuleSet& rules, const std::vector<CaseResult>& cases,
                 const Totals& totals, const RunInfo& run, const Options& opt);

// The check report written as the cases come (Format::Xlsx excepted): `add`
// each case in input order, then `write` the whole report once the totals
// and provenance are known. Up to Options::large_above cases are held and
// written exactly as write_check would; past that, each case's parts are
// rendered at once into a temporary file and copied into place by `write`,
// so memory does not grow with the number of cases. For Format::Xlsx it
// only counts (write_check_xlsx writes the workbook) and `write` throws.
class CheckReport {
public:
    CheckReport(const RuleSet& rules, const Options& opt);
    ~CheckReport();
    CheckReport(const CheckReport&) = delete;
    CheckReport& operator=(const CheckReport&) = delete;
    void add(const CaseResult& c);
    uint64_t cases() const;
    bool large() const;
    const StepTally& steps() const;
    // `opt` as given to the constructor, plus what is known only after the
    // run (Options::process_svg). `totals` must be the totals of the added cases.
    void write(std::ostream& out, const Totals& totals, const RunInfo& run, const Options& opt) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The audit workbook (Format::Xlsx): sheets "Aktgranskning" (questions ×
// cases, totals, coloured cells, frozen header), "Anmärkningar" (findings
// with citations) and "Proveniens" (pack, versions, hashes, parameters);
// English sheet names with Lang::En. libxlsxwriter writes to a file, so this
// takes a path (the caller makes it atomic by writing beside and renaming).
// With `totals_only` the cases are not shown (`cases` may be empty).
// Up to kXlsxColumns - 7 cases are columns; more are rows. More than
// kXlsxMaxCases cases, or more findings than a sheet has rows, give an error
// and no file (csv and --per-case have no such limit).
// Returns an error message, or "" on success. write_check and write_totals
// throw std::invalid_argument for Format::Xlsx.
inline constexpr uint64_t kXlsxColumns = 16384;      // columns in an Excel sheet
inline constexpr uint64_t kXlsxRows = 1048576;       // rows in an Excel sheet
inline constexpr uint64_t kXlsxMaxCases = 1000000;   // leaves rows for the totals and the question texts
std::string write_check_xlsx(const std::string& path, const RuleSet& rules, const std::vector<CaseResult>& cases,
                             const Totals& totals, const RunInfo& run, const Options& opt, bool totals_only = false);

// The history's trend (aktkoll trend): each question's share Ja of the
// assessed per stored period, oldest first, with counts, and the cases whose
// answer changed between the two compared periods. Terminal, Markdown, JSON
// (aktkoll-trend/1) or HTML (with inline SVG charts); CSV and Xlsx are refused
// with std::invalid_argument.
inline constexpr const char* kJsonTrendFormat = "aktkoll-trend/1";
void write_trend(std::ostream& out, const Trend& trend, const Options& opt);

// Only totals (for runs over very many cases: no per-case columns or findings).
void write_totals(std::ostream& out, const RuleSet& rules, const Totals& totals, const RunInfo& run,
                  const Options& opt);

// Why each outcome came out as it did, for one case (all rules when
// `rule_indices` is empty, else the given ones), from CaseResult::traces.
void write_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                   const std::vector<int>& rule_indices, const Options& opt);

// `s` as a JSON string, quoted and escaped, appended to `out`: the bytes
// nlohmann::json's dump writes (UTF-8 kept, invalid bytes replaced by U+FFFD).
void append_json_string(std::string& out, std::string_view s);

}  // namespace aktkoll::report
