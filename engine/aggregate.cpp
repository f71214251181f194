// Template answers and totals, computed from the per-case cells only: a
// question's count is the count of its cells, never a number typed elsewhere.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "engine/results.hpp"

namespace aktkoll {

namespace {

bool rule_counts(const RuleSet& rules, const CaseResult& c, size_t r) {
    if (r >= rules.rules.size() || r >= c.rules.size())
        throw std::logic_error("aggregate: rule index out of range for case " + c.id);
    return !rules.rules[r].disabled && c.rules[r].reason != OutcomeReason::Disabled;
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
    const size_t n = rules.rules.size();
    if (c.rules.size() < n) throw std::logic_error("aggregate: rule index out of range for case " + c.id);
    if (per_rule.size() != n) per_rule.resize(n);
    if (per_question.size() != rules.questions.size()) per_question.resize(rules.questions.size());
    ++cases;
    // Once per case: a counter per rule and per question, no allocation.
    auto counts = [&](size_t r) { return !rules.rules[r].disabled && c.rules[r].reason != OutcomeReason::Disabled; };
    for (size_t r = 0; r < n; ++r)
        if (counts(r)) per_rule[r].add(c.rules[r].outcome);
    // Each question's cell as question_outcome() defines it; no cell when no
    // counting rule asks it.
    for (size_t q = 0; q < rules.questions.size(); ++q) {
        bool asked = false, any_eb = false, any_ja = false, any_nej = false;
        for (int r : rules.questions[q].rules) {
            if (r < 0) continue;
            const auto i = static_cast<size_t>(r);
            if (i >= n) throw std::logic_error("aggregate: rule index out of range for case " + c.id);
            if (!counts(i)) continue;
            asked = true;
            const Outcome o = c.rules[i].outcome;
            any_nej = any_nej || o == Outcome::Nej;
            any_eb = any_eb || o == Outcome::EB;
            any_ja = any_ja || o == Outcome::Ja;
        }
        if (!asked) continue;
        per_question[q].add(any_nej ? Outcome::Nej : any_eb ? Outcome::EB : any_ja ? Outcome::Ja : Outcome::Et);
    }
}

namespace {

// Both of the same rule set (either may be empty: no case counted yet).
void same_shape(Totals& t, const Totals& o) {
    if (t.per_rule.empty()) t.per_rule.resize(o.per_rule.size());
    if (t.per_question.empty()) t.per_question.resize(o.per_question.size());
    if ((!o.per_rule.empty() && o.per_rule.size() != t.per_rule.size()) ||
        (!o.per_question.empty() && o.per_question.size() != t.per_question.size()))
        throw std::logic_error("Totals: totals of different rule sets");
}

}  // namespace

Totals& Totals::operator+=(const Totals& o) {
    same_shape(*this, o);
    cases += o.cases;
    for (size_t i = 0; i < o.per_rule.size(); ++i) per_rule[i] += o.per_rule[i];
    for (size_t i = 0; i < o.per_question.size(); ++i) per_question[i] += o.per_question[i];
    return *this;
}

Totals& Totals::operator-=(const Totals& o) {
    same_shape(*this, o);
    if (o.cases > cases) throw std::logic_error("Totals::operator-=: more cases taken out than counted");
    cases -= o.cases;
    for (size_t i = 0; i < o.per_rule.size(); ++i) per_rule[i] -= o.per_rule[i];
    for (size_t i = 0; i < o.per_question.size(); ++i) per_question[i] -= o.per_question[i];
    return *this;
}

}  // namespace aktkoll
