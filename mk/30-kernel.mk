# Kernel patch series (issue 3): kernel-patches/, docs/kernel-patches.md.
#
#   make check-kernel    per-patch apply/checkpatch/KVM build/sparse/selftests
#                        table of the 6.12 series, then of the 7.2 series
#                        (make -C kernel-patches check [SERIES=7.2]; cached
#                        by content under $(CACHE_DIR)/kernel-check), each
#                        after its version-drift test (tests/drift.sh)
#   make kernel-base     extract the pristine linux-source-6.12 and 7.2 trees
#
# linux-source-6.12 is installed from the machine's apt sources;
# linux-source-7.2 comes from Debian sid and is only downloaded (make deps
# runs kernel-patches/scripts/fetch-sid.sh: a private source list, nothing
# installed, the machine's apt sources untouched) and builds sid's sparse
# source package, which 7.2 needs (scripts/sparse-sid.sh).
KERNEL_PATCHES := $(TOP)/kernel-patches

DEPS_PACKAGES += linux-source-6.12 xz-utils sparse flex bison bc libssl-dev \
	libelf-dev dwarves ccache gcc make perl patch libc6-dev binutils python3 git \
	debian-archive-keyring apt
DEPS_FETCH += kernel-fetch-sid

.PHONY: kernel-fetch-sid
kernel-fetch-sid:
	SERIES_DIR=$(KERNEL_PATCHES)/7.2 $(KERNEL_PATCHES)/scripts/fetch-sid.sh
	SERIES_DIR=$(KERNEL_PATCHES)/7.2 $(KERNEL_PATCHES)/scripts/sparse-sid.sh

.PHONY: check-kernel kernel-base
check-kernel:
	$(MAKE) -C $(KERNEL_PATCHES) check
	$(MAKE) -C $(KERNEL_PATCHES) check SERIES=7.2
kernel-base:
	$(MAKE) -C $(KERNEL_PATCHES) base
	$(MAKE) -C $(KERNEL_PATCHES) base SERIES=7.2

CHECK_TARGETS += check-kernel
