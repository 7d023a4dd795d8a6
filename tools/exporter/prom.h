/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Prometheus text exposition (format 0.0.4) of an nvmx-gpc snapshot.
 * Metric names, units and labels are documented in docs/exporter.md.
 */
#ifndef NVMX_PROM_H
#define NVMX_PROM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "nvmx_core.h"

#define NVMX_PROM_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

/*
 * Histogram bucket bounds: le = (2^j - 1) ns for j in [LE_MIN, LE_MAX],
 * which are upper bounds of histogram slots for every k, so the
 * cumulative counts are exact.  2^7 - 1 = 127 ns .. 2^36 - 1 ns = 68.7 s.
 */
#define NVMX_PROM_LE_MIN 7
#define NVMX_PROM_LE_MAX 36

/*
 * Write the exposition of snapshot s (cumulative counts since attach)
 * to f.  c gives the attach plan and metadata; with c == NULL every
 * metric counts as available and no info/hook metrics are written.
 * per_vcpu adds the nvmx_gpc_vcpu_* families (label tid) and
 * nvmx_gpc_vcpu_info.  The exit-reason families (nvmx_gpc_exits_total,
 * nvmx_gpc_exit_latency_seconds) are per VM, when c reads the reasons
 * (nvmx_meta.reasons).  Returns 0 or -errno (write error, no memory).
 */
int nvmx_prom_write(FILE *f, const struct nvmx_core *c,
		    const struct nvmx_snapshot *s, bool per_vcpu);

/*
 * --than: the outliers logged per VM and kind since attach, counted by
 * nvmx_prom_outlier_count() as the exporter drains the ring buffer
 * (nvmx_core_outliers()), and those the probes dropped, per kind only
 * (nvmx_core_outliers_dropped(): a dropped one has no record, so no VM).
 */
struct nvmx_prom_outl {
	uint32_t tgid;
	uint64_t n[NVMX_OUT_NR];
};
struct nvmx_prom_outliers {
	struct nvmx_prom_outl *vm;	/* sorted by tgid */
	size_t nvm, cap;
	uint64_t dropped[NVMX_OUT_NR];
};
/* An nvmx_outlier_fn: count o into arg, a struct nvmx_prom_outliers (-ENOMEM). */
int nvmx_prom_outlier_count(const struct nvmx_outlier *o, void *arg);
/*
 * Forget the VMs not in s (exited and no longer kept, or left out by -g
 * or --cgroup): the table holds at most the VMs exported, and between
 * two renders the VMs with a row in the probes' maps.
 */
void nvmx_prom_outliers_prune(struct nvmx_prom_outliers *t,
			      const struct nvmx_snapshot *s);
void nvmx_prom_outliers_free(struct nvmx_prom_outliers *t);
/*
 * nvmx_gpc_outliers_total{pid,comm,kind} for every VM of s (0 when it had
 * none) and nvmx_gpc_outliers_dropped_total{kind}, for the kinds whose
 * latency c measures (c == NULL: both).  0 or -errno (write error).
 */
int nvmx_prom_write_outliers(FILE *f, const struct nvmx_core *c,
			     const struct nvmx_snapshot *s,
			     const struct nvmx_prom_outliers *t);

/* Prometheus name of counting metric m ("nvmx_gpc_pio_exits_total"; of
 * its family when it is one labelled series of it), NULL if m is not
 * exported as a counter. */
const char *nvmx_prom_counter_name(enum nvmx_metric m, char *buf, size_t len);

/* Write v as a label value, escaped (\\, \", \n). */
void nvmx_prom_label_value(FILE *f, const char *v);

#endif /* NVMX_PROM_H */
