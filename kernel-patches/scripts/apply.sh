#!/bin/bash
# Apply the series to KSRC.  Refuse unless KSRC is the recorded base and
# unpatched; dry-run the whole series on a scratch copy of the touched files
# first, so that KSRC is never left half-patched.
#
# usage: scripts/apply.sh KSRC
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=${1:-}
[ -n "$ksrc" ] || die "usage: make -C kernel-patches apply KSRC=DIR"
[ -d "$ksrc" ] || die "KSRC=$ksrc is not a directory"
ksrc=$(cd "$ksrc" && pwd)

check_base_tree "$ksrc"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/kp-dryrun.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
for f in $(series_touched); do
	[ -f "$ksrc/$f" ] || continue
	mkdir -p "$scratch/$(dirname "$f")"
	cp "$ksrc/$f" "$scratch/$f"
done
apply_series_to "$scratch" || die "dry run failed: the series does not apply to $ksrc (nothing changed)"
[ "$(tree_state "$scratch")" = patched ] ||
	die "dry run gave unexpected file contents (nothing changed in $ksrc)"

apply_series_to "$ksrc" || die "applying to $ksrc failed after a clean dry run"
[ "$(tree_state "$ksrc")" = patched ] || die "$ksrc does not match the patched fingerprint"
echo "apply: $(series_files | wc -l) patches applied to $ksrc"
