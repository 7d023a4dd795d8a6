// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * Hook table and attach-variant probing: which variants can work on the
 * running kernel, and why the others cannot.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "core_priv.h"
#include "plan.h"

#define TP(m, t, p) { .method = (m), .tp = (t), .prog = (p) }
#define TPS(t, n) TP(NVMX_ATTACH_TP_BTF, t, "tpb_" n), TP(NVMX_ATTACH_RAW_TP, t, "raw_" n)
#define SER(t, n) TP(NVMX_ATTACH_SERIES_TP, t, "tpb_" n), \
		  TP(NVMX_ATTACH_SERIES_RAW_TP, t, "raw_" n)
/* roles of a function attachment's programs, entry and exit */
#define ROLES(e, x) .entry_role = NVMX_PROG_##e, .exit_role = NVMX_PROG_##x

const struct nvmx_hook_def nvmx_hook_defs[NVMX_HOOK_NR] = {
	[NVMX_HOOK_L2_ENTRY] = { NVMX_HOOK_L2_ENTRY, "l2_entry",
		"L2 VM-entries (VMLAUNCH/VMRESUME emulated for L1)",
		{ TPS("kvm_nested_vmenter", "l2_entry") } },
	[NVMX_HOOK_L2_EXIT] = { NVMX_HOOK_L2_EXIT, "l2_exit",
		"VM-exits while L2 runs",
		{ TPS("kvm_nested_vmexit", "l2_exit") } },
	[NVMX_HOOK_L2_EXIT_INJ] = { NVMX_HOOK_L2_EXIT_INJ, "l2_exit_to_l1",
		"L2 exits reflected to L1",
		{ TPS("kvm_nested_vmexit_inject", "l2_exit_inj") } },
	[NVMX_HOOK_EXIT] = { NVMX_HOOK_EXIT, "exit",
		"all VM-exits handled by KVM (L1 + L2)",
		{ TPS("kvm_exit", "exit") } },
	[NVMX_HOOK_ENTRY] = { NVMX_HOOK_ENTRY, "entry", "VM-entries",
		{ TPS("kvm_entry", "entry") } },
	[NVMX_HOOK_PIO] = { NVMX_HOOK_PIO, "pio", "port I/O exits",
		{ TPS("kvm_pio", "pio") } },
	[NVMX_HOOK_USER_EXIT] = { NVMX_HOOK_USER_EXIT, "userspace_exit",
		"KVM_RUN returns to user space",
		{ TPS("kvm_userspace_exit", "user_exit") } },
	[NVMX_HOOK_KVM_RUN] = { NVMX_HOOK_KVM_RUN, "kvm_run",
		"KVM_RUN entries (guest FPU load)",
		{ TPS("kvm_fpu", "kvm_run") } },
	[NVMX_HOOK_PVCLOCK] = { NVMX_HOOK_PVCLOCK, "pvclock",
		"pvclock (kvmclock) updates written to the guest",
		{ TPS("kvm_pvclock_update", "pvclock") } },
	[NVMX_HOOK_HVA_UNMAP] = { NVMX_HOOK_HVA_UNMAP, "hva_unmap",
		"MMU-notifier invalidations of guest memory",
		{ TPS("kvm_unmap_hva_range", "hva_unmap") } },
	[NVMX_HOOK_GPC_USE] = { NVMX_HOOK_GPC_USE, "gpc_use",
		"nested pfncache uses: hit/refresh/activate/error per page kind",
		{ SER("kvm_nested_gpc_use", "gpc_use") }, .nvmx_only = true },
	[NVMX_HOOK_GPC_REFRESH] = { NVMX_HOOK_GPC_REFRESH, "gpc_refresh",
		"pfncache activations and refreshes (all caches)",
		{ SER("kvm_pfncache_refresh", "gpc_refresh"),
		  { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_gpc_refresh", "fx_gpc_refresh", { "kvm_gpc_refresh" },
			  ROLES(TIMES, COUNTS) },
			{ "fe_gpc_activate", "fx_gpc_activate", { "kvm_gpc_activate" },
			  ROLES(TIMES, COUNTS) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_gpc", "kr_gpc_refresh", { "kvm_gpc_refresh" },
			  ROLES(TIMES, COUNTS) },
			{ "kp_gpc", "kr_gpc_activate", { "kvm_gpc_activate" },
			  ROLES(TIMES, COUNTS) } } } } },
	[NVMX_HOOK_GPC_INVAL] = { NVMX_HOOK_GPC_INVAL, "gpc_invalidate",
		"pfncaches marked invalid by the MMU notifier",
		{ SER("kvm_pfncache_invalidate", "gpc_inval") } },
	[NVMX_HOOK_STATE_RELOAD] = { NVMX_HOOK_STATE_RELOAD, "state_reload",
		"KVM_REQ_GET_NESTED_STATE_PAGES reloads",
		{ SER("kvm_nested_state_reload", "state_reload"),
		  { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_state_reload", NULL, { "vmx_get_nested_state_pages" } } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_state_reload", NULL, { "vmx_get_nested_state_pages" } } } } },
		.nvmx_only = true },
	[NVMX_HOOK_VMCS12_PAGES] = { NVMX_HOOK_VMCS12_PAGES, "vmcs12_pages",
		"nested_get_vmcs12_pages calls and latency",
		{ { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_vmcs12", "fx_vmcs12", { "nested_get_vmcs12_pages" },
			  ROLES(COUNTS, BRACKET) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_vmcs12", "kr_vmcs12", { "nested_get_vmcs12_pages" },
			  ROLES(COUNTS, BRACKET) } } } },
		.nvmx_only = true },
	[NVMX_HOOK_VCPU_MAP] = { NVMX_HOOK_VCPU_MAP, "vcpu_map",
		"kvm_vcpu_map calls (nested ones counted as maps) and latency",
		{ { .method = NVMX_ATTACH_FENTRY, .fns = {
			/* fexit sees the arguments: it finds the kind itself */
			{ "fe_map", "fx_map", { "__kvm_vcpu_map", "kvm_vcpu_map" },
			  ROLES(TIMES, COUNTS) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_map", "kr_map", { "__kvm_vcpu_map", "kvm_vcpu_map" } } } } } },
	[NVMX_HOOK_VCPU_UNMAP] = { NVMX_HOOK_VCPU_UNMAP, "vcpu_unmap",
		"kvm_vcpu_unmap calls (nested ones counted as unmaps) and latency",
		{ { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_unmap", "fx_unmap", { "kvm_vcpu_unmap" },
			  ROLES(COUNTS, TIMES) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_unmap", "kr_unmap", { "kvm_vcpu_unmap" },
			  ROLES(COUNTS, TIMES) } } } } },
	[NVMX_HOOK_NESTED_CTX] = { NVMX_HOOK_NESTED_CTX, "nested_ctx",
		"brackets marking (un)maps done for nVMX",
		{ { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_ctx_vmexit", "fx_ctx_vmexit",
			  { "__nested_vmx_vmexit", "nested_vmx_vmexit" }, false,
			  ROLES(BRACKET, BRACKET) },
			{ "fe_ctx_free", "fx_ctx_free", { "free_nested" }, true,
			  ROLES(BRACKET, BRACKET) },
			{ "fe_ctx_enter", "fx_ctx_enter",
			  { "nested_vmx_enter_non_root_mode" }, true,
			  ROLES(BRACKET, BRACKET) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_ctx", "kr_ctx", { "__nested_vmx_vmexit", "nested_vmx_vmexit" },
			  false, ROLES(BRACKET, BRACKET) },
			{ "kp_ctx", "kr_ctx", { "free_nested" }, true,
			  ROLES(BRACKET, BRACKET) },
			{ "kp_ctx", "kr_ctx", { "nested_vmx_enter_non_root_mode" }, true,
			  ROLES(BRACKET, BRACKET) } } } },
		.nvmx_only = true },
	[NVMX_HOOK_GPC_LAT] = { NVMX_HOOK_GPC_LAT, "gpc_latency",
		"kvm_gpc_refresh/activate duration when gpc_refresh is a tracepoint",
		{ { .method = NVMX_ATTACH_FENTRY, .fns = {
			{ "fe_gpcl_refresh", "fx_gpcl_refresh", { "kvm_gpc_refresh" },
			  ROLES(TIMES, TIMES) },
			{ "fe_gpcl_activate", "fx_gpcl_activate", { "kvm_gpc_activate" },
			  ROLES(TIMES, TIMES) } } },
		  { .method = NVMX_ATTACH_KPROBE, .fns = {
			{ "kp_gpcl", "kr_gpcl", { "kvm_gpc_refresh" }, ROLES(TIMES, TIMES) },
			{ "kp_gpcl", "kr_gpcl", { "kvm_gpc_activate" }, ROLES(TIMES, TIMES) } } } } },
	[NVMX_HOOK_NESTED_CONTEXT] = { NVMX_HOOK_NESTED_CONTEXT, "nested_context",
		"nested contexts per vmcs12: reuse, fill, recycle, evict",
		{ SER("kvm_nested_context", "nested_context") },
		.nvmx_only = true, .tp_abi = 2 },
	/* patch 14: generic KVM (kvm.ko), any vendor's pfncaches */
	[NVMX_HOOK_GPC_STALE] = { NVMX_HOOK_GPC_STALE, "gpc_stale",
		"why active pfncaches are refreshed: invalid, memslot, retarget, valid",
		{ SER("kvm_pfncache_stale", "gpc_stale") }, .tp_abi = 3 },
	[NVMX_HOOK_GPC_KICK] = { NVMX_HOOK_GPC_KICK, "gpc_kick",
		"vCPUs kicked out of guest mode by pfncache invalidations",
		{ SER("kvm_pfncache_kick", "gpc_kick") }, .tp_abi = 3 },
};

