#include "input/plain_record.hpp"

#include <simdjson.h>

#include <bit>
#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"
#include "core/date.hpp"
#include "core/personnummer.hpp"
#include "input/string_scan.hpp"

namespace aktkoll {

namespace {

enum class Scalar : uint8_t { String, Int, True, False, Null, NotPlain };

// contains_personnummer for a string inside the record: the same answer, but
// the digits are counted 16 bytes at a time (the padding makes the loads
// safe), so that the many strings with fewer than ten digits cost a few
// vector instructions instead of a loop over their bytes.
[[gnu::always_inline]] inline bool holds_personnummer(std::string_view s) {
    if (s.size() < 10 || scan::digit_like_bytes(s.data(), s.size()) < 10) return false;
    PersonnummerMatch ignored;
    return find_personnummer(s, 0, ignored);
}

// One record, scanned left to right. Every member returns false (or
// NotPlain) as soon as the record leaves the plain shape; nothing is reported.
class Scanner {
public:
    Scanner(const char* data, size_t len) : p_(data), end_(data + len) {}

    [[gnu::always_inline]] void skip_space() {
        // Exports are mostly compact: one test settles a byte above the space.
        if (p_ < end_ && static_cast<unsigned char>(*p_) > ' ') return;
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\r' || *p_ == '\n')) ++p_;
    }
    // The next token is `c`: consumed.
    [[gnu::always_inline]] bool take(char c) {
        skip_space();
        if (p_ < end_ && *p_ == c) {
            ++p_;
            return true;
        }
        return false;
    }
    bool at_end() {
        skip_space();
        return p_ == end_;
    }

    // A string without escapes and control characters (which JSON forbids
    // unescaped), viewed in place. A quote, a backslash or a byte below 0x20
    // ends the run, found kStringStep bytes at a time; the padding makes the loads
    // past the end safe, and a stop found there is not taken.
    [[gnu::always_inline]] bool string(std::string_view& s) {
        skip_space();
        if (p_ >= end_ || *p_ != '"') return false;
        const char* begin = ++p_;
        for (;;) {
            if (const scan::Stop stop = string_stop(p_); stop.offset < kStringStep) {
                const char* at = p_ + stop.offset;
                if (at >= end_ || !stop.quote) return false;
                s = std::string_view(begin, static_cast<size_t>(at - begin));
                p_ = at + 1;
                return true;
            }
            p_ += kStringStep;
            if (p_ >= end_) return false;
        }
    }

    // A key and its colon; a key that holds a personnummer is for the general reader to report.
    [[gnu::always_inline]] bool key(std::string_view& k) {
        return string(k) && take(':') && !holds_personnummer(k);
    }

    // A scalar value. Integers only in the notation simdjson reads as int64
    // without question: an optional minus, no leading zero, at most 18 digits.
    [[gnu::always_inline]] Scalar scalar(std::string_view& s, int64_t& i) {
        skip_space();
        if (p_ >= end_) return Scalar::NotPlain;
        switch (*p_) {
            case '"': return string(s) ? Scalar::String : Scalar::NotPlain;
            case 't': return word("true", 4) ? Scalar::True : Scalar::NotPlain;
            case 'f': return word("false", 5) ? Scalar::False : Scalar::NotPlain;
            case 'n': return word("null", 4) ? Scalar::Null : Scalar::NotPlain;
            default: break;
        }
        const bool negative = *p_ == '-';
        const char* digits = p_ + (negative ? 1 : 0);
        const char* q = digits;
        uint64_t value = 0;
        while (q < end_ && *q >= '0' && *q <= '9') value = value * 10 + static_cast<uint64_t>(*q++ - '0');
        const size_t count = static_cast<size_t>(q - digits);
        if (count == 0 || count > 18 || (*digits == '0' && (count > 1 || negative))) return Scalar::NotPlain;
        if (q < end_ && (*q == '.' || *q == 'e' || *q == 'E')) return Scalar::NotPlain;
        i = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
        p_ = q;
        return Scalar::Int;
    }

    // After a member: true with `more` set at ',', true with it cleared at `close`.
    [[gnu::always_inline]] bool next(char close, bool& more) {
        skip_space();
        if (p_ < end_ && *p_ == ',') {
            ++p_;
            more = true;
            return true;
        }
        if (p_ < end_ && *p_ == close) {
            ++p_;
            more = false;
            return true;
        }
        return false;
    }

private:
    // A literal; what follows it ("truex") is the caller's next() to refuse.
    [[gnu::always_inline]] bool word(const char* w, size_t n) {
        if (static_cast<size_t>(end_ - p_) < n || !same_bytes(p_, w, n)) return false;
        p_ += n;
        return true;
    }

