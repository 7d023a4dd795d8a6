// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files: writer/reader round trip, strict validation with
 * one-line errors, and the atomic write surviving a SIGKILL mid-write;
 * exit reasons (schema 3): their round trip, version 2 files still read,
 * malformed reasons refused.
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
#include <json-c/json.h>

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
		{ "\"schema_version\": 3", "\"schema_version\": 4",
		  "unsupported schema_version 4 (this tool reads 2 to 3)" },
		{ "\"schema_version\": 3", "\"schema_version\": 0",
		  "unsupported schema_version 0 (this tool reads 2 to 3)" },
		{ "\"schema_version\": 3", "\"schema_version\": 1",
		  "schema_version 1 is no longer read (its saved_pct was hits/(hits+maps)" },
		{ "\"schema_version\": 3", "\"schema_version\": \"3\"",
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
		{ "\"schema_version\": 3", "\"schema_version\": 3, \"schema_version\": 2",
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

/* ---- exit reasons (schema 3) ----------------------------------------- */

/* One run's latencies of a path: n samples of ns each */
static void set_rlat(struct nvmx_res_rlat *l, uint64_t n, uint64_t ns)
{
	memset(l, 0, sizeof(*l));
	l->slots[63 - __builtin_clzll(ns)] = n;
	l->sum = n * ns;
	l->max = ns;
	l->count = n;
}

/*
 * make_doc() with exit reasons read: VMCALL (vmx 18) on every path with
 * latencies on l1 and l2_l1, and an unnamed SVM code without latencies;
 * the SVM one is added first (the model keeps them sorted).
 */
static struct nvmx_results *make_reason_doc(unsigned int runs)
{
	struct nvmx_results *r = make_doc(4, runs, 0);
	struct nvmx_res_reason *x;
	unsigned int j, p;

	r->meta.reasons = true;
	r->meta.reasons_dropped = 5;
	r->meta.reason_isas = NVMX_RES_RISA_KNOWN | NVMX_RES_RISA(NVMX_RES_ISA_VMX) |
			      NVMX_RES_RISA(NVMX_RES_ISA_SVM);
	x = nvmx_res_add_reason(r, NVMX_RES_ISA_SVM, 0x7ff, "0x7ff");
	assert_non_null(x);
	for (j = 0; j < runs; j++)
		x->counts[1][j] = 3 + j;
	x = nvmx_res_add_reason(r, NVMX_RES_ISA_VMX, 18, "VMCALL");
	assert_non_null(x);
	for (j = 0; j < runs; j++) {
		for (p = 0; p < NVMX_RES_RPATHS; p++)
			x->counts[p][j] = 100 * (p + 1) + j;
		set_rlat(&x->lat[0][j], 10 + j, 1500);
		set_rlat(&x->lat[2][j], 4, 70000 + j);
	}
	return r;
}

static void test_reasons_roundtrip(void **state)
{
	struct nvmx_results *r = make_reason_doc(3), *back;
	char path[PATH_MAX + 32], err[512];
	unsigned int i, p, j;

	(void)state;
	snprintf(path, sizeof(path), "%s/reasons.json", tmpdir);
	assert_int_equal(nvmx_res_write(path, r, err, sizeof(err)), 0);
	assert_int_equal(nvmx_res_read(path, &back, err, sizeof(err)), 0);
	assert_true(back->meta.reasons);
	assert_true(back->meta.reasons_dropped == 5);
	/* recorded after metadata.reason_isas was: what the probes read */
	assert_int_equal(back->meta.reason_isas, r->meta.reason_isas);
	assert_int_equal(back->nreasons, 2);
	/* sorted by (isa, code): vmx before svm */
	assert_int_equal(back->reasons[0].isa, NVMX_RES_ISA_VMX);
	assert_int_equal(back->reasons[1].code, 0x7ff);
	for (i = 0; i < 2; i++) {
		const struct nvmx_res_reason *x = &r->reasons[i], *y = &back->reasons[i];

		assert_int_equal(x->isa, y->isa);
		assert_int_equal(x->code, y->code);
		assert_string_equal(x->label, y->label);
		assert_int_equal(y->nruns, 3);
		for (p = 0; p < NVMX_RES_RPATHS; p++) {
			assert_memory_equal(x->counts[p], y->counts[p], 3 * sizeof(uint64_t));
			for (j = 0; j < 3; j++)
				assert_memory_equal(&x->lat[p][j], &y->lat[p][j],
						    sizeof(struct nvmx_res_rlat));
		}
	}
	assert_true(nvmx_res_reason_total(&back->reasons[0], 2) == 100 + 200 + 300 + 400 + 8);
	nvmx_res_free(back);
	/* more runs later (record): the reasons grow with zeros */
	assert_int_equal(nvmx_res_set_runs(r, 4), 0);
	assert_true(r->reasons[0].counts[3][3] == 0 && r->reasons[0].lat[0][3].count == 0);
	assert_int_equal(nvmx_res_validate(r, err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "not marked interrupted"));
	nvmx_res_free(r);
}

/* doc (a version 3 string) as a version 2 file: without the v3 keys */
static char *as_v2(const char *doc)
{
	json_object *root = json_tokener_parse(doc), *mo;
	char *s;

	assert_non_null(root);
	assert_true(json_object_object_get_ex(root, "metadata", &mo));
	json_object_object_del(mo, "reasons");
	json_object_object_del(mo, "reasons_dropped");
	json_object_object_del(root, "reasons");
	json_object_object_add(root, "schema_version", json_object_new_int(2));
	s = strdup(json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
						  JSON_C_TO_STRING_SPACED));
	json_object_put(root);
	assert_non_null(s);
	return s;
}

/* Version 2 files (no reasons) are still read; v3 keys in them are not */
static void test_v2_readable(void **state)
{
	char *doc = doc_string(), *v2 = as_v2(doc), *bad;
	struct nvmx_results *r;
	char err[512];

	(void)state;
	assert_non_null(strstr(v2, "\"schema_version\": 2"));
	assert_null(strstr(v2, "\"reasons\""));
	if (nvmx_res_parse(v2, strlen(v2), &r, err, sizeof(err)))
		fail_msg("version 2: %s", err);
	assert_false(r->meta.reasons);
	assert_int_equal(r->nreasons, 0);
	assert_int_equal(r->nmetrics, 1);
	assert_true(r->counters[0].values[1] == 97.5);
	nvmx_res_free(r);
	bad = subst(v2, "\"interrupted\": false", "\"interrupted\": false, \"reasons\": true");
	expect_exact(bad, "metadata: unknown key 'reasons' (schema_version 3 has it, "
		     "the file says 2)");
	free(bad);
	bad = subst(v2, "\"interrupted\": false", "\"interrupted\": false, \"reason_isas\": []");
	expect_exact(bad, "metadata: unknown key 'reason_isas' (schema_version 3 has it, "
		     "the file says 2)");
	free(bad);
	bad = subst(v2, "\n}", ", \"reasons\": []\n}");
	expect_exact(bad, "top level: unknown key 'reasons' (schema_version 3 has it, "
		     "the file says 2)");
	free(bad);
	/* a version 3 file recorded before metadata.reason_isas: not said */
	if (nvmx_res_parse(doc, strlen(doc), &r, err, sizeof(err)))
		fail_msg("version 3: %s", err);
	assert_null(strstr(doc, "reason_isas"));
	assert_int_equal(r->meta.reason_isas, 0);
	nvmx_res_free(r);
	bad = subst(doc, "\"reasons_dropped\": 0,", "\"reasons_dropped\": 0, \"reason_isas\": [],");
	if (nvmx_res_parse(bad, strlen(bad), &r, err, sizeof(err)))
		fail_msg("reason_isas []: %s", err);
	assert_int_equal(r->meta.reason_isas, NVMX_RES_RISA_KNOWN);	/* said: none */
	nvmx_res_free(r);
	free(bad);
	bad = subst(doc, "\"reasons_dropped\": 0,", "\"reasons_dropped\": 0, \"reason_isas\": \"vmx\",");
	expect_exact(bad, "metadata.reason_isas: expected array, got string");
	free(bad);
	/* and a version 3 file needs them */
	bad = subst(doc, "\"reasons_dropped\": 0,", "");
	expect_exact(bad, "metadata: missing key 'reasons_dropped'");
	free(bad);
	free(v2);
	free(doc);
}

static void test_reasons_malformed(void **state)
{
	static const struct {
		const char *from, *to, *err;
	} cases[] = {
		{ "\"isa\": \"vmx\"", "\"isa\": \"arm\"", "reasons[0].isa: 'arm' is not vmx or svm" },
		{ "\"isa\": \"vmx\"", "\"isa\": 1", "reasons[0].isa: expected string, got int" },
		{ "\"code\": 18", "\"code\": 4294967296",
		  "reasons[0].code: 4294967296 out of range 0..4294967295" },
		{ "\"l1\": [\n        100,", "\"l1\": [\n        -100,",
		  "reasons.vmx.18.l1[0]: negative value" },
		{ "\"l2_l0\": [\n        200,", "\"l2_l0\": [\n        1, 200,",
		  "reasons.vmx.18.l2_l0: 3 runs but metadata.repetitions is 2" },
		{ "\"synth\": [\n        400,", "\"synth\": [\n        400.5,",
		  "reasons.vmx.18.synth[0]: expected integer, got double" },
		{ "\"latency_ns\": {\n        \"l1\"", "\"latency_ns\": {\n        \"l3\"",
		  "reasons.vmx.18.latency_ns: unknown path 'l3' (l1, l2_l0, l2_l1, synth)" },
		{ "\"latency_ns\": {\n        \"l1\": [\n          {\n",
		  "\"latency_ns\": {\n        \"l1\": [\n          {}, {\n",
		  "reasons.vmx.18.latency_ns.l1: 3 runs but metadata.repetitions is 2" },
		{ "\"count\": 10,", "\"count\": 11,",
		  "reasons.vmx.18.latency_ns.l1[0]: count 11 but slots hold 10 values" },
		{ "\"max\": 1500,", "\"max\": 3000,",
		  "reasons.vmx.18.latency_ns.l1[0]: max 3000 not in the highest slot (10)" },
		{ "\"sum\": 15000,", "\"sum\": 5,",
		  "reasons.vmx.18.latency_ns.l1[0]: sum 5 outside the slot bounds [10240, 20470]" },
		{ "[10, 10]", "[40, 10]",
		  "latency_ns.l1[0].slots[0]: slot index 40 out of range of the log2 buckets (max 31)" },
		{ "\"reason\": \"VMCALL\"", "\"reason\": \"\"",
		  "reasons.vmx.18.reason: empty or longer than 64 chars" },
		{ "\"reason\": \"VMCALL\"", "\"reason\": \"VMCALL\", \"paths\": 1",
		  "reasons[0]: unknown key 'paths'" },
		{ "\"isa\": \"svm\",\n      \"code\": 2047", "\"isa\": \"vmx\",\n      \"code\": 18",
		  "reasons: duplicate reason vmx 18" },
		{ "\"reasons\": true", "\"reasons\": false",
		  "reasons: 2 entries but metadata.reasons is false" },
		{ "\"reasons_dropped\": 5", "\"reasons_dropped\": -5",
		  "metadata.reasons_dropped: negative value" },
		{ "\"svm\"\n    ]", "\"arm\"\n    ]",
		  "metadata.reason_isas[1]: 'arm' is not vmx or svm" },
		{ "\"svm\"\n    ]", "\"vmx\"\n    ]", "metadata.reason_isas[1]: 'vmx' twice" },
		{ "\"svm\"\n    ]", "2\n    ]",
		  "metadata.reason_isas[1]: expected string, got int" },
	};
	struct nvmx_results *r = make_reason_doc(2);
	char err[512], *doc, *bad;
	size_t i;

	(void)state;
	assert_int_equal(nvmx_res_to_string(r, &doc, err, sizeof(err)), 0);
	nvmx_res_free(r);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bad = subst(doc, cases[i].from, cases[i].to);
		expect_error(bad, cases[i].err);
		free(bad);
	}
	free(doc);
	/* the writer refuses what the reader would */
	r = make_reason_doc(1);
	r->reasons[0].lat[2][0].max = 1;
	assert_int_equal(nvmx_res_to_string(r, &doc, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "reasons.vmx.18.latency_ns.l2_l1[0]: max 1 not in the "
			    "highest slot (16)");
	r->reasons[0].lat[2][0].max = 70000;
	r->meta.reason_isas = NVMX_RES_RISA(NVMX_RES_ISA_VMX);	/* not said, yet an ISA */
	assert_int_equal(nvmx_res_to_string(r, &doc, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "metadata.reason_isas: 0x2 is not a set of vmx and svm");
	r->meta.reason_isas = 0;
	r->reasons[1].isa = 3;
	assert_int_equal(nvmx_res_to_string(r, &doc, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "reasons[1].isa: 3 is not vmx or svm");
	nvmx_res_free(r);
}

/* A sum or max read mid-update is fitted to its slots (record) */
static void test_rlat_fit(void **state)
{
	struct nvmx_res_rlat l;

	(void)state;
	set_rlat(&l, 3, 1500);		/* slot 10: [1024, 2047] */
	l.count = 0;
	l.sum = 100;
	l.max = 5000;
	nvmx_res_rlat_fit(&l);
	assert_true(l.count == 3 && l.sum == 3 * 1024 && l.max == 2047);
	l.sum = 1 << 20;
	l.max = 3;
	nvmx_res_rlat_fit(&l);
	assert_true(l.sum == 3 * 2047 && l.max == 1024);
	memset(l.slots, 0, sizeof(l.slots));
	nvmx_res_rlat_fit(&l);
	assert_true(l.count == 0 && l.sum == 0 && l.max == 0);
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
		cmocka_unit_test(test_reasons_roundtrip),
		cmocka_unit_test(test_v2_readable),
		cmocka_unit_test(test_reasons_malformed),
		cmocka_unit_test(test_rlat_fit),
	};

	return cmocka_run_group_tests(tests, tmpdir_setup, tmpdir_teardown);
}
