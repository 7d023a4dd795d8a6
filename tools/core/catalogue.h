/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * The catalogue: every number the tools write, with its name in
 * each output, unit, better direction, help text, source, needed hooks
 * and page-kind split (docs/metrics.md).  Front ends read it through
 * nvmx_metric_def() and compute values with nvmx_metric() and friends;
 * none keeps a table of its own.
 *
 * No include guard: include it with NVMX_METRIC() defined for the
 * metrics, NVMX_PROM_LABEL() for the exporter's labelled families,
 * NVMX_HIST() and NVMX_HIST_KIND() for the histograms.
 *
 * Metrics.  The order is that of enum nvmx_metric, i.e. of top's JSON and
 * CSV: new metrics go at the end.  Columns of NVMX_METRIC(ID, ...):
 *
 *	ID	enum nvmx_metric NVMX_M_ID
 *	name	catalogue key; top's JSON/CSV key when TOP
 *	unit	RATE (count, "/s" in the views), NS, PCT or GAUGE (a state:
 *		a count of things live, from the totals since attach)
 *	column	nvmx-gpc-top's column title, NULL: not a column
 *	top	TOP: written by nvmx-gpc-top (views, JSON, CSV); NOTOP: not
 *	res	nvmx-gpc record's counter name, NULL: not recorded
 *	prom	the exporter's name, nvmx_gpc_<prom>_total (a GAUGE:
 *		nvmx_gpc_<prom>), NULL: not exported; with NVMX_PROM_LABEL
 *		(below) the family of which the metric is one series
 *	better	NONE, LOWER or HIGHER: which change is an improvement
 *	src	CTR(C): ctr[NVMX_C_C]; DIFF(A, B): ctr A - ctr B, never
 *		negative; KSUM(K): kctr[][NVMX_K_K] over all page kinds;
 *		PCTL(H, Q): percentile Q of histogram NVMX_H_H;
 *		SAVED_RATIO(): saved % (nvmx_saved_pct())
 *	req	needed hooks (HK(NAME) = NVMX_HOOK_NAME): R1(a) all of a;
 *		R2(a, b) all of a or all of b; RT(a) a, attached with
 *		fentry or kprobe (latency); RS(a) a, attached to the series
 *		tracepoint (page kinds); RTOR(a, b) a timed, or a and b
 *	split	NOSPLIT, or SPLIT(K, res, prom, help, from): also per page
 *		kind, from kctr[kind][NVMX_K_K]: recorded as "<res>.<kind>",
 *		exported as nvmx_gpc_<prom>_total{kind="<kind>"} with HELP
 *		help; from says where known kinds come from: EVENT (the
 *		event carries it), BTF (struct vcpu_vmx in BTF,
 *		nvmx_meta.map_kinds), BTF_OR_GPC_USE
 *	help	one line: the views, --probes, the exporter's HELP
 *	desc	the counter's description in results files
 */
#ifdef NVMX_METRIC

NVMX_METRIC(L1_EXITS, "l1_exits", RATE, "L1EXIT/s", TOP,
	NULL, "l1_exits", NONE,
	DIFF(EXITS, L2_EXITS), R1(HK(EXIT) | HK(L2_EXIT)), NOSPLIT,
	"VM-exits of L1 itself: kvm_exit minus kvm_nested_vmexit",
	NULL)
NVMX_METRIC(L2_ENTRIES, "l2_entries", RATE, "L2ENT/s", TOP,
	"l2_entries", "l2_entries", NONE,
	CTR(L2_ENTRIES), R1(HK(L2_ENTRY)), NOSPLIT,
	"L2 VM-entries (kvm_nested_vmenter)",
	"L2 VM-entries")
NVMX_METRIC(L2_EXITS, "l2_exits", RATE, "L2EXIT/s", TOP,
	"l2_exits", "l2_exits", NONE,
	CTR(L2_EXITS), R1(HK(L2_EXIT)), NOSPLIT,
	"VM-exits while L2 runs (kvm_nested_vmexit)",
	"VM-exits while in L2")
NVMX_METRIC(L2_EXITS_TO_L1, "l2_exits_to_l1", RATE, "L2>L1/s", TOP,
	"l2_exits_to_l1", "l2_exits_to_l1", NONE,
	CTR(L2_EXITS_INJ), R1(HK(L2_EXIT_INJ)), NOSPLIT,
	"L2 exits reflected to L1 (kvm_nested_vmexit_inject)",
	"L2 exits reflected to L1")
