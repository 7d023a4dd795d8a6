// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Counting only (nvmx_opts.counts_only, --counts-only): which programs
 * the plan autoloads (on the real skeleton, opened but not loaded), the
 * hooks it leaves out and why, and the metrics that become unavailable
 * with their reason while every count stays available as in full mode.
 * The plans are the lab's, built offline (nvmx_core_open_offline).
 */
#include <bpf/libbpf.h>
#include "testutil.h"
#include "core_priv.h"
#include "nvmx_gpc.skel.h"

#define K 4
#define COUNTS_WHY "counting only (--counts-only): no clock read, no latency measured"

/*
 * A kvm_intel plan, one letter per enum nvmx_hook as in
 * tests/golden/render.c: t tp_btf, S series tp_btf, f fentry/fexit,
 * k kprobe/kretprobe, a not in this kernel, - refused.
 */
static struct nvmx_core *core(const char *hooks, bool series, bool counts_only)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true,
				  .series = series, .hist_k = K, .map_kinds = true,
				  .counts_only = counts_only };
	struct nvmx_core *c;
	int h;

	assert_int_equal(strlen(hooks), NVMX_HOOK_NR);
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		switch (hooks[h]) {
		case 't': st[h].method = NVMX_ATTACH_TP_BTF; break;
		case 'S': st[h].method = NVMX_ATTACH_SERIES_TP; break;
		case 'f': st[h].method = NVMX_ATTACH_FENTRY; break;
		case 'k': st[h].method = NVMX_ATTACH_KPROBE; break;
		case 'a': st[h].absent = true; break;
		default: st[h].reason = "refused"; break;
		}
	}
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

/* The lab's patched kernel (the series, tracepoint ABI 3). */
#define PATCHED "ttttttttttSSSSfffffSSS"
/* The lab's base kernel: no series, gpc_refresh by fentry. */
#define BASE "ttttttttttafaffffffaaa"
/* The same with kprobes instead of fentry. */
#define BASE_KP "ttttttttttakakkkkkkaaa"
/* Base with kvm_vcpu_map/unmap refused: no nested map to tell apart. */
#define NOMAPS "ttttttttttafaff--ffaaa"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char * const *)a, *(const char * const *)b);
}

/* names[0..n) sorted and space-separated (malloc'ed). */
static char *join_sorted(const char **names, size_t n)
{
	size_t i, len = 1;
	char *s;

	qsort(names, n, sizeof(names[0]), cmp_str);
	for (i = 0; i < n; i++)
		len += strlen(names[i]) + 1;
	s = calloc(1, len);
	assert_non_null(s);
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, names[i]);
	}
	return s;
}

/* The programs the plan of c autoloads in the real object. */
static char *autoloaded(const struct nvmx_core *c)
{
	struct nvmx_gpc *skel = nvmx_gpc__open();
	struct bpf_program *p;
	const char *names[256];
	size_t n = 0;
	char *s;

	assert_non_null(skel);
	nvmx_plan_autoload(c, skel->obj);
	bpf_object__for_each_program(p, skel->obj)
		if (bpf_program__autoload(p) && n < 256)
			names[n++] = bpf_program__name(p);
	s = join_sorted(names, n);
	nvmx_gpc__destroy(skel);
	return s;
}

/* want: the program names, any order, space-separated. */
static void expect_loaded(const char *hooks, bool series, bool counts_only,
			  const char *want)
{
	struct nvmx_core *c = core(hooks, series, counts_only);
	char *got = autoloaded(c), *w = strdup(want), *tok, *sv, *ws;
	const char *names[256];
	size_t n = 0;

	assert_non_null(w);
	for (tok = strtok_r(w, " ", &sv); tok && n < 256; tok = strtok_r(NULL, " ", &sv))
		names[n++] = tok;
	ws = join_sorted(names, n);
	printf("%s%s: %s\n", hooks, counts_only ? " counts-only" : "", got);
	assert_string_equal(got, ws);
	free(ws);
	free(w);
	free(got);
	nvmx_core_close(c);
}

#define TPS "tpb_entry tpb_exit tpb_hva_unmap tpb_kvm_run tpb_l2_entry " \
	    "tpb_l2_exit tpb_l2_exit_inj tpb_pio tpb_pvclock tpb_user_exit"
#define CTX "fe_ctx_enter fe_ctx_free fe_ctx_vmexit "

/*
 * Counting only, a program that only times is not loaded (fe_map,
 * fx_unmap, the gpc entries, all of gpc_latency); the brackets stay
 * while a nested map/unmap hook needs them.
 */
