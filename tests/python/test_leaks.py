# SPDX-License-Identifier: MIT
"""Object counts and traced memory stay flat over 100k calls, the failing ones included."""
import gc
import sys
import tracemalloc

import sipmethods
from sipmethods import Method
from workload import CALLS_PER_ROUND, run_once

CALLS = 100_000


def test_no_leaks_over_100k_calls():
    rounds = CALLS // CALLS_PER_ROUND + 1
    for _ in range(50):  # warm up: caches, specialisation, freelists
        run_once()
    gc.collect()
    objects_before = len(gc.get_objects())
    refs_before = [sys.getrefcount(m) for m in Method]
    tracemalloc.start()
    try:
        for _ in range(10):
            run_once()
        gc.collect()
        mem_before = tracemalloc.get_traced_memory()[0]
        for _ in range(rounds):
            run_once()
        gc.collect()
        mem_after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    objects_after = len(gc.get_objects())
    refs_after = [sys.getrefcount(m) for m in Method]
    assert rounds * CALLS_PER_ROUND >= CALLS
    assert objects_after - objects_before < 50, (objects_before, objects_after)
    assert mem_after - mem_before < 16 * 1024, (mem_before, mem_after)
    assert refs_after == refs_before


def test_lookup_keeps_refcounts():
    names = ["INVITE", b"ACK", "invite", "FOO", "\ud800"]
    before = [sys.getrefcount(n) for n in names] + [sys.getrefcount(m) for m in Method]
    for _ in range(20_000):
        for n in names:
            sipmethods.lookup(n)
            sipmethods.lookup(n, ignore_case=True)
    del n  # the loop variable holds the last name
    after = [sys.getrefcount(n) for n in names] + [sys.getrefcount(m) for m in Method]
    assert after == before
