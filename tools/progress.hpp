// A progress line on standard error for long runs: only when standard error
// is a terminal, and only once a run has taken more than two seconds, so
// short runs, pipes and logs see nothing.
#pragma once

#include <chrono>
#include <cstdint>

#include "core/text.hpp"

namespace aktkoll::cli {

class Progress {
public:
    explicit Progress(Lang lang);
    // After each case; looks at the clock every 4096 cases.
    void tick(uint64_t cases) {
        if (enabled_ && (cases & 4095) == 0) update(cases);
    }
    void done();  // clears the line

private:
    void update(uint64_t cases);
    Lang lang_;
    bool enabled_ = false, shown_ = false;
    std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace aktkoll::cli
