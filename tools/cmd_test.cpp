// aktkoll test PACK...: runs the worked examples in PACK/tests/*.ndjson.
#include <iostream>

#include <fmt/core.h>

#include "authoring/coverage.hpp"
#include "authoring/pack_tests.hpp"
#include "report/coverage.hpp"
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

int run_test(const Args& args) {
    if (args.positional.empty()) {
        print_help(test_spec(), args.lang);
        return kExitErrors;
    }
    const Lang lang = args.lang;
    size_t passed = 0, failed = 0, broken = 0;
    bool below_minimum = false;
    for (const auto& pack_path : resolve_packs(args.positional)) {
        auto rules = load_rules({pack_path}, args, true);
        if (!rules) return kExitErrors;
        std::vector<std::string> errors;
        auto tests = read_pack_tests(pack_path, errors, lang);
        for (const auto& e : errors) std::cout << fmt::format(fmt::runtime(tr(lang, "FEL I EXEMPEL {}\n", "BROKEN EXAMPLE {}\n")), e);
        broken += errors.size();
        if (tests.empty() && errors.empty())
            std::cout << fmt::format(fmt::runtime(tr(lang, "{}: inga exempel i {}/tests\n", "{}: no examples in {}/tests\n")), pack_path,
                                     pack_path);
        const Date today = evaluation_date();
        auto results = run_pack_tests(tests, *rules, {pack_path}, today, lang);
        if (args.has("--coverage")) {
            report::Options opt;
            opt.lang = lang;
            if (args.value("--format") == std::optional<std::string>("json")) opt.format = report::Format::Json;
            const CoverageReport coverage = measure_coverage(*rules, tests, results, today);
            report::write_coverage(std::cout, pack_path, coverage, opt);
            if (auto min = args.value("--min")) {
                double threshold = 0;
                try {
                    threshold = std::stod(*min);
                } catch (...) {
                    std::cerr << tr(lang, "aktkoll test: --min tar ett tal (procent)\n", "aktkoll test: --min takes a number (percent)\n");
                    return kExitErrors;
                }
                if (coverage.percent() < threshold) below_minimum = true;
            }
        }
        for (const auto& t : tests)
            for (const auto& w : misspelt_in_example(t, rules->schema, lang))
                std::cout << fmt::format(fmt::runtime(tr(lang, "VARNING I EXEMPEL {}:{} \"{}\": {}\n", "WARNING IN EXAMPLE {}:{} \"{}\": {}\n")),
                                         t.file, t.line, t.name, w);
        for (const auto& r : results) {
            const PackTest& t = *r.test;
            if (!r.error.empty()) {
                ++broken;
                std::cout << fmt::format(fmt::runtime(tr(lang, "FEL I EXEMPEL {}:{} \"{}\": {}\n", "BROKEN EXAMPLE {}:{} \"{}\": {}\n")),
                                         t.file, t.line, t.name, r.error);
                continue;
            }
            if (r.failures.empty()) {
                ++passed;
                if (args.has("--verbose"))
                    std::cout << fmt::format(fmt::runtime(tr(lang, "ok   {}:{} \"{}\"\n", "ok   {}:{} \"{}\"\n")), t.file, t.line, t.name);
                continue;
            }
            ++failed;
            for (const auto& [rule, outcomes] : r.failures)
                std::cout << fmt::format(fmt::runtime(tr(lang, "UNDERKÄND {}:{} \"{}\": {} väntade {}, fick {} (ärende {})\n",
                                                         "FAILED {}:{} \"{}\": {} expected {}, got {} (case {})\n")),
                                         t.file, t.line, t.name, rule, outcome_key(outcomes.first),
                                         outcome_key(outcomes.second), t.case_id);
        }
    }
    std::cout << fmt::format(fmt::runtime(tr(lang, "{} godkända, {} underkända, {} trasiga exempel\n",
                                             "{} passed, {} failed, {} broken examples\n")),
                             passed, failed, broken);
    if (broken) return kExitErrors;
    if (below_minimum)
        std::cerr << tr(lang, "aktkoll test: täckningen är lägre än --min\n", "aktkoll test: the coverage is below --min\n");
    return failed || below_minimum ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
