// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Prometheus text exposition of nvmx-gpc snapshots.
 *
 * Every family is per VM (label pid = the VMM process, comm = its name)
 * and, under the name nvmx_gpc_vcpu_..., per thread of the VM (label tid
 * added; nvmx_gpc_vcpu_info maps tid to the vCPU id), cumulative since
 * the exporter attached, so Prometheus' rate() and increase() work on
 * them.  Histograms keep their exact counts: every
 * le bound is the inclusive upper end of a log2 major bucket, so no slot
 * straddles a bound.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prom.h"

/*
 * Names and HELP come from the catalogue (tools/core/catalogue.h): a
 * counting metric with an exporter name is nvmx_gpc_<prom>_total, its
 * page-kind split nvmx_gpc_<split.prom>_total{kind=...}; a histogram is
 * nvmx_gpc_<prom>, its split the kind="..." series of
 * nvmx_gpc_<kind_prom of what it splits>.
 */
const char *nvmx_prom_counter_name(enum nvmx_metric m, char *buf, size_t len)
{
	const struct nvmx_metric_def *d = nvmx_metric_def(m);

	if (!d || !nvmx_metric_is_count(m) || !d->prom)
		return NULL;
	snprintf(buf, len, "nvmx_gpc_%s_total", d->prom);
	return buf;
}

void nvmx_prom_label_value(FILE *f, const char *v)
{
	for (; *v; v++) {
		switch (*v) {
		case '\\':
			fputs("\\\\", f);
			break;
		case '"':
			fputs("\\\"", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		default:
			fputc(*v, f);
		}
	}
}

/* HELP text: escape backslash and newline (the 0.0.4 rules). */
static void help_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", f);
		else if (*s == '\n')
			fputs("\\n", f);
		else
			fputc(*s, f);
	}
}

static void family(FILE *f, const char *name, const char *type,
		   const char *help)
{
	fprintf(f, "# HELP %s ", name);
	help_text(f, help);
	fprintf(f, "\n# TYPE %s %s\n", name, type);
}

/*
 * One series' row: a VM's total, or (thread) one of its threads.  The
 * per-thread families are the per-VM ones named nvmx_gpc_vcpu_... with a
 * tid label; they add up to the per-VM ones.
 */
struct row {
	const struct nvmx_vm_snap *vm;
	const struct nvmx_vcpu_snap *v;
	bool thread;
};

static void labels(FILE *f, const struct row *r)
{
	fprintf(f, "pid=\"%u\",comm=\"", r->vm->tgid);
	nvmx_prom_label_value(f, r->vm->comm);
	fputc('"', f);
	if (r->thread)
		fprintf(f, ",tid=\"%u\"", r->v->tid);
}

/* Rows of a family: every VM, or every thread of every VM. */
static struct row *make_rows(const struct nvmx_snapshot *s, bool thread,
			     size_t *n)
{
	struct row *rows;
	size_t i, j, k = 0;

	*n = thread ? s->nr_vcpus : s->nr_vms;
	rows = calloc(*n ?: 1, sizeof(*rows));
	if (!rows)
		return NULL;
	for (i = 0; i < s->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &s->vms[i];

		if (!thread) {
			rows[k++] = (struct row){ vm, &vm->total, false };
			continue;
		}
		for (j = 0; j < vm->nr && vm->first + j < s->nr_vcpus && k < *n; j++)
			rows[k++] = (struct row){ vm, &s->vcpus[vm->first + j], true };
	}
	*n = k;
	return rows;
}

static const char *fam_name(char *buf, size_t len, bool thread,
			    const char *base, const char *suffix)
{
	snprintf(buf, len, "nvmx_gpc_%s%s%s", thread ? "vcpu_" : "", base, suffix);
	return buf;
}

static void fam_help(char *buf, size_t len, bool thread, const char *help)
{
	snprintf(buf, len, "%s%s", help, thread ? " Per thread of the VM (tid)." : "");
}

static bool available(const struct nvmx_core *c, enum nvmx_metric m)
{
	return nvmx_metric_available(c, m, NULL);
}

/* HELP of metric m: its catalogue help as a sentence. */
static void metric_help(char *buf, size_t len, enum nvmx_metric m, bool thread)
{
	char help[320];

	snprintf(help, sizeof(help), "%s.", nvmx_metric_def(m)->help);
	if (help[0] >= 'a' && help[0] <= 'z')
		help[0] = (char)(help[0] - 'a' + 'A');
	fam_help(buf, len, thread, help);
}

