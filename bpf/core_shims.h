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
	__u64 gfn;
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
 * struct kvm_host_map::gfn: set by kvm_vcpu_map() since the same commit
 * (v5.1); the unmap path reads it to find the page kind.  ~0 when absent.
 */
static __always_inline __u64 nvmx_host_map_gfn(const void *map)
{
	const struct kvm_host_map___nvmx *m = map;
	__u64 gfn = ~0ULL;

	if (!m || !bpf_core_type_exists(struct kvm_host_map___nvmx) ||
	    !bpf_core_field_exists(m->gfn))
		return ~0ULL;
	if (bpf_core_read(&gfn, sizeof(gfn), &m->gfn))
		return ~0ULL;
	return gfn;
}

/*
 * Page kind of a nested kvm_vcpu_map()/kvm_vcpu_unmap() on the unpatched
 * kernel (the series' tracepoints carry the kind themselves).  struct
 * vcpu_vmx lives in kvm_intel (module BTF /sys/kernel/btf/kvm_intel, or
 * vmlinux with KVM_INTEL=y); where it is absent (this PVM host) every
 * page is NVMX_PAGE_UNKNOWN: unavailable, not an error.
 *
 * 1. Which map handle: struct nested_vmx keeps one struct kvm_host_map
 *    per page, and nested code always passes &vmx->nested.<kind>_map, so
 *    comparing the map pointer with those fields' addresses is exact and
 *    reads no memory.  Fields, as in v6.12 arch/x86/kvm/vmx/vmx.h:
 *    msr_bitmap_map ("KVM/nVMX: Use kvm_vcpu_map when mapping the L1 MSR
 *    bitmap", v5.1), virtual_apic_map ("KVM/nVMX: Use kvm_vcpu_map when
 *    mapping the virtual APIC page", v5.1), pi_desc_map ("KVM/nVMX: Use
 *    kvm_vcpu_map when mapping the posted interrupt descriptor table",
 *    v5.1), apic_access_page_map (replaced the pinned struct page
 *    *apic_access_page later; present in v6.12), hv_evmcs_map (the
 *    enlightened VMCS of a Hyper-V L1, mapped by
 *    nested_vmx_handle_enlightened_vmptrld(); only with CONFIG_KVM_HYPERV,
 *    in v6.12 and v7.2, so its absence is a configuration, not a rename,
 *    and does not send the other kinds to step 2).  to_vmx(vcpu) is
 *    container_of(vcpu, struct vcpu_vmx, vcpu), with the offset of the
 *    embedded kvm_vcpu relocated (0 in every kernel so far: "KVM: VMX:
 *    Move vcpu_vmx's kvm_vcpu to the start", but not assumed).
 * 2. Where a field is missing (renamed or removed by a later kernel), the
 *    page's gfn is compared with the vmcs12 fields of
 *    to_vmx(vcpu)->nested.cached_vmcs12 (msr_bitmap, apic_access_addr,
 *    virtual_apic_page_addr, posted_intr_desc_addr; GPAs, stable since
 *    struct vmcs12 appeared in "KVM: nVMX: Introduce vmcs12: a VMCS
 *    structure for L1", v3.1).  6.12's free_nested() frees
 *    cached_vmcs12 before it unmaps, so this path says unknown there.
 *    The eVMCS has no vmcs12 field: this path never says evmcs.
 */
struct vmcs12___nvmx {
	__u64 msr_bitmap;
	__u64 apic_access_addr;
	__u64 virtual_apic_page_addr;
	__u64 posted_intr_desc_addr;
} __attribute__((preserve_access_index));

struct nested_vmx___nvmx {
	struct vmcs12___nvmx *cached_vmcs12;
	struct kvm_host_map___nvmx apic_access_page_map;
	struct kvm_host_map___nvmx virtual_apic_map;
	struct kvm_host_map___nvmx pi_desc_map;
	struct kvm_host_map___nvmx msr_bitmap_map;
	struct kvm_host_map___nvmx hv_evmcs_map;
} __attribute__((preserve_access_index));

/*
 * union vmx_exit_reason: the exit reason of the last VM-Exit, a union
 * since "KVM: VMX: Convert vcpu_vmx.exit_reason to a union" (v5.12); the
 * basic reason is its low 16 bits, as in the SDM.
 */
union vmx_exit_reason___nvmx {
	__u32 full;
} __attribute__((preserve_access_index));

/*
 * "KVM: VMX: Move common fields of struct vcpu_{vmx,tdx} to a struct"
 * (v6.16, for TDX) moved exit_reason from struct vcpu_vmx into struct
 * vcpu_vt, embedded as vcpu_vmx.vt (7.2: to_vt(vcpu)->exit_reason).
 */
struct vcpu_vt___nvmx {
	union vmx_exit_reason___nvmx exit_reason;
} __attribute__((preserve_access_index));

