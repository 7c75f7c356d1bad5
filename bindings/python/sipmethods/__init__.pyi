# SPDX-License-Identifier: MIT
# Type stubs for sipmethods. Method and Status are built at import time from the C core's
# tables; their members are listed here for type checkers (tests/python/test_stubs.py runs
# mypy.stubtest and compares these members with the runtime ones).
import enum
from _typeshed import structseq
from typing import Any, Final, Iterable, Optional, Tuple, Union, final

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

__version__: str
OTHER: int

class ParseError(ValueError):
    offset: int
    code: Optional[str]
    def __init__(self, message: str, offset: int = 0, code: Optional[str] = None) -> None: ...

class Method(enum.IntFlag):
    INVITE = 1
    ACK = 4
    BYE = 8
    CANCEL = 2
    OPTIONS = 512
    REGISTER = 32
    PRACK = 1024
    SUBSCRIBE = 64
    NOTIFY = 128
    PUBLISH = 8192
    INFO = 16
    REFER = 4096
    MESSAGE = 256
    UPDATE = 2048
    # Defined on single members; a combination of several raises AttributeError.
    @property
    def id(self) -> int: ...
    @property
    def index(self) -> int: ...
    @property
    def description(self) -> str: ...
    @property
    def rfc(self) -> str: ...
    @property
    def references(self) -> Tuple[str, ...]: ...
    @property
    def category(self) -> str: ...
    @property
    def transaction(self) -> str: ...
    @property
    def has_response(self) -> bool: ...
    @property
    def cancelable(self) -> bool: ...
    @property
    def creates_dialog(self) -> bool: ...
    @property
    def target_refresh(self) -> bool: ...
    @property
    def offer_answer(self) -> bool: ...
    @property
    def in_dialog_only(self) -> bool: ...
    @property
    def letter(self) -> Optional[str]: ...

METHODS: Tuple[Method, ...]
ALL_METHODS: Method

class Status(enum.IntEnum):
    TRYING = 100
    RINGING = 180
    CALL_IS_BEING_FORWARDED = 181
    QUEUED = 182
    SESSION_PROGRESS = 183
    EARLY_DIALOG_TERMINATED = 199
    OK = 200
    ACCEPTED = 202
    NO_NOTIFICATION = 204
    MULTIPLE_CHOICES = 300
    MOVED_PERMANENTLY = 301
    MOVED_TEMPORARILY = 302
    USE_PROXY = 305
    ALTERNATIVE_SERVICE = 380
    BAD_REQUEST = 400
    UNAUTHORIZED = 401
    PAYMENT_REQUIRED = 402
    FORBIDDEN = 403
    NOT_FOUND = 404
    METHOD_NOT_ALLOWED = 405
    NOT_ACCEPTABLE = 406
    PROXY_AUTHENTICATION_REQUIRED = 407
    REQUEST_TIMEOUT = 408
    GONE = 410
    CONDITIONAL_REQUEST_FAILED = 412
    REQUEST_ENTITY_TOO_LARGE = 413
    REQUEST_URI_TOO_LONG = 414
    UNSUPPORTED_MEDIA_TYPE = 415
    UNSUPPORTED_URI_SCHEME = 416
    UNKNOWN_RESOURCE_PRIORITY = 417
    BAD_EXTENSION = 420
    EXTENSION_REQUIRED = 421
    SESSION_INTERVAL_TOO_SMALL = 422
    INTERVAL_TOO_BRIEF = 423
    BAD_LOCATION_INFORMATION = 424
    BAD_ALERT_MESSAGE = 425
    USE_IDENTITY_HEADER = 428
    PROVIDE_REFERRER_IDENTITY = 429
    FLOW_FAILED = 430
    ANONYMITY_DISALLOWED = 433
    BAD_IDENTITY_INFO = 436
    UNSUPPORTED_CREDENTIAL = 437
    INVALID_IDENTITY_HEADER = 438
    FIRST_HOP_LACKS_OUTBOUND_SUPPORT = 439
    MAX_BREADTH_EXCEEDED = 440
    BAD_INFO_PACKAGE = 469
    CONSENT_NEEDED = 470
    TEMPORARILY_UNAVAILABLE = 480
    CALL_TRANSACTION_DOES_NOT_EXIST = 481
    LOOP_DETECTED = 482
    TOO_MANY_HOPS = 483
    ADDRESS_INCOMPLETE = 484
    AMBIGUOUS = 485
    BUSY_HERE = 486
    REQUEST_TERMINATED = 487
    NOT_ACCEPTABLE_HERE = 488
    BAD_EVENT = 489
    REQUEST_PENDING = 491
    UNDECIPHERABLE = 493
    SECURITY_AGREEMENT_REQUIRED = 494
    SERVER_INTERNAL_ERROR = 500
    NOT_IMPLEMENTED = 501
    BAD_GATEWAY = 502
    SERVICE_UNAVAILABLE = 503
    SERVER_TIME_OUT = 504
    VERSION_NOT_SUPPORTED = 505
    MESSAGE_TOO_LARGE = 513
    PUSH_NOTIFICATION_SERVICE_NOT_SUPPORTED = 555
    PRECONDITION_FAILURE = 580
    BUSY_EVERYWHERE = 600
    DECLINE = 603
    DOES_NOT_EXIST_ANYWHERE = 604
    NOT_ACCEPTABLE_ANYWHERE = 606
    UNWANTED = 607
    REJECTED = 608
    @property
    def reason(self) -> str: ...
    @property
    def rfc(self) -> str: ...
    @property
    def status_class(self) -> int: ...
    @property
    def deprecated(self) -> bool: ...

