// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare --require: the grammar of EXPR, each comparison and
 * statistic on rows made by hand, and the command's exit status and
 * stderr on two results files written here: a requirement that holds
 * (exit 0), one that fails (exit 1, one line), a malformed one (exit 2,
 * exactly one line).  Also the report's exit-reason table (informational).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <unistd.h>
#include <cmocka.h>

#include "nvmx-gpc/compare_priv.h"
#include "core/hist.h"
#include "util.h"
#include "../tmpdir.h"
#include "testdoc.h"

/* ---- the grammar ---------------------------------------------------- */

static void parse_ok(const char *expr, const char *name, const char *stat,
		     const char *op, double value)
{
	struct req q;
	char err[256] = "";

	if (cmp_parse_req(&q, expr, err, sizeof(err)))
		fail_msg("'%s': %s", expr, err);
	assert_ptr_equal(q.expr, expr);
	assert_string_equal(q.name, name);
	assert_string_equal(q.stat, stat);
	assert_string_equal(q.op, op);
	assert_true(q.value == value);
}

static void parse_bad(const char *expr, const char *msg)
{
	struct req q;
	char err[256] = "";

	assert_int_equal(cmp_parse_req(&q, expr, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, msg);
}

static void test_grammar(void **state)
{
	(void)state;
	/* NAME OP NUMBER, each operator */
	parse_ok("pio_exits>=200", "pio_exits", "", ">=", 200);
	parse_ok("pio_exits<=200", "pio_exits", "", "<=", 200);
	parse_ok("pio_exits==200", "pio_exits", "", "==", 200);
	parse_ok("pio_exits!=200", "pio_exits", "", "!=", 200);
	parse_ok("pio_exits>200", "pio_exits", "", ">", 200);
	parse_ok("pio_exits<200", "pio_exits", "", "<", 200);
	/* NAME:STAT OP NUMBER; names and statistics may hold dots */
	parse_ok("kvm_run_ns:p99.9<=20000", "kvm_run_ns", "p99.9", "<=", 20000);
	parse_ok("nested_map_ns.pi_desc:ratio<1.05", "nested_map_ns.pi_desc", "ratio",
		 "<", 1.05);
	/* spaces before the colon and OP and around NUMBER are dropped */
	parse_ok("saved_pct >= 95 ", "saved_pct", "", ">=", 95);
	parse_ok("kvm_run_ns :p50 <1e3", "kvm_run_ns", "p50", "<", 1000);
	/* one at the start of NAME or STAT is kept (and names nothing) */
	parse_ok(" pio_exits>=1", " pio_exits", "", ">=", 1);
	parse_ok("kvm_run_ns: ratio>=1", "kvm_run_ns", " ratio", ">=", 1);
	/* NUMBER is strtod's: signs, exponents, hex */
	parse_ok("pio_exits>=-1", "pio_exits", "", ">=", -1);
	parse_ok("pio_exits==2e2", "pio_exits", "", "==", 200);
	parse_ok("pio_exits==0x10", "pio_exits", "", "==", 16);
	/* the first operator in EXPR wins: "=>" is '=' in NAME, then '>' */
	parse_ok("pio_exits=>200", "pio_exits=", "", ">", 200);
	parse_bad("a<b>=1", "--require 'a<b>=1': bad number after '<'");
}

static void test_grammar_errors(void **state)
{
	char name65[80], msg[160];

	(void)state;
	parse_bad("saved_pct",
		  "--require 'saved_pct': no comparison operator (>=, <=, ==, !=, >, <)");
	parse_bad("", "--require '': no comparison operator (>=, <=, ==, !=, >, <)");
	parse_bad(">=1", "--require '>=1': bad metric name");
	parse_bad("  >=1", "--require '  >=1': bad metric name");
	parse_bad(":p50>=1", "--require ':p50>=1': bad metric name");
	memset(name65, 'x', 65);
	strcpy(name65 + 65, ">=1");
	snprintf(msg, sizeof(msg), "--require '%s': bad metric name", name65);
	parse_bad(name65, msg);
	strcpy(name65 + 64, ">=1");	/* 64 characters are a name */
	name65[64] = '\0';
	snprintf(msg, sizeof(msg), "%s", name65);
	name65[64] = '>';
	parse_ok(name65, msg, "", ">=", 1);
	parse_bad("kvm_run_ns:<1", "--require 'kvm_run_ns:<1': bad statistic");
	parse_bad("kvm_run_ns:  <1", "--require 'kvm_run_ns:  <1': bad statistic");
	parse_bad("kvm_run_ns:verylongstatistic<1",
		  "--require 'kvm_run_ns:verylongstatistic<1': bad statistic");
	parse_bad("pio_exits>=", "--require 'pio_exits>=': bad number after '>='");
	parse_bad("pio_exits>= ", "--require 'pio_exits>= ': bad number after '>='");
	parse_bad("pio_exits>=abc", "--require 'pio_exits>=abc': bad number after '>='");
	parse_bad("pio_exits>=1x", "--require 'pio_exits>=1x': bad number after '>='");
	parse_bad("pio_exits>=1 2", "--require 'pio_exits>=1 2': bad number after '>='");
	parse_bad("pio_exits>=inf", "--require 'pio_exits>=inf': bad number after '>='");
	parse_bad("pio_exits>=nan", "--require 'pio_exits>=nan': bad number after '>='");
	parse_bad("pio_exits>=1e999", "--require 'pio_exits>=1e999': bad number after '>='");
	parse_bad("pio_exits<>1", "--require 'pio_exits<>1': bad number after '<'");
}

/* ---- each comparison, on rows made by hand ---------------------------- */

/*
 * kvm_run_ns: a histogram, 400 samples, mean 3000, p50..p99.9 3100, 3500,
 * 4500, 88000, ratio 1.25.  pio_exits: a counter, 200, ratio 1.
 * saved_pct: undefined (0/0).  maps: a counter from 0 to 5 (ratio inf).
 * gpc_refresh_ns: a histogram without samples after.
 */
static struct row rows[] = {
	{ .name = "kvm_run_ns", .hist = true, .a = { .n = 400, .mean = 3000,
	  .pct = { 3100, 3500, 4500, 88000 }, .have_pct = true }, .ratio = 1.25,
	  .have_ratio = true },
	{ .name = "pio_exits", .a = { .n = 2, .mean = 200 }, .ratio = 1,
	  .have_ratio = true },
	{ .name = "saved_pct", .a = { .n = 0, .mean = NAN } },
	{ .name = "maps", .a = { .n = 2, .mean = 5 }, .inf_ratio = true },
	{ .name = "gpc_refresh_ns", .hist = true, .a = { .n = 0, .mean = NAN } },
};
static const struct cmp cmp = { .rows = rows, .nrows = sizeof(rows) / sizeof(rows[0]) };

/* EXPR holds (want 1) or fails (0); actual is the value it compared */
static void holds(const char *expr, bool want, double actual)
{
	char err[256] = "";
	struct req q;

	if (cmp_parse_req(&q, expr, err, sizeof(err)) ||
	    cmp_eval_req(&cmp, &q, err, sizeof(err)))
		fail_msg("'%s': %s", expr, err);
	if (q.ok != want)
		fail_msg("'%s': %s, want %s", expr, q.ok ? "holds" : "fails",
			 want ? "holds" : "fails");
	if (isnan(actual))
		assert_true(isnan(q.actual));
	else
		assert_true(q.actual == actual);
}

/* Each operator below, at and above the value (pio_exits is 200) */
static void test_comparisons(void **state)
{
	static const char *const hold[] = {
		"pio_exits>=199", "pio_exits>=200", "pio_exits<=200", "pio_exits<=201",
		"pio_exits>199", "pio_exits<201", "pio_exits==200", "pio_exits!=201",
	};
	static const char *const fails[] = {
		"pio_exits>=201", "pio_exits<=199", "pio_exits>200", "pio_exits<200",
		"pio_exits==200.5", "pio_exits!=200",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hold) / sizeof(hold[0]); i++)
		holds(hold[i], true, 200);
	for (i = 0; i < sizeof(fails) / sizeof(fails[0]); i++)
		holds(fails[i], false, 200);
}

