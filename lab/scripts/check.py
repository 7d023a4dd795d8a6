#!/usr/bin/python3
"""check.py OUTDIR KIND...

Assertions of the lab (issue 4) on the results decoded into OUTDIR/KIND,
plus the counter table (OUTDIR/counters.{txt,json}).  Every expected value
follows from the workload: the series' benchmark does one VMLAUNCH, W
warm-up and N timed round trips, so L2 entries E = 1 + W + N, and L1
enables P pages (MSR bitmap, APIC-access, virtual-APIC, and the posted-
interrupt descriptor only when L0 offers posted interrupts to L1).  The
invalidation selftest's counts on the patched kernel follow from the
steps it prints (INVAL_STEPS).
Exit 1 with the failing numbers if any assertion fails.
"""
import json
import os
import re
import sys

KINDS = ["msr_bitmap", "apic_access", "virtual_apic", "pi_desc", "evmcs"]
failures = []


def fail(where, msg):
    failures.append("%s: %s" % (where, msg))


def expect(where, what, got, want):
    if got != want:
        fail(where, "%s = %s, want %s" % (what, got, want))


def load_json(path):
    with open(path) as f:
        return json.load(f)


def write_outputs(out, files):
    """Write each (NAME, TEXT) of FILES to OUT/NAME atomically."""
    for name, data in files:
        tmp = os.path.join(out, "." + name + ".tmp")
        with open(tmp, "w") as f:
            f.write(data)
        os.replace(tmp, os.path.join(out, name))


def finish(ok_msg):
    """Print the failures and exit 1, or print OK_MSG to stderr."""
    if failures:
        for f in failures:
            sys.stderr.write("lab: assertion failed: %s\n" % f)
        sys.exit(1)
    sys.stderr.write(ok_msg + "\n")


def tests_status(d):
    res = {}
    p = os.path.join(d, "tests.txt")
    if os.path.exists(p):
        for line in open(p):
            name, rc = line.split()
            res[name] = int(rc)
    return res


