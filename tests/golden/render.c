// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * golden_render OUTDIR: feed the same fixed snapshots to every writer of
 * the tools and store what each one writes in OUTDIR, one file per
 * attach plan and output:
 *
 *	PLAN-top.json	nvmx-gpc-top --json (two intervals, -v, --hists, --stats)
 *	PLAN-top.csv	nvmx-gpc-top --csv (two intervals)
 *	PLAN-top.txt	nvmx-gpc-top -b (text)
 *	PLAN-prom.txt	nvmx-gpc-exporter's exposition
 *	PLAN-results.json	nvmx-gpc record's results file (two runs)
 *	PLAN-probes.txt	nvmx-gpc-top --probes
 *
 * tests/golden/run.sh compares OUTDIR with tests/golden/expected/ byte
 * for byte: a change of any output on the same input shows as a diff.
 * The plans are those of real hosts, built offline; "none" is the core
 * left out (c == NULL: every metric available, no plan to report);
 * "counts" is the series plan counting only (--counts-only), whose
 * snapshots have no histogram samples, as the probes then take none.
 * The plans "series" (VMX) and "amd" (SVM) read exit reasons: their
 * results files carry a few reasons (add_reasons()).
 *
 * record keeps its results writer to itself, so this file includes
 * record.c and calls its build_results() and fill_run() as cmd_record()
 * does.
 */
#include "../../tools/nvmx-gpc/record.c"

#include "prom.h"
#include "top.h"

#define K NVMX_HIST_K_DEFAULT

struct row_spec {
	uint32_t tgid, tid;
	int vcpu_id;
	const char *comm;
	unsigned int seed;
};

/* VM 1000: main thread and two vCPUs; VM 2000: a name to escape. */
static const struct row_spec rows_prev[] = {
	{ 1000, 1000, -1, "qemu-system-x86", 1 },
	{ 1000, 1001, 0, "CPU 0/KVM", 2 },
	{ 1000, 1002, 1, "CPU 1/KVM", 3 },
	{ 2000, 2001, 0, "vm \"q\"\\x\n\x7f\xe6\x97", 4 },
};

/* Later: VM 3000 is new, thread 1002 was reset (taken whole). */
static const struct row_spec rows_cur[] = {
	{ 1000, 1000, -1, "qemu-system-x86", 1 },
	{ 1000, 1001, 0, "CPU 0/KVM", 2 },
	{ 1000, 1002, 1, "CPU 1/KVM", 3 },
	{ 2000, 2001, 0, "vm \"q\"\\x\n\x7f\xe6\x97", 4 },
	{ 3000, 3001, 7, "\xc3\xa9t\xc3\xa9-vm", 5 },
};

#define NPREV (sizeof(rows_prev) / sizeof(rows_prev[0]))
#define NCUR (sizeof(rows_cur) / sizeof(rows_cur[0]))

static uint64_t mix(unsigned int a, unsigned int b, unsigned int c)
{
	uint64_t x = (uint64_t)a * 2654435761u ^ (uint64_t)b * 40503u ^
		     (uint64_t)c * 2246822519u;

	x ^= x >> 13;
	x *= 0x9e3779b97f4a7c15ULL;
	return x ^ (x >> 29);
}

/*
 * Seeds of page kind @kind and histogram @h: their indices from before
 * evmcs (kind 4) came between pi_desc and unknown, so the four older
 * kinds, unknown and the unmap splits keep their events.  evmcs gets
 * histogram samples of its own but no per-kind counts (kind_seed() < 0),
 * so that the sums over the kinds (maps, unmaps, gpc_hits, saved %...)
 * stay those of the four older kinds.
 */
#define OLD_PAGE_KINDS 4

static int kind_seed(unsigned int kind)
{
	if (kind == NVMX_PAGE_EVMCS)
		return -1;
	return kind == NVMX_PAGE_UNKNOWN ? OLD_PAGE_KINDS : (int)kind;
}

static unsigned int hist_seed(unsigned int h)
{
	enum nvmx_hist base;
	int kind;

	base = nvmx_hist_split((enum nvmx_hist)h, &kind);
	if (kind < 0)
		return h;
	if (kind == NVMX_PAGE_EVMCS)
		return 64 + base;
	return NVMX_H_MAP_KIND0 + (base == NVMX_H_UNMAP ? OLD_PAGE_KINDS : 0) +
	       (unsigned int)kind;
}

