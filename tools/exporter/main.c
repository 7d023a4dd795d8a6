// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc-exporter: serve the nvmx-gpc probe core's counters and
 * histograms as Prometheus metrics (/metrics, text format 0.0.4) over
 * HTTP (libmicrohttpd), and/or write them to a file for node_exporter's
 * textfile collector.
 *
 * Threads: libmicrohttpd runs one internal polling thread that answers
 * requests one at a time; the main thread waits for signals and writes
 * the textfile.  Both read the BPF maps through the core under one mutex.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "nvmx_core.h"
#include "keep.h"
#include "prom.h"
#include "util.h"

#define PROG "nvmx-gpc-exporter"
#define DEFAULT_LISTEN "127.0.0.1:9478"

struct exporter {
	struct nvmx_core *core;
	pthread_mutex_t lock;		/* core snapshots */
	const char *textfile;
	bool per_vcpu;			/* nvmx_gpc_vcpu_* families */
	struct nvmx_keep *keep;		/* exited VMs, under lock */
	unsigned long long scrapes;
	unsigned long long scrape_errors;
};

static void usage(FILE *f)
{
	fprintf(f,
"usage: " PROG " [options]\n"
"      --listen ADDR:PORT  serve /metrics there (default " DEFAULT_LISTEN ");\n"
"                          [::1]:PORT for IPv6; 'none' = no HTTP server\n"
"      --textfile PATH     also write the metrics to PATH atomically (for\n"
"                          node_exporter's textfile collector: name it *.prom)\n"
"  -i, --interval SECS     textfile write period (default 15)\n"
"  -p, --pid PID           only this VM process\n"
"  -g, --guest NAME        only the VM whose guest name (QEMU -name, the\n"
"                          libvirt domain) is NAME\n"
"      --cgroup PATH       only VMs in cgroup v2 PATH or under it (a cgroup2\n"
"                          directory, or a path as in /proc/PID/cgroup)\n"
"  -k, --hist-k K          histogram sub-bucket bits 0..%d (default %d)\n"
"  -T, --no-per-vcpu       leave out the per-thread nvmx_gpc_vcpu_* series\n"
"  -K, --keep-exited SECS  export a VM's final counts for SECS after it exits\n"
"                          (default 300), then drop them\n"
"      --counts-only       count, measure no latency: no clock read in the\n"
"                          probes, fewer programs, no histogram families\n"
"      --no-reasons        do not read exit reasons (cheaper probes): no\n"
"                          nvmx_gpc_exits_total, nvmx_gpc_exit_latency_seconds\n"
"  -v, --verbose           libbpf warnings to stderr\n"
"  -h, --help              this help\n"
"  -V, --version           version\n"
"Metrics: docs/exporter.md.  Stop with SIGINT or SIGTERM.  Exit status:\n"
"0 stopped by a signal, 1 failure, 2 bad usage (docs/cli.md).\n",
		NVMX_HIST_K_MAX, NVMX_HIST_K_DEFAULT);
}

/* ---- rendering ------------------------------------------------------ */

/* Render the current metrics into a malloc'ed buffer. */
static double mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int render(struct exporter *e, char **buf, size_t *len)
{
	const struct nvmx_snapshot *view = NULL;
	struct nvmx_snapshot *s = NULL;
	FILE *f;
	int err;

	*buf = NULL;
	*len = 0;
	f = open_memstream(buf, len);
	if (!f)
		return -errno;
	pthread_mutex_lock(&e->lock);
	err = nvmx_core_snapshot(e->core, &s);
	if (!err)
		err = nvmx_keep_apply(e->keep, s, mono_secs(), &view);
	if (!err) {
		err = nvmx_prom_write(f, e->core, view, e->per_vcpu);
		e->scrapes++;
	} else {
		e->scrape_errors++;
	}
	if (!err) {
		fprintf(f, "# HELP nvmx_gpc_exporter_renders_total Metric renders (scrapes and textfile writes) by this exporter.\n"
			"# TYPE nvmx_gpc_exporter_renders_total counter\n"
			"nvmx_gpc_exporter_renders_total %llu\n"
			"# HELP nvmx_gpc_exporter_render_errors_total Renders that failed to read the BPF maps.\n"
			"# TYPE nvmx_gpc_exporter_render_errors_total counter\n"
			"nvmx_gpc_exporter_render_errors_total %llu\n",
			e->scrapes, e->scrape_errors);
	}
	pthread_mutex_unlock(&e->lock);
	if (view && view != s)
		nvmx_snapshot_free((struct nvmx_snapshot *)view);
	nvmx_snapshot_free(s);
	if (fclose(f) && !err)
		err = -EIO;
	if (err) {
		free(*buf);
		*buf = NULL;
	}
	return err;
}

