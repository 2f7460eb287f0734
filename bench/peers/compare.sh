#!/usr/bin/env bash
# Runs the peers' reference workload (PEERS-WORKLOAD.md) on NanoCity's engine, NumPy and Mesa
# side by side on this machine, both sizes, and prints medians and ratios (README "Performance").
#   bash bench/peers/compare.sh            # 3 runs of each (Mesa's large case takes minutes)
#   bash bench/peers/compare.sh --quick    # 1 run of each
# Needs: Swift (builds bench/ in release), python3 with numpy, and a Python ≥ 3.12 with
# mesa==3.5.1 and networkx (set MESA_PYTHON; default: pyenv's 3.12 if present). Missing pieces
# are installed into that Python with pip when possible, else skipped with a note.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=3
[ "${1:-}" = "--quick" ] && repeats=1
export PATH="$PATH:/opt/swift/usr/bin"

swift build -c release --product peers-workload >/dev/null
nano=$(swift build -c release --show-bin-path)/peers-workload
# The same engine compiled for this CPU, as the C reference is (-march=native).
native_dir=.build-native
swift build -c release --product peers-workload --scratch-path "$native_dir" -Xswiftc -target-cpu -Xswiftc native >/dev/null
nano_native=$native_dir/release/peers-workload
py=${NUMPY_PYTHON:-python3}
mesa_py=${MESA_PYTHON:-}
if [ -z "$mesa_py" ]; then
  for c in "$HOME"/.pyenv/versions/3.12*/bin/python python3.12 python3.13; do
    if command -v "$c" >/dev/null 2>&1; then mesa_py=$c; break; fi
  done
fi
$py -c "import numpy" 2>/dev/null || $py -m pip install -q numpy >/dev/null 2>&1 || true
if [ -n "$mesa_py" ] && ! $mesa_py -c "import mesa, networkx" 2>/dev/null; then
  $mesa_py -m pip install -q "mesa==3.5.1" networkx numpy >/dev/null 2>&1 || true
fi

results=$(mktemp)
run() {  # name, command…
  local name=$1; shift
  for _ in $(seq "$repeats"); do
    if out=$("$@" 2>/dev/null); then echo "$out" | sed "s/^/$name /" >> "$results"; else echo "$name failed=1" >> "$results"; fi
  done
}
cc_ok=0
if command -v cc >/dev/null 2>&1 && cc -O3 -march=native -o "$results.cdiff" peers/diffusion.c 2>/dev/null; then cc_ok=1; fi
for size in "200 200 2000 200 1" "500 500 20000 100 1"; do
  set -- $size
  run "nanocity:$1" "$nano" "$@"
  if $py -c "import numpy" 2>/dev/null; then run "numpy:$1" $py peers/numpy_city.py "$@"; fi
  if [ -n "$mesa_py" ] && $mesa_py -c "import mesa, networkx" 2>/dev/null; then run "mesa:$1" $mesa_py peers/mesa_city.py "$@"; fi
done
for n in 512 2048; do
  steps=$(( n == 512 ? 200 : 20 ))
  run "diffusion:$n" "$nano" diffusion "$n" "$n" "$steps"
  run "ndiffusion:$n" "$nano_native" diffusion "$n" "$n" "$steps"
  [ "$cc_ok" = 1 ] && run "cdiffusion:$n" "$results.cdiff" "$n" "$n" "$steps"
done
python3 - "$results" "$repeats" <<'PY'
import collections, statistics, sys
vals = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, _, kv = line.strip().partition(" ")
    for item in kv.split():
        k, _, v = item.partition("=")
        try: vals[(name, k)].append(float(v))
        except ValueError: pass
med = lambda n, k: statistics.median(vals[(n, k)]) if vals[(n, k)] else None
print(f"peers' reference workload, median of {sys.argv[2]} run(s) each, single thread, this machine\n")
print(f"{'implementation':<12} {'grid':>6} {'agents':>7} {'agent-steps/s':>14} {'agent phase s':>14} {'field phase s':>14} {'toxicity':>10} {'waste':>10}")
for size, agents in ((200, 2000), (500, 20000)):
    for impl in ("nanocity", "numpy", "mesa"):
        n = f"{impl}:{size}"
        if med(n, "agent_steps_per_s") is None: print(f"{impl:<12} {size:>5}² {'(not run)':>7}"); continue
        print(f"{impl:<12} {size:>5}² {agents:>7} {med(n,'agent_steps_per_s'):>14.3g} {med(n,'agent_phase_s'):>14.4f} "
              f"{med(n,'field_phase_s'):>14.4f} {med(n,'toxicity_total'):>10.1f} {med(n,'waste_total'):>10.0f}")
    base = med(f"nanocity:{size}", "agent_steps_per_s")
    for impl in ("numpy", "mesa"):
        other = med(f"{impl}:{size}", "agent_steps_per_s")
        if base and other: print(f"  NanoCity / {impl} at {size}²: {base / other:.1f}×")
print()
for n in (512, 2048):
    a, c = med(f"diffusion:{n}", "nanocity_diffusion_ns_per_cell"), med(f"cdiffusion:{n}", "c_diffusion_ns_per_cell")
    b = med(f"ndiffusion:{n}", "nanocity_diffusion_ns_per_cell")
    if a: print(f"diffusion + decay at {n}²: NanoCity {a:.3f} ns/cell (portable build)" + (f", {b:.3f} (-target-cpu native)" if b else "")
                + (f"; C -O3 -march=native {c:.3f}: {a / c:.2f}× C portable" + (f", {b / c:.2f}× C native" if b else "") if c else ""))
print("\nexpected totals at 200² (PEERS-WORKLOAD.md): toxicity ≈ 2,165 (analytic), waste ≈ 30,000")
PY
rm -f "$results" "$results.cdiff"
