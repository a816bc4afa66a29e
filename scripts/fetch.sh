#!/bin/sh
# Fetch the pinned base package into the cache, verify it, print the tarball path.
#
# The package comes from the bullseye suite of the Debian archive that this
# machine's own apt configuration uses, through a private sources list and
# state directory: the machine's apt configuration is never changed.
# KERNEL_TARBALL=path skips all of this and uses that 5.10 tarball.
. "$(dirname "$0")/lib.sh"

if [ -n "${KERNEL_TARBALL:-}" ]; then
	[ -f "$KERNEL_TARBALL" ] || die "KERNEL_TARBALL=$KERNEL_TARBALL does not exist"
	printf '%s\n' "$KERNEL_TARBALL"
	exit 0
fi

deb=$CACHE/${BASE_PACKAGE}_${BASE_VERSION}_all.deb
tarball=$CACHE/${BASE_PACKAGE}_${BASE_VERSION}.tar.xz
mkdir -p "$CACHE"

verify() {
	echo "$BASE_SHA256  $1" | sha256sum -c --status
}

# The first archive URI of the machine's apt sources that serves the main
# Debian distribution (not security, not third-party).
debian_uri() {
	{
		cat /etc/apt/sources.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p'
		cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
			sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
		cat /etc/apt/sources.list.d/*.list 2>/dev/null |
			sed -n 's/^deb[[:space:]]\{1,\}\(\[[^]]*\][[:space:]]\{1,\}\)\{0,1\}\([^[:space:]]*\).*/\2/p'
	} | grep -E '/debian/?$' | head -n 1
}

if [ ! -f "$deb" ] || ! verify "$deb"; then
	uri=$(debian_uri)
	[ -n "$uri" ] || die "no Debian archive URI in /etc/apt (sources.list or sources.list.d)"
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
		die "apt-get update for $BASE_SUITE failed, see $apt/update.log"
	(cd "$CACHE" && apt-get "$@" download "$BASE_PACKAGE=$BASE_VERSION") >"$apt/download.log" 2>&1 ||
		die "apt-get download $BASE_PACKAGE=$BASE_VERSION failed, see $apt/download.log"
	verify "$deb" || { rm -f "$deb"; die "checksum mismatch for $deb"; }
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
