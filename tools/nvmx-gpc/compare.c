// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare BEFORE AFTER: per-metric statistics, ratio with a
 * bootstrap confidence interval, Mann-Whitney U, verdicts, ASCII
 * histograms, text/markdown/json reports, gnuplot plots and the CI gate.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_priv.h"
#include "../results/results.h"
#include "../stats/stats.h"
#include "../core/hist.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: nvmx-gpc compare BEFORE.json AFTER.json [options]\n"
"  -t, --threshold PCT   noise floor in percent (default 2): smaller changes are\n"
"                        never called a regression or an improvement\n"
"  -a, --alpha P         significance level of the Mann-Whitney U test (0.05)\n"
"  -f, --format FMT      text (default), markdown or json\n"
"  -o, --output FILE     write the report to FILE (atomically) instead of stdout\n"
"  -P, --plot DIR        write PNG and SVG histogram and CDF overlays to DIR\n"
"  -F, --fail-on WHAT    regress (default): exit 1 when a gated metric regresses;\n"
"                        none: only --require and bad input change the exit status\n"
"  -R, --require EXPR    assertion on AFTER, e.g. 'saved_pct>=95',\n"
"                        'kvm_run_ns:p99<=20000', 'kvm_run_ns:ratio<1.05'\n"
"  -B, --bootstrap N     bootstrap iterations (default 2000)\n"
"  -S, --seed N          bootstrap PRNG seed (default 1)\n"
"  -s, --stat STAT       statistic compared for histograms: p50 (default),\n"
"                        mean, p90, p99 or p99.9\n"
"exit status: 0 ok, 1 regression or failed --require, 2 bad input\n");
}

static int add_warn(struct cmp *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int add_warn(struct cmp *c, const char *fmt, ...)
{
	char **p, *s;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -ENOMEM;
	p = realloc(c->warn, (c->nwarn + 1) * sizeof(*p));
	if (!p) {
		free(s);
		return -ENOMEM;
	}
	c->warn = p;
	c->warn[c->nwarn++] = s;
	return 0;
}

char *cmp_argv_str(const struct nvmx_res_meta *m)
{
	size_t len = 1;
	unsigned int i;
	char *s;

	for (i = 0; i < m->argc; i++)
		len += strlen(m->argv[i]) + 1;
	s = calloc(1, len);
	if (!s)
		return NULL;
	for (i = 0; i < m->argc; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, m->argv[i]);
	}
	return s;
}

/* ---------------------------------------------------------------- */
/* Checking the pair of files */

/* One metric or counter of BEFORE against AFTER (unit_a NULL: absent). */
static int check_entry(const struct cmp *c, const char *what, const char *name,
		       const char *unit_b, const char *unit_a, char *err,
		       size_t errlen)
{
	if (!unit_a) {
		snprintf(err, errlen, "mismatched %s: '%s' is in %s but not in %s",
			 what, name, c->fb, c->fa);
		return -EINVAL;
	}
	if (strcmp(unit_a, unit_b)) {
		snprintf(err, errlen, "mismatched units for '%s': %s in %s, %s in %s",
			 name, unit_b, c->fb, unit_a, c->fa);
		return -EINVAL;
	}
	return 0;
}

