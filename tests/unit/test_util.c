// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * tools/util: the option parsers' exact messages, p_err and its JSON
 * twin, the process-gone check on real child processes, read_line,
 * cpu_model, and the atomic write (old file and no temporary file left
 * when it fails).
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
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <cmocka.h>

#include "util.h"

static char tmpdir[256];

/* ---- parsers ---------------------------------------------------------- */

static void uint_ok(const char *s, unsigned long long min, unsigned long long max,
		    unsigned long long want)
{
	unsigned long long v = ~want;
	char err[256] = "";

	assert_int_equal(nvmx_parse_uint("--n", s, min, max, &v, err, sizeof(err)), 0);
	assert_true(v == want);
	assert_string_equal(err, "");
}

static void uint_bad(const char *s, unsigned long long min, unsigned long long max,
		     const char *want)
{
	unsigned long long v = 7;
	char err[256] = "";

	assert_int_equal(nvmx_parse_uint("--n", s, min, max, &v, err, sizeof(err)), -EINVAL);
	assert_string_equal(err, want);
	assert_true(v == 7);	/* untouched */
}

static void test_parse_uint(void **state)
{
	(void)state;
	uint_ok("0", 0, 10, 0);
	uint_ok("10", 0, 10, 10);
	uint_ok("007", 1, 10, 7);
	uint_ok("18446744073709551615", 0, ULLONG_MAX, ULLONG_MAX);
	/* garbage */
	uint_bad("", 0, 10, "--n: '' is not an integer in 0..10");
	uint_bad("abc", 0, 10, "--n: 'abc' is not an integer in 0..10");
	uint_bad("12x", 0, 100, "--n: '12x' is not an integer in 0..100");
	uint_bad("1.5", 0, 10, "--n: '1.5' is not an integer in 0..10");
	uint_bad("0x10", 0, 100, "--n: '0x10' is not an integer in 0..100");
	uint_bad(" 1", 0, 10, "--n: ' 1' is not an integer in 0..10");
	uint_bad("1 ", 0, 10, "--n: '1 ' is not an integer in 0..10");
	uint_bad("+1", 0, 10, "--n: '+1' is not an integer in 0..10");
	/* negatives (strtoull would wrap them) */
	uint_bad("-1", 0, ULLONG_MAX,
		 "--n: '-1' is not an integer in 0..18446744073709551615");
	uint_bad("-0", 0, 10, "--n: '-0' is not an integer in 0..10");
	/* overflow */
	uint_bad("18446744073709551616", 0, ULLONG_MAX,
		 "--n: '18446744073709551616' is not an integer in 0..18446744073709551615");
	uint_bad("99999999999999999999999", 1, 64,
		 "--n: '99999999999999999999999' is not an integer in 1..64");
	/* out of range */
	uint_bad("0", 1, 64, "--n: '0' is not an integer in 1..64");
	uint_bad("65", 1, 64, "--n: '65' is not an integer in 1..64");
}

static void test_parse_pid(void **state)
{
	static const char *const bad[] = {
		"", "0", "-1", "-5", "+5", "12x", "abc", "4194305", "2147483648",
		"99999999999", "18446744073709551617",
	};
	char err[256], want[256];
	unsigned int i;
	pid_t pid = 0;

	(void)state;
	assert_int_equal(nvmx_parse_pid("--pid", "1", &pid, err, sizeof(err)), 0);
	assert_int_equal(pid, 1);
	assert_int_equal(nvmx_parse_pid("--pid", "4194304", &pid, err, sizeof(err)), 0);
	assert_int_equal(pid, NVMX_PID_MAX);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pid = 42;
		assert_int_equal(nvmx_parse_pid("--pid", bad[i], &pid, err, sizeof(err)),
				 -EINVAL);
		snprintf(want, sizeof(want), "--pid: '%s' is not a PID (1..4194304)", bad[i]);
		assert_string_equal(err, want);
		assert_int_equal(pid, 42);
	}
}

/* ---- messages ---------------------------------------------------------- */

struct capture {
	FILE *text, *json;
	char *tbuf, *jbuf;
	size_t tlen, jlen;
};

static void capture_start(struct capture *c, bool json)
{
	memset(c, 0, sizeof(*c));
	c->text = open_memstream(&c->tbuf, &c->tlen);
	assert_non_null(c->text);
	if (json) {
		c->json = open_memstream(&c->jbuf, &c->jlen);
		assert_non_null(c->json);
	}
	nvmx_msg.prog = "nvmx-test";
	nvmx_msg.text = c->text;
	nvmx_msg.json = c->json;
}

static void capture_end(struct capture *c)
{
	fclose(c->text);
	if (c->json)
		fclose(c->json);
	nvmx_msg.text = NULL;
	nvmx_msg.json = NULL;
}

static void capture_free(struct capture *c)
{
	free(c->tbuf);
	free(c->jbuf);
}

