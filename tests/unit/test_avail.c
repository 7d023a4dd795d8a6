// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Availability: one decision in the core (nvmx_metric_available(),
 * nvmx_ctr_available(), nvmx_kctr_available(), nvmx_hist_available())
 * from the hooks' attach state, with reasons naming the missing hook;
 * the sinks print null / empty for what is unavailable, never 0.  The
 * plans are those of real hosts, built offline (nvmx_core_open_offline).
 */
#include <sys/stat.h>
#include <json-c/json.h>
#include "testutil.h"

#define K 4

/*
 * nSVM host: Debian 6.1 with kvm_amd nested=1, fentry allowed; @causes:
 * with the series' generic pfncache tracepoints (tracepoint ABI 3).
 */
static struct nvmx_core *amd_core_with(bool causes)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_amd", .nested = true,
				  .hist_k = K, .kvm_dev = "present" };
	struct nvmx_core *c;
	int h;

	snprintf(meta.release, sizeof(meta.release), "6.1.0-57-amd64");
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = NVMX_HOOK_L2_ENTRY; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	st[NVMX_HOOK_VCPU_MAP].method = NVMX_ATTACH_FENTRY;
	st[NVMX_HOOK_VCPU_UNMAP].method = NVMX_ATTACH_FENTRY;
	/* nVMX code and series tracepoints; 6.1 has no kvm_gpc_refresh */
	st[NVMX_HOOK_GPC_USE].absent = true;
	st[NVMX_HOOK_GPC_REFRESH].absent = true;
	st[NVMX_HOOK_GPC_INVAL].absent = true;
	st[NVMX_HOOK_STATE_RELOAD].absent = true;
	st[NVMX_HOOK_VMCS12_PAGES].absent = true;
	st[NVMX_HOOK_NESTED_CTX].absent = true;
	st[NVMX_HOOK_GPC_LAT].absent = true;
	st[NVMX_HOOK_NESTED_CONTEXT].absent = true;
	for (h = NVMX_HOOK_GPC_STALE; h <= NVMX_HOOK_GPC_KICK; h++) {
		st[h].method = causes ? NVMX_ATTACH_SERIES_TP : NVMX_ATTACH_NONE;
		st[h].absent = !causes;
	}
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

static struct nvmx_core *amd_core(void)
{
	return amd_core_with(false);
}

/* This development host: kvm_pvm, fentry EPERM, no kprobes. */
static struct nvmx_core *pvm_core(void)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_pvm", .hist_k = K };
	struct nvmx_core *c;
	int h;

	meta.hist_slots = nvmx_hist_slots(K);
	for (h = NVMX_HOOK_L2_ENTRY; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	for (h = NVMX_HOOK_GPC_USE; h < NVMX_HOOK_NR; h++)
		st[h].reason = "fentry trial load: Operation not permitted";
	st[NVMX_HOOK_VMCS12_PAGES].absent = true;
	st[NVMX_HOOK_NESTED_CTX].absent = true;
	st[NVMX_HOOK_NESTED_CONTEXT].absent = true;
	st[NVMX_HOOK_GPC_STALE].absent = true;
	st[NVMX_HOOK_GPC_KICK].absent = true;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

/* kvm_intel's hooks: tracepoints with tp_btf, functions with fentry. */
static void intel_methods(struct nvmx_hook_state *st)
{
	int h;

	for (h = 0; h < NVMX_HOOK_NR; h++)
		st[h].method = h <= NVMX_HOOK_HVA_UNMAP ? NVMX_ATTACH_TP_BTF :
			       NVMX_ATTACH_FENTRY;
}

/* The lab's base kernel: kvm_intel, everything but the series. */
static struct nvmx_core *intel_core(void)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true,
				  .hist_k = K, .map_kinds = true };
	struct nvmx_core *c;

	meta.hist_slots = nvmx_hist_slots(K);
	intel_methods(st);
	st[NVMX_HOOK_GPC_USE].method = NVMX_ATTACH_NONE;
	st[NVMX_HOOK_GPC_USE].absent = true;
	st[NVMX_HOOK_GPC_INVAL].method = NVMX_ATTACH_NONE;
	st[NVMX_HOOK_GPC_INVAL].absent = true;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

