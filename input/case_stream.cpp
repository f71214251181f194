#include "input/case_stream.hpp"

namespace aktkoll {

CaseStream::CaseStream(const std::vector<CaseFile>& files, const Schema& schema, CaseSelection selection,
                       ReadLimits limits)
    : files_(files), schema_(schema), selection_(schema, std::move(selection)), limits_(limits), done_(files.empty()) {}

CaseStream::~CaseStream() = default;

bool CaseStream::next(Case& out) {
    while (!done_) {
        if (!reader_) reader_ = std::make_unique<CaseReader>(files_[current_], schema_, ledger_, limits_);
        while (reader_->next(out)) {
            if (selection_.selected(out)) return true;
            ledger_.outside_selection();
        }
        reader_.reset();
        if (current_ + 1 < files_.size()) ++current_;
        else done_ = true;  // file() stays valid after the end
    }
    return false;
}

}  // namespace aktkoll
