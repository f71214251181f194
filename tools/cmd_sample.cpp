// aktkoll sample CASES... --n N [--seed S]: a reproducible random sample of
// case ids for manual review (egenkontroll, audit samples).
#include <charconv>
#include <iostream>
#include <random>
#include <sstream>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "intake/sample.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec sample_spec() {
    return {"sample",
            "aktkoll sample [flaggor] ÄRENDEN... --n N",
            "Slumpmässigt urval av ärenden för manuell granskning (återskapbart med --seed)",
            "A random sample of cases for manual review (reproducible with --seed)",
            {
                {"--n", true, "antal ärenden i urvalet", "number of cases in the sample"},
                {"--seed", true, "frö (heltal 0..2^64-1); utan det dras ett och skrivs ut", "seed (whole number 0..2^64-1); without it one is drawn and printed"},
                {"--stratify", true, "unit: fördela urvalet på enheter i proportion till deras storlek", "unit: spread the sample over units in proportion to their size"},
                {"--period", true, "FRÅN..TILL: bara ärenden med någon händelse i perioden", "FROM..TO: only cases with an event in the period"},
                {"--unit", true, "bara ärenden från enheten (kan upprepas)", "only cases of the unit (repeatable)"},
                {"--case", true, "bara ärendet ID (kan upprepas)", "only the case ID (repeatable)"},
                {"--mapping", true, "TOML-fil för att läsa .csv-uttag (docs/import.md)", "TOML file to read .csv exports with (docs/import.md)"},
                {"--rules", true, "läs ärendena med reglernas schema (mapp eller .akt, kan upprepas)", "read the cases with the rules' schema (folder or .akt, repeatable)"},
                {"--format", true, "text eller json (standard text)", "text or json (default text)"},
                {"--output", true, "skriv urvalet till FIL (atomärt)", "write the sample to FILE (atomically)"},
            }};
}

