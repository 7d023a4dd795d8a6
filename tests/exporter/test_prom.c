// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Unit tests of the Prometheus text exposition (tools/exporter/prom.c):
 * exact series values from snapshots built with known rows, label
 * escaping, cumulative histogram buckets, sums and counts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nvmx_core.h"
#include "keep.h"
#include "prom.h"

#define K 4

struct rendered {
	char *buf;
	size_t len;
};

/* What the exporter writes for s with core c (NULL: none). */
static void render_core(const struct nvmx_core *c, const struct nvmx_snapshot *s,
			struct rendered *r, bool per_vcpu)
{
	FILE *f = open_memstream(&r->buf, &r->len);

	assert_non_null(f);
	assert_int_equal(nvmx_prom_write(f, c, s, per_vcpu), 0);
	assert_int_equal(fclose(f), 0);
}

static void render_opt(const struct nvmx_snapshot *s, struct rendered *r,
		       bool per_vcpu)
{
	render_core(NULL, s, r, per_vcpu);
}

static void render(const struct nvmx_snapshot *s, struct rendered *r)
{
	render_opt(s, r, true);
}

/* The whole line "<series> <value>\n" must be present exactly once. */
static void assert_line(const struct rendered *r, const char *line)
{
	size_t n = strlen(line);
	const char *p = r->buf, *hit = NULL;
	int hits = 0;

	while ((p = strstr(p, line))) {
		if ((p == r->buf || p[-1] == '\n') && p[n] == '\n') {
			hits++;
			hit = p;
		}
		p += n;
	}
	if (hits != 1)
		fail_msg("line '%s' found %d times in:\n%s", line, hits, r->buf);
	(void)hit;
}

static void row(struct nvmx_vcpu_snap *v, uint32_t tgid, uint32_t tid,
		const char *comm)
{
	assert_int_equal(nvmx_vcpu_snap_init(v, nvmx_hist_slots(K)), 0);
	v->tgid = tgid;
	v->tid = tid;
	v->vcpu_id = -1;
	snprintf(v->comm, sizeof(v->comm), "%s", comm);
}

/* A test's rows, the snapshot built of them and its rendered text. */
struct fixture {
	struct nvmx_vcpu_snap rows[3];
	size_t nrows;
	struct nvmx_snapshot *s;
	struct rendered r;
};

static void add_row(struct fixture *f, uint32_t tgid, uint32_t tid,
		    const char *comm)
{
	assert_true(f->nrows < sizeof(f->rows) / sizeof(f->rows[0]));
	row(&f->rows[f->nrows++], tgid, tid, comm);
}

/* Build the snapshot of the rows and render it (per vCPU). */
static void build_render(struct fixture *f)
{
	assert_int_equal(nvmx_snapshot_build(f->nrows ? f->rows : NULL, f->nrows,
					     K, 1, &f->s), 0);
	render(f->s, &f->r);
}

static void free_fixture(struct fixture *f)
{
	free(f->r.buf);
	nvmx_snapshot_free(f->s);
	while (f->nrows)
		nvmx_vcpu_snap_fini(&f->rows[--f->nrows]);
}

static void add_value(struct nvmx_vcpu_snap *v, enum nvmx_hist h, uint64_t ns)
{
	v->hist[h][nvmx_hist_index(ns, K)]++;
	v->hsum[h] += ns;
}

static void test_counters_per_vm(void **state)
{
	struct fixture f = {};

	(void)state;
	/* VM 100: two vCPU threads; VM 200: one thread. */
	add_row(&f, 100, 101, "qemu-a");
	add_row(&f, 100, 100, "qemu-a");
	add_row(&f, 200, 200, "vmm \"b\"\\x");
	f.rows[0].ctr[NVMX_C_PIO] = 1000;
	f.rows[1].ctr[NVMX_C_PIO] = 234;
	f.rows[2].ctr[NVMX_C_PIO] = 7;
	f.rows[0].ctr[NVMX_C_USER_EXITS] = 1001;
	f.rows[1].ctr[NVMX_C_PVCLOCK] = 5;
	f.rows[2].ctr[NVMX_C_HVA_UNMAPS] = 3;
	f.rows[0].ctr[NVMX_C_EXITS] = 50;
	f.rows[0].ctr[NVMX_C_L2_EXITS] = 20;
	f.rows[0].kctr[NVMX_PAGE_MSR_BITMAP][NVMX_K_HITS] = 11;
	f.rows[1].kctr[NVMX_PAGE_MSR_BITMAP][NVMX_K_HITS] = 1;
	f.rows[0].kctr[NVMX_PAGE_UNKNOWN][NVMX_K_MAPS] = 9;
	f.rows[0].vcpu_id = 3;
	build_render(&f);

	assert_line(&f.r, "nvmx_gpc_pio_exits_total{pid=\"100\",comm=\"qemu-a\"} 1234");
	assert_line(&f.r, "nvmx_gpc_pio_exits_total{pid=\"200\",comm=\"vmm \\\"b\\\"\\\\x\"} 7");
	assert_line(&f.r, "nvmx_gpc_userspace_exits_total{pid=\"100\",comm=\"qemu-a\"} 1001");
	assert_line(&f.r, "nvmx_gpc_pvclock_updates_total{pid=\"100\",comm=\"qemu-a\"} 5");
	assert_line(&f.r, "nvmx_gpc_hva_invalidations_total{pid=\"200\",comm=\"vmm \\\"b\\\"\\\\x\"} 3");
	/* L1 exits = kvm_exit - kvm_nested_vmexit */
	assert_line(&f.r, "nvmx_gpc_l1_exits_total{pid=\"100\",comm=\"qemu-a\"} 30");
	assert_line(&f.r, "nvmx_gpc_gpc_hits_total{pid=\"100\",comm=\"qemu-a\"} 12");
	assert_line(&f.r, "nvmx_gpc_page_gpc_hits_total{pid=\"100\",comm=\"qemu-a\",kind=\"msr_bitmap\"} 12");
	assert_line(&f.r, "nvmx_gpc_page_gpc_hits_total{pid=\"100\",comm=\"qemu-a\",kind=\"pi_desc\"} 0");
	assert_line(&f.r, "nvmx_gpc_page_maps_total{pid=\"100\",comm=\"qemu-a\",kind=\"unknown\"} 9");
	assert_line(&f.r, "# TYPE nvmx_gpc_pio_exits_total counter");
	/* saved is the same number as gpc hits: exported once */
	assert_null(strstr(f.r.buf, "nvmx_gpc_saved"));
	/* percentiles are exported as histograms, not gauges */
	assert_null(strstr(f.r.buf, "p50"));
	/* per thread: the same families named nvmx_gpc_vcpu_*, label tid */
	assert_line(&f.r, "nvmx_gpc_vcpu_pio_exits_total{pid=\"100\",comm=\"qemu-a\",tid=\"100\"} 234");
	assert_line(&f.r, "nvmx_gpc_vcpu_pio_exits_total{pid=\"100\",comm=\"qemu-a\",tid=\"101\"} 1000");
	assert_line(&f.r, "nvmx_gpc_vcpu_pio_exits_total{pid=\"200\",comm=\"vmm \\\"b\\\"\\\\x\",tid=\"200\"} 7");
	assert_line(&f.r, "nvmx_gpc_vcpu_l1_exits_total{pid=\"100\",comm=\"qemu-a\",tid=\"101\"} 30");
	assert_line(&f.r, "nvmx_gpc_vcpu_page_gpc_hits_total{pid=\"100\",comm=\"qemu-a\",tid=\"101\",kind=\"msr_bitmap\"} 11");
	assert_line(&f.r, "nvmx_gpc_vcpu_page_gpc_hits_total{pid=\"100\",comm=\"qemu-a\",tid=\"100\",kind=\"msr_bitmap\"} 1");
	assert_line(&f.r, "# TYPE nvmx_gpc_vcpu_pio_exits_total counter");
	/* tid -> vCPU id: known for 101, not (yet) for 100 */
	assert_line(&f.r, "nvmx_gpc_vcpu_info{pid=\"100\",comm=\"qemu-a\",tid=\"101\",thread=\"qemu-a\",vcpu=\"3\"} 1");
	assert_line(&f.r, "nvmx_gpc_vcpu_info{pid=\"100\",comm=\"qemu-a\",tid=\"100\",thread=\"qemu-a\",vcpu=\"\"} 1");
	free(f.r.buf);
	/* --no-per-vcpu: none of them */
	render_opt(f.s, &f.r, false);
	assert_line(&f.r, "nvmx_gpc_pio_exits_total{pid=\"100\",comm=\"qemu-a\"} 1234");
	assert_null(strstr(f.r.buf, "nvmx_gpc_vcpu_"));
	assert_null(strstr(f.r.buf, "tid=\""));

	free_fixture(&f);
}

