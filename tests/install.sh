#!/usr/bin/env bash
# The Debian package as a user gets it (docs/install.md): builds it with
# CPack, checks what it holds and declares, installs it with apt into a clean
# Debian 12 (a debootstrap chroot: no checkout, no build tree, no build
# dependencies, only what the package pulls in) and there checks the example
# with the installed pack by name, `aktkoll test missbruk`, a local layer that
# says `uses "missbruk"`, --version, a man page and bash completion.
#
#   tests/install.sh BUILD-DIR
#
# Needs root (chroot, mount; through sudo when not root) and debootstrap. The
# clean root is debootstrapped once and kept as BUILD-DIR/debian12-minbase.tar;
# every run unpacks a fresh copy. Without debootstrap the package is installed
# on this machine instead (dpkg -i, removed again afterwards) and run from an
# empty folder; under AKTKOLL_REQUIRE_VIEWERS=1 a missing debootstrap fails
# (tests/missing_tool.sh).
# AKTKOLL_DEBIAN_MIRROR chooses the mirror (default: debootstrap's).
set -u
build=$(cd "${1:?usage: tests/install.sh BUILD-DIR}" && pwd) || exit 2
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/tests/missing_tool.sh"
fail() { echo "install: FAIL: $*"; exit 1; }
if [[ $(id -u) != 0 ]]; then
    command -v sudo > /dev/null && exec sudo --preserve-env=AKTKOLL_REQUIRE_VIEWERS,AKTKOLL_DEBIAN_MIRROR bash "$0" "$build"
    missing_tool install "root" "sudo"
fi

# --- the package -----------------------------------------------------------
rm -f "$build"/aktkoll_*.deb
cmake --build "$build" --target package > "$build/package.log" 2>&1 || fail "cpack: $(tail -20 "$build/package.log")"
deb=$(ls "$build"/aktkoll_*.deb 2> /dev/null | head -1)
[[ -n "$deb" ]] || fail "no aktkoll_*.deb in $build"
contents=$(dpkg-deb -c "$deb" | awk '{ print $6 }')
for f in ./usr/bin/aktkoll ./usr/share/aktkoll/rules/missbruk/00-pack.akt ./usr/share/aktkoll/rules/missbruk/tests/ \
         ./usr/share/aktkoll/rules/exempel-kommun/pack.akt ./usr/share/doc/aktkoll/examples/exempel.ndjson \
         ./usr/share/doc/aktkoll/install.md ./usr/share/man/man1/aktkoll.1.gz ./usr/share/man/man1/aktkoll-check.1.gz \
         ./usr/share/man/en/man1/aktkoll-test.1.gz ./usr/share/bash-completion/completions/aktkoll; do
    grep -qxF "$f" <<< "$contents" || fail "the package lacks $f"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libfmt libsimdjson libssl3 libsqlite3 libxlsxwriter libcsv libstdc++6; do
    grep -q "$lib" <<< "$depends" || fail "Depends lacks $lib: $depends"
done
echo "install: $(basename "$deb") holds the binary, packs, examples, man pages and completion; Depends: $depends"

