import Foundation
import NanoCityIO
import NanoCityStats
import NanoCityAnalysis
import NanoCityModel

/// Charts of a sweep: each outcome against each varied lever, with the point means and their
/// 95% Student-t intervals (the numbers of `points.csv`); and Sobol' indices from
/// `sensitivity.csv`.
public enum SweepCharts {
    /// Series per chart at most: more combinations of the other levers are drawn as points.
    public static let maxSeries = 8


    /// One chart per (outcome, numeric lever); outcomes with the same value at every point
    /// and replicate are skipped (a flat line says nothing) and returned in `skipped`.
    public static func outcomeCharts(_ r: SweepResults, outcomes wanted: [String]?) throws(ChartError)
        -> (charts: [(name: String, chart: LineChart)], skipped: [String]) {
        let names = wanted ?? MetricCatalog.headlineOutcomes.filter { r.outcomes.contains($0) }
        var out: [(String, LineChart)] = []
        var skipped: [String] = []
        // Sampled designs are drawn as clouds of point means, never joined by lines.
        let cloud = r.sampling.isSampled
        for name in names {
            guard let o = r.outcomes.firstIndex(of: name) else {
                throw .input("--outcomes: `\(name)` is not an outcome of \(r.directory); outcomes: \(r.outcomes.prefix(12).joined(separator: ", ")), …")
            }
            let all = r.points.flatMap { $0.values(o) }
            if let first = all.first, all.allSatisfy({ $0 == first }) {
                skipped.append(name)
                continue
            }
            let stats = r.points.map { SampleSummary($0.values(o)) }
            for (k, key) in r.variedKeys.enumerated() {
                let xs = r.points.map { Double($0.values[k]) }
                guard xs.allSatisfy({ $0 != nil }) else { continue }  // a lever with text values
                // Points that share the other levers' values form one series.
                var groups: [[String]: [Int]] = [:], order: [[String]] = []
                for (i, p) in r.points.enumerated() {
                    var rest = p.values
                    rest.remove(at: k)
                    if groups[rest] == nil { order.append(rest) }
                    groups[rest, default: []].append(i)
                }
                let grid = !cloud && order.count <= maxSeries && groups.values.contains { $0.count > 1 }
                var series: [ChartSeries] = []
                let members = grid ? order.map { groups[$0]! } : [Array(r.points.indices)]
                for (g, idx) in members.enumerated() {
                    let sorted = idx.sorted { xs[$0]! < xs[$1]! }
                    let others = r.variedKeys.enumerated().filter { $0.offset != k }
                    let label = grid && !others.isEmpty
                        ? others.map { "\($0.element)=\(r.points[sorted[0]].values[$0.offset])" }.joined(separator: ", ") : "point means"
                    series.append(ChartSeries(name: label, color: ChartColors.at(g),
                                              points: sorted.map { (xs[$0]!, stats[$0].mean) },
                                              interval: sorted.map { stats[$0].ci95 ?? (.nan, .nan) }))
                }
                let n = stats.map(\.n)
                let what = cloud ? "point means of a \(r.sampling.rawValue) design, other levers varying too" : "mean, 95% CI"
                var chart = LineChart(title: "\(name) against \(key) (\(what); n = \(n.min() ?? 0)–\(n.max() ?? 0) per point)",
                                      xLabel: key, yLabel: name, series: series)
                chart.markers = true
                chart.lines = !cloud
                if !grid { chart.series = series.map { var s = $0; s.interval = nil; return s } }
                out.append((name + "_vs_" + key, chart))
            }
        }
        return (out, skipped)
    }

    /// One chart per outcome of `directory/sensitivity.csv` (Sobol' designs), or none.
    public static func indexCharts(directory: String) throws(ChartError) -> [(name: String, chart: IndexChart)] {
        let path = directory + "/sensitivity.csv"
        guard let text = RunReport.readText(path, limit: 64 << 20) else { return [] }  // an index table is a few KB
        let lines = text.split(separator: "\n")
        guard let header = lines.first?.split(separator: ",").map(String.init) else { return [] }
        let want = ["outcome", "parameter", "S1", "S1_ci_low", "S1_ci_high", "ST", "ST_ci_low", "ST_ci_high"]
        let cols = want.map { header.firstIndex(of: $0) }
        guard cols.allSatisfy({ $0 != nil }) else { return [] }  // a Morris table: no Sobol' bars
        var byOutcome: [String: [IndexChart.Row]] = [:], order: [String] = []
        for (n, line) in lines.dropFirst().enumerated() {
            let f = SummaryCSV.split(String(line))
            guard f.count == header.count else { throw .input("\(path):\(n + 2): \(f.count) fields, the header has \(header.count)") }
            let v = cols.dropFirst(2).map { Double(f[$0!]) ?? .nan }
            let outcome = f[cols[0]!]
            if byOutcome[outcome] == nil { order.append(outcome) }
            byOutcome[outcome, default: []].append(IndexChart.Row(parameter: f[cols[1]!], s1: v[0], s1Low: v[1], s1High: v[2],
                                                                  st: v[3], stLow: v[4], stHigh: v[5]))
        }
        return order.map { ($0 + "_sobol", IndexChart(title: "Sobol' indices of \($0)", rows: byOutcome[$0]!)) }
    }
}
