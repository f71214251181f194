#include "dsl/checker.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <type_traits>
#include <variant>

#include <fmt/core.h>

#include "dsl/format.hpp"
#include "dsl/pack_search.hpp"
#include "dsl/parser.hpp"

namespace aktkoll::dsl {

namespace fs = std::filesystem;

bool same_expr(const Expr& a, const Expr& b) {
    if (a.node.index() != b.node.index() || a.days_unit != b.days_unit || a.calendar != b.calendar) return false;
    auto same = [](const ExprPtr& x, const ExprPtr& y) { return (!x && !y) || (x && y && same_expr(*x, *y)); };
    return std::visit(
        [&](const auto& n) -> bool {
            using N = std::decay_t<decltype(n)>;
            const N& m = std::get<N>(b.node);
            if constexpr (std::is_same_v<N, Literal>) return n.value == m.value;
            else if constexpr (std::is_same_v<N, NameRef>) return n.name == m.name;
            else if constexpr (std::is_same_v<N, Query>)
                return n.kind == m.kind && n.event_type == m.event_type && n.attr == m.attr && same(n.where, m.where);
            else if constexpr (std::is_same_v<N, Not>) return same(n.operand, m.operand);
            else if constexpr (std::is_same_v<N, Binary>) return n.op == m.op && same(n.lhs, m.lhs) && same(n.rhs, m.rhs);
            else if constexpr (std::is_same_v<N, InList>) {
                if (!same(n.value, m.value) || !same(n.list, m.list) || n.items.size() != m.items.size()) return false;
                for (size_t i = 0; i < n.items.size(); ++i)
                    if (!(n.items[i].value == m.items[i].value)) return false;
                return true;
            } else if constexpr (std::is_same_v<N, IsKnown>) return n.known == m.known && same(n.value, m.value);
            else if constexpr (std::is_same_v<N, BoundAttr>) return n.binding == m.binding && n.attr == m.attr;
            else if constexpr (std::is_same_v<N, Quantifier>) {
                auto names = [](const Quantifier& q) {
                    std::vector<std::string> out;
                    for (const auto& t : q.event_types) out.push_back(t.first);
                    for (const auto& b : q.bindings) out.push_back(b.name);
                    return out;
                };
                return n.every == m.every && n.consecutive == m.consecutive && names(n) == names(m) && same(n.where, m.where) &&
                       same(n.body, m.body);
            } else if constexpr (std::is_same_v<N, ProcessStep>)
                return n.process == m.process && n.step.text == m.step.text && n.state == m.state;
            else if constexpr (std::is_same_v<N, Today>) return true;
            else if constexpr (std::is_same_v<N, Conditional>)
                return same(n.cond, m.cond) && same(n.then_, m.then_) && same(n.else_, m.else_);
            else if constexpr (std::is_same_v<N, Call>) {
                if (n.func != m.func || n.args.size() != m.args.size()) return false;
                for (size_t i = 0; i < n.args.size(); ++i)
                    if (!same(n.args[i], m.args[i])) return false;
                return true;
            } else return n.process == m.process;
        },
        a.node);
}

int CheckedPack::param_index(const std::string& name) const {
    for (size_t i = 0; i < params.size(); ++i)
        if (params[i].decl->name == name) return static_cast<int>(i);
    return -1;
}

std::vector<std::string> rule_files(const std::string& path) {
    std::vector<std::string> out;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        for (const auto& entry : fs::directory_iterator(path, ec))
            if (entry.is_regular_file() && entry.path().extension() == ".akt") out.push_back(entry.path().string());
        std::sort(out.begin(), out.end());
    } else {
        out.push_back(path);
    }
    return out;
}

namespace {

const char* type_name(TypeKind k) {
    switch (k) {
        case TypeKind::Bool: return "boolean";
        case TypeKind::Int: return "integer";
        case TypeKind::Date: return "date";
        case TypeKind::String: return "string";
        case TypeKind::Enum: return "enumeration";
        case TypeKind::List: return "list";
        case TypeKind::Error: return "?";
    }
    return "?";
}

TypeKind literal_type(const Literal& l) {
    switch (l.value.index()) {
        case 0: return TypeKind::Int;
        case 1: return TypeKind::Date;
        case 2: return TypeKind::String;
        case 3: return TypeKind::Bool;
        default: return TypeKind::List;
    }
}

// Both mistakes of a consecutive chain's types share one code.
constexpr const char* kConsecutiveTypes = "AK0265";

std::string where(const Span& s) { return fmt::format("{}:{}", s.pos.file, s.pos.line); }

class Checker {
public:
    Checker(CheckedPack& pack, Diagnostics& diags, SourceMap& sources, Lang lang)
        : pack_(pack), diags_(diags), sources_(sources), lang_(lang) {}

    // Loads the layer at `paths` after the layers it uses. Returns false on
    // errors that stop loading (unreadable files, syntax errors, use cycles).
    bool load(const std::vector<std::string>& paths, std::vector<std::string>& stack) {
        PackLayer layer;
        std::vector<std::pair<std::string, Span>> uses;
        bool ok = true;
        std::vector<std::string> files;
        for (const auto& p : paths) {
            std::error_code ec;
            if (!fs::exists(p, ec)) {
                file_error("AK0201", p, fmt::format(fmt::runtime(tr(lang_, "hittar inte regelfilen eller mappen '{}'",
                                                          "cannot find the rule file or folder '{}'")),
                                          p));
                return false;
            }
            if (!fs::is_directory(p, ec) && fs::path(p).extension() != ".akt") {
                // Never parse (and quote lines of) a file that is not a rule file: a
                // case export or any readable file would show up in the diagnostics.
                file_error("AK0253", p, tr(lang_, "är ingen regelfil (.akt) eller mapp med regelfiler; filen läses inte",
                                           "is not a rule file (.akt) or a folder of rule files; the file is not read"));
                return false;
            }
            for (auto& f : rule_files(p)) files.push_back(std::move(f));
        }
        if (files.empty()) {
            file_error("AK0202", paths.empty() ? std::string("?") : paths.front(),
                       tr(lang_, "inga .akt-filer hittades", "no .akt files found"));
            return false;
        }
        layer.dir = fs::path(files.front()).parent_path().string();
        for (const auto& path : files) {
            std::ifstream in(path, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            if (!in) {
                file_error("AK0203", path, tr(lang_, "kan inte läsa filen", "cannot read the file"));
                ok = false;
                continue;
            }
            std::string text = ss.str();
            sources_.add(path, text);
            auto ast = parse(path, text, diags_, lang_);
            if (!ast) {
                ok = false;
                continue;
            }
            for (const auto& item : ast->items)
                if (auto* u = std::get_if<UsesDecl>(&item))
                    uses.emplace_back(find_pack(u->path, fs::path(path).parent_path().string())
                                          .value_or((fs::path(path).parent_path() / u->path).lexically_normal().string()),
                                      u->span);
            layer.files.push_back(SourceFile{path, std::move(text), std::move(*ast)});
        }
        if (!ok) return false;
        if (uses.size() > 1) {
            error("AK0204", uses[1].second, tr(lang_, "ett paket kan bygga på högst ett annat paket ('uses' en gång)",
                                     "a pack can build on at most one other pack ('uses' once)"));
            return false;
        }
        if (!uses.empty()) {
            std::error_code ec;
            std::string key = fs::weakly_canonical(uses[0].first, ec).string();
            if (std::find(stack.begin(), stack.end(), key) != stack.end()) {
                error("AK0205", uses[0].second, tr(lang_, "paketet som används är redan inläst: paketen använder varandra i en cirkel, eller båda angavs som regler",
                                              "the pack used is already loaded: the packs use each other in a cycle, or both were given as rules"));
                return false;
            }
            if (!fs::exists(uses[0].first, ec)) {
                error("AK0206", uses[0].second, fmt::format(fmt::runtime(tr(lang_, "hittar inte paketet '{}'", "cannot find the pack '{}'")),
                                                  uses[0].first));
                return false;
            }
            stack.push_back(key);
            if (!load({uses[0].first}, stack)) return false;
            stack.pop_back();
        }
        pack_.layers.push_back(std::move(layer));
        return true;
    }

    void check(const std::vector<CommandLineParam>& overrides) {
        for (size_t l = 0; l < pack_.layers.size(); ++l) declarations(static_cast<int>(l));
        command_line(overrides);
        for (size_t l = 0; l < pack_.layers.size(); ++l) behaviour(static_cast<int>(l));
        for (auto& r : pack_.rules) {
            std::sort(r.versions.begin(), r.versions.end(), [](const RuleDecl* a, const RuleDecl* b) {
                return a->valid_from.value_or(Date{INT32_MIN}) < b->valid_from.value_or(Date{INT32_MIN});
            });
            versions(r);
        }
    }

private:
    CheckedPack& pack_;
    Diagnostics& diags_;
    SourceMap& sources_;
    Lang lang_;
    std::map<std::string, Span> vocab_names_;
    // The names bound by the quantifiers around the expression being checked, outermost first.
    struct Bound {
        std::string name;
        std::vector<int> types;
        Span span;
    };
    std::vector<Bound> bound_;
    bool calendar_ok_ = false;  // the next expression may carry `months`/`years` (see calendar_unit)
    // What a layer amended, and where: amending the same thing twice in one layer is an error.
    std::map<std::pair<int, int>, Span> extended_events_;           // (event type, layer)
    std::map<std::pair<std::string, int>, Span> amended_steps_;     // (process/step, layer)

    const char* t(const char* sv, const char* en) const { return tr(lang_, sv, en); }

    void report(const char* code, Severity sev, const Span& at, std::string message, std::string hint = {}) {
        Diagnostic d;
        d.code = code;
        d.severity = sev;
        d.pos = at.pos;
        d.length = at.length;
        d.message = std::move(message);
        d.hint = std::move(hint);
        diags_.add(std::move(d));
    }
    void error(const char* code, const Span& at, std::string message, std::string hint = {}) {
        report(code, Severity::Error, at, std::move(message), std::move(hint));
    }
    void file_error(const char* code, const std::string& path, std::string message) {
        Span s;
        s.pos = {path, 0, 0};
        error(code, s, std::move(message));
    }
    std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
        std::string best = did_you_mean(word, candidates);
        return best.empty() ? std::string{} : fmt::format(fmt::runtime(t("menade du '{}'?", "did you mean '{}'?")), best);
    }
    static std::string join_names(const std::vector<std::string>& names) {
        std::string out;
        for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
        return out;
    }
    std::string layer_name(int l) const {
        return l >= static_cast<int>(pack_.layers.size()) ? std::string(t("kommandoraden", "the command line"))
                                                           : pack_.layers[static_cast<size_t>(l)].name;
    }

