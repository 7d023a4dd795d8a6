# mk/20-compare.mk: nvmx-gpc record/compare (tools/nvmx-gpc/), results
# files (tools/results/), statistics (tools/stats/), their tests
# (tests/compare/), the results-reader fuzzer (fuzz/) and bench/run.
#
# Builds in the flavour dirs of mk/10-tools.mk (native, san, static):
#   $(NVMX_BIN)/nvmx-gpc              the tool
#   $(NVMX_OUT)/lib/libnvmx_results.a tools/results (NVMX_RESULTS_LIB; the
#                                     exporter links it too)
#   $(NVMX_BIN)/tests/compare/*        unit tests and the scale helper
#   build/fuzz/fuzz_results            libFuzzer target (clang-14)
# make check runs the unit tests and the gate tests (real recordings of
# the host KVM workload, as root) in the san flavour, then fuzzes the
# reader for FUZZ_SECONDS (default 30).

CMP_OBJ := $(NVMX_OBJ)/compare
NVMX_GPC_BIN := $(NVMX_BIN)/nvmx-gpc
CMP_CFLAGS := $(NVMX_BASE_CFLAGS) $(NVMX_FLAVOR_CFLAGS) -I$(TOP)/tools/core \
	-I$(TOP)/include -I$(TOP)/bpf -I$(NVMX_GEN) $(NVMX_UTIL_INC)
