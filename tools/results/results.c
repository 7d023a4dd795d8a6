// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files (docs/results-format.md): the in-memory model, its
 * builders, lookups and free.  Validation, reading and writing are
 * results_validate.c, results_read.c and results_write.c.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "results_priv.h"
#include "../core/hist.h"

const char *nvmx_res_better_str(enum nvmx_res_better b)
{
	switch (b) {
	case NVMX_BETTER_LOWER:
		return "lower";
	case NVMX_BETTER_HIGHER:
		return "higher";
	default:
		return "none";
	}
}

/* ---------------------------------------------------------------- */
/* Model helpers */

void nvmx_res_free(struct nvmx_results *r)
{
	struct nvmx_res_meta *m;
	unsigned int i, j;

	if (!r)
		return;
	m = &r->meta;
	free(m->tool);
	free(m->tool_version);
	free(m->kernel_release);
	free(m->cpu_model);
	free(m->hostname);
	free(m->start_time);
	free(m->label);
	free(m->guest);
	free(m->cgroup);
	for (i = 0; m->argv && m->argv[i]; i++)
		free(m->argv[i]);
	free(m->argv);
	for (i = 0; i < m->nattach; i++) {
		free(m->attach[i].hook);
		free(m->attach[i].method);
		free(m->attach[i].reason);
	}
	free(m->attach);
	free(m->run_info);
	for (i = 0; i < r->nmetrics; i++) {
		for (j = 0; j < r->metrics[i].nruns; j++)
			free(r->metrics[i].runs[j].slots);
		free(r->metrics[i].runs);
		free(r->metrics[i].name);
		free(r->metrics[i].unit);
		free(r->metrics[i].desc);
	}
	free(r->metrics);
	for (i = 0; i < r->ncounters; i++) {
		free(r->counters[i].values);
		free(r->counters[i].name);
		free(r->counters[i].unit);
		free(r->counters[i].desc);
	}
	free(r->counters);
	free(r);
}

struct nvmx_results *nvmx_res_new(unsigned int hist_k, unsigned int nruns)
{
	struct nvmx_results *r;

	if (hist_k > NVMX_HIST_K_MAX || nruns < 1 || nruns > NVMX_RES_MAX_RUNS)
		return NULL;
	r = calloc(1, sizeof(*r));
	if (!r)
		return NULL;
	r->meta.hist_k = hist_k;
	r->meta.exit_status = -1;
	r->meta.argv = calloc(1, sizeof(char *));
	r->meta.attach = calloc(1, sizeof(*r->meta.attach));
	r->metrics = calloc(1, sizeof(*r->metrics));
	r->counters = calloc(1, sizeof(*r->counters));
	if (!r->meta.argv || !r->meta.attach || !r->metrics || !r->counters ||
	    nvmx_res_set_runs(r, nruns)) {
		nvmx_res_free(r);
		return NULL;
	}
	r->meta.repetitions_requested = nruns;
	return r;
}

int nvmx_res_set_runs(struct nvmx_results *r, unsigned int nruns)
{
	unsigned int i, j, nslots = nvmx_hist_slots(r->meta.hist_k);
	void *p;

	if (nruns < r->meta.repetitions || nruns > NVMX_RES_MAX_RUNS)
		return -EINVAL;
	p = realloc(r->meta.run_info, nruns * sizeof(*r->meta.run_info));
	if (!p)
		return -ENOMEM;
	r->meta.run_info = p;
	for (j = r->meta.repetitions; j < nruns; j++) {
		r->meta.run_info[j].duration_s = 0;
		r->meta.run_info[j].exit_status = -1;
	}
	for (i = 0; i < r->nmetrics; i++) {
		struct nvmx_res_metric *me = &r->metrics[i];

		p = realloc(me->runs, nruns * sizeof(*me->runs));
		if (!p)
			return -ENOMEM;
		me->runs = p;
		for (j = me->nruns; j < nruns; j++) {
			memset(&me->runs[j], 0, sizeof(me->runs[j]));
			me->runs[j].slots = calloc(nslots, sizeof(uint64_t));
			if (!me->runs[j].slots)
				return -ENOMEM;
			me->nruns = j + 1;
		}
	}
	for (i = 0; i < r->ncounters; i++) {
		struct nvmx_res_counter *c = &r->counters[i];

		p = realloc(c->values, nruns * sizeof(double));
		if (!p)
			return -ENOMEM;
		c->values = p;
		for (j = c->nruns; j < nruns; j++)
			c->values[j] = 0;
		c->nruns = nruns;
	}
	r->meta.repetitions = nruns;
	return 0;
}