NVMX_METRIC(MAPS, "maps", RATE, "MAP/s", TOP,
	"maps", "nested_maps", LOWER,
	KSUM(MAPS), R1(HK(VCPU_MAP) | HK(VMCS12_PAGES)),
	SPLIT(MAPS, "maps", "page_maps",
	      "Nested kvm_vcpu_map calls, by page kind.", BTF),
	"kvm_vcpu_map calls serving nVMX (inside nested page paths)",
	"nested kvm_vcpu_map calls")
NVMX_METRIC(UNMAPS, "unmaps", RATE, "UNMAP/s", TOP,
	"unmaps", "nested_unmaps", LOWER,
	KSUM(UNMAPS), R1(HK(VCPU_UNMAP) | HK(NESTED_CTX)),
	SPLIT(UNMAPS, "unmaps", "page_unmaps",
	      "Nested kvm_vcpu_unmap calls, by page kind.", BTF),
	"kvm_vcpu_unmap calls serving nVMX",
	"nested kvm_vcpu_unmap calls")
NVMX_METRIC(GPC_HITS, "gpc_hits", RATE, "HIT/s", TOP,
	"gpc_hits", "gpc_hits", HIGHER,
	KSUM(HITS), R1(HK(GPC_USE)),
	SPLIT(HITS, "gpc_hits", "page_gpc_hits",
	      "Nested pfncache uses served by a valid cache (map/unmap pairs saved), by page kind.",
	      EVENT),
	"nested pfncache uses served by a valid cache",
	"nested page uses served by a valid cache")
NVMX_METRIC(GPC_REFRESHES, "gpc_refreshes", RATE, "REFR/s", TOP,
	"gpc_refreshes", "gpc_refreshes", NONE,
	CTR(GPC_REFRESH), R1(HK(GPC_REFRESH)), NOSPLIT,
	"pfncache refreshes (kvm_gpc_refresh), all caches",
	"pfncache refreshes (all caches)")
NVMX_METRIC(GPC_ACTIVATIONS, "gpc_activations", RATE, "ACT/s", TOP,
	"gpc_activations", "gpc_activations", NONE,
	CTR(GPC_ACTIVATE), R1(HK(GPC_REFRESH)), NOSPLIT,
	"pfncache activations (kvm_gpc_activate), all caches",
	"pfncache activations (all caches)")
NVMX_METRIC(GPC_INVALIDATIONS, "gpc_invalidations", RATE, "INVAL/s", TOP,
	"gpc_invalidations", "gpc_invalidations", NONE,
	CTR(GPC_INVAL), R1(HK(GPC_INVAL)), NOSPLIT,
	"pfncaches marked invalid by the MMU notifier",
	"pfncaches invalidated by the MMU notifier")
NVMX_METRIC(RELOADS, "reloads", RATE, "RELOAD/s", TOP,
	"reloads", "nested_state_reloads", NONE,
	CTR(RELOADS), R1(HK(STATE_RELOAD)), NOSPLIT,
	"KVM_REQ_GET_NESTED_STATE_PAGES reloads",
	"nested state page reloads")
/* the same number as gpc_hits, under the name of what it means */
NVMX_METRIC(SAVED, "saved", RATE, "SAVED/s", TOP,
	NULL, NULL, HIGHER,
	KSUM(HITS), R1(HK(GPC_USE)), NOSPLIT,
	"map/unmap pairs saved = nested page uses served by a valid cache",
	NULL)
/* hits from the series, or (unpatched kernel) nested maps only */
NVMX_METRIC(SAVED_PCT, "saved_pct", PCT, "SAVED%", TOP,
	"saved_pct", NULL, HIGHER,
	SAVED_RATIO(), R2(HK(GPC_USE), HK(VCPU_MAP) | HK(VMCS12_PAGES)), NOSPLIT,
	"saved / (saved + maps + nested gpc refreshes/activations) * 100",
	"nested page uses that needed no (re)map: hits / (hits + maps + nested gpc "
	"refreshes + activations) * 100 (docs/metrics.md); null when undefined")
NVMX_METRIC(VMCS12_P50, "vmcs12_pages_p50_ns", NS, "V12p50", TOP,
	NULL, NULL, LOWER,
	PCTL(VMCS12_PAGES, 50), RT(HK(VMCS12_PAGES)), NOSPLIT,
	"median nested_get_vmcs12_pages duration",
	NULL)
