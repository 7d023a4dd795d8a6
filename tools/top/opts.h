/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef NVMX_TOP_OPTS_H
#define NVMX_TOP_OPTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "nvmx_core.h"

struct top_opts {
	bool batch;		/* -b */
	long iterations;	/* -n, 0 = forever */
	double interval;	/* -i seconds */
	pid_t pid;		/* -p, 0 = all */
	enum nvmx_sink_fmt fmt;	/* --json / --csv (batch) */
	bool probes;		/* --probes */
	bool stats;		/* --stats */
	bool per_vcpu;		/* --vcpus */
	bool hists;		/* --hists */
	bool counts_only;	/* --counts-only */
	bool reasons;		/* -x: the exit-reason drill-down */
	bool no_reasons;	/* --no-reasons */
	uint64_t than_ns;	/* --than USEC, in ns; 0: off */
	unsigned int sample_n;	/* --sample N; 0: time all */
	unsigned int hist_k;	/* -k */
	int verbose;		/* -v */
	const char *btf;	/* --btf: vmlinux BTF used for probing */
	struct nvmx_vm_filter vmf;	/* -g, --cgroup */
};

enum { TOP_OPTS_RUN = 0, TOP_OPTS_EXIT = 1 };

/*
 * Parse argv.  Returns TOP_OPTS_RUN, TOP_OPTS_EXIT (help/version printed
 * to out), or -EINVAL with a one-line message in err.
 */
int top_parse_args(int argc, char **argv, struct top_opts *o, FILE *out,
		   char *err, size_t errlen);
void top_usage(FILE *f);

#endif
