#include "engine/compile.hpp"

#include "dsl/format.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_map>

#include <fmt/core.h>

namespace aktkoll {

namespace {

using dsl::BinaryOp;
using dsl::Expr;

// The expression in source form, for traces, explanations and as the key
// that lets equal queries share a node.
std::string text_of(const Expr& e) { return dsl::expression_text(e); }

// Months per unit of a number written with `months`/`years`; 0 for days.
int32_t months_per_unit(dsl::CalendarUnit u) {
    return u == dsl::CalendarUnit::Years ? 12 : u == dsl::CalendarUnit::Months ? 1 : 0;
}

class Compiler {
public:
    Compiler(const dsl::CheckedPack& pack, CompiledRules& out) : pack_(pack), out_(out) {}

    int32_t expr(const Expr* e) {
        if (!e) return -1;
        ProgramNode n;
        n.text = text_of(*e);
        // A query depends only on the case (a `where` names its own event)
        // unless it reads an event a quantifier binds (`b.date`, in its text):
        // equal queries that read no bound event share one node and are
        // evaluated once per case.
        const bool query = std::holds_alternative<dsl::Query>(e->node);
        if (query) {
            auto it = queries_.find(n.text);
            if (it != queries_.end()) return it->second;
        }
        std::visit([&](const auto& v) { fill(*e, v, n); }, e->node);
        n.reveal = reveals(*e);
        n.bindings_read |= read_by(n.a) | read_by(n.b) | read_by(n.where);
        if (is_quantifier(n.op)) n.bindings_read &= ~((n.op == Op::EveryPair || n.op == Op::SomePair ? 3u : 1u) << n.binding);
        out_.nodes.push_back(std::move(n));
        const auto index = static_cast<int32_t>(out_.nodes.size() - 1);
        if (query && out_.nodes.back().bindings_read == 0) queries_.emplace(out_.nodes.back().text, index);
        return index;
    }

    Value constant(const dsl::Literal& l) {
        return std::visit(
            [&](const auto& v) -> Value {
                using V = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<V, int64_t>) return Value::integer(v);
                else if constexpr (std::is_same_v<V, Date>) return Value::date(v);
                else if constexpr (std::is_same_v<V, std::string>) return Value::string(out_.strings.emplace_back(v));
                else if constexpr (std::is_same_v<V, bool>) return Value::boolean(v);
                // A list constant is read only by `in`, `contains` and `size`, which the
                // compiler folds (list_constants); what is left to ask of it is whether it is known.
                else return Value::string_list(0, 0);
            },
            l.value);
    }

private:
    const dsl::CheckedPack& pack_;

    // Only enumerations are shown in traces: other strings may be free text.
    bool reveals(const Expr& e) const {
        auto t = pack_.types.find(&e);
        return t != pack_.types.end() && t->second.kind != dsl::TypeKind::String && t->second.kind != dsl::TypeKind::List;
    }
    CompiledRules& out_;
    std::unordered_map<std::string, int32_t> queries_;
    int32_t depth_ = 0;  // names bound by the quantifiers around the node compiled (as the checker counts them)

    static bool is_quantifier(Op op) { return op == Op::Every || op == Op::Some || op == Op::EveryPair || op == Op::SomePair; }
    uint32_t read_by(int32_t node) const { return node < 0 ? 0 : out_.nodes[static_cast<size_t>(node)].bindings_read; }

