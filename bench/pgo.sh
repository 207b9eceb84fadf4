#!/usr/bin/env bash
# Makes cmd/broadsheet/default.pgo, the CPU profile that `go build` and
# `go run` optimise the program with (profile-guided optimisation: Go
# inlines and lays out the hot paths it names; the output does not depend
# on it). Run it again when the hot paths change:
#
#   bench/pgo.sh      # a minute or two; then commit cmd/broadsheet/default.pgo
#
# The profile is what archive teams and layout editors run: batch -j 2 over
# 40 one-page editions (photos of their own, and shared), and render of the
# one-page and four-page samples and of eight varied pages, each with
# BROADSHEET_CPUPROFILE, merged by `go tool pprof -proto`. The program that
# is profiled is built without a profile (-pgo=off).
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

CGO_ENABLED=0 go build -pgo=off -o "$work/broadsheet" ./cmd/broadsheet
go run ./archive/archivegen/genarchive -n 40 -one-page -o "$work/own" >/dev/null
go run ./archive/archivegen/genarchive -n 40 -one-page -shared-photos -o "$work/shared" >/dev/null
go run ./bench/genpages -sample editions/samples/local-news.yaml -pages 8 -vary -o "$work/x8.yaml"

n=0
profile() {
  n=$((n + 1))
  # Warnings (the varied pages have loose lines) are not the profile's
  # business; a failure is.
  BROADSHEET_CPUPROFILE="$work/$n.prof" "$work/broadsheet" "$@" >/dev/null 2>"$work/stderr" ||
    { cat "$work/stderr" >&2; exit 1; }
}
for round in 1 2 3; do
  rm -rf "$work/out"
  profile batch "$work/own" -o "$work/out" --force -q -j 2
  profile batch "$work/shared" -o "$work/out" --force -q -j 2
  for i in $(seq 8); do
    profile render editions/samples/local-news.yaml -o "$work/one.pdf"
    profile render editions/samples/four-pages.yaml -o "$work/four.pdf"
    profile render "$work/x8.yaml" --allow-path editions/samples -o "$work/x8.pdf"
  done
done
go tool pprof -proto "$work"/*.prof > "$work/default.pgo" 2>/dev/null
mv "$work/default.pgo" cmd/broadsheet/default.pgo
echo "bench/pgo.sh: cmd/broadsheet/default.pgo from $n runs ($(wc -c < cmd/broadsheet/default.pgo) bytes)" >&2
