// Lint-only warnings: what is legal in the language but almost certainly not
// what the author meant.
#include <algorithm>
#include <set>

#include <fmt/core.h>

#include "dsl/checker.hpp"
#include "dsl/format.hpp"

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


// --- conditions that are always true or always false -------------------------

// 1 when the comparison `l op r` holds, 0 when it does not, -1 when the
// literals cannot be ordered (different types, lists).
int compare_literals(BinaryOp op, const Literal& l, const Literal& r) {
    if (l.value.index() != r.value.index() || l.value.index() == 4) return -1;
    const auto order = l.value <=> r.value;
    switch (op) {
        case BinaryOp::Eq: return order == 0;
        case BinaryOp::Ne: return order != 0;
        case BinaryOp::Lt: return order < 0;
        case BinaryOp::Le: return order <= 0;
        case BinaryOp::Gt: return order > 0;
        case BinaryOp::Ge: return order >= 0;
        default: return -1;
    }
}

// `a op b` read as `b op' a`.
BinaryOp mirrored(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: return BinaryOp::Gt;
        case BinaryOp::Le: return BinaryOp::Ge;
        case BinaryOp::Gt: return BinaryOp::Lt;
        case BinaryOp::Ge: return BinaryOp::Le;
        default: return op;
    }
}

// A count is never negative: `count(...) op n` for every count >= 0 holds (1),
// never holds (0), or depends on the count (-1).
int count_comparison(BinaryOp op, int64_t n) {
    switch (op) {
        case BinaryOp::Ge: return n <= 0 ? 1 : -1;
        case BinaryOp::Gt: return n < 0 ? 1 : -1;
        case BinaryOp::Le: return n < 0 ? 0 : -1;
        case BinaryOp::Lt: return n <= 0 ? 0 : -1;
        case BinaryOp::Eq: return n < 0 ? 0 : -1;
        case BinaryOp::Ne: return n < 0 ? 1 : -1;
        default: return -1;
    }
}

bool is_comparison(BinaryOp op) {
    return op == BinaryOp::Eq || op == BinaryOp::Ne || op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt ||
           op == BinaryOp::Ge;
}

const Literal* literal_of(const Expr& e) { return std::get_if<Literal>(&e.node); }

bool is_count(const Expr& e) {
    const auto* q = std::get_if<Query>(&e.node);
    return q && q->kind == QueryKind::Count;
}

}  // namespace

int constant_comparison(const Binary& b) {
    if (!is_comparison(b.op)) return -1;
    const Literal* l = literal_of(*b.lhs);
    const Literal* r = literal_of(*b.rhs);
    if (l && r) return compare_literals(b.op, *l, *r);
    const int64_t* n = r ? std::get_if<int64_t>(&r->value) : nullptr;
    if (n && is_count(*b.lhs)) return count_comparison(b.op, *n);
    n = l ? std::get_if<int64_t>(&l->value) : nullptr;
    if (n && is_count(*b.rhs)) return count_comparison(mirrored(b.op), *n);
    return -1;
}

namespace {

void disjuncts(const Expr* e, std::vector<const Expr*>& out) {
    if (const auto* b = std::get_if<Binary>(&e->node); b && b->op == BinaryOp::Or) {
        disjuncts(b->lhs.get(), out);
        disjuncts(b->rhs.get(), out);
    } else {
        out.push_back(e);
    }
}

bool is_bool_literal(const Expr& e, bool value) {
    const Literal* lit = literal_of(e);
    const bool* b = lit ? std::get_if<bool>(&lit->value) : nullptr;
    return b && *b == value;
}

// The part `X` of a chain that also holds `not X`, or null.
const Expr* negated_pair(const std::vector<const Expr*>& parts) {
    for (const Expr* p : parts)
        if (const auto* n = std::get_if<Not>(&p->node); n && contains(parts, *n->operand)) return n->operand.get();
    return nullptr;
}

// Reads an expression's names: does it use the date of the event a `where` filters?
bool reads_event_date(const CheckedPack& pack, const Expr& e) {
    auto it = pack.names.find(&e);
    if (it != pack.names.end() && it->second.kind == NameKind::EventDate && std::holds_alternative<NameRef>(e.node))
        return true;
    if (const auto* b = std::get_if<Binary>(&e.node)) return reads_event_date(pack, *b->lhs) || reads_event_date(pack, *b->rhs);
    return false;
}

// Walks every expression of the pack for comparisons of a value with itself
// and conditions whose value is fixed whatever the case holds.
class ConditionLint {
public:
    ConditionLint(const CheckedPack& pack, Diagnostics& diags, Lang lang) : pack_(pack), diags_(diags), lang_(lang) {}

