// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Derived metrics: definitions, availability, counts, rates, percentiles. */
#include <string.h>

#include "core_priv.h"

#define C(id, name, col, help) [id] = { id, name, col, "/s", help }
#define P(id, name, col, help) [id] = { id, name, col, "ns", help }

static const struct nvmx_metric_def defs[NVMX_M_NR] = {
	C(NVMX_M_L1_EXITS, "l1_exits", "L1EXIT/s",
	  "VM-exits of L1 itself: kvm_exit minus kvm_nested_vmexit"),
	C(NVMX_M_L2_ENTRIES, "l2_entries", "L2ENT/s",
	  "L2 VM-entries (kvm_nested_vmenter)"),
	C(NVMX_M_L2_EXITS, "l2_exits", "L2EXIT/s",
	  "VM-exits while L2 runs (kvm_nested_vmexit)"),
	C(NVMX_M_L2_EXITS_TO_L1, "l2_exits_to_l1", "L2>L1/s",
	  "L2 exits reflected to L1 (kvm_nested_vmexit_inject)"),
	C(NVMX_M_MAPS, "maps", "MAP/s",
	  "kvm_vcpu_map calls serving nVMX (inside nested page paths)"),
	C(NVMX_M_UNMAPS, "unmaps", "UNMAP/s",
	  "kvm_vcpu_unmap calls serving nVMX"),
	C(NVMX_M_GPC_HITS, "gpc_hits", "HIT/s",
	  "nested pfncache uses served by a valid cache"),
	C(NVMX_M_GPC_REFRESHES, "gpc_refreshes", "REFR/s",
	  "pfncache refreshes (kvm_gpc_refresh), all caches"),
	C(NVMX_M_GPC_ACTIVATIONS, "gpc_activations", "ACT/s",
	  "pfncache activations (kvm_gpc_activate), all caches"),
	C(NVMX_M_GPC_INVALIDATIONS, "gpc_invalidations", "INVAL/s",
	  "pfncaches marked invalid by the MMU notifier"),
	C(NVMX_M_RELOADS, "reloads", "RELOAD/s",
	  "KVM_REQ_GET_NESTED_STATE_PAGES reloads"),
	C(NVMX_M_SAVED, "saved", "SAVED/s",
	  "map/unmap pairs saved = nested page uses served by a valid cache"),
	[NVMX_M_SAVED_PCT] = { NVMX_M_SAVED_PCT, "saved_pct", "SAVED%", "%",
	  "saved / (saved + maps + nested gpc refreshes/activations) * 100" },
	P(NVMX_M_VMCS12_P50, "vmcs12_pages_p50_ns", "V12p50",
	  "median nested_get_vmcs12_pages duration"),
	P(NVMX_M_VMCS12_P99, "vmcs12_pages_p99_ns", "V12p99",
	  "99th percentile nested_get_vmcs12_pages duration"),
	C(NVMX_M_PIO, "pio", "PIO/s", "port I/O exits (kvm_pio)"),
	C(NVMX_M_USER_EXITS, "userspace_exits", "UEXIT/s",
	  "KVM_RUN returns to user space (kvm_userspace_exit)"),
	C(NVMX_M_KVM_RUNS, "kvm_runs", "RUN/s",
	  "KVM_RUN entries (kvm_fpu load=1)"),
	P(NVMX_M_KVM_RUN_P50, "kvm_run_p50_ns", "RUNp50",
	  "median KVM_RUN duration: kvm_fpu load -> kvm_userspace_exit"),
	P(NVMX_M_KVM_RUN_P99, "kvm_run_p99_ns", "RUNp99",
	  "99th percentile KVM_RUN duration"),
	C(NVMX_M_PVCLOCK, "pvclock_updates", "PVCLK/s",
	  "kvmclock (pvclock) areas written (kvm_pvclock_update)"),
	C(NVMX_M_HVA_UNMAPS, "hva_invalidations", "HVAINV/s",
	  "MMU-notifier invalidations of the VM's address space (kvm_unmap_hva_range)"),
	P(NVMX_M_MAP_P50, "map_p50_ns", "MAPp50", "median nested kvm_vcpu_map duration"),
	P(NVMX_M_MAP_P99, "map_p99_ns", "MAPp99", "99th percentile nested kvm_vcpu_map duration"),
	P(NVMX_M_GPC_REFRESH_P50, "gpc_refresh_p50_ns", "REFp50",
	  "median kvm_gpc_refresh/activate duration"),
	P(NVMX_M_GPC_REFRESH_P99, "gpc_refresh_p99_ns", "REFp99",
	  "99th percentile kvm_gpc_refresh/activate duration"),
	P(NVMX_M_L2_RT_P50, "l2_roundtrip_p50_ns", "RTp50",
	  "median L2->L1 exit to next L2 entry"),
	P(NVMX_M_L2_RT_P99, "l2_roundtrip_p99_ns", "RTp99",
	  "99th percentile L2->L1 exit to next L2 entry"),
	C(NVMX_M_VMCS12_CALLS, "vmcs12_pages_calls", "V12/s",
	  "nested_get_vmcs12_pages calls"),
	P(NVMX_M_UNMAP_P50, "unmap_p50_ns", "UNMAPp50",
	  "median nested kvm_vcpu_unmap duration (mapped pages)"),
	P(NVMX_M_UNMAP_P99, "unmap_p99_ns", "UNMAPp99",
	  "99th percentile nested kvm_vcpu_unmap duration"),
	C(NVMX_M_VCPU_MAPS, "vcpu_maps", "VMAP/s",
	  "all successful kvm_vcpu_map calls (nested or not: nVMX pages, nSVM vmcb12, ...)"),
	C(NVMX_M_VCPU_UNMAPS, "vcpu_unmaps", "VUNMAP/s",
	  "all kvm_vcpu_unmap calls of a mapped page (nested or not)"),
};

