// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Property tests of the histogram bucket math (tools/core/hist.c): every
 * value lands in a slot whose bounds contain it, slots tile the u64
 * range, relative width <= 2^-k, percentiles within 2^-(k+1).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>

#include "core/hist.h"
#include "stats/stats.h"

static void check_value(uint64_t v, unsigned int k)
{
	unsigned int idx = nvmx_hist_index(v, k);

	assert_true(idx < nvmx_hist_slots(k));
	assert_true(nvmx_hist_lower(idx, k) <= v);
	assert_true(v <= nvmx_hist_upper(idx, k));
}

static void test_every_value_in_its_bucket(void **state)
{
	struct nvmx_rng rng;
	unsigned int k, b, i;
	uint64_t v;

	(void)state;
	nvmx_rng_seed(&rng, 42);
	for (k = 0; k <= NVMX_HIST_K_MAX; k++) {
		for (v = 0; v < 70000; v++)	/* exhaustive small values */
			check_value(v, k);
		for (b = 0; b < 64; b++) {	/* powers of two and neighbours */
			v = 1ULL << b;
			check_value(v, k);
			check_value(v - 1, k);
			check_value(v + 1, k);
		}
		check_value(UINT64_MAX, k);
		for (i = 0; i < 200000; i++) {	/* random magnitudes */
			v = nvmx_rng_next(&rng) >> nvmx_rng_below(&rng, 64);
			check_value(v, k);
		}
	}
}

static void test_slots_tile_range(void **state)
{
	unsigned int k, idx, n;

	(void)state;
	for (k = 0; k <= NVMX_HIST_K_MAX; k++) {
		n = nvmx_hist_slots(k);
		assert_true(n <= NVMX_HIST_MAX_SLOTS);
		assert_int_equal(nvmx_hist_lower(0, k), 0);
		assert_true(nvmx_hist_upper(n - 1, k) == UINT64_MAX);
		for (idx = 0; idx + 1 < n; idx++) {
			uint64_t lo = nvmx_hist_lower(idx, k), hi = nvmx_hist_upper(idx, k);

			assert_true(lo <= hi);
			assert_true(hi + 1 == nvmx_hist_lower(idx + 1, k));
			assert_int_equal(nvmx_hist_index(lo, k), idx);
			assert_int_equal(nvmx_hist_index(hi, k), idx);
			/* relative width: (hi - lo + 1) / lo <= 2^-k */
			if (lo >= (1ULL << k))
				assert_true((long double)(hi - lo + 1) / (long double)lo <=
					    1.0L / (long double)(1ULL << k));
			else
				assert_true(lo == hi);	/* exact below 2^k */
		}
	}
	/* the documented default: k = 4 gives <= 6.25 % */
	assert_int_equal(NVMX_HIST_K_DEFAULT, 4);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void test_percentile_error_bound(void **state)
{
	static const double qs[] = { 0, 1, 25, 50, 90, 99, 99.9, 100 };
	const unsigned int n = 20000;
	struct nvmx_rng rng;
	uint64_t *vals, *counts;
	unsigned int k, i, trial, qi;
	int ok;

	(void)state;
	vals = calloc(n, sizeof(*vals));
	assert_non_null(vals);
	nvmx_rng_seed(&rng, 7);
	for (k = 0; k <= NVMX_HIST_K_MAX; k++) {
		unsigned int ns = nvmx_hist_slots(k);
		double bound = ldexp(1.0, -(int)(k + 1));

		counts = calloc(ns, sizeof(*counts));
		assert_non_null(counts);
		for (trial = 0; trial < 5; trial++) {
			for (i = 0; i < ns; i++)
				counts[i] = 0;
			for (i = 0; i < n; i++) {
				/* log-uniform over 1 .. 2^40, like latencies */
				vals[i] = (uint64_t)exp2(nvmx_rng_uniform(&rng) * 40.0);
				counts[nvmx_hist_index(vals[i], k)]++;
			}
			qsort(vals, n, sizeof(*vals), cmp_u64);
			assert_int_equal(nvmx_hist_total(counts, ns), n);
			for (qi = 0; qi < sizeof(qs) / sizeof(qs[0]); qi++) {
				uint64_t rank = (uint64_t)ceil(qs[qi] / 100.0 * n);
				double exact, est;

				if (rank == 0)
					rank = 1;
				exact = (double)vals[rank - 1];
				est = nvmx_hist_percentile(counts, ns, k, qs[qi], &ok);
				assert_true(ok);
				assert_true(fabs(est - exact) <= bound * exact + 1e-9);
			}
		}
		free(counts);
	}
	free(vals);
}

static void test_percentile_empty(void **state)
{
	uint64_t counts[16] = { 0 };
	int ok = 1;

	(void)state;
	assert_true(nvmx_hist_percentile(counts, 16, 4, 50, &ok) == 0);
	assert_false(ok);
	counts[5] = 3;	/* k = 4: slots below 16 hold exactly their value */
	assert_true(nvmx_hist_percentile(counts, 16, 4, 50, &ok) == 5.0);
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_value_in_its_bucket),
		cmocka_unit_test(test_slots_tile_range),
		cmocka_unit_test(test_percentile_error_bound),
		cmocka_unit_test(test_percentile_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