static int check_pair(struct cmp *c, char *err, size_t errlen)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	unsigned int i, j;
	char *wb, *wa;
	bool same;

	if (b->meta.hist_k != a->meta.hist_k) {
		snprintf(err, errlen, "histogram layouts differ: hist_k %u in %s, %u in %s",
			 b->meta.hist_k, c->fb, a->meta.hist_k, c->fa);
		return -EINVAL;
	}
	if (b->nmetrics != a->nmetrics || b->ncounters != a->ncounters) {
		snprintf(err, errlen,
			 "mismatched metrics: %s has %u metrics and %u counters, %s has %u and %u",
			 c->fb, b->nmetrics, b->ncounters, c->fa, a->nmetrics, a->ncounters);
		return -EINVAL;
	}
	for (i = 0; i < b->nmetrics; i++) {
		const struct nvmx_res_metric *mb = &b->metrics[i];
		const struct nvmx_res_metric *ma = nvmx_res_find_metric(a, mb->name);

		if (check_entry(c, "metrics", mb->name, mb->unit, ma ? ma->unit : NULL,
				err, errlen))
			return -EINVAL;
	}
	for (i = 0; i < b->ncounters; i++) {
		const struct nvmx_res_counter *cb = &b->counters[i];
		const struct nvmx_res_counter *ca = nvmx_res_find_counter(a, cb->name);

		if (check_entry(c, "counters", cb->name, cb->unit, ca ? ca->unit : NULL,
				err, errlen))
			return -EINVAL;
		if (ca->better != cb->better) {
			snprintf(err, errlen,
				 "counter '%s': better is '%s' in %s but '%s' in %s",
				 cb->name, nvmx_res_better_str(cb->better), c->fb,
				 nvmx_res_better_str(ca->better), c->fa);
			return -EINVAL;
		}
	}

	/* Differences that make the comparison questionable: warn. */
	wb = cmp_argv_str(&b->meta);
	wa = cmp_argv_str(&a->meta);
	if (!wb || !wa) {
		free(wb);
		free(wa);
		return -ENOMEM;
	}
	if (strcmp(wb, wa))
		add_warn(c, "workloads differ: before ran '%s', after ran '%s'", wb, wa);
	free(wb);
	free(wa);
	for (i = 0; i < b->meta.nattach; i++) {
		const struct nvmx_res_attach *hb = &b->meta.attach[i];

		same = false;
		for (j = 0; j < a->meta.nattach; j++) {
			const struct nvmx_res_attach *ha = &a->meta.attach[j];

			if (!strcmp(hb->hook, ha->hook)) {
				same = !strcmp(hb->method, ha->method);
				if (!same)
					add_warn(c, "attach methods differ for hook %s: %s before, %s after",
						 hb->hook, hb->method, ha->method);
				same = true;
				break;
			}
		}
		if (!same)
			add_warn(c, "hook %s is only in the before file", hb->hook);
	}
	for (j = 0; j < a->meta.nattach; j++) {
		same = false;
		for (i = 0; i < b->meta.nattach; i++)
			if (!strcmp(b->meta.attach[i].hook, a->meta.attach[j].hook))
				same = true;
		if (!same)
			add_warn(c, "hook %s is only in the after file", a->meta.attach[j].hook);
	}
	for (i = 0; i < 2; i++) {
		const struct nvmx_res_meta *m = i ? &a->meta : &b->meta;

		if (m->interrupted)
			add_warn(c, "%s was interrupted (%u of %u repetitions)",
				 i ? c->fa : c->fb, m->repetitions,
				 m->repetitions_requested);
		if (m->exit_status > 0)
			add_warn(c, "%s workload exited with status %d",
				 i ? "after" : "before", m->exit_status);
	}
	if (strcmp(b->meta.cpu_model, a->meta.cpu_model))
		add_warn(c, "CPU models differ: '%s' before, '%s' after",
			 b->meta.cpu_model, a->meta.cpu_model);
	return 0;
}

/* ---------------------------------------------------------------- */

static void cmp_free(struct cmp *c)
{
	unsigned int i;

	for (i = 0; i < c->nrows; i++) {
		free(c->rows[i].pb);
		free(c->rows[i].pa);
	}
	free(c->rows);
	for (i = 0; i < c->nwarn; i++)
		free(c->warn[i]);
	free(c->warn);
	free(c->reqs);
	nvmx_res_free(c->rb);
	nvmx_res_free(c->ra);
}

static int parse_double_opt(const char *opt, const char *s, double lo, double hi,
			    double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !(*out >= lo && *out <= hi)) {
		fprintf(stderr, "nvmx-gpc compare: %s: '%s' is not a number in [%g, %g]\n",
			opt, s, lo, hi);
		return -EINVAL;
	}
	return 0;
}

