#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measures sipmethods.classify against an idiomatic pure-Python regex classifier.

Both read the same messages (bench_c --dump: the C benchmark's pool of realistic requests and
responses, NUL-separated) and extract the same fields: for a request the method, Request-URI,
version, CSeq number and CSeq method; for a response the version, status, reason and CSeq.
Prints best-of-N nanoseconds per message, measured in one process and interleaved (every round
times each candidate once, in turn), and the ratio the goal is stated in (regex / classify >= 5).

Usage: PYTHONPATH=<dir holding sipmethods> python bench/python/bench_classify.py MESSAGES [--rounds N]
"""
import argparse
import re
import sys
import time

# The start line (RFC 3261 §7.1, §7.2) as one regex, and the first CSeq header of the header
# block (header name case-insensitive), as a Python SIP tool would write them.
START = re.compile(
    r"(?:\r?\n)*(?:(SIP/\d+\.\d+) ([1-6]\d\d) ([^\r\n]*)"
    r"|([-A-Za-z0-9.!%*_+`'~]+) ([A-Za-z][-A-Za-z0-9+.]*:[^ \r\n]+) (SIP/\d+\.\d+))\r?\n")
CSEQ = re.compile(r"^CSeq[ \t]*:[ \t]*(\d+)[ \t]+([^ \t\r\n]+)", re.M | re.I)


def classify_re(msg):
    """(kind, method, uri, version, status, reason, cseq, cseq_method) of a message (str)."""
    m = START.match(msg)
    if m is None:
        raise ValueError("not a SIP start line")
    end = msg.find("\r\n\r\n", m.end() - 2)
    c = CSEQ.search(msg, m.end(), end if end >= 0 else len(msg))
    cseq, cseq_method = (int(c.group(1)), c.group(2)) if c else (None, None)
    if m.group(1):
        return ("response", None, None, m.group(1), int(m.group(2)), m.group(3), cseq, cseq_method)
    return ("request", m.group(4), m.group(5), m.group(6), None, None, cseq, cseq_method)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("messages")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--passes", type=int, default=20, help="passes over the messages per timed run")
    args = ap.parse_args()

    import sipmethods

    with open(args.messages, "rb") as f:
        raw = [m for m in f.read().split(b"\0") if m]
    text = [m.decode("utf-8", "surrogateescape") for m in raw]

    # Same answers before timing.
    for t in text:
        r, s = classify_re(t), sipmethods.classify(t)
        want = ((s.method_name, s.uri, s.version, s.cseq, s.cseq_method_name) if isinstance(s, sipmethods.Request)
                else (s.version, s.status, s.reason, s.cseq, s.cseq_method_name))
        got = (r[1], r[2], r[3], r[6], r[7]) if r[0] == "request" else (r[3], r[4], r[5], r[6], r[7])
        if want != got:
            raise SystemExit("regex and classify disagree:\n%r\n%r\n%s" % (want, got, t[:200]))

    classify = sipmethods.classify

    def run_classify(msgs):
        for m in msgs:
            classify(m)

    def run_regex(msgs):
        for m in msgs:
            classify_re(m)

    def run_empty(msgs):
        for m in msgs:
            pass

    cases = [
        ("empty loop", run_empty, text),
        ("sipmethods.classify(str)", run_classify, text),
        ("sipmethods.classify(bytes)", run_classify, raw),
        ("regex classifier (str)", run_regex, text),
    ]
    best = {label: float("inf") for label, _, _ in cases}
    n = len(text) * args.passes
    for _ in range(args.rounds):
        for label, fn, msgs in cases:
            t0 = time.perf_counter()
            for _ in range(args.passes):
                fn(msgs)
            best[label] = min(best[label], (time.perf_counter() - t0) / n * 1e9)

    print("python %s, sipmethods %s; %d messages of %d..%d bytes; best of %d x %d calls"
          % (sys.version.split()[0], sipmethods.__version__, len(text), min(map(len, raw)), max(map(len, raw)),
             args.rounds, n))
    for label, _, _ in cases:
        print("  %-40s %8.1f ns" % (label, best[label]))
    print("  regex / classify = %.2f (goal >= 5)" % (best["regex classifier (str)"] / best["sipmethods.classify(str)"]))


if __name__ == "__main__":
    main()
