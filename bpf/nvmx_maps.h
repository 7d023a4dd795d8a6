/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Layout of the BPF maps shared by bpf/nvmx_gpc.bpf.c and tools/core.
 * Plain C (no kernel or libc headers): included from BPF and user code.
 * Enums only grow at the end (before the _NR sentinel).
 */
#ifndef NVMX_MAPS_H
#define NVMX_MAPS_H

#include "../include/nvmx_gpc_abi.h"

/* Hooks: one per thing we observe; each has attach variants. */
enum nvmx_hook {
	NVMX_HOOK_L2_ENTRY,	/* kvm_nested_vmenter */
	NVMX_HOOK_L2_EXIT,	/* kvm_nested_vmexit */
	NVMX_HOOK_L2_EXIT_INJ,	/* kvm_nested_vmexit_inject (L2->L1) */
	NVMX_HOOK_EXIT,		/* kvm_exit */
	NVMX_HOOK_ENTRY,	/* kvm_entry */
	NVMX_HOOK_PIO,		/* kvm_pio */
	NVMX_HOOK_USER_EXIT,	/* kvm_userspace_exit */
	NVMX_HOOK_KVM_RUN,	/* kvm_fpu(load=1): KVM_RUN start */
	NVMX_HOOK_PVCLOCK,	/* kvm_pvclock_update */
	NVMX_HOOK_HVA_UNMAP,	/* kvm_unmap_hva_range */
	NVMX_HOOK_GPC_USE,	/* series: kvm_nested_gpc_use */
	NVMX_HOOK_GPC_REFRESH,	/* kvm_pfncache_refresh / kvm_gpc_refresh+activate */
	NVMX_HOOK_GPC_INVAL,	/* series: kvm_pfncache_invalidate */
	NVMX_HOOK_STATE_RELOAD,	/* kvm_nested_state_reload / vmx_get_nested_state_pages */
	NVMX_HOOK_VMCS12_PAGES,	/* nested_get_vmcs12_pages entry/exit */
	NVMX_HOOK_VCPU_MAP,	/* kvm_vcpu_map / __kvm_vcpu_map */
	NVMX_HOOK_VCPU_UNMAP,	/* kvm_vcpu_unmap */
	NVMX_HOOK_NESTED_CTX,	/* nested_vmx_vmexit, free_nested, ... brackets */
	NVMX_HOOK_GPC_LAT,	/* kvm_gpc_refresh/activate latency when
				 * NVMX_HOOK_GPC_REFRESH is a tracepoint */
	NVMX_HOOK_NESTED_CONTEXT, /* series (ABI 2): kvm_nested_context */
	NVMX_HOOK_GPC_STALE,	/* series (ABI 3): kvm_pfncache_stale */
	NVMX_HOOK_GPC_KICK,	/* series (ABI 3): kvm_pfncache_kick */
	NVMX_HOOK_NR,
};

