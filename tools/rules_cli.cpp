#include "tools/rules_cli.hpp"

#include <filesystem>
#include <iostream>

#include <fmt/core.h>
#include <unistd.h>

namespace aktkoll::cli {

bool is_rule_path(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_directory(path, ec) || std::filesystem::path(path).extension() == ".akt";
}

Inputs split_inputs(const std::vector<std::string>& positional) {
    Inputs in;
    for (const auto& p : positional) (is_rule_path(p) ? in.rules : in.cases).push_back(p);
    return in;
}

std::optional<std::vector<dsl::CommandLineParam>> param_overrides(const Args& args) {
    std::vector<dsl::CommandLineParam> out;
    for (const auto& v : args.all("--param")) {
        auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: --param ska skrivas NAMN=VÄRDE, inte '{}'\n",
                                                     "aktkoll: --param takes NAME=VALUE, not '{}'\n")),
                                     v);
            return std::nullopt;
        }
        out.push_back({v.substr(0, eq), v.substr(eq + 1)});
    }
    return out;
}

bool stderr_is_tty() { return isatty(STDERR_FILENO) != 0; }
bool stdout_is_tty() { return isatty(STDOUT_FILENO) != 0; }

void print_diagnostics(const dsl::Diagnostics& diags, const dsl::SourceMap& sources, Lang lang) {
    const bool color = stderr_is_tty();
    for (const auto& d : diags.items) std::cerr << dsl::render(d, sources, lang, color);
}

std::optional<RuleSet> load_rules(const std::vector<std::string>& paths, const Args& args, bool quiet_warnings) {
    auto overrides = param_overrides(args);
    if (!overrides) return std::nullopt;
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set(paths, *overrides, diags, sources, args.lang);
    if (!rules || !quiet_warnings) print_diagnostics(diags, sources, args.lang);
    if (!rules)
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: reglerna har {} fel; inga ärenden granskades\n",
                                                 "aktkoll: the rules have {} errors; no cases were checked\n")),
                                 diags.error_count());
    return rules;
}

}  // namespace aktkoll::cli
