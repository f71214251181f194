#include "authoring/coverage.hpp"

#include <algorithm>
#include <functional>

#include "engine/compile.hpp"

namespace aktkoll {

namespace {

// The operands of an and/or chain, or the node itself.
void operands(const CompiledRules& c, int32_t node, std::vector<int32_t>& out) {
    if (node < 0) return;
    const ProgramNode& n = c.nodes[static_cast<size_t>(node)];
    if (n.op == Op::And || n.op == Op::Or) {
        operands(c, n.a, out);
        operands(c, n.b, out);
    } else {
        out.push_back(node);
    }
}

// Every node below `node` (inclusive), for finding filters and reads.
void walk(const CompiledRules& c, int32_t node, const std::function<void(int32_t)>& f) {
    if (node < 0) return;
    f(node);
    const ProgramNode& n = c.nodes[static_cast<size_t>(node)];
    walk(c, n.a, f);
    walk(c, n.b, f);
    walk(c, n.c, f);
    walk(c, n.where, f);
}

// EB needs a value that can be unknown: an attribute, or the date of a
// first/last event that may not exist. Event types in `known` are known to
// exist (applies when says exists(T), or an `or` says `not exists(T)`).
bool may_be_unknown(const CompiledRules& c, int32_t node, std::vector<int32_t> known) {
    if (node < 0) return false;
    const ProgramNode& n = c.nodes[static_cast<size_t>(node)];
    auto exists_type = [&](int32_t i) -> int32_t {
        const ProgramNode& e = c.nodes[static_cast<size_t>(i)];
        return e.op == Op::Exists && e.where < 0 ? e.type : -1;
    };
    switch (n.op) {
        case Op::CaseAttr:
        case Op::EventAttr:
        case Op::BoundAttr:
        case Op::AgeYear:  // reads `born`
        case Op::AgeDate: return true;
        case Op::First:
        case Op::Last:
            if (n.slot >= 0 || n.where >= 0) return true;
            return std::find(known.begin(), known.end(), n.type) == known.end();
        case Op::Or: {
            for (int32_t side : {n.a, n.b}) {
                const ProgramNode& s = c.nodes[static_cast<size_t>(side)];
                if (s.op == Op::Not && exists_type(s.a) >= 0) known.push_back(exists_type(s.a));
            }
            return may_be_unknown(c, n.a, known) || may_be_unknown(c, n.b, known);
        }
        default:
            return may_be_unknown(c, n.a, known) || may_be_unknown(c, n.b, known) || may_be_unknown(c, n.c, known) ||
                   may_be_unknown(c, n.where, known);
    }
}

std::vector<int32_t> required_types(const CompiledRules& c, int32_t applies) {
    std::vector<int32_t> ops, types;
    operands(c, applies, ops);
    if (applies >= 0 && c.nodes[static_cast<size_t>(applies)].op == Op::Or) return types;
    for (int32_t i : ops) {
        const ProgramNode& e = c.nodes[static_cast<size_t>(i)];
        if (e.op == Op::Exists && e.where < 0) types.push_back(e.type);
    }
    return types;
}


// Values each node took over the examples, whatever their parameters
// (kCoveredTrue, kCoveredFalse, kCoveredUnknown by node index).
std::vector<uint8_t> values_seen(const RuleSet& rules, const std::vector<PackTestResult>& results) {
    std::vector<uint8_t> seen(rules.compiled->nodes.size(), 0);
    for (const auto& r : results) {
        if (r.seen.size() != seen.size()) continue;  // not run, or another program
        for (size_t i = 0; i < seen.size(); ++i) seen[i] |= r.seen[i];
    }
    return seen;
}

// Outcomes a rule can give at all: Et needs a condition, EB a
// value that can be unknown or a date that picks the law.
std::array<bool, kOutcomes> possible_outcomes(const CompiledRules& c, const CompiledRule& cr) {
    std::array<bool, kOutcomes> possible{};
    possible[static_cast<size_t>(Outcome::Ja)] = possible[static_cast<size_t>(Outcome::Nej)] = true;
    bool& et = possible[static_cast<size_t>(Outcome::Et)];
    bool& eb = possible[static_cast<size_t>(Outcome::EB)];
    for (const auto& v : cr.versions) {
        et = et || v.applies >= 0;  // a date outside every version is EB, not Et
        eb = eb || may_be_unknown(c, v.applies, {}) || may_be_unknown(c, v.requires_, required_types(c, v.applies)) ||
             cr.judged_on >= 0;
    }
    return possible;
}

ConditionCoverage condition_seen(const CompiledRules& c, const std::vector<uint8_t>& seen, const char* clause, int32_t node) {
    const uint8_t bits = seen[static_cast<size_t>(node)];
    return {clause, c.nodes[static_cast<size_t>(node)].text, (bits & kCoveredTrue) != 0, (bits & kCoveredFalse) != 0};
}

// Each operand of the clause's and/or chain, each `where` filter inside it,
// and the condition of each `if` (which branch was taken).
void add_conditions(const CompiledRules& c, const std::vector<uint8_t>& seen, const char* clause, int32_t root,
                    std::vector<ConditionCoverage>& out) {
    std::vector<int32_t> ops;
    operands(c, root, ops);
    for (int32_t i : ops) {
        // A constant (`applies when false`: a duty not yet in force) takes one value by design.
        if (c.nodes[static_cast<size_t>(i)].op == Op::Const) continue;
        out.push_back(condition_seen(c, seen, clause, i));
    }
    walk(c, root, [&](int32_t i) {
        const ProgramNode& n = c.nodes[static_cast<size_t>(i)];
        if (n.where >= 0) out.push_back(condition_seen(c, seen, "where", n.where));
        // A quantifier's `has`, over the events (or pairs) it was evaluated for.
        if (n.op == Op::Every || n.op == Op::Some || n.op == Op::EveryPair || n.op == Op::SomePair)
            out.push_back(condition_seen(c, seen, "has", n.a));
        if (n.op == Op::If) out.push_back(condition_seen(c, seen, "if", n.a));
    });
}

// The same condition in several versions of the law counts once.
std::vector<ConditionCoverage> merge_conditions(std::vector<ConditionCoverage> conditions) {
    std::vector<ConditionCoverage> merged;
    for (auto& cond : conditions) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const ConditionCoverage& m) {
            return m.clause == cond.clause && m.text == cond.text;
        });
        if (it == merged.end()) merged.push_back(std::move(cond));
        else {
            it->seen_true = it->seen_true || cond.seen_true;
            it->seen_false = it->seen_false || cond.seen_false;
        }
    }
    return merged;
}

