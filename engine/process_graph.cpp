#include "engine/process_graph.hpp"

#include <algorithm>
#include <sstream>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/topological_sort.hpp>

namespace aktkoll {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<Graph>::vertex_descriptor;
using EdgeDesc = boost::graph_traits<Graph>::edge_descriptor;

Graph make_graph(size_t steps, const std::vector<std::pair<int, int>>& edges) {
    Graph g(steps);
    for (auto [from, to] : edges) boost::add_edge(static_cast<Vertex>(from), static_cast<Vertex>(to), g);
    return g;
}

// Records tree parents and the first back edge, which closes a cycle.
struct CycleFinder : boost::default_dfs_visitor {
    std::vector<Vertex>* parent;
    std::optional<std::pair<Vertex, Vertex>>* back;
    void tree_edge(EdgeDesc e, const Graph& g) const { (*parent)[boost::target(e, g)] = boost::source(e, g); }
    void back_edge(EdgeDesc e, const Graph& g) const {
        if (!*back) *back = std::make_pair(boost::source(e, g), boost::target(e, g));
    }
};

}  // namespace

ProcessGraph::ProcessGraph(size_t steps, const std::vector<std::pair<int, int>>& edges)
    : steps_(steps), edges_(edges), preds_(steps) {
    for (auto [from, to] : edges) preds_[static_cast<size_t>(to)].push_back(from);
    if (find_cycle()) return;
    Graph g = make_graph(steps, edges);
    std::vector<Vertex> reversed;
    boost::topological_sort(g, std::back_inserter(reversed));
    for (auto it = reversed.rbegin(); it != reversed.rend(); ++it) order_.push_back(static_cast<int>(*it));
}

std::optional<std::vector<int>> ProcessGraph::find_cycle() const {
    Graph g = make_graph(steps_, edges_);
    std::vector<Vertex> parent(steps_);
    for (size_t i = 0; i < steps_; ++i) parent[i] = i;
    std::optional<std::pair<Vertex, Vertex>> back;
    CycleFinder visitor;
    visitor.parent = &parent;
    visitor.back = &back;
    boost::depth_first_search(g, boost::visitor(visitor));
    if (!back) return std::nullopt;
    // The back edge u -> v closes the tree path v -> ... -> u.
    auto [u, v] = *back;
    std::vector<int> cycle{static_cast<int>(u)};
    for (Vertex x = u; x != v && parent[x] != x; x = parent[x]) cycle.push_back(static_cast<int>(parent[x]));
    std::reverse(cycle.begin(), cycle.end());
    cycle.push_back(cycle.front());
    return cycle;
}

std::string ProcessGraph::to_dot(const std::string& name, const std::vector<std::string>& labels,
                                 const std::vector<std::string>& colors) const {
    auto quote = [](const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out + "\"";
    };
    std::ostringstream out;
    out << "digraph " << quote(name) << " {\n  rankdir=LR;\n  node [shape=box, style=\"rounded,filled\", fillcolor=white, fontname=\"sans-serif\"];\n";
    for (size_t i = 0; i < steps_; ++i) {
        out << "  s" << i << " [label=" << quote(i < labels.size() ? labels[i] : std::to_string(i));
        if (i < colors.size() && !colors[i].empty()) out << ", fillcolor=" << quote(colors[i]);
        out << "];\n";
    }
    for (auto [from, to] : edges_) out << "  s" << from << " -> s" << to << ";\n";
    out << "}\n";
    return out.str();
}

}  // namespace aktkoll
