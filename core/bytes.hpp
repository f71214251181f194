// Equality of short byte strings without a call to memcmp: names, keys and
// enumeration values are a few bytes long and compared on every record.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace aktkoll {

namespace detail {
inline uint64_t load8(const char* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    return v;
}
inline uint32_t load4(const char* p) {
    uint32_t v;
    std::memcpy(&v, p, 4);
    return v;
}
}  // namespace detail

// Reads only [a, a + n) and [b, b + n): overlapping loads, never past the end.
inline bool same_bytes(const char* a, const char* b, size_t n) {
    using detail::load4;
    using detail::load8;
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8)
            if (load8(a + i) != load8(b + i)) return false;
        return load8(a + n - 8) == load8(b + n - 8);
    }
    if (n >= 4) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (size_t i = 0; i < n; ++i)
        if (a[i] != b[i]) return false;
    return true;
}

inline bool same_text(std::string_view a, std::string_view b) {
    return a.size() == b.size() && (a.data() == b.data() || same_bytes(a.data(), b.data(), a.size()));
}

}  // namespace aktkoll
