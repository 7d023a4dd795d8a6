/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Names of the nested page kinds (enum nvmx_page_kind plus "unknown"),
 * as results files (docs/results-format.md) and the exporter
 * (docs/exporter.md) spell them; the same words as docs/tracepoints.md.
 */
#ifndef NVMX_RES_KINDS_H
#define NVMX_RES_KINDS_H

#include "../../include/nvmx_gpc_abi.h"

static inline const char *nvmx_res_kind_name(unsigned int kind)
{
	switch (kind) {
	case NVMX_PAGE_MSR_BITMAP:
		return "msr_bitmap";
	case NVMX_PAGE_APIC_ACCESS:
		return "apic_access";
	case NVMX_PAGE_VIRTUAL_APIC:
		return "virtual_apic";
	case NVMX_PAGE_PI_DESC:
		return "pi_desc";
	default:
		return "unknown";
	}
}

#endif /* NVMX_RES_KINDS_H */
