# Helpers for guest test scripts.  Source it: . /guest/lib.sh
# Exit codes have kselftest meaning: 0 pass, 1 fail, 4 skip.
# shellcheck shell=sh

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

HP=/sys/kernel/mm/hugepages

fail() { echo "FAIL: $*"; exit $KSFT_FAIL; }
skip() { echo "SKIP: $*"; exit $KSFT_SKIP; }
info() { echo "$*"; }

# meminfo FIELD: the value of a /proc/meminfo field (kB or count).
meminfo() { awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo; }

# hp_dir SIZE_KB: sysfs directory of a huge page size, or skip if missing.
hp_dir() {
	[ -d "$HP/hugepages-${1}kB" ] || skip "no ${1} kB huge pages on this machine"
	echo "$HP/hugepages-${1}kB"
}

hp_get() { cat "$HP/hugepages-${1}kB/$2"; }

# hp_set SIZE_KB N: set the persistent pool, fail unless it reached N.
hp_set() {
	echo "$2" >"$HP/hugepages-${1}kB/nr_hugepages" 2>/dev/null
	got=$(hp_get "$1" nr_hugepages)
	[ "$got" -eq "$2" ] || fail "pool of ${1} kB pages is $got, wanted $2"
}

# hp_need SIZE_KB N: make at least N free pages of that size available for
# the test and restore the pool when the script exits.
hp_need() {
	dir=$(hp_dir "$1") || exit $?
	eval "hp_saved_$1=$(cat "$dir/nr_hugepages")"
	hp_restore_list="$hp_restore_list $1"
	trap hp_restore EXIT
	free=$(cat "$dir/free_hugepages")
	[ "$free" -ge "$2" ] && return 0
	want=$(($(cat "$dir/nr_hugepages") + $2 - free))
	echo "$want" >"$dir/nr_hugepages"
	[ "$(cat "$dir/free_hugepages")" -ge "$2" ] ||
		skip "could not get $2 free ${1} kB pages"
}

hp_restore() {
	for s in $hp_restore_list; do
		eval "echo \$hp_saved_$s" >"$HP/hugepages-${s}kB/nr_hugepages"
	done
	for m in $hp_mounts; do
		umount "$m" 2>/dev/null
	done
}

# hugetlbfs_mount DIR [OPTIONS]: mount hugetlbfs, unmounted on exit.
hugetlbfs_mount() {
	mkdir -p "$1"
	mount -t hugetlbfs ${2:+-o "$2"} none "$1" || fail "cannot mount hugetlbfs on $1"
	hp_mounts="$1 $hp_mounts"
	trap hp_restore EXIT
}

# Selftest programs of the patched tree.
SELFTESTS=/selftests

# dt_chunk_heap_nodes: the device tree's "linux,chunk-heap" reserved-memory
# nodes, one directory of /proc/device-tree a line (none without a tree).
dt_chunk_heap_nodes() {
	for c in /proc/device-tree/reserved-memory/*/compatible; do
		[ -f "$c" ] && grep -q 'linux,chunk-heap' "$c" && dirname "$c"
	done
	return 0
}

# kpf_reserved PFN: is the page PG_reserved (/proc/kpageflags bit 32)?
kpf_reserved() {
	b=$(dd if=/proc/kpageflags bs=8 skip="$1" count=1 2>/dev/null | od -An -tu1 -j4 -N1 | tr -d ' ')
	[ -n "$b" ] || return 2
	[ $((b & 1)) -eq 1 ]
}

# kpf_nopage PFN: has the PFN no struct page in use (KPF_NOPAGE, bit 20):
# memory left out of the memory map, as a no-map region is?
kpf_nopage() {
	b=$(dd if=/proc/kpageflags bs=8 skip="$1" count=1 2>/dev/null | od -An -tu1 -j2 -N1 | tr -d ' ')
	[ -n "$b" ] || return 2
	[ $((b & 16)) -eq 16 ]
}

# boot_log PATTERN: the lines of the boot log (run-tests keeps it in
# /tmp/boot.log, without the time stamps) that match PATTERN.
boot_log() {
	sed 's/^\[[ 0-9.]*\] //' /tmp/boot.log | grep -E "$1"
}
