#!/bin/bash
# mkiso.sh BZIMAGE ROOTDIR CMDLINE OUT.iso
# Pack ROOTDIR as an initramfs (newc cpio, legacy lz4) and boot it with
# BZIMAGE from an isolinux ISO (Bochs has no direct kernel boot).
set -euo pipefail
TOP=$(cd "$(dirname "$0")/../.." && pwd)
. "$TOP/lab/scripts/lib.sh"
[ $# -eq 4 ] || die "usage: mkiso.sh BZIMAGE ROOTDIR CMDLINE OUT.iso"
bz=$1 root=$2 cmdline=$3 out=$4
[ -f "$bz" ] || die "no kernel image $bz"
[ -x "$root/init" ] || die "$root/init missing or not executable"
for f in /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32; do
	[ -f "$f" ] || die "$f missing (install isolinux and syslinux-common)"
done
iso=$(mktemp -d "${out%/*}/.iso.XXXXXX")
trap 'rm -rf "$iso"' EXIT
mkdir -p "$iso/isolinux"
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$iso/isolinux/"
cp "$bz" "$iso/bzImage"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc -R 0:0 --quiet) | lz4 -l -9 -q >"$iso/initrd.img"
cat >"$iso/isolinux/isolinux.cfg" <<CFG
DEFAULT lab
PROMPT 0
TIMEOUT 0
LABEL lab
  KERNEL /bzImage
  INITRD /initrd.img
  APPEND $cmdline
CFG
xorriso -as mkisofs -quiet -o "$out.tmp" -b isolinux/isolinux.bin -c isolinux/boot.cat \
	-no-emul-boot -boot-load-size 4 -boot-info-table -R "$iso" 2>/dev/null ||
	die "xorriso failed to build $out"
mv "$out.tmp" "$out"
