#include "tools/cli.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>

#include <fmt/core.h>

namespace aktkoll::cli {

std::optional<std::string> Args::value(const std::string& option) const {
    auto it = values.find(option);
    if (it == values.end() || it->second.empty()) return std::nullopt;
    return it->second.back();
}

std::vector<std::string> Args::all(const std::string& option) const {
    auto it = values.find(option);
    return it == values.end() ? std::vector<std::string>{} : it->second;
}

Lang detect_lang(int argc, char** argv) {
    Lang lang = Lang::Sv;
    if (const char* env = std::getenv("AKTKOLL_LANG"); env && std::strcmp(env, "en") == 0) lang = Lang::En;
    for (int i = 0; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--lang") == 0) lang = std::strcmp(argv[i + 1], "en") == 0 ? Lang::En : Lang::Sv;
    }
    for (int i = 0; i < argc; ++i) {
        if (std::strcmp(argv[i], "--lang=en") == 0) lang = Lang::En;
        if (std::strcmp(argv[i], "--lang=sv") == 0) lang = Lang::Sv;
    }
    return lang;
}

void print_help(const CommandSpec& spec, Lang lang) {
    fmt::print("{}\n{}: {}\n\n{}:\n", lang == Lang::Sv ? spec.summary : spec.summary_en,
               tr(lang, "Användning", "Usage"), spec.usage, tr(lang, "Flaggor", "Options"));
    size_t width = 14;
    for (const auto& o : spec.options) width = std::max(width, o.name.size() + (o.takes_value ? 6 : 0));
    auto row = [&](const std::string& left, const std::string& text) {
        fmt::print("  {:<{}}  {}\n", left, width, text);
    };
    for (const auto& o : spec.options) row(o.takes_value ? o.name + " VÄRDE" : o.name, lang == Lang::Sv ? o.help : o.help_en);
    row("--lang sv|en", tr(lang, "språk för utdata (standard sv, eller AKTKOLL_LANG)", "language of output (default sv, or AKTKOLL_LANG)"));
    row("--help", tr(lang, "visa denna hjälp", "show this help"));
}

std::optional<Args> parse_args(const CommandSpec& spec, int argc, char** argv) {
    Args args;
    args.lang = detect_lang(argc, argv);
    auto find = [&](const std::string& name) -> const OptionSpec* {
        for (const auto& o : spec.options)
            if (o.name == name) return &o;
        return nullptr;
    };
    for (int i = 0; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--help" || a == "-h") {
            print_help(spec, args.lang);
            std::exit(kExitOk);
        }
        if (a == "--") {
            for (++i; i < argc; ++i) args.positional.emplace_back(argv[i]);
            break;
        }
        if (a.size() > 2 && a.rfind("--", 0) == 0) {
            std::string name = a, value;
            bool inline_value = false;
            if (auto eq = a.find('='); eq != std::string::npos) {
                name = a.substr(0, eq);
                value = a.substr(eq + 1);
                inline_value = true;
            }
            if (name == "--lang") {
                if (!inline_value) ++i;
                continue;
            }
            const OptionSpec* o = find(name);
            if (!o) {
                std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll {}: okänd flagga '{}' (se --help)\n",
                                            "aktkoll {}: unknown option '{}' (see --help)\n")),
                                         spec.name, name);
                return std::nullopt;
            }
            if (o->takes_value && !inline_value) {
                if (i + 1 >= argc) {
                    std::cerr << fmt::format(fmt::runtime(tr(args.lang, "aktkoll {}: flaggan '{}' kräver ett värde\n",
                                                "aktkoll {}: option '{}' needs a value\n")),
                                             spec.name, name);
                    return std::nullopt;
                }
                value = argv[++i];
            }
            args.values[name].push_back(o->takes_value ? value : "1");
            continue;
        }
        args.positional.push_back(std::move(a));
    }
    return args;
}

}  // namespace aktkoll::cli