/* Per-thread counters. */
enum nvmx_ctr {
	NVMX_C_EXITS,		/* kvm_exit (all exits incl. L2's) */
	NVMX_C_ENTRIES,		/* kvm_entry */
	NVMX_C_L2_ENTRIES,	/* kvm_nested_vmenter */
	NVMX_C_L2_EXITS,	/* kvm_nested_vmexit (exits while in L2) */
	NVMX_C_L2_EXITS_INJ,	/* kvm_nested_vmexit_inject (reflected to L1) */
	NVMX_C_PIO,		/* kvm_pio */
	NVMX_C_USER_EXITS,	/* kvm_userspace_exit (KVM_RUN returns) */
	NVMX_C_KVM_RUNS,	/* kvm_fpu load=1 (KVM_RUN entries) */
	NVMX_C_PVCLOCK,		/* kvm_pvclock_update */
	NVMX_C_HVA_UNMAPS,	/* kvm_unmap_hva_range (MMU notifier) */
	NVMX_C_VMCS12_PAGES,	/* nested_get_vmcs12_pages calls */
	NVMX_C_RELOADS,		/* nested state page reloads */
	NVMX_C_GPC_ACTIVATE,	/* any gpc activation */
	NVMX_C_GPC_REFRESH,	/* any gpc refresh (not activation) */
	NVMX_C_GPC_ERR,		/* activations/refreshes that failed */
	NVMX_C_GPC_INVAL,	/* caches invalidated by the MMU notifier */
	NVMX_C_MAPS_ALL,	/* successful kvm_vcpu_map calls, nested or not */
	NVMX_C_UNMAPS_ALL,	/* kvm_vcpu_unmap of a mapped page, nested or not */
	NVMX_C_VCPU_ID,		/* vcpu_id + 1 (0 = unknown); max, not sum */
	NVMX_C_CTX_REUSE,	/* kvm_nested_context op reuse */
	NVMX_C_CTX_FILL,	/* ... fill */
	NVMX_C_CTX_RECYCLE,	/* ... recycle */
	NVMX_C_CTX_EVICT,	/* ... evict */
	/* kvm_pfncache_stale per cause, in enum nvmx_stale_cause order */
	NVMX_C_GPC_STALE_INVALID,
	NVMX_C_GPC_STALE_MEMSLOT,
	NVMX_C_GPC_STALE_RETARGET,
	NVMX_C_GPC_STALE_VALID,
	NVMX_C_GPC_KICKS,	/* vCPUs kicked: kvm_pfncache_kick nr_vcpus, summed */
	NVMX_C_GPC_KICK_EVENTS,	/* kvm_pfncache_kick events */
	NVMX_C_NR,
};
/* cause c of kvm_pfncache_stale is counter NVMX_C_GPC_STALE_INVALID + c */
_Static_assert(NVMX_C_GPC_STALE_VALID - NVMX_C_GPC_STALE_INVALID ==
	       NVMX_STALE_VALID - NVMX_STALE_INVALID, "stale causes");

/* Per-thread, per-page-kind counters (kind NVMX_PAGE_UNKNOWN when the
 * hook cannot tell). */
enum nvmx_kctr {
	NVMX_K_MAPS,		/* successful nested kvm_vcpu_map */
	NVMX_K_UNMAPS,		/* nested kvm_vcpu_unmap of a mapped page */
	NVMX_K_HITS,		/* gpc use served by a valid cache */
	NVMX_K_REFRESH,		/* gpc use that refreshed */
	NVMX_K_ACTIVATE,	/* gpc use that (re)activated */
	NVMX_K_ERRORS,		/* gpc use or nested map that failed */
	NVMX_K_RELOADS,		/* kind found invalid before entry */
	NVMX_KCTR_NR,
};
#define NVMX_KIND_SLOTS (NVMX_PAGE_KINDS + 1)

/* Latency histograms (ns). */
enum nvmx_hist {
	NVMX_H_KVM_RUN,		/* KVM_RUN entry -> return to user space */
	NVMX_H_VMCS12_PAGES,	/* nested_get_vmcs12_pages duration */
	NVMX_H_MAP,		/* nested kvm_vcpu_map duration */
	NVMX_H_GPC_REFRESH,	/* kvm_gpc_refresh/activate duration */
	NVMX_H_L2_ROUNDTRIP,	/* L2->L1 exit -> next L2 entry */
	NVMX_H_UNMAP,		/* nested kvm_vcpu_unmap duration (mapped pages) */
	/* nested map / unmap duration per page kind (kinds the kernel
	 * tells, NVMX_PAGE_MSR_BITMAP .. NVMX_PAGE_EVMCS; unknown ones
	 * are only in NVMX_H_MAP / NVMX_H_UNMAP) */
	NVMX_H_MAP_KIND0,
	NVMX_H_UNMAP_KIND0 = NVMX_H_MAP_KIND0 + NVMX_PAGE_KINDS,
	NVMX_H_NR = NVMX_H_UNMAP_KIND0 + NVMX_PAGE_KINDS,
};
#define NVMX_H_MAP_KIND(k) (NVMX_H_MAP_KIND0 + (k))
#define NVMX_H_UNMAP_KIND(k) (NVMX_H_UNMAP_KIND0 + (k))

