#!/usr/bin/env bash
# Input and output safety of the command line (docs/privacy.md): input from
# pipes, FIFOs and process substitution loses nothing; output files are never
# written through a symbolic link, keep an existing file's mode, are created
# 0600, and leave no temporary file after SIGINT/SIGTERM; concurrent
# check --save into one history all land; rule diagnostics never quote a case
# export or another file that is not a rule file.
#
#   tests/io_safety.sh PATH-TO-AKTKOLL
set -u

aktkoll=${1:?usage: tests/io_safety.sh PATH-TO-AKTKOLL}
case "$aktkoll" in /*) ;; */*) aktkoll="$PWD/$aktkoll" ;; esac
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
unset AKTKOLL_LANG
export LC_ALL=C.UTF-8 NO_COLOR=1 AKTKOLL_EVALUATION_DATE=2026-01-15

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-io.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT

failures=0
fail() {
    echo "FAIL io_safety: $1"
    failures=$((failures + 1))
}
mode_of() { stat -c %a "$1"; }

# ---- pipes, FIFOs, process substitution ------------------------------------

from_file=$("$aktkoll" validate cases/exempel.ndjson 2>&1)
from_pipe=$("$aktkoll" validate <(cat cases/exempel.ndjson) 2>&1)
[[ "$from_pipe" == "$from_file" ]] || fail "validate <(cat …) differs from the file: '$from_pipe' vs '$from_file'"
from_doc=$("$aktkoll" validate <(cat cases/exempel-dokument.json) 2>&1)
[[ "$from_doc" == *"poster: 4, inlästa fall: 4"* ]] || fail "the document form from a pipe: '$from_doc'"

mkfifo "$tmp/in.fifo"
cat cases/exempel.ndjson > "$tmp/in.fifo" &
from_fifo=$("$aktkoll" validate "$tmp/in.fifo" 2>&1)
wait $!
[[ "$from_fifo" == "$from_file" ]] || fail "validate FIFO differs from the file: '$from_fifo'"

"$aktkoll" check rules/missbruk cases/exempel.ndjson --format json > "$tmp/file.json" 2>/dev/null
"$aktkoll" check rules/missbruk <(cat cases/exempel.ndjson) --format json > "$tmp/pipe.json" 2>/dev/null
grep -o '"cases": *[0-9]*' "$tmp/file.json" | head -1 > "$tmp/file.count"
grep -o '"cases": *[0-9]*' "$tmp/pipe.json" | head -1 > "$tmp/pipe.count"
[[ -s "$tmp/file.count" ]] && cmp -s "$tmp/file.count" "$tmp/pipe.count" ||
    fail "check from a pipe counts $(cat "$tmp/pipe.count"), the file $(cat "$tmp/file.count")"

"$aktkoll" pseudonymize --new-key "$tmp/key" > /dev/null 2>&1
"$aktkoll" pseudonymize --key-file "$tmp/key" cases/exempel.ndjson "$tmp/p-file.ndjson" > /dev/null 2>&1
"$aktkoll" pseudonymize --key-file "$tmp/key" <(cat cases/exempel.ndjson) "$tmp/p-pipe.ndjson" > /dev/null 2>&1
[[ -s "$tmp/p-file.ndjson" ]] && cmp -s "$tmp/p-file.ndjson" "$tmp/p-pipe.ndjson" ||
    fail "pseudonymize from a pipe writes other records than from the file"

# ---- symbolic links, modes ---------------------------------------------------

echo "orörd" > "$tmp/victim"
chmod 640 "$tmp/victim"
ln -s "$tmp/victim" "$tmp/link"
try_link() {  # DESCRIPTION COMMAND...
    local what=$1
    shift
    "$@" > /dev/null 2> "$tmp/link.err"
    local status=$?
    [[ $status == 2 ]] || fail "$what through a symbolic link: exit $status, expected 2"
    [[ -L "$tmp/link" ]] || fail "$what replaced the symbolic link"
    [[ "$(cat "$tmp/victim")" == "orörd" && "$(mode_of "$tmp/victim")" == 640 ]] ||
        fail "$what wrote through the symbolic link to its target"
    grep -q "symbolisk länk" "$tmp/link.err" || fail "$what: no message about the link: $(cat "$tmp/link.err")"
}
try_link "check --output" "$aktkoll" check rules/missbruk cases/exempel.ndjson --output "$tmp/link"
try_link "check --per-case" "$aktkoll" check rules/missbruk cases/exempel.ndjson --per-case "$tmp/link"
try_link "pseudonymize OUT" "$aktkoll" pseudonymize --key-file "$tmp/key" cases/exempel.ndjson "$tmp/link"
try_link "import --output" "$aktkoll" import --mapping cases/import/wide.toml cases/import/wide-socialsystem.csv --output "$tmp/link"

