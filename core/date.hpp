// Calendar dates without time zone, as day numbers, with exact civil arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aktkoll {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
struct Date {
    int32_t days = 0;
    friend auto operator<=>(const Date&, const Date&) = default;
};

Date date_from_civil(int year, unsigned month, unsigned day);
void civil_from_date(Date d, int& year, unsigned& month, unsigned& day);
bool is_valid_civil(int year, unsigned month, unsigned day);

// Strict "YYYY-MM-DD"; rejects impossible dates such as 2023-02-30.
std::optional<Date> parse_date(std::string_view text);
// The same for the reader's hot path: true and `out` set, or false. (Returning
// an optional through memory stalls on store forwarding with GCC 12.)
bool parse_date(std::string_view text, Date& out);
std::string format_date(Date d);

// `d` plus `months` calendar months (negative: minus). A day that does not
// exist in the target month is clamped to that month's last day, as Swedish
// legal practice counts "inom fyra månader": 2024-01-31 + 1 month = 2024-02-29,
// 2023-01-31 + 1 month = 2023-02-28. A year is 12 months.
Date add_months(Date d, int64_t months);

}  // namespace aktkoll
