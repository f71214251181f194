// The export's records for the cases under review, and the merge of a
// reviewer's facts into them (JSON level, so that everything the form does
// not ask about is kept as exported).
#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "input/reader.hpp"
#include "run/review_form.hpp"

namespace aktkoll::review {

using json = nlohmann::ordered_json;  // keeps the export's key order

struct ExportCases::Impl {
    struct Record {
        json value;
        std::string where;  // "uttag.ndjson:3"
    };
    std::map<std::string, Record> records;
    std::vector<std::string> order;

    void keep(json&& j, const std::string& where, const std::vector<std::string>& ids) {
        if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) return;
        std::string id = j["id"].get<std::string>();
        if (!ids.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) return;
        if (records.count(id)) return;  // the pipeline reports duplicates
        order.push_back(id);
        records[id] = Record{std::move(j), where};
    }
};

ExportCases::ExportCases() : impl_(std::make_unique<Impl>()) {}
ExportCases::~ExportCases() = default;

void ExportCases::load(const std::vector<std::string>& files, const std::vector<std::string>& ids,
                       std::vector<std::string>& errors) {
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) {
            errors.push_back(fmt::format("{}: kan inte öppnas", file));
            continue;
        }
        if (detect_form(file) == ExportForm::Document) {
            json doc = json::parse(in, nullptr, false);
            if (doc.is_discarded() || !doc.contains("cases") || !doc["cases"].is_array()) {
                errors.push_back(fmt::format("{}: inte ett uttag (case-export/1)", file));
                continue;
            }
            for (auto& c : doc["cases"]) impl_->keep(std::move(c), file, ids);
            continue;
        }
        std::string line;
        for (uint64_t n = 1; std::getline(in, line); ++n) {
            // Only lines that can hold a wanted id are parsed.
            if (!ids.empty() && std::none_of(ids.begin(), ids.end(), [&](const std::string& id) { return line.find(id) != std::string::npos; }))
                continue;
            json j = json::parse(line, nullptr, false);
            if (!j.is_discarded()) impl_->keep(std::move(j), fmt::format("{}:{}", file, n), ids);
        }
    }
}

bool ExportCases::has(const std::string& id) const { return impl_->records.count(id) > 0; }

std::vector<std::string> ExportCases::ids() const { return impl_->order; }

namespace {

FactValue from_json(const json& j, AttrType type) {
    if (j.is_boolean() && type == AttrType::Boolean) return j.get<bool>();
    if (j.is_number_integer() && type == AttrType::Integer) return j.get<int64_t>();
    if (!j.is_string()) return {};
    const std::string s = j.get<std::string>();
    if (type == AttrType::Date) {
        if (auto d = parse_date(s)) return *d;
        return {};
    }
    if (type == AttrType::String || type == AttrType::Enum) return s;
    return {};
}

json to_json(const FactValue& v) {
    if (const bool* b = std::get_if<bool>(&v)) return *b;
    if (const int64_t* i = std::get_if<int64_t>(&v)) return *i;
    if (const Date* d = std::get_if<Date>(&v)) return format_date(*d);
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    return nullptr;
}

// Indices into events of those of `type`, by date then input order: the
// order the workbook's occurrence columns follow.
std::vector<size_t> events_of(const json& events, const std::string& type) {
    std::vector<size_t> out;
    if (!events.is_array()) return out;
    for (size_t i = 0; i < events.size(); ++i)
        if (events[i].is_object() && events[i].value("type", json()) == type) out.push_back(i);
    auto date = [&](size_t i) {
        const json& d = events[i].value("date", json());
        return d.is_string() ? d.get<std::string>() : std::string();
    };
    std::stable_sort(out.begin(), out.end(), [&](size_t a, size_t b) { return date(a) < date(b); });
    return out;
}

const FactValue& value_at(const CaseFacts& f, size_t field, size_t occurrence) {
    static const FactValue unknown;
    if (field >= f.values.size() || occurrence >= f.values[field].size()) return unknown;
    return f.values[field][occurrence];
}

std::string cell_at(const CaseFacts& f, size_t field, size_t occurrence) {
    if (field >= f.cells.size() || occurrence >= f.cells[field].size()) return f.id;
    return f.cells[field][occurrence];
}

}  // namespace

