# Common helpers for the kernel-patches scripts (sourced, not executed).

KP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KP_TOP=$(cd "$KP_DIR/.." && pwd)
CACHE_DIR=${CACHE_DIR:-/var/cache/nvmx-gpc}

# The recorded base: Debian linux-source-6.12 6.12.118-1~deb12u1.
BASE_DEB_PKG=linux-source-6.12
BASE_DEB_VERSION=6.12.118-1~deb12u1
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
BASE_VERSION=6.12.118
PRISTINE=${PRISTINE:-$CACHE_DIR/src/linux-source-6.12}

die() { echo "kernel-patches: $*" >&2; exit 1; }
log() { echo "kernel-patches: $*" >&2; }

# Patch files of the series, in order, one path per line.
series_files() {
	local p
	[ -f "$KP_DIR/series" ] || die "no series file in $KP_DIR"
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		[ -f "$KP_DIR/$p" ] || die "series lists $p, which does not exist"
		echo "$KP_DIR/$p"
	done <"$KP_DIR/series"
}

# Files a patch touches (its "b/" paths), one per line.
patch_touched() {
	sed -n 's|^diff --git a/[^ ]* b/\(.*\)$|\1|p' "$1"
}

# All files the series touches, sorted, unique.
series_touched() {
	local p
	for p in $(series_files); do patch_touched "$p"; done | sort -u
}

# tree_version DIR: "VERSION.PATCHLEVEL.SUBLEVEL[EXTRAVERSION]" of a tree.
tree_version() {
	awk -F' *= *' '
		$1 == "VERSION" { v = $2 } $1 == "PATCHLEVEL" { p = $2 }
		$1 == "SUBLEVEL" { s = $2 } $1 == "EXTRAVERSION" { e = $2 }
		NR > 10 { exit }
		END { printf "%s.%s.%s%s\n", v, p, s, e }' "$1/Makefile"
}

# fingerprint DIR: sha256 (or "absent") of every file the series touches.
fingerprint() {
	local dir=$1 f
	for f in $(series_touched); do
		if [ -f "$dir/$f" ]; then
			printf '%s  %s\n' "$(sha256sum <"$dir/$f" | cut -d' ' -f1)" "$f"
		else
			printf 'absent  %s\n' "$f"
		fi
	done
}

# tree_state DIR: prints "base", "patched" or "other:FILE" (first mismatch).
tree_state() {
	local dir=$1 fp
	fp=$(fingerprint "$dir")
	if [ "$fp" = "$(cat "$KP_DIR/base.sha256")" ]; then
		echo base
	elif [ "$fp" = "$(cat "$KP_DIR/patched.sha256")" ]; then
		echo patched
	else
		echo "other:$(diff <(echo "$fp") "$KP_DIR/base.sha256" |
			sed -n 's/^< [^ ]*  //p' | head -n1)"
	fi
}

# check_base_tree DIR: die unless DIR is the recorded base, unpatched.
check_base_tree() {
	local dir=$1 v state
	[ -f "$dir/Makefile" ] || die "$dir is not a kernel source tree (no Makefile)"
	v=$(tree_version "$dir")
	[ "$v" = "$BASE_VERSION" ] ||
		die "$dir is Linux $v, the series is for $BASE_VERSION ($BASE_DEB_PKG $BASE_DEB_VERSION)"
	state=$(tree_state "$dir")
	case $state in
	base) ;;
	patched) die "$dir already has the series applied" ;;
	*) die "$dir is not the expected $BASE_VERSION base: ${state#other:} differs (partially patched or modified?)" ;;
	esac
}

# apply_series_to DIR [QUIET]: apply every patch, dying at the first failure.
apply_series_to() {
	local dir=$1 p
	for p in $(series_files); do
		patch -d "$dir" -p1 -s -f --no-backup-if-mismatch <"$p" >/dev/null ||
			return 1
	done
}
