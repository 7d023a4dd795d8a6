#!/bin/bash
# Gate tests of nvmx-gpc record/compare on REAL recordings of the host KVM
# workload (bench/workload), made here and now: needs root and /dev/kvm
# (make check runs it through scripts/emu-host where this machine has none).
#   identical inputs            -> exit 0, "no significant change"
#   AFTER = real file x 1.2     -> exit 1 naming kvm_run_ns
#   malformed / other schema    -> exit 2
# plus --require, warnings, plots, formats, Ctrl-C and exit status keeping.
# NVMX_BIN: directory with nvmx-gpc, nvmx-workload, tests/compare/res-scale.
set -u
BIN=${NVMX_BIN:?set NVMX_BIN}
GPC=$BIN/nvmx-gpc
WL=$BIN/nvmx-workload
SCALE=$BIN/tests/compare/res-scale
N=20000
fails=0
T=$(mktemp -d /tmp/nvmx-gate.XXXXXX)
# a cgroup of our own for --cgroup: cg_make/cg_enter/cg_remove
. "$(dirname "$0")/../lib/cgroup.sh"
trap 'cg_remove "$CG_DIR"; rm -rf "$T"' EXIT

die() { echo "gate: FAIL: $*" >&2; exit 1; }
ok() { echo "gate: ok: $*"; }
bad() { echo "gate: FAIL: $*" >&2; fails=$((fails + 1)); }

[ "$(id -u)" -eq 0 ] || die "must run as root (BPF + /dev/kvm): the gate tests record real files"
[ -e /dev/kvm ] || die "no /dev/kvm"
for b in "$GPC" "$WL" "$SCALE"; do [ -x "$b" ] || die "missing $b"; done

# run EXPECTED_RC NAME CMD...: stdout/stderr kept in $T/out $T/err
run() {
	local want=$1 name=$2 rc
	shift 2
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -ne "$want" ]; then
		bad "$name: exit $rc, expected $want"
		sed 's/^/    /' "$T/err" | head -20 >&2
		return 1
	fi
	ok "$name (exit $rc)"
}
has() {		# has FILE PATTERN NAME
	grep -q -- "$2" "$1" || { bad "$3: '$2' not in $(basename "$1")"; sed 's/^/    /' "$1" | head -30 >&2; }
}

# counts FILE NAME...: "NAME=[value of each run]" for each NAME, read from
# the file with jq (not through compare, so that a bug in compare cannot
# hide one in record): a counter, or NAME:count, a histogram's count
counts() {
	local f=$1
	shift
	jq -r '. as $d | $ARGS.positional[] | . as $n |
		if endswith(":count") then (rtrimstr(":count")) as $m |
			"\($n)=\([$d.metrics[] | select(.name == $m) | .runs[].count])"
		else "\($n)=\([$d.counters[] | select(.name == $n) | .runs[]])" end' \
		"$f" --args "$@" | tr '\n' ' '
}
expect_counts() {	# expect_counts DESC FILE "NAME=[...] ..." NAME...
	local desc=$1 f=$2 want=$3 got
	shift 3
	got=$(counts "$f" "$@")
	[ "$got" = "$want " ] && ok "$desc: $want" || bad "$desc: got '$got', want '$want'"
}

