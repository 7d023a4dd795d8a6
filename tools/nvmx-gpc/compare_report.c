// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare: the report, as text (with ASCII histograms), markdown
 * or json, and the REGRESSION lines on stderr.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "compare_priv.h"
#include "../core/hist.h"
#include "util.h"

static const char *const verdict_str[] = {
	[V_NOCHANGE] = "no significant change",
	[V_IMPROVED] = "improved",
	[V_REGRESSED] = "regressed",
	[V_INFO] = "informational",
	[V_NODATA] = "no data",
	[V_ONLY_BEFORE] = "only before",
	[V_ONLY_AFTER] = "only after",
};

static const char *stat_name(const struct opts *o)
{
	return o->stat < 0 ? "mean" : pct_name[o->stat];
}

static void fmt_num(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else if (isinf(v))
		snprintf(buf, len, "inf");
	else if (fabs(v) >= 1e9)
		snprintf(buf, len, "%.4g", v);
	else if (v == floor(v))
		snprintf(buf, len, "%.0f", v);
	else
		snprintf(buf, len, "%.1f", v);
}

static void fmt_pct(char *buf, size_t len, double v)
{
	if (isnan(v))
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%.2f", v);
}

static void fmt_p(char *buf, size_t len, const struct row *r)
{
	if (!r->have_test)
		snprintf(buf, len, "-");
	else if (r->mwu.p < 1e-4)
		snprintf(buf, len, "%.1e", r->mwu.p);
	else
		snprintf(buf, len, "%.4f", r->mwu.p);
}

static void fmt_ratio(char *buf, size_t len, const struct row *r)
{
	if (r->inf_ratio)
		snprintf(buf, len, "inf");
	else if (!r->have_ratio)
		snprintf(buf, len, "-");
	else if (r->have_ci)
		snprintf(buf, len, "%.3f [%.3f, %.3f]", r->ratio, r->lo, r->hi);
	else
		snprintf(buf, len, "%.3f", r->ratio);
}

/* Before, after, ratio and p cells of a counter row (text and markdown). */
static void counter_cells(const struct row *r, char n1[32], char n2[32],
			  char ratio[96], char p[32])
{
	bool pct = !strcmp(r->unit, "percent");

	(pct ? fmt_pct : fmt_num)(n1, 32, r->b.mean);
	(pct ? fmt_pct : fmt_num)(n2, 32, r->a.mean);
	fmt_ratio(ratio, 96, r);
	fmt_p(p, 32, r);
}

/* Rows with nothing in either file are left out of text and markdown. */
static bool row_empty(const struct row *r)
{
	if (r->hist || r->v == V_NODATA)
		return r->v == V_NODATA;
	return r->b.mean == 0 && r->a.mean == 0;
}

static unsigned int count_empty(const struct cmp *c)
{
	unsigned int i, n = 0;

	for (i = 0; i < c->nrows; i++)
		n += row_empty(&c->rows[i]);
	return n;
}

static const char *verdict_of(const struct row *r)
{
	return verdict_str[r->v];
}

/* Power-of-two row of a slot for the ASCII histograms. */
static unsigned int pow2_row(unsigned int idx, unsigned int k)
{
	uint64_t lo = nvmx_hist_lower(idx, k);

	return lo < 2 ? 0 : 63 - (unsigned int)__builtin_clzll(lo);
}

static void stars(FILE *f, double frac, double max, int width)
{
	int n = max > 0 ? (int)(frac / max * width + 0.5) : 0, i;

	fputc('|', f);
	for (i = 0; i < width; i++)
		fputc(i < n ? '*' : ' ', f);
	fputc('|', f);
}

