// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top: live view of nested VMX / pfncache activity per VM. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "top.h"

static void on_signal(int sig)
{
	top_stop_signal = sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct top_opts o;
	struct nvmx_opts co;
	struct nvmx_core *c = NULL;
	char err[256];
	int r, rc = NVMX_EXIT_FAIL;

	nvmx_msg.prog = "nvmx-gpc-top";
	r = top_parse_args(argc, argv, &o, stdout, err, sizeof(err));
	if (r == TOP_OPTS_EXIT)
		return NVMX_EXIT_OK;
	if (r < 0) {
		p_err("%s", err);
		return NVMX_EXIT_USAGE;
	}
	if (o.fmt == NVMX_SINK_JSON)
		nvmx_msg.json = stdout;

	/* Handlers first: a signal during attach must still end in cleanup. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (o.pid) {
		char path[64], line[128];
		FILE *f;
		long tgid = -1;

		snprintf(path, sizeof(path), "/proc/%d/status", o.pid);
		f = fopen(path, "re");
		if (!f) {
			p_err("no process with PID %d", o.pid);
			return NVMX_EXIT_FAIL;
		}
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "Tgid: %ld", &tgid) == 1)
				break;
		fclose(f);
		if (tgid > 0 && tgid != o.pid) {
			p_err("PID %d is a thread of process %ld; use -p %ld", o.pid, tgid, tgid);
			return NVMX_EXIT_FAIL;
		}
	}

	nvmx_opts_init(&co);
	co.pid = o.pid;
	co.hist_k = o.hist_k;
	co.stats = o.stats;
	co.verbose = o.verbose;
	co.btf_path = o.btf;
	co.prune_dead = true;
	co.counts_only = o.counts_only;
	co.no_reasons = o.no_reasons;
	co.than_ns = o.than_ns;
	co.sample_n = o.sample_n;
	nvmx_vm_filter_apply(&o.vmf, &co);
	/* --probes is a diagnostic: it also explains a missing /dev/kvm */
	co.allow_no_kvm = o.probes;
	r = nvmx_core_open(&co, &c);
	if (r == -ESRCH) {
		p_err("no process with PID %d", o.pid);
		return NVMX_EXIT_FAIL;
	}
	if (r) {
		p_err("%s", nvmx_core_open_error(r));
		return NVMX_EXIT_FAIL;
	}
	r = nvmx_core_attach(c);
	if (r) {
		p_err("%s", nvmx_core_strerror(c));
		goto close_core;
	}
	if (o.probes) {
		top_print_probes(c, stdout);
		/* counting only, top_print_probes() lists them itself */
		if (o.verbose && !o.counts_only) {
			fputc('\n', stdout);
			nvmx_core_print_programs(c, stdout);
		}
		rc = NVMX_EXIT_OK;
		goto close_core;
	}
	if (o.pid && nvmx_pid_gone(o.pid)) {
		p_err("no process with PID %d", o.pid);
		goto close_core;
	}
	if (o.batch) {
		const struct nvmx_hook_info *h = nvmx_core_hooks(c);
		int i, n = 0;

		for (i = 0; i < NVMX_HOOK_NR; i++)
			n += h[i].method != NVMX_ATTACH_NONE;
		if (o.pid)
			p_info("tracing PID %d, %d of %d hooks attached%s", o.pid, n,
			       NVMX_HOOK_NR, o.counts_only ? ", counting only" : "");
		else
			p_info("tracing all VMs, %d of %d hooks attached%s", n, NVMX_HOOK_NR,
			       o.counts_only ? ", counting only" : "");
		rc = top_run_batch(c, &o);
	} else {
		rc = top_run_ui(c, &o);
	}
close_core:
	nvmx_core_close(c);
	return rc;
}
