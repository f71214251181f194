// The canonical layout of rule files (`aktkoll fmt`): one way to write every
// construct, with the author's comments kept next to what they describe.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "dsl/ast.hpp"
#include "core/diagnostic.hpp"

namespace aktkoll::dsl {

// A clause line longer than this has its top-level `and`/`or` chain broken,
// one operand per line.
inline constexpr size_t kFormatWidth = 100;

// The canonical text of `file`, which was parsed from `source_text`. The
// comments of `source_text` are carried over: a comment on its own line goes
// before the construct that starts after it, a comment after code stays at
// the end of that construct's line, comments after the last item end the
// file. The result ends with a newline (or is empty for an empty file).
std::string format(const File& file, const std::string& source_text);

// An expression on one line in canonical form, e.g. for traces and reports.
std::string expression_text(const Expr& e);
// A literal as written in the language (strings quoted and escaped).
std::string literal_text(const Literal& lit);
// A step state as written after `process P step S`: "late", "missing", "not yet due".
const char* step_state_keyword(StepState s);

// format() writes each clause once, as the AST holds it. A clause given twice
// in the source (a rule's `question`, a step's `event`, a pack's `version`)
// keeps only one value in the AST, so formatting would drop text. Reports
// each such clause as an error; true when the file can be formatted safely.
bool check_formattable(const File& file, const std::string& source_text, Diagnostics& diags, Lang lang);

// The comments of a source text (`# …` outside strings, up to the end of the
// line, without trailing white space), in source order.
std::vector<std::string> comments_of(const std::string& source_text);

// The author's comments on the construct that starts at `start` (a rule, a
// step): the last group of consecutive comment lines between the code before
// it and `start` (blank lines may separate that group from `start`), then the
// comment lines inside its `{ … }`. Each without `#` and the space after it;
// an empty string where the author left a `#` line empty.
std::vector<std::string> comments_on(const std::string& source_text, const SourcePos& start);

}  // namespace aktkoll::dsl
