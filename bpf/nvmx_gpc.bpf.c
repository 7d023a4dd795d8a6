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
/* Rows [0, hist_rows) keep their histograms in harr, hist_slots u64
 * counts per histogram; set by user space with harr's size. */
const volatile __u32 hist_rows = 0;
const volatile __u32 hist_slots = 1;
/*
 * Counting only (--counts-only): no clock read and no histogram.  A
 * constant to the verifier, which drops every timing path; the programs
 * that only take a start time are not loaded at all (tools/core/plan.c,
 * NVMX_PROG_TIMES).
 */
const volatile __u32 counts_only = 0;
/*
 * --sample N (2..NVMX_SAMPLE_MAX): time only 1 in N of each kind of timed
 * pair per thread (enum nvmx_samp), so the clock is read and a histogram
 * updated N times less often; every count stays exact.  1: time all.
 */
const volatile __u32 sample_n = 1;
/*
 * --cgroup: note each thread's cgroup v2 id.  A constant, so that without
 * it the verifier drops the helper call: kernels built without
 * CONFIG_CGROUPS (the lab's) do not offer bpf_get_current_cgroup_id().
 */
const volatile __u32 want_cgroup = 0;
/*
 * Exit reasons per thread, ISA and code (struct nvmx_rval); off with
 * --no-reasons (a constant: the verifier drops the lookups).
 */
const volatile __u32 want_reasons = 0;
/* Reason events not counted: the reasons hash was full. */
__u64 reasons_dropped = 0;
/*
 * Outliers (--than USEC): round trips and nested_get_vmcs12_pages calls
 * of at least than_ns are written to the outliers ring buffer, at most
 * than_per_sec per CPU and second; the others are counted in
 * outliers_dropped, as are those the full ring buffer refuses.  0: off
 * (a constant: the verifier drops the path).
 */
const volatile __u64 than_ns = 0;
const volatile __u32 than_per_sec = 100;
__u64 outliers_dropped[NVMX_OUT_NR] = {};	/* per enum nvmx_outlier_kind */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} outliers SEC(".maps");

struct orate {
	__u64 sec;		/* bpf_ktime_get_ns() / 1e9 of the count */
	__u64 n;		/* outliers written in that second */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct orate);
} orates SEC(".maps");

/* Events not counted: the thread got no row (all NVMX_MAX_THREADS rows
 * taken, or no task storage).  Counts are exact only while this is 0. */
__u64 events_dropped = 0;

/*
 * Per-thread data, laid out for the hot path (one PIO exit runs four
 * programs here): a per-CPU one-entry cache maps the current thread to
 * its row (hit: one inlined array lookup and a compare); on a miss the
 * row index comes from task-local storage (a pointer walk, no hashing).
 * The row (rows[], shared array, lookup inlined by the verifier) holds
 * the thread's identity, counters and latency state.  Only the first
 * event of a thread takes a row from the free_rows stack.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, NVMX_MAX_THREADS);
	__type(key, __u32);
	__type(value, struct nvmx_row);
} rows SEC(".maps");

/* LIFO, so rows given back are reused first and live rows stay low. */
struct {
	__uint(type, BPF_MAP_TYPE_STACK);
	__uint(max_entries, NVMX_MAX_THREADS);
	__type(value, __u32);
} free_rows SEC(".maps");

/*
 * Histograms of rows below hist_rows: element row * NVMX_H_NR + h is the
 * array of hist_slots counts (no BTF value type: user space sets the
 * value size and entries from k before load).  Other rows use hists.
 */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(map_flags, BPF_F_MMAPABLE);
	__uint(max_entries, 1);
	__uint(key_size, sizeof(__u32));
	__uint(value_size, sizeof(__u64));
} harr SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, NVMX_MAX_HSLOTS);
	__type(key, struct nvmx_hkey);
	__type(value, __u64);
} hists SEC(".maps");

/*
 * One entry per (row, ISA, code): a thread sees few distinct codes, so
 * NVMX_MAX_REASONS bounds the cardinality for all threads together.
 * Entries are added from a zeroed template (rzero): a struct nvmx_rval
 * does not fit on the BPF stack.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, NVMX_MAX_REASONS);
	__type(key, struct nvmx_rkey);
	__type(value, struct nvmx_rval);
} reasons SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nvmx_rval);
} rzero SEC(".maps");

struct trow {
	__u32 row;		/* rows[] index + 1, 0 = none yet */
};

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct trow);
} trows SEC(".maps");

/* Last thread seen on this CPU and its row. */
struct last {
	__u64 id;		/* pid_tgid */
	__u32 row;		/* rows[] index + 1 */
	__u32 pad;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct last);
} last_thread SEC(".maps");

/* The current thread: its row, counters and state. */
struct thr {
	struct nvmx_tstats *s;
	struct nvmx_tstate *t;
	__u32 row;
};

