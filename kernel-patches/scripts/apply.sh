#!/bin/bash
# Apply the series to KSRC.  Refuse a patched or modified tree: KSRC must
# be the recorded base (exact fingerprint) or, for another version, a tree
# that the whole series applies to with no fuzz; the series is dry-run on a
# scratch copy of the touched files first, so that KSRC is never left
# half-patched.  KSRC_DEB_VERSION may name the Debian version KSRC comes
# from (the lab sets it); without it, the tree's Linux version is compared
# with the recorded one.
#
# usage: scripts/apply.sh KSRC
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ksrc=${1:-}
[ -n "$ksrc" ] || die "usage: make -C kernel-patches apply KSRC=DIR"
[ -d "$ksrc" ] || die "KSRC=$ksrc is not a directory"
ksrc=$(cd "$ksrc" && pwd)

check_series_tree "$ksrc" "${KSRC_DEB_VERSION:-}"

if fail=$(dry_run "$ksrc"); then :; else
	die "dry run failed: ${fail%% *} does not apply to ${fail#* } in $ksrc (nothing changed)"
fi
if fail=$(apply_series_to "$ksrc"); then :; else
	die "applying to $ksrc failed after a clean dry run: ${fail%% *} on ${fail#* }"
fi
if [ "$TREE_EXACT" = 1 ]; then
	[ "$(tree_state "$ksrc")" = patched ] || die "$ksrc does not match the patched fingerprint"
fi
echo "apply: $(series_files | wc -l) patches applied to $ksrc, $TREE_LABEL"
