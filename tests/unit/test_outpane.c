// SPDX-License-Identifier: GPL-2.0 OR BSD-2-Clause
/*
 * nvmx-gpc-top's outliers pane (key 'o', tools/top/outpane.c): the rows it
 * keeps, newest first; its title, header and lines; and what it draws on
 * a curses screen of a fixed size (newterm() on /dev/null, read back with
 * mvinnstr()), cut to the screen and to the lines it is given.
 */
#include <curses.h>
#include <time.h>

#include "testutil.h"
#include "outpane.h"

#define SEC 1000000000ULL
/* the clocks "now": monotonic 1000 s, real 2026-12-08 10:20:30 UTC */
#define MONO (1000 * SEC)
#define REAL (1796725230ULL * SEC)

static struct nvmx_outlier out(uint32_t tgid, int vcpu, unsigned int kind, uint64_t dur_ns,
			       uint64_t ago_ms)
{
	struct nvmx_outlier o = { .tgid = tgid, .tid = tgid + 1, .vcpu_id = vcpu, .kind = kind,
				  .dur = dur_ns, .ts = MONO - ago_ms * 1000000ULL };

	return o;
}

/* Three outliers of two VMs (one with a guest name) and of one gone */
static void fill(struct top_outpane *p, struct nvmx_snapshot **s)
{
	struct nvmx_vcpu_snap rows[2];
	struct nvmx_outlier o;

	memset(p, 0, sizeof(*p));
	o = out(1000, 0, NVMX_OUT_L2_ROUNDTRIP, 812345, 2500);
	o.isa = NVMX_ISA_VMX;
	o.code = 18;	/* VMCALL */
	top_outpane_push(p, &o, "nested_vmx_run+0x1a5 [kvm_intel]");
	o = out(2000, 3, NVMX_OUT_VMCS12_PAGES, 250000, 1200);
	o.flags = NVMX_OUTF_SLOW_PATH;
	top_outpane_push(p, &o, "kvm_gpc_refresh+0x4e [kvm]");
	o = out(3000, -1, NVMX_OUT_VMCS12_PAGES, 1500000, 7);
	top_outpane_push(p, &o, NULL);
	p->dropped[NVMX_OUT_VMCS12_PAGES] = 4;
	make_row(&rows[0], 1000, 1000, 0, 4);
	make_row(&rows[1], 2000, 2000, 0, 4);
	snprintf(rows[0].comm, sizeof(rows[0].comm), "qemu-system-x86");
	snprintf(rows[1].comm, sizeof(rows[1].comm), "crosvm");
	assert_int_equal(nvmx_snapshot_build(rows, 2, 4, MONO, s), 0);
	nvmx_vcpu_snap_fini(&rows[0]);
	nvmx_vcpu_snap_fini(&rows[1]);
	snprintf((*s)->vms[0].name, sizeof((*s)->vms[0].name), "web1");
}

static const char *const want[] = {
	"Outliers >= 200 us: 3 logged, dropped: l2_roundtrip 0 vmcs12_pages 4",
	"TIME             PID GUEST           VCPU KIND            DUR_US REASON             SLOW FRAME",
	"10:20:29.993    3000 -                  - vmcs12_pages    1500.0 -                  no   -",
	"10:20:28.800    2000 crosvm             3 vmcs12_pages     250.0 -                  yes  kvm_gpc_refresh+0x4e [kvm]",
	"10:20:27.500    1000 web1               0 l2_roundtrip     812.3 VMCALL             -    nested_vmx_run+0x1a5 [kvm_intel]",
};

static void test_lines(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *s;
	struct top_outpane p;
	char buf[512];
	size_t i;

	fill(&p, &s);
	assert_int_equal(p.n, 3);
	assert_int_equal(p.logged, 3);
	top_outpane_title(buf, sizeof(buf), &p, 200000);
	assert_string_equal(buf, want[0]);
	top_outpane_header(buf, sizeof(buf));
	assert_string_equal(buf, want[1]);
	for (i = 0; i < 3; i++) {
		top_outpane_line(buf, sizeof(buf), top_outpane_get(&p, i), s, MONO, REAL);
		assert_string_equal(buf, want[2 + i]);
	}
	assert_null(top_outpane_get(&p, 3));
	/* no snapshot: no names */
	top_outpane_line(buf, sizeof(buf), top_outpane_get(&p, 2), NULL, MONO, REAL);
	assert_non_null(strstr(buf, "  1000 -  "));
	top_outpane_title(buf, sizeof(buf), &p, 0);
	assert_string_equal(buf, "Outliers: off (start nvmx-gpc-top with --than USEC)");
	nvmx_snapshot_free(s);
}

