// What changes when the rules change: both rule sets are evaluated on the
// same cases through the streaming pipeline (one pipeline reading each record
// once when the two share a vocabulary, as with --param; otherwise one per
// rule set, run side by side and paired by the record's place in the input),
// and per template question and per rule
// outside the template only the cases whose outcome changed are kept, with
// counts before and after and per transition. Memory grows with the changes,
// not with the cases.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "run/pipeline.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

// An answer on one side: Ja/Nej/Et/EB, or Off when every rule answering it
// is switched off by a layer.
enum class DiffOutcome : uint8_t { Ja, Nej, Et, EB, Off };
inline constexpr int kDiffOutcomes = 5;

struct AnswerChange {
    std::string case_id;
    DiffOutcome from = DiffOutcome::Off, to = DiffOutcome::Off;
};

enum class DiffPresence : uint8_t {
    Both,     // asked on both sides: the changes are listed
    Added,    // only in the new rules (or switched on there)
    Removed,  // only in the old rules (or switched off in the new)
};

struct DiffItem {
    bool question = true;  // a template question (matched by number) or a rule outside the template (by id)
    std::string key;       // question number or rule id
    std::string text_old, text_new;  // question text (of the rule's last version for rules)
    DiffPresence presence = DiffPresence::Both;
    std::array<uint64_t, kDiffOutcomes> before{}, after{};  // over the cases checked on both sides
    std::array<std::array<uint64_t, kDiffOutcomes>, kDiffOutcomes> transitions{};  // [from][to], from != to
    uint64_t changed = 0;
    std::vector<AnswerChange> changes;  // in input order (Both only)
};

// One difference in what the rules say, before any case is read: a rule's
// question, citations, severity, period, conditions or explanation as
// written, a rule added or removed, or a parameter's value.
struct TextChange {
    bool parameter = false;  // a parameter (subject = its name), else a rule (subject = its id)
    std::string subject;
    int version = 0;    // 1-based when the rule has several versions on either side, else 0
    std::string field;  // the clause as written: "question", "cite", "severity", "valid", "judged on",
                        // "applies when", "requires", "explain"; "rule" (added/removed); "value"
    std::string before, after;  // the text on each side; empty when absent there
};

// The differences in rule texts and parameters, rules in the old order then
// the new ones, then parameters likewise. `source` must be set on both.
std::vector<TextChange> text_changes(const RuleSet& old_rules, const RuleSet& new_rules);

// How one process step's state changed for one case.
struct StepChange {
    std::string case_id;
    StepStatus from = StepStatus::Present, to = StepStatus::Present;
};

// A process step found on both sides (by process and step name): per case
// its state before and after.
struct StepDiff {
    std::string process, step;
    std::array<std::array<uint64_t, kStepStatuses>, kStepStatuses> transitions{};  // [from][to], from != to
    uint64_t changed = 0;
    std::vector<StepChange> changes;  // in input order
};

struct RuleSetDiff {
    std::vector<TextChange> texts;
    std::vector<DiffItem> items;  // questions (old template order, then added ones), then rules outside the template
    std::vector<StepDiff> steps;  // steps of the old processes that the new rules also have
    uint64_t cases = 0;           // checked with both rule sets
    uint64_t cases_changed = 0;   // of those, with a changed answer to any item or a changed step state
    uint64_t only_old = 0, only_new = 0;  // records accepted by one side's vocabulary only
    PipelineReport old_report, new_report;  // the same report when read_once
    bool read_once = false;  // the rule sets share a vocabulary: each record was read once for both
};

// Runs both rule sets over `files`: one pipeline when their schemas are equal,
// else two side by side.
RuleSetDiff diff_rule_sets(const RuleSet& old_rules, const RuleSet& new_rules, const std::vector<std::string>& files,
                           const PipelineOptions& options);

const char* diff_outcome_label(DiffOutcome o, Lang lang);  // outcome_label, "–" for Off

}  // namespace aktkoll
