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

namespace aktkoll::cli {

namespace {

// --period-label, or the --period text when no label is given.
std::string period_label(const Args& args) {
    if (auto l = args.value("--period-label")) return *l;
    return args.value("--period").value_or("");
}

// The Graphviz program, or "" when it must not or cannot be used.
std::string dot_program() {
    std::string dot = "dot";
    if (const char* env = std::getenv("AKTKOLL_DOT")) dot = env;
    if (dot.empty() || dot.find_first_of("'\"\\$`;&|<> \n") != std::string::npos) return "";
    if (std::system(("command -v '" + dot + "' >/dev/null 2>&1").c_str()) != 0) return "";
    return dot;
}

// A temporary file name in the temp directory, created empty (mkstemps).
std::string temp_file(const char* suffix) {
    std::string pattern = (std::filesystem::temp_directory_path() / "aktkoll-XXXXXX").string() + suffix;
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(std::char_traits<char>::length(suffix)));
    if (fd < 0) return "";
    ::close(fd);
    return pattern;
}

// DOT -> SVG text (from "<svg" on: no XML prolog or doctype inside HTML); "" on failure.
std::string render_svg(const std::string& dot_program, const std::string& dot) {
    const std::string in = temp_file(".dot"), out = temp_file(".svg");
    std::string svg;
    if (!in.empty() && !out.empty()) {
        std::ofstream(in) << dot;
        const std::string cmd = "'" + dot_program + "' -Tsvg '" + in + "' -o '" + out + "' 2>/dev/null";
        if (std::system(cmd.c_str()) == 0) {
            std::ostringstream text;
            text << std::ifstream(out).rdbuf();
            svg = text.str();
            const size_t start = svg.find("<svg");
            svg = start == std::string::npos ? std::string() : svg.substr(start);
            // Inline SVG in HTML needs no namespace declarations; without them the
            // report names no web address at all.
            for (const char* attr : {" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""})
                if (size_t at = svg.find(attr); at != std::string::npos) svg.erase(at, std::char_traits<char>::length(attr));
            // Graphviz's comments name its version and the graph: noise in a report.
            for (size_t c = svg.find("<!--"); c != std::string::npos; c = svg.find("<!--", c)) {
                const size_t end = svg.find("-->", c);
                if (end == std::string::npos) break;
                svg.erase(c, end + 3 - c);
            }
        }
    }
    std::error_code ec;
    if (!in.empty()) std::filesystem::remove(in, ec);
    if (!out.empty()) std::filesystem::remove(out, ec);
    return svg;
}

// One process over all cases, as `aktkoll graph` draws it without --case.
std::string process_dot(const RuleSet& rules, const report::StepTally& steps, uint64_t cases, size_t p, Lang lang) {
    const ProcessInfo& process = rules.processes[p];
    std::vector<std::string> labels, colors;
    for (size_t i = 0; i < process.steps.size(); ++i) {
        uint64_t missing = 0, root = 0, late = 0;
        if (p < steps.counts.size() && i < steps.counts[p].size()) {
            const auto& n = steps.counts[p][i];
            missing = n[static_cast<size_t>(StepStatus::Missing)];
            root = n[report::kRootCause];
            late = n[static_cast<size_t>(StepStatus::Late)] + n[static_cast<size_t>(StepStatus::OutOfOrder)];
        }
        labels.push_back(process.steps[i].name + "\n" +
                         fmt::format(fmt::runtime(tr(lang, "saknas {} av {} ({} grundorsak)\nsent/fel ordning {}",
                                                     "missing {} of {} ({} root cause)\nlate/out of order {}")),
                                     missing, cases, root, late));
        colors.push_back(root ? "#f08080" : missing ? "#f8c8c8" : late ? "#ffd27f" : "#b7e1b0");
    }
    return rules.compiled->processes[p].graph.to_dot(process.name, labels, colors);
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
        std::string svg = render_svg(dot, process_dot(rules, steps, cases, p, opt.lang));
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
