// CSV exports from case-management systems -> the contract NDJSON
// (case-export/1), driven by a TOML column mapping (docs/import.md).
//
// Three stages, each usable alone:
//   load_mapping   TOML text -> Mapping (checked; errors as Diagnostics)
//   CsvReader      bytes -> rows with the physical line each starts on:
//                  encoding (UTF-8 with or without BOM, Windows-1252),
//                  delimiter (; , tab) and RFC 4180 quoting via libcsv
//   convert_csv    rows -> one NDJSON line per case; every row that cannot be
//                  mapped becomes a RowRejection, none is dropped silently.
//
// Memory: the wide layout (one row per case) streams, holding one row and the
// set of ids seen. The long layout (one row per event) may list a case's rows
// anywhere in the file, so it holds every accepted case with its events until
// the end: memory grows with the size of the export.
#pragma once

#include <cstdint>
#include <deque>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/read_error.hpp"

namespace aktkoll::importer {

// ---- mapping ---------------------------------------------------------------

enum class Layout : uint8_t { Wide, Long };
enum class ValueType : uint8_t { String, Integer, Boolean, Date };
enum class Encoding : uint8_t { Auto, Utf8, Windows1252 };

// A mapped cell: unknown (written as null), or a string (also dates, as
// "YYYY-MM-DD"), integer or boolean.
using MappedValue = std::variant<std::monostate, std::string, int64_t, bool>;

// One column that becomes an attribute of the case or of an event.
struct FieldMapping {
    std::string key;     // attribute name in the contract
    std::string column;  // column header in the export; empty for a constant
    std::optional<MappedValue> constant;  // `value = ...`: the same on every row (e.g. huvudman of a column)
    ValueType type = ValueType::String;
    // When not empty, the only values accepted (after trimming spaces), and
    // what each becomes; any other value rejects the row.
    std::vector<std::pair<std::string, MappedValue>> values;
    std::vector<std::string> unknown;  // besides an empty cell, values that mean "unknown" (null)
    std::vector<std::string> only_for;     // long layout: event types it applies to (empty: all)
    uint32_t mapping_line = 0;             // where it is declared in the mapping file
};

// Wide layout: a date column that becomes an event when it holds a date.
struct WideEvent {
    std::string type;
    std::string date_column;
    std::vector<FieldMapping> attributes;
    uint32_t mapping_line = 0;  // of its date column
};

// Long layout: how each row becomes an event.
struct LongEvents {
    std::string type_column;
    std::string date_column;
    std::vector<std::pair<std::string, std::string>> types;  // the system's name -> event type
    std::vector<std::string> ignore;  // the system's names of rows the audit does not need
    std::vector<FieldMapping> attributes;
    uint32_t type_line = 0, date_line = 0;
};

struct Mapping {
    std::string file;
    Layout layout = Layout::Wide;
    Encoding encoding = Encoding::Auto;
    char delimiter = 0;  // 0: detected from the header line
    std::string id_column;
    uint32_t id_line = 0;
    std::vector<FieldMapping> case_attributes;
    std::vector<WideEvent> wide_events;  // Layout::Wide
    LongEvents long_events;              // Layout::Long
};

struct MappingResult {
    std::optional<Mapping> mapping;  // set when there are no errors
    std::vector<dsl::Diagnostic> errors;
    std::string text;  // the mapping file's text, to render errors with their source line
};

MappingResult parse_mapping(std::string_view toml_text, const std::string& file, Lang lang);
MappingResult load_mapping(const std::string& path, Lang lang);
// Every error, compiler-style (file:line:col, source line, caret, hint).
std::string describe(const MappingResult& result, Lang lang);

// ---- CSV -------------------------------------------------------------------

struct CsvRow {
    uint64_t line = 0;  // physical line (1-based) where the row starts
    uint64_t last_line = 0;  // physical line where it ends (> line with embedded newlines)
    std::vector<std::string> fields;  // UTF-8, unquoted
};

enum class CsvProblemKind : uint8_t {
    MalformedQuote,     // a quote inside an unquoted field, or text after a closing quote
    UnterminatedQuote,  // a quoted field still open at the end of the file
    InvalidUtf8,        // the file is declared UTF-8 (BOM or mapping) but the row is not
};

// A row the CSV layer could not read; the reader goes on with the next line.
struct CsvProblem {
    CsvProblemKind kind = CsvProblemKind::MalformedQuote;
    uint64_t line = 0;     // where the row starts
    uint64_t at_line = 0;  // where the problem is
};

struct CsvFormat {
    Encoding encoding = Encoding::Utf8;  // as read: Utf8 or Windows1252
    bool bom = false;
    char delimiter = ',';
};

// "UTF-8 med BOM, semikolon" / "Windows-1252, comma"
std::string describe(const CsvFormat& format, Lang lang);

// Windows-1252 bytes as UTF-8 (the five undefined bytes become U+0081 etc.,
// as the WHATWG encoding standard does).
std::string windows1252_to_utf8(std::string_view bytes);
bool is_valid_utf8(std::string_view bytes);
// The delimiter of a header line: the most frequent of ';', '\t', ',' outside
// quotes (ties in that order); ',' when there is none.
char detect_delimiter(std::string_view header_line);

// Reads one CSV file row by row. Blank rows are skipped. Encoding: a UTF-8
// BOM means UTF-8; otherwise the whole file is scanned first and any invalid
// UTF-8 sequence means Windows-1252 (the usual encoding of Excel's "CSV
// (semikolonavgränsad)" on Swedish Windows).
class CsvReader {
public:
    enum class OpenError : uint8_t { None, CannotOpen, Utf16 };