static __always_inline bool filtered(__u64 id)
{
	return targ_tgid && (__u32)(id >> 32) != targ_tgid;
}

/* Slow path: the row index from task-local storage, taking a free row
 * at the thread's first event.  Returns index + 1, 0 if none. */
static __always_inline __u32 thread_row(__u64 id)
{
	struct nvmx_row *rw;
	struct trow *tr;
	__u32 r;

	tr = bpf_task_storage_get(&trows, bpf_get_current_task_btf(), NULL,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (!tr)
		return 0;
	if (tr->row)
		return tr->row;
	if (bpf_map_pop_elem(&free_rows, &r))
		return 0;	/* all NVMX_MAX_THREADS rows taken */
	rw = bpf_map_lookup_elem(&rows, &r);
	if (!rw)
		return 0;
	rw->tgid = id >> 32;
	bpf_get_current_comm(rw->comm, sizeof(rw->comm));
	rw->cgid = want_cgroup ? bpf_get_current_cgroup_id() : 0;
	barrier();	/* tid last: readers skip rows with tid 0 */
	rw->tid = (__u32)id;
	tr->row = r + 1;
	return tr->row;
}

/*
 * Returns false when the event is not ours (-p) or the thread has no row.
 * The cached row is used only while it still names this thread: a row
 * given back by user space (process gone) has tid 0 or another owner.
 */
static __always_inline bool thread_get(struct thr *th)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct nvmx_row *rw = NULL;
	struct last *l;
	__u32 z = 0, r;

	if (filtered(id))
		return false;
	l = bpf_map_lookup_elem(&last_thread, &z);
	if (!l)
		return false;
	if (l->id == id && l->row) {
		r = l->row - 1;
		rw = bpf_map_lookup_elem(&rows, &r);
		if (rw && (rw->tid != (__u32)id || rw->tgid != (__u32)(id >> 32)))
			rw = NULL;
	}
	if (!rw) {
		r = thread_row(id);
		if (!r) {
			__sync_fetch_and_add(&events_dropped, 1);
			return false;
		}
		l->id = id;
		l->row = r;
		r--;
		rw = bpf_map_lookup_elem(&rows, &r);
		if (!rw)
			return false;
	}
	th->s = &rw->s;
	th->t = &rw->t;
	th->row = r;
	return true;
}

static __always_inline void count_kind(struct nvmx_tstats *s, unsigned int kind,
				       int kc)
{
	if (kind > NVMX_PAGE_UNKNOWN)
		kind = NVMX_PAGE_UNKNOWN;
	/*
	 * clang may turn the clamp above into a select the verifier cannot
	 * follow ("R0 unbounded memory access", seen on 6.12 with the
	 * kvm_nested_gpc_use program): force a real compare on the index.
	 */
	barrier_var(kind);
	if (kind <= NVMX_PAGE_UNKNOWN && kc >= 0 && kc < NVMX_KCTR_NR)
		s->kctr[kind][kc]++;
}

static __always_inline void set_vcpu(struct nvmx_tstats *s, int vcpu_id)
{
	if (vcpu_id >= 0)
		s->ctr[NVMX_C_VCPU_ID] = (__u64)vcpu_id + 1;
}

static __always_inline void hist_add(struct thr *th, int h, __u64 v)
{
	struct nvmx_hkey key = {
		.row = th->row, .hist = h,
		.slot = nvmx_bpf_hist_index(v, hist_k),
	};
	__u64 one = 1, *c;
	__u32 slot = key.slot;

	if (h < 0 || h >= NVMX_H_NR)
		return;
	th->s->hsum[h] += v;
	if (th->row < hist_rows) {
		__u32 idx = th->row * NVMX_H_NR + h;

		c = bpf_map_lookup_elem(&harr, &idx);
		barrier_var(slot);
		if (c && slot < hist_slots) {
			c[slot]++;
			return;
		}
	}
	c = bpf_map_lookup_elem(&hists, &key);
	if (c)
		(*c)++;
	else
		bpf_map_update_elem(&hists, &key, &one, BPF_NOEXIST);
}

/* The reasons entry of (row, isa, code), added when new; NULL if full. */
static __always_inline struct nvmx_rval *reason_val(__u32 row, __u32 isa, __u32 code)
{
	struct nvmx_rkey k = { .row = row, .isa = isa, .code = code };
	struct nvmx_rval *v;
	__u32 z = 0;

	v = bpf_map_lookup_elem(&reasons, &k);
	if (v)
		return v;
	v = bpf_map_lookup_elem(&rzero, &z);
	if (v)
		bpf_map_update_elem(&reasons, &k, v, BPF_NOEXIST);
	v = bpf_map_lookup_elem(&reasons, &k);
	if (!v)
		__sync_fetch_and_add(&reasons_dropped, 1);
	return v;
}

