# SPDX-License-Identifier: MIT
"""Building captured frames and writing pcap/pcapng files, for the CLI tests.

Every header is written from its RFC (or the vendor's published layout), field by field, so
that a test can build exactly the frame it needs: segmented, retransmitted, out of order,
fragmented, cut by the snap length. Checksums are filled in where a reader might check them.
"""
import struct

MAC_A = bytes([2, 0, 0, 0, 0, 1])
MAC_B = bytes([2, 0, 0, 0, 0, 2])
V4_A, V4_B = bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2])
V4_C, V4_D = bytes([198, 51, 100, 1]), bytes([198, 51, 100, 2])
V6_A = bytes.fromhex("20010db8000000000000000000000001")
V6_B = bytes.fromhex("20010db8000000000000000000000002")

LINKTYPE_NULL, LINKTYPE_ETHERNET, LINKTYPE_RAW = 0, 1, 101
LINKTYPE_LOOP, LINKTYPE_SLL, LINKTYPE_SLL2 = 108, 113, 276


def checksum(data):
    """The Internet checksum (RFC 1071)."""
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


# ---- link layers ----

def ethernet(payload, ethertype=0x0800, vlans=(), src=MAC_A, dst=MAC_B):
    """An Ethernet II frame; vlans: (TPID, VID) tags, outermost first."""
    tags = b"".join(struct.pack("!HH", tpid, vid) for tpid, vid in vlans)
    return dst + src + tags + struct.pack("!H", ethertype) + payload


def sll(payload, protocol=0x0800):
    """Linux cooked v1: packet type, ARPHRD, address length, 8 address bytes, protocol."""
    return struct.pack("!HHH8sH", 0, 1, 6, MAC_A + b"\0\0", protocol) + payload


def sll2(payload, protocol=0x86DD):
    """Linux cooked v2: protocol, reserved, ifindex, ARPHRD, type, address length, address."""
    return struct.pack("!HHIHBB8s", protocol, 0, 2, 1, 0, 6, MAC_A + b"\0\0") + payload


def loopback(payload, family, big_endian=False):
    """BSD loopback (LINKTYPE_NULL, host order here little-endian) or LINKTYPE_LOOP (big)."""
    return struct.pack(">I" if big_endian else "<I", family) + payload


# ---- IP ----

def ipv4(payload, proto, src=V4_A, dst=V4_B, ident=0x1234, offset=0, more=False, total=None):
    """An IPv4 header (no options) and payload; offset in bytes (a multiple of 8)."""
    frag = (offset // 8) | (0x2000 if more else 0)
    length = total if total is not None else 20 + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, length, ident, frag, 64, proto, 0, src, dst)
    h = h[:10] + struct.pack("!H", checksum(h)) + h[12:]
    return h + payload


def ipv6(payload, next_header, src=V6_A, dst=V6_B, ext=b"", plen=None):
    """An IPv6 header, extension headers ext (already chained), then the payload."""
    length = plen if plen is not None else len(ext) + len(payload)
    return struct.pack("!IHBB16s16s", 6 << 28, length, next_header, 64, src, dst) + ext + payload


def ipv6_fragment_header(next_header, offset, more, ident):
    """An IPv6 fragment extension header."""
    return struct.pack("!BBHI", next_header, 0, offset | (1 if more else 0), ident)


def ipv4_fragments(payload, proto, size, src=V4_A, dst=V4_B, ident=0x4242):
    """The IPv4 packets carrying payload in fragments of `size` bytes (a multiple of 8)."""
    out = []
    for off in range(0, len(payload), size):
        out.append(ipv4(payload[off:off + size], proto, src, dst, ident, off,
                        off + size < len(payload)))
    return out


def ipv6_fragments(payload, next_header, size, ident=0x77):
    """The IPv6 packets carrying payload in fragments of `size` bytes (a multiple of 8)."""
    out = []
    for off in range(0, len(payload), size):
        fh = ipv6_fragment_header(next_header, off, off + size < len(payload), ident)
        out.append(ipv6(payload[off:off + size], 44, ext=fh))
    return out


# ---- transports ----

def udp(payload, sport=5060, dport=5060, length=None):
    """A UDP header (checksum 0: none) and payload."""
    return struct.pack("!HHHH", sport, dport, length if length is not None else 8 + len(payload),
                       0) + payload


TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK = 0x01, 0x02, 0x04, 0x08, 0x10


