#include "run/pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <span>
#include <stdexcept>
#include <thread>

#include "engine/compile.hpp"

namespace aktkoll {

namespace {

bool blank(const char* p, size_t len) {
    for (size_t i = 0; i < len; ++i)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
    return true;
}

// Evaluates one case under the rule set, or under both of a pair (of one
// vocabulary, so that the case read once serves both); the selection says which.
class CaseChecker {
public:
    CaseChecker(const RuleSet& rules, const RuleSet* second, const PipelineOptions& options)
        : rules_(rules), second_(second), options_(options), selection_(rules.schema, options.selection) {}

    bool selected(const Case& c) const { return selection_.selected(c); }
    size_t results() const { return second_ ? 2 : 1; }  // per checked case

    // Fills out[0] (and out[1] for a pair); adds out[0] to `totals` when
    // given (PipelineOptions::totals), after the selection of rules (`chosen`).
    void check(const Case& c, const std::string& file, CaseResult* out, Totals* totals) const {
        check(rules_, c, file, out[0]);
        for (size_t i = 0; i < options_.chosen.size() && i < out[0].rules.size(); ++i)
            if (!options_.chosen[i]) out[0].rules[i] = RuleResult{Outcome::Et, OutcomeReason::Disabled, -1};
        if (totals) totals->add(rules_, out[0]);
        if (second_) check(*second_, c, file, out[1]);
    }
    bool counting() const { return options_.totals != nullptr; }

private:
    const RuleSet& rules_;
    const RuleSet* second_;
    const PipelineOptions& options_;
    SelectionTest selection_;

    void check(const RuleSet& rules, const Case& c, const std::string& file, CaseResult& out) const {
        out.id.assign(c.id);
        out.line = c.line;
        out.file = file;
        out.unit.assign(selection_.unit_of(c));
        rules.compiled->evaluate(c, out, options_.trace, options_.today);
    }
};

// A checked case's results, one per rule set.
using CaseResults = std::span<const CaseResult>;
using ResultSink = std::function<void(CaseResults)>;

// One non-blank line of a block, in line order, as the committer needs it.
struct BlockRecord {
    enum Kind : uint8_t { Checked, Outside, Rejected };
    uint64_t line = 0;
    uint64_t hash = 0;   // DuplicateIds::hash of the id (not Rejected), worked out here in parallel
    uint32_t index = 0;  // into BlockResult::cases (times CaseChecker::results()), ::outside_ids or ::errors
    uint32_t events = 0, undeclared_events = 0;
    Kind kind = Checked;
};

// What a worker hands back for one block, committed in order. The vectors are
// reused across blocks: only the first `records.size()` entries they index are valid.
struct BlockResult {
    std::vector<BlockRecord> records;
    std::vector<CaseResult> cases;          // checked, CaseChecker::results() per case
    std::vector<std::string> outside_ids;  // accepted records outside the selection: their ids still count
    std::vector<ReadError> errors;          // rejected lines
    Totals totals;  // of `cases`, when PipelineOptions::totals asks (duplicates are taken out at commit)
    size_t map_end = 0;  // LineBlock::map_end of the block, for BlockReader::release once committed
    uint64_t blank_lines = 0;

