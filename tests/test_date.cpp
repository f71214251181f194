#include <catch2/catch.hpp>

#include <cstdio>

#include "core/date.hpp"

using namespace aktkoll;

TEST_CASE("date: parses strict YYYY-MM-DD") {
    auto d = parse_date("2023-01-05");
    REQUIRE(d);
    CHECK(format_date(*d) == "2023-01-05");
    CHECK(parse_date("1970-01-01")->days == 0);
    CHECK(parse_date("1969-12-31")->days == -1);
    CHECK(parse_date("2000-03-01")->days == 11017);
}

TEST_CASE("date: rejects other shapes") {
    CHECK_FALSE(parse_date(""));
    CHECK_FALSE(parse_date("2023-1-05"));
    CHECK_FALSE(parse_date("2023-01-5"));
    CHECK_FALSE(parse_date("2023/01/05"));
    CHECK_FALSE(parse_date("20230105"));
    CHECK_FALSE(parse_date(" 2023-01-05"));
    CHECK_FALSE(parse_date("2023-01-05 "));
    CHECK_FALSE(parse_date("2023-01-05T10:00"));
    CHECK_FALSE(parse_date("2023-0a-05"));
    CHECK_FALSE(parse_date("+023-01-05"));
}

TEST_CASE("date: rejects impossible calendar dates") {
    CHECK_FALSE(parse_date("2023-02-30"));
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK_FALSE(parse_date("2023-04-31"));
    CHECK_FALSE(parse_date("2023-13-01"));
    CHECK_FALSE(parse_date("2023-00-10"));
    CHECK_FALSE(parse_date("2023-01-00"));
    CHECK_FALSE(parse_date("1900-02-29"));
    CHECK(parse_date("2024-02-29"));
    CHECK(parse_date("2000-02-29"));
    CHECK(parse_date("2023-12-31"));
}

TEST_CASE("date: exact calendar arithmetic") {
    const Date a = *parse_date("2023-01-31");
    CHECK(format_date(Date{a.days + 1}) == "2023-02-01");
    CHECK(format_date(Date{a.days + 29}) == "2023-03-01");
    CHECK(parse_date("2024-03-01")->days - parse_date("2024-02-28")->days == 2);
    CHECK(parse_date("2024-01-01")->days - parse_date("2023-01-01")->days == 365);
    CHECK(parse_date("2025-01-01")->days - parse_date("2024-01-01")->days == 366);
    CHECK(*parse_date("2023-01-05") < *parse_date("2023-01-06"));
}

TEST_CASE("date: civil conversion round trips") {
    for (int32_t days = -800000; days <= 800000; days += 997) {
        int y = 0;
        unsigned m = 0, d = 0;
        civil_from_date(Date{days}, y, m, d);
        REQUIRE(is_valid_civil(y, m, d));
        REQUIRE(date_from_civil(y, m, d).days == days);
    }
}

TEST_CASE("date: every byte that is not a digit is refused in every digit position") {
    const std::string good = "2024-02-29";
    REQUIRE(parse_date(good));
    for (size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
        for (int c : {int{'/'}, int{':'}, int{' '}, int{'a'}, 0, 0x80, 0xC3, 0xFF}) {
            std::string bad = good;
            bad[i] = static_cast<char>(c);
            CAPTURE(i, c);
            CHECK_FALSE(parse_date(bad));
        }
    }
}

TEST_CASE("date: the table for common years agrees with the calendar arithmetic, day by day") {
    // 1890..2310 spans the table's edges (1900 and 2299) on both sides.
    Date expected = date_from_civil(1890, 1, 1);
    for (int y = 1890; y <= 2310; ++y) {
        for (unsigned m = 1; m <= 12; ++m) {
            for (unsigned d = 1; d <= 31; ++d) {
                if (!is_valid_civil(y, m, d)) continue;
                char text[16];
                std::snprintf(text, sizeof text, "%04d-%02u-%02u", y, m, d);
                const auto parsed = parse_date(text);
                REQUIRE(parsed);
                REQUIRE(parsed->days == expected.days);
                REQUIRE(format_date(*parsed) == text);
                ++expected.days;
            }
        }
    }
}

TEST_CASE("date: calendar months clamp to the last day of a shorter month") {
    struct Row {
        const char* from;
        int64_t months;
        const char* to;
    };
    const Row rows[] = {
        {"2024-01-31", 1, "2024-02-29"},    // leap year: clamped to 29 February
        {"2023-01-31", 1, "2023-02-28"},    // common year
        {"2024-01-15", 4, "2024-05-15"},    // "inom fyra månader": the same day number
        {"2024-10-31", 4, "2025-02-28"},    // across the year end, clamped
        {"2024-08-31", 1, "2024-09-30"},    // a 30-day month
        {"2024-02-29", 12, "2025-02-28"},   // + 1 year from a leap day
        {"2024-02-29", 48, "2028-02-29"},   // + 4 years: a leap day again
        {"2024-03-31", -1, "2024-02-29"},   // minus a month, clamped
        {"2024-01-10", -1, "2023-12-10"},   // minus across the year start
        {"2000-02-29", -12, "1999-02-28"},  // 2000 is a leap year, 1999 is not
        {"2100-01-31", 1, "2100-02-28"},    // 2100 is not a leap year
        {"2024-05-31", 0, "2024-05-31"},
        {"2024-12-01", -25, "2022-11-01"},
    };
    for (const Row& r : rows) {
        CAPTURE(r.from, r.months);
        CHECK(format_date(add_months(*parse_date(r.from), r.months)) == r.to);
    }
}
