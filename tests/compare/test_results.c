// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files: writer/reader round trip, strict validation with
 * one-line errors, and the atomic write surviving a SIGKILL mid-write.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "results/results.h"
#include "core/hist.h"
#include "util.h"
#include "../tmpdir.h"
#include "testdoc.h"

static struct nvmx_results *make_doc(unsigned int k, unsigned int runs,
				     unsigned int fill)
{
	struct nvmx_results *r = testdoc_new(k, runs);
	struct nvmx_res_metric *m;
	struct nvmx_res_counter *c;
	unsigned int i, j;

	r->meta.duration_s = 1.5;
	free(r->meta.argv);
	r->meta.argv = calloc(3, sizeof(char *));
	r->meta.argv[0] = strdup("nvmx-workload");
	r->meta.argv[1] = strdup("--pio=100");
	r->meta.argc = 2;
	r->meta.exit_status = 0;
	for (j = 0; j < runs; j++) {
		r->meta.run_info[j].duration_s = 0.5;
		r->meta.run_info[j].exit_status = 0;
	}
	assert_int_equal(nvmx_res_add_attach(r, "kvm_run", "tp_btf", NULL), 0);
	assert_int_equal(nvmx_res_add_attach(r, "vcpu_map", "none", "fentry: EPERM"), 0);
	m = nvmx_res_add_metric(r, "kvm_run_ns", "ns", "test metric");
	assert_non_null(m);
	for (j = 0; j < runs; j++) {
		/* values 100, 101, 102 (+ fill values spread over slots) */
		uint64_t sum = 0, v;

		for (v = 100; v < 103; v++) {
			m->runs[j].slots[nvmx_hist_index(v, k)]++;
			sum += v;
		}
		for (i = 0; i < fill; i++) {
			v = 1000 + (uint64_t)i * 977;
			m->runs[j].slots[nvmx_hist_index(v, k)]++;
			sum += v;
		}
		m->runs[j].sum = sum;
		m->runs[j].has_sum = true;
	}
	nvmx_res_fix_counts(r);
	c = nvmx_res_add_counter(r, "saved_pct", "percent", NULL, NVMX_BETTER_HIGHER);
	assert_non_null(c);
	for (j = 0; j < runs; j++)
		c->values[j] = 97.5;
	c = nvmx_res_add_counter(r, "pio_exits", "count", "PIO", NVMX_BETTER_NONE);
	assert_non_null(c);
	for (j = 0; j < runs; j++)
		c->values[j] = 100;
	return r;
}

static char *doc_string(void)
{
	struct nvmx_results *r = make_doc(4, 2, 0);
	char err[512], *s;

	assert_int_equal(nvmx_res_to_string(r, &s, err, sizeof(err)), 0);
	nvmx_res_free(r);
	return s;
}

