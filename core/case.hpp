// One case file (akt) as the evaluator sees it: attributes by schema slot and
// events grouped by event type, each group ordered by date then input order.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.hpp"
#include "core/value.hpp"

namespace aktkoll {

// Owns the bytes that a Case's string Values view. Reused across cases:
// clear() keeps the first block so steady-state reading does not allocate.
class StringArena {
public:
    std::string_view store(std::string_view s);
    void clear();

private:
    static constexpr size_t kBlock = 16 * 1024;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::vector<size_t> sizes_;
    size_t used_ = 0;  // bytes used in the last block
};

struct Event {
    uint32_t type = 0;  // schema event type; Case::other_type() when undeclared
    Date date;
    uint32_t input_index = 0;  // position in the record's "events" array
    uint32_t values_begin = 0;  // first of its attribute values in Case::event_values
};

class Case {
public:
    std::string_view id;
    uint64_t line = 0;  // 1-based line of the record in its file
    std::vector<Value> attrs;  // by schema case-attribute slot
    std::vector<Event> events;  // grouped by type (see finish())
    std::vector<Value> event_values;
    std::vector<std::string_view> list_items;
    uint32_t undeclared_events = 0;
    StringArena arena;

    // Prepare for a new record of the given schema.
    void reset(const Schema& schema);
    // Call once all events are appended: groups events by type and date.
    void finish(const Schema& schema);

    std::span<const Event> events_of(int type) const {
        return {events.data() + type_begin_[static_cast<size_t>(type)],
                events.data() + type_begin_[static_cast<size_t>(type) + 1]};
    }
    const Value& event_value(const Event& e, int attr_slot) const {
        return event_values[e.values_begin + static_cast<uint32_t>(attr_slot)];
    }
    static uint32_t other_type(const Schema& schema) {
        return static_cast<uint32_t>(schema.event_types().size());
    }

private:
    std::vector<uint32_t> type_begin_;  // size = types + 2 (declared, other, end)
};

}  // namespace aktkoll
