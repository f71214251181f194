// The model every writer prints from: the audit table with its cells and
// counts, per-rule counts, findings per case, and the tables as grids.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

bool question_asked(const QuestionInfo& q, const RuleSet& rules) {
    for (int r : q.rules)
        if (r >= 0 && static_cast<size_t>(r) < rules.rules.size() && !rules.rules[r].disabled) return true;
    return false;
}

bool question_asked(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c) {
    for (int r : q.rules)
        if (r >= 0 && !rule_off(rules, c, r)) return true;
    return false;
}

std::string replaced_note(const QuestionInfo& q, const RuleSet& rules, Lang lang) {
    if (q.replaced_by.empty()) return {};
    auto ids = [&](const std::vector<int>& list) {
        std::vector<std::string> out;
        for (int r : list)
            if (r >= 0 && static_cast<size_t>(r) < rules.rules.size()) out.push_back(printable(rules.rules[static_cast<size_t>(r)].id));
        return join(out, ", ");
    };
    return fmt::format(fmt::runtime(tr(lang, "besvaras av {} ({}) i stället för {}: {}", "answered by {} ({}) instead of {}: {}")),
                       ids(q.rules), printable(q.replaced_by), ids(q.replaced_rules), printable(q.replace_reason));
}

std::string question_text(const QuestionInfo& q, const RuleSet& rules, Lang lang) {
    std::string note = replaced_note(q, rules, lang);
    return note.empty() ? printable(q.text) : printable(q.text) + " (" + note + ")";
}

bool rule_off(const RuleSet& rules, const CaseResult& c, int rule) {
    auto r = static_cast<size_t>(rule);
    if (rule < 0 || r >= rules.rules.size() || r >= c.rules.size())
        throw std::logic_error("report: rule index out of range for case " + c.id);
    return rules.rules[r].disabled || c.rules[r].reason == OutcomeReason::Disabled;
}

namespace {

bool same(const Counts& a, const Counts& b) { return a.n == b.n; }

void check_agrees(const std::vector<Counts>& from_cells, const std::vector<Counts>& totals, const char* what) {
    if (totals.empty()) {  // totals of no cases at all
        for (const Counts& c : from_cells)
            if (c.total() != 0) throw std::logic_error(fmt::format("report: {} totals missing", what));
        return;
    }
    if (totals.size() != from_cells.size())
        throw std::logic_error(fmt::format("report: {} totals are of another rule set", what));
    for (size_t i = 0; i < totals.size(); ++i)
        if (!same(totals[i], from_cells[i]))
            throw std::logic_error(fmt::format("report: {} totals disagree with the cells at {}", what, i));
}

AuditTable empty_table(const RuleSet& rules) {
    AuditTable t;
    t.per_rule.resize(rules.rules.size());
    for (const QuestionInfo& q : rules.questions) t.rows.push_back({&q, question_asked(q, rules), {}, {}});
    return t;
}

}  // namespace

std::optional<Outcome> case_answer(const QuestionInfo& q, const RuleSet& rules, const CaseResult& c) {
    if (!question_asked(q, rules) || !question_asked(q, rules, c)) return std::nullopt;
    return question_outcome(q, rules, c);
}

AuditTable audit_table(const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals) {
    AuditTable t = empty_table(rules);
    t.cases = cases.size();
    for (QuestionRow& row : t.rows) row.cells.resize(cases.size());
    for (size_t k = 0; k < cases.size(); ++k) {
        const CaseResult& c = cases[k];
        for (size_t r = 0; r < rules.rules.size(); ++r)
            if (!rule_off(rules, c, static_cast<int>(r))) t.per_rule[r].add(c.rules[r].outcome);
        for (QuestionRow& row : t.rows) {
            if (!row.asked) continue;
            row.cells[k] = case_answer(*row.info, rules, c);
            if (row.cells[k]) row.counts.add(*row.cells[k]);
        }
    }
    // A question no case was asked (all its rules off or not selected) prints "–" throughout.
    for (QuestionRow& row : t.rows)
        if (!cases.empty() && row.counts.total() == 0) row.asked = false;
    if (totals.cases != cases.size())
        throw std::logic_error(fmt::format("report: totals over {} cases, table over {}", totals.cases, cases.size()));
    std::vector<Counts> per_question;
    for (const QuestionRow& row : t.rows) per_question.push_back(row.counts);
    check_agrees(per_question, totals.per_question, "question");
    check_agrees(t.per_rule, totals.per_rule, "rule");
    return t;
}

