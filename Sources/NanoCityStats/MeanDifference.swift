/// A difference of means with its 95% confidence interval and two-sided p-value.
public struct MeanDifference: Sendable, Equatable {
    /// How the interval was computed.
    public enum Method: String, Sendable {
        /// Per-replicate differences (common random numbers): one-sample t on the differences.
        case paired
        /// Welch's unequal-variance t with Welch–Satterthwaite degrees of freedom.
        case welch
    }

    public let method: Method
    /// Mean of the treatment minus mean of the baseline.
    public let difference: Double
    /// Standard error of `difference` (its sampling variance is the square: what pooling
    /// across levels weights by).
    public let standardError: Double
    /// The 95% interval of `difference`.
    public let low: Double
    public let high: Double
    /// Two-sided p-value for "no difference"; NaN when both samples have no spread and the
    /// same mean (no test is possible: tables print "—", CSVs leave it empty).
    public let p: Double
    /// Degrees of freedom of the t distribution used.
    public let df: Double
    /// Pairs (paired) or the smaller group size (Welch).
    public let n: Int

    /// Paired comparison of equal-length samples `treatment[i]` vs `baseline[i]`; nil for < 2 pairs.
    public static func paired(treatment: [Double], baseline: [Double]) -> MeanDifference? {
        precondition(treatment.count == baseline.count, "paired samples must have equal length")
        let d = SampleSummary(zip(treatment, baseline).map { $0 - $1 })
        guard let se = d.standardError else { return nil }
        let df = Double(d.n - 1)
        let t = StudentT.critical95(df: d.n - 1)
        return MeanDifference(method: .paired, difference: d.mean, standardError: se, low: d.mean - t * se, high: d.mean + t * se,
                              p: pValue(d.mean, se, df), df: df, n: d.n)
    }

    /// Welch's comparison of independent samples; nil when either has fewer than 2 values.
    public static func welch(treatment: [Double], baseline: [Double]) -> MeanDifference? {
        let a = SampleSummary(treatment), b = SampleSummary(baseline)
        guard let sa = a.sd, let sb = b.sd else { return nil }
        let va = sa * sa / Double(a.n), vb = sb * sb / Double(b.n)
        let se = (va + vb).squareRoot()
        let diff = a.mean - b.mean
        // Welch–Satterthwaite; with both variances 0 the df is irrelevant (the interval is a point).
        let df = se == 0 ? Double(a.n + b.n - 2)
            : (va + vb) * (va + vb) / (va * va / Double(a.n - 1) + vb * vb / Double(b.n - 1))
        let t = StudentT.quantile(0.975, df: df)
        return MeanDifference(method: .welch, difference: diff, standardError: se, low: diff - t * se, high: diff + t * se,
                              p: pValue(diff, se, df), df: df, n: min(a.n, b.n))
    }

    /// p for t = diff/se; a zero standard error gives 0 for a difference, and NaN (undefined)
    /// for none.
    private static func pValue(_ diff: Double, _ se: Double, _ df: Double) -> Double {
        if se == 0 { return diff == 0 ? .nan : 0 }
        return StudentT.twoSidedP(diff / se, df: df)
    }
}
