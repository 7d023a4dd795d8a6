// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Exit reasons: names, the paths derived from the probes' raw counts,
 * latency summaries, and the per-row reason lists of snapshots.
 *
 * The names are KVM's own: the kvm_exit tracepoint prints a reason with
 * __print_symbolic(VMX_EXIT_REASONS) or (SVM_EXIT_REASONS), tables of the
 * uapi headers <asm/vmx.h> and <asm/svm.h> (linux-libc-dev).  A code the
 * headers do not know (a reason newer than them) has no name: front ends
 * show its number.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <asm/kvm.h>	/* the *_VECTOR names SVM_EXIT_REASONS uses */
#include <asm/svm.h>
#include <asm/vmx.h>

#include "nvmx_core.h"

struct reason_name {
	unsigned int code;
	const char *name;
};

static const struct reason_name vmx_names[] = { VMX_EXIT_REASONS };
static const struct reason_name svm_names[] = { SVM_EXIT_REASONS };

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

const char *nvmx_reason_name(uint32_t isa, uint32_t code)
{
	const struct reason_name *t;
	size_t i, n;

	if (isa == NVMX_ISA_VMX) {
		t = vmx_names;
		n = ARRAY_SIZE(vmx_names);
	} else if (isa == NVMX_ISA_SVM) {
		t = svm_names;
		n = ARRAY_SIZE(svm_names);
	} else {
		return NULL;
	}
	for (i = 0; i < n; i++)
		if (t[i].code == code)
			return t[i].name;
	return NULL;
}

const char *nvmx_isa_name(uint32_t isa)
{
	static char buf[16];

	if (isa == NVMX_ISA_VMX)
		return "vmx";
	if (isa == NVMX_ISA_SVM)
		return "svm";
	snprintf(buf, sizeof(buf), "isa%u", isa);
	return buf;
}

const char *nvmx_reason_label(uint32_t isa, uint32_t code, char *buf, size_t len)
{
	const char *n = nvmx_reason_name(isa, code);

	if (n)
		return n;
	if (code == ~0U)
		snprintf(buf, len, "unknown");
	else
		snprintf(buf, len, "0x%x", code);
	return buf;
}

const char *nvmx_rpath_name(enum nvmx_rpath p)
{
	switch (p) {
	case NVMX_RP_L1: return "l1";
	case NVMX_RP_L2_L0: return "l2_l0";
	case NVMX_RP_L2_L1: return "l2_l1";
	case NVMX_RP_SYNTH: return "synth";
	default: return "?";
	}
}

static uint64_t sub0(uint64_t a, uint64_t b)
{
	return a > b ? a - b : 0;
}

uint64_t nvmx_reason_count(const struct nvmx_reason_snap *r, enum nvmx_rpath p)
{
	const unsigned long long *n = r->v.n;

	switch (p) {
	case NVMX_RP_L1:
		return sub0(n[NVMX_RC_EXITS], n[NVMX_RC_L2_EXITS]);
	case NVMX_RP_L2_L0:
		return sub0(n[NVMX_RC_L2_EXITS], n[NVMX_RC_REFLECTED]);
	case NVMX_RP_L2_L1:
		return n[NVMX_RC_REFLECTED];
	case NVMX_RP_SYNTH:
		return n[NVMX_RC_SYNTH];
	default:
		return 0;
	}
}

/* The upper bound (ns) of the bucket holding the q-quantile sample */
static uint64_t quantile_le(const unsigned long long *lat, uint64_t count, double q)
{
	uint64_t rank = (uint64_t)(q * (double)count + 0.999999), seen = 0;
	unsigned int i;

	if (!rank)
		rank = 1;
	for (i = 0; i < NVMX_RLAT_SLOTS; i++) {
		seen += lat[i];
		if (seen >= rank)
			return i + 1 < 64 ? 1ULL << (i + 1) : ~0ULL;
	}
	return 0;
}

void nvmx_reason_lat(const struct nvmx_reason_snap *r, enum nvmx_rpath p,
		     struct nvmx_rlat_stats *st)
{
	unsigned int i;

	memset(st, 0, sizeof(*st));
	if ((unsigned int)p >= NVMX_RP_NR)
		return;
	for (i = 0; i < NVMX_RLAT_SLOTS; i++)
		st->count += r->v.lat[p][i];
	if (!st->count)
		return;
	st->sum = r->v.lat_sum[p];
	st->max = r->v.lat_max[p];
	st->mean = (double)st->sum / (double)st->count;
	st->p50_le = quantile_le(r->v.lat[p], st->count, 0.50);
	st->p99_le = quantile_le(r->v.lat[p], st->count, 0.99);
}

static int reason_cmp(uint32_t isa, uint32_t code, const struct nvmx_reason_snap *r)
{
	if (isa != r->isa)
		return isa < r->isa ? -1 : 1;
	if (code != r->code)
		return code < r->code ? -1 : 1;
	return 0;
}

