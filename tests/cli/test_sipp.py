# SPDX-License-Identifier: MIT
"""classify on real traffic: sipp calls over UDP and TCP on 127.0.0.1, captured from the
loopback interface with libpcap (lo_capture), compared with tshark; and live capture
(`classify -i lo -c N`), which must stop by itself. Needs root or CAP_NET_RAW, sipp, and the
lo_capture helper (SIPMETHODS_LO_CAPTURE). Nothing waits for a time: readiness is read from
the programs and from /proc/net, and every wait has only a safety timeout."""
import os
import select
import shutil
import signal
import socket
import subprocess

import pytest

from conftest import brief, run_cli
from tshark_view import classify_view, count, have_tshark, tshark_view

CALLS = 4
TIMEOUT = 60
UAS_SCENARIO = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sipp_uas.xml")


@pytest.fixture(scope="module")
def priv():
    """What runs a live capture: nothing as root, else sudo -n (as on CI runners)."""
    if os.geteuid() == 0:
        return []
    if subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return ["sudo", "-n"]
    pytest.fail("capturing on lo needs root or passwordless sudo")


@pytest.fixture(scope="module")
def lo_capture(priv):
    path = os.environ.get("SIPMETHODS_LO_CAPTURE")
    assert path and os.path.exists(path), "SIPMETHODS_LO_CAPTURE: the lo_capture helper"
    assert shutil.which("sipp"), "sipp is a test dependency (sip-tester)"
    return priv + [path]


def free_port():
    """A port free for both UDP and TCP on 127.0.0.1."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as t:
                try:
                    t.bind(("127.0.0.1", port))
                    return port
                except OSError:
                    continue


def wait_bound(port, tcp):
    """Returns once a socket is bound (UDP) or listening (TCP) on 127.0.0.1:port."""
    table, state = ("/proc/net/tcp", "0A") if tcp else ("/proc/net/udp", "07")
    want = "0100007F:%04X" % port
    while True:
        with open(table) as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1] == want and fields[3] == state:
                    return
        os.sched_yield()


def read_until(stream, text):
    """Reads lines of a child's pipe until one holds text (the safety timeout aside)."""
    seen = b""
    while True:
        ready, _, _ = select.select([stream], [], [], TIMEOUT)
        assert ready, f"no {text!r} after {TIMEOUT} s: {seen!r}"
        line = stream.readline()
        assert line, f"ended before {text!r}: {seen!r}"
        seen += line
        if text.encode() in line:
            return


def sipp_calls(work, tcp, uas_port, calls=CALLS):
    """Runs a sipp UAS on uas_port and a UAC making `calls` calls to it (INVITE 180 200 ACK
    BYE 200), on 127.0.0.1."""
    transport = ["-t", "t1"] if tcp else []
    common = ["sipp", "-nostdin", "-i", "127.0.0.1", "-m", str(calls), "-timeout", "30",
              "-timeout_error"] + transport
    uas = subprocess.Popen(common + ["-sf", UAS_SCENARIO, "-p", str(uas_port)], cwd=work,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_bound(uas_port, tcp)
        uac = subprocess.run(common + ["-sn", "uac", "-p", str(free_port()), "-r", "20",
                                       "127.0.0.1:%d" % uas_port], cwd=work,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             timeout=TIMEOUT)
        assert uac.returncode == 0, "sipp uac failed"
        assert uas.wait(timeout=TIMEOUT) == 0, "sipp uas failed"
    finally:
        uas.kill()
        uas.wait()


@pytest.mark.parametrize("tcp", [False, True], ids=["udp", "tcp"])
def test_sipp_capture(cli, lo_capture, tmp_path, tcp):
    """A capture of sipp calls: every call's messages, and the same as tshark sees."""
    pcap = str(tmp_path / "sipp.pcap")
    port = free_port()
    cap = subprocess.Popen(lo_capture + ["lo", f"host 127.0.0.1 and port {port}", pcap],
                           stdout=subprocess.PIPE)
    try:
        read_until(cap.stdout, "ready")
        sipp_calls(str(tmp_path), tcp, port)
    finally:
        cap.send_signal(signal.SIGTERM)
        assert cap.wait(timeout=TIMEOUT) == 0
    rc, lines, err = run_cli(cli, ["classify", pcap])
    assert rc == 0, err
    kinds = [brief(x).split()[1] for x in lines]
    for key in ["INVITE", "180", "ACK", "BYE"]:
        assert kinds.count(key) >= CALLS, (key, lines)
    assert kinds.count("200") >= 2 * CALLS
    assert all("truncated" not in x and "no-content-length" not in x for x in lines)
    rc, summary, _ = run_cli(cli, ["classify", "--summary", pcap])
    transport = "tcp" if tcp else "udp"
    assert f"transport\t{transport}\t{len(lines)}" in summary
    assert any(x.startswith("response\tBYE 200\t") for x in summary)
    if have_tshark():
        ours = classify_view(lines)
        assert ours == tshark_view(pcap) and count(ours) == len(lines)
        print(f"\nsipp over {transport}: classify and tshark agree on {count(ours)} messages")


@pytest.mark.parametrize("tcp", [False, True], ids=["udp", "tcp"])
def test_live_count(cli, priv, lo_capture, tmp_path, tcp):
    """`classify -i lo -c N` reads live sipp traffic and stops by itself after N messages."""
    port = free_port()
    n = 10
    p = subprocess.Popen(priv + [cli, "classify", "-i", "lo", "-c", str(n), "--filter",
                          f"host 127.0.0.1 and port {port}"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        read_until(p.stderr, "listening on lo")
        sipp_calls(str(tmp_path), tcp, port, calls=3)
        out, err = p.communicate(timeout=TIMEOUT)
    finally:
        p.kill()
        p.wait()
    assert p.returncode == 0, err
    lines = out.decode().splitlines()
    assert len(lines) == n, lines
    assert all(x.startswith("lo:") and x.split("\t")[1] in ("request", "response") for x in lines)
    assert brief(lines[0]).split()[1] == "INVITE"


def test_live_interrupt(cli, priv):
    """An interrupted live capture prints its --summary and exits 0."""
    port = free_port()
    p = subprocess.Popen(priv + [cli, "classify", "--summary", "-i", "lo", "--filter",
                                 f"port {port}"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        read_until(p.stderr, "listening on lo")
        p.send_signal(signal.SIGINT)
        out, _ = p.communicate(timeout=TIMEOUT)
    finally:
        p.kill()
        p.wait()
    assert p.returncode == 0
    assert out.decode().splitlines()[-5:] == [
        "total\tmessages\t0", "total\trequests\t0", "total\tresponses\t0", "total\terrors\t0",
        "total\ttruncated\t0"]


def test_live_errors(cli, priv):
    rc, _, err = run_cli(cli, ["classify", "-i", "no-such-interface0"])
    assert rc == 2 and "no-such-interface0" in err
    code = subprocess.run(priv + [cli, "classify", "-i", "lo", "--filter", "port"],
                          capture_output=True)
    rc, err = code.returncode, code.stderr.decode()
    assert rc == 2 and "--filter" in err
