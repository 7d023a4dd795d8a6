// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx core: prerequisites, attach plan, load/attach with fallback,
 * snapshots of the in-kernel aggregates, cleanup.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "core_priv.h"
#include "plan.h"
#include "util.h"
#include "nvmx_gpc.skel.h"

#define MAX_LINKS 64

struct nvmx_skel_state {
	struct nvmx_gpc *skel;
	struct bpf_link *links[MAX_LINKS];
	int nlinks;
	struct nvmx_row *rows;	/* mmap of the rows map */
	size_t rows_len;
	uint64_t *harr;		/* mmap of harr: hist_rows * NVMX_H_NR hists */
	size_t harr_len;
	unsigned int hist_rows, hist_slots;
	struct ring_buffer *outliers;	/* --than */
};

/* ---- libbpf messages and verifier logs --------------------------------- */

static int log_verbose;
/* libbpf's last warning, for an error that no verifier log explains */
static char last_warn[256];

/* libbpf's messages: to stderr with -v (debug with -v -v) */
static int libbpf_print(enum libbpf_print_level lvl, const char *fmt, va_list ap)
{
	if (lvl == LIBBPF_DEBUG && log_verbose < 2)
		return 0;
	if (lvl == LIBBPF_WARN) {
		va_list aq;

		va_copy(aq, ap);
		vsnprintf(last_warn, sizeof(last_warn), fmt, aq);
		va_end(aq);
		last_warn[strcspn(last_warn, "\n")] = '\0';
	}
	if (log_verbose > 0)
		vfprintf(stderr, fmt, ap);
	return 0;
}

/*
 * A verifier log buffer per program to load (bpf_program__set_log_buf()):
 * libbpf loads with log level 0 and, when a load fails, loads that
 * program again with level 1 into its buffer, so after a failed load the
 * one buffer that is not empty names the program and ends with the
 * verifier's reason.  Large enough to hold a level-1 log of our programs;
 * calloc'd, so the pages of the buffers nobody writes cost nothing.
 */
#define NVMX_PROG_LOG_SIZE (1U << 20)

struct prog_logs {
	struct bpf_program **prog;
	char **buf;
	size_t n;
};

static int prog_logs_set(struct bpf_object *obj, struct prog_logs *pl)
{
	struct bpf_program *prog;
	size_t n = 0;

	memset(pl, 0, sizeof(*pl));
	bpf_object__for_each_program(prog, obj)
		n++;
	pl->prog = calloc(n ? n : 1, sizeof(*pl->prog));
	pl->buf = calloc(n ? n : 1, sizeof(*pl->buf));
	if (!pl->prog || !pl->buf)
		return -ENOMEM;
	bpf_object__for_each_program(prog, obj) {
		char *buf;

		if (!bpf_program__autoload(prog))
			continue;
		buf = calloc(1, NVMX_PROG_LOG_SIZE);
		if (!buf)
			return -ENOMEM;
		pl->prog[pl->n] = prog;
		pl->buf[pl->n++] = buf;
		bpf_program__set_log_buf(prog, buf, NVMX_PROG_LOG_SIZE);
	}
	return 0;
}

/*
 * The program whose load failed and the verifier's reason, or NULL: the
 * last line of its log before the statistics the verifier always ends
 * with ("processed N insns ...", "verification time ...").
 */
static struct bpf_program *prog_logs_failed(struct prog_logs *pl, const char **why)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		char *b = pl->buf[i], *end, *line;

		if (!b[0])
			continue;
		end = b + strnlen(b, NVMX_PROG_LOG_SIZE - 1);
		for (;;) {
			while (end > b && end[-1] == '\n')
				*--end = '\0';
			line = strrchr(b, '\n');
			line = line ? line + 1 : b;
			if (line == b || (strncmp(line, "processed ", 10) &&
					  strncmp(line, "verification time", 17) &&
					  strncmp(line, "stack depth", 11)))
				break;
			end = line;
		}
		*why = line;
		return pl->prog[i];
	}
	return NULL;
}

static void prog_logs_free(struct prog_logs *pl)
{
	size_t i;

	for (i = 0; i < pl->n; i++) {
		bpf_program__set_log_buf(pl->prog[i], NULL, 0);
		free(pl->buf[i]);
	}
	free(pl->prog);
	free(pl->buf);
	memset(pl, 0, sizeof(*pl));
}

/* ---- options, prerequisites ------------------------------------------ */

void nvmx_opts_init(struct nvmx_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->hist_k = NVMX_HIST_K_DEFAULT;
}

int nvmx_sample_parse(const char *arg, unsigned int *n, char *err, size_t errlen)
{
	unsigned long long v;

	if (nvmx_parse_uint("--sample", arg, 2, NVMX_SAMPLE_MAX, &v, err, errlen))
		return -EINVAL;
	*n = (unsigned int)v;
	return 0;
}

int nvmx_than_parse(const char *arg, uint64_t *ns, char *err, size_t errlen)
{
	unsigned long long us;

	if (nvmx_parse_uint("--than", arg, 1, NVMX_THAN_MAX_US, &us, err, errlen))
		return -EINVAL;
	*ns = us * 1000;
	return 0;
}

const char *nvmx_core_open_error(int err)
{
	switch (err) {
	case -EPERM:
		return "need root or CAP_BPF+CAP_PERFMON (or CAP_SYS_ADMIN) to load BPF programs";
	case -ENOENT:
		return "kernel BTF not found (needs CONFIG_DEBUG_INFO_BTF and /sys/kernel/btf/vmlinux, or --btf FILE)";
	case -ENODEV:
		return "KVM not available: /dev/kvm missing (load kvm_intel/kvm_amd?)";
	case -ESRCH:
		return "no such process";
	case -EINVAL:
		return "invalid option (histogram k must be 0..6, PID > 0)";
	case -ENOMEM:
		return "out of memory";
	default:
		return strerror(-err);
	}
}

const char *nvmx_core_strerror(const struct nvmx_core *c)
{
	return c && c->err[0] ? c->err : "no error";
}

static bool have_caps(void)
{
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	unsigned long long eff;

	if (syscall(SYS_capget, &h, d))
		return geteuid() == 0;
	eff = d[0].effective | ((unsigned long long)d[1].effective << 32);
	if (eff & (1ULL << CAP_SYS_ADMIN))
		return true;
	/* CAP_BPF = 39, CAP_PERFMON = 38 (5.8+) */
	return (eff & (1ULL << 39)) && (eff & (1ULL << 38));
}

/* Does the first "flags" line of /proc/cpuinfo list flag? */
static bool cpu_has_flag(const char *flag)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[4096], *p;
	size_t n = strlen(flag);
	bool has = false;

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5))
			continue;
		for (p = strstr(line, flag); p; p = strstr(p + 1, flag))
			if (p[-1] == ' ' && (p[n] == ' ' || p[n] == '\n' || !p[n]))
				has = true;
		break;
	}
	fclose(f);
	return has;
}

static void fill_meta(struct nvmx_core *c)
{
	/*
	 * A built-in vendor module has /sys/module/<name> whether or not its
	 * CPU is there (a kernel with KVM_INTEL=y and KVM_AMD=y, as the
	 * lab's, has both): the vendor is the one whose CPU feature this
	 * machine has; kvm_pvm needs none.
	 */
	static const struct { const char *name, *cpu; } vendors[] = {
		{ "kvm_intel", "vmx" }, { "kvm_amd", "svm" }, { "kvm_pvm", NULL },
	};
	struct utsname u;
	unsigned int i;
	char path[128], v[16];

	if (!uname(&u))
		snprintf(c->meta.release, sizeof(c->meta.release), "%s", u.release);
	snprintf(c->meta.vendor, sizeof(c->meta.vendor), "none");
	for (i = 0; i < sizeof(vendors) / sizeof(vendors[0]); i++) {
		snprintf(path, sizeof(path), "/sys/module/%s", vendors[i].name);
		if (access(path, F_OK))
			continue;
		if (!strcmp(c->meta.vendor, "none"))
			snprintf(c->meta.vendor, sizeof(c->meta.vendor), "%s",
				 vendors[i].name);
		if (!vendors[i].cpu || cpu_has_flag(vendors[i].cpu)) {
			snprintf(c->meta.vendor, sizeof(c->meta.vendor), "%s",
				 vendors[i].name);
			break;
		}
	}
	c->meta.nested = false;
	snprintf(path, sizeof(path), "/sys/module/%s/parameters/nested", c->meta.vendor);
	nvmx_read_line(path, v, sizeof(v));
	if (v[0] == 'Y' || v[0] == '1')
		c->meta.nested = true;
	c->meta.tp_abi = NVMX_TP_ABI;
	snprintf(c->meta.btf_path, sizeof(c->meta.btf_path), "%s",
		 c->opts.btf_path ? c->opts.btf_path : "/sys/kernel/btf/vmlinux");
	c->meta.hist_k = c->opts.hist_k;
	c->meta.hist_slots = nvmx_hist_slots(c->opts.hist_k);
	c->meta.counts_only = c->opts.counts_only;
	c->meta.reasons = !c->opts.no_reasons;	/* and kvm_exit attached, not silent */
	c->meta.sample_n = c->opts.sample_n > 1 ? c->opts.sample_n : 1;
	nvmx_kvm_dev_state(NULL, c->meta.kvm_dev, sizeof(c->meta.kvm_dev));
}

static bool exists_at(const char *root, const char *path)
{
	char p[512];

	snprintf(p, sizeof(p), "%s%s", root, path);
	return !access(p, F_OK);
}

/* The CPU flags say this kernel runs under a hypervisor. */
static bool is_guest(const char *root)
{
	char p[512], line[4096];
	bool guest = false;
	FILE *f;

	snprintf(p, sizeof(p), "%s/proc/cpuinfo", root);
	f = fopen(p, "re");
	if (!f)
		return false;
	while (!guest && fgets(line, sizeof(line), f))
		if (!strncmp(line, "flags", 5) && strstr(line, " hypervisor"))
			guest = true;
	fclose(f);
	return guest;
}

const char *nvmx_kvm_dev_state(const char *root, char *buf, size_t len)
{
	static const char * const mods[] = {
		"/sys/module/kvm", "/sys/module/kvm_intel", "/sys/module/kvm_amd",
		"/sys/module/kvm_pvm",
	};
	bool loaded = false;
	unsigned int i;

	if (!root || !strcmp(root, "/"))
		root = "";
	if (exists_at(root, "/dev/kvm")) {
		snprintf(buf, len, "present");
		return buf;
	}
	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++)
		loaded |= exists_at(root, mods[i]);
	if (!loaded)
		snprintf(buf, len, "missing (no kvm module loaded)");
	else if (exists_at(root, "/sys/class/misc/kvm"))
		snprintf(buf, len, "missing (kvm is registered, see /sys/class/misc/kvm, "
			 "but /dev has no kvm node)");
	else if (is_guest(root))
		snprintf(buf, len, "missing (kvm module loaded but not bound: this kernel is a guest)");
	else
		snprintf(buf, len, "missing (kvm module loaded but not bound: no usable VMX/SVM)");
	return buf;
}

/* ---- plan ---------------------------------------------------------- */

static void probe_variants(struct nvmx_core *c, struct nvmx_probe *p)
{
	int h, v, f;

	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_hook_def *d = &nvmx_hook_defs[h];

		for (v = 0; v < NVMX_MAX_VARIANTS; v++) {
			const struct nvmx_variant *var = &d->v[v];
			char *why = c->why[h][v];
			size_t wl = sizeof(c->why[h][v]);

			if (var->method == NVMX_ATTACH_NONE)
				continue;
			if (var->tp) {
				bool need_btf = var->method == NVMX_ATTACH_TP_BTF ||
						var->method == NVMX_ATTACH_SERIES_TP;

				if (!nvmx_probe_tp(p, var->tp, need_btf, why, wl,
						   &c->absent[h][v]))
					c->excluded[h][v] = true;
				if (var->method == NVMX_ATTACH_SERIES_TP &&
				    !c->excluded[h][v])
					c->meta.series = true;
				continue;
			}
			for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
				const char *n;
				bool absent;

				n = nvmx_probe_fn(p, var->method, var->fns[f].fn,
						  why, wl, &absent);
				c->resolved[h][v][f] = n;
				if (!n && !var->fns[f].optional) {
					c->excluded[h][v] = true;
					c->absent[h][v] = absent;
					break;
				}
			}
			if (!c->excluded[h][v])
				why[0] = 0;
		}
	}
}

/* What hook h targets, e.g. "kvm_pfncache_refresh or kvm_gpc_refresh+kvm_gpc_activate". */
static void hook_targets(int h, char *buf, size_t len)
{
	const struct nvmx_hook_def *d = &nvmx_hook_defs[h];
	char one[160];
	size_t off = 0;
	int v, f, i;

	buf[0] = 0;
	for (v = 0; v < NVMX_MAX_VARIANTS && d->v[v].method != NVMX_ATTACH_NONE; v++) {
		const struct nvmx_variant *var = &d->v[v];
		size_t o = 0;

		one[0] = 0;
		if (var->tp) {
			snprintf(one, sizeof(one), "%s", var->tp);
		} else {
			for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
				if (var->fns[f].optional)
					continue;
				for (i = 0; i < 3 && var->fns[f].fn[i] && o < sizeof(one); i++)
					o += snprintf(one + o, sizeof(one) - o, "%s%s",
						      i ? "/" : (o ? "+" : ""),
						      var->fns[f].fn[i]);
			}
		}
		if (!one[0] || strstr(buf, one))
			continue;
		if (off < len)
			off += snprintf(buf + off, len - off, "%s%s", off ? " or " : "", one);
	}
}

/*
 * hi->missing of an unavailable hook: its targets and why, computed from
 * what probing and attaching found.  Targets that are in no BTF and no
 * kallsyms get one reason that says why they cannot be there.
 */
static void hook_missing(struct nvmx_core *c, int h)
{
	const struct nvmx_hook_def *d = &nvmx_hook_defs[h];
	struct nvmx_hook_info *hi = &c->hooks[h];
	bool all_absent = true, series_only = true;
	char tgt[200];
	const char *ctx;
	int v;

	hi->missing[0] = 0;
	if (hi->method != NVMX_ATTACH_NONE)
		return;
	hook_targets(h, tgt, sizeof(tgt));
	for (v = 0; v < NVMX_MAX_VARIANTS && d->v[v].method != NVMX_ATTACH_NONE; v++) {
		all_absent &= c->excluded[h][v] && c->absent[h][v];
		series_only &= d->v[v].method == NVMX_ATTACH_SERIES_TP ||
			       d->v[v].method == NVMX_ATTACH_SERIES_RAW_TP;
	}
	if (!all_absent) {
		char why[351];

		/* a copy: gcc's -Wrestrict cannot tell reason from missing */
		snprintf(why, sizeof(why), "%s", hi->reason);
		snprintf(hi->missing, sizeof(hi->missing), "%.150s: %s", tgt, why);
		return;
	}
	if (!strcmp(c->meta.vendor, "none"))
		ctx = "no KVM vendor module loaded";
	else if (d->nvmx_only && strcmp(c->meta.vendor, "kvm_intel"))
		ctx = "kvm_intel not loaded; the pfncache series and its metrics are nVMX only";
	else if (series_only && d->tp_abi == 2)
		ctx = "needs the nvmx-gpc series with nested contexts (tracepoint ABI 2), kernel-patches/";
	else if (series_only && d->tp_abi == 3)
		ctx = "needs the nvmx-gpc series with refresh causes and kicks (tracepoint ABI 3, patch 14), kernel-patches/";
	else if (series_only)
		ctx = "needs the nvmx-gpc series, kernel-patches/";
	else if (d->v[0].method == NVMX_ATTACH_SERIES_TP)
		ctx = "no nvmx-gpc series here, and the functions are inlined, renamed or not in a loaded module";
	else
		ctx = "inlined, renamed, or not in a loaded module";
	snprintf(hi->missing, sizeof(hi->missing), "%.199s: not in this kernel (%s)", tgt, ctx);
}

/* Variant @v of hook @h loads a program with the current plan. */
static bool variant_loads(const struct nvmx_core *c, int h, int v)
{
	const struct nvmx_variant *var = &nvmx_hook_defs[h].v[v];
	int f;

	if (var->prog)
		return true;
	for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++)
		if (c->resolved[h][v][f] &&
		    (nvmx_prog_loaded(c, h, v, f, 0) || nvmx_prog_loaded(c, h, v, f, 1)))
			return true;
	return false;
}

/* A program of variant @v of hook @h has role @r. */
static bool hook_has_role(int h, int v, enum nvmx_prog_role r)
{
	const struct nvmx_variant *var = &nvmx_hook_defs[h].v[v];
	int f;

	for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++)
		if (var->fns[f].entry_role == r ||
		    (var->fns[f].exit && var->fns[f].exit_role == r))
			return true;
	return false;
}

