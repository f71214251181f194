#include "tools/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include <fmt/core.h>
#include <unistd.h>

namespace aktkoll::cli {

AtomicFile::AtomicFile(std::string path, Lang lang) : path_(std::move(path)), lang_(lang) {
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_)
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte skriva '{}': {}", "cannot write '{}': {}")), path_,
                             std::strerror(errno));
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        std::error_code ec;
        std::filesystem::remove(temp_, ec);
    }
}

bool AtomicFile::commit() {
    if (!ok()) return false;
    out_.flush();
    const bool written = static_cast<bool>(out_);
    out_.close();
    if (!written || out_.fail()) {
        error_ = fmt::format(fmt::runtime(tr(lang_, "kunde inte skriva hela '{}' (är disken full?)",
                                             "could not write all of '{}' (is the disk full?)")),
                             path_);
        return false;
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte byta namn till '{}': {}", "cannot rename to '{}': {}")), path_,
                             std::strerror(errno));
        return false;
    }
    committed_ = true;
    return true;
}

}  // namespace aktkoll::cli
