# SPDX-License-Identifier: MIT
"""classify on SIP inside tunnels and on the other transports: IP-in-IP, GRE, ERSPAN I-III,
VXLAN, SCTP DATA chunks, WebSocket (RFC 6455/7118) and HEP v3, on frames built one by one."""
import struct

from conftest import SDP, sip_request, sip_response, udp_frame
import frames as F

INVITE = sip_request("INVITE", 1, SDP)
OK = sip_response(200, b"OK")
BYE = sip_request("BYE", 2)
MESSAGE = sip_request("MESSAGE", 5, b"x" * 2500)


def test_ip_in_ip(caps):
    u4 = F.ipv4(F.udp(INVITE), 17, F.V4_C, F.V4_D)
    u6 = F.ipv6(F.udp(INVITE), 17)
    frames = [
        F.ethernet(F.ipv4(u4, 4)),                    # 4in4
        F.ethernet(F.ipv4(u6, 41)),                   # 6in4
        F.ethernet(F.ipv6(u4, 4), 0x86DD),            # 4in6
        F.ethernet(F.ipv6(u6, 41), 0x86DD),           # 6in6
        F.ethernet(F.ipv4(F.ipv4(F.ipv4(u4, 4), 4), 4)),  # three deep
    ]
    assert caps.brief("ipip.pcap", frames) == [f"{i} INVITE 1/INVITE" for i in range(1, 6)]
    # Tunnels nested beyond ENCAP_DEPTH (8) are not followed.
    deep = u4
    for _ in range(12):
        deep = F.ipv4(deep, 4)
    assert caps.brief("deep.pcap", [F.ethernet(deep)]) == []


def test_gre_and_erspan(caps):
    inner = udp_frame(INVITE)                          # a whole Ethernet frame
    ip = F.ipv4(F.udp(OK), 17, F.V4_C, F.V4_D)
    tcp = F.Tcp()
    tcp_frames = tcp.handshake() + tcp.send(0, BYE)
    frames = [
        F.ethernet(F.ipv4(F.gre(ip, 0x0800), 47)),                                  # 1
        F.ethernet(F.ipv4(F.gre(inner, 0x6558, key=5, seq=1, csum=True), 47)),      # 2
        F.ethernet(F.ipv6(F.gre(ip, 0x0800, key=9), 47), 0x86DD),                   # 3
        F.ethernet(F.ipv4(F.gre(inner, 0x88BE), 47)),                               # 4 ERSPAN I
        F.ethernet(F.ipv4(F.gre(F.erspan2(inner), 0x88BE, seq=7), 47)),             # 5 II
        F.ethernet(F.ipv4(F.gre(F.erspan3(inner), 0x22EB, seq=8), 47)),             # 6 III
        F.ethernet(F.ipv4(F.gre(F.erspan3(inner, platform=True), 0x22EB, seq=9), 47)),  # 7
    ] + [F.ethernet(F.ipv4(F.gre(F.erspan2(f), 0x88BE, seq=i), 47)) for i, f in enumerate(tcp_frames)]
    assert caps.brief("gre.pcap", frames) == [
        "1 200 1/INVITE", "2 INVITE 1/INVITE", "3 200 1/INVITE", "4 INVITE 1/INVITE",
        "5 INVITE 1/INVITE", "6 INVITE 1/INVITE", "7 INVITE 1/INVITE", "11 BYE 2/BYE"]
    # GRE version 1 (PPTP) and an unknown ERSPAN version are not read.
    bad = [F.ethernet(F.ipv4(b"\x00\x01\x88\x0b" + inner, 47)),
           F.ethernet(F.ipv4(F.gre(b"\x30\x00" + F.erspan2(inner)[2:], 0x88BE, seq=1), 47))]
    assert caps.brief("badgre.pcap", bad) == []


def test_vxlan(caps):
    inner = udp_frame(INVITE)
    frames = [udp_frame(F.vxlan(inner), 49152, 4789),
              F.ethernet(F.ipv6(F.udp(F.vxlan(udp_frame(OK, v6=True)), 50000, 4789), 17), 0x86DD),
              udp_frame(b"\x00" * 8 + inner, 49152, 4789)]   # not VXLAN (flags): as SIP
    assert caps.brief("vxlan.pcap", frames, rc=1) == [
        "1 INVITE 1/INVITE", "2 200 1/INVITE", "3 SM_EMETHOD"]


def test_sctp(caps):
    def pkt(*chunks):
        return F.ethernet(F.ipv4(F.sctp(list(chunks)), 132))
    part = [MESSAGE[:1000], MESSAGE[1000:2000], MESSAGE[2000:]]
    frames = [
        pkt(F.sctp_init()),                                                     # 1
        pkt(F.sctp_data(INVITE, 1)),                                            # 2
        pkt(F.sctp_data(OK, 2), F.sctp_data(BYE, 3, sid=1)),                    # 3: two
        pkt(F.sctp_data(part[0], 4, end=False)),                                # 4
        pkt(F.sctp_data(part[1], 5, begin=False, end=False),                   # 5, and 5
            F.sctp_data(part[1], 5, begin=False, end=False)),                   #    again
        pkt(F.sctp_data(part[2], 6, begin=False)),                              # 6
        pkt(F.sctp_data(b"\x01\x00\x01\x01" + b"\0" * 20, 7, ppid=3)),          # 7 M3UA
        pkt(F.sctp_data(INVITE, 8, ppid=99)),                                   # 8 SIP anyway
        pkt(F.sctp_data(part[0], 9, sid=2, end=False)),                         # 9
        pkt(F.sctp_data(part[2], 11, sid=2, begin=False)),                      # 10: 10 lost
        F.ethernet(F.ipv6(F.sctp([F.sctp_data(BYE, 12)]), 132), 0x86DD),       # 11
    ]
    assert caps.brief("sctp.pcap", frames) == [
        "2 INVITE 1/INVITE", "3 200 1/INVITE", "3 BYE 2/BYE", "6 MESSAGE 5/MESSAGE",
        "8 INVITE 1/INVITE", "9 MESSAGE 5/MESSAGE truncated", "11 BYE 2/BYE"]
    assert caps.summary("sctp.pcap")[("transport", "sctp")] == 7
    # An unfragmented I-DATA chunk (RFC 8260).
    idata = struct.pack("!BBHIHHII", 64, 3, 20 + len(BYE), 1, 0, 0, 0, 0) + BYE
    idata += b"\0" * (-len(idata) % 4)
    assert caps.brief("idata.pcap", [pkt(idata)]) == ["1 BYE 2/BYE"]
    # A chunk cut by the snap length.
    whole = pkt(F.sctp_data(INVITE, 1))
    assert caps.brief("sctpcut.pcap", [(whole[:200], len(whole))]) == [
        "1 INVITE - truncated"]


