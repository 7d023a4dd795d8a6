// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Prometheus text exposition of nvmx-gpc snapshots.
 *
 * Every family is per VM (label pid = the VMM process, comm = its name)
 * and, under the name nvmx_gpc_vcpu_..., per thread of the VM (label tid
 * added; nvmx_gpc_vcpu_info maps tid to the vCPU id), cumulative since
 * the exporter attached, so Prometheus' rate() and increase() work on
 * them (the exit-reason families are per VM only).  Histograms keep
 * their exact counts: every le bound is the inclusive upper end of a log2
 * major bucket, so no slot straddles a bound.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "prom.h"

/*
 * Names and HELP come from the catalogue (tools/core/catalogue.h): a
 * counting metric with an exporter name is nvmx_gpc_<prom>_total (or,
 * when the catalogue gives it a label, nvmx_metric_prom_label(), one
 * series of that family), its page-kind split
 * nvmx_gpc_<split.prom>_total{kind=...}; a histogram is
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
 * gauges (nvmx_gpc_<prom>, from the cumulative rows: the state now).  A
 * counter of a labelled family (nvmx_metric_prom_label()) is its
 * label="value" series; the family's members are consecutive metrics,
 * under one HELP and TYPE.
 */
static void write_metrics(FILE *f, const struct nvmx_core *c,
			  const struct row *rows, size_t n, bool thread, bool gauges)
{
	char name[128], fhelp[400], last[128] = "";
	const struct nvmx_prom_label *pl;
	size_t i;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		if (!(gauges ? nvmx_metric_is_gauge(m) : nvmx_metric_is_count(m)) ||
		    !d->prom || !available(c, m))
			continue;
		pl = gauges ? NULL : nvmx_metric_prom_label(m);
		fam_name(name, sizeof(name), thread, d->prom, gauges ? "" : "_total");
		if (pl)
			fam_help(fhelp, sizeof(fhelp), thread, pl->help);
		else
			metric_help(fhelp, sizeof(fhelp), m, thread);
		if (!pl || strcmp(name, last))
			family(f, name, gauges ? "gauge" : "counter", fhelp);
		snprintf(last, sizeof(last), "%s", pl ? name : "");
		for (i = 0; i < n; i++) {
			const struct row *r = &rows[i];
			bool ok;
			uint64_t v = nvmx_metric_count(c, r->v, m, &ok);

			if (!ok)
				continue;
			fprintf(f, "%s{", name);
			labels(f, r);
			if (pl)
				fprintf(f, ",%s=\"%s\"", pl->label, pl->value);
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
 * --sample N: a histogram's HELP says that it holds 1 in N of the pairs
 * (the probes time 1 in N of each kind per thread; every count is exact)
 */
static void sampled_help(char *help, size_t len, const struct nvmx_core *c)
{
	unsigned int n = c ? nvmx_core_meta(c)->sample_n : 1;
	size_t l = strlen(help);

	if (n > 1 && l < len)
		snprintf(help + l, len - l,
			 " Sampled: 1 in %u timed (--sample), so _count and the buckets count the samples; the counters stay exact.",
			 n);
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
	sampled_help(help, hlen, c);
	return true;
}

static void write_hists(FILE *f, const struct nvmx_core *c,
			const struct nvmx_snapshot *s, const struct row *rows,
			size_t n, bool thread)
{
	char name[128], help[600], last[128] = "";
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

/*
 * Exit reasons, per VM only (not per thread: the label set is already
 * the widest of the exporter).  A series is one (isa, reason, path):
 * reason is KVM's name of the code (nvmx_reason_name()), "other" for
 * every code the tables do not name, summed, and "unknown" for exits
 * whose code the probes could not read (~0), so a VM has at most
 * (named codes of its ISA + 2) x NVMX_RP_NR series per family.
 */
struct rsum {
	uint32_t isa;
	const char *reason;
	uint64_t n[NVMX_RP_NR];				/* nvmx_reason_count() */
	uint64_t lat_sum[NVMX_RP_NR];			/* ns */
	uint64_t lat[NVMX_RP_NR][NVMX_RLAT_SLOTS];	/* log2(ns) slots */
};

/* The reasons of one VM, summed by (isa, reason label) */
struct rsums {
	struct rsum *s;
	size_t n;
};

static const char *reason_label(const struct nvmx_reason_snap *r)
{
	const char *name = nvmx_reason_name(r->isa, r->code);

	if (name)
		return name;
	return r->code == ~0U ? "unknown" : "other";
}

static void rsum_add(struct rsum *s, const struct nvmx_reason_snap *r)
{
	unsigned int i;
	int p;

	for (p = 0; p < NVMX_RP_NR; p++) {
		s->n[p] += nvmx_reason_count(r, p);
		s->lat_sum[p] += r->v.lat_sum[p];
		for (i = 0; i < NVMX_RLAT_SLOTS; i++)
			s->lat[p][i] += r->v.lat[p][i];
	}
}

static int rsum_cmp(const void *a, const void *b)
{
	const struct rsum *x = a, *y = b;

	if (x->isa != y->isa)
		return x->isa < y->isa ? -1 : 1;
	return strcmp(x->reason, y->reason);
}

/* v's reasons summed by (isa, label), sorted by isa and label */
static int rsums_make(struct rsums *out, const struct nvmx_vcpu_snap *v)
{
	size_t i, j;

	out->n = 0;
	out->s = calloc(v->nr_reasons ?: 1, sizeof(*out->s));
	if (!out->s)
		return -ENOMEM;
	for (i = 0; i < v->nr_reasons; i++) {
		const struct nvmx_reason_snap *r = &v->reasons[i];
		const char *label = reason_label(r);

		for (j = 0; j < out->n; j++)
			if (out->s[j].isa == r->isa && !strcmp(out->s[j].reason, label))
				break;
		if (j == out->n) {
			out->s[j].isa = r->isa;
			out->s[j].reason = label;
			out->n++;
		}
		rsum_add(&out->s[j], r);
	}
	qsort(out->s, out->n, sizeof(*out->s), rsum_cmp);
	return 0;
}

static void rsums_free(struct rsums *rs, size_t n)
{
	size_t i;

	for (i = 0; rs && i < n; i++)
		free(rs[i].s);
	free(rs);
}

static void reason_labels(FILE *f, const struct row *r, const struct rsum *s,
			  int path)
{
	labels(f, r);
	fprintf(f, ",isa=\"%s\",reason=\"", nvmx_isa_name(s->isa));
	nvmx_prom_label_value(f, s->reason);
	fprintf(f, "\",path=\"%s\"", nvmx_rpath_name(path));
}

#define EXITS_FAMILY "nvmx_gpc_exits_total"
#define EXIT_LAT_FAMILY "nvmx_gpc_exit_latency_seconds"

/* The exits of every (isa, reason, path) with a count, per VM */
static void write_reason_counts(FILE *f, const struct row *rows,
				const struct rsums *rs, size_t n)
{
	size_t i, j;
	int p;

	family(f, EXITS_FAMILY, "counter",
	       "VM-exits by exit reason (KVM's name of the code; other: codes without one, summed; unknown: code not read) and path: l1 = exits of L1, l2_l0 = exits of L2 handled in L0, l2_l1 = exits of L2 reflected to L1, synth = exits into L1 synthesized by L0.");
	for (i = 0; i < n; i++) {
		for (j = 0; j < rs[i].n; j++) {
			for (p = 0; p < NVMX_RP_NR; p++) {
				if (!rs[i].s[j].n[p])
					continue;
				fputs(EXITS_FAMILY "{", f);
				reason_labels(f, &rows[i], &rs[i].s[j], p);
				fprintf(f, "} %llu\n", (unsigned long long)rs[i].s[j].n[p]);
			}
		}
	}
}

/*
 * One latency histogram.  Slot i of the probes counts [2^i, 2^(i+1)) ns,
 * i.e. the integers up to 2^(i+1) - 1 ns: that is its le, inclusive and
 * exact.  Every series has the same buckets, those of the other
 * histogram families that the slots have: (2^j - 1) ns for j in
 * [NVMX_PROM_LE_MIN, NVMX_RLAT_SLOTS - 1], 127 ns .. 2.1 s (sum by (le)
 * needs one set); the last slot (2^31 ns and more) is only in +Inf.
 */
static void write_reason_hist(FILE *f, const struct row *r, const struct rsum *s,
			      int p)
{
	uint64_t cum = 0, total = 0;
	unsigned int i;

	for (i = 0; i < NVMX_RLAT_SLOTS; i++)
		total += s->lat[p][i];
	if (!total)
		return;
	for (i = 0; i < NVMX_RLAT_SLOTS - 1; i++) {
		cum += s->lat[p][i];
		if (i + 1 < NVMX_PROM_LE_MIN)
			continue;
		fputs(EXIT_LAT_FAMILY "_bucket{", f);
		reason_labels(f, r, s, p);
		fprintf(f, ",le=\"%.12g\"} %llu\n", (double)((2ULL << i) - 1) * 1e-9,
			(unsigned long long)cum);
	}
	fputs(EXIT_LAT_FAMILY "_bucket{", f);
	reason_labels(f, r, s, p);
	fprintf(f, ",le=\"+Inf\"} %llu\n", (unsigned long long)total);
	fputs(EXIT_LAT_FAMILY "_sum{", f);
	reason_labels(f, r, s, p);
	fprintf(f, "} %.9f\n", (double)s->lat_sum[p] * 1e-9);
	fputs(EXIT_LAT_FAMILY "_count{", f);
	reason_labels(f, r, s, p);
	fprintf(f, "} %llu\n", (unsigned long long)total);
}

static void write_reason_hists(FILE *f, const struct nvmx_core *c,
			       const struct row *rows, const struct rsums *rs, size_t n)
{
	char help[512] = "Latency of VM-exits by exit reason and path: l1 and l2_l0 exit to the next entry, l2_l1 exit of L2 to its next entry (the round trip through L1), synth injection to the next L2 entry.";
	size_t i, j;
	int p;

	sampled_help(help, sizeof(help), c);
	family(f, EXIT_LAT_FAMILY, "histogram", help);
	for (i = 0; i < n; i++)
		for (j = 0; j < rs[i].n; j++)
			for (p = 0; p < NVMX_RP_NR; p++)
				write_reason_hist(f, &rows[i], &rs[i].s[j], p);
}

/*
 * The exit-reason families of the per-VM rows, when the core reads the
 * reasons (c == NULL: as if it did); no latency counting only.
 */
static int write_reasons(FILE *f, const struct nvmx_core *c,
			 const struct row *rows, size_t n)
{
	const struct nvmx_meta *meta = c ? nvmx_core_meta(c) : NULL;
	struct rsums *rs;
	size_t i;
	int err = 0;

	if (meta && !meta->reasons)
		return 0;
	rs = calloc(n ?: 1, sizeof(*rs));
	if (!rs)
		return -ENOMEM;
	for (i = 0; i < n && !err; i++)
		err = rsums_make(&rs[i], rows[i].v);
	if (!err) {
		write_reason_counts(f, rows, rs, n);
		if (!meta || !meta->counts_only)
			write_reason_hists(f, c, rows, rs, n);
	}
	rsums_free(rs, n);
	return err;
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
	if (!meta->counts_only) {
		family(f, "nvmx_gpc_latency_sample_n", "gauge",
		       "Latency pairs are timed 1 in this many per thread and kind (--sample N; 1: every one): the histograms hold the samples, the counters are exact.");
		fprintf(f, "nvmx_gpc_latency_sample_n %u\n", meta->sample_n > 1 ? meta->sample_n : 1);
	}
	if (meta->reasons) {
		family(f, "nvmx_gpc_exit_reasons_dropped_total", "counter",
		       "Exit-reason events not counted since attach: the reasons map was full; the exit-reason series are exact while 0.");
		fprintf(f, "nvmx_gpc_exit_reasons_dropped_total %llu\n",
			(unsigned long long)nvmx_core_reasons_dropped(c));
	}
}

/* ---- outliers (--than) --------------------------------------------- */

/* Index of tgid in t, or where it would go (*found) */
static size_t outl_find(const struct nvmx_prom_outliers *t, uint32_t tgid, bool *found)
{
	size_t lo = 0, hi = t->nvm;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (t->vm[mid].tgid < tgid)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < t->nvm && t->vm[lo].tgid == tgid;
	return lo;
}

int nvmx_prom_outlier_count(const struct nvmx_outlier *o, void *arg)
{
	struct nvmx_prom_outliers *t = arg;
	bool found;
	size_t i;

	if (o->kind >= NVMX_OUT_NR)
		return 0;
	i = outl_find(t, o->tgid, &found);
	if (!found) {
		if (t->nvm == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 16;
			struct nvmx_prom_outl *v = realloc(t->vm, cap * sizeof(*v));

			if (!v)
				return -ENOMEM;
			t->vm = v;
			t->cap = cap;
		}
		memmove(&t->vm[i + 1], &t->vm[i], (t->nvm - i) * sizeof(*t->vm));
		memset(&t->vm[i], 0, sizeof(*t->vm));
		t->vm[i].tgid = o->tgid;
		t->nvm++;
	}
	t->vm[i].n[o->kind]++;
	return 0;
}

void nvmx_prom_outliers_prune(struct nvmx_prom_outliers *t,
			      const struct nvmx_snapshot *s)
{
	size_t i, k = 0;

	for (i = 0; i < t->nvm; i++)
		if (nvmx_snapshot_vm(s, t->vm[i].tgid))
			t->vm[k++] = t->vm[i];
	t->nvm = k;
}

void nvmx_prom_outliers_free(struct nvmx_prom_outliers *t)
{
	free(t->vm);
	memset(t, 0, sizeof(*t));
}

/* The latency an outlier kind is a measure of: its kind is there with it */
static const enum nvmx_hist outlier_hist[NVMX_OUT_NR] = {
	[NVMX_OUT_L2_ROUNDTRIP] = NVMX_H_L2_ROUNDTRIP,
	[NVMX_OUT_VMCS12_PAGES] = NVMX_H_VMCS12_PAGES,
};

int nvmx_prom_write_outliers(FILE *f, const struct nvmx_core *c,
			     const struct nvmx_snapshot *s,
			     const struct nvmx_prom_outliers *t)
{
	const struct nvmx_prom_outl *o;
	unsigned int k;
	bool found;
	size_t i;

	family(f, "nvmx_gpc_outliers_total", "counter",
	       "Nested round trips (l2_roundtrip) and nested_get_vmcs12_pages calls (vmcs12_pages) of at least --than microseconds, logged since attach.");
	for (i = 0; i < s->nr_vms; i++) {
		struct row r = { &s->vms[i], &s->vms[i].total, false };
		size_t j = outl_find(t, s->vms[i].tgid, &found);

		o = found ? &t->vm[j] : NULL;
		for (k = 0; k < NVMX_OUT_NR; k++) {
			if (!nvmx_hist_available(c, outlier_hist[k]))
				continue;
			fputs("nvmx_gpc_outliers_total{", f);
			labels(f, &r);
			fprintf(f, ",kind=\"%s\"} %llu\n", nvmx_outlier_kind_name(k),
				o ? (unsigned long long)o->n[k] : 0ULL);
		}
	}
	family(f, "nvmx_gpc_outliers_dropped_total", "counter",
	       "Outliers not logged since attach (over 100 per CPU and second, or the ring buffer was full), of every VM; logged + dropped is every outlier.");
	for (k = 0; k < NVMX_OUT_NR; k++)
		if (nvmx_hist_available(c, outlier_hist[k]))
			fprintf(f, "nvmx_gpc_outliers_dropped_total{kind=\"%s\"} %llu\n",
				nvmx_outlier_kind_name(k), (unsigned long long)t->dropped[k]);
	if (fflush(f) || ferror(f))
		return errno ? -errno : -EIO;
	return 0;
}

int nvmx_prom_write(FILE *f, const struct nvmx_core *c,
		    const struct nvmx_snapshot *s, bool per_vcpu)
{
	struct row *rows;
	size_t n;
	int t, err;

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
		err = t ? 0 : write_reasons(f, c, rows, n);
		if (t)
			write_vcpu_info(f, rows, n);
		else
			write_vm_info(f, rows, n);
		free(rows);
		if (err)
			return err;
	}
	if (fflush(f) || ferror(f))
		return errno ? -errno : -EIO;
	return 0;
}
