// SPDX-License-Identifier: GPL-2.0
/*
 * nvmx-gpc probe core: in-kernel aggregation of KVM / nested VMX / pfncache
 * events per (process, thread).  Every hook has several attach variants
 * (series tracepoint, fentry/fexit, kprobe/kretprobe, tp_btf, raw_tp); the
 * user-side plan (tools/core/plan.c) keeps one per hook and turns the
 * others off with bpf_program__set_autoload(false) before load.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include "nvmx_maps.h"
#include "hist.h"
#include "core_shims.h"

char LICENSE[] SEC("license") = "GPL";

const volatile __u32 targ_tgid = 0;
const volatile __u32 hist_k = NVMX_HIST_K_DEFAULT;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, NVMX_MAX_THREADS);
	__type(key, struct nvmx_tkey);
	__type(value, struct nvmx_tstats);
} stats SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, NVMX_MAX_HSLOTS);
	__type(key, struct nvmx_hkey);
	__type(value, __u64);
} hists SEC(".maps");

struct comm {
	char c[16];
};

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NVMX_MAX_THREADS);
	__type(key, struct nvmx_tkey);
	__type(value, struct comm);
} comms SEC(".maps");

/* Per-thread state for latency pairs and nested brackets. */
struct tstate {
	__u64 run_start;
	__u64 vmcs12_start;
	__u64 map_start;
	__u64 gpc_start;
	__u64 l2_exit_ts;
	__s32 nested;		/* depth inside nested page (un)map paths */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, NVMX_MAX_THREADS);
	__type(key, __u32);
	__type(value, struct tstate);
} tstates SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nvmx_tstats);
} zero SEC(".maps");

static __always_inline bool filtered(__u64 id)
{
	return targ_tgid && (__u32)(id >> 32) != targ_tgid;
}

static __always_inline struct nvmx_tstats *get_stats(__u64 id)
{
	struct nvmx_tkey key = { .tgid = id >> 32, .tid = (__u32)id };
	struct nvmx_tstats *s;
	__u32 z = 0;

	s = bpf_map_lookup_elem(&stats, &key);
	if (s)
		return s;
	s = bpf_map_lookup_elem(&zero, &z);
	if (!s)
		return NULL;
	bpf_map_update_elem(&stats, &key, s, BPF_NOEXIST);
	{
		struct comm c = {};

		bpf_get_current_comm(&c.c, sizeof(c.c));
		bpf_map_update_elem(&comms, &key, &c, BPF_ANY);
	}
	return bpf_map_lookup_elem(&stats, &key);
}

static __always_inline struct tstate *get_tstate(__u64 id, bool create)
{
	__u32 tid = (__u32)id;
	struct tstate *t, z = {};

	t = bpf_map_lookup_elem(&tstates, &tid);
	if (t || !create)
		return t;
	bpf_map_update_elem(&tstates, &tid, &z, BPF_NOEXIST);
	return bpf_map_lookup_elem(&tstates, &tid);
}

static __always_inline void count(__u64 id, int c)
{
	struct nvmx_tstats *s = get_stats(id);

	if (s && c >= 0 && c < NVMX_C_NR)
		s->ctr[c]++;
}

static __always_inline void count_kind(__u64 id, unsigned int kind, int kc)
{
	struct nvmx_tstats *s = get_stats(id);

	if (kind > NVMX_PAGE_UNKNOWN)
		kind = NVMX_PAGE_UNKNOWN;
	/*
	 * clang may turn the clamp above into a select the verifier cannot
	 * follow ("R0 unbounded memory access", seen on 6.12 with the
	 * kvm_nested_gpc_use program): force a real compare on the index.
	 */
	barrier_var(kind);
	if (s && kind <= NVMX_PAGE_UNKNOWN && kc >= 0 && kc < NVMX_KCTR_NR)
		s->kctr[kind][kc]++;
}

static __always_inline void set_vcpu(__u64 id, int vcpu_id)
{
	struct nvmx_tstats *s;

	if (vcpu_id < 0)
		return;
	s = get_stats(id);
	if (s)
		s->ctr[NVMX_C_VCPU_ID] = (__u64)vcpu_id + 1;
}

