#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "dsl/checker.hpp"
#include "dsl/format.hpp"
#include "dsl/parser.hpp"

using namespace aktkoll;
using namespace aktkoll::dsl;

namespace {

std::string source_file(const std::string& relative) {
    std::ifstream in(std::string(AKTKOLL_SOURCE_DIR) + "/" + relative, std::ios::binary);
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

File parsed(const std::string& text) {
    Diagnostics diags;
    auto file = parse("test.akt", text, diags, Lang::En);
    SourceMap sources;
    sources.add("test.akt", text);
    std::string rendered;
    for (const auto& d : diags.items) rendered += render(d, sources, Lang::En);
    INFO(rendered);
    REQUIRE(file);
    return std::move(*file);
}

std::string formatted(const std::string& text) { return format(parsed(text), text); }

// A dump of the tree without positions: equal dumps, equal meaning.
std::string dump(const Expr& e);

std::string dump(const Literal& l) {
    struct D {
        std::string operator()(int64_t v) const { return "int:" + std::to_string(v); }
        std::string operator()(Date d) const { return "date:" + format_date(d); }
        std::string operator()(const std::string& s) const { return "str:<" + s + ">"; }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::vector<std::string>& v) const {
            std::string s = "list:";
            for (const auto& i : v) s += "<" + i + ">";
            return s;
        }
    };
    return std::visit(D{}, l.value);
}

std::string dump(const ExprPtr& e) { return e ? dump(*e) : "-"; }

std::string dump(const Expr& e) {
    struct D {
        std::string operator()(const Literal& l) const { return dump(l); }
        std::string operator()(const NameRef& n) const { return "name:" + n.name; }
        std::string operator()(const Query& q) const {
            return "query" + std::to_string(static_cast<int>(q.kind)) + "(" + q.event_type + " " + dump(q.where) +
                   ")." + q.attr;
        }
        std::string operator()(const Not& n) const { return "not(" + dump(n.operand) + ")"; }
        std::string operator()(const Binary& b) const {
            return "bin" + std::to_string(static_cast<int>(b.op)) + "(" + dump(b.lhs) + "," + dump(b.rhs) + ")";
        }
        std::string operator()(const InList& in) const {
            std::string s = "in(" + dump(in.value);
            for (const auto& i : in.items) s += "," + dump(i);
            return s + (in.list ? "," + dump(in.list) : "") + ")";
        }
        std::string operator()(const Conditional& c) const {
            return "if(" + dump(c.cond) + "," + dump(c.then_) + "," + dump(c.else_) + ")";
        }
        std::string operator()(const Call& c) const {
            std::string s = "call" + std::to_string(static_cast<int>(c.func)) + "(";
            for (const auto& a : c.args) s += dump(a) + ",";
            return s + ")";
        }
        std::string operator()(const IsKnown& k) const { return (k.known ? "known(" : "unknown(") + dump(k.value) + ")"; }
        std::string operator()(const ProcessInOrder& p) const { return "order:" + p.process; }
        std::string operator()(const BoundAttr& b) const { return "bound:" + b.binding + "." + b.attr; }
        std::string operator()(const Quantifier& q) const {
            std::string s = std::string(q.every ? "every" : "some") + (q.consecutive ? "-consecutive(" : "(");
            for (const auto& t : q.event_types) s += t.first + ",";
            for (const auto& b : q.bindings) s += "as:" + b.name + ",";
            return s + dump(q.where) + "," + dump(q.body) + ")";
        }
        std::string operator()(const ProcessStep& p) const {
            return "step:" + p.process + "." + p.step.text + ":" + std::to_string(static_cast<int>(p.state));
        }
        std::string operator()(const Today&) const { return "today"; }
    };
    return std::visit(D{}, e.node) + (e.parenthesized ? "[paren]" : "") + (e.days_unit ? "[days]" : "") +
           (e.calendar != CalendarUnit::None ? "[cal" + std::to_string(static_cast<int>(e.calendar)) + "]" : "");
}

std::string dump(const std::optional<TextAt>& t) { return t ? "<" + t->text + ">" : "-"; }

std::string dump(const AttrDecl& a) {
    std::string s = a.name + ":" + std::to_string(static_cast<int>(a.type));
    for (const auto& v : a.enum_values) s += "|" + v;
    return s;
}

std::string dump(const File& f) {
    std::string s;
    for (const auto& item : f.items) {
        if (const auto* p = std::get_if<PackDecl>(&item)) s += "pack " + p->name + dump(p->version) + dump(p->title);
        if (const auto* u = std::get_if<UsesDecl>(&item)) s += "uses " + u->path;
        if (const auto* v = std::get_if<Vocabulary>(&item)) {
            s += "vocabulary";
            for (const auto& entry : v->items) {
                if (const auto* a = std::get_if<AttrDecl>(&entry)) s += " case " + dump(*a);
                if (const auto* e = std::get_if<EventDecl>(&entry)) {
                    s += " event " + e->name + dump(e->label);
                    for (const auto& a : e->attrs) s += " " + dump(a);
                }
            }
        }
        if (const auto* p = std::get_if<ParamDecl>(&item)) s += "param " + p->name + dump(p->value) + dump(p->description);
        if (const auto* o = std::get_if<ParamOverride>(&item)) s += "override " + o->name + dump(o->value) + o->reason.text;
        if (const auto* d = std::get_if<RuleDisable>(&item)) s += "disable " + d->rule_id + d->reason.text;
        if (const auto* r = std::get_if<RuleDecl>(&item)) {
            s += "rule " + r->id + dump(r->question);
            for (const auto& c : r->cites) s += " cite<" + c.text + ">";
            s += " sev" + (r->severity ? std::to_string(static_cast<int>(*r->severity)) : std::string("-"));
            s += " valid" + (r->valid_from ? format_date(*r->valid_from) : "-") +
                 (r->valid_until ? format_date(*r->valid_until) : "-");
            s += " " + dump(r->judged_on) + " " + dump(r->applies_when) + " " + dump(r->requirement) + dump(r->explain);
        }
        if (const auto* p = std::get_if<ProcessDecl>(&item)) {
            s += "process " + p->name;
            for (const auto& st : p->steps) {
                s += " step " + st.name + " " + st.event_type + " " + dump(st.where) + " after";
                for (const auto& a : st.after) s += " " + a.text;
                s += " " + dump(st.required_when) + " " + dump(st.within) + dump(st.within_of);
                for (const auto& c : st.cites) s += " cite<" + c.text + ">";
            }
        }
        if (const auto* t = std::get_if<TemplateDecl>(&item)) {
            s += (t->extend ? "extend " : "template ") + t->name + dump(t->title);
            for (const auto& q : t->questions) {
                s += " q" + q.number + "<" + q.text.text + ">";
                for (const auto& r : q.rules) s += " " + r.text;
            }
        }
        s += "\n";
    }
    return s;
}

std::vector<std::string> sorted_comments(const std::string& text) {
    auto c = comments_of(text);
    std::sort(c.begin(), c.end());
    return c;
}

// The code blocks of the language reference that are rule text (fences
// without a language; ```json blocks are case data).
std::vector<std::string> reference_examples() {
    std::istringstream doc(source_file("docs/language.md"));
    std::vector<std::string> blocks;
    std::optional<std::string> block;
    bool other = false;
    for (std::string line; std::getline(doc, line);) {
        if (line.starts_with("```")) {
            if (block) blocks.push_back(*block);
            const bool opening = !block && !other;
            block.reset();
            other = opening && line != "```";
            if (opening && line == "```") block.emplace();
            continue;
        }
        if (block) *block += line + "\n";
    }
    return blocks;
}

// Every input the properties below are checked on.
std::vector<std::string> all_inputs() {
    std::vector<std::string> inputs = {source_file("tests/data/fmt/messy.akt"),
                                       source_file("tests/data/fmt/messy.formatted.akt"),
                                       source_file("tests/data/fmt/long.akt"),
                                       source_file("tests/data/fmt/nested-comments.akt")};
    for (auto& block : reference_examples())
        if (block.find("…") == std::string::npos) inputs.push_back(block);
    return inputs;
}

}  // namespace

