#!/bin/sh
# SPDX-License-Identifier: MIT
# `luarocks make` of the top-level rockspec, in a copy of the tree (it writes objects next to
# the sources), for one Lua version; then the Lua suite against the rock it installed, run by
# that version's interpreter or by INTERPRETER (luajit over the 5.1 rock: the FFI front).
# Usage: rockspec.sh SOURCE_DIR LUA_VERSION WORK_DIR [INTERPRETER]
set -eu
src=$1 ver=$2 work=$3 lua=${4:-lua$2}
rm -rf "$work" && mkdir -p "$work/src"
cp -R "$src/core" "$src/bindings" "$src/tests" "$src"/sipmethods-*.rockspec "$work/src/"
mkdir -p "$work/src/docs"  # the rockspec copies docs/ into the rock
cd "$work/src"
luarocks lint sipmethods-*.rockspec
luarocks --lua-version "$ver" --tree "$work/tree" make >"$work/make.log" 2>&1 || { cat "$work/make.log"; exit 1; }
exec "$lua" tests/lua/test_sipmethods.lua "$work/tree/share/lua/$ver;$work/tree/lib/lua/$ver" \
  tests/vectors/vectors.tsv
