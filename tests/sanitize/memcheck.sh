#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs an interpreter's test suite for a sipmethods binding under valgrind memcheck.
#
# usage: tests/sanitize/memcheck.sh INTERPRETER TEST [ARG...]
#   e.g. memcheck.sh lua5.4 tests/lua/test_sipmethods.lua build/lua/5.4 tests/vectors/vectors.tsv
#        memcheck.sh python3 -m pytest -q tests/python          (any interpreter arguments work)
# Fails (status 1) on any invalid read or write, use of uninitialised memory, or leak that
# valgrind calls "definitely lost"; the test's own failures keep their status. The interpreters'
# own noise is suppressed by tests/sanitize/valgrind.supp; Python runs with PYTHONMALLOC=malloc so
# memcheck sees every object. Environment: VALGRIND (default valgrind), MEMCHECK_ARGS (more flags),
# MEMCHECK_LOG (valgrind's log file; default: stderr).
set -eu
[ $# -ge 2 ] || { sed -n '4,6p' "$0" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
command -v "${VALGRIND:-valgrind}" >/dev/null || { echo "memcheck.sh: valgrind not found" >&2; exit 77; }
undef=
case $(basename "$1") in
python*)
    # The real interpreter, not a wrapper script (pyenv shims), so memcheck runs Python itself.
    py=$("$1" -c 'import sys; print(sys.executable)')
    shift
    set -- "$py" "$@"
    # CPython < 3.12 leaves ob_digit[0] of a zero int uninitialised (_PyLong_New); the value
    # then flows through ceval and the GC from interpreter start-up on, on every run, with no
    # frame of ours to suppress by. Such Pythons are checked for invalid accesses and leaks only.
    if "$1" -c 'import sys; sys.exit(sys.version_info >= (3, 12))'; then
        undef=--undef-value-errors=no
        echo "memcheck.sh: Python < 3.12, uninitialised-value errors not checked" >&2
    fi
    ;;
esac
PYTHONMALLOC=malloc
# Tells a suite that size-based leak checks do not hold here (memcheck checks leaks itself).
SIPMETHODS_MEMCHECK=1
export PYTHONMALLOC SIPMETHODS_MEMCHECK
# shellcheck disable=SC2086
exec "${VALGRIND:-valgrind}" --tool=memcheck --error-exitcode=1 --leak-check=full \
    --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    --num-callers=30 --suppressions="$here/valgrind.supp" $undef \
    ${MEMCHECK_LOG:+--log-file="$MEMCHECK_LOG"} ${MEMCHECK_ARGS:-} "$@"
