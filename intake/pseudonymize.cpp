#include "intake/pseudonymize.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "core/personnummer.hpp"

namespace aktkoll::pseudo {

using Json = nlohmann::ordered_json;

// ---------------------------------------------------------------------------
// Keys

Key::~Key() {
    if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
}

Key::Key(Key&& other) noexcept : bytes_(std::move(other.bytes_)) { other.bytes_.clear(); }

Key& Key::operator=(Key&& other) noexcept {
    if (this != &other) {
        if (!bytes_.empty()) OPENSSL_cleanse(bytes_.data(), bytes_.size());
        bytes_ = std::move(other.bytes_);
        other.bytes_.clear();
    }
    return *this;
}

namespace {

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

KeyResult key_error(KeyErrorKind kind, int sys_errno = 0, size_t bytes = 0) {
    KeyResult r;
    r.error = {kind, sys_errno, bytes};
    return r;
}

// Hex digits (with trailing white space) are decoded; anything else is raw key material.
std::vector<unsigned char> key_material(std::vector<unsigned char>& content) {
    size_t end = content.size();
    while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r' || content[end - 1] == ' ' ||
                       content[end - 1] == '\t'))
        --end;
    const bool hex = end > 0 && end % 2 == 0 &&
                     std::all_of(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(end),
                                 [](unsigned char c) { return hex_value(static_cast<char>(c)) >= 0; });
    if (!hex) return std::move(content);
    std::vector<unsigned char> bytes(end / 2);
    for (size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<unsigned char>(hex_value(static_cast<char>(content[2 * i])) * 16 +
                                              hex_value(static_cast<char>(content[2 * i + 1])));
    OPENSSL_cleanse(content.data(), content.size());
    return bytes;
}

}  // namespace

KeyResult read_key(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return key_error(KeyErrorKind::CannotOpen, errno);
    struct stat st {};
    // fstat on the opened file: what is checked is what is read.
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return key_error(KeyErrorKind::NotRegularFile);
    }
    if (st.st_mode & (S_IROTH | S_IWOTH)) {
        ::close(fd);
        return key_error(KeyErrorKind::WorldAccessible);
    }
    if (static_cast<size_t>(st.st_size) > kMaxKeyFileBytes) {
        ::close(fd);
        return key_error(KeyErrorKind::TooLarge);
    }
    std::vector<unsigned char> content(kMaxKeyFileBytes + 1);
    size_t got = 0;
    while (got < content.size()) {
        const ssize_t n = ::read(fd, content.data() + got, content.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int err = errno;
            ::close(fd);
            OPENSSL_cleanse(content.data(), content.size());
            return key_error(KeyErrorKind::CannotOpen, err);
        }
        if (n == 0) break;
        got += static_cast<size_t>(n);
    }
    ::close(fd);
    if (got > kMaxKeyFileBytes) {
        OPENSSL_cleanse(content.data(), content.size());
        return key_error(KeyErrorKind::TooLarge);
    }
    std::fill(content.begin() + static_cast<std::ptrdiff_t>(got), content.end(), 0);
    content.resize(got);
    std::vector<unsigned char> material = key_material(content);
    if (material.size() < kMinKeyBytes) {
        const size_t n = material.size();
        OPENSSL_cleanse(material.data(), material.size());
        return key_error(KeyErrorKind::TooShort, 0, n);
    }
    KeyResult r;
    r.key.emplace(std::move(material));
    return r;
}

