#!/bin/bash
# Build a lab kernel (base or patched) from the pristine Debian tree of the
# lab's series (LAB_SERIES: 6.12 or 7.2).
#
#   build-kernel.sh base|patched
#
# Output: $LAB_CACHE/<kind>-<key>/ with
#   tree/       full copy of the source, built in-tree (so a copy of it is a
#               valid incremental build tree: kbuild uses relative paths)
#   bzImage, vmlinux, config, headers/ (headers_install), key.txt
#   .done       written last; its presence means the build is complete
# and prints that directory on stdout (last line).
#
# The key is a hash of the base source version, the config fragment, the
# toolchain, this script and (for patched) the patch series.  The patched
# kernel is built incrementally from a copy of the base build tree.
set -euo pipefail

KIND=${1:?usage: build-kernel.sh base|patched}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/lab/scripts/lib.sh"
. "$TOP/scripts/cache-lock.sh"

case "$KIND" in
base|patched) ;;
*) die "unknown kernel kind '$KIND' (want base or patched)" ;;
esac

ensure_source
mkdir -p "$LAB_CACHE"

base_key=$(lab_key base)
key=$(lab_key "$KIND")
dest="$LAB_CACHE/$KIND-$key"

# one build of this tree at a time (another job may be building it now)
cache_lock "$dest" || die "cannot lock $dest"
if [ -f "$dest/.done" ]; then
	log "kernel $KIND: $KSRC_LABEL, cached ($dest)"
	echo "$dest"
	exit 0
fi

export KBUILD_BUILD_TIMESTAMP="2024-01-01"
export KBUILD_BUILD_USER=nvmx
export KBUILD_BUILD_HOST=lab
export CCACHE_DIR="$LAB_CACHE/ccache"
export CCACHE_BASEDIR="$LAB_CACHE"
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=5G
JOBS=${LAB_JOBS:-2}
KMAKE=(nice -n 5 make -j"$JOBS" -s)
if command -v ccache >/dev/null; then
	KMAKE+=(CC="ccache gcc" HOSTCC="ccache gcc")
fi

# Build in place: kbuild records relative paths for an in-tree build, so
# the tree must not move after it is configured.  A half-done build is
# resumed (make is incremental) once the configure step has completed.
work="$dest"
if [ ! -f "$work/.configured" ]; then
	rm -rf "$work"
	mkdir -p "$work"
	if [ "$KIND" = base ]; then
		log "kernel base: copying pristine tree of $KSRC_LABEL ($KSRC_PRISTINE)"
		cp -a "$KSRC_PRISTINE" "$work/tree"
		cd "$work/tree"
		log "kernel base: tinyconfig + $(basename "$LAB_KCONFIG")"
		"${KMAKE[@]}" tinyconfig >/dev/null
		scripts/kconfig/merge_config.sh -m .config "$LAB_KCONFIG" >/dev/null
		"${KMAKE[@]}" olddefconfig >/dev/null
	else
		basedir=$("$TOP/lab/scripts/build-kernel.sh" base | tail -n1)
		[ -f "$basedir/.done" ] || die "base kernel build missing"
		log "kernel patched: copying base build tree"
		cp -a "$basedir/tree" "$work/tree"
		cd "$work/tree"
		apply_patches "$work/tree"
		"${KMAKE[@]}" olddefconfig >/dev/null
	fi
	check_config .config "$LAB_KCONFIG"
	touch "$work/.configured"
else
	log "kernel $KIND: resuming build in $work"
fi
cd "$work/tree"

log "kernel $KIND: building bzImage of $KSRC_LABEL (nice -n 5, -j$JOBS)"
if ! "${KMAKE[@]}" bzImage >"$work/build.log" 2>&1; then
	tail -n 40 "$work/build.log" >&2
	die "kernel $KIND: build failed (log above)"
fi
log "kernel $KIND: headers_install"
rm -rf "$work/headers"
"${KMAKE[@]}" headers_install INSTALL_HDR_PATH="$work/headers" >/dev/null

cp arch/x86/boot/bzImage "$work/bzImage"
cp .config "$work/config"
ln -sfn tree/vmlinux "$work/vmlinux"
lab_key_text "$KIND" >"$work/key.txt"
touch "$dest/.done"
# Each tree is about 2.4 GB: keep only the current build of this kind
# and config.  Builds of another config fragment (the debug lab's,
# make check-lab-debug) stay: evicting them made each lab rebuild the
# other's kernels.
# Keep one kernel per kind, kernel line and config: the 6.12 and 7.2 labs,
# and the debug lab, do not evict each other's kernels.  The class of a
# build: its config hash and its kernel's VERSION.PATCHLEVEL.
evict_class() {
	sed -nE 's/^(config .*)$/\1/p; s/^kernelversion ([0-9]+\.[0-9]+).*/\1/p' "$1"
}
cfg=$(evict_class "$work/key.txt")
for old in "$LAB_CACHE/$KIND"-*; do
	if [ "$old" != "$dest" ] && [ -d "$old" ]; then
		if [ -f "$old/key.txt" ] &&
		   [ "$(evict_class "$old/key.txt")" != "$cfg" ]; then
			continue
		fi
		rm -rf "$old"
	fi
done
log "kernel $KIND: $KSRC_LABEL built ($dest)"
echo "$dest"
