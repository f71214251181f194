// Review workbooks in a run (check, validate, import): each .xlsx among the
// case files is read as a filled 'aktkoll form' workbook, its cases merged
// per id with the export files given beside it, and the merged cases are
// written to one temporary NDJSON file that the pipeline reads instead.
// The workbook's cases are then the cases checked.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "run/pipeline.hpp"
#include "run/review_form.hpp"

namespace aktkoll::review {

class ReviewInputs {
public:
    ReviewInputs() = default;
    ~ReviewInputs();
    ReviewInputs(const ReviewInputs&) = delete;
    ReviewInputs& operator=(const ReviewInputs&) = delete;

    // The files to read: unchanged without a workbook; otherwise the merged
    // cases alone. Every bad cell and every contradiction with the export
    // goes to `messages` (and is counted); nullopt (after a message) when a
    // workbook cannot be read at all.
    std::optional<std::vector<std::string>> convert(const std::vector<std::string>& files, const RuleSet& rules, Lang lang,
                                                    std::ostream& messages);
    bool active() const { return !temp_.empty(); }
    const std::string& workbook() const { return workbook_; }  // the first workbook
    uint64_t problems() const { return problems_; }
    const std::vector<std::string>& case_ids() const { return ids_; }
    // The first workbook's cover sheet.
    const Cover& cover() const { return cover_; }
    // Results and read errors name the workbook instead of the merged file.
    const CaseResult& source_names(const CaseResult& result, CaseResult& scratch) const;
    void source_names(PipelineReport& report) const;

private:
    std::string temp_dir_, temp_, workbook_;
    std::vector<std::string> ids_;
    Cover cover_;
    uint64_t problems_ = 0;
};

}  // namespace aktkoll::review