/* The ring keeps the TOP_OUTPANE_KEEP newest, newest first */
static void test_ring(void **state __attribute__((unused)))
{
	struct top_outpane p = { 0 };
	struct nvmx_outlier o;
	unsigned int i;

	for (i = 0; i < TOP_OUTPANE_KEEP + 8; i++) {
		o = out(100 + i, (int)i, NVMX_OUT_L2_ROUNDTRIP, 1000, 0);
		top_outpane_push(&p, &o, "f");
	}
	assert_int_equal(p.n, TOP_OUTPANE_KEEP);
	assert_int_equal(p.logged, TOP_OUTPANE_KEEP + 8);
	assert_int_equal(top_outpane_get(&p, 0)->o.tgid, 100 + TOP_OUTPANE_KEEP + 7);
	assert_int_equal(top_outpane_get(&p, TOP_OUTPANE_KEEP - 1)->o.tgid, 108);
	assert_null(top_outpane_get(&p, TOP_OUTPANE_KEEP));
}

/* Line y of the curses screen, trailing blanks cut */
static void screen_line(int y, char *buf, size_t len)
{
	size_t n;

	buf[0] = '\0';
	mvinnstr(y, 0, buf, (int)len - 1);
	n = strlen(buf);
	while (n && buf[n - 1] == ' ')
		buf[--n] = '\0';
}

static SCREEN *screen_open(int lines, int cols, FILE **out, FILE **in)
{
	SCREEN *scr;

	setenv("TERM", "vt100", 1);
	*out = fopen("/dev/null", "w");
	*in = fopen("/dev/null", "r");
	assert_non_null(*out);
	assert_non_null(*in);
	scr = newterm(NULL, *out, *in);
	if (!scr)
		return NULL;
	set_term(scr);
	resizeterm(lines, cols);
	erase();
	return scr;
}

static void screen_close(SCREEN *scr, FILE *out, FILE *in)
{
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
}

/* What the pane draws: its lines from y, cut to the width and to ymax */
static void test_draw(void **state __attribute__((unused)))
{
	struct nvmx_snapshot *s;
	struct top_outpane p;
	FILE *out, *in;
	SCREEN *scr;
	char buf[512];
	int y;

	fill(&p, &s);
	scr = screen_open(24, 132, &out, &in);
	if (!scr)
		skip();
	assert_int_equal(top_outpane_draw(&p, s, 200000, MONO, REAL, 3, 23), 8);
	screen_line(2, buf, sizeof(buf));
	assert_string_equal(buf, "");
	for (y = 3; y < 8; y++) {
		screen_line(y, buf, sizeof(buf));
		assert_string_equal(buf, want[y - 3]);
	}
	screen_line(8, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* 60 columns, 3 lines: the title, the header, the newest */
	erase();
	resizeterm(24, 60);
	assert_int_equal(top_outpane_draw(&p, s, 200000, MONO, REAL, 10, 13), 13);
	screen_line(12, buf, sizeof(buf));
	assert_int_equal(strlen(buf), 60);
	assert_int_equal(strncmp(buf, want[2], 60), 0);
	screen_line(13, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* without --than: the title only */
	erase();
	assert_int_equal(top_outpane_draw(&p, s, 0, MONO, REAL, 0, 23), 1);
	screen_line(0, buf, sizeof(buf));
	assert_string_equal(buf, "Outliers: off (start nvmx-gpc-top with --than USEC)");
	screen_line(1, buf, sizeof(buf));
	assert_string_equal(buf, "");
	/* none yet */
	erase();
	memset(&p, 0, sizeof(p));
	assert_int_equal(top_outpane_draw(&p, s, 200000, MONO, REAL, 0, 23), 3);
	screen_line(2, buf, sizeof(buf));
	assert_string_equal(buf, "(none yet)");
	screen_close(scr, out, in);
	nvmx_snapshot_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_ring),
		cmocka_unit_test(test_draw),
	};

	/* the pane shows local time: UTC here */
	setenv("TZ", "UTC", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
