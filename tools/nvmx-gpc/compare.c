// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare BEFORE AFTER: per-metric statistics, ratio with a
 * bootstrap confidence interval, Mann-Whitney U, verdicts, ASCII
 * histograms, text/markdown/json reports, gnuplot plots and the CI gate.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <json-c/json.h>

#include "compare.h"
#include "../results/results.h"
#include "../stats/stats.h"
#include "../core/hist.h"
#include "util.h"

#define BOOT_RUNS_MIN 5		/* bootstrap over runs from this many runs on */
#define NPCT 4
static const double pct_q[NPCT] = { 50, 90, 99, 99.9 };
static const char *const pct_name[NPCT] = { "p50", "p90", "p99", "p99.9" };

enum fmt { FMT_TEXT, FMT_MARKDOWN, FMT_JSON };

enum verdict {
	V_NOCHANGE,
	V_IMPROVED,
	V_REGRESSED,
	V_INFO,		/* better = none: informational */
	V_NODATA,	/* no observations on either side */
	V_ONLY_BEFORE,
	V_ONLY_AFTER,
};

static const char *const verdict_str[] = {
	[V_NOCHANGE] = "no significant change",
	[V_IMPROVED] = "improved",
	[V_REGRESSED] = "regressed",
	[V_INFO] = "informational",
	[V_NODATA] = "no data",
	[V_ONLY_BEFORE] = "only before",
	[V_ONLY_AFTER] = "only after",
};

struct opts {
	double threshold;
	double alpha;
	double level;
	unsigned int iters;
	unsigned long long seed;
	enum fmt fmt;
	const char *plot_dir;
	const char *output;
	bool fail_on_regress;
	int stat;		/* ratio statistic: -1 mean, else index in pct_q */
	char **req;
	unsigned int nreq;
};

struct side {
	double n;		/* observations (histograms) or runs (counters) */
	double mean;
	double pct[NPCT];
	bool have_pct;
};

struct row {
	const char *name;
	const char *unit;
	const char *desc;
	bool hist;
	enum nvmx_res_better better;
	struct side b, a;
	uint64_t *pb, *pa;	/* pooled slots (histograms) */
	double ratio, lo, hi;
	bool have_ratio, have_ci, inf_ratio;
	const char *ci_method;
	struct nvmx_mwu mwu;	/* the test behind the verdict */
	bool have_test;
	const char *test_on;	/* "runs" or "binned samples" */
	enum verdict v;
	bool gated;
};

struct req {
	const char *expr;
	char name[NVMX_RES_NAME_MAX + 1];
	char stat[16];
	char op[3];
	double value;
	double actual;
	bool ok;
};

struct cmp {
	const char *fb, *fa;
	struct nvmx_results *rb, *ra;
	unsigned int k, nslots;
	unsigned int nrows;
	struct row *rows;
	char **warn;
	unsigned int nwarn;
	struct req *reqs;
	unsigned int nreqs;
	unsigned int nregress, nimprove;
	bool req_failed;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: nvmx-gpc compare BEFORE.json AFTER.json [options]\n"
"  -t, --threshold PCT   noise floor in percent (default 2): smaller changes are\n"
"                        never called a regression or an improvement\n"
"      --alpha P         significance level of the Mann-Whitney U test (0.05)\n"
"  -f, --format FMT      text (default), markdown or json\n"
"  -o, --output FILE     write the report to FILE (atomically) instead of stdout\n"
"  -P, --plot DIR        write PNG and SVG histogram and CDF overlays to DIR\n"
"  -F, --fail-on WHAT    regress (default): exit 1 when a gated metric regresses;\n"
"                        none: only --require and bad input change the exit status\n"
"  -R, --require EXPR    assertion on AFTER, e.g. 'saved_pct>=95',\n"
"                        'kvm_run_ns:p99<=20000', 'kvm_run_ns:ratio<1.05'\n"
"  -B, --bootstrap N     bootstrap iterations (default 2000)\n"
"  -S, --seed N          bootstrap PRNG seed (default 1)\n"
"  -s, --stat STAT       statistic compared for histograms: p50 (default),\n"
"                        mean, p90, p99 or p99.9\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"exit status: 0 ok, 1 regression or failed --require, 2 bad input or any\n"
"other error (docs/cli.md)\n");
}

