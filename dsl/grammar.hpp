// The grammar of .akt rule files, one struct per rule, in the order of the
// language reference (docs/language.md). Actions live in dsl/parser.cpp; this
// file only says what is valid text, and what to say where it is not.
#pragma once

#include <string_view>

#include <tao/pegtl.hpp>

#include "core/text.hpp"

namespace aktkoll::dsl::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;

// --- lexical -----------------------------------------------------------------

struct comment : seq<one<'#'>, until<eolf>> {};
struct ws : star<sor<ascii::space, comment>> {};
template <class R>
struct tok : seq<R, ws> {};

// Letters include Swedish and other Latin-1/Latin Extended-A letters.
struct ident_first : sor<ranges<'a', 'z', 'A', 'Z', '_'>, utf8::ranges<0xC0, 0xD6, 0xD8, 0xF6, 0xF8, 0x17F>> {};
struct ident_other : sor<ident_first, digit> {};
template <class S>
struct key : seq<S, not_at<ident_other>> {};

#define AKT_KEYWORD(NAME, TEXT) \
    struct NAME : tok<key<TAO_PEGTL_STRING(TEXT)>> {}
AKT_KEYWORD(kw_pack, "pack");
AKT_KEYWORD(kw_version, "version");
AKT_KEYWORD(kw_title, "title");
AKT_KEYWORD(kw_uses, "uses");
AKT_KEYWORD(kw_vocabulary, "vocabulary");
AKT_KEYWORD(kw_case, "case");
AKT_KEYWORD(kw_event, "event");
AKT_KEYWORD(kw_parameter, "parameter");
AKT_KEYWORD(kw_override, "override");
AKT_KEYWORD(kw_disable, "disable");
AKT_KEYWORD(kw_because, "because");
AKT_KEYWORD(kw_rule, "rule");
AKT_KEYWORD(kw_question, "question");
AKT_KEYWORD(kw_cite, "cite");
AKT_KEYWORD(kw_severity, "severity");
AKT_KEYWORD(kw_valid, "valid");
AKT_KEYWORD(kw_from, "from");
AKT_KEYWORD(kw_until, "until");
AKT_KEYWORD(kw_judged, "judged");
AKT_KEYWORD(kw_on, "on");
AKT_KEYWORD(kw_applies, "applies");
AKT_KEYWORD(kw_when, "when");
AKT_KEYWORD(kw_requires, "requires");
AKT_KEYWORD(kw_explain, "explain");
AKT_KEYWORD(kw_process, "process");
AKT_KEYWORD(kw_step, "step");
AKT_KEYWORD(kw_after, "after");
AKT_KEYWORD(kw_required, "required");
AKT_KEYWORD(kw_within, "within");
AKT_KEYWORD(kw_days, "days");
AKT_KEYWORD(kw_months, "months");
AKT_KEYWORD(kw_month, "month");
AKT_KEYWORD(kw_years, "years");
AKT_KEYWORD(kw_year, "year");
AKT_KEYWORD(kw_today, "today");
AKT_KEYWORD(kw_unless, "unless");
AKT_KEYWORD(kw_late, "late");
AKT_KEYWORD(kw_missing, "missing");
AKT_KEYWORD(kw_yet, "yet");
AKT_KEYWORD(kw_due, "due");
AKT_KEYWORD(kw_of, "of");
AKT_KEYWORD(kw_template, "template");
AKT_KEYWORD(kw_extend, "extend");
AKT_KEYWORD(kw_answered, "answered");
AKT_KEYWORD(kw_replace, "replace");
AKT_KEYWORD(kw_by, "by");
AKT_KEYWORD(kw_and, "and");
AKT_KEYWORD(kw_or, "or");
AKT_KEYWORD(kw_not, "not");
AKT_KEYWORD(kw_in, "in");
AKT_KEYWORD(kw_is, "is");
AKT_KEYWORD(kw_unknown, "unknown");
AKT_KEYWORD(kw_known, "known");
AKT_KEYWORD(kw_exists, "exists");
AKT_KEYWORD(kw_count, "count");
AKT_KEYWORD(kw_first, "first");
AKT_KEYWORD(kw_last, "last");
AKT_KEYWORD(kw_where, "where");
AKT_KEYWORD(kw_order, "order");
AKT_KEYWORD(kw_earliest, "earliest");
AKT_KEYWORD(kw_latest, "latest");
AKT_KEYWORD(kw_every, "every");
AKT_KEYWORD(kw_some, "some");
AKT_KEYWORD(kw_as, "as");
AKT_KEYWORD(kw_has, "has");
AKT_KEYWORD(kw_consecutive, "consecutive");
AKT_KEYWORD(kw_if, "if");
AKT_KEYWORD(kw_then, "then");
AKT_KEYWORD(kw_else, "else");
AKT_KEYWORD(kw_contains, "contains");
AKT_KEYWORD(kw_starts, "starts");
AKT_KEYWORD(kw_with, "with");
AKT_KEYWORD(kw_min, "min");
AKT_KEYWORD(kw_max, "max");
AKT_KEYWORD(kw_size, "size");
AKT_KEYWORD(kw_age, "age");
AKT_KEYWORD(kw_at, "at");
#undef AKT_KEYWORD

