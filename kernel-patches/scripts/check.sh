#!/bin/bash
# Check every patch of the series in order, on a copy of KSRC (default: the
# pristine base, see base.sh):
#   apply      patch -p1 onto the previous patches
#   checkpatch scripts/checkpatch.pl --strict; errors and warnings fail the
#              check unless listed in checkpatch.allow (and justified in
#              README.md); CHECKs are counted
#   kvm        make W=1 arch/x86/kvm/ with KVM=y KVM_INTEL=y KVM_WERROR=y
#              (lab/kconfig/nvmx.config + check.config), incrementally
#   sparse     make C=2 on the .c files the patch touches under
#              arch/x86/kvm and virt/kvm; warnings not present on the
#              base fail the check
#   selftests  the KVM selftests the patch adds, built static against the
#              base's installed headers
# then builds the whole series once more with KVM=m KVM_INTEL=m and checks
# that every symbol kvm-intel.o needs from kvm.o is exported.
#
# Results are cached under $CACHE_DIR/kernel-check keyed by the content of
# the patches, configs and these scripts: an unchanged series prints the
# cached table.  Compiler output is cached with ccache.  FORCE=1 re-runs.
#
# usage: scripts/check.sh [KSRC]
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$KP_TOP/scripts/cache-lock.sh"

JOBS=${JOBS:-2}
FRAG=$KP_TOP/lab/kconfig/nvmx.config
CHECK_FRAG=$KP_DIR/check.config
ALLOW=$SERIES_DIR/checkpatch.allow
CK=$CACHE_DIR/kernel-check

if [ -n "${1:-}" ]; then
	[ -d "$1" ] || die "KSRC=$1 is not a directory"
	ksrc=$(cd "$1" && pwd)
	check_series_tree "$ksrc"
else
	# base.sh extracts the installed package's tree if needed and checks
	# it (exact fingerprint, or the drift dry run and its warning).
	ksrc=$("$KP_DIR/scripts/base.sh" --path)
	tree_info "$ksrc" "$(installed_deb_version)"
fi
for f in "$FRAG" "$CHECK_FRAG" "$ALLOW"; do
	[ -f "$f" ] || die "missing $f"
done
for t in gcc make sparse patch perl ccache nm; do
	command -v $t >/dev/null || die "$t not found (run 'make deps')"
done
# The tree may need a newer sparse than the machine's (base.conf,
# SPARSE_FROM=sid: built from sid's source package by sparse-sid.sh).
SPARSE_BIN=$(command -v sparse)
if [ "${SPARSE_FROM:-}" = sid ]; then
	SPARSE_BIN=$("$KP_DIR/scripts/sparse-sid.sh" --path)
fi

