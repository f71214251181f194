#include "report/diff.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/detail.hpp"

namespace aktkoll::report {

namespace {

Counts counts_of(const std::array<uint64_t, kDiffOutcomes>& a) {
    Counts c;
    for (size_t i = 0; i < kOutcomes; ++i) c.n[i] = a[i];
    return c;
}

std::string label(DiffOutcome o, Lang lang) { return diff_outcome_label(o, lang); }

std::string item_title(const DiffItem& item, Lang lang) {
    const std::string& text = item.text_new.empty() ? item.text_old : item.text_new;
    if (item.question) return fmt::format(fmt::runtime(tr(lang, "Fråga {}: {}", "Question {}: {}")), item.key, text);
    return fmt::format(fmt::runtime(tr(lang, "Regel {} (besvarar ingen fråga i mallen): {}",
                                       "Rule {} (answers no question of the template): {}")),
                       item.key, text);
}

std::string transitions_text(const DiffItem& item, Lang lang) {
    std::vector<std::string> parts;
    for (size_t a = 0; a < kDiffOutcomes; ++a)
        for (size_t b = 0; b < kDiffOutcomes; ++b)
            if (item.transitions[a][b])
                parts.push_back(fmt::format("{} → {}: {}", label(static_cast<DiffOutcome>(a), lang),
                                            label(static_cast<DiffOutcome>(b), lang), item.transitions[a][b]));
    return detail::join(parts, ", ");
}

std::string distribution(const std::array<uint64_t, kDiffOutcomes>& a, Lang lang) {
    std::vector<std::string> parts;
    for (size_t i = 0; i < kOutcomes; ++i)
        parts.push_back(fmt::format("{} {}", outcome_label(static_cast<Outcome>(i), lang), a[i]));
    return detail::join(parts, ", ") + "; " +
           fmt::format(fmt::runtime(tr(lang, "andel Ja {}", "share Yes {}")), detail::share_text(counts_of(a), lang));
}

std::string side_text(const DiffSide& s) {
    return s.pack.empty() ? s.label : fmt::format("{} ({} {})", s.label, s.pack, s.version);
}

// ---- terminal and Markdown ------------------------------------------------------

class TextWriter {
public:
    TextWriter(std::ostream& out, bool md, Lang lang, size_t max_listed)
        : out_(out), md_(md), lang_(lang), max_listed_(max_listed) {}

    void write(const RuleSetDiff& d, const DiffInfo& info) {
        header(d, info);
        texts(d.texts);
        std::vector<std::string> same_questions, same_rules;
        for (const auto& item : d.items) {
            if (item.presence == DiffPresence::Both && item.changed == 0 && item.text_old == item.text_new) {
                (item.question ? same_questions : same_rules).push_back(item.key);
                continue;
            }
            this->item(item, d.cases);
        }
        if (!same_questions.empty())
            line(fmt::format(fmt::runtime(tr(lang_, "Oförändrade frågor: {}", "Unchanged questions: {}")),
                             detail::join(same_questions, ", ")));
        if (!same_rules.empty())
            line(fmt::format(fmt::runtime(tr(lang_, "Oförändrade regler utanför mallen: {}", "Unchanged rules outside the template: {}")),
                             detail::join(same_rules, ", ")));
        if (!md_ && !d.steps.empty() && (!same_questions.empty() || !same_rules.empty())) out_ << '\n';
        steps(d);
    }

private:
    std::string text(std::string_view s) const { return md_ ? detail::md_escape(s) : detail::printable(s); }
    void heading(int level, const std::string& s) {
        if (md_) out_ << std::string(static_cast<size_t>(level), '#') << ' ' << text(s) << "\n\n";
        else out_ << text(s) << '\n';
    }
    void line(const std::string& s, bool indent = false) {
        if (md_) out_ << text(s) << "\n\n";
        else out_ << (indent ? "  " : "") << text(s) << '\n';
    }