/* Derived metrics: enum nvmx_metric, tools/core/catalogue.h. */

/*
 * Map keys and values.  Each traced thread owns one row of the rows
 * array: the BPF side takes a free row index from the free_rows stack at
 * the thread's first event, keeps it in task-local storage (and in a
 * per-CPU cache of the last thread seen), and writes the row's identity
 * (tid last: a row with tid 0 is free).  Only the owning thread writes
 * its row's counters and state, so the array is shared, not per-CPU, and
 * user space reads it through mmap.  Histograms: harr (the first rows) or
 * hists, keyed by row.  User space fills free_rows after load and gives
 * the rows of exited processes back.
 */
struct nvmx_tstats {
	unsigned long long ctr[NVMX_C_NR];
	unsigned long long kctr[NVMX_KIND_SLOTS][NVMX_KCTR_NR];
	unsigned long long hsum[NVMX_H_NR];
};

/* BPF-private per-thread state (latency pairs, nested brackets). */
/* TASK_COMM_LEN, what bpf_get_current_comm() fills */
#define NVMX_COMM_LEN 16
/* deepest nesting of bracket functions counted: a bound, so that an exit
 * that was missed cannot grow the depth without end */
#define NVMX_NESTED_MAX 16

struct nvmx_tstate {
	unsigned long long run_start;
	unsigned long long vmcs12_start;
	unsigned long long map_start;
	unsigned long long unmap_start;
	unsigned long long gpc_start;
	unsigned long long l2_exit_ts;
	int nested;		/* depth inside nested page (un)map paths, */
				/* at most NVMX_NESTED_MAX */
	unsigned int map_kind;	/* enum nvmx_page_kind of the pending map */
	unsigned int unmap_kind;
	unsigned int pad;
	/* exit reasons: the exit being handled (kvm_exit, until the next
	 * kvm_entry) and the exit reflected to L1 (until the next L2 entry) */
	unsigned long long rx_ts;
	unsigned long long rf_ts;
	unsigned int rx_code, rx_isa, rx_path;	/* rx_path: enum nvmx_rpath + 1 */
	unsigned int rf_code, rf_isa, rf_path;	/* 0: none */
	/* the exit's raw counts not yet added (bits 1 << enum nvmx_rcnt):
	 * one map update when the exit ends, not one per event */
	unsigned int rx_cnt;
	/* inside nested_get_vmcs12_pages (bit 0), and it took the slow
	 * path (bit 1): a refresh, an activation or a map */
	unsigned int vmcs12_flags;
	/* --sample N: per kind of timed pair (enum nvmx_samp), the starts
	 * since the last one timed */
	unsigned short samp[8];
};

/* Kinds of timed pairs, each sampled on its own (--sample) */
enum nvmx_samp {
	NVMX_SAMP_RUN,		/* KVM_RUN */
	NVMX_SAMP_VMCS12,	/* nested_get_vmcs12_pages */
	NVMX_SAMP_MAP,		/* nested kvm_vcpu_map */
	NVMX_SAMP_UNMAP,	/* nested kvm_vcpu_unmap */
	NVMX_SAMP_GPC,		/* kvm_gpc_refresh/activate */
	NVMX_SAMP_RT,		/* L2 round trip (l2_roundtrip) */
	NVMX_SAMP_RX,		/* an exit, until its entry (reasons) */
	NVMX_SAMP_RF,		/* a synthesized exit into L1 (reasons) */
	NVMX_SAMP_NR,
};
#define NVMX_SAMPLE_MAX 65535

struct nvmx_row {
	unsigned int tgid;
	unsigned int tid;	/* 0 = free; written last */
	char comm[NVMX_COMM_LEN];
	/* cgroup v2 id of the thread at its first event (--cgroup) */
	unsigned long long cgid;
	struct nvmx_tstats s;
	struct nvmx_tstate t;
};