    const char* p_;
    const char* end_;
};

// Equality with a key of the contract, inlined (no call to memcmp).
template <size_t N>
[[gnu::always_inline]] inline bool is(std::string_view key, const char (&name)[N]) {
    return key.size() == N - 1 && same_bytes(key.data(), name, N - 1);
}

// An attribute value as the general reader keeps it: `spec` and `slot` are
// null for an undeclared attribute, which is checked (no personnummer) but
// not kept. False wherever the general reader would report an error.
bool keep(Scalar kind, std::string_view s, int64_t i, const AttrSpec* spec, Value* slot, Case& out) {
    switch (kind) {
        case Scalar::Null: return true;  // unknown: the slot keeps Value::unknown()
        case Scalar::True:
        case Scalar::False:
            if (!spec) return true;
            if (spec->type != AttrType::Boolean) return false;
            *slot = Value::boolean(kind == Scalar::True);
            return true;
        case Scalar::Int:
            if (integer_looks_like_personnummer(i)) return false;
            if (!spec) return true;
            if (spec->type != AttrType::Integer) return false;
            *slot = Value::integer(i);
            return true;
        case Scalar::String:
            if (holds_personnummer(s)) return false;
            if (!spec) return true;
            switch (spec->type) {
                case AttrType::String: *slot = Value::string(out.arena.store(s)); return true;
                case AttrType::Date: {
                    Date date;
                    if (!parse_date(s, date)) return false;
                    *slot = Value::date(date);
                    return true;
                }
                case AttrType::Enum:
                    for (const auto& allowed : spec->enum_values) {
                        if (same_text(allowed, s)) {
                            *slot = Value::string(allowed);
                            return true;
                        }
                    }
                    return false;
                default: return false;
            }
        case Scalar::NotPlain: return false;
    }
    return false;
}

// A nonempty string that is not a personnummer: an id or an event type.
[[gnu::always_inline]] inline bool name_value(Scanner& in, std::string_view& s) {
    int64_t ignored = 0;
    return in.scalar(s, ignored) == Scalar::String && !s.empty() && !holds_personnummer(s);
}

}  // namespace

PlainRecordReader::PlainRecordReader(const Schema& schema, const SchemaNames& names, const ReadLimits& limits,
                                     bool enabled, UnknownNames* unknown)
    : schema_(schema), names_(names), max_events_(limits.max_events), enabled_(enabled && limits.max_depth >= 4),
      unknown_(unknown) {}

bool PlainRecordReader::read(const char* data, size_t len, Case& out) const {
    if (!enabled_ || !simdjson::validate_utf8(data, len)) return false;
    Scanner in(data, len);
    if (!in.take('{')) return false;
    bool have_id = false, have_events = false, more = true;
    std::string_view key, s;
    int64_t i = 0;
    while (more) {
        if (!in.key(key)) return false;
        if (is(key, "id")) {
            if (have_id || !name_value(in, s)) return false;
            have_id = true;
            out.id = out.arena.store(s);
        } else if (is(key, "events")) {
            if (have_events || !in.take('[')) return false;
            have_events = true;
            if (in.take(']')) {
                if (!in.next('}', more)) return false;
                continue;
            }
            bool more_events = true;
            for (size_t index = 0; more_events; ++index) {
                if (index >= max_events_) return false;
                // An event: "type" first, then "date" and attributes in any order.
                if (!in.take('{') || !in.key(key) || !is(key, "type") || !name_value(in, s)) return false;
                const int type = names_.event_types.find(s);
                if (type == kNoSlot && unknown_) unknown_->note(kScopeEventType, s);
                Event event;
                event.type = type == kNoSlot ? Case::other_type(schema_) : static_cast<uint32_t>(type);
                event.input_index = static_cast<uint32_t>(index);
                event.values_begin = static_cast<uint32_t>(out.event_values.size());
                const EventSpec* spec = nullptr;
                const NameTable* attr_names = nullptr;
                if (type != kNoSlot) {
                    spec = &schema_.event_types()[static_cast<size_t>(type)];
                    attr_names = &names_.event_attrs[static_cast<size_t>(type)];
                    for (size_t k = 0; k < spec->attrs.size(); ++k) out.event_values.push_back(Value::unknown());
                }
                bool have_date = false, more_fields = true;
                if (!in.next('}', more_fields)) return false;
                while (more_fields) {
                    if (!in.key(key) || is(key, "type")) return false;
                    const Scalar kind = in.scalar(s, i);
                    if (is(key, "date")) {
                        if (have_date || kind != Scalar::String || !parse_date(s, event.date)) return false;
                        have_date = true;
                    } else {
                        const int slot = attr_names ? attr_names->find(key) : kNoSlot;
                        if (slot == kNoSlot && attr_names && unknown_) unknown_->note(type, key);
                        const AttrSpec* attr = slot == kNoSlot ? nullptr : &spec->attrs[static_cast<size_t>(slot)];
                        Value* target =
                            slot == kNoSlot ? nullptr : &out.event_values[event.values_begin + static_cast<size_t>(slot)];
                        if (!keep(kind, s, i, attr, target, out)) return false;
                    }
                    if (!in.next('}', more_fields)) return false;
                }
                if (!have_date) return false;
                out.events.push_back(event);
                if (!in.next(']', more_events)) return false;
            }
        } else {
            const int slot = names_.case_attrs.find(key);
            if (slot == kNoSlot && unknown_) unknown_->note(kScopeCase, key);
            const AttrSpec* spec = slot == kNoSlot ? nullptr : &schema_.case_attrs()[static_cast<size_t>(slot)];
            Value* target = slot == kNoSlot ? nullptr : &out.attrs[static_cast<size_t>(slot)];
            const Scalar kind = in.scalar(s, i);
            if (!keep(kind, s, i, spec, target, out)) return false;
        }
        if (!in.next('}', more)) return false;
    }
    return have_id && have_events && in.at_end();
}

}  // namespace aktkoll
