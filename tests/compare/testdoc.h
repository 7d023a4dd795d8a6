/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/* Results documents for the tests (after cmocka.h and results.h). */
#ifndef NVMX_TESTS_TESTDOC_H
#define NVMX_TESTS_TESTDOC_H

#include <stdlib.h>
#include <string.h>

/* A document of runs runs with hist_k k: its metadata, no entries yet. */
static inline struct nvmx_results *testdoc_new(unsigned int k, unsigned int runs)
{
	struct nvmx_results *r = nvmx_res_new(k, runs);

	assert_non_null(r);
	r->meta.tool = strdup("test");
	r->meta.tool_version = strdup("0");
	r->meta.kernel_release = strdup("6.12.117");
	r->meta.cpu_model = strdup("cpu");
	r->meta.hostname = strdup("host");
	r->meta.start_time = strdup("2026-11-25T22:00:00Z");
	return r;
}

#endif
