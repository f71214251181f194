// aktkoll gen --cases N --seed S: a deterministic synthetic export.
#include <iostream>

#include <fmt/core.h>

#include "intake/generate.hpp"
#include "tools/cli.hpp"
#include "tools/output.hpp"

namespace aktkoll::cli {

CommandSpec gen_spec() {
    return {"gen",
            "aktkoll gen [flaggor]",
            "Skapa ett syntetiskt ärendeuttag (NDJSON) för prov och prestandamätning",
            "Generate a synthetic case export (NDJSON) for tests and benchmarks",
            {
                {"--cases", true, "antal ärenden (standard 1000)", "number of cases (default 1000)"},
                {"--seed", true, "frö; samma frö ger samma fil (standard 1)", "seed; the same seed gives the same file (default 1)"},
                {"--bad", true, "andel avsiktligt felaktiga poster, 0–1 (standard 0)", "share of deliberately bad records, 0–1 (default 0)"},
                {"--output", true, "skriv till FIL i stället för standard ut", "write to FILE instead of standard output"},
            }};
}

int run_gen(const Args& args) {
    GenerateOptions o;
    try {
        if (auto v = args.value("--cases")) o.cases = std::stoull(*v);
        if (auto v = args.value("--seed")) o.seed = std::stoull(*v);
        if (auto v = args.value("--bad")) o.bad_fraction = std::stod(*v);
    } catch (...) {
        std::cerr << tr(args.lang, "aktkoll gen: --cases, --seed och --bad tar tal\n", "aktkoll gen: --cases, --seed and --bad take numbers\n");
        return kExitErrors;
    }
    if (o.bad_fraction < 0 || o.bad_fraction > 1) {
        std::cerr << tr(args.lang, "aktkoll gen: --bad ska vara mellan 0 och 1\n", "aktkoll gen: --bad must be between 0 and 1\n");
        return kExitErrors;
    }
    if (auto path = args.value("--output"))
        return write_file(*path, args.lang, [&](std::ostream& out) { generate_cases(out, o); }) ? kExitOk : kExitErrors;
    std::ios::sync_with_stdio(false);
    generate_cases(std::cout, o);
    return kExitOk;
}

}  // namespace aktkoll::cli
