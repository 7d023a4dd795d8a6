// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Exit reasons: names, derived paths, merge into VMs, deltas, text;
 * outlier names and kernel symbols. */
#include "testutil.h"

#define K 4

/* A reason of isa/code with raw counts exits, l2, reflected, synth */
static struct nvmx_reason_snap reason(uint32_t isa, uint32_t code, uint64_t exits,
				      uint64_t l2, uint64_t refl, uint64_t synth)
{
	struct nvmx_reason_snap r;

	memset(&r, 0, sizeof(r));
	r.isa = isa;
	r.code = code;
	r.v.n[NVMX_RC_EXITS] = exits;
	r.v.n[NVMX_RC_L2_EXITS] = l2;
	r.v.n[NVMX_RC_REFLECTED] = refl;
	r.v.n[NVMX_RC_SYNTH] = synth;
	return r;
}

static void lat(struct nvmx_reason_snap *r, enum nvmx_rpath p, uint64_t ns)
{
	unsigned int slot = 0;

	while (slot + 1 < NVMX_RLAT_SLOTS && (ns >> (slot + 1)))
		slot++;
	r->v.lat[p][slot]++;
	r->v.lat_sum[p] += ns;
	if (ns > r->v.lat_max[p])
		r->v.lat_max[p] = ns;
}

static void test_names(void **state __attribute__((unused)))
{
	char buf[24];

	/* as kvm_exit prints them (uapi VMX_EXIT_REASONS, SVM_EXIT_REASONS) */
	assert_string_equal(nvmx_reason_name(NVMX_ISA_VMX, 18), "VMCALL");
	assert_string_equal(nvmx_reason_name(NVMX_ISA_VMX, 48), "EPT_VIOLATION");
	assert_string_equal(nvmx_reason_name(NVMX_ISA_SVM, 0x81), "hypercall");
	assert_string_equal(nvmx_reason_name(NVMX_ISA_SVM, 0x400), "npf");
	assert_null(nvmx_reason_name(NVMX_ISA_VMX, 0x4d00));
	assert_null(nvmx_reason_name(7, 18));
	assert_string_equal(nvmx_reason_label(NVMX_ISA_VMX, 0x4d00, buf, sizeof(buf)),
			    "0x4d00");
	assert_string_equal(nvmx_reason_label(NVMX_ISA_SVM, ~0U, buf, sizeof(buf)),
			    "invalid_guest_state");	/* SVM_EXIT_ERR */
	assert_string_equal(nvmx_reason_label(NVMX_ISA_VMX, ~0U, buf, sizeof(buf)),
			    "unknown");
	assert_string_equal(nvmx_isa_name(NVMX_ISA_VMX), "vmx");
	assert_string_equal(nvmx_isa_name(NVMX_ISA_SVM), "svm");
	assert_string_equal(nvmx_rpath_name(NVMX_RP_L2_L1), "l2_l1");
}

/* L1 = exits - L2 exits, L2 in L0 = L2 exits - reflected, never < 0 */
static void test_paths(void **state __attribute__((unused)))
{
	struct nvmx_reason_snap r = reason(NVMX_ISA_VMX, 18, 10, 7, 5, 2);
	struct nvmx_rlat_stats st;

	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_L1), 3);
	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_L2_L0), 2);
	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_L2_L1), 5);
	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_SYNTH), 2);
	r = reason(NVMX_ISA_VMX, 18, 1, 2, 3, 0);	/* a snapshot mid-exit */
	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_L1), 0);
	assert_int_equal(nvmx_reason_count(&r, NVMX_RP_L2_L0), 0);
	lat(&r, NVMX_RP_L2_L1, 1000);
	lat(&r, NVMX_RP_L2_L1, 3000);
	lat(&r, NVMX_RP_L2_L1, 100000);
	nvmx_reason_lat(&r, NVMX_RP_L2_L1, &st);
	assert_int_equal(st.count, 3);
	assert_int_equal(st.sum, 104000);
	assert_int_equal(st.max, 100000);
	assert_true(st.mean > 34666.6 && st.mean < 34666.7);
	assert_int_equal(st.p50_le, 4096);	/* 3000 in [2048, 4096) */
	assert_int_equal(st.p99_le, 131072);
	nvmx_reason_lat(&r, NVMX_RP_L1, &st);
	assert_int_equal(st.count, 0);
	assert_int_equal(st.p50_le, 0);
}