NVMX_METRIC(VMCS12_P99, "vmcs12_pages_p99_ns", NS, "V12p99", TOP,
	NULL, NULL, LOWER,
	PCTL(VMCS12_PAGES, 99), RT(HK(VMCS12_PAGES)), NOSPLIT,
	"99th percentile nested_get_vmcs12_pages duration",
	NULL)
NVMX_METRIC(PIO, "pio", RATE, "PIO/s", TOP,
	"pio_exits", "pio_exits", NONE,
	CTR(PIO), R1(HK(PIO)), NOSPLIT,
	"port I/O exits (kvm_pio)",
	"kvm_pio events")
NVMX_METRIC(USER_EXITS, "userspace_exits", RATE, "UEXIT/s", TOP,
	"userspace_exits", "userspace_exits", NONE,
	CTR(USER_EXITS), R1(HK(USER_EXIT)), NOSPLIT,
	"KVM_RUN returns to user space (kvm_userspace_exit)",
	"KVM_RUN returns to user space")
NVMX_METRIC(KVM_RUNS, "kvm_runs", RATE, "RUN/s", TOP,
	"kvm_runs", "kvm_runs", NONE,
	CTR(KVM_RUNS), R1(HK(KVM_RUN)), NOSPLIT,
	"KVM_RUN entries (kvm_fpu load=1)",
	"KVM_RUN entries")
NVMX_METRIC(KVM_RUN_P50, "kvm_run_p50_ns", NS, "RUNp50", TOP,
	NULL, NULL, LOWER,
	PCTL(KVM_RUN, 50), R1(HK(KVM_RUN) | HK(USER_EXIT)), NOSPLIT,
	"median KVM_RUN duration: kvm_fpu load -> kvm_userspace_exit",
	NULL)
NVMX_METRIC(KVM_RUN_P99, "kvm_run_p99_ns", NS, "RUNp99", TOP,
	NULL, NULL, LOWER,
	PCTL(KVM_RUN, 99), R1(HK(KVM_RUN) | HK(USER_EXIT)), NOSPLIT,
	"99th percentile KVM_RUN duration",
	NULL)
NVMX_METRIC(PVCLOCK, "pvclock_updates", RATE, "PVCLK/s", TOP,
	"pvclock_updates", "pvclock_updates", NONE,
	CTR(PVCLOCK), R1(HK(PVCLOCK)), NOSPLIT,
	"kvmclock (pvclock) areas written (kvm_pvclock_update)",
	"kvm_pvclock_update events")
NVMX_METRIC(HVA_UNMAPS, "hva_invalidations", RATE, "HVAINV/s", TOP,
	"hva_unmaps", "hva_invalidations", NONE,
	CTR(HVA_UNMAPS), R1(HK(HVA_UNMAP)), NOSPLIT,
	"MMU-notifier invalidations of the VM's address space (kvm_unmap_hva_range)",
	"MMU-notifier hva range unmaps")
NVMX_METRIC(MAP_P50, "map_p50_ns", NS, "MAPp50", TOP,
	NULL, NULL, LOWER,
	PCTL(MAP, 50), R1(HK(VCPU_MAP) | HK(VMCS12_PAGES)), NOSPLIT,
	"median nested kvm_vcpu_map duration",
	NULL)
NVMX_METRIC(MAP_P99, "map_p99_ns", NS, "MAPp99", TOP,
	NULL, NULL, LOWER,
	PCTL(MAP, 99), R1(HK(VCPU_MAP) | HK(VMCS12_PAGES)), NOSPLIT,
	"99th percentile nested kvm_vcpu_map duration",
	NULL)
NVMX_METRIC(GPC_REFRESH_P50, "gpc_refresh_p50_ns", NS, "REFp50", TOP,
	NULL, NULL, LOWER,
	PCTL(GPC_REFRESH, 50), RTOR(HK(GPC_REFRESH), HK(GPC_LAT)), NOSPLIT,
	"median kvm_gpc_refresh/activate duration",
	NULL)
NVMX_METRIC(GPC_REFRESH_P99, "gpc_refresh_p99_ns", NS, "REFp99", TOP,
	NULL, NULL, LOWER,
	PCTL(GPC_REFRESH, 99), RTOR(HK(GPC_REFRESH), HK(GPC_LAT)), NOSPLIT,
	"99th percentile kvm_gpc_refresh/activate duration",
	NULL)
