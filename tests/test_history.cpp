// The history store: two saved periods give exact shares and the cases whose
// answer changed; a newer schema is refused and the file left untouched; an
// older schema is migrated step by step; other SQLite files are refused.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "history/history.hpp"

using namespace aktkoll;

namespace {

struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static int n = 0;
        path = std::filesystem::temp_directory_path() /
               ("aktkoll-history-" + std::to_string(::getpid()) + "-" + std::to_string(++n));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    std::string file(const char* name) const { return (path / name).string(); }
};

RuleSet fixture_rules() {
    RuleSet rs;
    rs.pack_name = "missbruk";
    rs.pack_version = "2026.1";
    rs.template_name = "aktgranskning";
    rs.layers = {{"missbruk", "2026.1", "rules/missbruk", {{"rules/missbruk/10-utredning.akt", std::string(64, 'a')}}}};
    rs.params = {{"utredning_dagar", "14", "Dagar till utredning", "missbruk", ""}};
    for (const char* id : {"R-A", "R-B", "R-C"}) {
        RuleInfo r;
        r.id = id;
        r.layer = "missbruk";
        RuleVersionInfo v;
        v.question = std::string("Fråga för ") + id;
        v.cites = {"SoL 11 kap. 1 §"};
        r.versions = {v};
        rs.rules.push_back(r);
    }
    rs.questions = {{"1", "Har utredning inletts?", {0}, "missbruk"}, {"2", "Finns plan?", {1, 2}, "missbruk"}};
    return rs;
}

RuleResult res(Outcome o) {
    const OutcomeReason r = o == Outcome::Ja    ? OutcomeReason::Met
                            : o == Outcome::Nej ? OutcomeReason::NotMet
                            : o == Outcome::Et  ? OutcomeReason::DoesNotApply
                                                : OutcomeReason::RequirementUnknown;
    return {o, r, o == Outcome::Et ? int8_t(-1) : int8_t(0)};
}

CaseResult make_case(std::string id, Outcome a, Outcome b, Outcome c) {
    CaseResult cr;
    cr.id = std::move(id);
    cr.rules = {res(a), res(b), res(c)};
    return cr;
}

struct Run {
    std::vector<CaseResult> cases;
    Totals totals;
    RunInfo info;
};

Run make_run(const RuleSet& rs, std::vector<CaseResult> cases, std::string period) {
    Run r;
    r.cases = std::move(cases);
    for (const auto& c : r.cases) r.totals.add(rs, c);
    r.info.aktkoll_version = "0.1.0";
    r.info.evaluated_on = "2026-07-02";
    r.info.input_files = {{"cases/a.ndjson", std::string(64, 'b')}};
    r.info.period = std::move(period);
    return r;
}

using O = Outcome;

// 2025H2: Q1 Ja Ja Nej (2/3); Q2 Ja Nej EB (1/2).   2026H1: Q1 Ja Nej Ja Ja (3/4); Q2 Ja Ja Ja Ja (4/4).
Run first_period(const RuleSet& rs) {
    return make_run(rs,
                    {make_case("K-1", O::Ja, O::Ja, O::Ja), make_case("K-2", O::Ja, O::Nej, O::Ja),
                     make_case("K-3", O::Nej, O::EB, O::Et)},
                    "2025-07-01..2025-12-31");
}
Run second_period(const RuleSet& rs) {
    return make_run(rs,
                    {make_case("K-1", O::Ja, O::Ja, O::Ja), make_case("K-2", O::Nej, O::Ja, O::Ja),
                     make_case("K-3", O::Ja, O::Ja, O::Et), make_case("K-4", O::Ja, O::Et, O::Ja)},
                    "2026-01-01..2026-06-30");
}

std::string save(const std::string& db, const RuleSet& rs, const Run& r, const std::string& label) {
    return save_run(db, rs, r.cases, r.totals, r.info, label, Lang::Sv);
}

void exec(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open(db.c_str(), &h) == SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, &err);
    INFO((err ? err : ""));
    sqlite3_free(err);
    sqlite3_close(h);
    REQUIRE(rc == SQLITE_OK);
}

