#!/bin/bash
# nvmx-gpc-exporter's command-line errors: each is one exact line on
# stderr and exit status 2 (docs/cli.md), before any socket is opened or
# BPF is loaded, so no root and no KVM host are needed (`make
# check-export-unit`).  tests/exporter/run.sh tries the options that do
# run on a live kernel.
#   ./cli.sh EXPORTER
set -u
EXP=${1:?usage: cli.sh EXPORTER}
P=nvmx-gpc-exporter
fails=0 passed=0
T=$(mktemp -d /tmp/nvmx-exp-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok() { echo "exporter cli: ok: $*"; passed=$((passed + 1)); }
bad() { echo "exporter cli: FAIL: $*" >&2; fails=$((fails + 1)); }

[ -x "$EXP" ] || { echo "exporter cli: FAIL: missing $EXP" >&2; exit 1; }

# expect RC STDERR ARGS...: exit status RC and exactly the stderr STDERR
expect() {
	local want=$1 werr=$2 rc
	shift 2
	timeout 10 "$EXP" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ] || [ "$(cat "$T/err")" != "$werr" ]; then
		bad "$*: exit $rc, stderr '$(cat "$T/err")'; want exit $want, stderr '$werr'"
		return 1
	fi
	ok "$*: exit $rc: ${werr:-no stderr}"
}

expect 2 "$P: --sample: '1' is not an integer in 2..65535" --sample 1
expect 2 "$P: --sample: '65536' is not an integer in 2..65535" --sample=65536
expect 2 "$P: --than: '0' is not an integer in 1..3600000000" --than 0
expect 2 "$P: --than: '1.5' is not an integer in 1..3600000000" --than 1.5
expect 2 "$P: option '--than' needs an argument (see --help)" --than
expect 2 "$P: --sample and --counts-only are mutually exclusive (no latency counting only)" \
	--sample 8 --counts-only
expect 2 "$P: --than and --counts-only are mutually exclusive (no latency counting only)" \
	--counts-only --than 100
expect 2 "$P: --pid: '0' is not a PID (1..4194304)" --than 100 -p 0
expect 2 "$P: unknown option '-t' (see --help)" -t x
expect 2 "$P: nothing to do: --listen none needs --textfile PATH" --listen none
expect 0 "" --version
grep -qx "$P 0.1.0" "$T/out" && ok "--version: $P 0.1.0" || bad "--version: '$(cat "$T/out")'"
expect 0 "" --help
for o in --sample --than; do
	grep -q -- "^ *$o " "$T/out" && ok "--help has $o" || bad "--help lacks $o"
done

echo "exporter-cli: $passed passed, $fails failed"
[ "$fails" -eq 0 ]
