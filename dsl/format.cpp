#include "dsl/format.hpp"

#include <algorithm>
#include <optional>
#include <string_view>

namespace aktkoll::dsl {

namespace {

// --- the source text: tokens, comments, blank lines ---------------------------

// The AST keeps where constructs start but not where blocks end, nor comments;
// a light scan of the text recovers both. It only has to be right for text
// the parser accepted.
struct Token {
    enum class Kind : uint8_t { Word, String, Punct };
    uint32_t line = 0, column = 0;
    Kind kind = Kind::Punct;
    std::string_view text;
};

struct SourceComment {
    uint32_t line = 0;
    std::string text;
    bool trailing = false;  // code before it on the same line
};

struct Source {
    std::vector<Token> tokens;
    std::vector<SourceComment> comments;
    std::vector<bool> blank;  // by 1-based line: only white space

    bool is_blank(uint32_t line) const { return line < blank.size() && blank[line]; }
    bool any_blank_between(uint32_t after, uint32_t before) const {
        for (uint32_t l = after + 1; l < before; ++l)
            if (is_blank(l)) return true;
        return false;
    }
};

bool is_word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

std::string rstrip(std::string_view s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

Source scan(const std::string& text) {
    Source src;
    size_t i = 0;
    uint32_t line = 1, column = 1;
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) {
        i = 3;
        column = 2;  // the parser counts the byte-order mark as a character
    }
    uint32_t code_line = 0;
    auto advance_to = [&](size_t end) {
        for (; i < end; ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++column;
            }
        }
    };
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            advance_to(i + 1);
            continue;
        }
        if (c == '#') {
            size_t end = text.find('\n', i);
            if (end == std::string::npos) end = text.size();
            src.comments.push_back({line, rstrip(std::string_view(text).substr(i, end - i)), code_line == line});
            advance_to(end);
            continue;
        }
        size_t end = i + 1;
        Token::Kind kind = Token::Kind::Punct;
        if (c == '"') {
            kind = Token::Kind::String;
            while (end < text.size() && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' ? 2 : 1;
            end = std::min(text.size(), end + 1);
        } else if (is_word_byte(c)) {
            kind = Token::Kind::Word;
            while (end < text.size() && is_word_byte(static_cast<unsigned char>(text[end]))) ++end;
        }
        src.tokens.push_back({line, column, kind, std::string_view(text).substr(i, end - i)});
        code_line = line;
        advance_to(end);
    }
    src.blank.assign(line + 2, false);
    uint32_t l = 1;
    bool only_space = true;
    for (char ch : text) {
        if (ch == '\n') {
            src.blank[l++] = only_space;
            only_space = true;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
            only_space = false;
        }
    }
    src.blank[l] = only_space;
    return src;
}

// --- printing expressions on one line ------------------------------------------

size_t width(std::string_view s) {
    return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string quote(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default: out += c;
        }
    }
    return out + '"';
}

std::string literal(const Literal& lit) {
    struct Print {
        std::string operator()(int64_t v) const { return std::to_string(v); }
        std::string operator()(Date d) const { return format_date(d); }
        std::string operator()(const std::string& s) const { return quote(s); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::vector<std::string>& items) const {
            std::string out = "[";
            for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quote(items[i]);
            return out + "]";
        }
    };
    return std::visit(Print{}, lit.value);
}

const char* op_text(BinaryOp op) {
    switch (op) {
        case BinaryOp::Or: return "or";
        case BinaryOp::And: return "and";
        case BinaryOp::Eq: return "=";
        case BinaryOp::Ne: return "!=";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Le: return "<=";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Ge: return ">=";
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Earliest: return "earliest";
        case BinaryOp::Latest: return "latest";
        case BinaryOp::Mul: return "*";
        case BinaryOp::Contains: return "contains";
        case BinaryOp::StartsWith: return "starts with";
    }
    return "?";
}

// Binding strength, loosest first, as in the grammar.
// A quantifier's `has` takes everything after it, so it binds loosest of all;
// `if … then … else …` too: as an operand either is always in parentheses.
enum Prec : int { kQuantifier = 0, kIf = 0, kOr, kAnd, kNot, kCompare, kAdditive, kMultiplicative, kPrimary };

int op_prec(BinaryOp op) {
    switch (op) {
        case BinaryOp::Or: return kOr;
        case BinaryOp::And: return kAnd;
        case BinaryOp::Add:
        case BinaryOp::Sub: return kAdditive;
        case BinaryOp::Mul: return kMultiplicative;
        case BinaryOp::Earliest:
        case BinaryOp::Latest: return kPrimary;  // written as a call
        default: return kCompare;
    }
}

