// The serial way to read the cases of a run: every file in turn, in any form,
// each record through one ReadLedger (duplicate ids, counts, rejections: see
// input/ledger.hpp), then the selection. For validate, sample and anything
// else that wants cases one by one; run/pipeline.hpp is the parallel way over
// the same ledger.
#pragma once

#include <memory>
#include <vector>

#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/reader.hpp"
#include "input/selection.hpp"

namespace aktkoll {

class CaseStream {
public:
    // `files` and `schema` must outlive the stream.
    CaseStream(const std::vector<CaseFile>& files, const Schema& schema, CaseSelection selection = {},
               ReadLimits limits = {});
    ~CaseStream();
    // The next accepted case inside the selection, in input order.
    bool next(Case& out);
    // The file of the case last returned.
    const CaseFile& file() const { return files_[current_]; }
    const SelectionTest& selection() const { return selection_; }
    // Grows while the stream is read.
    const ReadReport& report() const { return ledger_.report(); }

private:
    const std::vector<CaseFile>& files_;
    const Schema& schema_;
    SelectionTest selection_;
    ReadLimits limits_;
    ReadLedger ledger_;
    bool done_;
    size_t current_ = 0;
    std::unique_ptr<CaseReader> reader_;  // of files_[current_]
};

}  // namespace aktkoll
