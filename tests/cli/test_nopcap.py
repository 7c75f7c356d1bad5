# SPDX-License-Identifier: MIT
"""The CLI built without libpcap: raw messages as ever; a capture, or -i, is refused with
"pcap support is not compiled in" (exit 2), the other inputs still read."""
import os

from conftest import run_cli, sip_request, udp_frame
import frames as F


def test_without_pcap(cli, tmp_path):
    raw = str(tmp_path / "raw.sip")
    with open(raw, "wb") as f:
        f.write(sip_request("OPTIONS", 4))
    pcap = str(tmp_path / "cap.pcap")
    F.write_pcap(pcap, [udp_frame(sip_request("INVITE", 1))])
    rc, lines, err = run_cli(cli, ["classify", pcap, raw])
    assert rc == 2 and "pcap support is not compiled in" in err and os.path.basename(pcap) in err
    assert len(lines) == 1 and lines[0].startswith(raw + ":1\trequest\tOPTIONS\t")
    rc, lines, err = run_cli(cli, ["classify", "-"], stdin=open(pcap, "rb").read())
    assert rc == 2 and "pcap support is not compiled in" in err and lines == []
    rc, _, err = run_cli(cli, ["classify", "-i", "lo"])
    assert rc == 2 and "pcap support is not compiled in" in err
