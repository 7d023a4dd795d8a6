/* SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause */
/*
 * CO-RE shims: every kernel structure field the probes read, as a local
 * type with preserve_access_index, plus the name variants of functions
 * and tracepoints that changed across kernel versions.  This is the only
 * place that knows about kernel layout; the types may be absent from the
 * BTF the programs are built against (e.g. KVM=m, kvm_intel not loaded),
 * so every read is guarded by bpf_core_field_exists().
 */
#ifndef NVMX_CORE_SHIMS_H
#define NVMX_CORE_SHIMS_H

#include <bpf/bpf_core_read.h>

/*
 * struct kvm_vcpu::vcpu_id: stable since "KVM: Portability: Split
 * kvm_vcpu into arch dependent and independent parts" (v2.6.25); it is
 * read from the kvm_entry/kvm_exit tracepoint's vcpu argument.  The
 * struct lives in vmlinux BTF with KVM=y and in /sys/kernel/btf/kvm with
 * KVM=m; libbpf relocates against either.
 */
struct kvm_vcpu___nvmx {
	int vcpu_id;
} __attribute__((preserve_access_index));

static __always_inline int nvmx_vcpu_id(const void *vcpu)
{
	const struct kvm_vcpu___nvmx *v = vcpu;
	int id = -1;

	if (!v || !bpf_core_type_exists(struct kvm_vcpu___nvmx))
		return -1;
	if (bpf_core_field_exists(v->vcpu_id))
		bpf_core_read(&id, sizeof(id), &v->vcpu_id);
	return id;
}

/*
 * struct kvm_host_map::hva: the guest-page mapping handle since "KVM:
 * Introduce a new guest mapping API" (v5.1).  kvm_vcpu_unmap() returns
 * at once when hva is NULL, and 6.12's nested_vmx_vmexit()/free_nested()
 * call it for every nested page whether mapped or not, so only unmaps of
 * a mapped page (hva != NULL on entry) are counted.  When the field
 * cannot be relocated, every call counts.
 */
struct kvm_host_map___nvmx {
	void *hva;
} __attribute__((preserve_access_index));

static __always_inline bool nvmx_host_map_mapped(const void *map)
{
	const struct kvm_host_map___nvmx *m = map;
	void *hva = NULL;

	if (!m || !bpf_core_type_exists(struct kvm_host_map___nvmx) ||
	    !bpf_core_field_exists(m->hva))
		return true;
	if (bpf_core_read(&hva, sizeof(hva), &m->hva))
		return true;
	return hva != NULL;
}

/*
 * Tracepoint argument lists differ across versions; the probes only read
 * leading arguments whose position is the same in 6.12 and 6.18 (checked
 * against the btf_trace_<name> typedefs of both):
 *  - kvm_exit(vcpu, isa) and kvm_nested_vmexit(vcpu, isa): arg 0 = vcpu.
 *  - kvm_entry(vcpu, force_immediate_exit): arg 0 = vcpu (older kernels
 *    had only the vcpu argument).
 *  - kvm_pvclock_update(vcpu_id, pvclock): arg 0 = vcpu_id.
 *  - kvm_fpu(load), kvm_userspace_exit(reason, errno),
 *    kvm_unmap_hva_range(start, end), kvm_pio(rw, port, size, count,
 *    data): only counted, arg 0 of kvm_fpu read.
 * The nvmx-gpc series tracepoints follow docs/tracepoints.md
 * (NVMX_TP_ABI in include/nvmx_gpc_abi.h).
 */

/*
 * Function names used by the fentry/kprobe variants (resolved at run time
 * by tools/core/plan.c, first name found in BTF/kallsyms wins):
 *  - kvm_vcpu_map(vcpu, gpa, map) in 6.12 became __kvm_vcpu_map(vcpu,
 *    gfn, map, writable), with kvm_vcpu_map()/kvm_vcpu_map_readonly() as
 *    static inline wrappers, in v6.13 by "KVM: Pass in write/dirty to
 *    kvm_vcpu_map(), not kvm_vcpu_unmap()".  Probes try __kvm_vcpu_map
 *    first, then kvm_vcpu_map; they read no arguments.
 *  - kvm_vcpu_unmap(vcpu, map, dirty) lost its dirty argument in the same
 *    commit; probes read only arg 1 (map), which did not move.
 *  - nested_vmx_vmexit() is the only L2->L1 exit function in 6.12 (no
 *    __nested_vmx_vmexit); it unmaps the vmcs12 pages.  Later kernels
 *    moved the body to __nested_vmx_vmexit() with nested_vmx_vmexit() a
 *    static inline wrapper, so probes try __nested_vmx_vmexit first.
 *  - nested_vmx_prepare_msr_bitmap() is static inline in 6.12 and inlined
 *    into nested_get_vmcs12_pages(), so the MSR bitmap map is bracketed by
 *    nested_get_vmcs12_pages() itself; free_nested() and
 *    nested_vmx_enter_non_root_mode() (VM-Enter failure path) unmap too.
 *  - kvm_gpc_activate(gpc, gpa, len) and kvm_gpc_refresh(gpc, len): the
 *    return value is at ctx[3] and ctx[2] respectively since "KVM:
 *    pfncache: remove KVM_GUEST_USES_PFN usage" (v6.9) dropped the vcpu
 *    and usage arguments; earlier kernels are not supported by the
 *    fentry variant (the plan checks the BTF prototype's arity).
 */

#endif /* NVMX_CORE_SHIMS_H */
