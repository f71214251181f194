#include "report/prose.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace aktkoll::report {

using dsl::BinaryOp;
using dsl::Expr;
using dsl::NameKind;
using dsl::QueryKind;
using dsl::TypeKind;

namespace {

// Where a condition is read: outside any `where`, or inside the `where` of
// an event type (then a bare name is an attribute of that event).
struct Ctx {
    const dsl::CheckedPack* pack = nullptr;
    Lang lang = Lang::Sv;
    const std::string* scope = nullptr;  // event type of the enclosing `where`

    Ctx in(const std::string& event_type) const { return {pack, lang, &event_type}; }
    const char* t(const char* sv, const char* en) const { return tr(lang, sv, en); }
};

std::string fmt_rt(Lang lang, const char* sv, const char* en, const std::string& a) {
    return fmt::format(fmt::runtime(tr(lang, sv, en)), a);
}
std::string fmt_rt(Lang lang, const char* sv, const char* en, const std::string& a, const std::string& b) {
    return fmt::format(fmt::runtime(tr(lang, sv, en)), a, b);
}
std::string fmt_rt(Lang lang, const char* sv, const char* en, const std::string& a, const std::string& b,
                   const std::string& c) {
    return fmt::format(fmt::runtime(tr(lang, sv, en)), a, b, c);
}

std::optional<dsl::Resolution> resolution(const Ctx& c, const Expr& e) {
    if (!c.pack) return std::nullopt;
    auto it = c.pack->names.find(&e);
    if (it == c.pack->names.end()) return std::nullopt;
    return it->second;
}

// The kind of a name when no checked pack is at hand: `date` and other names
// inside a `where` are the event's, parameters are looked up, the rest are
// case attributes.
NameKind name_kind(const Ctx& c, const Expr& e, const std::string& name) {
    if (auto r = resolution(c, e)) return r->kind;
    if (c.scope) return name == "date" ? NameKind::EventDate : NameKind::EventAttr;
    if (c.pack && c.pack->param_index(name) >= 0) return NameKind::Param;
    return NameKind::CaseAttr;
}

std::optional<TypeKind> type_of(const Ctx& c, const Expr& e) {
    if (!c.pack) return std::nullopt;
    auto it = c.pack->types.find(&e);
    if (it == c.pack->types.end() || it->second.kind == TypeKind::Error) return std::nullopt;
    return it->second.kind;
}

bool is_date(const Ctx& c, const Expr& e) {
    if (auto t = type_of(c, e)) return *t == TypeKind::Date;
    if (std::holds_alternative<dsl::Today>(e.node)) return true;
    if (const auto* l = std::get_if<dsl::Literal>(&e.node)) return std::holds_alternative<Date>(l->value);
    if (const auto* n = std::get_if<dsl::NameRef>(&e.node)) return c.scope && n->name == "date";
    if (const auto* q = std::get_if<dsl::Query>(&e.node))
        return (q->kind == QueryKind::First || q->kind == QueryKind::Last) && q->attr == "date";
    if (const auto* b = std::get_if<dsl::BoundAttr>(&e.node)) return b->attr == "date";
    if (const auto* b = std::get_if<dsl::Binary>(&e.node)) {
        if (b->op == BinaryOp::Earliest || b->op == BinaryOp::Latest) return true;
        return (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) && is_date(c, *b->lhs) && !is_date(c, *b->rhs);
    }
    return false;
}

bool is_bool(const Ctx& c, const Expr& e) {
    if (auto t = type_of(c, e)) return *t == TypeKind::Bool;
    if (const auto* l = std::get_if<dsl::Literal>(&e.node)) return std::holds_alternative<bool>(l->value);
    return false;
}

std::string value(const Ctx& c, const Expr& e);
std::string call_value(const Ctx& c, const dsl::Call& call);
Prose condition(const Ctx& c, const Expr& e);
Prose negation(const Ctx& c, const Expr& e);

std::string param_value(const Ctx& c, const std::string& name) {
    if (!c.pack) return name;
    int i = c.pack->param_index(name);
    if (i < 0) return name;
    return literal_text(c.pack->params[static_cast<size_t>(i)].value, c.lang);
}

std::string days_word(Lang lang, const std::string& n) {
    return n == "1" ? tr(lang, "dag", "day") : tr(lang, "dagar", "days");
}

// Days, or calendar months/years after `months`/`years`.
std::string unit_word(Lang lang, const Expr& e, const std::string& n) {
    const bool one = n == "1";
    switch (e.calendar) {
        case dsl::CalendarUnit::Months: return one ? tr(lang, "månad", "month") : tr(lang, "månader", "months");
        case dsl::CalendarUnit::Years: return one ? tr(lang, "år", "year") : tr(lang, "år", "years");
        case dsl::CalendarUnit::None: break;
    }
    return days_word(lang, n);
}

bool unit_written(const Expr& e) { return e.days_unit || e.calendar != dsl::CalendarUnit::None; }

// A number of days (or months, years): "14 dagar", "14 dagar (utredning_inom_dagar)".
std::string days(const Ctx& c, const Expr& e) {
    if (const auto* l = std::get_if<dsl::Literal>(&e.node); l && std::holds_alternative<int64_t>(l->value)) {
        std::string n = std::to_string(std::get<int64_t>(l->value));
        return n + " " + unit_word(c.lang, e, n);
    }
    if (const auto* n = std::get_if<dsl::NameRef>(&e.node); n && name_kind(c, e, n->name) == NameKind::Param) {
        std::string v = param_value(c, n->name);
        return v + " " + unit_word(c.lang, e, v) + " (" + n->name + ")";
    }
    return value(c, e) + " " + unit_word(c.lang, e, "");
}

// An event type in Swedish words, from the vocabulary's label ("ett
// beslut"): the article decides the gender. Without a label the sentence
// names the type ("en händelse av typen beslut"), which is correct whatever
// the gender. English documents name the type as written. After "första",
// "antalet" the type is named as written: a label gives no definite form.
const std::string* event_label(const Ctx& c, const std::string& type) {
    if (!c.pack || c.lang != Lang::Sv) return nullptr;
    auto it = c.pack->event_labels.find(type);
    return it == c.pack->event_labels.end() ? nullptr : &it->second;
}

// English "a"/"an" before a type name as written (Swedish words mostly):
// "an" before a vowel letter, Swedish å, ä, ö included ("an insats", "an överlämning").
std::string english_article(const std::string& word) {
    static const std::string_view kVowels[] = {"a", "e", "i", "o", "u", "y", "å", "ä", "ö", "é",
                                               "A", "E", "I", "O", "U", "Y", "Å", "Ä", "Ö", "É"};
    for (std::string_view v : kVowels)
        if (word.starts_with(v)) return "an ";
    return "a ";
}

// "ett beslut" / "a beslut", "an insats"
std::string one_event(const Ctx& c, const std::string& type) {
    if (c.lang != Lang::Sv) return english_article(type) + type;
    if (const auto* l = event_label(c, type)) return *l;
    return "en händelse av typen " + type;
}

// "inget beslut", "ingen vårdplan" / "no beslut"
std::string no_event(const Ctx& c, const std::string& type) {
    if (c.lang != Lang::Sv) return "no " + type;
    if (const auto* l = event_label(c, type)) {
        const bool neuter = l->starts_with("ett ");
        return (neuter ? "inget " : "ingen ") + l->substr(l->find(' ') + 1);
    }
    return "ingen händelse av typen " + type;
}

// The `where` of a query inside a noun phrase: " (där …)".
std::string where_suffix(const Ctx& c, const dsl::Query& q) {
    if (!q.where) return "";
    return fmt_rt(c.lang, " (där {})", " (where {})", prose_inline(condition(c.in(q.event_type), *q.where), c.lang));
}

std::string query_value(const Ctx& c, const dsl::Query& q) {
    const std::string where = where_suffix(c, q);
    switch (q.kind) {
        case QueryKind::Count: return fmt_rt(c.lang, "antalet {}{}", "the number of {}{}", q.event_type, where);
        case QueryKind::First:
        case QueryKind::Last: {
            const bool first = q.kind == QueryKind::First;
            const std::string which = first ? c.t("första", "first") : c.t("sista", "last");
            if (q.attr == "date")
                return fmt_rt(c.lang, "datumet för {} {}", "the date of the {} {}", which, q.event_type) + where;
            return fmt_rt(c.lang, "{} för {} {}", "{} of the {} {}", q.attr, which, q.event_type) + where;
        }
        case QueryKind::Exists: break;
    }
    return fmt_rt(c.lang, "det finns {}", "there is {}", one_event(c, q.event_type)) + where;
}

// min/max: "det minsta av a, b och c"; size: "antalet värden i x"; age: "åldern vid d".
std::string call_value(const Ctx& c, const dsl::Call& call) {
    std::vector<std::string> args;
    for (const auto& a : call.args) args.push_back(value(c, *a));
    switch (call.func) {
        case dsl::Func::Size: return fmt_rt(c.lang, "antalet värden i {}", "the number of items in {}", args.front());
        case dsl::Func::Age: return fmt_rt(c.lang, "åldern (i hela år) den {}", "the age (in whole years) on {}", args.front());
        case dsl::Func::Min:
        case dsl::Func::Max: break;
    }
    std::string list;
    for (size_t i = 0; i < args.size(); ++i)
        list += (i == 0 ? "" : i + 1 == args.size() ? std::string(" ") + c.t("och", "and") + " " : ", ") + args[i];
    return call.func == dsl::Func::Min ? fmt_rt(c.lang, "det minsta av {}", "the least of {}", list)
                                       : fmt_rt(c.lang, "det största av {}", "the greatest of {}", list);
}

std::string value(const Ctx& c, const Expr& e) {
    if (const auto* l = std::get_if<dsl::Literal>(&e.node)) {
        std::string text = literal_text(*l, c.lang);
        return unit_written(e) ? text + " " + unit_word(c.lang, e, text) : text;
    }
    if (const auto* n = std::get_if<dsl::NameRef>(&e.node)) {
        switch (name_kind(c, e, n->name)) {
            case NameKind::Param: return unit_written(e) ? days(c, e) : param_value(c, n->name) + " (" + n->name + ")";
            case NameKind::EventDate: return c.t("datumet", "the date");
            case NameKind::EventAttr:
            case NameKind::CaseAttr: return n->name;
        }
    }
    if (const auto* q = std::get_if<dsl::Query>(&e.node); q && q->kind != QueryKind::Exists) return query_value(c, *q);
    if (const auto* b = std::get_if<dsl::BoundAttr>(&e.node))
        return b->attr == "date" ? fmt_rt(c.lang, "datumet för {}", "the date of {}", b->binding)
                                 : fmt_rt(c.lang, "{} för {}", "{} of {}", b->attr, b->binding);
    if (std::holds_alternative<dsl::Today>(e.node)) return c.t("granskningsdatumet (today)", "the evaluation date (today)");
    if (const auto* b = std::get_if<dsl::Binary>(&e.node); b && (b->op == BinaryOp::Earliest || b->op == BinaryOp::Latest))
    {
        // A nested earliest/latest in parentheses, so that "och" cannot be read two ways.
        auto operand = [&](const Expr& x) {
            const auto* inner = std::get_if<dsl::Binary>(&x.node);
            const bool nested = inner && (inner->op == BinaryOp::Earliest || inner->op == BinaryOp::Latest);
            return nested ? "(" + value(c, x) + ")" : value(c, x);
        };
        return b->op == BinaryOp::Earliest
                   ? fmt_rt(c.lang, "det tidigaste av {} och {}", "the earlier of {} and {}", operand(*b->lhs), operand(*b->rhs))
                   : fmt_rt(c.lang, "det senaste av {} och {}", "the later of {} and {}", operand(*b->lhs), operand(*b->rhs));
    }
    if (const auto* b = std::get_if<dsl::Binary>(&e.node); b && b->op == BinaryOp::Mul)
        return fmt_rt(c.lang, "{} gånger {}", "{} times {}", value(c, *b->lhs), value(c, *b->rhs));
    if (const auto* k = std::get_if<dsl::Conditional>(&e.node))
        return fmt_rt(c.lang, "({} om {}, annars {})", "({} if {}, otherwise {})", value(c, *k->then_),
                      prose_inline(condition(c, *k->cond), c.lang), value(c, *k->else_));
    if (const auto* call = std::get_if<dsl::Call>(&e.node)) return call_value(c, *call);
    if (const auto* b = std::get_if<dsl::Binary>(&e.node); b && (b->op == BinaryOp::Add || b->op == BinaryOp::Sub)) {
        const bool add = b->op == BinaryOp::Add;
        if (is_date(c, *b->lhs) && is_date(c, *b->rhs))
            return fmt_rt(c.lang, "antalet dagar från {} till {}", "the number of days from {} to {}", value(c, *b->rhs),
                          value(c, *b->lhs));
        if (is_date(c, *b->lhs))
            return add ? fmt_rt(c.lang, "{} efter {}", "{} after {}", days(c, *b->rhs), value(c, *b->lhs))
                       : fmt_rt(c.lang, "{} före {}", "{} before {}", days(c, *b->rhs), value(c, *b->lhs));
        return add ? fmt_rt(c.lang, "{} plus {}", "{} plus {}", value(c, *b->lhs), value(c, *b->rhs))
                   : fmt_rt(c.lang, "{} minus {}", "{} minus {}", value(c, *b->lhs), value(c, *b->rhs));
    }
    // A condition used as a value (`exists(x) = true`).
    return prose_inline(condition(c, e), c.lang);
}

// ---- comparisons ------------------------------------------------------------

BinaryOp flipped(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: return BinaryOp::Ge;
        case BinaryOp::Le: return BinaryOp::Gt;
        case BinaryOp::Gt: return BinaryOp::Le;
        case BinaryOp::Ge: return BinaryOp::Lt;
        case BinaryOp::Eq: return BinaryOp::Ne;
        case BinaryOp::Ne: return BinaryOp::Eq;
        default: return op;
    }
}

