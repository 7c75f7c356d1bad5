# SPDX-License-Identifier: MIT
"""`python -m sipmethods` is the C command line: the same output and exit status, byte for byte.

The C program to compare with is $SIPMETHODS_CLI (ctest sets it to the built `sipmethods`).
"""
import os
import subprocess
import sys
from pathlib import Path

import pytest

TOP = Path(__file__).resolve().parents[2]
SAMPLES = sorted(str(p) for p in (TOP / "examples" / "messages").glob("*.sip"))
C_CLI = os.environ.get("SIPMETHODS_CLI")

CASES = [
    ["--help"],
    ["--version"],
    ["list"],
    ["list", "--format", "csv"],
    ["list", "--format", "json"],
    ["list", "--format", "markdown"],
    ["info", "SUBSCRIBE"],
    ["info", "invite"],
    ["info", "--ignore-case", "invite"],
    ["info", "IN VITE"],
    ["allow", "INVITE, ACK,CANCEL ,OPTIONS, foo"],
    ["allow", "INVITE ACK"],
    ["reason", "481"],
    ["reason", "299"],
    ["reason", "99"],
    ["classify", *SAMPLES],
    ["classify", "--summary", *SAMPLES],
    ["classify", "/nonexistent/file.sip"],
    ["nonsense"],
    [],
]


def run(cmd, stdin=b""):
    done = subprocess.run(cmd, input=stdin, capture_output=True, timeout=60)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.skipif(C_CLI is None, reason="SIPMETHODS_CLI (the C program) not given; ctest sets it")
@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a)[:60] or "(none)")
def test_same_as_c_cli(args):
    assert run([C_CLI, *args]) == run([sys.executable, "-m", "sipmethods", *args])


@pytest.mark.skipif(C_CLI is None, reason="SIPMETHODS_CLI (the C program) not given; ctest sets it")
def test_stdin_same_as_c_cli():
    msg = b"OPTIONS sip:a@b SIP/2.0\r\nCSeq: 1 OPTIONS\r\n\r\nSIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n\r\n"
    assert run([C_CLI, "classify"], msg) == run([sys.executable, "-m", "sipmethods", "classify"], msg)


def test_module_runs_list():
    code, out, err = run([sys.executable, "-m", "sipmethods", "list", "--format", "csv"])
    assert (code, err) == (0, b"")
    lines = out.decode().splitlines()
    assert lines[0] == "name,id,description,rfc,references,letter"
    assert [l.split(",")[0] for l in lines[1:]] == [m.name for m in __import__("sipmethods").METHODS]
