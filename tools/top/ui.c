// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top ncurses view. */
#include <ctype.h>
#include <errno.h>
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "outpane.h"
#include "top.h"
#include "ui.h"

#define CELL_W 9

bool top_filter_match(const struct nvmx_vm_snap *vm, const char *filter)
{
	char pid[16];
	size_t i, n;

	if (!filter || !filter[0])
		return true;
	for (i = 0; filter[i] && isdigit((unsigned char)filter[i]); i++)
		;
	if (!filter[i]) {
		snprintf(pid, sizeof(pid), "%u", vm->tgid);
		return !strncmp(pid, filter, strlen(filter));
	}
	n = strlen(filter);
	for (i = 0; vm->comm[i]; i++)
		if (!strncasecmp(vm->comm + i, filter, n))
			return true;
	for (i = 0; vm->name[i]; i++)
		if (!strncasecmp(vm->name + i, filter, n))
			return true;
	return false;
}

struct sort_ctx {
	const struct nvmx_core *c;
	const struct nvmx_snapshot *s;
	double secs;
	int col;
};

static struct sort_ctx sctx;	/* qsort has no context argument in C11 */

static int vm_cmp(const void *a, const void *b)
{
	const struct nvmx_vm_snap *x = &sctx.s->vms[*(const size_t *)a];
	const struct nvmx_vm_snap *y = &sctx.s->vms[*(const size_t *)b];

	if (sctx.col >= 0) {
		enum nvmx_metric m = nvmx_default_columns[sctx.col];
		struct nvmx_metric_val vx = nvmx_metric(sctx.c, &x->total, sctx.s->hist_k,
							sctx.secs, m);
		struct nvmx_metric_val vy = nvmx_metric(sctx.c, &y->total, sctx.s->hist_k,
							sctx.secs, m);

		if (vx.ok != vy.ok)
			return vx.ok ? -1 : 1;
		if (vx.ok && vx.v != vy.v)
			return vx.v > vy.v ? -1 : 1;
	}
	return x->tgid < y->tgid ? -1 : x->tgid > y->tgid;
}

void top_sort_vms(const struct nvmx_core *c, const struct nvmx_snapshot *s,
		  double secs, int col, size_t *idx)
{
	size_t i;

	for (i = 0; i < s->nr_vms; i++)
		idx[i] = i;
	sctx = (struct sort_ctx){ c, s, secs, col };
	if (s->nr_vms > 1)
		qsort(idx, s->nr_vms, sizeof(*idx), vm_cmp);
}

void top_format_cell(char *buf, size_t len, const struct nvmx_core *c,
		     const struct nvmx_vcpu_snap *v, const struct nvmx_vcpu_snap *t,
		     unsigned int k, double secs, enum nvmx_metric m)
{
	struct nvmx_metric_val val = nvmx_metric_row(c, v, t, k, secs, m);
	const struct nvmx_metric_def *d = nvmx_metric_def(m);

	if (!val.ok)
		snprintf(buf, len, "%*s", CELL_W, "-");
	else if (!strcmp(d->unit, "%"))
		snprintf(buf, len, "%*.1f", CELL_W, val.v);
	else if (!strcmp(d->unit, "ns") && val.v >= 1e6)
		snprintf(buf, len, "%*.1fm", CELL_W - 1, val.v / 1e6);
	else if (!strcmp(d->unit, "ns") && val.v >= 1e4)
		snprintf(buf, len, "%*.1fu", CELL_W - 1, val.v / 1e3);
	else if (val.v >= 1e7)
		snprintf(buf, len, "%*.1fM", CELL_W - 1, val.v / 1e6);
	else
		snprintf(buf, len, "%*.0f", CELL_W, val.v);
}

struct ui {
	struct nvmx_core *c;
	const struct top_opts *o;
	struct nvmx_snapshot *prev, *delta;
	struct nvmx_prog_stats *sprev, *sdelta;
	size_t nprev, nself;
	double secs;
	int sort_col;		/* -1 = pid */
	bool paused, per_vcpu, help, self;
	bool reasons;		/* 'x': the exit-reason drill-down */
	bool outliers;		/* 'o': the outliers pane */
	int bottom;		/* the table ends above this line */
	char filter[64];
	char msg[128];
	struct top_outpane pane;	/* --than */
};

