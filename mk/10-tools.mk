# mk/10-tools.mk: BPF probe core (bpf/), user-side core library
# (tools/core/), nvmx-gpc-top (tools/top/), the KVM workload
# (bench/workload/) and their tests.
#
# Flavours (one output dir each, so they never mix):
#   make            -> build/native/   -Wall -Wextra -Werror, dynamic
#   make SAN=1      -> build/san/      + ASan/UBSan (used by make check)
#   make STATIC=1   -> build/static/   fully static binaries (lab initramfs)
# Generated BPF artefacts (vmlinux.h, *.bpf.o, *.skel.h) are flavour
# independent and live in build/gen/.  VMLINUX_BTF selects the BTF that
# vmlinux.h is generated from (default: the running kernel's).
#
# Exported for other areas (honour STATIC=1 and SAN=1):
#   NVMX_CORE_LIB      path of libnvmx_core.a
#   NVMX_CORE_CFLAGS   compiler flags (include paths, sanitizer flags)
#   NVMX_CORE_LDFLAGS  linker flags (-static / sanitizer flags)
#   NVMX_CORE_LDLIBS   libraries to link after $(NVMX_CORE_LIB)
#   NVMX_CORE_DEPS     prerequisites (library, skeleton, headers)
#   NVMX_UTIL_LIB      path of libnvmx_util.a (tools/util: libc only; part
#                      of NVMX_CORE_LDLIBS, linked alone by the rest)
#   NVMX_OUT           this flavour's output dir (bin/ lib/ obj/ in it)
# Usage: $(NVMX_OUT)/bin/x: x.c $(NVMX_CORE_DEPS)
#		$(CC) $(NVMX_CORE_CFLAGS) -o $@ x.c $(NVMX_CORE_LIB) \
#			$(NVMX_CORE_LDFLAGS) $(NVMX_CORE_LDLIBS)

CC ?= cc
CLANG_BPF ?= clang-14
BPFTOOL ?= bpftool
VMLINUX_BTF ?= /sys/kernel/btf/vmlinux
prefix ?= /usr/local
DESTDIR ?=

NVMX_BUILD := $(TOP)/build
NVMX_GEN := $(NVMX_BUILD)/gen
NVMX_FLAVOR := $(if $(filter 1,$(STATIC)),static,$(if $(filter 1,$(SAN)),san,native))
NVMX_OUT := $(NVMX_BUILD)/$(NVMX_FLAVOR)
NVMX_OBJ := $(NVMX_OUT)/obj
NVMX_BIN := $(NVMX_OUT)/bin

NVMX_WARN := -Wall -Wextra -Werror
NVMX_BASE_CFLAGS := -std=gnu11 -O2 -g $(NVMX_WARN) -D_GNU_SOURCE
NVMX_SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
NVMX_FLAVOR_CFLAGS :=
NVMX_FLAVOR_LDFLAGS :=
ifeq ($(NVMX_FLAVOR),san)
NVMX_FLAVOR_CFLAGS += $(NVMX_SAN_FLAGS)
NVMX_FLAVOR_LDFLAGS += $(NVMX_SAN_FLAGS)
endif
ifeq ($(NVMX_FLAVOR),static)
NVMX_FLAVOR_LDFLAGS += -static
endif

