#include "input/ledger.hpp"

namespace aktkoll {

void ReadLedger::file_error(ReadError e) {
    ++report_.stats.rejected;
    report_.rejected.push_back(std::move(e));
}

void ReadLedger::reject(ReadError e) {
    ++report_.stats.lines;
    ++report_.stats.rejected;
    report_.rejected.push_back(std::move(e));
}

bool ReadLedger::accept(std::string_view id, uint64_t hash, const std::string& file, uint64_t line, uint64_t events,
                        uint64_t undeclared_events) {
    if (auto first = ids_.insert(id, hash, line)) {
        ReadError e;
        e.kind = ReadErrorKind::DuplicateId;
        e.file = file;
        e.line = line;
        e.case_id = std::string(id);
        e.field = "id";
        e.other_line = *first;
        reject(std::move(e));
        return false;
    }
    ReadStats& s = report_.stats;
    ++s.lines;
    ++s.cases;
    s.events += events;
    s.undeclared_events += undeclared_events;
    return true;
}

}  // namespace aktkoll