    void clear() {
        records.clear();
        errors.clear();
        blank_lines = 0;
        totals = {};
    }
    template <typename T>
    static T& slot(std::vector<T>& v, size_t i) {
        if (v.size() <= i) v.emplace_back();
        return v[i];
    }
};

// Parses and evaluates the lines of one block (a worker's part).
void process_block(const LineBlock& block, const CaseFile& file, RecordParser& parser, Case& scratch,
                   const CaseChecker& checker, BlockResult& out) {
    out.clear();
    size_t checked = 0, outside = 0;
    LineCursor lines(block);
    for (BlockLine line; lines.next(line);) {
        if (!line.oversized && blank(line.text.data(), line.text.size())) {
            out.blank_lines += !file.converted;
            continue;
        }
        BlockRecord r;
        r.line = line.number;
        std::optional<ReadError> error;
        if (line.oversized) error = *line.oversized;
        else error = parser.parse(line.text.data(), line.text.size(), line.capacity, line.number, scratch);
        if (error) {
            error->file = file.path;
            r.kind = BlockRecord::Rejected;
            r.index = static_cast<uint32_t>(out.errors.size());
            out.errors.push_back(std::move(*error));
            out.records.push_back(r);
            continue;
        }
        scratch.line = line.number;
        r.hash = DuplicateIds::hash(scratch.id);
        r.events = static_cast<uint32_t>(scratch.events.size());
        r.undeclared_events = static_cast<uint32_t>(scratch.undeclared_events);
        if (checker.selected(scratch)) {
            r.index = static_cast<uint32_t>(checked);
            const size_t first = checked++ * checker.results();
            for (size_t k = 0; k < checker.results(); ++k) BlockResult::slot(out.cases, first + k);
            checker.check(scratch, file.path, &out.cases[first], checker.counting() ? &out.totals : nullptr);
        } else {
            r.kind = BlockRecord::Outside;
            r.index = static_cast<uint32_t>(outside);
            BlockResult::slot(out.outside_ids, outside++).assign(scratch.id);
        }
        out.records.push_back(r);
    }
}

// Hands the records of each block to the ledger in input order, and the
// checked cases it accepts to the sink; adds the block's totals, less its
// duplicates, to PipelineOptions::totals.
class Committer {
public:
    Committer(const RuleSet& rules, ReadLedger& ledger, size_t results, Totals* totals, const ResultSink& sink)
        : rules_(rules), ledger_(ledger), results_(results), totals_(totals), sink_(sink) {}

    // The file whose blocks come next; its conversion's rejected records are merged in by line.
    void start_file(const CaseFile& file) {
        file_ = &file;
        converted_next_ = 0;
    }
    void finish_file() { converted_before(UINT64_MAX); }

    void commit(BlockResult& b) {
        ledger_.blank_lines(b.blank_lines);
        // The id set outgrows the caches: ask for each slot a few records ahead.
        constexpr size_t kAhead = 8;
        const size_t n = b.records.size();
        for (size_t i = 0; i < std::min(kAhead, n); ++i) prefetch(b.records[i]);
        for (size_t i = 0; i < n; ++i) {
            if (i + kAhead < n) prefetch(b.records[i + kAhead]);
            commit(b, b.records[i]);
        }
        if (!totals_) return;
        if (duplicates_.cases > 0) {
            b.totals -= duplicates_;
            duplicates_ = {};
        }
        *totals_ += b.totals;
    }

private:
    const RuleSet& rules_;
    ReadLedger& ledger_;
    const size_t results_;  // per checked case
    Totals* totals_;
    Totals duplicates_;  // checked cases of the block being committed that the ledger rejected
    const ResultSink& sink_;
    const CaseFile* file_ = nullptr;
    size_t converted_next_ = 0;

    void prefetch(const BlockRecord& r) const {
        if (r.kind != BlockRecord::Rejected) ledger_.prefetch(r.hash);
    }
    void converted_before(uint64_t line) {
        while (converted_next_ < file_->rejected.size() && file_->rejected[converted_next_].line < line)
            ledger_.reject(file_->rejected[converted_next_++]);
    }
    void commit(BlockResult& b, const BlockRecord& r) {
        converted_before(r.line);
        switch (r.kind) {
            case BlockRecord::Rejected: ledger_.reject(std::move(b.errors[r.index])); break;
            case BlockRecord::Outside:
                if (ledger_.accept(b.outside_ids[r.index], r.hash, file_->path, r.line, r.events, r.undeclared_events))
                    ledger_.outside_selection();
                break;
            case BlockRecord::Checked: {
                const CaseResult& c = b.cases[r.index * results_];
                if (ledger_.accept(c.id, r.hash, file_->path, r.line, r.events, r.undeclared_events)) sink_(CaseResults(&c, results_));
                else if (totals_) duplicates_.add(rules_, c);
                break;
            }
        }
    }
};

// One NDJSON file through the threads. Each worker reads the next block
// itself (one at a time, so blocks are numbered in file order), parses and
// evaluates it, and whichever worker finds the next block in order ready
// commits it: the ledger decides its records. The input is hashed as it is
// read, under the reading lock, so in file order. There is no
// reading thread beside the workers: `jobs` threads do all the work, the
// block a worker reads is in its own cache when it parses it, and the two
// parts that must go in order, reading and committing, overlap with the
// others' parsing. Finished blocks waiting for their turn are bounded, so
// memory does not grow with the input.
class ParallelFile {
public:
    ParallelFile(const RuleSet& rules, const CaseFile& file, const PipelineOptions& options, const CaseChecker& checker,
                 Committer& committer, ReadLedger& ledger)
        : rules_(rules), file_(file), options_(options), checker_(checker), committer_(committer), ledger_(ledger),
          reader_(file.records, options.limits, options.block_bytes, options.file_access),
          jobs_(options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency())) {
        reader_.hash_input();
    }

