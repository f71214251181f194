#include "report/doc.hpp"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "dsl/checker.hpp"
#include "dsl/format.hpp"
#include "report/detail.hpp"
#include "report/prose.hpp"

namespace aktkoll::report {

namespace {

// ---- two renderings of one document ------------------------------------------

// A bullet: a bold label, text, and optionally a condition in words whose
// lists become nested bullets.
struct Field {
    std::string label, text;
    std::optional<Prose> prose;
};

class Sink {
public:
    virtual ~Sink() = default;
    virtual void begin(const std::string& title) = 0;
    virtual void end() = 0;
    virtual void heading(int level, const std::string& text) = 0;
    virtual void para(const std::string& text, bool strong = false) = 0;
    virtual void fields(const std::vector<Field>& items) = 0;
    virtual void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) = 0;
};

class MarkdownSink : public Sink {
public:
    MarkdownSink(std::ostream& out, Lang lang) : out_(out), lang_(lang) {}
    void begin(const std::string&) override {}
    void end() override {}
    void heading(int level, const std::string& text) override {
        out_ << std::string(static_cast<size_t>(level), '#') << ' ' << detail::md_escape(text) << "\n\n";
    }
    void para(const std::string& text, bool strong) override {
        out_ << (strong ? "**" : "") << detail::md_escape(text) << (strong ? "**" : "") << "\n\n";
    }
    void fields(const std::vector<Field>& items) override {
        for (const auto& f : items) {
            out_ << "- ";
            if (!f.label.empty()) out_ << "**" << detail::md_escape(f.label) << "**";
            std::string text = f.text;
            if (f.prose) text += (text.empty() ? "" : " ") + prose_lead(*f.prose, lang_);
            if (!text.empty()) out_ << (f.label.empty() ? "" : " ") << detail::md_escape(text);
            out_ << '\n';
            if (f.prose) items_of(*f.prose, 1);
        }
        out_ << '\n';
    }
    void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) override {
        detail::Grid g;
        g.header = header;
        g.align.assign(header.size(), detail::Align::Left);
        for (const auto& r : rows) {
            std::vector<detail::Cell> cells;
            for (const auto& t : r) cells.push_back({t, detail::Tone::Plain});
            g.rows.push_back(std::move(cells));
        }
        g.body_rows = g.rows.size();
        detail::render_markdown(out_, g);
        out_ << '\n';
    }

private:
    void items_of(const Prose& p, int depth) {
        for (const auto& item : p.items) {
            out_ << std::string(static_cast<size_t>(depth) * 2, ' ') << "- " << detail::md_escape(prose_lead(item, lang_))
                 << '\n';
            items_of(item, depth + 1);
        }
    }
    std::ostream& out_;
    Lang lang_;
};

constexpr const char* kStyle = R"css(
body{font-family:Georgia,"Times New Roman",serif;margin:2rem auto;max-width:52rem;color:#111;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #999}h3{font-size:1.1rem;margin-top:1.5rem}
h4{font-size:1rem;margin:1.2rem 0 .3rem}
ul{margin:.2rem 0 .8rem;padding-left:1.4rem}li{margin:.15rem 0}
table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.2rem .45rem;vertical-align:top;text-align:left}th{background:#eee}
p.strong{font-weight:bold;margin-bottom:.2rem}
@page{size:A4;margin:18mm}
@media print{body{margin:0;max-width:none;font-size:10pt}h2,h3,h4{break-after:avoid;page-break-after:avoid}
li,tr{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}}
)css";

