#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The main job: install what is missing, build, show the method table and classify the samples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target sipmethods_cli >/dev/null
./build/cli/sipmethods list
echo
./build/cli/sipmethods classify examples/messages/*.sip
