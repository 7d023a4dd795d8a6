#!/bin/bash
# emu/selftests.sh: build the upstream nested-SVM KVM selftests that the
# emulated host runs, statically, from the pristine linux-source-6.12
# tree (kernel-patches/scripts/base.sh), into a cache directory keyed by
# the package version and the test list.  Prints that directory.
#
# They need a 6.8+ host kernel (KVM_SET_USER_MEMORY_REGION2): run them
# with scripts/emu-host --kernel debian612 or lab-base/lab-patched, not
# on Debian's 6.1.
set -euo pipefail
TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/emu/lib.sh"
. "$TOP/scripts/cache-lock.sh"

TESTS="x86_64/svm_vmcall_test x86_64/svm_int_ctl_test x86_64/svm_nested_shutdown_test
x86_64/state_test x86_64/smm_test x86_64/triple_fault_event_test"

src=$("$TOP/kernel-patches/scripts/base.sh" --path 2>/dev/null | tail -n1) ||
	emu_die "no linux-source-6.12 tree (make deps; make -C kernel-patches base)"
[ -f "$src/Makefile" ] || emu_die "no kernel tree at $src"
key=$( (echo "$src"; echo $TESTS; sha256sum "$0" | cut -c1-16) | sha256sum | cut -c1-12)
out=$EMU_CACHE/selftests-$(basename "$src")-$key
cache_lock "$out" || emu_die "cannot lock $out"
if [ ! -f "$out/.done" ]; then
	command -v rsync >/dev/null || emu_die "rsync not found (make deps): headers_install needs it"
	rm -rf "$out"
	mkdir -p "$out"
	emu_log "building nSVM selftests from $(basename "$src") into $out (first run only, about 2 min)"
	nice -n 5 make -s -C "$src" O="$out/obj" headers_install INSTALL_HDR_PATH="$out/hdr" \
		>"$out/headers.log" 2>&1 || { tail -n 20 "$out/headers.log" >&2; emu_die "headers_install failed"; }
	targets=()
	for t in $TESTS; do targets+=("$out/$t"); done
	if ! nice -n 5 make -s -j2 -C "$src/tools/testing/selftests/kvm" OUTPUT="$out" \
		LINUX_HDR_PATH="$out/hdr/include/" KHDR_INCLUDES="-isystem $out/hdr/include" \
		EXTRA_CFLAGS=-static LDFLAGS="-static -pthread -no-pie" \
		"${targets[@]}" >"$out/build.log" 2>&1; then
		tail -n 30 "$out/build.log" >&2
		emu_die "nSVM selftest build failed (log: $out/build.log)"
	fi
	for t in "${targets[@]}"; do
		[ -x "$t" ] || emu_die "selftest $t was not built"
	done
	rm -rf "$out/obj"
	touch "$out/.done"
fi
echo "$out"
