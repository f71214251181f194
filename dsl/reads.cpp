#include "dsl/reads.hpp"

#include <algorithm>

namespace aktkoll::dsl {

namespace {

void add(std::vector<FieldRef>& out, FieldRef f) {
    if (std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
}

void add_resolution(const CheckedPack& pack, const Expr* e, std::vector<FieldRef>& out) {
    auto it = pack.names.find(e);
    if (it == pack.names.end()) return;
    const Resolution& r = it->second;
    switch (r.kind) {
        case NameKind::CaseAttr: add(out, {FieldRef::Kind::CaseAttr, -1, r.slot}); break;
        case NameKind::EventDate: add(out, {FieldRef::Kind::EventDate, r.event_type, -1}); break;
        case NameKind::EventAttr:
            add(out, {FieldRef::Kind::EventDate, r.event_type, -1});
            add(out, {FieldRef::Kind::EventAttr, r.event_type, r.slot});
            break;
        case NameKind::Param: break;
    }
}

}  // namespace

void fields_read(const CheckedPack& pack, const Expr* e, std::vector<FieldRef>& out) {
    if (!e) return;
    std::visit(
        [&](const auto& n) {
            using T = std::decay_t<decltype(n)>;
            if constexpr (std::is_same_v<T, NameRef>) {
                add_resolution(pack, e, out);
            } else if constexpr (std::is_same_v<T, Query>) {
                const int type = pack.schema.event_type(n.event_type);
                if (type >= 0) add(out, {FieldRef::Kind::EventDate, type, -1});
                fields_read(pack, n.where.get(), out);
                add_resolution(pack, e, out);
            } else if constexpr (std::is_same_v<T, Not>) {
                fields_read(pack, n.operand.get(), out);
            } else if constexpr (std::is_same_v<T, Binary>) {
                fields_read(pack, n.lhs.get(), out);
                fields_read(pack, n.rhs.get(), out);
            } else if constexpr (std::is_same_v<T, InList>) {
                fields_read(pack, n.value.get(), out);
                fields_read(pack, n.list.get(), out);
            } else if constexpr (std::is_same_v<T, Conditional>) {
                fields_read(pack, n.cond.get(), out);
                fields_read(pack, n.then_.get(), out);
                fields_read(pack, n.else_.get(), out);
            } else if constexpr (std::is_same_v<T, Call>) {
                for (const auto& a : n.args) fields_read(pack, a.get(), out);
                if (n.func == Func::Age) add_resolution(pack, e, out);  // the case attribute `born`
            } else if constexpr (std::is_same_v<T, IsKnown>) {
                fields_read(pack, n.value.get(), out);
            } else if constexpr (std::is_same_v<T, BoundAttr>) {
                add_resolution(pack, e, out);
            } else if constexpr (std::is_same_v<T, Quantifier>) {
                for (const auto& [name, span] : n.event_types) {
                    const int type = pack.schema.event_type(name);
                    if (type >= 0) add(out, {FieldRef::Kind::EventDate, type, -1});
                }
                fields_read(pack, n.where.get(), out);
                fields_read(pack, n.body.get(), out);
            } else if constexpr (std::is_same_v<T, ProcessInOrder> || std::is_same_v<T, ProcessStep>) {
                for (const auto& p : pack.processes)
                    if (p.decl->name == n.process)
                        for (const FieldRef& f : process_reads(pack, p)) add(out, f);
            }
        },
        e->node);
}

std::vector<FieldRef> rule_reads(const CheckedPack& pack, const CheckedRule& rule) {
    std::vector<FieldRef> out;
    for (const RuleDecl* v : rule.versions) {
        fields_read(pack, v->judged_on.get(), out);
        fields_read(pack, v->applies_when.get(), out);
        fields_read(pack, v->requirement.get(), out);
    }
    return out;
}

std::vector<FieldRef> process_reads(const CheckedPack& pack, const CheckedProcess& process) {
    std::vector<FieldRef> out;
    for (const CheckedStep& s : process.steps) {
        if (s.event_type >= 0) add(out, {FieldRef::Kind::EventDate, s.event_type, -1});
        fields_read(pack, s.decl->where.get(), out);
        fields_read(pack, s.decl->required_when.get(), out);
        fields_read(pack, s.within, out);
        fields_read(pack, s.within_unless, out);
        fields_read(pack, s.extended_until, out);
        fields_read(pack, s.extended_when, out);
    }
    return out;
}

}  // namespace aktkoll::dsl
