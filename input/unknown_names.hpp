// Names in case data that the vocabulary does not declare: event types, and
// the attribute keys of a case or of a declared event. Exports carry more
// keys than the rules read, so such a name is no error; but one close to a
// vocabulary name is probably misspelt, and its values would silently be
// read as unknown. The readers note each such name (never a value) in a
// small per-reader set; whether it is close to a vocabulary name is worked
// out once, at the end (misspelt_names).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/read_error.hpp"
#include "core/schema.hpp"
#include "core/text.hpp"

namespace aktkoll {

// One reader's set. Distinct names are few; past kMaxNames new ones are
// counted but not kept, so hostile data cannot make it grow or slow down.
class UnknownNames {
public:
    static constexpr size_t kMaxNames = 256;

    void start_record(uint64_t line) {
        ++record_;
        line_ = line;
        stamp_ = false;
    }
    // A name the schema does not declare, in the current record. Out of
    // line: the readers' hot loops keep only the call, on a lookup's miss.
    void note(int scope, std::string_view name);
    // After the record: its id for the names it was the first record of.
    void finish_record(std::string_view case_id) {
        if (stamp_) stamp(case_id);
    }
    // Into `into` (names of earlier readers or files), with `file` for the
    // names first seen here. Counts add up; the earliest record wins.
    void merge_into(std::vector<UnknownName>& into, const std::string& file) const;
    uint64_t dropped() const { return dropped_; }

private:
    struct Entry {
        UnknownName name;
        uint64_t last_record = 0;
        bool stamp = false;
    };
    std::vector<Entry> names_;
    // Index into names_ by a hash of cheap bits of (scope, name), -1 when
    // empty: an export repeats the same few extra keys on every event, so a
    // note is usually one probe and one comparison.
    std::array<int16_t, 256> slots_ = filled_slots();
    static constexpr std::array<int16_t, 256> filled_slots() {
        std::array<int16_t, 256> a{};
        a.fill(-1);
        return a;
    }
    uint64_t record_ = 0, line_ = 0, dropped_ = 0;
    bool stamp_ = false;

    void seen(Entry& e) {
        if (e.last_record == record_) return;  // once per record (the general reader may read it again)
        e.last_record = record_;
        ++e.name.records;
        if (line_ < e.name.first_line) first_here(e);
    }
    void add(int scope, std::string_view name);
    bool same(const Entry& e, int scope, std::string_view name) const {
        return e.name.scope == scope && e.name.name.size() == name.size() && e.name.name == name;
    }
    void first_here(Entry& e);
    void stamp(std::string_view case_id);
};

// The names close to a vocabulary name of their scope, in order of first occurrence.
std::vector<MisspeltName> misspelt_names(const std::vector<UnknownName>& names, const Schema& schema);
// The vocabulary name close to `name` in `scope`, or empty.
std::string nearest_vocabulary_name(const Schema& schema, int scope, std::string_view name);

// "händelsetypen 'besult'" / "attributet 'utfal' hos 'beslut'" / "ärendeattributet 'akutt'"
std::string describe_name(int scope, const std::string& name, const std::string& event, Lang lang);
// AK0730 (event type) or AK0731 (key).
const char* misspelt_code(const MisspeltName& m);
// "varning AK0731: attributet 'utfal' hos 'beslut' finns inte i vokabulären;
// menade du 'utfall'? Antal poster: 12; först: fall K-3 (a.ndjson:4)"
std::string describe(const MisspeltName& m, Lang lang);

}  // namespace aktkoll
