// CSV exports in a run: each .csv among the case files is converted through
// its mapping to a temporary NDJSON file the pipeline reads, and results and
// read errors are renamed back to the CSV file.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "input/import_csv.hpp"
#include "run/pipeline.hpp"

namespace aktkoll::importer {

// The CSV files among a check's case files, each converted to a temporary
// NDJSON file (aligned to the CSV's lines) that is removed with this object.
class CsvInputs {
public:
    CsvInputs() = default;
    ~CsvInputs();
    CsvInputs(const CsvInputs&) = delete;
    CsvInputs& operator=(const CsvInputs&) = delete;

    // The files to read, with every .csv replaced by its NDJSON conversion.
    // Rejected rows and the summary of each CSV file go to `messages`.
    // nullopt (after a message) when a CSV file is given without a mapping,
    // the mapping has errors, or a file cannot be converted at all.
    std::optional<std::vector<std::string>> convert(const std::vector<std::string>& files,
                                                    const std::optional<std::string>& mapping_path, Lang lang,
                                                    std::ostream& messages);
    uint64_t rejected_rows() const { return rejected_rows_; }
    // Results and read errors name the CSV file instead of its conversion.
    const CaseResult& source_names(const CaseResult& result, CaseResult& scratch) const;
    void source_names(PipelineReport& report) const;

private:
    std::vector<std::pair<std::string, std::string>> converted_;  // temporary NDJSON, CSV file
    std::string temp_dir_;
    uint64_t rejected_rows_ = 0;

    const std::string* source_of(const std::string& file) const;
};

}  // namespace aktkoll::importer
