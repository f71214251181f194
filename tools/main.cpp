// The aktkoll command line: dispatches to one command per file in tools/.
#include <cstring>
#include <iostream>
#include <string_view>
#include <vector>

#include <fmt/core.h>

#include "tools/cli.hpp"
#include "tools/man_page.hpp"
#include "tools/version.hpp"

using namespace aktkoll;

namespace {

struct Entry {
    const char* name;
    cli::Command command;
};

const Entry kCommands[] = {
    {"check", {cli::check_spec, cli::run_check}},
    {"explain", {cli::explain_spec, cli::run_explain}},
    {"graph", {cli::graph_spec, cli::run_graph}},
    {"validate", {cli::validate_spec, cli::run_validate}},
    {"sample", {cli::sample_spec, cli::run_sample}},
    {"form", {cli::form_spec, cli::run_form}},
    {"trend", {cli::trend_spec, cli::run_trend}},
    {"import", {cli::import_spec, cli::run_import}},
    {"pseudonymize", {cli::pseudonymize_spec, cli::run_pseudonymize}},
    {"lint", {cli::lint_spec, cli::run_lint}},
    {"fmt", {cli::fmt_spec, cli::run_fmt}},
    {"test", {cli::test_spec, cli::run_test}},
    {"doc", {cli::doc_spec, cli::run_doc}},
    {"diff", {cli::diff_spec, cli::run_diff}},
    {"watch", {cli::watch_spec, cli::run_watch}},
    {"merge", {cli::merge_spec, cli::run_merge}},
    {"gen", {cli::gen_spec, cli::run_gen}},
};

void print_overview(Lang lang) {
    fmt::print("{}\n\n{}: aktkoll KOMMANDO [flaggor] ...\n\n{}:\n",
               tr(lang, "aktkoll – granskning av socialtjänstens akter mot lag och riktlinjer",
                  "aktkoll – checks social-services case files against law and guidelines"),
               tr(lang, "Användning", "Usage"), tr(lang, "Kommandon", "Commands"));
    for (const auto& e : kCommands) {
        auto spec = e.command.spec();
        fmt::print("  {:<10}  {}\n", e.name, lang == Lang::Sv ? spec.summary : spec.summary_en);
    }
    fmt::print("\n{}\n", tr(lang, "Se 'aktkoll KOMMANDO --help' för kommandots flaggor.",
                            "See 'aktkoll COMMAND --help' for a command's options."));
}

}  // namespace

int main(int argc, char** argv) {
    const Lang lang = cli::detect_lang(argc, argv);
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0 ||
        std::strcmp(argv[1], "help") == 0) {
        print_overview(lang);
        return argc < 2 ? cli::kExitErrors : cli::kExitOk;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
        fmt::print("{}", cli::version_text(lang));
        return cli::kExitOk;
    }
    // For the build (CMakeLists.txt): the manual pages, from the same specifications as --help.
    if (std::strcmp(argv[1], "--man-pages") == 0 && argc == 3) {
        std::vector<cli::CommandSpec> specs;
        for (const auto& e : kCommands) specs.push_back(e.command.spec());
        return cli::write_man_pages(argv[2], specs) ? cli::kExitOk : cli::kExitErrors;
    }
    for (const auto& e : kCommands) {
        if (std::string_view(argv[1]) != e.name) continue;
        auto spec = e.command.spec();
        auto args = cli::parse_args(spec, argc - 2, argv + 2);
        if (!args) return cli::kExitErrors;
        return e.command.run(*args);
    }
    std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: okänt kommando '{}' (se aktkoll --help)\n",
                                "aktkoll: unknown command '{}' (see aktkoll --help)\n")),
                             argv[1]);
    return cli::kExitErrors;
}
