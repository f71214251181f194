// Test support: a rule pack written to a fresh temporary folder, removed
// afterwards.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace aktkoll::testing {

class TempPack {
public:
    explicit TempPack(const std::string& text) {
        static std::atomic<int> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("aktkoll-test-pack-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
        std::ofstream(dir_ / "regler.akt", std::ios::binary) << text;
    }
    ~TempPack() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempPack(const TempPack&) = delete;
    TempPack& operator=(const TempPack&) = delete;
    std::string path() const { return dir_.string(); }

private:
    std::filesystem::path dir_;
};

}  // namespace aktkoll::testing
