/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef NVMX_PLAN_H
#define NVMX_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include "nvmx_core.h"

struct nvmx_probe {
	void *btfs;
	char **syms;		/* sorted kallsyms subset */
	size_t nsyms;
	bool kprobe_pmu;
	/* -EPERM/-EACCES once a trial was refused by policy, else 0 */
	int fentry_policy_err;
};

void nvmx_probe_init(struct nvmx_probe *p, const char *vmlinux_btf);
/*
 * The same with module BTF read from @btf_dir instead of /sys/kernel/btf
 * (one file per module, split BTF on @vmlinux_btf).
 */
void nvmx_probe_init_dir(struct nvmx_probe *p, const char *vmlinux_btf,
			 const char *btf_dir);
void nvmx_probe_fini(struct nvmx_probe *p);
/* *absent: the tracepoint / function is not in this kernel at all. */
bool nvmx_probe_tp(const struct nvmx_probe *p, const char *tp, bool need_btf,
		   char *why, size_t wlen, bool *absent);
/* A struct of that name is in vmlinux or module BTF. */
bool nvmx_probe_struct(const struct nvmx_probe *p, const char *name);
const char *nvmx_probe_fn(struct nvmx_probe *p, enum nvmx_attach m,
			  const char * const *names, char *why, size_t wlen,
			  bool *absent);

#endif
