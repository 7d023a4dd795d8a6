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