namespace {

template <typename T>
std::optional<T> whole_number(const std::string& s) {
    T v{};
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

void write_text(std::ostream& out, const Sample& s, const Population& pop, const std::string& period, Lang lang) {
    out << fmt::format(fmt::runtime(tr(lang, "# urval: seed {}, n {} av {} ärenden", "# sample: seed {}, n {} of {} cases")),
                       s.seed, s.chosen.size(), s.population);
    if (s.chosen.size() < s.requested)
        out << fmt::format(fmt::runtime(tr(lang, " (begärt {}: alla togs)", " ({} asked: all taken)")), s.requested);
    if (!period.empty()) out << fmt::format(fmt::runtime(tr(lang, ", period {}", ", period {}")), period);
    if (!s.strata.empty()) out << tr(lang, ", stratifierat per enhet", ", stratified by unit");
    out << '\n';
    for (const Stratum& st : s.strata)
        out << fmt::format(fmt::runtime(tr(lang, "# enhet {}: {} av {}", "# unit {}: {} of {}")),
                           st.unit.empty() ? tr(lang, "(ingen)", "(none)") : st.unit, st.drawn, st.population)
            << '\n';
    for (size_t i : s.chosen) out << pop.cases[i].id << '\n';
}

void write_json(std::ostream& out, const Sample& s, const Population& pop, const std::string& period) {
    nlohmann::ordered_json j;
    j["format"] = "aktkoll-sample/1";
    j["seed"] = std::to_string(s.seed);  // a string: 64-bit integers lose digits in many JSON readers
    j["n"] = s.chosen.size();
    j["requested"] = s.requested;
    j["population"] = s.population;
    j["period"] = period.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(period);
    j["stratified_by"] = s.strata.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json("unit");
    j["strata"] = nlohmann::ordered_json::array();
    for (const Stratum& st : s.strata)
        j["strata"].push_back({{"unit", st.unit}, {"population", st.population}, {"n", st.drawn}});
    j["cases"] = nlohmann::ordered_json::array();
    for (size_t i : s.chosen) j["cases"].push_back({{"id", pop.cases[i].id}, {"unit", pop.cases[i].unit}});
    out << j.dump(2) << '\n';
}

}  // namespace

int run_sample(const Args& args) {
    const Lang lang = args.lang;
    auto fail = [&](const std::string& message) {
        std::cerr << "aktkoll sample: " << message << '\n';
        return kExitErrors;
    };
    if (args.positional.empty()) {
        std::cerr << tr(lang, "aktkoll sample: ange minst en ärendefil\n", "aktkoll sample: give at least one case file\n");
        print_help(sample_spec(), lang);
        return kExitErrors;
    }
    auto n_text = args.value("--n");
    auto n = n_text ? whole_number<size_t>(*n_text) : std::nullopt;
    if (!n || *n == 0)
        return fail(n_text ? fmt::format(fmt::runtime(tr(lang, "--n ska vara ett positivt heltal, inte '{}'", "--n takes a positive whole number, not '{}'")), *n_text)
                           : std::string(tr(lang, "ange urvalets storlek med --n", "give the sample size with --n")));
    uint64_t seed = 0;
    if (auto s = args.value("--seed")) {
        auto parsed = whole_number<uint64_t>(*s);
        if (!parsed) return fail(fmt::format(fmt::runtime(tr(lang, "--seed ska vara ett heltal 0..18446744073709551615, inte '{}'",
                                                              "--seed takes a whole number 0..18446744073709551615, not '{}'")), *s));
        seed = *parsed;
    } else {
        std::random_device rd;
        seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
        std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll sample: slumpat frö {} (ange --seed {} för att dra samma urval igen)\n",
                                                 "aktkoll sample: drew the seed {} (give --seed {} to draw the same sample again)\n")),
                                 seed, seed);
    }
    bool stratify = false;
    if (auto by = args.value("--stratify")) {
        if (*by != "unit") return fail(fmt::format(fmt::runtime(tr(lang, "--stratify kan bara vara 'unit', inte '{}'", "--stratify can only be 'unit', not '{}'")), *by));
        stratify = true;
    }
    std::string format = args.value("--format").value_or("text");
    if (format != "text" && format != "terminal" && format != "json")
        return fail(fmt::format(fmt::runtime(tr(lang, "okänt format '{}' (text, json)", "unknown format '{}' (text, json)")), format));
    auto selection = selection_from(args);
    if (!selection) return kExitErrors;

    Schema schema = sample_schema();
    if (args.has("--rules")) {
        auto rules = load_rules(resolve_packs(args.all("--rules")), args, true);
        if (!rules) return kExitErrors;
        schema = rules->schema;
        if (stratify && schema.case_attr("unit") == kNoSlot)
            return fail(tr(lang, "reglernas schema har inget attribut 'unit' att stratifiera efter",
                           "the rules' schema has no attribute 'unit' to stratify by"));
    }
    CaseFiles opened;
    const auto files = opened.open(args.positional, {args.value("--mapping"), lang}, std::cerr);
    if (!files) return kExitErrors;
    const Population pop = read_population(*files, schema, *selection);
    for (const ReadError& e : pop.read.rejected) std::cerr << describe(e, lang) << '\n';
    Sample sample = draw_sample(pop.cases, *n, seed, stratify);

    const std::string period = args.value("--period").value_or("");
    auto write = [&](std::ostream& out) {
        if (format == "json") write_json(out, sample, pop, period);
        else write_text(out, sample, pop, period, lang);
    };
    if (!write_output(args.value("--output"), lang, write, "aktkoll sample")) return kExitErrors;
    if (!pop.read.rejected.empty()) {
        std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll sample: {} poster avvisades och ingår inte i populationen\n",
                                                 "aktkoll sample: {} records were rejected and are not in the population\n")),
                                 pop.read.rejected.size());
        return kExitErrors;
    }
    return kExitOk;
}

}  // namespace aktkoll::cli
