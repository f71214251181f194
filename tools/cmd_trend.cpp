// aktkoll trend HISTORY.db: each question's share over the stored periods and
// the cases whose answer changed between two periods.
#include <iostream>

#include <fmt/core.h>

#include "report/report.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec trend_spec() {
    return {"trend",
            "aktkoll trend [flaggor] HISTORIK.db",
            "Trend över sparade perioder (check --save): andel Ja av bedömda per fråga och ändrade svar",
            "Trend over stored periods (check --save): share Yes of assessed per question and changed answers",
            {
                {"--format", true, "terminal, md, json eller html (standard terminal)", "terminal, md, json or html (default terminal)"},
                {"--from", true, "jämför från perioden ETIKETT (standard: den näst senaste)", "compare from the period LABEL (default: the one before the latest)"},
                {"--to", true, "jämför till perioden ETIKETT (standard: den senaste)", "compare to the period LABEL (default: the latest)"},
                {"--output", true, "skriv till FIL (atomärt) i stället för standard ut", "write to FILE (atomically) instead of standard output"},
                {"--color", false, "färg även när utdata inte är en terminal", "colour even when output is not a terminal"},
            }};
}

int run_trend(const Args& args) {
    const Lang lang = args.lang;
    if (args.positional.size() != 1) {
        std::cerr << tr(lang, "aktkoll trend: ange en historikfil (från check --save)\n",
                        "aktkoll trend: give one history file (from check --save)\n");
        print_help(trend_spec(), lang);
        return kExitErrors;
    }
    report::Options opt;
    opt.lang = lang;
    if (auto f = args.value("--format")) {
        auto format = report::parse_format(*f);
        if (!format || *format == report::Format::Csv || *format == report::Format::Xlsx) {
            std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll trend: okänt format '{}' (terminal, md, json, html)\n",
                                                     "aktkoll trend: unknown format '{}' (terminal, md, json, html)\n")),
                                     *f);
            return kExitErrors;
        }
        opt.format = *format;
    }
    opt.color = opt.format == report::Format::Terminal && (args.has("--color") || (!args.has("--output") && stdout_is_tty()));
    TrendRequest request;
    request.from = args.value("--from").value_or("");
    request.to = args.value("--to").value_or("");
    Trend trend;
    if (std::string error = load_trend(args.positional[0], request, lang, trend); !error.empty()) {
        std::cerr << "aktkoll trend: " << error << '\n';
        return kExitErrors;
    }
    if (!write_output(args.value("--output"), lang, [&](std::ostream& out) { report::write_trend(out, trend, opt); },
                      "aktkoll trend"))
        return kExitErrors;
    return kExitOk;
}

}  // namespace aktkoll::cli
