#!/bin/sh
# Series checks:
#   1. scripts/checkpatch.pl --strict on every patch: errors fail, warnings are shown;
#   2. every patch applies to the pinned base exactly: no offset, no fuzz
#      (scripts/apply.sh, which patch(1) tells apart);
#   3. the kernel builds after every patch (bisectable), incrementally, with ccache;
#   4. the final series links vmlinux and modules in every configuration of
#      configs/matrix (x86_64 with one feature off at a time, arm64), with no
#      compiler warning in a file the series changes.
#   5. the series' device-tree binding is valid and judges the arm64
#      scenarios' device trees (dt/) as it should.
# Builds use the bench configuration, in a scratch worktree build/check/linux
# (objects in build/check/obj-check, and build/check/obj-matrix-arm64).
#   CHECKS="checkpatch builds matrix dtbinding"   the steps to run (default: all; the
#                                       series is always applied)
#   MATRIX="name ..."                   only these entries of configs/matrix
. "$(dirname "$0")/lib.sh"
# The series builds for x86_64 here (the matrix has its arm64 build), also
# under "make check ARCH=arm64".
ARCH=x86_64
export ARCH
set_arch x86_64

CHECKS=${CHECKS:-checkpatch builds matrix dtbinding}
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
		cat $files | drop_options "$(echo $drop $off)"
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
# The device-tree binding of the series: valid against dtschema's
# meta-schemas, and the arm64 scenarios' device trees checked with it:
# dt/chunk-heap-dt.dts passes (but for its no-map node), and the schema refuses each node of
# dt/chunk-heap-dt-bad.dts that it can judge (what it cannot, the kernel
# checks: alignment, overlaps).  5.10's dt_binding_check itself does not
# run with Debian 12's dtschema, whose meta-schemas refuse other 5.10
# bindings.
step dtbinding && {
log "device-tree binding (dt-doc-validate, dt-validate)"
binding=$wt/Documentation/devicetree/bindings/reserved-memory/linux,chunk-heap.yaml
dtdir=$BUILD/check/dt
mkdir -p "$dtdir"
# dtvalidate NAME: dt/NAME.dts in a minimal tree, checked with the binding;
# prints what the binding finds wrong, and "dt-validate failed" if it could
# not check at all.
dtvalidate() {
	{ printf '/dts-v1/;\n/ {\n\t#address-cells = <2>;\n\t#size-cells = <2>;\n};\n'
	  cat "$TOP/dt/$1.dts"; } >"$dtdir/$1.dts" &&
		dtc -q -I dts -O dtb -o "$dtdir/$1.dtb" "$dtdir/$1.dts" &&
		dt-validate -s "$dtdir/schema.json" "$dtdir/$1.dtb" >"$dtdir/$1.out" 2>&1 &&
		! grep -q Traceback "$dtdir/$1.out" || { echo "dt-validate failed, see $dtdir/$1.out"; return; }
	# Each finding is a line naming the file, maybe continued on indented
	# lines, then the schema that made it.
	awk -v f="$dtdir/$1.dtb: " 'index($0, f) == 1 { last = $0 }
		/From schema: .*linux,chunk-heap\.yaml/ { print last }' "$dtdir/$1.out"
}
# The schemas of dtschema itself (the core properties, the types).
core=$(/usr/bin/python3 -c 'import dtschema, os; print(os.path.dirname(dtschema.__file__))')/schemas
if ! dt-doc-validate -u "$wt/Documentation/devicetree/bindings" "$binding" >>"$clog" 2>&1; then
	echo "  linux,chunk-heap.yaml: not a valid binding, see $clog"
	errors=$((errors + 1))
elif ! dt-mk-schema -j "$core" "$binding" >"$dtdir/schema.json" 2>>"$clog"; then
	echo "  linux,chunk-heap.yaml: dt-mk-schema failed, see $clog"
	errors=$((errors + 1))
else
	before=$errors
	# Its no-map node is there to be refused, by the kernel too.
	out=$(dtvalidate chunk-heap-dt | grep -v ': chunk@62000000: ')
	if [ -n "$out" ]; then
		echo "  dt/chunk-heap-dt.dts does not pass the binding:"
		echo "$out" | sed 's/^/    /'
		errors=$((errors + 1))
	fi
	out=$(dtvalidate chunk-heap-dt-bad)
	echo "$out" | grep -q 'dt-validate failed' && echo "  $out" && errors=$((errors + 1))
	for n in chunk-nosize chunk@64000000 chunk@78000000 chunk@7c000000; do
		echo "$out" | grep -q ": $n: " && continue
		echo "  dt/chunk-heap-dt-bad.dts: the binding lets $n pass"
		errors=$((errors + 1))
	done
	[ "$errors" -eq "$before" ] &&
		echo "  linux,chunk-heap.yaml: valid; dt/chunk-heap-dt.dts passes it (but its no-map node), the bad nodes it can judge do not"
fi
}

git -C "$TREE" worktree remove --force "$wt" 2>/dev/null || rm -rf "$wt"
git -C "$TREE" worktree prune

if [ "$errors" -ne 0 ]; then
	echo "check: $errors problem(s)"
	exit 1
fi
echo "check: series is clean"
