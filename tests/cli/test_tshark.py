# SPDX-License-Identifier: MIT
"""classify and tshark agree, message by message, on captures of every transport and
encapsulation that tshark reads (HEP is not among them in Wireshark 4.0)."""
import pytest

from conftest import SDP, sip_request, sip_response, udp_frame
import callmix
import frames as F
from tshark_view import classify_view, count, have_tshark, tshark_view

pytestmark = pytest.mark.skipif(not have_tshark(), reason="tshark is a test dependency")

INVITE = sip_request("INVITE", 1, SDP)
OK = sip_response(200, b"OK", body=SDP)
BYE = sip_request("BYE", 2)
BYE_OK = sip_response(200, b"OK", 2, "BYE")
MESSAGE = sip_request("MESSAGE", 5, b"x" * 2500)
AGREED = []


def agree(caps, name, frames, prefs=(), **kw):
    """Writes capture `name`, checks classify and tshark see the same messages; their count."""
    caps.pcap(name, frames, **kw)
    lines, _ = caps.run(["classify", name])
    ours = classify_view(lines)
    theirs = tshark_view(caps.path(name), prefs)
    assert ours == theirs, f"{name}: classify {ours}\ntshark {theirs}"
    assert count(ours) > 0
    AGREED.append(count(ours))
    return count(ours)


def test_udp_and_fragments(caps):
    v4 = F.ipv4_fragments(F.udp(MESSAGE), 17, 1480)
    v6 = F.ipv6_fragments(F.udp(MESSAGE), 17, 1232)
    frames = [udp_frame(INVITE), udp_frame(OK, v6=True), F.ethernet(v4[1]), F.ethernet(v4[0]),
              udp_frame(BYE, 5070, 5080)] + [F.ethernet(x, 0x86DD) for x in v6]
    frames.append(F.ethernet(F.ipv4(F.udp(BYE), 17), vlans=[(0x88A8, 1), (0x8100, 2)]))
    assert agree(caps, "udp.pcap", frames) == 6


def test_tcp_streams(caps):
    c = F.Tcp(sport=40000, dport=5080)
    frames = c.handshake() + c.send(0, INVITE + BYE, 50) + c.send(1, OK + BYE_OK)
    frames += c.send(0, b"\r\n\r\n") + c.send(0, MESSAGE, 1400)
    d = F.Tcp(sport=40001, dport=5060, v6=True)
    frames += d.handshake() + d.send(0, INVITE, 1) + d.send(1, OK, 100)
    e = F.Tcp(sport=40002, dport=5060)
    segs = e.handshake() + e.send(0, INVITE + MESSAGE, 300)
    frames += segs[:4] + [segs[4], segs[4]] + segs[5:]          # a retransmission
    assert agree(caps, "tcp.pcap", frames) == 9


def test_tcp_out_of_order(caps):
    c = F.Tcp()
    frames = c.handshake()
    segs = c.send(0, INVITE + BYE, 120)
    frames += [segs[1], segs[0]] + segs[2:] + c.send(1, OK)
    assert agree(caps, "ooo.pcap", frames, prefs=["tcp.reassemble_out_of_order:TRUE"]) == 3


def test_tunnels(caps):
    inner = udp_frame(INVITE)
    ip = F.ipv4(F.udp(OK), 17, F.V4_C, F.V4_D)
    frames = [
        F.ethernet(F.ipv4(ip, 4)), F.ethernet(F.ipv6(ip, 4), 0x86DD),
        F.ethernet(F.ipv4(F.ipv6(F.udp(BYE), 17), 41)),
        F.ethernet(F.ipv4(F.gre(ip, 0x0800, key=3), 47)),
        F.ethernet(F.ipv4(F.gre(inner, 0x6558), 47)),
        F.ethernet(F.ipv4(F.gre(inner, 0x88BE), 47)),
        F.ethernet(F.ipv4(F.gre(F.erspan2(inner), 0x88BE, seq=1), 47)),
        F.ethernet(F.ipv4(F.gre(F.erspan3(inner), 0x22EB, seq=2), 47)),
        F.ethernet(F.ipv4(F.gre(F.erspan3(inner, platform=True), 0x22EB, seq=3), 47)),
        udp_frame(F.vxlan(inner), 49152, 4789),
    ]
    assert agree(caps, "tunnels.pcap", frames) == 10


def test_sctp(caps):
    def pkt(*chunks):
        return F.ethernet(F.ipv4(F.sctp(list(chunks)), 132))
    part = [MESSAGE[:1000], MESSAGE[1000:]]
    frames = [pkt(F.sctp_data(INVITE, 1)), pkt(F.sctp_data(OK, 2), F.sctp_data(BYE, 3, sid=1)),
              pkt(F.sctp_data(part[0], 4, end=False)), pkt(F.sctp_data(part[1], 5, begin=False))]
    assert agree(caps, "sctp.pcap", frames) == 4


def test_websocket(caps):
    mask = b"\x01\x02\x03\x04"
    c = F.Tcp(sport=51000, dport=80)
    frames = c.handshake() + c.send(0, F.WS_UPGRADE_REQUEST) + c.send(1, F.WS_UPGRADE_RESPONSE)
    frames += c.send(0, F.ws_frame(INVITE, mask=mask)) + c.send(1, F.ws_frame(OK, opcode=2))
    frames += c.send(0, F.ws_frame(BYE, mask=mask) + F.ws_frame(MESSAGE, mask=mask), 500)
    frames += c.send(1, F.ws_frame(BYE_OK))
    assert agree(caps, "ws.pcap", frames) == 5


def test_pcapng_mixed(caps):
    ip = F.ipv4(F.udp(INVITE), 17)
    caps.pcapng("mixed.pcapng", [F.LINKTYPE_ETHERNET, F.LINKTYPE_RAW, F.LINKTYPE_SLL2],
                [(0, F.ethernet(ip)), (1, ip), (2, F.sll2(ip, 0x0800)), (1, F.ipv6(F.udp(OK), 17))])
    lines, _ = caps.run(["classify", "mixed.pcapng"])
    ours = classify_view(lines)
    assert ours == tshark_view(caps.path("mixed.pcapng")) and count(ours) == 4
    AGREED.append(count(ours))


def test_call_mix(caps):
    n = callmix.write(caps.path("mix.pcap"), 400, seed=7)
    lines, _ = caps.run(["classify", "mix.pcap"], rc=0)
    ours = classify_view(lines)
    assert count(ours) == n
    assert ours == tshark_view(caps.path("mix.pcap"))
    AGREED.append(n)


def test_report():
    """Runs last: how many messages were compared."""
    print(f"\nclassify and tshark agree on {sum(AGREED)} messages in {len(AGREED)} captures")
