#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every source file of the repository carries the SPDX line of the MIT licence.

Usage: spdx.py [--fix] [ROOT]   checks the files git tracks under ROOT (default: the repository);
       exit 1 and a list when one lacks the line, which --fix inserts in the file's comment style.
"""
import os
import subprocess
import sys

TAG = "SPDX-License-Identifier: MIT"
# File name endings and names, each with the comment that carries the tag.
STYLES = [
    ((".c", ".h", ".i", ".java", ".def"), "/* %s */"),
    ((".py", ".pyi", ".sh", ".cmake", ".cmake.in", ".pc.in", ".pl", ".pm", ".rb", ".tcl", ".tcl.in", ".cfg",
      "CMakeLists.txt", "pyproject.toml", "MANIFEST.in", "bench/run", "setup.cfg"), "# %s"),
    ((".lua", ".rockspec"), "-- %s"),
    ((".1.in",), '.\\" %s'),
]
SKIP = ("tests/vectors/", "tests/fuzz/seeds/", "debian/")  # data; debian/copyright states the licence


def style(path):
    """The comment format for path, or None for a file that is not source."""
    if path.startswith(SKIP):
        return None
    for endings, fmt in STYLES:
        if any(path == e or path.endswith(e) for e in endings):
            return fmt
    return None


def tracked(root):
    """The files git tracks under root."""
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, check=True, capture_output=True).stdout
    return [f for f in out.decode().split("\0") if f]


def insert(text, line):
    """text with line inserted after a #! line or Kamailio's #!KAMAILIO, if any."""
    lines = text.splitlines(keepends=True)
    at = 1 if lines and lines[0].startswith("#!") else 0
    lines.insert(at, line + "\n")
    return "".join(lines)


def main(argv):
    fix = "--fix" in argv
    args = [a for a in argv if a != "--fix"]
    root = args[0] if args else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    missing = []
    for path in tracked(root):
        fmt = style(path)
        full = os.path.join(root, path)
        if fmt is None or not os.path.isfile(full):
            continue
        with open(full, encoding="utf-8", errors="surrogateescape") as f:
            text = f.read()
        if TAG in "".join(text.splitlines(keepends=True)[:5]):
            continue
        missing.append(path)
        if fix:
            with open(full, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(insert(text, fmt % TAG))
    for path in missing:
        print(("fixed: " if fix else "no SPDX line: ") + path)
    return 0 if fix or not missing else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