static void test_histogram(void **state)
{
	struct fixture f = {};

	(void)state;
	add_row(&f, 300, 300, "vm");
	add_row(&f, 300, 301, "vm");
	/* 127 ns is the first bound (inclusive), 128 the next bucket. */
	add_value(&f.rows[0], NVMX_H_KVM_RUN, 5);
	add_value(&f.rows[0], NVMX_H_KVM_RUN, 127);
	add_value(&f.rows[1], NVMX_H_KVM_RUN, 128);
	add_value(&f.rows[1], NVMX_H_KVM_RUN, 8191);	/* <= 2^13 - 1 */
	add_value(&f.rows[1], NVMX_H_KVM_RUN, 8192);	/* <= 2^14 - 1 */
	add_value(&f.rows[1], NVMX_H_KVM_RUN, 1ULL << 40);	/* only +Inf */
	build_render(&f);

	assert_line(&f.r, "# TYPE nvmx_gpc_kvm_run_duration_seconds histogram");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"1.27e-07\"} 2");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"2.55e-07\"} 3");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"4.095e-06\"} 3");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"8.191e-06\"} 4");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"1.6383e-05\"} 5");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"68.719476735\"} 5");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",le=\"+Inf\"} 6");
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_count{pid=\"300\",comm=\"vm\"} 6");
	/* 5 + 127 + 128 + 8191 + 8192 + 2^40 ns */
	assert_line(&f.r, "nvmx_gpc_kvm_run_duration_seconds_sum{pid=\"300\",comm=\"vm\"} 1099.511644419");
	/* every other histogram is present and empty */
	assert_line(&f.r, "nvmx_gpc_l2_roundtrip_seconds_count{pid=\"300\",comm=\"vm\"} 0");
	/* per thread: 300 has 5 and 127 ns, 301 the rest */
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",tid=\"300\",le=\"1.27e-07\"} 2");
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_count{pid=\"300\",comm=\"vm\",tid=\"300\"} 2");
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_sum{pid=\"300\",comm=\"vm\",tid=\"300\"} 0.000000132");
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",tid=\"301\",le=\"1.27e-07\"} 0");
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",tid=\"301\",le=\"1.6383e-05\"} 3");
	assert_line(&f.r, "nvmx_gpc_vcpu_kvm_run_duration_seconds_bucket{pid=\"300\",comm=\"vm\",tid=\"301\",le=\"+Inf\"} 4");
	assert_line(&f.r, "# TYPE nvmx_gpc_vcpu_kvm_run_duration_seconds histogram");

	free_fixture(&f);
}

static void test_bucket_bounds_are_slot_bounds(void **state)
{
	(void)state;
	/* Every le bound must end a slot for every k: exact cumulative counts. */
	for (unsigned int k = 0; k <= NVMX_HIST_K_MAX; k++)
		for (unsigned int j = NVMX_PROM_LE_MIN; j <= NVMX_PROM_LE_MAX; j++) {
			uint64_t le = (1ULL << j) - 1;

			assert_int_equal(nvmx_hist_upper(nvmx_hist_index(le, k), k), le);
		}
}

static void test_empty_snapshot(void **state)
{
	struct fixture f = {};

	(void)state;
	build_render(&f);
	/* families are declared, no samples */
	assert_line(&f.r, "# TYPE nvmx_gpc_pio_exits_total counter");
	assert_null(strstr(f.r.buf, "pid=\""));
	free_fixture(&f);
}

/*
 * Every histogram of the core is exported, whatever its number: the
 * families follow enum nvmx_hist, so one the core adds later (its name
 * from nvmx_hist_name()) needs no change in the exporter.
 */
