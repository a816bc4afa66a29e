#!/bin/sh
# Build one kernel flavour (bzImage, or Image on arm64, and modules), its
# modules staged for the guest, and the series' selftests, linked statically
# for the initramfs (cross-compiled for arm64).
#   build.sh test|bench [--no-verify]
# --no-verify skips the check of config options, for variant trees (the base
# without the series) that lack the series' options.
. "$(dirname "$0")/lib.sh"

flavour=$1
obj=$(obj_dir "$flavour")
mkdir -p "$LOGS"
sh "$TOP/scripts/config.sh" "$flavour" ${2:-} || exit 1

if [ "$TREE" = "$BUILD/linux" ]; then
	blog=$LOGS/build-$flavour$ASUFFIX.log
else
	blog=$LOGS/build-$flavour$ASUFFIX-$(basename "$(dirname "$TREE")").log
fi
log "building the $flavour kernel for $HARCH (log: ${blog#"$TOP"/})"
start=$(date +%s)
if ! kmake "$flavour" "$KIMAGE" modules >"$blog" 2>&1; then
	grep -E 'error|Error' "$blog" | head -n 20 >&2
	die "kernel build failed, see $blog"
fi
log "built $(cat "$obj/include/config/kernel.release") in $(($(date +%s) - start)) s"

# Modules, stripped, for the initramfs.
rm -rf "$obj/staging"
kmake "$flavour" -s INSTALL_MOD_PATH="$obj/staging" INSTALL_MOD_STRIP=1 \
	modules_install >>"$blog" 2>&1 || die "modules_install failed, see $blog"

# UAPI headers for the selftests.
kmake "$flavour" -s INSTALL_HDR_PATH="$obj/usr" headers_install >>"$blog" 2>&1 ||
	die "headers_install failed, see $blog"

# The selftests named in guest/selftests, built static from the patched tree.
out=$obj/selftests
mkdir -p "$out"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/guest/selftests" | while read -r dir prog libs; do
	src=$TREE/tools/testing/selftests/$dir/$prog.c
	if [ ! -f "$src" ]; then
		echo "$dir/$prog: no $prog.c in this tree, not built" >>"$blog"
		continue
	fi
	mkdir -p "$out/$dir"
	ccache "${CROSS}gcc" -static -O2 -Wall -I"$obj/usr/include" -I"$TREE/tools/testing/selftests" \
		-o "$out/$dir/$prog" "$src" $libs >>"$blog" 2>&1 ||
		die "selftest $dir/$prog failed to build, see $blog"
done || exit 1
# Shell selftests of those directories are copied as they are.
for dir in $(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/guest/selftests" | cut -d' ' -f1 | sort -u); do
	for s in "$TREE/tools/testing/selftests/$dir"/*.sh; do
		[ -f "$s" ] && cp "$s" "$out/$dir/"
	done
done
