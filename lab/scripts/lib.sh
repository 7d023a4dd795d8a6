# Shared helpers for the lab scripts (sourced, not executed).
# Requires $TOP (repo root) to be set by the caller.

LAB_CACHE=${LAB_CACHE:-${CACHE_DIR:-/var/cache/nvmx-gpc}/lab}
# The pristine tree: set by ensure_source (kernel-patches/scripts/base.sh
# extracts the installed linux-source-6.12 once per Debian version, into
# $CACHE_DIR/src/linux-source-6.12-<debversion>).  Setting KSRC_PRISTINE
# uses that directory instead.
KSRC_PRISTINE=${KSRC_PRISTINE:-}
LAB_KCONFIG=${LAB_KCONFIG:-$TOP/lab/kconfig/nvmx.config}
# Which kernel series the lab boots: 6.12 (kernel-patches/, the default)
# or 7.2 (kernel-patches/7.2).  LAB_PATCHES may name another directory of
# patches and a series file (e.g. an older version of the series); the
# source package is then that of LAB_SERIES.
LAB_SERIES=${LAB_SERIES:-6.12}
case "$LAB_SERIES" in
6.12) LAB_SERIES_DIR=$TOP/kernel-patches ;;
*) LAB_SERIES_DIR=$TOP/kernel-patches/$LAB_SERIES ;;
esac
[ -f "$LAB_SERIES_DIR/base.conf" ] || {
	printf 'lab: error: no kernel series %s (%s/base.conf missing)\n' "$LAB_SERIES" "$LAB_SERIES_DIR" >&2
	exit 1
}
LAB_PATCHES=${LAB_PATCHES:-$LAB_SERIES_DIR}
LAB_SRC_PKG=$(. "$LAB_SERIES_DIR/base.conf" && echo "$BASE_DEB_PKG")
# Bump when a change to the build scripts must invalidate cached kernels.
LAB_BUILD_REV=1

log() { printf '[lab %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'lab: error: %s\n' "$*" >&2; exit 1; }

# Files of the patch series, in order (one path per line), or nothing.
patch_files() {
	local f
	[ -f "$LAB_PATCHES/series" ] || return 0
	while read -r f; do
		f=${f%%#*}
		f=${f//[[:space:]]/}
		[ -n "$f" ] && echo "$LAB_PATCHES/$f"
	done <"$LAB_PATCHES/series"
}

# Human-readable text whose hash is the cache key of a kernel kind.
lab_key_text() {
	local kind=$1 f
	echo "lab-build-rev $LAB_BUILD_REV"
	echo "kernelversion $(make -s -C "$KSRC_PRISTINE" kernelversion 2>/dev/null)"
	echo "srcpkg ${KSRC_DEB_VERSION:?ensure_source first}"
	echo "gcc $(gcc -dumpfullversion)"
	echo "pahole $(pahole --version 2>/dev/null || echo none)"
	echo "config $(sha256sum <"$LAB_KCONFIG" | cut -c1-16)"
	if [ "$kind" = patched ]; then
		echo "series $(sha256sum <"$LAB_PATCHES/series" | cut -c1-16)"
		for f in $(patch_files); do
			echo "patch $(basename "$f") $(sha256sum <"$f" | cut -c1-16)"
		done
	fi
}

lab_key() { lab_key_text "$1" | sha256sum | cut -c1-12; }

# check_config CONFIG FRAGMENT: every option set in FRAGMENT must have the
# same value in CONFIG (merge_config only warns).
check_config() {
	local cfg=$1 frag=$2 line opt bad=0
	while read -r line; do
		case "$line" in
		CONFIG_*=*)
			grep -qxF "$line" "$cfg" || { echo "lab: config: wanted '$line', got '$(grep -E "^(# )?${line%%=*}[= ]" "$cfg" || echo unset)'" >&2; bad=1; }
			;;
		"# CONFIG_"*" is not set")
			opt=${line#\# }
			opt=${opt%% *}
			grep -q "^$opt=" "$cfg" && { echo "lab: config: wanted $opt unset, got '$(grep "^$opt=" "$cfg")'" >&2; bad=1; }
			;;
		esac
	done <"$frag"
	[ $bad -eq 0 ] || die "kernel config does not match $(basename "$frag")"
}

# apply_patches TREE: apply the kernel-patches series to TREE.
apply_patches() {
	local tree=$1 f
	[ -f "$LAB_PATCHES/series" ] || die "no patch series at $LAB_PATCHES/series"
	if [ "$LAB_PATCHES" = "$LAB_SERIES_DIR" ]; then
		log "applying the $LAB_SERIES series with make -C kernel-patches apply"
		SERIES_DIR=$LAB_SERIES_DIR make -s -C "$TOP/kernel-patches" apply KSRC="$tree" >&2 ||
			die "patch series does not apply"
	else
		for f in $(patch_files); do
			log "applying $(basename "$f")"
			patch -d "$tree" -p1 --no-backup-if-mismatch -s <"$f" || die "patch $(basename "$f") does not apply"
		done
	fi
}

# Timing table: step_begin NAME; ...; step_end  (appends to $LAB_TIMES)
step_begin() { STEP_NAME=$1; STEP_T0=$(date +%s.%N); log "step: $1"; }
step_end() {
	local t1
	t1=$(date +%s.%N)
	printf '%s\t%.1f\n' "$STEP_NAME" "$(echo "$t1 - $STEP_T0" | bc)" >>"${LAB_TIMES:-/dev/null}"
}

# ensure_source: make sure the pristine tree of the series' source package
# (linux-source-6.12 installed, or linux-source-7.2 fetched from sid) exists and the series can be applied to it, with
# kernel-patches' base.sh (the same keyed extraction and drift rule as
# `make check-kernel`: a warning when the installed version is not the
# recorded base but the series applies, a one-line error when it does not).
# Sets and exports KSRC_PRISTINE, KSRC_DEB_VERSION (Debian version),
# KSRC_VERSION (Linux version) and KSRC_LABEL.
ensure_source() {
	local info drift
	[ -n "${KSRC_DEB_VERSION:-}" ] && [ -f "${KSRC_PRISTINE:-/nonexistent}/Makefile" ] && return 0
	# base.sh's own one-line error says why (no tarball, series does not apply).
	info=$(SERIES_DIR=$LAB_SERIES_DIR PRISTINE=$KSRC_PRISTINE \
		"$TOP/kernel-patches/scripts/base.sh" --info) || exit 1
	IFS=$'\t' read -r KSRC_PRISTINE KSRC_DEB_VERSION KSRC_VERSION drift <<<"$info"
	[ -f "$KSRC_PRISTINE/Makefile" ] || die "cannot set up the kernel source ($info)"
	KSRC_LABEL="Linux $KSRC_VERSION ($LAB_SRC_PKG $KSRC_DEB_VERSION)"
	export KSRC_PRISTINE KSRC_DEB_VERSION KSRC_VERSION KSRC_LABEL
	# base.sh has warned about a drifted version once; children stay quiet.
	[ "$drift" != drift ] || export KP_DRIFT_WARNED=1
}