static void test_every_histogram(void **state)
{
	struct nvmx_vcpu_snap v;
	struct nvmx_snapshot *s;
	struct rendered r = {};
	char line[160];
	int h, series = 0;
	const char *p, *e;

	(void)state;
	row(&v, 400, 400, "vm");
	for (h = 0; h < NVMX_H_NR; h++)
		add_value(&v, h, 1000 + h);
	assert_int_equal(nvmx_snapshot_build(&v, 1, K, 1, &s), 0);
	render_opt(s, &r, false);
	/* one _count series per histogram, each holding its one value */
	for (p = r.buf; (p = strstr(p, "_count{pid=\"400\",comm=\"vm\"")); p = e) {
		e = strchr(p, '\n');
		assert_non_null(e);
		assert_memory_equal(e - 3, "} 1", 3);
		series++;
	}
	assert_int_equal(series, NVMX_H_NR);
	snprintf(line, sizeof(line), "nvmx_gpc_kvm_run_duration_seconds_sum{pid=\"400\",comm=\"vm\"} %.9f",
		 1000e-9);
	assert_line(&r, line);
	/* "<base>_<kind>" histograms are the kind series of nvmx_gpc_page_<base>_... */
	snprintf(line, sizeof(line),
		 "nvmx_gpc_page_map_duration_seconds_sum{pid=\"400\",comm=\"vm\",kind=\"pi_desc\"} %.9f",
		 (1000.0 + NVMX_H_MAP_KIND(NVMX_PAGE_PI_DESC)) * 1e-9);
	assert_line(&r, line);
	assert_line(&r, "# TYPE nvmx_gpc_page_unmap_duration_seconds histogram");
	assert_line(&r, "nvmx_gpc_nested_unmap_duration_seconds_count{pid=\"400\",comm=\"vm\"} 1");
	free(r.buf);
	nvmx_snapshot_free(s);
	nvmx_vcpu_snap_fini(&v);
}

/* Processes the keep test pretends have exited. */
static uint32_t gone_tgids[4];

static bool fake_gone(uint32_t tgid)
{
	for (unsigned int i = 0; i < 4; i++)
		if (gone_tgids[i] == tgid)
			return true;
	return false;
}

static struct nvmx_snapshot *snap2(uint32_t tgid1, uint64_t pio1, uint32_t tgid2,
				   uint64_t pio2)
{
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_snapshot *s;
	size_t n = 0;

	if (tgid1) {
		row(&rows[n], tgid1, tgid1 + 1, "vm-a");
		rows[n].ctr[NVMX_C_PIO] = pio1;
		add_value(&rows[n], NVMX_H_KVM_RUN, 1000);
		n++;
	}
	if (tgid2) {
		row(&rows[n], tgid2, tgid2, "vm-b");
		rows[n].ctr[NVMX_C_PIO] = pio2;
		n++;
	}
	assert_int_equal(nvmx_snapshot_build(rows, n, K, 1, &s), 0);
	while (n)
		nvmx_vcpu_snap_fini(&rows[--n]);
	return s;
}

static void render_view(struct nvmx_keep *k, struct nvmx_snapshot *s, double now,
			struct rendered *r)
{
	const struct nvmx_snapshot *view;

	assert_int_equal(nvmx_keep_apply(k, s, now, &view), 0);
	render(view, r);
	if (view != s)
		nvmx_snapshot_free((struct nvmx_snapshot *)view);
	nvmx_snapshot_free(s);
}

/*
 * A VM that exits: its final counts stay exported for keep_secs after the
 * core gave its rows back (they are no longer in the snapshots), then go.
 */
static void test_keep_exited(void **state)
{
	struct nvmx_keep *k = nvmx_keep_new(10, fake_gone);
	struct rendered r = {};

	(void)state;
	assert_non_null(k);
	memset(gone_tgids, 0, sizeof(gone_tgids));
	/* t=0: both alive */
	render_view(k, snap2(100, 5, 200, 7), 0, &r);
	assert_int_equal(nvmx_keep_count(k), 0);
	free(r.buf);
	/* t=1: 100 has exited; this snapshot still has its final values */
	gone_tgids[0] = 100;
	render_view(k, snap2(100, 6, 200, 8), 1, &r);
	assert_int_equal(nvmx_keep_count(k), 1);
	assert_line(&r, "nvmx_gpc_pio_exits_total{pid=\"100\",comm=\"vm-a\"} 6");
	free(r.buf);
	/* t=5: the core pruned 100's rows; the kept copy is exported */
	render_view(k, snap2(0, 0, 200, 9), 5, &r);
	assert_line(&r, "nvmx_gpc_pio_exits_total{pid=\"100\",comm=\"vm-a\"} 6");
	assert_line(&r, "nvmx_gpc_vcpu_pio_exits_total{pid=\"100\",comm=\"vm-a\",tid=\"101\"} 6");
	assert_line(&r, "nvmx_gpc_kvm_run_duration_seconds_count{pid=\"100\",comm=\"vm-a\"} 1");
	assert_line(&r, "nvmx_gpc_pio_exits_total{pid=\"200\",comm=\"vm-b\"} 9");
	free(r.buf);
	/* t=11: 10 s after it was seen gone: dropped */
	render_view(k, snap2(0, 0, 200, 9), 11, &r);
	assert_int_equal(nvmx_keep_count(k), 0);
	assert_null(strstr(r.buf, "pid=\"100\""));
	free(r.buf);
	/* a new process that reuses a kept PID replaces the kept copy */
	gone_tgids[0] = 300;
	render_view(k, snap2(300, 4, 0, 0), 12, &r);
	free(r.buf);
	gone_tgids[0] = 0;
	render_view(k, snap2(300, 1, 0, 0), 13, &r);
	assert_int_equal(nvmx_keep_count(k), 0);
	assert_line(&r, "nvmx_gpc_pio_exits_total{pid=\"300\",comm=\"vm-a\"} 1");
	free(r.buf);
	nvmx_keep_free(k);
}

/*
 * Nested contexts: counters, and contexts live as a gauge (fills -
 * evicts of the cumulative rows, never negative) per VM and per thread.
 */
