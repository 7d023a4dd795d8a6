# mk/60-export.mk: Prometheus exporter (tools/exporter/), its tests
# (tests/exporter/) and the overhead benchmark (bench/overhead/, `make bench`).
# Builds on the core library exported by mk/10-tools.mk.
#
#   make                 builds nvmx-gpc-exporter and nvmx-gpc-overhead
#   make check           check-export-unit and check-overhead-unit (cmocka,
#                        ASan/UBSan) and check-export (exporter + real
#                        prometheus, as root)
#   make bench           runs bench/overhead (several minutes; not in check)
#
# The exporter links libmicrohttpd dynamically, so it is not built with
# STATIC=1 (it is not needed inside the lab's initramfs).

EXP_BIN := $(NVMX_BIN)/nvmx-gpc-exporter
OVH_BIN := $(NVMX_BIN)/nvmx-gpc-overhead
EXP_SRCS := $(TOP)/tools/exporter/main.c $(TOP)/tools/exporter/prom.c \
	$(TOP)/tools/exporter/keep.c $(TOP)/tools/exporter/args.c
EXP_HDRS := $(TOP)/tools/exporter/prom.h $(TOP)/tools/exporter/keep.h \
	$(TOP)/tools/exporter/args.h
EXP_LDLIBS := -lmicrohttpd -lpthread
EXP_UNIT_BIN := $(NVMX_BIN)/tests/exporter_test_prom
EXP_ARGS_BIN := $(NVMX_BIN)/tests/exporter_test_args
OVH_UNIT_BIN := $(NVMX_BIN)/tests/overhead_test_parse

# bench: N PIO exits per run and repetitions (override on the command line).
BENCH_N ?= 200000
BENCH_REPS ?= 7
BENCH_OUT ?= $(TOP)/bench/overhead/results/overhead-$(shell uname -r)$(if $(filter emulated,$(shell $(TOP)/scripts/emu-host --print-kind)),-emulated-host).json

DEPS_PACKAGES += libmicrohttpd-dev libjson-c-dev prometheus bpftrace \
	linux-perf curl jq libcmocka-dev bpftool bc

ifneq ($(NVMX_FLAVOR),static)
ALL_TARGETS += nvmx-export
endif
UNIT_TARGETS += check-export-unit check-overhead-unit
CHECK_TARGETS += check-export-unit check-overhead-unit \
	$(if $(wildcard $(TOP)/tests/exporter/run.sh),check-export)
INSTALL_TARGETS += install-export
CLEAN_TARGETS += clean-export

.PHONY: nvmx-export check-export-unit check-export bench install-export \
	clean-export nvmx-export-bins check-overhead-unit

nvmx-export: $(EXP_BIN) $(OVH_BIN)

$(NVMX_OBJ)/exporter/%.o: $(TOP)/tools/exporter/%.c $(EXP_HDRS) $(NVMX_CORE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tools/exporter -c $< -o $(NVMX_TMP) && \
		mv -f $(NVMX_TMP) $@

EXP_OBJS := $(patsubst $(TOP)/tools/exporter/%.c,$(NVMX_OBJ)/exporter/%.o,$(EXP_SRCS))

# The textfile is written with tools/util's atomic write (in
# NVMX_CORE_LDLIBS): no results library, no json-c.
$(EXP_BIN): $(EXP_OBJS) $(NVMX_CORE_LIB) $(NVMX_UTIL_LIB)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -o $@ $(EXP_OBJS) $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) $(EXP_LDLIBS) $(NVMX_CORE_LDLIBS)

# The overhead driver uses libbpf (BPF_ENABLE_STATS, program info),
# json-c, tools/stats (its bootstrap) and tools/util, not the core: it
# measures the tools from the outside.  parse.c reads what each tracer saw.
OVH_SRCS := $(TOP)/bench/overhead/overhead.c $(TOP)/bench/overhead/parse.c
$(OVH_BIN): $(OVH_SRCS) $(TOP)/bench/overhead/overhead.h $(CMP_OBJ)/stats.o \
		$(TOP)/tools/stats/stats.h $(NVMX_UTIL_LIB) $(NVMX_UTIL_HDRS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_BASE_CFLAGS) $(NVMX_FLAVOR_CFLAGS) -I/usr/include/json-c -I$(TOP)/tools \
		$(NVMX_UTIL_INC) -o $@ $(OVH_SRCS) $(CMP_OBJ)/stats.o $(NVMX_UTIL_LIB) \
		$(NVMX_FLAVOR_LDFLAGS) -lbpf -ljson-c -lelf -lz -lm

