// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files: the writer (pretty-printed json-c), writing them with
 * tools/util's atomic file write.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>

#include "results_priv.h"
#include "../core/hist.h"
#include "util.h"

/* ---------------------------------------------------------------- */
/* Writer */

static json_object *jstr(const char *s)
{
	return s ? json_object_new_string(s) : NULL;
}

static int add(json_object *o, const char *key, json_object *v)
{
	return json_object_object_add(o, key, v) ? -ENOMEM : 0;
}

static json_object *build_meta(const struct nvmx_results *r)
{
	const struct nvmx_res_meta *m = &r->meta;
	json_object *mo, *wo, *arr, *a;
	unsigned int i;
	int ret = 0;

	mo = json_object_new_object();
	wo = json_object_new_object();
	if (!mo || !wo)
		goto put;
	ret |= add(mo, "tool", jstr(m->tool));
	ret |= add(mo, "tool_version", jstr(m->tool_version));
	ret |= add(mo, "kernel_release", jstr(m->kernel_release));
	ret |= add(mo, "series_tracepoints", json_object_new_boolean(m->series_tracepoints));
	ret |= add(mo, "cpu_model", jstr(m->cpu_model));
	ret |= add(mo, "hostname", jstr(m->hostname));
	ret |= add(mo, "start_time", jstr(m->start_time));
	ret |= add(mo, "duration_s", json_object_new_double(m->duration_s));
	arr = json_object_new_array();
	for (i = 0; arr && i < m->argc; i++)
		ret |= json_object_array_add(arr, jstr(m->argv[i]));
	ret |= add(wo, "argv", arr);
	ret |= add(wo, "exit_status", m->exit_status < 0 ? NULL :
		   json_object_new_int(m->exit_status));
	ret |= add(wo, "pid", json_object_new_int(m->target_pid));
	ret |= add(wo, "guest", jstr(m->guest));
	ret |= add(wo, "cgroup", jstr(m->cgroup));
	ret |= add(mo, "workload", wo);
	wo = NULL;
	ret |= add(mo, "label", jstr(m->label));
	ret |= add(mo, "repetitions", json_object_new_int((int)m->repetitions));
	ret |= add(mo, "repetitions_requested",
		   json_object_new_int((int)m->repetitions_requested));
	ret |= add(mo, "interrupted", json_object_new_boolean(m->interrupted));
	ret |= add(mo, "hist_k", json_object_new_int((int)m->hist_k));
	ret |= add(mo, "time_unit", jstr(r->nmetrics ? r->metrics[0].unit : "ns"));
	arr = json_object_new_array();
	for (i = 0; arr && i < m->nattach; i++) {
		a = json_object_new_object();
		if (!a) {
			ret = -ENOMEM;
			break;
		}
		ret |= add(a, "hook", jstr(m->attach[i].hook));
		ret |= add(a, "method", jstr(m->attach[i].method));
		ret |= add(a, "reason", jstr(m->attach[i].reason));
		ret |= json_object_array_add(arr, a);
	}
	ret |= add(mo, "attach", arr);
	ret |= add(mo, "reasons", json_object_new_boolean(m->reasons));
	ret |= add(mo, "reasons_dropped", json_object_new_uint64(m->reasons_dropped));
	if (m->reason_isas & NVMX_RES_RISA_KNOWN) {
		arr = json_object_new_array();
		for (i = NVMX_RES_ISA_VMX; arr && i <= NVMX_RES_ISA_SVM; i++)
			if (m->reason_isas & NVMX_RES_RISA(i))
				ret |= json_object_array_add(arr, jstr(nvmx_res_isa_name(i)));
		ret |= add(mo, "reason_isas", arr);
	}
	arr = json_object_new_array();
	for (i = 0; arr && i < m->repetitions; i++) {
		const struct nvmx_res_run_info *ri = &m->run_info[i];

		a = json_object_new_object();
		if (!a) {
			ret = -ENOMEM;
			break;
		}
		ret |= add(a, "duration_s", json_object_new_double(ri->duration_s));
		ret |= add(a, "exit_status", ri->exit_status < 0 ? NULL :
			   json_object_new_int(ri->exit_status));
		ret |= json_object_array_add(arr, a);
	}
	ret |= add(mo, "runs", arr);
	if (!ret)
		return mo;
put:
	json_object_put(wo);
	json_object_put(mo);
	return NULL;
}