# ids of the BPF links a process holds, and of all links in the system
held_links() { grep -h '^link_id:' /proc/"$1"/fdinfo/* 2>/dev/null | awk '{print $2}' | sort; }
all_links() { bpftool link show 2>/dev/null | sed -n 's/^\([0-9][0-9]*\):.*/\1/p' | sort; }

# ---- real recordings -----------------------------------------------------
run 0 "record before ($N PIO exits)" \
	"$GPC" record -q -o "$T/before.json" -l before -- "$WL" --pio $N --pvclock 8 --dontneed 4 || exit 1
run 0 "record again, 5 runs" \
	"$GPC" record -q -o "$T/runs5.json" -r 5 -- "$WL" --pio 4000 --pvclock 4 || exit 1
# exact counts the workload determines, in each run
expect_counts "recorded counts are exact" "$T/before.json" \
	"pio_exits=[$N] userspace_exits=[$N] kvm_runs=[$N] kvm_run_ns:count=[$N]" \
	pio_exits userspace_exits kvm_runs kvm_run_ns:count
expect_counts "5-run counts are exact" "$T/runs5.json" \
	"pio_exits=[4000,4000,4000,4000,4000] kvm_run_ns:count=[4000,4000,4000,4000,4000]" \
	pio_exits kvm_run_ns:count

# a run of several seconds: record reads the maps every second and adds
# the deltas up (letting the core free rows of exited processes); the
# counts must stay exact across those reads
run 0 "record a run of several seconds (2 vCPUs)" \
	"$GPC" record -q -o "$T/long.json" -- "$WL" --pio 150000 --vcpus 2 --pause 1500 || exit 1
jq -e '.metadata.runs[0].duration_s > 2' "$T/long.json" >/dev/null ||
	bad "long run lasted $(jq .metadata.runs[0].duration_s "$T/long.json") s, want > 2"
expect_counts "several-second run: exact counts" "$T/long.json" \
	"pio_exits=[300000] kvm_runs=[300000] kvm_run_ns:count=[300000]" \
	pio_exits kvm_runs kvm_run_ns:count

# --cgroup: a command that runs one workload in our cgroup and, at the
# same time, one in the cgroup2 root; record -a --cgroup counts only the
# first, exactly (the probes note each thread's cgroup at its first event)
if cg_make "nvmx-gate.$$"; then
	SPLIT='echo $$ >"$0/cgroup.procs" || exit 1
		"$1" --pio 4000 >/dev/null & a=$!
		bash -c "echo \$\$ >\"$(dirname "$0")/cgroup.procs\" && exec \"$1\" --pio 3000" >/dev/null & b=$!
		wait $a && wait $b'
	run 0 "record -a --cgroup" "$GPC" record -q -a --cgroup "$CG_DIR" -o "$T/cg.json" -- \
		bash -c "$SPLIT" "$CG_DIR" "$WL" &&
		expect_counts "record -a --cgroup: only the workload in the cgroup" "$T/cg.json" \
			"pio_exits=[4000] kvm_run_ns:count=[4000]" pio_exits kvm_run_ns:count
	run 0 "record -a, the same command" "$GPC" record -q -a -o "$T/all.json" -- \
		bash -c "$SPLIT" "$CG_DIR" "$WL" &&
		jq -e '[.counters[] | select(.name == "pio_exits") | .runs[0]] | .[0] >= 7000' \
			"$T/all.json" >/dev/null && ok "record -a: both workloads (>= 7000 PIO exits)" ||
		bad "record -a: $(counts "$T/all.json" pio_exits)"
	check_json() {	# DESC FILE JQ-EXPR EXPECTED
		local got
		got=$(jq -c "$3" "$2")
		[ "$got" = "$4" ] && ok "$1: $got" || bad "$1: got $got, want $4"
	}
	check_json "the file names its cgroup" "$T/cg.json" .metadata.workload.cgroup "\"$CG_DIR\""
	check_json "and no guest filter" "$T/cg.json" .metadata.workload.guest null
	run 0 "compare across VM filters" "$GPC" compare -F none "$T/all.json" "$T/cg.json"
	has "$T/err" "warning: VM filters differ: before -g - --cgroup -, after -g - --cgroup $CG_DIR" \
		"compare across VM filters"
	run 2 "record --cgroup on a plain directory" "$GPC" record -q --cgroup "$T" -o "$T/x.json" -d 1
	has "$T/err" "not a cgroup v2 directory" "record --cgroup on a plain directory"
else
	bad "cannot make a cgroup v2 directory"
fi

# ---- exit reasons (schema 3) ---------------------------------------------
# read when the kvm_exit hook is attached: then the workload's exits are there
jq -e '.metadata.reasons == false or ((.reasons | length) > 0 and
	([.reasons[] | .l1[0] + .l2_l0[0] + .l2_l1[0] + .synth[0]] | add) > 0)' \
	"$T/before.json" >/dev/null && ok "reasons: $(jq -c '[.metadata.reasons, (.reasons | length)]' "$T/before.json")" ||
	bad "reasons: $(jq -c '.metadata.reasons, .reasons[0]' "$T/before.json" | head -c 300)"
