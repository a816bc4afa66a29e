#!/bin/sh
# Boot a built kernel in QEMU and bring back the guest's result.
#   boot.sh [options]
#     -k test|bench     kernel flavour (default test)
#     -m SIZE           guest memory (default 4G)
#     -n NODES          NUMA nodes, memory split evenly (default 1)
#     -a "ARGS"         extra kernel command line
#     -M MODE           guest mode: test, demo, bench, shell (default test)
#     -t "TESTS"        tests to run (default all), space or comma separated
#     -T SECONDS        host-side time limit (default 1800)
#     -o DIR            log directory (default build/logs/<run>/boot)
#     -r                kernel reports are expected (a kernel with a fix
#                       reverted): listed, but they do not fail the boot
#     -d FILE.dts       arm64: boot with QEMU's own device tree (dumped with
#                       the same options) plus the nodes of FILE.dts
# TCG is used unless HUGEMEM_KVM=1: KVM on these hosts can hang at kernel entry.
# ARCH=arm64 boots qemu-system-aarch64 -machine virt -cpu max.
# The console goes to DIR/console.log; the guest's TAP stream and exit code
# come back on the second serial port (DIR/result), on arm64 (one UART) on
# a virtio console.  Exit code: the guest's,
# 1 if the guest gave none, or if the console shows any kernel report.
. "$(dirname "$0")/lib.sh"

flavour=test mem=4G nodes=1 append= mode=test tests= limit=1800 dir= expected= dtb=
while getopts k:m:n:a:M:t:T:o:rd: opt; do
	case $opt in
	k) flavour=$OPTARG ;;
	m) mem=$OPTARG ;;
	n) nodes=$OPTARG ;;
	a) append=$OPTARG ;;
	M) mode=$OPTARG ;;
	t) tests=$OPTARG ;;
	T) limit=$OPTARG ;;
	o) dir=$OPTARG ;;
	r) expected=1 ;;
	d) dtb=$OPTARG ;;
	*) die "usage: boot.sh [-k flavour] [-m mem] [-n nodes] [-a args] [-M mode] [-t tests] [-T secs] [-o dir] [-r] [-d dtb]" ;;
	esac
done
obj=$(obj_dir "$flavour")
kernel=$obj/$KIMAGE_PATH
initrd=$obj/initramfs.cpio
[ -f "$kernel" ] && [ -f "$initrd" ] || die "no $flavour kernel and initramfs for $HARCH (make build)"
[ -n "$dir" ] || dir=$LOGS/$(run_id)/boot
mkdir -p "$dir"
console=$dir/console.log
result=$dir/result
# No "hugemem-exit:" line from the guest counts as a failure.
: >"$result"

mem_mb=$(echo "$mem" | awk '/[Gg]$/ { print $0 * 1024; next } /[Mm]$/ { print $0 + 0; next } { print $0 + 0 }')
# NUMA nodes get equal shares of the memory.
[ "$nodes" -ge 1 ] || die "NUMA nodes must be 1 or more, not '$nodes'"
per=$((mem_mb / nodes))
mem_mb=$((per * nodes))
if [ "$HARCH" = arm64 ]; then
	# pauth-impdef: QEMU's own pointer-authentication hash, much faster
	# under TCG than the architected one; still -cpu max.
	set -- -machine virt -cpu max,pauth-impdef=on -smp 2 -m "${mem_mb}M" \
		-kernel "$kernel" -initrd "$initrd" \
		-display none -no-reboot -nic none -serial stdio \
		-device virtio-serial-device -chardev "file,id=result,path=$result" \
		-device virtconsole,chardev=result
	if [ -n "$dtb" ]; then
		# dtc merges the second root node of the source into the first.
		qemu-system-aarch64 "$@" -machine "dumpdtb=$dir/qemu.dtb" >"$dir/dtb.log" 2>&1 &&
			{ dtc -q -I dtb -O dts "$dir/qemu.dtb" && cat "$dtb"; } >"$dir/guest.dts" 2>>"$dir/dtb.log" &&
			dtc -q -I dts -O dtb -o "$dir/guest.dtb" "$dir/guest.dts" 2>>"$dir/dtb.log" ||
			die "cannot make the device tree from $dtb, see $dir/dtb.log"
		set -- "$@" -dtb "$dir/guest.dtb"
	fi
	ttycon=ttyAMA0
else
	[ -z "$dtb" ] || die "-d: a device tree is for arm64 guests"
	set -- -machine pc -cpu max -smp 2 -m "${mem_mb}M" \
		-kernel "$kernel" -initrd "$initrd" \
		-display none -no-reboot -nic none \
		-serial stdio -serial "file:$result"
	ttycon=ttyS0
fi
# Benchmarks: the host backs all guest memory before the guest starts, so
# that no timed run pays for the host's first touch of a guest page (new
# vmemmap pages with HVO are often guest pages never used before).
[ "$mode" = bench ] && set -- "$@" -mem-prealloc
if [ "$nodes" -gt 1 ]; then
	i=0
	while [ "$i" -lt "$nodes" ]; do
		set -- "$@" -object "memory-backend-ram,id=mem$i,size=${per}M" \
			-numa "node,nodeid=$i,memdev=mem$i"
		i=$((i + 1))
	done
fi
if [ "${HUGEMEM_KVM:-0}" = 1 ]; then
	set -- -accel kvm "$@"
else
	set -- -accel tcg "$@"
fi
tests=$(echo "$tests" | tr ' ' ',' | sed 's/^,*//; s/,*$//')
cmdline="console=$ttycon panic=-1 oops=panic loglevel=7 hugemem.mode=$mode${tests:+ hugemem.tests=$tests}${expected:+ hugemem.reports=expected}${append:+ $append}"
printf '%s' "$QEMU" >"$dir/qemu.cmd"
for a in "$@"; do printf " '%s'" "$a"; done >>"$dir/qemu.cmd"
printf " -append '%s'\n" "$cmdline" >>"$dir/qemu.cmd"
log "boot: $(cat "$dir/qemu.cmd")"

if [ "$mode" = shell ]; then
	exec "$QEMU" "$@" -append "$cmdline"
fi

# The console is shown as it comes when VERBOSE=1, else only kept.
timeout -k 10 "$limit" "$QEMU" "$@" -append "$cmdline" </dev/null >"$console" 2>&1 &
qpid=$!
if [ "${VERBOSE:-0}" = 1 ]; then
	tail -n +1 -f "$console" --pid=$qpid
fi
wait $qpid
qrc=$?
tr -d '\r' <"$result" >"$result.tap"

rc=$(sed -n 's/^hugemem-exit: \([0-9]*\).*/\1/p' "$result.tap" | tail -n 1)
if [ -z "$rc" ]; then
	if [ "$qrc" = 124 ] || [ "$qrc" = 137 ]; then
		warn "the guest ran past the time limit of $limit s ($console)"
	else
		warn "the guest ended without a result (qemu exit $qrc, $console)"
	fi
	rc=1
fi
reports=$(tr -d '\r' <"$console" | grep -n -E -f "$TOP/guest/report-patterns")
if [ -n "$reports" ]; then
	echo "$reports" >"$dir/reports"
	if [ -n "$expected" ]; then
		log "expected kernel reports in $console: $(grep -c '' "$dir/reports") lines"
	else
		warn "kernel reports in $console:"
		head -n 20 "$dir/reports" >&2
		rc=1
	fi
fi
exit "$rc"
