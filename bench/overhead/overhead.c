// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc-overhead: what does tracing cost per KVM exit?
 *
 * Runs the exit-heavy host KVM workload (bench/workload, N PIO exits) under
 * several tracers, interleaved in one run with repetitions:
 *
 *	none      no tracer
 *	top       nvmx-gpc-top -b --json (1 s intervals), every probe it can attach
 *	record    nvmx-gpc record
 *	bpftrace  bench/overhead/nvmx-gpc.bt (the same tracepoints + hists)
 *	perf      perf kvm stat record -a
 *	perf-live perf kvm stat live (reports nothing where kvm_exit never fires)
 *
 * For each configuration it prints the median ns per exit, the ratio of
 * medians to "none" with a 95 % bootstrap CI, and the CPU time the tracer
 * process used while the workload ran (sum of its threads'
 * /proc/PID/task/TID/schedstat run times, in % of one CPU).  Each traced
 * run is checked: the tracer must have seen the workload's N PIO exits,
 * otherwise the run is reported as invalid.
 *
 * With --bpf-stats, one more pass per BPF tracer runs with
 * BPF_ENABLE_STATS and reports run_cnt / run_time_ns of every program the
 * tracer loaded: where the per-exit cost goes.  (This pass is not timed
 * against the others: stats collection adds its own cost.)
 *
 * The result is also written as JSON (atomically) with kernel, CPU model
 * and N.  This is a benchmark, not a test: it never fails on a ratio.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <json-c/json.h>

#include "overhead.h"
#include "stats/stats.h"
#include "util.h"

#define PROG "nvmx-gpc-overhead"
#define MAX_REPS 200
#define MAX_PROGS 64

enum cfg_id {
	CFG_NONE, CFG_TOP, CFG_RECORD, CFG_BPFTRACE, CFG_PERF, CFG_PERF_LIVE,
	CFG_TOP_REF, CFG_RECORD_REF,	/* another build, e.g. before a change */
	CFG_NR
};

struct prog_stat {
	uint32_t id;
	char name[32];
	uint64_t run_cnt, run_time_ns;
};

struct cfg {
	bool enabled;
	const char *skip;		/* why disabled */
	unsigned int nr;		/* valid runs */
	double ns_per_exit[MAX_REPS];		/* wall time of the run loop */
	double cpu_ns_per_exit[MAX_REPS];	/* workload CPU time (rusage) */
	double tracer_cpu_ns[MAX_REPS];	/* during the workload window */
	double window_ns[MAX_REPS];
	double tracer_total_cpu_ns[MAX_REPS];	/* whole life (rusage) */
	double startup_ns[MAX_REPS];	/* start -> attached */
	unsigned int invalid;		/* runs where the tracer missed exits */
	char last_invalid[256];
	/* --bpf-stats pass */
	unsigned int nr_progs;
	struct prog_stat progs[MAX_PROGS];
	double stats_ns_per_exit;
};

static struct {
	unsigned long n;
	unsigned int reps;
	const char *out;
	const char *bindir;
	const char *workload, *top, *record, *bt_script;
	const char *top_ref, *record_ref;	/* reference builds */
	const char *tmpdir;
	bool bpf_stats;
	unsigned int seed;
	unsigned int boot;
	int verbose;
} opt = {
	.n = 200000,
	.reps = 7,
	.seed = 1,
	.boot = 4000,
};

static struct cfg cfgs[CFG_NR];
static char tmpdir[256];
static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	p_err("%s", buf);
	exit(NVMX_EXIT_FAIL);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static bool is_exec(const char *path)
{
	return path && access(path, X_OK) == 0;
}

/* ------------------------------------------------------------------ */
/*
 * Call @fn(path of the entry, arg) for each entry of /proc/PID/SUB
 * (dot entries skipped).  Returns the sum of what @fn returned, or -errno
 * when the directory cannot be read (process gone).
 */
static long long proc_dir_sum(pid_t pid, const char *sub,
			      long long (*fn)(const char *path, void *arg), void *arg)
{
	char path[320];
	struct dirent *de;
	long long sum = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, sub);
	d = opendir(path);
	if (!d)
		return -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/%s/%s", pid, sub, de->d_name);
		sum += fn(path, arg);
	}
	closedir(d);
	return sum;
}

/* Run time (ns) of the thread at /proc/PID/task/TID (0 if it exited). */
static long long task_run_ns(const char *task, void *arg)
{
	char path[352], buf[128];
	unsigned long long run = 0;

	(void)arg;
	snprintf(path, sizeof(path), "%s/schedstat", task);
	/* 0 when the thread exited meanwhile */
	if (nvmx_read_line(path, buf, sizeof(buf)) || sscanf(buf, "%llu", &run) != 1)
		run = 0;
	return (long long)run;
}

/* CPU time of a process: sum of its threads' schedstat run time (ns). */
static int proc_cpu_ns(pid_t pid, uint64_t *out)
{
	long long sum = proc_dir_sum(pid, "task", task_run_ns, NULL);

	if (sum < 0)
		return (int)sum;
	*out = (uint64_t)sum;
	return 0;
}

/* 1 if the fd at /proc/PID/fd/N is a BPF link or a perf event. */
static long long is_attach_fd(const char *fd, void *arg)
{
	char target[128];
	ssize_t len;

	(void)arg;
	len = readlink(fd, target, sizeof(target) - 1);
	if (len <= 0)
		return 0;
	target[len] = 0;
	return !strcmp(target, "anon_inode:bpf_link") ||
	       !strcmp(target, "anon_inode:[perf_event]");
}

/*
 * Attachment state of a tracer: number of fds that are BPF links or perf
 * events (tracepoint attachments).
 */
