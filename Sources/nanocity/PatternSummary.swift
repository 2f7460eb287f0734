import NanoCityPatterns
import NanoCityAnalysis
import NanoCityExperiments

/// The printed summary of `nanocity patterns`: every figure with its population, window and
/// unit, as in the files.
enum PatternSummary {
    /// `v` to `digits` significant digits without trailing zeros; "–" when undefined.
    static func n(_ v: Double?, _ digits: Int = 3) -> String {
        guard let v else { return "–" }
        var s = TextTable.significant(v, digits)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
    static func pct(_ v: Double) -> String { n(v * 100, 3) + "%" }
    static func p(_ v: Double) -> String { v < 0.001 ? "<0.001" : n(v, 2) }

    static func render(_ c: CrimePatterns, header: [String]) -> String {
        var out = header
        let b = c.options.bands, k = c.knox
        out.append("")
        out.append("Knox test, \(k.incidents) incidents, \(k.pairs) pairs (\(k.indexedPairs) within \(n(Double(b.space.count) * b.space.width)) m); "
                   + "\(b.space.convention == .nrc ? "NRC edges [a, b)" : "edges as labelled (a, b]"), \(c.options.metric.rawValue) distance; "
                   + "expected = mean of \(k.iterations) permutations of the times (seed \(c.options.seed)).")
        out.append("Observed / expected pairs, rank p-value in brackets (one-sided, for an excess):")
        var rows: [[String]] = [["distance \\ time"] + (0..<b.timeColumns).map(b.timeLabel)]
        for r in 0..<b.spaceRows {
            rows.append([b.spaceLabel(r)] + (0..<b.timeColumns).map { col in
                let cell = k.index(row: r, column: col)
                return "\(n(k.ratio(cell), 3)) (\(p(k.pValue[cell])))"
            })
        }
        out.append(TextTable.render(rows))
        let m = c.concentration
        out.append("")
        out.append("Concentration over all \(m.places) cells of \(n(c.cellMetres)) m (\(m.placesWithIncidents) with incidents): "
                   + "50% of incidents at \(pct(m.share50)) of cells, 25% at \(pct(m.share25)); Gini \(n(m.gini)), generalised Gini \(n(m.generalisedGini)).")
        let g = c.giStar
        let hot = (0..<c.grid.cells).filter { g.spotClass($0) == 1 }.count, cold = (0..<c.grid.cells).filter { g.spotClass($0) == -1 }.count
        let w: String
        switch c.options.weights {
        case .queen: w = "queen weights"
        case .withinMetres(let metres): w = "distance-band weights ≤ \(n(metres)) m"
        }
        out.append("Gi* (\(w), cell included; \(g.permutations > 0 ? "\(g.permutations) conditional permutations" : "normal approximation")): \(hot) hot and \(cold) cold spots "
                   + (g.threshold.map { "significant at FDR \(n(c.options.fdr)) (\(g.permutations > 0 ? "permutation" : "analytic") p ≤ \(n($0, 2)))" } ?? "(none passes FDR \(n(c.options.fdr)))")
                   + "; hot spots are \(pct(g.hotspotShare)) of cells.")
        let smallest = 1 / Double(g.permutations + 1), needed = c.options.fdr / Double(c.grid.cells)
        if g.threshold == nil && g.permutations > 0 && smallest > needed * 10 {
            out.append("  (with \(g.permutations) permutations no p is below \(n(smallest, 2)); over \(c.grid.cells) cells FDR \(n(c.options.fdr)) "
                       + "needs p ≤ \(n(needed, 2)) for one cell and less for a few: raise --permutations or use fewer, larger cells)")
        }
        if let mi = c.moran {
            out.append("Moran's I of cell counts (\(w), no self): \(n(mi.i)) (expected \(n(mi.expected)); "
                       + (mi.pPermutation.map { "permutation p \(p($0)), \(mi.permutations) permutations; " } ?? "")
                       + "normal z \(n(mi.zNormal)), p \(p(mi.pNormal))).")
        } else {
            out.append("Moran's I: undefined (the cell counts do not vary).")
        }
        let s = c.spectrum
        out.append("Spectrum of cell counts: dominant wavelength "
                   + (s.peakWavelengthCells.map { "\(n($0 * c.cellMetres)) m (\(n($0)) cells; peak \(n(s.peakProminence))× the mean radial power)" } ?? "– (no variation)")
                   + "; \(s.hotspots) hotspots (peaks of the 3×3 mean count above 2× the mean).")
        let pctTop = n(c.options.topShare * 100)
        if c.windows.isEmpty {
            out.append("Persistence: fewer than 2 complete windows of \(n(c.windowDays)) days in the span of \(n(c.span.upperBound - c.span.lowerBound)) days.")
        } else {
            let j = c.windows.compactMap(\.persistence.jaccardTop), r = c.windows.compactMap(\.persistence.sIndexRobust)
            out.append("Persistence over \(c.windows.count + 1) consecutive windows of \(n(c.windowDays)) days: top \(pctTop)% cells' Jaccard overlap "
                       + "mean \(n(j.isEmpty ? nil : j.reduce(0, +) / Double(j.count))); Andresen's robust S-index mean "
                       + "\(n(r.isEmpty ? nil : r.reduce(0, +) / Double(r.count))) (1 = the same places).")
        }
        return out.joined(separator: "\n")
    }

    /// Per point: a few headline outcomes, mean ± 95% half-width over its runs.
    static func sweepTable(_ s: SweepPatterns, kinds: [String]) -> String {
        let shown = s.names.enumerated().filter { ["concentration_50", "gini_generalised", "moran_i", "gi_hotspot_share", "persistence_top5"].contains($0.element)
            || $0.element.hasPrefix("knox_ratio_1_") && $0.element.hasSuffix("_0_7") }
        var rows: [[String]] = [["point"] + s.results.variedKeys + ["runs"] + shown.map(\.element)]
        for p in s.results.points where s.rows.contains(where: { $0.point == p.index }) {
            let sums = s.summaries(point: p.index)
            rows.append([String(p.index)] + p.values + [String(s.rows.filter { $0.point == p.index }.count)] + shown.map { i, _ in
                guard let m = sums[i].summary else { return "–" }
                return n(m.mean) + (m.halfWidth95.map { " ± " + n($0, 2) } ?? "")
            })
        }
        var out = ["Crime patterns of \(s.rows.count) runs (\(kinds.joined(separator: ", "))), per point: mean ± 95% CI half-width over its runs (Student t):",
                   TextTable.render(rows)]
        if !s.tooFew.isEmpty { out.append("left out (fewer than 2 incidents): runs " + s.tooFew.map(String.init).joined(separator: ", ")) }
        return out.joined(separator: "\n")
    }
}
