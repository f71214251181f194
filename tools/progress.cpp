#include "tools/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/core.h>

namespace aktkoll::cli {

Progress::Progress(Lang lang)
    : lang_(lang), enabled_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()), last_(start_) {}

void Progress::update(uint64_t cases) {
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(2) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    fmt::print(stderr, fmt::runtime(tr(lang_, "\raktkoll: {} ärenden granskade ({:.0f} s)\x1b[K", "\raktkoll: {} cases checked ({:.0f} s)\x1b[K")),
               cases, seconds);
    std::fflush(stderr);
}

void Progress::done() {
    if (shown_) std::fputs("\r\x1b[K", stderr);
    shown_ = false;
}

}  // namespace aktkoll::cli
