# SPDX-License-Identifier: MIT
"""classify on captures the tests build frame by frame: link layers, IP, UDP, the file formats,
cut payloads, IP fragments, streaming and -c. Expected lines come from the frames the test
wrote and cli/README.md, never from the program under test."""
import os
import signal
import subprocess
import struct

from conftest import SDP, brief, sip_request, sip_response, udp_frame
import frames as F

INVITE = sip_request("INVITE", 1, SDP)
OPTIONS = sip_request("OPTIONS", 7, uri=b"sip:[2001:db8::2]")
REGISTER = sip_request("REGISTER", 3, uri=b"sip:example.com")
BYE = sip_request("BYE", 2)
TRYING = sip_response(100, b"Trying")
OK = sip_response(200, b"OK")
DNS = bytes.fromhex("123401000001000000000000076578616d706c6503636f6d0000010001")


# ---- link layers, IP, UDP ----

def test_ethernet_ip_udp(caps):
    frames = [
        udp_frame(INVITE),                                             # 1
        udp_frame(TRYING),                                             # 2
        F.ethernet(bytes.fromhex("0001080006040001"), 0x0806),         # 3 ARP
        udp_frame(OK, 5080, 5062),                                     # 4
        udp_frame(b"\r\n\r\n", 40000, 5070),                           # 5 keepalive
        udp_frame(OPTIONS, v6=True),                                   # 6
        udp_frame(DNS, 33333, 53),                                     # 7 not SIP
        F.ethernet(F.ipv4(F.udp(REGISTER), 17), 0x8100, vlans=()) [:12] +  # 8 802.1Q
        struct.pack("!HHH", 0x8100, 42, 0x0800) + F.ipv4(F.udp(REGISTER), 17),
        F.ethernet(F.ipv4(F.udp(BYE), 17), 0x0800, vlans=[(0x88A8, 10), (0x8100, 20)]),  # 9
        F.ethernet(F.ipv6(F.udp(BYE), 0, ext=b"\x11\x00\x01\x04\x00\x00\x00\x00"), 0x86DD),
        udp_frame(b"INVITE <sip:a@b> SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n"),  # 11
        udp_frame(b"FOO sip:a@b SIP/2.0\r\nCSeq: 2 BAR\r\n\r\n", 15060),  # 12
        F.ethernet(F.ipv4(F.udp(INVITE), 17) + b"\0" * 30),            # 13 padded
    ]
    assert caps.brief("eth.pcap", frames, rc=1) == [
        "1 INVITE 1/INVITE", "2 100 1/INVITE", "4 200 1/INVITE", "6 OPTIONS 7/OPTIONS",
        "7 SM_EPARTIAL", "8 REGISTER 3/REGISTER", "9 BYE 2/BYE", "10 BYE 2/BYE", "11 SM_EURI",
        "12 FOO 2/BAR extension cseq-mismatch", "13 INVITE 1/INVITE"]
    summary = caps.summary("eth.pcap", rc=1)
    assert summary == {
        ("method", "INVITE"): 2, ("method", "BYE"): 2, ("method", "OPTIONS"): 1,
        ("method", "REGISTER"): 1, ("method", "FOO"): 1, ("status", "100"): 1,
        ("status", "200"): 1, ("response", "INVITE 100"): 1, ("response", "INVITE 200"): 1,
        ("error", "SM_EPARTIAL"): 1, ("error", "SM_EURI"): 1, ("transport", "udp"): 11,
        ("total", "messages"): 11, ("total", "requests"): 7, ("total", "responses"): 2,
        ("total", "errors"): 2, ("total", "truncated"): 0}
    # --filter keeps the frames a pcap filter accepts; frame numbers still count every frame.
    # (As in tcpdump, "udp" does not look past VLAN tags (8, 9) or IPv6 options (10).)
    assert caps.brief("eth.pcap", args=["--filter", "udp dst port 5060"], rc=1) == [
        "1 INVITE 1/INVITE", "2 100 1/INVITE", "6 OPTIONS 7/OPTIONS",
        "11 SM_EURI", "12 FOO 2/BAR extension cseq-mismatch", "13 INVITE 1/INVITE"]
    assert caps.brief("eth.pcap", args=["--filter=ip6"]) == [
        "6 OPTIONS 7/OPTIONS", "10 BYE 2/BYE"]
    _, err = caps.run(["classify", "--filter", "udp port", "eth.pcap"], rc=2)
    assert "--filter" in err