bool is_comparison(BinaryOp op) {
    return op == BinaryOp::Eq || op == BinaryOp::Ne || op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt ||
           op == BinaryOp::Ge;
}

std::string compare_dates(const Ctx& c, BinaryOp op, const Expr& lhs, const Expr& rhs) {
    const std::string l = value(c, lhs);
    // `a <= b + N days`: "a är senast N dagar efter b"
    if (const auto* b = std::get_if<dsl::Binary>(&rhs.node);
        b && (b->op == BinaryOp::Add || b->op == BinaryOp::Sub) && is_date(c, *b->lhs) && !is_date(c, *b->rhs)) {
        const std::string offset =
            b->op == BinaryOp::Add ? fmt_rt(c.lang, "{} efter {}", "{} after {}", days(c, *b->rhs), value(c, *b->lhs))
                                   : fmt_rt(c.lang, "{} före {}", "{} before {}", days(c, *b->rhs), value(c, *b->lhs));
        switch (op) {
            case BinaryOp::Lt: return fmt_rt(c.lang, "{} är tidigare än {}", "{} is less than {}", l, offset);
            case BinaryOp::Le: return fmt_rt(c.lang, "{} är senast {}", "{} is at most {}", l, offset);
            case BinaryOp::Gt: return fmt_rt(c.lang, "{} är senare än {}", "{} is more than {}", l, offset);
            case BinaryOp::Ge: return fmt_rt(c.lang, "{} är tidigast {}", "{} is at least {}", l, offset);
            case BinaryOp::Eq: return fmt_rt(c.lang, "{} är exakt {}", "{} is exactly {}", l, offset);
            default: return fmt_rt(c.lang, "{} är inte exakt {}", "{} is not exactly {}", l, offset);
        }
    }
    const std::string r = value(c, rhs);
    switch (op) {
        case BinaryOp::Lt: return fmt_rt(c.lang, "{} är före {}", "{} is before {}", l, r);
        case BinaryOp::Le: return fmt_rt(c.lang, "{} är senast samma dag som {}", "{} is on or before {}", l, r);
        case BinaryOp::Gt: return fmt_rt(c.lang, "{} är efter {}", "{} is after {}", l, r);
        case BinaryOp::Ge: return fmt_rt(c.lang, "{} är tidigast samma dag som {}", "{} is on or after {}", l, r);
        case BinaryOp::Eq: return fmt_rt(c.lang, "{} är samma dag som {}", "{} is the same day as {}", l, r);
        default: return fmt_rt(c.lang, "{} är inte samma dag som {}", "{} is not the same day as {}", l, r);
    }
}