NVMX_METRIC(L2_RT_P50, "l2_roundtrip_p50_ns", NS, "RTp50", TOP,
	NULL, NULL, LOWER,
	PCTL(L2_ROUNDTRIP, 50), R1(HK(L2_ENTRY) | HK(L2_EXIT_INJ)), NOSPLIT,
	"median L2->L1 exit to next L2 entry",
	NULL)
NVMX_METRIC(L2_RT_P99, "l2_roundtrip_p99_ns", NS, "RTp99", TOP,
	NULL, NULL, LOWER,
	PCTL(L2_ROUNDTRIP, 99), R1(HK(L2_ENTRY) | HK(L2_EXIT_INJ)), NOSPLIT,
	"99th percentile L2->L1 exit to next L2 entry",
	NULL)
NVMX_METRIC(VMCS12_CALLS, "vmcs12_pages_calls", RATE, "V12/s", TOP,
	"vmcs12_pages_calls", "vmcs12_pages_calls", NONE,
	CTR(VMCS12_PAGES), RT(HK(VMCS12_PAGES)), NOSPLIT,
	"nested_get_vmcs12_pages calls",
	"nested_get_vmcs12_pages() calls")
NVMX_METRIC(UNMAP_P50, "unmap_p50_ns", NS, "UNMAPp50", TOP,
	NULL, NULL, LOWER,
	PCTL(UNMAP, 50), R1(HK(VCPU_UNMAP) | HK(NESTED_CTX)), NOSPLIT,
	"median nested kvm_vcpu_unmap duration (mapped pages)",
	NULL)
NVMX_METRIC(UNMAP_P99, "unmap_p99_ns", NS, "UNMAPp99", TOP,
	NULL, NULL, LOWER,
	PCTL(UNMAP, 99), R1(HK(VCPU_UNMAP) | HK(NESTED_CTX)), NOSPLIT,
	"99th percentile nested kvm_vcpu_unmap duration",
	NULL)
/* every successful kvm_vcpu_map (nVMX, nSVM vmcb12, ...); the exporter's
 * nvmx_gpc_vcpu_ prefix names the per-thread families */
NVMX_METRIC(VCPU_MAPS, "vcpu_maps", RATE, "VMAP/s", TOP,
	"vcpu_maps", "kvm_vcpu_maps", NONE,
	CTR(MAPS_ALL), R1(HK(VCPU_MAP)), NOSPLIT,
	"all successful kvm_vcpu_map calls (nested or not: nVMX pages, nSVM vmcb12, ...)",
	"all successful kvm_vcpu_map calls, nested or not (e.g. nSVM's vmcb12)")
/* every kvm_vcpu_unmap of a mapped page */
NVMX_METRIC(VCPU_UNMAPS, "vcpu_unmaps", RATE, "VUNMAP/s", TOP,
	"vcpu_unmaps", "kvm_vcpu_unmaps", NONE,
	CTR(UNMAPS_ALL), R1(HK(VCPU_UNMAP)), NOSPLIT,
	"all kvm_vcpu_unmap calls of a mapped page (nested or not)",
	"all kvm_vcpu_unmap calls of a mapped page, nested or not")
/* record's raw counters, not shown by top */
NVMX_METRIC(EXITS, "exits", RATE, NULL, NOTOP,
	"exits", NULL, NONE,
	CTR(EXITS), R1(HK(EXIT)), NOSPLIT,
	"all VM-exits handled by KVM, L1's and L2's (kvm_exit)",
	"kvm_exit events (all exits)")
NVMX_METRIC(ENTRIES, "entries", RATE, NULL, NOTOP,
	"entries", NULL, NONE,
	CTR(ENTRIES), R1(HK(ENTRY)), NOSPLIT,
	"VM-entries (kvm_entry)",
	"kvm_entry events")
NVMX_METRIC(GPC_ERRORS, "gpc_errors", RATE, NULL, NOTOP,
	"gpc_errors", NULL, LOWER,
	CTR(GPC_ERR), R1(HK(GPC_REFRESH)), NOSPLIT,
	"failed pfncache activations and refreshes, all caches",
	"failed pfncache activations/refreshes")
