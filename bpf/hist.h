/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * BPF side of the log2 + linear sub-bucket histogram layout defined in
 * include/nvmx_gpc_abi.h (user side: tools/core/hist.c, which must agree
 * slot for slot; tests/unit checks the formula).
 */
#ifndef NVMX_BPF_HIST_H
#define NVMX_BPF_HIST_H

/* floor(log2(v)) for v > 0, without clz (the BPF backend has none). */
static __always_inline unsigned int nvmx_log2_u64(__u64 v)
{
	unsigned int r = 0, s;

	s = (v > 0xffffffffULL) << 5; v >>= s; r |= s;
	s = (v > 0xffff) << 4; v >>= s; r |= s;
	s = (v > 0xff) << 3; v >>= s; r |= s;
	s = (v > 0xf) << 2; v >>= s; r |= s;
	s = (v > 0x3) << 1; v >>= s; r |= s;
	r |= (v >> 1);
	return r;
}

static __always_inline unsigned int nvmx_bpf_hist_index(__u64 v, unsigned int k)
{
	unsigned int p, m;

	k &= 7;
	if (v < (1ULL << k))
		return (unsigned int)v;
	p = nvmx_log2_u64(v);
	m = p - k + 1;
	return (m << k) + (unsigned int)((v >> (m - 1)) - (1ULL << k));
}

#endif /* NVMX_BPF_HIST_H */