bool nvmx_prog_loaded(const struct nvmx_core *c, int h, int v, int f, int i)
{
	const struct nvmx_fn_att *fa = &nvmx_hook_defs[h].v[v].fns[f];

	if (!(i ? fa->exit : fa->entry))
		return false;
	if (!c->opts.counts_only)
		return true;
	switch (i ? fa->exit_role : fa->entry_role) {
	case NVMX_PROG_TIMES:
		return false;
	case NVMX_PROG_BRACKET:
		/* the brackets tell nested maps/unmaps from the others */
		return c->choice[NVMX_HOOK_VCPU_MAP] >= 0 ||
		       c->choice[NVMX_HOOK_VCPU_UNMAP] >= 0;
	default:
		return true;
	}
}

const char *nvmx_attach_name(enum nvmx_attach a)
{
	switch (a) {
	case NVMX_ATTACH_NONE: return "-";
	case NVMX_ATTACH_SERIES_TP: return "series tp_btf";
	case NVMX_ATTACH_SERIES_RAW_TP: return "series raw_tp";
	case NVMX_ATTACH_FENTRY: return "fentry/fexit";
	case NVMX_ATTACH_KPROBE: return "kprobe/kretprobe";
	case NVMX_ATTACH_TP_BTF: return "tp_btf";
	case NVMX_ATTACH_RAW_TP: return "raw_tp";
	default: return "?";
	}
}

