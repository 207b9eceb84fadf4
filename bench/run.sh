#!/usr/bin/env bash
# Side-by-side benchmark: Broadsheet and Typst, whole process, in one run.
#
#   bench/run.sh            # RUNS=5 by default; prints a Markdown table
#
# It runs RUNS rounds of every case (Broadsheet and Typst side by side in
# each round) and reports the median wall time and the median peak
# resident memory (the child's ru_maxrss, through bench/timeone) of each case:
#   - broadsheet render on the one-page and four-page samples, on the
#     one-page sample repeated to 8 pages (as they are, and "varied": each
#     page's paragraphs with their sentences in an order of their own), and
#     on the four-page sample repeated to 100 and 400 pages (bench/genpages),
#     and the one-page and varied eight pages again with --photos optimize
#     (compared with the same Typst runs);
#   - Typst on bench/local-news.typ (the one-page sample's text, fonts, page
#     size and columns; bench/typstsrc writes it), on it 8 times over, and
#     on the varied 8 pages (bench/typstsrc again), through
#     @myriaddreamin/typst-ts-node-compiler driven by bench/typst.mjs.
# Typst is installed with npm into $BENCH_CACHE (default
# ~/.cache/broadsheet-bench) on first use. Not for CI: it downloads a
# compiler and takes minutes.
set -euo pipefail
if [ -n "${CI:-}" ]; then
  echo "bench/run.sh: not run in CI" >&2
  exit 0
fi
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
cache=${BENCH_CACHE:-$HOME/.cache/broadsheet-bench}
typst_pkg=@myriaddreamin/typst-ts-node-compiler@0.7.0
work=$(mktemp -d)
trap 'rm -rf "$work" bench/.local-news-x8.typ bench/.local-news-x8v.typ' EXIT

