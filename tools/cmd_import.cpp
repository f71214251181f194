// aktkoll import --mapping MAP.toml EXPORT.csv: a case-management system's
// CSV export -> contract NDJSON (case-export/1). Wiring only; the mapping,
// CSV reading and conversion live in input/import_csv.
#include <iostream>
#include <sstream>

#include <fmt/core.h>

#include "input/import_csv.hpp"
#include "tools/review_cli.hpp"
#include "tools/cli.hpp"
#include "tools/output.hpp"

namespace aktkoll::cli {

CommandSpec import_spec() {
    return {"import",
            "aktkoll import --mapping MAPPNING.toml [flaggor] UTTAG.csv",
            "Gör om ett CSV-uttag från verksamhetssystemet till exportformatet (NDJSON)",
            "Convert a CSV export from the case-management system to the export format (NDJSON)",
            {
                {"--mapping", true, "TOML-fil som säger hur kolumnerna blir fall och händelser (docs/import.md)",
                 "TOML file saying how the columns become cases and events (docs/import.md)"},
                {"--output", true, "skriv NDJSON till FIL (atomärt) i stället för standard ut",
                 "write the NDJSON to FILE (atomically) instead of standard output"},
                {"--strict", false, "en enda avvisad rad stoppar importen (ingen utdata skrivs)",
                 "a single rejected row stops the import (no output is written)"},
            }};
}

int run_import(const Args& args) {
    if (has_workbook(args)) return import_workbook(args);  // aktkoll import RULES granskning.xlsx [EXPORT...]
    const Lang lang = args.lang;
    const auto mapping_path = args.value("--mapping");
    if (args.positional.size() != 1 || !mapping_path) {
        std::cerr << tr(lang, "aktkoll import: ange --mapping MAPPNING.toml och en CSV-fil\n",
                        "aktkoll import: give --mapping MAPPING.toml and one CSV file\n");
        print_help(import_spec(), lang);
        return kExitErrors;
    }
    const std::string& csv = args.positional.front();
    const auto mapping = importer::load_mapping(*mapping_path, lang);
    if (!mapping.mapping) {
        std::cerr << importer::describe(mapping, lang);
        return kExitErrors;
    }
    // Buffered so that --strict can withhold everything.
    std::ostringstream ndjson;
    const importer::ImportResult result = importer::convert_csv(csv, *mapping.mapping, ndjson);
    if (result.failure) {
        std::cerr << "aktkoll import: " << importer::describe(*result.failure, csv, *mapping_path, lang) << "\n";
        return kExitErrors;
    }
    for (const auto& r : result.rejections) std::cerr << importer::describe(r, csv, lang) << "\n";
    for (const auto& d : result.dropped) std::cerr << importer::describe(d, csv, lang) << "\n";
    std::cerr << "aktkoll import: " << importer::describe(result.summary, lang) << "\n";
    const bool rejected = result.summary.rejected > 0;
    if (rejected && args.has("--strict")) {
        std::cerr << tr(lang, "aktkoll import: --strict: ingen utdata skrevs\n", "aktkoll import: --strict: no output was written\n");
        return kExitErrors;
    }
    if (!write_output(args.value("--output"), lang, [&](std::ostream& out) { out << ndjson.str() << std::flush; },
                      "aktkoll import"))
        return kExitErrors;
    return rejected ? kExitErrors : kExitOk;
}

}  // namespace aktkoll::cli
