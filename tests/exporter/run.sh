#!/bin/bash
# tests/exporter/run.sh: nvmx-gpc-exporter against the real thing.
#
# As root on the live kernel: start the exporter (loopback), start Debian's
# prometheus on 127.0.0.1 scraping it every second, run the host KVM
# workload with known counts, and assert that Prometheus' HTTP API returns
# exactly what the workload did for that PID, per VM and, with several
# vCPUs, per vCPU thread (label tid; nvmx_gpc_vcpu_info gives the vCPU
# id).  Also: promtool accepts the
# exposition and the textfile, a port in use is a one-line error with a
# non-zero exit, clients that disconnect mid-response are survived, and
# SIGTERM leaves no BPF link or program behind.  Everything this script
# starts is stopped by PID; only loopback addresses are used.
#
# Env: EXPORTER, WORKLOAD (binaries); optional KEEP=1 keeps the temp dir.
set -euo pipefail
trap '_rc=$?; [[ $- == *e* ]] && echo "export-test: FAIL: line $LINENO: $BASH_COMMAND (exit $_rc)" >&2' ERR

EXPORTER=${EXPORTER:?set EXPORTER=path/to/nvmx-gpc-exporter}
WORKLOAD=${WORKLOAD:?set WORKLOAD=path/to/nvmx-workload}
N=${N:-10007}		# PIO exits
PVCLOCK=5		# MSR_KVM_SYSTEM_TIME_NEW writes
DONTNEED=3		# MADV_DONTNEED calls

