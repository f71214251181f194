#include "run/merge.hpp"

#include <fstream>
#include <set>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace aktkoll {

using nlohmann::json;

namespace {

Counts counts_of(const json& c) {
    Counts out;
    for (Outcome o : kAllOutcomes) out.n[static_cast<size_t>(o)] = c.at(outcome_count_key(o)).get<uint64_t>();
    return out;
}

}  // namespace

std::optional<std::string> merge_partial(const std::string& path, const RuleSet& rules, MergedRun& merged, Lang lang) {
    auto fail = [&](const std::string& why) { return std::optional<std::string>(fmt::format("{}: {}", path, why)); };
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail(tr(lang, "kan inte läsa filen", "cannot read the file"));
    json doc = json::parse(in, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || doc.value("format", "") != "aktkoll-result/1")
        return fail(tr(lang, "inte ett delresultat (aktkoll-result/1 från check --partial)",
                       "not a partial result (aktkoll-result/1 from check --partial)"));
    try {
        // Same rule files, byte for byte, and the same parameter values.
        // Compared by content: the parts may have been run from other folders.
        std::multiset<std::string> expected, found;
        for (const auto& layer : rules.layers)
            for (const auto& file : layer.files) expected.insert(file.second);
        for (const auto& layer : doc.at("pack").at("layers"))
            for (const auto& f : layer.at("files")) found.insert(f.at("sha256").get<std::string>());
        if (expected != found)
            return fail(tr(lang, "delresultatet är gjort med andra regelfiler än de angivna", "the part was made with other rule files than those given"));
        for (const auto& p : doc.at("parameters")) {
            const std::string name = p.at("name").get<std::string>();
            auto it = std::find_if(rules.params.begin(), rules.params.end(), [&](const ParamInfo& x) { return x.name == name; });
            if (it == rules.params.end() || it->value != p.at("value").get<std::string>())
                return fail(fmt::format(fmt::runtime(tr(lang, "parametern '{}' har ett annat värde än i de angivna reglerna",
                                                        "the parameter '{}' has another value than in the rules given")),
                                        name));
        }
        // The same input counted twice would double its cases: a part given
        // twice, or two parts over the same file, is refused by content hash.
        std::vector<std::pair<std::string, std::string>> inputs;
        for (const auto& f : doc.at("inputs")) {
            inputs.emplace_back(f.at("path").get<std::string>(), f.at("sha256").get<std::string>());
            for (const auto& [path, sha] : merged.run.input_files)
                if (sha == inputs.back().second)
                    return fail(fmt::format(fmt::runtime(tr(lang, "indatafilen {} ingår redan i ett tidigare delresultat (samma SHA-256 som {}): samma del två gånger?",
                                                            "the input {} is already in an earlier part (the same SHA-256 as {}): the same part twice?")),
                                            inputs.back().first, path));
        }
        Totals part;
        part.per_rule.resize(rules.rules.size());
        part.per_question.resize(rules.questions.size());
        for (const auto& r : doc.at("rules")) {
            int i = rules.rule_index(r.at("id").get<std::string>());
            if (i < 0) return fail(tr(lang, "delresultatet har en regel som saknas i reglerna", "the part has a rule the rules lack"));
            part.per_rule[static_cast<size_t>(i)] = counts_of(r.at("counts"));
        }
        const auto& questions = doc.at("questions");
        if (questions.size() != rules.questions.size())
            return fail(tr(lang, "delresultatet har andra frågor (kördes det med --question?)", "the part has other questions (was it run with --question?)"));
        for (size_t q = 0; q < questions.size(); ++q) {
            if (questions[q].at("number").get<std::string>() != rules.questions[q].number)
                return fail(tr(lang, "delresultatets frågor står i annan ordning", "the part's questions are in another order"));
            part.per_question[q] = counts_of(questions[q].at("counts"));
        }
        const auto& s = doc.at("summary");
        part.cases = s.at("evaluated_cases").get<uint64_t>();
        if (merged.totals.per_rule.empty()) {
            merged.totals.per_rule.resize(rules.rules.size());
            merged.totals.per_question.resize(rules.questions.size());
        }
        merged.totals += part;
        merged.run.input_files.insert(merged.run.input_files.end(), inputs.begin(), inputs.end());
        ReadStats& st = merged.run.stats;
        st.lines += s.at("records").get<uint64_t>();
        st.cases += s.at("cases").get<uint64_t>();
        st.events += s.at("events").get<uint64_t>();
        st.rejected += s.at("rejected").get<uint64_t>();
        st.blank_lines += s.at("blank_lines").get<uint64_t>();
        st.undeclared_events += s.at("undeclared_events").get<uint64_t>();
        ++merged.parts;
    } catch (const json::exception&) {
        return fail(tr(lang, "delresultatet saknar fält som krävs", "the part lacks required fields"));
    }
    return std::nullopt;
}

}  // namespace aktkoll