// The precedence of the text an Expr prints as, before its own parentheses.
int prec(const Expr& e) {
    if (const auto* b = std::get_if<Binary>(&e.node)) return op_prec(b->op);
    if (std::holds_alternative<Not>(e.node)) return kNot;
    if (std::holds_alternative<InList>(e.node) || std::holds_alternative<IsKnown>(e.node)) return kCompare;
    if (std::holds_alternative<Quantifier>(e.node)) return kQuantifier;
    if (std::holds_alternative<Conditional>(e.node)) return kIf;
    return kPrimary;
}

// Parentheses the author did not write but the tree needs (only for trees
// not made by the parser, which records every pair it read).
bool unit_written(const Expr& e) { return e.days_unit || e.calendar != CalendarUnit::None; }

bool needs_parens(const Expr& e, int min_prec) {
    return !e.parenthesized && !unit_written(e) && prec(e) < min_prec;
}

// The unit after a number: " days", " months"/" month", " years"/" year" (singular after a literal 1).
std::string unit_suffix(const Expr& e) {
    if (e.days_unit) return " days";
    if (e.calendar == CalendarUnit::None) return "";
    const auto* lit = std::get_if<Literal>(&e.node);
    const bool one = lit && std::holds_alternative<int64_t>(lit->value) && std::get<int64_t>(lit->value) == 1;
    if (e.calendar == CalendarUnit::Months) return one ? " month" : " months";
    return one ? " year" : " years";
}


// Minimum precedence of a Binary's operands, left and right.
std::pair<int, int> operand_prec(BinaryOp op) {
    const int p = op_prec(op);
    if (p == kCompare) return {kAdditive, kAdditive};
    return {p, p + 1};  // left-associative
}

const char* query_keyword(QueryKind k) {
    switch (k) {
        case QueryKind::Exists: return "exists";
        case QueryKind::Count: return "count";
        case QueryKind::First: return "first";
        case QueryKind::Last: return "last";
    }
    return "?";
}

bool has_attr(const Query& q) { return q.kind == QueryKind::First || q.kind == QueryKind::Last; }

std::string flat(const Expr& e);

// `every beslut as b where …` / `every consecutive (a, b) as x, y`, up to `has`.
std::string quantifier_head(const Quantifier& q) {
    std::string s = q.every ? "every " : "some ";
    if (q.consecutive) {
        s += "consecutive (";
        for (size_t i = 0; i < q.event_types.size(); ++i) s += (i ? ", " : "") + q.event_types[i].first;
        s += ")";
    } else if (!q.event_types.empty()) {
        s += q.event_types.front().first;
    }
    s += " as ";
    for (size_t i = 0; i < q.bindings.size(); ++i) s += (i ? ", " : "") + q.bindings[i].name;
    if (q.where) s += " where " + flat(*q.where);
    return s + " has ";
}


std::string operand(const Expr& e, int min_prec) {
    std::string s = flat(e);
    return needs_parens(e, min_prec) ? "(" + s + ")" : s;
}

std::string flat_bare(const Expr& e) {
    struct Print {
        std::string operator()(const Literal& l) const { return literal(l); }
        std::string operator()(const NameRef& n) const { return n.name; }
        std::string operator()(const Query& q) const {
            std::string s = std::string(query_keyword(q.kind)) + "(" + q.event_type;
            if (q.where) s += " where " + flat(*q.where);
            s += ")";
            if (has_attr(q)) s += "." + q.attr;
            return s;
        }
        std::string operator()(const Not& n) const { return "not " + operand(*n.operand, kNot); }
        std::string operator()(const Binary& b) const {
            if (b.op == BinaryOp::Earliest || b.op == BinaryOp::Latest)
                return std::string(op_text(b.op)) + "(" + flat(*b.lhs) + ", " + flat(*b.rhs) + ")";
            auto [l, r] = operand_prec(b.op);
            return operand(*b.lhs, l) + " " + op_text(b.op) + " " + operand(*b.rhs, r);
        }
        std::string operator()(const InList& in) const {
            if (in.list) return operand(*in.value, kAdditive) + " in " + flat(*in.list);
            std::string s = operand(*in.value, kAdditive) + " in [";
            for (size_t i = 0; i < in.items.size(); ++i) s += (i ? ", " : "") + literal(in.items[i]);
            return s + "]";
        }
        std::string operator()(const IsKnown& k) const {
            return operand(*k.value, kAdditive) + (k.known ? " is known" : " is unknown");
        }
        std::string operator()(const ProcessInOrder& p) const { return "process " + p.process + " in order"; }
        std::string operator()(const BoundAttr& b) const { return b.binding + "." + b.attr; }
        std::string operator()(const Quantifier& q) const { return quantifier_head(q) + (q.body ? flat(*q.body) : ""); }
        std::string operator()(const ProcessStep& p) const {
            return "process " + p.process + " step " + p.step.text + " " + step_state_keyword(p.state);
        }
        std::string operator()(const Today&) const { return "today"; }
        std::string operator()(const Conditional& c) const {
            return "if " + flat(*c.cond) + " then " + flat(*c.then_) + " else " + flat(*c.else_);
        }
        std::string operator()(const Call& c) const {
            if (c.func == Func::Age) return "age at " + operand(*c.args.front(), kPrimary);
            std::string s = c.func == Func::Min ? "min(" : c.func == Func::Max ? "max(" : "size(";
            for (size_t i = 0; i < c.args.size(); ++i) s += (i ? ", " : "") + flat(*c.args[i]);
            return s + ")";
        }
    };
    return std::visit(Print{}, e.node);
}

