# SPDX-License-Identifier: MIT
"""Tests of the sipmethods commands and of classify on raw messages (pytest; the capture
suites are test_captures.py, test_tcp.py, test_encapsulations.py, test_tshark.py).

Expected values are written from docs/spec.md and cli/README.md, never taken from the program
under test. A test records every failed expectation (check), then fails with all of them.
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest

# SPEC §1: name, id, description, defining RFC, IANA references, Kamailio letter.
METHODS = [
    ("INVITE", 1, "Indicates a client is being invited to participate in a call session.",
     "RFC 3261", ["RFC 3261", "RFC 6026"], "I"),
    ("ACK", 4, "Confirms that the client has received a final response to an INVITE request.",
     "RFC 3261", ["RFC 3261"], "A"),
    ("BYE", 8, "Terminates a call and can be sent by either the caller or the callee.",
     "RFC 3261", ["RFC 3261"], "B"),
    ("CANCEL", 2, "Cancels any pending request.", "RFC 3261", ["RFC 3261"], "C"),
    ("OPTIONS", 512, "Queries the capabilities of servers.", "RFC 3261", ["RFC 3261"], "O"),
    ("REGISTER", 32, "Registers the address listed in the To header field with a SIP server.",
     "RFC 3261", ["RFC 3261"], "R"),
    ("PRACK", 1024, "Provisional acknowledgement.", "RFC 3262", ["RFC 3262"], "E"),
    ("SUBSCRIBE", 64, "Subscribes for an Event of Notification from the Notifier.",
     "RFC 3265", ["RFC 6665"], "S"),
    ("NOTIFY", 128, "Notify the subscriber of a new Event.", "RFC 3265", ["RFC 6665"], "N"),
    ("PUBLISH", 8192, "Publishes an event to the Server.", "RFC 3903", ["RFC 3903"], "P"),
    ("INFO", 16, "Sends mid-session information that does not modify the session state.",
     "RFC 6086", ["RFC 6086"], None),
    ("REFER", 4096, "Asks recipient to issue SIP request (call transfer.)",
     "RFC 3515", ["RFC 3515"], "F"),
    ("MESSAGE", 256, "Transports instant messages using SIP.", "RFC 3428", ["RFC 3428"], "M"),
    ("UPDATE", 2048,
     "Modifies the state of a session without changing the state of the dialog.",
     "RFC 3311", ["RFC 3311"], "U"),
]

# SPEC §2: category, transaction, then has_response cancelable creates_dialog target_refresh
# offer_answer in_dialog_only.
PROPERTIES = {
    "INVITE": ("session", "invite", "yes yes yes yes yes no"),
    "ACK": ("session", "none", "no no no no yes no"),
    "BYE": ("session", "non-invite", "yes no no no no yes"),
    "CANCEL": ("session", "non-invite", "yes no no no no no"),
    "OPTIONS": ("capability", "non-invite", "yes no no no no no"),
    "REGISTER": ("registration", "non-invite", "yes no no no no no"),
    "PRACK": ("session", "non-invite", "yes no no no yes yes"),
    "SUBSCRIBE": ("event", "non-invite", "yes no yes yes no no"),
    "NOTIFY": ("event", "non-invite", "yes no yes yes no yes"),
    "PUBLISH": ("event", "non-invite", "yes no no no no no"),
    "INFO": ("session", "non-invite", "yes no no no no yes"),
    "REFER": ("transfer", "non-invite", "yes no yes no no no"),
    "MESSAGE": ("messaging", "non-invite", "yes no no no no no"),
    "UPDATE": ("session", "non-invite", "yes no no yes yes yes"),
}
FLAGS = ["has_response", "cancelable", "creates_dialog", "target_refresh", "offer_answer",
         "in_dialog_only"]

OPTS = SimpleNamespace()
FAILURES = []


@pytest.fixture(autouse=True)
def opts(cli, tmp_path):
    """Sets OPTS for the test (the program, examples/messages, a work directory) and fails
    the test with every expectation it recorded as failed."""
    OPTS.cli = cli
    OPTS.examples = os.environ.get("SIPMETHODS_EXAMPLES") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples", "messages")
    OPTS.work = str(tmp_path)
    del FAILURES[:]
    yield
    assert not FAILURES, "\n".join(FAILURES)


def check(cond, what):
    """Records a failed expectation (the group goes on, to report every failure)."""
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, rc=0, stdin=None, cwd=None):
    """Runs the CLI with args; checks its exit status; returns (stdout, stderr) as text."""
    if isinstance(stdin, bytes):
        p = subprocess.run([OPTS.cli] + args, input=stdin, capture_output=True, cwd=cwd)
    else:
        p = subprocess.run([OPTS.cli] + args, stdin=stdin if stdin else subprocess.DEVNULL,
                           capture_output=True, cwd=cwd)
    out = p.stdout.decode("utf-8", "surrogateescape")
    err = p.stderr.decode("utf-8", "surrogateescape")
    check(p.returncode == rc, f"{args}: exit {p.returncode}, expected {rc}\n{out}{err}")
    if rc != 0:
        check(err != "", f"{args}: exit {rc} without a message on stderr")
    return out, err


def expect(args, lines, rc=0, stdin=None, cwd=None):
    """Runs the CLI and checks its stdout is exactly these lines."""
    out, _ = run(args, rc, stdin, cwd)
    want = "".join(line + "\n" for line in lines)
    check(out == want, f"{args}: output\n{out}--- expected\n{want}")
    return out


def kv(out):
    """A 'key: value' output as a dict."""
    result = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        result[key] = value.strip()
    return result


# ---- list ----

def test_list():
    out, _ = run(["list"])
    lines = out.splitlines()
    check(len(lines) == 15 and lines[0].split() == ["name", "id", "description", "rfc",
                                                    "references", "letter"], "table header")
    for line, m in zip(lines[1:], METHODS):
        check(line.split()[:2] == [m[0], str(m[1])] and m[2] in line
              and line.rstrip().endswith(m[5] or "(none)"), f"table row {line!r}")
    check(run(["list", "--format", "table"])[0] == out, "--format table is the default")

    out, _ = run(["list", "--format", "csv"])
    check(out.split("\n")[0] == "name,id,description,rfc,references,letter", "csv header")
    check(out.split("\n")[1] == 'INVITE,1,Indicates a client is being invited to participate in a '
          'call session.,RFC 3261,"RFC 3261, RFC 6026",I', "csv INVITE row quoted per RFC 4180")
    rows = list(csv.reader(io.StringIO(out)))
    check(rows[1:] == [[m[0], str(m[1]), m[2], m[3], ", ".join(m[4]), m[5] or ""]
                       for m in METHODS], "csv rows")

    out, _ = run(["list", "--format=json"])
    check(json.loads(out) == [{"name": m[0], "id": m[1], "description": m[2], "rfc": m[3],
                               "references": m[4], "letter": m[5]} for m in METHODS], "json")

    out, _ = run(["list", "--format", "markdown"])
    lines = out.splitlines()
    check(lines[0] == "| name | id | description | rfc | references | letter |", "md header")
    check(lines[1] == "|---|---:|---|---|---|---|", "md alignment row")
    check(lines[2:] == [f"| {m[0]} | {m[1]} | {m[2]} | {m[3]} | {', '.join(m[4])} | "
                        f"{m[5] or '(none)'} |" for m in METHODS], "md rows")

    run(["list", "--format", "xml"], rc=2)
    run(["list", "--format"], rc=2)
    run(["list", "extra"], rc=2)


# ---- info ----

def test_info():
    expect(["info", "INVITE"], [
        "name:           INVITE",
        "id:             1",
        "description:    Indicates a client is being invited to participate in a call session.",
        "rfc:            RFC 3261",
        "references:     RFC 3261, RFC 6026",
        "letter:         I",
        "category:       session",
        "transaction:    invite",
        "has_response:   yes",
        "cancelable:     yes",
        "creates_dialog: yes",
        "target_refresh: yes",
        "offer_answer:   yes",
        "in_dialog_only: no",
    ])
    for m in METHODS:
        got = kv(run(["info", m[0]])[0])
        cat, trans, flags = PROPERTIES[m[0]]
        want = {"name": m[0], "id": str(m[1]), "description": m[2], "rfc": m[3],
                "references": ", ".join(m[4]), "letter": m[5] or "(none)",
                "category": cat, "transaction": trans}
        want.update(zip(FLAGS, flags.split()))
        check(got == want, f"info {m[0]}: {got}")

    out, _ = run(["info", "invite"])
    check("invite is an extension method" in out and "it is not INVITE" in out, "info invite")
    check(kv(run(["info", "--ignore-case", "invite"])[0])["name"] == "INVITE", "--ignore-case")
    check(kv(run(["info", "invite", "--ignore-case"])[0])["id"] == "1", "option after NAME")
    out, _ = run(["info", "RE%47IST%45R"])
    check("RE%47IST%45R is an extension method" in out and "524288" in out
          and "not REGISTER" not in out, "info RE%47IST%45R")
    out, _ = run(["info", "--", "-FOO"])
    check("-FOO is an extension method" in out, "info -- -FOO")

    _, err = run(["info", "IN VITE"], rc=2)
    check("byte 2" in err, f"info 'IN VITE': {err}")
    _, err = run(["info", ""], rc=2)
    check("empty" in err, f"info '': {err}")
    _, err = run(["info", "IN\tVITE"], rc=2)
    check("'IN\\tVITE'" in err, f"a non-token is shown escaped: {err}")
    run(["info"], rc=2)
    run(["info", "INVITE", "BYE"], rc=2)
    run(["info", "--bogus", "INVITE"], rc=2)


# ---- allow ----

def test_allow():
    expect(["allow", "INVITE, ACK,CANCEL ,OPTIONS"], [
        "allow:          INVITE, ACK, CANCEL, OPTIONS",
        "set:            519",
        "extensions:     (none)",
    ])
    expect(["allow", "UPDATE,invite, FOO,,INVITE ,FOO\r\n\t, BYE"], [
        "allow:          INVITE, BYE, UPDATE",
        "set:            2057",
        "extensions:     invite, FOO, FOO",
    ])
    expect(["allow", ""], ["allow:          (none)", "set:            0",
                           "extensions:     (none)"])
    many = [f"X{i}" for i in range(40)]
    out, _ = run(["allow", ",".join(["MESSAGE"] + many)])
    check(kv(out) == {"allow": "MESSAGE", "set": "256", "extensions": ", ".join(many)},
          "more extension tokens than the inline buffer")

    _, err = run(["allow", "INVITE ACK"], rc=1)
    check("SM_EALLOW at byte 7" in err, f"allow 'INVITE ACK': {err}")
    _, err = run(["allow", "INV@ITE"], rc=1)
    check("SM_EALLOW at byte 3" in err, f"allow 'INV@ITE': {err}")
    _, err = run(["allow", "INVITE\r"], rc=1)
    check("SM_EFOLD at byte 6" in err, f"allow CR: {err}")
    run(["allow"], rc=2)
    run(["allow", "INVITE", "ACK"], rc=2)


# ---- reason ----

def test_reason():
    expect(["reason", "486"], [
        "code:           486",
        "reason:         Busy Here",
        "class:          4 (Client Error)",
        "equivalent:     486",
        "rfc:            RFC 3261",
        "deprecated:     no",
    ])
    got = kv(run(["reason", "202"])[0])
    check(got["reason"] == "Accepted" and got["deprecated"] == "yes" and got["rfc"] == "RFC 6665",
          f"reason 202: {got}")
    check(kv(run(["reason", "100"])[0])["class"] == "1 (Provisional)", "reason 100")
    check(kv(run(["reason", "606"])[0])["reason"] == "Not Acceptable", "reason 606")
    for code, cls, eq in [("499", "4 (Client Error)", "400"), ("150", "1 (Provisional)", "183"),
                          ("299", "2 (Success)", "200"), ("650", "6 (Global Failure)", "600")]:
        out, err = run(["reason", code], rc=1)
        got = kv(out)
        check(got["reason"] == "(not in the IANA registry)" and got["class"] == cls
              and got["equivalent"].split()[0] == eq, f"reason {code}: {got}")
        check(f"{code} is not in the IANA registry" in err, f"reason {code}: {err}")
    for bad in ["700", "099", "99", "1000", "abc", "", "4x6", "-486"]:
        run(["reason", bad], rc=2)
    run(["reason"], rc=2)
    run(["reason", "200", "404"], rc=2)


# ---- classify: raw files ----

EXAMPLE_LINES = [
    "call.sip:1\trequest\tINVITE\tsip:bob@biloxi.example.com\tSIP/2.0\tcseq=314159 INVITE",
    "call.sip:2\tresponse\t100\tTrying\tSIP/2.0\tcseq=314159 INVITE",
    "call.sip:3\tresponse\t180\tRinging\tSIP/2.0\tcseq=314159 INVITE",
    "call.sip:4\tresponse\t200\tOK\tSIP/2.0\tcseq=314159 INVITE",
    "call.sip:5\trequest\tACK\tsip:bob@192.0.2.4\tSIP/2.0\tcseq=314159 ACK",
    "call.sip:6\trequest\tBYE\tsip:alice@pc33.atlanta.example.com\tSIP/2.0\tcseq=231 BYE",
    "call.sip:7\tresponse\t200\tOK\tSIP/2.0\tcseq=231 BYE",
    "options.sip:1\trequest\tOPTIONS\tsip:carol@chicago.example.com\tSIP/2.0\tcseq=63104 OPTIONS",
    "options.sip:2\tresponse\t200\tOK\tSIP/2.0\tcseq=63104 OPTIONS",
    "register.sip:1\trequest\tREGISTER\tsip:registrar.biloxi.example.com\tSIP/2.0"
    "\tcseq=1826 REGISTER",
    "register.sip:2\tresponse\t401\tUnauthorized\tSIP/2.0\tcseq=1826 REGISTER",
    "register.sip:3\trequest\tREGISTER\tsip:registrar.biloxi.example.com\tSIP/2.0"
    "\tcseq=1827 REGISTER",
    "register.sip:4\tresponse\t200\tOK\tSIP/2.0\tcseq=1827 REGISTER",
    "torture.sip:1\trequest\t!interesting-Method0123456789_*+`.%indeed'~\tsip:1_unusual.URI~"
    "(to-be!sure)&isn't+it$/crazy?,/;;*:&it+has=1,weird!*pas$wo~d_too.(doesn't-it)@example.com"
    "\tSIP/2.0\tcseq=139122385 !interesting-Method0123456789_*+`.%indeed'~\textension",
    "torture.sip:2\trequest\tINVITE\tsip:vivekg@chair-dnrc.example.com;unknownparam\tSIP/2.0"
    "\tcseq=9 INVITE",
    "torture.sip:3\trequest\tMESSAGE\tsip:user@example.com\tSIP/2.0\tcseq=1 MESSAGE",
]

EXAMPLE_SUMMARY = [
    "method\tINVITE\t2", "method\tACK\t1", "method\tBYE\t1", "method\tOPTIONS\t1",
    "method\tREGISTER\t2", "method\tMESSAGE\t1",
    "method\t!interesting-Method0123456789_*+`.%indeed'~\t1",
    "status\t100\t1", "status\t180\t1", "status\t200\t4", "status\t401\t1",
    "response\tINVITE 100\t1", "response\tINVITE 180\t1", "response\tINVITE 200\t1",
    "response\tBYE 200\t1", "response\tOPTIONS 200\t1", "response\tREGISTER 200\t1",
    "response\tREGISTER 401\t1",
    "total\tmessages\t16", "total\trequests\t9", "total\tresponses\t7", "total\terrors\t0",
    "total\ttruncated\t0",
]

SIPFRAG = b"SIP/2.0 200 OK\r\n"
SEVERAL = (
    b"\r\n\r\n"                                            # line ends before the first message
    b"NOTIFY sip:a@example.com SIP/2.0\r\nCSeq: 2 NOTIFY\r\n"
    b"Content-Type: message/sipfrag\r\ncontent-length : %d\r\n\r\n%s"
    b"INFO sip:a@example.com SIP/2.0\r\nCSeq: 3 INFO\r\n\r\n"    # no Content-Length
    b"some body\r\nwith lines SIP/2.0 inside\r\n"              # ... runs to the next start line
    b"SIP/2.0 200 OK\r\nCSeq: 3 INFO\r\nl: 5\r\n\r\nbody!"     # compact Content-Length
    b"OPTIONS sip:x SIP/2.0\nCSeq: 4 OPTIONS\n\n"               # bare LF
    b"invite sip:b@example.com SIP/2.0\r\nCSeq: 5 INVITE\r\nContent-Length: 0\r\n\r\n"
    b"INVITE <sip:b@example.com> SIP/2.0\r\nContent-Length: 0\r\n\r\n"
    b"SIP/2.0 600 Busy Everywhere\r\n\r\n"
    b"SIP/2.0 99 Odd\r\nContent-Length: 0\r\n\r\n"
    b"SIP/2.0 183 Session\tProgress\r\nContent-Length: 0\r\n\r\n"
    b"GARBAGE"                                                  # no line end, to the end
) % (len(SIPFRAG), SIPFRAG)

SEVERAL_LINES = [
    "NOTIFY sip:a@example.com\tSIP/2.0\tcseq=2 NOTIFY",
    "INFO sip:a@example.com\tSIP/2.0\tcseq=3 INFO",
    "200\tOK\tSIP/2.0\tcseq=3 INFO",
    "OPTIONS sip:x\tSIP/2.0\tcseq=4 OPTIONS",
    "invite sip:b@example.com\tSIP/2.0\tcseq=5 INVITE\textension\tcseq-mismatch",
    "SM_EURI\t7\t",
    "600\tBusy Everywhere\tSIP/2.0\tcseq=-",
    "SM_ESTATUS\t8\t",
    "183\tSession\\tProgress\tSIP/2.0\tcseq=-",
    "SM_EPARTIAL\t7\t",
]


def check_several(out, source):
    """Checks the report of SEVERAL read as source."""
    lines = out.splitlines()
    check(len(lines) == len(SEVERAL_LINES), f"several messages: {out}")
    for i, (line, want) in enumerate(zip(lines, SEVERAL_LINES), 1):
        kind = "error" if want.startswith("SM_") else (
            "request" if not want[0].isdigit() else "response")
        prefix = f"{source}:{i}\t{kind}\t" + want.replace(" ", "\t", 1 if kind == "request" else 0)
        check(line.startswith(prefix), f"message {i}: {line!r}, expected {prefix!r}...")


def test_classify_raw():
    ex = OPTS.examples
    names = ["call.sip", "options.sip", "register.sip", "torture.sip"]
    expect(["classify"] + names, EXAMPLE_LINES, cwd=ex)
    expect(["classify", "--summary"] + names, EXAMPLE_SUMMARY, cwd=ex)
    expect(["classify"] + names + ["--summary"], EXAMPLE_SUMMARY, cwd=ex)

    os.makedirs(OPTS.work, exist_ok=True)
    path = os.path.join(OPTS.work, "several.sip")
    with open(path, "wb") as f:
        f.write(SEVERAL)
    out, _ = run(["classify", "several.sip"], rc=1, cwd=OPTS.work)
    check_several(out, "several.sip")
    expect(["classify", "--summary", "several.sip"], [
        "method\tOPTIONS\t1", "method\tNOTIFY\t1", "method\tINFO\t1", "method\tinvite\t1",
        "status\t183\t1", "status\t200\t1", "status\t600\t1",
        "response\tINFO 200\t1", "response\t- 183\t1", "response\t- 600\t1",
        "error\tSM_EPARTIAL\t1", "error\tSM_EURI\t1", "error\tSM_ESTATUS\t1",
        "total\tmessages\t10", "total\trequests\t4", "total\tresponses\t3", "total\terrors\t3",
        "total\ttruncated\t0",
    ], rc=1, cwd=OPTS.work)

    # Start lines cut messages that have no empty line; a long input splits in linear time.
    bare = b"OPTIONS sip:a SIP/2.0\r\nCSeq: 1 OPTIONS\r\nSIP/2.0 200 OK\r\nCSeq: 1 OPTIONS\r\n"
    expect(["classify"], ["-:1\trequest\tOPTIONS\tsip:a\tSIP/2.0\tcseq=1 OPTIONS",
                          "-:2\tresponse\t200\tOK\tSIP/2.0\tcseq=1 OPTIONS"], stdin=bare)
    expect(["classify", "--summary"], ["method\tOPTIONS\t50000", "status\t200\t50000",
                                       "response\tOPTIONS 200\t50000",
                                       "total\tmessages\t100000", "total\trequests\t50000",
                                       "total\tresponses\t50000", "total\terrors\t0",
                                       "total\ttruncated\t0"],
           stdin=bare * 50000)

    empty = os.path.join(OPTS.work, "empty.sip")
    with open(empty, "wb") as f:
        f.write(b"\r\n\n")
    expect(["classify", empty], [])
    expect(["classify", "--summary", empty], ["total\tmessages\t0", "total\trequests\t0",
                                              "total\tresponses\t0", "total\terrors\t0",
                                              "total\ttruncated\t0"])

    # An unreadable input is an I/O error (exit 2) but the others are still read.
    out, err = run(["classify", "missing.sip", "call.sip"], rc=2, cwd=ex)
    check(out.splitlines() == EXAMPLE_LINES[:7], "the readable input is still classified")
    check("missing.sip" in err, f"missing file: {err}")
    run(["classify", OPTS.work], rc=2)
    # An option-like FILE after "--".
    shutil.copy(os.path.join(ex, "options.sip"), os.path.join(OPTS.work, "--summary"))
    out, _ = run(["classify", "--", "--summary"], cwd=OPTS.work)
    check(out.startswith("--summary:1\trequest\tOPTIONS\t"), f"classify -- --summary: {out}")
    # A source name with a tab is escaped.
    shutil.copy(os.path.join(ex, "options.sip"), os.path.join(OPTS.work, "a\tb.sip"))
    out, _ = run(["classify", "a\tb.sip"], cwd=OPTS.work)
    check(out.startswith("a\\tb.sip:1\trequest\t"), f"escaped source: {out!r}")


# ---- classify: stdin ----

def test_classify_stdin():
    out, _ = run(["classify"], rc=1, stdin=SEVERAL)
    check_several(out, "-")
    out, _ = run(["classify", "-"], rc=1, stdin=SEVERAL)
    check_several(out, "-")
    with open(os.path.join(OPTS.examples, "call.sip"), "rb") as f:
        expect(["classify"], [line.replace("call.sip", "-", 1) for line in EXAMPLE_LINES[:7]],
               stdin=f)
    expect(["classify"], [], stdin=b"")
    expect(["classify", "-", "-"], ["-:1\trequest\tBYE\tsip:a@b\tSIP/2.0\tcseq=-"],
           stdin=b"BYE sip:a@b SIP/2.0\r\n\r\n")


# ---- usage ----

def test_usage():
    run([], rc=2)
    out, _ = run(["--help"])
    check(out.startswith("usage: sipmethods COMMAND"), "--help")
    for cmd in ["list", "info", "classify", "allow", "reason"]:
        check(cmd in out, f"--help lists {cmd}")
        for flag in ["--help", "-h"]:
            sub, _ = run([cmd, flag])
            check(sub.startswith(f"usage: sipmethods {cmd}"), f"{cmd} {flag}")
    out, _ = run(["--version"])
    check(out.startswith("sipmethods ") and out.strip().split()[1][0].isdigit(), "--version")
    _, err = run(["frobnicate"], rc=2)
    check("frobnicate" in err, "unknown command")
    run(["classify", "--bogus"], rc=2)
    run(["classify", "--filter"], rc=2)
    # A usage error reads no input.
    out, _ = run(["classify", os.path.join(OPTS.examples, "call.sip"), "--bogus"], rc=2)
    check(out == "", "usage error before any output")
