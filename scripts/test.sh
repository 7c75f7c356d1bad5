#!/usr/bin/env bash
# Every test: install what is missing, build every layer, run ctest (the one runner).
# Extra arguments go to ctest, e.g. `scripts/test.sh -L lua`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
