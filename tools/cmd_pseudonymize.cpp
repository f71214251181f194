// aktkoll pseudonymize --key-file K IN OUT: a raw export with real
// identifiers -> contract NDJSON with stable keyed pseudonyms. Wiring only;
// the logic lives in intake/pseudonymize.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include <fmt/core.h>

#include "intake/pseudonymize.hpp"
#include "tools/cli.hpp"
#include "tools/output.hpp"

namespace aktkoll::cli {

CommandSpec pseudonymize_spec() {
    return {"pseudonymize",
            "aktkoll pseudonymize --key-file NYCKEL [flaggor] RÅUTTAG UT.ndjson",
            "Byt personnummer och andra id mot nyckelstyrda pseudonymer (HMAC-SHA-256)",
            "Replace personnummer and other ids by keyed pseudonyms (HMAC-SHA-256)",
            {
                {"--key-file", true, "hemlig nyckel (minst 32 byte, läsbar bara för ägaren)",
                 "secret key (at least 32 bytes, readable by its owner only)"},
                {"--new-key", true, "skapa en ny slumpnyckel i FIL (läge 0600, skrivs aldrig över); utan RÅUTTAG räcker det",
                 "create a new random key in FILE (mode 0600, never overwritten); enough on its own without RAW"},
                {"--id-field", true, "fältet med ärendets id (standard id); blir 'id' med pseudonym",
                 "the field with the case id (default id); becomes 'id' with a pseudonym"},
                {"--drop", true, "ta bort ärendeattributet FÄLT, t.ex. namn (kan upprepas)",
                 "remove the case attribute FIELD, e.g. namn (repeatable)"},
                {"--birth-date", true, "FÄLT med födelsedatum eller personnummer blir bara födelseåret 'born'",
                 "FIELD with a birth date or personnummer becomes the birth year 'born' only"},
                {"--prefix", true, "början på varje pseudonym (standard P-)", "start of every pseudonym (default P-)"},
            }};
}

namespace {

Date today() {
    if (const char* fixed = std::getenv("AKTKOLL_EVALUATION_DATE"))
        if (auto d = parse_date(fixed)) return *d;
    auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{static_cast<int32_t>(days.time_since_epoch().count())};
}

int usage(Lang lang, const char* message) {
    std::cerr << "aktkoll pseudonymize: " << message << "\n";
    print_help(pseudonymize_spec(), lang);
    return kExitErrors;
}

bool same_file(const std::string& a, const std::string& b) {
    std::error_code ec;
    return std::filesystem::equivalent(a, b, ec) && !ec;
}

}  // namespace

int run_pseudonymize(const Args& args) {
    const Lang lang = args.lang;
    const auto key_file = args.value("--key-file");
    const auto new_key = args.value("--new-key");
    if (key_file && new_key)
        return usage(lang, tr(lang, "ange antingen --key-file eller --new-key", "give either --key-file or --new-key"));
    if (!key_file && !new_key)
        return usage(lang, tr(lang, "ange --key-file NYCKEL (eller skapa en med --new-key NYCKEL)",
                              "give --key-file KEY (or create one with --new-key KEY)"));
    if (!(args.positional.size() == 2 || (new_key && args.positional.empty())))
        return usage(lang, tr(lang, "ange ett råuttag och en utfil", "give one raw export and one output file"));

    pseudo::Options options;
    if (auto f = args.value("--id-field")) options.id_field = *f;
    options.drop = args.all("--drop");
    if (auto f = args.value("--birth-date")) options.birth_date_field = *f;
    if (auto p = args.value("--prefix")) options.prefix = *p;
    options.today = today();
    if (!pseudo::valid_prefix(options.prefix))
        return usage(lang, tr(lang, "--prefix får ha högst 16 tecken av A-Z, a-z, 0-9, _ och -",
                              "--prefix takes at most 16 of A-Z, a-z, 0-9, _ and -"));
    if (std::find(options.drop.begin(), options.drop.end(), options.id_field) != options.drop.end())
        return usage(lang, tr(lang, "--drop kan inte ta bort id-fältet", "--drop cannot remove the id field"));

    const pseudo::KeyResult key = new_key ? pseudo::create_key(*new_key) : pseudo::read_key(*key_file);
    if (!key.key) {
        std::cerr << "aktkoll pseudonymize: " << pseudo::describe(key.error, new_key ? *new_key : *key_file, lang) << "\n";
        return kExitErrors;
    }
    if (new_key) {
        std::cerr << fmt::format(fmt::runtime(tr(lang,
                                                 "aktkoll pseudonymize: ny nyckel i '{}' (läge 0600). Förvara den säkert: "
                                                 "samma nyckel behövs för att jämföra senare uttag.\n",
                                                 "aktkoll pseudonymize: new key in '{}' (mode 0600). Keep it safe: the same "
                                                 "key is needed to compare later exports.\n")),
                                 *new_key);
        if (args.positional.empty()) return kExitOk;
    }

    const std::string& in = args.positional[0];
    const std::string& out = args.positional[1];
    if (same_file(in, out))
        return usage(lang, tr(lang, "utfilen får inte vara råuttaget", "the output file must not be the raw export"));
    AtomicFile file(out, lang);
    if (!file.ok()) {
        std::cerr << "aktkoll pseudonymize: " << file.error() << "\n";
        return kExitErrors;
    }
    const pseudo::Summary summary = pseudo::pseudonymize(in, *key.key, options, file.stream());
    for (const auto& e : summary.errors) std::cerr << pseudo::describe(e, in, lang) << "\n";
    const bool file_failed = std::any_of(summary.errors.begin(), summary.errors.end(),
                                         [](const pseudo::Error& e) { return e.line == 0 || e.kind == pseudo::ErrorKind::DocumentStops; });
    if (file_failed) {
        std::cerr << tr(lang, "aktkoll pseudonymize: ingen utfil skrevs\n", "aktkoll pseudonymize: no output file was written\n");
        return kExitErrors;  // the AtomicFile is dropped uncommitted
    }
    if (!file.commit()) {
        std::cerr << "aktkoll pseudonymize: " << file.error() << "\n";
        return kExitErrors;
    }
    std::cerr << "aktkoll pseudonymize: " << pseudo::describe(summary, lang) << "\n";
    return summary.rejected > 0 ? kExitErrors : kExitOk;
}

}  // namespace aktkoll::cli
