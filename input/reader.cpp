#include "input/reader.hpp"

#include <simdjson.h>

#ifdef __AVX512BW__
#include <immintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <csignal>
#include <bit>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <new>
#include <stdexcept>
#include <unordered_map>

#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>

#include "core/bytes.hpp"
#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/name_table.hpp"
#include "core/personnummer.hpp"
#include "input/plain_record.hpp"
#include "core/sha256.hpp"

namespace aktkoll {

namespace od = simdjson::ondemand;

namespace {

using namespace read_words;

const char* json_type_word(od::json_type t) {
    switch (t) {
        case od::json_type::array: return kArray;
        case od::json_type::object: return kObject;
        case od::json_type::number: return kNumber;
        case od::json_type::string: return kString;
        case od::json_type::boolean: return kBoolean;
        case od::json_type::null: return kNull;
    }
    return kNull;
}

const char* attr_type_word(AttrType t) {
    switch (t) {
        case AttrType::String: return kString;
        case AttrType::Integer: return kInteger;
        case AttrType::Boolean: return kBoolean;
        case AttrType::Date: return kDate;
        case AttrType::Enum: return kString;
        case AttrType::StringList: return kStringList;
    }
    return kString;
}

// Deepest nesting of the container that starts at `p` (a '[' or '{'), scanning
// at most to `end`. Only used on error paths, so the happy path never scans twice.
size_t nesting_depth(const char* p, const char* end) {
    size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (; p < end; ++p) {
        const char c = *p;
        if (in_string) {
            if (c == '\\') ++p;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if (c == ']' || c == '}') {
            if (depth <= 1) break;
            --depth;
        }
    }
    return deepest;
}

// The key of an object field. A key without escapes (every key of the
// contract) is viewed where it stands in the record instead of being copied
// out; stage 1 has already checked that the record's strings are closed and
// valid UTF-8.
inline simdjson::error_code key_of(od::field& field, std::string_view& key) {
    const char* p = reinterpret_cast<const char*>(field.key().raw());
    for (const char* q = p;; ++q) {
        if (*q == '"') {
            key = std::string_view(p, static_cast<size_t>(q - p));
            return simdjson::SUCCESS;
        }
        if (*q == '\\') return field.unescaped_key().get(key);
    }
}

// A string value without escapes, viewed where it stands in the record: no
// copy and no unescaping. False when the value is not a string or has an
// escape; the value is left unread either way, so the caller can take the
// general path (and an unread value is skipped when the object moves on).
inline bool plain_string(od::value& v, std::string_view& text) {
    const std::string_view token = v.raw_json_token();  // up to the next structural character
    if (token.size() < 2 || token[0] != '"') return false;
    const char* begin = token.data() + 1;
    const char* end = token.data() + token.size();
    for (const char* p = begin; p < end; ++p) {  // values are short: a loop beats two memchr calls
        if (*p == '"') {
            text = std::string_view(begin, static_cast<size_t>(p - begin));
            return true;
        }
        if (*p == '\\') return false;
    }
    return false;
}

// Newlines in [p, p + n), 64 bytes at a time where the target has AVX-512BW.
uint64_t count_newlines(const char* p, size_t n) {
    uint64_t count = 0;
    size_t i = 0;
#ifdef __AVX512BW__
    const __m512i newline = _mm512_set1_epi8('\n');
    for (; i + 64 <= n; i += 64)
        count += static_cast<uint64_t>(
            std::popcount(_mm512_cmpeq_epi8_mask(_mm512_loadu_si512(p + i), newline)));
#endif
    for (; i < n; ++i) count += p[i] == '\n';
    return count;
}

bool blank(const char* p, size_t len) {
    for (size_t i = 0; i < len; ++i)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r') return false;
    return true;
}

bool has_bom(const char* p, size_t len) {
    return len >= 3 && static_cast<unsigned char>(p[0]) == 0xEF && static_cast<unsigned char>(p[1]) == 0xBB &&
           static_cast<unsigned char>(p[2]) == 0xBF;
}

}  // namespace

// ---------------------------------------------------------------------------
// RecordParser

struct RecordParser::Impl {
    const Schema& schema;
    ReadLimits limits;
    od::parser parser;
    simdjson::dom::parser validator;  // error path only: is the whole record well-formed?
    SchemaNames names;
    UnknownNames unknown;  // names the schema does not declare, for misspelt_names
    PlainRecordReader plain;

    // The record being parsed.
    const char* begin = nullptr;
    const char* end = nullptr;
    uint64_t line = 0;
    Case* out = nullptr;
    std::optional<ReadError> error;
    bool id_hidden = false;  // the id looked like a personnummer: never echo it
    std::string padded;      // parse(string_view): the record with padding

    Impl(const Schema& s, ReadLimits l, RecordPaths paths)
        : schema(s), limits(l), names(s), plain(s, names, l, paths == RecordPaths::PlainFirst, &unknown) {}

    // Every fail_* records the first error and returns false, so callers can `return fail(...)`.
    bool fail(ReadErrorKind kind, std::string_view field = {}, int event_index = -1, std::string expected = {},
              std::string got = {}) {
        if (error) return false;
        ReadError e;
        e.kind = kind;
        e.line = line;
        e.field = std::string(field);
        e.event_index = event_index;
        e.expected = std::move(expected);
        e.got = std::move(got);
        error = std::move(e);
        return false;
    }
    bool fail_json(simdjson::error_code code, std::string_view field = {}, int event_index = -1) {
        return fail(ReadErrorKind::InvalidJson, field, event_index, code == simdjson::UTF8_ERROR ? kUtf8 : "");
    }
    bool fail_too_deep() { return fail(ReadErrorKind::TooDeep, {}, -1, std::to_string(limits.max_depth)); }

    // A container found where it does not belong: too deep beats the type error,
    // so that hostile nesting is named as such. `start` is the container's first byte.
    bool fail_container(const char* start, size_t depth_at, ReadErrorKind kind, std::string_view field,
                        int event_index, std::string expected = {}, std::string got = {}) {
        if (start && depth_at - 1 + nesting_depth(start, end) > limits.max_depth) return fail_too_deep();
        return fail(kind, field, event_index, std::move(expected), std::move(got));
    }

    static const char* start_of(od::value& v) { return v.raw_json_token().data(); }

