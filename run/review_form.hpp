// The reviewer's workbook (aktkoll form / check granskning.xlsx): which facts
// a pack reads from a case and asks a reviewer for, how a workbook lays them
// out, and how a filled workbook becomes cases, merged per case id with the
// export's facts. report/form_xlsx.cpp writes the workbook; this reads it.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/date.hpp"
#include "core/schema.hpp"
#include "core/text.hpp"
#include "engine/ruleset.hpp"

namespace aktkoll::review {

// A fact as the workbook holds it: unknown, or a typed value.
using FactValue = std::variant<std::monostate, bool, int64_t, Date, std::string>;

enum class FieldKind : uint8_t { CaseAttr, EventDate, EventAttr };

struct FormField {
    FieldKind kind = FieldKind::CaseAttr;
    std::string event;  // EventDate, EventAttr
    std::string attr;   // CaseAttr, EventAttr
    AttrType type = AttrType::Date;
    std::vector<std::string> enum_values;
    std::vector<std::string> questions;  // "3. Framgår det ...": the template's questions, or rules in none
    std::vector<std::string> cites;      // of those rules, every version
    std::string key() const;             // "event:utredning_inledd:skäl_dokumenterat", kept hidden in the sheet
    std::string label() const;           // "Utredning inledd: skäl dokumenterat"
};

// Every field the pack's rules and process steps read: case attributes
// first, then event types in the order the template's questions first read
// them (the event's date, then its attributes).
std::vector<FormField> form_fields(const RuleSet& rules);

// One case's facts: per field, per occurrence of its event in date order (a
// case attribute has one).
struct CaseFacts {
    std::string id;
    std::vector<std::vector<FactValue>> values;  // [field][occurrence]
    std::vector<std::vector<std::string>> cells;  // where each value was read: "K-2024-003!D7" (read side)
    size_t occurrences() const;
};

// Where things are on the sheets, shared by writer and reader (0-based).
namespace layout {
inline constexpr const char* kMetaSheet = "aktkoll";  // hidden: format, pack, one row per case sheet
inline constexpr const char* kFormat = "aktkoll-granskning/1";
inline constexpr uint32_t kKeyCol = 0;         // hidden field key
inline constexpr uint32_t kQuestionCol = 1;    // question numbers
inline constexpr uint32_t kLabelCol = 2;       // the fact asked for
inline constexpr uint32_t kFirstValueCol = 3;  // occurrence 1, 2, ...
inline constexpr uint32_t kHeaderRow = 4;      // fields start on the row after
inline constexpr uint32_t kMinOccurrences = 5;
// Cover sheet: label in column A, value in column B, these rows.
inline constexpr uint32_t kCoverKommun = 2, kCoverNamnd = 3, kCoverReviewer = 4, kCoverDate = 5, kCoverPack = 6,
                          kCoverSeed = 7, kCoverExports = 8;
}  // namespace layout

// The cover sheet's facts.
struct Cover {
    std::string kommun, namnd, reviewer, review_date, pack, seed;
};

// Export records by case id (NDJSON or the document form), kept as JSON for
// merging; only the ids asked for are kept.
class ExportCases {
public:
    ExportCases();
    ~ExportCases();
    // Reads the records of `ids` (all when empty). An error (unreadable
    // file, a line that is not JSON) is appended to `errors`; reading goes on.
    void load(const std::vector<std::string>& files, const std::vector<std::string>& ids, std::vector<std::string>& errors);
    bool has(const std::string& id) const;
    std::vector<std::string> ids() const;  // in file order
    // The facts the form asks for, as the export holds them.
    CaseFacts facts(const std::vector<FormField>& fields, const std::string& id) const;
    // The case as one NDJSON line: the export's record with the reviewer's
    // facts added. A reviewer's value that contradicts a known export value
    // is appended to `errors` (the export's value is kept), as is an
    // occurrence with facts but no date.
    std::string merge(const std::vector<FormField>& fields, const CaseFacts& reviewer, const std::string& workbook,
                      Lang lang, std::vector<std::string>& errors) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// A filled workbook, read: the cover, the cases in sheet order, and every
// bad cell as a message naming the file, sheet and cell (the cell is then
// unknown; the rest is read). `fatal` is set when the file is no workbook
// of aktkoll form at all.
struct ReviewBook {
    Cover cover;
    std::string pack;
    std::vector<CaseFacts> cases;
    std::vector<std::string> errors;
    std::optional<std::string> fatal;
};
ReviewBook read_review(const std::string& path, const std::vector<FormField>& fields, Lang lang);

// Text for a fact in a cell: "Ja"/"Nej" (or Yes/No), a date as YYYY-MM-DD.
std::string fact_text(const FactValue& v, Lang lang);

}  // namespace aktkoll::review