    void fill(const Expr&, const dsl::Literal& l, ProgramNode& n) {
        n.op = Op::Const;
        n.constant = constant(l);
    }
    void fill(const Expr& e, const dsl::NameRef&, ProgramNode& n) {
        const auto& r = pack_.names.at(&e);
        switch (r.kind) {
            case dsl::NameKind::CaseAttr: n.op = Op::CaseAttr; n.slot = r.slot; break;
            case dsl::NameKind::EventAttr: n.op = Op::EventAttr; n.slot = r.slot; break;
            case dsl::NameKind::EventDate: n.op = Op::EventDate; break;
            case dsl::NameKind::Param:
                // Parameters are fixed for a run: fold them into constants.
                n.op = Op::Const;
                n.constant = constant(pack_.params[static_cast<size_t>(r.slot)].value);
                break;
        }
    }
    void fill(const Expr& e, const dsl::Query& q, ProgramNode& n) {
        static const Op ops[] = {Op::Exists, Op::Count, Op::First, Op::Last};
        n.op = ops[static_cast<int>(q.kind)];
        n.type = pack_.schema.event_type(q.event_type);
        n.where = expr(q.where.get());
        if (q.kind == dsl::QueryKind::First || q.kind == dsl::QueryKind::Last) {
            const auto& r = pack_.names.at(&e);
            n.slot = r.kind == dsl::NameKind::EventDate ? -1 : r.slot;
        }
    }
    void fill(const Expr&, const dsl::Not& x, ProgramNode& n) {
        n.op = Op::Not;
        n.a = expr(x.operand.get());
    }
    void fill(const Expr&, const dsl::Binary& x, ProgramNode& n) {
        static const Op ops[] = {Op::Or,  Op::And, Op::Eq,       Op::Ne,     Op::Lt,  Op::Le,       Op::Gt,
                                 Op::Ge,  Op::Add, Op::Sub,      Op::Earliest, Op::Latest, Op::Mul, Op::Contains,
                                 Op::StartsWith};
        static_assert(std::size(ops) == static_cast<size_t>(BinaryOp::StartsWith) + 1);
        if (x.op == BinaryOp::Contains) {
            if (const auto* items = list_constant(*x.lhs)) return member_of(*x.rhs, *items, n);
        }
        n.op = ops[static_cast<int>(x.op)];
        n.a = expr(x.lhs.get());
        n.b = expr(x.rhs.get());
        if (x.rhs->calendar != dsl::CalendarUnit::None) {  // `d + 4 months` (the checker allows it after a date only)
            n.op = x.op == BinaryOp::Add ? Op::AddMonths : Op::SubMonths;
            n.slot = months_per_unit(x.rhs->calendar);
        }
    }
    void fill(const Expr&, const dsl::InList& x, ProgramNode& n) {
        if (x.list) {
            if (const auto* items = list_constant(*x.list)) return member_of(*x.value, *items, n);
            n.op = Op::Contains;  // `x in L` with L a list of the case: `L contains x`
            n.a = expr(x.list.get());
            n.b = expr(x.value.get());
            return;
        }
        n.op = Op::In;
        n.a = expr(x.value.get());
        n.list_begin = static_cast<uint32_t>(out_.list_items.size());
        for (const auto& item : x.items) out_.list_items.push_back(constant(item));
        n.list_count = static_cast<uint32_t>(x.items.size());
    }
    void fill(const Expr&, const dsl::Conditional& x, ProgramNode& n) {
        n.op = Op::If;
        n.a = expr(x.cond.get());
        n.b = expr(x.then_.get());
        n.c = expr(x.else_.get());
    }
    void fill(const Expr& e, const dsl::Call& x, ProgramNode& n) {
        switch (x.func) {
            case dsl::Func::Min:
            case dsl::Func::Max: {
                // min(a, b, c) runs as min(min(a, b), c); the inner nodes are named for traces.
                n.op = x.func == dsl::Func::Min ? Op::Min : Op::Max;
                const std::string name = x.func == dsl::Func::Min ? "min(" : "max(";
                n.a = expr(x.args[0].get());
                std::string text = name + out_.nodes[static_cast<size_t>(n.a)].text;
                for (size_t i = 1; i + 1 < x.args.size(); ++i) {
                    ProgramNode inner;
                    inner.op = n.op;
                    inner.a = n.a;
                    inner.b = expr(x.args[i].get());
                    text += ", " + out_.nodes[static_cast<size_t>(inner.b)].text;
                    inner.text = text + ")";
                    out_.nodes.push_back(std::move(inner));
                    n.a = static_cast<int32_t>(out_.nodes.size() - 1);
                }
                n.b = expr(x.args.back().get());
                return;
            }
            case dsl::Func::Size:
                if (const auto* items = list_constant(*x.args[0])) {
                    n.op = Op::Const;
                    n.constant = Value::integer(static_cast<int64_t>(items->size()));
                    return;
                }
                n.op = Op::Size;
                n.a = expr(x.args[0].get());
                return;
            case dsl::Func::Age: {
                const auto& born = pack_.names.at(&e);
                n.slot = born.slot;
                n.op = pack_.schema.case_attrs()[static_cast<size_t>(born.slot)].type == AttrType::Date ? Op::AgeDate
                                                                                                       : Op::AgeYear;
                n.a = expr(x.args[0].get());
                return;
            }
        }
    }