/* NAME:STAT at its value v: == and >= hold, < and != fail */
static void stat_holds(const char *name, const char *stat, double v)
{
	static const struct {
		const char *op;
		bool ok;
	} ops[] = { { "==", true }, { ">=", true }, { "<", false }, { "!=", false } };
	char expr[96];
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		snprintf(expr, sizeof(expr), "%s:%s%s%.17g", name, stat, ops[i].op, v);
		holds(expr, ops[i].ok, v);
	}
}

static void test_statistics(void **state)
{
	/* kvm_run_ns, a histogram; pio_exits, a counter */
	static const char *const hist_stat[] = {
		"mean", "count", "p50", "p90", "p99", "p99.9", "ratio"
	};
	static const double hist_v[] = { 3000, 400, 3100, 3500, 4500, 88000, 1.25 };
	static const char *const ctr_stat[] = { "value", "mean", "ratio" };
	static const double ctr_v[] = { 200, 200, 1 };
	static const char *const ops[] = { ">=", "<=", "==", "!=", ">", "<" };
	char expr[64];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(hist_stat) / sizeof(hist_stat[0]); i++)
		stat_holds("kvm_run_ns", hist_stat[i], hist_v[i]);
	for (i = 0; i < sizeof(ctr_stat) / sizeof(ctr_stat[0]); i++)
		stat_holds("pio_exits", ctr_stat[i], ctr_v[i]);
	/* without a statistic: the mean of a histogram, a counter's value */
	holds("kvm_run_ns<=3000", true, 3000);
	holds("pio_exits>200", false, 200);
	/* 0 before, 5 after: an infinite ratio */
	holds("maps:ratio>1000", true, INFINITY);
	holds("maps:ratio<=1.05", false, INFINITY);
	/* undefined values (0/0, no samples) fail every comparison, != too */
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		snprintf(expr, sizeof(expr), "saved_pct%s95", ops[i]);
		holds(expr, false, NAN);
		snprintf(expr, sizeof(expr), "gpc_refresh_ns:p50%s1", ops[i]);
		holds(expr, false, NAN);
	}
	holds("saved_pct:ratio<2", false, NAN);
	holds("gpc_refresh_ns:count==0", true, 0);
}

