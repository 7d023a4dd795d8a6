// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
#include <math.h>
#include "hist.h"

unsigned int nvmx_hist_slots(unsigned int k)
{
	return (64 - k + 1) << k;
}

unsigned int nvmx_harr_rows(unsigned int k, unsigned int nhists)
{
	return NVMX_HARR_BYTES / (nhists * nvmx_hist_slots(k) * sizeof(uint64_t));
}

unsigned int nvmx_hist_index(uint64_t v, unsigned int k)
{
	unsigned int p, m;

	if (v < (1ULL << k))
		return (unsigned int)v;
	p = 63 - (unsigned int)__builtin_clzll(v);
	m = p - k + 1;
	return (m << k) + (unsigned int)((v >> (m - 1)) - (1ULL << k));
}

uint64_t nvmx_hist_lower(unsigned int idx, unsigned int k)
{
	unsigned int m = idx >> k;
	uint64_t s = idx & ((1U << k) - 1);

	if (m == 0)
		return s;
	return ((1ULL << k) + s) << (m - 1);
}

uint64_t nvmx_hist_upper(unsigned int idx, unsigned int k)
{
	unsigned int m = idx >> k;

	if (m == 0)
		return nvmx_hist_lower(idx, k);
	return nvmx_hist_lower(idx, k) + ((1ULL << (m - 1)) - 1);
}

double nvmx_hist_mid(unsigned int idx, unsigned int k)
{
	return ((double)nvmx_hist_lower(idx, k) +
		(double)nvmx_hist_upper(idx, k)) / 2.0;
}

uint64_t nvmx_hist_total(const uint64_t *counts, unsigned int nslots)
{
	uint64_t t = 0;
	unsigned int i;

	for (i = 0; i < nslots; i++)
		t += counts[i];
	return t;
}

double nvmx_hist_percentile(const uint64_t *counts, unsigned int nslots,
			    unsigned int k, double q, int *ok)
{
	uint64_t total = nvmx_hist_total(counts, nslots), rank, seen = 0;
	unsigned int i;

	*ok = 0;
	if (!total)
		return 0;
	if (q < 0)
		q = 0;
	if (q > 100)
		q = 100;
	rank = (uint64_t)ceil(q / 100.0 * (double)total);
	if (rank == 0)
		rank = 1;
	for (i = 0; i < nslots; i++) {
		seen += counts[i];
		if (seen >= rank) {
			*ok = 1;
			return nvmx_hist_mid(i, k);
		}
	}
	return 0;
}

/* The midpoint of the slot holding the rank-th value (1-based) */
static double value_at_rank(const uint64_t *counts, unsigned int nslots,
			    unsigned int k, uint64_t rank)
{
	uint64_t seen = 0;
	unsigned int i;

	for (i = 0; i < nslots; i++) {
		seen += counts[i];
		if (seen >= rank)
			return nvmx_hist_mid(i, k);
	}
	return 0;
}

void nvmx_hist_quantile_ci(const uint64_t *counts, unsigned int nslots,
			   unsigned int k, double q, double *lo, double *hi, int *ok)
{
	uint64_t m = nvmx_hist_total(counts, nslots);
	double c, s, rl, rh;

	*ok = 0;
	*lo = *hi = 0;
	if (!m || q <= 0 || q >= 1)
		return;
	c = (double)m * q;
	s = 1.96 * sqrt(c * (1 - q));
	rl = floor(c - s);
	rh = ceil(c + s) + 1;
	if (rl < 1)
		rl = 1;
	if (rh > (double)m)
		rh = (double)m;
	*lo = value_at_rank(counts, nslots, k, (uint64_t)rl);
	*hi = value_at_rank(counts, nslots, k, (uint64_t)rh);
	*ok = 1;
}

double nvmx_hist_mean(const uint64_t *counts, unsigned int nslots,
		      unsigned int k)
{
	uint64_t total = nvmx_hist_total(counts, nslots);
	double sum = 0;
	unsigned int i;

	if (!total)
		return 0;
	for (i = 0; i < nslots; i++)
		if (counts[i])
			sum += (double)counts[i] * nvmx_hist_mid(i, k);
	return sum / (double)total;
}
