# SPDX-License-Identifier: MIT
"""A synthetic capture of SIP traffic as a busy proxy sees it: calls, registrations, OPTIONS
pings and MESSAGEs over UDP (IPv4, IPv6, VLAN-tagged), and over long-lived TCP connections
(segmented at 1400 bytes, several messages per segment at times, keepalives between them).
Deterministic for a given seed. Used by the tshark comparison (tests) and bench/run.

usage: callmix.py OUT.pcap TRANSACTIONS [SEED]
"""
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import frames as F  # noqa: E402

SDP = (b"v=0\r\no=- 20518 0 IN IP4 203.0.113.7\r\ns=-\r\nc=IN IP4 203.0.113.7\r\nt=0 0\r\n"
       b"m=audio 54400 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
       b"a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=sendrecv\r\n")


def _headers(n, method, tag):
    return (b"Via: SIP/2.0/UDP 203.0.113.7:5060;branch=z9hG4bK%d-%s\r\n"
            b"Max-Forwards: 70\r\nFrom: <sip:u%d@example.com>;tag=%d\r\n"
            b"To: <sip:svc@example.com>%s\r\nCall-ID: %d-callmix@203.0.113.7\r\n"
            b"CSeq: %d %s\r\nUser-Agent: callmix\r\n"
            % (n, method, n % 1000, n, tag, n, n % 65536 + 1, method))


def request(n, method, body=b""):
    m = method.encode()
    return (m + b" sip:svc@example.com SIP/2.0\r\n" + _headers(n, m, b"") +
            b"Contact: <sip:u%d@203.0.113.7:5060>\r\n" % (n % 1000) +
            (b"Content-Type: application/sdp\r\n" if body else b"") +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def response(n, code, reason, method, body=b""):
    m = method.encode()
    return (b"SIP/2.0 %d %s\r\n" % (code, reason) + _headers(n, m, b";tag=srv%d" % n) +
            (b"Content-Type: application/sdp\r\n" if body else b"") +
            b"Content-Length: %d\r\n\r\n" % len(body) + body)


def transaction(n, kind):
    """The messages (from side 0 = client or 1 = server) of one transaction or call."""
    if kind == "call":
        return [(0, request(n, "INVITE", SDP)), (1, response(n, 100, b"Trying", "INVITE")),
                (1, response(n, 180, b"Ringing", "INVITE")),
                (1, response(n, 200, b"OK", "INVITE", SDP)), (0, request(n, "ACK")),
                (0, request(n, "BYE")), (1, response(n, 200, b"OK", "BYE"))]
    if kind == "register":
        return [(0, request(n, "REGISTER")), (1, response(n, 401, b"Unauthorized", "REGISTER")),
                (0, request(n, "REGISTER")), (1, response(n, 200, b"OK", "REGISTER"))]
    if kind == "options":
        return [(0, request(n, "OPTIONS")), (1, response(n, 200, b"OK", "OPTIONS"))]
    return [(0, request(n, "MESSAGE", b"hello " * 20)), (1, response(n, 202, b"Accepted", "MESSAGE"))]


class Writer:
    """Writes pcap records as they come (microsecond timestamps, 1 ms apart)."""

    def __init__(self, f):
        self.f = f
        self.t = 1700000000 * 1000000
        self.frames = 0
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, F.LINKTYPE_ETHERNET))

    def add(self, frame):
        self.t += 1000
        self.frames += 1
        self.f.write(struct.pack("<IIII", self.t // 1000000, self.t % 1000000, len(frame),
                                 len(frame)) + frame)


def write(path, transactions, seed=1):
    """Writes the capture; returns the number of SIP messages in it."""
    rnd = random.Random(seed)
    conns = [F.Tcp(sport=42000 + i, dport=5060, v6=(i % 5 == 4)) for i in range(16)]
    messages = 0
    with open(path, "wb") as f:
        w = Writer(f)
        for c in conns:
            for fr in c.handshake():
                w.add(fr)
        kinds = ["call"] * 5 + ["register"] * 2 + ["options"] * 2 + ["message"]
        for n in range(transactions):
            msgs = transaction(n, rnd.choice(kinds))
            messages += len(msgs)
            transport = rnd.random()
            if transport < 0.7:  # UDP: IPv4, some IPv6 and VLAN-tagged
                v6, vlan = transport < 0.1, 0.1 <= transport < 0.2
                for side, m in msgs:
                    ports = (5060, 5060)
                    if v6:
                        a, b = (F.V6_A, F.V6_B) if side == 0 else (F.V6_B, F.V6_A)
                        w.add(F.ethernet(F.ipv6(F.udp(m, *ports), 17, a, b), 0x86DD))
                    else:
                        a, b = (F.V4_A, F.V4_B) if side == 0 else (F.V4_B, F.V4_A)
                        w.add(F.ethernet(F.ipv4(F.udp(m, *ports), 17, a, b),
                                         vlans=[(0x8100, 100)] if vlan else ()))
                continue
            c = rnd.choice(conns)
            i = 0
            while i < len(msgs):  # at times two messages of one side in one segment
                side, data = msgs[i]
                i += 1
                if i < len(msgs) and msgs[i][0] == side and rnd.random() < 0.3:
                    data += msgs[i][1]
                    i += 1
                if rnd.random() < 0.1:  # a keepalive (RFC 5626 §4.4.1), in its own segment
                    w.add(c.packet(side, b"\r\n\r\n"))
                for fr in c.send(side, data, 1400):
                    w.add(fr)
                w.add(c.packet(1 - side, flags=F.TCP_ACK))
        for c in conns:
            for fr in c.close():
                w.add(fr)
    return messages


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[-1])
    n = write(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) == 4 else 1)
    print(n)