std::string comparison(const Ctx& c, BinaryOp op, const Expr& lhs, const Expr& rhs) {
    if (is_date(c, lhs)) return compare_dates(c, op, lhs, rhs);
    const std::string l = value(c, lhs), r = value(c, rhs);
    switch (op) {
        case BinaryOp::Lt: return fmt_rt(c.lang, "{} är mindre än {}", "{} is less than {}", l, r);
        case BinaryOp::Le: return fmt_rt(c.lang, "{} är högst {}", "{} is at most {}", l, r);
        case BinaryOp::Gt: return fmt_rt(c.lang, "{} är större än {}", "{} is greater than {}", l, r);
        case BinaryOp::Ge: return fmt_rt(c.lang, "{} är minst {}", "{} is at least {}", l, r);
        case BinaryOp::Eq: return fmt_rt(c.lang, "{} är {}", "{} is {}", l, r);
        default: return fmt_rt(c.lang, "{} är inte {}", "{} is not {}", l, r);
    }
}

// ---- conditions ---------------------------------------------------------------

void flatten(const Expr& e, BinaryOp op, std::vector<const Expr*>& out) {
    if (const auto* b = std::get_if<dsl::Binary>(&e.node); b && b->op == op) {
        flatten(*b->lhs, op, out);
        flatten(*b->rhs, op, out);
        return;
    }
    out.push_back(&e);
}

