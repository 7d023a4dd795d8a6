# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# The kernel's own count of KVM trace events, next to ours: a tracefs
# instance of the test's own that records the events, read back per
# thread.  A plain instance needs no hist triggers (CONFIG_HIST_TRIGGERS
# is not set on every kernel these tests run on) and leaves the global
# trace buffer alone.  Sourced by tests/integration/run.sh and
# tests/exporter/run.sh; they run as root.
#
#   trace_start EVENT...      record events/kvm/EVENT in a new instance of
#                             TRACE_BUFFER_KB per CPU (default 4096)
#   trace_count EVENT [TID...] how many EVENTs those threads (no TID: all
#                             threads) emitted so far; fails when the
#                             buffer lost events
#   trace_stop                remove the instance (also safe when unset)
TRACEFS=${TRACEFS:-/sys/kernel/tracing}
TRACE_INST=

trace_start() {
	local ev
	if ! mountpoint -q "$TRACEFS"; then
		mount -t tracefs nodev "$TRACEFS" || return 1
	fi
	TRACE_INST=$TRACEFS/instances/nvmx-gpc-test.$$
	mkdir "$TRACE_INST" || { TRACE_INST=; return 1; }
	echo "${TRACE_BUFFER_KB:-4096}" >"$TRACE_INST/buffer_size_kb" || return 1
	for ev in "$@"; do
		echo 1 >"$TRACE_INST/events/kvm/$ev/enable" || return 1
	done
}

trace_count() {
	local ev=$1 lost
	shift
	[ -n "$TRACE_INST" ] || return 1
	lost=$(cat "$TRACE_INST"/per_cpu/cpu*/stats |
		awk '$1 == "overrun:" || $1 == "dropped" { s += $NF } END { print s + 0 }')
	if [ "$lost" != 0 ]; then
		echo "tracefs: the instance lost $lost events" >&2
		return 1
	fi
	# "  comm-TID  [cpu] flags  ts: event: ...": comm may hold '-'
	awk -v tids=" $* " -v ev="$ev:" '
		/^#/ { next }
		{
			for (i = 1; i <= NF; i++) if ($i == ev) break
			if (i > NF) next
			if (tids == "  ") { s++; next }
			if (!match($0, /-[0-9]+ +\[/)) next
			t = substr($0, RSTART + 1, RLENGTH - 1)
			sub(/ +\[$/, "", t)
			if (index(tids, " " t " ")) s++
		}
		END { print s + 0 }' "$TRACE_INST/trace"
}

trace_stop() {
	[ -n "$TRACE_INST" ] || return 0
	echo 0 >"$TRACE_INST/events/enable" 2>/dev/null
	rmdir "$TRACE_INST" 2>/dev/null
	TRACE_INST=
	return 0
}