const struct nvmx_metric_def *nvmx_metric_def(enum nvmx_metric m)
{
	if ((unsigned int)m >= NVMX_M_NR)
		return NULL;
	return &defs[m];
}

int nvmx_metric_by_name(const char *name)
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++)
		if (!strcmp(defs[m].name, name) || !strcasecmp(defs[m].column, name))
			return m;
	return -1;
}

bool nvmx_metric_is_count(enum nvmx_metric m)
{
	return (unsigned int)m < NVMX_M_NR && !strcmp(defs[m].unit, "/s");
}

/*
 * What a number needs: any one of up to two alternatives, each a set of
 * hooks that must be attached (and fire on this host), of which those
 * in timed must be fentry/kprobe (latency) and those in series the
 * series tracepoint (per-kind data).  No alternative: always available.
 */
struct nvmx_req {
	unsigned int all[2];
	unsigned int timed[2];
	unsigned int series[2];
};

#define H(h) (1u << (h))
#define R1(a) { .all = { (a) } }
#define RT(a) { .all = { (a) }, .timed = { (a) } }

static const struct nvmx_req metric_req[NVMX_M_NR] = {
	[NVMX_M_L1_EXITS] = R1(H(NVMX_HOOK_EXIT) | H(NVMX_HOOK_L2_EXIT)),
	[NVMX_M_L2_ENTRIES] = R1(H(NVMX_HOOK_L2_ENTRY)),
	[NVMX_M_L2_EXITS] = R1(H(NVMX_HOOK_L2_EXIT)),
	[NVMX_M_L2_EXITS_TO_L1] = R1(H(NVMX_HOOK_L2_EXIT_INJ)),
	[NVMX_M_MAPS] = R1(H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_MAP_P50] = R1(H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_MAP_P99] = R1(H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_UNMAPS] = R1(H(NVMX_HOOK_VCPU_UNMAP) | H(NVMX_HOOK_NESTED_CTX)),
	[NVMX_M_UNMAP_P50] = R1(H(NVMX_HOOK_VCPU_UNMAP) | H(NVMX_HOOK_NESTED_CTX)),
	[NVMX_M_UNMAP_P99] = R1(H(NVMX_HOOK_VCPU_UNMAP) | H(NVMX_HOOK_NESTED_CTX)),
	[NVMX_M_GPC_HITS] = R1(H(NVMX_HOOK_GPC_USE)),
	[NVMX_M_SAVED] = R1(H(NVMX_HOOK_GPC_USE)),
	/* hits from the series, or (unpatched kernel) nested maps only */
	[NVMX_M_SAVED_PCT] = { .all = { H(NVMX_HOOK_GPC_USE),
		H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES) } },
	[NVMX_M_GPC_REFRESHES] = R1(H(NVMX_HOOK_GPC_REFRESH)),
	[NVMX_M_GPC_ACTIVATIONS] = R1(H(NVMX_HOOK_GPC_REFRESH)),
	[NVMX_M_GPC_REFRESH_P50] = { .all = { H(NVMX_HOOK_GPC_REFRESH), H(NVMX_HOOK_GPC_LAT) },
				     .timed = { H(NVMX_HOOK_GPC_REFRESH) } },
	[NVMX_M_GPC_REFRESH_P99] = { .all = { H(NVMX_HOOK_GPC_REFRESH), H(NVMX_HOOK_GPC_LAT) },
				     .timed = { H(NVMX_HOOK_GPC_REFRESH) } },
	[NVMX_M_GPC_INVALIDATIONS] = R1(H(NVMX_HOOK_GPC_INVAL)),
	[NVMX_M_RELOADS] = R1(H(NVMX_HOOK_STATE_RELOAD)),
	[NVMX_M_VMCS12_P50] = RT(H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_VMCS12_P99] = RT(H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_VMCS12_CALLS] = RT(H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_M_PIO] = R1(H(NVMX_HOOK_PIO)),
	[NVMX_M_USER_EXITS] = R1(H(NVMX_HOOK_USER_EXIT)),
	[NVMX_M_KVM_RUNS] = R1(H(NVMX_HOOK_KVM_RUN)),
	[NVMX_M_KVM_RUN_P50] = R1(H(NVMX_HOOK_KVM_RUN) | H(NVMX_HOOK_USER_EXIT)),
	[NVMX_M_KVM_RUN_P99] = R1(H(NVMX_HOOK_KVM_RUN) | H(NVMX_HOOK_USER_EXIT)),
	[NVMX_M_PVCLOCK] = R1(H(NVMX_HOOK_PVCLOCK)),
	[NVMX_M_HVA_UNMAPS] = R1(H(NVMX_HOOK_HVA_UNMAP)),
	[NVMX_M_L2_RT_P50] = R1(H(NVMX_HOOK_L2_ENTRY) | H(NVMX_HOOK_L2_EXIT_INJ)),
	[NVMX_M_L2_RT_P99] = R1(H(NVMX_HOOK_L2_ENTRY) | H(NVMX_HOOK_L2_EXIT_INJ)),
	[NVMX_M_VCPU_MAPS] = R1(H(NVMX_HOOK_VCPU_MAP)),
	[NVMX_M_VCPU_UNMAPS] = R1(H(NVMX_HOOK_VCPU_UNMAP)),
};

