#!/bin/bash
# lab.sh: the emulated nVMX lab (issue 4).
#
#   lab.sh run              build both kernels, boot each in Bochs, run the
#                           scenario, write lab/out/{base,patched}, assert
#   lab.sh run base         only the base kernel (bring-up)
#   lab.sh upstream         upstream's own nested selftests of the tree, on
#                           base and patched: the same result on both
#   lab.sh contexts         the series' benchmark with K vmcs12s per L1 vCPU
#                           and a VMPTRLD every M round trips (LAB_CONTEXTS,
#                           "K:M ..."), on base and patched, exact counts
#   lab.sh cost             the tools' cost per nested round trip in emulated
#                           cycles (LAB_COST_MODES, LAB_COST_REPS)
#   lab.sh shell base|patched   boot with a shell on the serial console
#   lab.sh demo [base|patched]  nvmx-gpc-top live on the serial console while
#                           the series' benchmark loops (bench/demo nvmx)
#
# Environment: LAB_SERIES (6.12, the default, or 7.2: which kernel series),
# LAB_CACHE (default /var/cache/nvmx-gpc/lab), LAB_JOBS (2),
# LAB_BOOT_TIMEOUT (seconds of wall time per boot), LAB_OUT (lab/out),
# LAB_SMP (default 1: also boot each kernel with 2 CPUs for the
# invalidation test, see docs/lab.md; 0 leaves those boots out),
# LAB_SMP_QUANTUM (Bochs quantum, 1..32).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/lab/scripts/lib.sh"
. "$TOP/scripts/cache-lock.sh"

# Outputs of the 6.12 lab in lab/out and lab/build, of the 7.2 lab in
# lab/out-7.2 and lab/build-7.2 (LAB_SERIES, see lib.sh).
if [ "$LAB_SERIES" = 6.12 ]; then
	LAB_OUT=${LAB_OUT:-$TOP/lab/out}
	LAB_BUILD=${LAB_BUILD:-$TOP/lab/build}
else
	LAB_OUT=${LAB_OUT:-$TOP/lab/out-$LAB_SERIES}
	LAB_BUILD=${LAB_BUILD:-$TOP/lab/build-$LAB_SERIES}
fi
BOOT_TIMEOUT=${LAB_BOOT_TIMEOUT:-900}
CMDLINE_BASE="console=ttyS0,115200 kvm_intel.nested=1 tsc=reliable loglevel=4 ${LAB_MEM_CMDLINE:-mem=768M}"
# Linux 7.2.13, base or patched, oopses in its first fork under Bochs 2.7
# (NULL pointer in refcount_inc() from prepare_creds(), 0.013 s after
# boot) unless XSAVE is off; 6.12 boots either way (docs/lab.md, "On
# 7.2").
[ "$LAB_SERIES" = 6.12 ] || CMDLINE_BASE="$CMDLINE_BASE noxsave"
# Selftests, as PATH:NAME: PATH in the tree's tools/testing/selftests/kvm,
# NAME in the guest (/lab/bin/NAME, the scenario and check.py).  7.2 keeps
# its selftests in x86/, and names the series' tests as upstream names
# new nested tests (nested_*).
case "$LAB_SERIES" in
6.12)
	BASE_TESTS="x86_64/vmx_apic_access_test:vmx_apic_access_test"
	# Added by the series (patches 6, 7 and 8).
	INVAL_TEST=x86_64/vmx_apic_cache_invalidation_test:vmx_apic_cache_invalidation_test
	SERIES_TESTS="$INVAL_TEST x86_64/vmx_pae_l2_reload_test:vmx_pae_l2_reload_test
		x86_64/vmx_nested_pfncache_bench:vmx_nested_pfncache_bench"
	;;
*)
	BASE_TESTS="x86/vmx_apic_access_test:vmx_apic_access_test"
	INVAL_TEST=x86/nested_vmx_apic_cache_invalidation_test:vmx_apic_cache_invalidation_test
	SERIES_TESTS="$INVAL_TEST x86/nested_vmx_pae_l2_reload_test:vmx_pae_l2_reload_test
		x86/nested_vmx_pfncache_bench:vmx_nested_pfncache_bench"
	;;
