#include "input/import_csv.hpp"

#include <csv.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <unordered_map>

#include <fmt/core.h>
#include <toml++/toml.h>

#include <nlohmann/json.hpp>

#include "core/date.hpp"
#include "core/personnummer.hpp"

namespace aktkoll::importer {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) s.remove_suffix(1);
    return s;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool contains(const std::vector<std::string>& list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

}  // namespace

// ============================================================================
// Mapping
// ============================================================================

namespace {

const char* type_name(ValueType t) {
    switch (t) {
        case ValueType::String: return "string";
        case ValueType::Integer: return "integer";
        case ValueType::Boolean: return "boolean";
        case ValueType::Date: return "date";
    }
    return "string";
}

std::string toml_type_word(toml::node_type t, Lang lang) {
    switch (t) {
        case toml::node_type::string: return tr(lang, "en sträng", "a string");
        case toml::node_type::integer: return tr(lang, "ett heltal", "an integer");
        case toml::node_type::floating_point: return tr(lang, "ett decimaltal", "a floating-point number");
        case toml::node_type::boolean: return tr(lang, "ett sanningsvärde", "a boolean");
        case toml::node_type::table: return tr(lang, "en tabell", "a table");
        case toml::node_type::array: return tr(lang, "en lista", "an array");
        case toml::node_type::date: return tr(lang, "ett datum", "a date");
        default: return tr(lang, "ett tidsvärde", "a time value");
    }
}

// One entry of a TOML table, with where its key is written.
struct Entry {
    std::string key;
    const toml::node* node;
    toml::source_position pos;
};

// Entries in the order they are written in the file (toml++ keeps tables sorted).
std::vector<Entry> entries_in_order(const toml::table& t) {
    std::vector<Entry> out;
    for (auto&& [k, v] : t) out.push_back({std::string(k.str()), &v, k.source().begin});
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
        return std::pair(a.pos.line, a.pos.column) < std::pair(b.pos.line, b.pos.column);
    });
    return out;
}

class MappingParser {
public:
    MappingParser(std::string file, Lang lang) : file_(std::move(file)), lang_(lang) {}

    std::vector<dsl::Diagnostic> errors;

    std::optional<Mapping> parse(const toml::table& root) {
        Mapping m;
        m.file = file_;
        only_keys(root, {"layout", "encoding", "delimiter", "case", "event"});
        const toml::node* layout = require(root, "layout", toml::node_type::string, root.source().begin);
        if (layout) {
            const std::string v = layout->value_or(std::string());
            if (v == "wide") m.layout = Layout::Wide;
            else if (v == "long") m.layout = Layout::Long;
            else error("AK0603", layout->source().begin, fmt::format(fmt::runtime(tr(lang_, "okänd layout '{}'", "unknown layout '{}'")), v),
                       tr(lang_, "\"wide\" (en rad per ärende) eller \"long\" (en rad per händelse)",
                          "\"wide\" (one row per case) or \"long\" (one row per event)"));
        }
        if (const toml::node* n = optional(root, "encoding", toml::node_type::string)) {
            const std::string v = ascii_lower(n->value_or(std::string()));
            if (v == "auto") m.encoding = Encoding::Auto;
            else if (v == "utf-8" || v == "utf8") m.encoding = Encoding::Utf8;
            else if (v == "windows-1252" || v == "cp1252" || v == "latin1" || v == "iso-8859-1") m.encoding = Encoding::Windows1252;
            else error("AK0604", n->source().begin, fmt::format(fmt::runtime(tr(lang_, "okänd teckenkodning '{}'", "unknown encoding '{}'")), v),
                       "\"auto\", \"utf-8\", \"windows-1252\"");
        }
        if (const toml::node* n = optional(root, "delimiter", toml::node_type::string)) {
            const std::string v = ascii_lower(n->value_or(std::string()));
            if (v == "auto") m.delimiter = 0;
            else if (v == ";" || v == "," || v == "\t") m.delimiter = v[0];
            else if (v == "tab") m.delimiter = '\t';
            else error("AK0605", n->source().begin, fmt::format(fmt::runtime(tr(lang_, "okänd avgränsare '{}'", "unknown delimiter '{}'")), v),
                       "\"auto\", \";\", \",\", \"tab\"");
        }
        if (const toml::node* c = require(root, "case", toml::node_type::table, root.source().begin)) parse_case(*c->as_table(), m);
        const toml::node* ev = root.get("event");
        if (!ev) {
            error("AK0606", root.source().begin, tr(lang_, "mappningen saknar 'event'", "the mapping has no 'event'"),
                  tr(lang_, "wide: en [[event]] per datumkolumn; long: en [event] som beskriver raderna",
                     "wide: one [[event]] per date column; long: one [event] describing the rows"));
        } else if (m.layout == Layout::Wide) {
            parse_wide_events(*ev, m);
        } else {
            parse_long_events(*ev, m);
        }
        if (!errors.empty()) return std::nullopt;
        return m;
    }

private:
    std::string file_;
    Lang lang_;

    void error(const char* code, toml::source_position pos, std::string message, std::string hint = {}) {
        dsl::Diagnostic d;
        d.code = code;
        d.pos = {file_, static_cast<uint32_t>(pos.line), static_cast<uint32_t>(pos.column)};
        d.message = std::move(message);
        d.hint = std::move(hint);
        errors.push_back(std::move(d));
    }

    void wrong_type(const toml::node& n, const std::string& key, toml::node_type expected) {
        error("AK0607", n.source().begin,
              fmt::format(fmt::runtime(tr(lang_, "'{}' ska vara {}, inte {}", "'{}' must be {}, not {}")), key,
                          toml_type_word(expected, lang_), toml_type_word(n.type(), lang_)));
    }

    void only_keys(const toml::table& t, const std::vector<std::string>& allowed) {
        for (const auto& e : entries_in_order(t)) {
            if (contains(allowed, e.key)) continue;
            std::string hint = dsl::did_you_mean(e.key, allowed);
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            error("AK0608", e.pos, fmt::format(fmt::runtime(tr(lang_, "okänd nyckel '{}' (kända: {})", "unknown key '{}' (known: {})")), e.key, list),
                  hint.empty() ? "" : fmt::format(fmt::runtime(tr(lang_, "menade du '{}'?", "did you mean '{}'?")), hint));
        }
    }

    const toml::node* optional(const toml::table& t, const std::string& key, toml::node_type type) {
        const toml::node* n = t.get(key);
        if (!n) return nullptr;
        if (n->type() != type) {
            wrong_type(*n, key, type);
            return nullptr;
        }
        return n;
    }

