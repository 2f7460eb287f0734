import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments

/// The table a finished fork prints for a world with zones: per arm, zone and event measure,
/// the effect in the target, the buffer and the rest of the city, the net effect over target and
/// buffer, and the displacement quotient.
enum DisplacementTable {
    static func render(_ d: DisplacementAccounting, measures: [String] = ["thefts", "dumps", "burglaries"]) -> String {
        var table: [[String]] = [["arm", "zone", "events", "area", "n", "baseline", "mean", "effect", "95% CI", "p"]]
        for r in d.rows where measures.contains(r.measure) {
            guard d.isProduced(r) else { continue }
            var cells = [r.arm, r.zone, r.measure, r.part.rawValue, String(r.n)]
            if let q = r.ratio {
                cells += ["", ""]
                if d.bufferHasNone(r) {
                    cells += ["0", "(none in the buffer in either arm)", ""]
                } else if q.estimate.isNaN {
                    cells += ["undefined", "(no target effect)", ""]
                } else {
                    cells.append(ComparisonTable.signed(q.estimate))
                    cells.append(q.interval.map { "[\(ComparisonTable.signed($0.lowerBound)), \(ComparisonTable.signed($0.upperBound))]" }
                                 ?? "unbounded (target effect not significant)")
                    cells.append("")
                }
            } else {
                cells += [ComparisonTable.num(r.baselineMean ?? .nan), ComparisonTable.num(r.mean ?? .nan)]
                cells.append(r.difference.map { ComparisonTable.signed($0.difference) } ?? "–")
                cells.append(r.difference.map { "[\(ComparisonTable.signed($0.low)), \(ComparisonTable.signed($0.high))]" } ?? "–")
                cells.append(r.difference.map { ComparisonTable.pText($0.p) } ?? "–")
            }
            table.append(cells)
        }
        guard table.count > 1 else { return "" }
        let head = [
            "", "",
            "where crime went (events per run over ticks \(d.windowTicks.lowerBound)–\(d.windowTicks.upperBound); effect = arm − baseline, paired on replicates; 95% CIs):",
            "target = the zone, buffer = its ring, rest = the rest of the city, net = target + buffer;",
            "quotient = buffer effect ÷ target effect (Fieller 95% CI): < 0 displacement into the buffer, > 0 diffusion of benefits (Bowers & Johnson 2003)",
            "",
        ]
        return head.joined(separator: "\n") + TextTable.render(table)
    }
}