struct lbrace : tok<one<'{'>> {};
struct rbrace : tok<one<'}'>> {};
struct lparen : tok<one<'('>> {};
struct rparen : tok<one<')'>> {};
struct lbracket : tok<one<'['>> {};
struct rbracket : tok<one<']'>> {};
struct comma : tok<one<','>> {};
struct colon : tok<one<':'>> {};
struct bar : tok<one<'|'>> {};
struct dot : tok<one<'.'>> {};
struct equals : tok<one<'='>> {};

// Words that cannot be names in expressions.
struct reserved : key<sor<TAO_PEGTL_STRING("and"), TAO_PEGTL_STRING("or"), TAO_PEGTL_STRING("not"),
                          TAO_PEGTL_STRING("in"), TAO_PEGTL_STRING("is"), TAO_PEGTL_STRING("unknown"),
                          TAO_PEGTL_STRING("known"), TAO_PEGTL_STRING("exists"), TAO_PEGTL_STRING("count"),
                          TAO_PEGTL_STRING("first"), TAO_PEGTL_STRING("last"), TAO_PEGTL_STRING("true"),
                          TAO_PEGTL_STRING("false"), TAO_PEGTL_STRING("days"), TAO_PEGTL_STRING("months"),
                          TAO_PEGTL_STRING("month"), TAO_PEGTL_STRING("years"), TAO_PEGTL_STRING("year"),
                          TAO_PEGTL_STRING("today"), TAO_PEGTL_STRING("where"),
                          TAO_PEGTL_STRING("of"), TAO_PEGTL_STRING("process"),
                          TAO_PEGTL_STRING("earliest"), TAO_PEGTL_STRING("latest"), TAO_PEGTL_STRING("every"),
                          TAO_PEGTL_STRING("some"), TAO_PEGTL_STRING("as"), TAO_PEGTL_STRING("has"),
                          TAO_PEGTL_STRING("consecutive"), TAO_PEGTL_STRING("if"), TAO_PEGTL_STRING("then"),
                          TAO_PEGTL_STRING("else")>> {};

struct name_text : seq<ident_first, star<ident_other>> {};
struct name : tok<seq<not_at<reserved>, name_text>> {};
// Rule ids such as UTR-1, SIP-2a, LOK.VP-1.
struct rule_id_text : seq<ident_other, star<sor<ident_other, one<'-', '.'>>>> {};
struct rule_id : tok<rule_id_text> {};

struct escape : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
struct string_body : star<string_char> {};
struct string_close : one<'"'> {};
struct string_lit : tok<seq<one<'"'>, string_body, must<string_close>>> {};

struct date_lit : tok<seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>, not_at<ident_other>>> {};
struct int_lit : tok<seq<opt<one<'-'>>, plus<digit>, not_at<ident_other>>> {};
struct true_lit : tok<key<TAO_PEGTL_STRING("true")>> {};
struct false_lit : tok<key<TAO_PEGTL_STRING("false")>> {};
struct list_item : sor<string_lit, int_lit> {};
struct list_lit : seq<lbracket, opt<list_item, star<comma, must<list_item>>>, must<rbracket>> {};
struct literal : sor<date_lit, int_lit, string_lit, true_lit, false_lit, list_lit> {};

// --- expressions -------------------------------------------------------------

