#!/bin/sh
# Fetch the pinned base package into the cache, verify it, print the tarball path.
#
# The package comes from $BASE_SUITE of the Debian archive (or, for a
# "-security" suite, the Debian security archive) that this machine's own apt
# configuration uses, through a private sources list and state directory: the
# machine's apt configuration is never changed.  apt checks the package
# against the archive's signed index; its sha256 is then checked against
# $BASE_SHA256 when that is set (base.env), and printed.
# KERNEL_TARBALL=path skips all of this and uses that 5.10 tarball.
#   fetch.sh [VERSION SUITE]
# fetches that version of $BASE_PACKAGE instead (make rebase-check): its
# checksum is the one apt checked against the archive's signed index,
# recorded beside the cached package.
. "$(dirname "$0")/lib.sh"

if [ $# -ge 1 ] && [ "$1" != "$BASE_VERSION" ]; then
	BASE_VERSION=$1
	BASE_SUITE=${2:-$BASE_SUITE}
	BASE_SHA256=
fi

if [ -n "${KERNEL_TARBALL:-}" ]; then
	[ -f "$KERNEL_TARBALL" ] || die "KERNEL_TARBALL=$KERNEL_TARBALL does not exist"
	printf '%s\n' "$KERNEL_TARBALL"
	exit 0
fi

deb=$CACHE/${BASE_PACKAGE}_${BASE_VERSION}_all.deb
tarball=$CACHE/${BASE_PACKAGE}_${BASE_VERSION}.tar.xz
mkdir -p "$CACHE"

verify() {
	if [ -n "$BASE_SHA256" ]; then
		echo "$BASE_SHA256  $1" | sha256sum -c --status
	else
		[ -f "$1.sha256" ] && sha256sum -c --status "$1.sha256"
	fi
}

# The archive URIs of the machine's apt sources, one a line.
apt_uris() {
	{
		cat /etc/apt/sources.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
		cat /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p'
	} | sed 's,/*$,,'
}

# The archive that serves $BASE_SUITE: the Debian security archive for a
# "-security" suite, the Debian archive otherwise.  The security archive is
# taken from the machine's apt sources (they list it for their own release),
# or else derived from the Debian archive's host (.../debian-security).
archive_uri() {
	debian=$(apt_uris | grep -E '/debian$' | head -n 1)
	case $BASE_SUITE in
	*-security)
		security=$(apt_uris | grep -E '/debian-security$' | head -n 1)
		if [ -z "$security" ] && [ -n "$debian" ]; then
			security=${debian%/debian}/debian-security
		fi
		echo "$security"
		;;
	*) echo "$debian" ;;
	esac
}

if [ ! -f "$deb" ] || ! verify "$deb"; then
	uri=$(archive_uri)
	[ -n "$uri" ] || die "no Debian archive for suite $BASE_SUITE: /etc/apt (sources.list, sources.list.d) names neither .../debian nor .../debian-security"
	log "fetching $BASE_PACKAGE $BASE_VERSION from $uri $BASE_SUITE"
	apt=$CACHE/apt
	rm -rf "$apt"
	mkdir -p "$apt/state/lists/partial" "$apt/cache/archives/partial" "$apt/etc"
	keyring=/usr/share/keyrings/debian-archive-keyring.gpg
	[ -f "$keyring" ] || die "$keyring missing (package debian-archive-keyring)"
	echo "deb [signed-by=$keyring] $uri $BASE_SUITE $BASE_COMPONENT" >"$apt/etc/sources.list"
	set -- -o Dir::Etc::SourceList="$apt/etc/sources.list" \
		-o Dir::Etc::SourceParts=/nonexistent \
		-o Dir::State="$apt/state" -o Dir::Cache="$apt/cache" \
		-o Acquire::Languages=none -o APT::Architectures=amd64 -q
	apt-get "$@" update >"$apt/update.log" 2>&1 ||
		die "apt-get update of $uri $BASE_SUITE failed, see $apt/update.log"
	(cd "$CACHE" && apt-get "$@" download "$BASE_PACKAGE=$BASE_VERSION") >"$apt/download.log" 2>&1 ||
		die "apt-get download $BASE_PACKAGE=$BASE_VERSION failed, see $apt/download.log"
	[ -f "$deb" ] || die "apt-get download gave no $(basename "$deb"), see $apt/download.log"
	if [ -z "$BASE_SHA256" ]; then
		# apt checked it against the signed index; keep that checksum.
		sha256sum "$deb" >"$deb.sha256"
		log "$(basename "$deb"): sha256 $(cut -d' ' -f1 "$deb.sha256") (checked by apt against the signed index of $BASE_SUITE)"
	fi
	verify "$deb" || { rm -f "$deb"; die "checksum mismatch for $deb: base.env pins $BASE_SHA256"; }
	rm -f "$tarball"
fi

if [ ! -f "$tarball" ]; then
	tmp=$CACHE/extract.$$
	rm -rf "$tmp"
	mkdir -p "$tmp"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp" "./$BASE_TARBALL" ||
		die "cannot extract $BASE_TARBALL from $deb"
	mv "$tmp/$BASE_TARBALL" "$tarball"
	rm -rf "$tmp"
fi
printf '%s\n' "$tarball"
