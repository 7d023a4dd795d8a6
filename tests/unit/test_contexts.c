// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Nested context metrics (kvm_nested_context, tracepoint ABI 2): the
 * counts, ctx_live = fills - evicts from the totals since attach (never
 * negative, recycles keep it), and how top's sink shows them: JSON
 * gauges, CSV, text columns only where the hook is attached.
 */
#include <json-c/json.h>
#include "testutil.h"

#define K 4

/* What the probes count for one kvm_nested_context event. */
static void ctx_event(struct nvmx_vcpu_snap *v, unsigned int op)
{
	static const int ctr[NVMX_CTX_OPS] = {
		[NVMX_CTX_REUSE] = NVMX_C_CTX_REUSE,
		[NVMX_CTX_FILL] = NVMX_C_CTX_FILL,
		[NVMX_CTX_RECYCLE] = NVMX_C_CTX_RECYCLE,
		[NVMX_CTX_EVICT] = NVMX_C_CTX_EVICT,
	};

	v->ctr[ctr[op]]++;
}

static uint64_t live(const struct nvmx_vcpu_snap *v)
{
	bool ok;
	uint64_t n = nvmx_metric_count(NULL, v, NVMX_M_CTX_LIVE, &ok);

	assert_true(ok);
	return n;
}

/* An L1 vCPU running K = 4 vmcs12s round robin with 2 contexts. */
static void test_live_math(void **state __attribute__((unused)))
{
	struct nvmx_vcpu_snap v;
	bool ok;
	int i;

	make_row(&v, 1, 1, 0, K);
	assert_int_equal(live(&v), 0);
	ctx_event(&v, NVMX_CTX_FILL);		/* A */
	ctx_event(&v, NVMX_CTX_FILL);		/* B */
	assert_int_equal(live(&v), 2);
	for (i = 0; i < 10; i++)		/* C, D, A, B, ...: LRU */
		ctx_event(&v, NVMX_CTX_RECYCLE);
	assert_int_equal(live(&v), 2);		/* recycles keep the number */
	ctx_event(&v, NVMX_CTX_REUSE);
	assert_int_equal(live(&v), 2);
	assert_int_equal(nvmx_metric_count(NULL, &v, NVMX_M_CTX_RECYCLE, &ok), 10);
	assert_int_equal(nvmx_metric_count(NULL, &v, NVMX_M_CTX_REUSE, &ok), 1);
	ctx_event(&v, NVMX_CTX_EVICT);		/* free_nested() */
	ctx_event(&v, NVMX_CTX_EVICT);
	assert_int_equal(live(&v), 0);
	/* evicts of contexts filled before attach: never negative */
	ctx_event(&v, NVMX_CTX_EVICT);
	assert_int_equal(live(&v), 0);
	assert_true(nvmx_metric_is_gauge(NVMX_M_CTX_LIVE));
	assert_false(nvmx_metric_is_count(NVMX_M_CTX_LIVE));
	assert_true(nvmx_metric_is_count(NVMX_M_CTX_FILL));
	nvmx_vcpu_snap_fini(&v);
}

/* A gauge comes from the totals, not from an interval's delta. */
static void test_metric_row(void **state __attribute__((unused)))
{
	struct nvmx_vcpu_snap d, t;
	struct nvmx_metric_val val;

	make_row(&d, 1, 1, 0, K);
	make_row(&t, 1, 1, 0, K);
	t.ctr[NVMX_C_CTX_FILL] = 5;
	t.ctr[NVMX_C_CTX_EVICT] = 1;
	d.ctr[NVMX_C_CTX_EVICT] = 1;		/* this interval: one evict */
	val = nvmx_metric_row(NULL, &d, &t, K, 2.0, NVMX_M_CTX_LIVE);
	assert_true(val.ok && val.v == 4);
	val = nvmx_metric_row(NULL, &d, NULL, K, 2.0, NVMX_M_CTX_LIVE);
	assert_false(val.ok);
	/* everything else is the interval's: a rate of d */
	val = nvmx_metric_row(NULL, &d, &t, K, 2.0, NVMX_M_CTX_EVICT);
	assert_true(val.ok && val.v == 0.5);
	nvmx_vcpu_snap_fini(&d);
	nvmx_vcpu_snap_fini(&t);
}

/* kvm_intel with the series; with or without kvm_nested_context. */
static struct nvmx_core *core(bool contexts)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true, .series = true,
				  .hist_k = K, .map_kinds = true };
	struct nvmx_core *c;
	int h;

	meta.hist_slots = nvmx_hist_slots(K);
	for (h = 0; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	st[NVMX_HOOK_GPC_USE].method = NVMX_ATTACH_SERIES_TP;
	if (contexts)
		st[NVMX_HOOK_NESTED_CONTEXT].method = NVMX_ATTACH_SERIES_TP;
	else
		st[NVMX_HOOK_NESTED_CONTEXT].absent = true;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	return c;
}

