#!/usr/bin/python3
"""check.py OUTDIR KIND...

Assertions of the lab (issue 4) on the results decoded into OUTDIR/KIND.
Prints the counter tables; exits 1 with the failing numbers if any
assertion fails.
"""
import json
import os
import sys

failures = []


def fail(kind, msg):
    failures.append("%s: %s" % (kind, msg))


def load_json(path):
    with open(path) as f:
        return json.load(f)


def tests_status(d):
    res = {}
    p = os.path.join(d, "tests.txt")
    if os.path.exists(p):
        for line in open(p):
            name, rc = line.split()
            res[name] = int(rc)
    return res


def check_bringup(kind, d):
    st = tests_status(d)
    rc = st.get("vmx_apic_access_test")
    if rc != 0:
        fail(kind, "vmx_apic_access_test exit status %s (want 0)" % rc)
    p = os.path.join(d, "vmx_apic_access_test.fcount.json")
    if not os.path.exists(p):
        fail(kind, "no fentry counts for vmx_apic_access_test")
        return
    c = load_json(p)["counts"]
    print("%-8s vmx_apic_access_test: exit %s, fentry counts %s" %
          (kind, rc, json.dumps(c, sort_keys=True)))
    if c.get("nested_get_vmcs12_pages", 0) <= 0:
        fail(kind, "fentry saw no nested_get_vmcs12_pages call")


def main():
    if len(sys.argv) < 3:
        sys.stderr.write("usage: check.py OUTDIR KIND...\n")
        sys.exit(2)
    out = sys.argv[1]
    for kind in sys.argv[2:]:
        d = os.path.join(out, kind)
        if not os.path.isdir(d):
            fail(kind, "no results in %s" % d)
            continue
        check_bringup(kind, d)
    if failures:
        for f in failures:
            sys.stderr.write("lab: assertion failed: %s\n" % f)
        sys.exit(1)
    print("lab: all assertions passed (%s)" % " ".join(sys.argv[2:]))


main()
