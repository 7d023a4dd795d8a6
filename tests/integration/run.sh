#!/bin/bash
# Integration tests of nvmx-gpc-top and the probe core on the live kernel.
# Needs root and /dev/kvm: without them it fails (run it through
# scripts/emu-host, which gives it an emulated KVM host when this machine
# has none).  NVMX_BIN points at the binaries (the sanitizer build when run
# from `make check`).  Every expected number comes from the workload's own
# account of what it did, or from the kernel's own tracefs counts.
set -uo pipefail

BIN=${NVMX_BIN:?set NVMX_BIN to the directory with nvmx-gpc-top and nvmx-workload}
TOP=$BIN/nvmx-gpc-top
WL=$BIN/nvmx-workload
TMP=$(mktemp -d /tmp/nvmx-it.XXXXXX)
PASS=0
FAIL=0
PIDS=()

# the kernel's own event counts: trace_start/trace_count/trace_stop
. "$(dirname "$0")/../lib/tracefs.sh"
# a cgroup of our own for --cgroup: cg_make/cg_enter/cg_remove
. "$(dirname "$0")/../lib/cgroup.sh"
cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	trace_stop
	cg_remove "$CG_DIR"
	rm -rf "$TMP"
}
trap cleanup EXIT

ok() { PASS=$((PASS + 1)); echo "  ok: $*"; }
bad() { FAIL=$((FAIL + 1)); echo "  FAIL: $*"; }
check() {	# check DESC EXPECTED ACTUAL
	if [ "$2" == "$3" ]; then ok "$1 = $3"; else bad "$1: expected $2, got $3"; fi
}

if [ "$(id -u)" -ne 0 ]; then
	echo "integration: FAILED: needs root (it loads BPF programs); run it as root" \
		"through scripts/emu-host -- ... (make check does)"
	exit 1
fi
if [ ! -e /dev/kvm ]; then
	echo "integration: FAILED: no /dev/kvm on this machine; run it through" \
		"scripts/emu-host -- ..., which boots an emulated KVM host (make check does)"
	exit 1
fi
for t in jq bpftool; do
	command -v $t >/dev/null || { echo "integration: missing $t (make deps)"; exit 1; }
