#include "authoring/diff.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

namespace aktkoll {

namespace {

// Where one item is answered on one side: a question or rule index (-1 when
// the side has none) and whether any rule answering it is switched on.
struct Slot {
    bool question = true;
    int index = -1;
    bool asked = false;
};

// A step on both sides: process and step index on each.
struct StepSlot {
    size_t old_process = 0, old_step = 0, new_process = 0, new_step = 0;
};

struct Plan {
    std::vector<DiffItem> items;
    std::vector<Slot> old_slots, new_slots;  // by item
    std::vector<StepDiff> steps;
    std::vector<StepSlot> step_slots;  // by step
};

bool question_asked(const QuestionInfo& q, const RuleSet& rules) {
    for (int r : q.rules)
        if (!rules.rules[static_cast<size_t>(r)].disabled) return true;
    return false;
}

int question_index(const RuleSet& rules, const std::string& number) {
    for (size_t i = 0; i < rules.questions.size(); ++i)
        if (rules.questions[i].number == number) return static_cast<int>(i);
    return -1;
}

std::vector<bool> in_template(const RuleSet& rules) {
    std::vector<bool> out(rules.rules.size(), false);
    for (const auto& q : rules.questions)
        for (int r : q.rules) out[static_cast<size_t>(r)] = true;
    return out;
}

std::string rule_text(const RuleSet& rules, int i) {
    if (i < 0) return "";
    const auto& versions = rules.rules[static_cast<size_t>(i)].versions;
    return versions.empty() ? "" : versions.back().question;
}

Slot question_slot(const RuleSet& rules, int i) {
    return {true, i, i >= 0 && question_asked(rules.questions[static_cast<size_t>(i)], rules)};
}

Slot rule_slot(const RuleSet& rules, int i) { return {false, i, i >= 0 && !rules.rules[static_cast<size_t>(i)].disabled}; }

DiffPresence presence_of(const Slot& o, const Slot& n) {
    if (o.asked && !n.asked) return DiffPresence::Removed;
    if (!o.asked && n.asked) return DiffPresence::Added;
    return DiffPresence::Both;
}

void add_item(Plan& plan, bool question, std::string key, Slot o, Slot n, std::string text_old, std::string text_new) {
    DiffItem item;
    item.question = question;
    item.key = std::move(key);
    item.text_old = std::move(text_old);
    item.text_new = std::move(text_new);
    item.presence = presence_of(o, n);
    plan.items.push_back(std::move(item));
    plan.old_slots.push_back(o);
    plan.new_slots.push_back(n);
}

// Questions by number (old order, then the new ones), then rules outside
// either template by id (old order, then the new ones).
Plan make_plan(const RuleSet& o, const RuleSet& n) {
    Plan plan;
    for (size_t i = 0; i < o.questions.size(); ++i) {
        const auto& q = o.questions[i];
        int j = question_index(n, q.number);
        add_item(plan, true, q.number, question_slot(o, static_cast<int>(i)), question_slot(n, j), q.text,
                 j >= 0 ? n.questions[static_cast<size_t>(j)].text : "");
    }
    for (size_t j = 0; j < n.questions.size(); ++j) {
        const auto& q = n.questions[j];
        if (question_index(o, q.number) < 0)
            add_item(plan, true, q.number, question_slot(o, -1), question_slot(n, static_cast<int>(j)), "", q.text);
    }
    const auto old_in = in_template(o), new_in = in_template(n);
    std::vector<std::string> ids;
    for (size_t i = 0; i < o.rules.size(); ++i) {
        int j = n.rule_index(o.rules[i].id);
        if (!old_in[i] || (j >= 0 && !new_in[static_cast<size_t>(j)])) ids.push_back(o.rules[i].id);
    }
    for (size_t j = 0; j < n.rules.size(); ++j)
        if (!new_in[j] && o.rule_index(n.rules[j].id) < 0) ids.push_back(n.rules[j].id);
    for (const auto& id : ids) {
        int i = o.rule_index(id), j = n.rule_index(id);
        add_item(plan, false, id, rule_slot(o, i), rule_slot(n, j), rule_text(o, i), rule_text(n, j));
    }
    return plan;
}

// The old processes' steps that the new rules have too (same process and step name).
void plan_steps(Plan& plan, const RuleSet& o, const RuleSet& n) {
    for (size_t p = 0; p < o.processes.size(); ++p) {
        for (size_t q = 0; q < n.processes.size(); ++q) {
            if (n.processes[q].name != o.processes[p].name) continue;
            const auto& old_steps = o.processes[p].steps;
            const auto& new_steps = n.processes[q].steps;
            for (size_t s = 0; s < old_steps.size(); ++s)
                for (size_t t = 0; t < new_steps.size(); ++t)
                    if (new_steps[t].name == old_steps[s].name) {
                        plan.steps.push_back({o.processes[p].name, old_steps[s].name, {}, 0, {}});
                        plan.step_slots.push_back({p, s, q, t});
                    }
        }
    }
}

StepStatus step_state(const CaseResult& c, size_t process, size_t step) {
    if (process >= c.processes.size() || step >= c.processes[process].size()) return StepStatus::NotRequired;
    return c.processes[process][step].status;
}

DiffOutcome answer(const RuleSet& rules, const Slot& s, const CaseResult& c) {
    if (!s.asked) return DiffOutcome::Off;
    if (s.question)
        return static_cast<DiffOutcome>(question_outcome(rules.questions[static_cast<size_t>(s.index)], rules, c));
    const RuleResult& r = c.rules[static_cast<size_t>(s.index)];
    return r.reason == OutcomeReason::Disabled ? DiffOutcome::Off : static_cast<DiffOutcome>(r.outcome);
}

// One case as the old rules answered it, waiting for the new rules' answer.
struct OldAnswers {
    uint32_t file = 0;
    uint64_t line = 0;
    std::vector<DiffOutcome> answers;  // by item
    std::vector<StepStatus> steps;     // by planned step
};

// Bounded hand-over from the old side's pipeline thread to the new side's.
class Channel {
public:
    explicit Channel(size_t capacity) : capacity_(capacity) {}
    void put(OldAnswers a) {
        std::unique_lock lock(m_);
        space_.wait(lock, [&] { return q_.size() < capacity_ || abandoned_; });
        if (abandoned_) return;
        q_.push_back(std::move(a));
        ready_.notify_one();
    }
    std::optional<OldAnswers> get() {
        std::unique_lock lock(m_);
        ready_.wait(lock, [&] { return !q_.empty() || closed_; });
        if (q_.empty()) return std::nullopt;
        OldAnswers a = std::move(q_.front());
        q_.pop_front();
        space_.notify_one();
        return a;
    }
    void close() {
        std::lock_guard lock(m_);
        closed_ = true;
        ready_.notify_all();
    }
    void abandon() {  // the consumer stops: the producer discards the rest
        std::lock_guard lock(m_);
        abandoned_ = true;
        q_.clear();
        space_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable space_, ready_;
    std::deque<OldAnswers> q_;
    size_t capacity_;
    bool closed_ = false, abandoned_ = false;
};

class FileIndex {
public:
    explicit FileIndex(const std::vector<std::string>& files) {
        for (size_t i = 0; i < files.size(); ++i) index_.emplace(files[i], static_cast<uint32_t>(i));
    }
    uint32_t operator()(const std::string& file) const {
        auto it = index_.find(file);
        return it == index_.end() ? static_cast<uint32_t>(index_.size()) : it->second;
    }

private:
    std::unordered_map<std::string, uint32_t> index_;
};

// True when the step's state changed for the case.
bool record_step(StepDiff& step, const std::string& case_id, StepStatus before, StepStatus after) {
    if (before == after) return false;
    ++step.transitions[static_cast<size_t>(before)][static_cast<size_t>(after)];
    ++step.changed;
    step.changes.push_back({case_id, before, after});
    return true;
}

void record(RuleSetDiff& d, const std::string& case_id, const OldAnswers& before, const std::vector<DiffOutcome>& after,
            const std::vector<StepStatus>& steps_after) {
    ++d.cases;
    bool any = false;
    for (size_t i = 0; i < d.items.size(); ++i) {
        DiffItem& item = d.items[i];
        const auto a = static_cast<size_t>(before.answers[i]), b = static_cast<size_t>(after[i]);
        ++item.before[a];
        ++item.after[b];
        if (a == b) continue;
        ++item.transitions[a][b];
        ++item.changed;
        if (item.presence != DiffPresence::Both) continue;
        any = true;
        item.changes.push_back({case_id, before.answers[i], after[i]});
    }
    for (size_t k = 0; k < d.steps.size(); ++k) any = record_step(d.steps[k], case_id, before.steps[k], steps_after[k]) || any;
    if (any) ++d.cases_changed;
}

// Rule sets of one vocabulary: each case is read once and evaluated under both.
void diff_one_read(RuleSetDiff& d, const Plan& plan, const RuleSet& old_rules, const RuleSet& new_rules,
                   const std::vector<std::string>& files, const PipelineOptions& options) {
    const size_t n_items = d.items.size();
    OldAnswers before{0, 0, std::vector<DiffOutcome>(n_items), std::vector<StepStatus>(plan.step_slots.size())};
    std::vector<DiffOutcome> after(n_items);
    std::vector<StepStatus> steps_after(plan.step_slots.size());
    d.new_report = run_pipeline_pair(old_rules, new_rules, files, options, [&](const CaseResult& o, const CaseResult& c) {
        for (size_t i = 0; i < n_items; ++i) {
            before.answers[i] = answer(old_rules, plan.old_slots[i], o);
            after[i] = answer(new_rules, plan.new_slots[i], c);
        }
        for (size_t k = 0; k < steps_after.size(); ++k) {
            const auto& s = plan.step_slots[k];
            before.steps[k] = step_state(o, s.old_process, s.old_step);
            steps_after[k] = step_state(c, s.new_process, s.new_step);
        }
        record(d, c.id, before, after, steps_after);
    });
    d.old_report = d.new_report;  // one read: the same records accepted and rejected on both sides
    d.read_once = true;
}

// Rule sets of different vocabularies: a record may read differently (or be
// rejected) under each, so each side reads the cases through its own
// pipeline, the two run side by side and are paired by the record's place.
void diff_side_by_side(RuleSetDiff& d, const Plan& plan, const RuleSet& old_rules, const RuleSet& new_rules,
                       const std::vector<std::string>& files, const PipelineOptions& options) {
    const FileIndex file_index(files);
    const size_t n_items = d.items.size();

    Channel channel(4096);
    std::exception_ptr old_error;
    std::thread old_side([&] {
        try {
            d.old_report = run_pipeline(old_rules, files, options, [&](const CaseResult& c) {
                OldAnswers a{file_index(c.file), c.line, std::vector<DiffOutcome>(n_items), {}};
                for (size_t i = 0; i < n_items; ++i) a.answers[i] = answer(old_rules, plan.old_slots[i], c);
                for (const auto& s : plan.step_slots) a.steps.push_back(step_state(c, s.old_process, s.old_step));
                channel.put(std::move(a));
            });
        } catch (...) {
            old_error = std::current_exception();
        }
        channel.close();
    });

    std::optional<OldAnswers> pending;
    std::vector<DiffOutcome> now(n_items);
    std::vector<StepStatus> steps_now(plan.step_slots.size());
    try {
        d.new_report = run_pipeline(new_rules, files, options, [&](const CaseResult& c) {
            const auto key = std::make_pair(file_index(c.file), c.line);
            // Records before this one that only the old rules' vocabulary accepted.
            while ((pending || (pending = channel.get())) && std::make_pair(pending->file, pending->line) < key) {
                ++d.only_old;
                pending.reset();
            }
            if (!pending || std::make_pair(pending->file, pending->line) != key) {
                ++d.only_new;
                return;
            }
            for (size_t i = 0; i < n_items; ++i) now[i] = answer(new_rules, plan.new_slots[i], c);
            for (size_t k = 0; k < steps_now.size(); ++k)
                steps_now[k] = step_state(c, plan.step_slots[k].new_process, plan.step_slots[k].new_step);
            record(d, c.id, *pending, now, steps_now);
            pending.reset();
        });
    } catch (...) {
        channel.abandon();
        old_side.join();
        throw;
    }
    while (pending || (pending = channel.get())) {
        ++d.only_old;
        pending.reset();
    }
    old_side.join();
    if (old_error) std::rethrow_exception(old_error);
}

}  // namespace

RuleSetDiff diff_rule_sets(const RuleSet& old_rules, const RuleSet& new_rules, const std::vector<std::string>& files,
                           const PipelineOptions& options) {
    Plan plan = make_plan(old_rules, new_rules);
    plan_steps(plan, old_rules, new_rules);
    RuleSetDiff d;
    d.texts = text_changes(old_rules, new_rules);
    d.items = std::move(plan.items);
    d.steps = std::move(plan.steps);
    if (old_rules.schema == new_rules.schema) diff_one_read(d, plan, old_rules, new_rules, files, options);
    else diff_side_by_side(d, plan, old_rules, new_rules, files, options);
    return d;
}

const char* diff_outcome_label(DiffOutcome o, Lang lang) {
    if (o == DiffOutcome::Off) return "–";
    return outcome_label(static_cast<Outcome>(o), lang);
}

}  // namespace aktkoll
