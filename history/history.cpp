#include "history/history.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace aktkoll {

namespace {

// ---- a thin RAII layer over the SQLite C API -------------------------------

struct SqlError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Db {
public:
    Db(const std::string& path, bool read_only) {
        const int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        sqlite3* db = nullptr;
        const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
        db_.reset(db);
        if (rc != SQLITE_OK) throw SqlError(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_busy_timeout(db, 5000);
    }
    sqlite3* get() const { return db_.get(); }
    void exec(const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(get(), sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string text = message ? message : "?";
            sqlite3_free(message);
            throw SqlError(text);
        }
    }

private:
    struct Close {
        void operator()(sqlite3* db) const { sqlite3_close(db); }
    };
    std::unique_ptr<sqlite3, Close> db_;
};

class Stmt {
public:
    Stmt(Db& db, const char* sql) : db_(db.get()) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) throw SqlError(sqlite3_errmsg(db_));
        stmt_.reset(s);
    }
    Stmt& bind(int i, const std::string& v) {
        check(sqlite3_bind_text(stmt_.get(), i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& bind(int i, int64_t v) {
        check(sqlite3_bind_int64(stmt_.get(), i, v));
        return *this;
    }
    Stmt& bind_null(int i) {
        check(sqlite3_bind_null(stmt_.get(), i));
        return *this;
    }
    // True while a row is available.
    bool step() {
        const int rc = sqlite3_step(stmt_.get());
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw SqlError(sqlite3_errmsg(db_));
    }
    void run() {
        while (step()) {
        }
        sqlite3_reset(stmt_.get());
        sqlite3_clear_bindings(stmt_.get());
    }
    std::string text(int col) const {
        const unsigned char* t = sqlite3_column_text(stmt_.get(), col);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_.get(), col)))
                 : std::string();
    }
    int64_t integer(int col) const { return sqlite3_column_int64(stmt_.get(), col); }

private:
    struct Finalize {
        void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
    };
    sqlite3* db_;
    std::unique_ptr<sqlite3_stmt, Finalize> stmt_;
    void check(int rc) const {
        if (rc != SQLITE_OK) throw SqlError(sqlite3_errmsg(db_));
    }
};

int64_t scalar(Db& db, const char* sql) {
    Stmt s(db, sql);
    return s.step() ? s.integer(0) : 0;
}

// ---- schema and migrations -------------------------------------------------

// Step i takes the schema from version i to i + 1. Never edit a step once
// released: add one.
const char* const kMigrations[] = {
    // 0 -> 1: runs, their provenance, totals per question, outcomes per case.
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL,
  pack TEXT NOT NULL,
  pack_version TEXT NOT NULL,
  evaluated_on TEXT NOT NULL,
  aktkoll_version TEXT NOT NULL,
  period TEXT NOT NULL,
  period_from TEXT NOT NULL,
  lang TEXT NOT NULL,
  cases INTEGER NOT NULL);
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
)sql",
    // 1 -> 2: the audit template's name and the rule layers with their files' SHA-256.
    R"sql(
ALTER TABLE runs ADD COLUMN template TEXT NOT NULL DEFAULT '';
CREATE TABLE run_layers(run_id INTEGER NOT NULL REFERENCES runs(id), name TEXT NOT NULL, version TEXT NOT NULL,
  path TEXT NOT NULL, sha256 TEXT NOT NULL);
)sql",
};
static_assert(std::size(kMigrations) == kHistorySchemaVersion);

// The schema version of an open database, or an error message when it is not
// a history database this aktkoll may touch.
std::string check_version(Db& db, const std::string& path, Lang lang, int& version) {
    version = static_cast<int>(scalar(db, "PRAGMA user_version"));
    if (version > kHistorySchemaVersion)
        return fmt::format(fmt::runtime(tr(lang,
                                           "'{}' har historikschema version {}, men denna aktkoll känner bara till version {} "
                                           "och ändrar inte filen: använd en nyare aktkoll",
                                           "'{}' has history schema version {}, but this aktkoll knows only version {} "
                                           "and leaves the file alone: use a newer aktkoll")),
                           path, version, kHistorySchemaVersion);
    if (version == 0) {
        if (scalar(db, "SELECT count(*) FROM sqlite_master") > 0)
            return fmt::format(fmt::runtime(tr(lang, "'{}' är en SQLite-databas men ingen aktkoll-historik",
                                               "'{}' is an SQLite database but not an aktkoll history")),
                               path);
        return "";
    }
    Stmt s(db, "SELECT value FROM meta WHERE key = 'schema'");
    if (!s.step() || s.text(0) != kHistorySchemaName)
        return fmt::format(fmt::runtime(tr(lang, "'{}' är ingen aktkoll-historik (tabellen meta saknar schema '{}')",
                                           "'{}' is not an aktkoll history (table meta lacks schema '{}')")),
                           path, kHistorySchemaName);
    return "";
}

