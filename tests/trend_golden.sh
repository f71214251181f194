#!/usr/bin/env bash
# Golden tests of `aktkoll trend`, which needs a history database: this
# script first builds one with the ordinary command line (two periods of
# cases/exempel.ndjson saved with check --save, the second with a stricter
# parameter so that some answers change), then runs every
# tests/golden/trend/NAME.cmd like tests/golden.sh does (one line of aktkoll
# arguments; the word HISTORY stands for the database) and compares standard
# output, "--- stderr ---" and standard error, and "exit: N" with NAME.out.
# UPDATE_GOLDEN=1 rewrites the .out files instead, naming each one.
#
#   tests/trend_golden.sh PATH-TO-AKTKOLL [NAME...]
set -u
aktkoll=${1:?usage: tests/trend_golden.sh PATH-TO-AKTKOLL [NAME...]}
shift
case "$aktkoll" in /*) ;; */*) aktkoll="$PWD/$aktkoll" ;; esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
unset AKTKOLL_LANG
export LC_ALL=C.UTF-8 NO_COLOR=1 AKTKOLL_EVALUATION_DATE=2026-07-02 AKTKOLL_DOT=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-trend.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db="$tmp/historik.db"

save() {  # LABEL PERIOD [more check arguments]
    local label=$1 period=$2
    shift 2
    "$aktkoll" check rules/missbruk cases/exempel.ndjson --period "$period" --save "$db" --period-label "$label" "$@" \
        > /dev/null 2> "$tmp/save.err"
    local status=$?
    if [[ $status != 1 ]] || ! grep -q "sparade perioden $label" "$tmp/save.err"; then
        echo "trend_golden: saving $label failed (exit $status): $(cat "$tmp/save.err")"
        exit 1
    fi
}
save 2025 2025-01-01..2025-12-31
save 2026H1 2026-01-01..2026-06-30 --param utredning_genast_inom_dagar=3 --param vårdplan_inom_dagar=10

if (( $# > 0 )); then
    cmds=()
    for name in "$@"; do cmds+=("tests/golden/trend/$name.cmd"); done
else
    cmds=(tests/golden/trend/*.cmd)
fi
passed=0
failed=0
for cmd in "${cmds[@]}"; do
    [[ -e "$cmd" ]] || { echo "trend_golden: no such test: $cmd" >&2; failed=$((failed + 1)); continue; }
    name=$(basename "$cmd" .cmd)
    expected="tests/golden/trend/$name.out"
    actual="$tmp/$name.out"
    read -r -a args < "$cmd"
    args=("${args[@]/#HISTORY/$db}")
    "$aktkoll" "${args[@]}" > "$actual" 2> "$tmp/stderr" < /dev/null
    status=$?
    if [[ -s "$tmp/stderr" ]]; then
        echo "--- stderr ---" >> "$actual"
        cat "$tmp/stderr" >> "$actual"
    fi
    echo "exit: $status" >> "$actual"
    sed -i "s|$db|HISTORY|g" "$actual"
    if [[ "${UPDATE_GOLDEN:-}" == 1 ]]; then
        cmp -s "$expected" "$actual" 2> /dev/null || { cp "$actual" "$expected"; echo "updated $expected"; }
        passed=$((passed + 1))
    elif [[ ! -f "$expected" ]]; then
        echo "FAIL $name: $expected is missing (run with UPDATE_GOLDEN=1 to create it)"
        failed=$((failed + 1))
    elif diff -u --label "$expected" --label "aktkoll $(cat "$cmd")" "$expected" "$actual"; then
        passed=$((passed + 1))
    else
        echo "FAIL $name"
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
(( failed == 0 ))
