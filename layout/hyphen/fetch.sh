#!/usr/bin/env bash
# fetch.sh fetches the hyphenation pattern files again from Debian's
# texlive-base and checks them against SHA256SUMS (see SOURCES.md).
#
#   bash layout/hyphen/fetch.sh            # verify only: fetch into a temp dir, compare
#   bash layout/hyphen/fetch.sh --install  # also copy the verified files here
#                                          # (then: go generate ./layout/hyphen)
# Needs: apt-get (with package lists: run apt-get update first), dpkg-deb, sha256sum.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
install=0
[[ "${1:-}" == "--install" ]] && install=1

deb_pkg='texlive-base'
deb_ver='2022.20230122-3'
tree='usr/share/texlive/texmf-dist/tex/generic'

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out" "$tmp/deb"

echo "apt-get download $deb_pkg=$deb_ver" >&2
(cd "$tmp/deb" && apt-get download -q "$deb_pkg=$deb_ver" >/dev/null)
deb="$(ls "$tmp"/deb/*.deb)"
got_ver="$(dpkg-deb -f "$deb" Version)"
if [[ "$got_ver" != "$deb_ver" ]]; then
	echo "fetch.sh: $deb_pkg is version $got_ver, want $deb_ver" >&2
	exit 1
fi
dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp/deb" "./$tree/hyphen/hyphen.tex" "./$tree/hyphenex/ushyphex.tex"
cp "$tmp/deb/$tree/hyphen/hyphen.tex" "$tmp/deb/$tree/hyphenex/ushyphex.tex" "$tmp/out/"

echo "verifying against $here/SHA256SUMS" >&2
(cd "$tmp/out" && sha256sum -c "$here/SHA256SUMS")

if ((install)); then
	cp "$tmp"/out/*.tex "$here/"
	echo "installed into $here: run go generate ./layout/hyphen" >&2
fi
