/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Helpers for the cmocka unit tests. */
#ifndef NVMX_TESTUTIL_H
#define NVMX_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <cmocka.h>

#include "nvmx_core.h"

/* A row with some counters set; histogram h gets values vals[0..n). */
static inline void make_row(struct nvmx_vcpu_snap *r, uint32_t tgid, uint32_t tid,
			    int vcpu_id, unsigned int k)
{
	assert_int_equal(nvmx_vcpu_snap_init(r, nvmx_hist_slots(k)), 0);
	r->tgid = tgid;
	r->tid = tid;
	r->vcpu_id = vcpu_id;
	snprintf(r->comm, sizeof(r->comm), "t%u", tid);
}

static inline void row_hist_add(struct nvmx_vcpu_snap *r, enum nvmx_hist h,
				uint64_t v, unsigned int k)
{
	r->hist[h][nvmx_hist_index(v, k)]++;
	r->hsum[h] += v;
}

/* Capture what fn writes to a FILE into a malloc'ed string. */
static inline char *capture_begin(FILE **f, size_t *len, char **buf)
{
	*f = open_memstream(buf, len);
	assert_non_null(*f);
	return NULL;
}

#endif