static int add_warn(struct cmp *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_warn(struct cmp *c, const char *fmt, ...)
{
	char **p, *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	p = realloc(c->warn, (c->nwarn + 1) * sizeof(*p));
	if (!p) {
		free(s);
		return -ENOMEM;
	}
	c->warn = p;
	c->warn[c->nwarn++] = s;
	return 0;
}

static char *argv_str(const struct nvmx_res_meta *m)
{
	size_t len = 1;
	unsigned int i;
	char *s;

	for (i = 0; i < m->argc; i++)
		len += strlen(m->argv[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (i = 0; i < m->argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, m->argv[i]);
	}
	return s;
}

/* ---------------------------------------------------------------- */
/* Checking the pair of files */

/* One metric or counter of BEFORE against AFTER (unit_a NULL: absent). */
static int check_entry(const struct cmp *c, const char *what, const char *name,
		       const char *unit_b, const char *unit_a, char *err,
		       size_t errlen)
{
	if (!unit_a) {
		snprintf(err, errlen, "mismatched %s: '%s' is in %s but not in %s",
			 what, name, c->fb, c->fa);
		return -EINVAL;
	}
	if (strcmp(unit_a, unit_b)) {
		snprintf(err, errlen, "mismatched units for '%s': %s in %s, %s in %s",
			 name, unit_b, c->fb, unit_a, c->fa);
		return -EINVAL;
	}
	return 0;
}

static int check_pair(struct cmp *c, char *err, size_t errlen)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	unsigned int i, j;
	char *wb, *wa;
	bool same;

	if (b->meta.hist_k != a->meta.hist_k) {
		snprintf(err, errlen, "histogram layouts differ: hist_k %u in %s, %u in %s",
			 b->meta.hist_k, c->fb, a->meta.hist_k, c->fa);
		return -EINVAL;
	}
	if (b->nmetrics != a->nmetrics || b->ncounters != a->ncounters) {
		snprintf(err, errlen,
			 "mismatched metrics: %s has %u metrics and %u counters, %s has %u and %u",
			 c->fb, b->nmetrics, b->ncounters, c->fa, a->nmetrics, a->ncounters);
		return -EINVAL;
	}
	for (i = 0; i < b->nmetrics; i++) {
		const struct nvmx_res_metric *mb = &b->metrics[i];
		const struct nvmx_res_metric *ma = nvmx_res_find_metric(a, mb->name);

		if (check_entry(c, "metrics", mb->name, mb->unit, ma ? ma->unit : NULL,
				err, errlen))
			return -EINVAL;
	}
	for (i = 0; i < b->ncounters; i++) {
		const struct nvmx_res_counter *cb = &b->counters[i];
		const struct nvmx_res_counter *ca = nvmx_res_find_counter(a, cb->name);

		if (check_entry(c, "counters", cb->name, cb->unit, ca ? ca->unit : NULL,
				err, errlen))
			return -EINVAL;
		if (ca->better != cb->better) {
			snprintf(err, errlen,
				 "counter '%s': better is '%s' in %s but '%s' in %s",
				 cb->name, nvmx_res_better_str(cb->better), c->fb,
				 nvmx_res_better_str(ca->better), c->fa);
			return -EINVAL;
		}
	}

	/* Differences that make the comparison questionable: warn. */
	wb = argv_str(&b->meta);
	wa = argv_str(&a->meta);
	if (!wb || !wa) {
		free(wb);
		free(wa);
		return -ENOMEM;
	}
	if (strcmp(wb, wa))
		add_warn(c, "workloads differ: before ran '%s', after ran '%s'", wb, wa);
	free(wb);
	free(wa);
	for (i = 0; i < b->meta.nattach; i++) {
		const struct nvmx_res_attach *hb = &b->meta.attach[i];

		same = false;
		for (j = 0; j < a->meta.nattach; j++) {
			const struct nvmx_res_attach *ha = &a->meta.attach[j];

			if (!strcmp(hb->hook, ha->hook)) {
				same = !strcmp(hb->method, ha->method);
				if (!same)
					add_warn(c, "attach methods differ for hook %s: %s before, %s after",
						 hb->hook, hb->method, ha->method);
				same = true;
				break;
			}
		}
		if (!same)
			add_warn(c, "hook %s is only in the before file", hb->hook);
	}
	for (j = 0; j < a->meta.nattach; j++) {
		same = false;
		for (i = 0; i < b->meta.nattach; i++)
			if (!strcmp(b->meta.attach[i].hook, a->meta.attach[j].hook))
				same = true;
		if (!same)
			add_warn(c, "hook %s is only in the after file", a->meta.attach[j].hook);
	}
	for (i = 0; i < 2; i++) {
		const struct nvmx_res_meta *m = i ? &a->meta : &b->meta;

		if (m->interrupted)
			add_warn(c, "%s was interrupted (%u of %u repetitions)",
				 i ? c->fa : c->fb, m->repetitions,
				 m->repetitions_requested);
		if (m->exit_status > 0)
			add_warn(c, "%s workload exited with status %d",
				 i ? "after" : "before", m->exit_status);
	}
	if (strcmp(b->meta.cpu_model, a->meta.cpu_model))
		add_warn(c, "CPU models differ: '%s' before, '%s' after",
			 b->meta.cpu_model, a->meta.cpu_model);
	return 0;
}

/* ---------------------------------------------------------------- */
/* Statistics per row */

static void hist_side(const struct nvmx_res_metric *m, unsigned int k,
		      unsigned int nslots, uint64_t *pooled, struct side *s,
		      double *exact_mean, bool *have_exact)
{
	double sum = 0;
	unsigned int i, j;
	int ok;

	*have_exact = true;
	for (j = 0; j < m->nruns; j++) {
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

static int stat_hist_row(struct cmp *c, const struct opts *o, struct row *r,
			 const struct nvmx_res_metric *mb,
			 const struct nvmx_res_metric *ma)
{
	const uint64_t **rb = NULL, **ra = NULL;
	double eb = 0, ea = 0, *mid = NULL, *vals = NULL, sb, sa;
	struct nvmx_bin_pct pct;
	bool xb, xa, by_runs;
	unsigned int i, nb = 0, na = 0;
	const void *ctx;
	int ret = 0;

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
	if (!r->have_ratio)
		goto judge;

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
		  (o->stat >= 0 || (xb && xa));
	for (i = 0; i < mb->nruns; i++) {
		double v = run_stat(&mb->runs[i], c->k, c->nslots, o->stat, xb && xa);

		if (!isfinite(v))
			continue;
		rb[nb] = mb->runs[i].slots;
		vals[nb++] = v;
	}
	for (i = 0; i < ma->nruns; i++) {
		double v = run_stat(&ma->runs[i], c->k, c->nslots, o->stat, xb && xa);

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
		/* exact per-run sums: resample runs, ratio of pooled means */
		double *s1 = vals, *c1, *s2, *c2;
		unsigned int j = 0;

		c1 = calloc(2 * (nb + na), sizeof(double));
		if (!c1) {
			ret = -ENOMEM;
			goto free_all;
		}
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
judge:
	r->v = judge(r, o);
free_all:
	free(vals);
	free(rb);
	free(ra);
	free(mid);
	return ret;
}

/* Copy the defined (non-NaN: a percentage can be undefined) values. */
static unsigned int defined_values(const struct nvmx_res_counter *co,
				   double *out, double *mean)
{
	unsigned int i, n = 0;

	*mean = 0;
	for (i = 0; i < co->nruns; i++)
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
	double *vb, *va, *ones;
	unsigned int i, nb, na, n;
	int ret = -ENOMEM;

	n = cb->nruns > ca->nruns ? cb->nruns : ca->nruns;
	vb = malloc(cb->nruns * sizeof(double));
	va = malloc(ca->nruns * sizeof(double));
	ones = malloc(n * sizeof(double));
	if (!vb || !va || !ones)
		goto free_all;
	for (i = 0; i < n; i++)
		ones[i] = 1;
	r->better = cb->better;
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

static int compute(struct cmp *c, const struct opts *o)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	unsigned int i;
	int ret;

	c->k = b->meta.hist_k;
	c->nslots = nvmx_hist_slots(c->k);
	c->rows = calloc(b->nmetrics + b->ncounters + 1, sizeof(*c->rows));
	if (!c->rows)
		return -ENOMEM;
	for (i = 0; i < b->nmetrics; i++) {
		const struct nvmx_res_metric *mb = &b->metrics[i];
		struct row *r = &c->rows[c->nrows++];

		r->name = mb->name;
		r->unit = mb->unit;
		r->desc = mb->desc;
		ret = stat_hist_row(c, o, r, mb, nvmx_res_find_metric(a, mb->name));
		if (ret)
			return ret;
	}
	for (i = 0; i < b->ncounters; i++) {
		const struct nvmx_res_counter *cb = &b->counters[i];
		struct row *r = &c->rows[c->nrows++];

		r->name = cb->name;
		r->unit = cb->unit;
		r->desc = cb->desc;
		ret = stat_counter_row(o, r, cb, nvmx_res_find_counter(a, cb->name));
		if (ret)
			return ret;
	}
	for (i = 0; i < c->nrows; i++) {
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			c->nregress++;
		if (c->rows[i].v == V_IMPROVED)
			c->nimprove++;
	}
	return 0;
}

/* ---------------------------------------------------------------- */
/* --require */

static int parse_req(struct req *q, const char *expr, char *err, size_t errlen)
{
	static const char *const ops[] = { ">=", "<=", "==", "!=", ">", "<", NULL };
	const char *p, *op = NULL, *colon;
	const char *const *o;
	size_t nlen;
	char *end;

	memset(q, 0, sizeof(*q));
	q->expr = expr;
	for (p = expr; *p && !op; p++)
		for (o = ops; *o; o++)
			if (!strncmp(p, *o, strlen(*o))) {
				op = p;
				snprintf(q->op, sizeof(q->op), "%s", *o);
				break;
			}
	if (!op) {
		snprintf(err, errlen, "--require '%s': no comparison operator (>=, <=, ==, !=, >, <)",
			 expr);
		return -EINVAL;
	}
	colon = memchr(expr, ':', (size_t)(op - expr));
	nlen = (size_t)((colon ? colon : op) - expr);
	while (nlen && expr[nlen - 1] == ' ')
		nlen--;
	if (!nlen || nlen > NVMX_RES_NAME_MAX) {
		snprintf(err, errlen, "--require '%s': bad metric name", expr);
		return -EINVAL;
	}
	memcpy(q->name, expr, nlen);
	if (colon) {
		size_t slen = (size_t)(op - colon - 1);

		while (slen && colon[slen] == ' ')
			slen--;
		if (!slen || slen >= sizeof(q->stat)) {
			snprintf(err, errlen, "--require '%s': bad statistic", expr);
			return -EINVAL;
		}
		memcpy(q->stat, colon + 1, slen);
	}
	errno = 0;
	q->value = strtod(op + strlen(q->op), &end);
	while (*end == ' ')
		end++;
	if (errno || end == op + strlen(q->op) || *end || !isfinite(q->value)) {
		snprintf(err, errlen, "--require '%s': bad number after '%s'", expr, q->op);
		return -EINVAL;
	}
	return 0;
}

static int eval_req(struct cmp *c, struct req *q, char *err, size_t errlen)
{
	const struct row *r = NULL;
	const char *st = q->stat[0] ? q->stat : NULL;
	unsigned int i;
	double v;

	for (i = 0; i < c->nrows; i++)
		if (!strcmp(c->rows[i].name, q->name))
			r = &c->rows[i];
	if (!r) {
		snprintf(err, errlen, "--require '%s': no metric or counter '%s'",
			 q->expr, q->name);
		return -EINVAL;
	}
	if (!st || !strcmp(st, "mean") || !strcmp(st, "value")) {
		if (st && !strcmp(st, "value") && r->hist)
			goto bad_stat;
		v = r->a.mean;
	} else if (!strcmp(st, "ratio")) {
		v = r->inf_ratio ? INFINITY : r->have_ratio ? r->ratio : NAN;
	} else if (!strcmp(st, "count")) {
		if (!r->hist)
			goto bad_stat;
		v = r->a.n;
	} else {
		for (i = 0; i < NPCT; i++)
			if (!strcmp(st, pct_name[i]))
				break;
		if (i == NPCT || !r->hist)
			goto bad_stat;
		v = r->a.have_pct ? r->a.pct[i] : NAN;
	}
	q->actual = v;
	if (isnan(v))
		q->ok = false;
	else if (!strcmp(q->op, ">="))
		q->ok = v >= q->value;
	else if (!strcmp(q->op, "<="))
		q->ok = v <= q->value;
	else if (!strcmp(q->op, ">"))
		q->ok = v > q->value;
	else if (!strcmp(q->op, "<"))
		q->ok = v < q->value;
	else if (!strcmp(q->op, "=="))
		q->ok = v == q->value;
	else
		q->ok = v != q->value;
	return 0;
bad_stat:
	snprintf(err, errlen,
		 "--require '%s': statistic '%s' does not apply to %s (use %s)",
		 q->expr, st, q->name,
		 r->hist ? "mean, count, p50, p90, p99, p99.9 or ratio" :
			   "value (default) or ratio");
	return -EINVAL;
}

/* ---------------------------------------------------------------- */
/* Output */

static const char *stat_name(const struct opts *o)
{
	return o->stat < 0 ? "mean" : pct_name[o->stat];
}

static void fmt_num(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (isinf(v))
		snprintf(buf, len, "inf");
	else if (fabs(v) >= 1e9)
		snprintf(buf, len, "%.4g", v);
	else if (v == floor(v))
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
}

static void fmt_pct(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.2f", v);
}

static void fmt_p(char *buf, size_t len, const struct row *r)
{
	if (!r->have_test)
		snprintf(buf, len, "-");
	else if (r->mwu.p < 1e-4)
		snprintf(buf, len, "%.1e", r->mwu.p);
	else
		snprintf(buf, len, "%.4f", r->mwu.p);
}

static void fmt_ratio(char *buf, size_t len, const struct row *r)
{
	if (r->inf_ratio)
		snprintf(buf, len, "inf");
	else if (!r->have_ratio)
		snprintf(buf, len, "-");
	else if (r->have_ci)
		snprintf(buf, len, "%.3f [%.3f, %.3f]", r->ratio, r->lo, r->hi);
	else
		snprintf(buf, len, "%.3f", r->ratio);
}

/* Before, after, ratio and p cells of a counter row (text and markdown). */
static void counter_cells(const struct row *r, char n1[32], char n2[32],
			  char ratio[96], char p[32])
{
	bool pct = !strcmp(r->unit, "percent");

	(pct ? fmt_pct : fmt_num)(n1, 32, r->b.mean);
	(pct ? fmt_pct : fmt_num)(n2, 32, r->a.mean);
	fmt_ratio(ratio, 96, r);
	fmt_p(p, 32, r);
}

/* Rows with nothing in either file are left out of text and markdown. */
static bool row_empty(const struct row *r)
{
	if (r->hist || r->v == V_NODATA)
		return r->v == V_NODATA;
	return r->b.mean == 0 && r->a.mean == 0;
}

static unsigned int count_empty(const struct cmp *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < c->nrows; i++)
		n += row_empty(&c->rows[i]);
	return n;
}

static const char *verdict_of(const struct row *r)
{
	return verdict_str[r->v];
}

/* Power-of-two row of a slot for the ASCII histograms. */
static unsigned int pow2_row(unsigned int idx, unsigned int k)
{
	uint64_t lo = nvmx_hist_lower(idx, k);

	return lo < 2 ? 0 : 63 - (unsigned int)__builtin_clzll(lo);
}

static void stars(FILE *f, double frac, double max, int width)
{
	int n = max > 0 ? (int)(frac / max * width + 0.5) : 0, i;

	fputc('|', f);
	for (i = 0; i < width; i++)
		fputc(i < n ? '*' : ' ', f);
	fputc('|', f);
}

static void ascii_hist(FILE *f, const struct cmp *c, const struct row *r)
{
	uint64_t rb[65] = { 0 }, ra[65] = { 0 };
	unsigned int i, first = 65, last = 0;
	double max = 0, fb, fa;
	char range[48];

	for (i = 0; i < c->nslots; i++) {
		unsigned int p = pow2_row(i, c->k);

		rb[p] += r->pb[i];
		ra[p] += r->pa[i];
	}
	for (i = 0; i < 65; i++) {
		if (!rb[i] && !ra[i])
			continue;
		if (first == 65)
			first = i;
		last = i;
		fb = r->b.n ? (double)rb[i] / r->b.n : 0;
		fa = r->a.n ? (double)ra[i] / r->a.n : 0;
		max = fmax(max, fmax(fb, fa));
	}
	if (first == 65)
		return;
	fprintf(f, "  %21s : %-10s %-32s %-10s %s\n", r->unit, "before",
		"distribution", "after", "distribution");
	for (i = first; i <= last; i++) {
		uint64_t lo = i == 0 ? 0 : 1ULL << i;
		uint64_t hi = i == 0 ? 1 : i == 63 ? UINT64_MAX : (1ULL << (i + 1)) - 1;

		snprintf(range, sizeof(range), "%llu -> %llu", (unsigned long long)lo,
			 (unsigned long long)hi);
		fprintf(f, "  %21s : %-10llu ", range, (unsigned long long)rb[i]);
		stars(f, r->b.n ? (double)rb[i] / r->b.n : 0, max, 30);
		fprintf(f, " %-10llu ", (unsigned long long)ra[i]);
		stars(f, r->a.n ? (double)ra[i] / r->a.n : 0, max, 30);
		fputc('\n', f);
	}
}

static void meta_line(FILE *f, const char *what, const char *file,
		      const struct nvmx_results *r, bool md)
{
	const struct nvmx_res_meta *m = &r->meta;
	char *w = argv_str(m);

	fprintf(f, "%s%s%s: %s — kernel %s, series tracepoints %s, %s, %s, %u run%s%s, workload '%s'",
		md ? "- **" : "", what, md ? "**" : "", file, m->kernel_release,
		m->series_tracepoints ? "found" : "not found", m->hostname,
		m->start_time, m->repetitions, m->repetitions == 1 ? "" : "s",
		m->interrupted ? " (INTERRUPTED)" : "", w ? w : "");
	if (m->exit_status >= 0)
		fprintf(f, " (exit %d)", m->exit_status);
	if (m->label)
		fprintf(f, ", label %s", m->label);
	fputc('\n', f);
	free(w);
}

static void report_text(FILE *f, const struct cmp *c, const struct opts *o)
{
	char n1[32], n2[32], buf[96], pb[32];
	unsigned int i, j;
	int nw = 34;

	fprintf(f, "nvmx-gpc compare %s\n", NVMX_GPC_VERSION);
	meta_line(f, "before", c->fb, c->rb, false);
	meta_line(f, "after ", c->fa, c->ra, false);
	fprintf(f, "histograms compared by %s; noise floor %.1f %%, alpha %.3g, %.0f %% CI by bootstrap (%u iterations, seed %llu)\n",
		stat_name(o), o->threshold * 100, o->alpha, o->level * 100, o->iters, o->seed);
	for (i = 0; i < c->nwarn; i++)
		fprintf(f, "warning: %s\n", c->warn[i]);

	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fprintf(f, "\n%s (%s, lower is better)%s%s\n", r->name, r->unit,
			r->desc ? ": " : "", r->desc ? r->desc : "");
		fprintf(f, "  %-8s %12s %12s", "", "count", "mean");
		for (j = 0; j < NPCT; j++)
			fprintf(f, " %10s", pct_name[j]);
		fputc('\n', f);
		for (int s = 0; s < 2; s++) {
			const struct side *sd = s ? &r->a : &r->b;

			fmt_num(n1, sizeof(n1), sd->n);
			fmt_num(n2, sizeof(n2), sd->n ? sd->mean : NAN);
			fprintf(f, "  %-8s %12s %12s", s ? "after" : "before", n1, n2);
			for (j = 0; j < NPCT; j++) {
				fmt_num(n1, sizeof(n1), sd->have_pct ? sd->pct[j] : NAN);
				fprintf(f, " %10s", n1);
			}
			fputc('\n', f);
		}
		fmt_ratio(buf, sizeof(buf), r);
		fmt_p(pb, sizeof(pb), r);
		fprintf(f, "  ratio after/before (%s) %s", stat_name(o), buf);
		if (r->have_ci)
			fprintf(f, " (bootstrap over %s)", r->ci_method);
		fprintf(f, "; Mann-Whitney U");
		if (r->have_test)
			fprintf(f, " over %s", r->test_on);
		fprintf(f, " p = %s", pb);
		if (r->have_test)
			fprintf(f, " (%s)", r->mwu.exact ? "exact" : "normal approx.");
		fprintf(f, "\n  verdict: %s", verdict_of(r));
		if (r->have_ratio && (r->v == V_REGRESSED || r->v == V_IMPROVED))
			fprintf(f, " (%+.1f %%)", (r->ratio - 1) * 100);
		fputc('\n', f);
		ascii_hist(f, c, r);
	}

	/* name column: as wide as the longest name shown (page kinds) */
	for (i = 0; i < c->nrows; i++)
		if (!c->rows[i].hist && !row_empty(&c->rows[i]) &&
		    (int)strlen(c->rows[i].name) > nw)
			nw = (int)strlen(c->rows[i].name);
	fprintf(f, "\n%-*s %-7s %12s %12s %24s %8s  %s\n", nw, "counter", "unit",
		"before", "after", "ratio [95% CI]", "p", "verdict");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (r->hist || row_empty(r))
			continue;
		counter_cells(r, n1, n2, buf, pb);
		fprintf(f, "%-*s %-7s %12s %12s %24s %8s  %s%s\n", nw, r->name, r->unit,
			n1, n2, buf, pb, verdict_of(r),
			r->better == NVMX_BETTER_NONE ? "" :
			r->better == NVMX_BETTER_LOWER ? " (lower is better)" :
			" (higher is better)");
	}

	if (count_empty(c))
		fprintf(f, "(%u metrics and counters with no data in either file not shown; "
			"--format json lists all)\n", count_empty(c));
	if (c->nreqs)
		fputc('\n', f);
	for (i = 0; i < c->nreqs; i++) {
		fmt_num(n1, sizeof(n1), c->reqs[i].actual);
		fprintf(f, "require %s: %s (after: %s)\n", c->reqs[i].expr,
			c->reqs[i].ok ? "ok" : "FAILED", n1);
	}
	fprintf(f, "\nsummary: %u regressed, %u improved", c->nregress, c->nimprove);
	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			fprintf(f, "%s%s", i == 0 ? "; regressed: " : " ", c->rows[i].name);
	fputc('\n', f);
}

static void md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '`')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void report_md(FILE *f, const struct cmp *c, const struct opts *o)
{
	char n1[32], n2[32], buf[96], pb[32];
	unsigned int i, j;

	fprintf(f, "## nvmx-gpc compare: %u regressed, %u improved\n\n",
		c->nregress, c->nimprove);
	meta_line(f, "before", c->fb, c->rb, true);
	meta_line(f, "after", c->fa, c->ra, true);
	fprintf(f, "- histograms compared by %s; noise floor %.1f %%, alpha %.3g, %.0f %% CI by bootstrap (%u iterations, seed %llu)\n",
		stat_name(o), o->threshold * 100, o->alpha, o->level * 100, o->iters, o->seed);
	for (i = 0; i < c->nwarn; i++)
		fprintf(f, "- :warning: %s\n", c->warn[i]);
	fprintf(f, "\n| metric | unit | count before | count after | mean before | mean after");
	for (j = 0; j < NPCT; j++)
		fprintf(f, " | %s before | %s after", pct_name[j], pct_name[j]);
	fprintf(f, " | ratio [95%% CI] | p | verdict |\n|---|---|---:|---:|---:|---:");
	for (j = 0; j < NPCT; j++)
		fprintf(f, "|---:|---:");
	fprintf(f, "|---|---:|---|\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fputs("| ", f);
		md_escape(f, r->name);
		fmt_num(n1, sizeof(n1), r->b.n);
		fmt_num(n2, sizeof(n2), r->a.n);
		fprintf(f, " | %s | %s | %s", r->unit, n1, n2);
		fmt_num(n1, sizeof(n1), r->b.n ? r->b.mean : NAN);
		fmt_num(n2, sizeof(n2), r->a.n ? r->a.mean : NAN);
		fprintf(f, " | %s | %s", n1, n2);
		for (j = 0; j < NPCT; j++) {
			fmt_num(n1, sizeof(n1), r->b.have_pct ? r->b.pct[j] : NAN);
			fmt_num(n2, sizeof(n2), r->a.have_pct ? r->a.pct[j] : NAN);
			fprintf(f, " | %s | %s", n1, n2);
		}
		fmt_ratio(buf, sizeof(buf), r);
		fmt_p(pb, sizeof(pb), r);
		fprintf(f, " | %s | %s | %s%s%s |\n", buf, pb,
			r->v == V_REGRESSED ? "**" : "", verdict_of(r),
			r->v == V_REGRESSED ? "**" : "");
	}
	fprintf(f, "\n| counter | unit | before | after | ratio [95%% CI] | p | verdict |\n"
		"|---|---|---:|---:|---|---:|---|\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (r->hist || row_empty(r))
			continue;
		counter_cells(r, n1, n2, buf, pb);
		fputs("| ", f);
		md_escape(f, r->name);
		fprintf(f, " | %s | %s | %s | %s | %s | %s%s%s |\n", r->unit, n1, n2,
			buf, pb, r->v == V_REGRESSED ? "**" : "", verdict_of(r),
			r->v == V_REGRESSED ? "**" : "");
	}
	if (count_empty(c))
		fprintf(f, "\n%u metrics and counters with no data in either file are not shown.\n",
			count_empty(c));
	if (c->nreqs)
		fprintf(f, "\n| requirement | after | result |\n|---|---:|---|\n");
	for (i = 0; i < c->nreqs; i++) {
		fmt_num(n1, sizeof(n1), c->reqs[i].actual);
		fprintf(f, "| `%s` | %s | %s |\n", c->reqs[i].expr, n1,
			c->reqs[i].ok ? "ok" : "**FAILED**");
	}
	fprintf(f, "\n<details><summary>histograms</summary>\n\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fprintf(f, "`%s`\n\n```text\n", r->name);
		ascii_hist(f, c, r);
		fprintf(f, "```\n\n");
	}
	fprintf(f, "</details>\n");
}

