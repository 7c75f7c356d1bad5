#!/usr/bin/env python3
"""Validates the hand-written JSON vectors and flattens them into vectors.tsv (see README.md).

Usage: flatten.py           writes vectors.tsv next to this script
       flatten.py --check   exits 1 if the committed vectors.tsv is not what the JSON gives
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TSV = os.path.join(HERE, "vectors.tsv")

ERRORS = ("OK", "SM_EPARTIAL", "SM_ENOSP", "SM_ESP", "SM_EMETHOD", "SM_EURI", "SM_EVERSION", "SM_ESTATUS",
          "SM_EREASON", "SM_ECSEQ", "SM_EALLOW", "SM_EFOLD", "SM_ELETTER", "SM_EARG")

# Each group's fields in README order, with their kind: bytes, int (signed 32-bit), uint (32-bit),
# bool, or error; a trailing "?" lets the field be null.
GROUPS = {
    "method": "index:uint name:bytes id:uint description:bytes rfc:bytes references:bytes letter:bytes "
              "category:bytes transaction:bytes has_response:bool cancelable:bool creates_dialog:bool "
              "target_refresh:bool offer_answer:bool in_dialog_only:bool",
    "lookup": "input:bytes id:uint id_ci:uint is_token:bool",
    "letters": "input:bytes set:uint? error:error offset:uint",
    "reject": "input:bytes allowed:uint status:int",
    "allow_parse": "input:bytes set:uint? exts:bytes? error:error offset:uint",
    "allow_format": "set:uint output:bytes",
    "classify": "input:bytes error:error offset:uint kind:bytes? method_id:uint? method:bytes? uri:bytes? "
                "version:bytes? status:int? reason:bytes? cseq:uint? cseq_method_id:uint? cseq_method:bytes? "
                "cseq_mismatch:bool? partial:bool? consumed:uint?",
    "status": "code:int reason:bytes? rfc:bytes? class:int equivalent:int deprecated:bool",
}
FIELDS = {g: [tuple(f.split(":")) for f in spec.split()] for g, spec in GROUPS.items()}

# classify: which fields a vector of each shape carries (the others are null, written %N).
CSEQ = {"cseq", "cseq_method_id", "cseq_method"}
SHAPES = {
    "error": {"input", "error", "offset"},
    "request": {"input", "error", "offset", "kind", "method_id", "method", "uri", "version",
                "cseq_mismatch", "partial", "consumed"},
    "response": {"input", "error", "offset", "kind", "version", "status", "reason", "partial", "consumed"},
}


class VectorError(Exception):
    """A vector that breaks the rules of README.md."""


def reject_duplicates(pairs):
    """json object hook: a dict, refusing a key given twice."""
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise VectorError("duplicate keys %s" % sorted(dup))
    return dict(pairs)


def check_text(s, what):
    """Raises unless s is a str of U+0000..U+00FF only (one byte each)."""
    if not isinstance(s, str):
        raise VectorError("%s: expected a string, got %r" % (what, s))
    bad = [c for c in s if ord(c) > 0xFF]
    if bad:
        raise VectorError("%s: %r is above U+00FF; write UTF-8 as its bytes" % (what, bad[0]))


def check_value(value, kind, what):
    """Raises unless value fits kind (see GROUPS); the input field may be a list of strings."""
    nullable = kind.endswith("?")
    kind = kind.rstrip("?")
    if value is None:
        if not nullable:
            raise VectorError("%s: may not be null" % what)
    elif kind == "bytes":
        check_text(value, what)
    elif kind == "bool":
        if not isinstance(value, bool):
            raise VectorError("%s: expected true/false, got %r" % (what, value))
    elif kind == "error":
        if value not in ERRORS:
            raise VectorError("%s: unknown error %r" % (what, value))
    else:
        lo, hi = (0, 2**32 - 1) if kind == "uint" else (-2**31, 2**31 - 1)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            raise VectorError("%s: expected an integer in %d..%d, got %r" % (what, lo, hi, value))


def classify_keys(v):
    """The exact set of keys a classify vector of v's shape must have."""
    result = v.get("error") == "OK" or (v.get("error") == "SM_EPARTIAL" and "kind" in v)
    shape = v.get("kind", "error") if result else "error"
    if shape not in SHAPES:
        raise VectorError("kind must be request or response, got %r" % shape)
    keys = set(SHAPES[shape])
    if shape != "error" and CSEQ & set(v):
        keys |= CSEQ
    return keys