    // --- declarations: pack, vocabulary, parameters, rule ids ----------------------

    void declarations(int l) {
        PackLayer& layer = pack_.layers[static_cast<size_t>(l)];
        const PackDecl* pack_decl = nullptr;
        for (auto& file : layer.files) {
            for (auto& item : file.ast.items) {
                if (auto* p = std::get_if<PackDecl>(&item)) {
                    if (pack_decl) {
                        error("AK0207", p->span, fmt::format(fmt::runtime(t("paketet deklareras redan på {}", "the pack is already declared at {}")),
                                                   where(pack_decl->span)));
                        continue;
                    }
                    pack_decl = p;
                    layer.name = p->name;
                    layer.version = p->version ? p->version->text : "";
                    layer.title = p->title ? p->title->text : "";
                } else if (auto* v = std::get_if<Vocabulary>(&item)) {
                    vocabulary(*v, l);
                } else if (auto* x = std::get_if<EventExtension>(&item)) {
                    extend_event(*x, l);
                } else if (auto* pd = std::get_if<ParamDecl>(&item)) {
                    parameter(*pd, l);
                } else if (auto* r = std::get_if<RuleDecl>(&item)) {
                    rule_decl(*r, l);
                }
            }
        }
        if (!pack_decl) {
            file_error("AK0208", layer.files.front().path,
                       t("paketet saknar en 'pack'-deklaration (t.ex. pack missbruk)", "the pack has no 'pack' declaration (e.g. pack missbruk)"));
            layer.name = fs::path(layer.dir).filename().string();
        }
    }

    void declare_vocab_name(const std::string& name, const Span& span) {
        auto [it, inserted] = vocab_names_.emplace(name, span);
        if (!inserted)
            error("AK0209", span, fmt::format(fmt::runtime(t("'{}' är redan deklarerad på {}", "'{}' is already declared at {}")), name,
                                    where(it->second)));
    }

    void enum_typo(const AttrDecl& a) {
        if (a.type != AttrType::Enum || a.enum_values.size() != 1) return;
        std::string near = did_you_mean(a.enum_values[0], {"string", "integer", "boolean", "date", "list"});
        if (!near.empty())
            report("AK0210", Severity::Warning, a.span,
                   fmt::format(fmt::runtime(t("'{}' får en uppräkning med ett enda värde, '{}'",
                                              "'{}' gets an enumeration with a single value, '{}'")),
                               a.name, a.enum_values[0]),
                   suggest(a.enum_values[0], {near}));
    }

    // Documents say "det finns ett beslut", "det finns ingen vårdplan": the
    // label gives the noun with its article, which decides the gender.
    void event_label(const EventDecl& e) {
        if (!e.label) return;
        const std::string& l = e.label->text;
        if ((l.starts_with("en ") || l.starts_with("ett ")) && l.find_first_not_of(' ', l.find(' ')) != std::string::npos) {
            pack_.event_labels[e.name] = l;
            return;
        }
        error("AK0801", e.label->span,
              fmt::format(fmt::runtime(t("etiketten för '{}' ska börja med 'en' eller 'ett', t.ex. \"ett beslut\"",
                                         "the label of '{}' must start with 'en' or 'ett', e.g. \"ett beslut\"")),
                          e.name),
              t("artikeln avgör ordens genus i dokumentet: \"en vårdplan\", \"ett beslut\"",
                "the article decides the gender of the words in the document: \"en vårdplan\", \"ett beslut\""));
    }

    void vocabulary(const Vocabulary& v, int l) {
        for (const auto& item : v.items) {
            if (auto* a = std::get_if<AttrDecl>(&item)) {
                declare_vocab_name(a->name, a->span);
                enum_typo(*a);
                if (pack_.schema.case_attr(a->name) == kNoSlot) {
                    pack_.schema.add_case_attr(AttrSpec{a->name, a->type, a->enum_values});
                    pack_.case_attr_layers.push_back(l);
                }
            } else {
                const auto& e = std::get<EventDecl>(item);
                declare_vocab_name(e.name, e.span);
                event_label(e);
                EventSpec spec{e.name, {}};
                std::set<std::string> seen;
                for (const auto& a : e.attrs) {
                    enum_typo(a);
                    if (reserved_attr(a)) continue;
                    if (!seen.insert(a.name).second)
                        error("AK0212", a.span, fmt::format(fmt::runtime(t("attributet '{}' anges två gånger", "the attribute '{}' is given twice")), a.name));
                    else
                        spec.attrs.push_back(AttrSpec{a.name, a.type, a.enum_values});
                }
                if (pack_.schema.event_type(e.name) == kNoSlot) {
                    pack_.schema.add_event_type(std::move(spec));
                    pack_.event_type_layers.push_back(l);
                }
            }
        }
    }

    // `date` and `type` belong to every event; no vocabulary may declare them.
    bool reserved_attr(const AttrDecl& a) {
        if (a.name != "date" && a.name != "type") return false;
        error("AK0211", a.span, fmt::format(fmt::runtime(t("'{}' är reserverat för varje händelse", "'{}' is reserved for every event")), a.name));
        return true;
    }

    // `extend event E { … }`: attributes added to an event type of the packs
    // this layer builds on; a name the event already has is an error, never a
    // silent change of its type.
    void extend_event(const EventExtension& x, int l) {
        const int type = pack_.schema.event_type(x.name);
        if (type == kNoSlot || pack_.event_type_layers[static_cast<size_t>(type)] >= l) {
            std::vector<std::string> names;
            for (size_t i = 0; i < pack_.event_type_layers.size(); ++i)
                if (pack_.event_type_layers[i] < l) names.push_back(pack_.schema.event_types()[i].name);
            error("AK0254", x.name_span,
                  fmt::format(fmt::runtime(t("det finns ingen händelsetyp '{}' i paketen som detta bygger på",
                                             "there is no event type '{}' in the packs this one builds on")),
                              x.name),
                  suggest(x.name, names));
            return;
        }
        auto [it, inserted] = extended_events_.emplace(std::make_pair(type, l), x.span);
        if (!inserted) {
            error("AK0256", x.span,
                  fmt::format(fmt::runtime(t("händelsetypen '{}' utökas redan i detta lager på {}", "the event type '{}' is already extended in this layer at {}")),
                              x.name, where(it->second)),
                  t("samla lagrets attribut i en 'extend event'", "put the layer's attributes in one 'extend event'"));
            return;
        }
        for (const auto& a : x.attrs) {
            enum_typo(a);
            if (reserved_attr(a)) continue;
            const int slot = pack_.schema.event_attr(type, a.name);
            if (slot != kNoSlot) {
                const AttrSpec& have = pack_.schema.event_types()[static_cast<size_t>(type)].attrs[static_cast<size_t>(slot)];
                const char* have_type = type_name(attr_type_of(have).kind);
                const char* want_type = type_name(attr_type_of(AttrSpec{a.name, a.type, a.enum_values}).kind);
                error("AK0255", a.span,
                      fmt::format(fmt::runtime(t("händelsen '{}' har redan attributet '{}' (av typen {}, från {})",
                                                 "the event '{}' already has the attribute '{}' (of type {}, from {})")),
                                  x.name, a.name, have_type, added_by(type, slot)),
                      std::string_view(have_type) == want_type ? std::string(t("ta bort det ur 'extend event'", "remove it from 'extend event'"))
                                             : fmt::format(fmt::runtime(t("ett lager kan inte ändra ett attributs typ ({} → {}); ge attributet ett eget namn",
                                                                          "a layer cannot change an attribute's type ({} → {}); give the attribute its own name")),
                                                           have_type, want_type));
                continue;
            }
            pack_.schema.add_event_attr(type, AttrSpec{a.name, a.type, a.enum_values});
            pack_.added_attrs.push_back(AddedAttr{l, type, &a});
        }
    }

    // The pack that declares attribute `slot` of event type `type`.
    std::string added_by(int type, int slot) const {
        const auto& name = pack_.schema.event_types()[static_cast<size_t>(type)].attrs[static_cast<size_t>(slot)].name;
        for (const auto& a : pack_.added_attrs)
            if (a.event_type == type && a.decl->name == name) return layer_name(a.layer);
        return layer_name(pack_.event_type_layers[static_cast<size_t>(type)]);
    }