static void test_roundtrip(void **state)
{
	struct nvmx_results *r = make_doc(4, 3, 50), *back;
	char path[PATH_MAX + 32], err[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/rt.json", tmpdir);
	assert_int_equal(nvmx_res_write(path, r, err, sizeof(err)), 0);
	assert_int_equal(nvmx_res_read(path, &back, err, sizeof(err)), 0);
	assert_int_equal(back->meta.repetitions, 3);
	assert_int_equal(back->meta.hist_k, 4);
	assert_string_equal(back->meta.argv[1], "--pio=100");
	assert_int_equal(back->meta.nattach, 2);
	assert_string_equal(back->meta.attach[1].reason, "fentry: EPERM");
	assert_null(back->meta.attach[0].reason);
	assert_int_equal(back->nmetrics, 1);
	assert_int_equal(back->metrics[0].runs[2].count, 53);
	assert_true(back->metrics[0].runs[2].sum == r->metrics[0].runs[2].sum);
	assert_memory_equal(back->metrics[0].runs[1].slots, r->metrics[0].runs[1].slots,
			    nvmx_hist_slots(4) * sizeof(uint64_t));
	assert_int_equal(back->ncounters, 2);
	assert_true(back->counters[0].values[0] == 97.5);
	assert_true(back->counters[1].values[2] == 100);
	assert_true(back->counters[0].better == NVMX_BETTER_HIGHER);
	nvmx_res_free(back);
	/* an undefined percentage (0/0) is null in the file, NAN in memory */
	r->counters[0].values[1] = NAN;
	assert_int_equal(nvmx_res_write(path, r, err, sizeof(err)), 0);
	assert_int_equal(nvmx_res_read(path, &back, err, sizeof(err)), 0);
	assert_true(isnan(back->counters[0].values[1]));
	assert_true(back->counters[0].values[0] == 97.5);
	nvmx_res_free(back);
	/* a count whose hooks are unavailable is null too, never 0 */
	r->counters[1].values[2] = NAN;
	assert_int_equal(nvmx_res_write(path, r, err, sizeof(err)), 0);
	assert_int_equal(nvmx_res_read(path, &back, err, sizeof(err)), 0);
	assert_true(isnan(back->counters[1].values[2]));
	assert_true(back->counters[1].values[1] == 100);
	nvmx_res_free(back);
	nvmx_res_free(r);
}

/* Replace the first occurrence of from (must exist) in a copy of s. */
static char *subst(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	char *out;

	if (!p)
		fail_msg("'%s' not in the document", from);
	out = malloc(strlen(s) + strlen(to) + 1);
	assert_non_null(out);
	memcpy(out, s, (size_t)(p - s));
	strcpy(out + (p - s), to);
	strcat(out, p + strlen(from));
	return out;
}

static void expect_error(const char *doc, const char *needle)
{
	struct nvmx_results *r = NULL;
	char err[512] = "";
	int ret = nvmx_res_parse(doc, strlen(doc), &r, err, sizeof(err));

	if (ret == 0 || !strstr(err, needle) || strchr(err, '\n'))
		fail_msg("expected error containing '%s', got %d '%s'", needle, ret, err);
	assert_null(r);
}

static void test_validation(void **state)
{
	static const struct {
		const char *from, *to, *err;
	} cases[] = {
		{ "\"schema_version\": 2", "\"schema_version\": 3",
		  "unsupported schema_version 3 (this tool reads 2)" },
		{ "\"schema_version\": 2", "\"schema_version\": 1",
		  "schema_version 1 is no longer read (its saved_pct was hits/(hits+maps)" },
		{ "\"schema_version\": 2", "\"schema_version\": \"2\"",
		  "schema_version: missing or not an integer" },
		{ "\"nvmx-gpc-results\"", "\"other\"", "not an nvmx-gpc results file" },
		{ "\"unit\": \"ns\"", "\"unit\": \"ms\"", "is not a latency unit" },
		{ "\"time_unit\": \"ns\"", "\"time_unit\": \"cycles\"",
		  "differs from metadata.time_unit" },
		{ "\"hist_k\": 4", "\"hist_k\": 9", "metadata.hist_k: 9 out of range 0..6" },
		{ "\"count\": 3", "\"count\": 4", "count 4 but slots hold 3 values" },
		{ "\"sum\": 303", "\"sum\": 5000", "sum 5000 outside the slot bounds" },
		{ "\"interrupted\": false", "\"interrupted\": false, \"bogus\": 1",
		  "metadata: unknown key 'bogus'" },
		{ "\"repetitions\": 2", "\"repetitions\": 3",
		  "metadata.runs: 2 entries but repetitions is 3" },
		{ "[57, 3]", "[9999, 3]", "slot index 9999 out of range for k=4 (max 975)" },
		{ "[57, 3]", "[57, 1], [50, 2]", "slot indices must be strictly increasing" },
		{ "[57, 3]", "[57, 0]", "zero count" },
		{ "[57, 3]", "[57, -3]", "negative value" },
		{ "[57, 3]", "[57, 3, 1]", "expected [index, count] pair" },
		{ "97.5", "197.5", "percentage 197.5 > 100" },
		/* null is fine (unavailable), a string is not */
		{ "[\n        100,", "[\n        \"100\",", "runs[0]: expected number, got string" },
		{ "\"duration_s\": 1.5", "\"duration_s\": \"abc\"",
		  "metadata.duration_s: expected number, got string" },
		{ "\"start_time\": \"2026-11-25T22:00:00Z\"", "\"start_time\": \"yesterday\"",
		  "metadata.start_time: not an ISO 8601" },
		{ "\"better\": \"lower\"", "\"better\": \"higher\"",
		  "latencies must be 'lower'" },
		{ "\"name\": \"pio_exits\"", "\"name\": \"saved_pct\"",
		  "duplicate counter 'saved_pct'" },
		{ "\"name\": \"kvm_run_ns\"", "\"name\": \"Bad Name\"", "is not [a-z]" },
		{ "\"exit_status\": 0", "\"exit_status\": 300", "out of range 0..255" },
		{ "\"interrupted\": false", "\"interrupted\": true, \"x\": [1,]",
		  "malformed JSON" },
	};
	char *doc = doc_string(), *bad;
	size_t i;

	(void)state;
	/* the untouched document is valid */
	{
		struct nvmx_results *r;
		char err[512];

		assert_int_equal(nvmx_res_parse(doc, strlen(doc), &r, err, sizeof(err)), 0);
		nvmx_res_free(r);
	}
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = subst(doc, cases[i].from, cases[i].to);
		expect_error(bad, cases[i].err);
		free(bad);
	}
	/* truncated anywhere: always an error, never a crash */
	for (i = 1; i < strlen(doc) - 2; i += 7) {
		struct nvmx_results *r = NULL;
		char err[512];

		assert_int_not_equal(nvmx_res_parse(doc, i, &r, err, sizeof(err)), 0);
		assert_null(r);
	}
	{
		char half[64];

		snprintf(half, sizeof(half), "%.40s", doc);
		expect_error(half, "truncated JSON");
	}
	bad = subst(doc, "\n}", "\n}\n{}");
	expect_error(bad, "malformed JSON at offset");
	free(bad);
	expect_error("", "empty file");
	expect_error("[]", "top level: expected object, got array");
	expect_error("{}", "not an nvmx-gpc results file");
	free(doc);
}