    void header(const RuleSetDiff& d, const DiffInfo& info) {
        heading(1, tr(lang_, "Vad ändras: jämförelse av regler på samma ärenden",
                      "What changes: the rules compared on the same cases"));
        const char* sep = md_ ? "  \n" : "\n";
        out_ << text(fmt::format(fmt::runtime(tr(lang_, "Före: {}", "Before: {}")), side_text(info.old_side))) << sep
             << text(fmt::format(fmt::runtime(tr(lang_, "Efter: {}", "After: {}")), side_text(info.new_side))) << sep
             << text(fmt::format(fmt::runtime(tr(lang_, "Ärenden: {} ({} granskade med båda reglerna, {} med något ändrat svar eller processteg)",
                                                 "Cases: {} ({} checked with both rule sets, {} with a changed answer or process step)")),
                                 detail::join(info.case_files, ", "), d.cases, d.cases_changed))
             << '\n';
        if (d.only_old || d.only_new)
            out_ << (md_ ? "\n" : "")
                 << text(fmt::format(fmt::runtime(tr(lang_, "Poster som bara den ena vokabulären godtar: {} bara före, {} bara efter",
                                                     "Records only one vocabulary accepts: {} before only, {} after only")),
                                     d.only_old, d.only_new))
                 << '\n';
        const uint64_t rejected = d.new_report.stats.rejected;
        if (rejected)
            out_ << (md_ ? "\n" : "")
                 << text(fmt::format(fmt::runtime(tr(lang_, "{} poster avvisades (se aktkoll validate)",
                                                     "{} records were rejected (see aktkoll validate)")),
                                     rejected))
                 << '\n';
        out_ << '\n';
    }

    // What the rules say, before what the cases get.
    void texts(const std::vector<TextChange>& changes) {
        heading(2, tr(lang_, "Ändrade regeltexter och parametrar", "Changed rule texts and parameters"));
        if (changes.empty()) {
            line(tr(lang_, "Inga: reglerna och parametrarna har samma text.", "None: the rules and parameters read the same."), true);
        }
        for (const auto& c : changes) line(text_change_line(c), true);
        if (!md_) out_ << '\n';
    }

    std::string text_change_line(const TextChange& c) const {
        std::string what = c.parameter ? fmt::format(fmt::runtime(tr(lang_, "Parameter {}", "Parameter {}")), c.subject)
                                       : fmt::format(fmt::runtime(tr(lang_, "Regel {}", "Rule {}")), c.subject);
        if (c.version) what += fmt::format(fmt::runtime(tr(lang_, " version {}", " version {}")), c.version);
        if (c.field == "rule")
            return what + (c.before.empty() ? tr(lang_, ": tillagd", ": added") : tr(lang_, ": borttagen", ": removed"));
        if (!c.parameter) what += " " + c.field;
        const std::string none = tr(lang_, "(saknas)", "(absent)");
        return fmt::format("{}: {} → {}", what, c.before.empty() ? none : quoted(c.before), c.after.empty() ? none : quoted(c.after));
    }
    static std::string quoted(const std::string& s) { return "«" + s + "»"; }

    void steps(const RuleSetDiff& d) {
        std::vector<std::string> same;
        for (const auto& st : d.steps) {
            if (st.changed == 0) {
                same.push_back(st.process + "." + st.step);
                continue;
            }
            heading(2, fmt::format(fmt::runtime(tr(lang_, "Processteg {}.{}", "Process step {}.{}")), st.process, st.step));
            std::vector<std::string> parts;
            for (StepStatus a : kAllStepStatuses)
                for (StepStatus b : kAllStepStatuses)
                    if (auto n = st.transitions[static_cast<size_t>(a)][static_cast<size_t>(b)])
                        parts.push_back(fmt::format("{} → {}: {}", step_status_label(a, lang_), step_status_label(b, lang_), n));
            line(fmt::format(fmt::runtime(tr(lang_, "{} av {} ärenden med ändrat tillstånd: {}", "{} of {} cases with a changed state: {}")),
                             st.changed, d.cases, detail::join(parts, ", ")),
                 true);
            step_changes(st);
            if (!md_) out_ << '\n';
        }
        if (!same.empty())
            line(fmt::format(fmt::runtime(tr(lang_, "Processteg med oförändrat tillstånd: {}", "Process steps with unchanged states: {}")),
                             detail::join(same, ", ")));
    }