NVMX_METRIC(NESTED_GPC_REFRESHES, "nested_gpc_refreshes", RATE, NULL, NOTOP,
	"nested_gpc_refreshes", NULL, NONE,
	KSUM(REFRESH), R1(HK(GPC_USE)),
	SPLIT(REFRESH, "nested_gpc_refreshes", "page_gpc_refreshes",
	      "Nested pfncache uses that refreshed an invalid cache, by page kind.",
	      EVENT),
	"nested pfncache uses that refreshed an invalid cache",
	"nested page uses that refreshed the cache")
NVMX_METRIC(NESTED_GPC_ACTIVATIONS, "nested_gpc_activations", RATE, NULL, NOTOP,
	"nested_gpc_activations", NULL, NONE,
	KSUM(ACTIVATE), R1(HK(GPC_USE)),
	SPLIT(ACTIVATE, "nested_gpc_activations", "page_gpc_activations",
	      "Nested pfncache uses that (re)activated the cache, by page kind.",
	      EVENT),
	"nested pfncache uses that (re)activated the cache",
	"nested page uses that (re)activated the cache")
/* failed gpc uses (series) or failed nested maps: only per page kind */
NVMX_METRIC(NESTED_GPC_ERRORS, "nested_gpc_errors", RATE, NULL, NOTOP,
	NULL, NULL, LOWER,
	KSUM(ERRORS), R2(HK(GPC_USE), HK(VCPU_MAP) | HK(VMCS12_PAGES)),
	SPLIT(ERRORS, "nested_gpc_errors", "page_errors",
	      "Nested pfncache uses whose activation failed and failed nested kvm_vcpu_map calls, by page kind.",
	      BTF_OR_GPC_USE),
	"failed nested pfncache uses and failed nested kvm_vcpu_map calls",
	NULL)
/* only the series tracepoint says which pages were reloaded */
NVMX_METRIC(NESTED_RELOADS, "nested_reloads", RATE, NULL, NOTOP,
	NULL, NULL, NONE,
	KSUM(RELOADS), RS(HK(STATE_RELOAD)),
	SPLIT(RELOADS, "nested_reloads", "page_reloads",
	      "Nested pages found invalid before VM-entry (state reloads), by page kind.",
	      EVENT),
	"nested pages found invalid before VM-entry (kvm_nested_state_reload)",
	NULL)
/* nested contexts (kvm_nested_context, tracepoint ABI 2) */
NVMX_METRIC(CTX_REUSE, "ctx_reuse", RATE, "REUSE/s", TOP,
	"ctx_reuse", "ctx_reuse", HIGHER,
	CTR(CTX_REUSE), R1(HK(NESTED_CONTEXT)), NOSPLIT,
	"VMPTRLDs that made a parked nested context current (kvm_nested_context reuse, vCPU stat nested_context_reuse)",
	"VMPTRLDs that made a parked nested context current (kvm_nested_context reuse)")
NVMX_METRIC(CTX_FILL, "ctx_fill", RATE, "FILL/s", TOP,
	"ctx_fill", "ctx_fill", NONE,
	CTR(CTX_FILL), R1(HK(NESTED_CONTEXT)), NOSPLIT,
	"vmcs12s that took an unused nested context (kvm_nested_context fill)",
	"vmcs12s that took an unused nested context (kvm_nested_context fill)")
NVMX_METRIC(CTX_RECYCLE, "ctx_recycle", RATE, "RECYC/s", TOP,
	"ctx_recycle", "ctx_recycle", LOWER,
	CTR(CTX_RECYCLE), R1(HK(NESTED_CONTEXT)), NOSPLIT,
	"least recently used nested contexts recycled for another vmcs12 (kvm_nested_context recycle, vCPU stat nested_context_recycle)",
	"nested contexts recycled, least recently used, for another vmcs12")
NVMX_METRIC(CTX_EVICT, "ctx_evict", RATE, "EVICT/s", TOP,
	"ctx_evict", "ctx_evict", NONE,
	CTR(CTX_EVICT), R1(HK(NESTED_CONTEXT)), NOSPLIT,
	"nested contexts dropped when nested state is freed (kvm_nested_context evict)",
	"nested contexts dropped by free_nested (VMXOFF, vCPU destruction, ...)")
/* a gauge: fills - evicts over the totals since attach (or reset) */
NVMX_METRIC(CTX_LIVE, "ctx_live", GAUGE, "CTXLIVE", TOP,
	"ctx_live", "ctx_live", NONE,
	DIFF(CTX_FILL, CTX_EVICT), R1(HK(NESTED_CONTEXT)), NOSPLIT,
	"nested contexts holding a vmcs12: fills - evicts since attach, never negative",
	"nested contexts filled during the run and still holding a vmcs12 at its end: fills - evicts, never negative (0 when the VM was destroyed in the run)")