int cmd_compare(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "plot", required_argument, NULL, 'P' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "require", required_argument, NULL, 'R' },
		{ "bootstrap", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, 'S' },
		{ "stat", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct opts o = {
		.threshold = 0.02, .alpha = 0.05, .level = 0.95, .iters = 2000,
		.seed = 1, .fmt = FMT_TEXT, .fail_on_regress = true, .stat = 0,
	};
	char err[NVMX_RES_ERR_MAX * 2], *buf = NULL, *end;
	struct cmp c = { 0 };
	int opt, ret, status = EXIT_BAD;
	unsigned int i;
	size_t len = 0;
	double d;
	FILE *f;

	o.req = calloc((size_t)argc, sizeof(char *));
	if (!o.req) {
		fprintf(stderr, "nvmx-gpc compare: out of memory\n");
		return EXIT_BAD;
	}
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "t:a:f:o:P:F:R:B:S:s:h", lopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (parse_double_opt("--threshold", optarg, 0, 1000, &d))
				goto out;
			o.threshold = d / 100;
			break;
		case 'a':
			if (parse_double_opt("--alpha", optarg, 1e-12, 0.5, &o.alpha))
				goto out;
			break;
		case 'f':
			if (!strcmp(optarg, "text"))
				o.fmt = FMT_TEXT;
			else if (!strcmp(optarg, "markdown") || !strcmp(optarg, "md"))
				o.fmt = FMT_MARKDOWN;
			else if (!strcmp(optarg, "json"))
				o.fmt = FMT_JSON;
			else {
				fprintf(stderr, "nvmx-gpc compare: --format: '%s' is not text, markdown or json\n",
					optarg);
				goto out;
			}
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'P':
			/* a gnuplot string has no way to write a newline */
			if (strchr(optarg, '\n')) {
				fprintf(stderr, "nvmx-gpc compare: --plot: a directory name with a newline cannot go into a gnuplot script\n");
				goto out;
			}
			o.plot_dir = optarg;
			break;
		case 'F':
			if (!strcmp(optarg, "regress"))
				o.fail_on_regress = true;
			else if (!strcmp(optarg, "none"))
				o.fail_on_regress = false;
			else {
				fprintf(stderr, "nvmx-gpc compare: --fail-on: '%s' is not regress or none\n",
					optarg);
				goto out;
			}
			break;
		case 'R':
			o.req[o.nreq++] = optarg;
			break;
		case 'B':
			errno = 0;
			o.iters = (unsigned int)strtoul(optarg, &end, 10);
			if (errno || *end || o.iters < 100 || o.iters > 1000000) {
				fprintf(stderr, "nvmx-gpc compare: --bootstrap: '%s' is not 100..1000000\n",
					optarg);
				goto out;
			}
			break;
		case 'S':
			errno = 0;
			o.seed = strtoull(optarg, &end, 0);
			if (errno || *end || end == optarg) {
				fprintf(stderr, "nvmx-gpc compare: --seed: '%s' is not a number\n", optarg);
				goto out;
			}
			break;
		case 's':
			if (!strcmp(optarg, "mean")) {
				o.stat = -1;
				break;
			}
			for (i = 0; i < NPCT; i++)
				if (!strcmp(optarg, pct_name[i]))
					break;
			if (i == NPCT) {
				fprintf(stderr, "nvmx-gpc compare: --stat: '%s' is not mean, p50, p90, p99 or p99.9\n",
					optarg);
				goto out;
			}
			o.stat = (int)i;
			break;
		case 'h':
			usage(stdout);
			status = EXIT_OK;
			goto out;
		default:
			fprintf(stderr, "nvmx-gpc compare: bad option or missing argument: '%s' (see --help)\n",
				argv[optind - 1]);
			goto out;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "nvmx-gpc compare: expected two results files, BEFORE and AFTER (see --help)\n");
		goto out;
	}
	c.fb = argv[optind];
	c.fa = argv[optind + 1];
	ret = cmp_parse_reqs(&c, o.req, o.nreq, err, sizeof(err));
	if (ret == -ENOMEM)
		goto oom;
	if (ret) {
		fprintf(stderr, "nvmx-gpc compare: %s\n", err);
		goto out;
	}
	if (nvmx_res_read(c.fb, &c.rb, err, sizeof(err)) ||
	    nvmx_res_read(c.fa, &c.ra, err, sizeof(err))) {
		fprintf(stderr, "nvmx-gpc compare: %s\n", err);
		goto out;
	}
	if (check_pair(&c, err, sizeof(err))) {
		fprintf(stderr, "nvmx-gpc compare: %s\n", err);
		goto out;
	}
	if (cmp_compute(&c, &o))
		goto oom;
	if (cmp_eval_reqs(&c, err, sizeof(err))) {
		fprintf(stderr, "nvmx-gpc compare: %s\n", err);
		goto out;
	}
	status = EXIT_OK;
	if ((o.fail_on_regress && c.nregress) || c.req_failed)
		status = EXIT_GATE;
	for (i = 0; i < c.nwarn; i++)
		fprintf(stderr, "nvmx-gpc compare: warning: %s\n", c.warn[i]);

	if (o.plot_dir && cmp_make_plots(&c, o.plot_dir, err, sizeof(err))) {
		fprintf(stderr, "nvmx-gpc compare: %s\n", err);
		status = EXIT_BAD;
		goto out;
	}
	f = open_memstream(&buf, &len);
	if (!f)
		goto oom;
	cmp_report(f, &c, &o, status);
	if (fclose(f))
		goto oom;
	if (o.output) {
		if (nvmx_atomic_write(o.output, buf, len, err, sizeof(err))) {
			fprintf(stderr, "nvmx-gpc compare: %s\n", err);
			status = EXIT_BAD;
			goto out;
		}
	} else {
		fwrite(buf, 1, len, stdout);
		if (fflush(stdout)) {
			fprintf(stderr, "nvmx-gpc compare: stdout: %s\n", strerror(errno));
			status = EXIT_BAD;
			goto out;
		}
	}
	cmp_print_regressions(stderr, &c, &o);
	cmp_print_req_failures(stderr, &c);
	goto out;
oom:
	fprintf(stderr, "nvmx-gpc compare: out of memory\n");
	status = EXIT_BAD;
out:
	free(buf);
	free(o.req);
	cmp_free(&c);
	return status;
}
