#!/usr/bin/env bash
# The law of crime concentration on the Short et al. (2008) model: with the paper's
# stable-hotspot set (c) (η = 0.03) half of the burglaries of the second half of a 20,000-tick
# run fall on a share of cells inside Weisburd's (2015) 2.1–6.0% band; with the no-hotspot set
# (a) (η = 0.2) on far more. Usage: scripts/short2008-patterns.sh [nanocity binary]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${NANOCITY_BIN:-${1:-.build/release/nanocity}}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
check() {  # name eta low high
  "$bin" run worlds/short2008.toml --set crime.eta="$2" --out "$out/$1" --quiet > /dev/null
  "$bin" patterns "$out/$1" --kind burglary --from-tick 10000 --space-bands 10:2 --time-bands 1:2 \
    --iterations 19 --permutations 0 > "$out/$1.txt" 2>&1
  share=$(awk -F, '$1 == "concentration_50" { print $2 }' "$out/$1/patterns/outcomes.csv")
  python3 -c "
import sys
s, lo, hi = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f'  set $1 (eta = $2): 50% of burglaries at {100 * s:.2f}% of cells (expected {100 * lo:.1f}–{100 * hi:.1f}%)')
sys.exit(0 if lo <= s <= hi else 1)" "$share" "$3" "$4"
}
check c 0.03 0.021 0.060
check a 0.2 0.10 1.0
echo "short2008 concentration check passed"
