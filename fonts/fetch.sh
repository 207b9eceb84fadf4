#!/usr/bin/env bash
# fetch.sh fetches Broadsheet's embedded default fonts again from their
# registries and checks each against fonts/files/SHA256SUMS.
#
#   bash fonts/fetch.sh            # verify only: fetch into a temp dir, compare
#   bash fonts/fetch.sh --install  # also copy the verified files into fonts/files/
#
# Sources (see files/SOURCES.md):
#   npm  @expo-google-fonts/noto-serif-sc@0.4.3  (Noto Serif SC 400, 700)
#   npm  @expo-google-fonts/noto-sans-sc@0.4.3   (Noto Sans SC 700, 900)
#   Debian fonts-lxgw-wenkai 1.250+repack-1      (LXGW WenKai Regular)
# Needs: npm, apt-get (with package lists: run apt-get update first), dpkg-deb, sha256sum.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
files="$here/files"
install=0
[[ "${1:-}" == "--install" ]] && install=1

npm_serif='@expo-google-fonts/noto-serif-sc@0.4.3'
npm_sans='@expo-google-fonts/noto-sans-sc@0.4.3'
deb_pkg='fonts-lxgw-wenkai'
deb_ver='1.250+repack-1'

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/out" "$tmp/npm" "$tmp/deb"

echo "npm pack $npm_serif $npm_sans" >&2
(cd "$tmp/npm" && npm pack --silent "$npm_serif" "$npm_sans" >/dev/null)
for tgz in "$tmp"/npm/*.tgz; do
	d="$tmp/npm/$(basename "$tgz" .tgz)"
	mkdir -p "$d"
	tar -xzf "$tgz" -C "$d"
done
serif="$tmp/npm/expo-google-fonts-noto-serif-sc-0.4.3/package"
sans="$tmp/npm/expo-google-fonts-noto-sans-sc-0.4.3/package"
cp "$serif/400Regular/NotoSerifSC_400Regular.ttf" "$tmp/out/NotoSerifSC-Regular.ttf"
cp "$serif/700Bold/NotoSerifSC_700Bold.ttf" "$tmp/out/NotoSerifSC-Bold.ttf"
cp "$sans/700Bold/NotoSansSC_700Bold.ttf" "$tmp/out/NotoSansSC-Bold.ttf"
cp "$sans/900Black/NotoSansSC_900Black.ttf" "$tmp/out/NotoSansSC-Black.ttf"

echo "apt-get download $deb_pkg=$deb_ver" >&2
(cd "$tmp/deb" && apt-get download -q "$deb_pkg=$deb_ver" >/dev/null)
deb="$(ls "$tmp"/deb/*.deb)"
got_ver="$(dpkg-deb -f "$deb" Version)"
if [[ "$got_ver" != "$deb_ver" ]]; then
	echo "fetch.sh: $deb_pkg is version $got_ver, want $deb_ver" >&2
	exit 1
fi
dpkg-deb -x "$deb" "$tmp/deb/root"
cp "$tmp/deb/root/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf" "$tmp/out/"

echo "verifying against $files/SHA256SUMS" >&2
(cd "$tmp/out" && sha256sum -c "$files/SHA256SUMS")

if ((install)); then
	cp "$tmp"/out/*.ttf "$files/"
	echo "installed into $files" >&2
fi
