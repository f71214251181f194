#!/usr/bin/env bash
# Reports stay bounded: for each format (and --per-case) the peak memory of
# `aktkoll check` over 100,000 generated cases is within a few MiB of the
# peak over 20,000. A report that held every case would grow by well over
# 100 MiB between the two (a case's results take more than a kilobyte); what
# may grow is the pipeline's duplicate-id set (about 60 bytes a case). Also
# checks the large-report layout: totals first, the per-case line, and every
# case in csv and json. 1M cases per format would take minutes, too long
# for every test run; bench/README.md has the 1M figures.
#
#   tests/report_memory.sh PATH-TO-AKTKOLL
set -u
aktkoll=${1:?usage: tests/report_memory.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
if [[ ! -x /usr/bin/time ]]; then
    echo "report_memory: skipped (/usr/bin/time is not installed: apt-get install time)"
    exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-01-15 LC_ALL=C.UTF-8 AKTKOLL_DOT=
fail() { echo "report_memory: FAIL: $*"; exit 1; }
small=20000 large=100000 slack_kib=$((24 * 1024))
"$aktkoll" gen --cases $small --seed 7 --output "$tmp/small.ndjson" || fail "gen"
"$aktkoll" gen --cases $large --seed 7 --output "$tmp/large.ndjson" || fail "gen"

# Peak resident KiB of one check; its report in $tmp/out.
peak() {
    /usr/bin/time -f %M -o "$tmp/peak" "$aktkoll" check rules/missbruk "$@" --jobs 2 > "$tmp/out" 2> "$tmp/err"
    local rc=$?
    [[ $rc == 0 || $rc == 1 ]] || fail "check $* exited $rc: $(head -3 "$tmp/err")"
    tail -1 "$tmp/peak"
}

for variant in terminal md csv json html all-cases per-case; do
    case $variant in
        all-cases) args=(--format md --all-cases) ;;
        per-case) args=(--totals --format json --per-case "$tmp/per-case.ndjson") ;;
        *) args=(--format "$variant") ;;
    esac
    a=$(peak "$tmp/small.ndjson" "${args[@]}")
    b=$(peak "$tmp/large.ndjson" "${args[@]}")
    echo "report_memory: $variant: peak $((a / 1024)) MiB at $small cases, $((b / 1024)) MiB at $large"
    (( b - a < slack_kib )) || fail "$variant: the peak grew by $(((b - a) / 1024)) MiB from $small to $large cases"
    case $variant in
        terminal)
            grep -q -- "--all-cases" "$tmp/out" || fail "terminal: no line saying the per-case results were left out"
            grep -q "Vanligaste anmärkningar" "$tmp/out" || fail "terminal: no most frequent findings" ;;
        csv) (( $(wc -l < "$tmp/out") == large + 6 )) || fail "csv: $(wc -l < "$tmp/out") lines, not a header, $large cases and 5 totals" ;;
        json) (( $(grep -c '^    {"id":' "$tmp/out") == large )) || fail "json: not every case" ;;
        all-cases) (( $(grep -c '^| S-' "$tmp/out") == large )) || fail "md --all-cases: not every case as a row" ;;
        per-case) (( $(wc -l < "$tmp/per-case.ndjson") == large )) || fail "per-case: not every case" ;;
    esac
done
echo "report_memory: ok"
