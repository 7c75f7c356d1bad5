# SPDX-License-Identifier: MIT
"""Start and stop a throw-away Kamailio on 127.0.0.1, drive it with sipp and raw UDP.

Used by kamailio_test.py (the ctest entries) and bench/kamailio/bench.py. Only loopback
addresses are ever used. Kamailio runs in the foreground (-DD -E) in its own process group,
with everything (log, pid file, runtime dir, sipp files) in one temporary directory.
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import time

HOST = "127.0.0.1"
ENGINES = {
    # engine: (pre-processor define, script name, environment variable for the module path)
    "lua": (None, "route.lua", "LUA_CPATH"),
    "python": ("WITH_PYTHON", "route.py", "PYTHONPATH"),
    "ruby": ("WITH_RUBY", "route.rb", "RUBYLIB"),
}
# What a crashed worker leaves in Kamailio's log.
CRASH = re.compile(r"segfault|signal 11|SIGSEGV|exited by a signal|CRITICAL|core dumped", re.I)


def free_udp_port():
    """A UDP port on 127.0.0.1 that nobody holds right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def module_env(engine, module_dir):
    """The environment that lets the engine's interpreter find the sipmethods module; with
    module_dir None, the installed module (the variable is removed: default search path)."""
    env = dict(os.environ)
    var = ENGINES[engine][2]
    if module_dir is None:
        env.pop(var, None)
        return env
    if var == "LUA_CPATH":
        env[var] = os.path.join(module_dir, "?.so") + ";;"
    else:
        old = env.get(var)
        env[var] = module_dir + (os.pathsep + old if old else "")
    return env


class Kamailio:
    """One Kamailio process tree: start(), wait_ready(), stop() -> (returncode, log text)."""

    def __init__(self, cfg, script, engine, module_dir, workdir, port=None, extra_defines=()):
        self.cfg, self.script, self.engine = cfg, script, engine
        self.module_dir, self.workdir = module_dir, workdir
        self.port = port or free_udp_port()
        self.extra_defines = list(extra_defines)
        self.log_path = os.path.join(workdir, "kamailio.log")
        self.proc = None

    def command(self):
        cmd = ["kamailio", "-f", self.cfg, "-DD", "-E", "-m", "64", "-M", "8",
               "-P", os.path.join(self.workdir, "kamailio.pid"),
               "-Y", self.workdir, "-w", self.workdir,
               "-A", "LISTEN=udp:%s:%d" % (HOST, self.port),
               "-A", 'SCRIPT="%s"' % self.script]
        define = ENGINES[self.engine][0]
        if define:
            cmd += ["-A", define]
        for d in self.extra_defines:
            cmd += ["-A", d]
        return cmd

    def start(self):
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, cwd=self.workdir,
                                     env=module_env(self.engine, self.module_dir),
                                     start_new_session=True)
        return self

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, timeout=20.0):
        """Until the server answers an OPTIONS (any final response); False if it died or timed out."""
        deadline = time.monotonic() + timeout
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind((HOST, 0))
            s.settimeout(0.2)
            n = 0
            while time.monotonic() < deadline:
                if not self.alive():
                    return False
                n += 1
                s.sendto(build_request(b"OPTIONS", b"sip:%s:%d" % (HOST.encode(), self.port),
                                       s.getsockname()[1], call_id=b"ready-%d" % n), (HOST, self.port))
                try:
                    while True:
                        data = s.recv(65535)
                        if data.startswith(b"SIP/2.0 ") and not data.startswith(b"SIP/2.0 1"):
                            return True
                except socket.timeout:
                    pass
        return False

    def pids(self):
        """The main process and its workers: every process in its process group (/proc)."""
        if not self.alive():
            return []
        found = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open("/proc/%s/stat" % entry) as f:
                        fields = f.read().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[2]) == self.proc.pid:   # field 5: pgrp
                    found.append(int(entry))
        return found

    def cpu_seconds(self):
        """utime + stime of every Kamailio process, in seconds."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            try:
                with open("/proc/%d/stat" % pid) as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])   # utime, stime (fields 14, 15)
            except (OSError, IndexError, ValueError):
                pass
        return total / tick

    def stop(self, timeout=15.0):
        """SIGTERM to the main process, wait; SIGKILL the group if it hangs. Returns (rc, log)."""
        rc = None
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.send_signal(signal.SIGTERM)
                try:
                    rc = self.proc.wait(timeout)
                except subprocess.TimeoutExpired:
                    rc = "hung"
            else:
                rc = self.proc.returncode
            # Whatever is left of this process group (a worker that outlived the main process).
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            if rc == "hung":
                self.proc.wait()
            self.log.close()
        with open(self.log_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        return rc, text


def build_request(method, uri, via_port, to_tag=None, call_id=b"x", cseq_method=None,
                  headers=(), body=b"", max_forwards=b"70", raw_cseq=None):
    """A request as bytes; every argument is bytes so odd bytes go out exactly as given."""
    to = b"To: <" + uri + b">" + (b";tag=" + to_tag if to_tag else b"")
    lines = [method + b" " + uri + b" SIP/2.0",
             b"Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-%s;rport" % (HOST.encode(), via_port,
                                                                   call_id.replace(b" ", b"")),
             b"From: <sip:tester@127.0.0.1>;tag=t1",
             to,
             b"Call-ID: " + call_id,
             raw_cseq if raw_cseq is not None
             else b"CSeq: 1 " + (cseq_method if cseq_method is not None else method)]
    if max_forwards is not None:
        lines.append(b"Max-Forwards: " + max_forwards)
    lines += list(headers)
    lines.append(b"Content-Length: %d" % len(body))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def parse_message(data):
    """(start line, {lower-case header name: [values]}) of a SIP message (folds not needed here)."""
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8", "surrogateescape")
    lines = head.split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())
    return lines[0], headers


def sipp(args, workdir, timeout):
    """Runs sipp (always -nostdin, bound to 127.0.0.1); returns (returncode, its screen output)."""
    cmd = ["sipp", "-nostdin", "-i", HOST] + args
    try:
        p = subprocess.run(cmd, cwd=workdir, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        return "timeout", (e.stdout or b"").decode("utf-8", "replace")


def sipp_counts(output):
    """(successful, failed) calls from sipp's final screen, or (None, None)."""
    ok = re.findall(r"Successful call\s*\|\s*\d+\s*\|\s*(\d+)", output)
    bad = re.findall(r"Failed call\s*\|\s*\d+\s*\|\s*(\d+)", output)
    return (int(ok[-1]) if ok else None, int(bad[-1]) if bad else None)


def udp_drops():
    """The system's count of UDP datagrams dropped for a full receive buffer (/proc/net/snmp):
    a diagnostic for a load run (all processes of the machine count)."""
    try:
        with open("/proc/net/snmp") as f:
            rows = [line.split() for line in f if line.startswith("Udp:")]
        return int(rows[1][rows[0].index("RcvbufErrors")])
    except (OSError, IndexError, ValueError):
        return None


def have_tools():
    return shutil.which("kamailio") is not None and shutil.which("sipp") is not None
