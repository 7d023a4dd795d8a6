// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc-overhead: what each tracer's output says it saw, the number
 * of PIO exits of the workload, so that a run where the tracer missed
 * some is not counted (one function a tracer, named in overhead.c's
 * table of tracers).  Each returns -1 if it cannot tell.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "overhead.h"

char *slurp(const char *path)
{
	char *buf = NULL;
	size_t cap = 0, len = 0;
	FILE *f = fopen(path, "re");

	if (!f)
		return NULL;
	for (;;) {
		size_t r;

		if (cap - len < 4096) {
			char *nb = realloc(buf, cap + 65536);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap += 65536;
		}
		r = fread(buf + len, 1, cap - len - 1, f);
		if (!r)
			break;
		len += r;
	}
	fclose(f);
	if (!buf)
		buf = calloc(1, 1);
	else
		buf[len] = 0;
	return buf;
}

/* bpftrace nvmx-gpc.bt: its @pio[pid, comm] map, printed at exit */
long long seen_bpftrace(const struct tracer_run *t, pid_t wpid)
{
	long long seen = -1;
	char *text, *p, key[64];

	text = slurp(t->out);
	if (!text)
		return -1;
	snprintf(key, sizeof(key), "@pio[%d, ", wpid);
	p = strstr(text, key);
	if (p && (p = strstr(p, "]: ")))
		seen = atoll(p + 3);
	else
		seen = 0;
	free(text);
	return seen;
}

/* JSON lines: largest cumulative totals.pio of VM wpid. */
long long seen_top(const struct tracer_run *t, pid_t wpid)
{
	struct json_object *j, *vms, *vm, *tot, *v;
	char *text, *line, *save;
	long long seen;

	text = slurp(t->out);
	if (!text)
		return -1;
	seen = 0;
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		j = json_tokener_parse(line);
		if (!j)
			continue;
		if (!json_object_object_get_ex(j, "vms", &vms))
			vms = NULL;
		for (size_t k = 0; vms && k < json_object_array_length(vms); k++) {
			vm = json_object_array_get_idx(vms, k);
			if (!json_object_object_get_ex(vm, "pid", &v) ||
			    json_object_get_int(v) != wpid)
				continue;
			if (json_object_object_get_ex(vm, "totals", &tot) &&
			    json_object_object_get_ex(tot, "pio", &v) &&
			    json_object_get_int64(v) > seen)
				seen = json_object_get_int64(v);
		}
		json_object_put(j);
	}
	free(text);
	return seen;
}

/* results file: system-wide counter pio_exits, run 0 */
long long seen_record(const struct tracer_run *t, pid_t wpid)
{
	struct json_object *j, *ctrs, *o, *v;
	long long seen;

	(void)wpid;
	j = json_object_from_file(t->data);
	if (!j)
		return -1;
	seen = 0;
	if (json_object_object_get_ex(j, "counters", &ctrs))
		for (size_t k = 0; k < json_object_array_length(ctrs); k++) {
			o = json_object_array_get_idx(ctrs, k);
			if (json_object_object_get_ex(o, "name", &v) &&
			    !strcmp(json_object_get_string(v), "pio_exits") &&
			    json_object_object_get_ex(o, "runs", &v))
				seen = json_object_get_int64(
					json_object_array_get_idx(v, 0));
		}
	json_object_put(j);
	return seen;
}

/* perf report's header: samples of kvm:kvm_pio (all VMs). */
long long seen_perf(const struct tracer_run *t, pid_t wpid)
{
	char cmd[PATH_MAX * 2], buf[256];
	bool in_pio = false;
	long long seen = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd),
		 "/usr/bin/perf report -i '%s' --stdio --pid %d 2>/dev/null",
		 t->data, wpid);
	f = popen(cmd, "re");
	if (!f)
		return -1;
	while (fgets(buf, sizeof(buf), f)) {
		if (!strncmp(buf, "# Samples:", 10))
			in_pio = strstr(buf, "'kvm:kvm_pio'") != NULL;
		else if (in_pio && !strncmp(buf, "# Event count (approx.): ", 25))
			seen = atoll(buf + 25);
	}
	pclose(f);
	return seen < 0 ? 0 : seen;
}
