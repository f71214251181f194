// The JSON report, schema "aktkoll-result/1" (docs/json-format.md). Keys are
// ASCII English and outcome values are "Ja"/"Nej"/"Et"/"EB" in every
// language, so that programs can read it. Cases are written one per line,
// streamed, so a large run is not built in memory twice.
#include <nlohmann/json.hpp>

#include <charconv>
#include <set>

#include "input/unknown_names.hpp"
#include "report/detail.hpp"

namespace aktkoll::report {

void append_json_string(std::string& out, std::string_view s) {
    bool plain = true;
    for (unsigned char ch : s) plain &= ch >= 0x20 && ch < 0x80 && ch != '"' && ch != '\\';
    if (!plain) {  // escapes, UTF-8 (kept), invalid bytes (replaced): as nlohmann::json writes them
        out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    out += s;
    out += '"';
}

}  // namespace aktkoll::report

namespace aktkoll::report::detail {

namespace {

using json = nlohmann::ordered_json;

json opt_date(const std::optional<Date>& d) { return d ? json(format_date(*d)) : json(nullptr); }
json opt_string(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

std::string dump(const json& j, int indent) {
    return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

json counts_json(const Counts& c) {
    json j = json::object();
    for (Outcome o : kAllOutcomes) j[outcome_count_key(o)] = c.of(o);
    return j;
}

json share_json(const Counts& c) {
    if (c.assessed() == 0) return nullptr;
    return static_cast<double>(c.of(Outcome::Ja)) / static_cast<double>(c.assessed());
}

const char* error_kind_key(ReadErrorKind k) {
    switch (k) {
        case ReadErrorKind::CannotOpen: return "cannot_open";
        case ReadErrorKind::InvalidJson: return "invalid_json";
        case ReadErrorKind::NotObject: return "not_object";
        case ReadErrorKind::NotCaseExport: return "not_case_export";
        case ReadErrorKind::MissingId: return "missing_id";
        case ReadErrorKind::IdNotString: return "id_not_string";
        case ReadErrorKind::DuplicateId: return "duplicate_id";
        case ReadErrorKind::MissingEvents: return "missing_events";
        case ReadErrorKind::EventsNotArray: return "events_not_array";
        case ReadErrorKind::EventNotObject: return "event_not_object";
        case ReadErrorKind::EventMissingType: return "event_missing_type";
        case ReadErrorKind::EventMissingDate: return "event_missing_date";
        case ReadErrorKind::InvalidDate: return "invalid_date";
        case ReadErrorKind::WrongType: return "wrong_type";
        case ReadErrorKind::NotInEnumeration: return "not_in_enumeration";
        case ReadErrorKind::Personnummer: return "personnummer";
        case ReadErrorKind::LineTooLong: return "line_too_long";
        case ReadErrorKind::TooDeep: return "too_deep";
        case ReadErrorKind::TooManyEvents: return "too_many_events";
        case ReadErrorKind::RowRejected: return "row_rejected";
    }
    return "?";
}

json version_json(const RuleVersionInfo& v) {
    return {{"question", v.question},  {"cites", v.cites},
            {"severity", severity_key(v.severity)}, {"valid_from", opt_date(v.valid_from)},
            {"valid_until", opt_date(v.valid_until)}, {"explain", v.explain},
            {"file", v.file}};
}

json header_json(const Document& d) {
    const RuleSet& rules = d.rules;
    const RunInfo& run = d.run;
    json top;
    top["format"] = kJsonFormat;
    top["aktkoll_version"] = run.aktkoll_version;
    top["evaluated_on"] = run.evaluated_on;
    top["period"] = opt_string(run.period);
    json layers = json::array();
    for (const LayerInfo& l : rules.layers) {
        json files = json::array();
        for (const auto& [path, sha] : l.files) files.push_back({{"path", path}, {"sha256", sha}});
        layers.push_back({{"name", l.name}, {"version", l.version}, {"files", files}});
    }
    top["pack"] = {{"name", rules.pack_name},
                   {"version", rules.pack_version},
                   {"title", rules.pack_title},
                   {"template", {{"name", rules.template_name}, {"title", rules.template_title}}},
                   {"layers", layers}};
    json params = json::array();
    for (const ParamInfo& p : rules.params)
        params.push_back({{"name", p.name}, {"value", p.value}, {"layer", p.layer},
                          {"override_reason", opt_string(p.override_reason)}, {"description", p.description}});
    top["parameters"] = params;
    json inputs = json::array();
    for (const auto& [path, sha] : run.input_files) inputs.push_back({{"path", path}, {"sha256", sha}});
    top["inputs"] = inputs;
    if (!d.opt.scope.empty() || !d.opt.title.empty()) {  // a review workbook, --kommun, --cases-from ...
        const Scope& sc = d.opt.scope;
        top["scope"] = {{"title", opt_string(d.opt.title)},     {"kommun", opt_string(sc.kommun)},
                        {"namnd", opt_string(sc.namnd)},        {"reviewer", opt_string(sc.reviewer)},
                        {"review_date", opt_string(sc.review_date)}, {"cases", sc.cases},
                        {"units", sc.units},                    {"sample_seed", opt_string(sc.sample_seed)}};
    }
    top["summary"] = {{"records", run.stats.lines},         {"cases", run.stats.cases},
                      {"events", run.stats.events},         {"rejected", run.stats.rejected},
                      {"blank_lines", run.stats.blank_lines}, {"undeclared_events", run.stats.undeclared_events},
                      {"evaluated_cases", d.table.cases}};
    json rejected = json::array();
    for (const ReadError& e : run.rejected)
        rejected.push_back({{"file", e.file}, {"line", e.line}, {"case_id", opt_string(e.case_id)},
                            {"kind", error_kind_key(e.kind)}, {"code", read_error_code(e.kind)}, {"field", opt_string(e.field)},
                            {"event_index", e.event_index >= 0 ? json(e.event_index) : json(nullptr)},
                            {"message", describe(e, d.opt.lang)}});
    top["rejected"] = rejected;
    json misspelt = json::array();
    for (const MisspeltName& m : run.misspelt)
        misspelt.push_back({{"code", misspelt_code(m)},
                            {"kind", m.name.scope == kScopeEventType ? "event_type" : m.name.scope == kScopeCase ? "case_attribute" : "event_attribute"},
                            {"name", m.name.name}, {"event", opt_string(m.event)}, {"nearest", m.nearest},
                            {"records", m.name.records}, {"file", m.name.file}, {"first_line", m.name.first_line},
                            {"first_case_id", opt_string(m.name.first_case)}, {"message", describe(m, d.opt.lang)}});
    top["misspelt_names"] = misspelt;

    json questions = json::array();
    for (const QuestionRow& row : d.table.rows) {
        json ids = json::array();
        for (int r : row.info->rules) ids.push_back(rules.rules.at(static_cast<size_t>(r)).id);
        json replaced = nullptr;
        if (!row.info->replaced_by.empty()) {
            json before = json::array();
            for (int r : row.info->replaced_rules) before.push_back(rules.rules.at(static_cast<size_t>(r)).id);
            replaced = {{"layer", row.info->replaced_by}, {"reason", row.info->replace_reason}, {"rules", before}};
        }
        questions.push_back({{"number", row.info->number}, {"text", row.info->text}, {"rules", ids},
                             {"layer", row.info->layer}, {"replaced", replaced},
                             {"asked", row.asked}, {"counts", counts_json(row.counts)},
                             {"assessed", row.counts.assessed()}, {"share", share_json(row.counts)}});
    }
    top["questions"] = questions;
    auto numbers = questions_by_rule(rules);
    json rule_list = json::array();
    for (size_t i = 0; i < rules.rules.size(); ++i) {
        const RuleInfo& r = rules.rules[i];
        json versions = json::array();
        for (const RuleVersionInfo& v : r.versions) versions.push_back(version_json(v));
        const Counts& c = d.table.per_rule.at(i);
        rule_list.push_back({{"id", r.id}, {"layer", r.layer}, {"questions", numbers[i]},
                             {"disabled", r.disabled}, {"disabled_by", opt_string(r.disabled_by)},
                             {"disabled_reason", opt_string(r.disabled_reason)}, {"versions", versions},
                             {"counts", counts_json(c)}, {"assessed", c.assessed()}, {"share", share_json(c)}});
    }
    top["rules"] = rule_list;
    json processes = json::array();
    for (const ProcessInfo& p : rules.processes) {
        json steps = json::array();
        auto name = [&](int s) { return s >= 0 && static_cast<size_t>(s) < p.steps.size() ? json(p.steps[static_cast<size_t>(s)].name) : json(nullptr); };
        for (const StepInfo& s : p.steps) {
            json after = json::array();
            for (int a : s.after) after.push_back(name(a));
            steps.push_back({{"name", s.name}, {"event_type", s.event_type}, {"after", after},
                             {"deadline_from", s.deadline_of ? name(*s.deadline_of) : json(nullptr)}, {"cites", s.cites},
                             {"layer", s.layer}, {"deadline_layer", opt_string(s.deadline_layer)},
                             {"deadline_reason", opt_string(s.deadline_reason)}});
        }
        processes.push_back({{"name", p.name}, {"steps", steps}});
    }
    top["processes"] = processes;
    return top;
}

json rule_result_json(const RuleSet& rules, const CaseResult& c, int r) {
    const RuleResult& res = c.rules.at(static_cast<size_t>(r));
    bool off = rule_off(rules, c, r);
    const RuleVersionInfo* v = off ? nullptr : version_used(rules, c, r);
    return {{"outcome", off ? json(nullptr) : json(outcome_key(res.outcome))},
            {"reason", reason_key(off ? OutcomeReason::Disabled : res.reason)},
            {"version", v ? json(res.version) : json(nullptr)},
            {"cites", v ? json(v->cites) : json::array()},
            {"valid_from", v ? opt_date(v->valid_from) : json(nullptr)},
            {"valid_until", v ? opt_date(v->valid_until) : json(nullptr)}};
}

json steps_json(const RuleSet& rules, const CaseResult& c) {
    json out = json::object();
    for (size_t p = 0; p < c.processes.size() && p < rules.processes.size(); ++p) {
        const ProcessInfo& proc = rules.processes[p];
        auto name = [&](int s) { return s >= 0 && static_cast<size_t>(s) < proc.steps.size() ? json(proc.steps[static_cast<size_t>(s)].name) : json(nullptr); };
        json steps = json::object();
        for (size_t s = 0; s < c.processes[p].size() && s < proc.steps.size(); ++s) {
            const StepResult& r = c.processes[p][s];
            bool missing = r.status == StepStatus::Missing;
            steps[proc.steps[s].name] = {{"status", step_status_key(r.status)},
                                         {"date", opt_date(r.date)},
                                         {"root_cause", missing ? json(r.root_cause < 0) : json(nullptr)},
                                         {"caused_by", missing ? name(r.root_cause) : json(nullptr)},
                                         {"days_late", r.status == StepStatus::Late ? json(r.days_late) : json(nullptr)},
                                         {"before", r.status == StepStatus::OutOfOrder ? name(r.before_step) : json(nullptr)}};
        }
        out[proc.name] = steps;
    }
    return out;
}

json case_json(const RuleSet& rules, const CaseResult& c) {
    json rule_map = json::object();
    for (size_t r = 0; r < rules.rules.size(); ++r)
        rule_map[rules.rules[r].id] = rule_result_json(rules, c, static_cast<int>(r));
    json questions = json::object();
    for (const QuestionInfo& q : rules.questions) {
        const auto answer = case_answer(q, rules, c);
        questions[q.number] = answer ? json(outcome_key(*answer)) : json(nullptr);
    }
    return {{"id", c.id}, {"file", c.file}, {"line", c.line}, {"unit", opt_string(c.unit)},
            {"rules", rule_map}, {"questions", questions}, {"steps", steps_json(rules, c)}};
}

std::string json_quoted(std::string_view s) {
    std::string out;
    append_json_string(out, s);
    return out;
}

void append_number(std::string& out, int64_t n) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
}

void append_date(std::string& out, const std::optional<Date>& d) {
    if (d) append_json_string(out, format_date(*d));
    else out += "null";
}

// Whether some name occurs twice (an object would then keep one key for both).
bool repeats(const std::vector<std::string>& names) { return std::set<std::string>(names.begin(), names.end()).size() != names.size(); }

}  // namespace

std::string json_case_by_reference(const RuleSet& rules, const CaseResult& c) { return dump(case_json(rules, c), -1); }

JsonCaseWriter::JsonCaseWriter(const RuleSet& rules) : rules_(rules) {
    std::vector<std::string> rule_ids, numbers, process_names;
    for (const RuleInfo& r : rules.rules) {
        rule_ids.push_back(r.id);
        rule_keys_.push_back(json_quoted(r.id) + ":{\"outcome\":");
        std::vector<std::string> tails;
        for (size_t v = 0; v < r.versions.size(); ++v) {
            const RuleVersionInfo& info = r.versions[v];
            json rest = {{"version", static_cast<int>(v)}, {"cites", info.cites}, {"valid_from", opt_date(info.valid_from)},
                         {"valid_until", opt_date(info.valid_until)}};
            tails.push_back("," + dump(rest, -1).substr(1));  // from `"version"` to the closing brace
        }
        version_tails_.push_back(std::move(tails));
    }
    for (const QuestionInfo& q : rules.questions) {
        numbers.push_back(q.number);
        question_keys_.push_back(json_quoted(q.number) + ":");
    }
    for (const ProcessInfo& p : rules.processes) {
        process_names.push_back(p.name);
        process_keys_.push_back(json_quoted(p.name) + ":{");
        std::vector<std::string> keys, names, step_names;
        for (const StepInfo& st : p.steps) {
            step_names.push_back(st.name);
            keys.push_back(json_quoted(st.name) + ":{\"status\":");
            names.push_back(json_quoted(st.name));
        }
        by_reference_ = by_reference_ || repeats(step_names);
        step_keys_.push_back(std::move(keys));
        step_names_.push_back(std::move(names));
    }
    by_reference_ = by_reference_ || repeats(rule_ids) || repeats(numbers) || repeats(process_names);
}

void JsonCaseWriter::write(std::string& out, const CaseResult& c) const {
    if (by_reference_) {
        out += json_case_by_reference(rules_, c);
        return;
    }
    out += "{\"id\":";
    append_json_string(out, c.id);
    out += ",\"file\":";
    append_json_string(out, c.file);
    out += ",\"line\":";
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, c.line).ptr);
    out += ",\"unit\":";
    if (c.unit.empty()) out += "null";
    else append_json_string(out, c.unit);
    write_rules(out, c);
    out += ",\"questions\":{";
    for (size_t q = 0; q < rules_.questions.size(); ++q) {
        if (q) out += ',';
        out += question_keys_[q];
        const auto answer = case_answer(rules_.questions[q], rules_, c);
        if (answer) (out += '"') += outcome_key(*answer), out += '"';
        else out += "null";
    }
    out += '}';
    write_steps(out, c);
    out += '}';
}

void JsonCaseWriter::write_rules(std::string& out, const CaseResult& c) const {
    static const std::string kNoVersion = ",\"version\":null,\"cites\":[],\"valid_from\":null,\"valid_until\":null}";
    out += ",\"rules\":{";
    for (size_t r = 0; r < rules_.rules.size(); ++r) {
        const RuleResult& res = c.rules.at(r);
        const bool off = rule_off(rules_, c, static_cast<int>(r));
        if (r) out += ',';
        out += rule_keys_[r];
        if (off) out += "null";
        else (out += '"') += outcome_key(res.outcome), out += '"';
        ((out += ",\"reason\":\"") += reason_key(off ? OutcomeReason::Disabled : res.reason)) += '"';
        const bool versioned = !off && res.version >= 0 && static_cast<size_t>(res.version) < version_tails_[r].size();
        out += versioned ? version_tails_[r][static_cast<size_t>(res.version)] : kNoVersion;
    }
    out += '}';
}

void JsonCaseWriter::write_steps(std::string& out, const CaseResult& c) const {
    out += ",\"steps\":{";
    for (size_t p = 0; p < c.processes.size() && p < rules_.processes.size(); ++p) {
        if (p) out += ',';
        out += process_keys_[p];
        const auto& names = step_names_[p];
        auto name = [&](int s) {
            if (s >= 0 && static_cast<size_t>(s) < names.size()) out += names[static_cast<size_t>(s)];
            else out += "null";
        };
        for (size_t s = 0; s < c.processes[p].size() && s < names.size(); ++s) {
            const StepResult& r = c.processes[p][s];
            const bool missing = r.status == StepStatus::Missing;
            if (s) out += ',';
            ((out += step_keys_[p][s]) += '"') += step_status_key(r.status);
            out += "\",\"date\":";
            append_date(out, r.date);
            out += ",\"root_cause\":";
            out += missing ? (r.root_cause < 0 ? "true" : "false") : "null";
            out += ",\"caused_by\":";
            if (missing) name(r.root_cause);
            else out += "null";
            out += ",\"days_late\":";
            if (r.status == StepStatus::Late) append_number(out, r.days_late);
            else out += "null";
            out += ",\"before\":";
            if (r.status == StepStatus::OutOfOrder) name(r.before_step);
            else out += "null";
            out += '}';
        }
        out += '}';
    }
    out += '}';
}

void write_json(std::ostream& out, const Document& d) {
    std::string head = dump(header_json(d), 2);
    if (d.totals_only) {
        out << head << '\n';
        return;
    }
    head.erase(head.size() - 2);  // the closing "\n}"
    out << head << ",\n  \"cases\": [";
    const bool none = d.spooled ? d.spooled->cases == 0 : d.cases.empty();
    if (d.spooled) {
        d.spooled->rows.copy_to(out);
    } else {
        const JsonCaseWriter writer(d.rules);
        std::string line;
        for (size_t k = 0; k < d.cases.size(); ++k) {
            line.assign(k ? ",\n    " : "\n    ");
            writer.write(line, d.cases[k]);
            out << line;
        }
    }
    out << (none ? "]" : "\n  ]") << "\n}\n";
}

void write_json_explain(std::ostream& out, const RuleSet& rules, const CaseResult& c,
                        const std::vector<int>& rule_indices) {
    auto numbers = questions_by_rule(rules);
    json list = json::array();
    for (int r : rule_indices) {
        json j = rule_result_json(rules, c, r);
        json entry = {{"id", rules.rules.at(static_cast<size_t>(r)).id}, {"questions", numbers.at(static_cast<size_t>(r))}};
        for (auto& [key, value] : j.items()) entry[key] = value;
        json trace = json::array();
        if (static_cast<size_t>(r) < c.traces.size())
            for (const TraceLine& line : c.traces[static_cast<size_t>(r)].lines)
                trace.push_back({{"depth", line.depth}, {"text", line.text}, {"value", line.value}});
        entry["trace"] = trace;
        if (static_cast<size_t>(r) < c.traces.size() && !c.traces[static_cast<size_t>(r)].bound_findings.empty()) {
            json failing = json::array();
            for (const BoundFinding& f : c.traces[static_cast<size_t>(r)].bound_findings) {
                json events = json::array();
                events.push_back({{"type", rules.schema.event_types().at(static_cast<size_t>(f.event_type)).name}, {"date", format_date(f.date)}});
                if (f.next_type >= 0)
                    events.push_back({{"type", rules.schema.event_types().at(static_cast<size_t>(f.next_type)).name},
                                      {"date", format_date(f.next_date)}});
                failing.push_back({{"names", f.names}, {"condition", f.condition}, {"events", events}, {"value", f.unknown ? "unknown" : "false"}});
            }
            entry["failing_events"] = failing;
        }
        list.push_back(entry);
    }
    json top = {{"format", kJsonExplainFormat}, {"case", {{"id", c.id}, {"file", c.file}, {"line", c.line}, {"unit", opt_string(c.unit)}}},
                {"rules", list}, {"steps", steps_json(rules, c)}};
    out << dump(top, 2) << '\n';
}

}  // namespace aktkoll::report::detail
