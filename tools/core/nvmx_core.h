/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nvmx-gpc core: attach plan, collector, metrics and sinks shared by
 * nvmx-gpc-top, nvmx-gpc record/compare and the exporter.
 *
 * Life cycle:
 *	struct nvmx_core *c;
 *	nvmx_core_open(&opts, &c);	probe kernel, choose attach variants
 *	nvmx_core_attach(c);		load BPF (losers not loaded), attach
 *	nvmx_core_snapshot(c, &snap);	read the in-kernel aggregates
 *	nvmx_core_close(c);		detach everything, free
 *
 * All functions returning int return 0 or -errno.  The API only grows:
 * enums get new members at the end (before the _NR sentinel, so code must
 * use the sentinels, never hard-coded sizes) and structs are allocated by
 * the library.
 */
#ifndef NVMX_CORE_H
#define NVMX_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "../../include/nvmx_gpc_abi.h"
#include "hist.h"
#include "../../bpf/nvmx_maps.h"

/* Every metric of the catalogue (catalogue.h, docs/metrics.md). */
enum nvmx_metric {
#define NVMX_METRIC(id, ...) NVMX_M_##id,
#include "catalogue.h"
#undef NVMX_METRIC
	NVMX_M_NR,
};

/*
 * 2: the metric catalogue (struct nvmx_metric_def grew, nvmx_hist_def());
 * 3: counting only (nvmx_opts.counts_only, nvmx_meta.counts_only,
 *    nvmx_core_print_programs())
 * 4: guest names and filters (nvmx_opts.guest, nvmx_opts.cgroup,
 *    nvmx_vm_snap.name, vmident.c)
 * 5: exit reasons (nvmx_opts.no_reasons, nvmx_meta.reasons,
 *    nvmx_vcpu_snap.reasons, reasons.c); outliers (nvmx_opts.than_ns,
 *    nvmx_core_outliers(), outliers.c); sampled latencies
 *    (nvmx_opts.sample_n, nvmx_meta.sample_n, nvmx_hist_stats CIs)
 * 6: refresh causes and kicks (tracepoint ABI 3: NVMX_HOOK_GPC_STALE,
 *    NVMX_HOOK_GPC_KICK, their counters and metrics), labelled exporter
 *    families (nvmx_metric_prom_label()), nvmx_cause_columns
 * 7: --than parsed by the core (nvmx_than_parse(), NVMX_THAN_COUNTS_ONLY);
 *    nvmx_vm_filter_usage() instead of the string NVMX_VM_FILTER_USAGE
 * 8: nvmx_meta.reason_isas (whose exit codes the probes read);
 *    NVMX_PROBE_LONGOPTS, NVMX_THAN_LONGOPT and their NVMX_OPT_* codes
 */
#define NVMX_CORE_API_VERSION 8

/* ------------------------------------------------------------------ */
/* Options, open/attach/close                                           */

struct nvmx_opts {
	pid_t pid;		/* only this process (tgid); 0 = all */
	unsigned int hist_k;	/* sub-bucket bits, 0..NVMX_HIST_K_MAX */
	bool stats;		/* bpf_enable_stats(BPF_STATS_RUN_TIME) */
	int verbose;		/* >0: libbpf warnings to stderr, >1 debug */
	/*
	 * Metadata override: vmlinux BTF used for probing (default
	 * /sys/kernel/btf/vmlinux).  Only probing: programs load against
	 * the running kernel.
	 */
	const char *btf_path;
	/*
	 * After each nvmx_core_snapshot(), delete the in-kernel entries of
	 * processes that no longer existed before the snapshot read them
	 * (their final values are in that snapshot), so a long-running
	 * view never fills the maps.  Off by default: later snapshots then
	 * no longer contain those processes.
	 */
	bool prune_dead;	/*
	 * Open and attach without /dev/kvm (diagnostics such as --probes:
	 * the tracepoints and functions exist while the kvm module is
	 * loaded); nvmx_meta.kvm_dev says what is wrong with /dev/kvm.
	 */
	bool allow_no_kvm;
	/*
	 * Counting only: the probes read no clock and update no histogram
	 * (a .rodata constant, so the verifier removes those paths), and
	 * programs that only time something are not loaded at all.  Every
	 * count is the same as without it; the latency metrics and
	 * histograms are unavailable ("counting only" is their reason).
	 */
	bool counts_only;
	/*
	 * Only VMs whose guest name (nvmx_proc_guest_name()) is guest:
	 * decided once per process, when a snapshot first finds it alive
	 * (one that exited before has no name).  Only threads that were in
	 * cgroup2 directory cgroup (nvmx_cgroup_arg()) or under it at their
	 * first event (the probes note its id).  NULL: any.  Rows that do
	 * not pass stay out of every snapshot.
	 */
	const char *guest;
	const char *cgroup;
	/*
	 * No exit reasons: kvm_exit, kvm_nested_vmexit(_inject) and
	 * kvm_entry only count (one hash lookup less per exit, and a clock
	 * read less per entry).
	 */
	bool no_reasons;
	/*
	 * Outliers (--than): each nested round trip (L2 exit reflected to
	 * L1 -> next L2 entry) and nested_get_vmcs12_pages call of at least
	 * than_ns goes to a ring buffer with the kernel stack where it ended
	 * (nvmx_core_outliers()), at most than_per_sec per CPU and second
	 * (0: 100).  0: off.  Needs latencies (not with counts_only).
	 */
	uint64_t than_ns;
	unsigned int than_per_sec;
	/*
	 * Sampled latencies (--sample N): each thread times only 1 in N of
	 * each kind of pair (KVM_RUN, nested_get_vmcs12_pages, maps, round
	 * trips, exits, ...); every count stays exact, the histograms hold
	 * the samples, and the percentiles get confidence intervals
	 * (nvmx_hist_stats).  0 or 1: time every one.  At most
	 * NVMX_SAMPLE_MAX.
	 */
	unsigned int sample_n;
};

