// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * bpf_verify OBJ: load every program named vt_* of OBJ on its own and
 * report which the running kernel's verifier accepts (verifier log of
 * the failures on stderr).  Exit 0 only if all load.
 *
 * Each program is loaded with exit reasons on, and, where latencies are
 * measured, outliers (--than) on (in the harr one also sampling,
 * --sample 16), in both histogram configurations:
 * hist_rows = 0 (every sample goes to the hists hash) and the tool's own
 * (the first rows' histograms in the harr array, k = NVMX_HIST_K_DEFAULT).
 * hist_rows is a constant to the verifier, so with hist_rows = 0 it
 * prunes the harr path, the hottest access, and never checks it.  And
 * once as --counts-only loads it (counts_only = 1, hist_rows = 0, hists
 * of one entry): the verifier then drops the timing paths instead, and
 * checks what is left, e.g. the fexit of kvm_vcpu_map finding the page
 * kind itself; no program may then call bpf_ktime_get_ns() any more
 * (checked in the translated code).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>
#include <linux/types.h>

#include "hist.h"
#include "nvmx_maps.h"

struct hist_cfg {
	const char *name;
	unsigned int rows;	/* hist_rows: rows with harr histograms */
	unsigned int k;
	bool counts_only;	/* counts_only = 1, as --counts-only */
};

static int quiet(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	if (lvl == LIBBPF_WARN)
		return vfprintf(stderr, fmt, ap);
	return 0;
}

/* Set the .rodata variable @var of @o (before load) to @val, of its size. */
static int set_rodata(struct bpf_object *o, const char *var, __u64 val)
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
		if ((vs->size != 4 && vs->size != 8) || vs->offset + vs->size > size) {
			err = -EINVAL;
			break;
		}
		if (vs->size == 4) {
			__u32 v32 = (__u32)val;

			memcpy(buf + vs->offset, &v32, sizeof(v32));
		} else {
			memcpy(buf + vs->offset, &val, sizeof(val));
		}
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

	/* exit reasons on, as the tools load them unless --no-reasons; the
	 * outlier path (--than, never counting only) in the others */
	err = set_rodata(o, "want_reasons", 1);
	if (!err && !cfg->counts_only)
		err = set_rodata(o, "than_ns", 1);
	/* the harr configuration also samples (--sample 16) */
	if (!err && cfg->rows)
		err = set_rodata(o, "sample_n", 16);
	if (err)
		return err;
	if (cfg->counts_only) {
		struct bpf_map *hists = bpf_object__find_map_by_name(o, "hists");

		/* as the core sizes the maps for counting only */
		err = hists ? bpf_map__set_max_entries(hists, 1) : -ENOENT;
		if (!err)
			err = set_rodata(o, "counts_only", 1);
		if (err)
			return err;
	}
	if (!cfg->rows)
		return 0;	/* as compiled: hist_rows = 0 */
	if (!harr)
		return -ENOENT;
	err = bpf_map__set_value_size(harr, slots * sizeof(__u64));
	if (!err)
		err = bpf_map__set_max_entries(harr, cfg->rows * NVMX_H_NR);
	if (!err)
		err = set_rodata(o, "hist_rows", cfg->rows);
	if (!err)
		err = set_rodata(o, "hist_slots", slots);
	if (!err)
		err = set_rodata(o, "hist_k", cfg->k);
	return err;
}

/*
 * The imm of a call to bpf_ktime_get_ns() in this kernel's translated
 * code (calls are rewritten to the helper's address), from a program that
 * makes only that call; 0 when it cannot tell (no raw dump for us, or
 * the call was inlined).
 */
static __s32 clock_call_imm(void)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_JMP | BPF_CALL, .imm = BPF_FUNC_ktime_get_ns },
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct bpf_insn x[8];
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info);
	__s32 imm = 0;
	int fd;

	fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "nvmx_clock", "GPL",
			   insns, 3, NULL);
	if (fd < 0)
		return 0;
	info.xlated_prog_len = sizeof(x);
	info.xlated_prog_insns = (unsigned long)x;
	if (!bpf_obj_get_info_by_fd(fd, &info, &len) &&
	    info.xlated_prog_len >= sizeof(x[0]) && x[0].code == (BPF_JMP | BPF_CALL))
		imm = x[0].imm;
	close(fd);
	return imm;
}

/* Calls of program @fd to the helper at @imm, or -errno. */
static int count_calls(int fd, __s32 imm)
{
	struct bpf_prog_info info = {};
	__u32 len = sizeof(info), i, n = 0;
	struct bpf_insn *x;
	int err = 0;

	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		return -errno;
	x = calloc(1, info.xlated_prog_len ? info.xlated_prog_len : 1);
	if (!x)
		return -ENOMEM;
	len = info.xlated_prog_len;
	memset(&info, 0, sizeof(info));
	info.xlated_prog_len = len;
	info.xlated_prog_insns = (unsigned long)x;
	len = sizeof(info);
	if (bpf_obj_get_info_by_fd(fd, &info, &len))
		err = -errno;
	for (i = 0; !err && i < info.xlated_prog_len / sizeof(*x); i++)
		n += x[i].code == (BPF_JMP | BPF_CALL) && !x[i].src_reg && x[i].imm == imm;
	free(x);
	return err ? err : (int)n;
}

/* Set by main(): see clock_call_imm(). */
static __s32 clock_imm;

/* A counts_only load that still reads the clock (not an errno). */
#define READS_CLOCK 1

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
	/* counting only, the verifier must have dropped every clock read */
	if (!err && cfg->counts_only && clock_imm) {
		int n = count_calls(bpf_program__fd(bpf_object__find_program_by_name(o, name)),
				    clock_imm);

		if (n > 0)
			fprintf(stderr, "bpf_verify: %s: %d bpf_ktime_get_ns() calls left with counts_only\n",
				name, n);
		err = n > 0 ? READS_CLOCK : n;
	}
	bpf_object__close(o);
	return err;
}

int main(int argc, char **argv)
{
	const unsigned int k = NVMX_HIST_K_DEFAULT;
	const struct hist_cfg cfgs[] = {
		{ "hist_rows=0", 0, k, false },
		{ "harr", nvmx_harr_rows(k, NVMX_H_NR), k, false },
		{ "counts_only", 0, k, true },
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
	clock_imm = clock_call_imm();
	if (!clock_imm)
		printf("bpf_verify: cannot find bpf_ktime_get_ns() in translated code: "
		       "counts_only loads are not checked for clock reads\n");
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

			printf(" %-24s", err == READS_CLOCK ? "reads the clock" :
			       err ? strerror(-err) : "ok");
			bad += !!err;
		}
		printf("\n");
	}
	printf("bpf_verify: %d of %d loads accepted (%d programs, hist_rows 0 and %u, counts_only%s)\n",
	       n * (int)ncfg - bad, n * (int)ncfg, n, cfgs[1].rows,
	       clock_imm ? " without a clock read" : "");
	return bad || !n ? 1 : 0;
}
