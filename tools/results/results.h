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
 */
#define NVMX_RES_SCHEMA_VERSION 2
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
};

struct nvmx_results {
	struct nvmx_res_meta meta;
	unsigned int nmetrics;
	struct nvmx_res_metric *metrics;
	unsigned int ncounters;
	struct nvmx_res_counter *counters;
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
/* Grow every metric and counter to nruns runs (new runs are zero). */
int nvmx_res_set_runs(struct nvmx_results *r, unsigned int nruns);
/* Recompute each run's count from its slots (sum is left alone). */
void nvmx_res_fix_counts(struct nvmx_results *r);

const struct nvmx_res_metric *nvmx_res_find_metric(const struct nvmx_results *r,
						   const char *name);
const struct nvmx_res_counter *nvmx_res_find_counter(const struct nvmx_results *r,
						     const char *name);
const char *nvmx_res_better_str(enum nvmx_res_better b);

#endif /* NVMX_RESULTS_H */