static int count_attach_fds(pid_t pid)
{
	long long n = proc_dir_sum(pid, "fd", is_attach_fd, NULL);

	return n < 0 ? -1 : (int)n;
}

/* ------------------------------------------------------------------ */
/* Processes                                                            */

static pid_t spawn(char *const argv[], const char *out_path)
{
	pid_t pid;

	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (!pid) {
		int fd = open(out_path ? out_path : "/dev/null",
			      O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		int null = open("/dev/null", O_RDONLY | O_CLOEXEC);

		if (fd < 0 || null < 0)
			_exit(126);
		dup2(null, 0);
		dup2(fd, 1);
		if (!opt.verbose) {
			int err = open("/dev/null", O_WRONLY | O_CLOEXEC);

			if (err >= 0)
				dup2(err, 2);
		}
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		/* tracers may drop files in their cwd (perf: perf.data) */
		if (chdir(tmpdir))
			_exit(126);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/*
 * Wait until the tracer has attached: its count of link/perf-event fds
 * is non-zero and unchanged for 500 ms.  Then give it 200 ms more (perf
 * enables its events after opening them).  Returns 0, or -1 if it died
 * or did not attach within timeout_ms.
 */
static int wait_attached(pid_t pid, unsigned int timeout_ms)
{
	uint64_t start = now_ns(), stable_since = 0;
	int last = -1;

	for (;;) {
		int status, n;

		if (waitpid(pid, &status, WNOHANG) == pid)
			return -1;
		n = count_attach_fds(pid);
		if (n != last) {
			last = n;
			stable_since = now_ns();
		} else if (n > 0 && now_ns() - stable_since >= 500000000ull) {
			sleep_ms(200);
			return 0;
		}
		if (now_ns() - start > timeout_ms * 1000000ull || stop_requested)
			return -1;
		sleep_ms(20);
	}
}

/* SIGINT, wait up to 20 s, then SIGKILL.  Returns exit status. */
static int stop_tracer(pid_t pid, struct rusage *ru)
{
	uint64_t start = now_ns();
	int status = 0;

	kill(pid, SIGINT);
	for (;;) {
		pid_t r = wait4(pid, &status, WNOHANG, ru);

		if (r == pid)
			return status;
		if (r < 0)
			return -1;
		if (now_ns() - start > 20000000000ull) {
			kill(pid, SIGKILL);
			wait4(pid, &status, 0, ru);
			return status;
		}
		sleep_ms(10);
	}
}

/* ------------------------------------------------------------------ */
/* The workload                                                         */

struct wl_result {
	pid_t pid;
	double ns_per_exit;
	double cpu_ns_per_exit;
	uint64_t window_ns;
	uint64_t pio_exits;
};

/*
 * Run the workload (N PIO exits) and time it.  If its JSON reports the
 * time of its exit loop, use that; otherwise the wall time of the whole
 * process (VM setup included) over N.
 */
static char wl_err[256];

static int run_workload(struct wl_result *res, pid_t tracer,
			uint64_t *tracer_cpu)
{
	char nbuf[32], out[PATH_MAX];
	char *argv[] = { (char *)opt.workload, "--pio", nbuf, NULL };
	uint64_t t0, t1, c0 = 0, c1 = 0;
	struct json_object *j, *v;
	struct rusage ru = {};
	int status;
	char *text;
	pid_t pid;

	snprintf(nbuf, sizeof(nbuf), "%lu", opt.n);
	snprintf(out, sizeof(out), "%s/workload.json", tmpdir);
	if (tracer > 0)
		proc_cpu_ns(tracer, &c0);
	t0 = now_ns();
	pid = spawn(argv, out);
	if (wait4(pid, &status, 0, &ru) != pid)
		die("wait4 workload: %s", strerror(errno));
	t1 = now_ns();
	if (tracer > 0)
		proc_cpu_ns(tracer, &c1);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		snprintf(wl_err, sizeof(wl_err),
			 "workload failed (wait status 0x%x)", status);
		return -EIO;
	}
	text = slurp(out);
	j = text ? json_tokener_parse(text) : NULL;
	free(text);
	if (!j) {
		snprintf(wl_err, sizeof(wl_err), "workload printed no JSON object");
		return -EIO;
	}
	res->pid = pid;
	res->window_ns = t1 - t0;
	res->ns_per_exit = (double)(t1 - t0) / opt.n;
	/* CPU time of all its threads: immune to waiting for a CPU on a busy
	 * host, and it includes the BPF programs (they run in its context). */
	res->cpu_ns_per_exit = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e9 +
			       (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) * 1e3;
	res->cpu_ns_per_exit /= opt.n;
	res->pio_exits = opt.n;
	if (json_object_object_get_ex(j, "pio_exits", &v))
		res->pio_exits = json_object_get_uint64(v);
	if (json_object_object_get_ex(j, "elapsed_ns", &v) &&
	    json_object_get_uint64(v) > 0)
		res->ns_per_exit = (double)json_object_get_uint64(v) / opt.n;
	json_object_put(j);
	if (res->pio_exits != opt.n) {
		snprintf(wl_err, sizeof(wl_err), "workload did %llu PIO exits, asked for %lu",
			 (unsigned long long)res->pio_exits, opt.n);
		return -EIO;
	}
	if (tracer_cpu)
		*tracer_cpu = c1 - c0;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Tracers                                                              */

/* Why a tracer cannot run here, or NULL. */
static const char *missing_top(void)
{
	return is_exec(opt.top) ? NULL : "nvmx-gpc-top not built";
}

static const char *missing_record(void)
{
	return is_exec(opt.record) ? NULL : "nvmx-gpc not built";
}

static const char *missing_bpftrace(void)
{
	if (!is_exec("/usr/bin/bpftrace") || !opt.bt_script || access(opt.bt_script, R_OK))
		return "bpftrace or --bt script missing";
	return NULL;
}

static const char *missing_perf(void)
{
	return is_exec("/usr/bin/perf") ? NULL : "perf (linux-perf) not installed";
}

/*
 * One entry a configuration: its tracer's command line (a template:
 * {bin} is its binary, {data} its data file, {bt} the bpftrace script)
 * and the parser of its output (parse.c), its binary (copied into tmpdir
 * as copy), and why it cannot run here.
 */
static const struct tracer {
	const char *name;	/* in -c LIST */
	const char *desc;	/* in the JSON result */
	const char *argv[12];	/* NULL-terminated */
	const char **bin;	/* in opt; NULL: a system tool */
	const char *copy;
	long long (*seen)(const struct tracer_run *t, pid_t wpid);
	const char *(*missing)(void);
	bool bpf;		/* loads BPF programs: in the --bpf-stats pass */
	bool periodic;		/* prints its totals every second */
} tracers[CFG_NR] = {
	[CFG_NONE] = { .name = "none", .desc = "no tracer" },
	[CFG_TOP] = {
		.name = "top",
		.desc = "nvmx-gpc-top -b --json (1 s intervals, all probes it can attach)",
		/* the default 1 s interval: no flag, so that a --top-ref
		 * build from before -d became -i (docs/cli.md) runs too */
		.argv = { "{bin}", "-b", "-n", "1000000", "--json" },
		.bin = &opt.top, .copy = "nvmx-gpc-top",
		.seen = seen_top, .missing = missing_top,
		.bpf = true, .periodic = true,
	},
	[CFG_RECORD] = {
		.name = "record",
		.desc = "nvmx-gpc record -d 1000000 (system-wide, stopped by SIGINT)",
		.argv = { "{bin}", "record", "-q", "-d", "1000000", "-o", "{data}" },
		.bin = &opt.record, .copy = "nvmx-gpc",
		.seen = seen_record, .missing = missing_record,
		.bpf = true,
	},
	[CFG_BPFTRACE] = {
		.name = "bpftrace",
		.desc = "bpftrace nvmx-gpc.bt",
		.argv = { "/usr/bin/bpftrace", "{bt}" },
		.seen = seen_bpftrace, .missing = missing_bpftrace,
		.bpf = true,
	},
	[CFG_PERF] = {
		.name = "perf",
		.desc = "perf kvm stat record -a",
		.argv = { "/usr/bin/perf", "kvm", "stat", "record", "-a", "-q", "-o", "{data}" },
		.seen = seen_perf, .missing = missing_perf,
	},
	[CFG_PERF_LIVE] = {
		.name = "perf-live",
		.desc = "perf kvm stat live -d 3600",
		.argv = { "/usr/bin/perf", "kvm", "stat", "live", "-d", "3600" },
		.missing = missing_perf,
	},
	/* the --top-ref and --record-ref builds: enabled when given */
	[CFG_TOP_REF] = {
		.name = "top-ref",
		.desc = "--top-ref build of nvmx-gpc-top, as top",
		.argv = { "{bin}", "-b", "-n", "1000000", "--json" },
		.bin = &opt.top_ref, .copy = "nvmx-gpc-top-ref",
		.seen = seen_top,
		.bpf = true, .periodic = true,
	},
	[CFG_RECORD_REF] = {
		.name = "record-ref",
		.desc = "--record-ref build of nvmx-gpc, as record",
		.argv = { "{bin}", "record", "-q", "-d", "1000000", "-o", "{data}" },
		.bin = &opt.record_ref, .copy = "nvmx-gpc-ref",
		.seen = seen_record,
		.bpf = true,
	},
};

/* The argument builder: tr's template with {bin}, {data} and {bt} filled in */
static void tracer_argv(const struct tracer *tr, const struct tracer_run *t,
			char **argv)
{
	int i;

	for (i = 0; tr->argv[i]; i++) {
		const char *a = tr->argv[i];

		if (!strcmp(a, "{bin}"))
			a = *tr->bin;
		else if (!strcmp(a, "{data}"))
			a = t->data;
		else if (!strcmp(a, "{bt}"))
			a = opt.bt_script;
		argv[i] = (char *)a;
	}
	argv[i] = NULL;
}

static int start_tracer(enum cfg_id id, struct tracer_run *t)
{
	const struct tracer *tr = &tracers[id];
	char *argv[16];

	if (!tr->argv[0])
		return -EINVAL;
	snprintf(t->out, sizeof(t->out), "%s/%s.out", tmpdir, tr->name);
	snprintf(t->data, sizeof(t->data), "%s/%s.data", tmpdir, tr->name);
	unlink(t->data);
	tracer_argv(tr, t, argv);
	t->pid = spawn(argv, t->out);
	if (wait_attached(t->pid, 60000)) {
		int status;

		kill(t->pid, SIGKILL);
		waitpid(t->pid, &status, 0);
		return -EIO;
	}
	return 0;
}

/* PIO exits of workload wpid the tracer of t saw; -1 if it cannot tell */
static long long tracer_seen(enum cfg_id id, const struct tracer_run *t, pid_t wpid)
{
	return tracers[id].seen ? tracers[id].seen(t, wpid) : -1;
}

/* ------------------------------------------------------------------ */
/* BPF program stats (BPF_ENABLE_STATS)                                 */

/* IDs of the BPF programs process pid holds (prog fds and links). */
static unsigned int tracer_progs(pid_t pid, uint32_t *ids, unsigned int max)
{
	char path[320], line[128];
	struct dirent *de;
	unsigned int n = 0;
	DIR *d;

	snprintf(path, sizeof(path), "/proc/%d/fdinfo", pid);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		unsigned int id;
		FILE *f;

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/proc/%d/fdinfo/%s", pid, de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "prog_id: %u", &id) == 1) {
				bool dup = false;

				for (unsigned int i = 0; i < n; i++)
					dup |= ids[i] == id;
				if (!dup && n < max)
					ids[n++] = id;
			}
		fclose(f);
	}
	closedir(d);
	return n;
}

static void read_prog_stats(struct cfg *c, pid_t tracer)
{
	uint32_t ids[MAX_PROGS];
	unsigned int n = tracer_progs(tracer, ids, MAX_PROGS);

	c->nr_progs = 0;
	for (unsigned int i = 0; i < n; i++) {
		struct bpf_prog_info info = {};
		__u32 len = sizeof(info);
		struct prog_stat *ps;
		int fd;

		fd = bpf_prog_get_fd_by_id(ids[i]);
		if (fd < 0)
			continue;
		if (!bpf_obj_get_info_by_fd(fd, &info, &len)) {
			ps = &c->progs[c->nr_progs++];
			ps->id = ids[i];
			snprintf(ps->name, sizeof(ps->name), "%s", info.name);
			ps->run_cnt = info.run_cnt;
			ps->run_time_ns = info.run_time_ns;
		}
		close(fd);
	}
}

/* ------------------------------------------------------------------ */
/* Statistics                                                           */

static double median(const double *v, unsigned int n)
{
	double tmp[MAX_REPS];

	if (!n)
		return NAN;
	memcpy(tmp, v, n * sizeof(*v));
	nvmx_sort_doubles(tmp, n);
	return nvmx_median_sorted(tmp, n);
}

/*
 * 95 % percentile-bootstrap CI of median(x) / median(base): tools/stats
 * resamples both samples with replacement, opt.boot times.
 */
static void ratio_ci(const double *x, unsigned int nx, const double *base,
		     unsigned int nb, double *lo, double *hi)
{
	if (nvmx_boot_ratio_medians(x, nx, base, nb, opt.boot, opt.seed, 0.95, lo, hi))
		*lo = *hi = NAN;
}

static double sum(const double *v, unsigned int n)
{
	double s = 0;

	for (unsigned int i = 0; i < n; i++)
		s += v[i];
	return s;
}

/* ------------------------------------------------------------------ */
/* System info                                                          */

/* ------------------------------------------------------------------ */
/* One measured run                                                     */

static void run_one(enum cfg_id id, bool timed)
{
	struct cfg *c = &cfgs[id];
	struct tracer_run t = { .pid = -1 };
	struct wl_result w;
	struct rusage ru = {};
	uint64_t t_start, cpu = 0;
	int stats_fd = -1;
	long long seen;

	if (!timed) {
		stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (stats_fd < 0)
			die("BPF_ENABLE_STATS: %s", strerror(-stats_fd));
	}
	t_start = now_ns();
	if (id != CFG_NONE && start_tracer(id, &t)) {
		char *text = slurp(t.out);

		snprintf(c->last_invalid, sizeof(c->last_invalid),
			 "did not attach within 60 s: %.200s",
			 text ? text : "");
		free(text);
		c->invalid++;
		if (stats_fd >= 0)
			close(stats_fd);
		return;
	}
	if (run_workload(&w, t.pid, &cpu)) {
		if (id != CFG_NONE)
			stop_tracer(t.pid, &ru);
		snprintf(c->last_invalid, sizeof(c->last_invalid), "%s", wl_err);
		c->invalid++;
		if (stats_fd >= 0)
			close(stats_fd);
		fprintf(stderr, "\n" PROG ": %s: %s (run discarded)\n",
			tracers[id].name, wl_err);
		return;
	}
	if (!timed && id != CFG_NONE)
		read_prog_stats(c, t.pid);
	if (tracers[id].periodic) {
		/* top prints every second: wait for an interval that
		 * includes the end of the run (at most 3 s). */
		for (int i = 0; i < 30 && tracer_seen(id, &t, w.pid) < (long long)opt.n; i++)
			sleep_ms(100);
	}
	if (id != CFG_NONE) {
		stop_tracer(t.pid, &ru);
		seen = tracer_seen(id, &t, w.pid);
		if (seen >= 0 && (unsigned long long)seen < opt.n) {
			snprintf(c->last_invalid, sizeof(c->last_invalid),
				 "tracer saw %lld of %lu PIO exits", seen, opt.n);
			c->invalid++;
			if (stats_fd >= 0)
				close(stats_fd);
			return;
		}
	}
	if (stats_fd >= 0)
		close(stats_fd);
	if (!timed) {
		c->stats_ns_per_exit = w.ns_per_exit;
		return;
	}
	if (c->nr >= MAX_REPS)
		return;
	c->ns_per_exit[c->nr] = w.ns_per_exit;
	c->cpu_ns_per_exit[c->nr] = w.cpu_ns_per_exit;
	c->tracer_cpu_ns[c->nr] = (double)cpu;
	c->window_ns[c->nr] = (double)w.window_ns;
	c->tracer_total_cpu_ns[c->nr] =
		ru.ru_utime.tv_sec * 1e9 + ru.ru_utime.tv_usec * 1e3 +
		ru.ru_stime.tv_sec * 1e9 + ru.ru_stime.tv_usec * 1e3;
	c->startup_ns[c->nr] = id == CFG_NONE ? 0 :
			       (double)(now_ns() - t_start - w.window_ns);
	c->nr++;
	if (opt.verbose)
		fprintf(stderr, "%-10s %9.1f ns/exit wall %9.1f CPU  tracer cpu %.2f ms\n",
			tracers[id].name, w.ns_per_exit, w.cpu_ns_per_exit, cpu / 1e6);
}

/* ------------------------------------------------------------------ */
/* Output                                                               */

/* The result file, written with tools/util's atomic write. */
static int write_json(const char *path, struct json_object *root,
		      char *err, size_t errlen)
{
	const char *s;
	char *buf;
	int ret;

	s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
					   JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!s || asprintf(&buf, "%s\n", s) < 0) {
		snprintf(err, errlen, "%s: out of memory", path);
		return -ENOMEM;
	}
	ret = nvmx_atomic_write(path, buf, strlen(buf), err, errlen);
	free(buf);
	return ret;
}