TEST_CASE("format: a messy file with comments everywhere gets the canonical text") {
    const std::string messy = source_file("tests/data/fmt/messy.akt");
    const std::string expected = source_file("tests/data/fmt/messy.formatted.akt");
    CHECK(formatted(messy) == expected);
}

TEST_CASE("format: the canonical text of the messy file, spot checks") {
    const std::string out = source_file("tests/data/fmt/messy.formatted.akt");
    // Comment positions the format promises.
    CHECK(out.find("pack exempel-kommun # paketets namn\n  version \"2026.1\"\n  title \"Exempel\"\n") !=
          std::string::npos);
    CHECK(out.find("  # före question\n  question \"Har vårdplan upprättats?\"\n") != std::string::npos);
    CHECK(out.find("  requires exists(vårdplan) # första operanden\n       # före andra operanden\n       and ") !=
          std::string::npos);
    CHECK(out.find("    cite \"x\"\n    # sist i steget\n  }\n") != std::string::npos);
    CHECK(out.find("  # före stängningen\n} # efter vocabulary\n") != std::string::npos);
    CHECK(out.find("process ärendet { # processen\n") != std::string::npos);
    CHECK(out.ends_with("\n\n# sista kommentaren\n\n# allra sist\n"));
    // Canonical spelling of values.
    CHECK(out.find(R"(parameter gräns = -3 "Tab\there, \"citat\" och \\")") != std::string::npos);
    CHECK(out.find(R"(first(beslut where utfall = "bifall").date + 30 days)") != std::string::npos);
    CHECK(out.find("applies when not (born is unknown) and instrument in [\"ASI\", \"AUDIT\"]") != std::string::npos);
    CHECK(out.find("  event genomförandeplan\n") != std::string::npos);
    CHECK(out.find("    after a, a2\n") != std::string::npos);
}

TEST_CASE("format: every rule-text example of docs/language.md is already canonical") {
    auto blocks = reference_examples();
    REQUIRE(blocks.size() >= 7);
    for (auto& block : blocks) {
        // The layer example elides a rule body; give it a real one.
        const std::string elided = "rule LOK-VP-1 { … }";
        if (auto at = block.find(elided); at != std::string::npos)
            block.replace(at, elided.size(), "rule LOK-VP-1 {\n  question \"Vårdplan?\"\n  cite \"lag\"\n  requires exists(vårdplan)\n}");
        INFO(block);
        CHECK(formatted(block) == block);
    }
}

TEST_CASE("format: formatting twice changes nothing more") {
    for (const auto& input : all_inputs()) {
        const std::string once = formatted(input);
        INFO(once);
        CHECK(formatted(once) == once);
    }
}

TEST_CASE("format: every comment survives") {
    for (const auto& input : all_inputs()) {
        INFO(input);
        CHECK(sorted_comments(formatted(input)) == sorted_comments(input));
    }
    CHECK(sorted_comments(source_file("tests/data/fmt/messy.akt")).size() == 24);
}

TEST_CASE("format: the syntax tree is unchanged") {
    for (const auto& input : all_inputs()) {
        INFO(input);
        CHECK(dump(parsed(formatted(input))) == dump(parsed(input)));
    }
}

TEST_CASE("format: a long and/or chain breaks with the operator first, operands aligned") {
    const std::string out = formatted(source_file("tests/data/fmt/long.akt"));
    CHECK(out == R"(# Långa uttryck bryts vid and/or på översta nivån.
rule LÅNG-1 {
  question "Långt krav"
  cite "lag"
  applies when exists(beslut where utfall = "bifall")
            or exists(insats where huvudman = "region")
            or children_under_18
  requires exists(utredning_inledd)
       and first(utredning_inledd).date <= first(aktualisering).date + utredning_inom_dagar days
       and first(utredning_inledd).skäl_dokumenterat
}

rule KORT-1 {
  question "Kort krav som var brutet"
  cite "lag"
  requires exists(vårdplan) and exists(beslut)
}
)");
    std::istringstream lines(out);
    for (std::string l; std::getline(lines, l);) CHECK(l.size() <= 2 * kFormatWidth);  // bytes; Swedish letters are 2
}

TEST_CASE("format: the limit is 100 columns, counted in characters") {
    // `  requires ` is 11 columns; the operands fill the line to exactly 100.
    const std::string a(40, 'a'), b = "ö" + std::string(43, 'b');
    const std::string fits = "rule R {\n  requires " + a + " and " + b + "\n}\n";
    CHECK(formatted(fits) == fits);
    const std::string too_long = "rule R {\n  requires " + a + " and " + b + "x\n}\n";
    CHECK(formatted(too_long) == "rule R {\n  requires " + a + "\n       and " + b + "x\n}\n");
}

TEST_CASE("format: a chain inside a query's where breaks when the line is still too long") {
    const std::string in =
        "rule R {\n  requires exists(bedömningsinstrument where date >= first(utredning_inledd).date and (date <= "
        "last(utredning_avslutad).date or not exists(utredning_avslutad)))\n}\n";
    CHECK(formatted(in) == "rule R {\n"
                           "  requires exists(bedömningsinstrument where date >= first(utredning_inledd).date\n"
                           "                                         and (date <= last(utredning_avslutad).date\n"
                           "                                           or not exists(utredning_avslutad)))\n"
                           "}\n");
}

TEST_CASE("format: mixed or/and breaks only the loosest operator") {
    const std::string in = "rule R {\n  requires " + std::string(50, 'a') + " and b or " + std::string(50, 'c') +
                           " and d\n}\n";
    CHECK(formatted(in) == "rule R {\n  requires " + std::string(50, 'a') + " and b\n        or " +
                               std::string(50, 'c') + " and d\n}\n");
}

TEST_CASE("format: a comment between operands keeps the chain broken") {
    const std::string in = "rule R {\n  requires a\n    and b # om b\n    and c\n}\n";
    CHECK(formatted(in) == "rule R {\n  requires a\n       and b # om b\n       and c\n}\n");
    const std::string standalone = "rule R {\n  requires a and\n  # om b\n  b and c\n}\n";
    CHECK(formatted(standalone) == "rule R {\n  requires a\n       # om b\n       and b\n       and c\n}\n");
    // A comment after an operator that ends its line stays with the operand.
    const std::string after_operator = "rule R {\n  requires a\n    and # om b\n    b\n}\n";
    CHECK(formatted(after_operator) == "rule R {\n  requires a\n       and b # om b\n}\n");
    CHECK(formatted(formatted(after_operator)) == formatted(after_operator));
    // On the first operand's line the comment ends the clause line.
    CHECK(formatted("rule R {\n  requires a and # om a\n    b and c\n}\n") ==
          "rule R {\n  requires a and b and c # om a\n}\n");
}

TEST_CASE("format: clauses in the fixed order, steps too") {
    const std::string in = R"(rule R { explain "e" requires x applies when y judged on first(a).date valid from 2020-01-01 severity high cite "c" question "q" }
process p { step s { cite "c" within 3 of t required when z after t event e } }
)";
    CHECK(formatted(in) == R"(rule R {
  question "q"
  cite "c"
  severity high
  valid from 2020-01-01
  judged on first(a).date
  applies when y
  requires x
  explain "e"
}

process p {
  step s {
    event e
    after t
    required when z
    within 3 of t
    cite "c"
  }
}
)");
}