static json_object *jnum(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static json_object *jside(const struct side *s, bool hist)
{
	json_object *o = json_object_new_object();
	unsigned int j;
	char key[16];

	if (!o)
		return NULL;
	json_object_object_add(o, hist ? "count" : "runs", json_object_new_double(s->n));
	json_object_object_add(o, hist ? "mean" : "value", s->n ? jnum(s->mean) : NULL);
	for (j = 0; hist && j < NPCT; j++) {
		snprintf(key, sizeof(key), "%s", pct_name[j]);
		if (!strcmp(key, "p99.9"))
			snprintf(key, sizeof(key), "p99_9");
		json_object_object_add(o, key, s->have_pct ? jnum(s->pct[j]) : NULL);
	}
	return o;
}

static json_object *jmeta(const char *file, const struct nvmx_results *r)
{
	json_object *o = json_object_new_object(), *argv = json_object_new_array();
	unsigned int i;

	if (!o || !argv) {
		json_object_put(o);
		json_object_put(argv);
		return NULL;
	}
	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "kernel_release",
			       json_object_new_string(r->meta.kernel_release));
	json_object_object_add(o, "series_tracepoints",
			       json_object_new_boolean(r->meta.series_tracepoints));
	json_object_object_add(o, "hostname", json_object_new_string(r->meta.hostname));
	json_object_object_add(o, "start_time", json_object_new_string(r->meta.start_time));
	json_object_object_add(o, "repetitions", json_object_new_int((int)r->meta.repetitions));
	json_object_object_add(o, "interrupted", json_object_new_boolean(r->meta.interrupted));
	for (i = 0; i < r->meta.argc; i++)
		json_object_array_add(argv, json_object_new_string(r->meta.argv[i]));
	json_object_object_add(o, "argv", argv);
	return o;
}