static void test_amd_reasons(void **state __attribute__((unused)))
{
	static const enum nvmx_metric gone[] = {
		NVMX_M_MAPS, NVMX_M_UNMAPS, NVMX_M_GPC_REFRESHES,
		NVMX_M_GPC_ACTIVATIONS, NVMX_M_GPC_HITS, NVMX_M_SAVED_PCT,
		NVMX_M_RELOADS, NVMX_M_VMCS12_CALLS, NVMX_M_MAP_P50,
		NVMX_M_GPC_INVALIDATIONS,
	};
	struct nvmx_core *c = amd_core();
	const char *why;
	unsigned int i;

	for (i = 0; i < sizeof(gone) / sizeof(gone[0]); i++) {
		assert_false(nvmx_metric_available(c, gone[i], &why));
		assert_non_null(why);
		/* kvm_vcpu_map/unmap are attached: never named as missing */
		assert_null(strstr(why, "kvm_vcpu_map:"));
		assert_null(strstr(why, "kvm_vcpu_unmap:"));
	}
	nvmx_metric_available(c, NVMX_M_MAPS, &why);
	assert_string_equal(why, "nested_get_vmcs12_pages: not in this kernel "
			    "(kvm_intel not loaded; the pfncache series and its "
			    "metrics are nVMX only)");
	nvmx_metric_available(c, NVMX_M_SAVED_PCT, &why);
	assert_non_null(strstr(why, "kvm_nested_gpc_use: not in this kernel (kvm_intel not loaded"));
	assert_non_null(strstr(why, "; or nested_get_vmcs12_pages: not in this kernel"));
	nvmx_metric_available(c, NVMX_M_UNMAPS, &why);
	assert_non_null(strstr(why, "nested_vmx_vmexit: not in this kernel (kvm_intel not loaded"));
	/* what nSVM does have */
	for (i = 0; i < NVMX_M_NR; i++) {
		bool svm = i == NVMX_M_L1_EXITS || i == NVMX_M_L2_ENTRIES ||
			   i == NVMX_M_L2_EXITS || i == NVMX_M_L2_EXITS_TO_L1 ||
			   i == NVMX_M_PIO || i == NVMX_M_USER_EXITS ||
			   i == NVMX_M_KVM_RUNS || i == NVMX_M_KVM_RUN_P50 ||
			   i == NVMX_M_KVM_RUN_P99 || i == NVMX_M_PVCLOCK ||
			   i == NVMX_M_HVA_UNMAPS || i == NVMX_M_L2_RT_P50 ||
			   i == NVMX_M_L2_RT_P99 || i == NVMX_M_VCPU_MAPS ||
			   i == NVMX_M_VCPU_UNMAPS || i == NVMX_M_EXITS ||
			   i == NVMX_M_ENTRIES;

		assert_int_equal(nvmx_metric_available(c, i, NULL), svm);
	}
	nvmx_core_close(c);
}

static void test_amd_counters(void **state __attribute__((unused)))
{
	struct nvmx_core *c = amd_core();
	int k;

	assert_true(nvmx_ctr_available(c, NVMX_C_EXITS));
	assert_true(nvmx_ctr_available(c, NVMX_C_MAPS_ALL));
	assert_true(nvmx_ctr_available(c, NVMX_C_UNMAPS_ALL));
	assert_true(nvmx_ctr_available(c, NVMX_C_VCPU_ID));
	assert_false(nvmx_ctr_available(c, NVMX_C_GPC_REFRESH));
	assert_false(nvmx_ctr_available(c, NVMX_C_GPC_ACTIVATE));
	assert_false(nvmx_ctr_available(c, NVMX_C_GPC_ERR));
	assert_false(nvmx_ctr_available(c, NVMX_C_VMCS12_PAGES));
	assert_false(nvmx_ctr_available(c, NVMX_C_RELOADS));
	for (k = -1; k <= NVMX_PAGE_UNKNOWN; k++) {
		int kc;

		for (kc = 0; kc < NVMX_KCTR_NR; kc++)
			assert_false(nvmx_kctr_available(c, kc, k));
	}
	assert_false(nvmx_hist_available(c, NVMX_H_MAP));
	assert_false(nvmx_hist_available(c, NVMX_H_UNMAP));
	assert_true(nvmx_hist_available(c, NVMX_H_KVM_RUN));
	assert_int_equal(nvmx_core_attach(c), -EOPNOTSUPP);
	nvmx_core_close(c);
}

/* What the sink writes for interval d with totals t (per vCPU with -v). */
static char *render_snaps(const struct nvmx_core *c, enum nvmx_sink_fmt fmt,
			  const struct nvmx_snapshot *d, const struct nvmx_snapshot *t,
			  bool per_vcpu)
{
	struct nvmx_sink_opts so = { .fmt = fmt, .interval_no = 1, .per_vcpu = per_vcpu };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(nvmx_sink_write(f, c, d, t, 1.0, &so), 0);
	fclose(f);
	return buf;
}

