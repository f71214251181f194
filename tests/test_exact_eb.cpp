// Exact EB: a rule answers EB only when filling in the case's unknown values
// (booleans true/false, enumerations each value) in different ways gives
// different answers. Worked examples from the shipped pack, and a property
// test against a brute-force evaluator that writes every completion of a
// generated case as its own record and evaluates each with the ordinary
// engine.
#include <catch2/catch.hpp>
#include <fmt/core.h>

#include <simdjson.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "engine/compile.hpp"
#include "engine/load.hpp"
#include "engine/results.hpp"
#include "input/reader.hpp"

using namespace aktkoll;

namespace {

const RuleSet& missbruk() {
    static const RuleSet rules = [] {
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        auto rs = load_rule_set({std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk"}, {}, diags, sources, Lang::Sv);
        REQUIRE(rs);
        return std::move(*rs);
    }();
    return rules;
}

CaseResult run(const RuleSet& rules, std::string json, bool trace = false) {
    RecordParser parser(rules.schema);
    Case c;
    const size_t len = json.size();
    json.append(simdjson::SIMDJSON_PADDING, '\0');
    INFO(json.substr(0, len));
    REQUIRE_FALSE(parser.parse(json.data(), len, json.size(), 1, c));
    CaseResult out;
    rules.compiled->evaluate(c, out, trace, date_from_civil(2026, 1, 15));
    return out;
}

Outcome outcome(const RuleSet& rules, const std::string& json, const std::string& rule) {
    return run(rules, json).rules.at(static_cast<size_t>(rules.rule_index(rule))).outcome;
}

// --- a generated case: each fillable value is a value, null or missing ----

struct Field {
    std::string name;
    std::vector<std::string> domain;  // JSON texts; empty: a fixed text in `fixed`
    std::string fixed;
    int choice = 0;  // index into domain; -1 null, -2 missing
};

struct GenEvent {
    std::string type, date;
    std::vector<Field> fields;
};

struct GenCase {
    std::vector<Field> attrs;
    std::vector<GenEvent> events;

    // The unknown values, in a fixed order, as (event index or -1, field index).
    std::vector<std::pair<int, int>> unknowns() const {
        std::vector<std::pair<int, int>> out;
        for (size_t f = 0; f < attrs.size(); ++f)
            if (attrs[f].choice < 0) out.emplace_back(-1, static_cast<int>(f));
        for (size_t e = 0; e < events.size(); ++e)
            for (size_t f = 0; f < events[e].fields.size(); ++f)
                if (!events[e].fields[f].domain.empty() && events[e].fields[f].choice < 0)
                    out.emplace_back(static_cast<int>(e), static_cast<int>(f));
        return out;
    }
    Field& field(std::pair<int, int> at) {
        return at.first < 0 ? attrs[static_cast<size_t>(at.second)]
                            : events[static_cast<size_t>(at.first)].fields[static_cast<size_t>(at.second)];
    }

    static void write(std::string& out, const Field& f) {
        if (f.choice == -2) return;
        out += ",\"" + f.name + "\":";
        out += f.domain.empty() ? f.fixed : f.choice == -1 ? "null" : f.domain[static_cast<size_t>(f.choice)];
    }
    std::string json() const {
        std::string out = R"({"id":"G-1")";
        for (const Field& f : attrs) write(out, f);
        out += R"(,"events":[)";
        for (size_t e = 0; e < events.size(); ++e) {
            out += (e ? "," : "") + std::string(R"({"type":")") + events[e].type + R"(","date":")" + events[e].date + "\"";
            for (const Field& f : events[e].fields) write(out, f);
            out += "}";
        }
        return out + "]}";
    }
};

const std::vector<std::string> kBool{"true", "false"};

Field enumerated(std::string name, std::vector<std::string> domain) { return Field{std::move(name), std::move(domain), {}, 0}; }
Field fixed(std::string name, std::string text) { return Field{std::move(name), {}, std::move(text), 0}; }

class Generator {
public:
    explicit Generator(uint32_t seed) : rng_(seed) {}

    GenCase next() {
        GenCase g;
        g.attrs.push_back(fill(enumerated("children_under_18", kBool)));
        const int n = pick(8);
        for (int i = 0; i < n; ++i) g.events.push_back(event());
        return g;
    }

private:
    std::mt19937 rng_;
    int pick(int n) { return static_cast<int>(rng_() % static_cast<uint32_t>(n)); }

    Field fill(Field f) {
        const int r = pick(10);
        f.choice = r < 2 ? -1 : r < 3 ? -2 : pick(static_cast<int>(f.domain.size()));
        return f;
    }

    std::string date() {
        // Days around every boundary of the pack, and ordinary days in 2023–2026.
        static const char* edges[] = {"2009-12-31", "2010-01-01", "2014-12-31", "2015-01-01", "2017-03-31",
                                      "2017-04-01", "2025-06-30", "2025-07-01", "2001-06-01"};
        if (pick(4) == 0) return edges[pick(9)];
        return fmt::format("{:04}-{:02}-{:02}", 2023 + pick(4), 1 + pick(12), 1 + pick(28));
    }

    GenEvent event() {
        static const char* types[] = {"aktualisering", "utredning_inledd", "bedömningsinstrument", "utredning_avslutad",
                                      "beslut", "vårdplan", "genomförandeplan", "insats", "uppföljning", "sip",
                                      "sip_avböjd", "vårdbehov", "avslut"};
        GenEvent e{types[pick(13)], date(), {}};
        const std::string& t = e.type;
        if (t == "aktualisering") e.fields.push_back(fill(enumerated("source", {"\"ansökan\"", "\"anmälan\"", "\"övrigt\""})));
        if (t == "utredning_inledd") e.fields.push_back(fill(enumerated("skäl_dokumenterat", kBool)));
        if (t == "bedömningsinstrument") e.fields.push_back(fixed("instrument", "\"ASI\""));
        if (t == "utredning_avslutad") {
            e.fields.push_back(fill(enumerated("enskildes_uppfattning", kBool)));
            e.fields.push_back(fill(enumerated("barnperspektiv", kBool)));
        }
        if (t == "beslut") {
            e.fields.push_back(fill(enumerated("utfall", {"\"bifall\"", "\"avslag\""})));
            e.fields.push_back(fixed("insats", "\"öppenvård\""));
        }
        if (t == "vårdplan") e.fields.push_back(fill(enumerated("med_enskilde", kBool)));
        if (t == "insats") e.fields.push_back(fill(enumerated("huvudman", {"\"kommun\"", "\"region\""})));
        if (t == "sip")
            for (const char* n : {"insatser_angivna", "ansvar_fördelat", "övergripande_ansvar_angivet"})
                e.fields.push_back(fill(enumerated(n, kBool)));
        if (t == "vårdbehov") e.fields.push_back(fill(enumerated("finns", kBool)));
        if (t == "avslut") e.fields.push_back(fixed("skäl", pick(3) ? "\"flytt\"" : "null"));
        return e;
    }
};

// The brute-force answer: every completion of the case's unknown values
// evaluated on its own; the common answer, or EB when they differ.
std::vector<Outcome> brute_force(const RuleSet& rules, GenCase g) {
    const auto unknowns = g.unknowns();
    std::vector<size_t> digit(unknowns.size(), 0);
    std::vector<std::optional<Outcome>> answer(rules.rules.size());
    for (;;) {
        for (size_t u = 0; u < unknowns.size(); ++u) g.field(unknowns[u]).choice = static_cast<int>(digit[u]);
        const CaseResult r = run(rules, g.json());
        for (size_t i = 0; i < answer.size(); ++i) {
            if (!answer[i]) answer[i] = r.rules[i].outcome;
            else if (*answer[i] != r.rules[i].outcome) answer[i] = Outcome::EB;
        }
        size_t u = 0;
        for (; u < digit.size() && ++digit[u] == g.field(unknowns[u]).domain.size(); ++u) digit[u] = 0;
        if (u == digit.size()) break;
    }
    std::vector<Outcome> out;
    for (const auto& a : answer) out.push_back(*a);
    return out;
}

}  // namespace

TEST_CASE("exact EB: an unknown that cannot change the answer does not make it EB", "[exact-eb]") {
    const RuleSet& rules = missbruk();
    // One insats whose huvudman is unknown cannot be both the municipality's and
    // the region's: whichever it is, one principal is missing (Et).
    const std::string one_insats =
        R"({"id":"E-1","events":[{"type":"vårdbehov","date":"2024-02-01","finns":false},)"
        R"({"type":"insats","date":"2024-03-01","huvudman":null,"insats":"x"}]})";
    CHECK(outcome(rules, one_insats, "SIP-1") == Outcome::Et);
    // An uppföljning after both possible first granted decisions is Ja whatever
    // the unknown utfall of the earlier decision was.
    const std::string two_decisions =
        R"({"id":"E-2","events":[{"type":"beslut","date":"2023-09-01","utfall":null,"insats":"x"},)"
        R"({"type":"beslut","date":"2023-09-23","utfall":"bifall","insats":"x"},)"
        R"({"type":"uppföljning","date":"2023-12-01"}]})";
    CHECK(outcome(rules, two_decisions, "UPF-1") == Outcome::Ja);
}

TEST_CASE("exact EB: explain names the unknown values the answer depends on", "[exact-eb]") {
    const RuleSet& rules = missbruk();
    const std::string json =
        R"({"id":"E-3","events":[{"type":"beslut","date":"2023-09-23","utfall":null,"insats":"x"},)"
        R"({"type":"uppföljning","date":"2023-12-01"},{"type":"insats","date":"2023-10-01","huvudman":null,"insats":"y"}]})";
    const CaseResult r = run(rules, json, true);
    const size_t upf = static_cast<size_t>(rules.rule_index("UPF-1"));
    REQUIRE(r.rules[upf].outcome == Outcome::EB);  // Ja if granted, Et if refused
    const auto& deps = r.traces[upf].depends_on;
    REQUIRE(deps.size() == 1);  // the insats's huvudman is not read by UPF-1
    CHECK(rules.schema.event_types()[static_cast<size_t>(deps[0].event_type)].name == "beslut");
    CHECK(format_date(deps[0].date) == "2023-09-23");
    CHECK(!r.traces[upf].too_many_unknowns);
}

TEST_CASE("exact EB: an EB from events the file does not have names them", "[exact-eb]") {
    const RuleSet& rules = missbruk();
    // The need for health care is not documented at all: nothing to fill in.
    const std::string json = R"({"id":"E-5","events":[{"type":"beslut","date":"2024-03-11","utfall":"bifall","insats":"x"}]})";
    const CaseResult r = run(rules, json, true);
    const size_t sip = static_cast<size_t>(rules.rule_index("SIP-1"));
    REQUIRE(r.rules[sip].outcome == Outcome::EB);
    CHECK(r.traces[sip].depends_on.empty());
    std::vector<std::string> missing;
    for (int32_t t : r.traces[sip].missing_events) missing.push_back(rules.schema.event_types()[static_cast<size_t>(t)].name);
    CHECK(std::find(missing.begin(), missing.end(), "vårdbehov") != missing.end());
    CHECK(std::find(missing.begin(), missing.end(), "beslut") == missing.end());  // documented
}

TEST_CASE("exact EB: more unknowns than the bound stay EB and say so", "[exact-eb]") {
    const RuleSet& rules = missbruk();
    std::string json = R"({"id":"E-4","events":[{"type":"vårdbehov","date":"2024-01-01","finns":true})";
    for (size_t i = 0; i <= kMaxUnknowns; ++i)
        json += R"(,{"type":"insats","date":"2024-02-)" + std::to_string(10 + i) + R"(","huvudman":null,"insats":"x"})";
    json += "]}";
    const CaseResult r = run(rules, json, true);
    const size_t sip = static_cast<size_t>(rules.rule_index("SIP-1"));
    CHECK(r.rules[sip].outcome == Outcome::EB);
    CHECK(r.traces[sip].too_many_unknowns);
}

TEST_CASE("exact EB equals a brute-force completion evaluator on generated cases", "[exact-eb][property]") {
    const RuleSet& rules = missbruk();
    Generator gen(2026);
    size_t compared = 0, with_unknowns = 0, decided_despite_unknowns = 0;
    while (compared < 1500) {
        GenCase g = gen.next();
        size_t completions = 1;
        for (auto u : g.unknowns()) completions *= g.field(u).domain.size();
        if (completions > 256) continue;  // keep the brute force small
        const std::string json = g.json();
        INFO(json);
        const CaseResult fast = run(rules, json);
        const CaseResult traced = run(rules, json, true);
        const std::vector<Outcome> expected = brute_force(rules, g);
        for (size_t i = 0; i < expected.size(); ++i) {
            INFO(rules.rules[i].id);
            CHECK(fast.rules[i].outcome == expected[i]);
            CHECK(traced.rules[i].outcome == expected[i]);
            if (!g.unknowns().empty() && expected[i] != Outcome::EB) ++decided_despite_unknowns;
        }
        with_unknowns += !g.unknowns().empty();
        ++compared;
    }
    CHECK(with_unknowns > 500);
    CHECK(decided_despite_unknowns > 1000);
}
