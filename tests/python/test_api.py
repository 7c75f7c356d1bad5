# SPDX-License-Identifier: MIT
"""Every name of docs/spec.md section 10 (Python), every error path, bytes vs str."""
import enum
import importlib.util
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

import sipmethods
from sipmethods import METHODS, Method, ParseError, Request, Response, Status, _core

REPO = Path(__file__).resolve().parents[2]

# SPEC section 1: name, id, letter, in table order.
SPEC_METHODS = [
    ("INVITE", 1, "I"), ("ACK", 4, "A"), ("BYE", 8, "B"), ("CANCEL", 2, "C"),
    ("OPTIONS", 512, "O"), ("REGISTER", 32, "R"), ("PRACK", 1024, "E"), ("SUBSCRIBE", 64, "S"),
    ("NOTIFY", 128, "N"), ("PUBLISH", 8192, "P"), ("INFO", 16, None), ("REFER", 4096, "F"),
    ("MESSAGE", 256, "M"), ("UPDATE", 2048, "U"),
]
# SPEC section 2: category, transaction, has_response, cancelable, creates_dialog,
# target_refresh, offer_answer, in_dialog_only.
SPEC_PROPERTIES = {
    "INVITE": ("session", "invite", 1, 1, 1, 1, 1, 0),
    "ACK": ("session", "none", 0, 0, 0, 0, 1, 0),
    "BYE": ("session", "non-invite", 1, 0, 0, 0, 0, 1),
    "CANCEL": ("session", "non-invite", 1, 0, 0, 0, 0, 0),
    "OPTIONS": ("capability", "non-invite", 1, 0, 0, 0, 0, 0),
    "REGISTER": ("registration", "non-invite", 1, 0, 0, 0, 0, 0),
    "PRACK": ("session", "non-invite", 1, 0, 0, 0, 1, 1),
    "SUBSCRIBE": ("event", "non-invite", 1, 0, 1, 1, 0, 0),
    "NOTIFY": ("event", "non-invite", 1, 0, 1, 1, 0, 1),
    "PUBLISH": ("event", "non-invite", 1, 0, 0, 0, 0, 0),
    "INFO": ("session", "non-invite", 1, 0, 0, 0, 0, 1),
    "REFER": ("transfer", "non-invite", 1, 0, 1, 0, 0, 0),
    "MESSAGE": ("messaging", "non-invite", 1, 0, 0, 0, 0, 0),
    "UPDATE": ("session", "non-invite", 1, 0, 0, 1, 1, 1),
}
FLAGS = ("has_response", "cancelable", "creates_dialog", "target_refresh", "offer_answer", "in_dialog_only")

SPEC_NAMES = [
    "Method", "METHODS", "lookup", "is_token", "from_id", "from_letters", "reject_status", "classify",
    "Request", "Response", "parse_allow", "format_allow", "Status", "reason", "status_class",
    "equivalent", "ParseError", "__version__",
]

INVITE = b"INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h\r\nCSeq: 314159 INVITE\r\n\r\nbody"


class Index:
    """An integer-like object that is not an int (numpy scalars are such)."""

    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


# ---- the names -------------------------------------------------------------------------


def test_every_spec_name_exists():
    for name in SPEC_NAMES:
        assert hasattr(sipmethods, name), name
    assert set(SPEC_NAMES) <= set(sipmethods.__all__)
    for name in sipmethods.__all__:
        assert hasattr(sipmethods, name), name


def test_version_is_the_headers():
    header = (REPO / "core" / "include" / "sipmethods.h")
    if not header.exists():
        pytest.skip("no source tree")
    want = re.search(r'#define SM_VERSION_STRING "([^"]+)"', header.read_text()).group(1)
    assert sipmethods.__version__ == want == _core.__version__


def test_functions_are_the_c_functions():
    for name in ("lookup", "is_token", "from_id", "from_letters", "reject_status", "classify",
                 "parse_allow", "format_allow", "reason", "status_class", "equivalent"):
        f = getattr(sipmethods, name)
        assert f is getattr(_core, name)
        assert type(f).__name__ == "builtin_function_or_method"


# ---- Method ----------------------------------------------------------------------------