Prose chain(const Ctx& c, const Expr& e, BinaryOp op, Prose::List list) {
    std::vector<const Expr*> operands;
    flatten(e, op, operands);
    Prose p;
    p.list = list;
    for (const Expr* o : operands) p.items.push_back(condition(c, *o));
    return p;
}

Prose sentence(std::string text) { return Prose{std::move(text), Prose::List::None, {}}; }

// "det finns en X där …" / "det finns ingen X där …"
Prose exists(const Ctx& c, const dsl::Query& q, bool negated) {
    const std::string head = negated ? fmt_rt(c.lang, "det finns {}", "there is {}", no_event(c, q.event_type))
                                     : fmt_rt(c.lang, "det finns {}", "there is {}", one_event(c, q.event_type));
    if (!q.where) return sentence(head);
    Prose where = condition(c.in(q.event_type), *q.where);
    where.text = head + c.t(" där", " where") + (where.text.empty() ? "" : " " + where.text);
    return where;
}

std::string list_items(const std::vector<std::string>& items);

// "för varje beslut b där … gäller att …", "det finns ett beslut b där … för vilket …",
// "för varje två på varandra följande händelser a, b bland placering, översyn gäller att …".
Prose quantifier(const Ctx& c, const dsl::Quantifier& q) {
    std::vector<std::string> names, types;
    for (const auto& b : q.bindings) names.push_back(b.name);
    for (const auto& t : q.event_types) types.push_back(t.first);
    std::string head;
    if (q.consecutive) {
        head = q.every ? fmt_rt(c.lang, "för varje två på varandra följande händelser {} bland {} (i datumordning) gäller att",
                                "for every two consecutive events {} among {} (in date order),", list_items(names), list_items(types))
                       : fmt_rt(c.lang, "det finns två på varandra följande händelser {} bland {} (i datumordning) för vilka",
                                "there are two consecutive events {} among {} (in date order) for which", list_items(names),
                                list_items(types));
    } else {
        const std::string& type = q.event_types.front().first;
        const std::string where =
            q.where ? fmt_rt(c.lang, " där {}", " where {}", prose_inline(condition(c.in(type), *q.where), c.lang)) : "";
        const std::string one = one_event(c, type);  // "ett beslut": the article decides "vilket"/"vilken"
        head = q.every ? fmt_rt(c.lang, "för varje {} {}{} gäller att", "for every {} {}{},", type, names.front(), where)
                       : fmt_rt(c.lang, one.starts_with("ett ") ? "det finns {} {}{} för vilket" : "det finns {} {}{} för vilken",
                                "there is {} {}{} for which", one, names.front(), where);
    }
    Prose body = q.body ? condition(c, *q.body) : sentence("");
    body.text = body.text.empty() ? head : head + " " + body.text;
    return body;
}

