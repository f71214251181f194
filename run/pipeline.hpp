// Cases -> results, streamed: NDJSON files are read in blocks, blocks are
// parsed and evaluated on `jobs` threads, and results are committed in input
// order (duplicate ids are decided there), so the output is the same whatever
// the number of jobs. Memory is bounded by the blocks in flight.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "input/reader.hpp"
#include "engine/results.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll {

// Which cases a run covers. A case outside is counted, not checked.
struct CaseSelection {
    std::optional<Date> from, until;  // the case has an event in [from, until]
    std::vector<std::string> units;   // the case's `unit` is one of these
    std::vector<std::string> ids;     // the case id is one of these
    bool empty() const { return !from && !until && units.empty() && ids.empty(); }
};

struct PipelineOptions {
    unsigned jobs = 0;  // 0 = all cores
    bool trace = false;
    CaseSelection selection;
    ReadLimits limits;
    size_t block_bytes = 1u << 20;
    FileAccess file_access = FileAccess::Map;  // Read where a case file may change during the run
};

struct PipelineReport {
    ReadStats stats;  // stats.cases: valid records, checked or outside the selection
    std::vector<ReadError> rejected;  // in file and line order
    uint64_t outside_selection = 0;
    // SHA-256 of each input hashed while it was read (path, hex), for provenance.
    std::vector<std::pair<std::string, std::string>> input_sha256;
};

// Calls `sink` once per checked case, in input order, one call at a time
// (from whichever thread commits the case's block; calls are ordered by a
// mutex, so the sink needs no locking of its own). An exception from the sink
// stops the run and is rethrown here.
PipelineReport run_pipeline(const RuleSet& rules, const std::vector<std::string>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink);

}  // namespace aktkoll