static void eval_bad(const char *expr, const char *msg)
{
	char err[256] = "";
	struct req q;

	assert_int_equal(cmp_parse_req(&q, expr, err, sizeof(err)), 0);
	assert_int_equal(cmp_eval_req(&cmp, &q, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, msg);
}

static void test_eval_errors(void **state)
{
	(void)state;
	eval_bad("nope>=1", "--require 'nope>=1': no metric or counter 'nope'");
	eval_bad(" pio_exits>=1", "--require ' pio_exits>=1': no metric or counter ' pio_exits'");
	eval_bad("pio_exits=>200", "--require 'pio_exits=>200': no metric or counter 'pio_exits='");
	eval_bad("kvm_run_ns:value<1",
		 "--require 'kvm_run_ns:value<1': statistic 'value' does not apply to kvm_run_ns "
		 "(use mean, count, p50, p90, p99, p99.9 or ratio)");
	eval_bad("kvm_run_ns:p42<1",
		 "--require 'kvm_run_ns:p42<1': statistic 'p42' does not apply to kvm_run_ns "
		 "(use mean, count, p50, p90, p99, p99.9 or ratio)");
	eval_bad("kvm_run_ns: ratio>=1",
		 "--require 'kvm_run_ns: ratio>=1': statistic ' ratio' does not apply to kvm_run_ns "
		 "(use mean, count, p50, p90, p99, p99.9 or ratio)");
	eval_bad("pio_exits:count==1",
		 "--require 'pio_exits:count==1': statistic 'count' does not apply to pio_exits "
		 "(use value (default) or ratio)");
	eval_bad("pio_exits:p50<1",
		 "--require 'pio_exits:p50<1': statistic 'p50' does not apply to pio_exits "
		 "(use value (default) or ratio)");
}

/* All requirements in turn: req_failed once one fails; errors stop. */
static void test_all_requirements(void **state)
{
	char *ok[] = { "pio_exits==200", "kvm_run_ns:count>=400" };
	char *one_fails[] = { "pio_exits==200", "saved_pct>=95", "maps>1" };
	char *bad[] = { "pio_exits==200", "kvm_run_ns:value<1", "saved_pct" };
	struct cmp c = cmp;
	char err[256] = "";
	char *text;
	size_t len;
	FILE *f;

	(void)state;
	assert_int_equal(cmp_parse_reqs(&c, ok, 2, err, sizeof(err)), 0);
	assert_int_equal(c.nreqs, 2);
	assert_int_equal(cmp_eval_reqs(&c, err, sizeof(err)), 0);
	assert_false(c.req_failed);
	free(c.reqs);

	c = cmp;
	assert_int_equal(cmp_parse_reqs(&c, one_fails, 3, err, sizeof(err)), 0);
	assert_int_equal(cmp_eval_reqs(&c, err, sizeof(err)), 0);
	assert_true(c.req_failed);
	assert_true(c.reqs[0].ok);
	assert_false(c.reqs[1].ok);
	assert_true(c.reqs[2].ok);
	f = open_memstream(&text, &len);
	assert_non_null(f);
	nvmx_msg.prog = "nvmx-gpc compare";
	nvmx_msg.text = f;
	cmp_print_req_failures(&c);
	nvmx_msg.text = NULL;
	assert_int_equal(fclose(f), 0);
	assert_string_equal(text, "nvmx-gpc compare: requirement failed: saved_pct>=95 "
			    "(after: undefined)\n");
	free(text);
	free(c.reqs);

	/* parsed up to the malformed one; evaluated up to a bad statistic */
	c = cmp;
	assert_int_equal(cmp_parse_reqs(&c, bad, 3, err, sizeof(err)), -EINVAL);
	assert_int_equal(c.nreqs, 2);
	assert_string_equal(err, "--require 'saved_pct': no comparison operator "
			    "(>=, <=, ==, !=, >, <)");
	assert_int_equal(cmp_eval_reqs(&c, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "statistic 'value' does not apply to kvm_run_ns"));
	free(c.reqs);
}

/* ---- the command: exit status and stderr -------------------------------- */

/* A results file: kvm_run_ns (2 runs of 100 samples of 1000 ns), pio_exits
 * (pio per run), saved_pct (undefined). */
static void write_results(const char *path, double pio)
{
	struct nvmx_results *r = testdoc_new(4, 2);
	struct nvmx_res_counter *c;
	struct nvmx_res_metric *m;
	char err[512];
	unsigned int j;

	m = nvmx_res_add_metric(r, "kvm_run_ns", "ns", NULL);
	assert_non_null(m);
	for (j = 0; j < 2; j++) {
		m->runs[j].slots[nvmx_hist_index(1000, 4)] = 100;
		m->runs[j].sum = 100 * 1000;
		m->runs[j].has_sum = true;
	}
	nvmx_res_fix_counts(r);
	c = nvmx_res_add_counter(r, "pio_exits", "count", NULL, NVMX_BETTER_NONE);
	assert_non_null(c);
	c->values[0] = c->values[1] = pio;
	c = nvmx_res_add_counter(r, "saved_pct", "percent", NULL, NVMX_BETTER_HIGHER);
	assert_non_null(c);
	c->values[0] = c->values[1] = NAN;
	if (nvmx_res_write(path, r, err, sizeof(err)))
		fail_msg("%s", err);
	nvmx_res_free(r);
}

static char before[PATH_MAX + 16], after[PATH_MAX + 16];

/* the text of a file (malloc'd) */
static char *slurp(const char *path)
{
	char *s = calloc(1, 65536);
	ssize_t n;
	int fd;

	assert_non_null(s);
	fd = open(path, O_RDONLY);
	assert_true(fd >= 0);
	n = read(fd, s, 65535);
	assert_true(n >= 0);
	close(fd);
	return s;
}

/*
 * nvmx-gpc compare ARGS... BEFORE AFTER (NULL-terminated ARGS): its exit
 * status; its stdout and stderr in *out and *err (malloc'd).
 */
static int run_compare(char **out, char **err, ...)
{
	char *argv[32], outp[PATH_MAX + 16], errp[PATH_MAX + 16];
	int argc = 0, status, fd1, fd2, fo, fe;
	const char *a;
	va_list ap;

	argv[argc++] = "compare";
	va_start(ap, err);
	while ((a = va_arg(ap, const char *)) && argc < 28)
		argv[argc++] = (char *)a;
	va_end(ap);
	argv[argc++] = before;
	argv[argc++] = after;
	argv[argc] = NULL;
	snprintf(outp, sizeof(outp), "%s/out", tmpdir);
	snprintf(errp, sizeof(errp), "%s/err", tmpdir);
	fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fo >= 0 && fe >= 0);
	fflush(stdout);
	fflush(stderr);
	fd1 = dup(1);
	fd2 = dup(2);
	dup2(fo, 1);
	dup2(fe, 2);
	status = cmd_compare(argc, argv);
	fflush(stdout);
	fflush(stderr);
	dup2(fd1, 1);
	dup2(fd2, 2);
	close(fd1);
	close(fd2);
	close(fo);
	close(fe);
	*out = slurp(outp);
	*err = slurp(errp);
	return status;
}

