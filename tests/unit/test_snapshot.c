// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Aggregation (VM grouping), deltas, rates, saved %, percentiles. */
#include "testutil.h"

#define K 4

static struct nvmx_snapshot *build3(uint64_t scale, uint64_t mono)
{
	struct nvmx_vcpu_snap rows[3];
	struct nvmx_snapshot *s;
	int i;

	/* unsorted on purpose: VM 200 (two threads) and VM 100 */
	make_row(&rows[0], 200, 202, 1, K);
	make_row(&rows[1], 100, 100, 0, K);
	make_row(&rows[2], 200, 201, 0, K);
	rows[0].ctr[NVMX_C_PIO] = 10 * scale;
	rows[2].ctr[NVMX_C_PIO] = 5 * scale;
	rows[1].ctr[NVMX_C_PIO] = 7 * scale;
	rows[0].ctr[NVMX_C_USER_EXITS] = 11 * scale;
	rows[0].ctr[NVMX_C_EXITS] = 50 * scale;
	rows[0].ctr[NVMX_C_L2_EXITS] = 30 * scale;
	rows[0].kctr[NVMX_PAGE_MSR_BITMAP][NVMX_K_HITS] = 3 * scale;
	rows[0].kctr[NVMX_PAGE_VIRTUAL_APIC][NVMX_K_HITS] = 6 * scale;
	rows[2].kctr[NVMX_PAGE_UNKNOWN][NVMX_K_MAPS] = 1 * scale;
	for (i = 1; i <= (int)(10 * scale); i++)
		row_hist_add(&rows[0], NVMX_H_KVM_RUN, 1000, K);
	row_hist_add(&rows[2], NVMX_H_KVM_RUN, 100000, K);
	assert_int_equal(nvmx_snapshot_build(rows, 3, K, mono, &s), 0);
	for (i = 0; i < 3; i++)
		nvmx_vcpu_snap_fini(&rows[i]);
	return s;
}

static void test_grouping(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *s = build3(1, 1000000000ULL);
	const struct nvmx_vm_snap *vm;

	assert_int_equal(s->nr_vcpus, 3);
	assert_int_equal(s->nr_vms, 2);
	assert_int_equal(s->vcpus[0].tgid, 100);
	assert_int_equal(s->vcpus[1].tid, 201);
	assert_int_equal(s->vcpus[2].tid, 202);
	vm = nvmx_snapshot_vm(s, 200);
	assert_non_null(vm);
	assert_int_equal(vm->first, 1);
	assert_int_equal(vm->nr, 2);
	assert_int_equal(vm->total.ctr[NVMX_C_PIO], 15);
	assert_int_equal(nvmx_hist_total(vm->total.hist[NVMX_H_KVM_RUN], s->hist_slots), 11);
	assert_int_equal(vm->total.hsum[NVMX_H_KVM_RUN], 10 * 1000 + 100000);
	/* comm of a VM without a tid == tgid row: first thread's */
	assert_string_equal(vm->comm, "t201");
	vm = nvmx_snapshot_vm(s, 100);
	assert_string_equal(vm->comm, "t100");
	assert_null(nvmx_snapshot_vm(s, 300));
	nvmx_snapshot_free(s);
}

