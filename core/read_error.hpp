// What reading a case export can go wrong with, in data: the limits that
// guard the reader, each rejected record as a ReadError, and the counts of a
// read. Shared by every stage that reads or reports on cases.
#pragma once

#include <cstdint>
#include <string>

#include "core/text.hpp"

namespace aktkoll {

// Guards against hostile or broken input. Exceeding one rejects the record
// (or, for an overlong line, that line) with a clear error; reading goes on.
struct ReadLimits {
    size_t max_line_bytes = 4u << 20;  // one NDJSON record
    size_t max_depth = 32;             // JSON nesting within a record
    size_t max_events = 10000;         // events per case
    size_t max_document_bytes = 512u << 20;  // the JSON document form is read whole
};

enum class ReadErrorKind : uint8_t {
    CannotOpen,       // file cannot be opened or read
    InvalidJson,      // not well-formed JSON (or invalid UTF-8)
    NotObject,        // record is not a JSON object
    NotCaseExport,    // document form without "format":"case-export/1" and "cases" array
    MissingId,
    IdNotString,
    DuplicateId,      // other_line = line of the first record with that id
    MissingEvents,
    EventsNotArray,
    EventNotObject,   // event_index
    EventMissingType,
    EventMissingDate,
    InvalidDate,      // field (+ event_index when in an event)
    WrongType,        // field, expected (+ event_index)
    NotInEnumeration, // field, expected = allowed values (+ event_index)
    Personnummer,     // field (+ event_index); the value is never printed
    LineTooLong,
    TooDeep,
    TooManyEvents,
    RowRejected,      // a row of a converted form (CSV through a mapping): got = the converter's reason, in the run's language
};

struct ReadError {
    ReadErrorKind kind = ReadErrorKind::InvalidJson;
    std::string file;
    uint64_t line = 0;        // 1-based; 0 when the whole file is concerned
    std::string case_id;      // empty when not known
    std::string field;        // attribute or key concerned, when any
    int event_index = -1;     // 0-based position in "events", when in an event
    std::string expected;     // expected type or allowed values; the limit for LineTooLong, TooDeep, TooManyEvents
    std::string got;          // WrongType, IdNotString, EventsNotArray: the JSON type found
    uint64_t other_line = 0;  // DuplicateId: line of the first occurrence
};

// "cases/bad.ndjson:7: fel AK0713: fall K-0003: ogiltigt datum i 'date' (händelse 2)"
std::string describe(const ReadError& e, Lang lang);
// The stable code of the kind, e.g. AK0713; docs/diagnostics.md explains each.
const char* read_error_code(ReadErrorKind kind);

struct ReadStats {
    uint64_t lines = 0;     // records seen (non-blank lines for NDJSON)
    uint64_t cases = 0;     // accepted
    uint64_t events = 0;    // in accepted cases
    uint64_t rejected = 0;  // records rejected
    uint64_t blank_lines = 0;
    uint64_t undeclared_events = 0;  // events whose type the schema does not declare
};

// A name in case data that the vocabulary does not declare: an event type,
// or a key of a case or of a declared event. Never a value. (Collected by
// input/unknown_names.hpp.)
inline constexpr int kScopeEventType = -2;
inline constexpr int kScopeCase = -1;  // >= 0: a key of an event of that declared type

struct UnknownName {
    int scope = kScopeCase;
    std::string name;
    uint64_t records = 0;     // records in which it occurs
    std::string file;         // of the first record (in input order) with it
    uint64_t first_line = 0;
    std::string first_case;   // that record's id; empty when it could not be read
};

// An unknown name close to a vocabulary name of its scope: probably misspelt.
struct MisspeltName {
    UnknownName name;
    std::string event;    // the event type, for a key of an event
    std::string nearest;  // the vocabulary name it is close to
};

namespace read_words {
// Language-neutral type words kept in ReadError::expected / ::got; describe() translates them.
inline constexpr const char* kString = "string";
inline constexpr const char* kNonEmptyString = "nonempty_string";
inline constexpr const char* kInteger = "integer";
inline constexpr const char* kNumber = "number";
inline constexpr const char* kDecimal = "decimal";
inline constexpr const char* kBoolean = "boolean";
inline constexpr const char* kNull = "null";
inline constexpr const char* kDate = "date";
inline constexpr const char* kObject = "object";
inline constexpr const char* kArray = "array";
inline constexpr const char* kStringList = "string_list";
inline constexpr const char* kMixedList = "mixed_list";
inline constexpr const char* kAttribute = "attribute";
inline constexpr const char* kEmptyString = "empty_string";
inline constexpr const char* kUtf8 = "UTF-8";
inline constexpr const char* kDuplicateKey = "duplicate_key";
inline constexpr const char* kDocumentStops = "document_stops";
}  // namespace read_words

}  // namespace aktkoll
