#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Tests of what every sipmethods command shares: the option loop as the commands use it,
--version, and the man page sipmethods(1). One group per ctest entry.

usage: test_options.py GROUP --cli PATH [--header PATH] [--man PATH] [--build DIR] [--work DIR]
                         [--cmake PATH]

Expected values come from the rules written at the top of cli/args.c and from the issue (the
version from SM_VERSION_STRING in the header), never from the program under test; the man page
is checked against what the program says it accepts (its --help), so that a new command or
option without a man page entry fails.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

OPTS = None
FAILURES = []

COMMANDS = ["list", "info", "classify", "allow", "reason"]


def check(cond, what):
    """Records a failed expectation (the group goes on, to report every failure)."""
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(args, rc=0, stdin=b""):
    """Runs the CLI with args; checks its exit status; returns (stdout, stderr) as text."""
    p = subprocess.run([OPTS.cli] + args, input=stdin, capture_output=True)
    out = p.stdout.decode("utf-8", "surrogateescape")
    err = p.stderr.decode("utf-8", "surrogateescape")
    check(p.returncode == rc, f"{args}: exit {p.returncode}, expected {rc}\n{out}{err}")
    return out, err


def usage_error(cmd, args, what):
    """Runs a command that must fail with the one usage-error wording, saying what."""
    out, err = run([cmd] + args, rc=2)
    want = f"sipmethods {cmd}: {what}\nTry 'sipmethods {cmd} --help'.\n"
    check(out == "" and err == want, f"{cmd} {args}: stderr\n{err}--- expected\n{want}")


def help_text(cmd):
    """The --help text of a command."""
    return run([cmd, "--help"])[0]


# ---- options: the loop as list, info, allow and reason use it ----

def test_options():
    # -h/--help anywhere before "--", alone on stdout, exit 0, the same text for both.
    for cmd in ["list", "info", "allow", "reason"]:
        text = help_text(cmd)
        check(text.startswith(f"usage: sipmethods {cmd}"), f"{cmd} --help: {text!r}")
        for args in [["-h"], ["x", "--help"], ["--help", "--bogus"]]:
            out, err = run([cmd] + args)
            check(out == text and err == "", f"{cmd} {args} prints the help")
    # After "--", -h is an operand.
    out, _ = run(["info", "--", "-h"])
    check(out.startswith("-h is an extension method"), f"info -- -h: {out!r}")
    _, err = run(["allow", "--", "-h"], rc=0)
    check(err == "", "allow -- -h")

    # Value options: "--opt=V" and "--opt V" are one thing; the last value wins.
    json_out = run(["list", "--format=json"])[0]
    check(run(["list", "--format", "json"])[0] == json_out, "--format json == --format=json")
    check(run(["list", "--format=csv", "--format", "json"])[0] == json_out,
          "the last --format wins")
    check(run(["list", "--format", "markdown", "--format=json"])[0] == json_out,
          "the last --format wins (=)")

    # The one usage-error wording, for each kind of error and each command.
    usage_error("list", ["--format"], "option '--format' needs a value (FORMAT)")
    usage_error("list", ["--bogus"], "unknown option '--bogus'")
    usage_error("list", ["-f", "json"], "unknown option '-f'")
    usage_error("list", ["--form=json"], "unknown option '--form=json'")
    usage_error("list", ["extra"], "unexpected argument 'extra'")
    usage_error("list", ["--format", "xml"], "unknown format 'xml' (table, csv, json or markdown)")
    usage_error("info", [], "NAME is missing")
    usage_error("info", ["--ignore-case"], "NAME is missing")
    usage_error("info", ["INVITE", "BYE"], "unexpected argument 'BYE': one NAME only")
    usage_error("info", ["--ignore-case=yes", "INVITE"], "option '--ignore-case' takes no value")
    usage_error("info", ["-FOO"], "unknown option '-FOO'")
    usage_error("info", ["--help=1"], "option '--help' takes no value")
    usage_error("allow", [], "VALUE is missing")
    usage_error("allow", ["INVITE", "ACK"], "unexpected argument 'ACK': one VALUE only")
    usage_error("allow", ["--x", "INVITE"], "unknown option '--x'")
    usage_error("reason", [], "CODE is missing")
    usage_error("reason", ["200", "404"], "unexpected argument '404': one CODE only")
    usage_error("reason", ["-486"], "unknown option '-486'")
    usage_error("reason", ["--", "-486"], "'-486' is not a status code (3 digits, 100..699)")
    # The first error decides, before any output.
    usage_error("info", ["--bogus", "--help"], "unknown option '--bogus'")

    # Options and operands in any order; "--" makes the rest operands.
    base = run(["info", "--ignore-case", "invite"])[0]
    check(base.startswith("name:           INVITE\n"), f"info --ignore-case invite: {base!r}")
    check(run(["info", "invite", "--ignore-case"])[0] == base, "an option after the operand")
    out, _ = run(["info", "--", "--ignore-case"])
    check(out.startswith("--ignore-case is an extension method"), f"info -- --ignore-case: {out!r}")
    usage_error("info", ["--", "INVITE", "--ignore-case"],
                "unexpected argument '--ignore-case': one NAME only")
    out, _ = run(["reason", "--", "486"])
    check(out.startswith("code:           486\n"), "reason -- 486")
    out, _ = run(["allow", "--", "INVITE, FOO"])
    check(out == "allow:          INVITE\nset:            1\nextensions:     FOO\n", "allow -- V")
    out, _ = run(["allow", "--", ""])
    check(out.startswith("allow:          (none)\n"), "allow -- ''")


