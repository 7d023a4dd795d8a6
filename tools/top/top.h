/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef NVMX_TOP_H
#define NVMX_TOP_H

#include <signal.h>
#include "opts.h"
#include "util.h"

extern volatile sig_atomic_t top_stop_signal;

/* Sleep up to secs; returns early (true) on a signal or when the traced
 * PID is gone (*gone set). */
bool top_wait(double secs, pid_t pid, bool *gone);
int top_run_batch(struct nvmx_core *c, const struct top_opts *o);
int top_run_ui(struct nvmx_core *c, const struct top_opts *o);
/* Print --probes output: hook table and unavailable metrics. */
void top_print_probes(const struct nvmx_core *c, FILE *f);

#endif