std::string list_items(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
    return out;
}

// `a contains b`, `a starts with b` (a text, or a list of texts).
std::string text_match(const Ctx& c, const dsl::Binary& b, bool negated) {
    const std::string l = value(c, *b.lhs), r = value(c, *b.rhs);
    if (b.op == BinaryOp::StartsWith)
        return negated ? fmt_rt(c.lang, "{} börjar inte med {}", "{} does not start with {}", l, r)
                       : fmt_rt(c.lang, "{} börjar med {}", "{} starts with {}", l, r);
    return negated ? fmt_rt(c.lang, "{} innehåller inte {}", "{} does not contain {}", l, r)
                   : fmt_rt(c.lang, "{} innehåller {}", "{} contains {}", l, r);
}

std::string in_list(const Ctx& c, const dsl::InList& in, bool negated) {
    if (in.list)
        return negated ? fmt_rt(c.lang, "{} är inget av värdena i {}", "{} is none of the values in {}", value(c, *in.value), value(c, *in.list))
                       : fmt_rt(c.lang, "{} är ett av värdena i {}", "{} is one of the values in {}", value(c, *in.value), value(c, *in.list));
    std::vector<std::string> items;
    for (const auto& l : in.items) items.push_back(literal_text(l, c.lang));
    return negated ? fmt_rt(c.lang, "{} är ingen av {}", "{} is none of {}", value(c, *in.value), list_items(items))
                   : fmt_rt(c.lang, "{} är en av {}", "{} is one of {}", value(c, *in.value), list_items(items));
}