CMP_JSON_LDLIBS := -ljson-c -lm
CMP_HDRS := $(wildcard $(TOP)/tools/results/*.h $(TOP)/tools/stats/*.h \
	$(TOP)/tools/nvmx-gpc/*.h) $(TOP)/tools/core/hist.h $(TOP)/include/nvmx_gpc_abi.h \
	$(NVMX_UTIL_HDRS)
# libnvmx_results.a: tools/results, for every binary that reads or writes
# results files.  It writes them with tools/util's atomic write.
NVMX_RESULTS_LIB := $(NVMX_OUT)/lib/libnvmx_results.a
CMP_LIB_OBJS := $(CMP_OBJ)/stats.o $(NVMX_RESULTS_LIB) $(NVMX_UTIL_LIB)
# compare's parts (compare*.c: the command, its options, statistics,
# --require, reports, plots), also linked by its unit tests
CMP_PART_OBJS := $(patsubst $(TOP)/tools/nvmx-gpc/%.c,$(CMP_OBJ)/%.o,\
	$(wildcard $(TOP)/tools/nvmx-gpc/compare*.c))
CMP_TOOL_OBJS := $(CMP_OBJ)/main.o $(CMP_PART_OBJS) $(CMP_OBJ)/record.o
CMP_TEST_SRCS := $(wildcard $(TOP)/tests/compare/test_*.c)
CMP_TEST_BINS := $(patsubst $(TOP)/tests/compare/%.c,$(NVMX_BIN)/tests/compare/%,$(CMP_TEST_SRCS))
CMP_SCALE_BIN := $(NVMX_BIN)/tests/compare/res-scale
FUZZ_SECONDS ?= 30
FUZZ_BIN := $(NVMX_BUILD)/fuzz/fuzz_results

DEPS_PACKAGES += libjson-c-dev libcmocka-dev gnuplot-nox clang-14 libclang-rt-14-dev \
	jq bpftool

ALL_TARGETS += nvmx-gpc
CHECK_TARGETS += check-compare check-compare-fuzz
UNIT_TARGETS += check-compare-unit check-compare-fuzz
INSTALL_TARGETS += install-nvmx-gpc
CLEAN_TARGETS += clean-compare

.PHONY: nvmx-gpc compare-test-bins check-compare check-compare-unit \
	check-compare-gate check-compare-fuzz install-nvmx-gpc clean-compare

nvmx-gpc: $(NVMX_GPC_BIN)

# The results reader and writer.  Built by this one rule, in
# nvmx-san-shared's sub-make for the tests (mk/10-tools.mk).
# Its parts: the model (results.c), validation, reader and writer.
CMP_RES_SRCS := $(wildcard $(TOP)/tools/results/*.c)
CMP_RES_OBJS := $(patsubst $(TOP)/tools/results/%.c,$(CMP_OBJ)/%.o,$(CMP_RES_SRCS))
$(CMP_RES_OBJS): $(CMP_OBJ)/%.o: $(TOP)/tools/results/%.c $(CMP_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -c $< -o $(NVMX_TMP) && mv -f $(NVMX_TMP) $@

$(NVMX_RESULTS_LIB): $(CMP_RES_OBJS)
	@mkdir -p $(@D)
	ar rcs $(NVMX_TMP) $^ && mv -f $(NVMX_TMP) $@

nvmx-shared: $(NVMX_RESULTS_LIB)

$(CMP_OBJ)/stats.o: $(TOP)/tools/stats/stats.c $(CMP_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -c $< -o $@

# Own copy of the bucket math for binaries that do not link the core.
$(CMP_OBJ)/hist.o: $(TOP)/tools/core/hist.c $(CMP_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -c $< -o $@

$(CMP_OBJ)/main.o $(CMP_PART_OBJS): $(CMP_OBJ)/%.o: $(TOP)/tools/nvmx-gpc/%.c $(CMP_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -c $< -o $@

$(CMP_OBJ)/record.o: $(TOP)/tools/nvmx-gpc/record.c $(CMP_HDRS) $(NVMX_CORE_DEPS)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -c $< -o $@

$(NVMX_GPC_BIN): $(CMP_TOOL_OBJS) $(CMP_LIB_OBJS) $(NVMX_CORE_LIB)
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -o $@ $(CMP_TOOL_OBJS) $(CMP_LIB_OBJS) $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) $(CMP_JSON_LDLIBS) $(NVMX_CORE_LDLIBS)

$(NVMX_BIN)/tests/compare/%: $(TOP)/tests/compare/%.c $(CMP_LIB_OBJS) $(CMP_OBJ)/hist.o $(CMP_HDRS) \
		$(TOP)/tests/tmpdir.h
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -I$(TOP)/tools -o $@ $< $(CMP_LIB_OBJS) $(CMP_OBJ)/hist.o \
		$(NVMX_FLAVOR_LDFLAGS) -lcmocka $(CMP_JSON_LDLIBS)

# --require's tests run compare itself (all of it but main.c and record.c)
$(NVMX_BIN)/tests/compare/test_require: $(TOP)/tests/compare/test_require.c \
		$(CMP_PART_OBJS) $(CMP_LIB_OBJS) $(CMP_OBJ)/hist.o $(CMP_HDRS) $(TOP)/tests/tmpdir.h
	@mkdir -p $(@D)
	$(CC) $(CMP_CFLAGS) -I$(TOP)/tools -o $@ $< $(CMP_PART_OBJS) $(CMP_LIB_OBJS) \
		$(CMP_OBJ)/hist.o $(NVMX_FLAVOR_LDFLAGS) -lcmocka $(CMP_JSON_LDLIBS)

compare-test-bins: $(NVMX_GPC_BIN) $(CMP_TEST_BINS) $(CMP_SCALE_BIN) $(NVMX_WORKLOAD_BIN)

# The sanitizer binaries, built by one sub-make after the shared parts.
.PHONY: compare-san-bins
compare-san-bins: nvmx-san-shared
	+$(MAKE) -f $(TOP)/Makefile SAN=1 compare-test-bins

check-compare: nvmx-san-shared
	+$(MAKE) -f $(TOP)/Makefile check-compare-unit
	+$(MAKE) -f $(TOP)/Makefile check-compare-gate

# Unit tests (sanitizer flavour), then compare's command line on a stored
# recording (tests/compare/cli.sh: no KVM host needed).
check-compare-unit: compare-san-bins
	@set -e; for t in $(patsubst $(TOP)/tests/compare/%.c,%,$(CMP_TEST_SRCS)); do \
		echo "compare unit: $$t"; \
		ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
			$(NVMX_BUILD)/san/bin/tests/compare/$$t; \
	done
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		NVMX_BIN=$(NVMX_BUILD)/san/bin $(TOP)/tests/compare/cli.sh

# Gate tests on real recordings of the KVM workload (root), on this
# machine's KVM or the emulated host (scripts/emu-host).  There it boots
# Debian's 6.12.y.  The gate's 2-vCPU recording is what crashed the
# emulated host under multi-threaded TCG (docs/emulated-host.md, "Guest
# panics"); --timeout bounds a hang well below CI's limit.
check-compare-gate: compare-san-bins
	$(EMU_HOST_RUN) --kernel debian612 --timeout 1500 -- env NVMX_BIN=$(NVMX_BUILD)/san/bin \
		$(TOP)/tests/compare/gate.sh

# ---- fuzzing the reader (libFuzzer, clang-14) --------------------------
$(FUZZ_BIN): $(TOP)/fuzz/fuzz_results.c $(CMP_RES_SRCS) \
		$(TOP)/tools/core/hist.c $(NVMX_UTIL_SRCS) $(CMP_HDRS)
	@mkdir -p $(@D)
	$(CLANG_BPF) -g -O1 -std=gnu11 -D_GNU_SOURCE -Wall -Wextra -Werror \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-I$(TOP)/tools -I$(TOP)/include $(NVMX_UTIL_INC) -o $@ $(TOP)/fuzz/fuzz_results.c \
		$(CMP_RES_SRCS) $(TOP)/tools/core/hist.c $(NVMX_UTIL_SRCS) \
		-ljson-c -lm

check-compare-fuzz: $(FUZZ_BIN)
	@rm -rf $(NVMX_BUILD)/fuzz/new && mkdir -p $(NVMX_BUILD)/fuzz/new
	$(FUZZ_BIN) -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=1024 \
		-max_len=65536 -print_final_stats=1 -artifact_prefix=$(NVMX_BUILD)/fuzz/ \
		$(NVMX_BUILD)/fuzz/new $(TOP)/fuzz/corpus 2>&1 | \
		grep -E '^(INFO: seed corpus|#[0-9]+ *DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)' ; \
		exit $${PIPESTATUS[0]}

# ---- install / clean ---------------------------------------------------
install-nvmx-gpc: $(NVMX_GPC_BIN)
	install -d $(DESTDIR)$(prefix)/bin $(DESTDIR)$(prefix)/share/man/man1
	install -m 0755 $(NVMX_GPC_BIN) $(DESTDIR)$(prefix)/bin/nvmx-gpc
	install -m 0644 $(TOP)/docs/nvmx-gpc.1 $(DESTDIR)$(prefix)/share/man/man1/

clean-compare:
	rm -rf $(NVMX_BUILD)/native/obj/compare $(NVMX_BUILD)/san/obj/compare \
		$(NVMX_BUILD)/static/obj/compare $(NVMX_BUILD)/fuzz \
		$(NVMX_BUILD)/*/bin/nvmx-gpc $(NVMX_BUILD)/*/bin/tests/compare