static __always_inline void reason_count(struct thr *th, __u32 isa, __u32 code,
					 int rc)
{
	struct nvmx_rval *v = reason_val(th->row, isa, code);

	if (v && rc >= 0 && rc < NVMX_RC_NR)
		v->n[rc]++;
}

/* A latency of @path (enum nvmx_rpath) since @start into @v, log2 buckets */
static __always_inline void rval_lat(struct nvmx_rval *v, unsigned int path, __u64 start)
{
	unsigned int slot;
	__u64 d;

	if (counts_only || !start)
		return;
	d = bpf_ktime_get_ns() - start;
	slot = d ? nvmx_log2_u64(d) : 0;
	if (slot >= NVMX_RLAT_SLOTS)
		slot = NVMX_RLAT_SLOTS - 1;
	/*
	 * Compares alone do not bound the indexes for the verifier here
	 * (clang keeps the compared value in a 32-bit subregister and
	 * indexes with a copy: "R3 unbounded memory access" on 6.18); both
	 * bounds are powers of two, so masks the compiler cannot fold do.
	 */
	_Static_assert(!(NVMX_RP_NR & (NVMX_RP_NR - 1)) &&
		       !(NVMX_RLAT_SLOTS & (NVMX_RLAT_SLOTS - 1)), "masks");
	barrier_var(path);
	barrier_var(slot);
	path &= NVMX_RP_NR - 1;
	slot &= NVMX_RLAT_SLOTS - 1;
	v->lat[path][slot]++;
	v->lat_sum[path] += d;
	if (d > v->lat_max[path])
		v->lat_max[path] = d;
}

static __always_inline void reason_lat(struct thr *th, __u32 isa, __u32 code,
				       unsigned int path, __u64 start)
{
	struct nvmx_rval *v;

	if (counts_only || !start)
		return;
	v = reason_val(th->row, isa, code);
	if (v)
		rval_lat(v, path, start);
}

/*
 * The exit being handled: add its pending raw counts and, with @lat, the
 * latency of its path, in one map update (kvm_exit, kvm_nested_vmexit and
 * a reflecting kvm_nested_vmexit_inject only note what to count).
 */
static __always_inline void reason_flush(struct thr *th, bool lat)
{
	struct nvmx_tstate *t = th->t;
	struct nvmx_rval *v;

	lat = lat && t->rx_path && !counts_only;
	if (!t->rx_cnt && !lat)
		return;
	v = reason_val(th->row, t->rx_isa, t->rx_code);
	if (v) {
		if (t->rx_cnt & (1U << NVMX_RC_EXITS))
			v->n[NVMX_RC_EXITS]++;
		if (t->rx_cnt & (1U << NVMX_RC_L2_EXITS))
			v->n[NVMX_RC_L2_EXITS]++;
		if (t->rx_cnt & (1U << NVMX_RC_REFLECTED))
			v->n[NVMX_RC_REFLECTED]++;
		if (lat)
			rval_lat(v, t->rx_path - 1, t->rx_ts);
	}
	t->rx_cnt = 0;
}

/*
 * The time now if this start of a pair of kind @k is timed (every one,
 * or 1 in sample_n), else 0: the pair then only counts.
 */
static __always_inline __u64 sample_start(struct nvmx_tstate *t, unsigned int k)
{
	if (counts_only)
		return 0;
	if (sample_n > 1) {
		k &= NVMX_SAMP_NR - 1;
		if (++t->samp[k] < sample_n)
			return 0;
		t->samp[k] = 0;
	}
	return bpf_ktime_get_ns();
}

/* The vCPU id a row has seen, -1 if none yet */
static __always_inline int row_vcpu(const struct thr *th)
{
	return (int)th->s->ctr[NVMX_C_VCPU_ID] - 1;
}

static __always_inline void outlier_dropped(unsigned int kind)
{
	if (kind < NVMX_OUT_NR)
		__sync_fetch_and_add(&outliers_dropped[kind], 1);
}

/*
 * An outlier of @kind that lasted @d ns and ends now, with the kernel
 * stack of @ctx (the program's context: the end event's call chain).
 */
static __always_inline void outlier(void *ctx, struct thr *th, unsigned int kind,
				    __u64 d, __u32 isa, __u32 code, __u32 flags)
{
	struct nvmx_outlier *o;
	struct orate *r;
	__u64 now, sec;
	__u32 z = 0;
	long n;

	if (!than_ns || d < than_ns)
		return;
	now = bpf_ktime_get_ns();
	sec = now / 1000000000ULL;
	r = bpf_map_lookup_elem(&orates, &z);
	if (!r)
		return;
	if (r->sec != sec) {
		r->sec = sec;
		r->n = 0;
	}
	if (r->n >= than_per_sec) {
		outlier_dropped(kind);
		return;
	}
	o = bpf_ringbuf_reserve(&outliers, sizeof(*o), 0);
	if (!o) {
		outlier_dropped(kind);
		return;
	}
	r->n++;
	o->ts = now;
	o->dur = d;
	o->tgid = bpf_get_current_pid_tgid() >> 32;
	o->tid = (__u32)bpf_get_current_pid_tgid();
	o->vcpu_id = row_vcpu(th);
	o->kind = kind;
	o->isa = isa;
	o->code = code;
	o->flags = flags;
	n = bpf_get_stack(ctx, o->stack, sizeof(o->stack), 0);
	o->nstack = n > 0 ? n / sizeof(o->stack[0]) : 0;
	bpf_ringbuf_submit(o, 0);
}

