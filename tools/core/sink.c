// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Output sinks: text (batch), JSON lines (docs/top-json.md), CSV. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_priv.h"

int nvmx_utf8_len(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	int n, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4;
	else
		return -1;
	/* the second byte's range excludes overlongs, surrogates, > U+10FFFF */
	if (p[0] == 0xe0)
		lo = 0xa0;
	else if (p[0] == 0xed)
		hi = 0x9f;
	else if (p[0] == 0xf0)
		lo = 0x90;
	else if (p[0] == 0xf4)
		hi = 0x8f;
	for (i = 1; i < n; i++) {
		if (p[i] < lo || p[i] > hi)
			return -i;
		lo = 0x80;
		hi = 0xbf;
	}
	return n;
}

/*
 * A JSON string: UTF-8 passes through unchanged; '"', '\\' and control
 * characters (C0 and DEL) are escaped; each maximal ill-formed subpart
 * becomes U+FFFD (docs/top-json.md).
 */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	while (*s) {
		unsigned char ch = (unsigned char)*s;
		int n = nvmx_utf8_len(s);

		if (n < 0) {
			fputs("\xef\xbf\xbd", f);
			s += -n;
			continue;
		}
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			fprintf(f, "\\u%04x", ch);
		else
			fwrite(s, 1, (size_t)n, f);
		s += n;
	}
	fputc('"', f);
}

static void json_num(FILE *f, struct nvmx_metric_val v, int prec)
{
	if (v.ok)
		fprintf(f, "%.*f", prec, v.v);
	else
		fputs("null", f);
}

/*
 * The integers of row v, null when unavailable or v is NULL: the counts
 * (an interval's, or the totals), or the gauges (from the totals).
 */
static void json_ints(FILE *f, const struct nvmx_core *c,
		      const struct nvmx_vcpu_snap *v, bool gauges)
{
	bool first = true, ok = false;
	int m;

	fputc('{', f);
	for (m = 0; m < NVMX_M_NR; m++) {
		uint64_t n = 0;

		if (!(gauges ? nvmx_metric_is_gauge(m) : nvmx_metric_is_count(m)) ||
		    !nvmx_metric_def(m)->top)
			continue;
		if (v)
			n = nvmx_metric_count(c, v, m, &ok);
		fprintf(f, "%s\"%s\":", first ? "" : ",", nvmx_metric_def(m)->name);
		if (v && ok)
			fprintf(f, "%llu", (unsigned long long)n);
		else
			fputs("null", f);
		first = false;
	}
	fputc('}', f);
}

static void json_rates(FILE *f, const struct nvmx_core *c,
		       const struct nvmx_vcpu_snap *v, unsigned int k, double secs)
{
	bool first = true;
	int m;

	fputc('{', f);
	for (m = 0; m < NVMX_M_NR; m++) {
		if (!nvmx_metric_is_count(m) || !nvmx_metric_def(m)->top)
			continue;
		fprintf(f, "%s\"%s\":", first ? "" : ",", nvmx_metric_def(m)->name);
		json_num(f, nvmx_metric(c, v, k, secs > 0 ? secs : 1, m), 3);
		first = false;
	}
	fputc('}', f);
}

/* --sample: the 95 % confidence intervals of p50 and p99 */
static void json_ci(FILE *f, const struct nvmx_hist_stats *st)
{
	fputs(",\"p50_ci\":[", f);
	json_num(f, st->p50_lo, 0);
	fputc(',', f);
	json_num(f, st->p50_hi, 0);
	fputs("],\"p99_ci\":[", f);
	json_num(f, st->p99_lo, 0);
	fputc(',', f);
	json_num(f, st->p99_hi, 0);
	fputc(']', f);
}

