// Finding where a JSON string's run of plain bytes stops: at a quote, a
// backslash or a control byte (below 0x20, which JSON forbids unescaped).
// SSE2 where the target has it, eight bytes in a machine word elsewhere;
// tests/test_plain_record.cpp holds the two to the same answers.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/bytes.hpp"

namespace aktkoll {

namespace scan {

// A stop: its offset, and whether it is the closing quote (rather than a
// backslash or a control byte), known from the masks without reading the byte again.
struct Stop {
    uint32_t offset;
    bool quote;
};

// The first stop in the 8 bytes at `p`; offset 8 when there is none.
[[gnu::always_inline]] inline Stop stop_in_word(const char* p) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    // The high bit of each byte below `n` (n <= 128). Bytes above the lowest
    // hit may be flagged falsely (borrows); the lowest flag is exact.
    auto below = [&](uint64_t v, uint8_t n) { return (v - kOnes * n) & ~v & kHighs; };
    auto equal = [&](uint64_t v, uint8_t c) { return below(v ^ (kOnes * c), 1); };
    const uint64_t v = detail::load8(p);
    const uint64_t quotes = equal(v, '"');
    const uint64_t stops = quotes | equal(v, '\\') | below(v, 0x20);
    if (!stops) return {8, false};
    const auto bit = static_cast<uint32_t>(std::countr_zero(stops));
    return {bit >> 3, ((quotes >> bit) & 1) != 0};
}

#ifdef __SSE2__
// The first stop in the 16 bytes at `p`; offset 16 when there is none.
[[gnu::always_inline]] inline Stop stop_in_vector(const char* p) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
    const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
    const __m128i control = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0x1F)), _mm_set1_epi8(0x1F));  // v <= 0x1F
    const auto quotes = static_cast<uint32_t>(_mm_movemask_epi8(quote));
    const auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(quote, backslash), control)));
    if (!mask) return {16, false};
    const auto offset = static_cast<uint32_t>(std::countr_zero(mask));
    return {offset, ((quotes >> offset) & 1) != 0};
}
#endif

// Bytes of `p[0, n)` that may be part of a personnummer's digit: an ASCII
// digit or 0xEF (the lead byte of a full-width digit), counted as
// may_hold_personnummer counts them. Whole 16-byte loads: the bytes up to
// the next multiple of 16 past `n` must be readable (the readers' padding).
inline size_t digit_like_bytes(const char* p, size_t n) {
    size_t count = 0;
#ifdef __SSE2__
    for (size_t i = 0; i < n; i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
        // Signed compares: bytes from 0x80 are negative, so only '0'..'9' are in range.
        const __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        const __m128i lead = _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(0xEF)));
        auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(digit, lead)));
        if (n - i < 16) mask &= (1u << (n - i)) - 1;
        count += static_cast<size_t>(std::popcount(mask));
    }
#else
    for (size_t i = 0; i < n; ++i) {
        const auto u = static_cast<unsigned char>(p[i]);
        count += static_cast<size_t>((static_cast<unsigned>(u - '0') < 10u) | (u == 0xEF));
    }
#endif
    return count;
}

}  // namespace scan

// What the reader uses: kStringStep bytes at a time, which must be readable.
#ifdef __SSE2__
inline constexpr uint32_t kStringStep = 16;
[[gnu::always_inline]] inline scan::Stop string_stop(const char* p) { return scan::stop_in_vector(p); }
#else
inline constexpr uint32_t kStringStep = 8;
[[gnu::always_inline]] inline scan::Stop string_stop(const char* p) { return scan::stop_in_word(p); }
#endif

}  // namespace aktkoll
