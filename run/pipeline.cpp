#include "run/pipeline.hpp"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "engine/compile.hpp"

namespace aktkoll {

namespace {

bool blank(const char* p, size_t len) {
    for (size_t i = 0; i < len; ++i)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
    return true;
}

// Evaluates one case unless the selection excludes it.
class CaseChecker {
public:
    CaseChecker(const RuleSet& rules, const PipelineOptions& options)
        : rules_(rules), options_(options), unit_slot_(rules.schema.case_attr("unit")) {}

    bool selected(const Case& c) const {
        const CaseSelection& s = options_.selection;
        if (s.empty()) return true;
        if (!s.ids.empty() && std::find(s.ids.begin(), s.ids.end(), c.id) == s.ids.end()) return false;
        if (!s.units.empty()) {
            std::string_view unit = unit_of(c);
            if (std::find(s.units.begin(), s.units.end(), unit) == s.units.end()) return false;
        }
        if (s.from || s.until) {
            const Date lo = s.from.value_or(Date{INT32_MIN}), hi = s.until.value_or(Date{INT32_MAX});
            return std::any_of(c.events.begin(), c.events.end(), [&](const Event& e) { return lo <= e.date && e.date <= hi; });
        }
        return true;
    }

    void check(const Case& c, const std::string& file, CaseResult& out) const {
        out.id.assign(c.id);
        out.line = c.line;
        out.file = file;
        out.unit.assign(unit_of(c));
        rules_.compiled->evaluate(c, out, options_.trace);
    }

private:
    const RuleSet& rules_;
    const PipelineOptions& options_;
    int unit_slot_;

    std::string_view unit_of(const Case& c) const {
        if (unit_slot_ < 0) return {};
        const Value& v = c.attrs[static_cast<size_t>(unit_slot_)];
        return v.kind == ValueKind::String ? v.str() : std::string_view{};
    }
};

// What a worker hands back for one block, committed in order.
struct BlockResult {
    std::vector<CaseResult> cases;  // reused across blocks: only [0, count) are valid
    std::vector<uint64_t> id_hashes;  // DuplicateIds::hash of each case's id, worked out here in parallel
    size_t count = 0;
    size_t map_end = 0;  // LineBlock::map_end of the block, for BlockReader::release once committed
    std::vector<ReadError> errors;  // rejected lines, in line order
    uint64_t lines = 0, blank_lines = 0, events = 0, undeclared_events = 0, outside = 0;
};

void process_block(const LineBlock& block, const std::string& file, RecordParser& parser, Case& scratch,
                   const CaseChecker& checker, BlockResult& out) {
    out.count = 0;
    out.errors.clear();
    out.lines = out.blank_lines = out.events = out.undeclared_events = out.outside = 0;
    LineCursor lines(block);
    for (BlockLine line; lines.next(line);) {
        if (line.oversized) {
            ++out.lines;
            out.errors.push_back(*line.oversized);
            continue;
        }
        if (blank(line.text.data(), line.text.size())) {
            ++out.blank_lines;
            continue;
        }
        ++out.lines;
        if (auto error = parser.parse(line.text.data(), line.text.size(), line.capacity, line.number, scratch)) {
            error->file = file;
            out.errors.push_back(std::move(*error));
            continue;
        }
        scratch.line = line.number;
        if (!checker.selected(scratch)) {
            ++out.outside;
            continue;
        }
        if (out.cases.size() <= out.count) {
            out.cases.emplace_back();
            out.id_hashes.emplace_back();
        }
        out.id_hashes[out.count] = DuplicateIds::hash(scratch.id);
        checker.check(scratch, file, out.cases[out.count++]);
        out.events += scratch.events.size();
        out.undeclared_events += scratch.undeclared_events;
    }
}

class Committer {
public:
    Committer(PipelineReport& report, DuplicateIds& ids, const std::function<void(const CaseResult&)>& sink)
        : report_(report), ids_(ids), sink_(sink) {}

    // About this many more cases will come (an estimate; only the id set's size follows it).
    void expect(uint64_t cases) { ids_.reserve(static_cast<size_t>(cases)); }

