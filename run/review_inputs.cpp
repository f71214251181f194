#include "run/review_inputs.hpp"

#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include <fmt/core.h>

#include "input/xlsx_reader.hpp"

namespace aktkoll::review {

ReviewInputs::~ReviewInputs() {
    if (temp_dir_.empty()) return;
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
}

std::optional<std::vector<std::string>> ReviewInputs::convert(const std::vector<std::string>& files, const RuleSet& rules,
                                                              Lang lang, std::ostream& messages) {
    std::vector<std::string> workbooks, exports;
    for (const auto& f : files) (is_xlsx_path(f) ? workbooks : exports).push_back(f);
    if (workbooks.empty()) return files;
    const std::vector<FormField> fields = form_fields(rules);
    std::vector<ReviewBook> books;
    for (const auto& path : workbooks) {
        ReviewBook book = read_review(path, fields, lang);
        if (book.fatal) {
            messages << "aktkoll: " << *book.fatal << "\n";
            return std::nullopt;
        }
        if (!book.pack.empty() && book.pack != rules.pack_name)
            messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: {}: arbetsboken gjordes för regelpaketet '{}', inte '{}'\n",
                                                    "aktkoll: {}: the workbook was made for the pack '{}', not '{}'\n")),
                                    path, book.pack, rules.pack_name);
        for (const auto& e : book.errors) messages << e << "\n";
        problems_ += book.errors.size();
        for (const auto& c : book.cases) ids_.push_back(c.id);
        books.push_back(std::move(book));
    }
    cover_ = books.front().cover;
    workbook_ = workbooks.front();
    ExportCases exported;
    std::vector<std::string> errors;
    exported.load(exports, ids_, errors);
    std::string pattern = (std::filesystem::temp_directory_path() / "aktkoll-review-XXXXXX").string();
    if (!::mkdtemp(pattern.data())) {
        messages << tr(lang, "aktkoll: kan inte skapa en tillfällig katalog\n", "aktkoll: cannot create a temporary directory\n");
        return std::nullopt;
    }
    temp_dir_ = pattern;
    temp_ = (std::filesystem::path(temp_dir_) / "granskning.ndjson").string();
    std::ofstream out(temp_, std::ios::binary);
    for (size_t b = 0; b < books.size(); ++b)
        for (const CaseFacts& c : books[b].cases) {
            if (!exports.empty() && !exported.has(c.id))
                messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: {}: ärende {} finns inte i uttaget; bara granskarens uppgifter används\n",
                                                        "aktkoll: {}: case {} is not in the export; only the reviewer's facts are used\n")),
                                        workbooks[b], c.id);
            out << exported.merge(fields, c, workbooks[b], lang, errors) << "\n";
        }
    out.close();
    for (const auto& e : errors) messages << e << "\n";
    problems_ += errors.size();
    if (!out) {
        messages << fmt::format(fmt::runtime(tr(lang, "aktkoll: kan inte skriva '{}'\n", "aktkoll: cannot write '{}'\n")), temp_);
        return std::nullopt;
    }
    return std::vector<std::string>{temp_};
}

const CaseResult& ReviewInputs::source_names(const CaseResult& result, CaseResult& scratch) const {
    if (temp_.empty() || result.file != temp_) return result;
    scratch = result;
    scratch.file = workbook_;
    return scratch;
}

void ReviewInputs::source_names(PipelineReport& report) const {
    for (auto& e : report.rejected)
        if (!temp_.empty() && e.file == temp_) e.file = workbook_;
}

}  // namespace aktkoll::review
