// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Snapshot containers: build (sort + group into VMs), delta, free. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nvmx_core.h"

int nvmx_vcpu_snap_init(struct nvmx_vcpu_snap *v, unsigned int slots)
{
	int h;

	memset(v, 0, sizeof(*v));
	v->vcpu_id = -1;
	for (h = 0; h < NVMX_H_NR; h++) {
		v->hist[h] = calloc(slots, sizeof(uint64_t));
		if (!v->hist[h]) {
			nvmx_vcpu_snap_fini(v);
			return -ENOMEM;
		}
	}
	return 0;
}

void nvmx_vcpu_snap_fini(struct nvmx_vcpu_snap *v)
{
	int h;

	for (h = 0; h < NVMX_H_NR; h++) {
		free(v->hist[h]);
		v->hist[h] = NULL;
	}
	free(v->reasons);
	v->reasons = NULL;
	v->nr_reasons = 0;
}

void nvmx_vcpu_snap_add(struct nvmx_vcpu_snap *dst,
			const struct nvmx_vcpu_snap *src, unsigned int slots)
{
	unsigned int i;
	int j, r;

	for (j = 0; j < NVMX_C_NR; j++)
		if (j != NVMX_C_VCPU_ID)
			dst->ctr[j] += src->ctr[j];
	for (j = 0; j < NVMX_KIND_SLOTS; j++)
		for (r = 0; r < NVMX_KCTR_NR; r++)
			dst->kctr[j][r] += src->kctr[j][r];
	for (j = 0; j < NVMX_H_NR; j++) {
		dst->hsum[j] += src->hsum[j];
		if (dst->hist[j] && src->hist[j])
			for (i = 0; i < slots; i++)
				dst->hist[j][i] += src->hist[j][i];
	}
	nvmx_vcpu_reasons_add(dst, src);
}

static int copy_row(struct nvmx_vcpu_snap *dst, const struct nvmx_vcpu_snap *src,
		    unsigned int slots)
{
	int h, err;

	err = nvmx_vcpu_snap_init(dst, slots);
	if (err)
		return err;
	memcpy(dst->ctr, src->ctr, sizeof(dst->ctr));
	memcpy(dst->kctr, src->kctr, sizeof(dst->kctr));
	memcpy(dst->hsum, src->hsum, sizeof(dst->hsum));
	memcpy(dst->comm, src->comm, sizeof(dst->comm));
	dst->tgid = src->tgid;
	dst->tid = src->tid;
	dst->vcpu_id = src->vcpu_id;
	for (h = 0; h < NVMX_H_NR; h++)
		if (src->hist[h])
			memcpy(dst->hist[h], src->hist[h], slots * sizeof(uint64_t));
	if (src->nr_reasons) {
		dst->reasons = malloc(src->nr_reasons * sizeof(*dst->reasons));
		if (!dst->reasons) {
			nvmx_vcpu_snap_fini(dst);
			return -ENOMEM;
		}
		memcpy(dst->reasons, src->reasons, src->nr_reasons * sizeof(*dst->reasons));
		dst->nr_reasons = src->nr_reasons;
	}
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct nvmx_vcpu_snap *x = a, *y = b;

	if (x->tgid != y->tgid)
		return x->tgid < y->tgid ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	return 0;
}

void nvmx_snapshot_free(struct nvmx_snapshot *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->nr_vcpus; i++)
		nvmx_vcpu_snap_fini(&s->vcpus[i]);
	for (i = 0; i < s->nr_vms; i++)
		nvmx_vcpu_snap_fini(&s->vms[i].total);
	free(s->vcpus);
	free(s->vms);
	free(s);
}

int nvmx_snapshot_build(const struct nvmx_vcpu_snap *rows, size_t n,
			unsigned int hist_k, uint64_t mono_ns,
			struct nvmx_snapshot **out)
{
	unsigned int slots;
	struct nvmx_snapshot *s;
	size_t i, vm;
	int err;

