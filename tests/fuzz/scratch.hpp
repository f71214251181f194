// The fuzz targets' scratch folder: one per target and process, removed when
// the fuzzer exits normally.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <unistd.h>

namespace aktkoll::fuzz {

// A plain buffer: the exit handler runs after static objects are destroyed.
inline char g_scratch[4096];

inline void remove_at_exit(const std::filesystem::path& dir) {
    const std::string s = dir.string();
    if (s.size() >= sizeof g_scratch) return;
    std::copy(s.begin(), s.end(), g_scratch);
    g_scratch[s.size()] = '\0';
    std::atexit([] {
        std::error_code ec;
        std::filesystem::remove_all(g_scratch, ec);
    });
}

// $TMPDIR/aktkoll-fuzz-NAME-PID, made on first use.
inline const std::filesystem::path& work_dir(const char* name) {
    static const std::filesystem::path dir = [&] {
        auto d = std::filesystem::temp_directory_path() /
                 ("aktkoll-fuzz-" + std::string(name) + "-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        remove_at_exit(d);
        return d;
    }();
    return dir;
}

}  // namespace aktkoll::fuzz
