// What evaluation produces: per case and rule an outcome with the version of
// law used and, when asked, a trace; per case the process steps' status; and
// totals computed from those cells only.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/read_error.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

struct RuleResult {
    Outcome outcome = Outcome::Et;
    OutcomeReason reason = OutcomeReason::DoesNotApply;
    int8_t version = -1;  // index into RuleInfo::versions, -1 when none applied
};

// A line of the evaluation trace, in words: what a condition looked at.
// `value` is language-neutral: "true", "false", "unknown", a date, a
// number, a quoted enumeration value, or "(text)" for free text, which is
// never shown.
struct TraceLine {
    int depth = 0;
    std::string text;   // the expression, e.g. "exists(vårdplan)"
    std::string value;  // e.g. "false"
};

// An unknown value (null or missing) of the case: an attribute of the case
// (event_type -1) or of one event (its type and date).
struct UnknownValue {
    int32_t event_type = -1;
    int32_t slot = -1;
    Date date;
};

// Exact EB: an EB answer is re-checked by filling in the unknown values the
// rule reads in every way (booleans true/false, enumerations each value); it
// stays EB only when the answers differ. Bounded: with more unknowns or
// combinations than this the answer stays EB.
inline constexpr size_t kMaxUnknowns = 12;
inline constexpr size_t kMaxCompletions = 4096;

// An event (or a pair of consecutive events) for which a rule's `every`
// did not hold: its `has` was false (Nej) or unknown (EB). Named by event
// type and date only.
struct BoundFinding {
    std::string names;      // the names bound, as written: "b", "a, b"
    std::string condition;  // the `has` condition as written in the rule
    int32_t event_type = -1;
    Date date;
    int32_t next_type = -1;  // consecutive pairs: the next event
    Date next_date;
    bool unknown = false;
    friend bool operator==(const BoundFinding&, const BoundFinding&) = default;
};

struct RuleTrace {
    std::vector<TraceLine> lines;
    // EB only: the unknown values whose filling-in changes the answer, and
    // whether there were too many to try every filling-in.
    std::vector<UnknownValue> depends_on;
    bool too_many_unknowns = false;
    // EB only: event types the rule reads with first/last of which the case
    // documents none (nothing to fill in: the value is missing, not unknown).
    std::vector<int32_t> missing_events;
    // The events for which an `every` outside any other quantifier or `where` did not hold.
    std::vector<BoundFinding> bound_findings;
};

struct StepResult {
    StepStatus status = StepStatus::NotRequired;
    std::optional<Date> date;      // first documenting event
    int root_cause = -1;           // Missing: index of the missing step it follows from; -1 = itself the root cause
    int days_late = 0;             // Late: days past the deadline
    int before_step = -1;          // OutOfOrder: the step it is dated before
    bool uncertain = false;        // an event whose filter is unknown may document it earlier
    bool late_unknown = false;     // whether it is late depends on an unknown value (also when out of order)
};

struct CaseResult {
    std::string id;
    uint64_t line = 0;
    std::string file;
    std::string unit;  // case attribute `unit` when present (organisational, not personal)
    std::vector<RuleResult> rules;                 // by rule index
    std::vector<std::vector<StepResult>> processes;  // by process, by step
    std::vector<RuleTrace> traces;                 // by rule index, filled only when traces are asked for
};

// Ja/Nej/Et/EB counts. Share of Ja among the assessed (Ja + Nej).
struct Counts {
    std::array<uint64_t, kOutcomes> n{};
    void add(Outcome o) { ++n[static_cast<size_t>(o)]; }
    uint64_t of(Outcome o) const { return n[static_cast<size_t>(o)]; }
    uint64_t assessed() const { return of(Outcome::Ja) + of(Outcome::Nej); }
    uint64_t total() const { return n[0] + n[1] + n[2] + n[3]; }
    Counts& operator+=(const Counts& o) {
        for (size_t i = 0; i < n.size(); ++i) n[i] += o.n[i];
        return *this;
    }
    Counts& operator-=(const Counts& o) {
        for (size_t i = 0; i < n.size(); ++i) n[i] -= o.n[i];
        return *this;
    }
};

// The answer to a template question from its rules' outcomes: Nej if any
// Nej, else EB if any EB, else Ja if any Ja, else Et. Disabled rules are skipped.
Outcome question_outcome(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c);

struct Totals {
    uint64_t cases = 0;
    std::vector<Counts> per_rule;      // by rule index
    std::vector<Counts> per_question;  // by template question
    void add(const RuleSet& rules, const CaseResult& c);
    Totals& operator+=(const Totals& o);
    // Takes out cases added before (`o` counted a subset of them).
    Totals& operator-=(const Totals& o);
};

// Everything a report needs about a run besides the rule set.
struct RunInfo {
    std::string aktkoll_version;
    std::string evaluated_on;  // date of the run, YYYY-MM-DD
    std::vector<std::pair<std::string, std::string>> input_files;  // path, SHA-256
    ReadStats stats;
    std::vector<ReadError> rejected;  // every rejected record
    std::vector<MisspeltName> misspelt;  // names in the data close to a vocabulary name
    std::string period;               // "2026-01-01..2026-06-30" when a window was selected, else empty
};

}  // namespace aktkoll