static void test_contexts(void **state)
{
	struct fixture f = {};

	(void)state;
	add_row(&f, 100, 101, "qemu-a");
	add_row(&f, 100, 100, "qemu-a");
	f.rows[0].ctr[NVMX_C_CTX_FILL] = 4;
	f.rows[0].ctr[NVMX_C_CTX_RECYCLE] = 9;
	f.rows[0].ctr[NVMX_C_CTX_REUSE] = 12;
	f.rows[0].ctr[NVMX_C_CTX_EVICT] = 1;
	/* vCPU destruction ran on the main thread: its evicts */
	f.rows[1].ctr[NVMX_C_CTX_EVICT] = 2;
	build_render(&f);
	assert_line(&f.r, "# TYPE nvmx_gpc_ctx_live gauge");
	assert_line(&f.r, "nvmx_gpc_ctx_live{pid=\"100\",comm=\"qemu-a\"} 1");
	assert_line(&f.r, "# TYPE nvmx_gpc_vcpu_ctx_live gauge");
	assert_line(&f.r, "nvmx_gpc_vcpu_ctx_live{pid=\"100\",comm=\"qemu-a\",tid=\"101\"} 3");
	assert_line(&f.r, "nvmx_gpc_vcpu_ctx_live{pid=\"100\",comm=\"qemu-a\",tid=\"100\"} 0");
	assert_line(&f.r, "# TYPE nvmx_gpc_ctx_recycle_total counter");
	assert_line(&f.r, "nvmx_gpc_ctx_recycle_total{pid=\"100\",comm=\"qemu-a\"} 9");
	assert_line(&f.r, "nvmx_gpc_ctx_reuse_total{pid=\"100\",comm=\"qemu-a\"} 12");
	assert_line(&f.r, "nvmx_gpc_vcpu_ctx_evict_total{pid=\"100\",comm=\"qemu-a\",tid=\"100\"} 2");
	assert_null(strstr(f.r.buf, "nvmx_gpc_ctx_live_total"));
	free_fixture(&f);
}

static void test_counter_names(void **state)
{
	char buf[96];

	(void)state;
	assert_string_equal(nvmx_prom_counter_name(NVMX_M_PIO, buf, sizeof(buf)),
			    "nvmx_gpc_pio_exits_total");
	/* a labelled series: its family's name */
	assert_string_equal(nvmx_prom_counter_name(NVMX_M_GPC_STALE_RETARGET, buf, sizeof(buf)),
			    "nvmx_gpc_gpc_stale_total");
	assert_null(nvmx_prom_counter_name(NVMX_M_SAVED_PCT, buf, sizeof(buf)));
	assert_null(nvmx_prom_counter_name(NVMX_M_KVM_RUN_P99, buf, sizeof(buf)));
	for (int m = 0; m < NVMX_M_NR; m++) {
		const char *n = nvmx_prom_counter_name(m, buf, sizeof(buf));

		if (!n)
			continue;
		assert_int_equal(strncmp(n, "nvmx_gpc_", 9), 0);
		assert_string_equal(n + strlen(n) - 6, "_total");
		assert_int_equal(strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_"),
				 strlen(n));
	}
}

/*
 * nSVM (kvm_amd, 6.1): the nVMX families are not exported at all (not
 * as 0); every kvm_vcpu_map is (nvmx_gpc_kvm_vcpu_maps_total).
 */
static void test_unavailable_not_exported(void **state)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_amd", .nested = true, .hist_k = K };
	struct nvmx_vcpu_snap row;
	struct nvmx_snapshot *s;
	struct nvmx_core *c;
	struct rendered r;
	int h;

	(void)state;
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = NVMX_HOOK_L2_ENTRY; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	st[NVMX_HOOK_VCPU_MAP].method = NVMX_ATTACH_FENTRY;
	st[NVMX_HOOK_VCPU_UNMAP].method = NVMX_ATTACH_FENTRY;
	for (h = NVMX_HOOK_GPC_USE; h < NVMX_HOOK_NR; h++)
		st[h].absent = st[h].method == NVMX_ATTACH_NONE;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	assert_int_equal(nvmx_vcpu_snap_init(&row, nvmx_hist_slots(K)), 0);
	row.tgid = row.tid = 500;
	snprintf(row.comm, sizeof(row.comm), "vm-svm");
	row.ctr[NVMX_C_MAPS_ALL] = 3;
	row.ctr[NVMX_C_UNMAPS_ALL] = 3;
	assert_int_equal(nvmx_snapshot_build(&row, 1, K, 1, &s), 0);
	snprintf(s->vms[0].comm, sizeof(s->vms[0].comm), "vm-svm");
	nvmx_vcpu_snap_fini(&row);
	render_core(c, s, &r, false);
	assert_null(strstr(r.buf, "nvmx_gpc_nested_maps_total"));
	assert_null(strstr(r.buf, "nvmx_gpc_nested_unmaps_total"));
	assert_null(strstr(r.buf, "nvmx_gpc_gpc_refreshes_total"));
	assert_null(strstr(r.buf, "nvmx_gpc_gpc_activations_total"));
	assert_null(strstr(r.buf, "nvmx_gpc_page_"));
	assert_null(strstr(r.buf, "nested_map_duration"));
	assert_line(&r, "nvmx_gpc_kvm_vcpu_maps_total{pid=\"500\",comm=\"vm-svm\"} 3");
	assert_line(&r, "nvmx_gpc_kvm_vcpu_unmaps_total{pid=\"500\",comm=\"vm-svm\"} 3");
	assert_line(&r, "nvmx_gpc_hook_attached{hook=\"vmcs12_pages\",method=\"none\"} 0");
	free(r.buf);
	nvmx_snapshot_free(s);
	nvmx_core_close(c);
}

/* Add the exits of one code to row v; the reason in v (until the next add). */
static struct nvmx_reason_snap *add_reason(struct nvmx_vcpu_snap *v, uint32_t isa,
					   uint32_t code, uint64_t exits,
					   uint64_t l2_exits, uint64_t reflected,
					   uint64_t synth)
{
	struct nvmx_reason_snap r = { .isa = isa, .code = code };

	r.v.n[NVMX_RC_EXITS] = exits;
	r.v.n[NVMX_RC_L2_EXITS] = l2_exits;
	r.v.n[NVMX_RC_REFLECTED] = reflected;
	r.v.n[NVMX_RC_SYNTH] = synth;
	assert_int_equal(nvmx_vcpu_reason_add(v, &r), 0);
	return (struct nvmx_reason_snap *)nvmx_vcpu_reason(v, isa, code);
}

/* n latency samples of ns each in log2 slot (the probes' bucket of ns) */
static void add_rlat(struct nvmx_reason_snap *r, enum nvmx_rpath p,
		     unsigned int slot, uint64_t n, uint64_t ns)
{
	r->v.lat[p][slot] += n;
	r->v.lat_sum[p] += n * ns;
	if (ns > r->v.lat_max[p])
		r->v.lat_max[p] = ns;
}

#define VMCALL 18		/* VMX: EXIT_REASON_VMCALL */
#define VMMCALL 0x81		/* SVM: SVM_EXIT_VMMCALL, "hypercall" */
#define NONAME1 0xfff0		/* VMX codes no table names: reason="other" */
#define NONAME2 0xfff1

