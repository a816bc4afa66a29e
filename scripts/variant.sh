#!/bin/sh
# Make a variant of the series for tests that need a kernel without one of
# its patches (to show that a test catches what the patch fixes):
#   variant.sh NAME "SUBJECT"
# checks out build/linux's HEAD into build/variants/NAME/linux and reverts
# the commit whose subject is SUBJECT;
#   variant.sh NAME @base
# checks out the base alone, without the series (for side-by-side figures).
# Prints the variant tree's path.
. "$(dirname "$0")/lib.sh"

name=$1
subject=$2
[ -n "$name" ] && [ -n "$subject" ] || die "usage: variant.sh NAME SUBJECT"
if [ "$subject" = @base ]; then
	commit=
else
commit=$(git -C "$TREE" log --format=%H --fixed-strings --grep="$subject" base..HEAD |
	while read -r c; do
		[ "$(git -C "$TREE" log -1 --format=%s "$c")" = "$subject" ] && echo "$c"
	done | head -n 1)
[ -n "$commit" ] || die "no commit '$subject' in build/linux"
fi
vt=$BUILD/variants/$name/linux
mkdir -p "$BUILD/variants/$name"
if [ ! -d "$vt" ]; then
	git -C "$TREE" worktree prune
	git -C "$TREE" worktree add -q --detach "$vt" HEAD >&2 || die "cannot create $vt"
fi
git -C "$vt" reset -q --hard HEAD
if [ -z "$commit" ]; then
	git -C "$vt" checkout -q --detach base || die "cannot update $vt"
else
	git -C "$vt" checkout -q --detach "$(git -C "$TREE" rev-parse HEAD)" || die "cannot update $vt"
	git -C "$vt" revert --no-edit "$commit" >/dev/null 2>&1 || die "'$subject' does not revert cleanly"
fi
echo "$vt"
