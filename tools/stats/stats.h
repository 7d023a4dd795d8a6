/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Statistics for nvmx-gpc compare and the overhead benchmark: a seeded
 * PRNG (xoshiro256**), Mann-Whitney U (exact for small untied samples,
 * normal approximation with tie and continuity correction otherwise),
 * percentile bootstrap confidence intervals and percentiles of raw samples.
 */
#ifndef NVMX_STATS_H
#define NVMX_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nvmx_rng {
	uint64_t s[4];
};

void nvmx_rng_seed(struct nvmx_rng *rng, uint64_t seed);
uint64_t nvmx_rng_next(struct nvmx_rng *rng);
/* Uniform in [0, 1). */
double nvmx_rng_uniform(struct nvmx_rng *rng);
/* Uniform integer in [0, n), n > 0, without modulo bias. */
uint64_t nvmx_rng_below(struct nvmx_rng *rng, uint64_t n);
/* Standard normal (Box-Muller). */
double nvmx_rng_normal(struct nvmx_rng *rng);
/* Poisson(lambda): exact for lambda < 30, normal approximation above. */
uint64_t nvmx_rng_poisson(struct nvmx_rng *rng, double lambda);

/* Exact two-sided p-value is used when there are no ties and both n <= this. */
#define NVMX_MWU_EXACT_MAX 50

struct nvmx_mwu {
	double n1, n2;		/* sample sizes (x = before, y = after) */
	double u;		/* U of y: #(y > x) + #(y == x) / 2 */
	double z;		/* normal score (0 when exact) */
	double p;		/* two-sided p-value */
	bool exact;
	bool ties;
};

/*
 * Mann-Whitney U on binned data: x[i] and y[i] are the numbers of
 * before/after observations in bin i, bins in increasing order; values
 * in one bin are ties.  Returns -EINVAL when either side is empty.
 */
int nvmx_mwu_binned(const uint64_t *x, const uint64_t *y, size_t nbins,
		    struct nvmx_mwu *out);
/* Mann-Whitney U on raw samples. */
int nvmx_mwu_samples(const double *x, size_t n1, const double *y, size_t n2,
		     struct nvmx_mwu *out);
/* P(U <= u) for sizes n1, n2 without ties (exact), or -1 if too large. */
double nvmx_mwu_exact_cdf(unsigned int n1, unsigned int n2, double u);

/* Percentile q in [0,100] of n sorted values (linear interpolation). */
double nvmx_percentile_sorted(const double *v, size_t n, double q);
/* Median of n sorted values: the middle one, or the mean of the two; NAN if n is 0. */
double nvmx_median_sorted(const double *v, size_t n);
void nvmx_sort_doubles(double *v, size_t n);

/*
 * Bootstrap CI of ratio = mean(after) / mean(before) over runs: run i of
 * a side has sum[i] over cnt[i] observations (cnt = 1 for plain values).
 * Resamples the runs of each side with replacement.  level e.g. 0.95.
 * Returns -EINVAL when a mean is zero in the point estimate.
 */
int nvmx_boot_ratio_runs(const double *sum_b, const double *cnt_b, size_t nb,
			 const double *sum_a, const double *cnt_a, size_t na,
			 unsigned int iters, uint64_t seed, double level,
			 double *lo, double *hi);
/*
 * Bootstrap CI of median(x) / median(base): each sample resampled with
 * replacement (uniform indexes, nvmx_rng_below()), iters times.  Resamples
 * whose ratio is not finite are dropped; -EINVAL when fewer than half of
 * them give one, or a sample is empty.
 */
int nvmx_boot_ratio_medians(const double *x, size_t nx, const double *base,
			    size_t nb, unsigned int iters, uint64_t seed,
			    double level, double *lo, double *hi);
/*
 * Bootstrap CI of the ratio of histogram means, resampling observations
 * (Poisson bootstrap: each bin's count is redrawn as Poisson(count)).
 * mid[i] is bin i's representative value.
 */
int nvmx_boot_ratio_hist(const uint64_t *before, const uint64_t *after,
			 const double *mid, size_t nbins, unsigned int iters,
			 uint64_t seed, double level, double *lo, double *hi);

/*
 * Generic statistic of a binned distribution: counts[i] observations in
 * bin i (weights may be non-integral).  Returns NAN when undefined.
 */
typedef double (*nvmx_bin_stat_fn)(const double *counts, size_t nbins,
				   const void *ctx);

/* Percentile q (ctx: const double *q) using bin representative values
 * (ctx also needs the values: see struct nvmx_bin_pct). */
struct nvmx_bin_pct {
	double q;
	const double *mid;	/* representative value of each bin */
};
double nvmx_bin_percentile(const double *counts, size_t nbins, const void *ctx);
/* Mean using representative values (ctx: const double *mid). */
double nvmx_bin_mean(const double *counts, size_t nbins, const void *ctx);

/*
 * Bootstrap CI of stat(after) / stat(before) for binned data:
 *  - over observations (nruns_b == nruns_a == 1 allowed): each bin's
 *    count redrawn as Poisson(count) (Poisson bootstrap);
 *  - over runs (by_runs): runs of each side resampled with replacement,
 *    their bins pooled.
 * runs_b[i] / runs_a[i] are the bins of run i.  Iterations where a
 * statistic is undefined or zero are dropped.
 */
int nvmx_boot_ratio_bins(const uint64_t *const *runs_b, size_t nb,
			 const uint64_t *const *runs_a, size_t na,
			 size_t nbins, bool by_runs, nvmx_bin_stat_fn fn,
			 const void *ctx, unsigned int iters, uint64_t seed,
			 double level, double *lo, double *hi);

#endif /* NVMX_STATS_H */