/* The rows of test_reasons: VM 100 (VMX, two threads), VM 200 (SVM). */
static void reason_rows(struct fixture *f)
{
	struct nvmx_reason_snap *r;

	add_row(f, 100, 101, "qemu-a");
	add_row(f, 100, 100, "qemu-a");
	add_row(f, 200, 200, "vm \"b\"");
	/* l1 4, l2_l0 2, l2_l1 4, synth 0 */
	r = add_reason(&f->rows[0], NVMX_ISA_VMX, VMCALL, 10, 6, 4, 0);
	add_rlat(r, NVMX_RP_L1, 10, 3, 1500);		/* [1024, 2048) ns */
	add_rlat(r, NVMX_RP_L1, 12, 1, 5000);		/* [4096, 8192) ns */
	add_rlat(r, NVMX_RP_L2_L1, 15, 4, 40000);
	r = add_reason(&f->rows[0], NVMX_ISA_VMX, NONAME1, 5, 0, 0, 0);
	add_rlat(r, NVMX_RP_L1, 8, 5, 300);
	r = add_reason(&f->rows[0], NVMX_ISA_VMX, NONAME2, 5, 2, 0, 0);
	add_rlat(r, NVMX_RP_L1, 8, 1, 300);
	/* the other thread: one more VMCALL of L1 (1 ns), one code unread */
	r = add_reason(&f->rows[1], NVMX_ISA_VMX, VMCALL, 1, 0, 0, 0);
	add_rlat(r, NVMX_RP_L1, 0, 1, 1);
	add_reason(&f->rows[1], NVMX_ISA_VMX, ~0U, 1, 0, 0, 0);
	/* SVM: l2_l0 3, synth 3 (one of 2^31 ns or more: only in +Inf) */
	r = add_reason(&f->rows[2], NVMX_ISA_SVM, VMMCALL, 3, 3, 0, 3);
	add_rlat(r, NVMX_RP_SYNTH, 7, 2, 200);
	add_rlat(r, NVMX_RP_SYNTH, 31, 1, 1ULL << 32);
}

#define VMCALL_S(p) "{pid=\"100\",comm=\"qemu-a\",isa=\"vmx\",reason=\"VMCALL\",path=\"" p "\""
#define OTHER_S(p) "{pid=\"100\",comm=\"qemu-a\",isa=\"vmx\",reason=\"other\",path=\"" p "\""
#define UNKNOWN_S(p) "{pid=\"100\",comm=\"qemu-a\",isa=\"vmx\",reason=\"unknown\",path=\"" p "\""
#define VMMCALL_S(p) "{pid=\"200\",comm=\"vm \\\"b\\\"\",isa=\"svm\",reason=\"hypercall\",path=\"" p "\""

static void assert_reason_counts(const struct rendered *r)
{
	assert_line(r, "# TYPE nvmx_gpc_exits_total counter");
	/* per VM: both threads' VMCALLs */
	assert_line(r, "nvmx_gpc_exits_total" VMCALL_S("l1") "} 5");
	assert_line(r, "nvmx_gpc_exits_total" VMCALL_S("l2_l0") "} 2");
	assert_line(r, "nvmx_gpc_exits_total" VMCALL_S("l2_l1") "} 4");
	/* the codes without a name are one series: 5 + 3 L1, 2 L2 exits */
	assert_line(r, "nvmx_gpc_exits_total" OTHER_S("l1") "} 8");
	assert_line(r, "nvmx_gpc_exits_total" OTHER_S("l2_l0") "} 2");
	assert_null(strstr(r->buf, "reason=\"0x"));
	assert_line(r, "nvmx_gpc_exits_total" UNKNOWN_S("l1") "} 1");
	assert_line(r, "nvmx_gpc_exits_total" VMMCALL_S("l2_l0") "} 3");
	assert_line(r, "nvmx_gpc_exits_total" VMMCALL_S("synth") "} 3");
	/* no series for a count of 0 */
	assert_null(strstr(r->buf, VMCALL_S("synth")));
	assert_null(strstr(r->buf, OTHER_S("l2_l1")));
	assert_null(strstr(r->buf, VMMCALL_S("l1")));
	assert_null(strstr(r->buf, VMMCALL_S("l2_l1")));
	/* per VM only */
	assert_null(strstr(r->buf, "nvmx_gpc_vcpu_exit"));
}

/* Lines of r that start with prefix */
static int count_lines(const struct rendered *r, const char *prefix)
{
	size_t n = strlen(prefix);
	const char *p;
	int hits = 0;

	for (p = r->buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
		if (!strncmp(p, prefix, n))
			hits++;
	return hits;
}

#define LAT_B "nvmx_gpc_exit_latency_seconds_bucket"

static void assert_reason_hists(const struct rendered *r)
{
	assert_line(r, "# TYPE nvmx_gpc_exit_latency_seconds histogram");
	/* VMCALL l1: 1 ns, 3 in [1024, 2048) ns, 1 in [4096, 8192) ns */
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"1.27e-07\"} 1");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"1.023e-06\"} 1");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"2.047e-06\"} 4");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"4.095e-06\"} 4");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"8.191e-06\"} 5");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"1.6383e-05\"} 5");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"2.147483647\"} 5");
	assert_line(r, LAT_B VMCALL_S("l1") ",le=\"+Inf\"} 5");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_count" VMCALL_S("l1") "} 5");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_sum" VMCALL_S("l1") "} 0.000009501");
	/* every series: the bounds 2^7 - 1 .. 2^31 - 1 ns and +Inf */
	assert_int_equal(count_lines(r, LAT_B VMCALL_S("l1")), 26);
	assert_int_equal(count_lines(r, LAT_B VMMCALL_S("synth")), 26);
	assert_null(strstr(r->buf, ",le=\"6.3e-08\""));
	assert_line(r, LAT_B VMCALL_S("l2_l1") ",le=\"3.2767e-05\"} 0");
	assert_line(r, LAT_B VMCALL_S("l2_l1") ",le=\"6.5535e-05\"} 4");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_sum" VMCALL_S("l2_l1") "} 0.000160000");
	/* l2_l0 has exits but no latency samples: no histogram */
	assert_null(strstr(r->buf, VMCALL_S("l2_l0") ",le="));
	assert_null(strstr(r->buf, "_count" VMCALL_S("l2_l0")));
	assert_line(r, LAT_B OTHER_S("l1") ",le=\"2.55e-07\"} 0");
	assert_line(r, LAT_B OTHER_S("l1") ",le=\"5.11e-07\"} 6");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_sum" OTHER_S("l1") "} 0.000001800");
	assert_null(strstr(r->buf, "_count" UNKNOWN_S("l1")));
	/* the last slot (2^31 ns and more) is only in +Inf */
	assert_line(r, LAT_B VMMCALL_S("synth") ",le=\"2.55e-07\"} 2");
	assert_line(r, LAT_B VMMCALL_S("synth") ",le=\"2.147483647\"} 2");
	assert_line(r, LAT_B VMMCALL_S("synth") ",le=\"+Inf\"} 3");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_count" VMMCALL_S("synth") "} 3");
	assert_line(r, "nvmx_gpc_exit_latency_seconds_sum" VMMCALL_S("synth") "} 4.294967696");
	assert_null(strstr(r->buf, VMMCALL_S("l2_l0") ",le="));
}