    void step_changes(const StepDiff& st) {
        const size_t shown = max_listed_ ? std::min(max_listed_, st.changes.size()) : st.changes.size();
        for (size_t i = 0; i < shown; ++i) {
            const auto& c = st.changes[i];
            const std::string row = fmt::format("{}: {} → {}", text(c.case_id), step_status_label(c.from, lang_), step_status_label(c.to, lang_));
            if (md_) out_ << "- " << row << '\n';
            else out_ << "    " << row << '\n';
        }
        if (md_ && shown) out_ << '\n';
        if (shown < st.changes.size())
            line(fmt::format(fmt::runtime(tr(lang_, "… och {} ärenden till (se --format json)", "… and {} more cases (see --format json)")),
                             st.changes.size() - shown),
                 true);
    }

    void item(const DiffItem& item, uint64_t cases) {
        heading(2, item_title(item, lang_));
        if (item.question && !item.text_old.empty() && !item.text_new.empty() && item.text_old != item.text_new)
            line(fmt::format(fmt::runtime(tr(lang_, "Frågans text före: {}", "The question's text before: {}")), item.text_old),
                 true);
        if (item.presence == DiffPresence::Added) {
            line(fmt::format(fmt::runtime(tr(lang_, "Tillagd i de nya reglerna. Efter: {}", "Added in the new rules. After: {}")),
                             distribution(item.after, lang_)),
                 true);
        } else if (item.presence == DiffPresence::Removed) {
            line(fmt::format(fmt::runtime(tr(lang_, "Borttagen eller avstängd i de nya reglerna. Före: {}",
                                             "Removed or switched off in the new rules. Before: {}")),
                             distribution(item.before, lang_)),
                 true);
        } else {
            line(fmt::format(fmt::runtime(tr(lang_, "{} av {} ärenden ändrade: {}", "{} of {} cases changed: {}")), item.changed,
                             cases, item.changed ? transitions_text(item, lang_) : tr(lang_, "inga", "none")),
                 true);
            line(fmt::format(fmt::runtime(tr(lang_, "Andel Ja: {} → {}", "Share Yes: {} → {}")),
                             detail::share_text(counts_of(item.before), lang_), detail::share_text(counts_of(item.after), lang_)),
                 true);
            changes(item);
        }
        if (!md_) out_ << '\n';
    }

    void changes(const DiffItem& item) {
        if (item.changes.empty()) return;
        const size_t shown = max_listed_ ? std::min(max_listed_, item.changes.size()) : item.changes.size();
        if (md_) {
            out_ << "| " << tr(lang_, "Ärende", "Case") << " | " << tr(lang_, "Före", "Before") << " | "
                 << tr(lang_, "Efter", "After") << " |\n| --- | --- | --- |\n";
            for (size_t i = 0; i < shown; ++i) {
                const auto& c = item.changes[i];
                out_ << "| " << text(c.case_id) << " | " << label(c.from, lang_) << " | " << label(c.to, lang_) << " |\n";
            }
            out_ << '\n';
        } else {
            for (size_t i = 0; i < shown; ++i) {
                const auto& c = item.changes[i];
                out_ << "    " << text(c.case_id) << ": " << label(c.from, lang_) << " → " << label(c.to, lang_) << '\n';
            }
        }
        if (shown < item.changes.size())
            line(fmt::format(fmt::runtime(tr(lang_, "… och {} ärenden till (se --format json)", "… and {} more cases (see --format json)")),
                             item.changes.size() - shown),
                 true);
    }