def test_method_is_an_intflag_of_the_14():
    assert issubclass(Method, enum.IntFlag)
    assert [(m.name, int(m)) for m in METHODS] == [(n, i) for n, i, _ in SPEC_METHODS]
    assert len(METHODS) == 14 and isinstance(METHODS, tuple)
    assert {m.name for m in Method.__members__.values()} == {n for n, _, _ in SPEC_METHODS}
    assert sipmethods.OTHER == 524288


def test_method_is_built_from_the_c_table():
    rows = _core.methods()
    assert [r["name"] for r in rows] == [m.name for m in METHODS]
    assert [r["index"] for r in rows] == list(range(14))
    for row, m in zip(rows, METHODS):
        assert row["id"] == int(m)
        for key in ("description", "rfc", "references", "letter", "category", "transaction") + FLAGS:
            assert getattr(m, key) == row[key]


@pytest.mark.parametrize("name,id_,letter", SPEC_METHODS)
def test_method_properties(name, id_, letter):
    m = Method[name]
    assert m.letter == letter
    props = SPEC_PROPERTIES[name]
    assert (m.category, m.transaction) == props[:2]
    for flag, want in zip(FLAGS, props[2:]):
        assert getattr(m, flag) is bool(want), flag
    assert type(m.description) is str and m.description.endswith((".", ".)"))
    assert re.fullmatch(r"RFC \d+", m.rfc)
    assert isinstance(m.references, tuple) and m.references
    assert all(re.fullmatch(r"RFC \d+", r) for r in m.references)


def test_method_references():
    assert Method.INVITE.references == ("RFC 3261", "RFC 6026")
    assert Method.SUBSCRIBE.rfc == "RFC 3265" and Method.SUBSCRIBE.references == ("RFC 6665",)


def test_properties_are_defined_on_single_members_only():
    both = Method.INVITE | Method.ACK
    assert isinstance(both, Method) and int(both) == 5
    for prop in ("description", "rfc", "references", "category", "transaction", "letter") + FLAGS:
        with pytest.raises(AttributeError, match="single methods"):
            getattr(both, prop)
        with pytest.raises(AttributeError):
            getattr(Method(0), prop)


def test_method_sets():
    s = Method.INVITE | Method.BYE
    assert Method.INVITE in s and Method.ACK not in s
    assert s | sipmethods.OTHER == 9 | 524288


# ---- lookup, is_token ------------------------------------------------------------------


@pytest.mark.parametrize("name,id_,letter", SPEC_METHODS)
def test_lookup_gives_the_members_themselves(name, id_, letter):
    m = Method[name]
    assert sipmethods.lookup(name) is m
    assert sipmethods.lookup(name.encode()) is m
    assert sipmethods.lookup(name.lower()) is None
    assert sipmethods.lookup(name.lower(), ignore_case=True) is m
    assert sipmethods.lookup(name.lower().encode(), ignore_case=True) is m
    assert sipmethods.lookup("".join(name), ignore_case=False) is m  # a str not interned
    assert sipmethods.lookup(name + "X") is None


def test_lookup_extension_and_non_tokens_are_none():
    assert sipmethods.lookup("invite") is None
    for name in ("FOO", "RE%47IST%45R", "", "INV ITE", "INVITE\0", "INVIT\u00c9", "\u00e9" * 3,
                 b"", b"INVITE\0", b"\xff", "x" * 10000):
        assert sipmethods.lookup(name) is None
        assert sipmethods.lookup(name, ignore_case=True) is None


def test_lookup_str_subclass():
    class S(str):
        def __hash__(self):
            raise AssertionError("not used")

    assert sipmethods.lookup(S("BYE")) is Method.BYE
    assert sipmethods.lookup(S("bye"), ignore_case=True) is Method.BYE


def test_lookup_ignore_case_truthiness():
    assert sipmethods.lookup("ack", ignore_case=1) is Method.ACK
    assert sipmethods.lookup("ack", ignore_case=0) is None

    class Bad:
        def __bool__(self):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        sipmethods.lookup("ack", ignore_case=Bad())