/*
 * Exit reasons per VM: a named VMX code, two codes without a name
 * (summed as reason="other"), one whose code was not read, an SVM one.
 */
static void test_reasons(void **state)
{
	struct fixture f = {};

	(void)state;
	assert_string_equal(nvmx_reason_name(NVMX_ISA_VMX, VMCALL), "VMCALL");
	assert_string_equal(nvmx_reason_name(NVMX_ISA_SVM, VMMCALL), "hypercall");
	assert_null(nvmx_reason_name(NVMX_ISA_VMX, NONAME1));
	assert_null(nvmx_reason_name(NVMX_ISA_VMX, NONAME2));
	reason_rows(&f);
	build_render(&f);
	assert_reason_counts(&f.r);
	assert_reason_hists(&f.r);
	free_fixture(&f);
}

/* Render the rows of test_reasons with an offline core of plan meta, st. */
static void render_plan_st(const struct nvmx_meta *meta,
			   const struct nvmx_hook_state *st, struct rendered *r)
{
	struct fixture f = {};
	struct nvmx_core *c;

	assert_int_equal(nvmx_core_open_offline(meta, st, &c), 0);
	reason_rows(&f);
	assert_int_equal(nvmx_snapshot_build(f.rows, f.nrows, K, 1, &f.s), 0);
	render_core(c, f.s, r, true);
	free_fixture(&f);
	nvmx_core_close(c);
}

/* The same with every hook refused */
static void render_plan(const struct nvmx_meta *meta, struct rendered *r)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };

	render_plan_st(meta, st, r);
}

/*
 * The exit-reason families are there when the core reads the reasons:
 * not with --no-reasons (or no kvm_exit hook), and no latency histogram
 * counting only.
 */
static void test_reasons_plan(void **state)
{
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true, .hist_k = K };
	struct rendered r = {};

	(void)state;
	meta.hist_slots = nvmx_hist_slots(K);
	render_plan(&meta, &r);
	assert_null(strstr(r.buf, "nvmx_gpc_exit"));
	free(r.buf);
	meta.reasons = true;
	render_plan(&meta, &r);
	assert_line(&r, "# TYPE nvmx_gpc_exit_reasons_dropped_total counter");
	assert_line(&r, "nvmx_gpc_exit_reasons_dropped_total 0");
	assert_reason_counts(&r);
	assert_reason_hists(&r);
	free(r.buf);
	meta.counts_only = true;
	render_plan(&meta, &r);
	assert_reason_counts(&r);
	assert_null(strstr(r.buf, "nvmx_gpc_exit_latency_seconds"));
	free(r.buf);
}

/* An exited VM's kept copy keeps its exit reasons (and frees them). */
static void test_keep_reasons(void **state)
{
	struct nvmx_keep *k = nvmx_keep_new(10, fake_gone);
	struct fixture f = {};
	struct rendered r = {};

	(void)state;
	assert_non_null(k);
	memset(gone_tgids, 0, sizeof(gone_tgids));
	gone_tgids[0] = 100;
	reason_rows(&f);
	assert_int_equal(nvmx_snapshot_build(f.rows, f.nrows, K, 1, &f.s), 0);
	/* 100 has exited: this snapshot has its final values */
	render_view(k, f.s, 1, &r);
	f.s = NULL;
	assert_int_equal(nvmx_keep_count(k), 1);
	assert_reason_counts(&r);
	free(r.buf);
	/* the core gave 100's rows back: only 200 is in the snapshot */
	assert_int_equal(nvmx_snapshot_build(&f.rows[2], 1, K, 2, &f.s), 0);
	render_view(k, f.s, 2, &r);
	f.s = NULL;
	assert_reason_counts(&r);
	assert_reason_hists(&r);
	free(r.buf);
	free_fixture(&f);
	nvmx_keep_free(k);
}

/*
 * Refresh causes: one family, nvmx_gpc_gpc_stale_total{cause=...}, under
 * one HELP and TYPE, per VM and per thread; kicks: vCPUs and events.
 */
static void test_causes(void **state)
{
	static const char *const causes[] = { "invalid", "memslot", "retarget", "valid" };
	char line[160];
	struct fixture f = {};
	unsigned int i;

	(void)state;
	add_row(&f, 100, 101, "qemu-a");
	add_row(&f, 100, 100, "qemu-a");
	for (i = 0; i < NVMX_STALE_CAUSES; i++)
		f.rows[0].ctr[NVMX_C_GPC_STALE_INVALID + i] = 10 + i;
	f.rows[1].ctr[NVMX_C_GPC_STALE_MEMSLOT] = 5;
	/* the main thread's madvise() invalidated: its kicks */
	f.rows[1].ctr[NVMX_C_GPC_KICKS] = 6;
	f.rows[1].ctr[NVMX_C_GPC_KICK_EVENTS] = 4;
	build_render(&f);
	assert_int_equal(count_lines(&f.r, "# HELP nvmx_gpc_gpc_stale_total "), 1);
	assert_line(&f.r, "# TYPE nvmx_gpc_gpc_stale_total counter");
	assert_int_equal(count_lines(&f.r, "# TYPE nvmx_gpc_vcpu_gpc_stale_total counter\n"), 1);
	for (i = 0; i < NVMX_STALE_CAUSES; i++) {
		snprintf(line, sizeof(line),
			 "nvmx_gpc_gpc_stale_total{pid=\"100\",comm=\"qemu-a\",cause=\"%s\"} %u",
			 causes[i], 10 + i + (i == NVMX_STALE_MEMSLOT ? 5 : 0));
		assert_line(&f.r, line);
		snprintf(line, sizeof(line),
			 "nvmx_gpc_vcpu_gpc_stale_total{pid=\"100\",comm=\"qemu-a\",tid=\"101\",cause=\"%s\"} %u",
			 causes[i], 10 + i);
		assert_line(&f.r, line);
	}
	assert_line(&f.r, "nvmx_gpc_vcpu_gpc_stale_total{pid=\"100\",comm=\"qemu-a\",tid=\"100\",cause=\"memslot\"} 5");
	/* no family per cause */
	assert_null(strstr(f.r.buf, "gpc_stale_invalid"));
	assert_null(strstr(f.r.buf, "gpc_stale_memslot"));
	assert_line(&f.r, "nvmx_gpc_gpc_kicks_total{pid=\"100\",comm=\"qemu-a\"} 6");
	assert_line(&f.r, "nvmx_gpc_gpc_kick_events_total{pid=\"100\",comm=\"qemu-a\"} 4");
	assert_line(&f.r, "nvmx_gpc_vcpu_gpc_kicks_total{pid=\"100\",comm=\"qemu-a\",tid=\"101\"} 0");
	free_fixture(&f);
}

