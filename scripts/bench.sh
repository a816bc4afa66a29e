#!/bin/sh
# Boot the bench kernel once, run every benchmark and print its figures.
. "$(dirname "$0")/lib.sh"
dir=$LOGS/$(run_id)-bench
sh "$TOP/scripts/boot.sh" -k bench -m 8G -n 1 -a "hugepagesz=1G" -M bench -T 3600 -o "$dir"
rc=$?
grep -v '^hugemem-exit:' "$dir/result.tap" | tee "$dir/figures"
exit $rc