std::string flat(const Expr& e) {
    std::string s = flat_bare(e);
    if (e.parenthesized || (unit_written(e) && prec(e) < kPrimary)) s = "(" + s + ")";
    return s + unit_suffix(e);
}

// --- the output, line by line ----------------------------------------------------

// One line of output. `anchor` is the source line of the construct the line
// begins; comments are attached to lines by their anchors. An operand after
// `and`/`or` may start a line below its operator: comments after code go by
// the operator's line (`code_anchor`), comments on their own by the operand's.
struct OutLine {
    uint32_t indent = 0;
    std::string text;
    uint32_t anchor = 0;
    uint32_t code_anchor = 0;
    uint32_t comment_indent = 0;  // for comments placed before this line
    bool blank = false;           // a separator between items
    bool item = false;            // a top-level item's first line
};

// Part of a clause's expression: the first continues the clause line, each
// further one is a line of its own.
struct Segment {
    uint32_t indent = 0;
    std::string text;
    uint32_t anchor = 0, code_anchor = 0;
};
using Segments = std::vector<Segment>;

class Formatter {
public:
    Formatter(const File& file, const Source& src) : file_(file), src_(src) {
        for (const auto& c : src.comments) comment_lines_.push_back(c.line);
    }

    std::string run() {
        const Item* previous = nullptr;
        for (const auto& item : file_.items) {
            if (previous && !together(*previous, item)) out_.push_back(OutLine{0, "", 0, 0, 0, true, false});
            std::visit([&](const auto& decl) { emit(decl); }, item);
            previous = &item;
        }
        return render();
    }

private:
    const File& file_;
    const Source& src_;
    std::vector<uint32_t> comment_lines_;  // sorted: comments are scanned in order
    std::vector<OutLine> out_;

    // --- positions in the source

    size_t token_at(const SourcePos& p) const {
        auto it = std::lower_bound(src_.tokens.begin(), src_.tokens.end(), p, [](const Token& t, const SourcePos& q) {
            return t.line < q.line || (t.line == q.line && t.column < q.column);
        });
        return static_cast<size_t>(it - src_.tokens.begin());
    }

    // The line of the keyword or operator just before a value (`requires`,
    // `cite`, `when`, `and`, ...; past opening parentheses), so that a value
    // written on the next line still belongs to the keyword's line.
    uint32_t keyword_line(const SourcePos& value) const {
        size_t i = token_at(value);
        while (i > 0 && src_.tokens[i - 1].text == "(") --i;
        return i > 0 ? src_.tokens[i - 1].line : value.line;
    }

    // The line of the `}` that closes the block starting at `start`.
    uint32_t close_line(const SourcePos& start) const {
        int depth = 0;
        for (size_t i = token_at(start); i < src_.tokens.size(); ++i) {
            const Token& t = src_.tokens[i];
            if (t.kind != Token::Kind::Punct) continue;
            if (t.text == "{") ++depth;
            if (t.text == "}" && --depth == 0) return t.line;
        }
        return start.line;
    }

    // The line of a rule's `severity` clause, which the AST does not place.
    uint32_t severity_line(const RuleDecl& r) const {
        const uint32_t end = close_line(r.span.pos);
        for (size_t i = token_at(r.span.pos); i + 1 < src_.tokens.size() && src_.tokens[i].line <= end; ++i) {
            const Token& t = src_.tokens[i];
            const std::string_view next = src_.tokens[i + 1].text;
            if (t.text == "severity" && (next == "high" || next == "medium" || next == "low")) return t.line;
        }
        return r.span.pos.line;
    }

    bool comment_in(uint32_t after, uint32_t up_to) const {
        auto it = std::upper_bound(comment_lines_.begin(), comment_lines_.end(), after);
        return it != comment_lines_.end() && *it <= up_to;
    }