/* Without the hooks of tracepoint ABI 3 (ABI 2 kernel): not exported. */
static void test_causes_unavailable(void **state)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true, .series = true,
				  .hist_k = K, .map_kinds = true };
	struct fixture f = {};
	struct nvmx_core *c;
	int h;

	(void)state;
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = 0; h < NVMX_HOOK_NR; h++)
		st[h].method = h <= NVMX_HOOK_HVA_UNMAP ? NVMX_ATTACH_TP_BTF :
			       NVMX_ATTACH_SERIES_TP;
	st[NVMX_HOOK_GPC_STALE].method = st[NVMX_HOOK_GPC_KICK].method = NVMX_ATTACH_NONE;
	st[NVMX_HOOK_GPC_STALE].absent = st[NVMX_HOOK_GPC_KICK].absent = true;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	add_row(&f, 100, 100, "qemu-a");
	f.rows[0].ctr[NVMX_C_GPC_STALE_INVALID] = 3;
	f.rows[0].ctr[NVMX_C_GPC_INVAL] = 3;
	assert_int_equal(nvmx_snapshot_build(f.rows, f.nrows, K, 1, &f.s), 0);
	render_core(c, f.s, &f.r, true);
	assert_null(strstr(f.r.buf, "_gpc_gpc_stale_total"));
	assert_null(strstr(f.r.buf, "_gpc_gpc_kick"));
	assert_line(&f.r, "nvmx_gpc_gpc_invalidations_total{pid=\"100\",comm=\"qemu-a\"} 3");
	assert_line(&f.r, "nvmx_gpc_hook_attached{hook=\"gpc_stale\",method=\"none\"} 0");
	assert_line(&f.r, "nvmx_gpc_hook_attached{hook=\"gpc_kick\",method=\"none\"} 0");
	free_fixture(&f);
	nvmx_core_close(c);
}

/* An outlier record of kind of process tgid (thread tid), as the ring has it */
static void outlier(struct nvmx_prom_outliers *t, uint32_t tgid, uint32_t tid,
		    unsigned int kind)
{
	struct nvmx_outlier o = { .tgid = tgid, .tid = tid, .kind = kind, .vcpu_id = -1,
				  .dur = 500000 };

	assert_int_equal(nvmx_prom_outlier_count(&o, t), 0);
}

/* What the exporter writes for the outliers of the VMs of s */
static void render_outliers(const struct nvmx_core *c, const struct nvmx_snapshot *s,
			    const struct nvmx_prom_outliers *t, struct rendered *r)
{
	FILE *f = open_memstream(&r->buf, &r->len);

	assert_non_null(f);
	assert_int_equal(nvmx_prom_write_outliers(f, c, s, t), 0);
	assert_int_equal(fclose(f), 0);
}

/*
 * --than: nvmx_gpc_outliers_total{pid,comm,kind} per VM, every kind of
 * every VM exported (0 when none), the outliers of all of a VM's threads
 * summed; nvmx_gpc_outliers_dropped_total{kind} per kind only.  The VMs
 * that left the view (exited and no longer kept) are forgotten.
 */
static void test_outliers(void **state)
{
	struct nvmx_prom_outliers t = {};
	struct fixture f = {};
	struct rendered r = {};

	(void)state;
	add_row(&f, 100, 101, "qemu-a");
	add_row(&f, 100, 102, "qemu-a");
	add_row(&f, 200, 200, "qemu-b");
	assert_int_equal(nvmx_snapshot_build(f.rows, f.nrows, K, 1, &f.s), 0);
	outlier(&t, 300, 300, NVMX_OUT_L2_ROUNDTRIP);	/* a VM not in the view */
	outlier(&t, 100, 101, NVMX_OUT_L2_ROUNDTRIP);
	outlier(&t, 100, 102, NVMX_OUT_L2_ROUNDTRIP);
	outlier(&t, 100, 101, NVMX_OUT_VMCS12_PAGES);
	outlier(&t, 100, 101, NVMX_OUT_NR);		/* no such kind: ignored */
	t.dropped[NVMX_OUT_L2_ROUNDTRIP] = 7;
	assert_int_equal(t.nvm, 2);
	render_outliers(NULL, f.s, &t, &r);
	assert_line(&r, "# TYPE nvmx_gpc_outliers_total counter");
	assert_line(&r, "# TYPE nvmx_gpc_outliers_dropped_total counter");
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"100\",comm=\"qemu-a\",kind=\"l2_roundtrip\"} 2");
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"100\",comm=\"qemu-a\",kind=\"vmcs12_pages\"} 1");
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"200\",comm=\"qemu-b\",kind=\"l2_roundtrip\"} 0");
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"200\",comm=\"qemu-b\",kind=\"vmcs12_pages\"} 0");
	assert_line(&r, "nvmx_gpc_outliers_dropped_total{kind=\"l2_roundtrip\"} 7");
	assert_line(&r, "nvmx_gpc_outliers_dropped_total{kind=\"vmcs12_pages\"} 0");
	assert_null(strstr(r.buf, "pid=\"300\""));
	assert_int_equal(count_lines(&r, "nvmx_gpc_outliers_total{"), 4);
	assert_int_equal(count_lines(&r, "nvmx_gpc_outliers_dropped_total{"), 2);
	free(r.buf);
	/* 300 is not exported, so it is forgotten; 100 and 200 go on */
	nvmx_prom_outliers_prune(&t, f.s);
	assert_int_equal(t.nvm, 1);
	assert_int_equal(t.vm[0].tgid, 100);
	outlier(&t, 200, 200, NVMX_OUT_L2_ROUNDTRIP);
	outlier(&t, 100, 102, NVMX_OUT_L2_ROUNDTRIP);
	render_outliers(NULL, f.s, &t, &r);
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"100\",comm=\"qemu-a\",kind=\"l2_roundtrip\"} 3");
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"200\",comm=\"qemu-b\",kind=\"l2_roundtrip\"} 1");
	free(r.buf);
	/* the view without 100 (exited and no longer kept): it goes */
	nvmx_snapshot_free(f.s);
	assert_int_equal(nvmx_snapshot_build(&f.rows[2], 1, K, 2, &f.s), 0);
	nvmx_prom_outliers_prune(&t, f.s);
	assert_int_equal(t.nvm, 1);
	assert_int_equal(t.vm[0].tgid, 200);
	render_outliers(NULL, f.s, &t, &r);
	assert_null(strstr(r.buf, "pid=\"100\""));
	free(r.buf);
	nvmx_prom_outliers_free(&t);
	assert_int_equal(t.nvm, 0);
	free_fixture(&f);
}

