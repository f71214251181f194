// Whether two Cases hold the same record: what every reader path must agree
// on (tests/test_plain_record.cpp and the case fuzzer).
#pragma once

#include <cstddef>

#include "core/case.hpp"

namespace testing {

inline bool same_value(const aktkoll::Value& a, const aktkoll::Value& b) {
    if (a.kind != b.kind || a.size != b.size) return false;
    switch (a.kind) {
        case aktkoll::ValueKind::Unknown: return true;
        case aktkoll::ValueKind::String: return a.str() == b.str();
        default: return a.num == b.num;
    }
}

inline bool same_values(const std::vector<aktkoll::Value>& a, const std::vector<aktkoll::Value>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (!same_value(a[i], b[i])) return false;
    return true;
}

// Ids, attributes, events (in their grouped order, with dates, input
// positions and attribute values) and list items.
inline bool same_case(const aktkoll::Case& a, const aktkoll::Case& b) {
    if (a.id != b.id || a.line != b.line || a.undeclared_events != b.undeclared_events) return false;
    if (!same_values(a.attrs, b.attrs) || !same_values(a.event_values, b.event_values)) return false;
    if (a.list_items != b.list_items || a.events.size() != b.events.size()) return false;
    for (size_t i = 0; i < a.events.size(); ++i) {
        const aktkoll::Event& x = a.events[i];
        const aktkoll::Event& y = b.events[i];
        if (x.type != y.type || x.date != y.date || x.input_index != y.input_index || x.values_begin != y.values_begin)
            return false;
    }
    return true;
}

}  // namespace testing