def test_lookup_type_errors():
    for bad in (None, 1, 1.5, bytearray(b"INVITE"), memoryview(b"INVITE"), ["INVITE"], Method.INVITE):
        with pytest.raises(TypeError, match=r"lookup\(\) argument 'name' must be str or bytes"):
            sipmethods.lookup(bad)
        with pytest.raises(TypeError, match="'name'"):
            sipmethods.lookup(bad, ignore_case=True)
    with pytest.raises(TypeError, match="unexpected keyword argument 'case'"):
        sipmethods.lookup("INVITE", case=True)
    with pytest.raises(TypeError, match="exactly 1 positional"):
        sipmethods.lookup()
    with pytest.raises(TypeError, match="exactly 1 positional"):
        sipmethods.lookup("INVITE", True)
    with pytest.raises(TypeError, match="exactly 1 positional"):
        sipmethods.lookup(name="INVITE")


def test_is_token():
    assert sipmethods.is_token("INVITE") is True
    assert sipmethods.is_token(b"x-Foo.!%*_+`'~") is True
    for bad in ("", b"", "a b", "a\0", b"\0", "caf\u00e9", "a:b", b"\xff"):
        assert sipmethods.is_token(bad) is False
    for bad in (None, 0, bytearray(b"a")):
        with pytest.raises(TypeError, match=r"is_token\(\) argument 's' must be str or bytes"):
            sipmethods.is_token(bad)


# ---- from_id, from_letters --------------------------------------------------------------


def test_from_id():
    for m in METHODS:
        assert sipmethods.from_id(int(m)) is m
        assert sipmethods.from_id(m) is m
        assert sipmethods.from_id(Index(int(m))) is m
    for v in (0, 3, 5, sipmethods.OTHER, 1 << 14, 1 << 15, 1 << 16, 1 << 17, 1 << 18, 1 << 31, 1 << 32,
              (1 << 32) | 1, -1, -8, 2**63, -2**63, 2**64 + 1, 10**100, -10**100, 0x3FFF):
        assert sipmethods.from_id(v) is None, v
    for bad in ("1", b"1", 1.0, None, [1]):
        with pytest.raises(TypeError, match=r"from_id\(\) argument 'rmid' must be int"):
            sipmethods.from_id(bad)


def test_from_letters():
    assert sipmethods.from_letters("") == Method(0)
    assert sipmethods.from_letters(b"IABC") is Method.INVITE | Method.ACK | Method.BYE | Method.CANCEL
    assert sipmethods.from_letters("iabc") == sipmethods.from_letters("IABC")
    assert isinstance(sipmethods.from_letters("u"), Method)
    for s, off in (("IX", 1), ("G", 0), ("ik", 1), ("I\u00e9", 1), ("\u00e9I", 0), (b"II\0", 2)):
        with pytest.raises(ValueError) as e:
            sipmethods.from_letters(s)
        assert isinstance(e.value, ParseError)
        assert (e.value.offset, e.value.code) == (off, "SM_ELETTER")
        assert str(e.value) == "not a Kamailio letter of a SIP method at byte %d" % off
    for bad in (None, 5, ["I"]):
        with pytest.raises(TypeError, match=r"from_letters\(\) argument 's'"):
            sipmethods.from_letters(bad)


# ---- reject_status, format_allow: the set argument --------------------------------------


def test_reject_status_set_forms():
    invite_bye = Method.INVITE | Method.BYE
    for allowed in (invite_bye, 9, [Method.INVITE, Method.BYE], (Method.BYE, Method.INVITE),
                    {Method.INVITE, Method.BYE}, frozenset([Method.INVITE, Method.BYE]),
                    (m for m in (Method.INVITE, Method.BYE)), [1, 8], Index(9), [Index(1), Index(8)]):
        assert sipmethods.reject_status("INVITE", allowed) == 0
        assert sipmethods.reject_status(b"ACK", [Method.INVITE, Method.BYE]) == 405


def test_reject_status_answers():
    assert sipmethods.reject_status("BYE", Method.INVITE) == 405
    assert sipmethods.reject_status("FOO", Method.INVITE) == 501
    assert sipmethods.reject_status("FOO", sipmethods.OTHER) == 0
    assert sipmethods.reject_status("FOO", [Method.INVITE, sipmethods.OTHER]) == 0
    assert sipmethods.reject_status("bad name", sipmethods.ALL_METHODS) == 400
    assert sipmethods.reject_status("", Method(0)) == 400
    assert sipmethods.reject_status("invite", Method.INVITE) == 501


