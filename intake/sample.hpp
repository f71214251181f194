// Random samples of case files for manual review (egenkontroll, audits):
// reproducible from a printed seed on every platform, optionally stratified
// by unit in proportion to each unit's share of the population.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "input/case_files.hpp"
#include "input/ledger.hpp"
#include "input/selection.hpp"
#include "core/schema.hpp"

namespace aktkoll {

// One case of the population a sample is drawn from, in input order.
struct SampleCase {
    std::string id;
    std::string unit;  // empty when the case has no `unit`
};

struct Population {
    std::vector<SampleCase> cases;  // the accepted cases inside the selection, in input order
    ReadReport read;                // counts and rejected records, as check has them
};

// Reads the cases of `files` with CaseStream; the selection (as in check)
// says which accepted cases form the population. The schema decides which
// case attributes are read: it must declare `unit` (String) for strata by unit.
Population read_population(const std::vector<CaseFile>& files, const Schema& schema, const CaseSelection& selection);

// The generic schema plus the case attribute `unit: String`.
Schema sample_schema();

// A uniform integer in [0, bound) from the generator's raw 64-bit output by
// rejection, so the same seed gives the same numbers with every standard
// library (std::uniform_int_distribution's algorithm is unspecified).
// `bound` must be > 0.
uint64_t uniform_below(std::mt19937_64& gen, uint64_t bound);

// Splits `n` over strata of the given sizes in proportion to their size by
// the largest-remainder method: each gets floor(n·size/total), and the seats
// left go to the largest remainders (ties: the larger stratum, then the
// earlier one). n ≤ total is required; no stratum gets more than its size.
std::vector<size_t> largest_remainder(const std::vector<size_t>& sizes, size_t n);

struct Stratum {
    std::string unit;
    size_t population = 0;
    size_t drawn = 0;
};

struct Sample {
    uint64_t seed = 0;
    size_t requested = 0;       // n asked for
    size_t population = 0;
    std::vector<size_t> chosen; // indices into the population, ascending (input order)
    std::vector<Stratum> strata;  // by unit name (byte order); empty unless stratified
};

// Draws min(n, population) cases without replacement: a partial
// Fisher–Yates shuffle with mt19937_64(seed) over the population (or over
// each stratum in turn, strata in byte order of their unit name).
Sample draw_sample(const std::vector<SampleCase>& population, size_t n, uint64_t seed, bool stratify_by_unit);

}  // namespace aktkoll
