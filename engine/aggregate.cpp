// Template answers and totals, computed from the per-case cells only: a
// question's count is the count of its cells, never a number typed elsewhere.
#include <stdexcept>

#include "engine/results.hpp"

namespace aktkoll {

namespace {

bool rule_counts(const RuleSet& rules, const CaseResult& c, size_t r) {
    if (r >= rules.rules.size() || r >= c.rules.size())
        throw std::logic_error("aggregate: rule index out of range for case " + c.id);
    return !rules.rules[r].disabled && c.rules[r].reason != OutcomeReason::Disabled;
}

// A question none of whose rules counts for the case (switched off by a
// layer, or left out by a selection) is not asked: its cell prints as "–"
// and is not counted.
bool question_asked(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c) {
    for (int r : q.rules)
        if (r >= 0 && rule_counts(rules, c, static_cast<size_t>(r))) return true;
    return false;
}

}  // namespace

Outcome question_outcome(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c) {
    bool any_eb = false, any_ja = false;
    for (int r : q.rules) {
        if (r < 0 || !rule_counts(rules, c, static_cast<size_t>(r))) continue;
        switch (c.rules[r].outcome) {
            case Outcome::Nej: return Outcome::Nej;
            case Outcome::EB: any_eb = true; break;
            case Outcome::Ja: any_ja = true; break;
            case Outcome::Et: break;
        }
    }
    if (any_eb) return Outcome::EB;
    if (any_ja) return Outcome::Ja;
    return Outcome::Et;
}

void Totals::add(const RuleSet& rules, const CaseResult& c) {
    per_rule.resize(rules.rules.size());
    per_question.resize(rules.questions.size());
    ++cases;
    for (size_t r = 0; r < rules.rules.size(); ++r)
        if (rule_counts(rules, c, r)) per_rule[r].add(c.rules[r].outcome);
    for (size_t q = 0; q < rules.questions.size(); ++q)
        if (question_asked(rules.questions[q], rules, c))
            per_question[q].add(question_outcome(rules.questions[q], rules, c));
}

Totals& Totals::operator+=(const Totals& o) {
    if (per_rule.empty()) per_rule.resize(o.per_rule.size());
    if (per_question.empty()) per_question.resize(o.per_question.size());
    if ((!o.per_rule.empty() && o.per_rule.size() != per_rule.size()) ||
        (!o.per_question.empty() && o.per_question.size() != per_question.size()))
        throw std::logic_error("Totals::operator+=: totals of different rule sets");
    cases += o.cases;
    for (size_t i = 0; i < o.per_rule.size(); ++i) per_rule[i] += o.per_rule[i];
    for (size_t i = 0; i < o.per_question.size(); ++i) per_question[i] += o.per_question[i];
    return *this;
}

}  // namespace aktkoll
