#!/bin/bash
# Build sparse from Debian sid's source package, for a series whose tree
# needs a newer sparse than the machine's (SPARSE_FROM=sid in its
# base.conf: Linux 7.2's scripts/checker-valid.sh wants __typeof_unqual__,
# which bookworm's sparse 0.6.4 lacks, and with an old sparse `make C=2`
# only warns and checks nothing).
#
# The source is downloaded with the private sid apt configuration of
# fetch-sid.sh (apt-get source --download-only: nothing is installed, the
# machine's apt sources are untouched), unpacked with tar and built with
# make into $CACHE_DIR/sparse/<debversion>/, keyed by the version and the
# sha256 of the upstream tarball; older builds are removed.  Offline, an
# existing build is kept with a warning.
#
# usage: SERIES_DIR=kernel-patches/7.2 scripts/sparse-sid.sh [--path]
#   --path  print only the sparse binary's path
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "${SPARSE_FROM:-}" = sid ] || die "$SERIES_DIR: base.conf does not say SPARSE_FROM=sid"
for t in gcc make tar; do
	command -v $t >/dev/null || die "$t not found (run 'make deps')"
done
top=$CACHE_DIR/sparse
mkdir -p "$top"
sid_apt_init

have=$(ls -d "$top"/*/sparse 2>/dev/null | tail -n1 || true)
done_with() {
	if [ "${1:-}" = --path ]; then
		echo "$2"
	else
		echo "sparse-sid: sparse $(basename "$(dirname "$2")") from Debian sid's source package in $2"
	fi
	exit 0
}
offline() {
	[ -n "$have" ] || die "$1; no sparse built before"
	warn "$1; keeping $have"
	done_with "${2:-}" "$have"
}

sid_apt_update || offline "apt-get update of Debian sid failed (see $SID_APT/update.log)" "${1:-}"
ver=$("${APT_CACHE[@]}" showsrc sparse 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -n1)
[ -n "$ver" ] || offline "Debian sid does not serve the sparse source package" "${1:-}"
dest=$top/$ver
if [ ! -x "$dest/sparse" ]; then
	tmp=$(mktemp -d "$top/.build.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading and building sparse $ver from Debian sid's source package (not installed)"
	(cd "$tmp" && "${APT[@]}" source --download-only "sparse=$ver" >"$tmp/download.log" 2>&1) ||
		offline "apt-get source sparse=$ver failed: $(tail -n1 "$tmp/download.log")" "${1:-}"
	orig=$(ls "$tmp"/sparse_*.orig.tar.* | head -n1)
	mkdir "$tmp/src"
	tar -C "$tmp/src" --strip-components=1 -xf "$orig"
	make -C "$tmp/src" -j"${JOBS:-2}" sparse HAVE_LLVM=no HAVE_GTK=no HAVE_LIBXML=no \
		>"$tmp/build.log" 2>&1 || {
		tail -n 20 "$tmp/build.log" >&2
		die "building sparse $ver failed"
	}
	mkdir "$tmp/out"
	cp "$tmp/src/sparse" "$tmp/out/sparse"
	sha256sum "$orig" | sed "s|$tmp/||" >"$tmp/out/SHA256"
	rm -rf "$dest"
	mv -T "$tmp/out" "$dest"
fi
for old in "$top"/*/; do
	old=${old%/}
	[ "$old" = "$dest" ] || rm -rf "$old"
done
done_with "${1:-}" "$dest/sparse"
