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
#include "args.h"
#include "keep.h"
#include "prom.h"
#include "util.h"

struct exporter {
	struct nvmx_core *core;
	pthread_mutex_t lock;		/* core snapshots, outliers */
	const char *textfile;
	bool per_vcpu;			/* nvmx_gpc_vcpu_* families */
	bool than;			/* --than: the outlier families */
	struct nvmx_keep *keep;		/* exited VMs, under lock */
	struct nvmx_prom_outliers outl;	/* --than, under lock */
	unsigned long long scrapes;
	unsigned long long scrape_errors;
};

/* ---- rendering ------------------------------------------------------ */

static double mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * --than: count the outliers the probes logged since the last call, and
 * those they dropped (under e->lock).  Each render does it before its
 * snapshot (the VM of every outlier counted is then in it), and the main
 * thread every second between renders, so the ring buffer never fills
 * while nobody scrapes.
 */
static int drain_outliers(struct exporter *e)
{
	unsigned int k;
	int n;

	if (!e->than)
		return 0;
	n = nvmx_core_outliers(e->core, nvmx_prom_outlier_count, &e->outl);
	for (k = 0; k < NVMX_OUT_NR; k++)
		e->outl.dropped[k] = nvmx_core_outliers_dropped(e->core, k);
	return n < 0 ? n : 0;
}

/* The outlier families of the VMs of view; forget the VMs not in it */
static int write_outliers(struct exporter *e, FILE *f, const struct nvmx_snapshot *view)
{
	if (!e->than)
		return 0;
	nvmx_prom_outliers_prune(&e->outl, view);
	return nvmx_prom_write_outliers(f, e->core, view, &e->outl);
}

/* Render the current metrics into a malloc'ed buffer. */
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
	err = drain_outliers(e);
	if (!err)
		err = nvmx_core_snapshot(e->core, &s);
	if (!err)
		err = nvmx_keep_apply(e->keep, s, mono_secs(), &view);
	if (!err) {
		err = nvmx_prom_write(f, e->core, view, e->per_vcpu);
		if (!err)
			err = write_outliers(e, f, view);
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

static void timespec_add(struct timespec *t, double secs)
{
	long long ns = t->tv_nsec + (long long)(secs * 1e9);

	t->tv_sec += (time_t)(ns / 1000000000LL);
	t->tv_nsec = (long)(ns % 1000000000LL);
}

/* a - b in seconds */
static double timespec_diff(const struct timespec *a, const struct timespec *b)
{
	return (double)(a->tv_sec - b->tv_sec) + (double)(a->tv_nsec - b->tv_nsec) * 1e-9;
}

/*
 * Until SIGINT or SIGTERM: write the textfile every interval seconds (and
 * on SIGHUP) and, with --than, drain the outlier ring every second.  0,
 * or -errno when waiting fails.
 */
static int serve(struct exporter *e, const sigset_t *sigs, unsigned long long interval)
{
	struct timespec now, next;
	char msg[PATH_MAX + 256];
	int err;

	clock_gettime(CLOCK_MONOTONIC, &next);
	timespec_add(&next, e->textfile ? (double)interval : 3600);
	for (;;) {
		double left;
		struct timespec ts;
		int sig;

		clock_gettime(CLOCK_MONOTONIC, &now);
		left = timespec_diff(&next, &now);
		if (e->than && left > 1)
			left = 1;
		ts.tv_sec = left > 0 ? (time_t)left : 0;
		ts.tv_nsec = left > 0 ? (long)((left - (double)ts.tv_sec) * 1e9) : 0;
		sig = sigtimedwait(sigs, NULL, &ts);
		if (sig == SIGINT || sig == SIGTERM)
			return 0;
		if (sig < 0 && errno != EAGAIN && errno != EINTR) {
			err = -errno;
			p_err("sigtimedwait: %s", strerror(errno));
			return err;
		}
		pthread_mutex_lock(&e->lock);
		err = drain_outliers(e);
		pthread_mutex_unlock(&e->lock);
		if (err)
			p_err("reading the outliers: %s", strerror(-err));
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (sig != SIGHUP && timespec_diff(&next, &now) > 0)
			continue;	/* SIGHUP: write the textfile now */
		next = now;
		timespec_add(&next, e->textfile ? (double)interval : 3600);
		if (e->textfile) {
			err = write_textfile(e, msg, sizeof(msg));
			if (err)	/* keep running: the disk may come back */
				p_err("cannot write the textfile: %s", msg);
		}
	}
}

static struct MHD_Daemon *start_http(struct exporter *e, int lfd, bool v6,
				     const char *listen_spec)
{
	struct MHD_Daemon *mhd;

	mhd = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD |
			       MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0),
			       0, NULL, NULL, handle, e,
			       MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
			       MHD_OPTION_LISTEN_SOCKET, lfd,
			       MHD_OPTION_CONNECTION_LIMIT, 64u,
			       MHD_OPTION_CONNECTION_TIMEOUT, 10u,
			       MHD_OPTION_END);
	if (!mhd)
		p_err("cannot start the HTTP server on %s", listen_spec);
	else
		p_info("serving http://%s/metrics", listen_spec);
	return mhd;
}

