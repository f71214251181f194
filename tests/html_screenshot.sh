#!/usr/bin/env bash
# The HTML report as a browser draws it: renders a check report with a trend
# (two saved periods) in headless Chromium, to a PNG screenshot and to PDF
# (the print stylesheet), and checks that both were produced. Skipped (exit 0)
# when Chromium or pdfinfo is not installed, except under
# AKTKOLL_REQUIRE_VIEWERS=1 (tests/missing_tool.sh), where that fails.
#
#   tests/html_screenshot.sh PATH-TO-AKTKOLL [OUTPUT-DIR]
#
# The files are left in OUTPUT-DIR (default: a temporary directory, removed)
# for a person to look at.
set -u
aktkoll=${1:?usage: tests/html_screenshot.sh PATH-TO-AKTKOLL [OUTPUT-DIR]}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/missing_tool.sh"
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[[ -n "$browser" ]] || missing_tool html_screenshot Chromium chromium
command -v pdfinfo > /dev/null || missing_tool html_screenshot pdfinfo poppler-utils
cd "$root" || exit 2
if [[ -n "${2:-}" ]]; then
    out=$2
    mkdir -p "$out"
else
    out=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-html.XXXXXX")
    trap 'rm -rf "$out"' EXIT
fi
profile=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-chromium.XXXXXX")
trap 'rm -rf "$profile"; [[ -n "${2:-}" ]] || rm -rf "$out"' EXIT
export AKTKOLL_EVALUATION_DATE=2026-07-02 LC_ALL=C.UTF-8

fail() { echo "html_screenshot: FAIL: $*"; exit 1; }

db="$out/historik.db"
rm -f "$db"
"$aktkoll" check rules/missbruk cases/exempel.ndjson --period 2025-01-01..2025-12-31 \
    --save "$db" --period-label 2025 > /dev/null 2>&1
[[ -s "$db" ]] || fail "check --save wrote no history"
"$aktkoll" check rules/missbruk cases/exempel.ndjson --period 2026-01-01..2026-06-30 \
    --save "$db" --period-label 2026H1 --format html --output "$out/rapport.html" 2> /dev/null
[[ -s "$out/rapport.html" ]] || fail "no HTML report"
grep -q '<section class="trend">' "$out/rapport.html" || fail "the report has no trend"
grep -q '<svg class="chart"' "$out/rapport.html" || fail "the report has no chart"
if grep -Eq '<script|src=|https?://' "$out/rapport.html"; then fail "the report is not self-contained"; fi

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --user-data-dir="$profile")
timeout 120 "$browser" "${flags[@]}" --screenshot="$out/rapport.png" --window-size=1280,2000 \
    "file://$out/rapport.html" > "$out/chromium.log" 2>&1
timeout 120 "$browser" "${flags[@]}" --print-to-pdf="$out/rapport.pdf" --no-pdf-header-footer \
    "file://$out/rapport.html" >> "$out/chromium.log" 2>&1

[[ "$(head -c 8 "$out/rapport.png" 2>/dev/null | od -An -tx1 | tr -d ' \n')" == 89504e470d0a1a0a ]] ||
    fail "no PNG screenshot (see $out/chromium.log)"
(( $(stat -c %s "$out/rapport.png") > 20000 )) || fail "the screenshot is nearly empty"
[[ "$(head -c 5 "$out/rapport.pdf" 2>/dev/null)" == "%PDF-" ]] || fail "no PDF (see $out/chromium.log)"
pages=$(pdfinfo "$out/rapport.pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
pages=${pages:-0}
(( pages >= 2 )) || fail "the PDF has $pages pages"
echo "html_screenshot: ok ($out/rapport.png, $out/rapport.pdf: $pages pages)"
