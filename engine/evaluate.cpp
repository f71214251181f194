#include <algorithm>
#include <array>
#include <iterator>
#include <span>

#include "core/bytes.hpp"
#include "engine/compile.hpp"

namespace aktkoll {

// Query results are memoized per case: a query depends only on the case,
// and nested queries inside `where` would otherwise run once per event.
struct QueryMemo {
    std::vector<Value> values;
    std::vector<uint64_t> stamps;
    uint64_t epoch = 0;
};

struct CompiledRules::Ctx {
    const Case& c;
    CaseResult& out;
    std::vector<TraceLine>* trace = nullptr;
    int depth = 0;
    QueryMemo* memo = nullptr;  // null while tracing, so traces show every step
    std::vector<uint8_t>* coverage = nullptr;
    // Values the interpreter reads instead of the case's own (a completion of
    // its unknown values, for exact EB); null: the case's.
    const Value* attrs = nullptr;
    const Value* event_values = nullptr;
    // The events the quantifiers being evaluated bind, by depth.
    std::array<const Event*, dsl::kMaxBindings> bound{};
    std::vector<BoundFinding>* findings = nullptr;  // with `trace`: where an `every` did not hold
    Date today = Date{};  // the evaluation date

    const Value& attr(int32_t slot) const { return attrs ? attrs[slot] : c.attrs[static_cast<size_t>(slot)]; }
    const Value* values() const { return event_values ? event_values : c.event_values.data(); }
};

namespace {
uint8_t covered_bit(const Value& v) {
    if (v.kind == ValueKind::Bool) return v.num ? kCoveredTrue : kCoveredFalse;
    return v.known() ? 0 : kCoveredUnknown;
}
}  // namespace

namespace {

Tri to_tri(const Value& v) {
    if (v.kind != ValueKind::Bool) return Tri::Unknown;
    return v.num ? Tri::True : Tri::False;
}

Value from_tri(Tri t) { return t == Tri::Unknown ? Value::unknown() : Value::boolean(t == Tri::True); }

bool equal(const Value& a, const Value& b) {
    if (a.kind == ValueKind::String || b.kind == ValueKind::String) return a.kind == b.kind && same_text(a.str(), b.str());
    return a.num == b.num;
}

// The operations both evaluators share, so that the closures and the
// interpreter cannot come to differ: inlined, with `op` a constant in each
// closure.

// A query over one event type's events (in date order), given each event's
// filter value: exists, count, or the date or an attribute of the first or
// last match — unknown when an event before that match may match too.
template <class Filter>
[[gnu::always_inline]] inline Value answer_query(Op op, std::span<const Event> events, int32_t slot,
                                                 const Value* event_values, Filter filter) {
    switch (op) {
        case Op::Exists: {
            Tri any = Tri::False;
            for (const Event& e : events) {
                any = tri_or(any, filter(e));
                if (any == Tri::True) break;
            }
            return from_tri(any);
        }
        case Op::Count: {
            int64_t count = 0;
            bool unknown = false;
            for (const Event& e : events) {
                const Tri t = filter(e);
                count += t == Tri::True;
                unknown = unknown || t == Tri::Unknown;
            }
            return unknown ? Value::unknown() : Value::integer(count);
        }
        case Op::First:
        case Op::Last: {
            const Event* found = nullptr;
            bool unknown = false;
            auto visit = [&](const Event& e) {
                const Tri t = filter(e);
                if (t == Tri::Unknown) unknown = true;
                if (t == Tri::True) found = &e;
                return t != Tri::False;  // stop at the first event that matches or may match
            };
            if (op == Op::First) {
                for (const Event& e : events)
                    if (visit(e)) break;
            } else {
                for (auto it = events.rbegin(); it != events.rend(); ++it)
                    if (visit(*it)) break;
            }
            if (!found || unknown) return Value::unknown();
            return slot < 0 ? Value::date(found->date) : event_values[found->values_begin + static_cast<uint32_t>(slot)];
        }
        default: return Value::unknown();
    }
}

// A comparison with an integer range (an age from a birth year): known
// when every pair of values gives the same answer.
Value compare_ranges(Op op, const Value& a, const Value& b) {
    auto less = [](const Value& x, const Value& y) {  // x < y: true, false or unknown
        return x.hi() < y.lo() ? Tri::True : x.lo() >= y.hi() ? Tri::False : Tri::Unknown;
    };
    switch (op) {
        case Op::Lt: return from_tri(less(a, b));
        case Op::Ge: return from_tri(tri_not(less(a, b)));
        case Op::Gt: return from_tri(less(b, a));
        case Op::Le: return from_tri(tri_not(less(b, a)));
        default: {
            const Tri apart = tri_or(less(a, b), less(b, a));  // the ranges share no value: never equal
            const Tri eq = apart == Tri::True ? Tri::False : Tri::Unknown;  // overlapping ranges (not both exact)
            return from_tri(op == Op::Eq ? eq : tri_not(eq));
        }
    }
}

// Eq, Ne, Lt, Le, Gt, Ge: unknown when either side is.
[[gnu::always_inline]] inline Value compare(Op op, const Value& a, const Value& b) {
    if (!a.known() || !b.known()) return Value::unknown();
    if (a.kind == ValueKind::Int && (a.size | b.size)) [[unlikely]]
        return compare_ranges(op, a, b);
    switch (op) {
        case Op::Eq: return Value::boolean(equal(a, b));
        case Op::Ne: return Value::boolean(!equal(a, b));
        case Op::Lt: return Value::boolean(a.num < b.num);
        case Op::Le: return Value::boolean(a.num <= b.num);
        case Op::Gt: return Value::boolean(a.num > b.num);
        default: return Value::boolean(a.num >= b.num);
    }
}

// Add, Sub: a date when exactly one side is a date (date ± days), else an
// integer (days between dates, or numbers); unknown when either side is.
[[gnu::always_inline]] inline Value arith(Op op, const Value& a, const Value& b) {
    if (!a.known() || !b.known()) return Value::unknown();
    const int64_t v = op == Op::Add ? a.num + b.num : a.num - b.num;
    const bool date = (a.kind == ValueKind::Date) != (b.kind == ValueKind::Date);
    if (a.size | b.size) [[unlikely]] {  // an integer range: the range of results; a date must be exact
        if (date) return Value::unknown();
        return op == Op::Add ? Value::int_range(a.lo() + b.lo(), a.hi() + b.hi())
                             : Value::int_range(a.lo() - b.hi(), a.hi() - b.lo());
    }
    return date ? Value::date(Date{static_cast<int32_t>(v)}) : Value::integer(v);
}

// AddMonths, SubMonths: a date shifted by whole calendar months (`per` months
// per unit: 1 or 12), the day clamped to the end of a shorter month.
[[gnu::always_inline]] inline Value shift_months(Op op, const Value& a, const Value& b, int32_t per) {
    if (!a.known() || !b.known()) return Value::unknown();
    const int64_t months = b.num * per;
    return Value::date(add_months(a.as_date(), op == Op::AddMonths ? months : -months));
}

// StepLate, StepMissing, StepNotYetDue: whether step `step` of a case's
// process is in that state; unknown when its state cannot be assessed.
Value step_state(Op op, const std::vector<StepResult>& steps, int32_t step) {
    const StepResult& s = steps[static_cast<size_t>(step)];
    if (s.status == StepStatus::Unknown || (op == Op::StepLate && s.late_unknown)) return Value::unknown();
    switch (op) {
        case Op::StepLate: return Value::boolean(s.days_late > 0);  // also when out of order
        case Op::StepMissing: return Value::boolean(s.status == StepStatus::Missing);
        default: return Value::boolean(s.status == StepStatus::NotYetDue);
    }
}

// Earliest, Latest of two dates. An operand that is a first/last query
// finding no event (`absent`) is left out; unknown when both are left out or
// a remaining one is unknown.
[[gnu::always_inline]] inline Value extreme(Op op, const Value& a, bool absent_a, const Value& b, bool absent_b) {
    if (absent_a || absent_b) return absent_a && absent_b ? Value::unknown() : absent_a ? b : a;
    if (!a.known() || !b.known()) return Value::unknown();
    return Value::date(Date{static_cast<int32_t>(op == Op::Earliest ? std::min(a.num, b.num) : std::max(a.num, b.num))});
}

// Mul: integers; for a range, the range of the products.
[[gnu::always_inline]] inline Value multiply(const Value& a, const Value& b) {
    if (!a.known() || !b.known()) return Value::unknown();
    if ((a.size | b.size) == 0) return Value::integer(a.num * b.num);
    const int64_t p[] = {a.lo() * b.lo(), a.lo() * b.hi(), a.hi() * b.lo(), a.hi() * b.hi()};
    return Value::int_range(*std::min_element(std::begin(p), std::end(p)), *std::max_element(std::begin(p), std::end(p)));
}

// Contains, StartsWith: a text holds / begins with b, or a list of the case
// (items in `items`) has b as an item; unknown when either side is.
[[gnu::always_inline]] inline Value text_match(Op op, const Value& a, const Value& b,
                                               const std::vector<std::string_view>& items) {
    if (!a.known() || !b.known()) return Value::unknown();
    const std::string_view needle = b.str();
    if (a.kind == ValueKind::StringList) {
        for (uint32_t i = 0; i < a.list_count(); ++i)
            if (same_text(items[a.list_begin() + i], needle)) return Value::boolean(true);
        return Value::boolean(false);
    }
    return Value::boolean(op == Op::Contains ? a.str().find(needle) != std::string_view::npos : a.str().starts_with(needle));
}

// If with an unknown condition: the branches' value when both give the same
// known value, else unknown (Kleene: the answer must not depend on the condition).
inline Value agree(const Value& a, const Value& b) {
    if (!a.known() || a.kind != b.kind || a.size != b.size) return Value::unknown();
    const bool same = a.kind == ValueKind::String ? same_text(a.str(), b.str()) : a.num == b.num;
    return same ? a : Value::unknown();
}

// Min, Max of two dates or integers (ranges: the range of the results); unknown when either is.
[[gnu::always_inline]] inline Value bound(Op op, const Value& a, const Value& b) {
    if (!a.known() || !b.known()) return Value::unknown();
    if (a.kind == ValueKind::Date) return Value::date(Date{static_cast<int32_t>(op == Op::Min ? std::min(a.num, b.num) : std::max(a.num, b.num))});
    return op == Op::Min ? Value::int_range(std::min(a.lo(), b.lo()), std::min(a.hi(), b.hi()))
                         : Value::int_range(std::max(a.lo(), b.lo()), std::max(a.hi(), b.hi()));
}

Value size_of(const Value& list) { return list.known() ? Value::integer(list.list_count()) : Value::unknown(); }

// The age in whole years at date `at`, from a birth year: exact on 31
// December, otherwise one of two values (before or after the birthday).
Value age_from_year(const Value& born, const Value& at) {
    if (!born.known() || !at.known()) return Value::unknown();
    int year;
    unsigned month, day;
    civil_from_date(at.as_date(), year, month, day);
    const int64_t after_birthday = year - born.num;
    return month == 12 && day == 31 ? Value::integer(after_birthday) : Value::int_range(after_birthday - 1, after_birthday);
}

// From a birth date: one year older on each birthday (born 29 February: on 1 March in other years).
Value age_from_date(const Value& born, const Value& at) {
    if (!born.known() || !at.known()) return Value::unknown();
    int y, by;
    unsigned m, d, bm, bd;
    civil_from_date(at.as_date(), y, m, d);
    civil_from_date(born.as_date(), by, bm, bd);
    return Value::integer(y - by - ((m < bm || (m == bm && d < bd)) ? 1 : 0));
}

// In: membership of the list; unknown when the value is (for a range: unless every value gives the same answer).
[[gnu::always_inline]] inline Value member(const Value& a, const Value* list, uint32_t count) {
    if (!a.known()) return Value::unknown();
    if (a.kind == ValueKind::Int && a.size) [[unlikely]] {
        if (a.size > 64) return Value::unknown();
        uint32_t hits = 0;
        for (int64_t v = a.lo(); v <= a.hi(); ++v)
            for (uint32_t i = 0; i < count; ++i)
                if (list[i].kind == ValueKind::Int && list[i].num == v) {
                    ++hits;
                    break;
                }
        return hits == 0 ? Value::boolean(false) : hits == a.size + 1u ? Value::boolean(true) : Value::unknown();
    }
    for (uint32_t i = 0; i < count; ++i)
        if (equal(a, list[i])) return Value::boolean(true);
    return Value::boolean(false);
}

// Quantifiers. One event's contribution to `every`: its `has` when its
// filter holds, true when the filter is false (the event is not one the rule
// is about), and with an unknown filter true only when `has` holds; to
// `some`: filter and `has`. The body is evaluated only when the filter may hold.
template <class Body>
[[gnu::always_inline]] inline Tri contribution(bool every, Tri where, Body body) {
    if (where == Tri::False) return every ? Tri::True : Tri::False;
    const Tri b = body();
    return every ? tri_or(tri_not(where), b) : tri_and(where, b);
}
// `every` is the Kleene and of the contributions (true for no events),
// `some` the or (false for none); settled once false / true.
[[gnu::always_inline]] inline Tri fold(bool every, Tri acc, Tri c) { return every ? tri_and(acc, c) : tri_or(acc, c); }
[[gnu::always_inline]] inline bool settled(bool every, Tri acc) { return acc == (every ? Tri::False : Tri::True); }

// Visits the events of `types` in date order (events of one day in the
// order the types are written), each with the one before it, until `each`
// returns false. No allocation: a cursor per type.
template <class Each>
inline void consecutive_pairs(const Case& c, const int32_t* types, uint32_t count, Each each) {
    std::array<size_t, dsl::kMaxBindings> pos{};
    const Event* prev = nullptr;
    for (;;) {
        const Event* next = nullptr;
        uint32_t from = 0;
        for (uint32_t k = 0; k < count; ++k) {
            const auto events = c.events_of(types[k]);
            if (pos[k] < events.size() && (!next || events[pos[k]].date < next->date)) {
                next = &events[pos[k]];
                from = k;
            }
        }
        if (!next) return;
        ++pos[from];
        if (prev && !each(*prev, *next)) return;
        prev = next;
    }
}

// `process P in order`: false when a step is dated before one it must follow;
// unknown when an event whose filter is unknown might document a step (then
// its date, and so the order, depends on the unknown value).
Value in_order(const std::vector<StepResult>& steps) {
    if (std::any_of(steps.begin(), steps.end(), [](const StepResult& s) { return s.uncertain; })) return Value::unknown();
    return Value::boolean(
        std::none_of(steps.begin(), steps.end(), [](const StepResult& s) { return s.status == StepStatus::OutOfOrder; }));
}

std::string value_text(const Value& v, bool reveal) {
    switch (v.kind) {
        case ValueKind::Unknown: return "unknown";
        case ValueKind::Bool: return v.num ? "true" : "false";
        case ValueKind::Int: return v.size ? std::to_string(v.lo()) + ".." + std::to_string(v.hi()) : std::to_string(v.num);
        case ValueKind::Date: return format_date(v.as_date());
        case ValueKind::String: return reveal ? "\"" + std::string(v.str()) + "\"" : "(text)";
        case ValueKind::StringList: return "(text)";
    }
    return "?";
}

}  // namespace

template <bool Plain>
Tri CompiledRules::truth(int32_t node, Ctx& ctx, const Event* scope) const {
    return to_tri(eval<Plain>(node, ctx, scope));
}

template <bool Plain>
bool CompiledRules::absent(int32_t node, const Value& v, Ctx& ctx) const {
    const ProgramNode& q = nodes[static_cast<size_t>(node)];
    if (v.known() || (q.op != Op::First && q.op != Op::Last)) return false;
    auto* trace = ctx.trace;  // the filter already shows in the trace of the query itself
    ctx.trace = nullptr;
    const Value any = answer_query(Op::Exists, ctx.c.events_of(q.type), -1, ctx.values(), [&](const Event& e) {
        return q.where < 0 ? Tri::True : truth<Plain>(q.where, ctx, &e);
    });
    ctx.trace = trace;
    return to_tri(any) == Tri::False;
}

template <bool Plain>
Value CompiledRules::eval_query(const ProgramNode& n, Ctx& ctx) const {
    return answer_query(n.op, ctx.c.events_of(n.type), n.slot, ctx.values(), [&](const Event& e) {
        return n.where < 0 ? Tri::True : truth<Plain>(n.where, ctx, &e);
    });
}

// ---------------------------------------------------------------------------
// The hot path: closures

namespace {
enum Kind : int {
    KConst, KCaseAttr, KEventAttr, KEventDate,
    KExists, KExistsAll, KCount, KCountAll, KFirst, KFirstAll, KLast, KLastAll,  // *All: no filter
    KNot, KAnd, KOr, KEq, KNe, KLt, KLe, KGt, KGe, KAdd, KSub, KEarliest, KLatest, KIn, KIsKnown, KIsUnknown,
    KMul, KContains, KStartsWith, KIf, KMin, KMax, KSize, KAgeYear, KAgeDate, KInOrder,
    KEvery, KSome, KEveryPair, KSomePair, KBoundAttr, KBoundDate,
    KAddMonths, KSubMonths, KToday, KStepLate, KStepMissing, KStepNotYetDue,
};
// The operation each kind performs.
constexpr Op kOpOf[] = {
    Op::Const, Op::CaseAttr, Op::EventAttr, Op::EventDate,
    Op::Exists, Op::Exists, Op::Count, Op::Count, Op::First, Op::First, Op::Last, Op::Last,
    Op::Not, Op::And, Op::Or, Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge, Op::Add, Op::Sub, Op::Earliest, Op::Latest, Op::In,
    Op::IsKnown, Op::IsUnknown,
    Op::Mul, Op::Contains, Op::StartsWith, Op::If, Op::Min, Op::Max, Op::Size, Op::AgeYear, Op::AgeDate, Op::InOrder,
    Op::Every, Op::Some, Op::EveryPair, Op::SomePair, Op::BoundAttr, Op::BoundDate,
    Op::AddMonths, Op::SubMonths, Op::Today, Op::StepLate, Op::StepMissing, Op::StepNotYetDue,
};
static_assert(std::size(kOpOf) == KStepNotYetDue + 1);
}  // namespace

template <int K>
Value CompiledRules::run(const Closure& n, Ctx& ctx, const Event* scope) {
    auto call = [&](const Closure* x, const Event* at) { return x->fn(*x, ctx, at); };
    auto tri = [&](const Closure* x) { return to_tri(call(x, scope)); };
    const Case& c = ctx.c;
    if constexpr (K == KConst) {
        return n.constant;
    } else if constexpr (K == KCaseAttr) {
        return c.attrs[static_cast<size_t>(n.slot)];
    } else if constexpr (K == KEventAttr) {
        return scope ? c.event_value(*scope, n.slot) : Value::unknown();
    } else if constexpr (K == KEventDate) {
        return scope ? Value::date(scope->date) : Value::unknown();
    } else if constexpr (K == KExistsAll) {
        return Value::boolean(!c.events_of(n.type).empty());
    } else if constexpr (K == KCountAll) {
        return Value::integer(static_cast<int64_t>(c.events_of(n.type).size()));
    } else if constexpr (K == KFirstAll || K == KLastAll) {
        const auto events = c.events_of(n.type);
        if (events.empty()) return Value::unknown();
        const Event& e = K == KFirstAll ? events.front() : events.back();
        return n.slot < 0 ? Value::date(e.date) : c.event_value(e, n.slot);
    } else if constexpr (K == KExists || K == KCount || K == KFirst || K == KLast) {
        // A filtered query: memoized per case, as its filter may run once per event.
        // Not when it reads a bound event: then it depends on the binding.
        QueryMemo& memo = *ctx.memo;
        const auto i = static_cast<size_t>(n.index);
        if (n.memo && memo.stamps[i] == memo.epoch) return memo.values[i];
        const Value result = answer_query(kOpOf[K], c.events_of(n.type), n.slot, c.event_values.data(),
                                          [&](const Event& e) { return to_tri(call(n.where, &e)); });
        if (n.memo) {
            memo.stamps[i] = memo.epoch;
            memo.values[i] = result;
        }
        return result;
    } else if constexpr (K == KNot) {
        return from_tri(tri_not(tri(n.a)));
    } else if constexpr (K == KAnd) {
        const Tri a = tri(n.a);
        return from_tri(a == Tri::False ? Tri::False : tri_and(a, tri(n.b)));
    } else if constexpr (K == KOr) {
        const Tri a = tri(n.a);
        return from_tri(a == Tri::True ? Tri::True : tri_or(a, tri(n.b)));
    } else if constexpr (K == KEq || K == KNe || K == KLt || K == KLe || K == KGt || K == KGe) {
        const Value a = call(n.a, scope);  // left before right, as the interpreter
        return compare(kOpOf[K], a, call(n.b, scope));
    } else if constexpr (K == KAdd || K == KSub) {
        const Value a = call(n.a, scope);
        return arith(kOpOf[K], a, call(n.b, scope));
    } else if constexpr (K == KEarliest || K == KLatest) {
        // A first/last query with no matching event is left out (certainly none: every filter false).
        auto absent = [&](const Closure* x, const Value& v) {
            if (v.known()) return false;
            if (x->fn == &run<KFirstAll> || x->fn == &run<KLastAll>) return c.events_of(x->type).empty();
            if (x->fn != &run<KFirst> && x->fn != &run<KLast>) return false;
            const Value any = answer_query(Op::Exists, c.events_of(x->type), -1, c.event_values.data(),
                                           [&](const Event& e) { return to_tri(call(x->where, &e)); });
            return to_tri(any) == Tri::False;
        };
        const Value a = call(n.a, scope);
        const Value b = call(n.b, scope);
        return extreme(kOpOf[K], a, absent(n.a, a), b, absent(n.b, b));
    } else if constexpr (K == KIn) {
        return member(call(n.a, scope), n.list, n.list_count);
    } else if constexpr (K == KIsKnown) {
        return Value::boolean(call(n.a, scope).known());
    } else if constexpr (K == KIsUnknown) {
        return Value::boolean(!call(n.a, scope).known());
    } else if constexpr (K == KEvery || K == KSome) {
        constexpr bool every = K == KEvery;
        // A shared query may bind this depth too: what was bound here is put back.
        const Event* outer = ctx.bound[static_cast<size_t>(n.binding)];
        Tri acc = every ? Tri::True : Tri::False;
        for (const Event& e : c.events_of(n.type)) {
            ctx.bound[static_cast<size_t>(n.binding)] = &e;
            const Tri w = n.where ? to_tri(call(n.where, &e)) : Tri::True;
            acc = fold(every, acc, contribution(every, w, [&] { return to_tri(call(n.a, scope)); }));
            if (settled(every, acc)) break;
        }
        ctx.bound[static_cast<size_t>(n.binding)] = outer;
        return from_tri(acc);
    } else if constexpr (K == KEveryPair || K == KSomePair) {
        constexpr bool every = K == KEveryPair;
        const auto d = static_cast<size_t>(n.binding);
        const std::array<const Event*, 2> outer{ctx.bound[d], ctx.bound[d + 1]};
        Tri acc = every ? Tri::True : Tri::False;
        consecutive_pairs(c, n.types, n.type_count, [&](const Event& a, const Event& b) {
            ctx.bound[d] = &a;
            ctx.bound[d + 1] = &b;
            acc = fold(every, acc, to_tri(call(n.a, scope)));
            return !settled(every, acc);
        });
        ctx.bound[d] = outer[0];
        ctx.bound[d + 1] = outer[1];
        return from_tri(acc);
    } else if constexpr (K == KBoundAttr) {
        return c.event_value(*ctx.bound[static_cast<size_t>(n.binding)], n.slot);
    } else if constexpr (K == KBoundDate) {
        return Value::date(ctx.bound[static_cast<size_t>(n.binding)]->date);
    } else if constexpr (K == KMul) {
        const Value a = call(n.a, scope);
        return multiply(a, call(n.b, scope));
    } else if constexpr (K == KContains || K == KStartsWith) {
        const Value a = call(n.a, scope);
        return text_match(kOpOf[K], a, call(n.b, scope), c.list_items);
    } else if constexpr (K == KIf) {
        const Tri cond = tri(n.a);
        if (cond != Tri::Unknown) return call(cond == Tri::True ? n.b : n.c, scope);
        const Value a = call(n.b, scope);
        return agree(a, call(n.c, scope));
    } else if constexpr (K == KMin || K == KMax) {
        const Value a = call(n.a, scope);
        return bound(kOpOf[K], a, call(n.b, scope));
    } else if constexpr (K == KSize) {
        return size_of(call(n.a, scope));
    } else if constexpr (K == KAgeYear || K == KAgeDate) {
        const Value born = c.attrs[static_cast<size_t>(n.slot)];
        return K == KAgeYear ? age_from_year(born, call(n.a, scope)) : age_from_date(born, call(n.a, scope));
    } else if constexpr (K == KInOrder) {
        return in_order(ctx.out.processes[static_cast<size_t>(n.type)]);
    } else if constexpr (K == KAddMonths || K == KSubMonths) {
        const Value a = call(n.a, scope);
        return shift_months(kOpOf[K], a, call(n.b, scope), n.slot);
    } else if constexpr (K == KToday) {
        return Value::date(ctx.today);
    } else {
        static_assert(K == KStepLate || K == KStepMissing || K == KStepNotYetDue);
        return step_state(kOpOf[K], ctx.out.processes[static_cast<size_t>(n.type)], n.slot);
    }
}

void CompiledRules::build_closures() {
    closures_.assign(nodes.size(), Closure{});
    auto at = [&](int32_t i) -> const Closure* { return i < 0 ? nullptr : &closures_[static_cast<size_t>(i)]; };
    for (size_t i = 0; i < nodes.size(); ++i) {
        const ProgramNode& p = nodes[i];
        Closure& n = closures_[i];
        n.a = at(p.a);
        n.b = at(p.b);
        n.c = at(p.c);
        n.where = at(p.where);
        n.index = static_cast<int32_t>(i);
        n.type = p.type;
        n.slot = p.slot;
        n.constant = p.constant;
        n.list = list_items.data() + p.list_begin;
        n.list_count = p.list_count;
        n.binding = p.binding;
        n.memo = p.bindings_read == 0;
        n.types = p.types.data();
        n.type_count = static_cast<uint32_t>(p.types.size());
        const bool all = p.where < 0;
        switch (p.op) {
            case Op::Const: n.fn = &run<KConst>; break;
            case Op::CaseAttr: n.fn = &run<KCaseAttr>; break;
            case Op::EventAttr: n.fn = &run<KEventAttr>; break;
            case Op::EventDate: n.fn = &run<KEventDate>; break;
            case Op::Exists: n.fn = all ? &run<KExistsAll> : &run<KExists>; break;
            case Op::Count: n.fn = all ? &run<KCountAll> : &run<KCount>; break;
            case Op::First: n.fn = all ? &run<KFirstAll> : &run<KFirst>; break;
            case Op::Last: n.fn = all ? &run<KLastAll> : &run<KLast>; break;
            case Op::Not: n.fn = &run<KNot>; break;
            case Op::And: n.fn = &run<KAnd>; break;
            case Op::Or: n.fn = &run<KOr>; break;
            case Op::Eq: n.fn = &run<KEq>; break;
            case Op::Ne: n.fn = &run<KNe>; break;
            case Op::Lt: n.fn = &run<KLt>; break;
            case Op::Le: n.fn = &run<KLe>; break;
            case Op::Gt: n.fn = &run<KGt>; break;
            case Op::Ge: n.fn = &run<KGe>; break;
            case Op::Add: n.fn = &run<KAdd>; break;
            case Op::Sub: n.fn = &run<KSub>; break;
            case Op::Earliest: n.fn = &run<KEarliest>; break;
            case Op::Latest: n.fn = &run<KLatest>; break;
            case Op::In: n.fn = &run<KIn>; break;
            case Op::IsKnown: n.fn = &run<KIsKnown>; break;
            case Op::IsUnknown: n.fn = &run<KIsUnknown>; break;
            case Op::InOrder: n.fn = &run<KInOrder>; break;
            case Op::Every: n.fn = &run<KEvery>; break;
            case Op::Some: n.fn = &run<KSome>; break;
            case Op::EveryPair: n.fn = &run<KEveryPair>; break;
            case Op::SomePair: n.fn = &run<KSomePair>; break;
            case Op::BoundAttr: n.fn = &run<KBoundAttr>; break;
            case Op::BoundDate: n.fn = &run<KBoundDate>; break;
            case Op::AddMonths: n.fn = &run<KAddMonths>; break;
            case Op::SubMonths: n.fn = &run<KSubMonths>; break;
            case Op::Today: n.fn = &run<KToday>; break;
            case Op::StepLate: n.fn = &run<KStepLate>; break;
            case Op::StepMissing: n.fn = &run<KStepMissing>; break;
            case Op::StepNotYetDue: n.fn = &run<KStepNotYetDue>; break;
            case Op::Mul: n.fn = &run<KMul>; break;
            case Op::Contains: n.fn = &run<KContains>; break;
            case Op::StartsWith: n.fn = &run<KStartsWith>; break;
            case Op::If: n.fn = &run<KIf>; break;
            case Op::Min: n.fn = &run<KMin>; break;
            case Op::Max: n.fn = &run<KMax>; break;
            case Op::Size: n.fn = &run<KSize>; break;
            case Op::AgeYear: n.fn = &run<KAgeYear>; break;
            case Op::AgeDate: n.fn = &run<KAgeDate>; break;
        }
    }
}

// The hot path runs the node's closure; the other instance interprets.
template <bool Plain>
[[gnu::always_inline]] inline Value CompiledRules::eval(int32_t index, Ctx& ctx, const Event* scope) const {
    if constexpr (Plain) {
        const Closure& n = closures_[static_cast<size_t>(index)];
        return n.fn(n, ctx, scope);
    } else {
        return eval_node<Plain>(index, ctx, scope);
    }
}

template <bool Plain>
Value CompiledRules::eval_node(int32_t index, Ctx& ctx, const Event* scope) const {
    static_assert(!Plain, "the hot path runs closures");
    const ProgramNode& n = nodes[static_cast<size_t>(index)];
    size_t trace_at = 0;
    if (!Plain && ctx.trace) {
        ++ctx.depth;
        trace_at = ctx.trace->size();
        if (n.op != Op::Const) ctx.trace->push_back(TraceLine{ctx.depth, n.text, {}});
    }
    Value result;
    switch (n.op) {
        case Op::Const: result = n.constant; break;
        case Op::CaseAttr: result = ctx.attr(n.slot); break;
        case Op::EventAttr: result = scope ? ctx.values()[scope->values_begin + static_cast<uint32_t>(n.slot)] : Value::unknown(); break;
        case Op::EventDate: result = scope ? Value::date(scope->date) : Value::unknown(); break;
        case Op::Exists:
        case Op::Count:
        case Op::First:
        case Op::Last: result = eval_query<Plain>(n, ctx); break;
        case Op::Not: result = from_tri(tri_not(truth<Plain>(n.a, ctx, scope))); break;
        case Op::And: {
            Tri a = truth<Plain>(n.a, ctx, scope);
            result = from_tri(a == Tri::False ? Tri::False : tri_and(a, truth<Plain>(n.b, ctx, scope)));
            break;
        }
        case Op::Or: {
            Tri a = truth<Plain>(n.a, ctx, scope);
            result = from_tri(a == Tri::True ? Tri::True : tri_or(a, truth<Plain>(n.b, ctx, scope)));
            break;
        }
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: {
            const Value a = eval<Plain>(n.a, ctx, scope);  // left before right: the trace's order
            result = compare(n.op, a, eval<Plain>(n.b, ctx, scope));
            break;
        }
        case Op::Add:
        case Op::Sub: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            result = arith(n.op, a, eval<Plain>(n.b, ctx, scope));
            break;
        }
        case Op::Earliest:
        case Op::Latest: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            const Value b = eval<Plain>(n.b, ctx, scope);
            result = extreme(n.op, a, absent<Plain>(n.a, a, ctx), b, absent<Plain>(n.b, b, ctx));
            break;
        }
        case Op::In: result = member(eval<Plain>(n.a, ctx, scope), list_items.data() + n.list_begin, n.list_count); break;
        case Op::IsKnown: result = Value::boolean(eval<Plain>(n.a, ctx, scope).known()); break;
        case Op::IsUnknown: result = Value::boolean(!eval<Plain>(n.a, ctx, scope).known()); break;
        case Op::InOrder: result = in_order(ctx.out.processes[static_cast<size_t>(n.type)]); break;
        case Op::Every:
        case Op::Some:
        case Op::EveryPair:
        case Op::SomePair: result = eval_quantifier<Plain>(n, ctx, scope); break;
        case Op::BoundAttr: {
            const Event& e = *ctx.bound[static_cast<size_t>(n.binding)];
            result = ctx.values()[e.values_begin + static_cast<uint32_t>(n.slot)];
            break;
        }
        case Op::BoundDate: result = Value::date(ctx.bound[static_cast<size_t>(n.binding)]->date); break;
        case Op::AddMonths:
        case Op::SubMonths: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            result = shift_months(n.op, a, eval<Plain>(n.b, ctx, scope), n.slot);
            break;
        }
        case Op::Today: result = Value::date(ctx.today); break;
        case Op::StepLate:
        case Op::StepMissing:
        case Op::StepNotYetDue: result = step_state(n.op, ctx.out.processes[static_cast<size_t>(n.type)], n.slot); break;
        case Op::Mul: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            result = multiply(a, eval<Plain>(n.b, ctx, scope));
            break;
        }
        case Op::Contains:
        case Op::StartsWith: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            result = text_match(n.op, a, eval<Plain>(n.b, ctx, scope), ctx.c.list_items);
            break;
        }
        case Op::If: {
            const Tri cond = truth<Plain>(n.a, ctx, scope);
            if (cond != Tri::Unknown) {
                result = eval<Plain>(cond == Tri::True ? n.b : n.c, ctx, scope);
            } else {
                const Value a = eval<Plain>(n.b, ctx, scope);
                result = agree(a, eval<Plain>(n.c, ctx, scope));
            }
            break;
        }
        case Op::Min:
        case Op::Max: {
            const Value a = eval<Plain>(n.a, ctx, scope);
            result = bound(n.op, a, eval<Plain>(n.b, ctx, scope));
            break;
        }
        case Op::Size: result = size_of(eval<Plain>(n.a, ctx, scope)); break;
        case Op::AgeYear:
        case Op::AgeDate: {
            const Value born = ctx.attr(n.slot);
            const Value at = eval<Plain>(n.a, ctx, scope);
            result = n.op == Op::AgeYear ? age_from_year(born, at) : age_from_date(born, at);
            break;
        }
    }
    if constexpr (!Plain) {
        if (ctx.trace) {
            if (n.op != Op::Const) (*ctx.trace)[trace_at].value = value_text(result, n.reveal);
            --ctx.depth;
        }
        if (ctx.coverage) (*ctx.coverage)[static_cast<size_t>(index)] |= covered_bit(result);
    }
    return result;
}

