// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare BEFORE AFTER: per-metric statistics, ratio with a
 * bootstrap confidence interval, Mann-Whitney U, verdicts, ASCII
 * histograms, text/markdown/json reports, gnuplot plots and the CI gate.
 * This file: cmd_compare(), which runs the parts (compare_priv.h lists
 * them), and the check that the two files can be compared at all.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_priv.h"
#include "../results/results.h"
#include "util.h"

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

/* Two optional strings are the same (both absent, or equal) */
static bool str_same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && !strcmp(x, y));
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

/* One metric or counter of BEFORE against the same one of AFTER. */
static int check_entry(const struct cmp *c, const char *name, const char *unit_b,
		       const char *unit_a, char *err, size_t errlen)
{
	if (strcmp(unit_a, unit_b)) {
		snprintf(err, errlen, "mismatched units for '%s': %s in %s, %s in %s",
			 name, unit_b, c->fb, unit_a, c->fa);
		return -EINVAL;
	}
	return 0;
}

/*
 * Counters that nvmx-gpc record gained later, still schema 3, in groups
 * it always writes whole (null runs where unavailable): a file recorded
 * before has none of a group.
 */
static const struct later_counters {
	const char *what, *glob;	/* for the warning */
	const char *names[6];
} later_counters[] = {
	{ "refresh cause and kick counters", "gpc_stale_*, gpc_kick*",
	  { "gpc_stale_invalid", "gpc_stale_memslot", "gpc_stale_retarget",
	    "gpc_stale_valid", "gpc_kicks", "gpc_kick_events" } },
};
#define NLATER (sizeof(later_counters) / sizeof(later_counters[0]))
#define LATER_NAMES (sizeof(later_counters[0].names) / sizeof(later_counters[0].names[0]))

/*
 * The file r (named f) lacks an entry of the other file o (named fo):
 * the page kinds and later counters it was recorded without, one
 * warning each.
 */
struct lacking {
	const struct nvmx_results *r, *o;
	const char *f, *fo;
	const char *kind[8];
	unsigned int nkind;
	bool later[NLATER];
};

/*
 * Counter @name of l->o is one of a group of later_counters, none of
 * which l->r has: it was recorded before them.  Warns once per group.
 */
static bool lacking_later(struct cmp *c, struct lacking *l, const char *name)
{
	const struct later_counters *g;
	unsigned int i, j;

	for (i = 0; i < NLATER; i++) {
		g = &later_counters[i];
		for (j = 0; j < LATER_NAMES && g->names[j]; j++)
			if (!strcmp(g->names[j], name))
				break;
		if (j == LATER_NAMES || !g->names[j])
			continue;
		for (j = 0; j < LATER_NAMES && g->names[j]; j++)
			if (nvmx_res_find_counter(l->r, g->names[j]))
				return false;
		if (!l->later[i])
			add_warn(c, "%s has no %s (%s: recorded before they were "
				 "counted): compared as absent", l->f, g->what, g->glob);
		l->later[i] = true;
		return true;
	}
	return false;
}

/* r has a metric (or counter) "BASE.x", BASE the first n bytes of name */
static bool has_split(const struct nvmx_results *r, const char *name, size_t n,
		      bool metric)
{
	unsigned int i, nr = metric ? r->nmetrics : r->ncounters;

	for (i = 0; i < nr; i++) {
		const char *s = metric ? r->metrics[i].name : r->counters[i].name;

		if (!strncmp(s, name, n) && s[n] == '.')
			return true;
	}
	return false;
}

/*
 * Entry @name of l->o is not in l->r.  A page-kind split ("maps.evmcs",
 * "nested_map_ns.evmcs") of a base that l->r splits by other kinds is of
 * a kind l->r was recorded without (evmcs came with the series' eVMCS
 * patch), a counter of later_counters one it was recorded before:
 * compared as absent, as a null run is.  Anything else: mismatched
 * files.
 */
static int check_lacking(struct cmp *c, struct lacking *l, const char *name,
			 bool metric, char *err, size_t errlen)
{
	const char *kind = strrchr(name, '.');
	unsigned int i;

	if (!metric && lacking_later(c, l, name))
		return 0;
	if (!kind || kind == name || !kind[1] ||
	    !has_split(l->r, name, (size_t)(kind - name), metric)) {
		snprintf(err, errlen, "mismatched %s: '%s' is in %s but not in %s",
			 metric ? "metrics" : "counters", name, l->fo, l->f);
		return -EINVAL;
	}
	for (i = 0; i < l->nkind; i++)
		if (!strcmp(l->kind[i], kind + 1))
			return 0;
	if (l->nkind < sizeof(l->kind) / sizeof(l->kind[0]))
		l->kind[l->nkind++] = kind + 1;
	add_warn(c, "%s has no '%s' entries (recorded before that page kind "
		 "was counted): compared as absent", l->f, kind + 1);
	return 0;
}

