// Benchmark: generates a synthetic export, then measures (1) the parse-only
// ceiling — simdjson on-demand touching every value of every record on all
// cores, nothing built — (2) `aktkoll check` end to end with the shipped
// pack and JSON totals, (3) `aktkoll diff` over the same cases, and (4)
// DuckDB's SQL for the same rules (bench/duckdb.sql) when its Node package is
// found; then the ratios the targets are set in. Each runs in its own
// process, so peak memory is its own.
//
//   aktkoll_bench [--cases N] [--jobs J] [--aktkoll PATH] [--rules DIR] [--keep]
#include <simdjson.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "intake/generate.hpp"
#include "input/reader.hpp"

namespace {

namespace od = simdjson::ondemand;

struct Measure {
    double seconds = 0, cpu = 0;
    long peak_kib = 0;
    int status = 0;
};

// Touches every value so the parser cannot skip anything.
uint64_t walk(od::value v) {
    uint64_t n = 1;
    od::json_type t;
    if (v.type().get(t)) return n;
    switch (t) {
        case od::json_type::object: {
            od::object o;
            if (v.get_object().get(o)) return n;
            for (auto field : o) {
                std::string_view key;
                od::value child;
                if (field.unescaped_key().get(key) || field.value().get(child)) return n;
                n += walk(child);
            }
            return n;
        }
        case od::json_type::array: {
            od::array a;
            if (v.get_array().get(a)) return n;
            for (auto item : a) {
                od::value child;
                if (item.get(child)) return n;
                n += walk(child);
            }
            return n;
        }
        case od::json_type::string: {
            std::string_view s;
            return v.get_string().get(s) ? n : n + (s.empty() ? 0 : 1);
        }
        default: {
            std::string_view raw = v.raw_json_token();
            return n + (raw.empty() ? 0 : 1);
        }
    }
}

int parse_only(const std::string& file, unsigned jobs) {
    aktkoll::BlockReader reader(file, {}, 4u << 20);
    std::mutex mutex;
    std::atomic<uint64_t> values{0};
    uint64_t next_block = 0, next_release = 0;
    std::map<uint64_t, size_t> finished;  // block number -> map_end, until released in order
    auto worker = [&] {
        od::parser parser;
        aktkoll::LineBlock block;
        uint64_t local = 0;
        uint64_t number = 0;
        for (bool first = true;; first = false) {
            {
                std::lock_guard lock(mutex);
                if (!first) {  // give the map's pages back in order, as aktkoll check does
                    finished.emplace(number, block.map_end);
                    for (auto it = finished.find(next_release); it != finished.end(); it = finished.find(next_release)) {
                        reader.release(it->second);
                        finished.erase(it);
                        ++next_release;
                    }
                }
                if (!reader.next(block)) break;
                number = next_block++;
            }
            aktkoll::LineCursor lines(block);
            for (aktkoll::BlockLine line; lines.next(line);) {
                od::document doc;
                if (!line.text.empty() && !parser.iterate(line.text.data(), line.text.size(), line.capacity).get(doc)) {
                    od::value root;
                    if (!doc.get_value().get(root)) local += walk(root);
                }
            }
        }
        values += local;
    };
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < jobs; ++i) threads.emplace_back(worker);
    for (auto& t : threads) t.join();
    return values > 0 ? 0 : 1;
}

// Runs `body` in a child process and measures it.
template <class Body>
Measure in_child(Body body) {
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = fork();
    if (pid == 0) _exit(body());
    int status = 0;
    rusage usage{};
    wait4(pid, &status, 0, &usage);
    Measure m;
    m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    m.cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
            static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    m.peak_kib = usage.ru_maxrss;
    m.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return m;
}

// Runs a program with standard output to /dev/null and measures it.
Measure run_program(const std::string& program, const std::vector<std::string>& args) {
    return in_child([&] {
        int null = ::open("/dev/null", O_WRONLY);
        dup2(null, 1);
        std::vector<char*> argv{const_cast<char*>(program.c_str())};
        for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        execv(program.c_str(), argv.data());
        return 127;
    });
}

void print(const char* what, const Measure& m, uint64_t cases, double mb) {
    fmt::print("{:<34} {:>7.2f} s wall {:>7.2f} s cpu {:>11.0f} cases/s {:>8.0f} MB/s  peak {:>6.0f} MiB  (exit {})\n", what,
               m.seconds, m.cpu, static_cast<double>(cases) / m.seconds, mb / m.seconds, static_cast<double>(m.peak_kib) / 1024,
               m.status);
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t cases = 1000000;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    std::string aktkoll = (std::filesystem::path(argv[0]).parent_path() / "aktkoll").string();
    std::string rules = std::string(AKTKOLL_SOURCE_DIR) + "/rules/missbruk";
    bool keep = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
        if (a == "--cases") cases = std::stoull(next());
        else if (a == "--jobs") jobs = static_cast<unsigned>(std::stoul(next()));
        else if (a == "--aktkoll") aktkoll = next();
        else if (a == "--rules") rules = next();
        else if (a == "--keep") keep = true;
        else {
            std::cerr << "usage: aktkoll_bench [--cases N] [--jobs J] [--aktkoll PATH] [--rules DIR] [--keep]\n";
            return 2;
        }
    }
    const std::string file = (std::filesystem::temp_directory_path() / fmt::format("aktkoll-bench-{}.ndjson", cases)).string();
    if (!std::filesystem::exists(file)) {
        std::ofstream out(file, std::ios::binary);
        aktkoll::GenerateOptions o;
        o.cases = cases;
        o.seed = 2026;
        aktkoll::generate_cases(out, o);
    }
    const double mb = static_cast<double>(std::filesystem::file_size(file)) / 1e6;
    fmt::print("{} cases, {:.0f} MB NDJSON, {} jobs, {} hardware threads\n", cases, mb, jobs, std::thread::hardware_concurrency());
    // Warm the page cache so every run reads from memory.
    in_child([&] { return parse_only(file, jobs); });
    const Measure ceiling = in_child([&] { return parse_only(file, jobs); });
    print("parse only (simdjson ceiling)", ceiling, cases, mb);
    const std::string jobs_arg = std::to_string(jobs);
    const Measure check = run_program(aktkoll, {"check", rules, file, "--totals", "--format", "json", "--jobs", jobs_arg});
    print("aktkoll check --totals --format json", check, cases, mb);
    // The same cases under the pack and under the pack with one parameter changed.
    const Measure diff = run_program(aktkoll, {"diff", rules, file, "--param", "utredning_inom_dagar=7", "--format", "md",
                                               "--max-cases", "10", "--jobs", jobs_arg});
    print("aktkoll diff (--param, md)", diff, cases, mb);
    // DuckDB's own SQL for the same rules over the same file (bench/duckdb.sql),
    // through its Node package when NODE_PATH finds @duckdb/node-api.
    std::optional<Measure> duckdb;
    const std::string script = std::string(AKTKOLL_SOURCE_DIR) + "/bench/duckdb.cjs";
    if (std::system("node -e \"require('@duckdb/node-api')\" >/dev/null 2>&1") == 0) {
        duckdb = run_program("/usr/bin/env", {"node", script, file, jobs_arg});
        print("DuckDB SQL (bench/duckdb.sql)", *duckdb, cases, mb);
    } else {
        fmt::print("DuckDB: skipped (node cannot load @duckdb/node-api: npm install @duckdb/node-api in a scratch folder "
                   "and set NODE_PATH to its node_modules)\n");
    }
    // Wall time is what a user waits; CPU time is steadier on a shared machine.
    fmt::print("\nratios (wall, then CPU):\n");
    fmt::print("  check speed / parse-only ceiling: {:.2f}, {:.2f} (target >= 0.5)\n", ceiling.seconds / check.seconds,
               ceiling.cpu / check.cpu);
    if (duckdb)
        fmt::print("  DuckDB time / check time:         {:.1f}x, {:.1f}x (target >= 5)\n", duckdb->seconds / check.seconds,
                   duckdb->cpu / check.cpu);
    fmt::print("  diff time / check time:           {:.2f}x, {:.2f}x (target <= 2)\n", diff.seconds / check.seconds, diff.cpu / check.cpu);
    if (!keep) std::filesystem::remove(file);
    return 0;
}
