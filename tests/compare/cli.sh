#!/bin/bash
# nvmx-gpc compare on a stored recording (fuzz/corpus/host-pio200.json):
# the parts of the command line that need no KVM host, so that they run
# in `make check-compare-unit` too (gate.sh repeats them on real files).
#   --plot DIR with quotes, backslashes and gnuplot's special first
#              characters in DIR -> the plots, in DIR
#   --plot DIR with a newline   -> exit 2, one line
#   a results file with a key twice in one object -> exit 2, one line
#   a file recorded before page kind evmcs against one with it -> exit 0,
#              one warning, the evmcs rows "only after"/"only before";
#              a missing counter that is no page-kind split -> exit 2
#   a file recorded before the refresh cause and kick counters against
#              one with them -> exit 0, one warning, their rows "only
#              after"/"only before"; a file with some of them -> exit 2
#   record's command-line errors -> exit 2, one exact line; a -p
#              process that is gone -> exit 1 (docs/cli.md)
#   compare -f json: an error is also {"error": ...} on stdout
# NVMX_BIN: directory with nvmx-gpc.
set -u
BIN=${NVMX_BIN:?set NVMX_BIN}
GPC=$BIN/nvmx-gpc
TOP=$(cd "$(dirname "$0")/../.." && pwd)
F=$TOP/fuzz/corpus/host-pio200.json
fails=0
T=$(mktemp -d /tmp/nvmx-cli.XXXXXX)
trap 'rm -rf "$T"' EXIT

ok() { echo "cli: ok: $*"; }
bad() { echo "cli: FAIL: $*" >&2; fails=$((fails + 1)); }

[ -x "$GPC" ] || { echo "cli: FAIL: missing $GPC" >&2; exit 1; }
[ -r "$F" ] || { echo "cli: FAIL: missing $F" >&2; exit 1; }

# expect RC STDERR CMD...: exit status RC and exactly the stderr STDERR
expect() {
	local want=$1 werr=$2 rc
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ] || [ "$(cat "$T/err")" != "$werr" ]; then
		bad "$*: exit $rc, stderr '$(cat "$T/err")'; want exit $want, stderr '$werr'"
		return 1
	fi
	ok "exit $rc: ${werr:-no stderr}"
}

# ---- --plot DIR: DIR reaches gnuplot as itself ---------------------------
# host-pio200.json has one histogram with samples (kvm_run_ns): a .dat and
# a .gp, two PNGs and two SVGs.
want_files='kvm_run_ns-cdf.png kvm_run_ns-cdf.svg kvm_run_ns-hist.png kvm_run_ns-hist.svg kvm_run_ns.dat kvm_run_ns.gp'
cd "$T" || exit 1
for d in "it's \"q\" \\ dir" "\\'" "|pipe" "<lt" "-dash" "~tilde" "$T/abs 'x'"; do
	expect 0 "" "$GPC" compare --plot "$d" "$F" "$F" || continue
	files=$(cd -- "$d" && ls | tr '\n' ' ')
	[ "$files" = "$want_files " ] || { bad "--plot '$d': files '$files', want '$want_files '"; continue; }
	for f in kvm_run_ns-hist.png kvm_run_ns-cdf.png; do
		[ "$(head -c 4 -- "$d/$f" | od -An -c | tr -d ' ')" = '211PNG' ] ||
			bad "--plot '$d': $f is not a PNG"
	done
	for f in kvm_run_ns-hist.svg kvm_run_ns-cdf.svg; do
		grep -q '<svg' -- "$d/$f" || bad "--plot '$d': $f is not an SVG"
	done
	ok "--plot '$d': $files"
done
# nothing else was created (no pipe ran, no home directory was written)
entries=$(ls -A | sort | tr '\n' '/')
[ "$entries" = "$(printf '%s\n' "it's \"q\" \\ dir" "\\'" "|pipe" "<lt" "-dash" "~tilde" \
	"abs 'x'" err out | sort | tr '\n' '/')" ] && ok "--plot: only the plot directories" ||
	bad "--plot: entries in $T: $entries"
expect 2 "nvmx-gpc compare: --plot: a directory name with a newline cannot go into a gnuplot script" \
	"$GPC" compare --plot "$(printf 'a\nb')" "$F" "$F"
[ ! -e "$T/a" ] && ok "--plot with a newline: nothing written" || bad "--plot with a newline wrote $T/a"
cd "$TOP" || exit 1

# ---- a key twice in one object ---------------------------------------------
sed 's/"interrupted": false/"interrupted": false, "interrupted": true/' "$F" >"$T/dupkey.json"
grep -q '"interrupted": false, "interrupted": true' "$T/dupkey.json" || bad "dupkey.json not made"
expect 2 "nvmx-gpc compare: $T/dupkey.json: metadata: duplicate key 'interrupted'" \
	"$GPC" compare "$F" "$T/dupkey.json"
sed '0,/"count": 200/s//"count": 200, "count": 200/' "$F" >"$T/dupcount.json"
expect 2 "nvmx-gpc compare: $T/dupcount.json: metrics[0].runs[0]: duplicate key 'count'" \
	"$GPC" compare "$T/dupcount.json" "$F"

# ---- a page kind one file was recorded without ----------------------------
# host-pio200.json predates page kind evmcs; new.json has its entries
# (pi_desc's, renamed), as nvmx-gpc record writes them now.
jq '.metrics += [.metrics[] | select(.name | endswith(".pi_desc")) |
		.name |= sub("\\.pi_desc$"; ".evmcs")] |
	.counters += [.counters[] | select(.name | endswith(".pi_desc")) |
		.name |= sub("\\.pi_desc$"; ".evmcs")]' "$F" >"$T/new.json"