struct vcpu_vmx___nvmx {
	struct kvm_vcpu___nvmx vcpu;
	union vmx_exit_reason___nvmx exit_reason;	/* before v6.16 */
	struct vcpu_vt___nvmx vt;			/* v6.16 and later */
	struct nested_vmx___nvmx nested;
} __attribute__((preserve_access_index));

/* to_vmx(vcpu): NULL where struct vcpu_vmx is not in the BTF */
static __always_inline const struct vcpu_vmx___nvmx *nvmx_to_vmx(const void *vcpu)
{
	if (!vcpu || !bpf_core_type_exists(struct vcpu_vmx___nvmx) ||
	    !bpf_core_field_exists(struct vcpu_vmx___nvmx, vcpu))
		return NULL;
	return (const void *)((const char *)vcpu -
			      bpf_core_field_offset(struct vcpu_vmx___nvmx, vcpu));
}

/*
 * The exit code of the VM-Exit that kvm_exit(vcpu, isa) reports, read as
 * the tracepoint's own TP_fast_assign reads it (kvm_x86_ops.get_exit_info):
 *  - VMX: to_vmx(vcpu)->exit_reason.basic, the low 16 bits of .full;
 *  - SVM: to_svm(vcpu)->vmcb->control.exit_code (struct vcpu_svm's vmcb
 *    pointer and the u32 exit_code of struct vmcb_control_area, both in
 *    6.1, 6.12 and 7.2); only 32 bits are read, so a kernel that widens
 *    exit_code to u64 still relocates (little endian: the low half, where
 *    every SVM exit code and SVM_EXIT_ERR as 0xffffffff fit).
 * ~0U when the vendor's struct is not in the BTF (this PVM host) or the
 * read fails: shown as an unknown reason, never dropped.
 */
struct vmcb_control_area___nvmx {
	__u32 exit_code;
} __attribute__((preserve_access_index));

struct vmcb___nvmx {
	struct vmcb_control_area___nvmx control;
} __attribute__((preserve_access_index));

struct vcpu_svm___nvmx {
	struct kvm_vcpu___nvmx vcpu;
	struct vmcb___nvmx *vmcb;
} __attribute__((preserve_access_index));

static __always_inline __u32 nvmx_exit_code(const void *vcpu, __u32 isa)
{
	__u32 code = ~0U;

	if (!vcpu)
		return ~0U;
	if (isa == NVMX_ISA_VMX) {
		const struct vcpu_vmx___nvmx *vmx = nvmx_to_vmx(vcpu);

		if (!vmx)
			return ~0U;
		if (bpf_core_field_exists(vmx->exit_reason)) {
			if (bpf_core_read(&code, sizeof(code), &vmx->exit_reason.full))
				return ~0U;
		} else if (bpf_core_field_exists(vmx->vt) &&
			   bpf_core_field_exists(vmx->vt.exit_reason)) {
			if (bpf_core_read(&code, sizeof(code), &vmx->vt.exit_reason.full))
				return ~0U;
		} else {
			return ~0U;
		}
		return code & 0xffff;
	}
	if (isa == NVMX_ISA_SVM) {
		const struct vcpu_svm___nvmx *svm;
		struct vmcb___nvmx *vmcb = NULL;

		if (!bpf_core_type_exists(struct vcpu_svm___nvmx) ||
		    !bpf_core_field_exists(struct vcpu_svm___nvmx, vcpu) ||
		    !bpf_core_field_exists(struct vcpu_svm___nvmx, vmcb) ||
		    !bpf_core_field_exists(struct vmcb_control_area___nvmx, exit_code))
			return ~0U;
		svm = (const void *)((const char *)vcpu -
				     bpf_core_field_offset(struct vcpu_svm___nvmx, vcpu));
		if (bpf_core_read(&vmcb, sizeof(vmcb), &svm->vmcb) || !vmcb ||
		    bpf_core_read(&code, sizeof(code), &vmcb->control.exit_code))
			return ~0U;
		return code;
	}
	return ~0U;
}

/* kvm_nested_vmexit_inject's exit_code as kvm_exit's: VMX's basic reason */
static __always_inline __u32 nvmx_inject_code(__u32 code, __u32 isa)
{
	return isa == NVMX_ISA_VMX ? code & 0xffff : code;
}

#define NVMX_MAP_IS(vmx, map, field, kind)					\
	do {									\
		if (bpf_core_field_exists((vmx)->nested.field)) {		\
			if ((const char *)(map) == (const char *)(vmx) +	\
			    bpf_core_field_offset((vmx)->nested.field))		\
				return (kind);					\
		} else {							\
			by_gfn = true;						\
		}								\
	} while (0)