void migrate(Db& db, int from) {
    for (int v = from; v < kHistorySchemaVersion; ++v) {
        db.exec("BEGIN IMMEDIATE");
        try {
            db.exec(kMigrations[v]);
            db.exec(fmt::format("PRAGMA user_version = {}", v + 1));
            Stmt meta(db, "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)");
            meta.bind(1, std::string("schema")).bind(2, std::string(kHistorySchemaName)).run();
            meta.bind(1, std::string("version")).bind(2, std::to_string(v + 1)).run();
            db.exec("COMMIT");
        } catch (...) {
            db.exec("ROLLBACK");
            throw;
        }
    }
}

// ---- saving ------------------------------------------------------------------

bool rule_counts(const RuleSet& rules, const CaseResult& c, int r) {
    const auto i = static_cast<size_t>(r);
    return !rules.rules[i].disabled && i < c.rules.size() && c.rules[i].reason != OutcomeReason::Disabled;
}

bool question_asked(const QuestionInfo& q, const RuleSet& rules) {
    return std::any_of(q.rules.begin(), q.rules.end(), [&](int r) { return !rules.rules[static_cast<size_t>(r)].disabled; });
}

std::string versions_json(const RuleInfo& r) {
    nlohmann::json list = nlohmann::json::array();
    for (const RuleVersionInfo& v : r.versions)
        list.push_back({{"from", v.valid_from ? format_date(*v.valid_from) : ""},
                        {"until", v.valid_until ? format_date(*v.valid_until) : ""},
                        {"cites", v.cites},
                        {"file", v.file}});
    return list.dump();
}

int64_t insert_run(Db& db, const RuleSet& rules, const RunInfo& run, const std::string& label, Lang lang, int64_t cases) {
    const auto dots = run.period.find("..");
    Stmt s(db,
           "INSERT INTO runs(label, pack, pack_version, evaluated_on, aktkoll_version, period, period_from, lang, cases, template) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, label).bind(2, rules.pack_name).bind(3, rules.pack_version).bind(4, run.evaluated_on);
    s.bind(5, run.aktkoll_version).bind(6, run.period).bind(7, dots == std::string::npos ? std::string() : run.period.substr(0, dots));
    s.bind(8, std::string(tr(lang, "sv", "en"))).bind(9, cases).bind(10, rules.template_name);
    s.run();
    return sqlite3_last_insert_rowid(db.get());
}

void insert_provenance(Db& db, int64_t id, const RuleSet& rules, const RunInfo& run) {
    Stmt in(db, "INSERT INTO run_inputs(run_id, path, sha256) VALUES (?, ?, ?)");
    for (const auto& [path, sha] : run.input_files) in.bind(1, id).bind(2, path).bind(3, sha).run();
    Stmt par(db, "INSERT INTO run_params(run_id, name, value, layer, override_reason) VALUES (?, ?, ?, ?, ?)");
    for (const ParamInfo& p : rules.params)
        par.bind(1, id).bind(2, p.name).bind(3, p.value).bind(4, p.layer).bind(5, p.override_reason).run();
    Stmt rl(db, "INSERT INTO run_rules(run_id, rule_id, layer, disabled, versions) VALUES (?, ?, ?, ?, ?)");
    for (const RuleInfo& r : rules.rules)
        rl.bind(1, id).bind(2, r.id).bind(3, r.layer).bind(4, int64_t{r.disabled}).bind(5, versions_json(r)).run();
    Stmt ly(db, "INSERT INTO run_layers(run_id, name, version, path, sha256) VALUES (?, ?, ?, ?, ?)");
    for (const LayerInfo& l : rules.layers)
        for (const auto& [path, sha] : l.files) ly.bind(1, id).bind(2, l.name).bind(3, l.version).bind(4, path).bind(5, sha).run();
}

void insert_outcomes(Db& db, int64_t id, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals) {
    Stmt qt(db,
            "INSERT INTO question_totals(run_id, position, number, text, rules, ja, nej, et, eb) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    for (size_t q = 0; q < rules.questions.size(); ++q) {
        const QuestionInfo& info = rules.questions[q];
        if (!question_asked(info, rules)) continue;
        std::vector<std::string> ids;
        for (int r : info.rules) ids.push_back(rules.rules[static_cast<size_t>(r)].id);
        const Counts c = q < totals.per_question.size() ? totals.per_question[q] : Counts{};
        qt.bind(1, id).bind(2, static_cast<int64_t>(q)).bind(3, info.number).bind(4, info.text).bind(5, nlohmann::json(ids).dump());
        for (int o = 0; o < kOutcomes; ++o) qt.bind(6 + o, static_cast<int64_t>(c.n[static_cast<size_t>(o)]));
        qt.run();
    }
    Stmt cr(db, "INSERT INTO case_rule_outcomes(run_id, case_id, rule_id, outcome, version) VALUES (?, ?, ?, ?, ?)");
    Stmt cq(db, "INSERT INTO case_question_outcomes(run_id, case_id, question, outcome) VALUES (?, ?, ?, ?)");
    for (const CaseResult& c : cases) {
        for (size_t r = 0; r < rules.rules.size(); ++r) {
            if (!rule_counts(rules, c, static_cast<int>(r))) continue;
            cr.bind(1, id).bind(2, c.id).bind(3, rules.rules[r].id).bind(4, std::string(outcome_key(c.rules[r].outcome)));
            cr.bind(5, int64_t{c.rules[r].version}).run();
        }
        for (const QuestionInfo& q : rules.questions) {
            if (std::none_of(q.rules.begin(), q.rules.end(), [&](int r) { return rule_counts(rules, c, r); })) continue;
            cq.bind(1, id).bind(2, c.id).bind(3, q.number).bind(4, std::string(outcome_key(question_outcome(q, rules, c)))).run();
        }
    }
}

// Opens for writing and brings the schema up to date; throws SqlError.
std::string open_for_writing(const std::string& path, Lang lang, std::unique_ptr<Db>& db) {
    db = std::make_unique<Db>(path, false);
    int version = 0;
    std::string error = check_version(*db, path, lang, version);
    if (!error.empty()) return error;
    migrate(*db, version);
    return "";
}

}  // namespace

