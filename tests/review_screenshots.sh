#!/usr/bin/env bash
# The pictures in docs/review.md, made from the real round: aktkoll form, a
# workbook filled by tests/review_fill.py; each
# workbook printed to PDF by LibreOffice (headless) and a page turned into PNG
# by pdftoppm. Writes to OUTDIR (docs/review to refresh the committed
# pictures). Skipped, with a message, without LibreOffice, pdftoppm or
# python3-openpyxl.
#
#   tests/review_screenshots.sh PATH-TO-AKTKOLL [OUTDIR]
set -u
aktkoll=${1:?usage: tests/review_screenshots.sh PATH-TO-AKTKOLL [OUTDIR]}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
work=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-shots.XXXXXX")
trap 'rm -rf "$work"' EXIT
dest=${2:-$work/png}
mkdir -p "$dest"
export AKTKOLL_EVALUATION_DATE=2026-07-02 LC_ALL=C.UTF-8
fail() { echo "review_screenshots: FAIL: $*"; exit 1; }
office=$(command -v libreoffice || command -v soffice || true)
if [[ -z "$office" ]] || ! command -v pdftoppm > /dev/null || ! /usr/bin/python3 -c 'import openpyxl' 2> /dev/null; then
    echo "review_screenshots: skipped: needs libreoffice-calc-nogui, poppler-utils and python3-openpyxl"
    exit 0
fi
rules=rules/missbruk
head -3 cases/exempel.ndjson > "$work/facts.ndjson"
# The export holds the dates; the reviewer adds the judgements.
/usr/bin/python3 - "$work/facts.ndjson" "$work/uttag.ndjson" << 'PY'
import json, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "w") as o:
    for line in f:
        c = json.loads(line)
        for e in c["events"]:
            for k in [k for k, v in e.items() if isinstance(v, bool)]:
                del e[k]
        o.write(json.dumps(c, ensure_ascii=False) + "\n")
PY
aktkoll=$(cd "$(dirname "$aktkoll")" && pwd)/$(basename "$aktkoll")
(cd "$work" && "$aktkoll" form "$root/$rules" uttag.ndjson --cases K-2024-001,K-2024-002,K-2024-003 --kommun Grums \
    --namnd Socialnämnden --reviewer "A. Granskare" --output granskning.xlsx 2> /dev/null) || fail "form"
/usr/bin/python3 tests/review_fill.py "$work/granskning.xlsx" "$work/facts.ndjson" "$work/ifylld.xlsx" --only-booleans || fail "fill"
# page NAME WORKBOOK PAGE DPI: one page of the workbook's print as NAME.png.
page() {
    "$office" --headless -env:UserInstallation=file://"$work/profile" --convert-to pdf --outdir "$work" "$2" > /dev/null 2>&1 ||
        fail "LibreOffice could not print $2"
    pdftoppm -png -r "$4" -f "$3" -l "$3" -singlefile "$work/$(basename "${2%.xlsx}").pdf" "$dest/$1" || fail "pdftoppm $1"
    [[ -s "$dest/$1.png" ]] || fail "no $1.png"
}
page formular-forsattsblad "$work/granskning.xlsx" 1 70
page formular-arende "$work/ifylld.xlsx" 2 110
echo "review_screenshots: ok ($(ls "$dest" | paste -sd' '))"
