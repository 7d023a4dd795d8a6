// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Prometheus text exposition of nvmx-gpc snapshots.
 *
 * Every series is per VM (label pid = the VMM process, comm = its name),
 * cumulative since the exporter attached, so Prometheus' rate() and
 * increase() work on them.  Histograms keep their exact counts: every
 * le bound is the inclusive upper end of a log2 major bucket, so no slot
 * straddles a bound.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "prom.h"

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
};

/*
 * Metrics that are the same number as another one under a second name
 * (saved = gpc hits): not exported twice.
 */
static bool is_alias(enum nvmx_metric m)
{
	return m == NVMX_M_SAVED;
}

/* Per page kind counters: name, help, the metric whose availability
 * they share. */
static const struct {
	const char *name, *help;
	enum nvmx_metric avail;
} kctr_defs[NVMX_KCTR_NR] = {
	[NVMX_K_MAPS] = { "page_maps", "Nested kvm_vcpu_map calls, by page kind.",
			  NVMX_M_MAPS },
	[NVMX_K_UNMAPS] = { "page_unmaps", "Nested kvm_vcpu_unmap calls, by page kind.",
			    NVMX_M_UNMAPS },
	[NVMX_K_HITS] = { "page_gpc_hits",
			  "Nested pfncache uses served by a valid cache (map/unmap pairs saved), by page kind.",
			  NVMX_M_GPC_HITS },
	[NVMX_K_REFRESH] = { "page_gpc_refreshes",
			     "Nested pfncache uses that refreshed an invalid cache, by page kind.",
			     NVMX_M_GPC_HITS },
	[NVMX_K_ACTIVATE] = { "page_gpc_activations",
			      "Nested pfncache uses that (re)activated the cache, by page kind.",
			      NVMX_M_GPC_HITS },
	[NVMX_K_ERRORS] = { "page_errors",
			    "Nested pfncache uses whose activation failed and failed nested kvm_vcpu_map calls, by page kind.",
			    NVMX_M_GPC_HITS /* or NVMX_M_MAPS: see kctr_available() */ },
	[NVMX_K_RELOADS] = { "page_reloads",
			     "Nested pages found invalid before VM-entry (state reloads), by page kind.",
			     NVMX_M_RELOADS },
};

static const char *const kind_names[NVMX_KIND_SLOTS] = {
	[NVMX_PAGE_MSR_BITMAP] = "msr_bitmap",
	[NVMX_PAGE_APIC_ACCESS] = "apic_access",
	[NVMX_PAGE_VIRTUAL_APIC] = "virtual_apic",
	[NVMX_PAGE_PI_DESC] = "pi_desc",
	[NVMX_PAGE_UNKNOWN] = "unknown",
};

/* Histograms: name, help, the metric whose availability they share. */
static const struct {
	const char *name, *help;
	enum nvmx_metric avail;
} hist_defs[NVMX_H_NR] = {
	[NVMX_H_KVM_RUN] = { "kvm_run_duration_seconds",
			     "KVM_RUN duration: kvm_fpu load to kvm_userspace_exit.",
			     NVMX_M_KVM_RUN_P50 },
	[NVMX_H_VMCS12_PAGES] = { "vmcs12_pages_duration_seconds",
				  "nested_get_vmcs12_pages duration.",
				  NVMX_M_VMCS12_P50 },
	[NVMX_H_MAP] = { "nested_map_duration_seconds",
			 "Nested kvm_vcpu_map duration.", NVMX_M_MAP_P50 },
	[NVMX_H_GPC_REFRESH] = { "gpc_refresh_duration_seconds",
				 "kvm_gpc_refresh/kvm_gpc_activate duration.",
				 NVMX_M_GPC_REFRESH_P50 },
	[NVMX_H_L2_ROUNDTRIP] = { "l2_roundtrip_seconds",
				  "L2 exit reflected to L1 to the next L2 entry.",
				  NVMX_M_L2_RT_P50 },
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

static void vm_labels(FILE *f, const struct nvmx_vm_snap *vm)
{
	fprintf(f, "pid=\"%u\",comm=\"", vm->tgid);
	nvmx_prom_label_value(f, vm->comm);
	fputc('"', f);
}

static bool available(const struct nvmx_core *c, enum nvmx_metric m)
{
	return nvmx_metric_available(c, m, NULL);
}

static void write_counters(FILE *f, const struct nvmx_core *c,
			   const struct nvmx_snapshot *s)
{
	char name[96], help[320];
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		const struct nvmx_metric_def *d = nvmx_metric_def(m);

		if (!nvmx_prom_counter_name(m, name, sizeof(name)) ||
		    !available(c, m))
			continue;
		snprintf(help, sizeof(help), "%s.", d->help);
		if (help[0] >= 'a' && help[0] <= 'z')
			help[0] = (char)(help[0] - 'a' + 'A');
		family(f, name, "counter", help);
		for (size_t i = 0; i < s->nr_vms; i++) {
			const struct nvmx_vm_snap *vm = &s->vms[i];
			bool ok;
			uint64_t v = nvmx_metric_count(c, &vm->total, m, &ok);

			if (!ok)
				continue;
			fprintf(f, "%s{", name);
			vm_labels(f, vm);
			fprintf(f, "} %llu\n", (unsigned long long)v);
		}
	}
}

