// aktkoll validate: reads case exports against the generic contract and
// lists every record that cannot be read.
#include <iostream>

#include <fmt/core.h>

#include "input/case_files.hpp"
#include "input/case_stream.hpp"
#include "input/unknown_names.hpp"
#include "intake/sample.hpp"
#include "tools/rules_cli.hpp"
#include "tools/review_cli.hpp"

namespace aktkoll::cli {

CommandSpec validate_spec() {
    return {
        "validate",
        "aktkoll validate [flaggor] [REGLER] FIL...",
        "kontrollera att akter följer exportformatet case-export/1",
        "check that case files follow the export format case-export/1",
        {
            {"--mapping", true, "TOML-fil för att läsa .csv-uttag (docs/import.md)", "TOML file to read .csv exports with (docs/import.md)"},
            {"--unit", true, "urval som i check: räkna ärenden från andra enheter som utanför; 'unit' ska då vara en sträng (kan upprepas)", "selection as in check: count cases of other units as outside; 'unit' must then be a string (repeatable)"},
            {"--case", true, "urval som i check: räkna andra ärenden som utanför (kan upprepas)", "selection as in check: count other cases as outside (repeatable)"},
            {"--period", true, "FRÅN..TILL: urval som i check: ärenden utan händelse i perioden räknas som utanför", "FROM..TO: selection as in check: cases without an event in the period count as outside"},
        },
    };
}

int run_validate(const Args& args) {
    if (has_workbook(args)) return validate_workbook(args);  // aktkoll validate RULES granskning.xlsx [EXPORT...]
    const Lang lang = args.lang;
    if (args.positional.empty()) {
        fmt::print(stderr, "{}", tr(lang, "aktkoll validate: ange minst en fil (se --help)\n",
                                    "aktkoll validate: give at least one file (see --help)\n"));
        return kExitErrors;
    }
    auto selection = selection_from(args);
    if (!selection) return kExitErrors;
    // With rules first, the records are read against their vocabulary (as
    // check reads them), and names close to a vocabulary name are warned of.
    const Inputs in = split_inputs(args.positional);
    std::optional<RuleSet> rules;
    if (!in.rules.empty() && !(rules = load_rules(in.rules, args, true))) return kExitErrors;
    if (in.cases.empty()) {
        fmt::print(stderr, "{}", tr(lang, "aktkoll validate: ange minst en fil (se --help)\n",
                                    "aktkoll validate: give at least one file (see --help)\n"));
        return kExitErrors;
    }
    CaseFiles opened;
    const auto files = opened.open(in.cases, {args.value("--mapping"), lang}, std::cerr);
    if (!files) return kExitErrors;
    // --unit needs the attribute read: then it must be a string, as sample reads it.
    const Schema schema = rules ? rules->schema : selection->units.empty() ? Schema() : sample_schema();
    CaseStream stream(*files, schema, *selection);
    Case c;
    while (stream.next(c)) {
        // reading is the check: the stream's report has the counts and rejections
    }
    const ReadReport& report = stream.report();
    for (const auto& e : report.rejected) fmt::print("{}\n", describe(e, lang));
    for (const auto& m : misspelt_names(report.unknown_names, schema)) fmt::print("{}\n", describe(m, lang));
    const ReadStats& total = report.stats;
    fmt::print(fmt::runtime(tr(lang, "filer: {}, poster: {}, inlästa fall: {}, händelser: {}, avvisade: {}",
                               "files: {}, records: {}, cases read: {}, events: {}, rejected: {}")),
               in.cases.size(), total.lines, total.cases, total.events, total.rejected);
    if (!selection->empty())
        fmt::print(fmt::runtime(tr(lang, ", utanför urvalet: {}", ", outside the selection: {}")), report.outside_selection);
    fmt::print("\n");
    return report.rejected.empty() ? kExitOk : kExitErrors;
}

}  // namespace aktkoll::cli
