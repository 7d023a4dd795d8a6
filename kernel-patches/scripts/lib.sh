# Common helpers for the kernel-patches scripts (sourced, not executed).

KP_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
KP_TOP=$(cd "$KP_DIR/.." && pwd)
CACHE_DIR=${CACHE_DIR:-/var/cache/nvmx-gpc}

# The series to work on: SERIES_DIR, default kernel-patches/ (the 6.12
# series); kernel-patches/7.2 holds the 7.2 one.  A series directory has
# its patches and series file, cover.txt, checkpatch.allow, base.sha256,
# patched.sha256 and base.conf, which records the base the patches were
# made on and where its source package comes from:
#   BASE_DEB_PKG, BASE_DEB_VERSION, BASE_VERSION  e.g. linux-source-6.12,
#                 6.12.118-1~deb12u1, 6.12.118
#   BASE_DEB_FROM installed: the machine's apt sources (make deps installs
#                 it; the tarball is /usr/src/$BASE_DEB_PKG.tar.xz);
#                 sid: Debian sid, fetched by scripts/fetch-sid.sh with a
#                 private source list and never installed (the tarball is
#                 unpacked from the .deb under $CACHE_DIR/deb).
SERIES_DIR=$(cd "${SERIES_DIR:-$KP_DIR}" && pwd)
[ -f "$SERIES_DIR/base.conf" ] || {
	echo "kernel-patches: $SERIES_DIR has no base.conf" >&2
	exit 1
}
BASE_DEB_FROM=installed
. "$SERIES_DIR/base.conf"
# The series' short name in messages and cache paths: "6.12", "7.2".
SERIES_NAME=${BASE_VERSION%.*}
DEB_DIR=$CACHE_DIR/deb

# The source actually used: the package's tarball (for "installed", the
# installed one; for "sid", the newest one fetch-sid.sh downloaded).
# Tests (and anyone checking another package version) may point
# BASE_TARBALL at another tarball of the package; BASE_TARBALL_VERSION
# then has to name its Debian version.
if [ "$BASE_DEB_FROM" = sid ]; then
	SRC_TARBALL_DEFAULT=$DEB_DIR/$BASE_DEB_PKG/current/usr/src/$BASE_DEB_PKG.tar.xz
else
	SRC_TARBALL_DEFAULT=/usr/src/$BASE_DEB_PKG.tar.xz
fi
BASE_TARBALL=${BASE_TARBALL:-$SRC_TARBALL_DEFAULT}
SRC_DIR=$CACHE_DIR/src

die() { echo "kernel-patches${SERIES_NAME:+ $SERIES_NAME}: $*" >&2; exit 1; }
log() { echo "kernel-patches${SERIES_NAME:+ $SERIES_NAME}: $*" >&2; }
warn() { echo "kernel-patches${SERIES_NAME:+ $SERIES_NAME}: warning: $*" >&2; }

# installed_deb_version: Debian version of $BASE_TARBALL ("" if unknown).
installed_deb_version() {
	if [ -n "${BASE_TARBALL_VERSION:-}" ]; then
		echo "$BASE_TARBALL_VERSION"
	elif [ "$BASE_TARBALL" = "$SRC_TARBALL_DEFAULT" ] && [ "$BASE_DEB_FROM" = sid ]; then
		cat "$DEB_DIR/$BASE_DEB_PKG/current/VERSION" 2>/dev/null || true
	elif [ "$BASE_TARBALL" = "$SRC_TARBALL_DEFAULT" ] && command -v dpkg-query >/dev/null; then
		dpkg-query -W -f='${db:Status-Status} ${Version}' "$BASE_DEB_PKG" 2>/dev/null |
			sed -n 's/^installed //p'
	fi
}

# pristine_dir DEBVERSION: where that package version's tree is extracted.
pristine_dir() { echo "$SRC_DIR/$BASE_DEB_PKG-$1"; }

# Upstream version of a Debian version: 6.12.118-1~deb12u1 -> 6.12.118.
deb_upstream() { echo "${1%%-*}"; }

