# SPDX-License-Identifier: MIT
"""One round of calls over every function, the failing ones included (threads, leaks)."""
import sipmethods
from sipmethods import Method, ParseError

MESSAGES = [
    b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: 314159 INVITE\r\n\r\nbody",
    "SIP/2.0 180 Ringing\r\nCSeq: 1\r\n BYE\r\n\r\n",
    b"SIP/2.0 200 caf\xe9\r\n\r\n",
    "FOO sip:a@b SIP/2.0\r\nCSeq: 7 BAR\r\n\r\n",
    b"INVITE <sip:a@b> SIP/2.0\r\n",           # SM_EURI
    "SIP/2.0 99 x\r\n",                         # SM_ESTATUS
    "SIP/2.0 200 \u00e9\ud800\r\n",             # unencodable: SM_EREASON
    b"",                                         # SM_EPARTIAL: no start line
    b"INVITE sip:a@b SIP/2.0\r\nCSeq: 1 INV",     # partial result
    "SIP/2.0 100 Trying\r\nVia: \ud800",         # partial result, unencodable
]
NAMES = ["INVITE", b"BYE", "invite", "FOO", "", "INV ITE", "\ud800", "caf\u00e9", b"\xff", "UPDATE"]
ALLOWS = ["INVITE, ACK,FOO", b"", "INVITE ACK", ",".join("X%d" % i for i in range(40)), "A\r\n", "FOO, BA@R"]
LETTERS = ["IABC", "", "IX", b"iu", "\ud800"]
CODES = [180, 0, 499, -1, 10**30, 606]


def run_once():
    """Every result, in order: comparable across threads and runs."""
    out = []
    for name in NAMES:
        out.append(sipmethods.lookup(name))
        out.append(sipmethods.lookup(name, ignore_case=True))
        out.append(sipmethods.is_token(name))
        out.append(sipmethods.reject_status(name, [Method.INVITE, sipmethods.OTHER]))
    for msg in MESSAGES:
        try:
            out.append(sipmethods.classify(msg))
        except ParseError as e:
            out.append((e.code, e.offset, str(e)))
    for value in ALLOWS:
        try:
            out.append(sipmethods.parse_allow(value))
        except ParseError as e:
            out.append((e.code, e.offset))
    for s in LETTERS:
        try:
            out.append(sipmethods.from_letters(s))
        except ValueError as e:
            out.append(str(e))
    for code in CODES:
        out.append((sipmethods.reason(code), sipmethods.status_class(code), sipmethods.equivalent(code)))
    out.append(sipmethods.format_allow(Method.INVITE | Method.BYE))
    try:
        sipmethods.format_allow([Method.BYE, -1])
    except ValueError as e:
        out.append(str(e))
    out.append(sipmethods.from_id(8))
    out.append(sipmethods.from_id(2**70))
    for bad in (None, 1.5):
        try:
            sipmethods.lookup(bad)
        except TypeError as e:
            out.append(str(e))
        try:
            sipmethods.format_allow(["x"])
        except TypeError as e:
            out.append(str(e))
    return out


CALLS_PER_ROUND = 4 * len(NAMES) + len(MESSAGES) + len(ALLOWS) + len(LETTERS) + 3 * len(CODES) + 4 + 4
