// Template answers and totals, computed from the per-case cells only: a
// question's count is the count of its cells, never a number typed elsewhere.
#include <cstdint>
#include <optional>
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

namespace {

// Which rules count for the case, worked out once per case rather than once
// per rule and again for every question that names the rule.
const std::vector<uint8_t>& counting_rules(const RuleSet& rules, const CaseResult& c) {
    thread_local std::vector<uint8_t> counts;
    counts.resize(rules.rules.size());
    for (size_t r = 0; r < rules.rules.size(); ++r) counts[r] = rule_counts(rules, c, r);
    return counts;
}

// The question's cell as question_outcome() and question_asked() define it;
// nullopt when the question is not asked.
std::optional<Outcome> question_cell(const QuestionInfo& q, const std::vector<uint8_t>& counts,
                                     const CaseResult& c) {
    bool asked = false, any_eb = false, any_ja = false;
    for (int r : q.rules) {
        if (r < 0) continue;
        const auto i = static_cast<size_t>(r);
        if (i >= counts.size()) throw std::logic_error("aggregate: rule index out of range for case " + c.id);
        if (!counts[i]) continue;
        asked = true;
        switch (c.rules[i].outcome) {
            case Outcome::Nej: return Outcome::Nej;
            case Outcome::EB: any_eb = true; break;
            case Outcome::Ja: any_ja = true; break;
            case Outcome::Et: break;
        }
    }
    if (!asked) return std::nullopt;
    if (any_eb) return Outcome::EB;
    if (any_ja) return Outcome::Ja;
    return Outcome::Et;
}

}  // namespace

void Totals::add(const RuleSet& rules, const CaseResult& c) {
    if (per_rule.size() != rules.rules.size()) per_rule.resize(rules.rules.size());
    if (per_question.size() != rules.questions.size()) per_question.resize(rules.questions.size());
    ++cases;
    const auto& counts = counting_rules(rules, c);
    for (size_t r = 0; r < counts.size(); ++r)
        if (counts[r]) per_rule[r].add(c.rules[r].outcome);
    for (size_t q = 0; q < rules.questions.size(); ++q)
        if (auto cell = question_cell(rules.questions[q], counts, c)) per_question[q].add(*cell);
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
