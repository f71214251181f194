// The history of self-inspections in one SQLite file: each saved run records
// the pack and its version, rule versions, parameters, period label,
// evaluation date, aktkoll version, input hashes, totals per question and the
// outcome per case and rule (by the export's pseudonymous case id). Trends
// and changed outcomes between periods are read back from it.
//
// The schema is versioned (PRAGMA user_version, mirrored in table `meta`) and
// migrated one step at a time inside a transaction. A database written by a
// newer aktkoll is refused, never rewritten.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

// The schema version this aktkoll writes and understands.
inline constexpr int kHistorySchemaVersion = 2;
inline constexpr const char* kHistorySchemaName = "aktkoll-history";

// Records one run under `label` (e.g. "2026H1"). Earlier runs are kept; a
// later run with the same label supersedes it in trends. Creates the file
// when missing and migrates an older schema first. Returns an error message
// for the user, or "" on success.
std::string save_run(const std::string& path, const RuleSet& rules, const std::vector<CaseResult>& cases,
                     const Totals& totals, const RunInfo& run, const std::string& label, Lang lang);

// One stored period: the latest run saved under its label.
struct HistoryPeriod {
    std::string label;
    std::string evaluated_on;
    std::string period;  // "FROM..TO" when the run selected one, else ""
    std::string pack, pack_version;
    int64_t cases = 0;
};

struct QuestionTrend {
    std::string number, text;        // text of the latest period that asked it
    std::vector<std::optional<Counts>> by_period;  // parallel to Trend::periods; nullopt = not asked then
};

struct OutcomeChange {
    std::string question;  // number
    std::string case_id;
    Outcome from = Outcome::Et, to = Outcome::Et;
};

struct Trend {
    std::vector<HistoryPeriod> periods;  // oldest first
    std::vector<QuestionTrend> questions;  // in the order of the latest period's template
    std::string from_label, to_label;    // the compared periods; empty when fewer than two
    std::vector<OutcomeChange> changes;  // by question (template order), then case id
};

struct TrendRequest {
    std::string from, to;  // labels; empty = the two latest periods
    std::string exclude;   // a label to leave out (the run about to be saved)
};

// Reads the trend (read-only; the file is never changed). Returns an error
// message, or "" and fills `out`. Periods are ordered by the start of their
// --period when every run had one, else by when the label was first saved.
std::string load_trend(const std::string& path, const TrendRequest& request, Lang lang, Trend& out);

// Share of Ja among the assessed, exactly: {ja, ja + nej}.
inline double share_of(const Counts& c) {
    return c.assessed() == 0 ? 0.0 : static_cast<double>(c.of(Outcome::Ja)) / static_cast<double>(c.assessed());
}

}  // namespace aktkoll
