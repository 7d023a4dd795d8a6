// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare --require EXPR: an assertion on AFTER.
 *	EXPR := NAME [":" STAT] OP NUMBER
 *	OP   := ">=" | "<=" | "==" | "!=" | ">" | "<"	(the first one in EXPR)
 *	STAT := mean (default) | count | p50 | p90 | p99 | p99.9 | ratio
 *						for a histogram
 *	      | value (default) | mean | ratio	for a counter
 * Spaces before the colon and OP and around NUMBER are ignored; one at the
 * start of NAME or STAT is part of it.  An undefined value (no samples,
 * 0/0, hook unavailable) fails every OP.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_priv.h"
#include "util.h"

int cmp_parse_req(struct req *q, const char *expr, char *err, size_t errlen)
{
	static const char *const ops[] = { ">=", "<=", "==", "!=", ">", "<", NULL };
	const char *p, *op = NULL, *colon;
	const char *const *o;
	size_t nlen;
	char *end;
	bool bad;

	memset(q, 0, sizeof(*q));
	q->expr = expr;
	for (p = expr; *p && !op; p++)
		for (o = ops; *o; o++)
			if (!strncmp(p, *o, strlen(*o))) {
				op = p;
				snprintf(q->op, sizeof(q->op), "%s", *o);
				break;
			}
	if (!op) {
		snprintf(err, errlen, "--require '%s': no comparison operator (>=, <=, ==, !=, >, <)",
			 expr);
		return -EINVAL;
	}
	colon = memchr(expr, ':', (size_t)(op - expr));
	nlen = (size_t)((colon ? colon : op) - expr);
	while (nlen && expr[nlen - 1] == ' ')
		nlen--;
	if (!nlen || nlen > NVMX_RES_NAME_MAX) {
		snprintf(err, errlen, "--require '%s': bad metric name", expr);
		return -EINVAL;
	}
	memcpy(q->name, expr, nlen);
	if (colon) {
		size_t slen = (size_t)(op - colon - 1);

		while (slen && colon[slen] == ' ')
			slen--;
		if (!slen || slen >= sizeof(q->stat)) {
			snprintf(err, errlen, "--require '%s': bad statistic", expr);
			return -EINVAL;
		}
		memcpy(q->stat, colon + 1, slen);
	}
	errno = 0;
	q->value = strtod(op + strlen(q->op), &end);
	bad = errno || end == op + strlen(q->op) || !isfinite(q->value);
	while (*end == ' ')
		end++;
	if (bad || *end) {
		snprintf(err, errlen, "--require '%s': bad number after '%s'", expr, q->op);
		return -EINVAL;
	}
	return 0;
}

int cmp_eval_req(const struct cmp *c, struct req *q, char *err, size_t errlen)
{
	const struct row *r = NULL;
	const char *st = q->stat[0] ? q->stat : NULL;
	unsigned int i;
	double v;

	for (i = 0; i < c->nrows; i++)
		if (!strcmp(c->rows[i].name, q->name))
			r = &c->rows[i];
	if (!r) {
		snprintf(err, errlen, "--require '%s': no metric or counter '%s'",
			 q->expr, q->name);
		return -EINVAL;
	}
	if (!st || !strcmp(st, "mean") || !strcmp(st, "value")) {
		if (st && !strcmp(st, "value") && r->hist)
			goto bad_stat;
		v = r->a.mean;
	} else if (!strcmp(st, "ratio")) {
		v = r->inf_ratio ? INFINITY : r->have_ratio ? r->ratio : NAN;
	} else if (!strcmp(st, "count")) {
		if (!r->hist)
			goto bad_stat;
		v = r->a.n;
	} else {
		for (i = 0; i < NPCT; i++)
			if (!strcmp(st, pct_name[i]))
				break;
		if (i == NPCT || !r->hist)
			goto bad_stat;
		v = r->a.have_pct ? r->a.pct[i] : NAN;
	}
	q->actual = v;
	if (isnan(v))
		q->ok = false;
	else if (!strcmp(q->op, ">="))
		q->ok = v >= q->value;
	else if (!strcmp(q->op, "<="))
		q->ok = v <= q->value;
	else if (!strcmp(q->op, ">"))
		q->ok = v > q->value;
	else if (!strcmp(q->op, "<"))
		q->ok = v < q->value;
	else if (!strcmp(q->op, "=="))
		q->ok = v == q->value;
	else
		q->ok = v != q->value;
	return 0;
bad_stat:
	snprintf(err, errlen,
		 "--require '%s': statistic '%s' does not apply to %s (use %s)",
		 q->expr, st, q->name,
		 r->hist ? "mean, count, p50, p90, p99, p99.9 or ratio" :
			   "value (default) or ratio");
	return -EINVAL;
}

/*
 * Parse the n expressions of --require into c->reqs: -EINVAL with a
 * one-line message in err for a malformed one, or -ENOMEM.
 */
int cmp_parse_reqs(struct cmp *c, char *const *expr, unsigned int n,
		   char *err, size_t errlen)
{
	unsigned int i;
	int ret;

	c->reqs = calloc(n ?: 1, sizeof(*c->reqs));
	if (!c->reqs)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		ret = cmp_parse_req(&c->reqs[i], expr[i], err, errlen);
		if (ret)
			return ret;
		c->nreqs++;
	}
	return 0;
}

/*
 * Evaluate every requirement on the computed rows (c->req_failed when one
 * fails): -EINVAL with a message in err for one that names no row or a
 * statistic its row does not have.
 */
int cmp_eval_reqs(struct cmp *c, char *err, size_t errlen)
{
	unsigned int i;
	int ret;

	for (i = 0; i < c->nreqs; i++) {
		ret = cmp_eval_req(c, &c->reqs[i], err, errlen);
		if (ret)
			return ret;
		if (!c->reqs[i].ok)
			c->req_failed = true;
	}
	return 0;
}

/* One "requirement failed: EXPR (after: VALUE)" line (p_info) a failed one. */
void cmp_print_req_failures(const struct cmp *c)
{
	unsigned int i;

	for (i = 0; i < c->nreqs; i++) {
		char num[32];

		if (c->reqs[i].ok)
			continue;
		if (isnan(c->reqs[i].actual))
			snprintf(num, sizeof(num), "undefined");
		else
			snprintf(num, sizeof(num), "%g", c->reqs[i].actual);
		p_info("requirement failed: %s (after: %s)", c->reqs[i].expr, num);
	}
}
