#!/usr/bin/env bash
# Installs the Debian packages aktkoll builds with, when any is missing.
# With package names as arguments, installs those instead (scripts/test-deps.sh),
# without the packages they merely recommend.
set -euo pipefail
packages=(g++ cmake make tao-pegtl-dev libboost-graph-dev libfmt-dev nlohmann-json3-dev catch2 libsimdjson-dev libssl-dev libtomlplusplus-dev libcsv-dev libsqlite3-dev libxlsxwriter-dev libzip-dev libexpat1-dev pkg-config)
options=()
if (($#)); then
  packages=("$@")
  options=(--no-install-recommends)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installerar: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
fi