static void test_command(void **state)
{
	char *out, *err;

	(void)state;
	snprintf(before, sizeof(before), "%s/before.json", tmpdir);
	snprintf(after, sizeof(after), "%s/after.json", tmpdir);
	write_results(before, 200);
	write_results(after, 220);

	/* pass: exit 0, nothing on stderr, "ok" in the report */
	assert_int_equal(run_compare(&out, &err, "--require", "pio_exits==220",
				     "-R", "kvm_run_ns:count==200", "-R", "pio_exits:ratio<=1.1",
				     NULL), EXIT_OK);
	assert_string_equal(err, "");
	assert_non_null(strstr(out, "\nrequire pio_exits==220: ok (after: 220)\n"));
	assert_non_null(strstr(out, "\nrequire kvm_run_ns:count==200: ok (after: 200)\n"));
	free(out);
	free(err);

	/* fail: exit 1, one line on stderr a failed requirement */
	assert_int_equal(run_compare(&out, &err, "-R", "pio_exits>220", "-R",
				     "kvm_run_ns:count==200", "-R", "saved_pct>=95", NULL),
			 EXIT_GATE);
	assert_string_equal(err, "nvmx-gpc compare: requirement failed: pio_exits>220 (after: 220)\n"
			    "nvmx-gpc compare: requirement failed: saved_pct>=95 (after: undefined)\n");
	assert_non_null(strstr(out, "\nrequire pio_exits>220: FAILED (after: 220)\n"));
	assert_non_null(strstr(out, "\nrequire saved_pct>=95: FAILED (after: -)\n"));
	free(out);
	free(err);

	/* --fail-on none does not make a failed requirement pass */
	assert_int_equal(run_compare(&out, &err, "-F", "none", "-R", "pio_exits<200", NULL),
			 EXIT_GATE);
	free(out);
	free(err);

	/* json: the requirements and the exit status */
	assert_int_equal(run_compare(&out, &err, "-f", "json", "-R", "pio_exits<200", NULL),
			 EXIT_GATE);
	assert_non_null(strstr(out, "\"requirements\": [\n    {\n      \"expr\": \"pio_exits<200\",\n"
			       "      \"after\": 220.0,\n      \"ok\": false\n    }\n  ],"));
	assert_non_null(strstr(out, "\"exit_status\": 1\n"));
	free(out);
	free(err);

	/* malformed: exit 2, exactly one line, no report */
	assert_int_equal(run_compare(&out, &err, "-R", "pio_exits==220", "-R", "saved_pct",
				     NULL), EXIT_BAD);
	assert_string_equal(err, "nvmx-gpc compare: --require 'saved_pct': no comparison "
			    "operator (>=, <=, ==, !=, >, <)\n");
	assert_string_equal(out, "");
	free(out);
	free(err);
	assert_int_equal(run_compare(&out, &err, "--require=pio_exits>=x", NULL), EXIT_BAD);
	assert_string_equal(err, "nvmx-gpc compare: --require 'pio_exits>=x': bad number "
			    "after '>='\n");
	free(out);
	free(err);
	/* well-formed, but no such metric or statistic: exit 2 too */
	assert_int_equal(run_compare(&out, &err, "-R", "nope>=1", NULL), EXIT_BAD);
	assert_string_equal(err, "nvmx-gpc compare: --require 'nope>=1': no metric or "
			    "counter 'nope'\n");
	assert_string_equal(out, "");
	free(out);
	free(err);
	assert_int_equal(run_compare(&out, &err, "-R", "pio_exits:p99<1", NULL), EXIT_BAD);
	assert_string_equal(err, "nvmx-gpc compare: --require 'pio_exits:p99<1': statistic "
			    "'p99' does not apply to pio_exits (use value (default) or ratio)\n");
	free(out);
	free(err);
}