static void json_latency(FILE *f, const struct nvmx_core *c,
			 const struct nvmx_vcpu_snap *v, unsigned int k,
			 bool hists)
{
	unsigned int slots = nvmx_hist_slots(k), i;
	struct nvmx_hist_stats st;
	bool first = true;
	int h;

	fputc('{', f);
	for (h = 0; h < NVMX_H_NR; h++) {
		if (!nvmx_hist_available(c, h))
			continue;
		nvmx_row_hist_stats(v, h, k, &st);
		fprintf(f, "%s\"%s\":{\"count\":%llu,\"sum\":%llu,\"p50\":", first ? "" : ",",
			nvmx_hist_name(h), (unsigned long long)st.count,
			(unsigned long long)st.sum);
		json_num(f, st.p50, 0);
		fputs(",\"p90\":", f);
		json_num(f, st.p90, 0);
		fputs(",\"p99\":", f);
		json_num(f, st.p99, 0);
		fputs(",\"mean\":", f);
		json_num(f, st.mean, 1);
		if (c && c->meta.sample_n > 1)
			json_ci(f, &st);
		if (hists && v->hist[h]) {
			bool f1 = true;

			fputs(",\"slots\":[", f);
			for (i = 0; i < slots; i++) {
				if (!v->hist[h][i])
					continue;
				fprintf(f, "%s[%u,%llu]", f1 ? "" : ",", i,
					(unsigned long long)v->hist[h][i]);
				f1 = false;
			}
			fputc(']', f);
		}
		fputc('}', f);
		first = false;
	}
	fputc('}', f);
}

/* JSON: a latency of one reason path */
static void json_rlat(FILE *f, const struct nvmx_rlat_stats *st)
{
	fprintf(f, "{\"count\":%llu,\"sum\":%llu,\"mean\":%.1f,\"max\":%llu,"
		"\"p50_le\":%llu,\"p99_le\":%llu}", (unsigned long long)st->count,
		(unsigned long long)st->sum, st->mean, (unsigned long long)st->max,
		(unsigned long long)st->p50_le, (unsigned long long)st->p99_le);
}

/*
 * The exit reasons of a row (docs/top-json.md): counts per path, and
 * the latencies of the paths that have samples.
 */
static void json_reasons(FILE *f, const struct nvmx_vcpu_snap *v)
{
	struct nvmx_rlat_stats st;
	size_t i;
	int p;

	fputc('[', f);
	for (i = 0; i < v->nr_reasons; i++) {
		const struct nvmx_reason_snap *r = &v->reasons[i];
		char lbl[24];
		bool first = true;

		/* the name, or the number as KVM's tracepoints print it */
		fprintf(f, "%s{\"isa\":\"%s\",\"code\":%u,\"reason\":", i ? "," : "",
			nvmx_isa_name(r->isa), r->code);
		json_str(f, nvmx_reason_label(r->isa, r->code, lbl, sizeof(lbl)));
		for (p = 0; p < NVMX_RP_NR; p++)
			fprintf(f, ",\"%s\":%llu", nvmx_rpath_name(p),
				(unsigned long long)nvmx_reason_count(r, p));
		fputs(",\"latency_ns\":{", f);
		for (p = 0; p < NVMX_RP_NR; p++) {
			nvmx_reason_lat(r, p, &st);
			if (!st.count)
				continue;
			fprintf(f, "%s\"%s\":", first ? "" : ",", nvmx_rpath_name(p));
			json_rlat(f, &st);
			first = false;
		}
		fputs("}}", f);
	}
	fputc(']', f);
}

static void json_row(FILE *f, const struct nvmx_core *c,
		     const struct nvmx_vcpu_snap *d, const struct nvmx_vcpu_snap *t,
		     unsigned int k, double secs, bool hists)
{
	fputs("\"counts\":", f);
	json_ints(f, c, d, false);
	if (t) {
		fputs(",\"totals\":", f);
		json_ints(f, c, t, false);
	}
	fputs(",\"rates\":", f);
	json_rates(f, c, d, k, secs);
	fputs(",\"saved_pct\":", f);
	json_num(f, nvmx_metric(c, d, k, secs, NVMX_M_SAVED_PCT), 2);
	fputs(",\"gauges\":", f);
	json_ints(f, c, t, true);
	fputs(",\"latency_ns\":", f);
	json_latency(f, c, d, k, hists);
	if (!c || c->meta.reasons) {
		fputs(",\"reasons\":", f);
		json_reasons(f, d);
	}
}

