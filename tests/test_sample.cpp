// Samples for manual review: the same seed gives the same sample on every
// platform, strata get seats by the largest remainder, the period filter
// keeps cases with an event in the window.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <set>

#include "intake/sample.hpp"

using namespace aktkoll;

namespace {

std::vector<SampleCase> population(size_t n, const std::vector<std::string>& units = {}) {
    std::vector<SampleCase> out;
    for (size_t i = 0; i < n; ++i)
        out.push_back({"K-" + std::to_string(i + 1), units.empty() ? std::string() : units[i % units.size()]});
    return out;
}

}  // namespace

TEST_CASE("sample: the same seed draws the same cases, pinned for every standard library", "[sample]") {
    const auto pop = population(36);
    const Sample a = draw_sample(pop, 9, 42, false);
    const Sample b = draw_sample(pop, 9, 42, false);
    CHECK(a.chosen == b.chosen);
    CHECK(a.seed == 42);
    CHECK(a.population == 36);
    // mt19937_64 is specified to the bit and uniform_below is ours: these
    // indices must not change with the compiler or the standard library.
    CHECK(a.chosen == std::vector<size_t>{1, 2, 5, 7, 12, 22, 25, 26, 30});
    CHECK(draw_sample(pop, 9, 43, false).chosen != a.chosen);
}

TEST_CASE("sample: distinct cases in input order; all of them when n exceeds the population", "[sample]") {
    const auto pop = population(20);
    for (uint64_t seed = 0; seed < 50; ++seed) {
        const Sample s = draw_sample(pop, 7, seed, false);
        REQUIRE(s.chosen.size() == 7);
        CHECK(std::is_sorted(s.chosen.begin(), s.chosen.end()));
        CHECK(std::set<size_t>(s.chosen.begin(), s.chosen.end()).size() == 7);
        CHECK(s.chosen.back() < 20);
    }
    const Sample all = draw_sample(pop, 50, 1, false);
    CHECK(all.requested == 50);
    CHECK(all.chosen.size() == 20);
    CHECK(draw_sample({}, 5, 1, false).chosen.empty());
}

TEST_CASE("sample: the reference value of mt19937_64 and uniform_below's range", "[sample]") {
    std::mt19937_64 gen(5489u);
    gen.discard(9999);
    CHECK(gen() == 9981545732273789042ull);  // the value the standard requires
    std::mt19937_64 g2(7);
    CHECK(uniform_below(g2, 1) == 0);
    std::array<int, 3> hits{};
    for (int i = 0; i < 30000; ++i) ++hits[uniform_below(g2, 3)];
    for (int h : hits) CHECK(std::abs(h - 10000) < 500);
    const uint64_t big = (1ull << 63) + 5;  // most of the range: rejection must still terminate and stay below
    for (int i = 0; i < 100; ++i) CHECK(uniform_below(g2, big) < big);
}

TEST_CASE("largest remainder: proportional seats, ties to the larger stratum then the earlier", "[sample]") {
    CHECK(largest_remainder({12, 12, 12}, 9) == std::vector<size_t>{3, 3, 3});
    // 5·10/16 = 3.125, 5·5/16 = 1.5625, 5·1/16 = 0.3125: the second gets the last seat.
    CHECK(largest_remainder({10, 5, 1}, 5) == std::vector<size_t>{3, 2, 0});
    CHECK(largest_remainder({1, 1, 1}, 2) == std::vector<size_t>{1, 1, 0});
    // 0.75, 1.5, 0.75: floors 0, 1, 0; the two seats left go to the two largest remainders.
    CHECK(largest_remainder({2, 4, 2}, 3) == std::vector<size_t>{1, 1, 1});
    // Equal remainders: the larger stratum first. 4·3/8 = 1.5, 4·5/8 = 2.5.
    CHECK(largest_remainder({3, 5}, 4) == std::vector<size_t>{1, 3});
    CHECK(largest_remainder({3, 7}, 10) == std::vector<size_t>{3, 7});
    CHECK(largest_remainder({}, 3).empty());
    // Always exactly n seats, never more than a stratum holds.
    std::mt19937_64 gen(1);
    for (int round = 0; round < 500; ++round) {
        std::vector<size_t> sizes(1 + uniform_below(gen, 6));
        for (auto& s : sizes) s = uniform_below(gen, 12);
        const size_t total = std::accumulate(sizes.begin(), sizes.end(), size_t{0});
        const size_t n = total ? uniform_below(gen, total + 1) : 0;
        const auto seats = largest_remainder(sizes, n);
        CHECK(std::accumulate(seats.begin(), seats.end(), size_t{0}) == n);
        for (size_t i = 0; i < sizes.size(); ++i) CHECK(seats[i] <= sizes[i]);
    }
}

