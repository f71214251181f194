// The syntax tree of rule files, as written (before name resolution).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
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

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// Earliest, Latest: `earliest(a, b)`, `latest(a, b)` of two dates, written as calls.
enum class BinaryOp : uint8_t { Or, And, Eq, Ne, Lt, Le, Gt, Ge, Add, Sub, Earliest, Latest };
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
};
struct IsKnown {
    ExprPtr value;
    bool known = false;  // `is known` vs `is unknown`
};
struct ProcessInOrder {
    std::string process;
};

struct Expr {
    Span span;
    std::variant<Literal, NameRef, Query, Not, Binary, InList, IsKnown, ProcessInOrder> node;
    bool parenthesized = false;  // written inside ( ), kept by the formatter
    bool days_unit = false;      // written with `days`
};

struct TextAt {
    std::string text;
    Span span;
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
    std::vector<TextAt> cites;
};

struct ProcessDecl {
    Span span;
    std::string name;
    std::vector<StepDecl> steps;
};

struct QuestionDecl {
    Span span;
    std::string number;
    TextAt text;
    std::vector<TextAt> rules;  // rule ids
};

struct TemplateDecl {
    Span span;
    bool extend = false;  // `extend template` in a layer
    std::string name;
    std::optional<TextAt> title;
    std::vector<QuestionDecl> questions;
};

using Item = std::variant<PackDecl, UsesDecl, Vocabulary, ParamDecl, ParamOverride, RuleDisable, RuleDecl,
                          ProcessDecl, TemplateDecl>;

struct File {
    std::string path;
    std::vector<Item> items;
};

}  // namespace aktkoll::dsl