static struct json_object *jd(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static char loadavg_start[64];

/* The per-run measurements of configuration c, for the JSON result */
static struct json_object *json_runs(const struct cfg *c)
{
	struct json_object *runs = json_object_new_array();

	for (unsigned int i = 0; i < c->nr; i++) {
		struct json_object *r = json_object_new_object();

		json_object_object_add(r, "ns_per_exit", jd(c->ns_per_exit[i]));
		json_object_object_add(r, "cpu_ns_per_exit", jd(c->cpu_ns_per_exit[i]));
		json_object_object_add(r, "window_ms", jd(c->window_ns[i] / 1e6));
		json_object_object_add(r, "tracer_cpu_ms_in_window",
				       jd(c->tracer_cpu_ns[i] / 1e6));
		json_object_object_add(r, "tracer_total_cpu_ms",
				       jd(c->tracer_total_cpu_ns[i] / 1e6));
		json_object_object_add(r, "tracer_startup_ms",
				       jd(c->startup_ns[i] / 1e6));
		json_object_array_add(runs, r);
	}
	return runs;
}

/* The --bpf-stats pass's program stats of configuration c, if any */
static void add_prog_stats(struct json_object *jc, const struct cfg *c)
{
	if (c->nr_progs) {
		struct json_object *jp = json_object_new_array();

		for (unsigned int i = 0; i < c->nr_progs; i++) {
			const struct prog_stat *ps = &c->progs[i];
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "name", json_object_new_string(ps->name));
			json_object_object_add(o, "run_cnt", json_object_new_uint64(ps->run_cnt));
			json_object_object_add(o, "run_time_ns", json_object_new_uint64(ps->run_time_ns));
			json_object_object_add(o, "avg_ns",
					       jd(ps->run_cnt ? (double)ps->run_time_ns / ps->run_cnt : NAN));
			json_object_object_add(o, "ns_per_exit",
					       jd((double)ps->run_time_ns / opt.n));
			json_object_array_add(jp, o);
		}
		json_object_object_add(jc, "bpf_prog_stats", jp);
		json_object_object_add(jc, "bpf_stats_ns_per_exit",
				       jd(c->stats_ns_per_exit));
	}
}

