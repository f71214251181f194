#include "dsl/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "dsl/grammar.hpp"
#include "dsl/syntax_cause.hpp"

namespace aktkoll::dsl {

namespace g = grammar;
namespace pegtl = tao::pegtl;
using Node = pegtl::parse_tree::node;

namespace {

template <class Rule>
using selector = pegtl::parse_tree::selector<
    Rule,
    pegtl::parse_tree::store_content::on<
        g::pack_decl, g::pack_name, g::pack_version, g::pack_title, g::uses_decl, g::vocabulary, g::case_attr_decl,
        g::event_decl, g::attr_decl, g::attr_name, g::type_string, g::type_integer, g::type_boolean, g::type_date,
        g::type_list, g::type_enum, g::enum_value, g::parameter, g::param_description, g::override_parameter,
        g::disable_rule, g::rule_decl, g::rule_id, g::question_clause, g::cite_clause, g::severity_high,
        g::severity_medium, g::severity_low, g::valid_clause, g::valid_until, g::judged_clause, g::applies_clause,
        g::requires_clause, g::explain_clause, g::process_decl, g::step_decl, g::step_event, g::step_after,
        g::step_required, g::step_within, g::within_of, g::template_decl, g::extend_template, g::template_title,
        g::question_decl, g::question_number, g::string_lit, g::date_lit, g::int_lit, g::true_lit, g::false_lit,
        g::list_lit, g::name, g::where_clause, g::exists_query, g::count_query, g::first_query, g::last_query,
        g::process_order, g::in_order_tail, g::step_state_tail, g::state_late, g::state_missing, g::state_not_yet_due,
        g::today_lit, g::months_suffix, g::years_suffix, g::within_unless, g::within_extended,
        g::earliest_call, g::latest_call, g::paren_expr, g::days_suffix, g::unit_expr, g::additive, g::additive_tail, g::op_add,
        g::op_sub, g::op_le, g::op_ge, g::op_ne, g::op_lt, g::op_gt, g::op_eq, g::comparison, g::compare_tail,
        g::in_tail, g::is_tail, g::is_known, g::is_unknown, g::negation, g::and_expr, g::and_tail, g::expr,
        g::or_tail, g::event_selector, g::quantifier, g::quant_every, g::quant_some, g::consecutive_head, g::quant_type,
        g::binding_name, g::has_body, g::bound_attr, g::bound_name, g::multiplicative, g::multiplicative_tail, g::op_mul,
        g::contains_tail, g::starts_tail, g::if_expr, g::min_call, g::max_call, g::size_call, g::age_at,
        g::extend_event, g::extend_process, g::extend_step, g::override_step, g::amend_within, g::replace_question>>;

// Every "expected ..." of the grammar is this one diagnostic.
constexpr const char* kSyntaxError = "AK0101";

// What the grammar says where the text is not valid; caught in parse().
struct SyntaxError {
    const char* code;
    Text message;
    pegtl::position pos;
    std::string_view words = {};  // the words expected there, space-separated, when only a few are
};

// Depth guard: deeply nested expressions are rejected before they can
// exhaust the stack.
thread_local size_t g_depth = 0;

template <class Rule>
struct depth_control : pegtl::normal<Rule> {
    // Only selected rules reach the control from parse_tree; expr and negation
    // are on every path of nesting (parentheses, where, not).
    static constexpr bool guarded = std::is_same_v<Rule, g::expr> || std::is_same_v<Rule, g::negation>;
    template <class Input, class... States>
    static void start(const Input& in, States&&... st) {
        if constexpr (guarded) {
            if (++g_depth > kMaxNesting) {
                g_depth = 0;
                throw SyntaxError{"AK0103", {"uttrycket är för djupt nästlat", "the expression is nested too deeply"},
                                  in.position()};
            }
        }
        pegtl::normal<Rule>::start(in, st...);
    }
    template <class Input, class... States>
    static void success(const Input& in, States&&... st) {
        if constexpr (guarded) --g_depth;
        pegtl::normal<Rule>::success(in, st...);
    }
    template <class Input, class... States>
    static void failure(const Input& in, States&&... st) {
        if constexpr (guarded) --g_depth;
        pegtl::normal<Rule>::failure(in, st...);
    }
};

// A must<> that fails says what was expected there (grammar::message).
template <class Rule>
struct control : depth_control<Rule> {
    template <class Input, class... States>
    [[noreturn]] static void raise(const Input& in, States&&... st) {
        if constexpr (g::message<Rule>.sv != nullptr)
            throw SyntaxError{g::message_code<Rule> ? g::message_code<Rule> : g::code<Rule> ? g::code<Rule> : kSyntaxError,
                              g::message<Rule>, in.position(), g::words<Rule>};
        else depth_control<Rule>::raise(in, st...);
    }
};

// Converts the parse tree to the AST.
class Builder {
public:
    Builder(const std::string& path, const std::string& text, Diagnostics& diags, Lang lang)
        : path_(path), text_(text), diags_(diags), lang_(lang) {}

