// The words of an audit, once: each outcome, reason, severity and process-step
// status with its stable key (JSON, the history database, pack tests; the same
// in every language) and its display word in Swedish and English. Keys are
// spelled out here, never derived from a display word, so a change of wording
// cannot change a file format.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/text.hpp"

namespace aktkoll {

// The auditors' answers: Ja (met), Nej (not met), Et (does not apply), EB (cannot be assessed).
enum class Outcome : uint8_t { Ja, Nej, Et, EB };
inline constexpr int kOutcomes = 4;
inline constexpr std::array<Outcome, kOutcomes> kAllOutcomes{Outcome::Ja, Outcome::Nej, Outcome::Et, Outcome::EB};

const char* outcome_key(Outcome o);        // "Ja" "Nej" "Et" "EB": an outcome as a value
const char* outcome_count_key(Outcome o);  // "ja" "nej" "et" "eb": keys of a counts object (aktkoll-result/1)
std::optional<Outcome> outcome_from_key(std::string_view key);  // inverse of outcome_key
const char* outcome_label(Outcome o, Lang lang);  // "Ja" "Nej" "Et" "EB" / "Yes" "No" "N/A" "U/A"

enum class RuleSeverity : uint8_t { High, Medium, Low };
const char* severity_key(RuleSeverity s);  // "high" "medium" "low"
const char* severity_label(RuleSeverity s, Lang lang);

// Why a rule came out as it did, beyond the outcome itself.
enum class OutcomeReason : uint8_t {
    Met,                 // Ja
    NotMet,              // Nej
    DoesNotApply,        // Et: applies-when false
    AppliesUnknown,      // EB: applies-when unknown
    RequirementUnknown,  // EB: requirement unknown
    JudgedDateUnknown,   // EB: the date that picks the law is unknown
    NoVersionForDate,    // EB: no version of the rule covers the date
    Disabled,            // the rule is switched off by a layer (not counted)
};
const char* reason_key(OutcomeReason r);  // "met", "not_met", ...
const char* reason_label(OutcomeReason r, Lang lang);  // in words

// NotYetDue: required, not documented, and its deadline has not passed on the
// evaluation date (neither missing nor late).
enum class StepStatus : uint8_t { Present, Missing, NotRequired, Unknown, Late, OutOfOrder, NotYetDue };
// Every step status, in the enum's order: code that reports on all of them
// (coverage, diff) loops over this list rather than naming the statuses.
inline constexpr int kStepStatuses = 7;
inline constexpr std::array<StepStatus, kStepStatuses> kAllStepStatuses{
    StepStatus::Present, StepStatus::Missing, StepStatus::NotRequired, StepStatus::Unknown,
    StepStatus::Late,    StepStatus::OutOfOrder, StepStatus::NotYetDue};
const char* step_status_key(StepStatus s);  // "present", "missing", ...
const char* step_status_label(StepStatus s, Lang lang);

}  // namespace aktkoll
