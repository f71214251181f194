#include "tools/man_page.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/core.h>

namespace aktkoll::cli {

namespace {

// Text for a troff line: backslashes and hyphens escaped (an option's "--"
// must stay two ASCII hyphens), and a leading '.' or '\'' not read as a request.
std::string escape(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// Title line; UTF-8 declared so man-db does not guess the encoding; no
// hyphenation, which would split names like AKTKOLL_RULES_PATH.
std::string header(const std::string& page, Lang lang) {
    return fmt::format("'\\\" -*- coding: UTF-8 -*-\n.TH {} 1 \"\" \"aktkoll {}\" \"{}\"\n.nh\n", upper(page), AKTKOLL_VERSION,
                       tr(lang, "aktkoll – handbok", "aktkoll manual"));
}

void option(std::string& out, const std::string& name, const std::string& help) {
    out += ".TP\n.B " + escape(name) + "\n" + escape(help) + "\n";
}

}  // namespace

std::string man_page(const CommandSpec& spec, Lang lang) {
    std::string out = header("aktkoll-" + spec.name, lang);
    out += fmt::format(".SH {}\naktkoll\\-{} \\- {}\n", tr(lang, "NAMN", "NAME"), escape(spec.name),
                       escape(lang == Lang::Sv ? spec.summary : spec.summary_en));
    out += fmt::format(".SH {}\n.B {}\n", tr(lang, "ANVÄNDNING", "SYNOPSIS"), escape(spec.usage));
    out += fmt::format(".SH {}\n", tr(lang, "FLAGGOR", "OPTIONS"));
    for (const auto& o : spec.options)
        option(out, o.takes_value ? o.name + tr(lang, " VÄRDE", " VALUE") : o.name, lang == Lang::Sv ? o.help : o.help_en);
    option(out, "--lang sv|en", tr(lang, "språk för utdata (standard sv, eller AKTKOLL_LANG)", "language of output (default sv, or AKTKOLL_LANG)"));
    option(out, "--help", tr(lang, "visa denna hjälp", "show this help"));
    out += fmt::format(".SH {}\n.BR aktkoll (1)\n", tr(lang, "SE ÄVEN", "SEE ALSO"));
    return out;
}

std::string man_overview(const std::vector<CommandSpec>& commands, Lang lang) {
    std::string out = header("aktkoll", lang);
    out += fmt::format(".SH {}\naktkoll \\- {}\n", tr(lang, "NAMN", "NAME"),
                       tr(lang, "granskning av socialtjänstens akter mot lag och riktlinjer",
                          "checks social-services case files against law and guidelines"));
    out += fmt::format(".SH {}\n.B aktkoll {}\n.br\n.B aktkoll \\-\\-version\n", tr(lang, "ANVÄNDNING", "SYNOPSIS"),
                       tr(lang, "KOMMANDO [flaggor] ...", "COMMAND [options] ..."));
    out += fmt::format(".SH {}\n", tr(lang, "KOMMANDON", "COMMANDS"));
    for (const auto& c : commands)
        out += fmt::format(".TP\n.BR aktkoll\\-{} (1)\n{}\n", escape(c.name), escape(lang == Lang::Sv ? c.summary : c.summary_en));
    out += fmt::format(".SH {}\n", tr(lang, "REGELPAKET", "RULE PACKS"));
    out += escape(tr(lang,
                     "Ett regelpaket anges som sökväg (en mapp eller .akt-filer) eller med namn, t.ex. missbruk. "
                     "En sökväg som finns går alltid först; ett namn söks i mapparna i AKTKOLL_RULES_PATH, sedan bredvid "
                     "programmet (../share/aktkoll/rules, i ett byggträd ../rules) och sist i den installerade mappen. "
                     "Samma sökning gäller uses \"namn\" i ett lokalt lager. aktkoll --version visar mapparna.",
                     "A rule pack is given as a path (a folder or .akt files) or by name, e.g. missbruk. A path that "
                     "exists always wins; a name is looked for in the folders of AKTKOLL_RULES_PATH, then beside the "
                     "program (../share/aktkoll/rules, in a build tree ../rules) and last in the installed folder. "
                     "uses \"name\" in a local layer is looked up the same way. aktkoll --version shows the folders."));
    out += "\n";
    out += fmt::format(".SH {}\n", tr(lang, "SLUTKODER", "EXIT STATUS"));
    option(out, "0", tr(lang, "inga Nej (check), allt giltigt (validate, lint), alla exempel godkända (test)",
                        "no Nej (check), everything valid (validate, lint), all examples pass (test)"));
    option(out, "1", tr(lang, "minst ett Nej (check), ett underkänt exempel (test), oformaterade filer (fmt --check)",
                        "at least one Nej (check), a failing example (test), unformatted files (fmt --check)"));
    option(out, "2", tr(lang, "fel i regler eller indata, felaktiga flaggor", "errors in rules or input, bad options"));
    out += fmt::format(".SH {}\n", tr(lang, "MILJÖ", "ENVIRONMENT"));
    option(out, "AKTKOLL_LANG", tr(lang, "en ger engelska utdata (som --lang en)", "en gives English output (as --lang en)"));
    option(out, "AKTKOLL_RULES_PATH", tr(lang, "mappar med regelpaket, åtskilda med kolon, som söks först", "folders of rule packs, separated by colons, searched first"));
    option(out, "AKTKOLL_EVALUATION_DATE", tr(lang, "ÅÅÅÅ-MM-DD: granskningsdatum, för rapporter som går att återskapa", "YYYY-MM-DD: evaluation date, for reproducible reports"));
    out += fmt::format(".SH {}\n", tr(lang, "FILER", "FILES"));
    option(out, "/usr/share/aktkoll/rules", tr(lang, "de installerade regelpaketen", "the installed rule packs"));
    option(out, "/usr/share/doc/aktkoll", tr(lang, "dokumentation och exempel (examples/)", "documentation and examples (examples/)"));
    return out;
}

bool write_man_pages(const std::string& dir, const std::vector<CommandSpec>& commands) {
    namespace fs = std::filesystem;
    for (Lang lang : {Lang::Sv, Lang::En}) {
        fs::path folder = fs::path(dir) / (lang == Lang::Sv ? "man1" : "en/man1");
        std::error_code ec;
        fs::create_directories(folder, ec);
        auto write = [&](const std::string& page, const std::string& text) {
            std::ofstream out(folder / (page + ".1"), std::ios::binary);
            out << text;
            out.close();
            if (!out) std::cerr << fmt::format("aktkoll: cannot write {}\n", (folder / (page + ".1")).string());
            return static_cast<bool>(out);
        };
        if (!write("aktkoll", man_overview(commands, lang))) return false;
        for (const auto& c : commands)
            if (!write("aktkoll-" + c.name, man_page(c, lang))) return false;
    }
    return true;
}

}  // namespace aktkoll::cli