def test_sets_are_ids_not_bit_patterns():
    # a set is an OR of ids (a C sm_set): 0..2**32-1; -1 is not "all methods" (ALL_METHODS is)
    assert sipmethods.ALL_METHODS == Method(0x3FFF) and isinstance(sipmethods.ALL_METHODS, Method)
    assert list(sipmethods.ALL_METHODS) == list(METHODS)
    assert sipmethods.reject_status("BYE", sipmethods.ALL_METHODS) == 0
    assert sipmethods.reject_status("BYE", sipmethods.ALL_METHODS & ~Method.BYE) == 405
    assert sipmethods.reject_status("BYE", 2**32 - 1) == 0
    assert sipmethods.format_allow(2**32 - 1) == sipmethods.format_allow(sipmethods.ALL_METHODS)
    for bad in (-1, ~8, ~int(Method.BYE), 2**32, 2**100 | 8, -2**100):
        with pytest.raises(ValueError, match=r"reject_status\(\) argument 'allowed' must be a set of method ids"):
            sipmethods.reject_status("BYE", bad)
        with pytest.raises(ValueError, match=r"format_allow\(\) argument 'methods' must be a set of method ids"):
            sipmethods.format_allow([Method.INVITE, bad])


def test_set_type_errors():
    for f, arg in ((lambda a: sipmethods.reject_status("INVITE", a), "allowed"),
                   (sipmethods.format_allow, "methods")):
        for bad in ("INVITE", b"INVITE", bytearray(b"I"), None, 1.0, object()):
            with pytest.raises(TypeError, match="argument '%s' must be a Method, an int or an iterable of Method, not" % arg):
                f(bad)
        for bad in (["INVITE"], [Method.INVITE, None], [1.0], ({"a": 1}), [b"x"]):
            with pytest.raises(TypeError, match="argument '%s' must be .* not an iterable holding" % arg):
                f(bad)

    def broken():
        yield Method.INVITE
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        sipmethods.format_allow(broken())
    with pytest.raises(ZeroDivisionError):
        sipmethods.reject_status("INVITE", broken())


def test_reject_status_name_errors():
    for bad in (None, 1, Method.INVITE):
        with pytest.raises(TypeError, match=r"reject_status\(\) argument 'name' must be str or bytes"):
            sipmethods.reject_status(bad, 0)
    with pytest.raises(TypeError, match="exactly 2 arguments"):
        sipmethods.reject_status("INVITE")
    with pytest.raises(TypeError, match="exactly 2 arguments"):
        sipmethods.reject_status("INVITE", 1, 2)
    with pytest.raises(TypeError):
        sipmethods.reject_status(name="INVITE", allowed=1)


def test_format_allow():
    assert sipmethods.format_allow(0) == ""
    assert sipmethods.format_allow(Method.BYE | Method.INVITE) == "INVITE, BYE"
    assert sipmethods.format_allow(METHODS) == ", ".join(m.name for m in METHODS)
    assert sipmethods.format_allow(sipmethods.OTHER | 1) == "INVITE"
    assert sipmethods.format_allow([]) == ""
    assert type(sipmethods.format_allow(1)) is str


# ---- parse_allow -----------------------------------------------------------------------


def test_parse_allow():
    got = sipmethods.parse_allow("INVITE, ACK,CANCEL ,OPTIONS, foo,FOO,foo")
    assert got == (Method.INVITE | Method.ACK | Method.CANCEL | Method.OPTIONS, ("foo", "FOO", "foo"))
    assert isinstance(got, tuple) and isinstance(got[0], Method)
    assert sipmethods.parse_allow(b"") == (Method(0), ())
    assert sipmethods.parse_allow(b"INVITE,\r\n ACK") == (Method.INVITE | Method.ACK, ())
    many = ",".join("X%d" % i for i in range(1000))
    assert sipmethods.parse_allow(many)[1] == tuple("X%d" % i for i in range(1000))
    assert sipmethods.parse_allow(many.encode() + b",INVITE") == (Method.INVITE, tuple("X%d" % i for i in range(1000)))


def test_parse_allow_errors():
    for value, off, code in (("INVITE ACK", 7, "SM_EALLOW"), ("INV@ITE", 3, "SM_EALLOW"),
                             ("INVITE\r\n", 6, "SM_EFOLD"), ("caf\u00e9", 3, "SM_EALLOW"),
                             ("X,Y \u00e9", 4, "SM_EALLOW"), ("\u00e9", 0, "SM_EALLOW")):
        for arg in (value, value.encode()):
            with pytest.raises(ParseError) as e:
                sipmethods.parse_allow(arg)
            assert (e.value.offset, e.value.code) == (off, code), value
            assert isinstance(e.value, ValueError)
    with pytest.raises(TypeError, match=r"parse_allow\(\) argument 'value' must be str or bytes, not int"):
        sipmethods.parse_allow(5)


