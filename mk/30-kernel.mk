# Kernel patch series (issue 3): kernel-patches/, docs/kernel-patches.md.
#
#   make check-kernel    per-patch apply/checkpatch/KVM build/sparse/selftests
#                        table (make -C kernel-patches check); cached by
#                        content under $(CACHE_DIR)/kernel-check
#   make kernel-base     extract the pristine linux-source-6.12 tree
KERNEL_PATCHES := $(TOP)/kernel-patches

DEPS_PACKAGES += linux-source-6.12 xz-utils sparse flex bison bc libssl-dev \
	libelf-dev dwarves ccache gcc make perl patch libc6-dev binutils python3 git

.PHONY: check-kernel kernel-base
check-kernel:
	$(MAKE) -C $(KERNEL_PATCHES) check
kernel-base:
	$(MAKE) -C $(KERNEL_PATCHES) base

CHECK_TARGETS += check-kernel
