// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Results files: the strict json-c reader.  Unknown and duplicate keys,
 * wrong types, truncated or trailing text and rule violations are errors
 * of one line, naming where in the file they are.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <json-c/json.h>

#include "results_priv.h"
#include "../core/hist.h"

static int parse_better(const char *s, enum nvmx_res_better *b)
{
	if (!strcmp(s, "lower"))
		*b = NVMX_BETTER_LOWER;
	else if (!strcmp(s, "higher"))
		*b = NVMX_BETTER_HIGHER;
	else if (!strcmp(s, "none"))
		*b = NVMX_BETTER_NONE;
	else
		return -EINVAL;
	return 0;
}

/* ---------------------------------------------------------------- */
/* Reader */

struct jctx {
	char *err;
	size_t errlen;
	int version;	/* the file's schema_version */
};

/* json-c's nesting limit for the reader (the format needs 5 levels). */
#define NVMX_RES_MAX_DEPTH 64

static const char *jtype(json_object *o)
{
	return o ? json_type_to_name(json_object_get_type(o)) : "null";
}

/* Reject keys not in the allowed list. */
static int check_keys(struct jctx *c, json_object *o, const char *where,
		      const char *const *allowed)
{
	json_object_object_foreach(o, key, val) {
		const char *const *a;

		(void)val;
		for (a = allowed; *a; a++)
			if (!strcmp(*a, key))
				break;
		if (!*a)
			return fail(c->err, c->errlen, "%s: unknown key '%s'", where, key);
	}
	return 0;
}

static int get_obj(struct jctx *c, json_object *parent, const char *where,
		   const char *key, bool required, json_object **out)
{
	json_object *o = NULL;

	*out = NULL;
	if (!json_object_object_get_ex(parent, key, &o) || !o) {
		if (!required)
			return 0;
		return fail(c->err, c->errlen, "%s: missing key '%s'", where, key);
	}
	*out = o;
	return 0;
}

/* Type names as errors spell them: a number may also be an integer. */
static const char *type_name(enum json_type type)
{
	switch (type) {
	case json_type_int:
		return "integer";
	case json_type_double:
		return "number";
	default:
		return json_type_to_name(type);
	}
}

/* Fail with "<where>: expected <type>, got <o's type>" unless @o has @type. */
static int check_type(struct jctx *c, json_object *o, const char *where,
		      enum json_type type)
{
	if (json_object_is_type(o, type) ||
	    (type == json_type_double && json_object_is_type(o, json_type_int)))
		return 0;
	return fail(c->err, c->errlen, "%s: expected %s, got %s", where,
		    type_name(type), jtype(o));
}

/*
 * Converters, for get_member() and for array elements: store @o, the
 * value at @where, in *@out (of the type the name says), or fail with a
 * one-line error.
 */
static int to_string(struct jctx *c, json_object *o, const char *where,
		     void *out)
{
	char **s = out;
	const char *v;
	int ret;

	ret = check_type(c, o, where, json_type_string);
	if (ret)
		return ret;
	v = json_object_get_string(o);
	if ((size_t)json_object_get_string_len(o) != strlen(v))
		return fail(c->err, c->errlen, "%s: string contains NUL", where);
	*s = strdup(v);
	return *s ? 0 : -ENOMEM;
}

static int to_u64(struct jctx *c, json_object *o, const char *where, void *out)
{
	int ret = check_type(c, o, where, json_type_int);

	if (ret)
		return ret;
	errno = 0;
	if (json_object_get_int64(o) < 0)
		return fail(c->err, c->errlen, "%s: negative value", where);
	*(uint64_t *)out = json_object_get_uint64(o);
	return 0;
}

static int to_double(struct jctx *c, json_object *o, const char *where,
		     void *out)
{
	double *d = out;
	int ret;

	ret = check_type(c, o, where, json_type_double);
	if (ret)
		return ret;
	*d = json_object_get_double(o);
	if (!isfinite(*d))
		return fail(c->err, c->errlen, "%s: not a finite number", where);
	return 0;
}

static int to_bool(struct jctx *c, json_object *o, const char *where, void *out)
{
	int ret = check_type(c, o, where, json_type_boolean);

	if (!ret)
		*(bool *)out = json_object_get_boolean(o);
	return ret;
}

/* *@out is the array itself (json_object *). */
static int to_array(struct jctx *c, json_object *o, const char *where, void *out)
{
	int ret = check_type(c, o, where, json_type_array);

	if (!ret)
		*(json_object **)out = o;
	return ret;
}

/*
 * Read member @key of @parent, the object at @where, into *@out with
 * converter @to.  A member that is missing or null fails if @required;
 * otherwise *@out is left alone.
 */
static int get_member(struct jctx *c, json_object *parent, const char *where,
		      const char *key, bool required,
		      int (*to)(struct jctx *c, json_object *o,
				const char *where, void *out),
		      void *out)
{
	char w[256];
	json_object *o;
	int ret;

	ret = get_obj(c, parent, where, key, required, &o);
	if (ret || !o)
		return ret;
	snprintf(w, sizeof(w), "%s.%s", where, key);
	return to(c, o, w, out);
}

static int get_uint(struct jctx *c, json_object *parent, const char *where,
		    const char *key, unsigned int max, unsigned int *out)
{
	uint64_t v;
	int ret;

	ret = get_member(c, parent, where, key, true, to_u64, &v);
	if (ret)
		return ret;
	if (v > max)
		return fail(c->err, c->errlen, "%s.%s: %llu out of range 0..%u",
			    where, key, (unsigned long long)v, max);
	*out = (unsigned int)v;
	return 0;
}