# ---- classify --------------------------------------------------------------------------


def test_request_and_response_are_struct_sequences():
    assert Request is _core.Request and Response is _core.Response
    assert issubclass(Request, tuple) and issubclass(Response, tuple)
    assert (Request.__module__, Request.__name__) == ("sipmethods", "Request")
    assert Request.n_fields == 9 and Response.n_fields == 7
    assert Request.__match_args__ == ("method", "method_name", "uri", "version", "cseq", "cseq_method",
                                      "cseq_method_name", "cseq_mismatch", "partial")
    assert Response.__match_args__ == ("version", "status", "reason", "cseq", "cseq_method",
                                       "cseq_method_name", "partial")


def test_classify_request():
    for msg in (INVITE, INVITE.decode()):
        r = sipmethods.classify(msg)
        want = (Method.INVITE, "INVITE", "sip:bob@example.com", "SIP/2.0", 314159, Method.INVITE, "INVITE",
                False, False)
        assert r == want and r == Request(want)
        assert type(r) is Request and isinstance(r, tuple) and len(r) == 9
        assert r.method is Method.INVITE and r.cseq_method is Method.INVITE
        assert repr(r).startswith("sipmethods.Request(method=<Method.INVITE: 1>, method_name='INVITE'")
        method, name, uri, version, cseq, cseq_method, cseq_name, mismatch, partial = r
        assert mismatch is False and partial is False and uri == r.uri == r[2]
        with pytest.raises(AttributeError):
            r.uri = "x"  # immutable


def test_classify_extension_and_mismatch():
    r = sipmethods.classify(b"FOO sip:a@b SIP/2.0\r\nCSeq: 7 BAR\r\n\r\n")
    assert r.method is None and r.method_name == "FOO"
    assert r.cseq == 7 and r.cseq_method is None and r.cseq_method_name == "BAR"
    assert r.cseq_mismatch is True
    r = sipmethods.classify("invite sip:a@b SIP/2.0\r\n\r\n")
    assert r.method is None and r.method_name == "invite"
    assert (r.cseq, r.cseq_method, r.cseq_method_name, r.cseq_mismatch) == (None, None, None, False)


def test_classify_response():
    r = sipmethods.classify(b"SIP/2.0 180 Ringing\r\ncseq:  1\r\n  BYE\r\n\r\n")
    assert r == ("SIP/2.0", 180, "Ringing", 1, Method.BYE, "BYE", False)
    assert type(r) is Response and type(r.status) is int and len(r) == 7
    r = sipmethods.classify("SIP/7.0 299 \r\n")
    assert (r.version, r.status, r.reason, r.cseq) == ("SIP/7.0", 299, "", None)


def test_classify_text_is_surrogateescape():
    msg = b"SIP/2.0 200 caf\xe9 \xc3\xa9t\xc3\xa9\r\n\r\n"
    r = sipmethods.classify(msg)
    assert r.reason == "caf\udce9 \u00e9t\u00e9"
    assert r.reason.encode("utf-8", "surrogateescape") == b"caf\xe9 \xc3\xa9t\xc3\xa9"
    assert sipmethods.classify(msg.decode("utf-8", "surrogateescape")) == r


def test_classify_nul_is_data():
    with pytest.raises(ParseError) as e:
        sipmethods.classify(b"INVITE sip:a@b SIP/2.0\0\r\n")
    assert e.value.code == "SM_EVERSION"
    with pytest.raises(ParseError) as e:
        sipmethods.classify("SIP/2.0 200 O\0K\r\n")
    assert (e.value.code, e.value.offset) == ("SM_EREASON", 13)
    r = sipmethods.classify(b"SIP/2.0 200 OK\r\n\r\n\0\0\0")
    assert r.status == 200


def test_classify_errors_offsets_are_utf8_bytes():
    with pytest.raises(ParseError) as e:
        sipmethods.classify("SIP/2.0 200 \u00fcber\r\nCSeq: x INVITE\r\n\r\n")
    assert e.value.code == "SM_ECSEQ"
    assert e.value.offset == len("SIP/2.0 200 \u00fcber\r\nCSeq: ".encode())
    assert str(e.value) == "CSeq header does not parse at byte %d" % e.value.offset


