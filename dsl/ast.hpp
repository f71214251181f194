// The syntax tree of rule files, as written (before name resolution).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/date.hpp"
#include "core/schema.hpp"

namespace aktkoll::dsl {

struct Span {
    SourcePos pos;
    uint32_t length = 1;  // characters
};

// A literal as written: integer, date, string, boolean or list of strings.
struct Literal {
    std::variant<int64_t, Date, std::string, bool, std::vector<std::string>> value;
};

struct TextAt {
    std::string text;
    Span span;
};

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// Earliest, Latest: `earliest(a, b)`, `latest(a, b)` of two dates, written as calls.
// Contains: `s contains "x"` (substring of a string, or member of a list);
// StartsWith: `s starts with "x"`.
enum class BinaryOp : uint8_t { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Earliest, Latest, Mul, Contains, StartsWith };
enum class QueryKind : uint8_t { Exists, Count, First, Last };

struct NameRef {
    std::string name;
};
struct Query {
    QueryKind kind = QueryKind::Exists;
    std::string event_type;
    Span event_span;
    ExprPtr where;      // may be null
    std::string attr;   // First/Last only
    Span attr_span;
};
struct Not {
    ExprPtr operand;
};
struct Binary {
    BinaryOp op = BinaryOp::And;
    ExprPtr lhs, rhs;
};
struct InList {
    ExprPtr value;
    std::vector<Literal> items;
    ExprPtr list;  // `x in NAME` (a list parameter or attribute); null for a literal list
};
struct IsKnown {
    ExprPtr value;
    bool known = false;  // `is known` vs `is unknown`
};
struct ProcessInOrder {
    std::string process;
};
// `b.utfall`, `b.date`: an attribute of the event a quantifier binds to `b`.
struct BoundAttr {
    std::string binding;
    Span binding_span;
    std::string attr;
    Span attr_span;
};
// A name a quantifier binds, as written after `as`.
struct Binding {
    std::string name;
    Span span;
};
// `every beslut as b [where COND] has EXPR` (Every) and `some … has …`: EXPR
// for every / for some event of the type for which COND holds; inside COND a
// bare name is that event's attribute. `every consecutive (placering,
// översyn) as a, b has EXPR`: the events of those types in date order, EXPR
// for every / some pair of an event and the next one (no `where`).
struct Quantifier {
    bool every = true;
    bool consecutive = false;
    std::vector<std::pair<std::string, Span>> event_types;  // one unless consecutive
    std::vector<Binding> bindings;                          // one, or two (consecutive)
    ExprPtr where;                                          // may be null
    ExprPtr body;
};

// `process P step S late|missing|not yet due`: the state of one step of a case.
enum class StepState : uint8_t { Late, Missing, NotYetDue };
struct ProcessStep {
    std::string process;
    TextAt step;
    StepState state = StepState::Late;
};
// `today`: the evaluation date (the date reports record).
struct Today {};

// `months`/`years` after a number make it calendar months: added to a date,
// the day is kept, clamped to the end of a shorter month. (`days` only makes
// the unit explicit, so it is a flag of its own.)
enum class CalendarUnit : uint8_t { None, Months, Years };

// `if c then a else b`.
struct Conditional {
    ExprPtr cond, then_, else_;
};
// Written as calls: `min(a, b, …)`, `max(a, b, …)`, `size(list)`; and `age at DATE` (one argument).
enum class Func : uint8_t { Min, Max, Size, Age };
struct Call {
    Func func = Func::Min;
    std::vector<ExprPtr> args;
};

struct Expr {
    Span span;
    std::variant<Literal, NameRef, Query, Not, Binary, InList, IsKnown, ProcessInOrder, BoundAttr, Quantifier, ProcessStep,
                 Today, Conditional, Call>
        node;
    bool parenthesized = false;  // written inside ( ), kept by the formatter
    bool days_unit = false;      // written with `days`
    CalendarUnit calendar = CalendarUnit::None;  // written with `months`/`years`
};

struct PackDecl {
    Span span;
    std::string name;
    std::optional<TextAt> version, title;
};

struct UsesDecl {
    Span span;
    std::string path;
};

struct AttrDecl {
    Span span;
    std::string name;
    AttrType type = AttrType::String;
    std::vector<std::string> enum_values;
};

struct EventDecl {
    Span span;
    std::string name;
    std::optional<TextAt> label;  // "ett beslut": one such event in Swedish, with its article
    std::vector<AttrDecl> attrs;
};

// `extend event beslut { tidsbegränsad_till: date }` in a layer: attributes
// added to an event type of the packs the layer builds on.
struct EventExtension {
    Span span;
    std::string name;
    Span name_span;
    std::vector<AttrDecl> attrs;
};

struct Vocabulary {
    Span span;
    std::vector<std::variant<AttrDecl, EventDecl>> items;  // `case` attributes and events, in order
};

struct ParamDecl {
    Span span;
    std::string name;
    Literal value;
    Span value_span;
    std::optional<TextAt> description;
};

struct ParamOverride {
    Span span;
    std::string name;
    Span name_span;
    Literal value;
    Span value_span;
    TextAt reason;
};

struct RuleDisable {
    Span span;
    std::string rule_id;
    Span id_span;
    TextAt reason;
};

enum class RuleSeverity : uint8_t { High, Medium, Low };

struct RuleDecl {
    Span span;
    std::string id;
    Span id_span;
    std::optional<TextAt> question;
    std::vector<TextAt> cites;
    std::optional<RuleSeverity> severity;
    std::optional<Date> valid_from, valid_until;
    Span valid_span;
    ExprPtr judged_on, applies_when, requirement;
    std::optional<TextAt> explain;
    std::vector<Span> duplicate_clauses;  // a clause given twice (reported by the checker)
};

struct StepDecl {
    Span span;
    std::string name;
    std::string event_type;
    Span event_span;
    ExprPtr where;
    std::vector<TextAt> after;  // names of earlier steps
    ExprPtr required_when;
    ExprPtr within;
    std::optional<TextAt> within_of;
    ExprPtr within_unless;                  // `unless C`: no deadline when C holds
    ExprPtr extended_until, extended_when;  // `, or until D when C`: the deadline is D when C holds
    std::vector<TextAt> cites;
};

// In `extend process`: `extend step S { within … }` adds a deadline to a step
// that has none; `override step S { within … } because "…"` changes one.
struct StepAmend {
    Span span;
    bool override_ = false;
    std::string step;
    Span step_span;
    ExprPtr within;  // the deadline, with the same parts as a step's own
    std::optional<TextAt> within_of;
    ExprPtr within_unless;
    ExprPtr extended_until, extended_when;
    std::vector<TextAt> cites;
    std::optional<TextAt> reason;  // override only
};

struct ProcessDecl {
    Span span;
    bool extend = false;  // `extend process` in a layer: steps added, deadlines amended
    std::string name;
    Span name_span;
    std::vector<StepDecl> steps;
    std::vector<StepAmend> amends;
};

struct QuestionDecl {
    Span span;
    std::string number;
    Span number_span;
    TextAt text;                // empty for a replacement
    std::vector<TextAt> rules;  // rule ids
    std::optional<TextAt> replace_reason;  // `replace question N answered by … because "…"`
};

struct TemplateDecl {
    Span span;
    bool extend = false;  // `extend template` in a layer
    std::string name;
    std::optional<TextAt> title;
    std::vector<QuestionDecl> questions;
};

using Item = std::variant<PackDecl, UsesDecl, Vocabulary, EventExtension, ParamDecl, ParamOverride, RuleDisable,
                          RuleDecl, ProcessDecl, TemplateDecl>;

struct File {
    std::string path;
    std::vector<Item> items;
};

}  // namespace aktkoll::dsl