    // --- output

    void line(uint32_t indent, std::string text, uint32_t anchor, uint32_t code_anchor = 0) {
        out_.push_back(OutLine{indent, std::move(text), anchor, code_anchor ? code_anchor : anchor, indent});
    }
    void item_line(std::string text, uint32_t anchor) {
        out_.push_back(OutLine{0, std::move(text), anchor, anchor, 0, false, true});
    }
    void close(uint32_t indent, const SourcePos& block) {
        const uint32_t at = close_line(block);
        out_.push_back(OutLine{indent, "}", at, at, indent + 2});
    }

    // One-line items of the same kind stay together; blocks are separated.
    static bool together(const Item& prev, const Item& cur) {
        auto is_line = [](const Item& i) {
            return std::holds_alternative<ParamDecl>(i) || std::holds_alternative<ParamOverride>(i) ||
                   std::holds_alternative<RuleDisable>(i) || std::holds_alternative<EventExtension>(i);
        };
        if (std::holds_alternative<UsesDecl>(cur))
            return std::holds_alternative<PackDecl>(prev) || std::holds_alternative<UsesDecl>(prev);
        return is_line(prev) && is_line(cur);
    }

    // --- expressions over several lines

    uint32_t first_line(const Expr& e) const { return e.span.pos.line; }

    // The last source line where a broken layout of `e` would start a line.
    uint32_t last_break_line(const Expr& e) const {
        if (unit_written(e)) return first_line(e);
        if (const auto* b = std::get_if<Binary>(&e.node); b && (b->op == BinaryOp::And || b->op == BinaryOp::Or))
            return std::max({first_line(e), last_break_line(*b->lhs), first_line(*b->rhs), last_break_line(*b->rhs)});
        if (const auto* n = std::get_if<Not>(&e.node)) return std::max(first_line(e), last_break_line(*n->operand));
        if (const auto* q = std::get_if<Quantifier>(&e.node); q && q->body)
            return std::max(first_line(e), last_break_line(*q->body));
        if (const auto* q = std::get_if<Query>(&e.node); q && q->where)
            return std::max(first_line(e), last_break_line(*q->where));
        return first_line(e);
    }

    // A comment between the operands of a chain keeps the chain broken, so
    // that the comment stays next to the operand it was written at.
    bool must_break(const Expr& e) const { return comment_in(first_line(e), last_break_line(e)); }

    Segments layout(const Expr& e, size_t column, size_t tail) const {
        std::string s = flat(e);
        if (unit_written(e) || (!must_break(e) && column + width(s) + tail <= kFormatWidth))
            return {Segment{0, std::move(s), first_line(e), first_line(e)}};
        if (!e.parenthesized) return layout_bare(e, column, tail);
        Segments inner = layout_bare(e, column + 1, tail + 1);
        inner.front().text.insert(0, "(");
        inner.back().text += ")";
        return inner;
    }

    Segments layout_operand(const Expr& e, int min_prec, size_t column, size_t tail) const {
        if (needs_parens(e, min_prec)) return {Segment{0, "(" + flat(e) + ")", first_line(e), first_line(e)}};
        return layout(e, column, tail);
    }

    static void chain_operands(const Expr& e, BinaryOp op, std::vector<const Expr*>& out) {
        const auto* b = std::get_if<Binary>(&e.node);
        if (b && b->op == op && !e.parenthesized && !unit_written(e)) {
            chain_operands(*b->lhs, op, out);
            out.push_back(b->rhs.get());
        } else {
            out.push_back(&e);
        }
    }

