import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments

/// What a precision-driven sweep prints when it ends: per point and outcome, the estimate the
/// rule looked at, its 95% half-width, and which rule stopped the point.
enum PrecisionTable {
    static func render(_ t: PrecisionTarget, results: SweepResults) throws -> String {
        let what = t.difference.map { "each point's paired difference from \($0)" } ?? "each point's mean"
        var head = "until-precision: \(what) within ±\(TextTable.significant(t.relative * 100, 3))% (95% CI half-width)"
        if let tol = t.tolerance { head += " or ±\(TextTable.significant(tol, 3)) absolute" }
        head += "; batches of \(t.batch), at most \(t.maxReplicates) replicates"
        var rows: [[String]] = [["point", "outcome", t.difference == nil ? "n" : "pairs", t.difference == nil ? "mean" : "difference", "± 95%", "stopped by"]]
        for s in try t.statuses(results) {
            let label = zip(results.variedKeys, s.point.values).map { "\($0)=\($1)" }.joined(separator: " ")
            rows.append([label, s.outcome, String(s.stop == .baseline ? s.point.replicates.count : s.n),
                         s.estimate.map { ComparisonTable.num($0) } ?? "–", s.halfWidth.map { ComparisonTable.num($0) } ?? "–",
                         s.stop.description])
        }
        return head + "\n" + TextTable.render(rows)
    }
}