static void ascii_hist(FILE *f, const struct cmp *c, const struct row *r)
{
	uint64_t rb[65] = { 0 }, ra[65] = { 0 };
	unsigned int i, first = 65, last = 0;
	double max = 0, fb, fa;
	char range[48];

	for (i = 0; i < c->nslots; i++) {
		unsigned int p = pow2_row(i, c->k);

		rb[p] += r->pb[i];
		ra[p] += r->pa[i];
	}
	for (i = 0; i < 65; i++) {
		if (!rb[i] && !ra[i])
			continue;
		if (first == 65)
			first = i;
		last = i;
		fb = r->b.n ? (double)rb[i] / r->b.n : 0;
		fa = r->a.n ? (double)ra[i] / r->a.n : 0;
		max = fmax(max, fmax(fb, fa));
	}
	if (first == 65)
		return;
	fprintf(f, "  %21s : %-10s %-32s %-10s %s\n", r->unit, "before",
		"distribution", "after", "distribution");
	for (i = first; i <= last; i++) {
		uint64_t lo = i == 0 ? 0 : 1ULL << i;
		uint64_t hi = i == 0 ? 1 : i == 63 ? UINT64_MAX : (1ULL << (i + 1)) - 1;

		snprintf(range, sizeof(range), "%llu -> %llu", (unsigned long long)lo,
			 (unsigned long long)hi);
		fprintf(f, "  %21s : %-10llu ", range, (unsigned long long)rb[i]);
		stars(f, r->b.n ? (double)rb[i] / r->b.n : 0, max, 30);
		fprintf(f, " %-10llu ", (unsigned long long)ra[i]);
		stars(f, r->a.n ? (double)ra[i] / r->a.n : 0, max, 30);
		fputc('\n', f);
	}
}

static void meta_line(FILE *f, const char *what, const char *file,
		      const struct nvmx_results *r, bool md)
{
	const struct nvmx_res_meta *m = &r->meta;
	char *w = cmp_argv_str(m);

	fprintf(f, "%s%s%s: %s — kernel %s, series tracepoints %s, %s, %s, %u run%s%s, workload '%s'",
		md ? "- **" : "", what, md ? "**" : "", file, m->kernel_release,
		m->series_tracepoints ? "found" : "not found", m->hostname,
		m->start_time, m->repetitions, m->repetitions == 1 ? "" : "s",
		m->interrupted ? " (INTERRUPTED)" : "", w ? w : "");
	if (m->exit_status >= 0)
		fprintf(f, " (exit %d)", m->exit_status);
	if (m->label)
		fprintf(f, ", label %s", m->label);
	fputc('\n', f);
	free(w);
}

/* The two files, the settings and the warnings: lines, or a markdown list */
static void report_head(FILE *f, const struct cmp *c, const struct opts *o, bool md)
{
	unsigned int i;

	meta_line(f, "before", c->fb, c->rb, md);
	meta_line(f, md ? "after" : "after ", c->fa, c->ra, md);
	fprintf(f, "%shistograms compared by %s; noise floor %.1f %%, alpha %.3g, %.0f %% CI by bootstrap (%u iterations, seed %llu)\n",
		md ? "- " : "", stat_name(o), o->threshold * 100, o->alpha, o->level * 100,
		o->iters, o->seed);
	for (i = 0; i < c->nwarn; i++)
		fprintf(f, "%s%s\n", md ? "- :warning: " : "warning: ", c->warn[i]);
}