static void choose(struct nvmx_core *c)
{
	int h, v;

	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_hook_def *d = &nvmx_hook_defs[h];
		struct nvmx_hook_info *hi = &c->hooks[h];
		size_t off = 0;

		c->choice[h] = -1;
		hi->reason[0] = 0;
		for (v = 0; v < NVMX_MAX_VARIANTS; v++) {
			const struct nvmx_variant *var = &d->v[v];

			if (var->method == NVMX_ATTACH_NONE)
				break;
			if (!c->excluded[h][v]) {
				c->choice[h] = v;
				break;
			}
			off += snprintf(hi->reason + off,
					off < sizeof(hi->reason) ? sizeof(hi->reason) - off : 0,
					"%s%s: %s", off ? "; " : "",
					nvmx_attach_name(var->method), c->why[h][v]);
			if (off >= sizeof(hi->reason))
				off = sizeof(hi->reason) - 1;
		}
		/*
		 * gpc_latency only complements a tracepoint gpc_refresh: when
		 * gpc_refresh itself is fentry/kprobe it already times the
		 * calls, and a second pair would count every sample twice.
		 */
		if (h == NVMX_HOOK_GPC_LAT &&
		    (c->hooks[NVMX_HOOK_GPC_REFRESH].method == NVMX_ATTACH_FENTRY ||
		     c->hooks[NVMX_HOOK_GPC_REFRESH].method == NVMX_ATTACH_KPROBE)) {
			c->choice[h] = -1;
			snprintf(hi->reason, sizeof(hi->reason),
				 "not needed: gpc_refresh (%s) measures the latency",
				 nvmx_attach_name(c->hooks[NVMX_HOOK_GPC_REFRESH].method));
		}
		if (c->choice[h] >= 0 && !variant_loads(c, h, c->choice[h])) {
			const char *what = hook_has_role(h, c->choice[h], NVMX_PROG_BRACKET) ?
				"no kvm_vcpu_map/unmap hook needs its brackets" :
				"it only times calls";

			c->choice[h] = -1;
			snprintf(hi->reason, sizeof(hi->reason),
				 "not needed counting only (--counts-only): %s", what);
		}
		hi->method = c->choice[h] < 0 ? NVMX_ATTACH_NONE : d->v[c->choice[h]].method;
		hi->target[0] = 0;
		if (c->choice[h] >= 0) {
			const struct nvmx_variant *var = &d->v[c->choice[h]];

			if (var->tp) {
				snprintf(hi->target, sizeof(hi->target), "%s", var->tp);
			} else {
				size_t t = 0;
				int f;

				for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
					const char *n = c->resolved[h][c->choice[h]][f];

					if (!n)
						continue;
					t += snprintf(hi->target + t,
						      t < sizeof(hi->target) ? sizeof(hi->target) - t : 0,
						      "%s%s", t ? "," : "", n);
					if (t >= sizeof(hi->target))
						t = sizeof(hi->target) - 1;
				}
			}
		}
		hook_missing(c, h);
	}
}

/* Note the optional functions an attached hook had to drop, and why. */
static void annotate_dropped(struct nvmx_core *c)
{
	int h, f;

	for (h = 0; h < NVMX_HOOK_NR; h++) {
		struct nvmx_hook_info *hi = &c->hooks[h];
		size_t off = strlen(hi->reason);

		if (hi->method == NVMX_ATTACH_NONE)
			continue;
		for (f = 0; f < NVMX_MAX_FNS; f++) {
			if (!c->dropped[h][f][0] || off >= sizeof(hi->reason))
				continue;
			off += snprintf(hi->reason + off, sizeof(hi->reason) - off,
					"%s%s", off ? "; " : "", c->dropped[h][f]);
		}
	}
}

/*
 * The programs of hook @h's chosen variant that the plan loads (@loaded)
 * or leaves out (!@loaded, with what each is for), ', '-separated, once
 * each, into buf.  Returns how many.
 */
static int hook_progs(const struct nvmx_core *c, int h, bool loaded, char *buf,
		      size_t len)
{
	const struct nvmx_variant *var;
	size_t off = 0;
	int v = c->choice[h], f, i, n = 0;

	buf[0] = 0;
	if (v < 0)
		return 0;
	var = &nvmx_hook_defs[h].v[v];
	if (var->prog) {
		if (loaded)
			snprintf(buf, len, "%s", var->prog);
		return loaded;
	}
	for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
		const struct nvmx_fn_att *fa = &var->fns[f];

		if (!c->resolved[h][v][f])
			continue;
		for (i = 0; i < 2; i++) {
			const char *name = i ? fa->exit : fa->entry;
			enum nvmx_prog_role r = i ? fa->exit_role : fa->entry_role;
			char one[96];
			int w;

			if (!name || nvmx_prog_loaded(c, h, v, f, i) != loaded)
				continue;
			if (loaded)
				snprintf(one, sizeof(one), "%s", name);
			else
				snprintf(one, sizeof(one), "%s (%s)", name,
					 r == NVMX_PROG_TIMES ? "only times" :
					 "only brackets nested maps/unmaps, none hooked");
			if (strstr(buf, one))	/* kp_gpc, kp_ctx serve several */
				continue;
			w = snprintf(buf + off, off < len ? len - off : 0, "%s%s",
				     n ? ", " : "", one);
			if (w > 0)
				off += (size_t)w;
			if (off >= len)
				off = len - 1;
			n++;
		}
	}
	return n;
}

/*
 * Counting only: note on each attached hook the programs it leaves out,
 * so --probes and record's attach notes say what is not measured.
 */
static void annotate_counts_only(struct nvmx_core *c)
{
	char left[256];
	int h;

	if (!c->opts.counts_only)
		return;
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		struct nvmx_hook_info *hi = &c->hooks[h];
		size_t off = strlen(hi->reason);

		if (hi->method == NVMX_ATTACH_NONE ||
		    !hook_progs(c, h, false, left, sizeof(left)) ||
		    off >= sizeof(hi->reason))
			continue;
		snprintf(hi->reason + off, sizeof(hi->reason) - off,
			 "%scounting only, not loaded: %s", off ? "; " : "", left);
	}
}

/*
 * Notes for hooks that attach but cannot fire on this host, so --probes
 * does not suggest a 0 is a measurement of something that exists.
 */
static void annotate(struct nvmx_core *c)
{
	static const enum nvmx_hook l2[] = {
		NVMX_HOOK_L2_ENTRY, NVMX_HOOK_L2_EXIT, NVMX_HOOK_L2_EXIT_INJ,
	};
	const char *why_l2 = NULL;
	unsigned int i;

	for (i = 0; i < NVMX_HOOK_NR; i++)
		c->silent[i] = false;
	if (!strcmp(c->meta.vendor, "kvm_pvm")) {
		for (i = 0; i < 2; i++) {
			int h = i ? NVMX_HOOK_ENTRY : NVMX_HOOK_EXIT;
			struct nvmx_hook_info *hi = &c->hooks[h];

			if (hi->method == NVMX_ATTACH_NONE)
				continue;
			snprintf(hi->reason, sizeof(hi->reason),
				 "attached, but the kvm_pvm vendor module never emits it");
			snprintf(hi->missing, sizeof(hi->missing),
				 "%.63s: attached, but the kvm_pvm vendor module never emits it",
				 hi->target);
			c->silent[h] = true;
		}
		why_l2 = "attached; only kvm_intel/kvm_amd nested code emits it, this host runs kvm_pvm";
	} else if (!c->meta.nested) {
		why_l2 = "attached; no nested virtualization (vendor module nested=N or no KVM vendor module)";
	}
	for (i = 0; why_l2 && i < sizeof(l2) / sizeof(l2[0]); i++)
		if (c->hooks[l2[i]].method != NVMX_ATTACH_NONE)
			snprintf(c->hooks[l2[i]].reason, sizeof(c->hooks[0].reason),
				 "%s", why_l2);
	/*
	 * A kernel with kvm_intel built in (KVM_INTEL=y, as the lab's) has
	 * the nVMX functions and tracepoints on an AMD host too, so they
	 * attach; but their code never runs there.  Their metrics are
	 * unavailable (null), not 0.
	 */
	if (strcmp(c->meta.vendor, "kvm_intel")) {
		for (i = 0; i < NVMX_HOOK_NR; i++) {
			struct nvmx_hook_info *hi = &c->hooks[i];

			if (!nvmx_hook_defs[i].nvmx_only || hi->method == NVMX_ATTACH_NONE)
				continue;
			snprintf(hi->reason, sizeof(hi->reason),
				 "attached, but kvm_intel is not this host's vendor module (%s): nVMX code never runs",
				 c->meta.vendor);
			snprintf(hi->missing, sizeof(hi->missing),
				 "%.63s: attached, but this host's KVM is %.15s; the pfncache series and its metrics are nVMX only",
				 hi->target, c->meta.vendor);
			c->silent[i] = true;
		}
	}
	annotate_dropped(c);
	annotate_counts_only(c);
	nvmx_metrics_plan(c);
}

