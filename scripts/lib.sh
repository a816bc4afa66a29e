# Shared definitions for the hugemem harness scripts.  Source it, do not run it.
# shellcheck shell=sh

TOP=$(cd "$(dirname "$0")/.." && pwd)
. "$TOP/base.env"

BUILD=$TOP/build
TREE=${HUGEMEM_TREE:-$BUILD/linux}
LOGS=$BUILD/logs
CACHE=${HUGEMEM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hugemem}
JOBS=${JOBS:-$(($(nproc) + 1))}

# The guest architecture: x86_64 (default) or arm64 ("make test ARCH=arm64").
# KARCH is the kernel's name for it, CROSS its cross-compiler prefix,
# KIMAGE the kernel image target, QEMU the system emulator, ASUFFIX what
# the object and log directories of a non-default architecture end with.
set_arch() {
	case $1 in
	'' | x86_64 | x86 | amd64)
		HARCH=x86_64 KARCH=x86_64 CROSS= KIMAGE=bzImage
		KIMAGE_PATH=arch/x86/boot/bzImage QEMU=qemu-system-x86_64 ASUFFIX=
		;;
	arm64 | aarch64)
		HARCH=arm64 KARCH=arm64 CROSS=aarch64-linux-gnu- KIMAGE=Image
		KIMAGE_PATH=arch/arm64/boot/Image QEMU=qemu-system-aarch64 ASUFFIX=-arm64
		;;
	*)
		printf 'error: unknown ARCH "%s" (x86_64, arm64)\n' "$1" >&2
		exit 1
		;;
	esac
}
set_arch "${ARCH:-}"
# Where the arm64 guest's busybox-static and bash come from: Debian's arm64
# packages, unpacked (scripts/deps.sh), not installed.
ARM64_ROOT=$CACHE/arm64-root

export CCACHE_DIR="${CCACHE_DIR:-$CACHE/ccache}"
export CCACHE_BASEDIR="$BUILD"
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
export CCACHE_SLOPPINESS="${CCACHE_SLOPPINESS:-time_macros,include_file_mtime,include_file_ctime}"

# Reproducible commits: the series is exported from these trees, so the same
# change must always give the same patch file.
export GIT_AUTHOR_NAME="hugemem developers"
export GIT_AUTHOR_EMAIL="hugemem@example.org"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME"
export GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# The object directory of a kernel flavour (test, bench, check) built from
# $TREE.  It sits beside the tree, so that trees in parallel directories
# (build/linux, build/variants/*/linux) share ccache entries.
obj_dir() {
	echo "$(dirname "$TREE")/obj-$1$ASUFFIX"
}

# Kernel make in the out-of-tree object directory of one kernel flavour.
kmake() {
	flavour=$1
	shift
	make -C "$TREE" O="$(obj_dir "$flavour")" ARCH="$KARCH" CROSS_COMPILE="$CROSS" \
		CC="ccache ${CROSS}gcc" HOSTCC="ccache gcc" \
		KBUILD_BUILD_USER=hugemem KBUILD_BUILD_HOST=hugemem \
		-j"$JOBS" "$@"
}

# drop_options "SYM ...": copy config fragment lines from stdin, but those
# that set or unset one of the named options (CONFIG_ left out).
drop_options() {
	while IFS= read -r line; do
		sym=$(echo "$line" | sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=.*/\1/p; s/^# CONFIG_\([A-Za-z0-9_]*\) is not set/\1/p')
		case " $1 " in
		*" $sym "*) [ -n "$sym" ] && continue ;;
		esac
		echo "$line"
	done
}

# Patch files named by patches/series, in order (comments and blanks skipped).
series_patches() {
	sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$TOP/patches/series"
}

# Stable identity of the applied series, used to tell whether a tree is current.
series_stamp() {
	(cd "$TOP/patches" && cat series $(series_patches)) | sha256sum | cut -d' ' -f1
}

# A run identifier for log directories.
run_id() {
	date -u +%Y%m%d-%H%M%S
}