struct expr;
struct where_clause : seq<kw_where, must<expr>> {};
struct event_selector : seq<name, opt<where_clause>> {};
struct exists_query : seq<kw_exists, must<lparen>, must<event_selector>, must<rparen>> {};
struct count_query : seq<kw_count, must<lparen>, must<event_selector>, must<rparen>> {};
struct attr_name : tok<name_text> {};  // after '.', any attribute name (also `date`)
struct first_query : seq<kw_first, must<lparen>, must<event_selector>, must<rparen>, must<dot>, must<attr_name>> {};
struct last_query : seq<kw_last, must<lparen>, must<event_selector>, must<rparen>, must<dot>, must<attr_name>> {};
// `process P in order`, or the state of one step: `process P step S late`.
struct in_order_tail : seq<kw_in, must<kw_order>> {};
struct state_late : kw_late {};
struct state_missing : kw_missing {};
struct yet_due : seq<kw_yet, kw_due> {};
struct state_not_yet_due : seq<kw_not, must<yet_due>> {};
struct step_state : sor<state_late, state_missing, state_not_yet_due> {};
struct step_state_tail : seq<kw_step, must<name>, must<step_state>> {};
struct process_tail : sor<in_order_tail, step_state_tail> {};
struct process_order : seq<kw_process, must<name>, must<process_tail>> {};
struct today_lit : kw_today {};
struct paren_expr : seq<lparen, must<expr>, must<rparen>> {};
// earliest(a, b) / latest(a, b): the earlier / later of two dates.
struct earliest_call : seq<kw_earliest, must<lparen>, must<expr>, must<comma>, must<expr>, must<rparen>> {};
struct latest_call : seq<kw_latest, must<lparen>, must<expr>, must<comma>, must<expr>, must<rparen>> {};
// `every beslut as b [where …] has …`, `some …`, `every consecutive (placering, översyn) as a, b has …`.
struct quant_every : kw_every {};
struct quant_some : kw_some {};
struct quant_type : name {};
struct binding_name : name {};
struct as_binding : seq<kw_as, must<binding_name>> {};
struct single_head : seq<quant_type, must<as_binding>, opt<where_clause>> {};
// Without inner must<>: any slip in the parentheses or the names is AK0112.
struct pair_types : seq<lparen, quant_type, star<comma, quant_type>, rparen> {};
struct pair_bindings : seq<kw_as, binding_name, comma, binding_name> {};
struct consecutive_head : seq<kw_consecutive, must<pair_types>, must<pair_bindings>> {};
struct quant_head : sor<consecutive_head, single_head> {};
struct has_body : seq<kw_has, must<expr>> {};
struct quantifier : seq<sor<quant_every, quant_some>, must<quant_head>, must<has_body>> {};
// `b.date`: an attribute of the event bound to `b`.
struct bound_name : name {};
struct bound_attr : seq<bound_name, dot, must<attr_name>> {};
// min(a, b, …) / max(a, b, …) / size(list); `min`, `max`, `size` and `age`
// stay usable as names where no '(' (or `at`) follows.
struct call_args : seq<must<expr>, star<comma, must<expr>>, must<rparen>> {};
struct min_call : seq<kw_min, lparen, call_args> {};
struct max_call : seq<kw_max, lparen, call_args> {};
struct size_call : seq<kw_size, lparen, must<expr>, must<rparen>> {};
struct unit_expr;
struct age_at : seq<kw_age, kw_at, must<unit_expr>> {};
// if c then a else b: the else branch reaches as far as an expression can.
struct if_then : seq<kw_then, must<expr>> {};
struct if_else : seq<kw_else, must<expr>> {};
struct if_expr : seq<kw_if, must<expr>, must<if_then>, must<if_else>> {};
struct primary : sor<paren_expr, exists_query, count_query, first_query, last_query, earliest_call, latest_call, process_order,
                     quantifier, if_expr, min_call, max_call, size_call, age_at, today_lit, literal, bound_attr, name> {};