    File file(const Node& root) {
        File f;
        f.path = path_;
        for (const auto& c : root.children) item(*c, f.items);
        return f;
    }

private:
    const std::string& path_;
    const std::string& text_;
    Diagnostics& diags_;
    Lang lang_;

    Span span(const Node& n) const {
        Span s;
        s.pos.file = path_;
        s.pos.line = static_cast<uint32_t>(n.begin().line);
        s.pos.column = column_of(text_, n.begin().byte);
        std::string_view v = trimmed(n);
        uint32_t chars = 0;
        for (unsigned char c : v)
            if ((c & 0xC0) != 0x80) ++chars;
        // Underline at most to the end of the first line.
        auto nl = v.find('\n');
        if (nl != std::string_view::npos) {
            chars = 0;
            for (unsigned char c : v.substr(0, nl))
                if ((c & 0xC0) != 0x80) ++chars;
        }
        s.length = std::max<uint32_t>(1, chars);
        return s;
    }

    // A node's text without trailing white space and comments.
    static std::string_view trimmed(const Node& n) {
        std::string_view v = n.string_view();
        // Trailing comments are part of tok<>; cut at the last non-space
        // character outside a comment by scanning lines.
        size_t end = v.size();
        while (true) {
            while (end > 0 && (v[end - 1] == ' ' || v[end - 1] == '\t' || v[end - 1] == '\n' || v[end - 1] == '\r'))
                --end;
            size_t line_start = v.rfind('\n', end ? end - 1 : 0);
            line_start = line_start == std::string_view::npos ? 0 : line_start + 1;
            size_t hash = find_comment(v.substr(line_start, end - line_start));
            if (hash == std::string_view::npos || (line_start == 0 && hash == 0)) break;
            end = line_start + hash;
        }
        return v.substr(0, end);
    }

    // Position of a '#' that starts a comment (outside a string) or npos.
    static size_t find_comment(std::string_view line) {
        bool in_string = false;
        for (size_t i = 0; i < line.size(); ++i) {
            if (in_string && line[i] == '\\') {
                ++i;
                continue;
            }
            if (line[i] == '"') in_string = !in_string;
            if (!in_string && line[i] == '#') return i;
        }
        return std::string_view::npos;
    }

    static std::string word(const Node& n) { return std::string(trimmed(n)); }

    void error(const char* code, const Span& at, std::string message) {
        Diagnostic d;
        d.code = code;
        d.pos = at.pos;
        d.length = at.length;
        d.message = std::move(message);
        diags_.add(std::move(d));
    }

    std::string unquote(const Node& n) {
        std::string_view v = trimmed(n);
        std::string out;
        for (size_t i = 1; i + 1 < v.size(); ++i) {
            if (v[i] == '\\' && i + 2 < v.size()) {
                char e = v[++i];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            } else {
                out += v[i];
            }
        }
        return out;
    }

    TextAt text_at(const Node& n) { return TextAt{n.is_type<g::string_lit>() || n.is_type<g::param_description>() ||
                                                          n.is_type<g::template_title>()
                                                      ? unquote(n)
                                                      : word(n),
                                                  span(n)}; }