say() { echo "export-test: $*"; }
fail() { echo "export-test: FAIL: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "must run as root (loads BPF programs)"
for b in prometheus promtool curl jq bpftool; do
	command -v $b >/dev/null || fail "$b not installed (make deps)"
done
[ -x "$EXPORTER" ] || fail "no exporter at $EXPORTER"
[ -x "$WORKLOAD" ] || fail "no workload at $WORKLOAD"

TMP=$(mktemp -d /tmp/nvmx-export-test.XXXXXX)
EXP_PID= PROM_PID= EXP2_PID= EXP3_PID=
cleanup() {
	local p
	for p in $EXP_PID $EXP2_PID $EXP3_PID $PROM_PID; do
		kill -TERM "$p" 2>/dev/null || true
	done
	for p in $EXP_PID $EXP2_PID $EXP3_PID $PROM_PID; do
		wait "$p" 2>/dev/null || true
	done
	trace_stop
	cg_remove "$CG_DIR"
	if [ "${KEEP:-0}" = 1 ]; then say "kept $TMP"; else rm -rf "$TMP"; fi
}
trap cleanup EXIT
# the kernel's own count of kvm_pvclock_update (trace_start/count/stop)
. "$(dirname "$0")/../lib/tracefs.sh"
# a cgroup of our own for --cgroup (cg_make/cg_enter/cg_remove)
. "$(dirname "$0")/../lib/cgroup.sh"

# A TCP port nobody listens on (IPv4 or IPv6), from a random start.
# A port is busy when any socket (listening or connected) has it as its
# local port: a client's ephemeral port makes bind() fail as well.
port_busy() {
	local hex
	hex=$(printf '%04X' "$1")
	awk -v p=":$hex" 'FNR > 1 && substr($2, length($2) - 4) == p { f = 1 }
		END { exit !f }' /proc/net/tcp /proc/net/tcp6
}
# Below the ephemeral range (ip_local_port_range starts at 32768 by
# default), so a client connection made after we chose cannot take it.
free_port() {
	local lo hi p i
	read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range
	[ "$lo" -gt 21000 ] || lo=60000
	p=$((20000 + RANDOM % (lo - 20000 - 200)))
	for i in $(seq 200); do
		if ! port_busy $p && [ "$p" != "${1:-0}" ]; then echo $p; return; fi
		p=$((p + 1))
	done
	fail "no free port"
}

wait_http() {	# URL TIMEOUT_S PID
	local i
	for i in $(seq $(($2 * 10))); do
		curl -sf -o /dev/null "$1" && return 0
		kill -0 "$3" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# ---- 1. exporter on loopback (the default address if 9478 is free) ------
if ! port_busy 9478; then
	EXP_PORT=9478
	EXP_ARGS=()		# default --listen: must be 127.0.0.1:9478
else
	EXP_PORT=$(free_port)
	EXP_ARGS=(--listen 127.0.0.1:$EXP_PORT)
fi
TEXTFILE=$TMP/textfile/nvmx_gpc.prom
mkdir -p "$TMP/textfile"
"$EXPORTER" "${EXP_ARGS[@]}" --textfile "$TEXTFILE" --interval 1 \
	>"$TMP/exporter.log" 2>&1 &
EXP_PID=$!
wait_http "http://127.0.0.1:$EXP_PORT/metrics" 60 $EXP_PID ||
	{ cat "$TMP/exporter.log" >&2; fail "exporter did not serve /metrics"; }
say "exporter pid $EXP_PID on 127.0.0.1:$EXP_PORT"
if [ ${#EXP_ARGS[@]} -eq 0 ]; then
	# the default binds 127.0.0.1 only: no wildcard listener on 9478
	awk -v p=":$(printf '%04X' 9478)" 'FNR > 1 && $4 == "0A" &&
		substr($2, length($2) - 4) == p { print $2 }' /proc/net/tcp /proc/net/tcp6 \
		> "$TMP/listen"
	[ "$(cat "$TMP/listen")" = "0100007F:2506" ] ||
		fail "default listener is not 127.0.0.1:9478 only: $(tr '\n' ' ' < "$TMP/listen")"
	say "default listen address is 127.0.0.1:9478 (loopback only)"
fi

# BPF objects the exporter holds, to check that SIGTERM removes them.
# (fds may come and go while we read: tolerate vanished fdinfo files)
fdinfo_ids() {	# KEY
	{ cat /proc/$EXP_PID/fdinfo/* 2>/dev/null || true; } |
		awk -v k="$1:" '$1 == k { print $2 }' | sort -un
}
LINKS=$(fdinfo_ids link_id)
PROGS=$(fdinfo_ids prog_id)
[ -n "$LINKS" ] || fail "exporter holds no BPF links"

# ---- 2. port in use: one-line error, non-zero exit -------------------
set +e
"$EXPORTER" --listen 127.0.0.1:$EXP_PORT >"$TMP/busy.out" 2>"$TMP/busy.err" &
EXP2_PID=$!
wait $EXP2_PID
rc=$?
EXP2_PID=
set -e
[ $rc -ne 0 ] || fail "second exporter on a busy port exited 0"
[ "$(wc -l < "$TMP/busy.err")" -eq 1 ] || { cat "$TMP/busy.err" >&2; fail "busy port: want exactly one line on stderr"; }
grep -q "cannot listen on 127.0.0.1:$EXP_PORT: Address already in use" "$TMP/busy.err" ||
	fail "busy port: unexpected message: $(cat "$TMP/busy.err")"
say "port in use -> exit $rc: $(cat "$TMP/busy.err")"

# ---- 2b. other bad input: one line on stderr, non-zero exit -----------
bad_input() {	# WANT_RC PATTERN ARGS...
	local want=$1 pat=$2 rc
	shift 2
	set +e
	"$EXPORTER" "$@" >/dev/null 2>"$TMP/bad.err"
	rc=$?
	set -e
	[ $rc -eq "$want" ] && [ "$(wc -l < "$TMP/bad.err")" -eq 1 ] &&
		grep -q -- "$pat" "$TMP/bad.err" ||
		fail "exporter $*: exit $rc, stderr: $(cat "$TMP/bad.err")"
	say "exporter $* -> exit $rc: $(cat "$TMP/bad.err")"
}
bad_input 1 "cannot write the textfile: $TMP/no/dir/x.prom: " \
	--listen none --textfile "$TMP/no/dir/x.prom"
bad_input 2 "unknown option '--bogus' (see --help)" --bogus
bad_input 2 "option '--pid' needs an argument (see --help)" --pid
bad_input 1 "cannot listen on 127.0.0.1:99999: want ADDR:PORT with a port 1..65535" \
	--listen 127.0.0.1:99999
bad_input 1 "no process with PID 4194304" --listen none --textfile "$TMP/p.prom" --pid 4194304
bad_input 2 "--keep-exited: '-1' is not an integer in 0..604800" --keep-exited -1
bad_input 2 "--pid: '0' is not a PID (1..4194304)" --pid 0

# ---- 3. prometheus on loopback, scraping every second -----------------
PROM_PORT=$(free_port $EXP_PORT)
cat > "$TMP/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: nvmx_gpc
    static_configs:
      - targets: ['127.0.0.1:$EXP_PORT']
EOF
promtool check config "$TMP/prometheus.yml" >/dev/null
prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/tsdb" \
	--web.listen-address=127.0.0.1:$PROM_PORT --log.level=warn \
	>"$TMP/prometheus.log" 2>&1 &
PROM_PID=$!
PROM=http://127.0.0.1:$PROM_PORT
wait_http "$PROM/-/ready" 60 $PROM_PID ||
	{ cat "$TMP/prometheus.log" >&2; fail "prometheus did not start"; }
say "prometheus pid $PROM_PID on 127.0.0.1:$PROM_PORT"

# ---- 4. the workload, with known counts -------------------------------
# KVM may add kvmclock updates of its own to the one each MSR write asks
# for (bench/workload/nvmx-workload.c): the exact count is the kernel's.
trace_start kvm_pvclock_update || fail "cannot record kvm_pvclock_update in a tracefs instance"
"$WORKLOAD" --pio $N --pvclock $PVCLOCK --dontneed $DONTNEED > "$TMP/workload.json"
WPID=$(jq -r .pid "$TMP/workload.json")
W_PIO=$(jq -r .pio_exits "$TMP/workload.json")
W_RUNS=$(jq -r .kvm_runs "$TMP/workload.json")
W_UEXITS=$(jq -r .userspace_exits "$TMP/workload.json")
W_PVCLOCK=$(jq -r .pvclock_msr_writes "$TMP/workload.json")
K_PVCLOCK=$(trace_count kvm_pvclock_update "$WPID" $(jq -r '.threads[].tid' "$TMP/workload.json")) ||
	fail "no tracefs count of kvm_pvclock_update"
trace_stop
[ "$K_PVCLOCK" -ge "$W_PVCLOCK" ] ||
	fail "tracefs: $K_PVCLOCK kvm_pvclock_update for $W_PVCLOCK MSR writes"
W_DONTNEED=$(jq -r .dontneed_calls "$TMP/workload.json")
[ "$W_PIO" = "$N" ] || fail "workload did $W_PIO PIO exits, asked for $N"
say "workload pid $WPID: $(cat "$TMP/workload.json")"

# Query Prometheus until the scraped value for the workload's PID shows
# up; it must then equal the workload's own count exactly.
prom_value() {	# PROMQL -> value or empty
	curl -sf --get "$PROM/api/v1/query" --data-urlencode "query=$1" |
		jq -r 'if .status == "success" and (.data.result | length) == 1
			then .data.result[0].value[1] else empty end'
}
expect_q() {	# PROMQL EXPECTED
	local v= i
	for i in $(seq 300); do
		v=$(prom_value "$1")
		[ "$v" = "$2" ] && break
		sleep 0.1
	done
	[ "$v" = "$2" ] || fail "prometheus: $1 = '${v}', want $2"
	say "prometheus: $1 = $v (expected: $2)"
}
expect() {	# METRIC EXTRA_LABELS EXPECTED
	expect_q "$1{pid=\"$WPID\"$2}" "$3"
}
expect nvmx_gpc_pio_exits_total "" "$N"
expect nvmx_gpc_kvm_runs_total "" "$W_RUNS"
expect nvmx_gpc_userspace_exits_total "" "$W_UEXITS"
expect nvmx_gpc_kvm_run_duration_seconds_count "" "$W_RUNS"
expect nvmx_gpc_kvm_run_duration_seconds_bucket ',le="+Inf"' "$W_RUNS"
# kvm_unmap_hva_range fires for every MMU-notifier range of the process
# (also the allocator's munmap/madvise, many under ASan): at least the
# workload's MADV_DONTNEED calls, not exactly.
for i in $(seq 300); do
	v=$(prom_value "nvmx_gpc_hva_invalidations_total{pid=\"$WPID\"}")
	[ -n "$v" ] && [ "$v" -ge "$W_DONTNEED" ] && break
	sleep 0.1
done
[ -n "$v" ] && [ "$v" -ge "$W_DONTNEED" ] ||
	fail "prometheus: hva invalidations '$v' < $W_DONTNEED MADV_DONTNEED calls"
say "prometheus: nvmx_gpc_hva_invalidations_total{pid=\"$WPID\"} = $v (>= $W_DONTNEED MADV_DONTNEED calls)"
# the VM's info series: the workload has no guest name (QEMU's -name)
expect_q "nvmx_gpc_vm_info{pid=\"$WPID\",comm=\"nvmx-workload\",guest=\"\"}" 1
# at least one kvmclock update per MSR_KVM_SYSTEM_TIME_NEW write, exactly
# as many as the kernel traced (docs/metrics.md)
expect nvmx_gpc_pvclock_updates_total "" "$K_PVCLOCK"
# the labels Prometheus stored: pid and comm of the VM, plus job/instance
labels=$(curl -sf --get "$PROM/api/v1/query" \
	--data-urlencode "query=nvmx_gpc_pio_exits_total{pid=\"$WPID\"}" |
	jq -r '.data.result[0].metric | "\(.comm) \(.instance) \(.job)"')
[ "$labels" = "nvmx-workload 127.0.0.1:$EXP_PORT nvmx_gpc" ] ||
	fail "unexpected labels: $labels"
# the nested series exist (0 here without nVMX hooks firing)
expect nvmx_gpc_l2_entries_total "" 0
# per page kind: exported exactly when the core can count them (the
# series tracepoint kvm_nested_gpc_use), with all five kinds
attached=$(prom_value 'nvmx_gpc_hook_attached{hook="gpc_use"}')
if [ "$attached" = 1 ]; then
	expect_q "count(nvmx_gpc_page_gpc_hits_total{pid=\"$WPID\"})" 5
	expect_q "sum(nvmx_gpc_page_gpc_hits_total{pid=\"$WPID\"})" 0
else
	[ -z "$(prom_value "count(nvmx_gpc_page_gpc_hits_total{pid=\"$WPID\"})")" ] ||
		fail "per-kind gpc hits exported although hook gpc_use is not attached"
	say "hook gpc_use not attached here: no nvmx_gpc_page_gpc_hits_total series (as documented)"
fi

# ---- 4b. several vCPUs: per-thread series (label tid) ------------------
# Each vCPU thread runs N3 PIO exits and writes the kvmclock MSR twice
# (that kvm_pvclock_update tells the probes the thread's vCPU id).
N3=3001 V3=3
"$WORKLOAD" --pio $N3 --vcpus $V3 --pvclock 2 > "$TMP/workload3.json"
W3=$(jq -r .pid "$TMP/workload3.json")
[ "$(jq -r .pio_exits "$TMP/workload3.json")" = $((N3 * V3)) ] ||
	fail "3-vCPU workload: $(cat "$TMP/workload3.json")"
say "workload pid $W3: $(cat "$TMP/workload3.json")"
for i in $(seq 0 $((V3 - 1))); do
	tid=$(jq -r ".threads[$i].tid" "$TMP/workload3.json")
	vcpu=$(jq -r ".threads[$i].vcpu_id" "$TMP/workload3.json")
	t_pio=$(jq -r ".threads[$i].pio_exits" "$TMP/workload3.json")
	t_runs=$(jq -r ".threads[$i].kvm_runs" "$TMP/workload3.json")
	[ "$t_pio" = $N3 ] || fail "vCPU $i did $t_pio PIO exits, asked for $N3"
	sel="pid=\"$W3\",tid=\"$tid\""
	expect_q "nvmx_gpc_vcpu_pio_exits_total{$sel}" "$t_pio"
	expect_q "nvmx_gpc_vcpu_kvm_runs_total{$sel}" "$t_runs"
	expect_q "nvmx_gpc_vcpu_userspace_exits_total{$sel}" "$t_runs"
	expect_q "nvmx_gpc_vcpu_kvm_run_duration_seconds_count{$sel}" "$t_runs"
	expect_q "nvmx_gpc_vcpu_kvm_run_duration_seconds_bucket{$sel,le=\"+Inf\"}" "$t_runs"
	expect_q "nvmx_gpc_vcpu_info{$sel,vcpu=\"$vcpu\"}" 1
done
# the threads add up to the VM, and the VM series sees them all
expect_q "sum(nvmx_gpc_vcpu_pio_exits_total{pid=\"$W3\"})" $((N3 * V3))
expect_q "nvmx_gpc_pio_exits_total{pid=\"$W3\"}" $((N3 * V3))
expect_q "nvmx_gpc_kvm_run_duration_seconds_count{pid=\"$W3\"}" \
	"$(jq -r .kvm_runs "$TMP/workload3.json")"
expect_q "count(nvmx_gpc_vcpu_info{pid=\"$W3\",vcpu!=\"\"})" $V3

# ---- 5. promtool accepts the exposition and the textfile --------------
curl -sf "http://127.0.0.1:$EXP_PORT/metrics" > "$TMP/metrics.txt"
promtool check metrics < "$TMP/metrics.txt" > "$TMP/promtool.out" 2>&1 ||
	{ cat "$TMP/promtool.out" >&2; fail "promtool check metrics rejected /metrics"; }
[ ! -s "$TMP/promtool.out" ] || { cat "$TMP/promtool.out" >&2; fail "promtool lint warnings"; }
grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WPID\",comm=\"nvmx-workload\"} $N" "$TMP/metrics.txt" ||
	fail "/metrics lacks the exact PIO line"
for i in $(seq 100); do
	grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WPID\",comm=\"nvmx-workload\"} $N" "$TEXTFILE" 2>/dev/null && break
	sleep 0.1
done
grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WPID\",comm=\"nvmx-workload\"} $N" "$TEXTFILE" ||
	fail "textfile $TEXTFILE lacks the PIO line"
promtool check metrics < "$TEXTFILE" ||
	fail "promtool check metrics rejected the textfile"
ls "$TMP/textfile" | grep -v '^nvmx_gpc.prom$' &&
	fail "temporary files left next to the textfile"
say "promtool check metrics: /metrics and textfile accepted"

# ---- 6. clients that disconnect mid-request / mid-response -----------
for i in $(seq 20); do
	# read the first 64 bytes of the response, then close (RST: unread data)
	exec 3<>/dev/tcp/127.0.0.1/$EXP_PORT
	printf 'GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n' >&3
	head -c 64 <&3 >/dev/null
	exec 3<&- 3>&-
	# half a request line, then close
	exec 3<>/dev/tcp/127.0.0.1/$EXP_PORT
	printf 'GET /metr' >&3
	exec 3<&- 3>&-
done
# a client that aborts during the transfer
curl -s --max-filesize 100 -o /dev/null "http://127.0.0.1:$EXP_PORT/metrics" || true
kill -0 $EXP_PID || fail "exporter died after client disconnects"
# (into a file: with pipefail, grep -q closing the pipe early fails curl)
curl -sf -o "$TMP/after.txt" "http://127.0.0.1:$EXP_PORT/metrics" &&
	grep -q "^nvmx_gpc_pio_exits_total{pid=\"$WPID\"" "$TMP/after.txt" ||
	fail "exporter does not serve after client disconnects"
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$EXP_PORT/nope")
[ "$code" = 404 ] || fail "unknown path gave HTTP $code, want 404"
say "survived 40 disconnecting clients and an aborted transfer; /nope -> 404"

# ---- 6b. an exited VM: exported --keep-exited seconds, then dropped ----
# (its in-kernel rows are given back at once; the exporter keeps a copy)
P2=$(free_port $EXP_PORT)
# KEEP is long enough for a slow (emulated) host to scrape twice in it.
KEEP=8
"$EXPORTER" --listen 127.0.0.1:$P2 --keep-exited $KEEP --no-per-vcpu >"$TMP/exp2.log" 2>&1 &
EXP2_PID=$!
wait_http "http://127.0.0.1:$P2/metrics" 60 $EXP2_PID ||
	{ cat "$TMP/exp2.log" >&2; fail "second exporter did not serve /metrics"; }
"$WORKLOAD" --pio 777 > "$TMP/workload-k.json"
T_EXIT=$(date +%s.%N)
WK=$(jq -r .pid "$TMP/workload-k.json")
curl -sf -o "$TMP/k1.txt" "http://127.0.0.1:$P2/metrics"
grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WK\",comm=\"nvmx-workload\"} 777" "$TMP/k1.txt" ||
	fail "exited VM $WK: final count 777 not exported"
sleep 1
curl -sf -o "$TMP/k2.txt" "http://127.0.0.1:$P2/metrics"
grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WK\",comm=\"nvmx-workload\"} 777" "$TMP/k2.txt" ||
	fail "exited VM $WK: not kept after its rows were given back"
# Then it goes, no sooner than KEEP seconds after the exit (the exporter
# notices the exit after it happened) and well within KEEP + 30.
gone=
for i in $(seq 400); do
	curl -sf -o "$TMP/k3.txt" "http://127.0.0.1:$P2/metrics" &&
		! grep -q "pid=\"$WK\"" "$TMP/k3.txt" && { gone=$(date +%s.%N); break; }
	sleep 0.1
done
[ -n "$gone" ] || fail "exited VM $WK: still exported long after --keep-exited $KEEP"
kept=$(echo "$gone - $T_EXIT" | bc)
[ "$(echo "$kept >= $KEEP && $kept < $KEEP + 30" | bc)" = 1 ] ||
	fail "exited VM $WK: dropped ${kept}s after its exit, want --keep-exited $KEEP"
kill -TERM $EXP2_PID
wait $EXP2_PID || fail "second exporter exited $? on SIGTERM"
EXP2_PID=
say "exited VM $WK: 777 PIO exits exported at exit and 1 s later, gone $(printf %.1f "$kept") s after the exit (--keep-exited $KEEP)"

# ---- 6c. --cgroup: only the VMs in a cgroup ------------------------------
# One workload in a cgroup of our own and one in the cgroup2 root, run
# one after the other while an exporter with --cgroup watches: it
# exports the first (kept after its exit) with its exact PIO exits, and
# nothing of the second.
cg_make "nvmx-export.$$" || fail "cannot make a cgroup v2 directory"
P3=$(free_port $EXP_PORT)
"$EXPORTER" --listen 127.0.0.1:$P3 --cgroup "$CG_DIR" --keep-exited 60 --no-per-vcpu \
	>"$TMP/exp3.log" 2>&1 &
EXP3_PID=$!
wait_http "http://127.0.0.1:$P3/metrics" 60 $EXP3_PID ||
	{ cat "$TMP/exp3.log" >&2; fail "--cgroup exporter did not serve /metrics"; }
bash -c 'echo $$ >"$1/cgroup.procs" && exec "$2" --pio 555' sh "$CG_DIR" "$WORKLOAD" \
	>"$TMP/workload-in.json" || fail "workload in $CG_DIR failed"
"$WORKLOAD" --pio 333 >"$TMP/workload-out.json" || fail "workload outside failed"
WIN=$(jq -r .pid "$TMP/workload-in.json")
WOUT=$(jq -r .pid "$TMP/workload-out.json")
curl -sf -o "$TMP/c1.txt" "http://127.0.0.1:$P3/metrics" || fail "--cgroup exporter: no /metrics"
grep -qx "nvmx_gpc_pio_exits_total{pid=\"$WIN\",comm=\"nvmx-workload\"} 555" "$TMP/c1.txt" ||
	fail "--cgroup: the workload in the cgroup ($WIN) is not exported with 555 PIO exits"
! grep -q "pid=\"$WOUT\"" "$TMP/c1.txt" ||
	fail "--cgroup: the workload outside the cgroup ($WOUT) is exported"
kill -TERM $EXP3_PID
wait $EXP3_PID || fail "--cgroup exporter exited $? on SIGTERM"
EXP3_PID=
cg_remove "$CG_DIR"
CG_DIR=
say "--cgroup: workload $WIN in the cgroup exported with 555 PIO exits, $WOUT outside not at all"

# ---- 7. stop: SIGTERM, exit 0, no BPF link or program left ------------
kill -TERM $PROM_PID
wait $PROM_PID || true
PROM_PID=
kill -TERM $EXP_PID
set +e
wait $EXP_PID
rc=$?
set -e
EXP_PID=
[ $rc -eq 0 ] || { cat "$TMP/exporter.log" >&2; fail "exporter exited $rc on SIGTERM"; }
for id in $LINKS; do
	bpftool link show id "$id" >/dev/null 2>&1 && fail "BPF link $id left behind"
done
for id in $PROGS; do
	bpftool prog show id "$id" >/dev/null 2>&1 && fail "BPF prog $id left behind"
done
grep -qi 'error\|asan\|runtime error' "$TMP/exporter.log" &&
	{ cat "$TMP/exporter.log" >&2; fail "exporter logged errors"; }
say "SIGTERM: exit 0, $(echo $LINKS | wc -w) links and $(echo $PROGS | wc -w) programs gone"
say "PASS (prometheus saw nvmx_gpc_pio_exits_total{pid=\"$WPID\"} = $N)"
