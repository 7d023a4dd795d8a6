/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * User-side view of the log2 + linear sub-bucket histograms (the bucket
 * layout is defined in include/nvmx_gpc_abi.h and computed in BPF by
 * bpf/hist.h).  Values are in the unit of the metric (ns, or TSC cycles).
 */
#ifndef NVMX_CORE_HIST_H
#define NVMX_CORE_HIST_H

#include <stdint.h>
#include "../../include/nvmx_gpc_abi.h"

/* Number of slots for sub-bucket bits k (0 <= k <= NVMX_HIST_K_MAX). */
unsigned int nvmx_hist_slots(unsigned int k);
/*
 * Histograms of the first rows live in the BPF harr array (added to
 * without hashing), within this budget; the rest in the hists hash.
 */
#define NVMX_HARR_BYTES (8u << 20)
/* Rows whose @nhists histograms at sub-bucket bits k fit in harr. */
unsigned int nvmx_harr_rows(unsigned int k, unsigned int nhists);
/* Slot index of value v. */
unsigned int nvmx_hist_index(uint64_t v, unsigned int k);
/* Inclusive lower and upper bound of the values that land in slot idx. */
uint64_t nvmx_hist_lower(unsigned int idx, unsigned int k);
uint64_t nvmx_hist_upper(unsigned int idx, unsigned int k);
/* Midpoint used as the slot's representative value. */
double nvmx_hist_mid(unsigned int idx, unsigned int k);

/*
 * Percentile q in [0, 100] of a histogram with @nslots counts: the
 * midpoint of the slot holding the ceil(q/100 * total)-th value (so the
 * error is at most half a bucket, <= 2^-(k+1) relative).  Returns 0 and
 * sets *ok = 0 when the histogram is empty.
 */
double nvmx_hist_percentile(const uint64_t *counts, unsigned int nslots,
			    unsigned int k, double q, int *ok);
uint64_t nvmx_hist_total(const uint64_t *counts, unsigned int nslots);
/*
 * The distribution-free 95 % confidence interval of quantile q in (0, 1)
 * estimated from the histogram's m samples: the values (slot midpoints)
 * at ranks floor(m q - 1.96 s) and ceil(m q + 1.96 s) + 1, s = sqrt(m q
 * (1 - q)), clamped to 1..m.  *ok = 0 when empty.
 */
void nvmx_hist_quantile_ci(const uint64_t *counts, unsigned int nslots,
			   unsigned int k, double q, double *lo, double *hi, int *ok);
/* Mean using slot midpoints (exact sums are kept separately when known). */
double nvmx_hist_mean(const uint64_t *counts, unsigned int nslots,
		      unsigned int k);

#endif /* NVMX_CORE_HIST_H */