    // The items of a list written in the rules (a literal, or a list parameter), or null.
    const std::vector<std::string>* list_constant(const Expr& e) const {
        const dsl::Literal* lit = std::get_if<dsl::Literal>(&e.node);
        if (std::holds_alternative<dsl::NameRef>(e.node)) {
            const auto& r = pack_.names.at(&e);
            if (r.kind == dsl::NameKind::Param) lit = &pack_.params[static_cast<size_t>(r.slot)].value;
        }
        return lit ? std::get_if<std::vector<std::string>>(&lit->value) : nullptr;
    }
    // `value in ITEMS` for a list known when the rules are compiled.
    void member_of(const Expr& value, const std::vector<std::string>& items, ProgramNode& n) {
        n.op = Op::In;
        n.a = expr(&value);
        n.list_begin = static_cast<uint32_t>(out_.list_items.size());
        for (const auto& item : items) out_.list_items.push_back(Value::string(out_.strings.emplace_back(item)));
        n.list_count = static_cast<uint32_t>(items.size());
    }
    void fill(const Expr&, const dsl::IsKnown& x, ProgramNode& n) {
        n.op = x.known ? Op::IsKnown : Op::IsUnknown;
        n.a = expr(x.value.get());
    }
    void fill(const Expr& e, const dsl::BoundAttr&, ProgramNode& n) {
        const auto& r = pack_.names.at(&e);
        n.op = r.kind == dsl::NameKind::EventDate ? Op::BoundDate : Op::BoundAttr;
        n.slot = r.slot;
        n.type = r.event_type;
        n.binding = r.binding;
        n.bindings_read = 1u << r.binding;
    }
    void fill(const Expr&, const dsl::Quantifier& q, ProgramNode& n) {
        n.op = q.consecutive ? (q.every ? Op::EveryPair : Op::SomePair) : (q.every ? Op::Every : Op::Some);
        for (const auto& [name, span] : q.event_types) n.types.push_back(pack_.schema.event_type(name));
        n.type = n.types.front();
        if (!q.consecutive) n.types.clear();
        for (const auto& b : q.bindings) n.names.push_back(b.name);
        n.binding = depth_;
        depth_ += static_cast<int32_t>(q.bindings.size());
        n.where = expr(q.where.get());
        n.a = expr(q.body.get());
        depth_ -= static_cast<int32_t>(q.bindings.size());
    }
    void fill(const Expr&, const dsl::ProcessInOrder& x, ProgramNode& n) {
        n.op = Op::InOrder;
        n.type = process_index(x.process);
    }
    void fill(const Expr&, const dsl::ProcessStep& x, ProgramNode& n) {
        static const Op ops[] = {Op::StepLate, Op::StepMissing, Op::StepNotYetDue};
        n.op = ops[static_cast<int>(x.state)];
        n.type = process_index(x.process);
        const auto& steps = pack_.processes[static_cast<size_t>(n.type)].steps;
        for (size_t i = 0; i < steps.size(); ++i)
            if (steps[i].decl->name == x.step.text) n.slot = static_cast<int32_t>(i);
    }
    void fill(const Expr&, const dsl::Today&, ProgramNode& n) { n.op = Op::Today; }