static char *render(struct nvmx_core *c, enum nvmx_sink_fmt fmt)
{
	struct nvmx_vcpu_snap row;
	struct nvmx_snapshot *s;
	char *buf;

	make_row(&row, 77, 77, 0, K);
	row.ctr[NVMX_C_MAPS_ALL] = 3;
	row.ctr[NVMX_C_UNMAPS_ALL] = 3;
	row.ctr[NVMX_C_L2_ENTRIES] = 1;
	assert_int_equal(nvmx_snapshot_build(&row, 1, K, 1000, &s), 0);
	nvmx_vcpu_snap_fini(&row);
	buf = render_snaps(c, fmt, s, s, false);
	nvmx_snapshot_free(s);
	return buf;
}

static json_object *member(json_object *o, const char *a, const char *b)
{
	json_object *r = NULL;

	assert_true(json_object_object_get_ex(o, a, &r));
	if (b)
		assert_true(json_object_object_get_ex(r, b, &r));
	return r;
}

static void test_amd_json_null(void **state __attribute__((unused)))
{
	static const char * const nulls[] = {
		"maps", "unmaps", "gpc_refreshes", "gpc_activations", "gpc_hits",
		"reloads", "vmcs12_pages_calls",
	};
	struct nvmx_core *c = amd_core();
	char *out = render(c, NVMX_SINK_JSON);
	json_object *root = json_tokener_parse(out), *vm, *un;
	bool seen = false;
	unsigned int i;
	size_t j;

	assert_non_null(root);
	vm = json_object_array_get_idx(member(root, "vms", NULL), 0);
	assert_non_null(vm);
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++) {
		assert_null(member(vm, "counts", nulls[i]));
		assert_null(member(vm, "totals", nulls[i]));
		assert_null(member(vm, "rates", nulls[i]));
	}
	assert_null(member(vm, "saved_pct", NULL));
	assert_int_equal(json_object_get_int(member(vm, "counts", "vcpu_maps")), 3);
	assert_int_equal(json_object_get_int(member(vm, "totals", "vcpu_unmaps")), 3);
	assert_int_equal(json_object_get_int(member(vm, "counts", "l2_entries")), 1);
	assert_false(json_object_object_get_ex(member(vm, "latency_ns", NULL), "map", NULL));
	un = member(root, "unavailable", NULL);
	for (j = 0; j < json_object_array_length(un); j++)
		seen |= !strcmp(json_object_get_string(json_object_array_get_idx(un, j)),
				"maps");
	assert_true(seen);
	json_object_put(root);
	free(out);
	nvmx_core_close(c);
}

/* The CSV field of column name on the first data line. */
static char *csv_field(const char *out, const char *name)
{
	const char *hdr = out, *data = strchr(out, '\n') + 1, *p;
	int col = 0, i;
	size_t n;

	for (p = hdr; *p != '\n'; p++) {
		n = strlen(name);
		if ((p == hdr || p[-1] == ',') && !strncmp(p, name, n) &&
		    (p[n] == ',' || p[n] == '\n'))
			break;
		col += *p == ',';
	}
	assert_true(*p != '\n');
	p = data;
	for (i = 0; i < col; i++) {
		if (*p == '"')
			p = strchr(p + 1, '"') + 1;
		else
			p = strchr(p, ',');
		if (*p == ',')
			p++;
	}
	n = strcspn(p, ",\n");
	return strndup(p, n);
}

static void test_amd_csv_empty(void **state __attribute__((unused)))
{
	struct nvmx_core *c = amd_core();
	char *out = render(c, NVMX_SINK_CSV), *v;

	v = csv_field(out, "maps");
	assert_string_equal(v, "");
	free(v);
	v = csv_field(out, "gpc_refreshes");
	assert_string_equal(v, "");
	free(v);
	v = csv_field(out, "vcpu_maps");
	assert_string_equal(v, "3");
	free(v);
	v = csv_field(out, "l2_entries");
	assert_string_equal(v, "1");
	free(v);
	free(out);
	nvmx_core_close(c);
}

static void test_probes_text(void **state __attribute__((unused)))
{
	struct nvmx_core *c = amd_core();
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	nvmx_core_print_probes(c, f);
	fclose(f);
	assert_int_equal(strncmp(buf, "/dev/kvm: present\nkernel 6.1.0-57-amd64, vendor kvm_amd", 54), 0);
	assert_non_null(strstr(buf, "\nvcpu_map       fentry/fexit"));
	assert_non_null(strstr(buf, "\nvmcs12_pages   unavailable"));
	free(buf);
	nvmx_core_close(c);
}

