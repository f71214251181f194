#include "report/coverage.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace aktkoll::report {

namespace {

const char* mark(bool possible, bool reached) { return !possible ? "·" : reached ? "✓" : "✗"; }

nlohmann::ordered_json json_doc(const std::string& pack, const CoverageReport& c) {
    nlohmann::ordered_json doc;
    doc["format"] = "aktkoll-coverage/1";
    doc["pack"] = pack;
    doc["examples"] = c.examples;
    doc["percent"] = c.percent();
    auto& rules = doc["rules"] = nlohmann::ordered_json::array();
    for (const auto& r : c.rules) {
        nlohmann::ordered_json outcomes = nlohmann::ordered_json::object();
        for (Outcome o : kAllOutcomes) {
            const auto i = static_cast<size_t>(o);
            outcomes[outcome_key(o)] = r.possible[i] ? nlohmann::ordered_json(r.reached[i]) : nlohmann::ordered_json("impossible");
        }
        auto conditions = nlohmann::ordered_json::array();
        for (const auto& cond : r.conditions)
            conditions.push_back({{"clause", cond.clause}, {"condition", cond.text}, {"seen_true", cond.seen_true}, {"seen_false", cond.seen_false}});
        rules.push_back({{"id", r.id}, {"outcomes", outcomes}, {"conditions", conditions}});
    }
    auto& deadlines = doc["deadlines"] = nlohmann::ordered_json::array();
    for (const auto& d : c.deadlines)
        deadlines.push_back({{"process", d.process}, {"step", d.step}, {"within", d.text}, {"seen_met", d.met}, {"seen_missed", d.missed}});
    auto& steps = doc["steps"] = nlohmann::ordered_json::array();
    for (const auto& st : c.steps) {
        nlohmann::ordered_json states = nlohmann::ordered_json::object();
        for (StepStatus status : kAllStepStatuses) states[step_status_key(status)] = st.reached[static_cast<size_t>(status)];
        steps.push_back({{"process", st.process}, {"step", st.step}, {"states_reached", states}});
    }
    return doc;
}

// "finns, saknas" / "–": the states of a step the examples reached.
std::string states_text(const StepCoverage& st, Lang lang) {
    std::string out;
    for (StepStatus status : kAllStepStatuses)
        if (st.reached[static_cast<size_t>(status)]) out += (out.empty() ? "" : ", ") + std::string(step_status_label(status, lang));
    return out.empty() ? "–" : out;
}

void write_steps(std::ostream& out, const CoverageReport& c, Lang lang) {
    if (c.steps.empty()) return;
    out << tr(lang, "\nProcessteg: tillstånd som exemplen når\n", "\nProcess steps: states the examples reach\n");
    size_t w = 0;
    for (const auto& st : c.steps) w = std::max(w, st.process.size() + st.step.size() + 1);
    for (const auto& st : c.steps)
        out << fmt::format("{:<{}}  {}\n", st.process + "." + st.step, w, states_text(st, lang));
}

}  // namespace

void write_coverage_json(std::ostream& out, const std::vector<std::pair<std::string, CoverageReport>>& packs) {
    if (packs.size() == 1) {
        out << json_doc(packs.front().first, packs.front().second).dump(2) << "\n";
        return;
    }
    auto all = nlohmann::ordered_json::array();
    for (const auto& [pack, c] : packs) all.push_back(json_doc(pack, c));
    out << all.dump(2) << "\n";
}

void write_coverage(std::ostream& out, const std::string& pack, const CoverageReport& c, const Options& opt) {
    if (opt.format == Format::Json) return write_coverage_json(out, {{pack, c}});
    const Lang lang = opt.lang;
    out << fmt::format(fmt::runtime(tr(lang, "Täckning för {} ({} exempel): {:.0f} %\n\n", "Coverage of {} ({} examples): {:.0f} %\n\n")), pack,
                       c.examples, c.percent());
    out << fmt::format("{:<10} {:>3} {:>3} {:>3} {:>3}  {}\n", tr(lang, "Regel", "Rule"), outcome_key(Outcome::Ja),
                       outcome_key(Outcome::Nej), outcome_key(Outcome::Et), outcome_key(Outcome::EB),
                       tr(lang, "villkor prövade sant och falskt", "conditions seen true and false"));
    std::vector<std::string> missing;
    for (const auto& r : c.rules) {
        size_t both = 0;
        for (const auto& cond : r.conditions) both += cond.seen_true && cond.seen_false;
        out << fmt::format("{:<10} {:>3} {:>3} {:>3} {:>3}  {}/{}\n", r.id, mark(r.possible[0], r.reached[0]), mark(r.possible[1], r.reached[1]),
                           mark(r.possible[2], r.reached[2]), mark(r.possible[3], r.reached[3]), both, r.conditions.size());
        for (Outcome o : kAllOutcomes)
            if (r.possible[static_cast<size_t>(o)] && !r.reached[static_cast<size_t>(o)])
                missing.push_back(fmt::format(fmt::runtime(tr(lang, "{}: inget exempel väntar utfallet {}", "{}: no example expects the outcome {}")),
                                              r.id, outcome_key(o)));
        for (const auto& cond : r.conditions) {
            if (cond.seen_true && cond.seen_false) continue;
            const char* never = !cond.seen_true && !cond.seen_false ? tr(lang, "aldrig prövat", "never evaluated")
                                : !cond.seen_true                   ? tr(lang, "aldrig sant", "never true")
                                                                    : tr(lang, "aldrig falskt", "never false");
            missing.push_back(fmt::format("{} {}: `{}` {}", r.id, cond.clause, cond.text, never));
        }
    }
    for (const auto& d : c.deadlines) {
        if (d.met && d.missed) continue;
        const char* never = !d.met && !d.missed ? tr(lang, "aldrig prövad", "never evaluated")
                            : !d.met            ? tr(lang, "aldrig hållen", "never met")
                                                : tr(lang, "aldrig överskriden", "never missed");
        missing.push_back(fmt::format(fmt::runtime(tr(lang, "process {}, steg {}: fristen `within {}` {}", "process {}, step {}: the deadline `within {}` {}")),
                                      d.process, d.step, d.text, never));
    }
    out << tr(lang, "\n✓ prövat, ✗ inte prövat, · inte möjligt för regeln\n", "\n✓ exercised, ✗ not exercised, · not possible for the rule\n");
    if (missing.empty()) {
        out << tr(lang, "Allt är prövat.\n", "Everything is exercised.\n");
    } else {
        out << tr(lang, "\nInte prövat av något exempel:\n", "\nNot exercised by any example:\n");
        for (const auto& m : missing) out << "- " << m << "\n";
    }
    write_steps(out, c, lang);
}

}  // namespace aktkoll::report