/* JSON: the outliers of the interval, and those dropped since attach */
static void json_outliers(FILE *f, const struct nvmx_sink_opts *so)
{
	char sym[160], lbl[24];
	size_t i;
	unsigned int j, k;

	fputs(",\"outliers_dropped\":{", f);
	for (j = 0; j < NVMX_OUT_NR; j++)
		fprintf(f, "%s\"%s\":%llu", j ? "," : "", nvmx_outlier_kind_name(j),
			(unsigned long long)so->outliers_dropped[j]);
	fputs("},\"outliers\":[", f);
	for (i = 0; i < so->noutliers; i++) {
		const struct nvmx_outlier *o = &so->outliers[i];

		fprintf(f, "%s{\"kind\":\"%s\",\"pid\":%u,\"tid\":%u,\"vcpu_id\":",
			i ? "," : "", nvmx_outlier_kind_name(o->kind), o->tgid, o->tid);
		if (o->vcpu_id >= 0)
			fprintf(f, "%d", o->vcpu_id);
		else
			fputs("null", f);
		fprintf(f, ",\"dur_ns\":%llu,\"slow_path\":", (unsigned long long)o->dur);
		if (o->kind == NVMX_OUT_VMCS12_PAGES)
			fputs(o->flags & NVMX_OUTF_SLOW_PATH ? "true" : "false", f);
		else
			fputs("null", f);
		fputs(",\"reason\":", f);
		if (o->kind == NVMX_OUT_L2_ROUNDTRIP && o->isa)
			json_str(f, nvmx_reason_label(o->isa, o->code, lbl, sizeof(lbl)));
		else
			fputs("null", f);
		fputs(",\"stack\":[", f);
		for (j = k = nvmx_outlier_skip(o); j < o->nstack && j < NVMX_OUTLIER_STACK; j++) {
			fputs(j > k ? "," : "", f);
			json_str(f, nvmx_ksym(o->stack[j], sym, sizeof(sym)));
		}
		fputs("]}", f);
	}
	fputc(']', f);
}

/* Text: the outliers after the table, each with its stack */
static void text_outliers(FILE *f, const struct nvmx_sink_opts *so)
{
	char sym[160], lbl[24];
	size_t i;
	unsigned int j;

	fprintf(f, "outliers: %zu in this interval; dropped since attach:", so->noutliers);
	for (j = 0; j < NVMX_OUT_NR; j++)
		fprintf(f, " %s %llu", nvmx_outlier_kind_name(j),
			(unsigned long long)so->outliers_dropped[j]);
	fputc('\n', f);
	for (i = 0; i < so->noutliers; i++) {
		const struct nvmx_outlier *o = &so->outliers[i];

		fprintf(f, "  %s %.1f us pid %u tid %u", nvmx_outlier_kind_name(o->kind),
			(double)o->dur / 1e3, o->tgid, o->tid);
		if (o->vcpu_id >= 0)
			fprintf(f, " vcpu%d", o->vcpu_id);
		if (o->kind == NVMX_OUT_L2_ROUNDTRIP && o->isa)
			fprintf(f, " reason %s", nvmx_reason_label(o->isa, o->code, lbl,
								   sizeof(lbl)));
		if (o->flags & NVMX_OUTF_SLOW_PATH)
			fputs(" slow path", f);
		fputc('\n', f);
		for (j = nvmx_outlier_skip(o); j < o->nstack && j < NVMX_OUTLIER_STACK; j++)
			fprintf(f, "    %s\n", nvmx_ksym(o->stack[j], sym, sizeof(sym)));
	}
}

