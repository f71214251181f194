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
#include "tools/output.hpp"

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
        } else if (fs::is_regular_file(p, ec) && fs::path(p).extension() == ".akt") {
            files.push_back(p);
        } else if (fs::is_regular_file(p, ec)) {
            // Never parse (and quote lines of) a file that is not a rule file.
            fmt::print(stderr, fmt::runtime(tr(lang, "aktkoll fmt: {}: är ingen regelfil (.akt); filen läses inte\n",
                                               "aktkoll fmt: {}: is not a rule file (.akt); the file is not read\n")),
                       p);
            return std::nullopt;
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
    // Through the one atomic writer: a reader sees the old text or the new, and the file keeps its permissions.
    if (!write_file(path, lang, [&](std::ostream& out) { out << formatted; }, "aktkoll fmt")) return FileResult::Failed;
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