void nvmx_opts_init(struct nvmx_opts *o);	/* defaults (k = 4) */
/*
 * --sample N, the same in every front end: N in 2..NVMX_SAMPLE_MAX into
 * *n, else -EINVAL with the one-line error in err (NULL: p_err it).
 * NVMX_SAMPLE_COUNTS_ONLY is the error when it comes with --counts-only.
 */
int nvmx_sample_parse(const char *arg, unsigned int *n, char *err, size_t errlen);
#define NVMX_SAMPLE_COUNTS_ONLY \
	"--sample and --counts-only are mutually exclusive (no latency counting only)"
/*
 * --than USEC, the same in every front end: USEC in 1..NVMX_THAN_MAX_US
 * (1 us .. 1 hour) into *ns (nanoseconds, for nvmx_opts.than_ns), else
 * -EINVAL with the one-line error in err (NULL: p_err it).
 * NVMX_THAN_COUNTS_ONLY is the error when it comes with --counts-only.
 */
#define NVMX_THAN_MAX_US 3600000000ULL
int nvmx_than_parse(const char *arg, uint64_t *ns, char *err, size_t errlen);
#define NVMX_THAN_COUNTS_ONLY \
	"--than and --counts-only are mutually exclusive (no latency counting only)"
/*
 * --counts-only, --no-reasons and --sample N, the same in every tracing
 * front end (docs/cli.md), and --than USEC in those with outliers: put
 * NVMX_PROBE_LONGOPTS (and NVMX_THAN_LONGOPT) in the long options and
 * handle their codes, NVMX_OPT_COUNTS_ONLY ... NVMX_OPT_THAN.
 */
#define NVMX_OPT_COUNTS_ONLY 0x4101
#define NVMX_OPT_NO_REASONS 0x4102
#define NVMX_OPT_SAMPLE 0x4103
#define NVMX_OPT_THAN 0x4104
#define NVMX_PROBE_LONGOPTS \
	{ "counts-only", no_argument, NULL, NVMX_OPT_COUNTS_ONLY }, \
	{ "no-reasons", no_argument, NULL, NVMX_OPT_NO_REASONS }, \
	{ "sample", required_argument, NULL, NVMX_OPT_SAMPLE }
#define NVMX_THAN_LONGOPT { "than", required_argument, NULL, NVMX_OPT_THAN }

struct nvmx_core;

/*
 * Check prerequisites (privileges, BTF, /dev/kvm, PID), probe every
 * hook's variants and choose one per hook.  Errors: -EPERM (not root /
 * no CAP_BPF), -ENOENT (no BTF), -ENODEV (no KVM), -ESRCH (no such PID),
 * -EINVAL (bad option).  nvmx_core_strerror() explains the last one.
 */
int nvmx_core_open(const struct nvmx_opts *o, struct nvmx_core **out);
/* Load the chosen programs and attach them.  Hooks whose attach fails
 * fall back to their next variant (reported by nvmx_core_hooks()). */
int nvmx_core_attach(struct nvmx_core *c);
/* Detach all links, unload everything, free.  NULL is fine. */
void nvmx_core_close(struct nvmx_core *c);
/* One line (no newline) describing the last error of open/attach. */
const char *nvmx_core_strerror(const struct nvmx_core *c);
/* Same for an error code returned by nvmx_core_open() (c == NULL). */
const char *nvmx_core_open_error(int err);

/* ------------------------------------------------------------------ */
/* Hooks and attach plan                                                */

enum nvmx_attach {
	NVMX_ATTACH_NONE = 0,	/* unavailable: see reason */
	NVMX_ATTACH_SERIES_TP,	/* tp_btf on an nvmx-gpc series tracepoint */
	NVMX_ATTACH_FENTRY,	/* fentry/fexit */
	NVMX_ATTACH_KPROBE,	/* kprobe/kretprobe */
	NVMX_ATTACH_TP_BTF,	/* tp_btf on an existing tracepoint */
	NVMX_ATTACH_RAW_TP,	/* raw_tp on an existing tracepoint */
	NVMX_ATTACH_SERIES_RAW_TP, /* raw_tp on a series tracepoint */
	NVMX_ATTACH_NR,
};
const char *nvmx_attach_name(enum nvmx_attach a);	/* "tp_btf", ... */

/* Programs that one variant of a hook loads at most (entry, exit, ...) */
#define NVMX_HOOK_PROGS 4