    Segments layout_bare(const Expr& e, size_t column, size_t tail) const {
        if (const auto* b = std::get_if<Binary>(&e.node); b && (b->op == BinaryOp::And || b->op == BinaryOp::Or)) {
            std::vector<const Expr*> operands;
            chain_operands(*b->lhs, b->op, operands);
            operands.push_back(b->rhs.get());
            const std::string op = op_text(b->op);
            const auto [lhs_prec, rhs_prec] = operand_prec(b->op);
            Segments out;
            for (size_t k = 0; k < operands.size(); ++k) {
                const size_t t = k + 1 == operands.size() ? tail : 0;
                Segments part = layout_operand(*operands[k], k == 0 ? lhs_prec : rhs_prec, column, t);
                if (k > 0) {
                    // The operator hangs left of the column so operands align.
                    part.front().indent = static_cast<uint32_t>(column > op.size() ? column - op.size() - 1 : column);
                    part.front().text = op + " " + part.front().text;
                    part.front().anchor = first_line(*operands[k]);
                    part.front().code_anchor = keyword_line(operands[k]->span.pos);
                }
                out.insert(out.end(), part.begin(), part.end());
            }
            return out;
        }
        if (const auto* n = std::get_if<Not>(&e.node)) {
            Segments part = layout_operand(*n->operand, kNot, column + 4, tail);
            part.front().text.insert(0, "not ");
            return part;
        }
        if (const auto* q = std::get_if<Quantifier>(&e.node); q && q->body) {
            // Too long for one line: `has` starts the next line, under `every`.
            std::string head = quantifier_head(*q);
            head.resize(head.size() - std::string_view(" has ").size());
            Segments part = layout(*q->body, column + 4, tail);
            part.front().text.insert(0, "has ");
            part.front().indent = static_cast<uint32_t>(column);
            part.front().anchor = first_line(*q->body);
            part.front().code_anchor = keyword_line(q->body->span.pos);
            part.insert(part.begin(), Segment{0, head, first_line(e), first_line(e)});
            return part;
        }
        if (const auto* q = std::get_if<Query>(&e.node); q && q->where) {
            const std::string head = std::string(query_keyword(q->kind)) + "(" + q->event_type + " where ";
            const std::string end = ")" + (has_attr(*q) ? "." + q->attr : std::string());
            Segments part = layout(*q->where, column + width(head), tail + width(end));
            part.front().text.insert(0, head);
            part.back().text += end;
            return part;
        }
        return {Segment{0, flat_bare(e), first_line(e), first_line(e)}};
    }

    // A clause whose value is an expression: `requires …`, `applies when …`.
    void expr_clause(uint32_t indent, const std::string& head, const Expr& e, uint32_t anchor,
                     const std::string& end = "") {
        Segments parts = layout(e, indent + width(head), width(end));
        parts.back().text += end;
        line(indent, head + parts.front().text, anchor);
        for (size_t i = 1; i < parts.size(); ++i)
            line(parts[i].indent, parts[i].text, parts[i].anchor, parts[i].code_anchor);
    }

    // --- declarations

    void emit(const PackDecl& p) {
        item_line("pack " + p.name, p.span.pos.line);
        if (p.version) line(2, "version " + quote(p.version->text), keyword_line(p.version->span.pos));
        if (p.title) line(2, "title " + quote(p.title->text), keyword_line(p.title->span.pos));
    }

    void emit(const UsesDecl& u) { item_line("uses " + quote(u.path), u.span.pos.line); }

    static std::string type_text(const AttrDecl& a) {
        switch (a.type) {
            case AttrType::String: return "string";
            case AttrType::Integer: return "integer";
            case AttrType::Boolean: return "boolean";
            case AttrType::Date: return "date";
            case AttrType::StringList: return "list";
            case AttrType::Enum: break;
        }
        std::string s;
        for (size_t i = 0; i < a.enum_values.size(); ++i) s += (i ? " | " : "") + a.enum_values[i];
        return s;
    }

    void emit(const Vocabulary& v) {
        item_line("vocabulary {", v.span.pos.line);
        for (const auto& entry : v.items) {
            if (const auto* a = std::get_if<AttrDecl>(&entry)) {
                line(2, "case " + a->name + ": " + type_text(*a), a->span.pos.line);
                continue;
            }
            const auto& e = std::get<EventDecl>(entry);
            std::string s = "event " + e.name;
            if (e.label) s += " " + quote(e.label->text);
            if (!e.attrs.empty()) s += " { " + attrs_text(e.attrs) + " }";
            line(2, s, e.span.pos.line);
        }
        close(0, v.span.pos);
    }

    std::string attrs_text(const std::vector<AttrDecl>& attrs) const {
        std::string s;
        for (size_t i = 0; i < attrs.size(); ++i) s += (i ? ", " : "") + attrs[i].name + ": " + type_text(attrs[i]);
        return s;
    }

    void emit(const EventExtension& x) {
        item_line("extend event " + x.name + " { " + attrs_text(x.attrs) + " }", x.span.pos.line);
    }

    void emit(const ParamDecl& p) {
        std::string s = "parameter " + p.name + " = " + literal(p.value);
        if (p.description) s += " " + quote(p.description->text);
        item_line(s, p.span.pos.line);
    }

    void emit(const ParamOverride& o) {
        item_line("override parameter " + o.name + " = " + literal(o.value) + " because " + quote(o.reason.text),
                  o.span.pos.line);
    }

    void emit(const RuleDisable& d) {
        item_line("disable rule " + d.rule_id + " because " + quote(d.reason.text), d.span.pos.line);
    }

    static const char* severity_text(RuleSeverity s) {
        switch (s) {
            case RuleSeverity::High: return "high";
            case RuleSeverity::Medium: return "medium";
            case RuleSeverity::Low: return "low";
        }
        return "medium";
    }