class HtmlSink : public Sink {
public:
    HtmlSink(std::ostream& out, Lang lang) : out_(out), lang_(lang) {}
    void begin(const std::string& title) override {
        out_ << "<!DOCTYPE html>\n<html lang=\"" << (lang_ == Lang::Sv ? "sv" : "en")
             << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << h(title) << "</title>\n<style>" << kStyle
             << "</style>\n</head>\n<body>\n";
    }
    void end() override { out_ << "</body>\n</html>\n"; }
    void heading(int level, const std::string& text) override {
        out_ << "<h" << level << '>' << h(text) << "</h" << level << ">\n";
    }
    void para(const std::string& text, bool strong) override {
        out_ << (strong ? "<p class=\"strong\">" : "<p>") << h(text) << "</p>\n";
    }
    void fields(const std::vector<Field>& items) override {
        out_ << "<ul>\n";
        for (const auto& f : items) {
            out_ << "<li>";
            if (!f.label.empty()) out_ << "<b>" << h(f.label) << "</b>";
            std::string text = f.text;
            if (f.prose) text += (text.empty() ? "" : " ") + prose_lead(*f.prose, lang_);
            if (!text.empty()) out_ << (f.label.empty() ? "" : " ") << h(text);
            if (f.prose) items_of(*f.prose);
            out_ << "</li>\n";
        }
        out_ << "</ul>\n";
    }
    void table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) override {
        out_ << "<table>\n<thead><tr>";
        for (const auto& t : header) out_ << "<th scope=\"col\">" << h(t) << "</th>";
        out_ << "</tr></thead>\n<tbody>\n";
        for (const auto& r : rows) {
            out_ << "<tr>";
            for (const auto& t : r) out_ << "<td>" << h(t) << "</td>";
            out_ << "</tr>\n";
        }
        out_ << "</tbody>\n</table>\n";
    }

private:
    static std::string h(std::string_view s) { return detail::html_escape(s); }
    void items_of(const Prose& p) {
        if (p.items.empty()) return;
        out_ << "<ul>";
        for (const auto& item : p.items) {
            out_ << "<li>" << h(prose_lead(item, lang_));
            items_of(item);
            out_ << "</li>";
        }
        out_ << "</ul>";
    }
    std::ostream& out_;
    Lang lang_;
};

// ---- the document ---------------------------------------------------------------

class DocWriter {
public:
    DocWriter(Sink& sink, const RuleSet& rules, const std::vector<PackTest>& examples, const DocOptions& opt)
        : s_(sink), rules_(rules), pack_(*rules.source), examples_(examples), lang_(opt.lang), opt_(opt) {}

    void write() {
        const std::string title = fmt::format(fmt::runtime(t("Regelpaket {} {}", "Rule pack {} {}")), rules_.pack_name,
                                              rules_.pack_version);
        s_.begin(title);
        s_.heading(1, title);
        if (!rules_.pack_title.empty()) s_.para(rules_.pack_title, true);
        s_.para(fmt::format(
            fmt::runtime(t("Genererat av aktkoll {} ur reglernas syntaxträd: villkoren nedan är beräknade ur samma "
                           "regler som granskningen kör och kan inte avvika från dem.",
                           "Generated by aktkoll {} from the rules' syntax trees: the conditions below are computed "
                           "from the same rules the check runs and cannot drift from them.")),
            opt_.aktkoll_version));
        layer_changes();
        legend();
        layers();
        if (rules_.layers.size() > 1 && adds_rules_or_questions()) own_layer();
        questions();
        rules_outside_template();
        disabled_rules();
        params();
        for (size_t p = 0; p < rules_.processes.size(); ++p) process(p);
        s_.end();
    }

private:
    const char* t(const char* sv, const char* en) const { return tr(lang_, sv, en); }
    std::string f(const char* sv, const char* en, const std::string& a) const {
        return fmt::format(fmt::runtime(t(sv, en)), a);
    }

    void legend() {
        s_.heading(2, t("Så läses dokumentet", "How to read this document"));
        auto label = [&](Outcome o) { return std::string(outcome_label(o, lang_)); };
        s_.fields({
            {label(Outcome::Ja), t("när regeln gäller och kravet är uppfyllt.", "when the rule applies and the requirement is met."), {}},
            {label(Outcome::Nej), t("när regeln gäller och kravet inte är uppfyllt.", "when the rule applies and the requirement is not met."), {}},
            {label(Outcome::Et), t("(ej tillämpligt) när villkoret för när regeln gäller inte är uppfyllt.",
                                   "(not applicable) when the condition for when the rule applies is not met."), {}},
            {label(Outcome::EB), t("(ej bedömningsbart) när svaret beror på ett okänt värde: olika ifyllnader av det okända ger olika svar; aktkoll gissar aldrig.",
                                   "(not assessable) when the answer depends on an unknown value: filling it in differently gives different answers; aktkoll never guesses."), {}},
        });
    }

