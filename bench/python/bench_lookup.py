#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Measures sipmethods.lookup against a no-op METH_O C function and dict.get.

Not a test: prints best-of-N nanoseconds per call, all measured in one process and
interleaved (every round times each candidate once, in turn), and the ratios the goal
is stated in (lookup <= 1.3x the no-op METH_O call, and no slower than dict.get).

The no-op functions are compiled here, at bench time, as a tiny extension built the way
sipmethods._core is (same compiler, same limited-API setting), so the comparison is fair.
noop_kw is a no-op with lookup's calling convention (METH_FASTCALL | METH_KEYWORDS, which
the ignore_case keyword needs), to show what the convention itself costs.

Timings on a shared machine are noisy: run it a few times and read the best. --ir STMT runs
one statement's loop once, untimed, for valgrind --tool=callgrind: bench/run runs it with
--number 0 and --number N, and the difference over N is instructions per call.

Usage: PYTHONPATH=<dir holding sipmethods> python bench/python/bench_lookup.py [--rounds N] [--number N]
       PYTHONPATH=... python bench/python/bench_lookup.py --ir {noop,noop_kw,lookup,dget} --number N [--noop-dir D]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import timeit

NOOP_C = r"""
#define PY_SSIZE_T_CLEAN
#include <Python.h>
static PyObject *noop(PyObject *m, PyObject *arg) { (void)m; (void)arg; Py_RETURN_NONE; }
static PyObject *noop_kw(PyObject *m, PyObject *const *args, Py_ssize_t n, PyObject *kw)
{ (void)m; (void)args; (void)n; (void)kw; Py_RETURN_NONE; }
static PyMethodDef methods[] = {
    {"noop", noop, METH_O, NULL},
    {"noop_kw", (PyCFunction)(void (*)(void))noop_kw, METH_FASTCALL | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};
static PyModuleDef_Slot slots[] = {{0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_sm_noop", NULL, 0, methods, slots, NULL, NULL, NULL};
PyMODINIT_FUNC PyInit__sm_noop(void) { return PyModuleDef_Init(&def); }
"""

SETUP_PY = r"""
import sys
from setuptools import Extension, setup
limited = sys.version_info >= (3, 10) and {limited}
setup(name="_sm_noop", ext_modules=[Extension("_sm_noop", ["noop.c"], py_limited_api=limited,
      define_macros=[("Py_LIMITED_API", "0x030A0000")] if limited else [])])
"""


def build_noop(tmp, limited):
    if any(f.startswith("_sm_noop") and f.endswith((".so", ".pyd")) for f in os.listdir(tmp)):
        sys.path.insert(0, tmp)  # built by an earlier run into this --noop-dir
        import _sm_noop
        return _sm_noop
    with open(os.path.join(tmp, "noop.c"), "w") as f:
        f.write(NOOP_C)
    with open(os.path.join(tmp, "setup.py"), "w") as f:
        f.write(SETUP_PY.format(limited=limited))
    subprocess.run([sys.executable, "setup.py", "-q", "build_ext", "--inplace"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    sys.path.insert(0, tmp)
    import _sm_noop
    return _sm_noop


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=25)
    ap.add_argument("--number", type=int, default=1_000_000)
    ap.add_argument("--ir", choices=["noop", "noop_kw", "lookup", "dget"], help="run this loop once, untimed")
    ap.add_argument("--noop-dir", help="build the no-op extension here, or reuse it (default: a temp dir)")
    args = ap.parse_args()

    import sipmethods
    from sipmethods import _core

    if args.noop_dir:
        os.makedirs(args.noop_dir, exist_ok=True)
        noop_mod = build_noop(args.noop_dir, _core.LIMITED_API)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            noop_mod = build_noop(tmp, _core.LIMITED_API)

    d = {m.name: m for m in sipmethods.METHODS}
    env = {
        "lookup": sipmethods.lookup,
        "noop": noop_mod.noop,
        "noop_kw": noop_mod.noop_kw,
        "d": d,
        "get": d.get,
        "name": "INVITE",
        "other": "FOO",
        "bname": b"INVITE",
        "lname": "invite",
    }
    cases = [
        ("noop(name)            [no-op METH_O]", "noop(name)"),
        ("noop_kw(name)         [no-op FASTCALL|KW]", "noop_kw(name)"),
        ("lookup(name)          [str hit]", "lookup(name)"),
        ("d.get(name)           [dict.get]", "d.get(name)"),
        ("get(name)             [bound dict.get]", "get(name)"),
        ("lookup(other)         [str miss]", "lookup(other)"),
        ("lookup(bname)         [bytes]", "lookup(bname)"),
        ("lookup(lname, ignore_case=True)", "lookup(lname, ignore_case=True)"),
    ]
    if args.ir:
        stmt = {"noop": "noop(name)", "noop_kw": "noop_kw(name)", "lookup": "lookup(name)",
                "dget": "d.get(name)"}[args.ir]
        timeit.Timer(stmt, globals=env).timeit(args.number)
        return
    timers = [(label, timeit.Timer(stmt, globals=env)) for label, stmt in cases]
    best = {label: float("inf") for label, _ in timers}
    for _ in range(args.rounds):
        for label, t in timers:
            ns = t.timeit(args.number) / args.number * 1e9
            best[label] = min(best[label], ns)

    print("python %s, sipmethods %s, _core limited API: %s; best of %d x %d calls"
          % (sys.version.split()[0], sipmethods.__version__, _core.LIMITED_API, args.rounds, args.number))
    for label, _ in timers:
        print("  %-40s %6.1f ns" % (label, best[label]))
    noop = best[cases[0][0]]
    hit = best[cases[2][0]]
    dget = best[cases[3][0]]
    print("  lookup / no-op METH_O = %.2f (goal <= 1.30)" % (hit / noop))
    print("  lookup / dict.get     = %.2f (goal <= 1.00)" % (hit / dget))


if __name__ == "__main__":
    main()