/* struct nvmx_tstate.vmcs12_flags */
#define VMCS12_IN	1U	/* inside nested_get_vmcs12_pages() */
#define VMCS12_SLOW	2U	/* ... and a page took the slow path */

/* ---- event bodies, shared by the variants ------------------------- */

static __always_inline int on_l2_entry(void *ctx)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_L2_ENTRIES]++;
	if (!counts_only && th.t->l2_exit_ts) {
		__u64 d = bpf_ktime_get_ns() - th.t->l2_exit_ts;

		hist_add(&th, NVMX_H_L2_ROUNDTRIP, d);
		outlier(ctx, &th, NVMX_OUT_L2_ROUNDTRIP, d, th.t->rf_isa, th.t->rf_code, 0);
		th.t->l2_exit_ts = 0;
	}
	if (want_reasons && th.t->rf_path) {
		reason_lat(&th, th.t->rf_isa, th.t->rf_code, th.t->rf_path - 1,
			   th.t->rf_ts);
		th.t->rf_path = 0;
	}
	return 0;
}

/*
 * An exit into L1: the L2 exit just seen (same code) is reflected, or
 * L0 synthesizes one (an event for L1, a late VM-Fail, ...).  In the
 * second case the L2 exit, if any, stays L0's and ends at the next entry.
 */
static __always_inline int on_l2_exit_inj(__u32 code, __u32 isa)
{
	struct nvmx_tstate *t;
	struct thr th;

	if (!thread_get(&th))
		return 0;
	t = th.t;
	th.s->ctr[NVMX_C_L2_EXITS_INJ]++;
	t->l2_exit_ts = sample_start(t, NVMX_SAMP_RT);
	if (!want_reasons)
		return 0;
	code = nvmx_inject_code(code, isa);
	if (t->rx_path == NVMX_RP_L2_L0 + 1 && t->rx_code == code && t->rx_isa == isa) {
		/* counted now: L1 may never enter L2 again */
		t->rx_cnt |= 1U << NVMX_RC_REFLECTED;
		reason_flush(&th, false);
		t->rf_ts = t->rx_ts;
		t->rf_path = NVMX_RP_L2_L1 + 1;
		t->rx_path = 0;
	} else {
		reason_count(&th, isa, code, NVMX_RC_SYNTH);
		t->rf_ts = sample_start(t, NVMX_SAMP_RF);
		t->rf_path = NVMX_RP_SYNTH + 1;
	}
	t->rf_code = code;
	t->rf_isa = isa;
	return 0;
}

/* kvm_exit: count it and its code; the exit is L1's until kvm_nested_vmexit */
static __always_inline int on_kvm_exit(void *vcpu, __u32 isa)
{
	struct nvmx_tstate *t;
	struct thr th;
	__u32 code;

	if (!thread_get(&th))
		return 0;
	t = th.t;
	th.s->ctr[NVMX_C_EXITS]++;
	set_vcpu(th.s, nvmx_vcpu_id(vcpu));
	if (!want_reasons)
		return 0;
	code = nvmx_exit_code(vcpu, isa);
	reason_flush(&th, false);	/* an exit that never ended (none) */
	t->rx_code = code;
	t->rx_isa = isa;
	t->rx_path = NVMX_RP_L1 + 1;
	t->rx_cnt = 1U << NVMX_RC_EXITS;
	t->rx_ts = sample_start(t, NVMX_SAMP_RX);
	return 0;
}

/* kvm_nested_vmexit: the exit kvm_exit just saw is L2's */
static __always_inline int on_l2_exit(void *vcpu, __u32 isa)
{
	struct nvmx_tstate *t;
	struct thr th;

	if (!thread_get(&th))
		return 0;
	t = th.t;
	th.s->ctr[NVMX_C_L2_EXITS]++;
	set_vcpu(th.s, nvmx_vcpu_id(vcpu));
	if (!want_reasons)
		return 0;
	if (t->rx_path != NVMX_RP_L1 + 1) {	/* no kvm_exit before it */
		reason_flush(&th, false);
		t->rx_code = nvmx_exit_code(vcpu, isa);
		t->rx_isa = isa;
		t->rx_ts = sample_start(t, NVMX_SAMP_RX);
	}
	t->rx_cnt |= 1U << NVMX_RC_L2_EXITS;
	t->rx_path = NVMX_RP_L2_L0 + 1;
	return 0;
}