if run 0 "record --no-reasons" "$GPC" record -q --no-reasons -o "$T/norsn.json" -- "$WL" --pio 1000; then
	got=$(jq -c '[.metadata.reasons, .metadata.reasons_dropped, .reasons]' "$T/norsn.json")
	[ "$got" = '[false,0,[]]' ] && ok "--no-reasons: none in the file" ||
		bad "--no-reasons: $got, want [false,0,[]]"
fi
# a version 2 file (no reasons) is still read; the table is left out
jq '.schema_version = 2 | del(.reasons, .metadata.reasons, .metadata.reasons_dropped, .metadata.reason_isas)' \
	"$T/before.json" >"$T/v2.json"
run 0 "a version 2 file compares" "$GPC" compare "$T/v2.json" "$T/before.json"
# (on a host whose kvm_exit never fires, kvm_pvm, neither file has them)
if [ "$(jq .metadata.reasons "$T/before.json")" = true ]; then
	has "$T/out" "exit reasons: not compared (none recorded in $T/v2.json)" "version 2 file"
else
	has "$T/out" "exit reasons: not compared (none recorded in either file)" "version 2 file"
fi

# ---- identical inputs -> 0, no significant change --------------------------
run 0 "identical inputs" "$GPC" compare "$T/before.json" "$T/before.json"
has "$T/out" "verdict: no significant change" "identical inputs"
has "$T/out" "summary: 0 regressed, 0 improved" "identical inputs"
run 0 "identical 5-run inputs (test over runs)" "$GPC" compare "$T/runs5.json" "$T/runs5.json"
has "$T/out" "Mann-Whitney U over runs p = 1.0000" "identical 5-run inputs"

# ---- 20 % slower AFTER made by scaling the real file -> 1 ------------------
"$SCALE" 1.2 "$T/before.json" "$T/slow.json" || die "res-scale failed"
run 1 "20 % slower after" "$GPC" compare "$T/before.json" "$T/slow.json"
has "$T/err" "REGRESSION: kvm_run_ns +" "20 % slower after"
has "$T/out" "verdict: regressed (+" "20 % slower after"
grep -E 'ratio after/before \(p50\) 1\.(1[5-9]|2[0-5])' "$T/out" >/dev/null ||
	bad "20 % slower: ratio not 1.2: $(grep ratio "$T/out")"
run 0 "20 % slower, --fail-on none" "$GPC" compare --fail-on none "$T/before.json" "$T/slow.json"
run 1 "20 % slower, json" "$GPC" compare -f json "$T/before.json" "$T/slow.json"
has "$T/out" '"regressed": \[' "json format"
has "$T/out" '"kvm_run_ns"' "json format"
run 1 "20 % slower by p90" "$GPC" compare -s p90 "$T/before.json" "$T/slow.json"
run 0 "20 % slower under a 25 % noise floor" "$GPC" compare -t 25 "$T/before.json" "$T/slow.json"
"$SCALE" 0.8 "$T/before.json" "$T/fast.json" || die "res-scale failed"
run 0 "20 % faster after" "$GPC" compare "$T/before.json" "$T/fast.json"
has "$T/out" "verdict: improved (-" "20 % faster after"
# Over runs the exact U test of 5 against 5 per-run medians needs every
# scaled run above every original one.  A fixed x1.5 did not always clear
# the run-to-run spread under TCG, so scale by 1.5 times the recorded spread
# of the per-run medians: separation is then certain, whatever the noise.
"$SCALE" 'spread*1.5' "$T/runs5.json" "$T/runs5-slow.json" >"$T/spread" ||
	die "res-scale failed"