/*
 * Part p of row seed's events: counters, per-kind counters and
 * histogram samples; a snapshot holds parts 0..n-1.  The main thread
 * (seed 1) has no nested page events, so its saved % is undefined;
 * seed 3 has more L2 exits than exits (l1_exits clamps at 0).
 */
static void add_part(struct nvmx_vcpu_snap *v, unsigned int seed, unsigned int p,
		     bool hists)
{
	unsigned int j, kind, kc, h, i, n;

	for (j = 0; j < NVMX_C_NR; j++)
		if (j != NVMX_C_VCPU_ID)
			v->ctr[j] += mix(seed, j, p) % (seed == 1 ? 50 : 5000);
	if (seed == 3)
		v->ctr[NVMX_C_L2_EXITS] += v->ctr[NVMX_C_EXITS] + 1;
	for (kind = 0; seed != 1 && kind < NVMX_KIND_SLOTS; kind++)
		for (kc = 0; kind_seed(kind) >= 0 && kc < NVMX_KCTR_NR; kc++)
			v->kctr[kind][kc] += mix(seed * 7 + kind_seed(kind),
						 kc, p) % 900;
	for (h = 0; hists && h < NVMX_H_NR; h++) {
		unsigned int hs = hist_seed(h);

		n = (unsigned int)(mix(seed, hs, p) % 6);
		for (i = 0; i < n; i++) {
			uint64_t val = 40 + mix(seed * 31 + hs, i, p) % 3000000;

			if (i == 4)
				val <<= 12;
			v->hist[h][nvmx_hist_index(val, K)]++;
			v->hsum[h] += val;
		}
	}
}

static struct nvmx_snapshot *make_snap(const struct row_spec *spec, size_t n,
				       unsigned int parts, uint64_t mono_s, bool hists)
{
	struct nvmx_vcpu_snap rows[8];
	struct nvmx_snapshot *s;
	unsigned int p;
	size_t i;

	for (i = 0; i < n; i++) {
		struct nvmx_vcpu_snap *v = &rows[i];

		if (nvmx_vcpu_snap_init(v, nvmx_hist_slots(K)))
			abort();
		v->tgid = spec[i].tgid;
		v->tid = spec[i].tid;
		v->vcpu_id = spec[i].vcpu_id;
		snprintf(v->comm, sizeof(v->comm), "%s", spec[i].comm);
		for (p = spec[i].tid == 1002 && parts > 1 ? 1 : 0; p < parts; p++)
			add_part(v, spec[i].seed, p, hists);
		if (v->vcpu_id >= 0)
			v->ctr[NVMX_C_VCPU_ID] = (uint64_t)v->vcpu_id + 1;
	}
	if (nvmx_snapshot_build(rows, n, K, mono_s * 1000000000ULL, &s))
		abort();
	s->real_ns = (1767225600ULL + mono_s) * 1000000000ULL + 123000000ULL;
	/* guest names (QEMU -name): VM 1000 a plain one, VM 3000 one to escape */
	for (i = 0; i < s->nr_vms; i++) {
		if (s->vms[i].tgid == 1000)
			snprintf(s->vms[i].name, sizeof(s->vms[i].name), "web1");
		if (s->vms[i].tgid == 3000)
			snprintf(s->vms[i].name, sizeof(s->vms[i].name), "w \"2\",x\\\n\xc3\xa9");
	}
	for (i = 0; i < n; i++)
		nvmx_vcpu_snap_fini(&rows[i]);
	return s;
}

/* ---- plans ---------------------------------------------------------- */

/*
 * The attach plans of real hosts.  hooks has one letter per enum
 * nvmx_hook: t tp_btf, r raw_tp, S series tp_btf, R series raw_tp,
 * f fentry/fexit, k kprobe/kretprobe, a not in this kernel, - refused
 * (with refused as the reason).
 */