TEST_CASE("format: one-line items stay together, blocks are separated") {
    const std::string in = "pack p\nuses \"a\"\nuses \"b\"\nparameter x = 1\n\n\nparameter y = true\noverride parameter z = "
                           "\"s\" because \"r\"\ndisable rule A because \"r\"\nrule B { requires x }\nparameter w = 2\n";
    CHECK(formatted(in) == "pack p\nuses \"a\"\nuses \"b\"\n\nparameter x = 1\nparameter y = true\noverride parameter z = "
                           "\"s\" because \"r\"\ndisable rule A because \"r\"\n\nrule B {\n  requires x\n}\n\n"
                           "parameter w = 2\n");
}

TEST_CASE("format: a comment heading a group of one-line items keeps its blank line") {
    const std::string in = "parameter a = 1\n\n# Tidsgränser\nparameter b = 2\n# utan tom rad\nparameter c = 3\n";
    CHECK(formatted(in) == in);
}

TEST_CASE("format: expressions keep the author's parentheses and days, == becomes =") {
    // The tree records that `a` was parenthesized, not how often.
    const std::string in =
        "rule R {\n  requires ((a)) == 1 and d - (e - 2) > 3 days and (x + 1) days >= 2024-02-29 and not not b\n}\n";
    CHECK(formatted(in) ==
          "rule R {\n  requires (a) = 1 and d - (e - 2) > 3 days and (x + 1) days >= 2024-02-29 and not not b\n}\n");
}

