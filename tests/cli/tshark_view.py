# SPDX-License-Identifier: MIT
"""What tshark (Wireshark, a second opinion nobody here wrote) and classify each see in a
capture, frame by frame, in the same shape: {frame: (sorted methods and status codes,
sorted "CSEQ/METHOD")}. Messages classify reports as errors or truncated are left out of its
view (tshark does not show what is not SIP, and dissects cut messages its own way)."""
import shutil
import subprocess

FIELDS = ["frame.number", "sip.Method", "sip.Status-Code", "sip.CSeq.seq", "sip.CSeq.method"]


def have_tshark():
    return shutil.which("tshark") is not None


def tshark_view(path, prefs=(), decode_as=()):
    """tshark's SIP messages in capture path; prefs: "name:value" preferences."""
    cmd = ["tshark", "-n", "-r", path, "-Y", "sip", "-T", "fields", "-E", "occurrence=a",
           "-E", "aggregator=,"]
    for p in prefs:
        cmd += ["-o", p]
    for d in decode_as:
        cmd += ["-d", d]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    view = {}
    for line in out.splitlines():
        n, methods, codes, seqs, cmethods = (line.split("\t") + [""] * 5)[:5]
        keys = sorted(x for x in methods.split(",") + codes.split(",") if x)
        cseqs = sorted("%s/%s" % (a, b) for a, b in zip(seqs.split(","), cmethods.split(","))
                       if a)
        view[int(n)] = (keys, cseqs)
    return view


def classify_view(lines):
    """classify's output lines in the same shape."""
    view = {}
    for line in lines:
        f = line.split("\t")
        if f[1] == "error" or "truncated" in f[6:]:
            continue
        n = int(f[0].rsplit(":", 1)[1])
        keys, cseqs = view.setdefault(n, ([], []))
        keys.append(f[2])
        if f[5] != "cseq=-":
            cseqs.append(f[5][len("cseq="):].replace(" ", "/"))
    for keys, cseqs in view.values():
        keys.sort()
        cseqs.sort()
    return view


def count(view):
    """The number of messages in a view."""
    return sum(len(keys) for keys, _ in view.values())