/* The exact error of parsing doc (which must fail). */
static void expect_exact(const char *doc, const char *want)
{
	struct nvmx_results *r = NULL;
	char err[512] = "";

	assert_int_equal(nvmx_res_parse(doc, strlen(doc), &r, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, want);
	assert_null(r);
}

/*
 * A key twice in one object is an error naming the key and the object's
 * path, not "the last one wins"; keys compare after unescaping.
 */
static void test_duplicate_keys(void **state)
{
	static const struct {
		const char *from, *to, *err;
	} cases[] = {
		{ "\"schema_version\": 2", "\"schema_version\": 2, \"schema_version\": 3",
		  "top level: duplicate key 'schema_version'" },
		{ "\"interrupted\": false", "\"interrupted\": false, \"interrupted\": true",
		  "metadata: duplicate key 'interrupted'" },
		{ "\"interrupted\": false", "\"interrupted\": false, \"interr\\u0075pted\": false",
		  "metadata: duplicate key 'interrupted'" },
		{ "\"exit_status\": 0", "\"exit_status\": 0, \"exit_status\": 0",
		  "metadata.workload: duplicate key 'exit_status'" },
		{ "\"count\": 3", "\"count\": 3, \"count\": 3",
		  "metrics[0].runs[0]: duplicate key 'count'" },
		{ "\"better\": \"higher\"", "\"better\": \"higher\", \"better\": \"lower\"",
		  "counters[0]: duplicate key 'better'" },
		{ "\"hook\": \"vcpu_map\"", "\"hook\": \"vcpu_map\", \"hook\": \"x\"",
		  "metadata.attach[1]: duplicate key 'hook'" },
	};
	char *doc = doc_string(), *bad, path[PATH_MAX + 32], err[1024];
	struct nvmx_results *r;
	size_t i;
	FILE *f;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = subst(doc, cases[i].from, cases[i].to);
		expect_exact(bad, cases[i].err);
		free(bad);
	}
	/* same prefix, other keys: not duplicates */
	bad = subst(doc, "\"interrupted\": false", "\"interrupted\": false, \"interrupted2\": 1");
	expect_exact(bad, "metadata: unknown key 'interrupted2'");
	free(bad);
	/* in an object the reader does not otherwise look into */
	expect_exact("{\"schema\": \"nvmx-gpc-results\", \"schema_version\": 2, "
		     "\"metrics\": [{}, [{\"a\": {\"b\": 1, \"\\\"\": 2, \"\\\"\": 3}}]]}",
		     "metrics[1][0].a: duplicate key '\"'");
	/* through nvmx_res_read: the file name first, one line */
	snprintf(path, sizeof(path), "%s/dup.json", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	bad = subst(doc, "\"count\": 3", "\"count\": 3, \"count\": 4");
	fputs(bad, f);
	free(bad);
	fclose(f);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), -EINVAL);
	assert_null(r);
	assert_non_null(strstr(err, "/dup.json: metrics[0].runs[0]: duplicate key 'count'"));
	assert_null(strchr(err, '\n'));
	unlink(path);
	free(doc);
}

