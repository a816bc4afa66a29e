#!/bin/sh
# Series checks:
#   1. scripts/checkpatch.pl --strict on every patch: errors fail, warnings are shown;
#   2. the series applies to the base with git am (no fuzz, no offsets: git am has none);
#   3. the kernel builds after every patch (bisectable), incrementally, with ccache.
# Builds use the bench configuration, in a scratch worktree build/check/linux
# (objects in build/check/obj-check).
. "$(dirname "$0")/lib.sh"

errors=0
mkdir -p "$LOGS"
clog=$LOGS/check.log
: >"$clog"

log "checkpatch --strict"
# checkpatch runs scripts/spdxcheck.py with "python": make that Debian's
# python3, which has python3-ply (deps.sh installs it).
pybin=$BUILD/pybin
mkdir -p "$pybin"
ln -sf /usr/bin/python3 "$pybin/python"
for p in $(series_patches); do
	out=$(cd "$TREE" && PATH=$pybin:$PATH ./scripts/checkpatch.pl --strict --terse --no-summary "$TOP/patches/$p" 2>&1)
	echo "$out" >>"$clog"
	e=$(echo "$out" | grep -c ': ERROR:')
	w=$(echo "$out" | grep -cE ': (WARNING|CHECK):')
	printf '  %-60s %d errors, %d warnings or checks\n' "$p" "$e" "$w"
	echo "$out" | grep -E ': (ERROR|WARNING|CHECK):' | sed 's/^/    /'
	errors=$((errors + e))
done

log "applying the series to base, building after every patch"
wt=$BUILD/check/linux
mkdir -p "$BUILD/check"
git -C "$TREE" worktree remove --force "$wt" 2>/dev/null
rm -rf "$wt"
git -C "$TREE" worktree prune
git -C "$TREE" worktree add -q --detach "$wt" base || die "cannot create the worktree $wt"

check_build() {
	# Configure with the bench fragments, without verifying options that the
	# series only adds later.
	HUGEMEM_TREE=$wt sh "$TOP/scripts/config.sh" check --no-verify >>"$clog" 2>&1 || return 1
	main_tree=$TREE
	TREE=$wt
	kmake check bzImage modules >>"$clog" 2>&1
	ok=$?
	TREE=$main_tree
	return $ok
}

start=$(date +%s)
if check_build; then
	echo "  base: builds"
else
	echo "  base: does not build, see $clog"
	errors=$((errors + 1))
fi
for p in $(series_patches); do
	if ! git -C "$wt" am -q "$TOP/patches/$p" >>"$clog" 2>&1; then
		git -C "$wt" am --abort 2>/dev/null
		echo "  $p: does not apply"
		errors=$((errors + 1))
		break
	fi
	if check_build; then
		echo "  $p: builds"
	else
		echo "  $p: does not build, see $clog"
		errors=$((errors + 1))
	fi
done
echo "  build checks took $(($(date +%s) - start)) s"
git -C "$TREE" worktree remove --force "$wt"

if [ "$errors" -ne 0 ]; then
	echo "check: $errors problem(s)"
	exit 1
fi
echo "check: series is clean"
