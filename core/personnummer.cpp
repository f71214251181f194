#include "core/personnummer.hpp"

#include <charconv>

namespace aktkoll {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

unsigned two_digits(const char* p) { return static_cast<unsigned>(p[0] - '0') * 10 + static_cast<unsigned>(p[1] - '0'); }

bool valid_day(unsigned month, unsigned day, bool leap) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return false;
    if (day > 60) day -= 60;  // samordningsnummer
    if (day < 1) return false;
    return day <= kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

// Luhn over the ten digits YYMMDDNNNN: weights 2,1,2,1,... and a sum divisible by 10.
bool luhn_ok(const char* ten) {
    unsigned sum = 0;
    for (int i = 0; i < 10; ++i) {
        unsigned d = static_cast<unsigned>(ten[i] - '0');
        if (i % 2 == 0) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

}  // namespace

bool looks_like_personnummer_at_length(std::string_view text) {
    const size_t n = text.size();
    if (n < 10 || n > 13) return false;
    // Normalise into YYYY?MMDDNNNN form without allocating.
    char digits[12];
    size_t count = 0;
    for (size_t i = 0; i < n; ++i) {
        const char c = text[i];
        if (is_digit(c)) {
            if (count == 12) return false;
            digits[count++] = c;
        } else if ((c == '-' || c == '+') && i == n - 5) {
            continue;  // the separator sits right before the last four digits
        } else {
            return false;
        }
    }
    const bool has_separator = count != n;
    if (count != 10 && count != 12) return false;
    if (has_separator && n != count + 1) return false;

    const char* ten = count == 12 ? digits + 2 : digits;
    const unsigned month = two_digits(ten + 2);
    const unsigned day = two_digits(ten + 4);
    bool leap = false;
    if (count == 12) {
        const unsigned year = two_digits(digits) * 100 + two_digits(digits + 2);
        if (year < 1800) return false;
        leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    } else {
        // The century is unknown; 00 is a leap year in 2000, so accept any multiple of 4.
        leap = two_digits(ten) % 4 == 0;
    }
    return valid_day(month, day, leap) && luhn_ok(ten);
}

bool integer_looks_like_personnummer(int64_t value) {
    if (value < 1000000000LL || value >= 1000000000000LL) return false;
    char buf[24];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc{}) return false;
    return looks_like_personnummer(std::string_view(buf, static_cast<size_t>(end - buf)));
}

}  // namespace aktkoll