    void run() {
        if (!reader_.ok()) {
            ReadError e;
            e.kind = ReadErrorKind::CannotOpen;
            e.file = file_.path;
            ledger_.file_error(std::move(e));
            return;
        }
        std::vector<std::thread> workers;
        for (unsigned i = 1; i < jobs_; ++i) workers.emplace_back([this] { work(); });
        work();  // this thread is a worker too
        for (auto& w : workers) w.join();
        if (failure_) std::rethrow_exception(failure_);
        if (reader_.failed()) {  // a read error, or the file shrank while it was read: its end is missing
            ReadError e;
            e.kind = ReadErrorKind::CannotOpen;
            e.file = file_.path;
            ledger_.file_error(std::move(e));
        }
        // A conversion's hash is not the file's: the caller hashes the original.
        if (std::string sha = reader_.sha256(); !sha.empty() && !file_.converted)
            ledger_.report().input_sha256.emplace_back(file_.path, std::move(sha));
    }

private:
    const RuleSet& rules_;
    const CaseFile& file_;
    const PipelineOptions& options_;
    const CaseChecker& checker_;
    Committer& committer_;
    ReadLedger& ledger_;
    BlockReader reader_;
    const unsigned jobs_;

    std::mutex reading_;  // held while a worker reads a block: next_read_, the reader's read side
    uint64_t next_read_ = 0;

    std::mutex mutex_;  // the rest below
    std::condition_variable changed_;
    std::map<uint64_t, BlockResult> done_;  // evaluated, not yet committed
    std::vector<BlockResult> spare_;        // reusable result buffers
    std::vector<LineBlock> spare_blocks_;   // reusable read buffers
    uint64_t next_commit_ = 0;
    bool reading_done_ = false;
    bool committing_ = false;     // a worker is committing blocks
    std::exception_ptr failure_;  // thrown by the sink: stop everything, rethrow in run()

    // Enough finished blocks may wait for their turn that a worker does not
    // stall behind one slow block.
    size_t waiting_commit() const { return 4 * static_cast<size_t>(jobs_); }

    // Commits every block that is next in order. Usually the caller is the
    // worker that has just evaluated the block, so its results are still in
    // that worker's cache.
    void commit_ready(std::unique_lock<std::mutex>& lock) {
        if (committing_) return;
        committing_ = true;
        for (auto it = done_.find(next_commit_); it != done_.end() && !failure_; it = done_.find(next_commit_)) {
            BlockResult ready = std::move(it->second);
            done_.erase(it);
            lock.unlock();
            try {
                committer_.commit(ready);
                // Committed in order, so every earlier block is done too: a
                // mapped file's pages up to here can go.
                reader_.release(ready.map_end);
            } catch (...) {
                lock.lock();
                failure_ = std::current_exception();
                break;
            }
            lock.lock();
            spare_.push_back(std::move(ready));
            ++next_commit_;
        }
        committing_ = false;
    }

