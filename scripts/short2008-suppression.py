#!/usr/bin/env python3
"""Hotspot suppression in the Short et al. (2008) model: the displacement result of Short,
Brantingham, Bertozzi & Tita (2010, PNAS 107:3961–3965) on NanoCity's zones.

For each seed: the stable-hotspot set (c) (η = 0.03) runs 10,000 ticks; the strongest hotspot
then (the largest 5×5 mean of the attractiveness field) gets a disk zone of radius 5 with an
8-cell buffer; the same world and seed are run twice more, with the zone declared, one of them
with `zones.hotspot.burglary_suppression = 1` from tick 10,001 (a schedule entry). Zones are
inert until a lever is set, so both runs are the first run until the suppression starts, and
the pair after it is a common-random-numbers comparison.

Checks, over ticks 10,001–20,000 and the seeds' paired ratios:
- the city-wide burglary count is unchanged (the conservation law: every burglar that
  spawns leaves only by burgling, so the city-wide rate is Γ per cell whatever A does):
  the mean ratio suppressed/baseline lies within 3% of 1 and its 95% CI covers 1;
- burglary inside the disk stops (s = 1 leaves none there);
- and where they went: the buffer's and the rest's counts, printed (PNAS: a supercritical
  hotspot is displaced, re-forming nearby).

Usage: scripts/short2008-suppression.py [nanocity binary] [seeds]
"""
import csv, os, subprocess, sys, tempfile
import numpy as np
from scipy import stats

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nanocity"
seeds = int(sys.argv[2]) if len(sys.argv) > 2 else 8
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base_world = open(os.path.join(root, "worlds/short2008.toml")).read()
tmp = tempfile.mkdtemp(prefix="nanocity-suppression-")
T, FORK, R, BUFFER = 20000, 10000, 5, 8

def run(world_text, seed, name, extra=()):
    path = os.path.join(tmp, name + ".toml")
    open(path, "w").write(world_text)
    out = os.path.join(tmp, name)
    subprocess.run([binary, "run", path, "--set", "crime.eta=0.03", "--seed", str(seed), "--ticks", str(T), "--out", out,
                    "--quiet", *extra], check=True, stdout=subprocess.DEVNULL)
    return out

def window_totals(out, columns):
    sums = {c: 0.0 for c in columns}
    with open(os.path.join(out, "metrics.csv")) as f:
        for row in csv.DictReader(f):
            if int(row["tick"]) > FORK:
                for c in columns:
                    sums[c] += float(row[c])
    return sums

def npy(path):
    with open(path, "rb") as f:
        data = f.read()
    header_len = int.from_bytes(data[8:10], "little")
    return np.frombuffer(data[10 + header_len:], dtype="<f4").reshape(128, 128)

rows = []
for seed in range(1, seeds + 1):
    plain = run(base_world, seed, f"plain{seed}", ["--snapshot-every", str(FORK)])
    a = npy(os.path.join(plain, "fields", f"attractiveness_{FORK:06d}.npy"))
    # The 5×5 mean, kept R cells from the edges so the disk fits on the map.
    pad = np.pad(a, 2, mode="edge")
    smooth = sum(pad[dy:dy + 128, dx:dx + 128] for dy in range(5) for dx in range(5)) / 25
    inner = smooth[R:-R, R:-R]
    y, x = np.unravel_index(np.argmax(inner), inner.shape)
    x, y = int(x) + R, int(y) + R
    zone = f'\n[[zone]]\nname = "hotspot"\ndisk = [{x}, {y}, {R}]\nbuffer = {BUFFER}\n'
    cols = ["burglaries", "zone.hotspot.burglaries", "zone.hotspot.buffer.burglaries"]
    base = window_totals(run(base_world + zone, seed, f"base{seed}"), cols)
    supp = window_totals(run(base_world + zone + f'\n[[schedule]]\ntick = {FORK + 1}\nset = {{ "zones.hotspot.burglary_suppression" = 1.0 }}\n',
                             seed, f"supp{seed}"), cols)
    plain_total = window_totals(plain, ["burglaries"])["burglaries"]
    assert plain_total == base["burglaries"], f"seed {seed}: declaring the zone changed the run ({plain_total} vs {base['burglaries']})"
    rows.append((seed, x, y, base, supp))
    print(f"  seed {seed}: hotspot at ({x}, {y}); city {base['burglaries']:.0f} → {supp['burglaries']:.0f}, "
          f"disk {base['zone.hotspot.burglaries']:.0f} → {supp['zone.hotspot.burglaries']:.0f}, "
          f"buffer {base['zone.hotspot.buffer.burglaries']:.0f} → {supp['zone.hotspot.buffer.burglaries']:.0f}")

def summary(values, label):
    v = np.array(values)
    m, se = v.mean(), v.std(ddof=1) / np.sqrt(len(v))
    t = stats.t.ppf(0.975, len(v) - 1)
    print(f"  {label}: mean {m:.4f}, 95% CI [{m - t * se:.4f}, {m + t * se:.4f}] over {len(v)} seeds")
    return m, m - t * se, m + t * se

print(f"ticks {FORK + 1}–{T}, suppressed / baseline (paired by seed):")
m, lo, hi = summary([s["burglaries"] / b["burglaries"] for _, _, _, b, s in rows], "city-wide burglaries ratio")
assert abs(m - 1) < 0.03 and lo <= 1 <= hi, "the city-wide burglary count changed under suppression"
assert all(s["zone.hotspot.burglaries"] == 0 for *_, s in rows), "burglaries inside a fully suppressed disk"
assert all(b["zone.hotspot.burglaries"] > 0 for _, _, _, b, _ in rows)
summary([s["zone.hotspot.buffer.burglaries"] / b["zone.hotspot.buffer.burglaries"] for _, _, _, b, s in rows], "buffer burglaries ratio")
rest = lambda d: d["burglaries"] - d["zone.hotspot.burglaries"] - d["zone.hotspot.buffer.burglaries"]
summary([rest(s) / rest(b) for _, _, _, b, s in rows], "rest-of-city burglaries ratio")
share = np.mean([b["zone.hotspot.burglaries"] / b["burglaries"] for _, _, _, b, _ in rows])
print(f"  the disk ({np.pi * R * R:.0f} of 16,384 cells) held {100 * share:.1f}% of the baseline's burglaries")
print("short2008 suppression check passed")
