/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef NVMX_TOP_UI_H
#define NVMX_TOP_UI_H

#include "nvmx_core.h"

/* Does VM match filter text (empty: all; digits: pid prefix; else comm
 * substring, case-insensitive)? */
bool top_filter_match(const struct nvmx_vm_snap *vm, const char *filter);
/*
 * Order of VMs in s for display: by column col (index into
 * nvmx_default_columns, descending; unavailable last) or by pid when
 * col < 0.  idx gets s->nr_vms indices.
 */
void top_sort_vms(const struct nvmx_core *c, const struct nvmx_snapshot *s,
		  double secs, int col, size_t *idx);
/* Format one cell (width w) of metric m for row v over the interval,
 * t its totals since attach (gauges; may be NULL). */
void top_format_cell(char *buf, size_t len, const struct nvmx_core *c,
		     const struct nvmx_vcpu_snap *v, const struct nvmx_vcpu_snap *t,
		     unsigned int k, double secs, enum nvmx_metric m);

#endif