/* The metrics and counters of the two files: the same, with the same units. */
static int check_entries(struct cmp *c, char *err, size_t errlen)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	struct lacking lb = { .r = b, .o = a, .f = c->fb, .fo = c->fa };
	struct lacking la = { .r = a, .o = b, .f = c->fa, .fo = c->fb };
	unsigned int i;

	for (i = 0; i < b->nmetrics; i++) {
		const struct nvmx_res_metric *mb = &b->metrics[i];
		const struct nvmx_res_metric *ma = nvmx_res_find_metric(a, mb->name);

		if (ma ? check_entry(c, mb->name, mb->unit, ma->unit, err, errlen) :
			 check_lacking(c, &la, mb->name, true, err, errlen))
			return -EINVAL;
	}
	for (i = 0; i < a->nmetrics; i++)
		if (!nvmx_res_find_metric(b, a->metrics[i].name) &&
		    check_lacking(c, &lb, a->metrics[i].name, true, err, errlen))
			return -EINVAL;
	for (i = 0; i < b->ncounters; i++) {
		const struct nvmx_res_counter *cb = &b->counters[i];
		const struct nvmx_res_counter *ca = nvmx_res_find_counter(a, cb->name);

		if (!ca) {
			if (check_lacking(c, &la, cb->name, false, err, errlen))
				return -EINVAL;
			continue;
		}
		if (check_entry(c, cb->name, cb->unit, ca->unit, err, errlen))
			return -EINVAL;
		if (ca->better != cb->better) {
			snprintf(err, errlen,
				 "counter '%s': better is '%s' in %s but '%s' in %s",
				 cb->name, nvmx_res_better_str(cb->better), c->fb,
				 nvmx_res_better_str(ca->better), c->fa);
			return -EINVAL;
		}
	}
	for (i = 0; i < a->ncounters; i++)
		if (!nvmx_res_find_counter(b, a->counters[i].name) &&
		    check_lacking(c, &lb, a->counters[i].name, false, err, errlen))
			return -EINVAL;
	return 0;
}

/* Exit reasons the probes could not count (their map was full) */
static void warn_reasons(struct cmp *c)
{
	int i;

	for (i = 0; i < 2; i++) {
		const struct nvmx_res_meta *m = i ? &c->ra->meta : &c->rb->meta;

		if (m->reasons_dropped)
			add_warn(c, "%s: %llu exit-reason events were not counted "
				 "(reasons map full): its reason counts are low",
				 i ? c->fa : c->fb, (unsigned long long)m->reasons_dropped);
	}
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
	if (check_entries(c, err, errlen))
		return -EINVAL;

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
	if (!str_same(b->meta.guest, a->meta.guest) || !str_same(b->meta.cgroup, a->meta.cgroup))
		add_warn(c, "VM filters differ: before -g %s --cgroup %s, after -g %s --cgroup %s",
			 b->meta.guest ?: "-", b->meta.cgroup ?: "-", a->meta.guest ?: "-",
			 a->meta.cgroup ?: "-");
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
	warn_reasons(c);
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
	free(c->rsn);
	for (i = 0; i < c->nwarn; i++)
		free(c->warn[i]);
	free(c->warn);
	free(c->reqs);
	nvmx_res_free(c->rb);
	nvmx_res_free(c->ra);
}

/* The report, to o->output (atomically) or stdout: 0, or -1 after a message. */
static int write_report(const struct cmp *c, const struct opts *o, int status)
{
	char err[NVMX_RES_ERR_MAX * 2], *buf = NULL;
	size_t len = 0;
	int ret = -1;
	FILE *f;

	f = open_memstream(&buf, &len);
	if (!f)
		goto oom;
	cmp_report(f, c, o, status);
	if (fclose(f))
		goto oom;
	if (o->output) {
		if (nvmx_atomic_write(o->output, buf, len, err, sizeof(err))) {
			p_err("%s", err);
			goto out;
		}
	} else {
		fwrite(buf, 1, len, stdout);
		if (fflush(stdout)) {
			p_err("stdout: %s", strerror(errno));
			goto out;
		}
	}
	ret = 0;
	goto out;
oom:
	p_err("out of memory");
out:
	free(buf);
	return ret;
}

int cmd_compare(int argc, char **argv)
{
	char err[NVMX_RES_ERR_MAX * 2];
	struct cmp c = { 0 };
	unsigned int i;
	int ret, status;
	struct opts o;

	status = cmp_parse_opts(argc, argv, &o);
	if (status != CMP_OPTS_RUN)
		goto out;
	/* an error is a JSON object on stdout too */
	nvmx_msg.json = o.fmt == FMT_JSON ? stdout : NULL;
	status = EXIT_BAD;
	c.fb = o.before;
	c.fa = o.after;
	ret = cmp_parse_reqs(&c, o.req, o.nreq, err, sizeof(err));
	if (ret == -ENOMEM)
		goto oom;
	if (ret) {
		p_err("%s", err);
		goto out;
	}
	if (nvmx_res_read(c.fb, &c.rb, err, sizeof(err)) ||
	    nvmx_res_read(c.fa, &c.ra, err, sizeof(err))) {
		p_err("%s", err);
		goto out;
	}
	if (check_pair(&c, err, sizeof(err))) {
		p_err("%s", err);
		goto out;
	}
	if (cmp_compute(&c, &o))
		goto oom;
	if (cmp_eval_reqs(&c, err, sizeof(err))) {
		p_err("%s", err);
		goto out;
	}
	status = EXIT_OK;
	if ((o.fail_on_regress && c.nregress) || c.req_failed)
		status = EXIT_GATE;
	for (i = 0; i < c.nwarn; i++)
		p_info("warning: %s", c.warn[i]);

	if (o.plot_dir && cmp_make_plots(&c, o.plot_dir, err, sizeof(err))) {
		p_err("%s", err);
		status = EXIT_BAD;
		goto out;
	}
	if (write_report(&c, &o, status)) {
		status = EXIT_BAD;
		goto out;
	}
	cmp_print_regressions(&c, &o);
	cmp_print_req_failures(&c);
	goto out;
oom:
	p_err("out of memory");
	status = EXIT_BAD;
out:
	free(o.req);
	cmp_free(&c);
	return status;
}
