# mk/90-style.mk: checks of the code's shape that need no build.
#
#   make check-func-length   no C function in tools/ or bench/ is longer
#                            than 120 lines (scripts/long-functions)
#
# The exceptions are functions that other work rewrote at the same time
# (record.c for the metric catalogue, the option parsing of every tool
# for one command line, --counts-only) and that are still to be split;
# they leave this list when they are.  A stale exception is reported, not
# fatal.
FUNC_LENGTH_MAX := 120
FUNC_LENGTH_EXCEPTIONS := \
	tools/nvmx-gpc/record.c:cmd_record \
	tools/top/opts.c:top_parse_args

UNIT_TARGETS += check-func-length
CHECK_TARGETS += check-func-length

.PHONY: check-func-length
check-func-length:
	cd $(TOP) && scripts/long-functions -n $(FUNC_LENGTH_MAX) \
		$(addprefix -x ,$(FUNC_LENGTH_EXCEPTIONS)) tools bench
