// aktkoll check RULES... CASES...: the audit table, findings and totals.
#include <iostream>
#include <set>

#include <fmt/core.h>

#include "input/case_files.hpp"
#include "input/unknown_names.hpp"
#include "run/check_run.hpp"
#include "run/review_inputs.hpp"
#include "report/report.hpp"
#include "tools/check_extras.hpp"
#include "tools/output.hpp"
#include "tools/progress.hpp"
#include "tools/review_cli.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec check_spec() {
    return {"check",
            "aktkoll check [flaggor] REGLER... ÄRENDEN...",
            "Granska ärenden mot reglerna: granskningstabell, iakttagelser och summor",
            "Check cases against the rules: audit table, findings and totals",
            {
                {"--format", true, "terminal, md, csv, json, html eller xlsx (standard terminal)", "terminal, md, csv, json, html or xlsx (default terminal)"},
                {"--output", true, "skriv rapporten till FIL (atomärt) i stället för standard ut", "write the report to FILE (atomically) instead of standard output"},
                {"--param", true, "NAMN=VÄRDE: ändra en parameter (kan upprepas)", "NAME=VALUE: override a parameter (repeatable)"},
                {"--rule", true, "granska bara regeln ID (kan upprepas)", "check only the rule ID (repeatable)"},
                {"--question", true, "visa bara fråga NR i mallen (kan upprepas)", "show only question NR of the template (repeatable)"},
                {"--unit", true, "granska bara ärenden från enheten (kan upprepas)", "check only cases of the unit (repeatable)"},
                {"--case", true, "granska bara ärendet ID (kan upprepas)", "check only the case ID (repeatable)"},
                {"--title", true, "rapportens titel (standard: mallens, eller 'Aktgranskning – KOMMUN')", "the report's title (default: the template's, or 'Case file review – MUNICIPALITY')"},
                {"--kommun", true, "kommunen i rapportens huvud (standard: arbetsbokens försättsblad)", "the municipality in the report's header (default: the workbook's cover)"},
                {"--namnd", true, "nämnden i rapportens huvud", "the committee in the report's header"},
                {"--reviewer", true, "granskaren i rapportens huvud", "the reviewer in the report's header"},
                {"--cases-from", true, "granska ärendena i urvalet FIL (från aktkoll sample --output)", "check the cases of the draw FILE (from aktkoll sample --output)"},
                {"--period", true, "FRÅN..TILL: ärenden med någon händelse i perioden (egenkontrollens period)", "FROM..TO: cases with an event in the period (the self-inspection period)"},
                {"--jobs", true, "antal trådar (standard: alla kärnor)", "number of threads (default: all cores)"},
                {"--totals", false, "bara summor, inga kolumner per ärende (för mycket stora uttag)", "totals only, no per-case columns (for very large exports)"},
                {"--partial", true, "skriv också summorna som delresultat (JSON) till FIL, för 'aktkoll merge'", "also write the totals as a partial result (JSON) to FILE, for 'aktkoll merge'"},
                {"--per-case", true, "skriv utfallet per ärende som NDJSON till FIL", "write the outcome per case as NDJSON to FILE"},
                {"--all-cases", false, "resultat och anmärkningar per ärende i rapporten även för mer än 1000 ärenden", "results and findings per case in the report even for more than 1000 cases"},
                {"--no-findings", false, "utan iakttagelser per ärende", "without the findings per case"},
                {"--color", false, "färg även när utdata inte är en terminal", "colour even when output is not a terminal"},
                {"--save", true, "spara körningen i historiken FIL (SQLite) för aktkoll trend", "save the run in the history FILE (SQLite) for aktkoll trend"},
                {"--period-label", true, "periodens namn i historiken, t.ex. 2026H1 (standard: --period)", "the period's name in the history, e.g. 2026H1 (default: --period)"},
                {"--mapping", true, "TOML-fil för att läsa .csv-uttag (docs/import.md)", "TOML file to read .csv exports with (docs/import.md)"},
            }};
}