/*
 * Write the textfile atomically (tools/util: temporary file in the same
 * directory, fsync, rename, fsync of the directory).
 */
static int write_textfile(struct exporter *e, char *msg, size_t mlen)
{
	size_t len;
	char *buf;
	int err;

	err = render(e, &buf, &len);
	if (err) {
		snprintf(msg, mlen, "%s: %s", e->textfile, strerror(-err));
		return err;
	}
	err = nvmx_atomic_write(e->textfile, buf, len, msg, mlen);
	free(buf);
	return err;
}

/* ---- HTTP ----------------------------------------------------------- */

static const char index_page[] =
	"<html><head><title>nvmx-gpc exporter</title></head><body>"
	"<h1>nvmx-gpc exporter</h1><p><a href=\"/metrics\">Metrics</a></p>"
	"</body></html>\n";

static enum MHD_Result reply(struct MHD_Connection *conn, unsigned int status,
			     const char *type, char *body, size_t len,
			     enum MHD_ResponseMemoryMode mode)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(len, body, mode);
	if (!r) {
		if (mode == MHD_RESPMEM_MUST_FREE)
			free(body);
		return MHD_NO;
	}
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn,
			      const char *url, const char *method,
			      const char *version, const char *upload_data,
			      size_t *upload_data_size, void **req_cls)
{
	static int first_call_marker;
	struct exporter *e = cls;
	size_t len;
	char *buf;
	int err;

	(void)version;
	(void)upload_data;
	if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD))
		return reply(conn, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
			     (char *)"only GET and HEAD\n", 18, MHD_RESPMEM_PERSISTENT);
	/* First call: headers only; answer on the second (no body expected). */
	if (*req_cls != &first_call_marker) {
		*req_cls = &first_call_marker;
		return MHD_YES;
	}
	if (*upload_data_size)
		return MHD_NO;
	if (!strcmp(url, "/"))
		return reply(conn, MHD_HTTP_OK, "text/html", (char *)index_page,
			     sizeof(index_page) - 1, MHD_RESPMEM_PERSISTENT);
	if (strcmp(url, "/metrics"))
		return reply(conn, MHD_HTTP_NOT_FOUND, "text/plain",
			     (char *)"not found: try /metrics\n", 24,
			     MHD_RESPMEM_PERSISTENT);
	err = render(e, &buf, &len);
	if (err) {
		char msg[160];
		int n = snprintf(msg, sizeof(msg), "cannot read BPF maps: %s\n",
				 strerror(-err));

		buf = strdup(msg);
		if (!buf)
			return MHD_NO;
		return reply(conn, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain",
			     buf, (size_t)n, MHD_RESPMEM_MUST_FREE);
	}
	return reply(conn, MHD_HTTP_OK, NVMX_PROM_CONTENT_TYPE, buf, len,
		     MHD_RESPMEM_MUST_FREE);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fprintf(stderr, "%s: http: ", nvmx_msg.prog);
	vfprintf(stderr, fmt, ap);	/* libmicrohttpd's messages end in \n */
}

/*
 * Parse ADDR:PORT ([V6ADDR]:PORT) and open a listening socket ourselves,
 * so a port in use gives a precise one-line error before any BPF is
 * loaded.  Returns the fd or -errno; *v6 set for IPv6.
 */
