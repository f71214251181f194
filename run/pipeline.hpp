// Cases -> results, streamed: NDJSON files (and conversions) are read in
// blocks, blocks are parsed and evaluated on `jobs` threads, and results are
// committed in input order through one ReadLedger (duplicate ids and counts
// are decided there, as in the serial CaseStream), so the output is the same
// whatever the number of jobs. Memory is bounded by the blocks in flight.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"
#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/reader.hpp"
#include "input/selection.hpp"

namespace aktkoll {

struct PipelineOptions {
    unsigned jobs = 0;  // 0 = all cores
    bool trace = false;
    Date today;  // the evaluation date (`today` in the rules, and whether deadlines have passed)
    CaseSelection selection;
    ReadLimits limits;
    size_t block_bytes = 1u << 20;
    FileAccess file_access = FileAccess::Read;  // see FileAccess
    // By rule index, false: the rule's result is handed on as not selected
    // (Et, Disabled), as `check --rule` shows it; empty: every rule as evaluated.
    std::vector<bool> chosen;
    // When set, the totals of the cases handed to the sink are added to it.
    // The workers count them beside the evaluation, while the results are
    // still in their cache, instead of the committing thread after the hand-over.
    Totals* totals = nullptr;
};

using PipelineReport = ReadReport;

// Calls `sink` once per checked case, in input order, one call at a time
// (from whichever thread commits the case's block; calls are ordered by a
// mutex, so the sink needs no locking of its own). An exception from the sink
// stops the run and is rethrown here. Results and errors name CaseFile::path.
PipelineReport run_pipeline(const RuleSet& rules, const std::vector<CaseFile>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink);
// Files of the contract's JSON forms, as they are.
PipelineReport run_pipeline(const RuleSet& rules, const std::vector<std::string>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink);
// Two rule sets of one vocabulary (equal schemas) over the same cases, each
// record read and validated once and evaluated under both: `sink` gets each
// checked case's results under `first` and under `second`. Rejected records,
// duplicate ids and the selection are decided once, as in run_pipeline.
// Throws std::invalid_argument when the schemas differ (a record may then
// read differently, or not at all, under each: run one pipeline per rule set).
PipelineReport run_pipeline_pair(const RuleSet& first, const RuleSet& second, const std::vector<std::string>& files,
                                 const PipelineOptions& options,
                                 const std::function<void(const CaseResult& first, const CaseResult& second)>& sink);

}  // namespace aktkoll