namespace {

// "b = beslut 2024-03-02", "a, b = placering 2024-01-10, översyn 2024-07-01": the events bound, by type and date.
std::string bound_text(const std::vector<std::string>& type_names, const ProgramNode& n, const Event& first, const Event* second) {
    std::string names, events = type_names[static_cast<size_t>(first.type)] + " " + format_date(first.date);
    for (size_t i = 0; i < n.names.size(); ++i) names += (i ? ", " : "") + n.names[i];
    if (second) events += ", " + type_names[second->type] + " " + format_date(second->date);
    return names + " = " + events;
}

}  // namespace

// The interpreter's quantifier: as the closures, and a trace line per event
// or pair with its contribution; an outermost `every` that does not hold
// names the events that made it so (RuleTrace::bound_findings).
template <bool Plain>
Value CompiledRules::eval_quantifier(const ProgramNode& n, Ctx& ctx, const Event* scope) const {
    const bool every = n.op == Op::Every || n.op == Op::EveryPair;
    const bool pairs = n.op == Op::EveryPair || n.op == Op::SomePair;
    const auto d = static_cast<size_t>(n.binding);
    const std::array<const Event*, 2> outer{ctx.bound[d], pairs ? ctx.bound[d + 1] : nullptr};
    Tri acc = every ? Tri::True : Tri::False;
    auto each = [&](const Event& first, const Event* second, auto contribution_of) {
        size_t at = 0;
        if (ctx.trace) {
            ++ctx.depth;
            at = ctx.trace->size();
            ctx.trace->push_back(TraceLine{ctx.depth, bound_text(event_type_names, n, first, second), {}});
        }
        const Tri t = contribution_of();
        if (ctx.trace) {
            (*ctx.trace)[at].value = value_text(from_tri(t), true);
            --ctx.depth;
        }
        if (ctx.findings && every && t != Tri::True && d == 0 && !scope) {
            BoundFinding f;
            for (size_t i = 0; i < n.names.size(); ++i) f.names += (i ? ", " : "") + n.names[i];
            f.condition = nodes[static_cast<size_t>(n.a)].text;
            f.event_type = static_cast<int32_t>(first.type);
            f.date = first.date;
            if (second) {
                f.next_type = static_cast<int32_t>(second->type);
                f.next_date = second->date;
            }
            f.unknown = t == Tri::Unknown;
            if (std::find(ctx.findings->begin(), ctx.findings->end(), f) == ctx.findings->end()) ctx.findings->push_back(std::move(f));
        }
        acc = fold(every, acc, t);
        return !settled(every, acc);
    };
    if (pairs) {
        consecutive_pairs(ctx.c, n.types.data(), static_cast<uint32_t>(n.types.size()), [&](const Event& a, const Event& b) {
            return each(a, &b, [&] {
                ctx.bound[d] = &a;
                ctx.bound[d + 1] = &b;
                return truth<Plain>(n.a, ctx, scope);
            });
        });
        ctx.bound[d + 1] = outer[1];
    } else {
        for (const Event& e : ctx.c.events_of(n.type)) {
            const bool more = each(e, nullptr, [&] {
                ctx.bound[d] = &e;
                const Tri w = n.where < 0 ? Tri::True : truth<Plain>(n.where, ctx, &e);
                return contribution(every, w, [&] { return truth<Plain>(n.a, ctx, scope); });
            });
            if (!more) break;
        }
    }
    ctx.bound[d] = outer[0];
    return from_tri(acc);
}

