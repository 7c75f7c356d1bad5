# SPDX-License-Identifier: MIT
"""The extension of this build imports in Debian's /usr/bin/python3 (3.11, the interpreter
Kamailio's app_python3 embeds), not only in the Python that built it."""
import json
import os
import subprocess
from pathlib import Path

import pytest

import sipmethods
from sipmethods import _core

SYSTEM_PYTHON = os.environ.get("SIPMETHODS_SYSTEM_PYTHON", "/usr/bin/python3")
CHECK = Path(__file__).resolve().parent / "check_import.py"


def test_imports_in_system_python():
    if not Path(SYSTEM_PYTHON).exists():
        pytest.skip("%s does not exist" % SYSTEM_PYTHON)
    suffixes = json.loads(subprocess.run(
        [SYSTEM_PYTHON, "-c", "import importlib.machinery, json; print(json.dumps(importlib.machinery.EXTENSION_SUFFIXES))"],
        capture_output=True, text=True, check=True).stdout)
    so = Path(_core.__file__).name
    if so[len("_core"):] not in suffixes:  # ".so" is in the list too: compare the whole suffix
        pytest.skip("%s is not built for %s (%s)" % (so, SYSTEM_PYTHON, " ".join(suffixes)))
    env = dict(os.environ, PYTHONPATH=str(Path(sipmethods.__file__).resolve().parents[1]))
    env.pop("PYTHONHOME", None)
    r = subprocess.run([SYSTEM_PYTHON, "-s", str(CHECK)], env=env, cwd="/", capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert os.path.realpath(got["executable"]) == os.path.realpath(SYSTEM_PYTHON)
    assert Path(got["core"]).resolve() == Path(_core.__file__).resolve()
    assert got["version"] == sipmethods.__version__
    assert got["allow"] == "INVITE, OPTIONS"
