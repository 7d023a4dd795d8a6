// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Unit tests of nvmx-gpc-exporter's command line (tools/exporter/args.c):
 * defaults, --sample and --than parsed as in nvmx-gpc-top (the core's
 * nvmx_sample_parse() and nvmx_than_parse()), and one-line errors.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"

static int parse(struct exp_args *a, char *err, size_t errlen, va_list ap)
{
	char *argv[32];
	int argc = 0, r;
	FILE *devnull = fopen("/dev/null", "w");

	assert_non_null(devnull);
	argv[argc++] = EXP_PROG;
	while ((argv[argc] = va_arg(ap, char *)))
		assert_true(++argc < 32);
	r = exp_parse_args(argc, argv, a, devnull, err, errlen);
	fclose(devnull);
	return r;
}

static int parse_ok(struct exp_args *a, ...)
{
	char err[256];
	va_list ap;
	int r;

	va_start(ap, a);
	r = parse(a, err, sizeof(err), ap);
	va_end(ap);
	if (r < 0)
		fail_msg("unexpected error '%s'", err);
	return r;
}

static void expect_err(const char *msg, ...)
{
	struct exp_args a;
	char err[256];
	va_list ap;

	va_start(ap, msg);
	assert_int_equal(parse(&a, err, sizeof(err), ap), -EINVAL);
	va_end(ap);
	assert_string_equal(err, msg);
}

static void test_defaults(void **state)
{
	struct exp_args a;

	(void)state;
	assert_int_equal(parse_ok(&a, NULL), EXP_ARGS_RUN);
	assert_string_equal(a.listen, EXP_DEFAULT_LISTEN);
	assert_null(a.textfile);
	assert_int_equal(a.interval, 15);
	assert_int_equal(a.keep, 300);
	assert_true(a.per_vcpu);
	assert_int_equal(a.core.hist_k, NVMX_HIST_K_DEFAULT);
	assert_int_equal(a.core.sample_n, 0);
	assert_int_equal(a.core.than_ns, 0);
	assert_false(a.core.counts_only);
	assert_int_equal(parse_ok(&a, "-h", NULL), EXP_ARGS_EXIT);
	assert_int_equal(parse_ok(&a, "--version", NULL), EXP_ARGS_EXIT);
}

static void test_valid(void **state)
{
	struct exp_args a;

	(void)state;
	assert_int_equal(parse_ok(&a, "--listen", "none", "--textfile", "/tmp/x.prom", "-i", "2",
				  "-p", "42", "-k", "6", "-T", "-K", "0", "--no-reasons", "-vv",
				  NULL), EXP_ARGS_RUN);
	assert_null(a.listen);
	assert_string_equal(a.textfile, "/tmp/x.prom");
	assert_int_equal(a.interval, 2);
	assert_int_equal(a.core.pid, 42);
	assert_int_equal(a.core.hist_k, 6);
	assert_false(a.per_vcpu);
	assert_int_equal(a.keep, 0);
	assert_true(a.core.no_reasons);
	assert_int_equal(a.core.verbose, 2);
	/* --sample and --than as in nvmx-gpc-top */
	assert_int_equal(parse_ok(&a, "--sample", "16", "--than=250", NULL), EXP_ARGS_RUN);
	assert_int_equal(a.core.sample_n, 16);
	assert_int_equal(a.core.than_ns, 250000);
	assert_int_equal(parse_ok(&a, "--sample=65535", "--than", "3600000000", NULL),
			 EXP_ARGS_RUN);
	assert_int_equal(a.core.sample_n, 65535);
	assert_int_equal(a.core.than_ns, 3600000000000ULL);
	assert_int_equal(parse_ok(&a, "--counts-only", NULL), EXP_ARGS_RUN);
	assert_true(a.core.counts_only);
	/* -g reaches the core */
	assert_int_equal(parse_ok(&a, "-g", "web1", NULL), EXP_ARGS_RUN);
	assert_string_equal(a.core.guest, "web1");
}

static void test_invalid(void **state)
{
	(void)state;
	expect_err("--sample: '1' is not an integer in 2..65535", "--sample", "1", NULL);
	expect_err("--sample: '65536' is not an integer in 2..65535", "--sample=65536", NULL);
	expect_err("--sample: 'x' is not an integer in 2..65535", "--sample", "x", NULL);
	expect_err("--than: '0' is not an integer in 1..3600000000", "--than", "0", NULL);
	expect_err("--than: '-5' is not an integer in 1..3600000000", "--than=-5", NULL);
	expect_err("--than: '3600000001' is not an integer in 1..3600000000",
		   "--than", "3600000001", NULL);
	expect_err(NVMX_SAMPLE_COUNTS_ONLY, "--counts-only", "--sample", "4", NULL);
	expect_err(NVMX_THAN_COUNTS_ONLY, "--than", "10", "--counts-only", NULL);
	expect_err("option '--than' needs an argument (see --help)", "--than", NULL);
	expect_err("option '--sample' needs an argument (see --help)", "--sample", NULL);
	expect_err("nothing to do: --listen none needs --textfile PATH", "--listen", "none", NULL);
	expect_err("--pid: '0' is not a PID (1..4194304)", "-p", "0", NULL);
	expect_err("--interval: '0' is not an integer in 1..86400", "-i", "0", NULL);
	expect_err("unknown option '-t' (see --help)", "-t", "x", NULL);
	expect_err("unexpected argument 'extra' (see --help)", "extra", NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