def hist_percentile(slots, k, q):
    """Midpoint of the slot holding the ceil(q/100*total)-th value
    (include/nvmx_gpc_abi.h layout)."""
    total = sum(c for _, c in slots)
    if not total:
        return None
    rank = -(-q * total // 100)
    seen = 0
    for idx, c in sorted(slots):
        seen += c
        if seen >= rank:
            m, s = idx >> k, idx & ((1 << k) - 1)
            if m == 0:
                return float(s)
            lo = ((1 << k) + s) << (m - 1)
            hi = lo + (1 << (m - 1)) - 1
            return (lo + hi) / 2.0
    return None


def record_counters(rec):
    return {c["name"]: c["runs"][0] if "runs" in c else c["values"][0]
            for c in rec["counters"]}


def record_p50(rec, name):
    k = rec["metadata"]["hist_k"]
    for m in rec["metrics"]:
        if m["name"] == name:
            return hist_percentile(m["runs"][0]["slots"], k, 50)
    return None


def top_intervals(path):
    """The interval objects of nvmx-gpc-top --json output (an error line
    fails the check: top's own, docs/cli.md)."""
    for line in open(path):
        line = line.strip()
        if not line:
            continue
        obj = json.loads(line)
        if "error" in obj:
            fail(path, "nvmx-gpc-top: %s" % obj["error"])
            continue
        yield obj


def top_totals(path):
    """Sum of the per-interval counts of every VM over the whole run."""
    tot = {}
    for obj in top_intervals(path):
        for vm in obj["vms"]:
            for k, v in vm["counts"].items():
                if v is None:
                    tot.setdefault(k, None)
                else:
                    tot[k] = (tot.get(k) or 0) + v
    return tot


def top_reasons(path):
    """Exit reasons of every VM summed over the intervals, by reason."""
    tot = {}
    for obj in top_intervals(path):
        for vm in obj["vms"]:
            for r in vm.get("reasons", []):
                t = tot.setdefault(r["reason"], {p: 0 for p in PATHS + LAT})
                for p in PATHS:
                    t[p] += r[p]
                    t[p + "_lat"] += r["latency_ns"].get(p, {}).get("count", 0)
    return tot


PATHS = ("l1", "l2_l0", "l2_l1", "synth")
LAT = tuple(p + "_lat" for p in PATHS)	# latency samples of each path


def check_reasons(where, path, top, e):
    """The benchmark's exits by reason (docs/metrics.md, "Exit reasons"):
    each of the e L2 entries ends in a VMCALL that L1 intercepts, so it is
    reflected, never kept by L0; L1 enters L2 once with VMLAUNCH and e - 1
    times with VMRESUME, each an exit of L1, and each of those VMRESUMEs
    ends the round trip of the VMCALL before it.  The paths add up to
    top's own exit counters."""
    rs = top_reasons(path)
    if not rs:
        fail(where, "top wrote no exit reasons")
        return {}
    vmcall = rs.get("VMCALL", {})
    expect(where, "top reasons VMCALL l2_l1", vmcall.get("l2_l1"), e)
    expect(where, "top reasons VMCALL l2_l0", vmcall.get("l2_l0"), 0)
    expect(where, "top reasons VMLAUNCH l1", rs.get("VMLAUNCH", {}).get("l1"), 1)
    expect(where, "top reasons VMRESUME l1", rs.get("VMRESUME", {}).get("l1"), e - 1)
    # every reflected VMCALL but the last is followed by an L2 entry
    expect(where, "top reasons VMCALL round trips timed", vmcall.get("l2_l1_lat"), e - 1)
    total = {p: sum(r[p] for r in rs.values()) for p in PATHS}
    total.update({p: sum(r[p] for r in rs.values()) for p in LAT})
    expect(where, "top reasons: l1 over all reasons = l1_exits", total["l1"],
           top.get("l1_exits"))
    expect(where, "top reasons: l2_l0 + l2_l1 = l2_exits",
           total["l2_l0"] + total["l2_l1"], top.get("l2_exits"))
    expect(where, "top reasons: l2_l1 + synth = l2_exits_to_l1",
           total["l2_l1"] + total["synth"], top.get("l2_exits_to_l1"))
    return {"VMCALL": vmcall, "VMLAUNCH": rs.get("VMLAUNCH"),
            "VMRESUME": rs.get("VMRESUME"), "total": total}


def check_outliers(where, path, e):
    """top --than 1 of the benchmark: every nested round trip lasts more
    than 1 us of emulated time (2.5 us and more), so each of the e - 1 is
    an outlier, logged or, over the rate bound of 100 per CPU and second,
    dropped; every nested_get_vmcs12_pages call logged has its stack.
    Both end in nested_vmx_enter_non_root_mode(): the round trip at its
    kvm_nested_vmenter tracepoint, nested_get_vmcs12_pages() as its
    callee."""
    logged = {"l2_roundtrip": 0, "vmcs12_pages": 0}
    dropped = {}
    frames = {}
    for obj in top_intervals(path):
        if "outliers" not in obj:
            continue
        dropped = obj["outliers_dropped"]
        for o in obj["outliers"]:
            logged[o["kind"]] = logged.get(o["kind"], 0) + 1
            if not o["stack"]:
                fail(where, "outlier %s of %d ns without a stack" % (o["kind"], o["dur_ns"]))
            if o["dur_ns"] < 1000:
                fail(where, "outlier %s of %d ns, under --than 1" % (o["kind"], o["dur_ns"]))
            if o["kind"] == "l2_roundtrip" and o["reason"] != "VMCALL":
                fail(where, "round trip outlier of reason %s, want VMCALL" % o["reason"])
            frames.setdefault(o["kind"], o["stack"])
    expect(where, "top --than 1: round trips logged + dropped",
           logged["l2_roundtrip"] + dropped.get("l2_roundtrip", 0), e - 1)
    if not logged["l2_roundtrip"]:
        fail(where, "top --than 1: no round trip logged")
    for kind, st in frames.items():
        if not any(f.startswith("nested_vmx_enter_non_root_mode+") for f in st):
            fail(where, "outlier %s: nested_vmx_enter_non_root_mode not in its stack %s"
                 % (kind, st))
    return {"logged": logged, "dropped": dropped, "stacks": frames}


def saved_pct_doc(rc):
    # docs/metrics.md: an unavailable term (null: its hook is not in this
    # kernel, e.g. the series' tracepoints on base) contributes nothing;
    # with every term unavailable saved % is null too.
    terms = [rc[k] for k in ("gpc_hits", "maps", "nested_gpc_refreshes",
                             "nested_gpc_activations")]
    if all(t is None for t in terms):
        return None
    den = sum(t or 0 for t in terms)
    return 100.0 * (rc["gpc_hits"] or 0) / den if den else None


def bench_json(path):
    for line in open(path):
        if line.startswith('{"test":"vmx_nested_pfncache_bench"'):
            return json.loads(line)
    return None


def kernel_line(d):
    """VERSION.PATCHLEVEL of the boot's kernel ("6.12", "7.2"), from env.txt."""
    uname = env_vars(d).get("uname", "")
    return ".".join(uname.split(".")[:2])


def unmaps_at_free(d):
    """kvm_vcpu_unmap() calls of a VM's teardown on the patched kernel: none.
    7.2's nested_release_evmcs() (from free_nested()) unmaps the eVMCS map
    unconditionally, a no-op when nothing is mapped; the series' patch 12
    caches the eVMCS instead, so the patched 7.2 has no such call left (it
    had one per test VM before patch 12), like 6.12."""
    return 0


# Outcomes that differ by kernel line and are part of the measurement:
#   7.2's __kvm_vcpu_map() pins the page (kvm_follow_pfn() with .pin =
#   true), which memory without struct page cannot be, so the unpatched
#   7.2 fails the devmem benchmark's first nested VM-Enter with
#   KVM_EXIT_INTERNAL_ERROR.  The series' pfncaches do not pin (the MMU
#   notifier protects them), so the patched 7.2 runs it.
NOTES = []


def base_devmem_fails(kind, d, mem):
    return kind.startswith("base") and mem == "devmem" and kernel_line(d) == "7.2"


def check_bench(kind, d, mem, st, rows):
    where = "%s/%s" % (kind, mem)
    if base_devmem_fails(kind, d, mem):
        expect(where, "bench-devmem exit status (7.2 base: no pin without struct page)",
               st.get("bench-" + mem), 254)
        log = open(os.path.join(d, "bench-%s.log" % mem), errors="replace").read()
        if "got: 17 (INTERNAL_ERROR)" not in log:
            fail(where, "bench-devmem did not fail with KVM_EXIT_INTERNAL_ERROR: %s" %
                 " | ".join(log.strip().splitlines()[-2:]))
        NOTES.append("%s %s: KVM_EXIT_INTERNAL_ERROR at the first nested VM-Enter, "
                     "as expected on 7.2 (kvm_vcpu_map() pins; memory without struct "
                     "page cannot be pinned)" % (kind, mem))
        return
    for step in ("record-" + mem, "bench-" + mem):
        if st.get(step) != 0:
            fail(where, "%s exit status %s (want 0)" % (step, st.get(step)))
    paths = {n: os.path.join(d, n) for n in (
        "record-%s.json" % mem, "top-%s.jsonl" % mem,
        "bench-%s.fcount.json" % mem, "bench-%s.log" % mem,
        "bench-%s.record.log" % mem)}
    for p in paths.values():
        if not os.path.exists(p):
            fail(where, "missing %s" % os.path.basename(p))
            return
    rec = load_json(paths["record-%s.json" % mem])
    rc = record_counters(rec)
    top = top_totals(paths["top-%s.jsonl" % mem])
    fc = load_json(paths["bench-%s.fcount.json" % mem])["counts"]
    bj = bench_json(paths["bench-%s.log" % mem])
    bj_rec = bench_json(paths["bench-%s.record.log" % mem])
    if not bj or not bj_rec:
        fail(where, "benchmark printed no JSON line")
        return
    n, w = bj["n"], bj["warmup"]
    e = 1 + w + n
    pages = ["msr_bitmap", "apic_access", "virtual_apic"]
    if bj["posted_intr"]:
        pages.append("pi_desc")
    p = len(pages)
    series = rec["metadata"]["series_tracepoints"]
    attach = {a["hook"]: a["method"] for a in rec["metadata"]["attach"]}

    # The workload itself, seen by all three counters.
    expect(where, "record l2_entries", rc["l2_entries"], e)
    expect(where, "top l2_entries", top.get("l2_entries"), e)
    expect(where, "record vmcs12_pages_calls", rc["vmcs12_pages_calls"], e)
    expect(where, "top vmcs12_pages_calls", top.get("vmcs12_pages_calls"), e)
    expect(where, "fentry nested_get_vmcs12_pages", fc["nested_get_vmcs12_pages"], e)
    # fentry view of the top run = top's own counters of that run.
    expect(where, "fentry kvm_vcpu_map vs top maps", fc["kvm_vcpu_map"], top.get("maps"))
    reasons = check_reasons(where, paths["top-%s.jsonl" % mem], top, e)
    outliers = check_outliers(where, paths["top-%s.jsonl" % mem], e)

    row = {"kernel": kind, "mem": mem, "n": n, "warmup": w, "l2_entries": e,
           "pages": p, "posted_intr": bj["posted_intr"],
           "maps": rc["maps"], "unmaps": rc["unmaps"],
           "hits": rc["gpc_hits"],
           "activations": rc["nested_gpc_activations"],
           "refreshes": rc["nested_gpc_refreshes"],
           "invalidations": rc["gpc_invalidations"],
           "saved_pct": saved_pct_doc(rc),
           "record_saved_pct": rc["saved_pct"],
           "vmcs12_pages_p50_ns": record_p50(rec, "vmcs12_pages_ns"),
           "l2_roundtrip_p50_ns": record_p50(rec, "l2_roundtrip_ns"),
           "cycles_per_roundtrip": bj_rec["cycles_per_roundtrip"],
           "attach_gpc_use": attach.get("gpc_use"),
           "attach_vmcs12_pages": attach.get("vmcs12_pages"),
           "top": {k: top.get(k) for k in ("maps", "unmaps", "gpc_hits",
                                           "gpc_activations", "gpc_refreshes",
                                           "gpc_invalidations", "vmcs12_pages_calls")},
           "reasons": reasons,
           "outliers": outliers,
           "fentry": fc}
    rows.append(row)

    # One saved %: record's value is the docs/metrics.md definition.
    rs = rc["saved_pct"]
    sd = saved_pct_doc(rc)
    if (rs is None) != (sd is None) or (sd is not None and abs(rs - sd) > 1e-9):
        fail(where, "record saved_pct = %s, want %s (docs/metrics.md)" % (rs, sd))

    # Nested maps/unmaps split by page kind (the lab kernels have vcpu_vmx
    # in BTF, so the core can tell the kind): on base every enabled page is
    # mapped and unmapped once per L2 entry, on patched never; each map and
    # unmap is also one sample of its kind's duration histogram.
    hcount = {m["name"]: sum(c for _, c in m["runs"][0]["slots"])
              for m in rec["metrics"]}
    for pk in KINDS + ["unknown"]:
        want = e if kind == "base" and pk in pages else 0
        for c in ("maps", "unmaps"):
            expect(where, "record %s.%s" % (c, pk), rc.get("%s.%s" % (c, pk)), want)
        if pk != "unknown":
            for h in ("nested_map_ns", "nested_unmap_ns"):
                expect(where, "record %s.%s samples" % (h, pk),
                       hcount.get("%s.%s" % (h, pk)), want)
    for h, c in (("nested_map_ns", "maps"), ("nested_unmap_ns", "unmaps")):
        expect(where, "record %s samples" % h, hcount.get(h), rc[c])

    if kind == "base":
        # Every nested VM-entry maps each enabled L1 page and every exit to
        # L1 unmaps it; no pfncache is involved.
        for src, maps, unmaps in (("record", rc["maps"], rc["unmaps"]),
                                  ("top", top.get("maps"), top.get("unmaps"))):
            expect(where, src + " maps", maps, p * e)
            expect(where, src + " unmaps", unmaps, p * e)
        # No series: no hit tracepoint, so hits are unavailable (null),
        # never 0, in record as in top.
        expect(where, "record gpc_hits", rc["gpc_hits"], None)
        # Without the series there is no hit tracepoint (top reports null);
        # the hits are 0 because no cache is ever activated or refreshed
        # (fentry on kvm_gpc_activate/kvm_gpc_refresh).
        if top.get("gpc_hits") not in (0, None):
            fail(where, "top gpc_hits = %s, want 0" % top.get("gpc_hits"))
        expect(where, "top gpc_activations", top.get("gpc_activations"), 0)
        expect(where, "top gpc_refreshes", top.get("gpc_refreshes"), 0)
        expect(where, "fentry kvm_gpc_activate", fc["kvm_gpc_activate"], 0)
        expect(where, "fentry kvm_gpc_refresh", fc["kvm_gpc_refresh"], 0)
        expect(where, "fentry kvm_gpc_check", fc["kvm_gpc_check"], 0)
        return

    # Patched kernel.
    if not series:
        fail(where, "series tracepoints not found in the patched kernel's BTF")
        return
    expect(where, "record maps", rc["maps"], 0)
    expect(where, "record unmaps", rc["unmaps"], 0)
    expect(where, "top maps", top.get("maps"), 0)
    expect(where, "top unmaps", top.get("unmaps"), 0)
    expect(where, "record gpc_invalidations", rc["gpc_invalidations"], 0)
    expect(where, "record nested_gpc_refreshes", rc["nested_gpc_refreshes"], 0)
    # Patch 14's counters: nothing refreshes an active cache, and the
    # benchmark unmaps its memslot only after the VM is gone (no kick).
    for c in STALE_COUNTERS + ("gpc_kicks", "gpc_kick_events"):
        expect(where, "record " + c, rc.get(c, "missing"), 0)
    for pk in KINDS:
        want_act = 1 if pk in pages else 0
        expect(where, "record nested_gpc_activations." + pk,
               rc["nested_gpc_activations." + pk], want_act)
        uses = sum(fc["tp_gpc_use.%s.%s" % (pk, o)]
                   for o in ("hit", "refresh", "activate", "error"))
        act = fc["tp_gpc_use.%s.activate" % pk]
        expect(where, "tracepoint activations of " + pk, act, want_act)
        expect(where, "tracepoint hits of %s (= uses %d - activations %d)" % (pk, uses, act),
               fc["tp_gpc_use.%s.hit" % pk], uses - act)
        if pk in ("msr_bitmap", "apic_access"):
            # Used exactly once per nested VM-entry.
            expect(where, "uses of " + pk, uses, e)
            expect(where, "record gpc_hits." + pk, rc["gpc_hits." + pk], e - 1)
        elif pk == "virtual_apic":
            if bj["posted_intr"]:
                # has_events()/check_events() also read the page (they
                # need virtual-interrupt delivery, which L1 enables only
                # together with posted interrupts).
                if uses < e:
                    fail(where, "uses of virtual_apic = %d < L2 entries %d" % (uses, e))
            else:
                expect(where, "uses of virtual_apic (no posted interrupts)", uses, e)
        elif pk == "pi_desc":
            expect(where, "uses of pi_desc", uses, e if bj["posted_intr"] else 0)
        else:
            # No eVMCS in this run (lab.sh contexts runs the eVMCS mode).
            expect(where, "uses of " + pk, uses, 0)
    expect(where, "record gpc_hits (all kinds)", rc["gpc_hits"],
           sum(rc["gpc_hits." + pk] for pk in KINDS))
    if n < 1000:
        fail(where, "N = %d < 1000: saved %% is asserted at N >= 1000" % n)
    # saved % as docs/metrics.md defines it: a refresh or (re)activation
    # maps the page again, so it counts like a map.
    if saved_pct_doc(rc) is None or saved_pct_doc(rc) < 95:
        fail(where, "saved %% = %s, want >= 95" % saved_pct_doc(rc))
    # The series' tracepoints against the fentry view of the same run.
    expect(where, "tp pfncache_refresh(activate) vs fentry kvm_gpc_activate",
           fc["tp_pfncache_refresh_activate"], fc["kvm_gpc_activate"])
    expect(where, "tp pfncache_refresh(refresh) vs fentry kvm_gpc_refresh",
           fc["tp_pfncache_refresh"], fc["kvm_gpc_refresh"])
    tp_maps = sum(fc["tp_gpc_use.%s.%s" % (pk, o)] for pk in KINDS
                  for o in ("refresh", "activate"))
    expect(where, "tp gpc_use refresh+activate vs fentry kvm_gpc_activate+kvm_gpc_refresh",
           tp_maps, fc["kvm_gpc_activate"] + fc["kvm_gpc_refresh"])
    tp_hits = sum(fc["tp_gpc_use.%s.hit" % pk] for pk in KINDS)
    expect(where, "top gpc_hits vs raw_tp hits", top.get("gpc_hits"), tp_hits)
    expect(where, "top gpc_activations vs fentry kvm_gpc_activate",
           top.get("gpc_activations"), fc["kvm_gpc_activate"])
    expect(where, "record gpc_hits vs top gpc_hits (two runs of one workload)",
           rc["gpc_hits"], top.get("gpc_hits"))
    # No invalidation is induced: no refresh, no reload, no map left.
    expect(where, "top gpc_refreshes", top.get("gpc_refreshes"), 0)
    expect(where, "top gpc_invalidations", top.get("gpc_invalidations"), 0)
    expect(where, "top reloads", top.get("reloads"), 0)
    expect(where, "record reloads", rc["reloads"], 0)
    expect(where, "fentry kvm_vcpu_unmap", fc["kvm_vcpu_unmap"], unmaps_at_free(d))
    expect(where, "tp pfncache_invalidate", fc["tp_pfncache_invalidate"], 0)
    expect(where, "tp nested_state_reload vs fexit vmx_is_nested_state_invalid = true",
           fc["tp_nested_state_reload"], fc["vmx_is_nested_state_invalid_true"])
    expect(where, "tp nested_state_reload", fc["tp_nested_state_reload"], 0)
    expect(where, "fentry kvm_gpc_check vs tp gpc_use (hit+error+2*(refresh+activate))",
           fc["kvm_gpc_check"], gpc_checks(fc))


# What each step of vmx_apic_cache_invalidation_test (patch 6) makes KVM do
# on the patched kernel, by the step name it prints:
#   vmresume  nested VM-entries L1 makes in the step (VMCALL round trip);
#   reload    KVM_REQ_GET_NESTED_STATE_PAGES reloads: the virtual-APIC page
#             is invalidated (MMU notifier) while the vCPU is loaded in L2;
#   inval     MMU-notifier invalidations of a valid cache (MADV_DONTNEED,
#             munmap of the deleted memslot);
#   slot      memslot changes: every cache sees a new generation and is
#             refreshed at the next nested_get_vmcs12_pages();
#   vapic     the virtual-APIC page's backing changes: one more refresh of
#             virtual_apic_cache.
INVAL_STEPS = {
    "initial page": dict(vmresume=1, reload=0, inval=0, slot=0, vapic=0),
    "write through the host mapping": dict(vmresume=1, reload=0, inval=0, slot=0, vapic=0),
    "MADV_DONTNEED, new page": dict(vmresume=1, reload=1, inval=1, slot=0, vapic=1),
    "memslot deleted and re-added": dict(vmresume=1, reload=1, inval=1, slot=1, vapic=1),
    "memslot moved, new memslot at the GPA": dict(vmresume=1, reload=0, inval=0, slot=1, vapic=1),
    # Needs 2 CPUs (the lab's Bochs has one): L2 spins, the invalidation
    # kicks it out, one reload, no VMCALL round trip.
    "MADV_DONTNEED while L2 runs": dict(vmresume=0, reload=1, inval=1, slot=0, vapic=1),
}
INVAL_PAGES = ["msr_bitmap", "apic_access", "virtual_apic"]


def inval_steps(log):
    """Names of the steps vmx_apic_cache_invalidation_test ran (skipped
    steps excluded), from its pr_info() lines; None if one is unknown."""
    steps = []
    for line in log.splitlines():
        name = line[:40].rstrip()
        rest = line[40:].strip()
        if name in INVAL_STEPS and rest.startswith("CR8 now"):
            steps.append(name)
        elif "CR8 now" in line:
            return None
    return steps


def gpc_checks(fc):
    """kvm_gpc_check() calls that the kvm_nested_gpc_use outcomes imply:
    a hit checks once, an activation or refresh checks, (re)activates and
    checks again, an error checks once.  No other cache is checked in the
    lab's VMs (no kvmclock, no Xen)."""
    return sum(fc["tp_gpc_use.%s.hit" % pk] + fc["tp_gpc_use.%s.error" % pk] +
               2 * (fc["tp_gpc_use.%s.refresh" % pk] + fc["tp_gpc_use.%s.activate" % pk])
               for pk in KINDS)


def check_inval_counts(where, log, fc, unmaps=0):
    """Exact counts of the invalidation selftest on the patched kernel.
    Activations are 1 per page kind; re-activations (refresh outcomes)
    equal the invalidations and memslot changes the test induces."""
    steps = inval_steps(log)
    if steps is None:
        fail(where, "unknown step in the test log: extend INVAL_STEPS")
        return
    tot = {k: sum(INVAL_STEPS[s][k] for s in steps)
           for k in ("vmresume", "reload", "inval", "slot", "vapic")}
    check_gpc_counts(where, tot, fc, unmaps)


def check_gpc_counts(where, tot, fc, unmaps=0):
    """Exact counts of a selftest that made KVM do TOT (INVAL_STEPS keys,
    summed) after its VMLAUNCH, on the patched kernel; UNMAPS is
    unmaps_at_free() of the boot."""
    # VMLAUNCH and the nested VM-entries of the steps run all of
    # nested_get_vmcs12_pages(); a reload after an invalidation reloads
    # only the cached pages (nested_get_vmcs12_cached_pages(), v2 of the
    # series: issue 13, bug 2), so it neither calls it nor uses the MSR
    # bitmap.
    calls = 1 + tot["vmresume"]
    expect(where, "fentry nested_get_vmcs12_pages", fc["nested_get_vmcs12_pages"], calls)
    expect(where, "fexit vmx_is_nested_state_invalid = true",
           fc["vmx_is_nested_state_invalid_true"], tot["reload"])
    expect(where, "tp nested_state_reload", fc["tp_nested_state_reload"], tot["reload"])
    refresh = {"msr_bitmap": tot["slot"], "apic_access": tot["slot"],
               "virtual_apic": tot["vapic"], "pi_desc": 0, "evmcs": 0}
    for pk in KINDS:
        used = pk in INVAL_PAGES
        o = {x: fc["tp_gpc_use.%s.%s" % (pk, x)]
             for x in ("hit", "refresh", "activate", "error")}
        expect(where, "tracepoint activations of " + pk, o["activate"], 1 if used else 0)
        expect(where, "tracepoint re-activations (refresh) of " + pk,
               o["refresh"], refresh[pk])
        expect(where, "tracepoint errors of " + pk, o["error"], 0)
        # No virtual-interrupt delivery in the test: only the nested
        # VM-entries use the pages, and the reloads the cached ones.
        uses = calls + (tot["reload"] if pk != "msr_bitmap" else 0)
        expect(where, "tracepoint uses of " + pk, sum(o.values()), uses if used else 0)
        expect(where, "tracepoint hits of %s (= uses - activations - refreshes)" % pk,
               o["hit"], (uses - 1 - refresh[pk]) if used else 0)
    # Induced invalidations, plus the munmap of each still-valid cache's
    # memslot when the test frees the VM (kvm_vm_free() deletes the slots).
    expect(where, "tp pfncache_invalidate", fc["tp_pfncache_invalidate"],
           tot["inval"] + len(INVAL_PAGES))
    # Patch 14: why each refresh or re-activation happened.  The notifier
    # invalidates only the virtual-APIC page in the steps (one per "inval"),
    # so its refresh is "invalid"; every other one follows a memslot change
    # that left the cache valid (a new generation).
    stale = {c: fc["tp_pfncache_stale." + c]
             for c in ("invalid", "memslot", "retarget", "valid")}
    expect(where, "tp pfncache_stale invalid", stale["invalid"], tot["inval"])
    expect(where, "tp pfncache_stale memslot", stale["memslot"],
           2 * tot["slot"] + tot["vapic"] - tot["inval"])
    expect(where, "tp pfncache_stale retarget", stale["retarget"], 0)
    expect(where, "tp pfncache_stale valid", stale["valid"], 0)
    expect(where, "tp pfncache_stale (all causes) vs re-activations",
           sum(stale.values()), sum(refresh.values()))
    # The vCPU is kicked once per induced invalidation (the virtual-APIC
    # cache is bound to it; the MSR bitmap's is not), and twice when the
    # test frees the VM: kvm_vm_free() munmaps each memslot on its own,
    # and two hold a bound cache, memslot 0 (the APIC-access page; the
    # MSR bitmap is there too) and the virtual-APIC page's own memslot.
    # The VM has one vCPU.
    expect(where, "tp pfncache_kick", fc["tp_pfncache_kick"], tot["inval"] + 2)
    expect(where, "tp pfncache_kick vCPUs (one per kick)",
           fc["tp_pfncache_kick.vcpus"], fc["tp_pfncache_kick"])
    # The tracepoints against the fentry view.
    act = 3 + 2 * tot["slot"] + tot["vapic"]
    expect(where, "fentry kvm_gpc_activate", fc["kvm_gpc_activate"], act)
    expect(where, "tp pfncache_refresh(activate) vs fentry kvm_gpc_activate",
           fc["tp_pfncache_refresh_activate"], fc["kvm_gpc_activate"])
    expect(where, "tp pfncache_refresh(refresh) vs fentry kvm_gpc_refresh",
           fc["tp_pfncache_refresh"], fc["kvm_gpc_refresh"])
    expect(where, "fentry kvm_gpc_refresh", fc["kvm_gpc_refresh"], 0)
    expect(where, "fentry kvm_vcpu_map", fc["kvm_vcpu_map"], 0)
    expect(where, "fentry kvm_vcpu_unmap", fc["kvm_vcpu_unmap"], unmaps)
    expect(where, "fentry kvm_gpc_check vs tp gpc_use (hit+error+2*(refresh+activate))",
           fc["kvm_gpc_check"], gpc_checks(fc))


CONCURRENT_STEP = "MADV_DONTNEED while L2 runs"


def env_vars(d):
    res = {}
    p = os.path.join(d, "env.txt")
    if os.path.exists(p):
        for line in open(p):
            k, sep, v = line.rstrip("\n").partition("=")
            if sep:
                res[k] = v
    return res


def concurrent_step(log):
    """What the concurrent step printed: ("ran", line), ("skipped", line)
    or (None, None) if the test stopped before it."""
    for line in log.splitlines():
        if line[:40].rstrip() == CONCURRENT_STEP:
            rest = line[40:].strip()
            return ("ran" if rest.startswith("CR8 now") else "skipped"), line.strip()
    return None, None


def inval_result(kind, d, st):
    """Exit status, failure reason, fcount view and concurrent step of the
    invalidation selftest in OUTDIR/KIND (None if it did not run)."""
    if "vmx_apic_cache_invalidation_test" not in st:
        return None
    rc = st["vmx_apic_cache_invalidation_test"]
    log = open(os.path.join(d, "vmx_apic_cache_invalidation_test.log")).read()
    fcp = os.path.join(d, "vmx_apic_cache_invalidation_test.fcount.json")
    fci = load_json(fcp)["counts"] if os.path.exists(fcp) else {}
    reason = [l.strip() for l in log.splitlines() if "want" in l and "L2 read" in l]
    conc, conc_line = concurrent_step(log)
    return {"kernel": kind, "exit": rc, "failure": reason[0] if reason else None,
            "fentry": fci, "cpus": env_vars(d).get("cpus"),
            "steps": inval_steps(log), "concurrent_step": conc,
            "concurrent_line": conc_line, "log": log}


def check_inval(kind, d, st, inval):
    """The invalidation selftest of one boot: exact counts on the patched
    kernel, recorded (not asserted) on base."""
    res = inval_result(kind, d, st)
    if res is None:
        if kind.startswith("patched") or kind.endswith("-2cpu"):
            fail(kind, "vmx_apic_cache_invalidation_test did not run")
        return
    log = res.pop("log")
    inval.append(res)
    if kind.endswith("-2cpu") and res["cpus"] != "2":
        fail(kind, "guest has %s CPUs, want 2" % res["cpus"])
    if not kind.startswith("patched"):
        return
    rc = res["exit"]
    if rc != 0:
        fail(kind, "vmx_apic_cache_invalidation_test exit status %d (want 0): %s" %
             (rc, res["failure"] or log.strip().splitlines()[-1:]))
        return
    if kind.endswith("-2cpu") and res["concurrent_step"] != "ran":
        fail(kind, "vmx_apic_cache_invalidation_test: the concurrent step did not run "
             "on 2 CPUs (%s)" % res["concurrent_line"])
    if not res["fentry"]:
        fail(kind, "vmx_apic_cache_invalidation_test: no fentry counts")
    else:
        check_inval_counts(kind + "/vmx_apic_cache_invalidation_test", log, res["fentry"],
                           unmaps_at_free(d))
        if not kind.endswith("-2cpu"):  # those boots carry no tools
            res["outliers"] = check_slow_outliers(
                kind + "/vmx_apic_cache_invalidation_test",
                os.path.join(d, "vmx_apic_cache_invalidation_test.top.jsonl"),
                res["fentry"])


def slow_stack_ok(stack):
    """The stack of a nested_get_vmcs12_pages outlier, taken by the fexit
    program: the function has returned, and the trampoline that called it
    stands in its place, below its caller.  The lab kernels unwind with
    UNWINDER_GUESS, so a stale return address into the function itself
    may show too (it does on 6.12, not on 7.2)."""
    if any(f.startswith("nested_get_vmcs12_pages+") for f in stack):
        return True
    return (any(f.startswith("bpf_trampoline_") for f in stack) and
            any(f.startswith("nested_vmx_enter_non_root_mode+") for f in stack))


def check_slow_outliers(where, path, fc):
    """nvmx-gpc-top --than 1 over the invalidation selftest: the
    invalidations force nested_get_vmcs12_pages() onto the slow path (a
    pfncache refresh instead of a hit), which takes more than 1 us of
    emulated time, so every such call is an outlier flagged slow_path,
    as many as fcount's independent count of slow calls, each with a
    stack of that call (slow_stack_ok()).  Nothing may be dropped (the
    test makes few round trips)."""
    if not os.path.exists(path):
        fail(where, "no nvmx-gpc-top --than output")
        return None
    slow, stacks, dropped = 0, [], {}
    for obj in top_intervals(path):
        dropped = obj.get("outliers_dropped", dropped)
        for o in obj.get("outliers", []):
            if o["kind"] != "vmcs12_pages" or not o["slow_path"]:
                continue
            slow += 1
            stacks.append(o["stack"])
            if not slow_stack_ok(o["stack"]):
                fail(where, "slow outlier without nested_get_vmcs12_pages in its stack %s"
                     % o["stack"][:8])
    expect(where, "outliers dropped", dropped, {"l2_roundtrip": 0, "vmcs12_pages": 0})
    expect(where, "slow-path outliers = fcount's slow nested_get_vmcs12_pages calls",
           slow, fc.get("nested_get_vmcs12_pages_slow"))
    if not slow:
        fail(where, "no slow-path outlier: the invalidations forced none")
    return {"slow": slow, "stack": stacks[0][:8] if stacks else None}


# Kernel splats that fail any lab boot: WARN/BUG, lockdep, might_sleep,
# KASAN/KFENCE, list debugging, oopses, stalls (docs/lab.md, "Splats").
SPLAT = re.compile(r"WARNING: CPU: |BUG: |possible recursive locking|"
                   r"possible circular locking|inconsistent lock state|"
                   r"sleeping function called from invalid context|"
                   r"KASAN: |KFENCE: |list_(add|del) corruption|Oops: |"
                   r"Call Trace:|rcu: INFO: .*detected stall|"
                   r"INFO: task .* blocked for more than")


def splats(d):
    """Splat lines of the boot's dmesg (None if there is no dmesg)."""
    p = os.path.join(d, "dmesg.txt")
    if not os.path.exists(p):
        return None
    return [l.strip() for l in open(p, errors="replace") if SPLAT.search(l)]


def check_splats(kind, d):
    found = splats(d)
    if found is None:
        fail(kind, "no dmesg.txt: cannot check for kernel splats")
    elif found:
        fail(kind, "%d kernel splat line(s) in dmesg, first: %s" % (len(found), found[0]))


# vmx_pae_l2_reload_test (patch 7): VMLAUNCH of a 32-bit PAE L2, then one
# MADV_DONTNEED of the virtual-APIC page while the vCPU is in L2 (one
# reload of the cached pages, which must not re-read the PDPTEs), then
# VMCALL to L1, which ends the test: no nested VM-entry after VMLAUNCH.
PAE_TEST = "vmx_pae_l2_reload_test"
PAE_COUNTS = dict(vmresume=0, reload=1, inval=1, slot=0, vapic=1)


def check_pae(kind, d, st):
    """The PAE L2 reload selftest passes on base and patched (on v1 of the
    series it failed: issue 13, bug 2), with exact counts on patched."""
    if PAE_TEST not in st:
        if kind.startswith("patched"):
            fail(kind, PAE_TEST + " did not run")
        return
    log = open(os.path.join(d, PAE_TEST + ".log"), errors="replace").read()
    if st[PAE_TEST] != 0:
        fail(kind, "%s exit status %d (want 0): %s" % (
            PAE_TEST, st[PAE_TEST], " | ".join(log.strip().splitlines()[-3:])))
        return
    if not kind.startswith("patched"):
        return
    fc = load_json(os.path.join(d, PAE_TEST + ".fcount.json"))["counts"]
    check_gpc_counts(kind + "/" + PAE_TEST, PAE_COUNTS, fc, unmaps_at_free(d))


def check_kind(kind, d, rows, inval):
    check_splats(kind, d)
    st = tests_status(d)
    if kind.endswith("-2cpu"):
        # Two-CPU boot: only the invalidation selftest runs there.
        check_inval(kind, d, st, inval)
        return
    rc = st.get("vmx_apic_access_test")
    if rc != 0:
        fail(kind, "vmx_apic_access_test exit status %s (want 0)" % rc)
    c = load_json(os.path.join(d, "vmx_apic_access_test.fcount.json"))["counts"]
    if not c.get("nested_get_vmcs12_pages"):
        fail(kind, "fentry saw no nested_get_vmcs12_pages call in vmx_apic_access_test")
    check_inval(kind, d, st, inval)
    check_pae(kind, d, st)
    for mem in ("anon", "devmem"):
        check_bench(kind, d, mem, st, rows)


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, float):
        return "%.1f" % v
    return str(v)


