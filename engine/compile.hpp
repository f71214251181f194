// Checked pack -> flat programs with resolved slots and event-type indices,
// built once per rule set. The hot loop never sees names or the AST.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "core/case.hpp"
#include "engine/process_graph.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

enum class Op : uint8_t {
    Const,
    CaseAttr,   // slot
    EventAttr,  // slot of the event in scope (inside where)
    EventDate,  // date of the event in scope
    Exists,     // type, where
    Count,      // type, where
    First,      // type, where, slot (-1 = date)
    Last,
    Not,
    And,
    Or,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Earliest,  // a, b: the earlier of two dates; a first/last query that finds no event is left out
    Latest,    // the later
    In,  // a, list constants [list_begin, list_begin + list_count)
    IsKnown,
    IsUnknown,
    InOrder,  // process index in `type`
    // Quantifiers: `a` the body (`has`), `binding` the depth of the name they bind.
    Every,      // type, where: the body for every event of the type whose filter holds
    Some,       // … for some such event
    EveryPair,  // types: the body for every event and the next (in date order); binds binding, binding + 1
    SomePair,
    BoundAttr,  // slot of the event bound at depth `binding` (of type `type`)
    BoundDate,  // its date
    AddMonths,  // a date + b calendar months, times `slot` months per unit (1 months, 12 years)
    SubMonths,
    Today,          // the evaluation date
    StepLate,       // process `type`, step `slot`: documented after its deadline
    StepMissing,    // required, not documented, and due
    StepNotYetDue,  // required, not documented, and its deadline has not passed
    Mul,         // a * b: integers (an age that is one of two values gives the range of products)
    Contains,    // a contains b: a text holds b, or a list of the case has b as an item
    StartsWith,  // a starts with b
    If,          // if a then b else c; an unknown a gives the branches' value when they agree
    Min,         // min(a, b), max(a, b): longer calls are chains; unknown when either is
    Max,
    Size,        // the number of items of list a
    AgeYear,     // age at date a, from the birth year in case attribute `slot`
    AgeDate,     // age at date a, from the birth date in case attribute `slot`
};

struct ProgramNode {
    Op op = Op::Const;
    int32_t a = -1, b = -1;    // children
    int32_t c = -1;            // third child: the `else` of If
    int32_t type = -1;         // event type (queries) or process (InOrder)
    int32_t where = -1;        // filter node for queries, -1 = none
    int32_t slot = -1;         // attribute slot; -1 = date for First/Last
    Value constant;            // Const
    uint32_t list_begin = 0, list_count = 0;
    std::string text;          // the expression in source form, for traces
    bool reveal = false;       // a string value may be shown (an enumeration, not free text)
    int32_t binding = -1;      // quantifiers, BoundAttr/BoundDate: the depth of the binding
    uint32_t bindings_read = 0;  // bit d: reads the event bound at depth d outside the node (never memoized or shared)
    std::vector<int32_t> types;  // EveryPair/SomePair: the event types, in the order written
    std::vector<std::string> names;  // quantifiers: the names bound, for traces
};

struct CompiledVersion {
    int32_t applies = -1;   // node index, -1 = always applies
    int32_t requires_ = -1;
    std::optional<Date> from, until;
};

// The unknown values a rule may read and that can be filled in (booleans and
// enumerations): case-attribute slots, (event type, attribute slot) pairs, and
// the process whose order it tests (-1 none). Values the rule tests with
// `is known`/`is unknown` are left out: there the rule asks whether the value
// is documented, and filling it in would change the question.
struct RuleReads {
    std::vector<int32_t> case_slots;
    std::vector<std::pair<int32_t, int32_t>> event_slots;
    int32_t process = -1;
    bool step_states = false;  // reads a step's state, which its conditions and deadline decide too
    std::vector<int32_t> queried_types;  // event types read by first/last: none documented leaves them unknown
};

struct CompiledRule {
    int32_t judged_on = -1;
    RuleReads reads;
    bool disabled = false;
    std::vector<CompiledVersion> versions;
};

struct CompiledStep {
    int32_t event_type = -1;
    int32_t where = -1;
    int32_t required_when = -1;  // -1 = always required
    int32_t within = -1;         // days (or months), node index
    int32_t within_months = 0;   // months per unit of `within`: 0 = days, 1 = months, 12 = years
    int32_t within_of = -1;      // step index
    int32_t unless = -1;         // `unless C`: no deadline when C holds
    int32_t extended_until = -1, extended_when = -1;  // `or until D when C`
    std::vector<int32_t> after;
};

struct CompiledProcess {
    std::vector<CompiledStep> steps;
    ProcessGraph graph;
};

inline constexpr uint8_t kCoveredTrue = 1, kCoveredFalse = 2, kCoveredUnknown = 4;

class CompiledRules {
public:
    CompiledRules() = default;
    CompiledRules(const CompiledRules&) = delete;  // the closures point into the object
    CompiledRules& operator=(const CompiledRules&) = delete;

