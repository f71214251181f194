// The scope lines of a report's header: what was reviewed, by whom.
#include <fmt/format.h>

#include "report/report.hpp"

namespace aktkoll::report {

std::vector<std::pair<std::string, std::string>> scope_lines(const Scope& s, Lang lang) {
    std::vector<std::pair<std::string, std::string>> out;
    auto line = [&](const char* label, const std::string& value) {
        if (!value.empty()) out.emplace_back(label, value);
    };
    line(tr(lang, "Kommun", "Municipality"), s.kommun);
    line(tr(lang, "Nämnd", "Committee"), s.namnd);
    line(tr(lang, "Granskare", "Reviewer"), s.reviewer);
    line(tr(lang, "Granskningsdatum", "Review date"), s.review_date);
    if (!s.cases.empty())
        line(tr(lang, "Granskade ärenden", "Cases reviewed"), fmt::format("{} ({})", s.cases.size(), fmt::join(s.cases, ", ")));
    line(tr(lang, "Enhet", "Unit"), fmt::format("{}", fmt::join(s.units, ", ")));
    line(tr(lang, "Urvalets frö", "Sample seed"), s.sample_seed);
    return out;
}

}  // namespace aktkoll::report
