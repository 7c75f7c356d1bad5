#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Kamailio CPU time per request: the Lua route with sipmethods vs the same route in plain Lua.

    bench/kamailio/bench.py --module-dir BUILD/lua/5.1 [--requests 20000] [--rate 2000] [--rounds 3]

For each route (examples/kamailio/route.lua, bench/kamailio/route_plain.lua and the baseline
bench/kamailio/route_bare.lua) it starts Debian's Kamailio (app_lua, Lua 5.1) on 127.0.0.1,
warms it up, then sends --requests OPTIONS through sipp at --rate per second and reads utime +
stime of every Kamailio process from /proc before and after. Rounds alternate the routes;
the median per route is reported. It prints microseconds of Kamailio CPU per request for each
route and the sipmethods/plain ratio, then (with lua5.1 installed) the routes' own cost per
request measured outside Kamailio by route_micro.lua. A measurement, not a test: it asserts
nothing beyond "every request was answered".
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "tests", "kamailio"))
import kamharness as kh  # noqa: E402

ROUTES = [
    ("sipmethods", os.path.join(SOURCE, "examples", "kamailio", "route.lua")),
    ("plain Lua", os.path.join(HERE, "route_plain.lua")),
    ("bare reply", os.path.join(HERE, "route_bare.lua")),
]


def one_run(script, module_dir, requests, rate, warmup):
    work = tempfile.mkdtemp(prefix="sm-kamailio-bench-")
    kam = kh.Kamailio(os.path.join(SOURCE, "examples", "kamailio", "kamailio.cfg"), script,
                      "lua", module_dir, work)
    scenario = os.path.join(SOURCE, "tests", "kamailio", "scenarios", "options.xml")
    remote = "%s:%d" % (kh.HOST, kam.port)
    try:
        kam.start()
        if not kam.wait_ready():
            raise SystemExit("Kamailio did not start; see %s" % kam.log_path)
        base = ["-sf", scenario, "-r", str(rate), "-l", str(rate), "-timeout", "600"]
        kh.sipp([remote] + base + ["-m", str(warmup)], work, 600)
        before = kam.cpu_seconds()
        rc, out = kh.sipp([remote] + base + ["-m", str(requests)], work, 600)
        after = kam.cpu_seconds()
        ok, bad = kh.sipp_counts(out)
        if ok is None:
            raise SystemExit("sipp did not run: rc %s\n%s" % (rc, out[-2000:]))
        if bad:
            print("warning: %s of %d requests failed (sipp exit %s); the figure still divides by %d"
                  % (bad, requests, rc, requests))
        return (after - before) * 1e6 / requests
    finally:
        rc, log = kam.stop()
        crashed = [l for l in log.splitlines() if kh.CRASH.search(l)]
        if crashed or rc != 0:
            print("warning: Kamailio exit %s, log kept in %s" % (rc, work))
        else:
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--module-dir", required=True, help="the directory holding the Lua 5.1 sipmethods.so")
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--rate", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--warmup", type=int, default=2000)
    ap.add_argument("--no-micro", action="store_true", help="skip the stub-KSR timing of the routes alone")
    a = ap.parse_args()
    if not kh.have_tools():
        raise SystemExit("kamailio and sipp are needed")
    results = {name: [] for name, _ in ROUTES}
    for r in range(a.rounds):
        for name, script in ROUTES:
            us = one_run(script, os.path.abspath(a.module_dir), a.requests, a.rate, a.warmup)
            results[name].append(us)
            print("round %d  %-10s %7.2f us/request" % (r + 1, name, us), flush=True)
    med = {name: statistics.median(v) for name, v in results.items()}
    print()
    print("Kamailio CPU per OPTIONS request (utime+stime of all its processes, %d requests at %d/s, "
          "median of %d):" % (a.requests, a.rate, a.rounds))
    for name, _ in ROUTES:
        print("  %-10s %7.2f us" % (name, med[name]))
    s, p, b = med["sipmethods"], med["plain Lua"], med["bare reply"]
    print("sipmethods / plain Lua = %.3f" % (s / p))
    if s > b and p > b:
        print("script work beyond the bare reply: sipmethods %.2f us, plain Lua %.2f us (ratio %.3f)"
              % (s - b, p - b, (s - b) / (p - b)))
    # The script work alone is far below what /proc's clock ticks resolve under load: time it
    # outside Kamailio too, with a stub KSR (route_micro.lua), if a Lua 5.1 interpreter is here.
    lua = shutil.which("lua5.1")
    if lua and not a.no_micro:
        print()
        print("The routes alone in %s, stub KSR (route_micro.lua):" % lua, flush=True)
        env = dict(os.environ, LUA_CPATH=os.path.join(os.path.abspath(a.module_dir), "?.so") + ";;")
        subprocess.run([lua, os.path.join(HERE, "route_micro.lua"), "1000000"], env=env, check=False)


if __name__ == "__main__":
    main()
