// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare: statistics per row (histogram or counter) of BEFORE
 * against AFTER: ratio with a bootstrap confidence interval,
 * Mann-Whitney U, and the verdict.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "compare_priv.h"
#include "../core/hist.h"

#define BOOT_RUNS_MIN 5		/* bootstrap over runs from this many runs on */
const double pct_q[NPCT] = { 50, 90, 99, 99.9 };
const char *const pct_name[NPCT] = { "p50", "p90", "p99", "p99.9" };

/* m NULL: the metric is not in the file (check_lacking()), no samples */
static void hist_side(const struct nvmx_res_metric *m, unsigned int k,
		      unsigned int nslots, uint64_t *pooled, struct side *s,
		      double *exact_mean, bool *have_exact)
{
	double sum = 0;
	unsigned int i, j;
	int ok;

	*have_exact = m != NULL;
	for (j = 0; m && j < m->nruns; j++) {
		const struct nvmx_res_hist *h = &m->runs[j];

		for (i = 0; i < nslots; i++)
			pooled[i] += h->slots[i];
		s->n += (double)h->count;
		if (h->has_sum)
			sum += (double)h->sum;
		else
			*have_exact = false;
	}
	if (s->n == 0)
		return;
	s->mean = nvmx_hist_mean(pooled, nslots, k);
	*exact_mean = *have_exact ? sum / s->n : s->mean;
	for (i = 0; i < NPCT; i++)
		s->pct[i] = nvmx_hist_percentile(pooled, nslots, k, pct_q[i], &ok);
	s->have_pct = true;
}

/*
 * A change counts when the U test says so (p < alpha), the confidence
 * interval of the ratio excludes 1, and it is beyond the noise floor.
 */
static enum verdict judge(const struct row *r, const struct opts *o)
{
	double change;

	if (r->better == NVMX_BETTER_NONE)
		return V_INFO;
	if (r->inf_ratio)
		return r->better == NVMX_BETTER_HIGHER ? V_IMPROVED : V_REGRESSED;
	if (!r->have_ratio)
		return V_NOCHANGE;
	if (r->have_test && r->mwu.p >= o->alpha)
		return V_NOCHANGE;
	if (r->have_ci && r->lo <= 1 && r->hi >= 1)
		return V_NOCHANGE;
	change = r->ratio - 1;
	if (fabs(change) <= o->threshold)
		return V_NOCHANGE;
	if ((change > 0) == (r->better == NVMX_BETTER_LOWER))
		return V_REGRESSED;
	return V_IMPROVED;
}

/* Value of the ratio statistic (o->stat: -1 mean, else index in pct_q). */
static double side_stat(const struct side *sd, int stat)
{
	return stat < 0 ? sd->mean : sd->pct[stat];
}

static double run_stat(const struct nvmx_res_hist *h, unsigned int k,
		       unsigned int nslots, int stat, bool exact)
{
	int ok;

	if (!h->count)
		return NAN;
	if (stat < 0)
		return exact ? (double)h->sum / (double)h->count :
			       nvmx_hist_mean(h->slots, nslots, k);
	return nvmx_hist_percentile(h->slots, nslots, k, pct_q[stat], &ok);
}

/*
 * The CI of the mean over runs that carry exact sums: resample the runs,
 * ratio of pooled means.  nb, na: the runs with samples on each side.
 */
static int boot_exact_runs(const struct opts *o, struct row *r,
			   const struct nvmx_res_metric *mb,
			   const struct nvmx_res_metric *ma,
			   unsigned int nb, unsigned int na)
{
	double *s1, *c1, *s2, *c2;
	unsigned int i, j = 0;

	c1 = calloc(2 * (nb + na), sizeof(double));
	if (!c1)
		return -ENOMEM;
	s2 = c1 + nb;
	c2 = s2 + na;
	s1 = c2 + na;
	for (i = 0; i < mb->nruns; i++)
		if (mb->runs[i].count) {
			s1[j] = (double)mb->runs[i].sum;
			c1[j++] = (double)mb->runs[i].count;
		}
	for (i = 0, j = 0; i < ma->nruns; i++)
		if (ma->runs[i].count) {
			s2[j] = (double)ma->runs[i].sum;
			c2[j++] = (double)ma->runs[i].count;
		}
	if (!nvmx_boot_ratio_runs(s1, c1, nb, s2, c2, na, o->iters, o->seed,
				  o->level, &r->lo, &r->hi))
		r->have_ci = true;
	free(c1);
	return 0;
}

/*
 * The Mann-Whitney U test and the bootstrap CI of a histogram row that
 * has a ratio; exact: both files carry the runs' sums.
 */
