# mk/05-emu.mk: the emulated KVM host (scripts/emu-host, emu/,
# docs/emulated-host.md).  Live tests call $(EMU_HOST_RUN) -- CMD: on a
# machine with a usable /dev/kvm it runs CMD here, else inside QEMU TCG
# (-cpu max: AMD SVM with NPT) on Debian's own kernel.  EMU_HOST=1
# forces the emulated host.
#
#   make emu-shell       a shell on the emulated host (EMU_KERNEL=debian)
#   make emu-prefetch    fetch and cache the emulated host's kernel and
#                        initramfs (also done on first use)
DEPS_PACKAGES += qemu-system-x86 busybox-static cpio gzip xz-utils binutils \
	apt dpkg coreutils util-linux bsdutils rsync

.PHONY: emu-shell emu-prefetch
emu-shell:
	$(TOP)/scripts/emu-host --emulated -- /bin/bash -l
emu-prefetch:
	$(TOP)/scripts/emu-host --emulated -- /bin/true

# An L2 on nested SVM (upstream selftests of the 6.12 tree) under top and
# record, exact against the kernel's tracefs counts (tests/nsvm/run.sh).
# It needs a 6.8+ AMD KVM host: this machine's if it is one, else the
# emulated host booting Debian's 6.12.y.
NSVM_KERNEL ?= debian612
.PHONY: check-nsvm check-nsvm-state
check-nsvm: nvmx-tools nvmx-gpc
	$(EMU_HOST_RUN) --need-amd --kernel $(NSVM_KERNEL) --timeout 900 -- env NVMX_BIN=$(NVMX_BIN) \
		NVMX_NSVM_TESTS=$$($(TOP)/emu/selftests.sh) $(TOP)/tests/nsvm/run.sh
# state_test 20 times plain, under top and under record (docs/emulated-host.md).
check-nsvm-state: nvmx-tools nvmx-gpc
	$(EMU_HOST_RUN) --need-amd --kernel $(NSVM_KERNEL) -- env NVMX_BIN=$(NVMX_BIN) \
		NVMX_NSVM_TESTS=$$($(TOP)/emu/selftests.sh) NSVM_STATE_RUNS=20 \
		$(TOP)/tests/nsvm/run.sh
CHECK_TARGETS += check-nsvm check-nsvm-lab
# The same on the project's own 6.12 kernel with the series (the lab's
# patched kernel, KVM_AMD=y), booted under QEMU: the tools on the kernel
# the series targets.  That kernel has no hist triggers; the test then
# counts the events in the trace buffer.
check-nsvm-lab: nvmx-tools nvmx-gpc
	$(EMU_HOST_RUN) --emulated --kernel lab-patched --timeout 900 -- env NVMX_BIN=$(NVMX_BIN) \
		NVMX_NSVM_TESTS=$$($(TOP)/emu/selftests.sh) $(TOP)/tests/nsvm/run.sh
.PHONY: check-nsvm-lab
