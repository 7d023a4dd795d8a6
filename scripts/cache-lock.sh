# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
# One job at a time per cache entry under /var/cache/nvmx-gpc.  Entries
# built in place (a lab kernel tree, a selftests output dir, the per-patch
# check's work tree) break when two jobs build them at once: two clones'
# `make check`, CI next to a developer, `make -j` across areas.  Sourced
# by the scripts that build them.
#
#   cache_lock PATH    take PATH.lock (waits, and says so, while another
#                      job holds it); held until cache_unlock or exit
#   cache_unlock       let it go
CACHE_LOCK_FD=

cache_lock() {
	local fd
	mkdir -p "$(dirname "$1")" || return 1
	exec {fd}>"$1.lock" || return 1
	if ! flock -n "$fd"; then
		echo "cache: waiting for another job that is building $1" >&2
		flock "$fd" || return 1
	fi
	CACHE_LOCK_FD=$fd
}

cache_unlock() {
	[ -n "$CACHE_LOCK_FD" ] || return 0
	exec {CACHE_LOCK_FD}>&-
	CACHE_LOCK_FD=
}