static int report_json(FILE *f, const struct cmp *c, const struct opts *o,
		       int status)
{
	json_object *root = json_object_new_object(), *arr, *ho, *x;
	unsigned int i;

	if (!root)
		return -ENOMEM;
	json_object_object_add(root, "schema", json_object_new_string("nvmx-gpc-compare"));
	json_object_object_add(root, "schema_version", json_object_new_int(1));
	json_object_object_add(root, "before", jmeta(c->fb, c->rb));
	json_object_object_add(root, "after", jmeta(c->fa, c->ra));
	json_object_object_add(root, "statistic", json_object_new_string(stat_name(o)));
	json_object_object_add(root, "threshold", json_object_new_double(o->threshold));
	json_object_object_add(root, "alpha", json_object_new_double(o->alpha));
	json_object_object_add(root, "confidence", json_object_new_double(o->level));
	json_object_object_add(root, "bootstrap_iterations", json_object_new_int((int)o->iters));
	json_object_object_add(root, "seed", json_object_new_uint64(o->seed));
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nwarn; i++)
		json_object_array_add(arr, json_object_new_string(c->warn[i]));
	json_object_object_add(root, "warnings", arr);
	for (int pass = 0; pass < 2; pass++) {
		arr = json_object_new_array();
		json_object_object_add(root, pass ? "counters" : "metrics", arr);
		for (i = 0; arr && i < c->nrows; i++) {
			const struct row *r = &c->rows[i];

			if (r->hist == !!pass)
				continue;
			ho = json_object_new_object();
			if (!ho)
				break;
			json_object_object_add(ho, "name", json_object_new_string(r->name));
			json_object_object_add(ho, "unit", json_object_new_string(r->unit));
			json_object_object_add(ho, "better",
					       json_object_new_string(nvmx_res_better_str(r->better)));
			json_object_object_add(ho, "before", jside(&r->b, r->hist));
			json_object_object_add(ho, "after", jside(&r->a, r->hist));
			json_object_object_add(ho, "ratio", r->inf_ratio ?
					       json_object_new_string("inf") :
					       r->have_ratio ? jnum(r->ratio) : NULL);
			x = NULL;
			if (r->have_ci) {
				x = json_object_new_object();
				json_object_object_add(x, "low", jnum(r->lo));
				json_object_object_add(x, "high", jnum(r->hi));
				json_object_object_add(x, "method",
						       json_object_new_string(r->ci_method));
			}
			json_object_object_add(ho, "ci", x);
			x = NULL;
			if (r->have_test) {
				x = json_object_new_object();
				json_object_object_add(x, "u", jnum(r->mwu.u));
				json_object_object_add(x, "z", jnum(r->mwu.z));
				json_object_object_add(x, "p", jnum(r->mwu.p));
				json_object_object_add(x, "exact", json_object_new_boolean(r->mwu.exact));
				json_object_object_add(x, "on", json_object_new_string(r->test_on));
			}
			json_object_object_add(ho, "mann_whitney", x);
			json_object_object_add(ho, "verdict", json_object_new_string(verdict_of(r)));
			json_object_object_add(ho, "gated", json_object_new_boolean(r->gated));
			json_object_array_add(arr, ho);
		}
	}
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nreqs; i++) {
		x = json_object_new_object();
		json_object_object_add(x, "expr", json_object_new_string(c->reqs[i].expr));
		json_object_object_add(x, "after", jnum(c->reqs[i].actual));
		json_object_object_add(x, "ok", json_object_new_boolean(c->reqs[i].ok));
		json_object_array_add(arr, x);
	}
	json_object_object_add(root, "requirements", arr);
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nrows; i++)
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			json_object_array_add(arr, json_object_new_string(c->rows[i].name));
	json_object_object_add(root, "regressed", arr);
	json_object_object_add(root, "exit_status", json_object_new_int(status));
	fprintf(f, "%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_SPACED |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return 0;
}