RuleCoverage rule_coverage(const RuleSet& rules, size_t r, const std::vector<uint8_t>& seen,
                           const std::vector<PackTestResult>& results) {
    const CompiledRules& c = *rules.compiled;
    const CompiledRule& cr = c.rules[r];
    RuleCoverage rc;
    rc.id = rules.rules[r].id;
    rc.possible = possible_outcomes(c, cr);
    for (const auto& v : cr.versions) {
        add_conditions(c, seen, "applies when", v.applies, rc.conditions);
        add_conditions(c, seen, "requires", v.requires_, rc.conditions);
    }
    for (const auto& res : results) {
        if (res.result.rules.size() <= r || !res.error.empty()) continue;
        if (res.test->expect.count(rc.id) == 0) continue;  // count only what the examples state
        rc.reached[static_cast<size_t>(res.result.rules[r].outcome)] = true;
    }
    rc.conditions = merge_conditions(std::move(rc.conditions));
    return rc;
}

std::vector<DeadlineCoverage> deadline_coverage(const RuleSet& rules, const std::vector<uint8_t>& seen) {
    const CompiledRules& c = *rules.compiled;
    std::vector<DeadlineCoverage> out;
    for (size_t p = 0; p < c.processes.size(); ++p) {
        for (size_t s = 0; s < c.processes[p].steps.size(); ++s) {
            const int32_t w = c.processes[p].steps[s].within;
            if (w < 0) continue;
            const uint8_t bits = seen[static_cast<size_t>(w)];
            out.push_back({rules.processes[p].name, rules.processes[p].steps[s].name, c.nodes[static_cast<size_t>(w)].text,
                           (bits & kCoveredTrue) != 0, (bits & kCoveredFalse) != 0});
        }
    }
    return out;
}

std::vector<StepCoverage> step_coverage(const RuleSet& rules, const std::vector<PackTestResult>& results) {
    std::vector<StepCoverage> out;
    for (size_t p = 0; p < rules.processes.size(); ++p) {
        const auto& steps = rules.processes[p].steps;
        for (size_t s = 0; s < steps.size(); ++s) {
            StepCoverage sc{rules.processes[p].name, steps[s].name, {}};
            for (const auto& r : results)
                if (r.error.empty() && p < r.result.processes.size() && s < r.result.processes[p].size())
                    sc.reached[static_cast<size_t>(r.result.processes[p][s].status)] = true;
            out.push_back(std::move(sc));
        }
    }
    return out;
}

}  // namespace

double CoverageReport::percent() const {
    size_t all = 0, covered = 0;
    for (const auto& r : rules) {
        for (int o = 0; o < kOutcomes; ++o) {
            all += r.possible[static_cast<size_t>(o)];
            covered += r.possible[static_cast<size_t>(o)] && r.reached[static_cast<size_t>(o)];
        }
        for (const auto& c : r.conditions) {
            all += 2;
            covered += c.seen_true + c.seen_false;
        }
    }
    for (const auto& d : deadlines) {
        all += 2;
        covered += d.met + d.missed;
    }
    return all ? 100.0 * static_cast<double>(covered) / static_cast<double>(all) : 100.0;
}

CoverageReport measure_coverage(const RuleSet& rules, const std::vector<PackTest>& tests,
                                const std::vector<PackTestResult>& results) {
    CoverageReport report;
    report.examples = tests.size();
    const std::vector<uint8_t> seen = values_seen(rules, results);
    for (size_t r = 0; r < rules.rules.size(); ++r)
        if (!rules.rules[r].disabled) report.rules.push_back(rule_coverage(rules, r, seen, results));
    report.deadlines = deadline_coverage(rules, seen);
    report.steps = step_coverage(rules, results);
    return report;
}

}  // namespace aktkoll
