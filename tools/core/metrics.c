// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Derived metrics: availability, counts, rates, percentiles, from the
 * catalogue's sources and needed hooks (catalogue.h).
 */
#include <stdio.h>
#include <string.h>

#include "core_priv.h"

#define H(h) (1u << (h))

static bool is_timed(enum nvmx_attach a)
{
	return a == NVMX_ATTACH_FENTRY || a == NVMX_ATTACH_KPROBE;
}

static bool is_series(enum nvmx_attach a)
{
	return a == NVMX_ATTACH_SERIES_TP || a == NVMX_ATTACH_SERIES_RAW_TP;
}

/* Append sep (unless first) and fmt with up to three string arguments. */
static void why_add(char *why, size_t wlen, size_t *off, const char *sep,
		    const char *fmt, const char *a, const char *b,
		    const char *c)
{
	int n;

	if (!why || *off >= wlen)
		return;
	n = snprintf(why + *off, wlen - *off, "%s", *off ? sep : "");
	if (n > 0)
		*off += (size_t)n;
	if (*off >= wlen)
		return;
	n = snprintf(why + *off, wlen - *off, fmt, a, b, c);
	if (n > 0)
		*off += (size_t)n;
	if (*off >= wlen)
		*off = wlen - 1;
}

/*
 * The one availability decision: is requirement r met by the hooks'
 * attach state?  If not, why names every missing hook of each
 * alternative with the hook's own reason ("TARGET: why").
 */
static bool req_ok(const struct nvmx_core *c, const struct nvmx_metric_req *r,
		   char *why, size_t wlen)
{
	size_t off = 0;
	unsigned int i;
	int h;

	if (why && wlen)
		why[0] = 0;
	if (!c || !(r->all[0] | r->timed[0] | r->series[0]))
		return true;
	for (i = 0; i < 2; i++) {
		unsigned int need = r->all[i] | r->timed[i] | r->series[i];
		size_t alt = off;
		bool ok = true;

		if (!need)
			continue;
		for (h = 0; h < NVMX_HOOK_NR; h++) {
			const struct nvmx_hook_info *hi = &c->hooks[h];

			if (!(need & H(h)))
				continue;
			if (hi->method != NVMX_ATTACH_NONE && !c->silent[h] &&
			    (!(r->timed[i] & H(h)) || is_timed(hi->method)) &&
			    (!(r->series[i] & H(h)) || is_series(hi->method)))
				continue;
			ok = false;
			if (hi->method == NVMX_ATTACH_NONE || c->silent[h])
				why_add(why, wlen, &off, off == alt ? (alt ? "; or " : "") : "; ",
					"%s", hi->missing, NULL, NULL);
			else
				why_add(why, wlen, &off, off == alt ? (alt ? "; or " : "") : "; ",
					"%s: attached with %s, but this needs %s",
					hi->target, nvmx_attach_name(hi->method),
					(r->timed[i] & H(h)) ?
					"fentry/fexit or kprobe/kretprobe (latency)" :
					"the nvmx-gpc series tracepoint (page kinds)");
		}
		if (ok) {
			if (why && wlen)
				why[0] = 0;
			return true;
		}
	}
	return false;
}

/* Why a latency is unavailable counting only (nvmx_opts.counts_only). */
#define COUNTS_ONLY_WHY "counting only (--counts-only): no clock read, no latency measured"

void nvmx_metrics_plan(struct nvmx_core *c)
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		if (c->opts.counts_only && nvmx_metric_src(m)->type == NVMX_SRC_PCTL) {
			c->mok[m] = false;
			snprintf(c->mwhy[m], sizeof(c->mwhy[m]), "%s", COUNTS_ONLY_WHY);
			continue;
		}
		c->mok[m] = req_ok(c, &nvmx_metric_def(m)->req, c->mwhy[m],
				   sizeof(c->mwhy[m]));
	}
}

bool nvmx_metric_available(const struct nvmx_core *c, enum nvmx_metric m,
			   const char **why)
{
	bool ok;

	if ((unsigned int)m >= NVMX_M_NR) {
		if (why)
			*why = "unknown metric";
		return false;
	}
	ok = !c || c->mok[m];
	if (why)
		*why = ok ? NULL : c->mwhy[m];
	return ok;
}