    bool parse_record(const char* data, size_t len, size_t capacity);
    bool read_id(od::value& v);
    bool read_events(od::value& v);
    struct EventInProgress {
        Event event;
        bool spec_known = false;  // "type" has been read
        const EventSpec* spec = nullptr;  // null for an undeclared type
        const NameTable* attr_names = nullptr;
    };
    bool read_event(od::value& v, int index);
    bool read_event_string(od::value& v, const char* field, int index, const char* expected, std::string_view& text);
    bool read_event_type(od::value& v, int index, EventInProgress& ev);
    bool read_event_date(od::value& v, int index, Event& event);
    bool read_event_attr(od::value& v, std::string_view key, int index, EventInProgress& ev);
    bool read_attr(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot, size_t depth,
                   int event_index);
    bool read_attr_any(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot, size_t depth,
                       int event_index);
    bool take_string(std::string_view s, std::string_view name, const AttrSpec* spec, Value* slot, int event_index);
    bool read_string_list(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot, size_t depth,
                          int event_index);
    void recover_id(const char* data, size_t len, size_t capacity);
};

bool RecordParser::Impl::parse_record(const char* data, size_t len, size_t capacity) {
    od::document doc;
    if (auto code = parser.iterate(data, len, capacity).get(doc)) return fail_json(code);
    od::json_type root_type;
    if (auto code = doc.type().get(root_type)) return fail_json(code);
    if (root_type != od::json_type::object) {
        if (root_type == od::json_type::array) {
            const char* p = data;
            while (p < end && *p != '[') ++p;
            if (nesting_depth(p, end) > limits.max_depth) return fail_too_deep();
        }
        return fail(ReadErrorKind::NotObject);
    }
    od::object root;
    if (auto code = doc.get_object().get(root)) return fail_json(code);
    bool have_id = false, have_events = false;
    for (auto result : root) {
        od::field field;
        std::string_view key;
        if (auto code = std::move(result).get(field)) return fail_json(code);
        if (auto code = key_of(field, key)) return fail_json(code);
        od::value& v = field.value();
        if (contains_personnummer(key)) return fail(ReadErrorKind::Personnummer, key);
        if (key == "id") {
            if (have_id) return fail(ReadErrorKind::InvalidJson, key, -1, {}, kDuplicateKey);
            have_id = true;
            if (!read_id(v)) return false;
        } else if (key == "events") {
            if (have_events) return fail(ReadErrorKind::InvalidJson, key, -1, {}, kDuplicateKey);
            have_events = true;
            if (!read_events(v)) return false;
        } else {
            const int slot = names.case_attrs.find(key);
            if (slot == kNoSlot) unknown.note(kScopeCase, key);
            const AttrSpec* spec = slot == kNoSlot ? nullptr : &schema.case_attrs()[static_cast<size_t>(slot)];
            Value* target = slot == kNoSlot ? nullptr : &out->attrs[static_cast<size_t>(slot)];
            if (!read_attr(v, key, spec, target, 2, -1)) return false;
        }
    }
    // Anything after the record's closing brace is not one JSON value.
    const char* trailing = nullptr;
    if (doc.current_location().get(trailing) != simdjson::OUT_OF_BOUNDS) return fail_json(simdjson::TAPE_ERROR);
    if (!have_id) return fail(ReadErrorKind::MissingId);
    if (!have_events) return fail(ReadErrorKind::MissingEvents);
    return true;
}

bool RecordParser::Impl::read_id(od::value& v) {
    od::json_type t;
    if (auto code = v.type().get(t)) return fail_json(code);
    if (t != od::json_type::string) {
        const bool container = t == od::json_type::object || t == od::json_type::array;
        return fail_container(container ? start_of(v) : nullptr, 2, ReadErrorKind::IdNotString, "id", -1, kString,
                              json_type_word(t));
    }
    std::string_view id;
    if (auto code = v.get_string().get(id)) return fail_json(code, "id");
    if (id.empty()) return fail(ReadErrorKind::IdNotString, "id", -1, kNonEmptyString, kEmptyString);
    if (contains_personnummer(id)) {
        id_hidden = true;
        return fail(ReadErrorKind::Personnummer, "id");
    }
    out->id = out->arena.store(id);
    return true;
}

bool RecordParser::Impl::read_events(od::value& v) {
    od::json_type t;
    if (auto code = v.type().get(t)) return fail_json(code, "events");
    if (t != od::json_type::array) {
        const bool container = t == od::json_type::object;
        return fail_container(container ? start_of(v) : nullptr, 2, ReadErrorKind::EventsNotArray, "events", -1,
                              kArray, json_type_word(t));
    }
    od::array events;
    if (auto code = v.get_array().get(events)) return fail_json(code, "events");
    int index = 0;
    for (auto element : events) {
        od::value ev;
        if (auto code = element.get(ev)) return fail_json(code, "events", index);
        if (static_cast<size_t>(index) >= limits.max_events)
            return fail(ReadErrorKind::TooManyEvents, {}, -1, std::to_string(limits.max_events));
        if (!read_event(ev, index)) return false;
        ++index;
    }
    return true;
}

bool RecordParser::Impl::read_event(od::value& v, int index) {
    od::json_type t;
    if (auto code = v.type().get(t)) return fail_json(code, {}, index);
    if (t != od::json_type::object) {
        const bool container = t == od::json_type::array;
        return fail_container(container ? start_of(v) : nullptr, 3, ReadErrorKind::EventNotObject, {}, index);
    }
    if (limits.max_depth < 3) return fail_too_deep();
    od::object obj;
    if (auto code = v.get_object().get(obj)) return fail_json(code, {}, index);

    EventInProgress ev;
    ev.event.input_index = static_cast<uint32_t>(index);
    // The type decides the attribute slots. It usually comes first; attributes
    // before it are read in a second pass over the object, once it is known.
    size_t position = 0, type_position = 0;
    bool have_date = false, deferred = false;
    for (auto result : obj) {
        od::field field;
        std::string_view key;
        if (auto code = std::move(result).get(field)) return fail_json(code, {}, index);
        if (auto code = key_of(field, key)) return fail_json(code, {}, index);
        od::value& fv = field.value();
        if (contains_personnummer(key)) return fail(ReadErrorKind::Personnummer, key, index);
        if (key == "type") {
            if (ev.spec_known) return fail(ReadErrorKind::InvalidJson, key, index, {}, kDuplicateKey);
            if (!read_event_type(fv, index, ev)) return false;
            type_position = position;
        } else if (key == "date") {
            if (have_date) return fail(ReadErrorKind::InvalidJson, key, index, {}, kDuplicateKey);
            have_date = true;
            if (!read_event_date(fv, index, ev.event)) return false;
        } else if (!ev.spec_known) {
            deferred = true;
        } else if (!read_event_attr(fv, key, index, ev)) {
            return false;
        }
        ++position;
    }
    if (!ev.spec_known) return fail(ReadErrorKind::EventMissingType, "type", index);
    if (deferred) {
        bool dummy = false;
        if (auto code = obj.reset().get(dummy)) return fail_json(code, {}, index);
        position = 0;
        for (auto result : obj) {
            if (position++ >= type_position) break;
            od::field field;
            std::string_view key;
            if (auto code = std::move(result).get(field)) return fail_json(code, {}, index);
            if (auto code = key_of(field, key)) return fail_json(code, {}, index);
            if (key == "date") continue;
            if (!read_event_attr(field.value(), key, index, ev)) return false;
        }
    }
    if (!have_date) return fail(ReadErrorKind::EventMissingDate, "date", index);
    out->events.push_back(ev.event);
    return true;
}

// The string value of an event's "type" or "date" (a value at depth 4).
// The string is tried first: a type error leaves the value unread, so the
// error can still name what was found instead.
bool RecordParser::Impl::read_event_string(od::value& v, const char* field, int index, const char* expected,
                                           std::string_view& text) {
    if (plain_string(v, text)) return true;
    auto code = v.get_string().get(text);
    if (!code) return true;
    if (code != simdjson::INCORRECT_TYPE) return fail_json(code, field, index);
    od::json_type t;
    if (auto type_code = v.type().get(t)) return fail_json(type_code, field, index);
    const bool container = t == od::json_type::object || t == od::json_type::array;
    return fail_container(container ? start_of(v) : nullptr, 4, ReadErrorKind::WrongType, field, index, expected,
                          json_type_word(t));
}

bool RecordParser::Impl::read_event_type(od::value& v, int index, EventInProgress& ev) {
    std::string_view name;
    if (!read_event_string(v, "type", index, kString, name)) return false;
    if (name.empty()) return fail(ReadErrorKind::WrongType, "type", index, kNonEmptyString, kEmptyString);
    if (contains_personnummer(name)) return fail(ReadErrorKind::Personnummer, "type", index);
    const int type = names.event_types.find(name);
    if (type == kNoSlot) unknown.note(kScopeEventType, name);
    ev.spec_known = true;
    ev.event.type = type == kNoSlot ? Case::other_type(schema) : static_cast<uint32_t>(type);
    ev.event.values_begin = static_cast<uint32_t>(out->event_values.size());
    if (type != kNoSlot) {
        ev.spec = &schema.event_types()[static_cast<size_t>(type)];
        ev.attr_names = &names.event_attrs[static_cast<size_t>(type)];
        for (size_t i = 0; i < ev.spec->attrs.size(); ++i) out->event_values.push_back(Value::unknown());
    }
    return true;
}

bool RecordParser::Impl::read_event_date(od::value& v, int index, Event& event) {
    std::string_view text;
    if (!read_event_string(v, "date", index, kDate, text)) return false;
    if (!parse_date(text, event.date)) {
        if (contains_personnummer(text)) return fail(ReadErrorKind::Personnummer, "date", index);
        return fail(ReadErrorKind::InvalidDate, "date", index);
    }
    return true;
}

bool RecordParser::Impl::read_event_attr(od::value& v, std::string_view key, int index, EventInProgress& ev) {
    const int slot = ev.attr_names ? ev.attr_names->find(key) : kNoSlot;
    if (slot == kNoSlot && ev.attr_names) unknown.note(static_cast<int>(ev.event.type), key);
    const AttrSpec* attr = slot == kNoSlot ? nullptr : &ev.spec->attrs[static_cast<size_t>(slot)];
    Value* target = slot == kNoSlot ? nullptr : &out->event_values[ev.event.values_begin + static_cast<size_t>(slot)];
    return read_attr(v, key, attr, target, 4, index);
}

// One attribute value. `spec` and `slot` are null for undeclared attributes,
// which are checked but not kept; `depth` is the JSON nesting level of the value.
// The declared type is tried first; anything else (null, a wrong type, an
// error) goes through read_attr_any, which a failed typed get leaves unread.
bool RecordParser::Impl::read_attr(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot,
                                   size_t depth, int event_index) {
    if (spec) {
        switch (spec->type) {
            case AttrType::Boolean: {
                bool b = false;
                if (v.get_bool().get(b) == simdjson::SUCCESS) {
                    *slot = Value::boolean(b);
                    return true;
                }
                break;
            }
            case AttrType::Integer: {
                int64_t i = 0;
                if (v.get_int64().get(i) == simdjson::SUCCESS) {
                    if (integer_looks_like_personnummer(i)) return fail(ReadErrorKind::Personnummer, name, event_index);
                    *slot = Value::integer(i);
                    return true;
                }
                break;
            }
            case AttrType::String:
            case AttrType::Enum:
            case AttrType::Date: {
                std::string_view text;
                if (plain_string(v, text)) return take_string(text, name, spec, slot, event_index);
                const auto code = v.get_string().get(text);
                if (code == simdjson::SUCCESS) return take_string(text, name, spec, slot, event_index);
                if (code != simdjson::INCORRECT_TYPE) return fail_json(code, name, event_index);
                break;
            }
            case AttrType::StringList: break;
        }
    }
    return read_attr_any(v, name, spec, slot, depth, event_index);
}

bool RecordParser::Impl::take_string(std::string_view s, std::string_view name, const AttrSpec* spec, Value* slot,
                                     int event_index) {
    if (contains_personnummer(s)) return fail(ReadErrorKind::Personnummer, name, event_index);
    if (!spec) return true;
    switch (spec->type) {
        case AttrType::String: *slot = Value::string(out->arena.store(s)); return true;
        case AttrType::Date: {
            Date date;
            if (!parse_date(s, date)) return fail(ReadErrorKind::InvalidDate, name, event_index);
            *slot = Value::date(date);
            return true;
        }
        case AttrType::Enum: {
            // Kept as a view of the schema's own spelling: no copy per record.
            for (const auto& allowed : spec->enum_values) {
                if (same_text(allowed, s)) {
                    *slot = Value::string(allowed);
                    return true;
                }
            }
            std::string list;
            for (const auto& allowed : spec->enum_values) list += (list.empty() ? "" : ", ") + allowed;
            return fail(ReadErrorKind::NotInEnumeration, name, event_index, std::move(list));
        }
        default: return fail(ReadErrorKind::WrongType, name, event_index, attr_type_word(spec->type), kString);
    }
}

bool RecordParser::Impl::read_attr_any(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot,
                                       size_t depth, int event_index) {
    od::json_type t;
    if (auto code = v.type().get(t)) return fail_json(code, name, event_index);
    const char* expected = spec ? attr_type_word(spec->type) : kAttribute;
    switch (t) {
        case od::json_type::string: {
            std::string_view s;
            if (auto code = v.get_string().get(s)) return fail_json(code, name, event_index);
            return take_string(s, name, spec, slot, event_index);
        }
        case od::json_type::number: {
            od::number n;
            if (auto code = v.get_number().get(n)) return fail_json(code, name, event_index);
            if (n.is_int64() && integer_looks_like_personnummer(n.get_int64()))
                return fail(ReadErrorKind::Personnummer, name, event_index);
            if (!spec) return true;
            if (spec->type != AttrType::Integer) return fail(ReadErrorKind::WrongType, name, event_index, expected, kNumber);
            if (!n.is_int64())
                return fail(ReadErrorKind::WrongType, name, event_index, expected, n.is_double() ? kDecimal : kNumber);
            *slot = Value::integer(n.get_int64());
            return true;
        }
        case od::json_type::boolean: {
            bool b = false;
            if (auto code = v.get_bool().get(b)) return fail_json(code, name, event_index);
            if (!spec) return true;
            if (spec->type != AttrType::Boolean) return fail(ReadErrorKind::WrongType, name, event_index, expected, kBoolean);
            *slot = Value::boolean(b);
            return true;
        }
        case od::json_type::null: {
            bool is_null = false;
            if (auto code = v.is_null().get(is_null)) return fail_json(code, name, event_index);
            if (!is_null) return fail_json(simdjson::N_ATOM_ERROR, name, event_index);
            return true;  // unknown: the slot keeps Value::unknown()
        }
        case od::json_type::array:
            if (spec && spec->type != AttrType::StringList)
                return fail_container(start_of(v), depth, ReadErrorKind::WrongType, name, event_index, expected,
                                      kStringList);
            return read_string_list(v, name, spec, slot, depth, event_index);
        case od::json_type::object:
            return fail_container(start_of(v), depth, ReadErrorKind::WrongType, name, event_index, expected, kObject);
    }
    return fail_json(simdjson::INCORRECT_TYPE, name, event_index);
}

bool RecordParser::Impl::read_string_list(od::value& v, std::string_view name, const AttrSpec* spec, Value* slot,
                                          size_t depth, int event_index) {
    const char* start = start_of(v);
    if (depth > limits.max_depth) return fail_too_deep();
    od::array items;
    if (auto code = v.get_array().get(items)) return fail_json(code, name, event_index);
    const uint32_t first = static_cast<uint32_t>(out->list_items.size());
    for (auto element : items) {
        od::value item;
        if (auto code = element.get(item)) return fail_json(code, name, event_index);
        od::json_type t;
        if (auto code = item.type().get(t)) return fail_json(code, name, event_index);
        if (t != od::json_type::string)
            return fail_container(start, depth, ReadErrorKind::WrongType, name, event_index,
                                  spec ? kStringList : kAttribute, kMixedList);
        std::string_view s;
        if (auto code = item.get_string().get(s)) return fail_json(code, name, event_index);
        if (contains_personnummer(s)) return fail(ReadErrorKind::Personnummer, name, event_index);
        if (spec) out->list_items.push_back(out->arena.store(s));
    }
    if (spec) {
        *slot = Value::string_list(first, static_cast<uint32_t>(out->list_items.size()) - first);
    }
    return true;
}

// After an error, the id may not have been reached yet (it can come after
// "events"). Look for it once more so the message can name the case.
void RecordParser::Impl::recover_id(const char* data, size_t len, size_t capacity) {
    if (id_hidden || !out->id.empty()) return;
    od::document doc;
    if (parser.iterate(data, len, capacity).get(doc)) return;
    od::object root;
    if (doc.get_object().get(root)) return;
    std::string_view id;
    if (root.find_field_unordered("id").get_string().get(id)) return;
    if (id.empty() || contains_personnummer(id)) return;
    error->case_id = std::string(id);
}

std::optional<ReadError> RecordParser::parse(std::string_view record, uint64_t line, Case& out) {
    std::string& padded = impl_->padded;
    padded.assign(record);
    padded.append(simdjson::SIMDJSON_PADDING, '\0');
    return parse(padded.data(), record.size(), padded.size(), line, out);
}

RecordParser::RecordParser(const Schema& schema, ReadLimits limits, RecordPaths paths)
    : impl_(std::make_unique<Impl>(schema, limits, paths)) {}
RecordParser::~RecordParser() = default;
const UnknownNames& RecordParser::unknown_names() const { return impl_->unknown; }

std::optional<ReadError> RecordParser::parse(const char* data, size_t len, size_t capacity, uint64_t line, Case& out) {
    Impl& p = *impl_;
    out.reset(p.schema);
    out.line = line;
    p.begin = data;
    p.end = data + len;
    p.line = line;
    p.out = &out;
    p.error.reset();
    p.id_hidden = false;
    p.unknown.start_record(line);
    if (p.plain.read(data, len, out)) {
        out.finish(p.schema);
        p.unknown.finish_record(out.id);
        return std::nullopt;
    }
    // Not of the plain shape: the general reader starts over and decides.
    out.reset(p.schema);
    out.line = line;
    if (p.parse_record(data, len, capacity)) {
        out.finish(p.schema);
        p.unknown.finish_record(out.id);
        return std::nullopt;
    }
    if (!p.error) p.fail_json(simdjson::TAPE_ERROR);
    // On-demand stops at the first problem and never looks at what it skips:
    // a record that is not well-formed anywhere is reported as invalid JSON.
    if (p.error->kind != ReadErrorKind::InvalidJson && p.error->kind != ReadErrorKind::TooDeep) {
        simdjson::dom::element ignored;
        const auto code = p.validator.parse(reinterpret_cast<const uint8_t*>(data), len, false).get(ignored);
        if (code && code != simdjson::DEPTH_ERROR) {
            p.error.reset();
            p.fail_json(code);
        }
    }
    if (!out.id.empty()) p.error->case_id = std::string(out.id);
    else p.recover_id(data, len, capacity);
    p.unknown.finish_record(p.error->case_id);
    return std::move(p.error);
}

// ---------------------------------------------------------------------------
// DuplicateIds

uint64_t DuplicateIds::hash(std::string_view id) {
    const uint64_t h = std::hash<std::string_view>{}(id);
    return h ? h : 1;
}

namespace {

// `bytes` of memory to be freed with std::free; on huge pages when it is a
// whole number of them (and the system allows: advice only).
void* huge_page_alloc(size_t bytes) {
    constexpr size_t kHugePage = 2u << 20;
    const bool huge = bytes >= kHugePage && bytes % kHugePage == 0;
    void* memory = huge ? std::aligned_alloc(kHugePage, bytes) : std::malloc(bytes);
    if (!memory) throw std::bad_alloc();
#ifdef MADV_HUGEPAGE
    if (huge) ::madvise(memory, bytes, MADV_HUGEPAGE);
#endif
    return memory;
}

}  // namespace

uint64_t DuplicateIds::store(std::string_view id, uint64_t hash, uint64_t line) {
    const size_t need = sizeof hash + sizeof line + sizeof(uint32_t) + id.size();
    if (chunk_used_ + need > chunk_size_) {
        chunk_size_ = std::max(kChunk, need);
        chunks_.emplace_back(static_cast<char*>(huge_page_alloc(chunk_size_)));
        chunk_used_ = 0;
    }
    char* p = chunks_.back().get() + chunk_used_;
    const auto size = static_cast<uint32_t>(id.size());
    std::memcpy(p, &hash, sizeof hash);
    std::memcpy(p + sizeof hash, &line, sizeof line);
    std::memcpy(p + sizeof hash + sizeof line, &size, sizeof size);
    std::memcpy(p + sizeof hash + sizeof line + sizeof size, id.data(), id.size());
    if (chunks_.size() > (size_t{1} << (kWhereBits - kChunkBits))) throw std::length_error("DuplicateIds: too many chunks of ids");
    const uint64_t where = (static_cast<uint64_t>(chunks_.size() - 1) << kChunkBits) | chunk_used_;
    chunk_used_ += need;
    return where;
}

std::optional<uint64_t> DuplicateIds::insert(std::string_view id, uint64_t hash, uint64_t line) {
    if ((count_ + 1) * 10 > slot_count_ * 7) grow();
    const size_t mask = slot_count_ - 1;
    const uint64_t t = tag(hash);
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
        Slot& slot = slots_[i];
        if (slot == 0) {
            slot = t | store(id, hash, line);
            ++count_;
            return std::nullopt;
        }
        if ((slot & ~kWhere) != t) continue;
        const char* p = entry(slot & kWhere) + sizeof(uint64_t);  // past the hash
        uint64_t earlier = 0;
        uint32_t size = 0;
        std::memcpy(&earlier, p, sizeof earlier);
        std::memcpy(&size, p + sizeof earlier, sizeof size);
        if (std::string_view(p + sizeof earlier + sizeof size, size) == id) return earlier;
    }
}

void DuplicateIds::reserve(size_t more) {
    size_t slots = std::max<size_t>(slot_count_, 1024);
    while ((count_ + more) * 10 > slots * 7) slots *= 2;
    if (slots > slot_count_) grow(slots);
}

void DuplicateIds::grow(size_t min_slots) {
    const size_t count = std::max({size_t{1024}, slot_count_ * 2, min_slots});
    const size_t bytes = count * sizeof(Slot);
    void* memory = huge_page_alloc(bytes);
    std::unique_ptr<Slot[], Free> fresh(static_cast<Slot*>(memory));
    std::memset(memory, 0, bytes);  // 0: empty
    const size_t mask = count - 1;
    for (size_t k = 0; k < slot_count_; ++k) {
        const Slot slot = slots_[k];
        if (slot == 0) continue;
        uint64_t h = 0;  // a slot keeps part of the hash; its entry all of it
        std::memcpy(&h, entry(slot & kWhere), sizeof h);
        size_t i = h & mask;
        while (fresh[i] != 0) i = (i + 1) & mask;
        fresh[i] = slot;
    }
    slots_ = std::move(fresh);
    slot_count_ = count;
}

// ---------------------------------------------------------------------------
// Peeked heads

namespace {

// The start of an input that cannot be read twice (a pipe, a FIFO, process
// substitution such as <(cat x)): detect_form has to look at it before the
// reader opens the same path again, and a pipe cannot give bytes back. The
// open file and the bytes taken from it wait here, by path, for the next
// reader of that path: closing a FIFO in between would lose what its writer
// has not yet written, or block the next opening for a writer that is gone.
struct Peeked {
    std::FILE* file = nullptr;
    std::string head;
};
std::mutex peeked_mutex;
std::unordered_map<std::string, Peeked> peeked_inputs;

bool is_regular(std::FILE* f) {
    struct stat st {};
    return ::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

std::FILE* open_input(const std::string& path, std::string& head) {
    {
        std::lock_guard lock(peeked_mutex);
        if (auto it = peeked_inputs.find(path); it != peeked_inputs.end()) {
            std::FILE* f = it->second.file;
            head = std::move(it->second.head);
            peeked_inputs.erase(it);
            return f;
        }
    }
    head.clear();
    return std::fopen(path.c_str(), "rb");
}

std::string peek_head(const std::string& path, const std::function<bool(std::string_view)>& wants_more, size_t limit) {
    {
        std::lock_guard lock(peeked_mutex);
        if (auto it = peeked_inputs.find(path); it != peeked_inputs.end()) {
            if (wants_more) wants_more(it->second.head);
            return it->second.head;
        }
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return {};
    std::string head;
    char buf[4096];
    for (size_t n = 0; head.size() < limit && (n = std::fread(buf, 1, std::min(sizeof buf, limit - head.size()), f)) > 0;) {
        head.append(buf, n);
        if (!wants_more || !wants_more(std::string_view(buf, n))) break;
    }
    if (is_regular(f) || std::ferror(f)) {
        std::fclose(f);
        return head;
    }
    std::lock_guard lock(peeked_mutex);
    peeked_inputs[path] = Peeked{f, head};
    return head;
}

// ---------------------------------------------------------------------------
// Mapped files that shrink

// A mapped file truncated by someone else while it is read: touching a page
// past its new end raises SIGBUS, which would end the process. The handler
// puts a page of zeros there instead (the read goes on, seeing zeros) and
// marks the map; the reader then reports the file as unreadable. A SIGBUS
// anywhere else keeps its default action.
struct MapSlot {
    std::atomic<uintptr_t> begin{0}, end{0};
    std::atomic<bool> faulted{false};
};

namespace {

MapSlot map_slots[64];

void on_sigbus(int sig, siginfo_t* info, void*) {
    const auto at = reinterpret_cast<uintptr_t>(info->si_addr);
    for (auto& slot : map_slots) {
        if (at < slot.begin.load() || at >= slot.end.load()) continue;
        static const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
        void* start = reinterpret_cast<void*>(at / page * page);
        if (::mmap(start, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
            slot.faulted.store(true);
            return;
        }
    }
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

MapSlot* guard_map(const char* map, size_t size) {
    static std::once_flag installed;
    std::call_once(installed, [] {
        struct sigaction action {};
        action.sa_sigaction = on_sigbus;
        action.sa_flags = SA_SIGINFO;
        sigemptyset(&action.sa_mask);
        ::sigaction(SIGBUS, &action, nullptr);
    });
    for (auto& slot : map_slots) {
        uintptr_t empty = 0;
        if (slot.begin.compare_exchange_strong(empty, reinterpret_cast<uintptr_t>(map))) {
            slot.faulted.store(false);
            slot.end.store(reinterpret_cast<uintptr_t>(map) + size);
            return &slot;
        }
    }
    return nullptr;  // more than 64 maps at once: unguarded
}

void unguard_map(MapSlot* slot) {
    if (!slot) return;
    slot->end.store(0);
    slot->begin.store(0);
}

}  // namespace

// ---------------------------------------------------------------------------
// BlockReader

BlockReader::BlockReader(std::string path, ReadLimits limits, size_t block_bytes, FileAccess access)
    : path_(std::move(path)), limits_(limits), block_bytes_(std::max<size_t>(block_bytes, 1)) {
    file_ = open_input(path_, head_);  // a pipe detect_form peeked at: its open file and first bytes
    if (!file_) return;
    struct stat st {};
    if (head_.empty() && ::fstat(::fileno(file_), &st) == 0 && S_ISREG(st.st_mode)) {
        regular_ = true;
        file_size_ = static_cast<size_t>(st.st_size);
    }
    if (access == FileAccess::Map && file_size_ > 0) {
        const auto size = static_cast<size_t>(st.st_size);
        void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, ::fileno(file_), 0);
        if (map != MAP_FAILED) {
            ::madvise(map, size, MADV_SEQUENTIAL);  // advice only
            map_ = static_cast<const char*>(map);
            map_size_ = map_length_ = size;
            map_guard_ = guard_map(map_, size);
            map_pos_ = has_bom(map_, size) ? 3 : 0;
            return;
        }
    }
    // Peek at the start: drop a UTF-8 byte order mark, and notice a directory
    // (fopen succeeds on one, reading fails). What detect_form already took
    // from a pipe comes first.
    if (head_.size() < 3) {
        char more[3];
        const size_t want = 3 - head_.size();
        const size_t n = std::fread(more, 1, want, file_);
        if (std::ferror(file_)) {
            std::fclose(file_);
            file_ = nullptr;
            return;
        }
        head_.append(more, n);
        if (n < want) eof_ = true;
    }
    carry_ = has_bom(head_.data(), head_.size()) ? head_.substr(3) : head_;
    read_bytes_ = head_.size();
}

BlockReader::~BlockReader() {
    if (map_) {
        unguard_map(map_guard_);
        ::munmap(const_cast<char*>(map_), map_length_);
    }
    if (file_) std::fclose(file_);
}

bool BlockReader::ok() const { return file_ != nullptr; }

bool BlockReader::failed() const { return read_error_ || (map_guard_ && map_guard_->faulted.load()); }

void BlockReader::hash_input() {
    if (sha_) return;
    sha_ = std::make_unique<Sha256>();
    if (map_) sha_->update(map_, map_pos_);  // the byte order mark, if any
    else sha_->update(head_.data(), head_.size());
}

std::string BlockReader::sha256() {
    if (!sha_ || !eof_ || failed() || !file_) return {};
    std::string hex = sha_->hex();
    sha_.reset();
    return hex;
}

size_t BlockReader::read(char* to, size_t want) {
    if (eof_ || !file_ || want == 0) return 0;
    const size_t n = std::fread(to, 1, want, file_);
    read_bytes_ += n;
    if (n < want) {
        eof_ = true;
        read_error_ = std::ferror(file_) != 0 || changed_while_read();
    }
    if (sha_ && n) sha_->update(to, n);
    return n;
}

// A regular file whose size at its end is not the size it had when opened
// (truncated, or written to, while it was read): what was read is not the
// file, and its hash would name neither version.
bool BlockReader::changed_while_read() const {
    if (!regular_) return false;
    struct stat st {};
    return ::fstat(::fileno(file_), &st) != 0 || static_cast<size_t>(st.st_size) != file_size_ || read_bytes_ != file_size_;
}

// Complete lines stay where fread put them. An overlong line is skipped up to
// its newline and leaves an empty line in its place, so line numbers stay in
// step; its error is in `oversized` with that line number.
bool BlockReader::next(LineBlock& out) {
    out.size = 0;
    out.oversized.clear();
    out.first_line = next_line_;
    if (!file_) return false;
    if (map_) return next_mapped(out);
    constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
    auto reserve = [&](size_t bytes) {  // room for `bytes`, a final '\n' and the padding
        const size_t need = bytes + 1 + kPad;
        if (out.bytes.size() < need) out.bytes.resize(std::max(need, out.bytes.size() + out.bytes.size() / 2));
    };
    reserve(std::max(block_bytes_, carry_.size()));
    char* buf = out.bytes.data();
    std::memcpy(buf, carry_.data(), carry_.size());
    size_t n = carry_.size();  // bytes in the buffer
    carry_.clear();
    size_t kept = 0;        // end of the lines kept
    size_t line_start = 0;  // start of the line not yet ended
    auto oversized = [&] {
        out.oversized.push_back(line_too_long());
        buf[kept++] = '\n';
        skipping_ = false;
    };
    // Ends every line in [from, n); then drops the unended rest if it is already too long.
    auto scan = [&](size_t from) {
        if (!skipping_ && kept == line_start && n - line_start <= limits_.max_line_bytes) {
            // No line from line_start on can be overlong and nothing was
            // dropped before it: the lines stay where they are, only their
            // count and the end of the last one are needed.
            if (const auto* last = static_cast<const char*>(::memrchr(buf + from, '\n', n - from))) {
                const size_t end = static_cast<size_t>(last - buf) + 1;
                next_line_ += count_newlines(buf + from, end - from);
                kept = line_start = end;
            }
            return;
        }
        while (const char* nl = static_cast<const char*>(std::memchr(buf + from, '\n', n - from))) {
            const size_t end = static_cast<size_t>(nl - buf);
            if (skipping_ || end - line_start > limits_.max_line_bytes) {
                oversized();
            } else {
                if (kept != line_start) std::memmove(buf + kept, buf + line_start, end + 1 - line_start);
                kept += end + 1 - line_start;
            }
            ++next_line_;
            from = line_start = end + 1;
        }
        if (skipping_ || n - line_start > limits_.max_line_bytes) {
            skipping_ = true;
            n = line_start = kept;
        } else if (kept != line_start) {
            std::memmove(buf + kept, buf + line_start, n - line_start);
            n -= line_start - kept;
            line_start = kept;
        }
    };
    scan(0);
    while (!eof_ && !(kept > 0 && n >= block_bytes_)) {
        // Fill the block; past its size, read on in small steps to end the cut line.
        const size_t want = n < block_bytes_ ? block_bytes_ - n : std::clamp<size_t>(block_bytes_, 16, 1u << 16);
        reserve(n + want);
        buf = out.bytes.data();
        const size_t from = n;
        n += read(buf + n, want);
        scan(from);
    }
    if (eof_) {
        if (skipping_) {
            oversized();
            ++next_line_;
        } else if (n > line_start) {  // the last line, without a newline
            buf[n] = '\n';
            kept = n + 1;
            ++next_line_;
        }
    } else {
        carry_.assign(buf + line_start, n - line_start);
    }
    out.data = buf;
    out.size = kept;
    out.capacity = out.bytes.size();
    if (kept == 0) return false;
    std::memset(buf + kept, 0, kPad);
    return true;
}

// The block runs from map_pos_ to the end of the line that holds its
// block_bytes_-th byte. It is a view of the map unless a line in it is
// overlong (left as an empty line, as above), the file's last line lacks its
// newline, or the padding would run past the end of the file: then its lines
// are copied into the block's buffer.
bool BlockReader::next_mapped(LineBlock& out) {
    constexpr size_t kPad = simdjson::SIMDJSON_PADDING;
    // A file that shrank since it was mapped: what is gone is not read (its
    // pages would raise SIGBUS), and the file is reported as unreadable.
    struct stat st {};
    if (::fstat(::fileno(file_), &st) == 0 && static_cast<size_t>(st.st_size) < map_size_) {
        map_size_ = std::max(static_cast<size_t>(st.st_size), map_pos_);
        read_error_ = true;
    }
    if (map_pos_ >= map_size_) {
        eof_ = true;
        return false;
    }
    const size_t last = std::min(map_pos_ + block_bytes_, map_size_) - 1;
    const auto* nl = static_cast<const char*>(std::memchr(map_ + last, '\n', map_size_ - last));
    const size_t end = nl ? static_cast<size_t>(nl - map_) + 1 : map_size_;
    // One pass over the lines: their count, whether one is overlong, and the
    // bytes a copy would take. A block no longer than the line limit cannot
    // hold an overlong line: counting its newlines is enough.
    uint64_t lines = 0;
    size_t copy_bytes = 0;
    bool overlong = false;
    const bool short_block = end - map_pos_ <= limits_.max_line_bytes;
    if (short_block) {
        lines = count_newlines(map_ + map_pos_, end - map_pos_) + (nl ? 0 : 1);  // + a last line without one
        copy_bytes = end - map_pos_ + (nl ? 0 : 1);
    }
    for (size_t start = short_block ? end : map_pos_; start < end; ++lines) {
        const auto* e = static_cast<const char*>(std::memchr(map_ + start, '\n', end - start));
        const size_t stop = e ? static_cast<size_t>(e - map_) : end;
        const bool too_long = stop - start > limits_.max_line_bytes;
        overlong = overlong || too_long;
        copy_bytes += (too_long ? 0 : stop - start) + 1;
        start = stop + 1;
    }
    if (sha_) sha_->update(map_ + map_pos_, end - map_pos_);
    if (!overlong && nl && end + kPad <= map_size_) {
        out.data = map_ + map_pos_;
        out.size = end - map_pos_;
        out.capacity = map_size_ - map_pos_;
        next_line_ += lines;
    } else {
        if (out.bytes.size() < copy_bytes + kPad) out.bytes.resize(copy_bytes + kPad);
        char* buf = out.bytes.data();
        size_t kept = 0;
        for (size_t start = map_pos_; start < end;) {
            const auto* e = static_cast<const char*>(std::memchr(map_ + start, '\n', end - start));
            const size_t stop = e ? static_cast<size_t>(e - map_) : end;
            if (stop - start > limits_.max_line_bytes) {
                out.oversized.push_back(line_too_long());
            } else {
                std::memcpy(buf + kept, map_ + start, stop - start);
                kept += stop - start;
            }
            buf[kept++] = '\n';
            ++next_line_;
            start = stop + 1;
        }
        std::memset(buf + kept, 0, kPad);
        out.data = buf;
        out.size = kept;
        out.capacity = out.bytes.size();
    }
    out.map_end = end;
    map_pos_ = end;
    if (map_pos_ >= map_size_) eof_ = true;
    return true;
}

ReadError BlockReader::line_too_long() const {
    ReadError e;
    e.kind = ReadErrorKind::LineTooLong;
    e.file = path_;
    e.line = next_line_;
    e.expected = std::to_string(limits_.max_line_bytes);
    return e;
}

namespace {
// A mapped file's pages are given back at least this much at a time (BlockReader::release).
constexpr size_t kReleaseBytes = 8u << 20;
}  // namespace

void BlockReader::release(size_t map_end) {
    if (!map_) return;
    static const auto page = static_cast<size_t>(::sysconf(_SC_PAGESIZE));
    // Whole pages only: the page that holds the block's end also holds the next block's start.
    const size_t until = std::min(map_end, map_size_) / page * page;
    // In steps of kReleaseBytes or more: each call costs a system call and a
    // TLB shootdown on every core (1 MiB at a time, ~4 % of a large check).
    if (until < map_released_ + kReleaseBytes) return;
    ::madvise(const_cast<char*>(map_) + map_released_, until - map_released_, MADV_DONTNEED);
    map_released_ = until;
}

// ---------------------------------------------------------------------------
// detect_form

namespace {

// Reads the top-level keys of the first JSON value of a file, piece by piece.
class FirstKeys {
public:
    enum class Verdict : uint8_t { Undecided, Document, Records };
    Verdict feed(const char* p, size_t n) {
        for (size_t i = 0; i < n; ++i)
            if (step(p[i]) != Verdict::Undecided) return verdict_;
        return verdict_;
    }
    Verdict verdict() const { return verdict_; }

private:
    size_t depth_ = 0;
    bool in_string_ = false, escaped_ = false, started_ = false;
    bool after_key_ = false;  // a string at depth 1 has just closed: a key when ':' follows
    std::string string_;      // the string being read at depth 1 (short keys only)
    Verdict verdict_ = Verdict::Undecided;

    Verdict decide(Verdict v) { return verdict_ = v; }
    Verdict step(char c) {
        if (in_string_) {
            if (escaped_) escaped_ = false;
            else if (c == '\\') escaped_ = true;
            else if (c == '"') {
                in_string_ = false;
                after_key_ = depth_ == 1;
            } else if (depth_ == 1 && string_.size() < 16) {
                string_ += c;
            }
            return verdict_;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return verdict_;
        if (!started_) {
            started_ = true;
            if (c != '{') return decide(Verdict::Records);
        }
        if (after_key_ && c == ':') {
            if (string_ == "format" || string_ == "cases") return decide(Verdict::Document);
            if (string_ == "id" || string_ == "events") return decide(Verdict::Records);
        }
        after_key_ = false;
        if (c == '"') {
            in_string_ = true;
            string_.clear();
        } else if (c == '{' || c == '[') {
            ++depth_;
        } else if ((c == '}' || c == ']') && --depth_ == 0) {
            return decide(Verdict::Records);
        }
        return verdict_;
    }
};

}  // namespace

ExportForm detect_form(const std::string& path) {
    FirstKeys keys;
    bool first = true;
    // A record's keys are found within its line; a document's may follow a
    // long first value, but not one longer than a record may be. On a pipe
    // the bytes looked at are kept for the reader (peek_head).
    peek_head(path, [&](std::string_view bytes) {
        const size_t bom = first && has_bom(bytes.data(), bytes.size()) ? 3 : 0;
        first = false;
        return keys.feed(bytes.data() + bom, bytes.size() - bom) == FirstKeys::Verdict::Undecided;
    }, 4u << 20);
    return keys.verdict() == FirstKeys::Verdict::Document ? ExportForm::Document : ExportForm::Ndjson;
}

LoadResult load_input(const std::string& path, size_t max_bytes, simdjson::padded_string& out) {
    std::string bytes;
    std::FILE* f = open_input(path, bytes);
    if (!f) return LoadResult::CannotRead;
    struct stat st {};
    if (bytes.empty() && ::fstat(::fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {  // size known: one read, no copy
        std::fclose(f);
        if (static_cast<size_t>(st.st_size) > max_bytes) return LoadResult::TooBig;
        return simdjson::padded_string::load(path).get(out) ? LoadResult::CannotRead : LoadResult::Ok;
    }
    char buf[1 << 16];
    size_t n = 0;
    while (bytes.size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes.append(buf, n);
    const bool failed = std::ferror(f) != 0;
    std::fclose(f);
    if (failed) return LoadResult::CannotRead;
    if (bytes.size() > max_bytes) return LoadResult::TooBig;
    out = simdjson::padded_string(bytes);
    return LoadResult::Ok;
}

// ---------------------------------------------------------------------------
// CaseReader

struct CaseReader::Impl {
    const CaseFile& file;
    const Schema& schema;
    ReadLedger& ledger;
    ReadLimits limits;
    RecordParser records;
    bool started = false;
    bool done = false;
    bool hash = false;         // hash_input() was asked for
    std::string document_sha;  // document form: hashed when loaded
    size_t converted_next = 0;  // next of file.rejected to hand to the ledger

    // NDJSON
    std::unique_ptr<BlockReader> blocks;
    LineBlock block;
    LineCursor lines;  // over `block`

    // Document form
    simdjson::padded_string document;
    size_t bom = 0;
    od::parser document_parser;
    od::document doc;
    od::array cases;
    od::array_iterator it, end;
    size_t counted_offset = 0;  // line numbers: newlines counted up to here
    uint64_t counted_line = 1;

    Impl(const CaseFile& f, const Schema& s, ReadLedger& l, ReadLimits lim)
        : file(f), schema(s), ledger(l), limits(lim), records(s, lim) {}

    void reject(ReadError e) {
        e.file = file.path;
        ledger.reject(std::move(e));
    }
    void file_error(ReadErrorKind kind, uint64_t line = 0, std::string expected = {}, std::string got = {}) {
        ReadError e;
        e.kind = kind;
        e.file = file.path;
        e.line = line;
        e.expected = std::move(expected);
        e.got = std::move(got);
        ledger.file_error(std::move(e));
        done = true;
    }
    // The conversion's rejected records before `line` (all of them at the end).
    void converted_before(uint64_t line) {
        while (converted_next < file.rejected.size() && file.rejected[converted_next].line < line)
            ledger.reject(file.rejected[converted_next++]);
    }

    bool start();
    bool start_document();
    // A parsed record: rejected, or accepted unless its id is taken. True when accepted.
    bool accept(std::optional<ReadError> error, Case& out, uint64_t line);
    bool next_ndjson(Case& out);
    bool next_document(Case& out);
    bool document_stops(const char* at);
    uint64_t line_at(const char* p);
};

bool CaseReader::Impl::start() {
    started = true;
    if (file.form == ExportForm::Document) return start_document();
    blocks = std::make_unique<BlockReader>(file.records, limits);
    if (hash) blocks->hash_input();
    if (!blocks->ok()) file_error(ReadErrorKind::CannotOpen);
    return !done;
}

bool CaseReader::Impl::start_document() {
    const LoadResult loaded = load_input(file.records, limits.max_document_bytes, document);
    if (loaded == LoadResult::TooBig) {
        file_error(ReadErrorKind::LineTooLong, 0, std::to_string(limits.max_document_bytes));
        return false;
    }
    if (loaded != LoadResult::Ok) {
        file_error(ReadErrorKind::CannotOpen);
        return false;
    }
    if (hash) {
        Sha256 sha;
        sha.update(document.data(), document.size());
        document_sha = sha.hex();
    }
    bom = has_bom(document.data(), document.size()) ? 3 : 0;
    counted_offset = bom;
    const char* data = document.data() + bom;
    const size_t len = document.size() - bom;
    if (auto code = document_parser.iterate(data, len, len + simdjson::SIMDJSON_PADDING).get(doc)) {
        file_error(ReadErrorKind::InvalidJson, 0, code == simdjson::UTF8_ERROR ? kUtf8 : "");
        return false;
    }
    od::object root;
    std::string_view format;
    if (doc.get_object().get(root) || root.find_field_unordered("format").get_string().get(format) ||
        format != "case-export/1" || root.find_field_unordered("cases").get_array().get(cases) ||
        cases.begin().get(it) || cases.end().get(end)) {
        file_error(ReadErrorKind::NotCaseExport);
        return false;
    }
    return true;
}

uint64_t CaseReader::Impl::line_at(const char* p) {
    const size_t offset = static_cast<size_t>(p - document.data());
    if (offset > counted_offset) {
        counted_line += static_cast<uint64_t>(
            std::count(document.data() + counted_offset, document.data() + offset, '\n'));
        counted_offset = offset;
    }
    return counted_line;
}

bool CaseReader::Impl::accept(std::optional<ReadError> error, Case& out, uint64_t line) {
    converted_before(line);
    if (error) {
        reject(std::move(*error));
        return false;
    }
    return ledger.accept(out.id, file.path, line, out.events.size(), out.undeclared_events);
}

bool CaseReader::Impl::next_ndjson(Case& out) {
    for (BlockLine line;;) {
        while (!lines.next(line)) {
            blocks->release(block.map_end);  // its cases have been handed out
            if (!blocks->next(block)) {
                if (blocks->failed()) file_error(ReadErrorKind::CannotOpen);  // e.g. truncated while read
                return false;
            }
            lines = LineCursor(block);
        }
        if (line.oversized) {
            converted_before(line.number);
            reject(*line.oversized);
            continue;
        }
        if (blank(line.text.data(), line.text.size())) {
            if (!file.converted) ledger.blank_lines();
            continue;
        }
        if (accept(records.parse(line.text.data(), line.text.size(), line.capacity, line.number, out), out,
                   line.number))
            return true;
    }
}

// The document cannot be read on from `at`: the rest of it is lost.
bool CaseReader::Impl::document_stops(const char* at) {
    file_error(ReadErrorKind::InvalidJson, line_at(at), {}, kDocumentStops);
    return false;
}

bool CaseReader::Impl::next_document(Case& out) {
    while (it != end) {
        od::value v;
        if ((*it).get(v)) {
            const char* at = nullptr;
            if (doc.current_location().get(at)) at = document.data() + counted_offset;
            return document_stops(at);
        }
        const char* where = v.raw_json_token().data();
        const uint64_t line = line_at(where);
        od::json_type t;
        od::object obj;
        std::string_view raw;
        const bool is_object = !v.type().get(t) && t == od::json_type::object;
        if (is_object && (v.get_object().get(obj) || obj.raw_json().get(raw))) return document_stops(where);
        ++it;
        if (!is_object) {
            ReadError e;
            e.kind = ReadErrorKind::NotObject;
            e.line = line;
            reject(std::move(e));
            continue;
        }
        const size_t offset = static_cast<size_t>(raw.data() - document.data());
        const size_t capacity = document.size() + simdjson::SIMDJSON_PADDING - offset;
        if (accept(records.parse(raw.data(), raw.size(), capacity, line, out), out, line)) return true;
    }
    return false;
}

CaseReader::CaseReader(const CaseFile& file, const Schema& schema, ReadLedger& ledger, ReadLimits limits)
    : impl_(std::make_unique<Impl>(file, schema, ledger, limits)) {}
CaseReader::~CaseReader() = default;

bool CaseReader::next(Case& out) {
    Impl& r = *impl_;
    if (r.done) return false;
    if (!r.started && !r.start()) {
        r.converted_before(UINT64_MAX);
        return false;
    }
    const bool got = r.file.form == ExportForm::Document ? r.next_document(out) : r.next_ndjson(out);
    if (!got) {
        r.done = true;
        r.converted_before(UINT64_MAX);
        r.records.unknown_names().merge_into(r.ledger.report().unknown_names, r.file.path);
    }
    return got;
}

void CaseReader::hash_input() { impl_->hash = true; }

std::string CaseReader::sha256() {
    if (impl_->blocks) return impl_->blocks->sha256();
    return impl_->document_sha;
}

}  // namespace aktkoll