    // What each local layer changes in the packs it builds on, before anything
    // else: an amendment is never silent.
    void layer_changes() {
        for (size_t l = 1; l < pack_.layers.size(); ++l) {
            std::vector<std::vector<std::string>> rows = changes_of(static_cast<int>(l));
            s_.heading(2, f("Ändringar i lagret {}", "Changes made by the layer {}", pack_.layers[l].name));
            if (rows.empty()) {
                s_.para(t("Inga ändringar.", "No changes."));
                continue;
            }
            s_.table({t("Ändring", "Change"), t("Vad", "What"), t("Skäl eller innehåll", "Reason or content")}, rows);
        }
    }

    std::vector<std::vector<std::string>> changes_of(int l) const {
        std::vector<std::vector<std::string>> rows;
        const Schema& schema = pack_.schema;
        for (size_t i = 0; i < pack_.event_type_layers.size(); ++i)
            if (pack_.event_type_layers[i] == l) rows.push_back({t("ny händelsetyp", "new event type"), schema.event_types()[i].name, ""});
        for (size_t i = 0; i < pack_.case_attr_layers.size(); ++i)
            if (pack_.case_attr_layers[i] == l) rows.push_back({t("nytt ärendeattribut", "new case attribute"), schema.case_attrs()[i].name, ""});
        for (const auto& a : pack_.added_attrs)
            if (a.layer == l)
                rows.push_back({t("nytt attribut på en händelsetyp", "new attribute of an event type"),
                                schema.event_types()[static_cast<size_t>(a.event_type)].name + "." + a.decl->name, ""});
        for (size_t i = 0; i < pack_.params.size(); ++i) {
            const auto& p = pack_.params[i];
            if (p.layer == l) rows.push_back({t("ny parameter", "new parameter"), p.decl->name + " = " + rules_.params[i].value, ""});
            else if (p.value_layer == l)
                rows.push_back({t("parameter ändrad", "parameter overridden"), p.decl->name + " = " + rules_.params[i].value, p.reason});
        }
        for (const auto& r : pack_.rules) {
            if (r.layer == l) rows.push_back({t("ny regel", "new rule"), r.id, ""});
            if (r.disabled_by == l) rows.push_back({t("regel avstängd", "rule switched off"), r.id, r.disabled_reason});
        }
        for (size_t i = 0; i < pack_.questions.size(); ++i) {
            const auto& q = pack_.questions[i];
            if (q.layer == l) rows.push_back({t("ny fråga", "new question"), q.decl->number, q.decl->text.text});
            if (q.replaced_layer == l)
                rows.push_back({t("fråga besvaras av lagret", "question answered by the layer"), q.decl->number,
                                detail::replaced_note(rules_.questions[i], rules_, lang_)});
        }
        for (size_t p = 0; p < pack_.processes.size(); ++p)
            for (size_t s = 0; s < pack_.processes[p].steps.size(); ++s) {
                const auto& st = pack_.processes[p].steps[s];
                const std::string name = rules_.processes[p].name + ": " + st.decl->name;
                if (st.layer == l && pack_.processes[p].layer != l) rows.push_back({t("nytt processteg", "new process step"), name, ""});
                if (st.within_layer == l)
                    rows.push_back({st.within_reason.empty() ? t("tidsgräns tillagd", "deadline added") : t("tidsgräns ändrad", "deadline changed"),
                                    name, st.within_reason.empty() ? deadline_text(st) : deadline_text(st) + " – " + st.within_reason});
            }
        return rows;
    }

    void layers() {
        s_.heading(2, t("Lager och filer", "Layers and files"));
        std::vector<std::vector<std::string>> rows;
        for (const auto& l : rules_.layers)
            for (const auto& [path, sha] : l.files) rows.push_back({l.name + " " + l.version, path, sha});
        s_.table({t("Lager", "Layer"), t("Fil", "File"), "SHA-256"}, rows);
    }

    void questions() {
        if (rules_.questions.empty()) return;
        s_.heading(2, rules_.template_title.empty() ? rules_.template_name : rules_.template_title);
        for (const auto& q : rules_.questions) {
            if (rules_.layers.size() > 1 && q.layer == rules_.layers.back().name)
                s_.para(f("Fråga {}: se ovan, under lagrets egna frågor.", "Question {}: see above, under the layer's own questions.", q.number) +
                        " " + q.text);
            else
                question(q);
        }
    }