struct days_suffix : kw_days {};
struct months_suffix : sor<kw_months, kw_month> {};
struct years_suffix : sor<kw_years, kw_year> {};
struct unit_expr : seq<primary, opt<sor<days_suffix, months_suffix, years_suffix>>> {};
struct op_mul : tok<one<'*'>> {};
struct multiplicative_tail : seq<op_mul, must<unit_expr>> {};
struct multiplicative : seq<unit_expr, star<multiplicative_tail>> {};
struct op_add : tok<one<'+'>> {};
struct op_sub : tok<one<'-'>> {};
struct additive_tail : seq<sor<op_add, op_sub>, must<multiplicative>> {};
struct additive : seq<multiplicative, star<additive_tail>> {};
struct op_le : tok<string<'<', '='>> {};
struct op_ge : tok<string<'>', '='>> {};
struct op_ne : tok<string<'!', '='>> {};
struct op_lt : tok<one<'<'>> {};
struct op_gt : tok<one<'>'>> {};
struct op_eq : tok<sor<string<'=', '='>, one<'='>>> {};
struct compare_op : sor<op_le, op_ge, op_ne, op_lt, op_gt, op_eq> {};
struct compare_tail : seq<compare_op, must<additive>> {};
struct in_list : sor<list_lit, name> {};
struct in_tail : seq<kw_in, must<in_list>> {};
struct contains_tail : seq<kw_contains, must<additive>> {};
struct starts_tail : seq<kw_starts, must<kw_with>, must<additive>> {};
struct is_known : kw_known {};
struct is_unknown : kw_unknown {};
struct is_what : sor<is_known, is_unknown> {};
struct is_tail : seq<kw_is, must<is_what>> {};
struct comparison : seq<additive, opt<sor<compare_tail, in_tail, is_tail, contains_tail, starts_tail>>> {};
struct not_expr;
struct negation : seq<kw_not, must<not_expr>> {};
struct not_expr : sor<negation, comparison> {};
struct and_tail : seq<kw_and, must<not_expr>> {};
struct and_expr : seq<not_expr, star<and_tail>> {};
struct or_tail : seq<kw_or, must<and_expr>> {};
struct or_expr : seq<and_expr, star<or_tail>> {};
struct expr : or_expr {};

// --- declarations --------------------------------------------------------------

struct pack_version : seq<kw_version, must<string_lit>> {};
struct pack_title : seq<kw_title, must<string_lit>> {};
struct pack_name : tok<rule_id_text> {};
struct pack_decl : seq<kw_pack, must<pack_name>, star<sor<pack_version, pack_title>>> {};
struct uses_decl : seq<kw_uses, must<string_lit>> {};

struct type_string : tok<key<TAO_PEGTL_STRING("string")>> {};
struct type_integer : tok<key<TAO_PEGTL_STRING("integer")>> {};
struct type_boolean : tok<key<TAO_PEGTL_STRING("boolean")>> {};
struct type_date : tok<key<TAO_PEGTL_STRING("date")>> {};
struct type_list : tok<key<TAO_PEGTL_STRING("list")>> {};
struct enum_value : tok<name_text> {};
struct type_enum : seq<enum_value, star<bar, must<enum_value>>> {};
struct attr_type : sor<type_string, type_integer, type_boolean, type_date, type_list, type_enum> {};
struct attr_decl : seq<attr_name, must<colon>, must<attr_type>> {};
struct case_attr_decl : seq<kw_case, must<attr_name>, must<colon>, must<attr_type>> {};
struct event_attrs : seq<lbrace, opt<attr_decl, star<comma, must<attr_decl>>>, must<rbrace>> {};
// `event beslut "ett beslut" { … }`: the optional label is how documents
// name one such event in Swedish, article included.
struct event_decl : seq<kw_event, must<name>, opt<string_lit>, opt<event_attrs>> {};
struct vocabulary_close : rbrace {};
struct vocabulary : seq<kw_vocabulary, must<lbrace>, star<sor<case_attr_decl, event_decl>>, must<vocabulary_close>> {};
// A layer adds attributes to an event type of the packs it builds on.
struct extend_event_attrs : seq<must<lbrace>, must<attr_decl>, star<comma, must<attr_decl>>, must<rbrace>> {};
struct extend_event : seq<kw_extend, kw_event, must<name>, extend_event_attrs> {};

struct param_description : string_lit {};
struct parameter : seq<kw_parameter, must<name>, must<equals>, must<literal>, opt<param_description>> {};
struct override_parameter : seq<kw_override, must<kw_parameter>, must<name>, must<equals>, must<literal>,
                                 must<kw_because>, must<string_lit>> {};
struct disable_rule : seq<kw_disable, must<kw_rule>, must<rule_id>, must<kw_because>, must<string_lit>> {};

