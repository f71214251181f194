// User-facing text in two languages: Swedish by default, English by option.
#pragma once

#include <cstdint>

namespace aktkoll {

// Language of user-facing text. Swedish by default.
enum class Lang : uint8_t { Sv, En };

// Picks the text for the language: tr(lang, "svenska", "English").
inline const char* tr(Lang lang, const char* sv, const char* en) { return lang == Lang::Sv ? sv : en; }

// Both texts kept for later, where the language is not yet known (tables of
// messages fixed at compile time); tr(lang, text) picks one.
struct Text {
    const char* sv = nullptr;
    const char* en = nullptr;
};
inline const char* tr(Lang lang, const Text& text) { return tr(lang, text.sv, text.en); }

}  // namespace aktkoll
