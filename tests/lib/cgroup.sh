# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# A cgroup v2 directory of the test's own, to try --cgroup on.  Uses the
# mounted cgroup2 tree (/sys/fs/cgroup, or /sys/fs/cgroup/unified on a
# hybrid host), or mounts one (the emulated host mounts none).  Sourced by
# tests/integration/run.sh and tests/compare/gate.sh; they run as root.
#
#   cg_make NAME     create NAME under the cgroup2 root, as CG_DIR
#   cg_enter DIR PID move process PID into DIR
#   cg_remove DIR    remove DIR once its processes are gone (safe if unset)
CG_MOUNTED=
CG_DIR=

cg_make() {
	local root
	# the first cgroup2 mount, as the tools take it (nvmx_cgroup2_mount())
	root=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
	if [ -z "$root" ]; then
		root=$(mktemp -d /tmp/nvmx-cg2.XXXXXX) || return 1
		mount -t cgroup2 none "$root" || { rmdir "$root"; return 1; }
		CG_MOUNTED=$root
	fi
	mkdir "$root/$1" || return 1
	CG_DIR=$root/$1
}

cg_enter() {
	echo "$2" >"$1/cgroup.procs"
}

cg_remove() {
	local i
	[ -n "${1:-}" ] && [ -d "$1" ] || return 0
	for ((i = 0; i < 50; i++)); do
		rmdir "$1" 2>/dev/null && break
		sleep 0.1
	done
	if [ -n "$CG_MOUNTED" ]; then
		umount "$CG_MOUNTED" 2>/dev/null && rmdir "$CG_MOUNTED"
		CG_MOUNTED=
	fi
	return 0
}
