// AST -> checked pack: names resolved against the vocabulary, types checked,
// rule versions and layers validated. Everything a rule author can get wrong
// is reported here, before any case is read.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "dsl/ast.hpp"
#include "core/diagnostic.hpp"
#include "core/schema.hpp"

namespace aktkoll::dsl {

enum class TypeKind : uint8_t { Bool, Int, Date, String, Enum, List, Error };

struct Type {
    TypeKind kind = TypeKind::Error;
    const std::vector<std::string>* enum_values = nullptr;  // Enum
};

enum class NameKind : uint8_t { CaseAttr, EventAttr, EventDate, Param };

// Quantifiers nest at most this deep (each binds one or two names).
inline constexpr size_t kMaxBindings = 8;

// What a name or a query's attribute refers to.
struct Resolution {
    NameKind kind = NameKind::CaseAttr;
    int slot = -1;        // case or event attribute slot, or parameter index
    int event_type = -1;  // event type of an EventAttr/EventDate
    int binding = -1;     // `b.x`: the depth of the binding of b (0 = outermost), else -1
};

struct SourceFile {
    std::string path;
    std::string text;
    File ast;
};

struct PackLayer {
    std::string name, version, title, dir;
    std::vector<SourceFile> files;
};

struct CheckedParam {
    const ParamDecl* decl = nullptr;
    int layer = 0;          // where it is declared
    Literal value;          // the value in force
    int value_layer = 0;    // where that value comes from; layers.size() = command line
    std::string reason;     // of the override, when any
    TypeKind type = TypeKind::Int;
};

struct CheckedRule {
    std::string id;
    int layer = 0;
    std::vector<const RuleDecl*> versions;  // ordered by valid_from
    bool disabled = false;
    int disabled_by = -1;
    std::string disabled_reason;
};

struct CheckedStep {
    const StepDecl* decl = nullptr;
    int layer = 0;  // the layer that added the step (a layer's `extend process`)
    int event_type = -1;
    std::vector<int> after;
    const Expr* within = nullptr;  // the deadline in force: the step's own or a layer's
    int within_of = -1;
    const Expr* within_unless = nullptr;   // its `unless C`
    const Expr* extended_until = nullptr;  // its `, or until D when C`
    const Expr* extended_when = nullptr;
    int within_layer = -1;         // the layer that added or changed the deadline, -1 = the step's own
    std::string within_reason;     // of an `override step`
    std::vector<const TextAt*> cites;  // the step's and those its deadline's amendment adds
};

struct CheckedProcess {
    const ProcessDecl* decl = nullptr;
    int layer = 0;
    std::vector<CheckedStep> steps;
};

struct CheckedQuestion {
    const QuestionDecl* decl = nullptr;
    int layer = 0;
    std::vector<int> rules;
    // A layer's `replace question`: the layer, its reason, the rules that
    // answered the question before (they are still rules, and still evaluated).
    const QuestionDecl* replaced_by = nullptr;
    int replaced_layer = -1;
    std::vector<int> replaced_rules;
};

// An attribute a layer added to an event type of the packs it builds on.
struct AddedAttr {
    int layer = 0;
    int event_type = -1;
    const AttrDecl* decl = nullptr;
};

struct CheckedPack {
    std::vector<PackLayer> layers;  // base first; the pack named on the command line last
    Schema schema;
    std::vector<AddedAttr> added_attrs;  // `extend event` of the layers
    std::vector<int> case_attr_layers, event_type_layers;  // by slot / type: the layer that declares it
    std::vector<CheckedParam> params;
    std::vector<CheckedRule> rules;
    std::vector<CheckedProcess> processes;
    std::string template_name, template_title;
    std::vector<CheckedQuestion> questions;
    std::unordered_map<std::string, std::string> event_labels;  // event type -> "ett beslut" (when the vocabulary gives one)
    std::unordered_map<const Expr*, Resolution> names;  // NameRef and Query (its attribute)
    std::unordered_map<const Expr*, Type> types;

    int param_index(const std::string& name) const;
};

struct CommandLineParam {
    std::string name, value;
};

// Reads, parses and checks the pack at `paths` (a folder or .akt files of one
// pack), following `uses` to the packs it builds on. Returns null when any
// error was reported. All texts read are added to `sources`.
std::unique_ptr<CheckedPack> load_pack(const std::vector<std::string>& paths,
                                       const std::vector<CommandLineParam>& overrides, Diagnostics& diags,
                                       SourceMap& sources, Lang lang);

// Structural equality of two expressions (positions ignored).
bool same_expr(const Expr& a, const Expr& b);

// Lint-only findings on a checked pack (warnings): a rule that can never
// apply, a requirement that always holds when the rule applies, a value
// compared with itself, a condition that always or never holds, days between
// versions of a rule that no version covers, a parameter nothing uses, a
// `disable rule` that leaves a template question unanswered, a vocabulary
// attribute no rule or step reads.
void lint(const CheckedPack& pack, Diagnostics& diags, Lang lang);

// Days between two versions of a rule that no version covers: from `first`
// to `last`, before the version `next`. `versions` ordered by valid_from.
struct VersionGap {
    Date first, last;
    const RuleDecl* next = nullptr;
};
std::vector<VersionGap> gaps_between_versions(const std::vector<const RuleDecl*>& versions);

// A comparison whose value the case cannot change: 1 always holds, 0 never
// holds, -1 depends on the case (two literals; a count against n <= 0).
int constant_comparison(const Binary& b);

// The .akt files of a folder, sorted; a file path is returned as is.
std::vector<std::string> rule_files(const std::string& path);

}  // namespace aktkoll::dsl
