// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Statistics against hand-computed answers.
 *
 * Mann-Whitney U for n1 = n2 = 3 without ties: the 20 arrangements give
 * U = 0..9 with frequencies 1 1 2 3 3 3 3 2 1 1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <errno.h>
#include <math.h>
#include <cmocka.h>

#include "stats/stats.h"

#define EPS 1e-12

/* cmocka 1.1 has no assert_double_equal */
static void check_close(double got, double want, double eps, const char *what,
			int line)
{
	if (!(fabs(got - want) <= eps))
		fail_msg("line %d: %s = %.17g, expected %.17g (+- %g)", line, what,
			 got, want, eps);
}
#define assert_double_equal(a, b, eps) check_close((a), (b), (eps), #a, __LINE__)

static void test_exact_cdf_n3(void **state)
{
	static const int freq[10] = { 1, 1, 2, 3, 3, 3, 3, 2, 1, 1 };
	double cum = 0;
	int u;

	(void)state;
	for (u = 0; u < 10; u++) {
		cum += freq[u];
		assert_double_equal(nvmx_mwu_exact_cdf(3, 3, u), cum / 20.0, EPS);
	}
	/* n1 = 1, n2 = 2: U in {0, 1, 2} each with probability 1/3 */
	assert_double_equal(nvmx_mwu_exact_cdf(1, 2, 0), 1.0 / 3, EPS);
	assert_double_equal(nvmx_mwu_exact_cdf(1, 2, 1), 2.0 / 3, EPS);
	/* n1 = 2, n2 = 2: freq 1 1 2 1 1 over U = 0..4 (6 arrangements) */
	assert_double_equal(nvmx_mwu_exact_cdf(2, 2, 2), 4.0 / 6, EPS);
	assert_true(nvmx_mwu_exact_cdf(NVMX_MWU_EXACT_MAX + 1, 3, 1) < 0);
}

static void test_exact_separated(void **state)
{
	const double x[] = { 1, 2, 3 }, y[] = { 4, 5, 6 };
	struct nvmx_mwu r;

	(void)state;
	assert_int_equal(nvmx_mwu_samples(x, 3, y, 3, &r), 0);
	assert_true(r.exact);
	assert_false(r.ties);
	assert_double_equal(r.u, 9, EPS);	/* every y beats every x */
	assert_double_equal(r.p, 0.1, EPS);	/* 2 * 1/20 */
	assert_int_equal(nvmx_mwu_samples(y, 3, x, 3, &r), 0);
	assert_double_equal(r.u, 0, EPS);
	assert_double_equal(r.p, 0.1, EPS);
}

static void test_exact_interleaved(void **state)
{
	const double x[] = { 1, 3, 5 }, y[] = { 2, 4, 6 };
	struct nvmx_mwu r;

	(void)state;
	assert_int_equal(nvmx_mwu_samples(x, 3, y, 3, &r), 0);
	/* 2 > 1; 4 > 1, 3; 6 > 1, 3, 5 */
	assert_double_equal(r.u, 6, EPS);
	/* P(U >= 6) = (3 + 2 + 1 + 1) / 20, two-sided 0.7 */
	assert_double_equal(r.p, 0.7, EPS);
}

static void test_ties_normal_approx(void **state)
{
	const double x[] = { 1, 1, 2, 2 }, y[] = { 2, 2, 3, 3 };
	const uint64_t bx[] = { 2, 2, 0 }, by[] = { 0, 2, 2 };
	/*
	 * U = 2 * (2 + 2 * 0.5) + 2 * 4 = 14, mean 8.  Ties: t = 2, 4, 2,
	 * sum(t^3 - t) = 72; var = 16 / 12 * (9 - 72 / 56) = 72 / 7.
	 * z = (14 - 8 - 0.5) / sqrt(72 / 7) = 1.714926...,
	 * p = erfc(z / sqrt 2) = 0.0863587...
	 */
	const double z = 5.5 / sqrt(72.0 / 7.0);
	struct nvmx_mwu r, rb;

	(void)state;
	assert_int_equal(nvmx_mwu_samples(x, 4, y, 4, &r), 0);
	assert_false(r.exact);
	assert_true(r.ties);
	assert_double_equal(r.u, 14, EPS);
	assert_double_equal(r.z, z, 1e-12);
	assert_double_equal(r.p, 0.08635873964701249, 1e-9);
	/* the same data binned */
	assert_int_equal(nvmx_mwu_binned(bx, by, 3, &rb), 0);
	assert_double_equal(rb.u, r.u, EPS);
	assert_double_equal(rb.p, r.p, EPS);
}

static void test_binned_identical_and_empty(void **state)
{
	const uint64_t a[] = { 0, 10, 500, 30, 1 }, z[] = { 0, 0, 0, 0, 0 };
	struct nvmx_mwu r;

	(void)state;
	assert_int_equal(nvmx_mwu_binned(a, a, 5, &r), 0);
	assert_double_equal(r.u, 541.0 * 541.0 / 2, EPS);
	assert_double_equal(r.p, 1.0, EPS);
	assert_int_equal(nvmx_mwu_binned(a, z, 5, &r), -22);
	/* all observations in one bin: no information, p = 1 */
	{
		const uint64_t one[] = { 0, 7, 0 }, two[] = { 0, 9, 0 };

		assert_int_equal(nvmx_mwu_binned(one, two, 3, &r), 0);
		assert_double_equal(r.p, 1.0, EPS);
	}
}

