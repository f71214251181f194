// Every file aktkoll writes goes through AtomicFile: a temporary file beside
// the target, renamed into place, so an interrupted run never leaves half a
// report, and SIGINT/SIGTERM remove the temporary file. A symbolic link to a
// file is refused, never followed; an existing file keeps its permissions and
// a new one is created 0600 (docs/privacy.md, section 4). A target that is
// not a regular file (/dev/stdout, a pipe, /dev/full) is written directly:
// renaming over it would replace the device node.
#pragma once

#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.hpp"

namespace aktkoll::cli {

class AtomicFile {
public:
    AtomicFile(std::string path, Lang lang);
    ~AtomicFile();  // removes the temporary file unless committed
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    bool ok() const { return error_.empty(); }
    const std::string& error() const { return error_; }  // a message for the user
    std::ostream& stream() { return out_; }
    // Flushes, checks that every byte was written, and renames into place.
    bool commit();

private:
    std::string path_, temp_;
    Lang lang_;
    std::ofstream out_;
    std::string error_;
    bool committed_ = false;
    bool direct_ = false;  // the target is a device or pipe: no temporary file
    unsigned mode_ = 0600;  // permissions of the file once in place
};

// Writes through an AtomicFile at `path`; on failure prints "WHO: error" and
// returns false.
bool write_file(const std::string& path, Lang lang, const std::function<void(std::ostream&)>& write,
                std::string_view who = "aktkoll");
// The same to `path` when given (the --output option), else to standard output.
bool write_output(const std::optional<std::string>& path, Lang lang, const std::function<void(std::ostream&)>& write,
                  std::string_view who = "aktkoll");

}  // namespace aktkoll::cli