static void test_pvm(void **state __attribute__((unused)))
{
	struct nvmx_core *c = pvm_core();
	const char *why;

	/* kvm_exit attaches but kvm_pvm never emits it */
	assert_false(nvmx_metric_available(c, NVMX_M_L1_EXITS, &why));
	assert_string_equal(why, "kvm_exit: attached, but the kvm_pvm vendor module never emits it");
	assert_false(nvmx_ctr_available(c, NVMX_C_EXITS));
	assert_false(nvmx_ctr_available(c, NVMX_C_ENTRIES));
	assert_true(nvmx_ctr_available(c, NVMX_C_PIO));
	/* L2 hooks attach; 0 is a measurement there */
	assert_true(nvmx_metric_available(c, NVMX_M_L2_ENTRIES, NULL));
	/* a refused hook says what refused it */
	assert_false(nvmx_metric_available(c, NVMX_M_VCPU_MAPS, &why));
	assert_non_null(strstr(why, "kvm_vcpu_map: "));
	assert_non_null(strstr(why, "Operation not permitted"));
	assert_false(nvmx_metric_available(c, NVMX_M_MAPS, &why));
	assert_non_null(strstr(why, "nested_get_vmcs12_pages: not in this kernel (kvm_intel not loaded"));
	assert_non_null(strstr(why, "kvm_vcpu_map: "));
	assert_false(nvmx_kctr_available(c, NVMX_K_MAPS, -1));
	nvmx_core_close(c);
}

static void test_intel(void **state __attribute__((unused)))
{
	struct nvmx_core *c = intel_core();
	const char *why;

	assert_true(nvmx_metric_available(c, NVMX_M_MAPS, NULL));
	assert_true(nvmx_metric_available(c, NVMX_M_SAVED_PCT, NULL));
	assert_true(nvmx_metric_available(c, NVMX_M_VCPU_MAPS, NULL));
	assert_true(nvmx_metric_available(c, NVMX_M_GPC_REFRESH_P50, NULL));
	assert_false(nvmx_metric_available(c, NVMX_M_GPC_HITS, &why));
	assert_string_equal(why, "kvm_nested_gpc_use: not in this kernel "
			    "(needs the nvmx-gpc series, kernel-patches/)");
	assert_true(nvmx_kctr_available(c, NVMX_K_MAPS, NVMX_PAGE_MSR_BITMAP));
	assert_true(nvmx_kctr_available(c, NVMX_K_ERRORS, NVMX_PAGE_APIC_ACCESS));
	assert_false(nvmx_kctr_available(c, NVMX_K_HITS, -1));
	/* reloads by page kind only come from the series tracepoint */
	assert_true(nvmx_ctr_available(c, NVMX_C_RELOADS));
	assert_false(nvmx_kctr_available(c, NVMX_K_RELOADS, NVMX_PAGE_PI_DESC));
	assert_true(nvmx_hist_available(c, NVMX_H_MAP_KIND(NVMX_PAGE_VIRTUAL_APIC)));
	nvmx_core_close(c);
}

/* A series tracepoint hook h, there (attached) or not in the kernel. */
static void series_hook(struct nvmx_hook_state *st, int h, bool there)
{
	st[h].method = there ? NVMX_ATTACH_SERIES_TP : NVMX_ATTACH_NONE;
	st[h].absent = !there;
}

/*
 * The series on kvm_intel of tracepoint ABI @abi: 1 without
 * kvm_nested_context, 2 with it, 3 also with kvm_pfncache_stale and
 * kvm_pfncache_kick.
 */
static struct nvmx_core *series_core(unsigned int abi)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true, .series = true,
				  .hist_k = K, .map_kinds = true };
	struct nvmx_core *c;

	meta.hist_slots = nvmx_hist_slots(K);
	intel_methods(st);
	st[NVMX_HOOK_GPC_USE].method = NVMX_ATTACH_SERIES_TP;
	st[NVMX_HOOK_GPC_INVAL].method = NVMX_ATTACH_SERIES_TP;
	series_hook(st, NVMX_HOOK_NESTED_CONTEXT, abi >= 2);
	series_hook(st, NVMX_HOOK_GPC_STALE, abi >= 3);
	series_hook(st, NVMX_HOOK_GPC_KICK, abi >= 3);
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

/*
 * kvm_nested_context is optional: a kernel of tracepoint ABI 1 (or none)
 * loses only the context metrics, which name the ABI they need.
 */
