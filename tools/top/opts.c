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
#include "util.h"

void top_usage(FILE *f)
{
	fprintf(f,
"Usage: nvmx-gpc-top [options]\n"
"Live per-VM / per-vCPU view of KVM nested VMX and pfncache activity.\n"
"\n"
"  -b, --batch          batch mode: print each interval to stdout\n"
"  -n, --iterations N   stop after N intervals (default: run until q/^C)\n"
"  -i, --interval SECS  interval length in seconds (default 1, min 0.05)\n"
"  -p, --pid PID        only this process; exit when it exits\n");
	nvmx_vm_filter_usage(f, 23);
	fprintf(f,
"      --json           batch output: one JSON object per interval\n"
"      --csv            batch output: CSV\n"
"      --vcpus          show per-vCPU (thread) rows\n"
"      --probes         print each hook's attach method or why it is\n"
"                       unavailable, then exit\n"
"      --stats          BPF self-accounting (run count/time per program)\n"
"  -k, --hist-k K       histogram sub-bucket bits 0..%d (default %d)\n"
"      --hists          JSON: include raw histogram slots\n"
"      --counts-only    count, measure no latency: no clock read in the\n"
"                       probes, fewer programs (latency columns are -)\n"
"  -x, --reasons        exit reasons: L1 exits, L2 exits handled in L0 and\n"
"                       reflected to L1, with latencies (text, CSV; the\n"
"                       view starts there; JSON always has them)\n"
"      --no-reasons     do not read exit reasons (cheaper probes)\n"
"      --sample N       time 1 in N of each kind of latency pair per thread\n"
"                       (2..65535): fewer clock reads, exact counts; JSON\n"
"                       adds the percentiles' 95%% confidence intervals\n"
"      --than USEC      log each nested round trip or nested_get_vmcs12_pages\n"
"                       call of at least USEC microseconds, with its kernel\n"
"                       stack (batch text and JSON, the view's key o; at most\n"
"                       100 per CPU and second, the others counted as dropped)\n"
"      --btf FILE       vmlinux BTF used to probe hooks (default\n"
"                       /sys/kernel/btf/vmlinux)\n"
"  -v, --verbose        libbpf messages to stderr (twice: debug)\n"
"  -h, --help           this help\n"
"  -V, --version        version\n"
"\n"
"Keys: q quit, s sort column, p pause, r reset, f filter, v per-vCPU,\n"
"      x exit reasons, o outliers (--than), a self-accounting, h help.\n"
"Exit status: 0 ok, 1 failure, 2 bad usage.  See nvmx-gpc-top(8) and\n"
"docs/cli.md.\n",
		NVMX_HIST_K_MAX, NVMX_HIST_K_DEFAULT);
}