/* The raw counter n is counted when the metric that reads it alone is. */
bool nvmx_ctr_available(const struct nvmx_core *c, enum nvmx_ctr n)
{
	int m;

	if ((unsigned int)n >= NVMX_C_NR)
		return false;
	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_src *src = nvmx_metric_src(m);

		if (src->type == NVMX_SRC_CTR && src->a == (int)n)
			return req_ok(c, &nvmx_metric_def(m)->req, NULL, 0);
	}
	return true;	/* NVMX_C_VCPU_ID */
}

bool nvmx_kctr_available(const struct nvmx_core *c, enum nvmx_kctr kc, int kind)
{
	int m = nvmx_kctr_metric(kc);
	const struct nvmx_metric_def *d;

	if (m < 0 || kind > NVMX_PAGE_UNKNOWN)
		return false;
	d = nvmx_metric_def(m);
	if (!req_ok(c, &d->req, NULL, 0))
		return false;
	if (!c || kind < 0 || kind == NVMX_PAGE_UNKNOWN)
		return true;
	/*
	 * A known page kind of a nested map/unmap needs struct vcpu_vmx in
	 * BTF (bpf/core_shims.h); failed gpc uses carry their kind.
	 */
	switch (d->split.from) {
	case NVMX_KINDS_BTF:
		return c->meta.map_kinds;
	case NVMX_KINDS_BTF_OR_GPC_USE:
		return c->meta.map_kinds ||
		       c->hooks[NVMX_HOOK_GPC_USE].method != NVMX_ATTACH_NONE;
	default:
		return true;
	}
}

/* Is histogram h measured here (per-kind ones need the page kinds)? */
bool nvmx_hist_available(const struct nvmx_core *c, enum nvmx_hist h)
{
	const struct nvmx_hist_def *d = nvmx_hist_def(h);

	if (!d)
		return false;
	if (d->kind >= 0 && c && !c->meta.map_kinds)
		return false;
	return nvmx_metric_available(c, d->avail, NULL);
}

static uint64_t kind_sum(const struct nvmx_vcpu_snap *v, int kc)
{
	uint64_t s = 0;
	int k;

	for (k = 0; k < NVMX_KIND_SLOTS; k++)
		s += v->kctr[k][kc];
	return s;
}

/* The integer behind a count or a gauge (*ok false for the others). */
static uint64_t src_count(const struct nvmx_vcpu_snap *v,
			  const struct nvmx_src *src, bool *ok)
{
	*ok = true;
	switch (src->type) {
	case NVMX_SRC_CTR:
		return v->ctr[src->a];
	case NVMX_SRC_DIFF:
		return v->ctr[src->a] >= v->ctr[src->b] ?
		       v->ctr[src->a] - v->ctr[src->b] : 0;
	case NVMX_SRC_KSUM:
		return kind_sum(v, src->a);
	default:
		*ok = false;
		return 0;
	}
}

uint64_t nvmx_metric_count(const struct nvmx_core *c,
			   const struct nvmx_vcpu_snap *v, enum nvmx_metric m,
			   bool *ok)
{
	uint64_t r;

	*ok = (nvmx_metric_is_count(m) || nvmx_metric_is_gauge(m)) &&
	      nvmx_metric_available(c, m, NULL);
	if (!*ok)
		return 0;
	r = src_count(v, nvmx_metric_src(m), ok);
	return *ok ? r : 0;
}

uint64_t nvmx_metric_kind_count(const struct nvmx_core *c,
				const struct nvmx_vcpu_snap *v,
				enum nvmx_metric m, unsigned int kind, bool *ok)
{
	const struct nvmx_metric_def *d = nvmx_metric_def(m);

	*ok = d && d->split.kctr >= 0 && kind <= NVMX_PAGE_UNKNOWN &&
	      nvmx_kctr_available(c, d->split.kctr, (int)kind);
	return *ok ? v->kctr[kind][d->split.kctr] : 0;
}

struct nvmx_metric_val nvmx_saved_pct(uint64_t hits, uint64_t maps)
{
	struct nvmx_metric_val r = { 0, false };

