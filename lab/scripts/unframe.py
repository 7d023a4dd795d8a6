#!/usr/bin/python3
"""unframe.py RESULTS.log OUTDIR

Decode the framed files the lab guest sends on its results port (ttyS1):

    NVMX-LAB-BEGIN
    NVMX-FILE <name> <size> <sha256>
    <base64 lines>
    NVMX-FILE-END <name>
    ...
    NVMX-LAB-END <nfiles> <scenario-status>

Each file is checked (size, sha256) and written atomically to OUTDIR.
Prints the scenario status on stdout.  Exit 1 with a one-line error if the
stream is truncated or corrupt.
"""
import base64
import hashlib
import os
import sys


def fail(msg):
    sys.stderr.write("lab: results: %s\n" % msg)
    sys.exit(1)


def main():
    if len(sys.argv) != 3:
        fail("usage: unframe.py RESULTS.log OUTDIR")
    path, outdir = sys.argv[1], sys.argv[2]
    try:
        with open(path, "rb") as f:
            lines = f.read().decode("ascii", "replace").replace("\r", "").split("\n")
    except OSError as e:
        fail("cannot read %s: %s" % (path, e.strerror))
    try:
        i = lines.index("NVMX-LAB-BEGIN")
    except ValueError:
        fail("no NVMX-LAB-BEGIN in %s (guest did not finish)" % path)
    os.makedirs(outdir, exist_ok=True)
    nfiles = 0
    i += 1
    while i < len(lines):
        words = lines[i].split()
        if words[:1] == ["NVMX-LAB-END"]:
            if len(words) != 3 or int(words[1]) != nfiles:
                fail("end marker says %s files, decoded %d" % (words[1:2], nfiles))
            print(words[2])
            return
        if len(words) != 4 or words[0] != "NVMX-FILE":
            fail("line %d: expected NVMX-FILE, got %r" % (i + 1, lines[i][:80]))
        name, size, digest = words[1], int(words[2]), words[3]
        if "/" in name or name.startswith("."):
            fail("bad file name %r" % name)
        j = i + 1
        while j < len(lines) and lines[j] != "NVMX-FILE-END " + name:
            j += 1
        if j >= len(lines):
            fail("file %s truncated" % name)
        try:
            data = base64.b64decode("".join(lines[i + 1:j]), validate=True)
        except ValueError:
            fail("file %s: corrupt base64" % name)
        if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
            fail("file %s: size/checksum mismatch (%d bytes, want %d)" %
                 (name, len(data), size))
        tmp = os.path.join(outdir, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(outdir, name))
        nfiles += 1
        i = j + 1
    fail("no NVMX-LAB-END (results truncated)")


main()
