# nvmx-gpc top-level Makefile.
#
# Each area of the project keeps its rules in mk/<area>.mk; this file only
# wires them together.  An area adds its test targets to CHECK_TARGETS, its
# build targets to ALL_TARGETS, and so on.  `make check` is the test command
# that README.md documents and .ci/run calls.

SHELL := /bin/bash
.DEFAULT_GOAL := all
TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
CACHE_DIR ?= /var/cache/nvmx-gpc
export CACHE_DIR

ALL_TARGETS :=
CHECK_TARGETS :=
UNIT_TARGETS :=
INSTALL_TARGETS :=
CLEAN_TARGETS :=
DEPS_PACKAGES :=
DEPS_FETCH :=

include $(sort $(wildcard $(TOP)/mk/*.mk))

.PHONY: all check check-unit install clean deps
all: $(ALL_TARGETS)
# Every check target in turn, then "make check: N passed, N failed, N
# skipped".  Tests that need a KVM host run on this machine's /dev/kvm
# when it is usable, else on the emulated host (scripts/emu-host).
check:
	@$(TOP)/scripts/run-checks $(CHECK_TARGETS)
# Tests that need neither root nor KVM (areas append to UNIT_TARGETS).
check-unit:
	@$(TOP)/scripts/run-checks $(UNIT_TARGETS)
install: $(INSTALL_TARGETS)
clean: $(CLEAN_TARGETS)

# The KVM host for live tests: this machine's, or QEMU TCG (mk/05-emu.mk).
EMU_HOST_RUN := $(TOP)/scripts/emu-host

# Install every Debian package any area needs (areas append to
# DEPS_PACKAGES), then fetch what is downloaded but never installed (areas
# append make targets to DEPS_FETCH: the 7.2 source package and sparse
# from Debian sid).
deps:
	$(TOP)/scripts/deps.sh $(sort $(DEPS_PACKAGES))
	$(if $(DEPS_FETCH),$(MAKE) -C $(TOP) $(DEPS_FETCH))
