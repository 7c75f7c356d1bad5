# SPDX-License-Identifier: MIT
"""Shared helpers of the CLI capture suites (pytest).

Environment (set by ctest, see CMakeLists.txt):
  SIPMETHODS_CLI        the sipmethods program under test
  SIPMETHODS_CLI_SANITIZED  1 when it is built with ASan/UBSan (memory bounds are not checked)
  SIPMETHODS_LO_CAPTURE the lo_capture helper (live capture into a pcap file), when built
"""
import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frames as F  # noqa: E402


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("SIPMETHODS_CLI")
    if not path:
        pytest.exit("SIPMETHODS_CLI is not set (run through ctest)", returncode=2)
    return os.path.abspath(path)


def run_cli(cli, args, stdin=None, cwd=None, timeout=120):
    """Runs the CLI; returns (exit status, stdout lines, stderr text)."""
    p = subprocess.run([cli] + args, input=stdin, capture_output=True, cwd=cwd, timeout=timeout,
                       stdin=None if stdin is not None else subprocess.DEVNULL)
    out = p.stdout.decode("utf-8", "surrogateescape")
    err = p.stderr.decode("utf-8", "surrogateescape")
    return p.returncode, out.splitlines(), err


def brief(line):
    """A classify output line in short: 'N METHOD cseq' / 'N CODE cseq' / 'N SM_E*', then its
    flags; cseq is 'NUMBER/METHOD' or '-'."""
    f = line.split("\t")
    n = f[0].rsplit(":", 1)[1]
    if f[1] == "error":
        return " ".join([n, f[2]] + f[5:])
    cseq = f[5][len("cseq="):].replace(" ", "/")
    return " ".join([n, f[2], cseq] + f[6:])


def sip_request(method="INVITE", cseq=1, body=b"", uri=b"sip:bob@example.com", length=True,
                cseq_method=None, extra=b""):
    """A SIP request with a Content-Length (unless length is False) and the body."""
    m = method.encode()
    head = (m + b" " + uri + b" SIP/2.0\r\n"
            b"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK" + str(cseq).encode() + b"\r\n"
            b"From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\n"
            b"Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            b"CSeq: " + str(cseq).encode() + b" " + (cseq_method or method).encode() + b"\r\n" +
            extra)
    if length:
        head += b"Content-Length: " + str(len(body)).encode() + b"\r\n"
    return head + b"\r\n" + body


def sip_response(code=200, reason=b"OK", cseq=1, method="INVITE", body=b""):
    """A SIP response with a Content-Length and the body."""
    return (b"SIP/2.0 " + str(code).encode() + b" " + reason + b"\r\n"
            b"Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK1\r\n"
            b"From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>;tag=2\r\n"
            b"Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            b"CSeq: " + str(cseq).encode() + b" " + method.encode() + b"\r\n"
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


SDP = (b"v=0\r\no=alice 2890844526 2890844526 IN IP4 192.0.2.1\r\ns=-\r\n"
       b"c=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n")


def udp_frame(payload, sport=5060, dport=5060, v6=False):
    """An Ethernet frame carrying payload over UDP (IPv4, or IPv6)."""
    if v6:
        return F.ethernet(F.ipv6(F.udp(payload, sport, dport), 17), 0x86DD)
    return F.ethernet(F.ipv4(F.udp(payload, sport, dport), 17))


class Captures:
    """Writes test captures into a temporary directory and runs the CLI on them."""

    def __init__(self, cli, directory):
        self.cli = cli
        self.dir = str(directory)

    def path(self, name):
        return os.path.join(self.dir, name)

    def pcap(self, name, frames, **kw):
        F.write_pcap(self.path(name), frames, **kw)
        return self.path(name)

    def pcapng(self, name, linktypes, packets):
        F.write_pcapng(self.path(name), linktypes, packets)
        return self.path(name)

    def run(self, args, rc=None, stdin=None):
        """Runs the CLI in the directory; checks the exit status if rc is given."""
        code, lines, err = run_cli(self.cli, args, stdin=stdin, cwd=self.dir)
        if rc is not None:
            assert code == rc, f"{args}: exit {code}, expected {rc}\n" + "\n".join(lines) + err
        return lines, err

    def brief(self, name, frames=None, args=(), rc=0, **kw):
        """Classifies capture `name` (written from frames if given): its lines in short."""
        if frames is not None:
            self.pcap(name, frames, **kw)
        lines, _ = self.run(["classify"] + list(args) + [name], rc=rc)
        return [brief(x) for x in lines]

    def summary(self, name, args=(), rc=0):
        """The --summary of capture `name` as {(kind, key): count}."""
        lines, _ = self.run(["classify", "--summary"] + list(args) + [name], rc=rc)
        return {tuple(x.split("\t")[:2]): int(x.split("\t")[2]) for x in lines}


@pytest.fixture
def caps(cli, tmp_path):
    return Captures(cli, tmp_path)
