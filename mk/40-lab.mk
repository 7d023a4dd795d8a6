# Emulated nVMX lab (issue 4): base and patched 6.12 kernels under Bochs.
# See docs/lab.md.
LAB := $(TOP)/lab/scripts/lab.sh

DEPS_PACKAGES += bochs bochsbios vgabios busybox-static xorriso isolinux libc-bin \
	syslinux-common flex bison bc libssl-dev libelf-dev dwarves cpio lz4 \
	ccache python3 gnuplot-nox gcc make clang llvm libbpf-dev bpftool zlib1g-dev \
	linux-source-6.12 xz-utils

.PHONY: lab lab-base lab-shell lab-clean check-lab
# Build both kernels, boot each in Bochs, run the scenario, assert.
lab:
	$(LAB) run
# Base kernel only (works before the patch series exists).
lab-base:
	$(LAB) run base
# Developer shell on the serial console: make lab-shell KERNEL=base|patched
lab-shell:
	$(LAB) shell $(or $(KERNEL),base)
lab-clean:
	rm -rf $(TOP)/lab/build $(TOP)/lab/out $(TOP)/lab/build-debug $(TOP)/lab/out-debug \
		$(TOP)/lab/build-7.2 $(TOP)/lab/out-7.2
CLEAN_TARGETS += lab-clean
# The lab with all its assertions, in `make check` (so in .ci/run).
# Like `make lab`, LAB_SMP=1 (the default) adds the two-CPU boots of the
# invalidation selftest (docs/lab.md, "Two CPUs"); LAB_SMP=0 leaves them out.
# Measured from a fresh clone with cold caches: 19 min on 2 cores (base
# kernel 14 min) with LAB_SMP=0; warm with LAB_SMP=1: 7 min.
check-lab:
	$(LAB) run
CHECK_TARGETS += check-lab

# The lab on debug kernels (issue 13): nvmx.config + debug.config
# (PROVE_LOCKING, PROVE_RCU, DEBUG_ATOMIC_SLEEP, DEBUG_LIST, KFENCE), base
# and patched, all assertions of check-lab plus no kernel splat in dmesg.
# Not in `make check`: a cold debug build takes about 25 min on 2 cores
# (docs/lab.md, "Debug kernels").  Output in lab/out-debug.
LAB_DEBUG_KCONFIG := $(TOP)/lab/build-debug/nvmx-debug.config
.PHONY: check-lab-debug
check-lab-debug:
	mkdir -p $(dir $(LAB_DEBUG_KCONFIG))
	cat $(TOP)/lab/kconfig/nvmx.config $(TOP)/lab/kconfig/debug.config >$(LAB_DEBUG_KCONFIG).tmp
	mv $(LAB_DEBUG_KCONFIG).tmp $(LAB_DEBUG_KCONFIG)
	LAB_KCONFIG=$(LAB_DEBUG_KCONFIG) LAB_OUT=$(TOP)/lab/out-debug \
		LAB_BUILD=$(TOP)/lab/build-debug LAB_BOOT_TIMEOUT=1800 $(LAB) run

# The lab on the 7.2 series (issue 17): base and patched Linux 7.2 from
# Debian sid's linux-source-7.2 (fetched by make deps, never installed),
# the same scenario and the same exact assertions as check-lab.  Output in
# lab/out-7.2.  Not in `make check`: with both labs warm CI would pass
# 20 min; check-lab-all runs both.
.PHONY: check-lab-7.2 check-lab-all check-lab-upstream check-lab-upstream-7.2
check-lab-7.2:
	LAB_SERIES=7.2 $(LAB) run
# Upstream's own nested selftests of each tree (those Bochs can run), on
# base and patched: every one must give the same result on both, with no
# kernel splat.  6.12 in `make check` (about 1 min of Bochs when the
# kernels are warm), 7.2 in check-lab-all.
check-lab-upstream:
	$(LAB) upstream
CHECK_TARGETS += check-lab-upstream
check-lab-upstream-7.2:
	LAB_SERIES=7.2 $(LAB) upstream
# Many L2s per L1 vCPU (issue 14): the series' benchmark with K = 1, 2,
# 4, 8, 16 vmcs12s per L1 vCPU and a VMPTRLD every M = 1 or 100 round
# trips, under `nvmx-gpc record` on base and patched, with exact counts
# (lab/out/contexts.md; docs/lab.md, "Many L2s per vCPU").
.PHONY: check-lab-contexts check-lab-contexts-7.2
check-lab-contexts:
	$(LAB) contexts
CHECK_TARGETS += check-lab-contexts
check-lab-contexts-7.2:
	LAB_SERIES=7.2 $(LAB) contexts
# The tools' cost per nested round trip (issue 16): the benchmark alone,
# under nvmx-gpc-top and under nvmx-gpc record, each also with
# --counts-only, interleaved 3 times, on base and patched, in emulated
# L1 TSC cycles (lab/out/cost.md).  A benchmark, not a test: part of
# `make bench`.
.PHONY: bench-lab-cost
bench-lab-cost:
	$(LAB) cost
check-lab-all: check-lab check-lab-upstream check-lab-contexts check-lab-7.2 \
	check-lab-upstream-7.2 check-lab-contexts-7.2