esac
SERIES_TESTS=$(echo $SERIES_TESTS)
# Upstream's own nested selftests of the tree (lab.sh upstream), those
# that Bochs can run: not vmx_preemption_timer_test (Bochs has no VMX
# preemption timer: it hangs on both kernels), nor the SVM-only ones.
case "$LAB_SERIES" in
6.12)
	UPSTREAM_DIR=x86_64
	UPSTREAM_TESTS="vmx_apic_access_test vmx_set_nested_state_test
		vmx_tsc_adjust_test vmx_close_while_nested_test
		vmx_invalid_nested_guest_state vmx_exception_with_invalid_guest_state
		triple_fault_event_test nested_exceptions_test vmx_msrs_test
		vmx_dirty_log_test vmx_nested_tsc_scaling_test state_test smm_test
		hyperv_evmcs"
	;;
*)
	UPSTREAM_DIR=x86
	UPSTREAM_TESTS="vmx_apic_access_test nested_set_state_test
		nested_tsc_adjust_test nested_close_kvm_test
		vmx_invalid_nested_guest_state vmx_exception_with_invalid_guest_state
		triple_fault_event_test nested_exceptions_test vmx_msrs_test
		nested_dirty_log_test nested_tsc_scaling_test nested_invalid_cr3_test
		nested_tdp_fault_test nested_emulation_test vmx_nested_la57_state_test
		vmx_apicv_updates_test state_test smm_test hyperv_evmcs
		evmcs_smm_controls_test"
	;;
esac
UPSTREAM_TESTS=$(for t in $UPSTREAM_TESTS; do printf '%s ' "$UPSTREAM_DIR/$t:$t"; done)
# Guest seconds each upstream test may take (busybox timeout).
UPSTREAM_TIMEOUT=${LAB_UPSTREAM_TIMEOUT:-300}
test_path() { echo "${1%%:*}"; }
test_name() { echo "${1#*:}"; }
# Instructions a Bochs CPU runs before the next one gets its turn, in the
# two-CPU boots (Bochs 2.7 accepts 1 to 32; its default is 16).
SMP_QUANTUM=${LAB_SMP_QUANTUM:-32}
BENCH_N=${LAB_BENCH_N:-1000}
# lab.sh contexts: K:M = K vmcs12s in L1, VMPTRLD of the next every M
# round trips (issue 14's before picture: one set of caches per vCPU);
# K:M:e = the same with enlightened VMCSs (patches 12 and 13).
CONTEXTS=${LAB_CONTEXTS:-"1:1 2:1 4:1 8:1 16:1 1:100 2:100 4:100 8:100 16:100
	1:1:e 2:1:e 16:1:e"}
CONTEXTS=$(echo $CONTEXTS)
# lab.sh cost: the tools whose cost per nested round trip is measured
# (none = the benchmark alone; TOOL-counts: with --counts-only;
# TOOL[-counts]-noreasons: with --no-reasons; TOOL-sample16: latencies
# of 1 in 16 pairs, --sample 16), interleaved, COST_REPS times each.
COST_MODES=${LAB_COST_MODES:-"none top top-noreasons top-sample16 top-counts top-counts-noreasons record record-sample16 record-counts bpftrace"}
COST_REPS=${LAB_COST_REPS:-3}
BENCH_WARMUP=${LAB_BENCH_WARMUP:-100}
# Guest RAM is 1024 MiB and the kernel gets mem=768M: L1 pages placed at
# 768 MiB through /dev/mem have no struct page.
DEVMEM_PHYS=${LAB_DEVMEM_PHYS:-0x30000000}
TOOLS_BIN="$TOP/build/static/bin"

mkdir -p "$LAB_OUT" "$LAB_BUILD"
LAB_TIMES="$LAB_BUILD/times.tsv"
export LAB_TIMES

have_series() { [ -f "$LAB_PATCHES/series" ] && [ -n "$(patch_files)" ]; }

# build_guest_tools: host-built static helpers for the guest.
build_guest_tools() {
	local d="$LAB_BUILD/guest"
	mkdir -p "$d"
	make -s -C "$TOP/lab" guest-tools LAB_BUILD="$LAB_BUILD" >&2 ||
		die "building the guest helpers failed"
	nice -n 5 make -s -C "$TOP" STATIC=1 -j"${LAB_JOBS:-2}" \
		"$TOOLS_BIN/nvmx-gpc-top" "$TOOLS_BIN/nvmx-gpc" >&2 ||
		die "building the static tools (make STATIC=1) failed"
}

# kernel_dir KIND: cached build dir of a kernel (builds it if needed).
kernel_dir() { "$TOP/lab/scripts/build-kernel.sh" "$1" | tail -n1; }

# build_tests: build the selftests the scenario runs, from the tree with
# the series applied when it exists (the series adds the benchmark and
# the invalidation test; they are user-space programs and run on both
# kernels).  Sets TEST_DIR and TESTS.
build_tests() {
	local kd key
	if have_series; then
		kd=$(kernel_dir patched)
	else
		kd=$(kernel_dir base)
	fi
	TESTS="$BASE_TESTS"
	SMP_TESTS=
	if [ "${1:-}" = upstream ]; then
		TESTS=$UPSTREAM_TESTS
	elif have_series; then
		TESTS="$TESTS $SERIES_TESTS"
		SMP_TESTS=$INVAL_TEST
	fi
	key=$(echo "$kd $TESTS" | sha256sum | cut -c1-12)
	# selftests-KEY for 6.12, selftests-7.2-KEY for 7.2: each lab keeps
	# its own.  Names with a dot after the prefix belong to others.
	pfx=selftests-
	[ "$LAB_SERIES" = 6.12 ] || pfx=selftests-$LAB_SERIES-
	# Upstream's tests in selftests-upstream.SERIES-KEY (the dot keeps
	# them apart from the others).
	[ "${1:-}" != upstream ] || pfx=selftests-upstream.$LAB_SERIES-
	TEST_DIR="$LAB_CACHE/$pfx$key"
	cache_lock "$TEST_DIR" || die "cannot lock $TEST_DIR"
	if [ ! -f "$TEST_DIR/.done" ]; then
		rm -rf "$TEST_DIR"
		"$TOP/lab/scripts/build-selftests.sh" "$kd" "$TEST_DIR" \
			$(for t in $TESTS; do test_path "$t"; done)
		touch "$TEST_DIR/.done"
		for old in "$LAB_CACHE/$pfx"*; do
			case "${old#"$LAB_CACHE/$pfx"}" in *.*) continue ;; esac
			if [ "$old" != "$TEST_DIR" ]; then
				rm -rf "$old"
			fi
		done
	fi
	cache_unlock
}

