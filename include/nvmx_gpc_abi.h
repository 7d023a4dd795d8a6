/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Constants shared by the BPF probes, the user-side core and the kernel
 * series' tracepoints (see docs/tracepoints.md).  Plain C, no kernel or
 * libc headers, so it can be included from BPF and user code alike.
 */
#ifndef NVMX_GPC_ABI_H
#define NVMX_GPC_ABI_H

/*
 * Tracepoint ABI of the kernel series (docs/tracepoints.md).  History:
 * 1: kvm_nested_gpc_use, kvm_pfncache_refresh, kvm_pfncache_invalidate,
 *    kvm_nested_state_reload;
 * 2: adds kvm_nested_context; nothing earlier changed;
 * 3: adds kvm_pfncache_stale and kvm_pfncache_kick (patch 14); nothing
 *    earlier changed.
 * New argument values are not a new ABI: kvm_nested_gpc_use.kind 4
 * (evmcs, patch 12) is ABI 2; older kernels never emit it.
 */
#define NVMX_TP_ABI 3

/* kvm_nested_gpc_use.kind */
enum nvmx_page_kind {
	NVMX_PAGE_MSR_BITMAP = 0,
	NVMX_PAGE_APIC_ACCESS = 1,
	NVMX_PAGE_VIRTUAL_APIC = 2,
	NVMX_PAGE_PI_DESC = 3,
	NVMX_PAGE_EVMCS = 4,	/* Hyper-V enlightened VMCS of L1 */
	NVMX_PAGE_KINDS,
	NVMX_PAGE_UNKNOWN = NVMX_PAGE_KINDS,	/* kernel did not say */
};

/* kvm_nested_gpc_use.outcome */
enum nvmx_gpc_outcome {
	NVMX_GPC_HIT = 0,
	NVMX_GPC_REFRESH = 1,
	NVMX_GPC_ACTIVATE = 2,
	NVMX_GPC_ERROR = 3,
	NVMX_GPC_OUTCOMES,
};

/* kvm_nested_context.op (ABI 2) */
enum nvmx_ctx_op {
	NVMX_CTX_REUSE = 0,	/* a parked context holding vmptr becomes current */
	NVMX_CTX_FILL = 1,	/* an unused context takes vmptr */
	NVMX_CTX_RECYCLE = 2,	/* the LRU context drops old_vmptr, takes vmptr */
	NVMX_CTX_EVICT = 3,	/* free_nested(): the context of old_vmptr goes */
	NVMX_CTX_OPS,
};

/* kvm_nested_context.slot < NVMX_NESTED_CONTEXTS_MAX */
#define NVMX_NESTED_CONTEXTS_MAX 16

/*
 * kvm_pfncache_stale.cause (ABI 3): why an active cache is refreshed or
 * activated again (the kernel's KVM_PFNCACHE_STALE_*)
 */
enum nvmx_stale_cause {
	NVMX_STALE_INVALID = 0,	/* invalidated by the MMU notifier, or a
				 * refresh failed */
	NVMX_STALE_MEMSLOT = 1,	/* valid, but the memslots changed */
	NVMX_STALE_RETARGET = 2, /* valid, moved to another gpa */
	NVMX_STALE_VALID = 3,	/* valid and current */
	NVMX_STALE_CAUSES,
};

/*
 * Latency histograms: log2 buckets split into 2^k linear sub-buckets.
 * A value v >= 2^k falls in major bucket m = floor(log2(v)) - k + 1 and
 * sub-bucket s = (v >> (m - 1)) - 2^k; values < 2^k are exact (m = 0).
 * Relative bucket width is at most 2^-k (k = 4 gives <= 6.25 %).
 * Index = m * 2^k + s.  Shared by BPF (bpf/hist.h) and user space.
 */
#define NVMX_HIST_K_DEFAULT 4
#define NVMX_HIST_K_MAX 6
#define NVMX_HIST_MAX_SLOTS (64 << NVMX_HIST_K_MAX)	/* upper bound for k <= 6 */

#endif /* NVMX_GPC_ABI_H */