static const struct plan {
	const char *name;
	const char *release, *vendor;
	bool nested, series, map_kinds, per_vcpu;
	const char *hooks;
	const char *refused;
	const char *kvm_dev;
	bool counts_only;
	bool reasons;		/* exit reasons read (nvmx_meta.reasons) */
	/* nvmx_meta.reason_isas as probed; 0: as an older core had it (the
	 * offline core guesses from the vendor) */
	unsigned int reason_isas;
} plans[] = {
	/* no core: every metric available, no plan to report */
	{ "none", .per_vcpu = false },
	/* the nvmx-gpc series on kvm_intel, tracepoint ABI 1 */
	{ "series", "6.12.0-nvmx-gpc", "kvm_intel", true, true, true, true,
	  "ttttttttttSSSRffkffaaa", "refused", "present", false, true, 0 },
	/* the lab's base kernel: kvm_intel without the series */
	{ "base", "6.12.0-base", "kvm_intel", true, false, true, false,
	  "ttttttttttafakffff-aaa", "not needed", "present", false, false, 0 },
	/* this development host: kvm_pvm, fentry refused, no kprobes */
	{ "pvm", "6.18.44-pvm", "kvm_pvm", false, false, false, false,
	  "tttttttttta-a-a--a-aaa", "fentry trial load on x: Operation not permitted",
	  "missing (kvm module loaded but not bound: this kernel is a guest)", false, false, 0 },
	/* nSVM: Debian 6.1 with kvm_amd, no pfncache API */
	{ "amd", "6.1.0-57-amd64", "kvm_amd", true, false, false, false,
	  "ttttttttttaaaaaffaaaaa", "refused", "present", false, true,
	  NVMX_RISA_PROBED | NVMX_RISA(NVMX_ISA_SVM) },
	/* the series with nested contexts (tracepoint ABI 2) */
	{ "contexts", "6.12.0-nvmx-gpc-ctx", "kvm_intel", true, true, true, false,
	  "ttttttttttSSSRffkffSaa", "refused", "present", false, false,
	  NVMX_RISA_PROBED | NVMX_RISA(NVMX_ISA_VMX) },
	/*
	 * the series counting only (--counts-only), with refresh causes and
	 * kicks (tracepoint ABI 3)
	 */
	{ "counts", "6.12.0-nvmx-gpc", "kvm_intel", true, true, true, true,
	  "ttttttttttSSSRffkffSSS", "refused", "present", true, false, 0 },
};

static struct nvmx_core *plan_core(const struct plan *p)
{
	struct nvmx_hook_state st[NVMX_HOOK_NR] = { { 0 } };
	struct nvmx_meta m = { .nested = p->nested, .series = p->series,
			       .tp_abi = NVMX_TP_ABI, .hist_k = K,
			       .map_kinds = p->map_kinds, .counts_only = p->counts_only,
			       .reasons = p->reasons, .reason_isas = p->reason_isas };
	struct nvmx_core *c;
	int h;

	if (!p->hooks)
		return NULL;
	if (strlen(p->hooks) != NVMX_HOOK_NR) {
		fprintf(stderr, "golden_render: plan %s: %zu hooks, the core has %d\n",
			p->name, strlen(p->hooks), NVMX_HOOK_NR);
		exit(1);
	}
	snprintf(m.release, sizeof(m.release), "%s", p->release);
	snprintf(m.vendor, sizeof(m.vendor), "%s", p->vendor);
	m.hist_slots = nvmx_hist_slots(K);
	snprintf(m.btf_path, sizeof(m.btf_path), "/sys/kernel/btf/vmlinux");
	snprintf(m.kvm_dev, sizeof(m.kvm_dev), "%s", p->kvm_dev);
	for (h = 0; h < NVMX_HOOK_NR; h++) {
		switch (p->hooks[h]) {
		case 't': st[h].method = NVMX_ATTACH_TP_BTF; break;
		case 'r': st[h].method = NVMX_ATTACH_RAW_TP; break;
		case 'S': st[h].method = NVMX_ATTACH_SERIES_TP; break;
		case 'R': st[h].method = NVMX_ATTACH_SERIES_RAW_TP; break;
		case 'f': st[h].method = NVMX_ATTACH_FENTRY; break;
		case 'k': st[h].method = NVMX_ATTACH_KPROBE; break;
		case 'a': st[h].absent = true; break;
		default: st[h].reason = p->refused; break;
		}
	}
	if (nvmx_core_open_offline(&m, st, &c))
		abort();
	return c;
}

/* ---- writers -------------------------------------------------------- */

static FILE *out_open(const char *dir, const char *plan, const char *what)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s-%s", dir, plan, what);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		exit(1);
	}
	return f;
}

static void out_close(FILE *f)
{
	if (fclose(f)) {
		perror("golden_render: write");
		exit(1);
	}
}

static void sink(FILE *f, const struct nvmx_core *c, const struct nvmx_snapshot *d,
		 const struct nvmx_snapshot *t, double secs, struct nvmx_sink_opts *so)
{
	if (nvmx_sink_write(f, c, d, t, secs, so)) {
		fprintf(stderr, "golden_render: nvmx_sink_write failed\n");
		exit(1);
	}
}