int nvmx_core_open(const struct nvmx_opts *o, struct nvmx_core **out)
{
	struct nvmx_probe p;
	struct nvmx_core *c;
	int h, i;

	*out = NULL;
	if (o->hist_k > NVMX_HIST_K_MAX || o->pid < 0)
		return -EINVAL;
	if (!have_caps())
		return -EPERM;
	if (access(o->btf_path ? o->btf_path : "/sys/kernel/btf/vmlinux", R_OK))
		return -ENOENT;
	if (!o->allow_no_kvm && access("/dev/kvm", F_OK))
		return -ENODEV;
	if (o->pid > 0 && nvmx_pid_gone(o->pid))
		return -ESRCH;

	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	c->opts = *o;
	c->stats_fd = -1;
	c->ids = nvmx_vm_ids_new(o->guest);
	if (!c->ids) {
		free(c);
		return -ENOMEM;
	}
	log_verbose = o->verbose;
	libbpf_set_print(libbpf_print);
	fill_meta(c);
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		c->hooks[h].id = h;
		c->hooks[h].name = nvmx_hook_defs[h].name;
		c->hooks[h].what = nvmx_hook_defs[h].what;
		for (i = 0; i < NVMX_HOOK_PROGS; i++)
			c->hooks[h].prog_fds[i] = -1;
	}
	nvmx_probe_init(&p, c->meta.btf_path);
	probe_variants(c, &p);
	/* bpf/core_shims.h: nvmx_nested_page_kind() */
	c->meta.map_kinds = nvmx_probe_struct(&p, "vcpu_vmx");
	c->meta.reason_isas = NVMX_RISA_PROBED |
			      (c->meta.map_kinds ? NVMX_RISA(NVMX_ISA_VMX) : 0) |
			      (nvmx_probe_struct(&p, "vcpu_svm") ? NVMX_RISA(NVMX_ISA_SVM) : 0);
	c->reason_codes = c->meta.reason_isas & ~NVMX_RISA_PROBED;
	nvmx_probe_fini(&p);
	choose(c);
	annotate(c);
	*out = c;
	return 0;
}

const struct nvmx_hook_info *nvmx_core_hooks(const struct nvmx_core *c)
{
	return c->hooks;
}

const struct nvmx_meta *nvmx_core_meta(const struct nvmx_core *c)
{
	return &c->meta;
}

int nvmx_core_open_offline(const struct nvmx_meta *meta,
			   const struct nvmx_hook_state st[NVMX_HOOK_NR],
			   struct nvmx_core **out)
{
	struct nvmx_core *c;
	int h, v, f, i;

	*out = NULL;
	c = calloc(1, sizeof(*c));
	if (!c)
		return -ENOMEM;
	nvmx_opts_init(&c->opts);
	c->opts.hist_k = meta->hist_k;
	c->opts.counts_only = meta->counts_only;
	/*
	 * As the live probe found it; metadata from before it said (no
	 * reason_isas): guess that vcpu_vmx is there where map kinds are,
	 * vcpu_svm with kvm_amd (module BTF).
	 */
	if (meta->reason_isas & NVMX_RISA_PROBED)
		c->reason_codes = meta->reason_isas & ~NVMX_RISA_PROBED;
	else
		c->reason_codes = meta->map_kinds || !strcmp(meta->vendor, "kvm_amd");
	c->meta = *meta;
	c->stats_fd = -1;
	c->offline = true;
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_hook_def *d = &nvmx_hook_defs[h];

		c->hooks[h].id = h;
		c->hooks[h].name = d->name;
		c->hooks[h].what = d->what;
		for (i = 0; i < NVMX_HOOK_PROGS; i++)
			c->hooks[h].prog_fds[i] = -1;
		for (v = 0; v < NVMX_MAX_VARIANTS && d->v[v].method != NVMX_ATTACH_NONE; v++) {
			if (st[h].method != NVMX_ATTACH_NONE && d->v[v].method == st[h].method) {
				for (f = 0; f < NVMX_MAX_FNS && d->v[v].fns[f].entry; f++)
					c->resolved[h][v][f] = d->v[v].fns[f].fn[0];
				break;
			}
			c->excluded[h][v] = true;
			c->absent[h][v] = st[h].absent;
			snprintf(c->why[h][v], sizeof(c->why[h][v]), "%s",
				 st[h].absent ? "not in this kernel" :
				 st[h].reason ? st[h].reason : "refused");
		}
	}
	choose(c);
	annotate(c);
	for (h = 0; h < NVMX_HOOK_NR; h++)
		c->hooks[h].attached = c->choice[h] >= 0;
	*out = c;
	return 0;
}

/* ---- load / attach -------------------------------------------------- */

static struct bpf_program *prog_by_name(struct nvmx_gpc *s, const char *n)
{
	return n ? bpf_object__find_program_by_name(s->obj, n) : NULL;
}

static void skel_destroy(struct nvmx_skel_state *st)
{
	int i;

	if (!st)
		return;
	for (i = st->nlinks - 1; i >= 0; i--)
		bpf_link__destroy(st->links[i]);
	st->nlinks = 0;
	if (st->rows)
		munmap(st->rows, st->rows_len);
	if (st->harr)
		munmap(st->harr, st->harr_len);
	ring_buffer__free(st->outliers);
	nvmx_gpc__destroy(st->skel);
	free(st);
}

/* The chosen variant of hook @h, NULL if none. */
static const struct nvmx_variant *chosen(const struct nvmx_core *c, int h)
{
	return c->choice[h] < 0 ? NULL : &nvmx_hook_defs[h].v[c->choice[h]];
}

/* Which hook/variant uses program @name among the chosen ones. */
static bool find_prog_owner(struct nvmx_core *c, const char *name, int *hh, int *vv)
{
	int h, f;

	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_variant *var = chosen(c, h);

		if (!var)
			continue;
		if (var->prog && !strcmp(var->prog, name))
			goto found;
		for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++)
			if (!strcmp(var->fns[f].entry, name) ||
			    (var->fns[f].exit && !strcmp(var->fns[f].exit, name)))
				goto found;
		continue;
found:
		*hh = h;
		*vv = c->choice[h];
		return true;
	}
	return false;
}

static void exclude(struct nvmx_core *c, int h, int v, const char *fmt, ...)
{
	va_list ap;

	c->excluded[h][v] = true;
	va_start(ap, fmt);
	vsnprintf(c->why[h][v], sizeof(c->why[h][v]), fmt, ap);
	va_end(ap);
}

static int add_link(struct nvmx_skel_state *st, struct bpf_link *l)
{
	int err = libbpf_get_error(l);

	if (!l)
		return -errno ? -errno : -EINVAL;
	if (err)
		return err;
	if (st->nlinks >= MAX_LINKS) {
		bpf_link__destroy(l);
		return -E2BIG;
	}
	st->links[st->nlinks++] = l;
	return 0;
}

/*
 * Histograms of the first rows live in the harr array (the BPF side adds
 * to them without hashing), the rest in the hists hash.  Budget for harr:
 * NVMX_HARR_BYTES, i.e. 76 rows at k = 4, 19 at k = 6.
 */
static int harr_setup(struct nvmx_skel_state *st, unsigned int k, bool counts_only)
{
	struct bpf_map *m = st->skel->maps.harr;
	int err;

	/* counting only: no histogram, both maps as small as they go */
	if (counts_only) {
		st->hist_slots = 1;
		st->hist_rows = 0;
		return bpf_map__set_max_entries(st->skel->maps.hists, 1);
	}
	st->hist_slots = nvmx_hist_slots(k);
	st->hist_rows = nvmx_harr_rows(k, NVMX_H_NR);
	if (st->hist_rows > NVMX_MAX_THREADS)
		st->hist_rows = NVMX_MAX_THREADS;
	err = bpf_map__set_value_size(m, st->hist_slots * sizeof(uint64_t));
	if (!err)
		err = bpf_map__set_max_entries(m, st->hist_rows * NVMX_H_NR);
	if (err)
		return err;
	st->skel->rodata->hist_rows = st->hist_rows;
	st->skel->rodata->hist_slots = st->hist_slots;
	return 0;
}