    Literal literal(const Node& n) {
        Literal lit;
        if (n.is_type<g::int_lit>()) {
            std::string_view v = trimmed(n);
            int64_t value = 0;
            auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), value);
            if (ec != std::errc{} || p != v.data() + v.size())
                error("AK0104", span(n), tr(lang_, "heltalet är för stort", "the integer is too large"));
            lit.value = value;
        } else if (n.is_type<g::date_lit>()) {
            auto d = parse_date(trimmed(n));
            if (!d) error("AK0105", span(n), tr(lang_, "ogiltigt datum", "invalid date"));
            lit.value = d.value_or(Date{});
        } else if (n.is_type<g::string_lit>()) {
            lit.value = unquote(n);
        } else if (n.is_type<g::true_lit>() || n.is_type<g::false_lit>()) {
            lit.value = n.is_type<g::true_lit>();
        } else if (n.is_type<g::list_lit>()) {
            std::vector<std::string> items;
            for (const auto& c : n.children) items.push_back(c->is_type<g::string_lit>() ? unquote(*c) : word(*c));
            lit.value = std::move(items);
        }
        return lit;
    }

    static bool is_literal(const Node& n) {
        return n.is_type<g::int_lit>() || n.is_type<g::date_lit>() || n.is_type<g::string_lit>() ||
               n.is_type<g::true_lit>() || n.is_type<g::false_lit>() || n.is_type<g::list_lit>();
    }

    ExprPtr make(const Node& n, decltype(Expr::node) node) {
        auto e = std::make_unique<Expr>();
        e->span = span(n);
        e->node = std::move(node);
        return e;
    }

    ExprPtr binary(const Node& at, BinaryOp op, ExprPtr lhs, ExprPtr rhs) {
        auto e = make(at, Binary{op, std::move(lhs), std::move(rhs)});
        return e;
    }

    void selector(const Node& sel, Query& q) {
        const Node& type = *sel.children.at(0);
        q.event_type = word(type);
        q.event_span = span(type);
        if (sel.children.size() > 1) q.where = expr(*sel.children[1]->children.at(0));
    }