/* The raw counters (record writes them; the ones behind a metric agree). */
static const struct nvmx_req ctr_req[NVMX_C_NR] = {
	[NVMX_C_EXITS] = R1(H(NVMX_HOOK_EXIT)),
	[NVMX_C_ENTRIES] = R1(H(NVMX_HOOK_ENTRY)),
	[NVMX_C_L2_ENTRIES] = R1(H(NVMX_HOOK_L2_ENTRY)),
	[NVMX_C_L2_EXITS] = R1(H(NVMX_HOOK_L2_EXIT)),
	[NVMX_C_L2_EXITS_INJ] = R1(H(NVMX_HOOK_L2_EXIT_INJ)),
	[NVMX_C_PIO] = R1(H(NVMX_HOOK_PIO)),
	[NVMX_C_USER_EXITS] = R1(H(NVMX_HOOK_USER_EXIT)),
	[NVMX_C_KVM_RUNS] = R1(H(NVMX_HOOK_KVM_RUN)),
	[NVMX_C_PVCLOCK] = R1(H(NVMX_HOOK_PVCLOCK)),
	[NVMX_C_HVA_UNMAPS] = R1(H(NVMX_HOOK_HVA_UNMAP)),
	[NVMX_C_VMCS12_PAGES] = RT(H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_C_RELOADS] = R1(H(NVMX_HOOK_STATE_RELOAD)),
	[NVMX_C_GPC_ACTIVATE] = R1(H(NVMX_HOOK_GPC_REFRESH)),
	[NVMX_C_GPC_REFRESH] = R1(H(NVMX_HOOK_GPC_REFRESH)),
	[NVMX_C_GPC_ERR] = R1(H(NVMX_HOOK_GPC_REFRESH)),
	[NVMX_C_GPC_INVAL] = R1(H(NVMX_HOOK_GPC_INVAL)),
	[NVMX_C_MAPS_ALL] = R1(H(NVMX_HOOK_VCPU_MAP)),
	[NVMX_C_UNMAPS_ALL] = R1(H(NVMX_HOOK_VCPU_UNMAP)),
	[NVMX_C_VCPU_ID] = { { 0 } },
};

