// Raw export with real identifiers -> contract NDJSON with stable keyed
// pseudonyms. The pseudonym of an identifier is a prefix and the base32 of the
// first 80 bits of HMAC-SHA-256(key, identifier): the same key gives the same
// pseudonym in every export (cases can be followed over time), and without
// the key nobody can go back. Not the hot path: records are nlohmann::json.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/date.hpp"
#include "input/reader.hpp"

namespace aktkoll::pseudo {

inline constexpr size_t kMinKeyBytes = 32;         // 256 bits, the HMAC-SHA-256 block's worth of secret
inline constexpr size_t kNewKeyBytes = 32;
inline constexpr size_t kMaxKeyFileBytes = 4096;   // a key file is small; anything bigger is the wrong file

// Secret key material: wiped when destroyed, never printed.
class Key {
public:
    explicit Key(std::vector<unsigned char> bytes) : bytes_(std::move(bytes)) {}
    ~Key();
    Key(Key&& other) noexcept;
    Key& operator=(Key&& other) noexcept;
    Key(const Key&) = delete;
    Key& operator=(const Key&) = delete;
    const std::vector<unsigned char>& bytes() const { return bytes_; }

private:
    std::vector<unsigned char> bytes_;
};

enum class KeyErrorKind : uint8_t {
    CannotOpen,      // errno in KeyError::sys_errno
    NotRegularFile,
    WorldAccessible, // readable or writable by others
    TooShort,        // fewer than kMinKeyBytes of key material
    TooLarge,        // more than kMaxKeyFileBytes
    Exists,          // --new-key: refuses to overwrite (a lost key breaks comparability)
    CannotCreate,    // errno
    NoRandomness,    // RAND_bytes failed
};

struct KeyError {
    KeyErrorKind kind = KeyErrorKind::CannotOpen;
    int sys_errno = 0;
    size_t bytes = 0;  // TooShort: key material found
};

struct KeyResult {
    std::optional<Key> key;
    KeyError error;  // when !key
};

// The file holds the key as hex digits (as create_key writes them, a trailing
// newline allowed) or, otherwise, as raw bytes. It must be a regular file that
// others can neither read nor write, with at least kMinKeyBytes of key material.
KeyResult read_key(const std::string& path);
// Creates `path` (never overwrites) with mode 0600 and kNewKeyBytes from RAND_bytes, as hex.
KeyResult create_key(const std::string& path);
std::string describe(const KeyError& e, const std::string& path, Lang lang);

// prefix + base32 (RFC 4648, no padding) of the first 80 bits of
// HMAC-SHA-256(key, id): 16 characters after the prefix. A personnummer is
// first reduced to its ten digits YYMMDDNNNN, so every spelling of one number
// (with or without century or separator) gets the same pseudonym.
std::string pseudonym(const Key& key, std::string_view id, std::string_view prefix);

struct Options {
    std::string id_field = "id";       // becomes "id", pseudonymized
    std::vector<std::string> drop;     // case attributes removed
    std::string birth_date_field;      // coarsened to the birth year "born"; empty: none
    std::string prefix = "P-";
    Date today;                        // decides the century of a ten-digit personnummer
    ReadLimits limits;
};

// True when `prefix` is usable: at most 16 of A-Z a-z 0-9 _ -.
bool valid_prefix(std::string_view prefix);

enum class ErrorKind : uint8_t {
    CannotOpen,
    InvalidJson,
    NotObject,
    NotCaseExport,     // document form without a "cases" array
    MissingId,         // field = the id field
    IdWrongType,       // field; not a non-empty string or an integer
    IdConflict,        // field = "id": present besides another --id-field
    BirthDateInvalid,  // field
    BornConflict,      // field = "born": present besides --birth-date
    LineTooLong,       // limit
    TooDeep,           // limit
    TooManyEvents,     // limit
    DocumentStops,     // the document form cannot be read past this line
};

struct Error {
    ErrorKind kind = ErrorKind::InvalidJson;
    uint64_t line = 0;   // 0: the whole file
    std::string field;   // as given in the input or on the command line; hidden when shaped like a personnummer
    std::string limit;
};

struct Summary {
    uint64_t lines = 0;     // records seen (non-blank NDJSON lines, or elements of "cases")
    uint64_t written = 0;   // lines == written + rejected
    uint64_t rejected = 0;
    uint64_t replaced = 0;  // personnummer replaced outside the id field
    uint64_t blank_lines = 0;
    std::vector<Error> errors;  // rejected records, and a file-level error if any (line 0)
};

// Reads `input` (NDJSON, or the document form) and writes contract NDJSON to
// `out`, one case per line. A record with an error is not written at all:
// nothing identifying can slip through a record that could not be read.
Summary pseudonymize(const std::string& input, const Key& key, const Options& options, std::ostream& out);

// "rå.ndjson:3: 'födelsedatum' är inte ett födelsedatum eller personnummer; värdet visas inte"
std::string describe(const Error& e, const std::string& file, Lang lang);
std::string describe(const Summary& s, Lang lang);

// The year of birth from "YYYY-MM-DD", "YYYYMMDD", a personnummer or
// samordningsnummer (a ten-digit one takes the century from '+' and `today`),
// or an integer year. nullopt when it is none of those.
std::optional<int> birth_year(std::string_view text, Date today);

}  // namespace aktkoll::pseudo