/* ---------------------------------------------------------------- */
/* gnuplot */

/* Single-quoted gnuplot string: only ' needs doubling. */
static void gp_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		if (*s == '\n')
			continue;
		fputc(*s, f);
	}
	fputc('\'', f);
}

static int run_gnuplot(const char *script, char *err, size_t errlen)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -errno;
	}
	if (pid == 0) {
		/*
		 * The scripts are UTF-8 ("set encoding utf8"); in the C locale
		 * (CI, env -i) gnuplot warns that iconv cannot convert them.
		 */
		setenv("LC_ALL", "C.UTF-8", 1);
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		p_err("cannot run gnuplot: %s", strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0) {
		snprintf(err, errlen, "waitpid: %s", strerror(errno));
		return -errno;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		snprintf(err, errlen, "gnuplot failed on %.200s (status %d)", script,
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		return -EIO;
	}
	return 0;
}

/*
 * DIR/NAME+SUFFIX, a file name for gnuplot.  A relative DIR gets "./" in
 * front, so that no name starts with what gnuplot takes for a pipe ('<'
 * in plot, '|' in set output), a home directory ('~') or, as the script
 * gnuplot runs, an option ('-').  Quotes and backslashes are gp_str's.
 */
static int plot_path(char *buf, size_t len, const char *dir, const char *name,
		     const char *suffix, char *err, size_t errlen)
{
	int n = snprintf(buf, len, "%s%s/%s%s", dir[0] == '/' ? "" : "./", dir,
			 name, suffix);

	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "--plot: directory name too long");
		return -ENAMETOOLONG;
	}
	return 0;
}