    ExprPtr expr(const Node& n) {
        if (n.is_type<g::expr>() || n.is_type<g::and_expr>()) {
            const BinaryOp op = n.is_type<g::expr>() ? BinaryOp::Or : BinaryOp::And;
            ExprPtr e = expr(*n.children.at(0));
            for (size_t i = 1; i < n.children.size(); ++i)
                e = binary(n, op, std::move(e), expr(*n.children[i]->children.at(0)));
            return e;
        }
        if (n.is_type<g::negation>()) return make(n, Not{expr(*n.children.at(0))});
        if (n.is_type<g::comparison>()) {
            ExprPtr lhs = expr(*n.children.at(0));
            if (n.children.size() == 1) return lhs;
            const Node& tail = *n.children[1];
            if (tail.is_type<g::compare_tail>()) {
                const Node& op = *tail.children.at(0);
                BinaryOp bop = op.is_type<g::op_le>()   ? BinaryOp::Le
                               : op.is_type<g::op_ge>() ? BinaryOp::Ge
                               : op.is_type<g::op_ne>() ? BinaryOp::Ne
                               : op.is_type<g::op_lt>() ? BinaryOp::Lt
                               : op.is_type<g::op_gt>() ? BinaryOp::Gt
                                                        : BinaryOp::Eq;
                return binary(n, bop, std::move(lhs), expr(*tail.children.at(1)));
            }
            if (tail.is_type<g::in_tail>()) {
                const Node& list = *tail.children.at(0);
                InList in{std::move(lhs), {}, nullptr};
                if (list.is_type<g::name>()) in.list = expr(list);
                for (const auto& c : list.children) in.items.push_back(literal(*c));
                return make(n, std::move(in));
            }
            if (tail.is_type<g::contains_tail>() || tail.is_type<g::starts_tail>())
                return binary(n, tail.is_type<g::contains_tail>() ? BinaryOp::Contains : BinaryOp::StartsWith,
                              std::move(lhs), expr(*tail.children.at(0)));
            return make(n, IsKnown{std::move(lhs), tail.children.at(0)->is_type<g::is_known>()});
        }
        if (n.is_type<g::additive>()) {
            ExprPtr e = expr(*n.children.at(0));
            for (size_t i = 1; i < n.children.size(); ++i) {
                const Node& tail = *n.children[i];
                BinaryOp op = tail.children.at(0)->is_type<g::op_add>() ? BinaryOp::Add : BinaryOp::Sub;
                e = binary(n, op, std::move(e), expr(*tail.children.at(1)));
            }
            return e;
        }
        if (n.is_type<g::multiplicative>()) {
            ExprPtr e = expr(*n.children.at(0));
            for (size_t i = 1; i < n.children.size(); ++i)
                e = binary(n, BinaryOp::Mul, std::move(e), expr(*n.children[i]->children.at(1)));
            return e;
        }
        if (n.is_type<g::if_expr>())
            return make(n, Conditional{expr(*n.children.at(0)), expr(*n.children.at(1)), expr(*n.children.at(2))});
        if (n.is_type<g::min_call>() || n.is_type<g::max_call>() || n.is_type<g::size_call>() || n.is_type<g::age_at>()) {
            Call call;
            call.func = n.is_type<g::min_call>()   ? Func::Min
                        : n.is_type<g::max_call>() ? Func::Max
                        : n.is_type<g::size_call>() ? Func::Size
                                                    : Func::Age;
            for (const auto& c : n.children) call.args.push_back(expr(*c));
            if ((call.func == Func::Min || call.func == Func::Max) && call.args.size() < 2)
                error("AK0115", span(n), tr(lang_, "min och max tar minst två värden", "min and max take at least two values"));
            return make(n, std::move(call));
        }
        if (n.is_type<g::unit_expr>()) {
            ExprPtr e = expr(*n.children.at(0));
            if (n.children.size() > 1) {
                const Node& unit = *n.children[1];
                if (unit.is_type<g::days_suffix>()) e->days_unit = true;
                else e->calendar = unit.is_type<g::months_suffix>() ? CalendarUnit::Months : CalendarUnit::Years;
            }
            return e;
        }
        if (n.is_type<g::paren_expr>()) {
            ExprPtr e = expr(*n.children.at(0));
            e->parenthesized = true;
            return e;
        }
        if (n.is_type<g::exists_query>() || n.is_type<g::count_query>() || n.is_type<g::first_query>() ||
            n.is_type<g::last_query>()) {
            Query q;
            q.kind = n.is_type<g::exists_query>()  ? QueryKind::Exists
                     : n.is_type<g::count_query>() ? QueryKind::Count
                     : n.is_type<g::first_query>() ? QueryKind::First
                                                   : QueryKind::Last;
            selector(*n.children.at(0), q);
            if (n.children.size() > 1) {
                q.attr = word(*n.children[1]);
                q.attr_span = span(*n.children[1]);
            }
            return make(n, std::move(q));
        }
        if (n.is_type<g::earliest_call>() || n.is_type<g::latest_call>())
            return binary(n, n.is_type<g::earliest_call>() ? BinaryOp::Earliest : BinaryOp::Latest,
                          expr(*n.children.at(0)), expr(*n.children.at(1)));
        if (n.is_type<g::quantifier>()) return quantifier(n);
        if (n.is_type<g::bound_attr>()) {
            const Node& b = *n.children.at(0);
            const Node& a = *n.children.at(1);
            return make(n, BoundAttr{word(b), span(b), word(a), span(a)});
        }
        if (n.is_type<g::process_order>()) {
            const Node& tail = *n.children.at(1);
            if (tail.is_type<g::in_order_tail>()) return make(n, ProcessInOrder{word(*n.children.at(0))});
            const Node& state = *tail.children.at(1);
            ProcessStep ps{word(*n.children[0]), text_at(*tail.children.at(0)),
                           state.is_type<g::state_late>()      ? StepState::Late
                           : state.is_type<g::state_missing>() ? StepState::Missing
                                                               : StepState::NotYetDue};
            return make(n, std::move(ps));
        }
        if (n.is_type<g::today_lit>()) return make(n, Today{});
        if (n.is_type<g::name>()) return make(n, NameRef{word(n)});
        if (is_literal(n)) return make(n, literal(n));
        error("AK0106", span(n), "internal: unexpected expression node");
        return make(n, Literal{});
    }

