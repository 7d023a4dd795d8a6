#!/bin/bash
# tests/golden/run.sh RENDER [--update]: the outputs of every writer of
# the tools (nvmx-gpc-top JSON/CSV/text and --probes, the exporter's
# exposition, nvmx-gpc record's results file) on fixed snapshots, rendered
# by RENDER (tests/golden/render.c), must be byte for byte those in
# tests/golden/expected/.  A change to what the tools write on the same
# input fails here with its diff; when it is intended, --update rewrites
# expected/ and the diff goes into the commit for review.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
BIN=${1:?usage: run.sh RENDER [--update]}
OUT=$(mktemp -d /tmp/nvmx-golden.XXXXXX)
trap 'rm -rf "$OUT"' EXIT

mkdir "$OUT/new"
if ! "$BIN" "$OUT/new"; then
	echo "golden: FAIL: $BIN exited non-zero" >&2
	exit 1
fi
n=$(ls "$OUT/new" | wc -l)
if [ "${2:-}" = --update ]; then
	rm -f "$HERE"/expected/*
	cp "$OUT"/new/* "$HERE/expected/"
	echo "golden: updated $n files in $HERE/expected"
	exit 0
fi
if ! diff -ru "$HERE/expected" "$OUT/new" >"$OUT/diff"; then
	head -n 300 "$OUT/diff"
	echo "golden: FAIL: the tools' output changed ($(grep -c '^[-+][^-+]' "$OUT/diff") lines; $(basename "$0") RENDER --update if intended)" >&2
	exit 1
fi
echo "golden: ok: $n files byte-identical to tests/golden/expected"
