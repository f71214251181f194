#include "run/csv_inputs.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <fmt/core.h>

namespace aktkoll::importer {

CsvInputs::~CsvInputs() {
    if (temp_dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
}

std::optional<std::vector<std::string>> CsvInputs::convert(const std::vector<std::string>& files,
                                                           const std::optional<std::string>& mapping_path, Lang lang,
                                                           std::ostream& messages) {
    std::vector<std::string> out;
    std::optional<MappingResult> mapping;
    for (const auto& file : files) {
        if (!is_csv_path(file)) {
            out.push_back(file);
            continue;
        }
        if (!mapping_path) {
            messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: {} är en CSV-fil: ange hur kolumnerna läses med --mapping MAPPNING.toml (se docs/import.md)\n",
                                                    "aktkoll: {} is a CSV file: say how its columns are read with --mapping MAPPING.toml (see docs/import.md)\n")),
                                    file);
            return std::nullopt;
        }
        if (!mapping) {
            mapping = load_mapping(*mapping_path, lang);
            if (!mapping->mapping) {
                messages << describe(*mapping, lang);
                return std::nullopt;
            }
        }
        if (temp_dir_.empty()) {
            std::string pattern = (std::filesystem::temp_directory_path() / "aktkoll-import-XXXXXX").string();
            if (!::mkdtemp(pattern.data())) {
                messages << tr(lang, "aktkoll: kan inte skapa en tillfällig katalog\n", "aktkoll: cannot create a temporary directory\n");
                return std::nullopt;
            }
            temp_dir_ = pattern;
        }
        const std::string temp = (std::filesystem::path(temp_dir_) /
                                  (std::to_string(converted_.size()) + "-" + std::filesystem::path(file).filename().string() + ".ndjson"))
                                     .string();
        std::ofstream ndjson(temp, std::ios::binary);
        const ImportResult r = convert_csv(file, *mapping->mapping, ndjson, {.align_lines = true});
        ndjson.close();
        if (r.failure) {
            messages << "aktkoll: " << describe(*r.failure, file, *mapping_path, lang) << "\n";
            return std::nullopt;
        }
        if (!ndjson) {
            messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: kan inte skriva '{}'\n", "aktkoll: cannot write '{}'\n")), temp);
            return std::nullopt;
        }
        for (const auto& x : r.rejections) messages << describe(x, file, lang) << "\n";
        for (const auto& d : r.dropped) messages << describe(d, file, lang) << "\n";
        messages << fmt::format("aktkoll: {}: {}\n", file, describe(r.summary, lang));
        rejected_rows_ += r.summary.rejected;
        converted_.emplace_back(temp, file);
        out.push_back(temp);
    }
    return out;
}

const std::string* CsvInputs::source_of(const std::string& file) const {
    for (const auto& [temp, csv] : converted_)
        if (temp == file) return &csv;
    return nullptr;
}

const CaseResult& CsvInputs::source_names(const CaseResult& result, CaseResult& scratch) const {
    const std::string* csv = source_of(result.file);
    if (!csv) return result;
    scratch = result;
    scratch.file = *csv;
    return scratch;
}

void CsvInputs::source_names(PipelineReport& report) const {
    for (auto& e : report.rejected)
        if (const std::string* csv = source_of(e.file)) e.file = *csv;
}

}  // namespace aktkoll::importer