static void *map_mmap(struct bpf_map *m, size_t bytes, size_t *len)
{
	long pg = sysconf(_SC_PAGESIZE);
	void *p;

	*len = (bytes + pg - 1) / pg * pg;
	p = mmap(NULL, *len, PROT_READ | PROT_WRITE, MAP_SHARED, bpf_map__fd(m), 0);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * After load: map the rows array (user space reads it and clears
 * given-back rows) and harr, and put every row index on the free_rows
 * stack, row 0 on top.
 */
static int rows_init(struct nvmx_skel_state *st)
{
	int qfd = bpf_map__fd(st->skel->maps.free_rows);
	__u32 r;

	st->rows = map_mmap(st->skel->maps.rows,
			    sizeof(struct nvmx_row) * NVMX_MAX_THREADS, &st->rows_len);
	if (!st->rows)
		return -errno;
	if (st->hist_rows) {
		st->harr = map_mmap(st->skel->maps.harr, (size_t)st->hist_rows * NVMX_H_NR *
				    st->hist_slots * sizeof(uint64_t), &st->harr_len);
		if (!st->harr)
			return -errno;
	}
	for (r = NVMX_MAX_THREADS; r-- > 0;)
		if (bpf_map_update_elem(qfd, NULL, &r, BPF_ANY))
			return -errno;
	return 0;
}

/* Histogram h of row r in harr, NULL if the row's are in the hash. */
static uint64_t *harr_hist(const struct nvmx_skel_state *st, uint32_t r, int h)
{
	if (r >= st->hist_rows)
		return NULL;
	return st->harr + ((size_t)r * NVMX_H_NR + h) * st->hist_slots;
}

static void harr_clear(const struct nvmx_skel_state *st, uint32_t r)
{
	uint64_t *p = harr_hist(st, r, 0);

	if (p)
		memset(p, 0, (size_t)NVMX_H_NR * st->hist_slots * sizeof(*p));
}

/*
 * Call @cb for each program (entry, then exit) of the function
 * attachments of variant @v of hook @h whose function was resolved.  @cb
 * returns 0 to go on, 1 to skip the rest of this function attachment, or
 * -errno to stop (returned).
 */
typedef int (*fn_prog_cb)(struct nvmx_core *c, struct nvmx_skel_state *st,
			  int h, int v, int f, int i, struct bpf_program *prog,
			  void *arg);

static int for_each_fn_prog(struct nvmx_core *c, struct nvmx_skel_state *st,
			    int h, int v, fn_prog_cb cb, void *arg)
{
	const struct nvmx_variant *var = &nvmx_hook_defs[h].v[v];
	int f, i, r;

	for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
		const char *names[2] = { var->fns[f].entry, var->fns[f].exit };

		if (!c->resolved[h][v][f])
			continue;
		for (i = 0; i < 2; i++) {
			struct bpf_program *prog = prog_by_name(st->skel, names[i]);

			if (!prog || !nvmx_prog_loaded(c, h, v, f, i))
				continue;
			r = cb(c, st, h, v, f, i, prog, arg);
			if (r < 0)
				return r;
			if (r > 0)
				break;
		}
	}
	return 0;
}

void nvmx_plan_autoload(const struct nvmx_core *c, struct bpf_object *obj)
{
	struct bpf_program *prog;
	int h, v, f, i;

	bpf_object__for_each_program(prog, obj)
		bpf_program__set_autoload(prog, false);
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_variant *var = chosen(c, h);

		if (!var)
			continue;
		if (var->prog) {
			prog = bpf_object__find_program_by_name(obj, var->prog);
			if (prog)
				bpf_program__set_autoload(prog, true);
			continue;
		}
		v = c->choice[h];
		for (f = 0; f < NVMX_MAX_FNS && var->fns[f].entry; f++) {
			const char *names[2] = { var->fns[f].entry, var->fns[f].exit };

			if (!c->resolved[h][v][f])
				continue;
			for (i = 0; i < 2; i++) {
				if (!names[i] || !nvmx_prog_loaded(c, h, v, f, i))
					continue;
				prog = bpf_object__find_program_by_name(obj, names[i]);
				if (!prog)
					continue;
				bpf_program__set_autoload(prog, true);
				/* resolving the target reads the kernel's BTF */
				if (var->method == NVMX_ATTACH_FENTRY && !c->offline)
					bpf_program__set_attach_target(prog, 0,
								       c->resolved[h][v][f]);
			}
		}
	}
}

/* Per hook, while attaching its function programs. */
struct fn_attach {
	int nfd;		/* hi->prog_fds in use */
	int fn;			/* function attachment of the current entry */
	int entry_nfd;		/* nfd before the current entry program */
	bool entry_linked;	/* the current entry program is the last link */
};

/*
 * After load: attach it.  An entry program and its exit program are
 * attached both or neither: an entry without its exit would open a
 * latency or nested bracket that never closes.  An optional function
 * that fails is dropped with the reason in c->dropped, any other
 * failure excludes the variant (-EAGAIN: re-plan).
 */
static int attach_fn_prog(struct nvmx_core *c, struct nvmx_skel_state *st,
			  int h, int v, int f, int i, struct bpf_program *prog,
			  void *arg)
{
	const struct nvmx_variant *var = &nvmx_hook_defs[h].v[v];
	struct nvmx_hook_info *hi = &c->hooks[h];
	const char *fn = c->resolved[h][v][f];
	const char *kind = var->method == NVMX_ATTACH_FENTRY ?
			   (i ? "fexit" : "fentry") : (i ? "kretprobe" : "kprobe");
	struct fn_attach *fa = arg;
	int err, fd, k;
	bool dup = false;

	/* an exit without its entry (counting only) has nothing to undo */
	if (i == 0 || fa->fn != f) {
		fa->fn = f;
		fa->entry_nfd = fa->nfd;
		fa->entry_linked = false;
	}
	if (var->method == NVMX_ATTACH_FENTRY)
		err = add_link(st, bpf_program__attach(prog));
	else
		err = add_link(st, bpf_program__attach_kprobe(prog, i == 1, fn));
	if (!err && i == 0)
		fa->entry_linked = true;
	if (err && i == 1 && fa->entry_linked) {
		/* its entry program is the last link: detach it too */
		bpf_link__destroy(st->links[--st->nlinks]);
		st->links[st->nlinks] = NULL;
		fa->nfd = fa->entry_nfd;
		for (k = fa->nfd; k < NVMX_HOOK_PROGS; k++)
			hi->prog_fds[k] = -1;
	}
	if (err && var->fns[f].optional) {
		snprintf(c->dropped[h][f], sizeof(c->dropped[h][f]),
			 "%s: %s attach failed: %s%s", fn, kind, strerror(-err),
			 i ? ", its entry detached too" : "");
		c->resolved[h][v][f] = NULL;
		return 1;
	}
	if (err) {
		exclude(c, h, v, "%s attach %s: %s%s", kind, fn, strerror(-err),
			i ? " (its entry detached too)" : "");
		return -EAGAIN;
	}
	fd = bpf_program__fd(prog);
	for (k = 0; k < fa->nfd; k++)
		dup |= hi->prog_fds[k] == fd;
	if (!dup && fa->nfd < NVMX_HOOK_PROGS)
		hi->prog_fds[fa->nfd++] = fd;
	return 0;
}

/* Returns 0, -EAGAIN (a variant was excluded: re-plan), or -errno. */
/* --than: the ring buffer's reader (records go to c->out_fn) */
static int outlier_cb(void *arg, void *data, size_t len)
{
	struct nvmx_core *c = arg;

	if (len < sizeof(struct nvmx_outlier) || !c->out_fn)
		return 0;
	return c->out_fn(data, c->out_arg) ? -ECANCELED : 0;
}

static int outliers_init(struct nvmx_core *c, struct nvmx_skel_state *st)
{
	if (!c->opts.than_ns)
		return 0;
	st->outliers = ring_buffer__new(bpf_map__fd(st->skel->maps.outliers),
					outlier_cb, c, NULL);
	if (!st->outliers) {
		snprintf(c->err, sizeof(c->err), "setting up the outlier ring buffer: %s",
			 strerror(errno));
		return -errno;
	}
	return 0;
}

int nvmx_core_outliers(struct nvmx_core *c, nvmx_outlier_fn fn, void *arg)
{
	int n;

	if (!c->sk)
		return -ENOTCONN;
	if (!c->sk->outliers)
		return 0;
	c->out_fn = fn;
	c->out_arg = arg;
	n = ring_buffer__consume(c->sk->outliers);
	c->out_fn = NULL;
	return n == -ECANCELED ? 0 : n;
}

uint64_t nvmx_core_outliers_dropped(const struct nvmx_core *c, unsigned int kind)
{
	if (!c || !c->sk || !c->sk->skel->bss || kind >= NVMX_OUT_NR)
		return 0;
	return __atomic_load_n(&c->sk->skel->bss->outliers_dropped[kind], __ATOMIC_RELAXED);
}