AuditTable totals_table(const RuleSet& rules, const Totals& totals) {
    AuditTable t = empty_table(rules);
    t.cases = totals.cases;
    if (!totals.per_question.empty() && totals.per_question.size() != t.rows.size())
        throw std::logic_error("report: question totals are of another rule set");
    if (!totals.per_rule.empty() && totals.per_rule.size() != t.per_rule.size())
        throw std::logic_error("report: rule totals are of another rule set");
    for (size_t i = 0; i < totals.per_question.size(); ++i) t.rows[i].counts = totals.per_question[i];
    for (size_t i = 0; i < totals.per_rule.size(); ++i) t.per_rule[i] = totals.per_rule[i];
    for (QuestionRow& row : t.rows)
        if (totals.cases > 0 && row.counts.total() == 0) row.asked = false;
    return t;
}

std::vector<std::vector<std::string>> questions_by_rule(const RuleSet& rules) {
    std::vector<std::vector<std::string>> out(rules.rules.size());
    for (const QuestionInfo& q : rules.questions)
        for (int r : q.rules)
            if (r >= 0 && static_cast<size_t>(r) < out.size()) out[r].push_back(q.number);
    return out;
}

CaseFindings findings_of(const RuleSet& rules, const CaseResult& c) {
    CaseFindings f;
    f.c = &c;
    for (size_t r = 0; r < rules.rules.size(); ++r) {
        if (rule_off(rules, c, static_cast<int>(r))) continue;
        Outcome o = c.rules[r].outcome;
        if (o == Outcome::Nej || o == Outcome::EB) f.rules.push_back(static_cast<int>(r));
    }
    for (size_t p = 0; p < c.processes.size(); ++p)
        for (size_t s = 0; s < c.processes[p].size(); ++s) {
            StepStatus st = c.processes[p][s].status;
            if (st == StepStatus::Missing || st == StepStatus::Late || st == StepStatus::OutOfOrder ||
                st == StepStatus::Unknown)
                f.steps.push_back({static_cast<int>(p), static_cast<int>(s), &c.processes[p][s]});
        }
    return f;
}

const RuleVersionInfo* version_used(const RuleSet& rules, const CaseResult& c, int rule) {
    int v = c.rules.at(static_cast<size_t>(rule)).version;
    const auto& versions = rules.rules.at(static_cast<size_t>(rule)).versions;
    if (v < 0 || static_cast<size_t>(v) >= versions.size()) return nullptr;
    return &versions[static_cast<size_t>(v)];
}

Tone tone_of(std::optional<Outcome> o) {
    if (!o) return Tone::Off;
    switch (*o) {
        case Outcome::Ja: return Tone::Ja;
        case Outcome::Nej: return Tone::Nej;
        case Outcome::Et: return Tone::Et;
        case Outcome::EB: return Tone::EB;
    }
    return Tone::Plain;
}

namespace {

Cell outcome_cell(std::optional<Outcome> o, Lang lang) {
    return {o ? outcome_label(*o, lang) : kDash, tone_of(o)};
}

std::string count_text(const Counts& c, Outcome o, bool asked) {
    return asked ? std::to_string(c.of(o)) : std::string(kDash);
}

constexpr Outcome kOrder[] = {Outcome::Ja, Outcome::Nej, Outcome::Et, Outcome::EB};

const char* share_heading(Lang lang) { return tr(lang, "Ja av bedömda", "Yes of assessed"); }

}  // namespace

std::vector<std::string> case_row_header(const RuleSet& rules, Lang lang) {
    std::vector<std::string> header{tr(lang, "Ärende", "Case")};
    for (const QuestionInfo& q : rules.questions) header.push_back(printable(q.number));
    return header;
}

std::vector<Align> case_row_align(const RuleSet& rules) {
    std::vector<Align> align(rules.questions.size() + 1, Align::Center);
    align.front() = Align::Left;
    return align;
}

std::vector<Cell> case_row(const RuleSet& rules, const CaseResult& c, Lang lang) {
    std::vector<Cell> cells{{printable(c.id)}};
    for (const QuestionInfo& q : rules.questions) cells.push_back(outcome_cell(case_answer(q, rules, c), lang));
    return cells;
}

AuditGrid audit_grid(const RuleSet& rules, const std::vector<CaseResult>& cases, const AuditTable& t, Lang lang,
                     bool transposed, size_t max_question_chars) {
    AuditGrid ag;
    ag.transposed = transposed;
    Grid& g = ag.grid;
    if (!transposed) {
        g.header = {tr(lang, "Nr", "No."), tr(lang, "Fråga", "Question")};
        g.align = {Align::Right, Align::Left};
        for (const CaseResult& c : cases) {
            g.header.push_back(printable(c.id));
            g.align.push_back(Align::Center);
        }
        for (Outcome o : kOrder) {
            g.header.push_back(outcome_label(o, lang));
            g.align.push_back(Align::Right);
        }
        g.header.push_back(share_heading(lang));
        g.align.push_back(Align::Right);
        for (const QuestionRow& row : t.rows) {
            std::string text = question_text(*row.info, rules, lang);
            if (max_question_chars && display_width(text) > max_question_chars) {
                text = cut_to_width(text, max_question_chars);
                ag.truncated = true;
            }
            std::vector<Cell> cells{{printable(row.info->number)}, {text}};
            for (const auto& cell : row.cells) cells.push_back(outcome_cell(cell, lang));
            for (Outcome o : kOrder) cells.push_back({count_text(row.counts, o, row.asked)});
            cells.push_back({share_text(row.counts, lang)});
            g.rows.push_back(std::move(cells));
        }
        g.body_rows = g.rows.size();
        return ag;
    }
    g.header = case_row_header(rules, lang);
    g.align = case_row_align(rules);
    for (size_t k = 0; k < cases.size(); ++k) {
        std::vector<Cell> cells{{printable(cases[k].id)}};
        for (const QuestionRow& row : t.rows) cells.push_back(outcome_cell(row.cells.at(k), lang));
        g.rows.push_back(std::move(cells));
    }
    g.body_rows = g.rows.size();
    for (Outcome o : kOrder) {
        std::vector<Cell> cells{{outcome_label(o, lang)}};
        for (const QuestionRow& row : t.rows) cells.push_back({count_text(row.counts, o, row.asked)});
        g.rows.push_back(std::move(cells));
    }
    std::vector<Cell> shares{{share_heading(lang)}};
    for (const QuestionRow& row : t.rows) shares.push_back({share_text(row.counts, lang)});
    g.rows.push_back(std::move(shares));
    return ag;
}

