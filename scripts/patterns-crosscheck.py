#!/usr/bin/env python3
"""Cross-check `nanocity patterns --events` against independent implementations.

Writes a synthetic incident table (fixed numpy seed: uniform background, three Gaussian
clusters, 260 planted near-repeat series of 1 + 3 incidents within 45 m and 6 days, exact
repeat locations and sub-metre near-duplicates; RFC 4180 quoting and CRLF line ends), runs
the binary four times (labelled Knox bands + queen weights, --nrc-bands, distance:250 and
distance:200 weights) and checks every number it compares:

  * Knox (knox.csv): observed counts against an all-pairs numpy count (exact, both band
    conventions); expected_analytic against row total x column total / pairs; expected_mean,
    median, ratios, p-values and z-scores against our own permutation test of the times
    (numpy, 199 permutations, another seed) within Monte-Carlo error; the planted cell must
    show ratio > 1.5 and p <= 0.01 in both.
  * Grid and concentration (concentration.csv, lorenz.csv): the grid rebuilt from the CSV
    with the origin in patterns.json; shares, Gini and generalised Gini; the Lorenz curve.
  * Gi* (gi_star.csv, gi_star.npy): z-scores against esda.G_Local(star=True, transform='B')
    on libpysal.weights.lat2W (queen) or DistanceBand (binary) weights; analytic p-values
    against scipy; permutation p-values against esda's in the upper tail; the FDR threshold
    and the hot/cold classes against our own Benjamini-Hochberg step-up.
  * Moran's I (patterns.json results): I, E[I], z under normality against esda.Moran
    (transformation='B'); the permutation p-value within Monte-Carlo error.

Usage: python3 scripts/patterns-crosscheck.py /path/to/nanocity   (needs numpy, scipy, esda, libpysal)
Exit status 0 when everything agrees ("patterns cross-check passed"); 1 with every
disagreement listed (file, statistic, expected, got); 2 when the binary fails to run.
"""
import csv
import datetime
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

np.set_printoptions(legacy="1.25")  # numpy scalars print as plain numbers in the messages
warnings.filterwarnings("ignore")  # esda: alternative= deprecation, libpysal: islands / distance band notices
from scipy import stats  # noqa: E402
import esda  # noqa: E402
import libpysal  # noqa: E402

# --- settings of the runs -------------------------------------------------------------------------------
SEED = 20251202            # synthetic data
OWN_SEED = 7               # our own Knox permutations
NP_GLOBAL_SEED = 12345     # esda draws from numpy's global RNG
CELL = 100.0               # --grid
SPACE_W, SPACE_N = 100.0, 3
TIME_W, TIME_N = 7.0, 3
ITERATIONS = 199           # Knox
PERMUTATIONS = 999         # Gi*, Moran
FDR = 0.05
PLANTED = (1, 0)           # space row "1 to 100 meters", time column "0 to 7 days"

START = time.monotonic()
checks = []                # (name, figure, bound, ok)
failures = []              # messages


def record(name, figure, bound, ok, message=""):
    checks.append((name, figure, bound, bool(ok)))
    if not ok:
        failures.append(f"{name}: {message}" if message else name)


def fmt(v):
    if v is None:
        return "-"
    if isinstance(v, (int, np.integer)):
        return str(int(v))
    if v == 0:
        return "0"
    return f"{v:.3g}"


def num(s):
    """A cell of NanoCity's CSV: '' means undefined (NaN)."""
    s = s.strip()
    return float("nan") if s == "" else float(s)


def read_table(path, required=()):
    assert os.path.exists(path), f"{path}: missing (not written by nanocity patterns)"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows, f"{path}: no data rows"
    missing = [c for c in required if c not in rows[0]]
    assert not missing, f"{os.path.basename(path)}: no column(s) {', '.join(missing)}; header {list(rows[0])}"
    return rows


def same(a, b):
    """Equal, NaN equal to NaN."""
    return (math.isnan(a) and math.isnan(b)) or a == b


def rel_diff(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return np.abs(a - b) / np.maximum(np.abs(b), 1e-300) * (a != b)


# --- synthetic incidents --------------------------------------------------------------------------------
def make_incidents(path):
    rng = np.random.default_rng(SEED)
    x0, y0, side, days = 512_300.0, 5_703_700.0, 2000.0, 365
    parts = []

    def add(x, y, t):
        parts.append((np.atleast_1d(np.asarray(x, float)), np.atleast_1d(np.asarray(y, float)), np.atleast_1d(t)))

    add(rng.uniform(0, side, 1800), rng.uniform(0, side, 1800), rng.integers(0, days, 1800))
    for cx, cy, k in [(500, 600, 250), (1400, 1500, 200), (1500, 400, 150)]:
        add(rng.normal(cx, 120, k), rng.normal(cy, 120, k), rng.integers(0, days, k))
    ns = 260  # near-repeat series: a seed and 3 followers within 10-45 m and 1-6 days
    sx, sy, st = rng.uniform(100, side - 100, ns), rng.uniform(100, side - 100, ns), rng.integers(0, days - 10, ns)
    add(sx, sy, st)
    for _ in range(3):
        r, a = rng.uniform(10, 45, ns), rng.uniform(0, 2 * np.pi, ns)
        add(sx + r * np.cos(a), sy + r * np.sin(a), st + rng.integers(1, 7, ns))
    x = np.clip(np.concatenate([p[0] for p in parts]), 1.0, side - 1.0) + x0
    y = np.clip(np.concatenate([p[1] for p in parts]), 1.0, side - 1.0) + y0
    t = np.concatenate([p[2] for p in parts]).astype(np.int64)
    # repeat victimisation: 40 incidents at exactly an earlier incident's place (distance 0),
    # 30 within 0.2-0.8 m of one (same location only under --nrc-bands)
    src = rng.choice(len(x), 70, replace=False)
    off_r, off_a = rng.uniform(0.2, 0.8, 30), rng.uniform(0, 2 * np.pi, 30)
    dx = np.concatenate([np.zeros(40), off_r * np.cos(off_a)])
    dy = np.concatenate([np.zeros(40), off_r * np.sin(off_a)])
    x = np.concatenate([x, x[src] + dx])
    y = np.concatenate([y, y[src] + dy])
    t = np.concatenate([t, np.minimum(days - 1, t[src] + rng.integers(0, 31, 70))])
    order = rng.permutation(len(x))
    x, y, t = x[order], y[order], t[order]
    base = datetime.date(2023, 1, 1)
    notes = ["", "rear door", 'door "forced", rear', "shed, garden", ""]
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["id", "x", "y", "date", "note"])
        for i in range(len(x)):
            w.writerow([i + 1, repr(float(x[i])), repr(float(y[i])),
                        (base + datetime.timedelta(days=int(t[i]))).isoformat(), notes[i % len(notes)]])
    return len(x)


