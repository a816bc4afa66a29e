#!/bin/sh
# Export the commits of build/linux on top of base into patches/ and rewrite
# patches/series.  The output is stable: an unchanged commit gives a
# byte-identical file.  patches/0000-cover-letter.patch is kept as written.
. "$(dirname "$0")/lib.sh"

[ -d "$TREE/.git" ] || die "no tree in $TREE (make tree)"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them first"

out=$BUILD/export.$$
rm -rf "$out"
mkdir -p "$out"
git -C "$TREE" format-patch -q --zero-commit --no-signature --no-numbered \
	--subject-prefix=PATCH -o "$out" base..HEAD || die "git format-patch failed"

for p in "$TOP"/patches/[0-9][0-9][0-9][0-9]-*.patch; do
	[ -f "$p" ] || continue
	case $(basename "$p") in
	0000-*) ;;
	*) rm -f "$p" ;;
	esac
done
{
	echo "# hugemem: HugeTLB and CMA memory efficiency for Linux 5.10"
	echo "# Base: $BASE_PACKAGE $BASE_VERSION.  Apply in this order (make tree)."
	for p in "$out"/*.patch; do
		[ -f "$p" ] || continue
		mv "$p" "$TOP/patches/"
		basename "$p"
	done
} >"$TOP/patches/series"
rmdir "$out"
git -C "$TREE" rev-parse HEAD >"$BUILD/tree.applied"
log "exported $(series_patches | wc -l) patches to patches/"
