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

static bool att(const struct nvmx_core *c, enum nvmx_hook h)
{
	return !c || c->hooks[h].method != NVMX_ATTACH_NONE;
}

static bool timed(const struct nvmx_core *c, enum nvmx_hook h)
{
	return !c || c->hooks[h].method == NVMX_ATTACH_FENTRY ||
	       c->hooks[h].method == NVMX_ATTACH_KPROBE;
}

bool nvmx_metric_available(const struct nvmx_core *c, enum nvmx_metric m,
			   const char **why)
{
	const char *w = NULL;

#define NEED(h, msg) do { if (!att(c, h)) { w = msg; goto out; } } while (0)
#define NEEDT(h, msg) do { if (!timed(c, h)) { w = msg; goto out; } } while (0)
	switch (m) {
	case NVMX_M_L1_EXITS:
		if (c && !strcmp(c->meta.vendor, "kvm_pvm")) {
			w = "kvm_exit is not emitted by the kvm_pvm vendor module "
			    "(see pio, userspace_exits)";
			goto out;
		}
		NEED(NVMX_HOOK_EXIT, "kvm_exit tracepoint unavailable");
		NEED(NVMX_HOOK_L2_EXIT, "kvm_nested_vmexit tracepoint unavailable");
		break;
	case NVMX_M_L2_ENTRIES:
		NEED(NVMX_HOOK_L2_ENTRY, "kvm_nested_vmenter unavailable");
		break;
	case NVMX_M_L2_EXITS:
		NEED(NVMX_HOOK_L2_EXIT, "kvm_nested_vmexit unavailable");
		break;
	case NVMX_M_L2_EXITS_TO_L1:
		NEED(NVMX_HOOK_L2_EXIT_INJ, "kvm_nested_vmexit_inject unavailable");
		break;
	case NVMX_M_MAPS:
	case NVMX_M_MAP_P50:
	case NVMX_M_MAP_P99:
		NEED(NVMX_HOOK_VCPU_MAP, "needs fentry or kprobe on kvm_vcpu_map");
		NEED(NVMX_HOOK_VMCS12_PAGES, "needs fentry or kprobe on nested_get_vmcs12_pages");
		break;
	case NVMX_M_UNMAPS:
	case NVMX_M_UNMAP_P50:
	case NVMX_M_UNMAP_P99:
		NEED(NVMX_HOOK_VCPU_UNMAP, "needs fentry or kprobe on kvm_vcpu_unmap");
		NEED(NVMX_HOOK_NESTED_CTX, "needs fentry or kprobe on nested_vmx_vmexit");
		break;
	case NVMX_M_GPC_HITS:
	case NVMX_M_SAVED:
		NEED(NVMX_HOOK_GPC_USE, "needs the nvmx-gpc series tracepoint kvm_nested_gpc_use");
		break;
	case NVMX_M_SAVED_PCT:
		if (!att(c, NVMX_HOOK_GPC_USE) &&
		    !(att(c, NVMX_HOOK_VCPU_MAP) && att(c, NVMX_HOOK_VMCS12_PAGES)))
			w = "needs kvm_nested_gpc_use (series) or fentry/kprobe on kvm_vcpu_map";
		break;
	case NVMX_M_GPC_REFRESHES:
	case NVMX_M_GPC_ACTIVATIONS:
		NEED(NVMX_HOOK_GPC_REFRESH, "needs kvm_pfncache_refresh (series) or fentry/kprobe on kvm_gpc_refresh");
		break;
	case NVMX_M_GPC_REFRESH_P50:
	case NVMX_M_GPC_REFRESH_P99:
		if (!timed(c, NVMX_HOOK_GPC_REFRESH) && !att(c, NVMX_HOOK_GPC_LAT))
			w = "needs fentry or kprobe on kvm_gpc_refresh/activate";
		break;
	case NVMX_M_GPC_INVALIDATIONS:
		NEED(NVMX_HOOK_GPC_INVAL, "needs the series tracepoint kvm_pfncache_invalidate");
		break;
	case NVMX_M_RELOADS:
		NEED(NVMX_HOOK_STATE_RELOAD, "needs kvm_nested_state_reload (series) or fentry/kprobe on vmx_get_nested_state_pages");
		break;
	case NVMX_M_VMCS12_P50:
	case NVMX_M_VMCS12_P99:
	case NVMX_M_VMCS12_CALLS:
		NEEDT(NVMX_HOOK_VMCS12_PAGES, "needs fentry or kprobe on nested_get_vmcs12_pages");
		break;
	case NVMX_M_PIO:
		NEED(NVMX_HOOK_PIO, "kvm_pio unavailable");
		break;
	case NVMX_M_USER_EXITS:
		NEED(NVMX_HOOK_USER_EXIT, "kvm_userspace_exit unavailable");
		break;
	case NVMX_M_KVM_RUNS:
		NEED(NVMX_HOOK_KVM_RUN, "kvm_fpu unavailable");
		break;
	case NVMX_M_KVM_RUN_P50:
	case NVMX_M_KVM_RUN_P99:
		NEED(NVMX_HOOK_KVM_RUN, "kvm_fpu unavailable");
		NEED(NVMX_HOOK_USER_EXIT, "kvm_userspace_exit unavailable");
		break;
	case NVMX_M_PVCLOCK:
		NEED(NVMX_HOOK_PVCLOCK, "kvm_pvclock_update unavailable");
		break;
	case NVMX_M_HVA_UNMAPS:
		NEED(NVMX_HOOK_HVA_UNMAP, "kvm_unmap_hva_range unavailable");
		break;
	case NVMX_M_L2_RT_P50:
	case NVMX_M_L2_RT_P99:
		NEED(NVMX_HOOK_L2_ENTRY, "kvm_nested_vmenter unavailable");
		NEED(NVMX_HOOK_L2_EXIT_INJ, "kvm_nested_vmexit_inject unavailable");
		break;
	default:
		w = "unknown metric";
		break;
	}
#undef NEED
#undef NEEDT
out:
	if (why)
		*why = w;
	return !w;
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
