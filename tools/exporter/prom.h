/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Prometheus text exposition (format 0.0.4) of an nvmx-gpc snapshot.
 * Metric names, units and labels are documented in docs/exporter.md.
 */
#ifndef NVMX_PROM_H
#define NVMX_PROM_H

#include <stdbool.h>
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

/* Prometheus name of counting metric m ("nvmx_gpc_pio_exits_total"; of
 * its family when it is one labelled series of it), NULL if m is not
 * exported as a counter. */
const char *nvmx_prom_counter_name(enum nvmx_metric m, char *buf, size_t len);

/* Write v as a label value, escaped (\\, \", \n). */
void nvmx_prom_label_value(FILE *f, const char *v);

#endif /* NVMX_PROM_H */
