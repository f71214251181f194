#include "tools/output.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aktkoll::cli {

AtomicFile::AtomicFile(std::string path, Lang lang) : path_(std::move(path)), lang_(lang) {
    auto cannot_write = [&](int err) {
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte skriva '{}': {}", "cannot write '{}': {}")), path_,
                             std::strerror(err));
    };
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode)) {
            cannot_write(EISDIR);
            return;
        }
        // A device, pipe or terminal (/dev/stdout, /dev/full): nothing to make
        // atomic, and renaming over it would replace the device node itself.
        direct_ = true;
        out_.open(path_, std::ios::binary);
        if (!out_) cannot_write(errno);
        return;
    }
    // Through a symbolic link to the file it names, so the link stays a link.
    std::error_code ec;
    if (std::filesystem::is_symlink(path_, ec)) {
        auto target = std::filesystem::canonical(path_, ec);
        if (!ec) path_ = target.string();
    }
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    // O_EXCL: never write through a file or link someone else put at the temporary name.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int err = errno;
        temp_.clear();
        cannot_write(err);
        return;
    }
    ::close(fd);
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) cannot_write(errno);
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        if (!temp_.empty()) {
            std::error_code ec;
            std::filesystem::remove(temp_, ec);
        }
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
    if (direct_) {
        committed_ = true;
        return true;
    }
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte byta namn till '{}': {}", "cannot rename to '{}': {}")), path_,
                             std::strerror(errno));
        return false;
    }
    committed_ = true;
    return true;
}

bool write_file(const std::string& path, Lang lang, const std::function<void(std::ostream&)>& write,
                std::string_view who) {
    AtomicFile file(path, lang);
    if (file.ok()) write(file.stream());
    if (file.commit()) return true;
    std::cerr << who << ": " << file.error() << "\n";
    return false;
}

bool write_output(const std::optional<std::string>& path, Lang lang, const std::function<void(std::ostream&)>& write,
                  std::string_view who) {
    if (path) return write_file(*path, lang, write, who);
    write(std::cout);
    return true;
}

}  // namespace aktkoll::cli