static void test_autoload_patched(void **state __attribute__((unused)))
{
	expect_loaded(PATCHED, true, false,
		      CTX "fe_gpcl_activate fe_gpcl_refresh fe_map fe_unmap fe_vmcs12 "
		      "fx_ctx_enter fx_ctx_free fx_ctx_vmexit fx_gpcl_activate "
		      "fx_gpcl_refresh fx_map fx_unmap fx_vmcs12 " TPS " tpb_gpc_inval "
		      "tpb_gpc_kick tpb_gpc_refresh tpb_gpc_stale tpb_gpc_use "
		      "tpb_nested_context tpb_state_reload");
	expect_loaded(PATCHED, true, true,
		      CTX "fe_unmap fe_vmcs12 fx_ctx_enter fx_ctx_free fx_ctx_vmexit "
		      "fx_map fx_vmcs12 " TPS " tpb_gpc_inval tpb_gpc_kick "
		      "tpb_gpc_refresh tpb_gpc_stale tpb_gpc_use tpb_nested_context "
		      "tpb_state_reload");
}

static void test_autoload_base(void **state __attribute__((unused)))
{
	expect_loaded(BASE, false, false,
		      CTX "fe_gpc_activate fe_gpc_refresh fe_map fe_state_reload "
		      "fe_unmap fe_vmcs12 fx_ctx_enter fx_ctx_free fx_ctx_vmexit "
		      "fx_gpc_activate fx_gpc_refresh fx_map fx_unmap fx_vmcs12 " TPS);
	expect_loaded(BASE, false, true,
		      CTX "fe_state_reload fe_unmap fe_vmcs12 fx_ctx_enter fx_ctx_free "
		      "fx_ctx_vmexit fx_gpc_activate fx_gpc_refresh fx_map fx_vmcs12 " TPS);
	/* a kretprobe has no arguments: kp_map stays for the page kind */
	expect_loaded(BASE_KP, false, false,
		      "kp_ctx kp_gpc kp_map kp_state_reload kp_unmap kp_vmcs12 "
		      "kr_ctx kr_gpc_activate kr_gpc_refresh kr_map kr_unmap kr_vmcs12 " TPS);
	expect_loaded(BASE_KP, false, true,
		      "kp_ctx kp_map kp_state_reload kp_unmap kp_vmcs12 kr_ctx "
		      "kr_gpc_activate kr_gpc_refresh kr_map kr_vmcs12 " TPS);
	/* no kvm_vcpu_map/unmap hook: no bracket is needed, only the count */
	expect_loaded(NOMAPS, false, true,
		      "fe_state_reload fe_vmcs12 fx_gpc_activate fx_gpc_refresh " TPS);
}

/*
 * What @c writes: the program list (@s NULL), or top's JSON of one
 * interval of @s (malloc'ed).
 */
