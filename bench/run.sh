#!/usr/bin/env bash
# Side-by-side benchmark: Broadsheet and Typst, whole process, in one run.
#
#   bench/run.sh            # RUNS=5 by default; prints a Markdown table
#
# For each case it runs the command RUNS times and reports the median wall
# time and the median peak resident memory (/usr/bin/time's %M):
#   - broadsheet render on the one-page and four-page samples, on the
#     one-page sample repeated to 8 pages, and on the four-page sample
#     repeated to 100 and 400 pages (bench/genedition);
#   - Typst on bench/local-news.typ (the one-page sample's text, fonts, page
#     size and columns; bench/typstsrc writes it) and on it 8 times over,
#     through @myriaddreamin/typst-ts-node-compiler driven by bench/typst.mjs.
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
trap 'rm -rf "$work"' EXIT

for tool in node npm go /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: needs $tool" >&2; exit 1; }
done
if [ ! -d "$cache/node_modules/@myriaddreamin/typst-ts-node-compiler" ]; then
  mkdir -p "$cache"
  npm install --prefix "$cache" --no-audit --no-fund --silent "$typst_pkg" >&2
fi
export NODE_PATH=$cache/node_modules

go build -o "$work/broadsheet" ./cmd/broadsheet
go run ./bench/genedition editions/samples/local-news.yaml 8 "$work/one-x8.yaml"
go run ./bench/genedition editions/samples/four-pages.yaml 100 "$work/e100.yaml"
go run ./bench/genedition editions/samples/four-pages.yaml 400 "$work/e400.yaml"
# Typst, 8 pages: the one-page source 8 times, a page each.
{
  for i in 1 2 3 4 5 6 7 8; do
    [ "$i" -gt 1 ] && echo '#pagebreak()'
    echo '#include "local-news.typ"'
  done
} >bench/.local-news-x8.typ
trap 'rm -rf "$work" bench/.local-news-x8.typ' EXIT

# measure NAME OUT CMD...: runs CMD $runs times; prints "NAME ms kB bytes"
# with the medians of wall time and peak memory, and the size of OUT.
measure() {
  local name=$1 out=$2
  shift 2
  local ms=() kb=()
  for _ in $(seq "$runs"); do
    rm -f "$out"
    local t0 t1
    t0=$(date +%s%N)
    /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>"$work/err" || {
      echo "bench/run.sh: $name failed:" >&2
      cat "$work/err" >&2
      exit 1
    }
    t1=$(date +%s%N)
    ms+=($(((t1 - t0) / 1000000)))
    kb+=($(tail -1 "$work/rss"))
  done
  local mid=$(((runs + 1) / 2))
  echo "$name $(printf '%s\n' "${ms[@]}" | sort -n | sed -n "${mid}p") $(printf '%s\n' "${kb[@]}" | sort -n | sed -n "${mid}p") $(stat -c %s "$out")"
}

bs=$work/broadsheet
{
  measure bs-1 "$work/1.pdf" "$bs" render editions/samples/local-news.yaml -o "$work/1.pdf"
  measure typst-1 "$work/t1.pdf" node bench/typst.mjs bench/local-news.typ fonts/files "$work/t1.pdf"
  measure bs-8 "$work/8.pdf" "$bs" render "$work/one-x8.yaml" -o "$work/8.pdf"
  measure typst-8 "$work/t8.pdf" node bench/typst.mjs bench/.local-news-x8.typ fonts/files "$work/t8.pdf"
  measure bs-4 "$work/4.pdf" "$bs" render editions/samples/four-pages.yaml -o "$work/4.pdf"
  measure bs-100 "$work/100.pdf" "$bs" render "$work/e100.yaml" -o "$work/100.pdf"
  measure bs-400 "$work/400.pdf" "$bs" render "$work/e400.yaml" -o "$work/400.pdf"
} >"$work/results"

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
    row("four-page sample", 4, "bs-4", "")
    row("four-page sample ×25", 100, "bs-100", "")
    row("four-page sample ×100", 400, "bs-400", "")
  }' "$work/results"
