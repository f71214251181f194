#include "tools/rules_cli.hpp"

#include "intake/sample_file.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <iostream>

#include <fmt/core.h>
#include <unistd.h>

#include "dsl/pack_search.hpp"

namespace aktkoll::cli {

bool is_rule_path(const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_directory(path, ec) || std::filesystem::path(path).extension() == ".akt";
}

std::string resolve_pack(const std::string& arg) {
    std::error_code ec;
    if (std::filesystem::exists(arg, ec)) return arg;
    return dsl::find_pack(arg).value_or(arg);
}

std::vector<std::string> resolve_packs(const std::vector<std::string>& args) {
    std::vector<std::string> out;
    for (const auto& a : args) out.push_back(resolve_pack(a));
    return out;
}

Inputs split_inputs(const std::vector<std::string>& positional) {
    Inputs in;
    for (const auto& arg : positional) {
        std::string p = resolve_pack(arg);
        (is_rule_path(p) ? in.rules : in.cases).push_back(std::move(p));
    }
    return in;
}

bool check_inputs(const Inputs& in, Lang lang) {
    for (const auto* list : {&in.rules, &in.cases})
        for (const std::string& path : *list) {
            std::error_code ec;
            if (!std::filesystem::exists(path, ec)) {
                std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: '{}' finns inte\n", "aktkoll: '{}' does not exist\n")), path);
                return false;
            }
        }
    // A folder is read as rules: one without .akt files is a folder of cases or a typo.
    for (const std::string& path : in.rules) {
        std::error_code ec;
        if (!std::filesystem::is_directory(path, ec)) continue;
        bool any = false;
        for (const auto& entry : std::filesystem::directory_iterator(path, ec))
            any = any || (entry.is_regular_file() && entry.path().extension() == ".akt");
        if (!any) {
            std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll: mappen '{}' har inga regler (.akt-filer); ärendefiler anges var för sig\n",
                                                     "aktkoll: the folder '{}' has no rules (.akt files); give case files one by one\n")),
                                     path);
            return false;
        }
    }
    for (const std::string& path : in.cases) {
        std::string ext = std::filesystem::path(path).extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (ext == ".xls") {  // .xlsx is read as a review workbook (aktkoll form)
            std::cerr << fmt::format(fmt::runtime(tr(lang,
                                                     "aktkoll: {} är en Excel-fil i det gamla formatet, som aktkoll inte läser: spara den som CSV och ange --mapping MAPPNING.toml (se docs/import.md)\n",
                                                     "aktkoll: {} is an Excel file in the old format, which aktkoll does not read: save it as CSV and give --mapping MAPPING.toml (see docs/import.md)\n")),
                                     path);
            return false;
        }
    }
    return true;
}

std::optional<std::vector<dsl::CommandLineParam>> param_overrides(const Args& args) {
    std::vector<dsl::CommandLineParam> out;
    for (const auto& v : args.all("--param")) {
        auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: --param ska skrivas NAMN=VÄRDE, inte '{}'\n",
                                                     "aktkoll: --param takes NAME=VALUE, not '{}'\n")),
                                     v);
            return std::nullopt;
        }
        out.push_back({v.substr(0, eq), v.substr(eq + 1)});
    }
    return out;
}

bool stderr_is_tty() { return isatty(STDERR_FILENO) != 0; }
bool stdout_is_tty() { return isatty(STDOUT_FILENO) != 0; }

void print_diagnostics(const dsl::Diagnostics& diags, const dsl::SourceMap& sources, Lang lang) {
    const bool color = stderr_is_tty();
    for (const auto& d : diags.items) std::cerr << dsl::render(d, sources, lang, color);
}

std::optional<RuleSet> load_rules(const std::vector<std::string>& paths, const Args& args, bool quiet_warnings) {
    auto overrides = param_overrides(args);
    if (!overrides) return std::nullopt;
    dsl::Diagnostics diags;
    dsl::SourceMap sources;
    auto rules = load_rule_set(paths, *overrides, diags, sources, args.lang);
    if (!rules || !quiet_warnings) print_diagnostics(diags, sources, args.lang);
    if (!rules)
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: reglerna har {} fel; inga ärenden granskades\n",
                                                 "aktkoll: the rules have {} errors; no cases were checked\n")),
                                 diags.error_count());
    return rules;
}

}  // namespace aktkoll::cli

#include <chrono>
#include <cstdlib>

namespace aktkoll::cli {

Date evaluation_date() {
    if (const char* fixed = std::getenv("AKTKOLL_EVALUATION_DATE"))
        if (auto d = parse_date(fixed)) return *d;
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

RunInfo make_run_info(const std::vector<std::string>& case_files, PipelineReport report, const std::string& period,
                      Date today) {
    RunInfo run;
    run.aktkoll_version = AKTKOLL_VERSION;
    run.evaluated_on = format_date(today);
    for (const auto& f : case_files) {
        auto hashed = std::find_if(report.input_sha256.begin(), report.input_sha256.end(),
                                   [&](const auto& h) { return h.first == f; });
        run.input_files.emplace_back(f, hashed != report.input_sha256.end() ? hashed->second : sha256_file(f));
    }
    run.stats = report.stats;
    run.rejected = std::move(report.rejected);
    run.period = period;
    return run;
}

std::optional<CaseSelection> selection_from(const Args& args) {
    CaseSelection s;
    if (auto period = args.value("--period")) {
        auto dots = period->find("..");
        auto bad = [&] {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: --period ska skrivas ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD, inte '{}'\n",
                                                     "aktkoll: --period takes YYYY-MM-DD..YYYY-MM-DD, not '{}'\n")),
                                     *period);
            return std::nullopt;
        };
        if (dots == std::string::npos) return bad();
        std::string from = period->substr(0, dots), until = period->substr(dots + 2);
        if (!from.empty() && !(s.from = parse_date(from))) return bad();
        if (!until.empty() && !(s.until = parse_date(until))) return bad();
        if (s.from && s.until && *s.until < *s.from) return bad();
    }
    s.units = args.all("--unit");
    s.ids = args.all("--case");
    if (auto path = args.value("--cases-from")) {  // the draw aktkoll sample --output wrote
        std::string error;
        auto draw = read_sample_file(*path, args.lang, error);
        if (!draw) {
            std::cerr << "aktkoll: " << error << "\n";
            return std::nullopt;
        }
        s.ids.insert(s.ids.end(), draw->ids.begin(), draw->ids.end());
    }
    return s;
}

std::optional<unsigned> jobs_from(const Args& args) {
    auto v = args.value("--jobs");
    if (!v) return 0u;
    try {
        size_t used = 0;
        long n = std::stol(*v, &used);
        if (used == v->size() && n >= 0 && n <= 1024) return static_cast<unsigned>(n);
    } catch (...) {
    }
    std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: --jobs ska vara ett heltal, inte '{}'\n",
                                             "aktkoll: --jobs takes a whole number, not '{}'\n")),
                             *v);
    return std::nullopt;
}

}  // namespace aktkoll::cli

namespace aktkoll::cli {

std::optional<report::Options> report_options(const Args& args) {
    report::Options opt;
    opt.lang = args.lang;
    if (auto f = args.value("--format")) {
        auto format = report::parse_format(*f);
        if (!format) {
            std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: okänt format '{}' (terminal, md, csv, json, html, xlsx)\n",
                                                     "aktkoll: unknown format '{}' (terminal, md, csv, json, html, xlsx)\n")),
                                     *f);
            return std::nullopt;
        }
        opt.format = *format;
    }
    return opt;
}

}  // namespace aktkoll::cli