/* kvm_entry: the exit being handled (L1's, or L2's kept by L0) ends */
static __always_inline int on_entry(void *vcpu)
{
	struct nvmx_tstate *t;
	struct thr th;

	if (!thread_get(&th))
		return 0;
	t = th.t;
	th.s->ctr[NVMX_C_ENTRIES]++;
	set_vcpu(th.s, nvmx_vcpu_id(vcpu));
	if (want_reasons) {
		reason_flush(&th, true);
		t->rx_path = 0;
	}
	return 0;
}

static __always_inline int on_simple(int c)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	if (c >= 0 && c < NVMX_C_NR)
		th.s->ctr[c]++;
	return 0;
}

static __always_inline int on_user_exit(void)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_USER_EXITS]++;
	if (!counts_only && th.t->run_start) {
		hist_add(&th, NVMX_H_KVM_RUN, bpf_ktime_get_ns() - th.t->run_start);
		th.t->run_start = 0;
	}
	/* the exit that left to user space is counted now (the VM may
	 * never run again); its latency ends at the next entry */
	if (want_reasons)
		reason_flush(&th, false);
	return 0;
}

static __always_inline int on_fpu(int load)
{
	struct thr th;

	/* kvm_fpu fires on load and on put: only the load starts KVM_RUN */
	if (!load || !thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_KVM_RUNS]++;
	th.t->run_start = sample_start(th.t, NVMX_SAMP_RUN);
	return 0;
}

static __always_inline int on_pvclock(unsigned int vcpu_id)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_PVCLOCK]++;
	set_vcpu(th.s, (int)vcpu_id);
	return 0;
}

static __always_inline int on_gpc_use(unsigned int vcpu_id, unsigned int kind,
				      unsigned int outcome)
{
	struct thr th;
	int kc;

	if (!thread_get(&th))
		return 0;
	if (outcome != NVMX_GPC_HIT && (th.t->vmcs12_flags & VMCS12_IN))
		th.t->vmcs12_flags |= VMCS12_SLOW;
	switch (outcome) {
	case NVMX_GPC_HIT: kc = NVMX_K_HITS; break;
	case NVMX_GPC_REFRESH: kc = NVMX_K_REFRESH; break;
	case NVMX_GPC_ACTIVATE: kc = NVMX_K_ACTIVATE; break;
	default: kc = NVMX_K_ERRORS; break;
	}
	count_kind(th.s, kind, kc);
	set_vcpu(th.s, (int)vcpu_id);
	return 0;
}

static __always_inline int on_pfncache_refresh(int vcpu_id, bool activate, int ret)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[activate ? NVMX_C_GPC_ACTIVATE : NVMX_C_GPC_REFRESH]++;
	if (ret)
		th.s->ctr[NVMX_C_GPC_ERR]++;
	set_vcpu(th.s, vcpu_id);
	return 0;
}

static __always_inline int on_state_reload(int vcpu_id, unsigned int mask)
{
	struct thr th;
	unsigned int k;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_RELOADS]++;
	for (k = 0; k < NVMX_PAGE_KINDS; k++)
		if (mask & (1U << k))
			count_kind(th.s, k, NVMX_K_RELOADS);
	set_vcpu(th.s, vcpu_id);
	return 0;
}

/*
 * kvm_nested_context (tracepoint ABI 2): a nested context is reused,
 * filled, recycled or evicted.  Evictions run in free_nested(), at vCPU
 * destruction too, which may run on any thread of the VM: they do not
 * name the thread's vCPU.  An op of a later ABI is not counted.
 */
static __always_inline int on_nested_context(unsigned int vcpu_id, unsigned int op)
{
	struct thr th;
	int c;

	switch (op) {
	case NVMX_CTX_REUSE: c = NVMX_C_CTX_REUSE; break;
	case NVMX_CTX_FILL: c = NVMX_C_CTX_FILL; break;
	case NVMX_CTX_RECYCLE: c = NVMX_C_CTX_RECYCLE; break;
	case NVMX_CTX_EVICT: c = NVMX_C_CTX_EVICT; break;
	default: return 0;
	}
	if (!thread_get(&th))
		return 0;
	th.s->ctr[c]++;
	if (c != NVMX_C_CTX_EVICT)
		set_vcpu(th.s, (int)vcpu_id);
	return 0;
}

/*
 * kvm_pfncache_stale (tracepoint ABI 3): an active cache is about to be
 * refreshed, or activated again, and @cause says why it was stale.  A
 * cause of a later ABI is not counted.  The thread that refreshes the
 * cache counts it; kvm_pfncache_refresh, right after, names its vCPU.
 */
