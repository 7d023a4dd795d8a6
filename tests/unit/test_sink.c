// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* JSON (parsed back with json-c), CSV and text output. */
#include <json-c/json.h>
#include "testutil.h"

#define K 4

static struct nvmx_snapshot *snap(uint64_t pio, uint64_t mono)
{
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_snapshot *s;

	make_row(&rows[0], 4242, 4242, -1, K);
	make_row(&rows[1], 4242, 4243, 0, K);
	snprintf(rows[0].comm, sizeof(rows[0].comm), "vm \"q\"\\x");
	rows[1].ctr[NVMX_C_PIO] = pio;
	rows[1].ctr[NVMX_C_USER_EXITS] = pio + 1;
	rows[0].ctr[NVMX_C_HVA_UNMAPS] = 3;
	row_hist_add(&rows[1], NVMX_H_KVM_RUN, 5000, K);
	row_hist_add(&rows[1], NVMX_H_KVM_RUN, 7000, K);
	assert_int_equal(nvmx_snapshot_build(rows, 2, K, mono, &s), 0);
	s->real_ns = 1700000000ULL * 1000000000ULL;
	nvmx_vcpu_snap_fini(&rows[0]);
	nvmx_vcpu_snap_fini(&rows[1]);
	return s;
}

static char *render(enum nvmx_sink_fmt fmt, bool per_vcpu, bool hists, int no)
{
	struct nvmx_snapshot *t = snap(100, 2000000000ULL), *p = snap(40, 1000000000ULL), *d;
	struct nvmx_sink_opts so = { .fmt = fmt, .per_vcpu = per_vcpu, .hists = hists,
				     .interval_no = no };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(nvmx_snapshot_delta(t, p, &d), 0);
	assert_int_equal(nvmx_sink_write(f, NULL, d, t, 1.0, &so), 0);
	fclose(f);
	nvmx_snapshot_free(t);
	nvmx_snapshot_free(p);
	nvmx_snapshot_free(d);
	return buf;
}

static json_object *get(json_object *o, const char *path)
{
	char key[64];
	const char *dot;

	while (o && (dot = strchr(path, '.'))) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		if (!json_object_object_get_ex(o, key, &o))
			return NULL;
		path = dot + 1;
	}
	if (!o || !json_object_object_get_ex(o, path, &o))
		return NULL;
	return o;
}

static void test_json(void **state __attribute__((unused)))
{
	char *out = render(NVMX_SINK_JSON, true, true, 3);
	json_object *root, *vm, *vc, *slots;
	size_t n = strlen(out);

	/* exactly one line */
	assert_true(n > 0 && out[n - 1] == '\n');
	assert_null(strchr(out, '\n') == out + n - 1 ? NULL : out);
	root = json_tokener_parse(out);
	assert_non_null(root);
	assert_string_equal(json_object_get_string(get(root, "schema")), NVMX_JSON_SCHEMA);
	assert_int_equal(json_object_get_int(get(root, "interval")), 3);
	assert_int_equal(json_object_array_length(get(root, "unavailable")), 0);
	vm = json_object_array_get_idx(get(root, "vms"), 0);
	assert_non_null(vm);
	assert_int_equal(json_object_get_int(get(vm, "pid")), 4242);
	assert_string_equal(json_object_get_string(get(vm, "comm")), "vm \"q\"\\x");
	assert_int_equal(json_object_get_int64(get(vm, "counts.pio")), 60);
	assert_int_equal(json_object_get_int64(get(vm, "counts.userspace_exits")), 60);
	assert_int_equal(json_object_get_int64(get(vm, "totals.pio")), 100);
	assert_int_equal(json_object_get_int64(get(vm, "totals.hva_invalidations")), 3);
	/* delta of identical hva counts is 0 */
	assert_int_equal(json_object_get_int64(get(vm, "counts.hva_invalidations")), 0);
	assert_true(json_object_get_double(get(vm, "rates.pio")) == 60.0);
	/* saved_pct: no hits, no maps -> null */
	assert_true(json_object_is_type(get(vm, "saved_pct"), json_type_null));
	/* histograms identical in both snapshots -> empty interval */
	assert_int_equal(json_object_get_int64(get(vm, "latency_ns.kvm_run.count")), 0);
	assert_true(json_object_is_type(get(vm, "latency_ns.kvm_run.p50"), json_type_null));
	vc = json_object_array_get_idx(get(vm, "vcpus"), 1);
	assert_int_equal(json_object_get_int(get(vc, "tid")), 4243);
	assert_int_equal(json_object_get_int(get(vc, "vcpu_id")), 0);
	assert_int_equal(json_object_get_int64(get(vc, "totals.pio")), 100);
	slots = get(vc, "latency_ns.kvm_run.slots");
	assert_non_null(slots);
	assert_int_equal(json_object_array_length(slots), 0);
	vc = json_object_array_get_idx(get(vm, "vcpus"), 0);
	assert_true(json_object_is_type(get(vc, "vcpu_id"), json_type_null));
	json_object_put(root);
	free(out);
}

