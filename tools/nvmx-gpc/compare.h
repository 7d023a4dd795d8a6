/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
#ifndef NVMX_GPC_COMPARE_H
#define NVMX_GPC_COMPARE_H

#include "util.h"

#define NVMX_GPC_VERSION NVMX_VERSION

/* Exit statuses of nvmx-gpc compare (and record on bad usage). */
#define EXIT_OK 0
#define EXIT_GATE 1	/* a gated metric regressed or a --require failed */
#define EXIT_BAD 2	/* bad input or usage */

int cmd_compare(int argc, char **argv);
int cmd_record(int argc, char **argv);

#endif