# Boots are named [MODE-]KIND[-2cpu].  KIND (base or patched) is the
# kernel.  Without a MODE a boot runs everything on one CPU; with LAB_SMP=1
# (the default of lab.sh run), KIND-2cpu also runs only the invalidation
# selftest on a two-CPU guest, for its concurrent step (an invalidation from
# another CPU while the vCPU runs L2; docs/lab.md, "Two CPUs").
#
# MODE        runs (lab.sh command)                extra kernel parameters
# upstream    upstream's nested selftests (upstream)
# contexts    the benchmark, K vmcs12s (contexts)
# contexts1   the same, one set of caches per vCPU  kvm_intel.nested_contexts=1
# cost        the tools' cost per round trip (cost)
declare -A BOOT_MODE_PARAMS=(
	[upstream]="" [contexts]="" [contexts1]=" kvm_intel.nested_contexts=1"
	[cost]=""
)
# boot_mode BOOT: its MODE, or "run" for a boot without one.
boot_mode() {
	local m=${1%%-*}
	if [ "$m" != "$1" ] && [ -n "${BOOT_MODE_PARAMS[$m]+set}" ]; then
		echo "$m"
	else
		echo run
	fi
}
boot_kernel() {
	local b=$1 m
	m=$(boot_mode "$1")
	[ "$m" = run ] || b=${b#"$m"-}
	echo "${b%-2cpu}"
}
# boot_cmdline BOOT: kernel parameters of BOOT beyond CMDLINE_BASE.
boot_cmdline() {
	local m
	m=$(boot_mode "$1")
	[ "$m" = run ] || echo "${BOOT_MODE_PARAMS[$m]}"
}
boot_cpus() { case "$1" in *-2cpu) echo 2 ;; *) echo 1 ;; esac; }

# copy_dynamic BIN ROOT: BIN and the shared libraries it loads (ldd), at
# their paths under ROOT.  Debian's bpftrace is dynamically linked against
# LLVM and clang: about 210 MB, 83 MB in the lz4 initramfs.
copy_dynamic() {
	local bin=$1 root=$2 lib
	for lib in "$bin" $(ldd "$bin" | sed -nE 's|.*=> (/[^ ]+) .*|\1|p; s|^[[:space:]]*(/[^ ]+) .*|\1|p'); do
		mkdir -p "$root${lib%/*}"
		cp -L "$lib" "$root$lib"
	done
}

