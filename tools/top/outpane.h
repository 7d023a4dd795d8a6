/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * nvmx-gpc-top's outliers pane (key 'o', with --than): the most recent
 * outliers the probes logged, newest first, and those they dropped.
 */
#ifndef NVMX_TOP_OUTPANE_H
#define NVMX_TOP_OUTPANE_H

#include <stdint.h>

#include "nvmx_core.h"

/* Outliers the pane keeps (a ring: the oldest go) */
#define TOP_OUTPANE_KEEP 32

struct top_outrow {
	struct nvmx_outlier o;
	char frame[128];	/* the first kernel frame not of the tracing; "" */
};

struct top_outpane {
	struct top_outrow row[TOP_OUTPANE_KEEP];
	size_t n, next;			/* rows kept; where the next goes */
	uint64_t logged;		/* outliers logged since attach */
	uint64_t dropped[NVMX_OUT_NR];	/* nvmx_core_outliers_dropped() */
};

/* Keep outlier o with its first frame (NULL: none). */
void top_outpane_push(struct top_outpane *p, const struct nvmx_outlier *o,
		      const char *frame);
/* An nvmx_outlier_fn for nvmx_core_outliers(): top_outpane_push() with o's
 * first frame that is not the tracing's (nvmx_outlier_skip(), nvmx_ksym()). */
int top_outpane_add(const struct nvmx_outlier *o, void *arg);
/* The i-th most recent row, i = 0 the newest; NULL past the oldest. */
const struct top_outrow *top_outpane_get(const struct top_outpane *p, size_t i);

/*
 * The pane's title (than_ns: --than; 0: off), its column header, and the
 * line of row r: its time of day (local), VM (guest name or comm from s,
 * which may be NULL), vCPU, kind, duration, exit reason, slow-path flag
 * and first frame.  mono_ns and real_ns are CLOCK_MONOTONIC and
 * CLOCK_REALTIME now: the probes stamp outliers with the former.
 */
void top_outpane_title(char *buf, size_t len, const struct top_outpane *p,
		       uint64_t than_ns);
void top_outpane_header(char *buf, size_t len);
void top_outpane_line(char *buf, size_t len, const struct top_outrow *r,
		      const struct nvmx_snapshot *s, uint64_t mono_ns, uint64_t real_ns);

/*
 * Draw the pane on stdscr (curses) from line y, at most to line ymax - 1,
 * each line cut to the screen's width; returns the line after it.
 */
int top_outpane_draw(const struct top_outpane *p, const struct nvmx_snapshot *s,
		     uint64_t than_ns, uint64_t mono_ns, uint64_t real_ns,
		     int y, int ymax);

#endif