    std::ostream& out_;
    bool md_;
    Lang lang_;
    size_t max_listed_;
};

// ---- JSON -------------------------------------------------------------------------

const char* presence_key(DiffPresence p) {
    switch (p) {
        case DiffPresence::Both: return "both";
        case DiffPresence::Added: return "added";
        case DiffPresence::Removed: return "removed";
    }
    return "?";
}

const char* outcome_key(DiffOutcome o) { return o == DiffOutcome::Off ? "off" : aktkoll::outcome_key(static_cast<Outcome>(o)); }

nlohmann::ordered_json counts_json(const std::array<uint64_t, kDiffOutcomes>& a) {
    nlohmann::ordered_json j;
    for (size_t i = 0; i < kDiffOutcomes; ++i) j[outcome_key(static_cast<DiffOutcome>(i))] = a[i];
    return j;
}

nlohmann::ordered_json side_json(const DiffSide& s) {
    return {{"rules", s.label}, {"pack", s.pack}, {"version", s.version}};
}

void write_json(std::ostream& out, const RuleSetDiff& d, const DiffInfo& info) {
    nlohmann::ordered_json j;
    j["format"] = kJsonDiffFormat;
    j["aktkoll_version"] = info.aktkoll_version;
    j["before"] = side_json(info.old_side);
    j["after"] = side_json(info.new_side);
    j["case_files"] = info.case_files;
    j["cases"] = d.cases;
    j["cases_changed"] = d.cases_changed;
    j["records_before_only"] = d.only_old;
    j["records_after_only"] = d.only_new;
    j["rejected"] = d.new_report.stats.rejected;
    auto& texts = j["text_changes"] = nlohmann::ordered_json::array();
    for (const auto& c : d.texts) {
        nlohmann::ordered_json e;
        e["kind"] = c.parameter ? "parameter" : "rule";
        e["subject"] = c.subject;
        if (c.version) e["version"] = c.version;
        e["field"] = c.field;
        e["before"] = c.before.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.before);
        e["after"] = c.after.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.after);
        texts.push_back(std::move(e));
    }
    auto& items = j["items"] = nlohmann::ordered_json::array();
    for (const auto& item : d.items) {
        nlohmann::ordered_json e;
        e["kind"] = item.question ? "question" : "rule";
        e["key"] = item.key;
        e["text_before"] = item.text_old;
        e["text_after"] = item.text_new;
        e["presence"] = presence_key(item.presence);
        e["changed"] = item.changed;
        e["before"] = counts_json(item.before);
        e["after"] = counts_json(item.after);
        auto& tr = e["transitions"] = nlohmann::ordered_json::array();
        for (size_t a = 0; a < kDiffOutcomes; ++a)
            for (size_t b = 0; b < kDiffOutcomes; ++b)
                if (item.transitions[a][b])
                    tr.push_back({{"from", outcome_key(static_cast<DiffOutcome>(a))},
                                  {"to", outcome_key(static_cast<DiffOutcome>(b))},
                                  {"count", item.transitions[a][b]}});
        auto& ch = e["changes"] = nlohmann::ordered_json::array();
        for (const auto& c : item.changes)
            ch.push_back({{"case", c.case_id}, {"from", outcome_key(c.from)}, {"to", outcome_key(c.to)}});
        items.push_back(std::move(e));
    }
    auto& steps = j["steps"] = nlohmann::ordered_json::array();
    for (const auto& st : d.steps) {
        auto changes = nlohmann::ordered_json::array();
        for (const auto& c : st.changes)
            changes.push_back({{"case", c.case_id}, {"from", step_status_key(c.from)}, {"to", step_status_key(c.to)}});
        steps.push_back({{"process", st.process}, {"step", st.step}, {"changed", st.changed}, {"changes", changes}});
    }
    out << j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace

void write_diff(std::ostream& out, const RuleSetDiff& d, const DiffInfo& info, Format format, Lang lang) {
    switch (format) {
        case Format::Terminal: TextWriter(out, false, lang, info.max_listed).write(d, info); return;
        case Format::Markdown: TextWriter(out, true, lang, info.max_listed).write(d, info); return;
        case Format::Json: write_json(out, d, info); return;
        default: throw std::invalid_argument("write_diff: terminal, md or json");
    }
}

}  // namespace aktkoll::report
