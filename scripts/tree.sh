#!/bin/sh
# Make build/linux a git repository holding the base as its first commit
# (tagged "base") and one commit per patch of patches/series on top.
#
# An existing tree is kept when it already matches the series.  A tree that
# still is what the last apply left (clean, same HEAD) is re-applied when the
# series changed.  A tree with local work is never touched: export it
# (make export) or remove it (make clean-tree), or set FORCE=1.
. "$(dirname "$0")/lib.sh"

applied=$BUILD/tree.applied

patch_ids_series() {
	series_patches | while read -r p; do
		git patch-id --stable <"$TOP/patches/$p" | cut -d' ' -f1
	done
}

patch_ids_tree() {
	for c in $(git -C "$TREE" rev-list --reverse base..HEAD); do
		git -C "$TREE" show "$c" | git patch-id --stable | cut -d' ' -f1
	done
}

apply_series() {
	n=0
	for p in $(series_patches); do
		[ -f "$TOP/patches/$p" ] || die "patches/series names $p, which does not exist"
		if ! git -C "$TREE" am -q --keep-cr "$TOP/patches/$p"; then
			git -C "$TREE" am --abort 2>/dev/null
			die "patch $p does not apply to the tree (no fuzz is accepted)"
		fi
		n=$((n + 1))
	done
	git -C "$TREE" rev-parse HEAD >"$applied"
	log "applied $n patches"
}

unpack_base() {
	tarball=$(sh "$TOP/scripts/fetch.sh") || exit 1
	sh "$TOP/scripts/unpack.sh" "$tarball" "$TREE" "$BASE_PACKAGE $BASE_VERSION" || exit 1
}

mkdir -p "$BUILD"
if [ -d "$TREE/.git" ]; then
	git -C "$TREE" rev-parse -q --verify base >/dev/null || die "$TREE has no 'base' tag; remove it (make clean-tree)"
	same_base=
	git -C "$TREE" log -1 --format=%s base | grep -qF "($BASE_PACKAGE $BASE_VERSION)" && same_base=1
	if [ -n "$same_base" ] && [ "$(patch_ids_tree)" = "$(patch_ids_series)" ]; then
		exit 0
	fi
	clean=$(git -C "$TREE" status --porcelain --untracked-files=no)
	if [ -z "${FORCE:-}" ] && { [ -n "$clean" ] || [ ! -f "$applied" ] ||
		[ "$(git -C "$TREE" rev-parse HEAD)" != "$(cat "$applied")" ]; }; then
		die "build/linux has work that is not in patches/ (make export), or remove it (make clean-tree), or FORCE=1"
	fi
	git -C "$TREE" am --abort 2>/dev/null
	if [ -z "$same_base" ]; then
		log "base.env names another base ($BASE_VERSION): unpacking it"
		unpack_base
	else
		log "patches/series changed: re-applying onto base"
		git -C "$TREE" checkout -q -f --detach base && git -C "$TREE" branch -q -f main base &&
			git -C "$TREE" checkout -q main || die "cannot reset $TREE to base"
	fi
else
	unpack_base
fi
apply_series