/* Print [index, count] pairs on one line: slot lists stay readable. */
static int pair_to_string(json_object *jso, struct printbuf *pb, int level,
			  int flags)
{
	(void)level;
	(void)flags;
	return sprintbuf(pb, "[%llu, %llu]",
			 (unsigned long long)json_object_get_uint64(
				json_object_array_get_idx(jso, 0)),
			 (unsigned long long)json_object_get_uint64(
				json_object_array_get_idx(jso, 1)));
}

/* A sparse [index, count] pair list of the non-empty slots */
static json_object *build_slots(const uint64_t *slots, unsigned int nslots)
{
	json_object *arr = json_object_new_array(), *pair;
	unsigned int i;
	int ret = 0;

	if (!arr)
		return NULL;
	for (i = 0; i < nslots; i++) {
		if (!slots[i])
			continue;
		pair = json_object_new_array_ext(2);
		if (!pair) {
			ret = -ENOMEM;
			break;
		}
		ret |= json_object_array_add(pair, json_object_new_int((int)i));
		ret |= json_object_array_add(pair, json_object_new_uint64(slots[i]));
		json_object_set_serializer(pair, pair_to_string, NULL, NULL);
		ret |= json_object_array_add(arr, pair);
	}
	if (!ret)
		return arr;
	json_object_put(arr);
	return NULL;
}

static json_object *build_hist(const struct nvmx_res_hist *h, unsigned int k)
{
	json_object *o, *arr;
	int ret = 0;

	o = json_object_new_object();
	if (!o)
		return NULL;
	ret |= add(o, "count", json_object_new_uint64(h->count));
	if (h->has_sum)
		ret |= add(o, "sum", json_object_new_uint64(h->sum));
	arr = build_slots(h->slots, nvmx_hist_slots(k));
	ret |= arr ? add(o, "slots", arr) : -ENOMEM;
	if (!ret)
		return o;
	json_object_put(o);
	return NULL;
}

/* One run's latencies of a reason path: count, sum, max, slots */
static json_object *build_rlat(const struct nvmx_res_rlat *l)
{
	json_object *o = json_object_new_object(), *slots;
	int ret = 0;

	if (!o)
		return NULL;
	ret |= add(o, "count", json_object_new_uint64(l->count));
	ret |= add(o, "sum", json_object_new_uint64(l->sum));
	ret |= add(o, "max", json_object_new_uint64(l->max));
	slots = build_slots(l->slots, NVMX_RES_RLAT_SLOTS);
	ret |= slots ? add(o, "slots", slots) : -ENOMEM;
	if (!ret)
		return o;
	json_object_put(o);
	return NULL;
}

/* The latencies of a reason's paths that have samples in some run */
static json_object *build_reason_lat(const struct nvmx_res_reason *x)
{
	json_object *o = json_object_new_object(), *runs;
	unsigned int p, j;
	int ret = 0;

	if (!o)
		return NULL;
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		for (j = 0; j < x->nruns && !x->lat[p][j].count; j++)
			;
		if (j == x->nruns)
			continue;
		runs = json_object_new_array();
		ret |= runs ? add(o, nvmx_res_rpath_names[p], runs) : -ENOMEM;
		for (j = 0; runs && j < x->nruns; j++) {
			json_object *l = build_rlat(&x->lat[p][j]);

			ret |= l ? json_object_array_add(runs, l) : -ENOMEM;
		}
	}
	if (!ret)
		return o;
	json_object_put(o);
	return NULL;
}

/* An exit reason: isa, code, its name, exits per path and run, latencies */
static json_object *build_reason(const struct nvmx_res_reason *x)
{
	json_object *o = json_object_new_object(), *runs, *lat;
	unsigned int p, j;
	int ret = 0;

	if (!o)
		return NULL;
	ret |= add(o, "isa", jstr(nvmx_res_isa_name(x->isa)));
	ret |= add(o, "code", json_object_new_uint64(x->code));
	ret |= add(o, "reason", jstr(x->label));
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		runs = json_object_new_array();
		ret |= runs ? add(o, nvmx_res_rpath_names[p], runs) : -ENOMEM;
		for (j = 0; runs && j < x->nruns; j++)
			ret |= json_object_array_add(runs,
						     json_object_new_uint64(x->counts[p][j]));
	}
	lat = build_reason_lat(x);
	ret |= lat ? add(o, "latency_ns", lat) : -ENOMEM;
	if (!ret)
		return o;
	json_object_put(o);
	return NULL;
}