namespace {

// Dates as day numbers, kNoDay for none: no optional to test per step.
constexpr int32_t kNoDay = INT32_MIN;

struct Latest {
    int32_t date;  // day number, kNoDay when no ancestor is documented
    int step;
};

// Scratch of one walk through a process, per thread and reused: no
// allocation per case. Filled field by field: building a struct on the stack
// and copying it stalls on store forwarding (GCC 12 copies it with a vector load).
struct StepWalk {
    std::vector<Latest> latest;      // the latest documented step among each step's ancestors
    std::vector<int32_t> step_date;  // each step's date, kNoDay while missing

    void reset(size_t steps) {
        latest.resize(steps);
        step_date.resize(steps);
        for (size_t k = 0; k < steps; ++k) {
            latest[k].date = kNoDay;
            latest[k].step = -1;
            step_date[k] = kNoDay;
        }
    }
    // The latest documented ancestor of step `i`: a step dated before it is
    // out of order even when steps between are missing.
    const Latest& latest_before(const CompiledStep& s, int i) {
        Latest& before = latest[static_cast<size_t>(i)];
        for (int a : s.after) {
            const Latest& l = latest[static_cast<size_t>(a)];
            const int32_t d = step_date[static_cast<size_t>(a)];
            if (l.date > before.date) before = l;  // kNoDay is below every date
            if (d > before.date) {
                before.date = d;
                before.step = a;
            }
        }
        return before;
    }
};

void reset_steps(std::vector<StepResult>& steps, size_t n) {
    steps.resize(n);
    for (StepResult& step : steps) {  // field by field, as in StepWalk
        step.status = StepStatus::NotRequired;
        step.date.reset();
        step.root_cause = -1;
        step.days_late = 0;
        step.before_step = -1;
        step.uncertain = false;
        step.late_unknown = false;
    }
}

// A step that is missing because a step it follows is missing: the root
// cause is the first such step's own root cause, or that step.
void find_root_cause(const CompiledStep& s, const std::vector<StepResult>& steps, StepResult& r) {
    for (int a : s.after) {
        const auto& prior = steps[static_cast<size_t>(a)];
        if (prior.status == StepStatus::Missing) {
            r.root_cause = prior.root_cause >= 0 ? prior.root_cause : a;
            return;
        }
    }
}

}  // namespace