/* Open and attach the probe core; 0 or NVMX_EXIT_FAIL (said why) */
static int open_core(struct exporter *e, struct nvmx_opts *o)
{
	int err;

	/* rows of exited VMs go back to the kernel; keep.c exports them a while */
	o->prune_dead = true;
	err = nvmx_core_open(o, &e->core);
	if (err == -ESRCH) {
		p_err("no process with PID %d", (int)o->pid);
		return NVMX_EXIT_FAIL;
	} else if (err) {
		p_err("%s", nvmx_core_open_error(err));
		return NVMX_EXIT_FAIL;
	}
	err = nvmx_core_attach(e->core);
	if (err) {
		p_err("cannot attach probes: %s", nvmx_core_strerror(e->core));
		return NVMX_EXIT_FAIL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct exporter e = { .lock = PTHREAD_MUTEX_INITIALIZER };
	struct MHD_Daemon *mhd = NULL;
	char msg[PATH_MAX + 256];
	struct exp_args a;
	sigset_t sigs;
	int lfd = -1, ret = NVMX_EXIT_FAIL;
	bool v6 = false;

	nvmx_msg.prog = EXP_PROG;
	ret = exp_parse_args(argc, argv, &a, stdout, msg, sizeof(msg));
	if (ret) {
		if (ret < 0)
			p_err("%s", msg);
		return ret < 0 ? NVMX_EXIT_USAGE : NVMX_EXIT_OK;
	}
	ret = NVMX_EXIT_FAIL;
	e.textfile = a.textfile;
	e.per_vcpu = a.per_vcpu;
	e.than = a.core.than_ns > 0;

	/* Signals are handled synchronously by the main thread only. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (a.listen) {
		char why[160] = "";

		lfd = open_listener(a.listen, &v6, why, sizeof(why));
		if (lfd < 0) {
			p_err("cannot listen on %s: %s", a.listen,
			      why[0] ? why : strerror(-lfd));
			return NVMX_EXIT_FAIL;
		}
	}

	e.keep = nvmx_keep_new((double)a.keep, NULL);
	if (!e.keep) {
		p_err("out of memory");
		goto close_listener;
	}
	if (open_core(&e, &a.core))
		goto close_core;
	if (lfd >= 0) {
		mhd = start_http(&e, lfd, v6, a.listen);
		if (!mhd)
			goto close_core;
		lfd = -1;	/* owned by libmicrohttpd now */
	}
	if (e.textfile) {
		if (write_textfile(&e, msg, sizeof(msg))) {
			p_err("cannot write the textfile: %s", msg);
			goto stop_http;
		}
		p_info("writing %s every %llu s", e.textfile, a.interval);
	}
	if (!serve(&e, &sigs, a.interval))
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
	nvmx_prom_outliers_free(&e.outl);
	return ret;
}