def test_classify_partial():
    # a stream reader's five cases: cut before the start line ended (an error: nothing to
    # report), in the headers before CSeq, inside the CSeq line, inside a folded CSeq (partial
    # results), after a complete CSeq (a result like any other)
    start = b"INVITE sip:a@b SIP/2.0\r\n"
    with pytest.raises(ParseError) as e:
        sipmethods.classify(start[:-2])
    assert (e.value.code, e.value.offset) == ("SM_EPARTIAL", len(start) - 2)
    for cut in (start, start + b"Via: x\r\n", start + b"CSeq: 1 INV", start + b"CSeq: 1\r\n"):
        for arg in (cut, cut.decode()):
            r = sipmethods.classify(arg)
            assert r.partial is True and r.method is Method.INVITE, cut
            assert (r.cseq, r.cseq_method, r.cseq_method_name) == (None, None, None)
    r = sipmethods.classify(start + b"CSeq: 1 INVITE\r\nVia: x")
    assert (r.partial, r.cseq, r.cseq_method) == (False, 1, Method.INVITE)
    r = sipmethods.classify(b"SIP/2.0 100 Trying\r\nTo: x\r\n")
    assert type(r) is Response and (r.partial, r.status) == (True, 100)
    assert sipmethods.classify(start + b"\r\n").partial is False  # complete: no CSeq at all


def test_classify_errors():
    cases = [
        (b"INVITE <sip:a@b> SIP/2.0\r\n", "SM_EURI", 7),
        (b"INVITE sip:a@b SIP/2.0", "SM_EPARTIAL", 22),
        (b"", "SM_EPARTIAL", 0),
        (b"INVITE  sip:a@b SIP/2.0\r\n", "SM_ESP", 7),
        (b"SIP/2.0 99 x\r\n", "SM_ESTATUS", 8),
        (b"INV@ITE sip:a@b SIP/2.0\r\n", "SM_EMETHOD", 3),
    ]
    for msg, code, off in cases:
        for arg in (msg, msg.decode()):
            with pytest.raises(ParseError) as e:
                sipmethods.classify(arg)
            assert (e.value.code, e.value.offset) == (code, off)
            assert str(e.value).endswith(" at byte %d" % off)
            assert e.value.args == (str(e.value),)
    for bad in (None, 1, bytearray(INVITE), memoryview(INVITE), [INVITE]):
        with pytest.raises(TypeError, match=r"classify\(\) argument 'message' must be str or bytes"):
            sipmethods.classify(bad)


def test_parse_error_is_a_value_error_and_pickles():
    assert issubclass(ParseError, ValueError)
    e = ParseError("x at byte 3", 3, "SM_EURI")
    e2 = pickle.loads(pickle.dumps(e))
    assert (type(e2), str(e2), e2.offset, e2.code) == (ParseError, "x at byte 3", 3, "SM_EURI")
    assert ParseError("unnamed").code is None  # an error without an SM_E* name has no code
    try:
        sipmethods.classify(b"INVITE <sip:a@b> SIP/2.0\r\n")
    except ParseError as err:
        e3 = pickle.loads(pickle.dumps(err))
        assert (e3.offset, e3.code, str(e3)) == (7, "SM_EURI", str(err))


# ---- lone surrogates (docs/python.md) --------------------------------------------------


def test_unencodable_str_is_not_a_token():
    lone = "\ud800"
    assert sipmethods.is_token(lone) is False
    assert sipmethods.is_token("A" + lone) is False
    assert sipmethods.lookup(lone) is None
    assert sipmethods.lookup("INVITE" + lone) is None
    assert sipmethods.lookup(lone, ignore_case=True) is None
    assert sipmethods.reject_status("BYE" + lone, sipmethods.ALL_METHODS) == 400
    with pytest.raises(ParseError) as e:
        sipmethods.from_letters("IA" + lone)
    assert (e.value.offset, e.value.code) == (2, "SM_ELETTER")
    with pytest.raises(ParseError) as e:
        sipmethods.parse_allow("INVITE, \u00e9" + lone)
    assert (e.value.offset, e.value.code) == (8, "SM_EALLOW")
    with pytest.raises(ParseError) as e:
        sipmethods.classify("SIP/2.0 200 \u00e9" + lone + "\r\n")
    assert (e.value.offset, e.value.code) == (14, "SM_EREASON")
    with pytest.raises(ParseError) as e:
        sipmethods.classify("INVITE sip:\udfff@b SIP/2.0\r\n")
    assert (e.value.offset, e.value.code) == (7, "SM_EURI")