mapfile -t patches < <(series_files)
key=$( (cat "$KP_DIR"/scripts/*.sh "$FRAG" "$CHECK_FRAG" "$ALLOW" \
	"$SERIES_DIR/series" "${patches[@]}" "$SERIES_DIR/base.sha256" "$SERIES_DIR/base.conf";
	echo "$TREE_LABEL"; fingerprint "$ksrc";
	gcc --version | head -n1; sha256sum <"$SPARSE_BIN") | sha256sum | cut -c1-16)
results=$CK/results
mkdir -p "$results"
if [ -f "$results/$key.table" ] && [ -z "${FORCE:-}" ]; then
	echo "check: cached result $key (patches, configs and scripts unchanged; FORCE=1 to re-run)"
	cat "$results/$key.table"
	exit "$(cat "$results/$key.status")"
fi

t_start=$(date +%s)
# One work directory per series (run for 6.12, run-7.2 for 7.2); the
# ccache and results are shared.
work=$CK/run$([ "$SERIES_DIR" = "$KP_DIR" ] || echo "-$SERIES_NAME")
# one check of a series at a time: another job may be using its work tree
cache_lock "$work" || die "cannot lock $work"
rm -rf "$work"
mkdir -p "$work/log"
tree=$work/tree
obj=$work/obj
# Hard links are cheap; patch(1) replaces the files it changes, so KSRC is
# never written through them.  Copy when KSRC is on another filesystem.
cp -al "$ksrc" "$tree" 2>/dev/null || { rm -rf "$tree"; cp -a "$ksrc" "$tree"; }
export CCACHE_DIR=$CK/ccache CCACHE_BASEDIR=$work CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
KMAKE=(make -C "$tree" -s -j"$JOBS" CC="ccache gcc" HOSTCC="ccache gcc")

# configure OBJDIR [EXTRA_FRAGMENT...]: tinyconfig + fragments + olddefconfig
configure() {
	local objdir=$1 opt
	shift
	mkdir -p "$objdir"
	"${KMAKE[@]}" O="$objdir" tinyconfig >/dev/null
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$objdir" "$objdir/.config" \
		"$FRAG" "$CHECK_FRAG" "$@" >/dev/null
	"${KMAKE[@]}" O="$objdir" olddefconfig >/dev/null
}

need_opt() {
	grep -qx "$2" "$1/.config" || die "config in $1 lacks $2"
}

log "configuring and preparing $obj"
configure "$obj"
need_opt "$obj" CONFIG_KVM=y
need_opt "$obj" CONFIG_KVM_INTEL=y
need_opt "$obj" CONFIG_KVM_WERROR=y
"${KMAKE[@]}" O="$obj" prepare >"$work/log/prepare.log" 2>&1 ||
	die "make prepare failed, see $work/log/prepare.log"

# UAPI headers for the selftests, from the base (the series touches no UAPI).
if series_touched | grep -q '/uapi/'; then
	hdr=$work/hdr
else
	hdr=$CK/hdr-$( (echo "$TREE_VERSION"; fingerprint "$ksrc") | sha256sum | cut -c1-12)
fi
if [ ! -f "$hdr/.done" ]; then
	log "installing UAPI headers into $hdr"
	rm -rf "$hdr"
	"${KMAKE[@]}" O="$obj" headers_install INSTALL_HDR_PATH="$hdr" \
		>"$work/log/headers.log" 2>&1 || die "headers_install failed"
	touch "$hdr/.done"
fi

# Sparse warnings (one line each, line numbers dropped) of one .c file.
sparse_file() {
	local src=$1 target
	case $src in
	arch/x86/kvm/*) target=${src%.c}.o ;;
	virt/kvm/*) target=arch/x86/kvm/../../../${src%.c}.o ;;
	*) return 0 ;;
	esac
	"${KMAKE[@]}" O="$obj" W=1 C=2 CHECK="$SPARSE_BIN" "$target" >"$work/log/sparse.out" 2>&1 || true
	# An old sparse makes kbuild warn and check nothing: fail instead.
	if grep -q 'sparse is not available or not up to date' "$work/log/sparse.out"; then
		die "$SPARSE_BIN is too old for $TREE_LABEL: kbuild ran no sparse (see $work/log/sparse.out)"
	fi
	grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error):' "$work/log/sparse.out" |
		sed -E "s|^$tree/||; s|^arch/x86/kvm/\.\./\.\./\.\./||; s|:[0-9]+:[0-9]+:|:|" || true
}

# Sparse baseline on the base for every .c file the series touches.
sparse_files=$(series_touched | grep -E '^(arch/x86/kvm|virt/kvm)/.*\.c$' || true)
log "sparse baseline on the base: $(echo $sparse_files)"
for f in $sparse_files; do
	sparse_file "$f"
done | sort >"$work/sparse.base"

rows=()
status=0
n=0
for p in "${patches[@]}"; do
	n=$((n + 1))
	name=$(basename "$p")
	num=${name%%-*}
	t0=$(date +%s)
	plog=$work/log/$num
	r_apply=ok r_cp=- r_build=- r_sparse=- r_st=-

	if patch_one "$tree" "$p" >"$plog.apply" 2>&1; then
		# Offsets are expected only when checking another version.
		! grep -q ' with offset\|(offset ' "$plog.apply" || r_apply=offset
	else
		r_apply=FAIL
		status=1
		rows+=("$(printf '%-4s %-6s %-18s %-9s %-10s %-12s %4ss  %s' \
			"$num" "$r_apply" - - - - $(( $(date +%s) - t0 )) "$name")")
		break
	fi

	# checkpatch: ERROR/WARNING not allowed in checkpatch.allow fail.
	(cd "$tree" && ./scripts/checkpatch.pl --strict --show-types --no-summary -q \
		"$p" >"$plog.checkpatch" 2>&1) || true
	types=$(sed -nE 's/^(ERROR|WARNING|CHECK):([A-Z_0-9]+):.*/\1 \2/p' "$plog.checkpatch")
	ne=0 nw=0 nc=0 nj=0
	while read -r level type; do
		[ -n "$level" ] || continue
		if [ "$level" = CHECK ]; then
			nc=$((nc + 1))
		elif grep -qE "^$num[[:space:]]+$type([[:space:]]|$)" "$ALLOW"; then
			nj=$((nj + 1))
		elif [ "$level" = ERROR ]; then
			ne=$((ne + 1))
		else
			nw=$((nw + 1))
		fi
	done <<<"$types"
	r_cp="${ne}E ${nw}W ${nc}C"
	[ $nj -eq 0 ] || r_cp="$r_cp +${nj}j"
	[ $((ne + nw)) -eq 0 ] || { r_cp="FAIL $r_cp"; status=1; }

	# KVM build, W=1, -Werror via CONFIG_KVM_WERROR.
	if "${KMAKE[@]}" O="$obj" W=1 arch/x86/kvm/ >"$plog.build" 2>&1; then
		nwarn=$(grep -c 'warning:' "$plog.build" || true)
		r_build="ok ${nwarn}w"
		[ "$nwarn" -eq 0 ] || { r_build="FAIL ${nwarn}w"; status=1; }
	else
		r_build=FAIL
		status=1
	fi

	# sparse on the touched .c files, compared with the base.
	files=$(patch_touched "$p" | grep -E '^(arch/x86/kvm|virt/kvm)/.*\.c$' || true)
	if [ -n "$files" ] && [ "${r_build%% *}" = ok ]; then
		for f in $files; do sparse_file "$f"; done | sort >"$plog.sparse"
		new=$(for f in $files; do grep "^$f:" "$work/sparse.base" || true; done |
			sort | comm -13 - "$plog.sparse" | wc -l)
		r_sparse="$(echo $files | wc -w)f ${new}new"
		[ "$new" -eq 0 ] || { r_sparse="FAIL $r_sparse"; status=1; }
	elif [ -n "$files" ]; then
		r_sparse=skip
	fi

	# selftests added by the patch.
	tests=$(patch_touched "$p" | sed -nE 's|^tools/testing/selftests/kvm/(x86(_64)?/[^/]+)\.c$|\1|p')
	if [ -n "$tests" ]; then
		targets=()
		for t in $tests; do targets+=("$obj/kselftest/$t"); done
		if make -C "$tree/tools/testing/selftests/kvm" -s -j"$JOBS" \
			CC="ccache gcc" OUTPUT="$obj/kselftest" \
			LINUX_HDR_PATH="$hdr/include/" KHDR_INCLUDES="-isystem $hdr/include" \
			EXTRA_CFLAGS=-static LDFLAGS="-static -pthread -no-pie" \
			"${targets[@]}" >"$plog.selftests" 2>&1; then
			r_st="ok $(echo $tests | wc -w)"
			for t in "${targets[@]}"; do
				[ -x "$t" ] || { r_st=FAIL; status=1; }
			done
		else
			r_st=FAIL
			status=1
		fi
	fi

	rows+=("$(printf '%-4s %-6s %-18s %-9s %-10s %-12s %4ss  %s' \
		"$num" "$r_apply" "$r_cp" "$r_build" "$r_sparse" "$r_st" \
		$(( $(date +%s) - t0 )) "$name")")
done

# The whole series with KVM=m KVM_INTEL=m: modpost-style export check.
t0=$(date +%s)
r_mod=-
if [ $status -eq 0 ] || [ ${#rows[@]} -eq ${#patches[@]} ]; then
	objm=$work/obj-m
	printf 'CONFIG_MODULES=y\nCONFIG_KVM=m\nCONFIG_KVM_INTEL=m\n' >"$work/modules.config"
	configure "$objm" "$work/modules.config"
	need_opt "$objm" CONFIG_KVM=m
	need_opt "$objm" CONFIG_KVM_INTEL=m
	if "${KMAKE[@]}" O="$objm" prepare >"$work/log/m.build" 2>&1 &&
	   "${KMAKE[@]}" O="$objm" W=1 arch/x86/kvm/ >>"$work/log/m.build" 2>&1; then
		kd=$objm/arch/x86/kvm
		nm -u "$kd/kvm-intel.o" | awk '{print $2}' | sort -u >"$work/m.undef"
		nm --defined-only "$kd/kvm.o" | awk '{print $3}' | sort -u >"$work/m.def"
		nm "$kd/kvm.o" | sed -nE 's/.* __export_symbol_(.*)$/\1/p' | sort -u >"$work/m.exp"
		comm -12 "$work/m.undef" "$work/m.def" >"$work/m.need"
		missing=$(comm -23 "$work/m.need" "$work/m.exp")
		if [ -z "$missing" ]; then
			r_mod="ok ($(wc -l <"$work/m.need") kvm.ko symbols used by kvm-intel.ko, all exported)"
		else
			r_mod="FAIL: not exported: $(echo $missing)"
			status=1
		fi
	else
		r_mod="FAIL (build, see $work/log/m.build)"
		status=1
	fi
fi
t_mod=$(( $(date +%s) - t0 ))

{
	echo "Series check on $TREE_LABEL, key $key"
	[ "$TREE_EXACT" = 1 ] ||
		echo "warning: not the recorded base $BASE_DEB_PKG $BASE_DEB_VERSION (Linux $BASE_VERSION); the series applies with no fuzz"
	echo "config: tinyconfig + lab/kconfig/nvmx.config + kernel-patches/check.config (KVM=y KVM_INTEL=y KVM_WERROR=y), W=1, -j$JOBS"
	printf '%-4s %-6s %-18s %-9s %-10s %-12s %5s  %s\n' \
		"#" apply "checkpatch" "kvm W=1" "sparse" "selftests" time patch
	printf '%s\n' "${rows[@]}"
	echo "KVM=m KVM_INTEL=m, whole series: $r_mod (${t_mod}s)"
	echo "checkpatch: E/W/C = errors/warnings/checks (--strict); +Nj = justified in checkpatch.allow"
	echo "sparse: Nf = .c files checked (C=2), Nnew = warnings not present on the base; $("$SPARSE_BIN" --version 2>&1 | head -n1) ($SPARSE_BIN)"
	echo "result: $([ $status -eq 0 ] && echo PASS || echo FAIL), $(( $(date +%s) - t_start ))s"
} >"$work/table"
cat "$work/table"
echo $status >"$results/.$key.status.tmp" && mv "$results/.$key.status.tmp" "$results/$key.status"
cp "$work/table" "$results/.$key.table.tmp" && mv "$results/.$key.table.tmp" "$results/$key.table"
# Keep logs of the last run for inspection, drop the big trees.
rm -rf "$tree" "$obj" "${objm:-}"
exit $status
