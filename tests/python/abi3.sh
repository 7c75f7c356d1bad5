#!/bin/sh
# SPDX-License-Identifier: MIT
# The abi3 build (SIPMETHODS_LIMITED_API=1, what a cp310-abi3 wheel holds): builds it into
# OUT with setup.py, checks that both extensions (_core and the optional _cli) were built,
# then runs the pytest suite on it and imports it in the system interpreter (Kamailio's).
# Usage: abi3.sh PYTHON SOURCE_DIR OUT_DIR [SYSTEM_PYTHON]     (ctest: python.abi3)
set -eu
py=$1 src=$2 out=$3 sys_py=${4:-}
rm -rf "$out"
cd "$src"
SIPMETHODS_LIMITED_API=1 PYTHONDONTWRITEBYTECODE=1 "$py" setup.py -q build_ext \
    --build-lib "$out/lib" --build-temp "$out/temp" >"$out.log" 2>&1 || { cat "$out.log"; exit 1; }
cp bindings/python/sipmethods/*.py bindings/python/sipmethods/*.pyi bindings/python/sipmethods/py.typed \
    "$out/lib/sipmethods/"
for ext in _core _cli; do
    if [ ! -f "$out/lib/sipmethods/$ext.abi3.so" ]; then
        echo "abi3.sh: sipmethods/$ext.abi3.so was not built:"; cat "$out.log"; exit 1
    fi
done
PYTHONPATH="$out/lib" PYTHONDONTWRITEBYTECODE=1 "$py" -c \
    'import sipmethods._core as c, sys; sys.exit(0 if c.LIMITED_API else "_core is not the limited-API build")'
PYTHONPATH="$out/lib" PYTHONDONTWRITEBYTECODE=1 "$py" -m pytest -q -p no:cacheprovider "$src/tests/python"
if [ -n "$sys_py" ] && [ -x "$sys_py" ]; then
    PYTHONPATH="$out/lib" PYTHONDONTWRITEBYTECODE=1 "$sys_py" -s "$src/tests/python/check_import.py"
fi