static void test_contexts_optional(void **state __attribute__((unused)))
{
	static const enum nvmx_metric ctx[] = {
		NVMX_M_CTX_REUSE, NVMX_M_CTX_FILL, NVMX_M_CTX_RECYCLE, NVMX_M_CTX_EVICT,
	};
	struct nvmx_core *c = series_core(1);
	const char *why;
	unsigned int i;

	for (i = 0; i < sizeof(ctx) / sizeof(ctx[0]); i++) {
		assert_false(nvmx_metric_available(c, ctx[i], &why));
		assert_string_equal(why, "kvm_nested_context: not in this kernel (needs the "
				    "nvmx-gpc series with nested contexts (tracepoint ABI 2), "
				    "kernel-patches/)");
	}
	assert_false(nvmx_ctr_available(c, NVMX_C_CTX_FILL));
	assert_true(nvmx_metric_available(c, NVMX_M_GPC_HITS, NULL));
	assert_true(nvmx_metric_available(c, NVMX_M_SAVED_PCT, NULL));
	assert_false(nvmx_core_hooks(c)[NVMX_HOOK_NESTED_CONTEXT].attached);
	assert_string_equal(nvmx_core_hooks(c)[NVMX_HOOK_NESTED_CONTEXT].name,
			    "nested_context");
	nvmx_core_close(c);

	c = series_core(2);
	for (i = 0; i < sizeof(ctx) / sizeof(ctx[0]); i++)
		assert_true(nvmx_metric_available(c, ctx[i], NULL));
	assert_true(nvmx_ctr_available(c, NVMX_C_CTX_EVICT));
	nvmx_core_close(c);
	/* nSVM: the context hook is nVMX code, absent there */
	c = amd_core();
	assert_false(nvmx_metric_available(c, NVMX_M_CTX_REUSE, &why));
	assert_non_null(strstr(why, "kvm_nested_context: not in this kernel (kvm_intel not loaded"));
	nvmx_core_close(c);
}

/* The CSV columns of the refresh causes and kicks, after ctx_live. */
#define CAUSES_CSV "gpc_stale_invalid,gpc_stale_memslot,gpc_stale_retarget," \
		   "gpc_stale_valid,gpc_kicks,gpc_kick_events"

/*
 * Nested contexts in top's sink: totals, vCPU 0 filled 3 and evicted 1;
 * the interval saw 1 fill and 7 reuses.
 */
static char *render_ctx(const struct nvmx_core *c, enum nvmx_sink_fmt fmt)
{
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_snapshot *p, *t, *d;
	char *buf;

	make_row(&rows[0], 50, 50, -1, K);
	make_row(&rows[1], 50, 51, 0, K);
	rows[1].ctr[NVMX_C_CTX_FILL] = 2;
	rows[1].ctr[NVMX_C_CTX_EVICT] = 1;
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 1000000000ULL, &p), 0);
	rows[1].ctr[NVMX_C_CTX_FILL] = 3;
	rows[1].ctr[NVMX_C_CTX_REUSE] = 7;
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 2000000000ULL, &t), 0);
	assert_int_equal(nvmx_snapshot_delta(t, p, &d), 0);
	buf = render_snaps(c, fmt, d, t, true);
	nvmx_snapshot_free(p);
	nvmx_snapshot_free(t);
	nvmx_snapshot_free(d);
	nvmx_vcpu_snap_fini(&rows[0]);
	nvmx_vcpu_snap_fini(&rows[1]);
	return buf;
}

/* JSON: counts of the interval, ctx_live (a gauge) from the totals. */
static void test_contexts_json(void **state __attribute__((unused)))
{
	struct nvmx_core *c = series_core(2);
	char *out = render_ctx(c, NVMX_SINK_JSON);
	json_object *root = json_tokener_parse(out), *vm, *vc;

	assert_non_null(root);
	vm = json_object_array_get_idx(member(root, "vms", NULL), 0);
	assert_int_equal(json_object_get_int64(member(vm, "gauges", "ctx_live")), 2);
	assert_int_equal(json_object_get_int64(member(vm, "counts", "ctx_fill")), 1);
	assert_int_equal(json_object_get_int64(member(vm, "totals", "ctx_fill")), 3);
	assert_int_equal(json_object_get_int64(member(vm, "counts", "ctx_reuse")), 7);
	vc = json_object_array_get_idx(member(vm, "vcpus", NULL), 1);
	assert_int_equal(json_object_get_int64(member(vc, "gauges", "ctx_live")), 2);
	vc = json_object_array_get_idx(member(vm, "vcpus", NULL), 0);
	assert_int_equal(json_object_get_int64(member(vc, "gauges", "ctx_live")), 0);
	json_object_put(root);
	free(out);
	nvmx_core_close(c);

	/* no hook: null, and listed as unavailable */
	c = series_core(1);
	out = render_ctx(c, NVMX_SINK_JSON);
	root = json_tokener_parse(out);
	vm = json_object_array_get_idx(member(root, "vms", NULL), 0);
	assert_true(json_object_is_type(member(vm, "gauges", "ctx_live"), json_type_null));
	assert_true(json_object_is_type(member(vm, "counts", "ctx_fill"), json_type_null));
	/* ABI 1: the metrics of ABI 3 are unavailable too */
	assert_non_null(strstr(out, "\"ctx_reuse\",\"ctx_fill\",\"ctx_recycle\",\"ctx_evict\",\"ctx_live\","
			       "\"gpc_stale_invalid\","));
	json_object_put(root);
	free(out);
	nvmx_core_close(c);
}