static void test_read_errors_name_file(void **state)
{
	struct nvmx_results *r;
	char path[PATH_MAX + 32], err[1024];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/missing.json", tmpdir);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), -ENOENT);
	assert_non_null(strstr(err, "missing.json: No such file or directory"));
	snprintf(path, sizeof(path), "%s/bad.json", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"schema\": \"nvmx-gpc-results\", \"schema_version\": 2, ", f);
	fclose(f);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "bad.json: truncated JSON"));
	unlink(path);
}

static void test_writer_refuses_invalid(void **state)
{
	struct nvmx_results *r = make_doc(4, 1, 0);
	char path[PATH_MAX + 32], err[512];

	(void)state;
	snprintf(path, sizeof(path), "%s/never.json", tmpdir);
	r->metrics[0].runs[0].count++;
	assert_int_equal(nvmx_res_write(path, r, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "refusing to write invalid results"));
	assert_int_equal(access(path, F_OK), -1);
	nvmx_res_free(r);
}

static void stop_self(size_t written, size_t total)
{
	(void)written;
	(void)total;
	/* first chunk is in the temporary file: freeze for the parent */
	nvmx_atomic_write_hook = NULL;
	raise(SIGSTOP);
}

static char *slurp(const char *path, size_t *len)
{
	char *buf = NULL;
	FILE *f = fopen(path, "r");
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Does pid hold an open file in dir other than path (the temp file)? */
static bool has_temp_open(pid_t pid, const char *dir)
{
	char fddir[64], link[PATH_MAX + 64], target[PATH_MAX];
	struct dirent *de;
	bool found = false;
	DIR *d;
	ssize_t n;

	snprintf(fddir, sizeof(fddir), "/proc/%d/fd", (int)pid);
	d = opendir(fddir);
	assert_non_null(d);
	while ((de = readdir(d))) {
		snprintf(link, sizeof(link), "%s/%s", fddir, de->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		if (!strncmp(target, dir, strlen(dir)) && target[strlen(dir)] == '/')
			found = true;
	}
	closedir(d);
	return found;
}

static void test_atomic_write_killed(void **state)
{
	struct nvmx_results *old = make_doc(4, 1, 0), *big = make_doc(6, 4, 20000), *r;
	char path[PATH_MAX + 32], err[512], *before, *after;
	size_t blen, alen;
	struct dirent *de;
	int st, nfiles = 0;
	pid_t pid;
	DIR *d;

	(void)state;
	snprintf(path, sizeof(path), "%s/atomic.json", tmpdir);
	assert_int_equal(nvmx_res_write(path, old, err, sizeof(err)), 0);
	before = slurp(path, &blen);

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		nvmx_atomic_write_hook = stop_self;
		_exit(nvmx_res_write(path, big, err, sizeof(err)) ? 1 : 0);
	}
	/* the child stops after its first 64 KiB chunk hit the temp file */
	assert_int_equal(waitpid(pid, &st, WUNTRACED), pid);
	assert_true(WIFSTOPPED(st));
	assert_true(has_temp_open(pid, tmpdir));
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);

	/* the old file is intact and valid, and nothing else is left */
	after = slurp(path, &alen);
	assert_int_equal(alen, blen);
	assert_memory_equal(after, before, blen);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), 0);
	nvmx_res_free(r);
	d = opendir(tmpdir);
	assert_non_null(d);
	while ((de = readdir(d)))
		if (de->d_name[0] != '.' || (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")))
			nfiles += !!strcmp(de->d_name, "rt.json");
	closedir(d);
	assert_int_equal(nfiles, 1);
	free(after);

	/* and an uninterrupted write replaces it completely */
	assert_int_equal(nvmx_res_write(path, big, err, sizeof(err)), 0);
	assert_int_equal(nvmx_res_read(path, &r, err, sizeof(err)), 0);
	assert_int_equal(r->meta.hist_k, 6);
	assert_int_equal(r->metrics[0].runs[3].count, 20003);
	nvmx_res_free(r);
	free(before);
	nvmx_res_free(old);
	nvmx_res_free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_read_errors_name_file),
		cmocka_unit_test(test_writer_refuses_invalid),
		cmocka_unit_test(test_atomic_write_killed),
	};

	return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