static char *output(const struct nvmx_core *c, const struct nvmx_snapshot *s)
{
	struct nvmx_sink_opts so = { .fmt = NVMX_SINK_JSON, .interval_no = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (s)
		assert_int_equal(nvmx_sink_write(f, c, s, s, 1.0, &so), 0);
	else
		nvmx_core_print_programs(c, f);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* buf holds each of the strings that follow (NULL-terminated). */
static void expect_all(const char *buf, ...)
{
	const char *want;
	va_list ap;

	va_start(ap, buf);
	while ((want = va_arg(ap, const char *)))
		if (!strstr(buf, want))
			fail_msg("'%s' not in:\n%s", want, buf);
	va_end(ap);
}

/* The hooks' notes and the --probes program list say what is left out. */
static void test_hooks_counts_only(void **state __attribute__((unused)))
{
	struct nvmx_core *c = core(PATCHED, true, true);
	const struct nvmx_hook_info *h = nvmx_core_hooks(c);
	char *buf;

	assert_true(nvmx_core_meta(c)->counts_only);
	assert_int_equal(h[NVMX_HOOK_GPC_LAT].method, NVMX_ATTACH_NONE);
	assert_string_equal(h[NVMX_HOOK_GPC_LAT].reason,
			    "not needed counting only (--counts-only): it only times calls");
	assert_int_equal(h[NVMX_HOOK_VCPU_MAP].method, NVMX_ATTACH_FENTRY);
	assert_string_equal(h[NVMX_HOOK_VCPU_MAP].reason,
			    "counting only, not loaded: fe_map (only times)");
	assert_string_equal(h[NVMX_HOOK_VCPU_UNMAP].reason,
			    "counting only, not loaded: fx_unmap (only times)");
	assert_string_equal(h[NVMX_HOOK_VMCS12_PAGES].reason, "");
	assert_string_equal(h[NVMX_HOOK_L2_ENTRY].reason, "");
	buf = output(c, NULL);
	printf("%s", buf);
	expect_all(buf, "BPF programs loaded, counting only (--counts-only: "
		   "no clock read, no histogram):\n",
		   "\n  l2_exit_to_l1  tpb_l2_exit_inj\n",
		   "\n  vcpu_map       fx_map; not loaded: fe_map (only times)\n",
		   "\n  vmcs12_pages   fe_vmcs12, fx_vmcs12\n",
		   "\n  gpc_latency    -\n", NULL);
	free(buf);
	nvmx_core_close(c);

	c = core(NOMAPS, false, true);
	h = nvmx_core_hooks(c);
	assert_int_equal(h[NVMX_HOOK_NESTED_CTX].method, NVMX_ATTACH_NONE);
	assert_string_equal(h[NVMX_HOOK_NESTED_CTX].reason,
			    "not needed counting only (--counts-only): no "
			    "kvm_vcpu_map/unmap hook needs its brackets");
	assert_string_equal(h[NVMX_HOOK_VMCS12_PAGES].reason,
			    "counting only, not loaded: fx_vmcs12 (only brackets "
			    "nested maps/unmaps, none hooked)");
	/* the count of nested_get_vmcs12_pages calls stays */
	assert_true(nvmx_metric_available(c, NVMX_M_VMCS12_CALLS, NULL));
	nvmx_core_close(c);

	/* full mode: as before, no note; gpc_latency is not needed on base */
	c = core(BASE, false, false);
	h = nvmx_core_hooks(c);
	assert_false(nvmx_core_meta(c)->counts_only);
	assert_string_equal(h[NVMX_HOOK_VCPU_MAP].reason, "");
	assert_string_equal(h[NVMX_HOOK_GPC_LAT].reason,
			    "not needed: gpc_refresh (fentry/fexit) measures the latency");
	nvmx_core_close(c);
}

/*
 * Counting only, the latency metrics and every histogram are
 * unavailable with one reason; every other metric, counter and
 * per-kind counter is available exactly when it is in full mode.
 */
static void check_metrics(const char *hooks, bool series)
{
	struct nvmx_core *full = core(hooks, series, false);
	struct nvmx_core *cnt = core(hooks, series, true);
	const char *wf, *wc;
	int m, n, k, h, lat = 0;

	for (m = 0; m < NVMX_M_NR; m++) {
		bool of = nvmx_metric_available(full, m, &wf);
		bool oc = nvmx_metric_available(cnt, m, &wc);

		if (nvmx_metric_src(m)->type == NVMX_SRC_PCTL) {
			assert_string_equal(nvmx_metric_def(m)->unit, "ns");
			assert_false(oc);
			assert_string_equal(wc, COUNTS_WHY);
			lat++;
			continue;
		}
		assert_int_equal(oc, of);
		if (!of)
			assert_string_equal(wc, wf);
	}
	assert_int_equal(lat, 12);
	for (h = 0; h < NVMX_H_NR; h++)
		assert_false(nvmx_hist_available(cnt, h));
	for (n = 0; n < NVMX_C_NR; n++)
		assert_int_equal(nvmx_ctr_available(cnt, n), nvmx_ctr_available(full, n));
	for (n = 0; n < NVMX_KCTR_NR; n++)
		for (k = -1; k <= NVMX_PAGE_UNKNOWN; k++)
			assert_int_equal(nvmx_kctr_available(cnt, n, k),
					 nvmx_kctr_available(full, n, k));
	nvmx_core_close(full);
	nvmx_core_close(cnt);
}

static void test_metrics_counts_only(void **state __attribute__((unused)))
{
	check_metrics(PATCHED, true);
	check_metrics(BASE, false);
	check_metrics(BASE_KP, false);
}

/* Top's JSON says counting only; the latencies are null or absent. */
static void test_json_counts_only(void **state __attribute__((unused)))
{
	struct nvmx_core *c = core(PATCHED, true, true);
	struct nvmx_snapshot *s;
	struct nvmx_vcpu_snap r;
	char *buf;

	make_row(&r, 10, 11, 0, K);
	r.ctr[NVMX_C_L2_ENTRIES] = 1101;
	row_hist_add(&r, NVMX_H_L2_ROUNDTRIP, 5000, K);
	assert_int_equal(nvmx_snapshot_build(&r, 1, K, 1000000000ULL, &s), 0);
	buf = output(c, s);
	expect_all(buf, "\"hist_k\":4,\"reasons\":false},\"counts_only\":true,\"unavailable\":[",
		   "\"l2_roundtrip_p50_ns\"", "\"l2_entries\":1101",
		   "\"latency_ns\":{}", NULL);
	free(buf);
	nvmx_core_close(c);

	/* full mode: no such key */
	c = core(PATCHED, true, false);
	buf = output(c, s);
	assert_null(strstr(buf, "counts_only"));
	assert_non_null(strstr(buf, "\"l2_roundtrip\":{\"count\":1,"));
	free(buf);
	nvmx_core_close(c);
	nvmx_snapshot_free(s);
	nvmx_vcpu_snap_fini(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_autoload_patched),
		cmocka_unit_test(test_autoload_base),
		cmocka_unit_test(test_hooks_counts_only),
		cmocka_unit_test(test_metrics_counts_only),
		cmocka_unit_test(test_json_counts_only),
	};

	libbpf_set_print(NULL);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