struct nvmx_hook_info {
	enum nvmx_hook id;
	const char *name;	/* "l2_entry", "vcpu_map", ... */
	const char *what;	/* what it measures, one line */
	enum nvmx_attach method;
	char target[64];	/* tracepoint or function actually used */
	/* Empty when attached; otherwise why not (one line per variant
	 * tried, '; '-separated). Also notes for attached hooks. */
	char reason[512];
	bool attached;
	int prog_fds[NVMX_HOOK_PROGS];	/* of the chosen variant, -1 unused */
	/*
	 * Empty when the hook is attached and fires here; otherwise
	 * "TARGET: why", e.g. "nested_get_vmcs12_pages: not in this kernel
	 * (kvm_intel not loaded; ...)": what metrics needing it report.
	 */
	char missing[512];
};

/* Hook table (NVMX_HOOK_NR entries), valid after nvmx_core_open(). */
const struct nvmx_hook_info *nvmx_core_hooks(const struct nvmx_core *c);

/* Print the --probes table. */
void nvmx_core_print_probes(const struct nvmx_core *c, FILE *f);
/*
 * Print the BPF programs the plan loads, per hook (with counts_only,
 * which programs it leaves out and why), after a heading line naming
 * the mode.
 */
void nvmx_core_print_programs(const struct nvmx_core *c, FILE *f);

/* ------------------------------------------------------------------ */
/* Kernel metadata                                                     */

struct nvmx_meta {
	char release[65];	/* uname -r */
	char vendor[16];	/* "kvm_intel", "kvm_amd", "kvm_pvm", "none" */
	bool series;		/* nvmx-gpc tracepoints present in BTF */
	unsigned int tp_abi;	/* NVMX_TP_ABI the core was built for */
	bool nested;		/* kvm_intel/kvm_amd nested=Y (or unknown) */
	char btf_path[128];
	unsigned int hist_k;
	unsigned int hist_slots;
	/*
	 * Nested maps/unmaps are attributed to page kinds (struct vcpu_vmx
	 * is in the kernel's BTF, see bpf/core_shims.h); false: they all
	 * count as kind "unknown" and the per-kind histograms stay empty.
	 */
	bool map_kinds;
	/* "present" or "missing (why)": see nvmx_kvm_dev_state() */
	char kvm_dev[128];
	/* nvmx_opts.counts_only (an offline core: the plan counts only) */
	bool counts_only;
	/*
	 * Exit reasons are read: not --no-reasons, and the kvm_exit hook is
	 * attached and fires here (not kvm_pvm).  The codes are read from the vendor's struct (vcpu_vmx,
	 * vcpu_svm); without it in the BTF every exit's code is unknown.
	 */
	bool reasons;
	/* nvmx_opts.sample_n: 1 in how many pairs are timed (1: all) */
	unsigned int sample_n;
	/*
	 * Since API 8: the ISAs whose exit codes the probes can read, as the
	 * live probe found them: NVMX_RISA_PROBED, and NVMX_RISA(NVMX_ISA_VMX)
	 * with struct vcpu_vmx in the BTF, NVMX_RISA(NVMX_ISA_SVM) with
	 * vcpu_svm.  0: not known (the metadata of an older core or file):
	 * nvmx_core_open_offline() guesses from the vendor.
	 */
	unsigned int reason_isas;
};
#define NVMX_RISA_PROBED 1U
#define NVMX_RISA(isa) (1U << (isa))
const struct nvmx_meta *nvmx_core_meta(const struct nvmx_core *c);

/*
 * State of /dev/kvm under root ("/" when NULL): "present", or "missing
 * (...)" saying whether a kvm module is loaded, registered but without a
 * device node, or loaded but not bound (this kernel is a guest, or has
 * no VMX/SVM).  Returns buf.
 */
const char *nvmx_kvm_dev_state(const char *root, char *buf, size_t len);

/* Attach state of one hook for nvmx_core_open_offline(). */
struct nvmx_hook_state {
	enum nvmx_attach method;	/* NVMX_ATTACH_NONE: unavailable */
	bool absent;			/* unavailable: not in the kernel */
	const char *reason;		/* unavailable, not absent: why */
};

/*
 * A core without kernel access or BPF whose plan is given: meta as
 * given, hook h attached with st[h].method or unavailable.  Metrics,
 * reasons and --probes are computed as for a live core; attach and
 * snapshot fail.  For tests and for tools that replay a plan.
 */
int nvmx_core_open_offline(const struct nvmx_meta *meta,
			   const struct nvmx_hook_state st[NVMX_HOOK_NR],
			   struct nvmx_core **out);

/* ------------------------------------------------------------------ */
/* Snapshots                                                           */

/*
 * The exits of one code (an ISA's exit reason) of a row: the raw counts
 * and latencies of the probes (struct nvmx_rval, bpf/nvmx_maps.h).  The
 * paths (L1, L2 handled in L0, L2 reflected to L1, synthesized) come from
 * nvmx_reason_count() and nvmx_reason_lat(), never from the raw counts.
 */
struct nvmx_reason_snap {
	uint32_t isa;		/* NVMX_ISA_VMX, NVMX_ISA_SVM */
	uint32_t code;		/* basic exit reason / exit code; ~0: unknown */
	struct nvmx_rval v;
};

