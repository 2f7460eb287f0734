import Foundation
import NanoCityIO
import NanoCityModel

/// Charts of a fork's `arms_ticks.csv`: for each chosen metric, every arm's mean paired
/// difference from the baseline arm at each tick after the fork, with its 95% CI as a band.
public enum ForkCharts {
    /// Points per series at most (longer forks are thinned evenly, the last tick kept).
    public static let maxPoints = 1500

    /// One chart per metric; nil when the directory holds no `arms_ticks.csv`.
    public static func charts(directory: String, metrics wanted: [String]?) throws(ChartError) -> [(name: String, chart: LineChart)]? {
        let path = directory + "/arms_ticks.csv"
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let file = MetricsFile(path: path) else { throw .input("\(path) has no header (tick,arm,…)") }
        let header = file.header
        guard header.count >= 5, header[0] == "tick", header[1] == "arm" else { throw .input("\(path): the header must start tick,arm") }
        let names = wanted ?? MetricCatalog.headlines.map(\.name).filter { header.contains($0 + "_diff") }
        var columns: [(name: String, c: Int)] = []
        for n in names {
            guard let c = header.firstIndex(of: n + "_diff"), c + 2 < header.count else {
                throw .input("--metrics: `\(n)` is not a metric of \(path) (columns <metric>_diff, _ci_low, _ci_high)")
            }
            columns.append((n, c))
        }
        // Rows come arm by arm, tick by tick; streamed, each arm keeps at most about
        // `maxPoints` rows (its first and last always), of the chosen columns only.
        let stride = max(1, (file.rowCount + maxPoints - 1) / maxPoints)
        var arms: [String] = []
        struct Kept { var seen = 0; var rows: [[Double]] = []; var last: [Double]? = nil }
        var byArm: [String: Kept] = [:]
        let wanted = [0] + columns.flatMap { [$0.c, $0.c + 1, $0.c + 2] }
        do {
            try file.forEachRow { _, line, f in
                guard f.count == header.count else { throw ChartError.input("\(path):\(line): \(f.count) fields, the header has \(header.count)") }
                let arm = String(f[1].prefix(64))
                if byArm[arm] == nil {
                    guard arms.count < 1000 else { return }
                    arms.append(arm)
                }
                let values = wanted.map { Double(f[$0]) ?? .nan }
                var k = byArm[arm] ?? Kept()
                if k.seen % stride == 0 { k.rows.append(values); k.last = nil } else { k.last = values }
                k.seen += 1
                byArm[arm] = k
            }
        } catch let e as ChartError { throw e } catch { throw .input("\(path): \(error)") }
        var out: [(String, LineChart)] = []
        for (ci, (name, _)) in columns.enumerated() {
            let spec = MetricCatalog.index(of: name).map { MetricCatalog.all[$0] }
            var series: [ChartSeries] = []
            for (k, arm) in arms.enumerated() {
                let kept = byArm[arm]!.rows + (byArm[arm]!.last.map { [$0] } ?? [])
                let v = 1 + 3 * ci
                series.append(ChartSeries(name: arm + " − baseline", color: ChartColors.at(k),
                                          points: kept.map { ($0[0], $0[v]) },
                                          interval: kept.map { ($0[v + 1], $0[v + 2]) }))
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
