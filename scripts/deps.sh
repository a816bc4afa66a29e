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

[ -n "$need" ] || exit 0
need=$(printf '%s\n' $need | sort -u | tr '\n' ' ')
log "installing:$need"
if [ "$(id -u)" -ne 0 ]; then
	SUDO=sudo
else
	SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq || die "apt-get update failed"
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null || die "apt-get install failed:$need"
