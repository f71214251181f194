// What changes between two rule sets on the same cases (authoring/diff.hpp), as
// terminal text, Markdown or JSON (schema "aktkoll-diff/1").
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "authoring/diff.hpp"
#include "report/report.hpp"

namespace aktkoll::report {

inline constexpr const char* kJsonDiffFormat = "aktkoll-diff/1";

struct DiffSide {
    std::string label;  // what the user named: "rules/missbruk", "rules/missbruk --param utredning_inom_dagar=7"
    std::string pack, version;
};

struct DiffInfo {
    DiffSide old_side, new_side;
    std::vector<std::string> case_files;
    std::string aktkoll_version;
    size_t max_listed = 0;  // changed cases listed per item in terminal/Markdown (0 = all); JSON lists all
};

// Format::Terminal, Markdown or Json (others: std::invalid_argument).
void write_diff(std::ostream& out, const RuleSetDiff& d, const DiffInfo& info, Format format, Lang lang);

}  // namespace aktkoll::report