static int hist_test_ci(const struct cmp *c, const struct opts *o,
			struct row *r, const struct nvmx_res_metric *mb,
			const struct nvmx_res_metric *ma, bool exact)
{
	const uint64_t **rb = NULL, **ra = NULL;
	double *mid = NULL, *vals = NULL;
	struct nvmx_bin_pct pct;
	unsigned int i, nb = 0, na = 0;
	const void *ctx;
	bool by_runs;
	int ret = 0;

	mid = malloc(c->nslots * sizeof(double));
	rb = calloc(mb->nruns, sizeof(*rb));
	ra = calloc(ma->nruns, sizeof(*ra));
	vals = calloc(mb->nruns + ma->nruns, sizeof(double));
	if (!mid || !rb || !ra || !vals) {
		ret = -ENOMEM;
		goto free_all;
	}
	for (i = 0; i < c->nslots; i++)
		mid[i] = nvmx_hist_mid(i, c->k);
	/*
	 * Enough runs on both sides: run-to-run variation dominates, so
	 * test and bootstrap over runs (samples within a run share its
	 * conditions and are not independent).  Otherwise over samples.
	 */
	by_runs = mb->nruns >= BOOT_RUNS_MIN && ma->nruns >= BOOT_RUNS_MIN &&
		  (o->stat >= 0 || exact);
	for (i = 0; i < mb->nruns; i++) {
		double v = run_stat(&mb->runs[i], c->k, c->nslots, o->stat, exact);

		if (!isfinite(v))
			continue;
		rb[nb] = mb->runs[i].slots;
		vals[nb++] = v;
	}
	for (i = 0; i < ma->nruns; i++) {
		double v = run_stat(&ma->runs[i], c->k, c->nslots, o->stat, exact);

		if (!isfinite(v))
			continue;
		ra[na] = ma->runs[i].slots;
		vals[nb + na++] = v;
	}
	if (by_runs && (nb < BOOT_RUNS_MIN || na < BOOT_RUNS_MIN))
		by_runs = false;
	if (by_runs) {
		if (!nvmx_mwu_samples(vals, nb, vals + nb, na, &r->mwu)) {
			r->have_test = true;
			r->test_on = "runs";
		}
	} else if (!nvmx_mwu_binned(r->pb, r->pa, c->nslots, &r->mwu)) {
		r->have_test = true;
		r->test_on = "binned samples";
	}

	if (o->stat < 0 && by_runs) {
		ret = boot_exact_runs(o, r, mb, ma, nb, na);
		if (ret)
			goto free_all;
	} else {
		nvmx_bin_stat_fn fn = o->stat < 0 ? nvmx_bin_mean : nvmx_bin_percentile;

		pct.q = o->stat < 0 ? 0 : pct_q[o->stat];
		pct.mid = mid;
		ctx = o->stat < 0 ? (const void *)mid : (const void *)&pct;
		if (!nvmx_boot_ratio_bins(rb, nb, ra, na, c->nslots, by_runs, fn, ctx,
					  o->iters, o->seed, o->level, &r->lo, &r->hi)) {
			r->have_ci = true;
			if (o->stat < 0) {
				/* centre the midpoint-based interval on the exact ratio */
				double mm = nvmx_hist_mean(r->pa, c->nslots, c->k) /
					    nvmx_hist_mean(r->pb, c->nslots, c->k);

				r->lo *= r->ratio / mm;
				r->hi *= r->ratio / mm;
			}
		}
	}
	r->ci_method = by_runs ? "runs" : "samples";
free_all:
	free(vals);
	free(rb);
	free(ra);
	free(mid);
	return ret;
}

static int stat_hist_row(struct cmp *c, const struct opts *o, struct row *r,
			 const struct nvmx_res_metric *mb,
			 const struct nvmx_res_metric *ma)
{
	double eb = 0, ea = 0, sb, sa;
	bool xb, xa;
	int ret;

	r->hist = true;
	r->better = NVMX_BETTER_LOWER;
	r->pb = calloc(c->nslots, sizeof(uint64_t));
	r->pa = calloc(c->nslots, sizeof(uint64_t));
	if (!r->pb || !r->pa)
		return -ENOMEM;
	hist_side(mb, c->k, c->nslots, r->pb, &r->b, &eb, &xb);
	hist_side(ma, c->k, c->nslots, r->pa, &r->a, &ea, &xa);
	if (r->b.n == 0 && r->a.n == 0) {
		r->v = V_NODATA;
		return 0;
	}
	if (r->a.n == 0) {
		r->v = V_ONLY_BEFORE;
		return 0;
	}
	if (r->b.n == 0) {
		r->v = V_ONLY_AFTER;
		return 0;
	}
	r->gated = true;
	/* exact means when both files carry sums */
	if (xb && xa) {
		r->b.mean = eb;
		r->a.mean = ea;
	}
	sb = side_stat(&r->b, o->stat);
	sa = side_stat(&r->a, o->stat);
	if (sb > 0) {
		r->ratio = sa / sb;
		r->have_ratio = true;
	} else if (sa > 0) {
		r->inf_ratio = true;
	} else {
		r->ratio = 1;
		r->have_ratio = true;
	}
	if (r->have_ratio) {
		ret = hist_test_ci(c, o, r, mb, ma, xb && xa);
		if (ret)
			return ret;
	}
	r->v = judge(r, o);
	return 0;
}

/*
 * Copy the defined (non-NaN: a percentage can be undefined) values; co
 * NULL: the counter is not in the file (check_lacking()), none.
 */