/* Exit status: integer 0..255 or null (no workload). */
static int to_status(struct jctx *c, json_object *o, const char *where, int *out)
{
	int64_t v;

	if (!o) {
		*out = -1;
		return 0;
	}
	if (!json_object_is_type(o, json_type_int))
		return fail(c->err, c->errlen, "%s: expected integer or null, got %s",
			    where, jtype(o));
	v = json_object_get_int64(o);
	if (v < 0 || v > 255)
		return fail(c->err, c->errlen, "%s: %lld out of range 0..255",
			    where, (long long)v);
	*out = (int)v;
	return 0;
}

/* metadata.workload: argv, exit_status, pid */
static int parse_workload(struct jctx *c, json_object *mo, struct nvmx_res_meta *m)
{
	static const char *const wkeys[] = { "argv", "exit_status", "pid", "guest",
					     "cgroup", NULL };
	json_object *wo, *arr, *o;
	size_t i, n;
	int ret;

	ret = get_obj(c, mo, "metadata", "workload", true, &wo);
	ret = ret ?: check_type(c, wo, "metadata.workload", json_type_object);
	ret = ret ?: check_keys(c, wo, "metadata.workload", wkeys);
	ret = ret ?: get_member(c, wo, "metadata.workload", "argv", true, to_array, &arr);
	if (ret)
		return ret;
	n = json_object_array_length(arr);
	if (n > 4096)
		return fail(c->err, c->errlen, "metadata.workload.argv: too long");
	m->argv = calloc(n + 1, sizeof(*m->argv));
	if (!m->argv)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		o = json_object_array_get_idx(arr, i);
		if (!json_object_is_type(o, json_type_string))
			return fail(c->err, c->errlen,
				    "metadata.workload.argv[%zu]: expected string, got %s",
				    i, jtype(o));
		m->argv[i] = strdup(json_object_get_string(o));
		if (!m->argv[i])
			return -ENOMEM;
		m->argc++;
	}
	if (!json_object_object_get_ex(wo, "exit_status", &o))
		return fail(c->err, c->errlen, "metadata.workload: missing key 'exit_status'");
	ret = to_status(c, o, "metadata.workload.exit_status", &m->exit_status);
	if (ret)
		return ret;
	if (!json_object_object_get_ex(wo, "pid", &o))
		return fail(c->err, c->errlen, "metadata.workload: missing key 'pid'");
	if (!json_object_is_type(o, json_type_int) || json_object_get_int64(o) < 0 ||
	    json_object_get_int64(o) > INT_MAX)
		return fail(c->err, c->errlen,
			    "metadata.workload.pid: expected integer 0..%d", INT_MAX);
	m->target_pid = (int)json_object_get_int64(o);
	/* the VM filters (-g, --cgroup): optional, string or null */
	ret = get_member(c, wo, "metadata.workload", "guest", false, to_string, &m->guest);
	return ret ?: get_member(c, wo, "metadata.workload", "cgroup", false, to_string,
				 &m->cgroup);
}

/* metadata.attach: hook, method and reason of each hook */
static int parse_attach(struct jctx *c, json_object *mo, struct nvmx_res_meta *m)
{
	static const char *const akeys[] = { "hook", "method", "reason", NULL };
	json_object *arr, *o;
	char w[128];
	size_t i, n;
	int ret;

	ret = get_member(c, mo, "metadata", "attach", true, to_array, &arr);
	if (ret)
		return ret;
	n = json_object_array_length(arr);
	if (n > 256)
		return fail(c->err, c->errlen, "metadata.attach: too many hooks");
	m->attach = calloc(n ?: 1, sizeof(*m->attach));
	if (!m->attach)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		struct nvmx_res_attach *a = &m->attach[i];

		o = json_object_array_get_idx(arr, i);
		snprintf(w, sizeof(w), "metadata.attach[%zu]", i);
		ret = check_type(c, o, w, json_type_object);
		if (ret)
			return ret;
		m->nattach++;
		ret = check_keys(c, o, w, akeys);
		ret = ret ?: get_member(c, o, w, "hook", true, to_string, &a->hook);
		ret = ret ?: get_member(c, o, w, "method", true, to_string, &a->method);
		ret = ret ?: get_member(c, o, w, "reason", false, to_string, &a->reason);
		if (ret)
			return ret;
	}
	return 0;
}

/* metadata.runs: duration_s and exit_status of each run */
static int parse_run_info(struct jctx *c, json_object *mo, struct nvmx_res_meta *m)
{
	static const char *const rkeys[] = { "duration_s", "exit_status", NULL };
	json_object *arr, *o;
	char w[128];
	size_t i, n;
	int ret;

	ret = get_member(c, mo, "metadata", "runs", true, to_array, &arr);
	if (ret)
		return ret;
	n = json_object_array_length(arr);
	if (n != m->repetitions)
		return fail(c->err, c->errlen,
			    "metadata.runs: %zu entries but repetitions is %u",
			    n, m->repetitions);
	m->run_info = calloc(n, sizeof(*m->run_info));
	if (!m->run_info)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		json_object *so;

		o = json_object_array_get_idx(arr, i);
		snprintf(w, sizeof(w), "metadata.runs[%zu]", i);
		ret = check_type(c, o, w, json_type_object);
		ret = ret ?: check_keys(c, o, w, rkeys);
		ret = ret ?: get_member(c, o, w, "duration_s", true, to_double,
					&m->run_info[i].duration_s);
		if (ret)
			return ret;
		if (!json_object_object_get_ex(o, "exit_status", &so))
			return fail(c->err, c->errlen, "%s: missing key 'exit_status'", w);
		snprintf(w, sizeof(w), "metadata.runs[%zu].exit_status", i);
		ret = to_status(c, so, w, &m->run_info[i].exit_status);
		if (ret)
			return ret;
	}
	return 0;
}