cat "$T/spread"
run 1 "slower than the run spread, 5 runs (test over runs)" "$GPC" compare "$T/runs5.json" "$T/runs5-slow.json"
has "$T/out" "Mann-Whitney U over runs" "slower than the run spread, 5 runs"
# the text summary names the same regressed rows, in order, as the JSON
# (tests/compare/test_require.c checks lists that do not start at row 0)
TXT_REG=$(sed -n 's/^summary: [0-9]* regressed, [0-9]* improved; regressed: //p' "$T/out")
run 1 "slower than the run spread, json" "$GPC" compare -f json "$T/runs5.json" "$T/runs5-slow.json"
JSON_REG=$(jq -r '.regressed | join(" ")' "$T/out")
if [ -n "$JSON_REG" ] && [ "$TXT_REG" = "$JSON_REG" ]; then
	ok "text summary names the regressed rows: $TXT_REG"
else
	bad "text summary names '$TXT_REG', JSON '$JSON_REG' (want the same, at least one)"
fi

# ---- --require ----------------------------------------------------------
# saved % is the core's (docs/metrics.md): this host has no nested page
# uses at all, so it is undefined (0/0), null in the file, like top's JSON.
jq -e '[.counters[] | select(.name == "saved_pct") | .runs[]] == [null]' \
	"$T/before.json" >/dev/null && ok "saved_pct is null (0/0) on the host" ||
	bad "saved_pct is not [null]: $(jq -c '.counters[] | select(.name == "saved_pct")' "$T/before.json")"
# Counters whose hooks this kernel lacks are unavailable: null, never 0
# (the nested ones need nVMX; the emulated host and PVM are not).
for c in gpc_hits maps nested_gpc_refreshes nested_gpc_activations; do
	jq -e --arg c $c '[.counters[] | select(.name == $c) | .runs[]] == [null]' \
		"$T/before.json" >/dev/null && ok "$c is [null] here (no nVMX)" ||
		bad "$c is not [null] here: $(jq -c --arg c $c '.counters[] | select(.name == $c)' "$T/before.json")"
done
# every histogram of the core is in the file; per-kind ones as name.kind
for m in kvm_run_ns vmcs12_pages_ns nested_map_ns gpc_refresh_ns l2_roundtrip_ns \
	nested_unmap_ns nested_map_ns.msr_bitmap nested_map_ns.apic_access \
	nested_map_ns.virtual_apic nested_map_ns.pi_desc nested_unmap_ns.pi_desc; do
	jq -e --arg m $m 'any(.metrics[]; .name == $m)' "$T/before.json" >/dev/null ||
		bad "metric $m missing from the recording"
done
# --require on counts the file has (checked with jq above): they pass
run 0 "require the recorded counts" "$GPC" compare "$T/before.json" "$T/before.json" \
	--require "pio_exits==$N" --require "userspace_exits==$N" \
	--require "kvm_runs==$N" --require "kvm_run_ns:count==$N"
run 0 "require the 5-run counts (histogram count over all runs)" \
	"$GPC" compare "$T/runs5.json" "$T/runs5.json" \
	--require "pio_exits==4000" --require "kvm_run_ns:count==20000"
run 1 "require one more than recorded" "$GPC" compare "$T/before.json" "$T/before.json" \
	--require "pio_exits==$((N + 1))"
run 1 "require saved_pct>=95 on the host (no nested work: undefined)" \
	"$GPC" compare "$T/before.json" "$T/before.json" --require 'saved_pct>=95'
has "$T/err" "requirement failed: saved_pct>=95 (after: undefined)" "require"
run 1 "require ratio" "$GPC" compare --fail-on none "$T/before.json" "$T/slow.json" \
	--require 'kvm_run_ns:ratio<=1.05'
