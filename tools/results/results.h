/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nvmx-gpc results files (docs/results-format.md): in-memory model,
 * strict reader and atomic writer, built on json-c.
 */
#ifndef NVMX_RESULTS_H
#define NVMX_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NVMX_RES_SCHEMA "nvmx-gpc-results"
/*
 * Version 2: saved_pct is the core's metric (docs/metrics.md), hits /
 * (hits + maps + nested gpc refreshes + activations), and a percent
 * counter may be null (undefined: 0/0 or hook unavailable), and so may
 * a count counter (its hooks unavailable on the traced kernel).  Version 1
 * files (saved_pct = hits / (hits + maps)) are refused with a message
 * saying so: re-record them.
 * Version 3: exit reasons (the top-level "reasons" array, metadata.reasons
 * and metadata.reasons_dropped).  Version 2 files are still read: they
 * have no reasons (meta.reasons false, no entries).  The writer always
 * writes the current version.
 */
#define NVMX_RES_SCHEMA_VERSION 3
#define NVMX_RES_SCHEMA_VERSION_MIN 2	/* the oldest one read */
#define NVMX_RES_NAME_MAX 64
#define NVMX_RES_MAX_RUNS 10000
#define NVMX_RES_ERR_MAX 512

/* Which direction of change is an improvement. */
enum nvmx_res_better {
	NVMX_BETTER_NONE = 0,	/* informational, never gated */
	NVMX_BETTER_LOWER,
	NVMX_BETTER_HIGHER,
};

/* One run's histogram: dense slot counts (nvmx_hist_slots(k) of them). */
struct nvmx_res_hist {
	uint64_t count;		/* == sum of slots[] */
	uint64_t sum;		/* exact sum of the recorded values */
	bool has_sum;		/* false: sum unknown, use slot midpoints */
	uint64_t *slots;
};

struct nvmx_res_metric {
	char *name;		/* e.g. "kvm_run_ns" or "vmcs12_pages_ns" */
	char *unit;		/* "ns" or "cycles" */
	char *desc;		/* may be NULL */
	enum nvmx_res_better better;	/* always LOWER for latencies */
	unsigned int nruns;
	struct nvmx_res_hist *runs;
};

struct nvmx_res_counter {
	char *name;
	char *unit;		/* "count" or "percent" */
	char *desc;		/* may be NULL */
	enum nvmx_res_better better;
	unsigned int nruns;
	/*
	 * Per run; integral unless unit is percent.  Any value may be NAN:
	 * undefined (0/0) or unavailable on the traced kernel (null).
	 */
	double *values;
};

/*
 * Exit reasons (version 3).  The paths of an exit (the probe core's enum
 * nvmx_rpath, in this order): exit of L1, exit of L2 handled in L0, exit
 * of L2 reflected to L1, exit into L1 synthesized by L0.
 */
#define NVMX_RES_RPATHS 4
/* log2(ns) latency buckets: slot 0 holds [0, 2) ns, slot i [2^i, 2^(i+1)),
 * the last one everything from 2^31 ns on (NVMX_RLAT_SLOTS) */
#define NVMX_RES_RLAT_SLOTS 32
/* at most this many reasons (isa, code pairs) in a file, as for metrics */
#define NVMX_RES_MAX_REASONS 1024
/* KVM's trace ISA values (KVM_ISA_VMX, KVM_ISA_SVM) */
#define NVMX_RES_ISA_VMX 1
#define NVMX_RES_ISA_SVM 2
/*
 * metadata.reason_isas (optional in version 3): NVMX_RES_RISA_KNOWN when
 * the file says which ISAs' exit codes the probes could read, and
 * NVMX_RES_RISA(isa) for each; 0: not said (recorded before).  The same
 * bits as the probe core's nvmx_meta.reason_isas.
 */
#define NVMX_RES_RISA_KNOWN 1U
#define NVMX_RES_RISA(isa) (1U << (isa))

/* "l1", "l2_l0", "l2_l1", "synth" */
extern const char *const nvmx_res_rpath_names[NVMX_RES_RPATHS];

/* One run's latencies of one path of one reason */
struct nvmx_res_rlat {
	uint64_t count;		/* == sum of slots[] */
	uint64_t sum;		/* ns, exact */
	uint64_t max;		/* ns; in its highest slot (0 without samples) */
	uint64_t slots[NVMX_RES_RLAT_SLOTS];
};

struct nvmx_res_reason {
	uint32_t isa;		/* NVMX_RES_ISA_VMX or NVMX_RES_ISA_SVM */
	uint32_t code;		/* exit reason / exit code; ~0: unknown */
	char *label;		/* its name as the recording tool knew it */
	unsigned int nruns;
	uint64_t *counts[NVMX_RES_RPATHS];		/* exits per run */
	struct nvmx_res_rlat *lat[NVMX_RES_RPATHS];	/* per run */
};

struct nvmx_res_attach {
	char *hook;
	char *method;		/* "tp_btf", "raw_tp", "fentry", ..., or "none" */
	char *reason;		/* why unavailable, or NULL */
};