/*
 * The counting metrics with an exporter name (counters, *_total) or the
 * gauges (nvmx_gpc_<prom>, from the cumulative rows: the state now).
 */
static void write_metrics(FILE *f, const struct nvmx_core *c,
			  const struct row *rows, size_t n, bool thread, bool gauges)
{
	char name[128], fhelp[400];
	size_t i;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		if (!(gauges ? nvmx_metric_is_gauge(m) : nvmx_metric_is_count(m)) ||
		    !d->prom || !available(c, m))
			continue;
		fam_name(name, sizeof(name), thread, d->prom, gauges ? "" : "_total");
		metric_help(fhelp, sizeof(fhelp), m, thread);
		family(f, name, gauges ? "gauge" : "counter", fhelp);
		for (i = 0; i < n; i++) {
			const struct row *r = &rows[i];
			bool ok;
			uint64_t v = nvmx_metric_count(c, r->v, m, &ok);

			if (!ok)
				continue;
			fprintf(f, "%s{", name);
			labels(f, r);
			fprintf(f, "} %llu\n", (unsigned long long)v);
		}
	}
}

static void write_kind_counters(FILE *f, const struct nvmx_core *c,
				const struct row *rows, size_t n, bool thread)
{
	char name[128], help[400];
	unsigned int k;
	size_t i;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_kind_split *sp = &nvmx_metric_def(m)->split;

		if (sp->kctr < 0 || !sp->prom || !available(c, m))
			continue;
		fam_name(name, sizeof(name), thread, sp->prom, "_total");
		fam_help(help, sizeof(help), thread, sp->help);
		family(f, name, "counter", help);
		for (i = 0; i < n; i++) {
			const struct row *r = &rows[i];

			for (k = 0; k < NVMX_KIND_SLOTS; k++) {
				bool ok;
				uint64_t v = nvmx_metric_kind_count(c, r->v, m, k, &ok);

				if (!ok)
					continue;
				fprintf(f, "%s{", name);
				labels(f, r);
				fprintf(f, ",kind=\"%s\"} %llu\n", nvmx_page_kind_name(k),
					(unsigned long long)v);
			}
		}
	}
}

static void hist_labels(FILE *f, const struct row *r, const char *kind)
{
	labels(f, r);
	if (kind)
		fprintf(f, ",kind=\"%s\"", kind);
}

static void write_hist(FILE *f, const char *name, const struct row *r,
		       const char *kind, const uint64_t *counts, uint64_t sum_ns,
		       unsigned int k, unsigned int slots)
{
	uint64_t cum = 0, total = 0;
	unsigned int idx = 0, j;

	for (unsigned int i = 0; i < slots; i++)
		total += counts ? counts[i] : 0;
	for (j = NVMX_PROM_LE_MIN; j <= NVMX_PROM_LE_MAX; j++) {
		uint64_t le = (1ULL << j) - 1;

		while (idx < slots && nvmx_hist_upper(idx, k) <= le) {
			cum += counts ? counts[idx] : 0;
			idx++;
		}
		fprintf(f, "%s_bucket{", name);
		hist_labels(f, r, kind);
		fprintf(f, ",le=\"%.12g\"} %llu\n", (double)le * 1e-9,
			(unsigned long long)cum);
	}
	fprintf(f, "%s_bucket{", name);
	hist_labels(f, r, kind);
	fprintf(f, ",le=\"+Inf\"} %llu\n", (unsigned long long)total);
	fprintf(f, "%s_sum{", name);
	hist_labels(f, r, kind);
	fprintf(f, "} %.9f\n", (double)sum_ns * 1e-9);
	fprintf(f, "%s_count{", name);
	hist_labels(f, r, kind);
	fprintf(f, "} %llu\n", (unsigned long long)total);
}

/*
 * Family of histogram h: its catalogue name, or, for a page-kind split,
 * the kind="<kind>" series (*kind) of the split family of the histogram
 * it splits.  false when the core does not measure it here.
 */
static bool hist_family(const struct nvmx_core *c, int h, bool thread,
			char *name, size_t nlen, char *help, size_t hlen,
			const char **kind)
{
	const struct nvmx_hist_def *b;
	int k;

	*kind = NULL;
	if (!nvmx_hist_available(c, h))
		return false;
	b = nvmx_hist_def(nvmx_hist_split(h, &k));
	if (k >= 0) {
		*kind = nvmx_page_kind_name(k);
		fam_name(name, nlen, thread, b->kind_prom, "");
		fam_help(help, hlen, thread, b->kind_prom_help);
	} else {
		fam_name(name, nlen, thread, b->prom, "");
		fam_help(help, hlen, thread, b->prom_help);
	}
	return true;
}

