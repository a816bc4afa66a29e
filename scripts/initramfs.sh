#!/bin/sh
# Build the guest initramfs of one kernel flavour, without root: a
# gen_init_cpio list of busybox-static, the guest scripts, the selftests and
# the kernel modules.
#   initramfs.sh test|bench
. "$(dirname "$0")/lib.sh"

flavour=$1
obj=$(obj_dir "$flavour")
[ -f "$obj/$KIMAGE_PATH" ] || die "no $flavour kernel built for $HARCH (make build)"

gen=$BUILD/gen_init_cpio
if [ ! -x "$gen" ] || [ "$TREE/usr/gen_init_cpio.c" -nt "$gen" ]; then
	cc -O2 -o "$gen" "$TREE/usr/gen_init_cpio.c" || die "cannot build gen_init_cpio"
fi
# busybox-static and bash of the guest's architecture, bash with its
# libraries.  The host's busybox-static, of the same Debian release, lists
# the applets (an arm64 one cannot run here).
/bin/busybox --list-full >/dev/null 2>&1 || die "/bin/busybox is not busybox-static (apt-get install busybox-static)"
if [ "$HARCH" = x86_64 ]; then
	busybox=/bin/busybox bash=/bin/bash
	bashlibs=$(ldd /bin/bash | sed -n 's/.*=> \(\/[^ ]*\).*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p')
	bashlibs=$(for l in $bashlibs; do echo "$l $(readlink -f "$l")"; done)
else
	busybox=$ARM64_ROOT/bin/busybox bash=$ARM64_ROOT/bin/bash
	[ -x "$busybox" ] && [ -x "$bash" ] || die "no arm64 busybox and bash in $ARM64_ROOT (make deps ARCH=arm64)"
	cross=/usr/aarch64-linux-gnu/lib
	bashlibs="/lib/ld-linux-aarch64.so.1 $cross/ld-linux-aarch64.so.1
/lib/aarch64-linux-gnu/libc.so.6 $cross/libc.so.6
/lib/aarch64-linux-gnu/libtinfo.so.6 $(readlink -f "$ARM64_ROOT/lib/aarch64-linux-gnu/libtinfo.so.6")"
fi

# Helpers of the harness (benchmarks), static, for the guest's architecture.
benchbin=$BUILD/bench-bin$ASUFFIX
mkdir -p "$benchbin"
for c in "$TOP"/bench/*.c; do
	[ -f "$c" ] || continue
	b=$benchbin/$(basename "$c" .c)
	if [ ! -x "$b" ] || [ "$c" -nt "$b" ]; then
		"${CROSS}gcc" -O2 -Wall -static -o "$b" "$c" || die "cannot build $c"
	fi
done

list=$obj/initramfs.list
dirs=$obj/initramfs.dirs
: >"$dirs"
# dir PATH: emit each directory of PATH once.
adddir() {
	d=
	for part in $(echo "$1" | tr '/' ' '); do
		d=$d/$part
		grep -qxF "$d" "$dirs" && continue
		echo "$d" >>"$dirs"
		echo "dir $d 755 0 0"
	done
}
# addtree SRC DEST: every file below SRC, mode kept.
addtree() {
	(cd "$1" && find . -type f -o -type l) | sort | while read -r f; do
		f=${f#./}
		adddir "$(dirname "$2/$f")"
		if [ -L "$1/$f" ]; then
			echo "slink $2/$f $(readlink "$1/$f") 777 0 0"
		elif [ -x "$1/$f" ]; then
			echo "file $2/$f $1/$f 755 0 0"
		else
			echo "file $2/$f $1/$f 644 0 0"
		fi
	done
}

{
	for d in /bin /sbin /usr/bin /usr/sbin /dev /proc /sys /tmp /root /mnt /etc; do
		adddir "$d"
	done
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "file /bin/busybox $busybox 755 0 0"
	/bin/busybox --list-full | sort -u | while read -r a; do
		[ "$a" = bin/busybox ] && continue
		adddir "$(dirname "/$a")"
		echo "slink /$a /bin/busybox 777 0 0"
	done
	# bash, for the kselftest scripts written for it, with its libraries.
	echo "file /bin/bash $bash 755 0 0"
	echo "$bashlibs" | while read -r lib src; do
		adddir "$(dirname "$lib")"
		echo "file $lib $src 755 0 0"
	done
	echo "file /init $TOP/guest/init 755 0 0"
	addtree "$TOP/guest" /guest
	addtree "$obj/selftests" /selftests
	addtree "$benchbin" /guest/bin
	[ -d "$obj/staging/lib/modules" ] && addtree "$obj/staging/lib/modules" /lib/modules
} >"$list"

"$gen" "$list" >"$obj/initramfs.cpio.new" || die "gen_init_cpio failed"
mv "$obj/initramfs.cpio.new" "$obj/initramfs.cpio"
log "initramfs: $(($(wc -c <"$obj/initramfs.cpio") / 1024)) KiB"
