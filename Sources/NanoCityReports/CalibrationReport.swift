import Foundation
import NanoCityIO

/// `report.html` for a calibration folder (`nanocity report DIR` after `nanocity calibrate`):
/// the plan, ε, acceptance and effective sample size over the generations, each parameter's
/// weighted posterior marginal on its prior's range, the pairs' scatter plots, and the
/// posterior predictive check of every target against its observed value.
public enum CalibrationReport {
    /// Parameters drawn in the pair plots at most (k(k−1)/2 plots).
    public static let maxPairParameters = 8
    static let histogramBins = 24

    public static func present(_ dir: String) -> Bool {
        FileManager.default.fileExists(atPath: dir + "/calibration.json")
            && (FileManager.default.fileExists(atPath: dir + "/posterior.csv") || FileManager.default.fileExists(atPath: dir + "/pareto.csv"))
    }

    struct Record: Decodable {
        struct Generation: Decodable {
            let generation: Int, runs: Int
            let epsilon: Double?, acceptance: Double?, effective_sample_size: Double?, kept: Int?
            let front_size: Int?, hypervolume: Double?
        }
        struct Target: Decodable {
            let outcome: String, observed: Double, scale: Double?, observed_from: String?
        }
        struct Parameter: Decodable { let key: String, prior: String, low: Double, high: Double }
        struct Check: Decodable {
            struct Entry: Decodable {
                let outcome: String, observed: Double
                let mean: Double?, q05: Double?, q50: Double?, q95: Double?, share_below_observed: Double?, draws_with_outcome: Int
            }
            let draws: Int, generation: Int, targets: [Entry]
        }
        let method: String?
        let world: String?, world_name: String?, targets_file: String?, problem: String?
        let status: String?, stopped_because: String?, runs: Int?, replicates: Int?, ticks: Int?, seed: String?
        let generations: [Generation]
        let targets: [Target]?
        let objectives: [Target]?
        let parameters: [Parameter]?
        let predictive_check: Check?
    }

    /// A CSV of numbers with a header (posterior.csv, predictive.csv, pareto.csv); nil when unreadable.
    static func table(_ path: String) -> (header: [String], rows: [[Double]])? {
        guard let text = RunReport.readText(path) else { return nil }
        var lines = text.split(separator: "\n")
        guard !lines.isEmpty else { return nil }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard header.count <= maxColumns else { return nil }
        // A row's first field is its generation (or draw): a whole number, else the row is not one.
        var rows: [[Double]] = []
        for line in lines {
            let row: [Double] = line.split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
            guard row.count == header.count else { continue }
            let g = row[0]
            if g >= 0 && g <= 1e9 && g == g.rounded() { rows.append(row) }
        }
        return (header, rows)
    }

    /// Columns of posterior.csv, predictive.csv or pareto.csv read at most: a calibration has at
    /// most 64 parameters and 256 targets.
    static let maxColumns = 4 + 64 + 2 + 256 + 64
    /// Particles drawn in each pair plot at most (the heaviest); the histograms use every one.
    public static let maxPairDots = 2000

