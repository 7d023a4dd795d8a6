/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * tools/results, private: what its parts share.
 *	results.c           the in-memory model: builders, lookups, free
 *	results_validate.c  the rules of docs/results-format.md on the model
 *	results_read.c      the strict json-c reader (duplicate keys too)
 *	results_write.c     the writer
 */
#ifndef NVMX_RESULTS_PRIV_H
#define NVMX_RESULTS_PRIV_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "results.h"

/* Errors are one line: control characters from the input become '?'. */
static inline void one_line(char *err)
{
	for (; err && *err; err++)
		if ((unsigned char)*err < 0x20 || *err == 0x7f)
			*err = '?';
}

static inline __attribute__((format(printf, 3, 4)))
int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
		one_line(err);
	}
	return -EINVAL;
}

/* The values of log2 latency slot i of an exit reason: [lower, upper] ns */
static inline uint64_t rlat_lower(unsigned int i)
{
	return i ? 1ULL << i : 0;
}

static inline uint64_t rlat_upper(unsigned int i)
{
	if (i + 1 >= NVMX_RES_RLAT_SLOTS)
		return UINT64_MAX;	/* the last slot holds everything above */
	return (1ULL << (i + 1)) - 1;
}

/* results_validate.c: a metric, counter or hook name; a latency unit */
bool nvmx_res_valid_name(const char *s);
bool nvmx_res_time_unit(const char *u);

#endif