/* Per-page-kind counters (their sum over kinds). */
static const struct nvmx_req kctr_req[NVMX_KCTR_NR] = {
	[NVMX_K_MAPS] = R1(H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES)),
	[NVMX_K_UNMAPS] = R1(H(NVMX_HOOK_VCPU_UNMAP) | H(NVMX_HOOK_NESTED_CTX)),
	[NVMX_K_HITS] = R1(H(NVMX_HOOK_GPC_USE)),
	[NVMX_K_REFRESH] = R1(H(NVMX_HOOK_GPC_USE)),
	[NVMX_K_ACTIVATE] = R1(H(NVMX_HOOK_GPC_USE)),
	/* failed gpc uses (series) or failed nested maps */
	[NVMX_K_ERRORS] = { .all = { H(NVMX_HOOK_GPC_USE),
		H(NVMX_HOOK_VCPU_MAP) | H(NVMX_HOOK_VMCS12_PAGES) } },
	/* only the series tracepoint says which pages were reloaded */
	[NVMX_K_RELOADS] = { .all = { H(NVMX_HOOK_STATE_RELOAD) },
			     .series = { H(NVMX_HOOK_STATE_RELOAD) } },
};

static bool is_timed(enum nvmx_attach a)
{
	return a == NVMX_ATTACH_FENTRY || a == NVMX_ATTACH_KPROBE;
}

static bool is_series(enum nvmx_attach a)
{
	return a == NVMX_ATTACH_SERIES_TP || a == NVMX_ATTACH_SERIES_RAW_TP;
}

/* Append sep (unless first) and fmt with up to three string arguments. */
static void why_add(char *why, size_t wlen, size_t *off, const char *sep,
		    const char *fmt, const char *a, const char *b,
		    const char *c)
{
	int n;

	if (!why || *off >= wlen)
		return;
	n = snprintf(why + *off, wlen - *off, "%s", *off ? sep : "");
	if (n > 0)
		*off += (size_t)n;
	if (*off >= wlen)
		return;
	n = snprintf(why + *off, wlen - *off, fmt, a, b, c);
	if (n > 0)
		*off += (size_t)n;
	if (*off >= wlen)
		*off = wlen - 1;
}

/*
 * The one availability decision: is requirement r met by the hooks'
 * attach state?  If not, why names every missing hook of each
 * alternative with the hook's own reason ("TARGET: why").
 */
