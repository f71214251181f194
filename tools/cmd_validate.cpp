// aktkoll validate: reads case exports against the generic contract and
// lists every record that cannot be read.
#include <fmt/core.h>

#include "input/reader.hpp"
#include "tools/review_cli.hpp"
#include "tools/cli.hpp"

namespace aktkoll::cli {

CommandSpec validate_spec() {
    return {
        "validate",
        "aktkoll validate [flaggor] FIL...",
        "kontrollera att akter följer exportformatet case-export/1",
        "check that case files follow the export format case-export/1",
        {},
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
    const Schema schema;
    DuplicateIds ids;
    Case c;
    std::vector<ReadError> errors;
    ReadStats total;
    bool any_error = false;
    for (const auto& path : args.positional) {
        CaseReader reader(path, schema, ids);
        for (;;) {
            const bool more = reader.next(c, errors);
            for (const auto& e : errors) {
                any_error = true;
                fmt::print("{}\n", describe(e, lang));
            }
            errors.clear();
            if (!more) break;
        }
        const ReadStats& s = reader.stats();
        total.lines += s.lines;
        total.cases += s.cases;
        total.events += s.events;
        total.rejected += s.rejected;
    }
    fmt::print(fmt::runtime(tr(lang, "filer: {}, poster: {}, inlästa fall: {}, händelser: {}, avvisade: {}\n",
                               "files: {}, records: {}, cases read: {}, events: {}, rejected: {}\n")),
               args.positional.size(), total.lines, total.cases, total.events, total.rejected);
    return any_error ? kExitErrors : kExitOk;
}

}  // namespace aktkoll::cli
