import Foundation
import NanoCityModel

/// Counter metrics summed over the rows of a `metrics.csv`: the run totals a continued run's
/// frames carry on from.
enum MetricsTotals {
    /// One value per metric of a run on `map` (`MetricCatalog.columns(for:)` order; levels
    /// stay 0), or nil when the file is missing or its header is not this program's for `map`.
    static func read(_ path: String, map: CityMap) -> [Double]? {
        guard let file = MetricsFile(path: path), file.header.joined(separator: ",") + "\n" == MetricsRecorder.header(for: map) else { return nil }
        let columns = MetricCatalog.columns(for: map)
        let counters = columns.indices.filter { columns[$0].kind == .counter }
        var totals = [Double](repeating: 0, count: columns.count)
        do {
            try file.forEachRow { _, _, fields in
                guard fields.count == columns.count + 1 else { return }
                for i in counters { totals[i] += Double(fields[i + 1]) ?? 0 }
            }
        } catch { return nil }
        return totals
    }
}
