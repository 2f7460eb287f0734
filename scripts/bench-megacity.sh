#!/usr/bin/env bash
# Megacity figures for the README: start-up time, ticks per second on --threads 1 and
# --threads 2 (alternated, ROUNDS times; medians, since a shared machine is noisy), peak memory
# (max RSS), and a check that both thread counts wrote byte-identical metrics. Writes only
# under a temporary directory. TICKS (default 40) and ROUNDS (default 3) may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NANOCITY_BIN:-}
if [ -z "$bin" ]; then swift build -c release --product nanocity >/dev/null; bin="$(swift build -c release --show-bin-path)/nanocity"; fi
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
ticks=${TICKS:-40}; rounds=${ROUNDS:-3}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# Prints "seconds peak_KiB" of one run.
run() { /usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" run worlds/megacity.toml --no-events --quiet --force "$@" >/dev/null; cat "$tmp/time"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: > "$tmp/start"; : > "$tmp/t1"; : > "$tmp/t2"; : > "$tmp/peak"
for _ in $(seq "$rounds"); do
  run --ticks 0 --out "$tmp/s" | awk '{ print $1 }' >> "$tmp/start"
  for t in 1 2; do
    read -r secs peak < <(run --ticks "$ticks" --threads "$t" --out "$tmp/r$t")
    echo "$secs" >> "$tmp/t$t"; echo "$peak" >> "$tmp/peak"
  done
  cmp -s "$tmp/r1/metrics.csv" "$tmp/r2/metrics.csv" || { echo "threads 1 and threads 2 metrics differ"; exit 1; }
done
start=$(median < "$tmp/start")
printf 'megacity (4096², 1,000,000 agents), %d ticks, %d rounds, medians\n' "$ticks" "$rounds"
printf 'start-up (--ticks 0)\t%.2f s\n' "$start"
for t in 1 2; do
  total=$(median < "$tmp/t$t")
  printf 'threads %d\t%.2f s in all\t%.3f s per tick\t%.2f ticks/s\n' "$t" "$total" \
    "$(awk "BEGIN { print ($total - $start) / $ticks }")" "$(awk "BEGIN { print $ticks / ($total - $start) }")"
done
printf 'peak memory (max RSS), largest run\t%d KiB (%.2f GB)\n' "$(sort -g "$tmp/peak" | tail -1)" \
  "$(awk "BEGIN { print $(sort -g "$tmp/peak" | tail -1) * 1024 / 1e9 }")"