std::string save_run(const std::string& path, const RuleSet& rules, const std::vector<CaseResult>& cases,
                     const Totals& totals, const RunInfo& run, const std::string& label, Lang lang) {
    try {
        std::unique_ptr<Db> db;
        if (std::string error = open_for_writing(path, lang, db); !error.empty()) return error;
        db->exec("BEGIN IMMEDIATE");
        try {
            const int64_t id = insert_run(*db, rules, run, label, lang, static_cast<int64_t>(totals.cases));
            insert_provenance(*db, id, rules, run);
            insert_outcomes(*db, id, rules, cases, totals);
            db->exec("COMMIT");
        } catch (...) {
            db->exec("ROLLBACK");
            throw;
        }
        return "";
    } catch (const SqlError& e) {
        return fmt::format(fmt::runtime(tr(lang, "kan inte spara historiken i '{}': {}", "cannot save the history in '{}': {}")),
                           path, e.what());
    }
}

// ---- reading the trend ---------------------------------------------------------

namespace {

struct StoredPeriod {
    HistoryPeriod info;
    int64_t first_id = 0, run_id = 0;
    std::string period_from;
};

std::vector<StoredPeriod> stored_periods(Db& db, const std::string& exclude) {
    std::vector<StoredPeriod> out;
    Stmt s(db,
           "SELECT r.label, f.first_id, r.id, r.evaluated_on, r.period, r.period_from, r.pack, r.pack_version, r.cases "
           "FROM runs r JOIN (SELECT label, MIN(id) AS first_id, MAX(id) AS last_id FROM runs GROUP BY label) f "
           "ON r.id = f.last_id");
    while (s.step()) {
        StoredPeriod p;
        p.info.label = s.text(0);
        if (p.info.label == exclude) continue;
        p.first_id = s.integer(1);
        p.run_id = s.integer(2);
        p.info.evaluated_on = s.text(3);
        p.info.period = s.text(4);
        p.period_from = s.text(5);
        p.info.pack = s.text(6);
        p.info.pack_version = s.text(7);
        p.info.cases = s.integer(8);
        out.push_back(std::move(p));
    }
    const bool all_dated = std::all_of(out.begin(), out.end(), [](const StoredPeriod& p) { return !p.period_from.empty(); });
    std::sort(out.begin(), out.end(), [&](const StoredPeriod& a, const StoredPeriod& b) {
        if (all_dated && a.period_from != b.period_from) return a.period_from < b.period_from;
        return a.first_id < b.first_id;
    });
    return out;
}

void read_questions(Db& db, const std::vector<StoredPeriod>& periods, Trend& out) {
    std::map<std::string, size_t> index;  // number -> position in out.questions
    Stmt s(db, "SELECT number, text, ja, nej, et, eb FROM question_totals WHERE run_id = ? ORDER BY position");
    // Latest period first, so the latest template decides the order and texts.
    for (size_t p = periods.size(); p-- > 0;) {
        s.bind(1, periods[p].run_id);
        while (s.step()) {
            const std::string number = s.text(0);
            auto [it, added] = index.emplace(number, out.questions.size());
            if (added) {
                QuestionTrend q;
                q.number = number;
                q.text = s.text(1);
                q.by_period.resize(periods.size());
                out.questions.push_back(std::move(q));
            }
            Counts c;
            for (int o = 0; o < kOutcomes; ++o) c.n[static_cast<size_t>(o)] = static_cast<uint64_t>(s.integer(2 + o));
            out.questions[it->second].by_period[p] = c;
        }
        s.run();
    }
}

std::string pick_compared(const std::vector<StoredPeriod>& periods, const TrendRequest& request, Lang lang, size_t& from,
                          size_t& to) {
    auto find = [&](const std::string& label, size_t& at) -> std::string {
        for (size_t i = 0; i < periods.size(); ++i)
            if (periods[i].info.label == label) {
                at = i;
                return "";
            }
        std::vector<std::string> labels;
        for (const auto& p : periods) labels.push_back(p.info.label);
        return fmt::format(fmt::runtime(tr(lang, "historiken har ingen period '{}' (finns: {})",
                                           "the history has no period '{}' (stored: {})")),
                           label, fmt::join(labels, ", "));
    };
    to = periods.size() - 1;
    if (!request.to.empty())
        if (auto e = find(request.to, to); !e.empty()) return e;
    from = to > 0 ? to - 1 : to;
    if (!request.from.empty())
        if (auto e = find(request.from, from); !e.empty()) return e;
    return "";
}

void read_changes(Db& db, int64_t from_run, int64_t to_run, Trend& out) {
    Stmt s(db,
           "SELECT a.question, a.case_id, a.outcome, b.outcome FROM case_question_outcomes a "
           "JOIN case_question_outcomes b ON b.run_id = ? AND b.case_id = a.case_id AND b.question = a.question "
           "WHERE a.run_id = ? AND a.outcome <> b.outcome");
    s.bind(1, to_run).bind(2, from_run);
    while (s.step()) {
        auto from = outcome_from_key(s.text(2)), to = outcome_from_key(s.text(3));
        if (!from || !to) continue;
        out.changes.push_back({s.text(0), s.text(1), *from, *to});
    }
    std::map<std::string, size_t> order;
    for (size_t i = 0; i < out.questions.size(); ++i) order.emplace(out.questions[i].number, i);
    std::sort(out.changes.begin(), out.changes.end(), [&](const OutcomeChange& a, const OutcomeChange& b) {
        const size_t qa = order.count(a.question) ? order[a.question] : order.size();
        const size_t qb = order.count(b.question) ? order[b.question] : order.size();
        if (qa != qb) return qa < qb;
        return a.case_id < b.case_id;
    });
}

}  // namespace

