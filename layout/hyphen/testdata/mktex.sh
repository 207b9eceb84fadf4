#!/usr/bin/env bash
# mktex.sh remakes tex-hyphenation.txt: every word of words.txt as Plain
# TeX hyphenates it with hyphen.tex and, read after it, ushyphex.tex
# (\lefthyphenmin 2, \righthyphenmin 3, \uchyph 1), by \showhyphens.
# Needs TeX: apt-get install --no-install-recommends texlive-base texlive-binaries
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
{
	echo '\input ushyphex'
	echo '\batchmode'
	while read -r w; do echo "\\showhyphens{$w}"; done <"$here/words.txt"
	echo '\end'
} >"$tmp/words.tex"
(cd "$tmp" && max_print_line=10000 tex words.tex >/dev/null 2>&1 || true)
grep '^\[\] \\tenrm' "$tmp/words.log" | sed 's/^\[\] \\tenrm //; s/ *$//' >"$tmp/out.txt"
if [[ $(wc -l <"$tmp/out.txt") -ne $(wc -l <"$here/words.txt") ]]; then
	echo "mktex.sh: TeX showed $(wc -l <"$tmp/out.txt") words of $(wc -l <"$here/words.txt")" >&2
	exit 1
fi
{
	echo "# $(tex --version | head -1): Plain TeX, hyphen.tex, \\input ushyphex; made by mktex.sh"
	paste "$here/words.txt" "$tmp/out.txt"
} >"$here/tex-hyphenation.txt"
