#!/usr/bin/env bash
# Reports stay bounded: `aktkoll check` over 1,000,000 generated cases stays
# under a fixed peak memory in every format (and with --all-cases and
# --per-case). The limit, 200 MiB, is about twice what a run takes (the
# pipeline's blocks in flight and its duplicate-id set, about 60 bytes a
# case: 75-90 MiB measured) and far below what a report holding every case
# would need (a case's results take more than a kilobyte: GBs at 1M). Also
# checks the large-report layout: totals first, the per-case line, and every
# case in csv, json, --all-cases and --per-case. The large outputs (csv 47
# MB, json 3.9 GB, --all-cases 2.5 GB) are counted as they come, not stored.
#
# The case file is generated once (678 MB). The whole test takes about 70 s
# on 2 shared cores (bench/README.md has each variant's time and peak), and
# needs about 5 GB free in /tmp: the JSON report's cases are spooled to an
# unlinked temporary file (3.9 GB) before the report is framed around them.
#
#   tests/report_memory.sh PATH-TO-AKTKOLL
set -u
aktkoll=${1:?usage: tests/report_memory.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
source "$root/tests/missing_tool.sh"
[[ -x /usr/bin/time ]] || missing_tool report_memory /usr/bin/time time
tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-memory.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-01-15 LC_ALL=C.UTF-8 AKTKOLL_DOT=
fail() { echo "report_memory: FAIL: $*"; exit 1; }
cases=1000000 limit_mib=200
"$aktkoll" gen --cases $cases --seed 7 --output "$tmp/cases.ndjson" || fail "gen"

# What is kept of a report: all of it, or the count of its lines, cases, rows.
whole() { cat; }
lines() { wc -l; }
json_cases() { LC_ALL=C grep -c '^    {"id":'; }
md_rows() { LC_ALL=C grep -c '^| S-'; }

# One check of the cases with these options; its standard output goes
# through FILTER (one of the above) into $tmp/out. Sets peak_mib, seconds (wall) and cpu.
check() {
    local filter=$1
    shift
    /usr/bin/time -f "%M %e %U %S" -o "$tmp/peak" "$aktkoll" check rules/missbruk "$tmp/cases.ndjson" "$@" --jobs 2 \
        2> "$tmp/err" | "$filter" > "$tmp/out"
    local rc=${PIPESTATUS[0]}
    [[ $rc == 0 || $rc == 1 ]] || fail "check $* exited $rc: $(head -3 "$tmp/err")"
    read -r kib seconds user system < <(tail -1 "$tmp/peak")
    peak_mib=$((kib / 1024))
    cpu=$(awk "BEGIN { print $user + $system }")
}

for variant in terminal md csv json html all-cases per-case; do
    case $variant in
        terminal | md | html) check whole --format "$variant" ;;
        csv) check lines --format csv ;;
        json) check json_cases --format json ;;
        all-cases) check md_rows --format md --all-cases ;;
        per-case) check whole --totals --format json --per-case "$tmp/per-case.ndjson" ;;
    esac
    echo "report_memory: $variant: peak $peak_mib MiB, $seconds s ($cpu CPU-s) at $cases cases"
    (( peak_mib < limit_mib )) || fail "$variant: peak $peak_mib MiB at $cases cases, over the limit of $limit_mib MiB"
    case $variant in
        terminal)
            grep -q -- "--all-cases" "$tmp/out" || fail "terminal: no line saying the per-case results were left out"
            grep -q "Vanligaste anmärkningar" "$tmp/out" || fail "terminal: no most frequent findings" ;;
        csv) (( $(< "$tmp/out") == cases + 6 )) || fail "csv: $(< "$tmp/out") lines, not a header, $cases cases and 5 totals" ;;
        json) (( $(< "$tmp/out") == cases )) || fail "json: $(< "$tmp/out") cases, not every case" ;;
        all-cases) (( $(< "$tmp/out") == cases )) || fail "md --all-cases: $(< "$tmp/out") rows, not every case" ;;
        per-case)
            (( $(wc -l < "$tmp/per-case.ndjson") == cases )) || fail "per-case: not every case"
            rm -f "$tmp/per-case.ndjson" ;;
    esac
done
echo "report_memory: ok"