/*
 * The line of configuration id in the table, and its object in the JSON
 * result; base_med and base_cmed: the medians of "none".
 */
static struct json_object *report_cfg(int id, double base_med, double base_cmed)
{
	struct cfg *base = &cfgs[CFG_NONE];
	struct cfg *c = &cfgs[id];
	struct json_object *jc = json_object_new_object();
	double med = median(c->ns_per_exit, c->nr), lo = NAN, hi = NAN;
	double ratio = med / base_med, cpu_pct = NAN;
	double cmed = median(c->cpu_ns_per_exit, c->nr), cratio = cmed / base_cmed;
	double clo = NAN, chi = NAN;

	json_object_object_add(jc, "name", json_object_new_string(tracers[id].name));
	json_object_object_add(jc, "tracer", json_object_new_string(tracers[id].desc));
	if (!c->enabled) {
		printf("%-10s skipped: %s\n", tracers[id].name, c->skip);
		json_object_object_add(jc, "skipped", json_object_new_string(c->skip));
		return jc;
	}
	if (c->nr && base->nr) {
		ratio_ci(c->ns_per_exit, c->nr, base->ns_per_exit,
			 base->nr, &lo, &hi);
		ratio_ci(c->cpu_ns_per_exit, c->nr, base->cpu_ns_per_exit,
			 base->nr, &clo, &chi);
	}
	if (id != CFG_NONE && c->nr)
		cpu_pct = 100.0 * sum(c->tracer_cpu_ns, c->nr) /
			  sum(c->window_ns, c->nr);
	if (!c->nr)
		printf("%-10s %4u | %s\n", tracers[id].name, 0u, c->last_invalid);
	else
		printf("%-10s %4u | %9.1f %8.4f [%6.4f,%6.4f] | %9.1f %8.1f %7.4f [%6.4f,%6.4f] | %7.2f%% %7.1f %s%s\n",
		       tracers[id].name, c->nr, med, ratio, lo, hi,
		       cmed, cmed - base_cmed, cratio, clo, chi,
		       id == CFG_NONE ? 0.0 : cpu_pct,
		       id == CFG_NONE ? 0.0 : median(c->tracer_total_cpu_ns, c->nr) / 1e6,
		       c->invalid ? "invalid runs: " : "",
		       c->invalid ? c->last_invalid : "");
	json_object_object_add(jc, "runs", json_object_new_int(c->nr));
	json_object_object_add(jc, "invalid_runs", json_object_new_int(c->invalid));
	if (c->invalid)
		json_object_object_add(jc, "last_invalid",
				       json_object_new_string(c->last_invalid));
	json_object_object_add(jc, "median_ns_per_exit", jd(med));
	json_object_object_add(jc, "ratio_to_none", jd(ratio));
	json_object_object_add(jc, "ratio_ci95_lo", jd(lo));
	json_object_object_add(jc, "ratio_ci95_hi", jd(hi));
	json_object_object_add(jc, "added_ns_per_exit", jd(med - base_med));
	json_object_object_add(jc, "median_cpu_ns_per_exit", jd(cmed));
	json_object_object_add(jc, "cpu_ratio_to_none", jd(cratio));
	json_object_object_add(jc, "cpu_ratio_ci95_lo", jd(clo));
	json_object_object_add(jc, "cpu_ratio_ci95_hi", jd(chi));
	json_object_object_add(jc, "added_cpu_ns_per_exit", jd(cmed - base_cmed));
	json_object_object_add(jc, "tracer_cpu_pct_of_one_cpu", jd(cpu_pct));
	json_object_object_add(jc, "tracer_total_cpu_ms_median",
			       jd(id == CFG_NONE ? NAN :
				  median(c->tracer_total_cpu_ns, c->nr) / 1e6));
	json_object_object_add(jc, "per_run", json_runs(c));
	add_prog_stats(jc, c);
	return jc;
}