/* Per vCPU thread (one KVM vCPU is run by one thread at a time). */
struct nvmx_vcpu_snap {
	uint32_t tgid;			/* VM = process */
	uint32_t tid;			/* vCPU thread (or any thread) */
	int32_t vcpu_id;		/* -1 until a hook reveals it */
	char comm[NVMX_COMM_LEN];	/* thread comm */
	uint64_t ctr[NVMX_C_NR];
	uint64_t kctr[NVMX_KIND_SLOTS][NVMX_KCTR_NR];
	uint64_t hsum[NVMX_H_NR];	/* exact sum of values (ns) */
	uint64_t *hist[NVMX_H_NR];	/* hist_slots counts each */
	/* since API 5: exit reasons, sorted by (isa, code); NULL if none */
	struct nvmx_reason_snap *reasons;
	size_t nr_reasons;
};

#define NVMX_NAME_MAX 64

struct nvmx_vm_snap {
	uint32_t tgid;
	char comm[NVMX_COMM_LEN];	/* process comm */
	char name[NVMX_NAME_MAX];	/* guest name, "" if none */
	size_t first, nr;		/* range in snapshot->vcpus */
	struct nvmx_vcpu_snap total;	/* sum over its threads */
};

struct nvmx_snapshot {
	uint64_t mono_ns;		/* CLOCK_MONOTONIC when read */
	uint64_t real_ns;		/* CLOCK_REALTIME when read */
	unsigned int hist_k, hist_slots;
	size_t nr_vcpus;
	struct nvmx_vcpu_snap *vcpus;	/* sorted by (tgid, tid) */
	size_t nr_vms;
	struct nvmx_vm_snap *vms;	/* sorted by tgid */
};

/* Read the maps (sum over CPUs).  *out is allocated. */
int nvmx_core_snapshot(struct nvmx_core *c, struct nvmx_snapshot **out);
/*
 * The snapshot of the maps as attach left them: empty, stamped now.  The
 * baseline of a front end's first interval, so that the intervals add up
 * to the totals since attach (a first nvmx_core_snapshot() as baseline
 * would leave out what was counted between attach and that read).
 */
int nvmx_core_snapshot_zero(struct nvmx_core *c, struct nvmx_snapshot **out);
/*
 * Events the probes could not count since attach because their thread
 * got no row (more than NVMX_MAX_THREADS live threads traced without
 * prune_dead, or no task-local storage).  Counts are exact while 0.
 */
uint64_t nvmx_core_events_dropped(const struct nvmx_core *c);
/* Exit-reason events not counted since attach: the reasons map was full
 * (NVMX_MAX_REASONS (thread, code) pairs).  Reason counts are exact while 0. */
uint64_t nvmx_core_reasons_dropped(const struct nvmx_core *c);
/* Zero the in-kernel aggregates (key 'r'). */
int nvmx_core_reset(struct nvmx_core *c);
void nvmx_snapshot_free(struct nvmx_snapshot *s);

/* Build a snapshot from vCPU rows (used by tests and by record/compare
 * to reload data): copies rows, sorts, groups into VMs. */
int nvmx_snapshot_build(const struct nvmx_vcpu_snap *rows, size_t n,
			unsigned int hist_k, uint64_t mono_ns,
			struct nvmx_snapshot **out);
/* Alloc/zero one row's histograms (hist_slots each). */
int nvmx_vcpu_snap_init(struct nvmx_vcpu_snap *v, unsigned int hist_slots);
void nvmx_vcpu_snap_fini(struct nvmx_vcpu_snap *v);
/* dst += src (counters and histograms). */
void nvmx_vcpu_snap_add(struct nvmx_vcpu_snap *dst,
			const struct nvmx_vcpu_snap *src, unsigned int slots);

/*
 * out = cur - prev, per row (rows only in cur are taken whole; rows that
 * went backwards, e.g. after a reset, are taken whole too).  Time span is
 * cur->mono_ns - prev->mono_ns; prev may be NULL (delta = cur).
 */
int nvmx_snapshot_delta(const struct nvmx_snapshot *cur,
			const struct nvmx_snapshot *prev,
			struct nvmx_snapshot **out);

/* Find a VM in a snapshot, NULL if absent. */
const struct nvmx_vm_snap *nvmx_snapshot_vm(const struct nvmx_snapshot *s,
					    uint32_t tgid);
/* Find thread tid of VM tgid in a snapshot, NULL if absent (s may be NULL). */
const struct nvmx_vcpu_snap *nvmx_snapshot_thread(const struct nvmx_snapshot *s,
						  uint32_t tgid, uint32_t tid);

/* ------------------------------------------------------------------ */
/* Exit reasons (reasons.c)                                             */

/*
 * The name of an exit code as KVM's kvm_exit tracepoint prints it (the
 * VMX_EXIT_REASONS and SVM_EXIT_REASONS tables of the uapi headers the
 * tools were built with): "VMCALL", "vmmcall", ...; NULL when the table
 * has no such code (a newer reason: show the number).
 */
