/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* nvmx-gpc-exporter's command line (docs/exporter.md, docs/cli.md). */
#ifndef NVMX_EXP_ARGS_H
#define NVMX_EXP_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "nvmx_core.h"

#define EXP_PROG "nvmx-gpc-exporter"
#define EXP_DEFAULT_LISTEN "127.0.0.1:9478"

struct exp_args {
	const char *listen;		/* --listen ADDR:PORT; NULL: none */
	const char *textfile;		/* --textfile PATH; NULL: none */
	unsigned long long interval;	/* -i: textfile period, seconds */
	unsigned long long keep;	/* -K: seconds an exited VM is kept */
	bool per_vcpu;			/* not -T */
	/* -p, -k, -v, --counts-only, --no-reasons, --sample, --than */
	struct nvmx_opts core;
	struct nvmx_vm_filter vmf;	/* -g, --cgroup (core.guest/cgroup point here) */
};

enum { EXP_ARGS_RUN = 0, EXP_ARGS_EXIT = 1 };

/*
 * Parse argv into a (defaults first).  Returns EXP_ARGS_RUN,
 * EXP_ARGS_EXIT (help or version printed to out: exit 0), or -EINVAL
 * with one line in err (exit 2).
 */
int exp_parse_args(int argc, char **argv, struct exp_args *a, FILE *out,
		   char *err, size_t errlen);
void exp_usage(FILE *f);

#endif /* NVMX_EXP_ARGS_H */