static int load_attach_once(struct nvmx_core *c)
{
	struct nvmx_skel_state *st;
	struct bpf_program *prog;
	struct prog_logs pl;
	const char *why = "";
	int h, f, err;

	st = calloc(1, sizeof(*st));
	if (!st)
		return -ENOMEM;
	st->skel = nvmx_gpc__open();
	if (!st->skel) {
		err = -errno;
		snprintf(c->err, sizeof(c->err), "cannot open BPF object: %s", strerror(-err));
		free(st);
		return err;
	}
	st->skel->rodata->targ_tgid = (unsigned int)c->opts.pid;
	st->skel->rodata->hist_k = c->opts.hist_k;
	st->skel->rodata->counts_only = c->opts.counts_only;
	st->skel->rodata->want_cgroup = c->opts.cgroup != NULL;
	st->skel->rodata->want_reasons = !c->opts.no_reasons;
	st->skel->rodata->than_ns = c->opts.than_ns;
	st->skel->rodata->sample_n = c->opts.sample_n > 1 ? c->opts.sample_n : 1;
	if (c->opts.than_per_sec)
		st->skel->rodata->than_per_sec = c->opts.than_per_sec;
	/* the smallest ring (one page) when nothing is logged */
	if (!c->opts.than_ns)
		bpf_map__set_max_entries(st->skel->maps.outliers, getpagesize());
	err = harr_setup(st, c->opts.hist_k, c->opts.counts_only);
	if (err) {
		snprintf(c->err, sizeof(c->err), "sizing the histogram array: %s",
			 strerror(-err));
		skel_destroy(st);
		return err;
	}

	nvmx_plan_autoload(c, st->skel->obj);

	last_warn[0] = '\0';
	err = prog_logs_set(st->skel->obj, &pl);
	if (!err)
		err = nvmx_gpc__load(st->skel);
	if (err) {
		struct bpf_program *bad = prog_logs_failed(&pl, &why);
		int hh, vv;

		if (bad && find_prog_owner(c, bpf_program__name(bad), &hh, &vv)) {
			exclude(c, hh, vv, "load failed: %s (%s)", strerror(-err), why);
			prog_logs_free(&pl);
			skel_destroy(st);
			return -EAGAIN;
		}
		/* before the verifier (libbpf itself): its last warning says why */
		if (!bad && last_warn[0])
			why = last_warn;
		snprintf(c->err, sizeof(c->err), "loading BPF programs failed: %s%s%s%s",
			 strerror(-err), why[0] ? " (" : "", why, why[0] ? ")" : "");
		prog_logs_free(&pl);
		skel_destroy(st);
		return err;
	}
	prog_logs_free(&pl);
	err = rows_init(st);
	if (err) {
		snprintf(c->err, sizeof(c->err), "setting up the thread rows: %s",
			 strerror(-err));
		skel_destroy(st);
		return err;
	}
	err = outliers_init(c, st);
	if (err) {
		skel_destroy(st);
		return err;
	}

	for (h = 0; h < NVMX_HOOK_NR; h++) {
		struct fn_attach fa = { .fn = -1 };
		int v = c->choice[h];
		struct nvmx_hook_info *hi = &c->hooks[h];
		const struct nvmx_variant *var;

		for (f = 0; f < NVMX_HOOK_PROGS; f++)
			hi->prog_fds[f] = -1;
		for (f = 0; f < NVMX_MAX_FNS; f++)
			c->dropped[h][f][0] = 0;
		hi->attached = false;
		if (v < 0)
			continue;
		var = &nvmx_hook_defs[h].v[v];
		if (var->prog) {
			prog = prog_by_name(st->skel, var->prog);
			if (var->method == NVMX_ATTACH_RAW_TP ||
			    var->method == NVMX_ATTACH_SERIES_RAW_TP)
				err = add_link(st, bpf_program__attach_raw_tracepoint(prog, var->tp));
			else
				err = add_link(st, bpf_program__attach(prog));
			if (err) {
				exclude(c, h, v, "attach %s: %s", var->tp, strerror(-err));
				skel_destroy(st);
				return -EAGAIN;
			}
			hi->prog_fds[0] = bpf_program__fd(prog);
			hi->attached = true;
			continue;
		}
		err = for_each_fn_prog(c, st, h, v, attach_fn_prog, &fa);
		if (err) {
			skel_destroy(st);
			return err;
		}
		hi->attached = true;
	}
	c->sk = st;
	return 0;
}

int nvmx_core_attach(struct nvmx_core *c)
{
	int round, err = -EAGAIN;

	if (c->sk)
		return -EALREADY;
	if (c->offline) {
		snprintf(c->err, sizeof(c->err), "offline core: nothing to attach");
		return -EOPNOTSUPP;
	}
	if (c->opts.stats) {
		c->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (c->stats_fd < 0) {
			err = -errno;
			snprintf(c->err, sizeof(c->err), "bpf_enable_stats: %s", strerror(-err));
			return err;
		}
	}
	for (round = 0; round < NVMX_HOOK_NR * NVMX_MAX_VARIANTS && err == -EAGAIN; round++) {
		choose(c);
		err = load_attach_once(c);
	}
	choose(c);	/* final reasons */
	annotate(c);
	if (!err && c->sk) {
		int h;

		/* choose() reset attached flags' targets only; keep attach state */
		for (h = 0; h < NVMX_HOOK_NR; h++)
			c->hooks[h].attached = c->choice[h] >= 0;
		/* kvm_pvm attaches kvm_exit but never emits it: no reasons */
		c->meta.reasons = !c->opts.no_reasons && c->hooks[NVMX_HOOK_EXIT].attached &&
				  !c->silent[NVMX_HOOK_EXIT];
	}
	return err;
}

void nvmx_core_close(struct nvmx_core *c)
{
	if (!c)
		return;
	skel_destroy(c->sk);
	c->sk = NULL;
	if (c->stats_fd >= 0)
		close(c->stats_fd);
	nvmx_vm_ids_free(c->ids);
	free(c);
}

/* --probes: where the exit codes come from */
static void print_reason_codes(const struct nvmx_core *c, FILE *f)
{
	unsigned int isas = c->meta.reason_isas;
	const char *from = "vcpu_vmx / vcpu_svm";	/* not known which */

	if (c->opts.no_reasons) {
		fputs("exit reasons: off (--no-reasons)\n", f);
		return;
	}
	if (!c->reason_codes) {
		fputs("exit reasons: every code unknown (neither struct vcpu_vmx nor vcpu_svm in BTF)\n",
		      f);
		return;
	}
	if ((isas & NVMX_RISA_PROBED) && (isas & NVMX_RISA(NVMX_ISA_VMX)) &&
	    (isas & NVMX_RISA(NVMX_ISA_SVM)))
		from = "vcpu_vmx and vcpu_svm";
	else if (isas & NVMX_RISA_PROBED)
		from = isas & NVMX_RISA(NVMX_ISA_VMX) ? "vcpu_vmx" : "vcpu_svm";
	fprintf(f, "exit reasons: codes from struct %s (kvm_exit's get_exit_info)\n", from);
}

void nvmx_core_print_probes(const struct nvmx_core *c, FILE *f)
{
	int h;

	fprintf(f, "/dev/kvm: %s\n", c->meta.kvm_dev);
	fprintf(f, "kernel %s, vendor %s%s, nvmx-gpc series tracepoints: %s (ABI %u)\n",
		c->meta.release, c->meta.vendor, c->meta.nested ? " (nested=Y)" : "",
		c->meta.series ? "detected" : "absent", c->meta.tp_abi);
	fprintf(f, "%-14s %-17s %-34s %s\n", "HOOK", "METHOD", "TARGET", "NOTES");
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		const struct nvmx_hook_info *hi = &c->hooks[h];

		fprintf(f, "%-14s %-17s %-34s %s\n", hi->name,
			hi->method == NVMX_ATTACH_NONE ? "unavailable" :
			nvmx_attach_name(hi->method),
			hi->target[0] ? hi->target : "-",
			hi->reason[0] ? hi->reason : "");
	}
	fprintf(f, "page kinds of nested maps/unmaps: %s\n", c->meta.map_kinds ?
		"from struct vcpu_vmx (map handle / vmcs12 gfn)" :
		"unavailable, all count as unknown (struct vcpu_vmx not in BTF: kvm_intel absent)");
	print_reason_codes(c, f);
}

void nvmx_core_print_programs(const struct nvmx_core *c, FILE *f)
{
	char on[256], off[256];
	int h;

	fprintf(f, "BPF programs loaded, %s:\n", c->opts.counts_only ?
		"counting only (--counts-only: no clock read, no histogram)" :
		"counts and latencies");
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		hook_progs(c, h, true, on, sizeof(on));
		hook_progs(c, h, false, off, sizeof(off));
		fprintf(f, "  %-14s %s%s%s\n", c->hooks[h].name, on[0] ? on : "-",
			off[0] ? "; not loaded: " : "", off);
	}
}

