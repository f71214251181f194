// The results of a pack's worked examples in words, for `aktkoll test` and
// each round of `aktkoll watch`: one line per broken or failed example (and
// per passed one when verbose), and the counts.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "authoring/pack_tests.hpp"

namespace aktkoll::cli {

struct ExampleTally {
    size_t passed = 0, failed = 0, broken = 0;
};

// `errors` are read_pack_tests' messages (each a broken example).
ExampleTally write_example_results(std::ostream& out, const std::vector<std::string>& errors,
                                   const std::vector<PackTestResult>& results, bool verbose, Lang lang);

}  // namespace aktkoll::cli