/* The programs of each BPF tracer in the BPF_ENABLE_STATS pass */
static void print_bpf_stats(void)
{
	printf("\nBPF_ENABLE_STATS pass (one run per BPF tracer; not part of the timing above).\n"
	       "ns/exit = run_time_ns / N: the programs run for every KVM event on the host,\n"
	       "so other VMs running meanwhile make it an upper bound; avg ns is per program run\n"
	       "and includes the cost of the stats clock reads themselves.\n");
	printf("%-10s %-26s %10s %14s %9s %10s\n", "config", "program", "run_cnt",
	       "run_time_ns", "avg ns", "ns/exit");
	for (int id = 0; id < CFG_NR; id++) {
		struct cfg *c = &cfgs[id];
		uint64_t tot = 0;

		for (unsigned int i = 0; i < c->nr_progs; i++) {
			struct prog_stat *ps = &c->progs[i];

			if (!ps->run_cnt)
				continue;
			tot += ps->run_time_ns;
			printf("%-10s %-26s %10llu %14llu %9.1f %10.2f\n",
			       tracers[id].name, ps->name,
			       (unsigned long long)ps->run_cnt,
			       (unsigned long long)ps->run_time_ns,
			       (double)ps->run_time_ns / ps->run_cnt,
			       (double)ps->run_time_ns / opt.n);
		}
		if (c->nr_progs)
			printf("%-10s %-26s %10s %14llu %9s %10.2f\n", tracers[id].name,
			       "(all programs)", "", (unsigned long long)tot, "",
			       (double)tot / opt.n);
	}
}