/* A key of version 3 in an older file: unknown there. */
static int v3_key(struct jctx *c, json_object *o, const char *where, const char *key)
{
	json_object *v;

	if (c->version >= 3 || !json_object_object_get_ex(o, key, &v))
		return 0;
	return fail(c->err, c->errlen, "%s: unknown key '%s' (schema_version 3 has it, "
		    "the file says %d)", where, key, c->version);
}

/*
 * metadata.reason_isas (version 3, optional: files recorded before it
 * have none, m->reason_isas 0): the ISAs whose exit codes were read
 */
static int parse_reason_isas(struct jctx *c, json_object *mo, struct nvmx_res_meta *m)
{
	json_object *arr = NULL, *o;
	unsigned int isa, bit;
	char w[64];
	size_t i;
	int ret;

	ret = get_member(c, mo, "metadata", "reason_isas", false, to_array, &arr);
	if (ret || !arr)
		return ret;
	m->reason_isas = NVMX_RES_RISA_KNOWN;
	for (i = 0; i < json_object_array_length(arr); i++) {
		o = json_object_array_get_idx(arr, i);
		snprintf(w, sizeof(w), "metadata.reason_isas[%zu]", i);
		ret = check_type(c, o, w, json_type_string);
		if (ret)
			return ret;
		for (isa = NVMX_RES_ISA_VMX; isa <= NVMX_RES_ISA_SVM; isa++)
			if (!strcmp(json_object_get_string(o), nvmx_res_isa_name(isa)))
				break;
		if (isa > NVMX_RES_ISA_SVM)
			return fail(c->err, c->errlen, "%s: '%.32s' is not vmx or svm", w,
				    json_object_get_string(o));
		bit = NVMX_RES_RISA(isa);
		if (m->reason_isas & bit)
			return fail(c->err, c->errlen, "%s: '%s' twice", w,
				    nvmx_res_isa_name(isa));
		m->reason_isas |= bit;
	}
	return 0;
}

/* metadata.reasons, reasons_dropped and reason_isas (version 3) */
static int parse_meta_reasons(struct jctx *c, json_object *mo, struct nvmx_res_meta *m)
{
	if (c->version < 3)
		return v3_key(c, mo, "metadata", "reasons") ?:
		       v3_key(c, mo, "metadata", "reasons_dropped") ?:
		       v3_key(c, mo, "metadata", "reason_isas");
	return get_member(c, mo, "metadata", "reasons", true, to_bool, &m->reasons) ?:
	       get_member(c, mo, "metadata", "reasons_dropped", true, to_u64,
			  &m->reasons_dropped) ?:
	       parse_reason_isas(c, mo, m);
}

static int parse_meta(struct jctx *c, json_object *mo, struct nvmx_results *r)
{
	static const char *const keys[] = {
		"tool", "tool_version", "kernel_release", "series_tracepoints",
		"cpu_model", "hostname", "start_time", "duration_s", "workload",
		"label", "repetitions", "repetitions_requested", "interrupted",
		"hist_k", "time_unit", "attach", "runs", "reasons", "reasons_dropped",
		"reason_isas", NULL };
	struct nvmx_res_meta *m = &r->meta;
	json_object *tu;
	int ret;

	ret = check_type(c, mo, "metadata", json_type_object);
	ret = ret ?: check_keys(c, mo, "metadata", keys);
	ret = ret ?: get_member(c, mo, "metadata", "tool", true, to_string, &m->tool);
	ret = ret ?: get_member(c, mo, "metadata", "tool_version", true, to_string,
				&m->tool_version);
	ret = ret ?: get_member(c, mo, "metadata", "kernel_release", true, to_string,
				&m->kernel_release);
	ret = ret ?: get_member(c, mo, "metadata", "series_tracepoints", true, to_bool,
				&m->series_tracepoints);
	ret = ret ?: get_member(c, mo, "metadata", "cpu_model", true, to_string,
				&m->cpu_model);
	ret = ret ?: get_member(c, mo, "metadata", "hostname", true, to_string,
				&m->hostname);
	ret = ret ?: get_member(c, mo, "metadata", "start_time", true, to_string,
				&m->start_time);
	ret = ret ?: get_member(c, mo, "metadata", "duration_s", true, to_double,
				&m->duration_s);
	ret = ret ?: get_member(c, mo, "metadata", "label", false, to_string, &m->label);
	ret = ret ?: get_uint(c, mo, "metadata", "repetitions", NVMX_RES_MAX_RUNS,
			      &m->repetitions);
	ret = ret ?: get_uint(c, mo, "metadata", "repetitions_requested",
			      NVMX_RES_MAX_RUNS, &m->repetitions_requested);
	ret = ret ?: get_member(c, mo, "metadata", "interrupted", true, to_bool,
				&m->interrupted);
	ret = ret ?: get_uint(c, mo, "metadata", "hist_k", NVMX_HIST_K_MAX, &m->hist_k);
	ret = ret ?: get_obj(c, mo, "metadata", "time_unit", true, &tu);
	if (ret)
		return ret;
	if (!json_object_is_type(tu, json_type_string) ||
	    !nvmx_res_time_unit(json_object_get_string(tu)))
		return fail(c->err, c->errlen,
			    "metadata.time_unit: expected \"ns\" or \"cycles\"");
	if (m->repetitions < 1)
		return fail(c->err, c->errlen, "metadata.repetitions: must be >= 1");
	return parse_workload(c, mo, m) ?: parse_attach(c, mo, m) ?:
	       parse_run_info(c, mo, m) ?: parse_meta_reasons(c, mo, m);
}

