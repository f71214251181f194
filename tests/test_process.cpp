// The process graph: step status per case (present, missing, not required,
// unknown, late, out of order), root causes of missing steps, cycles
// rejected at load with the cycle named, topological order.
#include <catch2/catch.hpp>

#include "tests/temp_pack.hpp"

#include <simdjson.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "engine/compile.hpp"
#include "engine/load.hpp"
#include "engine/process_graph.hpp"
#include "input/reader.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

const std::string kHeader = R"(pack prov
  version "1"

vocabulary {
  case a: boolean
  event aktualisering
  event utredning
  event beslut { utfall: bifall | avslag }
  event vårdplan
  event uppföljning
  event förlängning { till: date }
}

parameter frist = 14 "Dagar"
parameter månader = 4 "Månader"
)";

using aktkoll::testing::TempPack;

struct Loaded {
    std::optional<RuleSet> rules;
    std::string diagnostics;  // rendered
};

Loaded try_load(const std::string& process, Lang lang = Lang::Sv) {
    TempPack pack(kHeader + process);
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    Loaded out;
    out.rules = load_rule_set({pack.path()}, {}, diags, sources, lang);
    for (const auto& d : diags.items) out.diagnostics += d.message + "\n";
    return out;
}

RuleSet load(const std::string& process) {
    Loaded l = try_load(process);
    INFO(l.diagnostics);
    REQUIRE(l.rules);
    return std::move(*l.rules);
}

// The steps of the first process for a case with these events.
// The evaluation date of these tests, unless a test gives its own.
const Date kToday = date_from_civil(2026, 1, 15);

std::vector<StepResult> steps(const RuleSet& rules, const std::string& events, const std::string& attrs = "",
                              Date today = kToday) {
    std::string json = R"({"id":"P-1")" + (attrs.empty() ? std::string() : "," + attrs) + R"(,"events":[)" + events + "]}";
    RecordParser parser(rules.schema);
    Case c;
    const size_t len = json.size();
    json.append(simdjson::SIMDJSON_PADDING, '\0');
    REQUIRE_FALSE(parser.parse(json.data(), len, json.size(), 1, c));
    CaseResult out;
    rules.compiled->evaluate(c, out, false, today);
    REQUIRE(out.processes.size() == 1);
    return out.processes[0];
}

std::string ev(const char* type, const char* date, const char* extra = "") {
    return std::string(R"({"type":")") + type + R"(","date":")" + date + "\"" + extra + "}";
}

int step_index(const RuleSet& rules, const std::string& name) {
    const auto& s = rules.processes.at(0).steps;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i].name == name) return static_cast<int>(i);
    FAIL("no step " << name);
    return -1;
}

// aktualisering -> utredning -> beslut -> vårdplan -> uppföljning, all required.
const std::string kChain = R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering
    within frist days of aktualisering
  }
  step beslut {
    event beslut
    after utredning
  }
  step vårdplan {
    event vårdplan
    after beslut
  }
  step uppföljning {
    event uppföljning
    after vårdplan
  }
}
)akt";

}  // namespace

TEST_CASE("process: every step present and in order", "[process]") {
    RuleSet rules = load(kChain);
    auto s = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-10") + "," +
                              ev("beslut", "2025-02-01") + "," + ev("vårdplan", "2025-02-05") + "," +
                              ev("uppföljning", "2025-03-01"));
    REQUIRE(s.size() == 5);
    for (const auto& r : s) CHECK(r.status == StepStatus::Present);
    CHECK(s[1].date == parse_date("2025-01-10"));
}

TEST_CASE("process: a missing step is its own root cause; later missing steps follow from it", "[process]") {
    RuleSet rules = load(kChain);
    // utredning documented, beslut missing, so vårdplan and uppföljning are
    // missing because of it.
    auto s = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-10"));
    const int beslut = step_index(rules, "beslut");
    CHECK(s[0].status == StepStatus::Present);
    CHECK(s[1].status == StepStatus::Present);
    CHECK(s[2].status == StepStatus::Missing);
    CHECK(s[2].root_cause == -1);
    CHECK(s[3].status == StepStatus::Missing);
    CHECK(s[3].root_cause == beslut);
    CHECK(s[4].status == StepStatus::Missing);
    CHECK(s[4].root_cause == beslut);  // through vårdplan, to the earliest missing step
}

TEST_CASE("process: a missing step after a present one is a root cause of its own", "[process]") {
    RuleSet rules = load(kChain);
    auto s = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-10") + "," +
                              ev("beslut", "2025-02-01") + "," + ev("uppföljning", "2025-03-01"));
    CHECK(s[3].status == StepStatus::Missing);
    CHECK(s[3].root_cause == -1);
    CHECK(s[4].status == StepStatus::Present);
}

