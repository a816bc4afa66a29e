#!/bin/sh
# Apply patches/series to a git tree at its base and report, a line per patch,
# how each applied:
#   exact      every hunk at its line, no fuzz
#   offset     some hunk at another line (file and hunk named)
#   fuzz       some hunk only with fuzz (file and hunk named)
#   3-way      patch(1) cannot apply it, git am -3 merges it from the blobs
#              the patch names (only where the tree has them)
#   FAILED     neither applies (file and hunk named); later patches are
#              still tried, on a tree without it, and marked so
#   apply.sh TREE
# Exit: 0 every patch exact, 2 all applied but not all exact, 1 one failed.
. "$(dirname "$0")/lib.sh"

tree=$1
[ -e "$tree/.git" ] || die "usage: apply.sh TREE (a git repository)"
command -v patch >/dev/null || die "patch(1) is missing (package patch)"

worst=0
failed=
for p in $(series_patches); do
	f=$TOP/patches/$p
	# patch(1) names offsets and fuzz per hunk (git apply accepts offsets
	# silently); -F3 accepts any fuzz so that it can be reported.
	out=$(cd "$tree" && patch -p1 -F3 --dry-run --batch -f <"$f" 2>&1) || out="$out
@@patch-failed@@"
	how=exact
	if echo "$out" | grep -q '@@patch-failed@@'; then
		how=FAILED
	elif echo "$out" | grep -q ' with fuzz '; then
		how=fuzz
	elif echo "$out" | grep -q '(offset '; then
		how=offset
	fi
	# Per file: the hunks that failed or needed fuzz, and how many moved.
	detail=$(echo "$out" | awk '
		/^checking file / { file = $3; if (!(file in seen)) { seen[file] = 1; order[++n] = file }; next }
		/^Hunk #.* FAILED/ { bad[file] = bad[file] " hunk " $2 " failed"; next }
		/^Hunk #.* with fuzz/ { z = $8; gsub(/[^0-9]/, "", z); bad[file] = bad[file] " hunk " $2 " fuzz " z }
		/^Hunk #.*offset/ { moved[file]++ }
		END {
			for (i = 1; i <= n; i++) {
				f = order[i]; d = bad[f]
				if (moved[f]) d = d " " moved[f] " hunk(s) offset"
				if (d != "") { printf "%s%s:%s", sep, f, d; sep = "; " }
			}
		}')
	if [ "$how" = FAILED ]; then
		if git -C "$tree" am -q -3 "$f" >/dev/null 2>&1; then
			how=3-way
		else
			git -C "$tree" am --abort >/dev/null 2>&1
			failed=1
		fi
	elif ! git -C "$tree" am -q -3 "$f" >/dev/null 2>&1; then
		# patch(1) applies it (with fuzz), git am -3 does not.
		conflict=$(git -C "$tree" diff --name-only --diff-filter=U | tr '\n' ' ')
		git -C "$tree" am --abort >/dev/null 2>&1
		detail="patch(1): $how${detail:+, $detail}; git am -3: conflict in ${conflict% }"
		how=FAILED
		failed=1
	fi
	after=
	[ -n "$failed" ] && [ "$how" != FAILED ] && after=" [after a failed patch]"
	printf '  %-62s %s%s%s\n' "$p" "$how" "${detail:+ ($detail)}" "$after"
	case $how in
	exact) ;;
	FAILED) worst=1 ;;
	*) [ "$worst" -eq 0 ] && worst=2 ;;
	esac
done
exit "$worst"