static void report_text(FILE *f, const struct cmp *c, const struct opts *o)
{
	char n1[32], n2[32], buf[96], pb[32];
	const char *sep;
	unsigned int i, j;
	int nw = 34;

	fprintf(f, "nvmx-gpc compare %s\n", NVMX_GPC_VERSION);
	report_head(f, c, o, false);

	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fprintf(f, "\n%s (%s, lower is better)%s%s\n", r->name, r->unit,
			r->desc ? ": " : "", r->desc ? r->desc : "");
		fprintf(f, "  %-8s %12s %12s", "", "count", "mean");
		for (j = 0; j < NPCT; j++)
			fprintf(f, " %10s", pct_name[j]);
		fputc('\n', f);
		for (int s = 0; s < 2; s++) {
			const struct side *sd = s ? &r->a : &r->b;

			fmt_num(n1, sizeof(n1), sd->n);
			fmt_num(n2, sizeof(n2), sd->n ? sd->mean : NAN);
			fprintf(f, "  %-8s %12s %12s", s ? "after" : "before", n1, n2);
			for (j = 0; j < NPCT; j++) {
				fmt_num(n1, sizeof(n1), sd->have_pct ? sd->pct[j] : NAN);
				fprintf(f, " %10s", n1);
			}
			fputc('\n', f);
		}
		fmt_ratio(buf, sizeof(buf), r);
		fmt_p(pb, sizeof(pb), r);
		fprintf(f, "  ratio after/before (%s) %s", stat_name(o), buf);
		if (r->have_ci)
			fprintf(f, " (bootstrap over %s)", r->ci_method);
		fprintf(f, "; Mann-Whitney U");
		if (r->have_test)
			fprintf(f, " over %s", r->test_on);
		fprintf(f, " p = %s", pb);
		if (r->have_test)
			fprintf(f, " (%s)", r->mwu.exact ? "exact" : "normal approx.");
		fprintf(f, "\n  verdict: %s", verdict_of(r));
		if (r->have_ratio && (r->v == V_REGRESSED || r->v == V_IMPROVED))
			fprintf(f, " (%+.1f %%)", (r->ratio - 1) * 100);
		fputc('\n', f);
		ascii_hist(f, c, r);
	}

	/* name column: as wide as the longest name shown (page kinds) */
	for (i = 0; i < c->nrows; i++)
		if (!c->rows[i].hist && !row_empty(&c->rows[i]) &&
		    (int)strlen(c->rows[i].name) > nw)
			nw = (int)strlen(c->rows[i].name);
	fprintf(f, "\n%-*s %-7s %12s %12s %24s %8s  %s\n", nw, "counter", "unit",
		"before", "after", "ratio [95% CI]", "p", "verdict");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (r->hist || row_empty(r))
			continue;
		counter_cells(r, n1, n2, buf, pb);
		fprintf(f, "%-*s %-7s %12s %12s %24s %8s  %s%s\n", nw, r->name, r->unit,
			n1, n2, buf, pb, verdict_of(r),
			r->better == NVMX_BETTER_NONE ? "" :
			r->better == NVMX_BETTER_LOWER ? " (lower is better)" :
			" (higher is better)");
	}

	if (count_empty(c))
		fprintf(f, "(%u metrics and counters with no data in either file not shown; "
			"--format json lists all)\n", count_empty(c));
	cmp_report_reasons(f, c, false);
	if (c->nreqs)
		fputc('\n', f);
	for (i = 0; i < c->nreqs; i++) {
		fmt_num(n1, sizeof(n1), c->reqs[i].actual);
		fprintf(f, "require %s: %s (after: %s)\n", c->reqs[i].expr,
			c->reqs[i].ok ? "ok" : "FAILED", n1);
	}
	fprintf(f, "\nsummary: %u regressed, %u improved", c->nregress, c->nimprove);
	sep = "; regressed: ";
	for (i = 0; i < c->nrows; i++) {
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated) {
			fprintf(f, "%s%s", sep, c->rows[i].name);
			sep = " ";
		}
	}
	fputc('\n', f);
}

static void md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '`')
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void report_md(FILE *f, const struct cmp *c, const struct opts *o)
{
	char n1[32], n2[32], buf[96], pb[32];
	unsigned int i, j;

	fprintf(f, "## nvmx-gpc compare: %u regressed, %u improved\n\n",
		c->nregress, c->nimprove);
	report_head(f, c, o, true);
	fprintf(f, "\n| metric | unit | count before | count after | mean before | mean after");
	for (j = 0; j < NPCT; j++)
		fprintf(f, " | %s before | %s after", pct_name[j], pct_name[j]);
	fprintf(f, " | ratio [95%% CI] | p | verdict |\n|---|---|---:|---:|---:|---:");
	for (j = 0; j < NPCT; j++)
		fprintf(f, "|---:|---:");
	fprintf(f, "|---|---:|---|\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fputs("| ", f);
		md_escape(f, r->name);
		fmt_num(n1, sizeof(n1), r->b.n);
		fmt_num(n2, sizeof(n2), r->a.n);
		fprintf(f, " | %s | %s | %s", r->unit, n1, n2);
		fmt_num(n1, sizeof(n1), r->b.n ? r->b.mean : NAN);
		fmt_num(n2, sizeof(n2), r->a.n ? r->a.mean : NAN);
		fprintf(f, " | %s | %s", n1, n2);
		for (j = 0; j < NPCT; j++) {
			fmt_num(n1, sizeof(n1), r->b.have_pct ? r->b.pct[j] : NAN);
			fmt_num(n2, sizeof(n2), r->a.have_pct ? r->a.pct[j] : NAN);
			fprintf(f, " | %s | %s", n1, n2);
		}
		fmt_ratio(buf, sizeof(buf), r);
		fmt_p(pb, sizeof(pb), r);
		fprintf(f, " | %s | %s | %s%s%s |\n", buf, pb,
			r->v == V_REGRESSED ? "**" : "", verdict_of(r),
			r->v == V_REGRESSED ? "**" : "");
	}
	fprintf(f, "\n| counter | unit | before | after | ratio [95%% CI] | p | verdict |\n"
		"|---|---|---:|---:|---|---:|---|\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (r->hist || row_empty(r))
			continue;
		counter_cells(r, n1, n2, buf, pb);
		fputs("| ", f);
		md_escape(f, r->name);
		fprintf(f, " | %s | %s | %s | %s | %s | %s%s%s |\n", r->unit, n1, n2,
			buf, pb, r->v == V_REGRESSED ? "**" : "", verdict_of(r),
			r->v == V_REGRESSED ? "**" : "");
	}
	if (count_empty(c))
		fprintf(f, "\n%u metrics and counters with no data in either file are not shown.\n",
			count_empty(c));
	cmp_report_reasons(f, c, true);
	if (c->nreqs)
		fprintf(f, "\n| requirement | after | result |\n|---|---:|---|\n");
	for (i = 0; i < c->nreqs; i++) {
		fmt_num(n1, sizeof(n1), c->reqs[i].actual);
		fprintf(f, "| `%s` | %s | %s |\n", c->reqs[i].expr, n1,
			c->reqs[i].ok ? "ok" : "**FAILED**");
	}
	fprintf(f, "\n<details><summary>histograms</summary>\n\n");
	for (i = 0; i < c->nrows; i++) {
		const struct row *r = &c->rows[i];

		if (!r->hist || row_empty(r))
			continue;
		fprintf(f, "`%s`\n\n```text\n", r->name);
		ascii_hist(f, c, r);
		fprintf(f, "```\n\n");
	}
	fprintf(f, "</details>\n");
}

