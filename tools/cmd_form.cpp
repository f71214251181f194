// aktkoll form RULES [EXPORT...] --cases IDS|--sample FILE --output granskning.xlsx:
// the reviewer's workbook, generated from what the pack reads.
#include <iostream>

#include <fmt/core.h>

#include "intake/sample_file.hpp"
#include "report/form_xlsx.hpp"
#include "tools/rules_cli.hpp"

namespace aktkoll::cli {

CommandSpec form_spec() {
    return {"form",
            "aktkoll form [flaggor] REGLER [UTTAG...] --cases ID,ID... --output granskning.xlsx",
            "Granskarens arbetsbok: det regelpaketet frågar efter, ett blad per ärende, uttagets uppgifter ifyllda",
            "The reviewer's workbook: what the pack asks for, one sheet per case, the export's facts filled in",
            {
                {"--cases", true, "ärendena, kommaseparerade (kan upprepas)", "the cases, comma-separated (repeatable)"},
                {"--sample", true, "ärendena ur ett urval som aktkoll sample --output skrev", "the cases of a draw written by aktkoll sample --output"},
                {"--output", true, "arbetsboken (.xlsx)", "the workbook (.xlsx)"},
                {"--kommun", true, "kommunen, på försättsbladet", "the municipality, on the cover sheet"},
                {"--namnd", true, "nämnden, på försättsbladet", "the committee, on the cover sheet"},
                {"--reviewer", true, "granskaren, på försättsbladet", "the reviewer, on the cover sheet"},
            }};
}

namespace {

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        size_t start = 0;
        while (start <= v.size()) {
            size_t comma = v.find(',', start);
            if (comma == std::string::npos) comma = v.size();
            std::string id = v.substr(start, comma - start);
            while (!id.empty() && id.front() == ' ') id.erase(id.begin());
            while (!id.empty() && id.back() == ' ') id.pop_back();
            if (!id.empty() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
            start = comma + 1;
        }
    }
    return out;
}

}  // namespace

int run_form(const Args& args) {
    const Lang lang = args.lang;
    const Inputs in = split_inputs(args.positional);
    const auto output = args.value("--output");
    if (in.rules.empty() || !output || (!args.has("--cases") && !args.has("--sample"))) {
        std::cerr << tr(lang, "aktkoll form: ange regler, --cases eller --sample, och --output granskning.xlsx\n",
                        "aktkoll form: give rules, --cases or --sample, and --output granskning.xlsx\n");
        print_help(form_spec(), lang);
        return kExitErrors;
    }
    std::vector<std::string> ids = split_ids(args.all("--cases"));
    std::string seed;
    if (auto path = args.value("--sample")) {
        std::string error;
        auto draw = read_sample_file(*path, lang, error);
        if (!draw) {
            std::cerr << "aktkoll form: " << error << "\n";
            return kExitErrors;
        }
        for (auto& id : draw->ids)
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        seed = draw->seed;
    }
    if (ids.empty()) {
        std::cerr << tr(lang, "aktkoll form: inga ärenden\n", "aktkoll form: no cases\n");
        return kExitErrors;
    }
    auto rules = load_rules(in.rules, args, true);
    if (!rules) return kExitErrors;
    report::FormRequest req;
    req.rules = &*rules;
    req.lang = lang;
    req.fields = review::form_fields(*rules);
    req.exports = in.cases;
    review::ExportCases exported;
    std::vector<std::string> errors;
    exported.load(in.cases, ids, errors);
    for (const auto& e : errors) std::cerr << "aktkoll form: " << e << "\n";
    for (const auto& id : ids) {
        if (!in.cases.empty() && !exported.has(id))
            std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll form: ärende {} finns inte i uttaget; bladet är tomt\n",
                                                     "aktkoll form: case {} is not in the export; its sheet is empty\n")),
                                     id);
        req.cases.push_back(exported.facts(req.fields, id));
    }
    req.cover.kommun = args.value("--kommun").value_or("");
    req.cover.namnd = args.value("--namnd").value_or("");
    req.cover.reviewer = args.value("--reviewer").value_or("");
    req.cover.pack = rules->pack_name + (rules->pack_version.empty() ? "" : " " + rules->pack_version);
    req.cover.seed = seed;
    if (std::string error = report::write_review_form(*output, req); !error.empty()) {
        std::cerr << "aktkoll form: " << error << "\n";
        return kExitErrors;
    }
    std::cerr << fmt::format(fmt::runtime(tr(lang, "aktkoll form: {} ärenden, {} uppgifter per ärende -> {}\n",
                                             "aktkoll form: {} cases, {} facts per case -> {}\n")),
                             req.cases.size(), req.fields.size(), *output);
    return errors.empty() ? kExitOk : kExitErrors;
}

}  // namespace aktkoll::cli
