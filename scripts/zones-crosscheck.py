#!/usr/bin/env python3
"""Place-based forks, checked independently (README "Place-based policies").

Runs the crackdown fork on worlds/industrial.toml (examples/arms-crackdown.toml) and
recomputes, from summary.csv alone with NumPy/SciPy, every displacement row nanocity wrote
to arms.csv: the paired effects in target, buffer, rest and net (mean, Student-t 95% CI) and
the quotient buffer effect / target effect with Fieller's interval (solved with numpy.roots).
Then checks the finding the README quotes: six new guards patrolling the quarter cut thefts
and dumps in it, with 95% CIs that exclude zero; an arm identical to the baseline gives 0.

Usage: scripts/zones-crosscheck.py [nanocity binary]
"""
import csv, os, subprocess, sys, tempfile
import numpy as np
from scipy import stats

binary = sys.argv[1] if len(sys.argv) > 1 else ".build/release/nanocity"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = tempfile.mkdtemp(prefix="nanocity-zones-")
arms = os.path.join(out, "arms.toml")
with open(os.path.join(root, "examples/arms-crackdown.toml")) as f:
    text = f.read()
# An arm identical to the baseline, beside the shipped ones.
text += '\n[[arm]]\nname = "same"\nset = { "guards.recruit_threshold" = 0 }\n'
open(arms, "w").write(text)
subprocess.run([binary, "sweep", os.path.join(root, "worlds/industrial.toml"), "--fork-at", "200", "--ticks", "1000",
                "--replicates", "48", "--arms", arms, "--jobs", "2", "--out", out + "/fork", "--quiet"], check=True,
               stdout=subprocess.DEVNULL)

summary = list(csv.DictReader(open(out + "/fork/summary.csv")))
rows = {r["outcome"] + "|" + r["arm"]: r for r in csv.DictReader(open(out + "/fork/arms.csv"))}

def values(arm, col):
    return np.array([float(r[col]) for r in sorted((r for r in summary if r["arm"] == arm), key=lambda r: int(r["replicate"]))])

def close(a, b, what, tol=1e-9):
    if b == "" or a is None:
        assert (b == "") == (a is None), f"{what}: nanocity {b!r}, reference {a}"
        return
    assert abs(float(b) - a) <= tol * max(1, abs(a)), f"{what}: nanocity {b}, reference {a}"

checked = 0
for arm in ["crackdown", "redeploy", "same"]:
    for m in ["thefts", "dumps", "arrests"]:
        T = {a: values(a, f"zone.industrial.{m}_total") for a in ("baseline", arm)}
        B = {a: values(a, f"zone.industrial.buffer.{m}_total") for a in ("baseline", arm)}
        C = {a: values(a, f"{m}_total") for a in ("baseline", arm)}
        parts = {"target": T, "buffer": B, "rest": {a: C[a] - T[a] - B[a] for a in T}, "net": {a: T[a] + B[a] for a in T}}
        for part, series in parts.items():
            d = series[arm] - series["baseline"]
            r = rows[f"displacement.industrial.{m}.{part}|{arm}"]
            n = len(d)
            mean, se = d.mean(), d.std(ddof=1) / np.sqrt(n)
            t = stats.t.ppf(0.975, n - 1)
            close(mean, r["difference"], f"{arm} {m} {part} difference")
            close(mean - t * se, r["ci_low"], f"{arm} {m} {part} ci_low")
            close(mean + t * se, r["ci_high"], f"{arm} {m} {part} ci_high")
            close(series["baseline"].mean(), r["baseline_mean"], f"{arm} {m} {part} baseline")
            checked += 1
        # Fieller: (x̄ − ρȳ)² = t²(vxx − 2ρvxy + ρ²vyy) for x = buffer effects, y = target effects.
        x, y = B[arm] - B["baseline"], T[arm] - T["baseline"]
        n = len(x)
        cov = np.cov(x, y, ddof=1) / n
        t = stats.t.ppf(0.975, n - 1)
        a, b, c = y.mean() ** 2 - t * t * cov[1, 1], x.mean() * y.mean() - t * t * cov[0, 1], x.mean() ** 2 - t * t * cov[0, 0]
        r = rows[f"displacement.industrial.{m}.quotient|{arm}"]
        close(None if y.mean() == 0 else x.mean() / y.mean(), r["difference"], f"{arm} {m} quotient")
        if a > 0 and b * b - a * c >= 0:
            lo, hi = sorted(np.roots([a, -2 * b, c]).real) if c != 0 or b != 0 else (0.0, 0.0)
            close(lo, r["ci_low"], f"{arm} {m} quotient ci_low", 1e-7)
            close(hi, r["ci_high"], f"{arm} {m} quotient ci_high", 1e-7)
        else:
            assert r["ci_low"] == "" and r["ci_high"] == "", f"{arm} {m}: an unbounded Fieller set written as {r['ci_low']}…{r['ci_high']}"
        checked += 1

for m in ["thefts", "dumps"]:
    r = rows[f"displacement.industrial.{m}.target|crackdown"]
    print(f"  crackdown, {m} in the quarter: {float(r['difference']):+.2f} per run [{float(r['ci_low']):+.2f}, {float(r['ci_high']):+.2f}]"
          f" (baseline {float(r['baseline_mean']):.2f})")
    assert float(r["ci_high"]) < 0, f"the crackdown's effect on {m} in the quarter has a CI reaching {r['ci_high']}"
    s = rows[f"displacement.industrial.{m}.target|same"]
    assert s["difference"] == "0" and s["ci_low"] == "0" and s["ci_high"] == "0"
print(f"zones cross-check passed: {checked} displacement rows match NumPy/SciPy on 48 paired replicates")