TEST_CASE("process: out of order names the step it is dated before", "[process]") {
    RuleSet rules = load(kChain);
    auto s = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-10") + "," +
                              ev("beslut", "2025-02-01") + "," + ev("vårdplan", "2025-01-31") + "," +
                              ev("uppföljning", "2025-03-01"));
    CHECK(s[3].status == StepStatus::OutOfOrder);
    CHECK(s[3].before_step == step_index(rules, "beslut"));
    CHECK(s[2].status == StepStatus::Present);
    // The same day is in order.
    auto same_day = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-01"));
    CHECK(same_day[1].status == StepStatus::Present);
}

TEST_CASE("process: late by the days past the deadline; on the last day is in time", "[process]") {
    RuleSet rules = load(kChain);
    auto on_time = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-15"));
    CHECK(on_time[1].status == StepStatus::Present);
    CHECK(on_time[1].days_late == 0);
    auto late = steps(rules, ev("aktualisering", "2025-01-01") + "," + ev("utredning", "2025-01-21"));
    CHECK(late[1].status == StepStatus::Late);
    CHECK(late[1].days_late == 6);
    // The first documenting event decides, whatever the input order.
    auto first = steps(rules, ev("utredning", "2025-01-30") + "," + ev("aktualisering", "2025-01-01") + "," +
                                  ev("utredning", "2025-01-10"));
    CHECK(first[1].status == StepStatus::Present);
    CHECK(first[1].date == parse_date("2025-01-10"));
}

TEST_CASE("process: not required when its condition is false, unknown when it is unknown", "[process]") {
    RuleSet rules = load(R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step vårdplan {
    event vårdplan
    after aktualisering
    required when a
  }
  step bifall {
    event beslut where utfall = "bifall"
    required when exists(beslut where utfall = "bifall")
  }
}
)akt");
    const std::string akt = ev("aktualisering", "2025-01-01");
    CHECK(steps(rules, akt, R"("a":false)")[1].status == StepStatus::NotRequired);
    CHECK(steps(rules, akt, R"("a":null)")[1].status == StepStatus::Unknown);
    CHECK(steps(rules, akt)[1].status == StepStatus::Unknown);
    CHECK(steps(rules, akt, R"("a":true)")[1].status == StepStatus::Missing);
    // Documented: present even when the condition is false.
    CHECK(steps(rules, akt + "," + ev("vårdplan", "2025-02-01"), R"("a":false)")[1].status == StepStatus::Present);
    // A step documented by a filtered event: an avslag does not document it,
    // a beslut with unknown utfall leaves whether it is required unknown.
    CHECK(steps(rules, akt + "," + ev("beslut", "2025-02-01", R"(,"utfall":"avslag")"))[2].status == StepStatus::NotRequired);
    CHECK(steps(rules, akt + "," + ev("beslut", "2025-02-01", R"(,"utfall":"bifall")"))[2].status == StepStatus::Present);
    CHECK(steps(rules, akt + "," + ev("beslut", "2025-02-01"))[2].status == StepStatus::Unknown);
}

TEST_CASE("process: a cycle in 'after' is rejected at load, naming the cycle", "[process][cycle]") {
    Loaded l = try_load(R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering, beslut
  }
  step beslut {
    event beslut
    after utredning
  }
}
)akt");
    CHECK_FALSE(l.rules);
    CHECK(l.diagnostics == "processen 'ärendet' har en cirkel i 'after': utredning → beslut → utredning\n");
    Loaded self = try_load(R"akt(
process ärendet {
  step utredning {
    event utredning
    after utredning
  }
}
)akt", Lang::En);
    CHECK_FALSE(self.rules);
    CHECK(self.diagnostics == "the process 'ärendet' has a cycle in 'after': utredning → utredning\n");
}

TEST_CASE("ProcessGraph: cycles found, topological order respects every edge", "[process][graph]") {
    ProcessGraph acyclic(5, {{3, 1}, {1, 0}, {4, 0}, {2, 3}, {2, 4}});
    CHECK_FALSE(acyclic.find_cycle());
    const auto& order = acyclic.topological_order();
    REQUIRE(order.size() == 5);
    std::vector<int> position(5);
    for (size_t i = 0; i < order.size(); ++i) position[static_cast<size_t>(order[i])] = static_cast<int>(i);
    for (auto [from, to] : std::vector<std::pair<int, int>>{{3, 1}, {1, 0}, {4, 0}, {2, 3}, {2, 4}})
        CHECK(position[static_cast<size_t>(from)] < position[static_cast<size_t>(to)]);
    CHECK(acyclic.predecessors()[0] == std::vector<int>{1, 4});

    ProcessGraph cyclic(4, {{0, 1}, {1, 2}, {2, 3}, {3, 1}});
    auto cycle = cyclic.find_cycle();
    REQUIRE(cycle);
    CHECK(cycle->front() == cycle->back());
    std::vector<int> members(cycle->begin(), cycle->end() - 1);
    std::sort(members.begin(), members.end());
    CHECK(members == std::vector<int>{1, 2, 3});

    ProcessGraph empty(0, {});
    CHECK_FALSE(empty.find_cycle());
    CHECK(empty.topological_order().empty());
}