static void write_json(FILE *f, const struct nvmx_core *c,
		       const struct nvmx_snapshot *d, const struct nvmx_snapshot *t,
		       double secs, const struct nvmx_sink_opts *so)
{
	unsigned int k = d->hist_k;
	bool first = true;
	size_t i, j;
	int m;

	fprintf(f, "{\"schema\":\"%s\",\"interval\":%d,\"time\":%.3f,\"secs\":%.3f,",
		NVMX_JSON_SCHEMA, so->interval_no, (double)d->real_ns / 1e9, secs);
	if (c) {
		const struct nvmx_meta *me = &c->meta;

		fputs("\"kernel\":{\"release\":", f);
		json_str(f, me->release);
		fputs(",\"vendor\":", f);
		json_str(f, me->vendor);
		fprintf(f, ",\"nested\":%s,\"series\":%s,\"tp_abi\":%u,\"hist_k\":%u,"
			"\"reasons\":%s},",
			me->nested ? "true" : "false", me->series ? "true" : "false",
			me->tp_abi, k, me->reasons ? "true" : "false");
		if (me->reasons)
			fprintf(f, "\"reasons_dropped\":%llu,",
				(unsigned long long)nvmx_core_reasons_dropped(c));
		/* only there counting only: the other lines stay as they were */
		if (me->counts_only)
			fputs("\"counts_only\":true,", f);
		/* only there sampled (--sample N) */
		if (me->sample_n > 1)
			fprintf(f, "\"sample_n\":%u,", me->sample_n);
	}
	fputs("\"unavailable\":[", f);
	for (m = 0; m < NVMX_M_NR; m++) {
		if (!nvmx_metric_def(m)->top || nvmx_metric_available(c, m, NULL))
			continue;
		fprintf(f, "%s\"%s\"", first ? "" : ",", nvmx_metric_def(m)->name);
		first = false;
	}
	fputs("],\"vms\":[", f);
	for (i = 0; i < d->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &d->vms[i];
		const struct nvmx_vm_snap *tv = nvmx_snapshot_vm(t, vm->tgid);

		fprintf(f, "%s{\"pid\":%u,\"comm\":", i ? "," : "", vm->tgid);
		json_str(f, vm->comm);
		/* the guest name (QEMU -name), null when it has none */
		fputs(",\"guest\":", f);
		if (vm->name[0])
			json_str(f, vm->name);
		else
			fputs("null", f);
		fprintf(f, ",\"threads\":%zu,", vm->nr);
		json_row(f, c, &vm->total, tv ? &tv->total : NULL, k, secs, so->hists);
		if (so->per_vcpu) {
			fputs(",\"vcpus\":[", f);
			for (j = vm->first; j < vm->first + vm->nr; j++) {
				const struct nvmx_vcpu_snap *v = &d->vcpus[j];

				fprintf(f, "%s{\"tid\":%u,\"vcpu_id\":", j > vm->first ? "," : "",
					v->tid);
				if (v->vcpu_id >= 0)
					fprintf(f, "%d", v->vcpu_id);
				else
					fputs("null", f);
				fputs(",\"comm\":", f);
				json_str(f, v->comm);
				fputc(',', f);
				json_row(f, c, v, nvmx_snapshot_thread(t, v->tgid, v->tid), k, secs,
					 so->hists);
				fputc('}', f);
			}
			fputc(']', f);
		}
		fputc('}', f);
	}
	fputc(']', f);
	if (so->self) {
		size_t n;

		fprintf(f, ",\"self\":{\"secs\":%.3f,\"progs\":[", so->self_secs);
		for (n = 0; n < so->nself; n++) {
			const struct nvmx_prog_stats *p = &so->self[n];

			fprintf(f, "%s{\"prog\":", n ? "," : "");
			json_str(f, p->name);
			fputs(",\"hook\":", f);
			json_str(f, (unsigned int)p->hook < NVMX_HOOK_NR ?
				 nvmx_hook_defs[p->hook].name : "?");
			fprintf(f, ",\"run_cnt\":%llu,\"run_time_ns\":%llu}",
				(unsigned long long)p->run_cnt,
				(unsigned long long)p->run_time_ns);
		}
		fputs("]}", f);
	}
	if (so->than)
		json_outliers(f, so);
	fputs("}\n", f);
}

static bool is_pct(enum nvmx_metric m)
{
	return !strcmp(nvmx_metric_def(m)->unit, "%");
}

