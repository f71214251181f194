// A checked and compiled rule set: what the evaluator runs and what reports
// describe. Immutable after load; shared read-only by all worker threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/date.hpp"
#include "core/schema.hpp"
#include "core/vocabulary.hpp"

namespace aktkoll {

// One version of a rule: the law of one period.
struct RuleVersionInfo {
    std::string question;
    std::vector<std::string> cites;
    RuleSeverity severity = RuleSeverity::Medium;
    std::optional<Date> valid_from, valid_until;
    std::string explain;  // parameters already substituted
    std::string file;     // where it is written, "rules/missbruk/utredning.akt:12"
};

struct RuleInfo {
    std::string id;
    std::string layer;  // pack that defines it
    std::vector<RuleVersionInfo> versions;  // ordered by valid_from
    bool disabled = false;                  // switched off by a layer
    std::string disabled_by, disabled_reason;
};

struct QuestionInfo {
    std::string number;
    std::string text;
    std::vector<int> rules;  // indices into RuleSet::rules()
    std::string layer;
    // A layer's `replace question`: which layer answers it now, why, and the
    // rules that answered it before (still rules, still in the results).
    std::string replaced_by{}, replace_reason{};
    std::vector<int> replaced_rules{};
};

struct ParamInfo {
    std::string name;
    std::string value;  // as written, e.g. "14"
    std::string description;
    std::string layer;            // where the value in force comes from
    std::string override_reason;  // when a layer or the command line overrode it
};

struct StepInfo {
    std::string name;
    std::string event_type;
    std::vector<int> after;  // indices of steps it follows
    std::optional<int> deadline_of;  // step the `within` counts from
    std::vector<std::string> cites;
    std::string layer{};            // the pack that added the step
    std::string deadline_layer{};   // a layer that added or changed the deadline, else empty
    std::string deadline_reason{};  // of a changed deadline (`override step … because`)
};

struct ProcessInfo {
    std::string name;
    std::vector<StepInfo> steps;
};

struct LayerInfo {
    std::string name, version, dir;
    std::vector<std::pair<std::string, std::string>> files;  // path, SHA-256
};

class CompiledRules;  // engine/compile.hpp: programs for the evaluator
namespace dsl {
struct CheckedPack;  // dsl/checker.hpp: the checked syntax trees, for renderings of the rules
}

class RuleSet {
public:
    std::string pack_name, pack_version, pack_title, template_name, template_title;
    std::vector<LayerInfo> layers;  // base first; the last is the pack named on the command line
    Schema schema;
    std::vector<RuleInfo> rules;
    std::vector<QuestionInfo> questions;  // the audit template, in order
    std::vector<ParamInfo> params;
    std::vector<ProcessInfo> processes;
    std::shared_ptr<const CompiledRules> compiled;
    std::shared_ptr<const dsl::CheckedPack> source;  // the rules as written (doc, coverage)

    int rule_index(const std::string& id) const;  // -1 when absent
};

}  // namespace aktkoll