# Patch files of the series, in order, one path per line.
series_files() {
	local p
	[ -f "$SERIES_DIR/series" ] || die "no series file in $SERIES_DIR"
	while read -r p; do
		case $p in ''|'#'*) continue ;; esac
		[ -f "$SERIES_DIR/$p" ] || die "series lists $p, which does not exist"
		echo "$SERIES_DIR/$p"
	done <"$SERIES_DIR/series"
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
	if [ "$fp" = "$(cat "$SERIES_DIR/base.sha256")" ]; then
		echo base
	elif [ "$fp" = "$(cat "$SERIES_DIR/patched.sha256")" ]; then
		echo patched
	else
		echo "other:$(diff <(echo "$fp") "$SERIES_DIR/base.sha256" |
			sed -n 's/^< [^ ]*  //p' | head -n1)"
	fi
}

# copy_touched SRC DST: copy the files of SRC that the series touches to DST.
copy_touched() {
	local src=$1 dst=$2 f
	for f in $(series_touched); do
		[ -f "$src/$f" ] || continue
		mkdir -p "$dst/$(dirname "$f")"
		cp "$src/$f" "$dst/$f"
	done
}

# patch_one DIR PATCH: apply one patch with no fuzz (offsets are fine);
# patch(1)'s output goes to stdout.
patch_one() {
	patch -d "$1" -p1 -f -F0 --no-backup-if-mismatch <"$2"
}

