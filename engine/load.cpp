#include "engine/load.hpp"

#include <fmt/core.h>

#include "engine/compile.hpp"

namespace aktkoll {

namespace {

std::string literal_text(const dsl::Literal& l) {
    return std::visit(
        [](const auto& v) -> std::string {
            using V = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<V, int64_t>) return std::to_string(v);
            else if constexpr (std::is_same_v<V, Date>) return format_date(v);
            else if constexpr (std::is_same_v<V, std::string>) return v;
            else if constexpr (std::is_same_v<V, bool>) return v ? "true" : "false";
            else return "[…]";
        },
        l.value);
}

std::string substitute(const std::string& text, const dsl::CheckedPack& pack) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            size_t close = text.find('}', i);
            if (close != std::string::npos) {
                int p = pack.param_index(text.substr(i + 1, close - i - 1));
                if (p >= 0) {
                    out += literal_text(pack.params[static_cast<size_t>(p)].value);
                    i = close;
                    continue;
                }
            }
        }
        out += text[i];
    }
    return out;
}

}  // namespace

std::optional<RuleSet> load_rule_set(const std::vector<std::string>& paths,
                                     const std::vector<dsl::CommandLineParam>& overrides, dsl::Diagnostics& diags,
                                     dsl::SourceMap& sources, Lang lang) {
    auto pack = dsl::load_pack(paths, overrides, diags, sources, lang);
    if (!pack) return std::nullopt;
    auto compiled = compile(*pack, diags, lang);
    if (!compiled) return std::nullopt;

    RuleSet rs;
    auto layer_name = [&](int l) {
        return l < static_cast<int>(pack->layers.size()) ? pack->layers[static_cast<size_t>(l)].name
                                                         : std::string(tr(lang, "kommandoraden", "command line"));
    };
    const auto& top = pack->layers.back();
    rs.pack_name = top.name;
    rs.pack_version = top.version;
    rs.pack_title = top.title;
    rs.template_name = pack->template_name;
    rs.template_title = pack->template_title;
    for (const auto& l : pack->layers) {
        LayerInfo info{l.name, l.version, l.dir, {}};
        for (const auto& f : l.files) info.files.emplace_back(f.path, sha256_file(f.path));
        rs.layers.push_back(std::move(info));
    }
    rs.schema = pack->schema;
    for (const auto& r : pack->rules) {
        RuleInfo info;
        info.id = r.id;
        info.layer = layer_name(r.layer);
        info.disabled = r.disabled;
        if (r.disabled) info.disabled_by = layer_name(r.disabled_by);
        info.disabled_reason = r.disabled_reason;
        for (const auto* v : r.versions) {
            RuleVersionInfo vi;
            vi.question = v->question ? v->question->text : "";
            for (const auto& c : v->cites) vi.cites.push_back(c.text);
            vi.severity = static_cast<RuleSeverity>(v->severity.value_or(dsl::RuleSeverity::Medium));
            vi.valid_from = v->valid_from;
            vi.valid_until = v->valid_until;
            vi.explain = v->explain ? substitute(v->explain->text, *pack) : "";
            vi.file = fmt::format("{}:{}", v->span.pos.file, v->span.pos.line);
            info.versions.push_back(std::move(vi));
        }
        rs.rules.push_back(std::move(info));
    }
    for (const auto& q : pack->questions) {
        QuestionInfo info{q.decl->number, q.decl->text.text, q.rules, layer_name(q.layer), {}, {}, q.replaced_rules};
        if (q.replaced_by) {
            info.replaced_by = layer_name(q.replaced_layer);
            info.replace_reason = q.replaced_by->replace_reason->text;
        }
        rs.questions.push_back(std::move(info));
    }
    for (const auto& p : pack->params)
        rs.params.push_back(ParamInfo{p.decl->name, literal_text(p.value),
                                      p.decl->description ? p.decl->description->text : "", layer_name(p.value_layer),
                                      p.reason});
    for (const auto& p : pack->processes) {
        ProcessInfo info{p.decl->name, {}};
        for (const auto& s : p.steps) {
            StepInfo si{s.decl->name, s.decl->event_type, s.after, std::nullopt, {}, layer_name(s.layer), {}, s.within_reason};
            if (s.within_of >= 0) si.deadline_of = s.within_of;
            if (s.within_layer >= 0) si.deadline_layer = layer_name(s.within_layer);
            for (const auto* c : s.cites) si.cites.push_back(c->text);
            info.steps.push_back(std::move(si));
        }
        rs.processes.push_back(std::move(info));
    }
    rs.compiled = std::move(compiled);
    rs.source = std::move(pack);
    return rs;
}

}  // namespace aktkoll
