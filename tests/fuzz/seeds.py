#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the seed corpus of one fuzz target into a directory, one file per input.

The inputs come from the shared test vectors (tests/vectors/vectors.tsv, or the JSON files
it is flattened from while it does not exist yet), from tests/fuzz/seeds/extra.tsv (inputs
the vectors do not cover, same format as vectors.tsv) and from examples/messages/ for
classify. Nothing is copied into the tree: run it into a temporary directory.

usage: seeds.py TARGET OUTDIR
"""
import hashlib
import json
import os
import re
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
VECTORS = os.path.join(ROOT, "tests", "vectors")

# target -> (group, how a vector's fields become the fuzz input)
NAME = lambda f: f[0].encode("latin-1")
U32 = lambda v: struct.pack("<I", int(v) & 0xFFFFFFFF)
TARGETS = {
    "fuzz_is_token": [("lookup", NAME), ("method", lambda f: f[1].encode("latin-1"))],
    "fuzz_lookup": [("lookup", NAME), ("method", lambda f: f[1].encode("latin-1"))],
    "fuzz_lookup_ci": [("lookup", NAME), ("method", lambda f: f[1].encode("latin-1"))],
    "fuzz_reject_status": [("reject", lambda f: U32(f[1]) + NAME(f))],
    "fuzz_from_letters": [("letters", NAME)],
    "fuzz_classify": [("classify", NAME)],
    "fuzz_allow_parse": [("allow_parse", NAME)],
    "fuzz_allow_roundtrip": [("allow_parse", NAME), ("allow_format", lambda f: U32(f[0]))],
}
# JSON keys in field order, for the groups seeds use, while vectors.tsv is not there.
JSON_FIELDS = {"lookup": ["input"], "method": ["index", "name"], "reject": ["input", "allowed"],
               "letters": ["input"], "classify": ["input"], "allow_parse": ["input"],
               "allow_format": ["set"]}


def unescape(field):
    """A vectors.tsv field: %XX is a byte, %N is null; returns a latin-1 str or None."""
    if field == "%N":
        return None
    return re.sub(r"%([0-9A-F]{2})", lambda m: chr(int(m.group(1), 16)), field)


def tsv_rows(path):
    with open(path, encoding="latin-1") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                group, *fields = line.split("\t")
                yield group, [unescape(x) for x in fields]


def json_rows(directory):
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            doc = json.load(f)
        for group, items in doc.items() if isinstance(doc, dict) else ():
            if group in JSON_FIELDS and isinstance(items, list):
                for item in items:
                    if all(k in item for k in JSON_FIELDS[group]):
                        yield group, [str(item[k]) for k in JSON_FIELDS[group]]


def rows():
    tsv = os.path.join(VECTORS, "vectors.tsv")
    yield from tsv_rows(tsv) if os.path.exists(tsv) else json_rows(VECTORS)
    yield from tsv_rows(os.path.join(HERE, "seeds", "extra.tsv"))


def main():
    import capture_seeds  # the CLI's capture targets: frames and captures, not vectors
    if len(sys.argv) != 3 or sys.argv[1] not in set(TARGETS) | set(capture_seeds.TARGETS):
        sys.exit("usage: seeds.py {%s} OUTDIR" % "|".join(list(TARGETS) + list(capture_seeds.TARGETS)))
    target, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    inputs = capture_seeds.seeds(target) if target in capture_seeds.TARGETS else []
    for group, fields in rows() if target in TARGETS else ():
        for want, make in TARGETS[target]:
            if group == want and fields and fields[0] is not None:
                inputs.append(make(fields))
    if target == "fuzz_classify":
        msgs = os.path.join(ROOT, "examples", "messages")
        for name in sorted(os.listdir(msgs)) if os.path.isdir(msgs) else ():
            with open(os.path.join(msgs, name), "rb") as f:
                inputs.append(f.read())
    for data in inputs:
        with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
            f.write(data)
    print("%s: %d seeds" % (target, len(set(inputs))))


if __name__ == "__main__":
    main()