static json_object *jnum(double v)
{
	return isfinite(v) ? json_object_new_double(v) : NULL;
}

static json_object *jside(const struct side *s, bool hist)
{
	json_object *o = json_object_new_object();
	unsigned int j;
	char key[16];

	if (!o)
		return NULL;
	json_object_object_add(o, hist ? "count" : "runs", json_object_new_double(s->n));
	json_object_object_add(o, hist ? "mean" : "value", s->n ? jnum(s->mean) : NULL);
	for (j = 0; hist && j < NPCT; j++) {
		snprintf(key, sizeof(key), "%s", pct_name[j]);
		if (!strcmp(key, "p99.9"))
			snprintf(key, sizeof(key), "p99_9");
		json_object_object_add(o, key, s->have_pct ? jnum(s->pct[j]) : NULL);
	}
	return o;
}

static json_object *jmeta(const char *file, const struct nvmx_results *r)
{
	json_object *o = json_object_new_object(), *argv = json_object_new_array();
	unsigned int i;

	if (!o || !argv) {
		json_object_put(o);
		json_object_put(argv);
		return NULL;
	}
	json_object_object_add(o, "file", json_object_new_string(file));
	json_object_object_add(o, "kernel_release",
			       json_object_new_string(r->meta.kernel_release));
	json_object_object_add(o, "series_tracepoints",
			       json_object_new_boolean(r->meta.series_tracepoints));
	json_object_object_add(o, "hostname", json_object_new_string(r->meta.hostname));
	json_object_object_add(o, "start_time", json_object_new_string(r->meta.start_time));
	json_object_object_add(o, "repetitions", json_object_new_int((int)r->meta.repetitions));
	json_object_object_add(o, "interrupted", json_object_new_boolean(r->meta.interrupted));
	for (i = 0; i < r->meta.argc; i++)
		json_object_array_add(argv, json_object_new_string(r->meta.argv[i]));
	json_object_object_add(o, "argv", argv);
	return o;
}

