import NanoCityIO
import NanoCityStats

/// How precise each point's mean is: the 95% half-width relative to |mean| and the replicates a
/// target relative precision needs (from the point's own SD). Written as `precision.csv`.
public struct PrecisionReport: Sendable {
    public struct Row: Sendable {
        public let point: SweepResults.Point
        public let outcome: String
        public let summary: SampleSummary
        /// nil with fewer than 2 replicates or when no count reaches the target (mean 0).
        public let needed: Int?
    }

    public static let fileName = "precision.csv"

    public let target: Double
    public let rows: [Row]
    let keys: [String]

    /// - Parameter target: relative half-width wanted, in (0, 10] (0.05 = ±5% of |mean|).
    public init(_ results: SweepResults, target: Double, outcomes: [String]? = nil) throws(SweepError) {
        guard target > 0 && target <= 10 else { throw .results("--precision must be in (0, 10], got \(target)") }
        self.target = target
        keys = results.variedKeys
        var which: [Int] = []
        for o in outcomes ?? results.outcomes { which.append(try results.outcomeIndex(o)) }
        var rows: [Row] = []
        for p in results.points {
            for o in which {
                let s = SampleSummary(p.values(o))
                rows.append(Row(point: p, outcome: results.outcomes[o], summary: s, needed: s.replicatesNeeded(relative: target)))
            }
        }
        self.rows = rows
    }

    public func csv() -> String {
        var out = (["point"] + keys.map(SummaryCSV.field) + ["outcome", "n", "mean", "sd", "half_width",
                   "relative_half_width", "target", "replicates_needed"]).joined(separator: ",") + "\n"
        for r in rows {
            let s = r.summary
            var f = [String(r.point.index)] + r.point.values.map(SummaryCSV.field) + [r.outcome, String(s.n)]
            f.append(s.n > 0 ? CSVNumber.format(s.mean) : "")
            f.append(s.sd.map(CSVNumber.format) ?? "")
            f.append(s.halfWidth95.map(CSVNumber.format) ?? "")
            f.append(s.relativeHalfWidth95.map { $0.isFinite ? CSVNumber.format($0) : "inf" } ?? "")
            f.append(CSVNumber.format(target))
            f.append(r.needed.map(String.init) ?? "")
            out += f.joined(separator: ",") + "\n"
        }
        return out
    }
}