static __always_inline void hist_add(__u64 id, int h, __u64 v)
{
	struct nvmx_hkey key = {
		.tgid = id >> 32, .tid = (__u32)id, .hist = h,
		.slot = nvmx_bpf_hist_index(v, hist_k),
	};
	struct nvmx_tstats *s = get_stats(id);
	__u64 one = 1, *c;

	if (s && h >= 0 && h < NVMX_H_NR)
		s->hsum[h] += v;
	c = bpf_map_lookup_elem(&hists, &key);
	if (c)
		(*c)++;
	else
		bpf_map_update_elem(&hists, &key, &one, BPF_NOEXIST);
}

/* ---- event bodies, shared by the variants ------------------------- */

static __always_inline int on_l2_entry(void)
{
	__u64 id = bpf_get_current_pid_tgid(), now;
	struct tstate *t;

	if (filtered(id))
		return 0;
	count(id, NVMX_C_L2_ENTRIES);
	t = get_tstate(id, false);
	if (t && t->l2_exit_ts) {
		now = bpf_ktime_get_ns();
		hist_add(id, NVMX_H_L2_ROUNDTRIP, now - t->l2_exit_ts);
		t->l2_exit_ts = 0;
	}
	return 0;
}

static __always_inline int on_l2_exit(void *vcpu)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (filtered(id))
		return 0;
	count(id, NVMX_C_L2_EXITS);
	set_vcpu(id, nvmx_vcpu_id(vcpu));
	return 0;
}

static __always_inline int on_l2_exit_inj(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	count(id, NVMX_C_L2_EXITS_INJ);
	t = get_tstate(id, true);
	if (t)
		t->l2_exit_ts = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int on_exit(void *vcpu, int c)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (filtered(id))
		return 0;
	count(id, c);
	set_vcpu(id, nvmx_vcpu_id(vcpu));
	return 0;
}

static __always_inline int on_simple(int c)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (filtered(id))
		return 0;
	count(id, c);
	return 0;
}

static __always_inline int on_user_exit(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	count(id, NVMX_C_USER_EXITS);
	t = get_tstate(id, false);
	if (t && t->run_start) {
		hist_add(id, NVMX_H_KVM_RUN, bpf_ktime_get_ns() - t->run_start);
		t->run_start = 0;
	}
	return 0;
}

static __always_inline int on_fpu(__u64 load)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id) || !(int)load)
		return 0;
	count(id, NVMX_C_KVM_RUNS);
	t = get_tstate(id, true);
	if (t)
		t->run_start = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int on_pvclock(__u64 vcpu_id)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (filtered(id))
		return 0;
	count(id, NVMX_C_PVCLOCK);
	set_vcpu(id, (int)vcpu_id);
	return 0;
}

static __always_inline int on_gpc_use(__u64 vcpu_id, __u64 kind, __u64 outcome)
{
	__u64 id = bpf_get_current_pid_tgid();
	int kc;

	if (filtered(id))
		return 0;
	switch ((unsigned int)outcome) {
	case NVMX_GPC_HIT: kc = NVMX_K_HITS; break;
	case NVMX_GPC_REFRESH: kc = NVMX_K_REFRESH; break;
	case NVMX_GPC_ACTIVATE: kc = NVMX_K_ACTIVATE; break;
	default: kc = NVMX_K_ERRORS; break;
	}
	count_kind(id, (unsigned int)kind, kc);
	set_vcpu(id, (int)vcpu_id);
	return 0;
}

static __always_inline int on_pfncache_refresh(__u64 vcpu_id, __u64 activate,
					       __u64 ret)
{
	__u64 id = bpf_get_current_pid_tgid();

	if (filtered(id))
		return 0;
	count(id, (activate & 0xff) ? NVMX_C_GPC_ACTIVATE : NVMX_C_GPC_REFRESH);
	if ((int)ret)
		count(id, NVMX_C_GPC_ERR);
	set_vcpu(id, (int)vcpu_id);
	return 0;
}

static __always_inline int on_state_reload(__u64 vcpu_id, __u64 mask)
{
	__u64 id = bpf_get_current_pid_tgid();
	unsigned int k;

	if (filtered(id))
		return 0;
	count(id, NVMX_C_RELOADS);
	for (k = 0; k < NVMX_PAGE_KINDS; k++)
		if (mask & (1U << k))
			count_kind(id, k, NVMX_K_RELOADS);
	set_vcpu(id, (int)vcpu_id);
	return 0;
}

