#!/bin/sh
# How the series applies to another linux-source-5.10 release, and whether it
# builds and boots there:
#   rebase-check.sh VERSION [SUITE]      (make rebase-check BASE_VERSION=V BASE_SUITE=S)
# fetches that package (checked by apt against the archive's signed index,
# cached), unpacks it into build/rebase-check/VERSION/linux, applies
# patches/series and reports each patch (scripts/apply.sh: exact, offset,
# fuzz, 3-way, FAILED with file and hunk).  If every patch applied, it builds
# the test kernel there and boots the quickest scenarios ($REBASE_SCENARIOS).
# Exit: 0 everything applied, built and passed; 1 otherwise.
. "$(dirname "$0")/lib.sh"

version=${1:-}
suite=${2:-$BASE_SUITE}
[ -n "$version" ] || die "usage: make rebase-check BASE_VERSION=VERSION [BASE_SUITE=SUITE]"
scenarios=${REBASE_SCENARIOS:-hugetlb-2m cma-bulk-absent}

tarball=$(sh "$TOP/scripts/fetch.sh" "$version" "$suite") || exit 1
dir=$BUILD/rebase-check/$version
tree=$dir/linux
mkdir -p "$dir"
sh "$TOP/scripts/unpack.sh" "$tarball" "$tree" "$BASE_PACKAGE $version" || exit 1
# git am -3 merges from the blobs that the patches name, those of the pinned
# base: borrow them from build/linux (make tree) when it is there.
[ -d "$TREE/.git/objects" ] && echo "$TREE/.git/objects" >"$tree/.git/objects/info/alternates"

report=$dir/report
{
	echo "rebase-check: $BASE_PACKAGE $version ($suite), series pinned to $BASE_VERSION"
	echo "$(series_patches | wc -l) patches:"
} | tee "$report"
sh "$TOP/scripts/apply.sh" "$tree" | tee -a "$report"
# The status is the word after the patch name.
count() { awk -v w="$1" '$1 ~ /\.patch$/ && $2 ~ w { n++ } END { print n + 0 }' "$report"; }
rc=$(count '^FAILED$')
exact=$(count '^exact$')
other=$(count '^(offset|fuzz|3-way)$')
echo "applied: $exact exactly, $other with offset, fuzz or 3-way merge, $rc failed" | tee -a "$report"
if [ "$rc" -ne 0 ]; then
	echo "rebase-check: the series does not apply to $version: not built" | tee -a "$report"
	exit 1
fi

log "building the test kernel on $version"
if ! HUGEMEM_TREE=$tree sh "$TOP/scripts/build.sh" test ||
	! HUGEMEM_TREE=$tree sh "$TOP/scripts/initramfs.sh" test; then
	echo "rebase-check: the test kernel does not build on $version" | tee -a "$report"
	exit 1
fi
echo "build: the test kernel builds on $version" | tee -a "$report"
out=$dir/test.log
HUGEMEM_TREE=$tree SCENARIOS=$scenarios sh "$TOP/scripts/test.sh" >"$out" 2>&1
trc=$?
grep -E '^[a-z0-9-]+: (not )?ok |passed, .* failed' "$out" | sed 's/^/  /' | tee -a "$report"
if [ "$trc" -ne 0 ]; then
	echo "rebase-check: scenarios $scenarios failed on $version, see ${out#"$TOP"/}" | tee -a "$report"
	exit 1
fi
echo "rebase-check: $version: applies, builds, scenarios $scenarios pass" | tee -a "$report"