const char *nvmx_reason_name(uint32_t isa, uint32_t code);
/* "vmx", "svm" or "isa<N>" */
const char *nvmx_isa_name(uint32_t isa);
/* Name, or the number in buf ("0x4d"; "unknown" for ~0). */
const char *nvmx_reason_label(uint32_t isa, uint32_t code, char *buf, size_t len);
/* A path's name: "l1", "l2_l0", "l2_l1", "synth" */
const char *nvmx_rpath_name(enum nvmx_rpath p);
/* Exits of path p: L1 = exits - L2 exits, L2_L0 = L2 exits - reflected. */
uint64_t nvmx_reason_count(const struct nvmx_reason_snap *r, enum nvmx_rpath p);

struct nvmx_rlat_stats {
	uint64_t count;		/* latency samples (<= the path's exits) */
	/* ns; in a delta (nvmx_snapshot_delta()) max is exact when the
	 * interval holds the maximum since attach, else the upper bound of
	 * the interval's highest bucket */
	uint64_t sum, max;
	double mean;		/* ns; 0 without samples */
	/* upper bounds of the log2 buckets of the median and the 99th
	 * percentile (2^(i+1) ns), 0 without samples */
	uint64_t p50_le, p99_le;
};
void nvmx_reason_lat(const struct nvmx_reason_snap *r, enum nvmx_rpath p,
		     struct nvmx_rlat_stats *st);
/* The reason (isa, code) of row v, NULL if it has none. */
const struct nvmx_reason_snap *nvmx_vcpu_reason(const struct nvmx_vcpu_snap *v,
						uint32_t isa, uint32_t code);
/* Add one reason into v (merged with the same isa/code); -ENOMEM. */
int nvmx_vcpu_reason_add(struct nvmx_vcpu_snap *v, const struct nvmx_reason_snap *r);
/* Add all of src's reasons into dst; -ENOMEM. */
int nvmx_vcpu_reasons_add(struct nvmx_vcpu_snap *dst, const struct nvmx_vcpu_snap *src);

/* ------------------------------------------------------------------ */
/* Outliers (--than, outliers.c)                                        */

/* Called for each outlier record (struct nvmx_outlier, bpf/nvmx_maps.h);
 * a non-zero return stops the walk. */
typedef int (*nvmx_outlier_fn)(const struct nvmx_outlier *o, void *arg);
/*
 * Hand every outlier written since the last call to fn, oldest first.
 * Returns how many, or -errno (-ENOTCONN before attach).  Without
 * nvmx_opts.than_ns there are none.
 */
int nvmx_core_outliers(struct nvmx_core *c, nvmx_outlier_fn fn, void *arg);
/* Outliers of a kind not logged since attach: over the rate, or the ring
 * was full */
uint64_t nvmx_core_outliers_dropped(const struct nvmx_core *c, unsigned int kind);
/* "l2_roundtrip", "vmcs12_pages" */
const char *nvmx_outlier_kind_name(unsigned int kind);
/*
 * A kernel text address as "function+0xoff" ("function+0xoff [module]"),
 * from /proc/kallsyms, read once; the address in hex when no symbol
 * covers it (kptr_restrict, or not text).  Returns buf.
 */
const char *nvmx_ksym(uint64_t addr, char *buf, size_t len);
/* Leading frames of o's stack that are the tracing's own (the BPF
 * program, trampolines, bpf_trace_run<N>): the sinks leave them out. */
unsigned int nvmx_outlier_skip(const struct nvmx_outlier *o);

/* ------------------------------------------------------------------ */
/* VM identity (vmident.c)                                              */

/*
 * The guest name in a NUL-separated command line of len bytes: the value
 * of QEMU's last -name (guest=NAME, as libvirt sets it, or the first
 * element, NAME[,process=...]), ",," unescaped, cut to NVMX_NAME_MAX - 1.
 * 0, or -ENOENT with buf "" when there is none.
 */
int nvmx_guest_name(const char *cmdline, size_t len, char *buf, size_t buflen);
/* The same from /proc/PID/cmdline; -errno when it cannot be read. */
int nvmx_proc_guest_name(pid_t pid, char *buf, size_t len);
/*
 * --cgroup ARG as the directory of a cgroup v2 cgroup (real path into
 * out): ARG is such a directory, or a path as /proc/PID/cgroup shows it
 * (under the first cgroup2 mount).  -EINVAL with a one-line err else.
 */
int nvmx_cgroup_arg(const char *arg, char *out, size_t len, char *err, size_t errlen);

/*
 * -g/--guest NAME and --cgroup PATH, the same in every front end: put
 * NVMX_VM_FILTER_LONGOPTS in the long options, "g:" in the short ones,
 * nvmx_vm_filter_usage() in the help, hand 'g' and NVMX_OPT_CGROUP to
 * nvmx_vm_filter_parse() (-EINVAL with a one-line err) and the result to
 * the core with nvmx_vm_filter_apply().
 */
#define NVMX_OPT_CGROUP 0x4000
struct nvmx_vm_filter {
	const char *guest;	/* NULL: any */
	char cgroup[4096];	/* a cgroup2 directory, "": any */
};
#define NVMX_VM_FILTER_LONGOPTS \
	{ "guest", required_argument, NULL, 'g' }, \
	{ "cgroup", required_argument, NULL, NVMX_OPT_CGROUP }
