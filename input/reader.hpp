// Reading case exports (contract case-export/1): NDJSON, streamed in
// constant memory, and the JSON document form. Every bad record becomes a
// ReadError naming file, line, case id and reason; good records go on.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/read_error.hpp"
#include "core/case.hpp"
#include "core/schema.hpp"
#include "input/unknown_names.hpp"

namespace simdjson {
struct padded_string;
}

namespace aktkoll {

// Which readers a RecordParser uses: the plain-shape reader with the general
// one behind it (the default), or the general one alone, which tests compare
// against.
enum class RecordPaths : uint8_t { PlainFirst, GeneralOnly };

// Parses one record into a Case: records of the contract's plain shape with
// PlainRecordReader, anything else (and every error) with simdjson on-demand. `data` must stay
// readable for SIMDJSON_PADDING bytes past `len` (`capacity` >= len + padding).
class RecordParser {
public:
    explicit RecordParser(const Schema& schema, ReadLimits limits = {},
                          RecordPaths paths = RecordPaths::PlainFirst);
    ~RecordParser();
    RecordParser(const RecordParser&) = delete;
    RecordParser& operator=(const RecordParser&) = delete;

    // nullopt when the record is good; otherwise the error with line and,
    // when it could be read, case_id filled (file is left to the caller).
    std::optional<ReadError> parse(const char* data, size_t len, size_t capacity, uint64_t line, Case& out);
    // The same for a record held without padding (a pack test's example):
    // copied into a padded buffer of the parser's own first.
    std::optional<ReadError> parse(std::string_view record, uint64_t line, Case& out);
    // The names of the records parsed so far that the schema does not declare.
    const UnknownNames& unknown_names() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// Remembers ids seen, in input order, to reject later duplicates. The one
// structure that grows with the input: 16 bytes a slot (at most 70 % full)
// plus the id and its line, about 40 bytes per case for ids of ten bytes.
class DuplicateIds {
public:
    static uint64_t hash(std::string_view id);
    // The line of the earlier record with this id, or nullopt (and remembers it).
    std::optional<uint64_t> insert(std::string_view id, uint64_t line) { return insert(id, hash(id), line); }
    std::optional<uint64_t> insert(std::string_view id, uint64_t hash, uint64_t line);
    // Room for `more` ids beyond those held, made at once: growing step by
    // step to a million ids would allocate, clear and rehash twice the memory.
    void reserve(size_t more);
    // Start loading the slot an insert of this hash will look at first.
    void prefetch(uint64_t hash) const {
        if (slot_count_) __builtin_prefetch(&slots_[hash & (slot_count_ - 1)]);
    }

private:
    // Open addressing over a pool of entries: the hash (8 bytes), the line
    // (8), the id's size (4) and its bytes. The pool is kept in chunks that never
    // move, so growing it copies nothing. A slot is 8 bytes, so that the
    // table of a million ids is 16 MiB, not 32, and more of it stays cached:
    // 24 bits of the id's hash (the lowest always set, so 0 is an empty
    // slot), then where its entry is (kWhereBits: the chunk << kChunkBits |
    // the offset in it; an entry too big for a chunk has one of its own, at 0).
    // A chunk is one huge page where the system allows: written once per id,
    // it would otherwise fault in a page at a time.
    using Slot = uint64_t;
    static constexpr int kChunkBits = 21;
    static constexpr size_t kChunk = size_t{1} << kChunkBits;
    static constexpr int kWhereBits = 40;
    static constexpr uint64_t kWhere = (uint64_t{1} << kWhereBits) - 1;
    static uint64_t tag(uint64_t hash) { return ((hash >> kWhereBits) | 1) << kWhereBits; }
    struct Free {
        void operator()(void* p) const { std::free(p); }
    };
    // Tens of megabytes at a million ids, probed at random: on huge pages
    // where the system allows, so that a probe is not also a TLB miss.
    std::unique_ptr<Slot[], Free> slots_;
    size_t slot_count_ = 0;  // a power of two
    std::vector<std::unique_ptr<char[], Free>> chunks_;
    size_t chunk_used_ = kChunk;  // bytes used in the last chunk
    size_t chunk_size_ = kChunk;  // size of the last chunk
    size_t count_ = 0;

