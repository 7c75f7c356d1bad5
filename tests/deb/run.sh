#!/bin/sh
# SPDX-License-Identifier: MIT
# The Debian packages end to end (ctest label deb; docs/debian.md):
#
#   run.sh SOURCE_DIR STATE_DIR
#
# checks that README.md's C example is tests/deb/readme_example.c; copies SOURCE_DIR's
# git-tracked files to a temporary directory and builds the packages there with
# dpkg-buildpackage (parallel=2, nocheck); runs lintian on them (no error allowed); installs
# them with apt-get; then, with no LUA_CPATH/PYTHONPATH set: builds and runs the README's C
# example with pkg-config and with the CMake package (shared and static), runs the CLI,
# requires the module in lua5.1 to lua5.4 and luajit, imports it in /usr/bin/python3, runs tshark
# with the installed Wireshark plugin, and runs the Kamailio route end to end for Lua and Python
# on the installed modules. The packages are
# purged at the end, pass or fail. Needs root (or sudo -n) for apt-get; exits 77 (skipped)
# when that or a tool (dpkg-buildpackage, kamailio, sipp, ...) is missing. STATE_DIR holds a
# marker while the packages are installed, so a run killed before its cleanup is cleaned up
# by the next one.
set -eu

src=$(cd "${1:?usage: run.sh SOURCE_DIR STATE_DIR}" && pwd)
state=${2:?usage: run.sh SOURCE_DIR STATE_DIR}
here=$(cd "$(dirname "$0")" && pwd)
packages="libsipmethods0 libsipmethods-dev sipmethods python3-sipmethods lua-sipmethods wireshark-sipmethods"
multiarch=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
marker=$state/deb-installed
# The system's tools only (no pyenv, virtualenv or /usr/local python3), as a Debian build has.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH

skip() { echo "deb: skipped: $*"; exit 77; }
fail() { echo "FAIL deb: $*"; exit 1; }
step() { echo "== $* ($(( $(date +%s) - t0 )) s)"; }
# Runs a command with no module search path variables, as an operator's shell or a service has.
clean_env() {
  env -u LUA_PATH -u LUA_CPATH -u LUA_INIT -u PYTHONPATH -u PYTHONHOME -u PYTHONUSERBASE \
      -u LUA_PATH_5_1 -u LUA_CPATH_5_1 -u LUA_PATH_5_2 -u LUA_CPATH_5_2 \
      -u LUA_PATH_5_3 -u LUA_CPATH_5_3 -u LUA_PATH_5_4 -u LUA_CPATH_5_4 \
      -u LUA_INIT_5_1 -u LUA_INIT_5_2 -u LUA_INIT_5_3 -u LUA_INIT_5_4 "$@"
}
installed() { dpkg-query -W -f='${Package} ${Status}\n' $packages 2>/dev/null | grep ' installed$' | cut -d' ' -f1; }

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || skip "apt-get needs root or passwordless sudo"
  sudo="sudo -n"
fi
for tool in dpkg-buildpackage lintian apt-get kamailio sipp lua5.1 lua5.2 lua5.3 lua5.4 luajit \
            /usr/bin/python3 cc pkg-config cmake git tshark; do
  command -v "$tool" >/dev/null 2>&1 || skip "$tool not found"
done
mkdir -p "$state"

purge() {
  left=$(installed | tr '\n' ' ')
  [ -z "$left" ] && return 0
  echo "deb: purging $left"
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get purge -y -qq $left >/dev/null
}

# Packages left by a run that was killed before its cleanup are purged; any other install of
# them is the machine owner's, which this test does not replace.
if [ -n "$(installed)" ]; then
  if [ -e "$marker" ]; then
    purge
  else
    fail "$(installed | tr '\n' ' ')already installed, not by this test: purge them first"
  fi
fi
rm -f "$marker"

