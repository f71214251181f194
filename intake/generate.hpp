// Deterministic synthetic case exports in the contract format, with the
// defect rates of real audits, for benchmarks and load tests.
#pragma once

#include <cstdint>
#include <ostream>

namespace aktkoll {

struct GenerateOptions {
    uint64_t cases = 1000;
    uint64_t seed = 1;
    double bad_fraction = 0.0;  // share of deliberately invalid records
};

// Writes NDJSON, one case per line. The same options give the same bytes.
void generate_cases(std::ostream& out, const GenerateOptions& options);

}  // namespace aktkoll