static void test_json_hist_slots(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *t = snap(1, 5);
	struct nvmx_sink_opts so = { .fmt = NVMX_SINK_JSON, .per_vcpu = false,
				     .hists = true, .interval_no = 1 };
	json_object *root, *vm, *slots;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_int_equal(nvmx_sink_write(f, NULL, t, t, 0.5, &so), 0);
	fclose(f);
	root = json_tokener_parse(buf);
	assert_non_null(root);
	vm = json_object_array_get_idx(get(root, "vms"), 0);
	assert_int_equal(json_object_get_int64(get(vm, "latency_ns.kvm_run.count")), 2);
	assert_int_equal(json_object_get_int64(get(vm, "latency_ns.kvm_run.sum")), 12000);
	assert_true(json_object_get_double(get(vm, "latency_ns.kvm_run.mean")) == 6000.0);
	/* p50 = midpoint of 5000's slot [4864, 5119], printed as %.0f */
	assert_int_equal(nvmx_hist_lower(nvmx_hist_index(5000, K), K), 4864);
	assert_int_equal(nvmx_hist_upper(nvmx_hist_index(5000, K), K), 5119);
	assert_int_equal(json_object_get_int64(get(vm, "latency_ns.kvm_run.p50")), 4992);
	slots = get(vm, "latency_ns.kvm_run.slots");
	assert_int_equal(json_object_array_length(slots), 2);
	assert_int_equal(json_object_get_int(json_object_array_get_idx(
		json_object_array_get_idx(slots, 0), 0)), nvmx_hist_index(5000, K));
	assert_true(json_object_get_double(get(vm, "rates.pio")) == 2.0);
	assert_null(get(vm, "vcpus"));
	json_object_put(root);
	free(buf);
	nvmx_snapshot_free(t);
}

/* The JSON line of a one-VM snapshot whose process is named comm. */
static char *json_with_comm(const char *comm)
{
	struct nvmx_sink_opts so = { .fmt = NVMX_SINK_JSON, .interval_no = 1 };
	struct nvmx_vcpu_snap row;
	struct nvmx_snapshot *s;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	make_row(&row, 7, 7, -1, K);
	snprintf(row.comm, sizeof(row.comm), "%s", comm);
	assert_int_equal(nvmx_snapshot_build(&row, 1, K, 1000, &s), 0);
	nvmx_vcpu_snap_fini(&row);
	assert_int_equal(nvmx_sink_write(f, NULL, s, s, 1.0, &so), 0);
	fclose(f);
	nvmx_snapshot_free(s);
	return buf;
}

/* The raw bytes of the VM's "comm" member, as written. */
static void assert_comm_bytes(const char *comm, const char *want)
{
	char *out = json_with_comm(comm), *p, *q;
	json_object *root, *vm;

	p = strstr(out, "\"comm\":\"");
	assert_non_null(p);
	p += strlen("\"comm\":");
	q = strstr(p, ",\"guest\":");
	assert_non_null(q);
	*q = 0;
	assert_string_equal(p, want);
	*q = ',';
	/* and it is valid JSON that decodes to the name (or its U+FFFDs) */
	root = json_tokener_parse(out);
	assert_non_null(root);
	vm = json_object_array_get_idx(get(root, "vms"), 0);
	assert_non_null(vm);
	json_object_put(root);
	free(out);
}

