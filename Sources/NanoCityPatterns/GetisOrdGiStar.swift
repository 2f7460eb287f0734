import NanoCityEngine
import NanoCityStats

/// Getis & Ord's (1992; Ord & Getis 1995) local statistic Gi* on a count grid: for each cell,
/// how far the sum over its neighbourhood (the cell itself included, binary weights) lies
/// above what the city-wide mean predicts, as a z-score.
public struct GiStar: Sendable {
    /// Per cell, row-major: z-score (nil where the counts do not vary at all).
    public let z: [Double?]
    /// Two-sided p-value of z under the normal approximation.
    public let pAnalytic: [Double?]
    /// Folded pseudo p-value from conditional permutations (`PermutationPValue.folded`).
    public let pPermutation: [Double?]
    /// The Benjamini–Hochberg threshold at `fdr`, if any cell passes, on the permutation
    /// p-values — or on the analytic ones when there are no permutations.
    public let threshold: Double?
    public let fdr: Double
    public let permutations: Int
    public let seed: UInt64

    /// The p-values the FDR control uses: permutation, or analytic without permutations.
    public var controlled: [Double?] { permutations > 0 ? pPermutation : pAnalytic }

    /// +1 hot spot, −1 cold spot (significant after FDR control), 0 neither.
    public func spotClass(_ cell: Int) -> Int {
        guard let t = threshold, let p = controlled[cell], let zi = z[cell], p <= t else { return 0 }
        return zi > 0 ? 1 : -1
    }

    /// Share of cells that are significant hot spots.
    public var hotspotShare: Double {
        Double(z.indices.reduce(0) { $0 + (spotClass($1) == 1 ? 1 : 0) }) / Double(max(1, z.count))
    }

    /// Computes Gi* for every cell. `weights` must include each cell itself. The conditional
    /// permutation of cell i keeps its count and draws its other neighbours' counts without
    /// replacement from the other n − 1 cells, `permutations` times, with xoshiro256** seeded by
    /// `SplitMix64.derive(base: seed, index: i)` — the same for any `threads`.
    public init(_ grid: CountGrid, weights: SpatialWeights, permutations: Int, fdr: Double,
                seed: UInt64, threads: Int = 1) {
        precondition(weights.includesSelf && weights.cells == grid.cells)
        let n = grid.cells
        let x = grid.counts
        let mean = x.reduce(0, +) / Double(n)
        let s = max(0, x.reduce(0) { $0 + $1 * $1 } / Double(n) - mean * mean).squareRoot()
        var z = [Double?](repeating: nil, count: n)
        var pa = z, pp = z
        let local: [Double] = (0..<n).map { i in
            var sum = 0.0
            for k in weights.offsets[i]..<weights.offsets[i + 1] { sum += x[Int(weights.neighbours[k])] }
            return sum
        }
        if s > 0 && n > 1 {
            for i in 0..<n {
                let w = Double(weights.degree(i))
                let variance = (Double(n) * w - w * w) / Double(n - 1)
                guard variance > 0 else { continue }
                let zi = (local[i] - mean * w) / (s * variance.squareRoot())
                z[i] = zi
                pa[i] = 2 * StandardNormal.cdf(-abs(zi))
            }
            if permutations > 0 {
                pp.withUnsafeMutableBufferPointer { out in
                    let sink = UncheckedSink(out)
                    let tasks = max(1, min(grid.height, threads * 4))
                    let widest = (0..<n).reduce(0) { max($0, weights.degree($1)) }
                    ConcurrentTasks.run(count: tasks, threads: threads) { b in
                        var scratch = [Int32](0..<Int32(n - 1))
                        var swaps = [Int32](repeating: 0, count: widest)
                        for y in (b * grid.height / tasks)..<((b + 1) * grid.height / tasks) {
                            for i in (y * grid.width)..<((y + 1) * grid.width) where z[i] != nil {
                                var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(i)))
                                let draws = weights.degree(i) - 1
                                var atOrAbove = 0, atOrBelow = 0
                                for _ in 0..<permutations {
                                    var sum = x[i]
                                    for t in 0..<draws {
                                        let r = t + rng.below(n - 1 - t)
                                        swaps[t] = Int32(r)
                                        scratch.swapAt(t, r)
                                        let v = Int(scratch[t])
                                        sum += x[v < i ? v : v + 1]
                                    }
                                    // Undone, so every draw starts from the identity whichever
                                    // cells this task drew for before: same bits for any `threads`.
                                    for t in stride(from: draws - 1, through: 0, by: -1) { scratch.swapAt(t, Int(swaps[t])) }
                                    if sum >= local[i] { atOrAbove += 1 }
                                    if sum <= local[i] { atOrBelow += 1 }
                                }
                                sink.buffer[i] = PermutationPValue.folded(atOrAbove: atOrAbove, atOrBelow: atOrBelow, permutations: permutations)
                            }
                        }
                    }
                }
            }
        }
        self.z = z
        pAnalytic = pa
        pPermutation = pp
        self.fdr = fdr
        self.permutations = permutations
        self.seed = seed
        threshold = PermutationPValue.falseDiscoveryThreshold((permutations > 0 ? pp : pa).compactMap { $0 }, q: fdr)
    }
}
