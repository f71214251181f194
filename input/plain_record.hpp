// The fast path of record reading. Almost every record of an export keeps to
// the plain shape of the contract (docs/case-export.md): one object with an
// "id", scalar case attributes and an "events" array of flat objects that
// begin with their "type"; strings without escapes, integers in plain
// notation. PlainRecordReader reads exactly those records in one pass over
// the bytes. For anything else it answers "not plain", and RecordParser reads
// the record again with the general reader (simdjson on-demand), which alone
// decides errors and their messages.
//
// The contract of this class is therefore one-sided: it accepts a record only
// when the general reader would read it without error into the same Case.
// tests/test_plain_record.cpp and the case fuzzer hold it to that.
#pragma once

#include <cstddef>

#include "core/case.hpp"
#include "input/name_table.hpp"
#include "input/reader.hpp"
#include "core/schema.hpp"

namespace aktkoll {

class PlainRecordReader {
public:
    // `names` must outlive the reader. Disabled, it accepts nothing; it also
    // disables itself under a depth limit too small for a plain record's values.
    // `unknown`, when given, is told the names the schema does not declare.
    PlainRecordReader(const Schema& schema, const SchemaNames& names, const ReadLimits& limits, bool enabled,
                      UnknownNames* unknown = nullptr);

    // True when `data` is a plain record; `out` (reset for the schema) then
    // holds it, apart from Case::finish. False leaves `out` partly filled.
    // `data` must be readable for 16 bytes past `len` (the readers' padding).
    bool read(const char* data, size_t len, Case& out) const;

private:
    const Schema& schema_;
    const SchemaNames& names_;
    size_t max_events_;
    bool enabled_;
    UnknownNames* unknown_;
};

}  // namespace aktkoll
