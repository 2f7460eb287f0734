import NanoCityEngine
import NanoCityStats

/// Global Moran's I (Moran 1950) of a count grid with binary weights (no self-weights):
/// I = (n / S₀) Σᵢⱼ wᵢⱼ zᵢ zⱼ / Σᵢ zᵢ², z the deviations from the mean.
public struct MoransI: Sendable, Equatable {
    public let i: Double
    /// −1/(n−1), its expectation under no autocorrelation.
    public let expected: Double
    /// z-score and two-sided p-value under the normality assumption (Cliff & Ord 1981).
    public let zNormal: Double
    public let pNormal: Double
    /// Folded pseudo p-value from `permutations` random permutations of the counts.
    public let pPermutation: Double?
    public let permutations: Int

    /// Nil when the counts do not vary (I is undefined). Permutation k shuffles with
    /// xoshiro256** seeded by `SplitMix64.derive(base: seed, index: k)`, for any `threads`.
    public init?(_ grid: CountGrid, weights: SpatialWeights, permutations: Int, seed: UInt64, threads: Int = 1) {
        precondition(!weights.includesSelf && weights.cells == grid.cells)
        let n = grid.cells
        let mean = grid.total / Double(n)
        let z = grid.counts.map { $0 - mean }
        let m2 = z.reduce(0) { $0 + $1 * $1 }
        guard m2 > 0, n > 2 else { return nil }
        let s0 = Double(weights.neighbours.count)
        guard s0 > 0 else { return nil }
        func statistic(_ v: [Double]) -> Double {
            var cross = 0.0
            for a in 0..<n {
                var lag = 0.0
                for k in weights.offsets[a]..<weights.offsets[a + 1] { lag += v[Int(weights.neighbours[k])] }
                cross += v[a] * lag
            }
            return Double(n) / s0 * cross / m2
        }
        i = statistic(z)
        let nd = Double(n)
        expected = -1 / (nd - 1)
        let s1 = 2 * s0
        var s2 = 0.0
        for a in 0..<n { s2 += 4 * Double(weights.degree(a) * weights.degree(a)) }
        let variance = (nd * nd * s1 - nd * s2 + 3 * s0 * s0) / ((nd * nd - 1) * s0 * s0) - expected * expected
        zNormal = (i - expected) / variance.squareRoot()
        pNormal = 2 * StandardNormal.cdf(-abs(zNormal))
        self.permutations = permutations
        if permutations > 0 {
            var sims = [Double](repeating: 0, count: permutations)
            sims.withUnsafeMutableBufferPointer { out in
                let sink = UncheckedSink(out)
                ConcurrentTasks.run(count: permutations, threads: threads) { k in
                    var rng = Xoshiro256StarStar(seed: SplitMix64.derive(base: seed, index: UInt64(k)))
                    var v = z
                    rng.shuffle(&v)
                    sink.buffer[k] = statistic(v)
                }
            }
            let observed = i
            pPermutation = PermutationPValue.folded(atOrAbove: sims.reduce(0) { $0 + ($1 >= observed ? 1 : 0) },
                                                    atOrBelow: sims.reduce(0) { $0 + ($1 <= observed ? 1 : 0) },
                                                    permutations: permutations)
        } else {
            pPermutation = nil
        }
    }
}
