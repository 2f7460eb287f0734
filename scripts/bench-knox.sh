#!/usr/bin/env bash
# The Knox benchmark of docs/patterns.md: 100,000 incidents (half uniform over 10 km × 10 km,
# half around 50 hot spots, sd 200 m; one year), 99 permutations, default bands (100 m × 3,
# 7 days × 4), all grid statistics with 999 permutations, on every core.
# Usage: scripts/bench-knox.sh [nanocity binary]   (prints the wall time of the whole command)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/nanocity}
data=${TMPDIR:-/tmp}/nanocity-knox-bench.csv
python3 - "$data" <<'PY'
import sys, numpy as np
rng = np.random.Generator(np.random.PCG64(1))
n = 100_000
u = rng.uniform(0, 10_000, size=(n // 2, 2))
centres = rng.uniform(500, 9_500, size=(50, 2))
h = centres[rng.integers(50, size=n - n // 2)] + rng.normal(0, 200, size=(n - n // 2, 2))
xy = np.clip(np.vstack([u, h]), 0, 10_000)
days = rng.integers(0, 365, size=n)
with open(sys.argv[1], "w") as f:
    f.write("x,y,day\n")
    for (x, y), d in zip(xy, days):
        f.write(f"{x:.1f},{y:.1f},{d}\n")
PY
start=$(date +%s.%N)
"$bin" patterns --events "$data" --x x --y y --time day --time-format days --grid 100 \
  --iterations 99 --out "${TMPDIR:-/tmp}/nanocity-knox-bench" > /dev/null 2>&1
end=$(date +%s.%N)
python3 -c "import sys; print(f'100,000 incidents, 99 Knox permutations + grid statistics: {float(sys.argv[2]) - float(sys.argv[1]):.2f} s')" "$start" "$end"
