/// A random-effects meta-analysis: one pooled effect from k estimates (one per city layout,
/// say) that each carry their own sampling variance, allowing the true effect to differ
/// between them by a between-level variance τ².
///
/// - τ² by DerSimonian & Laird (1986, the method of moments) or Paule & Mandel (1982, the
///   τ² at which the generalised Q equals its expectation k − 1; solved by bisection).
/// - The interval by Hartung & Knapp (2001) and Sidik & Jonkman (2002): the variance of the
///   pooled mean scaled by q = Σw*(y − μ)²/(k − 1) and a t quantile with k − 1 degrees of
///   freedom, which keeps close to 95% coverage with few levels where the normal (Wald)
///   interval is too narrow. q is not truncated at 1 (as statsmodels' `combine_effects`
///   "random effect wls" row, which CI checks against).
/// - I² = (Q − (k − 1))/Q (Higgins & Thompson 2002), the share of the spread of the
///   estimates beyond their sampling error; 0 when Q ≤ k − 1.
public struct RandomEffects: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable {
        case dl
        case pm

        public var name: String { self == .dl ? "DerSimonian–Laird" : "Paule–Mandel" }
    }

    public let method: Method
    /// Number of estimates pooled.
    public let k: Int
    /// The pooled (random-effects weighted) mean effect.
    public let estimate: Double
    /// Hartung–Knapp standard error of `estimate`.
    public let standardError: Double
    /// The 95% Hartung–Knapp interval (t with k − 1 df).
    public let low: Double
    public let high: Double
    /// Two-sided p-value for "pooled effect 0" (t with k − 1 df); NaN when the spread is 0.
    public let p: Double
    /// Between-level variance, in the effect's unit squared; ≥ 0.
    public let tau2: Double
    /// Cochran's Q of the fixed-effect fit.
    public let q: Double
    /// I² in [0, 1].
    public let i2: Double

    /// Pools `effects[i]` with sampling variances `variances[i]`; nil when k < 2 or a
    /// variance is not positive and finite (an estimate without spread cannot be weighted).
    public init?(effects y: [Double], variances v: [Double], method: Method) {
        precondition(y.count == v.count, "one variance per effect")
        let k = y.count
        guard k >= 2, v.allSatisfy({ $0 > 0 && $0.isFinite }), y.allSatisfy(\.isFinite) else { return nil }
        self.method = method
        self.k = k
        let w = v.map { 1 / $0 }
        let sw = w.reduce(0, +)
        let fixed = zip(w, y).map(*).reduce(0, +) / sw
        let q = zip(w, y).map { $0 * ($1 - fixed) * ($1 - fixed) }.reduce(0, +)
        self.q = q
        let df = Double(k - 1)
        i2 = q > df ? (q - df) / q : 0
        func weighted(_ t2: Double) -> (mean: Double, weights: [Double]) {
            let ws = v.map { 1 / ($0 + t2) }
            return (zip(ws, y).map(*).reduce(0, +) / ws.reduce(0, +), ws)
        }
        /// The generalised Q at τ²: decreasing in τ².
        func generalisedQ(_ t2: Double) -> Double {
            let (m, ws) = weighted(t2)
            return zip(ws, y).map { $0 * ($1 - m) * ($1 - m) }.reduce(0, +)
        }
        switch method {
        case .dl:
            let c = sw - w.map { $0 * $0 }.reduce(0, +) / sw
            tau2 = max(0, (q - df) / c)
        case .pm:
            if generalisedQ(0) <= df {
                tau2 = 0
            } else {
                // Bracket, then bisect to the last representable step (deterministic).
                var lo = 0.0, hi = max(v.max()!, 1e-300)
                var grow = 0
                while generalisedQ(hi) > df && grow < 2000 { lo = hi; hi *= 2; grow += 1 }
                for _ in 0..<400 {
                    let mid = 0.5 * (lo + hi)
                    if mid == lo || mid == hi { break }
                    if generalisedQ(mid) > df { lo = mid } else { hi = mid }
                }
                tau2 = 0.5 * (lo + hi)
            }
        }
        let (m, ws) = weighted(tau2)
        estimate = m
        let sws = ws.reduce(0, +)
        let scale = zip(ws, y).map { $0 * ($1 - m) * ($1 - m) }.reduce(0, +) / df
        standardError = (scale / sws).squareRoot()
        let t = StudentT.quantile(0.975, df: df)
        low = m - t * standardError
        high = m + t * standardError
        if standardError == 0 { p = m == 0 ? .nan : 0 } else { p = StudentT.twoSidedP(m / standardError, df: df) }
    }
}
