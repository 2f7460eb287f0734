import Foundation
import NanoCityIO
import NanoCityModel
import NanoCityStats
import NanoCityAnalysis

/// The sweep half of `report.html` (a fork's page is `ForkReportPage`).
enum SweepReport {
    static func html(directory dir: String, baseline: String?, by: String?) throws(ChartError) -> String {
        let r: SweepResults
        do throws(SweepError) { r = try SweepResults(directory: dir) } catch { throw .input(error.description) }
        if r.forkAt != nil { return try ForkReportPage.html(directory: dir, results: r) }
        var page = ReportPage(title: "NanoCity sweep: \((dir as NSString).lastPathComponent)")
        page.heading("NanoCity sweep: \((dir as NSString).lastPathComponent)", level: 1)
        let runs = r.points.reduce(0) { $0 + $1.replicates.count }
        page.facts([("design", r.sampling.rawValue), ("points", "\(r.points.count) of \(r.pointCount) with results"),
                    ("replicates", "\(r.replicateStride) per point (cap)"), ("complete runs", String(runs)),
                    ("seeds", r.seedRule.rawValue + ", base seed \(r.baseSeed)"), ("varied", r.variedKeys.joined(separator: ", ")),
                    ("outcomes over", r.windowDescription), ("directory", dir)])
        let outcomes = MetricCatalog.headlineOutcomes.filter { r.outcomes.contains($0) }
        try comparison(&page, r, baseline: baseline, by: by, outcomes: MetricCatalog.headlineOutcomes.filter { r.outcomes.contains($0) })
        page.heading("Points")
        var header = ["point"] + r.variedKeys + ["n"]
        header += outcomes.map { "\($0) mean [95% CI]" }
        let cols = outcomes.compactMap { r.outcomes.firstIndex(of: $0) }
        let rows: [[String]] = r.points.prefix(2000).map { p in
            var row = [String(p.index)] + p.values + [String(p.replicates.count)]
            for o in cols {
                let s = SampleSummary(p.values(o))
                let ci = s.ci95.map { String(format: " [%.4g, %.4g]", $0.low, $0.high) } ?? ""
                row.append(s.n > 0 ? String(format: "%.4g", s.mean) + ci : "")
            }
            return row
        }
        page.table(header: header, rows: rows, numericFrom: 1, id: "points")
        if r.points.count > 2000 { page.paragraph("The first 2,000 points are shown; all are in points.csv.", cls: "note") }
        let (charts, skipped) = try SweepCharts.outcomeCharts(r, outcomes: nil)
        if !charts.isEmpty || !skipped.isEmpty {
            page.heading("Outcomes against levers")
            if r.sampling.isSampled {
                page.paragraph("Each dot is one point's mean over its replicates; in a \(r.sampling.rawValue) design every lever varies at once, "
                    + "so a cloud shows a lever's share of the spread, not a curve.", cls: "note")
            }
            if !skipped.isEmpty {
                page.paragraph("Not drawn, the same at every point and replicate: \(skipped.joined(separator: ", ")).", cls: "note")
            }
            for c in charts.prefix(60) { page.figure(svg: c.chart.svg) }
            if charts.count > 60 { page.paragraph("The first 60 of \(charts.count) charts are shown; `nanocity plot` writes them all.", cls: "note") }
        }
        try sensitivity(&page, directory: dir)
        return page.html
    }

    /// The paired comparison: computed when a baseline is given, else read from compare.csv.
    static func comparison(_ page: inout ReportPage, _ r: SweepResults, baseline: String?, by: String?, outcomes: [String]) throws(ChartError) {
        if let baseline {
            let c: PolicyComparison
            do throws(SweepError) { c = try PolicyComparison(r, baseline: baseline, by: by) } catch { throw .input(error.description) }
            page.heading("Comparison with the baseline")
            page.paragraph("Baseline \(baseline)\(by.map { " at each \($0)" } ?? ""); "
                + (c.method == .paired ? "paired differences over the replicates both points have (common random numbers)" : "Welch's t (independent seeds)")
                + "; 95% CIs; outcomes over \(c.windowDescription).", cls: "note")
            let shown = c.rows.filter { outcomes.contains($0.outcome) }.prefix(400)
            page.table(header: ["point", "outcome", "n", "baseline", "mean", "difference [95% CI]", "relative", "p"],
                       rows: shown.map { row in
                           let label = zip(r.variedKeys, row.point.values).map { "\($0)=\($1)" }.joined(separator: " ") + r.realisedNote(row.point)
                           return [label, row.outcome] + cells(n: row.difference?.n, base: row.baselineMean, mean: row.mean,
                                                               d: row.difference.map { ($0.difference, $0.low, $0.high, $0.p) })
                       }, numericFrom: 2)
            if let note = leverNote(r) { page.paragraph(note, cls: "warn") }
            if by != nil {
                page.paragraph("Pooled over the levels of \(by!): random effects (\(c.pooling.name) τ², Hartung–Knapp 95% CI); "
                    + "the interval includes the variation between levels.", cls: "note")
                page.table(header: ["point", "outcome", "levels", "difference [95% CI]", "p", "τ²", "I²"],
                           rows: c.pooled.filter { outcomes.contains($0.outcome) }.map { p in
                               let e = p.pooled
                               return [zip(r.variedKeys.filter { $0 != by }, p.values).map { "\($0)=\($1)" }.joined(separator: " "), p.outcome,
                                       String(p.levels),
                                       e.map { String(format: "%+.4g [%+.4g, %+.4g]", $0.estimate, $0.low, $0.high) } ?? "—",
                                       e.map { $0.p.isNaN ? "—" : String(format: "%.2g", $0.p) } ?? "—",
                                       e.map { String(format: "%.3g", $0.tau2) } ?? "—", e.map { String(format: "%.0f%%", $0.i2 * 100) } ?? "—"]
                           }, numericFrom: 2)
            }
            return
        }
        guard let text = RunReport.readText(r.directory + "/" + PolicyComparison.fileName, limit: 256 << 20) else { return }
        let lines = text.split(separator: "\n").map { SummaryCSV.split(String($0)) }
        guard let h = lines.first, let o = h.firstIndex(of: "outcome"), let n = h.firstIndex(of: "n"),
              let b = h.firstIndex(of: "baseline_mean"), let m = h.firstIndex(of: "mean"), let d = h.firstIndex(of: "difference"),
              let lo = h.firstIndex(of: "ci_low"), let hi = h.firstIndex(of: "ci_high"), let p = h.firstIndex(of: "p_value"),
              let method = h.firstIndex(of: "method") else { return }
        let keys = Array(h[1..<o])
        let rows = lines.dropFirst().filter { $0.count == h.count && outcomes.contains($0[o]) }.prefix(400)
        guard !rows.isEmpty else { return }
        page.heading("Comparison with the baseline")
        page.paragraph("From compare.csv (written by `nanocity compare`; method \(rows.first![method])): each point against the baseline "
            + "it was compared with; 95% CIs; outcomes over \(r.windowDescription).", cls: "note")
        page.table(header: ["point", "outcome", "n", "baseline", "mean", "difference [95% CI]", "relative", "p"], rows: rows.map { f in
            let label = zip(keys, f[1..<o]).map { "\($0)=\($1)" }.joined(separator: " ")
            let diff = Double(f[d]).map { ($0, Double(f[lo]) ?? .nan, Double(f[hi]) ?? .nan, Double(f[p]) ?? .nan) }
            return [label, f[o]] + cells(n: Int(f[n]), base: Double(f[b]) ?? .nan, mean: Double(f[m]) ?? .nan, d: diff)
        }, numericFrom: 2)
    }