    void grow(size_t min_slots = 0);
    uint64_t store(std::string_view id, uint64_t hash, uint64_t line);
    const char* entry(uint64_t where) const { return chunks_[where >> kChunkBits].get() + (where & (kChunk - 1)); }
};

// A block of whole NDJSON lines, padded for simdjson.
struct LineBlock {
    // The lines, each ending in '\n', then at least SIMDJSON_PADDING readable
    // bytes: in `bytes` (zero padding) or, for a file the reader maps, in the
    // map (the file's next lines as padding).
    const char* data = nullptr;
    size_t size = 0;          // bytes of line data (excluding padding)
    size_t capacity = 0;      // bytes readable from `data`, padding included
    std::string bytes;        // the block's own buffer, reused from block to block
    size_t map_end = 0;       // a mapped file: the offset just past this block's lines
    uint64_t first_line = 1;  // 1-based line number of the first line
    // Lines dropped for exceeding max_line_bytes, reported. Each leaves an empty
    // line in `bytes` so that line numbers stay in step.
    std::vector<ReadError> oversized;
};

// One line of a LineBlock, as LineCursor yields it.
struct BlockLine {
    uint64_t number = 0;
    std::string_view text;                 // without its '\n'; empty for an overlong line
    size_t capacity = 0;                   // bytes readable from text.data(), padding included
    const ReadError* oversized = nullptr;  // the line's LineTooLong error, or null
};

// Walks the lines of a block in order: the one place that splits a block.
class LineCursor {
public:
    LineCursor() = default;
    explicit LineCursor(const LineBlock& block) : block_(&block), line_(block.first_line) {}
    bool next(BlockLine& out) {
        if (!block_ || pos_ >= block_->size) return false;
        const char* start = block_->data + pos_;
        const auto* nl = static_cast<const char*>(std::memchr(start, '\n', block_->size - pos_));
        // Every line ends in '\n', unless a mapped file shrank under the block
        // (its lost pages read as zeros): then the rest is one line.
        const size_t len = nl ? static_cast<size_t>(nl - start) : block_->size - pos_;
        out.number = line_++;
        out.text = std::string_view(start, len);
        out.capacity = block_->capacity - pos_;
        out.oversized = nullptr;
        if (oversized_ < block_->oversized.size() && block_->oversized[oversized_].line == out.number)
            out.oversized = &block_->oversized[oversized_++];
        pos_ += len + 1;
        return true;
    }

private:
    const LineBlock* block_ = nullptr;
    size_t pos_ = 0;        // next line's offset in the block
    size_t oversized_ = 0;  // next entry of block.oversized
    uint64_t line_ = 0;
};

class Sha256;
struct MapSlot;

// How BlockReader may read a regular file: with read calls into the block
// (the default), or through a memory map (no copy of the bytes; a file
// truncated while it is read is noticed and reported, see
// BlockReader::failed). Reading is the cheaper of the two where it was
// measured (bench/README.md): a map costs a page fault per few pages and a
// TLB miss per page on first touch, and, in a virtual machine (WSL too), a
// nested page walk for each; read calls copy from the page cache through
// the kernel's own large pages into a buffer that stays in the cache.
enum class FileAccess : uint8_t { Read, Map };

// Reads an NDJSON file in blocks of whole lines (constant memory). Files are
// read straight into the block; only a line cut by the block's end is
// copied, to the start of the next. With FileAccess::Map a regular file is
// mapped instead, and its blocks are views of the map; a block with an
// overlong line, or too near the end of the file for the padding, is copied.
class BlockReader {
public:
    BlockReader(std::string path, ReadLimits limits = {}, size_t block_bytes = 8u << 20,
                FileAccess access = FileAccess::Read);
    ~BlockReader();
    bool ok() const;  // the file could be opened
    // Reading failed after the file was opened, or the file changed size
    // while it was read (a mapped file's lost end is not read; no SHA-256 is
    // given): the caller reports the file as unreadable.
    bool failed() const;
    // For estimates: the size of a regular file (0 for a pipe), the bytes
    // and lines handed out so far, and the size of the map (0 when not mapped).
    size_t input_size() const { return file_size_; }
    size_t input_offset() const { return map_ ? map_pos_ : read_bytes_ - carry_.size(); }
    size_t mapped_size() const { return map_size_; }
    uint64_t lines_read() const { return next_line_ - 1; }
    bool next(LineBlock& out);