    public static func html(directory dir: String) throws(ChartError) -> String {
        guard let data = BoundedRead.data(dir + "/calibration.json", limit: RunReport.maxTextBytes) else {
            throw .input("\(dir)/calibration.json cannot be read")
        }
        let r: Record
        do throws(OutputError) { r = try JSONRecord.decode(Record.self, from: data, path: dir + "/calibration.json") } catch {
            throw .input("\(error)")
        }
        let name = r.world_name ?? r.problem ?? (dir as NSString).lastPathComponent
        var page = ReportPage(title: "NanoCity calibration: \(name)")
        page.heading("NanoCity calibration: \(name)", level: 1)
        func s<T>(_ v: T?) -> String { v.map { "\($0)" } ?? "—" }
        page.facts([("method", s(r.method)), ("world", s(r.world ?? r.problem)), ("targets file", s(r.targets_file)),
                    ("status", s(r.status) + (r.stopped_because.map { " (stopped: \($0))" } ?? "")),
                    ("simulations", "\(s(r.runs)) particles simulated (\(s(r.replicates)) run(s) each), \(r.generations.count) generation(s)"),
                    ("ticks per run", s(r.ticks)), ("seed", s(r.seed)), ("directory", dir)])
        if r.method == "nsga2" {
            addFronts(&page, r, dir: dir)
            return page.html
        }
        addGenerations(&page, r)
        guard let post = table(dir + "/posterior.csv"), post.header.count > 4, !post.rows.isEmpty else {
            page.paragraph("posterior.csv is missing, empty or not one this program writes (generation,particle,weight,distance, "
                + "then at most 64 parameters): the calibration has not finished a generation, or the file is damaged.", cls: "warn")
            return page.html
        }
        let keys = Array(post.header.dropFirst(4))
        let lastGeneration = post.rows.map { $0[0] }.filter(\.isFinite).max() ?? 0
        let last = post.rows.filter { $0[0] == lastGeneration }
        let weights = last.map { $0[2].isFinite ? max(0, $0[2]) : 0 }
        // A log-uniform prior is drawn on a log10 axis, where it is flat.
        let logAxis = keys.map { k in r.parameters?.first { $0.key == k }.map { $0.prior == "log-uniform" && $0.low > 0 } ?? false }
        let drawn = last.map { row in row.indices.map { i in i >= 4 && logAxis[i - 4] ? log10(row[i]) : row[i] } }
        let ranges: [ClosedRange<Double>] = keys.indices.map { k in
            if let p = r.parameters?.first(where: { $0.key == keys[k] }), p.low < p.high {
                return logAxis[k] ? log10(p.low)...log10(p.high) : p.low...p.high
            }
            let v = drawn.map { $0[4 + k] }.filter(\.isFinite)
            let lo = v.min() ?? 0, hi = v.max() ?? 1
            return lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
        }
        let labels = keys.indices.map { logAxis[$0] ? "log10(\(keys[$0]))" : keys[$0] }
        addMarginals(&page, keys: keys, labels: labels, last: last, drawn: drawn, weights: weights, ranges: ranges, generation: Int(lastGeneration), r: r)  // a whole number 0…1e9 (`table`)
        addPairs(&page, keys: labels, last: drawn, weights: weights, ranges: ranges, generation: Int(lastGeneration))
        addPredictive(&page, r, dir: dir)
        return page.html
    }

    static func addGenerations(_ page: inout ReportPage, _ r: Record) {
        page.heading("Generations")
        let g = r.generations
        let eps = ChartSeries(name: "ε", color: ChartColors.at(0), points: g.map { (Double($0.generation), $0.epsilon ?? .nan) })
        var chart = LineChart(title: "Tolerance ε per generation (the distance a particle had to beat)", xLabel: "generation",
                              yLabel: "ε (scaled distance)", series: [eps])
        chart.markers = true
        page.figure(svg: chart.svg)
        var acc = LineChart(title: "Acceptance rate and effective sample size share", xLabel: "generation", yLabel: "share",
                            series: [ChartSeries(name: "acceptance rate", color: ChartColors.at(1),
                                                 points: g.map { (Double($0.generation), $0.acceptance ?? .nan) }),
                                     ChartSeries(name: "ESS / kept", color: ChartColors.at(2),
                                                 points: g.map { x in (Double(x.generation), (x.effective_sample_size ?? .nan) / Double(max(1, x.kept ?? 1))) })])
        acc.markers = true
        page.figure(svg: acc.svg)
        page.table(header: ["generation", "simulated", "ε", "acceptance", "effective sample size", "kept"],
                   rows: g.map { [String($0.generation), String($0.runs), num($0.epsilon), num($0.acceptance),
                                  num($0.effective_sample_size), $0.kept.map(String.init) ?? "—"] }, numericFrom: 1)
    }

