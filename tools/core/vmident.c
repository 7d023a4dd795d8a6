// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Who a VM is, from /proc: its guest name (QEMU's -name, which libvirt
 * sets to guest=DOMAIN) and its cgroup, and the -g/--cgroup filters of
 * every front end that use them (docs/metrics.md, "Guest names and
 * cgroups").
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "core_priv.h"
#include "util.h"

#ifndef CGROUP2_SUPER_MAGIC
#define CGROUP2_SUPER_MAGIC 0x63677270
#endif

/*
 * Copy the QEMU option element at s (up to an unescaped ','; ",," is a
 * literal comma) into buf; returns where the next element starts.
 */
static const char *qemu_opt_next(const char *s, char *buf, size_t len)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ',') {
			if (s[1] != ',')
				return s + 1;
			s++;
		}
		if (n + 1 < len)
			buf[n++] = *s;
	}
	buf[n] = '\0';
	return s;
}

int nvmx_guest_name(const char *cmdline, size_t len, char *buf, size_t buflen)
{
	const char *p = cmdline, *end = cmdline + len, *val = NULL;
	char elem[NVMX_NAME_MAX + 8];
	bool first = true;

	if (!buflen)
		return -EINVAL;
	buf[0] = '\0';
	/* arguments are NUL-terminated; the last -name wins, as in QEMU */
	while (p < end) {
		size_t n = strnlen(p, (size_t)(end - p));

		if (p + n >= end)
			break;		/* unterminated: cut off */
		if ((!strcmp(p, "-name") || !strcmp(p, "--name")) && p + n + 1 < end &&
		    strnlen(p + n + 1, (size_t)(end - p - n - 1)) < (size_t)(end - p - n - 1))
			val = p + n + 1;
		p += n + 1;
	}
	if (!val)
		return -ENOENT;
	/*
	 * -name guest=NAME[,...] (libvirt) or -name NAME[,...]: the first
	 * element's implied key is guest.
	 */
	while (*val) {
		memset(elem, 0, sizeof(elem));
		val = qemu_opt_next(val, elem, sizeof(elem));
		elem[sizeof(elem) - 1] = '\0';
		if (!strncmp(elem, "guest=", 6))
			snprintf(buf, buflen, "%.*s", NVMX_NAME_MAX - 1, elem + 6);
		else if (first && !strchr(elem, '='))
			snprintf(buf, buflen, "%.*s", NVMX_NAME_MAX - 1, elem);
		first = false;
	}
	return buf[0] ? 0 : -ENOENT;
}

int nvmx_proc_guest_name(pid_t pid, char *buf, size_t len)
{
	char path[64], cmd[4096];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, cmd, sizeof(cmd));
	close(fd);
	if (n < 0)
		return -errno;
	return nvmx_guest_name(cmd, (size_t)n, buf, len);
}

int nvmx_cgroup2_mount(const char *mounts, char *mnt, size_t len)
{
	struct mntent me, *m;
	char buf[8192];
	int ret = -ENOENT;
	FILE *f;

	/* getmntent_r() also undoes the escapes of spaces in the paths */
	f = setmntent(mounts ? mounts : "/proc/self/mounts", "r");
	if (!f)
		return -errno;
	while ((m = getmntent_r(f, &me, buf, sizeof(buf)))) {
		if (strcmp(m->mnt_type, "cgroup2"))
			continue;
		if (strlen(m->mnt_dir) >= len) {
			ret = -ENAMETOOLONG;
		} else {
			snprintf(mnt, len, "%s", m->mnt_dir);
			ret = 0;
		}
		break;
	}
	endmntent(f);
	return ret;
}

/* Is path a directory of a cgroup2 filesystem? */
static bool cgroup2_dir(const char *path)
{
	struct statfs sf;
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode) && !statfs(path, &sf) &&
	       (unsigned long)sf.f_type == CGROUP2_SUPER_MAGIC;
}

