/// n, mean, standard deviation and a 95% Student-t confidence interval of a sample.
///
/// Sums run in a fixed order (the order given), so equal inputs give bit-equal results.
public struct SampleSummary: Sendable, Equatable {
    public let n: Int
    public let mean: Double
    /// Sample standard deviation (n − 1 in the denominator); nil when n < 2.
    public let sd: Double?

    public init<C: Collection>(_ values: C) where C.Element == Double {
        n = values.count
        guard n > 0 else { mean = .nan; sd = nil; return }
        // Two passes: the mean, then squared deviations (no cancellation as in Σx² − n·m²).
        var s = 0.0
        for v in values { s += v }
        let m = s / Double(n)
        mean = m
        guard n > 1 else { sd = nil; return }
        var ss = 0.0
        for v in values { ss += (v - m) * (v - m) }
        sd = (ss / Double(n - 1)).squareRoot()
    }

    /// A summary whose sums were accumulated elsewhere (streaming over files, say): `mean` must
    /// be Σx / n and `sd` √(Σ(x − mean)² / (n − 1)), summed in the sample's order, for the
    /// result to equal `init(_:)` on the same values bit for bit.
    public init(n: Int, mean: Double, sd: Double?) {
        self.n = n
        self.mean = mean
        self.sd = n > 1 ? sd : nil
    }

    /// Standard error of the mean; nil when n < 2.
    public var standardError: Double? { sd.map { $0 / Double(n).squareRoot() } }

    /// Half-width of the 95% CI: t₀.₉₇₅(n − 1) · sd / √n; nil when n < 2.
    public var halfWidth95: Double? { standardError.map { StudentT.critical95(df: n - 1) * $0 } }

    /// The 95% confidence interval of the mean; nil when n < 2.
    public var ci95: (low: Double, high: Double)? { halfWidth95.map { (mean - $0, mean + $0) } }

    /// Half-width relative to |mean|: ∞ when the mean is 0 and the spread is not, 0 when both are.
    public var relativeHalfWidth95: Double? {
        guard let h = halfWidth95 else { return nil }
        if h == 0 { return 0 }
        return h / abs(mean)
    }

    /// Replicates needed for a 95% half-width within `relative`·|mean|, using this sample's sd as
    /// the population's: the least n ≥ 2 with t₀.₉₇₅(n−1)·sd/√n ≤ relative·|mean|. nil when n < 2
    /// or when no n reaches it (mean 0 with spread); `cap` bounds the search.
    public func replicatesNeeded(relative: Double, cap: Int = 1_000_000) -> Int? {
        guard let sd, relative > 0 else { return nil }
        let target = relative * abs(mean)
        if sd == 0 { return 2 }
        guard target > 0 else { return nil }
        // Start from the normal approximation, then walk up while the t factor is too big.
        let z = StandardNormal.z975
        let ratio = z * sd / target
        var k = max(2, Int(min(Double(cap), (ratio * ratio).rounded(.down))))
        while k <= cap {
            if StudentT.critical95(df: k - 1) * sd / Double(k).squareRoot() <= target { return k }
            k += 1
        }
        return nil
    }
}