    void question(const QuestionInfo& q) {
        s_.heading(3, f("Fråga {}", "Question {}", q.number) + ": " + q.text);
        std::vector<std::string> ids;
        for (int r : q.rules) ids.push_back(rules_.rules[static_cast<size_t>(r)].id);
        std::string by = f("Besvaras av {}", "Answered by {}", detail::join(ids, ", ")) + ".";
        if (ids.size() > 1)
            by += t(" Svaret är Nej om någon regel säger Nej, annars EB om någon säger EB, annars Ja om någon säger Ja, annars Et.",
                    " The answer is No if any rule says No, else NA if any says NA, else Yes if any says Yes, else N/A.");
        if (q.layer != rules_.layers.front().name) by += " " + f("Frågan kommer från {}.", "The question comes from {}.", q.layer);
        if (!q.replaced_by.empty()) {  // "Besvaras av LOK-VP-1 (ragunda) i stället för VP-1: skäl."
            std::string note = detail::replaced_note(q, rules_, lang_);
            by = std::string(t("B", "A")) + note.substr(1) + ".";
        }
        s_.para(by);
        for (int r : q.rules) {
            const size_t i = static_cast<size_t>(r);
            if (shown_[i]) {
                s_.para(f("Regel {}: se ovan.", "Rule {}: see above.", rules_.rules[i].id));
                continue;
            }
            rule(i, &q);
        }
    }

    void rules_outside_template() {
        auto by_rule = detail::questions_by_rule(rules_);
        std::vector<size_t> outside;
        for (size_t i = 0; i < rules_.rules.size(); ++i)
            if (by_rule[i].empty() && !shown_[i]) outside.push_back(i);
        if (outside.empty()) return;
        s_.heading(2, t("Regler som inte besvarar någon fråga i mallen", "Rules that answer no question of the template"));
        for (size_t i : outside) rule(i, nullptr);
    }

    bool adds_rules_or_questions() const {
        const std::string& top = rules_.layers.back().name;
        return std::any_of(rules_.questions.begin(), rules_.questions.end(), [&](const auto& q) { return q.layer == top; }) ||
               std::any_of(rules_.rules.begin(), rules_.rules.end(), [&](const auto& r) { return r.layer == top; });
    }

    // A layer's own work first: the questions and rules it adds (what it
    // changes in the packs it builds on is the table at the top). The whole
    // pack follows.
    void own_layer() {
        const std::string& top = rules_.layers.back().name;
        s_.heading(2, f("Lagret {}: egna frågor och regler", "The layer {}: its own questions and rules", top));
        s_.para(fmt::format(fmt::runtime(t("{} bygger på {}. Här står de frågor och regler som lagret självt lägger till; "
                                           "vad det ändrar i paketen det bygger på står i tabellen över lagrets ändringar. "
                                           "Därefter följer hela regelpaketet som det granskar.",
                                           "{} builds on {}. This part shows the questions and rules the layer itself adds; "
                                           "what it changes in the packs it builds on is in the table of the layer's changes. "
                                           "The whole rule pack as it checks follows.")),
                            top, rules_.layers[rules_.layers.size() - 2].name));
        for (const auto& q : rules_.questions)
            if (q.layer == top) question(q);
        for (size_t i = 0; i < rules_.rules.size(); ++i)
            if (rules_.rules[i].layer == top && !shown_[i]) rule(i, nullptr);
        s_.heading(2, f("Paketet som lagret bygger på: {}", "The pack the layer builds on: {}",
                        rules_.layers[rules_.layers.size() - 2].name));
    }

    void rule(size_t i, const QuestionInfo* q) {
        shown_[i] = true;
        const RuleInfo& info = rules_.rules[i];
        const dsl::CheckedRule& checked = pack_.rules[i];
        s_.heading(4, f("Regel {}", "Rule {}", info.id));
        std::string from = f("Definierad i {}.", "Defined in {}.", info.layer);
        if (info.disabled)
            from += " " + fmt::format(fmt::runtime(t("AVSTÄNGD av {}: {}", "SWITCHED OFF by {}: {}")), info.disabled_by,
                                      info.disabled_reason);
        s_.para(from);
        for (size_t v = 0; v < info.versions.size(); ++v) version(info, v, *checked.versions[v], q);
        examples(info.id);
    }