def test_unencodable_str_after_what_is_read_is_ignored():
    r = sipmethods.classify("SIP/2.0 200 OK\r\nCSeq: 1 BYE\r\n\r\n\ud800 body")
    assert (r.status, r.cseq_method) == (200, Method.BYE)
    r = sipmethods.classify("SIP/2.0 200 caf\udce9\r\nX: \ud800\udc80\r\nCSeq: 2 ACK\r\n\r\n")
    assert (r.reason, r.cseq, r.cseq_method) == ("caf\udce9", 2, Method.ACK)


def test_surrogateescape_round_trips():
    msg = b"SIP/2.0 404 Not \xff Found\r\nCSeq: 9 X\r\n\r\n"
    s = msg.decode("utf-8", "surrogateescape")
    assert sipmethods.classify(s) == sipmethods.classify(msg)
    assert sipmethods.classify(s).reason.encode("utf-8", "surrogateescape") == b"Not \xff Found"
    bad = b"INVITE sip:\xff SIP/2.0\r\n"
    for arg in (bad, bad.decode("utf-8", "surrogateescape")):
        with pytest.raises(ParseError) as e:
            sipmethods.classify(arg)
        assert (e.value.code, e.value.offset) == ("SM_EURI", 7)
    assert sipmethods.is_token("\udcff") is False
    assert sipmethods.lookup("\udcc9NVITE", ignore_case=True) is None


# ---- Status and the status functions ---------------------------------------------------


def spec_status_name(code, phrase):
    if code == 606:
        return "NOT_ACCEPTABLE_ANYWHERE"
    return re.sub(r"[^A-Z0-9]+", "_", phrase.upper())


def test_status_members():
    assert issubclass(Status, enum.IntEnum)
    assert len(Status) == 75 == _core.STATUS_COUNT
    rows = _core.statuses()
    assert [int(s) for s in Status] == [r[0] for r in rows] == sorted(r[0] for r in rows)
    for s, (code, phrase, rfc, deprecated) in zip(Status, rows):
        assert s.name == spec_status_name(code, phrase)
        assert (s.reason, s.rfc, s.deprecated) == (phrase, rfc, deprecated)
        assert s.status_class == code // 100 == sipmethods.status_class(code)
        assert sipmethods.reason(code) == phrase
        assert sipmethods.equivalent(code) == code
        assert Status[s.name] is s is Status(code)


def test_status_named_examples():
    assert Status.CALL_TRANSACTION_DOES_NOT_EXIST == 481
    assert Status.SERVER_TIME_OUT == 504 and Status(504).reason == "Server Time-out"
    assert Status.NOT_ACCEPTABLE_ANYWHERE == 606 and Status(606).reason == "Not Acceptable"
    assert Status.NOT_ACCEPTABLE == 406
    assert Status.ACCEPTED == 202 and Status.ACCEPTED.reason == "Accepted" and Status.ACCEPTED.deprecated
    assert Status.REQUEST_URI_TOO_LONG == 414
    assert Status.OK.rfc == "RFC 3261" and Status.RINGING.status_class == 1
    assert not Status.OK.deprecated


def test_status_matches_the_iana_csv():
    csv_path = REPO / "core" / "data" / "iana-sip-response-codes.csv"
    if not csv_path.exists():
        pytest.skip("no source tree")
    import csv

    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [int(r["code"]) for r in rows] == [int(s) for s in Status]
    for r in rows:
        phrase = r["reason"].replace("(Deprecated)", "").strip()
        assert Status(int(r["code"])).reason == phrase
        assert Status(int(r["code"])).rfc == re.sub(r"RFC\s*(\d+)", r"RFC \1", r["reference"].strip())