std::string is_known(const Ctx& c, const dsl::IsKnown& k, bool known) {
    const std::string v = value(c, *k.value);
    if (is_bool(c, *k.value))
        return known ? fmt_rt(c.lang, "det är känt om {}", "it is known whether {}", v)
                     : fmt_rt(c.lang, "det är okänt om {}", "it is unknown whether {}", v);
    return known ? fmt_rt(c.lang, "{} är känt", "{} is known", v) : fmt_rt(c.lang, "{} är okänt", "{} is unknown", v);
}

std::string step_state(const Ctx& c, const dsl::ProcessStep& p, bool negated) {
    const std::string step = fmt_rt(c.lang, "steget {} i processen {}", "the step {} of the process {}", p.step.text, p.process);
    switch (p.state) {
        case dsl::StepState::Late:
            return negated ? fmt_rt(c.lang, "{} kom inte för sent", "{} did not come late", step)
                           : fmt_rt(c.lang, "{} kom för sent (efter sin frist)", "{} came late (after its deadline)", step);
        case dsl::StepState::Missing:
            return negated ? fmt_rt(c.lang, "{} saknas inte", "{} is not missing", step)
                           : fmt_rt(c.lang, "{} saknas (krävs, är inte dokumenterat och fristen har gått ut)",
                                    "{} is missing (required, not documented and due)", step);
        case dsl::StepState::NotYetDue: break;
    }
    return negated ? fmt_rt(c.lang, "det är inte så att {} är ej förfallet", "it is not the case that {} is not yet due", step)
                   : fmt_rt(c.lang, "{} är ej förfallet (inte dokumenterat, men fristen har inte gått ut på granskningsdatumet)",
                            "{} is not yet due (not documented, but its deadline has not passed on the evaluation date)", step);
}

std::string in_order(const Ctx& c, const std::string& process, bool negated) {
    return negated ? fmt_rt(c.lang, "processen {} är inte dokumenterad i rätt ordning (något steg är daterat före ett steg det ska följa)",
                            "the process {} is not documented in order (a step is dated before a step it must follow)", process)
                   : fmt_rt(c.lang, "processen {} är dokumenterad i rätt ordning (inget steg är daterat före ett steg det ska följa)",
                            "the process {} is documented in order (no step is dated before a step it must follow)", process);
}

Prose condition(const Ctx& c, const Expr& e) {
    if (const auto* b = std::get_if<dsl::Binary>(&e.node)) {
        if (b->op == BinaryOp::And) return chain(c, e, BinaryOp::And, Prose::List::All);
        if (b->op == BinaryOp::Or) return chain(c, e, BinaryOp::Or, Prose::List::Any);
        if (is_comparison(b->op)) return sentence(comparison(c, b->op, *b->lhs, *b->rhs));
        if (b->op == BinaryOp::Contains || b->op == BinaryOp::StartsWith) return sentence(text_match(c, *b, false));
    }
    if (const auto* n = std::get_if<dsl::Not>(&e.node)) return negation(c, *n->operand);
    if (const auto* q = std::get_if<dsl::Query>(&e.node); q && q->kind == QueryKind::Exists) return exists(c, *q, false);
    if (const auto* in = std::get_if<dsl::InList>(&e.node)) return sentence(in_list(c, *in, false));
    if (const auto* k = std::get_if<dsl::IsKnown>(&e.node)) return sentence(is_known(c, *k, k->known));
    if (const auto* p = std::get_if<dsl::ProcessInOrder>(&e.node)) return sentence(in_order(c, p->process, false));
    if (const auto* q = std::get_if<dsl::Quantifier>(&e.node)) return quantifier(c, *q);
    if (const auto* p = std::get_if<dsl::ProcessStep>(&e.node)) return sentence(step_state(c, *p, false));
    if (const auto* l = std::get_if<dsl::Literal>(&e.node); l && std::holds_alternative<bool>(l->value))
        return sentence(std::get<bool>(l->value) ? c.t("alltid", "always") : c.t("aldrig", "never"));
    return sentence(fmt_rt(c.lang, "{} är sant", "{} is true", value(c, e)));
}