    // Children: every/some; event types and names (a consecutive head holds
    // them); an optional where; has and its expression.
    ExprPtr quantifier(const Node& n) {
        Quantifier q;
        q.every = n.children.at(0)->is_type<g::quant_every>();
        auto head = [&](const Node& c) {
            if (c.is_type<g::quant_type>()) q.event_types.emplace_back(word(c), span(c));
            else if (c.is_type<g::binding_name>()) q.bindings.push_back(Binding{word(c), span(c)});
        };
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::consecutive_head>()) {
                q.consecutive = true;
                for (const auto& h : c.children) head(*h);
            } else if (c.is_type<g::where_clause>()) {
                q.where = expr(*c.children.at(0));
            } else if (c.is_type<g::has_body>()) {
                q.body = expr(*c.children.at(0));
            } else {
                head(c);
            }
        }
        return make(n, std::move(q));
    }

    std::optional<TextAt> optional_text(const Node& parent, size_t index) {
        if (parent.children.size() <= index) return std::nullopt;
        return text_at(*parent.children[index]);
    }

    AttrDecl attr(const Node& n) {
        AttrDecl a;
        a.span = span(n);
        a.name = word(*n.children.at(0));
        const Node& t = *n.children.at(1);
        if (t.is_type<g::type_string>()) a.type = AttrType::String;
        else if (t.is_type<g::type_integer>()) a.type = AttrType::Integer;
        else if (t.is_type<g::type_boolean>()) a.type = AttrType::Boolean;
        else if (t.is_type<g::type_date>()) a.type = AttrType::Date;
        else if (t.is_type<g::type_list>()) a.type = AttrType::StringList;
        else {
            a.type = AttrType::Enum;
            for (const auto& v : t.children) a.enum_values.push_back(word(*v));
        }
        return a;
    }

    void rule(const Node& n, RuleDecl& r) {
        r.span = span(n);
        r.id = word(*n.children.at(0));
        r.id_span = span(*n.children[0]);
        std::vector<std::string> seen;
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            auto once = [&](const char* clause) {
                if (std::find(seen.begin(), seen.end(), clause) != seen.end()) r.duplicate_clauses.push_back(span(c));
                seen.emplace_back(clause);
            };
            if (c.is_type<g::question_clause>()) {
                once("question");
                r.question = text_at(*c.children.at(0));
            } else if (c.is_type<g::cite_clause>()) {
                r.cites.push_back(text_at(*c.children.at(0)));
            } else if (c.is_type<g::severity_high>() || c.is_type<g::severity_medium>() || c.is_type<g::severity_low>()) {
                once("severity");
                r.severity = c.is_type<g::severity_high>()     ? RuleSeverity::High
                             : c.is_type<g::severity_medium>() ? RuleSeverity::Medium
                                                               : RuleSeverity::Low;
            } else if (c.is_type<g::valid_clause>()) {
                once("valid");
                r.valid_span = span(c);
                r.valid_from = std::get<Date>(literal(*c.children.at(0)).value);
                if (c.children.size() > 1) r.valid_until = std::get<Date>(literal(*c.children[1]->children.at(0)).value);
            } else if (c.is_type<g::judged_clause>()) {
                once("judged");
                r.judged_on = expr(*c.children.at(0));
            } else if (c.is_type<g::applies_clause>()) {
                once("applies");
                r.applies_when = expr(*c.children.at(0));
            } else if (c.is_type<g::requires_clause>()) {
                once("requires");
                r.requirement = expr(*c.children.at(0));
            } else if (c.is_type<g::explain_clause>()) {
                once("explain");
                r.explain = text_at(*c.children.at(0));
            }
        }
    }

    StepDecl step(const Node& n) {
        StepDecl s;
        s.span = span(n);
        s.name = word(*n.children.at(0));
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::step_event>()) {
                s.event_type = word(*c.children.at(0));
                s.event_span = span(*c.children[0]);
                if (c.children.size() > 1) s.where = expr(*c.children[1]->children.at(0));
            } else if (c.is_type<g::step_after>()) {
                for (const auto& a : c.children) s.after.push_back(text_at(*a));
            } else if (c.is_type<g::step_required>()) {
                s.required_when = expr(*c.children.at(0));
            } else if (c.is_type<g::step_within>()) {
                within(c, s);
            } else if (c.is_type<g::cite_clause>()) {
                s.cites.push_back(text_at(*c.children.at(0)));
            }
        }
        return s;
    }

    // `within N [of S] [unless C | , or until D when C]` into a step or an amendment.
    template <typename Step>
    void within(const Node& c, Step& s) {
        s.within = expr(*c.children.at(0));
        for (size_t k = 1; k < c.children.size(); ++k) {
            const Node& part = *c.children[k];
            if (part.is_type<g::within_of>()) {
                s.within_of = text_at(*part.children.at(0));
            } else if (part.is_type<g::within_unless>()) {
                s.within_unless = expr(*part.children.at(0));
            } else {
                s.extended_until = expr(*part.children.at(0));
                s.extended_when = expr(*part.children.at(1));
            }
        }
    }

    // `extend step S { within … cite … }` / `override step S { … } because "…"`.
    StepAmend step_amend(const Node& n) {
        StepAmend a;
        a.span = span(n);
        a.override_ = n.is_type<g::override_step>();
        a.step = word(*n.children.at(0));
        a.step_span = span(*n.children[0]);
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::amend_within>()) within(c, a);
            else if (c.is_type<g::cite_clause>()) a.cites.push_back(text_at(*c.children.at(0)));
            else if (c.is_type<g::string_lit>()) a.reason = text_at(c);
        }
        return a;
    }

    ProcessDecl process_decl(const Node& n) {
        ProcessDecl p;
        p.span = span(n);
        p.extend = n.is_type<g::extend_process>();
        p.name = word(*n.children.at(0));
        p.name_span = span(*n.children[0]);
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::step_decl>()) p.steps.push_back(step(c));
            else p.amends.push_back(step_amend(c));
        }
        return p;
    }

    QuestionDecl question(const Node& c) {
        QuestionDecl q;
        q.span = span(c);
        q.number = word(*c.children.at(0));
        q.number_span = span(*c.children[0]);
        const bool replace = c.is_type<g::replace_question>();
        size_t k = 1;
        if (!replace) q.text = text_at(*c.children.at(k++));
        const size_t end = replace ? c.children.size() - 1 : c.children.size();
        for (; k < end; ++k) q.rules.push_back(text_at(*c.children[k]));
        if (replace) q.replace_reason = text_at(*c.children.back());
        return q;
    }

    TemplateDecl template_decl(const Node& n) {
        TemplateDecl t;
        t.span = span(n);
        t.extend = n.is_type<g::extend_template>();
        t.name = word(*n.children.at(0));
        for (size_t i = 1; i < n.children.size(); ++i) {
            const Node& c = *n.children[i];
            if (c.is_type<g::template_title>()) {
                t.title = text_at(c);
                continue;
            }
            t.questions.push_back(question(c));
        }
        return t;
    }

    void item(const Node& n, std::vector<Item>& items) {
        if (n.is_type<g::pack_decl>()) {
            PackDecl p;
            p.span = span(n);
            p.name = word(*n.children.at(0));
            for (size_t i = 1; i < n.children.size(); ++i) {
                const Node& c = *n.children[i];
                if (c.is_type<g::pack_version>()) p.version = text_at(*c.children.at(0));
                if (c.is_type<g::pack_title>()) p.title = text_at(*c.children.at(0));
            }
            items.emplace_back(std::move(p));
        } else if (n.is_type<g::uses_decl>()) {
            items.emplace_back(UsesDecl{span(n), unquote(*n.children.at(0))});
        } else if (n.is_type<g::vocabulary>()) {
            Vocabulary v;
            v.span = span(n);
            for (const auto& c : n.children) {
                if (c->is_type<g::case_attr_decl>()) {
                    v.items.emplace_back(attr(*c));
                } else {
                    EventDecl e;
                    e.span = span(*c);
                    e.name = word(*c->children.at(0));
                    for (size_t i = 1; i < c->children.size(); ++i) {
                        if (c->children[i]->is_type<g::string_lit>()) e.label = text_at(*c->children[i]);
                        else e.attrs.push_back(attr(*c->children[i]));
                    }
                    v.items.emplace_back(std::move(e));
                }
            }
            items.emplace_back(std::move(v));
        } else if (n.is_type<g::parameter>()) {
            ParamDecl p;
            p.span = span(n);
            p.name = word(*n.children.at(0));
            p.value = literal(*n.children.at(1));
            p.value_span = span(*n.children[1]);
            p.description = optional_text(n, 2);
            items.emplace_back(std::move(p));
        } else if (n.is_type<g::override_parameter>()) {
            ParamOverride o;
            o.span = span(n);
            o.name = word(*n.children.at(0));
            o.name_span = span(*n.children[0]);
            o.value = literal(*n.children.at(1));
            o.value_span = span(*n.children[1]);
            o.reason = text_at(*n.children.at(2));
            items.emplace_back(std::move(o));
        } else if (n.is_type<g::disable_rule>()) {
            RuleDisable d;
            d.span = span(n);
            d.rule_id = word(*n.children.at(0));
            d.id_span = span(*n.children[0]);
            d.reason = text_at(*n.children.at(1));
            items.emplace_back(std::move(d));
        } else if (n.is_type<g::rule_decl>()) {
            RuleDecl r;
            rule(n, r);
            items.emplace_back(std::move(r));
        } else if (n.is_type<g::process_decl>() || n.is_type<g::extend_process>()) {
            items.emplace_back(process_decl(n));
        } else if (n.is_type<g::extend_event>()) {
            EventExtension e;
            e.span = span(n);
            e.name = word(*n.children.at(0));
            e.name_span = span(*n.children[0]);
            for (size_t i = 1; i < n.children.size(); ++i) e.attrs.push_back(attr(*n.children[i]));
            items.emplace_back(std::move(e));
        } else if (n.is_type<g::template_decl>() || n.is_type<g::extend_template>()) {
            items.emplace_back(template_decl(n));
        }
    }
};

