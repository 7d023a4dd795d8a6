// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Helpers shared by every nvmx-gpc tool (see util.h). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* ---- messages -------------------------------------------------------- */

struct nvmx_msg_cfg nvmx_msg = { .prog = "nvmx-gpc" };

static void json_string(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);	/* UTF-8 passes through */
	}
	fputc('"', f);
}

static void vmsg(bool err, const char *fmt, va_list ap)
{
	FILE *f = nvmx_msg.text ? nvmx_msg.text : stderr;
	char buf[1024];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	fprintf(f, "%s: %s\n", nvmx_msg.prog, buf);
	fflush(f);
	if (err && nvmx_msg.json) {
		fputs("{\"error\":", nvmx_msg.json);
		json_string(nvmx_msg.json, buf);
		fputs("}\n", nvmx_msg.json);
		fflush(nvmx_msg.json);
	}
}

void p_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(true, fmt, ap);
	va_end(ap);
}

void p_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(false, fmt, ap);
	va_end(ap);
}

/* ---- option parsers --------------------------------------------------- */

static int bad_value(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int bad_value(char *err, size_t errlen, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (err)
		snprintf(err, errlen, "%s", buf);
	else
		p_err("%s", buf);
	return -EINVAL;
}

/* Decimal digits only, within ULLONG_MAX. */
static int parse_digits(const char *s, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')	/* strtoull takes space, + and - */
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, 10);
	if (errno || *end)
		return -EINVAL;
	return 0;
}

int nvmx_parse_uint(const char *opt, const char *s, unsigned long long min,
		    unsigned long long max, unsigned long long *out,
		    char *err, size_t errlen)
{
	unsigned long long v;

	if (parse_digits(s, &v) || v < min || v > max)
		return bad_value(err, errlen, "%s: '%s' is not an integer in %llu..%llu",
				 opt, s, min, max);
	*out = v;
	return 0;
}

int nvmx_parse_pid(const char *opt, const char *s, pid_t *out,
		   char *err, size_t errlen)
{
	unsigned long long v;

	if (parse_digits(s, &v) || v < 1 || v > NVMX_PID_MAX)
		return bad_value(err, errlen, "%s: '%s' is not a PID (1..%d)",
				 opt, s, NVMX_PID_MAX);
	*out = (pid_t)v;
	return 0;
}

void nvmx_opt_error(int opt, char *const argv[], char *err, size_t errlen)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (opt == ':')
		snprintf(err, errlen, "option '%s' needs an argument (see --help)", arg);
	else if (optopt)	/* a short option; arg may be a group: -bx */
		snprintf(err, errlen, "unknown option '-%c' (see --help)", optopt);
	else
		snprintf(err, errlen, "unknown option '%s' (see --help)", arg);
}

int nvmx_opt_default(int opt, char *const argv[], void (*usage)(FILE *f))
{
	char err[256];

	if (opt == 'h') {
		usage(stdout);
		return NVMX_EXIT_OK;
	}
	if (opt == 'V') {
		printf("%s %s\n", nvmx_msg.prog, NVMX_VERSION);
		return NVMX_EXIT_OK;
	}
	nvmx_opt_error(opt, argv, err, sizeof(err));
	p_err("%s", err);
	return NVMX_EXIT_USAGE;
}

int nvmx_no_more_args(int argc, char *const argv[])
{
	if (optind >= argc)
		return 0;
	p_err("unexpected argument '%s' (see --help)", argv[optind]);
	return -EINVAL;
}

/* ---- /proc ------------------------------------------------------------- */

