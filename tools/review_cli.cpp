#include "tools/review_cli.hpp"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "input/case_stream.hpp"
#include "input/xlsx_reader.hpp"
#include "run/review_inputs.hpp"
#include "tools/output.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

namespace {

struct Converted {
    std::optional<RuleSet> rules;
    review::ReviewInputs inputs;
    std::string merged;
};

// Rules and the merged cases; false after a message.
bool convert(const Args& args, const char* command, Converted& out) {
    const Inputs in = split_inputs(args.positional);
    if (in.rules.empty()) {
        std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll {}: en granskningsarbetsbok läses med regelpaketet: ange REGLER först\n",
                                                 "aktkoll {}: a review workbook is read with its rule pack: give RULES first\n")),
                                 command);
        return false;
    }
    out.rules = load_rules(in.rules, args, true);
    if (!out.rules) return false;
    auto files = out.inputs.convert(in.cases, *out.rules, args.lang, std::cerr);
    if (!files) return false;
    out.merged = files->front();
    return true;
}

}  // namespace

bool has_workbook(const Args& args) {
    return std::any_of(args.positional.begin(), args.positional.end(), [](const std::string& p) { return is_xlsx_path(p); });
}

int validate_workbook(const Args& args) {
    Converted c;
    if (!convert(args, "validate", c)) return kExitErrors;
    // The merged cases through the one case reader, named by the workbook.
    CaseFile merged = plain_case_file(c.merged);
    merged.path = c.inputs.workbook();
    const std::vector<CaseFile> files{merged};
    CaseStream stream(files, c.rules->schema);
    for (Case one; stream.next(one);) {
    }
    for (const ReadError& e : stream.report().rejected) fmt::print("{}\n", describe(e, args.lang));
    const uint64_t rejected = stream.report().rejected.size();
    fmt::print(fmt::runtime(tr(args.lang, "ärenden: {}, fel i arbetsboken: {}, avvisade: {}\n",
                               "cases: {}, errors in the workbook: {}, rejected: {}\n")),
               c.inputs.case_ids().size(), c.inputs.problems(), rejected);
    return c.inputs.problems() > 0 || rejected > 0 ? kExitErrors : kExitOk;
}

int import_workbook(const Args& args) {
    Converted c;
    if (!convert(args, "import", c)) return kExitErrors;
    std::ifstream in(c.merged, std::ios::binary);
    if (!write_output(args.value("--output"), args.lang, [&](std::ostream& out) { out << in.rdbuf() << std::flush; }, "aktkoll import"))
        return kExitErrors;
    return c.inputs.problems() > 0 ? kExitErrors : kExitOk;
}

}  // namespace aktkoll::cli

#include "intake/sample_file.hpp"

namespace aktkoll::cli {

void describe_scope(const Args& args, const review::ReviewInputs& workbooks, const CaseSelection& selection,
                    report::Options& opt) {
    const review::Cover& cover = workbooks.cover();
    report::Scope& s = opt.scope;
    s.kommun = args.value("--kommun").value_or(cover.kommun);
    s.namnd = args.value("--namnd").value_or(cover.namnd);
    s.reviewer = args.value("--reviewer").value_or(cover.reviewer);
    s.review_date = cover.review_date;
    s.cases = workbooks.active() ? workbooks.case_ids() : selection.ids;
    s.units = selection.units;
    s.sample_seed = cover.seed;
    if (auto path = args.value("--cases-from"); path && s.sample_seed.empty()) {
        std::string error;
        if (auto draw = read_sample_file(*path, args.lang, error)) s.sample_seed = draw->seed;
    }
    if (auto title = args.value("--title")) opt.title = *title;
    else if (!s.kommun.empty()) opt.title = fmt::format(fmt::runtime(tr(args.lang, "Aktgranskning – {}", "Case file review – {}")), s.kommun);
}

}  // namespace aktkoll::cli
