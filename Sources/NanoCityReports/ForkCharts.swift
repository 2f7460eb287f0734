import Foundation
import NanoCityIO
import NanoCityModel

/// Charts of a fork's `arms_ticks.csv`: for each chosen metric, every arm's mean paired
/// difference from the baseline arm at each tick after the fork, with its 95% CI as a band.
public enum ForkCharts {
    /// Metrics charted when none are named.
    public static let defaultMetrics = ["thefts", "dumps_undetected", "arrests", "heist_losses_net", "reservoir_stock",
                                        "public_health", "guards"]
    /// Points per series at most (longer forks are thinned evenly, the last tick kept).
    public static let maxPoints = 1500
    static let maxBytes = 1 << 31

    /// One chart per metric; nil when the directory holds no `arms_ticks.csv`.
    public static func charts(directory: String, metrics wanted: [String]?) throws(ChartError) -> [(name: String, chart: LineChart)]? {
        let path = directory + "/arms_ticks.csv"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let file = MetricsFile(path: path, maxBytes: maxBytes) else { throw .input("\(path) has no header (tick,arm,…)") }
        let header = file.header
        guard header.count >= 5, header[0] == "tick", header[1] == "arm" else { throw .input("\(path): the header must start tick,arm") }
        let names = wanted ?? defaultMetrics.filter { header.contains($0 + "_diff") }
        var columns: [(name: String, c: Int)] = []
        for n in names {
            guard let c = header.firstIndex(of: n + "_diff"), c + 2 < header.count else {
                throw .input("--metrics: `\(n)` is not a metric of \(path) (columns <metric>_diff, _ci_low, _ci_high)")
            }
            columns.append((n, c))
        }
        // Rows come arm by arm, tick by tick.
        var arms: [String] = []
        var byArm: [String: [[Substring]]] = [:]
        for (r, f) in file.rows.enumerated() {
            guard f.count == header.count else { throw .input("\(path):\(r + 2): \(f.count) fields, the header has \(header.count)") }
            let arm = String(f[1])
            if byArm[arm] == nil { arms.append(arm) }
            byArm[arm, default: []].append(Array(f))
        }
        var out: [(String, LineChart)] = []
        for (name, c) in columns {
            let spec = MetricCatalog.index(of: name).map { MetricCatalog.all[$0] }
            var series: [ChartSeries] = []
            for (k, arm) in arms.enumerated() {
                let rows = byArm[arm]!
                let stride = max(1, (rows.count + maxPoints - 1) / maxPoints)
                let kept = rows.indices.filter { $0 % stride == 0 || $0 == rows.count - 1 }.map { rows[$0] }
                func num(_ s: Substring) -> Double { Double(s) ?? .nan }
                series.append(ChartSeries(name: arm + " − baseline", color: ChartColors.at(k),
                                          points: kept.map { (num($0[0]), num($0[c])) },
                                          interval: kept.map { (num($0[c + 1]), num($0[c + 2])) }))
            }
            let unit = spec.map { $0.unit.isEmpty ? "" : " (\($0.unit))" } ?? ""
            let per = spec?.kind == .counter ? " per tick" : ""
            var chart = LineChart(title: "\(name)\(per): arm − baseline (mean paired difference, 95% CI)",
                                  xLabel: "tick (after the fork)", yLabel: "Δ " + name + unit, series: series)
            chart.height = 280
            out.append(("fork_" + name, chart))
        }
        return out
    }
}