bool nvmx_pid_gone(pid_t pid)
{
	char path[64], buf[512], *p;
	unsigned long threads;
	ssize_t n;
	int fd, i;

	if (pid <= 0)
		return false;
	if (kill(pid, 0) && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	/* "PID (COMM) STATE ...": comm may hold spaces and ')' */
	p = strrchr(buf, ')');
	if (!p || p[1] != ' ' || (p[2] != 'Z' && p[2] != 'X'))
		return false;
	/* a zombie leader with threads left: field 20, num_threads, > 1 */
	p += 2;
	for (i = 3; i < 20 && p; i++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	return !p || sscanf(p, "%lu", &threads) != 1 || threads <= 1;
}

int nvmx_read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ret = 0;

	buf[0] = '\0';
	if (!f)
		return -errno;
	if (fgets(buf, (int)len, f))
		buf[strcspn(buf, "\n")] = '\0';
	else if (ferror(f))
		ret = -EIO;
	fclose(f);
	return ret;
}

const char *nvmx_cpu_model(char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char line[512], *p;

	snprintf(buf, len, "unknown");
	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10) || !(p = strchr(line, ':')))
			continue;
		p++;
		p += strspn(p, " \t");
		p[strcspn(p, "\n")] = '\0';
		snprintf(buf, len, "%s", p);
		break;
	}
	fclose(f);
	return buf;
}

/* ---- files --------------------------------------------------------------- */

void (*nvmx_atomic_write_hook)(size_t written, size_t total);

static int write_all(int fd, const char *buf, size_t len)
{
	const size_t chunk = 65536;
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, buf + done, len - done < chunk ? len - done : chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		done += (size_t)n;
		if (nvmx_atomic_write_hook)
			nvmx_atomic_write_hook(done, len);
	}
	return 0;
}

int nvmx_atomic_write(const char *path, const char *buf, size_t len,
		      char *err, size_t errlen)
{
	char *dir = NULL, *base, tmp[PATH_MAX], proc[64];
	const char *slash = strrchr(path, '/');
	bool anon = true;
	int fd, dfd = -1, ret;
	mode_t um;

	if (!*path || (slash && !slash[1])) {
		snprintf(err, errlen, "%s: not a file name", path);
		return -EINVAL;
	}
	dir = slash ? strndup(path, (size_t)(slash - path) ?: 1) : strdup(".");
	if (!dir) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	base = (char *)(slash ? slash + 1 : path);
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.%s.tmp.%ld.XXXXXX", dir, base,
			     (long)getpid()) >= sizeof(tmp)) {
		snprintf(err, errlen, "%s: path too long", path);
		ret = -ENAMETOOLONG;
		goto free_dir;
	}
	/*
	 * Prefer an unnamed O_TMPFILE: killed before the link below, the
	 * write leaves nothing behind at all.
	 */
	fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0644);
	if (fd < 0) {
		anon = false;
		fd = mkstemp(tmp);
		if (fd < 0) {
			ret = -errno;
			snprintf(err, errlen, "%s: cannot create temporary file in %s: %s",
				 path, dir, strerror(errno));
			goto free_dir;
		}
		um = umask(0);
		umask(um);
		if (fchmod(fd, 0666 & ~um)) {
			ret = -errno;
			snprintf(err, errlen, "%s: chmod: %s", tmp, strerror(errno));
			goto close_fd;
		}
	}
	ret = write_all(fd, buf, len);
	if (!ret && fsync(fd))
		ret = -errno;
	if (ret) {
		snprintf(err, errlen, "%s: write: %s", path, strerror(-ret));
		goto close_fd;
	}
	if (anon) {
		/* Give the complete file a temporary name, then rename it. */
		int tries;

		for (tries = 0; tries < 100; tries++) {
			snprintf(tmp, sizeof(tmp), "%s/.%s.tmp.%ld.%d", dir, base,
				 (long)getpid(), tries);
			snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
			if (!linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW))
				break;
			if (errno == EEXIST)
				continue;
			if (!linkat(fd, "", AT_FDCWD, tmp, AT_EMPTY_PATH))
				break;
			ret = -errno;
			snprintf(err, errlen, "%s: cannot link temporary file: %s",
				 path, strerror(errno));
			goto close_fd;
		}
		if (tries == 100) {
			ret = -EEXIST;
			snprintf(err, errlen, "%s: cannot name temporary file", path);
			goto close_fd;
		}
	}
	if (rename(tmp, path)) {
		ret = -errno;
		snprintf(err, errlen, "%s: rename: %s", path, strerror(errno));
		goto unlink_tmp;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	close(fd);
	free(dir);
	return 0;
unlink_tmp:
	if (anon)
		unlink(tmp);
close_fd:
	if (!anon)
		unlink(tmp);
	close(fd);
free_dir:
	free(dir);
	return ret;
}
