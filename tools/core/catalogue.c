// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * The catalogue of metrics (catalogue.h), histograms and page kinds: the
 * one place that names each number in each output.  Values and
 * availability are tools/core/metrics.c's.
 */
#include <string.h>
#include <strings.h>

#include "core_priv.h"

#define NVMX_U_RATE "/s"
#define NVMX_U_NS "ns"
#define NVMX_U_PCT "%"
#define NVMX_U_GAUGE ""
#define NVMX_CAT_TOP true
#define NVMX_CAT_NOTOP false

#define HK(h) (1u << NVMX_HOOK_##h)
#define R1(a) { .all = { (a) } }
#define R2(a, b) { .all = { (a), (b) } }
#define RT(a) { .all = { (a) }, .timed = { (a) } }
#define RS(a) { .all = { (a) }, .series = { (a) } }
#define RTOR(a, b) { .all = { (a), (b) }, .timed = { (a) } }
#define NOSPLIT { .kctr = -1 }
#define SPLIT(k, r, p, h, f) { .kctr = NVMX_K_##k, .res = (r), .prom = (p), \
			       .help = (h), .from = NVMX_KINDS_##f }

#define NVMX_METRIC(id_, name_, unit_, column_, top_, res_, prom_, better_,	\
		    src_, req_, split_, help_, desc_)				\
	[NVMX_M_##id_] = {							\
		.id = NVMX_M_##id_, .name = (name_), .column = (column_),	\
		.unit = NVMX_U_##unit_, .help = (help_), .top = NVMX_CAT_##top_, \
		.res = (res_), .res_desc = (desc_), .prom = (prom_),		\
		.better = NVMX_DIR_##better_, .req = req_, .split = split_,	\
	},
static const struct nvmx_metric_def defs[NVMX_M_NR] = {
#include "catalogue.h"
};
#undef NVMX_METRIC

#define CTR(c) { NVMX_SRC_CTR, NVMX_C_##c, 0 }
#define DIFF(a, b) { NVMX_SRC_DIFF, NVMX_C_##a, NVMX_C_##b }
#define KSUM(k) { NVMX_SRC_KSUM, NVMX_K_##k, 0 }
#define PCTL(h, q) { NVMX_SRC_PCTL, NVMX_H_##h, (q) }
#define SAVED_RATIO() { NVMX_SRC_SAVED, 0, 0 }

#define NVMX_METRIC(id_, name_, unit_, column_, top_, res_, prom_, better_,	\
		    src_, ...)							\
	[NVMX_M_##id_] = src_,
static const struct nvmx_src srcs[NVMX_M_NR] = {
#include "catalogue.h"
};
#undef NVMX_METRIC

const struct nvmx_metric_def *nvmx_metric_def(enum nvmx_metric m)
{
	if ((unsigned int)m >= NVMX_M_NR)
		return NULL;
	return &defs[m];
}

const struct nvmx_src *nvmx_metric_src(enum nvmx_metric m)
{
	return (unsigned int)m < NVMX_M_NR ? &srcs[m] : NULL;
}

#define NVMX_PROM_LABEL(id_, label_, value_, help_)				\
	[NVMX_M_##id_] = { .label = (label_), .value = (value_), .help = (help_) },
static const struct nvmx_prom_label plabels[NVMX_M_NR] = {
#include "catalogue.h"
};
#undef NVMX_PROM_LABEL

const struct nvmx_prom_label *nvmx_metric_prom_label(enum nvmx_metric m)
{
	return (unsigned int)m < NVMX_M_NR && plabels[m].label ? &plabels[m] : NULL;
}

int nvmx_metric_by_name(const char *name)
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++)
		if (!strcmp(defs[m].name, name) ||
		    (defs[m].column && !strcasecmp(defs[m].column, name)))
			return m;
	return -1;
}

bool nvmx_metric_is_count(enum nvmx_metric m)
{
	return (unsigned int)m < NVMX_M_NR && !strcmp(defs[m].unit, NVMX_U_RATE);
}

bool nvmx_metric_is_gauge(enum nvmx_metric m)
{
	return (unsigned int)m < NVMX_M_NR && !strcmp(defs[m].unit, NVMX_U_GAUGE);
}

/* Default columns of the text views (issue order). */
const enum nvmx_metric nvmx_default_columns[] = {
	NVMX_M_L2_ENTRIES, NVMX_M_L2_EXITS, NVMX_M_MAPS, NVMX_M_UNMAPS,
	NVMX_M_GPC_HITS, NVMX_M_GPC_REFRESHES, NVMX_M_GPC_INVALIDATIONS,
	NVMX_M_RELOADS, NVMX_M_SAVED_PCT, NVMX_M_VMCS12_P50, NVMX_M_VMCS12_P99,
	NVMX_M_L1_EXITS, NVMX_M_PIO, NVMX_M_USER_EXITS, NVMX_M_KVM_RUN_P50,
	NVMX_M_KVM_RUN_P99, NVMX_M_PVCLOCK, NVMX_M_HVA_UNMAPS, NVMX_M_NR,
};

/* Columns after those, shown where their metric is available. */
const enum nvmx_metric nvmx_context_columns[] = {
	NVMX_M_CTX_LIVE, NVMX_M_CTX_REUSE, NVMX_M_CTX_FILL, NVMX_M_CTX_RECYCLE,
	NVMX_M_CTX_EVICT, NVMX_M_NR,
};