TEST_CASE("format: a tree not made by the parser gets the parentheses it needs") {
    auto name = [](const char* n) {
        auto e = std::make_unique<Expr>();
        e->node = NameRef{n};
        return e;
    };
    auto bin = [](BinaryOp op, ExprPtr l, ExprPtr r) {
        auto e = std::make_unique<Expr>();
        e->node = Binary{op, std::move(l), std::move(r)};
        return e;
    };
    RuleDecl rule;
    rule.id = "R";
    rule.requirement = bin(BinaryOp::And, bin(BinaryOp::Or, name("a"), name("b")),
                           bin(BinaryOp::Gt, bin(BinaryOp::Sub, name("c"), bin(BinaryOp::Sub, name("d"), name("e"))),
                               name("f")));
    File file;
    file.items.emplace_back(std::move(rule));
    CHECK(format(file, "") == "rule R {\n  requires (a or b) and c - (d - e) > f\n}\n");
}

TEST_CASE("format: empty files and files of comments only") {
    CHECK(formatted("") == "");
    CHECK(formatted("\n\n  \n") == "");
    CHECK(formatted("# bara\n\n\n# kommentarer   \n") == "# bara\n\n# kommentarer\n");
    CHECK(formatted("\xEF\xBB\xBFpack p # ett\n") == "pack p # ett\n");
}

