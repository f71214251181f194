// The check report written as the cases come: up to Options::large_above
// cases are held and written as write_check writes them; past that, each
// case is rendered at once into its format's per-case parts (in unlinked
// temporary files) and the report is framed around them at the end, so
// memory does not depend on the number of cases.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <stdexcept>

#include "report/detail.hpp"

namespace aktkoll::report {

namespace detail {

Spool::Spool() : file_(std::tmpfile()) {
    if (!file_) throw std::runtime_error(std::string("cannot create a temporary file: ") + std::strerror(errno));
}

Spool::~Spool() { std::fclose(file_); }

void Spool::write(std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
        throw std::runtime_error(std::string("cannot write a temporary file: ") + std::strerror(errno));
    bytes_ += bytes.size();
}

void Spool::copy_to(std::ostream& out) const {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)
        throw std::runtime_error("cannot read back a temporary file");
    std::string buffer(1 << 20, '\0');
    uint64_t left = bytes_;
    while (left > 0) {
        const size_t n = std::fread(buffer.data(), 1, std::min<uint64_t>(buffer.size(), left), file_);
        if (n == 0) throw std::runtime_error("cannot read back a temporary file");
        out.write(buffer.data(), static_cast<std::streamsize>(n));
        left -= n;
    }
    std::fseek(file_, 0, SEEK_END);
}

}  // namespace detail

using namespace detail;

void StepTally::add(const RuleSet& rules, const CaseResult& c) {
    if (counts.size() != rules.processes.size()) {
        counts.resize(rules.processes.size());
        for (size_t p = 0; p < counts.size(); ++p) counts[p].resize(rules.processes[p].steps.size());
    }
    for (size_t p = 0; p < c.processes.size() && p < counts.size(); ++p)
        for (size_t s = 0; s < c.processes[p].size() && s < counts[p].size(); ++s) {
            const StepResult& r = c.processes[p][s];
            ++counts[p][s][static_cast<size_t>(r.status)];
            if (r.status == StepStatus::Missing && r.root_cause < 0) ++counts[p][s][kRootCause];
        }
}


struct CheckReport::Impl {
    const RuleSet& rules;
    Options opt;
    std::vector<CaseResult> held;  // until there are more than opt.large_above
    std::unique_ptr<Spooled> spooled;
    StepTally steps;
    uint64_t cases = 0;
    std::ostringstream scratch;
    std::optional<JsonCaseWriter> json_case;  // json: from the first spooled case
    std::string json_line;

    bool readable() const { return opt.format == Format::Terminal || opt.format == Format::Markdown || opt.format == Format::Html; }

    void go_large() {
        spooled = std::make_unique<Spooled>();
        spooled->per_case = !readable() || opt.all_cases;
        if (opt.format == Format::Terminal) {
            // Column widths from the cases held: a later longer id just makes its line longer.
            const auto header = case_row_header(rules, opt.lang);
            for (const std::string& h : header) spooled->widths.push_back(display_width(h));
            for (const CaseResult& c : held) {
                const auto row = case_row(rules, c, opt.lang);
                for (size_t i = 0; i < row.size() && i < spooled->widths.size(); ++i)
                    spooled->widths[i] = std::max(spooled->widths[i], display_width(row[i].text));
            }
        }
        for (const CaseResult& c : held) spool(c);
        held.clear();
        held.shrink_to_fit();
    }

    void spool(const CaseResult& c) {
        Spooled& s = *spooled;
        ++s.cases;
        if (!s.per_case) return;
        if (opt.format == Format::Json) {
            if (!json_case) json_case.emplace(rules);
            json_line.assign(s.cases > 1 ? ",\n    " : "\n    ");
            json_case->write(json_line, c);
            s.rows.write(json_line);
            return;
        }
        scratch.str("");
        switch (opt.format) {
            case Format::Terminal:
                render_terminal_row(scratch, case_row(rules, c, opt.lang), s.widths, case_row_align(rules), opt.color);
                break;
            case Format::Markdown: render_markdown_row(scratch, case_row(rules, c, opt.lang)); break;
            case Format::Csv: render_csv_row(scratch, case_row(rules, c, opt.lang)); break;
            case Format::Html: render_html_row(scratch, case_row(rules, c, opt.lang), case_row_align(rules)); break;
            case Format::Json: break;  // above
            case Format::Xlsx: throw std::invalid_argument("the xlsx report is written to a path: use write_check_xlsx");
        }
        s.rows.write(scratch.view());
        if (!opt.findings || opt.format == Format::Csv || opt.format == Format::Json) return;
        scratch.str("");
        const bool any = opt.format == Format::Html ? write_html_case(scratch, rules, c, opt.lang)
                                                    : write_text_case(scratch, rules, c, opt);
        s.any_findings = s.any_findings || any;
        if (any) s.findings.write(scratch.view());
    }
};

CheckReport::CheckReport(const RuleSet& rules, const Options& opt) : impl_(new Impl{rules, opt, {}, {}, {}, 0, {}, {}, {}}) {}
CheckReport::~CheckReport() = default;

void CheckReport::add(const CaseResult& c) {
    Impl& m = *impl_;
    ++m.cases;
    m.steps.add(m.rules, c);
    if (m.opt.format == Format::Xlsx) return;  // the workbook is written from the caller's cases
    if (!m.spooled) {
        if (m.held.size() < m.opt.large_above) {
            m.held.push_back(c);
            return;
        }
        m.go_large();
    }
    m.spool(c);
}

uint64_t CheckReport::cases() const { return impl_->cases; }
bool CheckReport::large() const { return impl_->spooled != nullptr; }
const StepTally& CheckReport::steps() const { return impl_->steps; }

namespace {

// CSV of a large report: cases as rows (a spreadsheet has far more rows than
// columns), then the totals rows.
void write_large_csv(std::ostream& out, const RuleSet& rules, const AuditTable& table, const Spooled& s, Lang lang) {
    static const std::vector<CaseResult> kNoCases;
    const AuditGrid totals = audit_grid(rules, kNoCases, table, lang, true, 0);
    out << "\xEF\xBB\xBF";
    std::vector<Cell> header;
    for (const std::string& h : totals.grid.header) header.push_back({h});
    render_csv_row(out, header);
    s.rows.copy_to(out);
    for (const auto& row : totals.grid.rows) render_csv_row(out, row);
}

}  // namespace

void CheckReport::write(std::ostream& out, const Totals& totals, const RunInfo& run, const Options& opt) const {
    const Impl& m = *impl_;
    if (!m.spooled) {
        write_check(out, m.rules, m.held, totals, run, opt);
        return;
    }
    if (totals.cases != m.cases)
        throw std::logic_error("report: totals over " + std::to_string(totals.cases) + " cases, report over " + std::to_string(m.cases));
    static const std::vector<CaseResult> kNoCases;
    const AuditTable table = totals_table(m.rules, totals);
    if (opt.format == Format::Csv) {
        write_large_csv(out, m.rules, table, *m.spooled, opt.lang);
        return;
    }
    Document d{m.rules, kNoCases, table, run, opt, false, &m.steps, m.spooled.get()};
    switch (opt.format) {
        case Format::Terminal:
        case Format::Markdown: write_text(out, d); return;
        case Format::Json: write_json(out, d); return;
        case Format::Html: write_html(out, d); return;
        case Format::Csv:
        case Format::Xlsx: throw std::invalid_argument("the xlsx report is written to a path: use write_check_xlsx");
    }
}

}  // namespace aktkoll::report