static void test_binned_shift_significant(void **state)
{
	/* 1000 observations each, after shifted up by one bin */
	const uint64_t b[] = { 100, 800, 100, 0 }, a[] = { 0, 100, 800, 100 };
	struct nvmx_mwu r;

	(void)state;
	assert_int_equal(nvmx_mwu_binned(b, a, 4, &r), 0);
	/* U = 100*(100 + 400) + 800*(900 + 50) + 100*1000 = 910000 */
	assert_double_equal(r.u, 910000, EPS);
	assert_true(r.z > 30);
	assert_true(r.p < 1e-100);
}

static void test_percentile_sorted(void **state)
{
	const double v[] = { 1, 2, 3, 4 };

	(void)state;
	assert_double_equal(nvmx_percentile_sorted(v, 4, 0), 1, EPS);
	assert_double_equal(nvmx_percentile_sorted(v, 4, 50), 2.5, EPS);
	assert_double_equal(nvmx_percentile_sorted(v, 4, 100), 4, EPS);
	assert_double_equal(nvmx_percentile_sorted(v, 4, 25), 1.75, EPS);
	assert_double_equal(nvmx_percentile_sorted(v, 1, 90), 1, EPS);
}

static void test_rng(void **state)
{
	struct nvmx_rng a, b;
	double sum = 0, pois = 0;
	int i;

	(void)state;
	nvmx_rng_seed(&a, 1);
	nvmx_rng_seed(&b, 1);
	for (i = 0; i < 1000; i++)
		assert_true(nvmx_rng_next(&a) == nvmx_rng_next(&b));
	nvmx_rng_seed(&b, 2);
	assert_true(nvmx_rng_next(&a) != nvmx_rng_next(&b));
	for (i = 0; i < 100000; i++) {
		double u = nvmx_rng_uniform(&a);

		assert_true(u >= 0 && u < 1);
		sum += u;
		assert_true(nvmx_rng_below(&a, 7) < 7);
		pois += (double)nvmx_rng_poisson(&a, i & 1 ? 3.5 : 1000);
	}
	assert_double_equal(sum / 100000, 0.5, 0.01);
	/* mean of Poisson(3.5) and Poisson(1000) draws, half each */
	assert_double_equal(pois / 100000, (3.5 + 1000) / 2, 1.0);
}

/*
 * nvmx_rng_below() has no modulo bias.  n = 3 * 2^62 splits the 2^64
 * outputs of the generator into n + 2^62: x % n lands in the first third
 * [0, 2^62) twice as often as elsewhere, half of the draws instead of a
 * third.  The rejection sampling keeps to a third, and every small range
 * is covered evenly (chi-square).
 */
static void test_rng_below_unbiased(void **state)
{
	const uint64_t n = 3ULL << 62, third = 1ULL << 62;
	const unsigned int draws = 60000, k = 7;
	unsigned int i, low = 0, low_mod = 0, hits[7] = { 0 };
	struct nvmx_rng rng;
	double chi2 = 0, e = (double)draws / k;

	(void)state;
	nvmx_rng_seed(&rng, 15);
	for (i = 0; i < draws; i++)
		low += nvmx_rng_below(&rng, n) < third;
	/* a third, within 6 standard deviations (0.0019) */
	assert_double_equal((double)low / draws, 1.0 / 3, 0.012);
	/* the modulo of the same generator's output is what this catches */
	nvmx_rng_seed(&rng, 15);
	for (i = 0; i < draws; i++)
		low_mod += nvmx_rng_next(&rng) % n < third;
	assert_double_equal((double)low_mod / draws, 0.5, 0.012);

	for (i = 0; i < draws; i++)
		hits[nvmx_rng_below(&rng, k)]++;
	for (i = 0; i < k; i++)
		chi2 += (hits[i] - e) * (hits[i] - e) / e;
	assert_true(chi2 < 22.46);	/* 6 degrees of freedom, p = 0.001 */
	/* n = 1 and n = 2^63 + 1 (the largest rejection zone) */
	for (i = 0; i < 1000; i++) {
		assert_true(nvmx_rng_below(&rng, 1) == 0);
		assert_true(nvmx_rng_below(&rng, (1ULL << 63) + 1) <= 1ULL << 63);
	}
}

static void test_median_sorted(void **state)
{
	const double v[] = { 1, 2, 4, 10 };

	(void)state;
	assert_true(isnan(nvmx_median_sorted(v, 0)));
	assert_double_equal(nvmx_median_sorted(v, 1), 1, EPS);
	assert_double_equal(nvmx_median_sorted(v, 3), 2, EPS);
	assert_double_equal(nvmx_median_sorted(v, 4), 3, EPS);
}

