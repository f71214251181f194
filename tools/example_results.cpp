#include "tools/example_results.hpp"

#include <fmt/core.h>

namespace aktkoll::cli {

ExampleTally write_example_results(std::ostream& out, const std::vector<std::string>& errors,
                                   const std::vector<PackTestResult>& results, bool verbose, Lang lang) {
    ExampleTally n;
    n.broken = errors.size();
    for (const auto& e : errors) out << fmt::format(fmt::runtime(tr(lang, "FEL I EXEMPEL {}\n", "BROKEN EXAMPLE {}\n")), e);
    for (const auto& r : results) {
        const PackTest& t = *r.test;
        if (!r.error.empty()) {
            ++n.broken;
            out << fmt::format(fmt::runtime(tr(lang, "FEL I EXEMPEL {}:{} \"{}\": {}\n", "BROKEN EXAMPLE {}:{} \"{}\": {}\n")), t.file,
                               t.line, t.name, r.error);
            continue;
        }
        if (r.failures.empty()) {
            ++n.passed;
            if (verbose) out << fmt::format("ok   {}:{} \"{}\"\n", t.file, t.line, t.name);
            continue;
        }
        ++n.failed;
        for (const auto& [rule, outcomes] : r.failures)
            out << fmt::format(fmt::runtime(tr(lang, "UNDERKÄND {}:{} \"{}\": {} väntade {}, fick {} (ärende {})\n",
                                               "FAILED {}:{} \"{}\": {} expected {}, got {} (case {})\n")),
                               t.file, t.line, t.name, rule, outcome_key(outcomes.first), outcome_key(outcomes.second),
                               t.case_id);
    }
    return n;
}

}  // namespace aktkoll::cli
