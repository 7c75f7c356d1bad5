#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs bench_lookup.lua under lua5.1, lua5.4 and luajit against a CMake build's modules.
# Usage: bench/lua/run.sh [BUILD_DIR] [ROUNDS] [CALLS]    (BUILD_DIR default: build)
set -e
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
shift 2>/dev/null || true
for v in 5.1 5.4 luajit; do
  case $v in luajit) lua=luajit mod=sipmethods.lua ;; *) lua=lua$v mod=sipmethods.so ;; esac
  if command -v "$lua" >/dev/null 2>&1 && [ -f "$build/lua/$v/$mod" ]; then
    "$lua" "$here/bench_lookup.lua" "$build/lua/$v" "$@"
  else
    echo "$lua: skipped (no interpreter or no $build/lua/$v/$mod)"
  fi
done