    // Rejected lines and cases come out in line order; duplicates are
    // decided here, in input order, so the first occurrence wins.
    void commit(BlockResult& b) {
        report_.stats.lines += b.lines;
        report_.stats.blank_lines += b.blank_lines;
        report_.stats.undeclared_events += b.undeclared_events;
        report_.outside_selection += b.outside;
        report_.stats.cases += b.outside;  // read and valid, but not checked
        size_t e = 0;
        // The id set outgrows the caches: ask for each slot a few cases ahead.
        constexpr size_t kAhead = 8;
        for (size_t i = 0; i < std::min(kAhead, b.count); ++i) ids_.prefetch(b.id_hashes[i]);
        for (size_t i = 0; i < b.count; ++i) {
            CaseResult& c = b.cases[i];
            if (i + kAhead < b.count) ids_.prefetch(b.id_hashes[i + kAhead]);
            while (e < b.errors.size() && b.errors[e].line < c.line) reject(std::move(b.errors[e++]));
            if (auto first = ids_.insert(c.id, b.id_hashes[i], c.line)) {
                ReadError dup;
                dup.kind = ReadErrorKind::DuplicateId;
                dup.file = c.file;
                dup.line = c.line;
                dup.case_id = c.id;
                dup.other_line = *first;
                reject(std::move(dup));
                continue;
            }
            ++report_.stats.cases;
            sink_(c);
        }
        while (e < b.errors.size()) reject(std::move(b.errors[e++]));
        report_.stats.events += b.events;  // events of duplicates are few; counted with their block
    }

private:
    PipelineReport& report_;
    DuplicateIds& ids_;
    const std::function<void(const CaseResult&)>& sink_;

    void reject(ReadError e) {
        ++report_.stats.rejected;
        report_.rejected.push_back(std::move(e));
    }
};

void run_ndjson(const RuleSet& rules, const std::string& file, const PipelineOptions& options, const CaseChecker& checker,
                Committer& committer, PipelineReport& report) {
    BlockReader reader(file, options.limits, options.block_bytes, options.file_access);
    reader.hash_input();
    if (!reader.ok()) {
        ReadError e;
        e.kind = ReadErrorKind::CannotOpen;
        e.file = file;
        ++report.stats.rejected;
        report.rejected.push_back(std::move(e));
        return;
    }
    const unsigned jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    // Read ahead enough that no worker waits for the reader, and let finished
    // blocks wait for their turn to be committed without stalling the others;
    // both bounded, so memory does not grow with the input.
    const size_t read_ahead = static_cast<size_t>(jobs) + 1;
    const size_t waiting_commit = 4 * static_cast<size_t>(jobs);

    std::mutex mutex;
    std::condition_variable changed;
    std::deque<std::pair<uint64_t, LineBlock>> queue;  // read, not yet taken by a worker
    std::map<uint64_t, BlockResult> done;               // evaluated, not yet committed
    std::vector<BlockResult> spare;                     // reusable result buffers
    std::vector<LineBlock> spare_blocks;                // reusable read buffers
    uint64_t next_read = 0, next_commit = 0;
    bool reading_done = false;
    bool committing = false;     // a worker is committing blocks
    std::exception_ptr failure;  // thrown by the sink: stop everything, rethrow below

    // Blocks are committed in order by whichever worker finds the next one
    // ready, and it goes on with every later block already done. Usually that
    // is the worker that has just evaluated the block, so the results it
    // commits are still in its cache.
    auto commit_ready = [&](std::unique_lock<std::mutex>& lock) {
        if (committing) return;
        committing = true;
        for (auto it = done.find(next_commit); it != done.end() && !failure; it = done.find(next_commit)) {
            BlockResult ready = std::move(it->second);
            done.erase(it);
            lock.unlock();
            try {
                committer.commit(ready);
                // Committed in order, so every earlier block is done too: its pages can go.
                reader.release(ready.map_end);
            } catch (...) {
                lock.lock();
                failure = std::current_exception();
                break;
            }
            lock.lock();
            spare.push_back(std::move(ready));
            ++next_commit;
        }
        committing = false;
    };

    auto worker = [&] {
        RecordParser parser(rules.schema, options.limits);
        Case scratch;
        for (;;) {
            std::pair<uint64_t, LineBlock> job;
            BlockResult result;
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return !queue.empty() || reading_done || failure; });
                if (queue.empty() || failure) return;
                job = std::move(queue.front());
                queue.pop_front();
                if (!spare.empty()) {
                    result = std::move(spare.back());
                    spare.pop_back();
                }
            }
            changed.notify_all();
            process_block(job.second, file, parser, scratch, checker, result);
            result.map_end = job.second.map_end;
            {
                std::unique_lock lock(mutex);
                done.emplace(job.first, std::move(result));
                spare_blocks.push_back(std::move(job.second));
                commit_ready(lock);
            }
            changed.notify_all();
        }
    };
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < jobs; ++i) workers.emplace_back(worker);

    std::thread producer([&] {
        for (;;) {
            LineBlock block;
            {
                std::lock_guard lock(mutex);
                if (failure) break;
                if (!spare_blocks.empty()) {
                    block = std::move(spare_blocks.back());
                    spare_blocks.pop_back();
                }
            }
            if (!reader.next(block)) break;
            // From the first block of a mapped file, the number of records
            // to expect: the id set is sized once instead of doubling its way
            // there. At most one per 23 bytes, the shortest record
            // ({"id":"x","events":[]}), however short the first lines are. No
            // block has been committed yet, so no lock is needed.
            if (next_read == 0 && reader.mapped_size() > 0 && reader.mapped_offset() > 0) {
                const uint64_t expected = reader.lines_read() * reader.mapped_size() / reader.mapped_offset();
                committer.expect(std::min<uint64_t>(expected, reader.mapped_size() / 23));
            }
            std::unique_lock lock(mutex);
            changed.wait(lock, [&] { return (queue.size() < read_ahead && done.size() < waiting_commit) || failure; });
            if (failure) break;
            queue.emplace_back(next_read++, std::move(block));
            changed.notify_all();
        }
        std::lock_guard lock(mutex);
        reading_done = true;
        changed.notify_all();
    });

    producer.join();
    for (auto& w : workers) w.join();
    if (failure) std::rethrow_exception(failure);
    if (reader.failed()) {  // a read error, or the file shrank while it was read: its end is missing
        ReadError e;
        e.kind = ReadErrorKind::CannotOpen;
        e.file = file;
        report.rejected.push_back(std::move(e));
    }
    if (std::string sha = reader.sha256(); !sha.empty()) report.input_sha256.emplace_back(file, std::move(sha));
}

