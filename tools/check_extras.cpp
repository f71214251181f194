#include "tools/check_extras.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/core.h>

#include "engine/compile.hpp"
#include "history/history.hpp"
#include "tools/process_picture.hpp"

namespace aktkoll::cli {

namespace {

// --period-label, or the --period text when no label is given.
std::string period_label(const Args& args) {
    if (auto l = args.value("--period-label")) return *l;
    return args.value("--period").value_or("");
}

}  // namespace

bool prepare_extras(const Args& args, report::Options& opt) {
    const Lang lang = args.lang;
    if (opt.format == report::Format::Xlsx && !args.has("--output")) {
        std::cerr << tr(lang, "aktkoll: xlsx är ett binärt format och skrivs inte till standard ut: ange --output FIL.xlsx\n",
                        "aktkoll: xlsx is a binary format and is not written to standard output: give --output FILE.xlsx\n");
        return false;
    }
    auto path = args.value("--save");
    if (!path) {
        if (args.has("--period-label")) {
            std::cerr << tr(lang, "aktkoll: --period-label hör till --save HISTORIK.db\n",
                            "aktkoll: --period-label goes with --save HISTORY.db\n");
            return false;
        }
        return true;
    }
    const std::string label = period_label(args);
    if (label.empty()) {
        std::cerr << tr(lang, "aktkoll: --save behöver --period-label ETIKETT (t.ex. 2026H1) eller --period\n",
                        "aktkoll: --save needs --period-label LABEL (e.g. 2026H1) or --period\n");
        return false;
    }
    std::error_code ec;
    if (!std::filesystem::exists(*path, ec)) return true;
    // Reading the earlier periods also refuses a history this aktkoll does not know.
    TrendRequest request;
    request.exclude = label;
    Trend earlier;
    if (std::string error = load_trend(*path, request, lang, earlier); !error.empty()) {
        std::cerr << "aktkoll: " << error << '\n';
        return false;
    }
    if (opt.format == report::Format::Html) {
        opt.history = std::move(earlier);
        opt.period_label = label;
    }
    return true;
}

void attach_process_picture(const RuleSet& rules, const report::StepTally& steps, uint64_t cases, report::Options& opt) {
    if (opt.format != report::Format::Html || rules.processes.empty() || cases == 0) return;
    const std::string dot = dot_program();
    if (dot.empty()) return;
    std::string svgs;
    for (size_t p = 0; p < rules.processes.size(); ++p) {
        std::string svg = render_svg(dot, tally_process_dot(rules, p, steps, cases, opt.lang));
        if (svg.empty()) return;  // dot failed: the table of step counts instead
        svgs += svg;
    }
    opt.process_svg = std::move(svgs);
}

int write_xlsx_report(const Args& args, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals,
                      const RunInfo& run, const report::Options& opt, bool totals_only) {
    const Lang lang = args.lang;
    auto path = args.value("--output");
    if (!path) {
        std::cerr << tr(lang, "aktkoll: xlsx är ett binärt format och skrivs inte till standard ut: ange --output FIL.xlsx\n",
                        "aktkoll: xlsx is a binary format and is not written to standard output: give --output FILE.xlsx\n");
        return kExitErrors;
    }
    // Beside the target, then renamed: an interrupted run never leaves half a workbook.
    const std::string temp = *path + ".tmp-" + std::to_string(::getpid()) + ".xlsx";
    std::string error = report::write_check_xlsx(temp, rules, cases, totals, run, opt, totals_only);
    if (error.empty() && std::rename(temp.c_str(), path->c_str()) != 0)
        error = fmt::format(fmt::runtime(tr(lang, "kan inte byta namn till '{}'", "cannot rename to '{}'")), *path);
    if (!error.empty()) {
        std::error_code ec;
        std::filesystem::remove(temp, ec);
        std::cerr << "aktkoll: " << error << '\n';
        return kExitErrors;
    }
    return kExitOk;
}

bool save_history(const Args& args, const RuleSet& rules, const std::vector<CaseResult>& cases, const Totals& totals,
                  const RunInfo& run) {
    auto path = args.value("--save");
    if (!path) return true;
    const std::string label = period_label(args);
    if (std::string error = save_run(*path, rules, cases, totals, run, label, args.lang); !error.empty()) {
        std::cerr << "aktkoll: " << error << '\n';
        return false;
    }
    std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll: sparade perioden {} i {}\n", "aktkoll: saved the period {} in {}\n")),
                             label, *path);
    return true;
}

}  // namespace aktkoll::cli