# make_root BOOT ROOT: assemble the initramfs tree.
make_root() {
	local boot=$1 root=$2 kind cpus t tests
	kind=$(boot_kernel "$boot")
	cpus=$(boot_cpus "$boot")
	rm -rf "$root"
	mkdir -p "$root/bin" "$root/lab/bin" "$root/out"
	cp /bin/busybox "$root/bin/busybox"
	cp "$TOP/lab/guest/init" "$root/init"
	cp "$TOP/lab/guest/scenario.sh" "$root/lab/scenario.sh"
	strip -o "$root/lab/bin/fcount" "$LAB_BUILD/guest/fcount"
	if [ "$cpus" -eq 1 ]; then
		strip -o "$root/lab/bin/nvmx-gpc-top" "$TOOLS_BIN/nvmx-gpc-top"
		strip -o "$root/lab/bin/nvmx-gpc" "$TOOLS_BIN/nvmx-gpc"
		tests=$TESTS
	else
		tests=$SMP_TESTS
	fi
	for t in $tests; do
		strip -o "$root/lab/bin/$(test_name "$t")" "$TEST_DIR/$(test_path "$t")"
	done
	upstream= contexts= cost=
	case $(boot_mode "$boot") in
	upstream)
		upstream=$(for t in $tests; do printf '%s ' "$(test_name "$t")"; done)
		tests= ;;
	contexts | contexts1) contexts=$CONTEXTS tests= ;;
	cost)
		cost=$COST_MODES tests=
		case " $cost " in
		*" bpftrace "*)
			[ -x /usr/bin/bpftrace ] || die "cost mode bpftrace: /usr/bin/bpftrace missing (make deps)"
			copy_dynamic /usr/bin/bpftrace "$root"
			cp "$TOP/bench/overhead/nvmx-gpc.bt" "$root/lab/nvmx-gpc.bt" ;;
		esac ;;
	esac
	{
		echo "LAB_CONTEXTS=\"$contexts\""
		echo "LAB_COST=\"$cost\""
		echo "LAB_COST_REPS=$COST_REPS"
		echo "LAB_UPSTREAM=\"$upstream\""
		echo "LAB_UPSTREAM_TIMEOUT=$UPSTREAM_TIMEOUT"
		echo "LAB_KIND=$kind"
		echo "LAB_BOOT=$boot"
		echo "LAB_CPUS=$cpus"
		echo "LAB_TESTS=\"$(for t in $tests; do case $t in *_bench) ;; *) printf '%s ' "$(test_name "$t")" ;; esac; done)\""
		echo "LAB_BENCH_N=$BENCH_N"
		echo "LAB_BENCH_WARMUP=$BENCH_WARMUP"
		echo "LAB_BENCH_MEMS=\"${LAB_BENCH_MEMS:-anon devmem}\""
		echo "LAB_DEVMEM_PHYS=$DEVMEM_PHYS"
	} >"$root/lab/scenario.conf"
}

# boot_prepare BOOT: build the ISO of BOOT.
boot_prepare() {
	local boot=$1 kd root
	kd=$(kernel_dir "$(boot_kernel "$boot")")
	root="$LAB_BUILD/root-$boot"
	make_root "$boot" "$root"
	"$TOP/lab/scripts/mkiso.sh" "$kd/bzImage" "$root" \
		"$CMDLINE_BASE$(boot_cmdline "$boot") lab.mode=run" "$LAB_BUILD/$boot.iso"
}

# boot_start BOOT: boot the ISO of BOOT in Bochs in the background (each
# Bochs is one thread; the boots run side by side on the host's cores).
boot_start() {
	local boot=$1
	local quantum=
	[ "$(boot_cpus "$boot")" -eq 1 ] || quantum=$SMP_QUANTUM
	LAB_CPUS=$(boot_cpus "$boot") LAB_QUANTUM=$quantum \
		"$TOP/lab/scripts/run-bochs.sh" "$LAB_BUILD/$boot.iso" "$LAB_BUILD/run-$boot" "$BOOT_TIMEOUT" &
	BOOT_PID[$boot]=$!
}