void run_document(const RuleSet& rules, const std::string& file, const CaseChecker& checker, DuplicateIds& ids,
                  const PipelineOptions& options, const std::function<void(const CaseResult&)>& sink,
                  PipelineReport& report) {
    CaseReader reader(file, rules.schema, ids, options.limits);
    reader.hash_input();
    Case c;
    CaseResult result;
    std::vector<ReadError> errors;
    while (reader.next(c, errors)) {
        if (!checker.selected(c)) {
            ++report.outside_selection;
            continue;
        }
        checker.check(c, file, result);
        sink(result);
    }
    const ReadStats& s = reader.stats();
    report.stats.lines += s.lines;
    report.stats.cases += s.cases;
    report.stats.events += s.events;
    report.stats.rejected += s.rejected;
    report.stats.blank_lines += s.blank_lines;
    report.stats.undeclared_events += s.undeclared_events;
    for (auto& e : errors) report.rejected.push_back(std::move(e));
    if (std::string sha = reader.sha256(); !sha.empty()) report.input_sha256.emplace_back(file, std::move(sha));
}

}  // namespace

PipelineReport run_pipeline(const RuleSet& rules, const std::vector<std::string>& files, const PipelineOptions& options,
                            const std::function<void(const CaseResult&)>& sink) {
    PipelineReport report;
    DuplicateIds ids;
    CaseChecker checker(rules, options);
    Committer committer(report, ids, sink);
    for (const auto& file : files) {
        if (detect_form(file) == ExportForm::Document)
            run_document(rules, file, checker, ids, options, sink, report);
        else
            run_ndjson(rules, file, options, checker, committer, report);
    }
    return report;
}

}  // namespace aktkoll