/* ---- snapshots ------------------------------------------------------- */

/* Process comm; buf keeps its value when the process is gone. */
static void proc_comm(uint32_t tgid, char *buf, size_t len)
{
	char path[64], comm[64];

	snprintf(path, sizeof(path), "/proc/%u/comm", tgid);
	nvmx_read_line(path, comm, sizeof(comm));
	if (comm[0] && len) {
		size_t n = strnlen(comm, len - 1);

		memcpy(buf, comm, n);
		buf[n] = 0;
	}
}

static uint64_t now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* An allocated row of the rows map (one traced thread). */
struct row_ref {
	uint32_t tgid, tid, row;
	uint64_t cgid;
	char comm[NVMX_COMM_LEN];
};

static int ref_cmp(const void *a, const void *b)
{
	const struct row_ref *x = a, *y = b;

	if (x->tgid != y->tgid)
		return x->tgid < y->tgid ? -1 : 1;
	if (x->tid != y->tid)
		return x->tid < y->tid ? -1 : 1;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return 0;
}

/*
 * The allocated rows, sorted by (tgid, tid, row).  A thread id reused
 * within a live process gets a second row with the same key; the
 * snapshot sums them.
 */
static int collect_rows(const struct nvmx_skel_state *st, struct row_ref **out,
			size_t *n)
{
	struct row_ref *refs;
	size_t k = 0;
	uint32_t r;

	refs = calloc(NVMX_MAX_THREADS, sizeof(*refs));
	if (!refs)
		return -ENOMEM;
	for (r = 0; r < NVMX_MAX_THREADS; r++) {
		const volatile struct nvmx_row *rw = &st->rows[r];
		uint32_t tid = rw->tid;

		if (!tid)
			continue;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);	/* tid is written last */
		refs[k].tgid = rw->tgid;
		refs[k].tid = tid;
		refs[k].row = r;
		refs[k].cgid = rw->cgid;
		memcpy(refs[k].comm, (const void *)rw->comm, sizeof(refs[k].comm));
		refs[k].comm[sizeof(refs[k].comm) - 1] = 0;
		k++;
	}
	if (k)
		qsort(refs, k, sizeof(*refs), ref_cmp);
	*out = refs;
	*n = k;
	return 0;
}

/*
 * Delete the entries of a hash keyed by row (the first u32 of the key:
 * struct nvmx_hkey, struct nvmx_rkey) for the rows marked in @del (all
 * rows when NULL).  Keys are collected first: iterating a hash while
 * deleting from it restarts the walk.
 */
static int delete_row_keys(int fd, size_t ksize, const bool *del)
{
	char *keys = NULL, *nk, key[64];
	size_t n = 0, cap = 0, i;
	bool first;

	if (ksize > sizeof(key))
		return -EINVAL;
	for (first = true; !bpf_map_get_next_key(fd, first ? NULL : key, key);
	     first = false) {
		uint32_t row;

		memcpy(&row, key, sizeof(row));
		if (del && (row >= NVMX_MAX_THREADS || !del[row]))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			nk = realloc(keys, cap * ksize);
			if (!nk) {
				free(keys);
				return -ENOMEM;
			}
			keys = nk;
		}
		memcpy(keys + n++ * ksize, key, ksize);
	}
	for (i = 0; i < n; i++)
		bpf_map_delete_elem(fd, keys + i * ksize);
	free(keys);
	return 0;
}

/* The histogram slots and exit reasons of the rows in @del (NULL: all) */
static int delete_hists(struct nvmx_core *c, const bool *del)
{
	int err;

	err = delete_row_keys(bpf_map__fd(c->sk->skel->maps.hists),
			      sizeof(struct nvmx_hkey), del);
	if (!err)
		err = delete_row_keys(bpf_map__fd(c->sk->skel->maps.reasons),
				      sizeof(struct nvmx_rkey), del);
	return err;
}

/*
 * Mark in @del the rows of processes that have exited.  Called before
 * the rows' values are read: a process that is gone (reaped) can no
 * longer write its rows, so the values read afterwards are final.  A
 * process that exits after this check keeps its rows until the next
 * snapshot; checking after the read would lose the events it counted
 * between the read and its exit.
 */
static bool mark_dead(const struct row_ref *refs, size_t n, bool *del)
{
	bool any = false, gone = false;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!i || refs[i].tgid != refs[i - 1].tgid)
			gone = nvmx_pid_gone((pid_t)refs[i].tgid);
		if (gone)
			del[refs[i].row] = any = true;
	}
	return any;
}

/*
 * Give the rows marked by mark_dead() back (their final values are in
 * the snapshot just taken): clear their histograms and the rows
 * (identity last), then push the indexes onto free_rows for new
 * threads.  The threads are gone, so nothing writes those rows
 * meanwhile.
 */
static void prune_dead(struct nvmx_core *c, const struct row_ref *refs, size_t n,
		       const bool *del)
{
	int qfd = bpf_map__fd(c->sk->skel->maps.free_rows);
	size_t i;

	if (delete_hists(c, del))
		return;
	for (i = 0; i < n; i++) {
		struct nvmx_row *rw = &c->sk->rows[refs[i].row];

		if (!del[refs[i].row])
			continue;
		harr_clear(c->sk, refs[i].row);
		memset(&rw->s, 0, sizeof(rw->s));
		memset(&rw->t, 0, sizeof(rw->t));
		memset(rw->comm, 0, sizeof(rw->comm));
		rw->tgid = 0;
		__atomic_store_n(&rw->tid, 0, __ATOMIC_RELEASE);
		bpf_map_update_elem(qfd, NULL, &refs[i].row, BPF_ANY);
	}
}

static void row_add(struct nvmx_vcpu_snap *v, const volatile struct nvmx_tstats *s)
{
	int j, r;

	for (j = 0; j < NVMX_C_NR; j++) {
		if (j == NVMX_C_VCPU_ID) {
			if (s->ctr[j] > v->ctr[j])
				v->ctr[j] = s->ctr[j];
		} else {
			v->ctr[j] += s->ctr[j];
		}
	}
	for (j = 0; j < NVMX_KIND_SLOTS; j++)
		for (r = 0; r < NVMX_KCTR_NR; r++)
			v->kctr[j][r] += s->kctr[j][r];
	for (j = 0; j < NVMX_H_NR; j++)
		v->hsum[j] += s->hsum[j];
}

/* Add the hists hash (rows beyond the array) into the rows in rowmap. */
static void hash_hists(const struct nvmx_core *c, uint64_t *hv, int ncpu,
		       const int *rowmap, struct nvmx_vcpu_snap *rows)
{
	int hfd = bpf_map__fd(c->sk->skel->maps.hists);
	unsigned int slots = nvmx_hist_slots(c->opts.hist_k);
	struct nvmx_hkey hk;
	bool first;

	for (first = true; !bpf_map_get_next_key(hfd, first ? NULL : &hk, &hk);
	     first = false) {
		uint64_t sum = 0;
		int cpu;

		if (hk.row >= NVMX_MAX_THREADS || rowmap[hk.row] < 0 ||
		    hk.hist >= NVMX_H_NR || hk.slot >= slots)
			continue;
		if (bpf_map_lookup_elem(hfd, &hk, hv))
			continue;
		for (cpu = 0; cpu < ncpu; cpu++)
			sum += hv[cpu];
		rows[rowmap[hk.row]].hist[hk.hist][hk.slot] += sum;
	}
}

/* Add the exit reasons of the rows in rowmap into their rows. */
static int read_reasons(const struct nvmx_core *c, const int *rowmap,
			struct nvmx_vcpu_snap *rows)
{
	int fd = bpf_map__fd(c->sk->skel->maps.reasons);
	struct nvmx_reason_snap r;
	struct nvmx_rkey k;
	bool first;
	int err;

	for (first = true; !bpf_map_get_next_key(fd, first ? NULL : &k, &k);
	     first = false) {
		if (k.row >= NVMX_MAX_THREADS || rowmap[k.row] < 0 ||
		    bpf_map_lookup_elem(fd, &k, &r.v))
			continue;
		r.isa = k.isa;
		r.code = k.code;
		err = nvmx_vcpu_reason_add(&rows[rowmap[k.row]], &r);
		if (err)
			return err;
	}
	return 0;
}

/* The VMs' comm and guest name, and the time of the snapshot */
static void name_vms(struct nvmx_core *c, struct nvmx_snapshot *s)
{
	size_t i;

	s->real_ns = now_ns(CLOCK_REALTIME);
	for (i = 0; i < s->nr_vms; i++) {
		struct nvmx_vm_snap *vm = &s->vms[i];
		/* looked up (and /proc read) for its rows just before */
		const struct nvmx_vm_id *id = nvmx_vm_ids_find(c->ids, vm->tgid);

		proc_comm(vm->tgid, vm->comm, sizeof(vm->comm));
		memcpy(vm->total.comm, vm->comm, sizeof(vm->comm));
		if (id)
			memcpy(vm->name, id->name, sizeof(vm->name));
	}
}

