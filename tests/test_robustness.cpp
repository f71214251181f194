// Robustness and privacy end to end: every input line is accounted for,
// a personnummer never reaches any output, report files are written whole or
// not at all, and every crash the fuzzers found stays fixed
// (tests/fuzz/run.sh; each crashing input is inlined here).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dsl/parser.hpp"
#include "engine/load.hpp"
#include "run/pipeline.hpp"
// AtomicFile lives in the command-line tool, which the tests do not link;
// this is the only test file that compiles it in.
#include "tools/output.cpp"
#include "tests/temp_pack.hpp"

using namespace aktkoll;
namespace fs = std::filesystem;

namespace {

const std::string kSource = AKTKOLL_SOURCE_DIR;

// A personnummer with a valid check digit, in every spelling the reader knows.
const char* const kPnrSpellings[] = {"19121212-1212", "191212121212", "121212-1212", "1212121212"};

class Scratch : public testing::TempDir {
public:
    Scratch() : testing::TempDir("robust") {
        fs::permissions(dir(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
    }
    ~Scratch() {
        // Folders a test made read-only must be writable again to be removed.
        std::error_code ec;
        for (auto& e : fs::recursive_directory_iterator(dir(), ec))
            fs::permissions(e.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    std::vector<std::string> entries(const std::string& folder = ".") const {
        std::vector<std::string> names;
        for (auto& e : fs::directory_iterator(dir() / folder)) names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
};

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

bool contains_personnummer(const std::string& text) {
    for (const char* p : kPnrSpellings)
        if (text.find(p) != std::string::npos) return true;
    return false;
}

// One line per situation; `bad` marks the lines that must be rejected.
struct MixedLine {
    std::string json;
    bool bad;
    ReadErrorKind kind = ReadErrorKind::InvalidJson;
};

std::string events(int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i)
        s += std::string(i ? "," : "") + R"({"type":"uppföljning","date":"2024-03-01"})";
    return s + "]";
}

std::vector<MixedLine> mixed_lines() {
    const std::string deep = std::string(40, '[') + std::string(40, ']');
    return {
        {R"({"id":"R-1","unit":"Nord","events":[{"type":"aktualisering","date":"2024-01-05","source":"ansökan"}]})", false},
        {R"({"id":"R-2","events":[{"type":"beslut","date":"2024-02-01","utfall":"bifall","insats":"19121212-1212","lagrum":"SoL"}]})",
         true, ReadErrorKind::Personnummer},
        {"", false},  // blank: skipped, not a record
        {R"({"id":"R-3","unit":")" + std::string((4u << 20) + 100, 'x') + R"(","events":[]})", true,
         ReadErrorKind::LineTooLong},
        {R"({"id":"R-4","unit":)" + deep + R"(,"events":[]})", true, ReadErrorKind::TooDeep},
        {R"({"id":"R-5","events":)" + events(10001) + "}", true, ReadErrorKind::TooManyEvents},
        {R"({"id":"R-6","events":[)", true, ReadErrorKind::InvalidJson},
        {R"({"id":"R-7","born":1970,"events":[{"type":"vårdplan","date":"2024-02-20","med_enskilde":true}]})", false},
        {R"({"id":"R-1","events":[]})", true, ReadErrorKind::DuplicateId},
        {R"({"id":"1212121212","events":[]})", true, ReadErrorKind::Personnummer},
        {R"({"id":"R-8","events":[{"type":"sip","date":"2024-04-01","ansvar_fördelat":"121212-1212"}]})", true,
         ReadErrorKind::Personnummer},
        {R"({"id":"R-9","events":[{"type":"uppföljning","date":"2024-06-01"}]})", false},
    };
}

std::string mixed_file(const Scratch& dir) {
    std::string text;
    const auto lines = mixed_lines();
    for (size_t i = 0; i < lines.size(); ++i) text += lines[i].json + (i + 1 < lines.size() ? "\n" : "");  // last without newline
    return dir.write("blandat.ndjson", text);
}

const RuleSet& missbruk() {
    static const RuleSet rules = [] {
        dsl::Diagnostics diags;
        dsl::SourceMap sources;
        auto r = load_rule_set({kSource + "/rules/missbruk"}, {}, diags, sources, Lang::Sv);
        REQUIRE(r);
        return std::move(*r);
    }();
    return rules;
}

// ---------------------------------------------------------------------------
// Running the aktkoll binary (beside this test binary in the build folder)

struct Run {
    int exit = -1;
    std::string out, err;
};

std::string aktkoll_binary() {
    std::error_code ec;
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const fs::path bin = self.parent_path() / "aktkoll";
    return fs::exists(bin) ? bin.string() : std::string();
}

struct Limits {
    bool as_nobody = false;       // drop root, so that file permissions apply
    rlim_t file_size = RLIM_INFINITY;
};

// Runs aktkoll with `args`; stdout and stderr to files in `dir`.
Run run_aktkoll(const Scratch& dir, const std::vector<std::string>& args, Limits limits = {}) {
    Run r;
    const std::string bin = aktkoll_binary();
    REQUIRE_FALSE(bin.empty());
    const std::string out_path = dir.path("stdout.txt"), err_path = dir.path("stderr.txt");
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    REQUIRE(out >= 0);
    REQUIRE(err >= 0);
    ::fchmod(out, 0666);
    ::fchmod(err, 0666);
    std::vector<char*> argv{const_cast<char*>(bin.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        ::dup2(out, 1);
        ::dup2(err, 2);
        ::setenv("AKTKOLL_EVALUATION_DATE", "2026-01-15", 1);
        ::unsetenv("AKTKOLL_LANG");
        if (limits.as_nobody && ::geteuid() == 0) {
            if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) ::_exit(126);
        }
        if (limits.file_size != RLIM_INFINITY) {
            ::signal(SIGXFSZ, SIG_IGN);  // a write past the limit fails with EFBIG, as on a full disk
            struct rlimit rl {limits.file_size, limits.file_size};
            ::setrlimit(RLIMIT_FSIZE, &rl);
        }
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(out);
    ::close(err);
    r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = slurp(out_path);
    r.err = slurp(err_path);
    return r;
}

#define REQUIRE_AKTKOLL_BINARY()                                                   \
    do {                                                                           \
        if (aktkoll_binary().empty()) {                                            \
            WARN("the aktkoll binary is not beside the test binary: not tested"); \
            return;                                                                \
        }                                                                          \
    } while (0)

}  // namespace

// ---------------------------------------------------------------------------
// Nothing lost

TEST_CASE("robustness: every input line is read or rejected, in every job count and block size", "[robustness][pipeline]") {
    Scratch dir;
    const std::string file = mixed_file(dir);
    const auto lines = mixed_lines();
    uint64_t records = 0, bad = 0;
    for (const auto& l : lines) {
        records += l.json.empty() ? 0 : 1;
        bad += l.bad ? 1 : 0;
    }
    for (unsigned jobs : {1u, 3u}) {
        for (size_t block : {size_t{64}, size_t{4} << 20}) {
            INFO("jobs " << jobs << ", block " << block);
            PipelineOptions options;
            options.jobs = jobs;
            options.block_bytes = block;
            std::vector<std::string> checked;
            auto report = run_pipeline(missbruk(), {file}, options, [&](const CaseResult& c) { checked.push_back(c.id); });
            CHECK(report.stats.lines == records);
            CHECK(report.stats.cases + report.stats.rejected == report.stats.lines);
            CHECK(report.stats.rejected == bad);
            CHECK(report.stats.blank_lines == 1);
            CHECK(checked == std::vector<std::string>{"R-1", "R-7", "R-9"});
            REQUIRE(report.rejected.size() == bad);
            size_t r = 0;
            for (size_t i = 0; i < lines.size(); ++i) {
                if (!lines[i].bad) continue;
                INFO("line " << i + 1);
                CHECK(report.rejected[r].line == i + 1);
                CHECK(report.rejected[r].kind == lines[i].kind);
                ++r;
            }
        }
    }
}

TEST_CASE("robustness: the document form accounts for every case too", "[robustness][pipeline]") {
    Scratch dir;
    const std::string file = dir.write("dokument.json", R"({"format": "case-export/1", "cases": [
  {"id": "D-1", "events": []},
  {"id": "D-2", "events": [{"type": "beslut", "date": "2024-02-01", "lagrum": "191212121212"}]},
  {"id": "D-3", "unit": )" + std::string(40, '[') + std::string(40, ']') + R"(, "events": []},
  17,
  {"id": "D-4", "events": [{"type": "uppföljning", "date": "2024-02-30"}]},
  {"id": "D-5", "events": []}
]}
)");
    std::vector<std::string> checked;
    auto report = run_pipeline(missbruk(), {file}, {}, [&](const CaseResult& c) { checked.push_back(c.id); });
    CHECK(report.stats.lines == 6);
    CHECK(report.stats.cases + report.stats.rejected == report.stats.lines);
    CHECK(checked == std::vector<std::string>{"D-1", "D-5"});
    REQUIRE(report.rejected.size() == 4);
    CHECK(report.rejected[0].kind == ReadErrorKind::Personnummer);
    CHECK(report.rejected[0].line == 3);
    CHECK(report.rejected[1].kind == ReadErrorKind::TooDeep);
    CHECK(report.rejected[2].kind == ReadErrorKind::NotObject);
    CHECK(report.rejected[3].kind == ReadErrorKind::InvalidDate);
}

// ---------------------------------------------------------------------------
// A personnummer never reaches an output

TEST_CASE("robustness: the error for a personnummer names line and field, never the value", "[robustness][privacy]") {
    Scratch dir;
    const std::string file = mixed_file(dir);
    auto report = run_pipeline(missbruk(), {file}, {}, [](const CaseResult&) {});
    int personnummer = 0;
    for (const auto& e : report.rejected) {
        for (Lang lang : {Lang::Sv, Lang::En}) {
            const std::string text = describe(e, lang);
            INFO(text);
            CHECK_FALSE(contains_personnummer(text));
        }
        if (e.kind != ReadErrorKind::Personnummer) continue;
        ++personnummer;
        CHECK(e.line > 0);
        CHECK_FALSE(e.field.empty());
    }
    CHECK(personnummer == 3);
    const std::string sv = describe(report.rejected[0], Lang::Sv);
    CHECK(sv.find(":2: fel AK0716: fall R-2: 'insats' ser ut som ett personnummer (händelse 1); värdet visas inte") != std::string::npos);
}

TEST_CASE("robustness: no output of check contains a personnummer (stdout, stderr, JSON report)", "[robustness][privacy][cli]") {
    REQUIRE_AKTKOLL_BINARY();
    Scratch dir;
    const std::string file = mixed_file(dir);
    for (const char* format : {"terminal", "json", "md", "csv", "html"}) {
        for (const char* lang : {"sv", "en"}) {
            INFO(format << " " << lang);
            const std::string report = dir.path(std::string("rapport.") + format);
            Run r = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", file, "--format", format, "--lang", lang});
            CHECK(r.exit == 2);
            CHECK_FALSE(contains_personnummer(r.out));
            CHECK_FALSE(contains_personnummer(r.err));
            Run to_file = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", file, "--format", format, "--lang", lang,
                                            "--output", report, "--per-case", dir.path("per-fall.ndjson")});
            CHECK(to_file.exit == 2);
            CHECK_FALSE(contains_personnummer(slurp(report)));
            CHECK_FALSE(contains_personnummer(slurp(dir.path("per-fall.ndjson"))));
            CHECK_FALSE(contains_personnummer(to_file.err));
        }
    }
    Run json = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", file, "--format", "json"});
    const auto doc = nlohmann::json::parse(json.out);
    const auto& summary = doc.at("summary");
    CHECK(summary.at("records").get<int>() == 11);
    CHECK(summary.at("cases").get<int>() + summary.at("rejected").get<int>() == summary.at("records").get<int>());
    CHECK(doc.at("rejected").size() == 8);
    int personnummer = 0;
    for (const auto& e : doc.at("rejected")) personnummer += e.at("kind") == "personnummer" ? 1 : 0;
    CHECK(personnummer == 3);
    Run validate = run_aktkoll(dir, {"validate", file});
    CHECK(validate.exit == 2);
    CHECK_FALSE(contains_personnummer(validate.out + validate.err));
}

// ---------------------------------------------------------------------------
// Report files: whole or not at all

TEST_CASE("robustness: an AtomicFile destroyed without commit leaves no file", "[robustness][output]") {
    Scratch dir;
    const std::string target = dir.path("rapport.html");
    {
        cli::AtomicFile file(target, Lang::Sv);
        REQUIRE(file.ok());
        file.stream() << "<html>halva rapporten";
        CHECK_FALSE(fs::exists(target));
        CHECK(dir.entries().size() == 1);  // the temporary file, beside the target
    }
    CHECK_FALSE(fs::exists(target));
    CHECK(dir.entries().empty());
    {
        cli::AtomicFile file(target, Lang::Sv);
        file.stream() << "hel";
        REQUIRE(file.commit());
    }
    CHECK(slurp(target) == "hel");
    CHECK(dir.entries() == std::vector<std::string>{"rapport.html"});
}

TEST_CASE("robustness: an AtomicFile never writes through a file planted at its temporary name", "[robustness][output]") {
    Scratch dir;
    const std::string target = dir.path("rapport.md");
    const std::string victim = dir.write("annan.txt", "orörd");
    fs::create_symlink(victim, target + ".tmp-" + std::to_string(::getpid()));
    cli::AtomicFile file(target, Lang::En);
    CHECK_FALSE(file.ok());
    CHECK(file.error().find("cannot write '" + target + "'") == 0);
    CHECK_FALSE(file.commit());
    CHECK(slurp(victim) == "orörd");
}

TEST_CASE("robustness: check --output into a read-only directory fails clearly, exit 2, no file", "[robustness][output][cli]") {
    REQUIRE_AKTKOLL_BINARY();
    Scratch dir;
    fs::create_directory(dir.path("skrivskyddad"));
    fs::permissions(dir.path("skrivskyddad"), fs::perms::owner_read | fs::perms::owner_exec | fs::perms::group_read |
                                                   fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
    const std::string target = dir.path("skrivskyddad/rapport.html");
    Limits nobody;
    nobody.as_nobody = true;  // root writes anywhere; permissions bind an ordinary user
    Run r = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", kSource + "/cases/exempel.ndjson", "--format", "html",
                              "--output", target},
                        nobody);
    if (r.exit == 126 || r.exit == 127) {
        WARN("cannot run aktkoll as an ordinary user here: not tested");
        return;
    }
    CHECK(r.exit == 2);
    CHECK(r.err == "aktkoll: kan inte skriva '" + target + "': Permission denied\n");
    CHECK(r.out.empty());
    CHECK(dir.entries("skrivskyddad").empty());
}

