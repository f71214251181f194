#include "engine/compile.hpp"

#include "dsl/format.hpp"

#include <unordered_map>

#include <fmt/core.h>

namespace aktkoll {

namespace {

using dsl::BinaryOp;
using dsl::Expr;

// The expression in source form, for traces, explanations and as the key
// that lets equal queries share a node.
std::string text_of(const Expr& e) { return dsl::expression_text(e); }

class Compiler {
public:
    Compiler(const dsl::CheckedPack& pack, CompiledRules& out) : pack_(pack), out_(out) {}

    int32_t expr(const Expr* e) {
        if (!e) return -1;
        ProgramNode n;
        n.text = text_of(*e);
        // A query depends only on the case (a `where` names its own event),
        // so equal queries share one node and are evaluated once per case.
        const bool query = std::holds_alternative<dsl::Query>(e->node);
        if (query) {
            auto it = queries_.find(n.text);
            if (it != queries_.end()) return it->second;
        }
        std::visit([&](const auto& v) { fill(*e, v, n); }, e->node);
        n.reveal = reveals(*e);
        out_.nodes.push_back(std::move(n));
        const auto index = static_cast<int32_t>(out_.nodes.size() - 1);
        if (query) queries_.emplace(out_.nodes.back().text, index);
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
                else return Value::unknown();
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
        static const Op ops[] = {Op::Or, Op::And, Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Add, Op::Sub};
        n.op = ops[static_cast<int>(x.op)];
        n.a = expr(x.lhs.get());
        n.b = expr(x.rhs.get());
    }
    void fill(const Expr&, const dsl::InList& x, ProgramNode& n) {
        n.op = Op::In;
        n.a = expr(x.value.get());
        n.list_begin = static_cast<uint32_t>(out_.list_items.size());
        for (const auto& item : x.items) out_.list_items.push_back(constant(item));
        n.list_count = static_cast<uint32_t>(x.items.size());
    }
    void fill(const Expr&, const dsl::IsKnown& x, ProgramNode& n) {
        n.op = x.known ? Op::IsKnown : Op::IsUnknown;
        n.a = expr(x.value.get());
    }
    void fill(const Expr&, const dsl::ProcessInOrder& x, ProgramNode& n) {
        n.op = Op::InOrder;
        for (size_t i = 0; i < pack_.processes.size(); ++i)
            if (pack_.processes[i].decl->name == x.process) n.type = static_cast<int32_t>(i);
    }
};

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
            st.within = c.expr(s.decl->within.get());
            st.within_of = s.within_of;
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
    out->build_closures();
    return out;
}

}  // namespace aktkoll
