// The cause behind a syntax error, when it is likelier than what the grammar
// says at the point of failure: a look-alike character pasted from a word
// processor (a no-break space, typographic quotes, a dash), or a bracket
// opened earlier and never closed. Rule authors are not programmers: the
// diagnostic names the character and where the bracket was opened.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/diagnostic.hpp"

namespace aktkoll::dsl {

// What the grammar wanted where it failed, as far as brackets go.
enum class Expected : uint8_t { Other, Close, CloseParen };  // Close: '}' (or a clause before it)

// A diagnostic for the cause of a syntax error at byte `at` of `text`, or
// nullopt when there is nothing better to say than the grammar's message.
std::optional<Diagnostic> syntax_cause(const std::string& path, const std::string& text, size_t at, Expected expected,
                                       Lang lang);

}  // namespace aktkoll::dsl