/* Row v over the interval; t its totals since attach (gauges). */
static void draw_row(struct ui *u, int y, const char *lbl1, const char *lbl2,
		     const struct nvmx_vcpu_snap *v, const struct nvmx_vcpu_snap *t)
{
	enum nvmx_metric cols[NVMX_M_NR];
	size_t i, n = nvmx_view_columns(u->c, cols);
	char cell[32];
	int x;

	mvprintw(y, 0, "%7s %-15.15s", lbl1, lbl2);
	x = 23;
	for (i = 0; i < n; i++) {
		if (x + CELL_W >= COLS)
			break;
		top_format_cell(cell, sizeof(cell), u->c, v, t, u->delta->hist_k, u->secs,
				cols[i]);
		mvprintw(y, x, " %s", cell);
		x += CELL_W + 1;
	}
}

static int draw_help(struct ui *u, int y)
{
	const struct nvmx_hook_info *h = nvmx_core_hooks(u->c);
	const char *why;
	int i, m;

	mvprintw(y++, 0, "Keys: q quit  s sort column  p pause  r reset counters  "
		 "f filter  v per-vCPU rows  x exit reasons  o outliers (--than)  "
		 "a BPF self-accounting  h help");
	mvprintw(y++, 0, "Hooks:");
	for (i = 0; i < NVMX_HOOK_NR && y < LINES - 1; i++)
		mvprintw(y++, 0, "  %-14s %-16s %.*s", h[i].name,
			 h[i].method ? nvmx_attach_name(h[i].method) : "unavailable",
			 COLS > 36 ? COLS - 36 : 0,
			 h[i].method ? h[i].target : h[i].reason);
	mvprintw(y++, 0, "Unavailable metrics:");
	for (m = 0; m < NVMX_M_NR && y < LINES - 1; m++)
		if (nvmx_metric_def(m)->top && !nvmx_metric_available(u->c, m, &why))
			mvprintw(y++, 0, "  %-20s %.*s", nvmx_metric_def(m)->name,
				 COLS > 24 ? COLS - 24 : 0, why);
	return y;
}

/* A row's reasons (nvmx_reason_line()), most frequent first, above ymax */
static int draw_reasons_of(int y, int ymax, const struct nvmx_vcpu_snap *v)
{
	const struct nvmx_reason_snap **p;
	char line[256];
	size_t i;

	if (nvmx_reasons_sorted(v, &p))
		return y;
	for (i = 0; i < v->nr_reasons && y < ymax; i++) {
		nvmx_reason_line(line, sizeof(line), p[i]);
		mvprintw(y++, 0, "  %.*s", COLS > 2 ? COLS - 2 : 0, line);
	}
	free(p);
	return y;
}

/* The drill-down (kvm_stat's 'x'): per VM (and vCPU), exits by reason */
static int draw_reasons(struct ui *u, int y, const size_t *idx)
{
	char line[256];
	size_t i, j;
	int n = 0;

	attron(A_REVERSE);
	nvmx_reason_header(line, sizeof(line));
	mvprintw(y++, 0, "  %-*.*s", COLS > 2 ? COLS - 2 : 0, COLS > 2 ? COLS - 2 : 0, line);
	attroff(A_REVERSE);
	if (!nvmx_core_meta(u->c)->reasons)
		mvprintw(y++, 0, "(exit reasons unavailable: no kvm_exit hook, or --no-reasons)");
	for (i = 0; i < u->delta->nr_vms && y < u->bottom; i++) {
		const struct nvmx_vm_snap *vm = &u->delta->vms[idx[i]];

		if (!top_filter_match(vm, u->filter))
			continue;
		n++;
		attron(A_BOLD);
		mvprintw(y++, 0, "%u %s", vm->tgid, vm->name[0] ? vm->name : vm->comm);
		attroff(A_BOLD);
		y = draw_reasons_of(y, u->bottom, &vm->total);
		for (j = vm->first; u->per_vcpu && j < vm->first + vm->nr && y < u->bottom; j++) {
			const struct nvmx_vcpu_snap *v = &u->delta->vcpus[j];

			if (v->vcpu_id >= 0)
				mvprintw(y++, 0, " vcpu%d (tid %u)", v->vcpu_id, v->tid);
			else
				mvprintw(y++, 0, " tid %u", v->tid);
			y = draw_reasons_of(y, u->bottom, v);
		}
	}
	if (!n && y < u->bottom)
		mvprintw(y++, 0, "(no KVM activity%s)", u->filter[0] ? " matching the filter" : "");
	return y;
}

