/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Series of exited VMs, kept for a while.
 *
 * The exporter lets the probe core give the in-kernel rows of exited
 * processes back (nvmx_opts.prune_dead), so a long-running exporter never
 * runs out of rows (NVMX_MAX_THREADS threads).  Their final values are in
 * the snapshot taken just before; this keeps a copy of them and adds it
 * to the following snapshots for keep_secs, so Prometheus scrapes the
 * final counts of a VM that exits between two scrapes, then the series
 * go stale.
 */
#ifndef NVMX_KEEP_H
#define NVMX_KEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "nvmx_core.h"

struct nvmx_keep;

/*
 * gone(tgid): the process has exited (NULL: tools/util's nvmx_pid_gone,
 * the core's own test).
 */
struct nvmx_keep *nvmx_keep_new(double keep_secs, bool (*gone)(uint32_t tgid));
void nvmx_keep_free(struct nvmx_keep *k);

/*
 * Remember the exited VMs of s, forget the ones kept for longer than
 * keep_secs (now: seconds on any monotonic clock), and set *view to s or,
 * when kept VMs are missing from s, to a new snapshot holding both (the
 * caller frees it if it is not s).  Returns 0 or -ENOMEM.
 */
int nvmx_keep_apply(struct nvmx_keep *k, const struct nvmx_snapshot *s,
		    double now, const struct nvmx_snapshot **view);

/* Number of VMs kept (for tests). */
unsigned int nvmx_keep_count(const struct nvmx_keep *k);

#endif /* NVMX_KEEP_H */
