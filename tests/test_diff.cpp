// aktkoll diff's model (authoring/diff.hpp): which rule texts and parameters
// changed between two packs, and which cases' process steps changed state.
#include <catch2/catch.hpp>

#include "authoring/diff.hpp"
#include "engine/load.hpp"
#include "temp_pack.hpp"

using namespace aktkoll;
using aktkoll::testing::TempDir;
using aktkoll::testing::TempPack;

namespace {

std::string pack_text(const std::string& question, const std::string& requires_, const std::string& frist,
                      const std::string& extra = "") {
    return "pack p\n  version \"1\"\n\nvocabulary {\n  event aktualisering\n  event utredning_inledd\n}\n\n"
           "parameter frist = " + frist + " \"Dagar\"\n\n"
           "process ärendet {\n  step aktualisering {\n    event aktualisering\n  }\n"
           "  step utredning {\n    event utredning_inledd\n    after aktualisering\n    within frist days of aktualisering\n  }\n}\n\n"
           "rule R-1 {\n  question \"" + question + "\"\n  cite \"1 §\"\n  requires " + requires_ + "\n  explain \"Inom {frist} dagar.\"\n}\n" + extra;
}

RuleSet load(const TempPack& pack) {
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set({pack.path()}, {}, diags, sources, Lang::Sv);
    for (const auto& d : diags.items) UNSCOPED_INFO(d.message);
    REQUIRE(rules);
    return std::move(*rules);
}

const TextChange* change(const std::vector<TextChange>& all, const std::string& subject, const std::string& field) {
    for (const auto& c : all)
        if (c.subject == subject && c.field == field) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("diff: the rule texts and parameters that changed, clause by clause") {
    const TempPack before(pack_text("Inledd?", "exists(utredning_inledd)", "14"));
    const TempPack after(pack_text("Inledd i tid?", "exists(utredning_inledd) and exists(aktualisering)", "7",
                                   "\nrule R-2 {\n  question \"Ny?\"\n  cite \"2 §\"\n  requires exists(aktualisering)\n}\n"));
    const RuleSet o = load(before), n = load(after);
    const auto changes = text_changes(o, n);

    const auto* q = change(changes, "R-1", "question");
    REQUIRE(q);
    CHECK(q->before == "Inledd?");
    CHECK(q->after == "Inledd i tid?");
    const auto* r = change(changes, "R-1", "requires");
    REQUIRE(r);
    CHECK(r->after == "exists(utredning_inledd) and exists(aktualisering)");
    // The explanation reads the same as written; only the parameter changed.
    CHECK_FALSE(change(changes, "R-1", "explain"));
    CHECK_FALSE(change(changes, "R-1", "cite"));
    const auto* p = change(changes, "frist", "value");
    REQUIRE(p);
    CHECK(p->parameter);
    CHECK(p->before == "14");
    CHECK(p->after == "7");
    const auto* added = change(changes, "R-2", "rule");
    REQUIRE(added);
    CHECK(added->before.empty());
    CHECK(added->after == "Ny?");

    CHECK(text_changes(o, o).empty());
}

TEST_CASE("diff: a case whose step goes from present to late is a difference") {
    const TempPack before(pack_text("Inledd?", "exists(utredning_inledd)", "14"));
    const TempPack after(pack_text("Inledd?", "exists(utredning_inledd)", "7"));
    TempDir cases("diff-cases");
    const std::string file = cases.write(
        "c.ndjson",
        "{\"id\": \"K-1\", \"events\": [{\"type\": \"aktualisering\", \"date\": \"2024-01-01\"}, "
        "{\"type\": \"utredning_inledd\", \"date\": \"2024-01-10\"}]}\n"
        "{\"id\": \"K-2\", \"events\": [{\"type\": \"aktualisering\", \"date\": \"2024-01-01\"}, "
        "{\"type\": \"utredning_inledd\", \"date\": \"2024-01-03\"}]}\n");
    PipelineOptions options;
    options.jobs = 1;
    const RuleSetDiff d = diff_rule_sets(load(before), load(after), {file}, options);
    CHECK(d.cases == 2);
    CHECK(d.cases_changed == 1);  // no answer changed, but a step did
    REQUIRE(d.steps.size() == 2);
    const StepDiff& utredning = d.steps[1];
    CHECK(utredning.step == "utredning");
    CHECK(utredning.changed == 1);
    REQUIRE(utredning.changes.size() == 1);
    CHECK(utredning.changes[0].case_id == "K-1");
    CHECK(utredning.changes[0].from == StepStatus::Present);
    CHECK(utredning.changes[0].to == StepStatus::Late);
    CHECK(utredning.transitions[static_cast<size_t>(StepStatus::Present)][static_cast<size_t>(StepStatus::Late)] == 1);
    CHECK(d.steps[0].changed == 0);
}