    const toml::node* require(const toml::table& t, const std::string& key, toml::node_type type, toml::source_position where) {
        if (!t.get(key)) {
            error("AK0609", where, fmt::format(fmt::runtime(tr(lang_, "'{}' saknas", "'{}' is missing")), key));
            return nullptr;
        }
        return optional(t, key, type);
    }

    // A column name: a non-empty string.
    std::string column(const toml::table& t, const std::string& key, toml::source_position where, uint32_t* line = nullptr) {
        const toml::node* n = require(t, key, toml::node_type::string, where);
        if (!n) return {};
        std::string v(trim(n->value_or(std::string())));
        if (v.empty()) error("AK0610", n->source().begin, fmt::format(fmt::runtime(tr(lang_, "'{}' är tomt", "'{}' is empty")), key));
        if (line) *line = static_cast<uint32_t>(n->source().begin.line);
        return v;
    }

    std::vector<std::string> strings(const toml::node& n, const std::string& key) {
        std::vector<std::string> out;
        const toml::array* a = n.as_array();
        if (!a) {
            wrong_type(n, key, toml::node_type::array);
            return out;
        }
        for (const auto& item : *a) {
            if (!item.is_string()) {
                wrong_type(item, key, toml::node_type::string);
                continue;
            }
            out.emplace_back(trim(item.value_or(std::string())));
        }
        return out;
    }

    void parse_case(const toml::table& t, Mapping& m) {
        only_keys(t, {"id", "attributes"});
        m.id_column = column(t, "id", t.source().begin, &m.id_line);
        if (const toml::node* a = optional(t, "attributes", toml::node_type::table))
            m.case_attributes = fields(*a->as_table(), {"id", "events"}, false);
    }

    std::vector<FieldMapping> fields(const toml::table& t, const std::vector<std::string>& reserved, bool long_layout) {
        std::vector<FieldMapping> out;
        for (const auto& e : entries_in_order(t)) {
            if (contains(reserved, e.key)) {
                error("AK0611", e.pos, fmt::format(fmt::runtime(tr(lang_, "'{}' är reserverat i exportformatet och kan inte vara ett attribut",
                                                         "'{}' is reserved in the export format and cannot be an attribute")),
                                         e.key));
                continue;
            }
            if (auto f = field(e, long_layout)) out.push_back(std::move(*f));
        }
        return out;
    }

    std::optional<FieldMapping> field(const Entry& e, bool long_layout) {
        FieldMapping f;
        f.key = e.key;
        f.mapping_line = static_cast<uint32_t>(e.pos.line);
        if (e.node->is_string()) {  // short form: attr = "Column"
            f.column = std::string(trim(e.node->value_or(std::string())));
            if (f.column.empty()) error("AK0612", e.node->source().begin, fmt::format(fmt::runtime(tr(lang_, "'{}' är tomt", "'{}' is empty")), e.key));
            return f;
        }
        const toml::table* t = e.node->as_table();
        if (!t) {
            error("AK0613", e.node->source().begin,
                  fmt::format(fmt::runtime(tr(lang_, "'{}' ska vara ett kolumnnamn eller en tabell {{ column = ..., type = ... }}",
                                              "'{}' must be a column name or a table {{ column = ..., type = ... }}")),
                              e.key));
            return std::nullopt;
        }
        if (long_layout) only_keys(*t, {"column", "value", "type", "values", "unknown", "for"});
        else only_keys(*t, {"column", "value", "type", "values", "unknown"});
        const toml::node* constant = t->get("value");
        if (constant && t->get("column"))
            error("AK0614", constant->source().begin, tr(lang_, "ange antingen 'column' eller 'value', inte båda",
                                               "give either 'column' or 'value', not both"));
        else if (!constant)
            f.column = column(*t, "column", e.node->source().begin);
        if (const toml::node* n = optional(*t, "type", toml::node_type::string)) {
            const std::string v = n->value_or(std::string());
            if (v == "string") f.type = ValueType::String;
            else if (v == "integer") f.type = ValueType::Integer;
            else if (v == "boolean") f.type = ValueType::Boolean;
            else if (v == "date") f.type = ValueType::Date;
            else error("AK0615", n->source().begin, fmt::format(fmt::runtime(tr(lang_, "okänd typ '{}'", "unknown type '{}'")), v),
                       "string, integer, boolean, date");
        }
        if (const toml::node* n = t->get("unknown")) f.unknown = strings(*n, "unknown");
        if (const toml::node* n = t->get("for")) f.only_for = strings(*n, "for");
        if (const toml::node* n = optional(*t, "values", toml::node_type::table)) {
            for (const auto& v : entries_in_order(*n->as_table())) {
                if (auto target = target_value(v, f.type)) f.values.emplace_back(std::string(trim(v.key)), std::move(*target));
            }
            if (f.values.empty()) error("AK0616", n->source().begin, tr(lang_, "'values' är tomt", "'values' is empty"));
        }
        if (constant) f.constant = target_value({"value", constant, constant->source().begin}, f.type);
        return f;
    }