static int build_reasons(json_object *root, const struct nvmx_results *r)
{
	json_object *arr = json_object_new_array(), *o;
	unsigned int i;
	int ret;

	ret = add(root, "reasons", arr);
	for (i = 0; arr && !ret && i < r->nreasons; i++) {
		o = build_reason(&r->reasons[i]);
		ret = o ? json_object_array_add(arr, o) : -ENOMEM;
	}
	return arr ? ret : -ENOMEM;
}

/*
 * Add to @arr the object of a metric or counter (name, unit, description,
 * better) and return its runs array, still empty, or NULL on error.
 */
static json_object *build_entry(json_object *arr, const char *name,
				const char *unit, const char *desc,
				enum nvmx_res_better better)
{
	json_object *o, *runs;
	int ret = 0;

	o = json_object_new_object();
	runs = json_object_new_array();
	if (!o || !runs) {
		json_object_put(o);
		json_object_put(runs);
		return NULL;
	}
	ret |= add(o, "name", jstr(name));
	ret |= add(o, "unit", jstr(unit));
	if (desc)
		ret |= add(o, "description", jstr(desc));
	ret |= add(o, "better", jstr(nvmx_res_better_str(better)));
	ret |= add(o, "runs", runs);
	ret |= json_object_array_add(arr, o);
	return ret ? NULL : runs;
}

static json_object *build_doc(const struct nvmx_results *r)
{
	json_object *root, *arr, *o, *runs;
	unsigned int i, j;
	int ret = 0;

	root = json_object_new_object();
	if (!root)
		return NULL;
	ret |= add(root, "schema", jstr(NVMX_RES_SCHEMA));
	ret |= add(root, "schema_version", json_object_new_int(NVMX_RES_SCHEMA_VERSION));
	o = build_meta(r);
	if (!o)
		goto put;
	ret |= add(root, "metadata", o);
	arr = json_object_new_array();
	ret |= add(root, "metrics", arr);
	for (i = 0; arr && i < r->nmetrics; i++) {
		const struct nvmx_res_metric *me = &r->metrics[i];

		runs = build_entry(arr, me->name, me->unit, me->desc, me->better);
		if (!runs)
			goto put;
		for (j = 0; j < me->nruns; j++) {
			json_object *h = build_hist(&me->runs[j], r->meta.hist_k);

			if (!h)
				goto put;
			ret |= json_object_array_add(runs, h);
		}
	}
	arr = json_object_new_array();
	ret |= add(root, "counters", arr);
	for (i = 0; arr && i < r->ncounters; i++) {
		const struct nvmx_res_counter *c = &r->counters[i];

		runs = build_entry(arr, c->name, c->unit, c->desc, c->better);
		if (!runs)
			goto put;
		for (j = 0; j < c->nruns; j++) {
			double v = c->values[j];

			if (isnan(v))
				ret |= json_object_array_add(runs, NULL);
			else if (!strcmp(c->unit, "count"))
				ret |= json_object_array_add(runs,
					json_object_new_uint64((uint64_t)v));
			else
				ret |= json_object_array_add(runs,
					json_object_new_double(v));
		}
	}
	ret |= build_reasons(root, r);
	if (!ret)
		return root;
put:
	json_object_put(root);
	return NULL;
}

int nvmx_res_to_string(const struct nvmx_results *r, char **out,
		       char *err, size_t errlen)
{
	json_object *root;
	const char *s;
	size_t len;
	int ret;

	*out = NULL;
	ret = nvmx_res_validate(r, err, errlen);
	if (ret)
		return ret;
	root = build_doc(r);
	if (!root) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	s = json_object_to_json_string_length(root, JSON_C_TO_STRING_SPACED |
					      JSON_C_TO_STRING_PRETTY |
					      JSON_C_TO_STRING_NOSLASHESCAPE, &len);
	*out = s ? malloc(len + 2) : NULL;
	if (*out) {
		memcpy(*out, s, len);
		(*out)[len] = '\n';
		(*out)[len + 1] = '\0';
	}
	json_object_put(root);
	if (!*out) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	return 0;
}

int nvmx_res_write(const char *path, const struct nvmx_results *r,
		   char *err, size_t errlen)
{
	char msg[NVMX_RES_ERR_MAX], *s;
	int ret;

	ret = nvmx_res_to_string(r, &s, msg, sizeof(msg));
	if (ret) {
		snprintf(err, errlen, "%s: refusing to write invalid results: %s",
			 path, msg);
		return ret;
	}
	ret = nvmx_atomic_write(path, s, strlen(s), err, errlen);
	free(s);
	return ret;
}