/*
 * Process names are UTF-8 passed through unchanged, as the exporter does;
 * only '"', '\\' and control characters are escaped.  A byte that does not
 * start a well-formed UTF-8 sequence (or a sequence cut short, as the
 * kernel's 15-byte comm cuts names) becomes U+FFFD, one per maximal
 * ill-formed subpart (Unicode's "substitution of maximal subparts").
 */
static void test_json_utf8_comm(void **state __attribute__((unused)))
{
	/* "qemu-é" and "vm-日本" (a 3-byte character) and a 4-byte one */
	assert_comm_bytes("qemu-\xc3\xa9", "\"qemu-\xc3\xa9\"");
	assert_comm_bytes("vm-\xe6\x97\xa5\xe6\x9c\xac", "\"vm-\xe6\x97\xa5\xe6\x9c\xac\"");
	assert_comm_bytes("a\xf0\x9f\x90\xa7" "b", "\"a\xf0\x9f\x90\xa7" "b\"");
	/* control characters (and DEL) escaped, quote and backslash too */
	assert_comm_bytes("a\tb\x7f\"\\", "\"a\\u0009b\\u007f\\\"\\\\\"");
	/* ill-formed: lone continuation, a 3-byte sequence cut after 2 bytes */
	assert_comm_bytes("x\x80y", "\"x\xef\xbf\xbdy\"");
	assert_comm_bytes("vm-\xe6\x97", "\"vm-\xef\xbf\xbd\"");
	assert_comm_bytes("\xe6\x97z", "\"\xef\xbf\xbdz\"");
	/* overlong '/', a UTF-16 surrogate, beyond U+10FFFF, 0xff */
	assert_comm_bytes("\xc0\xaf", "\"\xef\xbf\xbd\xef\xbf\xbd\"");
	assert_comm_bytes("\xed\xa0\x80", "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	assert_comm_bytes("\xf4\x90\x80\x80",
			  "\"\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"");
	assert_comm_bytes("\xff", "\"\xef\xbf\xbd\"");
}

static void test_csv(void **state __attribute__((unused)))
{
	char *out = render(NVMX_SINK_CSV, true, false, 1), *line, *save = NULL;
	int lines = 0, cols, m, ntop = 0;
	char *p;

	line = strtok_r(out, "\n", &save);
	assert_non_null(line);
	assert_true(!strncmp(line, "interval,time,secs,pid,tid,vcpu_id,comm,", 40));
	for (cols = 1, p = line; *p; p++)
		cols += *p == ',';
	/* a column per metric of top's (record's raw counters are not) */
	for (m = 0; m < NVMX_M_NR; m++) {
		if (!nvmx_metric_def(m)->top)
			continue;
		assert_non_null(strstr(line, nvmx_metric_def(m)->name));
		ntop++;
	}
	assert_int_equal(cols, 7 + ntop + 1);	/* and the guest name, last */
	assert_true(!strcmp(line + strlen(line) - 6, ",guest"));
	assert_null(strstr(line, ",exits"));
	while ((line = strtok_r(NULL, "\n", &save))) {
		lines++;
		if (lines == 1)
			assert_true(!strncmp(line, "1,1700000000.000,1.000,4242,,,\"vm \"\"q\"\"\\x\",", 40));
	}
	assert_int_equal(lines, 3);	/* VM + 2 threads */
	free(out);
	/* no header after the first interval */
	out = render(NVMX_SINK_CSV, false, false, 2);
	assert_true(!strncmp(out, "2,", 2));
	assert_null(strchr(out, '\n') == out + strlen(out) - 1 ? NULL : out);
	free(out);
}

static void test_text(void **state __attribute__((unused)))
{
	char *out = render(NVMX_SINK_TEXT, true, false, 1);

	assert_non_null(strstr(out, "PIO/s"));
	assert_non_null(strstr(out, "4242"));
	assert_non_null(strstr(out, "vcpu0/4243"));
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_hist_slots),
		cmocka_unit_test(test_json_utf8_comm),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
