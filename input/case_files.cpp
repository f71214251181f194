#include "input/case_files.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <fmt/core.h>

#include "input/import_csv.hpp"

namespace aktkoll {

namespace {

// A form converted to contract NDJSON. convert() writes the records to
// `ndjson` (each on the line where its case starts in `path`) and returns the
// records it rejected, or nullopt after a message when the file cannot be
// converted at all.
struct FormConverter {
    bool (*claims)(const std::string& path);
    std::optional<std::vector<ReadError>> (*convert)(const std::string& path, const FormOptions& options,
                                                     std::ostream& ndjson, std::ostream& messages);
};

std::optional<std::vector<ReadError>> convert_csv_file(const std::string& path, const FormOptions& options,
                                                       std::ostream& ndjson, std::ostream& messages) {
    using namespace importer;
    const Lang lang = options.lang;
    if (!options.mapping) {
        messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: {} är en CSV-fil: ange hur kolumnerna läses med --mapping MAPPNING.toml (se docs/import.md)\n",
                                                "aktkoll: {} is a CSV file: say how its columns are read with --mapping MAPPING.toml (see docs/import.md)\n")),
                                path);
        return std::nullopt;
    }
    const MappingResult mapping = load_mapping(*options.mapping, lang);
    if (!mapping.mapping) {
        messages << describe(mapping, lang);
        return std::nullopt;
    }
    const ImportResult r = convert_csv(path, *mapping.mapping, ndjson, {.align_lines = true});
    if (r.failure) {
        messages << "aktkoll: " << describe(*r.failure, path, *options.mapping, lang) << "\n";
        return std::nullopt;
    }
    std::vector<ReadError> rejected;
    for (const auto& x : r.rejections) {
        messages << describe(x, path, lang) << "\n";
        rejected.push_back(as_read_error(x, path, lang));
    }
    for (const auto& d : r.dropped) messages << describe(d, path, lang) << "\n";
    messages << fmt::format("aktkoll: {}: {}\n", path, describe(r.summary, lang));
    return rejected;
}

// The forms that are converted before reading; a file no converter claims is
// read as the contract's JSON.
constexpr FormConverter kConverters[] = {
    {importer::is_csv_path, convert_csv_file},
};

}  // namespace

CaseFile plain_case_file(const std::string& path) {
    CaseFile f;
    f.path = f.records = path;
    f.form = detect_form(path);
    return f;
}

CaseFiles::~CaseFiles() {
    if (temp_dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
}

std::optional<std::string> CaseFiles::conversion_path(const std::string& original, Lang lang, std::ostream& messages) {
    if (temp_dir_.empty()) {
        std::string pattern = (std::filesystem::temp_directory_path() / "aktkoll-import-XXXXXX").string();
        if (!::mkdtemp(pattern.data())) {
            messages << tr(lang, "aktkoll: kan inte skapa en tillfällig katalog\n", "aktkoll: cannot create a temporary directory\n");
            return std::nullopt;
        }
        temp_dir_ = pattern;
    }
    const std::string name = std::to_string(converted_++) + "-" + std::filesystem::path(original).filename().string() + ".ndjson";
    return (std::filesystem::path(temp_dir_) / name).string();
}

std::optional<std::vector<CaseFile>> CaseFiles::open(const std::vector<std::string>& paths, const FormOptions& options,
                                                     std::ostream& messages) {
    std::vector<CaseFile> files;
    for (const auto& path : paths) {
        const FormConverter* converter = nullptr;
        for (const auto& c : kConverters)
            if (c.claims(path)) converter = &c;
        if (!converter) {
            files.push_back(plain_case_file(path));
            continue;
        }
        const auto temp = conversion_path(path, options.lang, messages);
        if (!temp) return std::nullopt;
        std::ofstream ndjson(*temp, std::ios::binary);
        auto rejected = converter->convert(path, options, ndjson, messages);
        ndjson.close();
        if (!rejected) return std::nullopt;
        if (!ndjson) {
            messages << fmt::format(fmt::runtime(tr(options.lang, "aktkoll: kan inte skriva '{}'\n", "aktkoll: cannot write '{}'\n")), *temp);
            return std::nullopt;
        }
        CaseFile f;
        f.path = path;
        f.records = *temp;
        f.converted = true;
        f.rejected = std::move(*rejected);
        files.push_back(std::move(f));
    }
    return files;
}

}  // namespace aktkoll
