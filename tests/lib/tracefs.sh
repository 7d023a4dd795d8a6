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
#   trace_reasons EVENT       "REASON COUNT" lines: EVENT's records by the
#                             reason KVM prints (kvm_exit, kvm_nested_vmexit:
#                             "reason NAME"; kvm_nested_vmexit_inject:
#                             "reason: NAME"), sorted by REASON; fails when
#                             the buffer lost events
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
	local ev=$1
	shift
	[ -n "$TRACE_INST" ] || return 1
	trace_lost && return 1
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

trace_lost() {
	local lost
	lost=$(cat "$TRACE_INST"/per_cpu/cpu*/stats |
		awk '$1 == "overrun:" || $1 == "dropped" { s += $NF } END { print s + 0 }')
	[ "$lost" = 0 ] && return 1
	echo "tracefs: the instance lost $lost events" >&2
}

trace_reasons() {
	local ev=$1
	[ -n "$TRACE_INST" ] || return 1
	trace_lost && return 1
	awk -v ev="$ev:" '
		/^#/ { next }
		{
			for (i = 1; i <= NF; i++) if ($i == ev) break
			if (i > NF) next
			# a name may have spaces ("UD excp"): up to rip / ext_inf1:
			for (; i < NF; i++)
				if ($i == "reason" || $i == "reason:") break
			r = ""
			for (i++; i <= NF && $i != "rip" && $i != "ext_inf1:"; i++)
				r = r (r == "" ? "" : " ") $i
			if (r != "") n[r]++
		}
		END { for (r in n) print r, n[r] }' "$TRACE_INST/trace" | LC_ALL=C sort
}

trace_stop() {
	[ -n "$TRACE_INST" ] || return 0
	echo 0 >"$TRACE_INST/events/enable" 2>/dev/null
	rmdir "$TRACE_INST" 2>/dev/null
	TRACE_INST=
	return 0
}
