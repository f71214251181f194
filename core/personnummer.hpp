// Recognises Swedish personal identity numbers (personnummer) and
// coordination numbers (samordningsnummer), so that the reader can refuse
// case data that carries them. Called on every string value: cheap to reject.
#pragma once

#include <cstdint>
#include <string_view>

namespace aktkoll {

// True when the whole of `text` is a personnummer or samordningsnummer:
// YYMMDD-NNNN, YYMMDD+NNNN, YYMMDDNNNN, YYYYMMDD-NNNN or YYYYMMDDNNNN, with a
// real month, a day that exists in that month (or that day + 60 for a
// samordningsnummer) and a correct Luhn check digit over the 10-digit form.
// Surrounding text, spaces or other separators do not match.
bool looks_like_personnummer_at_length(std::string_view text);  // 10 to 13 bytes
inline bool looks_like_personnummer(std::string_view text) {
    return text.size() >= 10 && text.size() <= 13 && looks_like_personnummer_at_length(text);
}

// Digits-only integers can carry a personnummer too (without separator).
bool integer_looks_like_personnummer(int64_t value);

}  // namespace aktkoll
