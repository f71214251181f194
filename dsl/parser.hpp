// text -> AST. One rule file at a time; a syntax error stops that file with
// one diagnostic at the point of failure.
#pragma once

#include <optional>
#include <string>

#include "dsl/ast.hpp"
#include "core/diagnostic.hpp"

namespace aktkoll::dsl {

// Limits that keep a hostile rule file from exhausting the machine.
inline constexpr size_t kMaxRuleFileBytes = 4u << 20;
inline constexpr size_t kMaxNesting = 100;

std::optional<File> parse(const std::string& path, const std::string& text, Diagnostics& diags, Lang lang);

// Column (1-based, in code points) of a byte offset within its line.
uint32_t column_of(const std::string& text, size_t byte_offset);

}  // namespace aktkoll::dsl