    void text_clause(uint32_t indent, const std::string& keyword, const TextAt& t) {
        line(indent, keyword + " " + quote(t.text), keyword_line(t.span.pos));
    }

    void emit(const RuleDecl& r) {
        item_line("rule " + r.id + " {", r.span.pos.line);
        if (r.question) text_clause(2, "question", *r.question);
        for (const auto& c : r.cites) text_clause(2, "cite", c);
        if (r.severity) line(2, std::string("severity ") + severity_text(*r.severity), severity_line(r));
        if (r.valid_from) {
            std::string s = "valid from " + format_date(*r.valid_from);
            if (r.valid_until) s += " until " + format_date(*r.valid_until);
            line(2, s, r.valid_span.pos.line);
        }
        if (r.judged_on) expr_clause(2, "judged on ", *r.judged_on, keyword_line(r.judged_on->span.pos));
        if (r.applies_when) expr_clause(2, "applies when ", *r.applies_when, keyword_line(r.applies_when->span.pos));
        if (r.requirement) expr_clause(2, "requires ", *r.requirement, keyword_line(r.requirement->span.pos));
        if (r.explain) text_clause(2, "explain", *r.explain);
        close(0, r.span.pos);
    }

    void emit_step(const StepDecl& s) {
        line(2, "step " + s.name + " {", s.span.pos.line);
        if (!s.event_type.empty()) {
            const std::string head = "event " + s.event_type;
            const uint32_t at = keyword_line(s.event_span.pos);
            if (s.where) expr_clause(4, head + " where ", *s.where, at);
            else line(4, head, at);
        }
        if (!s.after.empty()) {
            std::string names;
            for (size_t i = 0; i < s.after.size(); ++i) names += (i ? ", " : "") + s.after[i].text;
            line(4, "after " + names, keyword_line(s.after.front().span.pos));
        }
        if (s.required_when) expr_clause(4, "required when ", *s.required_when, keyword_line(s.required_when->span.pos));
        if (s.within) within_clause(4, s);
        for (const auto& c : s.cites) text_clause(4, "cite", c);
        close(2, s.span.pos);
    }

    // A step's or an amendment's deadline.
    template <typename Step>
    void within_clause(uint32_t indent, const Step& s) {
        std::string tail = s.within_of ? " of " + s.within_of->text : "";
        if (s.within_unless) tail += " unless " + expression_text(*s.within_unless);
        if (s.extended_until && s.extended_when)
            tail += ", or until " + expression_text(*s.extended_until) + " when " + expression_text(*s.extended_when);
        expr_clause(indent, "within ", *s.within, keyword_line(s.within->span.pos), tail);
    }

    void emit_amend(const StepAmend& a) {
        line(2, (a.override_ ? "override step " : "extend step ") + a.step + " {", a.span.pos.line);
        within_clause(4, a);
        for (const auto& c : a.cites) text_clause(4, "cite", c);
        const uint32_t at = close_line(a.span.pos);
        out_.push_back(OutLine{2, a.reason ? "} because " + quote(a.reason->text) : "}", at, at, 4});
    }

    void emit(const ProcessDecl& p) {
        item_line((p.extend ? "extend process " : "process ") + p.name + " {", p.span.pos.line);
        // Steps and amendments in the order written.
        size_t s = 0, a = 0;
        auto before = [](const SourcePos& x, const SourcePos& y) { return x.line < y.line || (x.line == y.line && x.column < y.column); };
        while (s < p.steps.size() || a < p.amends.size()) {
            if (a == p.amends.size() || (s < p.steps.size() && before(p.steps[s].span.pos, p.amends[a].span.pos)))
                emit_step(p.steps[s++]);
            else
                emit_amend(p.amends[a++]);
        }
        close(0, p.span.pos);
    }

    void emit(const TemplateDecl& t) {
        std::string head = t.extend ? "extend template " + t.name : "template " + t.name;
        if (t.title && !t.extend) head += " " + quote(t.title->text);
        item_line(head + " {", t.span.pos.line);
        for (const auto& q : t.questions) {
            std::string s = q.replace_reason ? "replace question " + q.number + " answered by "
                                             : "question " + q.number + " " + quote(q.text.text) + " answered by ";
            for (size_t i = 0; i < q.rules.size(); ++i) s += (i ? ", " : "") + q.rules[i].text;
            if (q.replace_reason) s += " because " + quote(q.replace_reason->text);
            line(2, s, q.span.pos.line);
        }
        close(0, t.span.pos);
    }

    // --- comments

