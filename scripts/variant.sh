#!/bin/sh
# Make a variant of the series for tests that need a kernel without one of
# its patches (to show that a test catches what the patch fixes):
#   variant.sh NAME "SUBJECT"
# checks out build/linux's HEAD into build/variants/NAME/linux and reverts
# the commit whose subject is SUBJECT; if later patches build on it so that
# it does not revert there, the series up to the patch after it (normally
# its test) is checked out instead and SUBJECT reverted on that;
#   variant.sh NAME @base
# checks out the base alone, without the series (for side-by-side figures);
#   variant.sh NAME "@base+SUBJECT"
# the base with only the commit SUBJECT (a test) picked on it;
#   variant.sh NAME "@upto:SUBJECT"
# the series of build/linux up to and including the commit SUBJECT, with
# the selftests of build/linux's HEAD on top (its test modules as of that
# step): to run the tests a step of the series touches on that step
# (make test-steps);
#   variant.sh NAME "@landed:REV"
# the series as it was exported to patches/ at revision REV of this
# repository (the code before a fix), with the tests of build/linux's HEAD
# (tools/testing/selftests and the lib/test_*.c modules the series changes)
# on top: to show that a new test fails on the code of before.
# Prints the variant tree's path.
. "$(dirname "$0")/lib.sh"

