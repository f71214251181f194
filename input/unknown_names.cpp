#include "input/unknown_names.hpp"

#include <algorithm>
#include <tuple>

#include <fmt/core.h>

#include "core/diagnostic.hpp"
#include "core/personnummer.hpp"

namespace aktkoll {

void UnknownNames::note(int scope, std::string_view name) {
    const size_t n = name.size();
    const size_t h = (static_cast<size_t>(scope + 2) * 131 + n * 17 +
                      (n ? static_cast<unsigned char>(name[0]) + 3u * static_cast<unsigned char>(name[n - 1]) : 0)) & 255;
    if (const int16_t i = slots_[h]; i >= 0 && same(names_[static_cast<size_t>(i)], scope, name))
        return seen(names_[static_cast<size_t>(i)]);
    for (size_t i = 0; i < names_.size(); ++i)
        if (same(names_[i], scope, name)) {
            slots_[h] = static_cast<int16_t>(i);
            return seen(names_[i]);
        }
    add(scope, name);
    if (names_.size() <= kMaxNames && !names_.empty() && same(names_.back(), scope, name))
        slots_[h] = static_cast<int16_t>(names_.size() - 1);
}

void UnknownNames::add(int scope, std::string_view name) {
    if (names_.size() >= kMaxNames) {
        ++dropped_;
        return;
    }
    Entry e;
    e.name.scope = scope;
    e.name.name = std::string(name);
    e.name.first_line = UINT64_MAX;
    names_.push_back(std::move(e));
    seen(names_.back());
}

void UnknownNames::first_here(Entry& e) {
    e.name.first_line = line_;
    e.stamp = stamp_ = true;
}

void UnknownNames::stamp(std::string_view case_id) {
    for (auto& e : names_)
        if (e.stamp) {
            e.name.first_case = std::string(case_id);
            e.stamp = false;
        }
    stamp_ = false;
}

void UnknownNames::merge_into(std::vector<UnknownName>& into, const std::string& file) const {
    for (const auto& e : names_) {
        auto it = std::find_if(into.begin(), into.end(),
                               [&](const UnknownName& n) { return n.scope == e.name.scope && n.name == e.name.name; });
        if (it == into.end()) {
            into.push_back(e.name);
            into.back().file = file;
            continue;
        }
        it->records += e.name.records;
        // Earlier files were merged before: only a record of the same file can be earlier.
        if (it->file == file && e.name.first_line < it->first_line) {
            it->first_line = e.name.first_line;
            it->first_case = e.name.first_case;
        }
    }
}

std::string nearest_vocabulary_name(const Schema& schema, int scope, std::string_view name) {
    std::vector<std::string> candidates;
    if (scope == kScopeEventType)
        for (const auto& t : schema.event_types()) candidates.push_back(t.name);
    else if (scope == kScopeCase)
        for (const auto& a : schema.case_attrs()) candidates.push_back(a.name);
    else if (static_cast<size_t>(scope) < schema.event_types().size())
        for (const auto& a : schema.event_types()[static_cast<size_t>(scope)].attrs) candidates.push_back(a.name);
    return dsl::did_you_mean(std::string(name), candidates);
}

std::vector<MisspeltName> misspelt_names(const std::vector<UnknownName>& names, const Schema& schema) {
    std::vector<MisspeltName> out;
    for (const auto& n : names) {
        std::string near = nearest_vocabulary_name(schema, n.scope, n.name);
        if (near.empty() || contains_personnummer(n.name)) continue;
        std::string event = n.scope >= 0 ? schema.event_types()[static_cast<size_t>(n.scope)].name : std::string{};
        out.push_back({n, std::move(event), std::move(near)});
    }
    return out;
}

std::string describe_name(int scope, const std::string& name, const std::string& event, Lang lang) {
    if (scope == kScopeEventType) return fmt::format(fmt::runtime(tr(lang, "händelsetypen '{}'", "the event type '{}'")), name);
    if (scope == kScopeCase) return fmt::format(fmt::runtime(tr(lang, "ärendeattributet '{}'", "the case attribute '{}'")), name);
    return fmt::format(fmt::runtime(tr(lang, "attributet '{}' hos '{}'", "the attribute '{}' of '{}'")), name, event);
}

const char* misspelt_code(const MisspeltName& m) { return m.name.scope == kScopeEventType ? "AK0730" : "AK0731"; }

std::string describe(const MisspeltName& m, Lang lang) {
    const UnknownName& n = m.name;
    const std::string first = n.first_case.empty()
                                  ? fmt::format("{}:{}", n.file, n.first_line)
                                  : fmt::format(fmt::runtime(tr(lang, "fall {} ({}:{})", "case {} ({}:{})")), n.first_case, n.file, n.first_line);
    return fmt::format(fmt::runtime(tr(lang, "varning {}: {} finns inte i vokabulären; menade du '{}'? Antal poster: {}; först: {}",
                                       "warning {}: {} is not in the vocabulary; did you mean '{}'? Records: {}; first: {}")),
                       misspelt_code(m), describe_name(n.scope, n.name, m.event, lang),
                       m.nearest, n.records, first);
}

}  // namespace aktkoll
