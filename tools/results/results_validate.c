// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files: the rules of docs/results-format.md checked on the
 * in-memory model, for the reader (after parsing) and the writer (before
 * writing).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <string.h>

#include "results_priv.h"
#include "../core/hist.h"

/* [a-z][a-z0-9_.]*, not ending in a dot, at most NVMX_RES_NAME_MAX long */
bool nvmx_res_valid_name(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > NVMX_RES_NAME_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '_' || c == '.'))
			return false;
	}
	return s[n - 1] != '.';
}

static bool valid_time(const char *s)
{
	/* YYYY-MM-DDTHH:MM:SSZ */
	static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
	size_t i;

	if (strlen(s) != sizeof(pat) - 1)
		return false;
	for (i = 0; i < sizeof(pat) - 1; i++) {
		if (pat[i] == 'd') {
			if (s[i] < '0' || s[i] > '9')
				return false;
		} else if (s[i] != pat[i]) {
			return false;
		}
	}
	return true;
}

bool nvmx_res_time_unit(const char *u)
{
	return !strcmp(u, "ns") || !strcmp(u, "cycles");
}

/* ---------------------------------------------------------------- */
/* Validation of the in-memory model (shared by reader and writer). */

/* metadata: ranges, repetitions, times, exit statuses, hooks */
static int validate_meta(const struct nvmx_res_meta *m, char *err, size_t errlen)
{
	unsigned int i, j, k = m->hist_k;

	if (k > NVMX_HIST_K_MAX)
		return fail(err, errlen, "metadata.hist_k: %u out of range 0..%d",
			    k, NVMX_HIST_K_MAX);
	if (m->repetitions < 1 || m->repetitions > NVMX_RES_MAX_RUNS)
		return fail(err, errlen, "metadata.repetitions: %u out of range 1..%d",
			    m->repetitions, NVMX_RES_MAX_RUNS);
	if (m->repetitions_requested < 1 ||
	    m->repetitions_requested > NVMX_RES_MAX_RUNS)
		return fail(err, errlen,
			    "metadata.repetitions_requested: %u out of range 1..%d",
			    m->repetitions_requested, NVMX_RES_MAX_RUNS);
	if (!m->interrupted && m->repetitions != m->repetitions_requested)
		return fail(err, errlen,
			    "metadata: %u of %u repetitions recorded but not marked interrupted",
			    m->repetitions, m->repetitions_requested);
	if (m->repetitions > m->repetitions_requested)
		return fail(err, errlen,
			    "metadata: more repetitions recorded (%u) than requested (%u)",
			    m->repetitions, m->repetitions_requested);
	if (!m->start_time || !valid_time(m->start_time))
		return fail(err, errlen,
			    "metadata.start_time: not an ISO 8601 UTC time YYYY-MM-DDTHH:MM:SSZ");
	if (!isfinite(m->duration_s) || m->duration_s < 0)
		return fail(err, errlen, "metadata.duration_s: must be a finite number >= 0");
	if (m->exit_status < -1 || m->exit_status > 255)
		return fail(err, errlen, "metadata.workload.exit_status: %d out of range 0..255",
			    m->exit_status);
	if (m->target_pid < 0)
		return fail(err, errlen, "metadata.workload.pid: negative");
	if (!m->tool || !m->tool_version || !m->kernel_release ||
	    !m->cpu_model || !m->hostname)
		return fail(err, errlen, "metadata: missing string field");
	for (i = 0; i < m->repetitions; i++) {
		const struct nvmx_res_run_info *ri = &m->run_info[i];

		if (!isfinite(ri->duration_s) || ri->duration_s < 0)
			return fail(err, errlen,
				    "metadata.runs[%u].duration_s: must be a finite number >= 0", i);
		if (ri->exit_status < -1 || ri->exit_status > 255)
			return fail(err, errlen,
				    "metadata.runs[%u].exit_status: %d out of range 0..255",
				    i, ri->exit_status);
	}
	for (i = 0; i < m->nattach; i++) {
		if (!m->attach[i].hook || !nvmx_res_valid_name(m->attach[i].hook))
			return fail(err, errlen, "metadata.attach[%u].hook: invalid name", i);
		if (!m->attach[i].method || !m->attach[i].method[0])
			return fail(err, errlen, "metadata.attach[%u].method: empty", i);
		for (j = 0; j < i; j++)
			if (!strcmp(m->attach[i].hook, m->attach[j].hook))
				return fail(err, errlen, "metadata.attach: duplicate hook '%s'",
					    m->attach[i].hook);
	}
	return 0;
}

