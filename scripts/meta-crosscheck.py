#!/usr/bin/env python3
"""Cross-check `nanocity compare --by KEY` (per-level paired differences pooled by random
effects) against an independent implementation: pandas for the per-level paired differences,
statsmodels' `combine_effects` for the pooling.

Runs one small sweep (4 map layouts x 2 guard counts x 8 common-random-number replicates),
then for both estimators (Paule-Mandel, DerSimonian-Laird) and every outcome NanoCity pooled:
  * the per-level difference, its n and its 95% CI (compare.csv) equal a paired t computed
    from summary.csv with pandas/scipy;
  * tau^2, the pooled effect, its Hartung-Knapp 95% CI, Q and I^2 (compare_pooled.csv) equal
    statsmodels' combine_effects(y, v, method_re=..., use_t=True), row "random effect wls"
    (Hartung-Knapp: the variance scaled by the weighted residual sum / (k - 1), t with k - 1 df).

Usage: python3 scripts/meta-crosscheck.py [NANOCITY_BINARY]   (needs numpy, pandas, scipy, statsmodels)
Exit status 0 when everything agrees; 1 with the disagreements listed.
"""
import os, subprocess, sys, tempfile, warnings
import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.meta_analysis import combine_effects

warnings.filterwarnings("ignore")  # combine_effects warns that it has no per-level n (it needs none here)
binary = sys.argv[1] if len(sys.argv) > 1 else "nanocity"
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="nanocity-meta-")
failures = []
checked = 0


def check(ok, what):
    global checked
    checked += 1
    if not ok:
        print("FAIL  " + what)
        failures.append(what)


def close(a, b, tol):
    return abs(a - b) <= tol * max(1.0, abs(b))


out = os.path.join(work, "layouts")
subprocess.run([binary, "sweep", "worlds/default.toml", "--vary", "map.seed=1,2,3,4", "--vary", "guards.count=4,12",
                "--set", "guards.recruit_threshold=0", "--replicates", "8", "--seeds", "per-replicate", "--ticks", "300",
                "--out", out, "--quiet"], cwd=root, check=True, stdout=subprocess.DEVNULL)
summary = pd.read_csv(os.path.join(out, "summary.csv"))
summary = summary[summary.status == "complete"]

for method in ["pm", "dl"]:
    subprocess.run([binary, "compare", out, "--baseline", "guards.count=4", "--by", "map.seed", "--pooling", method],
                   cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    per_level = pd.read_csv(os.path.join(out, "compare.csv"))
    pooled = pd.read_csv(os.path.join(out, "compare_pooled.csv"))
    n_pooled = 0
    for _, row in pooled.iterrows():
        outcome = row["outcome"]
        ys, vs = [], []
        for level in sorted(summary["map.seed"].unique()):
            at = summary[summary["map.seed"] == level]
            base = at[at["guards.count"] == 4].set_index("replicate")[outcome]
            treat = at[at["guards.count"] == 12].set_index("replicate")[outcome]
            common = base.index.intersection(treat.index)
            d = (treat[common] - base[common]).to_numpy(dtype=float)
            if len(d) < 2:
                continue
            se = d.std(ddof=1) / np.sqrt(len(d))
            mine = per_level[(per_level["map.seed"] == level) & (per_level["guards.count"] == 12) & (per_level["outcome"] == outcome)]
            check(len(mine) == 1, f"{method} {outcome} level {level}: one compare.csv row")
            if len(mine) == 1:
                m = mine.iloc[0]
                t = stats.t.ppf(0.975, len(d) - 1)
                check(int(m["n"]) == len(d) and close(m["difference"], d.mean(), 1e-9), f"{outcome} level {level}: difference")
                if se > 0:
                    check(close(m["ci_low"], d.mean() - t * se, 1e-7) and close(m["ci_high"], d.mean() + t * se, 1e-7),
                          f"{outcome} level {level}: 95% CI {m['ci_low']}..{m['ci_high']} vs {d.mean() - t * se}..{d.mean() + t * se}")
            ys.append(d.mean())
            vs.append(se * se)
        # A level whose differences have no spread has no finite weight: NanoCity then refuses
        # to pool that outcome rather than drop the level silently.
        poolable = len(ys) >= 2 and min(vs) > 0
        if not poolable or pd.isna(row["difference"]):
            check(pd.isna(row["difference"]) == (not poolable), f"{method} {outcome}: pooled exactly when 2+ levels, all with spread")
            continue
        n_pooled += 1
        y, v = np.array(ys), np.array(vs)
        r = combine_effects(y, v, method_re=method, use_t=True)
        hk = r.summary_frame().loc["random effect wls"]
        expected = {"tau2": r.tau2, "eff": hk["eff"], "low": hk["ci_low"], "high": hk["ci_upp"]}
        if r.tau2 < 0:
            # statsmodels' DerSimonian-Laird leaves a negative moment estimate untruncated; the
            # method (DerSimonian & Laird 1986) truncates at 0, i.e. inverse-variance weights.
            w = 1 / v
            mu = (w * y).sum() / w.sum()
            se = np.sqrt((w * (y - mu) ** 2).sum() / (len(y) - 1) / w.sum())
            t = stats.t.ppf(0.975, len(y) - 1)
            expected = {"tau2": 0.0, "eff": mu, "low": mu - t * se, "high": mu + t * se}
        tol = 1e-9 if method == "dl" else 1e-6  # Paule-Mandel: both solve for tau^2 iteratively
        check(int(row["levels"]) == len(ys), f"{method} {outcome}: levels")
        check(close(row["tau2"], expected["tau2"], tol), f"{method} {outcome}: tau2 {row['tau2']} vs {expected['tau2']}")
        check(close(row["difference"], expected["eff"], tol), f"{method} {outcome}: pooled {row['difference']} vs {expected['eff']}")
        check(close(row["ci_low"], expected["low"], tol) and close(row["ci_high"], expected["high"], tol),
              f"{method} {outcome}: HK CI {row['ci_low']}..{row['ci_high']} vs {expected['low']}..{expected['high']}")
        check(close(row["q"], r.q, 1e-9), f"{method} {outcome}: Q {row['q']} vs {r.q}")
        check(close(row["i2"], max(0.0, r.i2), 1e-9), f"{method} {outcome}: I2 {row['i2']} vs {max(0.0, r.i2)}")
    check(n_pooled >= 10, f"{method}: at least 10 outcomes pooled (got {n_pooled})")
    print(f"{method}: {n_pooled} pooled outcomes checked against statsmodels combine_effects")

print(f"{checked} checks, {len(failures)} failed")
sys.exit(1 if failures else 0)