	if (hits + maps == 0)
		return r;
	r.v = 100.0 * (double)hits / (double)(hits + maps);
	r.ok = true;
	return r;
}

struct nvmx_metric_val nvmx_row_percentile(const struct nvmx_vcpu_snap *v,
					   enum nvmx_hist h,
					   unsigned int hist_k, double q)
{
	struct nvmx_metric_val r = { 0, false };
	int ok = 0;

	if ((unsigned int)h >= NVMX_H_NR || !v->hist[h] || hist_k > NVMX_HIST_K_MAX)
		return r;
	r.v = nvmx_hist_percentile(v->hist[h], nvmx_hist_slots(hist_k), hist_k,
				   q, &ok);
	r.ok = ok;
	return r;
}

struct nvmx_metric_val nvmx_metric_row(const struct nvmx_core *c,
				       const struct nvmx_vcpu_snap *d,
				       const struct nvmx_vcpu_snap *t,
				       unsigned int hist_k, double secs,
				       enum nvmx_metric m)
{
	struct nvmx_metric_val r = { 0, false };

	if (!nvmx_metric_is_gauge(m))
		return nvmx_metric(c, d, hist_k, secs, m);
	return t ? nvmx_metric(c, t, hist_k, 0, m) : r;
}

void nvmx_row_hist_stats(const struct nvmx_vcpu_snap *v, enum nvmx_hist h,
			 unsigned int hist_k, struct nvmx_hist_stats *st)
{
	memset(st, 0, sizeof(*st));
	if ((unsigned int)h >= NVMX_H_NR || hist_k > NVMX_HIST_K_MAX)
		return;
	st->count = v->hist[h] ? nvmx_hist_total(v->hist[h], nvmx_hist_slots(hist_k)) : 0;
	st->sum = v->hsum[h];
	st->p50 = nvmx_row_percentile(v, h, hist_k, 50);
	st->p90 = nvmx_row_percentile(v, h, hist_k, 90);
	st->p99 = nvmx_row_percentile(v, h, hist_k, 99);
	if (v->hist[h]) {
		unsigned int n = nvmx_hist_slots(hist_k);
		int ok;

		nvmx_hist_quantile_ci(v->hist[h], n, hist_k, 0.50, &st->p50_lo.v,
				      &st->p50_hi.v, &ok);
		st->p50_lo.ok = st->p50_hi.ok = ok;
		nvmx_hist_quantile_ci(v->hist[h], n, hist_k, 0.99, &st->p99_lo.v,
				      &st->p99_hi.v, &ok);
		st->p99_lo.ok = st->p99_hi.ok = ok;
	}
	if (st->count) {
		st->mean.v = (double)st->sum / (double)st->count;
		st->mean.ok = true;
	}
}

struct nvmx_metric_val nvmx_metric(const struct nvmx_core *c,
				   const struct nvmx_vcpu_snap *v,
				   unsigned int hist_k, double secs,
				   enum nvmx_metric m)
{
	const struct nvmx_src *src = nvmx_metric_src(m);
	struct nvmx_metric_val r = { 0, false };
	uint64_t n;
	bool ok;

	if (!nvmx_metric_available(c, m, NULL))
		return r;
	if (nvmx_metric_is_count(m) || nvmx_metric_is_gauge(m)) {
		n = nvmx_metric_count(c, v, m, &ok);
		r.ok = ok;
		r.v = secs > 0 && nvmx_metric_is_count(m) ? (double)n / secs : (double)n;
		return r;
	}
	switch (src->type) {
	case NVMX_SRC_SAVED:
		/*
		 * A nested gpc use that refreshed or (re)activated its cache
		 * mapped the page again: it saved nothing, like a map.
		 */
		return nvmx_saved_pct(kind_sum(v, NVMX_K_HITS),
				      kind_sum(v, NVMX_K_MAPS) +
				      kind_sum(v, NVMX_K_REFRESH) +
				      kind_sum(v, NVMX_K_ACTIVATE));
	case NVMX_SRC_PCTL:
		return nvmx_row_percentile(v, src->a, hist_k, src->b);
	default:
		return r;
	}
}
