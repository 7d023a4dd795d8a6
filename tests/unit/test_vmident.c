// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * tools/core/vmident.c: guest names from QEMU command lines (libvirt's
 * guest=, the legacy first element, ",," escapes, the last -name), cgroup
 * directories and ids on this machine's cgroup2 tree, the -g/--cgroup
 * options' messages; the /proc reader on this process.
 */
#include "testutil.h"
#include "core_priv.h"

#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>

/* name of a command line given as one string with '|' for NUL */
static int name_of(const char *args, char *buf, size_t len)
{
	char cmd[512];
	size_t i, n = strlen(args);

	assert_true(n < sizeof(cmd));
	for (i = 0; i < n; i++)
		cmd[i] = args[i] == '|' ? '\0' : args[i];
	return nvmx_guest_name(cmd, n, buf, len);
}

static void name_is(const char *args, const char *want)
{
	char buf[NVMX_NAME_MAX];

	if (want) {
		assert_int_equal(name_of(args, buf, sizeof(buf)), 0);
		assert_string_equal(buf, want);
	} else {
		assert_int_equal(name_of(args, buf, sizeof(buf)), -ENOENT);
		assert_string_equal(buf, "");
	}
}

static void test_guest_name(void **state)
{
	char buf[8];

	(void)state;
	/* libvirt */
	name_is("/usr/bin/qemu-system-x86_64|-name|guest=web1,debug-threads=on|-S|", "web1");
	name_is("qemu|-name|debug-threads=on,guest=web2|", "web2");
	/* the legacy form: the first element is the name */
	name_is("qemu|-name|vm7|", "vm7");
	name_is("qemu|-name|vm8,process=qemu-vm8|", "vm8");
	/* ",," is a comma in the name */
	name_is("qemu|-name|guest=a,,b,debug-threads=on|", "a,b");
	name_is("qemu|-name|a,,b|", "a,b");
	/* the last -name wins, as in QEMU; --name (kvmtool) too */
	name_is("qemu|-name|old|-m|64|-name|new|", "new");
	name_is("lkvm|run|--name|guest-1|", "guest-1");
	/* none */
	name_is("nvmx-workload|--pio|10|", NULL);
	name_is("qemu|-name|", NULL);
	name_is("qemu|-name|process=x|", NULL);
	name_is("qemu|-name|guest=|", NULL);
	/* -name last, its value cut off (not NUL-terminated) */
	assert_int_equal(nvmx_guest_name("qemu\0-name\0abc", 14, buf, sizeof(buf)), -ENOENT);
	assert_int_equal(nvmx_guest_name("", 0, buf, sizeof(buf)), -ENOENT);
	/* cut to the buffer */
	assert_int_equal(name_of("q|-name|guest=0123456789|", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "0123456");
}

/* --cgroup on the machine's cgroup2 tree: its root, by directory and by path */
static void test_cgroup_ids(void **state)
{
	char mnt[4096] = "", dir[4096], err[512];
	uint64_t *ids;
	struct stat st;
	size_t n;

	(void)state;
	/* the first cgroup2 mount, the one vmident.c takes */
	assert_int_equal(nvmx_cgroup2_mount(NULL, mnt, sizeof(mnt)), 0);
	assert_true(mnt[0] == '/');
	/* "/" as /proc/PID/cgroup has it is the mount itself */
	assert_int_equal(nvmx_cgroup_arg("/", dir, sizeof(dir), err, sizeof(err)), 0);
	assert_string_equal(dir, mnt);
	assert_int_equal(nvmx_cgroup_arg(mnt, dir, sizeof(dir), err, sizeof(err)), 0);
	assert_string_equal(dir, mnt);
	/* the root's id is in the list of its subtree */
	assert_int_equal(stat(mnt, &st), 0);
	assert_int_equal(nvmx_cgroup_ids(mnt, &ids, &n), 0);
	assert_true(n >= 1);
	assert_true(nvmx_cgroup_id_in(ids, n, st.st_ino));
	assert_false(nvmx_cgroup_id_in(ids, n, 0));
	free(ids);
	/* a removed cgroup: no ids, not an error */
	assert_int_equal(nvmx_cgroup_ids("/nonexistent/cgroup", &ids, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(nvmx_cgroup_arg("/no-such-cgroup.nvmx", dir, sizeof(dir),
					 err, sizeof(err)), -EINVAL);
	assert_non_null(strstr(err, "--cgroup '/no-such-cgroup.nvmx': no such cgroup ("));
}

/* The sorted inode numbers of the directories d/<names...> */
static size_t inodes(const char *d, uint64_t *out, ...)
{
	char path[PATH_MAX];
	const char *name;
	struct stat st;
	size_t n = 0, i, j;
	va_list ap;

	va_start(ap, out);
	while ((name = va_arg(ap, const char *))) {
		snprintf(path, sizeof(path), "%s/%s", d, name);
		assert_int_equal(stat(path, &st), 0);
		out[n++] = st.st_ino;
	}
	va_end(ap);
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			uint64_t t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}

static void ids_are(const char *dir, const uint64_t *want, size_t nwant)
{
	uint64_t *ids;
	size_t n, i;

	assert_int_equal(nvmx_cgroup_ids(dir, &ids, &n), 0);
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_int_equal(ids[i], want[i]);
	free(ids);
}

/* The lookup of the cgroup2 mount in a mounts file of our own */
static void test_cgroup2_mount(void **state)
{
	char t[] = "/tmp/nvmx-mounts.XXXXXX", mnt[64];
	int fd;
	FILE *f;

	(void)state;
	fd = mkstemp(t);
	assert_true(fd >= 0);
	f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("proc /proc proc rw,nosuid 0 0\n"
	      "cgroup /sys/fs/cgroup/cpu cgroup rw,cpu 0 0\n"
	      "cgroup2 /sys/fs/cgroup/my\\040unified cgroup2 rw,nosuid 0 0\n"
	      "none /mnt/cg2 cgroup2 rw 0 0\n", f);
	assert_int_equal(fclose(f), 0);
	/* the first one, its \040 a space */
	assert_int_equal(nvmx_cgroup2_mount(t, mnt, sizeof(mnt)), 0);
	assert_string_equal(mnt, "/sys/fs/cgroup/my unified");
	assert_int_equal(nvmx_cgroup2_mount(t, mnt, 10), -ENAMETOOLONG);
	f = fopen(t, "w");
	assert_non_null(f);
	fputs("proc /proc proc rw 0 0\n", f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(nvmx_cgroup2_mount(t, mnt, sizeof(mnt)), -ENOENT);
	assert_int_equal(unlink(t), 0);
	assert_int_equal(nvmx_cgroup2_mount(t, mnt, sizeof(mnt)), -ENOENT);
}

/*
 * The walk on a tree of our own, twice in a row and more with other
 * tops: every directory (the top one too), sorted; no file, no directory
 * behind a symbolic link; nothing of one call left in the next.
 */
static void test_cgroup_ids_twice(void **state)
{
	char t[] = "/tmp/nvmx-cgids.XXXXXX", path[PATH_MAX], cmd[PATH_MAX + 16];
	static const char *const dirs[] = { "t", "t/a", "t/a/b", "t/c", "u", "u/x" };
	uint64_t want_t[4], want_u[2], want_a[2];
	size_t i, nt, nu, na;
	uint64_t *ids;
	size_t n;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(t));
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", t, dirs[i]);
		assert_int_equal(mkdir(path, 0700), 0);
	}
	snprintf(path, sizeof(path), "%s/t/file", t);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/t/link", t);
	assert_int_equal(symlink("../u", path), 0);
	nt = inodes(t, want_t, "t", "t/a", "t/a/b", "t/c", NULL);
	nu = inodes(t, want_u, "u", "u/x", NULL);
	na = inodes(t, want_a, "t/a", "t/a/b", NULL);
	snprintf(path, sizeof(path), "%s/t", t);
	ids_are(path, want_t, nt);
	snprintf(path, sizeof(path), "%s/u", t);
	ids_are(path, want_u, nu);
	snprintf(path, sizeof(path), "%s/t/a", t);
	ids_are(path, want_a, na);
	snprintf(path, sizeof(path), "%s/t", t);
	ids_are(path, want_t, nt);
	/* a file, a symbolic link, nothing: no ids, no error */
	snprintf(path, sizeof(path), "%s/t/file", t);
	assert_int_equal(nvmx_cgroup_ids(path, &ids, &n), 0);
	assert_int_equal(n, 0);
	snprintf(path, sizeof(path), "%s/t/link", t);
	assert_int_equal(nvmx_cgroup_ids(path, &ids, &n), 0);
	assert_int_equal(n, 0);
	snprintf(path, sizeof(path), "%s/t/gone", t);
	assert_int_equal(nvmx_cgroup_ids(path, &ids, &n), 0);
	assert_int_equal(n, 0);
	assert_null(ids);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t);
	assert_int_equal(system(cmd), 0);
}

static void test_options(void **state)
{
	struct nvmx_vm_filter f = { 0 };
	struct nvmx_opts o;
	char err[512], name[NVMX_NAME_MAX + 1];

	(void)state;
	nvmx_opts_init(&o);
	assert_int_equal(nvmx_vm_filter_parse(&f, 'g', "web1", err, sizeof(err)), 0);
	assert_int_equal(nvmx_vm_filter_parse(&f, NVMX_OPT_CGROUP, "/", err, sizeof(err)), 0);
	nvmx_vm_filter_apply(&f, &o);
	assert_string_equal(o.guest, "web1");
	assert_true(o.cgroup && o.cgroup[0] == '/');

	assert_int_equal(nvmx_vm_filter_parse(&f, 'g', "", err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "--guest: '' is not a guest name (1..63 characters)");
	memset(name, 'x', NVMX_NAME_MAX);
	name[NVMX_NAME_MAX] = '\0';
	assert_int_equal(nvmx_vm_filter_parse(&f, 'g', name, err, sizeof(err)), -EINVAL);
	assert_int_equal(nvmx_vm_filter_parse(&f, NVMX_OPT_CGROUP, "", err, sizeof(err)),
			 -EINVAL);
	assert_string_equal(err, "--cgroup: empty path");
	assert_int_equal(nvmx_vm_filter_parse(&f, NVMX_OPT_CGROUP, "machine.slice",
					      err, sizeof(err)), -EINVAL);
	assert_string_equal(err, "--cgroup 'machine.slice': not a cgroup v2 directory nor a "
			    "cgroup path as in /proc/PID/cgroup (e.g. /machine.slice/NAME.scope)");
	/* a directory that is not on cgroup2 */
	assert_int_equal(nvmx_vm_filter_parse(&f, NVMX_OPT_CGROUP, "/sys/fs/cgroup/nonexistent",
					      err, sizeof(err)), -EINVAL);

	/* no filters: NULL in the core's options */
	memset(&f, 0, sizeof(f));
	nvmx_vm_filter_apply(&f, &o);
	assert_null(o.guest);
	assert_null(o.cgroup);
}

/* The options' --help lines, one text for top, record and the exporter */
static void test_usage(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	nvmx_vm_filter_usage(f, 23);	/* nvmx-gpc-top's column */
	nvmx_vm_filter_usage(f, 5);	/* too narrow: the narrowest it can be */
	assert_int_equal(fclose(f), 0);
	assert_string_equal(buf,
"  -g, --guest NAME     only the VM whose guest name (QEMU -name, the\n"
"                       libvirt domain) is NAME\n"
"      --cgroup PATH    only VMs in cgroup v2 PATH or under it (a cgroup2\n"
"                       directory, or a path as in /proc/PID/cgroup)\n"
"  -g, --guest NAME  only the VM whose guest name (QEMU -name, the\n"
"                    libvirt domain) is NAME\n"
"      --cgroup PATH only VMs in cgroup v2 PATH or under it (a cgroup2\n"
"                    directory, or a path as in /proc/PID/cgroup)\n");
	free(buf);
}

/* The /proc reader on this test process: it has no -name */
static void test_proc(void **state)
{
	char buf[NVMX_NAME_MAX];

	(void)state;
	assert_int_equal(nvmx_proc_guest_name(getpid(), buf, sizeof(buf)), -ENOENT);
	assert_string_equal(buf, "");
	assert_true(nvmx_proc_guest_name(INT_MAX, buf, sizeof(buf)) < 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_guest_name),
		cmocka_unit_test(test_cgroup_ids),
		cmocka_unit_test(test_cgroup_ids_twice),
		cmocka_unit_test(test_cgroup2_mount),
		cmocka_unit_test(test_options),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_proc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