std::string query(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(h, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(h);
    return out;
}

std::string bytes_of(const std::string& path) {
    std::ostringstream s;
    s << std::ifstream(path, std::ios::binary).rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("history: two periods, exact shares oldest first, changed answers per question", "[history]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    const RuleSet rs = fixture_rules();
    REQUIRE(save(db, rs, first_period(rs), "2025H2") == "");
    REQUIRE(save(db, rs, second_period(rs), "2026H1") == "");
    CHECK(query(db, "PRAGMA user_version") == std::to_string(kHistorySchemaVersion));
    CHECK(query(db, "SELECT value FROM meta WHERE key = 'schema'") == "aktkoll-history");
    CHECK(query(db, "SELECT count(*) FROM case_rule_outcomes") == "21");  // 3·3 + 4·3
    CHECK(query(db, "SELECT sha256 FROM run_inputs LIMIT 1") == std::string(64, 'b'));
    CHECK(query(db, "SELECT value FROM run_params WHERE name = 'utredning_dagar'") == "14");

    Trend t;
    REQUIRE(load_trend(db, {}, Lang::Sv, t) == "");
    REQUIRE(t.periods.size() == 2);
    CHECK(t.periods[0].label == "2025H2");
    CHECK(t.periods[1].label == "2026H1");
    CHECK(t.periods[1].cases == 4);
    REQUIRE(t.questions.size() == 2);
    const Counts q1a = *t.questions[0].by_period[0], q1b = *t.questions[0].by_period[1];
    CHECK(q1a.of(O::Ja) == 2);
    CHECK(q1a.assessed() == 3);
    CHECK(q1b.of(O::Ja) == 3);
    CHECK(q1b.assessed() == 4);
    CHECK(share_of(q1b) == 0.75);
    const Counts q2a = *t.questions[1].by_period[0], q2b = *t.questions[1].by_period[1];
    CHECK(q2a.of(O::Ja) == 1);
    CHECK(q2a.of(O::Nej) == 1);
    CHECK(q2a.of(O::EB) == 1);
    CHECK(q2b.of(O::Ja) == 4);  // K-4: Et and Ja answer Ja
    CHECK(q2b.of(O::Et) == 0);
    CHECK(share_of(q2b) == 1.0);

    CHECK(t.from_label == "2025H2");
    CHECK(t.to_label == "2026H1");
    // Q1: K-2 Ja -> Nej, K-3 Nej -> Ja; Q2: K-2 Nej -> Ja, K-3 EB -> Ja. K-4 is new: not a change.
    REQUIRE(t.changes.size() == 4);
    CHECK((t.changes[0].question == "1" && t.changes[0].case_id == "K-2" && t.changes[0].from == O::Ja && t.changes[0].to == O::Nej));
    CHECK((t.changes[1].question == "1" && t.changes[1].case_id == "K-3" && t.changes[1].from == O::Nej && t.changes[1].to == O::Ja));
    CHECK((t.changes[2].question == "2" && t.changes[2].case_id == "K-2" && t.changes[2].from == O::Nej && t.changes[2].to == O::Ja));
    CHECK((t.changes[3].question == "2" && t.changes[3].case_id == "K-3" && t.changes[3].from == O::EB && t.changes[3].to == O::Ja));
}

TEST_CASE("history: a label saved again supersedes; --from/--to pick the compared periods", "[history]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    const RuleSet rs = fixture_rules();
    REQUIRE(save(db, rs, first_period(rs), "2025H2") == "");
    REQUIRE(save(db, rs, second_period(rs), "2026H1") == "");
    REQUIRE(save(db, rs, first_period(rs), "2026H1") == "");  // a re-run of the period, now equal to 2025H2
    Trend t;
    REQUIRE(load_trend(db, {}, Lang::Sv, t) == "");
    REQUIRE(t.periods.size() == 2);
    CHECK(t.changes.empty());
    CHECK(query(db, "SELECT count(*) FROM runs") == "3");  // nothing is deleted

    TrendRequest both{"2026H1", "2025H2", ""};
    REQUIRE(load_trend(db, both, Lang::Sv, t) == "");
    CHECK(t.from_label == "2026H1");
    CHECK(t.to_label == "2025H2");
    TrendRequest unknown{"2024H1", "", ""};
    CHECK(load_trend(db, unknown, Lang::En, t) == "the history has no period '2024H1' (stored: 2025H2, 2026H1)");
    TrendRequest without{"", "", "2026H1"};
    REQUIRE(load_trend(db, without, Lang::Sv, t) == "");
    CHECK(t.periods.size() == 1);
    CHECK(t.from_label.empty());
}

TEST_CASE("history: periods without dates are ordered by when they were first saved", "[history]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    const RuleSet rs = fixture_rules();
    Run a = first_period(rs), b = second_period(rs);
    a.info.period.clear();
    b.info.period.clear();
    REQUIRE(save(db, rs, b, "vår") == "");
    REQUIRE(save(db, rs, a, "höst") == "");
    Trend t;
    REQUIRE(load_trend(db, {}, Lang::Sv, t) == "");
    REQUIRE(t.periods.size() == 2);
    CHECK(t.periods[0].label == "vår");
    CHECK(t.periods[1].label == "höst");
}

TEST_CASE("history: a newer schema is refused and the file left as it was", "[history]") {
    TempDir dir;
    const std::string db = dir.file("h.db");
    const RuleSet rs = fixture_rules();
    REQUIRE(save(db, rs, first_period(rs), "2025H2") == "");
    exec(db, "PRAGMA user_version = 99");
    const std::string before = bytes_of(db);
    const std::string error = save_run(db, rs, {}, Totals{}, first_period(rs).info, "2026H1", Lang::En);
    CHECK(error == "'" + db + "' has history schema version 99, but this aktkoll knows only version 2 and leaves the file "
                              "alone: use a newer aktkoll");
    CHECK(bytes_of(db) == before);
    Trend t;
    CHECK_THAT(load_trend(db, {}, Lang::Sv, t), Catch::Contains("version 99"));
}

TEST_CASE("history: other SQLite files and other files are refused", "[history]") {
    TempDir dir;
    const RuleSet rs = fixture_rules();
    const std::string other = dir.file("other.db");
    exec(other, "CREATE TABLE patients(name TEXT)");
    CHECK_THAT(save(other, rs, first_period(rs), "x"), Catch::Contains("ingen aktkoll-historik"));
    CHECK(query(other, "SELECT count(*) FROM sqlite_master") == "1");
    const std::string text = dir.file("notes.txt");
    std::ofstream(text) << "not a database at all, just some text that is long enough to have a header\n";
    CHECK_THAT(save(text, rs, first_period(rs), "x"), Catch::Contains("kan inte spara historiken"));
    Trend t;
    CHECK_THAT(load_trend(dir.file("missing.db"), {}, Lang::Sv, t), Catch::Contains("finns inte"));
    CHECK(!std::filesystem::exists(dir.file("missing.db")));
}

TEST_CASE("history: a version 1 database is migrated to the current version, its runs kept", "[history]") {
    TempDir dir;
    const std::string db = dir.file("v1.db");
    // Schema version 1 as released, with one run in it.
    exec(db, R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(id INTEGER PRIMARY KEY, label TEXT NOT NULL, pack TEXT NOT NULL, pack_version TEXT NOT NULL,
  evaluated_on TEXT NOT NULL, aktkoll_version TEXT NOT NULL, period TEXT NOT NULL, period_from TEXT NOT NULL,
  lang TEXT NOT NULL, cases INTEGER NOT NULL);
CREATE INDEX runs_label ON runs(label);
CREATE TABLE run_inputs(run_id INTEGER NOT NULL REFERENCES runs(id), path TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE run_params(run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, value TEXT NOT NULL,
  layer TEXT NOT NULL, override_reason TEXT NOT NULL);
CREATE TABLE run_rules(run_id INTEGER NOT NULL REFERENCES runs(id), rule_id TEXT NOT NULL, layer TEXT NOT NULL,
  disabled INTEGER NOT NULL, versions TEXT NOT NULL);
CREATE TABLE question_totals(run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,
  number TEXT NOT NULL, text TEXT NOT NULL, rules TEXT NOT NULL,
  ja INTEGER NOT NULL, nej INTEGER NOT NULL, et INTEGER NOT NULL, eb INTEGER NOT NULL);
CREATE TABLE case_rule_outcomes(run_id INTEGER NOT NULL REFERENCES runs(id), case_id TEXT NOT NULL,
  rule_id TEXT NOT NULL, outcome TEXT NOT NULL, version INTEGER NOT NULL);
CREATE TABLE case_question_outcomes(run_id INTEGER NOT NULL REFERENCES runs(id), case_id TEXT NOT NULL,
  question TEXT NOT NULL, outcome TEXT NOT NULL);
CREATE INDEX case_question_outcomes_run ON case_question_outcomes(run_id, question, case_id);
INSERT INTO meta VALUES ('schema', 'aktkoll-history'), ('version', '1');
INSERT INTO runs VALUES (1, '2025H2', 'missbruk', '2025.2', '2026-01-10', '0.1.0', '2025-07-01..2025-12-31', '2025-07-01', 'sv', 2);
INSERT INTO question_totals VALUES (1, 0, '1', 'Har utredning inletts?', '["R-A"]', 2, 0, 0, 0);
INSERT INTO case_question_outcomes VALUES (1, 'K-1', '1', 'Ja'), (1, 'K-2', '1', 'Ja');
PRAGMA user_version = 1;
)sql");
    Trend t;
    REQUIRE(load_trend(db, {}, Lang::Sv, t) == "");  // read as it is: reading never migrates
    CHECK(query(db, "PRAGMA user_version") == "1");

    const RuleSet rs = fixture_rules();
    REQUIRE(save(db, rs, second_period(rs), "2026H1") == "");
    CHECK(query(db, "PRAGMA user_version") == "2");
    CHECK(query(db, "SELECT value FROM meta WHERE key = 'version'") == "2");
    CHECK(query(db, "SELECT template FROM runs WHERE id = 1") == "");  // the column added with its default
    CHECK(query(db, "SELECT template FROM runs WHERE label = '2026H1'") == "aktgranskning");
    CHECK(query(db, "SELECT sha256 FROM run_layers") == std::string(64, 'a'));

    REQUIRE(load_trend(db, {}, Lang::Sv, t) == "");
    REQUIRE(t.periods.size() == 2);
    CHECK(t.periods[0].pack_version == "2025.2");
    CHECK(t.questions[0].by_period[0]->of(O::Ja) == 2);
    CHECK(t.questions[0].by_period[1]->of(O::Ja) == 3);
    CHECK(!t.questions[1].by_period[0]);  // question 2 was not asked in 2025H2
    REQUIRE(t.changes.size() == 1);       // K-1 unchanged; K-3 and K-4 new
    CHECK((t.changes[0].case_id == "K-2" && t.changes[0].from == O::Ja && t.changes[0].to == O::Nej));
}

namespace {

// Saves from `processes` forked processes at the same moment (they wait on a
// pipe the parent then closes); true when every one reported success.
bool save_at_once(const std::string& db, const RuleSet& rs, const Run& r, int processes) {
    int gate[2];
    REQUIRE(::pipe(gate) == 0);
    std::vector<pid_t> children;
    for (int i = 0; i < processes; ++i) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(gate[1]);
            char c;
            while (::read(gate[0], &c, 1) > 0) {
            }
            const std::string error = save(db, rs, r, "P" + std::to_string(i));
            if (!error.empty()) std::fprintf(stderr, "%s\n", error.c_str());
            ::_exit(error.empty() ? 0 : 1);
        }
        children.push_back(pid);
    }
    ::close(gate[0]);
    ::close(gate[1]);  // all go
    bool ok = true;
    for (pid_t pid : children) {
        int status = 0;
        ::waitpid(pid, &status, 0);
        ok = ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    return ok;
}

}  // namespace

TEST_CASE("history: saves at the same moment into a new or an existing file all land") {
    TempDir dir;
    const RuleSet rs = fixture_rules();
    const Run r = first_period(rs);
    for (int round = 0; round < 6; ++round) {
        const std::string db = dir.file(("ny-" + std::to_string(round) + ".db").c_str());
        CHECK(save_at_once(db, rs, r, 4));
        CHECK(query(db, "SELECT count(*) FROM runs") == "4");
        CHECK(query(db, "PRAGMA user_version") == std::to_string(kHistorySchemaVersion));
    }
    const std::string existing = dir.file("befintlig.db");
    REQUIRE(save(existing, rs, r, "före").empty());
    CHECK(save_at_once(existing, rs, r, 4));
    CHECK(query(existing, "SELECT count(*) FROM runs") == "5");
}