static void csv_comm(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* The metrics of a row, then the VM's guest name (last column) */
static void csv_row(FILE *f, const struct nvmx_core *c, const struct nvmx_vcpu_snap *v,
		    const struct nvmx_vcpu_snap *t, unsigned int k, double secs,
		    const char *name)
{
	bool ok;
	int m;

	for (m = 0; m < NVMX_M_NR; m++) {
		struct nvmx_metric_val val;

		if (!nvmx_metric_def(m)->top)
			continue;
		fputc(',', f);
		if (nvmx_metric_is_count(m)) {
			uint64_t n = nvmx_metric_count(c, v, m, &ok);

			if (ok)
				fprintf(f, "%llu", (unsigned long long)n);
			continue;
		}
		val = nvmx_metric_row(c, v, t, k, secs, m);
		if (val.ok)
			fprintf(f, is_pct(m) ? "%.2f" : "%.0f", val.v);
	}
	fputc(',', f);
	if (name[0])
		csv_comm(f, name);
	fputc('\n', f);
}

/* --reasons CSV: one line per reason of row v */
static void csv_reasons(FILE *f, const struct nvmx_snapshot *d, double secs,
			const struct nvmx_sink_opts *so, const struct nvmx_vcpu_snap *v,
			const char *comm, const char *name)
{
	struct nvmx_rlat_stats st;
	size_t i;
	int p;

	for (i = 0; i < v->nr_reasons; i++) {
		const struct nvmx_reason_snap *r = &v->reasons[i];
		const char *rn = nvmx_reason_name(r->isa, r->code);

		fprintf(f, "%d,%.3f,%.3f,%u,", so->interval_no, (double)d->real_ns / 1e9,
			secs, v->tgid);
		if (v->tid)
			fprintf(f, "%u", v->tid);
		fputc(',', f);
		if (v->tid && v->vcpu_id >= 0)
			fprintf(f, "%d", v->vcpu_id);
		fputc(',', f);
		csv_comm(f, comm);
		fprintf(f, ",%s,%u,", nvmx_isa_name(r->isa), r->code);
		if (rn)
			csv_comm(f, rn);
		for (p = 0; p < NVMX_RP_NR; p++)
			fprintf(f, ",%llu", (unsigned long long)nvmx_reason_count(r, p));
		for (p = 0; p < NVMX_RP_NR; p++) {
			nvmx_reason_lat(r, p, &st);
			if (st.count)
				fprintf(f, ",%llu,%.0f,%llu", (unsigned long long)st.count,
					st.mean, (unsigned long long)st.max);
			else
				fputs(",0,,", f);
		}
		fputc(',', f);
		if (name[0])
			csv_comm(f, name);
		fputc('\n', f);
	}
}

static void write_csv_reasons(FILE *f, const struct nvmx_snapshot *d, double secs,
			      const struct nvmx_sink_opts *so)
{
	size_t i, j;
	int p;

	if (so->interval_no <= 1) {
		fputs("interval,time,secs,pid,tid,vcpu_id,comm,isa,code,reason", f);
		for (p = 0; p < NVMX_RP_NR; p++)
			fprintf(f, ",%s", nvmx_rpath_name(p));
		for (p = 0; p < NVMX_RP_NR; p++)
			fprintf(f, ",%s_lat_count,%s_lat_mean_ns,%s_lat_max_ns",
				nvmx_rpath_name(p), nvmx_rpath_name(p), nvmx_rpath_name(p));
		fputs(",guest\n", f);
	}
	for (i = 0; i < d->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &d->vms[i];

		csv_reasons(f, d, secs, so, &vm->total, vm->comm, vm->name);
		for (j = vm->first; so->per_vcpu && j < vm->first + vm->nr; j++)
			csv_reasons(f, d, secs, so, &d->vcpus[j], d->vcpus[j].comm,
				    vm->name);
	}
}

static void write_csv(FILE *f, const struct nvmx_core *c,
		      const struct nvmx_snapshot *d, const struct nvmx_snapshot *t,
		      double secs, const struct nvmx_sink_opts *so)
{
	size_t i, j;
	int m;

	if (so->reasons) {
		write_csv_reasons(f, d, secs, so);
		return;
	}
	if (so->interval_no <= 1) {
		fputs("interval,time,secs,pid,tid,vcpu_id,comm", f);
		for (m = 0; m < NVMX_M_NR; m++)
			if (nvmx_metric_def(m)->top)
				fprintf(f, ",%s", nvmx_metric_def(m)->name);
		fputs(",guest\n", f);
	}
	for (i = 0; i < d->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &d->vms[i], *tv;

		fprintf(f, "%d,%.3f,%.3f,%u,,,", so->interval_no, (double)d->real_ns / 1e9,
			secs, vm->tgid);
		csv_comm(f, vm->comm);
		tv = nvmx_snapshot_vm(t, vm->tgid);
		csv_row(f, c, &vm->total, tv ? &tv->total : NULL, d->hist_k, secs, vm->name);
		if (!so->per_vcpu)
			continue;
		for (j = vm->first; j < vm->first + vm->nr; j++) {
			const struct nvmx_vcpu_snap *v = &d->vcpus[j];

			fprintf(f, "%d,%.3f,%.3f,%u,%u,", so->interval_no,
				(double)d->real_ns / 1e9, secs, v->tgid, v->tid);
			if (v->vcpu_id >= 0)
				fprintf(f, "%d", v->vcpu_id);
			fputc(',', f);
			csv_comm(f, v->comm);
			csv_row(f, c, v, nvmx_snapshot_thread(t, v->tgid, v->tid),
				d->hist_k, secs, vm->name);
		}
	}
}

static void text_val(FILE *f, const struct nvmx_core *c, const struct nvmx_vcpu_snap *v,
		     const struct nvmx_vcpu_snap *t, unsigned int k, double secs,
		     enum nvmx_metric m)
{
	struct nvmx_metric_val val = nvmx_metric_row(c, v, t, k, secs, m);

	if (!val.ok)
		fprintf(f, " %9s", "-");
	else if (is_pct(m))
		fprintf(f, " %8.1f%%", val.v);
	else
		fprintf(f, " %9.0f", val.v);
}

/* A name in 15 columns, control characters as '?' (one row per line) */
static void text_name(FILE *f, const char *s)
{
	int n;

	for (n = 0; n < 15 && s[n]; n++)
		fputc((unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n], f);
	fprintf(f, "%*s", 15 - n, "");
}

static void text_row(FILE *f, const struct nvmx_core *c, const struct nvmx_vcpu_snap *v,
		     const struct nvmx_vcpu_snap *t, unsigned int k, double secs,
		     const enum nvmx_metric *cols, size_t ncols)
{
	size_t i;

	for (i = 0; i < ncols; i++)
		text_val(f, c, v, t, k, secs, cols[i]);
	fputc('\n', f);
}

/* --reasons text: a row's reasons under its label */
static void text_reasons(FILE *f, const struct nvmx_vcpu_snap *v)
{
	const struct nvmx_reason_snap **p;
	char line[256];
	size_t i;

	if (nvmx_reasons_sorted(v, &p))
		return;
	for (i = 0; i < v->nr_reasons; i++) {
		nvmx_reason_line(line, sizeof(line), p[i]);
		fprintf(f, "  %s\n", line);
	}
	if (!v->nr_reasons)
		fputs("  (no exits)\n", f);
	free(p);
}

static void write_text_reasons(FILE *f, const struct nvmx_core *c,
			       const struct nvmx_snapshot *d, double secs,
			       const struct nvmx_sink_opts *so)
{
	char line[256];
	size_t i, j;

	fprintf(f, "nvmx-gpc-top interval %d (%.2f s), exit reasons", so->interval_no, secs);
	if (c)
		fprintf(f, ": kernel %s, %s%s", c->meta.release, c->meta.vendor,
			c->meta.reasons ? "" : " (exit reasons unavailable: no kvm_exit hook, or --no-reasons)");
	nvmx_reason_header(line, sizeof(line));
	fprintf(f, "\n  %s\n", line);
	for (i = 0; i < d->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &d->vms[i];

		fprintf(f, "%u ", vm->tgid);
		text_name(f, vm->name[0] ? vm->name : vm->comm);
		fputc('\n', f);
		text_reasons(f, &vm->total);
		for (j = vm->first; so->per_vcpu && j < vm->first + vm->nr; j++) {
			const struct nvmx_vcpu_snap *v = &d->vcpus[j];

			if (v->vcpu_id >= 0)
				fprintf(f, " vcpu%d/%u\n", v->vcpu_id, v->tid);
			else
				fprintf(f, " tid %u\n", v->tid);
			text_reasons(f, v);
		}
	}
	if (so->than)
		text_outliers(f, so);
	fputc('\n', f);
}

static void write_text(FILE *f, const struct nvmx_core *c,
		       const struct nvmx_snapshot *d, const struct nvmx_snapshot *t,
		       double secs, const struct nvmx_sink_opts *so)
{
	enum nvmx_metric cols[NVMX_M_NR];
	size_t i, j, ncols = nvmx_view_columns(c, cols);

	if (so->reasons) {
		write_text_reasons(f, c, d, secs, so);
		return;
	}
	fprintf(f, "nvmx-gpc-top interval %d (%.2f s)", so->interval_no, secs);
	if (c)
		fprintf(f, ": kernel %s, %s, nvmx-gpc series %s%s", c->meta.release,
			c->meta.vendor, c->meta.series ? "detected" : "absent",
			c->meta.counts_only ? ", counting only" : "");
	if (c && c->meta.sample_n > 1)
		fprintf(f, ", latencies sampled 1 in %u", c->meta.sample_n);
	fprintf(f, "\n%8s %-15s", "PID", "NAME");
	for (i = 0; i < ncols; i++)
		fprintf(f, " %9s", nvmx_metric_def(cols[i])->column);
	fputc('\n', f);
	for (i = 0; i < d->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &d->vms[i];
		const struct nvmx_vm_snap *tv = nvmx_snapshot_vm(t, vm->tgid);

		/* the guest name where QEMU has one, else the comm */
		fprintf(f, "%8u ", vm->tgid);
		text_name(f, vm->name[0] ? vm->name : vm->comm);
		text_row(f, c, &vm->total, tv ? &tv->total : NULL, d->hist_k, secs,
			 cols, ncols);
		if (!so->per_vcpu)
			continue;
		for (j = vm->first; j < vm->first + vm->nr; j++) {
			const struct nvmx_vcpu_snap *v = &d->vcpus[j];
			char lbl[24];

			if (v->vcpu_id >= 0)
				snprintf(lbl, sizeof(lbl), "vcpu%d/%u", v->vcpu_id, v->tid);
			else
				snprintf(lbl, sizeof(lbl), "tid %u", v->tid);
			fprintf(f, "%8s %-15.15s", "", lbl);
			text_row(f, c, v, nvmx_snapshot_thread(t, v->tgid, v->tid),
				 d->hist_k, secs, cols, ncols);
		}
	}
	if (so->self) {
		size_t n;

		fprintf(f, "BPF self-accounting over %.2f s:\n%-20s %-14s %12s %14s %10s\n",
			so->self_secs, "PROG", "HOOK", "RUNS", "RUN_TIME_NS", "NS/RUN");
		for (n = 0; n < so->nself; n++) {
			const struct nvmx_prog_stats *p = &so->self[n];

			fprintf(f, "%-20s %-14s %12llu %14llu %10.0f\n", p->name,
				(unsigned int)p->hook < NVMX_HOOK_NR ?
				nvmx_hook_defs[p->hook].name : "?",
				(unsigned long long)p->run_cnt,
				(unsigned long long)p->run_time_ns,
				nvmx_prog_stats_ns_per_run(p));
		}
	}
	if (so->than)
		text_outliers(f, so);
	fputc('\n', f);
}

int nvmx_sink_write(FILE *f, const struct nvmx_core *c,
		    const struct nvmx_snapshot *delta,
		    const struct nvmx_snapshot *total, double secs,
		    const struct nvmx_sink_opts *so)
{
	switch (so->fmt) {
	case NVMX_SINK_JSON:
		write_json(f, c, delta, total, secs, so);
		break;
	case NVMX_SINK_CSV:
		write_csv(f, c, delta, total, secs, so);
		break;
	case NVMX_SINK_TEXT:
		write_text(f, c, delta, total, secs, so);
		break;
	default:
		return -EINVAL;
	}
	if (fflush(f) || ferror(f))
		return -EIO;
	return 0;
}
