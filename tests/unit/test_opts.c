// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top argument handling and view helpers. */
#include "testutil.h"
#include "opts.h"
#include "ui.h"

static int parse(struct top_opts *o, char *err, ...)
{
	char *argv[16];
	int argc = 0, r;
	va_list ap;
	FILE *devnull = fopen("/dev/null", "w");

	argv[argc++] = "nvmx-gpc-top";
	va_start(ap, err);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	r = top_parse_args(argc, argv, o, devnull, err, 256);
	fclose(devnull);
	return r;
}

static void test_defaults(void **state __attribute__((unused)))
{
	struct top_opts o;
	char err[256];

	assert_int_equal(parse(&o, err, NULL), TOP_OPTS_RUN);
	assert_false(o.batch);
	assert_true(o.interval == 1.0);
	assert_false(o.per_vcpu);
	assert_int_equal(o.verbose, 0);
	assert_int_equal(o.iterations, 0);
	assert_int_equal(o.pid, 0);
	assert_int_equal(o.hist_k, NVMX_HIST_K_DEFAULT);
	assert_int_equal(o.fmt, NVMX_SINK_TEXT);
	assert_false(o.counts_only);
}

static void test_valid(void **state __attribute__((unused)))
{
	struct top_opts o;
	char err[256];

	assert_int_equal(parse(&o, err, "-b", "-n", "3", "-i", "0.25", "--json", "-p",
			       "123", "--vcpus", "--hists", "-k", "6", "--stats", NULL), TOP_OPTS_RUN);
	assert_true(o.batch && o.per_vcpu && o.hists && o.stats);
	assert_int_equal(o.iterations, 3);
	assert_true(o.interval == 0.25);
	assert_int_equal(o.verbose, 0);
	assert_int_equal(o.pid, 123);
	assert_int_equal(o.hist_k, 6);
	assert_int_equal(o.fmt, NVMX_SINK_JSON);
	assert_int_equal(parse(&o, err, "--batch", "--csv", "--iterations=2", NULL), TOP_OPTS_RUN);
	assert_int_equal(o.fmt, NVMX_SINK_CSV);
	assert_int_equal(o.iterations, 2);
	/* -v is --verbose, as in every tool (docs/cli.md) */
	assert_int_equal(parse(&o, err, "-v", "--verbose", "--interval=2", "--pid=4194304",
			       "--hist-k=0", NULL), TOP_OPTS_RUN);
	assert_int_equal(o.verbose, 2);
	assert_false(o.per_vcpu);
	assert_true(o.interval == 2.0);
	assert_int_equal(o.pid, 4194304);
	assert_int_equal(o.hist_k, 0);
	assert_int_equal(parse(&o, err, "--probes", NULL), TOP_OPTS_RUN);
	assert_true(o.probes);
	assert_int_equal(parse(&o, err, "-h", NULL), TOP_OPTS_EXIT);
	assert_int_equal(parse(&o, err, "--version", NULL), TOP_OPTS_EXIT);
	assert_false(o.counts_only);
	assert_int_equal(parse(&o, err, "-b", "--json", "--counts-only", NULL), TOP_OPTS_RUN);
	assert_true(o.counts_only);
	assert_false(o.reasons);
	assert_int_equal(parse(&o, err, "-bx", "--csv", NULL), TOP_OPTS_RUN);
	assert_true(o.reasons);
	assert_false(o.no_reasons);
	assert_int_equal(parse(&o, err, "--no-reasons", NULL), TOP_OPTS_RUN);
	assert_true(o.no_reasons);
	/* --sample and --than: the core's parsers (nvmx_sample_parse/than_parse) */
	assert_int_equal(parse(&o, err, "--sample", "16", "--than=250", NULL), TOP_OPTS_RUN);
	assert_int_equal(o.sample_n, 16);
	assert_int_equal(o.than_ns, 250000);
	assert_int_equal(parse(&o, err, "-b", "--json", "--than", "3600000000", NULL),
			 TOP_OPTS_RUN);
	assert_int_equal(o.than_ns, 3600000000000ULL);
}

static void expect_err(const char *needle, ...)
{
	struct top_opts o;
	char err[256], *argv[16];
	int argc = 0;
	va_list ap;

	argv[argc++] = "nvmx-gpc-top";
	va_start(ap, needle);
	while ((argv[argc] = va_arg(ap, char *)))
		argc++;
	va_end(ap);
	assert_int_equal(top_parse_args(argc, argv, &o, stdout, err, sizeof(err)), -EINVAL);
	if (!strstr(err, needle))
		fail_msg("error '%s' lacks '%s'", err, needle);
	assert_null(strchr(err, '\n'));	/* one line */
}