static void write_hists(FILE *f, const struct nvmx_core *c,
			const struct nvmx_snapshot *s, const struct row *rows,
			size_t n, bool thread)
{
	char name[128], help[400], last[128] = "";
	const char *kind;
	size_t i;
	int h;

	for (h = 0; h < NVMX_H_NR; h++) {
		if (!hist_family(c, h, thread, name, sizeof(name), help, sizeof(help),
				 &kind))
			continue;
		/* the kinds of one family are consecutive histograms */
		if (strcmp(name, last))
			family(f, name, "histogram", help);
		snprintf(last, sizeof(last), "%s", name);
		for (i = 0; i < n; i++)
			write_hist(f, name, &rows[i], kind, rows[i].v->hist[h],
				   rows[i].v->hsum[h], s->hist_k, s->hist_slots);
	}
}

/* tid -> vCPU id and thread name (join on pid, tid). */
static void write_vcpu_info(FILE *f, const struct row *rows, size_t n)
{
	size_t i;

	family(f, "nvmx_gpc_vcpu_info", "gauge",
	       "Threads of a VM seen by the probes: thread name and KVM vCPU id (empty until a hook reveals it).");
	for (i = 0; i < n; i++) {
		const struct row *r = &rows[i];

		fputs("nvmx_gpc_vcpu_info{", f);
		labels(f, r);
		fputs(",thread=\"", f);
		nvmx_prom_label_value(f, r->v->comm);
		if (r->v->vcpu_id >= 0)
			fprintf(f, "\",vcpu=\"%d\"} 1\n", r->v->vcpu_id);
		else
			fputs("\",vcpu=\"\"} 1\n", f);
	}
}

/* pid -> guest name (QEMU -name; empty when none), join on pid */
static void write_vm_info(FILE *f, const struct row *rows, size_t n)
{
	size_t i;

	family(f, "nvmx_gpc_vm_info", "gauge",
	       "VMs seen by the probes: guest name (QEMU -name, the libvirt domain; empty when none).");
	for (i = 0; i < n; i++) {
		fputs("nvmx_gpc_vm_info{", f);
		labels(f, &rows[i]);
		fputs(",guest=\"", f);
		nvmx_prom_label_value(f, rows[i].vm->name);
		fputs("\"} 1\n", f);
	}
}

static void write_info(FILE *f, const struct nvmx_core *c)
{
	const struct nvmx_meta *meta = nvmx_core_meta(c);
	const struct nvmx_hook_info *hooks = nvmx_core_hooks(c);
	int h;

	family(f, "nvmx_gpc_kernel_info", "gauge",
	       "Kernel seen by the exporter; series=1 when the nvmx-gpc tracepoints are present.");
	fputs("nvmx_gpc_kernel_info{release=\"", f);
	nvmx_prom_label_value(f, meta->release);
	fputs("\",vendor=\"", f);
	nvmx_prom_label_value(f, meta->vendor);
	fprintf(f, "\",series=\"%d\",tp_abi=\"%u\"} 1\n", meta->series ? 1 : 0,
		meta->tp_abi);
	family(f, "nvmx_gpc_hook_attached", "gauge",
	       "1 if the hook is attached (method = attach variant used), 0 if unavailable on this kernel.");
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		fputs("nvmx_gpc_hook_attached{hook=\"", f);
		nvmx_prom_label_value(f, hooks[h].name);
		fputs("\",method=\"", f);
		nvmx_prom_label_value(f, hooks[h].attached ?
				      nvmx_attach_name(hooks[h].method) : "none");
		fprintf(f, "\"} %d\n", hooks[h].attached ? 1 : 0);
	}
}

int nvmx_prom_write(FILE *f, const struct nvmx_core *c,
		    const struct nvmx_snapshot *s, bool per_vcpu)
{
	struct row *rows;
	size_t n;
	int t;

	if (c)
		write_info(f, c);
	for (t = 0; t <= (per_vcpu ? 1 : 0); t++) {
		rows = make_rows(s, t, &n);
		if (!rows)
			return -ENOMEM;
		write_metrics(f, c, rows, n, t, false);
		write_metrics(f, c, rows, n, t, true);
		write_kind_counters(f, c, rows, n, t);
		write_hists(f, c, s, rows, n, t);
		if (t)
			write_vcpu_info(f, rows, n);
		else
			write_vm_info(f, rows, n);
		free(rows);
	}
	if (fflush(f) || ferror(f))
		return errno ? -errno : -EIO;
	return 0;
}
