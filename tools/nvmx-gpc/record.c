// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc record: attach the probe core, run the workload (or wait for
 * a duration / a PID), keep one histogram set and counter set per run,
 * write a results file atomically (docs/results-format.md).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "compare.h"
#include "nvmx_core.h"
#include "../results/results.h"
#include "util.h"

static volatile sig_atomic_t stop_sig;

static void on_signal(int sig)
{
	stop_sig = sig;
}

/* The results file's better of a catalogue direction. */
static enum nvmx_res_better res_better(enum nvmx_dir d)
{
	switch (d) {
	case NVMX_DIR_LOWER:
		return NVMX_BETTER_LOWER;
	case NVMX_DIR_HIGHER:
		return NVMX_BETTER_HIGHER;
	default:
		return NVMX_BETTER_NONE;
	}
}

/*
 * Name and description of histogram h in the results file (units: ns):
 * the catalogue's, and for a page-kind split "<name of what it
 * splits>.<kind>" (docs/results-format.md, e.g. nested_map_ns.msr_bitmap).
 */
static void hist_res_name(int h, char *name, size_t nlen, char *desc, size_t dlen)
{
	int kind;
	const struct nvmx_hist_def *b = nvmx_hist_def(nvmx_hist_split(h, &kind));

	if (kind < 0) {
		snprintf(name, nlen, "%s", b->res);
		snprintf(desc, dlen, "%s", b->res_desc);
		return;
	}
	snprintf(name, nlen, "%s.%s", b->res, nvmx_page_kind_name(kind));
	snprintf(desc, dlen, "%s, page kind %s (probe core histogram '%s')",
		 b->res, nvmx_page_kind_name(kind), nvmx_hist_name(h));
}

/* Counter m of row v: unavailable here is null (NAN), never 0. */
static double counter_value(const struct nvmx_core *c, const struct nvmx_vcpu_snap *v,
			    enum nvmx_metric m, unsigned int k)
{
	struct nvmx_metric_val val;
	uint64_t n;
	bool ok;

	if (nvmx_metric_is_count(m) || nvmx_metric_is_gauge(m)) {
		n = nvmx_metric_count(c, v, m, &ok);
		return ok ? (double)n : NAN;
	}
	/* saved_pct: the core's definition, as in nvmx-gpc-top */
	val = nvmx_metric(c, v, k, 0, m);
	return val.ok ? val.v : NAN;
}

struct rec_opts {
	const char *out;
	double duration;	/* 0: none */
	pid_t pid;
	unsigned int reps;
	unsigned int k;
	bool all;
	bool counts_only;
	bool no_reasons;
	unsigned int sample_n;	/* --sample N; 0: time all */
	struct nvmx_vm_filter vmf;	/* -g, --cgroup */
	const char *label;
	char **cmd;
	int ncmd;
	int quiet;
	int verbose;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: nvmx-gpc record -o FILE [-d SECONDS] [-p PID] [-g NAME] [--cgroup PATH]\n"
"                       [-r N] [-k K] [-a] [--counts-only] [--no-reasons]\n"
"                       [--sample N]\n"
"                       [-l LABEL] [-q] [-v]\n"
"                       [-- COMMAND ARGS...]\n"
"  -o, --output FILE     results file (written atomically)\n"
"  -d, --duration SECS   stop each run after SECS (COMMAND gets SIGTERM)\n"
"  -p, --pid PID         only trace process PID (until it exits or -d ends)\n");
	nvmx_vm_filter_usage(f, 24);
	fprintf(f,
"  -r, --repeat N        run COMMAND (or the -d window) N times, one\n"
"                        histogram set per run (default 1)\n"
"  -k, --hist-k K        linear sub-buckets per power of two: 2^K (0..%d,\n"
"                        default %d: <= 6.25 %% relative bucket width)\n"
"  -a, --all             with COMMAND: count every process, not only COMMAND\n"
"      --counts-only     count, measure no latency: no clock read in the\n"
"                        probes, fewer programs; histograms stay empty\n"
"      --no-reasons      do not read exit reasons (cheaper probes); the\n"
"                        file then has none (metadata.reasons false)\n"
"      --sample N        time 1 in N of each kind of latency pair per\n"
"                        thread (2..65535): the histograms hold the samples,\n"
"                        every count stays exact\n"
"  -l, --label LABEL     free-form label stored in the metadata\n"
"  -q, --quiet           no progress messages\n"
"  -v, --verbose         libbpf warnings to stderr (twice: debug)\n"
"  -h, --help            this help\n"
"  -V, --version         version\n"
"Ctrl-C (or SIGTERM) stops the current run and writes what was recorded,\n"
"marked interrupted.  Needs root (CAP_BPF + CAP_PERFMON).  Exit status:\n"
"0 written, 1 failure (also: no process PID), 2 bad usage (docs/cli.md).\n",
		NVMX_HIST_K_MAX, NVMX_HIST_K_DEFAULT);
}