Grid rules_grid(const RuleSet& rules, const AuditTable& t, Lang lang) {
    Grid g;
    g.header = {tr(lang, "Regel", "Rule"), tr(lang, "Lager", "Layer"), tr(lang, "Frågor", "Questions")};
    g.align = {Align::Left, Align::Left, Align::Left};
    for (Outcome o : kOrder) {
        g.header.push_back(outcome_label(o, lang));
        g.align.push_back(Align::Right);
    }
    g.header.push_back(share_heading(lang));
    g.align.push_back(Align::Right);
    bool any_off = false;
    for (const RuleInfo& r : rules.rules) any_off = any_off || r.disabled;
    if (any_off) {
        g.header.push_back(tr(lang, "Status", "Status"));
        g.align.push_back(Align::Left);
    }
    auto numbers = questions_by_rule(rules);
    for (size_t i = 0; i < rules.rules.size(); ++i) {
        const RuleInfo& r = rules.rules[i];
        std::vector<Cell> cells{{printable(r.id)}, {printable(r.layer)}, {numbers[i].empty() ? kDash : join(numbers[i], ", ")}};
        bool counted = !r.disabled && t.per_rule.at(i).total() > 0;
        for (Outcome o : kOrder) cells.push_back({count_text(t.per_rule.at(i), o, counted)});
        cells.push_back({counted ? share_text(t.per_rule.at(i), lang) : std::string(kDash)});
        if (any_off)
            cells.push_back({r.disabled ? fmt::format(fmt::runtime(tr(lang, "avstängd av {}", "switched off by {}")),
                                                      printable(r.disabled_by))
                                        : std::string()});
        g.rows.push_back(std::move(cells));
    }
    g.body_rows = g.rows.size();
    return g;
}

}  // namespace aktkoll::report::detail

namespace aktkoll::report::detail {

Grid frequent_findings_grid(const RuleSet& rules, const AuditTable& t, const StepTally& steps, Lang lang, size_t limit) {
    struct Row {
        std::string what;
        uint64_t n;
    };
    std::vector<Row> found;
    auto numbers = questions_by_rule(rules);
    for (size_t r = 0; r < rules.rules.size(); ++r) {
        if (rules.rules[r].disabled) continue;
        std::string questions = numbers[r].empty() ? std::string()
                                                   : fmt::format(fmt::runtime(tr(lang, " (fråga {})", " (question {})")), join(numbers[r], ", "));
        for (Outcome o : {Outcome::Nej, Outcome::EB})
            found.push_back({fmt::format("{}{}: {}", printable(rules.rules[r].id), questions, outcome_label(o, lang)), t.per_rule.at(r).of(o)});
    }
    constexpr StepStatus kProblems[] = {StepStatus::Missing, StepStatus::Late, StepStatus::OutOfOrder, StepStatus::Unknown};
    for (size_t p = 0; p < steps.counts.size() && p < rules.processes.size(); ++p)
        for (size_t s = 0; s < steps.counts[p].size(); ++s)
            for (StepStatus st : kProblems)
                found.push_back({fmt::format("{}: {} – {}", printable(rules.processes[p].name), printable(rules.processes[p].steps[s].name),
                                             step_status_label(st, lang)),
                                 steps.counts[p][s][static_cast<size_t>(st)]});
    std::stable_sort(found.begin(), found.end(), [](const Row& a, const Row& b) { return a.n > b.n; });
    Grid g;
    g.header = {tr(lang, "Anmärkning", "Finding"), tr(lang, "Ärenden", "Cases"), tr(lang, "Andel av ärenden", "Share of cases")};
    g.align = {Align::Left, Align::Right, Align::Right};
    for (const Row& row : found) {
        if (row.n == 0 || g.rows.size() >= limit) break;
        g.rows.push_back({{row.what}, {std::to_string(row.n)}, {fmt::format("{} %", share_percent(row.n, t.cases))}});
    }
    g.body_rows = g.rows.size();
    return g;
}

std::string per_case_note(uint64_t cases, uint64_t above, Lang lang) {
    return fmt::format(fmt::runtime(tr(lang,
                                       "Resultat och anmärkningar per ärende visas inte när ärendena är fler än {} (här {}): "
                                       "ange --per-case FIL för dem som NDJSON, eller --all-cases för dem i rapporten.",
                                       "Results and findings per case are not shown for more than {} cases (here {}): give "
                                       "--per-case FILE for them as NDJSON, or --all-cases for them in the report.")),
                       above, cases);
}

}  // namespace aktkoll::report::detail
