// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare: the exit reasons (results schema 3) of both files,
 * lined up by (isa, code): the mean exits per run of each, before and
 * after.  Informational: never gated, and left out when either file has
 * no reasons (a version 2 file, or recorded with --no-reasons).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "compare_priv.h"

/* Mean exits per run of reason x (NULL: none) into m[], all paths in *t */
static void rsn_means(const struct nvmx_res_reason *x, unsigned int reps,
		      double m[NVMX_RES_RPATHS], double *t)
{
	unsigned int p, j;

	*t = 0;
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		m[p] = 0;
		for (j = 0; x && j < x->nruns; j++)
			m[p] += (double)x->counts[p][j];
		m[p] /= reps;
		*t += m[p];
	}
}

static void rsn_fill(struct rsn_row *w, const struct nvmx_res_reason *x,
		     const struct cmp *c)
{
	const struct nvmx_res_reason *xb = nvmx_res_find_reason(c->rb, x->isa, x->code);
	const struct nvmx_res_reason *xa = nvmx_res_find_reason(c->ra, x->isa, x->code);

	w->isa = x->isa;
	w->code = x->code;
	w->label = (xb ? xb : xa)->label;
	rsn_means(xb, c->rb->meta.repetitions, w->b, &w->tb);
	rsn_means(xa, c->ra->meta.repetitions, w->a, &w->ta);
}

static int rsn_order(const void *x, const void *y)
{
	const struct rsn_row *a = x, *b = y;

	if (a->tb + a->ta != b->tb + b->ta)
		return a->tb + a->ta > b->tb + b->ta ? -1 : 1;
	if (a->isa != b->isa)
		return a->isa < b->isa ? -1 : 1;
	return a->code < b->code ? -1 : a->code > b->code;
}

int cmp_reasons(struct cmp *c)
{
	const struct nvmx_results *b = c->rb, *a = c->ra;
	unsigned int i;

	c->rsn_on = b->meta.reasons && a->meta.reasons;
	if (!c->rsn_on)
		return 0;
	c->rsn = calloc(b->nreasons + a->nreasons + 1, sizeof(*c->rsn));
	if (!c->rsn)
		return -ENOMEM;
	for (i = 0; i < b->nreasons; i++)
		rsn_fill(&c->rsn[c->nrsn++], &b->reasons[i], c);
	for (i = 0; i < a->nreasons; i++)
		if (!nvmx_res_find_reason(b, a->reasons[i].isa, a->reasons[i].code))
			rsn_fill(&c->rsn[c->nrsn++], &a->reasons[i], c);
	qsort(c->rsn, c->nrsn, sizeof(*c->rsn), rsn_order);
	return 0;
}

/* "+12.5 %", "new" (none before), "-" (none in either) */
static void rsn_change(char *buf, size_t len, const struct rsn_row *w)
{
	if (w->tb > 0)
		snprintf(buf, len, "%+.1f %%", (w->ta / w->tb - 1) * 100);
	else
		snprintf(buf, len, "%s", w->ta > 0 ? "new" : "-");
}

/* Which file lacks reasons, for the note that they are not compared */
static const char *rsn_missing(const struct cmp *c)
{
	if (!c->rb->meta.reasons && !c->ra->meta.reasons)
		return "either file";
	return c->rb->meta.reasons ? c->fa : c->fb;
}

/* A reason's name in a markdown table: its underscores are not emphasis */
static void md_label(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '*' || *s == '_' || *s == '`')
			fputc('\\', f);
		fputc(*s, f);
	}
}

/* The table of the CMP_RSN_SHOWN reasons with the most exits */
void cmp_report_reasons(FILE *f, const struct cmp *c, bool md)
{
	unsigned int i, n = c->nrsn < CMP_RSN_SHOWN ? c->nrsn : CMP_RSN_SHOWN;
	char chg[32];

	if (!c->rsn_on) {
		fprintf(f, "\n%sexit reasons: not compared (none recorded in %s)\n",
			md ? "- " : "", rsn_missing(c));
		return;
	}
	fprintf(f, "\nexit reasons: mean exits per run, all paths (informational, not gated)\n");
	if (md)
		fprintf(f, "\n| reason | isa | before | after | change |\n|---|---|---:|---:|---:|\n");
	else
		fprintf(f, "%-24s %-4s %12s %12s %10s\n", "reason", "isa", "before", "after",
			"change");
	for (i = 0; i < n; i++) {
		const struct rsn_row *w = &c->rsn[i];

		rsn_change(chg, sizeof(chg), w);
		if (md) {
			fputs("| ", f);
			md_label(f, w->label);
			fprintf(f, " | %s | %.1f | %.1f | %s |\n", nvmx_res_isa_name(w->isa),
				w->tb, w->ta, chg);
		} else {
			fprintf(f, "%-24s %-4s %12.1f %12.1f %10s\n", w->label,
				nvmx_res_isa_name(w->isa), w->tb, w->ta, chg);
		}
	}
	if (!c->nrsn)
		fprintf(f, "(no exits in either file)\n");
	if (c->nrsn > n)
		fprintf(f, "%s(%u more reasons; --format json lists all)\n", md ? "\n" : "",
			c->nrsn - n);
}

static json_object *rsn_side(const double m[NVMX_RES_RPATHS], double t)
{
	json_object *o = json_object_new_object();
	unsigned int p;

	if (!o)
		return NULL;
	json_object_object_add(o, "total", json_object_new_double(t));
	for (p = 0; p < NVMX_RES_RPATHS; p++)
		json_object_object_add(o, nvmx_res_rpath_names[p], json_object_new_double(m[p]));
	return o;
}

/* Every reason, or null when not compared */
json_object *cmp_reasons_json(const struct cmp *c)
{
	json_object *arr, *o;
	unsigned int i;

	if (!c->rsn_on)
		return NULL;
	arr = json_object_new_array();
	for (i = 0; arr && i < c->nrsn; i++) {
		const struct rsn_row *w = &c->rsn[i];

		o = json_object_new_object();
		if (!o)
			break;
		json_object_object_add(o, "isa", json_object_new_string(nvmx_res_isa_name(w->isa)));
		json_object_object_add(o, "code", json_object_new_uint64(w->code));
		json_object_object_add(o, "reason", json_object_new_string(w->label));
		json_object_object_add(o, "before", rsn_side(w->b, w->tb));
		json_object_object_add(o, "after", rsn_side(w->a, w->ta));
		json_object_object_add(o, "change_pct", w->tb > 0 ?
				       json_object_new_double((w->ta / w->tb - 1) * 100) : NULL);
		json_object_array_add(arr, o);
	}
	return arr;
}