def tcp(payload, sport, dport, seq, ack=0, flags=TCP_ACK | TCP_PSH, window=65535):
    """A TCP header (no options) and payload."""
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4,
                       flags, window, 0, 0) + payload


def crc32c(data):
    """CRC-32C (Castagnoli), as SCTP uses (RFC 3309)."""
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def sctp(chunks, sport=5060, dport=5060, vtag=0x01020304):
    """An SCTP packet of the given chunks (each already padded), checksum filled in."""
    body = struct.pack("!HHII", sport, dport, vtag, 0) + b"".join(chunks)
    return body[:8] + struct.pack("<I", crc32c(body)) + body[12:]


def sctp_data(data, tsn, sid=0, ssn=0, ppid=0, begin=True, end=True):
    """A DATA chunk (RFC 9260 §3.3.1), padded to 4 bytes."""
    flags = (2 if begin else 0) | (1 if end else 0)
    chunk = struct.pack("!BBHIHHI", 0, flags, 16 + len(data), tsn, sid, ssn, ppid) + data
    return chunk + b"\0" * (-len(chunk) % 4)


def sctp_init():
    """An INIT chunk (not data): something to skip."""
    return struct.pack("!BBHIIHHI", 1, 0, 20, 0x11223344, 65535, 10, 10, 1)


# ---- tunnels ----

def gre(payload, proto, key=None, seq=None, csum=False):
    """A GRE header (RFC 2784/2890) with the optional fields asked for."""
    flags = (0x8000 if csum else 0) | (0x2000 if key is not None else 0) | \
        (0x1000 if seq is not None else 0)
    h = struct.pack("!HH", flags, proto)
    if csum:
        h += b"\0\0\0\0"
    if key is not None:
        h += struct.pack("!I", key)
    if seq is not None:
        h += struct.pack("!I", seq)
    return h + payload


def erspan2(frame, session=7, index=0):
    """An ERSPAN type II header (version 1) and the mirrored frame."""
    return struct.pack("!HHI", (1 << 12) | 10, session & 0x3FF, index & 0xFFFFF) + frame


def erspan3(frame, session=9, platform=False, frame_type=0):
    """An ERSPAN type III header (version 2), with the optional 8-byte platform subheader."""
    word2 = (frame_type << 10) | (1 if platform else 0)   # SGT 0, P, FT, HW ID, D, Gra, O
    h = struct.pack("!HHIHH", (2 << 12) | 10, session & 0x3FF, 123456, 0, word2)
    if platform:
        h += struct.pack("!II", 3 << 26, 0)
    return h + frame


def vxlan(frame, vni=42):
    """A VXLAN header (RFC 7348) and the inner Ethernet frame."""
    return struct.pack("!II", 0x08000000, vni << 8) + frame


# ---- applications ----

def ws_frame(payload, opcode=1, fin=True, mask=None, rsv1=False):
    """A WebSocket frame (RFC 6455 §5.2); mask: 4 bytes (client to server) or None."""
    b0 = (0x80 if fin else 0) | (0x40 if rsv1 else 0) | opcode
    n = len(payload)
    if n < 126:
        h = struct.pack("!BB", b0, (0x80 if mask else 0) | n)
    elif n < 65536:
        h = struct.pack("!BBH", b0, (0x80 if mask else 0) | 126, n)
    else:
        h = struct.pack("!BBQ", b0, (0x80 if mask else 0) | 127, n)
    if mask:
        payload = bytes(c ^ mask[i % 4] for i, c in enumerate(payload))
        h += mask
    return h + payload


WS_UPGRADE_REQUEST = (
    b"GET / HTTP/1.1\r\nHost: sip-ws.example.com\r\nUpgrade: websocket\r\n"
    b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    b"Origin: http://www.example.com\r\nSec-WebSocket-Protocol: sip\r\n"
    b"Sec-WebSocket-Version: 13\r\n\r\n")
