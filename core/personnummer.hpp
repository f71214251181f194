// Recognises Swedish personal identity numbers (personnummer) and
// coordination numbers (samordningsnummer) in any spelling a person or a
// system might give them, so that the reader can refuse case data that
// carries them and nothing prints them. Called on every string value: cheap
// to reject (a string with fewer than ten digits is never looked at closer).
//
// The shape (docs/privacy.md, section 2): ten or twelve digits (ASCII or
// full-width) that may be split by separators: spaces of any kind (tab,
// newline, no-break and other Unicode spaces), dashes of any kind, '+', '/'
// and '.', at most three between two digits. The digits must start a date
// that exists: YYMMDD or YYYYMMDD (year 1800 or later), the day plus 60 for
// a samordningsnummer. The check digit is not asked for: a typo or a made-up
// number is personal data too. Inside a longer run, such digits count when
// whitespace (or the run's end) stands on both sides of them, so a number
// followed by a date in free text is found, two dates in a row are not.
#pragma once

#include <cstdint>
#include <string_view>

namespace aktkoll {

struct PersonnummerMatch {
    size_t begin = 0;  // byte offset of the first digit
    size_t end = 0;    // byte offset just past the last digit
    char ten[10] = {};  // the ten digits YYMMDDNNNN, in ASCII
    int century = -1;   // the first two digits of a twelve-digit number, else -1
    bool plus = false;  // a '+' stands among the digits (100 years or older)
};

// The first personnummer-shaped run in `text` that ends at or after `from`
// and starts there or later.
bool find_personnummer(std::string_view text, size_t from, PersonnummerMatch& match);

// Fewer than ten bytes that could be digits: surely no personnummer.
inline bool may_hold_personnummer(std::string_view text) {
    if (text.size() < 10) return false;
    size_t digits = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        digits += static_cast<size_t>((static_cast<unsigned>(u - '0') < 10u) | (u == 0xEF));  // 0xEF: full-width
    }
    return digits >= 10;
}

// Anywhere in `text`: in a value, free text, a key.
inline bool contains_personnummer(std::string_view text) {
    PersonnummerMatch ignored;
    return may_hold_personnummer(text) && find_personnummer(text, 0, ignored);
}

// The whole of `text`, apart from separators around it, is one personnummer.
bool looks_like_personnummer(std::string_view text);

// Digits-only integers can carry a personnummer too (without separator).
bool integer_looks_like_personnummer(int64_t value);

}  // namespace aktkoll
