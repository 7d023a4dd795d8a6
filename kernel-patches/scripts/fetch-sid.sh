#!/bin/bash
# Fetch the newest source package of a series whose base comes from Debian
# sid (BASE_DEB_FROM=sid in its base.conf, the 7.2 series), without
# installing it and without touching the machine's apt sources: apt-get
# runs with a private source list, state and cache under
# $CACHE_DIR/apt-sid, and "apt-get download" only writes the .deb.
#
# The .deb is unpacked (dpkg-deb -x, no maintainer scripts) into
# $CACHE_DIR/deb/<package>/<debversion>/, with the version in VERSION, and
# $CACHE_DIR/deb/<package>/current points at the newest one.  Older
# versions are removed.  base.sh then extracts the tarball like that of an
# installed package, and the drift rule applies when sid has moved on.
#
# Offline, or when sid no longer serves the package, an already fetched
# version is kept with a warning; with none, this fails.
#
# usage: SERIES_DIR=kernel-patches/7.2 scripts/fetch-sid.sh [--quiet]
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ "$BASE_DEB_FROM" = sid ] || die "$SERIES_DIR: base.conf does not say BASE_DEB_FROM=sid"
pkgdir=$DEB_DIR/$BASE_DEB_PKG
mkdir -p "$pkgdir"
sid_apt_init

have=$(cat "$pkgdir/current/VERSION" 2>/dev/null || true)
offline() {
	[ -n "$have" ] || die "$1; no $BASE_DEB_PKG fetched before"
	warn "$1; keeping $BASE_DEB_PKG $have fetched before"
	exit 0
}

sid_apt_update || offline "apt-get update of Debian sid failed (see $SID_APT/update.log)"
ver=$("${APT_CACHE[@]}" policy "$BASE_DEB_PKG" 2>/dev/null | sed -n 's/^ *Candidate: //p')
[ "$ver" != "(none)" ] || ver=
[ -n "$ver" ] || offline "Debian sid does not serve $BASE_DEB_PKG"

dest=$pkgdir/$ver
if [ ! -f "$dest/VERSION" ]; then
	tmp=$(mktemp -d "$pkgdir/.fetch.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "downloading $BASE_DEB_PKG $ver from Debian sid (not installed)"
	(cd "$tmp" && "${APT[@]}" download "$BASE_DEB_PKG=$ver" >"$tmp/download.log" 2>&1) ||
		offline "apt-get download $BASE_DEB_PKG=$ver failed: $(tail -n1 "$tmp/download.log")"
	deb=$(ls "$tmp"/*.deb)
	[ "$(dpkg-deb -f "$deb" Package)" = "$BASE_DEB_PKG" ] &&
		[ "$(dpkg-deb -f "$deb" Version)" = "$ver" ] ||
		die "$deb is not $BASE_DEB_PKG $ver"
	mkdir "$tmp/x"
	dpkg-deb -x "$deb" "$tmp/x"
	[ -f "$tmp/x/usr/src/$BASE_DEB_PKG.tar.xz" ] ||
		die "$deb has no /usr/src/$BASE_DEB_PKG.tar.xz"
	sha256sum "$deb" | sed "s|$tmp/||" >"$tmp/x/SHA256"
	echo "$ver" >"$tmp/x/VERSION"
	rm -rf "$dest"
	mv -T "$tmp/x" "$dest"
fi
ln -sfn "$ver" "$pkgdir/current.tmp"
mv -T "$pkgdir/current.tmp" "$pkgdir/current"
for old in "$pkgdir"/*/; do
	old=${old%/}
	[ "$old" = "$dest" ] || [ -L "$old" ] || rm -rf "$old"
done
[ "${1:-}" = --quiet ] ||
	echo "fetch-sid: $BASE_DEB_PKG $ver from Debian sid in $dest (recorded base $BASE_DEB_VERSION)"
