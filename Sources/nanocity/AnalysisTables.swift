import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments

/// The readable tables `nanocity analyze` prints.
enum AnalysisTables {
    static func sensitivity(_ s: SensitivityAnalysis, outcomes: [String]) -> String {
        let reps = s.replicatesPerPoint
        let repText = reps.lowerBound == reps.upperBound ? "\(reps.lowerBound)" : "\(reps.lowerBound)–\(reps.upperBound)"
        var out: [String] = []
        switch s.method {
        case .sobol:
            out.append("Sobol' indices (Saltelli 2010 S1, Jansen ST), 95% bootstrap CIs (\(s.resamples) resamples); "
                + "each point's \(repText) replicate(s) averaged first. Ranked by ST.")
        case .morris:
            out.append("Morris elementary effects (μ, μ*, σ; μ* with a 95% bootstrap CI, \(s.resamples) resamples); "
                + "each point's \(repText) replicate(s) averaged first. Ranked by μ*.")
        }
        for o in outcomes {
            out.append("")
            let sums = s.method == .sobol ? s.rows.filter { $0.outcome == o }.compactMap { $0.total?.estimate } : []
            var head = o + ":"
            if let noise = s.noiseShare[o] {
                head += "  replicate noise = \(TextTable.significant(noise * 100, 2))% of the variance of point means"
                if noise > 0.2 {
                    head += " — indices inflated; add replicates (--replicates)" + (s.commonRandomNumbers ? "" : " or use --seeds per-replicate")
                }
            }
            if !sums.isEmpty { head += "  (ΣST = \(TextTable.significant(sums.reduce(0, +), 3)))" }
            out.append(head)
            var rows: [[String]]
            if s.method == .sobol {
                rows = [["rank", "parameter", "ST", "95% CI", "S1", "95% CI"]]
                for (i, r) in s.ranking(outcome: o).enumerated() {
                    guard let st = r.total, let s1 = r.firstOrder else { rows.append(["–", r.parameter, "(outcome constant)", "", "", ""]); continue }
                    rows.append([String(i + 1), r.parameter, f(st.estimate), ci(st.low, st.high), f(s1.estimate), ci(s1.low, s1.high)])
                }
            } else {
                rows = [["rank", "parameter", "μ*", "95% CI", "μ", "σ"]]
                for (i, r) in s.ranking(outcome: o).enumerated() {
                    let m = r.morris!
                    rows.append([String(i + 1), r.parameter, f(m.muStar), ci(m.muStar - m.muStarConfidence, m.muStar + m.muStarConfidence),
                                 f(m.mu), m.sigma.isNaN ? "–" : f(m.sigma)])
                }
            }
            out.append(TextTable.render(rows))
        }
        return out.joined(separator: "\n")
    }

    static func precision(_ p: PrecisionReport, outcomes: [String]) -> String {
        let out = ["", "Precision: 95% CI half-width / |mean| per point (target \(TextTable.significant(p.target * 100, 3))%); "
            + "worst point per outcome, and the replicates every point would need."]
        var rows = [["outcome", "points", "n", "worst relative half-width", "at point", "replicates needed (max over points)"]]
        for o in outcomes {
            let mine = p.rows.filter { $0.outcome == o }
            guard !mine.isEmpty else { continue }
            let worst = mine.max { ($0.summary.relativeHalfWidth95 ?? .infinity) < ($1.summary.relativeHalfWidth95 ?? .infinity) }!
            let ns = mine.map(\.summary.n)
            let needed = mine.map(\.needed)
            let neededText = needed.contains(where: { $0 == nil }) ? "– (some points: mean 0 or n < 2)" : String(needed.map { $0! }.max()!)
            let nText = ns.min()! == ns.max()! ? "\(ns[0])" : "\(ns.min()!)–\(ns.max()!)"
            rows.append([o, String(mine.count), nText,
                         worst.summary.relativeHalfWidth95.map { $0.isFinite ? TextTable.significant($0 * 100, 3) + "%" : "∞" } ?? "–",
                         String(worst.point.index), neededText])
        }
        return out.joined(separator: "\n") + "\n" + TextTable.render(rows)
    }

    static func f(_ v: Double) -> String { TextTable.significant(v, 3) }
    static func ci(_ lo: Double, _ hi: Double) -> String { "[\(f(lo)), \(f(hi))]" }
}