std::string fmt_found(std::string found, Lang lang) {
    while (!found.empty() && (static_cast<unsigned char>(found.back()) & 0xC0) == 0x80) found.pop_back();
    if (!found.empty() && static_cast<unsigned char>(found.back()) >= 0xC0) found.pop_back();
    return std::string(tr(lang, "hittade '", "found '")) + found + "'";
}

}  // namespace

uint32_t column_of(const std::string& text, size_t byte_offset) {
    size_t start = byte_offset == 0 ? 0 : text.rfind('\n', byte_offset - 1);
    start = start == std::string::npos ? 0 : start + 1;
    uint32_t col = 1;
    for (size_t i = start; i < byte_offset && i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
    return col;
}

// The diagnostic for a syntax error at `byte`: what was expected, and as a
// hint what was found there (or a keyword it looks like).
Diagnostic syntax_diagnostic(const std::string& path, const std::string& text, const SyntaxError& e, Lang lang) {
    Diagnostic d;
    d.code = e.code;
    d.pos = {path, static_cast<uint32_t>(e.pos.line), column_of(text, e.pos.byte)};
    d.message = tr(lang, e.message);
    const size_t at = e.pos.byte;
    // A stray character right where a name or a value was expected is the
    // most common slip; show what was found.
    if (at < text.size() && text[at] != '\n') {
        size_t end = at;
        while (end < text.size() && end - at < 24 && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
        std::string found = text.substr(at, end - at);
        static const std::vector<std::string> kKeywords = {
            "pack", "version", "title", "uses", "vocabulary", "case", "event", "parameter", "override",
            "disable", "because", "rule", "question", "cite", "severity", "valid", "from", "until", "judged",
            "applies", "requires", "explain", "process", "step", "after", "required", "within", "template",
            "extend", "answered", "replace", "exists", "count", "first", "last", "where", "known", "unknown", "high",
            "medium", "low", "string", "integer", "boolean", "date", "list", "every", "some", "has", "consecutive", "days", "months", "years",
            "today", "unless", "late", "missing", "then", "else", "contains", "starts", "with"};
        // Where the grammar expects one of a few words, suggest only those.
        std::vector<std::string> expected;
        for (size_t from = 0; from < e.words.size();) {
            size_t to = std::min(e.words.find(' ', from), e.words.size());
            expected.emplace_back(e.words.substr(from, to - from));
            from = to + 1;
        }
        std::string suggestion = did_you_mean(found, expected.empty() ? kKeywords : expected);
        // `name:` where a '}' was expected: the next attribute of a list
        // written one per line, without the comma before it.
        const bool attribute = found.size() > 1 && found.back() == ':' &&
                               std::all_of(found.begin(), found.end() - 1, [](char ch) {
                                   const auto u = static_cast<unsigned char>(ch);
                                   return u >= 0x80 || std::isalnum(u) || u == '_';
                               });
        if (attribute && e.message.sv == g::message<g::rbrace>.sv)
            d.hint = fmt_found(found, lang) + tr(lang, ": skilj attributen åt med kommatecken, också ett per rad",
                                                 ": separate the attributes with commas, also one per line");
        else
            d.hint = suggestion.empty() || suggestion == found
                         ? fmt_found(found, lang)
                         : std::string(tr(lang, "menade du '", "did you mean '")) + suggestion + "'?";
    } else if (at >= text.size()) {
        d.hint = tr(lang, "filen tog slut", "the file ended");
    }
    return d;
}

namespace {

Expected expected_bracket(const Text& message) {
    auto is = [&](const Text& m) { return message.sv == m.sv; };
    if (is(g::message<g::rparen>)) return Expected::CloseParen;
    if (is(g::message<g::rbrace>) || is(g::message<g::rule_close>) || is(g::message<g::step_close>) ||
        is(g::message<g::process_close>) || is(g::message<g::template_close>) || is(g::message<g::vocabulary_close>))
        return Expected::Close;
    return Expected::Other;
}

}  // namespace

std::optional<File> parse(const std::string& path, const std::string& text, Diagnostics& diags, Lang lang) {
    if (text.size() > kMaxRuleFileBytes) {
        Diagnostic d;
        d.code = "AK0102";
        d.pos = {path, 1, 1};
        d.message = tr(lang, "filen är större än 4 MiB", "the file is larger than 4 MiB");
        diags.add(std::move(d));
        return std::nullopt;
    }
    pegtl::memory_input in(text.data(), text.size(), path);
    try {
        g_depth = 0;
        auto root = pegtl::parse_tree::parse<g::file, selector, pegtl::nothing, control>(in);
        if (!root) {
            Diagnostic d;
            d.code = kSyntaxError;
            d.pos = {path, 1, 1};
            d.message = tr(lang, g::message<g::end_of_file>);
            diags.add(std::move(d));
            return std::nullopt;
        }
        const size_t before = diags.error_count();
        File f = Builder(path, text, diags, lang).file(*root);
        if (diags.error_count() > before) return std::nullopt;
        return f;
    } catch (const SyntaxError& e) {
        // A pasted look-alike or an unclosed bracket is said instead of the
        // symptom the grammar meets later.
        std::optional<Diagnostic> cause;
        if (e.code == kSyntaxError) cause = syntax_cause(path, text, e.pos.byte, expected_bracket(e.message), lang);
        diags.add(cause ? std::move(*cause) : syntax_diagnostic(path, text, e, lang));
        return std::nullopt;
    } catch (const pegtl::parse_error& e) {
        // A must<> without a message: a gap in grammar::message; say where at least.
        diags.add(syntax_diagnostic(path, text, {kSyntaxError, {e.message().data(), e.message().data()}, e.positions().front()}, lang));
        return std::nullopt;
    }
}

}  // namespace aktkoll::dsl
