// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The overhead benchmark's output parsers (bench/overhead/parse.c): how
 * many PIO exits of the workload each tracer saw, on outputs in each
 * tracer's format.  A parser that stops matching its tracer's output
 * marks every traced run invalid, so these pin the formats down.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "overhead.h"
#include "../tmpdir.h"

/* A run whose stdout (out) or data file holds text (NULL: no such file). */
static void run_with(struct tracer_run *t, const char *out, const char *data)
{
	FILE *f;

	memset(t, 0, sizeof(*t));
	snprintf(t->out, sizeof(t->out), "%s/tracer.out", tmpdir);
	snprintf(t->data, sizeof(t->data), "%s/tracer.data", tmpdir);
	unlink(t->out);
	unlink(t->data);
	if (out) {
		f = fopen(t->out, "w");
		assert_non_null(f);
		fputs(out, f);
		assert_int_equal(fclose(f), 0);
	}
	if (data) {
		f = fopen(t->data, "w");
		assert_non_null(f);
		fputs(data, f);
		assert_int_equal(fclose(f), 0);
	}
}

static void test_slurp(void **state)
{
	struct tracer_run t;
	char *big, *s;
	size_t i, n = 300000;

	(void)state;
	run_with(&t, "", NULL);
	s = slurp(t.out);
	assert_non_null(s);
	assert_string_equal(s, "");
	free(s);
	assert_null(slurp(t.data));
	/* more than the 64 KiB it grows by */
	big = malloc(n + 1);
	assert_non_null(big);
	for (i = 0; i < n; i++)
		big[i] = (char)('a' + i % 26);
	big[n] = '\0';
	run_with(&t, big, NULL);
	s = slurp(t.out);
	assert_non_null(s);
	assert_string_equal(s, big);
	free(s);
	free(big);
}

/* bpftrace nvmx-gpc.bt prints its maps at exit: @pio[pid, comm]: count */
static void test_bpftrace(void **state)
{
	struct tracer_run t;

	(void)state;
	run_with(&t, "Attaching 9 probes...\n\n"
		 "@exit[1234, nvmx-workload]: 200003\n"
		 "@pio[99, qemu-system-x86]: 5\n"
		 "@pio[1234, nvmx-workload]: 200000\n"
		 "@pio[12345, nvmx-workload]: 7\n", NULL);
	assert_int_equal(seen_bpftrace(&t, 1234), 200000);
	assert_int_equal(seen_bpftrace(&t, 99), 5);
	assert_int_equal(seen_bpftrace(&t, 12345), 7);
	assert_int_equal(seen_bpftrace(&t, 4321), 0);	/* no line: none seen */
	run_with(&t, NULL, NULL);
	assert_int_equal(seen_bpftrace(&t, 1234), -1);	/* no output */
}

/* nvmx-gpc-top --json: one line an interval; cumulative totals per VM */
static void test_top(void **state)
{
	struct tracer_run t;

	(void)state;
	run_with(&t, "{\"schema\":\"nvmx-gpc-top\",\"interval\":1,\"vms\":["
		 "{\"pid\":1234,\"comm\":\"nvmx-workload\",\"counts\":{\"pio\":150000},"
		 "\"totals\":{\"pio\":150000}}]}\n"
		 "not json\n"
		 "{\"schema\":\"nvmx-gpc-top\",\"interval\":2,\"vms\":["
		 "{\"pid\":99,\"comm\":\"qemu\",\"totals\":{\"pio\":9}},"
		 "{\"pid\":1234,\"comm\":\"nvmx-workload\",\"counts\":{\"pio\":50000},"
		 "\"totals\":{\"pio\":200000}}]}\n"
		 "{\"schema\":\"nvmx-gpc-top\",\"interval\":3,\"vms\":[]}\n", NULL);
	assert_int_equal(seen_top(&t, 1234), 200000);	/* the largest total */
	assert_int_equal(seen_top(&t, 99), 9);
	assert_int_equal(seen_top(&t, 4321), 0);
	run_with(&t, "", NULL);
	assert_int_equal(seen_top(&t, 1234), 0);
	run_with(&t, NULL, NULL);
	assert_int_equal(seen_top(&t, 1234), -1);
}

/* nvmx-gpc record -o DATA: the counter pio_exits of run 0 (system-wide) */
static void test_record(void **state)
{
	struct tracer_run t;

	(void)state;
	run_with(&t, NULL, "{\"schema\":\"nvmx-gpc-results\",\"counters\":["
		 "{\"name\":\"exits\",\"unit\":\"count\",\"runs\":[7]},"
		 "{\"name\":\"pio_exits\",\"unit\":\"count\",\"runs\":[200000,3]}]}\n");
	assert_int_equal(seen_record(&t, 1234), 200000);
	assert_int_equal(seen_record(&t, 1), 200000);	/* any pid: system-wide */
	run_with(&t, NULL, "{\"schema\":\"nvmx-gpc-results\",\"counters\":[]}\n");
	assert_int_equal(seen_record(&t, 1234), 0);
	run_with(&t, NULL, "{\"schema\":\"nvmx-gpc-results\"}\n");
	assert_int_equal(seen_record(&t, 1234), 0);
	run_with(&t, NULL, "truncated {");
	assert_int_equal(seen_record(&t, 1234), -1);
	run_with(&t, NULL, NULL);
	assert_int_equal(seen_record(&t, 1234), -1);
}

/* perf kvm stat record: perf report cannot read a missing file: 0 seen */
static void test_perf_no_data(void **state)
{
	struct tracer_run t;

	(void)state;
	run_with(&t, NULL, NULL);
	assert_int_equal(seen_perf(&t, 1234), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slurp),
		cmocka_unit_test(test_bpftrace),
		cmocka_unit_test(test_top),
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_perf_no_data),
	};

	return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