/* An outlier kind is exported where its latency is measured: not nVMX's
 * nested_get_vmcs12_pages on nSVM */
static void test_outliers_plan(void **state)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta meta = { .vendor = "kvm_amd", .nested = true, .hist_k = K };
	struct nvmx_prom_outliers t = {};
	struct fixture f = {};
	struct rendered r = {};
	struct nvmx_core *c;
	int h;

	(void)state;
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = NVMX_HOOK_L2_ENTRY; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	for (h = NVMX_HOOK_GPC_USE; h < NVMX_HOOK_NR; h++)
		st[h].absent = st[h].method == NVMX_ATTACH_NONE;
	st[NVMX_HOOK_VMCS12_PAGES].method = NVMX_ATTACH_NONE;
	st[NVMX_HOOK_VMCS12_PAGES].absent = true;
	assert_int_equal(nvmx_core_open_offline(&meta, st, &c), 0);
	assert_true(nvmx_hist_available(c, NVMX_H_L2_ROUNDTRIP));
	assert_false(nvmx_hist_available(c, NVMX_H_VMCS12_PAGES));
	add_row(&f, 500, 500, "vm-svm");
	assert_int_equal(nvmx_snapshot_build(f.rows, f.nrows, K, 1, &f.s), 0);
	outlier(&t, 500, 500, NVMX_OUT_L2_ROUNDTRIP);
	render_outliers(c, f.s, &t, &r);
	assert_line(&r, "nvmx_gpc_outliers_total{pid=\"500\",comm=\"vm-svm\",kind=\"l2_roundtrip\"} 1");
	assert_line(&r, "nvmx_gpc_outliers_dropped_total{kind=\"l2_roundtrip\"} 0");
	assert_null(strstr(r.buf, "vmcs12_pages\""));
	free(r.buf);
	nvmx_prom_outliers_free(&t);
	free_fixture(&f);
	nvmx_core_close(c);
}

/*
 * --sample N: the histograms' HELP says they hold 1 in N samples, and
 * nvmx_gpc_latency_sample_n is N (1 without it); the counters are the
 * same; counting only there is no latency, so no such gauge.
 */
static void test_sampled(void **state)
{
	struct nvmx_meta meta = { .vendor = "kvm_intel", .nested = true, .hist_k = K,
				  .reasons = true, .sample_n = 16 };
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct rendered r = {};
	int h;

	(void)state;
	meta.hist_slots = nvmx_hist_slots(K);
	for (h = NVMX_HOOK_L2_ENTRY; h <= NVMX_HOOK_HVA_UNMAP; h++)
		st[h].method = NVMX_ATTACH_TP_BTF;
	render_plan_st(&meta, st, &r);
	assert_line(&r, "# TYPE nvmx_gpc_latency_sample_n gauge");
	assert_line(&r, "nvmx_gpc_latency_sample_n 16");
	assert_int_equal(count_lines(&r, "# HELP nvmx_gpc_kvm_run_duration_seconds "), 1);
	assert_non_null(strstr(r.buf, "# HELP nvmx_gpc_kvm_run_duration_seconds KVM_RUN duration: kvm_fpu load to kvm_userspace_exit. Sampled: 1 in 16 timed (--sample), so _count and the buckets count the samples; the counters stay exact.\n"));
	assert_non_null(strstr(r.buf, "# HELP nvmx_gpc_vcpu_kvm_run_duration_seconds KVM_RUN duration: kvm_fpu load to kvm_userspace_exit. Per thread of the VM (tid). Sampled: 1 in 16"));
	assert_non_null(strstr(r.buf, "(the round trip through L1), synth injection to the next L2 entry. Sampled: 1 in 16 timed"));
	assert_reason_counts(&r);
	assert_reason_hists(&r);
	free(r.buf);
	meta.sample_n = 1;
	render_plan_st(&meta, st, &r);
	assert_line(&r, "nvmx_gpc_latency_sample_n 1");
	assert_null(strstr(r.buf, "Sampled"));
	free(r.buf);
	meta.sample_n = 0;
	meta.counts_only = true;
	render_plan_st(&meta, st, &r);
	assert_null(strstr(r.buf, "nvmx_gpc_latency_sample_n"));
	free(r.buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counters_per_vm),
		cmocka_unit_test(test_histogram),
		cmocka_unit_test(test_bucket_bounds_are_slot_bounds),
		cmocka_unit_test(test_empty_snapshot),
		cmocka_unit_test(test_every_histogram),
		cmocka_unit_test(test_keep_exited),
		cmocka_unit_test(test_contexts),
		cmocka_unit_test(test_causes),
		cmocka_unit_test(test_causes_unavailable),
		cmocka_unit_test(test_counter_names),
		cmocka_unit_test(test_unavailable_not_exported),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_reasons_plan),
		cmocka_unit_test(test_keep_reasons),
		cmocka_unit_test(test_outliers),
		cmocka_unit_test(test_outliers_plan),
		cmocka_unit_test(test_sampled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