struct nvmx_res_metric *nvmx_res_add_metric(struct nvmx_results *r,
					    const char *name, const char *unit,
					    const char *desc)
{
	unsigned int j, nslots = nvmx_hist_slots(r->meta.hist_k);
	struct nvmx_res_metric *me, *p;

	p = realloc(r->metrics, (r->nmetrics + 1) * sizeof(*p));
	if (!p)
		return NULL;
	r->metrics = p;
	me = &p[r->nmetrics];
	memset(me, 0, sizeof(*me));
	me->better = NVMX_BETTER_LOWER;
	me->name = strdup(name);
	me->unit = strdup(unit);
	me->desc = desc ? strdup(desc) : NULL;
	me->runs = calloc(r->meta.repetitions, sizeof(*me->runs));
	r->nmetrics++;
	if (!me->name || !me->unit || (desc && !me->desc) || !me->runs)
		return NULL;
	for (j = 0; j < r->meta.repetitions; j++) {
		me->runs[j].slots = calloc(nslots, sizeof(uint64_t));
		if (!me->runs[j].slots)
			return NULL;
		me->nruns = j + 1;
	}
	return me;
}

struct nvmx_res_counter *nvmx_res_add_counter(struct nvmx_results *r,
					      const char *name,
					      const char *unit,
					      const char *desc,
					      enum nvmx_res_better better)
{
	struct nvmx_res_counter *c, *p;

	p = realloc(r->counters, (r->ncounters + 1) * sizeof(*p));
	if (!p)
		return NULL;
	r->counters = p;
	c = &p[r->ncounters];
	memset(c, 0, sizeof(*c));
	c->better = better;
	c->name = strdup(name);
	c->unit = strdup(unit);
	c->desc = desc ? strdup(desc) : NULL;
	c->values = calloc(r->meta.repetitions, sizeof(double));
	r->ncounters++;
	if (!c->name || !c->unit || (desc && !c->desc) || !c->values)
		return NULL;
	c->nruns = r->meta.repetitions;
	return c;
}

int nvmx_res_add_attach(struct nvmx_results *r, const char *hook,
			const char *method, const char *reason)
{
	struct nvmx_res_attach *p, *a;

	p = realloc(r->meta.attach, (r->meta.nattach + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	r->meta.attach = p;
	a = &p[r->meta.nattach];
	memset(a, 0, sizeof(*a));
	r->meta.nattach++;
	a->hook = strdup(hook);
	a->method = strdup(method);
	a->reason = reason ? strdup(reason) : NULL;
	if (!a->hook || !a->method || (reason && !a->reason))
		return -ENOMEM;
	return 0;
}

void nvmx_res_fix_counts(struct nvmx_results *r)
{
	unsigned int i, j, nslots = nvmx_hist_slots(r->meta.hist_k);

	for (i = 0; i < r->nmetrics; i++)
		for (j = 0; j < r->metrics[i].nruns; j++)
			r->metrics[i].runs[j].count =
				nvmx_hist_total(r->metrics[i].runs[j].slots, nslots);
}

const struct nvmx_res_metric *nvmx_res_find_metric(const struct nvmx_results *r,
						   const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nmetrics; i++)
		if (!strcmp(r->metrics[i].name, name))
			return &r->metrics[i];
	return NULL;
}

const struct nvmx_res_counter *nvmx_res_find_counter(const struct nvmx_results *r,
						     const char *name)
{
	unsigned int i;

	for (i = 0; i < r->ncounters; i++)
		if (!strcmp(r->counters[i].name, name))
			return &r->counters[i];
	return NULL;
}