# C struct sequences (named, immutable tuples made in C), like os.stat_result.
@final
class Request(structseq[Any], Tuple[Optional[Method], str, str, str, Optional[int], Optional[Method], Optional[str], bool, bool]):
    __match_args__: Final = (
        "method", "method_name", "uri", "version", "cseq", "cseq_method", "cseq_method_name", "cseq_mismatch",
        "partial",
    )
    @property
    def method(self) -> Optional[Method]: ...
    @property
    def method_name(self) -> str: ...
    @property
    def uri(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def cseq(self) -> Optional[int]: ...
    @property
    def cseq_method(self) -> Optional[Method]: ...
    @property
    def cseq_method_name(self) -> Optional[str]: ...
    @property
    def cseq_mismatch(self) -> bool: ...
    @property
    def partial(self) -> bool: ...

@final
class Response(structseq[Any], Tuple[str, int, str, Optional[int], Optional[Method], Optional[str], bool]):
    __match_args__: Final = ("version", "status", "reason", "cseq", "cseq_method", "cseq_method_name", "partial")
    @property
    def version(self) -> str: ...
    @property
    def status(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def cseq(self) -> Optional[int]: ...
    @property
    def cseq_method(self) -> Optional[Method]: ...
    @property
    def cseq_method_name(self) -> Optional[str]: ...
    @property
    def partial(self) -> bool: ...

_Text = Union[str, bytes]
_Methods = Union[int, Iterable[int]]  # a Method, an int, or an iterable of Method

def lookup(name: _Text, /, *, ignore_case: bool = False) -> Optional[Method]: ...
def is_token(s: _Text, /) -> bool: ...
def from_id(rmid: int, /) -> Optional[Method]: ...
def from_letters(s: _Text, /) -> Method: ...
def reject_status(name: _Text, allowed: _Methods, /) -> int: ...
def classify(message: _Text, /) -> Union[Request, Response]: ...
def parse_allow(value: _Text, /) -> Tuple[Method, Tuple[str, ...]]: ...
def format_allow(methods: _Methods, /) -> str: ...
def reason(code: int, /) -> Optional[str]: ...
def status_class(code: int, /) -> int: ...
def equivalent(code: int, /) -> int: ...
