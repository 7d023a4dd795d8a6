#!/bin/bash
# Regenerate the series in kernel-patches/ from a development git tree whose
# tag "base" is the pristine Debian linux-source-6.12 tree and whose commits
# after it are the patches, one commit per patch.  Git notes on a commit
# (git notes add) become the patch's remarks below the "---" line.
#
# The series goes to SERIES_DIR (default kernel-patches/, the 6.12 series;
# kernel-patches/7.2 for the 7.2 one), whose cover.txt fills the cover letter.
#
# usage: scripts/export.sh GIT_TREE [SERIES_DIR]
set -euo pipefail

tree=${1:?usage: export.sh GIT_TREE [SERIES_DIR]}
here=$(cd "${2:-$(dirname "$0")/..}" && pwd)
tmp=$(mktemp -d "$here/.export.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

git -C "$tree" format-patch -q --cover-letter --zero-commit --no-signature --notes \
	-o "$tmp" base..HEAD

# Fill the cover letter's subject and blurb from cover.txt.
subject=$(head -n1 "$here/cover.txt")
python3 - "$tmp"/0000-cover-letter.patch "$here/cover.txt" "$subject" <<'PY'
import sys
path, cover, subject = sys.argv[1:]
body = open(cover).read().split("\n", 1)[1].strip("\n")
s = open(path).read()
s = s.replace("*** SUBJECT HERE ***", subject, 1)
s = s.replace("*** BLURB HERE ***", body, 1)
open(path, "w").write(s)
PY

rm -f "$here"/[0-9][0-9][0-9][0-9]-*.patch
(cd "$tmp" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') > "$tmp/series"
mv "$tmp"/*.patch "$here"/
mv "$tmp/series" "$here/series"
echo "exported $(wc -l < "$here/series") patches to $here"