    void version(const RuleInfo& info, size_t v, const dsl::RuleDecl& decl, const QuestionInfo* q) {
        const RuleVersionInfo& vi = info.versions[v];
        const std::string period = vi.valid_from || vi.valid_until
                                       ? f("gäller {}", "in force {}", detail::period_text(vi, lang_))
                                       : t("gäller utan tidsgräns", "in force without time limit");
        if (info.versions.size() > 1)
            s_.para(fmt::format(fmt::runtime(t("Version {} ({})", "Version {} ({})")), v + 1, period), true);
        std::vector<Field> out;
        for (auto& paragraph : comment_paragraphs(decl.span.pos))
            out.push_back({t("Kommentar i regelfilen:", "Comment in the rule file:"), std::move(paragraph), {}});
        if (!q || vi.question != q->text) out.push_back({t("Kontrollfråga:", "Control question:"), vi.question, {}});
        for (const auto& c : vi.cites) out.push_back({t("Lagrum:", "Citation:"), c + " (" + period + ")", {}});
        out.push_back({t("Allvarlighetsgrad:", "Severity:"), severity_label(vi.severity, lang_), {}});
        if (decl.judged_on)
            out.push_back({t("Lagversionen väljs efter:", "The version of law is chosen by:"),
                           value_prose(*decl.judged_on, &pack_, lang_), {}});
        if (decl.applies_when)
            out.push_back({t("Gäller när:", "Applies when:"), "", prose_of(*decl.applies_when, &pack_, lang_)});
        else
            out.push_back({t("Gäller när:", "Applies when:"), t("alltid.", "always."), {}});
        if (decl.requirement)
            out.push_back({t("Kräver:", "Requires:"), "", prose_of(*decl.requirement, &pack_, lang_)});
        if (not_in_force(decl)) {
            out.push_back({outcome_label(Outcome::Et, lang_),
                           t("alltid: skyldigheten gällde inte under den här versionens period.",
                             "always: the duty was not in force in this version's period."), {}});
            out.push_back({outcome_label(Outcome::EB, lang_), t("aldrig.", "never."), {}});
            if (!vi.explain.empty()) out.push_back({t("Förklaring:", "Explanation:"), vi.explain, {}});
            out.push_back({t("Källa:", "Source:"), vi.file, {}});
            s_.fields(out);
            return;
        }
        if (decl.applies_when)
            out.push_back({outcome_label(Outcome::Et, lang_), t("när inte:", "when not:"), prose_of(*decl.applies_when, &pack_, lang_)});
        else
            out.push_back({outcome_label(Outcome::Et, lang_), t("aldrig: regeln gäller i alla ärenden.", "never: the rule applies to every case."), {}});
        out.push_back({outcome_label(Outcome::EB, lang_), not_assessable(decl), {}});
        if (!vi.explain.empty()) out.push_back({t("Förklaring:", "Explanation:"), vi.explain, {}});
        out.push_back({t("Källa:", "Source:"), vi.file, {}});
        s_.fields(out);
    }

    // The author's comments on a rule as paragraphs: lines joined, an empty
    // `#` line starts a new paragraph, a line framed by dashes is a paragraph
    // of its own without them.
    std::vector<std::string> comment_paragraphs(const dsl::SourcePos& at) const {
        std::vector<std::string> lines;
        for (const auto& layer : pack_.layers)
            for (const auto& file : layer.files)
                if (file.path == at.file) lines = dsl::comments_on(file.text, at);
        std::vector<std::string> out;
        bool open = false;
        for (auto line : lines) {
            const bool ruler = line.starts_with("--");  // `# --- UTR-1: … ----`: a heading of its own
            const size_t from = line.find_first_not_of("- "), to = line.find_last_not_of("- ");
            line = from == std::string::npos ? "" : line.substr(from, to - from + 1);
            if (line.empty()) {
                open = false;
                continue;
            }
            if (open && !ruler) out.back() += " " + line;
            else out.push_back(line);
            open = !ruler;
        }
        return out;
    }

    // `applies when false` alone: a version for the time before the duty existed.
    static bool not_in_force(const dsl::RuleDecl& decl) {
        const auto* lit = decl.applies_when ? std::get_if<dsl::Literal>(&decl.applies_when->node) : nullptr;
        const bool* b = lit ? std::get_if<bool>(&lit->value) : nullptr;
        return b && !*b;
    }