/* Brackets: maps/unmaps are nested ones only inside these functions. */
static __always_inline int bracket_enter(int lat)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	t = get_tstate(id, true);
	if (!t)
		return 0;
	if (t->nested < 16)
		t->nested++;
	if (lat) {
		t->vmcs12_start = bpf_ktime_get_ns();
		count(id, NVMX_C_VMCS12_PAGES);
	}
	return 0;
}

static __always_inline int bracket_exit(int lat)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	t = get_tstate(id, false);
	if (!t)
		return 0;
	if (t->nested > 0)
		t->nested--;
	if (lat && t->vmcs12_start) {
		hist_add(id, NVMX_H_VMCS12_PAGES,
			 bpf_ktime_get_ns() - t->vmcs12_start);
		t->vmcs12_start = 0;
	}
	return 0;
}

/*
 * Maps are counted on return and only when they succeeded (a failed map,
 * e.g. an unbacked APIC-access GPA, is counted as an error of kind
 * unknown); entry only remembers the time when inside a nested bracket.
 */
static __always_inline int map_enter(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	t = get_tstate(id, false);
	if (t && t->nested > 0)
		t->map_start = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int map_exit(long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	if (!ret)
		count(id, NVMX_C_MAPS_ALL);
	t = get_tstate(id, false);
	if (t && t->map_start) {
		if (!ret) {
			count_kind(id, NVMX_PAGE_UNKNOWN, NVMX_K_MAPS);
			hist_add(id, NVMX_H_MAP, bpf_ktime_get_ns() - t->map_start);
		} else {
			count_kind(id, NVMX_PAGE_UNKNOWN, NVMX_K_ERRORS);
		}
		t->map_start = 0;
	}
	return 0;
}

static __always_inline int on_unmap(const void *map)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id) || !nvmx_host_map_mapped(map))
		return 0;
	count(id, NVMX_C_UNMAPS_ALL);
	t = get_tstate(id, false);
	if (t && t->nested > 0)
		count_kind(id, NVMX_PAGE_UNKNOWN, NVMX_K_UNMAPS);
	return 0;
}

static __always_inline int gpc_enter(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	t = get_tstate(id, true);
	if (t)
		t->gpc_start = bpf_ktime_get_ns();
	return 0;
}

static __always_inline int gpc_exit(int activate, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	count(id, activate ? NVMX_C_GPC_ACTIVATE : NVMX_C_GPC_REFRESH);
	if ((int)ret)
		count(id, NVMX_C_GPC_ERR);
	t = get_tstate(id, false);
	if (t && t->gpc_start) {
		hist_add(id, NVMX_H_GPC_REFRESH, bpf_ktime_get_ns() - t->gpc_start);
		t->gpc_start = 0;
	}
	return 0;
}

/* Latency only: the counts come from the kvm_pfncache_refresh tracepoint. */
static __always_inline int gpc_lat_exit(void)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct tstate *t;

	if (filtered(id))
		return 0;
	t = get_tstate(id, false);
	if (t && t->gpc_start) {
		hist_add(id, NVMX_H_GPC_REFRESH, bpf_ktime_get_ns() - t->gpc_start);
		t->gpc_start = 0;
	}
	return 0;
}

/* ---- variants ------------------------------------------------------ */
/*
 * tp_btf and raw_tp programs both see the TP_PROTO arguments as a u64
 * array, so each tracepoint has one body and two thin entry points.
 */
