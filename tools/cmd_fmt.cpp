// aktkoll fmt: rewrites rule files in the canonical layout, or with --check
// lists the files that are not in it.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include "dsl/format.hpp"
#include "dsl/parser.hpp"
#include "tools/cli.hpp"

namespace aktkoll::cli {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) return std::nullopt;
    return text.str();
}

// Writes beside the file and renames over it, so a reader sees the old text
// or the new, never half of it. Keeps the file's permissions.
bool replace_file(const std::string& path, const std::string& text) {
    const fs::path target(path);
    std::string temp = (target.parent_path() / ("." + target.filename().string() + ".fmt-XXXXXX")).string();
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) return false;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) ::fchmod(fd, st.st_mode & 07777);
    size_t done = 0;
    bool ok = true;
    while (ok && done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    ok = ::close(fd) == 0 && ok;
    ok = ok && std::rename(temp.c_str(), path.c_str()) == 0;
    if (!ok) std::remove(temp.c_str());
    return ok;
}

// The .akt files named by the arguments: files as given, folders by their
// *.akt files directly inside (not tests/), sorted by name.
std::optional<std::vector<std::string>> rule_files(const std::vector<std::string>& paths, Lang lang) {
    std::vector<std::string> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (const auto& entry : fs::directory_iterator(p, ec))
                if (entry.path().extension() == ".akt" && entry.is_regular_file(ec))
                    found.push_back((fs::path(p) / entry.path().filename()).string());
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::is_regular_file(p, ec)) {
            files.push_back(p);
        } else {
            fmt::print(stderr, fmt::runtime(tr(lang, "aktkoll fmt: {}: filen eller mappen finns inte\n",
                                               "aktkoll fmt: {}: no such file or folder\n")),
                       p);
            return std::nullopt;
        }
    }
    return files;
}

void print_diagnostics(const dsl::Diagnostics& diags, const std::string& path, const std::string& text, Lang lang) {
    dsl::SourceMap sources;
    sources.add(path, text);
    for (const auto& d : diags.items) fmt::print(stderr, "{}", dsl::render(d, sources, lang));
}

// The canonical text, checked before anything is written: it must parse,
// format to itself and keep every comment.
bool stable(const std::string& path, const std::string& formatted, const std::string& original, Lang lang) {
    dsl::Diagnostics diags;
    auto again = dsl::parse(path, formatted, diags, lang);
    auto before = dsl::comments_of(original), after = dsl::comments_of(formatted);
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    return again && dsl::format(*again, formatted) == formatted && before == after;
}

enum class FileResult { Formatted, Changed, Failed };

FileResult format_one(const std::string& path, bool check, Lang lang) {
    auto text = read_file(path);
    if (!text) {
        fmt::print(stderr, fmt::runtime(tr(lang, "aktkoll fmt: {}: kan inte läsa filen\n",
                                           "aktkoll fmt: {}: cannot read the file\n")),
                   path);
        return FileResult::Failed;
    }
    dsl::Diagnostics diags;
    auto file = dsl::parse(path, *text, diags, lang);
    if (!file || !dsl::check_formattable(*file, *text, diags, lang)) {
        print_diagnostics(diags, path, *text, lang);
        return FileResult::Failed;
    }
    const std::string formatted = dsl::format(*file, *text);
    if (formatted == *text) return FileResult::Formatted;
    if (!stable(path, formatted, *text, lang)) {
        fmt::print(stderr, fmt::runtime(tr(lang, "aktkoll fmt: {}: internt fel: formateringen är inte stabil; filen lämnas orörd\n",
                                           "aktkoll fmt: {}: internal error: the layout is not stable; the file is left as it is\n")),
                   path);
        return FileResult::Failed;
    }
    if (check) {
        fmt::print(fmt::runtime(tr(lang, "{}: inte formaterad\n", "{}: not formatted\n")), path);
        return FileResult::Changed;
    }
    if (!replace_file(path, formatted)) {
        fmt::print(stderr, fmt::runtime(tr(lang, "aktkoll fmt: {}: kan inte skriva filen: {}\n",
                                           "aktkoll fmt: {}: cannot write the file: {}\n")),
                   path, std::strerror(errno));
        return FileResult::Failed;
    }
    fmt::print("{}\n", path);
    return FileResult::Changed;
}

}  // namespace

CommandSpec fmt_spec() {
    return {
        "fmt",
        "aktkoll fmt [--check] SÖKVÄG...",
        "skriv regelfiler (.akt) i kanonisk form; en mapp betyder dess .akt-filer",
        "write rule files (.akt) in the canonical layout; a folder means its .akt files",
        {
            {"--check", false, "ändra inget; lista filer som inte är formaterade (slutkod 1)",
             "change nothing; list the files that are not formatted (exit code 1)"},
        },
    };
}

int run_fmt(const Args& args) {
    const Lang lang = args.lang;
    if (args.positional.empty()) {
        fmt::print(stderr, "{}", tr(lang, "aktkoll fmt: ange minst en fil eller mapp (se --help)\n",
                                    "aktkoll fmt: give at least one file or folder (see --help)\n"));
        return kExitErrors;
    }
    auto files = rule_files(args.positional, lang);
    if (!files) return kExitErrors;
    const bool check = args.has("--check");
    bool changed = false, failed = false;
    for (const auto& path : *files) {
        switch (format_one(path, check, lang)) {
            case FileResult::Formatted: break;
            case FileResult::Changed: changed = true; break;
            case FileResult::Failed: failed = true; break;
        }
    }
    if (failed) return kExitErrors;
    return check && changed ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
