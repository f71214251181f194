// What becomes of each record read: the rules of docs/case-export.md in one
// place, for every form and every command (the serial CaseStream and the
// parallel pipeline both decide through a ReadLedger).
//
//  - A record that cannot be read is rejected; its id is not taken, so a
//    later good record with that id is the case.
//  - A record read well takes its id, in input order, whether or not it is
//    inside the run's selection: a later record with the same id is rejected
//    as a duplicate, whatever the selection.
//  - Every entry of the rejected list counts in stats.rejected; file-level
//    errors (cannot open, not a case export) are entries too, but not records.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/read_error.hpp"
#include "input/reader.hpp"

namespace aktkoll {

// The outcome of reading the case files of a run.
struct ReadReport {
    ReadStats stats;  // stats.cases: accepted records, inside the selection or not
    std::vector<ReadError> rejected;  // in file and line order
    uint64_t outside_selection = 0;   // accepted, but outside the selection
    // SHA-256 of each input hashed while it was read (path, hex), for provenance.
    std::vector<std::pair<std::string, std::string>> input_sha256;
    // Event types and keys the schema does not declare (see input/unknown_names.hpp).
    std::vector<UnknownName> unknown_names;
};

class ReadLedger {
public:
    ReadReport& report() { return report_; }
    const ReadReport& report() const { return report_; }

    // About this many more records will come (only the id set's size follows it).
    void reserve(size_t more) { ids_.reserve(more); }
    // Start loading what accept() will look at for this DuplicateIds::hash.
    // Out of line: inlined into the pipeline's commit loop, g++ 12 drops the
    // prefetch altogether (and the 1M check loses ~7 % to id-set misses).
    void prefetch(uint64_t hash) const;

    void blank_lines(uint64_t n = 1) { report_.stats.blank_lines += n; }
    // A file that cannot be read at all, or stops being readable: listed, not a record.
    void file_error(ReadError e);
    // A record that cannot be read: counted as a record; its id is not taken.
    void reject(ReadError e);
    // A record read well: true when it is accepted; false when an earlier
    // record took its id (then it is rejected as a duplicate).
    bool accept(std::string_view id, uint64_t hash, const std::string& file, uint64_t line, uint64_t events,
                uint64_t undeclared_events) {
        if (auto first = ids_.insert(id, hash, line)) {
            reject_duplicate(id, file, line, *first);
            return false;
        }
        ReadStats& s = report_.stats;
        ++s.lines;
        ++s.cases;
        s.events += events;
        s.undeclared_events += undeclared_events;
        return true;
    }
    bool accept(std::string_view id, const std::string& file, uint64_t line, uint64_t events,
                uint64_t undeclared_events) {
        return accept(id, DuplicateIds::hash(id), file, line, events, undeclared_events);
    }
    // An accepted record the selection leaves out.
    void outside_selection() { ++report_.outside_selection; }

private:
    DuplicateIds ids_;
    void reject_duplicate(std::string_view id, const std::string& file, uint64_t line, uint64_t first);
    ReadReport report_;
};

}  // namespace aktkoll