TEST_CASE("robustness: check --output to a full device reports it, exit 2, and leaves the device alone", "[robustness][output][cli]") {
    REQUIRE_AKTKOLL_BINARY();
    Scratch dir;
    // A private node for the full device when we may make one, so that a
    // regression cannot replace the system's /dev/full.
    std::string full = "/dev/full";
    if (::mknod(dir.path("full").c_str(), S_IFCHR | 0666, makedev(1, 7)) == 0) full = dir.path("full");
    Run r = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", kSource + "/cases/exempel.ndjson", "--output", full});
    CHECK(r.exit == 2);
    CHECK(r.err == "aktkoll: kunde inte skriva hela '" + full + "' (är disken full?)\n");
    struct stat st {};
    REQUIRE(::stat(full.c_str(), &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("robustness: a disk that fills up during the write leaves no partial report", "[robustness][output][cli]") {
    REQUIRE_AKTKOLL_BINARY();
    Scratch dir;
    fs::create_directory(dir.path("ut"));
    const std::string target = dir.path("ut/rapport.html");
    Limits small;
    small.file_size = 4096;  // the HTML report is far larger
    Run r = run_aktkoll(dir, {"check", kSource + "/rules/missbruk", kSource + "/cases/exempel.ndjson", "--format", "html",
                              "--output", target},
                        small);
    CHECK(r.exit == 2);
    CHECK(r.err == "aktkoll: kunde inte skriva hela '" + target + "' (är disken full?)\n");
    CHECK(dir.entries("ut").empty());
}

// ---------------------------------------------------------------------------
// Crashes found by fuzzing or reported, kept as regression tests

namespace {

std::optional<dsl::File> parse_rules(const std::string& text, dsl::Diagnostics& diags) {
    return dsl::parse("djup.akt", text, diags, Lang::Sv);
}

}  // namespace

TEST_CASE("regression: 5000 nested parentheses are a diagnostic, not a stack overflow", "[robustness][regression][parser]") {
    const std::string text = "rule R-1 {\n  requires " + std::string(5000, '(') + "a" + std::string(5000, ')') + "\n}\n";
    dsl::Diagnostics diags;
    CHECK_FALSE(parse_rules(text, diags));
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].message == "uttrycket är för djupt nästlat");
    CHECK(diags.items[0].pos.line == 2);
}

TEST_CASE("regression: 3000 nested 'exists(a where' are a diagnostic, not a stack overflow", "[robustness][regression][parser]") {
    std::string text = "rule R-1 {\n  requires ";
    for (int i = 0; i < 3000; ++i) text += "exists(a where ";
    text += "b" + std::string(3000, ')') + "\n}\n";
    dsl::Diagnostics diags;
    CHECK_FALSE(parse_rules(text, diags));
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].message == "uttrycket är för djupt nästlat");
}

