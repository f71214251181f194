// aktkoll lint RULES...: every diagnostic of the rule files; exit 2 on error.
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec lint_spec() {
    return {"lint",
            "aktkoll lint [flaggor] REGLER...",
            "Kontrollera regelfiler: syntax, namn, typer, versioner, processer och lager",
            "Check rule files: syntax, names, types, versions, processes and layers",
            {{"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"}}};
}

int run_lint(const Args& args) {
    if (args.positional.empty()) {
        print_help(lint_spec(), args.lang);
        return kExitErrors;
    }
    auto overrides = param_overrides(args);
    if (!overrides) return kExitErrors;
    // Each folder is a pack of its own; loose .akt files together form one.
    std::vector<std::vector<std::string>> packs;
    std::vector<std::string> loose;
    for (const auto& p : resolve_packs(args.positional)) {
        if (std::filesystem::is_directory(p)) packs.push_back({p});
        else loose.push_back(p);
    }
    if (!loose.empty()) packs.push_back(loose);
    size_t errors = 0, warnings = 0;
    for (const auto& paths : packs) {
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        auto rules = load_rule_set(paths, *overrides, diags, sources, args.lang);
        if (rules) dsl::lint(*rules->source, diags, args.lang);
        print_diagnostics(diags, sources, args.lang);
        errors += diags.error_count();
        warnings += diags.warning_count();
        if (rules && !diags.has_errors())
            std::cout << fmt::format(fmt::runtime(tr(args.lang, "{} {}: {} regler, {} frågor, {} varningar\n",
                                                     "{} {}: {} rules, {} questions, {} warnings\n")),
                                     rules->pack_name, rules->pack_version, rules->rules.size(), rules->questions.size(),
                                     diags.warning_count());
    }
    if (errors == 0) return kExitOk;
    std::cerr << fmt::format(fmt::runtime(tr(args.lang, "{} fel, {} varningar\n", "{} error(s), {} warning(s)\n")), errors, warnings);
    return kExitErrors;
}

}  // namespace aktkoll::cli
