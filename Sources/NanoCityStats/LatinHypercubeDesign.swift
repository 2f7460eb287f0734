import NanoCityEngine

/// A Latin hypercube (M. D. McKay, R. J. Beckman and W. J. Conover, "A comparison of three
/// methods for selecting values of input variables in the analysis of output from a computer
/// code", Technometrics 21 (1979) 239–245): n samples of k factors, each factor's range cut into
/// n equal strata and every stratum used once, the strata permuted independently per factor.
///
/// Draw order, which fixes the design for a seed: per factor, a Fisher–Yates shuffle of the
/// strata, then one uniform per sample in stratum order.
public struct LatinHypercubeDesign: Sendable {
    public let samples: Int
    public let factors: Int
    /// `positions[factor][sample]` = stratum + jitter, in [0, n): the unit coordinate times n,
    /// kept unscaled so a caller's `lo + (hi − lo) · position / n` rounds as it always has.
    public let positions: [[Double]]

    /// - Parameters: samples n ≥ 1; factors k ≥ 0; the seed of the design's own xoshiro256** stream.
    public init(samples n: Int, factors k: Int, seed: UInt64) {
        precondition(n >= 1 && k >= 0)
        samples = n
        factors = k
        var rng = Xoshiro256StarStar(seed: seed)
        var positions: [[Double]] = []
        positions.reserveCapacity(k)
        for _ in 0..<k {
            var strata = Array(0..<n)
            rng.shuffle(&strata)
            positions.append(strata.map { Double($0) + rng.uniform() })
        }
        self.positions = positions
    }

    /// Sample `s` of factor `f` in unit coordinates [0, 1).
    public func unit(factor f: Int, sample s: Int) -> Double { positions[f][s] / Double(samples) }
}