static __always_inline int on_gpc_stale(unsigned int cause)
{
	int c;

	switch (cause) {
	case NVMX_STALE_INVALID: c = NVMX_C_GPC_STALE_INVALID; break;
	case NVMX_STALE_MEMSLOT: c = NVMX_C_GPC_STALE_MEMSLOT; break;
	case NVMX_STALE_RETARGET: c = NVMX_C_GPC_STALE_RETARGET; break;
	case NVMX_STALE_VALID: c = NVMX_C_GPC_STALE_VALID; break;
	default: return 0;
	}
	return on_simple(c);
}

/*
 * kvm_pfncache_kick (tracepoint ABI 3): one MMU-notifier invalidation
 * sent KVM_REQ_OUTSIDE_GUEST_MODE to @nr_vcpus vCPUs.  Counted on the
 * thread that invalidated (as kvm_pfncache_invalidate), not the kicked
 * vCPUs'.
 */
static __always_inline int on_gpc_kick(unsigned int nr_vcpus)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_GPC_KICK_EVENTS]++;
	th.s->ctr[NVMX_C_GPC_KICKS] += nr_vcpus;
	return 0;
}

/* Brackets: maps/unmaps are nested ones only inside these functions. */
static __always_inline int bracket_enter(int lat)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	if (th.t->nested < NVMX_NESTED_MAX)
		th.t->nested++;
	if (lat) {
		th.t->vmcs12_flags = VMCS12_IN;
		th.t->vmcs12_start = sample_start(th.t, NVMX_SAMP_VMCS12);
		th.s->ctr[NVMX_C_VMCS12_PAGES]++;
	}
	return 0;
}

static __always_inline int bracket_exit(int lat, void *ctx)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	if (th.t->nested > 0)
		th.t->nested--;
	if (lat && !counts_only && th.t->vmcs12_start) {
		__u64 d = bpf_ktime_get_ns() - th.t->vmcs12_start;

		hist_add(&th, NVMX_H_VMCS12_PAGES, d);
		outlier(ctx, &th, NVMX_OUT_VMCS12_PAGES, d, 0, 0,
			th.t->vmcs12_flags & VMCS12_SLOW ? NVMX_OUTF_SLOW_PATH : 0);
		th.t->vmcs12_start = 0;
	}
	if (lat)
		th.t->vmcs12_flags = 0;
	return 0;
}

/*
 * A pending map's start: the time, or, counting only or not sampled,
 * just a mark (1) that the exit must count it.
 */
static __always_inline __u64 start_mark(struct nvmx_tstate *t)
{
	__u64 ts = sample_start(t, NVMX_SAMP_MAP);

	return ts ? ts : 1;
}

/*
 * Maps are counted on return and only when they succeeded (a failed map,
 * e.g. an unbacked APIC-access GPA, is counted as an error of its kind);
 * entry remembers the time and the page kind when inside a nested
 * bracket.
 */
static __always_inline void map_pending(struct thr *th, void *vcpu, __u64 gfn,
					const void *map)
{
	if (th->t->vmcs12_flags & VMCS12_IN)
		th->t->vmcs12_flags |= VMCS12_SLOW;
	if (th->t->nested > 0) {
		th->t->map_kind = nvmx_nested_page_kind(vcpu, map, gfn);
		th->t->map_start = start_mark(th->t);
	}
}

static __always_inline int map_enter(void *vcpu, __u64 gfn, const void *map)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	map_pending(&th, vcpu, gfn, map);
	return 0;
}

/*
 * @vcpu, @gfn, @map: the call's arguments where the exit program sees
 * them (fexit), else NULL.  Counting only, the fentry program is not
 * loaded (it would only take the time) and the fexit program finds the
 * page kind itself: the arguments and the nested bracket are the same
 * on return as on entry.
 */
static __always_inline int map_exit(long ret, void *vcpu, __u64 gfn,
				    const void *map)
{
	struct thr th;
	unsigned int kind;

	if (!thread_get(&th))
		return 0;
	if (!ret)
		th.s->ctr[NVMX_C_MAPS_ALL]++;
	if (counts_only && vcpu)
		map_pending(&th, vcpu, gfn, map);
	if (!th.t->map_start)
		return 0;
	kind = th.t->map_kind;
	if (!ret) {
		count_kind(th.s, kind, NVMX_K_MAPS);
		if (!counts_only && th.t->map_start > 1) {
			__u64 d = bpf_ktime_get_ns() - th.t->map_start;

			hist_add(&th, NVMX_H_MAP, d);
			if (kind < NVMX_PAGE_KINDS)
				hist_add(&th, NVMX_H_MAP_KIND(kind), d);
		}
	} else {
		count_kind(th.s, kind, NVMX_K_ERRORS);
	}
	th.t->map_start = 0;
	return 0;
}