    // `applies_root`: the expression is a rule's `applies when`, whose
    // contradictions AK0401 reports already.
    void walk(const Expr& e, bool applies_root = false, BinaryOp chain = BinaryOp::Add) {
        if (const auto* b = std::get_if<Binary>(&e.node)) {
            if (b->op == BinaryOp::And && chain != BinaryOp::And && !applies_root) and_chain(e);
            if (b->op == BinaryOp::Or && chain != BinaryOp::Or) or_chain(e);
            if (is_comparison(b->op)) comparison(e, *b);
            walk(*b->lhs, false, b->op);
            walk(*b->rhs, false, b->op);
        } else if (const auto* q = std::get_if<Query>(&e.node)) {
            if (q->where) walk(*q->where);
        } else if (const auto* n = std::get_if<Not>(&e.node)) {
            walk(*n->operand);
        } else if (const auto* in = std::get_if<InList>(&e.node)) {
            walk(*in->value);
        } else if (const auto* k = std::get_if<IsKnown>(&e.node)) {
            walk(*k->value);
        } else if (const auto* qu = std::get_if<Quantifier>(&e.node)) {
            if (qu->where) walk(*qu->where);
            if (qu->body) walk(*qu->body);
        } else if (const auto* c = std::get_if<Conditional>(&e.node)) {
            walk(*c->cond);
            walk(*c->then_);
            walk(*c->else_);
        } else if (const auto* call = std::get_if<Call>(&e.node)) {
            for (const auto& a : call->args) walk(*a);
        }
    }

private:
    const CheckedPack& pack_;
    Diagnostics& diags_;
    Lang lang_;

    const char* t(const char* sv, const char* en) const { return tr(lang_, sv, en); }

    // `date >= date` inside a `where`: the checker's AK0267 says it already, with the bound name to use.
    bool checker_warns(const Expr& lhs) const {
        auto it = pack_.names.find(&lhs);
        return std::holds_alternative<NameRef>(lhs.node) && it != pack_.names.end() &&
               (it->second.kind == NameKind::EventAttr || it->second.kind == NameKind::EventDate);
    }

    void comparison(const Expr& e, const Binary& b) {
        if (same_expr(*b.lhs, *b.rhs)) {
            if (checker_warns(*b.lhs)) return;
            const bool holds = b.op == BinaryOp::Eq || b.op == BinaryOp::Le || b.op == BinaryOp::Ge;
            warn("AK0410", diags_, e.span,
                 fmt::format(fmt::runtime(holds ? t("'{}' jämförs med sig själv: jämförelsen är alltid sann (när värdet är känt)",
                                                    "'{}' is compared with itself: the comparison always holds (when the value is known)")
                                                : t("'{}' jämförs med sig själv: jämförelsen är aldrig sann",
                                                    "'{}' is compared with itself: the comparison never holds")),
                             expression_text(*b.lhs)),
                 reads_event_date(pack_, *b.lhs)
                     ? t("i 'where' är 'date' datumet för händelsen som prövas; jämför med en annan händelses datum, t.ex. first(aktualisering).date",
                         "inside 'where', 'date' is the date of the event being tested; compare with another event's date, e.g. first(aktualisering).date")
                     : t("jämför med ett annat värde, t.ex. en annan händelses attribut", "compare with another value, e.g. another event's attribute"));
            return;
        }
        const int value = constant_comparison(b);
        if (value >= 0) constant(e, value == 1, expression_text(e));
    }

    void and_chain(const Expr& e) {
        std::vector<const Expr*> parts;
        conjuncts(&e, parts);
        if (const Expr* x = negated_pair(parts))
            constant(e, false, fmt::format("{0} and not {0}", expression_text(*x)));
        else if (std::any_of(parts.begin(), parts.end(), [](const Expr* p) { return is_bool_literal(*p, false); }))
            constant(e, false, "… and false");
    }

    void or_chain(const Expr& e) {
        std::vector<const Expr*> parts;
        disjuncts(&e, parts);
        if (const Expr* x = negated_pair(parts))
            constant(e, true, fmt::format("{0} or not {0}", expression_text(*x)));
        else if (std::any_of(parts.begin(), parts.end(), [](const Expr* p) { return is_bool_literal(*p, true); }))
            constant(e, true, "… or true");
    }

