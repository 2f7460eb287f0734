import NanoCityEngine

/// First-order (S1) and total (ST) Sobol' indices from outputs laid out as `SaltelliDesign`, with
/// bootstrap 95% confidence intervals.
///
/// Estimators (A. Saltelli et al., "Variance based sensitivity analysis of model output",
/// Comput. Phys. Commun. 181 (2010) 259–270, Table 2): S1_j = mean(f(B)·(f(AB_j) − f(A))) / V and
/// Jansen's ST_j = mean((f(A) − f(AB_j))²) / (2V), with V the population variance of f(A) and
/// f(B) together. As SALib does, outputs are first standardised ((Y − mean)/SD over all rows),
/// which the index values do not depend on in expectation but which removes the bias of
/// non-centred outputs; the intervals are estimate ± z₀.₉₇₅ · SD of the bootstrap estimates,
/// resampling base samples with replacement.
public struct SobolIndices: Sendable {
    public struct Index: Sendable, Equatable {
        public let estimate: Double
        /// z₀.₉₇₅ × bootstrap SD (SALib's `S1_conf` / `ST_conf`).
        public let confidence: Double
        public var low: Double { estimate - confidence }
        public var high: Double { estimate + confidence }
    }

    /// Per factor, nil when the output does not vary (the indices are undefined).
    public let firstOrder: [Index?]
    public let total: [Index?]

    /// - Parameters:
    ///   - outputs: N·(k + 2) values in the design's row order.
    ///   - factors: k.
    ///   - resamples: bootstrap resamples (≥ 2).
    ///   - seed: the bootstrap's PRNG seed (xoshiro256**).
    public init(outputs: [Double], factors k: Int, resamples: Int = 1000, seed: UInt64 = 1) {
        precondition(k >= 1 && resamples >= 2 && outputs.count % (k + 2) == 0 && outputs.count / (k + 2) >= 2)
        let n = outputs.count / (k + 2)
        let all = SampleSummary(outputs)
        var lo = outputs[0], hi = outputs[0]
        for y in outputs { lo = min(lo, y); hi = max(hi, y) }
        guard hi - lo > Double.ulpOfOne, let sd = all.sd else {
            firstOrder = Array(repeating: nil, count: k)
            total = firstOrder
            return
        }
        // Population SD, as numpy's default.
        let popSD = sd * (Double(n * (k + 2) - 1) / Double(n * (k + 2))).squareRoot()
        let y = outputs.map { ($0 - all.mean) / popSD }
        let a = (0..<n).map { y[$0 * (k + 2)] }
        let b = (0..<n).map { y[$0 * (k + 2) + k + 1] }
        let ab = (0..<k).map { j in (0..<n).map { y[$0 * (k + 2) + 1 + j] } }

        let identity = Array(0..<n)
        var rng = Xoshiro256StarStar(seed: seed)
        let draws = (0..<resamples).map { _ in (0..<n).map { _ in rng.below(n) } }
        let z = StandardNormal.z975
        var s1: [Index?] = [], st: [Index?] = []
        for j in 0..<k {
            let e = Self.estimate(a, ab[j], b, identity)
            var boot1: [Double] = [], bootT: [Double] = []
            for r in draws {
                let x = Self.estimate(a, ab[j], b, r)
                boot1.append(x.s1)
                bootT.append(x.st)
            }
            s1.append(Index(estimate: e.s1, confidence: z * (SampleSummary(boot1).sd ?? 0)))
            st.append(Index(estimate: e.st, confidence: z * (SampleSummary(bootT).sd ?? 0)))
        }
        firstOrder = s1
        total = st
    }

    /// S1 and ST of one factor over the base samples `rows` (with repetition for a bootstrap).
    static func estimate(_ a: [Double], _ ab: [Double], _ b: [Double], _ rows: [Int]) -> (s1: Double, st: Double) {
        let m = Double(rows.count)
        var mean = 0.0
        for i in rows { mean += a[i] + b[i] }
        mean /= 2 * m
        var v = 0.0, first = 0.0, tot = 0.0
        for i in rows {
            v += (a[i] - mean) * (a[i] - mean) + (b[i] - mean) * (b[i] - mean)
            first += b[i] * (ab[i] - a[i])
            tot += (a[i] - ab[i]) * (a[i] - ab[i])
        }
        v /= 2 * m
        guard v > Double.ulpOfOne else { return (0, 0) }
        return (first / m / v, 0.5 * tot / m / v)
    }
}