for tool in node npm go; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: needs $tool" >&2; exit 1; }
done
if [ ! -d "$cache/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "$typst_pkg" >&2
fi
export NODE_PATH=$cache/node_modules

# Built as it ships (README, Installing; the Dockerfile): static, without
# cgo, which the net package would otherwise pull in for the watch server;
# the cgo build starts 7-9 ms slower (dynamic loader, libc threads). And
# installed as README, Installing, says: copied in one large write, which
# the kernel caches in 2 MiB folios, so that every run maps the code and
# the embedded fonts 2 MiB at a time. A binary the linker has just written
# stays cached in 4 KiB pages: the one-page sample then takes 7 to 10 ms
# more (README, How good, how fast).
CGO_ENABLED=0 go build -o "$work/broadsheet.build" ./cmd/broadsheet
dd if="$work/broadsheet.build" of="$work/broadsheet" bs=256M status=none
chmod +x "$work/broadsheet"
go build -o "$work/timeone" ./bench/timeone
go run ./bench/genpages -sample editions/samples/local-news.yaml -pages 8 -o "$work/one-x8.yaml"
# The same eight pages with the sentences of each page's paragraphs in an
# order of their own (edgen.Options.Vary), for both: no page repeats
# another, so neither side can reuse a paragraph it set before.
go run ./bench/genpages -sample editions/samples/local-news.yaml -pages 8 -vary -o "$work/one-x8v.yaml"
go run ./bench/typstsrc -allow-path editions/samples "$work/one-x8v.yaml" bench >bench/.local-news-x8v.typ
go run ./bench/genpages -pages 100 -o "$work/e100.yaml"
go run ./bench/genpages -pages 400 -o "$work/e400.yaml"
# Typst, 8 pages: the one-page source 8 times, a page each (and Broadsheet
# the one-page sample 8 times over, bench/genpages, the same content).
{
  for i in 1 2 3 4 5 6 7 8; do
    [ "$i" -gt 1 ] && echo '#pagebreak()'
    echo '#include "local-news.typ"'
  done
} >bench/.local-news-x8.typ

# once NAME OUT CMD...: runs CMD once and appends "ms kB bytes" to
# $work/NAME. bench/timeone starts the clock just before CMD starts and
# stops it once CMD is waited for, and reads CMD's own peak memory from
# wait4: the harness's start is outside the measurement (/usr/bin/time,
# used before, put 4 to 6 ms of its own start and exit inside each one,
# both sides', and bash's date(1) before that 2 to 4 ms).
once() {
  local name=$1 out=$2
  shift 2
  rm -f "$out"
  local m
  m=$("$work/timeone" -stderr "$work/err" -- "$@") || {
    echo "bench/run.sh: $name failed:" >&2
    cat "$work/err" >&2
    exit 1
  }
  echo "$m $(stat -c %s "$out")" >>"$work/$name"
}

# Rounds: each runs every case once, Broadsheet and Typst next to each
# other, so that a change in the machine's load reaches both sides alike.
bs=$work/broadsheet
# Warm-up, not counted: the binaries and fonts into the page cache.
"$bs" render editions/samples/local-news.yaml -o "$work/1.pdf" >/dev/null 2>&1
node bench/typst.mjs bench/local-news.typ fonts/files "$work/t1.pdf" >/dev/null 2>&1
for _ in $(seq "$runs"); do
  once bs-1 "$work/1.pdf" "$bs" render editions/samples/local-news.yaml -o "$work/1.pdf"
  once typst-1 "$work/t1.pdf" node bench/typst.mjs bench/local-news.typ fonts/files "$work/t1.pdf"
  once bs-8 "$work/8.pdf" "$bs" render "$work/one-x8.yaml" --allow-path editions/samples -o "$work/8.pdf"
  once typst-8 "$work/t8.pdf" node bench/typst.mjs bench/.local-news-x8.typ fonts/files "$work/t8.pdf"
  once bs-8v "$work/8v.pdf" "$bs" render "$work/one-x8v.yaml" --allow-path editions/samples -o "$work/8v.pdf"
  once bs-1o "$work/1o.pdf" "$bs" render editions/samples/local-news.yaml --photos optimize -o "$work/1o.pdf"
  once bs-8vo "$work/8vo.pdf" "$bs" render "$work/one-x8v.yaml" --photos optimize --allow-path editions/samples -o "$work/8vo.pdf"
  once typst-8v "$work/t8v.pdf" node bench/typst.mjs bench/.local-news-x8v.typ fonts/files "$work/t8v.pdf"
  once bs-4 "$work/4.pdf" "$bs" render editions/samples/four-pages.yaml -o "$work/4.pdf"
  once bs-100 "$work/100.pdf" "$bs" render "$work/e100.yaml" --allow-path editions/samples -o "$work/100.pdf"
  once bs-400 "$work/400.pdf" "$bs" render "$work/e400.yaml" --allow-path editions/samples -o "$work/400.pdf"
done
mid=$(((runs + 1) / 2))
for name in bs-1 typst-1 bs-8 typst-8 bs-8v typst-8v bs-1o bs-8vo bs-4 bs-100 bs-400; do
  echo "$name $(cut -d' ' -f1 "$work/$name" | sort -n | sed -n "${mid}p") $(cut -d' ' -f2 "$work/$name" | sort -n | sed -n "${mid}p") $(tail -1 "$work/$name" | cut -d' ' -f3)"
done >"$work/results"

awk -v runs="$runs" -v cores="$(nproc)" '
  { ms[$1] = $2; kb[$1] = $3; size[$1] = $4 }
  function row(label, pages, b, t) {
    printf "| %s | %d | %d ms | %.0f MB | %.0f kB |", label, pages, ms[b], kb[b] / 1024, size[b] / 1024
    if (t != "")
      printf " %d ms | %.0f MB | %.0f kB | %.1f× |\n", ms[t], kb[t] / 1024, size[t] / 1024, ms[t] / ms[b]
    else
      printf " – | – | – | – |\n"
  }
  END {
    printf "Median of %d runs, whole process, %d cores.\n\n", runs, cores
    print "| edition | pages | Broadsheet | peak RSS | PDF | Typst | peak RSS | PDF | Typst ÷ Broadsheet |"
    print "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    row("one-page sample", 1, "bs-1", "typst-1")
    row("one-page sample ×8", 8, "bs-8", "typst-8")
    row("one-page sample ×8, varied", 8, "bs-8v", "typst-8v")
    row("one-page sample, `--photos optimize`", 1, "bs-1o", "typst-1")
    row("×8, varied, `--photos optimize`", 8, "bs-8vo", "typst-8v")
    row("four-page sample", 4, "bs-4", "")
    row("four-page sample ×25", 100, "bs-100", "")
    row("four-page sample ×100", 400, "bs-400", "")
    printf "\nPeak memory of 400 pages ÷ 8 pages (issue 12: at most 2×): %.2f×.\n", kb["bs-400"] / kb["bs-8"]
  }' "$work/results"
