#!/bin/bash
# Every file of the sanitizer flavour is built once under `make -j`.
#
# Builds what the check targets of the tools, compare and the exporter
# build (the KVM-host parts replaced by `:`) from an empty build
# directory, in parallel, and fails when one output file is written by two
# commands: two sub-makes that both think they own a file race on it (one
# links the other's half-written object).  Needs neither root nor KVM;
# about 2 min on 2 cores.
set -uo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
L=$(mktemp -d /tmp/nvmx-once.XXXXXX)
B=$L/build
trap 'rm -rf "$L"' EXIT

# The KVM-host tests run ":" instead of scripts/emu-host; the unit tests
# still run (their binaries are what is being built).
make -f "$TOP/Makefile" --no-print-directory -j"${ONCE_JOBS:-4}" NVMX_BUILD="$B" \
	EMU_HOST_RUN=: check-tools check-compare check-export-unit check-export check-golden \
	>"$L/log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	echo "once: FAIL: the build failed (exit $rc):" >&2
	tail -30 "$L/log" >&2
	exit 1
fi
# The file each build command writes: the argument of -o, of "ar rcs" or
# of ">", without the $@.$$.tmp of mk/10-tools.mk's atomic rules.
grep -oE "(-o|ar rcs|>) $B/[^ ]+" "$L/log" | sed -E "s/^(-o|ar rcs|>) //; s/\.\\$\\$\.tmp$//" |
	sort >"$L/out"
dups=$(uniq -d "$L/out" | sed "s|^$B/||" | tr '\n' ' ')
n=$(sort -u "$L/out" | wc -l)
if [ -n "$dups" ]; then
	echo "once: FAIL: built more than once: $dups" >&2
	exit 1
fi
[ "$n" -gt 30 ] || { echo "once: FAIL: only $n files built: the log parser is broken" >&2; exit 1; }
echo "once: ok: $n files, each built once"