namespace {

// Applies --rule/--question: rules not chosen are shown as not selected.
std::optional<std::vector<bool>> select_rules(RuleSet& rules, const Args& args) {
    std::vector<bool> chosen(rules.rules.size(), true);
    auto rule_ids = args.all("--rule");
    auto numbers = args.all("--question");
    if (rule_ids.empty() && numbers.empty()) return chosen;
    std::fill(chosen.begin(), chosen.end(), rule_ids.empty());
    for (const auto& id : rule_ids) {
        int i = rules.rule_index(id);
        if (i < 0) {
            std::vector<std::string> ids;
            for (const auto& r : rules.rules) ids.push_back(r.id);
            std::string hint = dsl::did_you_mean(id, ids);
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänd regel '{}'{}\n", "aktkoll: unknown rule '{}'{}\n")), id,
                                     hint.empty() ? "" : fmt::format(fmt::runtime(tr(args.lang, " (menade du '{}'?)", " (did you mean '{}'?)")), hint));
            return std::nullopt;
        }
        chosen[static_cast<size_t>(i)] = true;
    }
    std::vector<QuestionInfo> kept;
    for (const auto& q : rules.questions) {
        bool by_number = numbers.empty() || std::find(numbers.begin(), numbers.end(), q.number) != numbers.end();
        bool by_rule = std::any_of(q.rules.begin(), q.rules.end(), [&](int r) { return chosen[static_cast<size_t>(r)]; });
        if (by_number && by_rule) kept.push_back(q);
    }
    for (const auto& n : numbers) {
        if (std::none_of(rules.questions.begin(), rules.questions.end(), [&](const QuestionInfo& q) { return q.number == n; })) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: mallen har ingen fråga '{}'\n", "aktkoll: the template has no question '{}'\n")), n);
            return std::nullopt;
        }
    }
    if (!numbers.empty() && rule_ids.empty()) {
        std::fill(chosen.begin(), chosen.end(), false);
        for (const auto& q : kept)
            for (int r : q.rules) chosen[static_cast<size_t>(r)] = true;
    }
    rules.questions = std::move(kept);
    for (size_t i = 0; i < chosen.size(); ++i) {
        if (chosen[i] || rules.rules[i].disabled) continue;
        rules.rules[i].disabled = true;
        rules.rules[i].disabled_by = tr(args.lang, "kommandoraden", "the command line");
        rules.rules[i].disabled_reason = tr(args.lang, "inte vald", "not selected");
    }
    return chosen;
}

void write_per_case(std::ostream& out, const RuleSet& rules, const CaseResult& c) {
    thread_local std::string line;  // written into a string, not a JSON value per case: a million cases take seconds
    line.assign("{\"id\":");
    report::append_json_string(line, c.id);
    line += ",\"file\":";
    report::append_json_string(line, c.file);
    line += ",\"line\":";
    line += std::to_string(c.line);
    line += ",\"rules\":{";
    bool first = true;
    for (size_t i = 0; i < rules.rules.size(); ++i) {
        if (rules.rules[i].disabled) continue;
        if (!first) line += ',';
        report::append_json_string(line, rules.rules[i].id);
        ((line += ":\"") += outcome_key(c.rules[i].outcome)) += '"';
        first = false;
    }
    line += "}}\n";
    out << line;
}

// Everything check needs before the cases are read; nullopt after a message.
struct CheckSetup {
    RuleSet rules;
    report::Options opt;
    CheckRunOptions run;
};

std::optional<CheckSetup> check_setup(const Args& args, const Inputs& in) {
    auto chosen_format = report_options(args);
    if (!chosen_format) return std::nullopt;
    report::Options opt = *chosen_format;
    opt.findings = !args.has("--no-findings");
    opt.all_cases = args.has("--all-cases");
    opt.color = opt.format == report::Format::Terminal && (args.has("--color") || (!args.has("--output") && stdout_is_tty()));
    auto selection = selection_from(args);
    auto jobs = jobs_from(args);
    if (!selection || !jobs) return std::nullopt;
    auto rules = load_rules(in.rules, args);
    if (!rules) return std::nullopt;
    auto chosen = select_rules(*rules, args);
    if (!chosen) return std::nullopt;
    if (!prepare_extras(args, opt)) return std::nullopt;
    CheckRunOptions run;
    run.pipeline.jobs = *jobs;
    run.pipeline.today = evaluation_date();
    run.pipeline.selection = std::move(*selection);
    run.chosen = std::move(*chosen);
    // The report streams; the workbook and the history want every case (the
    // workbook one more than it can hold, to say so).
    const bool totals_only = args.has("--totals");
    if (args.has("--save")) run.keep_at_most = SIZE_MAX;
    else if (opt.format == report::Format::Xlsx && !totals_only) run.keep_at_most = report::kXlsxMaxCases + 1;
    else run.keep_at_most = 0;
    return CheckSetup{std::move(*rules), opt, std::move(run)};
}

