// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void nvmx_rng_seed(struct nvmx_rng *rng, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t nvmx_rng_next(struct nvmx_rng *rng)
{
	uint64_t *s = rng->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double nvmx_rng_uniform(struct nvmx_rng *rng)
{
	return (double)(nvmx_rng_next(rng) >> 11) * 0x1.0p-53;
}

uint64_t nvmx_rng_below(struct nvmx_rng *rng, uint64_t n)
{
	uint64_t lim = -n % n, x;	/* 2^64 mod n */

	do
		x = nvmx_rng_next(rng);
	while (x < lim);
	return x % n;
}

double nvmx_rng_normal(struct nvmx_rng *rng)
{
	double u1, u2;

	do
		u1 = nvmx_rng_uniform(rng);
	while (u1 <= 0);
	u2 = nvmx_rng_uniform(rng);
	return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

uint64_t nvmx_rng_poisson(struct nvmx_rng *rng, double lambda)
{
	double l, p, x;
	uint64_t k = 0;

	if (lambda <= 0)
		return 0;
	if (lambda < 30) {
		l = exp(-lambda);
		p = nvmx_rng_uniform(rng);
		while (p > l) {
			k++;
			p *= nvmx_rng_uniform(rng);
		}
		return k;
	}
	x = floor(lambda + sqrt(lambda) * nvmx_rng_normal(rng) + 0.5);
	return x < 0 ? 0 : (uint64_t)x;
}

/* ---------------------------------------------------------------- */

double nvmx_mwu_exact_cdf(unsigned int n1, unsigned int n2, double u)
{
	/*
	 * F(j, s) = N(i, j, s): arrangements of i x's and j y's whose U
	 * (pairs y > x) is s (Mann & Whitney's recurrence); the CDF is the
	 * count at or below u divided by the total, C(n1 + n2, n1).
	 */
	unsigned int i, j, s, max = n1 * n2;
	double *f, total = 0, below = 0;

	if (n1 == 0 || n2 == 0 || n1 > NVMX_MWU_EXACT_MAX || n2 > NVMX_MWU_EXACT_MAX)
		return -1;
	f = calloc((size_t)(n2 + 1) * (max + 1), sizeof(double));
	if (!f)
		return -1;
#define F(j, s) f[(size_t)(j) * (max + 1) + (s)]
	/* Zero x's: only U = 0. */
	for (j = 0; j <= n2; j++)
		F(j, 0) = 1;
	for (i = 1; i <= n1; i++) {
		/*
		 * N(i, j, s) = N(i, j - 1, s - i) + N(i - 1, j, s): the largest
		 * element is either a y (beating all i x's) or an x.  j runs
		 * upwards so F(j - 1, .) already holds N(i, j - 1, .).
		 */
		for (j = 0; j <= n2; j++) {
			for (s = max + 1; s-- > 0;) {
				double v = F(j, s);	/* N(i - 1, j, s) */

				if (j > 0 && s >= i)
					v += F(j - 1, s - i);	/* N(i, j - 1, s - i) */
				F(j, s) = v;
			}
		}
	}
	for (s = 0; s <= max; s++) {
		total += F(n2, s);
		if ((double)s <= u + 1e-9)
			below += F(n2, s);
	}
#undef F
	free(f);
	return below / total;
}

static void mwu_pvalue(struct nvmx_mwu *r, double tie_sum)
{
	double n1 = r->n1, n2 = r->n2, n = n1 + n2, mu = n1 * n2 / 2.0;
	double var, d, lo, hi;

	if (!r->ties && n1 <= NVMX_MWU_EXACT_MAX && n2 <= NVMX_MWU_EXACT_MAX) {
		lo = nvmx_mwu_exact_cdf((unsigned int)n1, (unsigned int)n2, r->u);
		/* P(U >= u) = P(U <= n1 n2 - u) by symmetry. */
		hi = nvmx_mwu_exact_cdf((unsigned int)n1, (unsigned int)n2,
					n1 * n2 - r->u);
		if (lo >= 0 && hi >= 0) {
			r->exact = true;
			r->z = 0;
			r->p = fmin(1.0, 2.0 * fmin(lo, hi));
			return;
		}
	}
	r->exact = false;
	var = n1 * n2 / 12.0 * ((n + 1) - tie_sum / (n * (n - 1)));
	if (var <= 0) {
		r->z = 0;
		r->p = 1;
		return;
	}
	d = r->u - mu;
	/* continuity correction towards the mean */
	if (d > 0.5)
		d -= 0.5;
	else if (d < -0.5)
		d += 0.5;
	else
		d = 0;
	r->z = d / sqrt(var);
	r->p = fmin(1.0, erfc(fabs(r->z) / M_SQRT2));
}

int nvmx_mwu_binned(const uint64_t *x, const uint64_t *y, size_t nbins,
		    struct nvmx_mwu *out)
{
	double below = 0, u = 0, tie_sum = 0, t;
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < nbins; i++) {
		out->n1 += (double)x[i];
		out->n2 += (double)y[i];
	}
	if (out->n1 == 0 || out->n2 == 0)
		return -EINVAL;
	for (i = 0; i < nbins; i++) {
		u += (double)y[i] * (below + (double)x[i] / 2.0);
		below += (double)x[i];
		t = (double)x[i] + (double)y[i];
		if (t > 1) {
			tie_sum += t * t * t - t;
			out->ties = true;
		}
	}
	out->u = u;
	mwu_pvalue(out, tie_sum);
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

void nvmx_sort_doubles(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
}

int nvmx_mwu_samples(const double *x, size_t n1, const double *y, size_t n2,
		     struct nvmx_mwu *out)
{
	struct pt {
		double v;
		int side;
	} *all;
	double u = 0, tie_sum = 0, rank_sum_y = 0;
	size_t i, j, n = n1 + n2;

	memset(out, 0, sizeof(*out));
	if (!n1 || !n2)
		return -EINVAL;
	all = malloc(n * sizeof(*all));
	if (!all)
		return -ENOMEM;
	for (i = 0; i < n1; i++)
		all[i] = (struct pt){ x[i], 0 };
	for (i = 0; i < n2; i++)
		all[n1 + i] = (struct pt){ y[i], 1 };
	qsort(all, n, sizeof(*all), cmp_double);	/* v is the first member */
	for (i = 0; i < n; i = j) {
		double t, rank;
		size_t ny = 0;

		for (j = i; j < n && all[j].v == all[i].v; j++)
			ny += (size_t)all[j].side;
		t = (double)(j - i);
		rank = ((double)i + 1 + (double)j) / 2.0;	/* average rank */
		rank_sum_y += rank * (double)ny;
		if (t > 1) {
			tie_sum += t * t * t - t;
			out->ties = true;
		}
	}
	free(all);
	u = rank_sum_y - (double)n2 * ((double)n2 + 1) / 2.0;
	out->n1 = (double)n1;
	out->n2 = (double)n2;
	out->u = u;
	mwu_pvalue(out, tie_sum);
	return 0;
}

double nvmx_percentile_sorted(const double *v, size_t n, double q)
{
	double pos, frac;
	size_t i;

	if (!n)
		return 0;
	if (q <= 0)
		return v[0];
	if (q >= 100)
		return v[n - 1];
	pos = q / 100.0 * (double)(n - 1);
	i = (size_t)pos;
	frac = pos - (double)i;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (v[i + 1] - v[i]) * frac;
}

double nvmx_median_sorted(const double *v, size_t n)
{
	if (!n)
		return NAN;
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * The @level interval of the n ratios r[] (sorted in place) that @iters
 * resamples gave; -EINVAL if fewer than half of the resamples gave one.
 */
static int ci_from(double *r, unsigned int n, unsigned int iters, double level,
		   double *lo, double *hi)
{
	if (n < iters / 2)
		return -EINVAL;
	nvmx_sort_doubles(r, n);
	*lo = nvmx_percentile_sorted(r, n, (1 - level) / 2 * 100);
	*hi = nvmx_percentile_sorted(r, n, (1 + level) / 2 * 100);
	return 0;
}

int nvmx_boot_ratio_runs(const double *sum_b, const double *cnt_b, size_t nb,
			 const double *sum_a, const double *cnt_a, size_t na,
			 unsigned int iters, uint64_t seed, double level,
			 double *lo, double *hi)
{
	struct nvmx_rng rng;
	unsigned int it, n = 0;
	double *r;
	size_t i;
	int ret;

	if (!na || !nb || !iters)
		return -EINVAL;
	r = malloc(iters * sizeof(*r));
	if (!r)
		return -ENOMEM;
	nvmx_rng_seed(&rng, seed);
	for (it = 0; it < iters; it++) {
		double sa = 0, ca = 0, sb = 0, cb = 0;

		for (i = 0; i < nb; i++) {
			uint64_t j = nvmx_rng_below(&rng, nb);

			sb += sum_b[j];
			cb += cnt_b[j];
		}
		for (i = 0; i < na; i++) {
			uint64_t j = nvmx_rng_below(&rng, na);

			sa += sum_a[j];
			ca += cnt_a[j];
		}
		if (ca > 0 && cb > 0 && sb > 0)
			r[n++] = (sa / ca) / (sb / cb);
	}
	ret = ci_from(r, n, iters, level, lo, hi);
	free(r);
	return ret;
}

/* Median of a resample of v[n] (drawn into buf[n]) */
static double resample_median(struct nvmx_rng *rng, const double *v, size_t n,
			      double *buf)
{
	size_t i;

	for (i = 0; i < n; i++)
		buf[i] = v[nvmx_rng_below(rng, n)];
	nvmx_sort_doubles(buf, n);
	return nvmx_median_sorted(buf, n);
}

int nvmx_boot_ratio_medians(const double *x, size_t nx, const double *base,
			    size_t nb, unsigned int iters, uint64_t seed,
			    double level, double *lo, double *hi)
{
	double *r, *bx, *bb, ratio;
	struct nvmx_rng rng;
	unsigned int it, n = 0;
	int ret;

	if (!nx || !nb || !iters)
		return -EINVAL;
	r = malloc(iters * sizeof(*r));
	bx = malloc(nx * sizeof(*bx));
	bb = malloc(nb * sizeof(*bb));
	if (!r || !bx || !bb) {
		ret = -ENOMEM;
		goto free_all;
	}
	nvmx_rng_seed(&rng, seed);
	for (it = 0; it < iters; it++) {
		ratio = resample_median(&rng, x, nx, bx);
		ratio /= resample_median(&rng, base, nb, bb);
		if (isfinite(ratio))
			r[n++] = ratio;
	}
	ret = ci_from(r, n, iters, level, lo, hi);
free_all:
	free(bb);
	free(bx);
	free(r);
	return ret;
}

int nvmx_boot_ratio_hist(const uint64_t *before, const uint64_t *after,
			 const double *mid, size_t nbins, unsigned int iters,
			 uint64_t seed, double level, double *lo, double *hi)
{
	struct nvmx_rng rng;
	unsigned int it, n = 0;
	size_t i, nz = 0, *idx;
	double *r;
	int ret = 0;

	if (!iters)
		return -EINVAL;
	idx = malloc((nbins ?: 1) * sizeof(*idx));
	r = malloc(iters * sizeof(*r));
	if (!idx || !r) {
		ret = -ENOMEM;
		goto free_all;
	}
	for (i = 0; i < nbins; i++)
		if (before[i] || after[i])
			idx[nz++] = i;
	nvmx_rng_seed(&rng, seed);
	for (it = 0; it < iters; it++) {
		double sb = 0, cb = 0, sa = 0, ca = 0, w;

		for (i = 0; i < nz; i++) {
			size_t b = idx[i];

			if (before[b]) {
				w = (double)nvmx_rng_poisson(&rng, (double)before[b]);
				sb += w * mid[b];
				cb += w;
			}
			if (after[b]) {
				w = (double)nvmx_rng_poisson(&rng, (double)after[b]);
				sa += w * mid[b];
				ca += w;
			}
		}
		if (cb > 0 && ca > 0 && sb > 0)
			r[n++] = (sa / ca) / (sb / cb);
	}
	ret = ci_from(r, n, iters, level, lo, hi);
free_all:
	free(r);
	free(idx);
	return ret;
}

double nvmx_bin_percentile(const double *counts, size_t nbins, const void *ctx)
{
	const struct nvmx_bin_pct *p = ctx;
	double total = 0, rank, seen = 0;
	size_t i;

	for (i = 0; i < nbins; i++)
		total += counts[i];
	if (total <= 0)
		return NAN;
	rank = ceil(p->q / 100.0 * total);
	if (rank < 1)
		rank = 1;
	for (i = 0; i < nbins; i++) {
		seen += counts[i];
		if (counts[i] > 0 && seen >= rank)
			return p->mid[i];
	}
	return NAN;
}

double nvmx_bin_mean(const double *counts, size_t nbins, const void *ctx)
{
	const double *mid = ctx;
	double n = 0, s = 0;
	size_t i;

	for (i = 0; i < nbins; i++) {
		n += counts[i];
		s += counts[i] * mid[i];
	}
	return n > 0 ? s / n : NAN;
}

int nvmx_boot_ratio_bins(const uint64_t *const *runs_b, size_t nb,
			 const uint64_t *const *runs_a, size_t na,
			 size_t nbins, bool by_runs, nvmx_bin_stat_fn fn,
			 const void *ctx, unsigned int iters, uint64_t seed,
			 double level, double *lo, double *hi)
{
	double *wb = NULL, *wa = NULL, *r = NULL;
	uint64_t *pb = NULL, *pa = NULL;
	size_t i, j, nz = 0, *idx = NULL;
	unsigned int it, n = 0;
	struct nvmx_rng rng;
	int ret = 0;

	if (!nb || !na || !iters || !nbins)
		return -EINVAL;
	idx = malloc(nbins * sizeof(*idx));
	pb = calloc(nbins, sizeof(*pb));
	pa = calloc(nbins, sizeof(*pa));
	wb = calloc(nbins, sizeof(*wb));
	wa = calloc(nbins, sizeof(*wa));
	r = malloc(iters * sizeof(*r));
	if (!idx || !pb || !pa || !wb || !wa || !r) {
		ret = -ENOMEM;
		goto free_all;
	}
	/* pooled counts; only bins used anywhere take part */
	for (i = 0; i < nb; i++)
		for (j = 0; j < nbins; j++)
			pb[j] += runs_b[i][j];
	for (i = 0; i < na; i++)
		for (j = 0; j < nbins; j++)
			pa[j] += runs_a[i][j];
	for (j = 0; j < nbins; j++)
		if (pb[j] || pa[j])
			idx[nz++] = j;
	nvmx_rng_seed(&rng, seed);
	for (it = 0; it < iters; it++) {
		double sb, sa;

		for (j = 0; j < nz; j++)
			wb[idx[j]] = wa[idx[j]] = 0;
		if (by_runs) {
			for (i = 0; i < nb; i++) {
				const uint64_t *run = runs_b[nvmx_rng_below(&rng, nb)];

				for (j = 0; j < nz; j++)
					wb[idx[j]] += (double)run[idx[j]];
			}
			for (i = 0; i < na; i++) {
				const uint64_t *run = runs_a[nvmx_rng_below(&rng, na)];

				for (j = 0; j < nz; j++)
					wa[idx[j]] += (double)run[idx[j]];
			}
		} else {
			for (j = 0; j < nz; j++) {
				size_t b = idx[j];

				if (pb[b])
					wb[b] = (double)nvmx_rng_poisson(&rng, (double)pb[b]);
				if (pa[b])
					wa[b] = (double)nvmx_rng_poisson(&rng, (double)pa[b]);
			}
		}
		sb = fn(wb, nbins, ctx);
		sa = fn(wa, nbins, ctx);
		if (isfinite(sb) && isfinite(sa) && sb > 0)
			r[n++] = sa / sb;
	}
	ret = ci_from(r, n, iters, level, lo, hi);
free_all:
	free(r);
	free(wa);
	free(wb);
	free(pa);
	free(pb);
	free(idx);
	return ret;
}
