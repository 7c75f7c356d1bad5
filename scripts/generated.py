# SPDX-License-Identifier: MIT
"""What the table generators (gen_status.py, gen_slots.py) share: their command line."""
import sys


def main(render, argv):
    """Writes render(argv[1]) to argv[2], or to stdout without it (a ctest diffs the two)."""
    text = render(argv[1])
    if len(argv) > 2:
        with open(argv[2], "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