/* CSV: ctx_live from the totals; text: the columns only with the hook. */
static void test_contexts_csv_text(void **state __attribute__((unused)))
{
	struct nvmx_core *c = series_core(2);
	char *out = render_ctx(c, NVMX_SINK_CSV), *row;

	assert_non_null(strstr(out, ",ctx_reuse,ctx_fill,ctx_recycle,ctx_evict,ctx_live,"
			       CAUSES_CSV ",guest\n"));
	/*
	 * the vCPU's row ends with reuse 7, fill 1, recycle 0, evict 0,
	 * live 2, the six causes and kicks (no hook: empty) and the VM's
	 * guest name (none)
	 */
	row = strstr(out, "\"t51\"");
	assert_non_null(row);
	assert_non_null(strstr(row, ",7,1,0,0,2,,,,,,,\n"));
	free(out);
	out = render_ctx(c, NVMX_SINK_TEXT);
	assert_non_null(strstr(out, "CTXLIVE"));
	assert_non_null(strstr(out, "REUSE/s"));
	free(out);
	nvmx_core_close(c);

	c = series_core(1);
	out = render_ctx(c, NVMX_SINK_TEXT);
	assert_null(strstr(out, "CTXLIVE"));
	assert_null(strstr(out, "REUSE/s"));
	free(out);
	out = render_ctx(c, NVMX_SINK_CSV);
	row = strstr(out, "\"t51\"");
	assert_non_null(row);
	assert_non_null(strstr(row, ",,,,,,,,,,,,\n"));
	free(out);
	nvmx_core_close(c);
}

/* The metrics of tracepoint ABI 3: refresh causes and kicks */
static const enum nvmx_metric causes[] = {
	NVMX_M_GPC_STALE_INVALID, NVMX_M_GPC_STALE_MEMSLOT, NVMX_M_GPC_STALE_RETARGET,
	NVMX_M_GPC_STALE_VALID, NVMX_M_GPC_KICKS, NVMX_M_GPC_KICK_EVENTS,
};
/* ... and the raw counters they read */
static const enum nvmx_ctr cause_ctrs[] = {
	NVMX_C_GPC_STALE_INVALID, NVMX_C_GPC_STALE_MEMSLOT, NVMX_C_GPC_STALE_RETARGET,
	NVMX_C_GPC_STALE_VALID, NVMX_C_GPC_KICKS, NVMX_C_GPC_KICK_EVENTS,
};
#define NCAUSES (sizeof(causes) / sizeof(causes[0]))
#define ABI3_WHY "not in this kernel (needs the nvmx-gpc series with refresh " \
		 "causes and kicks (tracepoint ABI 3, patch 14), kernel-patches/)"

/* The hook of metric m of causes[]: kvm_pfncache_stale or _kick */
static const char *cause_tp(enum nvmx_metric m)
{
	return m == NVMX_M_GPC_KICKS || m == NVMX_M_GPC_KICK_EVENTS ?
	       "kvm_pfncache_kick" : "kvm_pfncache_stale";
}

/*
 * kvm_pfncache_stale and kvm_pfncache_kick are optional: a kernel of
 * tracepoint ABI 2 (or 1, or none) loses only their metrics, which name
 * the ABI they need.  They are generic KVM (kvm.ko), not nVMX code: a
 * kvm_amd kernel with the series has them too.
 */
static void test_causes_optional(void **state __attribute__((unused)))
{
	struct nvmx_core *c = series_core(2);
	const struct nvmx_hook_info *h = nvmx_core_hooks(c);
	char want[256];
	const char *why;
	unsigned int i;

	for (i = 0; i < NCAUSES; i++) {
		assert_false(nvmx_metric_available(c, causes[i], &why));
		snprintf(want, sizeof(want), "%s: %s", cause_tp(causes[i]), ABI3_WHY);
		assert_string_equal(why, want);
		assert_false(nvmx_ctr_available(c, cause_ctrs[i]));
	}
	assert_string_equal(h[NVMX_HOOK_GPC_STALE].name, "gpc_stale");
	assert_string_equal(h[NVMX_HOOK_GPC_KICK].name, "gpc_kick");
	assert_false(h[NVMX_HOOK_GPC_STALE].attached || h[NVMX_HOOK_GPC_KICK].attached);
	/* the rest is as before */
	assert_true(nvmx_metric_available(c, NVMX_M_GPC_INVALIDATIONS, NULL));
	assert_true(nvmx_metric_available(c, NVMX_M_CTX_LIVE, NULL));
	nvmx_core_close(c);

	c = series_core(3);
	h = nvmx_core_hooks(c);
	for (i = 0; i < NCAUSES; i++) {
		assert_true(nvmx_metric_available(c, causes[i], NULL));
		assert_true(nvmx_ctr_available(c, cause_ctrs[i]));
	}
	assert_string_equal(h[NVMX_HOOK_GPC_STALE].target, "kvm_pfncache_stale");
	assert_string_equal(h[NVMX_HOOK_GPC_KICK].target, "kvm_pfncache_kick");
	nvmx_core_close(c);

	/* nSVM: missing for want of the series, not of kvm_intel */
	c = amd_core();
	for (i = 0; i < NCAUSES; i++) {
		assert_false(nvmx_metric_available(c, causes[i], &why));
		snprintf(want, sizeof(want), "%s: %s", cause_tp(causes[i]), ABI3_WHY);
		assert_string_equal(why, want);
	}
	nvmx_core_close(c);
	c = amd_core_with(true);
	for (i = 0; i < NCAUSES; i++)
		assert_true(nvmx_metric_available(c, causes[i], NULL));
	nvmx_core_close(c);
}