const enum nvmx_metric nvmx_cause_columns[] = {
	NVMX_M_GPC_STALE_MEMSLOT, NVMX_M_GPC_KICKS, NVMX_M_NR,
};

size_t nvmx_view_columns(const struct nvmx_core *c, enum nvmx_metric *cols)
{
	static const enum nvmx_metric *const optional[] = {
		nvmx_context_columns, nvmx_cause_columns,
	};
	const enum nvmx_metric *col;
	size_t i, n = 0;

	for (col = nvmx_default_columns; *col != NVMX_M_NR; col++)
		cols[n++] = *col;
	for (i = 0; i < sizeof(optional) / sizeof(optional[0]); i++)
		for (col = optional[i]; *col != NVMX_M_NR; col++)
			if (nvmx_metric_available(c, *col, NULL))
				cols[n++] = *col;
	return n;
}

/* The counters of a results file, in file order. */
const enum nvmx_metric nvmx_results_counters[] = {
	NVMX_M_EXITS, NVMX_M_ENTRIES, NVMX_M_L2_ENTRIES, NVMX_M_L2_EXITS,
	NVMX_M_L2_EXITS_TO_L1, NVMX_M_PIO, NVMX_M_USER_EXITS, NVMX_M_KVM_RUNS,
	NVMX_M_PVCLOCK, NVMX_M_HVA_UNMAPS, NVMX_M_VMCS12_CALLS, NVMX_M_RELOADS,
	NVMX_M_GPC_ACTIVATIONS, NVMX_M_GPC_REFRESHES, NVMX_M_GPC_ERRORS,
	NVMX_M_GPC_INVALIDATIONS, NVMX_M_MAPS, NVMX_M_UNMAPS, NVMX_M_GPC_HITS,
	NVMX_M_NESTED_GPC_REFRESHES, NVMX_M_NESTED_GPC_ACTIVATIONS,
	NVMX_M_VCPU_MAPS, NVMX_M_VCPU_UNMAPS, NVMX_M_SAVED_PCT,
	NVMX_M_CTX_REUSE, NVMX_M_CTX_FILL, NVMX_M_CTX_RECYCLE, NVMX_M_CTX_EVICT,
	NVMX_M_CTX_LIVE, NVMX_M_GPC_STALE_INVALID, NVMX_M_GPC_STALE_MEMSLOT,
	NVMX_M_GPC_STALE_RETARGET, NVMX_M_GPC_STALE_VALID, NVMX_M_GPC_KICKS,
	NVMX_M_GPC_KICK_EVENTS, NVMX_M_NR,
};

int nvmx_kctr_metric(enum nvmx_kctr kc)
{
	int m;

	for (m = 0; m < NVMX_M_NR; m++)
		if (defs[m].split.kctr == (int)kc)
			return m;
	return -1;
}

/* ---- histograms --------------------------------------------------- */

#define NVMX_HIST(h, name_, avail_, res_, desc_, prom_, phelp_, kprom_, kphelp_) \
	[NVMX_H_##h] = { .id = NVMX_H_##h, .name = (name_),			\
			 .base = NVMX_H_##h, .kind = -1,			\
			 .avail = NVMX_M_##avail_, .res = (res_),		\
			 .res_desc = (desc_), .prom = (prom_),			\
			 .prom_help = (phelp_), .kind_prom = (kprom_),		\
			 .kind_prom_help = (kphelp_) },
#define NVMX_HIST_KIND(b, k, name_, avail_)					\
	[NVMX_H_##b##_KIND(NVMX_PAGE_##k)] = {					\
		.id = NVMX_H_##b##_KIND(NVMX_PAGE_##k), .name = (name_),	\
		.base = NVMX_H_##b, .kind = NVMX_PAGE_##k,			\
		.avail = NVMX_M_##avail_ },
static const struct nvmx_hist_def hdefs[NVMX_H_NR] = {
#include "catalogue.h"
};
#undef NVMX_HIST
#undef NVMX_HIST_KIND

const struct nvmx_hist_def *nvmx_hist_def(enum nvmx_hist h)
{
	return (unsigned int)h < NVMX_H_NR ? &hdefs[h] : NULL;
}

const char *nvmx_hist_name(enum nvmx_hist h)
{
	return (unsigned int)h < NVMX_H_NR ? hdefs[h].name : "?";
}

enum nvmx_hist nvmx_hist_split(enum nvmx_hist h, int *kind)
{
	if ((unsigned int)h >= NVMX_H_NR) {
		*kind = -1;
		return h;
	}
	*kind = hdefs[h].kind;
	return hdefs[h].base;
}

/* The words of docs/tracepoints.md, results files and the exporter. */
static const char *const kind_names[NVMX_KIND_SLOTS] = {
	[NVMX_PAGE_MSR_BITMAP] = "msr_bitmap", [NVMX_PAGE_APIC_ACCESS] = "apic_access",
	[NVMX_PAGE_VIRTUAL_APIC] = "virtual_apic", [NVMX_PAGE_PI_DESC] = "pi_desc",
	[NVMX_PAGE_EVMCS] = "evmcs", [NVMX_PAGE_UNKNOWN] = "unknown",
};

const char *nvmx_page_kind_name(unsigned int kind)
{
	return kind < NVMX_PAGE_UNKNOWN ? kind_names[kind] : kind_names[NVMX_PAGE_UNKNOWN];
}