/*
 * Their lines of a --help, the descriptions from column col (at least
 * NVMX_VM_FILTER_USAGE_COL_MIN, where a tool's other options' start).
 */
#define NVMX_VM_FILTER_USAGE_COL_MIN 20
void nvmx_vm_filter_usage(FILE *f, int col);
int nvmx_vm_filter_parse(struct nvmx_vm_filter *f, int opt, const char *arg,
			 char *err, size_t errlen);
void nvmx_vm_filter_apply(const struct nvmx_vm_filter *f, struct nvmx_opts *o);

/* ------------------------------------------------------------------ */
/* Metrics                                                             */

/*
 * Derived per-row metrics (see docs/metrics.md), described by the
 * catalogue (catalogue.h): every front end takes a metric's names, unit,
 * help and page-kind split from its struct nvmx_metric_def and its values
 * from nvmx_metric() and friends, never from the row layout.  Counts are
 * over the interval of the snapshot given; rates divide by secs (0 ->
 * rates 0).  Values whose hook is not attached are flagged unavailable.
 */

/* Which direction of change is an improvement. */
enum nvmx_dir {
	NVMX_DIR_NONE = 0,	/* informational */
	NVMX_DIR_LOWER,
	NVMX_DIR_HIGHER,
};

/*
 * Hooks a metric needs: all those of alternative 0, or all those of
 * alternative 1 (bit 1 << enum nvmx_hook); of them, those in timed must
 * be attached with fentry/fexit or kprobe (latency), those in series to
 * the series tracepoint (page kinds).  No hook at all: always available.
 */
struct nvmx_metric_req {
	unsigned int all[2];
	unsigned int timed[2];
	unsigned int series[2];
};

/* Where the page kinds of a split come from. */
enum nvmx_kinds_from {
	NVMX_KINDS_EVENT,		/* the event carries its kind */
	NVMX_KINDS_BTF,			/* struct vcpu_vmx in BTF (meta.map_kinds) */
	NVMX_KINDS_BTF_OR_GPC_USE,	/* that, or the gpc_use tracepoint */
};

/* A metric also kept per page kind (struct nvmx_vcpu_snap.kctr). */
struct nvmx_kind_split {
	int kctr;		/* enum nvmx_kctr; -1: no split */
	const char *res;	/* results counters "<res>.<kind>" */
	const char *prom;	/* exporter nvmx_gpc_<prom>_total{kind=...} */
	const char *help;	/* its HELP */
	enum nvmx_kinds_from from;
};

struct nvmx_metric_def {
	enum nvmx_metric id;
	const char *name;	/* catalogue key; JSON/CSV key of top */
	const char *column;	/* short column title for top, or NULL */
	const char *unit;	/* "/s" (a count), "%", "ns", "" (a gauge) */
	const char *help;
	/* since NVMX_CORE_API_VERSION 2 */
	bool top;		/* written by nvmx-gpc-top: views, JSON, CSV */
	const char *res;	/* results counter name, NULL: not recorded */
	const char *res_desc;	/* its description there */
	const char *prom;	/* exporter name: nvmx_gpc_<prom>_total, a
				 * gauge nvmx_gpc_<prom>; NULL: not exported
				 * (a family: nvmx_metric_prom_label()) */
	enum nvmx_dir better;
	struct nvmx_metric_req req;
	struct nvmx_kind_split split;
};
const struct nvmx_metric_def *nvmx_metric_def(enum nvmx_metric m);

/*
 * A counting metric the exporter writes as the series label="value" of
 * the labelled family nvmx_gpc_<def->prom>_total (HELP help), e.g.
 * gpc_stale_memslot as nvmx_gpc_gpc_stale_total{cause="memslot"}.
 */
struct nvmx_prom_label {
	const char *label;
	const char *value;
	const char *help;	/* the family's */
};
/* Since NVMX_CORE_API_VERSION 6: m's label, NULL for a family of its own. */
const struct nvmx_prom_label *nvmx_metric_prom_label(enum nvmx_metric m);
/* Lookup by name (or column title); -1 if unknown. */
int nvmx_metric_by_name(const char *name);
/* The metric split by per-page-kind counter kc, -1 if none. */
int nvmx_kctr_metric(enum nvmx_kctr kc);

struct nvmx_metric_val {
	double v;
	bool ok;	/* false: unavailable here or no data (empty hist) */
};

/*
 * Compute metric m of row v over secs seconds: counting metrics give a
 * rate per second (secs > 0) or the count (secs <= 0); percentiles give
 * ns; saved_pct gives percent.  c may be NULL (then all hooks count as
 * available).
 */
struct nvmx_metric_val nvmx_metric(const struct nvmx_core *c,
				   const struct nvmx_vcpu_snap *v,
				   unsigned int hist_k, double secs,
				   enum nvmx_metric m);
/*
 * Metric m of one row over an interval: d its counts over the interval,
 * t the same row's totals since attach (NULL: unknown).  A gauge comes
 * from t (not ok without it), everything else is nvmx_metric() of d.
 * What the views use, so that none needs to know which is which.
 */
