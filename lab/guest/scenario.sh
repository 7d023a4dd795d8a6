#!/bin/sh
# The lab scenario, run by /init inside the Bochs guest.  Everything it
# writes to /out is sent to the host.  Parameters: /lab/scenario.conf
# (shell variables written by lab/scripts/lab.sh).
. /lab/scenario.conf
export PATH=/lab/bin:$PATH

up() { cut -d' ' -f1 /proc/uptime; }
note() { echo "[$(up)] $*"; }

{
	echo "kind=$LAB_KIND"
	echo "uname=$(uname -r)"
	echo "cmdline=$(cat /proc/cmdline)"
	for p in nested ept vpid unrestricted_guest enable_shadow_vmcs pml flexpriority enable_apicv preemption_timer; do
		echo "kvm_intel.$p=$(cat /sys/module/kvm_intel/parameters/$p 2>/dev/null || echo missing)"
	done
	grep -m1 '^model name' /proc/cpuinfo
	grep -qw vmx /proc/cpuinfo && echo "cpu_vmx=yes" || echo "cpu_vmx=no"
	echo "btf=$([ -f /sys/kernel/btf/vmlinux ] && echo yes || echo no)"
} >/out/env.txt

[ -c /dev/kvm ] || { note "no /dev/kvm"; exit 1; }

status=0
# run_test NAME [ARGS...]: run a selftest under the fentry bring-up counter.
run_test() {
	name=$1
	shift
	t0=$(up)
	fcount -o "/out/$name.fcount.json" -- "/lab/bin/$name" "$@" >"/out/$name.log" 2>&1
	rc=$?
	note "test $name exit $rc ($(echo "$(up) $t0" | awk '{printf "%.2f", $1 - $2}') s guest time)"
	echo "$name $rc" >>/out/tests.txt
	[ $rc -eq 0 ] || [ $rc -eq 4 ] || status=1	# 4 = KSFT_SKIP
}

for t in $LAB_TESTS; do
	run_test "$t"
done
exit $status
