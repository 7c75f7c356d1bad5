#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the fuzz targets with clang and runs each for SECONDS on its seed corpus.
#
# usage: tests/fuzz/run.sh [-b BUILD_DIR] [-c CORPUS_DIR] [-j JOBS] [-n] SECONDS [TARGET...]
#   TARGET: fuzz_lookup or lookup, etc. (the binaries fuzz_* in BUILD_DIR)
#   -b  build directory (default: build-fuzz at the top of the repository)
#   -c  keep the corpora in CORPUS_DIR/TARGET (default: a temporary copy, removed afterwards)
#   -j  run JOBS targets at a time (default 1)
#   -n  do not configure/build (the binaries are already there: ctest builds them first)
# Every target is built and run by default. Environment: CC (default clang), PYTHON (default
# python3, for the seeds; without it the targets start from an empty corpus), FUZZ_ARGS (more
# libFuzzer flags). Crash inputs land in BUILD_DIR/artifacts/, logs in BUILD_DIR/logs/.
# Exit status: 0 if every target ran its time without finding anything.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$here/../../build-fuzz
corpora=
jobs=1
do_build=1
while getopts b:c:j:n opt; do
    case $opt in
    b) build=$OPTARG ;;
    c) corpora=$OPTARG ;;
    j) jobs=$OPTARG ;;
    n) do_build= ;;
    *) sed -n '4,14p' "$0" >&2; exit 2 ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n '4,14p' "$0" >&2; exit 2; }
seconds=$1
shift

if [ -n "$do_build" ]; then
    cmake -S "$here" -B "$build" -DCMAKE_C_COMPILER="${CC:-clang}" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    cmake --build "$build" -j "$jobs" >/dev/null
fi
build=$(cd "$build" && pwd)
if [ $# -eq 0 ]; then
    set -- $(cd "$build" && ls fuzz_* | grep -v '\.')
else # a target may be named with or without its fuzz_ prefix
    for t in "$@"; do
        shift
        set -- "$@" "fuzz_${t#fuzz_}"
    done
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sm-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
mkdir -p "$build/artifacts" "$build/logs"

# run_one TARGET: seeds a corpus, fuzzes for $seconds, prints the exec count; status of the fuzzer.
run_one() {
    corpus=${corpora:+$corpora/$1}
    corpus=${corpus:-$tmp/corpus-$1}
    mkdir -p "$corpus"
    "${PYTHON:-python3}" "$here/seeds.py" "$1" "$corpus" >/dev/null 2>&1 ||
        echo "$1: no seeds (python or the vectors missing), starting empty" >&2
    log=$build/logs/$1.log
    status=0
    # shellcheck disable=SC2086
    "$build/$1" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=25 -print_final_stats=1 \
        -artifact_prefix="$build/artifacts/$1-" ${FUZZ_ARGS:-} "$corpus" >"$log" 2>&1 || status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    units=$(ls "$corpus" | wc -l)
    if [ $status -eq 0 ]; then
        echo "$1: OK, ${execs:-?} execs in ${seconds}s, corpus $units"
    else
        echo "$1: FAILED (status $status), ${execs:-?} execs; log $log:" >&2
        grep -E 'ERROR|property violated|SUMMARY|Test unit written|^ *#[0-9]+ ' "$log" | head -20 >&2
    fi
    return $status
}

failed=0
while [ $# -gt 0 ]; do
    pids=
    i=0
    while [ $# -gt 0 ] && [ $i -lt "$jobs" ]; do
        run_one "$1" &
        pids="$pids $!"
        shift
        i=$((i + 1))
    done
    for p in $pids; do
        wait "$p" || failed=1
    done
done
exit $failed
