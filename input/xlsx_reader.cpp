#include "input/xlsx_reader.hpp"

#include <expat.h>
#include <zip.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <functional>
#include <memory>

namespace aktkoll {

namespace {

// A part larger than this is refused: a review workbook is a few hundred
// kilobytes, and a zip can claim any size.
constexpr zip_uint64_t kMaxPart = 64u << 20;

struct ZipClose {
    void operator()(zip_t* z) const { zip_discard(z); }
};
using Zip = std::unique_ptr<zip_t, ZipClose>;

// The part's bytes; nullopt when absent. Sets `error` when it cannot be read.
std::optional<std::string> read_part(zip_t* z, const std::string& name, std::string& error) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat(z, name.c_str(), 0, &st) != 0) return std::nullopt;
    if (!(st.valid & ZIP_STAT_SIZE) || st.size > kMaxPart) {
        error = "'" + name + "' is too large";
        return std::nullopt;
    }
    zip_file_t* f = zip_fopen(z, name.c_str(), 0);
    if (!f) {
        error = "cannot open '" + name + "'";
        return std::nullopt;
    }
    std::string out(static_cast<size_t>(st.size), '\0');
    const zip_int64_t got = zip_fread(f, out.data(), st.size);
    zip_fclose(f);
    if (got < 0 || static_cast<zip_uint64_t>(got) != st.size) {
        error = "cannot read '" + name + "'";
        return std::nullopt;
    }
    return out;
}

std::string_view local_name(const char* name) {
    std::string_view n(name);
    const size_t colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const char** attrs, std::string_view local) {
    for (size_t i = 0; attrs[i]; i += 2)
        if (local_name(attrs[i]) == local) return attrs[i + 1];
    return nullptr;
}

// One pass of expat over `xml` with element start/end and text callbacks.
struct Handlers {
    std::function<void(std::string_view, const char**)> start;
    std::function<void(std::string_view)> end;
    std::function<void(std::string_view)> text;
};

bool parse_xml(const std::string& xml, Handlers& h, std::string& error, const std::string& part) {
    XML_Parser p = XML_ParserCreate("UTF-8");
    XML_SetUserData(p, &h);
    XML_SetElementHandler(
        p,
        [](void* d, const char* name, const char** attrs) {
            auto* h = static_cast<Handlers*>(d);
            if (h->start) h->start(local_name(name), attrs);
        },
        [](void* d, const char* name) {
            auto* h = static_cast<Handlers*>(d);
            if (h->end) h->end(local_name(name));
        });
    XML_SetCharacterDataHandler(p, [](void* d, const char* s, int len) {
        auto* h = static_cast<Handlers*>(d);
        if (h->text) h->text(std::string_view(s, static_cast<size_t>(len)));
    });
    const bool ok = XML_Parse(p, xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_OK;
    if (!ok)
        error = "'" + part + "': " + XML_ErrorString(XML_GetErrorCode(p)) + " (line " +
                std::to_string(XML_GetCurrentLineNumber(p)) + ")";
    XML_ParserFree(p);
    return ok;
}

// "C7" -> (6, 2); false when malformed.
bool parse_ref(std::string_view ref, uint32_t& row, uint32_t& col) {
    size_t i = 0;
    uint64_t c = 0, r = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && i < 4) c = c * 26 + static_cast<uint64_t>(ref[i++] - 'A' + 1);
    const size_t letters = i;
    while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && i - letters < 8) r = r * 10 + static_cast<uint64_t>(ref[i++] - '0');
    if (letters == 0 || i == letters || i != ref.size() || r == 0) return false;
    row = static_cast<uint32_t>(r - 1);
    col = static_cast<uint32_t>(c - 1);
    return true;
}

std::vector<std::string> shared_strings(const std::string& xml, std::string& error) {
    std::vector<std::string> out;
    int depth_t = 0, in_phonetic = 0;
    Handlers h;
    h.start = [&](std::string_view n, const char**) {
        if (n == "si") out.emplace_back();
        else if (n == "rPh") ++in_phonetic;
        else if (n == "t") ++depth_t;
    };
    h.end = [&](std::string_view n) {
        if (n == "rPh") --in_phonetic;
        else if (n == "t") --depth_t;
    };
    h.text = [&](std::string_view s) {
        if (depth_t > 0 && in_phonetic == 0 && !out.empty()) out.back().append(s);
    };
    if (!parse_xml(xml, h, error, "xl/sharedStrings.xml")) out.clear();
    return out;
}