static void test_invalid(void **state __attribute__((unused)))
{
	expect_err("--pid: 'abc' is not a PID (1..4194304)", "-p", "abc", NULL);
	expect_err("--pid: '0' is not a PID (1..4194304)", "-p", "0", NULL);
	expect_err("--pid: '-5' is not a PID (1..4194304)", "-p", "-5", NULL);
	expect_err("--pid: '4194305' is not a PID (1..4194304)", "--pid", "4194305", NULL);
	expect_err("--pid: '99999999999' is not a PID (1..4194304)", "-p", "99999999999", NULL);
	expect_err("--interval: '0' is not a number of seconds in 0.05..3600", "-i", "0", NULL);
	expect_err("--interval: 'nan' is not a number of seconds in 0.05..3600", "-i", "nan", NULL);
	expect_err("--interval: '1x' is not a number of seconds in 0.05..3600",
		   "--interval", "1x", NULL);
	expect_err("unknown option '-d': the interval is -i, --interval (docs/cli.md)",
		   "-d", "1", NULL);
	expect_err("unknown option '--delay' (see --help)", "--delay", "1", NULL);
	expect_err("--iterations: '0' is not an integer in 1..9223372036854775807", "-n", "0", NULL);
	expect_err("--iterations: 'x' is not an integer in 1..9223372036854775807",
		   "-b", "-n", "x", NULL);
	expect_err("--iterations: '-1' is not an integer in 1..9223372036854775807",
		   "-n", "-1", NULL);
	expect_err("--hist-k: '7' is not an integer in 0..6", "-k", "7", NULL);
	expect_err("mutually exclusive", "-b", "--json", "--csv", NULL);
	expect_err("need batch", "--json", NULL);
	expect_err("--hists needs --json", "-b", "--hists", NULL);
	expect_err("--hists and --counts-only are mutually exclusive (no histogram counting only)",
		   "-b", "--json", "--hists", "--counts-only", NULL);
	expect_err("unknown option '--frobnicate' (see --help)", "--frobnicate", NULL);
	expect_err("unknown option '-y' (see --help)", "-by", NULL);
	expect_err("--reasons and --no-reasons are mutually exclusive", "-x", "--no-reasons", NULL);
	expect_err("option '-p' needs an argument (see --help)", "-p", NULL);
	expect_err("option '--pid' needs an argument (see --help)", "--pid", NULL);
	expect_err("unexpected argument", "extra", NULL);
	expect_err("--sample: '1' is not an integer in 2..65535", "--sample", "1", NULL);
	expect_err("--sample: '65536' is not an integer in 2..65535", "--sample=65536", NULL);
	expect_err(NVMX_SAMPLE_COUNTS_ONLY, "--sample", "4", "--counts-only", NULL);
	expect_err("--than: '0' is not an integer in 1..3600000000", "--than", "0", NULL);
	expect_err("--than: '1.5' is not an integer in 1..3600000000", "--than=1.5", NULL);
	expect_err(NVMX_THAN_COUNTS_ONLY, "--counts-only", "--than", "10", NULL);
	/* the outliers are in text and JSON, not CSV */
	expect_err("--than needs text or --json output, not --csv", "-b", "--csv", "--than", "10",
		   NULL);
}

static void test_filter_and_sort(void **state __attribute__((unused)))
{
	struct nvmx_vcpu_snap rows[3];
	struct nvmx_snapshot *s;
	size_t idx[3];
	int col, i;
	char cell[32];

	make_row(&rows[0], 300, 300, 0, 4);
	make_row(&rows[1], 100, 100, 0, 4);
	make_row(&rows[2], 200, 200, 0, 4);
	snprintf(rows[0].comm, 16, "qemu-system-x86");
	snprintf(rows[1].comm, 16, "nvmx-workload");
	snprintf(rows[2].comm, 16, "crosvm");
	rows[0].ctr[NVMX_C_PIO] = 5;
	rows[1].ctr[NVMX_C_PIO] = 50;
	rows[2].ctr[NVMX_C_PIO] = 20;
	assert_int_equal(nvmx_snapshot_build(rows, 3, 4, 0, &s), 0);
	for (i = 0; i < 3; i++)
		nvmx_vcpu_snap_fini(&rows[i]);

	assert_true(top_filter_match(&s->vms[0], ""));
	assert_true(top_filter_match(&s->vms[0], "10"));	/* pid prefix */
	assert_false(top_filter_match(&s->vms[0], "20"));
	assert_true(top_filter_match(&s->vms[2], "QEMU"));	/* comm, any case */
	assert_false(top_filter_match(&s->vms[2], "crosvm"));

	top_sort_vms(NULL, s, 1.0, -1, idx);
	assert_int_equal(s->vms[idx[0]].tgid, 100);
	assert_int_equal(s->vms[idx[2]].tgid, 300);
	for (col = 0; nvmx_default_columns[col] != NVMX_M_PIO; col++)
		;
	top_sort_vms(NULL, s, 1.0, col, idx);
	assert_int_equal(s->vms[idx[0]].tgid, 100);
	assert_int_equal(s->vms[idx[1]].tgid, 200);
	assert_int_equal(s->vms[idx[2]].tgid, 300);

	top_format_cell(cell, sizeof(cell), NULL, &s->vms[0].total, NULL, 4, 2.0, NVMX_M_PIO);
	assert_string_equal(cell, "       25");
	top_format_cell(cell, sizeof(cell), NULL, &s->vms[0].total, NULL, 4, 2.0,
			NVMX_M_KVM_RUN_P50);
	assert_string_equal(cell, "        -");
	nvmx_snapshot_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_filter_and_sort),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
