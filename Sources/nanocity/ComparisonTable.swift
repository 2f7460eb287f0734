import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis
import NanoCityExperiments

/// The readable table `nanocity compare` (and a finished fork) prints.
enum ComparisonTable {
    static func render(_ c: PolicyComparison, outcomes: [String], results: SweepResults) -> String {
        let keys = results.variedKeys
        let label = { (p: SweepResults.Point) in
            zip(keys, p.values).filter { $0.0 != c.by }.map { "\($0)=\($1)" }.joined(separator: " ") + results.realisedNote(p)
        }
        let method = c.method == .paired
            ? "paired differences (common random numbers: replicate r shares its seed across points; n = pairs, means over those pairs)"
            : "Welch's t (independent seeds per run; use --seeds per-replicate for paired comparisons; n = the smaller group)"
        let counts = Set(c.baselines.map(\.replicates.count)).sorted()
        let reps = counts.count == 1 ? "\(counts[0])" : "\(counts.first!)–\(counts.last!)"
        var head = "baseline: \(label(c.baseline))"
        if let by = c.by { head += " at each \(by) (\(c.baselines.count) levels)" }
        var lines = [head + " (n = \(reps) replicates); \(method); 95% CIs", "outcomes over \(c.windowDescription)", ""]
        var table: [[String]] = [["point"] + (c.by.map { [$0] } ?? []) + ["outcome", "n", "baseline", "mean", "difference", "95% CI", "relative", "p"]]
        let order = Dictionary(uniqueKeysWithValues: outcomes.enumerated().map { ($1, $0) })
        let byColumn = c.by.flatMap { keys.firstIndex(of: $0) }
        // Grouped by treatment and outcome (levels of --by in sweep order inside).
        let shown = c.rows.enumerated().filter { order[$0.element.outcome] != nil }
            .sorted { a, b in
                let ka = (label(a.element.point), order[a.element.outcome]!, a.offset), kb = (label(b.element.point), order[b.element.outcome]!, b.offset)
                return c.by == nil ? (a.element.point.index, ka.1, ka.2) < (b.element.point.index, kb.1, kb.2) : ka < kb
            }
            .map(\.element)
        for r in shown {
            let d = r.difference
            let rel = d.flatMap { d in r.baselineMean != 0 ? d.difference / abs(r.baselineMean) : nil }
            var cells: [String] = [label(r.point)]
            if let byColumn { cells.append(r.point.values[byColumn]) }
            cells += [r.outcome, String(d?.n ?? 0), num(r.baselineMean), num(r.mean)]
            cells.append(d.map { signed($0.difference) } ?? "–")
            cells.append(d.map { "[\(signed($0.low)), \(signed($0.high))]" } ?? "–")
            cells.append(rel.map { signed($0 * 100) + "%" } ?? "–")
            cells.append(d.map { pText($0.p) } ?? "–")
            table.append(cells)
        }
        var text = lines.joined(separator: "\n") + TextTable.render(table)
        let driven = Set(results.points.flatMap { results.keysSet(by: $0) }).sorted().compactMap(ModelDrivenParameters.entry(for:))
        if !driven.isEmpty && results.points.contains(where: { !results.realisedNote($0).isEmpty }) {
            text += "\n\n(… ended at X: the mean at the last tick of a lever the model moves; "
                + driven.map { "\($0.key): \($0.changedBy); hold it fixed with --set \($0.holdFixed)" }.joined(separator: ". ") + ")"
        }
        guard let by = c.by else { return text }
        lines = ["", "", "pooled over \(by): random effects (\(c.pooling.name) τ², Hartung–Knapp 95% CI, t with levels − 1 df); "
            + "the interval includes the variation between levels; relative = difference ÷ mean baseline over the levels", ""]
        var pooled: [[String]] = [["point", "outcome", "levels", "pairs", "baseline", "mean", "difference", "95% CI", "relative", "p", "τ²", "I²"]]
        let treatmentKeys = keys.filter { $0 != by }
        for r in c.pooled where order[r.outcome] != nil {
            let e = r.pooled
            let rel = e.flatMap { e in r.baselineMean != 0 ? e.estimate / abs(r.baselineMean) : nil }
            var cells: [String] = [zip(treatmentKeys, r.values).map { "\($0)=\($1)" }.joined(separator: " ")]
            cells += [r.outcome, String(r.levels), String(r.pairs), num(r.baselineMean), num(r.mean)]
            cells.append(e.map { signed($0.estimate) } ?? "–")
            cells.append(e.map { "[\(signed($0.low)), \(signed($0.high))]" } ?? "–")
            cells.append(rel.map { signed($0 * 100) + "%" } ?? "–")
            cells.append(e.map { pText($0.p) } ?? "–")
            cells.append(e.map { num($0.tau2) } ?? "–")
            cells.append(e.map { TextTable.significant($0.i2 * 100, 2) + "%" } ?? "–")
            pooled.append(cells)
        }
        let body = pooled.dropFirst().enumerated().sorted { a, b in
            (a.element[0], order[a.element[1]]!, a.offset) < (b.element[0], order[b.element[1]]!, b.offset)
        }
        let sorted = [pooled[0]] + body.map(\.element)
        text += lines.joined(separator: "\n") + TextTable.render(sorted)
        if c.pooled.contains(where: { $0.pooled == nil && order[$0.outcome] != nil }) {
            text += "\n(– : fewer than 2 levels with a difference that has spread; such an outcome cannot be pooled)"
        }
        return text
    }

    static func num(_ v: Double) -> String { v.isNaN ? "–" : TextTable.significant(v, 4) }
    static func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + TextTable.significant(v, 3) }
    static func pText(_ p: Double) -> String { p.isNaN ? "—" : p < 0.0001 ? "<0.0001" : TextTable.significant(p, 2) }
}
