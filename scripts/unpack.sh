#!/bin/sh
# Unpack a Linux 5.10 tarball into DEST as a git repository whose one commit,
# tagged "base", is the tarball (a fixed date makes its id the same on every
# machine).
#   unpack.sh TARBALL DEST "DESCRIPTION"
. "$(dirname "$0")/lib.sh"

tarball=$1 dest=$2 what=$3
tmp=$dest.unpack
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
	GIT_AUTHOR_DATE="2024-08-10T00:00:00Z" GIT_COMMITTER_DATE="2024-08-10T00:00:00Z" \
		git commit -q -m "Linux $(make -s kernelversion) ($what)" || exit 1
	git tag base
	git checkout -q -b main
) || die "cannot create the base commit"
rm -rf "$dest"
mv "$tmp" "$dest"
