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

const char *const nvmx_res_rpath_names[NVMX_RES_RPATHS] = {
	"l1", "l2_l0", "l2_l1", "synth",
};

const char *nvmx_res_isa_name(uint32_t isa)
{
	switch (isa) {
	case NVMX_RES_ISA_VMX:
		return "vmx";
	case NVMX_RES_ISA_SVM:
		return "svm";
	default:
		return NULL;
	}
}

/* ---------------------------------------------------------------- */
/* Model helpers */

static void free_reasons(struct nvmx_results *r)
{
	unsigned int i, p;

	for (i = 0; i < r->nreasons; i++) {
		for (p = 0; p < NVMX_RES_RPATHS; p++) {
			free(r->reasons[i].counts[p]);
			free(r->reasons[i].lat[p]);
		}
		free(r->reasons[i].label);
	}
	free(r->reasons);
}

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
	free_reasons(r);
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

/* Grow reason x to nruns runs, the new ones zero. */
static int grow_reason(struct nvmx_res_reason *x, unsigned int nruns)
{
	unsigned int p, n = x->nruns;
	void *q;

	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		q = realloc(x->counts[p], nruns * sizeof(*x->counts[p]));
		if (!q)
			return -ENOMEM;
		x->counts[p] = q;
		memset(x->counts[p] + n, 0, (nruns - n) * sizeof(*x->counts[p]));
		q = realloc(x->lat[p], nruns * sizeof(*x->lat[p]));
		if (!q)
			return -ENOMEM;
		x->lat[p] = q;
		memset(x->lat[p] + n, 0, (nruns - n) * sizeof(*x->lat[p]));
	}
	x->nruns = nruns;
	return 0;
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
	for (i = 0; i < r->nreasons; i++)
		if (grow_reason(&r->reasons[i], nruns))
			return -ENOMEM;
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

/* Kept sorted by (isa, code), as the probe core sorts a row's reasons. */
struct nvmx_res_reason *nvmx_res_add_reason(struct nvmx_results *r, uint32_t isa,
					    uint32_t code, const char *label)
{
	struct nvmx_res_reason *x, *p;
	unsigned int i;

	p = realloc(r->reasons, (r->nreasons + 1) * sizeof(*p));
	if (!p)
		return NULL;
	r->reasons = p;
	for (i = 0; i < r->nreasons; i++)
		if (p[i].isa > isa || (p[i].isa == isa && p[i].code > code))
			break;
	memmove(&p[i + 1], &p[i], (r->nreasons - i) * sizeof(*p));
	r->nreasons++;
	x = &p[i];
	memset(x, 0, sizeof(*x));
	x->isa = isa;
	x->code = code;
	x->label = strdup(label);
	if (!x->label || grow_reason(x, r->meta.repetitions))
		return NULL;
	return x;
}

void nvmx_res_rlat_fit(struct nvmx_res_rlat *l)
{
	unsigned __int128 lo = 0, hi = 0;
	unsigned int i;
	int top = -1;

	l->count = 0;
	for (i = 0; i < NVMX_RES_RLAT_SLOTS; i++) {
		if (!l->slots[i])
			continue;
		l->count += l->slots[i];
		lo += (unsigned __int128)l->slots[i] * rlat_lower(i);
		hi += (unsigned __int128)l->slots[i] * rlat_upper(i);
		top = (int)i;
	}
	if (top < 0) {
		l->sum = l->max = 0;
		return;
	}
	if (l->sum < lo)
		l->sum = (uint64_t)lo;
	else if (l->sum > hi)
		l->sum = (uint64_t)hi;
	if (l->max < rlat_lower((unsigned int)top))
		l->max = rlat_lower((unsigned int)top);
	else if (l->max > rlat_upper((unsigned int)top))
		l->max = rlat_upper((unsigned int)top);
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

const struct nvmx_res_reason *nvmx_res_find_reason(const struct nvmx_results *r,
						   uint32_t isa, uint32_t code)
{
	unsigned int i;

	for (i = 0; i < r->nreasons; i++)
		if (r->reasons[i].isa == isa && r->reasons[i].code == code)
			return &r->reasons[i];
	return NULL;
}

uint64_t nvmx_res_reason_total(const struct nvmx_res_reason *x, unsigned int run)
{
	uint64_t n = 0;
	unsigned int p;

	for (p = 0; p < NVMX_RES_RPATHS; p++)
		n += x->counts[p][run];
	return n;
}