/* "set output 'DIR/NAME-KIND.EXT'" */
static int gp_output(FILE *f, const char *dir, const char *name,
		     const char *kind, const char *ext, char *err, size_t errlen)
{
	char suffix[32], out[4096 + 32];
	int ret;

	snprintf(suffix, sizeof(suffix), "-%s%s", kind, ext);
	ret = plot_path(out, sizeof(out), dir, name, suffix, err, errlen);
	if (ret)
		return ret;
	fprintf(f, "set output ");
	gp_str(f, out);
	fprintf(f, "\n");
	return 0;
}

static int plot_row(const struct cmp *c, const struct row *r, const char *dir,
		    char *err, size_t errlen)
{
	char dat[4096], gp[4096], title[1024], wl[1024], *wb, *wa;
	unsigned int i, first = c->nslots, last = 0;
	double cb = 0, ca = 0;
	int ret;
	FILE *f;

	for (i = 0; i < c->nslots; i++) {
		if (r->pb[i] || r->pa[i]) {
			if (first == c->nslots)
				first = i;
			last = i;
		}
	}
	if (first == c->nslots)
		return 0;
	ret = plot_path(dat, sizeof(dat), dir, r->name, ".dat", err, errlen);
	ret = ret ?: plot_path(gp, sizeof(gp), dir, r->name, ".gp", err, errlen);
	if (ret)
		return ret;
	f = fopen(dat, "w");
	if (!f) {
		snprintf(err, errlen, "%.200s: %s", dat, strerror(errno));
		return -errno;
	}
	fprintf(f, "# %s (%s): slot_lower slot_upper frac_before frac_after cdf_before cdf_after\n",
		r->name, r->unit);
	for (i = first; i <= last; i++) {
		double fb = r->b.n ? (double)r->pb[i] / r->b.n : 0;
		double fa = r->a.n ? (double)r->pa[i] / r->a.n : 0;

		cb += fb;
		ca += fa;
		fprintf(f, "%llu %llu %.9g %.9g %.9g %.9g\n",
			(unsigned long long)nvmx_hist_lower(i, c->k),
			(unsigned long long)nvmx_hist_upper(i, c->k) + 1, fb, fa,
			r->b.n ? cb : 0, r->a.n ? ca : 0);
	}
	if (fclose(f)) {
		snprintf(err, errlen, "%.200s: %s", dat, strerror(errno));
		return -EIO;
	}
	wb = argv_str(&c->rb->meta);
	wa = argv_str(&c->ra->meta);
	snprintf(title, sizeof(title), "%s (%s): before kernel %s, after kernel %s",
		 r->name, r->unit, c->rb->meta.kernel_release, c->ra->meta.kernel_release);
	snprintf(wl, sizeof(wl), "workload: %s%s%s", wb && *wb ? wb : "(none)",
		 wa && strcmp(wa, wb ? wb : "") ? " / after: " : "",
		 wa && strcmp(wa, wb ? wb : "") ? wa : "");
	free(wb);
	free(wa);
	f = fopen(gp, "w");
	if (!f) {
		snprintf(err, errlen, "%.200s: %s", gp, strerror(errno));
		return -errno;
	}
	fprintf(f, "set encoding utf8\nset datafile commentschars '#'\n");
	fprintf(f, "set logscale x 2\nset grid\nset key top right\nset format x '%%.0f'\n");
	/* explicit, so that a metric with one bucket has a non-empty range */
	fprintf(f, "set xrange [%.9g:%.9g]\n",
		nvmx_hist_lower(first, c->k) ? 0.8 * nvmx_hist_lower(first, c->k) : 0.5,
		1.25 * ((double)nvmx_hist_upper(last, c->k) + 1));
	/* user strings go in single quotes (no escapes); joined with "\n" */
	fprintf(f, "ttl = ");
	gp_str(f, title);
	fprintf(f, " . \"\\n\" . ");
	gp_str(f, wl);
	fprintf(f, "\n");
	fprintf(f, "dat = ");
	gp_str(f, dat);
	/* the base and patched lab kernels share one release string */
	snprintf(wl, sizeof(wl), "%s, %s", c->rb->meta.kernel_release,
		 c->rb->meta.series_tracepoints ? "series" : "no series");
	fprintf(f, "\nlb = ");
	gp_str(f, wl);
	snprintf(wl, sizeof(wl), "%s, %s", c->ra->meta.kernel_release,
		 c->ra->meta.series_tracepoints ? "series" : "no series");
	fprintf(f, "\nla = ");
	gp_str(f, wl);
	fprintf(f, "\n");
	for (i = 0; i < 2; i++) {
		const char *term = i ? "svg size 1000,600 dynamic noenhanced font 'sans,11'" :
				       "pngcairo size 1000,600 noenhanced font 'sans,10'";
		const char *ext = i ? ".svg" : ".png";

		fprintf(f, "set terminal %s\n", term);
		ret = gp_output(f, dir, r->name, "hist", ext, err, errlen);
		if (ret)
			break;
		fprintf(f, "set title ttl . \"\\nhistogram: fraction of samples per bucket (k=%u)\"\n",
			c->k);
		fprintf(f, "set xlabel '%s (log scale)'\nset ylabel 'fraction of samples'\nset yrange [0:*]\n",
			r->unit);
		fprintf(f, "plot dat using 1:3 with steps lw 2 title 'before ('.lb.')', \\\n"
			"     dat using 1:4 with steps lw 2 title 'after ('.la.')'\n");
		ret = gp_output(f, dir, r->name, "cdf", ext, err, errlen);
		if (ret)
			break;
		fprintf(f, "set title ttl . \"\\nCDF\"\n");
		fprintf(f, "set ylabel 'cumulative fraction'\nset yrange [0:1.02]\nset key bottom right\n");
		fprintf(f, "plot dat using 2:5 with steps lw 2 title 'before ('.lb.')', \\\n"
			"     dat using 2:6 with steps lw 2 title 'after ('.la.')'\n");
		fprintf(f, "set output\nset key top right\n");
	}
	if (fclose(f) && !ret) {
		snprintf(err, errlen, "%.200s: %s", gp, strerror(errno));
		return -EIO;
	}
	return ret ?: run_gnuplot(gp, err, errlen);
}