/* The title and the hooks' attach methods (up to 4 lines); returns y */
static int draw_title(struct ui *u)
{
	const struct nvmx_meta *me = nvmx_core_meta(u->c);
	const struct nvmx_hook_info *h = nvmx_core_hooks(u->c);
	int y = 0;
	size_t i;

	attron(A_BOLD);
	mvprintw(y++, 0, "nvmx-gpc-top  kernel %s  %s%s  nvmx-gpc series: %s  interval %.2fs%s%s%s",
		 me->release, me->vendor, me->nested ? " nested" : "",
		 me->series ? "detected" : "absent", u->o->interval,
		 me->counts_only ? "  counting only" : "",
		 u->paused ? "  [PAUSED]" : "", u->o->pid ? "  pid " : "");
	if (u->o->pid)
		printw("%d", u->o->pid);
	attroff(A_BOLD);
	move(y, 0);
	for (i = 0; i < NVMX_HOOK_NR; i++) {
		char cell[64];

		snprintf(cell, sizeof(cell), "%s:%s ", h[i].name,
			 h[i].method ? nvmx_attach_name(h[i].method) : "-");
		if (getcurx(stdscr) + (int)strlen(cell) >= COLS) {
			if (++y >= 4)
				break;
			move(y, 0);
		}
		printw("%s", cell);
	}
	y++;
	if (u->filter[0] || u->msg[0])
		mvprintw(y, 0, "%s%s%s", u->filter[0] ? "filter: " : "", u->filter,
			 u->msg);
	return y + 1;
}

/* The VMs sorted by idx (and their vCPUs with 'v'); returns y */
static int draw_vms(struct ui *u, int y, const size_t *idx)
{
	size_t i, j;
	int n = 0;

	for (i = 0; i < u->delta->nr_vms && y < u->bottom; i++) {
		const struct nvmx_vm_snap *vm = &u->delta->vms[idx[i]];
		const struct nvmx_vm_snap *tv = nvmx_snapshot_vm(u->prev, vm->tgid);
		char pid[16];

		if (!top_filter_match(vm, u->filter))
			continue;
		n++;
		snprintf(pid, sizeof(pid), "%u", vm->tgid);
		/* the guest name where QEMU has one, as kvm_stat shows it */
		draw_row(u, y++, pid, vm->name[0] ? vm->name : vm->comm, &vm->total,
			 tv ? &tv->total : NULL);
		if (!u->per_vcpu)
			continue;
		for (j = vm->first; j < vm->first + vm->nr && y < u->bottom; j++) {
			const struct nvmx_vcpu_snap *v = &u->delta->vcpus[j];
			char lbl[24];

			if (v->vcpu_id >= 0)
				snprintf(lbl, sizeof(lbl), " vcpu%d", v->vcpu_id);
			else
				snprintf(lbl, sizeof(lbl), " tid");
			snprintf(pid, sizeof(pid), "%u", v->tid);
			draw_row(u, y++, pid, lbl, v,
				 nvmx_snapshot_thread(u->prev, v->tgid, v->tid));
		}
	}
	if (!n && y < u->bottom)
		mvprintw(y++, 0, "(no KVM activity%s)", u->filter[0] ? " matching the filter" : "");
	return y;
}

/* --stats / 'a': the programs' run counts and times of the interval */
static void draw_self(struct ui *u, int y)
{
	const struct nvmx_hook_info *h = nvmx_core_hooks(u->c);
	size_t i;

	if (!u->self || y >= u->bottom - 1)
		return;
	y++;
	mvprintw(y++, 0, "BPF self-accounting (%.2f s): %-18s %-14s %10s %12s %8s",
		 u->secs, "PROG", "HOOK", "RUNS", "RUN_NS", "NS/RUN");
	for (i = 0; u->sdelta && i < u->nself && y < u->bottom; i++) {
		const struct nvmx_prog_stats *p = &u->sdelta[i];

		mvprintw(y++, 0, "%30s %-18s %-14s %10llu %12llu %8.0f", "",
			 p->name, h[p->hook].name, (unsigned long long)p->run_cnt,
			 (unsigned long long)p->run_time_ns,
			 nvmx_prog_stats_ns_per_run(p));
	}
}