    static func num(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "—" }
        return String(format: abs(v) >= 1e5 || (abs(v) < 1e-3 && v != 0) ? "%.3g" : "%.4g", v)
    }

    /// Weighted quantile of `values` (weights ≥ 0): the smallest value whose cumulative weight reaches `p`.
    static func quantile(_ values: [Double], _ weights: [Double], _ p: Double) -> Double {
        let order = values.indices.filter { values[$0].isFinite }.sorted { values[$0] < values[$1] }
        let total = order.reduce(0) { $0 + weights[$1] }
        guard total > 0 else { return .nan }
        var acc = 0.0
        for i in order {
            acc += weights[i]
            if acc >= p * total { return values[i] }
        }
        return values[order.last!]
    }

    static func addMarginals(_ page: inout ReportPage, keys: [String], labels: [String], last: [[Double]], drawn: [[Double]], weights: [Double],
                             ranges: [ClosedRange<Double>], generation: Int, r: Record) {
        page.heading("Posterior marginals")
        page.paragraph("Generation \(generation), \(last.count) particles, each bar the weight of the particles in it "
            + "(weights normalised to 1); the x axis spans the prior's range (log10 for a log-uniform prior). Dashed: the weighted 5%, 50% and 95% quantiles.", cls: "note")
        var rows: [[String]] = []
        for (k, key) in keys.enumerated() {
            let v = last.map { $0[4 + k] }
            let q = [0.05, 0.5, 0.95].map { quantile(v, weights, $0) }
            let total = weights.reduce(0, +)
            let mean = total > 0 ? zip(v, weights).reduce(0) { $0 + ($1.0.isFinite ? $1.0 * $1.1 : 0) } / total : .nan
            let prior = r.parameters?.first { $0.key == key }
            rows.append([key, prior.map { "\($0.prior) \(num($0.low))–\(num($0.high))" } ?? "—", num(mean), num(q[1]), "\(num(q[0]))–\(num(q[2]))"])
            let d = drawn.map { $0[4 + k] }
            page.figure(svg: histogram(title: labels[k], values: d, weights: weights, range: ranges[k], marks: [0.05, 0.5, 0.95].map { quantile(d, weights, $0) }))
        }
        page.table(header: ["parameter", "prior", "posterior mean", "median", "90% interval"], rows: rows, numericFrom: 2)
    }

    static func histogram(title: String, values: [Double], weights: [Double], range: ClosedRange<Double>, marks: [Double],
                          observed: Double? = nil, yLabel: String = "posterior weight") -> String {
        let width = 520.0, height = 240.0, left = 64.0, right = 16.0, top = 30.0, bottom = 44.0
        let pw = width - left - right, ph = height - top - bottom
        var bins = [Double](repeating: 0, count: histogramBins)
        let span = range.upperBound - range.lowerBound
        for (v, w) in zip(values, weights) where v.isFinite && w.isFinite && w > 0 {
            // Outside the prior's range (a damaged file) a value lands in the end bin.
            let x = (v - range.lowerBound) / span * Double(histogramBins)
            guard x.isFinite else { continue }
            bins[x < 0 ? 0 : x >= Double(histogramBins) ? histogramBins - 1 : Int(x)] += w
        }
        let total = bins.reduce(0, +)
        if total > 0 { bins = bins.map { $0 / total } }
        let x = AxisScale(low: range.lowerBound, high: range.upperBound, ticks: 6)
        let y = AxisScale(low: 0, high: bins.max() ?? 1, ticks: 4)
        func px(_ v: Double) -> Double { left + x.position(v, length: pw) }
        func py(_ v: Double) -> Double { top + ph - y.position(v, length: ph) }
        var w = SVGWriter(width: width, height: height)
        w.text(title, x: left, y: 18, size: 13, weight: "bold")
        w.gridAndTicks(x: x, y: y, left: left, top: top, width: pw, height: ph, fontSize: 10, xLabelDrop: 16)
        let bw = span / Double(histogramBins)
        for (i, b) in bins.enumerated() where b > 0 {
            let x0 = px(range.lowerBound + Double(i) * bw), x1 = px(range.lowerBound + Double(i + 1) * bw)
            w.raw("<rect class=\"bin\" x=\"\(SVGWriter.n(x0))\" y=\"\(SVGWriter.n(py(b)))\" width=\"\(SVGWriter.n(max(0.5, x1 - x0 - 1)))\" "
                + "height=\"\(SVGWriter.n(py(0) - py(b)))\" fill=\"#0072b2\" fill-opacity=\"0.7\"><title>\(SVGWriter.n(b * 100))%</title></rect>\n")
        }
        for m in marks where m.isFinite { w.line(px(m), top, px(m), top + ph, stroke: "#444444", width: 1.2, dash: "4,3") }
        if let observed, observed.isFinite {
            let xo = px(min(max(observed, x.lower), x.upper))
            w.raw("<line class=\"observed\" x1=\"\(SVGWriter.n(xo))\" y1=\"\(SVGWriter.n(top))\" x2=\"\(SVGWriter.n(xo))\" y2=\"\(SVGWriter.n(top + ph))\" stroke=\"#d55e00\" stroke-width=\"2.5\"/>\n")
            w.text("observed " + num(observed), x: min(xo + 4, left + pw - 90), y: top + 12, size: 11, fill: "#d55e00")
        }
        w.line(left, top + ph, left + pw, top + ph, stroke: "#444444")
        w.text(yLabel, x: 14, y: top + ph / 2, size: 11, anchor: .middle, rotate: true)
        return w.document
    }

    static func addPairs(_ page: inout ReportPage, keys: [String], last: [[Double]], weights: [Double],
                         ranges: [ClosedRange<Double>], generation: Int) {
        guard keys.count >= 2 else { return }
        page.heading("Pairs")
        let shown = min(keys.count, maxPairParameters)
        page.paragraph("Generation \(generation)'s particles, one dot each, its area proportional to its weight; axes span the priors' ranges."
            + (shown < keys.count ? " The first \(shown) of \(keys.count) parameters are drawn." : "")
            + (last.count > maxPairDots ? " The \(maxPairDots) heaviest of \(last.count) particles are drawn." : ""), cls: "note")
        let size = 220.0, pad = 46.0
        let maxW = weights.filter(\.isFinite).max() ?? 1
        // The heaviest particles, when there are more than a plot can show.
        let shownParticles = last.count <= maxPairDots ? Array(last.indices)
            : Array(last.indices.sorted { (weights[$0], -$0) > (weights[$1], -$1) }.prefix(maxPairDots)).sorted()
        var html = "<div class=\"maps\">"
        for a in 0..<shown {
            for b in (a + 1)..<shown {
                var w = SVGWriter(width: size + pad + 10, height: size + pad + 10)
                let xs = AxisScale(low: ranges[a].lowerBound, high: ranges[a].upperBound, ticks: 4)
                let ys = AxisScale(low: ranges[b].lowerBound, high: ranges[b].upperBound, ticks: 4)
                func px(_ v: Double) -> Double { pad + xs.position(v, length: size) }
                func py(_ v: Double) -> Double { 10 + size - ys.position(v, length: size) }
                w.rect(pad, 10, size, size, fill: "#fafafa", stroke: "#999999")
                for t in xs.ticks { w.text(xs.label(t), x: px(t), y: size + 24, size: 9, anchor: .middle) }
                for t in ys.ticks { w.text(ys.label(t), x: pad - 4, y: py(t) + 3, size: 9, anchor: .end) }
                for i in shownParticles where last[i][4 + a].isFinite && last[i][4 + b].isFinite && weights[i].isFinite {
                    let p = last[i], wt = weights[i]
                    let r = 1.2 + 4 * (maxW > 0 ? (wt / maxW).squareRoot() : 0)
                    w.raw("<circle class=\"particle\" cx=\"\(SVGWriter.n(px(p[4 + a])))\" cy=\"\(SVGWriter.n(py(p[4 + b])))\" r=\"\(SVGWriter.n(r))\" fill=\"#0072b2\" fill-opacity=\"0.45\"/>\n")
                }
                w.text(keys[a], x: pad + size / 2, y: size + 40, size: 10, anchor: .middle)
                w.text(keys[b], x: 10, y: 10 + size / 2, size: 10, anchor: .middle, rotate: true)
                html += "<figure>" + w.inline + "</figure>"
            }
        }
        page.raw(html + "</div>\n")
    }

    static func addPredictive(_ page: inout ReportPage, _ r: Record, dir: String) {
        page.heading("Posterior predictive check")
        guard let check = r.predictive_check, let pred = table(dir + "/predictive.csv") else {
            page.paragraph("No predictive check (predictive = 0 in the targets file, or the calibration has not finished).", cls: "note")
            return
        }
        page.paragraph("\(check.draws) simulations at particles drawn by weight from generation \(check.generation), each with new seeds: "
            + "the distribution of each target's outcome, and the observed value in it (orange). An observed value far in a tail says "
            + "the model, at its fitted parameters, does not produce what was observed.", cls: "note")
        var rows: [[String]] = []
        for e in check.targets {
            rows.append([e.outcome, num(e.observed), num(e.mean), "\(num(e.q05))–\(num(e.q95))", num(e.share_below_observed), String(e.draws_with_outcome)])
            guard let c = pred.header.lastIndex(of: e.outcome) else { continue }
            let v = pred.rows.map { $0[c] }.filter(\.isFinite)
            guard let lo = (v + [e.observed]).min(), let hi = (v + [e.observed]).max() else { continue }
            let range = lo < hi ? lo...hi : (lo - 0.5)...(hi + 0.5)
            page.figure(svg: histogram(title: e.outcome, values: v, weights: v.map { _ in 1 }, range: range,
                                       marks: [e.q05, e.q50, e.q95].compactMap { $0 }, observed: e.observed, yLabel: "share of draws"))
        }
        page.table(header: ["target", "observed", "predictive mean", "90% band", "share below observed", "draws"], rows: rows, numericFrom: 1)
    }

    static func addFronts(_ page: inout ReportPage, _ r: Record, dir: String) {
        page.heading("Pareto fronts")
        let g = r.generations
        if g.contains(where: { $0.hypervolume != nil }) {
            var hv = LineChart(title: "Hypervolume of the first front per generation", xLabel: "generation", yLabel: "hypervolume",
                               series: [ChartSeries(name: "hypervolume", color: ChartColors.at(0), points: g.map { (Double($0.generation), $0.hypervolume ?? .nan) })])
            hv.markers = true
            page.figure(svg: hv.svg)
        }
        guard let front = table(dir + "/pareto.csv"), front.header.count >= 4 else { return }
        let objectives = front.header.filter { $0.hasPrefix("objective_") }
        let lastGeneration = front.rows.map { $0[0] }.filter(\.isFinite).max() ?? 0
        let last = front.rows.filter { $0[0] == lastGeneration }
        if objectives.count >= 2 {
            var chart = LineChart(title: "First front of generation \(Int(lastGeneration))", xLabel: objectives[0], yLabel: objectives[1],
                                  series: [ChartSeries(name: "front", color: ChartColors.at(1), points: last.map { ($0[2], $0[3]) }.sorted { $0.0 < $1.0 })])
            chart.lines = false
            page.figure(svg: chart.svg)
        }
        page.table(header: ["generation", "simulated", "front size", "hypervolume"],
                   rows: g.map { [String($0.generation), String($0.runs), $0.front_size.map(String.init) ?? "—", num($0.hypervolume)] }, numericFrom: 1)
    }
}