    // What a value in a value map becomes; its TOML type must fit the field's type.
    std::optional<MappedValue> target_value(const Entry& v, ValueType type) {
        const toml::node& n = *v.node;
        switch (type) {
            case ValueType::String:
                if (n.is_string()) return MappedValue(n.value_or(std::string()));
                break;
            case ValueType::Integer:
                if (n.is_integer()) return MappedValue(n.value_or(int64_t{0}));
                break;
            case ValueType::Boolean:
                if (n.is_boolean()) return MappedValue(n.value_or(false));
                break;
            case ValueType::Date:
                if (n.is_date()) {
                    const toml::date d = n.value_or(toml::date{});
                    return MappedValue(fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day));
                }
                if (n.is_string()) {
                    const std::string s = n.value_or(std::string());
                    if (parse_date(s)) return MappedValue(s);
                }
                break;
        }
        error("AK0617", n.source().begin,
              fmt::format(fmt::runtime(tr(lang_, "värdet för '{}' passar inte typen {} (fick {})",
                                          "the value for '{}' does not fit the type {} (got {})")),
                          v.key, type_name(type), toml_type_word(n.type(), lang_)),
              type == ValueType::Boolean ? "J = true, N = false" : "");
        return std::nullopt;
    }

    void parse_wide_events(const toml::node& ev, Mapping& m) {
        const toml::array* a = ev.as_array();
        if (!a || !a->is_array_of_tables()) {
            error("AK0618", ev.source().begin, tr(lang_, "layout \"wide\": 'event' ska skrivas [[event]], en per datumkolumn",
                                        "layout \"wide\": 'event' must be written [[event]], one per date column"));
            return;
        }
        for (const auto& item : *a) {
            const toml::table& t = *item.as_table();
            only_keys(t, {"type", "date", "attributes"});
            WideEvent w;
            w.mapping_line = static_cast<uint32_t>(t.source().begin.line);
            if (const toml::node* n = require(t, "type", toml::node_type::string, t.source().begin)) {
                w.type = std::string(trim(n->value_or(std::string())));
                if (w.type.empty()) error("AK0619", n->source().begin, tr(lang_, "'type' är tomt", "'type' is empty"));
            }
            w.date_column = column(t, "date", t.source().begin, &w.mapping_line);
            if (const toml::node* at = optional(t, "attributes", toml::node_type::table))
                w.attributes = fields(*at->as_table(), {"type", "date"}, false);
            m.wide_events.push_back(std::move(w));
        }
        if (a->empty()) error("AK0620", ev.source().begin, tr(lang_, "ingen [[event]]", "no [[event]]"));
    }

    void parse_long_events(const toml::node& ev, Mapping& m) {
        const toml::table* t = ev.as_table();
        if (!t) {
            error("AK0621", ev.source().begin, tr(lang_, "layout \"long\": 'event' ska skrivas [event], en tabell som beskriver raderna",
                                        "layout \"long\": 'event' must be written [event], one table describing the rows"));
            return;
        }
        only_keys(*t, {"type", "date", "types", "ignore", "attributes"});
        LongEvents& l = m.long_events;
        l.type_column = column(*t, "type", t->source().begin, &l.type_line);
        l.date_column = column(*t, "date", t->source().begin, &l.date_line);
        if (const toml::node* n = require(*t, "types", toml::node_type::table, t->source().begin)) {
            for (const auto& e : entries_in_order(*n->as_table())) {
                if (!e.node->is_string()) {
                    wrong_type(*e.node, e.key, toml::node_type::string);
                    continue;
                }
                std::string target(trim(e.node->value_or(std::string())));
                if (target.empty()) error("AK0622", e.node->source().begin, fmt::format(fmt::runtime(tr(lang_, "'{}' är tomt", "'{}' is empty")), e.key));
                l.types.emplace_back(std::string(trim(e.key)), std::move(target));
            }
            if (l.types.empty()) error("AK0623", n->source().begin, tr(lang_, "'types' är tomt", "'types' is empty"));
        }
        if (const toml::node* n = t->get("ignore")) l.ignore = strings(*n, "ignore");
        if (const toml::node* at = optional(*t, "attributes", toml::node_type::table)) {
            l.attributes = fields(*at->as_table(), {"type", "date"}, true);
            std::vector<std::string> targets;
            for (const auto& [from, to] : l.types) targets.push_back(to);
            for (const auto& f : l.attributes)
                for (const auto& type : f.only_for)
                    if (!contains(targets, type)) {
                        std::string hint = dsl::did_you_mean(type, targets);
                        error("AK0624", {f.mapping_line, 1},
                              fmt::format(fmt::runtime(tr(lang_, "'{}': händelsetypen '{}' i 'for' finns inte bland 'types'",
                                                          "'{}': the event type '{}' in 'for' is not among 'types'")),
                                          f.key, type),
                              hint.empty() ? "" : fmt::format(fmt::runtime(tr(lang_, "menade du '{}'?", "did you mean '{}'?")), hint));
                    }
        }
    }
};

}  // namespace

MappingResult parse_mapping(std::string_view toml_text, const std::string& file, Lang lang) {
    MappingResult result;
    result.text = std::string(toml_text);
    toml::table root;
    try {
        root = toml::parse(toml_text, file);
    } catch (const toml::parse_error& e) {
        dsl::Diagnostic d;
        d.code = "AK0602";
        d.pos = {file, static_cast<uint32_t>(e.source().begin.line), static_cast<uint32_t>(e.source().begin.column)};
        d.message = fmt::format(fmt::runtime(tr(lang, "ogiltig TOML: {}", "invalid TOML: {}")), e.description());
        // TOML's bare keys are ASCII only: the usual stumble with Swedish names.
        const std::string_view what = e.description();
        if (auto saw = what.find("saw '"); saw != std::string_view::npos && saw + 5 < what.size() &&
                                            static_cast<unsigned char>(what[saw + 5]) >= 0x80)
            d.hint = tr(lang, "nycklar med å, ä, ö skrivs inom citattecken: \"skäl_dokumenterat\" = ...",
                        "keys with å, ä, ö are written in quotes: \"skäl_dokumenterat\" = ...");
        result.errors.push_back(std::move(d));
        return result;
    }
    MappingParser parser(file, lang);
    result.mapping = parser.parse(root);
    result.errors = std::move(parser.errors);
    return result;
}

MappingResult load_mapping(const std::string& path, Lang lang) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        MappingResult result;
        dsl::Diagnostic d;
        d.code = "AK0601";
        d.pos = {path, 0, 0};
        d.message = tr(lang, "kan inte öppna mappningsfilen", "cannot open the mapping file");
        result.errors.push_back(std::move(d));
        return result;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse_mapping(text.str(), path, lang);
}

std::string describe(const MappingResult& result, Lang lang) {
    dsl::SourceMap sources;
    if (!result.errors.empty()) sources.add(result.errors.front().pos.file, result.text);
    std::string out;
    for (const auto& d : result.errors) {
        out += dsl::render(d, sources, lang);
    }
    return out;
}

// ============================================================================
// CSV
// ============================================================================

std::string windows1252_to_utf8(std::string_view bytes) {
    // 0x80-0x9F; the undefined 0x81, 0x8D, 0x8F, 0x90, 0x9D stay C1 controls.
    static constexpr char16_t kHigh[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    };
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (unsigned char b : bytes) {
        char32_t cp = b >= 0x80 && b < 0xA0 ? kHigh[b - 0x80] : b;
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }
    return out;
}

