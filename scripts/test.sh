#!/bin/sh
# Boot every scenario of the scenarios file with the test kernel, collect the
# TAP results and print the totals.  Exit 0 only when nothing failed.
#   SCENARIOS="name ..."   only these scenarios
#   TESTS="name ..."       only these tests
#   SCENARIO_FILE=FILE     another scenarios file (default: scenarios)
#   ARCH=arm64             the scenarios that run on arm64, in arm64 guests
# A scenario NAME with a file dt/NAME.dts boots (on arm64) with QEMU's own
# device tree plus that file's nodes.
. "$(dirname "$0")/lib.sh"

run=$LOGS/$(run_id)-test$ASUFFIX
mkdir -p "$run"
ln -sfn "$(basename "$run")" "$LOGS/latest"
pass=0 fail=0 skip=0 booted=0
summary=$run/summary

want() { # want WORD LIST: is WORD in the space separated LIST (empty: all)?
	[ -z "$2" ] && return 0
	for w in $2; do [ "$w" = "$1" ] && return 0; done
	return 1
}

# variant_kernel NAME SUBJECT: build the test kernel and initramfs of the
# variant tree NAME (scripts/variant.sh NAME SUBJECT) into $tree; on
# failure, report the scenario's kernel as not ok and return 1.
variant_kernel() {
	if tree=$(sh "$TOP/scripts/variant.sh" "$1" "$2" </dev/null) &&
		HUGEMEM_TREE=$tree sh "$TOP/scripts/build.sh" $flavour --no-verify </dev/null >"$dir/build.log" 2>&1 &&
		HUGEMEM_TREE=$tree sh "$TOP/scripts/initramfs.sh" $flavour </dev/null >>"$dir/build.log" 2>&1; then
		return 0
	fi
	echo "$name: not ok kernel # cannot build '$kernel', see ${dir#"$TOP"/}/build.log" | tee -a "$summary"
	fail=$((fail + 1))
	return 1
}

