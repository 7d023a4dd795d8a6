// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bpf_verify OBJ: load every program named vt_* of OBJ on its own and
 * report which the running kernel's verifier accepts (verifier log of
 * the failures on stderr).  Exit 0 only if all load.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <bpf/libbpf.h>

static int quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	if (lvl == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

static int load_one(const char *path, const char *name)
{
	struct bpf_object *o = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	int err;

	if (!o)
		return -errno;
	bpf_object__for_each_program(p, o)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), name));
	err = bpf_object__load(o);
	bpf_object__close(o);
	return err;
}

int main(int argc, char **argv)
{
	struct bpf_object *o;
	struct bpf_program *p;
	char names[128][64];
	int n = 0, i, bad = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: bpf_verify OBJ\n");
		return 2;
	}
	libbpf_set_print(quiet);
	o = bpf_object__open_file(argv[1], NULL);
	if (!o) {
		fprintf(stderr, "bpf_verify: cannot open %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	bpf_object__for_each_program(p, o)
		if (!strncmp(bpf_program__name(p), "vt_", 3) && n < 128)
			snprintf(names[n++], sizeof(names[0]), "%s", bpf_program__name(p));
	bpf_object__close(o);
	for (i = 0; i < n; i++) {
		int err = load_one(argv[1], names[i]);

		printf("%-28s %s\n", names[i], err ? strerror(-err) : "ok");
		bad += !!err;
	}
	printf("bpf_verify: %d of %d programs accepted\n", n - bad, n);
	return bad || !n ? 1 : 0;
}
