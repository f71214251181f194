// Rule files -> a ready RuleSet: parse, check, compile, in one call.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/checker.hpp"
#include "engine/ruleset.hpp"
#include "core/sha256.hpp"

namespace aktkoll {

std::optional<RuleSet> load_rule_set(const std::vector<std::string>& paths,
                                     const std::vector<dsl::CommandLineParam>& overrides, dsl::Diagnostics& diags,
                                     dsl::SourceMap& sources, Lang lang);

}  // namespace aktkoll