/* ---- kernel facts: BTF (vmlinux + modules) and kallsyms ------------ */

struct nvmx_btf_mod {
	struct btf *btf;
	char *name;		/* module name, as in /sys/kernel/btf */
};

struct nvmx_btfs {
	struct btf *vmlinux;
	struct nvmx_btf_mod *mods;	/* every module with BTF */
	int nmods;
	int cap;
};

static int btfs_add(struct nvmx_btfs *b, struct btf *m, const char *name)
{
	struct nvmx_btf_mod *n;

	if (b->nmods == b->cap) {
		int cap = b->cap ? b->cap * 2 : 64;

		n = realloc(b->mods, cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		b->mods = n;
		b->cap = cap;
	}
	n = &b->mods[b->nmods];
	n->name = strdup(name);
	if (!n->name)
		return -ENOMEM;
	n->btf = m;
	b->nmods++;
	return 0;
}

/*
 * vmlinux BTF and the split BTF of every module in @dir_path
 * (/sys/kernel/btf: a distro kernel has hundreds of modules there, with
 * kvm and the vendor module anywhere in readdir order).
 */
static void btfs_load(struct nvmx_probe *p, const char *vmlinux_path,
		      const char *dir_path)
{
	struct nvmx_btfs *b = calloc(1, sizeof(*b));
	struct dirent *de;
	DIR *d;

	p->btfs = b;
	if (!b)
		return;
	b->vmlinux = btf__parse(vmlinux_path, NULL);
	if (!b->vmlinux || libbpf_get_error(b->vmlinux)) {
		b->vmlinux = NULL;
		return;
	}
	d = opendir(dir_path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct btf *m;
		char *path;

		if (de->d_name[0] == '.' || !strcmp(de->d_name, "vmlinux"))
			continue;
		if (asprintf(&path, "%s/%s", dir_path, de->d_name) < 0)
			break;
		m = btf__parse_split(path, b->vmlinux);
		free(path);
		if (!m || libbpf_get_error(m))
			continue;
		if (btfs_add(b, m, de->d_name)) {
			btf__free(m);
			break;
		}
	}
	closedir(d);
}

/* 0: not found; 1: vmlinux; 2 + i: module i */
static int btf_find(const struct nvmx_probe *p, const char *name, int kind)
{
	const struct nvmx_btfs *b = p->btfs;
	int i;

	if (!b || !b->vmlinux)
		return 0;
	if (btf__find_by_name_kind(b->vmlinux, name, kind) > 0)
		return 1;
	for (i = 0; i < b->nmods; i++)
		if (btf__find_by_name_kind(b->mods[i].btf, name, kind) > 0)
			return 2 + i;
	return 0;
}

bool nvmx_probe_struct(const struct nvmx_probe *p, const char *name)
{
	return btf_find(p, name, BTF_KIND_STRUCT) > 0;
}

static int ksym_cmp(const void *a, const void *b)
{
	return strcmp(*(const char * const *)a, *(const char * const *)b);
}

static void kallsyms_load(struct nvmx_probe *p)
{
	char line[512];
	size_t cap = 0;
	FILE *f = fopen("/proc/kallsyms", "re");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char type, name[256];
		unsigned long long addr;
		char **n;

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3)
			continue;
		/* only what we ask about: KVM-ish functions and tracepoints */
		if (!strstr(name, "kvm") && !strstr(name, "nested") &&
		    !strstr(name, "gpc") && !strstr(name, "vmx"))
			continue;
		if (p->nsyms == cap) {
			cap = cap ? cap * 2 : 4096;
			n = realloc(p->syms, cap * sizeof(*n));
			if (!n)
				break;
			p->syms = n;
		}
		p->syms[p->nsyms] = strdup(name);
		if (p->syms[p->nsyms])
			p->nsyms++;
	}
	fclose(f);
	qsort(p->syms, p->nsyms, sizeof(*p->syms), ksym_cmp);
}

