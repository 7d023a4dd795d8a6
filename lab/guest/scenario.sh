#!/bin/sh
# The lab scenario, run by /init inside the Bochs guest.  Everything it
# writes to /out is sent to the host.  Parameters: /lab/scenario.conf
# (shell variables written by lab/scripts/lab.sh).
. /lab/scenario.conf
export PATH=/lab/bin:$PATH

up() { cut -d' ' -f1 /proc/uptime; }
note() { echo "[$(up)] $*"; echo "lab: [$(up)] $*" >/dev/console; }
# since T0: guest seconds since uptime T0.
since() { echo "$(up) $1" | awk '{printf "%.2f", $1 - $2}'; }

# top_start OUT [ARGS...]: nvmx-gpc-top -b --json ARGS in the background,
# into OUT.jsonl (stderr OUT.err), and wait for its first interval.  Sets
# TOP_PID; fails if top did not start.  top_stop: SIGINT it; top's exit
# status.
top_start() {
	o=$1
	shift
	nvmx-gpc-top -b --json -i 1 "$@" >"$o.jsonl" 2>"$o.err" &
	TOP_PID=$!
	i=0
	while [ ! -s "$o.jsonl" ] && kill -0 $TOP_PID 2>/dev/null && [ $i -lt 600 ]; do
		sleep 0.2
		i=$((i + 1))
	done
	[ -s "$o.jsonl" ]
}
top_stop() {
	kill -INT $TOP_PID 2>/dev/null
	wait $TOP_PID
}
# bt_start OUT: bpftrace with the lab's script, once every probe it
# announces ("Attaching N probes...") has its perf event open: bpftrace
# attaches each probe through one, BEGIN and END included.
bt_start() {
	o=$1
	bpftrace /lab/nvmx-gpc.bt >"$o" 2>&1 &
	BT_PID=$!
	i=0
	while kill -0 $BT_PID 2>/dev/null && [ $i -lt 3000 ]; do
		n=$(sed -n 's/^Attaching \([0-9]*\) probes.*/\1/p' "$o")
		if [ -n "$n" ] &&
		   [ "$(ls -l /proc/$BT_PID/fd 2>/dev/null | grep -c perf_event)" -ge "$n" ]; then
			return 0
		fi
		sleep 0.2
		i=$((i + 1))
	done
	return 1
}
bt_stop() {
	kill -INT $BT_PID 2>/dev/null
	wait $BT_PID
}

{
	echo "kind=$LAB_KIND"
	echo "boot=${LAB_BOOT:-$LAB_KIND}"
	echo "cpus=$(grep -c '^processor' /proc/cpuinfo)"
	echo "cpus_online=$(cat /sys/devices/system/cpu/online)"
	echo "uname=$(uname -r)"
	echo "cmdline=$(cat /proc/cmdline)"
	for p in nested ept vpid unrestricted_guest enable_shadow_vmcs pml flexpriority enable_apicv preemption_timer nested_contexts; do
		echo "kvm_intel.$p=$(cat /sys/module/kvm_intel/parameters/$p 2>/dev/null || echo missing)"
	done
	grep -m1 '^model name' /proc/cpuinfo
	grep -qw vmx /proc/cpuinfo && echo "cpu_vmx=yes" || echo "cpu_vmx=no"
	echo "btf=$([ -f /sys/kernel/btf/vmlinux ] && echo yes || echo no)"
	# RAM the kernel manages (mem=): the devmem benchmark's pages lie above.
	echo "system_ram=$(grep 'System RAM' /proc/iomem | tr '\n' ' ')"
	echo "devmem_phys=$LAB_DEVMEM_PHYS"
} >/out/env.txt

note "scenario start ($LAB_KIND)"
[ -c /dev/kvm ] || { note "no /dev/kvm"; exit 1; }

# Upstream's nested selftests (lab.sh upstream): "NAME EXIT SECONDS" per
# test in /out/upstream.txt; the host compares base with patched.
if [ -n "${LAB_UPSTREAM:-}" ]; then
	for t in $LAB_UPSTREAM; do
		t0=$(up)
		timeout "$LAB_UPSTREAM_TIMEOUT" "/lab/bin/$t" >"/out/upstream-$t.log" 2>&1
		rc=$?
		secs=$(echo "$(up) $t0" | awk '{printf "%.1f", $1 - $2}')
		note "upstream $t exit $rc ($secs s guest time)"
		echo "$t $rc $secs" >>/out/upstream.txt
	done
	exit 0
fi

# Many L2s per L1 vCPU (lab.sh contexts): the series' benchmark with K
# vmcs12s, VMPTRLD of the next one every M round trips, under
# `nvmx-gpc record`, for each "K:M" of LAB_CONTEXTS; "K:M:e" runs it with
# enlightened VMCSs (-E, patch 13), switched through the VP assist page.
if [ -n "${LAB_CONTEXTS:-}" ]; then
	status=0
	for km in $LAB_CONTEXTS; do
		k=${km%%:*}
		m=${km#*:}
		e=
		case $m in *:e) m=${m%:e} e=-E ;; esac
		name=ctx-k$k-m$m${e:+-e}
		t0=$(up)
		nvmx-gpc record -q -l "$LAB_KIND-${name#ctx-}" -o "/out/$name.json" \
			-- /lab/bin/vmx_nested_pfncache_bench -n "$LAB_BENCH_N" -w 0 \
			-m anon -k "$k" -s "$m" $e >"/out/$name.log" 2>&1
		rc=$?
		note "contexts K=$k M=$m${e:+ eVMCS} exit $rc ($(since "$t0") s)"
		echo "$name $rc" >>/out/tests.txt
		[ $rc -eq 0 ] || status=1
	done
	exit $status