def test_status_functions_on_any_int():
    assert sipmethods.reason(180) == "Ringing"
    assert sipmethods.reason(Status.RINGING) == "Ringing"
    assert sipmethods.reason(Index(180)) == "Ringing"
    for code in (0, 99, 299, 700, -180, 2**31, 2**31 + 180, -2**31, 2**64 + 180, 10**100, -10**100):
        assert sipmethods.reason(code) is None, code
        assert sipmethods.status_class(code) == 0 or 100 <= code <= 699
        assert sipmethods.equivalent(code) == 0 or 100 <= code <= 699
    assert sipmethods.equivalent(499) == 400 and sipmethods.equivalent(182) == 182
    assert sipmethods.equivalent(150) == 183 and sipmethods.equivalent(100) == 100
    assert sipmethods.status_class(699) == 6 and sipmethods.status_class(700) == 0
    for f in (sipmethods.reason, sipmethods.status_class, sipmethods.equivalent):
        for bad in ("180", b"180", 180.0, None):
            with pytest.raises(TypeError, match=r"%s\(\) argument 'code' must be int" % f.__name__):
                f(bad)


# ---- the extension itself --------------------------------------------------------------


def fresh_core():
    """A second, unregistered instance of the extension (multi-phase init allows it)."""
    spec = importlib.util.spec_from_file_location("sipmethods._core", _core.__file__)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_module_state_is_per_module():
    core = fresh_core()
    assert core is not _core and core.lookup is not _core.lookup
    for call in (lambda: core.lookup("INVITE"), lambda: core.lookup(b"INVITE"),
                 lambda: core.lookup("invite", ignore_case=True),
                 lambda: core.from_id(1), lambda: core.from_letters("I"),
                 lambda: core.classify(INVITE), lambda: core.parse_allow("INVITE")):
        with pytest.raises(RuntimeError, match="not initialised"):
            call()
    # what needs no Python class works before registration
    assert core.lookup("FOO") is None and core.lookup("\ud800") is None
    assert core.reason(180) == "Ringing" and core.format_allow(1) == "INVITE"
    assert core.reject_status("BYE", 8) == 0 and core.is_token("x") is True
    core._register(Method, ParseError)
    assert core.classify(INVITE).method is Method.INVITE
    assert core.Request is not Request  # each module instance has its own types
    assert core.lookup("INVITE") is Method.INVITE
    assert sipmethods.lookup("INVITE") is Method.INVITE


def test_register_checks_its_arguments():
    core = fresh_core()
    good = (Method, ParseError)
    bad_calls = [
        good[:1],
        good + (ParseError,),
        (int, ParseError),
        (Status, ParseError),  # Status(1) is no member
        (Method, KeyError),
        (Method, "ParseError"),
        ("Method", ParseError),
        (METHODS, ParseError),
    ]
    for args in bad_calls:
        with pytest.raises((TypeError, ValueError)):
            core._register(*args)
    with pytest.raises(RuntimeError):
        core.lookup("INVITE")


def test_pickle():
    assert pickle.loads(pickle.dumps(sipmethods.lookup))("BYE") is Method.BYE
    assert pickle.loads(pickle.dumps(sipmethods.classify)) is sipmethods.classify
    for m in METHODS:
        assert pickle.loads(pickle.dumps(m)) is m
    assert pickle.loads(pickle.dumps(Method.INVITE | Method.ACK)) == Method.INVITE | Method.ACK
    assert pickle.loads(pickle.dumps(Status.RINGING)) is Status.RINGING
    r = sipmethods.classify(INVITE)
    assert pickle.loads(pickle.dumps(r)) == r


def test_reload_re_registers():
    code = (
        "import importlib, sipmethods\n"
        "old = sipmethods.Method.INVITE\n"
        "importlib.reload(sipmethods)\n"
        "new = sipmethods.lookup('INVITE')\n"
        "assert new is sipmethods.Method.INVITE and new is not old, (new, old)\n"
        "assert sipmethods.classify(b'SIP/2.0 200 OK\\r\\nCSeq: 1 BYE\\r\\n\\r\\n').cseq_method is sipmethods.Method.BYE\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=str(Path(__file__).parent))


def test_only_pyinit_is_exported():
    so = Path(_core.__file__)
    try:
        out = subprocess.run(["nm", "-D", "--defined-only", str(so)], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("no nm")
    symbols = {line.split()[-1] for line in out.splitlines() if line.split()[-2:-1] in (["T"], ["D"], ["B"], ["R"])}
    assert "PyInit__core" in symbols
    assert not [s for s in symbols if s.startswith("sm_")], symbols