TEST_CASE("process: steps declared before the steps they follow are evaluated in topological order", "[process][graph]") {
    // The chain written backwards: root causes need predecessors evaluated first.
    RuleSet rules = load(R"akt(
process ärendet {
  step uppföljning {
    event uppföljning
    after vårdplan
  }
  step vårdplan {
    event vårdplan
    after beslut
  }
  step beslut {
    event beslut
    after aktualisering
  }
  step aktualisering {
    event aktualisering
  }
}
)akt");
    auto s = steps(rules, ev("aktualisering", "2025-01-01"));
    const int beslut = step_index(rules, "beslut");
    CHECK(s[static_cast<size_t>(beslut)].status == StepStatus::Missing);
    CHECK(s[static_cast<size_t>(beslut)].root_cause == -1);
    CHECK(s[static_cast<size_t>(step_index(rules, "vårdplan"))].root_cause == beslut);
    CHECK(s[static_cast<size_t>(step_index(rules, "uppföljning"))].root_cause == beslut);
    auto disorder = steps(rules, ev("aktualisering", "2025-01-10") + "," + ev("beslut", "2025-01-05"));
    CHECK(disorder[static_cast<size_t>(beslut)].status == StepStatus::OutOfOrder);
    CHECK(disorder[static_cast<size_t>(beslut)].before_step == step_index(rules, "aktualisering"));
}

TEST_CASE("process: the DOT graph names every step and edge", "[process][graph]") {
    ProcessGraph g(2, {{0, 1}});
    std::string dot = g.to_dot("ärendet", {"a \"x\"", "b"}, {"", "red"});
    CHECK(dot.find("digraph \"ärendet\"") != std::string::npos);
    CHECK(dot.find("s0 [label=\"a \\\"x\\\"\"]") != std::string::npos);
    CHECK(dot.find("s1 [label=\"b\", fillcolor=\"red\"]") != std::string::npos);
    CHECK(dot.find("s0 -> s1;") != std::string::npos);
}

// --- gaps found while writing these tests ---------------------------------------------

TEST_CASE("order is checked against every step a step must follow, not only direct ones", "[process]") {
    // vårdplan must follow beslut, which must follow utredning. With beslut
    // not documented (not required), a vårdplan dated before the utredning is
    // still out of order; today only direct `after` steps are compared.
    RuleSet rules = load(R"akt(
process ärendet {
  step utredning {
    event utredning
  }
  step beslut {
    event beslut
    after utredning
    required when exists(beslut)
  }
  step vårdplan {
    event vårdplan
    after beslut
  }
}
)akt");
    auto s = steps(rules, ev("utredning", "2025-02-01") + "," + ev("vårdplan", "2025-01-01"));
    CHECK(s[1].status == StepStatus::NotRequired);
    CHECK(s[2].status == StepStatus::OutOfOrder);
}

TEST_CASE("a required step whose only event has an unknown filter value is unknown, not missing", "[process]") {
    // The beslut's utfall is null: it may be the bifall that documents the
    // step. Today the step is reported Missing (a finding), which is a guess.
    RuleSet rules = load(R"akt(
process ärendet {
  step bifall {
    event beslut where utfall = "bifall"
  }
}
)akt");
    auto s = steps(rules, ev("beslut", "2025-02-01"));
    CHECK(s[0].status == StepStatus::Unknown);
}

// --- deadlines in months, the evaluation date, conditional deadlines ----------------

namespace {

// aktualisering -> utredning (within 4 months) -> beslut (required, no deadline).
const std::string kMonths = R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering
    within månader months of aktualisering
  }
  step beslut {
    event beslut
    after utredning
  }
}
)akt";

}  // namespace

TEST_CASE("process: a deadline in months ends on the same day number, clamped to the month's end", "[process][time]") {
    RuleSet rules = load(kMonths);
    // 2023-10-31 + 4 months = 2024-02-29 (leap year): that day is in time, the next is one day late.
    auto in_time = steps(rules, ev("aktualisering", "2023-10-31") + "," + ev("utredning", "2024-02-29"));
    CHECK(in_time[1].status == StepStatus::Present);
    auto late = steps(rules, ev("aktualisering", "2023-10-31") + "," + ev("utredning", "2024-03-01"));
    CHECK(late[1].status == StepStatus::Late);
    CHECK(late[1].days_late == 1);
}

