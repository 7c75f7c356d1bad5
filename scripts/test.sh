#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every test: install what is missing, build every layer, run ctest (the one runner).
# Extra arguments go to ctest, e.g. `scripts/test.sh -L lua`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh test
# Every optional part forced ON: a missing dependency fails here instead of skipping silently.
parts=(PCAP PYTHON LUA SWIG KAMAILIO OPENRESTY WIRESHARK SANITIZE MEMCHECK FUZZ BARE DEB)
on=()
for p in "${parts[@]}"; do on+=("-DSIPMETHODS_WITH_$p=ON"); done
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "${on[@]}"
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" "$@"