    // Reads the next block, numbered in file order (false when there is none
    // left, or the run has failed). Waits while too many finished blocks wait
    // for their turn: the block they wait for is being evaluated by another
    // worker, which commits them when it is done.
    bool take(uint64_t& number, LineBlock& block, BlockResult& result) {
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return done_.size() < waiting_commit() || reading_done_ || failure_; });
            if (reading_done_ || failure_) return false;
            if (!spare_blocks_.empty()) {
                block = std::move(spare_blocks_.back());
                spare_blocks_.pop_back();
            }
            if (!spare_.empty()) {
                result = std::move(spare_.back());
                spare_.pop_back();
            }
        }
        std::lock_guard reading(reading_);
        if (!reader_.next(block)) {
            std::lock_guard lock(mutex_);
            reading_done_ = true;
            changed_.notify_all();
            return false;
        }
        expect_records();
        number = next_read_++;
        return true;
    }

    void work() {
        RecordParser parser(rules_.schema, options_.limits);
        Case scratch;
        for (;;) {
            uint64_t number = 0;
            LineBlock block;
            BlockResult result;
            if (!take(number, block, result)) break;
            process_block(block, file_, parser, scratch, checker_, result);
            result.map_end = block.map_end;
            {
                std::unique_lock lock(mutex_);
                done_.emplace(number, std::move(result));
                spare_blocks_.push_back(std::move(block));
                commit_ready(lock);
            }
            changed_.notify_all();
        }
        std::unique_lock lock(mutex_);
        // The last worker to stop commits what others left (their blocks were
        // done while this one was committing).
        commit_ready(lock);
        parser.unknown_names().merge_into(ledger_.report().unknown_names, file_.path);
    }

    // From the first block of a regular file, the number of records to expect:
    // the id set is sized once instead of doubling its way there. At most one
    // per 23 bytes, the shortest record ({"id":"x","events":[]}), however
    // short the first lines are. No block has been committed yet (the caller
    // holds `reading_`, and this is the first block read), so the ledger is
    // not in use.
    void expect_records() {
        if (next_read_ != 0 || reader_.input_size() == 0 || reader_.input_offset() == 0) return;
        const uint64_t expected = reader_.lines_read() * reader_.input_size() / reader_.input_offset();
        ledger_.reserve(static_cast<size_t>(std::min<uint64_t>(expected, reader_.input_size() / 23)));
    }
};

// The document form is read whole by the serial reader, through the same ledger.
void run_document(const RuleSet& rules, const CaseFile& file, const CaseChecker& checker, ReadLedger& ledger,
                  const PipelineOptions& options, const ResultSink& sink) {
    CaseReader reader(file, rules.schema, ledger, options.limits);
    reader.hash_input();
    Case c;
    std::vector<CaseResult> results(checker.results());
    while (reader.next(c)) {
        if (!checker.selected(c)) {
            ledger.outside_selection();
            continue;
        }
        checker.check(c, file.path, results.data(), options.totals);
        sink(results);
    }
    if (std::string sha = reader.sha256(); !sha.empty()) ledger.report().input_sha256.emplace_back(file.path, std::move(sha));
}

// The files through the pipeline, each case checked under `rules` (and `second`).
PipelineReport run_files(const RuleSet& rules, const RuleSet* second, const std::vector<CaseFile>& files,
                         const PipelineOptions& options, const ResultSink& sink) {
    ReadLedger ledger;
    CaseChecker checker(rules, second, options);
    Committer committer(rules, ledger, checker.results(), options.totals, sink);
    for (const auto& file : files) {
        if (file.form == ExportForm::Document) {
            run_document(rules, file, checker, ledger, options, sink);
            continue;
        }
        committer.start_file(file);
        ParallelFile(rules, file, options, checker, committer, ledger).run();
        committer.finish_file();
    }
    return std::move(ledger.report());
}

std::vector<CaseFile> plain_case_files(const std::vector<std::string>& files) {
    std::vector<CaseFile> opened;
    for (const auto& f : files) opened.push_back(plain_case_file(f));
    return opened;
}

}  // namespace

PipelineReport run_pipeline(const RuleSet& rules, const std::vector<CaseFile>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink) {
    return run_files(rules, nullptr, files, options, [&](CaseResults r) { sink(r[0]); });
}

PipelineReport run_pipeline(const RuleSet& rules, const std::vector<std::string>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink) {
    return run_pipeline(rules, plain_case_files(files), options, sink);
}

PipelineReport run_pipeline_pair(const RuleSet& first, const RuleSet& second, const std::vector<std::string>& files,
                                 const PipelineOptions& options,
                                 const std::function<void(const CaseResult&, const CaseResult&)>& sink) {
    if (!(first.schema == second.schema))
        throw std::invalid_argument("run_pipeline_pair: the rule sets' vocabularies differ");
    return run_files(first, &second, plain_case_files(files), options, [&](CaseResults r) { sink(r[0], r[1]); });
}

}  // namespace aktkoll
