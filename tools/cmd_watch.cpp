// aktkoll watch RULES CASES...: re-lints, re-checks and re-runs the pack's
// worked examples on every save of a rule file, a case file given or an
// example file (inotify on their folders, debounced) and redraws the
// diagnostics, the audit table and the examples' result. Ctrl-C ends it;
// --once runs one round.
#include <poll.h>
#include <signal.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "authoring/pack_tests.hpp"
#include "report/report.hpp"
#include "tools/example_results.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec watch_spec() {
    return {"watch",
            "aktkoll watch [flaggor] REGLER... ÄRENDEN...",
            "Granska om vid varje sparad regelfil, ärendefil eller exempelfil: diagnostik, granskningstabell och paketets exempel körs om (Ctrl-C avslutar)",
            "Re-check on every save of a rule file, case file or example file: diagnostics, the audit table and the pack's examples are redone (Ctrl-C ends)",
            {
                {"--once", false, "kör en omgång och avsluta (för tester)", "run one round and exit (for tests)"},
                {"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"},
                {"--no-findings", false, "utan iakttagelser per ärende", "without the findings per case"},
                {"--jobs", true, "antal trådar (standard: alla kärnor)", "number of threads (default: all cores)"},
            }};
}

namespace {

constexpr int kDebounceMs = 100;

struct Round {
    int exit = kExitOk;
    std::vector<std::string> dirs;  // folders of the layers read
};

// The pack folders named on the command line: their tests/ are run each round.
std::vector<std::string> pack_dirs(const Inputs& in) {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& p : in.rules)
        if (std::filesystem::is_directory(p, ec)) out.push_back(p);
    return out;
}

// The worked examples of the packs named, against the rules of this round:
// the counts, then a line per failed or broken example.
void test_round(const std::vector<std::string>& packs, const RuleSet& rules, Date today, Lang lang) {
    for (const auto& pack : packs) {
        std::vector<std::string> errors;
        auto tests = read_pack_tests(pack, errors, lang);
        if (tests.empty() && errors.empty()) continue;
        std::ostringstream lines;
        const ExampleTally n = write_example_results(lines, errors, run_pack_tests(tests, rules, {pack}, today, lang), false, lang);
        std::cout << fmt::format(fmt::runtime(tr(lang, "\nExempel i {}/tests: {} godkända, {} underkända, {} trasiga\n",
                                                 "\nExamples in {}/tests: {} passed, {} failed, {} broken\n")),
                                 pack, n.passed, n.failed, n.broken)
                  << lines.str();
    }
}

// One round: header, diagnostics (stderr), audit table (stdout).
Round check_round(const Inputs& in, const Args& args, const report::Options& opt, unsigned jobs, int number,
                  const std::set<std::string>& changed) {
    if (stdout_is_tty()) std::cout << "\x1b[2J\x1b[H";
    std::string what = changed.empty() ? "" : ", " + fmt::format(fmt::runtime(tr(args.lang, "ändrat: {}", "changed: {}")),
                                                                  fmt::join(changed, ", "));
    std::cout << fmt::format(fmt::runtime(tr(args.lang, "aktkoll watch: omgång {}{} (Ctrl-C avslutar)\n\n",
                                             "aktkoll watch: round {}{} (Ctrl-C ends)\n\n")),
                             number, what)
              << std::flush;
    Round round;
    auto rules = load_rules(in.rules, args);
    std::cerr << std::flush;
    if (!rules) {
        round.exit = kExitErrors;
        return round;
    }
    for (const auto& l : rules->layers) round.dirs.push_back(l.dir);
    if (in.cases.empty()) {
        std::cout << fmt::format(fmt::runtime(tr(args.lang, "{} {}: reglerna är utan fel\n", "{} {}: the rules have no errors\n")),
                                 rules->pack_name, rules->pack_version);
        test_round(pack_dirs(in), *rules, evaluation_date(), args.lang);
        return round;
    }
    PipelineOptions options;
    options.today = evaluation_date();
    options.jobs = jobs;
    // A watched export may be rewritten mid-round: read it rather than map
    // it, so that a file cut short under the reader is a short read, not SIGBUS.
    options.file_access = FileAccess::Read;
    Totals totals;
    std::vector<CaseResult> cases;
    auto report = run_pipeline(*rules, in.cases, options, [&](const CaseResult& c) {
        totals.add(*rules, c);
        cases.push_back(c);
    });
    RunInfo run = make_run_info(in.cases, std::move(report), "", options.today);
    report::write_check(std::cout, *rules, cases, totals, run, opt);
    std::cout << std::flush;
    for (const auto& c : cases)
        for (size_t i = 0; i < c.rules.size(); ++i)
            if (!rules->rules[i].disabled && c.rules[i].outcome == Outcome::Nej) round.exit = kExitFindings;
    if (run.stats.rejected) round.exit = kExitErrors;
    test_round(pack_dirs(in), *rules, options.today, args.lang);
    std::cout << std::flush;
    return round;
}

// The folder to watch for a rule path: the folder itself, or an .akt file's folder.
std::string folder_of(const std::string& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) return path;
    auto parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? "." : parent.string();
}

