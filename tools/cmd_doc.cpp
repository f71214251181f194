// aktkoll doc RULES: the rule pack as a document for lawyers (Markdown or HTML).
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "authoring/pack_tests.hpp"
#include "report/doc.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec doc_spec() {
    return {"doc",
            "aktkoll doc [flaggor] REGLER",
            "Reglerna som dokument för jurister: villkoren i ord, lagrum, parametrar, process och exempel",
            "The rules as a document for lawyers: conditions in words, citations, parameters, process and examples",
            {
                {"--format", true, "md eller html (standard md)", "md or html (default md)"},
                {"--output", true, "skriv dokumentet till FIL (atomärt) i stället för standard ut", "write the document to FILE (atomically) instead of standard output"},
                {"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"},
            }};
}

int run_doc(const Args& args) {
    if (args.positional.empty()) {
        print_help(doc_spec(), args.lang);
        return kExitErrors;
    }
    report::DocOptions opt;
    opt.lang = args.lang;
    opt.aktkoll_version = AKTKOLL_VERSION;
    if (auto f = args.value("--format")) {
        if (*f == "html") opt.format = report::DocFormat::Html;
        else if (*f == "md" || *f == "markdown") opt.format = report::DocFormat::Markdown;
        else {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänt format '{}' (md, html)\n",
                                                     "aktkoll: unknown format '{}' (md, html)\n")),
                                     *f);
            return kExitErrors;
        }
    }
    const std::vector<std::string> packs = resolve_packs(args.positional);
    auto rules = load_rules(packs, args, true);
    if (!rules) return kExitErrors;
    // The worked examples of the pack named on the command line (a base
    // pack's examples are written for its own parameter values).
    std::vector<PackTest> examples;
    std::error_code ec;
    for (const auto& path : packs) {
        if (!std::filesystem::is_directory(path, ec)) continue;
        std::vector<std::string> errors;
        auto tests = read_pack_tests(path, errors, args.lang);
        for (const auto& e : errors) std::cerr << "aktkoll: " << e << "\n";
        examples.insert(examples.end(), tests.begin(), tests.end());
    }
    return write_output(args.value("--output"), args.lang,
                        [&](std::ostream& out) { report::write_doc(out, *rules, examples, opt); })
               ? kExitOk
               : kExitErrors;
}

}  // namespace aktkoll::cli