t0=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/sipmethods-deb.XXXXXX")
cd "$work"
status=1
cleanup() {
  purge || status=1
  if [ -n "$(installed)" ]; then
    echo "FAIL deb: still installed after purge: $(installed | tr '\n' ' ')"
    status=1
  else
    rm -f "$marker"
  fi
  if [ "$status" -eq 0 ]; then rm -rf "$work"; else echo "deb: work directory kept: $work"; fi
  step "done"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- the README's example is the one built here ------------------------------------------
awk '/^## C$/ {c = 1; next} /^## / {c = 0} c && /^```c$/ {p = 1; next} p && /^```$/ {exit} p' \
  "$src/README.md" > "$work/readme.c"
sed -n '/^#include/,$p' "$here/readme_example.c" > "$work/copy.c"
diff -u "$work/readme.c" "$work/copy.c" >&2 ||
  fail "README.md's C example differs from tests/deb/readme_example.c (above)"

# --- copy and build ----------------------------------------------------------------------
step "copying the git-tracked files of $src"
mkdir "$work/src"
git -C "$src" ls-files -z --cached | (cd "$src" && xargs -0 sh -c \
  'for f; do [ -e "$f" ] && cp --parents -P "$f" "$0"; done' "$work/src")
[ -f "$work/src/debian/rules" ] || fail "debian/rules is not in the copy (not git-tracked?)"

step "dpkg-buildpackage -us -uc -b (parallel=2, nocheck)"
if ! (cd "$work/src" && DEB_BUILD_OPTIONS="parallel=2 nocheck" DEB_BUILD_PROFILES=nocheck \
      dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1; then
  grep -E 'error:|Error [0-9]' "$work/build.log" | head -n 20
  tail -n 15 "$work/build.log"
  fail "dpkg-buildpackage failed (log: $work/build.log)"
fi
debs=""
for p in $packages; do
  deb=$(ls "$work/${p}_"*.deb 2>/dev/null | head -n 1)
  [ -n "$deb" ] || fail "dpkg-buildpackage built no $p package"
  debs="$debs $deb"
done

step "lintian"
lint=0
lintian --fail-on error --display-info "$work"/sipmethods_*.changes > "$work/lintian.log" 2>&1 || lint=$?
grep -v 'running with root privileges' "$work/lintian.log" || true
[ "$lint" -eq 0 ] || fail "lintian reports an error (exit $lint)"
dpkg-deb -c "$work"/sipmethods_*.deb | grep -q ' \./usr/share/man/man1/sipmethods\.1\.gz$' ||
  fail "the sipmethods package has no man page sipmethods(1)"

step "apt-get install$debs"
touch "$marker"
# shellcheck disable=SC2086 # one word per file
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $debs \
  > "$work/install.log" 2>&1 || { cat "$work/install.log"; fail "apt-get install failed"; }

# --- C: pkg-config and the CMake package -------------------------------------------------
step "C: the README's example with pkg-config and with find_package(sipmethods)"
# shellcheck disable=SC2046 # pkg-config's words
cc -std=c99 -Wall -Wextra -Werror -o example "$here/readme_example.c" \
  $(pkg-config --cflags --libs sipmethods) || fail "the example does not build with pkg-config"
./example > example.out || fail "the example (pkg-config build) exits $?"
diff -u "$here/readme_example.out" example.out || fail "the example prints something else"
lib=$(ldd ./example | awk '$1 == "libsipmethods.so.0" { print $3 }')
[ -n "$lib" ] && [ "$(readlink -f "$lib")" = "$(readlink -f "/usr/lib/$multiarch/libsipmethods.so.0")" ] ||
  fail "the example does not load the packaged libsipmethods.so.0: $(ldd ./example)"
cmake -S "$here/consumer" -B consumer -DCMAKE_BUILD_TYPE=Release > consumer.log 2>&1 &&
  cmake --build consumer -j2 >> consumer.log 2>&1 || { cat consumer.log; fail "the CMake consumer does not build"; }
for kind in shared static; do
  ./consumer/example_$kind > example_$kind.out || fail "example_$kind exits $?"
  diff -u "$here/readme_example.out" example_$kind.out || fail "example_$kind prints something else"
done
if readelf -d consumer/example_static | grep -q 'NEEDED.*libsipmethods'; then
  fail "example_static needs libsipmethods.so (sipmethods::sipmethods_static is not static)"
fi

# --- the CLI and its man page ------------------------------------------------------------
step "the sipmethods command"
[ "$(command -v sipmethods)" = /usr/bin/sipmethods ] || fail "sipmethods is not /usr/bin/sipmethods"
sipmethods --version | grep -q '0\.1\.0' || fail "sipmethods --version: $(sipmethods --version 2>&1)"
sipmethods reason 481 | grep -q 'Call/Transaction Does Not Exist' ||
  fail "sipmethods reason 481: $(sipmethods reason 481 2>&1)"

# --- Lua and Python from the default search paths ----------------------------------------
step "Lua 5.1-5.4 and LuaJIT: require \"sipmethods\""
for lua in lua5.1 lua5.2 lua5.3 lua5.4 luajit; do
  clean_env $lua "$here/require.lua" "/usr/lib/$multiarch/lua" || fail "$lua: require \"sipmethods\""
done
step "/usr/bin/python3: import sipmethods"
clean_env /usr/bin/python3 -s "$here/import_check.py" /usr/lib/python3/dist-packages ||
  fail "/usr/bin/python3: import sipmethods"
clean_env /usr/bin/python3 -s -m sipmethods reason 481 | grep -q 'Call/Transaction Does Not Exist' ||
  fail "/usr/bin/python3 -m sipmethods reason 481: $(/usr/bin/python3 -m sipmethods reason 481 2>&1)"

# --- Wireshark: the plugin from its global folder, the Lua 5.2 module from the default cpath ---
step "tshark with the installed plugin"
clean_env /usr/bin/python3 -c 'import sys; sys.path.insert(0, sys.argv[1]); import pcap
pcap.write(sys.argv[2], [pcap.udp_frame(b"invite sip:a@b SIP/2.0\r\nCSeq: 1 invite\r\n\r\n"),
                         pcap.udp_frame(b"SUBSCRIBE sip:a@b SIP/2.0\r\nCSeq: 2 SUBSCRIBE\r\n\r\n")])' \
  "$src/tests/wireshark" "$work/plugin.pcap" || fail "writing the capture for tshark"
got=$(clean_env tshark -r "$work/plugin.pcap" -Y sipmethods -T fields -e sipmethods.method_id \
        -e sipmethods.extension -e sipmethods.creates_dialog 2>"$work/tshark.err" | tr '\t\n' ' ;')
[ "$got" = "524288 1 ;64  1;" ] ||
  fail "tshark with the installed plugin printed '$got' (want '524288 1 ;64  1;'): $(cat "$work/tshark.err")"

# --- Kamailio ----------------------------------------------------------------------------
for engine in lua python; do
  step "Kamailio app_$engine with the installed module"
  clean_env /usr/bin/python3 "$src/tests/kamailio/kamailio_test.py" --engine $engine --installed \
    --source "$work/src" --load 2000 || fail "Kamailio app_$engine end to end"
done

status=0