"$aktkoll" check rules/missbruk cases/exempel.ndjson --format md --output "$tmp/new.md" > /dev/null 2>&1
[[ "$(mode_of "$tmp/new.md")" == 600 ]] || fail "a new report is $(mode_of "$tmp/new.md"), expected 600"
touch "$tmp/kept.md"
chmod 600 "$tmp/kept.md"
"$aktkoll" check rules/missbruk cases/exempel.ndjson --format md --output "$tmp/kept.md" > /dev/null 2>&1
[[ "$(mode_of "$tmp/kept.md")" == 600 ]] || fail "rewriting a 0600 report left it $(mode_of "$tmp/kept.md")"
chmod 644 "$tmp/kept.md"
"$aktkoll" check rules/missbruk cases/exempel.ndjson --format md --output "$tmp/kept.md" > /dev/null 2>&1
[[ "$(mode_of "$tmp/kept.md")" == 644 ]] || fail "rewriting a 0644 report left it $(mode_of "$tmp/kept.md")"
[[ -s "$tmp/kept.md" ]] || fail "the rewritten report is empty"

# ---- signals: no temporary file left -----------------------------------------

# The output's temporary file exists while the input (a FIFO kept open) is read.
for sig in TERM INT; do
    rm -f "$tmp/slow.fifo"
    mkfifo "$tmp/slow.fifo"
    sleep 30 > "$tmp/slow.fifo" &
    holder=$!
    pids+=("$holder")
    # A background job starts with SIGINT ignored; as after Ctrl-C in a terminal, it must not be.
    env --default-signal=INT "$aktkoll" pseudonymize --key-file "$tmp/key" "$tmp/slow.fifo" "$tmp/out-$sig.ndjson" > /dev/null 2>&1 &
    victim=$!
    pids+=("$victim")
    for (( i = 0; i < 100; i++ )); do
        compgen -G "$tmp/out-$sig.ndjson.tmp-*" > /dev/null && break
        sleep 0.05
    done
    compgen -G "$tmp/out-$sig.ndjson.tmp-*" > /dev/null || fail "SIG$sig: the temporary file never appeared"
    kill -"$sig" "$victim"
    wait "$victim" 2>/dev/null
    kill "$holder" 2>/dev/null
    wait "$holder" 2>/dev/null
    if compgen -G "$tmp/out-$sig.ndjson*" > /dev/null; then
        fail "SIG$sig left $(ls "$tmp"/out-"$sig".ndjson*)"
    fi
done

# ---- concurrent check --save into a new and an existing history --------------

save() {  # DB LABEL
    "$aktkoll" check rules/missbruk cases/exempel.ndjson --save "$1" --period-label "$2" > /dev/null 2> "$tmp/save-$2.err"
    [[ $? != 2 ]] || echo "$2: $(cat "$tmp/save-$2.err")" >> "$tmp/save.failures"
}
for round in 1 2 3 4 5; do
    save "$tmp/ny-$round.db" "A$round" &
    first=$!
    save "$tmp/ny-$round.db" "B$round" &
    wait "$first" $!
done
save "$tmp/ny-1.db" C1 &
first=$!
save "$tmp/ny-1.db" D1 &
wait "$first" $!
[[ ! -s "$tmp/save.failures" ]] || fail "concurrent saves failed: $(cat "$tmp/save.failures")"
if command -v sqlite3 > /dev/null; then
    for round in 2 3 4 5; do
        [[ "$(sqlite3 "$tmp/ny-$round.db" 'SELECT count(*) FROM runs')" == 2 ]] || fail "round $round: not both runs saved"
    done
    [[ "$(sqlite3 "$tmp/ny-1.db" 'SELECT count(*) FROM runs')" == 4 ]] || fail "the existing history lacks runs"
fi

# ---- rule diagnostics never quote other files ---------------------------------

printf '{"id":"K-1","anteckning":"klient 19860803-6334","events":[]}\n' > "$tmp/raw.ndjson"
for cmd in lint fmt doc; do
    out=$("$aktkoll" "$cmd" "$tmp/raw.ndjson" 2>&1)
    [[ $? != 0 ]] || fail "$cmd accepted a case export as rules"
    [[ "$out" != *6334* ]] || fail "$cmd quoted the case export: $out"
done
mkdir -p "$tmp/pack"
printf 'uses "%s"\n' "$tmp/raw.ndjson" > "$tmp/pack/regler.akt"
out=$("$aktkoll" lint "$tmp/pack" 2>&1)
[[ "$out" != *6334* && "$out" != *anteckning* ]] || fail "uses quoted the file it names: $out"
printf 'uses "/etc/passwd"\n' > "$tmp/pack/regler.akt"
out=$("$aktkoll" lint "$tmp/pack" 2>&1)
[[ "$out" != *root* ]] || fail "uses quoted /etc/passwd: $out"

if (( failures > 0 )); then
    echo "io_safety: $failures failure(s)"
    exit 1
fi
echo "io_safety: all passed"
