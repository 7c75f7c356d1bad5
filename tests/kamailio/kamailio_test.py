#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End-to-end test of examples/kamailio/ in Debian's Kamailio, for one KEMI engine.

    kamailio_test.py --engine lua|python|ruby (--module-dir DIR | --installed) [--source DIR]
                     [--load 10000] [--rate 1000]

Starts Kamailio with examples/kamailio/kamailio.cfg and the engine's route script on a free
port of 127.0.0.1 and checks, through sipp scenarios (scenarios/*.xml) and raw UDP:
  - OPTIONS to the server: 200 with the exact Allow; REGISTER and MESSAGE: 405 with Allow;
  - a call (INVITE/ACK/BYE) through the proxy to a sipp UAS, record-routed;
  - extension methods (lowercase invite, RFC 4475 intmeth, a 5000-byte token): 501 with Allow;
  - non-tokens that Kamailio lets through (@, NUL, a non-UTF-8 byte): 400 without Allow;
  - in-dialog-only methods without a To tag, CANCEL with no INVITE: 481;
  - which forwarded requests carry the proxy's Record-Route (SUBSCRIBE, REFER, NOTIFY: yes;
    OPTIONS, INFO: no), Max-Forwards handling (decrement; 0 gives 483);
  - what Kamailio's own parser drops before the route runs (a TAB in the method, a folded CSeq);
  - a load run of --load OPTIONS at --rate per second through sipp with no failed call;
then stops Kamailio (SIGTERM) and fails on any sign of a crashed worker or a script error.
Prints one line per check and "N passed, N failed"; exits 1 on failure, 77 when kamailio or
sipp is not installed (ctest reports the test as skipped).
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kamharness as kh  # noqa: E402

ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, SUBSCRIBE, NOTIFY, INFO, REFER, UPDATE"
INTMETH = b"!interesting-Method0123456789_*+`.%indeed'~"   # RFC 4475 §3.1.1.4


class Interrupted(Exception):
    pass


class Checks:
    def __init__(self, name):
        self.name, self.passed, self.failed = name, 0, 0

    def check(self, ok, what, detail=""):
        if ok:
            self.passed += 1
            print("ok   %s: %s" % (self.name, what))
        else:
            self.failed += 1
            print("FAIL %s: %s%s" % (self.name, what, (" -- " + detail) if detail else ""))
        sys.stdout.flush()
        return ok


class Peer:
    """A UDP socket on 127.0.0.1: sends requests and collects what comes back to it."""

    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((kh.HOST, 0))
        self.port = self.sock.getsockname()[1]

    def recv(self, timeout):
        self.sock.settimeout(timeout)
        try:
            return self.sock.recv(70000)
        except socket.timeout:
            return None

    def drain(self):
        while self.recv(0.01) is not None:
            pass

    def close(self):
        self.sock.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=sorted(kh.ENGINES), required=True)
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--module-dir", help="where the sipmethods module for the engine is")
    where.add_argument("--installed", action="store_true",
                       help="use the installed module (the interpreter's default search path)")
    ap.add_argument("--source", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    ap.add_argument("--load", type=int, default=10000)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--deadline", type=int, default=130,
                    help="seconds after which the test stops Kamailio and fails (below ctest's TIMEOUT)")
    a = ap.parse_args()
    if not kh.have_tools():
        print("kamailio or sipp not installed: skipped")
        print("0 passed, 0 failed")
        return 77

    src = os.path.abspath(a.source)
    example = os.path.join(src, "examples", "kamailio")
    scenarios = os.path.join(src, "tests", "kamailio", "scenarios")
    script = os.path.join(example, kh.ENGINES[a.engine][1])
    t = Checks(a.engine)
    work = tempfile.mkdtemp(prefix="sm-kamailio-%s-" % a.engine)
    kam = kh.Kamailio(os.path.join(example, "kamailio.cfg"), script, a.engine,
                      None if a.installed else os.path.abspath(a.module_dir), work)
    client, downstream = Peer(), Peer()

    def interrupted(signum, frame):
        raise Interrupted("stopped by signal %d (SIGALRM: --deadline reached)" % signum)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGALRM, interrupted)
    signal.alarm(a.deadline)
    try:
        kam.start()
        if t.check(kam.wait_ready(), "Kamailio (%s) answers on udp:%s:%d" % (a.engine, kh.HOST, kam.port)):
            run_checks(t, kam, client, downstream, scenarios, work, a)
    except Interrupted as e:
        t.check(False, "the test ran to its end", str(e))
    finally:
        signal.alarm(0)
        client.close()
        downstream.close()
        stop_and_inspect(t, kam, work, a.keep)
    print("%d passed, %d failed" % (t.passed, t.failed))
    return 1 if t.failed else 0


def control_exit_code(kam, work):
    """Kamailio 5.6's app_ruby calls ruby_cleanup() at shutdown in the main process, where Ruby
    was never started (ruby_sr_destroy tests its init flag the wrong way round): the main process
    dies of SIGSEGV after its workers have exited, whatever the script. This runs the same
    Kamailio with a route that does not load sipmethods and returns its exit code on SIGTERM."""
    d = os.path.join(work, "control")
    os.mkdir(d)
    ctl = kh.Kamailio(kam.cfg, os.path.join(os.path.dirname(os.path.abspath(__file__)), "control.rb"),
                      "ruby", kam.module_dir, d)
    ctl.start()
    ready = ctl.wait_ready()
    rc, _ = ctl.stop()
    return rc if ready else "not started"


def stop_and_inspect(t, kam, work, keep):
    """Stops Kamailio (SIGTERM, wait) and checks its log; removes the work directory if all passed."""
    was_alive = kam.alive()
    rc, log = kam.stop()
    t.check(was_alive, "Kamailio still running before SIGTERM", "exit code %s" % (rc,))
    if rc == -signal.SIGSEGV and kam.engine == "ruby" and "Thank you for flying kamailio" in log:
        control = control_exit_code(kam, work)
        t.check(control == rc, "Kamailio exits on SIGTERM: main process SIGSEGV at shutdown, the same "
                "without sipmethods (Kamailio 5.6 app_ruby bug: ruby_cleanup() where Ruby never ran)",
                "exit %s, without sipmethods %s" % (rc, control))
    else:
        t.check(rc == 0, "Kamailio exits 0 on SIGTERM", "exit %s" % (rc,))
    crashes = [l for l in log.splitlines() if kh.CRASH.search(l)]
    t.check(not crashes, "no crashed worker in the log", " | ".join(crashes[:5]))
    # A KEMI script error (exception, nil index, missing module) is logged by the app_* module.
    script_errors = [l for l in log.splitlines()
                     if re.search(r"ERROR: (app_lua|app_python3|app_ruby)", l)]
    t.check(not script_errors, "no script error in the log", " | ".join(script_errors[:5]))
    if t.failed or keep:
        print("log and sipp files kept in %s" % work)
        if t.failed:
            print("---- last lines of kamailio.log ----\n" + "\n".join(log.splitlines()[-40:]))
    else:
        shutil.rmtree(work, ignore_errors=True)


def run_checks(t, kam, client, downstream, scenarios, work, a):
    me = b"sip:%s:%d" % (kh.HOST.encode(), kam.port)
    there = lambda user: b"sip:%s@%s:%d" % (user, kh.HOST.encode(), downstream.port)  # noqa: E731
    remote = "%s:%d" % (kh.HOST, kam.port)
    n = [0]

    def ask(method, uri, timeout, **kw):
        """Sends one request from the client socket: (status, headers, start line), or None."""
        n[0] += 1
        client.drain()
        msg = kh.build_request(method, uri, client.port, call_id=b"c%d-%s" % (n[0], a.engine.encode()), **kw)
        client.sock.sendto(msg, (kh.HOST, kam.port))
        data = client.recv(timeout)
        if data is None:
            return None
        start, headers = kh.parse_message(data)
        return int(start.split(" ")[1]), headers, start

    def expect(what, method, status, allow, uri=me, timeout=1.0, **kw):
        """One request; status None means no answer within timeout. allow: Allow must be exactly
        ALLOW (True) or absent (False)."""
        r = ask(method, uri, timeout, **kw)
        if r is None:
            return t.check(status is None, what, "no answer, expected %s" % status)
        code, headers, start = r
        ok = code == status
        detail = "got %r" % start
        if allow:
            ok = ok and headers.get("allow") == [ALLOW]
            detail += ", Allow %r" % headers.get("allow")
        elif status is not None:
            ok = ok and "allow" not in headers
            if "allow" in headers:
                detail += ", unexpected Allow"
        return t.check(ok, what, detail)

    # --- sipp: OPTIONS, 405s, a record-routed call -------------------------------------------
    rc, out = kh.sipp([remote, "-sf", os.path.join(scenarios, "options.xml"), "-m", "1",
                       "-timeout", "20", "-timeout_error", "-trace_err"], work, 30)
    t.check(rc == 0, "sipp options.xml: OPTIONS -> 200, Allow: " + ALLOW, tail(out))
    rc, out = kh.sipp([remote, "-sf", os.path.join(scenarios, "not_allowed.xml"), "-m", "1",
                       "-timeout", "20", "-timeout_error", "-trace_err"], work, 30)
    t.check(rc == 0, "sipp not_allowed.xml: REGISTER and MESSAGE -> 405 with Allow", tail(out))

    uas_port = kh.free_udp_port()
    uas = subprocess.Popen(["sipp", "-nostdin", "-i", kh.HOST, "-p", str(uas_port),
                            "-sf", os.path.join(scenarios, "invite_uas.xml"), "-m", "1",
                            "-timeout", "25", "-timeout_error", "-trace_err"],
                           cwd=work, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    time.sleep(0.3)
    rc, out = kh.sipp([remote, "-sf", os.path.join(scenarios, "invite_uac.xml"), "-m", "1",
                       "-s", "callee", "-key", "uas_port", str(uas_port),
                       "-timeout", "20", "-timeout_error", "-trace_err"], work, 30)
    try:
        uas_out = uas.communicate(timeout=30)[0].decode("utf-8", "replace")
    except subprocess.TimeoutExpired:
        uas.kill()
        uas_out = uas.communicate()[0].decode("utf-8", "replace")
    t.check(rc == 0, "sipp invite_uac.xml: INVITE via the proxy, 200 with its Record-Route, ACK, BYE", tail(out))
    t.check(uas.returncode == 0, "sipp invite_uas.xml: INVITE record-routed, Max-Forwards 69; ACK, BYE arrive",
            tail(uas_out))

    # --- method policy on odd methods (raw UDP) -----------------------------------------------
    expect("OPTIONS -> 200 with Allow", b"OPTIONS", 200, True)
    expect("lowercase 'invite' is an extension method -> 501 with Allow ($rmid says INVITE)",
           b"invite", 501, True)
    expect("RFC 4475 intmeth method -> 501 with Allow", INTMETH, 501, True)
    expect("a 5000-byte extension token -> 501 with Allow", b"X" * 5000, 501, True)
    expect("PUBLISH (registered, not allowed) -> 405 with Allow", b"PUBLISH", 405, True)
    expect("'INV@ITE' (not a token) -> 400", b"INV@ITE", 400, False)
    expect("'FOO(BAR)' (not a token) -> 400", b"FOO(BAR)", 400, False)
    expect("NUL byte in the method -> 400", b"OPT\x00IONS", 400, False)
    expect("non-UTF-8 byte in the method -> 400", b"INVIT\xe9", 400, False)
    expect("UTF-8 non-ASCII method -> 400", b"INVIT\xc3\xa9", 400, False)
    expect("non-UTF-8 bytes in the Request-URI user (OPTIONS to the server) -> 200",
           b"OPTIONS", 200, True, uri=b"sip:\xff\xfe@%s:%d" % (kh.HOST.encode(), kam.port))
    expect("CSeq method differing from the request method (Kamailio does not check) -> 200",
           b"OPTIONS", 200, True, cseq_method=b"INVITE")
    # Kamailio's parser drops these before any route runs (logged by <core>, no answer).
    expect("TAB inside the method: dropped by Kamailio's first-line parser", b"FOO\tBAR", None, False)
    expect("folded CSeq ('CSeq: 1' CRLF SP 'OPTIONS'): dropped by Kamailio's CSeq parser",
           b"OPTIONS", None, False, raw_cseq=b"CSeq: 1\r\n OPTIONS")
    expect("CSeq folded before the number ('CSeq:' CRLF SP '1 OPTIONS'): accepted -> 200",
           b"OPTIONS", 200, True, raw_cseq=b"CSeq:\r\n 1 OPTIONS")

    # --- dialogs and transactions ------------------------------------------------------------
    for m in (b"BYE", b"INFO", b"PRACK", b"UPDATE", b"NOTIFY"):
        expect("%s without a To tag -> 481" % m.decode(), m, 481, False, uri=there(b"bob"))
    expect("CANCEL for the server, no INVITE to cancel -> 481", b"CANCEL", 481, False)
    expect("BYE with a To tag for the server itself (no dialog here) -> 481", b"BYE", 481, False, to_tag=b"x1")
    expect("INVITE for the server itself (no users) -> 404", b"INVITE", 404, False)
    expect("ACK for the server itself: absorbed, no answer", b"ACK", None, False, timeout=0.5, to_tag=b"x2")
    expect("Max-Forwards: 0 -> 483", b"INVITE", 483, False, uri=there(b"bob"), max_forwards=b"0")

    # --- what the proxy forwards, with or without its Record-Route ----------------------------
    rr = re.compile(r"^<sip:127\.0\.0\.1:%d;lr[^>]*>$" % kam.port)
    for method, to_tag, want_rr in ((b"SUBSCRIBE", None, True), (b"REFER", None, True),
                                    (b"NOTIFY", b"n1", True), (b"INFO", b"i1", False),
                                    (b"OPTIONS", None, False), (b"INVITE", None, True)):
        downstream.drain()
        n[0] += 1
        hdrs = [b"Event: presence"] if method in (b"SUBSCRIBE", b"NOTIFY") else []
        if method == b"NOTIFY":
            hdrs.append(b"Subscription-State: active;expires=60")
        if method == b"REFER":
            hdrs.append(b"Refer-To: <sip:carol@127.0.0.1>")
        client.sock.sendto(kh.build_request(method, there(b"bob"), client.port, to_tag=to_tag,
                                            call_id=b"f%d" % n[0], headers=hdrs),
                           (kh.HOST, kam.port))
        data = downstream.recv(1.0)
        what = "%s%s forwarded %s Record-Route" % (method.decode(), " (To tag)" if to_tag else "",
                                                   "with" if want_rr else "without")
        if data is None:
            t.check(False, what, "nothing arrived downstream")
            continue
        start, h = kh.parse_message(data)
        got = h.get("record-route", [])
        ok = start.startswith(method.decode() + " ") and h.get("max-forwards") == ["69"]
        ok = ok and ((len(got) == 1 and rr.match(got[0]) is not None) if want_rr else not got)
        t.check(ok, what, "start %r, Record-Route %r, Max-Forwards %r" % (start, got, h.get("max-forwards")))

    expect("still answering after the odd messages", b"OPTIONS", 200, True)

    # --- load -------------------------------------------------------------------------------
    if a.load > 0:
        t0 = time.monotonic()
        cpu0 = kam.cpu_seconds()
        drops0 = kh.udp_drops()
        rc, out = kh.sipp([remote, "-sf", os.path.join(scenarios, "options.xml"),
                           "-r", str(a.rate), "-m", str(a.load), "-l", str(max(a.rate, 100)),
                           "-timeout", str(a.load // a.rate + 60), "-timeout_error",
                           "-trace_err"], work, a.load // a.rate + 90)
        secs = time.monotonic() - t0
        cpu = kam.cpu_seconds() - cpu0
        drops = kh.udp_drops() - drops0 if drops0 is not None else "?"
        ok, bad = kh.sipp_counts(out)
        t.check(rc == 0 and ok == a.load and bad == 0,
                "load: %d OPTIONS at %d/s: %s successful, %s failed, %.1f s, Kamailio CPU %.1f us/request"
                % (a.load, a.rate, ok, bad, secs, cpu * 1e6 / a.load),
                "sipp exit %s, UDP receive-buffer drops on the machine meanwhile: %s%s" % (rc, drops, tail(out)))
        expect("still answering after the load", b"OPTIONS", 200, True)


def tail(text, n=12):
    return "\n" + "\n".join(text.strip().splitlines()[-n:]) if text else ""


if __name__ == "__main__":
    sys.exit(main())