TEST_CASE("regression: deep nesting of 'not' is a diagnostic, not a stack overflow", "[robustness][regression][parser]") {
    std::string text = "rule R-1 {\n  requires ";
    for (int i = 0; i < 5000; ++i) text += "not ";
    text += "a\n}\n";
    dsl::Diagnostics diags;
    CHECK_FALSE(parse_rules(text, diags));
    REQUIRE(diags.items.size() == 1);
    CHECK(diags.items[0].message == "uttrycket är för djupt nästlat");
}

TEST_CASE("graph --output runs the Graphviz program AKTKOLL_DOT names, and none when it is empty", "[robustness][cli][graph]") {
    REQUIRE_AKTKOLL_BINARY();
    Scratch dir;
    // A stand-in for dot, called as `dot -Tsvg IN -o OUT`: writes IN into OUT.
    const std::string fake = dir.path("fake-dot");
    std::ofstream(fake) << "#!/bin/sh\necho \"<svg>$2</svg>\" > \"$4\"\n";
    fs::permissions(fake, fs::perms::owner_all);
    const std::string drawn = dir.path("a.dot"), plain = dir.path("b.dot");
    ::setenv("AKTKOLL_DOT", fake.c_str(), 1);
    const Run with = run_aktkoll(dir, {"graph", kSource + "/rules/missbruk", "--output", drawn});
    ::setenv("AKTKOLL_DOT", "", 1);
    const Run without = run_aktkoll(dir, {"graph", kSource + "/rules/missbruk", "--output", plain});
    ::unsetenv("AKTKOLL_DOT");
    CHECK(with.exit == 0);
    CHECK(with.err == "skrev " + drawn + " och " + drawn + ".svg\n");
    CHECK(slurp(drawn + ".svg") == "<svg>" + drawn + "</svg>\n");
    CHECK(without.exit == 0);
    CHECK(without.err == "skrev " + plain + " (installera graphviz för SVG)\n");
    CHECK_FALSE(fs::exists(plain + ".svg"));
    CHECK(slurp(plain).find("digraph") != std::string::npos);
}
