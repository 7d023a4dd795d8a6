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
INSTALL_TARGETS :=
CLEAN_TARGETS :=
DEPS_PACKAGES :=

include $(sort $(wildcard $(TOP)/mk/*.mk))

.PHONY: all check install clean deps
all: $(ALL_TARGETS)
check: $(CHECK_TARGETS)
	@echo "make check: all passed ($(CHECK_TARGETS))"
install: $(INSTALL_TARGETS)
clean: $(CLEAN_TARGETS)

# Install every Debian package any area needs (areas append to DEPS_PACKAGES).
deps:
	$(TOP)/scripts/deps.sh $(sort $(DEPS_PACKAGES))
