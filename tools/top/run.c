// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top batch loop and helpers shared with the ncurses view. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "top.h"

volatile sig_atomic_t top_stop_signal;

bool top_wait(double secs, pid_t pid, bool *gone)
{
	struct timespec start, now;
	double el;

	*gone = false;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		struct timespec ts = { 0, 50 * 1000000L };

		if (top_stop_signal)
			return true;
		if (pid && nvmx_pid_gone(pid)) {
			*gone = true;
			return true;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		el = (double)(now.tv_sec - start.tv_sec) +
		     (double)(now.tv_nsec - start.tv_nsec) / 1e9;
		if (el >= secs)
			return false;
		if (secs - el < 0.05)
			ts.tv_nsec = (long)((secs - el) * 1e9);
		nanosleep(&ts, NULL);
	}
}

void top_print_probes(const struct nvmx_core *c, FILE *f)
{
	bool counts_only = nvmx_core_meta(c)->counts_only;
	const char *why;
	int m, n = 0;

	nvmx_core_print_probes(c, f);
	for (m = 0; m < NVMX_M_NR; m++) {
		if (!nvmx_metric_def(m)->top || nvmx_metric_available(c, m, &why))
			continue;
		if (!n++)
			fprintf(f, "\nMetrics unavailable %s:\n", counts_only ?
				"counting only or on this kernel" : "on this kernel");
		fprintf(f, "  %-22s %s\n", nvmx_metric_def(m)->name, why);
	}
	if (counts_only) {
		fputc('\n', f);
		nvmx_core_print_programs(c, f);
	}
}

static int stats_now(struct nvmx_core *c, struct nvmx_prog_stats **ps, size_t *n)
{
	if (!nvmx_core_stats_enabled(c)) {
		*ps = NULL;
		*n = 0;
		return 0;
	}
	return nvmx_core_prog_stats(c, ps, n);
}

/* --than: the interval's outliers, gathered into a growing array */
struct outbuf {
	struct nvmx_outlier *v;
	size_t n, cap;
};

static int outbuf_add(const struct nvmx_outlier *o, void *arg)
{
	struct outbuf *b = arg;
	struct nvmx_outlier *n;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;

		n = realloc(b->v, cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		b->v = n;
		b->cap = cap;
	}
	b->v[b->n++] = *o;
	return 0;
}

static void outliers_now(struct nvmx_core *c, struct outbuf *b,
			 struct nvmx_sink_opts *so)
{
	unsigned int k;

	b->n = 0;
	if (!so->than)
		return;
	nvmx_core_outliers(c, outbuf_add, b);
	so->outliers = b->v;
	so->noutliers = b->n;
	for (k = 0; k < NVMX_OUT_NR; k++)
		so->outliers_dropped[k] = nvmx_core_outliers_dropped(c, k);
}

int top_run_batch(struct nvmx_core *c, const struct top_opts *o)
{
	struct outbuf ob = { 0 };
	struct nvmx_snapshot *prev = NULL, *cur = NULL, *delta = NULL;
	struct nvmx_prog_stats *sprev = NULL, *scur = NULL, *sdelta = NULL;
	size_t nprev = 0, ncur = 0;
	struct nvmx_sink_opts so = {
		.fmt = o->fmt, .per_vcpu = o->per_vcpu, .hists = o->hists,
		.reasons = o->reasons, .than = o->than_ns > 0,
	};
	bool gone = false, stop;
	long i;
	int err;

	err = nvmx_core_snapshot_zero(c, &prev);	/* the first interval starts at attach */
	if (!err)
		err = stats_now(c, &sprev, &nprev);
	if (err) {
		p_err("reading BPF maps: %s", strerror(-err));
		goto out;
	}
	for (i = 1; !o->iterations || i <= o->iterations; i++) {
		double secs;

		/*
		 * A stop signal, like the exit of the -p process, ends the run
		 * with a last, partial interval: the intervals then add up to
		 * everything counted until the tool stopped.
		 */
		stop = top_wait(o->interval, o->pid, &gone);
		err = nvmx_core_snapshot(c, &cur);
		if (!err)
			err = nvmx_snapshot_delta(cur, prev, &delta);
		if (!err)
			err = stats_now(c, &scur, &ncur);
		if (err) {
			p_err("reading BPF maps: %s", strerror(-err));
			goto out;
		}
		secs = (double)(cur->mono_ns - prev->mono_ns) / 1e9;
		so.interval_no = (int)i;
		so.self = NULL;
		so.nself = 0;
		if (scur) {
			sdelta = calloc(ncur ? ncur : 1, sizeof(*sdelta));
			if (sdelta) {
				nvmx_prog_stats_delta(sdelta, scur, ncur == nprev ? sprev : NULL,
						      ncur);
				so.self = sdelta;
				so.nself = ncur;
				so.self_secs = secs;
			}
		}
		outliers_now(c, &ob, &so);
		err = nvmx_sink_write(stdout, c, delta, cur, secs, &so);
		free(sdelta);
		sdelta = NULL;
		nvmx_snapshot_free(delta);
		delta = NULL;
		nvmx_snapshot_free(prev);
		prev = cur;
		cur = NULL;
		free(sprev);
		sprev = scur;
		nprev = ncur;
		scur = NULL;
		if (err && !(stop && !gone)) {
			p_err("writing output: %s", strerror(-err));
			goto out;
		}
		if (gone) {
			p_info("process %d exited", o->pid);
			break;
		}
		if (stop)
			break;	/* signal: clean exit, even if the last write failed */
	}
	err = 0;
out:
	if (nvmx_core_events_dropped(c))
		p_info("warning: %llu events not counted (more than %d traced threads)",
		       (unsigned long long)nvmx_core_events_dropped(c), NVMX_MAX_THREADS);
	nvmx_snapshot_free(prev);
	nvmx_snapshot_free(cur);
	nvmx_snapshot_free(delta);
	free(sprev);
	free(scur);
	free(ob.v);
	return err ? NVMX_EXIT_FAIL : NVMX_EXIT_OK;
}