    void parameter(const ParamDecl& p, int l) {
        int existing = pack_.param_index(p.name);
        if (existing >= 0) {
            const auto& other = pack_.params[static_cast<size_t>(existing)];
            std::string msg = other.layer == l
                                  ? fmt::format(fmt::runtime(t("parametern '{}' är redan deklarerad på {}", "the parameter '{}' is already declared at {}")),
                                                p.name, where(other.decl->span))
                                  : fmt::format(fmt::runtime(t("parametern '{}' finns redan i paketet {}", "the parameter '{}' already exists in the pack {}")),
                                                p.name, layer_name(other.layer));
            error("AK0213", p.span, msg,
                  other.layer == l ? std::string{}
                                   : fmt::format(fmt::runtime(t("ändra värdet med 'override parameter {} = ... because \"...\"'",
                                                                "change its value with 'override parameter {} = ... because \"...\"'")),
                                                 p.name));
            return;
        }
        if (vocab_names_.count(p.name) || pack_.schema.case_attr(p.name) != kNoSlot) {
            error("AK0214", p.span, fmt::format(fmt::runtime(t("'{}' är redan ett namn i vokabulären", "'{}' is already a name in the vocabulary")), p.name));
            return;
        }
        CheckedParam cp;
        cp.decl = &p;
        cp.layer = cp.value_layer = l;
        cp.value = p.value;
        cp.type = literal_type(p.value);
        if (cp.type == TypeKind::List && std::get<std::vector<std::string>>(p.value.value).empty())
            error("AK0215", p.value_span, t("en listparameter ska ha minst ett värde (en tom lista gör 'in' alltid falskt)",
                                            "a list parameter needs at least one value (an empty list makes 'in' always false)"));
        pack_.params.push_back(std::move(cp));
    }

    std::vector<std::string> rule_ids() const {
        std::vector<std::string> ids;
        for (const auto& r : pack_.rules) ids.push_back(r.id);
        return ids;
    }
    int rule_index(const std::string& id) const {
        for (size_t i = 0; i < pack_.rules.size(); ++i)
            if (pack_.rules[i].id == id) return static_cast<int>(i);
        return -1;
    }

    void rule_decl(const RuleDecl& r, int l) {
        int existing = rule_index(r.id);
        if (existing >= 0 && pack_.rules[static_cast<size_t>(existing)].layer != l) {
            const auto& base = pack_.rules[static_cast<size_t>(existing)];
            error("AK0216", r.id_span,
                  fmt::format(fmt::runtime(t("regeln '{}' finns redan i paketet {}; en regel i ett lokalt lager får inte skugga den",
                                             "the rule '{}' already exists in the pack {}; a rule in a local layer must not shadow it")),
                              r.id, layer_name(base.layer)),
                  fmt::format(fmt::runtime(t("ge den lokala regeln ett eget id, och stäng vid behov av den andra med 'disable rule {} because \"...\"'",
                                             "give the local rule its own id and, if needed, switch the other off with 'disable rule {} because \"...\"'")),
                              r.id));
            return;
        }
        if (existing < 0) {
            pack_.rules.push_back(CheckedRule{r.id, l, {}, false, -1, {}});
            existing = static_cast<int>(pack_.rules.size()) - 1;
        }
        pack_.rules[static_cast<size_t>(existing)].versions.push_back(&r);
    }

    void command_line(const std::vector<CommandLineParam>& overrides) {
        const int l = static_cast<int>(pack_.layers.size());
        for (const auto& o : overrides) {
            int i = pack_.param_index(o.name);
            Span at;
            at.pos = {"--param", 0, 0};
            if (i < 0) {
                std::vector<std::string> names;
                for (const auto& p : pack_.params) names.push_back(p.decl->name);
                error("AK0217", at, fmt::format(fmt::runtime(t("okänd parameter '{}'", "unknown parameter '{}'")), o.name),
                      suggest(o.name, names));
                continue;
            }
            auto& p = pack_.params[static_cast<size_t>(i)];
            auto value = parse_value(o.value, p.type);
            if (!value) {
                error("AK0218", at, fmt::format(fmt::runtime(t("värdet för '{}' ska vara av typen {}", "the value of '{}' must be of type {}")),
                                      o.name, type_name(p.type)));
                continue;
            }
            p.value = *value;
            p.value_layer = l;
            p.reason = t("angiven på kommandoraden", "given on the command line");
        }
    }

    // A list on the command line: items separated by commas, spaces around
    // them dropped (`--param instrument_lista=ASI,AUDIT`); empty text is an empty list.
    static std::vector<std::string> list_items(const std::string& text) {
        std::vector<std::string> items;
        if (text.find_first_not_of(' ') == std::string::npos) return items;
        std::istringstream in(text);
        for (std::string item; std::getline(in, item, ',');) {
            const size_t b = item.find_first_not_of(' '), e = item.find_last_not_of(' ');
            items.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
        }
        if (!text.empty() && text.back() == ',') items.emplace_back();
        return items;
    }

    static std::optional<Literal> parse_value(const std::string& text, TypeKind type) {
        Literal lit;
        switch (type) {
            case TypeKind::Int: {
                try {
                    size_t used = 0;
                    long long v = std::stoll(text, &used);
                    if (used != text.size()) return std::nullopt;
                    lit.value = static_cast<int64_t>(v);
                } catch (...) {
                    return std::nullopt;
                }
                return lit;
            }
            case TypeKind::Date: {
                auto d = parse_date(text);
                if (!d) return std::nullopt;
                lit.value = *d;
                return lit;
            }
            case TypeKind::Bool:
                if (text != "true" && text != "false") return std::nullopt;
                lit.value = text == "true";
                return lit;
            case TypeKind::String: lit.value = text; return lit;
            case TypeKind::List: lit.value = list_items(text); return lit;
            default: return std::nullopt;
        }
    }

    // --- behaviour: overrides, disables, rules, processes, template ----------------

    void behaviour(int l) {
        for (auto& file : pack_.layers[static_cast<size_t>(l)].files) {
            for (auto& item : file.ast.items) {
                if (auto* o = std::get_if<ParamOverride>(&item)) override_param(*o, l);
                else if (auto* d = std::get_if<RuleDisable>(&item)) disable(*d, l);
                else if (auto* p = std::get_if<ProcessDecl>(&item)) process(*p, l);
                else if (auto* tpl = std::get_if<TemplateDecl>(&item)) template_decl(*tpl, l);
            }
        }
    }

    void override_param(const ParamOverride& o, int l) {
        int i = pack_.param_index(o.name);
        if (i < 0 || pack_.params[static_cast<size_t>(i)].layer >= l) {
            std::vector<std::string> names;
            for (const auto& p : pack_.params)
                if (p.layer < l) names.push_back(p.decl->name);
            error("AK0219", o.name_span,
                  fmt::format(fmt::runtime(t("det finns ingen parameter '{}' i paketen som detta bygger på",
                                             "there is no parameter '{}' in the packs this one builds on")),
                              o.name),
                  suggest(o.name, names));
            return;
        }
        auto& p = pack_.params[static_cast<size_t>(i)];
        if (literal_type(o.value) != p.type) {
            error("AK0220", o.value_span, fmt::format(fmt::runtime(t("parametern '{}' är av typen {}, inte {}", "the parameter '{}' is of type {}, not {}")),
                                            o.name, type_name(p.type), type_name(literal_type(o.value))));
            return;
        }
        if (o.reason.text.empty()) error("AK0221", o.reason.span, t("ange ett skäl", "give a reason"));
        p.value = o.value;
        p.value_layer = l;
        p.reason = o.reason.text;
    }

    void disable(const RuleDisable& d, int l) {
        int i = rule_index(d.rule_id);
        if (i < 0 || pack_.rules[static_cast<size_t>(i)].layer >= l) {
            std::vector<std::string> ids;
            for (const auto& r : pack_.rules)
                if (r.layer < l) ids.push_back(r.id);
            error("AK0222", d.id_span,
                  fmt::format(fmt::runtime(t("det finns ingen regel '{}' i paketen som detta bygger på",
                                             "there is no rule '{}' in the packs this one builds on")),
                              d.rule_id),
                  suggest(d.rule_id, ids));
            return;
        }
        if (d.reason.text.empty()) error("AK0223", d.reason.span, t("ange ett skäl", "give a reason"));
        auto& r = pack_.rules[static_cast<size_t>(i)];
        r.disabled = true;
        r.disabled_by = l;
        r.disabled_reason = d.reason.text;
    }

    void versions(CheckedRule& r) {
        for (const RuleDecl* v : r.versions) {
            for (const auto& dup : v->duplicate_clauses) error("AK0224", dup, t("klausulen anges två gånger", "the clause is given twice"));
            if (!v->question) error("AK0225", v->id_span, fmt::format(fmt::runtime(t("regeln '{}' saknar 'question'", "the rule '{}' has no 'question'")), r.id));
            if (v->cites.empty()) error("AK0226", v->id_span, fmt::format(fmt::runtime(t("regeln '{}' saknar 'cite' (lagrum)", "the rule '{}' has no 'cite' (legal citation)")), r.id));
            if (!v->requirement) error("AK0227", v->id_span, fmt::format(fmt::runtime(t("regeln '{}' saknar 'requires'", "the rule '{}' has no 'requires'")), r.id));
            if (v->valid_from && v->valid_until && *v->valid_until < *v->valid_from)
                error("AK0228", v->valid_span, fmt::format(fmt::runtime(t("giltighetsperioden slutar ({}) innan den börjar ({})",
                                                                "the validity period ends ({}) before it starts ({})")),
                                                 format_date(*v->valid_until), format_date(*v->valid_from)));
            if (v->judged_on) {
                expect(*v->judged_on, TypeKind::Date, -1, "judged on");
                if (reads_today(*v->judged_on))
                    report("AK0285", Severity::Warning, v->judged_on->span,
                           t("'judged on' läser today: vilken lag som gäller skulle bero på granskningsdatumet, inte på ärendet",
                             "'judged on' reads today: which law applies would depend on the evaluation date, not on the case"),
                           t("ange datumet för steget regeln prövar, t.ex. first(beslut).date",
                             "give the date of the step the rule checks, e.g. first(beslut).date"));
            }
            if (v->applies_when) expect(*v->applies_when, TypeKind::Bool, -1, "applies when");
            if (v->requirement) expect(*v->requirement, TypeKind::Bool, -1, "requires");
            if (v->explain) placeholders(*v->explain);
        }
        const bool periods = std::any_of(r.versions.begin(), r.versions.end(),
                                         [](const RuleDecl* v) { return v->valid_from || v->valid_until; });
        if (r.versions.size() > 1 && !periods) {
            // The same id twice without periods of law is a duplicate, not versions.
            for (size_t i = 1; i < r.versions.size(); ++i)
                error("AK0229", r.versions[i]->id_span,
                      fmt::format(fmt::runtime(t("regeln '{}' är redan definierad på {}", "the rule '{}' is already defined at {}")), r.id,
                                  where(r.versions[0]->id_span)),
                      t("ge regeln ett eget id, eller ge versionerna giltighetsperioder med 'valid from … until …'",
                        "give the rule its own id, or give the versions periods of law with 'valid from … until …'"));
            return;
        }
        judged_on(r);
        for (size_t i = 1; i < r.versions.size(); ++i) {
            const RuleDecl* a = r.versions[i - 1];
            const RuleDecl* b = r.versions[i];
            Date a_end = a->valid_until.value_or(Date{INT32_MAX});
            Date b_start = b->valid_from.value_or(Date{INT32_MIN});
            if (b_start <= a_end) {
                auto period = [](const RuleDecl* v) {
                    return (v->valid_from ? format_date(*v->valid_from) : std::string("…")) + " – " +
                           (v->valid_until ? format_date(*v->valid_until) : std::string("…"));
                };
                error("AK0230", b->valid_span.pos.line ? b->valid_span : b->id_span,
                      fmt::format(fmt::runtime(t("versionerna av '{}' överlappar: {} ({}) och {} ({})",
                                                 "the versions of '{}' overlap: {} ({}) and {} ({})")),
                                  r.id, period(a), where(a->span), period(b), where(b->span)));
            }
        }
    }

