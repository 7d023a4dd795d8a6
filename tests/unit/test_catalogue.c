// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The metric catalogue (tools/core/catalogue.h, catalogue.c): complete,
 * consistent, and with names that differ between outputs only where
 * they already did (so that a new metric cannot drift unnoticed); and
 * the math of the metrics API, e.g. the nested contexts' ctx_live.
 */
#include "testutil.h"
#include "core_priv.h"

#define K 4

/* Per source type: the bound of its index, the unit it gives (any: NULL). */
static const struct {
	int bound;
	const char *unit;
} src_want[] = {
	[NVMX_SRC_CTR] = { NVMX_C_NR, "/s" },
	[NVMX_SRC_DIFF] = { NVMX_C_NR, NULL },
	[NVMX_SRC_KSUM] = { NVMX_KCTR_NR, "/s" },
	[NVMX_SRC_PCTL] = { NVMX_H_NR, "ns" },
	[NVMX_SRC_SAVED] = { 1, "%" },
};

/*
 * Metrics m and n are series of one labelled exporter family: the same
 * label, other values.
 */
static bool same_family(enum nvmx_metric m, enum nvmx_metric n)
{
	const struct nvmx_prom_label *a = nvmx_metric_prom_label(m);
	const struct nvmx_prom_label *b = nvmx_metric_prom_label(n);

	if (!a || !b || strcmp(nvmx_metric_def(m)->prom, nvmx_metric_def(n)->prom))
		return false;
	assert_string_equal(a->label, b->label);
	assert_string_not_equal(a->value, b->value);
	return true;
}

static void test_metrics_complete(void **state __attribute__((unused)))
{
	int m, n;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);
		const struct nvmx_src *src = nvmx_metric_src(m);

		assert_int_equal(d->id, m);
		assert_non_null(d->name);
		assert_non_null(d->unit);
		assert_true(d->help && d->help[0]);
		for (n = 0; n < m; n++) {
			const struct nvmx_metric_def *o = nvmx_metric_def(n);

			assert_string_not_equal(d->name, o->name);
			if (d->column && o->column)
				assert_string_not_equal(d->column, o->column);
			if (d->prom && o->prom && !same_family(m, n))
				assert_string_not_equal(d->prom, o->prom);
			if (d->res && o->res)
				assert_string_not_equal(d->res, o->res);
		}
		/* top's columns are top's metrics */
		if (d->column)
			assert_true(d->top);
		/* results counters say what they are */
		if (d->res)
			assert_non_null(d->res_desc);
		/* the exporter exports counts and gauges only */
		if (d->prom)
			assert_true(nvmx_metric_is_count(m) || nvmx_metric_is_gauge(m));
		/* a source in range, fitting the unit */
		assert_true(src->a >= 0 && src->a < src_want[src->type].bound);
		if (src_want[src->type].unit)
			assert_string_equal(d->unit, src_want[src->type].unit);
		if (src->type == NVMX_SRC_DIFF)
			assert_true(src->b >= 0 && src->b < NVMX_C_NR);
		/* every metric needs some hook */
		assert_true(d->req.all[0] != 0);
	}
}

/* Each raw counter is read alone by one metric (its availability). */
static void test_ctr_owner(void **state __attribute__((unused)))
{
	int c, m, n;

	for (c = 0; c < NVMX_C_NR; c++) {
		if (c == NVMX_C_VCPU_ID)
			continue;
		for (n = 0, m = 0; m < NVMX_M_NR; m++)
			n += nvmx_metric_src(m)->type == NVMX_SRC_CTR &&
			     nvmx_metric_src(m)->a == c;
		assert_int_equal(n, 1);
	}
}

/* Each per-kind counter is the split of exactly one metric. */
static void test_splits(void **state __attribute__((unused)))
{
	int kc, m, n;

	for (kc = 0; kc < NVMX_KCTR_NR; kc++) {
		m = nvmx_kctr_metric(kc);
		assert_true(m >= 0);
		for (n = 0; n < NVMX_M_NR; n++)
			if (n != m)
				assert_int_not_equal(nvmx_metric_def(n)->split.kctr, kc);
		assert_non_null(nvmx_metric_def(m)->split.res);
		assert_non_null(nvmx_metric_def(m)->split.prom);
		assert_non_null(nvmx_metric_def(m)->split.help);
		/* a split sums up to its metric */
		assert_int_equal(nvmx_metric_src(m)->type, NVMX_SRC_KSUM);
		assert_int_equal(nvmx_metric_src(m)->a, kc);
	}
	/* split families are in the order of the per-kind counters */
	for (kc = 1; kc < NVMX_KCTR_NR; kc++)
		assert_true(nvmx_kctr_metric(kc - 1) < nvmx_kctr_metric(kc));
	assert_int_equal(nvmx_kctr_metric(NVMX_KCTR_NR), -1);
}

