#!/bin/sh
# Boot the test kernel in demo mode and show the guest's transcript.
. "$(dirname "$0")/lib.sh"
dir=$LOGS/$(run_id)-demo$ASUFFIX
sh "$TOP/scripts/boot.sh" -k test -m 10G -n 2 -a "hugepagesz=1G hugepages=1" \
	-M demo -T 900 -o "$dir"
rc=$?
grep -v '^hugemem-exit:' "$dir/result.tap"
echo
echo "console: ${dir#"$TOP"/}/console.log"
exit $rc
