#!/bin/sh
# SPDX-License-Identifier: MIT
# The Python packages as a user gets them (ctest: python.package, labels python and package):
#   1. `python -m build` on a copy of the source: the sdist, then the wheel built from that
#      sdist, each in a fresh isolated venv (setuptools comes from PyPI). SIPMETHODS_PCAP=0:
#      the wheel's command line reads raw messages only, so it needs no library but glibc.
#   2. The sdist holds the licence, the core's sources, the tests and the vectors; both
#      archives hold LICENSE.
#   3. auditwheel show, then repair: the wheel must come out manylinux (the tag is printed).
#   4. For each interpreter (PYTHON, then SYSTEM_PYTHON, Debian's /usr/bin/python3): a fresh
#      venv that sees the interpreter's own site-packages (for pytest), the repaired wheel
#      installed with `pip install --no-index`, and the whole suite run against it from
#      outside the source tree.
# Usage: package.sh PYTHON SOURCE_DIR OUT_DIR [SYSTEM_PYTHON]
set -eu
py=$1 src=$(cd "$2" && pwd) out=$3 sys_py=${4:-}
rm -rf "$out"
mkdir -p "$out/src"
out=$(cd "$out" && pwd)

# A copy of the tracked (and new, not ignored) files: setuptools writes its egg-info next to
# the package, and the source tree stays untouched.
if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    (cd "$src" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf - 2>/dev/null) |
        tar xf - -C "$out/src"
else
    cp -R "$src/." "$out/src"
fi

echo "== python -m build (sdist, then the wheel from the sdist; isolated)"
SIPMETHODS_PCAP=0 "$py" -m build --outdir "$out/dist" "$out/src" >"$out/build.log" 2>&1 ||
    { cat "$out/build.log"; exit 1; }
sdist=$(ls "$out"/dist/sipmethods-*.tar.gz)
wheel=$(ls "$out"/dist/sipmethods-*.whl)
echo "$sdist"
echo "$wheel"

listing=$(tar tzf "$sdist")
for f in LICENSE pyproject.toml setup.py core/include/sipmethods.h core/src/lookup_inline.h \
         bindings/python/src/_core.c tests/python/test_vectors.py tests/vectors/vectors.tsv; do
    echo "$listing" | grep -qx "sipmethods-[^/]*/$f" || { echo "the sdist lacks $f"; exit 1; }
done
"$py" -m zipfile -l "$wheel" | grep -q 'dist-info/licenses/LICENSE' || { echo "the wheel lacks LICENSE"; exit 1; }

echo "== auditwheel"
"$py" -m auditwheel show "$wheel"
"$py" -m auditwheel repair --wheel-dir "$out/wheelhouse" "$wheel" >"$out/auditwheel.log" 2>&1 ||
    { cat "$out/auditwheel.log"; exit 1; }
repaired=$(ls "$out"/wheelhouse/sipmethods-*.whl)
case "$repaired" in
    *manylinux*) echo "repaired: $(basename "$repaired")" ;;
    *) echo "auditwheel gave no manylinux wheel: $repaired"; exit 1 ;;
esac

failed=""
n=0
for interp in "$py" $sys_py; do
    n=$((n + 1))
    venv="$out/venv$n"
    echo "== $interp: pip install --no-index $(basename "$repaired") into $venv"
    "$interp" -m venv --system-site-packages "$venv"
    "$venv/bin/python" -m pip install -q --no-index --no-deps --disable-pip-version-check "$repaired"
    (cd "$out" && env -u PYTHONPATH PYTHONDONTWRITEBYTECODE=1 "$venv/bin/python" -c '
import sys, sipmethods
assert sipmethods.__file__.startswith(sys.prefix), sipmethods.__file__
print("Python", sys.version.split()[0], "imports", sipmethods.__file__)')
    (cd "$out" && env -u PYTHONPATH PYTHONDONTWRITEBYTECODE=1 SIPMETHODS_VECTORS="$src/tests/vectors/vectors.tsv" \
        "$venv/bin/python" -m pytest -q -ra -p no:cacheprovider "$src/tests/python") || failed="$failed $interp"
done
[ -z "$failed" ] || { echo "the suite failed on the installed wheel under:$failed"; exit 1; }
