#!/bin/sh
# Series checks:
#   1. scripts/checkpatch.pl --strict on every patch: errors fail, warnings are shown;
#   2. every patch applies to the pinned base exactly: no offset, no fuzz
#      (scripts/apply.sh, which patch(1) tells apart);
#   3. the kernel builds after every patch (bisectable), incrementally, with ccache;
#   4. the final series links vmlinux and modules in every configuration of
#      configs/matrix (x86_64 with one feature off at a time, arm64), with no
#      compiler warning in a file the series changes.
# Builds use the bench configuration, in a scratch worktree build/check/linux
# (objects in build/check/obj-check, and build/check/obj-matrix-arm64).
#   CHECKS="checkpatch builds matrix"   the steps to run (default: all; the
#                                       series is always applied)
#   MATRIX="name ..."                   only these entries of configs/matrix
. "$(dirname "$0")/lib.sh"

CHECKS=${CHECKS:-checkpatch builds matrix}
step() { case " $CHECKS " in *" $1 "*) return 0 ;; esac; return 1; }

errors=0
mkdir -p "$LOGS"
clog=$LOGS/check.log
: >"$clog"

if step checkpatch; then
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
fi

wt=$BUILD/check/linux
mkdir -p "$BUILD/check"
git -C "$TREE" worktree remove --force "$wt" 2>/dev/null
rm -rf "$wt"
git -C "$TREE" worktree prune
git -C "$TREE" worktree add -q --detach "$wt" base || die "cannot create the worktree $wt"
git -C "$wt" config core.autocrlf false

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

log "applying the series to the pinned base $BASE_VERSION"
sh "$TOP/scripts/apply.sh" "$wt" | tee -a "$clog"
case $? in
0) ;;
2) echo "  the series does not apply exactly (offsets or fuzz above): rebase it"
	errors=$((errors + 1)) ;;
*) echo "  the series does not apply"
	errors=$((errors + 1)) ;;
esac

if step builds; then
log "building after every patch"
start=$(date +%s)
final=$(git -C "$wt" rev-parse HEAD)
git -C "$wt" checkout -q --detach base
if check_build; then
	echo "  base: builds"
else
	echo "  base: does not build, see $clog"
	errors=$((errors + 1))
fi
for c in $(git -C "$wt" rev-list --reverse base.."$final"); do
	git -C "$wt" checkout -q --detach "$c"
	p=$(git -C "$wt" log -1 --format=%s "$c")
	if check_build; then
		echo "  builds: $p"
	else
		echo "  DOES NOT BUILD: $p, see $clog"
		errors=$((errors + 1))
	fi
done
echo "  build checks took $(($(date +%s) - start)) s"
fi

# The files the series changes: a compiler warning in one of them is new.
series_files=$BUILD/check/series-files
git -C "$wt" diff --name-only base HEAD >"$series_files"

# matrix_build NAME ARCH FRAGMENTS OFF: configure and build one entry.
matrix_build() {
	name=$1 arch=$2 frags=$3 off=$4
	# x86_64 entries build in the objects of the per-patch builds, whose
	# configuration differs from theirs by the options turned off: only
	# what depends on those is rebuilt.
	obj=$BUILD/check/obj-matrix-$arch
	# config.sh must configure those again next time.
	[ "$arch" = x86_64 ] && obj=$(dirname "$wt")/obj-check && rm -f "$obj/hugemem.fragment"
	mlog=$LOGS/check-matrix-$name.log
	mkdir -p "$obj"
	case $arch in
	x86_64) cross= ;;
	arm64) cross=aarch64-linux-gnu- ;;
	*) echo "  $name: unknown ARCH $arch"; return 1 ;;
	esac
	if [ -n "$cross" ] && ! command -v "${cross}gcc" >/dev/null; then
		echo "  $name: ${cross}gcc missing (make deps installs it)"
		return 1
	fi
	drop=
	files=
	for f in $frags; do
		case $f in
		-*) drop="$drop ${f#-}" ;;
		*) files="$files $TOP/configs/$f.config" ;;
		esac
	done
	{
		# shellcheck disable=SC2086
		cat $files | while IFS= read -r line; do
			sym=$(echo "$line" | sed -n 's/^CONFIG_\([A-Za-z0-9_]*\)=.*/\1/p; s/^# CONFIG_\([A-Za-z0-9_]*\) is not set/\1/p')
			skip=
			for d in $drop $off; do
				[ "$sym" = "$d" ] && skip=1
			done
			[ -n "$skip" ] || echo "$line"
		done
		for o in $off; do
			echo "# CONFIG_$o is not set"
		done
		echo "CONFIG_LOCALVERSION=\"-hugemem-$name\""
	} >"$obj/matrix.fragment"
	mk() {
		make -C "$wt" O="$obj" ARCH="$arch" CROSS_COMPILE="$cross" \
			CC="ccache ${cross}gcc" HOSTCC="ccache gcc" \
			KBUILD_BUILD_USER=hugemem KBUILD_BUILD_HOST=hugemem -j"$JOBS" "$@"
	}
	if ! mk -s KCONFIG_ALLCONFIG="$obj/matrix.fragment" allnoconfig >"$mlog" 2>&1; then
		echo "  $name: cannot configure, see $mlog"
		return 1
	fi
	for o in $off; do
		if grep -q "^CONFIG_$o=" "$obj/.config"; then
			echo "  $name: CONFIG_$o is still on (something selects it): fix configs/matrix"
			return 1
		fi
	done
	if ! mk vmlinux modules >>"$mlog" 2>&1; then
		echo "  $name: DOES NOT BUILD, see $mlog"
		grep -E 'error:|Error [0-9]' "$mlog" | head -n 5 | sed 's/^/    /'
		return 1
	fi
	# Compiler warnings, with their paths relative to the tree.
	new=$(grep -E '^[^ :]+:[0-9]+:[0-9]+: warning: ' "$mlog" | sort -u |
		while IFS= read -r w; do
			f=${w%%:*}
			f=${f#"$wt"/}
			while [ "${f#../}" != "$f" ]; do f=${f#../}; done
			f=${f#linux/}
			grep -qxF "$f" "$series_files" && echo "$w"
		done)
	if [ -n "$new" ]; then
		echo "  $name: builds, with warnings in files of the series:"
		echo "$new" | head -n 10 | sed 's/^/    /'
		return 1
	fi
	echo "  $name: builds ($arch, off:${off:+ $off}), no warning in the series' files"
}

step matrix && {
log "configuration matrix (configs/matrix)"
start=$(date +%s)
while IFS='|' read -r name arch frags off; do
	name=$(echo $name)
	case $name in '' | \#*) continue ;; esac
	if [ -n "${MATRIX:-}" ]; then
		case " $MATRIX " in *" $name "*) ;; *) continue ;; esac
	fi
	# shellcheck disable=SC2086
	matrix_build "$name" $arch "$(echo $frags)" "$(echo $off)" </dev/null || errors=$((errors + 1))
done <"$TOP/configs/matrix"
echo "  matrix builds took $(($(date +%s) - start)) s"
}
git -C "$TREE" worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
git -C "$TREE" worktree prune

if [ "$errors" -ne 0 ]; then
	echo "check: $errors problem(s)"
	exit 1
fi
echo "check: series is clean"
