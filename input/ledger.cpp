#include "input/ledger.hpp"

namespace aktkoll {

void ReadLedger::prefetch(uint64_t hash) const { ids_.prefetch(hash); }

void ReadLedger::file_error(ReadError e) {
    ++report_.stats.rejected;
    report_.rejected.push_back(std::move(e));
}

void ReadLedger::reject(ReadError e) {
    ++report_.stats.lines;
    ++report_.stats.rejected;
    report_.rejected.push_back(std::move(e));
}

void ReadLedger::reject_duplicate(std::string_view id, const std::string& file, uint64_t line, uint64_t first) {
    ReadError e;
    e.kind = ReadErrorKind::DuplicateId;
    e.file = file;
    e.line = line;
    e.case_id = std::string(id);
    e.field = "id";
    e.other_line = first;
    reject(std::move(e));
}

}  // namespace aktkoll
