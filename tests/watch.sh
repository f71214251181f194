#!/usr/bin/env bash
# Live re-check: `aktkoll watch` on a temporary copy of rules/missbruk redraws
# the report within 2 s of a saved rule file, shows the diagnostics of a
# broken file, starts a round when the case file or an example of the pack
# changes (and re-runs the examples), and ends cleanly on SIGINT (Ctrl-C).
#
#   tests/watch.sh PATH-TO-AKTKOLL
set -u

aktkoll=${1:?usage: tests/watch.sh PATH-TO-AKTKOLL}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 2
unset AKTKOLL_LANG
export LC_ALL=C.UTF-8 NO_COLOR=1 AKTKOLL_EVALUATION_DATE=2026-01-15

tmp=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-watch.XXXXXX")
pid=
cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
cp -r rules/missbruk "$tmp/missbruk"
cp cases/exempel.ndjson "$tmp/exempel.ndjson"
out="$tmp/out.txt"

fail() {
    echo "FAIL watch: $1"
    echo "---- output ----"
    cat "$out"
    exit 1
}

# Waits up to $2 seconds (default 2) for the fixed string $1 in the output.
await() {
    local limit=$(( ${2:-2} * 20 ))
    for (( i = 0; i < limit; i++ )); do
        grep -qF -- "$1" "$out" && return 0
        sleep 0.05
    done
    return 1
}

"$aktkoll" watch "$tmp/missbruk" "$tmp/exempel.ndjson" --no-findings > "$out" 2>&1 &
pid=$!
await "omgång 1" 10 || fail "no first round"
await "Aktgranskning (Bilaga 2, Grums 2024)" 10 || fail "no audit table in the first round"
await "godkända, 0 underkända, 0 trasiga" 10 || fail "the pack's examples did not run in the first round"

# A saved rule file: the new title must be on screen within 2 s.
sed -i 's/title "Vård och stöd vid missbruk och beroende, vuxna"/title "Ändrad titel under bevakning"/' "$tmp/missbruk/00-pack.akt"
await "Ändrad titel under bevakning" || fail "the changed title did not appear within 2 s"
grep -qF "omgång 2, ändrat: 00-pack.akt" "$out" || fail "round 2 does not name the changed file"

# A broken rule file: its diagnostic must appear within 2 s.
sed -i 's/requires exists(sip)$/requires exists(sipp)/' "$tmp/missbruk/30-sip.akt"
await "menade du 'sip'" || fail "the diagnostic of the broken file did not appear within 2 s"

# Fixed again: a full report again.
sed -i 's/requires exists(sipp)$/requires exists(sip)/' "$tmp/missbruk/30-sip.akt"
await "omgång 4" || fail "no round after the fix"

# A saved case file starts a round that names it.
head -n 5 cases/exempel.ndjson > "$tmp/exempel.ndjson"
await "omgång 5, ändrat: exempel.ndjson" 10 || fail "a saved case file did not start a round"
await "5 poster, 5 ärenden" 10 || fail "the round after the case file changed did not read the new file"

# A broken example starts a round whose examples show it.
printf '{"test": "trasig", "expect": {"UTR-1": "Kanske"}, "case": {"id": "X"}}\n' >> "$tmp/missbruk/tests/utredning.ndjson"
await "omgång 6, ändrat: utredning.ndjson" 10 || fail "a saved example file did not start a round"
await "1 trasiga" 10 || fail "the broken example was not reported"

# Ctrl-C ends it cleanly (exit 0).
kill -INT "$pid"
for (( i = 0; i < 40; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && fail "still running 2 s after SIGINT"
wait "$pid"
status=$?
pid=
(( status == 0 )) || fail "exit status $status after SIGINT"
echo "watch: passed"
