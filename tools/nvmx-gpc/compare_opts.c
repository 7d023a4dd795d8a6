// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare: the command line (docs/nvmx-gpc.1).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compare_priv.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: nvmx-gpc compare BEFORE.json AFTER.json [options]\n"
"  -t, --threshold PCT   noise floor in percent (default 2): smaller changes are\n"
"                        never called a regression or an improvement\n"
"      --alpha P         significance level of the Mann-Whitney U test (0.05)\n"
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
"  -h, --help            this help\n"
"  -V, --version         version\n"
"exit status: 0 ok, 1 regression or failed --require, 2 bad input or any\n"
"other error (docs/cli.md)\n");
}

static int parse_double_opt(const char *opt, const char *s, double lo, double hi,
			    double *out)
{
	char *end;

	errno = 0;
	*out = strtod(s, &end);
	if (errno || end == s || *end || !(*out >= lo && *out <= hi)) {
		p_err("%s: '%s' is not a number in [%g, %g]", opt, s, lo, hi);
		return -EINVAL;
	}
	return 0;
}

/* A word an option takes, and the value it stands for */
struct keyword {
	const char *word;
	int value;
};

static const struct keyword formats[] = {
	{ "text", FMT_TEXT }, { "markdown", FMT_MARKDOWN }, { "md", FMT_MARKDOWN },
	{ "json", FMT_JSON }, { NULL, 0 }
};
static const struct keyword fail_on[] = {
	{ "regress", true }, { "none", false }, { NULL, 0 }
};
/* the ratio statistic: -1 for the mean, else the index in pct_q */
static const struct keyword stats[] = {
	{ "mean", -1 }, { "p50", 0 }, { "p90", 1 }, { "p99", 2 }, { "p99.9", 3 },
	{ NULL, 0 }
};

/* *out = the value of word s of option opt, or a one-line error */
static int parse_keyword(const char *opt, const char *s, const struct keyword *kw,
			 const char *want, int *out)
{
	for (; kw->word; kw++)
		if (!strcmp(s, kw->word)) {
			*out = kw->value;
			return 0;
		}
	p_err("%s: '%s' is not %s", opt, s, want);
	return -EINVAL;
}

/*
 * Parse compare's command line into *out (the defaults first).  Returns
 * CMP_OPTS_RUN, or the exit status: EXIT_OK after --help, EXIT_BAD after
 * a one-line error.  out->req is the caller's to free, whatever it returns.
 */
int cmp_parse_opts(int argc, char **argv, struct opts *out)
{
	static const struct option lopts[] = {
		{ "threshold", required_argument, NULL, 't' },
		{ "alpha", required_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "plot", required_argument, NULL, 'P' },
		{ "fail-on", required_argument, NULL, 'F' },
		{ "require", required_argument, NULL, 'R' },
		{ "bootstrap", required_argument, NULL, 'B' },
		{ "seed", required_argument, NULL, 'S' },
		{ "stat", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	struct opts o = {
		.threshold = 0.02, .alpha = 0.05, .level = 0.95, .iters = 2000,
		.seed = 1, .fmt = FMT_TEXT, .fail_on_regress = true, .stat = 0,
	};
	int opt, kw, status = EXIT_BAD;
	unsigned long long v;
	double d;

	o.req = calloc((size_t)argc, sizeof(char *));
	if (!o.req) {
		p_err("out of memory");
		goto out;
	}
	nvmx_msg.prog = "nvmx-gpc compare";
	optind = 1;
	opterr = 0;
	/* no -a: it is --all in record (docs/cli.md) */
	while ((opt = getopt_long(argc, argv, ":t:f:o:P:F:R:B:S:s:hV", lopts, NULL)) != -1) {
		switch (opt) {
		case 't':
			if (parse_double_opt("--threshold", optarg, 0, 1000, &d))
				goto out;
			o.threshold = d / 100;
			break;
		case 'A':
			if (parse_double_opt("--alpha", optarg, 1e-12, 0.5, &o.alpha))
				goto out;
			break;
		case 'f':
			if (parse_keyword("--format", optarg, formats,
					  "text, markdown or json", &kw))
				goto out;
			o.fmt = kw;
			break;
		case 'o':
			o.output = optarg;
			break;
		case 'P':
			/* a gnuplot string has no way to write a newline */
			if (strchr(optarg, '\n')) {
				p_err("--plot: a directory name with a newline cannot go into a gnuplot script");
				goto out;
			}
			o.plot_dir = optarg;
			break;
		case 'F':
			if (parse_keyword("--fail-on", optarg, fail_on, "regress or none", &kw))
				goto out;
			o.fail_on_regress = kw;
			break;
		case 'R':
			o.req[o.nreq++] = optarg;
			break;
		case 'B':
			if (nvmx_parse_uint("--bootstrap", optarg, 100, 1000000, &v, NULL, 0))
				goto out;
			o.iters = (unsigned int)v;
			break;
		case 'S':
			if (nvmx_parse_uint("--seed", optarg, 0, ULLONG_MAX, &v, NULL, 0))
				goto out;
			o.seed = v;
			break;
		case 's':
			if (parse_keyword("--stat", optarg, stats,
					  "mean, p50, p90, p99 or p99.9", &o.stat))
				goto out;
			break;
		default:	/* -h, -V, errors */
			status = nvmx_opt_default(opt, argv, usage);
			goto out;
		}
	}
	if (argc - optind != 2) {
		p_err("expected two results files, BEFORE and AFTER (see --help)");
		goto out;
	}
	o.before = argv[optind];
	o.after = argv[optind + 1];
	status = CMP_OPTS_RUN;
out:
	*out = o;
	return status;
}
