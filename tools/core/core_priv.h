/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Internal state of struct nvmx_core (not part of the public API). */
#ifndef NVMX_CORE_PRIV_H
#define NVMX_CORE_PRIV_H

#include "nvmx_core.h"

#define NVMX_MAX_VARIANTS 4
#define NVMX_MAX_FNS 3

/*
 * What a function attachment's program is for.  Counting only
 * (nvmx_opts.counts_only) the core loads a program only if a count needs
 * it: never one that only times, a bracket only while a nested map or
 * unmap hook is chosen (nvmx_prog_loaded()).
 */
enum nvmx_prog_role {
	NVMX_PROG_COUNTS = 0,	/* counts, or tells a count what it needs */
	NVMX_PROG_TIMES,	/* only takes a start time for a latency */
	NVMX_PROG_BRACKET,	/* only marks nested map/unmap paths */
};

struct nvmx_fn_att {
	const char *entry;	/* skeleton program name (fentry/kprobe) */
	const char *exit;	/* fexit/kretprobe program, NULL if none */
	const char *fn[3];	/* name alternatives, first found wins */
	bool optional;		/* may be missing (inlined / other vendor) */
	enum nvmx_prog_role entry_role, exit_role;
};

struct nvmx_variant {
	enum nvmx_attach method;
	const char *tp;		/* tracepoint variants */
	const char *prog;	/* tracepoint program */
	struct nvmx_fn_att fns[NVMX_MAX_FNS];
};

struct nvmx_hook_def {
	enum nvmx_hook id;
	const char *name;
	const char *what;
	struct nvmx_variant v[NVMX_MAX_VARIANTS];
	/* every target is kvm_intel (nVMX) code or a nVMX series tracepoint */
	bool nvmx_only;
	/* a series tracepoint added by tracepoint ABI tp_abi (0: the first) */
	unsigned int tp_abi;
};

extern const struct nvmx_hook_def nvmx_hook_defs[NVMX_HOOK_NR];

struct nvmx_skel_state;

/*
 * What the core knows of each traced process (vmident.c): its guest name
 * and whether it passes -g, looked up in /proc once (again when the PID
 * was reused).  nvmx_vm_ids_get() marks an entry seen;
 * nvmx_vm_ids_sweep() drops those not seen since the last sweep.
 */
struct nvmx_vm_id {
	uint32_t tgid;
	unsigned int gen;
	unsigned long long start;	/* /proc/PID/stat start time */
	bool match;			/* passes -g */
	char name[NVMX_NAME_MAX];
};
struct nvmx_vm_ids;
struct nvmx_vm_ids *nvmx_vm_ids_new(const char *guest);
void nvmx_vm_ids_free(struct nvmx_vm_ids *t);
const struct nvmx_vm_id *nvmx_vm_ids_get(struct nvmx_vm_ids *t, uint32_t tgid);
/* The entry of tgid as the last nvmx_vm_ids_get() left it, no /proc read */
const struct nvmx_vm_id *nvmx_vm_ids_find(const struct nvmx_vm_ids *t, uint32_t tgid);
void nvmx_vm_ids_sweep(struct nvmx_vm_ids *t);
/*
 * --cgroup: the ids of the cgroup directory dir and of every cgroup
 * under it, sorted (*ids malloc'd); nvmx_cgroup_id_in() looks one up.
 */
int nvmx_cgroup_ids(const char *dir, uint64_t **ids, size_t *n);
bool nvmx_cgroup_id_in(const uint64_t *ids, size_t n, uint64_t id);
/*
 * Where the first cgroup2 file system of mounts (a file in the format of
 * /proc/self/mounts; NULL: that file) is mounted, into mnt: 0, -ENOENT
 * when none is, -ENAMETOOLONG, or -errno when mounts cannot be read.
 * The one lookup of the tools (the test scripts' tests/lib/cgroup.sh
 * takes the same line).
 */
int nvmx_cgroup2_mount(const char *mounts, char *mnt, size_t len);

struct nvmx_core {
	struct nvmx_opts opts;
	struct nvmx_vm_ids *ids;	/* NULL in an offline core */
	struct nvmx_meta meta;
	struct nvmx_hook_info hooks[NVMX_HOOK_NR];
	/* per hook: chosen variant index, -1 none */
	int choice[NVMX_HOOK_NR];
	/* per hook and variant: excluded with reason (probe or failure) */
	bool excluded[NVMX_HOOK_NR][NVMX_MAX_VARIANTS];
	char why[NVMX_HOOK_NR][NVMX_MAX_VARIANTS][200];
	/* per hook and variant: its target is not in this kernel at all */
	bool absent[NVMX_HOOK_NR][NVMX_MAX_VARIANTS];
	/* per hook: attached, but this host never fires it (kvm_pvm) */
	bool silent[NVMX_HOOK_NR];
	/* per metric: available here, else why (nvmx_metrics_plan()) */
	bool mok[NVMX_M_NR];
	char mwhy[NVMX_M_NR][640];
	bool offline;		/* nvmx_core_open_offline(): no BPF */
	/* per hook and variant: resolved function names per fn_att */
	const char *resolved[NVMX_HOOK_NR][NVMX_MAX_VARIANTS][NVMX_MAX_FNS];
	/* per hook: optional functions dropped at attach, and why */
	char dropped[NVMX_HOOK_NR][NVMX_MAX_FNS][160];
	struct nvmx_skel_state *sk;
	int stats_fd;
	char err[256];
	/* struct vcpu_vmx or vcpu_svm in BTF: exit codes can be read */
	bool reason_codes;
	/* nvmx_core_outliers() in progress: its callback */
	nvmx_outlier_fn out_fn;
	void *out_arg;
};

/* How a metric is computed from a row (catalogue.h, column src). */
enum nvmx_src_type {
	NVMX_SRC_CTR,		/* ctr[a] */
	NVMX_SRC_DIFF,		/* ctr[a] - ctr[b], never negative */
	NVMX_SRC_KSUM,		/* kctr[kind][a] over every page kind */
	NVMX_SRC_PCTL,		/* percentile b of histogram a */
	NVMX_SRC_SAVED,		/* nvmx_saved_pct() of the nested page uses */
};

struct nvmx_src {
	enum nvmx_src_type type;
	int a, b;
};

const struct nvmx_src *nvmx_metric_src(enum nvmx_metric m);

/*
 * Program @i (0 entry, 1 exit) of function attachment @f of variant @v of
 * hook @h is loaded with the current plan (c->choice): always in full
 * mode, counting only as enum nvmx_prog_role says.
 */
bool nvmx_prog_loaded(const struct nvmx_core *c, int h, int v, int f, int i);

struct bpf_object;
/*
 * Before load: autoload exactly the programs of the plan, the others
 * off; each fentry/fexit program is aimed at its resolved function
 * (not for an offline core: that reads the kernel's BTF).
 */
void nvmx_plan_autoload(const struct nvmx_core *c, struct bpf_object *obj);

/*
 * Decide, from the hooks' attach state, which metrics are available and
 * why the others are not (tools/core/metrics.c); called whenever the
 * plan changes.
 */
void nvmx_metrics_plan(struct nvmx_core *c);

#endif /* NVMX_CORE_PRIV_H */