WS_UPGRADE_RESPONSE = (
    b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n")


def hep3(payload, proto_type=1, src=V4_A, dst=V4_B, sport=5060, dport=5060, ts=1700000000,
         ip_proto=17, extra=b""):
    """A HEP v3 packet (the chunks Kamailio's siptrace sends) carrying payload."""
    def chunk(ctype, value):
        return struct.pack("!HHH", 0, ctype, 6 + len(value)) + value
    body = (chunk(1, b"\x02") + chunk(2, bytes([ip_proto])) + chunk(3, src) + chunk(4, dst) +
            chunk(7, struct.pack("!H", sport)) + chunk(8, struct.pack("!H", dport)) +
            chunk(9, struct.pack("!I", ts)) + chunk(10, struct.pack("!I", 0)) +
            chunk(11, bytes([proto_type])) + chunk(12, struct.pack("!I", 2001)) + extra +
            chunk(15, payload))
    return b"HEP3" + struct.pack("!H", 6 + len(body)) + body


# ---- conversations ----

class Tcp:
    """A TCP connection between (src, sport) and (dst, dport) over IPv4 or IPv6, in Ethernet
    frames; each side's next sequence number advances as data is sent."""

    def __init__(self, sport=40000, dport=5060, v6=False, isn=(1000, 5000)):
        self.v6 = v6
        self.port = {0: sport, 1: dport}
        self.seq = {0: isn[0], 1: isn[1]}

    def packet(self, side, payload=b"", flags=TCP_ACK | TCP_PSH, seq=None, advance=True):
        """The Ethernet frame of a segment from side 0 (client) or 1 (server)."""
        s = self.seq[side] if seq is None else seq
        seg = tcp(payload, self.port[side], self.port[1 - side], s, self.seq[1 - side], flags)
        if advance and seq is None:
            self.seq[side] += len(payload) + (1 if flags & (TCP_SYN | TCP_FIN) else 0)
        if self.v6:
            a, b = (V6_A, V6_B) if side == 0 else (V6_B, V6_A)
            return ethernet(ipv6(seg, 6, a, b), 0x86DD)
        a, b = (V4_A, V4_B) if side == 0 else (V4_B, V4_A)
        return ethernet(ipv4(seg, 6, a, b))

    def handshake(self):
        """SYN, SYN-ACK, ACK."""
        return [self.packet(0, flags=TCP_SYN), self.packet(1, flags=TCP_SYN | TCP_ACK),
                self.packet(0, flags=TCP_ACK)]

    def send(self, side, data, size=None):
        """The frames carrying data from side, in segments of at most `size` bytes."""
        size = size or max(1, len(data))
        return [self.packet(side, data[i:i + size]) for i in range(0, len(data), size)]

    def close(self):
        """FIN from each side, then the last ACK."""
        return [self.packet(0, flags=TCP_FIN | TCP_ACK), self.packet(1, flags=TCP_FIN | TCP_ACK),
                self.packet(0, flags=TCP_ACK)]


# ---- files ----

def write_pcap(path, frames, linktype=LINKTYPE_ETHERNET, nano=False, snaplen=262144,
               t0=1700000000, step_us=1000):
    """Writes frames to a pcap file. A frame is bytes, or (bytes, wire length) for one cut
    by the snap length, or (bytes, wire length, time in microseconds)."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D if nano else 0xA1B2C3D4, 2, 4, 0, 0,
                            snaplen, linktype))
        for i, fr in enumerate(frames):
            data, wire, ts = _frame_fields(fr, t0 * 1000000 + i * step_us)
            frac = ts % 1000000 * (1000 if nano else 1)
            f.write(struct.pack("<IIII", ts // 1000000, frac, len(data), wire) + data)


def _frame_fields(fr, ts):
    if isinstance(fr, bytes):
        return fr, len(fr), ts
    if len(fr) == 2:
        return fr[0], fr[1], ts
    return fr


def pcapng_block(btype, body):
    """A pcapng block (little-endian), body padded to 32 bits."""
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack("<II", btype, n) + body + struct.pack("<I", n)


def write_pcapng(path, linktypes, packets, t0=1700000000):
    """Writes a pcapng file: one interface per link type in linktypes, then enhanced packet
    blocks; packets: (interface index, frame) or (interface index, frame, wire length)."""
    with open(path, "wb") as f:
        f.write(pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        for lt in linktypes:
            f.write(pcapng_block(1, struct.pack("<HHI", lt, 0, 262144)))
        for i, p in enumerate(packets):
            iface, data = p[0], p[1]
            wire = p[2] if len(p) > 2 else len(data)
            ts = (t0 + i) * 1000000
            f.write(pcapng_block(6, struct.pack("<IIIII", iface, ts >> 32, ts & 0xFFFFFFFF,
                                                len(data), wire) + data))