/* The metric columns' header, the sort column underlined */
static void draw_header(struct ui *u, int y)
{
	enum nvmx_metric cols[NVMX_M_NR];
	size_t i, ncols = nvmx_view_columns(u->c, cols);
	int x = 23;

	attron(A_REVERSE);
	mvprintw(y, 0, "%7s %-15s", "PID", "COMM");
	for (i = 0; i < ncols; i++) {
		if (x + CELL_W >= COLS)
			break;
		if ((int)i == u->sort_col)
			attron(A_BOLD | A_UNDERLINE);
		mvprintw(y, x, " %*s", CELL_W, nvmx_metric_def(cols[i])->column);
		if ((int)i == u->sort_col)
			attroff(A_BOLD | A_UNDERLINE);
		x += CELL_W + 1;
	}
	attroff(A_REVERSE);
}

/*
 * 'o': the outliers pane at the bottom, from line y on: its title, header
 * and rows, at most half the lines left; the table ends above it
 * (u->bottom).  Without it the table goes down to the last line but one.
 */
static void draw_outliers(struct ui *u, int y)
{
	struct timespec mono, real;
	int h, rows;

	u->bottom = LINES - 1;
	if (!u->outliers)
		return;
	rows = u->pane.n ? (int)u->pane.n : 1;
	h = u->o->than_ns ? 2 + rows : 1;
	if (h > (LINES - 1 - y) / 2)
		h = (LINES - 1 - y) / 2;
	if (h < 1)
		return;
	u->bottom = LINES - 1 - h - 1;	/* and a blank line */
	clock_gettime(CLOCK_MONOTONIC, &mono);
	clock_gettime(CLOCK_REALTIME, &real);
	top_outpane_draw(&u->pane, u->prev, u->o->than_ns,
			 (uint64_t)mono.tv_sec * 1000000000ULL + (uint64_t)mono.tv_nsec,
			 (uint64_t)real.tv_sec * 1000000000ULL + (uint64_t)real.tv_nsec,
			 LINES - 1 - h, LINES - 1);
}

static void draw(struct ui *u)
{
	size_t *idx = NULL;
	int y;

	erase();
	y = draw_title(u);
	if (u->help) {
		draw_help(u, y);
		refresh();
		return;
	}
	draw_outliers(u, y + 1);
	if (!u->reasons)
		draw_header(u, y++);
	if (!u->delta) {
		mvprintw(y, 0, "collecting...");
		refresh();
		return;
	}
	idx = calloc(u->delta->nr_vms ? u->delta->nr_vms : 1, sizeof(*idx));
	if (!idx)
		return;
	top_sort_vms(u->c, u->delta, u->secs, u->sort_col, idx);
	if (u->reasons)
		draw_reasons(u, y, idx);
	else
		draw_self(u, draw_vms(u, y, idx));
	free(idx);
	refresh();
}

static int ui_sample(struct ui *u)
{
	struct nvmx_snapshot *cur = NULL, *delta = NULL;
	struct nvmx_prog_stats *scur = NULL;
	size_t ncur = 0;
	int err;

	if (u->o->than_ns) {	/* the interval's outliers; their VMs in cur */
		unsigned int k;

		nvmx_core_outliers(u->c, top_outpane_add, &u->pane);
		for (k = 0; k < NVMX_OUT_NR; k++)
			u->pane.dropped[k] = nvmx_core_outliers_dropped(u->c, k);
	}
	err = nvmx_core_snapshot(u->c, &cur);
	if (!err)
		err = nvmx_snapshot_delta(cur, u->prev, &delta);
	if (err) {
		nvmx_snapshot_free(cur);
		return err;
	}
	u->secs = (double)(cur->mono_ns - u->prev->mono_ns) / 1e9;
	nvmx_snapshot_free(u->prev);
	u->prev = cur;
	nvmx_snapshot_free(u->delta);
	u->delta = delta;
	free(u->sdelta);
	u->sdelta = NULL;
	u->nself = 0;
	if (nvmx_core_stats_enabled(u->c) && !nvmx_core_prog_stats(u->c, &scur, &ncur)) {
		u->sdelta = calloc(ncur ? ncur : 1, sizeof(*u->sdelta));
		if (u->sdelta) {
			nvmx_prog_stats_delta(u->sdelta, scur,
					      ncur == u->nprev ? u->sprev : NULL, ncur);
			u->nself = ncur;
		}
		free(u->sprev);
		u->sprev = scur;
		u->nprev = ncur;
	}
	return 0;
}

