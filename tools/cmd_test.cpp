// aktkoll test PACK...: runs the worked examples in PACK/tests/*.ndjson.
#include <iostream>
#include <optional>
#include <utility>

#include <fmt/core.h>

#include "authoring/coverage.hpp"
#include "authoring/pack_tests.hpp"
#include "report/coverage.hpp"
#include "tools/example_results.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec test_spec() {
    return {"test",
            "aktkoll test [flaggor] PAKET...",
            "Kör regelpaketets egna exempel (PAKET/tests/*.ndjson)",
            "Run the rule pack's own examples (PACK/tests/*.ndjson)",
            {
                {"--verbose", false, "visa varje exempel", "show every example"},
                {"--coverage", false, "visa vilka utfall och villkor exemplen prövar", "show which outcomes and conditions the examples exercise"},
                {"--format", true, "för --coverage: terminal eller json", "for --coverage: terminal or json"},
                {"--min", true, "för --coverage: lägsta täckning i procent; under den avslutas med kod 1", "for --coverage: the least coverage in percent; below it the exit code is 1"},
            }};
}

namespace {

// The least coverage from --min, or nullopt (with a message) when it is no number.
std::optional<double> minimum_from(const Args& args, bool& bad) {
    auto min = args.value("--min");
    if (!min) return std::nullopt;
    try {
        size_t used = 0;
        double v = std::stod(*min, &used);
        if (used == min->size()) return v;
    } catch (...) {
    }
    std::cerr << tr(args.lang, "aktkoll test: --min tar ett tal (procent)\n", "aktkoll test: --min takes a number (percent)\n");
    bad = true;
    return std::nullopt;
}

}  // namespace

int run_test(const Args& args) {
    if (args.positional.empty()) {
        print_help(test_spec(), args.lang);
        return kExitErrors;
    }
    const Lang lang = args.lang;
    const auto format = args.value("--format");
    if (format && *format != "terminal" && *format != "json") {
        std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: okänt format '{}' (terminal, json)\n",
                                                 "aktkoll: unknown format '{}' (terminal, json)\n")),
                                 *format);
        return kExitErrors;
    }
    const bool json = format == std::optional<std::string>("json");
    if (json && !args.has("--coverage")) {
        std::cerr << tr(lang, "aktkoll test: --format json gäller --coverage\n", "aktkoll test: --format json is for --coverage\n");
        return kExitErrors;
    }
    bool bad_min = false;
    const auto minimum = minimum_from(args, bad_min);
    if (bad_min) return kExitErrors;
    // With JSON on standard output, the lines for people go to standard error.
    std::ostream& human = json ? std::cerr : std::cout;
    size_t passed = 0, failed = 0, broken = 0;
    bool below_minimum = false;
    std::vector<std::pair<std::string, CoverageReport>> coverages;
    for (const auto& pack_path : resolve_packs(args.positional)) {
        auto rules = load_rules({pack_path}, args, true);
        if (!rules) return kExitErrors;
        std::vector<std::string> errors;
        auto tests = read_pack_tests(pack_path, errors, lang);
        if (tests.empty() && errors.empty())
            human << fmt::format(fmt::runtime(tr(lang, "{}: inga exempel i {}/tests\n", "{}: no examples in {}/tests\n")), pack_path,
                                 pack_path);
        const Date today = evaluation_date();
        auto results = run_pack_tests(tests, *rules, {pack_path}, today, lang);
        if (args.has("--coverage")) {
            CoverageReport coverage = measure_coverage(*rules, tests, results);
            if (minimum && coverage.percent() < *minimum) below_minimum = true;
            if (json) {
                coverages.emplace_back(pack_path, std::move(coverage));
            } else {
                report::Options opt;
                opt.lang = lang;
                report::write_coverage(std::cout, pack_path, coverage, opt);
            }
        }
        for (const auto& t : tests)
            for (const auto& w : misspelt_in_example(t, rules->schema, lang))
                human << fmt::format(fmt::runtime(tr(lang, "VARNING I EXEMPEL {}:{} \"{}\": {}\n", "WARNING IN EXAMPLE {}:{} \"{}\": {}\n")),
                                     t.file, t.line, t.name, w);
        const ExampleTally n = write_example_results(human, errors, results, args.has("--verbose"), lang);
        passed += n.passed;
        failed += n.failed;
        broken += n.broken;
    }
    if (json) report::write_coverage_json(std::cout, coverages);
    human << fmt::format(fmt::runtime(tr(lang, "{} godkända, {} underkända, {} trasiga exempel\n",
                                         "{} passed, {} failed, {} broken examples\n")),
                         passed, failed, broken);
    if (broken) return kExitErrors;
    if (below_minimum)
        std::cerr << tr(lang, "aktkoll test: täckningen är lägre än --min\n", "aktkoll test: the coverage is below --min\n");
    return failed || below_minimum ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
