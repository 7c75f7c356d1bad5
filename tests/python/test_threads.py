# SPDX-License-Identifier: MIT
"""8 threads call everything at once and get what one thread gets."""
import sys
import threading

import sipmethods
from workload import run_once

THREADS = 8
ROUNDS = 300


def test_eight_threads_agree():
    expected = run_once()
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker():
        try:
            barrier.wait()
            for _ in range(ROUNDS):
                got = run_once()
                if got != expected:
                    errors.append(got)
                    return
        except BaseException as e:  # reported below
            errors.append(e)

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=worker) for _ in range(THREADS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not errors, errors[:1]
    assert sipmethods.lookup("INVITE") is sipmethods.Method.INVITE
