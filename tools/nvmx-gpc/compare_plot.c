// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc compare --plot DIR: per histogram with samples, a data file, a
 * gnuplot script and its PNG and SVG histogram and CDF overlays.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compare_priv.h"
#include "../core/hist.h"
#include "util.h"

/* Single-quoted gnuplot string: only ' needs doubling. */
static void gp_str(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		if (*s == '\n')
			continue;
		fputc(*s, f);
	}
	fputc('\'', f);
}

static int run_gnuplot(const char *script, char *err, size_t errlen)
{
	pid_t pid;
	int st;

	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -errno;
	}
	if (pid == 0) {
		/*
		 * The scripts are UTF-8 ("set encoding utf8"); in the C locale
		 * (CI, env -i) gnuplot warns that iconv cannot convert them.
		 */
		setenv("LC_ALL", "C.UTF-8", 1);
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
		p_err("cannot run gnuplot: %s", strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0) {
		snprintf(err, errlen, "waitpid: %s", strerror(errno));
		return -errno;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		snprintf(err, errlen, "gnuplot failed on %.200s (status %d)", script,
			 WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		return -EIO;
	}
	return 0;
}

/*
 * DIR/NAME+SUFFIX, a file name for gnuplot.  A relative DIR gets "./" in
 * front, so that no name starts with what gnuplot takes for a pipe ('<'
 * in plot, '|' in set output), a home directory ('~') or, as the script
 * gnuplot runs, an option ('-').  Quotes and backslashes are gp_str's.
 */
static int plot_path(char *buf, size_t len, const char *dir, const char *name,
		     const char *suffix, char *err, size_t errlen)
{
	int n = snprintf(buf, len, "%s%s/%s%s", dir[0] == '/' ? "" : "./", dir,
			 name, suffix);

	if (n < 0 || (size_t)n >= len) {
		snprintf(err, errlen, "--plot: directory name too long");
		return -ENAMETOOLONG;
	}
	return 0;
}

/* "set output 'DIR/NAME-KIND.EXT'" */
static int gp_output(FILE *f, const char *dir, const char *name,
		     const char *kind, const char *ext, char *err, size_t errlen)
{
	char suffix[32], out[4096 + 32];
	int ret;

	snprintf(suffix, sizeof(suffix), "-%s%s", kind, ext);
	ret = plot_path(out, sizeof(out), dir, name, suffix, err, errlen);
	if (ret)
		return ret;
	fprintf(f, "set output ");
	gp_str(f, out);
	fprintf(f, "\n");
	return 0;
}

static int plot_row(const struct cmp *c, const struct row *r, const char *dir,
		    char *err, size_t errlen)
{
	char dat[4096], gp[4096], title[1024], wl[1024], *wb, *wa;
	unsigned int i, first = c->nslots, last = 0;
	double cb = 0, ca = 0;
	int ret;
	FILE *f;

	for (i = 0; i < c->nslots; i++) {
		if (r->pb[i] || r->pa[i]) {
			if (first == c->nslots)
				first = i;
			last = i;
		}
	}
	if (first == c->nslots)
		return 0;
	ret = plot_path(dat, sizeof(dat), dir, r->name, ".dat", err, errlen);
	ret = ret ?: plot_path(gp, sizeof(gp), dir, r->name, ".gp", err, errlen);
	if (ret)
		return ret;
	f = fopen(dat, "w");
	if (!f) {
		snprintf(err, errlen, "%.200s: %s", dat, strerror(errno));
		return -errno;
	}
	fprintf(f, "# %s (%s): slot_lower slot_upper frac_before frac_after cdf_before cdf_after\n",
		r->name, r->unit);
	for (i = first; i <= last; i++) {
		double fb = r->b.n ? (double)r->pb[i] / r->b.n : 0;
		double fa = r->a.n ? (double)r->pa[i] / r->a.n : 0;

		cb += fb;
		ca += fa;
		fprintf(f, "%llu %llu %.9g %.9g %.9g %.9g\n",
			(unsigned long long)nvmx_hist_lower(i, c->k),
			(unsigned long long)nvmx_hist_upper(i, c->k) + 1, fb, fa,
			r->b.n ? cb : 0, r->a.n ? ca : 0);
	}
	if (fclose(f)) {
		snprintf(err, errlen, "%.200s: %s", dat, strerror(errno));
		return -EIO;
	}
	wb = cmp_argv_str(&c->rb->meta);
	wa = cmp_argv_str(&c->ra->meta);
	snprintf(title, sizeof(title), "%s (%s): before kernel %s, after kernel %s",
		 r->name, r->unit, c->rb->meta.kernel_release, c->ra->meta.kernel_release);
	snprintf(wl, sizeof(wl), "workload: %s%s%s", wb && *wb ? wb : "(none)",
		 wa && strcmp(wa, wb ? wb : "") ? " / after: " : "",
		 wa && strcmp(wa, wb ? wb : "") ? wa : "");
	free(wb);
	free(wa);
	f = fopen(gp, "w");
	if (!f) {
		snprintf(err, errlen, "%.200s: %s", gp, strerror(errno));
		return -errno;
	}
	fprintf(f, "set encoding utf8\nset datafile commentschars '#'\n");
	fprintf(f, "set logscale x 2\nset grid\nset key top right\nset format x '%%.0f'\n");
	/* explicit, so that a metric with one bucket has a non-empty range */
	fprintf(f, "set xrange [%.9g:%.9g]\n",
		nvmx_hist_lower(first, c->k) ? 0.8 * nvmx_hist_lower(first, c->k) : 0.5,
		1.25 * ((double)nvmx_hist_upper(last, c->k) + 1));
	/* user strings go in single quotes (no escapes); joined with "\n" */
	fprintf(f, "ttl = ");
	gp_str(f, title);
	fprintf(f, " . \"\\n\" . ");
	gp_str(f, wl);
	fprintf(f, "\n");
	fprintf(f, "dat = ");
	gp_str(f, dat);
	/* the base and patched lab kernels share one release string */
	snprintf(wl, sizeof(wl), "%s, %s", c->rb->meta.kernel_release,
		 c->rb->meta.series_tracepoints ? "series" : "no series");
	fprintf(f, "\nlb = ");
	gp_str(f, wl);
	snprintf(wl, sizeof(wl), "%s, %s", c->ra->meta.kernel_release,
		 c->ra->meta.series_tracepoints ? "series" : "no series");
	fprintf(f, "\nla = ");
	gp_str(f, wl);
	fprintf(f, "\n");
	for (i = 0; i < 2; i++) {
		const char *term = i ? "svg size 1000,600 dynamic noenhanced font 'sans,11'" :
				       "pngcairo size 1000,600 noenhanced font 'sans,10'";
		const char *ext = i ? ".svg" : ".png";

		fprintf(f, "set terminal %s\n", term);
		ret = gp_output(f, dir, r->name, "hist", ext, err, errlen);
		if (ret)
			break;
		fprintf(f, "set title ttl . \"\\nhistogram: fraction of samples per bucket (k=%u)\"\n",
			c->k);
		fprintf(f, "set xlabel '%s (log scale)'\nset ylabel 'fraction of samples'\nset yrange [0:*]\n",
			r->unit);
		fprintf(f, "plot dat using 1:3 with steps lw 2 title 'before ('.lb.')', \\\n"
			"     dat using 1:4 with steps lw 2 title 'after ('.la.')'\n");
		ret = gp_output(f, dir, r->name, "cdf", ext, err, errlen);
		if (ret)
			break;
		fprintf(f, "set title ttl . \"\\nCDF\"\n");
		fprintf(f, "set ylabel 'cumulative fraction'\nset yrange [0:1.02]\nset key bottom right\n");
		fprintf(f, "plot dat using 2:5 with steps lw 2 title 'before ('.lb.')', \\\n"
			"     dat using 2:6 with steps lw 2 title 'after ('.la.')'\n");
		fprintf(f, "set output\nset key top right\n");
	}
	if (fclose(f) && !ret) {
		snprintf(err, errlen, "%.200s: %s", gp, strerror(errno));
		return -EIO;
	}
	return ret ?: run_gnuplot(gp, err, errlen);
}

int cmp_make_plots(const struct cmp *c, const char *dir, char *err, size_t errlen)
{
	unsigned int i;
	int ret;

	if (mkdir(dir, 0755) && errno != EEXIST) {
		snprintf(err, errlen, "--plot %s: %s", dir, strerror(errno));
		return -errno;
	}
	for (i = 0; i < c->nrows; i++) {
		if (!c->rows[i].hist)
			continue;
		ret = plot_row(c, &c->rows[i], dir, err, errlen);
		if (ret)
			return ret;
	}
	return 0;
}