    void constant(const Expr& e, bool value, const std::string& text) {
        if (value)
            warn("AK0411", diags_, e.span,
                 fmt::format(fmt::runtime(t("villkoret är alltid sant: {}", "the condition always holds: {}")), text),
                 t("det prövar då ingenting; skriv det villkor som avsågs", "it then tests nothing; write the condition that was meant"));
        else
            warn("AK0412", diags_, e.span,
                 fmt::format(fmt::runtime(t("villkoret är aldrig sant: {}", "the condition never holds: {}")), text),
                 t("skriv det villkor som avsågs", "write the condition that was meant"));
    }
};

void conditions(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    ConditionLint lint(pack, diags, lang);
    for (const auto& r : pack.rules) {
        if (r.disabled) continue;
        for (const RuleDecl* v : r.versions)
            for (const Expr* e : {v->judged_on.get(), v->applies_when.get(), v->requirement.get()})
                if (e) lint.walk(*e, e == v->applies_when.get());
    }
    for (const auto& p : pack.processes)
        for (const auto& s : p.steps)
            for (const Expr* e : {s.decl->where.get(), s.decl->required_when.get(), s.decl->within.get()})
                if (e) lint.walk(*e);
}

// --- versions, parameters, layers -------------------------------------------------

void version_gaps(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    for (const auto& r : pack.rules) {
        if (r.disabled) continue;
        for (const auto& gap : gaps_between_versions(r.versions)) {
            const std::string days = gap.first == gap.last
                                         ? format_date(gap.first)
                                         : format_date(gap.first) + " – " + format_date(gap.last);
            warn("AK0413", diags, gap.next->valid_span.pos.line ? gap.next->valid_span : gap.next->id_span,
                 fmt::format(fmt::runtime(tr(lang, "ingen version av '{}' gäller {}", "no version of '{}' is in force {}")), r.id, days),
                 tr(lang, "ett ärende som bedöms på en dag i luckan får EB; låt versionen före sluta dagen innan denna börjar",
                    "a case judged on a day in the gap gets EB; let the version before end the day before this one starts"));
        }
    }
}

void unused_parameters(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    std::set<int> read;
    for (const auto& [expr, r] : pack.names) {
        (void)expr;
        if (r.kind == NameKind::Param) read.insert(r.slot);
    }
    const int top = static_cast<int>(pack.layers.size()) - 1;
    for (size_t i = 0; i < pack.params.size(); ++i) {
        const CheckedParam& p = pack.params[i];
        if (p.layer != top || read.count(static_cast<int>(i))) continue;
        const std::string placeholder = "{" + p.decl->name + "}";
        const bool explained = std::any_of(pack.rules.begin(), pack.rules.end(), [&](const CheckedRule& r) {
            return std::any_of(r.versions.begin(), r.versions.end(), [&](const RuleDecl* v) {
                return v->explain && v->explain->text.find(placeholder) != std::string::npos;
            });
        });
        if (!explained)
            warn("AK0414", diags, p.decl->span,
                 fmt::format(fmt::runtime(tr(lang, "parametern '{}' används inte av någon regel eller process",
                                             "the parameter '{}' is not used by any rule or process")),
                             p.decl->name),
                 tr(lang, "ta bort parametern, eller använd den där den avsågs", "remove the parameter, or use it where it was meant"));
    }
}

// The `disable rule` statements of a layer for `id`.
std::vector<const RuleDisable*> disables_of(const PackLayer& layer, const std::string& id) {
    std::vector<const RuleDisable*> out;
    for (const auto& f : layer.files)
        for (const auto& item : f.ast.items)
            if (const auto* d = std::get_if<RuleDisable>(&item); d && d->rule_id == id) out.push_back(d);
    return out;
}

// A question of a lower layer that a later layer's `disable rule` leaves with
// no rule to answer it. (AK0243 covers questions written after the disable.)
void unanswered_questions(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    for (const auto& q : pack.questions) {
        if (q.rules.empty()) continue;
        int last = -1;
        for (int i : q.rules) {
            const CheckedRule& r = pack.rules[static_cast<size_t>(i)];
            if (!r.disabled) {
                last = -1;
                break;
            }
            last = std::max(last, r.disabled_by);
        }
        if (last <= q.layer) continue;
        for (int i : q.rules) {
            const CheckedRule& r = pack.rules[static_cast<size_t>(i)];
            if (r.disabled_by != last) continue;
            for (const RuleDisable* d : disables_of(pack.layers[static_cast<size_t>(last)], r.id))
                warn("AK0415", diags, d->span,
                     fmt::format(fmt::runtime(tr(lang, "när '{}' stängs av besvarar ingen regel fråga {} i mallen '{}'",
                                                 "with '{}' disabled no rule answers question {} of the template '{}'")),
                                 r.id, q.decl->number, pack.template_name),
                     tr(lang, "frågan ställs då inte; låt en lokal regel besvara den (extend template … answered by …), eller behåll regeln",
                        "the question is then not asked; let a local rule answer it (extend template … answered by …), or keep the rule"));
        }
    }
}

}  // namespace

std::vector<VersionGap> gaps_between_versions(const std::vector<const RuleDecl*>& versions) {
    std::vector<VersionGap> out;
    for (size_t i = 1; i < versions.size(); ++i) {
        const RuleDecl* a = versions[i - 1];
        const RuleDecl* b = versions[i];
        if (!a->valid_until || !b->valid_from) continue;
        const Date first{a->valid_until->days + 1};
        const Date last{b->valid_from->days - 1};
        if (first <= last) out.push_back({first, last, b});
    }
    return out;
}

void lint(const CheckedPack& pack, Diagnostics& diags, Lang lang) {
    rules(pack, diags, lang);
    conditions(pack, diags, lang);
    version_gaps(pack, diags, lang);
    unused_parameters(pack, diags, lang);
    unanswered_questions(pack, diags, lang);
    unread_attributes(pack, diags, lang);
}

}  // namespace aktkoll::dsl