/*
 * A sparse slots list (arr, at where) into slots[nslots]: [index, count]
 * pairs, strictly increasing indices, counts >= 1.  layout says which
 * slots in an error ("for k=4").
 */
static int parse_slots(struct jctx *c, json_object *arr, const char *where,
		       unsigned int nslots, const char *layout, uint64_t *slots)
{
	int64_t prev = -1;
	char w[256];
	size_t i, n = json_object_array_length(arr);
	int ret;

	if (n > nslots)
		return fail(c->err, c->errlen, "%s.slots: %zu entries, more than the %u slots",
			    where, n, nslots);
	for (i = 0; i < n; i++) {
		json_object *pair = json_object_array_get_idx(arr, i);
		uint64_t idx, cnt;

		snprintf(w, sizeof(w), "%s.slots[%zu]", where, i);
		if (!json_object_is_type(pair, json_type_array) ||
		    json_object_array_length(pair) != 2)
			return fail(c->err, c->errlen,
				    "%s: expected [index, count] pair, got %s", w, jtype(pair));
		ret = to_u64(c, json_object_array_get_idx(pair, 0), w, &idx);
		ret = ret ?: to_u64(c, json_object_array_get_idx(pair, 1), w, &cnt);
		if (ret)
			return ret;
		if (idx >= nslots)
			return fail(c->err, c->errlen,
				    "%s: slot index %llu out of range %s (max %u)",
				    w, (unsigned long long)idx, layout, nslots - 1);
		if ((int64_t)idx <= prev)
			return fail(c->err, c->errlen,
				    "%s: slot indices must be strictly increasing", w);
		if (!cnt)
			return fail(c->err, c->errlen,
				    "%s: zero count (sparse slots list only non-empty slots)", w);
		prev = (int64_t)idx;
		slots[idx] = cnt;
	}
	return 0;
}

static int parse_hist(struct jctx *c, json_object *o, const char *where,
		      unsigned int k, struct nvmx_res_hist *h)
{
	static const char *const keys[] = { "count", "sum", "slots", NULL };
	json_object *arr, *so;
	char w[256], layout[32];
	int ret;

	ret = check_type(c, o, where, json_type_object);
	ret = ret ?: check_keys(c, o, where, keys);
	ret = ret ?: get_member(c, o, where, "count", true, to_u64, &h->count);
	if (ret)
		return ret;
	if (json_object_object_get_ex(o, "sum", &so) && so) {
		snprintf(w, sizeof(w), "%s.sum", where);
		ret = to_u64(c, so, w, &h->sum);
		if (ret)
			return ret;
		h->has_sum = true;
	}
	ret = get_member(c, o, where, "slots", true, to_array, &arr);
	if (ret)
		return ret;
	snprintf(layout, sizeof(layout), "for k=%u", k);
	return parse_slots(c, arr, where, nvmx_hist_slots(k), layout, h->slots);
}

/*
 * Parse the fields metric and counter entries share (name, unit,
 * description, better, runs) of entry @o, whose path is already in @w.
 * On success @w names the entry by name and *runs holds its runs array.
 */
static int parse_entry_head(struct jctx *c, json_object *o, const char *kind,
			    char *w, size_t wlen, char **name, char **unit,
			    char **desc, enum nvmx_res_better *bt,
			    unsigned int reps, json_object **runs)
{
	static const char *const keys[] = { "name", "unit", "description",
					    "better", "runs", NULL };
	char *better = NULL;
	int ret;

	ret = check_keys(c, o, w, keys);
	ret = ret ?: get_member(c, o, w, "name", true, to_string, name);
	if (ret)
		return ret;
	if (!nvmx_res_valid_name(*name))
		return fail(c->err, c->errlen,
			    "%s.name: '%.64s' is not [a-z][a-z0-9_.]* of at most %d chars",
			    w, *name, NVMX_RES_NAME_MAX);
	snprintf(w, wlen, "%s.%s", kind, *name);
	ret = get_member(c, o, w, "unit", true, to_string, unit);
	ret = ret ?: get_member(c, o, w, "description", false, to_string, desc);
	ret = ret ?: get_member(c, o, w, "better", true, to_string, &better);
	if (ret) {
		free(better);
		return ret;
	}
	ret = parse_better(better, bt);
	free(better);
	if (ret)
		return fail(c->err, c->errlen,
			    "%s.better: expected lower, higher or none", w);
	ret = get_member(c, o, w, "runs", true, to_array, runs);
	if (ret)
		return ret;
	if (json_object_array_length(*runs) != reps)
		return fail(c->err, c->errlen,
			    "%s.runs: %zu runs but metadata.repetitions is %u",
			    w, json_object_array_length(*runs), reps);
	return 0;
}

/* Room for n metrics or counters in r, for parse_entries(). */
static int alloc_metrics(struct nvmx_results *r, size_t n)
{
	r->metrics = calloc(n ?: 1, sizeof(*r->metrics));
	return r->metrics ? 0 : -ENOMEM;
}

static int alloc_counters(struct nvmx_results *r, size_t n)
{
	r->counters = calloc(n ?: 1, sizeof(*r->counters));
	return r->counters ? 0 : -ENOMEM;
}

/*
 * Read the metrics or counters array arr (what: "metrics" or "counters")
 * of at most 1024 entries: alloc() makes room for them in r, then one()
 * reads every element, after checking that it is an object; w names the
 * element in error messages.
 */