static void report(uint64_t started_real)
{
	char loadavg_end[64];

	struct cfg *base = &cfgs[CFG_NONE];
	double base_med = median(base->ns_per_exit, base->nr);
	double base_cmed = median(base->cpu_ns_per_exit, base->nr);
	struct json_object *root = json_object_new_object();
	struct json_object *jcfgs = json_object_new_array();
	char cpu[128], host[256] = "";
	struct utsname u;

	uname(&u);
	nvmx_cpu_model(cpu, sizeof(cpu));
	gethostname(host, sizeof(host) - 1);

	printf("\nnvmx-gpc overhead: N = %lu PIO exits per run, %u repetitions, interleaved\n",
	       opt.n, opt.reps);
	nvmx_read_line("/proc/loadavg", loadavg_end, sizeof(loadavg_end));
	printf("kernel %s, CPU %s (%ld online)\n", u.release, cpu,
	       sysconf(_SC_NPROCESSORS_ONLN));
	printf("load average at start: %s; at end: %s\n\n", loadavg_start, loadavg_end);
	printf("%-10s %4s | %9s %8s %17s | %9s %8s %7s %17s | %8s %7s %s\n",
	       "", "", "wall", "", "", "CPU", "", "", "", "tracer", "tracer", "");
	printf("%-10s %4s | %9s %8s %17s | %9s %8s %7s %17s | %8s %7s %s\n",
	       "config", "runs", "ns/exit", "ratio", "95% CI", "ns/exit", "+ns/exit",
	       "ratio", "95% CI", "CPU %", "ms/run", "notes");
	for (int id = 0; id < CFG_NR; id++)
		json_object_array_add(jcfgs, report_cfg(id, base_med, base_cmed));
	printf("\nwall = the workload's run loop time / N; CPU = the workload's CPU time (all threads,\n"
	       "rusage; BPF programs run in its context) / N: robust to waiting for a CPU on a busy host.\n"
	       "ratio = median(config) / median(none); CI: percentile bootstrap, %u resamples, seed %u.\n",
	       opt.boot, opt.seed);
	printf("tracer CPU = CPU time of the tracer process (all threads) while the workload ran, in %% of one CPU;\n"
	       "ms/run = its whole-life CPU time (startup, attach, teardown) per run, median.\n");
	if (opt.bpf_stats)
		print_bpf_stats();

	json_object_object_add(root, "benchmark", json_object_new_string("nvmx-gpc-overhead"));
	json_object_object_add(root, "started_unix", json_object_new_uint64(started_real));
	json_object_object_add(root, "kernel", json_object_new_string(u.release));
	json_object_object_add(root, "cpu_model", json_object_new_string(cpu));
	json_object_object_add(root, "cpus_online",
			       json_object_new_int((int)sysconf(_SC_NPROCESSORS_ONLN)));
	json_object_object_add(root, "loadavg_start", json_object_new_string(loadavg_start));
	json_object_object_add(root, "loadavg_end", json_object_new_string(loadavg_end));
	json_object_object_add(root, "n_pio_exits", json_object_new_uint64(opt.n));
	json_object_object_add(root, "repetitions", json_object_new_int(opt.reps));
	json_object_object_add(root, "workload", json_object_new_string(opt.workload));
	json_object_object_add(root, "bootstrap_resamples", json_object_new_int(opt.boot));
	json_object_object_add(root, "seed", json_object_new_int(opt.seed));
	json_object_object_add(root, "configs", jcfgs);
	if (opt.out) {
		char err[PATH_MAX + 256];

		if (write_json(opt.out, root, err, sizeof(err)))
			die("cannot write the result: %s", err);
		printf("\nJSON result: %s\n", opt.out);
	}
	json_object_put(root);
}

