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
#include "../results/kinds.h"

/* Prometheus names of the counting metrics (without prefix/suffix). */
static const char *const counter_names[NVMX_M_NR] = {
	[NVMX_M_L1_EXITS] = "l1_exits",
	[NVMX_M_L2_ENTRIES] = "l2_entries",
	[NVMX_M_L2_EXITS] = "l2_exits",
	[NVMX_M_L2_EXITS_TO_L1] = "l2_exits_to_l1",
	[NVMX_M_MAPS] = "nested_maps",
	[NVMX_M_UNMAPS] = "nested_unmaps",
	[NVMX_M_GPC_HITS] = "gpc_hits",
	[NVMX_M_GPC_REFRESHES] = "gpc_refreshes",
	[NVMX_M_GPC_ACTIVATIONS] = "gpc_activations",
	[NVMX_M_GPC_INVALIDATIONS] = "gpc_invalidations",
	[NVMX_M_RELOADS] = "nested_state_reloads",
	[NVMX_M_PIO] = "pio_exits",
	[NVMX_M_USER_EXITS] = "userspace_exits",
	[NVMX_M_KVM_RUNS] = "kvm_runs",
	[NVMX_M_PVCLOCK] = "pvclock_updates",
	[NVMX_M_HVA_UNMAPS] = "hva_invalidations",
	[NVMX_M_VMCS12_CALLS] = "vmcs12_pages_calls",
	/* not "vcpu_maps": nvmx_gpc_vcpu_ names the per-thread families */
	[NVMX_M_VCPU_MAPS] = "kvm_vcpu_maps",
	[NVMX_M_VCPU_UNMAPS] = "kvm_vcpu_unmaps",
};

/*
 * Metrics that are the same number as another one under a second name
 * (saved = gpc hits): not exported twice.
 */
static bool is_alias(enum nvmx_metric m)
{
	return m == NVMX_M_SAVED;
}

/* Per page kind counters: name, help (availability: the core's
 * nvmx_kctr_available()). */
static const struct {
	const char *name, *help;
} kctr_defs[NVMX_KCTR_NR] = {
	[NVMX_K_MAPS] = { "page_maps", "Nested kvm_vcpu_map calls, by page kind." },
	[NVMX_K_UNMAPS] = { "page_unmaps", "Nested kvm_vcpu_unmap calls, by page kind." },
	[NVMX_K_HITS] = { "page_gpc_hits",
			  "Nested pfncache uses served by a valid cache (map/unmap pairs saved), by page kind." },
	[NVMX_K_REFRESH] = { "page_gpc_refreshes",
			     "Nested pfncache uses that refreshed an invalid cache, by page kind." },
	[NVMX_K_ACTIVATE] = { "page_gpc_activations",
			      "Nested pfncache uses that (re)activated the cache, by page kind." },
	[NVMX_K_ERRORS] = { "page_errors",
			    "Nested pfncache uses whose activation failed and failed nested kvm_vcpu_map calls, by page kind." },
	[NVMX_K_RELOADS] = { "page_reloads",
			     "Nested pages found invalid before VM-entry (state reloads), by page kind." },
};

/*
 * Exported names of the core's first histograms (kept stable); others
 * are named from nvmx_hist_name() (see hist_family()).
 */
static const struct {
	const char *name, *help;
} hist_defs[NVMX_H_NR] = {
	[NVMX_H_KVM_RUN] = { "kvm_run_duration_seconds",
			     "KVM_RUN duration: kvm_fpu load to kvm_userspace_exit." },
	[NVMX_H_VMCS12_PAGES] = { "vmcs12_pages_duration_seconds",
				  "nested_get_vmcs12_pages duration." },
	[NVMX_H_MAP] = { "nested_map_duration_seconds",
			 "Nested kvm_vcpu_map duration." },
	[NVMX_H_GPC_REFRESH] = { "gpc_refresh_duration_seconds",
				 "kvm_gpc_refresh/kvm_gpc_activate duration." },
	[NVMX_H_L2_ROUNDTRIP] = { "l2_roundtrip_seconds",
				  "L2 exit reflected to L1 to the next L2 entry." },
	[NVMX_H_UNMAP] = { "nested_unmap_duration_seconds",
			   "Nested kvm_vcpu_unmap duration (mapped pages)." },
};