static void test_messages(void **state)
{
	unsigned long long v;
	struct capture c;
	pid_t pid;

	(void)state;
	capture_start(&c, false);
	p_err("cannot attach: %s", "No such file or directory");
	p_info("tracing all VMs, %d of %d hooks attached", 3, 7);
	capture_end(&c);
	assert_string_equal(c.tbuf, "nvmx-test: cannot attach: No such file or directory\n"
			    "nvmx-test: tracing all VMs, 3 of 7 hooks attached\n");
	capture_free(&c);

	/* JSON mode: p_err has a twin on the JSON stream, p_info has none */
	capture_start(&c, true);
	p_err("bad \"name\" \\ in\t%s\n", "caf\xc3\xa9 \x01");
	p_info("not JSON");
	capture_end(&c);
	assert_string_equal(c.tbuf, "nvmx-test: bad \"name\" \\ in\tcaf\xc3\xa9 \x01\n\n"
			    "nvmx-test: not JSON\n");
	assert_string_equal(c.jbuf,
			    "{\"error\":\"bad \\\"name\\\" \\\\ in\\tcaf\xc3\xa9 \\u0001\\n\"}\n");
	capture_free(&c);

	/* the ends of a getopt loop: bad option, arguments left over */
	capture_start(&c, false);
	{
		char *argv[] = { "prog", "--bogus", "extra", NULL };

		optind = 2;	/* getopt_long() consumed --bogus */
		optopt = 0;	/* as it leaves it for a long option */
		assert_int_equal(nvmx_opt_default('?', argv, NULL), NVMX_EXIT_USAGE);
		assert_int_equal(nvmx_opt_default(':', argv, NULL), NVMX_EXIT_USAGE);
		optopt = 'x';
		assert_int_equal(nvmx_opt_default('?', argv, NULL), NVMX_EXIT_USAGE);
		assert_int_equal(nvmx_no_more_args(3, argv), -EINVAL);
		optind = 3;
		assert_int_equal(nvmx_no_more_args(3, argv), 0);
	}
	capture_end(&c);
	assert_string_equal(c.tbuf,
			    "nvmx-test: unknown option '--bogus' (see --help)\n"
			    "nvmx-test: option '--bogus' needs an argument (see --help)\n"
			    "nvmx-test: unknown option '-x' (see --help)\n"
			    "nvmx-test: unexpected argument 'extra' (see --help)\n");
	capture_free(&c);

	/* a parser without err prints its message with p_err */
	capture_start(&c, true);
	assert_int_equal(nvmx_parse_uint("--repeat", "-3", 1, 64, &v, NULL, 0), -EINVAL);
	assert_int_equal(nvmx_parse_pid("--pid", "x", &pid, NULL, 0), -EINVAL);
	capture_end(&c);
	assert_string_equal(c.tbuf, "nvmx-test: --repeat: '-3' is not an integer in 1..64\n"
			    "nvmx-test: --pid: 'x' is not a PID (1..4194304)\n");
	assert_string_equal(c.jbuf,
			    "{\"error\":\"--repeat: '-3' is not an integer in 1..64\"}\n"
			    "{\"error\":\"--pid: 'x' is not a PID (1..4194304)\"}\n");
	capture_free(&c);
}

/* ---- process gone ------------------------------------------------------ */

/* State letter of /proc/PID/stat, 0 if unreadable. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (nvmx_read_line(path, buf, sizeof(buf)))
		return 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

static void wait_state(pid_t pid, char want)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	for (i = 0; i < 1000 && proc_state(pid) != want; i++)
		nanosleep(&ts, NULL);
	assert_int_equal(proc_state(pid), want);
}

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void test_pid_gone(void **state)
{
	siginfo_t si;
	pthread_t t;
	pid_t pid;
	int st;

	(void)state;
	assert_false(nvmx_pid_gone(0));
	assert_false(nvmx_pid_gone(-1));
	assert_false(nvmx_pid_gone(getpid()));

	/* a child that runs, then exits: a zombie until reaped, then nothing */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(30);	/* never outlive a failed test */
		pause();
		_exit(0);
	}
	assert_false(nvmx_pid_gone(pid));
	assert_int_equal(kill(pid, SIGTERM), 0);
	assert_int_equal(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT), 0);
	assert_int_equal(proc_state(pid), 'Z');
	assert_int_equal(kill(pid, 0), 0);	/* a zombie answers kill() */
	assert_true(nvmx_pid_gone(pid));
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(nvmx_pid_gone(pid));

	/* a leader that exited while its other thread runs: not gone */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(30);
		if (pthread_create(&t, NULL, sleeper, NULL))
			_exit(1);
		pthread_exit(NULL);
	}
	wait_state(pid, 'Z');
	assert_false(nvmx_pid_gone(pid));
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	assert_true(nvmx_pid_gone(pid));
}

/* ---- /proc reads --------------------------------------------------------- */