KeyResult create_key(const std::string& path) {
    std::vector<unsigned char> bytes(kNewKeyBytes);
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) return key_error(KeyErrorKind::NoRandomness);
    // O_EXCL: an existing key is never overwritten; O_NOFOLLOW: nor a file a link points to.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int err = errno;
        OPENSSL_cleanse(bytes.data(), bytes.size());
        return key_error(err == EEXIST ? KeyErrorKind::Exists : KeyErrorKind::CannotCreate, err);
    }
    std::string hex;
    static constexpr char kDigits[] = "0123456789abcdef";
    for (unsigned char b : bytes) {
        hex.push_back(kDigits[b >> 4]);
        hex.push_back(kDigits[b & 15]);
    }
    hex.push_back('\n');
    bool ok = ::fchmod(fd, 0600) == 0;  // whatever the umask
    size_t done = 0;
    while (ok && done < hex.size()) {
        const ssize_t n = ::write(fd, hex.data() + done, hex.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) ok = false;
        else done += static_cast<size_t>(n);
    }
    int err = ok ? 0 : errno;
    if (ok && ::fsync(fd) != 0) {
        ok = false;
        err = errno;
    }
    if (::close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    OPENSSL_cleanse(hex.data(), hex.size());
    if (!ok) {
        ::unlink(path.c_str());
        OPENSSL_cleanse(bytes.data(), bytes.size());
        return key_error(KeyErrorKind::CannotCreate, err);
    }
    KeyResult r;
    r.key.emplace(std::move(bytes));
    return r;
}

std::string describe(const KeyError& e, const std::string& path, Lang lang) {
    switch (e.kind) {
        case KeyErrorKind::CannotOpen:
            return fmt::format(fmt::runtime(tr(lang, "kan inte läsa nyckelfilen '{}': {}", "cannot read the key file '{}': {}")),
                               path, std::strerror(e.sys_errno));
        case KeyErrorKind::NotRegularFile:
            return fmt::format(fmt::runtime(tr(lang, "nyckelfilen '{}' är inte en vanlig fil", "the key file '{}' is not a regular file")),
                               path);
        case KeyErrorKind::WorldAccessible:
            return fmt::format(fmt::runtime(tr(lang,
                                               "nyckelfilen '{}' kan läsas eller skrivas av alla; skydda den först med 'chmod 600 {}'",
                                               "the key file '{}' is readable or writable by everyone; protect it first with 'chmod 600 {}'")),
                               path, path);
        case KeyErrorKind::TooShort:
            return fmt::format(fmt::runtime(tr(lang,
                                               "nyckelfilen '{}' har {} byte nyckelmaterial; minst {} behövs (skapa en ny med --new-key)",
                                               "the key file '{}' has {} bytes of key material; at least {} are needed (create one with --new-key)")),
                               path, e.bytes, kMinKeyBytes);
        case KeyErrorKind::TooLarge:
            return fmt::format(fmt::runtime(tr(lang, "nyckelfilen '{}' är större än {} byte: fel fil?",
                                               "the key file '{}' is larger than {} bytes: the wrong file?")),
                               path, kMaxKeyFileBytes);
        case KeyErrorKind::Exists:
            return fmt::format(fmt::runtime(tr(lang,
                                               "'{}' finns redan; en nyckel skrivs aldrig över (utan den gamla nyckeln kan tidigare uttag inte jämföras)",
                                               "'{}' already exists; a key is never overwritten (without the old key earlier exports cannot be compared)")),
                               path);
        case KeyErrorKind::CannotCreate:
            return fmt::format(fmt::runtime(tr(lang, "kan inte skapa nyckelfilen '{}': {}", "cannot create the key file '{}': {}")),
                               path, std::strerror(e.sys_errno));
        case KeyErrorKind::NoRandomness:
            return tr(lang, "kan inte hämta slumptal från OpenSSL (RAND_bytes)", "cannot get random bytes from OpenSSL (RAND_bytes)");
    }
    return tr(lang, "okänt fel med nyckeln", "unknown key error");
}

// ---------------------------------------------------------------------------
// Pseudonyms

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The ten digits YYMMDDNNNN of a text that looks_like_personnummer.
std::string ten_digits(std::string_view pnr) {
    PersonnummerMatch m;
    find_personnummer(pnr, 0, m);
    return std::string(m.ten, sizeof m.ten);
}

std::string base32(const unsigned char* bytes, size_t n) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    uint32_t buffer = 0;
    int bits = 0;
    for (size_t i = 0; i < n; ++i) {
        buffer = (buffer << 8) | bytes[i];
        bits += 8;
        while (bits >= 5) {
            out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
    return out;
}

}  // namespace