/* Totals: vCPU 0 filled 3 and evicted 1; the interval saw 1 fill. */
static void snaps(struct nvmx_snapshot **d, struct nvmx_snapshot **t)
{
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_snapshot *p;

	make_row(&rows[0], 50, 50, -1, K);
	make_row(&rows[1], 50, 51, 0, K);
	rows[1].ctr[NVMX_C_CTX_FILL] = 2;
	rows[1].ctr[NVMX_C_CTX_EVICT] = 1;
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 1000000000ULL, &p), 0);
	rows[1].ctr[NVMX_C_CTX_FILL] = 3;
	rows[1].ctr[NVMX_C_CTX_REUSE] = 7;
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 2000000000ULL, t), 0);
	assert_int_equal(nvmx_snapshot_delta(*t, p, d), 0);
	nvmx_snapshot_free(p);
	nvmx_vcpu_snap_fini(&rows[0]);
	nvmx_vcpu_snap_fini(&rows[1]);
}

static char *render(const struct nvmx_core *c, enum nvmx_sink_fmt fmt)
{
	struct nvmx_snapshot *d, *t;
	struct nvmx_sink_opts so = { .fmt = fmt, .per_vcpu = true, .interval_no = 1 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	snaps(&d, &t);
	assert_int_equal(nvmx_sink_write(f, c, d, t, 1.0, &so), 0);
	fclose(f);
	nvmx_snapshot_free(d);
	nvmx_snapshot_free(t);
	return buf;
}

static json_object *at(json_object *o, const char *k1, const char *k2)
{
	json_object *r = NULL;

	assert_true(json_object_object_get_ex(o, k1, &r));
	if (k2)
		assert_true(json_object_object_get_ex(r, k2, &r));
	return r;
}

static void test_json(void **state __attribute__((unused)))
{
	struct nvmx_core *c = core(true);
	char *out = render(c, NVMX_SINK_JSON);
	json_object *root = json_tokener_parse(out), *vm, *vc;

	assert_non_null(root);
	vm = json_object_array_get_idx(at(root, "vms", NULL), 0);
	assert_int_equal(json_object_get_int64(at(vm, "gauges", "ctx_live")), 2);
	assert_int_equal(json_object_get_int64(at(vm, "counts", "ctx_fill")), 1);
	assert_int_equal(json_object_get_int64(at(vm, "totals", "ctx_fill")), 3);
	assert_int_equal(json_object_get_int64(at(vm, "counts", "ctx_reuse")), 7);
	vc = json_object_array_get_idx(at(vm, "vcpus", NULL), 1);
	assert_int_equal(json_object_get_int64(at(vc, "gauges", "ctx_live")), 2);
	vc = json_object_array_get_idx(at(vm, "vcpus", NULL), 0);
	assert_int_equal(json_object_get_int64(at(vc, "gauges", "ctx_live")), 0);
	json_object_put(root);
	free(out);
	nvmx_core_close(c);

	/* no hook: null, and listed as unavailable */
	c = core(false);
	out = render(c, NVMX_SINK_JSON);
	root = json_tokener_parse(out);
	vm = json_object_array_get_idx(at(root, "vms", NULL), 0);
	assert_true(json_object_is_type(at(vm, "gauges", "ctx_live"), json_type_null));
	assert_true(json_object_is_type(at(vm, "counts", "ctx_fill"), json_type_null));
	assert_non_null(strstr(out, "\"ctx_reuse\",\"ctx_fill\",\"ctx_recycle\",\"ctx_evict\",\"ctx_live\"]"));
	json_object_put(root);
	free(out);
	nvmx_core_close(c);
}

/* CSV: ctx_live from the totals; text: the columns only with the hook. */
static void test_csv_text(void **state __attribute__((unused)))
{
	struct nvmx_core *c = core(true);
	char *out = render(c, NVMX_SINK_CSV), *nl;

	assert_non_null(strstr(out, ",ctx_reuse,ctx_fill,ctx_recycle,ctx_evict,ctx_live\n"));
	/* the vCPU's row ends with reuse 7, fill 1, recycle 0, evict 0, live 2 */
	nl = strstr(out, "\"t51\"");
	assert_non_null(nl);
	assert_non_null(strstr(nl, ",7,1,0,0,2\n"));
	free(out);
	out = render(c, NVMX_SINK_TEXT);
	assert_non_null(strstr(out, "CTXLIVE"));
	assert_non_null(strstr(out, "REUSE/s"));
	free(out);
	nvmx_core_close(c);

	c = core(false);
	out = render(c, NVMX_SINK_TEXT);
	assert_null(strstr(out, "CTXLIVE"));
	assert_null(strstr(out, "REUSE/s"));
	free(out);
	out = render(c, NVMX_SINK_CSV);
	assert_non_null(strstr(out, ",ctx_reuse,ctx_fill,ctx_recycle,ctx_evict,ctx_live\n"));
	nl = strstr(out, "\"t51\"");
	assert_non_null(strstr(nl, ",,,,,\n"));
	free(out);
	nvmx_core_close(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_live_math),
		cmocka_unit_test(test_metric_row),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_csv_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