def upstream_result(rc):
    return {0: "pass", 4: "skip", 124: "timeout", 143: "timeout"}.get(rc, "fail")


def upstream_main(out, boots):
    """lab.sh upstream: every upstream nested selftest gives the same
    result on base and patched, and neither boot has a kernel splat."""
    res = {}
    for boot in boots:
        d = os.path.join(out, boot)
        check_splats(boot, d)
        p = os.path.join(d, "upstream.txt")
        if not os.path.exists(p):
            fail(boot, "no upstream.txt: the upstream selftests did not run")
            continue
        res[boot] = {}
        for line in open(p):
            name, rc, secs = line.split()
            res[boot][name] = (int(rc), secs)
    names = []
    for boot in boots:
        for n in res.get(boot, {}):
            if n not in names:
                names.append(n)
    lines = ["| test | " + " | ".join(boots) + " |", "|---|" + "---|" * len(boots)]
    for n in names:
        cells = []
        for boot in boots:
            r = res.get(boot, {}).get(n)
            cells.append("%s (exit %d, %s s)" % (upstream_result(r[0]), r[0], r[1])
                         if r else "did not run")
        lines.append("| %s | %s |" % (n, " | ".join(cells)))
        got = set(upstream_result(res[b][n][0]) if n in res.get(b, {}) else None
                  for b in boots)
        if len(got) != 1:
            fail(n, "different results: " + ", ".join(
                "%s %s" % (b, c) for b, c in zip(boots, cells)))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    write_outputs(out, [("upstream.md", text)])
    finish("lab: upstream selftests: the same result on %s (%d tests)" %
           (" and ".join(boots), len(names)))


