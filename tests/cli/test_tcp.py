# SPDX-License-Identifier: MIT
"""classify on SIP over TCP: reassembly of each direction and framing by Content-Length
(RFC 3261 §18.3), on segments the tests build one by one."""
import struct

from conftest import SDP, sip_request, sip_response
import frames as F

INVITE = sip_request("INVITE", 1, SDP)
RINGING = sip_response(180, b"Ringing")
OK = sip_response(200, b"OK", body=SDP)
ACK = sip_request("ACK", 1)
BYE = sip_request("BYE", 2)
BYE_OK = sip_response(200, b"OK", 2, "BYE")
SIPFRAG = b"SIP/2.0 200 OK\r\n"
NOTIFY = sip_request("NOTIFY", 3, SIPFRAG, extra=b"Content-Type: message/sipfrag\r\n")


def test_whole_messages(caps):
    c = F.Tcp()
    frames = c.handshake()                                     # 1-3
    frames += c.send(0, INVITE)                                # 4
    frames += c.send(1, RINGING + OK)                          # 5: two messages in one segment
    frames += c.send(0, ACK + b"\r\n\r\n" + BYE)               # 6: a keepalive between
    frames += c.send(1, b"\r\n")                               # 7: the pong
    frames += c.send(1, BYE_OK)                                # 8
    frames += c.close()
    assert caps.brief("tcp.pcap", frames) == [
        "4 INVITE 1/INVITE", "5 180 1/INVITE", "5 200 1/INVITE", "6 ACK 1/ACK", "6 BYE 2/BYE",
        "8 200 2/BYE"]
    s = caps.summary("tcp.pcap")
    assert s[("transport", "tcp")] == 6 and s[("response", "INVITE 200")] == 1
    assert s[("response", "BYE 200")] == 1 and s[("response", "INVITE 180")] == 1


def test_segmented(caps):
    """One message over many segments (down to one byte each), a body holding a start line."""
    c = F.Tcp(v6=True)
    frames = c.handshake() + c.send(0, INVITE, 1) + c.send(0, NOTIFY, 7) + c.send(1, OK, 100)
    last_invite = 3 + len(INVITE)
    last_notify = last_invite + (len(NOTIFY) + 6) // 7
    assert caps.brief("seg.pcap", frames) == [
        f"{last_invite} INVITE 1/INVITE", f"{last_notify} NOTIFY 3/NOTIFY",
        f"{len(frames)} 200 1/INVITE"]


def test_retransmissions_and_overlaps(caps):
    c = F.Tcp()
    s0 = c.seq[0] + 1
    frames = c.handshake()
    a = c.packet(0, INVITE[:200])
    b = c.packet(0, INVITE[200:])
    frames += [a, a, b]                                        # 4-6: a retransmitted
    frames.append(c.packet(0, INVITE[150:] + BYE[:50], seq=s0 + 150))  # 7: overlaps, new bytes
    c.seq[0] += 50
    frames += c.send(0, BYE[50:])                              # 8
    frames.append(c.packet(0, BYE, seq=s0 + len(INVITE)))      # 9: all old
    frames.append(c.packet(0, b"x", seq=c.seq[0] - 1))         # 10: a keepalive probe
    assert caps.brief("retrans.pcap", frames) == ["6 INVITE 1/INVITE", "8 BYE 2/BYE"]


def test_out_of_order(caps):
    c = F.Tcp()
    frames = c.handshake()
    segs = c.send(0, INVITE + BYE, 100)
    frames += segs[2:] + segs[:2]
    frames += c.send(1, OK)
    n = len(frames)
    assert caps.brief("ooo.pcap", frames) == [
        f"{n - 1} INVITE 1/INVITE", f"{n - 1} BYE 2/BYE", f"{n} 200 1/INVITE"]


def test_gaps(caps):
    c = F.Tcp()
    frames = c.handshake()                                     # 1-3
    invite = sip_request("INVITE", 1, SDP * 4)
    segs = c.send(0, invite + BYE + NOTIFY, 100)
    body_at = invite.index(b"\r\n\r\n") + 4
    # A segment lost inside INVITE's body: the message is truncated but the stream stays in
    # step (the body length is known); the server's ACK shows the bytes were delivered.
    lost = body_at // 100 + 1
    assert (lost + 1) * 100 < len(invite)
    frames += segs[:lost]
    frames += segs[lost + 1:]
    frames += [c.packet(1, flags=F.TCP_ACK)]

    def frame_of(offset):  # the frame holding byte `offset` of the stream (after the loss)
        return 3 + offset // 100

    ends = [len(invite), len(invite + BYE), len(invite + BYE + NOTIFY)]
    assert caps.brief("gap.pcap", frames) == [
        f"{frame_of(ends[0] - 1)} INVITE 1/INVITE truncated", f"{frame_of(ends[1] - 1)} BYE 2/BYE",
        f"{frame_of(ends[2] - 1)} NOTIFY 3/NOTIFY"]

    # A segment lost inside a header block: that message is cut where the gap starts (numbered
    # by the frame of its last byte seen); the reading picks up at the next start line. What
    # waited behind the gap is numbered by its own frames.
    c = F.Tcp()
    frames = c.handshake()
    segs = c.send(0, INVITE + BYE + NOTIFY, 60)
    frames += segs[:1] + segs[2:]
    ends = [len(INVITE + BYE) - 1, len(INVITE + BYE + NOTIFY) - 1]
    got = caps.brief("gap2.pcap", frames)
    assert got == ["4 INVITE - truncated", f"{ends[0] // 60 + 3} BYE 2/BYE",
                   f"{ends[1] // 60 + 3} NOTIFY 3/NOTIFY"], got

    # Nobody acknowledges: the data after a gap waits TCP_GAP_WAIT_US (2 s) of capture time.
    c = F.Tcp()
    segs = c.send(0, INVITE + BYE, 100)
    t = 1700000000000000
    frames = [(f, len(f), t + i) for i, f in enumerate(segs[:1] + segs[2:])]
    later = c.send(1, OK)[0]
    frames.append((later, len(later), t + 3000000))
    got = caps.brief("gap3.pcap", frames)
    assert got == ["1 INVITE - truncated", f"{len(INVITE + BYE) // 100} BYE 2/BYE",
                   f"{len(frames)} 200 1/INVITE"], got


def test_missing_content_length(caps):
    c = F.Tcp()
    frames = c.handshake()
    frames += c.send(0, sip_request("OPTIONS", 4, length=False) + b"junk\r\n" + BYE)
    frames += c.send(0, sip_request("MESSAGE", 5, b"hello\r\n", length=False) + BYE)
    assert caps.brief("nolen.pcap", frames) == [
        "4 OPTIONS 4/OPTIONS no-content-length", "4 BYE 2/BYE",
        "5 MESSAGE 5/MESSAGE no-content-length", "5 BYE 2/BYE"]


def test_cut_connections(caps):
    """A connection that ends inside a message: FIN, RST, or the end of the capture."""
    for name, end in [("fin", [F.TCP_FIN | F.TCP_ACK]), ("rst", [F.TCP_RST]), ("eof", [])]:
        c = F.Tcp()
        frames = c.handshake() + c.send(0, INVITE[:-10])
        frames += [c.packet(0, flags=fl) for fl in end]
        assert caps.brief(name + ".pcap", frames) == ["4 INVITE 1/INVITE truncated"], name
        c = F.Tcp()
        frames = c.handshake() + c.send(0, INVITE) + c.send(0, BYE[:60])
        frames += [c.packet(0, flags=fl) for fl in end]
        assert caps.brief(name + "2.pcap", frames) == [
            "4 INVITE 1/INVITE", "5 BYE - truncated"], name
    # Cut before the start line ended: the error says it.
    c = F.Tcp()
    frames = c.handshake() + c.send(0, INVITE[:12])
    assert caps.brief("short.pcap", frames, rc=1) == ["4 SM_EPARTIAL truncated"]


def test_snap_length(caps):
    """Segments cut by the snap length: the bytes missing are a gap in the stream."""
    c = F.Tcp()
    frames = c.handshake()
    body = b"a" * 3000
    msg = sip_request("MESSAGE", 8, body)
    for f in c.send(0, msg + BYE, 1400):
        frames.append((f[:200], len(f)) if len(f) > 200 else f)
    n = len(frames)
    got = caps.brief("snap.pcap", frames, snaplen=200)
    assert got == [f"{n} MESSAGE 8/MESSAGE truncated", f"{n} BYE 2/BYE"] or \
        got[0].endswith("truncated"), got


def test_midstream_and_reuse(caps):
    """A connection picked up in the middle of a message; ports reused after a close."""
    c = F.Tcp()
    frames = [c.packet(0, INVITE[40:]), c.packet(0, BYE)]     # no handshake seen
    frames += c.close()
    c2 = F.Tcp(isn=(90000, 70000))
    frames += c2.handshake() + c2.send(0, ACK)
    frames.append(c.packet(0, BYE, seq=c.seq[0] - len(BYE) - 1))  # late retransmission
    assert caps.brief("mid.pcap", frames) == ["2 BYE 2/BYE", "9 ACK 1/ACK"]


def test_large_body(caps):
    c = F.Tcp()
    body = bytes(range(256)) * 400                           # 100 kB, line ends and all
    msg = sip_request("MESSAGE", 6, body)
    frames = c.handshake() + c.send(0, msg + BYE, 1460)
    n = len(frames)
    assert caps.brief("big.pcap", frames) == [f"{n} MESSAGE 6/MESSAGE", f"{n} BYE 2/BYE"]


def test_idle_connection_flushed(caps):
    """A connection silent for TCP_IDLE_US (120 s of capture time) is flushed and freed."""
    c = F.Tcp()
    t = 1700000000000000
    frames = [(f, len(f), t) for f in c.handshake() + c.send(0, INVITE[:100])]
    d = F.Tcp(sport=40001)
    later = d.send(0, BYE)[0]
    frames.append((later, len(later), t + 200 * 1000000))
    assert caps.brief("idle.pcap", frames) == ["4 INVITE - truncated", "5 BYE 2/BYE"]


def test_many_connections(caps):
    """Connections interleaved, each in its own state."""
    convs = [F.Tcp(sport=41000 + i) for i in range(50)]
    frames = []
    for c in convs:
        frames += c.handshake()
    for c in convs:
        frames += c.send(0, INVITE[:300])
    for c in convs:
        frames += c.send(0, INVITE[300:])
    got = caps.brief("many.pcap", frames)
    assert got == [f"{150 + 50 + i + 1} INVITE 1/INVITE" for i in range(50)]
