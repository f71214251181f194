#include "authoring/pack_tests.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "engine/compile.hpp"
#include "engine/load.hpp"
#include "input/reader.hpp"
#include "input/unknown_names.hpp"

namespace aktkoll {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string param_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

void misspelt(const Schema& schema, int scope, const std::string& name, Lang lang, std::vector<std::string>& out) {
    const std::string near = nearest_vocabulary_name(schema, scope, name);
    if (near.empty()) return;
    out.push_back(fmt::format(fmt::runtime(tr(lang, "varning {}: {} finns inte i vokabulären; menade du '{}'?",
                                              "warning {}: {} is not in the vocabulary; did you mean '{}'?")),
                              "AK0430", describe_name(scope, name, scope >= 0 ? schema.event_types()[static_cast<size_t>(scope)].name : "", lang),
                              near));
}

}  // namespace

std::vector<std::string> misspelt_in_example(const PackTest& test, const Schema& schema, Lang lang) {
    std::vector<std::string> out;
    const json c = json::parse(test.case_json, nullptr, false);
    if (!c.is_object()) return out;
    for (const auto& [key, value] : c.items())
        if (key != "id" && key != "events" && schema.case_attr(key) == kNoSlot) misspelt(schema, kScopeCase, key, lang, out);
    if (!c.contains("events") || !c["events"].is_array()) return out;
    for (const auto& event : c["events"]) {
        if (!event.is_object() || !event.contains("type") || !event["type"].is_string()) continue;
        const std::string type_name = event["type"].get<std::string>();
        const int type = schema.event_type(type_name);
        if (type == kNoSlot) {
            misspelt(schema, kScopeEventType, type_name, lang, out);
            continue;
        }
        for (const auto& [key, value] : event.items())
            if (key != "type" && key != "date" && schema.event_attr(type, key) == kNoSlot)
                misspelt(schema, type, key, lang, out);
    }
    // A name misspelt in several events is said once.
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<PackTest> read_pack_tests(const std::string& pack_dir, std::vector<std::string>& errors, Lang lang) {
    std::vector<PackTest> tests;
    std::vector<std::string> files;
    std::error_code ec;
    const fs::path dir = fs::path(pack_dir) / "tests";
    if (fs::is_directory(dir, ec))
        for (const auto& e : fs::directory_iterator(dir, ec))
            if (e.path().extension() == ".ndjson") files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
        std::ifstream in(file, std::ios::binary);
        std::string text;
        uint64_t line = 0;
        while (std::getline(in, text)) {
            ++line;
            if (text.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto fail = [&](const std::string& why) { errors.push_back(fmt::format("{}:{}: {}", file, line, why)); };
            json j = json::parse(text, nullptr, false);
            if (j.is_discarded() || !j.is_object()) {
                fail(tr(lang, "ogiltig JSON", "invalid JSON"));
                continue;
            }
            if (!j.contains("case") || !j["case"].is_object() || !j.contains("expect") || !j["expect"].is_object()) {
                fail(tr(lang, "ett exempel behöver \"case\" (ett ärende) och \"expect\" (utfall per regel)",
                        "an example needs \"case\" (a case) and \"expect\" (outcome per rule)"));
                continue;
            }
            PackTest t;
            t.file = file;
            t.line = line;
            t.name = j.value("test", std::string{});
            t.case_json = j["case"].dump();
            if (j["case"].contains("id") && j["case"]["id"].is_string()) t.case_id = j["case"]["id"].get<std::string>();
            bool ok = true;
            for (const auto& [rule, outcome] : j["expect"].items()) {
                auto o = outcome.is_string() ? outcome_from_key(outcome.get<std::string>()) : std::nullopt;
                if (!o) {
                    fail(fmt::format(fmt::runtime(tr(lang, "väntat utfall för {} ska vara Ja, Nej, Et eller EB",
                                                     "the expected outcome of {} must be Ja, Nej, Et or EB")),
                                     rule));
                    ok = false;
                    break;
                }
                t.expect[rule] = *o;
            }
            if (j.contains("today")) {
                t.today = j["today"].is_string() ? parse_date(j["today"].get<std::string>()) : std::nullopt;
                if (!t.today) {
                    fail(tr(lang, "\"today\" ska vara ett datum ÅÅÅÅ-MM-DD", "\"today\" must be a date YYYY-MM-DD"));
                    continue;
                }
            }
            if (j.contains("params") && j["params"].is_object())
                for (const auto& [name, value] : j["params"].items()) t.params.push_back({name, param_text(value)});
            if (ok) tests.push_back(std::move(t));
        }
    }
    return tests;
}

std::vector<PackTestResult> run_pack_tests(const std::vector<PackTest>& tests, const RuleSet& base,
                                           const std::vector<std::string>& rule_paths, Date today, Lang lang) {
    std::vector<PackTestResult> results;
    std::map<std::string, std::optional<RuleSet>> variants;  // by parameter overrides
    RecordParser parser(base.schema);
    Case c;
    for (const auto& t : tests) {
        PackTestResult r;
        r.test = &t;
        const RuleSet* rules = &base;
        if (!t.params.empty()) {
            std::string key;
            for (const auto& p : t.params) key += p.name + "=" + p.value + ";";
            auto it = variants.find(key);
            if (it == variants.end()) {
                dsl::Diagnostics diags;
                dsl::SourceMap sources;
                it = variants.emplace(key, load_rule_set(rule_paths, t.params, diags, sources, lang)).first;
            }
            if (!it->second) {
                r.error = tr(lang, "exemplets parametrar kunde inte användas", "the example's parameters could not be applied");
                results.push_back(std::move(r));
                continue;
            }
            rules = &*it->second;
        }
        if (auto error = parser.parse(t.case_json, t.line, c)) {
            error->file = t.file;
            r.error = describe(*error, lang);
            results.push_back(std::move(r));
            continue;
        }
        r.result.id = std::string(c.id);
        const Date on = t.today.value_or(today);
        rules->compiled->evaluate(c, r.result, false, on);
        CaseResult scratch;  // the outcomes above come from the checking path itself
        r.seen.assign(rules->compiled->nodes.size(), 0);
        rules->compiled->evaluate(c, scratch, r.seen, on);
        for (const auto& [rule, expected] : t.expect) {
            int i = rules->rule_index(rule);
            if (i < 0) {
                std::vector<std::string> ids;
                for (const auto& x : rules->rules) ids.push_back(x.id);
                std::string hint = dsl::did_you_mean(rule, ids);
                r.error = fmt::format(fmt::runtime(tr(lang, "okänd regel '{}' i \"expect\"{}", "unknown rule '{}' in \"expect\"{}")), rule,
                                      hint.empty() ? "" : fmt::format(fmt::runtime(tr(lang, " (menade du '{}'?)", " (did you mean '{}'?)")), hint));
                break;
            }
            Outcome actual = r.result.rules[static_cast<size_t>(i)].outcome;
            if (actual != expected) r.failures.push_back({rule, {expected, actual}});
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace aktkoll
