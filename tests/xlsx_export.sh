#!/usr/bin/env bash
# aktkoll check --format xlsx end to end: the workbook's sheet names (with
# unzip), its cells as LibreOffice reads them (headless conversion of every
# sheet to CSV) and as openpyxl reads them. Each part is skipped when its tool
# is not installed, except under AKTKOLL_REQUIRE_VIEWERS=1
# (tests/missing_tool.sh), where that fails.
#
#   tests/xlsx_export.sh PATH-TO-AKTKOLL
set -u
aktkoll=${1:?usage: tests/xlsx_export.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/missing_tool.sh"
cd "$root" || exit 2
out=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-xlsx.XXXXXX")
trap 'rm -rf "$out"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-07-02 LC_ALL=C.UTF-8
fail() { echo "xlsx_export: FAIL: $*"; exit 1; }

"$aktkoll" check rules/missbruk cases/exempel.ndjson --format xlsx > "$out/stdout" 2> "$out/stderr"
[[ $? == 2 && ! -s "$out/stdout" ]] || fail "xlsx to standard output was not refused"
grep -q -- "--output" "$out/stderr" || fail "the refusal does not name --output"

"$aktkoll" check rules/missbruk cases/exempel.ndjson --format xlsx --output "$out/granskning.xlsx" 2> /dev/null
[[ $? == 1 ]] || fail "check --format xlsx: exit code $? (1 expected: the example has Nej)"
[[ "$(head -c 2 "$out/granskning.xlsx")" == PK ]] || fail "not a zip"
ls "$out" | grep -q tmp && fail "a temporary file was left behind"

command -v unzip > /dev/null || missing_tool xlsx_export unzip unzip
sheets=$(unzip -p "$out/granskning.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | paste -sd,)
[[ "$sheets" == "Aktgranskning,Anmärkningar,Proveniens" ]] || fail "sheets: $sheets"
"$aktkoll" check rules/missbruk cases/exempel.ndjson --format xlsx --output "$out/en.xlsx" --lang en 2> /dev/null
sheets=$(unzip -p "$out/en.xlsx" xl/workbook.xml | grep -o '<sheet name="[^"]*"' | cut -d'"' -f2 | paste -sd,)
[[ "$sheets" == "File audit,Findings,Provenance" ]] || fail "English sheets: $sheets"
echo "xlsx_export: sheet names ok"
# Print setup: landscape A4, one page wide, the header row and first columns on every page.
unzip -p "$out/granskning.xlsx" xl/worksheets/sheet1.xml | grep -q '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' ||
    fail "no print setup"
unzip -p "$out/granskning.xlsx" xl/workbook.xml | grep -q "_xlnm.Print_Titles\" localSheetId=\"0\">Aktgranskning!\$A:\$B,Aktgranskning!\$1:\$1<" ||
    fail "no print titles"
# More cases than a sheet has columns (16,384): cases become rows, nothing is cut
# (header, 16,400 cases, 5 totals rows, a blank row, 11 questions, the note).
"$aktkoll" gen --cases 16400 --seed 7 --output "$out/many.ndjson"
rc=0; "$aktkoll" check rules/missbruk "$out/many.ndjson" --format xlsx --output "$out/many.xlsx" 2> /dev/null || rc=$?
[[ $rc == 1 ]] || fail "16,400 cases: exit code $rc"
dim=$(unzip -p "$out/many.xlsx" xl/worksheets/sheet1.xml | grep -o '<dimension ref="[^"]*"' | cut -d'"' -f2)
[[ "$dim" == A1:L16420 ]] || fail "16,400 cases: the audit sheet spans $dim, not 12 columns and the cases as rows"
echo "xlsx_export: print setup and cases as rows ok"

# The cells as a second, independent reader sees them: openpyxl, with
# Debian's Python (python3-openpyxl), not another python3 first on PATH.
py=/usr/bin/python3
[[ -x $py ]] || py=python3
"$py" -c 'import openpyxl' 2> /dev/null || missing_tool xlsx_export openpyxl python3-openpyxl
"$py" - "$out/granskning.xlsx" > "$out/openpyxl.txt" 2>&1 <<'PY' || fail "openpyxl: $(cat "$out/openpyxl.txt")"
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
audit = book["Aktgranskning"]
assert audit["A1"].value == "Nr" and audit["C1"].value == "K-2024-001", (audit["A1"].value, audit["C1"].value)
assert str(audit["A2"].value) == "1" and audit["B2"].value.startswith("Har utredning inletts"), audit["B2"].value
assert {"Ja", "Nej"} <= {c.value for c in audit[2]}, [c.value for c in audit[2]]
PY
echo "xlsx_export: openpyxl reads the audit sheet"

office=$(command -v libreoffice || command -v soffice || true)
[[ -n "$office" ]] || missing_tool xlsx_export LibreOffice libreoffice-calc
# Every sheet (-1) to CSV with ';' (59), '"' (34), UTF-8 (76).
timeout 300 "$office" --headless "-env:UserInstallation=file://$out/profile" \
    --convert-to 'csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir "$out" "$out/granskning.xlsx" > "$out/office.log" 2>&1 || fail "LibreOffice could not convert (see log)"
audit="$out/granskning-Aktgranskning.csv"
[[ -s "$audit" ]] || fail "LibreOffice wrote no Aktgranskning sheet: $(cat "$out/office.log")"
head -1 "$audit" | grep -q '^Nr;Fråga;K-2024-001;' || fail "audit header: $(head -1 "$audit" | cut -c1-80)"
head -1 "$audit" | grep -q ';Ja;Nej;Et;EB;Ja av bedömda$' || fail "audit header lacks the totals"
grep -q '^1;Har utredning inletts' "$audit" || fail "question 1 missing"
grep -q '25;9;0;2;73\.5[0-9]*%$' "$audit" || fail "question 1 totals differ from the report (the share a percentage)"
grep -q 'K-2024-001;cases/exempel.ndjson:1;Vuxenenheten Syd;Nej;BARN-1;4;' "$out/granskning-Anmärkningar.csv" ||
    fail "findings sheet"
grep -q '^cases/exempel.ndjson;[0-9a-f]\{64\}' "$out/granskning-Proveniens.csv" || fail "provenance sheet"
echo "xlsx_export: LibreOffice reads all three sheets"