/*
 * Exit reasons (--no-reasons turns them off).  One entry per (thread row,
 * ISA, exit code) in the reasons hash; all the paths of one code live in
 * one entry so that each event does one lookup.  Counts (enum
 * nvmx_rcnt) are raw and monotonic; the front ends derive the paths
 * (enum nvmx_rpath): L1 = exits - L2 exits, L2 handled in L0 = L2 exits
 * - reflected.  Latencies are per path, in log2(ns) buckets.
 */
enum nvmx_rcnt {
	NVMX_RC_EXITS,		/* kvm_exit with this code (L1 and L2) */
	NVMX_RC_L2_EXITS,	/* kvm_nested_vmexit (the code of its kvm_exit) */
	NVMX_RC_REFLECTED,	/* kvm_nested_vmexit_inject of the L2 exit's code */
	NVMX_RC_SYNTH,		/* kvm_nested_vmexit_inject with no L2 exit of
				 * that code before it: synthesized by L0 */
	NVMX_RC_NR,
};

enum nvmx_rpath {
	NVMX_RP_L1,		/* exit of L1; latency: exit -> next entry */
	NVMX_RP_L2_L0,		/* exit of L2 handled in L0; latency: exit ->
				 * next entry (L2, or L1 if L0 then injects) */
	NVMX_RP_L2_L1,		/* exit of L2 reflected to L1; latency: L2 exit
				 * -> next L2 entry (the round trip through L1) */
	NVMX_RP_SYNTH,		/* exit into L1 synthesized by L0; latency:
				 * injection -> next L2 entry */
	NVMX_RP_NR,
};

/* log2(ns) buckets: slot i counts [2^i, 2^(i+1)) ns, the last one more */
#define NVMX_RLAT_SLOTS 32

/* KVM's trace ISA values (arch/x86/kvm/trace.h KVM_ISA_VMX/SVM) */
#define NVMX_ISA_VMX 1
#define NVMX_ISA_SVM 2

struct nvmx_rkey {
	unsigned int row;	/* index into rows[] */
	unsigned int isa;	/* NVMX_ISA_* */
	unsigned int code;	/* VMX basic exit reason, SVM exit code */
	unsigned int pad;
};

struct nvmx_rval {
	unsigned long long n[NVMX_RC_NR];
	unsigned long long lat_sum[NVMX_RP_NR];		/* ns */
	unsigned long long lat_max[NVMX_RP_NR];		/* ns */
	unsigned long long lat[NVMX_RP_NR][NVMX_RLAT_SLOTS];
};

#define NVMX_MAX_REASONS 4096

/*
 * Outliers (--than): one record per nested round trip or
 * nested_get_vmcs12_pages call slower than the threshold, with the
 * kernel stack where it ended, through a ring buffer.
 */
enum nvmx_outlier_kind {
	NVMX_OUT_L2_ROUNDTRIP,	/* L2 exit reflected to L1 -> next L2 entry */
	NVMX_OUT_VMCS12_PAGES,	/* one nested_get_vmcs12_pages call */
	NVMX_OUT_NR,
};

#define NVMX_OUTLIER_STACK 24	/* frames kept */
/* vmcs12_pages: a page was not served by a valid cache (a pfncache
 * refresh or activation, or a kvm_vcpu_map): the slow path */
#define NVMX_OUTF_SLOW_PATH 1U

struct nvmx_outlier {
	unsigned long long ts;		/* bpf_ktime_get_ns() at the end */
	unsigned long long dur;		/* ns */
	unsigned int tgid, tid;
	int vcpu_id;			/* -1: not known yet */
	unsigned int kind;		/* enum nvmx_outlier_kind */
	unsigned int isa, code;		/* round trip: the reflected exit */
	unsigned int nstack;		/* frames in stack */
	unsigned int flags;		/* NVMX_OUTF_* */
	unsigned long long stack[NVMX_OUTLIER_STACK];
};

struct nvmx_hkey {
	unsigned int row;	/* index into rows[] */
	unsigned short hist;	/* enum nvmx_hist */
	unsigned short slot;	/* < nvmx_hist_slots(k) <= 3776 */
};

#define NVMX_MAX_THREADS 4096
#define NVMX_MAX_HSLOTS 65536

#endif /* NVMX_MAPS_H */
