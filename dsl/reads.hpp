// What a checked pack reads from a case: the case attributes, event types
// (their dates) and event attributes its rules and process steps refer to.
// The review workbook asks a reviewer for exactly these facts.
#pragma once

#include <vector>

#include "dsl/checker.hpp"

namespace aktkoll::dsl {

struct FieldRef {
    enum class Kind : uint8_t { CaseAttr, EventDate, EventAttr };
    Kind kind = Kind::CaseAttr;
    int event_type = -1;  // EventDate, EventAttr
    int slot = -1;        // CaseAttr, EventAttr
    friend bool operator==(const FieldRef&, const FieldRef&) = default;
};

// The fields an expression reads, appended in the order written (a field
// read twice is appended once). A query on an event type reads its date,
// that is whether and when the event happened.
void fields_read(const CheckedPack& pack, const Expr* e, std::vector<FieldRef>& out);

// Every version of the rule: judged on, applies when, requires; a
// `process ... in order` reads what the process's steps read.
std::vector<FieldRef> rule_reads(const CheckedPack& pack, const CheckedRule& rule);

// The steps' events, their where filters, required-when conditions.
std::vector<FieldRef> process_reads(const CheckedPack& pack, const CheckedProcess& process);

}  // namespace aktkoll::dsl