name=$1
subject=$2
[ -n "$name" ] && [ -n "$subject" ] || die "usage: variant.sh NAME SUBJECT"
only=
# tests_on TREE PATHS: commit the tests of build/linux's HEAD under PATHS
# on top of TREE.
tests_on() {
	t=$1
	shift
	files=$(git -C "$TREE" diff --name-only base HEAD -- "$@")
	# shellcheck disable=SC2086
	git -C "$t" checkout "$(git -C "$TREE" rev-parse HEAD)" -- $files ||
		die "cannot take the tests of build/linux"
	git -C "$t" diff --cached --quiet ||
		git -C "$t" commit -q -m "tests of the current series" >&2 ||
		die "cannot commit the tests in $t"
}
case $subject in
@base+*) only=1 subject=${subject#@base+} ;;
@upto:*)
	subject=${subject#@upto:}
	commit=$(git -C "$TREE" log --format='%H %s' base..HEAD |
		while read -r c s; do [ "$s" = "$subject" ] && echo "$c"; done | head -n 1)
	[ -n "$commit" ] || die "no commit '$subject' in build/linux"
	vt=$BUILD/variants/$name/linux
	mkdir -p "$BUILD/variants/$name"
	# A worktree whose creation was interrupted is made again.
	[ -d "$vt" ] && ! git -C "$TREE" worktree list --porcelain | grep -qxF "worktree $vt" &&
		rm -rf "$vt"
	if [ ! -d "$vt" ]; then
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$vt" base >&2 || die "cannot create $vt"
	fi
	stamp="$commit $(git -C "$TREE" rev-parse HEAD)"
	if [ "$(cat "$BUILD/variants/$name/stamp" 2>/dev/null)" = "$stamp" ] &&
		git -C "$vt" diff --quiet HEAD; then
		echo "$vt"
		exit 0
	fi
	rm -f "$BUILD/variants/$name/stamp"
	git -C "$vt" reset -q --hard
	git -C "$vt" checkout -q --detach "$commit" || die "cannot update $vt"
	# The selftests only: the test modules (lib/test_*.c) of later
	# patches may use what this step does not have yet.
	tests_on "$vt" tools/testing/selftests
	echo "$stamp" >"$BUILD/variants/$name/stamp"
	echo "$vt"
	exit 0
	;;
@landed:*)
	rev=${subject#@landed:}
	git -C "$TOP" rev-parse -q --verify "$rev^{commit}" >/dev/null ||
		die "no revision '$rev' in $TOP"
	vt=$BUILD/variants/$name/linux
	mkdir -p "$BUILD/variants/$name"
	if [ ! -d "$vt" ]; then
		git -C "$TREE" worktree prune
		git -C "$TREE" worktree add -q --detach "$vt" base >&2 || die "cannot create $vt"
	fi
	files=$(git -C "$TREE" diff --name-only base HEAD -- tools/testing/selftests 'lib/test_*.c')
	stamp="$(git -C "$TOP" rev-parse "$rev") $(git -C "$TREE" rev-parse HEAD)"
	if [ "$(cat "$BUILD/variants/$name/stamp" 2>/dev/null)" = "$stamp" ] &&
		git -C "$vt" diff --quiet HEAD; then
		echo "$vt"
		exit 0
	fi
	rm -f "$BUILD/variants/$name/stamp"
	git -C "$vt" am --abort >/dev/null 2>&1
	git -C "$vt" reset -q --hard
	git -C "$vt" checkout -q --detach base || die "cannot update $vt"
	for p in $(git -C "$TOP" show "$rev:patches/series" | grep -v '^#'); do
		git -C "$TOP" show "$rev:patches/$p" | git -C "$vt" am -q >&2 ||
			die "$p of $rev does not apply to the base"
	done
	# shellcheck disable=SC2086
	git -C "$vt" checkout "$(git -C "$TREE" rev-parse HEAD)" -- $files ||
		die "cannot take the tests of build/linux"
	git -C "$vt" commit -q -m "tests of the current series" >&2 ||
		die "cannot commit the tests in $vt"
	echo "$stamp" >"$BUILD/variants/$name/stamp"
	echo "$vt"
	exit 0
	;;
esac
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
# An up-to-date variant is left as it is, so that its build stays incremental.
up_to_date() { # up_to_date PARENT: is $vt PARENT plus the revert of $commit?
	git -C "$vt" diff --quiet HEAD &&
		[ "$(git -C "$vt" rev-parse -q --verify HEAD^)" = "$1" ] &&
		[ "$(git -C "$vt" log -1 --format=%s)" = "Revert \"$subject\"" ]
}
git -C "$vt" reset -q --hard HEAD
if [ -n "$only" ]; then
	if ! git -C "$vt" diff --quiet HEAD ||
		[ "$(git -C "$vt" rev-parse -q --verify HEAD^)" != "$(git -C "$TREE" rev-parse base)" ] ||
		[ "$(git -C "$vt" log -1 --format=%s)" != "$subject" ]; then
		git -C "$vt" checkout -q --detach base || die "cannot update $vt"
		git -C "$vt" cherry-pick "$commit" >/dev/null 2>&1 ||
			die "'$subject' does not apply to the base"
	fi
	echo "$vt"
	exit 0
fi
if [ -n "$commit" ]; then
	head=$(git -C "$TREE" rev-parse HEAD)
	next=$(git -C "$TREE" rev-list --reverse --ancestry-path "$commit..HEAD" | head -n 1)
	if up_to_date "$head" || { [ -n "$next" ] && up_to_date "$next"; }; then
		echo "$vt"
		exit 0
	fi
fi
if [ -z "$commit" ]; then
	git -C "$vt" checkout -q --detach base || die "cannot update $vt"
else
	git -C "$vt" checkout -q --detach "$(git -C "$TREE" rev-parse HEAD)" || die "cannot update $vt"
	if ! git -C "$vt" revert --no-edit "$commit" >/dev/null 2>&1; then
		git -C "$vt" revert --abort >/dev/null 2>&1
		[ -n "$next" ] || die "'$subject' does not revert cleanly"
		log "'$subject' does not revert at HEAD: reverting it on the series up to '$(git -C "$TREE" log -1 --format=%s "$next")'"
		git -C "$vt" checkout -q --detach "$next" || die "cannot update $vt"
		git -C "$vt" revert --no-edit "$commit" >/dev/null 2>&1 ||
			die "'$subject' does not revert cleanly"
	fi
fi
echo "$vt"
