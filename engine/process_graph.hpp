// The process of a case as a directed graph of steps (Boost.Graph): checked
// acyclic at load, walked in topological order to find root causes.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace aktkoll {

class ProcessGraph {
public:
    ProcessGraph() = default;
    // Edges go from a step to the steps that come after it.
    ProcessGraph(size_t steps, const std::vector<std::pair<int, int>>& edges);

    // Step indices of a cycle (first step repeated at the end) or nullopt.
    std::optional<std::vector<int>> find_cycle() const;
    // Steps in an order where every step comes after the steps it follows.
    const std::vector<int>& topological_order() const { return order_; }
    const std::vector<std::vector<int>>& predecessors() const { return preds_; }
    // Graphviz DOT of the graph, with a label and optional fill colour per step.
    std::string to_dot(const std::string& name, const std::vector<std::string>& labels,
                       const std::vector<std::string>& colors) const;

private:
    size_t steps_ = 0;
    std::vector<std::pair<int, int>> edges_;
    std::vector<std::vector<int>> preds_;
    std::vector<int> order_;
};

}  // namespace aktkoll