/* nvmx_results_counters is the set of metrics with a results name. */
static void test_results_order(void **state __attribute__((unused)))
{
	const enum nvmx_metric *p;
	int m, n;

	for (m = 0; m < NVMX_M_NR; m++) {
		for (n = 0, p = nvmx_results_counters; *p != NVMX_M_NR; p++)
			n += *p == (enum nvmx_metric)m;
		assert_int_equal(n, nvmx_metric_def(m)->res ? 1 : 0);
	}
}

/* The name a labelled series stands for: "<family>_<value>" */
static const char *prom_series(enum nvmx_metric m)
{
	static char buf[128];

	snprintf(buf, sizeof(buf), "%s_%s", nvmx_metric_def(m)->prom,
		 nvmx_metric_prom_label(m)->value);
	return buf;
}

/*
 * Where a metric is named differently in top's JSON, the results file
 * and the exporter (all before the catalogue; kept so that no stored
 * file, dashboard or script breaks).  Any other difference is a new
 * drift: name the metric the same everywhere, or add it here and to the
 * table in docs/metrics.md.
 */
static void test_known_drift(void **state __attribute__((unused)))
{
	static const struct {
		enum nvmx_metric m;
		const char *res, *prom;
	} drift[] = {
		{ NVMX_M_MAPS, "maps", "nested_maps" },
		{ NVMX_M_UNMAPS, "unmaps", "nested_unmaps" },
		{ NVMX_M_RELOADS, "reloads", "nested_state_reloads" },
		{ NVMX_M_PIO, "pio_exits", "pio_exits" },
		{ NVMX_M_HVA_UNMAPS, "hva_unmaps", "hva_invalidations" },
		{ NVMX_M_VCPU_MAPS, "vcpu_maps", "kvm_vcpu_maps" },
		{ NVMX_M_VCPU_UNMAPS, "vcpu_unmaps", "kvm_vcpu_unmaps" },
	};
	unsigned int i;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		for (i = 0; i < sizeof(drift) / sizeof(drift[0]); i++)
			if (drift[i].m == (enum nvmx_metric)m)
				break;
		if (i < sizeof(drift) / sizeof(drift[0])) {
			assert_string_equal(d->res, drift[i].res);
			assert_string_equal(d->prom, drift[i].prom);
			continue;
		}
		if (d->res)
			assert_string_equal(d->res, d->name);
		if (d->prom && nvmx_metric_prom_label(m))
			assert_string_equal(prom_series(m), d->name);
		else if (d->prom)
			assert_string_equal(d->prom, d->name);
	}
}

/*
 * Labelled exporter families: counters, their members consecutive, with
 * one HELP and label; the rest have none.
 */
static void test_prom_labels(void **state __attribute__((unused)))
{
	const struct nvmx_prom_label *pl;
	int m, o, n = 0;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		pl = nvmx_metric_prom_label(m);
		if (!pl)
			continue;
		n += !strcmp(d->prom, "gpc_stale");
		assert_true(nvmx_metric_is_count(m));
		assert_non_null(d->prom);
		assert_true(pl->label[0] && pl->value[0] && pl->help[0]);
		/* a family's later members follow the one before */
		for (o = 0; o < m - 1; o++)
			if (nvmx_metric_def(o)->prom && !strcmp(nvmx_metric_def(o)->prom, d->prom))
				break;
		if (o < m - 1) {
			assert_true(same_family(m - 1, m));
			assert_string_equal(nvmx_metric_prom_label(m - 1)->help, pl->help);
		}
	}
	/* the four refresh causes, in kvm_pfncache_stale's order */
	assert_int_equal(n, NVMX_STALE_CAUSES);
	for (m = 0; m < NVMX_STALE_CAUSES; m++) {
		static const char *const values[] = { "invalid", "memslot", "retarget", "valid" };
		enum nvmx_metric id = NVMX_M_GPC_STALE_INVALID + m;

		pl = nvmx_metric_prom_label(id);
		assert_non_null(pl);
		assert_string_equal(pl->label, "cause");
		assert_string_equal(pl->value, values[m]);
		assert_string_equal(nvmx_metric_def(id)->prom, "gpc_stale");
		assert_int_equal(nvmx_metric_src(id)->a, NVMX_C_GPC_STALE_INVALID + m);
	}
	assert_null(nvmx_metric_prom_label(NVMX_M_GPC_KICKS));
	assert_null(nvmx_metric_prom_label(NVMX_M_NR));
}

