// What the rules say, compared clause by clause (authoring/diff.hpp:
// text_changes): the author sees which texts and parameters changed before
// the cases whose answers changed with them.
#include <functional>

#include "authoring/diff.hpp"
#include "dsl/checker.hpp"
#include "dsl/format.hpp"

namespace aktkoll {

namespace {

std::string expr_text(const dsl::ExprPtr& e) { return e ? dsl::expression_text(*e) : ""; }

std::string period_text(const dsl::RuleDecl& r) {
    if (!r.valid_from) return "";
    std::string s = "from " + format_date(*r.valid_from);
    if (r.valid_until) s += " until " + format_date(*r.valid_until);
    return s;
}

std::string cites_text(const dsl::RuleDecl& r) {
    std::string s;
    for (const auto& c : r.cites) s += (s.empty() ? "" : "; ") + c.text;
    return s;
}

std::string severity_text(const dsl::RuleDecl& r) {
    if (!r.severity) return "";
    switch (*r.severity) {
        case dsl::RuleSeverity::High: return "high";
        case dsl::RuleSeverity::Medium: return "medium";
        case dsl::RuleSeverity::Low: return "low";
    }
    return "";
}

// Each clause of a rule version as written, in the language's clause order.
// The explanation is compared before its parameters are filled in: a changed
// parameter is reported once, as a parameter.
const std::vector<std::pair<const char*, std::function<std::string(const dsl::RuleDecl&)>>>& clauses() {
    static const std::vector<std::pair<const char*, std::function<std::string(const dsl::RuleDecl&)>>> all = {
        {"question", [](const dsl::RuleDecl& r) { return r.question ? r.question->text : ""; }},
        {"cite", cites_text},
        {"severity", severity_text},
        {"valid", period_text},
        {"judged on", [](const dsl::RuleDecl& r) { return expr_text(r.judged_on); }},
        {"applies when", [](const dsl::RuleDecl& r) { return expr_text(r.applies_when); }},
        {"requires", [](const dsl::RuleDecl& r) { return expr_text(r.requirement); }},
        {"explain", [](const dsl::RuleDecl& r) { return r.explain ? r.explain->text : ""; }},
    };
    return all;
}

const dsl::CheckedRule* find_rule(const dsl::CheckedPack& pack, const std::string& id) {
    for (const auto& r : pack.rules)
        if (r.id == id) return &r;
    return nullptr;
}

std::string question_of(const dsl::CheckedRule& r) {
    const dsl::RuleDecl& last = *r.versions.back();
    return last.question ? last.question->text : "";
}

void compare_rule(const dsl::CheckedRule& o, const dsl::CheckedRule& n, std::vector<TextChange>& out) {
    const size_t versions = std::max(o.versions.size(), n.versions.size());
    for (size_t v = 0; v < versions; ++v) {
        const dsl::RuleDecl* a = v < o.versions.size() ? o.versions[v] : nullptr;
        const dsl::RuleDecl* b = v < n.versions.size() ? n.versions[v] : nullptr;
        const int number = versions > 1 ? static_cast<int>(v + 1) : 0;
        for (const auto& [field, text] : clauses()) {
            std::string before = a ? text(*a) : "", after = b ? text(*b) : "";
            if (before != after) out.push_back({false, o.id, number, field, std::move(before), std::move(after)});
        }
    }
}

void compare_rules(const dsl::CheckedPack& o, const dsl::CheckedPack& n, std::vector<TextChange>& out) {
    for (const auto& r : o.rules) {
        if (const auto* other = find_rule(n, r.id)) compare_rule(r, *other, out);
        else out.push_back({false, r.id, 0, "rule", question_of(r), ""});
    }
    for (const auto& r : n.rules)
        if (!find_rule(o, r.id)) out.push_back({false, r.id, 0, "rule", "", question_of(r)});
}

const ParamInfo* find_param(const RuleSet& rules, const std::string& name) {
    for (const auto& p : rules.params)
        if (p.name == name) return &p;
    return nullptr;
}

void compare_params(const RuleSet& o, const RuleSet& n, std::vector<TextChange>& out) {
    for (const auto& p : o.params) {
        const ParamInfo* other = find_param(n, p.name);
        if (!other || other->value != p.value) out.push_back({true, p.name, 0, "value", p.value, other ? other->value : ""});
    }
    for (const auto& p : n.params)
        if (!find_param(o, p.name)) out.push_back({true, p.name, 0, "value", "", p.value});
}

}  // namespace

std::vector<TextChange> text_changes(const RuleSet& old_rules, const RuleSet& new_rules) {
    std::vector<TextChange> out;
    if (old_rules.source && new_rules.source) compare_rules(*old_rules.source, *new_rules.source, out);
    compare_params(old_rules, new_rules, out);
    return out;
}

}  // namespace aktkoll