    // Versions are picked by their `judged on` date: a rule with a period of
    // law or several versions needs it, and every version must say the same.
    void judged_on(const CheckedRule& r) {
        const RuleDecl* with = nullptr;
        for (const RuleDecl* v : r.versions)
            if (v->judged_on && !with) with = v;
        const bool needs = r.versions.size() > 1 || r.versions.front()->valid_from || r.versions.front()->valid_until;
        if (!with) {
            if (needs)
                error("AK0231", r.versions.front()->id_span,
                      fmt::format(fmt::runtime(r.versions.size() > 1
                                                   ? t("regeln '{}' har flera versioner men saknar 'judged on' (datumet som avgör vilken lag som gäller)",
                                                       "the rule '{}' has several versions but no 'judged on' (the date that decides which law applies)")
                                                   : t("regeln '{}' har en giltighetsperiod men saknar 'judged on' (datumet som avgör om perioden gäller)",
                                                       "the rule '{}' has a validity period but no 'judged on' (the date that decides whether the period applies)")),
                                  r.id));
            return;
        }
        for (const RuleDecl* v : r.versions) {
            if (v == with) continue;
            if (!v->judged_on || !same_expr(*v->judged_on, *with->judged_on))
                error("AK0232", v->judged_on ? v->judged_on->span : v->id_span,
                      fmt::format(fmt::runtime(t("alla versioner av '{}' ska ha samma 'judged on' som på {}",
                                                 "every version of '{}' must have the same 'judged on' as at {}")),
                                  r.id, where(with->judged_on->span)));
        }
    }

    void placeholders(const TextAt& text) {
        const std::string& s = text.text;
        for (size_t open = s.find('{'); open != std::string::npos; open = s.find('{', open + 1)) {
            size_t close = s.find('}', open);
            if (close == std::string::npos) break;
            std::string name = s.substr(open + 1, close - open - 1);
            if (pack_.param_index(name) < 0) {
                std::vector<std::string> names;
                for (const auto& p : pack_.params) names.push_back(p.decl->name);
                error("AK0233", text.span, fmt::format(fmt::runtime(t("'{{{}}}' i förklaringen är ingen parameter", "'{{{}}}' in the explanation is not a parameter")), name),
                      suggest(name, names));
            }
        }
    }

    void process(const ProcessDecl& p, int l) {
        if (p.extend) return extend_process(p, l);
        for (const auto& other : pack_.processes)
            if (other.decl->name == p.name)
                error("AK0234", p.span, fmt::format(fmt::runtime(t("processen '{}' finns redan", "the process '{}' already exists")), p.name));
        CheckedProcess cp;
        cp.decl = &p;
        cp.layer = l;
        std::vector<std::string> names;
        for (const auto& s : p.steps) {
            if (std::find(names.begin(), names.end(), s.name) != names.end())
                error("AK0235", s.span, fmt::format(fmt::runtime(t("steget '{}' finns redan i processen", "the step '{}' already exists in the process")), s.name));
            names.push_back(s.name);
        }
        for (const auto& s : p.steps) cp.steps.push_back(step(s, names, l));
        pack_.processes.push_back(std::move(cp));
    }

    int step_index(const TextAt& ref, const std::vector<std::string>& names) {
        auto it = std::find(names.begin(), names.end(), ref.text);
        if (it == names.end()) {
            error("AK0236", ref.span, fmt::format(fmt::runtime(t("okänt steg '{}'", "unknown step '{}'")), ref.text), suggest(ref.text, names));
            return -1;
        }
        return static_cast<int>(it - names.begin());
    }

    static std::vector<std::string> step_names(const CheckedProcess& p) {
        std::vector<std::string> names;
        for (const auto& s : p.steps) names.push_back(s.decl->name);
        return names;
    }

    CheckedStep step(const StepDecl& s, const std::vector<std::string>& names, int l) {
        CheckedStep cs;
        cs.decl = &s;
        cs.layer = l;
        if (s.event_type.empty()) {
            error("AK0237", s.span, fmt::format(fmt::runtime(t("steget '{}' saknar 'event' (vilken händelse som dokumenterar steget)",
                                                     "the step '{}' has no 'event' (which event documents the step)")),
                                      s.name));
        } else {
            cs.event_type = event_type(s.event_type, s.event_span);
        }
        if (s.where && cs.event_type >= 0) where_clause(*s.where, cs.event_type);
        for (const auto& a : s.after) cs.after.push_back(step_index(a, names));
        if (s.required_when) expect(*s.required_when, TypeKind::Bool, -1, "required when");
        if (s.within) deadline(cs, s, names);
        for (const auto& c : s.cites) cs.cites.push_back(&c);
        return cs;
    }

    // The deadline of a step or of a layer's amendment to it: `within N
    // days|months [of S]`, from S or else the first step it follows, and its
    // `unless C` or `, or until D when C`.
    template <typename Step>
    void deadline(CheckedStep& cs, const Step& d, const std::vector<std::string>& names) {
        calendar_ok_ = true;  // `within 4 months of S`
        expect(*d.within, TypeKind::Int, -1, "within");
        cs.within = d.within.get();
        cs.within_unless = d.within_unless.get();
        cs.extended_until = d.extended_until.get();
        cs.extended_when = d.extended_when.get();
        if (d.within_unless) expect(*d.within_unless, TypeKind::Bool, -1, "unless");
        if (d.extended_until) expect(*d.extended_until, TypeKind::Date, -1, "or until");
        if (d.extended_when) expect(*d.extended_when, TypeKind::Bool, -1, "when");
        if (d.within_of) cs.within_of = step_index(*d.within_of, names);
        else if (!cs.after.empty()) cs.within_of = cs.after.front();
        else error("AK0238", d.within->span, t("ange från vilket steg fristen räknas: 'within N days of STEG'",
                                               "say which step the deadline counts from: 'within N days of STEP'"));
    }

    // `extend process P { … }`: new steps after the national ones, and
    // deadlines added to or explicitly changed on steps of the packs this
    // layer builds on. The steps' order relations of those packs stay as they are.
    void extend_process(const ProcessDecl& p, int l) {
        auto it = std::find_if(pack_.processes.begin(), pack_.processes.end(),
                               [&](const CheckedProcess& cp) { return cp.decl->name == p.name && cp.layer < l; });
        if (it == pack_.processes.end()) {
            std::vector<std::string> names;
            for (const auto& cp : pack_.processes)
                if (cp.layer < l) names.push_back(cp.decl->name);
            error("AK0290", p.name_span,
                  fmt::format(fmt::runtime(t("det finns ingen process '{}' i paketen som detta bygger på",
                                             "there is no process '{}' in the packs this one builds on")),
                              p.name),
                  suggest(p.name, names));
            return;
        }
        CheckedProcess& cp = *it;
        std::vector<std::string> names = step_names(cp);
        const size_t inherited = names.size();
        std::vector<const StepDecl*> added;
        for (const auto& s : p.steps) {
            if (std::find(names.begin(), names.end(), s.name) != names.end()) {
                error("AK0291", s.span,
                      fmt::format(fmt::runtime(t("steget '{}' finns redan i processen '{}'", "the step '{}' already exists in the process '{}'")),
                                  s.name, p.name),
                      fmt::format(fmt::runtime(t("ge det nya steget ett eget namn, eller ge steget en tidsgräns med 'extend step {} {{ within … }}'",
                                                 "give the new step its own name, or give the step a deadline with 'extend step {} {{ within … }}'")),
                                  s.name));
                continue;
            }
            names.push_back(s.name);
            added.push_back(&s);
        }
        for (const StepDecl* s : added) cp.steps.push_back(step(*s, names, l));
        const std::vector<std::string> amendable(names.begin(), names.begin() + static_cast<long>(inherited));
        for (const auto& a : p.amends) amend_step(cp, a, amendable, names, l);
    }

