// SPDX-License-Identifier: GPL-2.0
/*
 * fcount [-o FILE] -- CMD [ARGS...]
 *
 * Attach the fentry counters of fcount.bpf.c, run CMD, detach, and write
 * {"cmd":..., "exit":N, "attach":"fentry", "counts":{name:count,...}} to
 * FILE (default stdout).  "fentry" covers the fexit counter of
 * vmx_is_nested_state_invalid() returning true as well.  Exits with CMD's exit status (128+sig if killed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <stdbool.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "fcount.skel.h"

/* Counter names, in the order of the enum in fcount.bpf.c. */
static const char *const fc_names[] = {
	"nested_get_vmcs12_pages", "kvm_vcpu_map", "kvm_vcpu_unmap",
	"kvm_gpc_activate", "kvm_gpc_refresh", "kvm_gpc_deactivate",
#define USE(k) "tp_gpc_use." k ".hit", "tp_gpc_use." k ".refresh", \
	"tp_gpc_use." k ".activate", "tp_gpc_use." k ".error"
	USE("msr_bitmap"), USE("apic_access"), USE("virtual_apic"),
	USE("pi_desc"), USE("evmcs"), "tp_pfncache_refresh_activate",
	"tp_pfncache_refresh", "tp_pfncache_invalidate", "tp_nested_state_reload",
	"vmx_is_nested_state_invalid_true", "kvm_gpc_check",
	"nested_get_vmcs12_pages_slow",
	"tp_pfncache_stale.invalid", "tp_pfncache_stale.memslot",
	"tp_pfncache_stale.retarget", "tp_pfncache_stale.valid",
	"tp_pfncache_kick", "tp_pfncache_kick.vcpus",
};

/*
 * Whether counter @name counts @target: fentry counters are named after
 * their function, tracepoint counters "tp_" and the tracepoint's name
 * without "kvm_" ("tp_gpc_use" for kvm_nested_gpc_use).
 */
static bool counts_target(const char *name, const char *target)
{
	if (strstr(name, target))
		return true;
	if (!strcmp(target, "kvm_nested_gpc_use"))
		return !strncmp(name, "tp_gpc_use", 10);
	return !strncmp(target, "kvm_", 4) && !strncmp(name, "tp_", 3) &&
	       !strncmp(name + 3, target + 4, strlen(target + 4));
}
#define FC_NR ((int)(sizeof(fc_names) / sizeof(fc_names[0])))

/*
 * Do not load programs whose function or tracepoint is not in the kernel's
 * BTF (the series tracepoints exist only on the patched kernel).  The
 * counter of such a program is reported as null.
 */
static int disable_absent(struct fcount_bpf *skel, bool *present)
{
	struct bpf_program *prog;
	struct btf *btf;
	char name[128];
	int i = 0;

	btf = btf__load_vmlinux_btf();
	if (!btf)
		return -errno;
	for (i = 0; i < FC_NR; i++)
		present[i] = true;
	bpf_object__for_each_program(prog, skel->obj) {
		const char *sec = bpf_program__section_name(prog);
		const char *target = strchr(sec, '/') + 1;
		bool have;

		if (!strncmp(sec, "raw_tp/", 7)) {
			snprintf(name, sizeof(name), "btf_trace_%s", target);
			have = btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF) >= 0;
		} else {
			have = btf__find_by_name_kind(btf, target, BTF_KIND_FUNC) >= 0;
		}
		if (have)
			continue;
		bpf_program__set_autoload(prog, false);
		/*
		 * __kvm_vcpu_map is the other kernels' kvm_vcpu_map: the
		 * counter is absent only when neither function exists.
		 */
		if (!strcmp(target, "__kvm_vcpu_map") ||
		    (!strcmp(target, "kvm_vcpu_map") &&
		     btf__find_by_name_kind(btf, "__kvm_vcpu_map", BTF_KIND_FUNC) >= 0))
			continue;
		for (i = 0; i < FC_NR; i++) {
			if (counts_target(fc_names[i], target))
				present[i] = false;
		}
	}
	btf__free(btf);
	return 0;
}

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
	bool present[FC_NR];
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
	skel = fcount_bpf__open();
	if (!skel) {
		fprintf(stderr, "fcount: cannot open BPF object: %s\n",
			strerror(errno));
		return 1;
	}
	rc = disable_absent(skel, present);
	if (rc) {
		fprintf(stderr, "fcount: cannot read kernel BTF: %s\n",
			strerror(-rc));
		goto destroy_skel;
	}
	rc = fcount_bpf__load(skel);
	if (rc) {
		fprintf(stderr, "fcount: cannot load BPF programs: %s\n",
			strerror(-rc));
		goto destroy_skel;
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
	for (i = 0; i < FC_NR; i++) {
		if (present[i])
			fprintf(f, "%s\"%s\":%llu", i ? "," : "", fc_names[i],
				(unsigned long long)skel->bss->counts[i]);
		else
			fprintf(f, "%s\"%s\":null", i ? "," : "", fc_names[i]);
	}
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
