// SPDX-License-Identifier: GPL-2.0
/*
 * Independent counter for the lab guest: counts calls of a few KVM
 * functions with fentry and firings of the nvmx-gpc series tracepoints with
 * raw_tp.  The project's counters are nvmx-gpc-top and nvmx-gpc record
 * (bpf/, tools/); this is the "fentry view" the lab compares them and the
 * series tracepoints against.  Programs whose target does not exist on the
 * running kernel are not loaded (fcount.c).
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* Index order is the order of fc_names[] in fcount.c. */
enum {
	FC_VMCS12_PAGES, FC_VCPU_MAP, FC_VCPU_UNMAP, FC_GPC_ACTIVATE,
	FC_GPC_REFRESH, FC_GPC_DEACTIVATE,
	/* kvm_nested_gpc_use: 5 page kinds x 4 outcomes, kind-major */
	FC_TP_USE, FC_TP_USE_END = FC_TP_USE + 19,
	FC_TP_REFRESH_ACT, FC_TP_REFRESH, FC_TP_INVALIDATE, FC_TP_RELOAD,
	FC_FX_STATE_INVALID, FC_GPC_CHECK,
	FC_VMCS12_SLOW,
	/* kvm_pfncache_stale: 4 causes; kvm_pfncache_kick: events, vCPUs */
	FC_TP_STALE, FC_TP_STALE_END = FC_TP_STALE + 3,
	FC_TP_KICK, FC_TP_KICK_VCPUS,
	FC_NR,
};
__u64 counts[FC_NR];

#define FENTRY(fn, idx)						\
SEC("fentry/" #fn)						\
int BPF_PROG(fe_##fn)						\
{								\
	__sync_fetch_and_add(&counts[idx], 1);			\
	return 0;						\
}

/*
 * nested_get_vmcs12_pages() calls that took the slow path: a page not
 * served by a valid cache (kvm_nested_gpc_use other than a hit) or mapped
 * (kvm_vcpu_map), as nvmx-gpc-top's outliers flag them.  Per thread (the
 * call may migrate between CPUs on the lab's two-CPU boots).
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 256);
	__type(key, __u64);	/* pid_tgid */
	__type(value, __u32);	/* 1: in the call, 3: and slow */
} in_v12 SEC(".maps");

static __always_inline void v12_slow(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 *f = bpf_map_lookup_elem(&in_v12, &id);

	if (f)
		*f = 3;
}

SEC("fentry/nested_get_vmcs12_pages")
int BPF_PROG(fe_nested_get_vmcs12_pages)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 one = 1;

	__sync_fetch_and_add(&counts[FC_VMCS12_PAGES], 1);
	bpf_map_update_elem(&in_v12, &id, &one, BPF_ANY);
	return 0;
}

SEC("fexit/nested_get_vmcs12_pages")
int BPF_PROG(fx_nested_get_vmcs12_pages)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 *f = bpf_map_lookup_elem(&in_v12, &id);

	if (f && *f == 3)
		__sync_fetch_and_add(&counts[FC_VMCS12_SLOW], 1);
	bpf_map_delete_elem(&in_v12, &id);
	return 0;
}

#define FENTRY_MAP(fn)						\
SEC("fentry/" #fn)						\
int BPF_PROG(fe_##fn)						\
{								\
	__sync_fetch_and_add(&counts[FC_VCPU_MAP], 1);		\
	v12_slow();						\
	return 0;						\
}

FENTRY_MAP(kvm_vcpu_map)
FENTRY_MAP(__kvm_vcpu_map)
FENTRY(kvm_vcpu_unmap, FC_VCPU_UNMAP)
FENTRY(kvm_gpc_activate, FC_GPC_ACTIVATE)
FENTRY(kvm_gpc_refresh, FC_GPC_REFRESH)
FENTRY(kvm_gpc_deactivate, FC_GPC_DEACTIVATE)
FENTRY(kvm_gpc_check, FC_GPC_CHECK)

/* kvm_nested_gpc_use(vcpu_id, kind, gpa, outcome, err) */
SEC("raw_tp/kvm_nested_gpc_use")
int rt_gpc_use(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 kind = ctx->args[1], outcome = ctx->args[3];

	if (kind <= 4 && outcome <= 3)
		__sync_fetch_and_add(&counts[FC_TP_USE + kind * 4 + outcome], 1);
	if (outcome != 0)	/* not NVMX_GPC_HIT */
		v12_slow();
	return 0;
}

/* kvm_pfncache_refresh(vcpu_id, gpa, pfn, activate, ret) */
SEC("raw_tp/kvm_pfncache_refresh")
int rt_pfncache_refresh(struct bpf_raw_tracepoint_args *ctx)
{
	if ((__u8)ctx->args[3])
		__sync_fetch_and_add(&counts[FC_TP_REFRESH_ACT], 1);
	else
		__sync_fetch_and_add(&counts[FC_TP_REFRESH], 1);
	return 0;
}

SEC("raw_tp/kvm_pfncache_invalidate")
int rt_pfncache_invalidate(struct bpf_raw_tracepoint_args *ctx)
{
	__sync_fetch_and_add(&counts[FC_TP_INVALIDATE], 1);
	return 0;
}

/* kvm_pfncache_stale(vcpu_id, gpa, new_gpa, cause): patch 14 */
SEC("raw_tp/kvm_pfncache_stale")
int rt_pfncache_stale(struct bpf_raw_tracepoint_args *ctx)
{
	__u64 cause = ctx->args[3];

	if (cause <= 3)
		__sync_fetch_and_add(&counts[FC_TP_STALE + cause], 1);
	return 0;
}

/* kvm_pfncache_kick(nr_vcpus, start, end): patch 14 */
SEC("raw_tp/kvm_pfncache_kick")
int rt_pfncache_kick(struct bpf_raw_tracepoint_args *ctx)
{
	__sync_fetch_and_add(&counts[FC_TP_KICK], 1);
	__sync_fetch_and_add(&counts[FC_TP_KICK_VCPUS], (__u32)ctx->args[0]);
	return 0;
}

SEC("raw_tp/kvm_nested_state_reload")
int rt_state_reload(struct bpf_raw_tracepoint_args *ctx)
{
	__sync_fetch_and_add(&counts[FC_TP_RELOAD], 1);
	return 0;
}

/*
 * vmx_is_nested_state_invalid() (patch 4) returning true: the fexit view of
 * kvm_nested_state_reload, which patch 5 fires exactly then.  ctx[1] is the
 * bool return value; only its low byte is defined.
 */
SEC("fexit/vmx_is_nested_state_invalid")
int fx_state_invalid(__u64 *ctx)
{
	if ((__u8)ctx[1])
		__sync_fetch_and_add(&counts[FC_FX_STATE_INVALID], 1);
	return 0;
}