$(EXP_UNIT_BIN): $(TOP)/tests/exporter/test_prom.c $(NVMX_OBJ)/exporter/prom.o \
		$(NVMX_OBJ)/exporter/keep.o $(NVMX_CORE_LIB) $(NVMX_UTIL_LIB)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tools/exporter -o $@ $< \
		$(NVMX_OBJ)/exporter/prom.o $(NVMX_OBJ)/exporter/keep.o \
		$(NVMX_CORE_LIB) $(NVMX_CORE_LDFLAGS) \
		-lcmocka $(NVMX_CORE_LDLIBS)

# Unit test of the command line (tools/exporter/args.c).
$(EXP_ARGS_BIN): $(TOP)/tests/exporter/test_args.c $(NVMX_OBJ)/exporter/args.o \
		$(NVMX_CORE_LIB) $(NVMX_UTIL_LIB)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tools/exporter -o $@ $< \
		$(NVMX_OBJ)/exporter/args.o $(NVMX_CORE_LIB) $(NVMX_CORE_LDFLAGS) \
		-lcmocka $(NVMX_CORE_LDLIBS)

# Unit test of the overhead benchmark's output parsers (no tracer needed).
$(OVH_UNIT_BIN): $(TOP)/tests/overhead/test_parse.c $(TOP)/bench/overhead/parse.c \
		$(TOP)/bench/overhead/overhead.h $(TOP)/tests/tmpdir.h
	@mkdir -p $(@D)
	$(CC) $(NVMX_BASE_CFLAGS) $(NVMX_FLAVOR_CFLAGS) -I$(TOP)/bench/overhead -o $@ $< \
		$(TOP)/bench/overhead/parse.c $(NVMX_FLAVOR_LDFLAGS) -lcmocka -ljson-c

nvmx-export-bins: $(EXP_BIN) $(EXP_UNIT_BIN) $(EXP_ARGS_BIN) $(OVH_UNIT_BIN) \
	$(NVMX_WORKLOAD_BIN)

# The sanitizer binaries, built by one sub-make after the shared parts
# (check-export-unit and check-export both link prom.o and keep.o).
.PHONY: export-san-bins
export-san-bins: nvmx-san-shared
	+$(MAKE) -f $(TOP)/Makefile SAN=1 nvmx-export-bins

# Unit tests of the text exposition and the command line, then the
# exporter's command-line errors (tests/exporter/cli.sh: it exits before
# loading BPF; sanitizer build, no root needed).
check-export-unit: export-san-bins
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(NVMX_BUILD)/san/bin/tests/exporter_test_prom
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(NVMX_BUILD)/san/bin/tests/exporter_test_args
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(TOP)/tests/exporter/cli.sh $(NVMX_BUILD)/san/bin/nvmx-gpc-exporter

check-overhead-unit: export-san-bins
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(NVMX_BUILD)/san/bin/tests/overhead_test_parse

# Live test: exporter (sanitizer build) + Debian's prometheus on loopback.
check-export: export-san-bins
	$(EMU_HOST_RUN) --timeout 900 -- env EXPORTER=$(NVMX_BUILD)/san/bin/nvmx-gpc-exporter \
		WORKLOAD=$(NVMX_BUILD)/san/bin/nvmx-workload \
		$(TOP)/tests/exporter/run.sh

# Overhead benchmark (native build: sanitizers would distort the timing),
# on this machine's KVM or the emulated host (there, only its ratios mean
# anything: TCG time is not hardware time).
# Then the cost per nested round trip in the Bochs lab (bench-lab-cost).
bench: $(OVH_BIN) $(NVMX_TOP_BIN) $(NVMX_WORKLOAD_BIN)
	@mkdir -p $(dir $(BENCH_OUT))
	$(EMU_HOST_RUN) -- $(OVH_BIN) --bin $(NVMX_BIN) --bt $(TOP)/bench/overhead/nvmx-gpc.bt \
		$(if $(wildcard $(NVMX_BIN)/nvmx-gpc),--record $(NVMX_BIN)/nvmx-gpc) \
		--pio $(BENCH_N) -r $(BENCH_REPS) --bpf-stats -o $(BENCH_OUT)
	+$(MAKE) -f $(TOP)/Makefile bench-lab-cost

install-export: $(EXP_BIN)
	install -d $(DESTDIR)$(prefix)/sbin
	install -m 0755 $(EXP_BIN) $(DESTDIR)$(prefix)/sbin/nvmx-gpc-exporter

clean-export:
	rm -rf $(NVMX_OBJ)/exporter $(EXP_BIN) $(OVH_BIN) $(EXP_UNIT_BIN) $(EXP_ARGS_BIN) \
		$(OVH_UNIT_BIN)