# apply_series_to DIR: apply every patch (no fuzz); on failure print
# "PATCH FILE" (the first patch that fails and the first file it fails
# on) and return 1.
apply_series_to() {
	local dir=$1 p out file
	for p in $(series_files); do
		if ! out=$(patch_one "$dir" "$p" 2>&1); then
			file=$(printf '%s\n' "$out" | awk '
				/^patching file / { f = substr($0, 15) }
				/^\|diff --git a\// { f = $NF; sub(/^b\//, "", f) }
				/FAILED|can.t find file|No file to patch/ { print f; exit }')
			[ -n "$file" ] || file=$(patch_touched "$p" | head -n1)
			echo "$(basename "$p") $file"
			return 1
		fi
	done
}

# dry_run DIR: apply the series to a scratch copy of DIR's touched files.
# Prints "PATCH FILE" of the first failure and returns 1 if it fails.
dry_run() {
	local dir=$1 scratch rc=0
	scratch=$(mktemp -d "${TMPDIR:-/tmp}/kp-dryrun.XXXXXX")
	copy_touched "$dir" "$scratch"
	apply_series_to "$scratch" || rc=1
	rm -rf "$scratch"
	return $rc
}

# tree_info DIR [DEBVERSION]: set TREE_VERSION, TREE_LABEL (e.g. "Linux
# 6.12.118 (linux-source-6.12 6.12.118-1~deb12u1)") and TREE_EXACT (1: DIR
# claims to be the recorded base, 0: another version).  DEBVERSION is the
# Debian version DIR was extracted from, if known; without it the Linux
# version is compared with the recorded one.
tree_info() {
	local dir=$1 debver=${2:-}
	[ -f "$dir/Makefile" ] || die "$dir is not a kernel source tree (no Makefile)"
	TREE_VERSION=$(tree_version "$dir")
	if [ -n "$debver" ]; then
		TREE_LABEL="Linux $TREE_VERSION ($BASE_DEB_PKG $debver)"
		TREE_WHAT="$BASE_DEB_PKG $debver (Linux $TREE_VERSION)"
		[ "$debver" = "$BASE_DEB_VERSION" ] && TREE_EXACT=1 || TREE_EXACT=0
	else
		TREE_LABEL="Linux $TREE_VERSION ($dir)"
		TREE_WHAT="Linux $TREE_VERSION in $dir"
		[ "$TREE_VERSION" = "$BASE_VERSION" ] && TREE_EXACT=1 || TREE_EXACT=0
	fi
}

# check_series_tree DIR [DEBVERSION]: decide whether the series can be
# applied to DIR, an unpatched tree (tree_info sets the variables).
#  - the recorded base: its touched files must match base.sha256;
#  - another version ("drift"): one warning line naming both versions if
#    the whole series applies with no fuzz (offsets allowed), unless
#    KP_DRIFT_WARNED is set (a parent already warned); otherwise die with
#    one line naming the first patch and file that fail.
check_series_tree() {
	local dir=$1 state fail recorded
	tree_info "$@"
	recorded="$BASE_DEB_VERSION (Linux $BASE_VERSION)"
	state=$(tree_state "$dir")
	[ "$state" != patched ] || die "$dir already has the series applied"
	if [ "$TREE_EXACT" = 1 ]; then
		[ "$TREE_VERSION" = "$BASE_VERSION" ] ||
			die "$dir is Linux $TREE_VERSION, but $BASE_DEB_PKG $BASE_DEB_VERSION is Linux $BASE_VERSION"
		[ "$state" = base ] ||
			die "$dir is not the recorded $BASE_VERSION base: ${state#other:} differs (partially patched or modified?)"
		return 0
	fi
	if ! fail=$(dry_run "$dir"); then
		die "the series does not apply to $TREE_WHAT, recorded base $recorded: ${fail%% *} fails on ${fail#* }"
	fi
	[ -n "${KP_DRIFT_WARNED:-}" ] ||
		warn "$TREE_WHAT is not the recorded base $recorded; the series still applies (offsets, no fuzz), using Linux $TREE_VERSION"
}

# sid_apt_init: a private apt configuration for Debian sid under
# $CACHE_DIR/apt-sid (source list with deb and deb-src lines, state,
# cache), never the machine's: sets SID_APT and the arrays APT (apt-get)
# and APT_CACHE (apt-cache) with its options.  Nothing is ever installed
# with it; it only downloads.
sid_apt_init() {
	local mirror=${SID_MIRROR:-http://deb.debian.org/debian}
	local keyring=/usr/share/keyrings/debian-archive-keyring.gpg o
	SID_APT=$CACHE_DIR/apt-sid
	for t in apt-get apt-cache dpkg-deb; do
		command -v $t >/dev/null || die "$t not found"
	done
	[ -f "$keyring" ] || die "$keyring missing (package debian-archive-keyring)"
	mkdir -p "$SID_APT/state/lists/partial" "$SID_APT/cache/archives/partial"
	printf 'deb [signed-by=%s] %s sid main\ndeb-src [signed-by=%s] %s sid main\n' \
		"$keyring" "$mirror" "$keyring" "$mirror" >"$SID_APT/sources.list"
	: >"$SID_APT/status"
	o=(-o Dir::Etc::SourceList="$SID_APT/sources.list"
		-o Dir::Etc::SourceParts=/dev/null -o Dir::Etc::Preferences=/dev/null
		-o Dir::Etc::PreferencesParts=/dev/null -o Dir::State="$SID_APT/state"
		-o Dir::State::status="$SID_APT/status" -o Dir::Cache="$SID_APT/cache"
		-o Debug::NoLocking=1 -o APT::Sandbox::User=root)
	APT=(apt-get -q "${o[@]}")
	APT_CACHE=(apt-cache "${o[@]}")
}

# sid_apt_update: refresh sid's package lists, at most once an hour.
sid_apt_update() {
	local stamp=$SID_APT/updated
	if [ -f "$stamp" ] && [ -n "$(find "$stamp" -mmin -60)" ]; then
		return 0
	fi
	if ! "${APT[@]}" update >"$SID_APT/update.log" 2>&1; then
		# A mirror that serves a frozen snapshot of sid outlives its
		# InRelease's Valid-Until (a week).  The signature is still
		# checked: accept the expired date, and say so.
		grep -q 'Release file for .* is expired' "$SID_APT/update.log" || return 1
		APT+=(-o Acquire::Check-Valid-Until=false)
		APT_CACHE+=(-o Acquire::Check-Valid-Until=false)
		"${APT[@]}" update >"$SID_APT/update.log" 2>&1 || return 1
		printf 'kernel-patches: warning: the mirror'"'"'s sid InRelease is past its Valid-Until date (a frozen snapshot); its signature was checked, its date was not\n' >&2
	fi
	touch "$stamp"
}
