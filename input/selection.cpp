#include "input/selection.hpp"

#include <algorithm>
#include <cstdint>

namespace aktkoll {

SelectionTest::SelectionTest(const Schema& schema, CaseSelection selection)
    : selection_(std::move(selection)), unit_slot_(schema.case_attr("unit")) {}

std::string_view SelectionTest::unit_of(const Case& c) const {
    if (unit_slot_ < 0) return {};
    const Value& v = c.attrs[static_cast<size_t>(unit_slot_)];
    return v.kind == ValueKind::String ? v.str() : std::string_view{};
}

bool SelectionTest::selected(const Case& c) const {
    const CaseSelection& s = selection_;
    if (s.empty()) return true;
    if (!s.ids.empty() && std::find(s.ids.begin(), s.ids.end(), c.id) == s.ids.end()) return false;
    if (!s.units.empty() && std::find(s.units.begin(), s.units.end(), unit_of(c)) == s.units.end()) return false;
    if (s.from || s.until) {
        const Date lo = s.from.value_or(Date{INT32_MIN}), hi = s.until.value_or(Date{INT32_MAX});
        return std::any_of(c.events.begin(), c.events.end(), [&](const Event& e) { return lo <= e.date && e.date <= hi; });
    }
    return true;
}

}  // namespace aktkoll
