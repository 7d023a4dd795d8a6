#!/bin/bash
# Test the version-drift rule (lib.sh, check_series_tree) with base.sh and
# apply.sh on real trees, in a scratch CACHE_DIR:
#   drift       linux-source-6.12 6.12.117-1~deb12u1 (not the recorded
#               base; the series applies with offsets): warning naming both
#               versions, success, tree keyed by version, stale trees of
#               older versions removed, newer ones kept
#   no-apply    the same tree with a line the series needs changed: one
#               error line naming the first failing patch and file, exit 1,
#               tree untouched
#   exact       the recorded base with a touched file modified: refused
#               (fingerprint mismatch, no dry run), when the installed
#               package is the recorded base
# Only the files the series touches (and the Makefile) are extracted.  The
# 6.12.117 files are fetched once with `apt-get download` (or taken from
# DRIFT_TARBALL, a linux-source-6.12.tar.xz of DRIFT_DEB_VERSION) and kept
# under $CACHE_DIR/kernel-check/drift.
set -euo pipefail
KP=$(cd "$(dirname "$0")/.." && pwd)
. "$KP/scripts/lib.sh"

OLD=${DRIFT_DEB_VERSION:-6.12.117-1~deb12u1}
REAL_CACHE=$CACHE_DIR
t0=$(date +%s)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kp-drift.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
ok() { echo "drift test: ok: $*"; }
bad() { echo "drift test: FAIL: $*" >&2; fails=$((fails + 1)); }

# Paths inside the tarball: the Makefile and every touched file that exists.
members=(linux-source-6.12/Makefile)
while read -r sum f; do
	[ "$sum" = absent ] || members+=("linux-source-6.12/$f")