static bool ksym_has(const struct nvmx_probe *p, const char *name)
{
	return p->nsyms && bsearch(&name, p->syms, p->nsyms, sizeof(*p->syms),
				   ksym_cmp);
}

static bool ksym_has_prefix_variant(const struct nvmx_probe *p, const char *name)
{
	char buf[300];

	/* compiler clones: name.isra.0, name.constprop.0, name.part.0 */
	static const char * const sfx[] = { ".isra.0", ".constprop.0", ".part.0", ".cold" };
	unsigned int i;

	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		snprintf(buf, sizeof(buf), "%s%s", name, sfx[i]);
		if (ksym_has(p, buf))
			return true;
	}
	return false;
}

/*
 * fd of the kernel's BTF object of module @mod, or -ENOENT when there is
 * none (module not loaded), or -errno when the walk is refused.
 */
static int mod_btf_fd(const char *mod)
{
	__u32 id = 0;

	while (!bpf_btf_get_next_id(id, &id)) {
		struct bpf_btf_info info = {};
		__u32 len = sizeof(info);
		char name[64] = "";
		int fd = bpf_btf_get_fd_by_id(id);

		if (fd < 0)
			continue;
		info.name = (unsigned long)name;
		info.name_len = sizeof(name);
		if (!bpf_obj_get_info_by_fd(fd, &info, &len) && !strcmp(name, mod))
			return fd;
		close(fd);
	}
	return -errno;
}

static bool policy_err(int err)
{
	return err == -EPERM || err == -EACCES;
}

static void trial_why(char *why, size_t wlen, const char *fn, int err)
{
	snprintf(why, wlen, "fentry trial load on %s: %s%s", fn, strerror(-err),
		 policy_err(err) ? " (refused by kernel policy)" : "");
}

/*
 * Trial load and attach of a 2-instruction fentry program on @fn, whose
 * BTF is in @where (see btf_find()).  0, or -errno with the reason in @why.
 */
static int trial_fentry(struct nvmx_probe *p, const char *fn, int where,
			char *why, size_t wlen)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	const struct nvmx_btfs *b = p->btfs;
	int id, fd, obj_fd = 0, err;

	if (where == 1) {
		id = btf__find_by_name_kind(b->vmlinux, fn, BTF_KIND_FUNC);
	} else {
		const char *mod = b->mods[where - 2].name;

		id = btf__find_by_name_kind(b->mods[where - 2].btf, fn, BTF_KIND_FUNC);
		obj_fd = mod_btf_fd(mod);
		if (obj_fd == -ENOENT) {
			snprintf(why, wlen, "fentry trial load on %s: no BTF object "
				 "of module %s in the kernel (module not loaded)",
				 fn, mod);
			return obj_fd;
		}
		if (obj_fd < 0) {
			trial_why(why, wlen, fn, obj_fd);
			return obj_fd;
		}
	}
	{
		LIBBPF_OPTS(bpf_prog_load_opts, o,
			    .expected_attach_type = BPF_TRACE_FENTRY,
			    .attach_btf_id = id,
			    .attach_btf_obj_fd = obj_fd);

		fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "nvmx_trial", "GPL",
				   insns, 2, &o);
	}
	err = fd < 0 ? -errno : 0;
	if (!err) {
		int l = bpf_raw_tracepoint_open(NULL, fd);

		if (l < 0)
			err = -errno;
		else
			close(l);
		close(fd);
	}
	if (obj_fd > 0)
		close(obj_fd);
	if (err)
		trial_why(why, wlen, fn, err);
	return err;
}