class RuleFolderWatch {
public:
    RuleFolderWatch() : fd_(inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
    ~RuleFolderWatch() {
        if (fd_ >= 0) close(fd_);
    }
    RuleFolderWatch(const RuleFolderWatch&) = delete;
    RuleFolderWatch& operator=(const RuleFolderWatch&) = delete;

    int fd() const { return fd_; }
    void add(const std::string& dir) {
        const std::string key = key_of(dir);
        if (watched_.count(key)) return;
        int wd = inotify_add_watch(fd_, dir.c_str(), IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM);
        if (wd >= 0) watched_[key] = wd;
    }
    // Names besides .akt files whose change starts a round: the case files
    // given and the examples (.ndjson) in a watched tests/ folder.
    void also(const std::string& file_name) { names_.insert(file_name); }

    // Reads the pending events; adds the names of changed files that matter.
    void drain(std::set<std::string>& changed) {
        alignas(inotify_event) char buf[8192];
        for (;;) {
            ssize_t n = read(fd_, buf, sizeof buf);
            if (n <= 0) return;  // EAGAIN: nothing more for now
            for (ssize_t off = 0; off < n;) {
                const auto* e = reinterpret_cast<const inotify_event*>(buf + off);
                std::string name = e->len ? std::string(e->name) : std::string();
                if (relevant(e->wd, name)) changed.insert(name);
                off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
            }
        }
    }

    void add_tests(const std::string& dir) {
        add(dir);
        auto it = watched_.find(key_of(dir));
        if (it != watched_.end()) test_dirs_.insert(it->second);
    }

private:
    static std::string key_of(const std::string& dir) {
        std::error_code ec;
        std::string key = std::filesystem::weakly_canonical(dir, ec).string();
        return key.empty() ? dir : key;
    }
    bool relevant(int wd, const std::string& name) const {
        auto ends_with = [&](const char* suffix) { return name.ends_with(suffix); };
        if (ends_with(".akt") || names_.count(name)) return true;
        return test_dirs_.count(wd) && ends_with(".ndjson");
    }

    int fd_;
    std::map<std::string, int> watched_;
    std::set<std::string> names_;
    std::set<int> test_dirs_;  // watch descriptors of tests/ folders
};

// Waits for the first change to a watched file, then until the folders have been
// quiet for kDebounceMs. False when SIGINT/SIGTERM arrived.
bool wait_for_change(RuleFolderWatch& watch, int signal_fd, std::set<std::string>& changed) {
    pollfd fds[2] = {{watch.fd(), POLLIN, 0}, {signal_fd, POLLIN, 0}};
    while (changed.empty()) {
        if (poll(fds, 2, -1) < 0 && errno != EINTR) return false;
        if (fds[1].revents) return false;
        if (fds[0].revents) watch.drain(changed);
    }
    for (;;) {
        int ready = poll(fds, 2, kDebounceMs);
        if (ready < 0 && errno != EINTR) return false;
        if (fds[1].revents) return false;
        if (ready == 0) return true;
        watch.drain(changed);
    }
}

}  // namespace

int run_watch(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (in.rules.empty()) {
        std::cerr << tr(args.lang, "aktkoll watch: ange regler (mapp eller .akt) och ärendefiler\n",
                        "aktkoll watch: give rules (folder or .akt) and case files\n");
        print_help(watch_spec(), args.lang);
        return kExitErrors;
    }
    auto jobs = jobs_from(args);
    if (!jobs) return kExitErrors;
    report::Options opt;
    opt.lang = args.lang;
    opt.findings = !args.has("--no-findings");
    opt.color = stdout_is_tty();
    if (args.has("--once")) return check_round(in, args, opt, *jobs, 1, {}).exit;

    // Ctrl-C and SIGTERM are read from a descriptor beside inotify's, so a
    // round is never cut in half. Blocked before any worker thread starts.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    const int signal_fd = signalfd(-1, &signals, SFD_CLOEXEC);
    RuleFolderWatch watch;
    if (signal_fd < 0 || watch.fd() < 0) {
        std::cerr << tr(args.lang, "aktkoll watch: kan inte bevaka mapparna (inotify)\n",
                        "aktkoll watch: cannot watch the folders (inotify)\n");
        return kExitErrors;
    }
    for (const auto& p : in.rules) watch.add(folder_of(p));
    for (const auto& c : in.cases) {
        watch.add(folder_of(c));
        watch.also(std::filesystem::path(c).filename().string());
    }
    for (const auto& p : pack_dirs(in)) watch.add_tests((std::filesystem::path(p) / "tests").string());
    std::set<std::string> changed;
    for (int number = 1;; ++number) {
        Round round = check_round(in, args, opt, *jobs, number, changed);
        for (const auto& d : round.dirs) watch.add(d);  // layers a `uses` brought in
        changed.clear();
        if (!wait_for_change(watch, signal_fd, changed)) break;
    }
    close(signal_fd);
    std::cout << '\n';
    return kExitOk;
}

}  // namespace aktkoll::cli