run 2 "require: unknown metric" "$GPC" compare "$T/before.json" "$T/before.json" --require 'nope>=1'
run 2 "require: no operator" "$GPC" compare "$T/before.json" "$T/before.json" --require 'saved_pct'

# ---- bad input -> 2 -----------------------------------------------------
head -c 700 "$T/before.json" >"$T/trunc.json"
run 2 "truncated file" "$GPC" compare "$T/before.json" "$T/trunc.json"
has "$T/err" "trunc.json: truncated JSON" "truncated file"
echo 'this is not json' >"$T/garbage.json"
run 2 "malformed file" "$GPC" compare "$T/garbage.json" "$T/before.json"
sed 's/"schema_version": 3/"schema_version": 4/' "$T/before.json" >"$T/v4.json"
run 2 "other schema version" "$GPC" compare "$T/before.json" "$T/v4.json"
has "$T/err" "unsupported schema_version 4" "other schema version"
sed 's/"schema_version": 3/"schema_version": 1/' "$T/before.json" >"$T/v1.json"
run 2 "schema version 1 (old saved_pct)" "$GPC" compare "$T/v1.json" "$T/before.json"
has "$T/err" "v1.json: schema_version 1 is no longer read" "schema version 1"
sed 's/"ns"/"cycles"/g' "$T/before.json" >"$T/cycles.json"
run 0 "a cycles file is valid on its own" "$GPC" compare "$T/cycles.json" "$T/cycles.json"
run 2 "mismatched units" "$GPC" compare "$T/before.json" "$T/cycles.json"
has "$T/err" "mismatched units for 'kvm_run_ns': ns in" "mismatched units"
run 2 "missing file" "$GPC" compare "$T/before.json" "$T/nonexistent.json"
run 2 "bad option" "$GPC" compare --format xml "$T/before.json" "$T/before.json"

run 0 "record with -k 6" "$GPC" record -q -k 6 -o "$T/k6.json" -- "$WL" --pio 3000 || exit 1
has "$T/k6.json" '"hist_k": 6' "-k 6"
expect_counts "k=6 counts are exact" "$T/k6.json" "kvm_run_ns:count=[3000]" kvm_run_ns:count
run 2 "different histogram layouts" "$GPC" compare "$T/before.json" "$T/k6.json"
has "$T/err" "histogram layouts differ: hist_k 4 in" "different layouts"

# ---- warnings: different workload --------------------------------------
run 0 "record a different workload" "$GPC" record -q -o "$T/other.json" -- "$WL" --pio 5000 || exit 1
run 0 "different workloads compare" "$GPC" compare --fail-on none "$T/before.json" "$T/other.json"
has "$T/err" "warning: workloads differ" "different workloads"

# ---- plots and formats ------------------------------------------------
# DIR with a quote and a backslash: both must reach gnuplot as themselves
P="$T/it's \"plots\" \\"
run 1 "plots" "$GPC" compare --plot "$P" "$T/before.json" "$T/slow.json"
# six files for every histogram with samples in either file, no others
want=$(jq -rs '[.[].metrics[] | select(([.runs[].count] | add) > 0) | .name] | unique | .[] |
	(. + "-cdf.png", . + "-cdf.svg", . + "-hist.png", . + "-hist.svg", . + ".dat", . + ".gp")' \
	"$T/before.json" "$T/slow.json" | LC_ALL=C sort | tr '\n' ' ')
got=$(cd "$P" 2>/dev/null && ls | LC_ALL=C sort | tr '\n' ' ')
case " $want" in
*" kvm_run_ns-hist.png "*) [ "$got" = "$want" ] && ok "plots: $got" ||
	bad "plots: files '$got', want '$want'" ;;
