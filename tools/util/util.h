/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * Small helpers that every nvmx-gpc tool shares: messages, option
 * parsers, /proc reads and the atomic file write.  libc only, so that
 * any binary can link it (the exporter without json-c, the workload
 * without sanitizers).  The command line they serve: docs/cli.md.
 */
#ifndef NVMX_UTIL_H
#define NVMX_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* What every tool prints for -V, --version. */
#define NVMX_VERSION "0.1.0"

/* Exit statuses of every tool (docs/cli.md, "Exit status"). */
#define NVMX_EXIT_OK	0	/* done; also -h and -V */
#define NVMX_EXIT_FAIL	1	/* the command line was fine, the work failed */
#define NVMX_EXIT_USAGE	2	/* bad command line, or input that cannot be used */

/* ---- messages (bpftool's p_err and p_info) ---------------------------- */

/*
 * prog: the name before every message ("nvmx-gpc record").  text: where
 * messages go (NULL: stderr).  json: in a tool's JSON mode, p_err also
 * writes the error there as one JSON object, {"error":"MESSAGE"}, so that
 * a consumer of the JSON stream sees why it ended (NULL: no JSON mode).
 */
struct nvmx_msg_cfg {
	const char *prog;
	FILE *text;
	FILE *json;
};
extern struct nvmx_msg_cfg nvmx_msg;

/* "PROG: MESSAGE" on one line; the JSON twin in JSON mode. */
void p_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "PROG: MESSAGE" on one line, never JSON (progress, warnings). */
void p_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- option parsers ------------------------------------------------------ */

/* Largest PID the kernel hands out (PID_MAX_LIMIT on 64-bit). */
#define NVMX_PID_MAX 4194304

/*
 * Parse s as a decimal integer in min..max: no sign, no space, no other
 * character.  On bad input return -EINVAL with one line,
 * "OPT: 'S' is not an integer in MIN..MAX", in err (err NULL: p_err it).
 */
int nvmx_parse_uint(const char *opt, const char *s, unsigned long long min,
		    unsigned long long max, unsigned long long *out,
		    char *err, size_t errlen);

/* The same for a PID: "OPT: 'S' is not a PID (1..4194304)". */
int nvmx_parse_pid(const char *opt, const char *s, pid_t *out,
		   char *err, size_t errlen);

/*
 * The ends of a getopt_long() loop, the same in every tool.  The loop
 * runs with opterr = 0 and an optstring that starts with ':' (after a
 * '+'), so that a missing argument is ':' and an unknown option '?'.
 *
 * nvmx_opt_error: the message for ':' or '?' in err: "option 'ARG' needs
 * an argument (see --help)" or "unknown option 'ARG' (see --help)".
 * nvmx_opt_default: the default: branch; for 'h' print usage on stdout,
 * for 'V' "PROG VERSION", and return NVMX_EXIT_OK; else p_err
 * nvmx_opt_error's message and return NVMX_EXIT_USAGE.
 * nvmx_no_more_args: an argument is left after the options; p_err
 * "unexpected argument 'ARG' (see --help)" and return -EINVAL, else 0.
 */
void nvmx_opt_error(int opt, char *const argv[], char *err, size_t errlen);
int nvmx_opt_default(int opt, char *const argv[], void (*usage)(FILE *f));
int nvmx_no_more_args(int argc, char *const argv[]);

/* ---- /proc ----------------------------------------------------------------- */

/*
 * The process has exited: there is no such process, or only its zombie
 * is left (it exited and its parent has not reaped it yet: it still
 * answers kill(pid, 0)).  A thread group leader that exited while other
 * threads run is a zombie too, but its process is not gone.
 * pid <= 0 is never gone.
 */
bool nvmx_pid_gone(pid_t pid);

/* First line of a file without its newline; "" and -errno on failure. */
int nvmx_read_line(const char *path, char *buf, size_t len);

/* The "model name" of the first CPU in /proc/cpuinfo, or "unknown". */
const char *nvmx_cpu_model(char *buf, size_t len);

/* ---- files ------------------------------------------------------------------- */

/*
 * Replace path with buf atomically: write a temporary file in path's
 * directory, fsync it, rename it over path, fsync the directory.  A
 * failure leaves the old file and no temporary one; so does a crash
 * while writing where the file system has O_TMPFILE (the temporary file
 * has no name until it is complete).  The new file's mode is 0666 less
 * the umask.  Returns 0 or -errno with one line in err.
 */
int nvmx_atomic_write(const char *path, const char *buf, size_t len,
		      char *err, size_t errlen);

/* Tests: called after each chunk written to the temporary file. */
extern void (*nvmx_atomic_write_hook)(size_t written, size_t total);

#endif /* NVMX_UTIL_H */