template <bool Plain>
void CompiledRules::evaluate_processes(Ctx& ctx) const {
    ctx.out.processes.resize(processes.size());
    for (size_t p = 0; p < processes.size(); ++p) evaluate_process<Plain>(processes[p], ctx.out.processes[p], ctx);
}

// The steps in an order where each comes after the steps it follows, so that
// ancestors' dates and statuses are known when a step is assessed.
template <bool Plain>
void CompiledRules::evaluate_process(const CompiledProcess& proc, std::vector<StepResult>& steps, Ctx& ctx) const {
    reset_steps(steps, proc.steps.size());
    thread_local StepWalk walk;
    walk.reset(proc.steps.size());
    for (int i : proc.graph.topological_order()) {
        const CompiledStep& s = proc.steps[static_cast<size_t>(i)];
        StepResult& r = steps[static_cast<size_t>(i)];
        const bool maybe = document_step<Plain>(s, ctx, r);
        r.uncertain = maybe;
        if (r.date) walk.step_date[static_cast<size_t>(i)] = r.date->days;
        const Latest& before = walk.latest_before(s, i);
        // Whether the step is required matters only when it is missing
        // (the reference instance evaluates it always, for coverage).
        const Tri required = (Plain && r.date) || s.required_when < 0 ? Tri::True
                                                                        : truth<Plain>(s.required_when, ctx, nullptr);
        if (r.date) {
            r.status = StepStatus::Present;
            check_deadline<Plain>(s, steps, ctx, r);
            if (before.date != kNoDay && before.date > r.date->days) {
                r.status = StepStatus::OutOfOrder;
                r.before_step = before.step;
            }
        } else if (required == Tri::False) {
            r.status = StepStatus::NotRequired;
        } else if (required == Tri::Unknown || maybe) {
            r.status = StepStatus::Unknown;
        } else {
            r.status = undocumented<Plain>(s, steps, ctx);
            if (r.status == StepStatus::Missing) find_root_cause(s, steps, r);
        }
    }
}