struct nvmx_metric_val nvmx_metric_row(const struct nvmx_core *c,
				       const struct nvmx_vcpu_snap *d,
				       const struct nvmx_vcpu_snap *t,
				       unsigned int hist_k, double secs,
				       enum nvmx_metric m);
/*
 * Exact integer count behind a counting metric (unit "/s") or a gauge
 * (unit "") of row v; *ok = false for the others or when unavailable.
 */
uint64_t nvmx_metric_count(const struct nvmx_core *c,
			   const struct nvmx_vcpu_snap *v, enum nvmx_metric m,
			   bool *ok);
/* true for counting metrics (unit "/s"). */
bool nvmx_metric_is_count(enum nvmx_metric m);
/*
 * true for gauges (unit ""): a number of things live, counted from the
 * totals since attach; give them a total row, not an interval's delta.
 */
bool nvmx_metric_is_gauge(enum nvmx_metric m);
/*
 * Page kind @kind (0..NVMX_PAGE_UNKNOWN) of metric m, which has a split
 * (def->split.kctr >= 0); *ok = false when m has no split or that kind
 * is not counted here (nvmx_kctr_available()).
 */
uint64_t nvmx_metric_kind_count(const struct nvmx_core *c,
				const struct nvmx_vcpu_snap *v,
				enum nvmx_metric m, unsigned int kind, bool *ok);

/*
 * Availability: the one decision, from the hooks' attach state, of what
 * this kernel can measure (c may be NULL: everything).  Every front end
 * shows an unavailable value as null / empty / "-" / not exported,
 * never as 0.
 *
 * Metric m is measurable with the current attach plan; *why (valid
 * while c is) names each missing hook and why it is missing.
 */
bool nvmx_metric_available(const struct nvmx_core *c, enum nvmx_metric m,
			   const char **why);
/* Raw counter n of struct nvmx_vcpu_snap.ctr is counted here. */
bool nvmx_ctr_available(const struct nvmx_core *c, enum nvmx_ctr n);
/* Per-page-kind counter kc is counted here for page kind @kind
 * (0..NVMX_PAGE_UNKNOWN), or for their sum when kind < 0. */
bool nvmx_kctr_available(const struct nvmx_core *c, enum nvmx_kctr kc,
			 int kind);

/*
 * saved % = hits / (hits + remaps) * 100, ok = false if 0/0.  The
 * saved_pct metric uses remaps = maps + nested gpc refreshes + nested gpc
 * activations (each mapped the page again).
 */
struct nvmx_metric_val nvmx_saved_pct(uint64_t hits, uint64_t maps);

/* A histogram of the catalogue (catalogue.c). */
struct nvmx_hist_def {
	enum nvmx_hist id;
	const char *name;	/* JSON latency_ns key: "kvm_run", "map_pi_desc" */
	enum nvmx_hist base;	/* id, or the histogram this one splits */
	int kind;		/* page kind of the split, -1: not a split */
	enum nvmx_metric avail;	/* measured when this metric is available */
	/* not for a split (see nvmx_hist_split()): */
	const char *res;	/* results metric name ("kvm_run_ns") */
	const char *res_desc;
	const char *prom;	/* exporter family, nvmx_gpc_<prom> */
	const char *prom_help;
	const char *kind_prom;	/* exporter family of its splits, NULL: none */
	const char *kind_prom_help;
};
const struct nvmx_hist_def *nvmx_hist_def(enum nvmx_hist h);
/* "kvm_run", "vmcs12_pages", "map", "gpc_refresh", "l2_roundtrip",
 * "unmap", "map_msr_bitmap", ..., "unmap_evmcs" */
const char *nvmx_hist_name(enum nvmx_hist h);
/*
 * The histogram h splits by page kind and the kind (*kind), or h itself
 * and *kind = -1: "map_pi_desc" is kind pi_desc of "map".
 */
enum nvmx_hist nvmx_hist_split(enum nvmx_hist h, int *kind);
/* "msr_bitmap", "apic_access", "virtual_apic", "pi_desc", "evmcs",
 * "unknown". */
const char *nvmx_page_kind_name(unsigned int kind);
/* Histogram h is measured with the current plan (c may be NULL); the
 * per-page-kind ones also need nvmx_meta.map_kinds. */
bool nvmx_hist_available(const struct nvmx_core *c, enum nvmx_hist h);

/* Default columns of the text views (issue order), NVMX_M_NR-terminated. */
extern const enum nvmx_metric nvmx_default_columns[];
/* Columns the text views add after those, each only where its metric is
 * available (the nested contexts' hook), NVMX_M_NR-terminated. */
extern const enum nvmx_metric nvmx_context_columns[];
/* And after those, the same way: memslot refreshes and kicks (the hooks
 * of tracepoint ABI 3), NVMX_M_NR-terminated. */
extern const enum nvmx_metric nvmx_cause_columns[];
/* The columns of the text views here: the default ones, then the context
 * and cause ones available with c (cols has room for NVMX_M_NR).  Returns
 * how many. */
size_t nvmx_view_columns(const struct nvmx_core *c, enum nvmx_metric *cols);
/* The counters of nvmx-gpc record's results file, in file order,
 * NVMX_M_NR-terminated (those with a def->res). */