int nvmx_cgroup_arg(const char *arg, char *out, size_t len, char *err, size_t errlen)
{
	char real[PATH_MAX], mnt[2048], path[PATH_MAX + 2048];
	struct stat st;

	if (!arg[0]) {
		snprintf(err, errlen, "--cgroup: empty path");
		return -EINVAL;
	}
	/* a directory of a mounted cgroup2 tree */
	if (cgroup2_dir(arg) && realpath(arg, real)) {
		snprintf(out, len, "%s", real);
		return 0;
	}
	/* a path as /proc/PID/cgroup shows it ("0::PATH") */
	if (arg[0] == '/' && strncmp(arg, "/sys/fs/cgroup", 14)) {
		if (nvmx_cgroup2_mount(NULL, mnt, sizeof(mnt))) {
			snprintf(err, errlen, "--cgroup '%s': no cgroup2 filesystem is mounted", arg);
			return -EINVAL;
		}
		snprintf(path, sizeof(path), "%s%s", mnt, arg);
		if (cgroup2_dir(path) && realpath(path, real)) {
			snprintf(out, len, "%s", real);
			return 0;
		}
		if (!stat(arg, &st) && S_ISDIR(st.st_mode))
			snprintf(err, errlen, "--cgroup '%s': not a cgroup v2 directory (not on "
				 "a cgroup2 filesystem), nor a cgroup (%s)", arg, path);
		else
			snprintf(err, errlen, "--cgroup '%s': no such cgroup (%s)", arg, path);
		return -EINVAL;
	}
	snprintf(err, errlen, "--cgroup '%s': not a cgroup v2 directory nor a cgroup path "
		 "as in /proc/PID/cgroup (e.g. /machine.slice/NAME.scope)", arg);
	return -EINVAL;
}

/* ---- the cgroup ids under a directory -------------------------------- */

/*
 * The walk of one call of nvmx_cgroup_ids(), as nftw(FTW_PHYS | FTW_MOUNT)
 * did it: every directory that can be opened, symbolic links not
 * followed, no other file system entered.
 */
struct id_walk {
	uint64_t *ids;
	size_t n, cap;
	dev_t dev;		/* the file system of the top directory */
};

static int walk_add(struct id_walk *w, const struct stat *st)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		uint64_t *v = realloc(w->ids, cap * sizeof(*v));

		if (!v)
			return -ENOMEM;
		w->ids = v;
		w->cap = cap;
	}
	/* a cgroup's id (bpf_get_current_cgroup_id()) is its inode number */
	w->ids[w->n++] = (uint64_t)st->st_ino;
	return 0;
}

static int walk_dir(struct id_walk *w, int fd);

/*
 * Entry name of directory dfd: when it is a directory of the walk's file
 * system that can be opened, its id and its subtree.  One that is gone
 * since readdir(), or that cannot be read (EACCES), is left out.
 */
static int walk_entry(struct id_walk *w, int dfd, const char *name)
{
	struct stat st;
	int fd;

	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW))
		return errno == ENOENT || errno == EACCES ? 0 : -errno;
	if (!S_ISDIR(st.st_mode) || st.st_dev != w->dev)
		return 0;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == EACCES ? 0 : -errno;
	if (walk_add(w, &st)) {
		close(fd);
		return -ENOMEM;
	}
	return walk_dir(w, fd);
}

/* The subdirectories of directory fd (closed here) */
static int walk_dir(struct id_walk *w, int fd)
{
	struct dirent *e;
	int err = 0;
	DIR *d;

	d = fdopendir(fd);
	if (!d) {
		err = -errno;
		close(fd);
		return err;
	}
	/* an error of readdir() ends the directory, as in nftw() */
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    (e->d_type != DT_DIR && e->d_type != DT_UNKNOWN))
			continue;
		err = walk_entry(w, dirfd(d), e->d_name);
		if (err)
			break;
	}
	closedir(d);
	return err;
}

static int id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int nvmx_cgroup_ids(const char *dir, uint64_t **ids, size_t *n)
{
	struct id_walk w = { 0 };
	struct stat st;
	int fd, err;

	*ids = NULL;
	*n = 0;
	if (lstat(dir, &st))	/* the cgroup was removed: no thread is in it */
		return errno == ENOENT ? 0 : -errno;
	if (!S_ISDIR(st.st_mode))
		return 0;
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT || errno == EACCES ? 0 : -errno;
	w.dev = st.st_dev;
	err = walk_add(&w, &st);
	if (err)
		close(fd);
	else
		err = walk_dir(&w, fd);
	if (err) {
		free(w.ids);
		return err;
	}
	qsort(w.ids, w.n, sizeof(*w.ids), id_cmp);
	*ids = w.ids;
	*n = w.n;
	return 0;
}

bool nvmx_cgroup_id_in(const uint64_t *ids, size_t n, uint64_t id)
{
	return bsearch(&id, ids, n, sizeof(*ids), id_cmp) != NULL;
}

/* ---- the identity of each traced process, and the filters ------------ */

struct nvmx_vm_ids {
	const char *guest;		/* the filter, NULL: any */
	struct nvmx_vm_id *v;
	size_t n, cap;
	unsigned int gen;		/* of the current sweep */
};

