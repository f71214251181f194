// The rule pack as a document for lawyers who read no code (`aktkoll doc`):
// per template question and per rule the question, citations with their
// periods of law, when the rule applies, what it requires, when it is Et and
// EB, severity and explanation — the conditions in words generated from the
// syntax trees (report/prose.hpp), so the document cannot drift from the
// rules — and the parameters with their layers, disabled rules, the process
// steps and the pack's worked examples.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "authoring/pack_tests.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll::report {

enum class DocFormat { Markdown, Html };

struct DocOptions {
    DocFormat format = DocFormat::Markdown;
    Lang lang = Lang::Sv;
    std::string aktkoll_version;
};

// `rules.source` must be set (every rule set from load_rule_set has it).
// `examples` are shown under the rules they expect an outcome of.
void write_doc(std::ostream& out, const RuleSet& rules, const std::vector<PackTest>& examples, const DocOptions& opt);

}  // namespace aktkoll::report
