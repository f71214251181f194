#include "core/schema.hpp"

namespace aktkoll {

namespace {
template <class Index>
int find(const Index& index, std::string_view name) {
    auto it = index.find(name);
    return it == index.end() ? kNoSlot : it->second;
}
}  // namespace

int Schema::add_case_attr(AttrSpec spec) {
    const int slot = static_cast<int>(case_attrs_.size());
    case_index_.emplace(spec.name, slot);
    case_attrs_.push_back(std::move(spec));
    return slot;
}

int Schema::add_event_type(EventSpec spec) {
    const int type = static_cast<int>(event_types_.size());
    event_index_.emplace(spec.name, type);
    Index attrs;
    for (size_t i = 0; i < spec.attrs.size(); ++i) attrs.emplace(spec.attrs[i].name, static_cast<int>(i));
    event_attr_index_.push_back(std::move(attrs));
    event_types_.push_back(std::move(spec));
    return type;
}

int Schema::add_event_attr(int type, AttrSpec spec) {
    auto& attrs = event_types_.at(static_cast<size_t>(type)).attrs;
    const int slot = static_cast<int>(attrs.size());
    event_attr_index_[static_cast<size_t>(type)].emplace(spec.name, slot);
    attrs.push_back(std::move(spec));
    return slot;
}

int Schema::case_attr(std::string_view name) const { return find(case_index_, name); }
int Schema::event_type(std::string_view name) const { return find(event_index_, name); }
int Schema::event_attr(int type, std::string_view name) const {
    if (type < 0 || type >= static_cast<int>(event_attr_index_.size())) return kNoSlot;
    return find(event_attr_index_[static_cast<size_t>(type)], name);
}

}  // namespace aktkoll
