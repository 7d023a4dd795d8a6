# mk/65-golden.mk: the tools' outputs on fixed input (tests/golden/).
#
# tests/golden/render.c feeds the same snapshots and attach plans to every
# writer (nvmx-gpc-top's sink, the exporter's exposition, nvmx-gpc
# record's results file, --probes); tests/golden/run.sh compares what they
# write with tests/golden/expected/ byte for byte.  No root, no KVM.
#
#   make check-golden    the comparison (part of make check-unit)
#   make golden-update   rewrite tests/golden/expected/ after an intended
#                        change of the output (commit the diff with it)
#
# The writers' sources are compiled into the one binary (no shared
# object files), so this sub-make builds nothing another one builds.

GOLDEN_BIN := $(NVMX_BIN)/tests/golden_render
GOLDEN_SRCS := $(TOP)/tests/golden/render.c $(TOP)/tools/exporter/prom.c \
	$(TOP)/tools/top/run.c

UNIT_TARGETS += check-golden
CHECK_TARGETS += check-golden

.PHONY: check-golden golden-update golden-bins golden-san-bins

$(GOLDEN_BIN): $(GOLDEN_SRCS) $(TOP)/tools/nvmx-gpc/record.c \
		$(wildcard $(TOP)/tools/exporter/*.h $(TOP)/tools/top/*.h) \
		$(CMP_HDRS) $(NVMX_CORE_DEPS) $(NVMX_RESULTS_LIB)
	@mkdir -p $(@D)
	$(CC) $(NVMX_CORE_CFLAGS) -I$(TOP)/tools/exporter -I$(TOP)/tools/top \
		-o $(NVMX_TMP) $(GOLDEN_SRCS) $(NVMX_RESULTS_LIB) $(NVMX_CORE_LIB) \
		$(NVMX_CORE_LDFLAGS) -ljson-c $(NVMX_CORE_LDLIBS) && mv -f $(NVMX_TMP) $@

golden-bins: $(GOLDEN_BIN)

golden-san-bins: nvmx-san-shared
	+$(MAKE) -f $(TOP)/Makefile SAN=1 golden-bins

check-golden: golden-san-bins
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(TOP)/tests/golden/run.sh $(NVMX_BUILD)/san/bin/tests/golden_render

golden-update: golden-san-bins
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
		$(TOP)/tests/golden/run.sh $(NVMX_BUILD)/san/bin/tests/golden_render --update