#define TP_PAIR(tp, name, body)						\
SEC("tp_btf/" #tp) int tpb_##name(__u64 *ctx) { body; }		\
SEC("raw_tp/" #tp) int raw_##name(__u64 *ctx) { body; }

TP_PAIR(kvm_nested_vmenter, l2_entry, return on_l2_entry())
TP_PAIR(kvm_nested_vmexit, l2_exit, return on_l2_exit((void *)ctx[0]))
TP_PAIR(kvm_nested_vmexit_inject, l2_exit_inj, return on_l2_exit_inj())
TP_PAIR(kvm_exit, exit, return on_exit((void *)ctx[0], NVMX_C_EXITS))
TP_PAIR(kvm_entry, entry, return on_exit((void *)ctx[0], NVMX_C_ENTRIES))
TP_PAIR(kvm_pio, pio, return on_simple(NVMX_C_PIO))
TP_PAIR(kvm_userspace_exit, user_exit, return on_user_exit())
TP_PAIR(kvm_fpu, kvm_run, return on_fpu(ctx[0]))
TP_PAIR(kvm_pvclock_update, pvclock, return on_pvclock(ctx[0]))
TP_PAIR(kvm_unmap_hva_range, hva_unmap, return on_simple(NVMX_C_HVA_UNMAPS))
/* nvmx-gpc series tracepoints (docs/tracepoints.md) */
TP_PAIR(kvm_nested_gpc_use, gpc_use, return on_gpc_use(ctx[0], ctx[1], ctx[3]))
TP_PAIR(kvm_pfncache_refresh, gpc_refresh,
	return on_pfncache_refresh(ctx[0], ctx[3], ctx[4]))
TP_PAIR(kvm_pfncache_invalidate, gpc_inval, return on_simple(NVMX_C_GPC_INVAL))
TP_PAIR(kvm_nested_state_reload, state_reload,
	return on_state_reload(ctx[0], ctx[1]))

/*
 * fentry/fexit and kprobe/kretprobe variants: targets are set by the
 * plan (bpf_program__set_attach_target / attach_kprobe by name).
 */
SEC("fentry") int fe_vmcs12(__u64 *ctx) { return bracket_enter(1); }
SEC("fexit") int fx_vmcs12(__u64 *ctx) { return bracket_exit(1); }
SEC("kprobe") int kp_vmcs12(void *ctx) { return bracket_enter(1); }
SEC("kretprobe") int kr_vmcs12(void *ctx) { return bracket_exit(1); }

SEC("fentry") int fe_ctx_vmexit(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_vmexit(__u64 *ctx) { return bracket_exit(0); }
SEC("fentry") int fe_ctx_free(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_free(__u64 *ctx) { return bracket_exit(0); }
SEC("fentry") int fe_ctx_enter(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_enter(__u64 *ctx) { return bracket_exit(0); }
SEC("kprobe") int kp_ctx(void *ctx) { return bracket_enter(0); }
SEC("kretprobe") int kr_ctx(void *ctx) { return bracket_exit(0); }

SEC("fentry") int fe_map(__u64 *ctx) { return map_enter(); }
/* kvm_vcpu_map (3 args, 6.12) and __kvm_vcpu_map (4 args, 6.13+): the
 * return value's slot differs, bpf_get_func_ret() finds it (5.17+). */
SEC("fexit") int fx_map(__u64 *ctx)
{
	__u64 ret = 0;

	bpf_get_func_ret(ctx, &ret);
	return map_exit((long)(int)ret);
}
SEC("kprobe") int kp_map(void *ctx) { return map_enter(); }
SEC("kretprobe") int kr_map(struct pt_regs *ctx)
{
	return map_exit((long)(int)PT_REGS_RC_CORE(ctx));
}

SEC("fentry") int fe_unmap(__u64 *ctx) { return on_unmap((void *)ctx[1]); }
SEC("kprobe") int kp_unmap(struct pt_regs *ctx)
{
	return on_unmap((void *)PT_REGS_PARM2_CORE(ctx));
}

SEC("fentry") int fe_gpc_refresh(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpc_refresh(__u64 *ctx) { return gpc_exit(0, (long)ctx[2]); }
SEC("fentry") int fe_gpc_activate(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpc_activate(__u64 *ctx) { return gpc_exit(1, (long)ctx[3]); }
SEC("kprobe") int kp_gpc(void *ctx) { return gpc_enter(); }
SEC("kretprobe") int kr_gpc_refresh(struct pt_regs *ctx)
{
	return gpc_exit(0, PT_REGS_RC_CORE(ctx));
}
SEC("kretprobe") int kr_gpc_activate(struct pt_regs *ctx)
{
	return gpc_exit(1, PT_REGS_RC_CORE(ctx));
}

SEC("fentry") int fe_gpcl_refresh(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpcl_refresh(__u64 *ctx) { return gpc_lat_exit(); }
SEC("fentry") int fe_gpcl_activate(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpcl_activate(__u64 *ctx) { return gpc_lat_exit(); }
SEC("kprobe") int kp_gpcl(void *ctx) { return gpc_enter(); }
SEC("kretprobe") int kr_gpcl(void *ctx) { return gpc_lat_exit(); }

SEC("fentry") int fe_state_reload(__u64 *ctx) { return on_state_reload(-1ULL, 0); }
SEC("kprobe") int kp_state_reload(void *ctx) { return on_state_reload(-1ULL, 0); }