static bool req_ok(const struct nvmx_core *c, const struct nvmx_req *r,
		   char *why, size_t wlen)
{
	size_t off = 0;
	unsigned int i;
	int h;

	if (why && wlen)
		why[0] = 0;
	if (!c || !(r->all[0] | r->timed[0] | r->series[0]))
		return true;
	for (i = 0; i < 2; i++) {
		unsigned int need = r->all[i] | r->timed[i] | r->series[i];
		size_t alt = off;
		bool ok = true;

		if (!need)
			continue;
		for (h = 0; h < NVMX_HOOK_NR; h++) {
			const struct nvmx_hook_info *hi = &c->hooks[h];

			if (!(need & H(h)))
				continue;
			if (hi->method != NVMX_ATTACH_NONE && !c->silent[h] &&
			    (!(r->timed[i] & H(h)) || is_timed(hi->method)) &&
			    (!(r->series[i] & H(h)) || is_series(hi->method)))
				continue;
			ok = false;
			if (hi->method == NVMX_ATTACH_NONE || c->silent[h])
				why_add(why, wlen, &off, off == alt ? (alt ? "; or " : "") : "; ",
					"%s", hi->missing, NULL, NULL);
			else
				why_add(why, wlen, &off, off == alt ? (alt ? "; or " : "") : "; ",
					"%s: attached with %s, but this needs %s",
					hi->target, nvmx_attach_name(hi->method),
					(r->timed[i] & H(h)) ?
					"fentry/fexit or kprobe/kretprobe (latency)" :
					"the nvmx-gpc series tracepoint (page kinds)");
		}
		if (ok) {
			if (why && wlen)
				why[0] = 0;
			return true;
		}
	}
	return false;
}

void nvmx_metrics_plan(struct nvmx_core *c)
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++)
		c->mok[m] = req_ok(c, &metric_req[m], c->mwhy[m], sizeof(c->mwhy[m]));
}

bool nvmx_metric_available(const struct nvmx_core *c, enum nvmx_metric m,
			   const char **why)
{
	bool ok;

	if ((unsigned int)m >= NVMX_M_NR) {
		if (why)
			*why = "unknown metric";
		return false;
	}
	ok = !c || c->mok[m];
	if (why)
		*why = ok ? NULL : c->mwhy[m];
	return ok;
}

bool nvmx_ctr_available(const struct nvmx_core *c, enum nvmx_ctr n)
{
	if ((unsigned int)n >= NVMX_C_NR)
		return false;
	return req_ok(c, &ctr_req[n], NULL, 0);
}

bool nvmx_kctr_available(const struct nvmx_core *c, enum nvmx_kctr kc, int kind)
{
	if ((unsigned int)kc >= NVMX_KCTR_NR || kind > NVMX_PAGE_UNKNOWN)
		return false;
	if (!req_ok(c, &kctr_req[kc], NULL, 0))
		return false;
	if (!c || kind < 0 || kind == NVMX_PAGE_UNKNOWN)
		return true;
	/*
	 * A known page kind of a nested map/unmap needs struct vcpu_vmx in
	 * BTF (bpf/core_shims.h); failed gpc uses carry their kind.
	 */
	switch (kc) {
	case NVMX_K_MAPS:
	case NVMX_K_UNMAPS:
		return c->meta.map_kinds;
	case NVMX_K_ERRORS:
		return c->meta.map_kinds ||
		       c->hooks[NVMX_HOOK_GPC_USE].method != NVMX_ATTACH_NONE;
	default:
		return true;
	}
}

/* metric that says whether histogram h is measurable */
static const enum nvmx_metric hist_metric[NVMX_H_NR] = {
	[NVMX_H_KVM_RUN] = NVMX_M_KVM_RUN_P50,
	[NVMX_H_VMCS12_PAGES] = NVMX_M_VMCS12_P50,
	[NVMX_H_MAP] = NVMX_M_MAP_P50,
	[NVMX_H_GPC_REFRESH] = NVMX_M_GPC_REFRESH_P50,
	[NVMX_H_L2_ROUNDTRIP] = NVMX_M_L2_RT_P50,
	[NVMX_H_UNMAP] = NVMX_M_UNMAP_P50,
	[NVMX_H_MAP_KIND(NVMX_PAGE_MSR_BITMAP)] = NVMX_M_MAP_P50,
	[NVMX_H_MAP_KIND(NVMX_PAGE_APIC_ACCESS)] = NVMX_M_MAP_P50,
	[NVMX_H_MAP_KIND(NVMX_PAGE_VIRTUAL_APIC)] = NVMX_M_MAP_P50,
	[NVMX_H_MAP_KIND(NVMX_PAGE_PI_DESC)] = NVMX_M_MAP_P50,
	[NVMX_H_UNMAP_KIND(NVMX_PAGE_MSR_BITMAP)] = NVMX_M_UNMAP_P50,
	[NVMX_H_UNMAP_KIND(NVMX_PAGE_APIC_ACCESS)] = NVMX_M_UNMAP_P50,
	[NVMX_H_UNMAP_KIND(NVMX_PAGE_VIRTUAL_APIC)] = NVMX_M_UNMAP_P50,
	[NVMX_H_UNMAP_KIND(NVMX_PAGE_PI_DESC)] = NVMX_M_UNMAP_P50,
};