Prose negation(const Ctx& c, const Expr& e) {
    if (const auto* n = std::get_if<dsl::Not>(&e.node)) return condition(c, *n->operand);
    if (const auto* b = std::get_if<dsl::Binary>(&e.node)) {
        if (b->op == BinaryOp::And) return chain(c, e, BinaryOp::And, Prose::List::NotAll);
        if (b->op == BinaryOp::Or) return chain(c, e, BinaryOp::Or, Prose::List::NoneOf);
        // Kleene: not (a <= b) is a > b, unknown staying unknown.
        if (is_comparison(b->op)) return sentence(comparison(c, flipped(b->op), *b->lhs, *b->rhs));
        if (b->op == BinaryOp::Contains || b->op == BinaryOp::StartsWith) return sentence(text_match(c, *b, true));
    }
    if (const auto* q = std::get_if<dsl::Query>(&e.node); q && q->kind == QueryKind::Exists) return exists(c, *q, true);
    if (const auto* in = std::get_if<dsl::InList>(&e.node)) return sentence(in_list(c, *in, true));
    if (const auto* k = std::get_if<dsl::IsKnown>(&e.node)) return sentence(is_known(c, *k, !k->known));
    if (const auto* p = std::get_if<dsl::ProcessInOrder>(&e.node)) return sentence(in_order(c, p->process, true));
    if (std::holds_alternative<dsl::Quantifier>(e.node))
        return sentence(fmt_rt(c.lang, "det är inte så att {}", "it is not the case that {}", prose_inline(condition(c, e), c.lang)));
    if (const auto* p = std::get_if<dsl::ProcessStep>(&e.node)) return sentence(step_state(c, *p, true));
    if (const auto* l = std::get_if<dsl::Literal>(&e.node); l && std::holds_alternative<bool>(l->value))
        return sentence(std::get<bool>(l->value) ? c.t("aldrig", "never") : c.t("alltid", "always"));
    if (is_bool(c, e) || std::holds_alternative<dsl::NameRef>(e.node) || std::holds_alternative<dsl::Query>(e.node))
        return sentence(fmt_rt(c.lang, "{} är falskt", "{} is false", value(c, e)));
    return sentence(fmt_rt(c.lang, "det är inte så att {}", "it is not the case that {}", value(c, e)));
}

// ---- unknown inputs -----------------------------------------------------------

