// Test support: temporary folders and rule packs, removed afterwards.
#pragma once

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace aktkoll::testing {

// A fresh folder $TMPDIR/aktkoll-TAG-PID-N, removed with everything in it.
class TempDir {
public:
    explicit TempDir(const std::string& tag = "test") {
        static std::atomic<int> counter{0};
        dir_ = std::filesystem::temp_directory_path() /
               ("aktkoll-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(dir_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& dir() const { return dir_; }
    std::string path(const std::string& name) const { return (dir_ / name).string(); }
    // Writes `content` to the file `name` in the folder; its path.
    std::string write(const std::string& name, const std::string& content) const {
        std::ofstream(dir_ / name, std::ios::binary) << content;
        return path(name);
    }

private:
    std::filesystem::path dir_;
};

// A rule pack of one file, regler.akt, in its own temporary folder.
class TempPack {
public:
    explicit TempPack(const std::string& text) : dir_("test-pack") { dir_.write("regler.akt", text); }
    std::string path() const { return dir_.dir().string(); }

private:
    TempDir dir_;
};

}  // namespace aktkoll::testing
