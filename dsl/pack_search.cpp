#include "dsl/pack_search.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>

// The install prefix's data folder and the Debian package's, ':'-separated,
// set by CMakeLists.txt; other builds (the fuzzers) know the package's only.
#ifndef AKTKOLL_RULES_DIRS
#define AKTKOLL_RULES_DIRS "/usr/share/aktkoll/rules"
#endif

namespace fs = std::filesystem;

namespace aktkoll::dsl {

namespace {

void add_dir(std::vector<std::string>& dirs, const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return;
    std::string canonical = fs::weakly_canonical(dir, ec).string();
    if (ec) return;
    if (std::find(dirs.begin(), dirs.end(), canonical) == dirs.end()) dirs.push_back(std::move(canonical));
}

void add_dirs(std::vector<std::string>& dirs, const std::string& list) {
    for (size_t start = 0; start <= list.size();) {
        size_t colon = std::min(list.find(':', start), list.size());
        add_dir(dirs, list.substr(start, colon - start));
        start = colon + 1;
    }
}

}  // namespace

std::vector<std::string> pack_search_dirs() {
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("AKTKOLL_RULES_PATH")) add_dirs(dirs, env);
    std::error_code ec;
    fs::path bin = fs::read_symlink("/proc/self/exe", ec).parent_path();
    if (!ec) {
        add_dir(dirs, bin / ".." / "share" / "aktkoll" / "rules");
        add_dir(dirs, bin / ".." / "rules");
    }
    add_dirs(dirs, AKTKOLL_RULES_DIRS);
    return dirs;
}

std::optional<std::string> find_pack(const std::string& name, const std::string& base) {
    if (name.empty()) return std::nullopt;
    std::error_code ec;
    fs::path as_path = base.empty() ? fs::path(name) : (fs::path(base) / name).lexically_normal();
    if (fs::exists(as_path, ec)) return as_path.string();
    if (name.find('/') != std::string::npos || name == "." || name == "..") return std::nullopt;
    for (const auto& dir : pack_search_dirs()) {
        fs::path candidate = fs::path(dir) / name;
        if (fs::is_directory(candidate, ec)) return candidate.string();
    }
    return std::nullopt;
}

}  // namespace aktkoll::dsl
