// Rule conditions in words, generated from their syntax trees: what `aktkoll
// doc` shows lawyers who read no code. Because the sentences are computed
// from the same trees the evaluator compiles, they cannot drift from the
// rules. Swedish by default, English with Lang::En.
#pragma once

#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "core/diagnostic.hpp"

namespace aktkoll::report {

// A condition in words: a sentence, or a lead-in followed by a list of
// conditions of which all (`and`) or at least one (`or`) must hold.
struct Prose {
    enum class List : uint8_t { None, All, Any, NotAll, NoneOf };
    std::string text;  // the sentence, or the lead-in of the list (may be empty)
    List list = List::None;
    std::vector<Prose> items;
};

// The words of a boolean condition, e.g. `exists(vårdplan where med_enskilde)`
// -> "det finns en vårdplan där med_enskilde är sant". Names are resolved with
// `pack` (parameters show their value in force: "14 dagar
// (utredning_inom_dagar)"); `pack` may be null, then a bare name is read as a
// case attribute. Nested `and`/`or` become lists.
Prose prose_of(const dsl::Expr& e, const dsl::CheckedPack* pack, Lang lang);

// A value in words (a noun phrase), e.g. `first(aktualisering).date` ->
// "datumet för första aktualisering".
std::string value_prose(const dsl::Expr& e, const dsl::CheckedPack* pack, Lang lang);

// The lead-in of a list: "alla följande gäller:", "det finns en X där något
// av följande gäller:" …; the text itself for a sentence.
std::string prose_lead(const Prose& p, Lang lang);

// The whole condition on one line: lists joined with "och"/"eller" inside
// parentheses where needed.
std::string prose_inline(const Prose& p, Lang lang);

// The values the conditions read that can be unknown, in words and in order
// of first appearance, without repeats: case attributes and event attributes
// ("skäl_dokumenterat för första utredning_inledd", "med_enskilde för
// vårdplan"). Event dates and the existence of events are always known;
// operands of `is known`/`is unknown` are never unknown to the rule.
std::vector<std::string> unknown_inputs(const std::vector<const dsl::Expr*>& conditions,
                                        const dsl::CheckedPack* pack, Lang lang);

// A literal as written in the rules: 14, 2025-07-01, "ASI", sant, ["ASI", "AUDIT"].
std::string literal_text(const dsl::Literal& l, Lang lang);

}  // namespace aktkoll::report