*) bad "plots: no samples of kvm_run_ns in before.json or slow.json" ;;
esac
for f in "$P"/*.png; do
	[ "$(head -c 4 "$f" | od -An -c | tr -d ' ')" = '211PNG' ] || bad "plot $f is not a PNG"
done
for f in "$P"/*.svg; do
	grep -q '<svg' "$f" || bad "plot $f is not an SVG"
done
grep -q '6\.' "$P/kvm_run_ns-hist.svg" && grep -q 'nvmx-workload' "$P/kvm_run_ns-hist.svg" ||
	bad "plot title lacks kernel or workload"
run 0 "markdown" "$GPC" compare -f markdown "$T/before.json" "$T/before.json"
has "$T/out" '^| kvm\\_run\\_ns | ns | '"$N"' | '"$N"' |' "markdown"
run 0 "report to a file" "$GPC" compare -o "$T/report.txt" "$T/before.json" "$T/before.json"
has "$T/report.txt" "summary: 0 regressed" "report file"

# ---- record: exit status, bad command, Ctrl-C ----------------------------
run 0 "record keeps the workload's exit status" \
	"$GPC" record -q -o "$T/st.json" -- /bin/sh -c 'exit 3'
has "$T/st.json" '"exit_status": 3' "exit status"
run 2 "record: command not found" "$GPC" record -q -o "$T/nf.json" -- /nonexistent/cmd
[ ! -e "$T/nf.json" ] || bad "record wrote a file for a command that did not run"
run 2 "record: no -o" "$GPC" record -d 1

"$GPC" record -q -o "$T/int.json" -r 3 -- "$WL" --pio 2000000000 >/dev/null 2>"$T/err" &
rec=$!
# Wait for the attach and the first run's workload (seconds under an
# emulated host), not a fixed time.
for ((i = 0; i < 600; i++)); do
	held_links $rec >"$T/links"
	[ -s "$T/links" ] && pgrep -P $rec >/dev/null && break
	sleep 0.1
done
[ -s "$T/links" ] && ok "record holds $(wc -l <"$T/links") BPF links while running" ||
	bad "record holds no BPF links while running"
kill -INT $rec
wait $rec
rc=$?
[ $rc -eq 0 ] && ok "record after SIGINT exits 0" || bad "record after SIGINT: exit $rc"
has "$T/int.json" '"interrupted": true' "SIGINT"
has "$T/int.json" '"repetitions": 1,' "SIGINT"
run 0 "interrupted file compares, with a warning" "$GPC" compare "$T/int.json" "$T/int.json"
has "$T/err" "was interrupted (1 of 3 repetitions)" "SIGINT"
ls -a "$T" | grep -q '\.tmp\.' && bad "temporary files left behind"
left=$(all_links | comm -12 - "$T/links" | tr '\n' ' ')
[ -z "$left" ] && ok "none of record's BPF links is left behind" ||
	bad "BPF links left behind by record: $left"

# ---- record -p PID: the process exits mid-recording ----------------------
# The workload waits for SIGUSR1, so record is attached before it runs.
wl_wait() {	# ARGS...: start the workload waiting; sets WPID
	"$WL" --wait "$@" >"$T/wl.out" 2>"$T/wl.err" &
	WPID=$!
	for _ in $(seq 1200); do grep -q ready "$T/wl.err" && return; sleep 0.05; done
	die "workload did not get ready"
}
rec_attached() {	# PID: wait until record holds its BPF links
	for _ in $(seq 1200); do [ -n "$(held_links $1)" ] && { sleep 0.3; return; }; sleep 0.05; done
	die "record did not attach"
}
wl_wait --pio 7001
"$GPC" record -o "$T/pid.json" -p $WPID >/dev/null 2>"$T/err" &
rec=$!
rec_attached $rec
kill -USR1 $WPID
wait $WPID || bad "-p: workload failed"
wait $rec && ok "record -p: the process exited, record exits 0" || bad "record -p: exit $?"
has "$T/err" "process $WPID exited after 1 of 1 run" "-p exit message"
jq -e --argjson p $WPID '.metadata.workload.pid == $p and .metadata.interrupted == false and
	.metadata.workload.exit_status == null and .metadata.repetitions == 1' "$T/pid.json" >/dev/null &&
	ok "-p: pid $WPID, not interrupted, no exit status" || bad "-p metadata: $(jq -c .metadata.workload "$T/pid.json")"
expect_counts "-p: exact counts of that process" "$T/pid.json" \
	"pio_exits=[7001] kvm_runs=[7001] kvm_run_ns:count=[7001]" pio_exits kvm_runs kvm_run_ns:count

# -r 3 windows of 30 s: the process exits in the first one -> 1 run,
# marked interrupted (fewer runs than asked), exact counts
wl_wait --pio 3003
"$GPC" record -q -o "$T/pid3.json" -p $WPID -r 3 -d 30 >/dev/null 2>"$T/err" &
rec=$!
rec_attached $rec
kill -USR1 $WPID
wait $WPID
wait $rec && ok "record -p -r 3 -d 30: exit 0 when the process exits" || bad "record -p -r 3: exit $?"
jq -e '.metadata.repetitions == 1 and .metadata.repetitions_requested == 3 and
	.metadata.interrupted == true' "$T/pid3.json" >/dev/null &&
	ok "-p -r 3: 1 of 3 runs, marked interrupted" || bad "-p -r 3 metadata: $(jq -c .metadata "$T/pid3.json" | head -c 300)"
expect_counts "-p -r 3: exact counts" "$T/pid3.json" "pio_exits=[3003]" pio_exits
run 2 "-p -r 3 without -d" "$GPC" record -o "$T/x.json" -p $$ -r 3
has "$T/err" "-p with -r N needs -d SECONDS" "-p -r without -d"
run 1 "-p of a process that does not exist (exit 1, as in every tool)" \
	"$GPC" record -o "$T/x.json" -p 4194304
has "$T/err" "nvmx-gpc record: no process with PID 4194304" "-p gone: one-line error"
run 2 "-p that is not a PID" "$GPC" record -o "$T/x.json" -p 4194305
has "$T/err" "nvmx-gpc record: --pid: '4194305' is not a PID (1..4194304)" "-p 4194305"
run 2 "-r that is not a number" "$GPC" record -o "$T/x.json" -d 1 -r -1
has "$T/err" "nvmx-gpc record: --repeat: '-1' is not an integer in 1..10000" "-r -1"
run 2 "-o in a directory that does not exist" "$GPC" record -o "$T/no/such/dir.json" -- /bin/true
has "$T/err" "cannot write in $T/no/such: No such file or directory" "-o bad dir"
[ "$(wc -l <"$T/err")" -eq 1 ] || bad "-o bad dir: not one line"
run 2 "-o is a directory" "$GPC" record -o "$T" -- /bin/true

# ---- Ctrl-C in run 2 of 3: 2 runs written, each workload status kept ---
# Run 1 is a 3 s window (workload stopped with SIGTERM: 143); SIGINT is
# sent once record says run 2 started, so it lands in run 2 (the
# workload gets SIGINT: 130) however slow the host.
"$GPC" record -o "$T/int2.json" -r 3 -d 3 -- "$WL" --pio 2000000000 >/dev/null 2>"$T/err" &
rec=$!
for _ in $(seq 3000); do grep -q 'run 2/3' "$T/err" && break; sleep 0.02; done
sleep 0.3
kill -INT $rec
wait $rec && ok "SIGINT in run 2 of 3: exit 0" || bad "SIGINT in run 2: exit $?"
jq -e '.metadata.repetitions == 2 and .metadata.repetitions_requested == 3 and
	.metadata.interrupted == true and ([.metadata.runs[].exit_status] == [143, 130]) and
	.metadata.workload.exit_status == 130' "$T/int2.json" >/dev/null &&
	ok "SIGINT in run 2: 2 runs, interrupted, statuses [143, 130] kept" ||
	bad "SIGINT in run 2: $(jq -c '.metadata | {repetitions, interrupted, runs, workload}' "$T/int2.json")"
ls -a "$T" | grep -q '\.tmp\.' && bad "temporary files left behind"

# ---- malformed results files: exit 2, exactly one line on stderr -------
: >"$T/empty.json"
printf '{"schema": "nvmx-gpc-results", "schema_version": 2, \0}' >"$T/nul.json"
echo '[1, 2]' >"$T/array.json"
jq '.metadata.repetitions = 7' "$T/before.json" >"$T/reps.json"
jq '.metrics[0].runs[0].count += 1' "$T/before.json" >"$T/count.json"
jq 'del(.counters)' "$T/before.json" >"$T/nocounters.json"
sed 's/"hist_k": 4/"hist_k": 1e999/' "$T/before.json" >"$T/huge.json"
head -c 1 "$T/before.json" >"$T/one.json"
# a key twice in one object (jq cannot write one): not "the last one wins"
sed 's/"interrupted": false/"interrupted": false, "interrupted": true/' "$T/before.json" >"$T/dupkey.json"
run 2 "duplicate key" "$GPC" compare "$T/before.json" "$T/dupkey.json"
has "$T/err" "^nvmx-gpc compare: $T/dupkey.json: metadata: duplicate key 'interrupted'\$" "duplicate key"
mkdir -p "$T/adir.json"
for f in trunc garbage v4 v1 empty nul array reps count nocounters huge one dupkey adir \
	nonexistent; do
	"$GPC" compare "$T/before.json" "$T/$f.json" >/dev/null 2>"$T/err"
	rc=$?
	if [ $rc -ne 2 ] || [ "$(wc -l <"$T/err")" -ne 1 ] || ! grep -q "^nvmx-gpc compare: .*$f.json: " "$T/err"; then
		bad "bad file $f.json: exit $rc, stderr: $(cat "$T/err")"
	else
		ok "bad file $f.json -> 2: $(cut -c1-110 "$T/err")"
	fi
done

# bench/run noise (A/A): 3 blocks x 2 runs -> 2 pairs per workload, each
# pair compares 2 x 2000 KVM_RUNs; the file counts are exact.
NB=$(cd "$(dirname "$0")/../.." && pwd)/bench/run
export NVMX_RESULTS=$T/results
if run 0 "bench/run noise --blocks 3 -r 2 --pio 2000" "$NB" noise --blocks 3 -r 2 --pio 2000; then
	pairs=$(jq -s 'map(select(.name == "kvm_run_ns")) | group_by(.w) |
		map("\(.[0].w)=\(length)") | join(" ")' -r "$T/results/noise/pairs.jsonl")
	[ "$pairs" = "host-gpc=2 host-pio=2" ] && ok "noise: pairs $pairs" ||
		bad "noise: pairs '$pairs', want 'host-gpc=2 host-pio=2'"
	c=$(jq '.metrics[] | select(.name == "kvm_run_ns") | [.runs[].count]' -c \
		"$T/results/noise/3/host-pio.json")
	[ "$c" = "[2000,2000]" ] && ok "noise: block 3 host-pio runs $c" ||
		bad "noise: block 3 host-pio run counts $c, want [2000,2000]"
	grep -q '^suggested for this host: --threshold [0-9]' "$T/results/noise/summary.txt" &&
		ok "noise: $(grep '^gate at' "$T/results/noise/summary.txt")" ||
		bad "noise: no suggestion in summary.txt"
fi
run 2 "bench/run noise --blocks 1 (bad input)" "$NB" noise --blocks 1
has "$T/err" "is not a number of blocks >= 2" "noise -b 1: one-line error"
unset NVMX_RESULTS

if [ $fails -ne 0 ]; then
	echo "gate: $fails FAILED" >&2
	exit 1
fi
echo "gate: all passed"
