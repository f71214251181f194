// aktkoll check RULES... CASES...: the audit table, findings and totals.
#include <iostream>
#include <set>

#include <fmt/core.h>

#include <nlohmann/json.hpp>

#include "run/csv_inputs.hpp"
#include "report/report.hpp"
#include "tools/check_extras.hpp"
#include "tools/output.hpp"
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
                {"--period", true, "FRÅN..TILL: ärenden med någon händelse i perioden (egenkontrollens period)", "FROM..TO: cases with an event in the period (the self-inspection period)"},
                {"--jobs", true, "antal trådar (standard: alla kärnor)", "number of threads (default: all cores)"},
                {"--totals", false, "bara summor, inga kolumner per ärende (för mycket stora uttag)", "totals only, no per-case columns (for very large exports)"},
                {"--partial", true, "skriv också summorna som delresultat (JSON) till FIL, för 'aktkoll merge'", "also write the totals as a partial result (JSON) to FILE, for 'aktkoll merge'"},
                {"--per-case", true, "skriv utfallet per ärende som NDJSON till FIL", "write the outcome per case as NDJSON to FILE"},
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
    out << "{\"id\":" << nlohmann::json(c.id).dump() << ",\"file\":" << nlohmann::json(c.file).dump() << ",\"line\":" << c.line
        << ",\"rules\":{";
    bool first = true;
    for (size_t i = 0; i < rules.rules.size(); ++i) {
        if (rules.rules[i].disabled) continue;
        out << (first ? "" : ",") << nlohmann::json(rules.rules[i].id).dump() << ":\""
            << outcome_key(c.rules[i].outcome) << "\"";
        first = false;
    }
    out << "}}\n";
}

}  // namespace

int run_check(const Args& args) {
    const Inputs in = split_inputs(args.positional);
    if (in.rules.empty() || in.cases.empty()) {
        std::cerr << tr(args.lang, "aktkoll check: ange regler (mapp eller .akt) och minst en ärendefil\n",
                        "aktkoll check: give rules (folder or .akt) and at least one case file\n");
        print_help(check_spec(), args.lang);
        return kExitErrors;
    }
    auto chosen_format = report_options(args);
    if (!chosen_format) return kExitErrors;
    report::Options opt = *chosen_format;
    opt.findings = !args.has("--no-findings");
    opt.color = opt.format == report::Format::Terminal && (args.has("--color") || (!args.has("--output") && stdout_is_tty()));
    auto selection = selection_from(args);
    auto jobs = jobs_from(args);
    if (!selection || !jobs) return kExitErrors;
    auto rules = load_rules(in.rules, args);
    if (!rules) return kExitErrors;
    auto chosen = select_rules(*rules, args);
    if (!chosen) return kExitErrors;
    if (!prepare_extras(args, opt)) return kExitErrors;

    std::optional<AtomicFile> per_case;
    if (auto path = args.value("--per-case")) {
        per_case.emplace(*path, args.lang);
        if (!per_case->ok()) {
            std::cerr << "aktkoll: " << per_case->error() << "\n";
            return kExitErrors;
        }
    }
    PipelineOptions options;
    options.jobs = *jobs;
    options.selection = *selection;
    const bool totals_only = args.has("--totals");
    Totals totals;
    std::vector<CaseResult> cases;
    bool any_nej = false;
    const bool selective = std::find(chosen->begin(), chosen->end(), false) != chosen->end();
    CaseResult masked;
    importer::CsvInputs csv;  // .csv exports, read through --mapping as temporary NDJSON
    const auto case_files = csv.convert(in.cases, args.value("--mapping"), args.lang, std::cerr);
    if (!case_files) return kExitErrors;
    auto report = run_pipeline(*rules, *case_files, options, [&](const CaseResult& read) {
        CaseResult renamed;
        const CaseResult& c = csv.source_names(read, renamed);
        const CaseResult* shown = &c;
        if (selective) {
            masked = c;
            for (size_t i = 0; i < masked.rules.size(); ++i)
                if (!(*chosen)[i]) masked.rules[i] = RuleResult{Outcome::Et, OutcomeReason::Disabled, -1};
            shown = &masked;
        }
        for (size_t i = 0; i < shown->rules.size() && !any_nej; ++i)
            any_nej = !rules->rules[i].disabled && shown->rules[i].outcome == Outcome::Nej;
        totals.add(*rules, *shown);
        if (per_case) write_per_case(per_case->stream(), *rules, *shown);
        if (!totals_only) cases.push_back(*shown);
    });
    if (!options.selection.empty() && totals.cases == 0) {
        std::cerr << tr(args.lang, "aktkoll check: inga ärenden matchar urvalet (--case, --unit, --period); kontrollera stavningen\n",
                        "aktkoll check: no cases match the selection (--case, --unit, --period); check the spelling\n");
        return kExitErrors;
    }
    std::string period = args.value("--period").value_or("");
    csv.source_names(report);
    RunInfo run = make_run_info(in.cases, std::move(report), period);
    const bool input_errors = run.stats.rejected > 0 || csv.rejected_rows() > 0;

    auto write = [&](std::ostream& out) {
        if (totals_only) report::write_totals(out, *rules, totals, run, opt);
        else report::write_check(out, *rules, cases, totals, run, opt);
    };
    attach_process_picture(*rules, cases, opt);
    if (opt.format == report::Format::Xlsx) {
        if (int rc = write_xlsx_report(args, *rules, cases, totals, run, opt, totals_only)) return rc;
    } else if (!write_output(args.value("--output"), args.lang, write)) {
        return kExitErrors;
    }
    if (auto path = args.value("--partial")) {
        report::Options json_opt = opt;
        json_opt.format = report::Format::Json;
        if (!write_file(*path, args.lang, [&](std::ostream& out) { report::write_totals(out, *rules, totals, run, json_opt); }))
            return kExitErrors;
    }
    if (per_case && !per_case->commit()) {
        std::cerr << "aktkoll: " << per_case->error() << "\n";
        return kExitErrors;
    }
    if (!save_history(args, *rules, cases, totals, run)) return kExitErrors;
    if (input_errors) {
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: {} poster avvisades (se rapporten)\n",
                                                 "aktkoll: {} records were rejected (see the report)\n")),
                                 run.stats.rejected);
        return kExitErrors;
    }
    return any_nej ? kExitFindings : kExitOk;
}

}  // namespace aktkoll::cli