TEST_CASE("process: a required step not documented before its deadline is not yet due, then missing", "[process][time]") {
    RuleSet rules = load(kMonths);
    const std::string events = ev("aktualisering", "2025-10-15");  // deadline 2026-02-15
    auto before = steps(rules, events, "", *parse_date("2026-02-15"));
    CHECK(before[1].status == StepStatus::NotYetDue);
    CHECK(before[1].root_cause == -1);
    // A step after one not yet due is not yet due either, and nothing is a root cause.
    CHECK(before[2].status == StepStatus::NotYetDue);
    auto after = steps(rules, events, "", *parse_date("2026-02-16"));
    CHECK(after[1].status == StepStatus::Missing);
    CHECK(after[1].root_cause == -1);
    CHECK(after[2].status == StepStatus::Missing);
    CHECK(after[2].root_cause == step_index(rules, "utredning"));
    // A step without a deadline is due at once: beslut after a documented utredning.
    auto no_deadline = steps(rules, events + "," + ev("utredning", "2025-11-01"), "", *parse_date("2025-11-02"));
    CHECK(no_deadline[2].status == StepStatus::Missing);
}

TEST_CASE("process: 'unless' lifts a deadline; 'or until' moves it; unknown conditions leave it open", "[process][time]") {
    RuleSet lifted = load(R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering
    within 4 months of aktualisering unless exists(förlängning)
  }
}
)akt");
    const std::string start = ev("aktualisering", "2025-01-10");
    CHECK(steps(lifted, start + "," + ev("utredning", "2025-06-01"))[1].status == StepStatus::Late);
    CHECK(steps(lifted, start + "," + ev("utredning", "2025-06-01") + "," + ev("förlängning", "2025-04-01"))[1].status ==
          StepStatus::Present);
    CHECK(steps(lifted, start + "," + ev("förlängning", "2025-04-01"))[1].status == StepStatus::NotYetDue);

    RuleSet moved = load(R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering
    within 4 months of aktualisering, or until first(förlängning).till when exists(förlängning)
  }
}
)akt");
    auto extension = [&](const char* till) {
        return std::string(R"({"type":"förlängning","date":"2025-04-01","till":)") + till + "}";
    };
    // Extended to 2025-07-10: in time on 2025-07-10, late after; without it 2025-05-10 was the deadline.
    CHECK(steps(moved, start + "," + ev("utredning", "2025-07-10") + "," + extension(R"("2025-07-10")"))[1].status ==
          StepStatus::Present);
    auto late = steps(moved, start + "," + ev("utredning", "2025-07-15") + "," + extension(R"("2025-07-10")"));
    CHECK(late[1].status == StepStatus::Late);
    CHECK(late[1].days_late == 5);  // counted from the extended deadline
    CHECK(steps(moved, start + "," + ev("utredning", "2025-05-11"))[1].status == StepStatus::Late);
    // An extension whose end is unknown: the deadline is that unknown date, so the step cannot be assessed.
    CHECK(steps(moved, start + "," + ev("utredning", "2025-05-01") + "," + extension("null"))[1].status ==
          StepStatus::Unknown);
    // The condition unknown: late only when it matters (Kleene).
    RuleSet unknown = load(R"akt(
process ärendet {
  step aktualisering {
    event aktualisering
  }
  step utredning {
    event utredning
    after aktualisering
    within 4 months of aktualisering unless a
  }
}
)akt");
    CHECK(steps(unknown, start + "," + ev("utredning", "2025-05-10"), R"("a":null)")[1].status == StepStatus::Present);
    CHECK(steps(unknown, start + "," + ev("utredning", "2025-05-11"), R"("a":null)")[1].status == StepStatus::Unknown);
    CHECK(steps(unknown, start + "," + ev("utredning", "2025-05-11"), R"("a":true)")[1].status == StepStatus::Present);
    // Whether it is late stays recorded as unknown, even if the status later says out of order.
    CHECK(steps(unknown, start + "," + ev("utredning", "2025-05-11"), R"("a":null)")[1].late_unknown);
    CHECK_FALSE(steps(unknown, start + "," + ev("utredning", "2025-05-11"), R"("a":false)")[1].late_unknown);
    // Not documented, extended past the evaluation date: not yet due.
    CHECK(steps(moved, start + "," + extension(R"("2026-03-01")"))[1].status == StepStatus::NotYetDue);
}
