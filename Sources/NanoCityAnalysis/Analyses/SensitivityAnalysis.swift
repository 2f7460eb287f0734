import NanoCityEngine
import NanoCityIO
import NanoCityStats

/// Sensitivity indices of a Sobol' (Saltelli) or Morris sweep, per outcome and parameter.
///
/// Replicates of a point are averaged first (the indices describe the mean response); the
/// bootstrap has its own stream, seeded from the sweep's base seed, so the file is reproducible.
public struct SensitivityAnalysis: Sendable {
    public enum Method: String, Sendable { case sobol, morris }

    public struct Row: Sendable {
        public let outcome: String
        public let parameter: String
        /// Sobol': S1 and ST; nil when the outcome does not vary.
        public let firstOrder: SobolIndices.Index?
        public let total: SobolIndices.Index?
        /// Morris: μ, μ*, σ and μ*'s interval.
        public let morris: MorrisEffects.Factor?
    }

    public static let fileName = "sensitivity.csv"

    public let method: Method
    public let parameters: [String]
    public let rows: [Row]
    public let resamples: Int
    /// Replicates averaged per point (min and max over points).
    public let replicatesPerPoint: ClosedRange<Int>
    /// Per outcome: the replicate noise left in the averaged outputs, as a share of their
    /// variance (mean over points of s²/n, over the variance of the point means). Noise inflates
    /// every ST (Σ ST ≫ 1) and blurs S1; nil with one replicate or a constant outcome.
    public let noiseShare: [String: Double]
    /// Whether the sweep used common random numbers (`--seeds per-replicate`).
    public let commonRandomNumbers: Bool

    public init(_ results: SweepResults, resamples: Int = 1000) throws(SweepError) {
        guard resamples >= 2 && resamples <= 100_000 else { throw .results("--resamples must be 2…100000, got \(resamples)") }
        self.resamples = resamples
        let k = results.variedKeys.count
        parameters = results.variedKeys
        switch results.sampling {
        case .sobol: method = .sobol
        case .morris: method = .morris
        default:
            throw .results("\(results.directory) is a \(results.sampling.rawValue) sweep; sensitivity indices need "
                + "--design sobol --samples N or --design morris --trajectories R (the precision report is still written)")
        }
        guard results.points.count == results.pointCount, results.points.allSatisfy({ !$0.replicates.isEmpty }) else {
            let missing = results.pointCount - results.points.filter { !$0.replicates.isEmpty }.count
            throw .results("\(missing) of \(results.pointCount) points have no complete run yet; finish (resume) the sweep first")
        }
        let counts = results.points.map(\.replicates.count)
        replicatesPerPoint = counts.min()!...counts.max()!
        let means = results.points.map { p in
            results.outcomes.indices.map { o in SampleSummary(p.values(o)).mean }
        }
        var noise: [String: Double] = [:]
        for (o, name) in results.outcomes.enumerated() {
            let between = SampleSummary(means.map { $0[o] }).sd.map { $0 * $0 } ?? 0
            let within = results.points.map { p -> Double? in
                let s = SampleSummary(p.values(o))
                return s.sd.map { $0 * $0 / Double(s.n) }
            }
            if between > 0, within.allSatisfy({ $0 != nil }) {
                noise[name] = within.map { $0! }.reduce(0, +) / Double(within.count) / between
            }
        }
        noiseShare = noise
        commonRandomNumbers = results.seedRule == .perReplicate
        let seed = SplitMix64.derive(base: results.baseSeed, index: UInt64.max - 1)
        var rows: [Row] = []
        switch method {
        case .sobol:
            guard results.pointCount % (k + 2) == 0, results.pointCount / (k + 2) >= 2 else {
                throw .results("a Sobol' sweep must have N·(k+2) points with N ≥ 2; this one has \(results.pointCount) for k = \(k)")
            }
            // sweep.json says what the design was; the points must say so too: in each group
            // A, AB_1…AB_k, B, AB_j takes column j from B and every other from A.
            let values = results.points.map(\.values)
            for g in 0..<(results.pointCount / (k + 2)) {
                let a = values[g * (k + 2)], b = values[g * (k + 2) + k + 1]
                for j in 0..<k {
                    let ab = values[g * (k + 2) + 1 + j]
                    guard ab.indices.allSatisfy({ $0 == j ? ab[$0] == b[$0] : ab[$0] == a[$0] }) else {
                        throw .results("\(results.directory): its points are not a Saltelli design (point \(g * (k + 2) + 1 + j) is not A with "
                            + "column \(j + 1) from B), although sweep.json says sobol-saltelli; indices would be meaningless")
                    }
                }
            }
            for (o, name) in results.outcomes.enumerated() {
                let s = SobolIndices(outputs: means.map { $0[o] }, factors: k, resamples: resamples, seed: seed)
                for j in 0..<k {
                    rows.append(Row(outcome: name, parameter: parameters[j], firstOrder: s.firstOrder[j], total: s.total[j], morris: nil))
                }
            }
        case .morris:
            guard let r = results.record.trajectories, let levels = results.record.levels, r >= 2, r <= Sampling.maxSamples,
                  levels >= 2, levels <= 1000, levels % 2 == 0, r * (k + 1) == results.pointCount else {
                throw .results("\(results.directory)/sweep.json: a Morris sweep needs trajectories and levels matching its points")
            }
            let design = MorrisDesign(factors: k, trajectories: r, levels: levels, seed: Sampling.designSeed(base: results.baseSeed))
            for (o, name) in results.outcomes.enumerated() {
                let m = MorrisEffects(design: design, outputs: means.map { $0[o] }, resamples: resamples, seed: seed)
                for j in 0..<k {
                    rows.append(Row(outcome: name, parameter: parameters[j], firstOrder: nil, total: nil, morris: m.factors[j]))
                }
            }
        }
        self.rows = rows
    }

    public func csv() -> String {
        let fmt = { (v: Double?) in v.map(CSVNumber.format) ?? "" }
        switch method {
        case .sobol:
            var out = "outcome,parameter,S1,S1_conf,S1_ci_low,S1_ci_high,ST,ST_conf,ST_ci_low,ST_ci_high,noise_share\n"
            for r in rows {
                let s1 = r.firstOrder, st = r.total
                out += ([r.outcome, SummaryCSV.field(r.parameter)]
                    + [s1?.estimate, s1?.confidence, s1?.low, s1?.high, st?.estimate, st?.confidence, st?.low, st?.high,
                       noiseShare[r.outcome]].map(fmt))
                    .joined(separator: ",") + "\n"
            }
            return out
        case .morris:
            var out = "outcome,parameter,mu,mu_star,sigma,mu_star_conf,mu_star_ci_low,mu_star_ci_high,noise_share\n"
            for r in rows {
                let m = r.morris!
                out += ([r.outcome, SummaryCSV.field(r.parameter)]
                    + [m.mu, m.muStar, m.sigma.isNaN ? nil : m.sigma, m.muStarConfidence, m.muStar - m.muStarConfidence,
                       m.muStar + m.muStarConfidence, noiseShare[r.outcome]].map(fmt)).joined(separator: ",") + "\n"
            }
            return out
        }
    }

    /// The rows of one outcome, most influential first (by ST, or μ* for Morris).
    public func ranking(outcome: String) -> [Row] {
        rows.filter { $0.outcome == outcome }.sorted { a, b in
            let x = a.total?.estimate ?? a.morris?.muStar ?? -.infinity
            let y = b.total?.estimate ?? b.morris?.muStar ?? -.infinity
            return x != y ? x > y : a.parameter < b.parameter
        }
    }
}