    std::string render() const {
        // Attach each comment to a line: on its own line, to the first line
        // whose construct starts after it; after code, to the line whose
        // construct is the last to start on or before it.
        std::vector<std::vector<const SourceComment*>> before(out_.size()), after(out_.size());
        std::vector<const SourceComment*> at_end;
        for (const auto& c : src_.comments) {
            // After code: the latest line whose code starts on or before the
            // comment; between equals, one whose operand is not below the
            // comment, then the last.
            auto later_code = [&](const OutLine& l, const OutLine& t) {
                if (l.code_anchor != t.code_anchor) return l.code_anchor > t.code_anchor;
                return l.anchor <= c.line || t.anchor > c.line;
            };
            std::optional<size_t> target;
            for (size_t i = 0; i < out_.size(); ++i) {
                const OutLine& l = out_[i];
                if (l.blank) continue;
                if (c.trailing ? l.code_anchor <= c.line && (!target || later_code(l, out_[*target]))
                               : l.anchor > c.line && (!target || l.anchor < out_[*target].anchor))
                    target = i;
            }
            if (!target && c.trailing) {  // code that belongs to no construct: keep the comment on its own
                for (size_t i = 0; i < out_.size() && !target; ++i)
                    if (!out_[i].blank && out_[i].anchor > c.line) target = i;
                if (target) {
                    before[*target].push_back(&c);
                    continue;
                }
            }
            if (!target) at_end.push_back(&c);
            else (c.trailing ? after : before)[*target].push_back(&c);
        }

        std::string text;
        bool last_blank = true;  // no blank line at the start of the file
        auto emit = [&](uint32_t indent, std::string_view s) {
            text.append(indent, ' ');
            text += s;
            text += '\n';
            last_blank = false;
        };
        auto blank = [&] {
            if (!last_blank) text += '\n';
            last_blank = true;
        };
        // A group of comments before a top-level item keeps the author's
        // blank lines around and between the comments (one at most).
        auto comment_group = [&](const std::vector<const SourceComment*>& group, uint32_t indent, bool top,
                                 uint32_t next_line) {
            for (size_t k = 0; k < group.size(); ++k) {
                const uint32_t l = group[k]->line;
                if (top && (k == 0 ? src_.is_blank(l - 1) : src_.any_blank_between(group[k - 1]->line, l))) blank();
                emit(indent, group[k]->text);
            }
            if (top && !group.empty() && next_line && src_.any_blank_between(group.back()->line, next_line)) blank();
        };

        for (size_t i = 0; i < out_.size(); ++i) {
            const OutLine& l = out_[i];
            if (l.blank) {
                blank();
                continue;
            }
            comment_group(before[i], l.comment_indent, l.item, l.anchor);
            // Several comments after code that ends up on one line: all but
            // the last go on their own lines above it.
            const auto& trailing = after[i];
            for (size_t k = 0; k + 1 < trailing.size(); ++k) emit(l.comment_indent, trailing[k]->text);
            emit(l.indent, trailing.empty() ? l.text : l.text + " " + trailing.back()->text);
        }
        if (!at_end.empty()) {
            blank();
            comment_group(at_end, 0, true, 0);
        }
        while (text.size() >= 2 && text.ends_with("\n\n")) text.pop_back();
        return text;
    }
};

// --- clauses the AST cannot hold twice ------------------------------------------

struct Repeat {
    uint32_t line = 0, column = 0, length = 1;
};

// Clause keywords given twice within one block, found in the text: the AST
// holds only the last value of a step's `event`, `required when` and
// `within`, and of a pack's `version` and `title`.
void repeated_clauses(const Source& src, size_t from, size_t to, const std::vector<std::string_view>& clauses,
                      std::vector<Repeat>& out) {
    std::vector<std::string_view> seen;
    int nesting = 0;  // inside ( ) or [ ]: an expression, not a clause
    for (size_t i = from; i < to && i < src.tokens.size(); ++i) {
        const Token& t = src.tokens[i];
        if (t.kind == Token::Kind::Punct) {
            if (t.text == "(" || t.text == "[") ++nesting;
            if (t.text == ")" || t.text == "]") --nesting;
            continue;
        }
        if (nesting > 0 || t.kind != Token::Kind::Word) continue;
        if (std::find(clauses.begin(), clauses.end(), t.text) == clauses.end()) continue;
        if (t.text == "required" && (i + 1 >= to || src.tokens[i + 1].text != "when")) continue;
        if (std::find(seen.begin(), seen.end(), t.text) != seen.end()) out.push_back({t.line, t.column, static_cast<uint32_t>(t.text.size())});
        seen.push_back(t.text);
    }
}

}  // namespace

