# SPDX-License-Identifier: MIT
"""Shared helpers for the Python suite: the shared vectors (tests/vectors/vectors.tsv).

The suite imports whatever `sipmethods` is first on sys.path: the build tree under ctest
(PYTHONPATH), or an installed package. It never falls back to anything else.
"""
import os
import re
from pathlib import Path

import pytest

import sipmethods

HERE = Path(__file__).resolve().parent
VECTORS = Path(os.environ.get("SIPMETHODS_VECTORS", HERE.parent / "vectors" / "vectors.tsv"))

_ESC = re.compile(rb"%([0-9A-F]{2})")


def unescape(field):
    """A vectors.tsv field as bytes, or None for %N (README.md: %XX is one byte)."""
    if field == b"%N":
        return None
    return _ESC.sub(lambda m: bytes([int(m.group(1), 16)]), field)


def load_vectors():
    """{group: [(source, [fields as bytes or None])]}; source names the JSON file the vector
    comes from (the last `#@ FILE.json` line), its line in vectors.tsv, the group and the
    input as escaped there, so that a failing vector says where it is."""
    groups = {}
    origin = "?"
    with open(VECTORS, "rb") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip(b"\n")
            if line.startswith(b"#@"):
                origin = line[2:].strip().decode("ascii")
            if not line or line.startswith(b"#"):
                continue
            group, *fields = line.split(b"\t")
            group = group.decode("ascii")
            where = "%s:L%d:%s:%s" % (origin, lineno, group, fields[0][:60].decode("ascii"))
            groups.setdefault(group, []).append((where, [unescape(x) for x in fields]))
    return groups


VECTOR_GROUPS = load_vectors() if VECTORS.exists() else {}


def vectors(group):
    """pytest parameters for one group, each identified by its source (load_vectors)."""
    rows = VECTOR_GROUPS.get(group, [])
    if not rows:
        return [pytest.param(None, marks=pytest.mark.skip(reason="no %s vectors in %s" % (group, VECTORS)))]
    return [pytest.param(fields, id=where) for where, fields in rows]


def text(b):
    """How a str-taking API sees the bytes b: UTF-8 with surrogateescape (round-trips)."""
    return b.decode("utf-8", "surrogateescape")


def raw(s):
    """The bytes of a str an API returned, for a byte-exact comparison."""
    return s.encode("utf-8", "surrogateescape")


def both(b):
    """The same input as bytes and as str."""
    return [b, text(b)]


@pytest.fixture(scope="session")
def sm():
    return sipmethods