static double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int status_of(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return 255;
}

/*
 * Start COMMAND; report exec failure through a close-on-exec pipe so a
 * bad command is an error, not a recorded run with status 127.
 */
static int spawn(char **cmd, pid_t *out)
{
	int pfd[2], err = 0;
	ssize_t n;
	pid_t pid;

	if (pipe2(pfd, O_CLOEXEC))
		return -errno;
	pid = fork();
	if (pid < 0) {
		err = -errno;
		close(pfd[0]);
		close(pfd[1]);
		return err;
	}
	if (pid == 0) {
		close(pfd[0]);
		execvp(cmd[0], cmd);
		err = errno;
		if (write(pfd[1], &err, sizeof(err)) < 0)
			_exit(127);
		_exit(127);
	}
	close(pfd[1]);
	do
		n = read(pfd[0], &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	close(pfd[0]);
	if (n == sizeof(err)) {
		waitpid(pid, NULL, 0);
		return -err;
	}
	*out = pid;
	return 0;
}

/* Sum the rows we record into one vCPU row. */
static int select_rows(const struct nvmx_snapshot *d, pid_t tgid,
		       struct nvmx_vcpu_snap *sum)
{
	const struct nvmx_vm_snap *vm;
	size_t i;

	if (tgid > 0) {
		vm = nvmx_snapshot_vm(d, (uint32_t)tgid);
		if (vm)
			nvmx_vcpu_snap_add(sum, &vm->total, d->hist_slots);
		return 0;
	}
	for (i = 0; i < d->nr_vms; i++)
		nvmx_vcpu_snap_add(sum, &d->vms[i].total, d->hist_slots);
	return 0;
}

/*
 * Read the maps, add what the recorded processes did since *prev to sum,
 * and make the new snapshot *prev.
 */
static int accumulate(struct nvmx_core *c, struct nvmx_snapshot **prev,
		      pid_t tgid, struct nvmx_vcpu_snap *sum)
{
	struct nvmx_snapshot *cur = NULL, *delta = NULL;
	int ret;

	ret = nvmx_core_snapshot(c, &cur);
	if (ret)
		return ret;
	ret = nvmx_snapshot_delta(cur, *prev, &delta);
	if (ret) {
		nvmx_snapshot_free(cur);
		return ret;
	}
	select_rows(delta, tgid, sum);
	nvmx_snapshot_free(delta);
	nvmx_snapshot_free(*prev);
	*prev = cur;
	return 0;
}

/*
 * The exit reasons of row v into run of r: the exits of each path and
 * their latencies (docs/results-format.md, "reasons").  -ENOMEM.
 */
static int fill_reasons(struct nvmx_results *r, unsigned int run,
			const struct nvmx_vcpu_snap *v)
{
	const struct nvmx_reason_snap *s;
	struct nvmx_res_reason *x;
	struct nvmx_rlat_stats st;
	char lbl[24];
	size_t i;
	int p;

	/* the file's paths, slots and ISAs are the probe core's */
	_Static_assert(NVMX_RES_RPATHS == NVMX_RP_NR && NVMX_RP_L1 == 0 &&
		       NVMX_RP_L2_L0 == 1 && NVMX_RP_L2_L1 == 2 && NVMX_RP_SYNTH == 3,
		       "results paths");
	_Static_assert(NVMX_RES_RLAT_SLOTS == NVMX_RLAT_SLOTS, "results latency slots");
	_Static_assert(NVMX_RES_ISA_VMX == NVMX_ISA_VMX && NVMX_RES_ISA_SVM == NVMX_ISA_SVM,
		       "results ISAs");
	for (i = 0; r->meta.reasons && i < v->nr_reasons; i++) {
		s = &v->reasons[i];
		if (!nvmx_res_isa_name(s->isa))	/* KVM traces only VMX and SVM */
			continue;
		x = (struct nvmx_res_reason *)nvmx_res_find_reason(r, s->isa, s->code);
		if (!x)
			x = nvmx_res_add_reason(r, s->isa, s->code,
						nvmx_reason_label(s->isa, s->code, lbl,
								  sizeof(lbl)));
		if (!x)
			return -ENOMEM;
		for (p = 0; p < NVMX_RP_NR; p++) {
			struct nvmx_res_rlat *l = &x->lat[p][run];

			x->counts[p][run] = nvmx_reason_count(s, p);
			nvmx_reason_lat(s, p, &st);
			memcpy(l->slots, s->v.lat[p], sizeof(l->slots));
			l->sum = st.sum;
			l->max = st.max;
			nvmx_res_rlat_fit(l);
		}
	}
	return 0;
}

static int fill_run(struct nvmx_results *r, const struct nvmx_core *c,
		    unsigned int run, const struct nvmx_vcpu_snap *v,
		    unsigned int k, unsigned int nslots)
{
	unsigned int i, n = 0, kind;
	const enum nvmx_metric *m;
	bool ok;

	for (i = 0; i < NVMX_H_NR; i++) {
		struct nvmx_res_hist *h = &r->metrics[n++].runs[run];

		memcpy(h->slots, v->hist[i], nslots * sizeof(uint64_t));
		h->count = nvmx_hist_total(h->slots, nslots);
		h->sum = v->hsum[i];
		h->has_sum = true;
	}
	n = 0;
	for (m = nvmx_results_counters; *m != NVMX_M_NR; m++)
		r->counters[n++].values[run] = counter_value(c, v, *m, k);
	for (kind = 0; kind < NVMX_KIND_SLOTS; kind++) {
		for (i = 0; i < NVMX_M_NR; i++) {
			uint64_t val;

			if (nvmx_metric_def(i)->split.kctr < 0)
				continue;
			val = nvmx_metric_kind_count(c, v, i, kind, &ok);
			r->counters[n++].values[run] = ok ? (double)val : NAN;
		}
	}
	return fill_reasons(r, run, v);
}

static int build_results(struct nvmx_results *r, const struct nvmx_core *c)
{
	const struct nvmx_hook_info *hk = nvmx_core_hooks(c);
	char name[NVMX_RES_NAME_MAX + 1], desc[224];
	const enum nvmx_metric *m;
	unsigned int i, kind;

	/* the reasons themselves come with the runs (fill_reasons()) */
	r->meta.reasons = nvmx_core_meta(c)->reasons;
	_Static_assert(NVMX_RES_RISA_KNOWN == NVMX_RISA_PROBED &&
		       NVMX_RES_RISA(NVMX_RES_ISA_SVM) == NVMX_RISA(NVMX_ISA_SVM),
		       "metadata.reason_isas has the core's bits");
	r->meta.reason_isas = nvmx_core_meta(c)->reason_isas;
	for (i = 0; i < NVMX_H_NR; i++) {
		hist_res_name(i, name, sizeof(name), desc, sizeof(desc));
		/* the file has no mode: say it where the empty histograms are */
		if (nvmx_core_meta(c)->counts_only)
			snprintf(desc + strlen(desc), sizeof(desc) - strlen(desc), "%s",
				 "; not measured: counting only (--counts-only)");
		else if (nvmx_core_meta(c)->sample_n > 1)
			snprintf(desc + strlen(desc), sizeof(desc) - strlen(desc),
				 "; sampled: 1 in %u (--sample)", nvmx_core_meta(c)->sample_n);
		if (!nvmx_res_add_metric(r, name, "ns", desc))
			return -ENOMEM;
	}
	for (m = nvmx_results_counters; *m != NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(*m);

		if (!nvmx_res_add_counter(r, d->res, !strcmp(d->unit, "%") ? "percent" : "count",
					  d->res_desc, res_better(d->better)))
			return -ENOMEM;
	}
	for (kind = 0; kind < NVMX_KIND_SLOTS; kind++) {
		for (i = 0; i < NVMX_M_NR; i++) {
			const struct nvmx_metric_def *d = nvmx_metric_def(i);
			const char *kn = nvmx_page_kind_name(kind);

			if (d->split.kctr < 0)
				continue;
			snprintf(name, sizeof(name), "%s.%s", d->split.res, kn);
			snprintf(desc, sizeof(desc), "%s for page kind %s", d->split.res, kn);
			if (!nvmx_res_add_counter(r, name, "count", desc, res_better(d->better)))
				return -ENOMEM;
		}
	}
	for (i = 0; i < NVMX_HOOK_NR; i++) {
		const struct nvmx_hook_info *h = &hk[i];
		char method[64];

		snprintf(method, sizeof(method), "%s", h->attached ?
			 nvmx_attach_name(h->method) : "none");
		if (nvmx_res_add_attach(r, h->name, method,
					h->reason[0] ? h->reason : NULL))
			return -ENOMEM;
	}
	return 0;
}

#define RUN_TICK (-2)
#define TICK_SECS 1.0

/*
 * Wait for the end of one run; returns the workload's exit status, -1
 * (no command), or RUN_TICK when the clock reaches tick first (the run
 * goes on: call again).  *gone: the -p process exited (the run ends
 * there).  *termed: the command was sent its signal (kept across calls).
 */
static int wait_run(const struct rec_opts *o, pid_t child, double t0,
		    double tick, bool *interrupted, bool *gone, bool *termed)
{
	int st;

	for (;;) {
		if (child > 0) {
			pid_t w = waitpid(child, &st, WNOHANG);

			if (w == child)
				return status_of(st);
			if (w < 0 && errno != EINTR)
				return 255;
		} else if (o->pid > 0 && nvmx_pid_gone(o->pid)) {
			*gone = true;
			return -1;
		}
		if (stop_sig) {
			*interrupted = true;
			if (child <= 0)
				return -1;
			if (!*termed) {
				kill(child, stop_sig == SIGINT ? SIGINT : SIGTERM);
				*termed = true;
			}
		} else if (o->duration > 0 && mono_now() - t0 >= o->duration) {
			if (child <= 0)
				return -1;
			if (!*termed) {
				kill(child, SIGTERM);
				*termed = true;
			}
		}
		if (mono_now() >= tick)
			return RUN_TICK;
		usleep(child > 0 ? 2000 : 20000);
	}
}

/*
 * The results file is written at the end: refuse, before running
 * anything, an output that cannot be written (so a long recording is
 * not lost to a typo).
 */
static int check_output(const char *path)
{
	struct stat st;
	char *dir, *slash;
	int ret = 0;

	if (!stat(path, &st) && S_ISDIR(st.st_mode)) {
		p_err("-o %s: is a directory", path);
		return -EISDIR;
	}
	dir = strdup(path);
	if (!dir)
		return -ENOMEM;
	slash = strrchr(dir, '/');
	if (!slash)
		strcpy(dir, ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if (access(dir, W_OK | X_OK)) {
		ret = -errno;
		p_err("-o %s: cannot write in %s: %s", path, dir, strerror(errno));
	}
	free(dir);
	return ret;
}

static int check_args(const struct rec_opts *o);

static int parse_args(int argc, char **argv, struct rec_opts *o)
{
	static const struct option lopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "duration", required_argument, NULL, 'd' },
		{ "pid", required_argument, NULL, 'p' },
		NVMX_VM_FILTER_LONGOPTS,
		{ "repeat", required_argument, NULL, 'r' },
		{ "hist-k", required_argument, NULL, 'k' },
		{ "all", no_argument, NULL, 'a' },
		NVMX_PROBE_LONGOPTS,
		{ "label", required_argument, NULL, 'l' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	unsigned long long v;
	char *end;
	int opt;

	memset(o, 0, sizeof(*o));
	o->reps = 1;
	o->k = NVMX_HIST_K_DEFAULT;
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:o:d:p:g:r:k:al:qvhV", lopts, NULL)) != -1) {
		switch (opt) {
		case 'o':
			o->out = optarg;
			break;
		case 'd':
			errno = 0;
			o->duration = strtod(optarg, &end);
			if (errno || *end || end == optarg || !(o->duration > 0) ||
			    o->duration > 86400 * 365) {
				p_err("--duration: '%s' is not a number of seconds > 0", optarg);
				return -EINVAL;
			}
			break;
		case 'p':
			if (nvmx_parse_pid("--pid", optarg, &o->pid, NULL, 0))
				return -EINVAL;
			break;
		case 'g':
		case NVMX_OPT_CGROUP: {
			char err[1200];

			if (nvmx_vm_filter_parse(&o->vmf, opt, optarg, err, sizeof(err))) {
				p_err("%s", err);
				return -EINVAL;
			}
			break;
		}
		case 'r':
			if (nvmx_parse_uint("--repeat", optarg, 1, NVMX_RES_MAX_RUNS, &v, NULL, 0))
				return -EINVAL;
			o->reps = (unsigned int)v;
			break;
		case 'k':
			if (nvmx_parse_uint("--hist-k", optarg, 0, NVMX_HIST_K_MAX, &v, NULL, 0))
				return -EINVAL;
			o->k = (unsigned int)v;
			break;
		case 'a':
			o->all = true;
			break;
		case NVMX_OPT_COUNTS_ONLY:
			o->counts_only = true;
			break;
		case NVMX_OPT_NO_REASONS:
			o->no_reasons = true;
			break;
		case NVMX_OPT_SAMPLE:
			if (nvmx_sample_parse(optarg, &o->sample_n, NULL, 0))
				return -EINVAL;
			break;
		case 'l':
			o->label = optarg;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'v':
			o->verbose++;
			break;
		default:	/* -h, -V (1: exit 0), errors */
			return nvmx_opt_default(opt, argv, usage) ? -EINVAL : 1;
		}
	}
	o->cmd = argv + optind;
	o->ncmd = argc - optind;
	return check_args(o);
}

/* The options that only make sense together, once all are read */
static int check_args(const struct rec_opts *o)
{
	if (!o->out) {
		p_err("-o FILE is required");
		return -EINVAL;
	}
	if (o->sample_n && o->counts_only) {
		p_err("%s", NVMX_SAMPLE_COUNTS_ONLY);
		return -EINVAL;
	}
	if (check_output(o->out))
		return -EINVAL;
	if (!o->ncmd && !o->duration && !o->pid) {
		p_err("give -d SECONDS, -p PID or -- COMMAND");
		return -EINVAL;
	}
	if (o->ncmd && o->pid) {
		p_err("-p and COMMAND are mutually exclusive");
		return -EINVAL;
	}
	if (o->all && !o->ncmd) {
		p_err("-a only applies with COMMAND");
		return -EINVAL;
	}
	if (o->pid && o->reps > 1 && !o->duration) {
		p_err("-p with -r N needs -d SECONDS (each run is a window; the first would last until PID exits)");
		return -EINVAL;
	}
	if (o->pid && nvmx_pid_gone(o->pid)) {
		p_err("no process with PID %d", (int)o->pid);
		return -ESRCH;
	}
	return 0;
}

int cmd_record(int argc, char **argv)
{
	char err[NVMX_RES_ERR_MAX * 2], host[256], tbuf[32], cpu[256];
	struct nvmx_snapshot *prev = NULL;
	struct nvmx_results *r = NULL;
	const struct nvmx_meta *meta;
	struct sigaction sa = { 0 };
	struct nvmx_vcpu_snap sum;
	struct nvmx_core *c = NULL;
	struct nvmx_opts copts;
	struct rec_opts o;
	bool interrupted = false, sum_init = false, gone = false, termed;
	double tick;
	double t_start, t_run;
	unsigned int run, done = 0;
	int ret, status = EXIT_BAD, i, last_status = -1;
	time_t now;
	pid_t child = 0;

	nvmx_msg.prog = "nvmx-gpc record";
	ret = parse_args(argc, argv, &o);
	if (ret)	/* a -p process that is gone is no usage error */
		return ret > 0 ? NVMX_EXIT_OK : ret == -ESRCH ? NVMX_EXIT_FAIL : NVMX_EXIT_USAGE;

	/*
	 * Handle Ctrl-C from the start: loading and attaching the BPF
	 * programs takes seconds on a slow (emulated) host, and a
	 * background job of a script starts with SIGINT ignored, so a
	 * handler installed only after the attach would let such a signal
	 * be lost and the workload run to its end.
	 */
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	nvmx_opts_init(&copts);
	copts.pid = o.pid;
	copts.hist_k = o.k;
	copts.verbose = o.verbose;
	copts.counts_only = o.counts_only;
	copts.no_reasons = o.no_reasons;
	copts.sample_n = o.sample_n;
	nvmx_vm_filter_apply(&o.vmf, &copts);
	/* rows of exited processes go back to the kernel after each read */
	copts.prune_dead = true;
	ret = nvmx_core_open(&copts, &c);
	if (ret) {
		if (ret == -ESRCH)	/* it exited since parse_args() */
			p_err("no process with PID %d", (int)o.pid);
		else
			p_err("%s", c ? nvmx_core_strerror(c) : nvmx_core_open_error(ret));
		nvmx_core_close(c);
		return EXIT_GATE;
	}
	ret = nvmx_core_attach(c);
	if (ret) {
		p_err("%s", nvmx_core_strerror(c));
		status = EXIT_GATE;
		goto close_core;
	}
	meta = nvmx_core_meta(c);

	r = nvmx_res_new(o.k, 1);
	if (!r || build_results(r, c))
		goto oom;
	r->meta.repetitions_requested = o.reps;
	r->meta.tool = strdup("nvmx-gpc record");
	r->meta.tool_version = strdup(NVMX_GPC_VERSION);
	r->meta.kernel_release = strdup(meta->release);
	r->meta.series_tracepoints = meta->series;
	r->meta.cpu_model = strdup(nvmx_cpu_model(cpu, sizeof(cpu)));
	if (gethostname(host, sizeof(host)))
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	r->meta.hostname = strdup(host);
	now = time(NULL);
	strftime(tbuf, sizeof(tbuf), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	r->meta.start_time = strdup(tbuf);
	r->meta.label = o.label ? strdup(o.label) : NULL;
	r->meta.target_pid = o.pid;
	r->meta.guest = o.vmf.guest ? strdup(o.vmf.guest) : NULL;
	r->meta.cgroup = o.vmf.cgroup[0] ? strdup(o.vmf.cgroup) : NULL;
	free(r->meta.argv);
	r->meta.argv = calloc((size_t)o.ncmd + 1, sizeof(char *));
	if (!r->meta.tool || !r->meta.tool_version || !r->meta.kernel_release ||
	    !r->meta.cpu_model || !r->meta.hostname || !r->meta.start_time ||
	    (o.label && !r->meta.label) || !r->meta.argv ||
	    (o.vmf.guest && !r->meta.guest) || (o.vmf.cgroup[0] && !r->meta.cgroup))
		goto oom;
	for (i = 0; i < o.ncmd; i++) {
		r->meta.argv[i] = strdup(o.cmd[i]);
		if (!r->meta.argv[i])
			goto oom;
		r->meta.argc++;
	}

	if (nvmx_vcpu_snap_init(&sum, nvmx_hist_slots(o.k)))
		goto oom;
	sum_init = true;
	t_start = mono_now();
	for (run = 0; run < o.reps && !stop_sig && !gone; run++) {
		int st;

		ret = nvmx_core_snapshot(c, &prev);
		if (ret) {
			p_err("reading the BPF maps: %s", strerror(-ret));
			status = EXIT_GATE;
			goto free_all;
		}
		t_run = mono_now();
		child = 0;
		if (o.ncmd) {
			ret = spawn(o.cmd, &child);
			if (ret) {
				p_err("cannot run '%s': %s", o.cmd[0], strerror(-ret));
				status = EXIT_BAD;
				goto free_all;
			}
			if (!o.quiet)
				p_info("run %u/%u: pid %d", run + 1, o.reps, (int)child);
		}
		nvmx_vcpu_snap_fini(&sum);
		sum_init = false;
		if (nvmx_vcpu_snap_init(&sum, nvmx_hist_slots(o.k)))
			goto oom;
		sum_init = true;
		/*
		 * Read the maps every TICK_SECS during the run and add up the
		 * deltas: the core then gives the rows of exited processes back
		 * (prune_dead), so long system-wide runs never fill the maps.
		 */
		termed = false;
		tick = t_run + TICK_SECS;
		do {
			st = wait_run(&o, child, t_run, tick, &interrupted, &gone, &termed);
			ret = accumulate(c, &prev, o.ncmd && !o.all ? child : 0, &sum);
			if (ret)
				goto snap_err;
			tick += TICK_SECS;
		} while (st == RUN_TICK);
		if (run > 0 && nvmx_res_set_runs(r, run + 1))
			goto oom;
		if (fill_run(r, c, run, &sum, o.k, nvmx_hist_slots(o.k)))
			goto oom;
		r->meta.run_info[run].duration_s = mono_now() - t_run;
		r->meta.run_info[run].exit_status = o.ncmd ? st : -1;
		if (o.ncmd && (last_status <= 0 || st != 0))
			last_status = st;
		done = run + 1;
		nvmx_snapshot_free(prev);
		prev = NULL;
		if (o.ncmd && st && !o.quiet)
			p_info("run %u: workload exit status %d", run + 1, st);
	}
	if (stop_sig)
		interrupted = true;
	if (gone && !o.quiet)
		p_info("process %d exited after %u of %u run%s",
		       (int)o.pid, done, o.reps, o.reps == 1 ? "" : "s");
	r->meta.duration_s = mono_now() - t_start;
	r->meta.exit_status = o.ncmd ? last_status : -1;
	r->meta.interrupted = interrupted || done < o.reps;
	if (r->meta.reasons)
		r->meta.reasons_dropped = nvmx_core_reasons_dropped(c);
	if (!done) {
		p_err("interrupted before the first run; nothing written");
		status = EXIT_GATE;
		goto free_all;
	}
	if (nvmx_res_write(o.out, r, err, sizeof(err))) {
		p_err("%s", err);
		status = EXIT_GATE;
		goto free_all;
	}
	if (!o.quiet)
		p_info("wrote %s (%u run%s%s)", o.out, done, done == 1 ? "" : "s",
		       r->meta.interrupted ? ", interrupted" : "");
	status = EXIT_OK;
	goto free_all;
snap_err:
	if (ret != -ENOMEM) {
		p_err("reading the BPF maps: %s", strerror(-ret));
		status = EXIT_GATE;
		goto free_all;
	}
oom:
	p_err("out of memory");
	status = EXIT_GATE;
free_all:
	if (child > 0 && !done && kill(child, 0) == 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	if (sum_init)
		nvmx_vcpu_snap_fini(&sum);
	nvmx_snapshot_free(prev);
	nvmx_res_free(r);
close_core:
	nvmx_core_close(c);
	return status;
}