struct nvmx_res_run_info {
	double duration_s;
	int exit_status;	/* -1: no workload command */
};

struct nvmx_res_meta {
	char *tool;
	char *tool_version;
	char *kernel_release;
	bool series_tracepoints;
	char *cpu_model;
	char *hostname;
	char *start_time;	/* ISO 8601 UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	double duration_s;
	char **argv;		/* workload command line, NULL-terminated */
	unsigned int argc;
	int exit_status;	/* -1 when there is no workload command */
	int target_pid;		/* 0: all processes */
	char *guest;		/* -g NAME, NULL: any VM */
	char *cgroup;		/* --cgroup directory, NULL: any */
	char *label;		/* may be NULL */
	unsigned int repetitions;	/* runs recorded */
	unsigned int repetitions_requested;
	bool interrupted;
	unsigned int hist_k;
	unsigned int nattach;
	struct nvmx_res_attach *attach;
	struct nvmx_res_run_info *run_info;	/* repetitions entries */
	/* version 3: exit reasons were read (false: version 2 files) */
	bool reasons;
	uint64_t reasons_dropped;	/* reason events not counted */
	unsigned int reason_isas;	/* NVMX_RES_RISA_*; 0: not in the file */
};

struct nvmx_results {
	struct nvmx_res_meta meta;
	unsigned int nmetrics;
	struct nvmx_res_metric *metrics;
	unsigned int ncounters;
	struct nvmx_res_counter *counters;
	unsigned int nreasons;		/* 0 unless meta.reasons */
	struct nvmx_res_reason *reasons;
};

/*
 * Parse and validate a results document.  On error returns -EINVAL (or
 * -ENOMEM, -EIO...) and writes a one-line message (without the file
 * name) to err.
 */
int nvmx_res_parse(const char *buf, size_t len, struct nvmx_results **out,
		   char *err, size_t errlen);
/* Read and validate FILE; messages are prefixed with the file name. */
int nvmx_res_read(const char *path, struct nvmx_results **out, char *err,
		  size_t errlen);
/* Validate an in-memory document (the writer calls this first). */
int nvmx_res_validate(const struct nvmx_results *r, char *err, size_t errlen);
/* Serialise to a malloc'd NUL-terminated string (pretty-printed). */
int nvmx_res_to_string(const struct nvmx_results *r, char **out,
		       char *err, size_t errlen);
/*
 * Validate, then write atomically with tools/util's nvmx_atomic_write: a
 * temporary file in the target's directory, fsync, rename over path,
 * fsync the directory.  A crash or kill at any point leaves either the
 * old file or the new one.
 */
int nvmx_res_write(const char *path, const struct nvmx_results *r,
		   char *err, size_t errlen);

void nvmx_res_free(struct nvmx_results *r);

/* Builder helpers for writers (record, tests, the scale tool). */
struct nvmx_results *nvmx_res_new(unsigned int hist_k, unsigned int nruns);
struct nvmx_res_metric *nvmx_res_add_metric(struct nvmx_results *r,
					    const char *name, const char *unit,
					    const char *desc);
struct nvmx_res_counter *nvmx_res_add_counter(struct nvmx_results *r,
					      const char *name,
					      const char *unit,
					      const char *desc,
					      enum nvmx_res_better better);
int nvmx_res_add_attach(struct nvmx_results *r, const char *hook,
			const char *method, const char *reason);
/* Add exit reason (isa, code), zero in every run; NULL: no memory. */
struct nvmx_res_reason *nvmx_res_add_reason(struct nvmx_results *r, uint32_t isa,
					    uint32_t code, const char *label);
/* Grow every metric, counter and reason to nruns runs (new runs are zero). */
int nvmx_res_set_runs(struct nvmx_results *r, unsigned int nruns);
/*
 * A reason path's run as read from the probes: count from the slots, and
 * a sum or max read while the probe was updating them (its sample in a
 * slot but not yet in the sum) moved to the nearest value the slots allow.
 */
void nvmx_res_rlat_fit(struct nvmx_res_rlat *l);
/* Recompute each run's count from its slots (sum is left alone). */
void nvmx_res_fix_counts(struct nvmx_results *r);

const struct nvmx_res_metric *nvmx_res_find_metric(const struct nvmx_results *r,
						   const char *name);
const struct nvmx_res_counter *nvmx_res_find_counter(const struct nvmx_results *r,
						     const char *name);
const struct nvmx_res_reason *nvmx_res_find_reason(const struct nvmx_results *r,
						   uint32_t isa, uint32_t code);
/* "vmx", "svm"; NULL for another ISA value */
const char *nvmx_res_isa_name(uint32_t isa);
/* Exits of reason x in run (all paths) */
uint64_t nvmx_res_reason_total(const struct nvmx_res_reason *x, unsigned int run);
const char *nvmx_res_better_str(enum nvmx_res_better b);

#endif /* NVMX_RESULTS_H */
