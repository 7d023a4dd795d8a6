/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nvmx-gpc-overhead, private: a tracer's run, and what parse.c reads out
 * of its output.
 */
#ifndef NVMX_OVERHEAD_H
#define NVMX_OVERHEAD_H

#include <limits.h>
#include <sys/types.h>

/* One run of a tracer: its process, its stdout and its data file. */
struct tracer_run {
	pid_t pid;
	char out[PATH_MAX];
	char data[PATH_MAX];
};

/* The whole file at path, NUL-terminated (malloc'd), or NULL. */
char *slurp(const char *path);

/*
 * How many PIO exits of workload wpid the tracer of run t saw, from its
 * output; -1 if it cannot tell.
 */
long long seen_bpftrace(const struct tracer_run *t, pid_t wpid);
long long seen_top(const struct tracer_run *t, pid_t wpid);
long long seen_record(const struct tracer_run *t, pid_t wpid);
long long seen_perf(const struct tracer_run *t, pid_t wpid);

#endif
