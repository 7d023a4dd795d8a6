#!/bin/bash
# Test the version-drift rule (lib.sh, check_series_tree) with base.sh and
# apply.sh on real trees, in a scratch CACHE_DIR, for the series that
# SERIES_DIR selects (6.12 by default; make test SERIES=7.2 for 7.2):
#   drift       another real version of the series' package (not the
#               recorded base; the series applies with offsets): warning
#               naming both versions, success, tree keyed by version, stale
#               trees of older versions removed, newer ones kept
#   no-apply    a real tree with a line the series needs changed: one error
#               line naming the first failing patch and file, exit 1, tree
#               untouched
#   exact       the recorded base with a touched file modified: refused
#               (fingerprint mismatch, no dry run), when the package's
#               tarball (installed, or fetched from sid) is the recorded base
#
# The drifted version: DRIFT_DEB_VERSION if set; for 6.12,
# linux-source-6.12 6.12.117-1~deb12u1 (the older bookworm package the
# series was made on); otherwise the newest version other than the recorded
# base that the package's source serves (Debian sid for 7.2, through
# lib.sh's private apt configuration).  When there is none, the drift case
# is not run and the test says so; then the no-apply case uses the recorded
# base's tree (base.sh --path), under another package version
# (<version>-bad) so that check_series_tree dry-runs it as it would a new
# package.
#
# Only the files the series touches (and the Makefile) are extracted.  The
# drifted version's files are fetched once with `apt-get download` (or
# taken from DRIFT_TARBALL, a <package>.tar.xz of DRIFT_DEB_VERSION) and
# kept under $CACHE_DIR/kernel-check/drift.
set -euo pipefail
KP=$(cd "$(dirname "$0")/.." && pwd)
. "$KP/scripts/lib.sh"

REAL_CACHE=$CACHE_DIR
t0=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kp-drift.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
ran=()
notrun=()
ok() { echo "drift test: ok: $*"; }
bad() { echo "drift test: FAIL: $*" >&2; fails=$((fails + 1)); }
# not_run CASE REASON
not_run() { echo "drift test: not run: $1 case for $SERIES_NAME: $2"; notrun+=("$1"); }

# Paths inside the tarball: the Makefile and every touched file that exists.
members=("$BASE_DEB_PKG/Makefile")
while read -r sum f; do
	[ "$sum" = absent ] || members+=("$BASE_DEB_PKG/$f")
done <"$SERIES_DIR/base.sha256"

# The package's apt: the machine's for an installed package, lib.sh's
# private sid configuration for one from sid (nothing installed either way).
apt_setup() {
	if [ "$BASE_DEB_FROM" = sid ]; then
		[ -z "${SID_APT:-}" ] || return 0
		sid_apt_init
		sid_apt_update ||
			echo "drift test: warning: apt-get update of Debian sid failed (see $SID_APT/update.log); using the lists of the last update" >&2
	else
		APT=(apt-get -q)
		APT_CACHE=(apt-cache)
	fi
}

# served_versions: the versions of the package that its source serves, one
# a line (apt-cache madison; the lines of its source package are not the
# package's).
served_versions() {
	apt_setup
	"${APT_CACHE[@]}" madison "$BASE_DEB_PKG" 2>/dev/null |
		awk -F'|' -v p="$BASE_DEB_PKG" '{ gsub(/ /, "") } $1 == p { print $2 }' |
		sort -u
}