static void render_top(const char *dir, const char *plan, const struct nvmx_core *c,
		       const struct nvmx_snapshot *prev, const struct nvmx_snapshot *cur,
		       const struct nvmx_snapshot *delta)
{
	static const struct nvmx_prog_stats self[] = {
		{ "tpb_pio", NVMX_HOOK_PIO, 1000, 52345 },
		{ "fe_map", NVMX_HOOK_VCPU_MAP, 0, 0 },
		{ "kp_unmap", NVMX_HOOK_VCPU_UNMAP, 3, 1001 },
	};
	struct nvmx_sink_opts so = { .per_vcpu = true };
	FILE *f;

	f = out_open(dir, plan, "top.json");
	so.fmt = NVMX_SINK_JSON;
	so.hists = true;
	so.interval_no = 1;
	sink(f, c, prev, prev, 1.0, &so);
	so.hists = false;
	so.interval_no = 2;
	so.self = self;
	so.nself = 3;
	so.self_secs = 2.0;
	sink(f, c, delta, cur, 2.0, &so);
	out_close(f);

	f = out_open(dir, plan, "top.csv");
	so = (struct nvmx_sink_opts){ .fmt = NVMX_SINK_CSV, .per_vcpu = true,
				      .interval_no = 1 };
	sink(f, c, prev, prev, 1.0, &so);
	so.interval_no = 2;
	so.per_vcpu = false;
	sink(f, c, delta, cur, 2.0, &so);
	out_close(f);

	f = out_open(dir, plan, "top.txt");
	so = (struct nvmx_sink_opts){ .fmt = NVMX_SINK_TEXT, .per_vcpu = true,
				      .interval_no = 2, .self = self, .nself = 3,
				      .self_secs = 2.0 };
	sink(f, c, delta, cur, 2.0, &so);
	out_close(f);

	if (c) {
		f = out_open(dir, plan, "probes.txt");
		top_print_probes(c, f);
		out_close(f);
	}
}