/*
 * A results file of NVMX_TEST_RUNS runs (enough for the test over runs):
 * three histograms of 100 samples per run, at a_ns, b_ns and c_ns.
 */
#define NVMX_TEST_RUNS 5

static void write_three(const char *path, double a_ns, double b_ns, double c_ns)
{
	struct nvmx_results *r = testdoc_new(4, NVMX_TEST_RUNS);
	static const char *const names[] = { "kvm_run_ns", "nested_map_ns", "gpc_refresh_ns" };
	const double ns[] = { a_ns, b_ns, c_ns };
	struct nvmx_res_metric *m;
	char err[512];
	unsigned int i, j;

	for (i = 0; i < 3; i++) {
		m = nvmx_res_add_metric(r, names[i], "ns", NULL);
		assert_non_null(m);
		for (j = 0; j < NVMX_TEST_RUNS; j++) {
			/* a little run-to-run spread, the same in both files */
			double v = ns[i] * (1 + 0.01 * j);

			m->runs[j].slots[nvmx_hist_index((uint64_t)v, 4)] = 100;
			m->runs[j].sum = 100 * (uint64_t)v;
			m->runs[j].has_sum = true;
		}
	}
	nvmx_res_fix_counts(r);
	if (nvmx_res_write(path, r, err, sizeof(err)))
		fail_msg("%s", err);
	nvmx_res_free(r);
}

