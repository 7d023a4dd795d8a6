// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * libFuzzer target for the results-file reader.  Any input must give
 * either a validated document or a one-line error; a document that is
 * accepted must serialise and parse back (round trip).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "results/results.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nvmx_results *r = NULL, *r2 = NULL;
	char err[NVMX_RES_ERR_MAX];
	char *s = NULL;

	err[0] = '\0';
	if (nvmx_res_parse((const char *)data, size, &r, err, sizeof(err))) {
		if (r || !err[0] || strchr(err, '\n'))
			abort();	/* errors: no document, one line */
		return 0;
	}
	if (nvmx_res_to_string(r, &s, err, sizeof(err)))
		abort();
	if (nvmx_res_parse(s, strlen(s), &r2, err, sizeof(err)))
		abort();
	if (r2->meta.repetitions != r->meta.repetitions ||
	    r2->nmetrics != r->nmetrics || r2->ncounters != r->ncounters)
		abort();
	nvmx_res_free(r2);
	nvmx_res_free(r);
	free(s);
	return 0;
}
