#!/bin/bash
# Ensure the pristine tree of the series' source package exists (the
# tarball of the installed linux-source-6.12, or of the linux-source-7.2
# that fetch-sid.sh downloaded, extracted once per Debian version, into
# $CACHE_DIR/src/<package>-<debversion>), remove the extracted
# trees of older versions, and check that the series applies to it: the
# exact fingerprint when it is the recorded base, a no-fuzz dry run when
# the installed version drifted from it (see lib.sh, check_series_tree).
#
# usage: scripts/base.sh [--path|--info]
#   --path   print only the tree's directory on stdout
#   --info   print "DIR<TAB>DEBVERSION<TAB>LINUXVERSION<TAB>exact|drift"
#            (for the lab)
#   without either, print one line naming the tree and its version
# Environment: BASE_TARBALL and BASE_TARBALL_VERSION select another
# tarball; PRISTINE overrides the extraction directory.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

mode=${1:-}
case $mode in ''|--path|--info) ;; *) die "usage: base.sh [--path|--info]" ;; esac

if [ "$BASE_DEB_FROM" = sid ]; then
	[ -f "$BASE_TARBALL" ] ||
		die "$BASE_TARBALL missing: fetch $BASE_DEB_PKG from Debian sid (recorded base $BASE_DEB_VERSION) with 'make deps' or scripts/fetch-sid.sh"
else
	[ -f "$BASE_TARBALL" ] ||
		die "$BASE_TARBALL missing: install $BASE_DEB_PKG (recorded base $BASE_DEB_VERSION), e.g. with 'make deps'"
fi
debver=$(installed_deb_version)
[ -n "$debver" ] ||
	die "cannot tell the Debian version of $BASE_TARBALL ($BASE_DEB_PKG not installed?); set BASE_TARBALL_VERSION"
pristine=${PRISTINE:-$(pristine_dir "$debver")}

if [ ! -f "$pristine/Makefile" ]; then
	parent=$(dirname "$pristine")
	mkdir -p "$parent"
	tmp=$(mktemp -d "$parent/.extract.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "extracting $BASE_TARBALL ($BASE_DEB_PKG $debver) into $pristine"
	tar -C "$tmp" -xJf "$BASE_TARBALL" || die "cannot extract $BASE_TARBALL"
	[ -f "$tmp/$BASE_DEB_PKG/Makefile" ] ||
		die "$BASE_TARBALL has no $BASE_DEB_PKG/ directory"
	rm -rf "$pristine"
	mv -T "$tmp/$BASE_DEB_PKG" "$pristine"
fi
v=$(tree_version "$pristine")
[ "$v" = "$(deb_upstream "$debver")" ] ||
	die "$pristine is Linux $v, but $BASE_DEB_PKG $debver is Linux $(deb_upstream "$debver") (stale tree? remove it)"

# Older versions' trees (and the unversioned tree of earlier scripts) are
# stale once a newer package is installed.  Only trees in the default
# location are managed.
if [ -z "${PRISTINE:-}" ]; then
	for old in "$SRC_DIR/$BASE_DEB_PKG" "$SRC_DIR/$BASE_DEB_PKG"-*; do
		[ -d "$old" ] && [ "$old" != "$pristine" ] || continue
		if [ "$old" != "$SRC_DIR/$BASE_DEB_PKG" ]; then
			oldver=${old#"$SRC_DIR/$BASE_DEB_PKG"-}
			dpkg --compare-versions "$oldver" lt "$debver" 2>/dev/null || continue
		fi
		log "removing the stale tree $old"
		rm -rf "$old"
	done
fi

check_series_tree "$pristine" "$debver"
if [ "$mode" = --path ]; then
	echo "$pristine"
elif [ "$mode" = --info ]; then
	printf '%s\t%s\t%s\t%s\n' "$pristine" "$debver" "$TREE_VERSION" \
		"$([ "$TREE_EXACT" = 1 ] && echo exact || echo drift)"
else
	echo "base: $pristine is $TREE_LABEL$([ "$TREE_EXACT" = 1 ] && echo ", the recorded base" || echo ", recorded base $BASE_DEB_VERSION")"
fi
