#include <catch2/catch.hpp>

#include <string>

#include "core/personnummer.hpp"

using aktkoll::contains_personnummer;
using aktkoll::find_personnummer;
using aktkoll::integer_looks_like_personnummer;
using aktkoll::looks_like_personnummer;
using aktkoll::PersonnummerMatch;

// 811218-9876 is the Skatteverket textbook example; its check digit is 6.
TEST_CASE("personnummer: the usual forms with and without separator and century") {
    CHECK(looks_like_personnummer("811218-9876"));
    CHECK(looks_like_personnummer("8112189876"));
    CHECK(looks_like_personnummer("19811218-9876"));
    CHECK(looks_like_personnummer("198112189876"));
    CHECK(looks_like_personnummer("811218+9876"));  // 100 years or older
    CHECK(looks_like_personnummer("640823-3234"));
    CHECK(looks_like_personnummer("20000229-1235"));  // leap day 2000
    CHECK(looks_like_personnummer("000229-1235"));    // leap day, century unknown
    CHECK(integer_looks_like_personnummer(8112189876));
    CHECK(integer_looks_like_personnummer(198112189876));
    CHECK_FALSE(integer_looks_like_personnummer(1234567890));
}

TEST_CASE("personnummer: a wrong check digit is still a personnummer (a typo or a made-up number)") {
    CHECK(looks_like_personnummer("811218-9875"));
    CHECK(looks_like_personnummer("8112189877"));
    CHECK(looks_like_personnummer("19811218-9870"));
    CHECK(contains_personnummer("anteckning: klient 19860803-6335"));
}

TEST_CASE("personnummer: the date must exist") {
    CHECK_FALSE(looks_like_personnummer("811318-9875"));   // month 13
    CHECK_FALSE(looks_like_personnummer("810018-9870"));   // month 00
    CHECK_FALSE(looks_like_personnummer("810230-9872"));   // 30 February
    CHECK_FALSE(looks_like_personnummer("810431-9879"));   // 31 April
    CHECK_FALSE(looks_like_personnummer("810100-9879"));   // day 00
    CHECK_FALSE(looks_like_personnummer("19000229-1235"));  // 1900 was no leap year
    CHECK_FALSE(looks_like_personnummer("17991218-9876"));  // before 1800
}

TEST_CASE("personnummer: samordningsnummer (day + 60)") {
    CHECK(looks_like_personnummer("701063-2391"));
    CHECK(looks_like_personnummer("197010632391"));
    CHECK(looks_like_personnummer("701063-2390"));
    CHECK_FALSE(looks_like_personnummer("700292-2396"));  // 32 February + 60
}

// The shapes of the hand-made attack (docs/privacy.md, section 2).
TEST_CASE("personnummer: every spelling with spaces and separators is found") {
    const char* shapes[] = {
        " 19860803-6334",                 // leading space
        "19860803-6334 ",                 // trailing space
        "19860803 6334",                  // inner space
        "1986 08 03 - 6334",
        "860803\xC2\xA0" "6334",          // no-break space
        "860803\xE2\x80\xAF" "6334",      // narrow no-break space
        "860803\t6334", "860803\n6334", "860803\r\n6334",
        "860803\xE2\x80\x93" "6334",      // en dash
        "860803\xE2\x88\x92" "6334",      // minus sign
        "86/08/03-6334", "86.08.03.6334", "860803/6334", "860803.6334", "811218--9876", "81121-89876",
        "\xEF\xBC\x98\xEF\xBC\x96\xEF\xBC\x90\xEF\xBC\x98\xEF\xBC\x90\xEF\xBC\x93"
        "\xEF\xBC\x8D\xEF\xBC\x96\xEF\xBC\x93\xEF\xBC\x93\xEF\xBC\x94",  // full-width digits and hyphen
        "8608\xE2\x80\x8B" "036334",     // zero-width space
    };
    for (const char* s : shapes) {
        CAPTURE(s);
        CHECK(looks_like_personnummer(s));
        CHECK(contains_personnummer(s));
    }
}

TEST_CASE("personnummer: found within free text, ids and keys") {
    CHECK(contains_personnummer("klient 19860803-6334"));
    CHECK(contains_personnummer("pnr:860803-6334, ring"));
    CHECK(contains_personnummer("K-811218-9876"));
    CHECK(contains_personnummer("19860803-6334 2023-01-05"));  // a date right after it
    CHECK(contains_personnummer("besök 2023-01-05, klient 8608036334."));
    CHECK_FALSE(looks_like_personnummer("K-811218-9876"));  // not the whole text
    CHECK_FALSE(looks_like_personnummer("pnr 811218-9876"));
}

TEST_CASE("personnummer: the match gives the ten digits, the century and the plus") {
    PersonnummerMatch m;
    const std::string text = "x 811218+9876 och 19860803 6334";
    REQUIRE(find_personnummer(text, 0, m));
    CHECK(text.substr(m.begin, m.end - m.begin) == "811218+9876");
    CHECK(std::string(m.ten, 10) == "8112189876");
    CHECK(m.plus);
    CHECK(m.century == -1);
    REQUIRE(find_personnummer(text, m.end, m));
    CHECK(text.substr(m.begin, m.end - m.begin) == "19860803 6334");
    CHECK(std::string(m.ten, 10) == "8608036334");
    CHECK(m.century == 19);
    CHECK_FALSE(m.plus);
    CHECK_FALSE(find_personnummer(text, m.end, m));
}

TEST_CASE("personnummer: ordinary values are not mistaken for one") {
    const char* values[] = {
        "", "K-0001", "2023-01-05", "öppenvård", "123456789", "12345678901", "1234567890123",
        "19811218+98761", "1986080363341",
        "2023-01-05 2023-01-06",   // two dates
        "2023-01-05/2023-03-01",   // an interval
        "2023-01-05 - 2023-02-01",
        "K-2023-000123",           // month 23
        "P-ABCDEFGHIJ234567",
        "tel 08-123 456 78",       // month 34
    };
    for (const char* s : values) {
        CAPTURE(s);
        CHECK_FALSE(contains_personnummer(s));
    }
}