bool is_valid_utf8(std::string_view s) {
    size_t i = 0;
    const size_t n = s.size();
    auto cont = [&](size_t k) { return k < n && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
    while (i < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        char32_t cp;
        if (c >= 0xC2 && c <= 0xDF) len = 2, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, cp = c & 0x07;
        else return false;
        for (size_t k = 1; k < len; ++k) {
            if (!cont(i + k)) return false;
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF.
        if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

char detect_delimiter(std::string_view header_line) {
    size_t semicolons = 0, tabs = 0, commas = 0;
    bool quoted = false;
    for (char c : header_line) {
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == ';') ++semicolons;
        else if (c == '\t') ++tabs;
        else if (c == ',') ++commas;
    }
    if (semicolons == 0 && tabs == 0 && commas == 0) return ',';
    if (semicolons >= tabs && semicolons >= commas) return ';';
    if (tabs >= commas) return '\t';
    return ',';
}

std::string describe(const CsvFormat& f, Lang lang) {
    std::string enc = f.encoding == Encoding::Windows1252 ? "Windows-1252"
                      : f.bom                             ? tr(lang, "UTF-8 med BOM", "UTF-8 with BOM")
                                                          : "UTF-8";
    const char* delim = f.delimiter == ';'    ? tr(lang, "semikolon", "semicolon")
                        : f.delimiter == '\t' ? tr(lang, "tabb", "tab")
                                              : tr(lang, "komma", "comma");
    return enc + ", " + delim;
}

// libcsv in strict mode (a quote inside an unquoted field, or text after a
// closing quote, is an error rather than a guess), reporting every line end
// so that rows can be given the physical line they start on: the line count
// advances on each reported '\n' and on each '\n' inside a field.
struct CsvReader::Parser {
    csv_parser parser{};
    char delimiter;
    std::vector<std::string> fields;
    uint64_t line = 1;          // physical line at the parser's position, as the callbacks tell it
    uint64_t row_newlines = 0;  // newlines inside the completed fields of the current row
    std::deque<CsvRow> rows;    // completed, not yet returned
    std::vector<uint64_t> bad_utf8_lines;  // not yet passed by a completed row
    std::vector<CsvProblem>* problems = nullptr;

    explicit Parser(char d) : delimiter(d) { init(); }
    ~Parser() { csv_free(&parser); }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;

    void init() {
        csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL);
        csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
        // Only spaces around fields are insignificant: a tab may be the delimiter.
        csv_set_space_func(&parser, [](unsigned char c) -> int { return c == ' '; });
    }

    // After a parse error: drop the broken row, start afresh on the next line.
    void restart(uint64_t next_line) {
        csv_free(&parser);
        parser = {};
        init();
        fields.clear();
        row_newlines = 0;
        line = next_line;
    }

    uint64_t row_start() const { return line - row_newlines; }

    static void on_field(void* data, size_t len, void* self) {
        auto* p = static_cast<Parser*>(self);
        std::string& f = p->fields.emplace_back(data ? static_cast<const char*>(data) : "", data ? len : 0);
        const auto newlines = static_cast<uint64_t>(std::count(f.begin(), f.end(), '\n'));
        p->line += newlines;
        p->row_newlines += newlines;
    }

    static void on_row_end(int c, void* self) {
        auto* p = static_cast<Parser*>(self);
        const bool blank = std::all_of(p->fields.begin(), p->fields.end(), [](const std::string& f) { return trim(f).empty(); });
        if (!blank) {
            CsvRow row{p->row_start(), p->line, std::move(p->fields)};
            bool bad = false;
            while (!p->bad_utf8_lines.empty() && p->bad_utf8_lines.front() <= row.last_line) {
                bad = bad || p->bad_utf8_lines.front() >= row.line;
                p->bad_utf8_lines.erase(p->bad_utf8_lines.begin());
            }
            if (bad) p->problems->push_back({CsvProblemKind::InvalidUtf8, row.line, row.line});
            else p->rows.push_back(std::move(row));
        }
        p->fields.clear();
        p->row_newlines = 0;
        if (c == '\n') ++p->line;
    }
};

CsvReader::CsvReader(const std::string& path, Encoding encoding, char delimiter) {
    in_.open(path, std::ios::binary);
    if (!in_) {
        open_error_ = OpenError::CannotOpen;
        return;
    }
    char head[3] = {0, 0, 0};
    in_.read(head, 3);
    const auto got = in_.gcount();
    in_.clear();
    const auto b = [&](int i) { return static_cast<unsigned char>(head[i]); };
    if (got >= 2 && ((b(0) == 0xFF && b(1) == 0xFE) || (b(0) == 0xFE && b(1) == 0xFF))) {
        open_error_ = OpenError::Utf16;
        return;
    }
    format_.bom = got == 3 && b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF;
    if (encoding != Encoding::Auto) {
        format_.encoding = encoding;
    } else if (format_.bom) {
        format_.encoding = Encoding::Utf8;
    } else {
        // Scan the whole file: Windows-1252 text may be pure ASCII for
        // thousands of lines before its first "ä".
        in_.seekg(0);
        format_.encoding = Encoding::Utf8;
        std::string line;
        while (std::getline(in_, line))
            if (!is_valid_utf8(line)) {
                format_.encoding = Encoding::Windows1252;
                break;
            }
        in_.clear();
    }
    in_.seekg(format_.bom ? 3 : 0);
    // The first line, decoded, tells the delimiter; it is parsed first.
    if (std::getline(in_, pending_first_line_)) {
        has_pending_first_line_ = true;
        if (!in_.eof()) pending_first_line_ += '\n';
    }
    if (format_.encoding == Encoding::Windows1252) pending_first_line_ = windows1252_to_utf8(pending_first_line_);
    format_.delimiter = delimiter ? delimiter : detect_delimiter(pending_first_line_);
    parser_ = std::make_unique<Parser>(format_.delimiter);
}

CsvReader::~CsvReader() = default;

bool CsvReader::feed_next_line(std::vector<CsvProblem>& problems) {
    Parser& p = *parser_;
    p.problems = &problems;
    std::string line;
    if (has_pending_first_line_) {
        line = std::move(pending_first_line_);
        has_pending_first_line_ = false;
    } else if (std::getline(in_, line)) {
        if (!in_.eof()) line += '\n';
        if (format_.encoding == Encoding::Windows1252) line = windows1252_to_utf8(line);
    } else {
        // End of file: a quoted field still open swallowed the rest of the file.
        if (csv_fini(&p.parser, Parser::on_field, Parser::on_row_end, &p) != 0)
            problems.push_back({CsvProblemKind::UnterminatedQuote, p.row_start(), p.row_start()});
        finished_ = true;
        return false;
    }
    ++physical_line_;
    if (format_.encoding == Encoding::Utf8 && !is_valid_utf8(line)) p.bad_utf8_lines.push_back(physical_line_);
    const size_t parsed = csv_parse(&p.parser, line.data(), line.size(), Parser::on_field, Parser::on_row_end, &p);
    if (parsed != line.size()) {
        problems.push_back({CsvProblemKind::MalformedQuote, p.row_start(), physical_line_});
        p.restart(physical_line_ + 1);
    }
    return true;
}

bool CsvReader::next(CsvRow& row, std::vector<CsvProblem>& problems) {
    if (!parser_) return false;
    while (parser_->rows.empty() && !finished_) feed_next_line(problems);
    if (parser_->rows.empty()) return false;
    row = std::move(parser_->rows.front());
    parser_->rows.pop_front();
    return true;
}

// ============================================================================
// Conversion
// ============================================================================

namespace {

std::string json_string(std::string_view s) {
    return nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void append_value(std::string& out, const MappedValue& v) {
    if (std::holds_alternative<std::monostate>(v)) out += "null";
    else if (const auto* s = std::get_if<std::string>(&v)) out += json_string(*s);
    else if (const auto* i = std::get_if<int64_t>(&v)) out += std::to_string(*i);
    else out += std::get<bool>(v) ? "true" : "false";
}

void append_member(std::string& out, std::string_view key, const MappedValue& v) {
    out += ',';
    out += json_string(key);
    out += ':';
    append_value(out, v);
}

// "2023-01-05", "2023-01-05 00:00", "2023-01-05 08:30:00", "2023-01-05T08:30".
std::optional<std::string> cell_date(std::string_view s) {
    if (s.size() < 10 || !parse_date(s.substr(0, 10))) return std::nullopt;
    std::string_view time = s.substr(10);
    if (time.empty()) return std::string(s);
    if (time[0] != ' ' && time[0] != 'T') return std::nullopt;
    time.remove_prefix(1);
    // H:MM, HH:MM, optionally :SS and a fraction.
    size_t i = 0;
    auto digits = [&](size_t min, size_t max) {
        size_t n = 0;
        while (i < time.size() && n < max && time[i] >= '0' && time[i] <= '9') ++i, ++n;
        return n >= min;
    };
    if (!digits(1, 2) || i >= time.size() || time[i++] != ':' || !digits(2, 2)) return std::nullopt;
    if (i < time.size()) {
        if (time[i++] != ':' || !digits(2, 2)) return std::nullopt;
        if (i < time.size() && (time[i++] != '.' || !digits(1, 9))) return std::nullopt;
    }
    if (i != time.size()) return std::nullopt;
    return std::string(s.substr(0, 10));
}

std::optional<bool> default_boolean(std::string_view s) {
    const std::string v = ascii_lower(s);
    for (const char* t : {"ja", "j", "yes", "y", "true", "sant", "1"})
        if (v == t) return true;
    for (const char* f : {"nej", "n", "no", "false", "falskt", "0"})
        if (v == f) return false;
    return std::nullopt;
}

std::optional<int64_t> integer(std::string_view s) {
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    int64_t v = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
    return v;
}

// A value as it may be shown in a message: one line, not too long.
std::string shown_value(std::string_view s) {
    std::string out;
    size_t chars = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if ((c & 0xC0) != 0x80 && ++chars > 40) {
            out += "…";
            break;
        }
        out += c < 0x20 ? ' ' : static_cast<char>(c);
    }
    return out;
}

// A mapping column found in the header.
struct Column {
    const FieldMapping* field = nullptr;  // null for id, date and type columns
    std::string name;
    size_t index = 0;
};

class Header {
public:
    explicit Header(const std::vector<std::string>& fields) {
        for (const auto& f : fields) names_.emplace_back(trim(f));
    }
    size_t size() const { return names_.size(); }

    // The index of a column, or a failure naming it.
    std::variant<size_t, ImportFailure> find(const std::string& name, uint32_t mapping_line) const {
        size_t found = names_.size(), count = 0;
        for (size_t i = 0; i < names_.size(); ++i)
            if (names_[i] == name) found = count++ == 0 ? i : found;
        if (count == 1) return found;
        ImportFailure f;
        f.kind = count == 0 ? ImportFailureKind::MissingColumn : ImportFailureKind::AmbiguousColumn;
        f.column = name;
        f.mapping_line = mapping_line;
        if (count == 0) {
            f.hint = dsl::did_you_mean(name, names_);
            if (f.hint.empty())  // differs only in case?
                for (const auto& n : names_)
                    if (ascii_lower(n) == ascii_lower(name)) f.hint = n;
        }
        return f;
    }

private:
    std::vector<std::string> names_;
};

// Cell -> value, or the reason it cannot be mapped (line and case id are
// filled in by the caller).
std::optional<RowRejection> map_cell(const FieldMapping& f, const std::string& column, std::string_view raw, MappedValue& out) {
    const std::string_view v = trim(raw);
    RowRejection r;
    r.column = column;
    if (looks_like_personnummer(v)) {
        r.reason = RejectReason::Personnummer;
        return r;
    }
    if (v.empty() || contains(f.unknown, v)) {
        out = std::monostate{};
        return std::nullopt;
    }
    if (!f.values.empty()) {
        for (const auto& [from, to] : f.values)
            if (from == v) {
                out = to;
                return std::nullopt;
            }
        r.reason = RejectReason::UnmappedValue;
        r.value = shown_value(v);
        for (const auto& [from, to] : f.values) r.expected += (r.expected.empty() ? "'" : ", '") + from + "'";
        return r;
    }
    switch (f.type) {
        case ValueType::String: out = std::string(v); return std::nullopt;
        case ValueType::Integer:
            if (auto i = integer(v)) {
                out = *i;
                return std::nullopt;
            }
            r.reason = RejectReason::NotInteger;
            break;
        case ValueType::Boolean:
            if (auto b = default_boolean(v)) {
                out = *b;
                return std::nullopt;
            }
            r.reason = RejectReason::NotBoolean;
            break;
        case ValueType::Date:
            if (auto d = cell_date(v)) {
                out = *d;
                return std::nullopt;
            }
            r.reason = RejectReason::InvalidDate;
            break;
    }
    r.value = shown_value(v);
    return r;
}

// Columns of the mapping resolved against the header.
struct Resolved {
    size_t id = 0;
    std::vector<Column> case_attrs;
    struct Event {
        const WideEvent* mapping = nullptr;
        Column date;
        std::vector<Column> attrs;
    };
    std::vector<Event> wide;
    Column type, date;  // long
    std::vector<Column> long_attrs;
};

std::optional<ImportFailure> resolve(const Mapping& m, const Header& h, Resolved& r) {
    std::optional<ImportFailure> failure;
    auto column = [&](const std::string& name, uint32_t line, const FieldMapping* f) {
        Column c{f, name, 0};
        if (f && f->constant) return c;  // no column to find
        auto found = h.find(name, line);
        if (auto* i = std::get_if<size_t>(&found)) c.index = *i;
        else if (!failure) failure = std::get<ImportFailure>(found);
        return c;
    };
    r.id = column(m.id_column, m.id_line, nullptr).index;
    for (const auto& f : m.case_attributes) r.case_attrs.push_back(column(f.column, f.mapping_line, &f));
    if (m.layout == Layout::Wide) {
        for (const auto& w : m.wide_events) {
            Resolved::Event e{&w, column(w.date_column, w.mapping_line, nullptr), {}};
            for (const auto& f : w.attributes) e.attrs.push_back(column(f.column, f.mapping_line, &f));
            r.wide.push_back(std::move(e));
        }
    } else {
        const LongEvents& l = m.long_events;
        r.type = column(l.type_column, l.type_line, nullptr);
        r.date = column(l.date_column, l.date_line, nullptr);
        for (const auto& f : l.attributes) r.long_attrs.push_back(column(f.column, f.mapping_line, &f));
    }
    return failure;
}

RowRejection from_problem(const CsvProblem& p) {
    RowRejection r;
    r.reason = p.kind == CsvProblemKind::MalformedQuote      ? RejectReason::MalformedQuote
               : p.kind == CsvProblemKind::UnterminatedQuote ? RejectReason::UnterminatedQuote
                                                             : RejectReason::InvalidUtf8;
    r.line = p.line;
    r.at_line = p.at_line;
    return r;
}

// Writes cases, optionally on the line of the CSV row they start on.
class CaseWriter {
public:
    CaseWriter(std::ostream& out, bool align) : out_(out), align_(align) {}
    void write(const std::string& json, uint64_t csv_line) {
        if (align_)
            for (; line_ < csv_line; ++line_) out_ << '\n';
        out_ << json << '\n';
        ++line_;
    }

private:
    std::ostream& out_;
    bool align_;
    uint64_t line_ = 1;
};

class Converter {
public:
    Converter(const Mapping& m, const Resolved& r, size_t columns, ImportResult& result)
        : m_(m), r_(r), columns_(columns), result_(result) {}

    // The id of a row, or a rejection (field count, missing id, personnummer).
    std::optional<std::string> id_of(const CsvRow& row) {
        if (row.fields.size() != columns_) {
            RowRejection x;
            x.reason = RejectReason::FieldCount;
            x.count = row.fields.size();
            x.expected_count = columns_;
            reject(row, std::move(x));
            return std::nullopt;
        }
        const std::string_view id = trim(row.fields[r_.id]);
        RowRejection x;
        x.column = m_.id_column;
        if (id.empty()) x.reason = RejectReason::MissingId;
        else if (looks_like_personnummer(id)) x.reason = RejectReason::Personnummer;
        else return std::string(id);
        reject(row, std::move(x));
        return std::nullopt;
    }

    // Maps columns into `json` as ,"key":value members; false after a rejection.
    bool members(const CsvRow& row, const std::string& id, const std::vector<Column>& cols, std::string& json,
                 std::vector<MappedValue>* values = nullptr) {
        for (const auto& c : cols) {
            MappedValue v;
            if (c.field->constant) v = *c.field->constant;
            else if (auto x = map_cell(*c.field, c.name, row.fields[c.index], v)) {
                x->case_id = id;
                reject(row, std::move(*x));
                return false;
            }
            append_member(json, c.field->key, v);
            if (values) values->push_back(std::move(v));
        }
        return true;
    }

    // The date of an event; nullopt with `rejected` set after a rejection.
    std::optional<std::string> date(const CsvRow& row, const std::string& id, const Column& c, bool& rejected) {
        const std::string_view v = trim(row.fields[c.index]);
        rejected = false;
        if (v.empty()) return std::nullopt;
        if (auto d = cell_date(v)) return d;
        RowRejection x;
        x.reason = looks_like_personnummer(v) ? RejectReason::Personnummer : RejectReason::InvalidDate;
        x.column = c.name;
        x.case_id = id;
        if (x.reason == RejectReason::InvalidDate) x.value = shown_value(v);
        reject(row, std::move(x));
        rejected = true;
        return std::nullopt;
    }

    void reject(const CsvRow& row, RowRejection x) {
        x.line = row.line;
        result_.rejections.push_back(std::move(x));
        ++result_.summary.rejected;
    }

protected:
    const Mapping& m_;
    const Resolved& r_;
    size_t columns_;
    ImportResult& result_;
};

class WideConverter : public Converter {
public:
    WideConverter(const Mapping& m, const Resolved& r, size_t columns, ImportResult& result, CaseWriter& out)
        : Converter(m, r, columns, result), out_(out) {}

    void row(const CsvRow& row) {
        auto id = id_of(row);
        if (!id) return;
        std::string json = "{\"id\":" + json_string(*id);
        if (!members(row, *id, r_.case_attrs, json)) return;
        json += ",\"events\":[";
        size_t events = 0;
        for (const auto& e : r_.wide) {
            bool rejected = false;
            auto d = date(row, *id, e.date, rejected);
            if (rejected) return;
            if (!d) continue;  // no date: the step is not documented
            json += events++ ? ",{" : "{";
            json += "\"type\":" + json_string(e.mapping->type) + ",\"date\":" + json_string(*d);
            std::string attrs;
            if (!members(row, *id, e.attrs, attrs)) return;
            json += attrs + "}";
        }
        json += "]}";
        auto [it, inserted] = first_line_.emplace(*id, row.line);
        if (!inserted) {
            RowRejection x;
            x.reason = RejectReason::DuplicateId;
            x.case_id = *id;
            x.column = m_.id_column;
            x.other_line = it->second;
            reject(row, std::move(x));
            return;
        }
        out_.write(json, row.line);
        ++result_.summary.cases;
        result_.summary.events += events;
    }

private:
    CaseWriter& out_;
    std::unordered_map<std::string, uint64_t> first_line_;
};

class LongConverter : public Converter {
public:
    LongConverter(const Mapping& m, const Resolved& r, size_t columns, ImportResult& result)
        : Converter(m, r, columns, result) {}

    void row(const CsvRow& row) {
        auto id = id_of(row);
        if (!id) return;
        const LongEvents& l = m_.long_events;
        const std::string_view system_type = trim(row.fields[r_.type.index]);
        if (contains(l.ignore, system_type)) {
            ++result_.summary.ignored;
            return;
        }
        Accumulated& c = case_of(*id, row.line);
        if (!event(row, *id, system_type, c)) c.rejected_lines.push_back(row.line);
    }

    void finish(CaseWriter& out) {
        for (auto& c : cases_) {
            if (!c.rejected_lines.empty()) {
                result_.dropped.push_back({c.id, c.line, std::move(c.rejected_lines)});
                ++result_.summary.dropped_cases;
                continue;
            }
            std::string json = "{\"id\":" + json_string(c.id);
            for (size_t i = 0; i < m_.case_attributes.size(); ++i) append_member(json, m_.case_attributes[i].key, c.attrs[i]);
            json += ",\"events\":[";
            for (size_t i = 0; i < c.events.size(); ++i) json += (i ? "," : "") + c.events[i];
            json += "]}";
            out.write(json, c.line);
            ++result_.summary.cases;
            result_.summary.events += c.events.size();
        }
    }

private:
    struct Accumulated {
        std::string id;
        uint64_t line = 0;  // of its first row
        std::vector<MappedValue> attrs;  // by case attribute
        std::vector<uint64_t> attr_lines;  // where each known value came from
        std::vector<std::string> events;  // JSON objects
        std::vector<uint64_t> rejected_lines;
    };
    std::vector<Accumulated> cases_;  // in order of first row
    std::unordered_map<std::string, size_t> index_;

    Accumulated& case_of(const std::string& id, uint64_t line) {
        auto [it, inserted] = index_.emplace(id, cases_.size());
        if (inserted) {
            Accumulated& c = cases_.emplace_back();
            c.id = id;
            c.line = line;
            c.attrs.resize(m_.case_attributes.size());
            c.attr_lines.resize(m_.case_attributes.size());
        }
        return cases_[it->second];
    }

    // Adds the row's event and case attributes; false after a rejection.
    bool event(const CsvRow& row, const std::string& id, std::string_view system_type, Accumulated& c) {
        const LongEvents& l = m_.long_events;
        RowRejection x;
        x.case_id = id;
        x.column = r_.type.name;
        const std::string* type = nullptr;
        for (const auto& [from, to] : l.types)
            if (from == system_type) type = &to;
        if (!type) {
            x.reason = looks_like_personnummer(system_type) ? RejectReason::Personnummer : RejectReason::UnmappedValue;
            if (x.reason == RejectReason::UnmappedValue) {
                x.value = shown_value(system_type);
                for (const auto& [from, to] : l.types) x.expected += (x.expected.empty() ? "'" : ", '") + from + "'";
                for (const auto& from : l.ignore) x.expected += ", '" + from + "'";
            }
            reject(row, std::move(x));
            return false;
        }
        bool rejected = false;
        auto d = date(row, id, r_.date, rejected);
        if (rejected) return false;
        if (!d) {
            x.reason = RejectReason::MissingDate;
            x.column = r_.date.name;
            reject(row, std::move(x));
            return false;
        }
        std::string attrs;
        std::vector<MappedValue> case_values;
        if (!members(row, id, r_.case_attrs, attrs, &case_values)) return false;
        std::string json = "{\"type\":" + json_string(*type) + ",\"date\":" + json_string(*d);
        std::vector<Column> event_attrs;
        for (const auto& a : r_.long_attrs)
            if (a.field->only_for.empty() || contains(a.field->only_for, *type)) event_attrs.push_back(a);
        if (!members(row, id, event_attrs, json)) return false;
        json += "}";
        // A case attribute must say the same on every row that knows it.
        for (size_t i = 0; i < case_values.size(); ++i) {
            if (std::holds_alternative<std::monostate>(case_values[i]) || std::holds_alternative<std::monostate>(c.attrs[i]) ||
                case_values[i] == c.attrs[i])
                continue;
            x.reason = RejectReason::ConflictingValue;
            x.column = r_.case_attrs[i].name;
            x.other_line = c.attr_lines[i];
            reject(row, std::move(x));
            return false;
        }
        for (size_t i = 0; i < case_values.size(); ++i)
            if (std::holds_alternative<std::monostate>(c.attrs[i]) && !std::holds_alternative<std::monostate>(case_values[i])) {
                c.attrs[i] = std::move(case_values[i]);
                c.attr_lines[i] = row.line;
            }
        c.events.push_back(std::move(json));
        return true;
    }
};

}  // namespace

ImportResult convert_csv(const std::string& csv_path, const Mapping& mapping, std::ostream& out, const ConvertOptions& options) {
    ImportResult result;
    CsvReader reader(csv_path, mapping.encoding, mapping.delimiter);
    if (reader.open_error() != CsvReader::OpenError::None) {
        result.failure = ImportFailure{reader.open_error() == CsvReader::OpenError::Utf16 ? ImportFailureKind::Utf16
                                                                                          : ImportFailureKind::CannotOpen,
                                       {}, 0, {}};
        return result;
    }
    result.summary.format = reader.format();
    std::vector<CsvProblem> problems;
    CsvRow header_row;
    const bool any_row = reader.next(header_row, problems);
    if (!problems.empty() && (!any_row || problems.front().line < header_row.line)) {
        result.failure = ImportFailure{ImportFailureKind::HeaderUnreadable, {}, 0, {}};
        return result;
    }
    if (!any_row) {
        result.failure = ImportFailure{ImportFailureKind::NoHeader, {}, 0, {}};
        return result;
    }
    const Header header(header_row.fields);
    Resolved resolved;
    if (auto failure = resolve(mapping, header, resolved)) {
        result.failure = std::move(failure);
        return result;
    }
    CaseWriter writer(out, options.align_lines);
    WideConverter wide(mapping, resolved, header.size(), result, writer);
    LongConverter long_(mapping, resolved, header.size(), result);
    CsvRow row;
    for (;;) {
        const bool more = reader.next(row, problems);
        for (const auto& p : problems) {
            result.rejections.push_back(from_problem(p));
            ++result.summary.rejected;
            ++result.summary.rows;
        }
        problems.clear();
        if (!more) break;
        ++result.summary.rows;
        if (mapping.layout == Layout::Wide) wide.row(row);
        else long_.row(row);
    }
    if (mapping.layout == Layout::Long) long_.finish(writer);
    std::stable_sort(result.rejections.begin(), result.rejections.end(),
                     [](const RowRejection& a, const RowRejection& b) { return a.line < b.line; });
    return result;
}

// ============================================================================
// Messages
// ============================================================================

namespace {

std::string reason_text(const RowRejection& r, Lang lang) {
    switch (r.reason) {
        case RejectReason::MalformedQuote:
            return fmt::format(fmt::runtime(tr(lang, "felaktiga citattecken på rad {} (ett \" inne i ett fält utan citattecken, eller text efter det avslutande \")",
                                               "malformed quotes on line {} (a \" inside an unquoted field, or text after the closing \")")),
                               r.at_line);
        case RejectReason::UnterminatedQuote:
            return tr(lang, "ett fält inom citattecken avslutas aldrig; resten av filen kan inte läsas",
                      "a quoted field is never closed; the rest of the file cannot be read");
        case RejectReason::InvalidUtf8:
            return tr(lang, "ogiltig UTF-8 (filen har UTF-8-BOM eller mappningen anger utf-8)",
                      "invalid UTF-8 (the file has a UTF-8 BOM or the mapping says utf-8)");
        case RejectReason::FieldCount:
            return fmt::format(fmt::runtime(tr(lang, "raden har {} fält men rubrikraden har {}", "the row has {} fields but the header has {}")),
                               r.count, r.expected_count);
        case RejectReason::MissingId:
            return fmt::format(fmt::runtime(tr(lang, "id saknas i kolumnen '{}'", "no id in the column '{}'")), r.column);
        case RejectReason::DuplicateId:
            return fmt::format(fmt::runtime(tr(lang, "samma id finns redan på rad {}", "the same id already occurs on line {}")),
                               r.other_line);
        case RejectReason::Personnummer:
            return fmt::format(fmt::runtime(tr(lang, "kolumnen '{}' ser ut att innehålla ett personnummer; värdet visas inte",
                                               "the column '{}' seems to hold a personnummer; the value is not shown")),
                               r.column);
        case RejectReason::InvalidDate:
            return fmt::format(fmt::runtime(tr(lang, "ogiltigt datum '{}' i kolumnen '{}' (väntade ÅÅÅÅ-MM-DD)",
                                               "invalid date '{}' in the column '{}' (expected YYYY-MM-DD)")),
                               r.value, r.column);
        case RejectReason::MissingDate:
            return fmt::format(fmt::runtime(tr(lang, "datum saknas i kolumnen '{}'", "no date in the column '{}'")), r.column);
        case RejectReason::UnmappedValue:
            return fmt::format(fmt::runtime(tr(lang, "värdet '{}' i kolumnen '{}' finns inte i mappningen (kända: {})",
                                               "the value '{}' in the column '{}' is not in the mapping (known: {})")),
                               r.value, r.column, r.expected);
        case RejectReason::NotInteger:
            return fmt::format(fmt::runtime(tr(lang, "'{}' i kolumnen '{}' är inte ett heltal", "'{}' in the column '{}' is not an integer")),
                               r.value, r.column);
        case RejectReason::NotBoolean:
            return fmt::format(fmt::runtime(tr(lang, "'{}' i kolumnen '{}' är inte ja eller nej (ange 'values' i mappningen)",
                                               "'{}' in the column '{}' is not yes or no (give 'values' in the mapping)")),
                               r.value, r.column);
        case RejectReason::ConflictingValue:
            return fmt::format(fmt::runtime(tr(lang, "kolumnen '{}' har ett annat värde än på rad {} i samma fall",
                                               "the column '{}' has another value than on line {} of the same case")),
                               r.column, r.other_line);
    }
    return tr(lang, "okänt fel", "unknown error");
}

}  // namespace

std::string describe(const RowRejection& r, const std::string& csv_file, Lang lang) {
    std::string text = fmt::format("{}:{}: ", csv_file, r.line);
    if (!r.case_id.empty()) text += fmt::format(fmt::runtime(tr(lang, "fall {}: ", "case {}: ")), r.case_id);
    return text + reason_text(r, lang);
}

ReadError as_read_error(const RowRejection& r, const std::string& csv_file, Lang lang) {
    ReadError e;
    e.kind = ReadErrorKind::RowRejected;
    e.file = csv_file;
    e.line = r.line;
    e.case_id = r.case_id;
    e.field = r.column;
    e.got = reason_text(r, lang);
    return e;
}

std::string describe(const DroppedCase& d, const std::string& csv_file, Lang lang) {
    std::string lines;
    for (uint64_t l : d.rejected_lines) lines += (lines.empty() ? "" : ", ") + std::to_string(l);
    return fmt::format(fmt::runtime(tr(lang, "{}:{}: fall {}: skrivs inte, eftersom rad {} avvisades (en saknad händelse skulle se ut som ett odokumenterat steg)",
                                       "{}:{}: case {}: not written, since line {} was rejected (a missing event would look like an undocumented step)")),
                       csv_file, d.line, d.case_id, lines);
}

std::string describe(const ImportFailure& f, const std::string& csv_file, const std::string& mapping_file, Lang lang) {
    switch (f.kind) {
        case ImportFailureKind::CannotOpen:
            return fmt::format(fmt::runtime(tr(lang, "{}: kan inte öppna eller läsa filen", "{}: cannot open or read the file")), csv_file);
        case ImportFailureKind::Utf16:
            return fmt::format(fmt::runtime(tr(lang, "{}: filen är UTF-16 (Excels \"Unicode-text\"); spara den som \"CSV UTF-8\" eller \"CSV (semikolonavgränsad)\"",
                                               "{}: the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8\" or \"CSV (semicolon delimited)\"")),
                               csv_file);
        case ImportFailureKind::NoHeader:
            return fmt::format(fmt::runtime(tr(lang, "{}: filen är tom (ingen rubrikrad)", "{}: the file is empty (no header line)")), csv_file);
        case ImportFailureKind::HeaderUnreadable:
            return fmt::format(fmt::runtime(tr(lang, "{}:1: rubrikraden kan inte läsas (felaktiga citattecken eller ogiltig UTF-8)",
                                               "{}:1: the header line cannot be read (malformed quotes or invalid UTF-8)")),
                               csv_file);
        case ImportFailureKind::MissingColumn: {
            std::string text = fmt::format(fmt::runtime(tr(lang, "{}:1: kolumnen '{}' ({}:{}) finns inte i rubrikraden",
                                                           "{}:1: the column '{}' ({}:{}) is not in the header")),
                                           csv_file, f.column, mapping_file, f.mapping_line);
            if (!f.hint.empty()) text += fmt::format(fmt::runtime(tr(lang, "; menade du '{}'?", "; did you mean '{}'?")), f.hint);
            return text;
        }
        case ImportFailureKind::AmbiguousColumn:
            return fmt::format(fmt::runtime(tr(lang, "{}:1: kolumnen '{}' ({}:{}) förekommer mer än en gång i rubrikraden",
                                               "{}:1: the column '{}' ({}:{}) occurs more than once in the header")),
                               csv_file, f.column, mapping_file, f.mapping_line);
    }
    return csv_file;
}

std::string describe(const ImportSummary& s, Lang lang) {
    // Swedish participles agree in number: "1 rad avvisad", "2 rader avvisade".
    auto count = [&](uint64_t n, const char* sv_one, const char* sv_many, const char* en_one, const char* en_many) {
        return fmt::format("{} {}", n, lang == Lang::Sv ? (n == 1 ? sv_one : sv_many) : (n == 1 ? en_one : en_many));
    };
    std::string text = count(s.rows, "rad läst", "rader lästa", "row read", "rows read") + ", " +
                       count(s.cases, "fall skrivet", "fall skrivna", "case written", "cases written") + ", " +
                       count(s.rejected, "rad avvisad", "rader avvisade", "row rejected", "rows rejected");
    if (s.ignored)
        text += ", " + count(s.ignored, "rad överhoppad enligt 'ignore'", "rader överhoppade enligt 'ignore'",
                             "row skipped by 'ignore'", "rows skipped by 'ignore'");
    if (s.dropped_cases)
        text += ", " + count(s.dropped_cases, "fall inte skrivet", "fall inte skrivna", "case not written", "cases not written");
    return text + " (" + describe(s.format, lang) + ")";
}

// ============================================================================
// The check path
// ============================================================================

bool is_csv_path(const std::string& path) {
    const std::string ext = ascii_lower(std::filesystem::path(path).extension().string());
    return ext == ".csv";
}

}  // namespace aktkoll::importer
