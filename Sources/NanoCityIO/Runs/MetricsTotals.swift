import Foundation
import NanoCityModel

/// Counter metrics summed over the rows of a `metrics.csv`: the run totals a continued run's
/// frames carry on from.
enum MetricsTotals {
    /// One value per metric (`MetricCatalog` order; levels stay 0), or nil when the file is
    /// missing or its header is not this program's.
    static func read(_ path: String) -> [Double]? {
        guard let file = MetricsFile(path: path), file.header.joined(separator: ",") + "\n" == MetricsRecorder.header else { return nil }
        let counters = MetricCatalog.all.indices.filter { MetricCatalog.all[$0].kind == .counter }
        var totals = [Double](repeating: 0, count: MetricCatalog.all.count)
        do {
            try file.forEachRow { _, _, fields in
                guard fields.count == MetricCatalog.all.count + 1 else { return }
                for i in counters { totals[i] += Double(fields[i + 1]) ?? 0 }
            }
        } catch { return nil }
        return totals
    }
}