/*
 * why active pfncaches are refreshed (kvm_pfncache_stale) and whom
 * invalidations kick (kvm_pfncache_kick): tracepoint ABI 3, patch 14;
 * the four causes are one exporter family (NVMX_PROM_LABEL below)
 */
NVMX_METRIC(GPC_STALE_INVALID, "gpc_stale_invalid", RATE, NULL, TOP,
	"gpc_stale_invalid", "gpc_stale", NONE,
	CTR(GPC_STALE_INVALID), R1(HK(GPC_STALE)), NOSPLIT,
	"active pfncaches refreshed because they were invalid: invalidated by the MMU notifier, or a refresh failed (kvm_pfncache_stale invalid)",
	"active pfncaches refreshed because they were invalid (invalidated by the MMU notifier, or a refresh failed)")
NVMX_METRIC(GPC_STALE_MEMSLOT, "gpc_stale_memslot", RATE, "MSLOT/s", TOP,
	"gpc_stale_memslot", "gpc_stale", NONE,
	CTR(GPC_STALE_MEMSLOT), R1(HK(GPC_STALE)), NOSPLIT,
	"valid pfncaches refreshed because the memslots changed (kvm_pfncache_stale memslot)",
	"valid pfncaches refreshed because the memslots changed")
NVMX_METRIC(GPC_STALE_RETARGET, "gpc_stale_retarget", RATE, NULL, TOP,
	"gpc_stale_retarget", "gpc_stale", NONE,
	CTR(GPC_STALE_RETARGET), R1(HK(GPC_STALE)), NOSPLIT,
	"valid pfncaches moved to another gpa, e.g. by a recycled nested context (kvm_pfncache_stale retarget)",
	"valid pfncaches moved to another gpa (e.g. a recycled nested context's)")
NVMX_METRIC(GPC_STALE_VALID, "gpc_stale_valid", RATE, NULL, TOP,
	"gpc_stale_valid", "gpc_stale", NONE,
	CTR(GPC_STALE_VALID), R1(HK(GPC_STALE)), NOSPLIT,
	"pfncaches refreshed or activated again although valid and current (kvm_pfncache_stale valid)",
	"pfncaches refreshed or activated again although valid and current")
NVMX_METRIC(GPC_KICKS, "gpc_kicks", RATE, "KICK/s", TOP,
	"gpc_kicks", "gpc_kicks", NONE,
	CTR(GPC_KICKS), R1(HK(GPC_KICK)), NOSPLIT,
	"kicked vCPUs: those sent KVM_REQ_OUTSIDE_GUEST_MODE by MMU-notifier invalidations of their pfncaches (kvm_pfncache_kick nr_vcpus, summed)",
	"vCPUs kicked out of guest mode by pfncache invalidations")
NVMX_METRIC(GPC_KICK_EVENTS, "gpc_kick_events", RATE, NULL, TOP,
	"gpc_kick_events", "gpc_kick_events", NONE,
	CTR(GPC_KICK_EVENTS), R1(HK(GPC_KICK)), NOSPLIT,
	"MMU-notifier invalidations that kicked vCPUs out of guest mode (kvm_pfncache_kick events)",
	"pfncache invalidations that kicked vCPUs out of guest mode")
#endif /* NVMX_METRIC */

/*
 * Counting metrics that the exporter writes as one series of a labelled
 * family rather than as a family each: NVMX_PROM_LABEL(ID, label, value,
 * help) makes metric NVMX_M_ID the label="value" series of
 * nvmx_gpc_<its prom>_total, whose HELP is help (the same for every
 * member).  The members of a family are consecutive metrics, named
 * "<prom>_<value>".
 */
#ifdef NVMX_PROM_LABEL
#define NVMX_STALE_HELP \
	"Refreshes and activations again of active pfncaches, by why the cache was stale " \
	"(kvm_pfncache_stale): invalid = invalidated by the MMU notifier or a refresh " \
	"failed, memslot = the memslots changed, retarget = moved to another gpa, " \
	"valid = valid and current."