static void prompt_filter(struct ui *u)
{
	char buf[64] = "";

	mvprintw(LINES - 1, 0, "filter (PID prefix or comm substring, empty clears): ");
	clrtoeol();
	echo();
	curs_set(1);
	timeout(-1);
	if (getnstr(buf, sizeof(buf) - 1) == ERR)
		buf[0] = 0;
	noecho();
	curs_set(0);
	snprintf(u->filter, sizeof(u->filter), "%s", buf);
}

static int ui_key(struct ui *u, int ch)
{
	int err;

	u->msg[0] = 0;
	switch (ch) {
	case 'q':
	case 'Q':
		return 1;
	case 's':
		u->sort_col++;
		if (nvmx_default_columns[u->sort_col] == NVMX_M_NR)
			u->sort_col = -1;
		snprintf(u->msg, sizeof(u->msg), "  sort: %s", u->sort_col < 0 ? "pid" :
			 nvmx_metric_def(nvmx_default_columns[u->sort_col])->name);
		break;
	case 'p':
		u->paused = !u->paused;
		if (!u->paused) {
			/* new baseline: the paused time is not one interval */
			nvmx_snapshot_free(u->prev);
			u->prev = NULL;
			if (nvmx_core_snapshot(u->c, &u->prev))
				return -EIO;
		}
		break;
	case 'r':
		nvmx_core_reset(u->c);
		nvmx_snapshot_free(u->prev);
		u->prev = NULL;
		if (nvmx_core_snapshot(u->c, &u->prev))
			return -EIO;
		nvmx_snapshot_free(u->delta);
		u->delta = NULL;
		snprintf(u->msg, sizeof(u->msg), "  counters reset");
		break;
	case 'f':
		prompt_filter(u);
		break;
	case 'v':
		u->per_vcpu = !u->per_vcpu;
		break;
	case 'x':
		u->reasons = !u->reasons;
		break;
	case 'o':
		u->outliers = !u->outliers;
		break;
	case 'h':
	case '?':
		u->help = !u->help;
		break;
	case 'a':
		err = nvmx_core_enable_stats(u->c, !nvmx_core_stats_enabled(u->c));
		if (err)
			snprintf(u->msg, sizeof(u->msg), "  BPF stats: %s", strerror(-err));
		u->self = nvmx_core_stats_enabled(u->c);
		free(u->sprev);
		u->sprev = NULL;
		u->nprev = 0;
		break;
	default:
		break;
	}
	return 0;
}

int top_run_ui(struct nvmx_core *c, const struct top_opts *o)
{
	struct ui u = { .c = c, .o = o, .sort_col = -1, .per_vcpu = o->per_vcpu,
			.self = o->stats, .reasons = o->reasons };
	struct timespec last, now;
	bool gone = false;
	int rc = 0, ch;

	if (nvmx_core_snapshot_zero(c, &u.prev)) {	/* first interval from attach */
		p_err("reading BPF maps failed");
		return NVMX_EXIT_FAIL;
	}
	if (!initscr()) {
		p_err("cannot initialise the terminal (use -b)");
		nvmx_snapshot_free(u.prev);
		return NVMX_EXIT_FAIL;
	}
	cbreak();
	noecho();
	keypad(stdscr, TRUE);
	curs_set(0);
	clock_gettime(CLOCK_MONOTONIC, &last);
	draw(&u);
	while (!top_stop_signal) {
		double el;

		timeout(100);
		ch = getch();
		if (ch != ERR && ch != KEY_RESIZE) {
			int r = ui_key(&u, ch);

			if (r > 0)
				break;
			if (r < 0) {
				rc = 1;
				break;
			}
			draw(&u);
		} else if (ch == KEY_RESIZE) {
			draw(&u);
		}
		if (o->pid && nvmx_pid_gone(o->pid)) {
			gone = true;
			break;
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
		el = (double)(now.tv_sec - last.tv_sec) + (double)(now.tv_nsec - last.tv_nsec) / 1e9;
		if (el < o->interval)
			continue;
		last = now;
		if (!u.paused) {
			if (ui_sample(&u)) {
				rc = 1;
				break;
			}
			draw(&u);
		}
	}
	endwin();
	if (gone)
		p_info("process %d exited", o->pid);
	nvmx_snapshot_free(u.prev);
	nvmx_snapshot_free(u.delta);
	free(u.sprev);
	free(u.sdelta);
	return rc;
}