/* ------------------------------------------------------------------ */

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [options]\n"
"      --pio N           PIO exits per workload run (default 200000)\n"
"  -r, --repeat N        repetitions of every configuration (default 7)\n"
"  -c, --configs LIST    configurations, comma-separated (default all):\n"
"                        none,top,record,bpftrace,perf,perf-live\n"
"  -o, --output FILE     write the JSON result to FILE (atomically)\n"
"      --bin DIR         directory with nvmx-workload, nvmx-gpc-top, nvmx-gpc\n"
"      --workload PATH   workload binary (overrides --bin)\n"
"      --top PATH        nvmx-gpc-top binary (overrides --bin)\n"
"      --record PATH     nvmx-gpc binary (overrides --bin)\n"
"      --top-ref PATH    also measure this other nvmx-gpc-top build (config\n"
"                        top-ref), e.g. the one before a change, interleaved\n"
"      --record-ref PATH same for nvmx-gpc record (config record-ref)\n"
"      --bt PATH         bpftrace script (default: next to this binary's source)\n"
"      --bpf-stats       extra pass per BPF tracer with BPF_ENABLE_STATS\n"
"      --seed S          bootstrap seed (default 1)\n"
"  -v, --verbose         per-run lines, tracer stderr\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"Exit status: 0 measured, 1 failure, 2 bad usage (docs/cli.md).\n");
}

