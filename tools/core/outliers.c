// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Outliers (--than): names, and kernel symbols for their stacks from
 * /proc/kallsyms (text symbols only, read once, sorted by address).
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvmx_core.h"

const char *nvmx_outlier_kind_name(unsigned int kind)
{
	switch (kind) {
	case NVMX_OUT_L2_ROUNDTRIP: return "l2_roundtrip";
	case NVMX_OUT_VMCS12_PAGES: return "vmcs12_pages";
	default: return "?";
	}
}

struct ksym {
	uint64_t addr;
	char *name;		/* "func" or "func [mod]" */
};

static struct ksym *ksyms;
static size_t nksyms;
static pthread_once_t ksyms_once = PTHREAD_ONCE_INIT;

static int ksym_cmp(const void *a, const void *b)
{
	const struct ksym *x = a, *y = b;

	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* One "ADDR TYPE NAME [MOD]" line: text symbols only */
static int ksym_add(const char *line, size_t *cap)
{
	char type, name[256], mod[128] = "";
	unsigned long long addr;
	struct ksym *n;
	int f;

	f = sscanf(line, "%llx %c %255s %127s", &addr, &type, name, mod);
	if (f < 3 || !addr || (type != 't' && type != 'T'))
		return 0;
	if (nksyms == *cap) {
		*cap = *cap ? *cap * 2 : 4096;
		n = realloc(ksyms, *cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		ksyms = n;
	}
	ksyms[nksyms].addr = addr;
	if (mod[0])
		f = asprintf(&ksyms[nksyms].name, "%s %s", name, mod);
	else
		f = asprintf(&ksyms[nksyms].name, "%s", name);
	if (f < 0)
		return -ENOMEM;
	nksyms++;
	return 0;
}

static void ksyms_load(void)
{
	char line[512];
	size_t cap = 0;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (ksym_add(line, &cap))
			break;
	fclose(f);
	if (nksyms > 1)
		qsort(ksyms, nksyms, sizeof(*ksyms), ksym_cmp);
}

const char *nvmx_ksym(uint64_t addr, char *buf, size_t len)
{
	size_t lo = 0, hi;
	const char *mod;

	pthread_once(&ksyms_once, ksyms_load);
	hi = nksyms;
	while (lo < hi) {	/* the last symbol at or below addr */
		size_t mid = (lo + hi) / 2;

		if (ksyms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (!lo) {
		snprintf(buf, len, "0x%" PRIx64, addr);
		return buf;
	}
	mod = strchr(ksyms[lo - 1].name, ' ');
	if (mod)
		snprintf(buf, len, "%.*s+0x%" PRIx64 "%s", (int)(mod - ksyms[lo - 1].name),
			 ksyms[lo - 1].name, addr - ksyms[lo - 1].addr, mod);
	else
		snprintf(buf, len, "%s+0x%" PRIx64, ksyms[lo - 1].name,
			 addr - ksyms[lo - 1].addr);
	return buf;
}

/* A frame of the tracing itself: a BPF program or trampoline, the
 * tracepoint's bpf_trace_run<N>() */
static bool tracing_frame(const char *sym)
{
	size_t n = strlen(sym);

	return (n > 6 && !strcmp(sym + n - 6, " [bpf]")) ||
	       !strncmp(sym, "bpf_trace_run", 13);
}

unsigned int nvmx_outlier_skip(const struct nvmx_outlier *o)
{
	char sym[160];
	unsigned int i;

	for (i = 0; i < o->nstack && i < NVMX_OUTLIER_STACK; i++)
		if (!tracing_frame(nvmx_ksym(o->stack[i], sym, sizeof(sym))))
			break;
	return i;
}