TEST_CASE("sample: stratified by unit in proportion, each case from its stratum", "[sample]") {
    // 10 Nord, 5 Syd, 1 Beroende (interleaved in input order).
    std::vector<SampleCase> pop;
    for (int i = 0; i < 16; ++i) pop.push_back({"K-" + std::to_string(i), i < 10 ? "Nord" : i < 15 ? "Syd" : "Beroende"});
    std::swap(pop[3], pop[12]);
    const Sample s = draw_sample(pop, 5, 9, true);
    REQUIRE(s.strata.size() == 3);
    CHECK(s.strata[0].unit == "Beroende");  // byte order of the names
    CHECK(s.strata[0].drawn == 0);
    CHECK(s.strata[1].unit == "Nord");
    CHECK(s.strata[1].population == 10);
    CHECK(s.strata[1].drawn == 3);
    CHECK(s.strata[2].drawn == 2);
    std::map<std::string, size_t> per_unit;
    for (size_t i : s.chosen) ++per_unit[pop[i].unit];
    CHECK(per_unit["Nord"] == 3);
    CHECK(per_unit["Syd"] == 2);
    CHECK(std::is_sorted(s.chosen.begin(), s.chosen.end()));
    CHECK(draw_sample(pop, 5, 9, true).chosen == s.chosen);
}

TEST_CASE("population: the reader's cases, units, and the period filter", "[sample]") {
    const auto dir = std::filesystem::temp_directory_path() / ("aktkoll-sample-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::string file = (dir / "cases.ndjson").string();
    std::ofstream(file) << R"({"id":"A","unit":"Nord","events":[{"type":"beslut","date":"2025-12-31"}]})" << '\n'
                        << R"({"id":"B","unit":"Syd","events":[{"type":"beslut","date":"2026-01-01"}]})" << '\n'
                        << R"({"id":"C","events":[{"type":"x","date":"2025-03-01"},{"type":"y","date":"2026-06-30"}]})" << '\n'
                        << R"({"id":"D","unit":"Nord","events":[{"type":"beslut","date":"2026-07-01"}]})" << '\n'
                        << R"({"id":"E","unit":"Nord","events":[{"type":"beslut","date":"2026-13-01"}]})" << '\n';
    const std::vector<CaseFile> files{plain_case_file(file)};
    const Population all = read_population(files, sample_schema(), {});
    REQUIRE(all.cases.size() == 4);
    CHECK(all.read.rejected.size() == 1);  // E: an impossible date
    CHECK(all.cases[0].unit == "Nord");
    CHECK(all.cases[2].unit.empty());
    CaseSelection h1_period;
    h1_period.from = parse_date("2026-01-01");
    h1_period.until = parse_date("2026-06-30");
    const Population h1 = read_population(files, sample_schema(), h1_period);
    REQUIRE(h1.cases.size() == 2);
    CHECK(h1.cases[0].id == "B");
    CHECK(h1.cases[1].id == "C");
    CHECK(h1.read.outside_selection == 2);
    CHECK(h1.read.stats.cases == 4);
    // Without `unit` in the schema there are no units to stratify by.
    const Population generic = read_population(files, Schema(), {});
    CHECK(generic.cases[0].unit.empty());
    std::filesystem::remove_all(dir);
}
