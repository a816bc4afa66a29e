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
	tmp=$BUILD/linux.unpack
	rm -rf "$tmp"
	mkdir -p "$tmp"
	log "unpacking $(basename "$tarball")"
	tar -xf "$tarball" -C "$tmp" --strip-components=1 || die "cannot unpack $tarball"
	[ -f "$tmp/Makefile" ] && grep -q '^VERSION = 5$' "$tmp/Makefile" &&
		grep -q '^PATCHLEVEL = 10$' "$tmp/Makefile" || die "$tarball is not a Linux 5.10 tree"
	log "creating the base commit"
	(
		cd "$tmp" || exit 1
		git init -q
		git config core.autocrlf false
		git config gc.auto 0
		git config user.name "$GIT_AUTHOR_NAME"
		git config user.email "$GIT_AUTHOR_EMAIL"
		git add -A -f . || exit 1
		# A fixed date makes the base commit id the same on every machine.
		GIT_AUTHOR_DATE="2024-08-10T00:00:00Z" GIT_COMMITTER_DATE="2024-08-10T00:00:00Z" \
			git commit -q -m "Linux $(make -s kernelversion) ($BASE_PACKAGE $BASE_VERSION)" || exit 1
		git tag base
	) || die "cannot create the base commit"
	rm -rf "$TREE"
	mv "$tmp" "$TREE"
}

mkdir -p "$BUILD"
if [ -d "$TREE/.git" ]; then
	git -C "$TREE" rev-parse -q --verify base >/dev/null || die "$TREE has no 'base' tag; remove it (make clean-tree)"
	if [ "$(patch_ids_tree)" = "$(patch_ids_series)" ]; then
		exit 0
	fi
	clean=$(git -C "$TREE" status --porcelain --untracked-files=no)
	if [ -z "${FORCE:-}" ] && { [ -n "$clean" ] || [ ! -f "$applied" ] ||
		[ "$(git -C "$TREE" rev-parse HEAD)" != "$(cat "$applied")" ]; }; then
		die "build/linux has work that is not in patches/ (make export), or remove it (make clean-tree), or FORCE=1"
	fi
	log "patches/series changed: re-applying onto base"
	git -C "$TREE" am --abort 2>/dev/null
	git -C "$TREE" checkout -q -f --detach base && git -C "$TREE" branch -q -f main base &&
		git -C "$TREE" checkout -q main || die "cannot reset $TREE to base"
else
	unpack_base
	git -C "$TREE" checkout -q -b main
fi
apply_series