/*
 * Refresh causes and kicks in top's sink: the interval saw 2 invalid, 1
 * memslot, 4 retarget and no valid refreshes, and 2 kicks of 3 vCPUs.
 */
static char *render_causes(const struct nvmx_core *c, enum nvmx_sink_fmt fmt)
{
	static const unsigned int prev[] = { 1, 0, 0, 0, 2, 1 };
	static const unsigned int cur[] = { 3, 1, 4, 0, 5, 3 };
	struct nvmx_vcpu_snap row;
	struct nvmx_snapshot *p, *t, *d;
	unsigned int i;
	char *buf;

	make_row(&row, 60, 61, 0, K);
	for (i = 0; i < NCAUSES; i++)
		row.ctr[cause_ctrs[i]] = prev[i];
	assert_int_equal(nvmx_snapshot_build(&row, 1, K, 1000000000ULL, &p), 0);
	for (i = 0; i < NCAUSES; i++)
		row.ctr[cause_ctrs[i]] = cur[i];
	assert_int_equal(nvmx_snapshot_build(&row, 1, K, 2000000000ULL, &t), 0);
	assert_int_equal(nvmx_snapshot_delta(t, p, &d), 0);
	buf = render_snaps(c, fmt, d, t, false);
	nvmx_snapshot_free(p);
	nvmx_snapshot_free(t);
	nvmx_snapshot_free(d);
	nvmx_vcpu_snap_fini(&row);
	return buf;
}

/*
 * JSON: counts and totals of the six, null (and unavailable) without the
 * hooks (ABI 2); text: the columns MSLOT/s and KICK/s only with them.
 */
static void test_causes_sinks(void **state __attribute__((unused)))
{
	static const long long counts[] = { 2, 1, 4, 0, 3, 2 }, totals[] = { 3, 1, 4, 0, 5, 3 };
	json_object *root, *vm;
	struct nvmx_core *c;
	unsigned int abi, i;
	const char *n;
	char *out;

	for (abi = 2; abi <= 3; abi++) {
		c = series_core(abi);
		out = render_causes(c, NVMX_SINK_JSON);
		root = json_tokener_parse(out);
		assert_non_null(root);
		vm = json_object_array_get_idx(member(root, "vms", NULL), 0);
		for (i = 0; i < NCAUSES; i++) {
			n = nvmx_metric_def(causes[i])->name;
			if (abi < 3) {
				assert_true(json_object_is_type(member(vm, "counts", n),
								json_type_null));
				assert_true(json_object_is_type(member(vm, "rates", n),
								json_type_null));
				continue;
			}
			assert_int_equal(json_object_get_int64(member(vm, "counts", n)), counts[i]);
			assert_int_equal(json_object_get_int64(member(vm, "totals", n)), totals[i]);
		}
		assert_true(!strstr(out, "\"gpc_stale_invalid\",\"gpc_stale_memslot\","
				    "\"gpc_stale_retarget\",\"gpc_stale_valid\",\"gpc_kicks\","
				    "\"gpc_kick_events\"]") == (abi == 3));
		json_object_put(root);
		free(out);
		out = render_causes(c, NVMX_SINK_TEXT);
		assert_true(!strstr(out, "   MSLOT/s    KICK/s\n") == (abi < 3));
		free(out);
		nvmx_core_close(c);
	}
}

/* A fake root: mkdir -p root/rel (or create a file when data != NULL). */
static void mk(const char *root, const char *rel, const char *data)
{
	char p[512], *s;
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	for (s = strchr(p + strlen(root) + 1, '/'); s; s = strchr(s + 1, '/')) {
		*s = 0;
		mkdir(p, 0755);
		*s = '/';
	}
	if (!data) {
		mkdir(p, 0755);
		return;
	}
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(data, f);
	fclose(f);
}

