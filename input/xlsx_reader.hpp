// Reading the cells of an Office Open XML workbook (.xlsx), as Excel and
// LibreOffice save it: the zip through libzip, the XML parts through expat.
// Values only (numbers, text, booleans); styles and formulas are not read.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace aktkoll {

struct XlsxCell {
    enum class Kind : uint8_t { Number, Text, Bool, Error };
    Kind kind = Kind::Text;
    double number = 0;  // Number, Bool (0/1)
    std::string text;   // Text; for a Number the digits as stored
};

struct XlsxSheet {
    std::string name;
    bool hidden = false;
    std::map<std::pair<uint32_t, uint32_t>, XlsxCell> cells;  // (row, column), 0-based; empty cells absent
    const XlsxCell* at(uint32_t row, uint32_t col) const;
    uint32_t rows() const;  // one past the last row with a cell
};

struct XlsxBook {
    std::vector<XlsxSheet> sheets;  // in the workbook's order
    const XlsxSheet* sheet(const std::string& name) const;
};

// The workbook's sheets, or nullopt with `error` set (not a zip, a part
// missing or too large, malformed XML).
std::optional<XlsxBook> read_xlsx(const std::string& path, std::string& error);

// "C7" for row 6, column 2 (0-based).
std::string cell_ref(uint32_t row, uint32_t col);

// True for a path ending in .xlsx (any case).
bool is_xlsx_path(const std::string& path);

}  // namespace aktkoll
