// SPDX-License-Identifier: GPL-2.0
/*
 * Verifier regression test: every event body of bpf/nvmx_gpc.bpf.c on a
 * tracepoint every KVM host has with 5 arguments (kvm_hypercall; kvm_pio
 * has its 5th, data, only since 6.3), so bodies whose real
 * hooks cannot load here (series tracepoints, fentry) are still checked
 * by this kernel's verifier.  tests/integration/bpf_verify.c loads each
 * vt_* program alone.  The kvm_nested_gpc_use body once failed on 6.12
 * with "R0 unbounded memory access"; this would have caught it.
 */
#include "../../bpf/nvmx_gpc.bpf.c"

#define VT(name, body)							\
SEC("tp_btf/kvm_hypercall") int vt_##name(__u64 *ctx) { body; }		\
SEC("raw_tp/kvm_hypercall") int vt_raw_##name(__u64 *ctx) { body; }

VT(l2_entry, return on_l2_entry(ctx))
VT(l2_exit_inj, return on_l2_exit_inj(ctx[0], ctx[1]))
VT(kvm_exit, return on_kvm_exit((void *)ctx[4], ctx[0]))
VT(l2_exit, return on_l2_exit((void *)ctx[4], ctx[0]))
VT(entry, return on_entry((void *)ctx[4]))
VT(simple, return on_simple(NVMX_C_PIO))
VT(user_exit, return on_user_exit())
VT(fpu, return on_fpu(ctx[0]))
VT(pvclock, return on_pvclock(ctx[0]))
VT(gpc_use, return on_gpc_use(ctx[0], ctx[1], ctx[3]))
VT(pfncache_refresh, return on_pfncache_refresh(ctx[0], ctx[3], ctx[4]))
VT(state_reload, return on_state_reload(ctx[0], ctx[1]))
VT(bracket_enter, return bracket_enter(1))
VT(bracket_exit, return bracket_exit(1, ctx))
VT(map_enter, return map_enter((void *)ctx[4], ctx[3], (void *)ctx[4]))
VT(map_exit, return map_exit((long)(int)ctx[3], NULL, 0, NULL))
VT(map_exit_args, return map_exit((long)(int)ctx[3], (void *)ctx[4], ctx[3], (void *)ctx[4]))
VT(unmap_enter, return unmap_enter((void *)ctx[4], (void *)ctx[4]))
VT(unmap_exit, return unmap_exit())
VT(gpc_enter, return gpc_enter())
VT(gpc_exit, return gpc_exit((int)ctx[0], (long)ctx[3]))
VT(gpc_lat_exit, return gpc_lat_exit())
VT(nested_context, return on_nested_context(ctx[0], ctx[1]))
VT(gpc_stale, return on_gpc_stale(ctx[3]))
VT(gpc_kick, return on_gpc_kick(ctx[0]))