/* Index of (isa, code) in v's sorted list, or where it would go (*found) */
static size_t reason_find(const struct nvmx_vcpu_snap *v, uint32_t isa,
			  uint32_t code, bool *found)
{
	size_t lo = 0, hi = v->nr_reasons;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (reason_cmp(isa, code, &v->reasons[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < v->nr_reasons && !reason_cmp(isa, code, &v->reasons[lo]);
	return lo;
}

const struct nvmx_reason_snap *nvmx_vcpu_reason(const struct nvmx_vcpu_snap *v,
						uint32_t isa, uint32_t code)
{
	bool found;
	size_t i = reason_find(v, isa, code, &found);

	return found ? &v->reasons[i] : NULL;
}

static void rval_add(struct nvmx_rval *d, const struct nvmx_rval *s)
{
	unsigned int i, j;

	for (i = 0; i < NVMX_RC_NR; i++)
		d->n[i] += s->n[i];
	for (i = 0; i < NVMX_RP_NR; i++) {
		d->lat_sum[i] += s->lat_sum[i];
		if (s->lat_max[i] > d->lat_max[i])
			d->lat_max[i] = s->lat_max[i];
		for (j = 0; j < NVMX_RLAT_SLOTS; j++)
			d->lat[i][j] += s->lat[i][j];
	}
}

int nvmx_vcpu_reason_add(struct nvmx_vcpu_snap *v, const struct nvmx_reason_snap *r)
{
	struct nvmx_reason_snap *n;
	bool found;
	size_t i = reason_find(v, r->isa, r->code, &found);

	if (found) {
		rval_add(&v->reasons[i].v, &r->v);
		return 0;
	}
	n = realloc(v->reasons, (v->nr_reasons + 1) * sizeof(*n));
	if (!n)
		return -ENOMEM;
	v->reasons = n;
	memmove(&n[i + 1], &n[i], (v->nr_reasons - i) * sizeof(*n));
	n[i] = *r;
	v->nr_reasons++;
	return 0;
}

int nvmx_vcpu_reasons_add(struct nvmx_vcpu_snap *dst, const struct nvmx_vcpu_snap *src)
{
	size_t i;
	int err;

	for (i = 0; i < src->nr_reasons; i++) {
		err = nvmx_vcpu_reason_add(dst, &src->reasons[i]);
		if (err)
			return err;
	}
	return 0;
}

/* Exits of all paths (an L2 exit reflected to L1 counts once) */
static uint64_t reason_total(const struct nvmx_reason_snap *r)
{
	return r->v.n[NVMX_RC_EXITS] + r->v.n[NVMX_RC_SYNTH];
}

static int reason_order(const void *a, const void *b)
{
	const struct nvmx_reason_snap *x = *(const struct nvmx_reason_snap *const *)a;
	const struct nvmx_reason_snap *y = *(const struct nvmx_reason_snap *const *)b;
	uint64_t tx = reason_total(x), ty = reason_total(y);

	if (tx != ty)
		return tx > ty ? -1 : 1;
	return reason_cmp(x->isa, x->code, y);
}

int nvmx_reasons_sorted(const struct nvmx_vcpu_snap *v,
			const struct nvmx_reason_snap ***out)
{
	const struct nvmx_reason_snap **p;
	size_t i;

	p = calloc(v->nr_reasons ? v->nr_reasons : 1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	for (i = 0; i < v->nr_reasons; i++)
		p[i] = &v->reasons[i];
	if (v->nr_reasons > 1)
		qsort(p, v->nr_reasons, sizeof(*p), reason_order);
	*out = p;
	return 0;
}

/* A latency in 8 columns: ns, us or ms; "-" without samples */
static void lat_cell(char *buf, size_t len, bool ok, double ns)
{
	if (!ok)
		snprintf(buf, len, "%8s", "-");
	else if (ns >= 1e7)
		snprintf(buf, len, "%7.1fm", ns / 1e6);
	else if (ns >= 1e4)
		snprintf(buf, len, "%7.1fu", ns / 1e3);
	else
		snprintf(buf, len, "%8.0f", ns);
}

void nvmx_reason_header(char *buf, size_t len)
{
	snprintf(buf, len, "%-22s %-3s %9s %9s %9s %9s %8s %8s %8s %8s %8s",
		 "REASON", "ISA", "L1", "L2>L0", "L2>L1", "SYNTH", "L1avg",
		 "L0avg", "L0max", "RTavg", "RTmax");
}

/*
 * Counts per path; latencies: L1 exits (exit -> entry), L2 exits handled
 * in L0 (avg, max), L2 exits reflected to L1 (the round trip to the next
 * L2 entry: avg, max).
 */
void nvmx_reason_line(char *buf, size_t len, const struct nvmx_reason_snap *r)
{
	struct nvmx_rlat_stats l1, l0, rt;
	char name[24], c[5][16];

	nvmx_reason_lat(r, NVMX_RP_L1, &l1);
	nvmx_reason_lat(r, NVMX_RP_L2_L0, &l0);
	nvmx_reason_lat(r, NVMX_RP_L2_L1, &rt);
	lat_cell(c[0], sizeof(c[0]), l1.count, l1.mean);
	lat_cell(c[1], sizeof(c[1]), l0.count, l0.mean);
	lat_cell(c[2], sizeof(c[2]), l0.count, (double)l0.max);
	lat_cell(c[3], sizeof(c[3]), rt.count, rt.mean);
	lat_cell(c[4], sizeof(c[4]), rt.count, (double)rt.max);
	snprintf(buf, len, "%-22.22s %-3s %9llu %9llu %9llu %9llu %s %s %s %s %s",
		 nvmx_reason_label(r->isa, r->code, name, sizeof(name)),
		 nvmx_isa_name(r->isa),
		 (unsigned long long)nvmx_reason_count(r, NVMX_RP_L1),
		 (unsigned long long)nvmx_reason_count(r, NVMX_RP_L2_L0),
		 (unsigned long long)nvmx_reason_count(r, NVMX_RP_L2_L1),
		 (unsigned long long)nvmx_reason_count(r, NVMX_RP_SYNTH),
		 c[0], c[1], c[2], c[3], c[4]);
}