struct nvmx_vm_ids *nvmx_vm_ids_new(const char *guest)
{
	struct nvmx_vm_ids *t = calloc(1, sizeof(*t));

	if (t)
		t->guest = guest;
	return t;
}

void nvmx_vm_ids_free(struct nvmx_vm_ids *t)
{
	if (t)
		free(t->v);
	free(t);
}

/* Field 22 of /proc/PID/stat, the start time; 0 when the process is gone. */
static unsigned long long proc_start(uint32_t tgid)
{
	char path[64], buf[1024], *p;
	unsigned long long start = 0;
	int i;

	snprintf(path, sizeof(path), "/proc/%u/stat", tgid);
	if (nvmx_read_line(path, buf, sizeof(buf)))
		return 0;
	p = strrchr(buf, ')');		/* comm may hold spaces */
	for (i = 2; p && i < 22; i++)
		p = strchr(p + 1, ' ');
	if (p)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

static void vm_id_fill(const struct nvmx_vm_ids *t, struct nvmx_vm_id *id)
{
	nvmx_proc_guest_name((pid_t)id->tgid, id->name, sizeof(id->name));
	id->match = !t->guest || !strcmp(id->name, t->guest);
}

const struct nvmx_vm_id *nvmx_vm_ids_find(const struct nvmx_vm_ids *t, uint32_t tgid)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->v[i].tgid == tgid)
			return &t->v[i];
	return NULL;
}

const struct nvmx_vm_id *nvmx_vm_ids_get(struct nvmx_vm_ids *t, uint32_t tgid)
{
	unsigned long long start = proc_start(tgid);
	struct nvmx_vm_id *id = (struct nvmx_vm_id *)nvmx_vm_ids_find(t, tgid);
	/* known, and the same process (or gone: keep what we knew) */
	if (id && (!start || id->start == start)) {
		id->gen = t->gen;
		return id;
	}
	if (!id) {
		if (t->n == t->cap) {
			size_t cap = t->cap ? 2 * t->cap : 16;
			struct nvmx_vm_id *v = realloc(t->v, cap * sizeof(*v));

			if (!v)
				return NULL;
			t->v = v;
			t->cap = cap;
		}
		id = &t->v[t->n++];
	}
	memset(id, 0, sizeof(*id));
	id->tgid = tgid;
	id->start = start;
	id->gen = t->gen;
	if (start) {
		vm_id_fill(t, id);
	} else {
		/* gone before we saw it: no name to match -g with */
		id->match = !t->guest;
	}
	return id;
}

void nvmx_vm_ids_sweep(struct nvmx_vm_ids *t)
{
	size_t i, k = 0;

	for (i = 0; i < t->n; i++)
		if (t->v[i].gen == t->gen)
			t->v[k++] = t->v[i];
	t->n = k;
	t->gen++;
}

/* ---- the options ----------------------------------------------------- */

int nvmx_vm_filter_parse(struct nvmx_vm_filter *f, int opt, const char *arg,
			 char *err, size_t errlen)
{
	if (opt == 'g') {
		if (!arg[0] || strlen(arg) >= NVMX_NAME_MAX) {
			snprintf(err, errlen, "--guest: '%s' is not a guest name (1..%d characters)",
				 arg, NVMX_NAME_MAX - 1);
			return -EINVAL;
		}
		f->guest = arg;
		return 0;
	}
	return nvmx_cgroup_arg(arg, f->cgroup, sizeof(f->cgroup), err, errlen);
}

void nvmx_vm_filter_usage(FILE *f, int col)
{
	static const struct {
		const char *opt, *help[2];
	} u[] = {
		{ "  -g, --guest NAME", { "only the VM whose guest name (QEMU -name, the",
					  "libvirt domain) is NAME" } },
		{ "      --cgroup PATH", { "only VMs in cgroup v2 PATH or under it (a cgroup2",
					   "directory, or a path as in /proc/PID/cgroup)" } },
	};
	size_t i;

	if (col < NVMX_VM_FILTER_USAGE_COL_MIN)
		col = NVMX_VM_FILTER_USAGE_COL_MIN;
	for (i = 0; i < sizeof(u) / sizeof(u[0]); i++)
		fprintf(f, "%-*s%s\n%*s%s\n", col, u[i].opt, u[i].help[0], col, "",
			u[i].help[1]);
}

void nvmx_vm_filter_apply(const struct nvmx_vm_filter *f, struct nvmx_opts *o)
{
	o->guest = f->guest;
	o->cgroup = f->cgroup[0] ? f->cgroup : NULL;
}