const char *nvmx_prom_counter_name(enum nvmx_metric m, char *buf, size_t len)
{
	const struct nvmx_metric_def *d = nvmx_metric_def(m);
	const char *base;

	if (!d || !nvmx_metric_is_count(m) || is_alias(m))
		return NULL;
	base = counter_names[m] ? counter_names[m] : d->name;
	snprintf(buf, len, "nvmx_gpc_%s_total", base);
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

static void write_counters(FILE *f, const struct nvmx_core *c,
			   const struct row *rows, size_t n, bool thread)
{
	char name[128], base[96], help[320], fhelp[400];
	size_t i;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		if (!nvmx_prom_counter_name(m, base, sizeof(base)) ||
		    !available(c, m))
			continue;
		/* base is "nvmx_gpc_X_total": per thread "nvmx_gpc_vcpu_X_total" */
		base[strlen(base) - strlen("_total")] = '\0';
		fam_name(name, sizeof(name), thread, base + strlen("nvmx_gpc_"), "_total");
		snprintf(help, sizeof(help), "%s.", d->help);
		if (help[0] >= 'a' && help[0] <= 'z')
			help[0] = (char)(help[0] - 'a' + 'A');
		fam_help(fhelp, sizeof(fhelp), thread, help);
		family(f, name, "counter", fhelp);
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

static bool kctr_available(const struct nvmx_core *c, int kc)
{
	return nvmx_kctr_available(c, kc, -1);
}

static void write_kind_counters(FILE *f, const struct nvmx_core *c,
				const struct row *rows, size_t n, bool thread)
{
	char name[128], help[400];
	size_t i;
	int kc, k;

	for (kc = 0; kc < NVMX_KCTR_NR; kc++) {
		if (!kctr_defs[kc].name || !kctr_available(c, kc))
			continue;
		fam_name(name, sizeof(name), thread, kctr_defs[kc].name, "_total");
		fam_help(help, sizeof(help), thread, kctr_defs[kc].help);
		family(f, name, "counter", help);
		for (i = 0; i < n; i++) {
			const struct row *r = &rows[i];

			for (k = 0; k < NVMX_KIND_SLOTS; k++) {
				if (!nvmx_kctr_available(c, kc, k))
					continue;
				fprintf(f, "%s{", name);
				labels(f, r);
				fprintf(f, ",kind=\"%s\"} %llu\n", nvmx_res_kind_name(k),
					(unsigned long long)r->v->kctr[k][kc]);
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
 * Histograms are iterated over the core's enum and exported when the core
 * says they are measurable (nvmx_hist_available()), so one it adds later
 * needs no change here: it is named from nvmx_hist_name(h) =
 * "<base>", nvmx_gpc_<base>_duration_seconds, or, when the name is
 * "<base>_<page kind>", it is the kind="<page kind>" series of
 * nvmx_gpc_page_<base>_duration_seconds (like the page_* counters).
 * *kind is NULL for the others.
 */
static bool hist_family(const struct nvmx_core *c, int h, bool thread,
			char *name, size_t nlen, char *help, size_t hlen,
			const char **kind)
{
	char base[96], h0[200];
	const char *cn;
	size_t bl, kl;
	unsigned int k;

	*kind = NULL;
	if (!nvmx_hist_available(c, h))
		return false;
	if (hist_defs[h].name) {
		fam_name(name, nlen, thread, hist_defs[h].name, "");
		fam_help(help, hlen, thread, hist_defs[h].help);
		return true;
	}
	cn = nvmx_hist_name(h);
	if (!cn || cn[0] < 'a' || cn[0] > 'z' ||
	    strspn(cn, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(cn) ||
	    strlen(cn) >= sizeof(base) - 16)
		return false;	/* no usable name: not a valid metric name */
	snprintf(base, sizeof(base), "%s", cn);
	bl = strlen(base);
	for (k = 0; k < NVMX_PAGE_KINDS; k++) {
		kl = strlen(nvmx_res_kind_name(k));
		if (bl > kl + 1 && base[bl - kl - 1] == '_' &&
		    !strcmp(base + bl - kl, nvmx_res_kind_name(k))) {
			*kind = nvmx_res_kind_name(k);
			base[bl - kl - 1] = '\0';
			break;
		}
	}
	if (*kind) {
		snprintf(h0, sizeof(h0), "Nested %s duration by page kind (probe core histograms %s_<kind>).",
			 base, base);
		memmove(base + 5, base, strlen(base) + 1);
		memcpy(base, "page_", 5);
	} else {
		snprintf(h0, sizeof(h0), "Latency histogram '%s' of the probe core.", cn);
	}
	strcat(base, "_duration");
	fam_name(name, nlen, thread, base, "_seconds");
	fam_help(help, hlen, thread, h0);
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
		write_counters(f, c, rows, n, t);
		write_kind_counters(f, c, rows, n, t);
		write_hists(f, c, s, rows, n, t);
		if (t)
			write_vcpu_info(f, rows, n);
		free(rows);
	}
	if (fflush(f) || ferror(f))
		return errno ? -errno : -EIO;
	return 0;
}
