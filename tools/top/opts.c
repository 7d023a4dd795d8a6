// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top argument handling. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opts.h"

void top_usage(FILE *f)
{
	fprintf(f,
"Usage: nvmx-gpc-top [options]\n"
"Live per-VM / per-vCPU view of KVM nested VMX and pfncache activity.\n"
"\n"
"  -b, --batch          batch mode: print each interval to stdout\n"
"  -n, --iterations N   stop after N intervals (default: run until q/^C)\n"
"  -d, --delay SECS     interval length in seconds (default 1, min 0.05)\n"
"  -p, --pid PID        only this process; exit when it exits\n"
"      --json           batch output: one JSON object per interval\n"
"      --csv            batch output: CSV\n"
"  -v, --vcpus          show per-vCPU (thread) rows\n"
"      --probes         print each hook's attach method or why it is\n"
"                       unavailable, then exit\n"
"      --stats          BPF self-accounting (run count/time per program)\n"
"  -k, --hist-k K       histogram sub-bucket bits 0..%d (default %d)\n"
"      --hists          JSON: include raw histogram slots\n"
"      --btf FILE       vmlinux BTF used to probe hooks (default\n"
"                       /sys/kernel/btf/vmlinux)\n"
"      --verbose        libbpf messages to stderr (twice: debug)\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Keys: q quit, s sort column, p pause, r reset, f filter, v per-vCPU,\n"
"      a self-accounting, h help.  See nvmx-gpc-top(8).\n",
		NVMX_HIST_K_MAX, NVMX_HIST_K_DEFAULT);
}

static int parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int top_parse_args(int argc, char **argv, struct top_opts *o, FILE *out,
		   char *err, size_t errlen)
{
	enum { O_JSON = 256, O_CSV, O_PROBES, O_STATS, O_HISTS, O_VERBOSE, O_BTF };
	static const struct option lo[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "delay", required_argument, NULL, 'd' },
		{ "pid", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, O_JSON },
		{ "csv", no_argument, NULL, O_CSV },
		{ "vcpus", no_argument, NULL, 'v' },
		{ "probes", no_argument, NULL, O_PROBES },
		{ "stats", no_argument, NULL, O_STATS },
		{ "hist-k", required_argument, NULL, 'k' },
		{ "hists", no_argument, NULL, O_HISTS },
		{ "verbose", no_argument, NULL, O_VERBOSE },
		{ "btf", required_argument, NULL, O_BTF },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	bool json = false, csv = false;
	char *end;
	long v;
	int c;

	memset(o, 0, sizeof(*o));
	o->delay = 1.0;
	o->hist_k = NVMX_HIST_K_DEFAULT;
	o->fmt = NVMX_SINK_TEXT;
	err[0] = 0;
	optind = 0;	/* reset getopt (also for repeated calls in tests) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bn:d:p:vk:hV", lo, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->batch = true;
			break;
		case 'n':
			if (parse_long(optarg, 1, LONG_MAX, &v)) {
				snprintf(err, errlen, "invalid iteration count '%s' (want an integer >= 1)", optarg);
				return -EINVAL;
			}
			o->iterations = v;
			break;
		case 'd':
			errno = 0;
			o->delay = strtod(optarg, &end);
			if (errno || end == optarg || *end || !isfinite(o->delay) ||
			    o->delay < 0.05 || o->delay > 3600) {
				snprintf(err, errlen, "invalid delay '%s' (want seconds, 0.05..3600)", optarg);
				return -EINVAL;
			}
			break;
		case 'p':
			if (parse_long(optarg, 1, INT_MAX, &v)) {
				snprintf(err, errlen, "invalid PID '%s'", optarg);
				return -EINVAL;
			}
			o->pid = (pid_t)v;
			break;
		case O_JSON:
			json = true;
			break;
		case O_CSV:
			csv = true;
			break;
		case 'v':
			o->per_vcpu = true;
			break;
		case O_PROBES:
			o->probes = true;
			break;
		case O_STATS:
			o->stats = true;
			break;
		case 'k':
			if (parse_long(optarg, 0, NVMX_HIST_K_MAX, &v)) {
				snprintf(err, errlen, "invalid histogram k '%s' (0..%d)", optarg,
					 NVMX_HIST_K_MAX);
				return -EINVAL;
			}
			o->hist_k = (unsigned int)v;
			break;
		case O_HISTS:
			o->hists = true;
			break;
		case O_VERBOSE:
			o->verbose++;
			break;
		case O_BTF:
			o->btf = optarg;
			break;
		case 'h':
			top_usage(out);
			return TOP_OPTS_EXIT;
		case 'V':
			fprintf(out, "nvmx-gpc-top %s (core API %d, tracepoint ABI %d)\n",
				NVMX_TOP_VERSION, NVMX_CORE_API_VERSION, NVMX_TP_ABI);
			return TOP_OPTS_EXIT;
		case ':':
			snprintf(err, errlen, "option '%s' needs an argument", argv[optind - 1]);
			return -EINVAL;
		default:
			if (optopt)
				snprintf(err, errlen, "unknown option '-%c' (try --help)", optopt);
			else
				snprintf(err, errlen, "unknown option '%s' (try --help)",
					 argv[optind - 1]);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (try --help)", argv[optind]);
		return -EINVAL;
	}
	if (json && csv) {
		snprintf(err, errlen, "--json and --csv are mutually exclusive");
		return -EINVAL;
	}
	if ((json || csv) && !o->batch) {
		snprintf(err, errlen, "--json/--csv need batch mode (-b)");
		return -EINVAL;
	}
	if (o->hists && !json) {
		snprintf(err, errlen, "--hists needs --json");
		return -EINVAL;
	}
	o->fmt = json ? NVMX_SINK_JSON : csv ? NVMX_SINK_CSV : NVMX_SINK_TEXT;
	return TOP_OPTS_RUN;
}