def check_consistency(group, v):
    """Raises when results and the error field disagree (results only on success, offset 0 then)."""
    if "error" in v:
        failed = v["error"] != "OK"
        if not failed and v["offset"] != 0:
            raise VectorError("offset must be 0 on success")
        results = [k for k in ("set", "exts") if k in v]
        if any((v[k] is None) != failed for k in results):
            raise VectorError("%s must be null exactly when error is not OK" % "/".join(results))
    if group == "classify" and "partial" in v:
        if v["partial"] != (v["error"] == "SM_EPARTIAL"):
            raise VectorError("partial is true exactly when error is SM_EPARTIAL")
        if v["partial"] and (v["offset"] != len(v["input"]) or CSEQ & set(v)):
            raise VectorError("a partial result has offset len(input) and no CSeq")
    if group == "status" and (v["reason"] is None) != (v["rfc"] is None):
        raise VectorError("reason and rfc are null together")


def check_vector(group, v):
    """Raises unless v has exactly the fields its group (and shape) needs, each of the right kind."""
    if "input" in v and isinstance(v["input"], list):
        for i, part in enumerate(v["input"]):
            check_text(part, "input[%d]" % i)
        v = dict(v, input="".join(v["input"]))
    want = classify_keys(v) if group == "classify" else {name for name, _ in FIELDS[group]}
    have = set(v) - {"note"}
    if have != want:
        raise VectorError("fields: missing %s, unexpected %s" % (sorted(want - have), sorted(have - want)))
    if "note" in v:
        check_text(v["note"], "note")
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in v["note"]):
            raise VectorError("note: control characters would break the line")
    for name, kind in FIELDS[group]:
        check_value(v.get(name), kind, name)
    check_consistency(group, v)
    return v


def escape(value):
    """One TSV field: %N for null, integers in decimal, booleans 0/1, bytes escaped as README says."""
    if value is None:
        return "%N"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    return "".join(c if 0x21 <= ord(c) <= 0x7E and c != "%" else "%%%02X" % ord(c) for c in value)


def load():
    """{group: [(file, vector), ...]} from every *.json here, files in name order."""
    groups = {g: [] for g in GROUPS}
    for path in sorted(glob.glob(os.path.join(HERE, "*.json"))):
        name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            try:
                data = json.load(f, object_pairs_hook=reject_duplicates)
            except (ValueError, VectorError) as e:
                raise VectorError("%s: %s" % (name, e)) from None
        for group, vectors in data.items():
            if group not in GROUPS:
                raise VectorError("%s: unknown group %r" % (name, group))
            for i, v in enumerate(vectors):
                try:
                    groups[group].append((name, check_vector(group, v)))
                except VectorError as e:
                    raise VectorError("%s: %s[%d]: %s" % (name, group, i, e)) from None
    return groups


def render(groups):
    """The whole vectors.tsv text: a header, then each group's vectors in a fixed order."""
    out = ["# sipmethods test vectors. Generated by flatten.py from the JSON files here; do not edit.",
           "# Format: README.md next to this file."]
    for group, vectors in groups.items():
        out.append("# %s: %s (%d vectors)" % (group, " ".join(n for n, _ in FIELDS[group]), len(vectors)))
        source = None
        for name, v in vectors:
            if name != source:
                out.append("#@ " + name)
                source = name
            if "note" in v:
                out.append("# " + v["note"])
            out.append("\t".join([group] + [escape(v.get(name)) for name, _ in FIELDS[group]]))
    return "\n".join(out) + "\n"


def main(argv):
    """Writes vectors.tsv, or with --check compares it; returns the exit status."""
    if argv not in ([], ["--check"]):
        sys.stderr.write(__doc__)
        return 2
    try:
        text = render(load())
    except VectorError as e:
        sys.stderr.write("flatten.py: %s\n" % e)
        return 1
    data = text.encode("utf-8")
    if argv == ["--check"]:
        try:
            with open(TSV, "rb") as f:
                current = f.read()
        except OSError:
            current = None
        if current != data:
            sys.stderr.write("flatten.py: %s is not up to date with the JSON; run flatten.py\n" % TSV)
            return 1
        return 0
    with open(TSV, "wb") as f:
        f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