    void amend_step(CheckedProcess& cp, const StepAmend& a, const std::vector<std::string>& amendable,
                    const std::vector<std::string>& names, int l) {
        auto it = std::find(amendable.begin(), amendable.end(), a.step);
        if (it == amendable.end()) {
            error("AK0292", a.step_span,
                  fmt::format(fmt::runtime(t("det finns inget steg '{}' i processen '{}' i paketen som detta bygger på",
                                             "there is no step '{}' in the process '{}' of the packs this one builds on")),
                              a.step, cp.decl->name),
                  suggest(a.step, amendable));
            return;
        }
        auto [seen, inserted] = amended_steps_.emplace(std::make_pair(cp.decl->name + "/" + a.step, l), a.span);
        if (!inserted) {
            error("AK0295", a.span,
                  fmt::format(fmt::runtime(t("steget '{}' ändras redan i detta lager på {}", "the step '{}' is already amended in this layer at {}")),
                              a.step, where(seen->second)));
            return;
        }
        CheckedStep& st = cp.steps[static_cast<size_t>(it - amendable.begin())];
        if (!a.override_ && st.within) {
            error("AK0293", a.span,
                  fmt::format(fmt::runtime(t("steget '{}' har redan en tidsgräns (från {})", "the step '{}' already has a deadline (from {})")),
                              a.step, layer_name(st.within_layer >= 0 ? st.within_layer : st.layer)),
                  fmt::format(fmt::runtime(t("ändra den uttryckligen: 'override step {} {{ within … }} because \"…\"'",
                                             "change it explicitly: 'override step {} {{ within … }} because \"…\"'")),
                              a.step));
            return;
        }
        if (a.override_ && !st.within) {
            error("AK0294", a.span,
                  fmt::format(fmt::runtime(t("steget '{}' har ingen tidsgräns att ändra", "the step '{}' has no deadline to change")), a.step),
                  fmt::format(fmt::runtime(t("lägg till en med 'extend step {} {{ within … }}'", "add one with 'extend step {} {{ within … }}'")), a.step));
            return;
        }
        if (a.override_ && a.reason && a.reason->text.empty()) error("AK0296", a.reason->span, t("ange ett skäl", "give a reason"));
        deadline(st, a, names);
        st.within_layer = l;
        st.within_reason = a.reason ? a.reason->text : "";
        for (const auto& c : a.cites) st.cites.push_back(&c);
    }

    void template_decl(const TemplateDecl& tpl, int l) {
        if (!tpl.extend) {
            if (!pack_.template_name.empty()) {
                error("AK0239", tpl.span, fmt::format(fmt::runtime(t("granskningsmallen '{}' finns redan; ett lager utökar den med 'extend template'",
                                                           "the audit template '{}' already exists; a layer adds to it with 'extend template'")),
                                            pack_.template_name));
                return;
            }
            pack_.template_name = tpl.name;
            pack_.template_title = tpl.title ? tpl.title->text : "";
        } else if (tpl.name != pack_.template_name) {
            std::vector<std::string> names;
            if (!pack_.template_name.empty()) names.push_back(pack_.template_name);
            error("AK0240", tpl.span, fmt::format(fmt::runtime(t("det finns ingen granskningsmall '{}' att utöka", "there is no audit template '{}' to extend")), tpl.name),
                  suggest(tpl.name, names));
            return;
        }
        for (const auto& q : tpl.questions) {
            if (q.replace_reason) {
                replace_question(q, l);
                continue;
            }
            for (const auto& other : pack_.questions)
                if (other.decl->number == q.number)
                    error("AK0241", q.span, fmt::format(fmt::runtime(t("fråga {} finns redan på {}", "question {} already exists at {}")), q.number,
                                              where(other.decl->span)));
            CheckedQuestion cq;
            cq.decl = &q;
            cq.layer = l;
            cq.rules = answering_rules(q);
            pack_.questions.push_back(std::move(cq));
        }
    }

    // The rules of `answered by`; warns when all of them are switched off.
    std::vector<int> answering_rules(const QuestionDecl& q) {
        std::vector<int> out;
        bool any_enabled = false;
        for (const auto& ref : q.rules) {
            int i = rule_index(ref.text);
            if (i < 0) {
                error("AK0242", ref.span, fmt::format(fmt::runtime(t("okänd regel '{}'", "unknown rule '{}'")), ref.text), suggest(ref.text, rule_ids()));
                continue;
            }
            out.push_back(i);
            any_enabled = any_enabled || !pack_.rules[static_cast<size_t>(i)].disabled;
        }
        if (!out.empty() && !any_enabled)
            report("AK0243", Severity::Warning, q.span,
                   fmt::format(fmt::runtime(t("fråga {} besvaras bara av avstängda regler", "question {} is answered only by disabled rules")), q.number));
        return out;
    }

    // `replace question N answered by R because "…"`: the question of the
    // packs this layer builds on is answered by R from now on. The rules that
    // answered it are kept (still rules, still evaluated) and named in reports.
    void replace_question(const QuestionDecl& q, int l) {
        auto it = std::find_if(pack_.questions.begin(), pack_.questions.end(),
                               [&](const CheckedQuestion& cq) { return cq.decl->number == q.number && cq.layer < l; });
        if (it == pack_.questions.end()) {
            std::vector<std::string> numbers;
            for (const auto& cq : pack_.questions)
                if (cq.layer < l) numbers.push_back(cq.decl->number);
            error("AK0257", q.number_span,
                  fmt::format(fmt::runtime(t("det finns ingen fråga {} i mallen '{}' i paketen som detta bygger på",
                                             "there is no question {} in the template '{}' of the packs this one builds on")),
                              q.number, pack_.template_name),
                  fmt::format(fmt::runtime(t("frågorna i mallen: {}", "the template's questions: {}")), join_names(numbers)));
            return;
        }
        CheckedQuestion& cq = *it;
        if (cq.replaced_layer == l) {
            error("AK0258", q.span,
                  fmt::format(fmt::runtime(t("fråga {} ersätts redan i detta lager på {}", "question {} is already replaced in this layer at {}")),
                              q.number, where(cq.replaced_by->span)));
            return;
        }
        if (q.replace_reason->text.empty()) error("AK0259", q.replace_reason->span, t("ange ett skäl", "give a reason"));
        std::vector<int> rules = answering_rules(q);
        if (cq.replaced_layer < 0) cq.replaced_rules = cq.rules;
        cq.rules = std::move(rules);
        cq.replaced_by = &q;
        cq.replaced_layer = l;
    }

    // --- expressions ---------------------------------------------------------------

    int event_type(const std::string& name, const Span& at) {
        int type = pack_.schema.event_type(name);
        if (type == kNoSlot) {
            std::vector<std::string> names;
            for (const auto& e : pack_.schema.event_types()) names.push_back(e.name);
            error("AK0244", at, fmt::format(fmt::runtime(t("okänd händelsetyp '{}'", "unknown event type '{}'")), name), suggest(name, names));
        }
        return type;
    }

    void expect(const Expr& e, TypeKind want, int scope, const char* clause) {
        Type got = expr(e, scope);
        if (got.kind == TypeKind::Error || got.kind == want) return;
        error("AK0245", e.span, fmt::format(fmt::runtime(t("'{}' ska vara av typen {}, men uttrycket är {}", "'{}' must be of type {}, but the expression is {}")),
                                  clause, type_name(want), type_name(got.kind)));
    }

    Type record(const Expr& e, Type type) {
        pack_.types[&e] = type;
        return type;
    }

    Type name(const Expr& e, const NameRef& n, int scope) {
        if (const Bound* b = bound(n.name)) {
            const auto& type = pack_.schema.event_types()[static_cast<size_t>(b->types.front())];
            error("AK0262", e.span,
                  fmt::format(fmt::runtime(t("'{}' är en bunden händelse ({}), inte ett värde", "'{}' is a bound event ({}), not a value")),
                              n.name, type.name),
                  fmt::format(fmt::runtime(t("skriv {0}.date för dess datum eller {0}.ATTRIBUT för ett attribut", "write {0}.date for its date or {0}.ATTRIBUTE for an attribute")),
                              n.name));
            return {};
        }
        if (scope >= 0) {
            if (n.name == "date") {
                pack_.names[&e] = Resolution{NameKind::EventDate, -1, scope};
                return {TypeKind::Date};
            }
            int slot = pack_.schema.event_attr(scope, n.name);
            if (slot != kNoSlot) {
                pack_.names[&e] = Resolution{NameKind::EventAttr, slot, scope};
                return attr_type_of(pack_.schema.event_types()[static_cast<size_t>(scope)].attrs[static_cast<size_t>(slot)]);
            }
        }
        int slot = pack_.schema.case_attr(n.name);
        if (slot != kNoSlot) {
            pack_.names[&e] = Resolution{NameKind::CaseAttr, slot, -1};
            return attr_type_of(pack_.schema.case_attrs()[static_cast<size_t>(slot)]);
        }
        int p = pack_.param_index(n.name);
        if (p >= 0) {
            pack_.names[&e] = Resolution{NameKind::Param, p, -1};
            return {pack_.params[static_cast<size_t>(p)].type};
        }
        std::vector<std::string> names;
        if (scope >= 0) {
            names.push_back("date");
            for (const auto& a : pack_.schema.event_types()[static_cast<size_t>(scope)].attrs) names.push_back(a.name);
        }
        for (const auto& a : pack_.schema.case_attrs()) names.push_back(a.name);
        for (const auto& prm : pack_.params) names.push_back(prm.decl->name);
        std::string hint = suggest(n.name, names);
        if (hint.empty() && pack_.schema.event_type(n.name) != kNoSlot)
            hint = fmt::format(fmt::runtime(t("'{}' är en händelsetyp: skriv exists({})", "'{}' is an event type: write exists({})")), n.name, n.name);
        error("AK0246", e.span,
              fmt::format(fmt::runtime(scope >= 0 ? t("okänt namn '{}' (inte ett attribut hos händelsen, ett ärendeattribut eller en parameter)",
                                                      "unknown name '{}' (not an attribute of the event, a case attribute or a parameter)")
                                                  : t("okänt namn '{}' (inte ett ärendeattribut eller en parameter)",
                                                      "unknown name '{}' (not a case attribute or a parameter)")),
                          n.name),
              hint);
        return {};
    }

