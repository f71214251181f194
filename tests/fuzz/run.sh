#!/usr/bin/env bash
# Fuzzes the rule parser + checker and the case reader with libFuzzer.
#
#   tests/fuzz/run.sh [SECONDS]        (default 60 per target)
#
# Builds tests/fuzz/fuzz_rules, fuzz_cases and fuzz_pseudonymize with clang++-14
# (-fsanitize=fuzzer,address,undefined) outside CMake, compiling the needed
# core/, dsl/, input/ and intake/ sources directly, seeds the corpora from rules/**/*.akt,
# tests/data/**/*.akt and the lines of cases/*.ndjson (in a temporary
# directory), runs each target for SECONDS and fails on a crash, leak,
# timeout or sanitizer report. Without clang++-14 it says so and exits 0
# (1 under AKTKOLL_REQUIRE_VIEWERS=1: tests/missing_tool.sh).
#
# Environment:
#   FUZZ_WORK=DIR     keep objects, corpora and crash inputs in DIR (default: a
#                     temporary directory, removed unless something crashed)
#   FUZZ_TARGETS="fuzz_rules fuzz_cases fuzz_pseudonymize"   which targets to run
#   FUZZ_JOBS=N       parallel compiler jobs (default: number of cores)
#   CXX_FUZZ=clang++-14
set -u

seconds=${1:-60}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cxx=${CXX_FUZZ:-clang++-14}
source "$root/tests/missing_tool.sh"
command -v "$cxx" >/dev/null 2>&1 || missing_tool fuzz "$cxx" clang-14

if [[ -n "${FUZZ_WORK:-}" ]]; then
    work=$FUZZ_WORK
    keep=1
else
    work=$(mktemp -d "${TMPDIR:-/tmp}/aktkoll-fuzz.XXXXXX")
    keep=0
fi
mkdir -p "$work/obj" "$work/bin" "$work/crashes" "$work/tmp"
status=0
cleanup() { if (( keep == 0 && status == 0 )); then rm -rf "$work"; fi; }
trap cleanup EXIT

flags=(-std=c++20 -stdlib=libstdc++ -O1 -g -fno-omit-frame-pointer
       -fsanitize=address,undefined -fno-sanitize-recover=undefined
       -I"$root" -DAKTKOLL_SOURCE_DIR="\"$root\"" -Wno-unused-command-line-argument)
libs=(-lfmt -lsimdjson -lcrypto -lcsv)