    int32_t process_index(const std::string& name) const {
        for (size_t i = 0; i < pack_.processes.size(); ++i)
            if (pack_.processes[i].decl->name == name) return static_cast<int32_t>(i);
        return -1;
    }
};

// What exact EB may fill in: the domain of each boolean and enumeration.
std::vector<Value> domain_of(const AttrSpec& spec, CompiledRules& out) {
    if (spec.type == AttrType::Boolean) return {Value::boolean(false), Value::boolean(true)};
    std::vector<Value> values;
    if (spec.type == AttrType::Enum)
        for (const auto& v : spec.enum_values) values.push_back(Value::string(out.strings.emplace_back(v)));
    return values;
}

void fill_domains(const Schema& schema, CompiledRules& out) {
    for (const auto& a : schema.case_attrs()) out.case_domains.push_back(domain_of(a, out));
    for (const auto& t : schema.event_types()) {
        auto& slots = out.event_domains.emplace_back();
        for (const auto& a : t.attrs) slots.push_back(domain_of(a, out));
    }
}

// Collects the values a rule reads (see RuleReads); `type` is the event type
// in scope inside a `where`, -1 outside.
class ReadCollector {
public:
    ReadCollector(const CompiledRules& c) : c_(c) {}

    void walk(int32_t node, int32_t type, bool tested) {
        if (node < 0) return;
        const ProgramNode& n = c_.nodes[static_cast<size_t>(node)];
        switch (n.op) {
            case Op::CaseAttr: add(case_, excluded_case_, n.slot, tested); return;
            case Op::EventAttr:
                if (type >= 0) add(event_, excluded_event_, std::pair{type, n.slot}, tested);
                return;
            case Op::Exists:
            case Op::Count:
            case Op::First:
            case Op::Last:
                if ((n.op == Op::First || n.op == Op::Last) &&
                    std::find(queried_.begin(), queried_.end(), n.type) == queried_.end())
                    queried_.push_back(n.type);
                if (n.slot >= 0) add(event_, excluded_event_, std::pair{n.type, n.slot}, tested);
                walk(n.where, n.type, tested);
                return;
            case Op::IsKnown:
            case Op::IsUnknown: walk(n.a, type, true); return;
            case Op::InOrder: process_ = n.type; return;
            case Op::BoundAttr: add(event_, excluded_event_, std::pair{n.type, n.slot}, tested); return;
            case Op::Every:
            case Op::Some:  // the filter reads the quantified events, the body the scope around
                walk(n.where, n.type, tested);
                walk(n.a, type, tested);
                return;
            case Op::StepLate:
            case Op::StepMissing:
            case Op::StepNotYetDue:
                process_ = n.type;
                step_states_ = true;
                return;
            case Op::AgeYear:
            case Op::AgeDate:
                add(case_, excluded_case_, n.slot, tested);
                walk(n.a, type, tested);
                return;
            default:
                walk(n.a, type, tested);
                walk(n.b, type, tested);
                walk(n.c, type, tested);
        }
    }