// A required step that is not documented: missing once due; not yet due while
// its deadline has not passed on the evaluation date, or while a step it
// follows is not yet due; a step without a deadline is due at once.
template <bool Plain>
StepStatus CompiledRules::undocumented(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx) const {
    for (int a : s.after)
        if (steps[static_cast<size_t>(a)].status == StepStatus::NotYetDue) return StepStatus::NotYetDue;
    int days_late = 0;
    switch (past_deadline<Plain>(s, steps, ctx, ctx.today.days, days_late).value_or(Tri::True)) {
        case Tri::False: return StepStatus::NotYetDue;
        case Tri::Unknown: return StepStatus::Unknown;
        default: return StepStatus::Missing;
    }
}

// Dates the step by the first event that documents it. True when an event
// whose filter is unknown might document it (and none surely does before).
template <bool Plain>
bool CompiledRules::document_step(const CompiledStep& s, Ctx& ctx, StepResult& r) const {
    bool maybe = false;
    for (const Event& e : ctx.c.events_of(s.event_type)) {
        const Tri t = s.where < 0 ? Tri::True : truth<Plain>(s.where, ctx, &e);
        if (t == Tri::True) {
            r.date = e.date;
            return maybe;
        }
        maybe = maybe || t == Tri::Unknown;
    }
    return maybe;
}

