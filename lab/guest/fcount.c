// SPDX-License-Identifier: GPL-2.0
/*
 * fcount [-o FILE] -- CMD [ARGS...]
 *
 * Attach the fentry counters of fcount.bpf.c, run CMD, detach, and write
 * {"cmd":..., "exit":N, "attach":"fentry", "counts":{name:count,...}} to
 * FILE (default stdout).  Exits with CMD's exit status (128+sig if killed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <bpf/libbpf.h>
#include "fcount.skel.h"

static const char *const fcount_names[] = {
	"nested_get_vmcs12_pages", "kvm_vcpu_map", "kvm_vcpu_unmap",
};

static int silent(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (level == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

static int run_child(char **argv, int *status)
{
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "fcount: cannot run %s: %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, status, 0) < 0)
		return -errno;
	return 0;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	struct fcount_bpf *skel;
	int opt, status = 0, rc, ret = 1, i;
	FILE *f = stdout;
	char tmp[4096];

	while ((opt = getopt(argc, argv, "+o:")) != -1) {
		switch (opt) {
		case 'o':
			out = optarg;
			break;
		default:
			fprintf(stderr, "usage: fcount [-o FILE] -- CMD [ARGS...]\n");
			return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "fcount: no command given\n");
		return 2;
	}
	libbpf_set_print(silent);
	skel = fcount_bpf__open_and_load();
	if (!skel) {
		fprintf(stderr, "fcount: cannot load BPF programs: %s\n",
			strerror(errno));
		return 1;
	}
	rc = fcount_bpf__attach(skel);
	if (rc) {
		fprintf(stderr, "fcount: cannot attach fentry: %s\n",
			strerror(-rc));
		goto destroy_skel;
	}
	rc = run_child(argv + optind, &status);
	fcount_bpf__detach(skel);
	if (rc) {
		fprintf(stderr, "fcount: wait: %s\n", strerror(-rc));
		goto destroy_skel;
	}
	if (out) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", out);
		f = fopen(tmp, "w");
		if (!f) {
			fprintf(stderr, "fcount: %s: %s\n", tmp, strerror(errno));
			goto destroy_skel;
		}
	}
	fprintf(f, "{\"cmd\":\"%s\",\"exit\":%d,\"attach\":\"fentry\",\"counts\":{",
		argv[optind], WIFEXITED(status) ? WEXITSTATUS(status) :
		128 + WTERMSIG(status));
	for (i = 0; i < (int)(sizeof(fcount_names) / sizeof(fcount_names[0])); i++)
		fprintf(f, "%s\"%s\":%llu", i ? "," : "", fcount_names[i],
			(unsigned long long)skel->bss->counts[i]);
	fprintf(f, "}}\n");
	if (out) {
		if (fclose(f) || rename(tmp, out)) {
			fprintf(stderr, "fcount: %s: %s\n", out, strerror(errno));
			goto destroy_skel;
		}
	}
	ret = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
destroy_skel:
	fcount_bpf__destroy(skel);
	return ret;
}
