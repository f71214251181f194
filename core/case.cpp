#include "core/case.hpp"

#include <algorithm>
#include <cstring>

namespace aktkoll {

std::string_view StringArena::store(std::string_view s) {
    if (s.empty()) return {};
    if (blocks_.empty() || used_ + s.size() > sizes_.back()) {
        const size_t size = std::max(kBlock, s.size());
        blocks_.push_back(std::make_unique<char[]>(size));
        sizes_.push_back(size);
        used_ = 0;
    }
    char* dst = blocks_.back().get() + used_;
    std::memcpy(dst, s.data(), s.size());
    used_ += s.size();
    return {dst, s.size()};
}

void StringArena::clear() {
    if (blocks_.size() > 1) {
        // Keep one block of the largest size seen so the next case fits.
        auto largest = std::max_element(sizes_.begin(), sizes_.end()) - sizes_.begin();
        std::swap(blocks_[0], blocks_[static_cast<size_t>(largest)]);
        std::swap(sizes_[0], sizes_[static_cast<size_t>(largest)]);
        blocks_.resize(1);
        sizes_.resize(1);
    }
    used_ = 0;
}

void Case::reset(const Schema& schema) {
    id = {};
    line = 0;
    attrs.assign(schema.case_attrs().size(), Value::unknown());
    events.clear();
    event_values.clear();
    list_items.clear();
    undeclared_events = 0;
    arena.clear();
    type_begin_.assign(schema.event_types().size() + 2, 0);
}

void Case::finish(const Schema& schema) {
    auto before = [](const Event& a, const Event& b) {
        if (a.type != b.type) return a.type < b.type;
        if (a.date != b.date) return a.date < b.date;
        return a.input_index < b.input_index;
    };
    // A case has a handful of events: insertion sort, without std::sort's
    // setup per call; many (up to ReadLimits::max_events) go to std::sort.
    if (events.size() > 32) {
        std::sort(events.begin(), events.end(), before);
    } else {
        for (size_t i = 1; i < events.size(); ++i) {
            const Event e = events[i];
            size_t j = i;
            for (; j > 0 && before(e, events[j - 1]); --j) events[j] = events[j - 1];
            events[j] = e;
        }
    }
    const size_t groups = schema.event_types().size() + 1;
    type_begin_.assign(groups + 1, 0);
    for (const Event& e : events) ++type_begin_[e.type + 1];
    for (size_t t = 1; t <= groups; ++t) type_begin_[t] += type_begin_[t - 1];
    undeclared_events = type_begin_[groups] - type_begin_[groups - 1];
}

}  // namespace aktkoll