static int parse_entries(struct jctx *c, json_object *arr, const char *what,
			 struct nvmx_results *r,
			 int (*alloc)(struct nvmx_results *r, size_t n),
			 int (*one)(struct jctx *c, json_object *o, char *w,
				    size_t wlen, size_t i, struct nvmx_results *r))
{
	size_t i, n = json_object_array_length(arr);
	char w[128];
	int ret;

	if (n > 1024)
		return fail(c->err, c->errlen, "%s: too many %s", what, what);
	ret = alloc(r, n);
	if (ret)
		return ret;
	for (i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(arr, i);

		snprintf(w, sizeof(w), "%s[%zu]", what, i);
		ret = check_type(c, o, w, json_type_object);
		ret = ret ?: one(c, o, w, sizeof(w), i, r);
		if (ret)
			return ret;
	}
	return 0;
}

static int parse_metric(struct jctx *c, json_object *o, char *w, size_t wlen,
			size_t i, struct nvmx_results *r)
{
	unsigned int k = r->meta.hist_k, nslots = nvmx_hist_slots(k);
	struct nvmx_res_metric *me = &r->metrics[i];
	json_object *runs;
	char w2[160];
	size_t j;
	int ret;

	r->nmetrics++;
	ret = parse_entry_head(c, o, "metrics", w, wlen, &me->name, &me->unit,
			       &me->desc, &me->better, r->meta.repetitions, &runs);
	if (ret)
		return ret;
	me->runs = calloc(r->meta.repetitions, sizeof(*me->runs));
	if (!me->runs)
		return -ENOMEM;
	for (j = 0; j < r->meta.repetitions; j++) {
		me->runs[j].slots = calloc(nslots, sizeof(uint64_t));
		if (!me->runs[j].slots)
			return -ENOMEM;
		me->nruns++;
		snprintf(w2, sizeof(w2), "%s.runs[%zu]", w, j);
		ret = parse_hist(c, json_object_array_get_idx(runs, j), w2, k,
				 &me->runs[j]);
		if (ret)
			return ret;
	}
	return 0;
}

static int parse_counter(struct jctx *c, json_object *o, char *w, size_t wlen,
			 size_t i, struct nvmx_results *r)
{
	struct nvmx_res_counter *co = &r->counters[i];
	json_object *runs;
	char w2[160];
	size_t j;
	int ret;

	r->ncounters++;
	ret = parse_entry_head(c, o, "counters", w, wlen, &co->name, &co->unit,
			       &co->desc, &co->better, r->meta.repetitions, &runs);
	if (ret)
		return ret;
	co->values = calloc(r->meta.repetitions, sizeof(double));
	if (!co->values)
		return -ENOMEM;
	co->nruns = r->meta.repetitions;
	for (j = 0; j < co->nruns; j++) {
		json_object *v = json_object_array_get_idx(runs, j);

		/* null: undefined (0/0) or its hooks unavailable */
		if (!v) {
			co->values[j] = NAN;
			continue;
		}
		snprintf(w2, sizeof(w2), "%s.runs[%zu]", w, j);
		ret = to_double(c, v, w2, &co->values[j]);
		if (ret)
			return ret;
	}
	return 0;
}

/* ---- exit reasons (version 3) ----------------------------------- */

/* One run's latencies of a reason path */
static int parse_rlat(struct jctx *c, json_object *o, const char *where,
		      struct nvmx_res_rlat *l)
{
	static const char *const keys[] = { "count", "sum", "max", "slots", NULL };
	json_object *arr;
	int ret;

	ret = check_type(c, o, where, json_type_object);
	ret = ret ?: check_keys(c, o, where, keys);
	ret = ret ?: get_member(c, o, where, "count", true, to_u64, &l->count);
	ret = ret ?: get_member(c, o, where, "sum", true, to_u64, &l->sum);
	ret = ret ?: get_member(c, o, where, "max", true, to_u64, &l->max);
	ret = ret ?: get_member(c, o, where, "slots", true, to_array, &arr);
	return ret ?: parse_slots(c, arr, where, NVMX_RES_RLAT_SLOTS,
				  "of the log2 buckets", l->slots);
}

static int path_index(const char *name)
{
	int p;

	for (p = 0; p < NVMX_RES_RPATHS; p++)
		if (!strcmp(name, nvmx_res_rpath_names[p]))
			return p;
	return -1;
}

/* Member key of o (at w): an array of one element per run */
static int get_runs(struct jctx *c, json_object *o, const char *w, const char *key,
		    unsigned int reps, json_object **arr)
{
	int ret = get_member(c, o, w, key, true, to_array, arr);

	if (!ret && json_object_array_length(*arr) != reps)
		return fail(c->err, c->errlen,
			    "%s.%s: %zu runs but metadata.repetitions is %u",
			    w, key, json_object_array_length(*arr), reps);
	return ret;
}

/* A reason's latency_ns: the paths with samples, each one per run */
static int parse_reason_lat(struct jctx *c, json_object *o, const char *w,
			    struct nvmx_res_reason *x)
{
	char wl[192], w2[224];
	json_object *lo, *arr;
	unsigned int j;
	int ret;