extern const enum nvmx_metric nvmx_results_counters[];

/* Percentile q of histogram h of row v (ns). */
struct nvmx_metric_val nvmx_row_percentile(const struct nvmx_vcpu_snap *v,
					   enum nvmx_hist h,
					   unsigned int hist_k, double q);

/* Histogram h of row v summed up (ns; the percentiles bucket midpoints). */
struct nvmx_hist_stats {
	uint64_t count, sum;
	struct nvmx_metric_val p50, p90, p99;
	struct nvmx_metric_val mean;	/* sum / count; not ok when empty */
	/*
	 * 95 % confidence intervals of p50 and p99 as estimates from these
	 * samples (distribution-free, from the ranks m q +- 1.96 sqrt(m q
	 * (1 - q))): what sampling (--sample) costs in precision.
	 */
	struct nvmx_metric_val p50_lo, p50_hi, p99_lo, p99_hi;
};
void nvmx_row_hist_stats(const struct nvmx_vcpu_snap *v, enum nvmx_hist h,
			 unsigned int hist_k, struct nvmx_hist_stats *st);

/* ------------------------------------------------------------------ */
/* Sinks                                                               */

enum nvmx_sink_fmt { NVMX_SINK_TEXT, NVMX_SINK_JSON, NVMX_SINK_CSV };

struct nvmx_prog_stats;	/* below, --stats */

struct nvmx_sink_opts {
	enum nvmx_sink_fmt fmt;
	bool per_vcpu;		/* include vCPU rows */
	bool hists;		/* JSON: include non-zero histogram slots */
	int interval_no;	/* 1-based sequence number */
	/* --stats self-accounting (NULL: none), from nvmx_core_prog_stats() */
	const struct nvmx_prog_stats *self;
	size_t nself;
	double self_secs;	/* interval the deltas in self cover */
	/*
	 * Text and CSV: the exit-reason drill-down (nvmx_reason_*()) instead
	 * of the metrics, one line per VM (and vCPU) and reason.  JSON has
	 * the reasons of each row anyway.
	 */
	bool reasons;
	/*
	 * --than: the outliers of the interval (text: after the table, JSON:
	 * "outliers"; not in CSV) and those dropped since attach.
	 */
	bool than;
	const struct nvmx_outlier *outliers;
	size_t noutliers;
	uint64_t outliers_dropped[NVMX_OUT_NR];	/* per kind */
};

/*
 * The drill-down's text table: a header, and one line per reason (no
 * newline), the same in nvmx-gpc-top's view and its batch output.
 */
void nvmx_reason_header(char *buf, size_t len);
void nvmx_reason_line(char *buf, size_t len, const struct nvmx_reason_snap *r);
/* v's reasons by exits (all paths) descending, then isa/code; *out
 * allocated (v->nr_reasons pointers). */
int nvmx_reasons_sorted(const struct nvmx_vcpu_snap *v,
			const struct nvmx_reason_snap ***out);

#define NVMX_JSON_SCHEMA "nvmx-gpc-top/1"

/*
 * Write one interval: delta (counts over the interval, secs long) and
 * total (cumulative since attach).  JSON: one object + '\n' (schema in
 * docs/top-json.md).  CSV: a header line first when interval_no == 1,
 * then one line per VM (and vCPU).  Returns 0 or -errno (write error).
 */
int nvmx_sink_write(FILE *f, const struct nvmx_core *c,
		    const struct nvmx_snapshot *delta,
		    const struct nvmx_snapshot *total, double secs,
		    const struct nvmx_sink_opts *so);

/*
 * Length of the well-formed UTF-8 sequence at s (1 to 4 bytes; an ASCII
 * byte, NUL included, is 1), or minus the length of its maximal ill-formed
 * subpart (Unicode 15, 3.9, U+FFFD substitution): -1 to -3.
 */
int nvmx_utf8_len(const char *s);

/* ------------------------------------------------------------------ */
/* Self accounting (--stats)                                           */

struct nvmx_prog_stats {
	char name[64];		/* BPF program name */
	enum nvmx_hook hook;
	uint64_t run_cnt;
	uint64_t run_time_ns;
};
/*
 * Per loaded program; *out allocated, *n set.  run_cnt/run_time_ns are
 * cumulative and only grow while stats are enabled (opts.stats or
 * nvmx_core_enable_stats()).
 */
int nvmx_core_prog_stats(const struct nvmx_core *c,
			 struct nvmx_prog_stats **out, size_t *n);

/* Turn BPF run-time accounting on or off (BPF_ENABLE_STATS). */
int nvmx_core_enable_stats(struct nvmx_core *c, bool on);
bool nvmx_core_stats_enabled(const struct nvmx_core *c);
/* b - a per program (same order as returned by nvmx_core_prog_stats). */
void nvmx_prog_stats_delta(struct nvmx_prog_stats *out,
			   const struct nvmx_prog_stats *b,
			   const struct nvmx_prog_stats *a, size_t n);
/* Mean run time of one program run (ns), 0 when it did not run. */
double nvmx_prog_stats_ns_per_run(const struct nvmx_prog_stats *p);

#endif /* NVMX_CORE_H */