static bool kctr_available(const struct nvmx_core *c, int kc)
{
	if (kc == NVMX_K_ERRORS)
		return available(c, NVMX_M_GPC_HITS) || available(c, NVMX_M_MAPS);
	return available(c, kctr_defs[kc].avail);
}

static void write_kind_counters(FILE *f, const struct nvmx_core *c,
				const struct nvmx_snapshot *s)
{
	char name[96];
	int kc, k;

	for (kc = 0; kc < NVMX_KCTR_NR; kc++) {
		if (!kctr_defs[kc].name || !kctr_available(c, kc))
			continue;
		snprintf(name, sizeof(name), "nvmx_gpc_%s_total", kctr_defs[kc].name);
		family(f, name, "counter", kctr_defs[kc].help);
		for (size_t i = 0; i < s->nr_vms; i++) {
			const struct nvmx_vm_snap *vm = &s->vms[i];

			for (k = 0; k < NVMX_KIND_SLOTS; k++) {
				fprintf(f, "%s{", name);
				vm_labels(f, vm);
				fprintf(f, ",kind=\"%s\"} %llu\n", kind_names[k],
					(unsigned long long)vm->total.kctr[k][kc]);
			}
		}
	}
}

static void write_hist(FILE *f, const char *name, const struct nvmx_vm_snap *vm,
		       const uint64_t *counts, uint64_t sum_ns,
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
		vm_labels(f, vm);
		fprintf(f, ",le=\"%.12g\"} %llu\n", (double)le * 1e-9,
			(unsigned long long)cum);
	}
	fprintf(f, "%s_bucket{", name);
	vm_labels(f, vm);
	fprintf(f, ",le=\"+Inf\"} %llu\n", (unsigned long long)total);
	fprintf(f, "%s_sum{", name);
	vm_labels(f, vm);
	fprintf(f, "} %.9f\n", (double)sum_ns * 1e-9);
	fprintf(f, "%s_count{", name);
	vm_labels(f, vm);
	fprintf(f, "} %llu\n", (unsigned long long)total);
}

static void write_hists(FILE *f, const struct nvmx_core *c,
			const struct nvmx_snapshot *s)
{
	char name[96];
	int h;

	for (h = 0; h < NVMX_H_NR; h++) {
		if (!hist_defs[h].name || !available(c, hist_defs[h].avail))
			continue;
		snprintf(name, sizeof(name), "nvmx_gpc_%s", hist_defs[h].name);
		family(f, name, "histogram", hist_defs[h].help);
		for (size_t i = 0; i < s->nr_vms; i++)
			write_hist(f, name, &s->vms[i], s->vms[i].total.hist[h],
				   s->vms[i].total.hsum[h], s->hist_k,
				   s->hist_slots);
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
		    const struct nvmx_snapshot *s)
{
	if (c)
		write_info(f, c);
	write_counters(f, c, s);
	write_kind_counters(f, c, s);
	write_hists(f, c, s);
	if (fflush(f) || ferror(f))
		return errno ? -errno : -EIO;
	return 0;
}
