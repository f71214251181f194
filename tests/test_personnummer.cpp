#include <catch2/catch.hpp>

#include "core/personnummer.hpp"

using aktkoll::looks_like_personnummer;

// 811218-9876 is the Skatteverket textbook example; its check digit is 6.
TEST_CASE("personnummer: valid forms with and without separator and century") {
    CHECK(looks_like_personnummer("811218-9876"));
    CHECK(looks_like_personnummer("8112189876"));
    CHECK(looks_like_personnummer("19811218-9876"));
    CHECK(looks_like_personnummer("198112189876"));
    CHECK(looks_like_personnummer("811218+9876"));  // 100 years or older
    CHECK(looks_like_personnummer("640823-3234"));
    CHECK(looks_like_personnummer("20000229-1235"));  // leap day 2000
    CHECK(looks_like_personnummer("000229-1235"));    // leap day, century unknown
}

TEST_CASE("personnummer: wrong Luhn check digit") {
    CHECK_FALSE(looks_like_personnummer("811218-9875"));
    CHECK_FALSE(looks_like_personnummer("8112189877"));
    CHECK_FALSE(looks_like_personnummer("19811218-9870"));
    CHECK_FALSE(looks_like_personnummer("640823-3233"));
}

TEST_CASE("personnummer: impossible dates") {
    // Luhn-valid digit strings whose date does not exist.
    CHECK_FALSE(looks_like_personnummer("811318-9875"));   // month 13
    CHECK_FALSE(looks_like_personnummer("810018-9870"));   // month 00
    CHECK_FALSE(looks_like_personnummer("810230-9872"));   // 30 February
    CHECK_FALSE(looks_like_personnummer("810431-9879"));   // 31 April
    CHECK_FALSE(looks_like_personnummer("810100-9879"));   // day 00
    CHECK_FALSE(looks_like_personnummer("19000229-1235"));  // 1900 was no leap year
}

TEST_CASE("personnummer: samordningsnummer has day + 60") {
    CHECK(looks_like_personnummer("701063-2391"));
    CHECK(looks_like_personnummer("197010632391"));
    CHECK_FALSE(looks_like_personnummer("701063-2390"));  // Luhn
    CHECK_FALSE(looks_like_personnummer("700292-2396"));  // 32 February + 60
}

TEST_CASE("personnummer: only the whole string value matches") {
    CHECK_FALSE(looks_like_personnummer(" 811218-9876"));
    CHECK_FALSE(looks_like_personnummer("811218-9876 "));
    CHECK_FALSE(looks_like_personnummer("pnr 811218-9876"));
    CHECK_FALSE(looks_like_personnummer("811218-98761"));
    CHECK_FALSE(looks_like_personnummer("K-811218-9876"));
    CHECK_FALSE(looks_like_personnummer("81121-89876"));   // separator in the wrong place
    CHECK_FALSE(looks_like_personnummer("811218--9876"));
    CHECK_FALSE(looks_like_personnummer("811218 9876"));
    CHECK_FALSE(looks_like_personnummer("1981121-89876"));
    CHECK_FALSE(looks_like_personnummer("19811218+98761"));
}

TEST_CASE("personnummer: ordinary values are not mistaken for one") {
    CHECK_FALSE(looks_like_personnummer(""));
    CHECK_FALSE(looks_like_personnummer("K-0001"));
    CHECK_FALSE(looks_like_personnummer("2023-01-05"));
    CHECK_FALSE(looks_like_personnummer("öppenvård"));
    CHECK_FALSE(looks_like_personnummer("123456789"));     // 9 digits
    CHECK_FALSE(looks_like_personnummer("12345678901"));   // 11 digits
    CHECK_FALSE(looks_like_personnummer("1234567890123"));  // 13 digits
}
