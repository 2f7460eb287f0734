"""The peers' reference workload (PEERS-WORKLOAD.md) in Mesa 3.5, written idiomatically:
CellAgent on an OrthogonalMooreGrid (not toroidal), fields as property layers read and written
through `cell.waste` / `cell.toxicity`, `shuffle_do` for the agent steps, and the layers'
NumPy arrays for diffusion. Needs Python ≥ 3.12 with mesa==3.5.1 and networkx.
Usage: python mesa_city.py [W H N TICKS SEED]."""
import sys
import time

import mesa
import numpy as np
from mesa.discrete_space import CellAgent, OrthogonalMooreGrid

RECYCLER, SCAVENGER, CRIMINAL, GUARD = range(4)


class Walker(CellAgent):
    def __init__(self, model, kind, cell):
        super().__init__(model)
        self.kind = kind
        self.cell = cell

    def move(self):
        self.cell = self.cell.neighborhood.select_random_cell()

    def act(self):
        if self.kind == RECYCLER:
            self.cell.waste = 0.0
        elif self.kind == SCAVENGER:
            self.cell.waste = self.cell.waste * 0.5
        elif self.kind == CRIMINAL and self.random.random() < 0.01:
            self.cell.toxicity = self.cell.toxicity + 5.0


class City(mesa.Model):
    def __init__(self, width, height, n, seed):
        super().__init__(rng=seed)
        self.grid = OrthogonalMooreGrid((width, height), torus=False, random=self.random)
        self.grid.create_property_layer("waste", 0.0, dtype=np.float32)
        self.grid.create_property_layer("toxicity", 0.0, dtype=np.float32)
        cells = self.grid.all_cells.cells
        for i in range(n):
            Walker(self, i % 4, self.random.choice(cells))
        self.guards = [a for a in self.agents if a.kind == GUARD]
        ones = np.ones((width, height), dtype=np.float32)
        self.k = neighbour_sum(ones)
        self.agent_s = self.field_s = 0.0

    def step(self):
        a0 = time.perf_counter()
        self.agents.shuffle_do("move")
        self.agents.shuffle_do("act")
        caught = set()
        for g in self.guards:
            for cell in [g.cell, *g.cell.neighborhood]:
                for a in cell.agents:
                    if a.kind == CRIMINAL:
                        caught.add(a)
        cells = self.grid.all_cells.cells
        for a in caught:
            a.cell = self.random.choice(cells)
        a1 = time.perf_counter()
        tox = self.grid.toxicity.data
        share = np.float32(0.2 / 8)
        tox[...] = np.float32(0.99) * (tox * (np.float32(1) - share * self.k) + share * neighbour_sum(tox))
        self.grid.waste.data += np.float32(0.01)
        self.field_s += time.perf_counter() - a1
        self.agent_s += a1 - a0


def neighbour_sum(v):
    p = np.pad(v, 1)
    rows = p[:-2] + p[1:-1] + p[2:]
    return rows[:, :-2] + rows[:, 1:-1] + rows[:, 2:] - v


def main():
    a = [int(x) for x in sys.argv[1:6]]
    w, h, n, ticks, seed = a if len(a) == 5 else (200, 200, 2000, 200, 1)
    t0 = time.perf_counter()
    model = City(w, h, n, seed)
    setup = time.perf_counter() - t0
    loop0 = time.perf_counter()
    for _ in range(ticks):
        model.step()
    loop = time.perf_counter() - loop0
    print("implementation=mesa")
    print(f"order=shuffled (shuffle_do), mesa {mesa.__version__}")
    print(f"grid={w}x{h} agents={n} ticks={ticks} seed={seed}")
    print(f"setup_s={setup:.4f}")
    print(f"loop_s={loop:.4f}")
    print(f"ticks_per_s={ticks / loop:.1f}")
    print(f"agent_steps_per_s={n * ticks / loop:.4g}")
    print(f"agent_phase_s={model.agent_s:.4f}")
    print(f"field_phase_s={model.field_s:.4f}")
    print(f"field_ns_per_cell={model.field_s * 1e9 / (w * h * ticks):.3f}")
    print(f"toxicity_total={float(model.grid.toxicity.data.sum(dtype=np.float64)):.2f}")
    print(f"waste_total={float(model.grid.waste.data.sum(dtype=np.float64)):.2f}")


if __name__ == "__main__":
    main()