static int open_listener(const char *spec, bool *v6, char *why, size_t wlen)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_NUMERICSERV };
	char host[256], *port;
	struct addrinfo *ai;
	int fd, one = 1, rc;

	if (strlen(spec) >= sizeof(host)) {
		snprintf(why, wlen, "address too long");
		return -EINVAL;
	}
	if (spec[0] == '[') {
		char *close_br;

		snprintf(host, sizeof(host), "%s", spec + 1);
		close_br = strchr(host, ']');
		if (!close_br || close_br[1] != ':') {
			snprintf(why, wlen, "want [IPV6]:PORT");
			return -EINVAL;
		}
		*close_br = 0;
		port = close_br + 2;
	} else {
		snprintf(host, sizeof(host), "%s", spec);
		port = strrchr(host, ':');
		if (!port) {
			snprintf(why, wlen, "want ADDR:PORT");
			return -EINVAL;
		}
		*port++ = 0;
	}
	if (!*host || !*port || strspn(port, "0123456789") != strlen(port) ||
	    atoi(port) < 1 || atoi(port) > 65535) {
		snprintf(why, wlen, "want ADDR:PORT with a port 1..65535");
		return -EINVAL;
	}
	rc = getaddrinfo(host, port, &hints, &ai);
	if (rc) {
		snprintf(why, wlen, "%s", gai_strerror(rc));
		return -EINVAL;
	}
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		goto free_ai;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (ai->ai_family == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one));
	if (bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 64)) {
		rc = -errno;
		close(fd);
		goto free_ai;
	}
	*v6 = ai->ai_family == AF_INET6;
	rc = fd;
free_ai:
	if (rc < 0 && !why[0])
		snprintf(why, wlen, "%s", strerror(-rc));
	freeaddrinfo(ai);
	return rc;
}

/* ---- main ----------------------------------------------------------- */