    std::string not_assessable(const dsl::RuleDecl& decl) const {
        auto inputs = unknown_inputs({decl.applies_when.get(), decl.requirement.get()}, &pack_, lang_);
        std::string text;
        if (!inputs.empty())
            text = f("när svaret beror på något av följande och det är okänt (olika ifyllnader ger olika svar): {}",
                     "when the answer depends on any of the following and it is unknown (filling it in differently gives different answers): {}",
                     detail::join(inputs, "; "));
        if (decl.judged_on) {
            std::string judged = f("när regeln gäller men datumet som väljer lagversion ({}) saknas eller inte täcks av någon version",
                                   "when the rule applies but the date that chooses the version of law ({}) is missing or covered by no version",
                                   value_prose(*decl.judged_on, &pack_, lang_));
            text = text.empty() ? judged : text + t(", eller ", ", or ") + judged;
        }
        if (text.empty())
            return t("kan inte uppstå: villkoren läser bara om händelser finns och deras datum, som alltid är kända.",
                     "cannot occur: the conditions read only whether events exist and their dates, which are always known.");
        return text + ".";
    }

    void examples(const std::string& id) {
        std::vector<Field> out;
        for (const auto& e : examples_) {
            auto it = e.expect.find(id);
            if (it == e.expect.end()) continue;
            std::string text = e.name.empty() ? fmt::format("{}:{}", e.file, e.line) : e.name;
            std::string where = f("ärende {}", "case {}", e.case_id);
            for (const auto& p : e.params) where += ", " + p.name + "=" + p.value;
            text += " → " + fmt::format(fmt::runtime(t("väntat utfall {} ({})", "expected outcome {} ({})")),
                                        outcome_label(it->second, lang_), where);
            out.push_back({t("Exempel:", "Example:"), text, {}});
        }
        if (out.empty()) return;
        s_.para(fmt::format(fmt::runtime(t("Exempel ur paketets tester ({})", "Examples from the pack's tests ({})")), out.size()),
                true);
        s_.fields(out);
    }

    void disabled_rules() {
        std::vector<std::vector<std::string>> rows;
        for (const auto& r : rules_.rules)
            if (r.disabled) rows.push_back({r.id, r.layer, r.disabled_by, r.disabled_reason});
        if (rows.empty()) return;
        s_.heading(2, t("Avstängda regler", "Switched-off rules"));
        s_.table({t("Regel", "Rule"), t("Definierad i", "Defined in"), t("Avstängd av", "Switched off by"), t("Skäl", "Reason")},
                 rows);
    }

    void params() {
        if (rules_.params.empty()) return;
        s_.heading(2, t("Parametrar", "Parameters"));
        std::vector<std::vector<std::string>> rows;
        for (size_t i = 0; i < rules_.params.size(); ++i) {
            const ParamInfo& p = rules_.params[i];
            const dsl::CheckedParam& c = pack_.params[i];
            std::string value = literal_text(c.value, lang_);
            std::string base = literal_text(c.decl->value, lang_);
            if (base != value) value += " " + f("(grundvärde {})", "(default {})", base);
            std::string declared = pack_.layers[static_cast<size_t>(c.layer)].name;
            rows.push_back({p.name, value, p.description, declared, p.layer, p.override_reason});
        }
        s_.table({t("Parameter", "Parameter"), t("Värde", "Value"), t("Beskrivning", "Description"),
                  t("Deklarerad i", "Declared in"), t("Värdet kommer från", "Value comes from"),
                  t("Skäl för ändring", "Reason for the override")},
                 rows);
    }

    void process(size_t p) {
        const ProcessInfo& info = rules_.processes[p];
        const dsl::CheckedProcess& checked = pack_.processes[p];
        s_.heading(2, f("Processen {}", "The process {}", info.name));
        s_.para(t("Stegen i ordning. Ett steg är saknat om det krävs men inte är dokumenterat, sent om det är dokumenterat "
                  "efter sin tidsgräns och i fel ordning om det är daterat före ett steg det ska följa.",
                  "The steps in order. A step is missing when required but not documented, late when documented after "
                  "its deadline, and out of order when dated before a step it must follow."));
        for (size_t s = 0; s < info.steps.size(); ++s) step(info, s, checked.steps[s]);
    }

