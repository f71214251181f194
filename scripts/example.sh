#!/usr/bin/env bash
# Builds aktkoll and checks the bundled example export with the shipped pack.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target aktkoll
./build/aktkoll check rules/missbruk cases/exempel.ndjson "$@" || [ $? -eq 1 ]