fi

# Probe cost per nested round trip (lab.sh cost): the series' benchmark
# alone, under nvmx-gpc-top and under nvmx-gpc record, each in full and
# counting only (--counts-only: top-counts, record-counts), without
# exit reasons (--no-reasons: ...-noreasons) and with sampled latencies
# (--sample 16: ...-sample16), interleaved, LAB_COST_REPS times.  A mode
# is TOOL[-counts][-noreasons][-sample16].  L1 counts emulated TSC
# cycles around the timed loop only, so the tools' start-up is not in
# the measure.
if [ -n "${LAB_COST:-}" ]; then
	status=0
	args="-n $LAB_BENCH_N -w $LAB_BENCH_WARMUP -m anon"
	for r in $(seq 1 "$LAB_COST_REPS"); do
		for mode in $LAB_COST; do
			out=/out/cost-$mode-$r
			t0=$(up)
			topt=
			case $mode in *-counts*) topt=--counts-only ;; esac
			case $mode in *-noreasons) topt="$topt --no-reasons" ;; esac
			case $mode in *-sample16) topt="$topt --sample 16" ;; esac
			case $mode in
			none)
				/lab/bin/vmx_nested_pfncache_bench $args >"$out.log" 2>&1
				rc=$?
				;;
			top|top-*)
				# shellcheck disable=SC2086
				if top_start "$out.top" $topt; then
					/lab/bin/vmx_nested_pfncache_bench $args >"$out.log" 2>&1
					rc=$?
				else
					rc=125
				fi
				top_stop || rc=126
				;;
			record|record-*)
				# shellcheck disable=SC2086
				nvmx-gpc record -q $topt -o "$out.json" -- \
					/lab/bin/vmx_nested_pfncache_bench $args >"$out.log" 2>&1
				rc=$?
				;;
			bpftrace)
				# bench/overhead/nvmx-gpc.bt, the probe set of the
				# tools in bpftrace; its maps are printed on SIGINT.
				if bt_start "$out.bt"; then
					/lab/bin/vmx_nested_pfncache_bench $args >"$out.log" 2>&1
					rc=$?
				else
					rc=125
				fi
				bt_stop || rc=126
				;;
			*)
				rc=127
				;;
			esac
			note "cost $mode run $r exit $rc ($(since "$t0") s)"
			echo "cost-$mode-$r $rc" >>/out/tests.txt
			[ $rc -eq 0 ] || status=1
		done
	done
	exit $status
fi

status=0
# run_test NAME [ARGS...]: run a selftest under the fentry bring-up counter;
# the invalidation selftest also under nvmx-gpc-top --than 1, whose
# outliers must include every nested_get_vmcs12_pages call that the
# invalidations force onto the slow path (check.py).
run_test() {
	name=$1
	shift
	t0=$(up)
	topped=
	# (the two-CPU boots carry only the selftest: no tools)
	if [ "$name" = vmx_apic_cache_invalidation_test ] &&
	   command -v nvmx-gpc-top >/dev/null && top_start "/out/$name.top" --than 1; then
		topped=1
	fi
	fcount -o "/out/$name.fcount.json" -- "/lab/bin/$name" "$@" >"/out/$name.log" 2>&1
	rc=$?
	if [ -n "$topped" ]; then
		sleep 1.2	# one more interval: the outliers of the tail
		top_stop
	fi
	note "test $name exit $rc ($(since "$t0") s guest time)"
	echo "$name $rc" >>/out/tests.txt
	[ $rc -eq 0 ] || [ $rc -eq 4 ] || status=1	# 4 = KSFT_SKIP
}

for t in $LAB_TESTS; do
	run_test "$t"
done

# bench_args MEM: arguments of the series' benchmark for a memory kind.
bench_args() {
	case "$1" in
	anon) echo "-n $LAB_BENCH_N -w $LAB_BENCH_WARMUP -m anon" ;;
	devmem) echo "-n $LAB_BENCH_N -w $LAB_BENCH_WARMUP -m devmem -a $LAB_DEVMEM_PHYS" ;;
	esac
}

# The benchmark of the series (patch 8), twice per memory kind:
#  1. under `nvmx-gpc record` (histograms, per-kind counters);
#  2. under `nvmx-gpc-top -b --json --than 1` (counters and outliers per
#     interval: every round trip takes more than 1 us here) and fcount
#     (fentry and raw tracepoint counts of the same run).
bench=/lab/bin/vmx_nested_pfncache_bench
if [ -x "$bench" ]; then
	for mem in $LAB_BENCH_MEMS; do
		t0=$(up)
		nvmx-gpc record -q -l "$LAB_KIND-$mem" -o "/out/record-$mem.json" \
			-- $bench $(bench_args $mem) >"/out/bench-$mem.record.log" 2>&1
		rc=$?
		note "record bench $mem exit $rc ($(since "$t0") s)"
		echo "record-$mem $rc" >>/out/tests.txt

		t0=$(up)
		if top_start "/out/top-$mem" --than 1; then
			fcount -o "/out/bench-$mem.fcount.json" -- $bench $(bench_args $mem) \
				>"/out/bench-$mem.log" 2>&1
			rc=$?
			# One more interval so the tail of the run is printed.
			sleep 1.2
		else
			rc=125
			note "nvmx-gpc-top did not start: $(cat /out/top-$mem.err)"
		fi
		top_stop
		note "top+fcount bench $mem exit $rc, top exit $? ($(since "$t0") s)"
		echo "bench-$mem $rc" >>/out/tests.txt
	done
	nvmx-gpc-top --probes >/out/probes.txt 2>&1
fi
exit $status