void collect_unknown(const Ctx& c, const Expr& e, std::vector<std::string>& out) {
    auto add = [&](std::string s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    std::visit(
        [&](const auto& node) {
            using T = std::decay_t<decltype(node)>;
            if constexpr (std::is_same_v<T, dsl::NameRef>) {
                NameKind k = name_kind(c, e, node.name);
                if (k == NameKind::CaseAttr) add(node.name);
                if (k == NameKind::EventAttr && c.scope)
                    add(fmt_rt(c.lang, "{} för {}", "{} of {}", node.name, *c.scope));
            } else if constexpr (std::is_same_v<T, dsl::Query>) {
                if (node.where) collect_unknown(c.in(node.event_type), *node.where, out);
                if ((node.kind == QueryKind::First || node.kind == QueryKind::Last) && node.attr != "date")
                    add(query_value(c, node));
            } else if constexpr (std::is_same_v<T, dsl::Not>) {
                collect_unknown(c, *node.operand, out);
            } else if constexpr (std::is_same_v<T, dsl::Binary>) {
                collect_unknown(c, *node.lhs, out);
                collect_unknown(c, *node.rhs, out);
            } else if constexpr (std::is_same_v<T, dsl::InList>) {
                collect_unknown(c, *node.value, out);
                if (node.list) collect_unknown(c, *node.list, out);
            } else if constexpr (std::is_same_v<T, dsl::BoundAttr>) {
                auto r = resolution(c, e);
                if (node.attr != "date")
                    add(fmt_rt(c.lang, "{} för {}", "{} of {}", node.attr,
                               r && r->event_type >= 0 ? c.pack->schema.event_types()[static_cast<size_t>(r->event_type)].name
                                                       : node.binding));
            } else if constexpr (std::is_same_v<T, dsl::Quantifier>) {
                if (node.where) collect_unknown(c.in(node.event_types.front().first), *node.where, out);
                if (node.body) collect_unknown(c, *node.body, out);
            } else if constexpr (std::is_same_v<T, dsl::Conditional>) {
                collect_unknown(c, *node.cond, out);
                collect_unknown(c, *node.then_, out);
                collect_unknown(c, *node.else_, out);
            } else if constexpr (std::is_same_v<T, dsl::Call>) {
                for (const auto& a : node.args) collect_unknown(c, *a, out);
                if (node.func == dsl::Func::Age) add("born");
            }
            // IsKnown is never unknown; literals and `process … in order` neither.
        },
        e.node);
}

std::string joined(const std::vector<Prose>& items, Lang lang, const char* sv_last, const char* en_last) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        std::string item = prose_inline(items[i], lang);
        if (items[i].list != Prose::List::None) item = "(" + item + ")";
        if (i > 0) out += i + 1 == items.size() ? std::string(" ") + tr(lang, sv_last, en_last) + " " : ", ";
        out += item;
    }
    return out;
}

}  // namespace

std::string literal_text(const dsl::Literal& l, Lang lang) {
    return std::visit(
        [&](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, int64_t>) return std::to_string(v);
            else if constexpr (std::is_same_v<T, Date>) return format_date(v);
            else if constexpr (std::is_same_v<T, std::string>) return "\"" + v + "\"";
            else if constexpr (std::is_same_v<T, bool>) return v ? tr(lang, "sant", "true") : tr(lang, "falskt", "false");
            else {
                std::string out = "[";
                for (size_t i = 0; i < v.size(); ++i) out += (i ? ", \"" : "\"") + v[i] + "\"";
                return out + "]";
            }
        },
        l.value);
}

Prose prose_of(const dsl::Expr& e, const dsl::CheckedPack* pack, Lang lang) { return condition(Ctx{pack, lang, nullptr}, e); }

std::string value_prose(const dsl::Expr& e, const dsl::CheckedPack* pack, Lang lang) {
    return value(Ctx{pack, lang, nullptr}, e);
}

std::string prose_lead(const Prose& p, Lang lang) {
    const char* tail = nullptr;
    switch (p.list) {
        case Prose::List::None: return p.text;
        case Prose::List::All: tail = tr(lang, "alla följande gäller:", "all of the following hold:"); break;
        case Prose::List::Any: tail = tr(lang, "något av följande gäller:", "at least one of the following holds:"); break;
        case Prose::List::NotAll: tail = tr(lang, "inte alla följande gäller:", "not all of the following hold:"); break;
        case Prose::List::NoneOf: tail = tr(lang, "inget av följande gäller:", "none of the following holds:"); break;
    }
    return p.text.empty() ? tail : p.text + " " + tail;
}

std::string prose_inline(const Prose& p, Lang lang) {
    std::string body;
    switch (p.list) {
        case Prose::List::None: return p.text;
        case Prose::List::All: body = joined(p.items, lang, "och", "and"); break;
        case Prose::List::Any: body = joined(p.items, lang, "eller", "or"); break;
        case Prose::List::NotAll:
            body = fmt_rt(lang, "inte alla av: {}", "not all of: {}", joined(p.items, lang, "och", "and"));
            break;
        case Prose::List::NoneOf:
            body = fmt_rt(lang, "inget av: {}", "none of: {}", joined(p.items, lang, "eller", "or"));
            break;
    }
    return p.text.empty() ? body : p.text + " " + body;
}

std::vector<std::string> unknown_inputs(const std::vector<const dsl::Expr*>& conditions, const dsl::CheckedPack* pack,
                                        Lang lang) {
    std::vector<std::string> out;
    for (const Expr* e : conditions)
        if (e) collect_unknown(Ctx{pack, lang, nullptr}, *e, out);
    return out;
}

}  // namespace aktkoll::report