	snprintf(wl, sizeof(wl), "%s.latency_ns", w);
	ret = get_obj(c, o, w, "latency_ns", true, &lo);
	ret = ret ?: check_type(c, lo, wl, json_type_object);
	if (ret)
		return ret;
	json_object_object_foreach(lo, key, val) {
		int p = path_index(key);

		(void)val;
		if (p < 0)
			return fail(c->err, c->errlen,
				    "%s: unknown path '%s' (l1, l2_l0, l2_l1, synth)", wl, key);
		ret = get_runs(c, lo, wl, key, x->nruns, &arr);
		for (j = 0; !ret && j < x->nruns; j++) {
			snprintf(w2, sizeof(w2), "%s.%s[%u]", wl, key, j);
			ret = parse_rlat(c, json_object_array_get_idx(arr, j), w2,
					 &x->lat[p][j]);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/* isa ("vmx", "svm") and code of reason o at w */
static int parse_reason_id(struct jctx *c, json_object *o, const char *w,
			   struct nvmx_res_reason *x)
{
	char *isa = NULL;
	uint64_t code;
	int ret;

	ret = get_member(c, o, w, "isa", true, to_string, &isa);
	if (ret)
		return ret;
	if (!strcmp(isa, "vmx"))
		x->isa = NVMX_RES_ISA_VMX;
	else if (!strcmp(isa, "svm"))
		x->isa = NVMX_RES_ISA_SVM;
	else
		ret = fail(c->err, c->errlen, "%s.isa: '%.32s' is not vmx or svm", w, isa);
	free(isa);
	ret = ret ?: get_member(c, o, w, "code", true, to_u64, &code);
	if (ret)
		return ret;
	if (code > UINT32_MAX)
		return fail(c->err, c->errlen, "%s.code: %llu out of range 0..%u", w,
			    (unsigned long long)code, UINT32_MAX);
	x->code = (uint32_t)code;
	return get_member(c, o, w, "reason", true, to_string, &x->label);
}

static int parse_reason(struct jctx *c, json_object *o, char *w, size_t wlen,
			size_t i, struct nvmx_results *r)
{
	static const char *const keys[] = { "isa", "code", "reason", "l1", "l2_l0",
					    "l2_l1", "synth", "latency_ns", NULL };
	struct nvmx_res_reason *x = &r->reasons[i];
	unsigned int p, j, reps = r->meta.repetitions;
	json_object *arr;
	char w2[192];
	int ret;

	r->nreasons++;
	ret = check_keys(c, o, w, keys) ?: parse_reason_id(c, o, w, x);
	if (ret)
		return ret;
	snprintf(w, wlen, "reasons.%s.%u", nvmx_res_isa_name(x->isa), x->code);
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		x->counts[p] = calloc(reps, sizeof(*x->counts[p]));
		x->lat[p] = calloc(reps, sizeof(*x->lat[p]));
		if (!x->counts[p] || !x->lat[p])
			return -ENOMEM;
	}
	x->nruns = reps;
	for (p = 0; p < NVMX_RES_RPATHS; p++) {
		ret = get_runs(c, o, w, nvmx_res_rpath_names[p], reps, &arr);
		for (j = 0; !ret && j < reps; j++) {
			snprintf(w2, sizeof(w2), "%s.%s[%u]", w, nvmx_res_rpath_names[p], j);
			ret = to_u64(c, json_object_array_get_idx(arr, j), w2,
				     &x->counts[p][j]);
		}
		if (ret)
			return ret;
	}
	return parse_reason_lat(c, o, w, x);
}

static int alloc_reasons(struct nvmx_results *r, size_t n)
{
	r->reasons = calloc(n ?: 1, sizeof(*r->reasons));
	return r->reasons ? 0 : -ENOMEM;
}

/* The top-level reasons array: version 3 (required), unknown before */
static int parse_reasons(struct jctx *c, json_object *root, struct nvmx_results *r)
{
	json_object *arr;
	int ret;

	if (c->version < 3)
		return v3_key(c, root, "top level", "reasons");
	ret = get_member(c, root, "top level", "reasons", true, to_array, &arr);
	if (ret)
		return ret;
	return parse_entries(c, arr, "reasons", r, alloc_reasons, parse_reason);
}

/*
 * Duplicate keys.  json-c keeps the last of two equal keys in an object;
 * a strict reader rejects them.  This second pass runs on text json-c has
 * accepted (strict mode), so it needs no error handling of its own beyond
 * staying inside the buffer; the path it reports is "metadata.workload",
 * "metrics[0].runs[1]" or "top level".
 */
struct dupscan {
	const char *p, *end;
	char path[256];
	size_t plen;
	struct jctx *c;
};

struct dupkey {
	char *s;
	size_t len;
	size_t order;
};

static void dup_ws(struct dupscan *d)
{
	while (d->p < d->end && (*d->p == ' ' || *d->p == '\t' || *d->p == '\n' ||
				 *d->p == '\r'))
		d->p++;
}

static unsigned int dup_hex4(const char *p)
{
	unsigned int v = 0, i;

	for (i = 0; i < 4; i++) {
		char ch = p[i];

		v <<= 4;
		if (ch >= '0' && ch <= '9')
			v |= (unsigned int)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			v |= (unsigned int)(ch - 'a' + 10);
		else if (ch >= 'A' && ch <= 'F')
			v |= (unsigned int)(ch - 'A' + 10);
	}
	return v;
}

static size_t dup_put_utf8(char *o, unsigned int cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | cp >> 6);
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12);
		o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18);
	o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * The string at d->p (its opening quote), unescaped into a new buffer
 * (NULL: only skip it).  A decoded string is never longer than its text.
 */
