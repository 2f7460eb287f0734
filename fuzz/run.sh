#!/usr/bin/env bash
# Fuzz NanoCity's readers of untrusted input with libFuzzer (+ AddressSanitizer).
#
#   bash fuzz/run.sh TARGET SECONDS [libFuzzer flags…]   one target
#   bash fuzz/run.sh all SECONDS                           every target, one after another
#
# Targets: fuzz-toml (TOML parser), fuzz-world (world files), fuzz-set (--set), fuzz-plan
# (sweep plans and arms files), fuzz-design (design CSV), fuzz-ascii-map, fuzz-png-map,
# fuzz-checkpoint (edits to a real checkpoint's payload, resealed past its checksum).
# Corpora grow in output/fuzz/TARGET/corpus (seeded from worlds/, examples/ and toml-test);
# anything that crashes, goes past 4 GB or takes over 10 s is saved in output/fuzz/TARGET/
# and fails the run (exit 1). Leak checks are off: Foundation itself leaks a buffer when it
# reads an empty file.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/opt/swift/usr/bin"
[ $# -ge 2 ] || { sed -n '2,13p' "$0"; exit 2; }
target=$1; seconds=$2; shift 2
all=(fuzz-toml fuzz-world fuzz-set fuzz-plan fuzz-design fuzz-ascii-map fuzz-png-map fuzz-checkpoint)

# lld: gold cannot link libFuzzer's archive next to SwiftPM's own `main`.
flags=(-c release --package-path fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
swift build "${flags[@]}" >&2
bin=$(swift build "${flags[@]}" --show-bin-path)

seed() {  # seed TARGET DIR
  local t=$1 dir=$2 suite=../shared/toml-test/tests/valid
  case $t in
    fuzz-toml|fuzz-world|fuzz-plan)
      cp worlds/*.toml examples/*.toml "$dir"/
      printf 'ticks = 50\nreplicates = 2\n[vary]\n"guards.count" = [2, 4]\n' > "$dir/plan.toml"
      # `|| true`: head closing the pipe early must not stop the script (pipefail).
      if [ -d "$suite" ]; then
        find "$suite" -name '*.toml' | head -300 | while read -r f; do cp "$f" "$dir/suite-$(echo "$f" | md5sum | cut -c1-12).toml"; done || true
      fi ;;
    fuzz-set)
      printf 'guards.count=6\nsensors.density=0.1\nmap.kind=ascii\nname=x\n' > "$dir/set.txt" ;;
    fuzz-design)
      printf '# guards.count,sensors.density\n6,0.1\n12,0.2\n' > "$dir/design.csv"
      printf 'toxicity.diffusion,heist.tick\r\n0.2,300\r\n' > "$dir/design-crlf.csv" ;;
    fuzz-ascii-map)
      cp worlds/harbour.txt "$dir"/ ;;
    fuzz-png-map)
      cp worlds/*.png "$dir"/ ;;
    fuzz-checkpoint)
      : > "$dir/no-edit" ;;
  esac
}

run() {  # run TARGET SECONDS [flags]
  local t=$1 s=$2; shift 2
  local work=output/fuzz/$t
  mkdir -p "$work/corpus" "$work/artifacts"
  [ -n "$(ls -A "$work/corpus")" ] || seed "$t" "$work/corpus"
  local max_len=65536
  [ "$t" = fuzz-png-map ] && max_len=262144
  echo "== $t for $s s" >&2
  ASAN_OPTIONS=detect_leaks=0 "$bin/$t" "$work/corpus" -max_total_time="$s" -timeout=10 -rss_limit_mb=4096 -max_len=$max_len \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" "$@" 2> "$work/last.log" || {
      tail -40 "$work/last.log" >&2; echo "== $t: FOUND A PROBLEM (see $work/artifacts)" >&2; return 1; }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/last.log" | sed "s/^/$t /" >&2
}

if [ "$target" = all ]; then
  for t in "${all[@]}"; do run "$t" "$seconds" "$@"; done
else
  run "$target" "$seconds" "$@"
fi