std::string expression_text(const Expr& e) { return flat(e); }
std::string literal_text(const Literal& lit) { return literal(lit); }

std::vector<std::string> comments_of(const std::string& source_text) {
    std::vector<std::string> out;
    for (auto& c : scan(source_text).comments) out.push_back(std::move(c.text));
    return out;
}

std::vector<std::string> comments_on(const std::string& source_text, const SourcePos& start) {
    const Source src = scan(source_text);
    auto before_start = [&](const Token& t) { return t.line < start.line || (t.line == start.line && t.column < start.column); };
    uint32_t code_before = 0;  // the last line with code before the construct
    size_t first = 0;
    for (; first < src.tokens.size() && before_start(src.tokens[first]); ++first) code_before = src.tokens[first].line;
    uint32_t end = start.line;  // the line of the `}` that closes its block
    int depth = 0;
    for (size_t i = first; i < src.tokens.size(); ++i) {
        const Token& t = src.tokens[i];
        if (t.kind != Token::Kind::Punct) continue;
        if (t.text == "{") ++depth;
        if (t.text == "}" && --depth == 0) {
            end = t.line;
            break;
        }
    }
    std::vector<const SourceComment*> above, inside;
    for (const auto& c : src.comments) {
        if (c.trailing) continue;
        if (c.line > code_before && c.line < start.line) {
            if (!above.empty() && src.any_blank_between(above.back()->line, c.line)) above.clear();  // a new group
            above.push_back(&c);
        } else if (c.line > start.line && c.line < end) {
            inside.push_back(&c);
        }
    }
    std::vector<std::string> out;
    for (const auto* group : {&above, &inside})
        for (const auto* c : *group) {
            std::string_view text = std::string_view(c->text).substr(1);
            if (text.starts_with(' ')) text.remove_prefix(1);
            out.emplace_back(text);
        }
    return out;
}

std::string format(const File& file, const std::string& source_text) {
    const Source src = scan(source_text);
    return Formatter(file, src).run();
}

bool check_formattable(const File& file, const std::string& source_text, Diagnostics& diags, Lang lang) {
    const Source src = scan(source_text);
    auto token_at = [&](const SourcePos& p) {
        auto it = std::lower_bound(src.tokens.begin(), src.tokens.end(), p, [](const Token& t, const SourcePos& q) {
            return t.line < q.line || (t.line == q.line && t.column < q.column);
        });
        return static_cast<size_t>(it - src.tokens.begin());
    };
    auto block_end = [&](size_t from) {
        int depth = 0;
        for (size_t i = from; i < src.tokens.size(); ++i) {
            if (src.tokens[i].kind != Token::Kind::Punct) continue;
            if (src.tokens[i].text == "{") ++depth;
            if (src.tokens[i].text == "}" && --depth == 0) return i;
        }
        return src.tokens.size();
    };
    auto item_start = [](const Item& item) { return std::visit([](const auto& d) { return d.span.pos; }, item); };

    std::vector<Repeat> repeats;
    for (size_t n = 0; n < file.items.size(); ++n) {
        const Item& item = file.items[n];
        if (const auto* r = std::get_if<RuleDecl>(&item)) {
            for (const Span& s : r->duplicate_clauses) repeats.push_back({s.pos.line, s.pos.column, s.length});
        } else if (const auto* p = std::get_if<PackDecl>(&item)) {
            const size_t end = n + 1 < file.items.size() ? token_at(item_start(file.items[n + 1])) : src.tokens.size();
            repeated_clauses(src, token_at(p->span.pos) + 2, end, {"version", "title"}, repeats);  // after `pack NAME`
        } else if (const auto* proc = std::get_if<ProcessDecl>(&item)) {
            for (const auto& s : proc->steps) {
                const size_t from = token_at(s.span.pos);
                repeated_clauses(src, from + 3, block_end(from), {"event", "required", "within"}, repeats);  // after `step NAME {`
            }
        }
    }
    for (const auto& r : repeats) {
        Diagnostic d;
        d.code = "AK0501";
        d.pos = {file.path, r.line, r.column};
        d.length = r.length;
        d.message = tr(lang, "klausulen förekommer mer än en gång; formatering skulle ta bort den ena",
                       "the clause is given more than once; formatting would drop one of them");
        d.hint = tr(lang, "ta bort den klausul som inte ska gälla", "remove the clause that should not apply");
        diags.add(std::move(d));
    }
    return repeats.empty();
}

const char* step_state_keyword(StepState s) {
    switch (s) {
        case StepState::Late: return "late";
        case StepState::Missing: return "missing";
        case StepState::NotYetDue: return "not yet due";
    }
    return "?";
}

}  // namespace aktkoll::dsl