static void test_delta_and_rates(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *a = build3(1, 1000000000ULL);
	struct nvmx_snapshot *b = build3(3, 3000000000ULL);
	struct nvmx_snapshot *d;
	const struct nvmx_vm_snap *vm;
	struct nvmx_metric_val v;
	bool ok;

	assert_int_equal(nvmx_snapshot_delta(b, a, &d), 0);
	vm = nvmx_snapshot_vm(d, 200);
	assert_int_equal(vm->total.ctr[NVMX_C_PIO], 30);	/* 45 - 15 */
	assert_int_equal(nvmx_metric_count(NULL, &vm->total, NVMX_M_PIO, &ok), 30);
	assert_true(ok);
	/* 30 over 2 s */
	v = nvmx_metric(NULL, &vm->total, K, 2.0, NVMX_M_PIO);
	assert_true(v.ok);
	assert_true(v.v == 15.0);
	/* secs <= 0: count */
	v = nvmx_metric(NULL, &vm->total, K, 0, NVMX_M_PIO);
	assert_true(v.v == 30.0);
	/* l1 exits = exits - l2 exits = 100 - 60 */
	assert_int_equal(nvmx_metric_count(NULL, &vm->total, NVMX_M_L1_EXITS, &ok), 40);
	/* hits 18, maps 2 -> 90 % */
	v = nvmx_metric(NULL, &vm->total, K, 2.0, NVMX_M_SAVED_PCT);
	assert_true(v.ok);
	assert_true(v.v == 90.0);
	assert_int_equal(nvmx_metric_count(NULL, &vm->total, NVMX_M_SAVED, &ok), 18);
	/* nested gpc refreshes/activations re-map: 18 / (18 + 2 + 4 + 6) */
	vm = nvmx_snapshot_vm(d, 200);
	((struct nvmx_vm_snap *)vm)->total.kctr[NVMX_PAGE_PI_DESC][NVMX_K_REFRESH] = 4;
	((struct nvmx_vm_snap *)vm)->total.kctr[NVMX_PAGE_APIC_ACCESS][NVMX_K_ACTIVATE] = 6;
	v = nvmx_metric(NULL, &vm->total, K, 2.0, NVMX_M_SAVED_PCT);
	assert_true(v.ok);
	assert_true(v.v == 60.0);
	((struct nvmx_vm_snap *)vm)->total.kctr[NVMX_PAGE_PI_DESC][NVMX_K_REFRESH] = 0;
	((struct nvmx_vm_snap *)vm)->total.kctr[NVMX_PAGE_APIC_ACCESS][NVMX_K_ACTIVATE] = 0;
	/* kvm_run histogram delta: 20 x 1000 ns, the 100 us one cancelled */
	assert_int_equal(nvmx_hist_total(vm->total.hist[NVMX_H_KVM_RUN], d->hist_slots), 20);
	v = nvmx_metric(NULL, &vm->total, K, 2.0, NVMX_M_KVM_RUN_P99);
	assert_true(v.ok);
	assert_true(v.v >= 992 && v.v <= 1023);

	/* VM names are taken from the current snapshot */
	snprintf(b->vms[1].comm, sizeof(b->vms[1].comm), "qemu-system-x86");
	nvmx_snapshot_free(d);
	assert_int_equal(nvmx_snapshot_delta(b, a, &d), 0);
	assert_string_equal(nvmx_snapshot_vm(d, 200)->comm, "qemu-system-x86");
	assert_string_equal(nvmx_snapshot_vm(d, 200)->total.comm, "qemu-system-x86");
	assert_string_equal(nvmx_snapshot_vm(d, 100)->comm, "t100");
	nvmx_snapshot_free(d);

	/* counters went backwards (reset): taken whole */
	assert_int_equal(nvmx_snapshot_delta(a, b, &d), 0);
	vm = nvmx_snapshot_vm(d, 200);
	assert_int_equal(vm->total.ctr[NVMX_C_PIO], 15);
	nvmx_snapshot_free(d);

	/* no previous snapshot */
	assert_int_equal(nvmx_snapshot_delta(a, NULL, &d), 0);
	assert_int_equal(nvmx_snapshot_vm(d, 100)->total.ctr[NVMX_C_PIO], 7);
	nvmx_snapshot_free(d);
	nvmx_snapshot_free(a);
	nvmx_snapshot_free(b);
}

static void test_saved_pct(void **state __attribute__((unused)))
{
	struct nvmx_metric_val v;

	v = nvmx_saved_pct(0, 0);
	assert_false(v.ok);
	v = nvmx_saved_pct(0, 5);
	assert_true(v.ok && v.v == 0);
	v = nvmx_saved_pct(3, 1);
	assert_true(v.ok && v.v == 75.0);
	v = nvmx_saved_pct(7, 0);
	assert_true(v.ok && v.v == 100.0);
}

static void test_metric_defs(void **state __attribute__((unused)))
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		assert_non_null(d);
		assert_int_equal(d->id, m);
		assert_non_null(d->name);
		assert_int_equal(nvmx_metric_by_name(d->name), m);
	}
	assert_null(nvmx_metric_def(NVMX_M_NR));
	assert_int_equal(nvmx_metric_by_name("nope"), -1);
	assert_true(nvmx_metric_is_count(NVMX_M_PIO));
	assert_false(nvmx_metric_is_count(NVMX_M_SAVED_PCT));
	assert_false(nvmx_metric_is_count(NVMX_M_KVM_RUN_P50));
}

static void test_bad_k(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *s;

	assert_int_equal(nvmx_snapshot_build(NULL, 0, NVMX_HIST_K_MAX + 1, 0, &s), -EINVAL);
	assert_int_equal(nvmx_snapshot_build(NULL, 0, 0, 0, &s), 0);
	assert_int_equal(s->nr_vms, 0);
	nvmx_snapshot_free(s);
}

static void test_prog_stats_delta(void **state __attribute__((unused)))
{
	struct nvmx_prog_stats a[2] = {
		{ "tpb_pio", NVMX_HOOK_PIO, 10, 1000 },
		{ "tpb_user_exit", NVMX_HOOK_USER_EXIT, 5, 500 },
	};
	struct nvmx_prog_stats b[2] = {
		{ "tpb_pio", NVMX_HOOK_PIO, 25, 2500 },
		{ "tpb_user_exit", NVMX_HOOK_USER_EXIT, 3, 300 },	/* restarted */
	};
	struct nvmx_prog_stats d[2];

	nvmx_prog_stats_delta(d, b, a, 2);
	assert_int_equal(d[0].run_cnt, 15);
	assert_int_equal(d[0].run_time_ns, 1500);
	assert_string_equal(d[0].name, "tpb_pio");
	assert_int_equal(d[1].run_cnt, 3);
	assert_int_equal(d[1].run_time_ns, 300);
	nvmx_prog_stats_delta(d, b, NULL, 2);
	assert_int_equal(d[0].run_cnt, 25);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grouping),
		cmocka_unit_test(test_delta_and_rates),
		cmocka_unit_test(test_saved_pct),
		cmocka_unit_test(test_metric_defs),
		cmocka_unit_test(test_bad_k),
		cmocka_unit_test(test_prog_stats_delta),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
