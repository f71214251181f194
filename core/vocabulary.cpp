#include "core/vocabulary.hpp"

#include <iterator>

namespace aktkoll {

namespace {

// One row per word: the stable key and the display words.
struct Word {
    const char* key;
    const char* sv;
    const char* en;
};

constexpr Word kOutcomeWords[] = {
    {"Ja", "Ja", "Yes"},
    {"Nej", "Nej", "No"},
    {"Et", "Et", "N/A"},
    {"EB", "EB", "U/A"},
};
constexpr const char* kOutcomeCountKeys[] = {"ja", "nej", "et", "eb"};

constexpr Word kSeverityWords[] = {
    {"high", "hög", "high"},
    {"medium", "medel", "medium"},
    {"low", "låg", "low"},
};

constexpr Word kReasonWords[] = {
    {"met", "kravet är uppfyllt", "the requirement is met"},
    {"not_met", "kravet är inte uppfyllt", "the requirement is not met"},
    {"does_not_apply", "regeln gäller inte ärendet", "the rule does not apply"},
    {"applies_unknown", "om regeln gäller beror på ett okänt värde (aktkoll explain visar vilket)",
     "whether the rule applies depends on an unknown value (aktkoll explain shows which)"},
    {"requirement_unknown", "om kravet är uppfyllt beror på ett okänt värde (aktkoll explain visar vilket)",
     "whether the requirement is met depends on an unknown value (aktkoll explain shows which)"},
    {"judged_date_unknown", "datumet som avgör vilken lag som gäller saknas eller beror på ett okänt värde",
     "the date that decides which law applies is missing or depends on an unknown value"},
    {"no_version_for_date", "ingen version av regeln gäller för datumet", "no version of the rule covers the date"},
    {"disabled", "regeln är avstängd", "the rule is switched off"},
};

constexpr Word kStepStatusWords[] = {
    {"present", "finns", "present"},
    {"missing", "saknas", "missing"},
    {"not_required", "krävs inte", "not required"},
    {"unknown", "kan inte bedömas", "cannot be assessed"},
    {"late", "för sent", "late"},
    {"out_of_order", "i fel ordning", "out of order"},
    {"not_yet_due", "ej förfallen", "not yet due"},
};
static_assert(std::size(kStepStatusWords) == kStepStatuses, "one word per step status");

// kAllStepStatuses lists each status once: a status added to the enum and
// the count but not to the list would otherwise repeat `Present` unnoticed.
constexpr bool each_step_status_once() {
    for (size_t i = 0; i < kAllStepStatuses.size(); ++i)
        if (static_cast<size_t>(kAllStepStatuses[i]) != i) return false;
    return true;
}
static_assert(each_step_status_once(), "kAllStepStatuses lists every step status once, in the enum's order");

template <class E, size_t N>
const Word& word(const Word (&table)[N], E e) {
    static_assert(N > 0);
    const auto i = static_cast<size_t>(e);
    return table[i < N ? i : 0];
}

}  // namespace

const char* outcome_key(Outcome o) { return word(kOutcomeWords, o).key; }
const char* outcome_count_key(Outcome o) { return kOutcomeCountKeys[static_cast<size_t>(o) % kOutcomes]; }
const char* outcome_label(Outcome o, Lang lang) { return tr(lang, word(kOutcomeWords, o).sv, word(kOutcomeWords, o).en); }

std::optional<Outcome> outcome_from_key(std::string_view key) {
    for (Outcome o : kAllOutcomes)
        if (key == outcome_key(o)) return o;
    return std::nullopt;
}

const char* severity_key(RuleSeverity s) { return word(kSeverityWords, s).key; }
const char* severity_label(RuleSeverity s, Lang lang) { return tr(lang, word(kSeverityWords, s).sv, word(kSeverityWords, s).en); }

const char* reason_key(OutcomeReason r) { return word(kReasonWords, r).key; }
const char* reason_label(OutcomeReason r, Lang lang) { return tr(lang, word(kReasonWords, r).sv, word(kReasonWords, r).en); }

const char* step_status_key(StepStatus s) { return word(kStepStatusWords, s).key; }
const char* step_status_label(StepStatus s, Lang lang) {
    return tr(lang, word(kStepStatusWords, s).sv, word(kStepStatusWords, s).en);
}

}  // namespace aktkoll
