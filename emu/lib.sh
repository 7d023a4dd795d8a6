# Emulated KVM host (docs/emulated-host.md): helpers sourced by
# scripts/emu-host.  Requires $TOP.
#
# Kernels, by name:
#   debian    Debian bookworm's linux-image-amd64 (6.1.y), KVM as modules:
#             the kind of host users run.  The default.
#   debian612 Debian bookworm's linux-image-6.12.*+deb12-amd64-unsigned,
#             the same 6.12.y that the series and the lab are based on.
#   lab-base, lab-patched
#             the project's own lab kernels (lab/kconfig/nvmx.config has
#             KVM_AMD=y and 9p), built by lab/scripts/build-kernel.sh.
# Everything downloaded or built is cached under $EMU_CACHE, keyed by
# package version or content hash.

EMU_CACHE=${EMU_CACHE:-${CACHE_DIR:-/var/cache/nvmx-gpc}/emu}

emu_die() { echo "emu-host: $*" >&2; exit 1; }
emu_log() { [ -n "${EMU_QUIET:-}" ] || echo "emu-host: $*" >&2; }

# Modules loaded, in this order, before the guest switches root.  Their
# dependencies are resolved from each module's .modinfo section.
EMU_MODULES="virtio_pci 9pnet_virtio 9p overlay kvm_amd"

# emu_debian_pkg NAME: Debian package name and version of a kernel name.
emu_debian_pkg() {
	local meta dep
	case $1 in
	debian)
		dep=$(apt-cache depends linux-image-amd64 2>/dev/null |
			sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -n1)
		;;
	debian612)
		dep=$(apt-cache pkgnames linux-image-6.12. 2>/dev/null |
			grep -E '^linux-image-6\.12\.[0-9]+\+deb12-amd64-unsigned$' |
			sort -V | tail -n1)
		;;
	*) return 1 ;;
	esac
	[ -n "$dep" ] || emu_die "no Debian package for kernel '$1' (apt-get update?)"
	meta=$(apt-cache policy "$dep" | sed -n 's/^ *Candidate: //p')
	[ -n "$meta" ] && [ "$meta" != "(none)" ] || emu_die "$dep has no candidate version"
	echo "$dep $meta"
}

# emu_fetch_debian NAME: prints the cached dir with vmlinuz and lib/modules.
emu_fetch_debian() {
	local pkg ver dir tmp
	read -r pkg ver <<<"$(emu_debian_pkg "$1")"
	dir=$EMU_CACHE/kernel/$pkg-$ver
	if [ ! -f "$dir/.done" ]; then
		mkdir -p "$EMU_CACHE/kernel"
		tmp=$(mktemp -d "$EMU_CACHE/kernel/.fetch.XXXXXX")
		emu_log "fetching $pkg $ver"
		(cd "$tmp" && apt-get download -q "$pkg=$ver" >/dev/null 2>"$tmp/apt.err") ||
			{ cat "$tmp/apt.err" >&2; rm -rf "$tmp"; emu_die "apt-get download $pkg=$ver failed"; }
		dpkg-deb -x "$tmp"/*.deb "$tmp/x" || { rm -rf "$tmp"; emu_die "cannot unpack $pkg"; }
		mkdir -p "$tmp/out"
		mv "$tmp"/x/boot/vmlinuz-* "$tmp/out/vmlinuz"
		mv "$tmp"/x/boot/config-* "$tmp/out/config"
		mv "$tmp"/x/lib/modules "$tmp/out/modules"
		echo "$pkg $ver" >"$tmp/out/package"
		touch "$tmp/out/.done"
		rm -rf "$dir"
		mv -T "$tmp/out" "$dir"
		rm -rf "$tmp"
	fi
	echo "$dir"
}

# emu_kernel NAME: prints "VMLINUZ MODDIR|-" for a kernel name.
emu_kernel() {
	local d
	case $1 in
	debian|debian612)
		d=$(emu_fetch_debian "$1")
		echo "$d/vmlinuz $(ls -d "$d"/modules/* | head -n1)"
		;;
	lab-base|lab-patched)
		d=$("$TOP/lab/scripts/build-kernel.sh" "${1#lab-}" | tail -n1) ||
			emu_die "building the lab kernel ${1#lab-} failed"
		echo "$d/bzImage -"
		;;
	*) emu_die "unknown kernel '$1' (want debian, debian612, lab-base or lab-patched)" ;;
	esac
}

# emu_modinfo_deps KO: the modules KO depends on (comma-separated list).
emu_modinfo_deps() {
	local ko=$1
	case $ko in
	*.xz) xz -dc "$ko" >"$EMU_TMPKO" && ko=$EMU_TMPKO ;;
	esac
	objcopy -O binary --only-section=.modinfo "$ko" /dev/stdout 2>/dev/null |
		tr '\0' '\n' | sed -n 's/^depends=//p'
}

# emu_mod_order MODDIR NAME...: module files in load order (deps first).
emu_mod_order() {
	local dir=$1 m
	shift
	declare -A seen=()
	local order=()
	EMU_TMPKO=$(mktemp)
	visit() {
		local name=${1//-/_} f dep
		[ -n "${seen[$name]:-}" ] && return 0
		seen[$name]=1
		f=$(find "$dir/kernel" -name "$name.ko*" -o -name "${name//_/-}.ko*" | head -n1)
		[ -n "$f" ] || { [ -e "$dir/modules.builtin" ] && grep -q "/${name//_/[-_]}.ko$" "$dir/modules.builtin" && return 0; emu_die "module $name not in $dir"; }
		for dep in $(emu_modinfo_deps "$f" | tr ',' ' '); do
			visit "$dep"
		done
		order+=("$f")
	}
	for m in "$@"; do visit "$m"; done
	rm -f "$EMU_TMPKO"
	printf '%s\n' "${order[@]}"
}

# emu_initramfs MODDIR|-: prints the path of a cached initramfs with
# busybox, emu/init and (for a modular kernel) the modules to load.
emu_initramfs() {
	local moddir=$1 key out tmp f n=0
	key=$( (echo "$moddir"; sha256sum "$TOP/emu/init" /bin/busybox) | sha256sum | cut -c1-16)
	out=$EMU_CACHE/initramfs-$key.cpio.gz
	if [ ! -f "$out" ]; then
		mkdir -p "$EMU_CACHE"
		tmp=$(mktemp -d "$EMU_CACHE/.initramfs.XXXXXX")
		mkdir -p "$tmp/root/bin" "$tmp/root/mod" "$tmp/root/dev" "$tmp/root/proc" \
			"$tmp/root/sys" "$tmp/root/newroot"
		cp /bin/busybox "$tmp/root/bin/busybox"
		cp "$TOP/emu/init" "$tmp/root/init"
		if [ "$moddir" != - ]; then
			while read -r f; do
				n=$((n + 1))
				case $f in
				*.xz) xz -dc "$f" >"$tmp/root/mod/$(printf %02d $n)-$(basename "${f%.xz}")" ;;
				*) cp "$f" "$tmp/root/mod/$(printf %02d $n)-$(basename "$f")" ;;
				esac
			done < <(emu_mod_order "$moddir" $EMU_MODULES)
		fi
		(cd "$tmp/root" && find . | cpio -o -H newc --quiet | gzip -1) >"$tmp/out" ||
			{ rm -rf "$tmp"; emu_die "cannot build the initramfs"; }
		mv "$tmp/out" "$out"
		rm -rf "$tmp"
	fi
	echo "$out"
}
