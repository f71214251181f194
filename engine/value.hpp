// A value in a case or an expression, with an explicit Unknown.
#pragma once

#include <cstdint>
#include <string_view>

#include "engine/date.hpp"

namespace aktkoll {

enum class ValueKind : uint8_t { Unknown, Bool, Int, Date, String, StringList };

// Strings are views into storage owned by the Case (its arena) or the RuleSet
// (literals). A StringList keeps its items in Case::list_items.
struct Value {
    ValueKind kind = ValueKind::Unknown;
    int64_t num = 0;  // Bool (0/1), Int, Date (days)
    std::string_view str;  // String
    uint32_t list_begin = 0, list_count = 0;  // StringList

    static Value unknown() { return {}; }
    static Value boolean(bool b) { return {ValueKind::Bool, b ? 1 : 0, {}, 0, 0}; }
    static Value integer(int64_t i) { return {ValueKind::Int, i, {}, 0, 0}; }
    static Value date(Date d) { return {ValueKind::Date, d.days, {}, 0, 0}; }
    static Value string(std::string_view s) { return {ValueKind::String, 0, s, 0, 0}; }

    bool known() const { return kind != ValueKind::Unknown; }
    Date as_date() const { return Date{static_cast<int32_t>(num)}; }
};

// Kleene three-valued truth.
enum class Tri : uint8_t { False, True, Unknown };

inline Tri tri_not(Tri a) {
    return a == Tri::Unknown ? Tri::Unknown : (a == Tri::True ? Tri::False : Tri::True);
}
inline Tri tri_and(Tri a, Tri b) {
    if (a == Tri::False || b == Tri::False) return Tri::False;
    if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
    return Tri::True;
}
inline Tri tri_or(Tri a, Tri b) {
    if (a == Tri::True || b == Tri::True) return Tri::True;
    if (a == Tri::Unknown || b == Tri::Unknown) return Tri::Unknown;
    return Tri::False;
}

}  // namespace aktkoll
