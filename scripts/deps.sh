#!/bin/sh
# Install what the harness needs on a Debian machine, if anything is missing.
. "$(dirname "$0")/lib.sh"

need=""
check() { command -v "$1" >/dev/null 2>&1 || need="$need $2"; }
check gcc build-essential
check make build-essential
check flex flex
check bison bison
check bc bc
check perl perl
check cpio cpio
check xz xz-utils
check ccache ccache
check git git
check rsync rsync
check qemu-system-x86_64 qemu-system-x86
check patch patch
# make check cross-builds the series for arm64.
check aarch64-linux-gnu-gcc gcc-aarch64-linux-gnu
check depmod kmod
# make check: the device-tree binding (dt-doc-validate, dtc).
check dt-doc-validate dt-schema
check dtc device-tree-compiler
# checkpatch's SPDX check runs scripts/spdxcheck.py with the system python3.
/usr/bin/python3 -c 'import ply' 2>/dev/null || need="$need python3-ply"
/usr/bin/python3 -c 'import git' 2>/dev/null || need="$need python3-git"
[ -f /usr/include/libelf.h ] || need="$need libelf-dev"
[ -f /usr/include/openssl/ssl.h ] || need="$need libssl-dev"
# gcc -static needs the static C library.
[ -f /usr/lib/x86_64-linux-gnu/libc.a ] || need="$need libc6-dev"
# The Debian busybox package is dynamic; the guest needs the static one.
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
	need="$need busybox-static"

# An arm64 guest (ARCH=arm64): its emulator, the static C library for its
# programs, dtc for its device trees.
if [ "$HARCH" = arm64 ]; then
	check qemu-system-aarch64 qemu-system-arm
	check dtc device-tree-compiler
	[ -f /usr/aarch64-linux-gnu/lib/libc.a ] || need="$need libc6-dev-arm64-cross"
fi

if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
if [ -n "$need" ]; then
	need=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
	log "installing:$need"
	$SUDO apt-get update -qq || die "apt-get update failed"
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null || die "apt-get install failed:$need"
fi

# The arm64 guest's busybox-static and bash (with the one library of bash's
# that the cross C library lacks): Debian's arm64 packages, downloaded and
# unpacked into $ARM64_ROOT, not installed.
[ "$HARCH" = arm64 ] || exit 0
[ -x "$ARM64_ROOT/bin/busybox" ] && [ -x "$ARM64_ROOT/bin/bash" ] && exit 0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	log "adding the arm64 architecture to apt, for its busybox-static and bash"
	$SUDO dpkg --add-architecture arm64 || die "dpkg --add-architecture arm64 failed"
	$SUDO apt-get update -qq || die "apt-get update failed"
fi
dl=$CACHE/arm64-debs
rm -rf "$dl" "$ARM64_ROOT"
mkdir -p "$dl" "$ARM64_ROOT"
(cd "$dl" && apt-get download -qq busybox-static:arm64 bash:arm64 libtinfo6:arm64 2>/dev/null) ||
	die "apt-get download of busybox-static, bash and libtinfo6 for arm64 failed"
for deb in "$dl"/*.deb; do
	dpkg-deb -x "$deb" "$ARM64_ROOT" || die "cannot unpack $deb"
done
[ -x "$ARM64_ROOT/bin/busybox" ] && [ -x "$ARM64_ROOT/bin/bash" ] ||
	die "no busybox or bash in the arm64 packages ($dl)"
log "arm64 busybox-static and bash unpacked in $ARM64_ROOT"