struct severity_high : tok<key<TAO_PEGTL_STRING("high")>> {};
struct severity_medium : tok<key<TAO_PEGTL_STRING("medium")>> {};
struct severity_low : tok<key<TAO_PEGTL_STRING("low")>> {};
struct severity_level : sor<severity_high, severity_medium, severity_low> {};

struct question_clause : seq<kw_question, must<string_lit>> {};
struct cite_clause : seq<kw_cite, must<string_lit>> {};
struct severity_clause : seq<kw_severity, must<severity_level>> {};
struct valid_until : seq<kw_until, must<date_lit>> {};
struct valid_clause : seq<kw_valid, must<kw_from>, must<date_lit>, opt<valid_until>> {};
struct judged_clause : seq<kw_judged, must<kw_on>, must<expr>> {};
struct applies_clause : seq<kw_applies, must<kw_when>, must<expr>> {};
struct requires_clause : seq<kw_requires, must<expr>> {};
struct explain_clause : seq<kw_explain, must<string_lit>> {};
struct rule_clause : sor<question_clause, cite_clause, severity_clause, valid_clause, judged_clause, applies_clause,
                         requires_clause, explain_clause> {};
struct rule_close : rbrace {};
struct rule_decl : seq<kw_rule, must<rule_id>, must<lbrace>, star<rule_clause>, must<rule_close>> {};

struct step_event : seq<kw_event, must<name>, opt<where_clause>> {};
struct step_after : seq<kw_after, must<name>, star<comma, must<name>>> {};
struct step_required : seq<kw_required, must<kw_when>, must<expr>> {};
struct within_of : seq<kw_of, must<name>> {};
// A deadline an extension lifts (`unless C`) or moves (`, or until D when C`).
struct within_unless : seq<kw_unless, must<expr>> {};
struct extension_until : kw_until {};
struct extension_when : kw_when {};
struct within_extended : seq<opt<comma>, kw_or, must<extension_until>, must<additive>, must<extension_when>, must<expr>> {};
struct step_within : seq<kw_within, must<additive>, opt<within_of>, opt<sor<within_unless, within_extended>>> {};
struct step_clause : sor<step_event, step_after, step_required, step_within, cite_clause> {};
struct step_close : rbrace {};
struct step_decl : seq<kw_step, must<name>, must<lbrace>, star<step_clause>, must<step_close>> {};
struct process_close : rbrace {};
struct process_decl : seq<kw_process, must<name>, must<lbrace>, star<step_decl>, must<process_close>> {};
// A layer's amendments of a process of the packs it builds on: new steps, a
// deadline for a step that has none, an explicit change of a deadline.
struct amend_within : step_within {};
struct amend_close : rbrace {};
struct amend_body : seq<must<lbrace>, must<amend_within>, star<cite_clause>, must<amend_close>> {};
struct extend_step : seq<kw_extend, must<kw_step>, must<name>, amend_body> {};
struct override_step : seq<kw_override, must<kw_step>, must<name>, amend_body, must<kw_because>, must<string_lit>> {};
struct extend_process_close : rbrace {};
struct extend_process : seq<kw_extend, kw_process, must<name>, must<lbrace>, star<sor<step_decl, extend_step, override_step>>,
                            must<extend_process_close>> {};

struct question_number : tok<rule_id_text> {};
struct answered_by : seq<kw_answered, must<kw_by>> {};
struct question_decl : seq<kw_question, must<question_number>, must<string_lit>, must<answered_by>, must<rule_id>,
                           star<comma, must<rule_id>>> {};
// A layer answers a question of the template with its own rules, saying why.
struct replace_question : seq<kw_replace, must<kw_question>, must<question_number>, must<answered_by>, must<rule_id>,
                              star<comma, must<rule_id>>, must<kw_because>, must<string_lit>> {};
struct template_title : string_lit {};
struct template_close : rbrace {};
struct template_body : seq<must<lbrace>, star<sor<question_decl, replace_question>>, must<template_close>> {};
struct template_decl : seq<kw_template, must<name>, opt<template_title>, template_body> {};
struct extend_template : seq<kw_extend, must<kw_template>, must<name>, template_body> {};

struct item : sor<pack_decl, uses_decl, vocabulary, extend_event, parameter, override_parameter, disable_rule, rule_decl,
                  process_decl, template_decl, extend_process, extend_template> {};
