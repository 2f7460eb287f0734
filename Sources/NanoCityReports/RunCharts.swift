import Foundation
import NanoCityIO
import NanoCityModel

/// Charts of one run's `metrics.csv`: each chosen metric over ticks, per-tick counters drawn as
/// running totals (a per-tick count is mostly zeros and ones).
public enum RunCharts {
    /// Points per series at most: longer runs are thinned evenly (the last tick always kept).
    public static let maxPoints = 2000

    /// The charts of `directory`'s run, one per metric.
    public static func charts(directory: String, metrics wanted: [String]?) throws(ChartError) -> [LineChart] {
        let path = directory + "/" + OutputNames.metrics
        guard FileManager.default.fileExists(atPath: path) else {
            throw .input("\(path) does not exist: give the output directory of a run (its --out)")
        }
        guard let file = MetricsFile(path: path) else { throw .input("\(path) has no metrics header (tick,…)") }
        let header = file.header
        let names = wanted ?? MetricCatalog.headlines.map(\.name).filter { header.contains($0) }
        let recorded = recordedMetrics(directory: directory)
        var columns: [(spec: Metric, column: Int)] = []
        for n in names {
            guard let c = header.firstIndex(of: n), let m = recorded[n] ?? Metric(catalog: n) else {
                let known = header.dropFirst().joined(separator: ", ")
                throw .input("--metrics: `\(n)` is not a column of \(path); columns: \(known)")
            }
            columns.append((m, c))
        }
        // Streamed: every row feeds the running totals, at most `maxPoints` are kept (memory
        // does not grow with the file).
        let rows = file.rowCount
        let stride = max(1, (rows + maxPoints - 1) / maxPoints)
        var ticks: [Double] = []
        var values = [[Double]](repeating: [], count: columns.count)
        var running = [Double](repeating: 0, count: columns.count)
        do {
            try file.forEachRow { r, line, f in
                guard f.count == header.count, let t = Double(f[0]) else {
                    throw ChartError.input("\(path):\(line): malformed row (\(f.count) fields, the header has \(header.count))")
                }
                for (k, c) in columns.enumerated() {
                    let v = Double(f[c.column]) ?? .nan
                    running[k] = c.spec.kind == .counter ? running[k] + (v.isFinite ? v : 0) : v
                }
                guard r % stride == 0 || r == rows - 1 else { return }
                ticks.append(t)
                for k in columns.indices { values[k].append(running[k]) }
            }
        } catch let e as ChartError { throw e } catch { throw .input("\(path): \(error)") }
        return columns.enumerated().map { k, c in
            let cumulative = c.spec.kind == .counter
            let unit = c.spec.unit.isEmpty ? "" : " (\(c.spec.unit))"
            let title = c.spec.name + (cumulative ? ", cumulative" : "") + " — " + c.spec.doc
            let series = ChartSeries(name: c.spec.name, color: ChartColors.at(k), points: zip(ticks, values[k]).map { ($0, $1) })
            var chart = LineChart(title: String(title.prefix(90)), xLabel: "tick", yLabel: c.spec.name + unit, series: [series])
            chart.height = 260
            return chart
        }
    }
}

/// A chart that cannot be drawn from its input.
public enum ChartError: Error, CustomStringConvertible, Sendable {
    case input(String)
    public var description: String { if case .input(let m) = self { m } else { "" } }
}

extension RunCharts {
    /// What a chart needs to know of a metric: whether it counts per tick, its unit and meaning.
    struct Metric {
        let name: String
        let kind: MetricKind
        let unit: String
        let doc: String

        init(name: String, kind: MetricKind, unit: String, doc: String) {
            (self.name, self.kind, self.unit, self.doc) = (name, kind, unit, doc)
        }

        /// This build's declaration of `name`, if it has one.
        init?(catalog name: String) {
            guard let i = MetricCatalog.index(of: name) else { return nil }
            let s = MetricCatalog.all[i]
            self.init(name: s.name, kind: s.kind, unit: s.unit, doc: s.doc)
        }
    }

    /// The metrics as the run's own manifest declares them (`metrics`: name, kind, unit, doc),
    /// so a run made by another version is charted by what it recorded; empty without a
    /// readable manifest (the catalog answers then).
    static func recordedMetrics(directory: String) -> [String: Metric] {
        guard let list = (try? ManifestRecord.read(directory + "/" + OutputNames.manifest))?.metrics else { return [:] }
        var out: [String: Metric] = [:]
        for entry in list.prefix(10_000) {
            guard let kind = entry.metricKind else { continue }
            let doc = entry.doc ?? Metric(catalog: entry.name)?.doc ?? ""
            out[entry.name] = Metric(name: entry.name, kind: kind, unit: entry.unit ?? "", doc: doc)
        }
        return out
    }
}