    CsvReader(const std::string& path, Encoding encoding = Encoding::Auto, char delimiter = 0);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    OpenError open_error() const { return open_error_; }
    const CsvFormat& format() const { return format_; }
    // The next row, or false at the end. Rows that cannot be read are
    // appended to `problems` (in line order) and skipped.
    bool next(CsvRow& row, std::vector<CsvProblem>& problems);

private:
    struct Parser;
    std::ifstream in_;
    OpenError open_error_ = OpenError::None;
    CsvFormat format_;
    std::unique_ptr<Parser> parser_;
    std::string pending_first_line_;  // read to detect the delimiter, not yet parsed
    bool has_pending_first_line_ = false;
    uint64_t physical_line_ = 0;  // lines fed to the parser
    bool finished_ = false;

    bool feed_next_line(std::vector<CsvProblem>& problems);
};

// ---- conversion ------------------------------------------------------------

enum class RejectReason : uint8_t {
    MalformedQuote,
    UnterminatedQuote,
    InvalidUtf8,
    FieldCount,         // count = fields in the row, expected = in the header
    MissingId,          // column
    DuplicateId,        // other_line
    Personnummer,       // column; the value is never shown
    InvalidDate,        // column, value
    MissingDate,        // column (long layout: every row is an event and needs a date)
    UnmappedValue,      // column, value, expected = accepted values
    NotInteger,         // column, value
    NotBoolean,         // column, value
    ConflictingValue,   // column, other_line: a case attribute differs between rows of one case
};

struct RowRejection {
    RejectReason reason = RejectReason::MissingId;
    uint64_t line = 0;  // physical line where the row starts
    std::string case_id;  // when known
    std::string column;
    std::string value;     // shown in the message; empty for Personnummer
    std::string expected;  // UnmappedValue: accepted values
    uint64_t other_line = 0;
    uint64_t at_line = 0;  // MalformedQuote: the line of the bad quote
    size_t count = 0, expected_count = 0;  // FieldCount
};

// Long layout: a case some of whose rows were rejected is not written at
// all, since a missing event would read as an undocumented step (a false Nej).
struct DroppedCase {
    std::string case_id;
    uint64_t line = 0;  // of its first row
    std::vector<uint64_t> rejected_lines;
};

enum class ImportFailureKind : uint8_t {
    CannotOpen,
    Utf16,          // a UTF-16 file (Excel's "Unicode text"): save as CSV UTF-8
    NoHeader,       // the file has no rows
    HeaderUnreadable,  // the header row has malformed quotes or invalid UTF-8
    MissingColumn,  // column named in the mapping is not in the header; hint = closest header
    AmbiguousColumn,  // the header has the column more than once
};

// A problem that stops the conversion of a file before any case is written.
struct ImportFailure {
    ImportFailureKind kind = ImportFailureKind::CannotOpen;
    std::string column;
    uint32_t mapping_line = 0;
    std::string hint;
};

struct ImportSummary {
    uint64_t rows = 0;      // data rows read (not the header, not blank rows)
    uint64_t cases = 0;     // cases written
    uint64_t events = 0;    // events written
    uint64_t rejected = 0;  // rows rejected
    uint64_t ignored = 0;   // long layout: rows whose type the mapping lists under `ignore`
    uint64_t dropped_cases = 0;
    CsvFormat format;
};

struct ImportResult {
    std::optional<ImportFailure> failure;  // nothing was written
    ImportSummary summary;
    std::vector<RowRejection> rejections;  // in line order
    std::vector<DroppedCase> dropped;      // in line order
};

struct ConvertOptions {
    // Writes the case whose (first) row starts on CSV line N on output line N,
    // with blank lines between, so that line numbers in check reports point
    // into the CSV file.
    bool align_lines = false;
};

ImportResult convert_csv(const std::string& csv_path, const Mapping& mapping, std::ostream& out,
                         const ConvertOptions& options = {});

// "export.csv:7: fall K-3: ogiltigt datum '2023-02-30' i kolumnen 'Datum vårdplan'"
std::string describe(const RowRejection& r, const std::string& csv_file, Lang lang);
// A rejected row as a rejected record of the CSV file, for the run's report
// (ReadErrorKind::RowRejected, the reason rendered in `lang`).
ReadError as_read_error(const RowRejection& r, const std::string& csv_file, Lang lang);
std::string describe(const DroppedCase& d, const std::string& csv_file, Lang lang);
std::string describe(const ImportFailure& f, const std::string& csv_file, const std::string& mapping_file, Lang lang);
// "14 rader lästa, 12 fall skrivna, 2 rader avvisade"
std::string describe(const ImportSummary& s, Lang lang);

bool is_csv_path(const std::string& path);

}  // namespace aktkoll::importer
