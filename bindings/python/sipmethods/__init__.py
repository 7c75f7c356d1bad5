# SPDX-License-Identifier: MIT
"""SIP request methods, their properties, a start-line classifier, the Allow header and
the IANA response codes, backed by the sipmethods C core.

``Method`` and ``Status`` are built from the tables the C extension exports; ``Request``
and ``Response`` are C struct sequences; every function is the C function itself
(see docs/python.md).
"""

import codecs
import enum
import re
from typing import Dict, Optional, Tuple

from . import _core

__all__ = [
    "ALL_METHODS",
    "METHODS",
    "OTHER",
    "Method",
    "ParseError",
    "Request",
    "Response",
    "Status",
    "__version__",
    "classify",
    "equivalent",
    "format_allow",
    "from_id",
    "from_letters",
    "is_token",
    "lookup",
    "parse_allow",
    "reason",
    "reject_status",
    "status_class",
]

__version__: str = _core.__version__

#: Kamailio's METHOD_OTHER bit: in a set passed to reject_status, allows every extension method.
OTHER: int = _core.OTHER


class ParseError(ValueError):
    """Malformed SIP input: ``offset`` is the byte offset of the error into the input
    (UTF-8, surrogateescape, for a str), ``code`` the C core's error name (``"SM_EURI"``,
    ``"SM_EPARTIAL"`` for input that ends before the start line does), None if it has none."""

    offset: int
    code: Optional[str]

    def __init__(self, message: str, offset: int = 0, code: Optional[str] = None) -> None:
        super().__init__(message)
        self.offset = offset
        self.code = code


# ---- Method ----------------------------------------------------------------------------

_METHOD_TABLE: Tuple[Dict[str, object], ...] = _core.methods()
_METHOD_INFO: Dict[object, Dict[str, object]] = {row["id"]: row for row in _METHOD_TABLE}


def _method_field(member: int, field: str) -> object:
    try:
        return _METHOD_INFO[int(member)][field]
    except KeyError:
        raise AttributeError(
            "%s is defined on single methods, not on %r" % (field, member)
        ) from None


class _MethodProperties(enum.IntFlag):
    """The properties every single Method member carries (docs/spec.md)."""

    @property
    def id(self) -> int:
        return _method_field(self, "id")

    @property
    def index(self) -> int:
        return _method_field(self, "index")

    @property
    def description(self) -> str:
        return _method_field(self, "description")

    @property
    def rfc(self) -> str:
        return _method_field(self, "rfc")

    @property
    def references(self) -> Tuple[str, ...]:
        return _method_field(self, "references")

    @property
    def category(self) -> str:
        return _method_field(self, "category")

    @property
    def transaction(self) -> str:
        return _method_field(self, "transaction")

    @property
    def has_response(self) -> bool:
        return _method_field(self, "has_response")

    @property
    def cancelable(self) -> bool:
        return _method_field(self, "cancelable")

    @property
    def creates_dialog(self) -> bool:
        return _method_field(self, "creates_dialog")

    @property
    def target_refresh(self) -> bool:
        return _method_field(self, "target_refresh")

    @property
    def offer_answer(self) -> bool:
        return _method_field(self, "offer_answer")

    @property
    def in_dialog_only(self) -> bool:
        return _method_field(self, "in_dialog_only")

    @property
    def letter(self) -> Optional[str]:
        return _method_field(self, "letter")


Method = _MethodProperties(
    "Method",
    [(row["name"], row["id"]) for row in _METHOD_TABLE],
    module=__name__,
    qualname="Method",
)
Method.__doc__ = """The 14 SIP methods of the IANA registry as flags whose values are Kamailio's
method ids ($rmid); a set of methods is an OR of members."""

#: The 14 methods in table order (the IANA registry order).
METHODS: Tuple["Method", ...] = tuple(Method[row["name"]] for row in _METHOD_TABLE)

#: The set of the 14 registered methods.
ALL_METHODS: "Method" = Method(_core.ALL_METHODS)


# ---- Status ----------------------------------------------------------------------------

_STATUS_TABLE = _core.statuses()
_STATUS_INFO = {code: (reason, rfc, deprecated) for code, reason, rfc, deprecated in _STATUS_TABLE}
_STATUS_NAME_EXCEPTIONS = {606: "NOT_ACCEPTABLE_ANYWHERE"}  # 406 is Not Acceptable too


def _status_name(code: int, phrase: str) -> str:
    """SPEC section 4: the phrase upper-cased, each run of other characters turned into "_"."""
    if code in _STATUS_NAME_EXCEPTIONS:
        return _STATUS_NAME_EXCEPTIONS[code]
    return re.sub(r"[^A-Z0-9]+", "_", phrase.upper())


class _StatusProperties(enum.IntEnum):
    """The properties every Status member carries."""

    @property
    def reason(self) -> str:
        return _STATUS_INFO[self._value_][0]

    @property
    def rfc(self) -> str:
        return _STATUS_INFO[self._value_][1]

    @property
    def status_class(self) -> int:
        return _core.status_class(self._value_)

    @property
    def deprecated(self) -> bool:
        return _STATUS_INFO[self._value_][2]


Status = _StatusProperties(
    "Status",
    [(_status_name(code, phrase), code) for code, phrase, _rfc, _dep in _STATUS_TABLE],
    module=__name__,
    qualname="Status",
)
Status.__doc__ = """The 75 response codes of the IANA registry (202 Accepted is deprecated)."""


# ---- classify results: C struct sequences (faster to make than typing.NamedTuple) --------

Request = _core.Request
Response = _core.Response



def _encode_error(exc: UnicodeError) -> Tuple[bytes, int]:
    """The "sipmethods" codec error handler the C functions encode a str with when it has
    lone surrogates: U+DC80..U+DCFF are their bytes (as surrogateescape), any other lone
    surrogate is NUL, a byte no SIP element holds (docs/python.md)."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return bytes(ord(c) - 0xDC00 if "\udc80" <= c <= "\udcff" else 0 for c in bad), exc.end


codecs.register_error("sipmethods", _encode_error)
_core._register(Method, ParseError)

# ---- the functions: the C functions themselves -----------------------------------------

lookup = _core.lookup
is_token = _core.is_token
from_id = _core.from_id
from_letters = _core.from_letters
reject_status = _core.reject_status
classify = _core.classify
parse_allow = _core.parse_allow
format_allow = _core.format_allow
reason = _core.reason
status_class = _core.status_class
equivalent = _core.equivalent

del codecs, enum, re, Dict, Optional, Tuple