def read_incidents(path):
    """Our own reading of the table we wrote: planar metres and days since 1970-01-01."""
    epoch = datetime.date(1970, 1, 1).toordinal()
    rows = read_table(path)
    x = np.array([float(r["x"]) for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    day = np.array([datetime.date.fromisoformat(r["date"]).toordinal() - epoch for r in rows], float)
    return x, y, day


# --- running the binary ---------------------------------------------------------------------------------
def run(binary, events, out, extra):
    cmd = [binary, "patterns", "--events", events, "--x", "x", "--y", "y", "--time", "date",
           "--grid", f"{CELL:g}", "--space-bands", f"{SPACE_W:g}:{SPACE_N}", "--time-bands", f"{TIME_W:g}:{TIME_N}",
           "--iterations", str(ITERATIONS), "--permutations", str(PERMUTATIONS), "--fdr", f"{FDR:g}",
           "--out", out, "--threads", "2"] + extra
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        print("error: " + " ".join(cmd) + f" exited with {p.returncode}:\n" + p.stderr + p.stdout, file=sys.stderr)
        sys.exit(2)
    with open(os.path.join(out, "patterns.json")) as f:
        settings = json.load(f)
    return settings


# --- Knox: all pairs in numpy ---------------------------------------------------------------------------
def rows_labelled(d):
    """0 = same location (d == 0); k = ((k-1)B, kB]; count+1 = more than count*B."""
    row = 1 + sum((d > k * SPACE_W).astype(np.int64) for k in range(1, SPACE_N + 1))
    return np.where(d == 0, 0, row)


def rows_nrc(d):
    """0 = same location (d < 1 m); k = [(k-1)B, kB), the first from 1 m; count+1 = at least count*B."""
    row = 1 + sum((d >= k * SPACE_W).astype(np.int64) for k in range(1, SPACE_N + 1))
    return np.where(d < 1, 0, row)


def cols_labelled(dt):
    """k-1 for ((k-1)W, kW], the first including 0; count = more than count*W."""
    return sum((dt > k * TIME_W).astype(np.int64) for k in range(1, TIME_N + 1))


def cols_nrc(dt):
    """k-1 for [(k-1)W, kW); count = at least count*W."""
    return sum((dt >= k * TIME_W).astype(np.int64) for k in range(1, TIME_N + 1))


KNOX_COLUMNS = ("space_band", "time_band", "observed", "expected_mean", "expected_median", "ratio_mean",
                "ratio_median", "p_value", "z_score", "expected_analytic")
CONVENTIONS = {"labelled": (rows_labelled, cols_labelled), "nrc": (rows_nrc, cols_nrc)}
NROWS, NCOLS = SPACE_N + 2, TIME_N + 1


def knox_all_pairs(x, y, t):
    """Observed tables of both conventions over all n(n-1)/2 pairs; the pairs within the
    last space band (d <= count*B) kept for the permutations; the closest any separation
    comes to a band edge."""
    n = len(x)
    tables = {c: np.zeros(NROWS * NCOLS, np.int64) for c in CONVENTIONS}
    close_i, close_j, close_d = [], [], []
    space_edges = np.array([1.0] + [k * SPACE_W for k in range(1, SPACE_N + 1)])
    nearest_edge = np.inf
    block = 256
    for a in range(0, n - 1, block):
        i = np.arange(a, min(n - 1, a + block))
        ii, jj = np.nonzero(np.arange(n)[None, :] > i[:, None])
        ii = i[ii]
        dx, dy = x[ii] - x[jj], y[ii] - y[jj]
        d = np.sqrt(dx * dx + dy * dy)
        dt = np.abs(t[ii] - t[jj])
        for c, (rows, cols) in CONVENTIONS.items():
            tables[c] += np.bincount(rows(d) * NCOLS + cols(dt), minlength=NROWS * NCOLS)
        positive = d[d > 0]
        if positive.size:
            nearest_edge = min(nearest_edge, float(np.min(np.abs(positive[:, None] - space_edges[None, :]))))
        keep = d <= SPACE_N * SPACE_W
        close_i.append(ii[keep]); close_j.append(jj[keep]); close_d.append(d[keep])
    return tables, np.concatenate(close_i), np.concatenate(close_j), np.concatenate(close_d), nearest_edge


def knox_own_permutations(t, ci, cj, cd, tables, iterations, seed):
    """Permutation null of our own: shuffle the times over the incidents; the far row from
    the (permutation-invariant) column totals. Returns per convention an (iterations, cells) array."""
    rng = np.random.default_rng(seed)
    out = {c: np.zeros((iterations, NROWS * NCOLS), np.int64) for c in CONVENTIONS}
    prepared = {}
    for c, (rows, cols) in CONVENTIONS.items():
        r = rows(cd)
        near = r <= SPACE_N  # rows 0..count (the far row comes from the column totals)
        coltot = tables[c].reshape(NROWS, NCOLS).sum(axis=0)
        prepared[c] = (near, r[near], coltot)
    for k in range(iterations):
        tp = t[rng.permutation(len(t))]
        dt = np.abs(tp[ci] - tp[cj])
        for c, (rows, cols) in CONVENTIONS.items():
            near, r, coltot = prepared[c]
            cells = np.bincount(r * NCOLS + cols(dt[near]), minlength=NROWS * NCOLS).reshape(NROWS, NCOLS)
            cells[NROWS - 1] = coltot - cells[:NROWS - 1].sum(axis=0)
            out[c][k] = cells.ravel()
    return out


SPACE_LABELS = ["same location"] + [f"{1 if k == 1 else int((k - 1) * SPACE_W) + 1} to {int(k * SPACE_W)} meters"
                                    for k in range(1, SPACE_N + 1)] + [f"more than {int(SPACE_N * SPACE_W)} meters"]
TIME_LABELS = [f"{0 if k == 1 else int((k - 1) * TIME_W) + 1} to {int(k * TIME_W)} days"
               for k in range(1, TIME_N + 1)] + [f"more than {int(TIME_N * TIME_W)} days"]


def check_knox(convention, outdir, settings, table, sims, n, n_close):
    tag = f"knox.csv ({convention})"
    rows = read_table(os.path.join(outdir, "knox.csv"), KNOX_COLUMNS)
    if len(rows) != NROWS * NCOLS:
        record(f"{tag} rows", len(rows), NROWS * NCOLS, False, f"{len(rows)} rows, expected {NROWS * NCOLS}")
        return {}
    labels_ok = all(r["space_band"] == SPACE_LABELS[k // NCOLS] and r["time_band"] == TIME_LABELS[k % NCOLS]
                    for k, r in enumerate(rows))
    record(f"{tag} band labels / row order", "as NRC", "exact", labels_ok,
           "rows not in the order space rows x time columns with the NRC labels: "
           + "; ".join(f"{r['space_band']}/{r['time_band']}" for r in rows[:6]))
    col = {k: np.array([num(r[k]) for r in rows]) for k in rows[0] if k not in ("space_band", "time_band")}
    k_info = settings["knox"]
    pairs = n * (n - 1) // 2
    record(f"patterns.json ({convention}) knox.convention/pairs/pairs_within_last_band",
           f"{k_info['pairs_within_last_band']}", "exact",
           k_info["convention"] == convention and k_info["pairs"] == pairs and k_info["pairs_within_last_band"] == n_close,
           f"convention {k_info['convention']!r} (expected {convention!r}), pairs {k_info['pairs']} (expected {pairs}), "
           f"pairs_within_last_band {k_info['pairs_within_last_band']} (expected {n_close})")

    # 1. observed, exactly
    bad = [k for k in range(NROWS * NCOLS) if col["observed"][k] != table[k]]
    record(f"{tag} observed counts", f"{len(bad)} of {NROWS * NCOLS} differ", "exact", not bad,
           "; ".join(f"{SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]}: numpy {table[k]}, nanocity {int(col['observed'][k])}"
                     for k in bad))

    # 2. analytic expectation: row total x column total / pairs
    t2 = table.reshape(NROWS, NCOLS)
    analytic = (np.outer(t2.sum(axis=1), t2.sum(axis=0)) / pairs).ravel()
    rd = rel_diff(col["expected_analytic"], analytic)
    worst = int(np.argmax(rd))
    record(f"{tag} expected_analytic max rel diff", float(rd.max()), 1e-9, rd.max() <= 1e-9,
           f"cell {SPACE_LABELS[worst // NCOLS]}/{TIME_LABELS[worst % NCOLS]}: numpy {analytic[worst]!r}, "
           f"nanocity {col['expected_analytic'][worst]!r}")

    # permutation null: theirs vs the analytic value and vs ours
    it = ITERATIONS
    own_mean = sims.mean(axis=0)
    own_sd = sims.std(axis=0, ddof=1)
    own_median = np.median(sims, axis=0)
    own_p = (1 + (sims >= table[None, :]).sum(axis=0)) / (it + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        own_z = np.where(own_sd > 0, (table - own_mean) / own_sd, np.nan)
    bound = 4 * own_sd / math.sqrt(it) + 0.5
    dev = np.abs(col["expected_mean"] - analytic)
    worst = int(np.argmax(dev / bound))
    record(f"{tag} expected_mean vs analytic max |d|/bound", float((dev / bound).max()), 1.0, (dev <= bound).all(),
           f"cell {SPACE_LABELS[worst // NCOLS]}/{TIME_LABELS[worst % NCOLS]}: mean {col['expected_mean'][worst]!r}, "
           f"analytic {analytic[worst]!r}, bound {bound[worst]:.3g}")
    dev_own = np.abs(own_mean - analytic)
    record(f"own permutations ({convention}) mean vs analytic (self-check) max |d|/bound",
           float((dev_own / bound).max()), 1.0, (dev_own <= bound).all(), "our own permutation test is off")

    med_bound = 4 * 1.2533 * own_sd * math.sqrt(2 / it) + 1
    dmed = np.abs(col["expected_median"] - own_median)
    record(f"{tag} expected_median vs own max |d|/bound", float((dmed / med_bound).max()), 1.0, (dmed <= med_bound).all(),
           "medians differ beyond Monte-Carlo error: "
           + "; ".join(f"{SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]} {col['expected_median'][k]:g} vs {own_median[k]:g}"
                       for k in np.nonzero(dmed > med_bound)[0]))

    # ratios: internal consistency, then against ours where enough pairs are expected
    with np.errstate(divide="ignore", invalid="ignore"):
        r_mean = np.where(col["expected_mean"] > 0, table / col["expected_mean"], np.nan)
        r_median = np.where(col["expected_median"] > 0, table / col["expected_median"], np.nan)
        own_ratio = np.where(own_mean > 0, table / own_mean, np.nan)
    cons = max(np.nanmax(np.nan_to_num(rel_diff(col["ratio_mean"], r_mean))),
               np.nanmax(np.nan_to_num(rel_diff(col["ratio_median"], r_median))))
    nan_ok = (np.isnan(col["ratio_mean"]) == np.isnan(r_mean)).all() and (np.isnan(col["ratio_median"]) == np.isnan(r_median)).all()
    record(f"{tag} ratio = observed/expected (own columns) max rel diff", float(cons), 1e-12, cons <= 1e-12 and nan_ok,
           "ratio_mean/ratio_median are not observed/expected_mean/median (or blank where they should not be)")
    sel = analytic >= 5
    r_bound = 4 * table * own_sd * math.sqrt(2 / it) / np.maximum(analytic, 1e-300) ** 2 + 1e-9
    dr = np.abs(col["ratio_mean"] - own_ratio)
    ok = (dr[sel] <= r_bound[sel]).all()
    record(f"{tag} ratio_mean vs own permutations max |d| ({int(sel.sum())} cells)", float(dr[sel].max()),
           float(r_bound[sel].max()), ok,
           "; ".join(f"{SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]}: nanocity {col['ratio_mean'][k]:.5g}, "
                     f"own {own_ratio[k]:.5g}, bound {r_bound[k]:.3g}" for k in np.nonzero(sel & (dr > r_bound))[0]))
    pbar = (col["p_value"] + own_p) / 2
    p_bound = 0.02 + 4 * np.sqrt(2 * pbar * (1 - pbar) / it)
    dp = np.abs(col["p_value"] - own_p)
    record(f"{tag} p_value vs own permutations max |d|", float(dp.max()), float(p_bound.max()), (dp <= p_bound).all(),
           "; ".join(f"{SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]}: nanocity {col['p_value'][k]:g}, own {own_p[k]:g}"
                     for k in np.nonzero(dp > p_bound)[0]))
    both = ~np.isnan(col["z_score"]) & ~np.isnan(own_z)
    z_bound = 4 * np.sqrt(2 / it + own_z ** 2 / (it - 1)) + 0.05
    dz = np.abs(col["z_score"] - own_z)
    blank_ok = (np.isnan(col["z_score"]) == np.isnan(own_z)).all()
    record(f"{tag} z_score vs own permutations max |d|/bound", float((dz[both] / z_bound[both]).max()), 1.0,
           (dz[both] <= z_bound[both]).all() and blank_ok,
           "z-scores differ beyond Monte-Carlo error or are blank in one only: "
           + "; ".join(f"{SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]}: nanocity {col['z_score'][k]:.4g}, own {own_z[k]:.4g}"
                       for k in range(NROWS * NCOLS) if not (both[k] and dz[k] <= z_bound[k]) and not (np.isnan(col['z_score'][k]) and np.isnan(own_z[k]))))

    # the planted near repeats
    pc = PLANTED[0] * NCOLS + PLANTED[1]
    ok = col["ratio_mean"][pc] > 1.5 and col["p_value"][pc] <= 0.01 and own_ratio[pc] > 1.5 and own_p[pc] <= 0.01
    record(f"{tag} planted cell {SPACE_LABELS[PLANTED[0]]}/{TIME_LABELS[PLANTED[1]]} ratio nanocity/own",
           f"{col['ratio_mean'][pc]:.3f}/{own_ratio[pc]:.3f}", "> 1.5, p <= 0.01", ok,
           f"nanocity ratio {col['ratio_mean'][pc]:.4g} p {col['p_value'][pc]:g}; own ratio {own_ratio[pc]:.4g} p {own_p[pc]:g}")

    # patterns.json results.knox_ratio_*: one per cell below the "more than" row and column, row-major
    # (matched by order, so either naming of the outcomes - s1_t1 or 1_100_0_7 - is accepted).
    # An outcome divides the observed pairs by the exact permutation expectation (row total x
    # column total / pairs), not by the Monte-Carlo mean: compared with our own count / our own
    # analytic value.
    res = settings["results"]
    names = [k for k in res if k.startswith("knox_ratio_")]
    want = [rrow * NCOLS + c for rrow in range(NROWS - 1) for c in range(NCOLS - 1)]
    mism = []
    if len(names) != len(want):
        mism.append(f"{len(names)} knox_ratio_* results, expected {len(want)}")
    else:
        for key, k in zip(names, want):
            v = float("nan") if res[key] is None else float(res[key])
            mine = table[k] / analytic[k] if analytic[k] > 0 else float("nan")
            if not ((np.isnan(v) and np.isnan(mine)) or (not np.isnan(v) and not np.isnan(mine) and abs(v - mine) <= 1e-12 * max(1.0, abs(mine)))):
                mism.append(f"{key} {v!r} vs numpy observed/analytic {SPACE_LABELS[k // NCOLS]}/{TIME_LABELS[k % NCOLS]} {mine!r}")
    record(f"patterns.json ({convention}) results.knox_ratio_* = observed/analytic (numpy)", f"{len(mism)} differ", "1e-12", not mism,
           "; ".join(mism))
    return {"planted": (col["ratio_mean"][pc], col["p_value"][pc], own_ratio[pc], own_p[pc])}


# --- grid, concentration --------------------------------------------------------------------------------
def own_grid(x, y, settings):
    g = settings["grid"]
    cell = float(g["cell_m"])
    ex0 = math.floor(x.min() / cell) * cell
    ey0 = math.floor(y.min() / cell) * cell
    ew = math.floor((x.max() - ex0) / cell) + 1
    eh = math.floor((y.max() - ey0) / cell) + 1
    x0, y0 = (float(v) for v in settings["grid_origin_m"])
    ok = (g["width"], g["height"], x0, y0, cell) == (ew, eh, ex0, ey0, CELL)
    record("patterns.json grid width/height/grid_origin_m", f"{g['width']}x{g['height']}", "exact", ok,
           f"nanocity {g['width']}x{g['height']} from ({x0!r}, {y0!r}) cell {cell!r}; "
           f"own {ew}x{eh} from ({ex0!r}, {ey0!r}) cell {CELL!r}")
    w, h = int(g["width"]), int(g["height"])
    cx = np.floor((x - x0) / cell).astype(np.int64)
    cy = np.floor((y - y0) / cell).astype(np.int64)
    assert cx.min() >= 0 and cy.min() >= 0 and cx.max() < w and cy.max() < h, \
        "patterns.json: an incident lies outside the grid that grid_origin_m/width/height describe"
    row = h - 1 - cy  # row 0 is the northern edge
    counts = np.bincount(row * w + cx, minlength=w * h).astype(float)
    return counts, w, h


def check_concentration(outdir, settings, counts):
    k = read_table(os.path.join(outdir, "concentration.csv"),
                   ("cells", "cells_with_incidents", "incidents", "share_25", "share_50", "gini", "gini_generalised"))
    assert len(k) == 1, "concentration.csv: expected one data row"
    k = {a: num(b) for a, b in k[0].items()}
    n = counts.size
    total = counts.sum()
    desc = np.sort(counts)[::-1]
    cum = np.cumsum(desc)
    share = {q: (int(np.argmax(cum >= q * total)) + 1) / n for q in (0.25, 0.5)}
    asc = np.sort(counts)
    i = np.arange(1, n + 1)
    gini = float(np.sum((2 * i - n - 1) * asc) / (n * total))
    gg = 1 - (n / total) * (1 - gini) if total < n else gini
    exact_ok = (k["cells"], k["cells_with_incidents"], k["incidents"]) == (n, int((counts > 0).sum()), total)
    record("concentration.csv cells/cells_with_incidents/incidents", f"{int(k['cells'])}/{int(k['cells_with_incidents'])}/{int(k['incidents'])}",
           "exact", exact_ok, f"nanocity {k['cells']:g}/{k['cells_with_incidents']:g}/{k['incidents']:g}, "
           f"numpy {n}/{int((counts > 0).sum())}/{total:g}")
    pairs = [("share_25", share[0.25], "concentration_25"), ("share_50", share[0.5], "concentration_50"),
             ("gini", gini, "gini"), ("gini_generalised", gg, "gini_generalised")]
    worst = max(float(rel_diff(k[a], e)) for a, e, _ in pairs)
    record("concentration.csv share_25/share_50/gini/gini_generalised max rel diff", worst, 1e-9, worst <= 1e-9,
           "; ".join(f"{a}: numpy {e!r}, nanocity {k[a]!r}" for a, e, _ in pairs if rel_diff(k[a], e) > 1e-9))
    res = settings["results"]
    mism = [f"{r} {res[r]!r} vs concentration.csv {a} {k[a]!r}" for a, _, r in pairs if not same(float(res[r]), k[a])]
    record("patterns.json results concentration/gini = concentration.csv", f"{len(mism)} differ", "exact", not mism, "; ".join(mism))
    # Lorenz: share of incidents held by the least affected p of cells, linear between cells
    lor = read_table(os.path.join(outdir, "lorenz.csv"), ("cell_share", "incident_share"))
    p = np.array([num(r["cell_share"]) for r in lor])
    s = np.array([num(r["incident_share"]) for r in lor])
    cum_asc = np.concatenate([[0.0], np.cumsum(asc)])
    ep = np.linspace(0, 1, 1001)
    es = np.minimum(1, np.interp(ep * n, np.arange(n + 1), cum_asc) / total)
    if len(p) != 1001:
        record("lorenz.csv points", len(p), 1001, False, f"{len(p)} points, expected 1001")
    else:
        d = float(max(np.abs(p - ep).max(), np.abs(s - es).max()))
        record("lorenz.csv max |d| (1001 points)", d, 1e-12, d <= 1e-12, "Lorenz curve differs from numpy's interpolation")
    return {"share_50": share[0.5], "gini": gini}


# --- Gi*, Moran -----------------------------------------------------------------------------------------
def own_queen(w, h):
    """Row-major queen adjacency (no self), to confirm lat2W's id order."""
    a = np.zeros((w * h, w * h), bool)
    for r in range(h):
        for c in range(w):
            for dr in (-1, 0, 1):
                for dc in (-1, 0, 1):
                    if (dr or dc) and 0 <= r + dr < h and 0 <= c + dc < w:
                        a[r * w + c, (r + dr) * w + c + dc] = True
    return a


def make_weights(kind, w, h, settings):
    """A fresh libpysal W (binary, no self-weights) per use: esda's conditional randomisation
    zeroes the diagonal of the W it is given in place."""
    if kind == "queen":
        wt = libpysal.weights.lat2W(h, w, rook=False)
        assert list(wt.id_order) == list(range(w * h)), "libpysal lat2W ids are not 0..n-1 in order"
        assert (wt.sparse.toarray() != 0).tolist() == own_queen(w, h).tolist(), \
            "libpysal lat2W(height, width, rook=False) is not the row-major queen lattice"
        return wt
    x0, y0 = (float(v) for v in settings["grid_origin_m"])
    r, c = np.divmod(np.arange(w * h), w)
    centres = np.column_stack([x0 + (c + 0.5) * CELL, y0 + (h - 1 - r + 0.5) * CELL])
    return libpysal.weights.DistanceBand(centres, threshold=kind, binary=True, silence_warnings=True)


def bh_threshold(p, q):
    p = np.sort(p[~np.isnan(p)])
    m = len(p)
    ok = np.nonzero(p <= np.arange(1, m + 1) * q / m)[0]
    return float(p[ok.max()]) if ok.size else None


def check_gi_moran(label, outdir, settings, counts, w, h, kind, compare_permutations):
    tag = f"gi_star.csv ({label})"
    rows = read_table(os.path.join(outdir, "gi_star.csv"),
                      ("x", "y", "incidents", "z_score", "p_analytic", "p_permutation", "spot"))
    assert len(rows) == w * h, f"gi_star.csv ({label}): {len(rows)} rows, expected {w * h}"
    gx = np.array([int(r["x"]) for r in rows]); gy = np.array([int(r["y"]) for r in rows])
    i = np.arange(w * h)
    assert (gx == i % w).all() and (gy == i // w).all(), f"{tag}: rows are not row-major (x = column, y = row)"
    inc = np.array([num(r["incidents"]) for r in rows])
    bad = np.nonzero(inc != counts)[0]
    record(f"{tag} incidents = own grid counts", f"{len(bad)} of {w * h} differ", "exact", not bad.size,
           "; ".join(f"cell x={k % w} y={k // w}: numpy {counts[k]:g}, nanocity {inc[k]:g}" for k in bad[:10]))
    z = np.array([num(r["z_score"]) for r in rows])
    pa = np.array([num(r["p_analytic"]) for r in rows])
    pp = np.array([num(r["p_permutation"]) for r in rows])
    spot = [r["spot"] for r in rows]

    np.random.seed(NP_GLOBAL_SEED)
    g = esda.G_Local(counts, make_weights(kind, w, h, settings), transform="B", star=True,
                     permutations=PERMUTATIONS if compare_permutations else 0, n_jobs=1, seed=NP_GLOBAL_SEED)
    ez = np.asarray(g.Zs, float)
    nan_ok = (np.isnan(z) == np.isnan(ez)).all()
    dz = np.abs(z - ez)[~np.isnan(ez)]
    worst = int(np.nanargmax(np.abs(z - ez))) if dz.size else 0
    record(f"{tag} z_score vs esda G_Local Zs max |d| ({dz.size} cells)", float(dz.max()), 1e-6,
           nan_ok and dz.max() <= 1e-6,
           f"cell x={worst % w} y={worst // w} ({counts[worst]:g} incidents): esda {ez[worst]!r}, nanocity {z[worst]!r}"
           + ("" if nan_ok else "; blank (undefined) cells differ"))
    npy = np.load(os.path.join(outdir, "gi_star.npy"))
    npy_ok = npy.dtype == np.float32 and npy.shape == (h, w) and \
        ((npy.ravel() == z.astype(np.float32)) | (np.isnan(npy.ravel()) & np.isnan(z))).all()
    record(f"gi_star.npy ({label}) = float32(gi_star.csv z_score)", f"{npy.dtype} {npy.shape}", f"float32 ({h}, {w})",
           npy_ok, f"dtype {npy.dtype} shape {npy.shape}, or values differ from gi_star.csv")
    sp = 2 * stats.norm.sf(np.abs(z))
    rd = rel_diff(pa, sp)[~np.isnan(z)]
    worst = int(np.nanargmax(np.where(np.isnan(z), -1, rel_diff(pa, sp))))
    record(f"{tag} p_analytic vs 2*scipy norm.sf(|z|) max rel diff", float(rd.max()), 1e-9, rd.max() <= 1e-9,
           f"cell x={worst % w} y={worst // w} z {z[worst]!r}: scipy {sp[worst]!r}, nanocity {pa[worst]!r}")
    out = {"gi_cells": int(dz.size), "gi_dz": float(dz.max())}

    if compare_permutations:
        upper = z > 1
        pbar = (pp + g.p_sim) / 2
        bound = 0.02 + 4 * np.sqrt(pbar * (1 - pbar) / PERMUTATIONS)
        within = np.abs(pp - g.p_sim) <= bound
        share = float(within[upper].mean()) if upper.any() else 1.0
        dmax = float(np.abs(pp - g.p_sim)[upper].max()) if upper.any() else 0.0
        record(f"{tag} p_permutation vs esda p_sim, z > 1: cells within MC error (max |d|)",
               f"{int(within[upper].sum())}/{int(upper.sum())} ({dmax:.3g})", ">= 95%", share >= 0.95 and upper.sum() >= 10,
               f"only {share:.1%} of {int(upper.sum())} upper-tail cells agree within 0.02 + 4 sd")
        thr = bh_threshold(pp, FDR)
        res_thr = settings["results"]["gi_fdr_threshold"]
        exp_spot = ["" if thr is None or np.isnan(pp[k]) or pp[k] > thr else ("hot" if z[k] > 0 else "cold")
                    for k in range(w * h)]
        diff = [k for k in range(w * h) if exp_spot[k] != spot[k]]
        hot_share = sum(s == "hot" for s in exp_spot) / (w * h)
        ok = (res_thr == thr or (res_thr is not None and thr is not None and float(res_thr) == thr)) and not diff \
            and float(settings["results"]["gi_hotspot_share"]) == hot_share
        record(f"{tag} FDR threshold / spot classes vs own Benjamini-Hochberg", f"t={fmt(thr)}, {sum(s != '' for s in exp_spot)} spots",
               "exact", ok, f"threshold nanocity {res_thr!r} vs own {thr!r}; gi_hotspot_share {settings['results']['gi_hotspot_share']!r} "
               f"vs {hot_share!r}; {len(diff)} cells classed differently, e.g. "
               + "; ".join(f"x={k % w} y={k // w}: {spot[k]!r} vs {exp_spot[k]!r}" for k in diff[:5]))
        out["gi_upper"] = (int(upper.sum()), share, float(np.abs(pp - g.p_sim)[upper].max()) if upper.any() else 0.0)

    # Moran's I, binary weights without self
    np.random.seed(NP_GLOBAL_SEED)
    m = esda.Moran(counts, make_weights(kind, w, h, settings), transformation="B",
                   permutations=PERMUTATIONS if compare_permutations else 0)
    res = settings["results"]
    mi, me, mz = float(res["moran_i"]), float(res["moran_expected"]), float(res["moran_z_normal"])
    record(f"patterns.json ({label}) moran_i vs esda.Moran I |d|", abs(mi - m.I), 1e-9, abs(mi - m.I) <= 1e-9,
           f"esda {m.I!r}, nanocity {mi!r}")
    record(f"patterns.json ({label}) moran_expected vs esda EI |d|", abs(me - m.EI), 1e-15, abs(me - m.EI) <= 1e-15,
           f"esda {m.EI!r}, nanocity {me!r}")
    record(f"patterns.json ({label}) moran_z_normal vs esda z_norm |d|", abs(mz - m.z_norm), 1e-6, abs(mz - m.z_norm) <= 1e-6,
           f"esda {m.z_norm!r}, nanocity {mz!r}")
    out["moran"] = (abs(mi - m.I), abs(mz - m.z_norm), mi)
    if compare_permutations:
        mp = float(res["moran_p"])
        pbar = (mp + m.p_sim) / 2
        bound = 0.02 + 4 * math.sqrt(pbar * (1 - pbar) / PERMUTATIONS)
        record(f"patterns.json ({label}) moran_p vs esda p_sim |d|", abs(mp - m.p_sim), bound, abs(mp - m.p_sim) <= bound,
               f"esda {m.p_sim!r}, nanocity {mp!r}")
    return out


# --- main -----------------------------------------------------------------------------------------------
def main():
    try:
        return crosscheck()
    except (AssertionError, KeyError) as e:
        what = f"missing key {e}" if isinstance(e, KeyError) else str(e)
        print(f"patterns cross-check FAILED: {what}", file=sys.stderr)
        return 1


def crosscheck():
    if len(sys.argv) != 2:
        print("usage: python3 scripts/patterns-crosscheck.py /path/to/nanocity", file=sys.stderr)
        return 2
    binary = os.path.abspath(sys.argv[1])
    if not os.access(binary, os.X_OK):
        print(f"error: {binary} is not an executable", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="nanocity-patterns-crosscheck-")
    events = os.path.join(work, "incidents.csv")
    n = make_incidents(events)
    x, y, t = read_incidents(events)
    assert len(x) == n

    outs = {"labelled": os.path.join(work, "labelled"), "nrc": os.path.join(work, "nrc"),
            250.0: os.path.join(work, "distance250"), 200.0: os.path.join(work, "distance200")}
    settings = {"labelled": run(binary, events, outs["labelled"], []),
                "nrc": run(binary, events, outs["nrc"], ["--nrc-bands"]),
                250.0: run(binary, events, outs[250.0], ["--weights", "distance:250"]),
                200.0: run(binary, events, outs[200.0], ["--weights", "distance:200"])}
    t_bin = time.monotonic() - START

    def label_of(key):
        return key if isinstance(key, str) else f"distance:{key:g}"

    for key, s in settings.items():
        ok = s["rows"] == n and s["bad_rows"] == 0 and s["filtered_out"] == 0 and s["results"]["incidents"] == n
        record(f"patterns.json ({label_of(key)}) rows/bad_rows/incidents", f"{s['rows']}/{s['bad_rows']}", f"{n}/0", ok,
               f"rows {s['rows']}, bad_rows {s['bad_rows']} ({s['first_bad_rows']}), incidents {s['results']['incidents']}; expected {n}, 0")
    for d in (250.0, 200.0):
        wt = settings[d]["weights"]
        record(f"patterns.json (distance:{d:g}) weights", json.dumps(wt), "distance_m", wt == {"distance_m": d}, f"weights {wt!r}")

    # Knox
    tables, ci, cj, cd, nearest_edge = knox_all_pairs(x, y, t)
    assert nearest_edge > 1e-6, \
        f"synthetic data: a pair lies {nearest_edge:g} m from a band edge; the check needs separations clear of the edges"
    sims = knox_own_permutations(t, ci, cj, cd, tables, ITERATIONS, OWN_SEED)
    n_close = {"labelled": int((cd <= SPACE_N * SPACE_W).sum()),
               "nrc": int(((cd < SPACE_N * SPACE_W) | (cd < 1)).sum())}
    knox = {c: check_knox(c, outs[c], settings[c], tables[c], sims[c], n, n_close[c]) for c in CONVENTIONS}
    # the two conventions must differ where the data make them differ (pairs 7/14/21 days apart, < 1 m apart)
    record("knox observed labelled != nrc (the conventions are told apart)",
           int(np.abs(tables["labelled"] - tables["nrc"]).sum()), "> 0", (tables["labelled"] != tables["nrc"]).any(),
           "the synthetic data do not separate the band conventions")

    # grid, concentration, Gi*, Moran
    counts, w, h = own_grid(x, y, settings["labelled"])
    for key in ("nrc", 250.0, 200.0):
        s, r = settings[key], settings["labelled"]
        record(f"patterns.json ({label_of(key)}) grid = labelled run's", f"{s['grid']['width']}x{s['grid']['height']}", "exact",
               s["grid"] == r["grid"] and s["grid_origin_m"] == r["grid_origin_m"], "grid differs between runs")
    conc = check_concentration(outs["labelled"], settings["labelled"], counts)
    gq = check_gi_moran("queen", outs["labelled"], settings["labelled"], counts, w, h, "queen", True)
    gd = {d: check_gi_moran(f"distance:{d:g}", outs[d], settings[d], counts, w, h, d, False) for d in (250.0, 200.0)}

    # --- report ---
    elapsed = time.monotonic() - START
    width = max(len(c[0]) for c in checks)
    fw = max(14, max(len(c[1] if isinstance(c[1], str) else fmt(c[1])) for c in checks))
    bw = max(14, max(len(c[2] if isinstance(c[2], str) else fmt(c[2])) for c in checks))
    print(f"nanocity patterns cross-check: {n} synthetic incidents, grid {w}x{h} of {CELL:g} m, "
          f"Knox {SPACE_W:g}:{SPACE_N} m x {TIME_W:g}:{TIME_N} d, {ITERATIONS} Knox / {PERMUTATIONS} Gi*/Moran permutations; "
          f"esda {esda.__version__}, libpysal {libpysal.__version__}, numpy {np.__version__}")
    print(f"{'check':<{width}}  {'figure':>{fw}}  {'bound':>{bw}}  status")
    for name, figure, bound, ok in checks:
        f = figure if isinstance(figure, str) else fmt(figure)
        b = bound if isinstance(bound, str) else fmt(bound)
        print(f"{name:<{width}}  {f:>{fw}}  {b:>{bw}}  {'ok' if ok else 'FAIL'}")
    lab, nrc = knox["labelled"].get("planted"), knox["nrc"].get("planted")
    if lab and nrc:
        print(f"summary: knox observed exact over {n * (n - 1) // 2} pairs (labelled, nrc); planted cell ratio "
              f"{lab[0]:.3f} (own {lab[2]:.3f}) p {lab[1]:g} labelled, {nrc[0]:.3f} (own {nrc[2]:.3f}) p {nrc[1]:g} nrc; "
              f"Gi* z max |d| {gq['gi_dz']:.2g} over {gq['gi_cells']} cells (queen), "
              f"{gd[250.0]['gi_dz']:.2g} / {gd[200.0]['gi_dz']:.2g} (distance 250 / 200 m); "
              f"Moran I |d| {gq['moran'][0]:.2g}, z_norm |d| {gq['moran'][1]:.2g} (I = {gq['moran'][2]:.4f}); "
              f"gini {conc['gini']:.6f}; data + 4 runs {t_bin:.1f} s, total {elapsed:.1f} s")
    if failures:
        print(f"\npatterns cross-check FAILED ({len(failures)} of {len(checks)} checks); files kept in {work}:", file=sys.stderr)
        for f in failures:
            print("  FAIL " + f, file=sys.stderr)
        return 1
    shutil.rmtree(work, ignore_errors=True)
    print("patterns cross-check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
