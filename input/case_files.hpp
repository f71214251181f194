// The case files of a run, opened: each file's form decided once, and a file
// in a form other than the contract's JSON (NDJSON or the document form)
// converted into contract NDJSON. The CSV form, read through a --mapping, is
// such a form; another one plugs in as one more FormConverter in
// case_files.cpp. A conversion writes the record of a case on the line where
// the case starts in the original file (blank lines between), so that line
// numbers in reports point into the original, and it hands over the records
// it rejected as ReadErrors, which the readers merge in by line.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "core/read_error.hpp"
#include "core/text.hpp"
#include "input/reader.hpp"

namespace aktkoll {

struct CaseFile {
    std::string path;     // as named on the command line: results and errors name it
    std::string records;  // what is read: `path` itself, or its conversion (NDJSON)
    ExportForm form = ExportForm::Ndjson;  // of `records`
    // A conversion's blank lines only keep its lines in step with the
    // original: they are not counted as blank lines of the export.
    bool converted = false;
    std::vector<ReadError> rejected;  // records the conversion rejected, in line order
};

// A file of the contract's JSON forms, read as it is (the form by content).
CaseFile plain_case_file(const std::string& path);

struct FormOptions {
    std::optional<std::string> mapping;  // --mapping: how a CSV file's columns are read
    Lang lang = Lang::Sv;
};

// Owns the conversions of one run; they are removed with it.
class CaseFiles {
public:
    CaseFiles() = default;
    ~CaseFiles();
    CaseFiles(const CaseFiles&) = delete;
    CaseFiles& operator=(const CaseFiles&) = delete;

    // Every file of `paths`, in order. Converters report to `messages` (for
    // CSV: each rejected row and a summary). nullopt, after a message, when a
    // file cannot be converted at all (a CSV file without a mapping, a
    // mapping with errors, a CSV file without its columns).
    std::optional<std::vector<CaseFile>> open(const std::vector<std::string>& paths, const FormOptions& options,
                                              std::ostream& messages);

private:
    std::string temp_dir_;
    size_t converted_ = 0;
    std::optional<std::string> conversion_path(const std::string& original, Lang lang, std::ostream& messages);
};

}  // namespace aktkoll
