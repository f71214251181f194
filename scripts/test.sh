#!/usr/bin/env bash
# Builds and runs the whole test suite: a release build with -Werror, its
# Debian package installed into a clean Debian 12 (tests/install.sh), and a
# build with address and undefined-behaviour sanitizers. The programs the
# tests need (Chromium, LibreOffice, Graphviz, clang, debootstrap, ...) are
# installed first (scripts/test-deps.sh), and a test fails rather than skips
# when one is missing (AKTKOLL_REQUIRE_VIEWERS=1).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/test-deps.sh
export AKTKOLL_REQUIRE_VIEWERS=1
jobs="$(nproc)"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAKTKOLL_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
(cd build && ctest --output-on-failure -j"$jobs")
bash tests/install.sh build
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DAKTKOLL_SANITIZE=ON -DAKTKOLL_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j"$jobs")