# The sources each target needs, by stage: the ground types (core/), the rule
# language (dsl/), the case reader (input/) and the pseudonymizer (intake/).
common=("$root"/core/*.cpp "$root"/dsl/*.cpp)
reader=("$root"/input/reader.cpp "$root"/input/plain_record.cpp "$root"/input/unknown_names.cpp "$root"/input/ledger.cpp "$root"/input/case_files.cpp
        "$root"/input/import_csv.cpp "$root"/intake/pseudonymize.cpp)

compile() {  # SOURCE -> prints the object path; recompiles when any source or header changed
    local src=$1 obj
    obj="$work/obj/$(echo "$src" | sed "s|^$root/||; s|/|_|g").o"
    if [[ ! -f "$obj" || -n "$(find "$root/core" "$root/dsl" "$root/input" "$root/intake" "$root/tests/fuzz" -newer "$obj" -name '*.[ch]pp' -print -quit)" ]]; then
        "$cxx" "${flags[@]}" -fsanitize=fuzzer-no-link -c "$src" -o "$obj" || return 1
    fi
    echo "$obj"
}
export -f compile
export cxx root work
export FLAGS_STR="${flags[*]}"

echo "fuzz: building with $cxx in $work"
objs=()
for src in "${common[@]}" "${reader[@]}" "$root"/tests/fuzz/fuzz_*.cpp; do
    objs+=("$src")
done
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
# Compile in parallel; each job re-declares the flags from the exported string.
if ! printf '%s\n' "${objs[@]}" | xargs -P "$jobs" -I{} bash -c 'read -r -a flags <<< "$FLAGS_STR"; compile "$1" >/dev/null' _ {}; then
    echo "fuzz: build failed" >&2
    status=2
    exit 2
fi
obj_of() { echo "$work/obj/$(echo "$1" | sed "s|^$root/||; s|/|_|g").o"; }
common_objs=()
for src in "${common[@]}" "${reader[@]}"; do common_objs+=("$(obj_of "$src")"); done
for target in fuzz_rules fuzz_cases fuzz_pseudonymize; do
    if ! "$cxx" "${flags[@]}" -fsanitize=fuzzer "$(obj_of "$root/tests/fuzz/$target.cpp")" "${common_objs[@]}" \
            "${libs[@]}" -o "$work/bin/$target"; then
        echo "fuzz: linking $target failed" >&2
        status=2
        exit 2
    fi
done

# Seed corpora, generated afresh (never committed).
seed_rules="$work/seed/rules"
seed_cases="$work/seed/cases"
rm -rf "$work/seed"
mkdir -p "$seed_rules" "$seed_cases"
n=0
while IFS= read -r -d '' f; do
    cp "$f" "$seed_rules/$n.akt"
    n=$((n + 1))
done < <(find "$root/rules" "$root/tests/data" -name '*.akt' -print0)
# Whole packs as one text, so the checker sees vocabulary and rules together.
for pack in "$root"/rules/*/; do
    cat "$pack"*.akt > "$seed_rules/pack-$(basename "$pack").akt" 2>/dev/null
done
# Nesting just under the parser's limit, so that mutations cross it.
repeat() { local s="" i; for ((i = 0; i < $2; i++)); do s+=$1; done; printf '%s' "$s"; }
printf 'rule R-1 {\n  requires %sa%s\n}\n' "$(repeat '(' 99)" "$(repeat ')' 99)" > "$seed_rules/deep-paren.akt"
printf 'rule R-1 {\n  requires %sa\n}\n' "$(repeat 'not ' 99)" > "$seed_rules/deep-not.akt"
printf 'rule R-1 {\n  requires %sb%s\n}\n' "$(repeat 'exists(a where ' 60)" "$(repeat ')' 60)" > "$seed_rules/deep-exists.akt"
n=0
for f in "$root"/cases/*.ndjson "$root"/rules/*/tests/*.ndjson; do
    [[ -f "$f" ]] || continue
    while IFS= read -r line; do
        printf '%s' "$line" > "$seed_cases/line-$n.json"
        n=$((n + 1))
    done < "$f"
    cp "$f" "$seed_cases/file-$n.ndjson"
done
# Raw exports as aktkoll pseudonymize reads them: real identifiers (test numbers).
printf '%s\n' '{"id":"19121212-1212","namn":"A","personnummer":"121212-1212","events":[{"type":"beslut","date":"2024-01-02","x":"ring 1212121212"}]}' \
    '{"id":1212121212,"personnummer":191212121212,"events":[],"19121212-1212":{"a":["121212+1212"]}}' > "$seed_cases/raw-1.ndjson"
printf '%s\n' '{"format":"case-export/1","cases":[{"id":"121212-1212","personnummer":"1950-01-01","events":[]}]}' > "$seed_cases/raw-2.json"
for f in "$root"/cases/*.json; do [[ -f "$f" ]] && cp "$f" "$seed_cases/doc-$(basename "$f")"; done

targets=${FUZZ_TARGETS:-fuzz_rules fuzz_cases fuzz_pseudonymize}
for target in $targets; do
    corpus="$work/corpus/$target"
    mkdir -p "$corpus"
    case $target in
        fuzz_rules) seeds=$seed_rules; max_len=32768; dict=(-dict="$root/tests/fuzz/rules.dict") ;;
        fuzz_cases|fuzz_pseudonymize) seeds=$seed_cases; max_len=8192; dict=() ;;
        *) echo "fuzz: unknown target $target" >&2; status=2; exit 2 ;;
    esac
    echo "fuzz: $target for ${seconds}s"
    log="$work/$target.log"
    TMPDIR="$work/tmp" ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$work/bin/$target" "$corpus" "$seeds" -max_total_time="$seconds" -max_len="$max_len" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
        -artifact_prefix="$work/crashes/$target-" > "$log" 2>&1
    rc=$?
    if (( rc != 0 )); then
        status=1
        echo "FAIL $target (exit $rc): last lines of $log:"
        grep -E "ERROR|SUMMARY|Test unit written|Base64|==[0-9]+==" "$log" | head -20
        tail -5 "$log"
    else
        grep -E "stat::number_of_executed_units|cov:" "$log" | tail -2
        echo "ok $target"
    fi
done
if (( status != 0 )); then
    keep=1
    echo "fuzz: crash inputs are in $work/crashes (reproduce: $work/bin/TARGET FILE); add each as a regression test in tests/test_robustness.cpp"
fi
exit $status
