// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* nvmx-gpc-top's outliers pane (key 'o', with --than). */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "outpane.h"

void top_outpane_push(struct top_outpane *p, const struct nvmx_outlier *o,
		      const char *frame)
{
	struct top_outrow *r = &p->row[p->next];

	r->o = *o;
	snprintf(r->frame, sizeof(r->frame), "%s", frame ? frame : "");
	p->next = (p->next + 1) % TOP_OUTPANE_KEEP;
	if (p->n < TOP_OUTPANE_KEEP)
		p->n++;
	p->logged++;
}

int top_outpane_add(const struct nvmx_outlier *o, void *arg)
{
	unsigned int i = nvmx_outlier_skip(o);
	char frame[128];

	if (i < o->nstack && i < NVMX_OUTLIER_STACK)
		nvmx_ksym(o->stack[i], frame, sizeof(frame));
	else
		frame[0] = '\0';
	top_outpane_push(arg, o, frame);
	return 0;
}

const struct top_outrow *top_outpane_get(const struct top_outpane *p, size_t i)
{
	if (i >= p->n)
		return NULL;
	return &p->row[(p->next + TOP_OUTPANE_KEEP - 1 - i) % TOP_OUTPANE_KEEP];
}

void top_outpane_title(char *buf, size_t len, const struct top_outpane *p,
		       uint64_t than_ns)
{
	size_t k, n;

	if (!than_ns) {
		snprintf(buf, len, "Outliers: off (start nvmx-gpc-top with --than USEC)");
		return;
	}
	n = (size_t)snprintf(buf, len, "Outliers >= %.0f us: %llu logged, dropped:",
			     (double)than_ns / 1e3, (unsigned long long)p->logged);
	for (k = 0; k < NVMX_OUT_NR && n < len; k++)
		n += (size_t)snprintf(buf + n, len - n, " %s %llu", nvmx_outlier_kind_name(k),
				      (unsigned long long)p->dropped[k]);
}

#define LINE_FMT "%-12s %7s %-15.15s %4s %-12s %9s %-18.18s %-4s %s"

void top_outpane_header(char *buf, size_t len)
{
	snprintf(buf, len, LINE_FMT, "TIME", "PID", "GUEST", "VCPU", "KIND", "DUR_US",
		 "REASON", "SLOW", "FRAME");
}

/* "HH:MM:SS.mmm", local time, of monotonic stamp ts */
static void outlier_time(char *buf, size_t len, uint64_t ts, uint64_t mono_ns,
			 uint64_t real_ns)
{
	uint64_t real = real_ns - (mono_ns > ts ? mono_ns - ts : 0);
	time_t secs = (time_t)(real / 1000000000ULL);
	struct tm tm;

	if (!localtime_r(&secs, &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%02d:%02d:%02d.%03u", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (unsigned int)(real / 1000000ULL % 1000));
}

void top_outpane_line(char *buf, size_t len, const struct top_outrow *r,
		      const struct nvmx_snapshot *s, uint64_t mono_ns, uint64_t real_ns)
{
	const struct nvmx_outlier *o = &r->o;
	const struct nvmx_vm_snap *vm = s ? nvmx_snapshot_vm(s, o->tgid) : NULL;
	char when[16], pid[12], vcpu[12], dur[16], rbuf[32];
	const char *slow = "-", *reason = "-";

	outlier_time(when, sizeof(when), o->ts, mono_ns, real_ns);
	snprintf(pid, sizeof(pid), "%u", o->tgid);
	if (o->vcpu_id >= 0)
		snprintf(vcpu, sizeof(vcpu), "%d", o->vcpu_id);
	else
		snprintf(vcpu, sizeof(vcpu), "-");
	snprintf(dur, sizeof(dur), "%.1f", (double)o->dur / 1e3);
	if (o->kind == NVMX_OUT_L2_ROUNDTRIP && o->isa)
		reason = nvmx_reason_label(o->isa, o->code, rbuf, sizeof(rbuf));
	if (o->kind == NVMX_OUT_VMCS12_PAGES)
		slow = o->flags & NVMX_OUTF_SLOW_PATH ? "yes" : "no";
	snprintf(buf, len, LINE_FMT, when, pid,
		 vm ? (vm->name[0] ? vm->name : vm->comm) : "-", vcpu,
		 nvmx_outlier_kind_name(o->kind), dur, reason, slow,
		 r->frame[0] ? r->frame : "-");
}

int top_outpane_draw(const struct top_outpane *p, const struct nvmx_snapshot *s,
		     uint64_t than_ns, uint64_t mono_ns, uint64_t real_ns,
		     int y, int ymax)
{
	const struct top_outrow *r;
	int w = COLS > 0 ? COLS : 0;
	char line[512];
	size_t i;

	if (y >= ymax)
		return y;
	top_outpane_title(line, sizeof(line), p, than_ns);
	attron(A_BOLD);
	mvprintw(y++, 0, "%.*s", w, line);
	attroff(A_BOLD);
	if (!than_ns || y >= ymax)
		return y;
	top_outpane_header(line, sizeof(line));
	attron(A_REVERSE);
	mvprintw(y++, 0, "%-*.*s", w, w, line);
	attroff(A_REVERSE);
	if (!p->n && y < ymax)
		mvprintw(y++, 0, "(none yet)");
	for (i = 0; (r = top_outpane_get(p, i)) && y < ymax; i++) {
		top_outpane_line(line, sizeof(line), r, s, mono_ns, real_ns);
		mvprintw(y++, 0, "%.*s", w, line);
	}
	return y;
}