static void test_kvm_dev_state(void **state __attribute__((unused)))
{
	char root[] = "/tmp/nvmx-kvmdev-XXXXXX", cmd[64], buf[128];

	assert_non_null(mkdtemp(root));
	mk(root, "proc/cpuinfo", "flags\t\t: fpu vme sse\n");
	assert_string_equal(nvmx_kvm_dev_state(root, buf, sizeof(buf)),
			    "missing (no kvm module loaded)");
	mk(root, "sys/module/kvm", NULL);
	assert_string_equal(nvmx_kvm_dev_state(root, buf, sizeof(buf)),
			    "missing (kvm module loaded but not bound: no usable VMX/SVM)");
	mk(root, "sys/module/kvm_pvm", NULL);
	mk(root, "proc/cpuinfo", "flags\t\t: fpu vme sse hypervisor lahf_lm\n");
	assert_string_equal(nvmx_kvm_dev_state(root, buf, sizeof(buf)),
			    "missing (kvm module loaded but not bound: this kernel is a guest)");
	mk(root, "sys/class/misc/kvm", NULL);
	assert_non_null(strstr(nvmx_kvm_dev_state(root, buf, sizeof(buf)),
			       "but /dev has no kvm node"));
	mk(root, "dev/kvm", "");
	assert_string_equal(nvmx_kvm_dev_state(root, buf, sizeof(buf)), "present");
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
}

/* The --probes line on where exit codes come from, of an offline core */
static void probes_reasons_line(const char *vendor, bool map_kinds, unsigned int isas,
				const char *want)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .nested = true, .hist_k = K, .map_kinds = map_kinds,
				  .reason_isas = isas, .kvm_dev = "present" };
	struct nvmx_core *c;
	char *buf = NULL, line[256];
	size_t len = 0;
	FILE *f;

	snprintf(meta.vendor, sizeof(meta.vendor), "%s", vendor);
	meta.hist_slots = nvmx_hist_slots(K);
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	nvmx_core_print_probes(c, f);
	assert_int_equal(fclose(f), 0);
	snprintf(line, sizeof(line), "\nexit reasons: %s\n", want);
	if (!strstr(buf, line))
		fail_msg("%s, isas 0x%x: no '%s' in:\n%s", vendor, isas, want, buf);
	free(buf);
	nvmx_core_close(c);
}

/*
 * An offline core takes which ISAs' exit codes the probes read from its
 * metadata (nvmx_meta.reason_isas, as the live probe found them), and
 * guesses from the vendor only when the metadata does not say
 */
static void test_reason_isas_offline(void **state)
{
	const unsigned int vmx = NVMX_RISA(NVMX_ISA_VMX), svm = NVMX_RISA(NVMX_ISA_SVM);

	(void)state;
	/* not said: vcpu_vmx where map kinds are, vcpu_svm with kvm_amd */
	probes_reasons_line("kvm_amd", false, 0,
			    "codes from struct vcpu_vmx / vcpu_svm (kvm_exit's get_exit_info)");
	probes_reasons_line("kvm_intel", false, 0,
			    "every code unknown (neither struct vcpu_vmx nor vcpu_svm in BTF)");
	/* said: kvm_amd without vcpu_svm in its BTF, kvm_intel with vcpu_vmx but
	 * without the map kinds, both structs in a kernel with both built in */
	probes_reasons_line("kvm_amd", false, NVMX_RISA_PROBED,
			    "every code unknown (neither struct vcpu_vmx nor vcpu_svm in BTF)");
	probes_reasons_line("kvm_amd", false, NVMX_RISA_PROBED | svm,
			    "codes from struct vcpu_svm (kvm_exit's get_exit_info)");
	probes_reasons_line("kvm_intel", false, NVMX_RISA_PROBED | vmx,
			    "codes from struct vcpu_vmx (kvm_exit's get_exit_info)");
	probes_reasons_line("kvm_intel", true, NVMX_RISA_PROBED | vmx | svm,
			    "codes from struct vcpu_vmx and vcpu_svm (kvm_exit's get_exit_info)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_amd_reasons),
		cmocka_unit_test(test_amd_counters),
		cmocka_unit_test(test_amd_json_null),
		cmocka_unit_test(test_amd_csv_empty),
		cmocka_unit_test(test_probes_text),
		cmocka_unit_test(test_pvm),
		cmocka_unit_test(test_intel),
		cmocka_unit_test(test_kvm_dev_state),
		cmocka_unit_test(test_contexts_optional),
		cmocka_unit_test(test_contexts_json),
		cmocka_unit_test(test_contexts_csv_text),
		cmocka_unit_test(test_causes_optional),
		cmocka_unit_test(test_causes_sinks),
		cmocka_unit_test(test_reason_isas_offline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