    /// The warning a table with model-moved levers carries, or nil.
    static func leverNote(_ r: SweepResults) -> String? {
        let keys = Set(r.points.flatMap { p in r.realisedLevers(p).map(\.key) }).sorted()
        guard !keys.isEmpty else { return nil }
        return "“… ended at X” is where a lever the model moves stood at the last tick (mean over replicates), not what was set: "
            + keys.compactMap(ModelDrivenParameters.entry(for:)).map { "\($0.key): \($0.changedBy); hold it fixed with --set \($0.holdFixed)" }
                .joined(separator: ". ")
    }

    static func cells(n: Int?, base: Double, mean: Double, d: (Double, Double, Double, Double)?) -> [String] {
        var out = [n.map(String.init) ?? "0", String(format: "%.4g", base), String(format: "%.4g", mean)]
        guard let d else { return out + ["—", "—", "—"] }
        out.append(String(format: "%+.3g [%+.3g, %+.3g]", d.0, d.1, d.2))
        out.append(base != 0 && base.isFinite ? String(format: "%+.3g%%", d.0 / abs(base) * 100) : "—")
        out.append(d.3.isNaN ? "—" : d.3 < 0.0001 ? "<0.0001" : String(format: "%.2g", d.3))
        return out
    }

    /// Sobol' indices from sensitivity.csv, with the replicate-noise warning and ΣST the
    /// terminal prints.
    static func sensitivity(_ page: inout ReportPage, directory dir: String) throws(ChartError) {
        let indices = try SweepCharts.indexCharts(directory: dir)
        guard !indices.isEmpty else { return }
        page.heading("Sensitivity")
        page.paragraph("Sobol' first-order (S1) and total (ST) indices with 95% bootstrap CIs from sensitivity.csv, ranked by ST. "
            + "Replicate noise adds to every total index: read the noise line before the ranks.", cls: "note")
        let noise = noiseShares(directory: dir)
        var ranking: [[String]] = []
        for (_, chart) in indices {
            let outcome = chart.title.replacingOccurrences(of: "Sobol' indices of ", with: "")
            let sum = chart.rows.reduce(0) { $0 + ($1.st.isFinite ? $1.st : 0) }
            var line = "\(outcome): ΣST = \(String(format: "%.3g", sum))"
            if let n = noise[outcome] {
                line += "; replicate noise = \(String(format: "%.2g", n * 100))% of the variance of point means"
                if n > 0.2 { line += " — indices inflated; add replicates" }
            }
            page.paragraph(line, cls: (noise[outcome] ?? 0) > 0.2 ? "warn" : "note")
            for (k, row) in chart.rows.prefix(3).enumerated() {
                ranking.append([outcome, String(k + 1), row.parameter, String(format: "%.3f [%.3f, %.3f]", row.st, row.stLow, row.stHigh),
                                String(format: "%.3f [%.3f, %.3f]", row.s1, row.s1Low, row.s1High)])
            }
        }
        page.table(header: ["outcome", "rank", "parameter", "ST [95% CI]", "S1 [95% CI]"], rows: ranking, numericFrom: 3)
        for (_, chart) in indices.prefix(40) { page.figure(svg: chart.svg) }
    }

    /// `noise_share` per outcome of sensitivity.csv (the same on every row of an outcome).
    static func noiseShares(directory dir: String) -> [String: Double] {
        guard let text = RunReport.readText(dir + "/sensitivity.csv", limit: 64 << 20) else { return [:] }
        let lines = text.split(separator: "\n").map { SummaryCSV.split(String($0)) }
        guard let h = lines.first, let o = h.firstIndex(of: "outcome"), let n = h.firstIndex(of: "noise_share") else { return [:] }
        var out: [String: Double] = [:]
        for f in lines.dropFirst() where f.count == h.count { if let v = Double(f[n]) { out[f[o]] = v } }
        return out
    }
}
