// Rule files -> a ready RuleSet: parse, check, compile, in one call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

std::optional<RuleSet> load_rule_set(const std::vector<std::string>& paths,
                                     const std::vector<dsl::CommandLineParam>& overrides, dsl::Diagnostics& diags,
                                     dsl::SourceMap& sources, Lang lang);

// Hex SHA-256 of a file's bytes; empty when it cannot be read.
std::string sha256_file(const std::string& path);

}  // namespace aktkoll
