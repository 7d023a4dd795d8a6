// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * fexit_pair: an entry program and its exit program attach both or
 * neither.  The nested_ctx hook brackets free_nested (optional) with
 * fe_ctx_free/fx_ctx_free; if only the fentry stayed, the nested depth
 * would only grow and every map would count as nested.
 *
 * The failure is the kernel's own: a BPF trampoline takes at most
 * BPF_MAX_TRAMP_LINKS programs (fentry + fexit together).  This test
 * fills free_nested's trampoline to one below that limit, so the
 * tool's fentry takes the last place and its fexit fails with E2BIG.
 * Then the tool must hold no link on free_nested (one more program
 * attaches), say why free_nested was dropped, and keep the rest of the
 * hook.  Needs root and a kernel with kvm_intel's nested code in its
 * BTF: scripts/emu-host --kernel lab-base (make check-tools-fexit-pair;
 * 6.12 has nested_vmx_vmexit, not __nested_vmx_vmexit).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <linux/bpf.h>

#include "nvmx_core.h"

#define FN "free_nested"

static int pass, fail;

static void check_str(const char *what, const char *want, const char *got)
{
	if (!strcmp(want, got)) {
		pass++;
		printf("  ok: %s = '%s'\n", what, got);
	} else {
		fail++;
		printf("  FAIL: %s: expected '%s', got '%s'\n", what, want, got);
	}
}

/* Load a 2-instruction fentry program on BTF id @id: fd or -errno. */
static int load_fentry(int id)
{
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	LIBBPF_OPTS(bpf_prog_load_opts, o,
		    .expected_attach_type = BPF_TRACE_FENTRY,
		    .attach_btf_id = id);
	int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "fill", "GPL", insns, 2, &o);

	return fd < 0 ? -errno : fd;
}

/* Load and attach one more program on @id: its link fd or -errno. */
static int attach_one(int id, int *prog_fd)
{
	int l;

	*prog_fd = load_fentry(id);
	if (*prog_fd < 0)
		return *prog_fd;
	l = bpf_raw_tracepoint_open(NULL, *prog_fd);
	if (l < 0) {
		l = -errno;
		close(*prog_fd);
		*prog_fd = -1;
	}
	return l;
}

struct fill {
	int *prog, *link;
	int n, cap;
};

/* Attach programs to @id until the trampoline is full: 0 or -errno. */
static int fill_up(struct fill *f, int id)
{
	for (;;) {
		int p, l;

		if (f->n == f->cap) {
			int cap = f->cap ? 2 * f->cap : 16;
			int *np = realloc(f->prog, cap * sizeof(int));

			if (!np)
				return -ENOMEM;
			f->prog = np;
			np = realloc(f->link, cap * sizeof(int));
			if (!np)
				return -ENOMEM;
			f->link = np;
			f->cap = cap;
		}
		l = attach_one(id, &p);
		if (l == -E2BIG)
			return 0;
		if (l < 0)
			return l;
		f->prog[f->n] = p;
		f->link[f->n++] = l;
	}
}

static void release(struct fill *f, int n)
{
	while (f->n > n) {
		f->n--;
		close(f->link[f->n]);
		close(f->prog[f->n]);
	}
	if (!n) {
		free(f->prog);
		free(f->link);
		f->prog = f->link = NULL;
		f->cap = 0;
	}
}

int main(void)
{
	struct nvmx_core *c = NULL;
	const struct nvmx_hook_info *hi;
	struct fill f = { 0 };
	struct nvmx_opts o;
	struct btf *btf;
	const char *note;
	int id, err, limit, p, l;

	setvbuf(stdout, NULL, _IOLBF, 0);
	btf = btf__load_vmlinux_btf();
	id = btf ? btf__find_by_name_kind(btf, FN, BTF_KIND_FUNC) : -ENOENT;
	btf__free(btf);
	if (id < 0) {
		fprintf(stderr, "fexit_pair: %s not in vmlinux BTF (needs kvm_intel built in: "
			"scripts/emu-host --kernel lab-base)\n", FN);
		return 1;
	}
	err = fill_up(&f, id);
	if (err) {
		fprintf(stderr, "fexit_pair: filling the %s trampoline: %s\n", FN,
			strerror(-err));
		release(&f, 0);
		return 1;
	}
	limit = f.n;
	release(&f, limit - 1);
	printf("fexit_pair: %s trampoline limit %d programs, %d attached\n",
	       FN, limit, f.n);

	nvmx_opts_init(&o);
	o.allow_no_kvm = true;
	err = nvmx_core_open(&o, &c);
	if (err) {
		fprintf(stderr, "fexit_pair: %s\n", nvmx_core_open_error(err));
		release(&f, 0);
		return 1;
	}
	err = nvmx_core_attach(c);
	if (err) {
		fprintf(stderr, "fexit_pair: %s\n", nvmx_core_strerror(c));
		nvmx_core_close(c);
		release(&f, 0);
		return 1;
	}
	hi = &nvmx_core_hooks(c)[NVMX_HOOK_NESTED_CTX];
	printf("  nested_ctx: %s %s: %s\n", nvmx_attach_name(hi->method),
	       hi->target, hi->reason);
	check_str("nested_ctx method", "fentry/fexit", nvmx_attach_name(hi->method));
	check_str("nested_ctx target", "nested_vmx_vmexit,nested_vmx_enter_non_root_mode",
		  hi->target);
	note = strrchr(hi->reason, ';');
	check_str("nested_ctx last note",
		  FN ": fexit attach failed: Argument list too long, its entry detached too",
		  note ? note + 2 : hi->reason);
	/* the tool holds no link on free_nested: one more program fits */
	l = attach_one(id, &p);
	check_str("one more program on " FN " while the tool runs", "attached",
		  l < 0 ? strerror(-l) : "attached");
	if (l >= 0) {
		close(l);
		close(p);
	}
	nvmx_core_close(c);
	release(&f, 0);
	printf("fexit_pair: %d of %d checks passed\n", pass, pass + fail);
	return fail ? 1 : 0;
}
