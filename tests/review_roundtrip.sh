#!/usr/bin/env bash
# The reviewer's round: aktkoll form -> a workbook filled the way a reviewer
# fills it (tests/review_fill.py, openpyxl) -> aktkoll check on the workbook
# gives, cell for cell, the same audit table as the same facts as NDJSON:
#   A. the reviewer records every fact (no export);
#   B. the export gives the dates, the reviewer the judgements;
#   C. the workbook saved again by LibreOffice reads the same;
#   D. every kind of bad cell gives one error naming its cell, and the rest
#      is still checked.
# Parts are skipped, with a message, where python3-openpyxl or LibreOffice
# (libreoffice-calc-nogui) is not installed.
#
#   tests/review_roundtrip.sh PATH-TO-AKTKOLL
set -u
aktkoll=${1:?usage: tests/review_roundtrip.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/missing_tool.sh"
cd "$root" || exit 2
out=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-review.XXXXXX")
trap 'rm -rf "$out"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-07-02 LC_ALL=C.UTF-8
fail() { echo "review_roundtrip: FAIL: $*"; exit 1; }
rules=rules/missbruk

# Nine case files, as in the Grums review.
head -9 cases/exempel.ndjson > "$out/full.ndjson"
ids=$(cut -d'"' -f4 "$out/full.ndjson" | paste -sd,)
"$aktkoll" check "$rules" "$out/full.ndjson" --format csv > "$out/expected.csv"

"$aktkoll" form "$rules" --cases "$ids" --output "$out/blank.xlsx" 2> "$out/form.err" || fail "form: $(cat "$out/form.err")"
[[ "$(head -c 2 "$out/blank.xlsx")" == PK ]] || fail "form did not write a zip"
"$aktkoll" form "$rules" --output "$out/x.xlsx" > /dev/null 2>&1 && fail "form without cases was accepted"

/usr/bin/python3 -c 'import openpyxl' 2> /dev/null || missing_tool review_roundtrip python3-openpyxl python3-openpyxl
fill() { /usr/bin/python3 tests/review_fill.py "$@" || fail "review_fill.py $*"; }

# A. Everything from the reviewer.
fill "$out/blank.xlsx" "$out/full.ndjson" "$out/a.xlsx"
"$aktkoll" check "$rules" "$out/a.xlsx" --format csv > "$out/a.csv" 2> "$out/a.err"
[[ $? == 1 ]] || fail "A: exit code (1 expected: Nej in the table): $(cat "$out/a.err")"
diff "$out/expected.csv" "$out/a.csv" > /dev/null || fail "A: the table differs: $(diff "$out/expected.csv" "$out/a.csv")"
[[ -s "$out/a.err" ]] && fail "A: unexpected messages: $(cat "$out/a.err")"
echo "review_roundtrip: A (reviewer only) gives the NDJSON table"
"$aktkoll" validate "$rules" "$out/a.xlsx" > "$out/v.out" || fail "validate on the workbook: $(cat "$out/v.out")"
"$aktkoll" validate "$out/a.xlsx" > /dev/null 2>&1 && fail "validate on a workbook without rules was accepted"
"$aktkoll" import "$rules" "$out/a.xlsx" --output "$out/a.ndjson" || fail "import of the workbook"
"$aktkoll" check "$rules" "$out/a.ndjson" --format csv | diff -q "$out/expected.csv" - > /dev/null || fail "import: the NDJSON gives another table"
head -c 20 "$out/a.ndjson" | grep -q '^{"id":"K-2024-001"' || fail "import: the id is not first"

# B. Dates from the export, judgements (booleans) from the reviewer.
/usr/bin/python3 - "$out/full.ndjson" "$out/dates.ndjson" << 'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        c = json.loads(line)
        for k in [k for k, v in c.items() if isinstance(v, bool)]:
            del c[k]
        for e in c["events"]:
            for k in [k for k, v in e.items() if isinstance(v, bool)]:
                del e[k]
        o.write(json.dumps(c, ensure_ascii=False) + "\n")
PY
"$aktkoll" form "$rules" "$out/dates.ndjson" --cases "$ids" --output "$out/b-blank.xlsx" 2> /dev/null || fail "B: form with an export"
fill "$out/b-blank.xlsx" "$out/full.ndjson" "$out/b.xlsx" --only-booleans
"$aktkoll" check "$rules" "$out/b.xlsx" "$out/dates.ndjson" --format csv > "$out/b.csv" 2> "$out/b.err"
diff "$out/expected.csv" "$out/b.csv" > /dev/null || fail "B: the table differs: $(diff "$out/expected.csv" "$out/b.csv")"
"$aktkoll" check "$rules" "$out/b.xlsx" "$out/dates.ndjson" --format json > "$out/b.json" 2> /dev/null
grep -q "b.xlsx" "$out/b.json" && grep -q "dates.ndjson" "$out/b.json" || fail "B: provenance does not list both files"
echo "review_roundtrip: B (export + reviewer) gives the NDJSON table"

# C. Saved again by LibreOffice.
office=$(command -v libreoffice || command -v soffice || true)
if [[ -n "$office" ]]; then
    mkdir -p "$out/lo"
    "$office" --headless -env:UserInstallation=file://"$out/lo-profile" --convert-to xlsx:"Calc MS Excel 2007 XML" \
        --outdir "$out/lo" "$out/a.xlsx" > /dev/null 2>&1 || fail "C: LibreOffice could not open the workbook"
    "$aktkoll" check "$rules" "$out/lo/a.xlsx" --format csv > "$out/c.csv" 2> "$out/c.err"
    diff "$out/expected.csv" "$out/c.csv" > /dev/null || fail "C: the table differs after LibreOffice: $(cat "$out/c.err"; diff "$out/expected.csv" "$out/c.csv")"
    echo "review_roundtrip: C (saved by LibreOffice) gives the NDJSON table"
else
    missing_tool "review_roundtrip (C)" LibreOffice libreoffice-calc
fi

# The draw of aktkoll sample, taken by form --sample and check --cases-from.
"$aktkoll" sample cases/exempel.ndjson --n 9 --seed 7 --output "$out/draw.txt" 2> /dev/null || fail "sample --output"
"$aktkoll" form "$rules" cases/exempel.ndjson --sample "$out/draw.txt" --output "$out/s.xlsx" 2> /dev/null || fail "form --sample"
[[ $(/usr/bin/python3 -c 'import openpyxl, sys; print(len(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$out/s.xlsx") == 11 ]] || fail "form --sample: not nine case sheets"
"$aktkoll" check "$rules" cases/exempel.ndjson --cases-from "$out/draw.txt" --format csv > "$out/draw.csv"
[[ $(head -1 "$out/draw.csv" | tr ';' '\n' | grep -c '^K-') == 9 ]] || fail "check --cases-from: not the nine cases"
"$aktkoll" check "$rules" cases/exempel.ndjson --cases-from "$out/draw.txt" --kommun Grums --no-findings > "$out/draw.txt.out"
grep -q "^Aktgranskning – Grums" "$out/draw.txt.out" || fail "the title does not name the municipality"
grep -q "Urvalets frö: 7" "$out/draw.txt.out" || fail "the header does not name the sample seed"
grep -q "Granskade ärenden: 9 (K-2024-001, K-2024-005" "$out/draw.txt.out" || fail "the header does not name the cases"
"$aktkoll" check "$rules" cases/exempel.ndjson --cases-from "$out/draw.txt" --kommun Grums --format json > "$out/draw.json"
/usr/bin/python3 -c 'import json, sys; s = json.load(open(sys.argv[1]))["scope"]; sys.exit(not (s["kommun"] == "Grums" and s["sample_seed"] == "7" and len(s["cases"]) == 9))' "$out/draw.json" ||
    fail "the JSON report's scope"
echo "review_roundtrip: sample --output -> form --sample, check --cases-from; the header states the scope"

# D. Bad cells: each reported once with its cell; the rest still checked.
/usr/bin/python3 - "$out/b.xlsx" "$out/d.xlsx" << 'PY'
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
def row_of(ws, key):
    return next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
ws = wb["K-2024-003"]
ws.cell(row_of(ws, "event:utredning_inledd:skäl_dokumenterat"), 4).value = "kanske"
ws.cell(row_of(ws, "event:sip:date"), 5).value = "2024-13-45"
ws.cell(row_of(ws, "event:insats:huvudman"), 5).value = "staten"
ws = wb["K-2024-001"]
ws.cell(row_of(ws, "event:vårdplan:date"), 4).value = "2024-03-25"      # the export says 2024-03-24
ws.cell(row_of(ws, "event:uppföljning:date"), 7).value = "inte ett datum"
ws.cell(row_of(ws, "event:beslut:utfall"), 5).value = "bifall"           # an occurrence without a date
wb.save(sys.argv[2])
PY
"$aktkoll" check "$rules" "$out/d.xlsx" "$out/dates.ndjson" --format csv > "$out/d.csv" 2> "$out/d.err"
[[ $? == 2 ]] || fail "D: exit code $? (2 expected)"
expect() { [[ $(grep -c -F -- "$1" "$out/d.err") == 1 ]] || fail "D: expected one message with '$1', got: $(cat "$out/d.err")"; }
expect "d.xlsx:K-2024-003!D12: 'kanske' är inte Ja, Nej eller Uppgift saknas"
expect "d.xlsx:K-2024-003!E39: '2024-13-45'"
expect "'staten' är inte ett av: kommun, region"
expect "d.xlsx:K-2024-001!D23: granskarens svar"
expect "granskarens svar '2024-03-25' motsäger exporten"
expect "'inte ett datum' är inte ett datum"
expect "förekomst 2 av 'beslut' har uppgifter men inget datum"
[[ $(grep -c "d.xlsx:" "$out/d.err") == 6 ]] || fail "D: more messages than bad cells: $(cat "$out/d.err")"
[[ $(grep -c '^[0-9]' "$out/d.csv") == 11 ]] || fail "D: the table was not written"
grep -q "6 fel i granskningsarbetsboken" "$out/d.err" || fail "D: no summary of the workbook's errors"
echo "review_roundtrip: D (bad cells) each reported with its cell; the rest checked"
echo "review_roundtrip: ok"
