// aktkoll --version: what was built, for what CPU, with which libraries.
#pragma once

#include <string>

#include "core/text.hpp"

namespace aktkoll::cli {

// Version, build baseline (-march), compiler, library versions and where
// packs given by name are looked for; one item per line.
std::string version_text(Lang lang);

}  // namespace aktkoll::cli