static int rm_entry(const char *path, const struct stat *st, int flag,
		    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static pid_t main_pid;

static void remove_tmpdir(void)
{
	if (tmpdir[0] && getpid() == main_pid)
		nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * Run private copies of the workload and our tools, so a rebuild of the
 * tree during the benchmark cannot swap binaries under it.
 */
static const char *private_copy(const char *src, const char *name)
{
	static char buf[6][PATH_MAX];
	static int n;
	char chunk[65536];
	int in, out;
	ssize_t r;

	if (!src || n >= 6 || !is_exec(src))
		return src;
	snprintf(buf[n], PATH_MAX, "%s/%s", tmpdir, name);
	in = open(src, O_RDONLY | O_CLOEXEC);
	out = open(buf[n], O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0755);
	if (in < 0 || out < 0)
		die("cannot copy %s to %s: %s", src, buf[n], strerror(errno));
	while ((r = read(in, chunk, sizeof(chunk))) > 0)
		if (write(out, chunk, (size_t)r) != r)
			die("cannot copy %s: %s", src, strerror(errno));
	if (r < 0 || close(out))
		die("cannot copy %s: %s", src, strerror(errno));
	close(in);
	return buf[n++];
}

static const char *pick(const char *given, const char *name)
{
	static char buf[8][PATH_MAX];
	static int n;

	if (given)
		return given;
	if (!opt.bindir)
		return NULL;
	snprintf(buf[n], PATH_MAX, "%s/%s", opt.bindir, name);
	return buf[n++];
}

/*
 * Parse the command line into opt and *list (-c LIST).  Returns -1 to go
 * on, else the exit status (-h, -V, bad usage).
 */
static int parse_args(int argc, char **argv, const char **list)
{
	enum {
		O_BIN = 256, O_WORKLOAD, O_TOP, O_RECORD, O_TOP_REF, O_RECORD_REF,
		O_BT, O_BPF_STATS, O_SEED, O_PIO,
	};
	static const struct option lopts[] = {
		{ "pio", required_argument, NULL, O_PIO },
		{ "repeat", required_argument, NULL, 'r' },
		{ "configs", required_argument, NULL, 'c' },
		{ "output", required_argument, NULL, 'o' },
		{ "bin", required_argument, NULL, O_BIN },
		{ "workload", required_argument, NULL, O_WORKLOAD },
		{ "top", required_argument, NULL, O_TOP },
		{ "record", required_argument, NULL, O_RECORD },
		{ "top-ref", required_argument, NULL, O_TOP_REF },
		{ "record-ref", required_argument, NULL, O_RECORD_REF },
		{ "bt", required_argument, NULL, O_BT },
		{ "bpf-stats", no_argument, NULL, O_BPF_STATS },
		{ "seed", required_argument, NULL, O_SEED },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	unsigned long long v;
	int o;

	nvmx_msg.prog = PROG;
	opterr = 0;
	/* no -n: it is top's --iterations (docs/cli.md) */
	while ((o = getopt_long(argc, argv, ":r:c:o:vhV", lopts, NULL)) != -1) {
		switch (o) {
		case O_PIO:
			if (nvmx_parse_uint("--pio", optarg, 1, 1000000000, &v, NULL, 0))
				return NVMX_EXIT_USAGE;
			opt.n = (unsigned long)v;
			break;
		case 'r':
			if (nvmx_parse_uint("--repeat", optarg, 2, MAX_REPS, &v, NULL, 0))
				return NVMX_EXIT_USAGE;
			opt.reps = (unsigned int)v;
			break;
		case 'c':
			*list = optarg;
			break;
		case 'o':
			opt.out = optarg;
			break;
		case O_BIN:
			opt.bindir = optarg;
			break;
		case O_WORKLOAD:
			opt.workload = optarg;
			break;
		case O_TOP:
			opt.top = optarg;
			break;
		case O_RECORD:
			opt.record = optarg;
			break;
		case O_TOP_REF:
			opt.top_ref = optarg;
			break;
		case O_RECORD_REF:
			opt.record_ref = optarg;
			break;
		case O_BT:
			opt.bt_script = optarg;
			break;
		case O_BPF_STATS:
			opt.bpf_stats = true;
			break;
		case O_SEED:
			if (nvmx_parse_uint("--seed", optarg, 0, UINT_MAX, &v, NULL, 0))
				return NVMX_EXIT_USAGE;
			opt.seed = (unsigned int)v;
			break;
		case 'v':
			opt.verbose++;
			break;
		default:	/* -h, -V, errors */
			return nvmx_opt_default(o, argv, usage);
		}
	}
	if (nvmx_no_more_args(argc, argv))
		return NVMX_EXIT_USAGE;
	return -1;
}

/*
 * Enable the configurations of -c LIST (none always), and the reference
 * builds given; say why each of the others does not run.  Returns 0, or
 * the exit status of an unknown configuration.
 */
static int select_configs(const char *list)
{
	char *lst, *tok, *save;
	const char *why;

	lst = strdup(list);
	for (tok = strtok_r(lst, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int id;

		for (id = 0; id < CFG_NR; id++)
			if (!strcmp(tok, tracers[id].name))
				break;
		if (id == CFG_NR) {
			p_err("--configs: unknown configuration '%s' (want none,top,record,bpftrace,perf,perf-live)",
			      tok);
			free(lst);
			return NVMX_EXIT_USAGE;
		}
		cfgs[id].enabled = true;
	}
	free(lst);
	cfgs[CFG_NONE].enabled = true;	/* the baseline is always measured */
	cfgs[CFG_TOP_REF].enabled = opt.top_ref != NULL;
	cfgs[CFG_RECORD_REF].enabled = opt.record_ref != NULL;
	if (opt.top_ref && !is_exec(opt.top_ref))
		die("--top-ref '%s' is not an executable", opt.top_ref);
	if (opt.record_ref && !is_exec(opt.record_ref))
		die("--record-ref '%s' is not an executable", opt.record_ref);
	for (int id = 0; id < CFG_NR; id++)
		if (cfgs[id].enabled && tracers[id].missing && (why = tracers[id].missing())) {
			cfgs[id].enabled = false;
			cfgs[id].skip = why;
		}
	for (int id = 0; id < CFG_NR; id++)
		if (!cfgs[id].enabled && !cfgs[id].skip)
			cfgs[id].skip = "not selected (-c)";
	return 0;
}

/* The warm-up run, the interleaved rounds, then the --bpf-stats pass. */
static void run_all(void)
{
	struct wl_result w;

	/* warm-up: page cache, KVM module state; not counted */
	if (run_workload(&w, -1, NULL))
		die("%s (%s); rerun with -v", wl_err, opt.workload);
	/*
	 * Interleave: round r runs every configuration once, in an order
	 * rotated by r so no configuration always follows the same one.
	 */
	for (unsigned int r = 0; r < opt.reps && !stop_requested; r++) {
		int order[CFG_NR], n = 0;

		for (int id = 0; id < CFG_NR; id++)
			if (cfgs[id].enabled)
				order[n++] = id;
		for (int i = 0; i < n && !stop_requested; i++) {
			fprintf(stderr, "\r" PROG ": round %u/%u: %-10s", r + 1,
				opt.reps, tracers[order[(i + r) % n]].name);
			run_one(order[(i + r) % n], true);
		}
	}
	if (opt.bpf_stats)
		for (int id = CFG_TOP; id < CFG_NR && !stop_requested; id++)
			if (cfgs[id].enabled && tracers[id].bpf) {
				fprintf(stderr, "\r" PROG ": BPF stats pass: %-10s", tracers[id].name);
				run_one(id, false);
			}
}

int main(int argc, char **argv)
{
	uint64_t started_real = (uint64_t)time(NULL);
	const char *list = "none,top,record,bpftrace,perf,perf-live";
	struct sigaction sa = { .sa_handler = on_signal };
	int ret;

	ret = parse_args(argc, argv, &list);
	if (ret >= 0)
		return ret;
	if (geteuid())
		die("must run as root (tracers need CAP_BPF/CAP_PERFMON)");

	snprintf(tmpdir, sizeof(tmpdir), "%s/nvmx-overhead.XXXXXX",
		 getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(tmpdir))
		die("mkdtemp: %s", strerror(errno));
	main_pid = getpid();
	atexit(remove_tmpdir);
	opt.workload = pick(opt.workload, "nvmx-workload");
	opt.top = pick(opt.top, "nvmx-gpc-top");
	opt.record = pick(opt.record, "nvmx-gpc");
	if (!is_exec(opt.workload))
		die("workload '%s' not found (use --bin or --workload)",
		    opt.workload ? opt.workload : "(none)");

	ret = select_configs(list);
	if (ret)
		return ret;

	if (opt.bt_script) {	/* tracers run in tmpdir */
		static char bt[PATH_MAX];

		if (realpath(opt.bt_script, bt))
			opt.bt_script = bt;
	}
	opt.workload = private_copy(opt.workload, "nvmx-workload");
	for (int id = 0; id < CFG_NR; id++)
		if (cfgs[id].enabled && tracers[id].bin)
			*tracers[id].bin = private_copy(*tracers[id].bin, tracers[id].copy);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	nvmx_read_line("/proc/loadavg", loadavg_start, sizeof(loadavg_start));
	run_all();
	fprintf(stderr, "\r%60s\r", "");
	if (stop_requested)
		fprintf(stderr, PROG ": interrupted, reporting what was measured\n");
	report(started_real);
	return 0;
}