/*
 * The summary line names every regressed row, also when the first row of
 * the table did not regress (it once named them only after row 0).
 */
static void test_summary(void **state)
{
	/* AFTER's three histograms (BEFORE: all at 1000 ns), status, line */
	static const struct {
		double b, c;
		int status;
		const char *line;
	} cases[] = {
		{ 2000, 4000, EXIT_GATE, "\nsummary: 2 regressed, 0 improved; "
					  "regressed: nested_map_ns gpc_refresh_ns\n" },
		/* only the last row */
		{ 1000, 4000, EXIT_GATE, "\nsummary: 1 regressed, 0 improved; "
					  "regressed: gpc_refresh_ns\n" },
		/* none: no list */
		{ 1000, 1000, EXIT_OK, "\nsummary: 0 regressed, 0 improved\n" },
	};
	char *out, *err;
	size_t i;

	(void)state;
	snprintf(before, sizeof(before), "%s/before3.json", tmpdir);
	snprintf(after, sizeof(after), "%s/after3.json", tmpdir);
	write_three(before, 1000, 1000, 1000);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		write_three(after, 1000, cases[i].b, cases[i].c);
		assert_int_equal(run_compare(&out, &err, NULL), cases[i].status);
		assert_non_null(strstr(out, cases[i].line));
		free(out);
		free(err);
	}
}

/*
 * write_results() with exit reasons (on) or without (a file recorded
 * with --no-reasons): vmx codes 1..n, code i with 10 * i exits per run
 * on l1 and i on l2_l1, code 3's l1 times mul; code 2 only when with2.
 */
static void write_reasons(const char *path, bool on, unsigned int n, double mul,
			  bool with2)
{
	struct nvmx_results *r;
	struct nvmx_res_reason *x;
	char err[512], lbl[32];
	unsigned int i, j;

	write_results(path, 200);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), 0);
	r->meta.reasons = on;
	for (i = 1; on && i <= n; i++) {
		if (i == 2 && !with2)
			continue;
		snprintf(lbl, sizeof(lbl), i == 1 ? "EXTERNAL_INTERRUPT" : "R%u", i);
		x = nvmx_res_add_reason(r, NVMX_RES_ISA_VMX, i, lbl);
		assert_non_null(x);
		for (j = 0; j < 2; j++) {
			x->counts[0][j] = (uint64_t)(10 * i * (i == 3 ? mul : 1));
			x->counts[2][j] = i;
		}
	}
	if (nvmx_res_write(path, r, err, sizeof(err)))
		fail_msg("%s", err);
	nvmx_res_free(r);
}