static void test_hists(void **state __attribute__((unused)))
{
	char want[64];
	int h, kind;

	for (h = 0; h < NVMX_H_NR; h++) {
		const struct nvmx_hist_def *d = nvmx_hist_def(h), *b;
		enum nvmx_hist base = nvmx_hist_split(h, &kind);

		assert_int_equal(d->id, h);
		assert_non_null(d->name);
		assert_string_equal(nvmx_hist_name(h), d->name);
		assert_true(nvmx_metric_src(d->avail)->type == NVMX_SRC_PCTL);
		b = nvmx_hist_def(base);
		if (kind < 0) {
			assert_int_equal(base, h);
			assert_non_null(d->res);
			assert_non_null(d->res_desc);
			assert_non_null(d->prom);
			assert_non_null(d->prom_help);
			assert_int_equal(nvmx_metric_src(d->avail)->a, h);
			continue;
		}
		/* a split: JSON "<base>_<kind>", measured with its base */
		assert_true(kind < NVMX_PAGE_KINDS);
		assert_int_equal(b->kind, -1);
		assert_non_null(b->kind_prom);
		assert_non_null(b->kind_prom_help);
		assert_int_equal(d->avail, b->avail);
		snprintf(want, sizeof(want), "%s_%s", b->name, nvmx_page_kind_name(kind));
		assert_string_equal(d->name, want);
	}
	assert_int_equal(nvmx_hist_split(NVMX_H_MAP_KIND(NVMX_PAGE_PI_DESC), &kind),
			 NVMX_H_MAP);
	assert_int_equal(kind, NVMX_PAGE_PI_DESC);
	assert_int_equal(nvmx_hist_split(NVMX_H_UNMAP, &kind), NVMX_H_UNMAP);
	assert_int_equal(kind, -1);
	assert_null(nvmx_hist_def(NVMX_H_NR));
	assert_string_equal(nvmx_page_kind_name(NVMX_PAGE_UNKNOWN), "unknown");
	assert_string_equal(nvmx_page_kind_name(NVMX_PAGE_VIRTUAL_APIC), "virtual_apic");
	/* kind 4 of the series' tracepoint (patch 12), before unknown */
	assert_int_equal(NVMX_PAGE_EVMCS, 4);
	assert_int_equal(NVMX_PAGE_KINDS, 5);
	assert_int_equal(NVMX_PAGE_UNKNOWN, 5);
	assert_string_equal(nvmx_page_kind_name(NVMX_PAGE_EVMCS), "evmcs");
	assert_string_equal(nvmx_page_kind_name(NVMX_PAGE_UNKNOWN + 1), "unknown");
	assert_string_equal(nvmx_hist_name(NVMX_H_MAP_KIND(NVMX_PAGE_EVMCS)),
			    "map_evmcs");
	assert_int_equal(nvmx_hist_split(NVMX_H_UNMAP_KIND(NVMX_PAGE_EVMCS), &kind),
			 NVMX_H_UNMAP);
	assert_int_equal(kind, NVMX_PAGE_EVMCS);
	assert_int_equal(NVMX_H_NR, NVMX_H_UNMAP_KIND(NVMX_PAGE_EVMCS) + 1);
}

/* The metrics API gives what the sinks used to compute themselves. */
static void test_api(void **state __attribute__((unused)))
{
	struct nvmx_vcpu_snap v;
	struct nvmx_hist_stats st;
	struct nvmx_prog_stats p = { .run_cnt = 4, .run_time_ns = 10 };
	bool ok;

	make_row(&v, 1, 1, 0, K);
	v.ctr[NVMX_C_EXITS] = 10;
	v.ctr[NVMX_C_L2_EXITS] = 12;
	v.kctr[NVMX_PAGE_PI_DESC][NVMX_K_ERRORS] = 3;
	v.kctr[NVMX_PAGE_UNKNOWN][NVMX_K_ERRORS] = 2;
	assert_int_equal(nvmx_metric_count(NULL, &v, NVMX_M_L1_EXITS, &ok), 0);
	assert_true(ok);
	assert_int_equal(nvmx_metric_count(NULL, &v, NVMX_M_NESTED_GPC_ERRORS, &ok), 5);
	assert_int_equal(nvmx_metric_kind_count(NULL, &v, NVMX_M_NESTED_GPC_ERRORS,
						NVMX_PAGE_PI_DESC, &ok), 3);
	assert_true(ok);
	nvmx_metric_kind_count(NULL, &v, NVMX_M_PIO, 0, &ok);
	assert_false(ok);
	nvmx_metric_count(NULL, &v, NVMX_M_SAVED_PCT, &ok);
	assert_false(ok);

	nvmx_row_hist_stats(&v, NVMX_H_KVM_RUN, K, &st);
	assert_int_equal(st.count, 0);
	assert_false(st.mean.ok || st.p50.ok);
	row_hist_add(&v, NVMX_H_KVM_RUN, 1000, K);
	row_hist_add(&v, NVMX_H_KVM_RUN, 2001, K);
	nvmx_row_hist_stats(&v, NVMX_H_KVM_RUN, K, &st);
	assert_int_equal(st.count, 2);
	assert_int_equal(st.sum, 3001);
	assert_true(st.mean.ok && st.mean.v == 1500.5);
	assert_true(st.p50.ok && st.p99.ok);
	nvmx_vcpu_snap_fini(&v);

	assert_true(nvmx_prog_stats_ns_per_run(&p) == 2.5);
	p.run_cnt = 0;
	assert_true(nvmx_prog_stats_ns_per_run(&p) == 0);
}

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