    Type attr_type_of(const AttrSpec& a) {
        // The schema copy of an enumeration: find the AST declaration's values
        // via the schema itself (stable storage for the pack's lifetime).
        switch (a.type) {
            case AttrType::Enum: return {TypeKind::Enum, &a.enum_values};
            case AttrType::String: return {TypeKind::String};
            case AttrType::Integer: return {TypeKind::Int};
            case AttrType::Boolean: return {TypeKind::Bool};
            case AttrType::Date: return {TypeKind::Date};
            case AttrType::StringList: return {TypeKind::List};
        }
        return {};
    }

    Type query(const Expr& e, const Query& q) {
        int type = event_type(q.event_type, q.event_span);
        if (type < 0) return {};
        if (q.where) where_clause(*q.where, type);
        switch (q.kind) {
            case QueryKind::Exists: return {TypeKind::Bool};
            case QueryKind::Count: return {TypeKind::Int};
            default: break;
        }
        if (q.attr == "date") {
            pack_.names[&e] = Resolution{NameKind::EventDate, -1, type};
            return {TypeKind::Date};
        }
        int slot = pack_.schema.event_attr(type, q.attr);
        if (slot == kNoSlot) {
            std::vector<std::string> names{"date"};
            for (const auto& a : pack_.schema.event_types()[static_cast<size_t>(type)].attrs) names.push_back(a.name);
            error("AK0247", q.attr_span, fmt::format(fmt::runtime(t("händelsen '{}' har inget attribut '{}'", "the event '{}' has no attribute '{}'")),
                                           q.event_type, q.attr),
                  suggest(q.attr, names));
            return {};
        }
        pack_.names[&e] = Resolution{NameKind::EventAttr, slot, type};
        return attr_type_of(pack_.schema.event_types()[static_cast<size_t>(type)].attrs[static_cast<size_t>(slot)]);
    }

    // --- quantifiers and the names they bind ------------------------------------------

    const Bound* bound(const std::string& name) const {
        for (auto it = bound_.rbegin(); it != bound_.rend(); ++it)
            if (it->name == name) return &*it;
        return nullptr;
    }

    std::vector<std::string> bound_names() const {
        std::vector<std::string> names;
        for (const auto& b : bound_) names.push_back(b.name);
        return names;
    }

    // A `where`: a condition on each event of `type`, bare names its attributes.
    void where_clause(const Expr& where, int type) {
        expect(where, TypeKind::Bool, type, "where");
        self_comparisons(where, type);
    }

    // `every T as b [where …] has …`: the where reads T's events, the body the
    // scope around the quantifier; both may read b.x.
    Type quantifier(const Quantifier& q, int scope) {
        if (q.event_types.size() > kMaxBindings) {  // the evaluator keeps a cursor per type
            error("AK0268", q.event_types[kMaxBindings].second,
                  fmt::format(fmt::runtime(t("högst {} händelsetyper kan stå i every/some consecutive", "at most {} event types can be listed in every/some consecutive")),
                              kMaxBindings));
            return {};
        }
        std::vector<int> types;
        for (const auto& [name, span] : q.event_types) {
            const int type = event_type(name, span);
            if (type < 0) return {};
            if (std::find(types.begin(), types.end(), type) != types.end())
                error(kConsecutiveTypes, span, fmt::format(fmt::runtime(t("händelsetypen '{}' står två gånger", "the event type '{}' is listed twice")), name));
            types.push_back(type);
        }
        if (types.empty()) return {};
        if (bound_.size() + q.bindings.size() > kMaxBindings) {
            error("AK0266", q.bindings.front().span,
                  fmt::format(fmt::runtime(t("för många nästlade every/some: högst {} namn kan vara bundna samtidigt",
                                             "too many nested every/some: at most {} names can be bound at once")),
                              kMaxBindings));
            return {};
        }
        for (const auto& b : q.bindings) {
            check_binding(b);
            bound_.push_back(Bound{b.name, types, b.span});
        }
        if (q.where) where_clause(*q.where, types.front());
        if (q.body) expect(*q.body, TypeKind::Bool, scope, "has");
        bound_.resize(bound_.size() - q.bindings.size());
        return {TypeKind::Bool};
    }

    // A bound name must not hide another bound name nor read as anything else.
    void check_binding(const Binding& b) {
        if (const Bound* outer = bound(b.name)) {
            error("AK0263", b.span,
                  fmt::format(fmt::runtime(t("namnet '{}' är redan bundet på rad {}", "the name '{}' is already bound on line {}")), b.name,
                              outer->span.pos.line),
                  t("välj ett annat namn, så att det syns vilken händelse som avses", "choose another name, so that it is clear which event is meant"));
            return;
        }
        const char* what = pack_.schema.event_type(b.name) != kNoSlot ? t("en händelsetyp", "an event type")
                           : pack_.schema.case_attr(b.name) != kNoSlot ? t("ett ärendeattribut", "a case attribute")
                           : pack_.param_index(b.name) >= 0             ? t("en parameter", "a parameter")
                                                                        : nullptr;
        if (what)
            error("AK0264", b.span,
                  fmt::format(fmt::runtime(t("namnet '{}' är redan {}", "the name '{}' is already {}")), b.name, what),
                  t("välj ett kort eget namn, t.ex. b för ett beslut", "choose a short name of its own, e.g. b for a beslut"));
    }

    Type bound_attr(const Expr& e, const BoundAttr& b) {
        const Bound* bd = bound(b.binding);
        if (!bd) {
            std::string hint = suggest(b.binding, bound_names());
            if (hint.empty() && pack_.schema.event_type(b.binding) != kNoSlot)
                hint = fmt::format(fmt::runtime(t("'{0}' är en händelsetyp: bind den med every {0} as x has … x.{1}, eller skriv first({0}).{1}",
                                                  "'{0}' is an event type: bind it with every {0} as x has … x.{1}, or write first({0}).{1}")),
                                   b.binding, b.attr);
            error("AK0260", b.binding_span,
                  fmt::format(fmt::runtime(t("'{}' är inte bundet här: {}.{} kan bara användas inom every/some … as {}",
                                             "'{}' is not bound here: {}.{} can only be used inside every/some … as {}")),
                              b.binding, b.binding, b.attr, b.binding),
                  hint);
            return {};
        }
        const int depth = static_cast<int>(bd - bound_.data());
        const int type = bd->types.front();
        if (b.attr == "date") {
            pack_.names[&e] = Resolution{NameKind::EventDate, -1, type, depth};
            return {TypeKind::Date};
        }
        if (bd->types.size() > 1) {
            error(kConsecutiveTypes, b.attr_span,
                  fmt::format(fmt::runtime(t("'{}' kan vara en händelse av flera typer: bara {}.date kan läsas", "'{}' may be an event of several types: only {}.date can be read")),
                              b.binding, b.binding));
            return {};
        }
        const auto& spec = pack_.schema.event_types()[static_cast<size_t>(type)];
        const int slot = pack_.schema.event_attr(type, b.attr);
        if (slot == kNoSlot) {
            std::vector<std::string> names{"date"};
            for (const auto& a : spec.attrs) names.push_back(a.name);
            error("AK0261", b.attr_span,
                  fmt::format(fmt::runtime(t("händelsen '{}' ({}) har inget attribut '{}'", "the event '{}' ({}) has no attribute '{}'")), b.binding,
                              spec.name, b.attr),
                  suggest(b.attr, names));
            return {};
        }
        pack_.names[&e] = Resolution{NameKind::EventAttr, slot, type, depth};
        return attr_type_of(spec.attrs[static_cast<size_t>(slot)]);
    }

    // `where date >= date` compares the event with itself: almost always
    // meant to compare with another event, which needs a bound name.
    void self_comparisons(const Expr& e, int type) {
        if (const auto* n = std::get_if<Not>(&e.node)) return self_comparisons(*n->operand, type);
        const auto* b = std::get_if<Binary>(&e.node);
        if (!b) return;
        if (b->op == BinaryOp::And || b->op == BinaryOp::Or) {
            self_comparisons(*b->lhs, type);
            self_comparisons(*b->rhs, type);
            return;
        }
        const auto* l = std::get_if<NameRef>(&b->lhs->node);
        if (!l || !same_expr(*b->lhs, *b->rhs)) return;
        auto r = pack_.names.find(b->lhs.get());
        if (r == pack_.names.end() || (r->second.kind != NameKind::EventAttr && r->second.kind != NameKind::EventDate)) return;
        const std::string& event = pack_.schema.event_types()[static_cast<size_t>(type)].name;
        const std::string what = l->name == "date" ? fmt::format(fmt::runtime(t("datumet för {}", "the date of the {}")), event)
                                                   : fmt::format(fmt::runtime(t("{} för {}", "{} of the {}")), l->name, event);
        std::string hint;
        for (auto it = bound_.rbegin(); it != bound_.rend() && hint.empty(); ++it)
            if (l->name == "date" || (it->types.size() == 1 && pack_.schema.event_attr(it->types.front(), l->name) != kNoSlot))
                hint = fmt::format(fmt::runtime(t("menade du {}.{}?", "did you mean {}.{}?")), it->name, l->name);
        if (hint.empty())
            hint = fmt::format(fmt::runtime(t("för att jämföra med en annan händelse, bind den: every beslut as b has exists({} where {} >= b.{})",
                                              "to compare with another event, bind it: every beslut as b has exists({} where {} >= b.{})")),
                               event, l->name, l->name);
        report("AK0267", Severity::Warning, e.span,
               fmt::format(fmt::runtime(t("'{}' jämför {} med sig självt", "'{}' compares {} with itself")), expression_text(e), what), hint);
    }

