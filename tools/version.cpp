#include "tools/version.hpp"

#include <fmt/core.h>

#include "dsl/pack_search.hpp"

// Set for this file by CMakeLists.txt.
#ifndef AKTKOLL_BASELINE
#define AKTKOLL_BASELINE "?"
#endif
#ifndef AKTKOLL_COMPILER
#define AKTKOLL_COMPILER "?"
#endif
#ifndef AKTKOLL_LIBRARIES
#define AKTKOLL_LIBRARIES "?"
#endif

namespace aktkoll::cli {

std::string version_text(Lang lang) {
    std::string dirs;
    for (const auto& d : dsl::pack_search_dirs()) dirs += (dirs.empty() ? "" : ", ") + d;
    if (dirs.empty()) dirs = tr(lang, "(inga)", "(none)");
    return fmt::format(fmt::runtime(tr(lang,
                                       "aktkoll {}\nbyggd för: {} ({})\nbibliotek: {}\nregelpaket söks i: {}\n",
                                       "aktkoll {}\nbuilt for: {} ({})\nlibraries: {}\nrule packs looked for in: {}\n")),
                       AKTKOLL_VERSION, AKTKOLL_BASELINE, AKTKOLL_COMPILER, AKTKOLL_LIBRARIES, dirs);
}

}  // namespace aktkoll::cli
