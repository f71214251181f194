#include "intake/sample.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <numeric>

#include "core/case.hpp"
#include "input/case_stream.hpp"

namespace aktkoll {

Schema sample_schema() {
    Schema s;
    s.add_case_attr({"unit", AttrType::String, {}});
    return s;
}

Population read_population(const std::vector<CaseFile>& files, const Schema& schema, const CaseSelection& selection) {
    Population pop;
    CaseStream stream(files, schema, selection);
    for (Case c; stream.next(c);) pop.cases.push_back({std::string(c.id), std::string(stream.selection().unit_of(c))});
    pop.read = stream.report();
    return pop;
}

uint64_t uniform_below(std::mt19937_64& gen, uint64_t bound) {
    // Reject the top partial block of 2^64 so every residue is equally likely.
    const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % bound;
    for (;;) {
        const uint64_t x = gen();
        if (x < limit) return x % bound;
    }
}

std::vector<size_t> largest_remainder(const std::vector<size_t>& sizes, size_t n) {
    const size_t total = std::accumulate(sizes.begin(), sizes.end(), size_t{0});
    std::vector<size_t> seats(sizes.size(), 0);
    if (total == 0 || n == 0) return seats;
    std::vector<size_t> remainder(sizes.size());
    size_t given = 0;
    for (size_t i = 0; i < sizes.size(); ++i) {
        // Exact integer arithmetic: n·size / total with its remainder.
        const unsigned __int128 q = static_cast<unsigned __int128>(n) * sizes[i];
        seats[i] = static_cast<size_t>(q / total);
        remainder[i] = static_cast<size_t>(q % total);
        given += seats[i];
    }
    std::vector<size_t> order(sizes.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (remainder[a] != remainder[b]) return remainder[a] > remainder[b];
        return sizes[a] > sizes[b];
    });
    for (size_t k = 0; given < n && k < order.size(); ++k) {
        if (seats[order[k]] < sizes[order[k]]) {
            ++seats[order[k]];
            ++given;
        }
    }
    return seats;
}

namespace {

// k of `items`, chosen by a partial Fisher–Yates shuffle.
std::vector<size_t> draw_from(std::vector<size_t> items, size_t k, std::mt19937_64& gen) {
    k = std::min(k, items.size());
    for (size_t i = 0; i < k; ++i) {
        const size_t j = i + static_cast<size_t>(uniform_below(gen, items.size() - i));
        std::swap(items[i], items[j]);
    }
    items.resize(k);
    return items;
}

}  // namespace

Sample draw_sample(const std::vector<SampleCase>& population, size_t n, uint64_t seed, bool stratify_by_unit) {
    Sample s;
    s.seed = seed;
    s.requested = n;
    s.population = population.size();
    const size_t k = std::min(n, population.size());
    std::mt19937_64 gen(seed);
    if (!stratify_by_unit) {
        std::vector<size_t> all(population.size());
        std::iota(all.begin(), all.end(), size_t{0});
        s.chosen = draw_from(std::move(all), k, gen);
    } else {
        std::map<std::string, std::vector<size_t>> by_unit;  // byte order of the unit name
        for (size_t i = 0; i < population.size(); ++i) by_unit[population[i].unit].push_back(i);
        std::vector<size_t> sizes;
        for (const auto& [unit, members] : by_unit) sizes.push_back(members.size());
        const std::vector<size_t> seats = largest_remainder(sizes, k);
        size_t u = 0;
        for (auto& [unit, members] : by_unit) {
            s.strata.push_back({unit, members.size(), seats[u]});
            auto drawn = draw_from(std::move(members), seats[u], gen);
            s.chosen.insert(s.chosen.end(), drawn.begin(), drawn.end());
            ++u;
        }
    }
    std::sort(s.chosen.begin(), s.chosen.end());
    return s;
}

}  // namespace aktkoll