std::string load_trend(const std::string& path, const TrendRequest& request, Lang lang, Trend& out) {
    out = Trend{};
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fmt::format(fmt::runtime(tr(lang, "historikfilen '{}' finns inte", "the history file '{}' does not exist")), path);
    try {
        Db db(path, true);
        int version = 0;
        if (std::string error = check_version(db, path, lang, version); !error.empty()) return error;
        if (version == 0) return "";  // an empty file: no periods yet
        const std::vector<StoredPeriod> periods = stored_periods(db, request.exclude);
        for (const auto& p : periods) out.periods.push_back(p.info);
        read_questions(db, periods, out);
        if (periods.empty()) {
            if (!request.from.empty() || !request.to.empty())
                return fmt::format(fmt::runtime(tr(lang, "historiken i '{}' har inga perioder", "the history in '{}' has no periods")), path);
            return "";
        }
        size_t from = 0, to = 0;
        if (std::string error = pick_compared(periods, request, lang, from, to); !error.empty()) return error;
        if (from == to) return "";
        out.from_label = periods[from].info.label;
        out.to_label = periods[to].info.label;
        read_changes(db, periods[from].run_id, periods[to].run_id, out);
        return "";
    } catch (const SqlError& e) {
        return fmt::format(fmt::runtime(tr(lang, "kan inte läsa historiken i '{}': {}", "cannot read the history in '{}': {}")),
                           path, e.what());
    }
}

}  // namespace aktkoll
