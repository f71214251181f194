// Argument parsing and wiring shared by the aktkoll commands. No logic.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/diagnostic.hpp"

namespace aktkoll::cli {

// Exit codes shared by every command.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFindings = 1;  // at least one Nej (check), a failing test
inline constexpr int kExitErrors = 2;    // rule or input errors, bad usage

struct OptionSpec {
    std::string name;       // "--format"
    bool takes_value = false;
    std::string help;       // one line, Swedish
    std::string help_en;
};

struct CommandSpec {
    std::string name;
    std::string usage;      // "aktkoll validate [flaggor] FIL..."
    std::string summary;    // Swedish
    std::string summary_en;
    std::vector<OptionSpec> options;
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> values;  // option -> values given
    Lang lang = Lang::Sv;

    bool has(const std::string& option) const { return values.count(option) > 0; }
    std::optional<std::string> value(const std::string& option) const;
    std::vector<std::string> all(const std::string& option) const;
};

// Parses argv after the command name. Every command accepts --help and
// --lang sv|en. Returns nullopt after printing an error to stderr.
std::optional<Args> parse_args(const CommandSpec& spec, int argc, char** argv);
void print_help(const CommandSpec& spec, Lang lang);
// --lang from argv or the AKTKOLL_LANG environment variable.
Lang detect_lang(int argc, char** argv);

// Each command: specification and entry point (argv after the command name).
struct Command {
    CommandSpec (*spec)();
    int (*run)(const Args& args);
};

CommandSpec validate_spec();
int run_validate(const Args& args);
CommandSpec fmt_spec();
int run_fmt(const Args& args);
CommandSpec lint_spec();
int run_lint(const Args& args);
CommandSpec check_spec();
int run_check(const Args& args);
CommandSpec test_spec();
int run_test(const Args& args);
CommandSpec explain_spec();
int run_explain(const Args& args);
CommandSpec merge_spec();
int run_merge(const Args& args);
CommandSpec gen_spec();
int run_gen(const Args& args);
CommandSpec graph_spec();
int run_graph(const Args& args);
CommandSpec import_spec();
int run_import(const Args& args);
CommandSpec pseudonymize_spec();
int run_pseudonymize(const Args& args);
CommandSpec sample_spec();
int run_sample(const Args& args);
CommandSpec form_spec();
int run_form(const Args& args);
CommandSpec trend_spec();
int run_trend(const Args& args);
CommandSpec doc_spec();
int run_doc(const Args& args);
CommandSpec diff_spec();
int run_diff(const Args& args);
CommandSpec watch_spec();
int run_watch(const Args& args);

}  // namespace aktkoll::cli