    void enum_member(const Type& enum_type, const Expr& other) {
        const auto* lit = std::get_if<Literal>(&other.node);
        if (!lit || !enum_type.enum_values) return;
        const auto* s = std::get_if<std::string>(&lit->value);
        if (!s) return;
        const auto& values = *enum_type.enum_values;
        if (std::find(values.begin(), values.end(), *s) == values.end()) {
            std::string list;
            for (const auto& v : values) list += (list.empty() ? "" : ", ") + v;
            error("AK0248", other.span, fmt::format(fmt::runtime(t("\"{}\" är inget av värdena {}", "\"{}\" is none of the values {}")), *s, list),
                  suggest(*s, values));
        }
    }

    static bool comparable(TypeKind a, TypeKind b) {
        auto textual = [](TypeKind k) { return k == TypeKind::String || k == TypeKind::Enum; };
        return a == b || (textual(a) && textual(b));
    }

    Type binary(const Expr& e, const Binary& b, int scope) {
        if (b.op == BinaryOp::And || b.op == BinaryOp::Or) {
            expect(*b.lhs, TypeKind::Bool, scope, b.op == BinaryOp::And ? "and" : "or");
            expect(*b.rhs, TypeKind::Bool, scope, b.op == BinaryOp::And ? "and" : "or");
            return {TypeKind::Bool};
        }
        Type l = expr(*b.lhs, scope);
        // `d + 4 months`: calendar months are added to or subtracted from a date only.
        calendar_ok_ = (b.op == BinaryOp::Add || b.op == BinaryOp::Sub) && l.kind == TypeKind::Date;
        Type r = expr(*b.rhs, scope);
        if (l.kind == TypeKind::Error || r.kind == TypeKind::Error) return {};
        auto mismatch = [&](const char* what) {
            error("AK0249", e.span, fmt::format(fmt::runtime(t("kan inte {} {} och {}", "cannot {} {} and {}")), what, type_name(l.kind), type_name(r.kind)));
            return Type{};
        };
        switch (b.op) {
            case BinaryOp::Add:
                if (l.kind == TypeKind::Date && r.kind == TypeKind::Int) return {TypeKind::Date};
                if (l.kind == TypeKind::Int && r.kind == TypeKind::Date) return {TypeKind::Date};
                if (l.kind == TypeKind::Int && r.kind == TypeKind::Int) return {TypeKind::Int};
                return mismatch(t("addera", "add"));
            case BinaryOp::Sub:
                if (l.kind == TypeKind::Date && r.kind == TypeKind::Int) return {TypeKind::Date};
                if (l.kind == TypeKind::Date && r.kind == TypeKind::Date) return {TypeKind::Int};
                if (l.kind == TypeKind::Int && r.kind == TypeKind::Int) return {TypeKind::Int};
                return mismatch(t("subtrahera", "subtract"));
            case BinaryOp::Mul:
                if (l.kind == TypeKind::Int && r.kind == TypeKind::Int) return {TypeKind::Int};
                return mismatch(t("multiplicera", "multiply"));
            case BinaryOp::Contains:
            case BinaryOp::StartsWith: return text_match(e, b.op, l, r);
            case BinaryOp::Earliest:
            case BinaryOp::Latest:
                if (l.kind == TypeKind::Date && r.kind == TypeKind::Date) return {TypeKind::Date};
                return mismatch(b.op == BinaryOp::Earliest ? t("ta det tidigaste av", "take the earliest of")
                                                           : t("ta det senaste av", "take the latest of"));
            case BinaryOp::Eq:
            case BinaryOp::Ne:
                if (!comparable(l.kind, r.kind) || l.kind == TypeKind::List) return mismatch(t("jämföra", "compare"));
                if (l.kind == TypeKind::Enum) enum_member(l, *b.rhs);
                if (r.kind == TypeKind::Enum) enum_member(r, *b.lhs);
                return {TypeKind::Bool};
            default:
                if (!(l.kind == r.kind && (l.kind == TypeKind::Int || l.kind == TypeKind::Date))) return mismatch(t("jämföra", "compare"));
                return {TypeKind::Bool};
        }
    }

    // An expression written with `months`/`years`: an integer, where a date is
    // shifted by it (AK0280, AK0281).
    Type calendar_unit(const Expr& e, Type type, bool allowed) {
        if (e.calendar == CalendarUnit::None || type.kind == TypeKind::Error) return type;
        const char* unit = e.calendar == CalendarUnit::Months ? "months" : "years";
        if (type.kind != TypeKind::Int) {
            error("AK0280", e.span, fmt::format(fmt::runtime(t("'{}' ska stå efter ett antal (ett heltal), men uttrycket är {}",
                                                               "'{}' must follow a number (an integer), but the expression is {}")),
                                                unit, type_name(type.kind)),
                  t("t.ex. first(inledd).date + 4 months", "e.g. first(inledd).date + 4 months"));
            return {};
        }
        if (!allowed) {
            error("AK0281", e.span, fmt::format(fmt::runtime(t("'{}' kan bara läggas till eller dras från ett datum, eller vara en frist i 'within'",
                                                               "'{}' can only be added to or subtracted from a date, or be a deadline in 'within'")),
                                                unit),
                  t("t.ex. first(inledd).date + 4 months eller within 4 months of inledd",
                    "e.g. first(inledd).date + 4 months or within 4 months of inledd"));
            return {};
        }
        return type;
    }

    // `process P step S late|missing|not yet due` (AK0282 unknown step, AK0283 no deadline).
    Type step_state(const Expr& e, const ProcessStep& ps) {
        const CheckedProcess* proc = nullptr;
        for (const auto& p : pack_.processes)
            if (p.decl->name == ps.process) proc = &p;
        if (!proc) return unknown_process(e, ps.process);
        const std::vector<std::string> names = step_names(*proc);
        auto it = std::find(names.begin(), names.end(), ps.step.text);
        if (it == names.end()) {
            error("AK0282", ps.step.span, fmt::format(fmt::runtime(t("processen '{}' har inget steg '{}'", "the process '{}' has no step '{}'")),
                                                      ps.process, ps.step.text),
                  suggest(ps.step.text, names));
            return {};
        }
        const CheckedStep& step = proc->steps[static_cast<size_t>(it - names.begin())];
        if (ps.state != StepState::Missing && !step.within)
            error("AK0283", e.span, fmt::format(fmt::runtime(t("steget '{}' har ingen frist ('within'), så det är aldrig {}",
                                                               "the step '{}' has no deadline ('within'), so it is never {}")),
                                                ps.step.text, step_state_keyword(ps.state)),
                  t("ge steget en frist, t.ex. within 4 months of inledd, eller fråga efter 'missing'",
                    "give the step a deadline, e.g. within 4 months of inledd, or ask for 'missing'"));
        return {TypeKind::Bool};
    }

    // Whether `today` is read anywhere in `e`: in an operand, a branch of
    // `if`, an argument of `min`/`max`, a query's `where` or a quantifier.
    static bool reads_today(const Expr& e) {
        auto any = [](const auto&... parts) { return (... || (parts && reads_today(*parts))); };
        return std::visit(
            [&](const auto& n) -> bool {
                using N = std::decay_t<decltype(n)>;
                if constexpr (std::is_same_v<N, Today>) return true;
                else if constexpr (std::is_same_v<N, Binary>) return any(n.lhs, n.rhs);
                else if constexpr (std::is_same_v<N, Not>) return any(n.operand);
                else if constexpr (std::is_same_v<N, Query>) return any(n.where);
                else if constexpr (std::is_same_v<N, InList>) return any(n.value, n.list);
                else if constexpr (std::is_same_v<N, IsKnown>) return any(n.value);
                else if constexpr (std::is_same_v<N, Quantifier>) return any(n.where, n.body);
                else if constexpr (std::is_same_v<N, Conditional>) return any(n.cond, n.then_, n.else_);
                else if constexpr (std::is_same_v<N, Call>)
                    return std::any_of(n.args.begin(), n.args.end(), [](const ExprPtr& a) { return a && reads_today(*a); });
                else return false;  // literals, names, bound attributes, process states
            },
            e.node);
    }

    // Every process of the pack, checked or not yet.
    std::vector<std::string> process_names() const {
        std::vector<std::string> names;
        for (const auto& file_layer : pack_.layers)
            for (const auto& f : file_layer.files)
                for (const auto& item : f.ast.items)
                    if (auto* p = std::get_if<ProcessDecl>(&item)) names.push_back(p->name);
        return names;
    }

    // A process not checked yet is declared after the step that reads it (AK0284), or not at all.
    Type unknown_process(const Expr& e, const std::string& process) {
        const std::vector<std::string> names = process_names();
        if (std::find(names.begin(), names.end(), process) != names.end()) {
            error("AK0284", e.span, fmt::format(fmt::runtime(t("ett steg kan bara läsa stegen i processer som står före dess egen, inte '{}'",
                                                               "a step can read the steps of processes declared before its own only, not '{}'")),
                                                process));
            return {};
        }
        error("AK0251", e.span, fmt::format(fmt::runtime(t("okänd process '{}'", "unknown process '{}'")), process), suggest(process, names));
        return {};
    }

    static bool textual(TypeKind k) { return k == TypeKind::String || k == TypeKind::Enum; }

    // `a contains b`: a text holds b, or a list has b as an item; `a starts with b`: a text begins with b.
    Type text_match(const Expr& e, BinaryOp op, Type l, Type r) {
        const bool contains = op == BinaryOp::Contains;
        if ((textual(l.kind) || (contains && l.kind == TypeKind::List)) && textual(r.kind)) return {TypeKind::Bool};
        error("AK0270", e.span,
              fmt::format(fmt::runtime(contains ? t("'contains' tar en text eller en lista till vänster och en text till höger, men fick {} och {}",
                                                    "'contains' takes a text or a list on the left and a text on the right, but got {} and {}")
                                                : t("'starts with' tar texter på båda sidor, men fick {} och {}",
                                                    "'starts with' takes texts on both sides, but got {} and {}")),
                          type_name(l.kind), type_name(r.kind)));
        return {};
    }