int main(int argc, char **argv)
{
	enum { O_LISTEN = 256, O_TEXTFILE, O_COUNTS_ONLY, O_NO_REASONS };
	static const struct option lopts[] = {
		{ "listen", required_argument, NULL, O_LISTEN },
		{ "textfile", required_argument, NULL, O_TEXTFILE },
		{ "interval", required_argument, NULL, 'i' },
		{ "pid", required_argument, NULL, 'p' },
		NVMX_VM_FILTER_LONGOPTS,
		{ "hist-k", required_argument, NULL, 'k' },
		{ "no-per-vcpu", no_argument, NULL, 'T' },
		{ "keep-exited", required_argument, NULL, 'K' },
		{ "counts-only", no_argument, NULL, O_COUNTS_ONLY },
		{ "no-reasons", no_argument, NULL, O_NO_REASONS },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{}
	};
	struct exporter e = { .lock = PTHREAD_MUTEX_INITIALIZER, .per_vcpu = true };
	const char *listen_spec = DEFAULT_LISTEN;
	struct MHD_Daemon *mhd = NULL;
	unsigned long long interval = 15, keep = 300, v;
	char msg[PATH_MAX + 256];
	struct nvmx_vm_filter vmf = { 0 };
	struct nvmx_opts o;
	sigset_t sigs;
	int lfd = -1, err, opt, ret = NVMX_EXIT_FAIL;
	bool v6 = false;

	nvmx_msg.prog = PROG;
	nvmx_opts_init(&o);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":i:p:g:k:TK:vhV", lopts, NULL)) != -1) {
		switch (opt) {
		case O_LISTEN:
			listen_spec = optarg;
			break;
		case O_TEXTFILE:
			e.textfile = optarg;
			break;
		case 'i':
			if (nvmx_parse_uint("--interval", optarg, 1, 86400, &interval, NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case 'p':
			if (nvmx_parse_pid("--pid", optarg, &o.pid, NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case 'g':
		case NVMX_OPT_CGROUP:
			if (nvmx_vm_filter_parse(&vmf, opt, optarg, msg, sizeof(msg))) {
				p_err("%s", msg);
				return NVMX_EXIT_USAGE;
			}
			break;
		case 'k':
			if (nvmx_parse_uint("--hist-k", optarg, 0, NVMX_HIST_K_MAX, &v, NULL, 0))
				return NVMX_EXIT_USAGE;
			o.hist_k = (unsigned int)v;
			break;
		case 'T':
			e.per_vcpu = false;
			break;
		case 'K':
			if (nvmx_parse_uint("--keep-exited", optarg, 0, 7 * 86400, &keep, NULL, 0))
				return NVMX_EXIT_USAGE;
			break;
		case O_COUNTS_ONLY:
			o.counts_only = true;
			break;
		case O_NO_REASONS:
			o.no_reasons = true;
			break;
		case 'v':
			o.verbose++;
			break;
		default:	/* -h, -V, errors */
			return nvmx_opt_default(opt, argv, usage);
		}
	}
	if (nvmx_no_more_args(argc, argv))
		return NVMX_EXIT_USAGE;
	if (!strcmp(listen_spec, "none"))
		listen_spec = NULL;
	if (!listen_spec && !e.textfile) {
		p_err("nothing to do: --listen none needs --textfile PATH");
		return NVMX_EXIT_USAGE;
	}

	/* Signals are handled synchronously by the main thread only. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (listen_spec) {
		char why[160] = "";

		lfd = open_listener(listen_spec, &v6, why, sizeof(why));
		if (lfd < 0) {
			p_err("cannot listen on %s: %s", listen_spec,
			      why[0] ? why : strerror(-lfd));
			return NVMX_EXIT_FAIL;
		}
	}

	nvmx_vm_filter_apply(&vmf, &o);
	/* rows of exited VMs go back to the kernel; keep.c exports them a while */
	o.prune_dead = true;
	e.keep = nvmx_keep_new((double)keep, NULL);
	if (!e.keep) {
		p_err("out of memory");
		goto close_listener;
	}
	err = nvmx_core_open(&o, &e.core);
	if (err == -ESRCH) {
		p_err("no process with PID %d", (int)o.pid);
		goto close_listener;
	} else if (err) {
		p_err("%s", nvmx_core_open_error(err));
		goto close_listener;
	}
	err = nvmx_core_attach(e.core);
	if (err) {
		p_err("cannot attach probes: %s", nvmx_core_strerror(e.core));
		goto close_core;
	}

	if (lfd >= 0) {
		mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
				       MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0),
				       0, NULL, NULL, handle, &e,
				       MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
				       MHD_OPTION_LISTEN_SOCKET, lfd,
				       MHD_OPTION_CONNECTION_LIMIT, 64u,
				       MHD_OPTION_CONNECTION_TIMEOUT, 10u,
				       MHD_OPTION_END);
		if (!mhd) {
			p_err("cannot start the HTTP server on %s", listen_spec);
			goto close_core;
		}
		lfd = -1;	/* owned by libmicrohttpd now */
		p_info("serving http://%s/metrics", listen_spec);
	}
	if (e.textfile) {
		err = write_textfile(&e, msg, sizeof(msg));
		if (err) {
			p_err("cannot write the textfile: %s", msg);
			goto stop_http;
		}
		p_info("writing %s every %llu s", e.textfile, interval);
	}

	for (;;) {
		struct timespec ts = { .tv_sec = e.textfile ? (time_t)interval : 3600 };
		int sig = sigtimedwait(&sigs, NULL, &ts);

		if (sig == SIGINT || sig == SIGTERM)
			break;
		if (sig < 0 && errno != EAGAIN && errno != EINTR) {
			p_err("sigtimedwait: %s", strerror(errno));
			goto stop_http;
		}
		if (e.textfile) {
			err = write_textfile(&e, msg, sizeof(msg));
			if (err)	/* keep running: the disk may come back */
				p_err("cannot write the textfile: %s", msg);
		}
	}
	ret = NVMX_EXIT_OK;

stop_http:
	if (mhd)
		MHD_stop_daemon(mhd);
close_core:
	nvmx_core_close(e.core);
close_listener:
	if (lfd >= 0)
		close(lfd);
	nvmx_keep_free(e.keep);
	return ret;
}
