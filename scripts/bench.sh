#!/bin/sh
# Boot the bench kernel (no debug options) and print "name: value" figures.
# The base kernel without the series is built and booted the same way in
# the same run, so that ratios compare the two side by side.  Timings vary
# from boot to boot under TCG (by about 5% with -mem-prealloc; before it,
# some boots ran up to half slower), so the pool figures that compare the
# two kernels are the median over five pool boots of each, booted in turn
# with the same command line (the full boots pass chunk_heap=, which
# reserves a 300 MiB CMA area in the series only and slowed its pool grow
# by up to 14%).  The series' pool boots run the HVO benchmark after the
# pool's, and the HVO on / off ratios are the median of theirs.  Every
# boot's value is printed too.
. "$(dirname "$0")/lib.sh"
[ "$HARCH" = x86_64 ] || die "make bench runs on x86_64 only (the figures are the x86 ones)"

run=$LOGS/$(run_id)-bench
mkdir -p "$run"

bench_boot() { # bench_boot NAME [BENCHMARKS [CMDLINE]]: boot the bench kernel of $tree
	HUGEMEM_TREE=$tree sh "$TOP/scripts/boot.sh" -k bench -m "${BMEM:-8G}" -n "${BNODES:-1}" \
		-a "${3:-hugepagesz=1G chunk_heap=300M,4}" \
		-M bench ${2:+-t "$2"} -T 3600 -o "$run/$1" || return 1
	grep -E '^[a-z0-9_.]+: ' "$run/$1/result.tap" | grep -v '^hugemem-exit:' >"$run/$1/figures"
}

series_tree=$TREE
tree=$series_tree
bench_boot series || die "bench run failed, see $run/series"
# The 1 GiB pages that HVO must not cost, in a boot of its own with two
# nodes (the 8 GiB boot above holds one 1 GiB page after its other
# benchmarks): 50 cycles with HVO off and on on node 1.
BMEM=12G BNODES=2 bench_boot ranges ranges hugepagesz=1G || die "bench run failed, see $run/ranges"
base_tree=$(sh "$TOP/scripts/variant.sh" base @base) || exit 1
HUGEMEM_TREE=$base_tree sh "$TOP/scripts/build.sh" bench --no-verify &&
	HUGEMEM_TREE=$base_tree sh "$TOP/scripts/initramfs.sh" bench || die "cannot build the base kernel"
tree=$base_tree
bench_boot base || die "base bench run failed, see $run/base"
# The pool figures that compare the kernels come from boots with the same
# command line: no chunk_heap= (the series would reserve a CMA area of
# 300 MiB, the base would not).
for i in 2 3 4 5 6; do
	tree=$base_tree
	bench_boot "base.$i" pool hugepagesz=1G || die "base bench run failed, see $run/base.$i"
	tree=$series_tree
	bench_boot "series.$i" "pool hvo" hugepagesz=1G || die "bench run failed, see $run/series.$i"
done

# Boot-time 1 GiB pages: 20 GiB boots with hugepages=16 and without, for
# the base and for the series with HVO off and on, five pairs of each in
# turn (guest/bench.d/boot reads when the pool was set up).  The time of
# one boot to hugetlb_init() varies by up to 100 ms under TCG (one in
# thirty was 500 ms off), the difference that 16 pages make is 150 to
# 230 ms in the base: the median of five pairs.
GIG=16
GIG_BOOTS="1 2 3 4 5"
for i in $GIG_BOOTS; do
	for k in base series_off series_on; do
		case $k in
		base) tree=$base_tree; hvo= ;;
		series_off) tree=$series_tree; hvo=" hugetlb_free_vmemmap=off" ;;
		series_on) tree=$series_tree; hvo=" hugetlb_free_vmemmap=on" ;;
		esac
		for n in $GIG 0; do
			BMEM=20G bench_boot "gig.$k.$n.$i" boot "hugepagesz=1G hugepages=$n$hvo" ||
				die "bench run failed, see $run/gig.$k.$n.$i"
		done
	done
done

