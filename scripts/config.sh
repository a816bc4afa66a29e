#!/bin/sh
# Configure one kernel flavour in build/obj-<flavour>: allnoconfig plus the
# flavour's fragments, then verify that every option a fragment sets made it
# into the final .config (merging only warns; we fail).  On arm64 the
# fragments are the same plus configs/arm64.config, without the options
# that its "# drop:" lines name (x86-only ones).
#   config.sh test|bench [--no-verify]
. "$(dirname "$0")/lib.sh"

flavour=$1
case $flavour in
test) fragments="guest hugemem debug" ;;
bench | check) fragments="guest hugemem bench" ;;
*) die "unknown kernel flavour '$flavour' (test, bench, check)" ;;
esac

drop= archfrag=
if [ "$HARCH" != x86_64 ]; then
	archfrag=$TOP/configs/$HARCH.config
	drop=$(sed -n 's/^# drop: *//p' "$archfrag" | tr '\n' ' ')
fi

obj=$(obj_dir "$flavour")
mkdir -p "$obj"
merged=$obj/hugemem.fragment
{
	for f in $fragments; do
		cat "$TOP/configs/$f.config"
	done | drop_options "$drop"
	[ -z "$archfrag" ] || cat "$archfrag"
	echo "CONFIG_LOCALVERSION=\"-hugemem-$flavour\""
} >"$merged.new"

# Reconfigure only when the fragments changed or there is no .config yet:
# an unchanged configuration keeps the build incremental.
if [ -f "$obj/.config" ] && cmp -s "$merged.new" "$merged" && [ -z "${RECONFIG:-}" ]; then
	rm -f "$merged.new"
else
	mv "$merged.new" "$merged"
	kmake "$flavour" -s KCONFIG_ALLCONFIG="$merged" allnoconfig >"$obj/config.log" 2>&1 ||
		{ cat "$obj/config.log" >&2; die "configuring the $flavour kernel failed"; }
fi

[ "${2:-}" = "--no-verify" ] && exit 0
missing=0
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF "$line" "$obj/.config" && continue
		sym=${line%%=*}
		;;
	"# CONFIG_"*" is not set")
		sym=${line#\# }
		sym=${sym%% *}
		! grep -q "^$sym=" "$obj/.config" && continue
		;;
	*) continue ;;
	esac
	have=$(grep -E "^($sym=|# $sym is not set)" "$obj/.config" || echo "absent")
	printf 'config: %s asked for "%s", got "%s"\n' "$flavour" "$line" "$have" >&2
	missing=$((missing + 1))
done <"$merged"
[ "$missing" -eq 0 ] || die "$missing option(s) of the $flavour fragments are missing from $obj/.config"