/* What the probes count for a kvm_pfncache_stale and a kvm_pfncache_kick. */
static void stale_event(struct nvmx_vcpu_snap *v, unsigned int cause)
{
	if (cause < NVMX_STALE_CAUSES)	/* a cause of a later ABI: none */
		v->ctr[NVMX_C_GPC_STALE_INVALID + cause]++;
}

static void kick_event(struct nvmx_vcpu_snap *v, unsigned int nr_vcpus)
{
	v->ctr[NVMX_C_GPC_KICK_EVENTS]++;
	v->ctr[NVMX_C_GPC_KICKS] += nr_vcpus;
}

static uint64_t count(const struct nvmx_vcpu_snap *v, enum nvmx_metric m)
{
	bool ok;
	uint64_t n = nvmx_metric_count(NULL, v, m, &ok);

	assert_true(ok);
	return n;
}

/*
 * Refresh causes and kicks: one count per cause, a cause of a later ABI
 * in none; kicks are vCPUs (nr_vcpus summed), kick events invalidations.
 */
static void test_cause_math(void **state __attribute__((unused)))
{
	struct nvmx_vcpu_snap v;
	struct nvmx_metric_val val;
	int i;

	make_row(&v, 1, 1, 0, K);
	for (i = 0; i < 3; i++)
		stale_event(&v, NVMX_STALE_INVALID);
	stale_event(&v, NVMX_STALE_MEMSLOT);
	stale_event(&v, NVMX_STALE_RETARGET);
	stale_event(&v, NVMX_STALE_RETARGET);
	stale_event(&v, NVMX_STALE_CAUSES);
	kick_event(&v, 2);
	kick_event(&v, 5);
	kick_event(&v, 0);
	assert_int_equal(count(&v, NVMX_M_GPC_STALE_INVALID), 3);
	assert_int_equal(count(&v, NVMX_M_GPC_STALE_MEMSLOT), 1);
	assert_int_equal(count(&v, NVMX_M_GPC_STALE_RETARGET), 2);
	assert_int_equal(count(&v, NVMX_M_GPC_STALE_VALID), 0);
	assert_int_equal(count(&v, NVMX_M_GPC_KICKS), 7);
	assert_int_equal(count(&v, NVMX_M_GPC_KICK_EVENTS), 3);
	/* counts: rates in the views, the cause column per second */
	val = nvmx_metric(NULL, &v, K, 2.0, NVMX_M_GPC_KICKS);
	assert_true(val.ok && val.v == 3.5);
	assert_int_equal(nvmx_metric_by_name("MSLOT/s"), NVMX_M_GPC_STALE_MEMSLOT);
	assert_int_equal(nvmx_metric_by_name("kick/s"), NVMX_M_GPC_KICKS);
	assert_int_equal(nvmx_metric_by_name("gpc_stale_retarget"), NVMX_M_GPC_STALE_RETARGET);
	for (i = NVMX_M_GPC_STALE_INVALID; i <= NVMX_M_GPC_KICK_EVENTS; i++) {
		assert_true(nvmx_metric_is_count(i));
		assert_true(nvmx_metric_def(i)->top);
		assert_string_equal(nvmx_metric_def(i)->res, nvmx_metric_def(i)->name);
	}
	nvmx_vcpu_snap_fini(&v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metrics_complete),
		cmocka_unit_test(test_ctr_owner),
		cmocka_unit_test(test_splits),
		cmocka_unit_test(test_results_order),
		cmocka_unit_test(test_known_drift),
		cmocka_unit_test(test_prom_labels),
		cmocka_unit_test(test_hists),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_live_math),
		cmocka_unit_test(test_metric_row),
		cmocka_unit_test(test_cause_math),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
