import NanoCityEngine

/// The peers' reference workload on NanoCity's engine types.
///
/// A bounded W×H grid with float32 fields `waste` and `toxicity` (0 at the start); N agents,
/// agent i of kind i mod 4 (recycler, scavenger, criminal, guard) on a uniformly random cell.
/// One tick: (1) every agent moves to a uniformly chosen Moore neighbour inside the grid;
/// (2) each acts at its new cell: a recycler takes all the waste, a scavenger half, a criminal
/// adds 5 toxicity with probability 0.01; (3) every criminal in the 3×3 neighbourhood of a
/// guard is arrested and respawned on a uniformly random cell; (4) toxicity ← 0.99 ·
/// NetLogo-diffuse(toxicity, 0.2), then waste += 0.01 everywhere.
///
/// Agents act in index order (fixed), one xoshiro256** stream seeded by SplitMix64.
struct PeersCity {
    static let offsets: [(Int32, Int32)] = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]

    let size: GridSize
    var waste: ScalarField
    var toxicity: ScalarField
    var scratch: [Float] = []
    var x: [Int32]
    var y: [Int32]
    /// Guards covering each cell this tick (cleared after the arrests).
    var guardCover: [UInt8]
    var rng: Xoshiro256StarStar
    let agents: Int

    init(width: Int, height: Int, agents: Int, seed: UInt64) {
        size = GridSize(width: width, height: height)
        waste = ScalarField(size: size)
        toxicity = ScalarField(size: size)
        rng = Xoshiro256StarStar(seed: seed)
        self.agents = agents
        x = []; y = []
        x.reserveCapacity(agents); y.reserveCapacity(agents)
        for _ in 0..<agents {
            x.append(Int32(rng.below(width)))
            y.append(Int32(rng.below(height)))
        }
        guardCover = [UInt8](repeating: 0, count: size.count)
    }

    /// Steps 1–3.
    mutating func agentPhase() {
        let w = Int32(size.width), h = Int32(size.height)
        x.withUnsafeMutableBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in
                waste.values.withUnsafeMutableBufferPointer { wv in
                    toxicity.values.withUnsafeMutableBufferPointer { tv in
                        guardCover.withUnsafeMutableBufferPointer { cover in
                            Self.offsets.withUnsafeBufferPointer { off in
                                var rng = self.rng
                                // Sets the 3×3 block around guard i (inside the grid) to `value`.
                                func mark(_ i: Int, _ value: UInt8) {
                                    for dy in -1...1 {
                                        let yy = Int(ys[i]) + dy
                                        guard yy >= 0 && yy < Int(h) else { continue }
                                        for dx in -1...1 {
                                            let xx = Int(xs[i]) + dx
                                            if xx >= 0 && xx < Int(w) { cover[yy * Int(w) + xx] = value }
                                        }
                                    }
                                }
                                for i in 0..<agents {
                                    let ax = xs[i], ay = ys[i]
                                    var nx: Int32, ny: Int32
                                    if ax > 0 && ay > 0 && ax < w - 1 && ay < h - 1 {
                                        let o = off[rng.below(8)]
                                        nx = ax + o.0; ny = ay + o.1
                                    } else {
                                        // On the border: uniform among the neighbours that exist.
                                        repeat {
                                            let o = off[rng.below(8)]
                                            nx = ax + o.0; ny = ay + o.1
                                        } while nx < 0 || ny < 0 || nx >= w || ny >= h
                                    }
                                    xs[i] = nx; ys[i] = ny
                                }
                                for i in 0..<agents {
                                    let c = Int(ys[i]) * Int(w) + Int(xs[i])
                                    switch i & 3 {
                                    case 0: wv[c] = 0
                                    case 1: wv[c] *= 0.5
                                    case 2: if rng.uniform() < 0.01 { tv[c] += 5 }
                                    default: mark(i, 1)
                                    }
                                }
                                for i in stride(from: 2, to: agents, by: 4) where cover[Int(ys[i]) * Int(w) + Int(xs[i])] != 0 {
                                    xs[i] = Int32(rng.below(Int(w)))
                                    ys[i] = Int32(rng.below(Int(h)))
                                }
                                // Clear only what the guards marked.
                                for i in stride(from: 3, to: agents, by: 4) { mark(i, 0) }
                                self.rng = rng
                            }
                        }
                    }
                }
            }
        }
    }

    /// Step 4.
    mutating func fieldPhase() {
        Diffusion.step(&toxicity, rate: 0.2, decay: 0.99, scratch: &scratch)
        waste.values.withUnsafeMutableBufferPointer { v in
            for i in v.indices { v[i] += 0.01 }
        }
    }
}
