/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * A temporary directory for a group of cmocka tests, in $TMPDIR (or
 * /tmp): pass tmpdir_setup and tmpdir_teardown to
 * cmocka_run_group_tests(); the tests make their files in tmpdir.
 */
#ifndef NVMX_TESTS_TMPDIR_H
#define NVMX_TESTS_TMPDIR_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/* room for a file name after it */
static char tmpdir[PATH_MAX - 64];

static int tmpdir_setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "%s/nvmx-test.XXXXXX", t ? t : "/tmp");
	return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove tmpdir and everything in it. */
static int tmpdir_teardown(void **state)
{
	char cmd[PATH_MAX + 16];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd);
}

#endif