// Whether `day` is past the step's deadline: `within N days|months of STEP`,
// lifted by `unless C` or moved to D by `or until D when C` (Kleene in C).
// None for a step without a deadline, or whose deadline cannot start (the
// step it counts from is not documented, or N is unknown). `days_late`: how
// far past, when true.
template <bool Plain>
std::optional<Tri> CompiledRules::past_deadline(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx,
                                                int32_t day, int& days_late) const {
    if (s.within < 0 || s.within_of < 0) return std::nullopt;
    const auto& from = steps[static_cast<size_t>(s.within_of)];
    if (!from.date) return std::nullopt;
    const Value n = eval<Plain>(s.within, ctx, nullptr);
    if (!n.known()) return std::nullopt;
    const int32_t deadline = s.within_months ? add_months(*from.date, n.num * s.within_months).days
                                             : static_cast<int32_t>(from.date->days + n.num);
    Tri past = day > deadline ? Tri::True : Tri::False;
    int32_t counted_from = deadline;
    if (s.unless >= 0) past = tri_and(tri_not(truth<Plain>(s.unless, ctx, nullptr)), past);
    if (s.extended_when >= 0) {
        const Tri extended = truth<Plain>(s.extended_when, ctx, nullptr);
        const Value until = eval<Plain>(s.extended_until, ctx, nullptr);
        const Tri past_extended = !until.known() ? Tri::Unknown : day > until.num ? Tri::True : Tri::False;
        past = tri_or(tri_and(extended, past_extended), tri_and(tri_not(extended), past));
        if (extended == Tri::True && until.known()) counted_from = static_cast<int32_t>(until.num);
    }
    if (past == Tri::True) days_late = day - counted_from;
    return past;
}