    RuleReads finish(const CompiledRules& c) {
        if (process_ >= 0) {  // the order depends on what documents each step
            for (const auto& s : c.processes[static_cast<size_t>(process_)].steps) {
                walk(s.where, s.event_type, false);
                if (!step_states_) continue;  // a step's state also on whether it is required and its deadline
                for (int32_t node : {s.required_when, s.within, s.unless, s.extended_until, s.extended_when}) walk(node, -1, false);
            }
        }
        RuleReads r;
        for (int32_t s : case_)
            if (std::find(excluded_case_.begin(), excluded_case_.end(), s) == excluded_case_.end()) r.case_slots.push_back(s);
        for (auto e : event_)
            if (std::find(excluded_event_.begin(), excluded_event_.end(), e) == excluded_event_.end()) r.event_slots.push_back(e);
        r.process = process_;
        r.step_states = step_states_;
        r.queried_types = queried_;
        return r;
    }

private:
    template <class T>
    static void add(std::vector<T>& to, std::vector<T>& excluded, T v, bool tested) {
        auto& list = tested ? excluded : to;
        if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
    }
    const CompiledRules& c_;
    std::vector<int32_t> case_, excluded_case_;
    std::vector<std::pair<int32_t, int32_t>> event_, excluded_event_;
    int32_t process_ = -1;
    bool step_states_ = false;
    std::vector<int32_t> queried_;
};

RuleReads reads_of(const CompiledRules& c, const CompiledRule& r) {
    ReadCollector collect(c);
    collect.walk(r.judged_on, -1, false);
    for (const auto& v : r.versions) {
        collect.walk(v.applies, -1, false);
        collect.walk(v.requires_, -1, false);
    }
    return collect.finish(c);
}

}  // namespace

std::shared_ptr<const CompiledRules> compile(const dsl::CheckedPack& pack, dsl::Diagnostics& diags, Lang lang) {
    auto out = std::make_shared<CompiledRules>();
    Compiler c(pack, *out);
    for (const auto& r : pack.rules) {
        CompiledRule cr;
        cr.disabled = r.disabled;
        // All versions share one `judged on`; the first that states it decides.
        for (const auto* v : r.versions)
            if (v->judged_on && cr.judged_on < 0) cr.judged_on = c.expr(v->judged_on.get());
        for (const auto* v : r.versions)
            cr.versions.push_back(CompiledVersion{c.expr(v->applies_when.get()), c.expr(v->requirement.get()),
                                                  v->valid_from, v->valid_until});
        out->rules.push_back(std::move(cr));
    }
    bool ok = true;
    for (const auto& p : pack.processes) {
        CompiledProcess cp;
        std::vector<std::pair<int, int>> edges;
        for (size_t i = 0; i < p.steps.size(); ++i) {
            const auto& s = p.steps[i];
            CompiledStep st;
            st.event_type = s.event_type;
            st.where = c.expr(s.decl->where.get());
            st.required_when = c.expr(s.decl->required_when.get());
            st.within = c.expr(s.within);
            if (s.within) st.within_months = months_per_unit(s.within->calendar);
            st.within_of = s.within_of;
            st.unless = c.expr(s.within_unless);
            st.extended_until = c.expr(s.extended_until);
            st.extended_when = c.expr(s.extended_when);
            for (int a : s.after) {
                st.after.push_back(a);
                edges.emplace_back(a, static_cast<int>(i));
            }
            cp.steps.push_back(std::move(st));
        }
        cp.graph = ProcessGraph(p.steps.size(), edges);
        if (auto cycle = cp.graph.find_cycle()) {
            std::string names;
            for (size_t k = 0; k < cycle->size(); ++k)
                names += (k ? " → " : "") + p.steps[static_cast<size_t>((*cycle)[k])].decl->name;
            dsl::Diagnostic d;
            d.code = "AK0252";
            const auto& first = p.steps[static_cast<size_t>(cycle->front())].decl->span;
            d.pos = first.pos;
            d.length = first.length;
            d.message = fmt::format(fmt::runtime(tr(lang, "processen '{}' har en cirkel i 'after': {}",
                                                    "the process '{}' has a cycle in 'after': {}")),
                                    p.decl->name, names);
            diags.add(std::move(d));
            ok = false;
        }
        out->processes.push_back(std::move(cp));
    }
    if (!ok) return nullptr;
    fill_domains(pack.schema, *out);
    for (const auto& t : pack.schema.event_types()) out->event_type_names.push_back(t.name);
    for (auto& r : out->rules) r.reads = reads_of(*out, r);
    out->build_closures();
    return out;
}

}  // namespace aktkoll