# ---- allow: the extension tokens come from the core's iterator, however many ----

def test_allow():
    tokens = [f"X{i}" for i in range(5000)]
    value = ", ".join(["BYE"] + tokens[:2500] + ["INVITE", "invite"] + tokens[2500:])
    out, err = run(["allow", value])
    want = ("allow:          INVITE, BYE\nset:            9\nextensions:     "
            + ", ".join(tokens[:2500] + ["invite"] + tokens[2500:]) + "\n")
    check(out == want and err == "", f"allow with {len(tokens)} extension tokens")
    # An error after many good elements: no result line, the offset of the error.
    bad = ",".join(tokens) + ",IN@VITE"
    out, err = run(["allow", bad], rc=1)
    check(out == "" and err.startswith(f"sipmethods allow: SM_EALLOW at byte {len(bad) - 5}: "),
          f"allow: an error after {len(tokens)} tokens: {err!r}")


# ---- version ----

def test_version():
    with open(OPTS.header, encoding="utf-8") as f:
        version = re.search(r'#define SM_VERSION_STRING "([^"]+)"', f.read()).group(1)
    out, err = run(["--version"])
    check(out == f"sipmethods {version}\n" and err == "", f"--version: {out!r} {err!r}")
    out, _ = run(["--help"])
    check("--version" in out, "--help names --version")
    # A write error is an error, not a silent success.
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            p = subprocess.run([OPTS.cli, "--version"], stdout=full, stderr=subprocess.PIPE)
        check(p.returncode == 2 and b"writing the output" in p.stderr,
              f"--version > /dev/full: exit {p.returncode} {p.stderr!r}")


# ---- man: sipmethods(1) ----

def render(path, *extra):
    """groff's text rendering of the man page at path; checks groff warns of nothing."""
    p = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-rLL=80n", *extra, path],
                       capture_output=True, env=dict(os.environ, LC_ALL="C.UTF-8"))
    err = p.stderr.decode("utf-8", "replace")
    check(p.returncode == 0 and err == "", f"groff {path}: exit {p.returncode}\n{err}")
    text = p.stdout.decode("utf-8", "replace")
    # Undo the overstriking of the terminal output (bold: c\bc, underline: _\bc).
    return re.sub(r".\x08", "", text)


def sections(text):
    """The man page's sections, by heading (lines at column 0)."""
    result, name = {}, None
    for line in text.splitlines():
        if line and not line[0].isspace():
            name = line.strip()
            result[name] = []
        elif name:
            result[name].append(line)
    return {k: " ".join(" ".join(v).split()) for k, v in result.items()}


def options_of(text):
    """The options a --help text names: every -x and --word in it."""
    return set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", text))


def tagged(text, opt):
    """1 if opt heads an indented paragraph of the rendered page (a .TP tag)."""
    return re.search(rf"(^|\n) +{re.escape(opt)}(?=[\s,])", text) is not None