void nvmx_probe_init(struct nvmx_probe *p, const char *vmlinux_btf)
{
	nvmx_probe_init_dir(p, vmlinux_btf, "/sys/kernel/btf");
}

void nvmx_probe_init_dir(struct nvmx_probe *p, const char *vmlinux_btf,
			 const char *btf_dir)
{
	memset(p, 0, sizeof(*p));
	btfs_load(p, vmlinux_btf, btf_dir);
	kallsyms_load(p);
	p->kprobe_pmu = !access("/sys/bus/event_source/devices/kprobe/type", R_OK);
}

void nvmx_probe_fini(struct nvmx_probe *p)
{
	struct nvmx_btfs *b = p->btfs;
	size_t i;

	if (b) {
		int j;

		for (j = 0; j < b->nmods; j++) {
			btf__free(b->mods[j].btf);
			free(b->mods[j].name);
		}
		free(b->mods);
		btf__free(b->vmlinux);
		free(b);
	}
	for (i = 0; i < p->nsyms; i++)
		free(p->syms[i]);
	free(p->syms);
	memset(p, 0, sizeof(*p));
}

bool nvmx_probe_tp(const struct nvmx_probe *p, const char *tp, bool need_btf,
		   char *why, size_t wlen, bool *absent)
{
	char name[160], sym[160];
	bool in_ksyms;

	*absent = false;
	snprintf(name, sizeof(name), "btf_trace_%s", tp);
	if (btf_find(p, name, BTF_KIND_TYPEDEF))
		return true;
	snprintf(sym, sizeof(sym), "__tracepoint_%s", tp);
	in_ksyms = ksym_has(p, sym);
	if (need_btf) {
		*absent = !in_ksyms;
		snprintf(why, wlen, "no btf_trace_%s in BTF", tp);
		return false;
	}
	if (in_ksyms)
		return true;
	*absent = true;
	snprintf(why, wlen, "tracepoint %s not in this kernel", tp);
	return false;
}

/*
 * Resolve a function for fentry (needs BTF FUNC) or kprobe (needs a
 * kallsyms entry and a kprobe PMU).  Returns the name found or NULL with
 * the reason in why.
 */
const char *nvmx_probe_fn(struct nvmx_probe *p, enum nvmx_attach m,
			  const char * const *names, char *why, size_t wlen,
			  bool *absent)
{
	unsigned int i;
	int where, err;

	*absent = false;
	for (i = 0; i < 3 && names[i]; i++) {
		const char *n = names[i];

		if (m == NVMX_ATTACH_FENTRY) {
			where = btf_find(p, n, BTF_KIND_FUNC);
			if (!where)
				continue;
			/*
			 * A refusal by policy holds for every function; any
			 * other failure (module not loaded, function not
			 * traceable) only for this one.
			 */
			if (p->fentry_policy_err) {
				trial_why(why, wlen, n, p->fentry_policy_err);
				return NULL;
			}
			err = trial_fentry(p, n, where, why, wlen);
			if (policy_err(err))
				p->fentry_policy_err = err;
			return err ? NULL : n;
		}
		/* kprobe */
		if (ksym_has(p, n)) {
			if (!p->kprobe_pmu) {
				snprintf(why, wlen, "kprobes not supported by this kernel "
					 "(no kprobe PMU: CONFIG_KPROBES off)");
				return NULL;
			}
			return n;
		}
	}
	/* Not found: say why as precisely as we can. */
	for (i = 0; i < 3 && names[i]; i++) {
		if (ksym_has(p, names[i]) && m == NVMX_ATTACH_FENTRY) {
			snprintf(why, wlen, "%s in kallsyms but not in BTF (static "
				 "or no BTF for its module)", names[i]);
			return NULL;
		}
		if (ksym_has_prefix_variant(p, names[i])) {
			snprintf(why, wlen, "%s only exists as a compiler clone "
				 "(partly inlined)", names[i]);
			return NULL;
		}
	}
	*absent = true;
	snprintf(why, wlen, "%s%s%s not in this kernel (inlined, renamed, or "
		 "vendor module not loaded)", names[0],
		 names[1] ? "/" : "", names[1] ? names[1] : "");
	return NULL;
}
