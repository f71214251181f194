// Inline SVG charts for the HTML reports: plain shapes and text, no scripts,
// no fonts or images from elsewhere, so the file stays self-contained and
// prints to PDF as it looks on screen.
#include <fmt/format.h>

#include "report/detail.hpp"

namespace aktkoll::report::detail {

namespace {

constexpr const char* kJaColor = "#3c8d3c";
constexpr const char* kNejColor = "#c0392b";
constexpr const char* kTrackColor = "#e6e6e6";
constexpr const char* kGridColor = "#bbbbbb";

std::string num(double v) { return fmt::format("{:.1f}", v); }

double fraction(uint64_t part, uint64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

std::string svg_share_bars(const std::vector<ShareBar>& bars, Lang lang) {
    constexpr double kLabel = 44, kBar = 440, kRow = 24, kTop = 24, kTextGap = 10, kWidth = 640;
    const double height = kTop + kRow * static_cast<double>(bars.size()) + 34;
    std::string s = fmt::format(
        "<svg class=\"chart\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
        "role=\"img\" aria-label=\"{}\">\n",
        kWidth, num(height), kWidth, num(height),
        html_escape(tr(lang, "Andel Ja av bedömda per fråga", "Share Yes of assessed per question")));
    for (int pct : {0, 25, 50, 75, 100}) {
        const double x = kLabel + kBar * pct / 100.0;
        s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\" stroke=\"{3}\" stroke-width=\"0.5\"></line>"
                         "<text x=\"{0}\" y=\"{4}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#555\">{5} %</text>\n",
                         num(x), num(kTop - 6), num(height - 30), kGridColor, num(kTop - 10), pct);
    }
    for (size_t i = 0; i < bars.size(); ++i) {
        const ShareBar& b = bars[i];
        const double y = kTop + kRow * static_cast<double>(i) + 4;
        const std::string share = b.asked ? share_text(b.counts, lang) : std::string(kDash);
        s += fmt::format("<g><title>{}. {}: {}</title>", html_escape(b.label), html_escape(b.title), html_escape(share));
        s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\" text-anchor=\"end\">{}</text>", num(kLabel - 8),
                         num(y + 12), html_escape(b.label));
        s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"></rect>", num(kLabel), num(y), num(kBar),
                         kTrackColor);
        const uint64_t assessed = b.asked ? b.counts.assessed() : 0;
        const double ja = kBar * fraction(b.counts.of(Outcome::Ja), assessed);
        const double nej = kBar * fraction(b.counts.of(Outcome::Nej), assessed);
        if (ja > 0)
            s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"></rect>", num(kLabel), num(y), num(ja),
                             kJaColor);
        if (nej > 0)
            s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" fill=\"{}\"></rect>", num(kLabel + ja), num(y),
                             num(nej), kNejColor);
        s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"12\">{}</text></g>\n", num(kLabel + kBar + kTextGap),
                         num(y + 12), html_escape(share));
    }
    const double legend = height - 12;
    s += fmt::format(
        "<rect x=\"{0}\" y=\"{1}\" width=\"12\" height=\"12\" fill=\"{2}\"></rect><text x=\"{3}\" y=\"{4}\" font-size=\"11\">{5}</text>"
        "<rect x=\"{6}\" y=\"{1}\" width=\"12\" height=\"12\" fill=\"{7}\"></rect><text x=\"{8}\" y=\"{4}\" font-size=\"11\">{9}</text>"
        "<text x=\"{10}\" y=\"{4}\" font-size=\"11\" fill=\"#555\">{11}</text>\n",
        num(kLabel), num(legend - 10), kJaColor, num(kLabel + 16), num(legend), html_escape(outcome_label(Outcome::Ja, lang)),
        num(kLabel + 60), kNejColor, num(kLabel + 76), html_escape(outcome_label(Outcome::Nej, lang)), num(kLabel + 130),
        html_escape(tr(lang, "andel av bedömda (Ja + Nej); Et och EB räknas inte",
                       "share of the assessed (Yes + No); N/A and U/A are not counted")));
    s += "</svg>\n";
    return s;
}

std::string svg_trend_line(const std::vector<std::string>& periods, const std::vector<std::optional<Counts>>& points,
                           Lang lang) {
    constexpr double kWidth = 280, kHeight = 130, kLeft = 36, kRight = 266, kTop = 14, kBottom = 86;
    std::string s = fmt::format(
        "<svg class=\"chart trend\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" "
        "height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n",
        kWidth, kHeight, html_escape(tr(lang, "Andel Ja av bedömda per period", "Share Yes of assessed per period")));
    for (int pct : {0, 50, 100}) {
        const double y = kBottom - (kBottom - kTop) * pct / 100.0;
        s += fmt::format("<line x1=\"{0}\" y1=\"{1}\" x2=\"{2}\" y2=\"{1}\" stroke=\"{3}\" stroke-width=\"0.5\"></line>"
                         "<text x=\"{4}\" y=\"{5}\" font-size=\"9\" text-anchor=\"end\" fill=\"#555\">{6} %</text>\n",
                         num(kLeft), num(y), num(kRight), kGridColor, num(kLeft - 4), num(y + 3), pct);
    }
    const size_t n = periods.size();
    auto x_of = [&](size_t i) {
        return n <= 1 ? (kLeft + kRight) / 2 : kLeft + 8 + (kRight - kLeft - 16) * static_cast<double>(i) / static_cast<double>(n - 1);
    };
    auto y_of = [&](const Counts& c) { return kBottom - (kBottom - kTop) * share_of(c); };
    auto has_point = [&](size_t i) { return i < points.size() && points[i] && points[i]->assessed() > 0; };
    // Lines between neighbouring periods that both have a share: a gap stays a gap.
    for (size_t i = 1; i < n; ++i)
        if (has_point(i - 1) && has_point(i))
            s += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f5f99\" stroke-width=\"2\"></line>\n",
                             num(x_of(i - 1)), num(y_of(*points[i - 1])), num(x_of(i)), num(y_of(*points[i])));
    for (size_t i = 0; i < n; ++i) {
        const std::string label = cut_to_width(periods[i], 10);
        s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n", num(x_of(i)),
                         num(kBottom + 14), html_escape(label));
        const std::string share = i < points.size() && points[i] ? share_text(*points[i], lang) : std::string(kDash);
        if (!has_point(i)) {
            s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\" fill=\"#777\"><title>{}: {}</title>{}</text>\n",
                             num(x_of(i)), num(kBottom - 4), html_escape(periods[i]), html_escape(share), kDash);
            continue;
        }
        const double y = y_of(*points[i]);
        s += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"3.5\" fill=\"#1f5f99\"><title>{}: {}</title></circle>\n", num(x_of(i)),
                         num(y), html_escape(periods[i]), html_escape(share));
        if (n <= 6)
            s += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{} %</text>\n", num(x_of(i)),
                             num(y - 6), share_percent(points[i]->of(Outcome::Ja), points[i]->assessed()));
    }
    s += "</svg>\n";
    return s;
}

}  // namespace aktkoll::report::detail
