#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The default build on a machine with only a C compiler and CMake (issue: safe build defaults):
# inside a private mount namespace, every tool but the compiler toolchain, CMake and coreutils is
# hidden, and so are the headers of libpcap, Lua, LuaJIT, Python and Tcl. Then the README's
#   cmake -S . -B build && cmake --build build && cmake --install build && ctest --test-dir build
# must pass, install the library, header, pkg-config file and CMake package, and report every
# optional part as skipped. Needs root and unshare (util-linux); run by ctest (label bare).
# Usage: bare_build.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$(cd "$1" && pwd)
work=$2
if [ "${SM_BARE_INSIDE:-}" != 1 ]; then
  rm -rf "$work" && mkdir -p "$work"
  exec unshare --mount --propagation private env SM_BARE_INSIDE=1 bash "$0" "$src" "$work"
fi

# /usr/bin becomes a copy of a few tools (copies: cmake and gcc find their files from their own
# path); /usr/sbin, /usr/local/bin and pyenv are hidden.
real=$work/realroot
mkdir -p "$real/usr/bin"
mount --bind /usr/bin "$real/usr/bin"
keep=(bash sh env cat cp mv rm mkdir rmdir ln ls grep sed awk mawk sort uniq head tail tr cut wc
      find xargs basename dirname readlink realpath touch chmod test true false uname date sleep
      cc gcc c99 cpp gcc-12 cpp-12 x86_64-linux-gnu-gcc-12 x86_64-linux-gnu-cpp-12 as ld ld.bfd ar
      ranlib nm strip objdump x86_64-linux-gnu-as x86_64-linux-gnu-ld x86_64-linux-gnu-ld.bfd
      x86_64-linux-gnu-ar x86_64-linux-gnu-ranlib make gmake cmake ctest cpack diff cmp od tee)
declare -A target # each tool's file, resolved while /usr/bin is still there (cc -> gcc-12)
for t in "${keep[@]}"; do
  if [ -e "/usr/bin/$t" ]; then target[$t]=$(readlink -f "/usr/bin/$t"); fi
done
r=$real/usr/bin # the real tools, once /usr/bin is hidden
mount -t tmpfs tmpfs /usr/bin
for t in "${!target[@]}"; do
  "$r/cp" "$r/${target[$t]#/usr/bin/}" "/usr/bin/$t"
done
for d in /usr/sbin /usr/local/bin /usr/local/sbin "${PYENV_ROOT:-/root/.pyenv}" /opt; do
  if [ -d "$d" ]; then "$r/mount" -t tmpfs tmpfs "$d"; fi
done
for d in /usr/include/pcap /usr/include/luajit-2.1 /usr/include/python3.11 /usr/include/tcl8.6 \
         /usr/include/lua5.1 /usr/include/lua5.2 /usr/include/lua5.3 /usr/include/lua5.4 \
         /usr/lib/x86_64-linux-gnu/pkgconfig /usr/share/pkgconfig /usr/lib/jvm; do
  if [ -d "$d" ]; then "$r/mount" -t tmpfs tmpfs "$d"; fi
done
for f in /usr/include/pcap.h /usr/include/lua.h /usr/include/lua.hpp /usr/include/luaconf.h; do
  if [ -e "$f" ]; then "$r/mount" --bind /dev/null "$f"; fi
done
export PATH=/usr/bin
for t in python3 lua5.1 luajit swig swig4.0 clang kamailio sipp valgrind pkg-config java perl ruby tclsh; do
  if command -v "$t" >/dev/null 2>&1; then echo "bare_build: $t is still visible" >&2; exit 1; fi
done

cd "$work"
cmake -S "$src" -B build | tee configure.log
cmake --build build -j2
cmake --install build --prefix "$work/prefix"
ctest --test-dir build --output-on-failure -j2

# Every optional part says it was skipped; the core's files are installed.
for part in PCAP PYTHON LUA SWIG KAMAILIO FUZZ MEMCHECK; do
  grep -q "sipmethods: $part (.*): skipped, " configure.log || { echo "bare_build: no skip line for $part" >&2; exit 1; }
done
for f in include/sipmethods.h include/sipmethods_export.h libsipmethods.a libsipmethods.so pkgconfig/sipmethods.pc \
         cmake/sipmethods/sipmethods-config.cmake bin/sipmethods man1/sipmethods.1; do
  [ -n "$(find "$work/prefix" -path "*/$f" -print -quit)" ] || { echo "bare_build: $f not installed" >&2; exit 1; }
done
# The CLI without libpcap reads raw messages and refuses a capture.
printf 'OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\n' | "$work/prefix/bin/sipmethods" classify - | grep -q OPTIONS
printf '\xd4\xc3\xb2\xa1\x02\x00\x04\x00\0\0\0\0\0\0\0\0\xff\xff\0\0\x01\0\0\0' > "$work/empty.pcap"
if "$work/prefix/bin/sipmethods" classify "$work/empty.pcap" 2> "$work/refusal.txt"; then
  echo "bare_build: a capture was accepted without libpcap" >&2; exit 1
fi
grep -qi "pcap" "$work/refusal.txt" || { echo "bare_build: the refusal does not name pcap" >&2; exit 1; }
echo "bare_build: passed"