/*
 * Unmaps of a mapped page are counted on entry (map->hva is cleared by
 * the call); the exit, when attached (not counting only), adds the
 * duration.
 */
static __always_inline int unmap_enter(void *vcpu, const void *map)
{
	struct thr th;

	if (!nvmx_host_map_mapped(map) || !thread_get(&th))
		return 0;
	th.s->ctr[NVMX_C_UNMAPS_ALL]++;
	if (th.t->nested > 0) {
		unsigned int kind = nvmx_nested_page_kind(vcpu, map,
							  nvmx_host_map_gfn(map));

		count_kind(th.s, kind, NVMX_K_UNMAPS);
		if (!counts_only) {
			th.t->unmap_kind = kind;
			th.t->unmap_start = sample_start(th.t, NVMX_SAMP_UNMAP);
		}
	}
	return 0;
}

static __always_inline int unmap_exit(void)
{
	struct thr th;
	unsigned int kind;
	__u64 d;

	if (counts_only || !thread_get(&th) || !th.t->unmap_start)
		return 0;
	d = bpf_ktime_get_ns() - th.t->unmap_start;
	kind = th.t->unmap_kind;
	hist_add(&th, NVMX_H_UNMAP, d);
	if (kind < NVMX_PAGE_KINDS)
		hist_add(&th, NVMX_H_UNMAP_KIND(kind), d);
	th.t->unmap_start = 0;
	return 0;
}

static __always_inline int gpc_enter(void)
{
	struct thr th;

	if (counts_only || !thread_get(&th))
		return 0;
	th.t->gpc_start = sample_start(th.t, NVMX_SAMP_GPC);
	return 0;
}

/* activate < 0: latency only (the counts come from the
 * kvm_pfncache_refresh tracepoint). */
static __always_inline int gpc_exit(int activate, long ret)
{
	struct thr th;

	if (!thread_get(&th))
		return 0;
	if (activate >= 0) {
		th.s->ctr[activate ? NVMX_C_GPC_ACTIVATE : NVMX_C_GPC_REFRESH]++;
		if ((int)ret)
			th.s->ctr[NVMX_C_GPC_ERR]++;
	}
	if (!counts_only && th.t->gpc_start) {
		hist_add(&th, NVMX_H_GPC_REFRESH, bpf_ktime_get_ns() - th.t->gpc_start);
		th.t->gpc_start = 0;
	}
	return 0;
}

static __always_inline int gpc_lat_exit(void)
{
	return gpc_exit(-1, 0);
}

/* ---- variants ------------------------------------------------------ */
/*
 * tp_btf and raw_tp programs both see the TP_PROTO arguments as a u64
 * array, so each tracepoint has one body and two thin entry points,
 * BPF_PROG()s with the leading arguments the body reads, typed as in the
 * tracepoint (core_shims.h; the series': docs/tracepoints.md).  KVM's
 * structs may be in module BTF only, so a struct kvm_vcpu * is a void *.
 */