    // `x in [...]` or `x in NAME` (a list parameter or list attribute: its items are texts).
    Type in_list(const Expr& e, const InList& n, int scope) {
        Type v = expr(*n.value, scope);
        if (n.list) {
            Type list = expr(*n.list, scope);
            if (list.kind != TypeKind::List && list.kind != TypeKind::Error) {
                error("AK0271", n.list->span, fmt::format(fmt::runtime(t("'in' behöver en lista, men '{}' är {}", "'in' needs a list, but '{}' is {}")),
                                                          std::get<NameRef>(n.list->node).name, type_name(list.kind)));
                return {TypeKind::Bool};
            }
        }
        std::vector<TypeKind> kinds;
        for (const auto& item : n.items) kinds.push_back(literal_type(item));
        if (n.list) kinds.push_back(TypeKind::String);
        for (size_t i = 0; i < kinds.size(); ++i) {
            const TypeKind k = kinds[i];
            if (v.kind != TypeKind::Error && !comparable(v.kind, k)) {
                error("AK0250", e.span, fmt::format(fmt::runtime(t("listan innehåller {}, men värdet är {}", "the list holds {}, but the value is {}")),
                                          type_name(k), type_name(v.kind)));
                break;
            }
            if (v.kind == TypeKind::Enum && v.enum_values && i < n.items.size()) {
                Expr tmp;
                tmp.span = e.span;
                tmp.node = n.items[i];
                enum_member(v, tmp);
            }
        }
        return {TypeKind::Bool};
    }

    // `if c then a else b`: both branches of one type (texts and enumerations mix as texts), never a list.
    Type conditional(const Expr& e, const Conditional& n, int scope) {
        expect(*n.cond, TypeKind::Bool, scope, "if");
        Type a = expr(*n.then_, scope);
        Type b = expr(*n.else_, scope);
        if (a.kind == TypeKind::Error || b.kind == TypeKind::Error) return {};
        if (a.kind == TypeKind::List || b.kind == TypeKind::List) {
            error("AK0273", e.span, t("'if' kan inte ge en lista", "'if' cannot give a list"));
            return {};
        }
        if (!comparable(a.kind, b.kind)) {
            error("AK0272", e.span, fmt::format(fmt::runtime(t("grenarna i 'if' har olika typer: {} efter 'then' och {} efter 'else'",
                                                               "the branches of 'if' differ in type: {} after 'then' and {} after 'else'")),
                                                type_name(a.kind), type_name(b.kind)));
            return {};
        }
        if (a.kind == b.kind && (a.kind != TypeKind::Enum || a.enum_values == b.enum_values)) return a;
        return {TypeKind::String};
    }

    Type call(const Expr& e, const Call& n, int scope) {
        switch (n.func) {
            case Func::Min:
            case Func::Max: {
                std::vector<Type> types;
                for (const auto& a : n.args) types.push_back(expr(*a, scope));
                for (const Type& ty : types)
                    if (ty.kind == TypeKind::Error) return {};
                const TypeKind k = types.front().kind;
                const bool same = std::all_of(types.begin(), types.end(), [&](const Type& ty) { return ty.kind == k; });
                if (!same || (k != TypeKind::Int && k != TypeKind::Date)) {
                    std::string got;
                    for (const Type& ty : types) got += (got.empty() ? "" : ", ") + std::string(type_name(ty.kind));
                    error("AK0274", e.span, fmt::format(fmt::runtime(t("'{}' tar bara datum eller bara heltal, men fick {}",
                                                                       "'{}' takes only dates or only integers, but got {}")),
                                                        n.func == Func::Min ? "min" : "max", got));
                    return {};
                }
                return {k};
            }
            case Func::Size: {
                Type a = expr(*n.args.front(), scope);
                if (a.kind != TypeKind::List && a.kind != TypeKind::Error)
                    error("AK0275", e.span, fmt::format(fmt::runtime(t("'size' tar en lista, men värdet är {}", "'size' takes a list, but the value is {}")),
                                                        type_name(a.kind)));
                return {TypeKind::Int};
            }
            case Func::Age: break;
        }
        expect(*n.args.front(), TypeKind::Date, scope, "age at");
        const int slot = pack_.schema.case_attr("born");
        const auto* spec = slot == kNoSlot ? nullptr : &pack_.schema.case_attrs()[static_cast<size_t>(slot)];
        if (!spec || (spec->type != AttrType::Integer && spec->type != AttrType::Date)) {
            error("AK0276", e.span, t("'age at' läser ärendeattributet 'born', men vokabulären har inget 'born' av typen integer (födelseår) eller date (födelsedatum)",
                                      "'age at' reads the case attribute 'born', but the vocabulary has no 'born' of type integer (birth year) or date (birth date)"),
                  t("deklarera t.ex. 'case born: integer' under vocabulary", "declare e.g. 'case born: integer' under vocabulary"));
            return {};
        }
        pack_.names[&e] = Resolution{NameKind::CaseAttr, slot, -1};
        return {TypeKind::Int};
    }

    Type expr(const Expr& e, int scope) {
        const bool calendar_ok = std::exchange(calendar_ok_, false);
        return record(e, calendar_unit(e, expr_node(e, scope), calendar_ok));
    }

    Type expr_node(const Expr& e, int scope) {
        return record(e, std::visit(
                             [&](const auto& n) -> Type {
                                 using N = std::decay_t<decltype(n)>;
                                 if constexpr (std::is_same_v<N, Literal>) {
                                     return {literal_type(n)};
                                 } else if constexpr (std::is_same_v<N, NameRef>) {
                                     return name(e, n, scope);
                                 } else if constexpr (std::is_same_v<N, Query>) {
                                     return query(e, n);
                                 } else if constexpr (std::is_same_v<N, Not>) {
                                     expect(*n.operand, TypeKind::Bool, scope, "not");
                                     return {TypeKind::Bool};
                                 } else if constexpr (std::is_same_v<N, Binary>) {
                                     return binary(e, n, scope);
                                 } else if constexpr (std::is_same_v<N, InList>) {
                                     return in_list(e, n, scope);
                                 } else if constexpr (std::is_same_v<N, Conditional>) {
                                     return conditional(e, n, scope);
                                 } else if constexpr (std::is_same_v<N, Call>) {
                                     return call(e, n, scope);
                                 } else if constexpr (std::is_same_v<N, IsKnown>) {
                                     expr(*n.value, scope);
                                     return {TypeKind::Bool};
                                 } else if constexpr (std::is_same_v<N, BoundAttr>) {
                                     return bound_attr(e, n);
                                 } else if constexpr (std::is_same_v<N, Quantifier>) {
                                     return quantifier(n, scope);
                                 } else if constexpr (std::is_same_v<N, Today>) {
                                     return {TypeKind::Date};
                                 } else if constexpr (std::is_same_v<N, ProcessStep>) {
                                     return step_state(e, n);
                                 } else {
                                     const std::vector<std::string> names = process_names();
                                     if (std::find(names.begin(), names.end(), n.process) != names.end()) return {TypeKind::Bool};
                                     return unknown_process(e, n.process);
                                 }
                             },
                             e.node));
    }
};

}  // namespace

namespace {

// The same unknown name used in several places is one mistake (often in the
// vocabulary, or a name misspelt the same way throughout): it is said once,
// at its first use, with the other places listed, instead of once per use.
void collapse_repeated_names(Diagnostics& diags, size_t from, Lang lang) {
    // Unknown event type, name, attribute, process. Written apart: each code
    // stays written once, where it is raised (tests/test_diagnostic_codes.cpp).
    static const std::set<std::string> kNameErrors = {"AK" "0244", "AK" "0246", "AK" "0247", "AK" "0251"};
    std::vector<Diagnostic> kept;
    std::map<std::pair<std::string, std::string>, std::pair<size_t, std::vector<std::string>>> first;  // (code, message)
    for (size_t i = from; i < diags.items.size(); ++i) {
        Diagnostic& d = diags.items[i];
        if (kNameErrors.count(d.code)) {
            auto [it, inserted] = first.try_emplace({d.code, d.message}, kept.size(), std::vector<std::string>{});
            if (!inserted) {
                it->second.second.push_back(fmt::format("{}:{}", d.pos.file, d.pos.line));
                continue;
            }
        }
        kept.push_back(std::move(d));
    }
    for (const auto& [key, at] : first) {
        if (at.second.empty()) continue;
        std::string places;
        for (const auto& p : at.second) places += (places.empty() ? "" : ", ") + p;
        std::string& hint = kept[at.first].hint;
        hint += hint.empty() ? fmt::format(fmt::runtime(tr(lang, "samma fel även på {}", "the same error also at {}")), places)
                             : fmt::format(fmt::runtime(tr(lang, " Samma fel även på {}", " The same error also at {}")), places);
    }
    diags.items.resize(from);
    for (auto& d : kept) diags.items.push_back(std::move(d));
}

}  // namespace

std::unique_ptr<CheckedPack> load_pack(const std::vector<std::string>& paths, const std::vector<CommandLineParam>& overrides,
                                       Diagnostics& diags, SourceMap& sources, Lang lang) {
    auto pack = std::make_unique<CheckedPack>();
    Checker checker(*pack, diags, sources, lang);
    std::vector<std::string> stack;
    std::error_code ec;
    if (!paths.empty()) stack.push_back(fs::weakly_canonical(paths.front(), ec).string());
    if (!checker.load(paths, stack)) return nullptr;
    const size_t before = diags.items.size();
    checker.check(overrides);
    collapse_repeated_names(diags, before, lang);
    if (diags.has_errors()) return nullptr;
    return pack;
}

}  // namespace aktkoll::dsl
