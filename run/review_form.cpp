// Which facts a pack asks a reviewer for, and how they are named.
#include "run/review_form.hpp"

#include <algorithm>

#include "dsl/reads.hpp"

namespace aktkoll::review {

namespace {

struct Use {
    dsl::FieldRef ref;
    std::vector<std::string> questions, cites;
};

void add_unique(std::vector<std::string>& to, const std::string& s) {
    if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

// Records that `question` (answered by `rule`) reads `refs`.
void note(std::vector<Use>& uses, const std::vector<dsl::FieldRef>& refs, const std::string& question, const RuleInfo& rule) {
    for (const dsl::FieldRef& f : refs) {
        auto it = std::find_if(uses.begin(), uses.end(), [&](const Use& u) { return u.ref == f; });
        if (it == uses.end()) it = uses.insert(uses.end(), Use{f, {}, {}});
        add_unique(it->questions, question);
        for (const auto& v : rule.versions)
            for (const auto& c : v.cites) add_unique(it->cites, c);
    }
}

FormField field_of(const Schema& schema, const Use& u) {
    FormField f;
    f.questions = u.questions;
    f.cites = u.cites;
    switch (u.ref.kind) {
        case dsl::FieldRef::Kind::CaseAttr: {
            const AttrSpec& a = schema.case_attrs()[static_cast<size_t>(u.ref.slot)];
            f.kind = FieldKind::CaseAttr;
            f.attr = a.name;
            f.type = a.type;
            f.enum_values = a.enum_values;
            break;
        }
        case dsl::FieldRef::Kind::EventDate:
            f.kind = FieldKind::EventDate;
            f.event = schema.event_types()[static_cast<size_t>(u.ref.event_type)].name;
            f.type = AttrType::Date;
            break;
        case dsl::FieldRef::Kind::EventAttr: {
            const EventSpec& e = schema.event_types()[static_cast<size_t>(u.ref.event_type)];
            const AttrSpec& a = e.attrs[static_cast<size_t>(u.ref.slot)];
            f.kind = FieldKind::EventAttr;
            f.event = e.name;
            f.attr = a.name;
            f.type = a.type;
            f.enum_values = a.enum_values;
            break;
        }
    }
    return f;
}

std::string words(std::string s) {
    std::replace(s.begin(), s.end(), '_', ' ');
    return s;
}

}  // namespace

std::string FormField::key() const {
    switch (kind) {
        case FieldKind::CaseAttr: return "case:" + attr;
        case FieldKind::EventDate: return "event:" + event + ":date";
        case FieldKind::EventAttr: return "event:" + event + ":" + attr;
    }
    return {};
}

std::string FormField::label() const {
    std::string s = words(kind == FieldKind::CaseAttr ? attr : event);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    if (kind == FieldKind::EventDate) return s + ": datum";
    if (kind == FieldKind::EventAttr) return s + ": " + words(attr);
    return s;
}

std::vector<FormField> form_fields(const RuleSet& rules) {
    const dsl::CheckedPack& pack = *rules.source;
    std::vector<Use> uses;
    std::vector<bool> asked(rules.rules.size(), false);
    for (const QuestionInfo& q : rules.questions)
        for (int r : q.rules) {
            const auto i = static_cast<size_t>(r);
            if (rules.rules[i].disabled) continue;
            asked[i] = true;
            note(uses, dsl::rule_reads(pack, pack.rules[i]), q.number + ". " + q.text, rules.rules[i]);
        }
    for (size_t i = 0; i < rules.rules.size(); ++i) {
        if (asked[i] || rules.rules[i].disabled || rules.rules[i].versions.empty()) continue;
        note(uses, dsl::rule_reads(pack, pack.rules[i]), rules.rules[i].id + ". " + rules.rules[i].versions.front().question,
             rules.rules[i]);
    }
    // Case attributes first; then each event type where it is first read,
    // its date before its attributes.
    std::vector<FormField> out;
    for (const Use& u : uses)
        if (u.ref.kind == dsl::FieldRef::Kind::CaseAttr) out.push_back(field_of(rules.schema, u));
    std::vector<int> types;
    for (const Use& u : uses)
        if (u.ref.kind != dsl::FieldRef::Kind::CaseAttr && std::find(types.begin(), types.end(), u.ref.event_type) == types.end())
            types.push_back(u.ref.event_type);
    for (int t : types) {
        for (const Use& u : uses)
            if (u.ref.kind == dsl::FieldRef::Kind::EventDate && u.ref.event_type == t) out.push_back(field_of(rules.schema, u));
        for (const Use& u : uses)
            if (u.ref.kind == dsl::FieldRef::Kind::EventAttr && u.ref.event_type == t) out.push_back(field_of(rules.schema, u));
    }
    return out;
}

size_t CaseFacts::occurrences() const {
    size_t n = 0;
    for (const auto& v : values) n = std::max(n, v.size());
    return n;
}

std::string fact_text(const FactValue& v, Lang lang) {
    if (const bool* b = std::get_if<bool>(&v)) return *b ? tr(lang, "Ja", "Yes") : tr(lang, "Nej", "No");
    if (const int64_t* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
    if (const Date* d = std::get_if<Date>(&v)) return format_date(*d);
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    return {};
}

}  // namespace aktkoll::review