static int report_json(FILE *f, const struct cmp *c, const struct opts *o,
		       int status)
{
	json_object *root = json_object_new_object(), *arr, *ho, *x;
	unsigned int i;

	if (!root)
		return -ENOMEM;
	json_object_object_add(root, "schema", json_object_new_string("nvmx-gpc-compare"));
	json_object_object_add(root, "schema_version", json_object_new_int(1));
	json_object_object_add(root, "before", jmeta(c->fb, c->rb));
	json_object_object_add(root, "after", jmeta(c->fa, c->ra));
	json_object_object_add(root, "statistic", json_object_new_string(stat_name(o)));
	json_object_object_add(root, "threshold", json_object_new_double(o->threshold));
	json_object_object_add(root, "alpha", json_object_new_double(o->alpha));
	json_object_object_add(root, "confidence", json_object_new_double(o->level));
	json_object_object_add(root, "bootstrap_iterations", json_object_new_int((int)o->iters));
	json_object_object_add(root, "seed", json_object_new_uint64(o->seed));
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nwarn; i++)
		json_object_array_add(arr, json_object_new_string(c->warn[i]));
	json_object_object_add(root, "warnings", arr);
	for (int pass = 0; pass < 2; pass++) {
		arr = json_object_new_array();
		json_object_object_add(root, pass ? "counters" : "metrics", arr);
		for (i = 0; arr && i < c->nrows; i++) {
			const struct row *r = &c->rows[i];

			if (r->hist == !!pass)
				continue;
			ho = json_object_new_object();
			if (!ho)
				break;
			json_object_object_add(ho, "name", json_object_new_string(r->name));
			json_object_object_add(ho, "unit", json_object_new_string(r->unit));
			json_object_object_add(ho, "better",
					       json_object_new_string(nvmx_res_better_str(r->better)));
			json_object_object_add(ho, "before", jside(&r->b, r->hist));
			json_object_object_add(ho, "after", jside(&r->a, r->hist));
			json_object_object_add(ho, "ratio", r->inf_ratio ?
					       json_object_new_string("inf") :
					       r->have_ratio ? jnum(r->ratio) : NULL);
			x = NULL;
			if (r->have_ci) {
				x = json_object_new_object();
				json_object_object_add(x, "low", jnum(r->lo));
				json_object_object_add(x, "high", jnum(r->hi));
				json_object_object_add(x, "method",
						       json_object_new_string(r->ci_method));
			}
			json_object_object_add(ho, "ci", x);
			x = NULL;
			if (r->have_test) {
				x = json_object_new_object();
				json_object_object_add(x, "u", jnum(r->mwu.u));
				json_object_object_add(x, "z", jnum(r->mwu.z));
				json_object_object_add(x, "p", jnum(r->mwu.p));
				json_object_object_add(x, "exact", json_object_new_boolean(r->mwu.exact));
				json_object_object_add(x, "on", json_object_new_string(r->test_on));
			}
			json_object_object_add(ho, "mann_whitney", x);
			json_object_object_add(ho, "verdict", json_object_new_string(verdict_of(r)));
			json_object_object_add(ho, "gated", json_object_new_boolean(r->gated));
			json_object_array_add(arr, ho);
		}
	}
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nreqs; i++) {
		x = json_object_new_object();
		json_object_object_add(x, "expr", json_object_new_string(c->reqs[i].expr));
		json_object_object_add(x, "after", jnum(c->reqs[i].actual));
		json_object_object_add(x, "ok", json_object_new_boolean(c->reqs[i].ok));
		json_object_array_add(arr, x);
	}
	json_object_object_add(root, "requirements", arr);
	json_object_object_add(root, "reasons", cmp_reasons_json(c));
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nrows; i++)
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			json_object_array_add(arr, json_object_new_string(c->rows[i].name));
	json_object_object_add(root, "regressed", arr);
	json_object_object_add(root, "exit_status", json_object_new_int(status));
	fprintf(f, "%s\n", json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							    JSON_C_TO_STRING_SPACED |
							    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(root);
	return 0;
}

/* The report in o->fmt; json also gives the exit status. */
void cmp_report(FILE *f, const struct cmp *c, const struct opts *o, int status)
{
	if (o->fmt == FMT_TEXT)
		report_text(f, c, o);
	else if (o->fmt == FMT_MARKDOWN)
		report_md(f, c, o);
	else
		report_json(f, c, o, status);
}

/* One "REGRESSION: NAME +N %" line (p_info) a gated metric that regressed. */
void cmp_print_regressions(const struct cmp *c, const struct opts *o)
{
	unsigned int i;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].v == V_REGRESSED && c->rows[i].gated)
			p_info("REGRESSION: %s %+.1f %% (p = %.3g)%s",
			       c->rows[i].name,
			       c->rows[i].have_ratio ? (c->rows[i].ratio - 1) * 100 : INFINITY,
			       c->rows[i].have_test ? c->rows[i].mwu.p : NAN,
			       o->fail_on_regress ? "" : " [not gating: --fail-on none]");
}