    void step(const ProcessInfo& info, size_t s, const dsl::CheckedStep& checked) {
        const dsl::StepDecl& decl = *checked.decl;
        const StepInfo& st = info.steps[s];
        s_.heading(3, fmt::format(fmt::runtime(t("Steg {}: {}", "Step {}: {}")), s + 1, st.name));
        std::vector<Field> out;
        if (st.layer != rules_.layers.front().name) out.push_back({t("Lager:", "Layer:"), f("steget kommer från {}.", "the step comes from {}.", st.layer), {}});
        std::string event = f("händelsen {}", "the event {}", st.event_type);
        if (decl.where)
            out.push_back({t("Dokumenteras av:", "Documented by:"), event + t(" där", " where"),
                           prose_of(*decl.where, &pack_, lang_)});
        else
            out.push_back({t("Dokumenteras av:", "Documented by:"), event, {}});
        std::vector<std::string> after;
        for (int a : st.after) after.push_back(info.steps[static_cast<size_t>(a)].name);
        out.push_back({t("Efter:", "After:"), after.empty() ? t("inget annat steg", "no other step") : detail::join(after, ", "), {}});
        if (decl.required_when)
            out.push_back({t("Krävs när:", "Required when:"), "", prose_of(*decl.required_when, &pack_, lang_)});
        else
            out.push_back({t("Krävs:", "Required:"), t("alltid", "always"), {}});
        if (checked.within && st.deadline_of) {
            std::string text = fmt::format(fmt::runtime(t("inom {} från steget {}", "within {} of the step {}")),
                                           days_text(*checked.within), info.steps[static_cast<size_t>(*st.deadline_of)].name);
            if (!st.deadline_layer.empty())
                text += " " + (st.deadline_reason.empty()
                                   ? f("(tillagd av {})", "(added by {})", st.deadline_layer)
                                   : fmt::format(fmt::runtime(t("(ändrad av {}: {})", "(changed by {}: {})")), st.deadline_layer,
                                                 st.deadline_reason));
            out.push_back({t("Tidsgräns:", "Deadline:"), text, {}});
        }
        if (checked.within_unless)
            out.push_back({t("Ingen tidsgräns när:", "No deadline when:"), "", prose_of(*checked.within_unless, &pack_, lang_)});
        if (checked.extended_until && checked.extended_when)
            out.push_back({t("Förlängd tidsgräns:", "Extended deadline:"),
                           fmt::format(fmt::runtime(t("senast {}, när följande gäller:", "at the latest {}, when the following holds:")),
                                       value_prose(*checked.extended_until, &pack_, lang_)),
                           prose_of(*checked.extended_when, &pack_, lang_)});
        for (const auto& c : st.cites) out.push_back({t("Lagrum:", "Citation:"), c, {}});
        s_.fields(out);
    }

    // A step's deadline on one line, with the parts that lift or move it:
    // "2 månader, utom när det finns en avslut".
    std::string deadline_text(const dsl::CheckedStep& st) const {
        std::string text = days_text(*st.within);
        if (st.within_unless)
            text += f(", utom när {}", ", except when {}", prose_inline(prose_of(*st.within_unless, &pack_, lang_), lang_));
        if (st.extended_until && st.extended_when)
            text += fmt::format(fmt::runtime(t(", eller senast {} när {}", ", or at the latest {} when {}")),
                                value_prose(*st.extended_until, &pack_, lang_),
                                prose_inline(prose_of(*st.extended_when, &pack_, lang_), lang_));
        return text;
    }

    // "14 dagar (utredning_inom_dagar)": the deadline's number of days.
    std::string days_text(const dsl::Expr& within) const {
        std::string v = value_prose(within, &pack_, lang_);
        if (within.days_unit || within.calendar != dsl::CalendarUnit::None) return v;
        return v + " " + t("dagar", "days");
    }

    Sink& s_;
    const RuleSet& rules_;
    const dsl::CheckedPack& pack_;
    const std::vector<PackTest>& examples_;
    Lang lang_;
    const DocOptions& opt_;
    std::vector<bool> shown_ = std::vector<bool>(rules_.rules.size(), false);  // rules already written out
};

}  // namespace

void write_doc(std::ostream& out, const RuleSet& rules, const std::vector<PackTest>& examples, const DocOptions& opt) {
    if (!rules.source) throw std::logic_error("write_doc: the rule set has no checked pack");
    MarkdownSink md(out, opt.lang);
    HtmlSink html(out, opt.lang);
    Sink& sink = opt.format == DocFormat::Html ? static_cast<Sink&>(html) : static_cast<Sink&>(md);
    DocWriter(sink, rules, examples, opt).write();
}

}  // namespace aktkoll::report
