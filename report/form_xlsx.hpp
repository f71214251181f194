// aktkoll form: the reviewer's workbook (libxlsxwriter). A cover sheet, one
// sheet per case with a row per fact the pack reads (the question and
// citation beside it, the export's facts pre-filled in grey and locked, the
// rest as empty cells with dropdowns and date validation), and a hidden
// sheet that tells run/review_read.cpp how to read it back.
#pragma once

#include <string>
#include <vector>

#include "run/review_form.hpp"

namespace aktkoll::report {

struct FormRequest {
    const RuleSet* rules = nullptr;
    std::vector<review::FormField> fields;
    std::vector<review::CaseFacts> cases;  // the export's facts (empty for a case not in it)
    review::Cover cover;                   // pre-filled cover cells
    std::vector<std::string> exports;      // export files, named on the cover
    Lang lang = Lang::Sv;
};

// "" on success, otherwise the error.
std::string write_review_form(const std::string& path, const FormRequest& req);

}  // namespace aktkoll::report
