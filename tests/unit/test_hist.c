// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Histogram layout: BPF-side index (bpf/hist.h) == user side (hist.c). */
#include <linux/types.h>
#include "testutil.h"

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif
#include "hist.h"	/* tools/core/hist.h */
#include "../../bpf/hist.h"

static uint64_t lcg(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return *s;
}

static void test_index_matches_bpf(void **state __attribute__((unused)))
{
	uint64_t s = 42, v;
	unsigned int k, i, sh;

	for (k = 0; k <= NVMX_HIST_K_MAX; k++) {
		for (v = 0; v < 5000; v++)
			assert_int_equal(nvmx_bpf_hist_index(v, k), nvmx_hist_index(v, k));
		for (sh = 0; sh < 64; sh++) {
			v = 1ULL << sh;
			assert_int_equal(nvmx_bpf_hist_index(v, k), nvmx_hist_index(v, k));
			assert_int_equal(nvmx_bpf_hist_index(v - 1, k), nvmx_hist_index(v - 1, k));
		}
		for (i = 0; i < 100000; i++) {
			v = lcg(&s) >> (lcg(&s) % 64);
			assert_int_equal(nvmx_bpf_hist_index(v, k), nvmx_hist_index(v, k));
		}
		assert_int_equal(nvmx_hist_index(UINT64_MAX, k), nvmx_hist_slots(k) - 1);
	}
}

static void test_bounds(void **state __attribute__((unused)))
{
	unsigned int k, idx;
	uint64_t s = 7, v;
	int i;

	for (k = 0; k <= NVMX_HIST_K_MAX; k++) {
		for (i = 0; i < 20000; i++) {
			v = lcg(&s) >> (lcg(&s) % 64);
			idx = nvmx_hist_index(v, k);
			assert_true(nvmx_hist_lower(idx, k) <= v);
			assert_true(v <= nvmx_hist_upper(idx, k));
		}
		/* slots tile the value space without gaps */
		for (idx = 0; idx + 1 < nvmx_hist_slots(k); idx++)
			assert_true(nvmx_hist_upper(idx, k) + 1 == nvmx_hist_lower(idx + 1, k));
	}
	/* k = 4: values below 16 are exact, then width 1 up to 32, 2 up to 64 */
	assert_int_equal(nvmx_hist_index(15, 4), 15);
	assert_int_equal(nvmx_hist_index(16, 4), 16);
	assert_int_equal(nvmx_hist_index(33, 4), nvmx_hist_index(32, 4));
	assert_int_equal(nvmx_hist_lower(nvmx_hist_index(1000, 4), 4), 992);
	assert_int_equal(nvmx_hist_upper(nvmx_hist_index(1000, 4), 4), 1023);
}

static void test_percentiles(void **state __attribute__((unused)))
{
	unsigned int k = 4, n = nvmx_hist_slots(k);
	uint64_t *h = calloc(n, sizeof(*h));
	double p;
	int ok, i;

	assert_non_null(h);
	p = nvmx_hist_percentile(h, n, k, 50, &ok);
	assert_false(ok);
	assert_true(p == 0);
	/* 1..100: exact below 16, then buckets */
	for (i = 1; i <= 100; i++)
		h[nvmx_hist_index(i, k)]++;
	assert_int_equal(nvmx_hist_total(h, n), 100);
	p = nvmx_hist_percentile(h, n, k, 10, &ok);
	assert_true(ok);
	assert_true(p == 10.0);
	p = nvmx_hist_percentile(h, n, k, 50, &ok);	/* 50 in [50,51] */
	assert_true(p == 50.5);
	p = nvmx_hist_percentile(h, n, k, 99, &ok);	/* 99 in [96,99] */
	assert_true(p == 97.5);
	p = nvmx_hist_percentile(h, n, k, 100, &ok);	/* 100 in [100,103] */
	assert_true(p == 101.5);
	p = nvmx_hist_percentile(h, n, k, 0, &ok);
	assert_true(p == 1.0);
	/* relative error bound 2^-(k+1) for every value */
	memset(h, 0, n * sizeof(*h));
	h[nvmx_hist_index(123456789, k)] = 1;
	p = nvmx_hist_percentile(h, n, k, 50, &ok);
	assert_true(p >= 123456789.0 * (1 - 1.0 / 32) && p <= 123456789.0 * (1 + 1.0 / 32));
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index_matches_bpf),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_percentiles),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