    // The caller is done with the block whose LineBlock::map_end this is, and
    // with every block before it: a mapped file's pages before that offset
    // are given back (they stay in the page cache), so that memory does not
    // grow with the file. Safe to call while another thread calls next();
    // reading released bytes again is safe but slow. No-op when not mapped.
    void release(size_t map_end);

    // Hash every byte read (call before the first next()), for provenance.
    void hash_input();
    // The file's SHA-256 once it has been read to the end without a read
    // error; empty otherwise.
    std::string sha256();

private:
    std::string path_;
    ReadLimits limits_;
    size_t block_bytes_;
    std::FILE* file_ = nullptr;
    std::string carry_;      // the start of a line cut by the previous block's end
    std::string head_;       // bytes peeked at open (not a byte order mark)
    uint64_t next_line_ = 1;
    bool regular_ = false;   // a regular file (not a pipe)
    size_t file_size_ = 0;   // a regular file's size when opened
    size_t read_bytes_ = 0;  // read() so far
    bool eof_ = false;
    bool read_error_ = false;
    bool skipping_ = false;  // inside an overlong line
    std::unique_ptr<Sha256> sha_;
    const char* map_ = nullptr;  // the mapped file, or null
    size_t map_size_ = 0;
    size_t map_pos_ = 0;  // start of the next block in the map
    size_t map_released_ = 0;  // pages before this offset have been given back
    size_t map_length_ = 0;    // the size mapped (map_size_ shrinks with the file)
    MapSlot* map_guard_ = nullptr;  // the SIGBUS guard of the map
    size_t read(char* to, size_t want);
    bool changed_while_read() const;
    bool next_mapped(LineBlock& out);
    ReadError line_too_long() const;  // the error for line next_line_
};

enum class ExportForm : uint8_t { Ndjson, Document };
// By content: a file whose first JSON value is an object with a top-level key
// "format" or "cases" before any "id" or "events" is the document form (its
// keys may come in any order); otherwise one record per line. Safe on a pipe
// or FIFO: the bytes it looks at are kept for the next reader of the same
// path (BlockReader, load_input).
ExportForm detect_form(const std::string& path);

// The first bytes of `path`: 4 KiB, and 4 KiB more while `wants_more` (given
// each piece read) says so, up to `limit`. When the file cannot be read
// twice (a pipe, a FIFO), it stays open with those bytes for the next
// open_input of the same path, which returns it and them; otherwise
// open_input opens the path afresh (`head` empty). A path peeked at already
// gives its kept bytes (to `wants_more` too, in one piece).
std::string peek_head(const std::string& path, const std::function<bool(std::string_view)>& wants_more = {},
                      size_t limit = 4096);
std::FILE* open_input(const std::string& path, std::string& head);

// A whole file into memory (the document form), a pipe included; at most
// `max_bytes`, or TooBig.
enum class LoadResult : uint8_t { Ok, CannotRead, TooBig };
LoadResult load_input(const std::string& path, size_t max_bytes, simdjson::padded_string& out);

struct CaseFile;
class ReadLedger;

// Streams the accepted cases of one case file (any form: see
// input/case_files.hpp), in input order. Every record goes through `ledger`,
// which is shared across the files of one run (duplicates between files are
// caught too) and keeps the counts and the rejected records. Serial; see
// input/case_stream.hpp for the files of a run with a selection, and
// run/pipeline.hpp for the parallel path.
class CaseReader {
public:
    // `file` and `ledger` must outlive the reader.
    CaseReader(const CaseFile& file, const Schema& schema, ReadLedger& ledger, ReadLimits limits = {});
    ~CaseReader();
    bool next(Case& out);

    // Hash the file's bytes as they are read (call before the first next()).
    void hash_input();
    // The file's SHA-256 once it has been read to the end; empty otherwise.
    std::string sha256();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace aktkoll