static int make_plots(const struct cmp *c, const char *dir, char *err, size_t errlen)
{
	unsigned int i;
	int ret;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "--plot %s: %s", dir, strerror(errno));
		return -errno;
	}
	for (i = 0; i < c->nrows; i++) {
		if (!c->rows[i].hist)
			continue;
		ret = plot_row(c, &c->rows[i], dir, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---------------------------------------------------------------- */

static void cmp_free(struct cmp *c)
{
	unsigned int i;

	for (i = 0; i < c->nrows; i++) {
		free(c->rows[i].pb);
		free(c->rows[i].pa);
	}
	free(c->rows);
	for (i = 0; i < c->nwarn; i++)
		free(c->warn[i]);
	free(c->warn);
	free(c->reqs);
	nvmx_res_free(c->rb);
	nvmx_res_free(c->ra);
}

static int parse_double_opt(const char *opt, const char *s, double lo, double hi,
			    double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !(*out >= lo && *out <= hi)) {
		p_err("%s: '%s' is not a number in [%g, %g]", opt, s, lo, hi);
		return -EINVAL;
	}
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "alpha", required_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "plot", required_argument, NULL, 'P' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "require", required_argument, NULL, 'R' },
		{ "bootstrap", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, 'S' },
		{ "stat", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct opts o = {
		.threshold = 0.02, .alpha = 0.05, .level = 0.95, .iters = 2000,
		.seed = 1, .fmt = FMT_TEXT, .fail_on_regress = true, .stat = 0,
	};
	char err[NVMX_RES_ERR_MAX * 2], *buf = NULL;
	unsigned long long v;
	struct cmp c = { 0 };
	int opt, status = EXIT_BAD;
	unsigned int i;
	size_t len = 0;
	double d;
	FILE *f;

	o.req = calloc((size_t)argc, sizeof(char *));
	if (!o.req) {
		p_err("out of memory");
		return EXIT_BAD;
	}
	nvmx_msg.prog = "nvmx-gpc compare";
	optind = 1;
	opterr = 0;
	/* no -a: it is --all in record (docs/cli.md) */
	while ((opt = getopt_long(argc, argv, ":t:f:o:P:F:R:B:S:s:hV", lopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (parse_double_opt("--threshold", optarg, 0, 1000, &d))
				goto out;
			o.threshold = d / 100;
			break;
		case 'A':
			if (parse_double_opt("--alpha", optarg, 1e-12, 0.5, &o.alpha))
				goto out;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				o.fmt = FMT_TEXT;
			else if (!strcmp(optarg, "markdown") || !strcmp(optarg, "md"))
				o.fmt = FMT_MARKDOWN;
			else if (!strcmp(optarg, "json"))
				o.fmt = FMT_JSON;
			else {
				p_err("--format: '%s' is not text, markdown or json", optarg);
				goto out;
			}
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'P':
			/* a gnuplot string has no way to write a newline */
			if (strchr(optarg, '\n')) {
				p_err("--plot: a directory name with a newline cannot go into a gnuplot script");
				goto out;
			}
			o.plot_dir = optarg;
			break;
		case 'F':
			if (!strcmp(optarg, "regress"))
				o.fail_on_regress = true;
			else if (!strcmp(optarg, "none"))
				o.fail_on_regress = false;
			else {
				p_err("--fail-on: '%s' is not regress or none", optarg);
				goto out;
			}
			break;
		case 'R':
			o.req[o.nreq++] = optarg;
			break;
		case 'B':
			if (nvmx_parse_uint("--bootstrap", optarg, 100, 1000000, &v, NULL, 0))
				goto out;
			o.iters = (unsigned int)v;
			break;
		case 'S':
			if (nvmx_parse_uint("--seed", optarg, 0, ULLONG_MAX, &v, NULL, 0))
				goto out;
			o.seed = v;
			break;
		case 's':
			if (!strcmp(optarg, "mean")) {
				o.stat = -1;
				break;
			}
			for (i = 0; i < NPCT; i++)
				if (!strcmp(optarg, pct_name[i]))
					break;
			if (i == NPCT) {
				p_err("--stat: '%s' is not mean, p50, p90, p99 or p99.9", optarg);
				goto out;
			}
			o.stat = (int)i;
			break;
		default:	/* -h, -V, errors */
			status = nvmx_opt_default(opt, argv, usage);
			goto out;
		}
	}
	if (argc - optind != 2) {
		p_err("expected two results files, BEFORE and AFTER (see --help)");
		goto out;
	}
	if (o.fmt == FMT_JSON)	/* an error is a JSON object on stdout too */
		nvmx_msg.json = stdout;
	c.fb = argv[optind];
	c.fa = argv[optind + 1];
	c.reqs = calloc(o.nreq ?: 1, sizeof(*c.reqs));
	if (!c.reqs)
		goto oom;
	for (i = 0; i < o.nreq; i++) {
		if (parse_req(&c.reqs[i], o.req[i], err, sizeof(err))) {
			p_err("%s", err);
			goto out;
		}
		c.nreqs++;
	}
	if (nvmx_res_read(c.fb, &c.rb, err, sizeof(err)) ||
	    nvmx_res_read(c.fa, &c.ra, err, sizeof(err))) {
		p_err("%s", err);
		goto out;
	}
	if (check_pair(&c, err, sizeof(err))) {
		p_err("%s", err);
		goto out;
	}
	if (compute(&c, &o))
		goto oom;
	for (i = 0; i < c.nreqs; i++) {
		if (eval_req(&c, &c.reqs[i], err, sizeof(err))) {
			p_err("%s", err);
			goto out;
		}
		if (!c.reqs[i].ok)
			c.req_failed = true;
	}
	status = EXIT_OK;
	if ((o.fail_on_regress && c.nregress) || c.req_failed)
		status = EXIT_GATE;
	for (i = 0; i < c.nwarn; i++)
		p_info("warning: %s", c.warn[i]);

	if (o.plot_dir && make_plots(&c, o.plot_dir, err, sizeof(err))) {
		p_err("%s", err);
		status = EXIT_BAD;
		goto out;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		goto oom;
	if (o.fmt == FMT_TEXT)
		report_text(f, &c, &o);
	else if (o.fmt == FMT_MARKDOWN)
		report_md(f, &c, &o);
	else
		report_json(f, &c, &o, status);
	if (fclose(f))
		goto oom;
	if (o.output) {
		if (nvmx_atomic_write(o.output, buf, len, err, sizeof(err))) {
			p_err("%s", err);
			status = EXIT_BAD;
			goto out;
		}
	} else {
		fwrite(buf, 1, len, stdout);
		if (fflush(stdout)) {
			p_err("stdout: %s", strerror(errno));
			status = EXIT_BAD;
			goto out;
		}
	}
	for (i = 0; i < c.nrows; i++)
		if (c.rows[i].v == V_REGRESSED && c.rows[i].gated)
			p_info("REGRESSION: %s %+.1f %% (p = %.3g)%s",
			       c.rows[i].name,
			       c.rows[i].have_ratio ? (c.rows[i].ratio - 1) * 100 : INFINITY,
			       c.rows[i].have_test ? c.rows[i].mwu.p : NAN,
			       o.fail_on_regress ? "" : " [not gating: --fail-on none]");
	for (i = 0; i < c.nreqs; i++) {
		char num[32];

		if (c.reqs[i].ok)
			continue;
		if (isnan(c.reqs[i].actual))
			snprintf(num, sizeof(num), "undefined");
		else
			snprintf(num, sizeof(num), "%g", c.reqs[i].actual);
		p_info("requirement failed: %s (after: %s)", c.reqs[i].expr, num);
	}
	goto out;
oom:
	p_err("out of memory");
	status = EXIT_BAD;
out:
	free(buf);
	free(o.req);
	cmp_free(&c);
	return status;
}
