#!/bin/bash
# build-selftests.sh KERNELDIR OUTDIR TEST...
# Build KVM selftests (names relative to tools/testing/selftests/kvm, e.g.
# x86_64/vmx_apic_access_test) statically from KERNELDIR/tree against
# KERNELDIR/headers, into OUTDIR (the source tree stays clean).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/lab/scripts/lib.sh"
[ $# -ge 3 ] || die "usage: build-selftests.sh KERNELDIR OUTDIR TEST..."
kdir=$1 out=$2
shift 2
[ -f "$kdir/.done" ] || die "kernel build $kdir is incomplete"
hdr="$kdir/headers/include"
[ -d "$hdr/linux" ] || die "no installed headers in $hdr"
mkdir -p "$out"
targets=()
for t in "$@"; do
	targets+=("$out/$t")
done
if ! nice -n 5 make -s -j"${LAB_JOBS:-2}" -C "$kdir/tree/tools/testing/selftests/kvm" \
	OUTPUT="$out" LINUX_HDR_PATH="$hdr/" KHDR_INCLUDES="-isystem $hdr" \
	EXTRA_CFLAGS=-static LDFLAGS="-static -pthread -no-pie" \
	"${targets[@]}" >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	die "selftest build failed: $*"
fi
for t in "${targets[@]}"; do
	[ -x "$t" ] || die "selftest $t was not built"
done
