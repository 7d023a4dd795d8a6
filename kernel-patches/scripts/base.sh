#!/bin/bash
# Ensure the pristine base tree exists at $PRISTINE (idempotent): extract
# Debian's linux-source-6.12 tarball if needed, then verify the version and
# that the files the series touches are the recorded base.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

if [ ! -f "$PRISTINE/Makefile" ]; then
	[ -f "$BASE_TARBALL" ] ||
		die "$BASE_TARBALL missing: install $BASE_DEB_PKG ($BASE_DEB_VERSION), e.g. with 'make deps'"
	if command -v dpkg-query >/dev/null; then
		have=$(dpkg-query -W -f='${Version}' "$BASE_DEB_PKG" 2>/dev/null || true)
		[ "$have" = "$BASE_DEB_VERSION" ] ||
			log "warning: $BASE_DEB_PKG is '$have', the series was made on $BASE_DEB_VERSION"
	fi
	parent=$(dirname "$PRISTINE")
	mkdir -p "$parent"
	tmp=$(mktemp -d "$parent/.extract.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	log "extracting $BASE_TARBALL into $PRISTINE"
	tar -C "$tmp" -xJf "$BASE_TARBALL"
	[ -f "$tmp/linux-source-6.12/Makefile" ] ||
		die "$BASE_TARBALL has no linux-source-6.12/ directory"
	mv "$tmp/linux-source-6.12" "$PRISTINE"
fi

check_base_tree "$PRISTINE"
echo "base: $PRISTINE is Linux $(tree_version "$PRISTINE") ($BASE_DEB_PKG $BASE_DEB_VERSION)"
