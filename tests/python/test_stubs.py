# SPDX-License-Identifier: MIT
"""The type stubs: mypy.stubtest against the runtime, the enum members, and a strict mypy run."""
import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import sipmethods

PKG = Path(sipmethods.__file__).resolve().parent
STUB = PKG / "__init__.pyi"


def mypy_env():
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(PKG.parent)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    env.pop("MYPYPATH", None)
    return env


def need_mypy():
    try:
        import mypy  # noqa: F401
    except ImportError:
        pytest.skip("mypy is not installed")


def test_package_ships_stubs():
    assert (PKG / "py.typed").exists()
    assert STUB.exists() and (PKG / "_core.pyi").exists()


def test_stubtest(tmp_path):
    need_mypy()
    r = subprocess.run([sys.executable, "-m", "mypy.stubtest", "sipmethods"],
                       cwd=str(tmp_path), env=mypy_env(), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def stub_members(cls_name):
    tree = ast.parse(STUB.read_text())
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            return [(t.targets[0].id, ast.literal_eval(t.value)) for t in node.body
                    if isinstance(t, ast.Assign) and isinstance(t.value, ast.Constant)]
    raise AssertionError("no class %s in the stub" % cls_name)


def test_stub_members_are_the_runtime_ones():
    assert stub_members("Method") == [(m.name, int(m)) for m in sipmethods.METHODS]
    assert stub_members("Status") == [(s.name, int(s)) for s in sipmethods.Status]


def test_strict_mypy_on_typical_use(tmp_path):
    need_mypy()
    src = tmp_path / "use.py"
    src.write_text(textwrap.dedent('''
        from typing import Optional, Tuple, Union
        import sipmethods
        from sipmethods import Method, Request, Response, Status

        m: Optional[Method] = sipmethods.lookup(b"INVITE", ignore_case=True)
        if m is not None:
            d: str = m.description
            refs: Tuple[str, ...] = m.references
            ok: bool = m.cancelable
        r: Union[Request, Response] = sipmethods.classify("SIP/2.0 200 OK\\r\\n")
        if isinstance(r, Response):
            code: int = r.status
        s: Status = Status.SERVER_TIME_OUT
        phrase: str = s.reason
        methods, exts = sipmethods.parse_allow("INVITE, FOO")
        allow: str = sipmethods.format_allow(methods | Method.BYE)
        status: int = sipmethods.reject_status("BYE", [Method.INVITE, Method.ACK])
        why: Optional[str] = sipmethods.reason(404)
        try:
            sipmethods.from_letters("IX")
        except sipmethods.ParseError as e:
            where: int = e.offset
            what: Optional[str] = e.code
        partial: bool = r.partial
        every: Method = sipmethods.ALL_METHODS
    '''))
    r = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir",
                        str(tmp_path / "cache"), str(src)], cwd=str(tmp_path), env=mypy_env(),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
