import NanoCityIO
import NanoCityStats
import NanoCitySweep

/// The readable table `nanocity compare` prints.
enum ComparisonTable {
    static func render(_ c: PolicyComparison, outcomes: [String], keys: [String]) -> String {
        let label = { (p: SweepResults.Point) in zip(keys, p.values).map { "\($0)=\($1)" }.joined(separator: " ") }
        let method = c.method == .paired
            ? "paired differences (common random numbers: replicate r shares its seed across points)"
            : "Welch's t (independent seeds per run; use --seeds per-replicate for paired comparisons)"
        let lines = ["baseline: \(label(c.baseline)) (n = \(c.baseline.replicates.count)); \(method); 95% CIs",
                     "outcomes over \(c.windowDescription)", ""]
        var table: [[String]] = [["point", "outcome", "n", "baseline", "mean", "difference", "95% CI", "relative", "p"]]
        let order = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        let shown = c.rows.enumerated().filter { order[$0.element.outcome] != nil }
            .sorted { ($0.element.point.index, order[$0.element.outcome]!, $0.offset) < ($1.element.point.index, order[$1.element.outcome]!, $1.offset) }
            .map(\.element)
        for r in shown {
            let d = r.difference
            let rel = d.flatMap { d in r.baselineMean != 0 ? d.difference / abs(r.baselineMean) : nil }
            table.append([label(r.point), r.outcome, String(d?.n ?? 0), num(r.baselineMean), num(r.mean),
                          d.map { signed($0.difference) } ?? "–",
                          d.map { "[\(signed($0.low)), \(signed($0.high))]" } ?? "–",
                          rel.map { (signed($0 * 100)) + "%" } ?? "–",
                          d.map { pText($0.p) } ?? "–"])
        }
        return lines.joined(separator: "\n") + TextTable.render(table)
    }

    static func num(_ v: Double) -> String { v.isNaN ? "–" : TextTable.significant(v, 4) }
    static func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + TextTable.significant(v, 3) }
    static func pText(_ p: Double) -> String { p.isNaN ? "—" : p < 0.0001 ? "<0.0001" : TextTable.significant(p, 2) }
}