/* metrics: names, units, runs; each run's count and sum against its slots */
static int validate_metrics(const struct nvmx_results *r, char *err, size_t errlen)
{
	const struct nvmx_res_meta *m = &r->meta;
	unsigned int i, j, k = m->hist_k, nslots = nvmx_hist_slots(k), run;

	for (i = 0; i < r->nmetrics; i++) {
		const struct nvmx_res_metric *me = &r->metrics[i];

		if (!me->name || !nvmx_res_valid_name(me->name))
			return fail(err, errlen, "metrics[%u].name: invalid name", i);
		if (nvmx_res_find_metric(r, me->name) != me)	/* an earlier one */
			return fail(err, errlen, "metrics: duplicate metric '%s'", me->name);
		if (!me->unit || !nvmx_res_time_unit(me->unit))
			return fail(err, errlen,
				    "metrics.%s.unit: '%s' is not a latency unit (ns, cycles)",
				    me->name, me->unit ? me->unit : "");
		if (me->better != NVMX_BETTER_LOWER)
			return fail(err, errlen, "metrics.%s.better: latencies must be 'lower'",
				    me->name);
		if (me->nruns != m->repetitions)
			return fail(err, errlen,
				    "metrics.%s.runs: %u runs but metadata.repetitions is %u",
				    me->name, me->nruns, m->repetitions);
		for (run = 0; run < me->nruns; run++) {
			const struct nvmx_res_hist *h = &me->runs[run];
			unsigned __int128 lo = 0, hi = 0, tot = 0;

			for (j = 0; j < nslots; j++) {
				if (!h->slots[j])
					continue;
				tot += h->slots[j];
				lo += (unsigned __int128)h->slots[j] * nvmx_hist_lower(j, k);
				hi += (unsigned __int128)h->slots[j] * nvmx_hist_upper(j, k);
			}
			if (tot != h->count)
				return fail(err, errlen,
					    "metrics.%s.runs[%u]: count %llu but slots hold %llu values",
					    me->name, run, (unsigned long long)h->count,
					    (unsigned long long)tot);
			if (h->has_sum && (h->sum < lo || h->sum > hi))
				return fail(err, errlen,
					    "metrics.%s.runs[%u]: sum %llu outside the slot bounds [%llu, %llu]",
					    me->name, run, (unsigned long long)h->sum,
					    (unsigned long long)lo,
					    hi > UINT64_MAX ? (unsigned long long)UINT64_MAX :
					    (unsigned long long)hi);
		}
	}
	return 0;
}

/* counters: names (not a metric's), units, and each run's value */
static int validate_counters(const struct nvmx_results *r, char *err, size_t errlen)
{
	const struct nvmx_res_meta *m = &r->meta;
	unsigned int i, run;

	for (i = 0; i < r->ncounters; i++) {
		const struct nvmx_res_counter *c = &r->counters[i];
		bool pct;

		if (!c->name || !nvmx_res_valid_name(c->name))
			return fail(err, errlen, "counters[%u].name: invalid name", i);
		if (nvmx_res_find_counter(r, c->name) != c)	/* an earlier one */
			return fail(err, errlen, "counters: duplicate counter '%s'", c->name);
		if (nvmx_res_find_metric(r, c->name))
			return fail(err, errlen, "counters.%s: name also used by a metric",
				    c->name);
		if (!c->unit || (strcmp(c->unit, "count") && strcmp(c->unit, "percent")))
			return fail(err, errlen,
				    "counters.%s.unit: '%s' is not 'count' or 'percent'",
				    c->name, c->unit ? c->unit : "");
		pct = !strcmp(c->unit, "percent");
		if (c->nruns != m->repetitions)
			return fail(err, errlen,
				    "counters.%s.runs: %u runs but metadata.repetitions is %u",
				    c->name, c->nruns, m->repetitions);
		for (run = 0; run < c->nruns; run++) {
			double v = c->values[run];

			if (isnan(v))
				continue;	/* undefined / unavailable: null */
			if (!isfinite(v) || v < 0)
				return fail(err, errlen,
					    "counters.%s.runs[%u]: must be a finite number >= 0",
					    c->name, run);
			if (pct && v > 100)
				return fail(err, errlen,
					    "counters.%s.runs[%u]: percentage %g > 100",
					    c->name, run, v);
			if (!pct && (v != floor(v) || v > 9007199254740992.0))
				return fail(err, errlen,
					    "counters.%s.runs[%u]: count %g is not an integer",
					    c->name, run, v);
		}
	}
	return 0;
}

/*
 * One run's latencies of a reason path (w names it): count against the
 * slots, the sum between the slots' bounds, the maximum in the highest
 * slot, and nothing but zeros without samples.
 */
