# SPDX-License-Identifier: MIT
"""The shared vectors (tests/vectors/vectors.tsv), every group, bytes and str alike.

Byte fields are compared byte-exact: a str the API returns is encoded back with
surrogateescape first. A str input is the vector's bytes decoded with surrogateescape,
so the byte offsets of errors are the same for both.
"""
import pytest

from conftest import VECTOR_GROUPS, VECTORS, both, raw, text, vectors

import sipmethods
from sipmethods import Method, ParseError

OTHER = 524288


def num(b):
    return int(b.decode("ascii"))


def flag(b):
    assert b in (b"0", b"1")
    return b == b"1"


def member(id_):
    """What Python gives for a C method id: the member, or None for OTHER and 0."""
    return Method(id_) if id_ & 0x3FFF else None


def test_every_group_present():
    assert VECTORS.exists(), VECTORS
    for group in ("method", "lookup", "letters", "reject", "allow_parse", "allow_format", "classify", "status"):
        assert VECTOR_GROUPS.get(group), "no %s vectors" % group


@pytest.mark.parametrize("v", vectors("method"))
def test_method(v):
    (index, name, id_, description, rfc, references, letter, category, transaction,
     has_response, cancelable, creates_dialog, target_refresh, offer_answer, in_dialog_only) = v
    m = sipmethods.METHODS[num(index)]
    assert m.name == name.decode()
    assert int(m) == num(id_) == m.id
    assert m.index == num(index)
    assert m is Method[name.decode()] is Method(num(id_))
    assert raw(m.description) == description
    assert raw(m.rfc) == rfc
    assert raw(", ".join(m.references)) == references
    assert m.letter == (letter.decode() if letter else None)
    assert raw(m.category) == category
    assert raw(m.transaction) == transaction
    assert m.has_response is flag(has_response)
    assert m.cancelable is flag(cancelable)
    assert m.creates_dialog is flag(creates_dialog)
    assert m.target_refresh is flag(target_refresh)
    assert m.offer_answer is flag(offer_answer)
    assert m.in_dialog_only is flag(in_dialog_only)
    assert sipmethods.from_id(num(id_)) is m


@pytest.mark.parametrize("v", vectors("lookup"))
def test_lookup(v):
    name, id_, id_ci, is_token = v
    for arg in both(name):
        assert sipmethods.lookup(arg) is member(num(id_))
        assert sipmethods.lookup(arg, ignore_case=True) is member(num(id_ci))
        assert sipmethods.lookup(arg, ignore_case=False) is member(num(id_))
        assert sipmethods.is_token(arg) is flag(is_token)


@pytest.mark.parametrize("v", vectors("letters"))
def test_letters(v):
    s, set_, error, offset = v
    for arg in both(s):
        if error == b"OK":
            got = sipmethods.from_letters(arg)
            assert isinstance(got, Method)
            assert int(got) == num(set_)
        else:
            with pytest.raises(ValueError) as e:
                sipmethods.from_letters(arg)
            assert isinstance(e.value, ParseError)
            assert e.value.code == error.decode()
            assert e.value.offset == num(offset)


def _as_iterable(set_):
    """The set as a list of single bits (Method members where registered, ints otherwise)."""
    return [Method(1 << k) if (1 << k) & 0x3FFF else 1 << k for k in range(32) if set_ >> k & 1]


@pytest.mark.parametrize("v", vectors("reject"))
def test_reject(v):
    name, allowed, status = v
    allowed = num(allowed)
    for arg in both(name):
        assert sipmethods.reject_status(arg, allowed) == num(status)
        assert sipmethods.reject_status(arg, _as_iterable(allowed)) == num(status)
        assert sipmethods.reject_status(arg, set(_as_iterable(allowed))) == num(status)
        if allowed < 2**31:
            assert sipmethods.reject_status(arg, Method(allowed)) == num(status)


@pytest.mark.parametrize("v", vectors("allow_parse"))
def test_allow_parse(v):
    value, set_, exts, error, offset = v
    for arg in both(value):
        if error == b"OK":
            methods, extensions = sipmethods.parse_allow(arg)
            assert isinstance(methods, Method)
            assert int(methods) == num(set_)
            assert isinstance(extensions, tuple)
            assert all(type(x) is str for x in extensions)
            assert b",".join(raw(x) for x in extensions) == exts
        else:
            with pytest.raises(ParseError) as e:
                sipmethods.parse_allow(arg)
            assert e.value.code == error.decode()
            assert e.value.offset == num(offset)


@pytest.mark.parametrize("v", vectors("allow_format"))
def test_allow_format(v):
    set_, output = v
    set_ = num(set_)
    got = sipmethods.format_allow(set_)
    assert type(got) is str and raw(got) == output
    assert sipmethods.format_allow(_as_iterable(set_)) == got
    if set_ < 2**31:
        assert sipmethods.format_allow(Method(set_)) == got


@pytest.mark.parametrize("v", vectors("classify"))
def test_classify(v):
    (msg, error, offset, kind, method_id, method, uri, version, status, reason,
     cseq, cseq_method_id, cseq_method, cseq_mismatch, partial, consumed) = v
    for arg in both(msg):
        if kind is None:  # an error, SM_EPARTIAL included (cut before the start line ended)
            with pytest.raises(ParseError) as e:
                sipmethods.classify(arg)
            assert e.value.code == error.decode()
            assert e.value.offset == num(offset)
            assert str(e.value).endswith(" at byte %d" % num(offset))
            continue
        # a result, partial or not, whatever C returned (SM_EPARTIAL for a partial one)
        assert error in (b"OK", b"SM_EPARTIAL")
        r = sipmethods.classify(arg)
        assert r.partial is flag(partial)
        assert r.partial is (error == b"SM_EPARTIAL")
        if kind == b"request":
            assert type(r) is sipmethods.Request
            assert r.method is member(num(method_id))
            assert raw(r.method_name) == method
            assert raw(r.uri) == uri
            assert r.cseq_mismatch is flag(cseq_mismatch)
        else:
            assert kind == b"response"
            assert type(r) is sipmethods.Response
            assert r.status == num(status)
            assert raw(r.reason) == reason
        assert raw(r.version) == version
        if cseq is None:
            assert r.cseq is None and r.cseq_method is None and r.cseq_method_name is None
        else:
            assert r.cseq == num(cseq)
            assert r.cseq_method is member(num(cseq_method_id))
            assert raw(r.cseq_method_name) == cseq_method
        for field in r:
            assert field is None or type(field) in (str, int, bool) or isinstance(field, Method)


@pytest.mark.parametrize("v", vectors("status"))
def test_status(v):
    code, reason, rfc, class_, equivalent, deprecated = v
    code = num(code)
    got = sipmethods.reason(code)
    assert (raw(got) if got is not None else None) == reason
    assert sipmethods.status_class(code) == num(class_)
    assert sipmethods.equivalent(code) == num(equivalent)
    if reason is None:
        with pytest.raises(ValueError):
            sipmethods.Status(code)
    else:
        s = sipmethods.Status(code)
        assert raw(s.reason) == reason
        assert raw(s.rfc) == rfc
        assert s.status_class == num(class_)
        assert s.deprecated is flag(deprecated)