#define NVMX_GFN_IS(v12, field, gfn, kind)					\
	do {									\
		__u64 gpa = ~0ULL;						\
										\
		if (bpf_core_field_exists((v12)->field) &&			\
		    !bpf_core_read(&gpa, sizeof(gpa), &(v12)->field) &&	\
		    (gpa >> 12) == (gfn))					\
			return (kind);						\
	} while (0)

static __always_inline unsigned int nvmx_nested_page_kind(const void *vcpu,
							  const void *map,
							  __u64 gfn)
{
	const struct vcpu_vmx___nvmx *vmx = nvmx_to_vmx(vcpu);
	struct vmcs12___nvmx *v12 = NULL;
	bool by_gfn = false;

	if (!vmx)
		return NVMX_PAGE_UNKNOWN;
	NVMX_MAP_IS(vmx, map, msr_bitmap_map, NVMX_PAGE_MSR_BITMAP);
	NVMX_MAP_IS(vmx, map, apic_access_page_map, NVMX_PAGE_APIC_ACCESS);
	NVMX_MAP_IS(vmx, map, virtual_apic_map, NVMX_PAGE_VIRTUAL_APIC);
	NVMX_MAP_IS(vmx, map, pi_desc_map, NVMX_PAGE_PI_DESC);
	/* CONFIG_KVM_HYPERV only: no field, no eVMCS, and no by_gfn */
	if (bpf_core_field_exists(vmx->nested.hv_evmcs_map)) {
		if ((const char *)map == (const char *)vmx +
		    bpf_core_field_offset(vmx->nested.hv_evmcs_map))
			return NVMX_PAGE_EVMCS;
	}
	if (!by_gfn || gfn == ~0ULL ||
	    !bpf_core_field_exists(vmx->nested.cached_vmcs12) ||
	    bpf_core_read(&v12, sizeof(v12), &vmx->nested.cached_vmcs12) || !v12)
		return NVMX_PAGE_UNKNOWN;
	NVMX_GFN_IS(v12, msr_bitmap, gfn, NVMX_PAGE_MSR_BITMAP);
	NVMX_GFN_IS(v12, apic_access_addr, gfn, NVMX_PAGE_APIC_ACCESS);
	NVMX_GFN_IS(v12, virtual_apic_page_addr, gfn, NVMX_PAGE_VIRTUAL_APIC);
	NVMX_GFN_IS(v12, posted_intr_desc_addr, gfn, NVMX_PAGE_PI_DESC);
	return NVMX_PAGE_UNKNOWN;
}

/*
 * Tracepoint argument lists differ across versions; the probes only read
 * leading arguments whose position is the same in 6.12 and 6.18 (checked
 * against the btf_trace_<name> typedefs of both), declared with their
 * types in the BPF_PROG() of each tracepoint pair:
 *  - kvm_exit(vcpu, isa) and kvm_nested_vmexit(vcpu, isa): arg 0 = vcpu,
 *    arg 1 = isa (TRACE_EVENT_KVM_EXIT in 6.12's arch/x86/kvm/trace.h;
 *    the exit code is not an argument: nvmx_exit_code() reads it).
 *  - kvm_nested_vmexit_inject(exit_code, exit_info1, exit_info2,
 *    exit_int_info, exit_int_info_err, isa): args 0 and 5 (6.12).
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
 *    first, then kvm_vcpu_map; they read args 0-2 (vcpu, gfn, map), which
 *    did not move (6.12 declares the second one gpa_t in kvm_host.h but
 *    defines and passes a gfn).
 *  - kvm_vcpu_unmap(vcpu, map, dirty) lost its dirty argument in the same
 *    commit; probes read args 0 (vcpu) and 1 (map), which did not move.
 *  - nested_vmx_vmexit() is the only L2->L1 exit function in 6.12 (no
 *    __nested_vmx_vmexit); it unmaps the vmcs12 pages.  Later kernels
 *    moved the body to __nested_vmx_vmexit() with nested_vmx_vmexit() a
 *    static inline wrapper, so probes try __nested_vmx_vmexit first.
 *  - nested_vmx_prepare_msr_bitmap() is static inline in 6.12 and inlined
 *    into nested_get_vmcs12_pages(), so the MSR bitmap map is bracketed by
 *    nested_get_vmcs12_pages() itself; free_nested() and
 *    nested_vmx_enter_non_root_mode() (VM-Enter failure path) unmap too.
 *  - kvm_gpc_activate(gpc, gpa, len) and kvm_gpc_refresh(gpc, len) since
 *    "KVM: pfncache: remove KVM_GUEST_USES_PFN usage" (v6.9) dropped the
 *    vcpu and usage arguments; the fexit programs take the return value
 *    with bpf_get_func_ret(), wherever it is.
 */

#endif /* NVMX_CORE_SHIMS_H */