int top_parse_args(int argc, char **argv, struct top_opts *o, FILE *out,
		   char *err, size_t errlen)
{
	enum { O_JSON = 256, O_CSV, O_PROBES, O_STATS, O_HISTS, O_VCPUS, O_BTF };
	static const struct option lo[] = {
		{ "batch", no_argument, NULL, 'b' },
		{ "iterations", required_argument, NULL, 'n' },
		{ "interval", required_argument, NULL, 'i' },
		{ "pid", required_argument, NULL, 'p' },
		NVMX_VM_FILTER_LONGOPTS,
		{ "json", no_argument, NULL, O_JSON },
		{ "csv", no_argument, NULL, O_CSV },
		{ "vcpus", no_argument, NULL, O_VCPUS },
		{ "probes", no_argument, NULL, O_PROBES },
		{ "stats", no_argument, NULL, O_STATS },
		{ "hist-k", required_argument, NULL, 'k' },
		{ "hists", no_argument, NULL, O_HISTS },
		{ "reasons", no_argument, NULL, 'x' },
		NVMX_PROBE_LONGOPTS,
		NVMX_THAN_LONGOPT,
		{ "verbose", no_argument, NULL, 'v' },
		{ "btf", required_argument, NULL, O_BTF },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ 0 }
	};
	bool json = false, csv = false;
	unsigned long long v;
	char *end;
	int c;

	memset(o, 0, sizeof(*o));
	o->interval = 1.0;
	o->hist_k = NVMX_HIST_K_DEFAULT;
	o->fmt = NVMX_SINK_TEXT;
	err[0] = 0;
	optind = 0;	/* reset getopt (also for repeated calls in tests) */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":bn:i:p:g:vk:hVx", lo, NULL)) != -1) {
		switch (c) {
		case 'b':
			o->batch = true;
			break;
		case 'n':
			if (nvmx_parse_uint("--iterations", optarg, 1, LONG_MAX, &v, err, errlen))
				return -EINVAL;
			o->iterations = (long)v;
			break;
		case 'i':
			errno = 0;
			o->interval = strtod(optarg, &end);
			if (errno || end == optarg || *end || !isfinite(o->interval) ||
			    o->interval < 0.05 || o->interval > 3600) {
				snprintf(err, errlen, "--interval: '%s' is not a number of seconds in 0.05..3600",
					 optarg);
				return -EINVAL;
			}
			break;
		case 'p':
			if (nvmx_parse_pid("--pid", optarg, &o->pid, err, errlen))
				return -EINVAL;
			break;
		case 'g':
		case NVMX_OPT_CGROUP:
			if (nvmx_vm_filter_parse(&o->vmf, c, optarg, err, errlen))
				return -EINVAL;
			break;
		case O_JSON:
			json = true;
			break;
		case O_CSV:
			csv = true;
			break;
		case O_VCPUS:
			o->per_vcpu = true;
			break;
		case O_PROBES:
			o->probes = true;
			break;
		case O_STATS:
			o->stats = true;
			break;
		case 'k':
			if (nvmx_parse_uint("--hist-k", optarg, 0, NVMX_HIST_K_MAX, &v, err, errlen))
				return -EINVAL;
			o->hist_k = (unsigned int)v;
			break;
		case O_HISTS:
			o->hists = true;
			break;
		case 'x':
			o->reasons = true;
			break;
		case NVMX_OPT_NO_REASONS:
			o->no_reasons = true;
			break;
		case NVMX_OPT_SAMPLE:
			if (nvmx_sample_parse(optarg, &o->sample_n, err, errlen))
				return -EINVAL;
			break;
		case NVMX_OPT_THAN:
			if (nvmx_than_parse(optarg, &o->than_ns, err, errlen))
				return -EINVAL;
			break;
		case NVMX_OPT_COUNTS_ONLY:
			o->counts_only = true;
			break;
		case 'v':
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
				NVMX_VERSION, NVMX_CORE_API_VERSION, NVMX_TP_ABI);
			return TOP_OPTS_EXIT;
		default:
			if (c == '?' && optopt == 'd')	/* the interval before docs/cli.md */
				snprintf(err, errlen, "unknown option '-d': the interval is -i, --interval (docs/cli.md)");
			else
				nvmx_opt_error(c, argv, err, errlen);
			return -EINVAL;
		}
	}
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s' (see --help)", argv[optind]);
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
	if (o->sample_n && o->counts_only) {
		snprintf(err, errlen, "%s", NVMX_SAMPLE_COUNTS_ONLY);
		return -EINVAL;
	}
	if (o->than_ns && o->counts_only) {
		snprintf(err, errlen, "%s", NVMX_THAN_COUNTS_ONLY);
		return -EINVAL;
	}
	if (o->than_ns && csv) {
		snprintf(err, errlen, "--than needs text or --json output, not --csv");
		return -EINVAL;
	}
	if (o->reasons && o->no_reasons) {
		snprintf(err, errlen, "--reasons and --no-reasons are mutually exclusive");
		return -EINVAL;
	}
	if (o->hists && o->counts_only) {
		snprintf(err, errlen, "--hists and --counts-only are mutually exclusive (no histogram counting only)");
		return -EINVAL;
	}
	o->fmt = json ? NVMX_SINK_JSON : csv ? NVMX_SINK_CSV : NVMX_SINK_TEXT;
	return TOP_OPTS_RUN;
}
