// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/* Series of exited VMs, kept for a while (see keep.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keep.h"
#include "util.h"

struct kept_vm {
	uint32_t tgid;
	char comm[NVMX_COMM_LEN];
	char name[NVMX_NAME_MAX];	/* guest name */
	double expires;
	size_t nr;
	struct nvmx_vcpu_snap *rows;	/* deep copies */
};

struct nvmx_keep {
	double secs;
	bool (*gone)(uint32_t tgid);
	struct kept_vm *vms;
	size_t nr;
};

static bool proc_gone(uint32_t tgid)
{
	return nvmx_pid_gone((pid_t)tgid);
}

struct nvmx_keep *nvmx_keep_new(double keep_secs, bool (*gone)(uint32_t tgid))
{
	struct nvmx_keep *k = calloc(1, sizeof(*k));

	if (!k)
		return NULL;
	k->secs = keep_secs;
	k->gone = gone ? gone : proc_gone;
	return k;
}

static void kept_fini(struct kept_vm *kv)
{
	size_t i;

	for (i = 0; i < kv->nr; i++)
		nvmx_vcpu_snap_fini(&kv->rows[i]);
	free(kv->rows);
	memset(kv, 0, sizeof(*kv));
}

/* Forget kept VM i (the last one takes its place). */
static void kept_drop(struct nvmx_keep *k, size_t i)
{
	kept_fini(&k->vms[i]);
	k->vms[i] = k->vms[--k->nr];
}

void nvmx_keep_free(struct nvmx_keep *k)
{
	if (!k)
		return;
	while (k->nr)
		kept_drop(k, k->nr - 1);
	free(k->vms);
	free(k);
}

unsigned int nvmx_keep_count(const struct nvmx_keep *k)
{
	return (unsigned int)k->nr;
}

static struct kept_vm *kept_find(struct nvmx_keep *k, uint32_t tgid)
{
	size_t i;

	for (i = 0; i < k->nr; i++)
		if (k->vms[i].tgid == tgid)
			return &k->vms[i];
	return NULL;
}

/* Copy the rows of VM vm of s into kv. */
static int kept_fill(struct kept_vm *kv, const struct nvmx_snapshot *s,
		     const struct nvmx_vm_snap *vm, double expires)
{
	size_t i;

	kv->rows = calloc(vm->nr ?: 1, sizeof(*kv->rows));
	if (!kv->rows)
		return -ENOMEM;
	kv->tgid = vm->tgid;
	memcpy(kv->comm, vm->comm, sizeof(kv->comm));
	memcpy(kv->name, vm->name, sizeof(kv->name));
	kv->expires = expires;
	for (i = 0; i < vm->nr; i++) {
		const struct nvmx_vcpu_snap *src = &s->vcpus[vm->first + i];
		struct nvmx_vcpu_snap *dst = &kv->rows[i];

		if (nvmx_vcpu_snap_init(dst, s->hist_slots))
			return -ENOMEM;
		kv->nr++;
		nvmx_vcpu_snap_add(dst, src, s->hist_slots);
		dst->tgid = src->tgid;
		dst->tid = src->tid;
		dst->vcpu_id = src->vcpu_id;
		memcpy(dst->comm, src->comm, sizeof(dst->comm));
	}
	return 0;
}

/* s plus the kept VMs it lacks, with the VM names of both. */
static int merge(const struct nvmx_keep *k, const struct nvmx_snapshot *s,
		 struct nvmx_snapshot **out)
{
	struct nvmx_vcpu_snap *rows;
	size_t i, j, n = s->nr_vcpus;
	int err;

	for (i = 0; i < k->nr; i++)
		n += k->vms[i].nr;
	rows = calloc(n ?: 1, sizeof(*rows));
	if (!rows)
		return -ENOMEM;
	/* shallow: nvmx_snapshot_build() copies the histograms */
	memcpy(rows, s->vcpus, s->nr_vcpus * sizeof(*rows));
	n = s->nr_vcpus;
	for (i = 0; i < k->nr; i++) {
		if (nvmx_snapshot_vm(s, k->vms[i].tgid))
			continue;
		memcpy(rows + n, k->vms[i].rows, k->vms[i].nr * sizeof(*rows));
		n += k->vms[i].nr;
	}
	err = nvmx_snapshot_build(rows, n, s->hist_k, s->mono_ns, out);
	free(rows);
	if (err)
		return err;
	(*out)->real_ns = s->real_ns;
	for (j = 0; j < (*out)->nr_vms; j++) {
		struct nvmx_vm_snap *vm = &(*out)->vms[j];
		const struct nvmx_vm_snap *sv = nvmx_snapshot_vm(s, vm->tgid);
		const char *comm = NULL, *name = NULL;

		if (sv) {
			comm = sv->comm;
			name = sv->name;
		} else {
			for (i = 0; i < k->nr && !comm; i++) {
				if (k->vms[i].tgid == vm->tgid) {
					comm = k->vms[i].comm;
					name = k->vms[i].name;
				}
			}
		}
		if (comm) {
			memcpy(vm->comm, comm, sizeof(vm->comm));
			memcpy(vm->total.comm, comm, sizeof(vm->comm));
			memcpy(vm->name, name, sizeof(vm->name));
		}
	}
	return 0;
}

int nvmx_keep_apply(struct nvmx_keep *k, const struct nvmx_snapshot *s,
		    double now, const struct nvmx_snapshot **view)
{
	struct nvmx_snapshot *m = NULL;
	bool missing = false;
	struct kept_vm *kv;
	size_t i;
	int err;

	*view = s;
	for (i = 0; i < k->nr; ) {
		if (k->vms[i].expires <= now)
			kept_drop(k, i);
		else
			i++;
	}
	for (i = 0; i < s->nr_vms; i++) {
		const struct nvmx_vm_snap *vm = &s->vms[i];
		bool gone = k->gone(vm->tgid);

		kv = kept_find(k, vm->tgid);
		if (kv)		/* newer values, or a new process with that PID */
			kept_drop(k, (size_t)(kv - k->vms));
		if (!gone)
			continue;
		kv = realloc(k->vms, (k->nr + 1) * sizeof(*kv));
		if (!kv)
			return -ENOMEM;
		k->vms = kv;
		kv = &k->vms[k->nr++];
		memset(kv, 0, sizeof(*kv));
		err = kept_fill(kv, s, vm, now + k->secs);
		if (err) {
			kept_drop(k, k->nr - 1);
			return err;
		}
	}
	for (i = 0; i < k->nr; i++)
		if (!nvmx_snapshot_vm(s, k->vms[i].tgid))
			missing = true;
	if (!missing)
		return 0;
	err = merge(k, s, &m);
	if (err)
		return err;
	*view = m;
	return 0;
}