[ "$(jq '[.metrics[], .counters[] | select(.name | endswith(".evmcs"))] | length' \
	"$T/new.json")" = 9 ] || bad "new.json: not 9 evmcs entries"
w="nvmx-gpc compare: warning: $F has no 'evmcs' entries (recorded before that page kind was counted): compared as absent"
expect 0 "$w" "$GPC" compare "$F" "$T/new.json" &&
	{ grep -Eq '^maps\.evmcs +count +- +[0-9]+ .* only after' "$T/out" &&
		ok "old before new: maps.evmcs only after" ||
		bad "old before new: no maps.evmcs row 'only after'"; }
expect 0 "$w" "$GPC" compare -f json "$T/new.json" "$F" &&
	{ [ "$(jq -r '.counters[] | select(.name == "maps.evmcs") | .verdict' \
		"$T/out")" = "only before" ] && ok "new before old: maps.evmcs only before" ||
		bad "new before old: maps.evmcs verdict '$(jq -c .counters "$T/out")'"; }
jq 'del(.counters[] | select(.name == "pio_exits"))' "$T/new.json" >"$T/nopio.json"
expect 2 "nvmx-gpc compare: mismatched counters: 'pio_exits' is in $F but not in $T/nopio.json" \
	"$GPC" compare "$F" "$T/nopio.json"

# ---- counters a file was recorded before ------------------------------------
# causes.json has the refresh cause and kick counters (tracepoint ABI 3),
# as nvmx-gpc record writes them now (null runs where unavailable, counts
# where available); host-pio200.json predates them.
jq '.counters += [("gpc_stale_invalid", "gpc_stale_memslot", "gpc_stale_retarget",
		   "gpc_stale_valid", "gpc_kicks", "gpc_kick_events") |
		  {name: ., unit: "count", description: ., better: "none",
		   runs: (if . == "gpc_kicks" then [3, 5] else [null, null] end)}]' \
	"$F" >"$T/causes.json"
w="nvmx-gpc compare: warning: $F has no refresh cause and kick counters (gpc_stale_*, gpc_kick*: recorded before they were counted): compared as absent"
expect 0 "$w" "$GPC" compare "$F" "$T/causes.json" &&
	{ grep -Eq '^gpc_kicks +count +- +4(\.0+)? .* only after' "$T/out" &&
		ok "old before new: gpc_kicks only after" ||
		bad "old before new: no gpc_kicks row 'only after': $(grep gpc_kicks "$T/out")"; }
expect 0 "$w" "$GPC" compare -f json "$T/causes.json" "$F" &&
	{ v=$(jq -r '[.counters[] | select(.name | test("^gpc_(stale|kick)")) |
		.name + ": " + .verdict] | join(", ")' "$T/out")
	  [ "$v" = "gpc_stale_invalid: no data, gpc_stale_memslot: no data, gpc_stale_retarget: no data, gpc_stale_valid: no data, gpc_kicks: only before, gpc_kick_events: no data" ] &&
		ok "new before old: gpc_kicks only before, the null ones no data" ||
		bad "new before old: verdicts '$v'"; }
# a file with some of the group is no older file: mismatched
jq 'del(.counters[] | select(.name == "gpc_kick_events"))' "$T/causes.json" >"$T/part.json"
expect 2 "nvmx-gpc compare: mismatched counters: 'gpc_kick_events' is in $T/causes.json but not in $T/part.json" \
	"$GPC" compare "$T/causes.json" "$T/part.json"

# ---- record's and compare's command lines --------------------------------
# record: what is refused before any BPF is loaded
# (docs/cli.md: 2 for a bad command line, 1 for a -p process that is gone)
sh -c 'exit 0' & gone=$!
wait $gone
expect 1 "nvmx-gpc record: no process with PID $gone" \
	"$GPC" record -o "$T/x.json" -p "$gone"
expect 2 "nvmx-gpc record: --pid: '4194305' is not a PID (1..4194304)" \
	"$GPC" record -o "$T/x.json" -p 4194305
expect 2 "nvmx-gpc record: --pid: '-1' is not a PID (1..4194304)" \
	"$GPC" record -o "$T/x.json" --pid=-1
expect 2 "nvmx-gpc record: --repeat: '-1' is not an integer in 1..10000" \
	"$GPC" record -o "$T/x.json" -d 1 -r -1
expect 2 "nvmx-gpc record: --hist-k: '99999999999999999999' is not an integer in 0..6" \
	"$GPC" record -o "$T/x.json" -d 1 -k 99999999999999999999
[ ! -e "$T/x.json" ] && ok "record: nothing written" || bad "record wrote $T/x.json"
expect 2 "nvmx-gpc compare: unknown option '-a' (see --help)" \
	"$GPC" compare -a 0.1 "$F" "$F"
expect 0 "" "$GPC" compare --alpha 0.1 "$F" "$F"
expect 2 "nvmx-gpc compare: --bootstrap: '99' is not an integer in 100..1000000" \
	"$GPC" compare -B 99 "$F" "$F"
# -f json: an error is also one JSON object on stdout (p_err's twin)
expect 2 "nvmx-gpc compare: $T/none.json: No such file or directory" \
	"$GPC" compare -f json "$F" "$T/none.json" &&
	{ [ "$(jq -r .error "$T/out")" = "$T/none.json: No such file or directory" ] &&
		ok "-f json: the error on stdout" || bad "-f json: stdout '$(cat "$T/out")'"; }
for c in record compare; do
	expect 0 "" "$GPC" $c -V && [ "$(cat "$T/out")" = "nvmx-gpc $c 0.1.0" ] ||
		bad "$c -V: '$(cat "$T/out")'"
done

if [ $fails -ne 0 ]; then
	echo "cli: $fails FAILED" >&2
	exit 1
fi
echo "cli: all passed"