done <"$KP/base.sha256"

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
			(cd "$x" && apt-get download -q "$BASE_DEB_PKG=$ver" >/dev/null 2>"$x/apt.log") ||
				{ tail -n1 "$x/apt.log" >&2; rm -rf "$x"
				  die "drift test: cannot download $BASE_DEB_PKG $ver (set DRIFT_TARBALL)"; }
			src=$(ls "$x"/*.deb)
			dpkg-deb --fsys-tarfile "$src" |
				tar -xOf - ./usr/src/linux-source-6.12.tar.xz |
				tar -C "$x" -xJf - "${members[@]}"
			rm -f "$src"
		fi
		tar -C "$x" -cJf "$x/out.tar.xz" linux-source-6.12
		mv "$x/out.tar.xz" "$out"
		rm -rf "$x"
	fi
	echo "$out"
}

old_tar=$(small_tarball "$OLD")
mkdir -p "$tmp/old"
tar -C "$tmp/old" -xJf "$old_tar"
oldtree=$tmp/old/linux-source-6.12
oldv=$(tree_version "$oldtree")
[ "$OLD" != "$BASE_DEB_VERSION" ] || die "drift test: DRIFT_DEB_VERSION must differ from the recorded base"

# run NAME CMD...: run with a scratch cache; stdout, stderr and status in $tmp/NAME.*
run() {
	local name=$1 rc=0
	shift
	CACHE_DIR=$tmp/cache "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || rc=$?
	echo $rc >"$tmp/$name.rc"
}
rc() { cat "$tmp/$1.rc"; }

## drift: base.sh on the 6.12.117 tarball.
src=$tmp/cache/src
mkdir -p "$src/$BASE_DEB_PKG/x" "$src/$BASE_DEB_PKG-6.12.110-1~deb12u1/x" \
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
if [ ! -e "$src/$BASE_DEB_PKG" ] && [ ! -e "$src/$BASE_DEB_PKG-6.12.110-1~deb12u1" ] &&
   [ -e "$src/$BASE_DEB_PKG-9.9.9-1" ]; then
	ok "drift: stale trees (unversioned, 6.12.110) removed, newer 9.9.9 kept"
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

## drift: apply.sh applies the series to a copy, with the same warning.
cp -a "$oldtree" "$tmp/apply"
run apply env KSRC_DEB_VERSION="$OLD" "$KP/scripts/apply.sh" "$tmp/apply"
if [ "$(rc apply)" = 0 ] && grep -q 'warning: .*is not the recorded base' "$tmp/apply.err" &&
   grep -q "patches applied to $tmp/apply, Linux $oldv" "$tmp/apply.out" &&
   grep -q nested_gpc_lock "$tmp/apply/arch/x86/kvm/vmx/nested.c" &&
   [ -f "$tmp/apply/tools/testing/selftests/kvm/x86_64/vmx_nested_pfncache_bench.c" ]; then
	ok "drift: apply.sh applied the series to Linux $oldv"
else
	bad "drift: apply.sh: rc $(rc apply): $(cat "$tmp/apply.out" "$tmp/apply.err")"
fi

## no-apply: change a context line of patch 0005's first hunk in
## include/trace/events/kvm.h (only patch 0005 touches it).
p5=$(series_files | sed -n 5p)
target=include/trace/events/kvm.h
ctx=$(awk -v f="$target" '
	/^diff --git / { on = ($NF == "b/" f) }
	on && /^@@/ { h = 1; next }
	on && h && /^ ./ { print substr($0, 2); exit }' "$p5")
[ -n "$ctx" ] || die "drift test: no context line for $target in $p5"
cp -a "$oldtree" "$tmp/bad"
CTX=$ctx perl -i -pe 'chomp(my $l = $_); $_ = "$l /* drifted */\n" if $l eq $ENV{CTX}' "$tmp/bad/$target"
before=$(fingerprint "$tmp/bad")
run noapply env KSRC_DEB_VERSION="$OLD" "$KP/scripts/apply.sh" "$tmp/bad"
want="$(basename "$p5") fails on $target"
if [ "$(rc noapply)" = 1 ] && [ "$(wc -l <"$tmp/noapply.err")" = 1 ] &&
   grep -qF "$want" "$tmp/noapply.err" && [ "$(fingerprint "$tmp/bad")" = "$before" ]; then
	ok "no-apply (apply.sh): $(cat "$tmp/noapply.err")"
else
	bad "no-apply (apply.sh): rc $(rc noapply), want 1 and one line with '$want', tree untouched: $(cat "$tmp/noapply.err")"
fi
tar -C "$tmp" -cJf "$tmp/bad.tar.xz" --transform 's|^bad|linux-source-6.12|' bad
run noapply2 env BASE_TARBALL="$tmp/bad.tar.xz" BASE_TARBALL_VERSION="$OLD-bad" "$KP/scripts/base.sh"
if [ "$(rc noapply2)" = 1 ] && [ "$(grep -c 'does not apply' "$tmp/noapply2.err")" = 1 ] &&
   tail -n1 "$tmp/noapply2.err" | grep -qF "$want" &&
   grep -qF "$BASE_DEB_PKG $OLD-bad (Linux $oldv)" "$tmp/noapply2.err"; then
	ok "no-apply (base.sh): $(tail -n1 "$tmp/noapply2.err")"
else
	bad "no-apply (base.sh): rc $(rc noapply2): $(cat "$tmp/noapply2.err")"
fi

## exact: the recorded base with a modified touched file is refused.
if [ "$(installed_deb_version)" = "$BASE_DEB_VERSION" ]; then
	cur=$(CACHE_DIR=$REAL_CACHE "$KP/scripts/base.sh" --path)
	for d in exact exact-mod; do
		mkdir -p "$tmp/$d"
		(cd "$cur" && cp --parents Makefile $(series_touched |
			while read -r f; do [ ! -f "$f" ] || echo "$f"; done) "$tmp/$d/")
	done
	echo '/* modified */' >>"$tmp/exact-mod/virt/kvm/pfncache.c"
	run exact0 env KSRC_DEB_VERSION="$BASE_DEB_VERSION" "$KP/scripts/apply.sh" "$tmp/exact"
	run exact env KSRC_DEB_VERSION="$BASE_DEB_VERSION" "$KP/scripts/apply.sh" "$tmp/exact-mod"
	if [ "$(rc exact0)" = 0 ] && ! grep -q warning "$tmp/exact0.err" &&
	   [ "$(rc exact)" = 1 ] && grep -q 'not the recorded .* base: virt/kvm/pfncache.c differs' "$tmp/exact.err"; then
		ok "exact: recorded base applies silently; modified copy refused: $(cat "$tmp/exact.err")"
	else
		bad "exact: rc $(rc exact0)/$(rc exact): $(cat "$tmp/exact0.err" "$tmp/exact.err")"
	fi
else
	echo "drift test: skip: exact case (installed $BASE_DEB_PKG is $(installed_deb_version), not the recorded $BASE_DEB_VERSION)"
fi

[ $fails -eq 0 ] || die "drift test: $fails case(s) failed"
echo "drift test: PASS ($(( $(date +%s) - t0 ))s; drifted tree: $BASE_DEB_PKG $OLD, Linux $oldv)"
