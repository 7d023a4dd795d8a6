// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bpf_verify OBJ: load every program named vt_* of OBJ on its own and
 * report which the running kernel's verifier accepts (verifier log of
 * the failures on stderr).  Exit 0 only if all load.
 *
 * Each program is loaded in both histogram configurations: hist_rows = 0
 * (every sample goes to the hists hash) and the tool's own (the first
 * rows' histograms in the harr array, k = NVMX_HIST_K_DEFAULT).
 * hist_rows is a constant to the verifier, so with hist_rows = 0 it
 * prunes the harr path, the hottest access, and never checks it.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/types.h>

#include "hist.h"
#include "nvmx_maps.h"

struct hist_cfg {
	const char *name;
	unsigned int rows;	/* hist_rows: rows with harr histograms */
	unsigned int k;
};

static int quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	if (lvl == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

/* Set the .rodata variable @var of @o (before load) to @val. */
static int set_rodata_u32(struct bpf_object *o, const char *var, __u32 val)
{
	struct bpf_map *m = bpf_object__find_map_by_name(o, ".rodata");
	struct btf *btf = bpf_object__btf(o);
	const struct btf_var_secinfo *vs;
	const struct btf_type *sec;
	const void *init;
	size_t size;
	char *buf;
	int id, i, err = -ENOENT;

	if (!m || !btf)
		return -ENOENT;
	init = bpf_map__initial_value(m, &size);
	id = btf__find_by_name_kind(btf, ".rodata", BTF_KIND_DATASEC);
	if (!init || id < 0)
		return -ENOENT;
	buf = malloc(size);
	if (!buf)
		return -ENOMEM;
	memcpy(buf, init, size);
	sec = btf__type_by_id(btf, id);
	vs = btf_var_secinfos(sec);
	for (i = 0; i < btf_vlen(sec); i++, vs++) {
		const struct btf_type *v = btf__type_by_id(btf, vs->type);

		if (strcmp(btf__name_by_offset(btf, v->name_off), var))
			continue;
		if (vs->size != sizeof(val) || vs->offset + sizeof(val) > size) {
			err = -EINVAL;
			break;
		}
		memcpy(buf + vs->offset, &val, sizeof(val));
		err = bpf_map__set_initial_value(m, buf, size);
		break;
	}
	free(buf);
	return err;
}

/* Size harr and set hist_rows/hist_slots/hist_k as the tool does. */
static int configure(struct bpf_object *o, const struct hist_cfg *cfg)
{
	struct bpf_map *harr = bpf_object__find_map_by_name(o, "harr");
	unsigned int slots = nvmx_hist_slots(cfg->k);
	int err;

	if (!cfg->rows)
		return 0;	/* as compiled: hist_rows = 0 */
	if (!harr)
		return -ENOENT;
	err = bpf_map__set_value_size(harr, slots * sizeof(__u64));
	if (!err)
		err = bpf_map__set_max_entries(harr, cfg->rows * NVMX_H_NR);
	if (!err)
		err = set_rodata_u32(o, "hist_rows", cfg->rows);
	if (!err)
		err = set_rodata_u32(o, "hist_slots", slots);
	if (!err)
		err = set_rodata_u32(o, "hist_k", cfg->k);
	return err;
}

static int load_one(const char *path, const char *name, const struct hist_cfg *cfg)
{
	struct bpf_object *o = bpf_object__open_file(path, NULL);
	struct bpf_program *p;
	int err;

	if (!o)
		return -errno;
	bpf_object__for_each_program(p, o)
		bpf_program__set_autoload(p, !strcmp(bpf_program__name(p), name));
	err = configure(o, cfg);
	if (err)
		fprintf(stderr, "bpf_verify: %s: cannot set up %s: %s\n", name,
			cfg->name, strerror(-err));
	else
		err = bpf_object__load(o);
	bpf_object__close(o);
	return err;
}

int main(int argc, char **argv)
{
	const unsigned int k = NVMX_HIST_K_DEFAULT;
	const struct hist_cfg cfgs[] = {
		{ "hist_rows=0", 0, k },
		{ "harr", nvmx_harr_rows(k, NVMX_H_NR), k },
	};
	const unsigned int ncfg = sizeof(cfgs) / sizeof(cfgs[0]);
	char names[128][64];
	struct bpf_object *o;
	struct bpf_program *p;
	int n = 0, i, bad = 0;
	unsigned int c;

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
	printf("%-28s", "program");
	for (c = 0; c < ncfg; c++)
		printf(" %-24s", cfgs[c].name);
	printf("\n");
	for (i = 0; i < n; i++) {
		printf("%-28s", names[i]);
		for (c = 0; c < ncfg; c++) {
			int err = load_one(argv[1], names[i], &cfgs[c]);

			printf(" %-24s", err ? strerror(-err) : "ok");
			bad += !!err;
		}
		printf("\n");
	}
	printf("bpf_verify: %d of %d loads accepted (%d programs, hist_rows 0 and %u)\n",
	       n * (int)ncfg - bad, n * (int)ncfg, n, cfgs[1].rows);
	return bad || !n ? 1 : 0;
}