static void test_boot_medians(void **state)
{
	const double base[] = { 100, 90, 110, 105, 95, 102, 98 };
	const double twice[] = { 200, 180, 220, 210, 190, 204, 196 };
	const double same[] = { 7, 7, 7 }, zero[] = { 0, 0, 0 };
	double lo, hi, lo2, hi2;

	(void)state;
	/* constant samples: every resample gives exactly 7 / 7 */
	assert_int_equal(nvmx_boot_ratio_medians(same, 3, same, 3, 1000, 1, 0.95,
						 &lo, &hi), 0);
	assert_double_equal(lo, 1, 1e-12);
	assert_double_equal(hi, 1, 1e-12);
	/* the same sample: CI brackets 1; doubled: brackets 2 */
	assert_int_equal(nvmx_boot_ratio_medians(base, 7, base, 7, 4000, 1, 0.95,
						 &lo, &hi), 0);
	assert_true(lo < 1 && hi > 1 && lo > 0.85 && hi < 1.15);
	assert_int_equal(nvmx_boot_ratio_medians(twice, 7, base, 7, 4000, 1, 0.95,
						 &lo, &hi), 0);
	assert_true(lo < 2 && hi > 2 && lo > 1.7 && hi < 2.3);
	/* deterministic for a seed, different for another */
	assert_int_equal(nvmx_boot_ratio_medians(twice, 7, base, 7, 4000, 1, 0.95,
						 &lo2, &hi2), 0);
	assert_true(lo == lo2 && hi == hi2);
	/* a zero median below: no finite ratio; empty samples */
	assert_int_equal(nvmx_boot_ratio_medians(same, 3, zero, 3, 100, 1, 0.95,
						 &lo, &hi), -EINVAL);
	assert_int_equal(nvmx_boot_ratio_medians(same, 0, same, 3, 100, 1, 0.95,
						 &lo, &hi), -EINVAL);
	assert_int_equal(nvmx_boot_ratio_medians(same, 3, same, 0, 100, 1, 0.95,
						 &lo, &hi), -EINVAL);
}

static void test_boot_runs(void **state)
{
	const double sb[] = { 100, 100, 100, 100, 100 }, sa[] = { 120, 120, 120, 120, 120 };
	const double ones[] = { 1, 1, 1, 1, 1 };
	const double sv[] = { 90, 110, 100, 95, 105 }, sv2[] = { 180, 220, 200, 190, 210 };
	double lo, hi, lo2, hi2;

	(void)state;
	/* constant runs: every resample gives exactly 1.2 */
	assert_int_equal(nvmx_boot_ratio_runs(sb, ones, 5, sa, ones, 5, 1000, 1, 0.95,
					      &lo, &hi), 0);
	assert_double_equal(lo, 1.2, 1e-12);
	assert_double_equal(hi, 1.2, 1e-12);
	/* doubled values: CI brackets 2, deterministic for a seed */
	assert_int_equal(nvmx_boot_ratio_runs(sv, ones, 5, sv2, ones, 5, 2000, 9, 0.95,
					      &lo, &hi), 0);
	assert_true(lo < 2 && hi > 2 && lo > 1.7 && hi < 2.3);
	assert_int_equal(nvmx_boot_ratio_runs(sv, ones, 5, sv2, ones, 5, 2000, 9, 0.95,
					      &lo2, &hi2), 0);
	assert_true(lo == lo2 && hi == hi2);
}

static void test_boot_hist(void **state)
{
	const uint64_t b[] = { 0, 1000, 3000, 1000, 0 }, a[] = { 0, 0, 1000, 3000, 1000 };
	const double mid[] = { 1, 10, 20, 40, 80 };
	double lo, hi;

	(void)state;
	/* identical: CI brackets 1 tightly */
	assert_int_equal(nvmx_boot_ratio_hist(b, b, mid, 5, 2000, 3, 0.95, &lo, &hi), 0);
	assert_true(lo < 1 && hi > 1 && hi - lo < 0.05);
	/* after = before shifted to doubled bins: means 22 and 44 */
	assert_int_equal(nvmx_boot_ratio_hist(b, a, mid, 5, 2000, 3, 0.95, &lo, &hi), 0);
	assert_true(lo < 2 && hi > 2 && lo > 1.95 && hi < 2.05);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_cdf_n3),
		cmocka_unit_test(test_exact_separated),
		cmocka_unit_test(test_exact_interleaved),
		cmocka_unit_test(test_ties_normal_approx),
		cmocka_unit_test(test_binned_identical_and_empty),
		cmocka_unit_test(test_binned_shift_significant),
		cmocka_unit_test(test_percentile_sorted),
		cmocka_unit_test(test_rng),
		cmocka_unit_test(test_rng_below_unbiased),
		cmocka_unit_test(test_median_sorted),
		cmocka_unit_test(test_boot_medians),
		cmocka_unit_test(test_boot_runs),
		cmocka_unit_test(test_boot_hist),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
