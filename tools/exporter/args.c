// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-exporter argument handling. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "util.h"

void exp_usage(FILE *f)
{
	fprintf(f,
"usage: " EXP_PROG " [options]\n"
"      --listen ADDR:PORT  serve /metrics there (default " EXP_DEFAULT_LISTEN ");\n"
"                          [::1]:PORT for IPv6; 'none' = no HTTP server\n"
"      --textfile PATH     also write the metrics to PATH atomically (for\n"
"                          node_exporter's textfile collector: name it *.prom)\n"
"  -i, --interval SECS     textfile write period (default 15)\n"
"  -p, --pid PID           only this VM process\n");
	nvmx_vm_filter_usage(f, 26);
	fprintf(f,
"  -k, --hist-k K          histogram sub-bucket bits 0..%d (default %d)\n"
"  -T, --no-per-vcpu       leave out the per-thread nvmx_gpc_vcpu_* series\n"
"  -K, --keep-exited SECS  export a VM's final counts for SECS after it exits\n"
"                          (default 300), then drop them\n"
"      --counts-only       count, measure no latency: no clock read in the\n"
"                          probes, fewer programs, no histogram families\n"
"      --no-reasons        do not read exit reasons (cheaper probes): no\n"
"                          nvmx_gpc_exits_total, nvmx_gpc_exit_latency_seconds\n"
"      --sample N          time 1 in N of each kind of latency pair per thread\n"
"                          (2..65535): the histograms hold the samples, every\n"
"                          counter stays exact\n"
"      --than USEC         count each nested round trip or nested_get_vmcs12_pages\n"
"                          call of at least USEC microseconds per VM and kind:\n"
"                          nvmx_gpc_outliers_total, nvmx_gpc_outliers_dropped_total\n"
"  -v, --verbose           libbpf warnings to stderr\n"
"  -h, --help              this help\n"
"  -V, --version           version\n"
"Metrics: docs/exporter.md.  Stop with SIGINT or SIGTERM.  Exit status:\n"
"0 stopped by a signal, 1 failure, 2 bad usage (docs/cli.md).\n",
		NVMX_HIST_K_MAX, NVMX_HIST_K_DEFAULT);
}

enum { O_LISTEN = 256, O_TEXTFILE };

/* One option of the loop below; -EINVAL with err, EXP_ARGS_EXIT, or 0. */
static int one_opt(int opt, char **argv, struct exp_args *a, FILE *out,
		   char *err, size_t errlen)
{
	unsigned long long v;

	switch (opt) {
	case O_LISTEN:
		a->listen = optarg;
		return 0;
	case O_TEXTFILE:
		a->textfile = optarg;
		return 0;
	case 'i':
		return nvmx_parse_uint("--interval", optarg, 1, 86400, &a->interval,
				       err, errlen);
	case 'p':
		return nvmx_parse_pid("--pid", optarg, &a->core.pid, err, errlen);
	case 'g':
	case NVMX_OPT_CGROUP:
		return nvmx_vm_filter_parse(&a->vmf, opt, optarg, err, errlen);
	case 'k':
		if (nvmx_parse_uint("--hist-k", optarg, 0, NVMX_HIST_K_MAX, &v, err, errlen))
			return -EINVAL;
		a->core.hist_k = (unsigned int)v;
		return 0;
	case 'T':
		a->per_vcpu = false;
		return 0;
	case 'K':
		return nvmx_parse_uint("--keep-exited", optarg, 0, 7 * 86400, &a->keep,
				       err, errlen);
	case NVMX_OPT_COUNTS_ONLY:
		a->core.counts_only = true;
		return 0;
	case NVMX_OPT_NO_REASONS:
		a->core.no_reasons = true;
		return 0;
	case NVMX_OPT_SAMPLE:
		return nvmx_sample_parse(optarg, &a->core.sample_n, err, errlen);
	case NVMX_OPT_THAN:
		return nvmx_than_parse(optarg, &a->core.than_ns, err, errlen);
	case 'v':
		a->core.verbose++;
		return 0;
	case 'h':
		exp_usage(out);
		return EXP_ARGS_EXIT;
	case 'V':
		fprintf(out, "%s %s\n", EXP_PROG, NVMX_VERSION);
		return EXP_ARGS_EXIT;
	default:
		nvmx_opt_error(opt, argv, err, errlen);
		return -EINVAL;
	}
}

/* The options that only make sense together, once all are read */
static int check_args(struct exp_args *a, char *err, size_t errlen)
{
	if (a->listen && !strcmp(a->listen, "none"))
		a->listen = NULL;
	if (!a->listen && !a->textfile) {
		snprintf(err, errlen, "nothing to do: --listen none needs --textfile PATH");
		return -EINVAL;
	}
	if (a->core.sample_n && a->core.counts_only) {
		snprintf(err, errlen, "%s", NVMX_SAMPLE_COUNTS_ONLY);
		return -EINVAL;
	}
	if (a->core.than_ns && a->core.counts_only) {
		snprintf(err, errlen, "%s", NVMX_THAN_COUNTS_ONLY);
		return -EINVAL;
	}
	nvmx_vm_filter_apply(&a->vmf, &a->core);
	return EXP_ARGS_RUN;
}

int exp_parse_args(int argc, char **argv, struct exp_args *a, FILE *out,
		   char *err, size_t errlen)
{
	static const struct option lopts[] = {
		{ "listen", required_argument, NULL, O_LISTEN },
		{ "textfile", required_argument, NULL, O_TEXTFILE },
		{ "interval", required_argument, NULL, 'i' },
		{ "pid", required_argument, NULL, 'p' },
		NVMX_VM_FILTER_LONGOPTS,
		{ "hist-k", required_argument, NULL, 'k' },
		{ "no-per-vcpu", no_argument, NULL, 'T' },
		{ "keep-exited", required_argument, NULL, 'K' },
		NVMX_PROBE_LONGOPTS,
		NVMX_THAN_LONGOPT,
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	int opt, r;

	memset(a, 0, sizeof(*a));
	a->listen = EXP_DEFAULT_LISTEN;
	a->interval = 15;
	a->keep = 300;
	a->per_vcpu = true;
	nvmx_opts_init(&a->core);
	err[0] = 0;
	optind = 0;	/* reset getopt (also for repeated calls in tests) */
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":i:p:g:k:TK:vhV", lopts, NULL)) != -1) {
		r = one_opt(opt, argv, a, out, err, errlen);
		if (r)
			return r < 0 ? -EINVAL : r;
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (see --help)", argv[optind]);
		return -EINVAL;
	}
	return check_args(a, err, errlen);
}
