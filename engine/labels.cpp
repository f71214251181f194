// Words for the enumerations that reports and diagnostics print. The
// outcome words are the ones auditors write in the template (Ja/Nej/Et/EB).
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

const char* outcome_label(Outcome o, Lang lang) {
    switch (o) {
        case Outcome::Ja: return tr(lang, "Ja", "Yes");
        case Outcome::Nej: return tr(lang, "Nej", "No");
        case Outcome::Et: return tr(lang, "Et", "N/A");
        case Outcome::EB: return tr(lang, "EB", "U/A");
    }
    return "?";
}

const char* severity_label(RuleSeverity s, Lang lang) {
    switch (s) {
        case RuleSeverity::High: return tr(lang, "hög", "high");
        case RuleSeverity::Medium: return tr(lang, "medel", "medium");
        case RuleSeverity::Low: return tr(lang, "låg", "low");
    }
    return "?";
}

const char* step_status_label(StepStatus s, Lang lang) {
    switch (s) {
        case StepStatus::Present: return tr(lang, "finns", "present");
        case StepStatus::Missing: return tr(lang, "saknas", "missing");
        case StepStatus::NotRequired: return tr(lang, "krävs inte", "not required");
        case StepStatus::Unknown: return tr(lang, "kan inte bedömas", "cannot be assessed");
        case StepStatus::Late: return tr(lang, "för sent", "late");
        case StepStatus::OutOfOrder: return tr(lang, "i fel ordning", "out of order");
    }
    return "?";
}

}  // namespace aktkoll
