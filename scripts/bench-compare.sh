#!/usr/bin/env bash
# Two versions of nanocity side by side: the command behind every speed claim in the README.
#
#   scripts/bench-compare.sh OLD NEW              the default workloads
#   scripts/bench-compare.sh OLD NEW 'ARGS' …     your own (nanocity arguments; {out} = a fresh folder)
#
# OLD and NEW are anything `git rev-parse` takes (a commit, a tag, HEAD~1) or `.` for the
# working tree as it is. Each is built in release in its own worktree under a temporary
# folder, and runs there (so `worlds/…` is that version's world file); then each workload runs OLD, NEW, OLD, NEW … (RUNS pairs, default 7), so a drift in
# the machine's speed hits both alike. Printed per workload: the median whole-process wall
# seconds of each, and the median of the per-pair ratios NEW/OLD (below 1: NEW is faster).
# Then the instructions each executes on one small run under callgrind (valgrind), a count
# that a busy machine does not move. Runs that write files write them under {out}; when both
# versions write a summary.csv or metrics.csv, the script says whether they are byte-identical
# (STRICT=1 makes a difference an error). PHASES=1 adds the metropolis tick phase by phase
# (`bench --phases`, RUNS rounds alternated, medians; PHASE_THREADS, default 2, and PHASE_TICKS,
# default 200). RUNS=1 QUICK=1 is a smoke test of the script itself.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,17p' "$0"; exit 2; }
old=$1 new=$2; shift 2
runs=${RUNS:-7}
export PATH="$PATH:/opt/swift/usr/bin"
tmp=$(mktemp -d); trap 'git worktree prune >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT

src() {  # src REV NAME → the version's source tree (its worlds are the ones it reads)
  local rev=$1 name=$2
  if [ "$rev" = . ]; then echo "$PWD"; return; fi
  git worktree add --detach "$tmp/src-$name" "$(git rev-parse --verify "$rev^{commit}")" >/dev/null 2>&1
  echo "$tmp/src-$name"
}
echo "building $old and $new (release)…" >&2
sa=$(src "$old" old) sb=$(src "$new" new)
swift build -c release --product nanocity --package-path "$sa" --build-path "$tmp/build-old" >&2
swift build -c release --product nanocity --package-path "$sb" --build-path "$tmp/build-new" >&2
a=$tmp/build-old/release/nanocity b=$tmp/build-new/release/nanocity
printf 'old\t%s\t%s\nnew\t%s\t%s\n' "$old" "$("$a" --version)" "$new" "$("$b" --version)"