/* Is histogram h measured here (per-kind ones need the page kinds)? */
bool nvmx_hist_available(const struct nvmx_core *c, enum nvmx_hist h)
{
	if ((unsigned int)h >= NVMX_H_NR)
		return false;
	if (h >= NVMX_H_MAP_KIND0 && c && !c->meta.map_kinds)
		return false;
	return nvmx_metric_available(c, hist_metric[h], NULL);
}

static uint64_t kind_sum(const struct nvmx_vcpu_snap *v, int kc)
{
	uint64_t s = 0;
	int k;

	for (k = 0; k < NVMX_KIND_SLOTS; k++)
		s += v->kctr[k][kc];
	return s;
}

uint64_t nvmx_metric_count(const struct nvmx_core *c,
			   const struct nvmx_vcpu_snap *v, enum nvmx_metric m,
			   bool *ok)
{
	uint64_t r = 0;

	*ok = nvmx_metric_is_count(m) && nvmx_metric_available(c, m, NULL);
	if (!*ok)
		return 0;
	switch (m) {
	case NVMX_M_L1_EXITS:
		r = v->ctr[NVMX_C_EXITS] >= v->ctr[NVMX_C_L2_EXITS] ?
		    v->ctr[NVMX_C_EXITS] - v->ctr[NVMX_C_L2_EXITS] : 0;
		break;
	case NVMX_M_L2_ENTRIES: r = v->ctr[NVMX_C_L2_ENTRIES]; break;
	case NVMX_M_L2_EXITS: r = v->ctr[NVMX_C_L2_EXITS]; break;
	case NVMX_M_L2_EXITS_TO_L1: r = v->ctr[NVMX_C_L2_EXITS_INJ]; break;
	case NVMX_M_MAPS: r = kind_sum(v, NVMX_K_MAPS); break;
	case NVMX_M_UNMAPS: r = kind_sum(v, NVMX_K_UNMAPS); break;
	case NVMX_M_GPC_HITS:
	case NVMX_M_SAVED:
		r = kind_sum(v, NVMX_K_HITS);
		break;
	case NVMX_M_GPC_REFRESHES: r = v->ctr[NVMX_C_GPC_REFRESH]; break;
	case NVMX_M_GPC_ACTIVATIONS: r = v->ctr[NVMX_C_GPC_ACTIVATE]; break;
	case NVMX_M_GPC_INVALIDATIONS: r = v->ctr[NVMX_C_GPC_INVAL]; break;
	case NVMX_M_RELOADS: r = v->ctr[NVMX_C_RELOADS]; break;
	case NVMX_M_PIO: r = v->ctr[NVMX_C_PIO]; break;
	case NVMX_M_USER_EXITS: r = v->ctr[NVMX_C_USER_EXITS]; break;
	case NVMX_M_KVM_RUNS: r = v->ctr[NVMX_C_KVM_RUNS]; break;
	case NVMX_M_PVCLOCK: r = v->ctr[NVMX_C_PVCLOCK]; break;
	case NVMX_M_HVA_UNMAPS: r = v->ctr[NVMX_C_HVA_UNMAPS]; break;
	case NVMX_M_VMCS12_CALLS: r = v->ctr[NVMX_C_VMCS12_PAGES]; break;
	case NVMX_M_VCPU_MAPS: r = v->ctr[NVMX_C_MAPS_ALL]; break;
	case NVMX_M_VCPU_UNMAPS: r = v->ctr[NVMX_C_UNMAPS_ALL]; break;
	default:
		*ok = false;
		break;
	}
	return r;
}