NVMX_UTIL_INC := -I$(TOP)/tools/util
NVMX_UTIL_LIB := $(NVMX_OUT)/lib/libnvmx_util.a
NVMX_UTIL_HDRS := $(wildcard $(TOP)/tools/util/*.h)
NVMX_CORE_INC := -I$(TOP)/tools/core -I$(TOP)/include -I$(TOP)/bpf -I$(NVMX_GEN) \
	$(NVMX_UTIL_INC)
NVMX_CORE_LIB := $(NVMX_OUT)/lib/libnvmx_core.a
NVMX_CORE_CFLAGS := $(NVMX_BASE_CFLAGS) $(NVMX_FLAVOR_CFLAGS) $(NVMX_CORE_INC)
NVMX_CORE_LDFLAGS := $(NVMX_FLAVOR_LDFLAGS)
NVMX_CORE_LDLIBS := $(NVMX_UTIL_LIB) -lbpf -lelf -lz -lm
NVMX_SKEL := $(NVMX_GEN)/nvmx_gpc.skel.h
NVMX_CORE_HDRS := $(wildcard $(TOP)/tools/core/*.h) $(TOP)/bpf/nvmx_maps.h \
	$(TOP)/include/nvmx_gpc_abi.h $(NVMX_UTIL_HDRS)
NVMX_CORE_DEPS := $(NVMX_CORE_LIB) $(NVMX_UTIL_LIB) $(NVMX_SKEL) $(NVMX_CORE_HDRS)
export NVMX_CORE_LIB NVMX_CORE_CFLAGS NVMX_CORE_LDFLAGS NVMX_CORE_LDLIBS \
	NVMX_CORE_DEPS NVMX_OUT NVMX_UTIL_LIB

NVMX_CURSES_LDLIBS := -lncursesw -ltinfo

# Recipe output goes to a temp file unique to the shell running it, then is
# renamed: sub-makes of other areas (SAN=1, STATIC=1) may build the same
# shared file (build/gen, a flavour's core library) at the same time under
# `make -j`; each rename is atomic, so nobody reads a half-written file.
# Use it on one shell line ($$$$ is that shell's PID).
NVMX_TMP = $@.$$$$.tmp

NVMX_TOP_BIN := $(NVMX_BIN)/nvmx-gpc-top
NVMX_WORKLOAD_BIN := $(NVMX_BIN)/nvmx-workload

DEPS_PACKAGES += clang-14 llvm-14 libbpf-dev bpftool libelf-dev zlib1g-dev \
	libncurses-dev libcmocka-dev libjson-c-dev pkg-config make gcc libc6-dev \
	linux-libc-dev jq util-linux bsdutils procps

ALL_TARGETS += nvmx-tools
CHECK_TARGETS += $(if $(wildcard $(TOP)/tests/unit/test_*.c),check-tools-unit) \
	$(if $(wildcard $(TOP)/tests/integration/run.sh),check-tools-integration) \
	$(if $(wildcard $(TOP)/tests/integration/fexit_pair.c),check-tools-fexit-pair)
UNIT_TARGETS += check-tools-unit check-build-once
CHECK_TARGETS += check-build-once
INSTALL_TARGETS += install-tools
CLEAN_TARGETS += clean-tools

.PHONY: nvmx-tools nvmx-core check-tools-unit check-tools-integration check-tools-fexit-pair \
	install-tools clean-tools nvmx-tools-unit-bins

nvmx-tools: $(NVMX_CORE_LIB) $(NVMX_SKEL) \
	$(if $(wildcard $(TOP)/tools/top/main.c),$(NVMX_TOP_BIN)) \
	$(if $(wildcard $(TOP)/bench/workload/nvmx-workload.c),$(NVMX_WORKLOAD_BIN))
nvmx-core: $(NVMX_CORE_DEPS)

# ---- BPF: vmlinux.h, object, skeleton (build/gen) -------------------
# vmlinux.src records which BTF vmlinux.h came from; it only changes when
# VMLINUX_BTF changes, so switching kernels regenerates vmlinux.h.
$(NVMX_GEN)/vmlinux.src: FORCE
	@mkdir -p $(@D)
	@echo "$(abspath $(VMLINUX_BTF))" | cmp -s - $@ || \
		{ echo "$(abspath $(VMLINUX_BTF))" > $(NVMX_TMP) && mv -f $(NVMX_TMP) $@; }

$(NVMX_GEN)/vmlinux.h: $(NVMX_GEN)/vmlinux.src
	@test -r "$(VMLINUX_BTF)" || { echo "error: no BTF at $(VMLINUX_BTF) (set VMLINUX_BTF=, needs CONFIG_DEBUG_INFO_BTF)" >&2; exit 1; }
	$(BPFTOOL) btf dump file $(VMLINUX_BTF) format c > $(NVMX_TMP) && mv -f $(NVMX_TMP) $@

NVMX_BPF_HDRS := $(wildcard $(TOP)/bpf/*.h) $(TOP)/include/nvmx_gpc_abi.h

$(NVMX_GEN)/nvmx_gpc.bpf.o: $(TOP)/bpf/nvmx_gpc.bpf.c $(NVMX_BPF_HDRS) $(NVMX_GEN)/vmlinux.h
	$(CLANG_BPF) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		-I$(NVMX_GEN) -I$(TOP)/bpf -I$(TOP)/include -c $< -o $(NVMX_TMP) && \
		mv -f $(NVMX_TMP) $@

$(NVMX_SKEL): $(NVMX_GEN)/nvmx_gpc.bpf.o
	$(BPFTOOL) gen skeleton $< name nvmx_gpc > $(NVMX_TMP) && mv -f $(NVMX_TMP) $@

# ---- utility library (per flavour) ----------------------------------
# tools/util: messages, option parsers, /proc reads, the atomic write.
NVMX_UTIL_SRCS := $(wildcard $(TOP)/tools/util/*.c)
NVMX_UTIL_OBJS := $(patsubst $(TOP)/tools/util/%.c,$(NVMX_OBJ)/util/%.o,$(NVMX_UTIL_SRCS))

$(NVMX_OBJ)/util/%.o: $(TOP)/tools/util/%.c $(NVMX_UTIL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_BASE_CFLAGS) $(NVMX_FLAVOR_CFLAGS) $(NVMX_UTIL_INC) -c $< -o $(NVMX_TMP) && \
		mv -f $(NVMX_TMP) $@

$(NVMX_UTIL_LIB): $(NVMX_UTIL_OBJS)
	@mkdir -p $(@D)
	ar rcs $(NVMX_TMP) $^ && mv -f $(NVMX_TMP) $@

# ---- core library (per flavour) -------------------------------------
NVMX_CORE_SRCS := $(filter-out %/hist_test.c,$(wildcard $(TOP)/tools/core/*.c))
NVMX_CORE_OBJS := $(patsubst $(TOP)/tools/core/%.c,$(NVMX_OBJ)/core/%.o,$(NVMX_CORE_SRCS))

$(NVMX_OBJ)/core/%.o: $(TOP)/tools/core/%.c $(NVMX_CORE_HDRS) $(NVMX_SKEL)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -c $< -o $(NVMX_TMP) && mv -f $(NVMX_TMP) $@

$(NVMX_CORE_LIB): $(NVMX_CORE_OBJS)
	@mkdir -p $(@D)
	ar rcs $(NVMX_TMP) $^ && mv -f $(NVMX_TMP) $@

# ---- nvmx-gpc-top ----------------------------------------------------
NVMX_TOP_SRCS := $(wildcard $(TOP)/tools/top/*.c)
NVMX_TOP_OBJS := $(patsubst $(TOP)/tools/top/%.c,$(NVMX_OBJ)/top/%.o,$(NVMX_TOP_SRCS))

$(NVMX_OBJ)/top/%.o: $(TOP)/tools/top/%.c $(wildcard $(TOP)/tools/top/*.h) $(NVMX_CORE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tools/top -c $< -o $(NVMX_TMP) && mv -f $(NVMX_TMP) $@

$(NVMX_TOP_BIN): $(NVMX_TOP_OBJS) $(NVMX_CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -o $(NVMX_TMP) $(NVMX_TOP_OBJS) $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) $(NVMX_CURSES_LDLIBS) $(NVMX_CORE_LDLIBS) && \
		mv -f $(NVMX_TMP) $@

# ---- workload ---------------------------------------------------------
# Never sanitized: the ASan runtime's own madvise/munmap calls would be
# MMU-notifier events the workload did not ask for (see its header).  So
# it compiles tools/util itself rather than link the flavour's library.
$(NVMX_WORKLOAD_BIN): $(TOP)/bench/workload/nvmx-workload.c $(NVMX_UTIL_SRCS) $(NVMX_UTIL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_BASE_CFLAGS) $(NVMX_UTIL_INC) -pthread -o $(NVMX_TMP) $< $(NVMX_UTIL_SRCS) \
		$(if $(filter static,$(NVMX_FLAVOR)),-static) -pthread && mv -f $(NVMX_TMP) $@

# ---- tests -----------------------------------------------------------
NVMX_UNIT_SRCS := $(wildcard $(TOP)/tests/unit/test_*.c)
NVMX_UNIT_BINS := $(patsubst $(TOP)/tests/unit/%.c,$(NVMX_BIN)/tests/%,$(NVMX_UNIT_SRCS))

$(NVMX_BIN)/tests/%: $(TOP)/tests/unit/%.c $(NVMX_CORE_DEPS) $(wildcard $(TOP)/tests/unit/*.h)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tests/unit -I$(TOP)/tools/top -o $(NVMX_TMP) $< \
		$(filter-out $(NVMX_OBJ)/top/main.o,$(NVMX_TOP_OBJS)) $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) -lcmocka -ljson-c $(NVMX_CURSES_LDLIBS) $(NVMX_CORE_LDLIBS) && \
		mv -f $(NVMX_TMP) $@

$(NVMX_UNIT_BINS): $(filter-out $(NVMX_OBJ)/top/main.o,$(NVMX_TOP_OBJS))

# Verifier regression test: every event body on a host tracepoint.
NVMX_VERIFY_OBJ := $(NVMX_GEN)/verify.bpf.o
NVMX_VERIFY_BIN := $(NVMX_BIN)/tests/bpf_verify
$(NVMX_VERIFY_OBJ): $(TOP)/tests/integration/verify.bpf.c $(TOP)/bpf/nvmx_gpc.bpf.c \
		$(NVMX_BPF_HDRS) $(NVMX_GEN)/vmlinux.h
	$(CLANG_BPF) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Wall -Werror \
		-I$(NVMX_GEN) -I$(TOP)/bpf -I$(TOP)/include -c $< -o $(NVMX_TMP) && \
		mv -f $(NVMX_TMP) $@
$(NVMX_VERIFY_BIN): $(TOP)/tests/integration/bpf_verify.c $(NVMX_CORE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -o $(NVMX_TMP) $< $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) $(NVMX_CORE_LDLIBS) && \
		mv -f $(NVMX_TMP) $@

# An entry program and its exit attach both or neither (tests/integration/fexit_pair.c).
NVMX_PAIR_BIN := $(NVMX_BIN)/tests/fexit_pair
$(NVMX_PAIR_BIN): $(TOP)/tests/integration/fexit_pair.c $(NVMX_CORE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -o $(NVMX_TMP) $< $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) $(NVMX_CORE_LDLIBS) && \
		mv -f $(NVMX_TMP) $@

nvmx-tools-unit-bins: $(NVMX_UNIT_BINS) $(NVMX_TOP_BIN) $(NVMX_WORKLOAD_BIN) \
	$(NVMX_VERIFY_OBJ) $(NVMX_VERIFY_BIN) $(NVMX_PAIR_BIN)

# Files that several areas' SAN=1 sub-makes link: the core and utility
# libraries, the skeleton (build/gen) and the workload here; areas add theirs with
# `nvmx-shared: FILE` (mk/20-compare.mk: the results library).  One rule
# builds each, in one sub-make (nvmx-san-shared); every target that starts
# a SAN=1 sub-make depends on it, so that under `make -j` no two sub-makes
# build the same file (tests/make/once.sh checks it: make check-build-once).
.PHONY: nvmx-shared nvmx-san-shared
nvmx-shared: $(NVMX_CORE_DEPS) $(NVMX_WORKLOAD_BIN)
nvmx-san-shared:
	+$(MAKE) -f $(TOP)/Makefile SAN=1 nvmx-shared

# Tests always run the sanitizer flavour, built once by one sub-make
# (both check targets depend on it, so `make -j check` does not race).
.PHONY: nvmx-san-bins check-tools
nvmx-san-bins: nvmx-san-shared
	+$(MAKE) -f $(TOP)/Makefile SAN=1 nvmx-tools-unit-bins

# The lab's STATIC=1 sub-make shares build/gen: under `make check` it
# starts after the shared parts are built (it then finds build/gen up to
# date).  Only under `make check`, so `make check-lab` alone builds no
# more than before.
ifneq ($(filter check,$(MAKECMDGOALS)),)
check-lab: nvmx-san-shared
endif

check-tools: check-tools-unit check-tools-integration

# No file is built by two sub-makes under `make -j` (see nvmx-shared).
.PHONY: check-build-once
check-build-once:
	$(TOP)/tests/make/once.sh

check-tools-unit: nvmx-san-bins
	@set -e; for t in $(patsubst $(TOP)/tests/unit/%.c,%,$(NVMX_UNIT_SRCS)); do \
		echo "unit: $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
			$(NVMX_BUILD)/san/bin/tests/$$t; \
	done

# Integration tests: root, a live KVM host (this one or the emulated
# one, scripts/emu-host), sanitizer binaries.
check-tools-integration: nvmx-san-bins
	$(EMU_HOST_RUN) --timeout 1200 -- env NVMX_BIN=$(NVMX_BUILD)/san/bin NVMX_GEN=$(NVMX_GEN) \
		$(TOP)/tests/integration/run.sh

# The fentry/fexit pair test needs kvm_intel's nested code in BTF: the
# lab's base kernel (KVM_INTEL=y) on the emulated host.
check-tools-fexit-pair: nvmx-san-bins
	$(EMU_HOST_RUN) --emulated --kernel lab-base --timeout 600 -- \
		$(NVMX_BUILD)/san/bin/tests/fexit_pair

# ---- install / clean --------------------------------------------------
install-tools: $(NVMX_TOP_BIN) $(NVMX_WORKLOAD_BIN)
	install -d $(DESTDIR)$(prefix)/sbin $(DESTDIR)$(prefix)/share/man/man8 \
		$(DESTDIR)$(prefix)/libexec/nvmx-gpc
	install -m 0755 $(NVMX_TOP_BIN) $(DESTDIR)$(prefix)/sbin/nvmx-gpc-top
	install -m 0755 $(NVMX_WORKLOAD_BIN) $(DESTDIR)$(prefix)/libexec/nvmx-gpc/nvmx-workload
	install -m 0644 $(TOP)/docs/nvmx-gpc-top.8 $(DESTDIR)$(prefix)/share/man/man8/

clean-tools:
	rm -rf $(NVMX_BUILD)/gen $(NVMX_BUILD)/native $(NVMX_BUILD)/san $(NVMX_BUILD)/static

.PHONY: FORCE
FORCE:
