# SPDX-License-Identifier: MIT
"""Seed inputs of the capture fuzz targets (fuzz_frames, fuzz_tcp_stream, fuzz_capture_file),
built with the CLI tests' frame builders (tests/cli/frames.py, callmix.py): SIP over UDP, TCP,
SCTP, WebSocket and HEP, in tunnels, fragmented, as frames, streams and capture files."""
import os
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import callmix  # noqa: E402
import frames as F  # noqa: E402

TARGETS = ("fuzz_frames", "fuzz_tcp_stream", "fuzz_capture_file")

INVITE = callmix.request(1, "INVITE", callmix.SDP)
OK = callmix.response(1, 200, b"OK", "INVITE", callmix.SDP)
BYE = callmix.request(1, "BYE")
MASK = b"\x11\x22\x33\x44"


def streams():
    """Byte streams of one TCP direction."""
    return [
        INVITE + b"\r\n\r\n" + BYE + callmix.request(2, "OPTIONS"),
        F.WS_UPGRADE_REQUEST + F.ws_frame(INVITE, mask=MASK) + F.ws_frame(b"x", 9, mask=MASK) +
        F.ws_frame(BYE[:30], mask=MASK, fin=False) + F.ws_frame(BYE[30:], 0, mask=MASK),
        F.WS_UPGRADE_RESPONSE + F.ws_frame(OK, 2),
        F.hep3(INVITE) + F.hep3(BYE),
        b"garbage\r\nmore\r\n" + OK + INVITE[:100],
    ]


def frame_lists():
    """Frame sequences (Ethernet) of every kind the decoder reads."""
    c = F.Tcp()
    tcp = c.handshake() + c.send(0, INVITE + BYE, 200) + c.send(1, OK) + c.close()
    ws = F.Tcp(dport=80)
    wsf = ws.handshake() + ws.send(0, streams()[1], 300) + ws.send(1, streams()[2])
    udp = [F.ethernet(F.ipv4(F.udp(m), 17)) for m in (INVITE, OK, BYE)]
    frag = [F.ethernet(x) for x in F.ipv4_fragments(F.udp(INVITE), 17, 200)]
    inner = udp[0]
    tunnels = [F.ethernet(F.ipv4(F.gre(F.erspan3(inner), 0x22EB, seq=1), 47)),
               F.ethernet(F.ipv4(F.gre(F.erspan2(inner), 0x88BE, seq=1), 47)),
               F.ethernet(F.ipv4(F.udp(F.vxlan(inner), 1, 4789), 17)),
               F.ethernet(F.ipv6(F.ipv4(F.udp(BYE), 17), 4), 0x86DD),
               F.ethernet(F.ipv4(F.udp(F.hep3(INVITE), 1, 9060), 17)),
               F.ethernet(F.ipv4(F.sctp([F.sctp_data(INVITE[:100], 1, end=False)]), 132)),
               F.ethernet(F.ipv4(F.sctp([F.sctp_data(INVITE[100:], 2, begin=False)]), 132))]
    return [tcp, wsf, udp + frag, tunnels]


def seeds(target):
    """The seed inputs of target."""
    if target == "fuzz_frames":  # raw Ethernet frames: op 0, 16-bit length, bytes
        return [b"".join(b"\0" + struct.pack("<H", len(f)) + f for f in fl) for fl in frame_lists()]
    if target == "fuzz_tcp_stream":  # 3 cuts, their drive bytes, the stream
        return [b"\x03" + struct.pack("<HHH", 17, 170, 401) + b"\x81\x02\xc3\x04" + s
                for s in streams()]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "seed")
        for i, fl in enumerate(frame_lists()):
            if i % 2:
                F.write_pcapng(path, [F.LINKTYPE_ETHERNET], [(0, f) for f in fl])
            else:
                F.write_pcap(path, fl)
            with open(path, "rb") as f:
                out.append(f.read())
    return out
