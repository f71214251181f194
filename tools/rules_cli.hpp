// Shared wiring for commands that load rules: split RULES from CASES
// arguments, collect --param overrides, print diagnostics.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/load.hpp"
#include "tools/cli.hpp"

namespace aktkoll::cli {

// A path names rules when it is a folder or an .akt file; cases otherwise.
bool is_rule_path(const std::string& path);

// A pack given by name (`missbruk`) where no such path exists becomes the
// folder found on the pack search path (dsl/pack_search.hpp); every other
// argument is returned as given.
std::string resolve_pack(const std::string& arg);
std::vector<std::string> resolve_packs(const std::vector<std::string>& args);

struct Inputs {
    std::vector<std::string> rules, cases;
};
// Packs given by name are resolved first (resolve_pack).
Inputs split_inputs(const std::vector<std::string>& positional);

// Refuses, with one message on stderr, what would otherwise be read as an
// empty or all-rejected input and give a report of zeros: a path that does
// not exist (a mistyped pack folder lands here, as it has no .akt ending),
// and a workbook (.xlsx), which aktkoll does not read. False after the message.
bool check_inputs(const Inputs& in, Lang lang);

// --param NAME=VALUE, repeated. nullopt (after an error message) when malformed.
std::optional<std::vector<dsl::CommandLineParam>> param_overrides(const Args& args);

// Loads the rule set and prints its diagnostics to stderr (warnings too).
std::optional<RuleSet> load_rules(const std::vector<std::string>& paths, const Args& args, bool quiet_warnings = false);

void print_diagnostics(const dsl::Diagnostics& diags, const dsl::SourceMap& sources, Lang lang);

bool stderr_is_tty();
bool stdout_is_tty();

}  // namespace aktkoll::cli

#include "run/pipeline.hpp"

namespace aktkoll::cli {

// The evaluation date: today, or AKTKOLL_EVALUATION_DATE (YYYY-MM-DD) for
// reproducible reports. What `today` is in the rules, whether a deadline has
// passed, and the date reports record: decided here, passed to the engine.
Date evaluation_date();

// Provenance of a run: aktkoll version, evaluation date `today` (the one the
// cases were evaluated on), input files' SHA-256.
RunInfo make_run_info(const std::vector<std::string>& case_files, PipelineReport report, const std::string& period,
                      Date today);

// --period FROM..TO (either side may be empty), --unit, --case into a selection.
std::optional<CaseSelection> selection_from(const Args& args);

// --jobs N (0 or absent = all cores).
std::optional<unsigned> jobs_from(const Args& args);

}  // namespace aktkoll::cli

#include "report/report.hpp"

namespace aktkoll::cli {

// Report options from --format and --lang; nullopt (after a message naming
// the formats) for an unknown format.
std::optional<report::Options> report_options(const Args& args);

}  // namespace aktkoll::cli
