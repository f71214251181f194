#!/usr/bin/env bash
# aktkoll graph's output as Graphviz draws it: the pack's process and one
# case's process must be valid DOT that `dot` lays out as SVG, with a node
# per step. Skipped without Graphviz, except under AKTKOLL_REQUIRE_VIEWERS=1
# (tests/missing_tool.sh), where that fails.
#
#   tests/graph_dot.sh PATH-TO-AKTKOLL
set -u
aktkoll=${1:?usage: tests/graph_dot.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/missing_tool.sh"
command -v dot > /dev/null || missing_tool graph_dot Graphviz graphviz
cd "$root" || exit 2
out=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-dot.XXXXXX")
trap 'rm -rf "$out"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-07-02 LC_ALL=C.UTF-8
fail() { echo "graph_dot: FAIL: $*"; exit 1; }

draw() {  # NAME ARGS... : aktkoll graph ARGS to NAME.dot, then dot to NAME.svg
    local name=$1
    shift
    "$aktkoll" graph "$@" --output "$out/$name.dot" 2> "$out/$name.err" || fail "aktkoll graph $*: $(cat "$out/$name.err")"
    dot -Tsvg "$out/$name.dot" -o "$out/$name.svg" 2> "$out/$name.doterr" || fail "dot rejects $name.dot: $(cat "$out/$name.doterr")"
    [[ ! -s "$out/$name.doterr" ]] || fail "dot warns on $name.dot: $(cat "$out/$name.doterr")"
    nodes=$(grep -c 'class="node"' "$out/$name.svg")
    (( nodes >= 3 )) || fail "$name.svg has $nodes nodes"
}
draw pack rules/missbruk
draw case rules/missbruk cases/exempel.ndjson --case K-2024-001
echo "graph_dot: dot draws the pack's process and a case's ($nodes nodes)"