def test_link_types_and_formats(caps):
    msg = sip_request("MESSAGE", 5)
    ip4 = F.ipv4(F.udp(msg), 17)
    ip6 = F.ipv6(F.udp(msg), 17)
    expected = ["1 MESSAGE 5/MESSAGE", "2 MESSAGE 5/MESSAGE"]
    cases = {
        "sll.pcap": ([F.sll(ip4), F.sll(ip6, 0x86DD)], F.LINKTYPE_SLL),
        "sll2.pcap": ([F.sll2(ip4, 0x0800), F.sll2(ip6)], F.LINKTYPE_SLL2),
        "raw.pcap": ([ip4, ip6], F.LINKTYPE_RAW),
        "null.pcap": ([F.loopback(ip4, 2), F.loopback(ip6, 30)], F.LINKTYPE_NULL),
        "loop.pcap": ([F.loopback(ip4, 2, True), F.loopback(ip6, 24, True)], F.LINKTYPE_LOOP),
        "mpls.pcap": ([F.ethernet(b"\x00\x01\x00\x40\x00\x02\x01\x40" + ip4, 0x8847),
                       F.ethernet(b"\x00\x01\x01\x40" + ip6, 0x8847)], F.LINKTYPE_ETHERNET),
        "pppoe.pcap": ([F.ethernet(b"\x11\x00\x00\x01\x00\x00\x00\x21" + ip4, 0x8864),
                        F.ethernet(b"\x11\x00\x00\x01\x00\x00\x00\x57" + ip6, 0x8864)],
                       F.LINKTYPE_ETHERNET),
    }
    for name, (frames, lt) in cases.items():
        assert caps.brief(name, frames, linktype=lt) == expected, name
    assert caps.brief("nano.pcap", [udp_frame(msg)] * 2, nano=True) == expected
    # Big-endian pcap.
    with open(caps.path("raw.pcap"), "rb") as f:
        data = f.read()
    big = struct.pack(">IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, F.LINKTYPE_RAW)
    off = 24
    while off < len(data):
        sec, usec, incl, orig = struct.unpack("<IIII", data[off:off + 16])
        big += struct.pack(">IIII", sec, usec, incl, orig) + data[off + 16:off + 16 + incl]
        off += 16 + incl
    with open(caps.path("big.pcap"), "wb") as f:
        f.write(big)
    assert caps.brief("big.pcap") == expected


def test_pcapng_mixed_link_types(caps):
    msg = sip_request("NOTIFY", 4)
    ip4 = F.ipv4(F.udp(msg), 17)
    caps.pcapng("mixed.pcapng", [F.LINKTYPE_ETHERNET, F.LINKTYPE_RAW, F.LINKTYPE_SLL2,
                                 F.LINKTYPE_NULL],
                [(0, F.ethernet(ip4)), (1, ip4), (2, F.sll2(ip4, 0x0800)),
                 (3, F.loopback(ip4, 2)), (1, F.ipv6(F.udp(OK), 17))])
    assert caps.brief("mixed.pcapng") == [
        "1 NOTIFY 4/NOTIFY", "2 NOTIFY 4/NOTIFY", "3 NOTIFY 4/NOTIFY", "4 NOTIFY 4/NOTIFY",
        "5 200 1/INVITE"]
    # An interface of a link type that is not read: named, its frames skipped, the rest read.
    caps.pcapng("other.pcapng", [F.LINKTYPE_ETHERNET, 147],
                [(0, F.ethernet(ip4)), (1, b"\x01\x02"), (0, F.ethernet(ip4))])
    lines, err = caps.run(["classify", "other.pcapng"], rc=2)
    assert [brief(x) for x in lines] == ["1 NOTIFY 4/NOTIFY", "3 NOTIFY 4/NOTIFY"]
    assert "interface 1 has link type 147" in err
    # A pcap of such a link type is refused whole.
    caps.pcap("usb.pcap", [b"\x01\x02"], linktype=147)
    _, err = caps.run(["classify", "usb.pcap"], rc=2)
    assert "link type 147 is not read" in err


def test_cut_capture_file(caps):
    path = caps.pcap("full.pcap", [udp_frame(INVITE), udp_frame(TRYING), udp_frame(OK)])
    with open(path, "rb") as f:
        data = f.read()
    with open(caps.path("cut.pcap"), "wb") as f:
        f.write(data[:-20])
    lines, err = caps.run(["classify", "cut.pcap"], rc=2)
    assert [brief(x) for x in lines] == ["1 INVITE 1/INVITE", "2 100 1/INVITE"]
    assert "cut.pcap" in err and "frame 3" in err
    # The same through a pipe, and a capture and raw files mixed.
    lines, err = caps.run(["classify", "-"], rc=2, stdin=data[:-20])
    assert [brief(x) for x in lines] == ["1 INVITE 1/INVITE", "2 100 1/INVITE"]
    raw = caps.path("raw.sip")
    with open(raw, "wb") as f:
        f.write(BYE)
    lines, _ = caps.run(["classify", "full.pcap", raw], rc=0)
    assert [brief(x) for x in lines][-1] == "1 BYE 2/BYE" and len(lines) == 4


def test_snap_length_cuts(caps):
    """A payload cut by the snap length says truncated; what arrived is still reported."""
    full = udp_frame(INVITE)
    cseq_end = len(full) - len(INVITE) + INVITE.index(b"Content-Length")
    start_line_end = len(full) - len(INVITE) + INVITE.index(b"\r\n") + 2
    frames = [
        (full[:cseq_end], len(full)),              # cut after the CSeq
        (full[:start_line_end + 5], len(full)),    # cut before it
        (full[:start_line_end - 4], len(full)),    # cut inside the start line
        full,
    ]
    assert caps.brief("snap.pcap", frames, rc=1) == [
        "1 INVITE 1/INVITE truncated", "2 INVITE - truncated", "3 SM_EPARTIAL truncated",
        "4 INVITE 1/INVITE"]
    s = caps.summary("snap.pcap", rc=1)
    assert s[("total", "truncated")] == 3 and s[("total", "messages")] == 4
    # A message that ends before its CSeq without being cut is a partial result too.
    frames = [udp_frame(b"OPTIONS sip:a SIP/2.0\r\nVia: x\r\n")]
    assert caps.brief("partial.pcap", frames) == ["1 OPTIONS - truncated"]


def test_ip_fragments(caps):
    big = sip_request("MESSAGE", 9, b"x" * 3000)
    dgram = F.udp(big)
    v4 = F.ipv4_fragments(dgram, 17, 1200)
    v6 = F.ipv6_fragments(dgram, 17, 1200)
    other = udp_frame(OK)
    assert len(v4) == 3
    frames = [F.ethernet(v4[0]), other, F.ethernet(v4[1]), F.ethernet(v4[2]),  # 1-4
              F.ethernet(v6[2], 0x86DD), F.ethernet(v6[0], 0x86DD),            # 5-6
              F.ethernet(v6[1], 0x86DD), F.ethernet(v6[1], 0x86DD)]            # 7-8 (dup)
    assert caps.brief("frag.pcap", frames) == [
        "2 200 1/INVITE", "4 MESSAGE 9/MESSAGE", "7 MESSAGE 9/MESSAGE"]
    # A missing fragment: what arrived from byte 0 on, truncated, in the frame of its last
    # fragment (at the end of the input); without the first fragment, nothing.
    frames = [F.ethernet(v4[0]), F.ethernet(v4[2]), other,
              F.ethernet(F.ipv4_fragments(dgram, 17, 1200, ident=7)[1])]
    assert caps.brief("lost.pcap", frames) == ["3 200 1/INVITE", "2 MESSAGE 9/MESSAGE truncated"]
    # Waited for too long (30 s of capture time): given up before what comes later.
    frames = [(F.ethernet(v4[0]), len(F.ethernet(v4[0])), 1700000000000000),
              (other, len(other), 1700000060000000)]
    assert caps.brief("late.pcap", frames) == ["1 MESSAGE 9/MESSAGE truncated", "2 200 1/INVITE"]


def test_stdin_streams(caps):
    """A capture on stdin is read as it comes: each line is out before the input ends."""
    head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)

    def record(frame, i):
        return struct.pack("<IIII", 1700000000 + i, 0, len(frame), len(frame)) + frame
    p = subprocess.Popen([caps.cli, "classify", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(head + record(udp_frame(INVITE), 0))
        p.stdin.flush()
        assert brief(p.stdout.readline().decode().rstrip("\n")) == "1 INVITE 1/INVITE"
        conv = F.Tcp()
        p.stdin.write(record(conv.packet(0, INVITE[:100]), 1) + record(conv.packet(0, INVITE[100:]), 2))
        p.stdin.flush()
        assert brief(p.stdout.readline().decode().rstrip("\n")) == "3 INVITE 1/INVITE"
        p.stdin.close()
        assert p.wait(timeout=60) == 0 and p.stdout.read() == b""
    finally:
        p.kill()
        p.wait()


def test_interrupt_prints_summary(caps):
    """SIGINT stops the reading of a stream; --summary still prints what was counted."""
    head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)
    frame = udp_frame(INVITE)
    rec = struct.pack("<IIII", 1700000000, 0, len(frame), len(frame)) + frame
    p = subprocess.Popen([caps.cli, "classify", "--summary", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(head + rec * 3)
        p.stdin.flush()
        wait_blocked_reading(p)
        p.send_signal(signal.SIGINT)
        out, _ = p.communicate(timeout=60)
    finally:
        p.kill()
        p.wait()
    assert p.returncode == 0
    lines = out.decode().splitlines()
    assert "method\tINVITE\t3" in lines and "total\tmessages\t3" in lines


def wait_blocked_reading(p):
    """Returns once process p has read everything written to its stdin pipe and sleeps in a
    read of it again (/proc/PID/wchan): it has then handled all of it. No timing is involved;
    the deadline is only a safety net."""
    import fcntl
    import termios
    import time
    deadline = time.monotonic() + 60
    while struct.unpack("i", fcntl.ioctl(p.stdin.fileno(), termios.FIONREAD, b"\0" * 4))[0]:
        assert time.monotonic() < deadline, "the CLI did not read its input"
        os.sched_yield()
    while True:
        with open(f"/proc/{p.pid}/wchan") as f:
            if "pipe" in f.read():  # pipe_read, or pipe_wait on older kernels
                return
        assert time.monotonic() < deadline, "the CLI is not waiting on its input"
        os.sched_yield()


def test_count_stops(caps):
    frames = [udp_frame(INVITE), udp_frame(TRYING), udp_frame(OK), udp_frame(BYE)]
    caps.pcap("four.pcap", frames)
    assert caps.brief("four.pcap", args=["-c", "2"]) == ["1 INVITE 1/INVITE", "2 100 1/INVITE"]
    s = caps.summary("four.pcap", args=["-c", "3"])
    assert s[("total", "messages")] == 3
    # Across inputs: the count goes on from one to the next.
    assert caps.brief("four.pcap", args=["-c", "6", "four.pcap"]) == [
        "1 INVITE 1/INVITE", "2 100 1/INVITE", "3 200 1/INVITE", "4 BYE 2/BYE",
        "1 INVITE 1/INVITE", "2 100 1/INVITE"]
    lines, _ = caps.run(["classify", "-c", "4", "four.pcap", "four.pcap"], rc=0)
    assert len(lines) == 4
    for bad in ["0", "-1", "x", "2x", ""]:
        caps.run(["classify", "-c", bad, "four.pcap"], rc=2)
    caps.run(["classify", "-i", "lo", "four.pcap"], rc=2)


def test_bounded_memory(caps):
    """A large capture streams through stdin in bounded memory (TCP and UDP, big bodies)."""
    if os.environ.get("SIPMETHODS_CLI_SANITIZED") == "1":
        return  # ASan's shadow memory and quarantine make RSS meaningless
    head = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1)
    msg = sip_request("MESSAGE", 1, b"y" * 28000)
    udp = udp_frame(sip_request("MESSAGE", 2, b"z" * 1400))

    def record(frame):
        return struct.pack("<IIII", 1700000000, 0, len(frame), len(frame)) + frame

    def peak_rss(n):
        """Peak RSS (kB) classifying n TCP messages of 28 kB and n UDP ones (the high-water
        mark of the program's own memory, read while it waits for more input)."""
        conv = F.Tcp()
        p = subprocess.Popen([caps.cli, "classify", "--summary", "-"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            p.stdin.write(head)
            for _ in range(n):
                p.stdin.write(b"".join(record(f) for f in conv.send(0, msg, 1400)) + record(udp))
            p.stdin.flush()
            wait_blocked_reading(p)
            with open(f"/proc/{p.pid}/status") as f:
                hwm = [int(x.split()[1]) for x in f if x.startswith("VmHWM:")][0]
            out, _ = p.communicate(timeout=60)
        finally:
            p.kill()
            p.wait()
        assert p.returncode == 0 and f"total\tmessages\t{2 * n}" in out.decode().splitlines()
        return hwm

    small, large = peak_rss(5), peak_rss(1000)  # 150 kB, then 30 MB
    assert large - small < 8 * 1024, (small, large)


def test_pcapng_blocks_and_sections(caps):
    """Simple and obsolete packet blocks, options, a second section in the other byte order,
    and a filter compiled for each link type of a mixed file."""
    msg = sip_request("SUBSCRIBE", 8)
    eth = udp_frame(msg)
    ip = F.ipv4(F.udp(OK), 17)
    blocks = F.pcapng_block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
    # Ethernet, if_tsresol 9 (nanoseconds) and a comment option before the end of options.
    opts = struct.pack("<HH", 1, 5) + b"hello\0\0\0" + struct.pack("<HHB3x", 9, 1, 9) + b"\0" * 4
    blocks += F.pcapng_block(1, struct.pack("<HHI", F.LINKTYPE_ETHERNET, 0, 0) + opts)
    blocks += F.pcapng_block(0x0BADBEEF, b"an unknown block")                      # skipped
    blocks += F.pcapng_block(3, struct.pack("<I", len(eth)) + eth)                   # 1: SPB
    blocks += F.pcapng_block(2, struct.pack("<HHIIII", 0, 0, 0, 5, len(eth), len(eth)) + eth)
    # A big-endian section: raw IP.
    big = struct.pack(">IHHq", 0x1A2B3C4D, 1, 0, -1)
    blocks += _block_be(0x0A0D0D0A, big)
    blocks += _block_be(1, struct.pack(">HHI", F.LINKTYPE_RAW, 0, 0))
    blocks += _block_be(6, struct.pack(">IIIII", 0, 0, 7, len(ip), len(ip)) + ip)    # 3
    with open(caps.path("blocks.pcapng"), "wb") as f:
        f.write(blocks)
    assert caps.brief("blocks.pcapng") == [
        "1 SUBSCRIBE 8/SUBSCRIBE", "2 SUBSCRIBE 8/SUBSCRIBE", "3 200 1/INVITE"]
    assert caps.brief("blocks.pcapng", args=["--filter", "udp"]) == [
        "1 SUBSCRIBE 8/SUBSCRIBE", "2 SUBSCRIBE 8/SUBSCRIBE", "3 200 1/INVITE"]
    assert caps.brief("blocks.pcapng", args=["--filter", "ip src 192.0.2.9"]) == []
    # A packet block naming an interface that was not described: an error after what came.
    with open(caps.path("noif.pcapng"), "wb") as f:
        f.write(blocks + _block_be(6, struct.pack(">IIIII", 3, 0, 0, 4, 4) + b"abcd"))
    lines, err = caps.run(["classify", "noif.pcapng"], rc=2)
    assert len(lines) == 3 and "interface 3" in err


def _block_be(btype, body):
    """A big-endian pcapng block."""
    body += b"\0" * (-len(body) % 4)
    return struct.pack(">II", btype, 12 + len(body)) + body + struct.pack(">I", 12 + len(body))


def test_kuznetzov_pcap(caps):
    frame = udp_frame(INVITE)
    data = struct.pack("<IHHiIII", 0xA1B2CD34, 2, 4, 0, 0, 262144, 1)
    data += struct.pack("<IIIIIHBB", 1700000000, 0, len(frame), len(frame), 2, 0x0800, 0, 0)
    data += frame
    with open(caps.path("kuz.pcap"), "wb") as f:
        f.write(data)
    assert caps.brief("kuz.pcap") == ["1 INVITE 1/INVITE"]


def test_raw_stdin_streams(caps):
    """Raw messages on stdin go out as soon as the bytes read decide where each ends: a
    Content-Length body complete, or the next start line read whole."""
    p = subprocess.Popen([caps.cli, "classify", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        def line():
            return brief(p.stdout.readline().decode().rstrip("\n"))
        p.stdin.write(sip_request("OPTIONS", 4, b"ab\r\n"))
        p.stdin.flush()
        assert line() == "1 OPTIONS 4/OPTIONS"
        p.stdin.write(b"BYE sip:a SIP/2.0\r\nCSeq: 2 BYE\r\n\r\nbody without length\r\n")
        p.stdin.write(b"SIP/2.0 200 OK\r\nCSeq: 2 BYE\r\n")
        p.stdin.flush()
        assert line() == "2 BYE 2/BYE"
        p.stdin.close()
        assert line() == "3 200 2/BYE"
        assert p.wait(timeout=60) == 0
    finally:
        p.kill()
        p.wait()
