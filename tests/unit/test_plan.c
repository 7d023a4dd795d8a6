// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Attach-plan probing (tools/core/plan.c) on this machine's real vmlinux
 * BTF, with a module BTF directory built by libbpf in the format of
 * /sys/kernel/btf/<module> (split BTF on vmlinux).  This host has no
 * module BTF of its own (/sys/kernel/btf holds vmlinux only), while a
 * Debian host has hundreds, with kvm and kvm_intel anywhere in readdir
 * order.
 */
#include <ftw.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <linux/bpf.h>
#include "testutil.h"
#include "plan.h"

#define VMLINUX "/sys/kernel/btf/vmlinux"
/* a distro host: Debian 6.1 has about 190 modules with BTF loaded */
#define NMODS 200

static char dir[] = "/tmp/nvmx-plan.XXXXXX";

/*
 * Write module @mod's BTF to the directory: struct nvmx_test_<mod> and,
 * if @fn, a function @fn (int @fn(void)).
 */
static void write_mod(struct btf *base, const char *mod, const char *fn)
{
	struct btf *m = btf__new_empty_split(base);
	char name[96], path[160];
	const void *raw;
	__u32 size;
	int int_id, proto;
	FILE *f;

	assert_non_null(m);
	int_id = btf__find_by_name_kind(base, "int", BTF_KIND_INT);
	assert_true(int_id > 0);
	snprintf(name, sizeof(name), "nvmx_test_%s", mod);
	assert_true(btf__add_struct(m, name, 4) > 0);
	assert_int_equal(btf__add_field(m, "x", int_id, 0, 0), 0);
	if (fn) {
		proto = btf__add_func_proto(m, int_id);
		assert_true(proto > 0);
		assert_true(btf__add_func(m, fn, BTF_FUNC_GLOBAL, proto) > 0);
	}
	raw = btf__raw_data(m, &size);
	assert_non_null(raw);
	snprintf(path, sizeof(path), "%s/%s", dir, mod);
	f = fopen(path, "we");
	assert_non_null(f);
	assert_int_equal(fwrite(raw, 1, size, f), size);
	assert_int_equal(fclose(f), 0);
	btf__free(m);
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	struct btf *base;
	char mod[32];
	int i;

	(void)state;
	if (!mkdtemp(dir))
		return -1;
	base = btf__parse(VMLINUX, NULL);
	if (!base)
		return -1;
	for (i = 0; i < NMODS; i++) {
		snprintf(mod, sizeof(mod), "mod%03d", i);
		write_mod(base, mod, NULL);
	}
	/* a module function for the fentry trial (no such module loaded) */
	write_mod(base, "nvmx_nomod", "nvmx_test_nomod_fn");
	btf__free(base);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	return nftw(dir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
}

/* Every module's BTF is read, not only the first 64 in readdir order. */
static void test_all_module_btf(void **state __attribute__((unused)))
{
	struct nvmx_probe p;
	char name[64];
	int i, found = 0;

	nvmx_probe_init_dir(&p, VMLINUX, dir);
	for (i = 0; i < NMODS; i++) {
		snprintf(name, sizeof(name), "nvmx_test_mod%03d", i);
		found += nvmx_probe_struct(&p, name);
	}
	printf("module BTF structs found: %d of %d\n", found, NMODS);
	assert_int_equal(found, NMODS);
	assert_true(nvmx_probe_struct(&p, "nvmx_test_nvmx_nomod"));
	/* vmlinux itself */
	assert_true(nvmx_probe_struct(&p, "task_struct"));
	assert_false(nvmx_probe_struct(&p, "nvmx_test_mod200"));
	nvmx_probe_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_module_btf),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