CaseFacts ExportCases::facts(const std::vector<FormField>& fields, const std::string& id) const {
    CaseFacts out;
    out.id = id;
    out.values.resize(fields.size());
    auto it = impl_->records.find(id);
    if (it == impl_->records.end()) return out;
    const json& rec = it->second.value;
    const json events = rec.value("events", json::array());
    for (size_t i = 0; i < fields.size(); ++i) {
        const FormField& f = fields[i];
        if (f.kind == FieldKind::CaseAttr) {
            out.values[i].push_back(from_json(rec.value(f.attr, json()), f.type));
            continue;
        }
        const std::string key = f.kind == FieldKind::EventDate ? "date" : f.attr;
        for (size_t e : events_of(events, f.event)) out.values[i].push_back(from_json(events[e].value(key, json()), f.type));
    }
    return out;
}

std::string ExportCases::merge(const std::vector<FormField>& fields, const CaseFacts& reviewer, const std::string& workbook,
                               Lang lang, std::vector<std::string>& errors) const {
    auto it = impl_->records.find(reviewer.id);
    json rec = it != impl_->records.end() ? it->second.value : json{{"id", reviewer.id}, {"events", json::array()}};
    if (!rec.contains("events")) rec["events"] = json::array();
    const std::string source = it != impl_->records.end() ? it->second.where : std::string();
    // A known export value wins over a different answer, which is reported.
    auto put = [&](json& target, const std::string& key, size_t field, size_t occurrence) {
        const FactValue& v = value_at(reviewer, field, occurrence);
        if (std::holds_alternative<std::monostate>(v)) return;
        json given = to_json(v);
        const json& had = target.is_object() && target.contains(key) ? target[key] : json();
        if (had.is_null()) {
            target[key] = std::move(given);
            return;
        }
        if (had == given) return;
        const bool show = fields[field].type != AttrType::String;
        const std::string exported = had.is_string() ? had.get<std::string>() : had.is_boolean() ? fact_text(had.get<bool>(), lang) : had.dump();
        errors.push_back(show ? fmt::format(fmt::runtime(tr(lang, "{}:{}: granskarens svar '{}' motsäger exporten ({}: '{}')",
                                                            "{}:{}: the reviewer's answer '{}' contradicts the export ({}: '{}')")),
                                            workbook, cell_at(reviewer, field, occurrence), fact_text(v, lang), source, exported)
                              : fmt::format(fmt::runtime(tr(lang, "{}:{}: granskarens text skiljer sig från exportens ({})",
                                                            "{}:{}: the reviewer's text differs from the export's ({})")),
                                            workbook, cell_at(reviewer, field, occurrence), source));
    };
    for (size_t i = 0; i < fields.size(); ++i)
        if (fields[i].kind == FieldKind::CaseAttr) put(rec, fields[i].attr, i, 0);
    json added = json::array();
    std::vector<std::string> done;
    for (size_t i = 0; i < fields.size(); ++i) {
        const std::string& type = fields[i].event;
        if (fields[i].kind == FieldKind::CaseAttr || std::find(done.begin(), done.end(), type) != done.end()) continue;
        done.push_back(type);
        const std::vector<size_t> exported = events_of(rec["events"], type);
        size_t n = 0, date_field = i;
        for (size_t f = i; f < fields.size(); ++f)
            if (fields[f].kind != FieldKind::CaseAttr && fields[f].event == type) {
                n = std::max(n, f < reviewer.values.size() ? reviewer.values[f].size() : 0);
                if (fields[f].kind == FieldKind::EventDate) date_field = f;
            }
        for (size_t k = 0; k < n; ++k) {
            json fresh = {{"type", type}};
            json& target = k < exported.size() ? rec["events"][exported[k]] : fresh;
            bool any = false;
            for (size_t f = i; f < fields.size(); ++f) {
                if (fields[f].kind == FieldKind::CaseAttr || fields[f].event != type) continue;
                any = any || !std::holds_alternative<std::monostate>(value_at(reviewer, f, k));
                put(target, fields[f].kind == FieldKind::EventDate ? "date" : fields[f].attr, f, k);
            }
            if (k < exported.size() || !any) continue;
            if (!fresh.contains("date")) {
                errors.push_back(fmt::format(fmt::runtime(tr(lang, "{}:{}: förekomst {} av '{}' har uppgifter men inget datum (händelsen tas inte med)",
                                                             "{}:{}: occurrence {} of '{}' has facts but no date (the event is left out)")),
                                             workbook, cell_at(reviewer, date_field, k), k + 1, type));
                continue;
            }
            added.push_back(std::move(fresh));
        }
    }
    for (auto& e : added) rec["events"].push_back(std::move(e));
    return rec.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace aktkoll::review