bool read_sheet(const std::string& xml, const std::string& part, const std::vector<std::string>& strings, XlsxSheet& sheet,
                std::string& error) {
    std::string type, value, inline_text;
    uint32_t row = 0, col = 0, next_col = 0, cur_row = 0;
    bool in_cell = false, in_v = false, in_is_t = false;
    Handlers h;
    h.start = [&](std::string_view n, const char** attrs) {
        if (n == "row") {
            if (const char* r = attribute(attrs, "r")) cur_row = static_cast<uint32_t>(std::strtoul(r, nullptr, 10) - 1);
            next_col = 0;
        } else if (n == "c") {
            const char* r = attribute(attrs, "r");
            if (!r || !parse_ref(r, row, col)) {
                row = cur_row;  // a cell without reference follows the previous one
                col = next_col;
            }
            next_col = col + 1;
            const char* t = attribute(attrs, "t");
            type = t ? t : "n";
            value.clear();
            inline_text.clear();
            in_cell = true;
        } else if (in_cell && n == "v") {
            in_v = true;
        } else if (in_cell && n == "t") {
            in_is_t = true;
        }
    };
    h.end = [&](std::string_view n) {
        if (n == "v") in_v = false;
        else if (n == "t") in_is_t = false;
        else if (n == "row") ++cur_row;
        else if (n == "c" && in_cell) {
            in_cell = false;
            XlsxCell cell;
            if (type == "s") {
                const size_t i = static_cast<size_t>(std::strtoul(value.c_str(), nullptr, 10));
                if (value.empty() || i >= strings.size()) return;
                cell.text = strings[i];
            } else if (type == "inlineStr") {
                cell.text = inline_text;
            } else if (type == "str") {
                cell.text = value;
            } else if (type == "b") {
                cell.kind = XlsxCell::Kind::Bool;
                cell.number = value == "1" ? 1 : 0;
            } else if (type == "e") {
                cell.kind = XlsxCell::Kind::Error;
                cell.text = value;
            } else {
                if (value.empty()) return;  // a styled empty cell
                cell.kind = XlsxCell::Kind::Number;
                cell.text = value;
                cell.number = std::strtod(value.c_str(), nullptr);
            }
            if (cell.kind == XlsxCell::Kind::Text && cell.text.empty()) return;
            sheet.cells[{row, col}] = std::move(cell);
        }
    };
    h.text = [&](std::string_view s) {
        if (in_v) value.append(s);
        else if (in_is_t) inline_text.append(s);
    };
    return parse_xml(xml, h, error, part);
}

// "worksheets/sheet1.xml" or "/xl/worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml".
std::string part_path(const std::string& target) {
    if (!target.empty() && target[0] == '/') return target.substr(1);
    return "xl/" + target;
}

}  // namespace

const XlsxCell* XlsxSheet::at(uint32_t row, uint32_t col) const {
    auto it = cells.find({row, col});
    return it == cells.end() ? nullptr : &it->second;
}

uint32_t XlsxSheet::rows() const { return cells.empty() ? 0 : cells.rbegin()->first.first + 1; }

const XlsxSheet* XlsxBook::sheet(const std::string& name) const {
    for (const auto& s : sheets)
        if (s.name == name) return &s;
    return nullptr;
}

std::optional<XlsxBook> read_xlsx(const std::string& path, std::string& error) {
    int code = 0;
    Zip zip(zip_open(path.c_str(), ZIP_RDONLY, &code));
    if (!zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, code);
        error = zip_error_strerror(&ze);
        zip_error_fini(&ze);
        return std::nullopt;
    }
    auto workbook = read_part(zip.get(), "xl/workbook.xml", error);
    auto rels = read_part(zip.get(), "xl/_rels/workbook.xml.rels", error);
    if (!workbook || !rels) {
        if (error.empty()) error = "not an Excel workbook (xl/workbook.xml missing)";
        return std::nullopt;
    }
    std::map<std::string, std::string> targets;  // relationship id -> part
    Handlers rh;
    rh.start = [&](std::string_view n, const char** a) {
        const char* id = attribute(a, "Id");
        const char* target = attribute(a, "Target");
        if (n == "Relationship" && id && target) targets[id] = part_path(target);
    };
    if (!parse_xml(*rels, rh, error, "xl/_rels/workbook.xml.rels")) return std::nullopt;
    struct Entry {
        std::string name, part;
        bool hidden;
    };
    std::vector<Entry> entries;
    Handlers wh;
    wh.start = [&](std::string_view n, const char** a) {
        if (n != "sheet") return;
        const char* name = attribute(a, "name");
        const char* id = attribute(a, "id");
        const char* state = attribute(a, "state");
        if (!name || !id || !targets.count(id)) return;
        entries.push_back({name, targets[id], state && std::string_view(state) != "visible"});
    };
    if (!parse_xml(*workbook, wh, error, "xl/workbook.xml")) return std::nullopt;
    std::vector<std::string> strings;
    if (auto ss = read_part(zip.get(), "xl/sharedStrings.xml", error)) {
        strings = shared_strings(*ss, error);
        if (!error.empty()) return std::nullopt;
    } else if (!error.empty()) {
        return std::nullopt;
    }
    XlsxBook book;
    for (const Entry& e : entries) {
        auto xml = read_part(zip.get(), e.part, error);
        if (!xml) {
            if (error.empty()) error = "'" + e.part + "' missing";
            return std::nullopt;
        }
        XlsxSheet sheet;
        sheet.name = e.name;
        sheet.hidden = e.hidden;
        if (!read_sheet(*xml, e.part, strings, sheet, error)) return std::nullopt;
        book.sheets.push_back(std::move(sheet));
    }
    return book;
}

std::string cell_ref(uint32_t row, uint32_t col) {
    std::string letters;
    for (uint32_t c = col + 1; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row + 1);
}

bool is_xlsx_path(const std::string& path) {
    if (path.size() < 5) return false;
    std::string ext = path.substr(path.size() - 5);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext == ".xlsx";
}

}  // namespace aktkoll
