"""The peers' reference workload (PEERS-WORKLOAD.md) in NumPy, written as a performance-minded
researcher would: agents as arrays, vectorised moves and acts, np.add.at for collisions, a
separable box sum for diffusion. Usage: python numpy_city.py [W H N TICKS SEED]."""
import sys
import time

import numpy as np

OFFSETS = np.array([(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)], dtype=np.int64)


def box_neighbour_sum(v):
    """Sum of the 8 Moore neighbours of every cell (zero outside the grid)."""
    p = np.pad(v, 1)
    rows = p[:-2] + p[1:-1] + p[2:]          # vertical 3-sums
    box = rows[:, :-2] + rows[:, 1:-1] + rows[:, 2:]
    return box - v


def neighbour_counts(h, w):
    return box_neighbour_sum(np.ones((h, w), dtype=np.float32))


def diffuse(v, rate, k):
    """NetLogo diffuse on a bounded grid: give rate/8 to each existing neighbour, keep the rest."""
    share = np.float32(rate / 8)
    return v * (np.float32(1) - share * k) + share * box_neighbour_sum(v)


def main():
    a = [int(x) for x in sys.argv[1:6]]
    w, h, n, ticks, seed = a if len(a) == 5 else (200, 200, 2000, 200, 1)
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    waste = np.zeros((h, w), dtype=np.float32)
    tox = np.zeros((h, w), dtype=np.float32)
    k = neighbour_counts(h, w)
    cells = w * h
    # Neighbour table: for each cell its in-grid Moore neighbours first, then a sentinel
    # (index `cells`), and how many exist; a move is one table lookup per agent.
    cx, cy = np.meshgrid(np.arange(w), np.arange(h))
    cx, cy = cx.reshape(-1), cy.reshape(-1)
    nbr = np.full((cells, 8), cells, dtype=np.int64)
    count = np.zeros(cells, dtype=np.int64)
    for dx, dy in OFFSETS:
        nx, ny = cx + dx, cy + dy
        ok = (nx >= 0) & (nx < w) & (ny >= 0) & (ny < h)
        nbr[ok, count[ok]] = (ny * w + nx)[ok]
        count[ok] += 1
    cell = rng.integers(0, cells, n)
    kind = np.arange(n) % 4
    rec, scav, crim, guard = (np.nonzero(kind == i)[0] for i in range(4))
    # Diffusion buffers, allocated once: a zero-bordered copy, row sums, box sums.
    pad = np.zeros((h + 2, w + 2), dtype=np.float32)
    rows = np.empty((h, w + 2), dtype=np.float32)
    box = np.empty((h, w), dtype=np.float32)
    keep = (np.float32(0.99) * (np.float32(1) - np.float32(0.2 / 8) * k)).astype(np.float32)
    give = np.float32(0.99 * 0.2 / 8)
    setup = time.perf_counter() - t0
    agent_s = field_s = 0.0
    loop0 = time.perf_counter()
    for _ in range(ticks):
        a0 = time.perf_counter()
        # 1. move: a uniform choice among the neighbours that exist
        cell = nbr[cell, (rng.random(n) * count[cell]).astype(np.int64)]
        # 2. act (any recycler empties its cell; each scavenger halves what is left)
        flat_w = waste.reshape(-1)
        u, c = np.unique(cell[scav], return_counts=True)
        flat_w[u] *= np.float32(0.5) ** c.astype(np.float32)
        flat_w[cell[rec]] = 0
        hit = crim[rng.random(crim.size) < 0.01]
        np.add.at(tox.reshape(-1), cell[hit], np.float32(5))
        # 3. arrests: criminals within the 3×3 of any guard respawn anywhere
        cover = np.zeros(cells + 1, dtype=bool)
        gc = cell[guard]
        cover[gc] = True
        cover[nbr[gc]] = True
        cover[cells] = False
        caught = crim[cover[cell[crim]]]
        cell[caught] = rng.integers(0, cells, caught.size)
        a1 = time.perf_counter()
        # 4. fields
        pad[1:-1, 1:-1] = tox
        np.add(pad[:-2], pad[1:-1], out=rows)
        rows += pad[2:]
        np.add(rows[:, :-2], rows[:, 1:-1], out=box)
        box += rows[:, 2:]
        box -= tox                      # the 8 neighbours' sum
        box *= give
        tox *= keep
        tox += box                      # 0.99 · diffuse(tox, 0.2)
        waste += np.float32(0.01)
        field_s += time.perf_counter() - a1
        agent_s += a1 - a0
    loop = time.perf_counter() - loop0
    print("implementation=numpy")
    print("order=vectorised (all agents at once; recyclers after scavengers on a shared cell, same result)")
    print(f"grid={w}x{h} agents={n} ticks={ticks} seed={seed}")
    print(f"setup_s={setup:.4f}")
    print(f"loop_s={loop:.4f}")
    print(f"ticks_per_s={ticks / loop:.1f}")
    print(f"agent_steps_per_s={n * ticks / loop:.4g}")
    print(f"agent_phase_s={agent_s:.4f}")
    print(f"field_phase_s={field_s:.4f}")
    print(f"field_ns_per_cell={field_s * 1e9 / (w * h * ticks):.3f}")
    print(f"toxicity_total={float(tox.sum(dtype=np.float64)):.2f}")
    print(f"waste_total={float(waste.sum(dtype=np.float64)):.2f}")


if __name__ == "__main__":
    main()