# boot_finish KIND: wait for Bochs, decode results into $LAB_OUT/KIND.
boot_finish() {
	local kind=$1 run="$LAB_BUILD/run-$1" status rc=0
	wait "${BOOT_PID[$kind]}" || rc=$?
	if [ $rc -eq 125 ]; then
		tail -n 5 "$run/bochs.out" >&2 || true
		die "bochs ($kind): Bochs itself crashed; see $run/bochs.out"
	elif [ $rc -ne 0 ]; then
		tail -n 20 "$run/serial.log" >&2 || true
		die "bochs ($kind): guest did not finish within ${BOOT_TIMEOUT}s (hang?); serial log: $run/serial.log"
	fi
	grep -q '^lab: init reached' "$run/serial.log" ||
		{ tail -n 30 "$run/serial.log" >&2; die "bochs ($kind): guest never reached /init; serial log: $run/serial.log"; }
	grep -q '^lab: results sent' "$run/serial.log" ||
		{ tail -n 30 "$run/serial.log" >&2; die "bochs ($kind): guest did not send its results; serial log: $run/serial.log"; }
	rm -rf "$LAB_OUT/$kind.new"
	status=$(/usr/bin/python3 "$TOP/lab/scripts/unframe.py" "$run/results.log" "$LAB_OUT/$kind.new")
	cp "$run/serial.log" "$LAB_OUT/$kind.new/serial.log"
	cp "$run/serial.wall.log" "$LAB_OUT/$kind.new/serial.wall.log" 2>/dev/null || true
	rm -rf "$LAB_OUT/$kind"
	mv "$LAB_OUT/$kind.new" "$LAB_OUT/$kind"
	log "bochs $kind: scenario status $status; results in $LAB_OUT/$kind"
}

# run_boots BOOT...: build the ISOs, boot them all in Bochs side by side
# (the two-CPU boots, the slowest, first) and decode their results.
declare -A BOOT_PID
run_boots() {
	local b
	step_begin "initramfs+iso"
	for b in "$@"; do
		boot_prepare "$b"
	done
	step_end
	step_begin "bochs ($*, in parallel)"
	for b in "$@"; do
		case $b in *-2cpu) boot_start "$b" ;; esac
	done
	for b in "$@"; do
		case $b in *-2cpu) ;; *) boot_start "$b" ;; esac
	done
	for b in "$@"; do
		boot_finish "$b"
	done
	step_end
}

# compare: before/after report and plots with `nvmx-gpc compare`.
compare() {
	local mem bin="$TOP/build/native/bin/nvmx-gpc"
	nice -n 5 make -s -C "$TOP" "$bin" >&2 || die "building nvmx-gpc failed"
	for mem in anon devmem; do
		"$bin" compare "$LAB_OUT/base/record-$mem.json" "$LAB_OUT/patched/record-$mem.json" \
			-F none -f markdown -o "$LAB_OUT/compare-$mem.md" --plot "$LAB_OUT/plots-$mem" >&2 ||
			die "nvmx-gpc compare ($mem) failed"
		"$bin" compare "$LAB_OUT/base/record-$mem.json" "$LAB_OUT/patched/record-$mem.json" \
			-F none -o "$LAB_OUT/compare-$mem.txt" >&2 ||
			die "nvmx-gpc compare ($mem) failed"
	done
}

# run_both MODE BOOTS: both kernels, the selftests (upstream's for MODE
# upstream), the BOOTS side by side, then `check.py --MODE`; exits with
# check.py's status.
run_both() {
	local mode=$1 boots=$2 rc=0
	: >"$LAB_TIMES"
	ensure_source
	log "kernel source: $KSRC_LABEL ($KSRC_PRISTINE)"
	have_series || die "no patch series in $LAB_PATCHES"
	step_begin "kernels"
	kernel_dir base >/dev/null
	kernel_dir patched >/dev/null
	step_end
	step_begin "guest tools + selftests"
	build_guest_tools
	if [ "$mode" = upstream ]; then
		build_tests upstream
	else
		build_tests
	fi
	step_end
	run_boots $boots
	step_begin "assertions"
	/usr/bin/python3 "$TOP/lab/scripts/check.py" --"$mode" "$LAB_OUT" $boots || rc=$?
	step_end
	print_times | tee "$LAB_OUT/times-$mode.txt"
	exit $rc
}

print_times() {
	printf '\nkernel source: %s\n' "$KSRC_LABEL"
	printf '%-28s %10s\n' "step" "wall (s)"
	awk -F'\t' '{ printf "%-28s %10.1f\n", $1, $2; t += $2 } END { printf "%-28s %10.1f\n", "total", t }' "$LAB_TIMES"
}

