#!/usr/bin/env python3
"""Cross-check `nanocity sweep --design sobol|morris` and `nanocity analyze` against SALib.

Runs two small sweeps of the default world, then checks, with SALib (PyPI) as the independent
implementation:
  * the Sobol' design: NanoCity's points equal SALib's `sobol.sample(..., calc_second_order=False,
    scramble=False)` row for row;
  * Sobol' indices: S1 and ST equal SALib's `sobol.analyze` on the same outputs (same estimators),
    and the bootstrap half-widths agree within bootstrap error;
  * the replicate-noise share analyze reports, recomputed with pandas;
  * Morris: mu, mu_star and sigma equal SALib's `morris.analyze` on the same points and outputs,
    and mu_star's half-width agrees within bootstrap error.

Usage: python3 scripts/salib-crosscheck.py [NANOCITY_BINARY]   (needs numpy, pandas, SALib)
Exit status 0 when everything agrees; 1 with the disagreements listed.
"""
import os, subprocess, sys, tempfile
import numpy as np
import pandas as pd
from SALib.analyze import morris as morris_analyze, sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

binary = sys.argv[1] if len(sys.argv) > 1 else "nanocity"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="nanocity-salib-")
ranges = {"guards.arrest_prob": (0.05, 0.6), "sensors.density": (0.0, 0.2), "crew.dump_prob": (0.005, 0.05)}
keys = list(ranges)
problem = {"num_vars": len(keys), "names": keys, "bounds": [list(ranges[k]) for k in keys]}
failures = []
outcomes = ["thefts_total", "dumps_undetected_total", "public_health_mean", "arrests_total"]


def check(ok, what):
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures.append(what)


def sweep(name, design_args, replicates=2):
    out = os.path.join(work, name)
    cmd = [binary, "sweep", "worlds/default.toml", "--ticks", "150", "--replicates", str(replicates), "--seeds", "per-replicate",
           "--out", out, "--quiet"] + design_args
    for k, (lo, hi) in ranges.items():
        cmd += ["--vary", f"{k}={lo}:{hi}"]
    subprocess.run(cmd, cwd=root, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "analyze", out], cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    summary = pd.read_csv(os.path.join(out, "summary.csv"))
    summary = summary.assign(point=summary["run"] // replicates)
    means = summary.groupby("point").mean(numeric_only=True).sort_index()
    sens = pd.read_csv(os.path.join(out, "sensitivity.csv"))
    # noise_share = mean over points of (replicate variance / n), over the variance of point means.
    for o in outcomes:
        g = summary.groupby("point")[o]
        between = g.mean().var()
        if between > 0:
            expected = (g.var() / g.count()).mean() / between
            got = sens[sens.outcome == o].noise_share.iloc[0]
            check(abs(got - expected) <= 1e-9 * max(1, expected), f"{name} {o} noise_share: nanocity {got:.6f} vs pandas {expected:.6f}")
    return out, means, sens


# Sobol' / Saltelli.
n = 64
out, means, ours = sweep("sobol", ["--design", "sobol", "--samples", str(n)])
x_salib = sobol_sample.sample(problem, n, calc_second_order=False, scramble=False)
check(np.allclose(means[keys].to_numpy(), x_salib, rtol=0, atol=1e-12),
      f"Sobol' design equals SALib's sobol.sample (N={n}, {len(x_salib)} points)")
for o in outcomes:
    y = means[o].to_numpy()
    if np.ptp(y) == 0:
        continue
    s = sobol_analyze.analyze(problem, y, calc_second_order=False, num_resamples=1000, seed=1)
    mine = ours[ours.outcome == o].set_index("parameter").loc[keys]
    for j, k in enumerate(keys):
        for idx in ("S1", "ST"):
            a, b = mine[idx].iloc[j], s[idx][j]
            check(abs(a - b) < 1e-9, f"{o} {k} {idx}: nanocity {a:.6f} vs SALib {b:.6f}")
            ca, cb = mine[idx + "_conf"].iloc[j], s[idx + "_conf"][j]
            # Two bootstraps of 1000 resamples: their SD estimates differ by a few per cent.
            check(abs(ca - cb) <= 0.2 * max(ca, cb) + 1e-9, f"{o} {k} {idx}_conf: nanocity {ca:.4f} vs SALib {cb:.4f}")

# Morris.
out, means, ours = sweep("morris", ["--design", "morris", "--trajectories", "12", "--levels", "4"])
x = means[keys].to_numpy()
for o in outcomes:
    y = means[o].to_numpy()
    m = morris_analyze.analyze(problem, x, y, num_levels=4, num_resamples=1000, seed=1)
    mine = ours[ours.outcome == o].set_index("parameter").loc[keys]
    for j, k in enumerate(keys):
        for ours_col, theirs in (("mu", "mu"), ("mu_star", "mu_star"), ("sigma", "sigma")):
            a, b = mine[ours_col].iloc[j], m[theirs][j]
            check(abs(a - b) <= 1e-9 * max(1, abs(b)), f"{o} {k} {ours_col}: nanocity {a:.6f} vs SALib {b:.6f}")
        ca, cb = mine["mu_star_conf"].iloc[j], m["mu_star_conf"][j]
        check(abs(ca - cb) <= 0.2 * max(ca, cb) + 1e-9, f"{o} {k} mu_star_conf: nanocity {ca:.4f} vs SALib {cb:.4f}")

print(f"\n{len(failures)} disagreement(s)" if failures else "\nall checks agree with SALib")
sys.exit(1 if failures else 0)
