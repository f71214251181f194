// Findings in words: what an auditor reads per case. Only ids, dates, rule
// texts and enumerated values; nothing from the case's free-text fields.
#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

std::string cites_text(const RuleVersionInfo& v) { return printable(join(v.cites, "; ")); }

RuleFinding rule_finding(const RuleSet& rules, const CaseResult& c, int rule, Lang lang) {
    const RuleInfo& info = rules.rules.at(static_cast<size_t>(rule));
    const RuleResult& res = c.rules.at(static_cast<size_t>(rule));
    RuleFinding f;
    f.outcome = res.outcome;
    f.rule_id = printable(info.id);
    f.questions = join(questions_by_rule(rules)[static_cast<size_t>(rule)], ", ");
    const RuleVersionInfo* v = version_used(rules, c, rule);
    const RuleVersionInfo* shown = v ? v : (info.versions.empty() ? nullptr : &info.versions.back());
    if (shown) f.question = printable(shown->question);
    if (res.outcome == Outcome::EB)
        f.details.push_back(fmt::format(fmt::runtime(tr(lang, "Skäl: {}", "Reason: {}")), reason_label(res.reason, lang)));
    if (v) {
        f.details.push_back(fmt::format(fmt::runtime(tr(lang, "Lagrum: {}", "Legal basis: {}")), cites_text(*v)));
        f.details.push_back(fmt::format(fmt::runtime(tr(lang, "Bedömd enligt version {} av {} (gäller {})",
                                                        "Judged by version {} of {} (in force {})")),
                                        res.version + 1, info.versions.size(), period_text(*v, lang)));
        f.details.push_back(fmt::format(fmt::runtime(tr(lang, "Allvarlighet: {}", "Severity: {}")),
                                        severity_label(v->severity, lang)));
        if (!v->explain.empty()) f.details.push_back(printable(v->explain));
    } else {
        std::vector<std::string> all;
        for (const RuleVersionInfo& w : info.versions) all.push_back(cites_text(w) + " (" + period_text(w, lang) + ")");
        f.details.push_back(fmt::format(fmt::runtime(tr(lang, "Ingen version tillämpades; regelns versioner: {}",
                                                        "No version was applied; the rule's versions: {}")),
                                        all.empty() ? std::string(kDash) : join(all, "; ")));
    }
    return f;
}

namespace {

std::string step_name(const ProcessInfo& p, int step) {
    if (step < 0 || static_cast<size_t>(step) >= p.steps.size()) return "?";
    return printable(p.steps[static_cast<size_t>(step)].name);
}

// A step or deadline a layer added or changed says so: never a silent amendment.
std::string layer_note(const RuleSet& rules, const ProcessInfo& proc, int step, Lang lang) {
    if (step < 0 || static_cast<size_t>(step) >= proc.steps.size() || rules.layers.empty()) return {};
    const StepInfo& info = proc.steps[static_cast<size_t>(step)];
    std::string out;
    if (!info.layer.empty() && info.layer != rules.layers.front().name)
        out += fmt::format(fmt::runtime(tr(lang, " — steg från {}", " — step from {}")), printable(info.layer));
    if (!info.deadline_layer.empty())
        out += info.deadline_reason.empty()
                   ? fmt::format(fmt::runtime(tr(lang, " — tidsgräns från {}", " — deadline from {}")), printable(info.deadline_layer))
                   : fmt::format(fmt::runtime(tr(lang, " — tidsgräns ändrad av {}: {}", " — deadline changed by {}: {}")),
                                 printable(info.deadline_layer), printable(info.deadline_reason));
    return out;
}

}  // namespace

std::string step_problem_text(const RuleSet& rules, const StepProblem& sp, Lang lang) {
    const ProcessInfo& proc = rules.processes.at(static_cast<size_t>(sp.process));
    const StepResult& r = *sp.result;
    std::string name = step_name(proc, sp.step), text;
    switch (r.status) {
        case StepStatus::Missing:
            text = r.root_cause < 0
                       ? fmt::format(fmt::runtime(tr(lang, "steget '{}' saknas (grundorsak)",
                                                     "step '{}' is missing (root cause)")), name)
                       : fmt::format(fmt::runtime(tr(lang, "steget '{}' saknas (följer av att '{}' saknas)",
                                                     "step '{}' is missing (follows from '{}' missing)")),
                                     name, step_name(proc, r.root_cause));
            break;
        case StepStatus::Late: {
            const StepInfo& info = proc.steps.at(static_cast<size_t>(sp.step));
            std::string from = info.deadline_of ? step_name(proc, *info.deadline_of) : std::string("?");
            text = fmt::format(fmt::runtime(lang == Lang::Sv
                                                ? (r.days_late == 1 ? "steget '{}' ({}) kom {} dag för sent (frist räknad från '{}')"
                                                                    : "steget '{}' ({}) kom {} dagar för sent (frist räknad från '{}')")
                                                : (r.days_late == 1 ? "step '{}' ({}) came {} day late (deadline counted from '{}')"
                                                                    : "step '{}' ({}) came {} days late (deadline counted from '{}')")),
                               name, date_text(r.date), r.days_late, from);
            break;
        }
        case StepStatus::OutOfOrder:
            text = fmt::format(fmt::runtime(tr(lang, "steget '{}' ({}) är daterat före '{}'", "step '{}' ({}) is dated before '{}'")),
                               name, date_text(r.date), step_name(proc, r.before_step));
            break;
        case StepStatus::Unknown:
            text = fmt::format(fmt::runtime(tr(lang, "steget '{}' kan inte bedömas: om det krävs eller vilken händelse som dokumenterar det beror på ett okänt värde",
                                               "step '{}' cannot be assessed: whether it is required or which event documents it depends on an unknown value")), name);
            break;
        case StepStatus::Present:
            text = fmt::format(fmt::runtime(tr(lang, "steget '{}' finns ({})", "step '{}' is present ({})")), name,
                               date_text(r.date));
            break;
        case StepStatus::NotRequired:
            text = fmt::format("'{}': {}", name, step_status_label(r.status, lang));
            break;
        case StepStatus::NotYetDue:
            text = fmt::format(fmt::runtime(tr(lang, "steget '{}' är ej förfallet: fristen har inte gått ut på granskningsdatumet",
                                               "step '{}' is not yet due: its deadline has not passed on the evaluation date")),
                               name);
            break;
    }
    std::string out = printable(proc.name) + ": " + text;
    if (static_cast<size_t>(sp.step) < proc.steps.size() && !proc.steps[static_cast<size_t>(sp.step)].cites.empty())
        out += fmt::format(fmt::runtime(tr(lang, " — lagrum: {}", " — legal basis: {}")),
                           printable(join(proc.steps[static_cast<size_t>(sp.step)].cites, "; ")));
    return out + layer_note(rules, proc, sp.step, lang);
}

std::string case_heading(const CaseResult& c, Lang lang) {
    std::string out = printable(c.id);
    std::vector<std::string> where;
    if (!c.file.empty()) where.push_back(printable(c.file) + (c.line ? ":" + std::to_string(c.line) : ""));
    if (!c.unit.empty()) where.push_back(fmt::format(fmt::runtime(tr(lang, "enhet: {}", "unit: {}")), printable(c.unit)));
    if (!where.empty()) out += " (" + join(where, ", ") + ")";
    return out;
}

}  // namespace aktkoll::report::detail
