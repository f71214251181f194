// The process picture: one process as Graphviz DOT, its steps labelled and
// coloured by status (one case) or by counts (all cases), and the one way to
// run Graphviz `dot` on it. Used by `aktkoll graph` and by the HTML report of
// `aktkoll check`.
#pragma once

#include <string>
#include <vector>

#include "engine/results.hpp"
#include "engine/ruleset.hpp"
#include "report/report.hpp"

namespace aktkoll::cli {

// Each step with its status and date in one case.
std::string case_process_dot(const RuleSet& rules, size_t process, const CaseResult& c, Lang lang);
// Each step with how often it is missing, a root cause, late or out of order.
std::string tally_process_dot(const RuleSet& rules, size_t process, const report::StepTally& steps, uint64_t cases,
                              Lang lang);
// Only the step names: no cases.
std::string plain_process_dot(const RuleSet& rules, size_t process);

// The Graphviz program: AKTKOLL_DOT when set (empty: never use Graphviz),
// else `dot`; "" when it must not or cannot be run.
std::string dot_program();
// Runs `program -Tsvg dot_path -o svg_path`; false when it fails or a path
// cannot be passed to the shell safely.
bool run_dot(const std::string& program, const std::string& dot_path, const std::string& svg_path);
// DOT text -> SVG for inlining in HTML (from "<svg" on, without namespace
// declarations or Graphviz's comments); "" when Graphviz fails.
std::string render_svg(const std::string& program, const std::string& dot);

}  // namespace aktkoll::cli
