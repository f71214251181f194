#include "tools/process_picture.hpp"

#include <array>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/core.h>

#include "engine/compile.hpp"

namespace aktkoll::cli {

namespace {

const char* color_of(const StepResult& s) {
    switch (s.status) {
        case StepStatus::Present: return "#b7e1b0";
        case StepStatus::Missing: return s.root_cause < 0 ? "#f08080" : "#f8c8c8";
        case StepStatus::Late: return "#ffd27f";
        case StepStatus::OutOfOrder: return "#d7b5f0";
        case StepStatus::Unknown: return "#fff3b0";
        case StepStatus::NotRequired: return "#eeeeee";
        case StepStatus::NotYetDue: return "#cfe3f7";
    }
    return "";
}

// "ej förfallen N" on its own line; nothing while no case has the step not yet due.
std::string not_yet_due(uint64_t n, Lang lang) {
    return n ? "\n" + fmt::format(fmt::runtime(tr(lang, "ej förfallen {}", "not yet due {}")), n) : std::string();
}

std::string to_dot(const RuleSet& rules, size_t process, const std::vector<std::string>& labels,
                   const std::vector<std::string>& colors) {
    return rules.compiled->processes[process].graph.to_dot(rules.processes[process].name, labels, colors);
}

// A temporary file name in the temp directory, created empty (mkstemps).
std::string temp_file(const char* suffix) {
    std::string pattern = (std::filesystem::temp_directory_path() / "aktkoll-XXXXXX").string() + suffix;
    const int fd = ::mkstemps(pattern.data(), static_cast<int>(std::char_traits<char>::length(suffix)));
    if (fd < 0) return "";
    ::close(fd);
    return pattern;
}

// The SVG as HTML can inline it: no XML prolog or doctype, no namespace
// declarations (so the report names no web address at all), and no
// Graphviz comments (its version and the graph: noise in a report).
std::string inline_svg(std::string svg) {
    const size_t start = svg.find("<svg");
    svg = start == std::string::npos ? std::string() : svg.substr(start);
    for (const char* attr : {" xmlns=\"http://www.w3.org/2000/svg\"", " xmlns:xlink=\"http://www.w3.org/1999/xlink\""})
        if (size_t at = svg.find(attr); at != std::string::npos) svg.erase(at, std::char_traits<char>::length(attr));
    for (size_t c = svg.find("<!--"); c != std::string::npos; c = svg.find("<!--", c)) {
        const size_t end = svg.find("-->", c);
        if (end == std::string::npos) break;
        svg.erase(c, end + 3 - c);
    }
    return svg;
}

}  // namespace

std::string case_process_dot(const RuleSet& rules, size_t process, const CaseResult& c, Lang lang) {
    const ProcessInfo& info = rules.processes[process];
    std::vector<std::string> labels, colors;
    for (size_t i = 0; i < info.steps.size(); ++i) {
        const StepResult& s = c.processes[process][i];
        std::string label = info.steps[i].name + "\n" + step_status_label(s.status, lang);
        if (s.date) label += "\n" + format_date(*s.date);
        if (s.status == StepStatus::Missing && s.root_cause >= 0)
            label += "\n" + fmt::format(fmt::runtime(tr(lang, "följer av {}", "follows from {}")),
                                        info.steps[static_cast<size_t>(s.root_cause)].name);
        labels.push_back(std::move(label));
        colors.push_back(color_of(s));
    }
    return to_dot(rules, process, labels, colors);
}

std::string tally_process_dot(const RuleSet& rules, size_t process, const report::StepTally& steps, uint64_t cases,
                              Lang lang) {
    const ProcessInfo& info = rules.processes[process];
    std::vector<std::string> labels, colors;
    for (size_t i = 0; i < info.steps.size(); ++i) {
        std::array<uint64_t, kStepStatuses + 1> n{};
        if (process < steps.counts.size() && i < steps.counts[process].size()) n = steps.counts[process][i];
        const uint64_t missing = n[static_cast<size_t>(StepStatus::Missing)], root = n[report::kRootCause],
                       late = n[static_cast<size_t>(StepStatus::Late)] + n[static_cast<size_t>(StepStatus::OutOfOrder)];
        labels.push_back(info.steps[i].name + "\n" +
                         fmt::format(fmt::runtime(tr(lang, "saknas {} av {} ({} grundorsak)\nsent/fel ordning {}",
                                                     "missing {} of {} ({} root cause)\nlate/out of order {}")),
                                     missing, cases, root, late) +
                         not_yet_due(n[static_cast<size_t>(StepStatus::NotYetDue)], lang));
        colors.push_back(root ? "#f08080" : missing ? "#f8c8c8" : late ? "#ffd27f" : "#b7e1b0");
    }
    return to_dot(rules, process, labels, colors);
}

std::string plain_process_dot(const RuleSet& rules, size_t process) {
    std::vector<std::string> labels;
    for (const StepInfo& s : rules.processes[process].steps) labels.push_back(s.name);
    return to_dot(rules, process, labels, std::vector<std::string>(labels.size()));
}

std::string dot_program() {
    std::string dot = "dot";
    if (const char* env = std::getenv("AKTKOLL_DOT")) dot = env;
    if (dot.empty() || dot.find_first_of("'\"\\$`;&|<> \n") != std::string::npos) return "";
    if (std::system(("command -v '" + dot + "' >/dev/null 2>&1").c_str()) != 0) return "";
    return dot;
}

bool run_dot(const std::string& program, const std::string& dot_path, const std::string& svg_path) {
    if (program.empty() || dot_path.find('\'') != std::string::npos || svg_path.find('\'') != std::string::npos)
        return false;
    const std::string cmd = "'" + program + "' -Tsvg '" + dot_path + "' -o '" + svg_path + "' 2>/dev/null";
    return std::system(cmd.c_str()) == 0;
}

std::string render_svg(const std::string& program, const std::string& dot) {
    const std::string in = temp_file(".dot"), out = temp_file(".svg");
    std::string svg;
    if (!in.empty() && !out.empty()) {
        std::ofstream(in) << dot;
        if (run_dot(program, in, out)) {
            std::ostringstream text;
            text << std::ifstream(out).rdbuf();
            svg = inline_svg(text.str());
        }
    }
    std::error_code ec;
    if (!in.empty()) std::filesystem::remove(in, ec);
    if (!out.empty()) std::filesystem::remove(out, ec);
    return svg;
}

}  // namespace aktkoll::cli