if [ $# -gt 0 ]; then workloads=("$@")
elif [ -n "${QUICK:-}" ]; then
  workloads=("bench --ticks 200 --repeats 1" "run worlds/default.toml --ticks 200 --out {out} --quiet")
else
  workloads=(
    "bench worlds/metropolis.toml --ticks 50 --repeats 1"
    "bench worlds/megacity.toml --ticks 20 --repeats 1"
    "sweep worlds/default.toml --vary guards.count=0,8,16,24 --replicates 8 --ticks 1000 --jobs 2 --quiet --out {out}"
    "sweep worlds/default.toml --vary guards.count=0,8,16,24 --replicates 8 --ticks 1000 --jobs 1 --quiet --out {out}"
  )
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
once() {  # once BIN ARGS OUT → wall seconds of one whole process, run in the version's own tree
  local bin=$1 args=$2 out=$3 s e dir
  if [ "$bin" = "$a" ]; then dir=$sa; else dir=$sb; fi
  rm -rf "$out"
  s=$(date +%s.%N)
  # shellcheck disable=SC2086  # the workload is a list of words
  (cd "$dir" && exec "$bin" ${args//\{out\}/$out}) >/dev/null 2>"$tmp/err" || { echo "failed: $bin ${args//\{out\}/$out}" >&2; tail -5 "$tmp/err" >&2; exit 1; }
  e=$(date +%s.%N)
  awk "BEGIN { print $e - $s }"
}

printf '\nworkload\truns\told_s_median\tnew_s_median\tnew/old_median_of_pairs\toutputs\n'
differ=0
for w in "${workloads[@]}"; do
  : >"$tmp/ta"; : >"$tmp/tb"; : >"$tmp/r"
  once "$a" "$w" "$tmp/out-old" >/dev/null; once "$b" "$w" "$tmp/out-new" >/dev/null  # warm-up
  for _ in $(seq "$runs"); do
    ta=$(once "$a" "$w" "$tmp/out-old"); tb=$(once "$b" "$w" "$tmp/out-new")
    echo "$ta" >>"$tmp/ta"; echo "$tb" >>"$tmp/tb"; awk "BEGIN { print $tb / $ta }" >>"$tmp/r"
  done
  same=-
  for f in summary.csv metrics.csv; do
    if [ -f "$tmp/out-old/$f" ] && [ -f "$tmp/out-new/$f" ]; then
      if cmp -s "$tmp/out-old/$f" "$tmp/out-new/$f"; then same="$f identical"; else same="$f DIFFERS"; differ=1; fi
    fi
  done
  printf '%s\t%d\t%.3f\t%.3f\t%.3f\t%s\n' "$w" "$runs" "$(median <"$tmp/ta")" "$(median <"$tmp/tb")" "$(median <"$tmp/r")" "$same"
done

if [ -n "${PHASES:-}" ]; then
  # Where the change went, phase by phase: the metropolis bench with --phases, OLD and NEW
  # alternated RUNS times; medians of each phase's ms per tick and of the timed run's.
  pw="bench worlds/metropolis.toml --ticks ${PHASE_TICKS:-200} --repeats 1 --phases --threads ${PHASE_THREADS:-2}"
  phases() {  # phases BIN DIR → "phase<TAB>ms" lines, the timed run's as "tick (timed run)"
    # shellcheck disable=SC2086
    (cd "$2" && exec "$1" $pw) | awk -F'\t' '$1 == "metropolis" && NF > 6 { print "tick (timed run)\t" $6 }
                                            NF == 3 && $2 ~ /^[0-9.]+$/ { print $1 "\t" $2 }'
  }
  : >"$tmp/pa"; : >"$tmp/pb"
  for _ in $(seq "$runs"); do phases "$a" "$sa" >>"$tmp/pa"; phases "$b" "$sb" >>"$tmp/pb"; done
  printf '\nphase (%s, %d rounds)\told_ms_per_tick_median\tnew_ms_per_tick_median\tnew/old\n' "$pw" "$runs"
  cut -f1 "$tmp/pa" | awk '!seen[$0]++' | while IFS= read -r ph; do
    ma=$(awk -F'\t' -v p="$ph" '$1 == p { print $2 }' "$tmp/pa" | median)
    mb=$(awk -F'\t' -v p="$ph" '$1 == p { print $2 }' "$tmp/pb" | median)
    printf '%s\t%.3f\t%.3f\t%s\n' "$ph" "$ma" "$mb" "$(awk "BEGIN { if ($ma > 0) printf \"%.2f\", $mb / $ma; else print \"-\" }")"
  done
fi

if command -v valgrind >/dev/null; then
  ci="bench --ticks ${CALLGRIND_TICKS:-100} --repeats 1 --threads 1"
  # valgrind's DWARF reader gives up on the debug info of a binary this size ("possibly
  # corrupted debuginfo"), so it counts a copy without it: the same machine code.
  ir() {  # ir BIN NAME → instructions; valgrind's messages in $tmp/cg-NAME.log
         objcopy --strip-debug "$1" "$tmp/cg.bin"
         valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$tmp/cg.bin" $ci 2>"$tmp/cg-$2.log" >/dev/null || true
         awk '/Collected :/ { print $NF }' "$tmp/cg-$2.log"; }
  ia=$(ir "$a" old); ib=$(ir "$b" new)
  for v in old new; do
    grep -q "Collected :" "$tmp/cg-$v.log" || { echo "callgrind counted nothing for $v; valgrind said:" >&2; tail -8 "$tmp/cg-$v.log" >&2; exit 1; }
  done
  printf '\ninstructions (callgrind, %s, default world)\told\tnew\tnew/old\n' "$ci"
  printf 'Ir\t%s\t%s\t%.4f\n' "$ia" "$ib" "$(awk "BEGIN { print $ib / $ia }")"
else
  echo "(valgrind not installed: no instruction counts)"
fi
if [ "$differ" = 1 ]; then
  echo "outputs differ between the two versions (expected only for a declared new model version)"
  [ -z "${STRICT:-}" ] || exit 1
fi