struct end_of_file : eof {};
struct file : seq<opt<utf8::bom>, ws, star<item>, must<end_of_file>> {};

// --- what to say where the text is not valid (Swedish, English) ---------------
// Said where a must<> fails (dsl/parser.cpp raises it); a rule without a
// message backtracks.

template <class Rule>
inline constexpr Text message{};
// The diagnostic code of a message; null: the general syntax error.
template <class Rule>
inline constexpr const char* message_code = nullptr;

#define AKT_MESSAGE(RULE, TEXT) \
    template <>                 \
    inline constexpr Text message<RULE> = TEXT
AKT_MESSAGE(string_close, (Text{"strängen saknar avslutande citattecken", "the string has no closing quote"}));
AKT_MESSAGE(string_lit, (Text{"förväntade en text inom citattecken", "expected a text in double quotes"}));
AKT_MESSAGE(lparen, (Text{"förväntade '('", "expected '('"}));
AKT_MESSAGE(rparen, (Text{"förväntade ')'", "expected ')'"}));
AKT_MESSAGE(comma, (Text{"förväntade ','", "expected ','"}));
AKT_MESSAGE(lbrace, (Text{"förväntade '{'", "expected '{'"}));
AKT_MESSAGE(rbrace, (Text{"förväntade '}'", "expected '}'"}));
AKT_MESSAGE(rbracket, (Text{"förväntade ']' eller ','", "expected ']' or ','"}));
AKT_MESSAGE(dot, (Text{"förväntade '.' och ett attribut, t.ex. first(beslut).date", "expected '.' and an attribute, e.g. first(beslut).date"}));
AKT_MESSAGE(colon, (Text{"förväntade ':' och en typ", "expected ':' and a type"}));
AKT_MESSAGE(equals, (Text{"förväntade '='", "expected '='"}));
AKT_MESSAGE(name, (Text{"förväntade ett namn", "expected a name"}));
AKT_MESSAGE(attr_name, (Text{"förväntade ett attributnamn", "expected an attribute name"}));
AKT_MESSAGE(event_selector, (Text{"förväntade en händelsetyp", "expected an event type"}));
AKT_MESSAGE(expr, (Text{"förväntade ett uttryck", "expected an expression"}));
AKT_MESSAGE(not_expr, (Text{"förväntade ett uttryck", "expected an expression"}));
AKT_MESSAGE(and_expr, (Text{"förväntade ett uttryck", "expected an expression"}));
AKT_MESSAGE(unit_expr, (Text{"förväntade ett värde efter operatorn", "expected a value after the operator"}));
AKT_MESSAGE(additive, (Text{"förväntade ett värde att jämföra med", "expected a value to compare with"}));
AKT_MESSAGE(list_lit, (Text{"förväntade en lista, t.ex. [\"ASI\", \"AUDIT\"]", "expected a list, e.g. [\"ASI\", \"AUDIT\"]"}));
AKT_MESSAGE(list_item, (Text{"förväntade en text eller ett heltal i listan", "expected a text or an integer in the list"}));
AKT_MESSAGE(is_what, (Text{"förväntade 'known' eller 'unknown' efter 'is'", "expected 'known' or 'unknown' after 'is'"}));
AKT_MESSAGE(in_list, (Text{"förväntade en lista, t.ex. [\"ASI\", \"AUDIT\"], eller namnet på en listparameter", "expected a list, e.g. [\"ASI\", \"AUDIT\"], or the name of a list parameter"}));
AKT_MESSAGE(multiplicative, (Text{"förväntade ett värde efter operatorn", "expected a value after the operator"}));
AKT_MESSAGE(if_then, (Text{"förväntade 'then' efter villkoret i 'if'", "expected 'then' after the condition of 'if'"}));
AKT_MESSAGE(if_else, (Text{"förväntade 'else': ett 'if' ger alltid ett värde", "expected 'else': an 'if' always gives a value"}));
AKT_MESSAGE(kw_with, (Text{"förväntade 'with' (starts with \"…\")", "expected 'with' (starts with \"…\")"}));
AKT_MESSAGE(kw_in, (Text{"förväntade 'in order'", "expected 'in order'"}));
AKT_MESSAGE(process_tail, (Text{"förväntade 'in order' eller 'step STEG late|missing|not yet due'", "expected 'in order' or 'step STEP late|missing|not yet due'"}));
AKT_MESSAGE(step_state, (Text{"förväntade stegets läge: late, missing eller not yet due", "expected the step's state: late, missing or not yet due"}));
AKT_MESSAGE(yet_due, (Text{"förväntade 'yet due' (not yet due)", "expected 'yet due' (not yet due)"}));
AKT_MESSAGE(extension_until, (Text{"förväntade 'until DATUM when VILLKOR' efter 'or' i within", "expected 'until DATE when CONDITION' after 'or' in within"}));
AKT_MESSAGE(extension_when, (Text{"förväntade 'when VILLKOR': när den förlängda fristen gäller", "expected 'when CONDITION': when the extended deadline applies"}));
AKT_MESSAGE(kw_order, (Text{"förväntade 'order'", "expected 'order'"}));
AKT_MESSAGE(pack_name, (Text{"förväntade paketets namn", "expected the pack's name"}));
AKT_MESSAGE(attr_type, (Text{"förväntade en typ: string, integer, boolean, date, list eller värden som a | b", "expected a type: string, integer, boolean, date, list or values such as a | b"}));
AKT_MESSAGE(attr_decl, (Text{"förväntade ett attribut, t.ex. utfall: bifall | avslag", "expected an attribute, e.g. utfall: bifall | avslag"}));
AKT_MESSAGE(enum_value, (Text{"förväntade ett värde efter '|'", "expected a value after '|'"}));
AKT_MESSAGE(vocabulary_close, (Text{"förväntade 'case', 'event' eller '}' i vocabulary", "expected 'case', 'event' or '}' in vocabulary"}));
AKT_MESSAGE(literal, (Text{"förväntade ett värde: heltal, datum (ÅÅÅÅ-MM-DD), text, true eller false", "expected a value: integer, date (YYYY-MM-DD), text, true or false"}));
AKT_MESSAGE(kw_parameter, (Text{"förväntade 'parameter'", "expected 'parameter'"}));
AKT_MESSAGE(kw_because, (Text{"förväntade 'because' och ett skäl inom citattecken", "expected 'because' and a reason in double quotes"}));
AKT_MESSAGE(kw_rule, (Text{"förväntade 'rule'", "expected 'rule'"}));
AKT_MESSAGE(kw_template, (Text{"förväntade 'template', 'event' eller 'process' efter 'extend'", "expected 'template', 'event' or 'process' after 'extend'"}));
AKT_MESSAGE(kw_step, (Text{"förväntade 'step'", "expected 'step'"}));
AKT_MESSAGE(kw_question, (Text{"förväntade 'question'", "expected 'question'"}));
AKT_MESSAGE(amend_within, (Text{"förväntade 'within' och en tidsgräns, t.ex. within 7 days of beviljat_beslut", "expected 'within' and a deadline, e.g. within 7 days of beviljat_beslut"}));
AKT_MESSAGE(amend_close, (Text{"förväntade 'cite' eller '}'", "expected 'cite' or '}'"}));
AKT_MESSAGE(extend_process_close, (Text{"förväntade 'step', 'extend step', 'override step' eller '}'", "expected 'step', 'extend step', 'override step' or '}'"}));
AKT_MESSAGE(rule_id, (Text{"förväntade ett regel-id, t.ex. UTR-1", "expected a rule id, e.g. UTR-1"}));
AKT_MESSAGE(date_lit, (Text{"förväntade ett datum ÅÅÅÅ-MM-DD", "expected a date YYYY-MM-DD"}));
AKT_MESSAGE(kw_from, (Text{"förväntade 'from' och ett datum", "expected 'from' and a date"}));
AKT_MESSAGE(kw_on, (Text{"förväntade 'on' (judged on ...)", "expected 'on' (judged on ...)"}));
AKT_MESSAGE(kw_when, (Text{"förväntade 'when'", "expected 'when'"}));
AKT_MESSAGE(kw_by, (Text{"förväntade 'by' (answered by ...)", "expected 'by' (answered by ...)"}));
AKT_MESSAGE(severity_level, (Text{"förväntade high, medium eller low", "expected high, medium or low"}));
AKT_MESSAGE(rule_close, (Text{"förväntade en klausul (question, cite, severity, valid, judged on, applies when, requires, explain) eller '}'", "expected a clause (question, cite, severity, valid, judged on, applies when, requires, explain) or '}'"}));
AKT_MESSAGE(step_close, (Text{"förväntade en klausul (event, after, required when, within, cite) eller '}'", "expected a clause (event, after, required when, within, cite) or '}'"}));
AKT_MESSAGE(process_close, (Text{"förväntade 'step' eller '}'", "expected 'step' or '}'"}));
AKT_MESSAGE(template_close, (Text{"förväntade 'question', 'replace question' eller '}'", "expected 'question', 'replace question' or '}'"}));
AKT_MESSAGE(question_number, (Text{"förväntade frågans nummer", "expected the question's number"}));
AKT_MESSAGE(answered_by, (Text{"förväntade 'answered by' och regel-id", "expected 'answered by' and rule ids"}));
AKT_MESSAGE(end_of_file, (Text{"förväntade en deklaration (pack, uses, vocabulary, parameter, override, disable, rule, process, template, extend)", "expected a declaration (pack, uses, vocabulary, parameter, override, disable, rule, process, template, extend)"}));
// The quantifier has codes of its own: its mistakes are specific and documented one by one.
#define AKT_CODED_MESSAGE(RULE, CODE, TEXT)                 \
    template <>                                             \
    inline constexpr Text message<RULE> = TEXT;             \
    template <>                                             \
    inline constexpr const char* message_code<RULE> = CODE