static unsigned int defined_values(const struct nvmx_res_counter *co,
				   double *out, double *mean)
{
	unsigned int i, n = 0;

	*mean = 0;
	for (i = 0; co && i < co->nruns; i++)
		if (!isnan(co->values[i]))
			out[n++] = co->values[i];
	for (i = 0; i < n; i++)
		*mean += out[i] / n;
	if (!n)
		*mean = NAN;
	return n;
}

static int stat_counter_row(const struct opts *o, struct row *r,
			    const struct nvmx_res_counter *cb,
			    const struct nvmx_res_counter *ca)
{
	unsigned int i, nb, na, n, rb = cb ? cb->nruns : 0, ra = ca ? ca->nruns : 0;
	double *vb, *va, *ones;
	int ret = -ENOMEM;

	n = rb > ra ? rb : ra;
	vb = malloc((rb + 1) * sizeof(double));
	va = malloc((ra + 1) * sizeof(double));
	ones = malloc((n + 1) * sizeof(double));
	if (!vb || !va || !ones)
		goto free_all;
	for (i = 0; i < n; i++)
		ones[i] = 1;
	r->better = cb ? cb->better : ca->better;
	nb = defined_values(cb, vb, &r->b.mean);
	na = defined_values(ca, va, &r->a.mean);
	r->b.n = nb;
	r->a.n = na;
	r->gated = r->better != NVMX_BETTER_NONE;
	if (!nb && !na) {
		r->v = V_NODATA;
		ret = 0;
		goto free_all;
	}
	if (!nb || !na) {
		r->v = nb ? V_ONLY_BEFORE : V_ONLY_AFTER;
		ret = 0;
		goto free_all;
	}
	if (r->b.mean > 0) {
		r->ratio = r->a.mean / r->b.mean;
		r->have_ratio = true;
	} else if (r->a.mean > 0) {
		r->inf_ratio = true;
	} else {
		r->ratio = 1;
		r->have_ratio = true;
	}
	/* Counters are exact counts: test them only with enough runs. */
	if (nb >= BOOT_RUNS_MIN && na >= BOOT_RUNS_MIN) {
		if (!nvmx_mwu_samples(vb, nb, va, na, &r->mwu)) {
			r->have_test = true;
			r->test_on = "runs";
		}
		if (r->b.mean > 0 &&
		    !nvmx_boot_ratio_runs(vb, ones, nb, va, ones, na, o->iters,
					  o->seed, o->level, &r->lo, &r->hi)) {
			r->have_ci = true;
			r->ci_method = "runs";
		}
	}
	r->v = judge(r, o);
	ret = 0;
free_all:
	free(ones);
	free(va);
	free(vb);
	return ret;
}

/* The next row of c, for a metric or counter name of BEFORE or AFTER */
static struct row *new_row(struct cmp *c, const char *name, const char *unit,
			   const char *desc)
{
	struct row *r = &c->rows[c->nrows++];

	r->name = name;
	r->unit = unit;
	r->desc = desc;
	return r;
}

int cmp_compute(struct cmp *c, const struct opts *o)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	unsigned int i;
	int ret;

	c->k = b->meta.hist_k;
	c->nslots = nvmx_hist_slots(c->k);
	/* BEFORE's rows, then those only AFTER has (check_lacking()) */
	c->rows = calloc(b->nmetrics + b->ncounters + a->nmetrics + a->ncounters + 1,
			 sizeof(*c->rows));
	if (!c->rows)
		return -ENOMEM;
	for (i = 0; i < b->nmetrics; i++) {
		const struct nvmx_res_metric *mb = &b->metrics[i];

		ret = stat_hist_row(c, o, new_row(c, mb->name, mb->unit, mb->desc), mb,
				    nvmx_res_find_metric(a, mb->name));
		if (ret)
			return ret;
	}
	for (i = 0; i < a->nmetrics; i++) {
		const struct nvmx_res_metric *ma = &a->metrics[i];

		if (nvmx_res_find_metric(b, ma->name))
			continue;
		ret = stat_hist_row(c, o, new_row(c, ma->name, ma->unit, ma->desc),
				    NULL, ma);
		if (ret)
			return ret;
	}
	for (i = 0; i < b->ncounters; i++) {
		const struct nvmx_res_counter *cb = &b->counters[i];

		ret = stat_counter_row(o, new_row(c, cb->name, cb->unit, cb->desc), cb,
				       nvmx_res_find_counter(a, cb->name));
		if (ret)
			return ret;
	}
	for (i = 0; i < a->ncounters; i++) {
		const struct nvmx_res_counter *ca = &a->counters[i];

		if (nvmx_res_find_counter(b, ca->name))
			continue;
		ret = stat_counter_row(o, new_row(c, ca->name, ca->unit, ca->desc),
				       NULL, ca);
		if (ret)
			return ret;
	}
	for (i = 0; i < c->nrows; i++) {
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			c->nregress++;
		if (c->rows[i].v == V_IMPROVED)
			c->nimprove++;
	}
	return cmp_reasons(c);
}
