// SPDX-License-Identifier: GPL-2.0
/*
 * Bring-up counter for the lab guest: counts calls of a few KVM functions
 * with fentry.  The project's real counters are nvmx-gpc-top and
 * nvmx-gpc record (bpf/, tools/); this exists so the lab can check that
 * fentry works in the guest before those are built, and as an independent
 * cross-check of their numbers.
 */
#include <linux/types.h>
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

char LICENSE[] SEC("license") = "GPL";

/* Index order is the order of fcount_names[] in fcount.c. */
__u64 counts[3];

SEC("fentry/nested_get_vmcs12_pages")
int BPF_PROG(on_get_vmcs12_pages)
{
	__sync_fetch_and_add(&counts[0], 1);
	return 0;
}

SEC("fentry/kvm_vcpu_map")
int BPF_PROG(on_vcpu_map)
{
	__sync_fetch_and_add(&counts[1], 1);
	return 0;
}

SEC("fentry/kvm_vcpu_unmap")
int BPF_PROG(on_vcpu_unmap)
{
	__sync_fetch_and_add(&counts[2], 1);
	return 0;
}