# --- what the installed package must do, wherever it is installed ----------
# Run in an empty folder, with a clean environment: nothing of the checkout.
cat > "$build/installed-checks.sh" <<'CHECKS'
set -u
fail() { echo "install: FAIL (installed): $*"; exit 1; }
export AKTKOLL_EVALUATION_DATE=2026-07-02
work=$(mktemp -d)
cd "$work" || exit 2
command -v aktkoll | grep -qx /usr/bin/aktkoll || fail "aktkoll is not /usr/bin/aktkoll"
aktkoll --version > version.txt || fail "--version"
grep -q "^byggd för: " version.txt && grep -q "^bibliotek: .*simdjson" version.txt || fail "--version: $(cat version.txt)"
grep -q "/usr/share/aktkoll/rules" version.txt || fail "--version does not name the installed packs"
examples=/usr/share/doc/aktkoll/examples
aktkoll check missbruk $examples/exempel.ndjson --format md > check.md 2> check.err
[[ $? == 1 ]] || fail "check missbruk: exit code not 1 (the example has Nej): $(cat check.err)"
grep -q "K-2024-001" check.md || fail "the report lacks the example's cases"
grep -q "/usr/share/aktkoll/rules/missbruk/00-pack.akt" check.md || fail "the report does not record the installed pack file"
aktkoll test missbruk > test.out || fail "aktkoll test missbruk: $(tail -3 test.out)"
grep -q " 0 underkända, 0 trasiga" test.out || fail "aktkoll test missbruk: $(tail -1 test.out)"
mkdir lokal
printf 'pack lokal\n  version "1"\n  title "Lokalt lager"\nuses "missbruk"\n\noverride parameter utredning_inom_dagar = 7 because "Lokal riktlinje"\n' > lokal/pack.akt
aktkoll check lokal $examples/exempel.ndjson --format json > lokal.json 2> lokal.err
[[ $? == 1 ]] || fail "a local layer with uses \"missbruk\": $(cat lokal.err)"
grep -q '"/usr/share/aktkoll/rules/missbruk/' lokal.json || fail "the local layer's report does not record the installed base pack"
aktkoll check nosuchpack $examples/exempel.ndjson > /dev/null 2>&1
[[ $? == 2 ]] || fail "an unknown pack name is not an error"
zcat /usr/share/man/man1/aktkoll-check.1.gz | grep -q -- '\\-\\-format' || fail "man page aktkoll-check(1) lacks --format"
source /usr/share/bash-completion/completions/aktkoll
COMP_WORDS=(aktkoll ch); COMP_CWORD=1; _aktkoll
[[ " ${COMPREPLY[*]} " == *" check "* ]] || fail "completion of 'ch': ${COMPREPLY[*]}"
COMP_WORDS=(aktkoll check miss); COMP_CWORD=2; _aktkoll
[[ " ${COMPREPLY[*]} " == *" missbruk "* ]] || fail "completion of a pack name: ${COMPREPLY[*]}"
COMP_WORDS=(aktkoll check --for); COMP_CWORD=2; _aktkoll
[[ " ${COMPREPLY[*]} " == *" --format "* ]] || fail "completion of an option: ${COMPREPLY[*]}"
rm -rf "$work"
echo "install: the installed aktkoll checks the example with missbruk by name, passes aktkoll test missbruk, finds uses \"missbruk\""
CHECKS

# --- a clean Debian 12 -----------------------------------------------------
if ! command -v debootstrap > /dev/null; then
    [[ "${AKTKOLL_REQUIRE_VIEWERS:-}" == 1 ]] && missing_tool install debootstrap debootstrap
    echo "install: no debootstrap: installing on this machine with dpkg -i instead"
    had=$(dpkg-query -W -f='${Status}' aktkoll 2> /dev/null | grep -c "install ok installed")
    PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -i "$deb" > "$build/dpkg.log" 2>&1 || fail "dpkg -i: $(tail -5 "$build/dpkg.log")"
    env -i PATH=/usr/bin:/bin HOME=/nonexistent bash "$build/installed-checks.sh"
    status=$?
    [[ $had == 1 ]] || PATH=/usr/sbin:/usr/bin:/sbin:/bin dpkg -r aktkoll > /dev/null 2>&1
    exit $status
fi
cache=$build/debian12-minbase.tar
if [[ ! -s "$cache" ]]; then
    fresh=$(mktemp -d "$build/debootstrap.XXXXXX")
    echo "install: debootstrap of Debian 12 (once; kept as $cache)"
    debootstrap --variant=minbase bookworm "$fresh" ${AKTKOLL_DEBIAN_MIRROR:-} > "$build/debootstrap.log" 2>&1 ||
        { rm -rf "$fresh"; fail "debootstrap: $(tail -5 "$build/debootstrap.log")"; }
    tar -C "$fresh" -cf "$cache.part" . && mv "$cache.part" "$cache"
    rm -rf "$fresh"
fi
chroot=$(mktemp -d "$build/debian12.XXXXXX")
cleanup() {  # never removes files through a /proc still mounted
    if mountpoint -q "$chroot/proc"; then umount "$chroot/proc" || umount -l "$chroot/proc"; fi
    mountpoint -q "$chroot/proc" || rm -rf "$chroot"
}
trap cleanup EXIT
tar -C "$chroot" -xf "$cache" || fail "cannot unpack $cache"
cp /etc/resolv.conf "$chroot/etc/resolv.conf" 2> /dev/null
mount -t proc proc "$chroot/proc" 2> /dev/null || echo "install: /proc not mounted in the chroot (the compiled-in pack folder is used)"
cp "$deb" "$chroot/tmp/" && cp "$build/installed-checks.sh" "$chroot/tmp/"
in_root() { env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 DEBIAN_FRONTEND=noninteractive chroot "$chroot" "$@"; }
in_root apt-get update -qq > "$build/apt.log" 2>&1 || fail "apt-get update in the chroot: $(tail -5 "$build/apt.log")"
in_root apt-get install -y -qq "/tmp/$(basename "$deb")" >> "$build/apt.log" 2>&1 ||
    fail "apt install ./$(basename "$deb") in a clean Debian 12: $(tail -5 "$build/apt.log")"
[[ ! -e "$chroot$root" ]] || fail "the checkout is visible in the chroot"
in_root bash /tmp/installed-checks.sh
