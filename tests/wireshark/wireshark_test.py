#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of wireshark/sipmethods.lua in tshark: a capture made here (pcap.py), read with the
plugin (-X lua_script:), checked with -T fields and display filters.

Usage: wireshark_test.py TSHARK PLUGIN MODULE_DIR WORK_DIR
  MODULE_DIR holds the Lua 5.2 sipmethods.so (tshark's Lua), put on LUA_CPATH.
"""
import os
import subprocess
import sys

import pcap

REQ = "{m} sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062\r\nCSeq: 1 {c}\r\nContent-Length: 0\r\n\r\n"
RSP = "SIP/2.0 {s}\r\nVia: SIP/2.0/UDP 127.0.0.1:5062\r\nCSeq: 1 {c}\r\n{h}Content-Length: 0\r\n\r\n"


def req(m, c=None):
    return pcap.udp_frame(REQ.format(m=m, c=c or m).encode())


def rsp(s, c="INVITE", h=""):
    return pcap.udp_frame(RSP.format(s=s, c=c, h=h).encode())


# (frame, {field: value as tshark prints it, "" when absent}); frame numbers are positions + 1.
CASES = [
    (req("INVITE"), {"method_id": "1", "extension": "", "name": "INVITE", "category": "session",
                     "transaction": "invite", "letter": "I", "creates_dialog": "1", "in_dialog_only": "",
                     "cancelable": "1", "cseq_mismatch": "", "cseq_method_id": "1", "partial": ""}),
    (req("invite"), {"method_id": "524288", "extension": "1", "name": "", "creates_dialog": ""}),
    (req("OPTIONS", "INVITE"), {"method_id": "512", "cseq_mismatch": "1", "cseq_method_id": "1",
                                "has_response": "1", "creates_dialog": ""}),
    (req("FOO"), {"method_id": "524288", "extension": "1", "cseq_method_id": "524288"}),
    (req("BYE"), {"method_id": "8", "in_dialog_only": "1", "creates_dialog": "", "transaction": "non-invite"}),
    (req("INFO"), {"method_id": "16", "letter": "", "in_dialog_only": "1", "rfc": "RFC 6086"}),
    (rsp("405 Method Not Allowed", "REGISTER"), {"reason_iana": "Method Not Allowed", "method_id": "",
                                                 "cseq_method_id": "32", "status_class": "4"}),
    (rsp("405 Method Not Allowed", "REGISTER", "Allow: INVITE, ACK\r\n"), {"reason_iana": "Method Not Allowed"}),
    (rsp("299 Whatever"), {"reason_iana": "", "status_class": "2", "equivalent": "200"}),
    (rsp("200 Okay"), {"reason_iana": "OK"}),
    (rsp("180 Ringing"), {"reason_iana": "Ringing", "equivalent": "180"}),
    (req("IN(VITE", "INVITE"), {"method_id": "", "extension": "", "cseq_method_id": ""}),
    (pcap.udp_frame(b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5062\r\n"),
     {"method_id": "1", "partial": "1", "cseq_method_id": ""}),
    (pcap.tcp_frame((REQ.format(m="NOTIFY", c="NOTIFY") + REQ.format(m="SUBSCRIBE", c="SUBSCRIBE")).encode()),
     {"method_id": "128,64", "creates_dialog": "1,1", "in_dialog_only": "1"}),
    (rsp("481 Call Leg/Transaction Does Not Exist", "BYE"),
     {"reason_iana": "Call/Transaction Does Not Exist"}),
]

# Display filter -> the frames it selects.
FILTERS = {
    "sipmethods.extension": [2, 4],
    "sipmethods.method_id == 524288": [2, 4],
    "sipmethods.method_id == 1": [1, 13],
    "sipmethods.creates_dialog": [1, 13, 14],
    "sipmethods.creates_dialog && !sipmethods.in_dialog_only": [1, 13],
    "sipmethods.in_dialog_only": [5, 6, 14],
    "sipmethods.cseq_mismatch": [3],
    "sipmethods.partial": [13],
    'sipmethods.reason_iana == "OK"': [10],
    "sipmethods.reason_iana": [7, 8, 10, 11, 15],
    "sipmethods.status_class == 2": [9, 10],
    "sipmethods": list(range(1, len(CASES) + 1)),
    # expert info
    "sipmethods.expert.method_case": [2],
    "sipmethods.expert.cseq_mismatch": [3],
    "sipmethods.expert.non_token_method": [12],
    "sipmethods.expert.405_without_allow": [7],
    "sipmethods.expert.unregistered_status": [9],
    "sipmethods.expert.reason_phrase": [10, 15],
    "sipmethods.expert.partial": [13],
    "sipmethods.expert.start_line": [],
}

FIELDS = ["method_id", "extension", "name", "category", "transaction", "letter", "rfc", "has_response",
          "cancelable", "creates_dialog", "target_refresh", "offer_answer", "in_dialog_only",
          "cseq_mismatch", "cseq_method_id", "partial", "reason_iana", "status_class", "equivalent"]

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def tshark(args, env):
    r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    err = "\n".join(l for l in r.stderr.splitlines() if not l.startswith("Running as user"))
    if r.returncode != 0 or "Lua" in err:
        sys.exit("tshark failed (%d): %s\n%s" % (r.returncode, " ".join(args), err))
    return r.stdout


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    exe, plugin, moddir, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    capture = os.path.join(work, "sip.pcap")
    pcap.write(capture, [frame for frame, _ in CASES])
    # An empty personal configuration (no user plugins or preferences); the module on LUA_CPATH.
    env = dict(os.environ, LUA_CPATH=os.path.join(os.path.abspath(moddir), "?.so"),
               WIRESHARK_CONFIG_DIR=os.path.join(work, "config"), HOME=work)
    base = [exe, "-n", "-r", capture, "-X", "lua_script:" + os.path.abspath(plugin)]

    cols = ["frame.number"] + ["sipmethods." + f for f in FIELDS]
    out = tshark(base + ["-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,"]
                 + sum((["-e", c] for c in cols), []), env)
    rows = {}
    for line in out.splitlines():
        vals = line.split("\t")
        rows[int(vals[0])] = dict(zip(FIELDS, vals[1:]))
    check(len(rows) == len(CASES), "tshark printed %d frames of %d" % (len(rows), len(CASES)))
    for i, (_, want) in enumerate(CASES, 1):
        got = rows.get(i, {})
        for field, value in want.items():
            check(got.get(field) == value, "frame %d: sipmethods.%s = %r (want %r)" % (i, field, got.get(field), value))

    for flt, frames in FILTERS.items():
        out = tshark(base + ["-Y", flt, "-T", "fields", "-e", "frame.number"], env)
        got = [int(x) for x in out.split()]
        check(got == frames, "-Y %s: frames %s (want %s)" % (flt, got, frames))

    print("%d failed" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
