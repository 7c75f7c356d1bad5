#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""End-to-end test of examples/openresty/ in nginx with Debian's libnginx-mod-http-lua.

Builds a prefix directory from the example (nginx.conf with a free port on 127.0.0.1,
sip_policy.lua, sipmethods/ -> the build's lua/luajit/ folder), starts nginx in the
foreground, waits until it accepts connections, checks the answers over HTTP and stops it.

Usage: openresty_test.py NGINX EXAMPLE_DIR MODULE_DIR WORK_DIR
"""
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(example, moddir, work, port):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "tmp"))
    with open(os.path.join(example, "nginx.conf")) as f:
        conf = f.read()
    listen = "listen 127.0.0.1:8080;"
    if listen not in conf:
        sys.exit("nginx.conf has no '%s' to put the test's port in" % listen)
    with open(os.path.join(work, "nginx.conf"), "w") as f:
        f.write(conf.replace(listen, "listen 127.0.0.1:%d;" % port))
    shutil.copy(os.path.join(example, "sip_policy.lua"), work)
    os.symlink(os.path.abspath(moddir), os.path.join(work, "sipmethods"))


def wait_ready(proc, port, log):
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit("nginx exited with %s:\n%s" % (proc.returncode, open(log).read()))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("nginx did not listen on 127.0.0.1:%d:\n%s" % (port, open(log).read()))


def request(port, method, path, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=body)
    r = c.getresponse()
    out = (r.status, {k.lower(): v for k, v in r.getheaders()}, r.read().decode("latin-1"))
    c.close()
    return out


ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE"


def sip(port, msg):
    return request(port, "POST", "/sip", msg.encode("latin-1"))


def run_checks(port):
    status, _, body = request(port, "GET", "/sipmethods")
    check(status == 200 and body.startswith("sipmethods "), "GET /sipmethods: %d %r" % (status, body))
    check("LuaJIT" in body and body.rstrip().endswith(" ffi"), "nginx's Lua uses the FFI front: %r" % body)

    status, h, body = sip(port, "INVITE sip:bob@example.com SIP/2.0\r\nCSeq: 1 INVITE\r\n\r\n")
    check(status == 200, "INVITE: 200 (got %d)" % status)
    check(h.get("x-sip-method-id") == "1", "INVITE: method id 1 (got %r)" % h.get("x-sip-method-id"))
    check(h.get("x-sip-creates-dialog") == "true", "INVITE creates a dialog")
    check(h.get("x-sip-partial") == "false" and h.get("x-sip-cseq-mismatch") == "false",
          "INVITE: complete, no mismatch (%r %r)" % (h.get("x-sip-partial"), h.get("x-sip-cseq-mismatch")))
    check(body == "SIP/2.0 200 OK\n", "INVITE: body %r" % body)
    check("allow" not in h, "INVITE: no Allow on 200")

    status, h, body = sip(port, "BYE sip:bob@example.com SIP/2.0\r\nCSeq: 2 BYE\r\n\r\n")
    check(status == 200 and h.get("x-sip-in-dialog-only") == "true", "BYE: 200, in dialog only")

    status, h, body = sip(port, "REGISTER sip:example.com SIP/2.0\r\nCSeq: 1 REGISTER\r\n\r\n")
    check(status == 405, "REGISTER: 405 (got %d)" % status)
    check(h.get("allow") == ALLOW, "REGISTER: Allow %r" % h.get("allow"))
    check(body == "SIP/2.0 405 Method Not Allowed\n", "REGISTER: body %r" % body)

    for method in ("FOO", "invite", "KDMQ"):
        status, h, body = sip(port, "%s sip:a@b SIP/2.0\r\n\r\n" % method)
        check(status == 501 and h.get("allow") == ALLOW, "%s: 501 with Allow (got %d, %r)" % (method, status, h.get("allow")))
        check(body == "SIP/2.0 501 Not Implemented\n", "%s: body %r" % (method, body))

    status, h, body = sip(port, "OPTIONS sip:a@b SIP/2.0\r\nCSeq: 7 INVITE\r\n\r\n")
    check(status == 200 and h.get("x-sip-cseq-mismatch") == "true", "OPTIONS with CSeq INVITE: mismatch")

    status, h, body = sip(port, "INVITE sip:a@b SIP/2.0\r\nVia: x\r\n")
    check(status == 200 and h.get("x-sip-partial") == "true", "a request cut before CSeq: partial (%d %r)"
          % (status, h.get("x-sip-partial")))

    status, h, body = sip(port, "INVITE <sip:a@b> SIP/2.0\r\n\r\n")
    check(status == 400 and h.get("x-sip-error") == "SM_EURI", "a bad URI: 400 SM_EURI (%d %r)"
          % (status, h.get("x-sip-error")))
    check(h.get("x-sip-error-message", "").endswith("at byte 7"), "a bad URI: message %r"
          % h.get("x-sip-error-message"))
    check("allow" not in h, "400: no Allow")

    status, h, body = sip(port, "INVITE sip:a")
    check(status == 400 and h.get("x-sip-error") == "SM_EPARTIAL", "cut in the start line: SM_EPARTIAL (%r)"
          % h.get("x-sip-error"))

    status, h, body = sip(port, "SIP/2.0 200 OK\r\n\r\n")
    check(status == 400 and h.get("x-sip-error") == "not a request", "a response: 400")


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    nginx, example, moddir, work = sys.argv[1:]
    port = free_port()
    prepare(example, moddir, work, port)
    log = os.path.join(work, "nginx.log")
    with open(log, "w") as out:
        proc = subprocess.Popen([nginx, "-p", work, "-c", os.path.join(work, "nginx.conf")],
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_ready(proc, port, log)
        run_checks(port)
    finally:
        proc.send_signal(signal.SIGQUIT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    errors = [l for l in open(log) if "[error]" in l or "[alert]" in l or "[emerg]" in l]
    check(not errors, "no errors in nginx's log: %s" % "".join(errors[:5]))
    print("%d failed" % len(failures))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