cmd=${1:-run}
case "$cmd" in
run)
	kinds=${2:-}
	: >"$LAB_TIMES"
	# Extract/check the source once, up front: a series that no longer
	# applies to the installed package fails here, not after the base build.
	ensure_source
	log "kernel source: $KSRC_LABEL ($KSRC_PRISTINE)"
	step_begin "kernel base"
	kernel_dir base >/dev/null
	step_end
	if [ -z "$kinds" ]; then
		have_series || die "no patch series in $LAB_PATCHES (run 'lab.sh run base' for the base kernel only)"
		kinds="base patched"
		step_begin "kernel patched"
		kernel_dir patched >/dev/null
		step_end
	fi
	step_begin "guest tools + selftests"
	build_guest_tools
	build_tests
	step_end
	boots=
	for k in $kinds; do
		boots="$boots $k"
		if [ -n "$SMP_TESTS" ] && [ "${LAB_SMP:-1}" = 1 ]; then
			boots="$boots $k-2cpu"
		fi
	done
	boots=${boots# }
	run_boots $boots
	if [ "$kinds" = "base patched" ]; then
		step_begin "nvmx-gpc compare"
		compare
		step_end
	fi
	step_begin "assertions"
	rc=0
	/usr/bin/python3 "$TOP/lab/scripts/check.py" "$LAB_OUT" $boots || rc=$?
	step_end
	print_times | tee "$LAB_OUT/times.txt"
	exit $rc
	;;
upstream)
	# Upstream's own nested selftests of the tree, built from the patched
	# tree, on base and on patched: each must give the same result.
	run_both upstream "upstream-base upstream-patched"
	;;
contexts)
	# The benchmark with K vmcs12s per L1 vCPU: base, patched with one
	# nested context, patched with the default number.
	run_both contexts "contexts-base contexts1-patched contexts-patched"
	;;
cost)
	# The tools' cost per nested round trip, base and patched (a
	# benchmark: check.py --cost only checks that every run worked and
	# that the tools counted every L2 entry, counting only or not).
	run_both cost "cost-base cost-patched"
	;;
shell)
	kind=${2:?usage: lab.sh shell base|patched}
	case "$kind" in base|patched) ;; *) die "unknown kernel '$kind' (want base or patched)" ;; esac
	kd=$(kernel_dir "$kind")
	build_guest_tools
	build_tests
	make_root "$kind" "$LAB_BUILD/root-shell"
	"$TOP/lab/scripts/mkiso.sh" "$kd/bzImage" "$LAB_BUILD/root-shell" "$CMDLINE_BASE lab.mode=shell" "$LAB_BUILD/shell.iso"
	exec "$TOP/lab/scripts/run-bochs.sh" "$LAB_BUILD/shell.iso" "$LAB_BUILD/run-shell" 0 shell
	;;
demo)
	# The live view on the serial console (bench/demo nvmx): the series'
	# benchmark loops in the guest while nvmx-gpc-top runs on a terminal.
	kind=${2:-patched}
	case "$kind" in base|patched) ;; *) die "unknown kernel '$kind' (want base or patched)" ;; esac
	tty -s || die "the lab demo needs a terminal on standard input"
	read -r rows cols < <(stty size)
	kd=$(kernel_dir "$kind")
	build_guest_tools
	build_tests
	make_root "$kind" "$LAB_BUILD/root-demo"
	# ncurses in the guest needs the terminal's terminfo entry.
	terms=" linux vt100 vt220 xterm xterm-256color screen screen-256color tmux-256color "
	for f in /lib/terminfo/*/* /usr/share/terminfo/*/*; do
		[[ $terms == *" ${f##*/} "* ]] || continue
		mkdir -p "$LAB_BUILD/root-demo/lib/terminfo/$(basename "$(dirname "$f")")"
		cp "$f" "$LAB_BUILD/root-demo/lib/terminfo/$(basename "$(dirname "$f")")/"
	done
	term=${TERM:-vt100}
	[ -n "$(find "$LAB_BUILD/root-demo/lib/terminfo" -name "$term" 2>/dev/null)" ] || term=vt100
	"$TOP/lab/scripts/mkiso.sh" "$kd/bzImage" "$LAB_BUILD/root-demo" \
		"$CMDLINE_BASE lab.mode=demo lab.rows=$rows lab.cols=$cols lab.term=$term" "$LAB_BUILD/demo.iso"
	exec "$TOP/lab/scripts/run-bochs.sh" "$LAB_BUILD/demo.iso" "$LAB_BUILD/run-demo" 0 shell
	;;
*)
	die "unknown command '$cmd' (want run, upstream, contexts, cost, shell or demo)"
	;;
esac