TEST_CASE("format: several comments on what becomes one line are all kept") {
    const std::string in = "vocabulary {\n  event e { a: string, # ett\n    b: string } # två\n}\n";
    const std::string out = formatted(in);
    CHECK(out == "vocabulary {\n  # ett\n  event e { a: string, b: string } # två\n}\n");
    CHECK(formatted(out) == out);
}

TEST_CASE("comments_of: a # inside a string is not a comment") {
    CHECK(comments_of("rule R { question \"nr #1 \\\" # ej\" # ja  \n}\n# sist") ==
          std::vector<std::string>{"# ja", "# sist"});
}

TEST_CASE("check_formattable: a clause the AST holds once but the text gives twice") {
    auto blocked = [](const std::string& text) {
        Diagnostics diags;
        const File file = parsed(text);
        const bool ok = check_formattable(file, text, diags, Lang::En);
        CHECK(ok == diags.items.empty());
        return diags.items;
    };
    auto rule = blocked("rule R {\n  question \"a\"\n  question \"b\"\n  requires x\n}\n");
    REQUIRE(rule.size() == 1);
    CHECK(rule[0].pos.line == 3);
    CHECK(rule[0].message.find("more than once") != std::string::npos);

    auto step = blocked("process p {\n  step s {\n    event a\n    within 3\n    event b\n    within 4\n  }\n}\n");
    REQUIRE(step.size() == 2);
    CHECK(step[0].pos.line == 5);
    CHECK(step[1].pos.line == 6);

    auto pack = blocked("pack p\n  version \"1\"\n  version \"2\"\nparameter version = 1\n");
    REQUIRE(pack.size() == 1);
    CHECK(pack[0].pos.line == 3);

    CHECK(blocked("process p {\n  step s {\n    event a where exists(x where within > 1)\n    after q\n    after r\n  }\n}\n")
              .empty());
    CHECK(blocked(source_file("tests/data/fmt/messy.akt")).empty());
}

