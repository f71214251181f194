// Rendering of a pack's test coverage (authoring/coverage.hpp).
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "authoring/coverage.hpp"
#include "report/report.hpp"

namespace aktkoll::report {

// Terminal/Markdown: a table per rule and the list of what no example
// exercised. JSON: format "aktkoll-coverage/1".
void write_coverage(std::ostream& out, const std::string& pack, const CoverageReport& c, const Options& opt);
// JSON only: one document for one pack, an array of documents for several.
void write_coverage_json(std::ostream& out, const std::vector<std::pair<std::string, CoverageReport>>& packs);

}  // namespace aktkoll::report