static void test_reasons_table(void **state)
{
	char *out, *err;

	(void)state;
	snprintf(before, sizeof(before), "%s/rb.json", tmpdir);
	snprintf(after, sizeof(after), "%s/ra.json", tmpdir);
	/* 12 reasons before, 11 after (code 2 gone), code 3 doubled */
	write_reasons(before, true, 12, 1, true);
	write_reasons(after, true, 12, 2, false);
	assert_int_equal(run_compare(&out, &err, NULL), EXIT_OK);
	assert_string_equal(err, "");
	assert_non_null(strstr(out, "\nexit reasons: mean exits per run, all paths "
			       "(informational, not gated)\n"
			       "reason                   isa        before        after     change\n"
			       "R12                      vmx         132.0        132.0     +0.0 %\n"));
	assert_non_null(strstr(out, "\nR3                       vmx          33.0         63.0    +90.9 %\n"));
	/* the 10 with the most exits: 12..3; 2 and 1 are left out */
	assert_null(strstr(out, "\nR2 "));
	assert_null(strstr(out, "EXTERNAL_INTERRUPT"));
	assert_non_null(strstr(out, "\n(2 more reasons; --format json lists all)\n"));
	free(out);
	free(err);
	/* markdown: escaped names; json: all of them, paths and change */
	assert_int_equal(run_compare(&out, &err, "-f", "markdown", NULL), EXIT_OK);
	assert_non_null(strstr(out, "| R3 | vmx | 33.0 | 63.0 | +90.9 % |\n"));
	free(out);
	free(err);
	write_reasons(before, true, 2, 1, true);
	assert_int_equal(run_compare(&out, &err, "-f", "json", NULL), EXIT_OK);
	assert_non_null(strstr(out, "\"reason\": \"R12\",\n      \"before\": {\n"
			       "        \"total\": 0.0,\n        \"l1\": 0.0,"));
	assert_non_null(strstr(out, "\"reason\": \"R2\",\n      \"before\": {\n"
			       "        \"total\": 22.0,\n        \"l1\": 20.0,\n"
			       "        \"l2_l0\": 0.0,\n        \"l2_l1\": 2.0,\n"
			       "        \"synth\": 0.0\n      },\n      \"after\": {\n"
			       "        \"total\": 0.0,"));
	assert_non_null(strstr(out, "\"change_pct\": -100.0\n"));
	assert_non_null(strstr(out, "\"reason\": \"R12\""));
	free(out);
	free(err);
	write_reasons(after, true, 2, 1, false);
	assert_int_equal(run_compare(&out, &err, "-f", "markdown", NULL), EXIT_OK);
	assert_non_null(strstr(out, "| EXTERNAL\\_INTERRUPT | vmx | 11.0 | 11.0 | +0.0 % |\n"
			       "| R2 | vmx | 22.0 | 0.0 | -100.0 % |\n"));
	free(out);
	free(err);
	/* no reasons in AFTER (--no-reasons): a note, json null */
	write_reasons(after, false, 0, 1, false);
	assert_int_equal(run_compare(&out, &err, NULL), EXIT_OK);
	assert_non_null(strstr(out, "\nexit reasons: not compared (none recorded in "));
	assert_non_null(strstr(out, "/ra.json)\n"));
	free(out);
	free(err);
	assert_int_equal(run_compare(&out, &err, "-f", "json", NULL), EXIT_OK);
	assert_non_null(strstr(out, "\"reasons\": null,\n"));
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grammar),
		cmocka_unit_test(test_grammar_errors),
		cmocka_unit_test(test_comparisons),
		cmocka_unit_test(test_statistics),
		cmocka_unit_test(test_eval_errors),
		cmocka_unit_test(test_all_requirements),
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_summary),
		cmocka_unit_test(test_reasons_table),
	};

	return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
