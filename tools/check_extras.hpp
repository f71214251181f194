// What `aktkoll check` does besides the report itself, kept out of
// cmd_check.cpp so that its wiring stays a few lines: the history (--save,
// --period-label), the process picture for HTML (Graphviz), and the xlsx
// workbook, which is written to a path.
#pragma once

#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"
#include "report/report.hpp"
#include "tools/cli.hpp"

namespace aktkoll::cli {

// Before the cases are read: refuses xlsx without --output; checks
// --save/--period-label and the history's schema (a newer one is refused
// before anything is written); for HTML reads the earlier periods into
// opt.history. False after an error message.
bool prepare_extras(const Args& args, report::Options& opt);

// For HTML: the process picture as SVG in opt.process_svg when Graphviz `dot`
// runs (AKTKOLL_DOT names the program; set empty to never use it).
void attach_process_picture(const RuleSet& rules, const report::StepTally& steps, uint64_t cases, report::Options& opt);

// --format xlsx: needs --output (a binary file never goes to standard output);
// written beside the target and renamed into place. Exit code.
int write_xlsx_report(const Args& args, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals,
                      const RunInfo& run, const report::Options& opt, bool totals_only);

// After the report: records the run in the --save history. False after an error message.
bool save_history(const Args& args, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals,
                  const RunInfo& run);

}  // namespace aktkoll::cli