std::string pseudonym(const Key& key, std::string_view id, std::string_view prefix) {
    const std::string normal = looks_like_personnummer(id) ? ten_digits(id) : std::string(id);
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    HMAC(EVP_sha256(), key.bytes().data(), static_cast<int>(key.bytes().size()),
         reinterpret_cast<const unsigned char*>(normal.data()), normal.size(), mac, &mac_len);
    std::string out(prefix);
    out += base32(mac, 10);  // 80 bits
    OPENSSL_cleanse(mac, sizeof mac);
    return out;
}

bool valid_prefix(std::string_view prefix) {
    return prefix.size() <= 16 && std::all_of(prefix.begin(), prefix.end(), [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c) || c == '_' || c == '-';
           });
}

std::optional<int> birth_year(std::string_view text, Date today) {
    int ty = 0;
    unsigned tm = 0, td = 0;
    civil_from_date(today, ty, tm, td);
    auto number = [&](size_t at, size_t n) {
        int v = 0;
        for (size_t i = at; i < at + n; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    PersonnummerMatch m;
    if (looks_like_personnummer(text) && find_personnummer(text, 0, m)) {
        const char* ten = m.ten;
        if (m.century >= 0) return m.century * 100 + (ten[0] - '0') * 10 + (ten[1] - '0');
        const int yy = (ten[0] - '0') * 10 + (ten[1] - '0');
        const unsigned mm = static_cast<unsigned>((ten[2] - '0') * 10 + (ten[3] - '0'));
        unsigned dd = static_cast<unsigned>((ten[4] - '0') * 10 + (ten[5] - '0'));
        if (dd > 60) dd -= 60;  // samordningsnummer
        // '-' (or none): under 100 years old today; '+': 100 or older.
        int year = ty / 100 * 100 + yy;
        if (std::make_tuple(year, mm, dd) > std::make_tuple(ty, tm, td)) year -= 100;
        if (m.plus) year -= 100;
        return year;
    }
    if (auto d = parse_date(text)) {
        int y = 0;
        unsigned m = 0, day = 0;
        civil_from_date(*d, y, m, day);
        return y;
    }
    const bool digits = std::all_of(text.begin(), text.end(), is_digit);
    if (digits && text.size() == 8 &&
        is_valid_civil(number(0, 4), static_cast<unsigned>(number(4, 2)), static_cast<unsigned>(number(6, 2))))
        return number(0, 4);
    if (digits && text.size() == 4 && number(0, 4) >= 1800 && number(0, 4) <= ty) return number(0, 4);
    return std::nullopt;
}

// ---------------------------------------------------------------------------
// Records

namespace {

// Deepest bracket nesting of a JSON text (strings skipped).
size_t nesting_depth(std::string_view text) {
    size_t depth = 0, deepest = 0;
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            deepest = std::max(deepest, ++depth);
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return deepest;
}

std::string integer_text(const Json& v) {
    if (v.is_number_unsigned()) return std::to_string(v.get<uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
    const double d = v.get<double>();
    if (std::isfinite(d) && d >= 0 && d < 1e13 && d == std::floor(d)) return std::to_string(static_cast<int64_t>(d));
    return {};
}

class Converter {
public:
    Converter(const Key& key, const Options& options) : key_(key), options_(options) {}

    // One record's text -> one output line (without newline), or the error.
    std::optional<Error> convert(std::string_view text, uint64_t line, std::string& out, uint64_t& replaced);

private:
    const Key& key_;
    const Options& options_;
    uint64_t replaced_ = 0;

    static Error error(ErrorKind kind, uint64_t line, std::string field = {}, std::string limit = {}) {
        return Error{kind, line, std::move(field), std::move(limit)};
    }
    std::string alias(std::string_view id) { return pseudonym(key_, id, options_.prefix); }
    std::optional<Error> born(const Json& record, uint64_t line, Json& born);
    Json scrub(const Json& v);
    std::string scrub_text(const std::string& s);
};

// Every personnummer in a text, alone or within words, in any spelling
// (core/personnummer.hpp), is replaced by its pseudonym.
std::string Converter::scrub_text(const std::string& s) {
    if (!may_hold_personnummer(s)) return s;
    std::string out;
    size_t copied = 0;
    for (PersonnummerMatch m; find_personnummer(s, copied, m);) {
        out.append(s, copied, m.begin - copied);
        out += alias(std::string_view(m.ten, sizeof m.ten));
        ++replaced_;
        copied = m.end;
    }
    if (copied == 0) return s;
    out.append(s, copied, std::string::npos);
    return out;
}

Json Converter::scrub(const Json& v) {
    if (v.is_string()) return scrub_text(v.get_ref<const std::string&>());
    if (v.is_number()) {
        const std::string digits = integer_text(v);
        if (!digits.empty() && looks_like_personnummer(digits)) {
            ++replaced_;
            return alias(digits);
        }
        return v;
    }
    if (v.is_array()) {
        Json out = Json::array();
        for (const auto& item : v) out.push_back(scrub(item));
        return out;
    }
    if (v.is_object()) {
        Json out = Json::object();
        for (const auto& [k, item] : v.items()) out[scrub_text(k)] = scrub(item);
        return out;
    }
    return v;
}

std::optional<Error> Converter::born(const Json& record, uint64_t line, Json& born) {
    const std::string& field = options_.birth_date_field;
    auto it = record.find(field);
    if (it == record.end()) return std::nullopt;
    if (field != "born" && record.contains("born")) return error(ErrorKind::BornConflict, line, "born");
    const Json& v = *it;
    std::optional<int> year;
    if (v.is_null()) {
        born = nullptr;
        return std::nullopt;
    }
    if (v.is_string()) {
        year = birth_year(v.get_ref<const std::string&>(), options_.today);
    } else if (v.is_number()) {
        const std::string digits = integer_text(v);
        if (!digits.empty()) year = birth_year(digits, options_.today);
    }
    if (!year) return error(ErrorKind::BirthDateInvalid, line, field);
    born = *year;
    return std::nullopt;
}

std::optional<Error> Converter::convert(std::string_view text, uint64_t line, std::string& out, uint64_t& replaced) {
    if (nesting_depth(text) > options_.limits.max_depth)
        return error(ErrorKind::TooDeep, line, {}, std::to_string(options_.limits.max_depth));
    Json record = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (record.is_discarded()) return error(ErrorKind::InvalidJson, line);
    if (!record.is_object()) return error(ErrorKind::NotObject, line);
    for (const auto& field : options_.drop) record.erase(field);

    const std::string& id_field = options_.id_field;
    auto id_it = record.find(id_field);
    if (id_it == record.end()) return error(ErrorKind::MissingId, line, id_field);
    std::string id;
    if (id_it->is_string()) id = id_it->get<std::string>();
    else if (id_it->is_number_integer()) id = integer_text(*id_it);
    if (id.empty()) return error(ErrorKind::IdWrongType, line, id_field);
    if (id_field != "id" && record.contains("id")) return error(ErrorKind::IdConflict, line, "id");

    if (auto events = record.find("events"); events != record.end() && events->is_array() &&
                                             events->size() > options_.limits.max_events)
        return error(ErrorKind::TooManyEvents, line, {}, std::to_string(options_.limits.max_events));

    std::optional<Json> born_value;
    if (!options_.birth_date_field.empty()) {
        Json b;
        if (auto e = born(record, line, b)) return e;
        if (record.contains(options_.birth_date_field)) born_value = std::move(b);
    }

    replaced_ = 0;
    Json result = Json::object();
    result["id"] = alias(id);
    if (born_value) result["born"] = std::move(*born_value);
    for (const auto& [k, v] : record.items()) {
        if (k == id_field || k == options_.birth_date_field || (born_value && k == "born")) continue;
        result[scrub_text(k)] = scrub(v);
    }
    out = result.dump(-1, ' ', false, Json::error_handler_t::replace);
    replaced += replaced_;
    return std::nullopt;
}

bool blank(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

void record_error(Summary& s, Error e) {
    ++s.rejected;
    s.errors.push_back(std::move(e));
}

void file_error(Summary& s, ErrorKind kind, uint64_t line = 0, std::string limit = {}) {
    s.errors.push_back(Error{kind, line, {}, std::move(limit)});
}

void one_record(Converter& converter, std::string_view text, uint64_t line, std::ostream& out, Summary& s) {
    ++s.lines;
    std::string converted;
    if (auto e = converter.convert(text, line, converted, s.replaced)) {
        record_error(s, std::move(*e));
        return;
    }
    out << converted << '\n';
    ++s.written;
}

void ndjson(const std::string& input, Converter& converter, const Options& options, std::ostream& out, Summary& s) {
    BlockReader reader(input, options.limits);
    if (!reader.ok()) return file_error(s, ErrorKind::CannotOpen);
    LineBlock block;
    while (reader.next(block)) {
        LineCursor lines(block);
        for (BlockLine line; lines.next(line);) {
            if (line.oversized) {
                ++s.lines;
                record_error(s, Error{ErrorKind::LineTooLong, line.number, {}, std::to_string(options.limits.max_line_bytes)});
                continue;
            }
            if (blank(line.text)) {
                ++s.blank_lines;
                continue;
            }
            one_record(converter, line.text, line.number, out, s);
        }
        reader.release(block.map_end);
    }
    if (reader.failed()) file_error(s, ErrorKind::CannotOpen);  // e.g. truncated while read: no output
}

void document(const std::string& input, Converter& converter, const Options& options, std::ostream& out, Summary& s) {
    namespace od = simdjson::ondemand;
    simdjson::padded_string text;
    const LoadResult loaded = load_input(input, options.limits.max_document_bytes, text);
    if (loaded == LoadResult::TooBig)
        return file_error(s, ErrorKind::LineTooLong, 0, std::to_string(options.limits.max_document_bytes));
    if (loaded != LoadResult::Ok) return file_error(s, ErrorKind::CannotOpen);
    const size_t bom = text.size() >= 3 && std::memcmp(text.data(), "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    od::parser parser;
    od::document doc;
    od::object root;
    od::array cases;
    if (parser.iterate(text.data() + bom, text.size() - bom, text.size() - bom + simdjson::SIMDJSON_PADDING).get(doc) ||
        doc.get_object().get(root) || root.find_field_unordered("cases").get_array().get(cases))
        return file_error(s, ErrorKind::NotCaseExport);
    size_t counted = 0;
    uint64_t line = 1;
    auto line_at = [&](const char* p) {
        const size_t offset = static_cast<size_t>(p - text.data());
        if (offset > counted) {
            line += static_cast<uint64_t>(std::count(text.data() + counted, text.data() + offset, '\n'));
            counted = offset;
        }
        return line;
    };
    for (auto element : cases) {
        od::value v;
        const char* at = nullptr;
        if (element.get(v)) {
            if (doc.current_location().get(at)) at = text.data() + counted;
            return file_error(s, ErrorKind::DocumentStops, line_at(at));
        }
        const uint64_t here = line_at(v.raw_json_token().data());
        od::json_type type;
        if (v.type().get(type)) return file_error(s, ErrorKind::DocumentStops, here);
        std::string_view raw;
        if (type == od::json_type::object) {
            od::object obj;
            if (v.get_object().get(obj) || obj.raw_json().get(raw)) return file_error(s, ErrorKind::DocumentStops, here);
        } else if (type == od::json_type::array) {
            od::array arr;
            if (v.get_array().get(arr) || arr.raw_json().get(raw)) return file_error(s, ErrorKind::DocumentStops, here);
        } else {
            raw = v.raw_json_token();
        }
        one_record(converter, raw, here, out, s);
    }
}

}  // namespace

Summary pseudonymize(const std::string& input, const Key& key, const Options& options, std::ostream& out) {
    Summary s;
    Converter converter(key, options);
    if (detect_form(input) == ExportForm::Document) document(input, converter, options, out, s);
    else ndjson(input, converter, options, out, s);
    return s;
}

// ---------------------------------------------------------------------------
// Messages

namespace {

std::string shown(std::string_view field, Lang lang) {
    std::string s(field.substr(0, 200));
    // A field name is echoed only when nothing in it could be a personnummer.
    if (may_hold_personnummer(field)) return tr(lang, "<dolt>", "<hidden>");
    for (char& c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return s;
}

std::string reason(const Error& e, Lang lang) {
    const std::string field = shown(e.field, lang);
    switch (e.kind) {
        case ErrorKind::CannotOpen: return tr(lang, "kan inte öppna eller läsa filen", "cannot open or read the file");
        case ErrorKind::InvalidJson: return tr(lang, "ogiltig JSON; posten skrivs inte", "invalid JSON; the record is not written");
        case ErrorKind::NotObject: return tr(lang, "posten är inte ett JSON-objekt", "the record is not a JSON object");
        case ErrorKind::NotCaseExport:
            return tr(lang, "dokumentet har ingen lista \"cases\"", "the document has no \"cases\" array");
        case ErrorKind::MissingId:
            return fmt::format(fmt::runtime(tr(lang, "saknar '{}'", "missing '{}'")), field);
        case ErrorKind::IdWrongType:
            return fmt::format(fmt::runtime(tr(lang, "'{}' är inte en icke-tom sträng eller ett heltal",
                                               "'{}' is not a non-empty string or an integer")),
                               field);
        case ErrorKind::IdConflict:
            return fmt::format(fmt::runtime(tr(lang, "har både '{}' och --id-field; ta bort det ena med --drop",
                                               "has both '{}' and --id-field; remove one with --drop")),
                               field);
        case ErrorKind::BirthDateInvalid:
            return fmt::format(fmt::runtime(tr(lang,
                                               "'{}' är inte ett födelsedatum, födelseår eller personnummer; värdet visas inte",
                                               "'{}' is not a birth date, birth year or personnummer; the value is not shown")),
                               field);
        case ErrorKind::BornConflict:
            return fmt::format(fmt::runtime(tr(lang, "har redan '{}' fast --birth-date ska skriva det; ta bort det med --drop {}",
                                               "already has '{}' although --birth-date is to write it; remove it with --drop {}")),
                               field, field);
        case ErrorKind::LineTooLong:
            if (e.line == 0)
                return fmt::format(fmt::runtime(tr(lang, "filen är större än {} byte", "the file is larger than {} bytes")),
                                   e.limit);
            return fmt::format(fmt::runtime(tr(lang, "raden är längre än {} byte", "the line is longer than {} bytes")), e.limit);
        case ErrorKind::TooDeep:
            return fmt::format(fmt::runtime(tr(lang, "för djup nästling (mer än {} nivåer)", "nesting too deep (more than {} levels)")),
                               e.limit);
        case ErrorKind::TooManyEvents:
            return fmt::format(fmt::runtime(tr(lang, "fler än {} händelser", "more than {} events")), e.limit);
        case ErrorKind::DocumentStops:
            return tr(lang, "ogiltig JSON; resten av dokumentet kan inte läsas", "invalid JSON; the rest of the document cannot be read");
    }
    return tr(lang, "okänt fel", "unknown error");
}

}  // namespace

std::string describe(const Error& e, const std::string& file, Lang lang) {
    std::string text = file;
    if (e.line > 0) text += fmt::format(":{}", e.line);
    return text + ": " + reason(e, lang);
}

std::string describe(const Summary& s, Lang lang) {
    return fmt::format(fmt::runtime(tr(lang, "{} poster: {} pseudonymiserade, {} avvisade; {} personnummer utanför id ersatta",
                                       "{} records: {} pseudonymized, {} rejected; {} personnummer outside the id replaced")),
                       s.lines, s.written, s.rejected, s.replaced);
}

}  // namespace aktkoll::pseudo