	*out = NULL;
	if (hist_k > NVMX_HIST_K_MAX)
		return -EINVAL;
	slots = nvmx_hist_slots(hist_k);
	s = calloc(1, sizeof(*s));
	if (!s)
		return -ENOMEM;
	s->hist_k = hist_k;
	s->hist_slots = slots;
	s->mono_ns = mono_ns;
	s->vcpus = calloc(n ? n : 1, sizeof(*s->vcpus));
	s->vms = calloc(n ? n : 1, sizeof(*s->vms));
	if (!s->vcpus || !s->vms) {
		err = -ENOMEM;
		goto free_snap;
	}
	for (i = 0; i < n; i++) {
		err = copy_row(&s->vcpus[i], &rows[i], slots);
		if (err)
			goto free_snap;
		s->nr_vcpus++;
	}
	if (n)
		qsort(s->vcpus, n, sizeof(*s->vcpus), row_cmp);
	for (i = 0; i < n; i = vm) {
		struct nvmx_vm_snap *v = &s->vms[s->nr_vms];

		err = nvmx_vcpu_snap_init(&v->total, slots);
		if (err)
			goto free_snap;
		s->nr_vms++;
		v->tgid = s->vcpus[i].tgid;
		v->first = i;
		v->total.tgid = v->tgid;
		v->total.tid = 0;
		for (vm = i; vm < n && s->vcpus[vm].tgid == v->tgid; vm++) {
			nvmx_vcpu_snap_add(&v->total, &s->vcpus[vm], slots);
			if (s->vcpus[vm].tid == v->tgid)
				memcpy(v->comm, s->vcpus[vm].comm, sizeof(v->comm));
		}
		v->nr = vm - i;
		if (!v->comm[0])
			memcpy(v->comm, s->vcpus[i].comm, sizeof(v->comm));
		memcpy(v->total.comm, v->comm, sizeof(v->comm));
	}
	*out = s;
	return 0;
free_snap:
	nvmx_snapshot_free(s);
	return err;
}

const struct nvmx_vm_snap *nvmx_snapshot_vm(const struct nvmx_snapshot *s,
					    uint32_t tgid)
{
	size_t i;

	for (i = 0; s && i < s->nr_vms; i++)
		if (s->vms[i].tgid == tgid)
			return &s->vms[i];
	return NULL;
}

static const struct nvmx_vcpu_snap *find(const struct nvmx_snapshot *s,
					 uint32_t tgid, uint32_t tid)
{
	size_t lo = 0, hi = s->nr_vcpus;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct nvmx_vcpu_snap *r = &s->vcpus[mid];

		if (r->tgid < tgid || (r->tgid == tgid && r->tid < tid))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->nr_vcpus && s->vcpus[lo].tgid == tgid && s->vcpus[lo].tid == tid)
		return &s->vcpus[lo];
	return NULL;
}

const struct nvmx_vcpu_snap *nvmx_snapshot_thread(const struct nvmx_snapshot *s,
						  uint32_t tgid, uint32_t tid)
{
	return s ? find(s, tgid, tid) : NULL;
}

/* a >= b everywhere? (false after a reset or map entry recycling) */
static bool row_ge(const struct nvmx_vcpu_snap *a, const struct nvmx_vcpu_snap *b)
{
	size_t i;
	int j, r;

	for (j = 0; j < NVMX_C_NR; j++)
		if (j != NVMX_C_VCPU_ID && a->ctr[j] < b->ctr[j])
			return false;
	for (j = 0; j < NVMX_KIND_SLOTS; j++)
		for (r = 0; r < NVMX_KCTR_NR; r++)
			if (a->kctr[j][r] < b->kctr[j][r])
				return false;
	for (j = 0; j < NVMX_H_NR; j++)
		if (a->hsum[j] < b->hsum[j])
			return false;
	for (i = 0; i < b->nr_reasons; i++) {
		const struct nvmx_reason_snap *rb = &b->reasons[i];
		const struct nvmx_reason_snap *ra = nvmx_vcpu_reason(a, rb->isa, rb->code);

		if (!ra)
			return false;
		for (j = 0; j < NVMX_RC_NR; j++)
			if (ra->v.n[j] < rb->v.n[j])
				return false;
		for (j = 0; j < NVMX_RP_NR; j++)
			if (ra->v.lat_sum[j] < rb->v.lat_sum[j])
				return false;
	}
	return true;
}