: >"$summary"
while IFS='|' read -r name mem nodes cmdline tests kernel arches; do
	name=$(echo $name)
	case $name in '' | \#*) continue ;; esac
	want "$name" "${SCENARIOS:-}" || continue
	# The architectures a scenario runs on (default: x86_64 only).
	arches=$(echo $arches)
	want "$HARCH" "${arches:-x86_64}" || continue
	sel=
	for t in $tests; do
		want "$t" "${TESTS:-}" && sel="$sel $t"
	done
	[ -n "$sel" ] || continue
	booted=$((booted + 1))
	log "scenario $name:$sel"
	dir=$run/$name
	mkdir -p "$dir"
	tree=$TREE
	boot_opts=
	kernel=$(echo $kernel)
	# "bench" or "bench:KERNEL": the bench kernel (no debug options), for
	# a test too slow under KASAN and lockdep; the paths it runs are run
	# by the test kernel in other scenarios.
	flavour=test
	case $kernel in
	bench) flavour=bench kernel= ;;
	bench:*) flavour=bench kernel=${kernel#bench:} ;;
	esac
	case $kernel in
	'' | test)
		if [ $flavour = bench ] && ! { sh "$TOP/scripts/build.sh" bench &&
			sh "$TOP/scripts/initramfs.sh" bench; } </dev/null >"$dir/build.log" 2>&1; then
			echo "$name: not ok kernel # cannot build the bench kernel, see ${dir#"$TOP"/}/build.log" |
				tee -a "$summary"
			fail=$((fail + 1))
			continue
		fi
		;;
	upto:*)
		# A step of the series, with the current tests: it must pass
		# them as the whole series does (no kernel report expected).
		subject=${kernel#upto:}
		log "building the test kernel of the series up to '$subject'"
		vname=upto-$(printf '%s' "$subject" | cksum | cut -d' ' -f1)
		variant_kernel "$vname" "@upto:$subject" || continue
		;;
	without:* | base+test:* | landed:*)
		# The series without one patch, or the base with only a test
		# patch: to show that a test catches a bug the series fixes.
		# Kernel reports are expected there.
		case $kernel in
		without:*) subject=${kernel#without:} what="without '$subject'" ;;
		landed:*) subject=@${kernel} what="of the series landed at ${kernel#landed:}, with the current tests" ;;
		*) subject=@base+${kernel#base+test:} what="of the base with '${kernel#base+test:}' only" ;;
		esac
		log "building the test kernel $what"
		boot_opts=-r
		# Scenarios of one landed revision share its kernel.
		vname=$name
		case $kernel in landed:*) vname=landed-${kernel#landed:} ;; esac
		[ $flavour = bench ] && vname=$vname-bench
		variant_kernel "$vname" "$subject" || continue
		;;
	*) die "scenario $name: unknown kernel '$kernel' ([bench:]test, upto:SUBJECT, without:SUBJECT, base+test:SUBJECT, landed:REV)" ;;
	esac
	[ -f "$TOP/dt/$name.dts" ] && boot_opts="$boot_opts -d $TOP/dt/$name.dts"
	HUGEMEM_TREE=$tree sh "$TOP/scripts/boot.sh" $boot_opts -k $flavour -m $mem -n $nodes -a "$(echo $cmdline)" \
		-t "$sel" -T "${BOOT_TIMEOUT:-2400}" -o "$dir" </dev/null
	brc=$?
	# No result at all (boot.sh failed or was killed) counts as a failed boot.
	[ -f "$dir/result.tap" ] || : >"$dir/result.tap"
	grep -E '^(not )?ok ' "$dir/result.tap" | sed "s/^/$name: /" | tee -a "$summary"
	p=$(grep -cE '^ok [0-9]+ [^#]*$' "$dir/result.tap")
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' "$dir/result.tap")
	f=$(grep -cE '^not ok ' "$dir/result.tap")
	if [ "$brc" -ne 0 ] && [ "$brc" -ne 4 ] && [ "$f" -eq 0 ]; then
		# The boot failed outside any test: no result, a crash or a report.
		echo "$name: not ok boot # exit $brc, see ${dir#"$TOP"/}/console.log" | tee -a "$summary"
		grep -E -f "$TOP/guest/report-patterns" "$dir/console.log" 2>/dev/null |
			head -n 5 | sed 's/^/    /' >"$dir/why"
		f=1
	fi
	pass=$((pass + p)) skip=$((skip + s)) fail=$((fail + f))
done <"${SCENARIO_FILE:-$TOP/scenarios}"

[ "$booted" -gt 0 ] || die "no scenario matched SCENARIOS='${SCENARIOS:-}' TESTS='${TESTS:-}'"
echo "logs: ${run#"$TOP"/}"
# Why each test failed, last, where a CI log's tail shows it: the test's
# FAIL lines and kernel reports (or its last lines), a few of each.
for tap in "$run"/*/result.tap; do
	[ -f "$tap" ] || continue
	awk -v scen="$(basename "$(dirname "$tap")")" '
		/^# [^ ]+: start$/ { n = 0; k = 0; next }
		/^# / { all[++n] = $0; if ($0 ~ /FAIL|kernel:|pools (before|after)/) why[++k] = $0; next }
		/^not ok / {
			print scen ": " $0
			if (k) { for (i = 1; i <= k && i <= 5; i++) print "    " why[i] }
			else { for (i = (n > 5 ? n - 4 : 1); i <= n; i++) print "    " all[i] }
		}
		/^(not )?ok / { n = 0; k = 0 }' "$tap"
done
for why in "$run"/*/why; do
	[ -s "$why" ] || continue
	echo "$(basename "$(dirname "$why")"): not ok boot"
	cat "$why"
done
echo "$pass passed, $fail failed, $skip skipped" | tee -a "$summary"
[ "$fail" -eq 0 ]
