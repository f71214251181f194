#include "engine/ruleset.hpp"

namespace aktkoll {

int RuleSet::rule_index(const std::string& id) const {
    for (size_t i = 0; i < rules.size(); ++i)
        if (rules[i].id == id) return static_cast<int>(i);
    return -1;
}

}  // namespace aktkoll