#define TP_PAIR(tp, name, call, args...)				\
SEC("tp_btf/" #tp) int BPF_PROG(tpb_##name, ##args) { return call; }	\
SEC("raw_tp/" #tp) int BPF_PROG(raw_##name, ##args) { return call; }

TP_PAIR(kvm_nested_vmenter, l2_entry, on_l2_entry(ctx))
TP_PAIR(kvm_nested_vmexit, l2_exit, on_l2_exit(vcpu, isa), void *vcpu, __u32 isa)
TP_PAIR(kvm_nested_vmexit_inject, l2_exit_inj, on_l2_exit_inj(exit_code, isa),
	__u32 exit_code, __u64 exit_info1, __u64 exit_info2, __u32 exit_int_info,
	__u32 exit_int_info_err, __u32 isa)
TP_PAIR(kvm_exit, exit, on_kvm_exit(vcpu, isa), void *vcpu, __u32 isa)
TP_PAIR(kvm_entry, entry, on_entry(vcpu), void *vcpu)
TP_PAIR(kvm_pio, pio, on_simple(NVMX_C_PIO))
TP_PAIR(kvm_userspace_exit, user_exit, on_user_exit())
TP_PAIR(kvm_fpu, kvm_run, on_fpu(load), int load)
TP_PAIR(kvm_pvclock_update, pvclock, on_pvclock(vcpu_id), unsigned int vcpu_id)
TP_PAIR(kvm_unmap_hva_range, hva_unmap, on_simple(NVMX_C_HVA_UNMAPS))
/* nvmx-gpc series tracepoints (docs/tracepoints.md) */
TP_PAIR(kvm_nested_gpc_use, gpc_use, on_gpc_use(vcpu_id, kind, outcome),
	unsigned int vcpu_id, unsigned int kind, __u64 gpa, unsigned int outcome)
TP_PAIR(kvm_pfncache_refresh, gpc_refresh, on_pfncache_refresh(vcpu_id, activate, ret),
	int vcpu_id, __u64 gpa, __u64 pfn, bool activate, int ret)
TP_PAIR(kvm_pfncache_invalidate, gpc_inval, on_simple(NVMX_C_GPC_INVAL))
TP_PAIR(kvm_nested_state_reload, state_reload, on_state_reload(vcpu_id, kind_mask),
	unsigned int vcpu_id, unsigned int kind_mask)
/* ABI 2 */
TP_PAIR(kvm_nested_context, nested_context, on_nested_context(vcpu_id, op),
	unsigned int vcpu_id, unsigned int op)
/* ABI 3 (patch 14; include/trace/events/kvm.h, kvm.ko) */
TP_PAIR(kvm_pfncache_stale, gpc_stale, on_gpc_stale(cause),
	int vcpu_id, __u64 gpa, __u64 new_gpa, unsigned int cause)
TP_PAIR(kvm_pfncache_kick, gpc_kick, on_gpc_kick(nr_vcpus), unsigned int nr_vcpus)

/*
 * fentry/fexit and kprobe/kretprobe variants: targets are set by the
 * plan (bpf_program__set_attach_target / attach_kprobe by name).
 */
SEC("fentry") int fe_vmcs12(__u64 *ctx) { return bracket_enter(1); }
SEC("fexit") int fx_vmcs12(__u64 *ctx) { return bracket_exit(1, ctx); }
SEC("kprobe") int kp_vmcs12(void *ctx) { return bracket_enter(1); }
SEC("kretprobe") int kr_vmcs12(void *ctx) { return bracket_exit(1, ctx); }

SEC("fentry") int fe_ctx_vmexit(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_vmexit(__u64 *ctx) { return bracket_exit(0, ctx); }
SEC("fentry") int fe_ctx_free(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_free(__u64 *ctx) { return bracket_exit(0, ctx); }
SEC("fentry") int fe_ctx_enter(__u64 *ctx) { return bracket_enter(0); }
SEC("fexit") int fx_ctx_enter(__u64 *ctx) { return bracket_exit(0, ctx); }
SEC("kprobe") int kp_ctx(void *ctx) { return bracket_enter(0); }
SEC("kretprobe") int kr_ctx(void *ctx) { return bracket_exit(0, ctx); }

/*
 * kvm_vcpu_map(vcpu, gfn, map) (6.12) and __kvm_vcpu_map(vcpu, gfn, map,
 * writable) (6.13+): same leading arguments; the return value's slot
 * differs, bpf_get_func_ret() finds it (5.17+).
 */
/* The return value of an fexit's function, wherever its arguments end */
static __always_inline long func_ret(__u64 *ctx)
{
	__u64 ret = 0;

	bpf_get_func_ret(ctx, &ret);
	return (long)(int)ret;
}

SEC("fentry") int BPF_PROG(fe_map, void *vcpu, __u64 gfn, void *map)
{
	return map_enter(vcpu, gfn, map);
}
SEC("fexit") int BPF_PROG(fx_map, void *vcpu, __u64 gfn, void *map)
{
	return map_exit(func_ret(ctx), vcpu, gfn, map);
}
SEC("kprobe") int kp_map(struct pt_regs *ctx)
{
	return map_enter((void *)PT_REGS_PARM1_CORE(ctx), PT_REGS_PARM2_CORE(ctx),
			 (void *)PT_REGS_PARM3_CORE(ctx));
}
SEC("kretprobe") int kr_map(struct pt_regs *ctx)
{
	return map_exit((long)(int)PT_REGS_RC_CORE(ctx), NULL, 0, NULL);
}

SEC("fentry") int BPF_PROG(fe_unmap, void *vcpu, void *map)
{
	return unmap_enter(vcpu, map);
}
SEC("fexit") int fx_unmap(__u64 *ctx) { return unmap_exit(); }
SEC("kprobe") int kp_unmap(struct pt_regs *ctx)
{
	return unmap_enter((void *)PT_REGS_PARM1_CORE(ctx),
			   (void *)PT_REGS_PARM2_CORE(ctx));
}
SEC("kretprobe") int kr_unmap(void *ctx) { return unmap_exit(); }

SEC("fentry") int fe_gpc_refresh(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpc_refresh(__u64 *ctx) { return gpc_exit(0, func_ret(ctx)); }
SEC("fentry") int fe_gpc_activate(__u64 *ctx) { return gpc_enter(); }
SEC("fexit") int fx_gpc_activate(__u64 *ctx) { return gpc_exit(1, func_ret(ctx)); }
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

SEC("fentry") int fe_state_reload(__u64 *ctx) { return on_state_reload(-1, 0); }
SEC("kprobe") int kp_state_reload(void *ctx) { return on_state_reload(-1, 0); }