// A documented step past its deadline is Late; Unknown when that depends on
// an unknown value (of `unless` or of an extension).
template <bool Plain>
void CompiledRules::check_deadline(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx, StepResult& r) const {
    int days_late = 0;
    const auto past = past_deadline<Plain>(s, steps, ctx, r.date->days, days_late);
    if (!past) return;
    const Tri late = *past;
    if (!Plain && ctx.coverage && late != Tri::Unknown)
        (*ctx.coverage)[static_cast<size_t>(s.within)] |= late == Tri::True ? kCoveredFalse : kCoveredTrue;
    if (late == Tri::Unknown) {
        r.status = StepStatus::Unknown;
        r.late_unknown = true;
    }
    if (late == Tri::True) {
        r.status = StepStatus::Late;
        r.days_late = days_late;
    }
}

// Writes `out` field by field: a RuleResult built and returned by value is
// assembled byte by byte on the stack and read back whole (a store-forwarding
// stall on every rule of every case with GCC 12).
template <bool Plain>
void CompiledRules::evaluate_rule(const CompiledRule& r, Ctx& ctx, RuleResult& out) const {
    auto result = [&](Outcome o, OutcomeReason why, int8_t version) {
        out.outcome = o;
        out.reason = why;
        out.version = version;
    };
    if (r.disabled) return result(Outcome::Et, OutcomeReason::Disabled, -1);
    auto none_applies = [&]() {
        for (const auto& v : r.versions)
            if (v.applies < 0 || truth<Plain>(v.applies, ctx, nullptr) != Tri::False) return false;
        return true;
    };
    int version = 0;
    if (r.judged_on >= 0) {
        Value d = eval<Plain>(r.judged_on, ctx, nullptr);
        if (!d.known()) {
            if (none_applies()) return result(Outcome::Et, OutcomeReason::DoesNotApply, -1);
            return result(Outcome::EB, OutcomeReason::JudgedDateUnknown, -1);
        }
        version = -1;
        for (size_t i = 0; i < r.versions.size(); ++i) {
            const auto& v = r.versions[i];
            if ((!v.from || *v.from <= d.as_date()) && (!v.until || d.as_date() <= *v.until)) {
                version = static_cast<int>(i);
                break;
            }
        }
        if (version < 0) {
            if (none_applies()) return result(Outcome::Et, OutcomeReason::DoesNotApply, -1);
            return result(Outcome::EB, OutcomeReason::NoVersionForDate, -1);
        }
    }
    const auto& v = r.versions[static_cast<size_t>(version)];
    const auto ver = static_cast<int8_t>(version);
    const Tri applies = v.applies < 0 ? Tri::True : truth<Plain>(v.applies, ctx, nullptr);
    if (applies == Tri::False) return result(Outcome::Et, OutcomeReason::DoesNotApply, ver);
    if (applies == Tri::Unknown) return result(Outcome::EB, OutcomeReason::AppliesUnknown, ver);
    switch (truth<Plain>(v.requires_, ctx, nullptr)) {
        case Tri::True: return result(Outcome::Ja, OutcomeReason::Met, ver);
        case Tri::False: return result(Outcome::Nej, OutcomeReason::NotMet, ver);
        default: return result(Outcome::EB, OutcomeReason::RequirementUnknown, ver);
    }
}

