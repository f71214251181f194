#include "core/date.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>

namespace aktkoll {

namespace {

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
constexpr int32_t days_from_civil(int y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

constexpr bool leap_year(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// Day number of 1 January for the years dates in case files have: parsing
// then costs two table loads instead of the divisions above.
constexpr int kFirstYear = 1900, kYears = 400;
constexpr auto kYearStart = [] {  // one more, so that each year's length is the next entry's difference
    std::array<int32_t, kYears + 1> days{};
    for (int i = 0; i <= kYears; ++i) days[static_cast<size_t>(i)] = days_from_civil(kFirstYear + i, 1, 1);
    return days;
}();
constexpr std::array<std::array<uint8_t, 12>, 2> kMonthDays = {{
    {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
    {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
}};
constexpr std::array<std::array<int32_t, 12>, 2> kMonthStart = {{
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335},
}};

}  // namespace

Date date_from_civil(int y, unsigned m, unsigned d) { return Date{days_from_civil(y, m, d)}; }

void civil_from_date(Date date, int& year, unsigned& month, unsigned& day) {
    const int z = date.days + 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    day = doy - (153 * mp + 2) / 5 + 1;
    month = mp < 10 ? mp + 3 : mp - 9;
    year = static_cast<int>(yoe) + era * 400 + (month <= 2);
}

bool is_valid_civil(int year, unsigned month, unsigned day) {
    static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1) return false;
    const bool leap = leap_year(year);
    const unsigned limit = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
    return day <= limit;
}

// On every event of every record: no loops, no divisions for common years.
bool parse_date(std::string_view t, Date& out) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    auto digit = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(t[i])) - '0'; };
    const unsigned d0 = digit(0), d1 = digit(1), d2 = digit(2), d3 = digit(3), m0 = digit(5), m1 = digit(6),
                   a0 = digit(8), a1 = digit(9);
    if (d0 > 9 || d1 > 9 || d2 > 9 || d3 > 9 || m0 > 9 || m1 > 9 || a0 > 9 || a1 > 9) return false;
    const int y = static_cast<int>(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
    const unsigned m = m0 * 10 + m1, d = a0 * 10 + a1;
    if (y < kFirstYear || y >= kFirstYear + kYears) {
        if (!is_valid_civil(y, m, d)) return false;
        out = date_from_civil(y, m, d);
        return true;
    }
    if (m < 1 || m > 12 || d < 1) return false;
    const auto i = static_cast<size_t>(y - kFirstYear);
    const bool leap = kYearStart[i + 1] - kYearStart[i] == 366;
    if (d > kMonthDays[leap][m - 1]) return false;
    out.days = kYearStart[i] + kMonthStart[leap][m - 1] + static_cast<int32_t>(d) - 1;
    return true;
}

std::optional<Date> parse_date(std::string_view t) {
    Date d;
    if (!parse_date(t, d)) return std::nullopt;
    return d;
}

Date add_months(Date date, int64_t months) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_date(date, y, m, d);
    const int64_t index = static_cast<int64_t>(y) * 12 + (m - 1) + months;  // months since year 0
    const int64_t year = index >= 0 ? index / 12 : (index - 11) / 12;
    const auto month = static_cast<unsigned>(index - year * 12 + 1);
    const int ty = static_cast<int>(year);
    const unsigned last = kMonthDays[leap_year(ty)][month - 1];
    return date_from_civil(ty, month, std::min(d, last));
}

std::string format_date(Date date) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_date(date, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", y, m, d);
    return buf;
}

}  // namespace aktkoll