# small_tarball DEBVERSION: a .tar.xz of just those members (cached).
small_tarball() {
	local ver=$1 key dir out x src
	key=$(printf '%s\n' "${members[@]}" | sha256sum | cut -c1-12)
	dir=$REAL_CACHE/kernel-check/drift
	out=$dir/$BASE_DEB_PKG-$ver-$key.tar.xz
	if [ ! -f "$out" ]; then
		mkdir -p "$dir"
		x=$(mktemp -d "$dir/.fetch.XXXXXX")
		if [ -n "${DRIFT_TARBALL:-}" ]; then
			echo "drift test: extracting the touched files from $DRIFT_TARBALL" >&2
			tar -C "$x" -xJf "$DRIFT_TARBALL" "${members[@]}"
		else
			echo "drift test: fetching $BASE_DEB_PKG $ver with apt-get download (once)" >&2
			chmod 755 "$x"
			apt_setup
			(cd "$x" && "${APT[@]}" download "$BASE_DEB_PKG=$ver" >/dev/null 2>"$x/apt.log") ||
				{ tail -n1 "$x/apt.log" >&2; rm -rf "$x"
				  die "drift test: cannot download $BASE_DEB_PKG $ver (set DRIFT_TARBALL)"; }
			src=$(ls "$x"/*.deb)
			dpkg-deb --fsys-tarfile "$src" |
				tar -xOf - "./usr/src/$BASE_DEB_PKG.tar.xz" |
				tar -C "$x" -xJf - "${members[@]}"
			rm -f "$src"
		fi
		tar -C "$x" -cJf "$x/out.tar.xz" "$BASE_DEB_PKG"
		mv "$x/out.tar.xz" "$out"
		rm -rf "$x"
	fi
	echo "$out"
}

# run NAME CMD...: run with a scratch cache; stdout, stderr and status in $tmp/NAME.*
run() {
	local name=$1 rc=0
	shift
	CACHE_DIR=$tmp/cache "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
	echo $rc >"$tmp/$name.rc"
}
rc() { cat "$tmp/$1.rc"; }

# current_tree: the tree of the package's tarball in the real cache
# (base.sh --path: extracted once, checked against the series), copied with
# only the Makefile and the touched files into $tmp/DIR for each DIR given.
current_tree() {
	local cur d
	cur=$(CACHE_DIR=$REAL_CACHE "$KP/scripts/base.sh" --path)
	for d in "$@"; do
		mkdir -p "$tmp/$d"
		(cd "$cur" && cp --parents Makefile $(series_touched |
			while read -r f; do [ ! -f "$f" ] || echo "$f"; done) "$tmp/$d/")
	done
}

## The drifted version.
case $SERIES_NAME in
6.12) pin=6.12.117-1~deb12u1 ;;
*) pin= ;;
esac
OLD=${DRIFT_DEB_VERSION:-$pin}
if [ -z "$OLD" ]; then
	[ -z "${DRIFT_TARBALL:-}" ] || die "drift test: DRIFT_TARBALL needs DRIFT_DEB_VERSION, its Debian version"
	served=$(served_versions)
	for v in $served; do
		[ "$v" != "$BASE_DEB_VERSION" ] || continue
		[ -z "$OLD" ] || dpkg --compare-versions "$v" gt "$OLD" || continue
		OLD=$v
	done
	if [ -z "$OLD" ]; then
		src_name=$([ "$BASE_DEB_FROM" = sid ] && echo "Debian sid" || echo "the machine's apt sources")
		if [ -n "$served" ]; then
			not_run drift "Debian serves only $BASE_DEB_PKG $(echo $served)"
		else
			not_run drift "no $BASE_DEB_PKG in the lists of $src_name (offline, or no apt-get update yet?)"
		fi
	fi
fi
[ "$OLD" != "$BASE_DEB_VERSION" ] || die "drift test: DRIFT_DEB_VERSION must differ from the recorded base"

if [ -n "$OLD" ]; then
	old_tar=$(small_tarball "$OLD")
	mkdir -p "$tmp/old"
	tar -C "$tmp/old" -xJf "$old_tar"
	oldtree=$tmp/old/$BASE_DEB_PKG
	oldv=$(tree_version "$oldtree")

	## drift: base.sh on the drifted tarball, with a stale older tree, the
	## unversioned tree of earlier scripts and a newer tree in the cache.
	sub=$(deb_upstream "$OLD")
	sub=${sub##*.}
	stale=$SERIES_NAME.$((sub > 7 ? sub - 7 : 0))-${OLD#*-}
	dpkg --compare-versions "$stale" lt "$OLD" || stale=0-1
	src=$tmp/cache/src
	mkdir -p "$src/$BASE_DEB_PKG/x" "$src/$BASE_DEB_PKG-$stale/x" \
		"$src/$BASE_DEB_PKG-9.9.9-1/x"
	run drift env BASE_TARBALL="$old_tar" BASE_TARBALL_VERSION="$OLD" "$KP/scripts/base.sh"
	keyed=$src/$BASE_DEB_PKG-$OLD
	warnings=$(grep -c 'warning:' "$tmp/drift.err" || true)
	if [ "$(rc drift)" = 0 ] && [ "$warnings" = 1 ] &&
	   grep -qF "warning: $BASE_DEB_PKG $OLD (Linux $oldv) is not the recorded base $BASE_DEB_VERSION (Linux $BASE_VERSION); the series still applies" "$tmp/drift.err" &&
	   grep -qF "base: $keyed is Linux $oldv ($BASE_DEB_PKG $OLD), recorded base $BASE_DEB_VERSION" "$tmp/drift.out"; then
		ok "drift: $(grep warning: "$tmp/drift.err")"
	else
		bad "drift: rc $(rc drift), want 0 and one warning naming both versions: $(cat "$tmp/drift.out" "$tmp/drift.err")"
	fi
	[ -f "$keyed/Makefile" ] && ok "drift: extracted into $keyed" || bad "drift: no tree at $keyed"
	if [ ! -e "$src/$BASE_DEB_PKG" ] && [ ! -e "$src/$BASE_DEB_PKG-$stale" ] &&
	   [ -e "$src/$BASE_DEB_PKG-9.9.9-1" ]; then
		ok "drift: stale trees (unversioned, ${stale%%-*}) removed, newer 9.9.9 kept"
	else
		bad "drift: stale tree handling: $(ls "$src")"
	fi
	run drift2 env BASE_TARBALL="$old_tar" BASE_TARBALL_VERSION="$OLD" "$KP/scripts/base.sh" --path
	if [ "$(rc drift2)" = 0 ] && ! grep -q extracting "$tmp/drift2.err" &&
	   [ "$(cat "$tmp/drift2.out")" = "$keyed" ]; then
		ok "drift: second run reuses $keyed"
	else
		bad "drift: second run: $(cat "$tmp/drift2.out" "$tmp/drift2.err")"
	fi

	## drift: apply.sh applies the series to a copy, with the same warning,
	## and creates every file the series creates.
	cp -a "$oldtree" "$tmp/apply"
	run apply env KSRC_DEB_VERSION="$OLD" "$KP/scripts/apply.sh" "$tmp/apply"
	created=$(awk '$1 == "absent" { print $2 }' "$SERIES_DIR/base.sha256")
	missing=$(for f in $created; do [ -f "$tmp/apply/$f" ] || echo "$f"; done)
	if [ "$(rc apply)" = 0 ] && grep -q 'warning: .*is not the recorded base' "$tmp/apply.err" &&
	   grep -q "patches applied to $tmp/apply, Linux $oldv" "$tmp/apply.out" &&
	   grep -q nested_gpc_lock "$tmp/apply/arch/x86/kvm/vmx/nested.c" && [ -z "$missing" ]; then
		ok "drift: apply.sh applied the series to Linux $oldv"
	else
		bad "drift: apply.sh: rc $(rc apply)${missing:+, not created: $missing}: $(cat "$tmp/apply.out" "$tmp/apply.err")"
	fi
	ran+=(drift)
fi

## no-apply: change a context line of the first hunk in $target of the
## first patch that touches $target: that patch must be named, and that
## file.  include/trace/events/kvm.h by default: a file of the base that
## only the tracepoint patches touch (5 and 14), in both series, and not
## patch 5's first file (the failing file is found past files that apply).  A series
## without it: the first file of the base that only one patch touches.
# The tree: the drifted one (its own version for apply.sh, <version>-bad
# for base.sh), else the current base's (<version>-bad for both, so that
# the dry run, not the fingerprint, decides).
if [ -n "$OLD" ]; then
	nsrc=$oldtree nver=$OLD nver_apply=$OLD
else
	current_tree cur
	nsrc=$tmp/cur nver=$(installed_deb_version) nver_apply=$(installed_deb_version)-bad
fi
nv=$(tree_version "$nsrc")
exists() { [ -f "$nsrc/$1" ]; }
touchers() { # touchers FILE: the patches that touch FILE, in series order
	local p
	for p in $(series_files); do
		! patch_touched "$p" | grep -qxF "$1" || echo "$p"
	done
}
target=${DRIFT_NOAPPLY_FILE:-include/trace/events/kvm.h}
if [ -z "${DRIFT_NOAPPLY_FILE:-}" ] && { ! exists "$target" || [ -z "$(touchers "$target")" ]; }; then
	target=
	for f in $(series_touched); do
		exists "$f" && [ "$(touchers "$f" | wc -l)" = 1 ] || continue
		target=$f
		break
	done
	[ -n "$target" ] || die "drift test: no file of the base that only one patch touches"
fi
exists "$target" || die "drift test: $target is not in $BASE_DEB_PKG $nver"
# sed, not head: touchers must not die of SIGPIPE (pipefail) when more
# than one patch touches the file (kvm.h: patches 5 and 14).
pfirst=$(touchers "$target" | sed -n 1p)
[ -n "$pfirst" ] || die "drift test: no patch touches $target"
ctx=$(awk -v f="$target" '
	/^diff --git / { on = ($NF == "b/" f) }
	on && /^@@/ { h = 1; next }
	on && h && /^ ./ { print substr($0, 2); exit }' "$pfirst")
[ -n "$ctx" ] || die "drift test: no context line for $target in $pfirst"
cp -a "$nsrc" "$tmp/bad"
CTX=$ctx perl -i -pe 'chomp(my $l = $_); $_ = "$l /* drifted */\n" if $l eq $ENV{CTX}' "$tmp/bad/$target"
before=$(fingerprint "$tmp/bad")
run noapply env KSRC_DEB_VERSION="$nver_apply" "$KP/scripts/apply.sh" "$tmp/bad"
want="$(basename "$pfirst") fails on $target"
if [ "$(rc noapply)" = 1 ] && [ "$(wc -l <"$tmp/noapply.err")" = 1 ] &&
   grep -qF "$want" "$tmp/noapply.err" && grep -qF "$BASE_DEB_PKG $nver_apply (Linux $nv)" "$tmp/noapply.err" &&
   [ "$(fingerprint "$tmp/bad")" = "$before" ]; then
	ok "no-apply (apply.sh): $(cat "$tmp/noapply.err")"
else
	bad "no-apply (apply.sh): rc $(rc noapply), want 1 and one line with '$want', tree untouched: $(cat "$tmp/noapply.err")"
fi
tar -C "$tmp" -cJf "$tmp/bad.tar.xz" --transform "s|^bad|$BASE_DEB_PKG|" bad
run noapply2 env BASE_TARBALL="$tmp/bad.tar.xz" BASE_TARBALL_VERSION="$nver-bad" "$KP/scripts/base.sh"
if [ "$(rc noapply2)" = 1 ] && [ "$(grep -c 'does not apply' "$tmp/noapply2.err")" = 1 ] &&
   tail -n1 "$tmp/noapply2.err" | grep -qF "$want" &&
   grep -qF "$BASE_DEB_PKG $nver-bad (Linux $nv)" "$tmp/noapply2.err"; then
	ok "no-apply (base.sh): $(tail -n1 "$tmp/noapply2.err")"
else
	bad "no-apply (base.sh): rc $(rc noapply2): $(cat "$tmp/noapply2.err")"
fi
ran+=(no-apply)

## exact: the recorded base with a modified touched file is refused.
modfile=virt/kvm/pfncache.c
series_touched | grep -qxF "$modfile" || die "drift test: the series does not touch $modfile"
if [ "$(installed_deb_version)" = "$BASE_DEB_VERSION" ]; then
	current_tree exact exact-mod
	echo '/* modified */' >>"$tmp/exact-mod/$modfile"
	run exact0 env KSRC_DEB_VERSION="$BASE_DEB_VERSION" "$KP/scripts/apply.sh" "$tmp/exact"
	run exact env KSRC_DEB_VERSION="$BASE_DEB_VERSION" "$KP/scripts/apply.sh" "$tmp/exact-mod"
	if [ "$(rc exact0)" = 0 ] && ! grep -q warning "$tmp/exact0.err" &&
	   [ "$(rc exact)" = 1 ] && grep -q "not the recorded .* base: $modfile differs" "$tmp/exact.err"; then
		ok "exact: recorded base applies silently; modified copy refused: $(cat "$tmp/exact.err")"
	else
		bad "exact: rc $(rc exact0)/$(rc exact): $(cat "$tmp/exact0.err" "$tmp/exact.err")"
	fi
	ran+=(exact)
else
	how=$([ "$BASE_DEB_FROM" = sid ] && echo fetched || echo installed)
	iv=$(installed_deb_version)
	echo "drift test: skip: exact case ($how $BASE_DEB_PKG is ${iv:-none}, not the recorded $BASE_DEB_VERSION)"
	notrun+=(exact)
fi

[ $fails -eq 0 ] || die "drift test: $fails case(s) failed"
secs=$(( $(date +%s) - t0 ))
if [ ${#notrun[@]} -eq 0 ]; then
	echo "drift test: PASS (${secs}s; drifted tree: $BASE_DEB_PKG $OLD, Linux $oldv)"
else
	list() { local IFS=,; echo "$*" | sed 's/,/, /g'; }
	echo "drift test: PASS for $(list "${ran[@]}"); NOT RUN: $(list "${notrun[@]}") (${secs}s; no-apply tree: $BASE_DEB_PKG $nver, Linux $nv)"
fi