def test_websocket(caps):
    mask = b"\x37\xfa\x21\x3d"
    c = F.Tcp(sport=51000, dport=80)
    frames = c.handshake()                                                     # 1-3
    frames += c.send(0, F.WS_UPGRADE_REQUEST)                                  # 4
    frames += c.send(1, F.WS_UPGRADE_RESPONSE)                                 # 5
    frames += c.send(0, F.ws_frame(INVITE, mask=mask))                         # 6 masked text
    frames += c.send(1, F.ws_frame(OK, opcode=2))                              # 7 binary
    frames += c.send(0, F.ws_frame(BYE[:40], mask=mask, fin=False) +           # 8: fragments,
                     F.ws_frame(b"ping", opcode=9, mask=mask) +                #    a ping inside
                     F.ws_frame(BYE[40:], opcode=0, mask=mask))
    big = sip_request("MESSAGE", 5, b"y" * 70000)                              # 64-bit length
    frames += c.send(0, F.ws_frame(big, mask=mask) + F.ws_frame(b"\r\n\r\n", mask=mask), 1400)
    frames += c.send(1, F.ws_frame(OK, opcode=1) + F.ws_frame(b"", opcode=8))  # close
    n = len(frames)
    assert caps.brief("ws.pcap", frames) == [
        "6 INVITE 1/INVITE", "7 200 1/INVITE", "8 BYE 2/BYE", f"{n - 1} MESSAGE 5/MESSAGE",
        f"{n} 200 1/INVITE"]
    assert caps.summary("ws.pcap")[("transport", "ws")] == 5

    # Picked up without its handshake; a frame cut by a gap (the rest of the message lost);
    # a compressed (RSV1) message is not read.
    c = F.Tcp(sport=51001, dport=8080)
    frames = [c.packet(0, F.ws_frame(INVITE, mask=mask))]
    frames.append(c.packet(1, F.ws_frame(OK, opcode=1, rsv1=True)))
    segs = c.send(0, F.ws_frame(sip_request("MESSAGE", 5, b"z" * 600), mask=mask), 200)
    frames += segs[:2] + segs[3:]
    frames += c.send(0, F.ws_frame(BYE, mask=mask))
    frames.append(c.packet(1, flags=F.TCP_ACK))
    assert caps.brief("ws2.pcap", frames) == [
        "1 INVITE 1/INVITE", "6 MESSAGE 5/MESSAGE truncated", "7 BYE 2/BYE"]


def test_hep(caps):
    frames = [
        udp_frame(F.hep3(INVITE), 40000, 9060),                               # 1
        udp_frame(F.hep3(OK, src=F.V4_B, dst=F.V4_A), 40000, 9999),            # 2 any port
        udp_frame(F.hep3(b"RTCP report", proto_type=5), 40000, 9060),        # 3 not SIP
        udp_frame(F.hep3(BYE) + F.hep3(OK), 40000, 9060),                     # 4 two in one
    ]
    c = F.Tcp(sport=40100, dport=9061)
    frames += c.handshake()                                                    # 5-7
    stream = F.hep3(INVITE) + F.hep3(BYE) + F.hep3(OK)
    frames += c.send(0, stream[:100]) + c.send(0, stream[100:])                # 8-9
    cut = udp_frame(F.hep3(INVITE), 40000, 9060)
    frames.append((cut[:-30], len(cut)))                                       # 13
    assert caps.brief("hep.pcap", frames) == [
        "1 INVITE 1/INVITE", "2 200 1/INVITE", "4 BYE 2/BYE", "4 200 1/INVITE",
        "9 INVITE 1/INVITE", "9 BYE 2/BYE", "9 200 1/INVITE", "10 INVITE 1/INVITE truncated"]
    assert caps.summary("hep.pcap")[("transport", "hep")] == 8


def test_fragmented_tunnel(caps):
    """IP fragments of a GRE packet carrying SIP over UDP, reassembled then decoded."""
    inner = F.ipv4(F.udp(MESSAGE), 17, F.V4_C, F.V4_D)
    outer = F.ipv4_fragments(F.gre(inner, 0x0800), 47, 1480)
    frames = [F.ethernet(x) for x in outer]
    assert caps.brief("fraggre.pcap", frames) == [f"{len(frames)} MESSAGE 5/MESSAGE"]


def test_tcp_inside_vlan_and_ipv6_options(caps):
    c = F.Tcp()
    frames = []
    for f in c.handshake() + c.send(0, INVITE, 50):
        frames.append(f[:12] + struct.pack("!HH", 0x8100, 7) + f[12:])
    assert caps.brief("vlantcp.pcap", frames) == [f"{len(frames)} INVITE 1/INVITE"]
