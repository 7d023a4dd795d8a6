#!/bin/bash
# Print the fingerprint (sha256 or "absent") of every file the series touches
# in DIR.  Maintainer tool: base.sha256 is the fingerprint of the pristine
# base, patched.sha256 that of the base with the series applied.
#
# usage: scripts/fingerprint.sh DIR
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ -d "${1:-}" ] || die "usage: fingerprint.sh DIR"
fingerprint "$1"
