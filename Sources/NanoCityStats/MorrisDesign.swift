import NanoCityEngine

/// Morris elementary-effects trajectories (M. D. Morris, "Factorial sampling plans for
/// preliminary computational experiments", Technometrics 33 (1991) 161–174), laid out as SALib's
/// `morris.sample(problem, R, num_levels=L)`: R trajectories of k + 1 rows each.
///
/// Each trajectory starts at a random base point x* on the grid {0, 1/(L−1), …, 1 − Δ} (Δ =
/// L / (2(L − 1))) and moves one factor at a time, in a random order, by +Δ or −Δ (a factor that
/// moves down starts at x* + Δ), so every value stays on the L-level grid in [0, 1].
public struct MorrisDesign: Sendable {
    public let factors: Int
    public let trajectories: Int
    public let levels: Int
    /// Rows in unit coordinates, R·(k + 1) of them.
    public let rows: [[Double]]

    /// The step Δ = L / (2(L − 1)) in unit coordinates.
    public static func delta(levels: Int) -> Double { Double(levels) / (2 * Double(levels - 1)) }

    /// - Parameters: factors k ≥ 1; trajectories R ≥ 2; levels L even, ≥ 2; the seed of the
    ///   design's own xoshiro256** stream.
    public init(factors k: Int, trajectories r: Int, levels: Int, seed: UInt64) {
        precondition(k >= 1 && r >= 2 && levels >= 2 && levels % 2 == 0)
        factors = k
        trajectories = r
        self.levels = levels
        let delta = Self.delta(levels: levels)
        var rng = Xoshiro256StarStar(seed: seed)
        var rows: [[Double]] = []
        rows.reserveCapacity(r * (k + 1))
        for _ in 0..<r {
            // x* on the lower half of the grid: {0, 1/(L−1), …, (L/2 − 1)/(L−1)}.
            let base = (0..<k).map { _ in Double(rng.below(levels / 2)) / Double(levels - 1) }
            let up = (0..<k).map { _ in rng.below(2) == 1 }
            var order = Array(0..<k)
            rng.shuffle(&order)
            var x = (0..<k).map { up[$0] ? base[$0] : base[$0] + delta }
            rows.append(x)
            for j in order {
                x[j] = up[j] ? base[j] + delta : base[j]
                rows.append(x)
            }
        }
        self.rows = rows
    }
}
