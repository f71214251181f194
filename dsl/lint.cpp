// Lint-only warnings: what is legal in the language but almost certainly not
// what the author meant.
#include <algorithm>
#include <set>

#include <fmt/core.h>

#include "dsl/checker.hpp"

namespace aktkoll::dsl {

namespace {

void conjuncts(const Expr* e, std::vector<const Expr*>& out) {
    if (!e) return;
    if (const auto* b = std::get_if<Binary>(&e->node); b && b->op == BinaryOp::And) {
        conjuncts(b->lhs.get(), out);
        conjuncts(b->rhs.get(), out);
    } else {
        out.push_back(e);
    }
}

bool contains(const std::vector<const Expr*>& list, const Expr& e) {
    return std::any_of(list.begin(), list.end(), [&](const Expr* x) { return same_expr(*x, e); });
}

void warn(const char* code, Diagnostics& diags, const Span& at, std::string message, std::string hint = {}) {
    Diagnostic d;
    d.code = code;
    d.severity = Severity::Warning;
    d.pos = at.pos;
    d.length = at.length;
    d.message = std::move(message);
    d.hint = std::move(hint);
    diags.add(std::move(d));
}

// `X and not X`, or a literal false.
bool never_true(const Expr& applies) {
    std::vector<const Expr*> parts;
    conjuncts(&applies, parts);
    for (const Expr* p : parts) {
        if (const auto* lit = std::get_if<Literal>(&p->node))
            if (const bool* b = std::get_if<bool>(&lit->value); b && !*b) return true;
        if (const auto* n = std::get_if<Not>(&p->node); n && contains(parts, *n->operand)) return true;
    }
    return false;
}

bool is_false_literal(const Expr& e) {
    const auto* lit = std::get_if<Literal>(&e.node);
    const bool* b = lit ? std::get_if<bool>(&lit->value) : nullptr;
    return b && !*b;
}

void rules(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    for (const auto& r : pack.rules) {
        if (r.disabled) continue;
        for (const RuleDecl* v : r.versions) {
            // `applies when false` written alone is deliberate: the duty was not
            // in force in this version's period (Et), not a contradiction.
            if (v->applies_when && !is_false_literal(*v->applies_when) && never_true(*v->applies_when))
                warn("AK0401", diags, v->applies_when->span,
                     fmt::format(fmt::runtime(tr(lang, "regeln '{}' kan aldrig tillämpas: villkoret motsäger sig självt",
                                                 "the rule '{}' can never apply: the condition contradicts itself")),
                                 r.id));
            if (!v->applies_when || !v->requirement) continue;
            std::vector<const Expr*> given, required;
            conjuncts(v->applies_when.get(), given);
            conjuncts(v->requirement.get(), required);
            if (std::all_of(required.begin(), required.end(), [&](const Expr* e) { return contains(given, *e); }))
                warn("AK0402", diags, v->requirement->span,
                     fmt::format(fmt::runtime(tr(lang, "kravet i '{}' är alltid uppfyllt när regeln tillämpas (det följer av 'applies when')",
                                                 "the requirement of '{}' always holds when the rule applies (it follows from 'applies when')")),
                                 r.id),
                     tr(lang, "regeln kan då bara ge Ja, Et eller EB", "the rule can then only give Ja, Et or EB"));
        }
    }
}

void unread_attributes(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    std::set<int> case_read;
    std::set<std::pair<int, int>> event_read;
    for (const auto& [expr, r] : pack.names) {
        (void)expr;
        if (r.kind == NameKind::CaseAttr) case_read.insert(r.slot);
        if (r.kind == NameKind::EventAttr) event_read.insert({r.event_type, r.slot});
    }
    for (const auto& layer : pack.layers)
        for (const auto& file : layer.files)
            for (const auto& item : file.ast.items) {
                const auto* v = std::get_if<Vocabulary>(&item);
                if (!v) continue;
                for (const auto& entry : v->items) {
                    if (const auto* a = std::get_if<AttrDecl>(&entry)) {
                        // `unit` is read by the tool itself (--unit, reports).
                        if (a->name != "unit" && !case_read.count(pack.schema.case_attr(a->name)))
                            warn("AK0403", diags, a->span, fmt::format(fmt::runtime(tr(lang, "ingen regel läser ärendeattributet '{}'",
                                                                             "no rule reads the case attribute '{}'")),
                                                             a->name));
                        continue;
                    }
                    const auto& e = std::get<EventDecl>(entry);
                    const int type = pack.schema.event_type(e.name);
                    for (const auto& a : e.attrs)
                        if (!event_read.count({type, pack.schema.event_attr(type, a.name)}))
                            warn("AK0404", diags, a.span, fmt::format(fmt::runtime(tr(lang, "ingen regel läser attributet '{}' hos '{}'",
                                                                           "no rule reads the attribute '{}' of '{}'")),
                                                            a.name, e.name));
                }
            }
}

}  // namespace

void lint(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    rules(pack, diags, lang);
    unread_attributes(pack, diags, lang);
}

}  // namespace aktkoll::dsl
