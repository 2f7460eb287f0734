#!/usr/bin/env python3
"""`nanocity calibrate` (method = "nsga2") against pymoo's NSGA-II on ZDT1 and ZDT2.

Usage: python3 scripts/nsga2-crosscheck.py path/to/nanocity

Both run with a population of 100 for 250 generations (25,000 evaluations; pymoo's defaults:
SBX crossover probability 0.9 with eta 15, polynomial mutation eta 20). The hypervolume of each
final first front is taken to the reference point (1.1, 1.1), ours over 3 seeds and pymoo's
over 3 seeds; the check is that our median is within 3% of pymoo's and both within 5% of the
true front's. It also checks that pareto.csv is the same bytes for --jobs 1 and 2.
"""
import csv, os, statistics, subprocess, sys, tempfile

import numpy as np

BIN = sys.argv[1]
work = tempfile.mkdtemp(prefix="nsga2-check-")
failures = []
GENERATIONS, POPULATION, SEEDS = 250, 100, [1, 2, 3]


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def hv(points, ref=(1.1, 1.1)):
    p = sorted((a, b) for a, b in points if a < ref[0] and b < ref[1])
    area, best = 0.0, ref[1]
    for a, b in p:
        if b < best:
            area += (ref[0] - a) * (best - b)
            best = b
    return area


def optimum(problem):
    f1 = (np.arange(100000) + 0.5) / 100000
    f2 = 1 - np.sqrt(f1) if problem == "zdt1" else 1 - f1 ** 2
    return float(np.mean(1.1 - f2)) + 0.1 * 1.1


def ours(problem, seed, jobs=1, tag="run"):
    targets = os.path.join(work, f"t{seed}.toml")
    with open(targets, "w") as f:
        f.write(f'method = "nsga2"\npopulation = {POPULATION}\ngenerations = {GENERATIONS}\nseed = {seed}\n')
    out = os.path.join(work, f"{problem}-{seed}-{jobs}-{tag}")
    subprocess.run([BIN, "calibrate", "--problem", problem, "--targets", targets, "--out", out, "--jobs", str(jobs), "--quiet"],
                   check=True, stdout=subprocess.DEVNULL)
    path = os.path.join(out, "pareto.csv")
    rows = [r for r in csv.DictReader(open(path)) if int(r["generation"]) == GENERATIONS - 1]
    return hv([(float(r["objective_f1"]), float(r["objective_f2"])) for r in rows]), open(path, "rb").read()


def theirs(problem, seed):
    from pymoo.algorithms.moo.nsga2 import NSGA2
    from pymoo.optimize import minimize
    from pymoo.problems import get_problem
    res = minimize(get_problem(problem), NSGA2(pop_size=POPULATION), ("n_gen", GENERATIONS), seed=seed, verbose=False)
    return hv([tuple(f) for f in res.F])


for problem in ["zdt1", "zdt2"]:
    best = optimum(problem)
    mine = [ours(problem, s)[0] for s in SEEDS]
    _, b1 = ours(problem, 1, 1, "jobs")
    _, b2 = ours(problem, 1, 2, "jobs")
    check(b1 == b2, f"{problem}: pareto.csv is the same bytes for --jobs 1 and 2")
    try:
        pm = [theirs(problem, s) for s in SEEDS]
    except ImportError:
        pm = None
        print("skip pymoo: not installed")
    print(f"info {problem}: true front hypervolume {best:.4f}; nanocity {', '.join(f'{h:.4f}' for h in mine)}"
          + (f"; pymoo {', '.join(f'{h:.4f}' for h in pm)}" if pm else ""))
    m = statistics.median(mine)
    check(m > 0.95 * best, f"{problem}: nanocity's median hypervolume {m:.4f} within 5% of the true front's {best:.4f}")
    if pm:
        p = statistics.median(pm)
        check(abs(m / p - 1) < 0.03, f"{problem}: nanocity's median {m:.4f} within 3% of pymoo's {p:.4f}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("NSGA-II cross-check: all passed")
