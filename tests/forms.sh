#!/usr/bin/env bash
# One way to read cases: the same cases as NDJSON, as the JSON document form
# (with "cases" before "format") and as CSV through a mapping
# (tests/data/forms/) give `validate`, `check` and `sample` the same accepted
# ids, rejections and counts, with and without a selection. The fixture holds
# a rejected record whose id comes back in a good record (accepted: a rejected
# record's id is not taken) and a duplicate id in another unit (rejected
# whatever the selection).
#
#   tests/forms.sh PATH-TO-AKTKOLL
set -u

aktkoll=${1:?usage: tests/forms.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
unset AKTKOLL_LANG
export LC_ALL=C.UTF-8 NO_COLOR=1 AKTKOLL_EVALUATION_DATE=2026-01-15

data=tests/data/forms
failed=0

# What a command says about the cases, without file names and line numbers.
validate() { "$aktkoll" validate "$@" 2>/dev/null | grep '^filer:'; }
check() {
    "$aktkoll" check rules/missbruk "$@" --format json 2>/dev/null |
        grep -oE '"id": ?"F-[0-9]+"|"case_id": "[^"]*"|"(records|cases|events|rejected|blank_lines|evaluated_cases)": [0-9]+' |
        tr '\n' ' '
}
sample() { "$aktkoll" sample "$@" --n 100 --seed 1 2>/dev/null | grep -v '^#' | tr '\n' ' '; }

# expect WHAT SELECTION EXPECTED: every form gives EXPECTED.
expect() {
    local what=$1 selection=$2 expected=$3 form actual
    for form in "$data/cases.ndjson" "$data/cases.json" "$data/cases.csv --mapping $data/cases.toml"; do
        # shellcheck disable=SC2086  # the form and the selection are several words
        actual=$("$what" $form $selection)
        if [[ "$actual" != "$expected" ]]; then
            echo "FAIL forms: $what $form $selection"
            echo "  expected: $expected"
            echo "  actual:   $actual"
            failed=1
        fi
    done
}

rejections='"case_id": "F-3" "case_id": "F-2" '
summary() { echo "\"records\": 6 \"cases\": 4 \"events\": 7 \"rejected\": 2 \"blank_lines\": 0 \"evaluated_cases\": $1 "; }

expect validate "" "filer: 1, poster: 6, inlästa fall: 4, händelser: 7, avvisade: 2"
expect validate "--unit Syd" "filer: 1, poster: 6, inlästa fall: 4, händelser: 7, avvisade: 2, utanför urvalet: 2"
expect check "" "$(summary 4)$rejections\"id\":\"F-1\" \"id\":\"F-2\" \"id\":\"F-3\" \"id\":\"F-4\" "
expect check "--unit Syd" "$(summary 2)$rejections\"id\":\"F-3\" \"id\":\"F-4\" "
expect check "--case F-2" "$(summary 1)$rejections\"id\":\"F-2\" "
expect check "--period 2024-03-01..2024-04-30" "$(summary 1)$rejections\"id\":\"F-3\" "
expect sample "" "F-1 F-2 F-3 F-4 "
expect sample "--unit Syd" "F-3 F-4 "
expect sample "--case F-2" "F-2 "
expect sample "--period 2024-03-01..2024-04-30" "F-3 "

[[ $failed -eq 0 ]] && echo "forms: NDJSON, document form and CSV read alike"
exit "$failed"
