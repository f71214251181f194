#!/usr/bin/env bash
# Golden tests of the aktkoll command line.
#
#   tests/golden.sh PATH-TO-AKTKOLL [NAME...]     (or AKTKOLL=... tests/golden.sh)
#
# For every tests/golden/NAME.cmd (one line: the arguments to aktkoll, split
# at whitespace, paths relative to the repository root) runs aktkoll from the
# repository root and compares its standard output, then (when there is any)
# a line "--- stderr ---" and its standard error, then a final line
# "exit: N", with tests/golden/NAME.out. A mismatch prints a unified diff.
# With UPDATE_GOLDEN=1 the .out files are rewritten instead (and each one
# rewritten is named), never silently.
set -u

aktkoll=${1:-${AKTKOLL:-}}
if [[ -z "$aktkoll" ]]; then
    echo "usage: tests/golden.sh PATH-TO-AKTKOLL [NAME...]" >&2
    exit 2
fi
shift $(( $# > 0 ? 1 : 0 ))
case "$aktkoll" in
    /*) ;;
    */*) aktkoll="$PWD/$aktkoll" ;;
    *) aktkoll=$(command -v "$aktkoll" || echo "$aktkoll") ;;
esac
if [[ ! -x "$aktkoll" ]]; then
    echo "golden: '$aktkoll' is not an executable" >&2
    exit 2
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
# Output must not depend on the caller's environment.
unset AKTKOLL_LANG
export LC_ALL=C.UTF-8 NO_COLOR=1
export AKTKOLL_EVALUATION_DATE=2026-01-15
# The HTML report embeds the process as SVG when Graphviz is installed: the
# expected output is the one without it, whatever this machine has.
export AKTKOLL_DOT=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-golden.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if (( $# > 0 )); then
    cmds=()
    for name in "$@"; do cmds+=("tests/golden/$name.cmd"); done
else
    cmds=(tests/golden/*.cmd)
fi

passed=0
failed=0
for cmd in "${cmds[@]}"; do
    [[ -e "$cmd" ]] || { echo "golden: no such test: $cmd" >&2; failed=$((failed + 1)); continue; }
    name=$(basename "$cmd" .cmd)
    expected="tests/golden/$name.out"
    actual="$tmp/$name.out"
    read -r -a args < "$cmd"
    "$aktkoll" "${args[@]}" > "$actual" 2> "$tmp/stderr" < /dev/null
    status=$?
    if [[ -s "$tmp/stderr" ]]; then
        echo "--- stderr ---" >> "$actual"
        cat "$tmp/stderr" >> "$actual"
    fi
    echo "exit: $status" >> "$actual"
    if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
        if [[ -f "$expected" ]] && cmp -s "$expected" "$actual"; then
            passed=$((passed + 1))
        else
            cp "$actual" "$expected"
            echo "updated $expected"
            passed=$((passed + 1))
        fi
    elif [[ ! -f "$expected" ]]; then
        echo "FAIL $name: $expected is missing (run with UPDATE_GOLDEN=1 to create it)"
        failed=$((failed + 1))
    elif diff -u --label "$expected" --label "aktkoll ${args[*]}" "$expected" "$actual"; then
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
(( failed == 0 ))