TEST_CASE("format: quantifiers on one line, or broken before has when too long") {
    const std::string head = "rule R-1 {\n  question \"?\"\n  cite \"c\"\n";
    const std::string one = head + "  requires every beslut as b where b.utfall = \"bifall\" has exists(vårdplan where date >= b.date)\n}\n";
    CHECK(formatted(one) == one);
    CHECK(formatted(head + "  requires   every beslut   as b  where b.utfall=\"bifall\"\n has exists( vårdplan where date>=b.date )\n}\n") == one);
    const std::string pairs = head +
                              "  requires every consecutive (placering, översyn) as föregående, nästa\n"
                              "           has nästa.date <= föregående.date + 183 days\n}\n";
    CHECK(formatted(pairs) == pairs);
    CHECK(formatted(formatted(pairs)) == formatted(pairs));
    // A quantifier before `and` keeps (or gets) its parentheses: `has` would take the rest.
    const std::string anded = head + "  requires (some beslut as b has b.date > start) and x\n}\n";
    CHECK(formatted(anded) == anded);
    CHECK(dump(parsed(formatted(pairs))) == dump(parsed(pairs)));
}

TEST_CASE("format: months, years, today, step states and conditional deadlines keep their canonical text", "[format][time]") {
    const std::string canonical = R"(process p {
  step a {
    event a
  }
  step b {
    event b
    after a
    within 4 months of a unless exists(f)
  }
  step c {
    event c
    after a
    within 1 year of a, or until first(f).till when exists(f)
  }
}

rule R-1 {
  question "?"
  cite "x"
  applies when first(a).date + 1 month - 2 years <= today
  requires not process p step b late
       and not process p step c not yet due
       and process p step b missing
}
)";
    CHECK(formatted(canonical) == canonical);
    // Spacing, line breaks and a comma-less extension are written the canonical way.
    const std::string messy = R"(process p { step a { event a } step b { event b after a
  within   4   months   of a   unless   exists( f ) }
  step c { event c after a within 1 year of a or until first(f).till when exists(f) } }
rule R-1 { question "?" cite "x"
  applies when first(a).date+1 month-2 years<=today
  requires not process p step b late and not process p step c not   yet   due and process p step b missing }
)";
    CHECK(formatted(messy) == canonical);
}

namespace {

// The shipped packs' rule files.
std::vector<std::string> shipped_rule_files() {
    std::vector<std::string> out;
    for (const char* pack : {"rules/missbruk", "rules/exempel-kommun", "rules/barn-unga", "rules/ragunda"})
        for (const auto& path : rule_files(std::string(AKTKOLL_SOURCE_DIR) + "/" + pack)) out.push_back(path);
    std::sort(out.begin(), out.end());
    return out;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("format: every shipped rule file formats to itself and again to the same, every comment kept") {
    const auto files = shipped_rule_files();
    REQUIRE(files.size() >= 7);
    for (const auto& path : files) {
        INFO(path);
        const std::string text = read_text(path);
        const std::string once = formatted(text);
        CHECK(once == text);  // the shipped packs are kept canonical
        CHECK(formatted(once) == once);
        CHECK(sorted_comments(once) == sorted_comments(text));
        CHECK(dump(parsed(once)) == dump(parsed(text)));
    }
}

TEST_CASE("format: comments inside a nested condition stay with their operand") {
    const std::string in = source_file("tests/data/fmt/nested-comments.akt");
    const std::string out = formatted(in);
    INFO(out);
    CHECK(out == source_file("tests/data/fmt/nested-comments.formatted.akt"));
    CHECK(formatted(out) == out);
    CHECK(sorted_comments(out) == sorted_comments(in));
    CHECK(dump(parsed(out)) == dump(parsed(in)));
}

TEST_CASE("comments_on: the group above a construct and the comments inside it") {
    const std::string text = "# filens rubrik\n\n# om R, rad 1\n#\n# rad 2\n\nrule R { # efter klammern\n"
                             "  # inne i regeln\n  requires x\n}\n# om S\nrule S {\n  requires y\n}\n";
    CHECK(comments_on(text, {"", 7, 1}) == std::vector<std::string>{"om R, rad 1", "", "rad 2", "inne i regeln"});
    CHECK(comments_on(text, {"", 12, 1}) == std::vector<std::string>{"om S"});
    CHECK(comments_on("rule T {\n  requires z\n}\n", {"", 1, 1}).empty());
}
