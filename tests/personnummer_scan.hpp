// Test oracle: is any personnummer (all spellings, within text too, as
// core/personnummer.hpp defines them) left in `text`?
#pragma once

#include <string>
#include <string_view>

#include "core/personnummer.hpp"

namespace aktkoll::testing {

inline bool has_personnummer(const std::string& text) { return contains_personnummer(text); }

}  // namespace aktkoll::testing