static void render_prom(const char *dir, const char *plan, const struct nvmx_core *c,
			const struct nvmx_snapshot *cur, bool per_vcpu)
{
	FILE *f = out_open(dir, plan, "prom.txt");

	if (nvmx_prom_write(f, c, cur, per_vcpu)) {
		fprintf(stderr, "golden_render: nvmx_prom_write failed\n");
		exit(1);
	}
	out_close(f);
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

/*
 * Exit reasons for run seed of a results file (the snapshots have none),
 * taken as the probes take them: a named code, one the headers do not
 * name and the unknown code (~0) of isa; every path, latencies on the
 * paths that have them (none on synth: a slot-less path).
 */
static void add_reasons(struct nvmx_vcpu_snap *v, uint32_t isa, unsigned int seed)
{
	static const uint32_t vmx[] = { 18, 48, 0x7f, ~0U };	/* VMCALL, EPT_VIOLATION */
	static const uint32_t svm[] = { 0x81, 0x400, 0x7ff, ~0U };	/* hypercall, npf */
	const uint32_t *codes = isa == NVMX_ISA_VMX ? vmx : svm;
	unsigned int i, p, j;

	for (i = 0; i < 4; i++) {
		struct nvmx_reason_snap r = { .isa = isa, .code = codes[i] };
		unsigned long long *n = r.v.n;

		n[NVMX_RC_EXITS] = 100 + mix(seed, i, 1) % 900;
		n[NVMX_RC_L2_EXITS] = n[NVMX_RC_EXITS] / (i + 2);
		n[NVMX_RC_REFLECTED] = n[NVMX_RC_L2_EXITS] / 2;
		n[NVMX_RC_SYNTH] = i == 1 ? 7 : 0;
		for (p = 0; p < NVMX_RP_SYNTH; p++) {
			for (j = 0; j < (mix(seed, i, p) % 5) + (i == 3 ? 0 : 1); j++) {
				uint64_t d = 300 + mix(seed * 13 + i, p, j) % 40000;

				r.v.lat[p][63 - __builtin_clzll(d)]++;
				r.v.lat_sum[p] += d;
				if (d > r.v.lat_max[p])
					r.v.lat_max[p] = d;
			}
		}
		if (nvmx_vcpu_reason_add(v, &r))
			abort();
	}
}

/* Run run of results r: row v, with exit reasons when c reads them. */
static void results_run(struct nvmx_results *r, const struct nvmx_core *c,
			unsigned int run, const struct nvmx_vcpu_snap *v)
{
	struct nvmx_vcpu_snap t;

	if (nvmx_vcpu_snap_init(&t, nvmx_hist_slots(K)))
		abort();
	nvmx_vcpu_snap_add(&t, v, nvmx_hist_slots(K));
	if (nvmx_core_meta(c)->reasons)
		add_reasons(&t, strcmp(nvmx_core_meta(c)->vendor, "kvm_amd") ?
			    NVMX_ISA_VMX : NVMX_ISA_SVM, run + 1);
	if (fill_run(r, c, run, &t, K, nvmx_hist_slots(K)))
		abort();
	nvmx_vcpu_snap_fini(&t);
}

/* Two runs: VM 1000 over the whole time, then VM 2000 over the delta. */
static void render_results(const char *dir, const char *plan, const struct nvmx_core *c,
			   const struct nvmx_snapshot *cur,
			   const struct nvmx_snapshot *delta)
{
	static const char *const argv[] = { "nvmx-workload", "--pio", "1000", NULL };
	const struct nvmx_vm_snap *vm;
	char err[NVMX_RES_ERR_MAX], *s;
	struct nvmx_results *r;
	unsigned int i;
	FILE *f;

	r = nvmx_res_new(K, 1);
	if (!r || build_results(r, c))
		abort();
	vm = nvmx_snapshot_vm(cur, 1000);
	results_run(r, c, 0, &vm->total);
	if (nvmx_res_set_runs(r, 2))
		abort();
	vm = nvmx_snapshot_vm(delta, 2000);
	results_run(r, c, 1, &vm->total);
	r->meta.repetitions_requested = 2;
	r->meta.tool = xstrdup("nvmx-gpc record");
	r->meta.tool_version = xstrdup(NVMX_GPC_VERSION);
	r->meta.kernel_release = xstrdup(nvmx_core_meta(c)->release);
	r->meta.series_tracepoints = nvmx_core_meta(c)->series;
	r->meta.cpu_model = xstrdup("Golden CPU @ 1.00GHz");
	r->meta.hostname = xstrdup("golden");
	r->meta.start_time = xstrdup("2026-01-01T00:00:00Z");
	r->meta.label = xstrdup("golden");
	free(r->meta.argv);
	r->meta.argv = calloc(4, sizeof(char *));
	if (!r->meta.argv)
		abort();
	for (i = 0; argv[i]; i++)
		r->meta.argv[r->meta.argc++] = xstrdup(argv[i]);
	for (i = 0; i < 2; i++) {
		r->meta.run_info[i].duration_s = 1.5 + i;
		r->meta.run_info[i].exit_status = (int)i;
	}
	r->meta.duration_s = 4.25;
	r->meta.exit_status = 1;
	if (nvmx_res_to_string(r, &s, err, sizeof(err))) {
		fprintf(stderr, "golden_render: %s: results: %s\n", plan, err);
		exit(1);
	}
	f = out_open(dir, plan, "results.json");
	fputs(s, f);
	out_close(f);
	free(s);
	nvmx_res_free(r);
}

int main(int argc, char **argv)
{
	struct nvmx_snapshot *prev[2], *cur[2], *delta[2];
	size_t i, j;

	if (argc != 2) {
		fprintf(stderr, "usage: golden_render OUTDIR\n");
		return 2;
	}
	/* [0] with histogram samples, [1] without (counting only) */
	for (j = 0; j < 2; j++) {
		prev[j] = make_snap(rows_prev, NPREV, 1, 10, !j);
		cur[j] = make_snap(rows_cur, NCUR, 2, 12, !j);
		if (nvmx_snapshot_delta(cur[j], prev[j], &delta[j]))
			abort();
	}
	for (i = 0; i < sizeof(plans) / sizeof(plans[0]); i++) {
		struct nvmx_core *c = plan_core(&plans[i]);

		j = plans[i].counts_only;
		render_top(argv[1], plans[i].name, c, prev[j], cur[j], delta[j]);
		render_prom(argv[1], plans[i].name, c, cur[j], plans[i].per_vcpu);
		if (c)
			render_results(argv[1], plans[i].name, c, cur[j], delta[j]);
		nvmx_core_close(c);
	}
	for (j = 0; j < 2; j++) {
		nvmx_snapshot_free(prev[j]);
		nvmx_snapshot_free(cur[j]);
		nvmx_snapshot_free(delta[j]);
	}
	return 0;
}
