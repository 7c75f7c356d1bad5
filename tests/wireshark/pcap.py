# SPDX-License-Identifier: MIT
"""Hand-built pcap captures for the Wireshark plugin's tests: Ethernet/IPv4 frames on 127.0.0.1,
UDP or TCP from port 5062 to 5060 (SIP)."""
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from frames import checksum  # noqa: E402  (the CLI tests' frame builder: one Internet checksum)


def _frame(proto, l4):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0, 64, proto, 0,
                     bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1]))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    eth = b"\x02\0\0\0\0\x01" + b"\x02\0\0\0\0\x02" + b"\x08\x00"
    return eth + ip + l4


def udp_frame(payload, sport=5062, dport=5060):
    """A frame carrying payload in one UDP datagram (checksum 0: none, allowed over IPv4)."""
    return _frame(17, struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload)


def tcp_frame(payload, seq=1, sport=5062, dport=5060):
    """A frame carrying payload in one TCP segment (PSH|ACK; Wireshark does not check the sum)."""
    return _frame(6, struct.pack("!HHIIBBHHH", sport, dport, seq, 1, 5 << 4, 0x18, 65535, 0, 0) + payload)


def write(path, frames):
    """Writes a pcap file (microsecond timestamps, Ethernet) with these frames, one a second."""
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for i, frame in enumerate(frames):
            f.write(struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)))
            f.write(frame)