/* Rows' reasons merge into their VM; a delta subtracts them */
static void test_merge_delta(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *a, *b, *d;
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_reason_snap r;
	const struct nvmx_reason_snap *got;
	int i;

	make_row(&rows[0], 100, 101, 0, K);
	make_row(&rows[1], 100, 102, 1, K);
	r = reason(NVMX_ISA_VMX, 18, 10, 10, 10, 0);
	lat(&r, NVMX_RP_L2_L1, 70000);
	assert_int_equal(nvmx_vcpu_reason_add(&rows[0], &r), 0);
	r = reason(NVMX_ISA_VMX, 1, 4, 1, 0, 0);
	assert_int_equal(nvmx_vcpu_reason_add(&rows[0], &r), 0);
	r = reason(NVMX_ISA_VMX, 18, 5, 5, 5, 0);
	lat(&r, NVMX_RP_L2_L1, 5000);
	assert_int_equal(nvmx_vcpu_reason_add(&rows[1], &r), 0);
	assert_int_equal(rows[0].nr_reasons, 2);
	assert_int_equal(rows[0].reasons[0].code, 1);	/* sorted */
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 1000000000ULL, &a), 0);
	got = nvmx_vcpu_reason(&a->vms[0].total, NVMX_ISA_VMX, 18);
	assert_non_null(got);
	assert_int_equal(nvmx_reason_count(got, NVMX_RP_L2_L1), 15);
	assert_int_equal(got->v.lat_max[NVMX_RP_L2_L1], 70000);
	/* a second snapshot: 3 more VMCALLs on thread 101 */
	r = reason(NVMX_ISA_VMX, 18, 3, 3, 3, 0);
	lat(&r, NVMX_RP_L2_L1, 6000);
	assert_int_equal(nvmx_vcpu_reason_add(&rows[0], &r), 0);
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, 2000000000ULL, &b), 0);
	assert_int_equal(nvmx_snapshot_delta(b, a, &d), 0);
	got = nvmx_vcpu_reason(&d->vms[0].total, NVMX_ISA_VMX, 18);
	assert_int_equal(nvmx_reason_count(got, NVMX_RP_L2_L1), 3);
	assert_int_equal(got->v.lat_sum[NVMX_RP_L2_L1], 6000);
	/* thread 101's maximum (70 us) is not in the interval: the upper
	 * bound of the interval's highest bucket */
	assert_int_equal(got->v.lat_max[NVMX_RP_L2_L1], 8191);
	got = nvmx_vcpu_reason(&d->vms[0].total, NVMX_ISA_VMX, 1);
	assert_int_equal(nvmx_reason_count(got, NVMX_RP_L1), 0);
	nvmx_snapshot_free(a);
	nvmx_snapshot_free(b);
	nvmx_snapshot_free(d);
	for (i = 0; i < 2; i++)
		nvmx_vcpu_snap_fini(&rows[i]);
}

/* The drill-down's lines: most exits first, the table's columns */
static void test_lines(void **state __attribute__((unused)))
{
	const struct nvmx_reason_snap **p;
	struct nvmx_vcpu_snap v;
	struct nvmx_reason_snap r;
	char line[256];

	make_row(&v, 1, 1, 0, K);
	r = reason(NVMX_ISA_VMX, 18, 1101, 1101, 1101, 0);
	lat(&r, NVMX_RP_L2_L1, 20000);
	assert_int_equal(nvmx_vcpu_reason_add(&v, &r), 0);
	r = reason(NVMX_ISA_VMX, 24, 1100, 0, 0, 0);
	assert_int_equal(nvmx_vcpu_reason_add(&v, &r), 0);
	r = reason(NVMX_ISA_VMX, 0x4d00, 0, 0, 0, 7);
	assert_int_equal(nvmx_vcpu_reason_add(&v, &r), 0);
	assert_int_equal(nvmx_reasons_sorted(&v, &p), 0);
	assert_int_equal(p[0]->code, 18);
	assert_int_equal(p[1]->code, 24);
	assert_int_equal(p[2]->code, 0x4d00);
	nvmx_reason_line(line, sizeof(line), p[0]);
	assert_string_equal(line, "VMCALL                 vmx         0         0      1101"
			    "         0        -        -        -    20.0u    20.0u");
	nvmx_reason_line(line, sizeof(line), p[2]);
	assert_non_null(strstr(line, "0x4d00 "));
	nvmx_reason_header(line, sizeof(line));
	assert_non_null(strstr(line, "REASON"));
	free(p);
	nvmx_vcpu_snap_fini(&v);
}

static void test_outlier_names(void **state __attribute__((unused)))
{
	char buf[160];

	assert_string_equal(nvmx_outlier_kind_name(NVMX_OUT_L2_ROUNDTRIP), "l2_roundtrip");
	assert_string_equal(nvmx_outlier_kind_name(NVMX_OUT_VMCS12_PAGES), "vmcs12_pages");
	assert_string_equal(nvmx_outlier_kind_name(NVMX_OUT_NR), "?");
	/* below every kernel text symbol (or none readable): the address */
	assert_string_equal(nvmx_ksym(0x10, buf, sizeof(buf)), "0x10");
}

/* --sample: the percentiles' 95 % confidence intervals from the ranks */
static void test_quantile_ci(void **state __attribute__((unused)))
{
	unsigned int n = nvmx_hist_slots(K), i;
	uint64_t *c = calloc(n, sizeof(*c));
	double lo, hi;
	int ok;

	assert_non_null(c);
	nvmx_hist_quantile_ci(c, n, K, 0.5, &lo, &hi, &ok);
	assert_false(ok);
	for (i = 0; i < 10; i++)	/* 10 samples each of 0..9 ns */
		c[nvmx_hist_index(i, K)] = 10;
	/* median: ranks floor(50 - 9.8) = 40 and ceil(50 + 9.8) + 1 = 61 */
	nvmx_hist_quantile_ci(c, n, K, 0.5, &lo, &hi, &ok);
	assert_true(ok);
	assert_true(lo == 3 && hi == 6);
	/* p99: ranks 97 and 102, clamped to 100 */
	nvmx_hist_quantile_ci(c, n, K, 0.99, &lo, &hi, &ok);
	assert_true(lo == 9 && hi == 9);
	free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_paths),
		cmocka_unit_test(test_merge_delta),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_outlier_names),
		cmocka_unit_test(test_quantile_ci),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