def test_man():
    text = render(OPTS.man)
    secs = sections(text)
    for heading in ["NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "OUTPUT",
                    "EXIT STATUS", "EXAMPLES", "SEE ALSO"]:
        check(heading in secs, f"man: section {heading}")
    flat = " ".join(secs.values())
    check(secs.get("NAME", "").startswith("sipmethods - "), f"man NAME: {secs.get('NAME')!r}")
    with open(OPTS.header, encoding="utf-8") as f:
        version = re.search(r'#define SM_VERSION_STRING "([^"]+)"', f.read()).group(1)
    check(f"sipmethods {version}" in text, "man: the version")
    check("@" not in text, "man: every @VARIABLE@ substituted")

    # Every command the program lists, and every option its --help names, is in the synopsis
    # and described.
    top = run(["--help"])[0]
    listed = re.findall(r"^  (\w+) ", top, re.M)
    check(sorted(listed) == sorted(COMMANDS), f"--help lists {listed}")
    synopsis = secs.get("SYNOPSIS", "")
    for cmd in listed:
        check(f"sipmethods {cmd}" in synopsis, f"man SYNOPSIS: {cmd}")
        check(re.search(rf"(^|\n)   {cmd}\b", text) is not None,
              f"man COMMANDS: a {cmd} subsection")
        usage = help_text(cmd).splitlines()[0]
        for opt in options_of(usage) - {"-h", "--help"}:
            check(opt in synopsis, f"man SYNOPSIS: {cmd} {opt}")
            check(tagged(text, opt) or f"{opt} " in secs.get("COMMANDS", ""),
                  f"man describes {cmd} {opt}")
    for opt in ["-h", "--help", "--version", "--"]:
        check(tagged(text, opt), f"man OPTIONS: {opt}")
    # classify's options of the captures issue, whatever the build's --help says.
    for opt in ["--summary", "--filter BPF", "-i IFACE", "-c N"]:
        check(opt in synopsis, f"man SYNOPSIS: classify {opt}")
    # list's formats.
    for fmt in ["table", "csv", "json", "markdown"]:
        check(re.search(rf"\n +{fmt}\b", text) is not None, f"man: list format {fmt}")

    # Output formats and exit statuses.
    for field in ["request", "response", "error", "extension", "cseq-mismatch", "truncated",
                  "cseq=-", "SM_E*"]:
        check(field in secs.get("OUTPUT", ""), f"man OUTPUT: {field}")
    for kind in ["method", "status", "response", "transport", "error", "total truncated"]:
        check(kind in secs.get("OUTPUT", ""), f"man OUTPUT --summary: {kind}")
    status = secs.get("EXIT STATUS", "")
    for code in ["0", "1", "2"]:
        check(re.search(rf"(^| ){code} ", status) is not None, f"man EXIT STATUS: {code}")
    # Transports read from captures, and a build without libpcap.
    for transport in ["UDP", "TCP", "reassembled", "SCTP", "WebSocket", "HEP version 3",
                      "IP-in-IP", "GRE", "ERSPAN", "VXLAN", "802.1Q"]:
        check(transport in flat, f"man: transport {transport}")
    check("without libpcap" in flat and "pcap support is not compiled in" in flat,
          "man: a build without libpcap refuses captures")

    # man(1) renders it too, as users read it (when man-db is installed).
    if shutil.which("man"):
        p = subprocess.run(["man", "--warnings", "-E", "UTF-8", "-l", "-Tutf8", "-Z", OPTS.man],
                           capture_output=True, env=dict(os.environ, MANWIDTH="80"))
        check(p.returncode == 0 and p.stderr == b"", f"man -l: {p.stderr!r}")


# ---- install: cmake --install puts sipmethods.1 in ${CMAKE_INSTALL_MANDIR}/man1 ----

def test_install():
    prefix = os.path.join(OPTS.work, "prefix")
    shutil.rmtree(prefix, ignore_errors=True)
    p = subprocess.run([OPTS.cmake, "--install", OPTS.build, "--component", "cli", "--prefix",
                        prefix], capture_output=True, text=True)
    check(p.returncode == 0, f"cmake --install: {p.stdout}{p.stderr}")
    installed = [os.path.relpath(os.path.join(d, f), prefix)
                 for d, _, files in os.walk(prefix) for f in files]
    man = [f for f in installed if f.endswith(os.path.join("man", "man1", "sipmethods.1"))]
    check(len(man) == 1 and man[0].startswith("share"), f"installed: {installed}")
    if man:
        with open(os.path.join(prefix, man[0]), "rb") as a, open(OPTS.man, "rb") as b:
            check(a.read() == b.read(), "the installed page is the built one")


GROUPS = {"options": test_options, "allow_iterator": test_allow, "version": test_version,
          "man": test_man, "install": test_install}


def main():
    global OPTS
    parser = argparse.ArgumentParser()
    parser.add_argument("group", choices=sorted(GROUPS))
    parser.add_argument("--cli", required=True)
    parser.add_argument("--header")
    parser.add_argument("--man")
    parser.add_argument("--build")
    parser.add_argument("--work")
    parser.add_argument("--cmake", default="cmake")
    OPTS = parser.parse_args()
    OPTS.cli = os.path.abspath(OPTS.cli)
    if OPTS.work:
        os.makedirs(OPTS.work, exist_ok=True)
    GROUPS[OPTS.group]()
    if FAILURES:
        print(f"{len(FAILURES)} failure(s) in {OPTS.group}", file=sys.stderr)
        return 1
    print(f"{OPTS.group}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
