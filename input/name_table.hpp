// Schema names a reader looks up per key: few, so a length-filtered linear
// scan over views beats hashing and never allocates.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.hpp"
#include "core/schema.hpp"

namespace aktkoll {

class NameTable {
public:
    void add(std::string_view name, int slot) { entries_.push_back({name, slot}); }
    // kNoSlot when the name is not in the table.
    [[gnu::always_inline]] int find(std::string_view name) const {
        for (const auto& [n, slot] : entries_)
            if (same(n, name)) return slot;
        return kNoSlot;
    }

private:
    // Length and first byte settle almost every miss.
    [[gnu::always_inline]] static bool same(std::string_view a, std::string_view b) {
        return a.size() == b.size() && (a.empty() || (a[0] == b[0] && same_bytes(a.data(), b.data(), a.size())));
    }
    std::vector<std::pair<std::string_view, int>> entries_;
};

// The names of one schema as tables: case attributes, event types, and the
// attributes of each event type (indexed by type slot).
struct SchemaNames {
    NameTable case_attrs;
    NameTable event_types;
    std::vector<NameTable> event_attrs;

    explicit SchemaNames(const Schema& s) {
        for (size_t i = 0; i < s.case_attrs().size(); ++i) case_attrs.add(s.case_attrs()[i].name, static_cast<int>(i));
        for (size_t t = 0; t < s.event_types().size(); ++t) {
            const EventSpec& spec = s.event_types()[t];
            event_types.add(spec.name, static_cast<int>(t));
            NameTable attrs;
            for (size_t i = 0; i < spec.attrs.size(); ++i) attrs.add(spec.attrs[i].name, static_cast<int>(i));
            event_attrs.push_back(std::move(attrs));
        }
    }
};

}  // namespace aktkoll
