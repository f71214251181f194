#include "tools/output.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include <fcntl.h>
#include <signal.h>
#include <fmt/core.h>
#include <sys/stat.h>
#include <unistd.h>

namespace aktkoll::cli {

namespace {

// Temporary files being written, for the SIGINT/SIGTERM handler to remove:
// a fixed table of pointers, so the handler needs nothing but unlink().
constexpr size_t kSlots = 16;
std::atomic<const char*> pending[kSlots];
struct sigaction previous_int {}, previous_term {};
std::atomic<int> registered{0};

void remove_pending_and_chain(int sig) {
    for (auto& slot : pending)
        if (const char* p = slot.load()) ::unlink(p);
    const struct sigaction& before = sig == SIGINT ? previous_int : previous_term;
    if (before.sa_handler == SIG_IGN) return;
    if (before.sa_handler != SIG_DFL && !(before.sa_flags & SA_SIGINFO) && before.sa_handler) {
        before.sa_handler(sig);
        return;
    }
    ::signal(sig, SIG_DFL);  // end as the signal would have ended the process
    ::raise(sig);
}

void add_pending(const char* temp) {
    for (auto& slot : pending) {
        const char* empty = nullptr;
        if (slot.compare_exchange_strong(empty, temp)) break;
    }
    if (registered++ == 0) {
        struct sigaction action {};
        action.sa_handler = remove_pending_and_chain;
        sigemptyset(&action.sa_mask);
        // A signal the process ignores (a background job's SIGINT) stays ignored.
        ::sigaction(SIGINT, nullptr, &previous_int);
        ::sigaction(SIGTERM, nullptr, &previous_term);
        if (previous_int.sa_handler != SIG_IGN) ::sigaction(SIGINT, &action, nullptr);
        if (previous_term.sa_handler != SIG_IGN) ::sigaction(SIGTERM, &action, nullptr);
    }
}

void drop_pending(const char* temp) {
    for (auto& slot : pending) {
        const char* mine = temp;
        if (slot.compare_exchange_strong(mine, nullptr)) break;
    }
    if (--registered == 0) {
        ::sigaction(SIGINT, &previous_int, nullptr);
        ::sigaction(SIGTERM, &previous_term, nullptr);
    }
}

}  // namespace

AtomicFile::AtomicFile(std::string path, Lang lang) : path_(std::move(path)), lang_(lang) {
    auto cannot_write = [&](int err) {
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte skriva '{}': {}", "cannot write '{}': {}")), path_,
                             std::strerror(err));
    };
    struct stat link {}, st {};
    const bool exists = ::lstat(path_.c_str(), &link) == 0;
    const bool target = exists && ::stat(path_.c_str(), &st) == 0;
    if (target && S_ISDIR(st.st_mode)) {
        cannot_write(EISDIR);
        return;
    }
    if (target && !S_ISREG(st.st_mode)) {
        // A device, pipe or terminal (/dev/stdout, itself a link, or /dev/full):
        // nothing to make atomic, and renaming over it would replace the node.
        direct_ = true;
        out_.open(path_, std::ios::binary);
        if (!out_) cannot_write(errno);
        return;
    }
    if (exists && S_ISLNK(link.st_mode)) {
        // Never through a link to a file: whoever planted it would choose what is overwritten.
        error_ = fmt::format(fmt::runtime(tr(lang_, "kan inte skriva '{}': det är en symbolisk länk; ange filen själv",
                                             "cannot write '{}': it is a symbolic link; give the file itself")),
                             path_);
        return;
    }
    // A new file is readable by its owner only (the reports are about people);
    // an existing one keeps its permissions.
    mode_ = exists ? (link.st_mode & 07777) : 0600;
    temp_ = path_ + ".tmp-" + std::to_string(::getpid());
    // O_EXCL: never write through a file or link someone else put at the temporary name.
    const int fd = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        const int err = errno;
        temp_.clear();
        cannot_write(err);
        return;
    }
    add_pending(temp_.c_str());
    const bool mode_set = ::fchmod(fd, mode_) == 0;
    ::close(fd);
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_ || !mode_set) cannot_write(errno);
}

AtomicFile::~AtomicFile() {
    if (!committed_) {
        out_.close();
        if (!temp_.empty()) ::unlink(temp_.c_str());
    }
    if (!temp_.empty()) drop_pending(temp_.c_str());
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
