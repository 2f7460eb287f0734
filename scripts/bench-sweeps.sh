#!/usr/bin/env bash
# Sweep benchmarks for the README: runs/s of a 64-run sweep of worlds/default.toml at --jobs 1
# and --jobs 2, and peak memory (max RSS) of 100- and 1,000-run sweeps, which should not grow
# with the number of runs. Prints a small table; writes only under a temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NANOCITY_BIN:-}
if [ -z "$bin" ]; then swift build -c release --product nanocity >/dev/null; bin="$(swift build -c release --show-bin-path)/nanocity"; fi
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sweep() { "$bin" sweep worlds/default.toml --vary guards.count=0,4,8,12,16,20,24,28 --quiet "$@"; }

calc() { awk "BEGIN { print $1 }"; }
t() { local s e; s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N); calc "$e - $s"; }
j1=$(t sweep --replicates 8 --ticks 500 --jobs 1 --out "$tmp/j1")
j2=$(t sweep --replicates 8 --ticks 500 --jobs 2 --out "$tmp/j2")
cmp -s "$tmp/j1/summary.csv" "$tmp/j2/summary.csv" || { echo "jobs 1 and jobs 2 summaries differ"; exit 1; }
printf 'sweep\truns\tjobs\tseconds\truns_per_s\n'
printf '64 runs x 500 ticks\t64\t1\t%.2f\t%.1f\n' "$j1" "$(calc "64 / $j1")"
printf '64 runs x 500 ticks\t64\t2\t%.2f\t%.1f\n' "$j2" "$(calc "64 / $j2")"
printf 'speed-up jobs 2 / jobs 1\t%.2f\n' "$(calc "$j1 / $j2")"
for n in 100 1000; do
  reps=$((n / 8))
  rss=$( { /usr/bin/time -f '%M' "$bin" sweep worlds/default.toml --vary guards.count=0,4,8,12,16,20,24,28 \
           --replicates $reps --ticks 100 --jobs 2 --quiet --out "$tmp/m$n" >/dev/null; } 2>&1 | tail -1)
  printf 'peak memory, %d runs x 100 ticks, jobs 2\t%d KiB\n' "$((reps * 8))" "$rss"
done
