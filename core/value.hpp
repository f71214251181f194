// A value in a case or an expression, with an explicit Unknown.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/date.hpp"

namespace aktkoll {

enum class ValueKind : uint8_t { Unknown, Bool, Int, Date, String, StringList };

// 16 bytes, trivially copyable, so that the evaluator passes and returns
// values in registers. Strings point into storage owned by the Case (its
// arena, or the schema's enumeration values) or the RuleSet (literals). A
// StringList keeps its items in Case::list_items.
struct Value {
    ValueKind kind = ValueKind::Unknown;
    uint32_t size = 0;  // String: bytes; StringList: items; Int: the spread of a range (below)
    union {
        int64_t num = 0;    // Bool (0/1), Int, Date (days); StringList: index of the first item
        const char* chars;  // String
    };

    static Value unknown() { return {}; }
    static Value boolean(bool b) { return with(ValueKind::Bool, b ? 1 : 0); }
    static Value integer(int64_t i) { return with(ValueKind::Int, i); }
    static Value date(Date d) { return with(ValueKind::Date, d.days); }
    // One of the integers lo..hi, not known which (an age from a birth year:
    // the age at a date is one of two values). Comparisons answer when every
    // value of the range gives the same answer.
    static Value int_range(int64_t lo, int64_t hi) {
        Value v = with(ValueKind::Int, lo);
        v.size = static_cast<uint32_t>(hi - lo);
        return v;
    }
    static Value string(std::string_view s) {
        Value v;
        v.kind = ValueKind::String;
        v.size = static_cast<uint32_t>(s.size());
        v.chars = s.data();
        return v;
    }
    static Value string_list(uint32_t begin, uint32_t count) {
        Value v = with(ValueKind::StringList, begin);
        v.size = count;
        return v;
    }

    bool known() const { return kind != ValueKind::Unknown; }
    Date as_date() const { return Date{static_cast<int32_t>(num)}; }
    std::string_view str() const { return kind == ValueKind::String ? std::string_view(chars, size) : std::string_view{}; }
    uint32_t list_begin() const { return static_cast<uint32_t>(num); }
    uint32_t list_count() const { return size; }
    // An integer's range (lo() == hi() for an exact one); dates and other numbers are exact.
    int64_t lo() const { return num; }
    int64_t hi() const { return kind == ValueKind::Int ? num + size : num; }

private:
    static Value with(ValueKind k, int64_t n) {
        Value v;
        v.kind = k;
        v.num = n;
        return v;
    }
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
