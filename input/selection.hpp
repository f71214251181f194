// Which cases a run covers (--case, --unit, --period). The selection chooses
// among the accepted cases only: reading, duplicate ids and rejections are
// the same with or without it (input/ledger.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/case.hpp"
#include "core/date.hpp"
#include "core/schema.hpp"

namespace aktkoll {

struct CaseSelection {
    std::optional<Date> from, until;  // the case has an event in [from, until]
    std::vector<std::string> units;   // the case's `unit` is one of these
    std::vector<std::string> ids;     // the case id is one of these
    bool empty() const { return !from && !until && units.empty() && ids.empty(); }
};

// A selection applied to cases read with one schema.
class SelectionTest {
public:
    SelectionTest(const Schema& schema, CaseSelection selection);
    bool selected(const Case& c) const;
    // The case's `unit` when the schema declares it and the case has a string there.
    std::string_view unit_of(const Case& c) const;
    const CaseSelection& selection() const { return selection_; }

private:
    CaseSelection selection_;
    int unit_slot_;
};

}  // namespace aktkoll
