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

/*
 * The kernel's own verdict on fentry for vmlinux function @fn: load and
 * attach a 2-instruction program, as the probe's trial does.  0 or -errno.
 */
static int kernel_fentry_verdict(const char *fn)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	struct btf *base = btf__parse(VMLINUX, NULL);
	int id, fd, l, err = 0;

	assert_non_null(base);
	id = btf__find_by_name_kind(base, fn, BTF_KIND_FUNC);
	btf__free(base);
	assert_true(id > 0);
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o,
			    .expected_attach_type = BPF_TRACE_FENTRY,
			    .attach_btf_id = id);

		fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "verdict", "GPL",
				   insns, 2, &o);
	}
	if (fd < 0)
		return -errno;
	l = bpf_raw_tracepoint_open(NULL, fd);
	if (l < 0)
		err = -errno;
	else
		close(l);
	close(fd);
	return err;
}

/* What nvmx_probe_fn() must say about vmlinux function @fn here. */
static void expect_vmlinux_fn(struct nvmx_probe *p, const char *fn, int verdict)
{
	const char *names[3] = { fn };
	char why[200] = "", want[200];
	const char *n;
	bool absent = true;

	n = nvmx_probe_fn(p, NVMX_ATTACH_FENTRY, names, why, sizeof(why), &absent);
	printf("%s: %s\n", fn, n ? "fentry ok" : why);
	assert_false(absent);
	if (!verdict) {
		assert_string_equal(n, fn);
		return;
	}
	assert_null(n);
	snprintf(want, sizeof(want), "fentry trial load on %s: %s%s", fn,
		 strerror(-verdict),
		 verdict == -EPERM ? " (refused by kernel policy)" : "");
	assert_string_equal(why, want);
}

/*
 * A module function whose module has no BTF object in the running kernel
 * fails its fentry trial with ENOENT; that says nothing about fentry on
 * other functions.  A refusal by policy (EPERM) holds for every function.
 */
static void test_fentry_trial_per_function(void **state __attribute__((unused)))
{
	const char *mod_fn[3] = { "nvmx_test_nomod_fn" };
	const char *vm_fn = "vfs_read", *vm_fn2 = "vfs_write";
	int verdict = kernel_fentry_verdict(vm_fn);
	struct nvmx_probe p;
	bool absent = true, walk;
	char why[200] = "";
	__u32 id = 0;

	/* root can walk the kernel's BTF objects; others are refused */
	walk = !bpf_btf_get_next_id(0, &id) || errno == ENOENT;
	printf("kernel verdict on fentry %s: %s\n", vm_fn,
	       verdict ? strerror(-verdict) : "ok");

	/* module function first, then vmlinux functions */
	nvmx_probe_init_dir(&p, VMLINUX, dir);
	assert_null(nvmx_probe_fn(&p, NVMX_ATTACH_FENTRY, mod_fn, why,
				  sizeof(why), &absent));
	printf("%s: %s\n", mod_fn[0], why);
	assert_false(absent);
	if (walk)
		assert_string_equal(why, "fentry trial load on nvmx_test_nomod_fn: "
				    "no BTF object of module nvmx_nomod in the "
				    "kernel (module not loaded)");
	else
		assert_string_equal(why, "fentry trial load on nvmx_test_nomod_fn: "
				    "Operation not permitted (refused by kernel policy)");
	expect_vmlinux_fn(&p, vm_fn, walk ? verdict : -EPERM);
	expect_vmlinux_fn(&p, vm_fn2, walk ? verdict : -EPERM);
	nvmx_probe_fini(&p);

	/* vmlinux first: a policy refusal then holds for the module too */
	nvmx_probe_init_dir(&p, VMLINUX, dir);
	expect_vmlinux_fn(&p, vm_fn, walk ? verdict : -EPERM);
	assert_null(nvmx_probe_fn(&p, NVMX_ATTACH_FENTRY, mod_fn, why,
				  sizeof(why), &absent));
	printf("%s: %s\n", mod_fn[0], why);
	if (walk && verdict != -EPERM)
		assert_string_equal(why, "fentry trial load on nvmx_test_nomod_fn: "
				    "no BTF object of module nvmx_nomod in the "
				    "kernel (module not loaded)");
	else
		assert_string_equal(why, "fentry trial load on nvmx_test_nomod_fn: "
				    "Operation not permitted (refused by kernel policy)");
	nvmx_probe_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_module_btf),
		cmocka_unit_test(test_fentry_trial_per_function),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
