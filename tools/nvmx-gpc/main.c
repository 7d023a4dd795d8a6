// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc: record latency histograms and counters of nested VMX
 * pfncache work, and compare two recordings (docs/nvmx-gpc.1).
 */
#include <stdio.h>
#include <string.h>

#include "compare.h"
#include "util.h"

static void usage(FILE *f)
{
	fprintf(f,
"usage: nvmx-gpc record -o FILE [-d SECONDS] [-p PID] [-r N] [-k K] [-- COMMAND ARGS...]\n"
"       nvmx-gpc compare BEFORE.json AFTER.json [--format text|markdown|json]\n"
"                        [--threshold PCT] [--plot DIR] [--fail-on regress|none]\n"
"                        [--require EXPR]...\n"
"       nvmx-gpc [record|compare] --version\n"
"'nvmx-gpc COMMAND --help' describes each command; see nvmx-gpc(1) and\n"
"docs/cli.md.  Exit status: 0 ok, 1 failure or regression, 2 bad usage.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_BAD;
	}
	if (!strcmp(argv[1], "record"))
		return cmd_record(argc - 1, argv + 1);
	if (!strcmp(argv[1], "compare"))
		return cmd_compare(argc - 1, argv + 1);
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("nvmx-gpc %s\n", NVMX_GPC_VERSION);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	nvmx_msg.prog = "nvmx-gpc";
	p_err("unknown command '%s'", argv[1]);
	usage(stderr);
	return EXIT_BAD;
}
