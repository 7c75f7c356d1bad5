# SPDX-License-Identifier: MIT
"""Imports sipmethods in whatever interpreter runs this and checks that it works; prints one
JSON line. Run by ctest (python.system-import) and test_system_python.py under Debian's
/usr/bin/python3, the interpreter Kamailio's app_python3 embeds."""
import json
import sys

import sipmethods
from sipmethods import Method, _core

r = sipmethods.classify(b"OPTIONS sip:a@b SIP/2.0\r\nCSeq: 9 OPTIONS\r\n\r\n")
assert r.method is Method.OPTIONS and r.cseq == 9
assert sipmethods.lookup("OPTIONS") is Method.OPTIONS
assert sipmethods.lookup(b"options", ignore_case=True) is Method.OPTIONS
assert sipmethods.Status(606).name == "NOT_ACCEPTABLE_ANYWHERE"
try:
    sipmethods.classify(b"INVITE <sip:a@b> SIP/2.0\r\n")
except sipmethods.ParseError as e:
    assert (e.offset, e.code) == (7, "SM_EURI")
else:
    raise AssertionError("no ParseError")
print(json.dumps({
    "python": sys.version.split()[0],
    "executable": sys.executable,
    "core": _core.__file__,
    "version": sipmethods.__version__,
    "allow": sipmethods.format_allow(r.method | Method.INVITE),
}))