// The report and the files besides it (--partial, --per-case, --save). Exit code.
int write_check(const Args& args, const RuleSet& rules, const CheckRun& result, report::CheckReport& checked,
                const RunInfo& run, report::Options& opt, std::optional<AtomicFile>& per_case) {
    const bool totals_only = args.has("--totals");
    auto write = [&](std::ostream& out) {
        if (totals_only) report::write_totals(out, rules, result.totals, run, opt);
        else checked.write(out, result.totals, run, opt);
    };
    attach_process_picture(rules, checked.steps(), checked.cases(), opt);
    if (opt.format == report::Format::Xlsx) {
        if (int rc = write_xlsx_report(args, rules, result.cases, result.totals, run, opt, totals_only)) return rc;
    } else if (!write_output(args.value("--output"), args.lang, write)) {
        return kExitErrors;
    }
    if (auto path = args.value("--partial")) {
        report::Options json_opt = opt;
        json_opt.format = report::Format::Json;
        if (!write_file(*path, args.lang, [&](std::ostream& out) { report::write_totals(out, rules, result.totals, run, json_opt); }))
            return kExitErrors;
    }
    if (per_case && !per_case->commit()) {
        std::cerr << "aktkoll: " << per_case->error() << "\n";
        return kExitErrors;
    }
    if (!save_history(args, rules, result.cases, result.totals, run)) return kExitErrors;
    return kExitOk;
}

}  // namespace

int run_check(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (!check_inputs(in, args.lang)) return kExitErrors;
    if (in.rules.empty() || in.cases.empty()) {
        std::cerr << tr(args.lang, "aktkoll check: ange regler (mapp eller .akt) och minst en ärendefil\n",
                        "aktkoll check: give rules (folder or .akt) and at least one case file\n");
        print_help(check_spec(), args.lang);
        return kExitErrors;
    }
    auto setup = check_setup(args, in);
    if (!setup) return kExitErrors;
    const RuleSet& rules = setup->rules;
    std::optional<AtomicFile> per_case;
    if (auto path = args.value("--per-case")) {
        per_case.emplace(*path, args.lang);
        if (!per_case->ok()) {
            std::cerr << "aktkoll: " << per_case->error() << "\n";
            return kExitErrors;
        }
    }
    const bool totals_only = args.has("--totals");
    report::CheckReport checked(rules, setup->opt);  // holds a bounded number of cases
    Progress progress(args.lang);
    uint64_t seen = 0;
    setup->run.each = [&](const CaseResult& c) {
        if (per_case) write_per_case(per_case->stream(), rules, c);
        if (!totals_only) checked.add(c);
        progress.tick(++seen);
    };
    // Filled review workbooks (.xlsx) are merged with the exports beside them
    // into one file of cases, which is then read like any export.
    review::ReviewInputs workbooks;
    const auto paths = workbooks.convert(in.cases, rules, args.lang, std::cerr);
    if (!paths) return kExitErrors;
    describe_scope(args, workbooks, setup->run.pipeline.selection, setup->opt);
    CaseFiles opened;
    auto files = opened.open(*paths, {args.value("--mapping"), args.lang}, std::cerr);
    if (!files) return kExitErrors;
    if (workbooks.active())
        for (CaseFile& f : *files) f.path = workbooks.workbook();  // results and errors name the workbook
    CheckRun result = run_check_cases(rules, *files, setup->run);
    progress.done();
    if (!setup->run.pipeline.selection.empty() && result.totals.cases == 0) {
        std::cerr << tr(args.lang, "aktkoll check: inga ärenden matchar urvalet (--case, --unit, --period); kontrollera stavningen\n",
                        "aktkoll check: no cases match the selection (--case, --unit, --period); check the spelling\n");
        return kExitErrors;
    }
    std::vector<MisspeltName> misspelt = misspelt_names(result.report.unknown_names, rules.schema);
    RunInfo run = make_run_info(in.cases, std::move(result.report), args.value("--period").value_or(""), setup->run.pipeline.today);
    run.misspelt = std::move(misspelt);
    if (int rc = write_check(args, rules, result, checked, run, setup->opt, per_case)) return rc;
    if (workbooks.problems() > 0)
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: {} fel i granskningsarbetsboken (se ovan)\n",
                                                 "aktkoll: {} errors in the review workbook (see above)\n")),
                                 workbooks.problems());
    for (const auto& m : run.misspelt) std::cerr << "aktkoll: " << describe(m, args.lang) << "\n";
    if (run.stats.rejected > 0)
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: {} poster avvisades (se rapporten)\n",
                                                 "aktkoll: {} records were rejected (see the report)\n")),
                                 run.stats.rejected);
    if (run.stats.rejected > 0 || workbooks.problems() > 0) return kExitErrors;
    return result.any_nej ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