# Patch 14's refresh causes, as record counts them.
STALE_COUNTERS = ("gpc_stale_invalid", "gpc_stale_memslot",
                  "gpc_stale_retarget", "gpc_stale_valid")


def contexts_expected(k, m, n, p, bound):
    """Counts of the benchmark with K vmcs12s and a VMPTRLD every M round
    trips, no warm-up, on a kernel with BOUND nested contexts per vCPU (1:
    one set of caches per vCPU, also a patched kernel without the contexts
    patch).  L1 launches each vmcs12 once (K entries), then resumes N
    times.  With K <= BOUND every vmcs12 keeps its own context: P
    activations at its launch, then every entry hits all P caches.  With
    K > BOUND, round-robin over K vmcs12s always finds its next vmcs12
    evicted by LRU: every switch (ceil(N/M) of them, the first included,
    because the setup leaves vmcs12 K-1 current) recycles a context and
    activates each of its P caches again."""
    e = k + n
    switches = 0 if k <= bound else -(-n // m)
    return {"l2_entries": e, "maps": p * e, "hits": p * (n - switches),
            "activations": p * (k + switches)}


def evmcs_loads(k, m, n):
    """eVMCS changes that KVM sees in the benchmark's eVMCS mode (-E): each
    of the K launches, then, with K > 1, every switch (ceil(N/M)).  Without
    patch 12 (the base), each change maps the new eVMCS with kvm_vcpu_map()
    and unmaps the old one; the last one is unmapped when the VM is freed."""
    return k + (-(-n // m) if k > 1 else 0)


def contexts_ops(k, m, n, bound):
    """Nested context operations (patch 10's kvm_nested_context events) of
    the same run, by replaying patch 9's table: L1 makes vmcs12 0..K-1
    current once each at launch, then, with K > 1, VMPTRLDs the next
    vmcs12 round-robin before every M round trips (ceil(N/M) times).  KVM
    loads a context only when the VMPTR changes.  A load finds the context
    that holds the VMPTR (reuse, unless it is the current one), else takes
    the least recently used (first on a tie): fill if it held nothing,
    recycle otherwise.  Freeing the nested state at the end evicts every
    context that holds a vmcs12."""
    ops = {"reuse": 0, "fill": 0, "recycle": 0, "evict": 0}
    table = [[None, 0] for _ in range(bound)]	# [vmptr, last_used]
    cur, clock, vmptr = 0, 0, None
    seq = list(range(k))
    if k > 1:
        seq += [i % k for i in range(-(-n // m))]
    for v in seq:
        if v == vmptr:
            continue
        vmptr = v
        hit = [i for i, c in enumerate(table) if c[0] == v]
        if hit:
            i = hit[0]
            if i != cur:
                ops["reuse"] += 1
        else:
            i = min(range(bound), key=lambda j: (table[j][1], j))
            ops["recycle" if table[i][0] is not None else "fill"] += 1
            table[i][0] = v
        clock += 1
        table[i][1] = clock
        cur = i
    ops["evict"] = sum(1 for c in table if c[0] is not None)
    return ops


def contexts_bound(d):
    """kvm_intel.nested_contexts of the boot: 1 when the kernel has no such
    parameter (one set of caches per vCPU)."""
    v = env_vars(d).get("kvm_intel.nested_contexts", "missing")
    return int(v) if v.isdigit() else 1


def contexts_main(out, boots):
    """lab.sh contexts: the K x M matrix on base, on patched with one
    context per vCPU and on patched with nested contexts, exact."""
    table = {}
    labels = []
    for boot in boots:
        d = os.path.join(out, boot)
        kind = "base" if boot.endswith("-base") else "patched"
        check_splats(boot, d)
        st = tests_status(d)
        if not st:
            fail(boot, "no tests.txt: the benchmark did not run")
            continue
        bound = contexts_bound(d)
        label = kind if kind == "base" else "patched B=%d" % bound
        labels.append(label)
        for name in st:
            parts = name.split("-")[1:]
            evmcs = parts[2:] == ["e"]
            k, m = (int(x[1:]) for x in parts[:2])
            where = "%s K=%d M=%d%s" % (label, k, m, " eVMCS" if evmcs else "")
            if st[name] != 0:
                fail(where, "exit status %d (want 0)" % st[name])
                continue
            rec = load_json(os.path.join(d, name + ".json"))
            rc = record_counters(rec)
            bj = bench_json(os.path.join(d, name + ".log"))
            if not bj:
                fail(where, "benchmark printed no JSON line")
                continue
            expect(where, "vmcs12s", bj.get("vmcs12s"), k)
            expect(where, "switch_every", bj.get("switch_every"), m)
            expect(where, "warmup", bj["warmup"], 0)
            expect(where, "evmcs", bj.get("evmcs"), evmcs)
            # Pages per vmcs12 in the nested bracket: eVMCS v1 has no
            # APIC-access page (nor posted interrupts), and the eVMCS is
            # mapped outside nested_get_vmcs12_pages().  Patch 12 caches
            # the eVMCS in the context too: one more cache per context,
            # used on every nested VM-Enter.
            if evmcs:
                p_map, p = 2, 3
            else:
                p_map = p = 4 if bj["posted_intr"] else 3
            x = contexts_expected(k, m, bj["n"], p, bound)
            x["maps"] = p_map * x["l2_entries"]
            expect(where, "record l2_entries", rc["l2_entries"], x["l2_entries"])
            expect(where, "record vmcs12_pages_calls", rc["vmcs12_pages_calls"],
                   x["l2_entries"])
            # Patch 11: the vCPU stats through the binary stats fd (null
            # on a kernel without them), exactly what LRU replay predicts.
            ops = contexts_ops(k, m, bj["n"], bound)
            for stat, op in (("nested_context_reuse", "reuse"),
                             ("nested_context_recycle", "recycle")):
                expect(where, "vCPU stat " + stat, bj.get(stat, "missing"),
                       None if kind == "base" else ops[op])
            # Patch 10's kvm_nested_context events as record counts them:
            # the same replay, so reuse and recycle also equal the stats.
            # Every context filled is evicted when the VM is freed.
            for op in ("reuse", "fill", "recycle", "evict"):
                expect(where, "record ctx_" + op, rc.get("ctx_" + op, "missing"),
                       None if kind == "base" else ops[op])
            expect(where, "record ctx_live", rc.get("ctx_live", "missing"),
                   None if kind == "base" else 0)
            # Patch 14: a recycled context's P caches are activated again
            # for the new vmcs12's pages (retarget); nothing else refreshes
            # an active cache, and no invalidation kicks the vCPU.
            for c in STALE_COUNTERS + ("gpc_kicks", "gpc_kick_events"):
                want = 0
                if kind == "base":
                    want = None
                elif c == "gpc_stale_retarget":
                    want = p * ops["recycle"]
                expect(where, "record " + c, rc.get(c, "missing"), want)
            if evmcs:
                # The eVMCS maps are the vCPU's only maps outside the
                # nested bracket; patch 12 leaves no kvm_vcpu_map() at all.
                ev = evmcs_loads(k, m, bj["n"]) if kind == "base" else 0
                expect(where, "record vcpu_maps", rc["vcpu_maps"],
                       x["maps"] + ev if kind == "base" else 0)
                expect(where, "record vcpu_unmaps", rc["vcpu_unmaps"],
                       x["maps"] + ev if kind == "base" else 0)
            if kind == "base":
                expect(where, "record maps", rc["maps"], x["maps"])
                # free_nested(), in the nested bracket, also unmaps the
                # last eVMCS (unmaps.evmcs).
                expect(where, "record unmaps", rc["unmaps"],
                       x["maps"] + (1 if evmcs else 0))
                expect(where, "record gpc_hits", rc["gpc_hits"], None)
            else:
                expect(where, "record maps", rc["maps"], 0)
                expect(where, "record unmaps", rc["unmaps"], 0)
                expect(where, "record gpc_hits", rc["gpc_hits"], x["hits"])
                expect(where, "record nested_gpc_activations",
                       rc["nested_gpc_activations"], x["activations"])
                expect(where, "record nested_gpc_refreshes",
                       rc["nested_gpc_refreshes"], 0)
                expect(where, "record gpc_invalidations", rc["gpc_invalidations"], 0)
                sd = saved_pct_doc(rc)
                if sd is None or rc["saved_pct"] is None or \
                   abs(rc["saved_pct"] - sd) > 1e-9:
                    fail(where, "record saved_pct = %s, want %s" % (rc["saved_pct"], sd))
                # Issue 14: one set per vCPU saves nothing when L1 switches
                # on every round trip; contexts save >= 99 % up to the bound.
                if m == 1 and k > bound and rc["saved_pct"] != 0:
                    fail(where, "saved %% = %s, want 0" % rc["saved_pct"])
                if k <= bound and bj["n"] >= 1000 and \
                   (rc["saved_pct"] is None or rc["saved_pct"] < 99):
                    fail(where, "saved %% = %s, want >= 99" % rc["saved_pct"])
            table.setdefault((k, m, evmcs), {})[label] = {
                "n": bj["n"], "maps": rc["maps"], "hits": rc["gpc_hits"],
                "activations": rc["nested_gpc_activations"],
                "saved_pct": rc["saved_pct"],
                "ctx_reuse": rc.get("ctx_reuse"),
                "ctx_recycle": rc.get("ctx_recycle"),
                "vmcs12_pages_p50_ns": record_p50(rec, "vmcs12_pages_ns"),
                "vcpu_maps": rc["vcpu_maps"],
                "cycles_per_roundtrip": bj["cycles_per_roundtrip"]}
    hdr = ["K", "M", "VMCS", "N", "base maps (all)", "base L1 cycles/rt"]
    patched = [lb for lb in labels if lb != "base"]
    for lb in patched:
        hdr += ["%s hits" % lb, "%s activations" % lb,
                "%s ctx reuse/recycle" % lb, "%s saved %%" % lb,
                "%s L1 cycles/rt" % lb, "%s / base cycles" % lb]
    lines = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    for (k, m, ev) in sorted(table, key=lambda kme: (kme[2], kme[1], kme[0])):
        r = table[(k, m, ev)]
        b = r.get("base", {})
        maps = b.get("maps")
        if maps is not None and b.get("vcpu_maps") != maps:
            maps = "%s (%s)" % (maps, b.get("vcpu_maps"))
        cells = [k, m, "eVMCS" if ev else "vmcs12",
                 next(iter(r.values())).get("n"), maps,
                 b.get("cycles_per_roundtrip")]
        for lb in patched:
            pt = r.get(lb, {})
            sp = pt.get("saved_pct")
            ratio = None
            if b.get("cycles_per_roundtrip") and pt.get("cycles_per_roundtrip"):
                ratio = "%.3f" % (pt["cycles_per_roundtrip"] / b["cycles_per_roundtrip"])
            cells += [pt.get("hits"), pt.get("activations"),
                      "%s/%s" % (fmt(pt.get("ctx_reuse")), fmt(pt.get("ctx_recycle"))),
                      None if sp is None else "%.2f" % sp,
                      pt.get("cycles_per_roundtrip"), ratio]
        lines.append("| " + " | ".join(fmt(v) for v in cells) + " |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    write_outputs(out, [("contexts.md", text),
                        ("contexts.json", json.dumps(
                            {"%d:%d%s" % (k, m, ":e" if ev else ""): v
                             for (k, m, ev), v in table.items()},
                            indent=1, sort_keys=True) + "\n")])
    finish("lab: contexts: all assertions passed (%s, %d configurations)" %
           (", ".join(boots), len(table)))

# lab.sh cost: a mode is TOOL[-counts][-noreasons]; each is compared with
# the full TOOL; issue 16's goal per mode (cost vs none, %): 1 % counting
# only, 3 % with latencies.
def cost_full(mode):
    """The full tool a mode is a cut of (None for none and the full ones)."""
    tool = mode.split("-")[0]
    return tool if mode != tool and tool in ("top", "record") else None


def cost_goal(mode):
    if mode.split("-")[0] not in ("top", "record"):
        return None
    return 1.0 if "-counts" in mode else 3.0
# Counters the workload alone fixes (check_bench asserts them): the same
# in every run of one boot, counting only or not.
COST_SAME = ("l2_entries", "vmcs12_pages_calls", "maps", "unmaps", "gpc_hits",
             "nested_gpc_activations", "nested_gpc_refreshes")


def cost_counts(where, d, name, mode, bj):
    """The counters of one cost run of a tool (None for none), after
    checking that it saw every L2 entry and, counting only, measured no
    latency."""
    e = 1 + bj["warmup"] + bj["n"]
    counts_only = "-counts" in mode
    if mode == "bpftrace":
        # The maps bpftrace prints on SIGINT: "@l2_entry[PID, COMM]: N".
        rcs = {}
        for line in open(os.path.join(d, name + ".bt"), errors="replace"):
            m = re.match(r"@(\w+)\[\d+, [^\]]*\]: (\d+)$", line.strip())
            if m:
                rcs[m.group(1)] = rcs.get(m.group(1), 0) + int(m.group(2))
        expect(where, "bpftrace @l2_entry", rcs.get("l2_entry"), e)
        expect(where, "bpftrace @l2_exit_inject", rcs.get("l2_exit_inject"), e)
        return {}
    if mode.startswith("record"):
        rec = load_json(os.path.join(d, name + ".json"))
        rcs = record_counters(rec)
        if counts_only:
            for m in rec["metrics"]:
                n = sum(c for _, c in m["runs"][0]["slots"])
                if n:
                    fail(where, "%s: %d latency samples counting only (want 0)" %
                         (m["name"], n))
    else:
        path = os.path.join(d, name + ".top.jsonl")
        rcs = top_totals(path)
        for line in open(path):
            if not line.strip() or "error" in json.loads(line):
                continue
            obj = json.loads(line)
            if obj.get("counts_only", False) != counts_only:
                fail(where, "interval %s: counts_only = %s, want %s" % (
                    obj["interval"], obj.get("counts_only"), counts_only))
            if counts_only and any(vm["latency_ns"] for vm in obj["vms"]):
                fail(where, "interval %s: latencies counting only" % obj["interval"])
    expect(where, "%s l2_entries" % mode, rcs.get("l2_entries"), e)
    expect(where, "%s vmcs12_pages_calls" % mode, rcs.get("vmcs12_pages_calls"), e)
    return rcs


def cost_main(out, boots):
    """lab.sh cost: L1 cycles per nested round trip of the benchmark alone
    and under each tool (full and counting only), from the emulated TSC;
    a benchmark, so it checks only that every run worked, that each tool
    saw every L2 entry, that counting only measured no latency, and that
    the workload's counters are the same in every mode."""
    rows = []
    for boot in boots:
        d = os.path.join(out, boot)
        kind = boot.replace("cost-", "")
        check_splats(boot, d)
        st = tests_status(d)
        if not st:
            fail(boot, "no tests.txt: the benchmark did not run")
            continue
        cyc = {}
        order = []
        same = {}
        for name, rc in st.items():
            # cost-MODE-REP; a mode may have a dash (top-counts)
            if not name.startswith("cost-"):
                continue
            mode, rep = name[len("cost-"):].rsplit("-", 1)
            where = "%s %s run %s" % (kind, mode, rep)
            if mode not in order:
                order.append(mode)
            if rc != 0:
                fail(where, "exit status %d (want 0)" % rc)
                continue
            bj = bench_json(os.path.join(d, name + ".log"))
            if not bj:
                fail(where, "benchmark printed no JSON line")
                continue
            cyc.setdefault(mode, []).append(bj["cycles_per_roundtrip"])
            if mode == "none":
                continue
            rcs = cost_counts(where, d, name, mode, bj)
            got = {k: v for k, v in rcs.items()
                   if k in COST_SAME or k.startswith(("maps.", "unmaps."))}
            if not mode.startswith("record"):
                got = {k: v for k, v in got.items() if k in COST_SAME}
            for k, v in got.items():
                first = same.setdefault(k, (v, where))
                if first[0] != v:
                    fail(where, "%s = %s, but %s in %s" % (k, v, first[0], first[1]))
        med = {m: sorted(v)[len(v) // 2] for m, v in cyc.items() if v}
        ref = med.get("none")
        for mode in order:
            v = sorted(cyc.get(mode, []))
            if not v:
                continue
            full = med.get(cost_full(mode))
            rows.append({"kernel": kind, "tool": mode, "runs": v, "median": med[mode],
                         "spread_pct": 100.0 * (v[-1] / v[0] - 1),
                         "cost_pct": 100.0 * (med[mode] / ref - 1) if ref else None,
                         "vs_full_pct": 100.0 * (med[mode] / full - 1) if full else None,
                         "goal_pct": cost_goal(mode)})
    hdr = ("kernel", "tool", "runs", "L1 cycles/round trip (each run)", "median",
           "run spread %", "cost vs none %", "vs the full tool %", "goal %")
    lines = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    for r in rows:
        goal = None
        if r["goal_pct"] is not None and r["cost_pct"] is not None:
            gap = r["cost_pct"] - r["goal_pct"]
            goal = "<= %.0f: %s" % (r["goal_pct"], "met" if gap <= 0 else
                                    "%+.2f over" % gap)
        lines.append("| " + " | ".join(fmt(v) for v in (
            r["kernel"], r["tool"], len(r["runs"]),
            ", ".join("%.1f" % c for c in r["runs"]), r["median"],
            "%.2f" % r["spread_pct"],
            None if r["cost_pct"] is None else "%+.2f" % r["cost_pct"],
            None if r["vs_full_pct"] is None else "%+.2f" % r["vs_full_pct"],
            goal)) + " |")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    write_outputs(out, [("cost.md", text),
                        ("cost.json", json.dumps(rows, indent=1, sort_keys=True) + "\n")])
    finish("lab: cost: every run worked (%s)" % ", ".join(boots))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--upstream":
        upstream_main(sys.argv[2], sys.argv[3:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--cost":
        cost_main(sys.argv[2], sys.argv[3:])
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--contexts":
        contexts_main(sys.argv[2], sys.argv[3:])
        return
    if len(sys.argv) < 3:
        sys.stderr.write("usage: check.py OUTDIR KIND...\n")
        sys.exit(2)
    out = sys.argv[1]
    rows, inval = [], []
    for kind in sys.argv[2:]:
        d = os.path.join(out, kind)
        if not os.path.isdir(d):
            fail(kind, "no results in %s" % d)
            continue
        check_kind(kind, d, rows, inval)
    hdr = ("kernel", "mem", "N", "L2 entries", "maps", "unmaps", "hits",
           "activations", "invalidations", "saved %", "vmcs12_pages p50",
           "L2 round trip p50", "L1 cycles/round trip")
    lines = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
    for r in rows:
        lines.append("| " + " | ".join(fmt(v) for v in (
            r["kernel"], r["mem"], r["n"], r["l2_entries"], r["maps"],
            r["unmaps"], r["hits"], r["activations"], r["invalidations"],
            r["saved_pct"] if r["saved_pct"] is None else "%.2f" % r["saved_pct"],
            r["vmcs12_pages_p50_ns"], r["l2_roundtrip_p50_ns"],
            r["cycles_per_roundtrip"])) + " |")
    for note in NOTES:
        lines.append("")
        lines.append(note)
    for i in inval:
        lines.append("")
        lines.append("vmx_apic_cache_invalidation_test on %s (%s CPUs): exit %d%s" % (
            i["kernel"], i["cpus"], i["exit"],
            (" (" + i["failure"] + ")") if i["failure"] else ""))
        lines.append("  steps reported: %s; concurrent step: %s" % (
            len(i["steps"]) if i["steps"] is not None else "?",
            i["concurrent_line"] or "not reached"))
        fc = i["fentry"]
        if fc.get("tp_gpc_use.msr_bitmap.hit") is not None:
            lines.append("  nested_get_vmcs12_pages %s, reloads %s (fexit %s), "
                         "pfncache invalidations %s; hit/refresh/activate/error: %s" % (
                             fc["nested_get_vmcs12_pages"], fc["tp_nested_state_reload"],
                             fc.get("vmx_is_nested_state_invalid_true"),
                             fc["tp_pfncache_invalidate"],
                             ", ".join("%s %s" % (pk, "/".join(
                                 str(fc["tp_gpc_use.%s.%s" % (pk, o)])
                                 for o in ("hit", "refresh", "activate", "error")))
                                 for pk in INVAL_PAGES)))
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    write_outputs(out, [("counters.txt", text),
                        ("counters.json", json.dumps({"bench": rows, "invalidation_test": inval},
                                                     indent=1, sort_keys=True) + "\n")])
    finish("lab: all assertions passed (%s)" % " ".join(sys.argv[2:]))


main()