    std::vector<ProgramNode> nodes;
    std::vector<Value> list_items;
    std::deque<std::string> strings;  // storage for string constants
    std::vector<CompiledRule> rules;
    std::vector<CompiledProcess> processes;
    // The values an unknown may be filled in with, per case-attribute slot and
    // per event type and attribute slot: {false, true} for booleans, every
    // value of an enumeration; empty for anything else (not enumerable).
    std::vector<std::vector<Value>> case_domains;
    std::vector<std::vector<std::vector<Value>>> event_domains;
    std::vector<std::string> event_type_names;  // by event type, for traces of quantifiers

    // Evaluates every rule and process on one case into `out` (rules,
    // processes; traces when `trace`) on the evaluation date `today` (what
    // `today` is, and what decides whether a deadline has passed). Thread-safe:
    // const, no shared state.
    void evaluate(const Case& c, CaseResult& out, bool trace, Date today) const;
    // The same, and records in `coverage` (by node index) which values each
    // node took: kCoveredTrue, kCoveredFalse, kCoveredUnknown. For a node that
    // is a step's `within`: kCoveredTrue = deadline met, kCoveredFalse = missed.
    void evaluate(const Case& c, CaseResult& out, std::vector<uint8_t>& coverage, Date today) const;

    // Builds the hot path's closures; compile() calls it once the nodes are final.
    void build_closures();

private:
    // `Plain` is the hot path: query results memoized, no traces, no
    // coverage. Its nodes run as closures: one small function per node,
    // chosen for the node's operation (and, for queries, whether they
    // filter) when the rule set is compiled, with its children's closures
    // at hand; no switch and no bookkeeping per visit. The other instance,
    // a switch over the nodes with traces and coverage, is the reference
    // the closures are tested against (tests/test_evaluator.cpp).
    struct Ctx;
    struct Closure {
        using Fn = Value (*)(const Closure&, Ctx&, const Event*);
        Fn fn = nullptr;
        const Closure* a = nullptr;
        const Closure* b = nullptr;
        const Closure* c = nullptr;
        const Closure* where = nullptr;  // queries: the filter, null for none
        int32_t index = -1;              // the node's index (the memo slot of a query)
        int32_t type = -1, slot = -1;
        const Value* list = nullptr;  // In: the constants
        uint32_t list_count = 0;
        Value constant;
        int32_t binding = -1;           // quantifiers and bound attributes
        bool memo = false;              // a filtered query that reads no bound event: memoized per case
        const int32_t* types = nullptr;  // EveryPair/SomePair
        uint32_t type_count = 0;
    };
    std::vector<Closure> closures_;
    template <int Kind>
    static Value run(const Closure& n, Ctx& ctx, const Event* scope);
    template <bool Plain>
    Value eval(int32_t node, Ctx& ctx, const Event* scope) const;  // memo check inline, then eval_node
    template <bool Plain>
    Value eval_node(int32_t node, Ctx& ctx, const Event* scope) const;
    template <bool Plain>
    Value eval_query(const ProgramNode& n, Ctx& ctx) const;
    // Earliest/Latest: whether operand `node` (value `v`) is a first/last query that found no event.
    template <bool Plain>
    bool absent(int32_t node, const Value& v, Ctx& ctx) const;
    template <bool Plain>
    Tri truth(int32_t node, Ctx& ctx, const Event* scope) const;
    // Every/Some/EveryPair/SomePair in the interpreter: a trace line per event (or pair).
    template <bool Plain>
    Value eval_quantifier(const ProgramNode& n, Ctx& ctx, const Event* scope) const;
    template <bool Plain>
    void evaluate_processes(Ctx& ctx) const;
    template <bool Plain>
    void evaluate_process(const CompiledProcess& proc, std::vector<StepResult>& steps, Ctx& ctx) const;
    template <bool Plain>
    bool document_step(const CompiledStep& s, Ctx& ctx, StepResult& r) const;
    template <bool Plain>
    void check_deadline(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx, StepResult& r) const;
    template <bool Plain>
    std::optional<Tri> past_deadline(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx, int32_t day, int& days_late) const;
    template <bool Plain>
    StepStatus undocumented(const CompiledStep& s, const std::vector<StepResult>& steps, Ctx& ctx) const;
    template <bool Plain>
    void evaluate_rule(const CompiledRule& r, Ctx& ctx, RuleResult& out) const;
    // Exact EB: re-decides an EB answer over the completions of the unknown
    // values the rule reads; fills `trace` (when given) with those it depends on.
    void resolve_unknowns(const CompiledRule& r, const Ctx& ctx, RuleResult& out, RuleTrace* trace) const;
    template <bool Plain>
    void evaluate_rules(Ctx& ctx) const;
};

// Builds the programs and process graphs; reports a cycle in a process as a
// diagnostic naming it. Null on error.
std::shared_ptr<const CompiledRules> compile(const dsl::CheckedPack& pack, dsl::Diagnostics& diags, Lang lang);

}  // namespace aktkoll
