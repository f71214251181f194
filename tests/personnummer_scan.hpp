// Test oracle: is any personnummer (all spellings, within text too) left in
// `text`? Scans every run of digits that starts and ends at a non-digit.
#pragma once

#include <string>
#include <string_view>

#include "core/personnummer.hpp"

namespace aktkoll::testing {

inline bool has_personnummer(const std::string& text) {
    auto digit = [](char c) { return c >= '0' && c <= '9'; };
    for (size_t i = 0; i < text.size(); ++i) {
        if (!digit(text[i]) || (i > 0 && digit(text[i - 1]))) continue;
        for (size_t len = 10; len <= 13 && i + len <= text.size(); ++len)
            if ((i + len == text.size() || !digit(text[i + len])) &&
                looks_like_personnummer(std::string_view(text).substr(i, len)))
                return true;
    }
    return false;
}

}  // namespace aktkoll::testing
