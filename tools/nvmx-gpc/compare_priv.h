/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nvmx-gpc compare, private: the options, the rows of statistics and the
 * comparison state its parts share.
 *	compare.c          cmd_compare(), the check of the pair of files
 *	compare_opts.c     the command line
 *	compare_stats.c    statistics and verdicts per row
 *	compare_require.c  --require
 *	compare_report.c   text, markdown and json reports
 *	compare_reasons.c  the exit-reason table (informational)
 *	compare_plot.c     gnuplot plots
 */
#ifndef NVMX_GPC_COMPARE_PRIV_H
#define NVMX_GPC_COMPARE_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "compare.h"
#include "../results/results.h"
#include "../stats/stats.h"

#define NPCT 4
/* the percentiles of a histogram row: values and names */
extern const double pct_q[NPCT];
extern const char *const pct_name[NPCT];

enum fmt { FMT_TEXT, FMT_MARKDOWN, FMT_JSON };

enum verdict {
	V_NOCHANGE,
	V_IMPROVED,
	V_REGRESSED,
	V_INFO,		/* better = none: informational */
	V_NODATA,	/* no observations on either side */
	V_ONLY_BEFORE,
	V_ONLY_AFTER,
};

struct opts {
	double threshold;
	double alpha;
	double level;
	unsigned int iters;
	unsigned long long seed;
	enum fmt fmt;
	const char *plot_dir;
	const char *output;
	bool fail_on_regress;
	int stat;		/* ratio statistic: -1 mean, else index in pct_q */
	char **req;
	unsigned int nreq;
	const char *before, *after;	/* the two results files */
};

struct side {
	double n;		/* observations (histograms) or runs (counters) */
	double mean;
	double pct[NPCT];
	bool have_pct;
};

struct row {
	const char *name;
	const char *unit;
	const char *desc;
	bool hist;
	enum nvmx_res_better better;
	struct side b, a;
	uint64_t *pb, *pa;	/* pooled slots (histograms) */
	double ratio, lo, hi;
	bool have_ratio, have_ci, inf_ratio;
	const char *ci_method;
	struct nvmx_mwu mwu;	/* the test behind the verdict */
	bool have_test;
	const char *test_on;	/* "runs" or "binned samples" */
	enum verdict v;
	bool gated;
};

struct req {
	const char *expr;
	char name[NVMX_RES_NAME_MAX + 1];
	char stat[16];
	char op[3];
	double value;
	double actual;
	bool ok;
};

/* One exit reason of either file: mean exits per run, per path and all */
struct rsn_row {
	uint32_t isa, code;
	const char *label;
	double b[NVMX_RES_RPATHS], a[NVMX_RES_RPATHS];
	double tb, ta;
};

struct cmp {
	const char *fb, *fa;
	struct nvmx_results *rb, *ra;
	unsigned int k, nslots;
	unsigned int nrows;
	struct row *rows;
	char **warn;
	unsigned int nwarn;
	struct req *reqs;
	unsigned int nreqs;
	unsigned int nregress, nimprove;
	bool req_failed;
	/* exit reasons: compared when both files have them (rsn_on) */
	bool rsn_on;
	unsigned int nrsn;
	struct rsn_row *rsn;	/* by exits (tb + ta) descending */
};

/* compare_opts.c: the command line */
#define CMP_OPTS_RUN (-1)	/* go on and compare (else an exit status) */
int cmp_parse_opts(int argc, char **argv, struct opts *out);

/* compare.c: the workload's command line, one string (malloc'd) */
char *cmp_argv_str(const struct nvmx_res_meta *m);

/* compare_stats.c: fill c->rows, one a metric or counter, and the counts */
int cmp_compute(struct cmp *c, const struct opts *o);

/* compare_require.c: --require EXPR */
int cmp_parse_req(struct req *q, const char *expr, char *err, size_t errlen);
int cmp_eval_req(const struct cmp *c, struct req *q, char *err, size_t errlen);
int cmp_parse_reqs(struct cmp *c, char *const *expr, unsigned int n,
		   char *err, size_t errlen);
int cmp_eval_reqs(struct cmp *c, char *err, size_t errlen);
void cmp_print_req_failures(const struct cmp *c);

/* compare_report.c: the report, and the regressions on stderr */
void cmp_report(FILE *f, const struct cmp *c, const struct opts *o, int status);
void cmp_print_regressions(const struct cmp *c, const struct opts *o);

/* compare_reasons.c: the exit reasons of both files, and their table */
#define CMP_RSN_SHOWN 10	/* reasons in the text and markdown tables */
struct json_object;
int cmp_reasons(struct cmp *c);
void cmp_report_reasons(FILE *f, const struct cmp *c, bool md);
struct json_object *cmp_reasons_json(const struct cmp *c);

/* compare_plot.c: --plot DIR */
int cmp_make_plots(const struct cmp *c, const char *dir, char *err, size_t errlen);

#endif