static int dup_string(struct dupscan *d, struct dupkey *k)
{
	const char *p = d->p + 1;
	char *o = NULL;
	size_t n = 0;

	if (k) {
		o = malloc((size_t)(d->end - d->p) + 1);
		if (!o)
			return -ENOMEM;
	}
	while (p < d->end && *p != '"') {
		unsigned int cp;

		if (*p != '\\' || p + 1 >= d->end) {
			if (o)
				o[n] = *p;
			n++;
			p++;
			continue;
		}
		p++;
		if (*p != 'u' || d->end - p < 5) {
			static const char from[] = "bfnrt", to[] = "\b\f\n\r\t";
			const char *e = strchr(from, *p);

			if (o)
				o[n] = *p && e ? to[e - from] : *p;
			n++;
			p++;
			continue;
		}
		cp = dup_hex4(p + 1);
		p += 5;
		if (cp >= 0xd800 && cp < 0xdc00 && d->end - p >= 6 && p[0] == '\\' &&
		    p[1] == 'u') {
			unsigned int lo = dup_hex4(p + 2);

			if (lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
		}
		if (o)
			n += dup_put_utf8(o + n, cp);
		else
			n++;
	}
	d->p = p < d->end ? p + 1 : p;
	if (k) {
		o[n] = 0;
		k->s = o;
		k->len = n;
	}
	return 0;
}

static int dup_cmp(const void *a, const void *b)
{
	const struct dupkey *x = a, *y = b;
	int r;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	r = memcmp(x->s, y->s, x->len);
	if (r)
		return r;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int dup_value(struct dupscan *d, unsigned int depth);

/* Append ".key" / "key" (top level) or "[i]" to the path; returns the old length. */
static size_t dup_push(struct dupscan *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static size_t dup_push(struct dupscan *d, const char *fmt, ...)
{
	size_t old = d->plen, room = sizeof(d->path) - old;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(d->path + old, room, fmt, ap);
	va_end(ap);
	if (n > 0)
		d->plen += (size_t)n < room ? (size_t)n : room - 1;
	return old;
}

static void dup_pop(struct dupscan *d, size_t old)
{
	d->plen = old;
	d->path[old] = 0;
}

static int dup_object(struct dupscan *d, unsigned int depth)
{
	struct dupkey *keys = NULL, *nk;
	size_t n = 0, cap = 0, i, old;
	int ret = 0;

	d->p++;
	for (;;) {
		dup_ws(d);
		if (d->p >= d->end || *d->p != '"')
			break;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			nk = realloc(keys, cap * sizeof(*keys));
			if (!nk) {
				ret = -ENOMEM;
				goto out;
			}
			keys = nk;
		}
		ret = dup_string(d, &keys[n]);
		if (ret)
			goto out;
		keys[n].order = n;
		old = dup_push(d, "%s%s", d->plen ? "." : "", keys[n].s);
		n++;
		dup_ws(d);
		if (d->p < d->end && *d->p == ':')
			d->p++;
		ret = dup_value(d, depth + 1);
		dup_pop(d, old);
		if (ret)
			goto out;
		dup_ws(d);
		if (d->p >= d->end || *d->p != ',')
			break;
		d->p++;
	}
	if (d->p < d->end && *d->p == '}')
		d->p++;
	if (n > 1)
		qsort(keys, n, sizeof(*keys), dup_cmp);
	for (i = 1; i < n; i++) {
		if (!dup_cmp(&(struct dupkey){ keys[i].s, keys[i].len, 0 },
			     &(struct dupkey){ keys[i - 1].s, keys[i - 1].len, 0 })) {
			ret = fail(d->c->err, d->c->errlen, "%s: duplicate key '%s'",
				   d->plen ? d->path : "top level", keys[i].s);
			break;
		}
	}
out:
	for (i = 0; i < n; i++)
		free(keys[i].s);
	free(keys);
	return ret;
}

static int dup_array(struct dupscan *d, unsigned int depth)
{
	size_t i, old;
	int ret;

	d->p++;
	for (i = 0;; i++) {
		dup_ws(d);
		if (d->p >= d->end || *d->p == ']')
			break;
		old = dup_push(d, "[%zu]", i);
		ret = dup_value(d, depth + 1);
		dup_pop(d, old);
		if (ret)
			return ret;
		dup_ws(d);
		if (d->p >= d->end || *d->p != ',')
			break;
		d->p++;
	}
	if (d->p < d->end && *d->p == ']')
		d->p++;
	return 0;
}

static int dup_value(struct dupscan *d, unsigned int depth)
{
	dup_ws(d);
	if (d->p >= d->end || depth > NVMX_RES_MAX_DEPTH)
		return 0;
	switch (*d->p) {
	case '{':
		return dup_object(d, depth);
	case '[':
		return dup_array(d, depth);
	case '"':
		return dup_string(d, NULL);
	}
	/* number, true, false, null */
	while (d->p < d->end && !strchr(",]} \t\n\r", *d->p))
		d->p++;
	return 0;
}

static int check_dup_keys(struct jctx *c, const char *buf, size_t len)
{
	struct dupscan d = { .p = buf, .end = buf + len, .c = c };

	return dup_value(&d, 0);
}

int nvmx_res_parse(const char *buf, size_t len, struct nvmx_results **out,
		   char *err, size_t errlen)
{
	static const char *const keys[] = { "schema", "schema_version",
					    "metadata", "metrics", "counters", "reasons",
					    NULL };
	struct jctx c = { err, errlen, 0 };
	struct json_tokener *tok;
	enum json_tokener_error jerr;
	json_object *root = NULL, *o, *mo;
	struct nvmx_results *r = NULL;
	char *tu = NULL;
	size_t i;
	int ret;

	*out = NULL;
	if (len == 0)
		return fail(err, errlen, "empty file");
	if (len > INT_MAX)
		return fail(err, errlen, "file too large");
	for (i = 0; i < len; i++)
		if (buf[i] == '\0')
			return fail(err, errlen, "NUL byte at offset %zu", i);
	tok = json_tokener_new_ex(NVMX_RES_MAX_DEPTH);
	if (!tok)
		return -ENOMEM;
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	root = json_tokener_parse_ex(tok, buf, (int)len);
	jerr = json_tokener_get_error(tok);
	if (jerr == json_tokener_continue) {
		ret = fail(err, errlen, "truncated JSON (document ends at offset %zu)", len);
		goto free_tok;
	}
	if (jerr != json_tokener_success) {
		ret = fail(err, errlen, "malformed JSON at offset %zu: %s",
			   json_tokener_get_parse_end(tok),
			   json_tokener_error_desc(jerr));
		goto free_tok;
	}
	for (i = json_tokener_get_parse_end(tok); i < len; i++) {
		if (buf[i] != ' ' && buf[i] != '\n' && buf[i] != '\t' && buf[i] != '\r') {
			ret = fail(err, errlen, "trailing data after JSON at offset %zu", i);
			goto put_root;
		}
	}
	ret = check_type(&c, root, "top level", json_type_object);
	ret = ret ?: check_dup_keys(&c, buf, len);
	if (ret)
		goto put_root;
	if (!json_object_object_get_ex(root, "schema", &o) ||
	    !json_object_is_type(o, json_type_string) ||
	    strcmp(json_object_get_string(o), NVMX_RES_SCHEMA)) {
		ret = fail(err, errlen, "not an nvmx-gpc results file (schema is not \"%s\")",
			   NVMX_RES_SCHEMA);
		goto put_root;
	}
	if (!json_object_object_get_ex(root, "schema_version", &o) ||
	    !json_object_is_type(o, json_type_int)) {
		ret = fail(err, errlen, "schema_version: missing or not an integer");
		goto put_root;
	}
	if (json_object_get_int64(o) == 1) {
		ret = fail(err, errlen,
			   "schema_version 1 is no longer read (its saved_pct was hits/(hits+maps), "
			   "version %d uses docs/metrics.md's): record it again",
			   NVMX_RES_SCHEMA_VERSION);
		goto put_root;
	}
	if (json_object_get_int64(o) < NVMX_RES_SCHEMA_VERSION_MIN ||
	    json_object_get_int64(o) > NVMX_RES_SCHEMA_VERSION) {
		ret = fail(err, errlen,
			   "unsupported schema_version %lld (this tool reads %d to %d)",
			   (long long)json_object_get_int64(o), NVMX_RES_SCHEMA_VERSION_MIN,
			   NVMX_RES_SCHEMA_VERSION);
		goto put_root;
	}
	c.version = (int)json_object_get_int64(o);
	ret = check_keys(&c, root, "top level", keys);
	if (ret)
		goto put_root;
	r = calloc(1, sizeof(*r));
	if (!r) {
		ret = -ENOMEM;
		goto put_root;
	}
	ret = get_obj(&c, root, "top level", "metadata", true, &mo);
	ret = ret ?: parse_meta(&c, mo, r);
	ret = ret ?: get_member(&c, root, "top level", "metrics", true, to_array, &o);
	ret = ret ?: parse_entries(&c, o, "metrics", r, alloc_metrics, parse_metric);
	ret = ret ?: get_member(&c, root, "top level", "counters", true, to_array, &o);
	ret = ret ?: parse_entries(&c, o, "counters", r, alloc_counters,
				   parse_counter);
	ret = ret ?: parse_reasons(&c, root, r);
	ret = ret ?: get_member(&c, mo, "metadata", "time_unit", true, to_string, &tu);
	if (ret)
		goto free_res;
	ret = nvmx_res_validate(r, err, errlen);
	if (ret)
		goto free_res;
	for (i = 0; i < r->nmetrics; i++) {
		if (strcmp(r->metrics[i].unit, tu)) {
			ret = fail(err, errlen,
				   "metrics.%s.unit: '%s' differs from metadata.time_unit '%s'",
				   r->metrics[i].name, r->metrics[i].unit, tu);
			goto free_res;
		}
	}
	*out = r;
	r = NULL;
free_res:
	free(tu);
	nvmx_res_free(r);
put_root:
	json_object_put(root);
free_tok:
	json_tokener_free(tok);
	if (ret == -ENOMEM && err && errlen)
		snprintf(err, errlen, "out of memory");
	return ret;
}

int nvmx_res_read(const char *path, struct nvmx_results **out, char *err,
		  size_t errlen)
{
	char msg[NVMX_RES_ERR_MAX];
	size_t len = 0, cap = 0;
	char *buf = NULL, *nb;
	ssize_t n;
	int fd, ret;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		ret = -errno;
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return ret;
	}
	for (;;) {
		if (len == cap) {
			if (cap >= (size_t)INT_MAX) {
				ret = -EFBIG;
				snprintf(err, errlen, "%s: file too large", path);
				goto free_buf;
			}
			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb) {
				ret = -ENOMEM;
				snprintf(err, errlen, "%s: out of memory", path);
				goto free_buf;
			}
			buf = nb;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = -errno;
			snprintf(err, errlen, "%s: read: %s", path, strerror(errno));
			goto free_buf;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	ret = nvmx_res_parse(buf, len, out, msg, sizeof(msg));
	if (ret)
		snprintf(err, errlen, "%s: %s", path, msg);
free_buf:
	free(buf);
	close(fd);
	if (ret)
		one_line(err);
	return ret;
}
