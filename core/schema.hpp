// The vocabulary a reader validates against and an evaluator indexes by:
// case attributes and event types with their typed attributes, as slots.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aktkoll {

enum class AttrType : uint8_t { String, Integer, Boolean, Date, Enum, StringList };

struct AttrSpec {
    std::string name;
    AttrType type = AttrType::String;
    std::vector<std::string> enum_values;  // for Enum
    friend bool operator==(const AttrSpec&, const AttrSpec&) = default;
};

struct EventSpec {
    std::string name;
    std::vector<AttrSpec> attrs;
    friend bool operator==(const EventSpec&, const EventSpec&) = default;
};

inline constexpr int kNoSlot = -1;

class Schema {
public:
    Schema() = default;  // the generic contract: no declared attributes or event types

    int add_case_attr(AttrSpec spec);
    int add_event_type(EventSpec spec);
    // A layer's `extend event`: one more attribute of a declared event type.
    int add_event_attr(int type, AttrSpec spec);

    const std::vector<AttrSpec>& case_attrs() const { return case_attrs_; }
    const std::vector<EventSpec>& event_types() const { return event_types_; }

    // kNoSlot when the name is not declared.
    int case_attr(std::string_view name) const;
    int event_type(std::string_view name) const;
    int event_attr(int type, std::string_view name) const;

    // The same declarations in the same order: a record reads into the same
    // Case, slot for slot, under either schema (the indexes follow from them).
    friend bool operator==(const Schema& a, const Schema& b) {
        return a.case_attrs_ == b.case_attrs_ && a.event_types_ == b.event_types_;
    }

private:
    struct Hash {
        using is_transparent = void;
        size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Index = std::unordered_map<std::string, int, Hash, std::equal_to<>>;

    std::vector<AttrSpec> case_attrs_;
    std::vector<EventSpec> event_types_;
    Index case_index_;
    Index event_index_;
    std::vector<Index> event_attr_index_;
};

}  // namespace aktkoll
