# SPDX-License-Identifier: MIT
"""``python -m sipmethods``: the sipmethods command line (the same C program as the tool)."""
import os
import sys


def main() -> int:
    """Runs the command line with this process's arguments; returns its exit status."""
    try:
        from sipmethods import _cli
    except ImportError as exc:
        sys.stderr.write("sipmethods: the command line was not built with this package: %s\n" % exc)
        return 2
    sys.stdout.flush()
    sys.stderr.flush()
    return _cli.main([os.fsencode(a) for a in ["sipmethods", *sys.argv[1:]]])


if __name__ == "__main__":
    sys.exit(main())