struct nvmx_metric_val nvmx_saved_pct(uint64_t hits, uint64_t maps)
{
	struct nvmx_metric_val r = { 0, false };

	if (hits + maps == 0)
		return r;
	r.v = 100.0 * (double)hits / (double)(hits + maps);
	r.ok = true;
	return r;
}

struct nvmx_metric_val nvmx_row_percentile(const struct nvmx_vcpu_snap *v,
					   enum nvmx_hist h,
					   unsigned int hist_k, double q)
{
	struct nvmx_metric_val r = { 0, false };
	int ok = 0;

	if ((unsigned int)h >= NVMX_H_NR || !v->hist[h] || hist_k > NVMX_HIST_K_MAX)
		return r;
	r.v = nvmx_hist_percentile(v->hist[h], nvmx_hist_slots(hist_k), hist_k,
				   q, &ok);
	r.ok = ok;
	return r;
}

struct nvmx_metric_val nvmx_metric(const struct nvmx_core *c,
				   const struct nvmx_vcpu_snap *v,
				   unsigned int hist_k, double secs,
				   enum nvmx_metric m)
{
	struct nvmx_metric_val r = { 0, false };
	bool ok;

	if (!nvmx_metric_available(c, m, NULL))
		return r;
	if (nvmx_metric_is_count(m)) {
		uint64_t n = nvmx_metric_count(c, v, m, &ok);

		r.ok = ok;
		r.v = secs > 0 ? (double)n / secs : (double)n;
		return r;
	}
	switch (m) {
	case NVMX_M_SAVED_PCT:
		/*
		 * A nested gpc use that refreshed or (re)activated its cache
		 * mapped the page again: it saved nothing, like a map.
		 */
		return nvmx_saved_pct(kind_sum(v, NVMX_K_HITS),
				      kind_sum(v, NVMX_K_MAPS) +
				      kind_sum(v, NVMX_K_REFRESH) +
				      kind_sum(v, NVMX_K_ACTIVATE));
	case NVMX_M_VMCS12_P50:
		return nvmx_row_percentile(v, NVMX_H_VMCS12_PAGES, hist_k, 50);
	case NVMX_M_VMCS12_P99:
		return nvmx_row_percentile(v, NVMX_H_VMCS12_PAGES, hist_k, 99);
	case NVMX_M_KVM_RUN_P50:
		return nvmx_row_percentile(v, NVMX_H_KVM_RUN, hist_k, 50);
	case NVMX_M_KVM_RUN_P99:
		return nvmx_row_percentile(v, NVMX_H_KVM_RUN, hist_k, 99);
	case NVMX_M_MAP_P50:
		return nvmx_row_percentile(v, NVMX_H_MAP, hist_k, 50);
	case NVMX_M_MAP_P99:
		return nvmx_row_percentile(v, NVMX_H_MAP, hist_k, 99);
	case NVMX_M_GPC_REFRESH_P50:
		return nvmx_row_percentile(v, NVMX_H_GPC_REFRESH, hist_k, 50);
	case NVMX_M_GPC_REFRESH_P99:
		return nvmx_row_percentile(v, NVMX_H_GPC_REFRESH, hist_k, 99);
	case NVMX_M_L2_RT_P50:
		return nvmx_row_percentile(v, NVMX_H_L2_ROUNDTRIP, hist_k, 50);
	case NVMX_M_L2_RT_P99:
		return nvmx_row_percentile(v, NVMX_H_L2_ROUNDTRIP, hist_k, 99);
	case NVMX_M_UNMAP_P50:
		return nvmx_row_percentile(v, NVMX_H_UNMAP, hist_k, 50);
	case NVMX_M_UNMAP_P99:
		return nvmx_row_percentile(v, NVMX_H_UNMAP, hist_k, 99);
	default:
		return r;
	}
}
