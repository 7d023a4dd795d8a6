// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * res-scale FACTOR IN OUT: write a copy of results file IN in which every
 * latency histogram is scaled by FACTOR (values re-binned, sums scaled),
 * e.g. 1.2 for a synthetic "20 % slower" AFTER for the gate tests.
 * Counters and metadata are kept (the label notes the scaling).
 *
 * FACTOR "spread*X" is X times the largest run-to-run spread of the per-run
 * medians (max/min over the runs of each metric), so that every scaled run's
 * median lies above every original one whatever the noise of the recording:
 * the gate's test over runs then has a fixed answer.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"
#include "core/hist.h"

/* Largest max/min ratio of per-run p50s over the metrics; 1 if none. */
static double run_spread(const struct nvmx_results *r)
{
	unsigned int i, j, n = nvmx_hist_slots(r->meta.hist_k);
	double worst = 1;

	for (i = 0; i < r->nmetrics; i++) {
		double lo = 0, hi = 0;

		for (j = 0; j < r->metrics[i].nruns; j++) {
			int ok;
			double p = nvmx_hist_percentile(r->metrics[i].runs[j].slots, n,
							r->meta.hist_k, 50, &ok);

			if (!ok || p <= 0)
				continue;
			if (!lo || p < lo)
				lo = p;
			if (p > hi)
				hi = p;
		}
		if (lo && hi / lo > worst)
			worst = hi / lo;
	}
	return worst;
}

int main(int argc, char **argv)
{
	struct nvmx_results *r;
	char err[1024], label[256], *end;
	unsigned int i, j, s, k, n;
	uint64_t *tmp;
	const char *fs;
	double f, spread = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: res-scale FACTOR IN OUT\n");
		return 2;
	}
	fs = argv[1];
	if (!strncmp(fs, "spread*", 7))
		fs += 7;
	f = strtod(fs, &end);
	if (*end || end == fs || !(f > 0 && f < 1000)) {
		fprintf(stderr, "res-scale: bad factor '%s'\n", argv[1]);
		return 2;
	}
	if (nvmx_res_read(argv[2], &r, err, sizeof(err))) {
		fprintf(stderr, "res-scale: %s\n", err);
		return 2;
	}
	if (fs != argv[1]) {
		spread = run_spread(r);
		f *= spread;
		if (!(f < 1000)) {
			fprintf(stderr, "res-scale: run spread %g too large\n", spread);
			nvmx_res_free(r);
			return 2;
		}
		printf("res-scale: run spread %.4f, factor %.4f\n", spread, f);
	}
	k = r->meta.hist_k;
	n = nvmx_hist_slots(k);
	tmp = calloc(n, sizeof(*tmp));
	if (!tmp)
		return 2;
	for (i = 0; i < r->nmetrics; i++) {
		for (j = 0; j < r->metrics[i].nruns; j++) {
			struct nvmx_res_hist *h = &r->metrics[i].runs[j];
			long double lo = 0, hi = 0, sum;

			memset(tmp, 0, n * sizeof(*tmp));
			for (s = 0; s < n; s++) {
				double v;
				unsigned int t;

				if (!h->slots[s])
					continue;
				v = floor(nvmx_hist_mid(s, k) * f + 0.5);
				t = nvmx_hist_index(v >= 1.8e19 ? UINT64_MAX : (uint64_t)v, k);
				tmp[t] += h->slots[s];
			}
			memcpy(h->slots, tmp, n * sizeof(*tmp));
			for (s = 0; s < n; s++) {
				lo += (long double)h->slots[s] * nvmx_hist_lower(s, k);
				hi += (long double)h->slots[s] * nvmx_hist_upper(s, k);
			}
			/* scale the exact sum, kept inside the new slots' bounds */
			sum = floorl((long double)h->sum * f + 0.5L);
			if (sum < lo)
				sum = lo;
			if (sum > hi)
				sum = hi;
			h->sum = (uint64_t)sum;
		}
	}
	free(tmp);
	snprintf(label, sizeof(label), "%s scaled by %g", r->meta.label ? r->meta.label : "",
		 f);
	free(r->meta.label);
	r->meta.label = strdup(label);
	if (nvmx_res_write(argv[3], r, err, sizeof(err))) {
		fprintf(stderr, "res-scale: %s\n", err);
		nvmx_res_free(r);
		return 1;
	}
	nvmx_res_free(r);
	return 0;
}