AKT_CODED_MESSAGE(as_binding, "AK0110", (Text{"förväntade 'as' och ett namn efter händelsetypen, t.ex. every beslut as b has …", "expected 'as' and a name after the event type, e.g. every beslut as b has …"}));
AKT_CODED_MESSAGE(has_body, "AK0111", (Text{"förväntade 'has' och ett villkor, t.ex. every beslut as b has exists(vårdplan where date >= b.date)", "expected 'has' and a condition, e.g. every beslut as b has exists(vårdplan where date >= b.date)"}));
inline constexpr const char* kConsecutiveSyntax = "AK0112";
AKT_CODED_MESSAGE(pair_types, kConsecutiveSyntax, (Text{"förväntade händelsetyper inom parentes, t.ex. every consecutive (placering, översyn) as a, b has …", "expected event types in parentheses, e.g. every consecutive (placering, översyn) as a, b has …"}));
AKT_CODED_MESSAGE(pair_bindings, kConsecutiveSyntax, (Text{"förväntade 'as' och två namn, t.ex. every consecutive (placering, översyn) as a, b has …", "expected 'as' and two names, e.g. every consecutive (placering, översyn) as a, b has …"}));
AKT_CODED_MESSAGE(quant_head, "AK0113", (Text{"förväntade en händelsetyp eller 'consecutive' efter every/some, t.ex. every beslut as b has …", "expected an event type or 'consecutive' after every/some, e.g. every beslut as b has …"}));
AKT_CODED_MESSAGE(binding_name, "AK0114", (Text{"förväntade ett namn att binda händelsen till (inte ett nyckelord), t.ex. b", "expected a name to bind the event to (not a keyword), e.g. b"}));
#undef AKT_CODED_MESSAGE
#undef AKT_MESSAGE

// The diagnostic code of a message when a construct has its own; null: the
// general syntax error (AK0101, dsl/parser.cpp).
template <class Rule>
inline constexpr const char* code = nullptr;
template <>
inline constexpr const char* code<process_tail> = "AK0120";
template <>
inline constexpr const char* code<step_state> = "AK0121";
template <>
inline constexpr const char* code<extension_until> = "AK0122";
template <>
inline constexpr const char* code<extension_when> = "AK0123";
template <>
inline constexpr const char* code<yet_due> = "AK0124";

// The words a construct expects, for the did-you-mean hint; empty: any keyword.
template <class Rule>
inline constexpr std::string_view words{};
template <>
inline constexpr std::string_view words<process_tail> = "in step";
template <>
inline constexpr std::string_view words<step_state> = "late missing not";
template <>
inline constexpr std::string_view words<extension_until> = "until";
template <>
inline constexpr std::string_view words<extension_when> = "when";
template <>
inline constexpr std::string_view words<yet_due> = "yet";

}  // namespace aktkoll::dsl::grammar