int nvmx_core_snapshot(struct nvmx_core *c, struct nvmx_snapshot **out)
{
	int ncpu = libbpf_num_possible_cpus(), err = 0;
	unsigned int slots = nvmx_hist_slots(c->opts.hist_k);
	struct nvmx_vcpu_snap *rows = NULL;
	struct row_ref *refs = NULL;
	size_t n = 0, nr = 0, i;
	int *rowmap = NULL, h;
	uint64_t *hv = NULL;
	bool dead = false, skip = false, *del = NULL;
	uint64_t *cgids = NULL;
	size_t ncgids = 0;

	*out = NULL;
	if (!c->sk)
		return -ENOTCONN;
	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	hv = calloc(ncpu, sizeof(*hv));
	rowmap = malloc(NVMX_MAX_THREADS * sizeof(*rowmap));
	if (!hv || !rowmap) {
		err = -ENOMEM;
		goto free_bufs;
	}
	err = collect_rows(c->sk, &refs, &n);
	if (err)
		goto free_bufs;
	/* --cgroup: the cgroups there now (new ones may have come) */
	if (c->opts.cgroup) {
		err = nvmx_cgroup_ids(c->opts.cgroup, &cgids, &ncgids);
		if (err)
			goto free_bufs;
	}
	if (c->opts.prune_dead) {
		del = calloc(NVMX_MAX_THREADS, sizeof(*del));
		if (!del) {
			err = -ENOMEM;
			goto free_bufs;
		}
		dead = mark_dead(refs, n, del);	/* before reading the values */
	}
	rows = calloc(n ? n : 1, sizeof(*rows));
	if (!rows) {
		err = -ENOMEM;
		goto free_bufs;
	}
	for (i = 0; i < NVMX_MAX_THREADS; i++)
		rowmap[i] = -1;
	for (i = 0; i < n; i++) {
		struct nvmx_vcpu_snap *v;

		/* -g: other VMs' rows stay out (rowmap -1); --cgroup: threads */
		if (!i || refs[i].tgid != refs[i - 1].tgid) {
			const struct nvmx_vm_id *id = nvmx_vm_ids_get(c->ids, refs[i].tgid);

			if (!id) {
				err = -ENOMEM;
				goto free_rows;
			}
			skip = !id->match;
		}
		if (skip || (c->opts.cgroup && !nvmx_cgroup_id_in(cgids, ncgids, refs[i].cgid)))
			continue;
		if (!nr || refs[i].tgid != rows[nr - 1].tgid ||
		    refs[i].tid != rows[nr - 1].tid) {
			v = &rows[nr++];
			err = nvmx_vcpu_snap_init(v, slots);
			if (err)
				goto free_rows;
			v->tgid = refs[i].tgid;
			v->tid = refs[i].tid;
			memcpy(v->comm, refs[i].comm, sizeof(v->comm));
		}
		v = &rows[nr - 1];
		rowmap[refs[i].row] = (int)(nr - 1);
		row_add(v, &c->sk->rows[refs[i].row].s);
		for (h = 0; h < NVMX_H_NR; h++) {
			const volatile uint64_t *p = harr_hist(c->sk, refs[i].row, h);
			unsigned int j;

			for (j = 0; p && j < slots && j < c->sk->hist_slots; j++)
				v->hist[h][j] += p[j];
		}
		v->vcpu_id = (int32_t)v->ctr[NVMX_C_VCPU_ID] - 1;
	}
	hash_hists(c, hv, ncpu, rowmap, rows);
	err = read_reasons(c, rowmap, rows);
	if (err)
		goto free_rows;
	err = nvmx_snapshot_build(rows, nr, c->opts.hist_k, now_ns(CLOCK_MONOTONIC), out);
	if (!err && dead)
		prune_dead(c, refs, n, del);
	if (!err)
		name_vms(c, *out);
	nvmx_vm_ids_sweep(c->ids);
free_rows:
	for (i = 0; i < nr; i++)
		nvmx_vcpu_snap_fini(&rows[i]);
	free(rows);
free_bufs:
	free(cgids);
	free(del);
	free(refs);
	free(rowmap);
	free(hv);
	return err;
}

int nvmx_core_snapshot_zero(struct nvmx_core *c, struct nvmx_snapshot **out)
{
	int err;

	*out = NULL;
	if (!c->sk)
		return -ENOTCONN;
	err = nvmx_snapshot_build(NULL, 0, c->opts.hist_k, now_ns(CLOCK_MONOTONIC), out);
	if (!err)
		(*out)->real_ns = now_ns(CLOCK_REALTIME);
	return err;
}

uint64_t nvmx_core_reasons_dropped(const struct nvmx_core *c)
{
	if (!c || !c->sk || !c->sk->skel->bss)
		return 0;
	return __atomic_load_n(&c->sk->skel->bss->reasons_dropped, __ATOMIC_RELAXED);
}

uint64_t nvmx_core_events_dropped(const struct nvmx_core *c)
{
	if (!c || !c->sk || !c->sk->skel->bss)
		return 0;
	return __atomic_load_n(&c->sk->skel->bss->events_dropped, __ATOMIC_RELAXED);
}

/*
 * Zero every row's counters and drop all histogram slots; rows stay with
 * their threads.  Events racing with the reset may be lost (as with any
 * reset of live counters).
 */
int nvmx_core_reset(struct nvmx_core *c)
{
	struct row_ref *refs = NULL;
	size_t n, i;
	int err;

	if (!c->sk)
		return -ENOTCONN;
	err = collect_rows(c->sk, &refs, &n);
	for (i = 0; !err && i < n; i++) {
		struct nvmx_row *rw = &c->sk->rows[refs[i].row];

		harr_clear(c->sk, refs[i].row);
		memset(&rw->s, 0, sizeof(rw->s));
		memset(&rw->t, 0, sizeof(rw->t));
	}
	if (!err)
		err = delete_hists(c, NULL);
	free(refs);
	return err;
}

int nvmx_core_prog_stats(const struct nvmx_core *c, struct nvmx_prog_stats **out,
			 size_t *n)
{
	struct nvmx_prog_stats *ps;
	size_t cnt = 0;
	int h, k;

	*out = NULL;
	*n = 0;
	if (!c->sk)
		return -ENOTCONN;
	ps = calloc(NVMX_HOOK_NR * NVMX_HOOK_PROGS, sizeof(*ps));
	if (!ps)
		return -ENOMEM;
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		for (k = 0; k < NVMX_HOOK_PROGS; k++) {
			struct bpf_prog_info info = {};
			__u32 len = sizeof(info);
			int fd = c->hooks[h].prog_fds[k];

			if (fd < 0)
				continue;
			if (bpf_obj_get_info_by_fd(fd, &info, &len))
				continue;
			snprintf(ps[cnt].name, sizeof(ps[cnt].name), "%s", info.name);
			ps[cnt].hook = h;
			ps[cnt].run_cnt = info.run_cnt;
			ps[cnt].run_time_ns = info.run_time_ns;
			cnt++;
		}
	}
	*out = ps;
	*n = cnt;
	return 0;
}

int nvmx_core_enable_stats(struct nvmx_core *c, bool on)
{
	if (on && c->stats_fd < 0) {
		c->stats_fd = bpf_enable_stats(BPF_STATS_RUN_TIME);
		if (c->stats_fd < 0)
			return -errno;
	} else if (!on && c->stats_fd >= 0) {
		close(c->stats_fd);
		c->stats_fd = -1;
	}
	return 0;
}

bool nvmx_core_stats_enabled(const struct nvmx_core *c)
{
	return c->stats_fd >= 0;
}

void nvmx_prog_stats_delta(struct nvmx_prog_stats *out,
			   const struct nvmx_prog_stats *b,
			   const struct nvmx_prog_stats *a, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[i] = b[i];
		if (a) {
			out[i].run_cnt = b[i].run_cnt >= a[i].run_cnt ?
					 b[i].run_cnt - a[i].run_cnt : b[i].run_cnt;
			out[i].run_time_ns = b[i].run_time_ns >= a[i].run_time_ns ?
					     b[i].run_time_ns - a[i].run_time_ns :
					     b[i].run_time_ns;
		}
	}
}

double nvmx_prog_stats_ns_per_run(const struct nvmx_prog_stats *p)
{
	return p->run_cnt ? (double)p->run_time_ns / (double)p->run_cnt : 0.0;
}