/*
 * r -= p for one reason.  A maximum cannot be differenced: it stays when
 * the interval has samples in its bucket, else it becomes the upper
 * bound of the interval's highest bucket.
 */
static void reason_sub(struct nvmx_reason_snap *r, const struct nvmx_reason_snap *p)
{
	unsigned int j, b;

	for (j = 0; j < NVMX_RC_NR; j++)
		r->v.n[j] -= p->v.n[j];
	for (j = 0; j < NVMX_RP_NR; j++) {
		int hi = -1;

		r->v.lat_sum[j] -= p->v.lat_sum[j];
		for (b = 0; b < NVMX_RLAT_SLOTS; b++) {
			r->v.lat[j][b] = r->v.lat[j][b] >= p->v.lat[j][b] ?
				r->v.lat[j][b] - p->v.lat[j][b] : 0;
			if (r->v.lat[j][b])
				hi = (int)b;
		}
		if (hi < 0)
			r->v.lat_max[j] = 0;
		else if (r->v.lat_max[j] >> (hi + 1))
			r->v.lat_max[j] = (1ULL << (hi + 1)) - 1;
	}
}

int nvmx_snapshot_delta(const struct nvmx_snapshot *cur,
			const struct nvmx_snapshot *prev,
			struct nvmx_snapshot **out)
{
	struct nvmx_vcpu_snap *rows;
	unsigned int slots = cur->hist_slots;
	size_t i, n = cur->nr_vcpus;
	int err = 0, j, r;

	if (prev && prev->hist_k != cur->hist_k)
		return -EINVAL;
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		const struct nvmx_vcpu_snap *c = &cur->vcpus[i];
		const struct nvmx_vcpu_snap *p = prev ? find(prev, c->tgid, c->tid) : NULL;
		unsigned int k;

		err = copy_row(&rows[i], c, slots);
		if (err)
			goto free_rows;
		if (!p || !row_ge(c, p))
			continue;
		for (j = 0; j < NVMX_C_NR; j++)
			if (j != NVMX_C_VCPU_ID)
				rows[i].ctr[j] -= p->ctr[j];
		for (j = 0; j < NVMX_KIND_SLOTS; j++)
			for (r = 0; r < NVMX_KCTR_NR; r++)
				rows[i].kctr[j][r] -= p->kctr[j][r];
		for (j = 0; j < NVMX_H_NR; j++) {
			rows[i].hsum[j] -= p->hsum[j];
			for (k = 0; k < slots; k++)
				rows[i].hist[j][k] = rows[i].hist[j][k] >= p->hist[j][k] ?
					rows[i].hist[j][k] - p->hist[j][k] : 0;
		}
		for (k = 0; k < p->nr_reasons; k++) {
			const struct nvmx_reason_snap *pr = &p->reasons[k];

			reason_sub((struct nvmx_reason_snap *)
				   nvmx_vcpu_reason(&rows[i], pr->isa, pr->code), pr);
		}
	}
	err = nvmx_snapshot_build(rows, n, cur->hist_k, cur->mono_ns, out);
	if (!err) {
		(*out)->real_ns = cur->real_ns;
		/* VM names come from cur (e.g. /proc/PID/comm), not from rows */
		for (i = 0; i < (*out)->nr_vms; i++) {
			struct nvmx_vm_snap *vm = &(*out)->vms[i];
			const struct nvmx_vm_snap *cv = nvmx_snapshot_vm(cur, vm->tgid);

			if (cv) {
				memcpy(vm->comm, cv->comm, sizeof(vm->comm));
				memcpy(vm->total.comm, cv->comm, sizeof(vm->comm));
				memcpy(vm->name, cv->name, sizeof(vm->name));
			}
		}
	}
free_rows:
	for (i = 0; i < n; i++)
		nvmx_vcpu_snap_fini(&rows[i]);
	free(rows);
	return err;
}
