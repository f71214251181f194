// The history's trend as terminal text, Markdown, JSON or HTML: each
// question's share Ja of the assessed per period, oldest first, and the cases
// whose answer changed between the two compared periods.
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "report/detail.hpp"

namespace aktkoll::report {

namespace {

using namespace detail;

// "+15", "−3", "±0" percentage points from the earlier to the later share;
// "–" unless both were assessed.
std::string change_text(const std::optional<Counts>& before, const std::optional<Counts>& after) {
    if (!before || !after || before->assessed() == 0 || after->assessed() == 0) return kDash;
    const long pp = std::lround(100.0 * (share_of(*after) - share_of(*before)));
    if (pp == 0) return "±0";
    return pp > 0 ? fmt::format("+{}", pp) : fmt::format("−{}", -pp);
}

Grid periods_grid(const Trend& t, Lang lang) {
    Grid g;
    g.header = {tr(lang, "Period", "Period"), tr(lang, "Utvärderad", "Evaluated"), tr(lang, "Datum", "Dates"),
                tr(lang, "Regelpaket", "Rule pack"), tr(lang, "Ärenden", "Cases")};
    g.align = {Align::Left, Align::Left, Align::Left, Align::Left, Align::Right};
    for (const HistoryPeriod& p : t.periods)
        g.rows.push_back({{printable(p.label)}, {printable(p.evaluated_on)}, {printable(p.period)},
                          {printable(p.pack + " " + p.pack_version)}, {std::to_string(p.cases)}});
    g.body_rows = g.rows.size();
    return g;
}

// Questions as rows, periods as columns, and the change over the last two.
Grid shares_grid(const Trend& t, Lang lang, size_t max_question_chars) {
    Grid g;
    g.header.push_back(tr(lang, "Fråga", "Question"));
    g.align.push_back(Align::Left);
    for (const HistoryPeriod& p : t.periods) {
        g.header.push_back(printable(p.label));
        g.align.push_back(Align::Right);
    }
    const bool change = t.periods.size() >= 2;
    if (change) {
        g.header.push_back(tr(lang, "Ändring (procentenheter)", "Change (percentage points)"));
        g.align.push_back(Align::Right);
    }
    for (const QuestionTrend& q : t.questions) {
        std::string text = printable(q.number + ". " + q.text);
        if (max_question_chars) text = cut_to_width(text, max_question_chars);
        std::vector<Cell> row{{text}};
        for (const auto& c : q.by_period) row.push_back({c ? share_text(*c, lang) : std::string(kDash)});
        if (change) row.push_back({change_text(q.by_period[q.by_period.size() - 2], q.by_period.back())});
        g.rows.push_back(std::move(row));
    }
    g.body_rows = g.rows.size();
    return g;
}

Grid changes_grid(const Trend& t, Lang lang) {
    Grid g;
    g.header = {tr(lang, "Fråga", "Question"), tr(lang, "Ärende", "Case"), printable(t.from_label), printable(t.to_label)};
    g.align = {Align::Left, Align::Left, Align::Center, Align::Center};
    for (const OutcomeChange& c : t.changes)
        g.rows.push_back({{printable(c.question)},
                          {printable(c.case_id)},
                          {outcome_label(c.from, lang), tone_of(c.from)},
                          {outcome_label(c.to, lang), tone_of(c.to)}});
    g.body_rows = g.rows.size();
    return g;
}

std::string changes_heading(const Trend& t, Lang lang) {
    return fmt::format(fmt::runtime(tr(lang, "Ärenden med ändrat svar: {} → {}", "Cases whose answer changed: {} → {}")),
                       printable(t.from_label), printable(t.to_label));
}

std::string share_note(Lang lang) {
    return tr(lang,
              "Andel Ja av bedömda = Ja / (Ja + Nej); Et och EB räknas inte. – = inget bedömt eller frågan ställdes inte.",
              "Share Yes of assessed = Yes / (Yes + No); N/A and U/A are not counted. – = nothing assessed or the question "
              "was not asked.");
}

void write_text(std::ostream& out, const Trend& t, const Options& opt) {
    const Lang lang = opt.lang;
    const bool md = opt.format == Format::Markdown;
    auto heading = [&](int level, const std::string& s) {
        const std::string text = md ? md_escape(s) : s;
        if (md) {
            out << std::string(static_cast<size_t>(level), '#') << ' ' << text << "\n\n";
            return;
        }
        out << text << '\n';
        for (size_t i = 0; i < display_width(text); ++i) out << (level == 1 ? "═" : "─");
        out << "\n\n";
    };
    auto para = [&](const std::string& s) { out << (md ? md_escape(s) : s) << "\n\n"; };
    auto grid = [&](const Grid& g) {
        if (md) render_markdown(out, g);
        else render_terminal(out, g, opt.color);
        out << '\n';
    };
    heading(1, tr(lang, "Trend: andel Ja av bedömda per fråga", "Trend: share Yes of assessed per question"));
    if (t.periods.empty()) {
        para(tr(lang, "Historiken har inga sparade perioder.", "The history has no stored periods."));
        return;
    }
    heading(2, tr(lang, "Perioder (äldst först)", "Periods (oldest first)"));
    grid(periods_grid(t, lang));
    heading(2, tr(lang, "Andel per fråga", "Share per question"));
    grid(shares_grid(t, lang, md ? 0 : 72));
    para(share_note(lang));
    if (t.from_label.empty()) {
        para(tr(lang, "Bara en period: inget att jämföra.", "Only one period: nothing to compare."));
        return;
    }
    heading(2, changes_heading(t, lang));
    if (t.changes.empty())
        para(tr(lang, "Inga ärenden i båda perioderna fick ett annat svar.", "No case in both periods got a different answer."));
    else
        grid(changes_grid(t, lang));
}

nlohmann::ordered_json counts_json(const std::optional<Counts>& c) {
    if (!c) return nullptr;
    nlohmann::ordered_json j;
    for (Outcome o : kAllOutcomes) j[outcome_key(o)] = c->of(o);
    j["assessed"] = c->assessed();
    j["share"] = c->assessed() ? nlohmann::ordered_json(share_of(*c)) : nlohmann::ordered_json(nullptr);
    return j;
}

void write_json(std::ostream& out, const Trend& t) {
    nlohmann::ordered_json j;
    j["format"] = kJsonTrendFormat;
    j["periods"] = nlohmann::ordered_json::array();
    for (const HistoryPeriod& p : t.periods)
        j["periods"].push_back({{"label", p.label},
                                {"evaluated_on", p.evaluated_on},
                                {"period", p.period},
                                {"pack", p.pack},
                                {"pack_version", p.pack_version},
                                {"cases", p.cases}});
    j["questions"] = nlohmann::ordered_json::array();
    for (const QuestionTrend& q : t.questions) {
        nlohmann::ordered_json by = nlohmann::ordered_json::array();
        for (const auto& c : q.by_period) by.push_back(counts_json(c));
        j["questions"].push_back({{"number", q.number}, {"text", q.text}, {"by_period", by}});
    }
    if (t.from_label.empty()) {
        j["compared"] = nullptr;
    } else {
        j["compared"] = {{"from", t.from_label}, {"to", t.to_label}};
    }
    j["changes"] = nlohmann::ordered_json::array();
    for (const OutcomeChange& c : t.changes)
        j["changes"].push_back({{"question", c.question}, {"case", c.case_id}, {"from", outcome_key(c.from)}, {"to", outcome_key(c.to)}});
    out << j.dump(2) << '\n';
}

void html_grid(std::ostream& out, const Grid& g, const char* cls) {
    out << "<table class=\"" << cls << "\">\n<thead><tr>";
    for (const std::string& h : g.header) out << "<th scope=\"col\">" << html_escape(h) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : g.rows) {
        out << "<tr>";
        for (size_t i = 0; i < row.size(); ++i) {
            const char* tone = row[i].tone == Tone::Ja    ? " class=\"c o-ja\""
                               : row[i].tone == Tone::Nej ? " class=\"c o-nej\""
                               : row[i].tone == Tone::Et  ? " class=\"c o-et\""
                               : row[i].tone == Tone::EB  ? " class=\"c o-eb\""
                               : g.align[i] == Align::Right ? " class=\"r\""
                                                            : "";
            out << (i == 0 ? "<th scope=\"row\">" : std::string("<td") + tone + ">") << html_escape(row[i].text)
                << (i == 0 ? "</th>" : "</td>");
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
}

void write_html(std::ostream& out, const Trend& t, const Options& opt) {
    const Lang lang = opt.lang;
    const std::string title = tr(lang, "Trend: andel Ja av bedömda per fråga", "Trend: share Yes of assessed per question");
    write_html_head(out, title, lang);
    out << "<header><h1>" << html_escape(title) << "</h1></header>\n";
    if (t.periods.empty()) {
        out << "<p>" << html_escape(tr(lang, "Historiken har inga sparade perioder.", "The history has no stored periods."))
            << "</p>\n</body>\n</html>\n";
        return;
    }
    out << "<section>\n<h2>" << html_escape(tr(lang, "Perioder (äldst först)", "Periods (oldest first)")) << "</h2>\n";
    html_grid(out, periods_grid(t, lang), "periods");
    out << "</section>\n";
    write_html_trend_sections(out, t, lang);
    out << "<section>\n";
    if (t.from_label.empty()) {
        out << "<p>" << html_escape(tr(lang, "Bara en period: inget att jämföra.", "Only one period: nothing to compare.")) << "</p>\n";
    } else {
        out << "<h2>" << html_escape(changes_heading(t, lang)) << "</h2>\n";
        if (t.changes.empty())
            out << "<p>" << html_escape(tr(lang, "Inga ärenden i båda perioderna fick ett annat svar.",
                                           "No case in both periods got a different answer."))
                << "</p>\n";
        else
            html_grid(out, changes_grid(t, lang), "changes");
    }
    out << "</section>\n<footer class=\"note\">" << html_escape(kJsonTrendFormat) << "</footer>\n</body>\n</html>\n";
}

}  // namespace

void detail::write_html_trend_sections(std::ostream& out, const Trend& t, Lang lang) {
    std::vector<std::string> labels;
    for (const HistoryPeriod& p : t.periods) labels.push_back(p.label);
    out << "<section class=\"trend\">\n<h2>" << html_escape(tr(lang, "Trend per fråga", "Trend per question")) << "</h2>\n"
        << "<div class=\"trend-grid\">\n";
    for (const QuestionTrend& q : t.questions) {
        out << "<figure class=\"trend-q\"><figcaption><b>" << html_escape(q.number) << ".</b> "
            << html_escape(cut_to_width(q.text, 90)) << "</figcaption>\n"
            << svg_trend_line(labels, q.by_period, lang) << "</figure>\n";
    }
    out << "</div>\n";
    html_grid(out, shares_grid(t, lang, 0), "trend-table");
    out << "<p class=\"note\">" << html_escape(share_note(lang)) << "</p>\n</section>\n";
}

void write_trend(std::ostream& out, const Trend& trend, const Options& opt) {
    switch (opt.format) {
        case Format::Terminal:
        case Format::Markdown: write_text(out, trend, opt); return;
        case Format::Json: write_json(out, trend); return;
        case Format::Html: write_html(out, trend, opt); return;
        case Format::Csv:
        case Format::Xlsx: throw std::invalid_argument("write_trend: no CSV or xlsx trend");
    }
}

}  // namespace aktkoll::report
