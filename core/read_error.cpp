#include "core/read_error.hpp"

#include <string_view>

#include <fmt/core.h>

#include "core/personnummer.hpp"

namespace aktkoll {

// ---------------------------------------------------------------------------
// describe

namespace {

using namespace read_words;

std::string type_word(std::string_view word, Lang lang) {
    struct Word {
        std::string_view key;
        const char* sv;
        const char* en;
    };
    static constexpr Word kWords[] = {
        {"string", "sträng", "string"},
        {"nonempty_string", "icke-tom sträng", "non-empty string"},
        {"integer", "heltal", "integer"},
        {"number", "tal", "number"},
        {"decimal", "decimaltal", "decimal number"},
        {"boolean", "boolean", "boolean"},
        {"null", "null", "null"},
        {"date", "datum (ÅÅÅÅ-MM-DD)", "date (YYYY-MM-DD)"},
        {"object", "objekt", "object"},
        {"array", "lista", "array"},
        {"string_list", "lista av strängar", "list of strings"},
        {"mixed_list", "lista med annat än strängar", "list with non-string items"},
        {"attribute", "sträng, tal, boolean, null eller lista av strängar",
         "string, number, boolean, null or list of strings"},
        {"empty_string", "tom sträng", "empty string"},
    };
    for (const auto& w : kWords)
        if (w.key == word) return tr(lang, w.sv, w.en);
    return std::string(word);
}

// Names from the input are echoed, but never anything shaped like a
// personnummer, and never control characters that would break the line.
std::string shown(std::string_view name, Lang lang) {
    if (looks_like_personnummer(name)) return tr(lang, "<dolt>", "<hidden>");
    std::string s(name.substr(0, 200));
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return s;
}

std::string event_suffix(const ReadError& e, Lang lang) {
    if (e.event_index < 0) return {};
    return fmt::format(fmt::runtime(tr(lang, " (händelse {})", " (event {})")), e.event_index + 1);
}

std::string reason(const ReadError& e, Lang lang) {
    const std::string field = shown(e.field, lang);
    const std::string in_event = event_suffix(e, lang);
    const int n = e.event_index + 1;
    switch (e.kind) {
        case ReadErrorKind::CannotOpen: return tr(lang, "kan inte öppna eller läsa filen", "cannot open or read the file");
        case ReadErrorKind::InvalidJson:
            if (e.got == kDuplicateKey)
                return fmt::format(fmt::runtime(tr(lang, "ogiltig JSON: nyckeln '{}' förekommer mer än en gång{}",
                                                   "invalid JSON: key '{}' occurs more than once{}")),
                                   field, in_event);
            if (e.got == kDocumentStops)
                return tr(lang, "ogiltig JSON; resten av dokumentet kan inte läsas",
                          "invalid JSON; the rest of the document cannot be read");
            if (e.expected == kUtf8) return tr(lang, "ogiltig JSON (ogiltig UTF-8)", "invalid JSON (invalid UTF-8)");
            return tr(lang, "ogiltig JSON", "invalid JSON");
        case ReadErrorKind::NotObject: return tr(lang, "posten är inte ett JSON-objekt", "the record is not a JSON object");
        case ReadErrorKind::NotCaseExport:
            return tr(lang, "inte en case-export/1: väntade {\"format\": \"case-export/1\", \"cases\": [...]}",
                      "not a case-export/1: expected {\"format\": \"case-export/1\", \"cases\": [...]}");
        case ReadErrorKind::MissingId: return tr(lang, "saknar 'id'", "missing 'id'");
        case ReadErrorKind::IdNotString:
            if (e.got == kEmptyString) return tr(lang, "'id' är tomt", "'id' is empty");
            return fmt::format(fmt::runtime(tr(lang, "'id' är inte en sträng (fick {})", "'id' is not a string (got {})")),
                               type_word(e.got, lang));
        case ReadErrorKind::DuplicateId:
            return fmt::format(fmt::runtime(tr(lang, "samma 'id' förekommer redan på rad {}",
                                               "the same 'id' already occurs on line {}")),
                               e.other_line);
        case ReadErrorKind::MissingEvents: return tr(lang, "saknar 'events'", "missing 'events'");
        case ReadErrorKind::EventsNotArray:
            return fmt::format(fmt::runtime(tr(lang, "'events' är inte en lista (fick {})", "'events' is not an array (got {})")),
                               type_word(e.got, lang));
        case ReadErrorKind::EventNotObject:
            return fmt::format(fmt::runtime(tr(lang, "händelse {} är inte ett JSON-objekt", "event {} is not a JSON object")), n);
        case ReadErrorKind::EventMissingType:
            return fmt::format(fmt::runtime(tr(lang, "händelse {} saknar 'type'", "event {} has no 'type'")), n);
        case ReadErrorKind::EventMissingDate:
            return fmt::format(fmt::runtime(tr(lang, "händelse {} saknar 'date'", "event {} has no 'date'")), n);
        case ReadErrorKind::InvalidDate:
            return fmt::format(fmt::runtime(tr(lang, "ogiltigt datum i '{}'{}", "invalid date in '{}'{}")), field, in_event);
        case ReadErrorKind::WrongType:
            return fmt::format(fmt::runtime(tr(lang, "fel värdetyp för '{}'{}: väntade {}, fick {}",
                                               "wrong value type for '{}'{}: expected {}, got {}")),
                               field, in_event, type_word(e.expected, lang), type_word(e.got, lang));
        case ReadErrorKind::NotInEnumeration:
            return fmt::format(fmt::runtime(tr(lang, "'{}' har ett värde utanför uppräkningen{}; tillåtna: {}",
                                               "'{}' has a value outside the enumeration{}; allowed: {}")),
                               field, in_event, e.expected);
        case ReadErrorKind::Personnummer:
            return fmt::format(fmt::runtime(tr(lang, "'{}' ser ut som ett personnummer{}; värdet visas inte",
                                               "'{}' looks like a personnummer{}; the value is not shown")),
                               field, in_event);
        case ReadErrorKind::LineTooLong:
            if (e.line == 0)
                return fmt::format(fmt::runtime(tr(lang, "filen är större än {} byte", "the file is larger than {} bytes")),
                                   e.expected);
            return fmt::format(fmt::runtime(tr(lang, "raden är längre än {} byte", "the line is longer than {} bytes")),
                               e.expected);
        case ReadErrorKind::TooDeep:
            return fmt::format(fmt::runtime(tr(lang, "för djup nästling (mer än {} nivåer)",
                                               "nesting too deep (more than {} levels)")),
                               e.expected);
        case ReadErrorKind::TooManyEvents:
            return fmt::format(fmt::runtime(tr(lang, "fler än {} händelser", "more than {} events")), e.expected);
        case ReadErrorKind::RowRejected: return e.got;
    }
    return tr(lang, "okänt fel", "unknown error");
}

}  // namespace

const char* read_error_code(ReadErrorKind kind) {
    switch (kind) {
        case ReadErrorKind::CannotOpen: return "AK0701";
        case ReadErrorKind::InvalidJson: return "AK0702";
        case ReadErrorKind::NotObject: return "AK0703";
        case ReadErrorKind::NotCaseExport: return "AK0704";
        case ReadErrorKind::MissingId: return "AK0705";
        case ReadErrorKind::IdNotString: return "AK0706";
        case ReadErrorKind::DuplicateId: return "AK0707";
        case ReadErrorKind::MissingEvents: return "AK0708";
        case ReadErrorKind::EventsNotArray: return "AK0709";
        case ReadErrorKind::EventNotObject: return "AK0710";
        case ReadErrorKind::EventMissingType: return "AK0711";
        case ReadErrorKind::EventMissingDate: return "AK0712";
        case ReadErrorKind::InvalidDate: return "AK0713";
        case ReadErrorKind::WrongType: return "AK0714";
        case ReadErrorKind::NotInEnumeration: return "AK0715";
        case ReadErrorKind::Personnummer: return "AK0716";
        case ReadErrorKind::LineTooLong: return "AK0717";
        case ReadErrorKind::TooDeep: return "AK0718";
        case ReadErrorKind::TooManyEvents: return "AK0719";
        case ReadErrorKind::RowRejected: return "AK0720";
    }
    return "";
}

std::string describe(const ReadError& e, Lang lang) {
    std::string text = e.file;
    if (e.line > 0) text += fmt::format(":{}", e.line);
    text += fmt::format(": {} {}: ", tr(lang, "fel", "error"), read_error_code(e.kind));
    if (!e.case_id.empty() && !looks_like_personnummer(e.case_id))
        text += fmt::format(fmt::runtime(tr(lang, "fall {}: ", "case {}: ")), shown(e.case_id, lang));
    text += reason(e, lang);
    return text;
}

}  // namespace aktkoll