static void test_read_line(void **state)
{
	char path[300], buf[8];
	FILE *f;

	(void)state;
	snprintf(path, sizeof(path), "%s/lines", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("first\nsecond\n", f);
	fclose(f);
	assert_int_equal(nvmx_read_line(path, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "first");
	assert_int_equal(nvmx_read_line(path, buf, 4), 0);	/* cut to fit */
	assert_string_equal(buf, "fir");
	assert_int_equal(unlink(path), 0);
	strcpy(buf, "old");
	assert_int_equal(nvmx_read_line(path, buf, sizeof(buf)), -ENOENT);
	assert_string_equal(buf, "");
}

static void test_cpu_model(void **state)
{
	char buf[128], line[512], want[128] = "unknown", *p;
	FILE *f = fopen("/proc/cpuinfo", "r");

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) || !(p = strchr(line, ':')))
			continue;
		p += 1 + strspn(p + 1, " \t");
		p[strcspn(p, "\n")] = 0;
		snprintf(want, sizeof(want), "%s", p);
		break;
	}
	fclose(f);
	assert_ptr_equal(nvmx_cpu_model(buf, sizeof(buf)), buf);
	assert_string_equal(buf, want);
}

/* ---- atomic write -------------------------------------------------------- */

static char *slurp(const char *path, size_t *len)
{
	char *buf;
	long n;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = 0;
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* The names in dir, dot files too, sorted, separated by '/'. */
static void list_dir(const char *dir, char *out, size_t len)
{
	struct dirent **de;
	int n, i;

	out[0] = 0;
	n = scandir(dir, &de, NULL, alphasort);
	assert_true(n >= 0);
	for (i = 0; i < n; i++) {
		if (strcmp(de[i]->d_name, ".") && strcmp(de[i]->d_name, ".."))
			snprintf(out + strlen(out), len - strlen(out), "%s/", de[i]->d_name);
		free(de[i]);
	}
	free(de);
}

/*
 * Write buf to path and expect it to fail with ret and the message fmt
 * (formatted with path); afterwards dir holds only the names "names" and
 * old_path still holds old (when not NULL).
 */
static void write_fails(const char *dir, const char *path, const char *buf,
			size_t len, int ret, const char *fmt, const char *names,
			const char *old_path, const char *old)
{
	char err[1024], want[1024], got_names[256], *got;
	size_t n;

	assert_int_equal(nvmx_atomic_write(path, buf, len, err, sizeof(err)), ret);
	snprintf(want, sizeof(want), fmt, path, dir);
	assert_string_equal(err, want);
	list_dir(dir, got_names, sizeof(got_names));
	assert_string_equal(got_names, names);
	if (old) {
		got = slurp(old_path, &n);
		assert_string_equal(got, old);
		free(got);
	}
}

static void test_atomic_write(void **state)
{
	char dir[300], path[340], sub[340], err[1024], names[256];
	const char *old = "old content\n";
	size_t big_len = 200000, len;
	struct rlimit rl, small;
	struct stat st;
	char *big, *got;
	mode_t um;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/aw", tmpdir);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/out.prom", dir);
	um = umask(022);

	/* a new file, then replaced; nothing else in the directory */
	assert_int_equal(nvmx_atomic_write(path, "first\n", 6, err, sizeof(err)), 0);
	assert_int_equal(nvmx_atomic_write(path, old, strlen(old), err, sizeof(err)), 0);
	got = slurp(path, &len);
	assert_string_equal(got, old);
	free(got);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	list_dir(dir, names, sizeof(names));
	assert_string_equal(names, "out.prom/");

	/* the write fails half-way (file size limit): old file, no temp file */
	big = malloc(big_len);
	assert_non_null(big);
	memset(big, 'x', big_len);
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
	small = rl;
	small.rlim_cur = 65536;
	signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
	write_fails(dir, path, big, big_len, -EFBIG, "%s: write: File too large",
		    "out.prom/", path, old);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
	signal(SIGXFSZ, SIG_DFL);

	/* the rename fails (the target is a directory): no temp file */
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_fails(dir, sub, old, strlen(old), -EISDIR, "%s: rename: Is a directory",
		    "out.prom/sub/", path, old);
	assert_int_equal(rmdir(sub), 0);

	/* no such directory; not a file name */
	snprintf(sub, sizeof(sub), "%s/no/x.prom", dir);
	write_fails(dir, sub, old, strlen(old), -ENOENT,
		    "%s: cannot create temporary file in %s/no: No such file or directory",
		    "out.prom/", path, old);
	snprintf(sub, sizeof(sub), "%s/", dir);
	write_fails(dir, sub, old, strlen(old), -EINVAL, "%s: not a file name",
		    "out.prom/", path, old);

	/* an uninterrupted large write replaces the file completely */
	assert_int_equal(nvmx_atomic_write(path, big, big_len, err, sizeof(err)), 0);
	got = slurp(path, &len);
	assert_int_equal(len, big_len);
	assert_memory_equal(got, big, big_len);
	free(got);
	free(big);
	umask(um);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_uint),
		cmocka_unit_test(test_parse_pid),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_pid_gone),
		cmocka_unit_test(test_read_line),
		cmocka_unit_test(test_cpu_model),
		cmocka_unit_test(test_atomic_write),
	};

	const char *t = getenv("TMPDIR");
	int failed;

	snprintf(tmpdir, sizeof(tmpdir), "%s/nvmx-util-test.XXXXXX", t ? t : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		return 1;
	}
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	if (rmdir(tmpdir))
		perror(tmpdir);
	return failed;
}