static int validate_rlat(const struct nvmx_res_rlat *l, const char *w,
			 char *err, size_t errlen)
{
	unsigned __int128 lo = 0, hi = 0, tot = 0;
	int top = -1;
	unsigned int i;

	for (i = 0; i < NVMX_RES_RLAT_SLOTS; i++) {
		if (!l->slots[i])
			continue;
		tot += l->slots[i];
		lo += (unsigned __int128)l->slots[i] * rlat_lower(i);
		hi += (unsigned __int128)l->slots[i] * rlat_upper(i);
		top = (int)i;
	}
	if (tot != l->count)
		return fail(err, errlen, "%s: count %llu but slots hold %llu values", w,
			    (unsigned long long)l->count, (unsigned long long)tot);
	if (top < 0 && (l->sum || l->max))
		return fail(err, errlen, "%s: sum and max must be 0 without samples", w);
	if (top >= 0 && (l->sum < lo || l->sum > hi))
		return fail(err, errlen, "%s: sum %llu outside the slot bounds [%llu, %llu]",
			    w, (unsigned long long)l->sum, (unsigned long long)lo,
			    hi > UINT64_MAX ? (unsigned long long)UINT64_MAX :
			    (unsigned long long)hi);
	if (top >= 0 && (l->max < rlat_lower((unsigned int)top) ||
			 l->max > rlat_upper((unsigned int)top)))
		return fail(err, errlen, "%s: max %llu not in the highest slot (%d)", w,
			    (unsigned long long)l->max, top);
	return 0;
}

/* One reason: its ISA, label, runs and latencies */
static int validate_reason(const struct nvmx_results *r, unsigned int i,
			   char *err, size_t errlen)
{
	const struct nvmx_res_reason *x = &r->reasons[i];
	const char *isa = nvmx_res_isa_name(x->isa);
	unsigned int p, run;
	char w[128];
	int ret;

	if (!isa)
		return fail(err, errlen, "reasons[%u].isa: %u is not vmx or svm", i, x->isa);
	snprintf(w, sizeof(w), "reasons.%s.%u", isa, x->code);
	if (!x->label || !x->label[0] || strlen(x->label) > NVMX_RES_NAME_MAX)
		return fail(err, errlen, "%s.reason: empty or longer than %d chars", w,
			    NVMX_RES_NAME_MAX);
	if (nvmx_res_find_reason(r, x->isa, x->code) != x)	/* an earlier one */
		return fail(err, errlen, "reasons: duplicate reason %s %u", isa, x->code);
	if (x->nruns != r->meta.repetitions)
		return fail(err, errlen, "%s: %u runs but metadata.repetitions is %u",
			    w, x->nruns, r->meta.repetitions);
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		for (run = 0; run < x->nruns; run++) {
			char wl[192];

			snprintf(wl, sizeof(wl), "%s.latency_ns.%s[%u]", w,
				 nvmx_res_rpath_names[p], run);
			ret = validate_rlat(&x->lat[p][run], wl, err, errlen);
			if (ret)
				return ret;
		}
	}
	return 0;
}

/* reasons: only when metadata.reasons says they were read */
static int validate_reasons(const struct nvmx_results *r, char *err, size_t errlen)
{
	unsigned int i;
	int ret;

	if (!r->meta.reasons && r->nreasons)
		return fail(err, errlen, "reasons: %u entries but metadata.reasons is false",
			    r->nreasons);
	if (r->meta.reason_isas & ~(NVMX_RES_RISA_KNOWN | NVMX_RES_RISA(NVMX_RES_ISA_VMX) |
				     NVMX_RES_RISA(NVMX_RES_ISA_SVM)) ||
	    (r->meta.reason_isas && !(r->meta.reason_isas & NVMX_RES_RISA_KNOWN)))
		return fail(err, errlen, "metadata.reason_isas: 0x%x is not a set of vmx and svm",
			    r->meta.reason_isas);
	if (!r->meta.reasons && r->meta.reasons_dropped)
		return fail(err, errlen,
			    "metadata.reasons_dropped: %llu but metadata.reasons is false",
			    (unsigned long long)r->meta.reasons_dropped);
	if (r->nreasons > NVMX_RES_MAX_REASONS)
		return fail(err, errlen, "reasons: %u entries, more than %d", r->nreasons,
			    NVMX_RES_MAX_REASONS);
	for (i = 0; i < r->nreasons; i++) {
		ret = validate_reason(r, i, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

int nvmx_res_validate(const struct nvmx_results *r, char *err, size_t errlen)
{
	return validate_meta(&r->meta, err, errlen) ?:
	       validate_metrics(r, err, errlen) ?:
	       validate_counters(r, err, errlen) ?:
	       validate_reasons(r, err, errlen);
}