namespace {

// One unknown value of the case that a rule reads and that can be filled in.
struct Unknown {
    bool event = false;  // in Case::event_values, else Case::attrs
    uint32_t index = 0;
    const std::vector<Value>* domain = nullptr;
    UnknownValue where;
};

// The unknown values `reads` names in this case, in a fixed order.
std::vector<Unknown> unknowns_read(const CompiledRules& rules, const RuleReads& reads, const Case& c) {
    std::vector<Unknown> out;
    for (int32_t slot : reads.case_slots) {
        const auto& domain = rules.case_domains[static_cast<size_t>(slot)];
        if (!c.attrs[static_cast<size_t>(slot)].known() && !domain.empty())
            out.push_back({false, static_cast<uint32_t>(slot), &domain, {-1, slot, {}}});
    }
    for (auto [type, slot] : reads.event_slots) {
        const auto& domain = rules.event_domains[static_cast<size_t>(type)][static_cast<size_t>(slot)];
        if (domain.empty()) continue;
        for (const Event& e : c.events_of(type))
            if (!c.event_value(e, slot).known())
                out.push_back({true, e.values_begin + static_cast<uint32_t>(slot), &domain, {type, slot, e.date}});
    }
    return out;
}

}  // namespace

void CompiledRules::resolve_unknowns(const CompiledRule& r, const Ctx& ctx, RuleResult& out, RuleTrace* trace) const {
    if (trace)
        for (int32_t type : r.reads.queried_types)
            if (ctx.c.events_of(type).empty()) trace->missing_events.push_back(type);
    const std::vector<Unknown> unknowns = unknowns_read(*this, r.reads, ctx.c);
    if (unknowns.empty()) return;  // the unknown is not a value that can be filled in (e.g. no such event)
    size_t completions = 1;
    for (const Unknown& u : unknowns) completions = std::min(completions * u.domain->size(), kMaxCompletions + 1);
    if (unknowns.size() > kMaxUnknowns || completions > kMaxCompletions) {
        if (trace) trace->too_many_unknowns = true;
        return;
    }
    thread_local std::vector<Value> attrs, values;
    thread_local CaseResult scratch;
    attrs = ctx.c.attrs;
    values = ctx.c.event_values;
    Ctx fill{ctx.c, scratch};
    fill.today = ctx.today;
    fill.attrs = attrs.data();
    fill.event_values = values.data();
    std::vector<size_t> digit(unknowns.size(), 0);
    std::vector<Outcome> outcomes;  // by completion, kept only for the trace
    RuleResult first, each;
    for (size_t k = 0; k < completions; ++k) {
        for (size_t u = 0; u < unknowns.size(); ++u) {  // completion k in mixed radix, first unknown fastest
            const Value v = (*unknowns[u].domain)[digit[u]];
            (unknowns[u].event ? values : attrs)[unknowns[u].index] = v;
        }
        if (r.reads.process >= 0) evaluate_processes<false>(fill);
        evaluate_rule<false>(r, fill, k == 0 ? first : each);
        if (k > 0 && each.outcome != first.outcome && !trace) return;  // depends on the unknowns: EB stands
        if (trace) outcomes.push_back(k == 0 ? first.outcome : each.outcome);
        for (size_t u = 0; u < digit.size() && ++digit[u] == unknowns[u].domain->size(); ++u) digit[u] = 0;
    }
    if (trace) {
        // An unknown matters when changing it alone changes the answer for some filling-in of the rest.
        size_t stride = 1;
        for (const Unknown& u : unknowns) {
            const size_t n = u.domain->size();
            bool matters = false;
            for (size_t k = 0; k < completions && !matters; ++k)
                if ((k / stride) % n != 0) matters = outcomes[k] != outcomes[k - ((k / stride) % n) * stride];
            if (matters) trace->depends_on.push_back(u.where);
            stride *= n;
        }
        if (!trace->depends_on.empty()) return;
    }
    out = first;  // every filling-in gives the same answer
}

template <bool Plain>
void CompiledRules::evaluate_rules(Ctx& ctx) const {
    ctx.out.rules.resize(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        RuleResult& result = ctx.out.rules[i];
        evaluate_rule<Plain>(rules[i], ctx, result);
        if (result.outcome != Outcome::EB) continue;
        resolve_unknowns(rules[i], ctx, result, nullptr);
    }
}

void CompiledRules::evaluate(const Case& c, CaseResult& out, std::vector<uint8_t>& coverage, Date today) const {
    coverage.resize(nodes.size(), 0);
    Ctx ctx{c, out};
    ctx.today = today;
    ctx.coverage = &coverage;
    evaluate_processes<false>(ctx);
    out.traces.clear();
    evaluate_rules<false>(ctx);
}

void CompiledRules::evaluate(const Case& c, CaseResult& out, bool trace, Date today) const {
    thread_local QueryMemo memo;
    if (memo.values.size() < nodes.size()) {
        memo.values.resize(nodes.size());
        memo.stamps.resize(nodes.size(), 0);
    }
    ++memo.epoch;
    Ctx ctx{c, out};
    ctx.today = today;
    out.traces.clear();
    if (!trace) {
        ctx.memo = &memo;
        evaluate_processes<true>(ctx);
        evaluate_rules<true>(ctx);
        return;
    }
    evaluate_processes<false>(ctx);
    out.traces.resize(rules.size());
    out.rules.resize(rules.size());
    for (size_t i = 0; i < rules.size(); ++i) {
        ctx.trace = &out.traces[i].lines;
        ctx.findings = &out.traces[i].bound_findings;
        evaluate_rule<false>(rules[i], ctx, out.rules[i]);
        ctx.trace = nullptr;
        ctx.findings = nullptr;
        if (out.rules[i].outcome == Outcome::EB) resolve_unknowns(rules[i], ctx, out.rules[i], &out.traces[i]);
    }
}

}  // namespace aktkoll