done
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# wait_for FILE PATTERN [tenths]: poll until FILE contains PATTERN
wait_for() {
	local i
	for ((i = 0; i < ${3:-100}; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

# BPF prog and link ids held by process $1 (from /proc/PID/fdinfo)
bpf_ids() {
	local f
	for f in /proc/"$1"/fdinfo/*; do
		sed -n 's/^\(prog_id\|link_id\):[[:space:]]*\([0-9]*\)/\1 \2/p' "$f" 2>/dev/null
	done | sort -u
}

# ids_alive "IDS": which of the given "prog_id N"/"link_id N" still exist
ids_alive() {
	local progs links kind id
	progs=" $(bpftool prog show -j | jq -r '.[].id' | tr '\n' ' ') "
	links=" $(bpftool link show -j | jq -r '.[].id' | tr '\n' ' ') "
	while read -r kind id; do
		[ -z "$kind" ] && continue
		if [ "$kind" = prog_id ] && [[ $progs == *" $id "* ]]; then echo "prog $id"; fi
		if [ "$kind" = link_id ] && [[ $links == *" $id "* ]]; then echo "link $id"; fi
	done <<<"$1"
}

# ids_gone "IDS": empty once all are gone; the kernel frees programs
# asynchronously (RCU + workqueue) after the last reference is dropped, so
# allow it 5 s before calling anything a leak.
ids_gone() {
	local i left
	for ((i = 0; i < 50; i++)); do
		left=$(ids_alive "$1")
		[ -z "$left" ] && return 0
		sleep 0.1
	done
	echo "$left" | tr '\n' ' '
}

# start_workload ARGS...: sets WPID, output in $TMP/wl.out
start_workload() {
	: >"$TMP/wl.out"
	"$WL" "$@" --wait >"$TMP/wl.out" 2>"$TMP/wl.err" &
	WPID=$!
	PIDS+=("$WPID")
	wait_for "$TMP/wl.out" '"ready":true' || { bad "workload did not start: $(cat "$TMP/wl.err")"; return 1; }
}

# start_top ARGS...: sets TPID; waits until it has attached
start_top() {
	: >"$TMP/top.out"
	: >"$TMP/top.err"
	"$TOP" "$@" >"$TMP/top.out" 2>"$TMP/top.err" &
	TPID=$!
	PIDS+=("$TPID")
	wait_for "$TMP/top.err" 'hooks attached' 200 || { bad "nvmx-gpc-top did not attach: $(cat "$TMP/top.err")"; return 1; }
}

echo "== 1. bad input: one-line errors, non-zero exit"
one_line_error() {	# one_line_error DESC PATTERN CMD...
	local desc=$1 pat=$2 rc lines
	shift 2
	# bad input must end the command at once: one that runs on is a
	# failure (exit 124), not a test that waits forever
	timeout -k 5 120 "$@" >"$TMP/o" 2>"$TMP/e"
	rc=$?
	lines=$(wc -l <"$TMP/e")
	if [ $rc -ne 0 ] && [ "$lines" -eq 1 ] && grep -q "$pat" "$TMP/e" && [ ! -s "$TMP/o" ]; then
		ok "$desc: exit $rc, '$(cat "$TMP/e")'"
	else
		bad "$desc: exit $rc, $lines stderr lines: $(cat "$TMP/e")"
	fi
}
sh -c 'true & echo $! >"$1"; wait' sh "$TMP/deadpid"
one_line_error "nonexistent PID" "no process with PID" "$TOP" -b -p "$(cat "$TMP/deadpid")"
# a thread ID of any multi-threaded process (skipped if there is none)
TID=$(for t in /proc/[0-9]*/task/[0-9]*; do p=${t#/proc/}; p=${p%%/*}; [ "${t##*/}" != "$p" ] && { echo "${t##*/}"; break; }; done 2>/dev/null)
[ -n "$TID" ] && one_line_error "thread ID instead of PID" "is a thread of process" "$TOP" -b -p "$TID"
one_line_error "malformed PID" "'12x' is not a PID" "$TOP" -b -p 12x
one_line_error "bad interval" "'-1' is not a number of seconds" "$TOP" -b -i -1
one_line_error "unknown option" "unknown option" "$TOP" --frobnicate
one_line_error "json without batch" "need batch" "$TOP" --json
one_line_error "no BTF" "kernel BTF not found" "$TOP" -b -n 1 --btf "$TMP/none"
one_line_error "not root" "need root or CAP_BPF" \
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all "$TOP" -b -n 1
one_line_error "no KVM" "KVM not available" \
	unshare -m --propagation private sh -c 'mount -t tmpfs none /dev && exec "$0" -b -n 1' "$TOP"
one_line_error "workload bad count" "pio: 'x' is not an integer" "$WL" --pio x

echo "== 2. verifier: every event body loads on this kernel"
if [ -n "${NVMX_GEN:-}" ] && [ -x "$BIN/tests/bpf_verify" ]; then
	if "$BIN/tests/bpf_verify" "$NVMX_GEN/verify.bpf.o" >"$TMP/verify" 2>"$TMP/verify.err"; then
		ok "$(tail -1 "$TMP/verify")"
	else
		cat "$TMP/verify" "$TMP/verify.err"
		bad "$(tail -1 "$TMP/verify")"
	fi
else
	echo "  (skipped: NVMX_GEN or bpf_verify not given)"
fi

echo "== 2b. --probes"
"$TOP" --probes >"$TMP/probes" 2>"$TMP/probes.err"
check "--probes exit status" 0 $?
cat "$TMP/probes"
check "--probes first line" "/dev/kvm: present" "$(head -n 1 "$TMP/probes")"
for h in pio userspace_exit kvm_run pvclock hva_unmap; do
	m=$(awk -v h=$h '$1 == h { print $2 }' "$TMP/probes")
	if [ "$m" = tp_btf ] || [ "$m" = raw_tp ]; then ok "hook $h attached with $m"; else bad "hook $h: '$m'"; fi
done
# Every unavailable hook must say why for each variant it tried; where
# fentry was refused, the reason must be the kernel's (EPERM), not a guess.
while read -r name method rest; do
	[ "$method" = unavailable ] || continue
	if [ -z "$rest" ] || [[ $rest != *": "* ]]; then bad "$name unavailable without reason"; continue; fi
	if [[ $rest == *"fentry trial load"* ]]; then
		# the kernel refuses fentry for policy (EPERM) or not at all: any
		# other errno is one function's error applied to another
		why=${rest#*fentry trial load on *: }
		if [ "${why%%;*}" = "Operation not permitted (refused by kernel policy)" ]; then
			ok "$name: fentry EPERM fallback reported"
		else
			bad "$name: fentry refused, not by kernel policy: ${rest#*fentry trial load}"
		fi
	else
		ok "$name: ${rest:0:70}..."
	fi
done < <(sed '1,/^HOOK /d; /^$/,$d' "$TMP/probes")	# the hook table's rows
# kvm_vcpu_unmap (kvm's BTF) attaches with fentry unless the kernel's
# policy refuses fentry, and then its row says so.
vu=$(awk '$1 == "vcpu_unmap" { print $2 }' "$TMP/probes")
if grep -q 'fentry trial load on [^:]*: Operation not permitted (refused by kernel policy)' "$TMP/probes"; then
	grep -q '^vcpu_unmap .*fentry trial load on kvm_vcpu_unmap: Operation not permitted' "$TMP/probes" &&
		[ "$vu" != fentry/fexit ] && ok "fentry refused by policy here: vcpu_unmap is $vu, and says why" ||
		bad "fentry refused by policy, but vcpu_unmap is '$vu': $(grep '^vcpu_unmap ' "$TMP/probes")"
else
	check "vcpu_unmap method (fentry permitted here)" fentry/fexit "$vu"
fi
# An unavailable hook leaves a metric unavailable, which must be listed.
if sed '1,/^HOOK /d; /^$/,$d' "$TMP/probes" | awk '$2 == "unavailable" { f = 1 } END { exit !f }'; then
	grep -q "^Metrics unavailable on this kernel:" "$TMP/probes" && ok "unavailable metrics listed" ||
		bad "hooks are unavailable, but --probes lists no unavailable metric"
fi
# Page kinds of nested maps need struct vcpu_vmx (kvm_intel) in BTF.
if { bpftool btf dump file /sys/kernel/btf/vmlinux 2>/dev/null
     [ -r /sys/kernel/btf/kvm_intel ] &&
	bpftool btf dump file /sys/kernel/btf/kvm_intel base /sys/kernel/btf/vmlinux 2>/dev/null
   } | grep -q "STRUCT 'vcpu_vmx'"; then
	want="page kinds of nested maps/unmaps: from struct vcpu_vmx"
else
	want="page kinds of nested maps/unmaps: unavailable"
fi
grep -q "^$want" "$TMP/probes" && ok "$want" || bad "expected '$want' in --probes"
# The emulated AMD host (scripts/emu-host): nSVM maps its vmcb12 with
# kvm_vcpu_map, fentry works, and the nVMX-only metrics say why.
if [ -e /sys/module/kvm_amd ]; then
	for h in vcpu_map vcpu_unmap; do
		check "kvm_amd: hook $h" "fentry/fexit kvm_$h" \
			"$(awk -v h=$h '$1 == h { print $2, $3 }' "$TMP/probes")"
	done
	check "kvm_amd: why maps is unavailable" \
		"nested_get_vmcs12_pages: not in this kernel (kvm_intel not loaded; the pfncache series and its metrics are nVMX only)" \
		"$(sed -n '/^Metrics unavailable/,$s/^  maps  *//p' "$TMP/probes")"
fi

echo "== 3. exact counts, one vCPU: -b --json -p PID"
N=5000 M=25 K=17
# The kernel counts kvm_pvclock_update too: each of the M MSR writes asks
# for one update, and KVM may add its own (a preempted vCPU reloaded where
# the TSC is unstable, kvmclock_update_work 100 ms after the first write),
# so the workload guarantees at least M and tracefs says how many.  On the
# emulated AMD host kvm_exit fires: count it in the kernel too.
TRACED=
EVS="kvm_pvclock_update"
[ -e /sys/module/kvm_amd ] && EVS="$EVS kvm_exit kvm_nested_vmexit"
# shellcheck disable=SC2086
if trace_start $EVS; then
	TRACED=1
else
	bad "cannot record $EVS in a tracefs instance under $TRACEFS"
fi
start_workload --pio $N --pvclock $M --dontneed $K && start_top -b --json --vcpus -i 0.2 -p "$WPID"
IDS=$(bpf_ids "$TPID")
[ -n "$IDS" ] && ok "nvmx-gpc-top holds $(wc -l <<<"$IDS") BPF prog/link fds" || bad "no BPF fds in nvmx-gpc-top"
kill -USR1 "$WPID"
wait "$WPID"; check "workload exit" 0 $?
wait "$TPID"; check "nvmx-gpc-top exit after PID vanished" 0 $?
grep -q "process $WPID exited" "$TMP/top.err" && ok "vanished PID reported" || bad "no exit message: $(cat "$TMP/top.err")"
WJ=$(tail -1 "$TMP/wl.out")
echo "  workload: $WJ"
check "workload pio_exits" $N "$(jq .pio_exits <<<"$WJ")"
check "workload pvclock_msr_writes" $M "$(jq .pvclock_msr_writes <<<"$WJ")"
WT="$WPID $(jq -r '.threads[].tid' <<<"$WJ" | tr '\n' ' ')"
if [ -n "$TRACED" ]; then
	KP=$(trace_count kvm_pvclock_update $WT) || KP=lost
	echo "  tracefs: kvm_pvclock_update $KP (threads $WT)"
	if [ "$KP" -ge $M ] 2>/dev/null; then
		ok "tracefs kvm_pvclock_update = $KP (>= $M MSR writes; $((KP - M)) added by KVM)"
	else
		bad "tracefs kvm_pvclock_update: expected >= $M, got $KP"
	fi
fi
check "workload dontneed_calls" $K "$(jq .dontneed_calls <<<"$WJ")"
jq -e . "$TMP/top.out" >/dev/null && ok "every line is JSON" || bad "invalid JSON output"
check "schema" '"nvmx-gpc-top/1"' "$(jq -s '[.[].schema] | unique | .[0]' "$TMP/top.out")"
check "VMs other than the PID" 0 "$(jq -s "[.[].vms[] | select(.pid != $WPID)] | length" "$TMP/top.out")"
LAST=$(tail -1 "$TMP/top.out")
T() { jq ".vms[] | select(.pid == $WPID) | .totals.$1" <<<"$LAST"; }
S() { jq -s "[.[].vms[] | select(.pid == $WPID) | .counts.$1] | add" "$TMP/top.out"; }
check "pio (totals)" "$(jq .pio_exits <<<"$WJ")" "$(T pio)"
check "pio (sum of intervals)" $N "$(S pio)"
check "userspace_exits" "$(jq .userspace_exits <<<"$WJ")" "$(T userspace_exits)"
check "userspace_exits (sum of intervals)" $N "$(S userspace_exits)"
check "kvm_runs" "$(jq .kvm_runs <<<"$WJ")" "$(T kvm_runs)"
[ -n "$TRACED" ] && check "pvclock_updates = tracefs kvm_pvclock_update" "$KP" "$(T pvclock_updates)"
check "hva_invalidations" $K "$(T hva_invalidations)"
check "l2_entries (no nVMX here)" 0 "$(T l2_entries)"
check "l2_exits (no nVMX here)" 0 "$(T l2_exits)"
check "kvm_run latency samples" $N "$(jq -s "[.[].vms[] | select(.pid == $WPID) | .latency_ns.kvm_run.count] | add" "$TMP/top.out")"
VT=$(jq '.threads[0].tid' <<<"$WJ")
VC=$(jq ".vms[] | select(.pid == $WPID) | .vcpus[] | select(.tid == $VT)" <<<"$LAST")
check "vCPU thread pio" $N "$(jq .totals.pio <<<"$VC")"
check "vCPU thread vcpu_id" 0 "$(jq .vcpu_id <<<"$VC")"
check "main thread hva_invalidations" $K "$(jq ".vms[] | select(.pid == $WPID) | .vcpus[] | select(.tid == $WPID) | .totals.hva_invalidations" <<<"$LAST")"
if grep -q '^exit .*tp_btf\|^exit .*raw_tp' "$TMP/probes" && [ -e /sys/module/kvm_pvm ]; then
	check "l1_exits (kvm_exit not emitted by kvm_pvm)" null "$(T l1_exits)"
	check "no exit reasons (kvm_exit not emitted by kvm_pvm)" '[false]' \
		"$(jq -s -c '[.[].kernel.reasons] | unique' "$TMP/top.out")"
fi
if [ -e /sys/module/kvm_amd ]; then
	# every interval and the totals, as the JSON has them
	J() { jq -s -c "[.[].vms[] | select(.pid == $WPID) | (.counts.$1, .totals.$1) | $2] | unique" "$TMP/top.out"; }
	for m in maps unmaps; do
		check "kvm_amd: $m (nVMX only)" '[null]' "$(J $m .)"
	done
	# gpc_refreshes and gpc_activations count every pfncache
	# (docs/metrics.md).  Where kvm_gpc_activate/refresh attach (6.2+),
	# what they see here is the workload's kvmclock page
	# (vcpu->arch.pv_time): one activation per MSR_KVM_SYSTEM_TIME_NEW
	# write that enables it, and no refresh (the workload's MADV_DONTNEED
	# never touches that page).  Debian's 6.1 has no such function: null.
	if grep -q '^gpc_refresh  *\(fentry\|kprobe\|tp_btf\|raw_tp\)' "$TMP/probes"; then
		check "kvm_amd: gpc_activations = kvmclock MSR writes" $M "$(T gpc_activations)"
		check "kvm_amd: gpc_activations (sum of intervals)" $M "$(S gpc_activations)"
		check "kvm_amd: gpc_refreshes" 0 "$(T gpc_refreshes)"
	else
		for m in gpc_refreshes gpc_activations; do
			check "kvm_amd: $m (no pfncache hook here)" '[null]' "$(J $m .)"
		done
	fi
	check "kvm_amd: vcpu_maps is a number" '["number"]' "$(J vcpu_maps type)"
	if [ -n "$TRACED" ]; then
		KX=$(trace_count kvm_exit $WT) || KX=lost
		KN=$(trace_count kvm_nested_vmexit $WT) || KN=lost
		echo "  tracefs: kvm_exit $KX, kvm_nested_vmexit $KN (threads $WT)"
		if [[ $KX =~ ^[0-9]+$ && $KN =~ ^[0-9]+$ ]]; then
			check "kvm_amd: l1_exits = tracefs kvm_exit - kvm_nested_vmexit" $((KX - KN)) "$(T l1_exits)"
			check "kvm_amd: l1_exits (sum of intervals)" $((KX - KN)) "$(S l1_exits)"
		else
			bad "kvm_amd: no tracefs count of kvm_exit/kvm_nested_vmexit"
		fi
		# exit reasons: every PIO exit is an L1 exit of reason io (IOIO)
		R() { jq -s "[.[].vms[] | select(.pid == $WPID) | .reasons[]? | $1] | add // 0" "$TMP/top.out"; }
		check "kvm_amd: reasons: io exits of L1 = workload pio_exits" $N "$(R 'select(.reason == "io") | .l1')"
		check "kvm_amd: reasons: l1 over all reasons = l1_exits" "$(S l1_exits)" "$(R .l1)"
		check "kvm_amd: reasons: no L2 exits" 0 "$(R '.l2_l0 + .l2_l1 + .synth')"
		L1=$(T l1_exits)
		if [[ $L1 =~ ^[0-9]+$ ]] && [ "$L1" -ge "$(jq .pio_exits <<<"$WJ")" ]; then
			ok "kvm_amd: l1_exits $L1 >= workload pio_exits $(jq .pio_exits <<<"$WJ")"
		else
			bad "kvm_amd: l1_exits '$L1' < workload pio_exits $(jq .pio_exits <<<"$WJ")"
		fi
	fi
fi
trace_stop
check "BPF progs/links left after PID exit" "" "$(ids_gone "$IDS")"

echo "== 3b. --sample 4: 1 in 4 KVM_RUNs timed, every count exact"
N=4000
start_workload --pio $N && start_top -b --json -i 0.5 --sample 4 -p "$WPID"
kill -USR1 "$WPID"
wait "$WPID"; check "workload exit" 0 $?
wait "$TPID"; check "nvmx-gpc-top --sample 4 exit" 0 $?
WJ=$(tail -1 "$TMP/wl.out")
RUNS=$(jq .kvm_runs <<<"$WJ")
check "--sample 4: sample_n" '[4]' "$(jq -s -c '[.[].sample_n] | unique' "$TMP/top.out")"
check "--sample 4: pio (exact)" $N "$(S pio)"
check "--sample 4: kvm_runs (exact)" "$RUNS" "$(S kvm_runs)"
check "--sample 4: kvm_run latency samples = kvm_runs / 4" $((RUNS / 4)) \
	"$(jq -s "[.[].vms[] | select(.pid == $WPID) | .latency_ns.kvm_run.count] | add" "$TMP/top.out")"
check "--sample 4: p99 confidence interval" true \
	"$(jq -s "[.[].vms[] | select(.pid == $WPID) | .latency_ns.kvm_run | select(.count > 0) | .p99_ci[0] <= .p99 and .p99 <= .p99_ci[1]] | all" "$TMP/top.out")"

echo "== 4. exact counts, 3 vCPUs, CSV"
N=2000 V=3
# each vCPU's kvm_pvclock_update events, as the kernel counts them
trace_start kvm_pvclock_update || bad "cannot record kvm_pvclock_update under $TRACEFS"
start_workload --pio $N --vcpus $V --pvclock 4 && start_top -b --csv --vcpus -i 0.2 -p "$WPID"
kill -USR1 "$WPID"
wait "$WPID"; check "workload exit" 0 $?
wait "$TPID"; check "nvmx-gpc-top exit" 0 $?
WJ=$(tail -1 "$TMP/wl.out")
col() { head -1 "$TMP/top.out" | tr ',' '\n' | grep -nx "$1" | cut -d: -f1; }
PC=$(col pio) TC=$(col tid) VC=$(col vcpu_id) KC=$(col pvclock_updates)
check "CSV VM pio sum" $((N * V)) "$(awk -F, -v c="$PC" -v p="$WPID" 'NR > 1 && $4 == p && $5 == "" { s += $c } END { print s + 0 }' "$TMP/top.out")"
for i in $(seq 0 $((V - 1))); do
	tid=$(jq ".threads[$i].tid" <<<"$WJ")
	check "vCPU $i pio" $N "$(awk -F, -v c="$PC" -v t="$tid" -v tc="$TC" 'NR > 1 && $tc == t { s += $c } END { print s + 0 }' "$TMP/top.out")"
	check "vCPU $i id" $i "$(awk -F, -v t="$tid" -v tc="$TC" -v vc="$VC" 'NR > 1 && $tc == t && $vc != "" { v = $vc } END { print v }' "$TMP/top.out")"
	check "vCPU $i pvclock_updates = tracefs" "$(trace_count kvm_pvclock_update "$tid" || echo lost)" \
		"$(awk -F, -v c="$KC" -v t="$tid" -v tc="$TC" 'NR > 1 && $tc == t { s += $c } END { print s + 0 }' "$TMP/top.out")"
done
trace_stop

echo "== 4c. guest names, -g and --cgroup: a named QEMU and the workload"
# QEMU with KVM and a guest name as libvirt sets it (",," is a comma in
# it), booting SeaBIOS with no disk.  With the interrupt controllers in
# user space its idle loop (HLT, timer interrupts) goes on returning from
# KVM_RUN, so it is seen in every interval, not only while booting.  Next to
# it the workload, in a cgroup of its own.  -g must show QEMU only, with
# its name; --cgroup the workload only, with its exact PIO exits.
QEMU=$(command -v qemu-system-x86_64)
GNAME="nvmx-it,,$$"	# the guest name is nvmx-it,PID
if [ -z "$QEMU" ]; then
	bad "qemu-system-x86_64 not installed (make deps)"
elif ! cg_make "nvmx-it.$$"; then
	bad "cannot make a cgroup v2 directory"
else
	"$QEMU" -accel kvm -machine kernel-irqchip=off -name "guest=$GNAME,debug-threads=on" \
		-display none -nodefaults -m 32 -serial none -monitor none >"$TMP/qemu.err" 2>&1 &
	QPID=$!
	PIDS+=("$QPID")
	N=3000
	start_workload --pio $N && cg_enter "$CG_DIR" "$WPID" || bad "cannot move the workload into $CG_DIR"
	# -g: three intervals of the VM named nvmx-it,PID (it has run by then)
	"$TOP" -b --json -i 0.5 -n 3 -g "nvmx-it,$$" >"$TMP/g.out" 2>"$TMP/g.err"
	check "top -g exit" 0 $?
	check "top -g: the VMs it shows" "[$QPID]" "$(jq -s -c '[.[].vms[].pid] | unique' "$TMP/g.out")"
	check "top -g: the guest name" "\"nvmx-it,$$\"" "$(jq -s '[.[].vms[].guest] | unique | .[0]' "$TMP/g.out")"
	Q_RUNS=$(jq -s '[.[].vms[].counts.kvm_runs] | add' "$TMP/g.out")
	[ "$Q_RUNS" -gt 0 ] 2>/dev/null && ok "top -g: QEMU ran $Q_RUNS KVM_RUNs" ||
		bad "top -g: no KVM_RUN of QEMU ($Q_RUNS): $(cat "$TMP/qemu.err")"
	# --cgroup (the directory, and the path as /proc/PID/cgroup has it):
	# only the workload, every PIO exit, while QEMU goes on outside
	CGP=$(sed -n 's/^0:://p' /proc/"$WPID"/cgroup)
	check "the workload's cgroup" "/nvmx-it.$$" "$CGP"
	start_top -b --json -i 0.2 --cgroup "$CG_DIR" && {
		kill -USR1 "$WPID"
		wait "$WPID"; check "workload exit" 0 $?
		sleep 0.5
		kill -INT "$TPID"
		wait "$TPID"; check "top --cgroup exit" 0 $?
		check "top --cgroup: the VMs it shows" "[$WPID]" "$(jq -s -c '[.[].vms[].pid] | unique' "$TMP/top.out")"
		check "top --cgroup: workload pio" $N "$(jq -s "[.[].vms[] | select(.pid == $WPID) | .counts.pio] | add" "$TMP/top.out")"
		check "top --cgroup: guest (none)" null "$(jq -s '[.[].vms[].guest] | unique | .[0]' "$TMP/top.out")"
	}
	"$TOP" -b --json -i 0.3 -n 2 --cgroup "$CGP" >"$TMP/c2.out" 2>"$TMP/c2.err"
	check "top --cgroup /PATH (empty cgroup now): exit" 0 $?
	check "top --cgroup /PATH: no VM" "[]" "$(jq -s -c '[.[].vms[].pid] | unique' "$TMP/c2.out")"
	# without a filter QEMU shows up, with its name
	"$TOP" -b --csv -i 0.3 -n 2 >"$TMP/all.csv" 2>/dev/null
	# (the last column; the name holds a comma, so it is quoted)
	QLINE=$(awk -F, -v p="$QPID" 'NR > 1 && $4 == p && $5 == "" { print; exit }' "$TMP/all.csv")
	[[ $QLINE == *",\"nvmx-it,$$\"" ]] && ok "top (no filter) CSV: QEMU's guest column is \"nvmx-it,$$\"" ||
		bad "top (no filter) CSV: QEMU's row is '$QLINE'"
	one_line_error "--cgroup on a plain directory" "not a cgroup v2 directory" "$TOP" -b --cgroup "$TMP"
	kill "$QPID"
	wait "$QPID" 2>/dev/null
	cg_remove "$CG_DIR"
	CG_DIR=
fi

echo "== 4b. thread rows: given back after exit and reused; histograms beyond the array"
# -k 6 keeps the histograms of only the first 19 rows in the array (the
# rest go to the hash): 24 vCPUs + the main thread use both paths, and
# three VMs in a row reuse the rows of the exited ones.
N=300 V=24
start_top -b --json -i 0.2 -k 6 && {
	for r in 1 2 3; do
		"$WL" --pio $N --vcpus $V >"$TMP/wl$r.out" 2>"$TMP/wl$r.err" ||
			bad "workload run $r: $(cat "$TMP/wl$r.err")"
	done
	# no waiting for another interval: on SIGINT the last, partial
	# interval is printed, and the rows of the exited VMs are complete
	kill -INT "$TPID"
	wait "$TPID"; check "nvmx-gpc-top exit" 0 $?
	grep -q "events not counted" "$TMP/top.err" &&
		bad "events dropped: $(cat "$TMP/top.err")" || ok "no events dropped (rows were reused)"
	for r in 1 2 3; do
		P=$(jq .pid "$TMP/wl$r.out")
		check "VM $r pio (sum of intervals)" $((N * V)) \
			"$(jq -s "[.[].vms[] | select(.pid == $P) | .counts.pio] | add" "$TMP/top.out")"
		check "VM $r KVM_RUN latency samples" $((N * V)) \
			"$(jq -s "[.[].vms[] | select(.pid == $P) | .latency_ns.kvm_run.count] | add" "$TMP/top.out")"
	done
}

echo "== 5. clean exit on SIGINT and SIGTERM (no BPF links or programs left)"
for sig in INT TERM; do
	start_top -b -i 0.2 --stats || continue
	IDS=$(bpf_ids "$TPID")
	NL=$(grep -c link_id <<<"$IDS")
	[ "$NL" -gt 0 ] && ok "SIG$sig run: $NL links attached" || bad "no links while running"
	check "BPF objects of nvmx-gpc-top visible to bpftool while running" "$(wc -l <<<"$IDS")" "$(ids_alive "$IDS" | wc -l)"
	sleep 0.5
	kill -$sig "$TPID"
	wait "$TPID"; check "exit status after SIG$sig" 0 $?
	check "BPF progs/links left after SIG$sig" "" "$(ids_gone "$IDS")"
	grep -q 'BPF self-accounting' "$TMP/top.out" && ok "--stats self-accounting printed" || bad "--stats output missing"
done
if [ -r /sys/kernel/tracing/kprobe_events ]; then
	check "kprobe events left" 0 "$(grep -c nvmx /sys/kernel/tracing/kprobe_events)"
fi

echo "== 6. interactive view on a terminal: keys, then q quits cleanly"
# descendant_top PID: the nvmx-gpc-top process below PID, at any depth
# (timeout -> script -> $SHELL -> top; whether the shell execs depends on it)
descendant_top() {
	local p pp i
	for p in $(pgrep -x nvmx-gpc-top); do
		pp=$p
		for ((i = 0; i < 8; i++)); do
			pp=$(awk '{ print $4 }' /proc/"$pp"/stat 2>/dev/null)
			[ -z "$pp" ] || [ "$pp" -le 1 ] && break
			if [ "$pp" = "$1" ]; then
				echo "$p"
				return
			fi
		done
	done
}
if command -v script >/dev/null; then
	mkfifo "$TMP/keys"
	exec 7<>"$TMP/keys"
	# Loading and attaching takes tens of seconds on the emulated host
	# (TCG), so keys are sent only once the view is up, each after the
	# previous one showed its effect; the outer timeout only ends a hung
	# run, q has its own bound below.
	# (wide enough that the header's [PAUSED] is not cut off)
	TERM=xterm timeout 600 script -qfec "stty rows 50 cols 200; exec $TOP -i 0.2" /dev/null \
		<&7 >"$TMP/tty.out" 2>&1 &
	SP=$!
	PIDS+=("$SP")
	# ready: attached, first screen drawn, terminal in cbreak mode
	wait_for "$TMP/tty.out" 'nvmx-gpc-top  kernel' 3000 && ok "header drawn" ||
		bad "no header in terminal output: $(tail -c 300 "$TMP/tty.out")"
	UP=$(descendant_top "$SP")
	IDS=$(bpf_ids "${UP:-0}")
	[ -n "$(grep link_id <<<"$IDS")" ] && ok "interactive nvmx-gpc-top $UP holds $(grep -c link_id <<<"$IDS") links" ||
		bad "interactive nvmx-gpc-top did not attach"
	# key K [PATTERN DESC]: type K; wait until PATTERN (new on the
	# screen) shows that K and the keys before it were handled
	key() {
		printf '%s' "$1" >&7
		[ -z "${2:-}" ] && return
		wait_for "$TMP/tty.out" "$2" 600 && ok "$3 ($1)" || bad "no $3 on the screen after '$1'"
	}
	key v
	key h 'Keys: q quit' "help drawn"
	key h
	key s 'sort: ' "sort column shown"
	key p '\[PAUSED\]' "pause shown"
	key p
	key r 'counters reset' "reset shown"
	# without --than the outliers pane only says how to start it
	key o 'Outliers: off' "outliers pane shown"
	key o
	key q
	running() { [ -n "$(awk '$3 != "Z"' /proc/"$1"/stat 2>/dev/null)" ]; }
	for ((i = 0; i < 600; i++)); do
		running "$SP" || break
		sleep 0.1
	done
	if running "$SP"; then
		bad "ncurses view still running 60 s after q"
		kill "$SP"
	fi
	wait "$SP"
	check "ncurses view exit status after q" 0 $?
	exec 7>&-
	check "BPF progs/links left after q" "" "$(ids_gone "$IDS")"
fi

echo "integration: $PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
