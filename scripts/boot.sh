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
# TCG is used unless HUGEMEM_KVM=1: KVM on these hosts can hang at kernel entry.
# The console goes to DIR/console.log; the guest's TAP stream and exit code
# come back on the second serial port (DIR/result).  Exit code: the guest's,
# 1 if the guest gave none, or if the console shows any kernel report.
. "$(dirname "$0")/lib.sh"

flavour=test mem=4G nodes=1 append= mode=test tests= limit=1800 dir= expected=
while getopts k:m:n:a:M:t:T:o:r opt; do
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
	*) die "usage: boot.sh [-k flavour] [-m mem] [-n nodes] [-a args] [-M mode] [-t tests] [-T secs] [-o dir] [-r]" ;;
	esac
done
obj=$(obj_dir "$flavour")
kernel=$obj/arch/x86/boot/bzImage
initrd=$obj/initramfs.cpio
[ -f "$kernel" ] && [ -f "$initrd" ] || die "no $flavour kernel and initramfs (make build)"
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
set -- -machine pc -cpu max -smp 2 -m "${mem_mb}M" \
	-kernel "$kernel" -initrd "$initrd" \
	-display none -no-reboot -nic none \
	-serial stdio -serial "file:$result"
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
cmdline="console=ttyS0 panic=-1 oops=panic loglevel=7 hugemem.mode=$mode${tests:+ hugemem.tests=$tests}${expected:+ hugemem.reports=expected}${append:+ $append}"
printf 'qemu-system-x86_64' >"$dir/qemu.cmd"
for a in "$@"; do printf " '%s'" "$a"; done >>"$dir/qemu.cmd"
printf " -append '%s'\n" "$cmdline" >>"$dir/qemu.cmd"
log "boot: $(cat "$dir/qemu.cmd")"

if [ "$mode" = shell ]; then
	exec qemu-system-x86_64 "$@" -append "$cmdline"
fi

# The console is shown as it comes when VERBOSE=1, else only kept.
timeout -k 10 "$limit" qemu-system-x86_64 "$@" -append "$cmdline" </dev/null >"$console" 2>&1 &
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