fig() { awk -v k="$1:" '$1 == k { print $2 }' "$run/$2/figures"; }
# med5n: the median of five numbers on stdin, negative ones too, nan
# unless all five are there
med5n() {
	grep -E '^-?[0-9]+(\.[0-9]+)?$' | sort -n |
		awk '{ v[NR] = $1 } END { print NR == 5 ? v[3] : "nan" }'
}
# gig_ms KERNEL: ms per boot-time 1 GiB page, the median over the five
# pairs of boots of KERNEL (with $GIG pages minus without, over $GIG)
gig_ms() {
	for i in $GIG_BOOTS; do
		a=$(fig boot.hugetlb_ready_ms "gig.$1.$GIG.$i")
		b=$(fig boot.hugetlb_ready_ms "gig.$1.0.$i")
		p=$(fig boot.gigantic_pages "gig.$1.$GIG.$i")
		[ "$p" = "$GIG" ] && awk -v a="$a" -v b="$b" -v n="$GIG" \
			'BEGIN { printf "%.2f\n", (a - b) / n }'
	done | med5n
}
# med5: the median of five numbers on stdin, nan unless all five are there
med5() {
	grep -E '^[0-9]+(\.[0-9]+)?$' | sort -n |
		awk '{ v[NR] = $1 } END { print NR == 5 ? v[3] : "nan" }'
}
# pool KEY KERNEL: the median of KEY over the five pool boots of KERNEL
pool() {
	for b in "$2.2" "$2.3" "$2.4" "$2.5" "$2.6"; do fig "$1" "$b"; done | med5
}
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a ~ /^-?[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.3f\n", a / b
		else print "nan" }'
}
# hvo_ratio KEY BOOT: HVO on / off of KEY in one boot: hvo.on_KEY against
# hvo.off_KEY, or for 1 GiB pages the pool benchmark's pool.KEY (HVO off,
# taken before HVO was first on: see guest/bench.d/hvo)
hvo_ratio() {
	case $1 in
	1g_*) ratio "$(fig "hvo.on_$1" "$2")" "$(fig "pool.$1" "$2")" ;;
	*) ratio "$(fig "hvo.on_$1" "$2")" "$(fig "hvo.off_$1" "$2")" ;;
	esac
}
# hvo_boots KEY: hvo_ratio of KEY in each pool boot of the series, in turn
hvo_boots() { for b in series.2 series.3 series.4 series.5 series.6; do hvo_ratio "$1" "$b"; done; }
# hvo_pool KEY: the median of hvo.on_KEY over the pool boots of the series
hvo_pool() { for b in series.2 series.3 series.4 series.5 series.6; do fig "hvo.on_$1" "$b"; done | med5; }
{
	sed 's/^/series./' "$run/series/figures"
	sed 's/^/base./' "$run/base/figures"
	for k in pool.2m_x1000.grow_ms pool.2m_x1000.shrink_ms pool.1g_x1.grow_ms \
		pool.1g_x1.shrink_ms; do
		for b in series base; do
			echo "$b.$k.boots: $(fig "$k" "$b.2") $(fig "$k" "$b.3") $(fig "$k" "$b.4")" \
				"$(fig "$k" "$b.5") $(fig "$k" "$b.6") (with chunk_heap=: $(fig "$k" "$b"))"
			echo "$b.$k.median: $(pool "$k" "$b")"
		done
	done
	echo "frozen.alloc_ratio: $(ratio "$(pool pool.2m_x1000.grow_ms series)" "$(pool pool.2m_x1000.grow_ms base)")"
	echo "frozen.free_ratio: $(ratio "$(pool pool.2m_x1000.shrink_ms series)" "$(pool pool.2m_x1000.shrink_ms base)")"
	echo "frozen.alloc_ratio_1g: $(ratio "$(pool pool.1g_x1.grow_ms series)" "$(pool pool.1g_x1.grow_ms base)")"
	# The same with HVO on (the HVO benchmark of the series' pool boots).
	echo "frozen.alloc_ratio_1g_hvo_on: $(ratio "$(hvo_pool 1g_x1.grow_ms)" "$(pool pool.1g_x1.grow_ms base)")" \
		"($(hvo_pool 1g_x1.grow_ms) / $(pool pool.1g_x1.grow_ms base) ms)"
	echo "frozen.free_ratio_1g: $(ratio "$(pool pool.1g_x1.shrink_ms series)" "$(pool pool.1g_x1.shrink_ms base)")"
	for k in base series_off series_on; do
		echo "boot.gigantic_init_ms_per_1g.$k.boots: $(for i in $GIG_BOOTS; do
			echo "$(fig boot.hugetlb_ready_ms "gig.$k.$GIG.$i")-$(fig boot.hugetlb_ready_ms "gig.$k.0.$i")"
		done | tr '\n' ' ')"
		echo "boot.gigantic_init_ms_per_1g.$k: $(gig_ms $k)"
	done
	# Series with HVO on / base; below 0 when the boot with the pages is
	# done sooner than the boot without them, whose 16 GiB go to the page
	# allocator.
	echo "boot.gigantic_init_ratio: $(ratio "$(gig_ms series_on)" "$(gig_ms base)")"
	echo "boot.gigantic_init_ratio_hvo_off: $(ratio "$(gig_ms series_off)" "$(gig_ms base)")"
	# MemFree with $GIG boot-time pages, HVO on minus off, per page: the
	# 16380 kB of vmemmap freed less the 8 page tables of split PMDs
	echo "boot.memfree_saved_kib_per_1g_hvo_on: $(for i in $GIG_BOOTS; do
		a=$(fig boot.memfree_kib "gig.series_on.$GIG.$i")
		b=$(fig boot.memfree_kib "gig.series_off.$GIG.$i")
		[ -n "$a" ] && [ -n "$b" ] && echo $(((a - b) / GIG))
	done | med5n)"
	echo "hvo.saved_kib_per_2m: $(fig hvo.saved_kib_per_2m series)"
	echo "hvo.saved_kib_per_1g: $(fig hvo.saved_kib_per_1g series)"
	# HVO on / off in the same boot, the median over the five pool boots
	# of the series (one boot's ratio varies by about 5%).
	for k in alloc_ratio:2m_x1000.grow_ms free_ratio:2m_x1000.shrink_ms \
		alloc_ratio_1g:1g_x1.grow_ms free_ratio_1g:1g_x1.shrink_ms; do
		# (The full boot runs the HVO benchmark before the pool's.)
		full=
		case $k in
		*:2m_*) full="(full boot: $(hvo_ratio "${k#*:}" series))" ;;
		esac
		echo "hvo.${k%%:*}.boots: $(hvo_boots "${k#*:}" | tr '\n' ' ')$full"
		echo "hvo.${k%%:*}: $(hvo_boots "${k#*:}" | med5)"
	done
	echo "hvo.gigantic_max_off_50_cycles: $(fig hvo.gigantic_max_off_50_cycles ranges)"
	echo "hvo.gigantic_max_on_50_cycles: $(fig hvo.gigantic_max_on_50_cycles ranges)"
	echo "hvo.gigantic_max_ratio_50_cycles: $(fig hvo.gigantic_max_ratio_50_cycles ranges)"
	echo "hvo.off_overhead_ratio: $(ratio "$(pool pool.2m_x1000.grow_ms series)" "$(pool pool.2m_x1000.grow_ms base)")"
	echo "demote.ms_per_1g_hvo_off: $(fig demote.ms_per_1g_hvo_off series)"
	echo "demote.ms_per_1g_hvo_on: $(fig demote.ms_per_1g_hvo_on series)"
	echo "demote.hvo_ratio: $(ratio "$(fig demote.ms_per_1g_hvo_off series)" "$(fig demote.ms_per_1g_hvo_on series)")"
	echo "demote.transient_kib_hvo_on: $(fig demote.transient_kib_hvo_on series)"
	echo "demote.pgalloc_kib_hvo_on: $(fig demote.pgalloc_kib_hvo_on series)"
	# cma_alloc_bulk(): series only (the base has no such API); measured
	# with the other CPU allocating (cma_bulk.*) and idle (cma_bulk.idle.*).
	for p in cma_bulk cma_bulk.idle; do
		for k in success_pct.busy_0pct:busy_0pct.success_pct \
			success_pct.busy_2pct:busy_2pct.success_pct \
			single_call_ok:single_call_ok fast_vs_loop_ratio:fast_vs_loop_ratio \
			fast_vs_normal_ratio:fast_vs_normal_ratio \
			fast_success_chunks:fast_success_chunks \
			normal_success_chunks:normal_success_chunks; do
			v=$(fig "$p.${k#*:}" series)
			[ -z "$v" ] || echo "$p.${k%%:*}: $v"
		done
	done
} | tee "$run/figures"
echo "logs: ${run#"$TOP"/}"