NVMX_PROM_LABEL(GPC_STALE_INVALID, "cause", "invalid", NVMX_STALE_HELP)
NVMX_PROM_LABEL(GPC_STALE_MEMSLOT, "cause", "memslot", NVMX_STALE_HELP)
NVMX_PROM_LABEL(GPC_STALE_RETARGET, "cause", "retarget", NVMX_STALE_HELP)
NVMX_PROM_LABEL(GPC_STALE_VALID, "cause", "valid", NVMX_STALE_HELP)
#undef NVMX_STALE_HELP
#endif /* NVMX_PROM_LABEL */

/*
 * Histograms (enum nvmx_hist, bpf/nvmx_maps.h), in latency_ns order.
 * NVMX_HIST(H, name, avail, res, desc, prom, help, kind_prom, kind_help):
 * NVMX_H_H, its JSON key, the metric that says it is measured, its
 * results name and description, its exporter family nvmx_gpc_<prom> and
 * HELP, and when page kinds split it the exporter family of the split
 * and its HELP.  NVMX_HIST_KIND(B, K, name, avail): page kind K of
 * histogram B, recorded as "<B's res>.<kind>", exported as the
 * kind="<kind>" series of B's kind_prom family (nvmx_hist_split()).
 */
#ifdef NVMX_HIST
NVMX_HIST(KVM_RUN, "kvm_run", KVM_RUN_P50, "kvm_run_ns",
	"KVM_RUN entry to return to user space (kvm_fpu load -> kvm_userspace_exit)",
	"kvm_run_duration_seconds",
	"KVM_RUN duration: kvm_fpu load to kvm_userspace_exit.", NULL, NULL)
NVMX_HIST(VMCS12_PAGES, "vmcs12_pages", VMCS12_P50, "vmcs12_pages_ns",
	"nested_get_vmcs12_pages() duration",
	"vmcs12_pages_duration_seconds",
	"nested_get_vmcs12_pages duration.", NULL, NULL)
NVMX_HIST(MAP, "map", MAP_P50, "nested_map_ns",
	"nested kvm_vcpu_map() duration",
	"nested_map_duration_seconds",
	"Nested kvm_vcpu_map duration.",
	"page_map_duration_seconds",
	"Nested map duration by page kind (probe core histograms map_<kind>).")
NVMX_HIST(GPC_REFRESH, "gpc_refresh", GPC_REFRESH_P50, "gpc_refresh_ns",
	"kvm_gpc_refresh()/activate duration",
	"gpc_refresh_duration_seconds",
	"kvm_gpc_refresh/kvm_gpc_activate duration.", NULL, NULL)
NVMX_HIST(L2_ROUNDTRIP, "l2_roundtrip", L2_RT_P50, "l2_roundtrip_ns",
	"L2 exit to L1 -> next L2 entry",
	"l2_roundtrip_seconds",
	"L2 exit reflected to L1 to the next L2 entry.", NULL, NULL)
NVMX_HIST(UNMAP, "unmap", UNMAP_P50, "nested_unmap_ns",
	"nested kvm_vcpu_unmap() duration (mapped pages)",
	"nested_unmap_duration_seconds",
	"Nested kvm_vcpu_unmap duration (mapped pages).",
	"page_unmap_duration_seconds",
	"Nested unmap duration by page kind (probe core histograms unmap_<kind>).")
NVMX_HIST_KIND(MAP, MSR_BITMAP, "map_msr_bitmap", MAP_P50)
NVMX_HIST_KIND(MAP, APIC_ACCESS, "map_apic_access", MAP_P50)
NVMX_HIST_KIND(MAP, VIRTUAL_APIC, "map_virtual_apic", MAP_P50)
NVMX_HIST_KIND(MAP, PI_DESC, "map_pi_desc", MAP_P50)
NVMX_HIST_KIND(MAP, EVMCS, "map_evmcs", MAP_P50)
NVMX_HIST_KIND(UNMAP, MSR_BITMAP, "unmap_msr_bitmap", UNMAP_P50)
NVMX_HIST_KIND(UNMAP, APIC_ACCESS, "unmap_apic_access", UNMAP_P50)
NVMX_HIST_KIND(UNMAP, VIRTUAL_APIC, "unmap_virtual_apic", UNMAP_P50)
NVMX_HIST_KIND(UNMAP, PI_DESC, "unmap_pi_desc", UNMAP_P50)
NVMX_HIST_KIND(UNMAP, EVMCS, "unmap_evmcs", UNMAP_P50)
#endif /* NVMX_HIST */
